"""Team sizing by the province's rule, and the team make-up warnings (Luật 30/2023 Điều 14, 16)."""

from __future__ import annotations

from fractions import Fraction

import pytest

from antt_desktop.domain.people import HamletKind
from antt_desktop.domain.policies import (
    SizingBasis,
    SizingIncrement,
    SizingRule,
    SizingStep,
    SizingTable,
)
from antt_desktop.domain.team_sizing import (
    HamletFacts,
    NegativeSize,
    SizingInputMissing,
    SizingRuleNotApplicable,
    SizingRuleUnconfirmed,
    SizingValueNotCovered,
    TeamOverQuota,
    TeamQuota,
    TeamUnderMinimum,
    TeamWithoutDeputy,
    TeamWithoutLeader,
    TooManyDeputies,
    TooManyLeaders,
    check_team_composition,
    team_quota,
)
from antt_desktop.messages import describe
from antt_desktop.reference.policies import load_shipped_policies

THON = HamletKind.VILLAGE
TDP = HamletKind.RESIDENTIAL_GROUP


def sizing(ident: str) -> SizingRule | None:
    return next(p for p in load_shipped_policies() if p.id == ident).sizing


def quota(ident, kind, households=None, residents=None, **kwargs) -> tuple[int, int]:
    result = team_quota(sizing(ident), HamletFacts(kind, households, residents, **kwargs))
    return result.min_members, result.max_members


@pytest.mark.parametrize("kind, households, expected", [
    (THON, 0, (3, 3)),
    (THON, 349, (3, 3)),
    (THON, 350, (3, 4)),
    (THON, 700, (3, 4)),
    (THON, 701, (3, 5)),
    (TDP, 499, (3, 3)),
    (TDP, 500, (3, 4)),
    (TDP, 800, (3, 4)),
    (TDP, 801, (3, 5)),
])
def test_binh_dinh_households_by_hamlet_kind(kind, households, expected):
    assert quota("binh-dinh-03-2024", kind, households) == expected


def test_basis_explains_the_step_in_vietnamese():
    result = team_quota(sizing("binh-dinh-03-2024"), HamletFacts(THON, 420, None))
    assert result == TeamQuota(3, 4, "Thôn 420 hộ: từ 350 đến 700 hộ → tối đa 4 thành viên", True)
    named = team_quota(sizing("tp-ho-chi-minh-2024"), HamletFacts(TDP, None, 4500, name="Khu phố 3"))
    assert named.basis == ("Khu phố 3, 4.500 nhân khẩu: từ 3.600 nhân khẩu: 4 thành viên, "
                           "thêm 1 cho mỗi 900 nhân khẩu tăng thêm → 5 thành viên")


@pytest.mark.parametrize("ident", ["tp-ho-chi-minh-2024", "tp-ho-chi-minh-54-2025"])
@pytest.mark.parametrize("residents, members", [
    (1, 3), (2700, 3), (2701, 4), (3600, 4), (4499, 4), (4500, 5), (5399, 5), (5400, 6), (9000, 10),
])
def test_tp_hcm_residents_plus_one_per_full_900(ident, residents, members):
    assert quota(ident, TDP, residents=residents) == (members, members)


@pytest.mark.parametrize("kind, households, members", [
    (THON, 349, 5), (THON, 350, 5), (THON, 449, 5), (THON, 450, 6), (THON, 550, 7), (THON, 650, 7), (THON, 5000, 7),
    (TDP, 499, 5), (TDP, 599, 5), (TDP, 600, 6), (TDP, 700, 7), (TDP, 2000, 7),
])
def test_tay_ninh_increment_with_cap_of_seven(kind, households, members):
    assert quota("tay-ninh-2024", kind, households) == (members, members)


def test_capped_basis_says_so():
    result = team_quota(sizing("tay-ninh-2024"), HamletFacts(THON, 5000, None))
    assert result.basis.endswith("tối đa 7 → 7 thành viên (đã tính mức tối đa)")


@pytest.mark.parametrize("unit_type, households, members", [
    ("xa", 349, 3), ("xa", 350, 3), ("xa", 524, 3), ("xa", 525, 4), ("xa", 700, 5),
    ("thi_tran", 1050, 7),
    ("phuong", 499, 3), ("phuong", 666, 3), ("phuong", 667, 4),   # +1 per full 500/3 hộ: 666.67
    ("phuong", 833, 4), ("phuong", 834, 5), ("phuong", 1000, 6),
])
def test_phu_tho_increment_by_commune_kind(unit_type, households, members):
    assert quota("phu-tho-2024", TDP, households, unit_type=unit_type) == (members, members)


def test_rule_by_commune_kind_needs_the_commune_kind():
    with pytest.raises(SizingInputMissing) as error:
        team_quota(sizing("phu-tho-2024"), HamletFacts(THON, 400, None, name="Thôn Đồng Xuân"))
    assert (error.value.field, error.value.hamlet_name) == ("unit_type", "Thôn Đồng Xuân")
    with pytest.raises(SizingRuleNotApplicable) as error:
        team_quota(sizing("phu-tho-2024"), HamletFacts(THON, 400, None, unit_type="dac_khu"))
    assert error.value.unit_type == "dac_khu"


