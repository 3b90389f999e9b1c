"""Payroll rules against hand calculations: proration at the edges of the month, position
changes, each support mode (fixed, coefficient × lương cơ sở across 01/7, flat + add-on), duty
caps, insurance support modes, truy lĩnh / truy thu, the budget estimate, amounts in words."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from antt_desktop.domain.insurance import (
    BhytCoverage,
    InsuranceRecord,
)
from antt_desktop.domain.money import amount_in_words
from antt_desktop.domain.organisation import Assignment
from antt_desktop.domain.payroll import (
    DutyCapped,
    DutyCounts,
    DutyForMemberNotPaid,
    DutyNotPaidByPolicy,
    InvalidDutyCount,
    InvalidMonth,
    Month,
    NoPolicyChosen,
    PayrollInputs,
    PayrollPerson,
    PayrollTeam,
    PolicyNotInForceForMonth,
    RosterEntry,
    budget_estimate,
    compute_payroll,
    difference_lines,
    prorate,
    team_totals,
    totals_of,
    validate_duty_counts,
)
from antt_desktop.domain.people import EducationLevel, Position
from antt_desktop.domain.policies import (
    BaseSalaryUnconfirmed,
    DutyAllowanceKind,
    DutyAllowanceRule,
    PolicyValueUnconfirmed,
    ProrationRule,
    policy_from_dict,
    policy_to_dict,
)
from antt_desktop.reference.policies import load_base_salary_table, load_national_insurance, load_shipped_policies

L, D, M = Position.LEADER, Position.DEPUTY, Position.MEMBER
BASES = load_base_salary_table()
BASES_2026_CONFIRMED = tuple(replace(e, confirmed=True) if e.effective_from == date(2026, 7, 1) else e
                             for e in BASES)
POVERTY = load_national_insurance().bhxh_tu_nguyen.rural_poverty_lines
TEAMS = {"t1": PayrollTeam("t1", "Tổ bảo vệ ANTT Thôn 1", "Thôn 1"),
         "t2": PayrollTeam("t2", "Tổ bảo vệ ANTT Thôn 2", "Thôn 2")}


def shipped(ident: str, **changes):
    policy = next(p for p in load_shipped_policies() if p.id == ident)
    return replace(policy, **changes)


BINH_DINH = shipped("binh-dinh-03-2024")                                     # fixed per position
HA_NOI = shipped("ha-noi-2024", effective_from=date(2024, 7, 1))             # flat + position add-on
HCM = shipped("tp-ho-chi-minh-54-2025", effective_from=date(2026, 1, 1))     # night cap 10
CAN_THO = shipped("can-tho-2024")                                            # 0.8 × lương cơ sở, extras unknown


def can_tho_filled():
    """Cần Thơ's coefficient with its unknown extras entered as none, in force across 01/7/2024."""
    data = policy_to_dict(CAN_THO)
    data["effective_from"] = "2024-01-01"
    data["monthly_support"]["position_addon_dong"] = {"to_truong": 0, "to_pho": 0, "to_vien": 0}
    data["monthly_support"]["education_addons"] = []
    return policy_from_dict(data)


def spell(member, position, start, end=None, team="t1"):
    return (member, team, position, start, end)


def inputs(policy, month, spells, *, duty=None, insurance=None, bases=BASES, education=None):
    month = Month.parse(month) if isinstance(month, str) else month
    members = {s[0] for s in spells} | set(duty or {})
    people = {m: PayrollPerson(m, f"Người {m}", m, (education or {}).get(m)) for m in members}
    assignments = [Assignment(f"a{i}", "X", member, team, position, start, end)
                   for i, (member, team, position, start, end) in enumerate(spells)]
    return PayrollInputs(month=month, policy=policy, people=people, assignments=assignments, teams=TEAMS,
                         duty=duty or {}, insurance=insurance or {}, base_salaries=bases, poverty_lines=POVERTY)


def record(member, **changes):
    return InsuranceRecord(id=f"i-{member}", unit_code="X", member_id=member, **changes)


def by_member(result):
    lines = {}
    for line in result.lines:
        lines.setdefault(line.member_id, []).append(line)
    return lines


# --------------------------------------------------------------------------- months


