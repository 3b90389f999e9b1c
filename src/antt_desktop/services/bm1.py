"""BM1 periodic statistics and the annual report: compute, check, export, submit (issue #11)."""

from __future__ import annotations

import csv
import uuid
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path

from antt_desktop.domain import bm1 as rules
from antt_desktop.domain.access import Permission
from antt_desktop.domain.annual_report import AnnualReport, MonthLine, ReportHeading, YearRecords, summarize_year
from antt_desktop.domain.bm1 import (
    Bm1Note,
    Bm1Period,
    Bm1Report,
    Bm1Row,
    CommuneFacts,
    NoteKind,
    PeriodNotEnded,
    PreviousFigures,
    PreviousSource,
    StoredReport,
    TeamFacts,
)
from antt_desktop.domain.errors import DomainError, error_dataclass
from antt_desktop.domain.people import UnitMode
from antt_desktop.domain.service_records import RecordKind
from antt_desktop.domain.team_sizing import HamletFacts, team_quota
from antt_desktop.domain.units import Unit, UnitNotSetUp, police_signer_title
from antt_desktop.paths import resource_path
from antt_desktop.services.context import ServiceContext

REPORT_KIND = "bm1"
# The province's official order of communes, as data (domain/BM1.md): CCCD province code -> file.
OFFICIAL_ORDER_FILES = {"064": "gia-lai-communes.csv"}


@error_dataclass
class ReportHasBreaks(DomainError):
    """Submitting would record figures whose invariants do not hold."""

    count: int


@error_dataclass
class SubmittedPeriodOverlaps(DomainError):
    """A report already submitted covers part of this period, or a later one."""

    first: date
    last: date


@error_dataclass
class UnsupportedOutput(DomainError):
    path: str
    expected: str          # ".xlsx, .pdf"


@dataclass(frozen=True, slots=True)
class SubmittedBm1:
    """A BM1 as it was submitted: kept read-only, the next period's «kỳ trước»."""

    id: str
    unit_code: str
    period: Bm1Period
    submitted_at: datetime
    submitted_by: str
    rows: tuple[Bm1Row, ...]
    total: Bm1Row | None


