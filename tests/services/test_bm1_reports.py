"""BM1 through the services (issue #11): a year of monthly reports submitted one after another,
the read-only submitted figures as «kỳ trước», the aggregate's official order, the annual report."""

from __future__ import annotations

import csv
from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest

from antt_desktop.domain.access import PermissionDenied, Role
from antt_desktop.domain.bm1 import (
    Bm1Period,
    BreakCause,
    BreakKind,
    NoteKind,
    PeriodNotEnded,
    PreviousSource,
    annual_period,
    monthly_period,
)
from antt_desktop.domain.dates import BirthDate
from antt_desktop.domain.members import MemberDraft
from antt_desktop.domain.people import EducationLevel, Gender, Position
from antt_desktop.domain.service_records import (
    Commendation,
    CommendationForm,
    CommendationScope,
    DutyIncident,
    IncidentKind,
    LeavingReason,
    LeavingRecord,
    TrainingCourse,
    TrainingKind,
)
from antt_desktop.messages import describe
from antt_desktop.paths import resource_path
from antt_desktop.services.bm1 import Bm1Service, ReportHasBreaks, SubmittedPeriodOverlaps


def recognition_decision(services) -> str:
    """The demo's issued recognition decision, to back new assignments (decisions are issue #4's)."""
    some_member = next(r for r in services.members.list_rows() if r.status.value == "active")
    return services.members.details(some_member.id).history[0].decision_id


def join(services, name: str, team_id: str, on: date, *, education=EducationLevel.UPPER_SECONDARY) -> str:
    member = services.members.create(MemberDraft(
        full_name=name, gender=Gender.MALE, birth=BirthDate(full=date(1990, 1, 1)),
        education_level=education, residence_since=date(2000, 1, 1))).member
    services.assignments.assign(member.id, team_id, Position.MEMBER, on, decision_id=recognition_decision(services))
    return member.id


MONTH_NAMES = ("Một", "Hai", "Ba", "Tư", "Năm", "Sáu", "Bảy", "Tám", "Chín", "Mười", "Mười Một", "Mười Hai")


def submitted_count(services) -> int:
    return len(services.bm1.submitted())


def test_the_demo_commune_gives_one_row_and_notes_the_rebuilt_previous_figure(demo):
    report = demo.bm1.report()
    assert report.period == monthly_period(2026, 11)
    assert len(report.rows) == 1 and report.total is None
    row = report.rows[0]
    assert row.name == "Xã Tân Phú" and row[4] == 27 and row[5] + row[6] == 27 and row[15] == 7
    assert report.breaks == ()
    assert [note.kind for note in report.notes] == [NoteKind.PREVIOUS_COMPUTED]


def test_a_year_of_monthly_reports_submitted_one_after_another(demo, clock):
    teams = [t.id for t in demo.teams.list()]
    left_member = [r for r in demo.members.list_rows() if r.status.value == "active"]
    previous_now = None
    for month in range(1, 13):
        period = monthly_period(2026, month)
        clock.now = datetime.combine(period.first + timedelta(days=2), datetime.min.time())
        join(demo, f"Tuyển Mới {MONTH_NAMES[month - 1]}", teams[month % len(teams)], period.first + timedelta(days=3))
        if month % 3 == 0:   # someone leaves; last day inside the period
            demo.assignments.end(left_member[month].id, period.first + timedelta(days=9))
        if month == 6:       # joins and leaves in the same period
            short = join(demo, "Ở Ngắn", teams[0], period.first + timedelta(days=1))
            demo.assignments.end(short, period.first + timedelta(days=5))
        clock.now = datetime.combine(period.last + timedelta(days=1), datetime.min.time())
        report = demo.bm1.report(period)
        row = report.rows[0]
        assert report.breaks == (), [b.kind for b in report.breaks]
        assert row[3] - row[17] + row[16] == row[4]
        if previous_now is not None:
            assert row[3] == previous_now and row.previous.source is PreviousSource.SUBMITTED
        assert row[16] == (2 if month == 6 else 1) and row[17] == {3: 1, 6: 2, 9: 1, 12: 1}.get(month, 0)
        demo.bm1.submit(period)
        previous_now = row[4]
    assert submitted_count(demo) == 12
    assert previous_now == 27 + 12 - 4
    year = demo.bm1.report(annual_period(2026)).rows[0]
    assert (year[16], year[17], year[4]) == (13, 5, previous_now)


def test_submitted_figures_stay_as_they_were_and_a_later_edit_shows_as_a_break(demo, clock):
    october = monthly_period(2026, 10)
    demo.bm1.submit(october)
    team = demo.teams.list()[0].id
    # A member typed in afterwards with a joining date long before October.
    late = join(demo, "Nhập Muộn", team, date(2024, 7, 5))
    november = demo.bm1.report(monthly_period(2026, 11))
    row = november.rows[0]
    assert row[3] == 27 and row[4] == 28
    [movement] = [b for b in november.breaks if b.kind is BreakKind.MOVEMENT]
    assert [(m.member_id, m.cause) for m in movement.members] == [(late, BreakCause.NOT_IN_PREVIOUS)]
    assert demo.bm1.submitted()[0].rows[0][4] == 27      # the submitted report did not change


