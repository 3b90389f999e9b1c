"""Monthly payroll: draft, lock, supplementary runs, the duty log, the sheets and the budget
estimate (issue #5). One unit of work and one audit event per write; a locked run never changes.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from antt_desktop.domain import vn_text
from antt_desktop.domain.access import Permission
from antt_desktop.domain.audit_trail import ExportKind
from antt_desktop.domain.decisions import DecisionState
from antt_desktop.domain.organisation import Assignment, RecordNotFound
from antt_desktop.domain.payroll import (
    BudgetEstimate,
    DutyCounts,
    DutyLogRecord,
    DutyProblem,
    DutyProblemReason,
    MemberNotActiveInMonth,
    Month,
    NobodyToPay,
    NoDraftToLock,
    NoLockedRun,
    NoPayrollDifference,
    NoPolicyChosen,
    PayrollInputs,
    PayrollResult,
    PayrollRun,
    PayrollRunLocked,
    POSITION_ORDER,
    RosterEntry,
    RunKind,
    RunState,
    budget_estimate,
    compute_payroll,
    difference_lines,
    validate_duty_counts,
)
from antt_desktop.domain.people import POSITION_LABELS, Position
from antt_desktop.domain.policies import BaseSalaryEntry, PolicyVersion, policy_from_dict
from antt_desktop.domain.units import Unit, UnitNotSetUp
from antt_desktop.services.audit import log_export
from antt_desktop.services.context import ServiceContext

CITIES = ("Hà Nội", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Huế", "TP Hồ Chí Minh")


@dataclass(frozen=True, slots=True)
class MonthRuns:
    """The month's runs: the regular one (draft or locked) and its corrections, with lines."""

    month: Month
    regular: PayrollRun | None
    supplementaries: tuple[PayrollRun, ...]

    @property
    def draft(self) -> PayrollRun | None:
        for run in (self.regular, *self.supplementaries):
            if run is not None and run.state is RunState.DRAFT:
                return run
        return None

    @property
    def is_locked(self) -> bool:
        return self.regular is not None and self.regular.is_locked


@dataclass(frozen=True, slots=True)
class DutyGridRow:
    """One member of the month's duty grid."""

    member_id: str
    full_name: str
    team_name: str
    hamlet_name: str
    position: Position
    days_active: int
    counts: DutyCounts
    sort_key: str = ""


@dataclass(frozen=True, slots=True)
class DutyImport:
    """What a duty-log workbook gave: the records to apply and anything wrong with them."""

    records: tuple[tuple[str, DutyCounts], ...]      # (member_id, counts)
    problems: tuple[DutyProblem, ...]
    applied: bool = False


def supplementary_reason(decisions) -> str:
    """"Truy lĩnh, truy thu theo Quyết định số 01/QĐ-UBND ngày 20/11/2026 (hiệu lực từ 16/10/2026)"."""
    if not decisions:
        return ""
    parts = []
    for decision in decisions:
        text = f"Quyết định số {decision.number}"
        if decision.signed_on:
            text += f" ngày {decision.signed_on:%d/%m/%Y}"
        if decision.effective_on and decision.effective_on != decision.signed_on:
            text += f" (hiệu lực từ {decision.effective_on:%d/%m/%Y})"
        parts.append(text)
    return "Truy lĩnh, truy thu theo " + "; ".join(parts)


def policy_basis(policy: PolicyVersion | None) -> str:
    """ "Căn cứ Nghị quyết số 03/2024/NQ-HĐND ngày 12/06/2024 của HĐND tỉnh Bình Định"."""
    if policy is None:
        return ""
    province = policy.province_name
    council = f"HĐND {province}" if province.startswith("TP ") else \
        (f"HĐND thành phố {province}" if province in CITIES else f"HĐND tỉnh {province}")
    number = f"số {policy.resolution_number}" if policy.resolution_number else "(chưa rõ số)"
    issued = f" ngày {policy.issued_on.strftime('%d/%m/%Y')}" if policy.issued_on else ""
    return f"Căn cứ Nghị quyết {number}{issued} của {council}"


