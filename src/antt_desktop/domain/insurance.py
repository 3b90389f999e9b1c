"""Bảo hiểm of a member: BHYT coverage and card, BHXH tự nguyện, the monthly support for each,
and the alerts the office acts on (REFERENCE §7, Luật 30/2023 Điều 23 khoản 1).

Money is whole đồng. A contribution is rate × base rounded once, half up (`policies.round_dong`).
The province's support never exceeds the contribution it helps to pay.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from enum import Enum

from antt_desktop.domain.errors import DomainError, error_dataclass
from antt_desktop.domain.policies import (
    BHXH_VOLUNTARY_RATE,
    BHYT_HOUSEHOLD_RATE,
    ContributionBase,
    InsuranceSupport,
    InsuranceSupportMode,
    InsuranceSupportRule,
    PolicyValueUnconfirmed,
    StateSupportSchedule,
    bhxh_minimum_contribution_dong,
    insurance_support_dong,
    round_dong,
)

EXPIRY_WARNING_DAYS = 30   # issue #5: alert for BHYT cards expiring within 30 days


class BhytCoverage(str, Enum):
    """Who pays the member's BHYT (the card itself is `bhyt_card_number` / validity)."""

    COVERED_ELSEWHERE = "covered_elsewhere"   # đã có BHYT theo đối tượng khác (hưu trí, hộ gia đình…)
    BUDGET_SUPPORTED = "budget_supported"     # ngân sách hỗ trợ đóng (Điều 23 khoản 1)
    NONE = "none"                             # chưa có BHYT


BHYT_COVERAGE_LABELS = {
    BhytCoverage.COVERED_ELSEWHERE: "Đã có BHYT (đối tượng khác)",
    BhytCoverage.BUDGET_SUPPORTED: "Ngân sách hỗ trợ đóng",
    BhytCoverage.NONE: "Chưa có BHYT",
}


class HouseholdGroup(str, Enum):
    """The group that sets the State's share of the minimum BHXH tự nguyện contribution;
    the values are the keys of `StateSupportSchedule.shares`."""

    POOR = "ho_ngheo"
    NEAR_POOR = "ho_can_ngheo"
    ETHNIC_MINORITY = "dan_toc_thieu_so"
    OTHER = "other"


HOUSEHOLD_GROUP_LABELS = {
    HouseholdGroup.POOR: "Hộ nghèo",
    HouseholdGroup.NEAR_POOR: "Hộ cận nghèo",
    HouseholdGroup.ETHNIC_MINORITY: "Người dân tộc thiểu số",
    HouseholdGroup.OTHER: "Đối tượng khác",
}


@dataclass(frozen=True, slots=True)
class InsuranceRecord:
    """One member's insurance facts, as kept in the `insurance` table."""

    id: str
    unit_code: str
    member_id: str
    bhyt_coverage: BhytCoverage = BhytCoverage.NONE
    bhyt_card_number: str = ""
    bhyt_valid_from: date | None = None
    bhyt_valid_to: date | None = None
    bhyt_place: str = ""
    bhxh_number: str = ""
    bhxh_participating: bool = False
    bhxh_from: date | None = None
    bhxh_income_dong: int | None = None
    bhxh_group: HouseholdGroup = HouseholdGroup.OTHER

    def is_bhxh_participating_in(self, first: date, last: date) -> bool:
        return self.bhxh_participating and (self.bhxh_from is None or self.bhxh_from <= last)


@dataclass(frozen=True, slots=True)
class InsuranceDraft:
    """What the insurance dialog edits."""

    bhyt_coverage: BhytCoverage = BhytCoverage.NONE
    bhyt_card_number: str = ""
    bhyt_valid_from: date | None = None
    bhyt_valid_to: date | None = None
    bhyt_place: str = ""
    bhxh_number: str = ""
    bhxh_participating: bool = False
    bhxh_from: date | None = None
    bhxh_income_dong: int | None = None
    bhxh_group: HouseholdGroup = HouseholdGroup.OTHER


# --------------------------------------------------------------------------- errors


@error_dataclass
class InvalidBhytCardNumber(DomainError):
    """Mã thẻ BHYT: 2 letters + 13 digits (old cards), or the 10-digit mã số BHXH (new cards)."""

    text: str


@error_dataclass
class InvalidBhxhNumber(DomainError):
    """Mã số BHXH has 10 digits."""

    text: str


@error_dataclass
class BhytValidityReversed(DomainError):
    valid_from: date
    valid_to: date


@error_dataclass
class BhxhIncomeBelowFloor(DomainError):
    """Luật BHXH: the chosen income is at least the rural poverty line."""

    income_dong: int
    floor_dong: int


@error_dataclass
class BhxhIncomeInvalid(DomainError):
    income_dong: int


# --------------------------------------------------------------------------- validation

_CARD = re.compile(r"^(?:[A-Z]{2}\d{13}|\d{10})$")
_BHXH = re.compile(r"^\d{10}$")


def clean_bhyt_card(text: str) -> str:
    """Upper case, no spaces; "" stays "" (no card)."""
    cleaned = re.sub(r"[\s.\-]", "", text or "").upper()
    if cleaned and not _CARD.match(cleaned):
        raise InvalidBhytCardNumber(text)
    return cleaned