@pytest.mark.parametrize("text, key, days", [
    ("2026-11", "2026-11", 30), ("11/2026", "2026-11", 30), ("2024-02", "2024-02", 29),
    ("2/2026", "2026-02", 28), ("2026-01", "2026-01", 31), ("2026-4", "2026-04", 30),
])
def test_months_parse_and_know_their_days(text, key, days):
    month = Month.parse(text)
    assert (month.key, month.days) == (key, days)
    assert month.last == date(month.year, month.month, days)


@pytest.mark.parametrize("text", ["2026-13", "2026-00", "11-26", "tháng 11", "", "2026/11/01"])
def test_bad_months_are_refused(text):
    with pytest.raises(InvalidMonth):
        Month.parse(text)


def test_month_arithmetic_crosses_years():
    assert Month(2026, 12).next() == Month(2027, 1)
    assert Month(2027, 1).previous() == Month(2026, 12)


@pytest.mark.parametrize("rate, days, of_days, expected", [
    (1_440_000, 30, 30, 1_440_000),
    (1_440_000, 1, 30, 48_000),
    (1_080_000, 15, 31, 522_581),        # 522.580,645… → up
    (1_080_000, 10, 31, 348_387),        # 348.387,096… → down
    (1, 1, 2, 1),                        # exactly half: half up
    (3, 1, 2, 2),                        # 1,5 → 2
    (1_260_000, 16, 30, 672_000),
])
def test_prorate_rounds_half_up_once(rate, days, of_days, expected):
    assert prorate(rate, days, of_days) == expected


# --------------------------------------------------------------------------- proration (calendar days)


@pytest.mark.parametrize("month, start, end, position, days, support", [
    # Bình Định: 1.440.000 / 1.260.000 / 1.080.000
    ("2026-11", date(2024, 7, 5), None, L, 30, 1_440_000),                   # whole month
    ("2026-11", date(2026, 11, 30), None, L, 1, 48_000),                     # joined on the last day
    ("2026-11", date(2024, 7, 5), date(2026, 11, 1), L, 1, 48_000),          # left on the first day
    ("2026-11", date(2026, 11, 16), None, D, 15, 630_000),                   # joined mid-month
    ("2026-01", date(2024, 7, 5), date(2026, 1, 10), M, 10, 348_387),        # left mid-month, 31 days
    ("2026-02", date(2026, 2, 15), None, M, 14, 540_000),                    # February, 28 days
    ("2025-02", date(2025, 2, 1), date(2025, 2, 28), M, 28, 1_080_000),      # all of February 2025
    ("2026-04", date(2026, 4, 1), date(2026, 4, 15), L, 15, 720_000),        # April, 30 days
])
def test_support_is_prorated_by_calendar_days(month, start, end, position, days, support):
    result = compute_payroll(inputs(BINH_DINH, month, [spell("a", position, start, end)]))
    (line,) = result.lines
    assert (line.days, line.support_dong, line.total_dong) == (days, support, support)


def test_february_of_a_leap_year_has_29_days():
    policy = replace(BINH_DINH, effective_from=date(2024, 1, 1))
    result = compute_payroll(inputs(policy, "2024-02", [spell("a", M, date(2024, 2, 15))]))
    (line,) = result.lines
    assert (line.days, line.days_in_month, line.support_dong) == (15, 29, 558_621)   # 1.080.000 × 15/29
    whole = compute_payroll(inputs(policy, "2024-02", [spell("a", M, date(2024, 2, 1))]))
    assert whole.lines[0].support_dong == 1_080_000


def test_assignments_outside_the_month_pay_nothing():
    result = compute_payroll(inputs(BINH_DINH, "2026-11", [
        spell("a", L, date(2024, 7, 5), date(2026, 10, 31)),
        spell("b", M, date(2026, 12, 1)),
        spell("c", M, date(2024, 7, 5)),
    ]))
    assert [line.member_id for line in result.lines] == ["c"]


def test_a_position_change_splits_the_month():
    # Tổ viên 01–14/11 then Tổ phó from 15/11 (assign_in closes the old spell the day before).
    result = compute_payroll(inputs(BINH_DINH, "2026-11", [
        spell("a", M, date(2024, 7, 5), date(2026, 11, 14)),
        spell("a", D, date(2026, 11, 15)),
    ], duty={"a": DutyCounts(nights=2)}, insurance={"a": record("a", bhxh_participating=True)}))
    first, second = result.lines
    assert (first.position, first.days, first.support_dong) == (M, 14, 504_000)     # 1.080.000 × 14/30
    assert (second.position, second.days, second.support_dong) == (D, 16, 672_000)  # 1.260.000 × 16/30
    assert (first.insurance_dong, second.insurance_dong) == (0, 165_000)            # on the last line only
    assert totals_of(result.lines).total_dong == 504_000 + 672_000 + 165_000
    assert totals_of(result.lines).members == 1


