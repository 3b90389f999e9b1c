"""Bảng thanh toán hỗ trợ hằng tháng: who is paid for a month and how much, the per-team
totals, the corrections after a run is locked (truy lĩnh / truy thu) and next year's estimate.

Rules (issue #5, Luật 30/2023 Điều 23):
- every member holding a position on any day of the month is paid; each stretch of days in one
  position and team is one line, so a change of position in the month splits the month;
- the monthly support of a line is the position's full-month rate prorated by the policy's
  `ProrationRule`: by calendar days (rate × days ÷ days in the month) or, under `full_month`,
  by the share of the member's active days;
- bồi dưỡng comes from the month's duty log, each rule capped at its monthly maximum;
- insurance support is monthly (see `domain.insurance.monthly_insurance`);
- duty and insurance go on the member's last line of the month.

Rounding, once for the whole payroll: a prorated amount is rounded half up to whole đồng on its
own line (an exact `rate × days ÷ denominator` in integers); coefficient amounts are rounded
half up once (`policies.round_dong`). Duty and insurance amounts are whole đồng already. Team
and sheet totals are sums of the rounded lines, so the printed sheet adds up exactly.

The lương cơ sở of a month is the table entry in force on its first day (changes take effect
on the 1st: NĐ 73/2024 from 01/7/2024); an unconfirmed entry stops any computation that uses
it (`BaseSalaryUnconfirmed`) until the user confirms it.
"""

from __future__ import annotations

import calendar
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from enum import Enum

from antt_desktop.domain import vn_text
from antt_desktop.domain.errors import DomainError, error_dataclass
from antt_desktop.domain.gc_pause import collector_paused
from antt_desktop.domain.insurance import InsuranceRecord, monthly_insurance
from antt_desktop.domain.organisation import Assignment
from antt_desktop.domain.people import EducationLevel, Position
from antt_desktop.domain.policies import (
    BaseSalaryEntry,
    DutyAllowanceKind,
    DutyAllowanceRule,
    PolicyValueUnconfirmed,
    PolicyVersion,
    PovertyLineEntry,
    ProrationRule,
    SupportMode,
    base_salary_entry_on,
    BaseSalaryUnconfirmed,
    duty_allowance_dong,
    policy_monthly_support_dong,
    poverty_line_on,
)

POSITION_ORDER = {Position.LEADER: 0, Position.DEPUTY: 1, Position.MEMBER: 2}


# --------------------------------------------------------------------------- months


@error_dataclass
class InvalidMonth(DomainError):
    """Not a month written YYYY-MM (or MM/YYYY)."""

    text: str


