"""Vietnamese sentences for the membership conditions of Luật 30/2023 Điều 13."""

from __future__ import annotations

from datetime import date

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
from antt_desktop.domain.people import EDUCATION_LABELS
from antt_desktop.messages import phrases


def _dmy(value: date) -> str:
    return f"{value.day:02d}/{value.month:02d}/{value.year:04d}"


def _period(months: int) -> str:
    # Legal texts write short counts with two digits: "01 năm" (Điều 13 khoản 4).
    if months % 12 == 0:
        return f"{months // 12:02d} năm"
    return f"{months:02d} tháng"


@phrases(UnderMinimumAge)
def _under_age(error: UnderMinimumAge) -> str:
    age = max(error.age, 0)  # a birth date after `on` gives a negative age
    return f"Chưa đủ {error.minimum_age} tuổi tại ngày {_dmy(error.on)} (mới {age} tuổi)."


@phrases(OverMaximumAge)
def _over_age(error: OverMaximumAge) -> str:
    return (
        f"Đã quá {error.maximum_age} tuổi tại ngày {_dmy(error.on)} (đã {error.age} tuổi); "
        "chỉ được tham gia khi đủ sức khỏe và được Chủ tịch Ủy ban nhân dân cấp xã đồng ý."
    )


@phrases(BirthDateMissing)
def _birth_missing(error: BirthDateMissing) -> str:
    return "Chưa có ngày sinh để xét điều kiện về tuổi."


@phrases(BirthDateIncomplete)
def _birth_incomplete(error: BirthDateIncomplete) -> str:
    if error.is_upper_limit:
        question = f"đã quá {error.limit_age} tuổi tại ngày {_dmy(error.on)} hay chưa"
    else:
        question = f"đã đủ {error.limit_age} tuổi tại ngày {_dmy(error.on)} hay chưa"
    return (
        f"Hồ sơ chỉ ghi năm sinh {error.birth_year}; "
        f"cần bổ sung ngày, tháng sinh để xác định {question}."
    )


@phrases(ResidenceTooShort)
def _residence_short(error: ResidenceTooShort) -> str:
    period = _period(error.required_months)
    if error.since > error.on:
        return (
            f"Ngày bắt đầu cư trú {_dmy(error.since)} sau ngày xét {_dmy(error.on)}; "
            f"cần cư trú ít nhất {period}."
        )
    return f"Thời gian cư trú chưa đủ {period} (từ {_dmy(error.since)} đến {_dmy(error.on)})."


@phrases(ResidenceSinceMissing)
def _residence_missing(error: ResidenceSinceMissing) -> str:
    return "Chưa có ngày bắt đầu thường trú hoặc tạm trú để xét điều kiện cư trú."


@phrases(EducationTooLow)
def _education_low(error: EducationTooLow) -> str:
    return (
        f"Trình độ học vấn «{EDUCATION_LABELS[error.level]}» chưa đạt yêu cầu; "
        f"cần tối thiểu «{EDUCATION_LABELS[error.required]}»."
    )


@phrases(EducationMissing)
def _education_missing(error: EducationMissing) -> str:
    return "Chưa có trình độ học vấn để xét điều kiện tham gia."
