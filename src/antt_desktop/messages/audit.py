"""How audit actions and recorded fields read in Vietnamese (the viewer and its export, issue #8).

An action without a label here shows its code, so a new action is never hidden.
"""

from __future__ import annotations

from typing import Any

from antt_desktop.domain.audit_trail import EXPORT_ACTION, AuditEntry, ExportKind
from antt_desktop.messages.records import FIELD_LABELS

ENTITY_PREFIX_LABELS = {
    "unit": "Đơn vị", "hamlet": "Thôn/tổ dân phố", "team": "Tổ", "member": "Thành viên",
    "members": "Danh sách thành viên", "assignment": "Chức danh", "decision": "Quyết định",
    "certificate": "Giấy chứng nhận", "payroll": "Bảng thanh toán", "insurance": "Bảo hiểm",
    "policy": "Chính sách", "base_salary": "Lương cơ sở", "package": "Gói dữ liệu",
    "reference": "Dữ liệu tham chiếu", "keys": "Khóa", "user": "Tài khoản", "backup": "Sao lưu",
    "database": "Tệp dữ liệu", "audit": "Nhật ký", "personal_data": "Dữ liệu cá nhân",
    "settings": "Cài đặt", "import": "Nhập dữ liệu", "record": "Hồ sơ", "course": "Lớp tập huấn",
    "conduct": "Nhắc nhở", "duty": "Trực", "report": "Báo cáo", "demo": "Dữ liệu mẫu",
}