def validate_insurance(draft: InsuranceDraft, *, poverty_line_dong: int | None = None) -> InsuranceDraft:
    """The draft cleaned (card and BHXH numbers without spaces), or the first error."""
    card = clean_bhyt_card(draft.bhyt_card_number)
    bhxh_number = re.sub(r"\s", "", draft.bhxh_number or "")
    if bhxh_number and not _BHXH.match(bhxh_number):
        raise InvalidBhxhNumber(draft.bhxh_number)
    if draft.bhyt_valid_from and draft.bhyt_valid_to and draft.bhyt_valid_to < draft.bhyt_valid_from:
        raise BhytValidityReversed(draft.bhyt_valid_from, draft.bhyt_valid_to)
    income = draft.bhxh_income_dong
    if income is not None:
        if isinstance(income, bool) or not isinstance(income, int) or income <= 0:
            raise BhxhIncomeInvalid(income if isinstance(income, int) else 0)
        if poverty_line_dong is not None and income < poverty_line_dong:
            raise BhxhIncomeBelowFloor(income, poverty_line_dong)
    return InsuranceDraft(
        bhyt_coverage=draft.bhyt_coverage, bhyt_card_number=card,
        bhyt_valid_from=draft.bhyt_valid_from, bhyt_valid_to=draft.bhyt_valid_to,
        bhyt_place=(draft.bhyt_place or "").strip(), bhxh_number=bhxh_number,
        bhxh_participating=draft.bhxh_participating, bhxh_from=draft.bhxh_from,
        bhxh_income_dong=income, bhxh_group=draft.bhxh_group,
    )


# --------------------------------------------------------------------------- amounts


def bhxh_contribution_dong(income_dong: int, rate: Decimal = BHXH_VOLUNTARY_RATE) -> int:
    """Monthly BHXH tự nguyện contribution: 22 % of the chosen income."""
    return round_dong(rate * income_dong)


def state_share(schedules: Iterable[StateSupportSchedule], group: HouseholdGroup, on: date) -> Decimal | None:
    """The State's share of the minimum contribution for the group on that day (None: unknown)."""
    for schedule in schedules:
        if (schedule.effective_from is None or schedule.effective_from <= on) and \
                (schedule.effective_to is None or on <= schedule.effective_to):
            share = schedule.shares.get(group.value)
            if share is None and group is HouseholdGroup.ETHNIC_MINORITY:
                share = schedule.shares.get(HouseholdGroup.OTHER.value)
            return share
    return None


@dataclass(frozen=True, slots=True)
class MonthlyInsurance:
    """The month's contributions and supports of one member (0 when not taking part)."""

    bhxh_contribution_dong: int = 0
    bhxh_support_dong: int = 0        # from the province, paid with the monthly support
    bhyt_contribution_dong: int | None = 0
    bhyt_support_dong: int = 0


def _rule_path(rule_name: str) -> str:
    return f"insurance_support.{rule_name}"


def monthly_insurance(
    record: InsuranceRecord | None,
    support: InsuranceSupport | None,
    first: date,
    last: date,
    *,
    monthly_support_dong: int,
    base_salary_dong: Callable[[], int],
    poverty_line_dong: Callable[[], int],
) -> MonthlyInsurance:
    """The province's support towards the member's BHXH tự nguyện and BHYT for one month.

    Paid for the whole month when the member takes part on any day of it (contributions are
    monthly). `base_salary_dong` and `poverty_line_dong` are called only when a rule needs
    them, so an unconfirmed lương cơ sở stops only the computations that use it.
    `monthly_support_dong` is the member's full-month support (TP HCM: the BHXH base).
    """
    if record is None:
        return MonthlyInsurance()
    bhxh_contribution = bhxh_support = 0
    if record.is_bhxh_participating_in(first, last):
        rule = support.bhxh_tu_nguyen if support else None
        if rule is None or rule.mode is InsuranceSupportMode.UNKNOWN:
            raise PolicyValueUnconfirmed(_rule_path("bhxh_tu_nguyen"))
        income = record.bhxh_income_dong
        if rule.contribution_base is ContributionBase.MONTHLY_SUPPORT:
            income = monthly_support_dong
        bhxh_contribution = bhxh_contribution_dong(income if income is not None else poverty_line_dong())
        base = bhxh_contribution
        if rule.contribution_base is ContributionBase.MINIMUM_VOLUNTARY:
            base = bhxh_minimum_contribution_dong(poverty_line_dong())
        bhxh_support = min(_support(rule, base, poverty_line_dong, "bhxh_tu_nguyen"), bhxh_contribution)
    bhyt_contribution: int | None = 0
    bhyt_support = 0
    if record.bhyt_coverage is BhytCoverage.BUDGET_SUPPORTED:
        rule = support.bhyt if support else None
        if rule is None or rule.mode is InsuranceSupportMode.UNKNOWN:
            raise PolicyValueUnconfirmed(_rule_path("bhyt"))
        if rule.mode is InsuranceSupportMode.FIXED_AMOUNT:
            # A fixed amount needs no contribution; the lương cơ sở is not asked for.
            bhyt_contribution = None
            bhyt_support = _support(rule, None, poverty_line_dong, "bhyt")
        else:
            if rule.contribution_base is ContributionBase.MONTHLY_SUPPORT:
                bhyt_contribution = round_dong(BHYT_HOUSEHOLD_RATE * monthly_support_dong)
            else:
                bhyt_contribution = round_dong(BHYT_HOUSEHOLD_RATE * base_salary_dong())
            bhyt_support = _support(rule, bhyt_contribution, poverty_line_dong, "bhyt")
    return MonthlyInsurance(bhxh_contribution, bhxh_support, bhyt_contribution, bhyt_support)


