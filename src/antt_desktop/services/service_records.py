"""Service records of members: add, change, remove, attach evidence, list per member or team.

One unit of work and one audit event per write; every write needs Permission.EDIT_RECORDS.
"""

from __future__ import annotations

import hashlib
import mimetypes
import uuid
from dataclasses import dataclass, field, replace
from pathlib import Path

from antt_desktop.domain import vn_text
from antt_desktop.domain.access import Permission
from antt_desktop.domain.audit_trail import ExportKind
from antt_desktop.domain.organisation import RecordNotFound
from antt_desktop.domain.service_records import (
    ATTACHMENT_LIMIT_BYTES,
    AlreadyAttending,
    AnnualEvaluation,
    Attachment,
    AttachmentEmpty,
    AttachmentTooLarge,
    Commendation,
    DuplicateEvaluation,
    EquipmentMovement,
    RecordKind,
    ServiceRecordNotFound,
    TrainingAttendance,
    TrainingCourse,
    check_equipment_return,
    kind_of,
    record_date,
    validate_record,
)
from antt_desktop.domain.units import UnitNotSetUp
from antt_desktop.services.audit import log_export
from antt_desktop.services.context import ServiceContext


@dataclass(frozen=True, slots=True)
class RecordLine:
    """A record as a list shows it: with the member, the course (training) and its attachments."""

    record: object
    member_name: str = ""
    team_name: str = ""
    course: TrainingCourse | None = None
    attachments: tuple[Attachment, ...] = ()

    @property
    def kind(self) -> RecordKind:
        return kind_of(self.record)


@dataclass(frozen=True, slots=True)
class CourseLine:
    course: TrainingCourse
    attendees: tuple[tuple[TrainingAttendance, str], ...] = field(default_factory=tuple)   # (attendance, name)


