"""Vietnamese sentences for keys and USB packages (issue #6): each says what is wrong and what to do."""

from __future__ import annotations

from antt_desktop.messages import phrases
from antt_desktop.sync import errors as e

PART_NAMES = {
    "file": "mã kiểm tra SHA-256 của cả tệp không khớp",
    "header": "phần đầu tệp (thông tin người gửi, người nhận) không đọc được",
    "key": "khóa giải mã trong tệp không mở được",
    "payload": "dữ liệu mã hóa không qua được bước xác thực",
    "archive": "phần dữ liệu bên trong không đọc được",
}
OPERATIONS = {
    "commune_export": ("xuất gói dữ liệu gửi cấp trên", "Công an cấp xã"),
    "commune_import": ("nhập gói dữ liệu của xã", "đơn vị cấp trên (chế độ tổng hợp)"),
    "reference_export": ("xuất gói dữ liệu tham chiếu", "đơn vị cấp trên (chế độ tổng hợp)"),
}
MODE_NAMES = {"commune": "Công an cấp xã", "aggregator": "đơn vị cấp trên (tổng hợp)"}
KEY_FILE_REASONS = {
    "too_large": "tệp quá lớn, không phải tệp khóa công khai",
    "not_json": "nội dung không phải tệp khóa của ANTT Desktop",
    "not_a_key_file": "đây không phải tệp khóa công khai của ANTT Desktop",
    "private_key": "đây là tệp KHÓA BÍ MẬT — không bao giờ gửi tệp này cho đơn vị khác; hãy dùng tệp khóa công khai (.antt-key)",
    "newer_version": "tệp được tạo bởi phiên bản ANTT Desktop mới hơn; hãy cập nhật chương trình",
    "missing_field": "tệp thiếu thông tin hoặc có thông tin sai định dạng",
    "bad_signature": "tệp đã bị sửa hoặc hỏng (chữ ký kèm theo không khớp nội dung)",
}
PRIVATE_KEY_REASONS = {
    "missing": "không tìm thấy tệp",
    "damaged": "tệp bị hỏng",
    "format": "tệp không đúng định dạng khóa bí mật",
    "protection": "tệp dùng cách bảo vệ mà phiên bản này chưa hỗ trợ",
}


def _bytes(count: int) -> str:
    return f"{count:,}".replace(",", ".")


@phrases(e.NotAPackage)
def _(err):
    return (f"Tệp «{err.file_name}» không phải gói dữ liệu ANTT (.antt), hoặc phần đầu tệp đã bị hỏng. "
            "Không có dữ liệu nào bị thay đổi.")


@phrases(e.PackageTruncated)
def _(err):
    return (f"Gói «{err.file_name}» bị cắt cụt: tệp dừng ở {_bytes(err.size_bytes)} byte, thiếu phần kết thúc "
            "(có thể chưa chép xong hoặc USB bị rút khi đang ghi). Hãy chép lại gói từ đơn vị gửi. "
            "Không có dữ liệu nào bị thay đổi.")


@phrases(e.PackageCorrupted)
def _(err):
    return (f"Gói «{err.file_name}» bị hỏng hoặc đã bị sửa: {PART_NAMES.get(err.part, err.part)}. "
            "Hãy xin đơn vị gửi xuất lại gói. Không có dữ liệu nào bị thay đổi.")


@phrases(e.WrongRecipient)
def _(err):
    whom = ", ".join(err.recipients) or "(không rõ)"
    return (f"Gói này được mã hóa cho đơn vị khác ({whom}), không phải cho đơn vị này ({err.own_unit_code}), "
            "nên không mở được. Kiểm tra lại đơn vị nhận khi xuất gói.")


@phrases(e.UntrustedSender)
def _(err):
    if err.known_unit:
        return (f"Gói ký bằng một khóa KHÁC với khóa đã tin cậy của đơn vị {err.unit_code} "
                f"(dấu vân tay của khóa trong gói: {err.fingerprint}). Nếu đơn vị đó vừa tạo khóa mới, "
                "hãy nhận tệp khóa công khai mới, so dấu vân tay qua điện thoại rồi tin cậy lại; "
                "nếu không, có thể có người giả mạo. Gói không được nhập.")
    return (f"Đơn vị gửi {err.unit_code} chưa được tin cậy (dấu vân tay: {err.fingerprint}). "
            "Hãy nhận tệp khóa công khai của đơn vị đó, so dấu vân tay qua điện thoại rồi chọn «Tin cậy». "
            "Gói không được nhập.")


