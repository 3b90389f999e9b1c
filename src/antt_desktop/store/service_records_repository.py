"""Service records, training courses, attachments and submitted reports (issue #11)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from antt_desktop.domain.bm1 import MemberFacts, PlacementFacts, StoredReport
from antt_desktop.domain.people import EducationLevel, Gender, MemberStatus
from antt_desktop.domain.service_records import (
    AnnualEvaluation,
    Attachment,
    Commendation,
    DisciplineKind,
    DisciplineRecord,
    DutyIncident,
    EquipmentMovement,
    FormerForceService,
    LeavingRecord,
    RecordKind,
    ToolCertificate,
    TrainingAttendance,
    TrainingCourse,
)
from antt_desktop.store.mapping import copy_to_row, to_domain
from antt_desktop.store.tables import (
    AnnualEvaluationRow,
    AnnualReportTextRow,
    AssignmentRow,
    CommendationRow,
    ConductEventRow,
    DisciplineRecordRow,
    DutyIncidentRow,
    EquipmentMovementRow,
    FormerForceServiceRow,
    LeavingRecordRow,
    MemberRow,
    RecordAttachmentRow,
    SubmittedReportRow,
    ToolCertificateRow,
    TrainingAttendanceRow,
    TrainingCourseRow,
)

_ROWS = {
    TrainingAttendance: TrainingAttendanceRow,
    Commendation: CommendationRow,
    DisciplineRecord: DisciplineRecordRow,
    AnnualEvaluation: AnnualEvaluationRow,
    DutyIncident: DutyIncidentRow,
    EquipmentMovement: EquipmentMovementRow,
    ToolCertificate: ToolCertificateRow,
    FormerForceService: FormerForceServiceRow,
    LeavingRecord: LeavingRecordRow,
    TrainingCourse: TrainingCourseRow,
}
_TYPES = {
    RecordKind.TRAINING: TrainingAttendance, RecordKind.COMMENDATION: Commendation,
    RecordKind.DISCIPLINE: DisciplineRecord, RecordKind.EVALUATION: AnnualEvaluation,
    RecordKind.INCIDENT: DutyIncident, RecordKind.EQUIPMENT: EquipmentMovement,
    RecordKind.TOOL_CERTIFICATE: ToolCertificate, RecordKind.FORMER_FORCE: FormerForceService,
    RecordKind.LEAVING: LeavingRecord,
}
_CHUNK = 900
_REMINDER = "nhac_nho"     # conduct_events.kind of a written reminder (issue #4)


class ServiceRecordRepository:
    def __init__(self, session: Session, clock) -> None:
        self._session = session
        self._clock = clock

    def _now(self):
        return self._clock().replace(microsecond=0)

    # --- member records ---------------------------------------------------------------------

    def get(self, kind: RecordKind, record_id: str):
        cls = _TYPES[kind]
        row = self._session.get(_ROWS[cls], record_id)
        if row is not None:
            return to_domain(row, cls)
        if kind is RecordKind.DISCIPLINE:
            event = self._session.get(ConductEventRow, record_id)
            if event is not None and event.kind == _REMINDER:
                return _reminder(event)
        return None

    def for_members(self, kind: RecordKind, member_ids: Iterable[str]) -> list:
        ids = list(member_ids)
        cls = _TYPES[kind]
        row_type = _ROWS[cls]
        records = []
        # Chunks keep the IN list under SQLite's bound-parameter limit on a province's members.
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start:start + _CHUNK]
            rows = self._session.execute(select(row_type).where(row_type.member_id.in_(chunk))).scalars()
            records.extend(to_domain(row, cls) for row in rows)
            if kind is RecordKind.DISCIPLINE:
                events = self._session.execute(select(ConductEventRow).where(
                    ConductEventRow.member_id.in_(chunk), ConductEventRow.kind == _REMINDER)).scalars()
                records.extend(_reminder(event) for event in events)
        return records

    def for_unit(self, kind: RecordKind, unit_code: str | None = None) -> list:
        cls = _TYPES[kind]
        row_type = _ROWS[cls]
        query = select(row_type)
        if unit_code:
            query = query.where(row_type.unit_code == unit_code)
        return [to_domain(row, cls) for row in self._session.execute(query).scalars()]

    def add(self, record) -> None:
        if isinstance(record, DisciplineRecord) and record.kind is DisciplineKind.WRITTEN_REMINDER:
            self._session.add(_reminder_row(record, ConductEventRow(created_at=self._now())))
            return
        now = self._now()
        row_type = _ROWS[type(record)]
        row = row_type(created_at=now)
        if hasattr(row_type, "updated_at"):
            row.updated_at = now
        copy_to_row(record, row)
        self._session.add(row)

    def save(self, record) -> None:
        if isinstance(record, DisciplineRecord):
            event = self._session.get(ConductEventRow, record.id)
            if event is not None:
                if record.kind is DisciplineKind.WRITTEN_REMINDER:
                    _reminder_row(record, event)
                    return
                self._session.delete(event)        # a reminder turned into a reprimand or warning
                self._session.flush()
                self.add(record)
                return
            if record.kind is DisciplineKind.WRITTEN_REMINDER:
                self._session.delete(self._session.get(DisciplineRecordRow, record.id))
                self._session.flush()
                self.add(record)
                return
        row = self._session.get(_ROWS[type(record)], record.id)
        copy_to_row(record, row)
        if hasattr(row, "updated_at"):
            row.updated_at = self._now()

    def delete(self, kind: RecordKind, record_id: str) -> None:
        cls = _TYPES[kind]
        row = self._session.get(_ROWS[cls], record_id)
        if row is None and kind is RecordKind.DISCIPLINE:
            row = self._session.get(ConductEventRow, record_id)
        if row is not None:
            self._session.delete(row)

    # --- training courses -------------------------------------------------------------------

    def course(self, course_id: str) -> TrainingCourse | None:
        row = self._session.get(TrainingCourseRow, course_id)
        return to_domain(row, TrainingCourse) if row else None

    def courses(self, unit_code: str | None = None, course_ids: Iterable[str] | None = None) -> list[TrainingCourse]:
        query = select(TrainingCourseRow).order_by(TrainingCourseRow.starts_on, TrainingCourseRow.name)
        if unit_code:
            query = query.where(TrainingCourseRow.unit_code == unit_code)
        if course_ids is not None:
            query = query.where(TrainingCourseRow.id.in_(list(course_ids)))
        return [to_domain(row, TrainingCourse) for row in self._session.execute(query).scalars()]

    def add_course(self, course: TrainingCourse) -> None:
        now = self._now()
        row = TrainingCourseRow(created_at=now, updated_at=now)
        copy_to_row(course, row)
        self._session.add(row)

    def save_course(self, course: TrainingCourse) -> None:
        row = self._session.get(TrainingCourseRow, course.id)
        copy_to_row(course, row)
        row.updated_at = self._now()

    def delete_course(self, course_id: str) -> None:
        self._session.execute(delete(TrainingAttendanceRow).where(TrainingAttendanceRow.course_id == course_id))
        row = self._session.get(TrainingCourseRow, course_id)
        if row is not None:
            self._session.delete(row)

    def attendances(self, *, course_id: str | None = None, unit_code: str | None = None) -> list[TrainingAttendance]:
        query = select(TrainingAttendanceRow)
        if course_id:
            query = query.where(TrainingAttendanceRow.course_id == course_id)
        if unit_code:
            query = query.where(TrainingAttendanceRow.unit_code == unit_code)
        return [to_domain(row, TrainingAttendance) for row in self._session.execute(query).scalars()]

    def attendance(self, course_id: str, member_id: str) -> TrainingAttendance | None:
        row = self._session.execute(select(TrainingAttendanceRow).where(
            TrainingAttendanceRow.course_id == course_id, TrainingAttendanceRow.member_id == member_id)
        ).scalar_one_or_none()
        return to_domain(row, TrainingAttendance) if row else None

    # --- attachments ------------------------------------------------------------------------

    def attachments(self, record_ids: Iterable[str]) -> list[Attachment]:
        ids = list(record_ids)
        if not ids:
            return []
        rows = self._session.execute(
            select(RecordAttachmentRow.id, RecordAttachmentRow.unit_code, RecordAttachmentRow.record_kind,
                   RecordAttachmentRow.record_id, RecordAttachmentRow.member_id, RecordAttachmentRow.file_name,
                   RecordAttachmentRow.media_type, RecordAttachmentRow.size_bytes, RecordAttachmentRow.sha256)
            .where(RecordAttachmentRow.record_id.in_(ids)).order_by(RecordAttachmentRow.created_at))
        return [Attachment(r.id, r.unit_code, RecordKind(r.record_kind), r.record_id, r.member_id,
                           r.file_name, r.media_type, r.size_bytes, r.sha256) for r in rows]

    def attachment(self, attachment_id: str) -> Attachment | None:
        row = self._session.get(RecordAttachmentRow, attachment_id)
        if row is None:
            return None
        return Attachment(row.id, row.unit_code, RecordKind(row.record_kind), row.record_id, row.member_id,
                          row.file_name, row.media_type, row.size_bytes, row.sha256)

    def attachment_content(self, attachment_id: str) -> bytes | None:
        return self._session.execute(select(RecordAttachmentRow.content).where(
            RecordAttachmentRow.id == attachment_id)).scalar_one_or_none()

    def add_attachment(self, attachment: Attachment, content: bytes) -> None:
        row = RecordAttachmentRow(created_at=self._now(), content=content)
        copy_to_row(attachment, row)
        self._session.add(row)

    def delete_attachment(self, attachment_id: str) -> None:
        row = self._session.get(RecordAttachmentRow, attachment_id)
        if row is not None:
            self._session.delete(row)

    def delete_attachments_of(self, record_ids: Iterable[str]) -> None:
        ids = list(record_ids)
        if ids:
            self._session.execute(delete(RecordAttachmentRow).where(RecordAttachmentRow.record_id.in_(ids)))

    # --- BM1 facts --------------------------------------------------------------------------

    def member_facts(self, unit_code: str | None = None) -> dict[str, list[MemberFacts]]:
        """Members by unit code (one unit, or every unit when None)."""
        query = select(MemberRow.unit_code, MemberRow.id, MemberRow.full_name, MemberRow.gender, MemberRow.status,
                       MemberRow.birth_date, MemberRow.birth_year, MemberRow.education_level, MemberRow.ethnicity,
                       MemberRow.joined_on, MemberRow.left_on)
        if unit_code:
            query = query.where(MemberRow.unit_code == unit_code)
        grouped: dict[str, list[MemberFacts]] = {}
        for r in self._session.execute(query):
            grouped.setdefault(r.unit_code, []).append(MemberFacts(
                r.id, r.full_name, Gender(r.gender), MemberStatus(r.status), r.birth_date, r.birth_year,
                EducationLevel(r.education_level) if r.education_level else None, r.ethnicity or "",
                r.joined_on, r.left_on))
        return grouped

    def placements(self, unit_code: str | None = None) -> dict[str, list[PlacementFacts]]:
        query = select(AssignmentRow.unit_code, AssignmentRow.member_id, AssignmentRow.team_id,
                       AssignmentRow.started_on, AssignmentRow.ended_on)
        if unit_code:
            query = query.where(AssignmentRow.unit_code == unit_code)
        grouped: dict[str, list[PlacementFacts]] = {}
        for r in self._session.execute(query):
            grouped.setdefault(r.unit_code, []).append(PlacementFacts(r.member_id, r.team_id, r.started_on, r.ended_on))
        return grouped

    # --- submitted reports ------------------------------------------------------------------

    def add_submitted(self, report: StoredReport) -> None:
        row = SubmittedReportRow(rows=[dict(line) for line in report.rows])
        copy_to_row(report, row, skip=("rows",))
        self._session.add(row)

    def submitted(self, unit_code: str, kind: str) -> list[StoredReport]:
        rows = self._session.execute(
            select(SubmittedReportRow).where(SubmittedReportRow.unit_code == unit_code,
                                             SubmittedReportRow.kind == kind)
            .order_by(SubmittedReportRow.period_last)).scalars()
        return [_stored(row) for row in rows]

    def last_submitted_before(self, unit_code: str, kind: str, day: date) -> StoredReport | None:
        """The submitted report with the latest end on or before `day`."""
        row = self._session.execute(
            select(SubmittedReportRow).where(SubmittedReportRow.unit_code == unit_code,
                                             SubmittedReportRow.kind == kind,
                                             SubmittedReportRow.period_last <= day)
            .order_by(SubmittedReportRow.period_last.desc()).limit(1)).scalar_one_or_none()
        return _stored(row) if row is not None else None

    # --- annual report texts ----------------------------------------------------------------

    def annual_texts(self, unit_code: str, year: int) -> dict | None:
        row = self._session.execute(select(AnnualReportTextRow).where(
            AnnualReportTextRow.unit_code == unit_code, AnnualReportTextRow.year == year)).scalar_one_or_none()
        return dict(row.sections) if row else None

    def set_annual_texts(self, unit_code: str, year: int, sections: dict) -> None:
        row = self._session.execute(select(AnnualReportTextRow).where(
            AnnualReportTextRow.unit_code == unit_code, AnnualReportTextRow.year == year)).scalar_one_or_none()
        if row is None:
            row = AnnualReportTextRow(unit_code=unit_code, year=year)
            self._session.add(row)
        row.sections = dict(sections)
        row.updated_at = self._now()


def _stored(row: SubmittedReportRow) -> StoredReport:
    return to_domain(row, StoredReport, rows=tuple(dict(line) for line in row.rows or ()))


def _reminder(event: ConductEventRow) -> DisciplineRecord:
    return DisciplineRecord(
        id=event.id, unit_code=event.unit_code, member_id=event.member_id,
        kind=DisciplineKind.WRITTEN_REMINDER, decided_on=event.occurred_on, reason=event.description or "",
        document_number=event.reference or "", document_on=event.occurred_on, document_issuer="")


def _reminder_row(record: DisciplineRecord, row: ConductEventRow) -> ConductEventRow:
    row.id = record.id
    row.unit_code = record.unit_code
    row.member_id = record.member_id
    row.kind = _REMINDER
    row.occurred_on = record.decided_on
    row.reference = record.document_number
    row.description = "\n".join(part for part in (record.reason, record.note) if part)
    row.recorded_by = row.recorded_by or ""
    return row