def test_a_change_of_team_splits_the_month_and_each_team_counts_its_days():
    result = compute_payroll(inputs(BINH_DINH, "2026-11", [
        spell("a", M, date(2024, 7, 5), date(2026, 11, 9), team="t1"),
        spell("a", M, date(2026, 11, 10), team="t2"),
        spell("b", L, date(2024, 7, 5), team="t2"),
    ]))
    totals = {t.team_name: t.totals for t in team_totals(result.lines)}
    assert totals["Tổ bảo vệ ANTT Thôn 1"].support_dong == 324_000          # 1.080.000 × 9/30
    assert totals["Tổ bảo vệ ANTT Thôn 2"].support_dong == 756_000 + 1_440_000   # × 21/30, + leader
    assert totals["Tổ bảo vệ ANTT Thôn 2"].members == 2


def test_lines_are_ordered_by_team_then_leader_deputy_member():
    result = compute_payroll(inputs(BINH_DINH, "2026-11", [
        spell("z", M, date(2024, 7, 5), team="t2"), spell("y", L, date(2024, 7, 5), team="t2"),
        spell("x", M, date(2024, 7, 5)), spell("w", D, date(2024, 7, 5)),
    ]))
    assert [(l.team_id, l.position) for l in result.lines] == [("t1", D), ("t1", M), ("t2", L), ("t2", M)]


def test_full_month_proration_pays_the_whole_month_shared_between_positions():
    policy = replace(BINH_DINH, proration=ProrationRule.FULL_MONTH)
    joined = compute_payroll(inputs(policy, "2026-11", [spell("a", L, date(2026, 11, 16))]))
    assert joined.lines[0].support_dong == 1_440_000
    changed = compute_payroll(inputs(policy, "2026-11", [
        spell("a", M, date(2026, 11, 16), date(2026, 11, 20)), spell("a", D, date(2026, 11, 21))]))
    assert [l.support_dong for l in changed.lines] == [360_000, 840_000]   # 5/15 and 10/15 of the month


def test_proration_rule_round_trips_and_defaults_to_calendar_days():
    data = policy_to_dict(BINH_DINH)
    assert "proration" not in data
    data["proration"] = "full_month"
    assert policy_from_dict(data).proration is ProrationRule.FULL_MONTH
    assert policy_to_dict(policy_from_dict(data))["proration"] == "full_month"


# --------------------------------------------------------------------------- support modes


def test_ha_noi_flat_amount_plus_position_addon_with_duty_and_insurance():
    result = compute_payroll(inputs(HA_NOI, "2026-11", [
        spell("lead", L, date(2024, 7, 5)), spell("dep", D, date(2024, 7, 5)), spell("mem", M, date(2024, 7, 5)),
    ], duty={"lead": DutyCounts(long_duty_days=3)},
        insurance={"lead": record("lead", bhxh_participating=True, bhyt_coverage=BhytCoverage.BUDGET_SUPPORTED)}))
    lines = {l.member_id: l for l in result.lines}
    assert [lines[m].support_dong for m in ("lead", "dep", "mem")] == [2_820_000, 2_720_000, 2_520_000]
    lead = lines["lead"]
    assert (lead.duty_dong, lead.bhxh_support_dong, lead.bhyt_support_dong) == (300_000, 234_000, 54_000)
    assert lead.total_dong == 3_408_000       # 2.820.000 + 3 × 100.000 + 234.000 + 54.000
    assert result.total_dong == 3_408_000 + 2_720_000 + 2_520_000
    assert result.base_salary_dong is None    # nothing needed the (unconfirmed) 2026 lương cơ sở


def test_coefficient_times_base_salary_across_the_1_july_2024_change():
    policy = can_tho_filled()
    june = compute_payroll(inputs(policy, "2024-06", [spell("a", M, date(2024, 1, 1))]))
    july = compute_payroll(inputs(policy, "2024-07", [spell("a", M, date(2024, 1, 1))]))
    assert (june.lines[0].rate_dong, june.base_salary_dong) == (1_440_000, 1_800_000)   # 0,8 × 1.800.000
    assert (july.lines[0].rate_dong, july.base_salary_dong) == (1_872_000, 2_340_000)   # 0,8 × 2.340.000


