"""Chính sách của tỉnh: dated, editable rules for team sizing, monthly support, insurance
support and duty allowances, plus the national lương cơ sở and insurance tables (DESIGN §2.4).

A province's HĐND resolution is one `PolicyVersion`. The app keeps it as the JSON of
`policy_to_dict` and reads it back with `policy_from_dict`, which validates every field and
names the failing one in `InvalidPolicyField.path` ("sizing.tables[0].steps[1].upper").

Unknown numbers are `None` in the rules ("null" in JSON), never a guess: computing with one
raises `PolicyValueUnconfirmed(field)`, so the user is asked to enter the figure in Settings.

Money is whole đồng (`int`). Coefficients and rates are `Decimal`; a product is rounded once,
at the end, to whole đồng with ROUND_HALF_UP (0.5 đồng goes up), see `round_dong`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from enum import Enum
from fractions import Fraction
from typing import Any, Generic, TypeVar

from antt_desktop.domain.errors import DomainError, error_dataclass
from antt_desktop.domain.people import EducationLevel, HamletKind, Position

SCHEMA_VERSION = 1
# Luật 30/2023 Điều 16: a team is a Tổ trưởng, a Tổ phó and Tổ viên, so at least 3 people.
# A step that only gives a maximum ("tối đa 4") has this minimum.
LEGAL_MIN_MEMBERS = 3
BHXH_VOLUNTARY_RATE = Decimal("0.22")          # Luật BHXH: 22 % of the chosen income
BHYT_HOUSEHOLD_RATE = Decimal("0.045")         # 4.5 % × lương cơ sở for the 1st person
BHYT_HOUSEHOLD_LADDER = (Decimal("1"), Decimal("0.7"), Decimal("0.6"), Decimal("0.5"), Decimal("0.4"))
UNIT_TYPES = ("xa", "phuong", "thi_tran", "dac_khu")  # the commune-level unit a hamlet is in

T = TypeVar("T")


def round_dong(amount: Decimal | int) -> int:
    """Whole đồng, half up (1.5 → 2): the one rounding step of every money formula here."""
    return int(Decimal(amount).quantize(Decimal(1), rounding=ROUND_HALF_UP))


# --------------------------------------------------------------------------- errors


class PolicyFieldReason(str, Enum):
    """Why a field of a policy record was refused; `messages.policies` phrases each one."""

    REQUIRED = "required"
    UNKNOWN_FIELD = "unknown_field"
    NOT_AN_OBJECT = "not_an_object"
    NOT_A_LIST = "not_a_list"
    NOT_TEXT = "not_text"
    NOT_A_BOOLEAN = "not_a_boolean"
    NOT_AN_INTEGER = "not_an_integer"
    NOT_A_NUMBER = "not_a_number"
    NOT_A_DATE = "not_a_date"
    NEGATIVE_AMOUNT = "negative_amount"
    NEGATIVE = "negative"
    NOT_POSITIVE = "not_positive"
    ABOVE_ONE = "above_one"
    UNKNOWN_VALUE = "unknown_value"
    UNSUPPORTED_SCHEMA = "unsupported_schema"
    BAD_IDENTIFIER = "bad_identifier"
    BAD_PROVINCE_CODE = "bad_province_code"
    ENDS_BEFORE_START = "ends_before_start"
    BOUNDS_REVERSED = "bounds_reversed"
    OVERLAPPING_STEPS = "overlapping_steps"
    MIN_ABOVE_MAX = "min_above_max"
    MISSING_FOR_MODE = "missing_for_mode"
    SINGLE_STEP_WITHOUT_BASIS = "single_step_without_basis"
    DUPLICATE_DATE = "duplicate_date"


@error_dataclass
class InvalidPolicyField(DomainError):
    """A policy record (shipped file or user edit) has a wrong field; nothing was saved."""

    path: str
    reason: PolicyFieldReason


@error_dataclass
class PolicyValueUnconfirmed(DomainError):
    """The number a computation needs is not known (null / UNCONFIRMED in the record)."""

    field: str
    resolution_number: str | None = None
    province_name: str | None = None


@error_dataclass
class BaseSalaryUnknown(DomainError):
    """The lương cơ sở table has no entry in force on that day."""

    on: date


@error_dataclass
class BaseSalaryUnconfirmed(DomainError):
    """The entry in force is marked unconfirmed (e.g. 2,530,000 from 01/7/2026)."""

    amount_dong: int
    effective_from: date


@error_dataclass
class PovertyLineUnknown(DomainError):
    """No chuẩn hộ nghèo nông thôn is known for that day."""

    on: date


@error_dataclass
class ChosenAmountRequired(DomainError):
    """The province gives a range; the commune must choose the amount it pays."""

    min_dong: int | None
    max_dong: int | None


@error_dataclass
class ChosenAmountOutOfRange(DomainError):
    amount_dong: int
    min_dong: int
    max_dong: int


@error_dataclass
class PolicyVersionsOverlap(DomainError):
    """Two versions of one province start on the same day, so neither can be chosen."""

    province_code: str
    effective_from: date
    version_ids: tuple[str, ...]


@error_dataclass
class DuplicatePolicyId(DomainError):
    """A new policy version must have an id no stored version has."""

    policy_id: str


# --------------------------------------------------------------------------- small types


@dataclass(frozen=True, slots=True)
class ByPosition(Generic[T]):
    """One value per chức danh; JSON keys are the Position values (to_truong, to_pho, to_vien)."""

    leader: T
    deputy: T
    member: T

    def get(self, position: Position) -> T:
        return {Position.LEADER: self.leader, Position.DEPUTY: self.deputy,
                Position.MEMBER: self.member}[position]


class SizingBasis(str, Enum):
    """What a sizing step table counts."""

    HOUSEHOLDS = "households"      # số hộ gia đình
    RESIDENTS = "residents"        # số nhân khẩu
    NONE = "none"                  # a fixed count or a range, whatever the size


@dataclass(frozen=True, slots=True)
class SizingStep:
    """One row of a sizing table: a size interval and the team size it allows.

    A bound of None is open. `members_max is None` means the row's figure is not known.
    `members_min is None` means the Law's minimum (LEGAL_MIN_MEMBERS).
    """

    lower: int | None = None
    lower_inclusive: bool = True
    upper: int | None = None
    upper_inclusive: bool = False
    members_min: int | None = None
    members_max: int | None = None
    key_area_members_max: int | None = None   # Đắk Lắk: địa bàn trọng điểm, phức tạp

    def contains(self, value: int) -> bool:
        if self.lower is not None and (value < self.lower or (value == self.lower and not self.lower_inclusive)):
            return False
        if self.upper is not None and (value > self.upper or (value == self.upper and not self.upper_inclusive)):
            return False
        return True

    @property
    def is_known(self) -> bool:
        return self.members_max is not None


@dataclass(frozen=True, slots=True)
class SizingIncrement:
    """"+`add` members per additional full `per` above `after`", starting from `base_members`.

    Applies to sizes ≥ `after` that no step covers: base_members + add × ⌊(size − after) / per⌋.
    Reading "cứ thêm đủ N hộ thì thêm 1": reaching `after` itself adds nothing unless
    `base_members` says so. `per` may be a fraction (Phú Thọ: ⅓ × 500 hộ).
    """

    after: int
    per: Fraction
    base_members: int
    add: int = 1
    is_upper_bound: bool = False   # True: the result is a maximum ("tối đa"), min = LEGAL_MIN_MEMBERS


@dataclass(frozen=True, slots=True)
class SizingTable:
    """The steps for one kind of hamlet and/or one kind of commune (empty selector = any)."""

    steps: tuple[SizingStep, ...]
    hamlet_kind: HamletKind | None = None
    unit_types: tuple[str, ...] = ()
    increment: SizingIncrement | None = None
    cap: int | None = None          # no team above this size, whatever the increment gives

    def applies_to(self, kind: HamletKind, unit_type: str | None) -> bool:
        if self.hamlet_kind is not None and self.hamlet_kind is not kind:
            return False
        return not self.unit_types or unit_type in self.unit_types


@dataclass(frozen=True, slots=True)
class SizingRule:
    """Tiêu chí số lượng thành viên Tổ (Luật 30/2023 Điều 14 khoản 3): every shape seen —
    household or resident steps per hamlet kind, increments with caps, fixed counts, ranges,
    counts per unit type — is tables of steps; `team_sizing.team_quota` evaluates them all."""

    basis: SizingBasis
    tables: tuple[SizingTable, ...]
    confirmed: bool = True

    @property
    def needs_unit_type(self) -> bool:
        return any(table.unit_types for table in self.tables)


class SupportMode(str, Enum):
    """How the hỗ trợ thường xuyên hằng tháng is set (Luật 30/2023 Điều 23 khoản 1)."""

    FIXED_PER_POSITION = "fixed_per_position"                    # đồng per chức danh
    COEFFICIENT_OF_BASE_SALARY = "coefficient_of_base_salary"    # hệ số × lương cơ sở
    FLAT_PLUS_POSITION_ADDON = "flat_plus_position_addon"        # Hà Nội: one amount + add-on
    RANGE = "range"                                              # the commune picks within min–max


@dataclass(frozen=True, slots=True)
class EducationAddon:
    """Hỗ trợ thêm theo trình độ đào tạo: `amount_dong` for members at `min_level` or above."""

    min_level: EducationLevel
    amount_dong: int | None


@dataclass(frozen=True, slots=True)
class SupportRule:
    """Monthly support. Add-ons: 0 = none, None = exists but the amount is not known.

    `education_addons is None` means the province grants education add-ons whose levels or
    amounts are not known.
    """

    mode: SupportMode
    amount_dong: ByPosition[int | None] | None = None
    coefficient: ByPosition[Decimal | None] | None = None
    flat_dong: int | None = None
    range_min_dong: int | None = None
    range_max_dong: int | None = None
    position_addon_dong: ByPosition[int | None] = ByPosition(0, 0, 0)
    education_addons: tuple[EducationAddon, ...] | None = ()
    special_area_addon_dong: int | None = 0
    confirmed: bool = True


class InsuranceSupportMode(str, Enum):
    """How the province helps pay a member's BHXH tự nguyện or BHYT contribution."""

    PERCENT_OF_CONTRIBUTION = "percent_of_contribution"
    FIXED_AMOUNT = "fixed_amount_dong"
    MINIMUM_VOLUNTARY_LEVEL = "minimum_voluntary_level"   # the whole minimum BHXH TN contribution
    UNKNOWN = "unknown"


