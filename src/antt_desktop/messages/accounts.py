"""Vietnamese sentences for accounts, the audit log, backups and the data file (issue #8)."""

from __future__ import annotations

from antt_desktop.domain import accounts, audit_trail, backup_retention, storage
from antt_desktop.domain.access import ROLE_LABELS, Role
from antt_desktop.domain.dates import format_vn_date
from antt_desktop.messages import phrases

SETTING_LABELS = {
    "max_failed_attempts": "Số lần nhập sai mật khẩu trước khi khóa",
    "lockout_minutes": "Thời gian khóa tài khoản (phút)",
    "idle_lock_minutes": "Tự khóa màn hình sau (phút không thao tác)",
    "password_min_length": "Độ dài tối thiểu của mật khẩu",
    "daily": "Số bản sao lưu hằng ngày giữ lại",
    "weekly": "Số bản sao lưu hằng tuần giữ lại",
    "monthly": "Số bản sao lưu hằng tháng giữ lại",
}
STORAGE_FAILURES = {
    storage.StorageFailure.READ_ONLY: "thư mục hoặc ổ đĩa chỉ cho phép đọc, không ghi được",
    storage.StorageFailure.DISK_FULL: "ổ đĩa đã đầy",
    storage.StorageFailure.IO_ERROR: "ổ đĩa báo lỗi đọc/ghi (ổ hỏng hoặc USB vừa bị rút ra)",
    storage.StorageFailure.NOT_FOUND: "không tìm thấy thư mục hoặc tệp",
}
STORAGE_ADVICE = {
    storage.StorageFailure.READ_ONLY: "Hãy chọn thư mục khác hoặc nhờ người quản trị máy cấp quyền ghi.",
    storage.StorageFailure.DISK_FULL: "Hãy giải phóng dung lượng ổ đĩa (xóa tệp không cần thiết) rồi thử lại.",
    storage.StorageFailure.IO_ERROR: "Hãy kiểm tra ổ đĩa hoặc USB rồi thử lại.",
    storage.StorageFailure.NOT_FOUND: "Hãy kiểm tra lại đường dẫn.",
}
DRIVE_KINDS = {storage.DriveKind.REMOVABLE: "ổ đĩa rời (USB, thẻ nhớ, ổ cứng gắn ngoài)",
               storage.DriveKind.NETWORK: "ổ đĩa mạng (thư mục dùng chung)"}


def role_label(role: Role | str) -> str:
    return ROLE_LABELS[Role(role)]


def _time(moment) -> str:
    return f"{moment:%H:%M} ngày {format_vn_date(moment.date())}"


@phrases(accounts.InvalidUsername)
def _(e):
    return (f"Tên đăng nhập «{e.username}» không hợp lệ: dùng 3–40 ký tự gồm chữ không dấu, "
            "chữ số, dấu chấm, gạch ngang hoặc gạch dưới, bắt đầu bằng chữ hoặc số.")


@phrases(accounts.DuplicateUsername)
def _(e):
    return f"Đã có tài khoản tên «{e.username}»."


@phrases(accounts.UserNotFound)
def _(e):
    return f"Không có tài khoản «{e.username}»."


@phrases(accounts.WrongCredentials)
def _(e):
    text = "Tên đăng nhập hoặc mật khẩu không đúng."
    if e.attempts_left is not None and e.attempts_left <= 3:
        text += f" Còn {e.attempts_left} lần thử trước khi tài khoản bị khóa tạm thời."
    return text


@phrases(accounts.AccountLocked)
def _(e):
    return (f"Tài khoản «{e.username}» đang bị khóa tạm thời vì nhập sai mật khẩu nhiều lần; "
            f"hãy thử lại sau {_time(e.until)}, hoặc nhờ người quản trị mở khóa.")


@phrases(accounts.AccountDisabled)
def _(e):
    return f"Tài khoản «{e.username}» đã bị ngừng sử dụng. Hãy liên hệ người quản trị."


@phrases(accounts.PasswordTooShort)
def _(e):
    return f"Mật khẩu phải có ít nhất {e.min_length} ký tự."


@phrases(accounts.PasswordTooLong)
def _(e):
    return f"Mật khẩu dài quá {e.max_length} ký tự."