class ServiceRecordService:
    def __init__(self, context: ServiceContext) -> None:
        self._context = context

    # --- reading ------------------------------------------------------------------------------

    def member_records(self, member_id: str, kind: RecordKind | None = None) -> dict[RecordKind, list[RecordLine]]:
        """Every record of a member by kind (or of one kind), newest first."""
        with self._context.new_uow() as uow:
            member = uow.members.get(member_id)
            if member is None:
                raise RecordNotFound("member", member_id)
            kinds = [kind] if kind else list(RecordKind)
            return {k: self._lines(uow, uow.service_records.for_members(k, [member_id]),
                                   {member_id: member.full_name}, {}) for k in kinds}

    def team_records(self, team_id: str, kind: RecordKind) -> list[RecordLine]:
        """Records of one kind of the team's current members (and, for commendations, of the team)."""
        with self._context.new_uow() as uow:
            team = uow.teams.get(team_id)
            if team is None:
                raise RecordNotFound("team", team_id)
            member_ids = [a.member_id for a in uow.assignments.open_for_team(team_id)]
            names = {i: m.full_name for i, m in uow.members.many(member_ids).items()}
            records = uow.service_records.for_members(kind, member_ids)
            if kind is RecordKind.COMMENDATION:
                records += [c for c in uow.service_records.for_unit(kind, team.unit_code)
                            if c.team_id == team_id and c.member_id is None]
            return self._lines(uow, records, names, {i: team.name for i in member_ids})

    def unit_records(self, kind: RecordKind, unit_code: str | None = None) -> list[RecordLine]:
        with self._context.new_uow() as uow:
            records = uow.service_records.for_unit(kind, unit_code)
            member_ids = {r.member_id for r in records if getattr(r, "member_id", None)}
            names = {i: m.full_name for i, m in uow.members.many(member_ids).items()}
            return self._lines(uow, records, names, {})

    def _lines(self, uow, records, names: dict[str, str], teams: dict[str, str]) -> list[RecordLine]:
        courses = {}
        course_ids = {r.course_id for r in records if isinstance(r, TrainingAttendance)}
        if course_ids:
            courses = {c.id: c for c in uow.service_records.courses(course_ids=course_ids)}
        attachments: dict[str, list[Attachment]] = {}
        for attachment in uow.service_records.attachments([r.id for r in records]):
            attachments.setdefault(attachment.record_id, []).append(attachment)
        lines = []
        for record in records:
            member_id = getattr(record, "member_id", None) or ""
            course = courses.get(record.course_id) if isinstance(record, TrainingAttendance) else None
            lines.append(RecordLine(record, names.get(member_id, getattr(record, "recipient_name", "")),
                                    teams.get(member_id, ""), course, tuple(attachments.get(record.id, ()))))

        def newest_first(line: RecordLine):
            day = line.course.starts_on if line.course else record_date(line.record)
            return (-(day.toordinal() if day else 0), vn_text.name_sort_key(line.member_name))

        return sorted(lines, key=newest_first)

    def courses(self, unit_code: str | None = None) -> list[CourseLine]:
        """Training courses, newest first, with who attended."""
        with self._context.new_uow() as uow:
            courses = uow.service_records.courses(unit_code)
            lines = []
            for course in sorted(courses, key=lambda c: c.starts_on, reverse=True):
                attendances = uow.service_records.attendances(course_id=course.id)
                names = {i: m.full_name for i, m in uow.members.many([a.member_id for a in attendances]).items()}
                attendees = sorted(((a, names.get(a.member_id, "")) for a in attendances),
                                   key=lambda pair: vn_text.name_sort_key(pair[1]))
                lines.append(CourseLine(course, tuple(attendees)))
            return lines

    def get(self, kind: RecordKind, record_id: str):
        with self._context.new_uow() as uow:
            record = uow.service_records.get(kind, record_id)
        if record is None:
            raise ServiceRecordNotFound(kind.value, record_id)
        return record

    # --- writing ------------------------------------------------------------------------------

    def save(self, record):
        """Create the record (when its id is empty) or change it; returns what was stored."""
        self._context.require(Permission.EDIT_RECORDS)
        kind = kind_of(record)
        with self._context.new_uow() as uow:
            before = uow.service_records.get(kind, record.id) if record.id else None
            if record.id and before is None:
                raise ServiceRecordNotFound(kind.value, record.id)
            unit_code = self._unit_code_for(uow, record, before)
            candidate = replace(record, id=record.id or str(uuid.uuid4()), unit_code=unit_code)
            if before is not None and getattr(before, "member_id", None):
                candidate = replace(candidate, member_id=before.member_id)
            cleaned = validate_record(candidate, self._context.today())
            self._check_against_others(uow, cleaned)
            if before is None:
                uow.service_records.add(cleaned)
            elif before == cleaned:
                return before
            else:
                uow.service_records.save(cleaned)
            uow.audit.record(self._context.actor, f"record.{'updated' if before else 'created'}",
                             kind.value, cleaned.id, cleaned.unit_code, before=before, after=cleaned)
            uow.commit()
        return cleaned

    def remove(self, kind: RecordKind, record_id: str) -> None:
        self._context.require(Permission.EDIT_RECORDS)
        with self._context.new_uow() as uow:
            before = uow.service_records.get(kind, record_id)
            if before is None:
                raise ServiceRecordNotFound(kind.value, record_id)
            uow.service_records.delete_attachments_of([record_id])
            uow.service_records.delete(kind, record_id)
            uow.audit.record(self._context.actor, "record.removed", kind.value, record_id,
                             before.unit_code, before=before)
            uow.commit()

    def save_course(self, course: TrainingCourse) -> TrainingCourse:
        """Create (empty id) or change a training course, class, drill or contest."""
        self._context.require(Permission.EDIT_RECORDS)
        with self._context.new_uow() as uow:
            before = self._course_or_fail(uow, course.id) if course.id else None
            cleaned = self._new_course(uow, course, before)
            if before == cleaned:
                return before
            if before is None:
                uow.service_records.add_course(cleaned)
            else:
                uow.service_records.save_course(cleaned)
            uow.audit.record(self._context.actor, f"course.{'updated' if before else 'created'}", "course",
                             cleaned.id, cleaned.unit_code, before=before, after=cleaned)
            uow.commit()
        return cleaned

    def remove_course(self, course_id: str) -> None:
        self._context.require(Permission.EDIT_RECORDS)
        with self._context.new_uow() as uow:
            before = self._course_or_fail(uow, course_id)
            attendances = uow.service_records.attendances(course_id=course_id)
            uow.service_records.delete_attachments_of([course_id] + [a.id for a in attendances])
            uow.service_records.delete_course(course_id)
            uow.audit.record(self._context.actor, "course.removed", "course", course_id, before.unit_code,
                             before={"course": before, "attendances": len(attendances)})
            uow.commit()

    def record_training(self, member_ids: list[str], course: TrainingCourse, result: str = "") -> TrainingCourse:
        """Who attended a course: the course is created first when its id is empty. One transaction."""
        self._context.require(Permission.EDIT_RECORDS)
        with self._context.new_uow() as uow:
            if course.id:
                stored = self._course_or_fail(uow, course.id)
            else:
                stored = self._new_course(uow, course, None)
                uow.service_records.add_course(stored)
                uow.audit.record(self._context.actor, "course.created", "course", stored.id,
                                 stored.unit_code, after=stored)
            members = uow.members.many(member_ids)
            for member_id in member_ids:
                member = members.get(member_id)
                if member is None:
                    raise RecordNotFound("member", member_id)
                if uow.service_records.attendance(stored.id, member_id) is not None:
                    raise AlreadyAttending(member.full_name, stored.name)
                attendance = validate_record(TrainingAttendance(
                    id=str(uuid.uuid4()), unit_code=member.unit_code, course_id=stored.id,
                    member_id=member_id, result=result), self._context.today())
                uow.service_records.add(attendance)
                uow.audit.record(self._context.actor, "record.created", RecordKind.TRAINING.value,
                                 attendance.id, attendance.unit_code, after=attendance)
            uow.commit()
        return stored

    def attach(self, kind: RecordKind, record_id: str, file_name: str, content: bytes,
               media_type: str | None = None) -> Attachment:
        """Keep a scanned document with the record (inside the database, so packages carry it)."""
        self._context.require(Permission.EDIT_RECORDS)
        name = vn_text.normalize_text(Path(file_name).name) or "tep-dinh-kem"
        if not content:
            raise AttachmentEmpty(name)
        if len(content) > ATTACHMENT_LIMIT_BYTES:
            raise AttachmentTooLarge(name, len(content), ATTACHMENT_LIMIT_BYTES)
        with self._context.new_uow() as uow:
            record = (self._course_or_fail(uow, record_id) if kind is RecordKind.TRAINING
                      and uow.service_records.course(record_id) else uow.service_records.get(kind, record_id))
            if record is None:
                raise ServiceRecordNotFound(kind.value, record_id)
            attachment = Attachment(
                id=str(uuid.uuid4()), unit_code=record.unit_code, record_kind=kind, record_id=record_id,
                member_id=getattr(record, "member_id", None), file_name=name,
                media_type=media_type or mimetypes.guess_type(name)[0] or "application/octet-stream",
                size_bytes=len(content), sha256=hashlib.sha256(content).hexdigest())
            uow.service_records.add_attachment(attachment, content)
            uow.audit.record(self._context.actor, "record.attachment_added", kind.value, record_id,
                             record.unit_code, after=attachment)
            uow.commit()
        return attachment

    def attach_file(self, kind: RecordKind, record_id: str, path: Path) -> Attachment:
        return self.attach(kind, record_id, path.name, Path(path).read_bytes())

    def remove_attachment(self, attachment_id: str) -> None:
        self._context.require(Permission.EDIT_RECORDS)
        with self._context.new_uow() as uow:
            before = uow.service_records.attachment(attachment_id)
            if before is None:
                raise ServiceRecordNotFound("attachment", attachment_id)
            uow.service_records.delete_attachment(attachment_id)
            uow.audit.record(self._context.actor, "record.attachment_removed", before.record_kind.value,
                             before.record_id, before.unit_code, before=before)
            uow.commit()

    def attachment_content(self, attachment_id: str) -> tuple[Attachment, bytes]:
        with self._context.new_uow() as uow:
            attachment = uow.service_records.attachment(attachment_id)
            content = uow.service_records.attachment_content(attachment_id)
        if attachment is None or content is None:
            raise ServiceRecordNotFound("attachment", attachment_id)
        return attachment, content

    def save_attachment_as(self, attachment_id: str, path: Path) -> Path:
        """Write a copy of the evidence to a file (it may show personal data)."""
        self._context.require(Permission.EXPORT_PERSONAL_DATA)
        attachment, content = self.attachment_content(attachment_id)
        path = Path(path)
        temporary = path.with_name(path.name + ".tmp")
        temporary.write_bytes(content)
        temporary.replace(path)
        log_export(self._context, ExportKind.ATTACHMENT, 1 if attachment.member_id else 0, path,
                   entity=attachment.record_kind.value, entity_id=attachment.record_id, file=attachment.file_name)
        return path

    # --- helpers ------------------------------------------------------------------------------

    def _unit_code_for(self, uow, record, before) -> str:
        if before is not None:
            return before.unit_code
        member_id = getattr(record, "member_id", None)
        if member_id:
            member = uow.members.get(member_id)
            if member is None:
                raise RecordNotFound("member", member_id)
            return member.unit_code
        if isinstance(record, Commendation) and record.team_id:
            team = uow.teams.get(record.team_id)
            if team is None:
                raise RecordNotFound("team", record.team_id)
            return team.unit_code
        unit = uow.units.own()
        if unit is None:
            raise UnitNotSetUp()
        return unit.code

    def _check_against_others(self, uow, record) -> None:
        if isinstance(record, AnnualEvaluation):
            for other in uow.service_records.for_members(RecordKind.EVALUATION, [record.member_id]):
                if other.year == record.year and other.id != record.id:
                    raise DuplicateEvaluation(uow.members.get(record.member_id).full_name, record.year)
        elif isinstance(record, EquipmentMovement):
            check_equipment_return(uow.service_records.for_members(RecordKind.EQUIPMENT, [record.member_id]), record)
        elif isinstance(record, TrainingAttendance):
            if uow.service_records.course(record.course_id) is None:
                raise ServiceRecordNotFound("course", record.course_id)

    def _course_or_fail(self, uow, course_id: str) -> TrainingCourse:
        course = uow.service_records.course(course_id)
        if course is None:
            raise ServiceRecordNotFound("course", course_id)
        return course

    def _new_course(self, uow, course: TrainingCourse, before: TrainingCourse | None) -> TrainingCourse:
        if before is not None:
            unit_code = before.unit_code
        else:
            unit = uow.units.own()
            if unit is None:
                raise UnitNotSetUp()
            unit_code = course.unit_code or unit.code
        return validate_record(replace(course, id=course.id or str(uuid.uuid4()), unit_code=unit_code),
                               self._context.today())