ACTION_LABELS = {
    "unit.set_up": "Khai báo đơn vị", "unit.updated": "Sửa thông tin đơn vị",
    "unit.policy_chosen": "Chọn nghị quyết áp dụng",
    "hamlet.created": "Thêm thôn/tổ dân phố", "hamlet.updated": "Sửa thôn/tổ dân phố",
    "hamlet.deleted": "Xóa thôn/tổ dân phố",
    "team.created": "Thêm tổ", "team.updated": "Sửa tổ", "team.established": "Thành lập tổ",
    "team.dissolved": "Giải thể tổ",
    "member.created": "Thêm thành viên", "member.updated": "Sửa hồ sơ thành viên",
    "member.photo_changed": "Thay ảnh thành viên", "member.activated": "Thành viên bắt đầu tham gia",
    "member.left": "Thành viên thôi tham gia", "member.rejoining": "Thành viên tham gia lại",
    "members.list_printed": "In danh sách thành viên",
    "assignment.started": "Giao chức danh", "assignment.ended": "Kết thúc chức danh",
    "decision.drafted": "Soạn quyết định", "decision.draft_created": "Soạn quyết định",
    "decision.updated": "Sửa dự thảo quyết định", "decision.issued": "Ban hành quyết định",
    "decision.cancelled": "Hủy dự thảo quyết định", "decision.printed": "In quyết định",
    "decision.proposal_printed": "In tờ trình", "decision.exported_docx": "Xuất quyết định ra Word",
    "certificate.issued": "Cấp giấy chứng nhận", "certificate.printed": "In giấy chứng nhận",
    "certificate.reissued": "Cấp lại giấy chứng nhận", "certificate.revoked": "Thu hồi giấy chứng nhận",
    "payroll.drafted": "Lập bảng thanh toán", "payroll.locked": "Khóa bảng thanh toán",
    "package.exported": "Xuất gói dữ liệu", "package.imported": "Nhập gói dữ liệu",
    "policy.seeded": "Nạp nghị quyết có sẵn", "policy.created": "Thêm nghị quyết",
    "policy.updated": "Sửa nghị quyết",
    "user.created": "Tạo tài khoản", "user.logged_in": "Đăng nhập",
    "user.login_failed": "Đăng nhập không thành công", "user.locked_out": "Tài khoản bị khóa tạm thời",
    "user.unlocked": "Mở khóa tài khoản", "user.password_changed": "Đổi mật khẩu",
    "user.password_reset": "Đặt lại mật khẩu", "user.role_changed": "Đổi vai trò tài khoản",
    "user.enabled": "Cho dùng lại tài khoản", "user.disabled": "Ngừng tài khoản",
    "user.updated": "Sửa tài khoản",
    "settings.accounts_changed": "Đổi cài đặt đăng nhập", "settings.backups_changed": "Đổi cài đặt sao lưu",
    "backup.created": "Sao lưu thủ công", "backup.restored": "Phục hồi từ bản sao lưu",
    "database.recovered": "Khôi phục tệp dữ liệu hỏng",
    "audit.exported": "Xuất nhật ký thao tác", "personal_data.exported": "Xuất/in dữ liệu cá nhân",
    "report.statistics_written": "Xuất thống kê ra Excel",
    # Written by versions before every export became "personal_data.exported" (issue #8):
    "report.periodic_written": "Xuất báo cáo định kỳ", "report.member_list_written": "Xuất danh sách thành viên",
    "aggregate.report_written": "Xuất báo cáo tổng hợp",
    "import.annotated_copy_written": "Ghi bản sao tệp nhập có ghi chú lỗi",
    "annual_report.texts_saved": "Lưu phần lời của báo cáo năm",
    "base_salary.updated": "Sửa bảng lương cơ sở",
    "certificate.key_created": "Tạo khóa ký mã QR giấy chứng nhận",
    "certificate.template_changed": "Đổi mẫu giấy chứng nhận",
    "conduct.recorded": "Ghi sổ nhắc nhở, từ chối nhiệm vụ",
    "course.created": "Thêm lớp bồi dưỡng, huấn luyện", "course.removed": "Xóa lớp bồi dưỡng, huấn luyện",
    "decision.recorded_from_import": "Ghi quyết định kèm danh sách nhập từ Excel",
    "duty.updated": "Sửa sổ trực", "import.applied": "Nhập danh sách từ Excel",
    "import.undone": "Hoàn tác một lần nhập từ Excel", "insurance.updated": "Sửa thông tin bảo hiểm",
    "keys.created": "Tạo cặp khóa của đơn vị", "keys.distrusted": "Thôi tin cậy khóa của đơn vị khác",
    "keys.trusted": "Tin cậy khóa của đơn vị khác", "package.acknowledged": "Nhận biên nhận của cấp trên",
    "payroll.draft_discarded": "Hủy bảng thanh toán nháp",
    "payroll.supplementary_drafted": "Lập bảng truy lĩnh/truy thu",
    "record.attachment_added": "Đính kèm bản quét vào hồ sơ", "record.attachment_removed": "Bỏ bản quét khỏi hồ sơ",
    "record.created": "Ghi quá trình công tác", "record.removed": "Xóa mục quá trình công tác",
    "record.updated": "Sửa mục quá trình công tác",
    "reference.exported": "Xuất gói dữ liệu tham chiếu", "reference.imported": "Nhập gói dữ liệu tham chiếu",
    "report.submitted": "Nộp báo cáo định kỳ (BM1)", "unit.payroll_options": "Đổi cách lập bảng thanh toán",
    "demo.commune_created": "Tạo dữ liệu mẫu của xã", "demo.aggregate_created": "Tạo dữ liệu mẫu tổng hợp",
}

# The record an entry is about, as `antt audit` names it beside the action.
ENTITY_LABELS = {
    "unit": "đơn vị", "hamlet": "thôn/tổ dân phố", "team": "tổ", "member": "thành viên",
    "assignment": "chức danh", "decision": "quyết định", "certificate": "giấy chứng nhận",
    "payroll_run": "bảng thanh toán", "insurance": "bảo hiểm", "policy_version": "nghị quyết",
    "user": "tài khoản", "package": "gói dữ liệu", "record": "hồ sơ", "course": "lớp",
    "import_batch": "lần nhập", "personal_data": "dữ liệu cá nhân", "audit": "nhật ký",
    "report": "báo cáo", "submitted_report": "báo cáo đã nộp", "duty_log": "sổ trực", "unit_key": "khóa",
    "local_settings": "cài đặt",
}