def _support(rule: InsuranceSupportRule, contribution: int | None,
             poverty_line_dong: Callable[[], int], name: str) -> int:
    poverty = poverty_line_dong() if rule.mode is InsuranceSupportMode.MINIMUM_VOLUNTARY_LEVEL else None
    return insurance_support_dong(rule, contribution_dong=contribution, poverty_line_dong=poverty,
                                  path=_rule_path(name))


# --------------------------------------------------------------------------- alerts


class InsuranceAlertKind(str, Enum):
    NO_BHYT = "no_bhyt"                 # chưa có BHYT: cần cấp mới
    CARD_MISSING = "card_missing"       # có đối tượng nhưng chưa nhập mã thẻ / hạn thẻ
    EXPIRED = "expired"                 # thẻ đã hết hạn
    EXPIRING = "expiring"               # thẻ hết hạn trong 30 ngày tới


ALERT_LABELS = {
    InsuranceAlertKind.NO_BHYT: "Chưa có BHYT",
    InsuranceAlertKind.CARD_MISSING: "Chưa có mã thẻ hoặc hạn thẻ",
    InsuranceAlertKind.EXPIRED: "Thẻ BHYT đã hết hạn",
    InsuranceAlertKind.EXPIRING: "Thẻ BHYT sắp hết hạn",
}


@dataclass(frozen=True, slots=True)
class InsuranceAlert:
    member_id: str
    full_name: str
    kind: InsuranceAlertKind
    coverage: BhytCoverage
    card_number: str = ""
    valid_to: date | None = None
    days_left: int | None = None       # negative once expired
    team_name: str = ""
    hamlet_name: str = ""
    sort_key: str = ""

    @property
    def needs_office(self) -> bool:
        """On the list for the social-insurance office: to enrol, or a budget card to renew."""
        if self.kind is InsuranceAlertKind.NO_BHYT:
            return True
        return self.coverage is BhytCoverage.BUDGET_SUPPORTED


@dataclass(frozen=True, slots=True)
class InsuredPerson:
    """Who the alerts are about: an active member with where they serve."""

    member_id: str
    full_name: str
    team_name: str = ""
    hamlet_name: str = ""
    sort_key: str = ""


def insurance_alert(person: InsuredPerson, record: InsuranceRecord | None, today: date,
                    within_days: int = EXPIRY_WARNING_DAYS) -> InsuranceAlert | None:
    """The one alert a member needs today, the most urgent first; None when all is well."""
    coverage = record.bhyt_coverage if record else BhytCoverage.NONE
    common = dict(member_id=person.member_id, full_name=person.full_name, coverage=coverage,
                  team_name=person.team_name, hamlet_name=person.hamlet_name, sort_key=person.sort_key)
    if record is None or coverage is BhytCoverage.NONE:
        return InsuranceAlert(kind=InsuranceAlertKind.NO_BHYT,
                              card_number=record.bhyt_card_number if record else "", **common)
    if not record.bhyt_card_number or record.bhyt_valid_to is None:
        return InsuranceAlert(kind=InsuranceAlertKind.CARD_MISSING, card_number=record.bhyt_card_number,
                              valid_to=record.bhyt_valid_to, **common)
    days_left = (record.bhyt_valid_to - today).days
    if days_left < 0:
        kind = InsuranceAlertKind.EXPIRED
    elif record.bhyt_valid_to <= today + timedelta(days=within_days):
        kind = InsuranceAlertKind.EXPIRING
    else:
        return None
    return InsuranceAlert(kind=kind, card_number=record.bhyt_card_number, valid_to=record.bhyt_valid_to,
                          days_left=days_left, **common)


_ALERT_ORDER = {InsuranceAlertKind.EXPIRED: 0, InsuranceAlertKind.EXPIRING: 1,
                InsuranceAlertKind.NO_BHYT: 2, InsuranceAlertKind.CARD_MISSING: 3}


def insurance_alerts(people: Iterable[InsuredPerson], records: Mapping[str, InsuranceRecord],
                     today: date, within_days: int = EXPIRY_WARNING_DAYS) -> list[InsuranceAlert]:
    """Alerts for every person, expired cards first, then expiring soonest, then by name."""
    alerts = [a for p in people if (a := insurance_alert(p, records.get(p.member_id), today, within_days))]
    return sorted(alerts, key=lambda a: (_ALERT_ORDER[a.kind], a.days_left if a.days_left is not None else 0,
                                         a.sort_key))
