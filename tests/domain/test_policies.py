"""Provincial policy records: shipped data, validation, dates in force, money formulas, messages."""

from __future__ import annotations

import copy
import importlib.util
import json
import unicodedata
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from antt_desktop.domain.people import EducationLevel, Position
from antt_desktop.domain.policies import (
    BaseSalaryEntry,
    BaseSalaryUnconfirmed,
    BaseSalaryUnknown,
    ByPosition,
    ChosenAmountOutOfRange,
    ChosenAmountRequired,
    DutyAllowanceKind,
    DutyAllowanceRule,
    EducationAddon,
    InsuranceSupportMode,
    InsuranceSupportRule,
    InvalidPolicyField,
    PolicyFieldReason,
    PolicyValueUnconfirmed,
    PolicyVersion,
    PolicyVersionsOverlap,
    PovertyLineUnknown,
    SupportMode,
    SupportRule,
    base_salary_on,
    base_salary_table_from_dict,
    base_salary_table_to_dict,
    bhxh_minimum_contribution_dong,
    bhyt_contribution_dong,
    bhyt_household_contribution_dong,
    bhyt_household_total_dong,
    duty_allowance_dong,
    insurance_support_dong,
    monthly_support_dong,
    national_insurance_from_dict,
    national_insurance_to_dict,
    policy_from_dict,
    policy_in_force,
    policy_monthly_support_dong,
    policy_to_dict,
    poverty_line_on,
    qualifying_units,
    round_dong,
    undated_policies,
)
from antt_desktop.messages import describe
from antt_desktop.messages.policies import REASONS
from antt_desktop.paths import resource_path
from antt_desktop.reference.policies import (
    load_base_salary_table,
    load_national_insurance,
    load_shipped_policies,
    shipped_policy_files,
)

REPO = Path(__file__).resolve().parents[2]
POLICY_FOLDER = resource_path("policies")
ALL_JSON = sorted(POLICY_FOLDER.glob("*.json"))
PROVINCE_FILES = shipped_policy_files()
R = PolicyFieldReason


def shipped(ident: str) -> PolicyVersion:
    return next(p for p in load_shipped_policies() if p.id == ident)


def raw(ident: str) -> dict:
    return json.loads((POLICY_FOLDER / f"{ident}.json").read_text(encoding="utf-8"))


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _strings(item)


# --------------------------------------------------------------------------- shipped data


def test_the_provinces_named_in_the_brief_are_shipped():
    ids = {p.id for p in load_shipped_policies()}
    expected = {
        "binh-dinh-03-2024", "ha-noi-2024", "tp-ho-chi-minh-2024", "tp-ho-chi-minh-54-2025", "hung-yen-2024",
        "can-tho-2024", "khanh-hoa-2024", "phu-tho-2024", "tay-ninh-2024", "binh-thuan-2024", "dak-lak-2024",
        "hau-giang-2024", "tien-giang-2024", "binh-duong-2024", "ninh-binh-2024", "gia-lai-cu-2024", "lai-chau",
    }
    assert expected <= ids
    assert len(ids) == len(load_shipped_policies()) == len(PROVINCE_FILES) == 25


@pytest.mark.parametrize("path", PROVINCE_FILES, ids=lambda p: p.stem)
def test_shipped_policy_round_trips_exactly(path):
    data = json.loads(path.read_text(encoding="utf-8"))
    policy = policy_from_dict(data)
    assert policy.id == path.stem
    assert policy_to_dict(policy) == data
    assert policy_from_dict(policy_to_dict(policy)) == policy


@pytest.mark.parametrize("path", PROVINCE_FILES, ids=lambda p: p.stem)
def test_every_unknown_section_is_listed_as_unconfirmed(path):
    data = json.loads(path.read_text(encoding="utf-8"))
    for section in ("sizing", "monthly_support", "insurance_support", "duty_allowances"):
        if data[section] is None:
            assert section in data["unconfirmed"], section
    for field in ("resolution_number", "effective_from"):
        if data[field] is None:
            assert field in data["unconfirmed"], field


@pytest.mark.parametrize("path", ALL_JSON, ids=lambda p: p.stem)
def test_shipped_files_are_nfc_utf8_without_escapes(path):
    text = path.read_text(encoding="utf-8")
    assert "\\u" not in text
    for value in _strings(json.loads(text)):
        assert unicodedata.is_normalized("NFC", value)


