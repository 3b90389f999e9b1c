"""Vietnamese sentences for errors and warnings about provincial policies and team sizing."""

from __future__ import annotations

import re

from antt_desktop.domain import policies, team_sizing
from antt_desktop.domain.dates import format_vn_date
from antt_desktop.domain.people import HAMLET_KIND_LABELS, POSITION_LABELS, Position
from antt_desktop.domain.policies import PolicyFieldReason as R
from antt_desktop.messages import phrases

SETTINGS_HINT = "hãy nhập mức áp dụng trong phần Cài đặt"

REASONS = {
    R.REQUIRED: "chưa có giá trị (bắt buộc).",
    R.UNKNOWN_FIELD: "không có trường này trong mẫu dữ liệu chính sách (có thể gõ sai tên).",
    R.NOT_AN_OBJECT: "phải là một nhóm trường {…}.",
    R.NOT_A_LIST: "phải là một danh sách […].",
    R.NOT_TEXT: "phải là chữ.",
    R.NOT_A_BOOLEAN: "phải là true hoặc false.",
    R.NOT_AN_INTEGER: "phải là số nguyên, không có phần lẻ và không có dấu chấm ngăn cách (ví dụ 1440000).",
    R.NOT_A_NUMBER: "phải là một số (ví dụ \"0.8\").",
    R.NOT_A_DATE: "phải là ngày có thật, viết dạng năm-tháng-ngày (ví dụ 2024-07-01).",
    R.NEGATIVE_AMOUNT: "số tiền không được âm.",
    R.NEGATIVE: "giá trị không được âm.",
    R.NOT_POSITIVE: "phải là số lớn hơn 0.",
    R.ABOVE_ONE: "tỷ lệ không được lớn hơn 1 (tức 100 %).",
    R.UNKNOWN_VALUE: "giá trị không thuộc các lựa chọn cho phép.",
    R.UNSUPPORTED_SCHEMA: "phiên bản mẫu dữ liệu không được phần mềm này hỗ trợ.",
    R.BAD_IDENTIFIER: "mã chỉ gồm chữ thường không dấu, chữ số và dấu gạch ngang (ví dụ binh-dinh-03-2024).",
    R.BAD_PROVINCE_CODE: "mã tỉnh phải gồm đúng 3 chữ số theo mã CCCD (ví dụ 052).",
    R.ENDS_BEFORE_START: "ngày hết hiệu lực không được trước ngày có hiệu lực.",
    R.BOUNDS_REVERSED: "cận trên nhỏ hơn cận dưới của bậc.",
    R.OVERLAPPING_STEPS: "khoảng của bậc này chồng lên khoảng của một bậc khác trong cùng bảng.",
    R.MIN_ABOVE_MAX: "số tối thiểu lớn hơn số tối đa.",
    R.MISSING_FOR_MODE: "bắt buộc với cách tính đã chọn.",
    R.SINGLE_STEP_WITHOUT_BASIS: "khi số thành viên không tính theo số hộ hay nhân khẩu, mỗi bảng chỉ có "
                                 "một bậc, không có cận và không có phần tăng thêm.",
    R.DUPLICATE_DATE: "đã có một mức khác bắt đầu cùng ngày.",
}

_INSURANCE = {"bhxh_tu_nguyen": "BHXH tự nguyện", "bhyt": "BHYT"}
_DUTY = {
    "night": "bồi dưỡng trực đêm",
    "duty_day": "bồi dưỡng ngày làm nhiệm vụ",
    "day_off_or_holiday": "bồi dưỡng ngày nghỉ, lễ, tết",
    "night_or_day_off": "bồi dưỡng trực đêm, ngày nghỉ",
    "training_day": "bồi dưỡng ngày tập huấn",
    "hazardous_day": "bồi dưỡng công việc nặng nhọc, độc hại",
    "special_area_day": "bồi dưỡng địa bàn đặc thù",
}


_TOP_LEVEL = {
    "resolution_number": "Số nghị quyết",
    "issued_on": "Ngày ban hành",
    "effective_from": "Ngày có hiệu lực",
    "effective_to": "Ngày hết hiệu lực",
    "proration": "Cách tính khi tham gia không đủ tháng",
}