@pytest.mark.parametrize("kind, households, members", [
    (THON, 199, 3), (THON, 200, 4), (THON, 299, 4), (THON, 300, 5), (THON, 500, 7), (THON, 900, 7),
    (TDP, 249, 3), (TDP, 250, 4), (TDP, 375, 5), (TDP, 625, 7), (TDP, 2000, 7),
])
def test_old_gia_lai_threshold_then_half_threshold_steps_capped(kind, households, members):
    assert quota("gia-lai-cu-2024", kind, households) == (members, members)


@pytest.mark.parametrize("households, members", [(349, 3), (350, 3), (549, 3), (550, 4), (949, 5), (950, 6)])
def test_ninh_binh_increment_without_cap(households, members):
    assert quota("ninh-binh-2024", THON, households) == (members, members)


@pytest.mark.parametrize("ident, kind, unit_type, expected", [
    ("ha-noi-2024", THON, None, (3, 5)),
    ("ha-noi-2024", TDP, None, (3, 5)),
    ("khanh-hoa-2026", THON, None, (3, 5)),
    ("hau-giang-2024", THON, None, (3, 6)),
    ("hung-yen-2024", TDP, None, (3, 3)),
    ("tien-giang-2024", THON, None, (3, 3)),
    ("tien-giang-2024", TDP, None, (5, 5)),
    ("binh-duong-2024", THON, "xa", (3, 5)),
    ("binh-duong-2024", TDP, "phuong", (5, 9)),
    ("binh-duong-2024", TDP, "thi_tran", (5, 9)),
])
def test_fixed_counts_and_ranges_need_no_household_count(ident, kind, unit_type, expected):
    assert quota(ident, kind, unit_type=unit_type) == expected


def test_range_basis_text():
    result = team_quota(sizing("ha-noi-2024"), HamletFacts(THON, None, None))
    assert result.basis == "Thôn: từ 3 đến 5 thành viên"


@pytest.mark.parametrize("residents, key_area, expected", [
    (2000, False, (3, 3)), (2000, True, (3, 5)), (2001, False, (4, 4)), (2001, True, (4, 6)),
])
def test_dak_lak_key_areas_get_a_higher_maximum(residents, key_area, expected):
    assert quota("dak-lak-2024", THON, residents=residents, is_key_area=key_area) == expected


@pytest.mark.parametrize("kind, households, expected", [
    (THON, 800, (3, 3)), (THON, 801, (3, 5)), (TDP, 800, (3, 5)), (TDP, 801, (3, 7)),
])
def test_binh_thuan(kind, households, expected):
    assert quota("binh-thuan-2024", kind, households) == expected


@pytest.mark.parametrize("households, expected", [(349, (3, 3)), (350, (3, 6)), (749, (3, 6)), (750, (3, 7)),
                                                  (999, (3, 7))])
def test_can_tho_known_steps(households, expected):
    assert quota("can-tho-2024", THON, households) == expected


@pytest.mark.parametrize("ident, households, field", [
    ("can-tho-2024", 1000, "sizing.tables[0].steps[3].members_max"),
    ("hai-duong-2024", 1200, "sizing.tables[0].steps[2].members_max"),
])
def test_unconfirmed_step_is_a_typed_error_not_a_number(ident, households, field):
    with pytest.raises(SizingRuleUnconfirmed) as error:
        team_quota(sizing(ident), HamletFacts(THON, households, None))
    assert error.value.field == field


@pytest.mark.parametrize("ident", ["lai-chau", "thanh-hoa-2024", "dong-nai-2024", "ha-giang-2024"])
def test_province_without_a_sizing_rule_is_unconfirmed(ident):
    with pytest.raises(SizingRuleUnconfirmed) as error:
        team_quota(sizing(ident), HamletFacts(THON, 400, 2000))
    assert error.value.field == "sizing"


@pytest.mark.parametrize("ident, field", [
    ("binh-dinh-03-2024", "households"),
    ("tp-ho-chi-minh-2024", "residents"),
    ("dak-lak-2024", "residents"),
])
def test_missing_size_is_a_typed_error(ident, field):
    with pytest.raises(SizingInputMissing) as error:
        team_quota(sizing(ident), HamletFacts(THON, None, None, name="Thôn 2"))
    assert (error.value.field, error.value.hamlet_name) == (field, "Thôn 2")


def test_negative_size_is_refused():
    with pytest.raises(NegativeSize):
        team_quota(sizing("binh-dinh-03-2024"), HamletFacts(THON, -1, None))