class Bm1Service:
    def __init__(self, context: ServiceContext) -> None:
        self._context = context

    # --- computing ----------------------------------------------------------------------------

    def default_period(self) -> Bm1Period:
        return rules.default_period(self._context.today())

    def report(self, period: Bm1Period | None = None) -> Bm1Report:
        """BM1 for the period: the commune's row, or at the higher unit one row per commune and a total."""
        period = period or self.default_period()
        with self._context.new_uow() as uow:
            own, facts, order_notes = self._gather(uow)
            previous = self._previous(uow, own.code, period)
        return self._build(own, facts, period, previous, order_notes)

    @staticmethod
    def _build(own: Unit, facts, period: Bm1Period, previous, notes) -> Bm1Report:
        return rules.build_report(facts, period, previous, with_total=own.mode is UnitMode.AGGREGATOR,
                                  title_unit=police_unit_name(own), extra_notes=notes)

    def _gather(self, uow) -> tuple[Unit, list[CommuneFacts], list[Bm1Note]]:
        """The facts of every commune the report covers, read in a few bulk queries."""
        own, communes, notes = self._communes(uow)
        quota_of = self._quota_function(uow, own)
        only = communes[0][0] if len(communes) == 1 else None
        records = uow.service_records
        members = records.member_facts(only)
        placements = records.placements(only)
        teams = _group(uow.teams.list(only))
        incidents = _group(records.for_unit(RecordKind.INCIDENT, only))
        commendations = _group(records.for_unit(RecordKind.COMMENDATION, only))
        attendances = _group(records.attendances(unit_code=only))
        courses = {c.id: c for c in records.courses(only)}
        wanted = {a.course_id for group in attendances.values() for a in group} - courses.keys()
        if wanted:
            courses.update({c.id: c for c in records.courses(course_ids=wanted)})
        courses_by_unit = _group(courses.values())
        facts = []
        for code, name in communes:
            attended = attendances.get(code, [])
            own_courses = {c.id: c for c in courses_by_unit.get(code, [])}
            own_courses.update({a.course_id: courses[a.course_id] for a in attended if a.course_id in courses})
            facts.append(CommuneFacts(
                unit_code=code, name=name, members=tuple(members.get(code, ())),
                teams=tuple(TeamFacts(t.id, t.name, t.establishing_decision_id is not None, t.established_on,
                                      t.dissolved_on, quota_of(t)) for t in teams.get(code, ())),
                placements=tuple(placements.get(code, ())), incidents=tuple(incidents.get(code, ())),
                courses=tuple(own_courses.values()), attendances=tuple(attended),
                commendations=tuple(commendations.get(code, ()))))
        return own, facts, notes

    def heading(self) -> ReportHeading:
        with self._context.new_uow() as uow:
            own = uow.units.own()
        if own is None:
            raise UnitNotSetUp()
        return report_heading(own, self._context.today())

    def _communes(self, uow) -> tuple[Unit, list[tuple[str, str]], list[Bm1Note]]:
        own = uow.units.own()
        if own is None:
            raise UnitNotSetUp()
        if own.mode is not UnitMode.AGGREGATOR:
            return own, [(own.code, own.name)], []
        units = [(u.code, u.name) for u in uow.units.all() if not u.is_own]
        ordered, unknown = rules.official_order(units, official_commune_names(own.province_code))
        notes = [Bm1Note(NoteKind.NOT_IN_OFFICIAL_ORDER, code, name) for code, name in unknown]
        return own, ordered, notes

    def _quota_function(self, uow, own: Unit):
        """Members a team may have by the UBND's decision: the quota entered for the team, else
        the maximum of the province's sizing rule for its hamlet (None when neither is known)."""
        from antt_desktop.domain.policies import policy_from_dict

        sizing = None
        if own.policy_version_id:
            row = uow.policies.get_row(own.policy_version_id)
            if row is not None:
                sizing = policy_from_dict(row.parameters).sizing
        hamlets = {h.id: h for h in uow.hamlets.list()} if sizing is not None else {}

        def quota(team) -> int | None:
            if team.quota_override is not None:
                return team.quota_override
            if sizing is None:
                return None
            hamlet = hamlets.get(team.hamlet_id)
            if hamlet is None:
                return None
            try:
                return team_quota(sizing, HamletFacts(kind=hamlet.kind, households=hamlet.households,
                                                      residents=hamlet.residents,
                                                      is_key_area=hamlet.is_complex)).max_members
            except DomainError:
                return None

        return quota

    def _previous(self, uow, own_code: str, period: Bm1Period) -> dict[str, PreviousFigures]:
        row = uow.service_records.last_submitted_before(own_code, REPORT_KIND, period.day_before)
        if row is None:
            return {}
        figures = {}
        for line in row.rows:
            if line.get("is_total"):
                continue
            ids = line.get("member_ids")
            figures[line["unit_code"]] = PreviousFigures(
                int(line["figures"]["4"]), frozenset(ids) if ids is not None else None, row.period_last,
                PreviousSource.SUBMITTED, row.id)
        return figures

    # --- submitting ---------------------------------------------------------------------------

    def submit(self, period: Bm1Period, *, accept_breaks: bool = False) -> SubmittedBm1:
        """Keep the figures as submitted (read-only); they become the next period's «kỳ trước»."""
        own = self._own()
        self._context.require(Permission.REVIEW if own.mode is UnitMode.AGGREGATOR else Permission.EDIT_RECORDS)
        today = self._context.today()
        if period.last >= today:
            raise PeriodNotEnded(period.last, today)
        report = self.report(period)
        if report.breaks and not accept_breaks:
            raise ReportHasBreaks(len(report.breaks))
        with self._context.new_uow() as uow:
            for existing in uow.service_records.submitted(own.code, REPORT_KIND):
                if existing.period_last >= period.first:
                    raise SubmittedPeriodOverlaps(existing.period_first, existing.period_last)
            now = self._context.clock().replace(microsecond=0)
            stored_rows = [_row_json(row) for row in report.rows]
            if report.total is not None:
                stored_rows.append({**_row_json(report.total), "is_total": True})
            row = StoredReport(
                id=str(uuid.uuid4()), unit_code=own.code, kind=REPORT_KIND, period_first=period.first,
                period_last=period.last, submitted_at=now, submitted_by=self._context.actor,
                rows=tuple(stored_rows))
            uow.service_records.add_submitted(row)
            uow.audit.record(self._context.actor, "report.submitted", "submitted_report", row.id, own.code,
                             after={"kind": REPORT_KIND, "period_first": period.first.isoformat(),
                                    "period_last": period.last.isoformat(),
                                    "breaks": len(report.breaks),
                                    "figures": [{k: v for k, v in r.items() if k != "member_ids"}
                                                for r in stored_rows]})
            uow.commit()
            return _submitted(row)

    def submitted(self) -> list[SubmittedBm1]:
        own = self._own()
        with self._context.new_uow() as uow:
            return [_submitted(row) for row in uow.service_records.submitted(own.code, REPORT_KIND)]

    def _own(self) -> Unit:
        with self._context.new_uow() as uow:
            own = uow.units.own()
        if own is None:
            raise UnitNotSetUp()
        return own

    # --- exporting ----------------------------------------------------------------------------

    def export(self, report: Bm1Report, path: Path) -> Path:
        """BM1 to .xlsx or .pdf (aggregate figures only: no personal data leaves)."""
        self._context.require(Permission.VIEW)
        path = Path(path)
        heading = self.heading()
        suffix = path.suffix.lower()
        if suffix == ".xlsx":
            from antt_desktop.documents.bm1_xlsx import write_bm1_xlsx

            return write_bm1_xlsx(report, heading, path)
        if suffix == ".pdf":
            from antt_desktop.documents.bm1_pdf import write_bm1_pdf

            return write_bm1_pdf(report, heading, path)
        raise UnsupportedOutput(str(path), ".xlsx, .pdf")

    # --- annual report ------------------------------------------------------------------------

    def annual(self, year: int, sections: dict[str, str] | None = None) -> AnnualReport:
        """The year's figures (15/12 of the year before to 14/12), the monthly BM1 lines and the texts."""
        full_year = rules.annual_period(year)
        today = self._context.today()
        # Figures are stated up to the report date, never for days still to come.
        period = rules.period_until(full_year, today) or full_year
        with self._context.new_uow() as uow:
            own, facts, notes = self._gather(uow)
            bm1 = self._build(own, facts, period, self._previous(uow, own.code, period), notes)
            submitted = {(s.period_first, s.period_last): s
                         for s in uow.service_records.submitted(own.code, REPORT_KIND)}
            months = []
            for month in range(1, 13):
                whole_month = rules.monthly_period(year, month)
                month_period = rules.period_until(whole_month, today)
                if month_period is None:            # not begun on the report date
                    continue
                stored = submitted.get((month_period.first, month_period.last))
                if stored is not None:
                    built = _submitted(stored)
                    line = built.total or (built.rows[0] if built.rows else None)
                else:
                    computed = self._build(own, facts, month_period,
                                           self._previous(uow, own.code, month_period), [])
                    line = computed.total or (computed.rows[0] if computed.rows else None)
                if line is not None:
                    months.append(MonthLine(month_period, line[3], line[16], line[17], line[4], stored is not None,
                                            is_partial=month_period != whole_month))
            stored_texts = uow.service_records.annual_texts(own.code, year) or {}
            records = self._year_records(uow, facts)
        left = frozenset().union(*(row.left_ids for row in bm1.rows)) if bm1.rows else frozenset()
        records = replace(records, left_member_ids=left)
        texts = {**stored_texts, **(sections or {})}
        return summarize_year(year, report_heading(own, today), bm1, months, records, texts,
                              planned_last=full_year.last)

    def _year_records(self, uow, facts: list[CommuneFacts]) -> YearRecords:
        repo = uow.service_records
        codes = {f.unit_code for f in facts}
        only = next(iter(codes)) if len(codes) == 1 else None
        collected: dict[RecordKind, list] = {}
        for kind in (RecordKind.EVALUATION, RecordKind.EQUIPMENT, RecordKind.TOOL_CERTIFICATE, RecordKind.LEAVING):
            collected[kind] = [r for r in repo.for_unit(kind, only) if r.unit_code in codes]
        member_ids = [m.id for f in facts for m in f.members]
        collected[RecordKind.DISCIPLINE] = repo.for_members(RecordKind.DISCIPLINE, member_ids)
        collected[RecordKind.COMMENDATION] = [c for f in facts for c in f.commendations]
        collected[RecordKind.INCIDENT] = [i for f in facts for i in f.incidents]
        courses = {c.id: c for f in facts for c in f.courses}
        attendances = [a for f in facts for a in f.attendances]
        return YearRecords(
            courses=list(courses.values()), attendances=attendances, commendations=collected[RecordKind.COMMENDATION],
            discipline=collected[RecordKind.DISCIPLINE], evaluations=collected[RecordKind.EVALUATION],
            incidents=collected[RecordKind.INCIDENT], equipment=collected[RecordKind.EQUIPMENT],
            tool_certificates=collected[RecordKind.TOOL_CERTIFICATE], leaving=collected[RecordKind.LEAVING])

    def annual_texts(self, year: int) -> dict[str, str]:
        own = self._own()
        with self._context.new_uow() as uow:
            return uow.service_records.annual_texts(own.code, year) or {}

    def save_annual_texts(self, year: int, sections: dict[str, str]) -> dict[str, str]:
        """Keep the officer's wording of the annual report's sections (audited)."""
        self._context.require(Permission.EDIT_RECORDS)
        from antt_desktop.domain import vn_text
        from antt_desktop.domain.annual_report import SECTION_TITLES

        cleaned = {key: "\n".join(vn_text.normalize_text(line) for line in text.strip().splitlines())
                   for key, text in sections.items() if key in SECTION_TITLES}
        own = self._own()
        with self._context.new_uow() as uow:
            before = uow.service_records.annual_texts(own.code, year)
            uow.service_records.set_annual_texts(own.code, year, cleaned)
            uow.audit.record(self._context.actor, "annual_report.texts_saved", "annual_report", None, own.code,
                             before=before, after={"year": year, **cleaned})
            uow.commit()
        return cleaned

    def export_annual(self, year: int, path: Path, sections: dict[str, str] | None = None) -> Path:
        """The annual report to .docx (editable) or .pdf."""
        self._context.require(Permission.VIEW)
        path = Path(path)
        suffix = path.suffix.lower()
        if suffix not in (".docx", ".pdf"):
            raise UnsupportedOutput(str(path), ".docx, .pdf")
        report = self.annual(year, sections)
        if suffix == ".docx":
            from antt_desktop.documents.annual_report_docx import write_annual_report_docx

            return write_annual_report_docx(report, path)
        from antt_desktop.documents.annual_report_pdf import write_annual_report_pdf

        return write_annual_report_pdf(report, path)


