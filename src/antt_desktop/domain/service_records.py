"""Service records of a member (issue #11): training, commendation, discipline, evaluation,
injury or death on duty, equipment, support-tool certificate, former force, reason for leaving.

Every record names the document behind it (number, date, issuing agency). Records are plain
frozen dataclasses whose field names match the columns of `store/tables.py`;
`validate_record` cleans one and raises `RecordInvalid` listing every wrong field at once.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, replace
from datetime import date
from enum import Enum

from antt_desktop.domain import vn_text
from antt_desktop.domain.dates import DateInFuture
from antt_desktop.domain.errors import DomainError, error_dataclass
from antt_desktop.domain.members import FieldProblem
from antt_desktop.domain.people import PriorForce


class TrainingKind(str, Enum):
    """Bồi dưỡng, huấn luyện, diễn tập, hội thi."""

    COURSE = "boi_duong"
    TRAINING = "huan_luyen"
    DRILL = "dien_tap"
    CONTEST = "hoi_thi"


class CommendationForm(str, Enum):
    CERTIFICATE_OF_MERIT = "bang_khen"     # Bằng khen (Chủ tịch UBND tỉnh, Bộ trưởng…)
    LETTER_OF_PRAISE = "giay_khen"         # Giấy khen (Chủ tịch UBND xã, Giám đốc Công an tỉnh…)
    OTHER = "khac"


class CommendationScope(str, Enum):
    COLLECTIVE = "tap_the"
    INDIVIDUAL = "ca_nhan"


class DisciplineKind(str, Enum):
    WRITTEN_REMINDER = "nhac_nho"          # nhắc nhở bằng văn bản (Điều 17 khoản 3 điểm c)
    REPRIMAND = "khien_trach"
    WARNING = "canh_cao"


class EvaluationGrade(str, Enum):
    EXCELLENT = "hoan_thanh_xuat_sac"
    GOOD = "hoan_thanh_tot"
    DONE = "hoan_thanh"
    NOT_DONE = "khong_hoan_thanh"


class IncidentKind(str, Enum):
    """Bị thương / hy sinh khi làm nhiệm vụ (Điều 24, NĐ 40/2024)."""

    INJURED = "bi_thuong"
    KILLED = "hy_sinh"


class EquipmentDirection(str, Enum):
    ISSUED = "cap_phat"
    RETURNED = "thu_hoi"


class LeavingReason(str, Enum):
    """Why a member left (Luật 30/2023 Điều 17 khoản 3, and death)."""

    RESIGNED = "xin_thoi"                  # điểm a: đơn xin thôi
    HEALTH = "suc_khoe"                    # điểm b: không đủ sức khỏe
    GROUND_C = "diem_c"                    # điểm c: từ chối nhiệm vụ, đã nhắc nhở bằng văn bản
    GROUND_D = "diem_d"                    # điểm d: bị khởi tố, biện pháp ngăn chặn, xử lý hành chính
    DIED_OFF_DUTY = "chet_khong_lam_nhiem_vu"
    DIED_ON_DUTY = "hy_sinh"


class RecordKind(str, Enum):
    """The tabs of the member form, and `antt records --kind`."""

    TRAINING = "training"
    COMMENDATION = "commendation"
    DISCIPLINE = "discipline"
    EVALUATION = "evaluation"
    INCIDENT = "incident"
    EQUIPMENT = "equipment"
    TOOL_CERTIFICATE = "tool_certificate"
    FORMER_FORCE = "former_force"
    LEAVING = "leaving"


TRAINING_KIND_LABELS = {TrainingKind.COURSE: "Bồi dưỡng", TrainingKind.TRAINING: "Huấn luyện",
                        TrainingKind.DRILL: "Diễn tập", TrainingKind.CONTEST: "Hội thi"}
COMMENDATION_FORM_LABELS = {CommendationForm.CERTIFICATE_OF_MERIT: "Bằng khen",
                            CommendationForm.LETTER_OF_PRAISE: "Giấy khen", CommendationForm.OTHER: "Hình thức khác"}
COMMENDATION_SCOPE_LABELS = {CommendationScope.COLLECTIVE: "Tập thể", CommendationScope.INDIVIDUAL: "Cá nhân"}
DISCIPLINE_KIND_LABELS = {DisciplineKind.WRITTEN_REMINDER: "Nhắc nhở bằng văn bản",
                          DisciplineKind.REPRIMAND: "Khiển trách", DisciplineKind.WARNING: "Cảnh cáo"}
EVALUATION_GRADE_LABELS = {
    EvaluationGrade.EXCELLENT: "Hoàn thành xuất sắc nhiệm vụ",
    EvaluationGrade.GOOD: "Hoàn thành tốt nhiệm vụ",
    EvaluationGrade.DONE: "Hoàn thành nhiệm vụ",
    EvaluationGrade.NOT_DONE: "Không hoàn thành nhiệm vụ",
}
INCIDENT_KIND_LABELS = {IncidentKind.INJURED: "Bị thương khi làm nhiệm vụ",
                        IncidentKind.KILLED: "Hy sinh khi làm nhiệm vụ"}
EQUIPMENT_DIRECTION_LABELS = {EquipmentDirection.ISSUED: "Cấp phát", EquipmentDirection.RETURNED: "Thu hồi"}
LEAVING_REASON_LABELS = {
    LeavingReason.RESIGNED: "Xin thôi tham gia (Điều 17 khoản 3 điểm a)",
    LeavingReason.HEALTH: "Không đủ sức khỏe (điểm b)",
    LeavingReason.GROUND_C: "Từ chối, không hoàn thành nhiệm vụ, đã nhắc nhở bằng văn bản (điểm c)",
    LeavingReason.GROUND_D: "Bị khởi tố, áp dụng biện pháp ngăn chặn hoặc xử lý hành chính (điểm d)",
    LeavingReason.DIED_OFF_DUTY: "Chết khi không làm nhiệm vụ",
    LeavingReason.DIED_ON_DUTY: "Hy sinh khi làm nhiệm vụ",
}
RECORD_KIND_LABELS = {
    RecordKind.TRAINING: "Bồi dưỡng, huấn luyện",
    RecordKind.COMMENDATION: "Khen thưởng",
    RecordKind.DISCIPLINE: "Kỷ luật, nhắc nhở",
    RecordKind.EVALUATION: "Đánh giá, xếp loại",
    RecordKind.INCIDENT: "Bị thương, hy sinh",
    RecordKind.EQUIPMENT: "Trang phục, trang bị",
    RecordKind.TOOL_CERTIFICATE: "Giấy CN sử dụng CCHT",
    RecordKind.FORMER_FORCE: "Lực lượng trước đây",
    RecordKind.LEAVING: "Lý do thôi tham gia",
}
# The forces merged by Luật 30/2023 Điều 14 khoản 1; "new" is not a former force.
FORMER_FORCES = tuple(force for force in PriorForce if force is not PriorForce.NEW)


# --- Records ---------------------------------------------------------------------------------
# Each carries the document behind it: document_number ("12/QĐ-UBND"), document_on, document_issuer.


@dataclass(frozen=True, slots=True)
class TrainingCourse:
    """A class, course, drill or contest; members attend it through TrainingAttendance."""

    id: str
    unit_code: str
    kind: TrainingKind
    name: str
    starts_on: date
    ends_on: date | None = None
    organiser: str = ""
    uses_ministry_materials: bool = False     # theo tài liệu của Bộ Công an (BM1 cột 20–21)
    location: str = ""
    document_number: str = ""
    document_on: date | None = None
    document_issuer: str = ""
    note: str = ""

    @property
    def last_day(self) -> date:
        return self.ends_on or self.starts_on


@dataclass(frozen=True, slots=True)
class TrainingAttendance:
    id: str
    unit_code: str
    course_id: str
    member_id: str
    result: str = ""                          # kết quả: đạt / giỏi / …
    note: str = ""


@dataclass(frozen=True, slots=True)
class Commendation:
    """Bằng khen / Giấy khen; `member_id` for an individual, `team_id` or `recipient_name` for a collective."""

    id: str
    unit_code: str
    member_id: str | None
    scope: CommendationScope
    form: CommendationForm
    awarded_on: date
    title: str = ""                           # thành tích, nội dung khen
    team_id: str | None = None
    recipient_name: str = ""
    document_number: str = ""
    document_on: date | None = None
    document_issuer: str = ""
    note: str = ""


@dataclass(frozen=True, slots=True)
class DisciplineRecord:
    id: str
    unit_code: str
    member_id: str
    kind: DisciplineKind
    decided_on: date
    reason: str = ""
    document_number: str = ""
    document_on: date | None = None
    document_issuer: str = ""
    note: str = ""


@dataclass(frozen=True, slots=True)
class AnnualEvaluation:
    id: str
    unit_code: str
    member_id: str
    year: int
    grade: EvaluationGrade
    document_number: str = ""
    document_on: date | None = None
    document_issuer: str = ""
    note: str = ""


@dataclass(frozen=True, slots=True)
class DutyIncident:
    """Injury or death on duty; insurance status decides the regime (Điều 24, NĐ 40/2024)."""

    id: str
    unit_code: str
    member_id: str
    kind: IncidentKind
    occurred_on: date
    description: str = ""
    has_bhyt: bool = False
    has_bhxh: bool = False
    incapacity_percent: int | None = None     # tỷ lệ suy giảm khả năng lao động (Hội đồng GĐYK)
    support_dong: int | None = None           # the support paid under the regime
    document_number: str = ""
    document_on: date | None = None
    document_issuer: str = ""
    note: str = ""


@dataclass(frozen=True, slots=True)
class EquipmentMovement:
    """Uniform, insignia or equipment issued to, or returned by, a member (NĐ 40/2024)."""

    id: str
    unit_code: str
    member_id: str
    direction: EquipmentDirection
    item: str
    quantity: int
    moved_on: date
    document_number: str = ""
    document_on: date | None = None
    document_issuer: str = ""
    note: str = ""


@dataclass(frozen=True, slots=True)
class ToolCertificate:
    """Giấy chứng nhận sử dụng công cụ hỗ trợ."""

    id: str
    unit_code: str
    member_id: str
    number: str
    issued_on: date
    valid_until: date | None = None
    tools: str = ""
    document_issuer: str = ""
    note: str = ""

    def is_valid_on(self, day: date) -> bool:
        return self.issued_on <= day and (self.valid_until is None or day <= self.valid_until)


@dataclass(frozen=True, slots=True)
class FormerForceService:
    """Service in a force merged by Luật 30/2023, and the one-off settlement on leaving it."""

    id: str
    unit_code: str
    member_id: str
    force: PriorForce
    started_on: date | None = None
    ended_on: date | None = None
    settlement_dong: int | None = None        # trợ cấp một lần khi thôi lực lượng cũ
    settlement_on: date | None = None
    document_number: str = ""
    document_on: date | None = None
    document_issuer: str = ""
    note: str = ""


@dataclass(frozen=True, slots=True)
class LeavingRecord:
    id: str
    unit_code: str
    member_id: str
    reason: LeavingReason
    left_on: date
    document_number: str = ""
    document_on: date | None = None
    document_issuer: str = ""
    note: str = ""


@dataclass(frozen=True, slots=True)
class Attachment:
    """A scanned document (evidence) attached to a record; the bytes are fetched apart."""

    id: str
    unit_code: str
    record_kind: RecordKind
    record_id: str
    member_id: str | None
    file_name: str
    media_type: str
    size_bytes: int
    sha256: str


MemberRecord = (TrainingAttendance | Commendation | DisciplineRecord | AnnualEvaluation | DutyIncident
                | EquipmentMovement | ToolCertificate | FormerForceService | LeavingRecord)

RECORD_TYPES: dict[RecordKind, type] = {
    RecordKind.TRAINING: TrainingAttendance,
    RecordKind.COMMENDATION: Commendation,
    RecordKind.DISCIPLINE: DisciplineRecord,
    RecordKind.EVALUATION: AnnualEvaluation,
    RecordKind.INCIDENT: DutyIncident,
    RecordKind.EQUIPMENT: EquipmentMovement,
    RecordKind.TOOL_CERTIFICATE: ToolCertificate,
    RecordKind.FORMER_FORCE: FormerForceService,
    RecordKind.LEAVING: LeavingRecord,
}
KIND_OF_TYPE = {cls: kind for kind, cls in RECORD_TYPES.items()}


def kind_of(record) -> RecordKind:
    return KIND_OF_TYPE[type(record)]


def record_date(record) -> date | None:
    """The date a record is listed and counted by."""
    for name in ("awarded_on", "decided_on", "occurred_on", "moved_on", "issued_on", "left_on",
                 "started_on", "starts_on"):
        if hasattr(record, name):
            return getattr(record, name)
    if isinstance(record, AnnualEvaluation):
        return date(record.year, 12, 31)
    return None


# --- Errors ----------------------------------------------------------------------------------


@error_dataclass
class RecordInvalid(DomainError):
    """One or more fields of a record are wrong; nothing was saved."""

    problems: tuple[FieldProblem, ...]


@error_dataclass
class FieldRequired(DomainError):
    field: str


@error_dataclass
class DatesReversed(DomainError):
    """`later_field` falls before `earlier_field`."""

    earlier_field: str
    earlier: date
    later_field: str
    later: date


@error_dataclass
class NotPositive(DomainError):
    field: str
    value: int


@error_dataclass
class OutOfRange(DomainError):
    field: str
    value: int
    low: int
    high: int


@error_dataclass
class NotAFormerForce(DomainError):
    force: PriorForce


@error_dataclass
class ServiceRecordNotFound(DomainError):
    kind: str            # a RecordKind value, "course" or "attachment"
    record_id: str


@error_dataclass
class DuplicateEvaluation(DomainError):
    member_name: str
    year: int


@error_dataclass
class AlreadyAttending(DomainError):
    member_name: str
    course_name: str


@error_dataclass
class ReturnExceedsIssued(DomainError):
    """A member cannot return more of an item than was issued to him."""

    item: str
    issued: int
    already_returned: int
    quantity: int


@error_dataclass
class CommendationRecipientMissing(DomainError):
    scope: CommendationScope


@error_dataclass
class AttachmentTooLarge(DomainError):
    file_name: str
    size_bytes: int
    limit_bytes: int


@error_dataclass
class AttachmentEmpty(DomainError):
    file_name: str


@error_dataclass
class UnknownRecordField(DomainError):
    """A field name typed on the command line that the record does not have."""

    names: str
    allowed: str


@error_dataclass
class BadFieldValue(DomainError):
    field: str
    text: str
    allowed: str = ""


ATTACHMENT_LIMIT_BYTES = 20 * 1024 * 1024     # a scanned decision; keeps packages movable by USB


# --- Validation ------------------------------------------------------------------------------

_TEXT_FIELDS = ("name", "organiser", "location", "document_number", "document_issuer", "title",
                "recipient_name", "reason", "description", "item", "number", "tools", "result")


def validate_record(record, today: date):
    """Clean text (NFC, spaces) and check a record; raise RecordInvalid with every problem."""
    cleaned = _clean_text(record)
    problems: list[FieldProblem] = []

    def require(*names: str) -> None:
        for name in names:
            value = getattr(cleaned, name)
            if value is None or (isinstance(value, str) and not value):
                problems.append(FieldProblem(name, FieldRequired(name)))

    def not_future(*names: str) -> None:
        for name in names:
            value = getattr(cleaned, name)
            if value is not None and value > today:
                problems.append(FieldProblem(name, DateInFuture(value, today)))

    def ordered(earlier: str, later: str) -> None:
        first, second = getattr(cleaned, earlier), getattr(cleaned, later)
        if first is not None and second is not None and second < first:
            problems.append(FieldProblem(later, DatesReversed(earlier, first, later, second)))

    if hasattr(cleaned, "document_on"):
        not_future("document_on")
    if isinstance(cleaned, TrainingCourse):
        require("name", "starts_on")
        not_future("starts_on")
        ordered("starts_on", "ends_on")
    elif isinstance(cleaned, TrainingAttendance):
        require("course_id", "member_id")
    elif isinstance(cleaned, Commendation):
        require("awarded_on")
        not_future("awarded_on")
        if cleaned.scope is CommendationScope.INDIVIDUAL and not cleaned.member_id:
            problems.append(FieldProblem("member_id", CommendationRecipientMissing(cleaned.scope)))
        if cleaned.scope is CommendationScope.COLLECTIVE and not (cleaned.team_id or cleaned.recipient_name):
            problems.append(FieldProblem("recipient_name", CommendationRecipientMissing(cleaned.scope)))
    elif isinstance(cleaned, DisciplineRecord):
        require("member_id", "decided_on")
        not_future("decided_on")
    elif isinstance(cleaned, AnnualEvaluation):
        require("member_id", "year")
        if cleaned.year is not None and not 2000 <= cleaned.year <= today.year:
            problems.append(FieldProblem("year", OutOfRange("year", cleaned.year, 2000, today.year)))
    elif isinstance(cleaned, DutyIncident):
        require("member_id", "occurred_on")
        not_future("occurred_on")
        if cleaned.incapacity_percent is not None and not 0 <= cleaned.incapacity_percent <= 100:
            problems.append(FieldProblem("incapacity_percent",
                                         OutOfRange("incapacity_percent", cleaned.incapacity_percent, 0, 100)))
        if cleaned.support_dong is not None and cleaned.support_dong < 0:
            problems.append(FieldProblem("support_dong", NotPositive("support_dong", cleaned.support_dong)))
    elif isinstance(cleaned, EquipmentMovement):
        require("member_id", "item", "moved_on")
        not_future("moved_on")
        if cleaned.quantity is None or cleaned.quantity <= 0:
            problems.append(FieldProblem("quantity", NotPositive("quantity", cleaned.quantity or 0)))
    elif isinstance(cleaned, ToolCertificate):
        require("member_id", "number", "issued_on")
        not_future("issued_on")
        ordered("issued_on", "valid_until")
    elif isinstance(cleaned, FormerForceService):
        require("member_id", "force")
        if cleaned.force is PriorForce.NEW:
            problems.append(FieldProblem("force", NotAFormerForce(cleaned.force)))
        not_future("started_on", "ended_on", "settlement_on")
        ordered("started_on", "ended_on")
        if cleaned.settlement_dong is not None and cleaned.settlement_dong < 0:
            problems.append(FieldProblem("settlement_dong", NotPositive("settlement_dong", cleaned.settlement_dong)))
    elif isinstance(cleaned, LeavingRecord):
        require("member_id", "left_on")
        not_future("left_on")
    if problems:
        raise RecordInvalid(tuple(problems))
    return cleaned


def _clean_text(record):
    changes = {}
    for field in dataclasses.fields(record):
        value = getattr(record, field.name)
        if (isinstance(value, str) and not isinstance(value, Enum)
                and field.name not in ("id", "unit_code", "member_id", "course_id", "team_id")):
            changes[field.name] = value.strip() if field.name == "note" else vn_text.normalize_text(value)
    return replace(record, **changes)


def equipment_balance(movements) -> dict[str, int]:
    """Items still held per item name (folded, so «Áo mưa» and «áo mưa» are one item)."""
    held: dict[str, int] = {}
    names: dict[str, str] = {}
    for movement in movements:
        key = vn_text.fold(movement.item)
        names.setdefault(key, movement.item)
        sign = 1 if movement.direction is EquipmentDirection.ISSUED else -1
        held[key] = held.get(key, 0) + sign * movement.quantity
    return {names[key]: count for key, count in held.items()}


def check_equipment_return(existing, movement: EquipmentMovement) -> None:
    """Raise ReturnExceedsIssued when a return takes back more than the member holds."""
    if movement.direction is not EquipmentDirection.RETURNED:
        return
    key = vn_text.fold(movement.item)
    same = [m for m in existing if vn_text.fold(m.item) == key and m.id != movement.id]
    issued = sum(m.quantity for m in same if m.direction is EquipmentDirection.ISSUED)
    returned = sum(m.quantity for m in same if m.direction is EquipmentDirection.RETURNED)
    if returned + movement.quantity > issued:
        raise ReturnExceedsIssued(movement.item, issued, returned, movement.quantity)
