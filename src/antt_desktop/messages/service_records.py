"""Vietnamese sentences for service records, BM1 and the annual report (issue #11)."""

from __future__ import annotations

from antt_desktop.domain import bm1, service_records as records
from antt_desktop.domain.dates import format_vn_date
from antt_desktop.domain.money import format_dong
from antt_desktop.domain.people import PRIOR_FORCE_LABELS
from antt_desktop.messages import describe, phrases
from antt_desktop.services import bm1 as bm1_service

FIELD_LABELS = {
    "member_id": "Thành viên", "course_id": "Lớp", "team_id": "Tổ", "name": "Tên lớp, nội dung",
    "kind": "Loại", "starts_on": "Từ ngày", "ends_on": "Đến ngày", "organiser": "Đơn vị tổ chức",
    "uses_ministry_materials": "Theo tài liệu của Bộ", "location": "Địa điểm",
    "document_number": "Số văn bản", "document_on": "Ngày văn bản", "document_issuer": "Cơ quan ban hành",
    "note": "Ghi chú", "result": "Kết quả", "scope": "Đối tượng", "form": "Hình thức",
    "awarded_on": "Ngày khen thưởng", "title": "Thành tích, nội dung", "recipient_name": "Tập thể được khen",
    "decided_on": "Ngày", "reason": "Lý do", "year": "Năm", "grade": "Mức xếp loại",
    "occurred_on": "Ngày xảy ra", "description": "Diễn biến", "has_bhyt": "Có BHYT", "has_bhxh": "Có BHXH",
    "incapacity_percent": "Tỷ lệ suy giảm khả năng lao động (%)", "support_dong": "Số tiền hỗ trợ (đồng)",
    "direction": "Cấp phát / thu hồi", "item": "Tên trang phục, trang bị", "quantity": "Số lượng",
    "ended_on": "Đến ngày", "moved_on": "Ngày", "number": "Số giấy chứng nhận", "issued_on": "Ngày cấp", "valid_until": "Có giá trị đến",
    "tools": "Loại công cụ hỗ trợ", "force": "Lực lượng", "started_on": "Từ ngày", "settlement_dong":
    "Trợ cấp một lần (đồng)", "settlement_on": "Ngày nhận trợ cấp", "left_on": "Ngày thôi tham gia",
}
KIND_NAMES = {kind.value: label.lower() for kind, label in records.RECORD_KIND_LABELS.items()}
KIND_NAMES.update({"course": "lớp bồi dưỡng, huấn luyện", "attachment": "tệp đính kèm"})


def field_label(name: str) -> str:
    return FIELD_LABELS.get(name, name)


@phrases(records.RecordInvalid)
def _(e):
    return " ".join(f"{field_label(p.field)}: {describe(p.error)}" for p in e.problems)


@phrases(records.FieldRequired)
def _(e):
    return "chưa nhập."


@phrases(records.DatesReversed)
def _(e):
    return (f"ngày {format_vn_date(e.later)} ở trước «{field_label(e.earlier_field)}» "
            f"({format_vn_date(e.earlier)}).")


@phrases(records.NotPositive)
def _(e):
    return f"phải lớn hơn 0 (đang là {e.value})." if e.field == "quantity" else f"không được âm ({e.value})."


@phrases(records.OutOfRange)
def _(e):
    return f"{e.value} nằm ngoài khoảng cho phép {e.low}–{e.high}."


@phrases(records.NotAFormerForce)
def _(e):
    return "chọn Bảo vệ dân phố, Công an xã bán chuyên trách, Đội trưởng hoặc Đội phó dân phòng."


@phrases(records.ServiceRecordNotFound)
def _(e):
    return f"Không tìm thấy {KIND_NAMES.get(e.kind, e.kind)} có mã {e.record_id}."


@phrases(records.DuplicateEvaluation)
def _(e):
    return f"{e.member_name} đã có kết quả đánh giá, xếp loại năm {e.year}; hãy sửa bản ghi đã có."


@phrases(records.AlreadyAttending)
def _(e):
    return f"{e.member_name} đã có tên trong lớp «{e.course_name}»."


@phrases(records.ReturnExceedsIssued)
def _(e):
    returned = f", đã thu hồi {e.already_returned}" if e.already_returned else ""
    return f"Không thể thu hồi {e.quantity} «{e.item}»: thành viên được cấp {e.issued}{returned}."


