"""Service records (issue #11): every kind saved, changed, removed and audited; bad input is
refused in Vietnamese and leaves nothing behind."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from antt_desktop.domain.access import PermissionDenied, Role
from antt_desktop.domain.organisation import RecordNotFound
from antt_desktop.domain.people import PriorForce
from antt_desktop.domain.service_records import (
    AlreadyAttending,
    AnnualEvaluation,
    AttachmentEmpty,
    Commendation,
    CommendationForm,
    CommendationScope,
    DisciplineKind,
    DisciplineRecord,
    DuplicateEvaluation,
    DutyIncident,
    EquipmentDirection,
    EquipmentMovement,
    EvaluationGrade,
    FormerForceService,
    IncidentKind,
    LeavingReason,
    LeavingRecord,
    RecordInvalid,
    RecordKind,
    ReturnExceedsIssued,
    ServiceRecordNotFound,
    ToolCertificate,
    TrainingCourse,
    TrainingKind,
)
from antt_desktop.messages import describe
from antt_desktop.services.service_records import ServiceRecordService


def audit_actions(services) -> list[str]:
    from antt_desktop.store.tables import AuditEventRow

    with services.context.new_uow() as uow:
        return [row.action for row in uow.session.query(AuditEventRow).order_by(AuditEventRow.sequence)]


def table_counts(services) -> dict[str, int]:
    from sqlalchemy import func, select

    from antt_desktop.store import tables

    names = ("commendations", "discipline_records", "annual_evaluations", "duty_incidents", "equipment_movements",
             "tool_certificates", "former_force_services", "leaving_records", "training_courses",
             "training_attendances", "record_attachments", "conduct_events", "audit_events")
    with services.context.new_uow() as uow:
        return {name: uow.session.execute(select(func.count()).select_from(tables.Base.metadata.tables[name]))
                .scalar_one() for name in names}


@pytest.fixture
def members(demo):
    return [row for row in demo.members.list_rows() if row.status.value == "active"]


def course(**changes) -> TrainingCourse:
    values = dict(id="", unit_code="", kind=TrainingKind.COURSE, name="Bồi dưỡng nghiệp vụ năm 2026",
                  starts_on=date(2026, 10, 20), ends_on=date(2026, 10, 22), organiser="Công an tỉnh Gia Lai",
                  uses_ministry_materials=True)
    values.update(changes)
    return TrainingCourse(**values)


def every_kind(member_id: str) -> list:
    return [
        Commendation(id="", unit_code="", member_id=member_id, scope=CommendationScope.INDIVIDUAL,
                     form=CommendationForm.LETTER_OF_PRAISE, awarded_on=date(2026, 11, 1),
                     title="  Có  thành tích xuất sắc ", document_number="120/QĐ-UBND",
                     document_on=date(2026, 11, 1), document_issuer="Chủ tịch UBND xã Tân Phú"),
        DisciplineRecord(id="", unit_code="", member_id=member_id, kind=DisciplineKind.REPRIMAND,
                         decided_on=date(2026, 9, 1), reason="Vắng tuần tra không lý do"),
        AnnualEvaluation(id="", unit_code="", member_id=member_id, year=2025, grade=EvaluationGrade.EXCELLENT),
        DutyIncident(id="", unit_code="", member_id=member_id, kind=IncidentKind.INJURED,
                     occurred_on=date(2026, 10, 25), has_bhyt=True, support_dong=2_000_000),
        EquipmentMovement(id="", unit_code="", member_id=member_id, direction=EquipmentDirection.ISSUED,
                          item="Áo mưa", quantity=2, moved_on=date(2026, 5, 1)),
        ToolCertificate(id="", unit_code="", member_id=member_id, number="15/GCN-CAT", issued_on=date(2025, 8, 1),
                        valid_until=date(2027, 8, 1), tools="Gậy cao su"),
        FormerForceService(id="", unit_code="", member_id=member_id, force=PriorForce.CIVIL_GUARD,
                           started_on=date(2015, 1, 1), ended_on=date(2024, 6, 30), settlement_dong=5_400_000),
        LeavingRecord(id="", unit_code="", member_id=member_id, reason=LeavingReason.RESIGNED,
                      left_on=date(2026, 11, 10)),
    ]


def test_every_kind_is_saved_with_the_members_unit_and_audited(demo, members):
    member = members[0]
    saved = [demo.service_records.save(record) for record in every_kind(member.id)]
    assert all(record.id and record.unit_code == member.unit_code for record in saved)
    assert saved[0].title == "Có thành tích xuất sắc"          # NFC, spaces folded
    by_kind = demo.service_records.member_records(member.id)
    assert {kind: len(lines) for kind, lines in by_kind.items() if lines} == {
        RecordKind.COMMENDATION: 1, RecordKind.DISCIPLINE: 1, RecordKind.EVALUATION: 1, RecordKind.INCIDENT: 1,
        RecordKind.EQUIPMENT: 1, RecordKind.TOOL_CERTIFICATE: 1, RecordKind.FORMER_FORCE: 1, RecordKind.LEAVING: 1}
    assert audit_actions(demo)[-8:] == ["record.created"] * 8


def test_a_change_records_before_and_after_and_an_unchanged_save_writes_nothing(demo, members):
    saved = demo.service_records.save(every_kind(members[0].id)[0])
    changed = demo.service_records.save(replace(saved, form=CommendationForm.CERTIFICATE_OF_MERIT))
    assert changed.form is CommendationForm.CERTIFICATE_OF_MERIT and changed.id == saved.id
    assert audit_actions(demo)[-1] == "record.updated"
    before = table_counts(demo)
    demo.service_records.save(changed)
    assert table_counts(demo) == before


def test_a_record_cannot_move_to_another_member(demo, members):
    saved = demo.service_records.save(every_kind(members[0].id)[2])
    moved = demo.service_records.save(replace(saved, member_id=members[1].id, grade=EvaluationGrade.GOOD))
    assert moved.member_id == members[0].id


def test_remove_takes_the_attachments_with_it(demo, members):
    saved = demo.service_records.save(every_kind(members[0].id)[3])
    demo.service_records.attach(RecordKind.INCIDENT, saved.id, "bien-ban.pdf", b"%PDF-1.4 scan")
    demo.service_records.remove(RecordKind.INCIDENT, saved.id)
    assert demo.service_records.member_records(members[0].id, RecordKind.INCIDENT)[RecordKind.INCIDENT] == []
    assert table_counts(demo)["record_attachments"] == 0
    assert audit_actions(demo)[-1] == "record.removed"


def test_a_record_for_an_unknown_member_is_refused_and_nothing_is_written(demo):
    before = table_counts(demo)
    with pytest.raises(RecordNotFound) as caught:
        demo.service_records.save(every_kind("khong-co-ai")[0])
    assert describe(caught.value) == "Không tìm thấy thành viên có mã khong-co-ai."
    with pytest.raises(RecordNotFound):
        demo.service_records.record_training(["khong-co-ai"], course())
    assert table_counts(demo) == before          # not even the course of the failed training


def test_bad_fields_are_all_reported_at_once_in_vietnamese(demo, members):
    before = table_counts(demo)
    bad = FormerForceService(id="", unit_code="", member_id=members[0].id, force=PriorForce.NEW,
                             started_on=date(2020, 1, 1), ended_on=date(2019, 1, 1), settlement_dong=-5,
                             settlement_on=date(2027, 1, 1))
    with pytest.raises(RecordInvalid) as caught:
        demo.service_records.save(bad)
    fields = [problem.field for problem in caught.value.problems]
    assert fields == ["force", "settlement_on", "ended_on", "settlement_dong"]
    text = describe(caught.value)
    assert "Lực lượng: chọn Bảo vệ dân phố" in text
    assert "Đến ngày: ngày 01/01/2019 ở trước «Từ ngày» (01/01/2020)" in text
    assert "Ngày nhận trợ cấp: Ngày 01/01/2027 ở sau hôm nay (22/11/2026)" in text
    assert table_counts(demo) == before


@pytest.mark.parametrize(("record", "field"), [
    (lambda m: EquipmentMovement(id="", unit_code="", member_id=m, direction=EquipmentDirection.ISSUED,
                                 item="", quantity=0, moved_on=date(2026, 1, 1)), ["item", "quantity"]),
    (lambda m: ToolCertificate(id="", unit_code="", member_id=m, number="1", issued_on=date(2026, 5, 1),
                               valid_until=date(2026, 4, 1)), ["valid_until"]),
    (lambda m: DutyIncident(id="", unit_code="", member_id=m, kind=IncidentKind.KILLED,
                            occurred_on=date(2026, 12, 1), incapacity_percent=130), ["occurred_on", "incapacity_percent"]),
    (lambda m: AnnualEvaluation(id="", unit_code="", member_id=m, year=2031, grade=EvaluationGrade.DONE), ["year"]),
    (lambda m: Commendation(id="", unit_code="", member_id=None, scope=CommendationScope.COLLECTIVE,
                            form=CommendationForm.CERTIFICATE_OF_MERIT, awarded_on=date(2026, 1, 1)),
     ["recipient_name"]),
])
def test_field_rules(demo, members, record, field):
    with pytest.raises(RecordInvalid) as caught:
        demo.service_records.save(record(members[0].id))
    assert [p.field for p in caught.value.problems] == field
    assert describe(caught.value)


def test_one_evaluation_per_member_and_year(demo, members):
    first = every_kind(members[0].id)[2]
    demo.service_records.save(first)
    with pytest.raises(DuplicateEvaluation) as caught:
        demo.service_records.save(first)
    assert "năm 2025" in describe(caught.value)


def test_equipment_returns_never_exceed_what_was_issued(demo, members):
    member_id = members[0].id
    demo.service_records.save(every_kind(member_id)[4])                    # 2 áo mưa issued
    back = EquipmentMovement(id="", unit_code="", member_id=member_id, direction=EquipmentDirection.RETURNED,
                             item="áo  mưa", quantity=2, moved_on=date(2026, 10, 1))
    demo.service_records.save(back)
    with pytest.raises(ReturnExceedsIssued) as caught:
        demo.service_records.save(replace(back, quantity=1))
    assert describe(caught.value).startswith("Không thể thu hồi 1 «áo mưa»")


def test_training_creates_the_course_once_and_lists_who_attended(demo, members):
    stored = demo.service_records.record_training([m.id for m in members[:3]], course())
    demo.service_records.record_training([members[3].id], replace(stored, name=""), result="Giỏi")
    lines = demo.service_records.courses()
    assert len(lines) == 1 and len(lines[0].attendees) == 4
    with pytest.raises(AlreadyAttending):
        demo.service_records.record_training([members[0].id], stored)
    mine = demo.service_records.member_records(members[3].id, RecordKind.TRAINING)[RecordKind.TRAINING]
    assert mine[0].course.name == "Bồi dưỡng nghiệp vụ năm 2026" and mine[0].record.result == "Giỏi"


def test_removing_a_course_removes_its_attendance(demo, members):
    stored = demo.service_records.record_training([members[0].id], course())
    demo.service_records.remove_course(stored.id)
    counts = table_counts(demo)
    assert counts["training_courses"] == counts["training_attendances"] == 0
    with pytest.raises(ServiceRecordNotFound) as caught:
        demo.service_records.remove_course(stored.id)
    assert "lớp bồi dưỡng" in describe(caught.value)


def test_written_reminders_share_the_conduct_log_of_issue_4(demo, members):
    reminder = DisciplineRecord(id="", unit_code="", member_id=members[0].id, kind=DisciplineKind.WRITTEN_REMINDER,
                                decided_on=date(2026, 9, 1), reason="Từ chối tuần tra", document_number="05/TB-CAX")
    saved = demo.service_records.save(reminder)
    counts = table_counts(demo)
    assert counts["conduct_events"] == 1 and counts["discipline_records"] == 0
    lines = demo.service_records.member_records(members[0].id, RecordKind.DISCIPLINE)[RecordKind.DISCIPLINE]
    assert [(l.record.kind, l.record.document_number) for l in lines] == [(DisciplineKind.WRITTEN_REMINDER, "05/TB-CAX")]
    demo.service_records.save(replace(saved, kind=DisciplineKind.WARNING))
    counts = table_counts(demo)
    assert counts["conduct_events"] == 0 and counts["discipline_records"] == 1


def test_collective_commendations_show_in_the_team_list(demo, members):
    team_id = members[0].team_id
    collective = Commendation(id="", unit_code="", member_id=None, team_id=team_id,
                              scope=CommendationScope.COLLECTIVE, form=CommendationForm.CERTIFICATE_OF_MERIT,
                              awarded_on=date(2026, 10, 30))
    demo.service_records.save(collective)
    demo.service_records.save(every_kind(members[0].id)[0])
    lines = demo.service_records.team_records(team_id, RecordKind.COMMENDATION)
    assert sorted(l.record.scope.value for l in lines) == ["ca_nhan", "tap_the"]


def test_evidence_is_kept_in_the_database_and_can_be_written_out(demo, members, tmp_path):
    saved = demo.service_records.save(every_kind(members[0].id)[5])
    scan = tmp_path / "giấy chứng nhận.jpg"
    scan.write_bytes(b"\xff\xd8 scan")
    attachment = demo.service_records.attach_file(RecordKind.TOOL_CERTIFICATE, saved.id, scan)
    assert attachment.media_type == "image/jpeg" and attachment.size_bytes == 7
    out = demo.service_records.save_attachment_as(attachment.id, tmp_path / "ban-sao.jpg")
    assert out.read_bytes() == b"\xff\xd8 scan"
    with pytest.raises(AttachmentEmpty):
        demo.service_records.attach(RecordKind.TOOL_CERTIFICATE, saved.id, "rong.pdf", b"")
    demo.service_records.remove_attachment(attachment.id)
    assert audit_actions(demo)[-1] == "record.attachment_removed"


def test_a_viewer_cannot_write_records(demo, members):
    viewer = ServiceRecordService(replace(demo.context, role=Role.VIEWER))
    before = table_counts(demo)
    with pytest.raises(PermissionDenied) as caught:
        viewer.save(every_kind(members[0].id)[0])
    assert "không được phép" in describe(caught.value)
    assert table_counts(demo) == before