def test_tables_round_trip_exactly():
    base = json.loads((POLICY_FOLDER / "base_salary.json").read_text(encoding="utf-8"))
    assert base_salary_table_to_dict(base_salary_table_from_dict(base)) == base
    insurance = json.loads((POLICY_FOLDER / "national_insurance.json").read_text(encoding="utf-8"))
    assert national_insurance_to_dict(national_insurance_from_dict(insurance)) == insurance


def test_lai_chau_is_shipped_with_nothing_assumed():
    lai_chau = shipped("lai-chau")
    assert not lai_chau.confirmed
    assert (lai_chau.sizing, lai_chau.monthly_support, lai_chau.insurance_support, lai_chau.duty_allowances) == (
        None, None, None, None)
    assert {"sizing", "monthly_support", "insurance_support", "duty_allowances"} <= set(lai_chau.unconfirmed)


def test_truncated_source_figures_are_null_and_listed():
    ninh_binh = shipped("ninh-binh-2024")
    assert ninh_binh.monthly_support.amount_dong.member is None
    assert "monthly_support.amount_dong.to_vien" in ninh_binh.unconfirmed
    can_tho = shipped("can-tho-2024")
    assert can_tho.sizing.tables[0].steps[3].members_max is None
    assert "sizing.tables[0].steps[3].members_max" in can_tho.unconfirmed
    hcm = shipped("tp-ho-chi-minh-54-2025")
    assert hcm.duty_allowances[2].amount_dong is None
    assert "duty_allowances[2].amount_dong" in hcm.unconfirmed


SOURCE = REPO.parent / "shared" / "domain" / "policies.json"


@pytest.mark.skipif(not SOURCE.exists(), reason="research file not beside the checkout")
def test_seed_script_reproduces_the_shipped_files(capsys):
    spec = importlib.util.spec_from_file_location("seed_policies", REPO / "installer" / "seed_policies.py")
    seed = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(seed)
    assert seed.main([str(SOURCE), "--check"]) == 0, capsys.readouterr().out


# --------------------------------------------------------------------------- lương cơ sở


@pytest.mark.parametrize("on, amount", [
    (date(2013, 7, 1), 1_150_000),
    (date(2019, 6, 30), None),          # 1,390,000 from 2018 is only inferred: unconfirmed
    (date(2019, 7, 1), 1_490_000),
    (date(2023, 6, 30), 1_490_000),
    (date(2023, 7, 1), 1_800_000),
    (date(2024, 6, 30), 1_800_000),
    (date(2024, 7, 1), 2_340_000),
    (date(2026, 6, 30), 2_340_000),
])
def test_base_salary_on(on, amount):
    table = load_base_salary_table()
    if amount is None:
        with pytest.raises(BaseSalaryUnconfirmed):
            base_salary_on(table, on)
    else:
        assert base_salary_on(table, on) == amount


def test_unconfirmed_base_salary_raises_unless_allowed():
    table = load_base_salary_table()
    with pytest.raises(BaseSalaryUnconfirmed) as error:
        base_salary_on(table, date(2026, 7, 1))
    assert (error.value.amount_dong, error.value.effective_from) == (2_530_000, date(2026, 7, 1))
    assert base_salary_on(table, date(2026, 7, 1), allow_unconfirmed=True) == 2_530_000


def test_base_salary_before_the_table_is_a_typed_error():
    with pytest.raises(BaseSalaryUnknown) as error:
        base_salary_on(load_base_salary_table(), date(2013, 6, 30))
    assert error.value.on == date(2013, 6, 30)
    with pytest.raises(BaseSalaryUnknown):
        base_salary_on([], date(2024, 1, 1))


# --------------------------------------------------------------------------- policy in force


def _version(ident, code="001", start=None, end=None):
    return PolicyVersion(id=ident, province_name="X", province_code=code, effective_from=start, effective_to=end)


VERSIONS = (
    _version("a-2024", start=date(2024, 7, 1)),
    _version("b-2025", start=date(2025, 7, 1), end=date(2026, 6, 30)),
    _version("other-province", code="079", start=date(2025, 1, 1)),
    _version("undated"),
)