def _position(key: str) -> str:
    return POSITION_LABELS[Position(key)]


def field_label(path: str) -> str:
    """A user-facing name for a policy field path such as "monthly_support.amount_dong.to_vien"."""
    if path in _TOP_LEVEL:
        return _TOP_LEVEL[path]
    parts = path.split(".")
    head = parts[0]
    if head == "monthly_support":
        if len(parts) == 2 and parts[1] == "mode":
            return "Cách tính hỗ trợ hằng tháng"
        if len(parts) == 3 and parts[1] == "amount_dong":
            return f"Mức hỗ trợ hằng tháng của {_position(parts[2])}"
        if len(parts) == 3 and parts[1] == "coefficient":
            return f"Hệ số hỗ trợ hằng tháng của {_position(parts[2])}"
        if len(parts) == 3 and parts[1] == "position_addon_dong":
            return f"Khoản hỗ trợ thêm theo chức danh của {_position(parts[2])}"
        if len(parts) >= 2 and parts[1].startswith("education_addons"):
            return "Mức hỗ trợ thêm theo trình độ đào tạo"
        if len(parts) >= 2 and parts[1] == "flat_dong":
            return "Mức hỗ trợ hằng tháng chung cho mọi thành viên"
        if len(parts) >= 2 and parts[1] == "range_dong":
            return "Khung mức hỗ trợ hằng tháng"
        if len(parts) >= 2 and parts[1] == "special_area_addon_dong":
            return "Khoản hỗ trợ thêm cho địa bàn đặc thù"
        return "Mức hỗ trợ hằng tháng"
    if head == "insurance_support":
        if len(parts) >= 2 and parts[1] in _INSURANCE:
            return f"Mức hỗ trợ đóng {_INSURANCE[parts[1]]}"
        return "Mức hỗ trợ đóng BHXH tự nguyện, BHYT"
    if head.startswith("duty_allowances"):
        if len(parts) >= 2 and parts[1] in _DUTY:
            return f"Mức {_DUTY[parts[1]]}"
        return "Mức bồi dưỡng"
    if head == "sizing":
        return "Tiêu chí số lượng thành viên Tổ"
    return f"Trường «{path}»"


def _resolution(e: policies.PolicyValueUnconfirmed) -> str:
    if e.resolution_number and e.province_name:
        return f" trong Nghị quyết {e.resolution_number} ({e.province_name})"
    if e.province_name:
        return f" trong nghị quyết của {e.province_name}"
    return " trong chính sách đang áp dụng"


def _money(amount: int | None) -> str:
    return "?" if amount is None else f"{amount:,}".replace(",", ".") + " đ"


def _team(name: str) -> str:
    return f"Tổ {name}" if name else "Tổ"


# --------------------------------------------------------------------------- policy errors


@phrases(policies.InvalidPolicyField)
def _(e):
    path = e.path or "(toàn bộ bản ghi)"
    return f"Trường «{path}»: {REASONS.get(e.reason, 'giá trị không hợp lệ.')}"


@phrases(policies.PolicyValueUnconfirmed)
def _(e):
    return f"{field_label(e.field)}{_resolution(e)} chưa được xác nhận — {SETTINGS_HINT}."


@phrases(policies.BaseSalaryUnknown)
def _(e):
    return (f"Chưa có mức lương cơ sở áp dụng ngày {format_vn_date(e.on)} — "
            "hãy nhập mức lương cơ sở trong phần Cài đặt.")


@phrases(policies.BaseSalaryUnconfirmed)
def _(e):
    return (f"Mức lương cơ sở {_money(e.amount_dong)} từ ngày {format_vn_date(e.effective_from)} chưa được "
            "xác nhận — hãy đối chiếu văn bản và xác nhận (hoặc sửa) trong phần Cài đặt.")


@phrases(policies.PovertyLineUnknown)
def _(e):
    return (f"Chưa có chuẩn hộ nghèo khu vực nông thôn áp dụng ngày {format_vn_date(e.on)} — "
            "hãy nhập trong phần Cài đặt.")


@phrases(policies.ChosenAmountRequired)
def _(e):
    return (f"Tỉnh quy định mức hỗ trợ hằng tháng trong khung từ {_money(e.min_dong)} đến {_money(e.max_dong)}; "
            "hãy chọn mức xã áp dụng trong phần Cài đặt.")


