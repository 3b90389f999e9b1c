"""Vietnamese sentences for payroll, duty-log and insurance errors and warnings (issue #5)."""

from __future__ import annotations

from antt_desktop.domain import insurance, payroll
from antt_desktop.domain.dates import format_vn_date
from antt_desktop.domain.money import format_dong
from antt_desktop.domain.payroll import DUTY_FIELD_LABELS, DUTY_KIND_LABELS, DutyProblem, Month
from antt_desktop.domain.payroll import DutyProblemReason as R
from antt_desktop.domain.policies import DuplicatePolicyId
from antt_desktop.messages import phrases

POLICY_TAB = "Cài đặt › Chính sách của tỉnh"


def _month(key: str) -> str:
    try:
        return Month.parse(key).label
    except payroll.InvalidMonth:
        return key


@phrases(payroll.InvalidMonth)
def _(e):
    return f"«{e.text}» không phải là tháng hợp lệ — hãy viết dạng năm-tháng, ví dụ 2026-11 (hoặc 11/2026)."


@phrases(payroll.PayrollRunLocked)
def _(e):
    return (f"Bảng thanh toán tháng {_month(e.month)} đã khóa và không thể thay đổi. "
            "Nếu cần điều chỉnh, hãy lập bảng truy lĩnh/truy thu cho tháng đó.")


@phrases(payroll.PayrollRunNotFound)
def _(e):
    return f"Chưa có bảng thanh toán tháng {_month(e.month)}."


@phrases(payroll.NoDraftToLock)
def _(e):
    return f"Tháng {_month(e.month)} không có bảng nháp nào để khóa hoặc hủy — hãy lập bảng trước."


@phrases(payroll.NoLockedRun)
def _(e):
    return (f"Bảng thanh toán tháng {_month(e.month)} chưa khóa, nên chưa cần bảng truy lĩnh/truy thu — "
            "hãy lập lại bảng nháp.")


@phrases(payroll.NoPayrollDifference)
def _(e):
    return (f"Tính lại tháng {_month(e.month)} cho kết quả đúng bằng số đã thanh toán: "
            "không có khoản truy lĩnh hay truy thu nào.")


@phrases(payroll.NoPolicyChosen)
def _(e):
    return f"Đơn vị chưa chọn nghị quyết của tỉnh để tính hỗ trợ — hãy chọn trong {POLICY_TAB}."


@phrases(payroll.PolicyNotInForceForMonth)
def _(e):
    name = f"Nghị quyết {e.resolution_number}" if e.resolution_number else f"Nghị quyết của {e.province_name}"
    if e.effective_from is None:
        return (f"{name} chưa có ngày có hiệu lực — hãy nhập ngày có hiệu lực trong {POLICY_TAB} "
                f"trước khi tính hỗ trợ tháng {_month(e.month)}.")
    until = f" đến ngày {format_vn_date(e.effective_to)}" if e.effective_to else ""
    return (f"{name} có hiệu lực từ ngày {format_vn_date(e.effective_from)}{until}, không áp dụng cho tháng "
            f"{_month(e.month)} — hãy chọn nghị quyết đúng trong {POLICY_TAB}.")


@phrases(payroll.NobodyToPay)
def _(e):
    return f"Tháng {_month(e.month)} không có thành viên nào giữ chức danh trong Tổ, nên không có gì để thanh toán."


@phrases(payroll.InvalidDutyCount)
def _(e):
    label = DUTY_FIELD_LABELS.get(e.field, e.field)
    return f"{label}: {e.value} không hợp lệ — phải là số nguyên từ 0 đến {e.maximum}."


@phrases(payroll.MemberNotActiveInMonth)
def _(e):
    return f"{e.member_name} không giữ chức danh nào trong tháng {_month(e.month)}, nên không ghi sổ trực được."


@phrases(payroll.DutyCapped)
def _(w):
    return (f"{w.member_name}: {w.units} lần «{DUTY_KIND_LABELS[w.kind].lower()}», "
            f"chỉ thanh toán tối đa {w.paid_units} lần/tháng theo nghị quyết.")


@phrases(payroll.DutyNotPaidByPolicy)
def _(w):
    return (f"{w.member_name}: sổ trực ghi {w.units} ({DUTY_FIELD_LABELS.get(w.field, w.field).lower()}) "
            "nhưng nghị quyết đang áp dụng không quy định mức bồi dưỡng này, nên không được tính.")


@phrases(payroll.DutyForMemberNotPaid)
def _(w):
    return (f"{w.member_name} có sổ trực tháng {_month(w.month)} nhưng không giữ chức danh nào trong tháng, "
            "nên không được tính.")


@phrases(DuplicatePolicyId)
def _(e):
    return f"Đã có một chính sách mang mã «{e.policy_id}» — hãy đặt mã khác cho bản mới."


# --------------------------------------------------------------------------- insurance