@pytest.mark.parametrize("on, expected", [
    (date(2024, 6, 30), None),
    (date(2024, 7, 1), "a-2024"),
    (date(2025, 6, 30), "a-2024"),
    (date(2025, 7, 1), "b-2025"),
    (date(2026, 6, 30), "b-2025"),
    (date(2026, 7, 1), "a-2024"),       # b has ended; the latest version still in force is a
])
def test_policy_in_force_picks_by_date(on, expected):
    found = policy_in_force(VERSIONS, "001", on)
    assert (found.id if found else None) == expected


def test_undated_versions_are_never_in_force_but_are_listed():
    assert policy_in_force([_version("undated")], "001", date(2030, 1, 1)) is None
    assert [v.id for v in undated_policies(VERSIONS, "001")] == ["undated"]


def test_two_versions_starting_the_same_day_are_an_error():
    twins = [_version("x", start=date(2024, 7, 1)), _version("y", start=date(2024, 7, 1))]
    with pytest.raises(PolicyVersionsOverlap) as error:
        policy_in_force(twins, "001", date(2024, 8, 1))
    assert error.value.version_ids == ("x", "y")


def test_policy_in_force_with_shipped_data():
    versions = load_shipped_policies()
    assert policy_in_force(versions, "052", date(2024, 7, 1)).id == "binh-dinh-03-2024"
    assert policy_in_force(versions, "052", date(2024, 6, 30)) is None
    # NQ 54/2025's effective date is UNCONFIRMED, so the 2024 resolution stays in force.
    assert policy_in_force(versions, "079", date(2026, 1, 1)).id == "tp-ho-chi-minh-2024"
    assert "tp-ho-chi-minh-54-2025" in [v.id for v in undated_policies(versions, "079")]


# --------------------------------------------------------------------------- monthly support


@pytest.mark.parametrize("ident, position, base, expected", [
    ("binh-dinh-03-2024", Position.LEADER, 2_340_000, 1_440_000),
    ("binh-dinh-03-2024", Position.DEPUTY, 2_340_000, 1_260_000),
    ("binh-dinh-03-2024", Position.MEMBER, 2_340_000, 1_080_000),
    ("ha-noi-2024", Position.LEADER, 2_340_000, 2_820_000),
    ("ha-noi-2024", Position.DEPUTY, 2_340_000, 2_720_000),
    ("ha-noi-2024", Position.MEMBER, 2_340_000, 2_520_000),
    ("tp-ho-chi-minh-54-2025", Position.LEADER, 2_340_000, 6_500_000),
    ("can-tho-2024", Position.MEMBER, 2_340_000, 1_872_000),
    ("can-tho-2024", Position.MEMBER, 2_530_000, 2_024_000),
    ("can-tho-2024", Position.MEMBER, 1_800_000, 1_440_000),
])
def test_monthly_support(ident, position, base, expected):
    assert monthly_support_dong(shipped(ident).monthly_support, position, base_salary_dong=base) == expected


@pytest.mark.parametrize("ident, position, kwargs, field", [
    ("can-tho-2024", Position.LEADER, {}, "monthly_support.position_addon_dong.to_truong"),
    ("can-tho-2024", Position.DEPUTY, {}, "monthly_support.position_addon_dong.to_pho"),
    ("can-tho-2024", Position.MEMBER, {"education_level": EducationLevel.UNIVERSITY},
     "monthly_support.education_addons"),
    ("ninh-binh-2024", Position.MEMBER, {}, "monthly_support.amount_dong.to_vien"),
    ("ha-giang-2024", Position.MEMBER, {}, "monthly_support"),     # the whole record is unconfirmed
])
def test_unknown_support_is_a_typed_error_not_a_number(ident, position, kwargs, field):
    with pytest.raises(PolicyValueUnconfirmed) as error:
        monthly_support_dong(shipped(ident).monthly_support, position, base_salary_dong=2_340_000, **kwargs)
    assert error.value.field == field