@phrases(policies.ChosenAmountOutOfRange)
def _(e):
    return (f"Mức hỗ trợ {_money(e.amount_dong)} nằm ngoài khung tỉnh quy định "
            f"(từ {_money(e.min_dong)} đến {_money(e.max_dong)}).")


@phrases(policies.PolicyVersionsOverlap)
def _(e):
    ids = ", ".join(e.version_ids)
    return (f"Có nhiều chính sách của tỉnh (mã {e.province_code}) cùng có hiệu lực từ ngày "
            f"{format_vn_date(e.effective_from)} ({ids}); hãy sửa ngày hiệu lực để chỉ còn một.")


# --------------------------------------------------------------------------- sizing errors

_SIZING_INPUTS = {
    "households": "số hộ gia đình",
    "residents": "số nhân khẩu",
    "unit_type": "loại đơn vị hành chính cấp xã (xã, phường, thị trấn, đặc khu)",
}


@phrases(team_sizing.SizingInputMissing)
def _(e):
    where = f"của {e.hamlet_name}" if e.hamlet_name else "của thôn/tổ dân phố"
    need = _SIZING_INPUTS.get(e.field, e.field)
    return f"Chưa có {need} {where} — cần có để tính số thành viên tối đa của Tổ theo quy định của tỉnh."


@phrases(team_sizing.SizingRuleUnconfirmed)
def _(e):
    step = re.search(r"steps\[(\d+)\]", e.field)
    if step:
        return (f"Số thành viên của bậc {int(step.group(1)) + 1} trong tiêu chí của tỉnh chưa được xác nhận — "
                f"{SETTINGS_HINT}.")
    return f"Tiêu chí số lượng thành viên Tổ của tỉnh chưa được xác nhận — {SETTINGS_HINT}."


@phrases(team_sizing.SizingRuleNotApplicable)
def _(e):
    kind = HAMLET_KIND_LABELS[e.hamlet_kind].lower()
    unit = team_sizing.UNIT_TYPE_LABELS.get(e.unit_type or "", e.unit_type or "")
    where = f" thuộc {unit}" if unit else ""
    return f"Tiêu chí của tỉnh không có quy định cho {kind}{where} — hãy bổ sung trong phần Cài đặt."


@phrases(team_sizing.SizingValueNotCovered)
def _(e):
    unit = "hộ" if e.field == "households" else "nhân khẩu"
    return (f"Tiêu chí của tỉnh không có bậc nào cho quy mô {e.value:,} {unit}".replace(",", ".")
            + " — hãy kiểm tra bảng bậc trong phần Cài đặt.")


@phrases(team_sizing.NegativeSize)
def _(e):
    return f"{_SIZING_INPUTS.get(e.field, e.field).capitalize()} không được âm ({e.value})."


# --------------------------------------------------------------------------- team warnings


@phrases(team_sizing.TeamOverQuota)
def _(w):
    return (f"{_team(w.team_name)} có {w.count} thành viên, vượt mức tối đa {w.max} "
            "theo quy định của tỉnh.")


@phrases(team_sizing.TeamUnderMinimum)
def _(w):
    return (f"{_team(w.team_name)} mới có {w.count} thành viên, chưa đủ mức tối thiểu {w.min} "
            "(Tổ trưởng, Tổ phó và ít nhất một Tổ viên).")


@phrases(team_sizing.TeamWithoutLeader)
def _(w):
    return f"{_team(w.team_name)} chưa có Tổ trưởng."


@phrases(team_sizing.TeamWithoutDeputy)
def _(w):
    return f"{_team(w.team_name)} chưa có Tổ phó."


@phrases(team_sizing.TooManyLeaders)
def _(w):
    return f"{_team(w.team_name)} có {w.count} Tổ trưởng; mỗi Tổ chỉ có một Tổ trưởng (Luật 30/2023, Điều 16)."


@phrases(team_sizing.TooManyDeputies)
def _(w):
    return f"{_team(w.team_name)} có {w.count} Tổ phó; mỗi Tổ chỉ có một Tổ phó (Luật 30/2023, Điều 16)."