def test_a_gap_in_the_steps_is_reported():
    rule = SizingRule(SizingBasis.HOUSEHOLDS, (SizingTable((
        SizingStep(upper=100, members_min=3, members_max=3),
        SizingStep(lower=200, members_min=4, members_max=4),
    )),))
    with pytest.raises(SizingValueNotCovered) as error:
        team_quota(rule, HamletFacts(THON, 150, None))
    assert (error.value.field, error.value.value) == ("households", 150)


def test_an_unconfirmed_rule_still_sizes_but_says_so():
    rule = SizingRule(SizingBasis.NONE, (SizingTable((SizingStep(members_max=4),)),), confirmed=False)
    assert team_quota(rule, HamletFacts(THON, None, None)) == TeamQuota(3, 4, "Thôn: tối đa 4 thành viên", False)


def test_increment_as_upper_bound_and_fractional_step():
    rule = SizingRule(SizingBasis.HOUSEHOLDS, (SizingTable(
        (SizingStep(upper=500, members_max=3),),
        increment=SizingIncrement(after=500, per=Fraction(500, 3), base_members=3, is_upper_bound=True),
        cap=6,
    ),))
    low = team_quota(rule, HamletFacts(TDP, 834, None))
    high = team_quota(rule, HamletFacts(TDP, 5000, None))
    assert (low.min_members, low.max_members) == (3, 5)
    assert (high.min_members, high.max_members) == (3, 6)


# --------------------------------------------------------------------------- composition

QUOTA = TeamQuota(3, 5, "", True)


@pytest.mark.parametrize("leaders, deputies, members, warnings", [
    (1, 1, 1, ()),
    (1, 1, 3, ()),
    (1, 1, 4, (TeamOverQuota(6, 5),)),
    (1, 1, 0, (TeamUnderMinimum(2, 3),)),
    (0, 1, 2, (TeamWithoutLeader(),)),
    (1, 0, 2, (TeamWithoutDeputy(),)),
    (2, 1, 1, (TooManyLeaders(2),)),
    (1, 2, 1, (TooManyDeputies(2),)),
    (0, 0, 0, (TeamWithoutLeader(), TeamWithoutDeputy(), TeamUnderMinimum(0, 3))),
    (3, 1, 3, (TooManyLeaders(3), TeamOverQuota(7, 5))),
])
def test_check_team_composition(leaders, deputies, members, warnings):
    assert check_team_composition(QUOTA, leaders, deputies, members) == warnings


def test_warnings_carry_the_team_name():
    warnings = check_team_composition(QUOTA, 1, 1, 4, team_name="Thôn 2")
    assert warnings == (TeamOverQuota(6, 5, "Thôn 2"),)
    assert describe(warnings[0]) == "Tổ Thôn 2 có 6 thành viên, vượt mức tối đa 5 theo quy định của tỉnh."


DESCRIBED = [
    (TeamWithoutLeader(), "Tổ chưa có Tổ trưởng."),
    (TeamWithoutDeputy("Thôn 5"), "Tổ Thôn 5 chưa có Tổ phó."),
    (TeamUnderMinimum(2, 3), "Tổ mới có 2 thành viên, chưa đủ mức tối thiểu 3 (Tổ trưởng, Tổ phó và ít nhất một Tổ viên)."),
    (TooManyLeaders(2), "Tổ có 2 Tổ trưởng; mỗi Tổ chỉ có một Tổ trưởng (Luật 30/2023, Điều 16)."),
    (TooManyDeputies(2), "Tổ có 2 Tổ phó; mỗi Tổ chỉ có một Tổ phó (Luật 30/2023, Điều 16)."),
    (SizingInputMissing("households", "Thôn 2"),
     "Chưa có số hộ gia đình của Thôn 2 — cần có để tính số thành viên tối đa của Tổ theo quy định của tỉnh."),
    (SizingInputMissing("unit_type"), None),
    (SizingRuleUnconfirmed("sizing"),
     "Tiêu chí số lượng thành viên Tổ của tỉnh chưa được xác nhận — hãy nhập mức áp dụng trong phần Cài đặt."),
    (SizingRuleUnconfirmed("sizing.tables[0].steps[3].members_max"),
     "Số thành viên của bậc 4 trong tiêu chí của tỉnh chưa được xác nhận — hãy nhập mức áp dụng trong phần Cài đặt."),
    (SizingRuleNotApplicable(THON, "dac_khu"),
     "Tiêu chí của tỉnh không có quy định cho thôn thuộc đặc khu — hãy bổ sung trong phần Cài đặt."),
    (SizingValueNotCovered("households", 1500),
     "Tiêu chí của tỉnh không có bậc nào cho quy mô 1.500 hộ — hãy kiểm tra bảng bậc trong phần Cài đặt."),
    (NegativeSize("residents", -3), "Số nhân khẩu không được âm (-3)."),
]


@pytest.mark.parametrize("item, sentence", DESCRIBED, ids=[type(i).__name__ for i, _ in DESCRIBED])
def test_sizing_errors_and_warnings_are_described_in_vietnamese(item, sentence):
    text = describe(item)
    assert not text.startswith("Lỗi không mong đợi")
    if sentence:
        assert text == sentence