class PayrollService:
    def __init__(self, context: ServiceContext) -> None:
        self._context = context

    # ------------------------------------------------------------------ inputs

    def _unit(self, uow) -> Unit:
        unit = uow.units.own()
        if unit is None:
            raise UnitNotSetUp()
        return unit

    @staticmethod
    def _policy(uow, unit: Unit) -> tuple[str, PolicyVersion]:
        if unit.policy_version_id is None:
            raise NoPolicyChosen()
        row = uow.policies.get_row(unit.policy_version_id)
        if row is None:
            raise NoPolicyChosen()
        return row.id, policy_from_dict(row.parameters)

    @staticmethod
    def _base_salaries(uow) -> tuple[BaseSalaryEntry, ...]:
        return tuple(BaseSalaryEntry(amount_dong=row.amount_dong, effective_from=row.effective_from,
                                     legal_basis=row.legal_basis or "", confirmed=bool(row.is_confirmed))
                     for row in uow.policies.base_salaries())

    @staticmethod
    def _poverty_lines():
        from antt_desktop.reference.policies import load_national_insurance

        return load_national_insurance().bhxh_tu_nguyen.rural_poverty_lines

    def inputs(self, uow, month: Month, unit: Unit, policy: PolicyVersion,
               unit_codes: Sequence[str] | None = None) -> PayrollInputs:
        """Everything the month's payroll depends on, read inside the caller's unit of work."""
        codes = list(unit_codes) if unit_codes is not None else [unit.code]
        repo = uow.payroll
        assignments = repo.assignments_between(codes, month.first, month.last)
        return PayrollInputs(
            month=month, policy=policy,
            people=repo.people(codes), assignments=assignments, teams=repo.teams(codes),
            duty=repo.duty_for_month(codes, month.key), insurance=repo.insurance_for(codes),
            base_salaries=self._base_salaries(uow), poverty_lines=self._poverty_lines(),
            is_special_area=bool(unit.settings.get("is_special_area", False)),
            chosen_amount_dong=unit.settings.get("chosen_support_dong"),
        )

    def preview(self, month: Month | str) -> PayrollResult:
        """The month computed now, without saving anything."""
        month = _month(month)
        with self._context.new_uow() as uow:
            unit = self._unit(uow)
            _, policy = self._policy(uow, unit)
            inputs = self.inputs(uow, month, unit, policy)
        return compute_payroll(inputs)

    # ------------------------------------------------------------------ reading runs

    def months(self) -> list[PayrollRun]:
        """Every run of the unit, without lines, newest month first."""
        with self._context.new_uow() as uow:
            unit = self._unit(uow)
            runs = uow.payroll.runs(unit.code)
        return sorted(runs, key=lambda r: (r.month, r.kind is RunKind.SUPPLEMENTARY, str(r.created_at)),
                      reverse=True)

    def month_runs(self, month: Month | str) -> MonthRuns:
        month = _month(month)
        with self._context.new_uow() as uow:
            unit = self._unit(uow)
            return self._month_runs(uow, unit, month)

    @staticmethod
    def _month_runs(uow, unit: Unit, month: Month) -> MonthRuns:
        runs = [uow.payroll.get(r.id) for r in uow.payroll.runs(unit.code, month.key)]
        regular = [r for r in runs if r.kind is RunKind.REGULAR]
        supplementaries = tuple(r for r in runs if r.kind is RunKind.SUPPLEMENTARY)
        return MonthRuns(month, regular[-1] if regular else None, supplementaries)

    def run(self, run_id: str) -> PayrollRun:
        with self._context.new_uow() as uow:
            found = uow.payroll.get(run_id)
        if found is None:
            raise RecordNotFound("payroll_run", run_id)
        return found

    # ------------------------------------------------------------------ writes

    def draft(self, month: Month | str) -> PayrollRun:
        """Compute the month and keep it as the draft (replacing an earlier draft)."""
        self._context.require(Permission.MANAGE_PAYROLL)
        month = _month(month)
        with self._context.new_uow() as uow:
            unit = self._unit(uow)
            runs = self._month_runs(uow, unit, month)
            if runs.is_locked:
                raise PayrollRunLocked(month.key)
            policy_id, policy = self._policy(uow, unit)
            result = compute_payroll(self.inputs(uow, month, unit, policy))
            if not result.lines:
                raise NobodyToPay(month.key)
            details = _details(policy, result)
            if runs.regular is not None:
                uow.payroll.replace_draft(runs.regular.id, result.lines, policy_version_id=policy_id,
                                          details=details)
                run_id = runs.regular.id
            else:
                run_id = uow.payroll.add_run(unit.code, month.key, RunKind.REGULAR, result.lines,
                                             policy_version_id=policy_id, corrects_run_id=None, details=details)
            uow.audit.record(self._context.actor, "payroll.drafted", "payroll_run", run_id, unit.code,
                             after={"month": month.key, "lines": len(result.lines), "total_dong": result.total_dong})
            uow.commit()
        return self.run(run_id)

    def lock(self, month: Month | str) -> PayrollRun:
        """Lock the month's draft (regular or supplementary) as it stands: it never changes again."""
        self._context.require(Permission.LOCK_PAYROLL)
        month = _month(month)
        with self._context.new_uow() as uow:
            unit = self._unit(uow)
            draft = self._month_runs(uow, unit, month).draft
            if draft is None:
                raise NoDraftToLock(month.key)
            locked_at = uow.payroll.lock(draft.id)
            uow.audit.record(self._context.actor, "payroll.locked", "payroll_run", draft.id, unit.code,
                             before={"state": RunState.DRAFT.value},
                             after={"state": RunState.LOCKED.value, "month": month.key, "kind": draft.kind.value,
                                    "total_dong": draft.total_dong, "locked_at": locked_at})
            uow.commit()
        return self.run(draft.id)

    def supplementary(self, month: Month | str) -> PayrollRun:
        """Recompute a locked month and keep the difference with what was paid as a draft
        supplementary run (truy lĩnh / truy thu)."""
        self._context.require(Permission.MANAGE_PAYROLL)
        month = _month(month)
        with self._context.new_uow() as uow:
            unit = self._unit(uow)
            runs = self._month_runs(uow, unit, month)
            if not runs.is_locked:
                raise NoLockedRun(month.key)
            policy_id, policy = self._policy(uow, unit)
            result = compute_payroll(self.inputs(uow, month, unit, policy))
            paid = [line for run in (runs.regular, *runs.supplementaries) if run.is_locked for line in run.lines]
            lines = difference_lines(paid, result.lines)
            if not lines:
                raise NoPayrollDifference(month.key)
            details = _details(policy, result)
            draft = runs.draft
            if draft is not None:
                uow.payroll.replace_draft(draft.id, lines, policy_version_id=policy_id, details=details)
                run_id = draft.id
            else:
                run_id = uow.payroll.add_run(unit.code, month.key, RunKind.SUPPLEMENTARY, lines,
                                             policy_version_id=policy_id, corrects_run_id=runs.regular.id,
                                             details=details)
            uow.audit.record(self._context.actor, "payroll.supplementary_drafted", "payroll_run", run_id, unit.code,
                             after={"month": month.key, "lines": len(lines),
                                    "total_dong": sum(line.total_dong for line in lines)})
            uow.commit()
        return self.run(run_id)

    def discard_draft(self, month: Month | str) -> None:
        self._context.require(Permission.MANAGE_PAYROLL)
        month = _month(month)
        with self._context.new_uow() as uow:
            unit = self._unit(uow)
            draft = self._month_runs(uow, unit, month).draft
            if draft is None:
                raise NoDraftToLock(month.key)
            uow.payroll.delete_draft(draft.id)
            uow.audit.record(self._context.actor, "payroll.draft_discarded", "payroll_run", draft.id, unit.code,
                             before={"month": month.key, "kind": draft.kind.value, "total_dong": draft.total_dong})
            uow.commit()

    # ------------------------------------------------------------------ duty log

    def duty_grid(self, month: Month | str) -> list[DutyGridRow]:
        """Every member active in the month with the month's counts, in sheet order."""
        month = _month(month)
        with self._context.new_uow() as uow:
            unit = self._unit(uow)
            active = self._active(uow, unit, month)
            people = uow.payroll.people([unit.code], member_ids=active)
            teams = uow.payroll.teams([unit.code])
            duty = uow.payroll.duty_for_month([unit.code], month.key)
        rows = []
        for member_id, (days, last) in active.items():
            person = people.get(member_id)
            if person is None:
                continue
            team = teams.get(last.team_id)
            rows.append(DutyGridRow(member_id, person.full_name, team.name if team else "",
                                    team.hamlet_name if team else "", last.position, days,
                                    duty.get(member_id, DutyCounts()), person.sort_key))
        return sorted(rows, key=lambda r: (vn_text.natural_key(r.team_name), POSITION_ORDER[r.position], r.sort_key))

    @staticmethod
    def _active(uow, unit: Unit, month: Month) -> dict[str, tuple[int, Assignment]]:
        """member id -> (days active in the month, the assignment held last)."""
        spans: dict[str, list[Assignment]] = defaultdict(list)
        for assignment in uow.payroll.assignments_between([unit.code], month.first, month.last):
            spans[assignment.member_id].append(assignment)
        result = {}
        for member_id, items in spans.items():
            days = set()
            for a in items:
                start = max(a.started_on, month.first)
                end = min(a.ended_on or month.last, month.last)
                days.update(range(start.toordinal(), end.toordinal() + 1))
            result[member_id] = (len(days), max(items, key=lambda a: a.started_on))
        return result

    def save_duty(self, month: Month | str, entries: Mapping[str, DutyCounts]) -> int:
        """Write the duty counts of several members for the month in one transaction; returns
        how many changed. Counts must be whole, non-negative and within the month's days."""
        self._context.require(Permission.MANAGE_PAYROLL)
        month = _month(month)
        for counts in entries.values():
            validate_duty_counts(counts, month)
        with self._context.new_uow() as uow:
            unit = self._unit(uow)
            active = self._active(uow, unit, month)
            people = uow.payroll.people([unit.code], member_ids=list(entries))
            changed = 0
            for member_id, counts in entries.items():
                if member_id not in active or member_id not in people:
                    name = people[member_id].full_name if member_id in people else member_id
                    raise MemberNotActiveInMonth(name, month.key)
                before = uow.payroll.set_duty(unit.code, member_id, month.key, counts)
                if (before or DutyCounts()) != counts:
                    changed += 1
                    uow.audit.record(self._context.actor, "duty.updated", "duty_log", member_id, unit.code,
                                     before={"month": month.key, **(before or DutyCounts()).as_dict()},
                                     after={"month": month.key, **counts.as_dict()})
            uow.commit()
        return changed

    def write_duty_template(self, month: Month | str, path: Path) -> Path:
        from antt_desktop.documents.duty_log_reader import TemplateRow, write_duty_log_template

        month = _month(month)
        rows = self.duty_grid(month)
        with self._context.new_uow() as uow:
            unit = self._unit(uow)
        return write_duty_log_template(path, month=month, unit_name=f"Công an {unit.name}", rows=[
            TemplateRow(r.member_id, r.full_name, r.team_name, POSITION_LABELS[r.position], r.counts) for r in rows])

    def read_duty_log(self, path: Path, month: Month | str) -> DutyImport:
        """Read a duty-log workbook and match its rows to the month's members; nothing is written."""
        from antt_desktop.documents.duty_log_reader import read_duty_log

        month = _month(month)
        records, problems = read_duty_log(Path(path), month=month)
        if any(p.row == 0 for p in problems):
            return DutyImport((), tuple(problems))
        grid = self.duty_grid(month)
        with self._context.new_uow() as uow:
            unit = self._unit(uow)
            everyone = uow.payroll.people([unit.code])
        matched, more = _match(records, grid, everyone, month)
        return DutyImport(tuple(matched), tuple(problems) + tuple(more))

    def import_duty_log(self, path: Path, month: Month | str) -> DutyImport:
        """Read and, only when nothing is wrong, apply a duty-log workbook in one transaction."""
        self._context.require(Permission.MANAGE_PAYROLL)
        reading = self.read_duty_log(path, month)
        if reading.problems or not reading.records:
            return reading
        self.save_duty(month, dict(reading.records))
        return DutyImport(reading.records, (), applied=True)

    # ------------------------------------------------------------------ documents

    def sheet_header(self, *, is_draft: bool = False, policy: PolicyVersion | None = None):
        from antt_desktop.documents.payroll_sheet import SheetHeader

        with self._context.new_uow() as uow:
            unit = self._unit(uow)
            if policy is None and unit.policy_version_id:
                row = uow.policies.get_row(unit.policy_version_id)
                policy = policy_from_dict(row.parameters) if row else None
        return SheetHeader(
            authority=unit.people_committee_name or f"ỦY BAN NHÂN DÂN {unit.name.upper()}",
            unit_name=f"CÔNG AN {unit.name.upper()}", place_name=unit.place_name,
            signed_on=self._context.today(), basis=policy_basis(policy), is_draft=is_draft,
            chairman_name=unit.chairman_name, chairman_title=unit.chairman_title or "CHỦ TỊCH",
            signature_form=unit.signature_form)

    def _sheet(self, run: PayrollRun):
        from antt_desktop.documents.payroll_sheet import PayrollSheet

        policy = None
        if run.policy_version_id:
            with self._context.new_uow() as uow:
                row = uow.policies.get_row(run.policy_version_id)
                policy = policy_from_dict(row.parameters) if row else None
        header = self.sheet_header(is_draft=not run.is_locked, policy=policy)
        if run.kind is RunKind.SUPPLEMENTARY:
            header = replace(header, reason=supplementary_reason(self._decisions_behind(run)))
        return PayrollSheet(header, Month.parse(run.month).label, run.kind, run.lines)

    def _decisions_behind(self, run: PayrollRun) -> list:
        """Issued decisions naming someone on a supplementary sheet, issued after the month's earlier
        locked runs and in force by the month's end: what caused the truy lĩnh / truy thu."""
        month = Month.parse(run.month)
        member_ids = {line.member_id for line in run.lines}
        with self._context.new_uow() as uow:
            unit = self._unit(uow)
            runs = self._month_runs(uow, unit, month)
            locks = [r.locked_at for r in (runs.regular, *runs.supplementaries)
                     if r is not None and r.is_locked and r.id != run.id and r.locked_at is not None
                     and (run.created_at is None or r.locked_at <= run.created_at)]
            found = {}
            for member_id in member_ids:
                for decision in uow.decisions.for_member(member_id):
                    if decision.state is not DecisionState.ISSUED or not decision.number:
                        continue
                    if (decision.effective_on or decision.signed_on or month.last) > month.last:
                        continue
                    if locks and decision.issued_at is not None and decision.issued_at <= max(locks):
                        continue
                    found[decision.id] = decision
        return sorted(found.values(), key=lambda d: (d.signed_on or month.last, d.number or ""))

    def export_xlsx(self, run_id: str, path: Path) -> Path:
        from antt_desktop.documents.payroll_xlsx import write_payroll_xlsx

        return self._export(run_id, path, write_payroll_xlsx)

    def export_pdf(self, run_id: str, path: Path) -> Path:
        from antt_desktop.documents.payroll_pdf import write_payroll_pdf

        return self._export(run_id, path, write_payroll_pdf)

    def _export(self, run_id: str, path: Path, write) -> Path:
        """The sheet names who is paid how much: EXPORT_PERSONAL_DATA, and an audit entry."""
        self._context.require(Permission.EXPORT_PERSONAL_DATA)
        run = self.run(run_id)
        written = write(self._sheet(run), Path(path))
        log_export(self._context, ExportKind.PAYROLL, len({line.member_id for line in run.lines}), Path(written),
                   entity="payroll_run", entity_id=run.id, month=run.month)
        return written

    # ------------------------------------------------------------------ budget estimate

    def budget(self, year: int) -> BudgetEstimate:
        """Dự toán for `year` from today's roster and the unit's policy (each month's lương cơ sở)."""
        today = self._context.today()
        with self._context.new_uow() as uow:
            unit = self._unit(uow)
            _, policy = self._policy(uow, unit)
            current = uow.payroll.assignments_between([unit.code], today, today)
            people = uow.payroll.people([unit.code], member_ids=[a.member_id for a in current])
            roster = [RosterEntry(people[a.member_id], a.position) for a in current if a.member_id in people]
            last_year = [Month.of(today)]
            for _ in range(11):
                last_year.append(last_year[-1].previous())
            history = uow.payroll.duty_history(people, [m.key for m in last_year])
            insurance = uow.payroll.insurance_for([unit.code])
            bases = self._base_salaries(uow)
        return budget_estimate(year, policy, roster, insurance=insurance, duty_history=history,
                               base_salaries=bases, poverty_lines=self._poverty_lines(),
                               is_special_area=bool(unit.settings.get("is_special_area", False)),
                               chosen_amount_dong=unit.settings.get("chosen_support_dong"))

    def export_budget_xlsx(self, year: int, path: Path) -> Path:
        from antt_desktop.documents.payroll_xlsx import write_budget_xlsx

        estimate = self.budget(year)
        return write_budget_xlsx(estimate, self.sheet_header(), Path(path))