def _group(records) -> dict[str, list]:
    grouped: dict[str, list] = {}
    for record in records:
        grouped.setdefault(record.unit_code, []).append(record)
    return grouped


def police_unit_name(unit: Unit) -> str:
    """"Công an xã Tân Phú" for a commune; the higher unit's own name otherwise."""
    if unit.mode is UnitMode.AGGREGATOR or unit.name.lower().startswith("công an"):
        return unit.name
    return f"Công an {unit.name[0].lower()}{unit.name[1:]}"


def report_heading(unit: Unit, today: date) -> ReportHeading:
    return ReportHeading(
        unit_name=police_unit_name(unit), higher_unit_name=unit.higher_unit_name,
        place_name=_place(unit.place_name or unit.name),
        made_on=today, signer_title=police_signer_title(unit.police_chief_title),
        signer_name=unit.police_chief_name)


def _place(name: str) -> str:
    """"Tân Phú" out of "Xã Tân Phú", "Gia Lai" out of "Công an tỉnh Gia Lai" (the date line)."""
    for prefix in ("Công an ", "công an ", "Tỉnh ", "tỉnh ", "Thành phố ", "thành phố ", "Xã ", "xã ",
                   "Phường ", "phường ", "Đặc khu ", "đặc khu "):
        name = name.removeprefix(prefix)
    return name


def official_commune_names(province_code: str) -> list[str]:
    """The province's official order of communes for BM1, from a shipped file (empty if none)."""
    file_name = OFFICIAL_ORDER_FILES.get(province_code)
    if not file_name or not resource_path(file_name).exists():
        return []
    with open(resource_path(file_name), encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    rows.sort(key=lambda row: int(row["thu_tu_bm1"]))
    return [row["ten_day_du"] for row in rows]


def _row_json(row: Bm1Row) -> dict:
    return {"unit_code": row.unit_code, "name": row.name,
            "figures": {str(number): value for number, value in row.figures.items()},
            "member_ids": sorted(row.now_ids) if row.unit_code else None}


def _submitted(row: StoredReport) -> SubmittedBm1:
    lines, total = [], None
    for line in row.rows:
        figures = {int(number): int(value) for number, value in line["figures"].items()}
        ids = frozenset(line.get("member_ids") or ())
        built = Bm1Row(line["unit_code"], line["name"], figures, ids)
        if line.get("is_total"):
            total = built
        else:
            lines.append(built)
    return SubmittedBm1(row.id, row.unit_code, Bm1Period(row.period_first, row.period_last), row.submitted_at,
                        row.submitted_by, tuple(lines), total)