def test_the_unconfirmed_2026_base_salary_stops_a_coefficient_payroll_until_confirmed():
    policy = can_tho_filled()
    with pytest.raises(BaseSalaryUnconfirmed) as refused:
        compute_payroll(inputs(policy, "2026-07", [spell("a", M, date(2024, 1, 1))]))
    assert (refused.value.amount_dong, refused.value.effective_from) == (2_530_000, date(2026, 7, 1))
    june = compute_payroll(inputs(policy, "2026-06", [spell("a", M, date(2024, 1, 1))]))
    assert june.lines[0].rate_dong == 1_872_000
    confirmed = compute_payroll(inputs(policy, "2026-07", [spell("a", M, date(2024, 1, 1))],
                                       bases=BASES_2026_CONFIRMED))
    assert confirmed.lines[0].rate_dong == 2_024_000                  # 0,8 × 2.530.000


def test_unknown_figures_are_never_guessed():
    can_tho = replace(CAN_THO, effective_from=date(2024, 1, 1))
    with pytest.raises(PolicyValueUnconfirmed) as refused:
        compute_payroll(inputs(can_tho, "2024-08", [spell("a", L, date(2024, 1, 1))]))
    assert refused.value.field == "monthly_support.position_addon_dong.to_truong"
    with pytest.raises(PolicyValueUnconfirmed) as refused:
        compute_payroll(inputs(can_tho, "2024-08", [spell("a", M, date(2024, 1, 1))],
                               education={"a": EducationLevel.UNIVERSITY}))
    assert refused.value.field == "monthly_support.education_addons"
    assert refused.value.province_name == "Cần Thơ"


def test_education_addon_applies_from_the_level_up():
    data = policy_to_dict(can_tho_filled())
    data["monthly_support"]["education_addons"] = [{"min_level": "trung_cap", "amount_dong": 200000},
                                                   {"min_level": "dai_hoc", "amount_dong": 400000}]
    policy = policy_from_dict(data)
    result = compute_payroll(inputs(policy, "2024-08", [
        spell("a", M, date(2024, 1, 1)), spell("b", M, date(2024, 1, 1)), spell("c", M, date(2024, 1, 1))],
        education={"a": EducationLevel.UPPER_SECONDARY, "b": EducationLevel.COLLEGE,
                   "c": EducationLevel.UNIVERSITY}))
    rates = {l.member_id: l.rate_dong for l in result.lines}
    assert rates == {"a": 1_872_000, "b": 2_072_000, "c": 2_272_000}


@pytest.mark.parametrize("policy, month", [
    (BINH_DINH, "2024-06"),                                          # before it takes effect
    (replace(BINH_DINH, effective_to=date(2025, 6, 30)), "2025-07"),   # after it ends
    (shipped("ha-noi-2024"), "2026-11"),                             # no effective date yet
])
def test_a_policy_not_in_force_in_the_month_is_refused(policy, month):
    with pytest.raises(PolicyNotInForceForMonth):
        compute_payroll(inputs(policy, month, [spell("a", M, date(2020, 1, 1))]))


def test_a_policy_in_force_on_any_day_of_the_month_applies():
    policy = replace(BINH_DINH, effective_from=date(2024, 7, 15))
    assert compute_payroll(inputs(policy, "2024-07", [spell("a", L, date(2024, 7, 1))])).lines


def test_no_policy_at_all_is_refused():
    with pytest.raises(NoPolicyChosen):
        compute_payroll(inputs(None, "2026-11", [spell("a", L, date(2024, 7, 1))]))


# --------------------------------------------------------------------------- duty allowances


@pytest.mark.parametrize("counts, duty, capped", [
    (DutyCounts(nights=3), 450_000, False),
    (DutyCounts(nights=10), 1_500_000, False),
    (DutyCounts(nights=12), 1_500_000, True),                        # TP HCM: at most 10 nights
    (DutyCounts(nights=12, holidays=2), 1_500_000 + 1_200_000, True),  # holidays 600.000, no cap
    (DutyCounts(), 0, False),
])
def test_tp_hcm_night_duty_is_capped_at_ten_nights(counts, duty, capped):
    result = compute_payroll(inputs(HCM, "2026-06", [spell("a", M, date(2025, 1, 1))], duty={"a": counts}))
    line = result.lines[0]
    assert (line.support_dong, line.duty_dong) == (6_000_000, duty)
    assert any(isinstance(w, DutyCapped) and (w.units, w.paid_units) == (12, 10) for w in result.warnings) == capped