@phrases(accounts.PasswordNeedsLetterAndDigit)
def _(e):
    return "Mật khẩu phải có cả chữ cái và chữ số."


@phrases(accounts.PasswordContainsUsername)
def _(e):
    return "Mật khẩu không được chứa tên đăng nhập."


@phrases(accounts.PasswordsDiffer)
def _(e):
    return "Hai lần nhập mật khẩu mới không giống nhau."


@phrases(accounts.WrongCurrentPassword)
def _(e):
    return "Mật khẩu hiện tại không đúng."


@phrases(accounts.LastAdministrator)
def _(e):
    return (f"«{e.username}» là người quản trị cuối cùng đang hoạt động: không thể ngừng tài khoản "
            "hay đổi vai trò, vì khi đó không còn ai quản lý được tài khoản.")


@phrases(accounts.AccountsAlreadyExist)
def _(e):
    return "Đã có tài khoản quản trị; tài khoản mới do người quản trị tạo trong Cài đặt › Tài khoản."


@phrases(accounts.SettingOutOfRange)
def _(e):
    return (f"{SETTING_LABELS.get(e.field, e.field)}: giá trị {e.value} không hợp lệ, "
            f"hãy chọn từ {e.minimum} đến {e.maximum}.")


@phrases(accounts.NotLoggedIn)
def _(e):
    return ("Cơ sở dữ liệu này có tài khoản: hãy đăng nhập bằng «--login TÊN» (mật khẩu lấy từ "
            "biến môi trường ANTT_PASSWORD hoặc được hỏi khi chạy).")


@phrases(backup_retention.RetentionOutOfRange)
def _(e):
    return (f"{SETTING_LABELS.get(e.field, e.field)}: giá trị {e.value} không hợp lệ, "
            f"hãy chọn từ {e.minimum} đến {e.maximum}.")


@phrases(audit_trail.InvalidDateRange)
def _(e):
    return (f"Khoảng thời gian không hợp lệ: ngày bắt đầu {format_vn_date(e.from_on)} ở sau "
            f"ngày kết thúc {format_vn_date(e.to_on)}.")


@phrases(storage.StorageUnwritable)
def _(e):
    return (f"Không ghi được dữ liệu vào «{e.target}»: {STORAGE_FAILURES[e.failure]}. "
            f"Thao tác vừa rồi chưa được lưu, dữ liệu vẫn giữ nguyên như trước. {STORAGE_ADVICE[e.failure]}")


@phrases(storage.NotABackup)
def _(e):
    return f"Tệp «{e.path}» không phải bản sao lưu của ANTT Desktop ({e.detail})."


@phrases(storage.BackupDamaged)
def _(e):
    return (f"Bản sao lưu «{e.path}» bị hỏng ({'; '.join(e.problems[:3])}), không dùng để phục hồi "
            "được. Hãy chọn bản sao lưu khác.")


@phrases(storage.DatabaseDamaged)
def _(e):
    return (f"Tệp dữ liệu «{e.path}» bị hỏng ({'; '.join(e.problems[:3])}). "
            "Hãy khôi phục từ bản sao lưu gần nhất còn tốt.")


@phrases(storage.DatabaseInUse)
def _(e):
    return (f"Cơ sở dữ liệu «{e.path}» đang được mở ở một cửa sổ ANTT Desktop khác trên máy này. "
            "Hãy dùng cửa sổ đó, hoặc đóng nó rồi mở lại.")


@phrases(storage.RestoreNeedsConfirmation)
def _(e):
    return (f"Phục hồi sẽ thay toàn bộ dữ liệu hiện tại bằng bản sao lưu «{e.path}» (dữ liệu hiện tại "
            "được sao lưu trước). Chạy lại với «--yes» để xác nhận.")


def location_warning_text(warning: storage.LocationWarning) -> str:
    return (f"Cơ sở dữ liệu đang nằm trên {DRIVE_KINDS.get(warning.kind, 'ổ đĩa không cố định')} "
            f"(«{warning.path}»). Nếu rút USB hoặc mất mạng khi đang ghi, dữ liệu có thể bị hỏng. "
            "Nên chuyển tệp dữ liệu vào ổ cứng của máy và chỉ dùng USB để sao lưu.")