@phrases(e.BadSignature)
def _(err):
    return (f"Bản kê (manifest) của gói từ {err.unit_code} không khớp chữ ký: gói đã bị sửa sau khi ký. "
            "Gói không được nhập.")


@phrases(e.ForwardedPackage)
def _(err):
    whom = ", ".join(err.signed_for) or "(không rõ)"
    return (f"Gói của {err.unit_code} được ký để gửi cho {whom}, rồi bị mã hóa lại cho đơn vị này. "
            "Gói không được nhập.")


@phrases(e.EntryHashMismatch)
def _(err):
    return f"Mục «{err.entry}» trong gói không khớp mã SHA-256 trong bản kê đã ký: gói đã bị sửa. Gói không được nhập."


@phrases(e.EntryMissing)
def _(err):
    return f"Gói thiếu mục «{err.entry}» mà bản kê liệt kê. Gói không được nhập."


@phrases(e.UnlistedEntry)
def _(err):
    return f"Gói có mục «{err.entry}» không có trong bản kê đã ký (bị chèn thêm). Gói không được nhập."


@phrases(e.UnsafeEntryName)
def _(err):
    return (f"Gói có mục mang tên không hợp lệ «{err.entry}» (tên có thể trỏ ra ngoài thư mục hoặc không "
            "thuộc định dạng gói). Gói không được nhập.")


@phrases(e.CompressionBomb)
def _(err):
    return (f"Mục «{err.entry}» trong gói giải nén ra quá lớn ({_bytes(err.declared_bytes)} byte, giới hạn "
            f"{_bytes(err.limit_bytes)} byte) — dấu hiệu «bom nén». Gói không được nhập.")


@phrases(e.UnsupportedFormat)
def _(err):
    return (f"Gói dùng định dạng phiên bản {err.found}, phiên bản ANTT Desktop này chỉ đọc được đến phiên bản "
            f"{err.supported}. Hãy cập nhật ANTT Desktop rồi nhập lại. Không có dữ liệu nào bị thay đổi.")


@phrases(e.ManifestInvalid)
def _(err):
    return f"Bản kê của gói có trường «{err.field}» không hợp lệ. Gói không được nhập."


@phrases(e.WrongPackageKind)
def _(err):
    names = {"commune_data": "gói dữ liệu của xã", "receipt": "biên nhận", "reference": "gói dữ liệu tham chiếu"}
    return (f"Tệp này là {names.get(err.found, err.found)}, không phải {names.get(err.expected, err.expected)}. "
            "Hãy dùng đúng chức năng nhập.")


@phrases(e.WrongUnitMode)
def _(err):
    action, who = OPERATIONS.get(err.operation, (err.operation, ""))
    return f"Chỉ {who} mới {action}; đơn vị này đang ở chế độ {MODE_NAMES.get(err.mode, err.mode)}."


@phrases(e.PackageReplayed)
def _(err):
    if err.is_same_package:
        return (f"Gói số {err.sequence} của {err.unit_code} đã được nhập trước đây; nhập lại không thay đổi gì. "
                "Không áp dụng.")
    if err.sequence == err.last_sequence:
        return (f"Gói số {err.sequence} của {err.unit_code} trùng số với gói đã nhập nhưng nội dung khác "
                "(có thể là gói phát lại hoặc bị làm giả). Không áp dụng.")
    return (f"Gói số {err.sequence} của {err.unit_code} cũ hơn gói số {err.last_sequence} đã nhập "
            "(gói cũ bị gửi lại). Không áp dụng; hãy xin gói mới nhất.")


@phrases(e.PackageContentInvalid)
def _(err):
    where = f"bảng «{err.table}»" + (f", cột «{err.column}»" if err.column else "")
    if err.column == "unit_code":
        return (f"Gói có bản ghi của đơn vị khác ({err.detail}) trong {where}: một xã chỉ được gửi dữ liệu của "
                "chính mình. Gói không được nhập.")
    return f"Dữ liệu trong gói không hợp lệ ở {where} ({err.detail}). Gói không được nhập."


