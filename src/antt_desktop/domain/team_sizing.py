"""Số lượng thành viên Tổ bảo vệ ANTT: the quota a province's sizing rule gives a hamlet, and
the warnings about a team's make-up (Luật 30/2023 Điều 14 khoản 3, Điều 16)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction

from antt_desktop.domain.errors import DomainError, error_dataclass
from antt_desktop.domain.people import HAMLET_KIND_LABELS, HamletKind
from antt_desktop.domain.policies import (
    LEGAL_MIN_MEMBERS,
    SizingBasis,
    SizingIncrement,
    SizingRule,
    SizingStep,
    SizingTable,
)

UNIT_TYPE_LABELS = {"xa": "xã", "phuong": "phường", "thi_tran": "thị trấn", "dac_khu": "đặc khu"}
_BASIS_FIELDS = {SizingBasis.HOUSEHOLDS: "households", SizingBasis.RESIDENTS: "residents"}
_BASIS_UNITS = {SizingBasis.HOUSEHOLDS: "hộ", SizingBasis.RESIDENTS: "nhân khẩu"}


@dataclass(frozen=True, slots=True)
class HamletFacts:
    """What sizing needs to know about a thôn / tổ dân phố; `unit_type` is the commune's kind
    ("xa", "phuong", "thi_tran", "dac_khu")."""

    kind: HamletKind
    households: int | None
    residents: int | None
    is_key_area: bool = False          # địa bàn trọng điểm, phức tạp về ANTT
    unit_type: str | None = None
    name: str = ""


@dataclass(frozen=True, slots=True)
class TeamQuota:
    """How many people the team may have; `basis` explains it in one Vietnamese line."""

    min_members: int
    max_members: int
    basis: str
    is_confirmed: bool


@error_dataclass
class SizingInputMissing(DomainError):
    """The rule counts households/residents (or depends on the commune kind) and the hamlet lacks it."""

    field: str                 # "households", "residents" or "unit_type"
    hamlet_name: str = ""


@error_dataclass
class SizingRuleUnconfirmed(DomainError):
    """The province's figure is unknown (no sizing rule, or a step whose number is UNCONFIRMED)."""

    field: str


@error_dataclass
class SizingRuleNotApplicable(DomainError):
    """No table of the rule covers this kind of hamlet in this kind of commune."""

    hamlet_kind: HamletKind
    unit_type: str | None


@error_dataclass
class SizingValueNotCovered(DomainError):
    """The hamlet's size falls in a gap of the step table."""

    field: str
    value: int


@error_dataclass
class NegativeSize(DomainError):
    field: str
    value: int


def team_quota(rule: SizingRule | None, hamlet: HamletFacts) -> TeamQuota:
    """The minimum and maximum team size the rule in force allows for `hamlet`."""
    if rule is None:
        raise SizingRuleUnconfirmed("sizing")
    index, table = _table_for(rule, hamlet)
    path = f"sizing.tables[{index}]"
    if rule.basis is SizingBasis.NONE:
        step = table.steps[0]
        low, high = _step_members(step, hamlet, f"{path}.steps[0]")
        low, high = _apply_cap(low, high, table.cap)
        members = _members_text(low, high, explicit_min=step.members_min is not None)
        return TeamQuota(low, high, f"{_subject(hamlet)}: {members}{_key_area_text(step, hamlet)}", rule.confirmed)

    field = _BASIS_FIELDS[rule.basis]
    value = getattr(hamlet, field)
    if value is None:
        raise SizingInputMissing(field, hamlet.name)
    if value < 0:
        raise NegativeSize(field, value)
    unit = _BASIS_UNITS[rule.basis]
    subject = _subject(hamlet, f"{_number(value)} {unit}")
    for step_index, step in enumerate(table.steps):
        if step.contains(value):
            low, high = _step_members(step, hamlet, f"{path}.steps[{step_index}]")
            low, high = _apply_cap(low, high, table.cap)
            members = _members_text(low, high, explicit_min=step.members_min is not None)
            basis = f"{subject}: {_interval_text(step, unit)} → {members}{_key_area_text(step, hamlet)}"
            return TeamQuota(low, high, basis, rule.confirmed)
    increment = table.increment
    if increment is not None and value >= increment.after:
        return _increment_quota(increment, table.cap, value, subject, unit, rule.confirmed)
    raise SizingValueNotCovered(field, value)


def _table_for(rule: SizingRule, hamlet: HamletFacts) -> tuple[int, SizingTable]:
    for index, table in enumerate(rule.tables):
        if table.applies_to(hamlet.kind, hamlet.unit_type):
            return index, table
    if hamlet.unit_type is None and rule.needs_unit_type:
        raise SizingInputMissing("unit_type", hamlet.name)
    raise SizingRuleNotApplicable(hamlet.kind, hamlet.unit_type)


def _step_members(step: SizingStep, hamlet: HamletFacts, path: str) -> tuple[int, int]:
    if step.members_max is None:
        raise SizingRuleUnconfirmed(f"{path}.members_max")
    low = step.members_min if step.members_min is not None else LEGAL_MIN_MEMBERS
    high = step.members_max
    if hamlet.is_key_area and step.key_area_members_max is not None:
        high = step.key_area_members_max
    return min(low, high), high