@dataclass(frozen=True, slots=True, order=True)
class Month:
    year: int
    month: int

    @classmethod
    def parse(cls, text: str) -> "Month":
        """ "2026-11", "11/2026" or "11-2026"."""
        cleaned = (text or "").strip()
        match = re.fullmatch(r"(\d{4})-(\d{1,2})", cleaned)
        if match:
            year, month = int(match[1]), int(match[2])
        else:
            match = re.fullmatch(r"(\d{1,2})\s*[/.\-]\s*(\d{4})", cleaned)
            if not match:
                raise InvalidMonth(text)
            month, year = int(match[1]), int(match[2])
        if not 1 <= month <= 12 or not 1900 <= year <= 9999:
            raise InvalidMonth(text)
        return cls(year, month)

    @classmethod
    def of(cls, day: date) -> "Month":
        return cls(day.year, day.month)

    @property
    def key(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def label(self) -> str:
        return f"{self.month:02d}/{self.year}"

    @property
    def days(self) -> int:
        return calendar.monthrange(self.year, self.month)[1]

    @property
    def first(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def last(self) -> date:
        return date(self.year, self.month, self.days)

    def next(self) -> "Month":
        return Month(self.year + (self.month == 12), self.month % 12 + 1)

    def previous(self) -> "Month":
        return Month(self.year - (self.month == 1), (self.month - 2) % 12 + 1)

    def __str__(self) -> str:
        return self.key


# --------------------------------------------------------------------------- states and errors


class RunKind(str, Enum):
    REGULAR = "regular"                 # bảng thanh toán của tháng
    SUPPLEMENTARY = "supplementary"     # bảng truy lĩnh / truy thu sau khi đã khóa


class RunState(str, Enum):
    DRAFT = "draft"
    LOCKED = "locked"


RUN_KIND_LABELS = {RunKind.REGULAR: "Bảng thanh toán", RunKind.SUPPLEMENTARY: "Bảng truy lĩnh/truy thu"}
RUN_STATE_LABELS = {RunState.DRAFT: "Nháp", RunState.LOCKED: "Đã khóa"}


@error_dataclass
class PayrollRunLocked(DomainError):
    """The month's payroll is locked; it never changes (corrections go to a supplementary run)."""

    month: str


@error_dataclass
class PayrollRunNotFound(DomainError):
    month: str
    kind: RunKind = RunKind.REGULAR


@error_dataclass
class NoDraftToLock(DomainError):
    month: str


@error_dataclass
class NoLockedRun(DomainError):
    """A supplementary run corrects a locked one; the month has none."""

    month: str


@error_dataclass
class NoPayrollDifference(DomainError):
    """Recomputing the month gives exactly what was paid: no supplementary run is needed."""

    month: str


@error_dataclass
class NoPolicyChosen(DomainError):
    """The unit has not chosen the province's resolution it applies."""


@error_dataclass
class PolicyNotInForceForMonth(DomainError):
    month: str
    resolution_number: str | None
    province_name: str
    effective_from: date | None
    effective_to: date | None


@error_dataclass
class NobodyToPay(DomainError):
    """Nobody held a position on any day of the month."""

    month: str


@error_dataclass
class InvalidDutyCount(DomainError):
    field: str
    value: int
    maximum: int


@error_dataclass
class MemberNotActiveInMonth(DomainError):
    member_name: str
    month: str


# Warnings: not errors, kept with the run and shown beside it.


@error_dataclass
class DutyCapped(DomainError):
    member_name: str
    kind: DutyAllowanceKind
    units: int
    paid_units: int


@error_dataclass
class DutyNotPaidByPolicy(DomainError):
    """The log has nights/days of a kind the resolution pays nothing for."""

    member_name: str
    field: str
    units: int


@error_dataclass
class DutyForMemberNotPaid(DomainError):
    member_name: str
    month: str


# --------------------------------------------------------------------------- inputs


DUTY_FIELDS = ("nights", "long_duty_days", "holidays", "training_days", "hazardous_days", "special_area_days")
DUTY_FIELD_LABELS = {
    "nights": "Số đêm trực (22h–6h)",
    "long_duty_days": "Số ngày làm nhiệm vụ (đủ giờ)",
    "holidays": "Số ngày nghỉ, lễ, tết",
    "training_days": "Số ngày tập huấn",
    "hazardous_days": "Số ngày nặng nhọc, độc hại",
    "special_area_days": "Số ngày ở địa bàn đặc thù",
}
DUTY_KIND_LABELS = {
    DutyAllowanceKind.NIGHT: "Trực đêm",
    DutyAllowanceKind.DUTY_DAY: "Ngày làm nhiệm vụ",
    DutyAllowanceKind.DAY_OFF_OR_HOLIDAY: "Ngày nghỉ, lễ, tết",
    DutyAllowanceKind.NIGHT_OR_DAY_OFF: "Trực đêm, ngày nghỉ",
    DutyAllowanceKind.TRAINING_DAY: "Tập huấn",
    DutyAllowanceKind.HAZARDOUS_DAY: "Nặng nhọc, độc hại",
    DutyAllowanceKind.SPECIAL_AREA_DAY: "Địa bàn đặc thù",
}
# Which duty-log fields each kind of rule pays for.
DUTY_FIELDS_OF_KIND: dict[DutyAllowanceKind, tuple[str, ...]] = {
    DutyAllowanceKind.NIGHT: ("nights",),
    DutyAllowanceKind.DUTY_DAY: ("long_duty_days",),
    DutyAllowanceKind.DAY_OFF_OR_HOLIDAY: ("holidays",),
    DutyAllowanceKind.NIGHT_OR_DAY_OFF: ("nights", "holidays"),
    DutyAllowanceKind.TRAINING_DAY: ("training_days",),
    DutyAllowanceKind.HAZARDOUS_DAY: ("hazardous_days",),
    DutyAllowanceKind.SPECIAL_AREA_DAY: ("special_area_days",),
}


@dataclass(frozen=True, slots=True)
class DutyCounts:
    """Sổ trực of one member for one month: nights and days that earn bồi dưỡng."""

    nights: int = 0
    long_duty_days: int = 0
    holidays: int = 0
    training_days: int = 0
    hazardous_days: int = 0
    special_area_days: int = 0

    @property
    def is_empty(self) -> bool:
        return not any(getattr(self, name) for name in DUTY_FIELDS)

    def as_dict(self) -> dict[str, int]:
        return {name: getattr(self, name) for name in DUTY_FIELDS}

    def units(self, kind: DutyAllowanceKind) -> int:
        return sum(getattr(self, name) for name in DUTY_FIELDS_OF_KIND[kind])


def validate_duty_counts(counts: DutyCounts, month: Month) -> DutyCounts:
    """Whole, non-negative numbers; nothing above the days of the month."""
    for name in DUTY_FIELDS:
        value = getattr(counts, name)
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= month.days:
            raise InvalidDutyCount(name, value if isinstance(value, int) else -1, month.days)
    return counts


class DutyProblemReason(str, Enum):
    """Why a duty log read from Excel cannot be applied; `messages.payroll` phrases each."""

    UNREADABLE_FILE = "unreadable_file"
    OLD_XLS_FORMAT = "old_xls_format"
    NO_HEADER = "no_header"
    NO_ROWS = "no_rows"
    MONTH_MISMATCH = "month_mismatch"
    NAME_MISSING = "name_missing"
    NOT_A_WHOLE_NUMBER = "not_a_whole_number"
    NEGATIVE = "negative"
    TOO_MANY = "too_many"
    UNKNOWN_MEMBER = "unknown_member"
    AMBIGUOUS_MEMBER = "ambiguous_member"
    NOT_ACTIVE = "not_active"
    DUPLICATE_MEMBER = "duplicate_member"


@dataclass(frozen=True, slots=True)
class DutyProblem:
    """One thing wrong in a duty-log workbook, and where: nothing is applied while any remains."""

    sheet: str
    row: int                 # 1-based, as Excel shows it; 0 for the whole file
    column: str              # the column letter, "" when the whole row or file is meant
    reason: DutyProblemReason
    value: str = ""
    header: str = ""         # the column's heading, to name it in the message


@dataclass(frozen=True, slots=True)
class DutyLogRecord:
    """A row of a duty-log workbook: who (by id, or by name and team) and the counts."""

    sheet: str
    row: int
    member_id: str
    full_name: str
    team_name: str
    counts: DutyCounts


@dataclass(frozen=True, slots=True)
class PayrollPerson:
    member_id: str
    full_name: str
    sort_key: str = ""
    education_level: EducationLevel | None = None


@dataclass(frozen=True, slots=True)
class PayrollTeam:
    team_id: str
    name: str
    hamlet_name: str = ""


@dataclass(frozen=True, slots=True)
class PayrollInputs:
    """Everything one month's payroll depends on; services gather it in one read."""

    month: Month
    policy: PolicyVersion
    people: Mapping[str, PayrollPerson]
    assignments: Sequence[Assignment]
    teams: Mapping[str, PayrollTeam]
    duty: Mapping[str, DutyCounts] = field(default_factory=dict)
    insurance: Mapping[str, InsuranceRecord] = field(default_factory=dict)
    base_salaries: Sequence[BaseSalaryEntry] = ()
    poverty_lines: Sequence[PovertyLineEntry] = ()
    is_special_area: bool = False
    chosen_amount_dong: int | None = None     # range mode: the commune's choice


# --------------------------------------------------------------------------- output


@dataclass(frozen=True, slots=True)
class DutyPayment:
    kind: DutyAllowanceKind
    units: int
    paid_units: int
    rate_dong: int
    amount_dong: int


@dataclass(frozen=True, slots=True)
class PayrollLine:
    """One row of the sheet: a member in one position and team for `days` days of the month.

    In a supplementary run the amounts are differences (positive: truy lĩnh, negative: truy
    thu) and `previous_total_dong` is what the locked runs already paid.
    """

    member_id: str
    full_name: str
    position: Position
    team_id: str | None
    team_name: str
    hamlet_name: str
    started_on: date
    ended_on: date
    days: int
    days_in_month: int
    rate_dong: int
    support_dong: int
    duty_dong: int = 0
    bhxh_support_dong: int = 0
    bhyt_support_dong: int = 0
    duty: tuple[DutyPayment, ...] = ()
    sort_key: str = ""
    previous_total_dong: int | None = None

    @property
    def insurance_dong(self) -> int:
        return self.bhxh_support_dong + self.bhyt_support_dong

    @property
    def total_dong(self) -> int:
        return self.support_dong + self.duty_dong + self.insurance_dong


@dataclass(frozen=True, slots=True)
class PayrollResult:
    month: Month
    lines: tuple[PayrollLine, ...]
    warnings: tuple[DomainError, ...] = ()
    base_salary_dong: int | None = None      # the lương cơ sở used, when any rule needed it

    @property
    def total_dong(self) -> int:
        return sum(line.total_dong for line in self.lines)


@dataclass(frozen=True, slots=True)
class PayrollRun:
    """A stored run: the month's sheet as computed (draft) or as paid (locked)."""

    id: str
    unit_code: str
    month: str
    kind: RunKind
    state: RunState
    lines: tuple[PayrollLine, ...]
    total_dong: int
    policy_version_id: str | None = None
    corrects_run_id: str | None = None
    created_at: object = None
    locked_at: object = None
    details: Mapping = field(default_factory=dict)

    @property
    def is_locked(self) -> bool:
        return self.state is RunState.LOCKED


@dataclass(frozen=True, slots=True)
class Totals:
    support_dong: int = 0
    duty_dong: int = 0
    insurance_dong: int = 0
    total_dong: int = 0
    members: int = 0
    lines: int = 0


@dataclass(frozen=True, slots=True)
class TeamTotal:
    team_id: str | None
    team_name: str
    hamlet_name: str
    totals: Totals


# --------------------------------------------------------------------------- computation


def check_policy_for_month(policy: PolicyVersion | None, month: Month) -> PolicyVersion:
    """The unit's chosen version must be in force on some day of the month."""
    if policy is None:
        raise NoPolicyChosen()
    starts, ends = policy.effective_from, policy.effective_to
    if starts is None or starts > month.last or (ends is not None and ends < month.first):
        raise PolicyNotInForceForMonth(month.key, policy.resolution_number, policy.province_name, starts, ends)
    return policy


def prorate(rate_dong: int, days: int, of_days: int) -> int:
    """rate × days ÷ of_days, rounded half up to whole đồng (integers only: exact)."""
    if of_days <= 0:
        raise ValueError("of_days must be positive")
    return (2 * rate_dong * days + of_days) // (2 * of_days)


class _LazyBaseSalary:
    """The month's lương cơ sở, looked up only when a rule needs it."""

    def __init__(self, table: Sequence[BaseSalaryEntry], on: date) -> None:
        self._table, self._on = table, on
        self.used: int | None = None

    def __call__(self) -> int:
        if self.used is None:
            entry = base_salary_entry_on(self._table, self._on)
            if not entry.confirmed:
                raise BaseSalaryUnconfirmed(entry.amount_dong, entry.effective_from)
            self.used = entry.amount_dong
        return self.used


def _clip(assignments: Iterable[Assignment], month: Month) -> dict[str, list[tuple[date, date, Assignment]]]:
    """Each member's spells inside the month, in order, a day counted once (a later spell wins)."""
    spells: dict[str, list[tuple[date, date, Assignment]]] = defaultdict(list)
    first, last = month.first, month.last
    for assignment in assignments:
        start = max(assignment.started_on, first)
        end = min(assignment.ended_on or last, last)
        if start <= end:
            spells[assignment.member_id].append((start, end, assignment))
    for member_id, items in spells.items():
        if len(items) == 1:
            continue
        items.sort(key=lambda item: (item[0], item[1]))
        cleaned: list[tuple[date, date, Assignment]] = []
        for start, end, assignment in items:
            while cleaned and cleaned[-1][1] >= start:
                prev_start, _prev_end, prev = cleaned.pop()
                if prev_start < start:
                    cleaned.append((prev_start, start - timedelta(days=1), prev))
                    break
            previous = cleaned[-1] if cleaned else None
            if previous and previous[2].team_id == assignment.team_id and previous[2].position is assignment.position \
                    and previous[1] + timedelta(days=1) == start:
                cleaned[-1] = (previous[0], end, previous[2])
            else:
                cleaned.append((start, end, assignment))
        spells[member_id] = cleaned
    return spells


def needs_base_salary(policy: PolicyVersion) -> bool:
    """Whether the monthly support is a coefficient × lương cơ sở."""
    return policy.monthly_support is not None and \
        policy.monthly_support.mode is SupportMode.COEFFICIENT_OF_BASE_SALARY


def _with_resolution(error: PolicyValueUnconfirmed, policy: PolicyVersion) -> PolicyValueUnconfirmed:
    if error.resolution_number or error.province_name:
        return error
    return replace(error, resolution_number=policy.resolution_number, province_name=policy.province_name)


def duty_payments(rules: Sequence[DutyAllowanceRule] | None, counts: DutyCounts) -> tuple[DutyPayment, ...]:
    """Bồi dưỡng for one member-month, one payment per rule with units, capped per rule."""
    payments = []
    for rule in rules or ():
        units = counts.units(rule.kind)
        if units <= 0:
            continue
        amount = duty_allowance_dong(rule, units)
        paid = units if rule.max_units_per_month is None else min(units, rule.max_units_per_month)
        payments.append(DutyPayment(rule.kind, units, paid, rule.amount_dong or 0, amount))
    return tuple(payments)


def unpaid_duty_fields(rules: Sequence[DutyAllowanceRule] | None, counts: DutyCounts) -> list[tuple[str, int]]:
    paid_fields = {name for rule in rules or () for name in DUTY_FIELDS_OF_KIND[rule.kind]}
    return [(name, getattr(counts, name)) for name in DUTY_FIELDS
            if getattr(counts, name) > 0 and name not in paid_fields]


def compute_payroll(inputs: PayrollInputs) -> PayrollResult:
    """The month's lines, in sheet order (team, then Tổ trưởng/Tổ phó/Tổ viên, then name)."""
    with collector_paused():
        return _compute_payroll(inputs)


def _compute_payroll(inputs: PayrollInputs) -> PayrollResult:
    month, policy = inputs.month, inputs.policy
    check_policy_for_month(policy, month)
    base_salary = _LazyBaseSalary(inputs.base_salaries, month.first)
    poverty_cache: list[int] = []

    def poverty_line() -> int:
        if not poverty_cache:
            poverty_cache.append(poverty_line_on(inputs.poverty_lines, month.first))
        return poverty_cache[0]

    rates: dict[tuple[Position, EducationLevel | None], int] = {}

    def rate_of(position: Position, education: EducationLevel | None) -> int:
        key = (position, education)
        if key not in rates:
            needs_base = needs_base_salary(policy)
            rates[key] = policy_monthly_support_dong(
                policy, position, base_salary_dong=base_salary() if needs_base else 0,
                education_level=education, chosen_amount_dong=inputs.chosen_amount_dong,
                is_special_area=inputs.is_special_area)
        return rates[key]

    warnings: list[DomainError] = []
    lines: list[PayrollLine] = []
    spells = _clip(inputs.assignments, month)
    rules = policy.duty_allowances
    first, last_day, month_days = month.first, month.last, month.days
    by_calendar = policy.proration is ProrationRule.CALENDAR_DAYS
    no_team = PayrollTeam("", "", "")
    people, teams, duty, insurance_of = inputs.people, inputs.teams, inputs.duty, inputs.insurance
    try:
        for member_id, items in spells.items():
            person = people.get(member_id)
            if person is None:
                continue
            denominator = month_days if by_calendar else sum((e - s).days + 1 for s, e, _ in items)
            # Duty and insurance are monthly and go on the member's last line.
            final_rate = rate_of(items[-1][2].position, person.education_level)
            counts = duty.get(member_id)
            payments: tuple[DutyPayment, ...] = ()
            if counts is not None and not counts.is_empty:
                payments = duty_payments(rules, counts)
                for payment in payments:
                    if payment.paid_units < payment.units:
                        warnings.append(DutyCapped(person.full_name, payment.kind, payment.units, payment.paid_units))
                for name, units in unpaid_duty_fields(rules, counts):
                    warnings.append(DutyNotPaidByPolicy(person.full_name, name, units))
            record = insurance_of.get(member_id)
            insurance = monthly_insurance(
                record, policy.insurance_support, first, last_day, monthly_support_dong=final_rate,
                base_salary_dong=base_salary, poverty_line_dong=poverty_line) if record is not None else None
            final = len(items) - 1
            for index, (start, end, assignment) in enumerate(items):
                rate = final_rate if index == final else rate_of(assignment.position, person.education_level)
                days = (end - start).days + 1
                team = teams.get(assignment.team_id) or no_team
                is_final = index == final
                lines.append(PayrollLine(
                    member_id, person.full_name, assignment.position, assignment.team_id, team.name,
                    team.hamlet_name, start, end, days, month_days, rate, prorate(rate, days, denominator),
                    sum(p.amount_dong for p in payments) if is_final else 0,
                    insurance.bhxh_support_dong if is_final and insurance else 0,
                    insurance.bhyt_support_dong if is_final and insurance else 0,
                    payments if is_final else (), person.sort_key))
    except PolicyValueUnconfirmed as error:
        raise _with_resolution(error, policy) from None
    for member_id, counts in inputs.duty.items():
        if member_id not in spells and not counts.is_empty and member_id in inputs.people:
            warnings.append(DutyForMemberNotPaid(inputs.people[member_id].full_name, month.key))
    return PayrollResult(month, tuple(sort_lines(lines)), tuple(warnings), base_salary.used)


def sort_lines(lines: Iterable[PayrollLine]) -> list[PayrollLine]:
    """Sheet order: by team, then Tổ trưởng, Tổ phó, Tổ viên, then name. A member whose
    position changed keeps their lines together, in date order, at the place of the position
    they held last in that team."""
    lines = list(lines)
    held_last: dict[tuple[str | None, str], tuple[date, Position]] = {}
    for line in lines:
        key = (line.team_id, line.member_id)
        if key not in held_last or line.started_on > held_last[key][0]:
            held_last[key] = (line.started_on, line.position)
    team_keys: dict[str, tuple] = {}

    def order(line: PayrollLine) -> tuple:
        position = held_last[(line.team_id, line.member_id)][1]
        team_key = team_keys.get(line.team_name)
        if team_key is None:
            team_key = team_keys[line.team_name] = vn_text.natural_key(line.team_name)
        return (team_key, line.team_id or "", POSITION_ORDER[position],
                line.sort_key, line.full_name, line.member_id, line.started_on)

    return sorted(lines, key=order)


def totals_of(lines: Iterable[PayrollLine]) -> Totals:
    support = duty = insurance = count = 0
    members: set[str] = set()
    for line in lines:
        support += line.support_dong
        duty += line.duty_dong
        insurance += line.insurance_dong
        members.add(line.member_id)
        count += 1
    return Totals(support, duty, insurance, support + duty + insurance, len(members), count)


def team_totals(lines: Sequence[PayrollLine]) -> list[TeamTotal]:
    """One total per team, in the order the teams first appear on the sheet."""
    groups: dict[str | None, list[PayrollLine]] = {}
    for line in lines:
        groups.setdefault(line.team_id, []).append(line)
    return [TeamTotal(team_id, group[0].team_name, group[0].hamlet_name, totals_of(group))
            for team_id, group in groups.items()]


# --------------------------------------------------------------------------- corrections


def difference_lines(paid: Iterable[PayrollLine], current: Iterable[PayrollLine]) -> tuple[PayrollLine, ...]:
    """Per member, what the month now gives minus what the locked runs paid (truy lĩnh > 0,
    truy thu < 0). Members with no difference are left out."""
    paid_by: dict[str, list[PayrollLine]] = defaultdict(list)
    current_by: dict[str, list[PayrollLine]] = defaultdict(list)
    for line in paid:
        paid_by[line.member_id].append(line)
    for line in current:
        current_by[line.member_id].append(line)
    result = []
    for member_id in paid_by.keys() | current_by.keys():
        before, after = paid_by.get(member_id, []), current_by.get(member_id, [])
        delta = {name: sum(getattr(l, name) for l in after) - sum(getattr(l, name) for l in before)
                 for name in ("support_dong", "duty_dong", "bhxh_support_dong", "bhyt_support_dong")}
        if not any(delta.values()):
            continue
        shown = (after or before)[-1]
        result.append(replace(
            shown, days=sum(l.days for l in after), duty=(), **delta,
            started_on=min(l.started_on for l in after or before),
            ended_on=max(l.ended_on for l in after or before),
            previous_total_dong=sum(l.total_dong for l in before)))
    return tuple(sort_lines(result))


# --------------------------------------------------------------------------- budget estimate


@dataclass(frozen=True, slots=True)
class BudgetRow:
    label: str
    count: int
    monthly_dong: int | None     # None when it differs from person to person or month to month
    months: int
    amount_dong: int
    note: str = ""


@dataclass(frozen=True, slots=True)
class BudgetEstimate:
    """Dự toán kinh phí for `year` from today's roster and the policy in force."""

    year: int
    rows: tuple[BudgetRow, ...]
    base_salary_dong: tuple[int, ...] = ()       # the lương cơ sở values used, if any
    resolution_number: str | None = None
    province_name: str = ""

    @property
    def total_dong(self) -> int:
        return sum(row.amount_dong for row in self.rows)


@dataclass(frozen=True, slots=True)
class RosterEntry:
    person: PayrollPerson
    position: Position


def budget_estimate(
    year: int,
    policy: PolicyVersion,
    roster: Sequence[RosterEntry],
    *,
    insurance: Mapping[str, InsuranceRecord] | None = None,
    duty_history: Mapping[str, Sequence[DutyCounts]] | None = None,
    base_salaries: Sequence[BaseSalaryEntry] = (),
    poverty_lines: Sequence[PovertyLineEntry] = (),
    is_special_area: bool = False,
    chosen_amount_dong: int | None = None,
) -> BudgetEstimate:
    """Twelve months of today's roster at the policy's rates (each month's lương cơ sở), its
    insurance support, and bồi dưỡng estimated as the last twelve months of duty again."""
    if policy is None:
        raise NoPolicyChosen()
    insurance = insurance or {}
    duty_history = duty_history or {}
    months = [Month(year, m) for m in range(1, 13)]
    support: dict[Position, list[int]] = {p: [] for p in Position}
    counts: dict[Position, int] = {p: 0 for p in Position}
    bhxh_amounts: list[int] = []
    bhyt_amounts: list[int] = []
    bhxh_people: set[str] = set()
    bhyt_people: set[str] = set()
    bases_used: set[int] = set()
    try:
        for month in months:
            base = _LazyBaseSalary(base_salaries, month.first)
            lines_cache: dict[tuple[Position, EducationLevel | None], int] = {}
            poverty = [0]

            def poverty_line(month=month) -> int:
                if not poverty[0]:
                    poverty[0] = poverty_line_on(poverty_lines, month.first)
                return poverty[0]

            for entry in roster:
                key = (entry.position, entry.person.education_level)
                if key not in lines_cache:
                    needs_base = needs_base_salary(policy)
                    lines_cache[key] = policy_monthly_support_dong(
                        policy, entry.position, base_salary_dong=base() if needs_base else 0,
                        education_level=entry.person.education_level, chosen_amount_dong=chosen_amount_dong,
                        is_special_area=is_special_area)
                rate = lines_cache[key]
                support[entry.position].append(rate)
                record = insurance.get(entry.person.member_id)
                if record is not None:
                    amounts = monthly_insurance(record, policy.insurance_support, month.first, month.last,
                                                monthly_support_dong=rate, base_salary_dong=base,
                                                poverty_line_dong=poverty_line)
                    if amounts.bhxh_support_dong:
                        bhxh_amounts.append(amounts.bhxh_support_dong)
                        bhxh_people.add(entry.person.member_id)
                    if amounts.bhyt_support_dong:
                        bhyt_amounts.append(amounts.bhyt_support_dong)
                        bhyt_people.add(entry.person.member_id)
            if base.used is not None:
                bases_used.add(base.used)
        for entry in roster:
            counts[entry.position] += 1
        duty_total = 0
        duty_people = 0
        for entry in roster:
            history = duty_history.get(entry.person.member_id, ())
            amount = sum(p.amount_dong for counts_ in history for p in duty_payments(policy.duty_allowances, counts_))
            duty_total += amount
            duty_people += amount > 0
    except PolicyValueUnconfirmed as error:
        raise _with_resolution(error, policy) from None
    from antt_desktop.domain.people import POSITION_LABELS

    rows = []
    for position in Position:
        amounts = support[position]
        if not counts[position]:
            continue
        uniform = amounts[0] if len(set(amounts)) == 1 else None
        rows.append(BudgetRow(f"Hỗ trợ hằng tháng — {POSITION_LABELS[position]}", counts[position], uniform,
                              12, sum(amounts), "" if uniform is not None else "Mức khác nhau theo người/tháng"))
    if bhxh_amounts:
        uniform = bhxh_amounts[0] if len(set(bhxh_amounts)) == 1 else None
        rows.append(BudgetRow("Hỗ trợ đóng BHXH tự nguyện", len(bhxh_people), uniform, 12, sum(bhxh_amounts)))
    if bhyt_amounts:
        uniform = bhyt_amounts[0] if len(set(bhyt_amounts)) == 1 else None
        rows.append(BudgetRow("Hỗ trợ đóng BHYT", len(bhyt_people), uniform, 12, sum(bhyt_amounts)))
    if duty_total:
        rows.append(BudgetRow("Bồi dưỡng làm nhiệm vụ", duty_people, None, 12, duty_total,
                              "Ước bằng sổ trực 12 tháng gần nhất"))
    return BudgetEstimate(year, tuple(rows), tuple(sorted(bases_used)), policy.resolution_number,
                          policy.province_name)