@phrases(e.PackageConflict)
def _(err):
    return (f"Không thể áp dụng gói: bản ghi trong bảng «{err.table}» trùng với dữ liệu đã có của đơn vị khác "
            f"({err.detail}). Không có dữ liệu nào bị thay đổi.")


@phrases(e.PackageFromSelf)
def _(err):
    return f"Gói này do chính đơn vị {err.unit_code} tạo ra; không nhập gói của chính mình."


@phrases(e.ReceiptMismatch)
def _(err):
    return (f"Biên nhận cho gói số {err.sequence} không khớp gói số {err.sequence} mà đơn vị này đã xuất "
            "(khác mã SHA-256). Biên nhận không được ghi nhận.")


@phrases(e.ReceiptForAnotherUnit)
def _(err):
    return f"Biên nhận này dành cho đơn vị {err.unit_code}, không phải cho {err.own_unit_code}."


@phrases(e.WriteVerifyFailed)
def _(err):
    return (f"Đọc lại tệp «{err.path}» sau khi ghi thấy khác với dữ liệu đã ghi: USB hoặc ổ đĩa có thể bị lỗi. "
            "Chưa được rút USB; hãy thử lại với USB khác.")


@phrases(e.KeysMissing)
def _(err):
    return "Đơn vị chưa có cặp khóa. Hãy tạo khóa (Cài đặt › Khóa & đơn vị tin cậy, hoặc «antt keys init»)."


@phrases(e.PrivateKeyUnreadable)
def _(err):
    reason = PRIVATE_KEY_REASONS.get(err.reason, err.reason)
    return (f"Không đọc được tệp khóa bí mật «{err.path}»: {reason}. Nếu đã mất khóa, hãy tạo khóa mới "
            "(«antt keys init --new») rồi gửi lại tệp khóa công khai cho đơn vị cấp trên.")


@phrases(e.PrivateKeyMismatch)
def _(err):
    return (f"Tệp khóa bí mật «{err.path}» không khớp khóa công khai đã ghi trong cơ sở dữ liệu của đơn vị "
            "(có thể chép nhầm từ máy khác). Hãy đặt lại đúng tệp, hoặc tạo khóa mới («antt keys init --new»).")


@phrases(e.KeyFileInvalid)
def _(err):
    return f"Tệp khóa «{err.file_name}» không dùng được: {KEY_FILE_REASONS.get(err.reason, err.reason)}."


@phrases(e.OwnKeyFile)
def _(err):
    return f"Đây là khóa công khai của chính đơn vị này ({err.unit_code}); chỉ tin cậy khóa của đơn vị khác."


@phrases(e.FingerprintMismatch)
def _(err):
    return (f"Dấu vân tay không khớp: đã nhập {err.expected}, tệp khóa có {err.actual}. "
            "Không tin cậy khóa này; hãy gọi lại cho đơn vị gửi để kiểm tra.")


@phrases(e.KeyAlreadyTrusted)
def _(err):
    return (f"Đơn vị {err.unit_code} đã được tin cậy với khóa khác (dấu vân tay {err.old_fingerprint}); "
            f"khóa mới có dấu vân tay {err.new_fingerprint}. Chỉ thay khi đã gọi điện xác nhận đơn vị đó vừa "
            "tạo khóa mới (dùng «--replace», hoặc chọn «Thay khóa» trên màn hình).")


@phrases(e.NoRecipient)
def _(err):
    return ("Chưa có đơn vị nhận: hãy nhận tệp khóa công khai của đơn vị cấp trên (hoặc của các xã, với gói "
            "tham chiếu), so dấu vân tay qua điện thoại rồi tin cậy khóa đó.")


@phrases(e.ManyRecipients)
def _(err):
    return f"Có nhiều đơn vị cấp trên được tin cậy ({', '.join(err.candidates)}); hãy chọn đơn vị nhận."


@phrases(e.UnknownRecipient)
def _(err):
    return f"Đơn vị {err.unit_code} chưa được tin cậy nên không thể mã hóa gói cho đơn vị đó."