def test_submission_is_refused_twice_before_the_end_and_with_breaks(demo, clock):
    november = monthly_period(2026, 11)
    demo.bm1.submit(november)
    with pytest.raises(SubmittedPeriodOverlaps) as caught:
        demo.bm1.submit(november)
    assert "15/10/2026 – 14/11/2026" in describe(caught.value)
    with pytest.raises(SubmittedPeriodOverlaps):
        demo.bm1.submit(monthly_period(2026, 10))        # an older period after a newer one
    with pytest.raises(PeriodNotEnded) as not_ended:
        demo.bm1.submit(monthly_period(2026, 12))
    assert "chưa qua" in describe(not_ended.value)
    join(demo, "Chưa Rõ Trình Độ", demo.teams.list()[0].id, date(2026, 11, 20), education=None)
    clock.now = datetime(2027, 1, 20, 9, 0)
    with pytest.raises(ReportHasBreaks) as breaks:
        demo.bm1.submit(monthly_period(2026, 12))
    assert "1 chỗ" in describe(breaks.value)
    assert submitted_count(demo) == 1
    demo.bm1.submit(monthly_period(2026, 12), accept_breaks=True)
    assert submitted_count(demo) == 2


def test_unknown_education_is_shown_and_named(demo):
    member_id = join(demo, "Chưa Rõ Trình Độ", demo.teams.list()[0].id, date(2026, 11, 1), education=None)
    report = demo.bm1.report()
    [education] = [b for b in report.breaks if b.kind is BreakKind.EDUCATION]
    assert [(m.member_id, m.cause) for m in education.members] == [(member_id, BreakCause.UNKNOWN_EDUCATION)]
    assert report.rows[0][4] == 28 and sum(report.rows[0][c] for c in (9, 10, 11, 12)) == 27


def test_records_feed_the_flow_columns(demo):
    active = [r for r in demo.members.list_rows() if r.status.value == "active"]
    records = demo.service_records
    records.record_training([m.id for m in active[:6]], TrainingCourse(
        id="", unit_code="", kind=TrainingKind.COURSE, name="Bồi dưỡng theo tài liệu của Bộ",
        starts_on=date(2026, 10, 20), ends_on=date(2026, 10, 21), uses_ministry_materials=True))
    records.record_training([m.id for m in active[4:8]], TrainingCourse(
        id="", unit_code="", kind=TrainingKind.TRAINING, name="Huấn luyện điều lệnh",
        starts_on=date(2026, 11, 2), uses_ministry_materials=True))
    records.save(DutyIncident(id="", unit_code="", member_id=active[0].id, kind=IncidentKind.INJURED,
                              occurred_on=date(2026, 11, 1)))
    records.save(Commendation(id="", unit_code="", member_id=active[1].id, scope=CommendationScope.INDIVIDUAL,
                              form=CommendationForm.CERTIFICATE_OF_MERIT, awarded_on=date(2026, 11, 5)))
    records.save(Commendation(id="", unit_code="", member_id=None, team_id=active[1].team_id,
                              scope=CommendationScope.COLLECTIVE, form=CommendationForm.LETTER_OF_PRAISE,
                              awarded_on=date(2026, 11, 5)))
    row = demo.bm1.report().rows[0]
    assert {n: row[n] for n in (18, 19, 20, 21, 22, 23, 24, 25)} == {
        18: 1, 19: 0, 20: 8, 21: 2, 22: 0, 23: 1, 24: 1, 25: 0}


def test_the_higher_unit_sheet_follows_the_official_order_with_a_total(services):
    services.demo.build_aggregate(communes=5, members=60, seed=3)
    services.policies.seed_shipped()
    report = services.bm1.report()
    with open(resource_path("gia-lai-communes.csv"), encoding="utf-8") as handle:
        official = [row["ten_day_du"] for row in csv.DictReader(handle)]
    assert [row.name for row in report.rows] == official[:5]
    assert report.total is not None and report.total[4] == 60
    assert report.total[4] == sum(row[4] for row in report.rows)
    assert report.title_unit == "Công an tỉnh Gia Lai"


def test_permissions(demo):
    viewer = Bm1Service(replace(demo.context, role=Role.VIEWER))
    assert viewer.report().rows[0][4] == 27               # anyone may look
    with pytest.raises(PermissionDenied):
        viewer.submit(monthly_period(2026, 11))
    assert submitted_count(demo) == 0


def test_the_annual_report_gathers_the_year(demo, tmp_path):
    active = [r for r in demo.members.list_rows() if r.status.value == "active"]
    demo.bm1.submit(monthly_period(2026, 10))
    demo.assignments.end(active[0].id, date(2026, 11, 5))
    demo.service_records.save(LeavingRecord(id="", unit_code="", member_id=active[0].id,
                                            reason=LeavingReason.RESIGNED, left_on=date(2026, 11, 5)))
    demo.bm1.save_annual_texts(2026, {"proposals": "  Đề nghị   bổ sung kinh phí trang phục. ", "bogus": "x"})
    report = demo.bm1.annual(2026)
    # Made on 22/11/2026 (the demo's clock): the figures stop there, not at 14/12 (QA #12).
    assert report.period == Bm1Period(annual_period(2026).first, date(2026, 11, 22))
    assert report.is_partial and report.planned_last == annual_period(2026).last
    assert [m.is_submitted for m in report.months].count(True) == 1
    assert len(report.months) == 12 and report.months[-1].period == Bm1Period(date(2026, 11, 15), date(2026, 11, 22))
    assert report.months[-1].is_partial and not any(m.is_partial for m in report.months[:-1])
    assert report.bm1.rows[0][17] == 1
    assert [(reason, count) for reason, count in report.leavers] == [(LeavingReason.RESIGNED, 1)]
    assert report.sections["proposals"] == "Đề nghị bổ sung kinh phí trang phục."
    assert "bogus" not in report.sections and report.sections["situation"].startswith("Thực hiện Luật")
    docx = demo.bm1.export_annual(2026, tmp_path / "bao-cao-nam.docx")
    pdf = demo.bm1.export_annual(2026, tmp_path / "bao-cao-nam.pdf")
    assert docx.stat().st_size > 5000 and pdf.read_bytes().startswith(b"%PDF")