def test_policy_level_support_error_names_the_resolution():
    with pytest.raises(PolicyValueUnconfirmed) as error:
        policy_monthly_support_dong(shipped("lai-chau"), Position.MEMBER, base_salary_dong=2_340_000)
    assert (error.value.field, error.value.province_name) == ("monthly_support", "Lai Châu")
    policy = PolicyVersion(id="x", province_name="Ninh Bình", province_code="037", resolution_number="12/2024/NQ-HĐND",
                           monthly_support=shipped("ninh-binh-2024").monthly_support)
    with pytest.raises(PolicyValueUnconfirmed) as error:
        policy_monthly_support_dong(policy, Position.MEMBER, base_salary_dong=2_340_000)
    assert describe(error.value) == ("Mức hỗ trợ hằng tháng của Tổ viên trong Nghị quyết 12/2024/NQ-HĐND (Ninh Bình) "
                                     "chưa được xác nhận — hãy nhập mức áp dụng trong phần Cài đặt.")
    assert policy_monthly_support_dong(policy, Position.DEPUTY, base_salary_dong=2_340_000) == 1_300_000


def test_range_mode_needs_a_chosen_amount_inside_the_range():
    rule = shipped("dong-nai-2024").monthly_support
    assert rule.mode is SupportMode.RANGE
    with pytest.raises(ChosenAmountRequired) as error:
        monthly_support_dong(rule, Position.MEMBER, base_salary_dong=2_340_000)
    assert (error.value.min_dong, error.value.max_dong) == (1_800_000, 3_600_000)
    assert monthly_support_dong(rule, Position.MEMBER, base_salary_dong=0, chosen_amount_dong=2_000_000) == 2_000_000
    assert monthly_support_dong(rule, Position.MEMBER, base_salary_dong=0, chosen_amount_dong=3_600_000) == 3_600_000
    with pytest.raises(ChosenAmountOutOfRange):
        monthly_support_dong(rule, Position.MEMBER, base_salary_dong=0, chosen_amount_dong=3_600_001)


def test_add_ons_for_education_and_special_areas():
    rule = SupportRule(
        mode=SupportMode.FIXED_PER_POSITION,
        amount_dong=ByPosition(1_000_000, 900_000, 800_000),
        position_addon_dong=ByPosition(100_000, 50_000, 0),
        education_addons=(EducationAddon(EducationLevel.UPPER_SECONDARY, 100_000),
                          EducationAddon(EducationLevel.UNIVERSITY, 300_000)),
        special_area_addon_dong=70_000,
    )
    cases = [
        (Position.LEADER, None, False, 1_100_000),
        (Position.MEMBER, EducationLevel.LOWER_SECONDARY, False, 800_000),
        (Position.MEMBER, EducationLevel.UPPER_SECONDARY, False, 900_000),
        (Position.MEMBER, EducationLevel.COLLEGE, False, 900_000),
        (Position.MEMBER, EducationLevel.POSTGRADUATE, False, 1_100_000),
        (Position.DEPUTY, EducationLevel.UNIVERSITY, True, 900_000 + 50_000 + 300_000 + 70_000),
    ]
    for position, level, special, expected in cases:
        got = monthly_support_dong(rule, position, base_salary_dong=2_340_000, education_level=level,
                                   is_special_area=special)
        assert got == expected, (position, level)


@pytest.mark.parametrize("coefficient, base, expected", [
    ("0.5", 1_000_001, 500_001),       # 500,000.5 rounds half up
    ("0.5", 1_000_003, 500_002),       # 500,001.5 rounds half up (not to even)
    ("0.7", 2_340_000, 1_638_000),
    ("0.65", 1_800_001, 1_170_001),    # 1,170,000.65
    ("1.3", 1_800_000, 2_340_000),
])
def test_coefficient_amounts_round_half_up_to_whole_dong(coefficient, base, expected):
    value = Decimal(coefficient)
    rule = SupportRule(mode=SupportMode.COEFFICIENT_OF_BASE_SALARY, coefficient=ByPosition(value, value, value))
    result = monthly_support_dong(rule, Position.MEMBER, base_salary_dong=base)
    assert result == expected and isinstance(result, int)


def test_round_dong():
    assert [round_dong(Decimal(v)) for v in ("0.5", "1.5", "2.5", "2.4999")] == [1, 2, 3, 2]


# --------------------------------------------------------------------------- insurance