def test_a_duty_kind_whose_amount_is_unknown_stops_the_payroll_only_when_used():
    with pytest.raises(PolicyValueUnconfirmed) as refused:
        compute_payroll(inputs(HCM, "2026-06", [spell("a", M, date(2025, 1, 1))],
                               duty={"a": DutyCounts(special_area_days=2)}))
    assert refused.value.field == "duty_allowances.special_area_day.amount_dong"
    assert refused.value.resolution_number == "54/2025/NQ-HĐND"


@pytest.mark.parametrize("rule, counts, expected", [
    (DutyAllowanceRule(DutyAllowanceKind.HAZARDOUS_DAY, 20_000, max_units_per_month=10),
     DutyCounts(hazardous_days=14), 200_000),                        # Khánh Hòa 2026: at most 10 days
    (DutyAllowanceRule(DutyAllowanceKind.NIGHT_OR_DAY_OFF, 30_000),
     DutyCounts(nights=3, holidays=2), 150_000),                     # Hậu Giang: one rate for both
    (DutyAllowanceRule(DutyAllowanceKind.TRAINING_DAY, 70_000), DutyCounts(training_days=5), 350_000),
    (DutyAllowanceRule(DutyAllowanceKind.DUTY_DAY, 100_000, min_hours=4), DutyCounts(long_duty_days=31), 3_100_000),
])
def test_duty_rules_of_each_kind(rule, counts, expected):
    policy = replace(BINH_DINH, duty_allowances=(rule,))
    result = compute_payroll(inputs(policy, "2026-01", [spell("a", M, date(2025, 1, 1))], duty={"a": counts}))
    assert result.lines[0].duty_dong == expected


def test_duty_the_resolution_does_not_pay_is_a_warning_not_money():
    result = compute_payroll(inputs(BINH_DINH, "2026-11", [spell("a", M, date(2025, 1, 1))],
                                    duty={"a": DutyCounts(nights=4), "gone": DutyCounts(nights=1)}))
    assert result.lines[0].duty_dong == 0
    kinds = {type(w) for w in result.warnings}
    assert kinds == {DutyNotPaidByPolicy, DutyForMemberNotPaid}


@pytest.mark.parametrize("counts", [DutyCounts(nights=-1), DutyCounts(holidays=31), DutyCounts(nights=True)])
def test_duty_counts_must_fit_the_month(counts):
    with pytest.raises(InvalidDutyCount):
        validate_duty_counts(counts, Month(2026, 11))


# --------------------------------------------------------------------------- insurance support


def _insurance(policy_support, rec, *, month="2026-11", monthly=1_080_000):
    from antt_desktop.domain.insurance import monthly_insurance
    from antt_desktop.domain.policies import insurance_from_dict

    month = Month.parse(month)

    def no_base_salary():
        raise AssertionError("the lương cơ sở was asked for")

    bases = {date(2024, 7, 1): 2_340_000}
    return monthly_insurance(
        rec, insurance_from_dict(policy_support), month.first, month.last, monthly_support_dong=monthly,
        base_salary_dong=(lambda: bases[date(2024, 7, 1)]) if "base" in str(policy_support) else no_base_salary,
        poverty_line_dong=lambda: {2026: 1_500_000, 2027: 2_200_000}[month.year])


BHXH = dict(bhxh_participating=True)


