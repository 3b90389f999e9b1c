"""How audit actions and recorded fields read in Vietnamese (the viewer and its export, issue #8).

An action without a label here shows its code, so a new action is never hidden.
"""

from __future__ import annotations

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
}

EXTRA_FIELD_LABELS = {
    "username": "Tên đăng nhập", "role": "Vai trò", "is_active": "Đang sử dụng",
    "failed_attempts": "Số lần nhập sai", "locked_until": "Khóa đến", "name": "Tên",
    "gender": "Giới tính", "status": "Trạng thái", "position": "Chức danh", "address": "Địa chỉ",
    "birth_date": "Ngày sinh", "birth_year": "Năm sinh", "note": "Ghi chú", "kind": "Loại",
    "count": "Số bản ghi", "destination": "Nơi lưu", "team_id": "Tổ", "hamlet_id": "Thôn/Tổ dân phố",
}


def action_label(action: str) -> str:
    if action in ACTION_LABELS:
        return ACTION_LABELS[action]
    prefix = action.split(".", 1)[0]
    if prefix in ENTITY_PREFIX_LABELS:
        return f"{ENTITY_PREFIX_LABELS[prefix]}: {action.split('.', 1)[-1].replace('_', ' ')}"
    return action


def field_label(field: str) -> str:
    top = field.split(".", 1)[0]
    label = EXTRA_FIELD_LABELS.get(top) or FIELD_LABELS.get(top)
    if label is None:
        return field
    return label if top == field else f"{label} ({field.split('.', 1)[1]})"