@pytest.mark.parametrize("poverty_line, expected", [(1_500_000, 330_000), (2_200_000, 484_000)])
def test_bhxh_minimum_contribution(poverty_line, expected):
    assert bhxh_minimum_contribution_dong(poverty_line) == expected


@pytest.mark.parametrize("person, expected", [(1, 105_300), (2, 73_710), (3, 63_180), (4, 52_650), (5, 42_120),
                                              (6, 42_120)])
def test_bhyt_household_ladder_at_2_34_million(person, expected):
    assert bhyt_household_contribution_dong(2_340_000, person) == expected


def test_bhyt_helpers():
    assert bhyt_contribution_dong(2_340_000) == 105_300
    assert bhyt_contribution_dong(1_800_000) == 81_000
    assert bhyt_household_total_dong(2_340_000, 3) == 105_300 + 73_710 + 63_180
    with pytest.raises(ValueError):
        bhyt_household_contribution_dong(2_340_000, 0)


def test_shipped_national_rules_match_the_helpers():
    rules = load_national_insurance()
    assert rules.bhyt.household_rate == Decimal("0.045")
    assert rules.bhyt.household_ladder == tuple(Decimal(v) for v in ("1", "0.7", "0.6", "0.5", "0.4"))
    assert rules.bhyt.state_support_min_share == Decimal("0.5")
    assert rules.bhyt.state_support_effective_from is None          # NĐ 188/2025 date UNCONFIRMED
    assert rules.bhxh_tu_nguyen.rate == Decimal("0.22")
    lines = rules.bhxh_tu_nguyen.rural_poverty_lines
    assert poverty_line_on(lines, date(2026, 12, 31)) == 1_500_000
    assert poverty_line_on(lines, date(2027, 1, 1)) == 2_200_000
    with pytest.raises(PovertyLineUnknown):
        poverty_line_on(lines, date(2021, 12, 31))
    current = [s for s in rules.bhxh_tu_nguyen.state_support if s.effective_from == date(2025, 7, 1)][0]
    assert current.shares["ho_ngheo"] == Decimal("0.5") and not current.confirmed


@pytest.mark.parametrize("ident, scheme, kwargs, expected", [
    ("ha-noi-2024", "bhxh_tu_nguyen", {}, 234_000),
    ("ha-noi-2024", "bhyt", {}, 54_000),
    ("binh-dinh-03-2024", "bhxh_tu_nguyen", {}, 165_000),
    ("binh-dinh-03-2024", "bhxh_tu_nguyen", {"contribution_dong": 100_000}, 100_000),   # never above the contribution
    ("tp-ho-chi-minh-2024", "bhxh_tu_nguyen", {"contribution_dong": 1_320_000}, 1_320_000),
    ("binh-duong-2024", "bhxh_tu_nguyen", {"poverty_line_dong": 1_500_000}, 330_000),
    ("binh-duong-2024", "bhyt", {"contribution_dong": 105_300}, 105_300),
    ("ha-giang-2024", "bhxh_tu_nguyen", {"contribution_dong": 330_000}, 66_000),
])
def test_insurance_support(ident, scheme, kwargs, expected):
    rule = getattr(shipped(ident).insurance_support, scheme)
    assert insurance_support_dong(rule, **kwargs) == expected


@pytest.mark.parametrize("ident, scheme, field", [
    ("binh-dinh-03-2024", "bhyt", "insurance_support.bhyt"),
    ("hung-yen-2024", "bhxh_tu_nguyen", "insurance_support.bhxh_tu_nguyen.percent"),
])
def test_unknown_insurance_support_is_a_typed_error(ident, scheme, field):
    rule = getattr(shipped(ident).insurance_support, scheme)
    with pytest.raises(PolicyValueUnconfirmed) as error:
        insurance_support_dong(rule, contribution_dong=330_000, path=f"insurance_support.{scheme}")
    assert error.value.field == field


def test_fixed_insurance_support_without_an_amount_is_unconfirmed():
    with pytest.raises(PolicyValueUnconfirmed):
        insurance_support_dong(InsuranceSupportRule(InsuranceSupportMode.FIXED_AMOUNT))


# --------------------------------------------------------------------------- duty allowances