@pytest.mark.parametrize("support, rec, month, bhxh, bhyt", [
    # fixed amounts (Bình Định 165.000; Hà Nội 234.000 and 54.000): no lương cơ sở needed
    ({"bhxh_tu_nguyen": {"mode": "fixed_amount_dong", "amount_dong": 165000}}, BHXH, "2026-11", 165_000, 0),
    ({"bhxh_tu_nguyen": {"mode": "fixed_amount_dong", "amount_dong": 234000},
      "bhyt": {"mode": "fixed_amount_dong", "amount_dong": 54000}},
     dict(BHXH, bhyt_coverage=BhytCoverage.BUDGET_SUPPORTED), "2026-11", 234_000, 54_000),
    # a fixed amount never exceeds the contribution (22 % × 1.500.000 = 330.000)
    ({"bhxh_tu_nguyen": {"mode": "fixed_amount_dong", "amount_dong": 500000}}, BHXH, "2026-11", 330_000, 0),
    # percent of the contribution on the chosen income: 50 % × 22 % × 2.000.000
    ({"bhxh_tu_nguyen": {"mode": "percent_of_contribution", "percent": "0.5", "contribution_base": "chosen_income"}},
     dict(BHXH, bhxh_income_dong=2_000_000), "2026-11", 220_000, 0),
    # TP HCM: 100 % of 22 % of the monthly support
    ({"bhxh_tu_nguyen": {"mode": "percent_of_contribution", "percent": "1", "contribution_base": "monthly_support"}},
     BHXH, "2026-11", 237_600, 0),
    # the minimum voluntary level: 330.000 until 2026, 484.000 from 2027 (22 % × 2.200.000)
    ({"bhxh_tu_nguyen": {"mode": "minimum_voluntary_level"}}, dict(BHXH, bhxh_income_dong=3_000_000), "2026-11",
     330_000, 0),
    ({"bhxh_tu_nguyen": {"mode": "minimum_voluntary_level"}}, BHXH, "2027-01", 484_000, 0),
    # BHYT 100 % of the household rate: 4,5 % × 2.340.000
    ({"bhyt": {"mode": "percent_of_contribution", "percent": "1", "contribution_base": "household_rate"}},
     dict(bhyt_coverage=BhytCoverage.BUDGET_SUPPORTED), "2026-11", 0, 105_300),
    # BHYT covered elsewhere: the unknown rule is not even looked at
    ({}, dict(bhyt_coverage=BhytCoverage.COVERED_ELSEWHERE), "2026-11", 0, 0),
    # joins BHXH after the month: nothing yet
    ({"bhxh_tu_nguyen": {"mode": "fixed_amount_dong", "amount_dong": 165000}},
     dict(BHXH, bhxh_from=date(2026, 12, 1)), "2026-11", 0, 0),
])
def test_insurance_support_modes(support, rec, month, bhxh, bhyt):
    amounts = _insurance(support, record("a", **rec), month=month)
    assert (amounts.bhxh_support_dong, amounts.bhyt_support_dong) == (bhxh, bhyt)


@pytest.mark.parametrize("rec, field", [
    (dict(bhxh_participating=True), "insurance_support.bhxh_tu_nguyen"),
    (dict(bhyt_coverage=BhytCoverage.BUDGET_SUPPORTED), "insurance_support.bhyt"),
])
def test_an_unknown_insurance_rule_stops_only_members_who_need_it(rec, field):
    with pytest.raises(PolicyValueUnconfirmed) as refused:
        _insurance({}, record("a", **rec))
    assert refused.value.field == field


def test_bhyt_percent_support_on_the_unconfirmed_2026_base_salary_is_refused():
    result_inputs = inputs(HCM, "2026-11", [spell("a", M, date(2025, 1, 1))],
                           insurance={"a": record("a", bhyt_coverage=BhytCoverage.BUDGET_SUPPORTED)})
    with pytest.raises(BaseSalaryUnconfirmed):
        compute_payroll(result_inputs)
    confirmed = compute_payroll(replace(result_inputs, base_salaries=BASES_2026_CONFIRMED))
    assert confirmed.lines[0].bhyt_support_dong == 113_850          # 4,5 % × 2.530.000
    assert confirmed.base_salary_dong == 2_530_000


# --------------------------------------------------------------------------- corrections


def test_difference_lines_give_truy_linh_and_truy_thu():
    paid = compute_payroll(inputs(BINH_DINH, "2026-11", [
        spell("a", L, date(2024, 7, 5)), spell("b", M, date(2024, 7, 5)), spell("c", M, date(2024, 7, 5))])).lines
    now = compute_payroll(inputs(
        replace(BINH_DINH, duty_allowances=(DutyAllowanceRule(DutyAllowanceKind.NIGHT, 50_000),)), "2026-11", [
            spell("a", L, date(2024, 7, 5)),
            spell("b", M, date(2024, 7, 5), date(2026, 11, 20)),     # left on 20/11 after all
            spell("c", M, date(2024, 7, 5))], duty={"a": DutyCounts(nights=2)})).lines
    diff = {l.member_id: l for l in difference_lines(paid, now)}
    assert set(diff) == {"a", "b"}                                   # c is unchanged
    assert (diff["a"].duty_dong, diff["a"].total_dong, diff["a"].previous_total_dong) == (100_000, 100_000, 1_440_000)
    assert (diff["b"].support_dong, diff["b"].days) == (720_000 - 1_080_000, 20)   # truy thu 360.000
    assert difference_lines(now, now) == ()


