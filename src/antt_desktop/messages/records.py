"""Vietnamese sentences for errors about units, hamlets, teams, members and dates."""

from __future__ import annotations

from antt_desktop.domain import access, dates, members, organisation, units
from antt_desktop.domain.dates import format_vn_date
from antt_desktop.domain.people import POSITION_LABELS
from antt_desktop.domain.errors import DatabaseUnavailable
from antt_desktop.messages import describe, phrases

ENTITY_NAMES = {"member": "thành viên", "hamlet": "thôn/tổ dân phố", "team": "tổ",
                "unit": "đơn vị", "decision": "quyết định"}
FIELD_LABELS = {
    "full_name": "Họ và tên", "birth": "Ngày sinh", "id_number": "Số định danh",
    "phone": "Số điện thoại", "residence_since": "Cư trú từ ngày", "id_issued_on": "Ngày cấp",
    "education_level": "Trình độ học vấn", "hamlet_id": "Thôn/Tổ dân phố",
    "households": "Số hộ", "residents": "Số nhân khẩu",
}


@phrases(units.InvalidUnitCode)
def _(e):
    return f"Mã đơn vị «{e.code}» không hợp lệ: chỉ dùng chữ không dấu, chữ số, dấu - hoặc _, tối đa 20 ký tự."


@phrases(units.MissingUnitName)
def _(e):
    return "Chưa nhập tên đơn vị."


@phrases(units.UnknownProvince)
def _(e):
    return f"Không tìm thấy tỉnh «{e.province}». Nhập tên tỉnh (ví dụ «Gia Lai») hoặc mã tỉnh 3 chữ số (ví dụ «064»)."


@phrases(units.UnitAlreadySetUp)
def _(e):
    return f"Cơ sở dữ liệu này đã được khai báo cho đơn vị {e.name} (mã {e.code}); không khai báo lại."


@phrases(units.DemoNeedsEmptyCommune)
def _(e):
    return (f"Đơn vị {e.name} (mã {e.code}) đã có dữ liệu hoặc là đơn vị cấp trên; dữ liệu mẫu chỉ "
            "thêm vào cơ sở dữ liệu mới hoặc xã vừa khai báo, chưa có thôn và thành viên. "
            "Hãy dùng «--db» với một tệp mới để thử.")


@phrases(units.UnitNotSetUp)
def _(e):
    return "Chưa khai báo đơn vị. Hãy chạy «antt init» hoặc mở dữ liệu mẫu trước."


@phrases(dates.UnreadableDate)
def _(e):
    return f"Không đọc được ngày «{e.text}»: nhập theo dạng ngày/tháng/năm, ví dụ 05/07/1985."


@phrases(dates.ImpossibleDate)
def _(e):
    return f"Ngày «{e.text}» không tồn tại."


@phrases(dates.DateInFuture)
def _(e):
    return f"Ngày {format_vn_date(e.value)} ở sau hôm nay ({format_vn_date(e.today)})."


@phrases(dates.DateTooOld)
def _(e):
    return f"Năm {e.value.year} không hợp lý (trước năm 1900 hoặc sau năm hiện tại)."


@phrases(members.NameMissing)
def _(e):
    return "Chưa nhập họ và tên."


@phrases(members.NameHasDigits)
def _(e):
    return f"Họ và tên «{e.name}» có chữ số."


@phrases(members.BirthMissing)
def _(e):
    return "Chưa nhập ngày sinh (hoặc ít nhất là năm sinh)."


@phrases(members.DuplicateIdNumber)
def _(e):
    return f"Số định danh {e.id_number} đã có trong dữ liệu: {e.other_name} (đơn vị {e.other_unit_code})."


@phrases(members.MemberInvalid)
def _(e):
    return " ".join(f"{FIELD_LABELS.get(p.field, p.field)}: {describe(p.error)}" for p in e.problems)


@phrases(organisation.HamletNameMissing)
def _(e):
    return "Chưa nhập tên thôn/tổ dân phố."


@phrases(organisation.DuplicateHamletName)
def _(e):
    return f"Đã có thôn/tổ dân phố tên «{e.name}»."


@phrases(organisation.NegativeCount)
def _(e):
    return f"{FIELD_LABELS.get(e.field, e.field)} không được âm ({e.value})."


@phrases(organisation.HamletInUse)
def _(e):
    uses = []
    if e.teams:
        uses.append(f"{e.teams} tổ")
    if e.members:
        uses.append(f"{e.members} thành viên")
    return (f"Không xóa được «{e.name}» vì còn {' và '.join(uses)} thuộc thôn/tổ dân phố này. "
            "Hãy chuyển họ sang nơi khác trước.")


@phrases(organisation.QuotaTooSmall)
def _(e):
    return (f"Định mức {e.value} thành viên quá ít: mỗi tổ có Tổ trưởng, Tổ phó và Tổ viên, "
            f"nên cần ít nhất {e.minimum} thành viên (Luật 30/2023, Điều 16).")


@phrases(organisation.TeamNameMissing)
def _(e):
    return "Chưa nhập tên tổ."


@phrases(organisation.RecordNotFound)
def _(e):
    return f"Không tìm thấy {ENTITY_NAMES.get(e.entity, e.entity)} có mã {e.record_id}."


@phrases(organisation.MemberAlreadyAssigned)
def _(e):
    return f"{e.member_name} đã giữ chức danh này trong {e.team_name}."


@phrases(organisation.PositionAlreadyTaken)
def _(e):
    return (f"{e.team_name} đã có {POSITION_LABELS[e.position]} là {e.holder_name}; "
            f"mỗi tổ chỉ có một {POSITION_LABELS[e.position]} (Luật 30/2023, Điều 16).")


@phrases(organisation.AssignmentDatesInvalid)
def _(e):
    return (f"Ngày {format_vn_date(e.ended_on)} phải sau ngày bắt đầu giữ chức danh hiện tại "
            f"({format_vn_date(e.started_on)}).")


@phrases(organisation.MemberHasLeft)
def _(e):
    return f"{e.member_name} đã thôi tham gia; muốn tham gia lại cần quyết định công nhận mới."


@phrases(access.PermissionDenied)
def _(e):
    return (f"Tài khoản với vai trò «{access.ROLE_LABELS[e.role]}» không được phép "
            f"{PERMISSION_ACTIONS.get(e.permission, e.permission.value)}.")


PERMISSION_ACTIONS = {
    access.Permission.VIEW: "xem dữ liệu",
    access.Permission.EDIT_RECORDS: "thêm hoặc sửa hồ sơ",
    access.Permission.DRAFT_DECISIONS: "soạn quyết định",
    access.Permission.ISSUE_DECISIONS: "ban hành quyết định",
    access.Permission.MANAGE_PAYROLL: "lập bảng thanh toán",
    access.Permission.LOCK_PAYROLL: "khóa bảng thanh toán",
    access.Permission.EXPORT_PERSONAL_DATA: "in hoặc xuất dữ liệu cá nhân",
    access.Permission.IMPORT_DATA: "nhập dữ liệu",
    access.Permission.MANAGE_SETTINGS: "thay đổi cài đặt",
    access.Permission.MANAGE_USERS: "quản lý tài khoản",
    access.Permission.VIEW_AUDIT: "xem nhật ký thao tác",
    access.Permission.BACKUP_RESTORE: "sao lưu hoặc phục hồi dữ liệu",
    access.Permission.REVIEW: "thẩm định dữ liệu tổng hợp",
}


@phrases(DatabaseUnavailable)
def _(e):
    return f"Không mở được cơ sở dữ liệu «{e.target}»: {e.detail}"