@phrases(records.CommendationRecipientMissing)
def _(e):
    if e.scope is records.CommendationScope.INDIVIDUAL:
        return "khen thưởng cá nhân cần chọn thành viên."
    return "khen thưởng tập thể cần chọn tổ hoặc nhập tên tập thể."


@phrases(records.AttachmentTooLarge)
def _(e):
    return (f"Tệp «{e.file_name}» quá lớn ({e.size_bytes / 1048576:.1f} MB); chỉ đính kèm tệp đến "
            f"{e.limit_bytes // 1048576} MB (hãy quét ở độ phân giải thấp hơn).")


@phrases(records.AttachmentEmpty)
def _(e):
    return f"Tệp «{e.file_name}» rỗng, không đính kèm."


@phrases(records.UnknownRecordField)
def _(e):
    return f"Không có trường «{e.names}» cho loại hồ sơ này. Các trường: {e.allowed}."


@phrases(records.BadFieldValue)
def _(e):
    allowed = f" (chọn một trong: {e.allowed})" if e.allowed else ""
    return f"{field_label(e.field)}: giá trị «{e.text}» không hợp lệ{allowed}."


@phrases(bm1.PeriodReversed)
def _(e):
    return (f"Kỳ báo cáo không hợp lệ: ngày kết thúc {format_vn_date(e.last)} ở trước ngày bắt đầu "
            f"{format_vn_date(e.first)}.")


@phrases(bm1.PeriodIncomplete)
def _(e):
    return "Cần nhập cả ngày bắt đầu (--from) và ngày kết thúc (--to) của kỳ báo cáo."


@phrases(bm1.PeriodNotEnded)
def _(e):
    return (f"Kỳ báo cáo kết thúc ngày {format_vn_date(e.last)}, chưa qua (hôm nay {format_vn_date(e.today)}); "
            "chỉ đánh dấu đã nộp khi kỳ đã kết thúc.")


@phrases(bm1_service.ReportHasBreaks)
def _(e):
    return (f"Báo cáo còn {e.count} chỗ số liệu không khớp; hãy xem danh sách thành viên liên quan và sửa "
            "trước khi nộp (hoặc xác nhận nộp dù còn sai lệch).")


@phrases(bm1_service.SubmittedPeriodOverlaps)
def _(e):
    return (f"Đã nộp báo cáo kỳ {format_vn_date(e.first)} – {format_vn_date(e.last)}, trùng hoặc sau kỳ này; "
            "báo cáo đã nộp được giữ nguyên, không nộp lại.")


@phrases(bm1_service.UnsupportedOutput)
def _(e):
    return f"Không ghi được «{e.path}»: chỉ hỗ trợ tệp {e.expected}."


# --- BM1 checks and notes (not errors: shown beside the figures) -------------------------------

BREAK_TITLES = {
    bm1.BreakKind.GENDER: "Nam + Nữ khác số thành viên thực tế hiện có",
    bm1.BreakKind.AGE: "Dưới 70 + Từ 70 trở lên khác số thành viên thực tế hiện có",
    bm1.BreakKind.EDUCATION: "Tổng các cột trình độ khác số thành viên thực tế hiện có",
    bm1.BreakKind.MOVEMENT: "Kỳ trước − thôi tham gia + tuyển mới khác số thành viên thực tế hiện có",
}
CAUSE_TEXTS = {
    bm1.BreakCause.UNKNOWN_EDUCATION: "chưa rõ trình độ học vấn",
    bm1.BreakCause.BELOW_PRIMARY: "chưa tốt nghiệp tiểu học (không có cột trên biểu mẫu)",
    bm1.BreakCause.UNKNOWN_AGE: "chưa có ngày/năm sinh",
    bm1.BreakCause.NOT_IN_PREVIOUS: "có ở cuối kỳ nhưng không có trong báo cáo kỳ trước và không tuyển mới trong kỳ",
    bm1.BreakCause.MISSING_AT_END: "có trong báo cáo kỳ trước, không thôi tham gia trong kỳ nhưng không còn ở cuối kỳ",
    bm1.BreakCause.LEFT_NOT_IN_PREVIOUS: "thôi tham gia trong kỳ nhưng không có trong báo cáo kỳ trước",
    bm1.BreakCause.JOINED_ALREADY_IN_PREVIOUS: "tuyển mới trong kỳ nhưng đã có trong báo cáo kỳ trước",
    bm1.BreakCause.LEFT_WITHOUT_DATE: "đã thôi tham gia nhưng chưa có ngày thôi",
    bm1.BreakCause.LEFT_BEFORE_JOINED: "ngày thôi tham gia ở trước ngày tham gia",
    bm1.BreakCause.UNKNOWN_PEOPLE: "báo cáo kỳ trước không lưu danh sách thành viên",
}
BUCKET_LABELS = {
    bm1.BucketKind.UNKNOWN_EDUCATION: "Chưa rõ trình độ",
    bm1.BucketKind.BELOW_PRIMARY: "Chưa tốt nghiệp tiểu học",
    bm1.BucketKind.UNKNOWN_AGE: "Chưa rõ tuổi",
}