def _month(value: Month | str) -> Month:
    return value if isinstance(value, Month) else Month.parse(value)


def _details(policy: PolicyVersion, result: PayrollResult) -> dict:
    from antt_desktop.messages import describe

    return {
        "policy": {"id": policy.id, "resolution_number": policy.resolution_number,
                   "province_name": policy.province_name, "proration": policy.proration.value},
        "base_salary_dong": result.base_salary_dong,
        "warnings": [describe(w) for w in result.warnings],
    }


def _match(records: Sequence[DutyLogRecord], grid: Sequence[DutyGridRow], everyone: Mapping,
           month: Month) -> tuple[list[tuple[str, DutyCounts]], list[DutyProblem]]:
    """Match workbook rows to the month's members: by id, else by folded name (and team)."""
    active = {row.member_id: row for row in grid}
    by_name: dict[str, list[DutyGridRow]] = defaultdict(list)
    for row in grid:
        by_name[vn_text.fold(row.full_name)].append(row)
    known_names = {vn_text.fold(p.full_name) for p in everyone.values()}
    matched: list[tuple[str, DutyCounts]] = []
    problems: list[DutyProblem] = []
    seen: dict[str, int] = {}
    for record in records:
        member_id = None
        if record.member_id and record.member_id in active:
            member_id = record.member_id
        elif record.member_id and record.member_id in everyone:
            problems.append(DutyProblem(record.sheet, record.row, "", DutyProblemReason.NOT_ACTIVE,
                                        everyone[record.member_id].full_name))
            continue
        else:
            folded = vn_text.fold(record.full_name)
            candidates = by_name.get(folded, [])
            if len(candidates) > 1 and record.team_name:
                team = vn_text.fold(record.team_name)
                candidates = [c for c in candidates if vn_text.fold(c.team_name) == team
                              or vn_text.fold(c.hamlet_name) == team] or candidates
            if len(candidates) == 1:
                member_id = candidates[0].member_id
            elif candidates:
                problems.append(DutyProblem(record.sheet, record.row, "", DutyProblemReason.AMBIGUOUS_MEMBER,
                                            record.full_name))
                continue
            else:
                reason = DutyProblemReason.NOT_ACTIVE if folded in known_names else DutyProblemReason.UNKNOWN_MEMBER
                problems.append(DutyProblem(record.sheet, record.row, "", reason, record.full_name))
                continue
        if member_id in seen:
            problems.append(DutyProblem(record.sheet, record.row, "", DutyProblemReason.DUPLICATE_MEMBER,
                                        active[member_id].full_name, str(seen[member_id])))
            continue
        seen[member_id] = record.row
        matched.append((member_id, record.counts))
    return matched, problems