EXTRA_FIELD_LABELS = {
    "username": "Tên đăng nhập", "role": "Vai trò", "is_active": "Đang sử dụng",
    "failed_attempts": "Số lần nhập sai", "locked_until": "Khóa đến", "name": "Tên",
    "gender": "Giới tính", "status": "Trạng thái", "position": "Chức danh", "address": "Địa chỉ",
    "birth_date": "Ngày sinh", "birth_year": "Năm sinh", "note": "Ghi chú", "kind": "Loại",
    "count": "Số bản ghi", "destination": "Nơi lưu", "team_id": "Tổ", "hamlet_id": "Thôn/Tổ dân phố",
    "ids_masked": "Che số CCCD", "month": "Tháng", "period": "Kỳ báo cáo", "file": "Tệp",
    "certificates": "Giấy chứng nhận", "lines": "Số dòng", "total_dong": "Tổng tiền (đồng)",
    "key_id": "Mã khóa", "id": "Mã bản ghi", "unit_code": "Mã đơn vị", "member_id": "Thành viên",
    "number": "Số", "issued_on": "Ngày cấp", "valid_until": "Có giá trị đến", "revoke_reason": "Lý do thu hồi",
    "year": "Năm", "sequence": "Số thứ tự", "members": "Số thành viên", "decisions": "Số quyết định",
    "units": "Số đơn vị", "hamlets": "Số thôn/tổ dân phố", "teams": "Số tổ", "title": "Trích yếu",
    "signed_on": "Ngày ký", "effective_on": "Ngày hiệu lực", "state": "Trạng thái",
    "fingerprint": "Dấu vân tay", "path": "Tệp", "reason": "Lý do", "rows": "Số dòng",
}

# The document of a "personal_data.exported" entry (its `kind`), as the viewer names it.
EXPORT_KIND_LABELS = {
    ExportKind.DECISION.value: "Quyết định kèm danh sách",
    ExportKind.PROPOSAL.value: "Văn bản đề nghị (Mẫu 05, 06, 07)",
    ExportKind.MEMBER_LIST.value: "Danh sách thành viên theo tổ",
    ExportKind.MEMBER_LIST_BY_HAMLET.value: "Danh sách thành viên theo thôn (Excel)",
    ExportKind.CERTIFICATES.value: "Giấy chứng nhận",
    ExportKind.PAYROLL.value: "Bảng thanh toán tiền hỗ trợ",
    ExportKind.INSURANCE_LISTS.value: "Danh sách BHYT, BHXH gửi cơ quan bảo hiểm",
    ExportKind.PERIODIC_REPORT.value: "Báo cáo định kỳ",
    ExportKind.AGGREGATE_REPORT.value: "Báo cáo tổng hợp các xã",
    ExportKind.IMPORT_ANNOTATED_COPY.value: "Bản sao tệp nhập có ghi chú lỗi",
    ExportKind.ATTACHMENT.value: "Bản chụp đính kèm hồ sơ",
    "audit_log": "Nhật ký thao tác",
}


def action_label(action: str) -> str:
    if action in ACTION_LABELS:
        return ACTION_LABELS[action]
    prefix = action.split(".", 1)[0]
    if prefix in ENTITY_PREFIX_LABELS:
        return f"{ENTITY_PREFIX_LABELS[prefix]}: {action.split('.', 1)[-1].replace('_', ' ')}"
    return action


def entity_label(entity: str) -> str:
    return ENTITY_LABELS.get(entity, entity)


def export_kind_label(kind: str) -> str:
    """"Danh sách thành viên theo tổ" for "danh_sach_thanh_vien"; an unknown kind shows as is."""
    return EXPORT_KIND_LABELS.get(kind, kind)


def entry_label(entry: AuditEntry) -> str:
    """The "Thao tác" column: the action, and for an export the document that left."""
    label = action_label(entry.action)
    if entry.action == EXPORT_ACTION and isinstance(entry.after, dict) and entry.after.get("kind"):
        return f"{label}: {export_kind_label(str(entry.after['kind']))}"
    return label


def value_label(field: str, value: Any) -> Any:
    """A recorded value as the viewer shows it: export kinds in Vietnamese, the rest unchanged."""
    if field == "kind" and isinstance(value, str) and value in EXPORT_KIND_LABELS:
        return EXPORT_KIND_LABELS[value]
    return value


def field_label(field: str) -> str:
    top = field.split(".", 1)[0]
    label = EXTRA_FIELD_LABELS.get(top) or FIELD_LABELS.get(top)
    if label is None:
        return field
    return label if top == field else f"{label} ({field.split('.', 1)[1]})"