class ContributionBase(str, Enum):
    """Which contribution a percentage refers to; the service computes that contribution."""

    CHOSEN_INCOME = "chosen_income"            # 22 % of the income the member declared
    MINIMUM_VOLUNTARY = "minimum_voluntary"    # 22 % × chuẩn hộ nghèo nông thôn
    MONTHLY_SUPPORT = "monthly_support"        # TP HCM: on the monthly support amount
    HOUSEHOLD_RATE = "household_rate"          # BHYT hộ gia đình, 4.5 % × lương cơ sở
    UNSPECIFIED = "unspecified"


@dataclass(frozen=True, slots=True)
class InsuranceSupportRule:
    mode: InsuranceSupportMode
    percent: Decimal | None = None             # 1 = 100 %
    amount_dong: int | None = None
    contribution_base: ContributionBase = ContributionBase.UNSPECIFIED
    reported_text: str = ""                    # the source's wording, for the user to judge


UNKNOWN_INSURANCE_SUPPORT = InsuranceSupportRule(InsuranceSupportMode.UNKNOWN)


@dataclass(frozen=True, slots=True)
class InsuranceSupport:
    bhxh_tu_nguyen: InsuranceSupportRule = UNKNOWN_INSURANCE_SUPPORT
    bhyt: InsuranceSupportRule = UNKNOWN_INSURANCE_SUPPORT


class DutyAllowanceKind(str, Enum):
    """Bồi dưỡng (Luật 30/2023 Điều 23 khoản 2)."""

    NIGHT = "night"                            # đêm 22:00–06:00
    DUTY_DAY = "duty_day"                      # ngày làm nhiệm vụ (Hà Nội: ≥ 4 giờ)
    DAY_OFF_OR_HOLIDAY = "day_off_or_holiday"  # ngày nghỉ, lễ, tết
    NIGHT_OR_DAY_OFF = "night_or_day_off"      # Hậu Giang: one rate for both
    TRAINING_DAY = "training_day"              # tập huấn, bồi dưỡng (khoản 2 điểm a)
    HAZARDOUS_DAY = "hazardous_day"            # nặng nhọc, độc hại, nguy hiểm
    SPECIAL_AREA_DAY = "special_area_day"      # xã biên giới, trọng điểm quốc phòng… (điểm c)


class ProrationRule(str, Enum):
    """How the monthly support of a member active on only part of a month is paid (issue #5)."""

    CALENDAR_DAYS = "calendar_days"   # amount × days active ÷ days in the month
    FULL_MONTH = "full_month"         # active on any day: the whole month


@dataclass(frozen=True, slots=True)
class DutyAllowanceRule:
    """`amount_dong` per night or day; only units of ≥ `min_hours` count; at most
    `max_units_per_month` are paid in a month."""

    kind: DutyAllowanceKind
    amount_dong: int | None
    min_hours: int | None = None
    max_units_per_month: int | None = None
    condition: str = ""


@dataclass(frozen=True, slots=True)
class PolicyVersion:
    """One province's resolution (nghị quyết HĐND cấp tỉnh) as applied from `effective_from`.

    `unconfirmed` names the fields (dotted paths) that sources did not confirm; `effective_to`
    is the last day in force (inclusive). Sections are None when nothing is known.
    """

    id: str
    province_name: str
    province_code: str                 # CCCD birth-province code of the (old) province, "052"
    post_merger_parent: str | None = None
    resolution_number: str | None = None
    issued_on: date | None = None
    effective_from: date | None = None
    effective_to: date | None = None
    confirmed: bool = False
    unconfirmed: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    sizing: SizingRule | None = None
    monthly_support: SupportRule | None = None
    insurance_support: InsuranceSupport | None = None
    duty_allowances: tuple[DutyAllowanceRule, ...] | None = None
    proration: ProrationRule = ProrationRule.CALENDAR_DAYS

    def is_in_force_on(self, on: date) -> bool:
        """Undated versions are never in force: the user must enter the date first."""
        if self.effective_from is None or on < self.effective_from:
            return False
        return self.effective_to is None or on <= self.effective_to