def test_tp_hcm_night_duty_is_capped_at_ten_nights():
    night, holiday, special = shipped("tp-ho-chi-minh-54-2025").duty_allowances
    assert night.kind is DutyAllowanceKind.NIGHT
    assert duty_allowance_dong(night, 3) == 450_000
    assert duty_allowance_dong(night, 10) == 1_500_000
    assert duty_allowance_dong(night, 14) == 1_500_000
    assert duty_allowance_dong(holiday, 2) == 1_200_000
    with pytest.raises(PolicyValueUnconfirmed):
        duty_allowance_dong(special, 1)


def test_ha_noi_duty_day_counts_only_days_of_four_hours_or_more():
    (day,) = shipped("ha-noi-2024").duty_allowances
    assert day.min_hours == 4
    units = qualifying_units(day, [3, 4, 5, Decimal("3.5"), 8])
    assert units == 3
    assert duty_allowance_dong(day, units) == 300_000


def test_training_day():
    training = [r for r in shipped("hau-giang-2024").duty_allowances if r.kind is DutyAllowanceKind.TRAINING_DAY][0]
    assert duty_allowance_dong(training, 5) == 350_000
    with pytest.raises(ValueError):
        duty_allowance_dong(DutyAllowanceRule(DutyAllowanceKind.TRAINING_DAY, 70_000), -1)


# --------------------------------------------------------------------------- validation


def _set(data: dict, path: str, value) -> None:
    keys = path.replace("[", ".").replace("]", "").split(".")
    target = data
    for key in keys[:-1]:
        target = target[int(key)] if key.isdigit() else target[key]
    last = keys[-1]
    if value is _DELETE:
        del target[last]
    elif last.isdigit():
        target[int(last)] = value
    else:
        target[last] = value


class _Delete:
    """Marks a key to remove; a stable repr keeps test ids equal across xdist workers."""

    def __repr__(self) -> str:
        return "DELETE"


_DELETE = _Delete()