def describe_break(item: bm1.Bm1Break) -> str:
    return f"{item.unit_name}: {BREAK_TITLES[item.kind]} (cần {item.expected}, có {item.actual})."


def describe_cause(cause: bm1.BreakCause) -> str:
    return CAUSE_TEXTS[cause]


def describe_note(note: bm1.Bm1Note) -> str:
    day = format_vn_date(note.day) if note.day else ""
    if note.kind is bm1.NoteKind.PREVIOUS_COMPUTED:
        return (f"{note.unit_name}: chưa có báo cáo kỳ trước đã nộp; số kỳ trước ({note.count}) tính theo "
                f"ngày tham gia/thôi tham gia đến hết ngày {day}.")
    if note.kind is bm1.NoteKind.PREVIOUS_NOT_ADJACENT:
        return (f"{note.unit_name}: báo cáo đã nộp gần nhất kết thúc ngày {day}, không liền kề kỳ này; "
                "biến động ở giữa hai kỳ sẽ làm số liệu không khớp.")
    if note.kind is bm1.NoteKind.QUOTA_UNKNOWN:
        return (f"{note.unit_name}: {note.count} tổ chưa xác định số thành viên theo quyết định "
                f"({', '.join(note.names[:5])}{'…' if len(note.names) > 5 else ''}); cột 2 chưa tính các tổ này.")
    if note.kind is bm1.NoteKind.JOIN_DATE_MISSING:
        return (f"{note.unit_name}: {note.count} thành viên chưa có ngày tham gia, được coi là đã tham gia từ "
                f"trước kỳ ({', '.join(note.names[:5])}{'…' if len(note.names) > 5 else ''}).")
    if note.kind is bm1.NoteKind.NOT_IN_OFFICIAL_ORDER:
        return f"{note.unit_name}: không có trong danh mục thứ tự xã, phường của tỉnh; xếp cuối biểu."
    return note.unit_name


def describe_record(record) -> str:
    """One line naming a record, for lists and the command line."""
    day = format_vn_date(records.record_date(record))
    if isinstance(record, records.Commendation):
        text = (f"{records.COMMENDATION_FORM_LABELS[record.form]} "
                f"{records.COMMENDATION_SCOPE_LABELS[record.scope].lower()}")
        return f"{text} {day}: {record.title}".rstrip(": ")
    if isinstance(record, records.DisciplineRecord):
        return f"{records.DISCIPLINE_KIND_LABELS[record.kind]} {day}: {record.reason}".rstrip(": ")
    if isinstance(record, records.AnnualEvaluation):
        return f"Năm {record.year}: {records.EVALUATION_GRADE_LABELS[record.grade]}"
    if isinstance(record, records.DutyIncident):
        insured = ", ".join(x for x, ok in (("có BHYT", record.has_bhyt), ("có BHXH", record.has_bhxh)) if ok)
        return f"{records.INCIDENT_KIND_LABELS[record.kind]} {day}" + (f" ({insured})" if insured else
                                                                         " (không có BHYT, BHXH)")
    if isinstance(record, records.EquipmentMovement):
        return f"{records.EQUIPMENT_DIRECTION_LABELS[record.direction]} {record.quantity} {record.item} {day}"
    if isinstance(record, records.ToolCertificate):
        until = f" đến {format_vn_date(record.valid_until)}" if record.valid_until else ""
        return f"Giấy CN số {record.number} cấp {day}{until}"
    if isinstance(record, records.FormerForceService):
        money = f", trợ cấp {format_dong(record.settlement_dong)}" if record.settlement_dong else ""
        span = " – ".join(format_vn_date(d) for d in (record.started_on, record.ended_on) if d)
        return f"{PRIOR_FORCE_LABELS[record.force]} {span}{money}".strip()
    if isinstance(record, records.LeavingRecord):
        return f"{records.LEAVING_REASON_LABELS[record.reason]} ({day})"
    if isinstance(record, records.TrainingAttendance):
        return f"Tham gia lớp ({record.result})" if record.result else "Tham gia lớp"
    return str(record)