@dataclass(frozen=True, slots=True)
class BaseSalaryEntry:
    """Lương cơ sở from `effective_from` until the next entry."""

    amount_dong: int
    effective_from: date
    legal_basis: str = ""
    confirmed: bool = True
    sources: tuple[str, ...] = ()
    note: str = ""


@dataclass(frozen=True, slots=True)
class PovertyLineEntry:
    """Chuẩn hộ nghèo khu vực nông thôn, đồng/person/month: the BHXH tự nguyện income floor."""

    amount_dong: int
    effective_from: date
    effective_to: date | None = None
    legal_basis: str = ""
    confirmed: bool = True
    sources: tuple[str, ...] = ()
    note: str = ""


@dataclass(frozen=True, slots=True)
class StateSupportSchedule:
    """The State's share of the minimum BHXH tự nguyện contribution, per group of participant."""

    shares: Mapping[str, Decimal]      # ho_ngheo, ho_can_ngheo, dan_toc_thieu_so, other
    effective_from: date | None = None
    effective_to: date | None = None
    legal_basis: str = ""
    confirmed: bool = False
    sources: tuple[str, ...] = ()
    note: str = ""


@dataclass(frozen=True, slots=True)
class BhytRules:
    household_rate: Decimal
    household_ladder: tuple[Decimal, ...]
    state_support_min_share: Decimal | None   # NĐ 188/2025: at least 50 % for this force
    state_support_effective_from: date | None = None
    legal_basis: str = ""
    confirmed: bool = False
    state_support_confirmed: bool = False
    sources: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class BhxhVoluntaryRules:
    rate: Decimal
    min_income: str
    max_income: str
    rural_poverty_lines: tuple[PovertyLineEntry, ...]
    state_support: tuple[StateSupportSchedule, ...]
    legal_basis: str = ""
    confirmed: bool = False
    sources: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class NationalInsurance:
    bhyt: BhytRules
    bhxh_tu_nguyen: BhxhVoluntaryRules


# --------------------------------------------------------------------------- computations


def policy_in_force(versions: Iterable[PolicyVersion], province_code: str, on: date) -> PolicyVersion | None:
    """The version of that province with the latest effective_from ≤ `on`, among those not
    past their effective_to. Undated versions are skipped (see `undated_policies`)."""
    candidates = [v for v in versions if v.province_code == province_code and v.is_in_force_on(on)]
    if not candidates:
        return None
    latest = max(v.effective_from for v in candidates)  # type: ignore[type-var]
    chosen = [v for v in candidates if v.effective_from == latest]
    if len(chosen) > 1:
        raise PolicyVersionsOverlap(province_code, latest, tuple(v.id for v in chosen))  # type: ignore[arg-type]
    return chosen[0]


def undated_policies(versions: Iterable[PolicyVersion], province_code: str) -> tuple[PolicyVersion, ...]:
    """Versions whose effective date is unknown, to show with "hãy nhập ngày có hiệu lực"."""
    return tuple(v for v in versions if v.province_code == province_code and v.effective_from is None)


def base_salary_entry_on(table: Iterable[BaseSalaryEntry], on: date) -> BaseSalaryEntry:
    entries = [e for e in table if e.effective_from <= on]
    if not entries:
        raise BaseSalaryUnknown(on)
    return max(entries, key=lambda e: e.effective_from)


def base_salary_on(table: Iterable[BaseSalaryEntry], on: date, *, allow_unconfirmed: bool = False) -> int:
    """Lương cơ sở in force on `on`; an unconfirmed entry raises unless explicitly allowed."""
    entry = base_salary_entry_on(table, on)
    if not entry.confirmed and not allow_unconfirmed:
        raise BaseSalaryUnconfirmed(entry.amount_dong, entry.effective_from)
    return entry.amount_dong


def poverty_line_on(entries: Iterable[PovertyLineEntry], on: date) -> int:
    """Chuẩn hộ nghèo nông thôn in force on `on`."""
    matching = [e for e in entries if e.effective_from <= on and (e.effective_to is None or on <= e.effective_to)]
    if not matching:
        raise PovertyLineUnknown(on)
    return max(matching, key=lambda e: e.effective_from).amount_dong


def monthly_support_dong(
    rule: SupportRule,
    position: Position,
    *,
    base_salary_dong: int,
    education_level: EducationLevel | None = None,
    chosen_amount_dong: int | None = None,
    is_special_area: bool = False,
) -> int:
    """One member's hỗ trợ thường xuyên for a month, in whole đồng.

    `base_salary_dong` is the lương cơ sở in force that month (used in coefficient mode).
    `education_level=None` asks for no education add-on. `chosen_amount_dong` is the
    commune's choice in range mode and is ignored otherwise.
    """
    if not rule.confirmed:
        raise PolicyValueUnconfirmed("monthly_support")
    key = position.value
    if rule.mode is SupportMode.FIXED_PER_POSITION:
        amount = _known(rule.amount_dong and rule.amount_dong.get(position), f"monthly_support.amount_dong.{key}")
    elif rule.mode is SupportMode.COEFFICIENT_OF_BASE_SALARY:
        coefficient = _known(rule.coefficient and rule.coefficient.get(position), f"monthly_support.coefficient.{key}")
        amount = round_dong(coefficient * base_salary_dong)
    elif rule.mode is SupportMode.FLAT_PLUS_POSITION_ADDON:
        amount = _known(rule.flat_dong, "monthly_support.flat_dong")
    else:
        amount = _chosen_in_range(rule, chosen_amount_dong)
    amount += _known(rule.position_addon_dong.get(position), f"monthly_support.position_addon_dong.{key}")
    if education_level is not None:
        amount += _education_addon(rule, education_level)
    if is_special_area:
        amount += _known(rule.special_area_addon_dong, "monthly_support.special_area_addon_dong")
    return amount


def policy_monthly_support_dong(policy: PolicyVersion, position: Position, **kwargs: Any) -> int:
    """`monthly_support_dong` for a whole version; errors name the resolution and province."""
    try:
        if policy.monthly_support is None:
            raise PolicyValueUnconfirmed("monthly_support")
        return monthly_support_dong(policy.monthly_support, position, **kwargs)
    except PolicyValueUnconfirmed as error:
        raise replace(error, resolution_number=policy.resolution_number,
                      province_name=policy.province_name) from None


def _known(value: T | None, path: str) -> T:
    if value is None:
        raise PolicyValueUnconfirmed(path)
    return value


def _chosen_in_range(rule: SupportRule, chosen: int | None) -> int:
    low, high = rule.range_min_dong, rule.range_max_dong
    if chosen is None:
        raise ChosenAmountRequired(low, high)
    low = _known(low, "monthly_support.range_dong.min")
    high = _known(high, "monthly_support.range_dong.max")
    if not low <= chosen <= high:
        raise ChosenAmountOutOfRange(chosen, low, high)
    return chosen


