"""Every personal-ID and Điều 13 error has its own Vietnamese sentence."""

from __future__ import annotations

import inspect
import unicodedata
from datetime import date

import pytest

from antt_desktop.domain import eligibility, personal_ids
from antt_desktop.domain.eligibility import (
    BirthDateIncomplete,
    BirthDateMissing,
    EducationMissing,
    EducationTooLow,
    OverMaximumAge,
    ResidenceSinceMissing,
    ResidenceTooShort,
    UnderMinimumAge,
)
from antt_desktop.domain.errors import DomainError
from antt_desktop.domain.people import EducationLevel, Gender
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
from antt_desktop.messages import describe

ON = date(2026, 7, 1)

SENTENCES = [
    (PersonalIdNotDigits("00108501234X"),
     "Số định danh «00108501234X» có ký tự không phải chữ số; chỉ được gồm các chữ số từ 0 đến 9."),
    (PersonalIdNotDigits(""), "Chưa nhập số định danh cá nhân."),
    (PersonalIdNotDigits("1.08501E+11"),
     "Số định danh «1.08501E+11» đang ở dạng số mũ của Excel và đã mất chữ số; "
     "hãy định dạng cột là Văn bản (Text) rồi nhập lại đủ 12 chữ số."),
    (PersonalIdWrongLength("0791234567", 10),
     "Số định danh 0791234567 có 10 chữ số; cần 12 chữ số (hoặc 9 chữ số đối với CMND cũ)."),
    (UnknownBirthProvinceCode("099", "099085012345"),
     "Mã tỉnh nơi đăng ký khai sinh «099» (3 chữ số đầu của số định danh) không có trong danh mục."),
    (ImpossibleCenturyDigit(4, "001485012345"),
     "Chữ số thứ 4 của số định danh là 4, ứng với người sinh từ năm 2100 trở đi; "
     "số định danh của người đang sống chỉ có 0, 1, 2 hoặc 3 ở vị trí này."),
    (ImpossibleCenturyDigit(9),
     "Chữ số thứ 4 của số định danh là 9, ứng với người sinh từ năm 2300 trở đi; "
     "số định danh của người đang sống chỉ có 0, 1, 2 hoặc 3 ở vị trí này."),
    (IdBirthYearInFuture(2087, 2026),
     "Số định danh cho biết năm sinh 2087 (chữ số thứ 4 đến thứ 6), sau năm hiện tại 2026."),
    (LeadingZerosRestored("79123456789", "079123456789"),
     "Số định danh 79123456789 bị mất chữ số 0 ở đầu (thường do Excel); "
     "đã khôi phục thành 079123456789, đề nghị kiểm tra lại."),
    (LegacyCmndNumber("012345678"),
     "Số 012345678 là số CMND 9 chữ số cũ; nên cập nhật số định danh cá nhân 12 chữ số."),
    (IdGenderMismatch(Gender.FEMALE, Gender.MALE),
     "Chữ số thứ 4 của số định danh cho biết giới tính Nữ, nhưng hồ sơ ghi Nam."),
    (IdBirthYearMismatch(1985, 1986),
     "Số định danh cho biết năm sinh 1985 (chữ số thứ 4 đến thứ 6), nhưng hồ sơ ghi năm sinh 1986."),
    (UnderMinimumAge(17, ON), "Chưa đủ 18 tuổi tại ngày 01/07/2026 (mới 17 tuổi)."),
    (OverMaximumAge(71, ON),
     "Đã quá 70 tuổi tại ngày 01/07/2026 (đã 71 tuổi); chỉ được tham gia khi đủ sức khỏe "
     "và được Chủ tịch Ủy ban nhân dân cấp xã đồng ý."),
    (BirthDateMissing(), "Chưa có ngày sinh để xét điều kiện về tuổi."),
    (BirthDateIncomplete(2008, ON, 18, False),
     "Hồ sơ chỉ ghi năm sinh 2008; cần bổ sung ngày, tháng sinh để xác định "
     "đã đủ 18 tuổi tại ngày 01/07/2026 hay chưa."),
    (BirthDateIncomplete(1955, ON, 70, True),
     "Hồ sơ chỉ ghi năm sinh 1955; cần bổ sung ngày, tháng sinh để xác định "
     "đã quá 70 tuổi tại ngày 01/07/2026 hay chưa."),
    (ResidenceTooShort(date(2026, 3, 15), ON),
     "Thời gian cư trú chưa đủ 01 năm (từ 15/03/2026 đến 01/07/2026)."),
    (ResidenceTooShort(date(2026, 3, 5), ON, 6),
     "Thời gian cư trú chưa đủ 06 tháng (từ 05/03/2026 đến 01/07/2026)."),
    (ResidenceTooShort(date(2026, 9, 1), ON),
     "Ngày bắt đầu cư trú 01/09/2026 sau ngày xét 01/07/2026; cần cư trú ít nhất 01 năm."),
    (ResidenceSinceMissing(), "Chưa có ngày bắt đầu thường trú hoặc tạm trú để xét điều kiện cư trú."),
    (EducationTooLow(EducationLevel.PRIMARY, EducationLevel.LOWER_SECONDARY),
     "Trình độ học vấn «Tiểu học» chưa đạt yêu cầu; cần tối thiểu «Trung học cơ sở»."),
    (EducationMissing(), "Chưa có trình độ học vấn để xét điều kiện tham gia."),
]


@pytest.mark.parametrize(("error", "sentence"), SENTENCES, ids=[type(e).__name__ for e, _ in SENTENCES])
def test_sentence(error, sentence):
    assert describe(error) == sentence
    assert unicodedata.is_normalized("NFC", describe(error))


def _concrete_errors(module) -> set[type]:
    return {
        cls
        for _, cls in inspect.getmembers(module, inspect.isclass)
        if issubclass(cls, DomainError) and cls.__module__ == module.__name__
        and not cls.__name__.startswith("_")
        and cls not in (personal_ids.InvalidPersonalId, personal_ids.PersonalIdWarning,
                        eligibility.ConditionFailure)
    }


def test_every_error_type_has_a_sentence_in_the_table():
    covered = {type(error) for error, _ in SENTENCES}
    assert _concrete_errors(personal_ids) | _concrete_errors(eligibility) == covered


@pytest.mark.parametrize("error", [error for error, _ in SENTENCES], ids=lambda e: type(e).__name__)
def test_no_error_falls_back_to_the_generic_sentence(error):
    sentence = describe(error)
    assert not sentence.startswith("Lỗi không mong đợi")
    assert sentence.endswith(".")