def test_a_member_dropped_from_the_month_is_recovered_in_full():
    paid = compute_payroll(inputs(BINH_DINH, "2026-11", [spell("a", L, date(2024, 7, 5))])).lines
    (line,) = difference_lines(paid, [])
    assert (line.total_dong, line.days, line.previous_total_dong) == (-1_440_000, 0, 1_440_000)


# --------------------------------------------------------------------------- budget estimate


def test_budget_estimate_for_a_fixed_policy():
    roster = [RosterEntry(PayrollPerson(m, m), p) for m, p in (("a", L), ("b", D), ("c", M), ("d", M))]
    estimate = budget_estimate(2027, BINH_DINH, roster, insurance={"b": record("b", **BHXH)},
                               duty_history={}, base_salaries=BASES, poverty_lines=POVERTY)
    rows = {r.label: r for r in estimate.rows}
    assert rows["Hỗ trợ hằng tháng — Tổ viên"].amount_dong == 2 * 12 * 1_080_000
    assert rows["Hỗ trợ hằng tháng — Tổ trưởng"].monthly_dong == 1_440_000
    assert rows["Hỗ trợ đóng BHXH tự nguyện"].amount_dong == 12 * 165_000
    assert estimate.total_dong == 12 * (1_440_000 + 1_260_000 + 2 * 1_080_000 + 165_000)


def test_budget_estimate_follows_the_base_salary_table_month_by_month():
    roster = [RosterEntry(PayrollPerson("a", "a"), M)]
    estimate = budget_estimate(2026, can_tho_filled(), roster, base_salaries=BASES_2026_CONFIRMED,
                               poverty_lines=POVERTY)
    (row,) = estimate.rows
    assert row.amount_dong == 6 * 1_872_000 + 6 * 2_024_000
    assert row.monthly_dong is None and estimate.base_salary_dong == (2_340_000, 2_530_000)
    with pytest.raises(BaseSalaryUnconfirmed):
        budget_estimate(2026, can_tho_filled(), roster, base_salaries=BASES, poverty_lines=POVERTY)


def test_budget_estimate_repeats_the_last_twelve_months_of_duty():
    policy = replace(BINH_DINH, duty_allowances=(DutyAllowanceRule(DutyAllowanceKind.NIGHT, 100_000, None, 10),))
    roster = [RosterEntry(PayrollPerson("a", "a"), M)]
    estimate = budget_estimate(2027, policy, roster, duty_history={"a": [DutyCounts(nights=12), DutyCounts(nights=3)]},
                               base_salaries=BASES, poverty_lines=POVERTY)
    duty = next(r for r in estimate.rows if r.label == "Bồi dưỡng làm nhiệm vụ")
    assert duty.amount_dong == 1_000_000 + 300_000        # the cap applies month by month


# --------------------------------------------------------------------------- amounts in words


@pytest.mark.parametrize("amount, words", [
    (34_425_000, "Ba mươi tư triệu bốn trăm hai mươi lăm nghìn đồng"),
    (1_440_000, "Một triệu bốn trăm bốn mươi nghìn đồng"),
    (48_000, "Bốn mươi tám nghìn đồng"),
    (522_581, "Năm trăm hai mươi hai nghìn năm trăm tám mươi mốt đồng"),
    (1_005_000, "Một triệu không trăm linh năm nghìn đồng"),
    (3_408_000, "Ba triệu bốn trăm linh tám nghìn đồng"),
    (113_850, "Một trăm mười ba nghìn tám trăm năm mươi đồng"),
    (20_000_000, "Hai mươi triệu đồng"),
])
def test_amounts_in_words_for_round_and_odd_sums(amount, words):
    assert amount_in_words(amount) == words


def test_decimal_coefficients_are_exact():
    assert Decimal("0.8") * 2_530_000 == 2_024_000
