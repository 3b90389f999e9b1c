"""Vietnamese sentences for the personal-ID (số định danh / CMND) errors and warnings."""

from __future__ import annotations

from antt_desktop.domain.people import GENDER_LABELS
from antt_desktop.domain.personal_ids import (
    IdBirthYearInFuture,
    IdBirthYearMismatch,
    IdGenderMismatch,
    ImpossibleCenturyDigit,
    LeadingZerosRestored,
    LegacyCmndNumber,
    PersonalIdNotDigits,
    PersonalIdWrongLength,
    UnknownBirthProvinceCode,
)
from antt_desktop.messages import phrases


@phrases(PersonalIdNotDigits)
def _not_digits(error: PersonalIdNotDigits) -> str:
    raw = error.raw.strip()
    if not raw:
        return "Chưa nhập số định danh cá nhân."
    if "E+" in raw.upper():
        return (
            f"Số định danh «{raw}» đang ở dạng số mũ của Excel và đã mất chữ số; "
            "hãy định dạng cột là Văn bản (Text) rồi nhập lại đủ 12 chữ số."
        )
    return f"Số định danh «{raw}» có ký tự không phải chữ số; chỉ được gồm các chữ số từ 0 đến 9."


@phrases(PersonalIdWrongLength)
def _wrong_length(error: PersonalIdWrongLength) -> str:
    return (
        f"Số định danh {error.number} có {error.length} chữ số; "
        "cần 12 chữ số (hoặc 9 chữ số đối với CMND cũ)."
    )


@phrases(UnknownBirthProvinceCode)
def _unknown_province(error: UnknownBirthProvinceCode) -> str:
    return (
        f"Mã tỉnh nơi đăng ký khai sinh «{error.code}» (3 chữ số đầu của số định danh) "
        "không có trong danh mục."
    )


@phrases(ImpossibleCenturyDigit)
def _impossible_century(error: ImpossibleCenturyDigit) -> str:
    first_year = 1900 + 100 * (error.digit // 2)
    return (
        f"Chữ số thứ 4 của số định danh là {error.digit}, "
        f"ứng với người sinh từ năm {first_year} trở đi; "
        "số định danh của người đang sống chỉ có 0, 1, 2 hoặc 3 ở vị trí này."
    )


@phrases(IdBirthYearInFuture)
def _year_in_future(error: IdBirthYearInFuture) -> str:
    return (
        f"Số định danh cho biết năm sinh {error.id_year} (chữ số thứ 4 đến thứ 6), "
        f"sau năm hiện tại {error.current_year}."
    )


@phrases(LeadingZerosRestored)
def _zeros_restored(error: LeadingZerosRestored) -> str:
    return (
        f"Số định danh {error.original} bị mất chữ số 0 ở đầu (thường do Excel); "
        f"đã khôi phục thành {error.restored}, đề nghị kiểm tra lại."
    )


@phrases(LegacyCmndNumber)
def _legacy_cmnd(error: LegacyCmndNumber) -> str:
    return f"Số {error.number} là số CMND 9 chữ số cũ; nên cập nhật số định danh cá nhân 12 chữ số."


@phrases(IdGenderMismatch)
def _gender_mismatch(error: IdGenderMismatch) -> str:
    return (
        f"Chữ số thứ 4 của số định danh cho biết giới tính {GENDER_LABELS[error.id_gender]}, "
        f"nhưng hồ sơ ghi {GENDER_LABELS[error.stated_gender]}."
    )


@phrases(IdBirthYearMismatch)
def _year_mismatch(error: IdBirthYearMismatch) -> str:
    return (
        f"Số định danh cho biết năm sinh {error.id_year} (chữ số thứ 4 đến thứ 6), "
        f"nhưng hồ sơ ghi năm sinh {error.stated_year}."
    )