INVALID = [
    # (record, field to change, new value, path reported, reason)
    ("binh-dinh-03-2024", "monthly_support.amount_dong.to_pho", -1, "monthly_support.amount_dong.to_pho",
     R.NEGATIVE_AMOUNT),
    ("binh-dinh-03-2024", "monthly_support.amount_dong.to_pho", 1.26e6, "monthly_support.amount_dong.to_pho",
     R.NOT_AN_INTEGER),
    ("binh-dinh-03-2024", "monthly_support.amount_dong.to_vien", "1.080.000", "monthly_support.amount_dong.to_vien",
     R.NOT_AN_INTEGER),
    ("binh-dinh-03-2024", "effective_to", "2024-06-30", "effective_to", R.ENDS_BEFORE_START),
    ("binh-dinh-03-2024", "effective_from", "01/07/2024", "effective_from", R.NOT_A_DATE),
    ("binh-dinh-03-2024", "issued_on", "2024-02-30", "issued_on", R.NOT_A_DATE),
    ("binh-dinh-03-2024", "sizing.tables[0].steps[1].lower", 300, "sizing.tables[0].steps[1].lower",
     R.OVERLAPPING_STEPS),
    ("binh-dinh-03-2024", "sizing.tables[1].steps[2].lower_inclusive", True, "sizing.tables[1].steps[2].lower",
     R.OVERLAPPING_STEPS),
    ("binh-dinh-03-2024", "sizing.tables[0].steps[1].upper", 200, "sizing.tables[0].steps[1].upper",
     R.BOUNDS_REVERSED),
    ("binh-dinh-03-2024", "sizing.tables[0].steps[0].members_min", 5, "sizing.tables[0].steps[0].members_min",
     R.MIN_ABOVE_MAX),
    ("binh-dinh-03-2024", "sizing.tables[0].steps[0].members_max", 0, "sizing.tables[0].steps[0].members_max",
     R.NOT_POSITIVE),
    ("binh-dinh-03-2024", "sizing.tables[0].unit_types", ["huyen"], "sizing.tables[0].unit_types[0]",
     R.UNKNOWN_VALUE),
    ("binh-dinh-03-2024", "sizing.basis", "area", "sizing.basis", R.UNKNOWN_VALUE),
    ("can-tho-2024", "monthly_support.coefficient.to_vien", "tám phần mười", "monthly_support.coefficient.to_vien",
     R.NOT_A_NUMBER),
    ("can-tho-2024", "monthly_support.coefficient.to_vien", "NaN", "monthly_support.coefficient.to_vien",
     R.NOT_A_NUMBER),
    ("can-tho-2024", "monthly_support.coefficient.to_vien", "-0.8", "monthly_support.coefficient.to_vien",
     R.NEGATIVE),
    ("binh-dinh-03-2024", "monthly_suport", {}, "monthly_suport", R.UNKNOWN_FIELD),
    ("binh-dinh-03-2024", "monthly_support.amount_dong.to_doi_truong", 1, "monthly_support.amount_dong.to_doi_truong",
     R.UNKNOWN_FIELD),
    ("binh-dinh-03-2024", "id", _DELETE, "id", R.REQUIRED),
    ("binh-dinh-03-2024", "id", "Bình Định", "id", R.BAD_IDENTIFIER),
    ("binh-dinh-03-2024", "schema_version", 2, "schema_version", R.UNSUPPORTED_SCHEMA),
    ("binh-dinh-03-2024", "province_code", "52", "province_code", R.BAD_PROVINCE_CODE),
    ("binh-dinh-03-2024", "confirmed", "yes", "confirmed", R.NOT_A_BOOLEAN),
    ("binh-dinh-03-2024", "sources", "https://example.vn", "sources", R.NOT_A_LIST),
    ("binh-dinh-03-2024", "province_name", 52, "province_name", R.NOT_TEXT),
    ("binh-dinh-03-2024", "sizing", [], "sizing", R.NOT_AN_OBJECT),
    ("binh-dinh-03-2024", "monthly_support.mode", "per_head", "monthly_support.mode", R.UNKNOWN_VALUE),
    ("binh-dinh-03-2024", "monthly_support.amount_dong", None, "monthly_support.amount_dong", R.MISSING_FOR_MODE),
    ("dong-nai-2024", "monthly_support.range_dong.min", 4_000_000, "monthly_support.range_dong.min", R.MIN_ABOVE_MAX),
    ("tp-ho-chi-minh-2024", "insurance_support.bhyt.percent", "1.5", "insurance_support.bhyt.percent", R.ABOVE_ONE),
    ("ha-noi-2024", "sizing.tables[0].steps[0].upper", 5, "sizing.tables[0].steps", R.SINGLE_STEP_WITHOUT_BASIS),
    ("tay-ninh-2024", "sizing.tables[0].increment.per", 0, "sizing.tables[0].increment.per", R.NOT_POSITIVE),
    ("tay-ninh-2024", "sizing.tables[0].increment.per", "một trăm", "sizing.tables[0].increment.per", R.NOT_A_NUMBER),
    ("ha-noi-2024", "duty_allowances[0].amount_dong", -100_000, "duty_allowances[0].amount_dong", R.NEGATIVE_AMOUNT),
    ("ha-noi-2024", "duty_allowances[0].kind", "overtime", "duty_allowances[0].kind", R.UNKNOWN_VALUE),
]


@pytest.mark.parametrize("ident, field, value, path, reason", INVALID, ids=[f"{c[1]}={c[2]!r}" for c in INVALID])
def test_validation_names_the_field(ident, field, value, path, reason):
    data = copy.deepcopy(raw(ident))
    _set(data, field, value)
    with pytest.raises(InvalidPolicyField) as error:
        policy_from_dict(data)
    assert (error.value.path, error.value.reason) == (path, reason)
    assert describe(error.value).startswith(f"Trường «{path}»: ")


def test_base_salary_table_validation():
    entry = {"amount_dong": 2_340_000, "effective_from": "2024-07-01"}
    with pytest.raises(InvalidPolicyField) as error:
        base_salary_table_from_dict({"schema_version": 1, "entries": [entry, dict(entry)]})
    assert (error.value.path, error.value.reason) == ("entries[1].effective_from", R.DUPLICATE_DATE)
    with pytest.raises(InvalidPolicyField) as error:
        base_salary_table_from_dict({"schema_version": 1, "entries": [dict(entry, amount_dong=-5)]})
    assert (error.value.path, error.value.reason) == ("entries[0].amount_dong", R.NEGATIVE_AMOUNT)
    table = base_salary_table_from_dict({"schema_version": 1, "entries": [entry]})
    assert table == (BaseSalaryEntry(2_340_000, date(2024, 7, 1), confirmed=False),)


