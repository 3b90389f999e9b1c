"""Statistics and periods (issue #7 §6): counting members, pure."""

from __future__ import annotations

from datetime import date

import pytest

from antt_desktop.domain.people import EducationLevel, Gender, MemberStatus, Position, PriorForce
from antt_desktop.domain.reports import (
    Issuer,
    MonthTotal,
    PeriodUnreadable,
    ReportMember,
    TeamLine,
    build_dashboard,
    build_periodic_report,
    last_months,
    parse_period,
    previous_quarter,
    statistics,
)

ON = date(2026, 11, 22)


def member(name="Lê Văn An", *, gender=Gender.MALE, status=MemberStatus.ACTIVE, born=date(1985, 1, 1),
           joined=date(2024, 7, 1), left=None, **extra) -> ReportMember:
    return ReportMember(id=name, full_name=name, gender=gender, status=status, birth_date=born,
                        joined_on=joined, left_on=left, **extra)


def test_only_serving_members_are_counted():
    members = [member("A"), member("B", status=MemberStatus.PROPOSED, joined=None),
               member("C", status=MemberStatus.LEFT, left=date(2025, 9, 30)),
               member("D", joined=date(2026, 12, 1))]
    stats = statistics(members, ON)
    assert stats.total == 1


def test_breakdowns_by_every_property_with_men_and_women():
    members = [
        member("A", team_id="t1", team_name="Tổ Thôn 1", position=Position.LEADER, ethnicity="Kinh",
               education_level=EducationLevel.UNIVERSITY, prior_force=PriorForce.CIVIL_GUARD,
               bhyt_valid_to=date(2026, 12, 31), bhxh_participating=True),
        member("B", gender=Gender.FEMALE, born=date(1956, 11, 22), team_id="t1", team_name="Tổ Thôn 1",
               position=Position.MEMBER, ethnicity="Tày", bhyt_valid_to=date(2025, 12, 31)),
        member("C", born=None, birth_year=2001, ethnicity=""),
    ]
    stats = statistics(members, ON)
    assert (stats.total, stats.male, stats.female, stats.minorities) == (3, 2, 1, 1)
    assert [(r.label, r.total, r.male, r.female) for r in stats.breakdown("team").rows] == [
        ("Tổ Thôn 1", 2, 1, 1), ("Chưa vào tổ", 1, 1, 0)]
    ages = {r.label: r.total for r in stats.breakdown("age").rows}
    assert ages["Từ 70 trở lên"] == 1                  # 70 exactly: BM1 counts it as 70 and over
    assert ages["Dưới 30"] == 1 and ages["40 – 49"] == 1
    assert stats.breakdown("education").count("Chưa rõ") == 2 and stats.breakdown("education").count("Đại học") == 1
    assert [r.label for r in stats.breakdown("ethnicity").rows] == ["Kinh", "Tày", "Chưa rõ"]
    assert stats.breakdown("bhyt").count("Còn hạn") == 1 and stats.breakdown("bhyt").count("Hết hạn") == 1
    assert stats.breakdown("bhyt").count("Chưa có thẻ") == 1
    assert stats.breakdown("bhxh").count("Đang tham gia") == 1
    assert stats.breakdown("prior_force").count("Bảo vệ dân phố") == 1
    assert all(b.total == 3 for b in stats.breakdowns)


@pytest.mark.parametrize(("text", "first", "last", "label"), [
    ("2026-Q3", date(2026, 7, 1), date(2026, 9, 30), "Quý III năm 2026"),
    ("Q1/2026", date(2026, 1, 1), date(2026, 3, 31), "Quý I năm 2026"),
    ("2026", date(2026, 1, 1), date(2026, 12, 31), "Năm 2026"),
])
def test_periods(text, first, last, label):
    period = parse_period(text)
    assert (period.first, period.last, period.label) == (first, last, label)


def test_bad_periods_and_the_previous_quarter():
    with pytest.raises(PeriodUnreadable):
        parse_period("quý 3")
    assert previous_quarter(date(2026, 2, 1)).label == "Quý IV năm 2025"


def test_the_periodic_report_balances_start_joined_left_and_end():
    members = [member("A", joined=date(2024, 7, 1)),
               member("B", joined=date(2026, 8, 1)),
               member("C", joined=date(2024, 7, 1), left=date(2026, 9, 30), status=MemberStatus.LEFT),
               member("D", joined=date(2026, 7, 15), left=date(2026, 8, 31), status=MemberStatus.LEFT)]
    report = build_periodic_report(members, parse_period("2026-Q3"), issuer=Issuer("CÔNG AN XÃ TÂN PHÚ"),
                                   made_on=ON, teams=[], hamlet_count=0,
                                   allowances=[MonthTotal("2026-07", 1_000_000), MonthTotal("2026-08", 0, 5)])
    assert report.start_total == 2 and len(report.joined) == 2 and len(report.left) == 2
    assert report.statistics.total == report.start_total + len(report.joined) - len(report.left) == 2
    assert report.paid_dong == 1_000_000 and report.annual_due is None
    assert build_periodic_report(members, parse_period("2026"), issuer=Issuer("X"), made_on=ON, teams=[],
                                 hamlet_count=0).annual_due == date(2026, 12, 15)


def test_the_dashboard_figures():
    members = [member("A", bhyt_valid_to=date(2026, 12, 10)), member("B", bhyt_valid_to=date(2027, 2, 1)),
               member("C", status=MemberStatus.PROPOSED, joined=None)]
    teams = [TeamLine("Tổ Thôn 1", "Thôn 1", 1, 1, 0, 3, 4)]
    board = build_dashboard(members, ON, teams=teams, allowances=[MonthTotal("2026-10", 3_960_000)])
    assert board.total == 2 and board.proposed == 1
    assert dict(board.expiring_by_month)["12/2026"] == 1 and dict(board.expiring_by_month)["02/2027"] == 1
    assert board.expiring_soon == 1
    assert [m.month for m in board.allowances] == last_months(ON) and len(board.allowances) == 12
    assert board.allowances[-2].locked_dong == 3_960_000
    assert teams[0].fill_text == "thiếu"
