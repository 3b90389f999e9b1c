"""BM1 (issue #11): a hand-built commune whose row is written out, the invariants, the pitfalls."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from antt_desktop.domain.bm1 import (
    BreakCause,
    BreakKind,
    BucketKind,
    CommuneFacts,
    MemberFacts,
    PeriodReversed,
    PlacementFacts,
    PreviousFigures,
    PreviousSource,
    TeamFacts,
    annual_period,
    build_report,
    check_row,
    compute_row,
    default_period,
    monthly_period,
    official_order,
    Bm1Period,
)
from antt_desktop.domain.people import EducationLevel as E
from antt_desktop.domain.people import Gender, MemberStatus
from antt_desktop.domain.service_records import (
    Commendation,
    CommendationForm,
    CommendationScope,
    DutyIncident,
    IncidentKind,
    TrainingAttendance,
    TrainingCourse,
    TrainingKind,
)

PERIOD = Bm1Period(date(2026, 10, 15), date(2026, 11, 14))
RECOGNISED = date(2024, 7, 5)
M, F = Gender.MALE, Gender.FEMALE
ACTIVE, LEFT, PROPOSED = MemberStatus.ACTIVE, MemberStatus.LEFT, MemberStatus.PROPOSED


def member(key, gender=M, status=ACTIVE, *, born=date(1980, 5, 1), year=None, education=E.UPPER_SECONDARY,
           ethnicity="Kinh", joined=RECOGNISED, left=None) -> MemberFacts:
    return MemberFacts(id=key, full_name=f"Thành viên {key}", gender=gender, status=status,
                       birth_date=None if year else born, birth_year=year, education_level=education,
                       ethnicity=ethnicity, joined_on=joined, left_on=left)


def course(key, kind=TrainingKind.COURSE, *, starts, ends=None, ministry=True) -> TrainingCourse:
    return TrainingCourse(id=key, unit_code="X", kind=kind, name=f"Lớp {key}", starts_on=starts, ends_on=ends,
                          uses_ministry_materials=ministry)


def attend(course_id, member_id) -> TrainingAttendance:
    return TrainingAttendance(id=f"{course_id}-{member_id}", unit_code="X", course_id=course_id, member_id=member_id)


def award(key, form, scope, on, member_id=None) -> Commendation:
    return Commendation(id=key, unit_code="X", member_id=member_id, scope=scope, form=form, awarded_on=on,
                        team_id="T1" if scope is CommendationScope.COLLECTIVE else None)


def incident(key, member_id, kind, on) -> DutyIncident:
    return DutyIncident(id=key, unit_code="X", member_id=member_id, kind=kind, occurred_on=on)


def hand_built_commune() -> CommuneFacts:
    """Xã Thử Nghiệm, kỳ 15/10/2026 – 14/11/2026. Who is who:

    A  active since 2024, man, THPT                                    → now, under 70, col 10
    B  active, woman born 14/11/1956 (70 on the last day), tiểu học, Gia Rai → now, 70+, col 9, col 13
    C  active, man born 15/11/1956 (69 on the last day), đại học        → now, under 70, col 12
    D  joined 20/10/2026, education unknown                            → now, joined, unknown bucket
    E  left, last day 01/11/2026 (killed on duty that day)             → left, col 19
    F  joined 16/10/2026, last day 10/11/2026: in and out in the period → joined and left, not now
    G  proposed                                                        → nothing
    H  active, woman, birth year 1990 only, trung cấp, Ba Na           → now, col 11, col 13
    I  left before the period (last day 10/10/2026)                    → nothing
    """
    members = (
        member("A"), member("B", F, born=date(1956, 11, 14), education=E.PRIMARY, ethnicity="Gia Rai"),
        member("C", born=date(1956, 11, 15), education=E.UNIVERSITY),
        member("D", born=date(1990, 3, 3), education=None, joined=date(2026, 10, 20)),
        member("E", status=LEFT, left=date(2026, 11, 1)),
        member("F", status=LEFT, joined=date(2026, 10, 16), left=date(2026, 11, 10)),
        member("G", status=PROPOSED, joined=None),
        member("H", F, year=1990, education=E.VOCATIONAL, ethnicity="Ba Na"),
        member("I", status=LEFT, left=date(2026, 10, 10)),
    )
    teams = (
        TeamFacts("T1", "Tổ Thôn 1", True, RECOGNISED, None, 5),
        TeamFacts("T2", "Tổ Thôn 2", True, RECOGNISED, None, 4),         # decided, nobody left in it
        TeamFacts("T3", "Tổ Làng Mới", False, date(2026, 1, 1), None, None),  # no decision yet, working
        TeamFacts("T4", "Tổ Giải Thể", True, RECOGNISED, date(2026, 1, 1), 3),  # dissolved
    )
    placements = (
        PlacementFacts("A", "T1", RECOGNISED), PlacementFacts("B", "T1", RECOGNISED),
        PlacementFacts("C", "T1", RECOGNISED), PlacementFacts("D", "T1", date(2026, 10, 20)),
        PlacementFacts("E", "T2", RECOGNISED, date(2026, 11, 1)),
        PlacementFacts("F", "T2", date(2026, 10, 16), date(2026, 11, 10)),
        PlacementFacts("H", "T3", date(2026, 1, 1)),
    )
    incidents = (
        incident("i1", "A", IncidentKind.INJURED, date(2026, 10, 25)),
        incident("i2", "A", IncidentKind.INJURED, date(2026, 11, 2)),    # the same member: counted once
        incident("i3", "C", IncidentKind.INJURED, date(2026, 9, 1)),     # before the period
        incident("i4", "E", IncidentKind.KILLED, date(2026, 11, 1)),
    )
    courses = (
        course("K1", starts=date(2026, 10, 20), ends=date(2026, 10, 22)),
        course("K2", TrainingKind.TRAINING, starts=date(2026, 11, 10), ends=date(2026, 11, 20)),  # ends later
        course("K3", TrainingKind.DRILL, starts=date(2026, 10, 25)),                              # a drill
        course("K4", TrainingKind.TRAINING, starts=date(2026, 11, 3)),
        course("K5", starts=date(2026, 11, 5), ministry=False),                                   # own material
    )
    attendances = (attend("K1", "A"), attend("K1", "B"), attend("K1", "C"), attend("K2", "H"),
                   attend("K3", "D"), attend("K4", "A"), attend("K4", "D"), attend("K5", "H"))
    commendations = (
        award("c1", CommendationForm.CERTIFICATE_OF_MERIT, CommendationScope.COLLECTIVE, date(2026, 10, 30)),
        award("c2", CommendationForm.CERTIFICATE_OF_MERIT, CommendationScope.INDIVIDUAL, date(2026, 11, 1), "A"),
        award("c3", CommendationForm.CERTIFICATE_OF_MERIT, CommendationScope.INDIVIDUAL, date(2026, 11, 14), "B"),
        award("c4", CommendationForm.LETTER_OF_PRAISE, CommendationScope.INDIVIDUAL, date(2026, 10, 15), "C"),
        award("c5", CommendationForm.LETTER_OF_PRAISE, CommendationScope.COLLECTIVE, date(2026, 11, 15)),
        award("c6", CommendationForm.LETTER_OF_PRAISE, CommendationScope.INDIVIDUAL, date(2026, 10, 14), "A"),
        award("c7", CommendationForm.OTHER, CommendationScope.INDIVIDUAL, date(2026, 10, 20), "A"),
    )
    return CommuneFacts("X", "Xã Thử Nghiệm", members, teams, placements, incidents, courses, attendances,
                        commendations)


EXPECTED_ROW = {
    2: 9,    # T1 (5) + T2 (4); T3 has no decision, T4 is dissolved
    3: 5,    # A B C E H on 14/10/2026 (no submitted report: rebuilt from the dates)
    4: 5,    # A B C D H
    5: 3, 6: 2,
    7: 4, 8: 1,                   # B is exactly 70 on 14/11/2026
    9: 1, 10: 1, 11: 1, 12: 1,    # D's education is unknown: in no column
    13: 2,                        # Gia Rai, Ba Na
    14: 2, 15: 2,                 # decided T1 T2; actual T1 T3
    16: 2, 17: 2,                 # joined D F; left E F
    18: 1, 19: 1,
    20: 4, 21: 2,                 # K1 (A B C) and K4 (A D): four members, two classes
    22: 1, 23: 2, 24: 0, 25: 1,
}


def test_the_hand_built_commune_gives_the_row_written_out():
    row = compute_row(hand_built_commune(), PERIOD)
    assert row.figures == EXPECTED_ROW
    assert row.now_ids == {"A", "B", "C", "D", "H"}
    assert row.joined_ids == {"D", "F"} and row.left_ids == {"E", "F"}
    assert row.previous.source is PreviousSource.COMPUTED


def test_unknown_education_is_its_own_bucket_and_the_break_names_the_member():
    facts = hand_built_commune()
    row = compute_row(facts, PERIOD)
    assert row.buckets == {BucketKind.UNKNOWN_EDUCATION: ("D",)}
    assert row[10] == 1                     # never silently counted as THCS
    breaks = check_row(row, facts)
    assert [b.kind for b in breaks] == [BreakKind.EDUCATION]
    assert (breaks[0].expected, breaks[0].actual) == (5, 4)
    assert [(m.member_id, m.cause) for m in breaks[0].members] == [("D", BreakCause.UNKNOWN_EDUCATION)]


def test_below_primary_is_shown_apart_too():
    facts = CommuneFacts("X", "Xã", (member("A", education=E.NONE),))
    row = compute_row(facts, PERIOD)
    assert row.buckets == {BucketKind.BELOW_PRIMARY: ("A",)}
    assert sum(row[c] for c in (9, 10, 11, 12)) == 0
    assert check_row(row, facts)[0].members[0].cause is BreakCause.BELOW_PRIMARY


@pytest.mark.parametrize(("born", "year", "column"), [
    (date(1956, 11, 14), None, 8),     # 70 on the last day of the period: "Từ 70 trở lên"
    (date(1956, 11, 15), None, 7),     # 70 the day after: still under 70
    (date(1956, 10, 15), None, 8),
    (date(1957, 1, 1), None, 7),
    (None, 1956, 8),                   # the birth year alone: 2026 − 1956 = 70
    (None, 1957, 7),
])
def test_ages_around_70(born, year, column):
    facts = CommuneFacts("X", "Xã", (member("A", born=born, year=year),))
    row = compute_row(facts, PERIOD)
    assert row[column] == 1 and row[15 - column] == 0


def test_unknown_birth_is_shown_and_breaks_the_age_invariant():
    facts = CommuneFacts("X", "Xã", (member("A", born=None),))
    row = compute_row(facts, PERIOD)
    assert row.buckets == {BucketKind.UNKNOWN_AGE: ("A",)}
    assert check_row(row, facts)[0].kind is BreakKind.AGE


def test_a_member_who_joins_and_leaves_within_one_period():
    facts = CommuneFacts("X", "Xã", (
        member("A"), member("F", status=LEFT, joined=date(2026, 10, 16), left=date(2026, 11, 10))))
    row = compute_row(facts, PERIOD)
    assert (row[3], row[16], row[17], row[4]) == (1, 1, 1, 1)
    assert check_row(row, facts) == []


def test_the_last_day_of_membership_is_still_in_the_force():
    # left_on is the last day (services.organisation.end_in): leaving on the period's last day
    # counts in this period's headcount and as a leaver in the next.
    leaver = member("A", status=LEFT, left=PERIOD.last)
    facts = CommuneFacts("X", "Xã", (leaver,))
    row = compute_row(facts, PERIOD)
    assert (row[4], row[17]) == (1, 0)
    following = monthly_period(2026, 12)
    previous = PreviousFigures(row[4], row.now_ids, PERIOD.last, PreviousSource.SUBMITTED)
    next_row = compute_row(facts, following, previous)
    assert (next_row[3], next_row[17], next_row[4]) == (1, 1, 0)
    assert check_row(next_row, facts) == []


def test_the_previous_figure_comes_from_the_submitted_report_and_a_break_names_the_members():
    # The report submitted for the previous period counted A and Z; since then Z was deleted
    # and B was typed in with an old joining date. Column 3 keeps the submitted 2.
    facts = CommuneFacts("X", "Xã", (member("A"), member("B")))
    previous = PreviousFigures(2, frozenset({"A", "Z"}), PERIOD.day_before, PreviousSource.SUBMITTED, "r1")
    row = compute_row(facts, PERIOD, previous)
    assert row[3] == 2 and row[4] == 2
    movement = [b for b in check_row(row, facts) if b.kind is BreakKind.MOVEMENT]
    assert len(movement) == 1 and movement[0].expected == movement[0].actual == 2
    assert {(m.member_id, m.cause) for m in movement[0].members} == {
        ("B", BreakCause.NOT_IN_PREVIOUS), ("Z", BreakCause.MISSING_AT_END)}


def test_a_count_difference_is_explained_by_the_members_behind_it():
    previous = PreviousFigures(1, frozenset({"A"}), PERIOD.day_before, PreviousSource.SUBMITTED)
    facts = CommuneFacts("X", "Xã", (member("A"), member("B", joined=date(2020, 1, 1)),
                                     member("C", status=LEFT, joined=RECOGNISED, left=None)))
    row = compute_row(facts, PERIOD, previous)
    movement = next(b for b in check_row(row, facts) if b.kind is BreakKind.MOVEMENT)
    assert (movement.expected, movement.actual) == (1, 2)
    assert [(m.member_id, m.cause) for m in movement.members] == [("B", BreakCause.NOT_IN_PREVIOUS)]


def test_members_now_may_exceed_the_quota_and_teams_are_counted_as_they_are():
    facts = CommuneFacts("X", "Xã", tuple(member(str(i)) for i in range(6)),
                         teams=(TeamFacts("T1", "Tổ", True, RECOGNISED, None, 3),
                                TeamFacts("T2", "Tổ 2", False, RECOGNISED, None, None)),
                         placements=tuple(PlacementFacts(str(i), "T1" if i < 4 else "T2", RECOGNISED)
                                          for i in range(6)))
    row = compute_row(facts, PERIOD)
    assert (row[2], row[4], row[14], row[15]) == (3, 6, 1, 2)


def test_a_reversed_period_is_refused():
    with pytest.raises(PeriodReversed):
        Bm1Period(date(2026, 11, 14), date(2026, 10, 15))


@pytest.mark.parametrize(("today", "first", "last"), [
    (date(2026, 11, 22), date(2026, 10, 15), date(2026, 11, 14)),
    (date(2026, 11, 3), date(2026, 10, 15), date(2026, 11, 14)),
    (date(2027, 1, 10), date(2026, 12, 15), date(2027, 1, 14)),
])
def test_the_default_period_runs_from_the_15th_to_the_14th(today, first, last):
    assert default_period(today) == Bm1Period(first, last)


def test_the_twelve_monthly_periods_tile_the_annual_period():
    months = [monthly_period(2026, month) for month in range(1, 13)]
    assert months[0].first == annual_period(2026).first and months[-1].last == annual_period(2026).last
    for before, after in zip(months, months[1:]):
        assert after.first == before.last + timedelta(days=1)


def test_communes_keep_the_official_order_not_the_alphabet():
    official = ["Xã Al Bá", "Xã Chư Pưh", "Xã Chư Prông", "Phường An Khê"]
    units = [("3", "Xã Chư Prông"), ("1", "Phường An Khê"), ("9", "Xã Mới Lập"), ("2", "xa chu puh")]
    ordered, unknown = official_order(units, official)
    assert [code for code, _ in ordered] == ["2", "3", "1", "9"]
    assert unknown == [("9", "Xã Mới Lập")]


def test_the_total_row_adds_the_communes():
    first = hand_built_commune()
    second = CommuneFacts("Y", "Xã Hai", (member("Y1"), member("Y2", F)))
    report = build_report([first, second], PERIOD, {}, with_total=True)
    assert report.total[4] == 7 and report.total[5] == 4 and report.total[6] == 3
    assert [row.name for row in report.all_rows()] == ["Xã Thử Nghiệm", "Xã Hai", "TỔNG CỘNG"]


# --- a year of monthly reports ---------------------------------------------------------------


@st.composite
def histories(draw):
    """Members joining and leaving at random days of 2026, some in and out within a month."""
    count = draw(st.integers(min_value=1, max_value=25))
    members = []
    start = date(2025, 12, 1)
    for index in range(count):
        joined = start + timedelta(days=draw(st.integers(0, 400)))
        stays = draw(st.one_of(st.none(), st.integers(0, 200)))
        left = joined + timedelta(days=stays) if stays is not None else None
        education = draw(st.sampled_from([E.PRIMARY, E.LOWER_SECONDARY, E.COLLEGE, E.UNIVERSITY]))
        members.append(member(f"m{index}", draw(st.sampled_from([M, F])), LEFT if left else ACTIVE,
                              born=date(1950 + draw(st.integers(0, 50)), 6, 1), education=education,
                              joined=joined, left=left))
    return CommuneFacts("X", "Xã", tuple(members))


@settings(max_examples=60, deadline=None)
@given(histories())
def test_invariants_hold_across_a_year_of_monthly_reports(facts):
    previous = None
    for month in range(1, 13):
        period = monthly_period(2026, month)
        row = compute_row(facts, period, previous)
        assert row[5] + row[6] == row[4]
        assert row[7] + row[8] == row[4]
        assert row[9] + row[10] + row[11] + row[12] == row[4]
        assert row[3] - row[17] + row[16] == row[4]
        assert check_row(row, facts) == []
        # what was submitted becomes the next month's "kỳ trước"
        previous = PreviousFigures(row[4], row.now_ids, period.last, PreviousSource.SUBMITTED)


def test_the_year_seen_as_one_period_matches_its_months():
    rng = random.Random(11)
    members = []
    for index in range(40):
        joined = date(2025, 12, 1) + timedelta(days=rng.randint(0, 380))
        left = joined + timedelta(days=rng.randint(0, 120)) if index % 3 == 0 else None
        members.append(member(f"m{index}", status=LEFT if left else ACTIVE, joined=joined, left=left))
    facts = CommuneFacts("X", "Xã", tuple(members))
    year = compute_row(facts, annual_period(2026))
    months = [compute_row(facts, monthly_period(2026, month)) for month in range(1, 13)]
    assert year[16] == sum(row[16] for row in months)
    assert year[17] == sum(row[17] for row in months)
    assert year[4] == months[-1][4] and year[3] == months[0][3]