def test_user_text_is_nfc_normalised():
    data = copy.deepcopy(raw("binh-dinh-03-2024"))
    data["province_name"] = unicodedata.normalize("NFD", "Bình Định")
    assert policy_from_dict(data).province_name == "Bình Định"


# --------------------------------------------------------------------------- messages


def test_every_field_reason_has_a_sentence():
    assert set(REASONS) == set(PolicyFieldReason)


ERRORS = [
    (InvalidPolicyField("monthly_support.amount_dong.to_pho", R.NEGATIVE_AMOUNT),
     "Trường «monthly_support.amount_dong.to_pho»: số tiền không được âm."),
    (PolicyValueUnconfirmed("monthly_support.amount_dong.to_vien", "03/2024/NQ-HĐND", "Bình Định"),
     "Mức hỗ trợ hằng tháng của Tổ viên trong Nghị quyết 03/2024/NQ-HĐND (Bình Định) chưa được xác nhận — "
     "hãy nhập mức áp dụng trong phần Cài đặt."),
    (PolicyValueUnconfirmed("insurance_support.bhyt"),
     "Mức hỗ trợ đóng BHYT trong chính sách đang áp dụng chưa được xác nhận — hãy nhập mức áp dụng trong phần "
     "Cài đặt."),
    (BaseSalaryUnknown(date(2013, 6, 30)),
     "Chưa có mức lương cơ sở áp dụng ngày 30/06/2013 — hãy nhập mức lương cơ sở trong phần Cài đặt."),
    (BaseSalaryUnconfirmed(2_530_000, date(2026, 7, 1)),
     "Mức lương cơ sở 2.530.000 đ từ ngày 01/07/2026 chưa được xác nhận — hãy đối chiếu văn bản và xác nhận "
     "(hoặc sửa) trong phần Cài đặt."),
    (PovertyLineUnknown(date(2031, 1, 1)), None),
    (ChosenAmountRequired(1_800_000, 3_600_000),
     "Tỉnh quy định mức hỗ trợ hằng tháng trong khung từ 1.800.000 đ đến 3.600.000 đ; hãy chọn mức xã áp dụng "
     "trong phần Cài đặt."),
    (ChosenAmountOutOfRange(4_000_000, 1_800_000, 3_600_000), None),
    (PolicyVersionsOverlap("001", date(2024, 7, 1), ("a", "b")), None),
]


@pytest.mark.parametrize("error, sentence", ERRORS, ids=[type(e).__name__ for e, _ in ERRORS])
def test_policy_errors_are_described_in_vietnamese(error, sentence):
    text = describe(error)
    assert not text.startswith("Lỗi không mong đợi")
    if sentence:
        assert text == sentence


@pytest.mark.parametrize("field, label", [
    ("monthly_support.coefficient.to_truong", "Hệ số hỗ trợ hằng tháng của Tổ trưởng"),
    ("monthly_support.position_addon_dong.to_pho", "Khoản hỗ trợ thêm theo chức danh của Tổ phó"),
    ("monthly_support.education_addons", "Mức hỗ trợ thêm theo trình độ đào tạo"),
    ("monthly_support.range_dong.min", "Khung mức hỗ trợ hằng tháng"),
    ("insurance_support.bhxh_tu_nguyen.percent", "Mức hỗ trợ đóng BHXH tự nguyện"),
    ("duty_allowances.special_area_day.amount_dong", "Mức bồi dưỡng địa bàn đặc thù"),
])
def test_unconfirmed_fields_are_named_for_people(field, label):
    assert describe(PolicyValueUnconfirmed(field)).startswith(label + " ")


def test_a_broken_shipped_file_is_named(tmp_path):
    data = raw("binh-dinh-03-2024")
    data["monthly_support"]["amount_dong"]["to_pho"] = -1
    (tmp_path / "binh-dinh-03-2024.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(InvalidPolicyField) as error:
        load_shipped_policies(tmp_path)
    assert error.value.path == "binh-dinh-03-2024.json: monthly_support.amount_dong.to_pho"