def _education_addon(rule: SupportRule, level: EducationLevel) -> int:
    if rule.education_addons is None:
        raise PolicyValueUnconfirmed("monthly_support.education_addons")
    reached = [a for a in rule.education_addons if level.rank >= a.min_level.rank]
    if not reached:
        return 0
    best = max(reached, key=lambda a: a.min_level.rank)
    return _known(best.amount_dong, f"monthly_support.education_addons[{rule.education_addons.index(best)}].amount_dong")


def insurance_support_dong(
    rule: InsuranceSupportRule,
    *,
    contribution_dong: int | None = None,
    poverty_line_dong: int | None = None,
    path: str = "insurance_support",
) -> int:
    """The province's monthly support towards one contribution, never more than the
    contribution itself when that is given. `contribution_dong` is the contribution named
    by `rule.contribution_base` (needed in percent mode); `poverty_line_dong` is needed in
    minimum-level mode."""
    if rule.mode is InsuranceSupportMode.UNKNOWN:
        raise PolicyValueUnconfirmed(path)
    if rule.mode is InsuranceSupportMode.FIXED_AMOUNT:
        amount = _known(rule.amount_dong, f"{path}.amount_dong")
    elif rule.mode is InsuranceSupportMode.PERCENT_OF_CONTRIBUTION:
        percent = _known(rule.percent, f"{path}.percent")
        if contribution_dong is None:
            raise ValueError("percent_of_contribution needs contribution_dong")
        amount = round_dong(percent * contribution_dong)
    else:
        if poverty_line_dong is None:
            raise ValueError("minimum_voluntary_level needs poverty_line_dong")
        amount = bhxh_minimum_contribution_dong(poverty_line_dong)
    return amount if contribution_dong is None else min(amount, contribution_dong)


def duty_allowance_dong(rule: DutyAllowanceRule, units: int) -> int:
    """Bồi dưỡng for `units` qualifying nights/days in one month, capped at the monthly maximum."""
    if units < 0:
        raise ValueError("units must not be negative")
    amount = _known(rule.amount_dong, f"duty_allowances.{rule.kind.value}.amount_dong")
    paid = units if rule.max_units_per_month is None else min(units, rule.max_units_per_month)
    return amount * paid


def qualifying_units(rule: DutyAllowanceRule, hours: Iterable[int | Decimal]) -> int:
    """How many of the nights/days (given as hours on duty) reach the rule's minimum hours."""
    return sum(1 for h in hours if rule.min_hours is None or h >= rule.min_hours)


def bhxh_minimum_contribution_dong(poverty_line_dong: int, rate: Decimal = BHXH_VOLUNTARY_RATE) -> int:
    """Lowest monthly BHXH tự nguyện contribution: rate × chuẩn hộ nghèo nông thôn (330,000 at 1.5M)."""
    return round_dong(rate * poverty_line_dong)


def bhyt_contribution_dong(base_salary_dong: int, rate: Decimal = BHYT_HOUSEHOLD_RATE) -> int:
    """BHYT for one person paying alone: rate × lương cơ sở (105,300 at 2.34M)."""
    return round_dong(rate * base_salary_dong)


def bhyt_household_contribution_dong(
    base_salary_dong: int,
    person_number: int,
    *,
    rate: Decimal = BHYT_HOUSEHOLD_RATE,
    ladder: Sequence[Decimal] = BHYT_HOUSEHOLD_LADDER,
) -> int:
    """BHYT of the `person_number`-th (1-based) member of a household: 100/70/60/50 % of the
    1st person's, 40 % from the 5th on. Rounded once, from the exact product."""
    if person_number < 1:
        raise ValueError("person_number starts at 1")
    share = ladder[min(person_number, len(ladder)) - 1]
    return round_dong(rate * share * base_salary_dong)


def bhyt_household_total_dong(base_salary_dong: int, persons: int, **kwargs: Any) -> int:
    return sum(bhyt_household_contribution_dong(base_salary_dong, n, **kwargs) for n in range(1, persons + 1))


# --------------------------------------------------------------------------- reading and writing


_POSITION_KEYS = tuple(p.value for p in (Position.LEADER, Position.DEPUTY, Position.MEMBER))
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_IDENTIFIER = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def _fail(path: str, reason: PolicyFieldReason) -> InvalidPolicyField:
    return InvalidPolicyField(path, reason)