def _increment_quota(increment: SizingIncrement, cap: int | None, value: int, subject: str,
                     unit: str, confirmed: bool) -> TeamQuota:
    steps = math.floor(Fraction(value - increment.after) / increment.per)
    members = increment.base_members + increment.add * steps
    capped = cap is not None and members > cap
    low = LEGAL_MIN_MEMBERS if increment.is_upper_bound else members
    low, high = _apply_cap(low, members, cap)
    rule_text = (f"từ {_number(increment.after)} {unit}: {increment.base_members} thành viên, "
                 f"thêm {increment.add} cho mỗi {_number(increment.per)} {unit} tăng thêm")
    if cap is not None:
        rule_text += f", tối đa {cap}"
    result = _members_text(low, high) + (" (đã tính mức tối đa)" if capped else "")
    return TeamQuota(low, high, f"{subject}: {rule_text} → {result}", confirmed)


def _apply_cap(low: int, high: int, cap: int | None) -> tuple[int, int]:
    if cap is not None:
        high = min(high, cap)
        low = min(low, high)
    return low, high


def _subject(hamlet: HamletFacts, measure: str = "") -> str:
    """"Thôn 420 hộ", "Khu phố 3, 2.700 nhân khẩu", "Tổ dân phố thuộc phường, 499 hộ"."""
    text = hamlet.name or HAMLET_KIND_LABELS[hamlet.kind]
    if hamlet.unit_type:
        text = f"{text} thuộc {UNIT_TYPE_LABELS.get(hamlet.unit_type, hamlet.unit_type)}"
    if not measure:
        return text
    return f"{text}, {measure}" if hamlet.name or hamlet.unit_type else f"{text} {measure}"


def _members_text(low: int, high: int, *, explicit_min: bool = False) -> str:
    if low == high:
        return f"{high} thành viên"
    if low == LEGAL_MIN_MEMBERS and not explicit_min:
        return f"tối đa {high} thành viên"
    return f"từ {low} đến {high} thành viên"


def _key_area_text(step: SizingStep, hamlet: HamletFacts) -> str:
    return " (địa bàn trọng điểm)" if hamlet.is_key_area and step.key_area_members_max is not None else ""


def _interval_text(step: SizingStep, unit: str) -> str:
    low, high = step.lower, step.upper
    if low is None and high is None:
        return "mọi quy mô"
    if low is None:
        return f"dưới {_number(high)} {unit}" if not step.upper_inclusive else f"không quá {_number(high)} {unit}"
    start = f"từ {_number(low)}" if step.lower_inclusive else f"trên {_number(low)}"
    if high is None:
        return f"{start} {unit} trở lên" if step.lower_inclusive else f"{start} {unit}"
    end = f"đến {_number(high)}" if step.upper_inclusive else f"đến dưới {_number(high)}"
    return f"{start} {end} {unit}"


def _number(value: int | Fraction) -> str:
    """Vietnamese digit grouping: 2.700; a fraction shows two decimals with a comma (166,67)."""
    if isinstance(value, Fraction) and value.denominator != 1:
        return f"{float(value):,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    return f"{int(value):,}".replace(",", ".")


# --------------------------------------------------------------------------- team composition


@dataclass(frozen=True, slots=True)
class TeamWarning:
    """Something about a team's make-up the user should fix; not an error, nothing is refused."""


@dataclass(frozen=True, slots=True)
class TeamOverQuota(TeamWarning):
    count: int
    max: int
    team_name: str = ""


@dataclass(frozen=True, slots=True)
class TeamUnderMinimum(TeamWarning):
    count: int
    min: int
    team_name: str = ""


@dataclass(frozen=True, slots=True)
class TeamWithoutLeader(TeamWarning):
    team_name: str = ""


@dataclass(frozen=True, slots=True)
class TeamWithoutDeputy(TeamWarning):
    team_name: str = ""


@dataclass(frozen=True, slots=True)
class TooManyLeaders(TeamWarning):
    count: int
    team_name: str = ""


@dataclass(frozen=True, slots=True)
class TooManyDeputies(TeamWarning):
    count: int
    team_name: str = ""


def check_team_composition(quota: TeamQuota | None, leaders: int, deputies: int, members: int,
                           *, team_name: str = "") -> tuple[TeamWarning, ...]:
    """Warnings for a team of `leaders` Tổ trưởng, `deputies` Tổ phó and `members` Tổ viên:
    one Tổ trưởng and one Tổ phó per team (Luật 30/2023 Điều 16), size within the quota."""
    warnings: list[TeamWarning] = []
    if leaders == 0:
        warnings.append(TeamWithoutLeader(team_name))
    elif leaders > 1:
        warnings.append(TooManyLeaders(leaders, team_name))
    if deputies == 0:
        warnings.append(TeamWithoutDeputy(team_name))
    elif deputies > 1:
        warnings.append(TooManyDeputies(deputies, team_name))
    total = leaders + deputies + members
    if quota is None:  # no quota known yet: only the Điều 16 structure can be checked
        return tuple(warnings)
    if total > quota.max_members:
        warnings.append(TeamOverQuota(total, quota.max_members, team_name))
    elif total < quota.min_members:
        warnings.append(TeamUnderMinimum(total, quota.min_members, team_name))
    return tuple(warnings)
