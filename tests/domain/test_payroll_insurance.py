"""Insurance records: validation, and the alerts (expired, expiring within 30 days, no BHYT)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from antt_desktop.domain.insurance import (
    BhxhIncomeBelowFloor,
    BhytCoverage,
    BhytValidityReversed,
    HouseholdGroup,
    InsuranceAlertKind,
    InsuranceDraft,
    InsuranceRecord,
    InsuredPerson,
    InvalidBhxhNumber,
    InvalidBhytCardNumber,
    bhxh_contribution_dong,
    insurance_alert,
    insurance_alerts,
    state_share,
    validate_insurance,
)
from antt_desktop.messages import describe
from antt_desktop.reference.policies import load_national_insurance

TODAY = date(2026, 11, 22)


def rec(member="a", **changes):
    return InsuranceRecord(id=f"i-{member}", unit_code="X", member_id=member, **changes)


def person(member="a", name="Nguyễn Văn An"):
    return InsuredPerson(member, name, "Tổ bảo vệ ANTT Thôn 1", "Thôn 1", name)


CARD = "GD4647912345678"


@pytest.mark.parametrize("record, kind, days_left", [
    (None, InsuranceAlertKind.NO_BHYT, None),
    (rec(bhyt_coverage=BhytCoverage.NONE), InsuranceAlertKind.NO_BHYT, None),
    (rec(bhyt_coverage=BhytCoverage.BUDGET_SUPPORTED), InsuranceAlertKind.CARD_MISSING, None),
    (rec(bhyt_coverage=BhytCoverage.COVERED_ELSEWHERE, bhyt_card_number=CARD, bhyt_valid_to=TODAY - timedelta(days=1)),
     InsuranceAlertKind.EXPIRED, -1),
    (rec(bhyt_coverage=BhytCoverage.BUDGET_SUPPORTED, bhyt_card_number=CARD, bhyt_valid_to=TODAY),
     InsuranceAlertKind.EXPIRING, 0),
    (rec(bhyt_coverage=BhytCoverage.BUDGET_SUPPORTED, bhyt_card_number=CARD, bhyt_valid_to=TODAY + timedelta(days=30)),
     InsuranceAlertKind.EXPIRING, 30),
    (rec(bhyt_coverage=BhytCoverage.BUDGET_SUPPORTED, bhyt_card_number=CARD, bhyt_valid_to=TODAY + timedelta(days=31)),
     None, None),
])
def test_alerts(record, kind, days_left):
    alert = insurance_alert(person(), record, TODAY)
    if kind is None:
        assert alert is None
    else:
        assert (alert.kind, alert.days_left) == (kind, days_left)


def test_alerts_are_ordered_expired_first_then_soonest():
    people = [person("a", "An"), person("b", "Bình"), person("c", "Cường"), person("d", "Dũng")]
    records = {
        "a": rec("a", bhyt_coverage=BhytCoverage.BUDGET_SUPPORTED, bhyt_card_number=CARD,
                 bhyt_valid_to=TODAY + timedelta(days=20)),
        "b": rec("b", bhyt_coverage=BhytCoverage.BUDGET_SUPPORTED, bhyt_card_number=CARD,
                 bhyt_valid_to=TODAY + timedelta(days=5)),
        "c": rec("c", bhyt_coverage=BhytCoverage.COVERED_ELSEWHERE, bhyt_card_number=CARD,
                 bhyt_valid_to=TODAY - timedelta(days=40)),
    }
    alerts = insurance_alerts(people, records, TODAY)
    assert [a.member_id for a in alerts] == ["c", "b", "a", "d"]
    assert [a.needs_office for a in alerts] == [False, True, True, True]   # covered elsewhere renews there


@pytest.mark.parametrize("card, cleaned", [
    ("gd 464 7912345678", "GD4647912345678"), ("0123456789", "0123456789"), ("", ""),
])
def test_card_numbers_are_cleaned(card, cleaned):
    assert validate_insurance(InsuranceDraft(bhyt_card_number=card)).bhyt_card_number == cleaned


@pytest.mark.parametrize("draft, error", [
    (InsuranceDraft(bhyt_card_number="GD46479"), InvalidBhytCardNumber),
    (InsuranceDraft(bhyt_card_number="1234567890123"), InvalidBhytCardNumber),
    (InsuranceDraft(bhxh_number="12345"), InvalidBhxhNumber),
    (InsuranceDraft(bhyt_valid_from=date(2026, 12, 31), bhyt_valid_to=date(2026, 1, 1)), BhytValidityReversed),
    (InsuranceDraft(bhxh_participating=True, bhxh_income_dong=1_000_000), BhxhIncomeBelowFloor),
])
def test_bad_insurance_drafts_are_refused_in_vietnamese(draft, error):
    with pytest.raises(error) as refused:
        validate_insurance(draft, poverty_line_dong=1_500_000)
    message = describe(refused.value)
    assert message and "Lỗi không mong đợi" not in message


def test_contribution_is_22_percent_of_the_chosen_income():
    assert bhxh_contribution_dong(1_500_000) == 330_000
    assert bhxh_contribution_dong(2_345_678) == 516_049        # 516.049,16 → 516.049


@pytest.mark.parametrize("group, on, share", [
    (HouseholdGroup.POOR, date(2026, 1, 1), "0.5"),
    (HouseholdGroup.OTHER, date(2026, 1, 1), "0.2"),
    (HouseholdGroup.ETHNIC_MINORITY, date(2026, 1, 1), "0.3"),
    (HouseholdGroup.ETHNIC_MINORITY, date(2025, 1, 1), "0.1"),   # before 7/2025: no own share, as "other"
])
def test_state_share_by_group_and_date(group, on, share):
    schedules = load_national_insurance().bhxh_tu_nguyen.state_support
    assert str(state_share(schedules, group, on)) == share