def _join(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


def _object(value: Any, path: str, allowed: Iterable[str], required: Iterable[str] = ()) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise _fail(path, PolicyFieldReason.NOT_AN_OBJECT)
    allowed = set(allowed)
    for key in value:
        if key not in allowed:
            raise _fail(_join(path, str(key)), PolicyFieldReason.UNKNOWN_FIELD)
    for key in required:
        if key not in value or value[key] is None:
            raise _fail(_join(path, key), PolicyFieldReason.REQUIRED)
    return value


def _list(value: Any, path: str, *, nullable: bool = False) -> list | None:
    if value is None:
        if nullable:
            return None
        raise _fail(path, PolicyFieldReason.REQUIRED)
    if not isinstance(value, list):
        raise _fail(path, PolicyFieldReason.NOT_A_LIST)
    return value


def _text(value: Any, path: str, *, nullable: bool = False) -> str | None:
    if value is None:
        if nullable:
            return None
        raise _fail(path, PolicyFieldReason.REQUIRED)
    if not isinstance(value, str):
        raise _fail(path, PolicyFieldReason.NOT_TEXT)
    return unicodedata.normalize("NFC", value.strip())


def _texts(value: Any, path: str) -> tuple[str, ...]:
    items = _list(value if value is not None else [], path)
    return tuple(_text(item, _join(path, i)) for i, item in enumerate(items))  # type: ignore[misc]


def _boolean(value: Any, path: str) -> bool:
    if not isinstance(value, bool):
        raise _fail(path, PolicyFieldReason.NOT_A_BOOLEAN)
    return value


def _integer(value: Any, path: str, *, nullable: bool = True, minimum: int = 0,
             below: PolicyFieldReason = PolicyFieldReason.NEGATIVE) -> int | None:
    if value is None:
        if nullable:
            return None
        raise _fail(path, PolicyFieldReason.REQUIRED)
    # Money and counts are whole numbers; 1.5e6 or "1.500.000" in a hand edit is refused.
    if isinstance(value, bool) or not isinstance(value, int):
        raise _fail(path, PolicyFieldReason.NOT_AN_INTEGER)
    if value < minimum:
        raise _fail(path, below)
    return value


def _amount(value: Any, path: str, *, nullable: bool = True) -> int | None:
    return _integer(value, path, nullable=nullable, below=PolicyFieldReason.NEGATIVE_AMOUNT)


def _count(value: Any, path: str, *, nullable: bool = True) -> int | None:
    return _integer(value, path, nullable=nullable, minimum=1, below=PolicyFieldReason.NOT_POSITIVE)


def _decimal(value: Any, path: str, *, nullable: bool = True, at_most_one: bool = False) -> Decimal | None:
    if value is None:
        if nullable:
            return None
        raise _fail(path, PolicyFieldReason.REQUIRED)
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise _fail(path, PolicyFieldReason.NOT_A_NUMBER)
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        raise _fail(path, PolicyFieldReason.NOT_A_NUMBER) from None
    if not number.is_finite():
        raise _fail(path, PolicyFieldReason.NOT_A_NUMBER)
    if number < 0:
        raise _fail(path, PolicyFieldReason.NEGATIVE)
    if at_most_one and number > 1:
        raise _fail(path, PolicyFieldReason.ABOVE_ONE)
    return number


def _fraction(value: Any, path: str) -> Fraction:
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise _fail(path, PolicyFieldReason.NOT_A_NUMBER)
    try:
        number = Fraction(value) if isinstance(value, int) else Fraction(value.strip())
    except (ValueError, ZeroDivisionError):
        raise _fail(path, PolicyFieldReason.NOT_A_NUMBER) from None
    if number <= 0:
        raise _fail(path, PolicyFieldReason.NOT_POSITIVE)
    return number


def _date(value: Any, path: str, *, nullable: bool = True) -> date | None:
    if value is None:
        if nullable:
            return None
        raise _fail(path, PolicyFieldReason.REQUIRED)
    if not isinstance(value, str) or not _ISO_DATE.match(value):
        raise _fail(path, PolicyFieldReason.NOT_A_DATE)
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise _fail(path, PolicyFieldReason.NOT_A_DATE) from None


E = TypeVar("E", bound=Enum)


def _choice(enum: type[E], value: Any, path: str, *, nullable: bool = False) -> E | None:
    if value is None:
        if nullable:
            return None
        raise _fail(path, PolicyFieldReason.REQUIRED)
    try:
        return enum(value)
    except ValueError:
        raise _fail(path, PolicyFieldReason.UNKNOWN_VALUE) from None


def _by_position(value: Any, path: str, read) -> ByPosition:
    data = _object(value, path, _POSITION_KEYS)
    leader, deputy, member = (read(data.get(key), _join(path, key)) for key in _POSITION_KEYS)
    return ByPosition(leader, deputy, member)


def _by_position_dict(value: ByPosition | None, write=lambda v: v) -> dict | None:
    if value is None:
        return None
    return {"to_truong": write(value.leader), "to_pho": write(value.deputy), "to_vien": write(value.member)}


def _decimal_text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _fraction_out(value: Fraction) -> int | str:
    return value.numerator if value.denominator == 1 else f"{value.numerator}/{value.denominator}"


def _iso(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


# sizing


def _step_from(value: Any, path: str) -> SizingStep:
    data = _object(value, path, ("lower", "lower_inclusive", "upper", "upper_inclusive",
                                 "members_min", "members_max", "key_area_members_max"))
    step = SizingStep(
        lower=_integer(data.get("lower"), _join(path, "lower")),
        lower_inclusive=_boolean(data.get("lower_inclusive", True), _join(path, "lower_inclusive")),
        upper=_integer(data.get("upper"), _join(path, "upper")),
        upper_inclusive=_boolean(data.get("upper_inclusive", False), _join(path, "upper_inclusive")),
        members_min=_count(data.get("members_min"), _join(path, "members_min")),
        members_max=_count(data.get("members_max"), _join(path, "members_max")),
        key_area_members_max=_count(data.get("key_area_members_max"), _join(path, "key_area_members_max")),
    )
    if step.lower is not None and step.upper is not None and (
        step.lower > step.upper
        or (step.lower == step.upper and not (step.lower_inclusive and step.upper_inclusive))
    ):
        raise _fail(_join(path, "upper"), PolicyFieldReason.BOUNDS_REVERSED)
    if step.members_min is not None and step.members_max is None:
        raise _fail(_join(path, "members_max"), PolicyFieldReason.REQUIRED)
    if step.members_max is not None and step.members_max < (step.members_min or 1):
        raise _fail(_join(path, "members_min"), PolicyFieldReason.MIN_ABOVE_MAX)
    if step.key_area_members_max is not None and step.members_max is not None \
            and step.key_area_members_max < step.members_max:
        raise _fail(_join(path, "key_area_members_max"), PolicyFieldReason.MIN_ABOVE_MAX)
    return step


def _check_no_overlap(steps: Sequence[SizingStep], path: str) -> None:
    def start(item: tuple[int, SizingStep]):
        step = item[1]
        return (step.lower is not None, step.lower if step.lower is not None else 0, not step.lower_inclusive)

    ordered = sorted(enumerate(steps), key=start)
    for (_, first), (index, second) in zip(ordered, ordered[1:]):
        overlapping = (
            first.upper is None
            or second.lower is None
            or first.upper > second.lower
            or (first.upper == second.lower and first.upper_inclusive and second.lower_inclusive)
        )
        if overlapping:
            raise _fail(_join(_join(path, index), "lower"), PolicyFieldReason.OVERLAPPING_STEPS)


def _increment_from(value: Any, path: str) -> SizingIncrement | None:
    if value is None:
        return None
    data = _object(value, path, ("after", "per", "add", "base_members", "is_upper_bound"),
                   required=("after", "per", "base_members"))
    return SizingIncrement(
        after=_integer(data["after"], _join(path, "after"), nullable=False),  # type: ignore[arg-type]
        per=_fraction(data["per"], _join(path, "per")),
        base_members=_count(data["base_members"], _join(path, "base_members"), nullable=False),  # type: ignore[arg-type]
        add=_count(data.get("add", 1), _join(path, "add"), nullable=False),  # type: ignore[arg-type]
        is_upper_bound=_boolean(data.get("is_upper_bound", False), _join(path, "is_upper_bound")),
    )


def _table_from(value: Any, path: str, basis: SizingBasis) -> SizingTable:
    data = _object(value, path, ("hamlet_kind", "unit_types", "steps", "increment", "cap"), required=("steps",))
    steps = tuple(_step_from(s, _join(_join(path, "steps"), i)) for i, s in enumerate(_list(data["steps"], _join(path, "steps"))))  # type: ignore[arg-type]
    _check_no_overlap(steps, _join(path, "steps"))
    unit_types = _texts(data.get("unit_types"), _join(path, "unit_types"))
    for i, unit_type in enumerate(unit_types):
        if unit_type not in UNIT_TYPES:
            raise _fail(_join(_join(path, "unit_types"), i), PolicyFieldReason.UNKNOWN_VALUE)
    table = SizingTable(
        steps=steps,
        hamlet_kind=_choice(HamletKind, data.get("hamlet_kind"), _join(path, "hamlet_kind"), nullable=True),
        unit_types=unit_types,
        increment=_increment_from(data.get("increment"), _join(path, "increment")),
        cap=_count(data.get("cap"), _join(path, "cap")),
    )
    if basis is SizingBasis.NONE and (
        len(steps) != 1 or steps[0].lower is not None or steps[0].upper is not None or table.increment
    ):
        raise _fail(_join(path, "steps"), PolicyFieldReason.SINGLE_STEP_WITHOUT_BASIS)
    return table


def sizing_from_dict(value: Any, path: str = "sizing") -> SizingRule | None:
    if value is None:
        return None
    data = _object(value, path, ("basis", "tables", "confirmed"), required=("basis", "tables"))
    basis = _choice(SizingBasis, data["basis"], _join(path, "basis"))
    tables = _list(data["tables"], _join(path, "tables"))
    return SizingRule(
        basis=basis,  # type: ignore[arg-type]
        tables=tuple(_table_from(t, _join(_join(path, "tables"), i), basis) for i, t in enumerate(tables)),  # type: ignore[arg-type]
        confirmed=_boolean(data.get("confirmed", True), _join(path, "confirmed")),
    )


def sizing_to_dict(rule: SizingRule | None) -> dict | None:
    if rule is None:
        return None
    return {
        "basis": rule.basis.value,
        "confirmed": rule.confirmed,
        "tables": [
            {
                "hamlet_kind": table.hamlet_kind.value if table.hamlet_kind else None,
                "unit_types": list(table.unit_types),
                "steps": [
                    {
                        "lower": s.lower, "lower_inclusive": s.lower_inclusive,
                        "upper": s.upper, "upper_inclusive": s.upper_inclusive,
                        "members_min": s.members_min, "members_max": s.members_max,
                        "key_area_members_max": s.key_area_members_max,
                    }
                    for s in table.steps
                ],
                "increment": None if table.increment is None else {
                    "after": table.increment.after,
                    "per": _fraction_out(table.increment.per),
                    "add": table.increment.add,
                    "base_members": table.increment.base_members,
                    "is_upper_bound": table.increment.is_upper_bound,
                },
                "cap": table.cap,
            }
            for table in rule.tables
        ],
    }


# monthly support

_SUPPORT_KEYS = ("mode", "confirmed", "amount_dong", "coefficient", "flat_dong", "range_dong",
                 "position_addon_dong", "education_addons", "special_area_addon_dong")


def support_from_dict(value: Any, path: str = "monthly_support") -> SupportRule | None:
    if value is None:
        return None
    data = _object(value, path, _SUPPORT_KEYS, required=("mode",))
    mode = _choice(SupportMode, data["mode"], _join(path, "mode"))
    amounts = data.get("amount_dong")
    coefficients = data.get("coefficient")
    range_value = data.get("range_dong")
    low = high = None
    if range_value is not None:
        range_data = _object(range_value, _join(path, "range_dong"), ("min", "max"))
        low = _amount(range_data.get("min"), _join(path, "range_dong.min"))
        high = _amount(range_data.get("max"), _join(path, "range_dong.max"))
        if low is not None and high is not None and low > high:
            raise _fail(_join(path, "range_dong.min"), PolicyFieldReason.MIN_ABOVE_MAX)
    addons = data.get("education_addons", [])
    education = None
    if addons is not None:
        education = tuple(
            _education_from(a, _join(_join(path, "education_addons"), i))
            for i, a in enumerate(_list(addons, _join(path, "education_addons")))  # type: ignore[arg-type]
        )
    rule = SupportRule(
        mode=mode,  # type: ignore[arg-type]
        amount_dong=None if amounts is None else _by_position(amounts, _join(path, "amount_dong"), _amount),
        coefficient=None if coefficients is None else _by_position(coefficients, _join(path, "coefficient"), _decimal),
        flat_dong=_amount(data.get("flat_dong"), _join(path, "flat_dong")),
        range_min_dong=low,
        range_max_dong=high,
        position_addon_dong=_by_position(data.get("position_addon_dong", {"to_truong": 0, "to_pho": 0, "to_vien": 0}),
                                         _join(path, "position_addon_dong"), _amount),
        education_addons=education,
        special_area_addon_dong=_amount(data.get("special_area_addon_dong", 0), _join(path, "special_area_addon_dong")),
        confirmed=_boolean(data.get("confirmed", True), _join(path, "confirmed")),
    )
    needed = {
        SupportMode.FIXED_PER_POSITION: ("amount_dong", rule.amount_dong),
        SupportMode.COEFFICIENT_OF_BASE_SALARY: ("coefficient", rule.coefficient),
        SupportMode.FLAT_PLUS_POSITION_ADDON: ("flat_dong", "flat_dong" in data or None),
        SupportMode.RANGE: ("range_dong", range_value),
    }[rule.mode]
    if needed[1] is None:
        raise _fail(_join(path, needed[0]), PolicyFieldReason.MISSING_FOR_MODE)
    return rule


def _education_from(value: Any, path: str) -> EducationAddon:
    data = _object(value, path, ("min_level", "amount_dong"), required=("min_level",))
    return EducationAddon(
        min_level=_choice(EducationLevel, data["min_level"], _join(path, "min_level")),  # type: ignore[arg-type]
        amount_dong=_amount(data.get("amount_dong"), _join(path, "amount_dong")),
    )


def support_to_dict(rule: SupportRule | None) -> dict | None:
    if rule is None:
        return None
    has_range = rule.mode is SupportMode.RANGE or rule.range_min_dong is not None or rule.range_max_dong is not None
    return {
        "mode": rule.mode.value,
        "confirmed": rule.confirmed,
        "amount_dong": _by_position_dict(rule.amount_dong),
        "coefficient": _by_position_dict(rule.coefficient, _decimal_text),
        "flat_dong": rule.flat_dong,
        "range_dong": {"min": rule.range_min_dong, "max": rule.range_max_dong} if has_range else None,
        "position_addon_dong": _by_position_dict(rule.position_addon_dong),
        "education_addons": None if rule.education_addons is None else [
            {"min_level": a.min_level.value, "amount_dong": a.amount_dong} for a in rule.education_addons
        ],
        "special_area_addon_dong": rule.special_area_addon_dong,
    }


# insurance support

def _insurance_rule_from(value: Any, path: str) -> InsuranceSupportRule:
    if value is None:
        return UNKNOWN_INSURANCE_SUPPORT
    data = _object(value, path, ("mode", "percent", "amount_dong", "contribution_base", "reported_text"),
                   required=("mode",))
    rule = InsuranceSupportRule(
        mode=_choice(InsuranceSupportMode, data["mode"], _join(path, "mode")),  # type: ignore[arg-type]
        percent=_decimal(data.get("percent"), _join(path, "percent"), at_most_one=True),
        amount_dong=_amount(data.get("amount_dong"), _join(path, "amount_dong")),
        contribution_base=_choice(ContributionBase, data.get("contribution_base", "unspecified"),
                                  _join(path, "contribution_base")),  # type: ignore[arg-type]
        reported_text=_text(data.get("reported_text", ""), _join(path, "reported_text")),  # type: ignore[arg-type]
    )
    return rule


def insurance_from_dict(value: Any, path: str = "insurance_support") -> InsuranceSupport | None:
    if value is None:
        return None
    data = _object(value, path, ("bhxh_tu_nguyen", "bhyt"))
    return InsuranceSupport(
        bhxh_tu_nguyen=_insurance_rule_from(data.get("bhxh_tu_nguyen"), _join(path, "bhxh_tu_nguyen")),
        bhyt=_insurance_rule_from(data.get("bhyt"), _join(path, "bhyt")),
    )


def _insurance_rule_dict(rule: InsuranceSupportRule) -> dict:
    return {
        "mode": rule.mode.value,
        "percent": _decimal_text(rule.percent),
        "amount_dong": rule.amount_dong,
        "contribution_base": rule.contribution_base.value,
        "reported_text": rule.reported_text,
    }


def insurance_to_dict(support: InsuranceSupport | None) -> dict | None:
    if support is None:
        return None
    return {"bhxh_tu_nguyen": _insurance_rule_dict(support.bhxh_tu_nguyen),
            "bhyt": _insurance_rule_dict(support.bhyt)}


# duty allowances

def duty_allowances_from_dict(value: Any, path: str = "duty_allowances") -> tuple[DutyAllowanceRule, ...] | None:
    items = _list(value, path, nullable=True)
    if items is None:
        return None
    rules = []
    for i, item in enumerate(items):
        here = _join(path, i)
        data = _object(item, here, ("kind", "amount_dong", "min_hours", "max_units_per_month", "condition"),
                       required=("kind",))
        rules.append(DutyAllowanceRule(
            kind=_choice(DutyAllowanceKind, data["kind"], _join(here, "kind")),  # type: ignore[arg-type]
            amount_dong=_amount(data.get("amount_dong"), _join(here, "amount_dong")),
            min_hours=_count(data.get("min_hours"), _join(here, "min_hours")),
            max_units_per_month=_count(data.get("max_units_per_month"), _join(here, "max_units_per_month")),
            condition=_text(data.get("condition", ""), _join(here, "condition")),  # type: ignore[arg-type]
        ))
    return tuple(rules)


def duty_allowances_to_dict(rules: tuple[DutyAllowanceRule, ...] | None) -> list | None:
    if rules is None:
        return None
    return [{"kind": r.kind.value, "amount_dong": r.amount_dong, "min_hours": r.min_hours,
             "max_units_per_month": r.max_units_per_month, "condition": r.condition} for r in rules]


# the whole version

_POLICY_KEYS = ("schema_version", "id", "province_name", "province_code", "post_merger_parent",
                "resolution_number", "issued_on", "effective_from", "effective_to", "confirmed",
                "unconfirmed", "sources", "notes", "sizing", "monthly_support", "insurance_support",
                "duty_allowances", "proration")


def _schema(data: Mapping[str, Any]) -> None:
    version = data.get("schema_version")
    if version is None:
        raise _fail("schema_version", PolicyFieldReason.REQUIRED)
    if version != SCHEMA_VERSION:
        raise _fail("schema_version", PolicyFieldReason.UNSUPPORTED_SCHEMA)


def policy_from_dict(data: Mapping[str, Any]) -> PolicyVersion:
    """Read and validate a policy record; raise InvalidPolicyField naming the first bad field."""
    data = _object(data, "", _POLICY_KEYS, required=("schema_version", "id", "province_name", "province_code"))
    _schema(data)
    identifier = _text(data["id"], "id")
    if not _IDENTIFIER.match(identifier):  # type: ignore[arg-type]
        raise _fail("id", PolicyFieldReason.BAD_IDENTIFIER)
    code = _text(data["province_code"], "province_code")
    if not re.fullmatch(r"\d{3}", code):  # type: ignore[arg-type]
        raise _fail("province_code", PolicyFieldReason.BAD_PROVINCE_CODE)
    effective_from = _date(data.get("effective_from"), "effective_from")
    effective_to = _date(data.get("effective_to"), "effective_to")
    if effective_from and effective_to and effective_to < effective_from:
        raise _fail("effective_to", PolicyFieldReason.ENDS_BEFORE_START)
    return PolicyVersion(
        id=identifier,  # type: ignore[arg-type]
        province_name=_text(data["province_name"], "province_name"),  # type: ignore[arg-type]
        province_code=code,  # type: ignore[arg-type]
        post_merger_parent=_text(data.get("post_merger_parent"), "post_merger_parent", nullable=True),
        resolution_number=_text(data.get("resolution_number"), "resolution_number", nullable=True),
        issued_on=_date(data.get("issued_on"), "issued_on"),
        effective_from=effective_from,
        effective_to=effective_to,
        confirmed=_boolean(data.get("confirmed", False), "confirmed"),
        unconfirmed=_texts(data.get("unconfirmed"), "unconfirmed"),
        sources=_texts(data.get("sources"), "sources"),
        notes=_texts(data.get("notes"), "notes"),
        sizing=sizing_from_dict(data.get("sizing")),
        monthly_support=support_from_dict(data.get("monthly_support")),
        insurance_support=insurance_from_dict(data.get("insurance_support")),
        duty_allowances=duty_allowances_from_dict(data.get("duty_allowances")),
        proration=_choice(ProrationRule, data.get("proration", ProrationRule.CALENDAR_DAYS.value),  # type: ignore[arg-type]
                          "proration"),
    )


def policy_to_dict(policy: PolicyVersion) -> dict:
    """The JSON-ready record; `policy_from_dict(policy_to_dict(p)) == p`."""
    return {
        "schema_version": SCHEMA_VERSION,
        "id": policy.id,
        "province_name": policy.province_name,
        "province_code": policy.province_code,
        "post_merger_parent": policy.post_merger_parent,
        "resolution_number": policy.resolution_number,
        "issued_on": _iso(policy.issued_on),
        "effective_from": _iso(policy.effective_from),
        "effective_to": _iso(policy.effective_to),
        "confirmed": policy.confirmed,
        "unconfirmed": list(policy.unconfirmed),
        "sources": list(policy.sources),
        "notes": list(policy.notes),
        "sizing": sizing_to_dict(policy.sizing),
        "monthly_support": support_to_dict(policy.monthly_support),
        "insurance_support": insurance_to_dict(policy.insurance_support),
        "duty_allowances": duty_allowances_to_dict(policy.duty_allowances),
        # Written only when not the default, so the shipped files (which predate it) round-trip.
        **({"proration": policy.proration.value} if policy.proration is not ProrationRule.CALENDAR_DAYS else {}),
    }


# base salary and national insurance tables

def _provenance(data: Mapping[str, Any], path: str) -> dict[str, Any]:
    return {
        "legal_basis": _text(data.get("legal_basis", ""), _join(path, "legal_basis")),
        "confirmed": _boolean(data.get("confirmed", False), _join(path, "confirmed")),
        "sources": _texts(data.get("sources"), _join(path, "sources")),
        "note": _text(data.get("note", ""), _join(path, "note")),
    }


def _provenance_dict(entry: Any) -> dict[str, Any]:
    return {"legal_basis": entry.legal_basis, "confirmed": entry.confirmed,
            "sources": list(entry.sources), "note": entry.note}


def base_salary_table_from_dict(data: Mapping[str, Any]) -> tuple[BaseSalaryEntry, ...]:
    """Read the lương cơ sở table, oldest first; two entries may not start on the same day."""
    data = _object(data, "", ("schema_version", "entries"), required=("schema_version", "entries"))
    _schema(data)
    entries = []
    seen: set[date] = set()
    for i, item in enumerate(_list(data["entries"], "entries")):  # type: ignore[arg-type]
        path = _join("entries", i)
        row = _object(item, path, ("amount_dong", "effective_from", "legal_basis", "confirmed", "sources", "note"),
                      required=("amount_dong", "effective_from"))
        start = _date(row["effective_from"], _join(path, "effective_from"), nullable=False)
        if start in seen:
            raise _fail(_join(path, "effective_from"), PolicyFieldReason.DUPLICATE_DATE)
        seen.add(start)  # type: ignore[arg-type]
        entries.append(BaseSalaryEntry(
            amount_dong=_amount(row["amount_dong"], _join(path, "amount_dong"), nullable=False),  # type: ignore[arg-type]
            effective_from=start,  # type: ignore[arg-type]
            **_provenance(row, path),
        ))
    return tuple(sorted(entries, key=lambda e: e.effective_from))


def base_salary_table_to_dict(table: Iterable[BaseSalaryEntry]) -> dict:
    return {
        "schema_version": SCHEMA_VERSION,
        "entries": [{"amount_dong": e.amount_dong, "effective_from": e.effective_from.isoformat(),
                     **_provenance_dict(e)} for e in table],
    }


def _dated_range(row: Mapping[str, Any], path: str, *, start_required: bool) -> tuple[date | None, date | None]:
    start = _date(row.get("effective_from"), _join(path, "effective_from"), nullable=not start_required)
    end = _date(row.get("effective_to"), _join(path, "effective_to"))
    if start and end and end < start:
        raise _fail(_join(path, "effective_to"), PolicyFieldReason.ENDS_BEFORE_START)
    return start, end


def national_insurance_from_dict(data: Mapping[str, Any]) -> NationalInsurance:
    data = _object(data, "", ("schema_version", "bhyt", "bhxh_tu_nguyen"),
                   required=("schema_version", "bhyt", "bhxh_tu_nguyen"))
    _schema(data)
    bhyt = _object(data["bhyt"], "bhyt", (
        "household_rate", "household_ladder", "legal_basis", "confirmed", "sources", "notes",
        "state_support_min_share", "state_support_effective_from", "state_support_confirmed"),
        required=("household_rate", "household_ladder"))
    ladder = _list(bhyt["household_ladder"], "bhyt.household_ladder")
    bhxh = _object(data["bhxh_tu_nguyen"], "bhxh_tu_nguyen", (
        "rate", "min_income", "max_income", "rural_poverty_lines", "state_support", "legal_basis",
        "confirmed", "sources", "notes"), required=("rate", "rural_poverty_lines"))
    lines = []
    for i, item in enumerate(_list(bhxh["rural_poverty_lines"], "bhxh_tu_nguyen.rural_poverty_lines")):  # type: ignore[arg-type]
        path = f"bhxh_tu_nguyen.rural_poverty_lines[{i}]"
        row = _object(item, path, ("amount_dong", "effective_from", "effective_to", "legal_basis", "confirmed",
                                   "sources", "note"), required=("amount_dong", "effective_from"))
        start, end = _dated_range(row, path, start_required=True)
        lines.append(PovertyLineEntry(_amount(row["amount_dong"], _join(path, "amount_dong"), nullable=False),  # type: ignore[arg-type]
                                      start, end, **_provenance(row, path)))  # type: ignore[arg-type]
    schedules = []
    for i, item in enumerate(_list(bhxh.get("state_support", []), "bhxh_tu_nguyen.state_support")):  # type: ignore[arg-type]
        path = f"bhxh_tu_nguyen.state_support[{i}]"
        row = _object(item, path, ("shares", "effective_from", "effective_to", "legal_basis", "confirmed",
                                   "sources", "note"), required=("shares",))
        shares_data = _object(row["shares"], _join(path, "shares"), row["shares"].keys() if isinstance(row["shares"], Mapping) else ())
        shares = {str(k): _decimal(v, _join(_join(path, "shares"), str(k)), nullable=False, at_most_one=True)
                  for k, v in shares_data.items()}
        start, end = _dated_range(row, path, start_required=False)
        schedules.append(StateSupportSchedule(shares, start, end, **_provenance(row, path)))  # type: ignore[arg-type]
    return NationalInsurance(
        bhyt=BhytRules(
            household_rate=_decimal(bhyt["household_rate"], "bhyt.household_rate", nullable=False, at_most_one=True),  # type: ignore[arg-type]
            household_ladder=tuple(_decimal(v, f"bhyt.household_ladder[{i}]", nullable=False, at_most_one=True)  # type: ignore[misc]
                                   for i, v in enumerate(ladder)),  # type: ignore[arg-type]
            state_support_min_share=_decimal(bhyt.get("state_support_min_share"), "bhyt.state_support_min_share",
                                             at_most_one=True),
            state_support_effective_from=_date(bhyt.get("state_support_effective_from"),
                                               "bhyt.state_support_effective_from"),
            legal_basis=_text(bhyt.get("legal_basis", ""), "bhyt.legal_basis"),  # type: ignore[arg-type]
            confirmed=_boolean(bhyt.get("confirmed", False), "bhyt.confirmed"),
            state_support_confirmed=_boolean(bhyt.get("state_support_confirmed", False), "bhyt.state_support_confirmed"),
            sources=_texts(bhyt.get("sources"), "bhyt.sources"),
            notes=_texts(bhyt.get("notes"), "bhyt.notes"),
        ),
        bhxh_tu_nguyen=BhxhVoluntaryRules(
            rate=_decimal(bhxh["rate"], "bhxh_tu_nguyen.rate", nullable=False, at_most_one=True),  # type: ignore[arg-type]
            min_income=_text(bhxh.get("min_income", ""), "bhxh_tu_nguyen.min_income"),  # type: ignore[arg-type]
            max_income=_text(bhxh.get("max_income", ""), "bhxh_tu_nguyen.max_income"),  # type: ignore[arg-type]
            rural_poverty_lines=tuple(sorted(lines, key=lambda e: e.effective_from)),
            state_support=tuple(schedules),
            legal_basis=_text(bhxh.get("legal_basis", ""), "bhxh_tu_nguyen.legal_basis"),  # type: ignore[arg-type]
            confirmed=_boolean(bhxh.get("confirmed", False), "bhxh_tu_nguyen.confirmed"),
            sources=_texts(bhxh.get("sources"), "bhxh_tu_nguyen.sources"),
            notes=_texts(bhxh.get("notes"), "bhxh_tu_nguyen.notes"),
        ),
    )


def national_insurance_to_dict(rules: NationalInsurance) -> dict:
    bhyt, bhxh = rules.bhyt, rules.bhxh_tu_nguyen
    return {
        "schema_version": SCHEMA_VERSION,
        "bhyt": {
            "household_rate": str(bhyt.household_rate),
            "household_ladder": [str(v) for v in bhyt.household_ladder],
            "legal_basis": bhyt.legal_basis,
            "confirmed": bhyt.confirmed,
            "sources": list(bhyt.sources),
            "notes": list(bhyt.notes),
            "state_support_min_share": _decimal_text(bhyt.state_support_min_share),
            "state_support_effective_from": _iso(bhyt.state_support_effective_from),
            "state_support_confirmed": bhyt.state_support_confirmed,
        },
        "bhxh_tu_nguyen": {
            "rate": str(bhxh.rate),
            "min_income": bhxh.min_income,
            "max_income": bhxh.max_income,
            "rural_poverty_lines": [
                {"amount_dong": e.amount_dong, "effective_from": _iso(e.effective_from),
                 "effective_to": _iso(e.effective_to), **_provenance_dict(e)}
                for e in bhxh.rural_poverty_lines
            ],
            "state_support": [
                {"shares": {k: str(v) for k, v in s.shares.items()}, "effective_from": _iso(s.effective_from),
                 "effective_to": _iso(s.effective_to), **_provenance_dict(s)}
                for s in bhxh.state_support
            ],
            "legal_basis": bhxh.legal_basis,
            "confirmed": bhxh.confirmed,
            "sources": list(bhxh.sources),
            "notes": list(bhxh.notes),
        },
    }
