"""Vietnamese sentences for the amount and phone-number errors and warnings."""

from __future__ import annotations

from antt_desktop.domain.money import InvalidAmount
from antt_desktop.domain.phones import (
    InvalidPhoneNumber,
    LeadingZeroRestored,
    PhoneProblem,
    UnknownPhonePrefix,
)
from antt_desktop.messages import phrases


@phrases(InvalidAmount)
def _invalid_amount(error: InvalidAmount) -> str:
    text = error.text.strip()
    if not text:
        return "Chưa nhập số tiền."
    return (
        f"Số tiền «{text}» không đọc được; hãy nhập số đồng chẵn, "
        "ví dụ 1.980.000 hoặc 1980000."
    )


@phrases(InvalidPhoneNumber)
def _invalid_phone(error: InvalidPhoneNumber) -> str:
    raw = error.raw
    digit_count = sum(char.isdigit() for char in raw)
    if error.reason is PhoneProblem.EMPTY:
        return "Chưa nhập số điện thoại."
    if error.reason is PhoneProblem.NON_DIGIT:
        if "E+" in raw.upper():
            return (
                f"Số điện thoại «{raw}» đang ở dạng số mũ của Excel và đã mất chữ số; "
                "hãy định dạng cột là Văn bản (Text) rồi nhập lại."
            )
        if digit_count >= 19:
            return f"Ô số điện thoại «{raw}» có vẻ ghi hai số; mỗi ô chỉ ghi một số điện thoại."
        return (
            f"Số điện thoại «{raw}» có ký tự không phải chữ số "
            "(chỉ được có chữ số, dấu cách, dấu chấm, gạch ngang, dấu ngoặc và +84)."
        )
    if error.reason is PhoneProblem.WRONG_LENGTH:
        return (
            f"Số điện thoại «{raw}» có {digit_count} chữ số; số di động cần 10 chữ số "
            "(0xxxxxxxxx), số cố định cần 11 chữ số (02xxxxxxxxx)."
        )
    if error.reason is PhoneProblem.OLD_MOBILE_FORMAT:
        return (
            f"Số điện thoại «{raw}» là số di động 11 số kiểu cũ (đã đổi sang 10 số từ năm 2018); "
            "hãy nhập số 10 chữ số hiện dùng."
        )
    if error.reason is PhoneProblem.NOT_DOMESTIC:
        return f"Số điện thoại «{raw}» không phải số Việt Nam (mã quốc gia phải là +84)."
    return (
        f"Số điện thoại «{raw}» không đúng dạng số Việt Nam: số di động bắt đầu bằng 0 "
        "và có 10 chữ số, số cố định bắt đầu bằng 02 và có 11 chữ số."
    )


@phrases(UnknownPhonePrefix)
def _unknown_prefix(warning: UnknownPhonePrefix) -> str:
    return (
        f"Đầu số {warning.prefix} không thuộc nhà mạng nào đã biết — "
        f"kiểm tra lại số điện thoại {warning.number}."
    )


@phrases(LeadingZeroRestored)
def _zero_restored(warning: LeadingZeroRestored) -> str:
    return f"Đã thêm số 0 bị mất ở đầu số điện thoại: {warning.number}."
