"""Thống kê, báo cáo định kỳ, danh sách và bảng điều khiển (issue #7 §6–7).

Reading only, except that every file written is an audit event (a member list and the
periodic report carry names: EXPORT_PERSONAL_DATA, and a "personal_data.exported" entry).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import replace
from datetime import date
from pathlib import Path

from antt_desktop.domain import vn_text
from antt_desktop.domain.access import Permission
from antt_desktop.domain.audit_trail import ExportKind
from antt_desktop.domain.people import MemberStatus, Position, UnitMode
from antt_desktop.domain.personal_ids import mask_personal_id
from antt_desktop.domain.reports import (
    Dashboard,
    Issuer,
    PeriodicReport,
    ReportMember,
    ReportPeriod,
    Statistics,
    TeamLine,
    build_dashboard,
    build_periodic_report,
    last_months,
    previous_quarter,
    report_recipients,
    statistics,
    year_period,
)
from antt_desktop.domain.units import Unit, UnitNotSetUp, police_signer_title
from antt_desktop.services.audit import log_export
from antt_desktop.services.context import ServiceContext
from antt_desktop.services.policies import PolicyService

# From 1 December the default report is the year's: it is due before 15 December (DESIGN §1).
ANNUAL_DEFAULT_FROM_MONTH = 12


class ReportService:
    def __init__(self, context: ServiceContext, policies: PolicyService) -> None:
        self._context = context
        self._policies = policies

    # --- figures -----------------------------------------------------------------------------

    def default_period(self) -> ReportPeriod:
        """The last finished quarter; in December, the year (the annual report is due)."""
        today = self._context.today()
        if today.month >= ANNUAL_DEFAULT_FROM_MONTH:
            return year_period(today.year)
        return previous_quarter(today)

    def statistics(self, on: date | None = None) -> Statistics:
        """The statistics tables over the members serving on `on` (default: today)."""
        on = on or self._context.today()
        unit, members = self._members(on)
        return statistics(members, on)

    def team_lines(self, on: date | None = None) -> tuple[TeamLine, ...]:
        on = on or self._context.today()
        unit, members = self._members(on)
        return self._team_lines(unit, members, on)

    def periodic(self, period: ReportPeriod) -> PeriodicReport:
        """The report of a quarter or a year: headcount at its end, movements within it."""
        unit, members = self._members(period.last)
        months = _months_of(period)
        with self._context.new_uow() as uow:
            allowances = uow.reports.payroll_totals(unit.code, months)
            hamlets = len(uow.hamlets.list(_scope(unit)))
        return build_periodic_report(members, period, issuer=_issuer(unit), made_on=self._context.today(),
                                     teams=self._team_lines(unit, members, period.last), hamlet_count=hamlets,
                                     allowances=allowances)

    def dashboard(self) -> Dashboard:
        today = self._context.today()
        unit, members = self._members(None)
        with self._context.new_uow() as uow:
            allowances = uow.reports.payroll_totals(unit.code, last_months(today))
        return build_dashboard(members, today, teams=self._team_lines(unit, members, today),
                               allowances=allowances)

    def members(self) -> list[ReportMember]:
        """Every member with the current team and position, in name order (for lists)."""
        return self._members(None)[1]

    # --- files -------------------------------------------------------------------------------

    def write_statistics_xlsx(self, out: Path | str, on: date | None = None) -> Path:
        from antt_desktop.documents.statistics_xlsx import write_statistics_xlsx

        on = on or self._context.today()
        unit, members = self._members(on)
        written = write_statistics_xlsx(statistics(members, on), self._team_lines(unit, members, on),
                                        _issuer(unit), Path(out))
        self._audit("report.statistics_written", unit, {"on": on.isoformat(), "file": str(written)})
        return written

    def write_periodic_pdf(self, period: ReportPeriod, out: Path | str) -> Path:
        from antt_desktop.documents.periodic_report_pdf import write_periodic_report_pdf

        self._context.require(Permission.EXPORT_PERSONAL_DATA)     # it names who joined and left
        report = self.periodic(period)
        written = write_periodic_report_pdf(report, Path(out))
        self._log_periodic(report, written)
        return written

    def write_periodic_xlsx(self, period: ReportPeriod, out: Path | str) -> Path:
        from antt_desktop.documents.statistics_xlsx import write_periodic_xlsx

        self._context.require(Permission.EXPORT_PERSONAL_DATA)
        report = self.periodic(period)
        written = write_periodic_xlsx(report, Path(out))
        self._log_periodic(report, written)
        return written

    def _log_periodic(self, report: PeriodicReport, written: Path) -> None:
        log_export(self._context, ExportKind.PERIODIC_REPORT, len(report.joined) + len(report.left),
                   Path(written), entity="report", period=report.period.label)

    def write_member_list_xlsx(self, out: Path | str, *, include_proposed: bool = False,
                               include_left: bool = False, mask_ids: bool = False) -> Path:
        """The member list by hamlet, laid out as the lists offices keep (and re-importable).

        By default the members serving only, as the printed list, the statistics and BM1 count
        them; people proposed for recognition and those who left are added only when asked
        for, and the sheet's subtitle and total then say so.

        `mask_ids` writes ID numbers as "********2345" (issue #8): for a list that leaves the
        office; such a copy no longer imports back with its ID numbers."""
        from antt_desktop.documents.member_list_xlsx import write_member_list_xlsx

        self._context.require(Permission.EXPORT_PERSONAL_DATA)
        today = self._context.today()
        unit, members = self._members(None)
        wanted = {MemberStatus.ACTIVE} | ({MemberStatus.PROPOSED} if include_proposed else set()) \
            | ({MemberStatus.LEFT} if include_left else set())
        chosen = [m for m in members if m.status in wanted]
        if mask_ids:
            chosen = [replace(m, id_number=mask_personal_id(m.id_number)) if m.id_number else m for m in chosen]
        written = write_member_list_xlsx(chosen, _issuer(unit), today, Path(out))
        log_export(self._context, ExportKind.MEMBER_LIST_BY_HAMLET, len(chosen), Path(written), entity="report",
                   ids_masked=mask_ids)
        return written

    # --- helpers -----------------------------------------------------------------------------

    def _members(self, on: date | None) -> tuple[Unit, list[ReportMember]]:
        with self._context.new_uow() as uow:
            unit = uow.units.own()
            if unit is None:
                raise UnitNotSetUp()
            # The higher unit reports on the communes whose packages it imported, not on itself.
            return unit, uow.reports.members(_scope(unit), on=on)

    def _team_lines(self, unit: Unit, members: list[ReportMember], on: date) -> tuple[TeamLine, ...]:
        """Every team (not dissolved) with who serves in it on `on` and the province's quota."""
        overviews = self._policies.team_overviews(_scope(unit))
        counts: dict[str, Counter] = defaultdict(Counter)
        for member in members:
            if member.team_id and member.position and member.is_serving_on(on):
                counts[member.team_id][member.position] += 1
        lines = []
        for overview in overviews:
            team_counts = counts[overview.team.id]
            quota = overview.quota
            lines.append(TeamLine(
                overview.team.name, overview.hamlet.name if overview.hamlet else "",
                team_counts[Position.LEADER], team_counts[Position.DEPUTY], team_counts[Position.MEMBER],
                quota.min_members if quota else None, quota.max_members if quota else None))
        return tuple(sorted(lines, key=lambda line: vn_text.natural_key(line.hamlet_name or line.team_name)))

    def _audit(self, action: str, unit: Unit | None, after: dict) -> None:
        with self._context.new_uow() as uow:
            unit = unit or uow.units.own()
            uow.audit.record(self._context.actor, action, "report", None, unit.code if unit else "", after=after)
            uow.commit()


def _issuer(unit: Unit) -> Issuer:
    police = unit.name if vn_text.fold(unit.name).startswith("cong an") else f"Công an {unit.name}"
    return Issuer(unit_name=police.upper(), higher_unit_name=(unit.higher_unit_name or "").upper(),
                  place_name=unit.place_name, signer_title=police_signer_title(unit.police_chief_title),
                  signer_name=unit.police_chief_name,
                  recipients=report_recipients(unit.higher_unit_name or "", unit.name))


def _months_of(period: ReportPeriod) -> list[str]:
    months = []
    year, month = period.first.year, period.first.month
    while (year, month) <= (period.last.year, period.last.month):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year, month + 1) if month < 12 else (year + 1, 1)
    return months


def _scope(unit: Unit) -> str | None:
    """Whose records a report covers: a commune's own, or at the higher unit every commune's."""
    return None if unit.mode is UnitMode.AGGREGATOR else unit.code