@phrases(insurance.InvalidBhytCardNumber)
def _(e):
    return (f"Mã thẻ BHYT «{e.text}» không hợp lệ — gồm 2 chữ cái và 13 chữ số (ví dụ GD4797912345678), "
            "hoặc mã số BHXH 10 chữ số.")


@phrases(insurance.InvalidBhxhNumber)
def _(e):
    return f"Mã số BHXH «{e.text}» không hợp lệ — phải gồm đúng 10 chữ số."


@phrases(insurance.BhytValidityReversed)
def _(e):
    return (f"Hạn thẻ BHYT đến ngày {format_vn_date(e.valid_to)} lại trước ngày bắt đầu "
            f"{format_vn_date(e.valid_from)}.")


@phrases(insurance.BhxhIncomeBelowFloor)
def _(e):
    return (f"Mức thu nhập chọn đóng BHXH tự nguyện {format_dong(e.income_dong)} thấp hơn chuẩn hộ nghèo khu vực "
            f"nông thôn {format_dong(e.floor_dong)} — mức thấp nhất được phép.")


@phrases(insurance.BhxhIncomeInvalid)
def _(e):
    return "Mức thu nhập chọn đóng BHXH tự nguyện phải là số tiền lớn hơn 0."


# --------------------------------------------------------------------------- duty-log workbooks

_REASONS = {
    R.UNREADABLE_FILE: "không mở được tệp (không phải tệp Excel .xlsx, hoặc tệp bị hỏng).",
    R.OLD_XLS_FORMAT: "tệp Excel định dạng cũ (.xls) — hãy mở bằng Excel và lưu lại thành .xlsx.",
    R.NO_HEADER: "không tìm thấy dòng tiêu đề có cột «Họ và tên» và ít nhất một cột số đêm/ngày trực.",
    R.NO_ROWS: "không có dòng nào ghi số đêm/ngày trực.",
    R.MONTH_MISMATCH: "bảng ghi tháng {value}, khác tháng đang chọn.",
    R.NAME_MISSING: "có số đêm/ngày trực nhưng thiếu họ và tên.",
    R.NOT_A_WHOLE_NUMBER: "«{value}» không phải số nguyên.",
    R.NEGATIVE: "«{value}» là số âm.",
    R.TOO_MANY: "«{value}» lớn hơn số ngày của tháng.",
    R.UNKNOWN_MEMBER: "không có thành viên tên «{value}» trong đơn vị.",
    R.AMBIGUOUS_MEMBER: "có nhiều thành viên cùng tên «{value}» — hãy ghi thêm tên Tổ hoặc dùng mẫu có cột «Mã thành viên».",
    R.NOT_ACTIVE: "«{value}» không giữ chức danh nào trong tháng này.",
    R.DUPLICATE_MEMBER: "«{value}» đã có ở dòng {header}.",
}


def describe_duty_problem(problem: DutyProblem) -> str:
    """"Trang «Tháng 11-2026», dòng 8, cột E («Số đêm trực»): «abc» không phải số nguyên."."""
    where = [f"Trang «{problem.sheet}»"] if problem.sheet else []
    if problem.row:
        where.append(f"dòng {problem.row}")
    if problem.column:
        where.append(f"cột {problem.column}" + (f" («{problem.header}»)" if problem.header else ""))
    reason = _REASONS[problem.reason].format(value=problem.value, header=problem.header)
    return f"{', '.join(where)}: {reason}" if where else reason[:1].upper() + reason[1:]


# --------------------------------------------------------------------------- where to fix it


def fix_hint(error: BaseException, *, command_line: bool = False) -> str | None:
    """Where the user settles an error that stops a payroll: the policy tab, or the command."""
    from antt_desktop.domain import policies

    if isinstance(error, policies.BaseSalaryUnconfirmed):
        day = error.effective_from
        if command_line:
            return (f"Đối chiếu văn bản rồi xác nhận bằng «antt policies base-salary confirm {day.isoformat()}», "
                    f"hoặc trong {POLICY_TAB} › Lương cơ sở.")
        return (f"Mở {POLICY_TAB}, bảng «Lương cơ sở», đối chiếu văn bản rồi đánh dấu «Đã xác nhận» cho mức "
                f"{format_dong(error.amount_dong)} từ ngày {format_vn_date(day)} (hoặc sửa mức cho đúng).")
    if isinstance(error, policies.BaseSalaryUnknown):
        return f"Nhập mức lương cơ sở áp dụng từ ngày {format_vn_date(error.on)} trong {POLICY_TAB} › Lương cơ sở."
    if isinstance(error, (policies.PolicyValueUnconfirmed, policies.ChosenAmountRequired,
                          policies.ChosenAmountOutOfRange, payroll.NoPolicyChosen,
                          payroll.PolicyNotInForceForMonth)):
        if command_line:
            return f"Sửa trong {POLICY_TAB} của chương trình; «antt policies list» liệt kê các nghị quyết."
        return f"Mở {POLICY_TAB} để nhập hoặc xác nhận mức này."
    return None
