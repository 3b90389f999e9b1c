"""Điều kiện tham gia lực lượng (Luật 30/2023 Điều 13): age, education and residence checks."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import ClassVar

from antt_desktop.domain.errors import DomainError, error_dataclass
from antt_desktop.domain.people import EducationLevel


class FailureSeverity(str, Enum):
    """Both kinds block a recognition decision; the UI shows INCOMPLETE as "cần bổ sung"."""

    BLOCKING = "blocking"       # the person does not meet the condition
    INCOMPLETE = "incomplete"   # the record lacks the data to decide


@dataclass(frozen=True, slots=True)
class MembershipRules:
    """The numbers of Điều 13, kept together so a later text can change them."""

    minimum_age: int = 18                                                # Điều 13 khoản 1: đủ 18
    maximum_age: int = 70                                                # Điều 13 khoản 1: đủ 70
    minimum_residence_months: int = 12                                   # Điều 13 khoản 4: 01 năm
    required_education: EducationLevel = EducationLevel.LOWER_SECONDARY  # Điều 13 khoản 3
    exempt_area_education: EducationLevel = EducationLevel.PRIMARY       # Điều 13 khoản 3


DEFAULT_RULES = MembershipRules()


@dataclass(frozen=True, slots=True)
class Candidate:
    """What Điều 13 needs to know about a person; health and background are checked by people."""

    birth_date: date | None = None
    birth_year: int | None = None           # old lists record only the year
    residence_since: date | None = None     # start of thường trú or tạm trú in the commune
    education_level: EducationLevel | None = None
    in_exempt_area: bool = False            # biên giới, hải đảo, miền núi, ĐBKK, DTTS
    over_70_override: bool = False          # Chủ tịch UBND cấp xã allowed it (Điều 13 khoản 1)


@error_dataclass
class ConditionFailure(DomainError):
    """One condition of Điều 13 that the candidate does not (or not provably) meet."""

    severity: ClassVar[FailureSeverity] = FailureSeverity.BLOCKING


@error_dataclass
class UnderMinimumAge(ConditionFailure):
    age: int
    on: date
    minimum_age: int = DEFAULT_RULES.minimum_age


@error_dataclass
class OverMaximumAge(ConditionFailure):
    age: int
    on: date
    maximum_age: int = DEFAULT_RULES.maximum_age


@error_dataclass
class BirthDateMissing(ConditionFailure):
    severity: ClassVar[FailureSeverity] = FailureSeverity.INCOMPLETE


@error_dataclass
class BirthDateIncomplete(ConditionFailure):
    """Only the year is known and the person reaches `limit_age` some time in year `on.year`."""

    severity: ClassVar[FailureSeverity] = FailureSeverity.INCOMPLETE

    birth_year: int
    on: date
    limit_age: int = DEFAULT_RULES.minimum_age
    is_upper_limit: bool = False


@error_dataclass
class ResidenceTooShort(ConditionFailure):
    since: date
    on: date
    required_months: int = DEFAULT_RULES.minimum_residence_months


@error_dataclass
class ResidenceSinceMissing(ConditionFailure):
    severity: ClassVar[FailureSeverity] = FailureSeverity.INCOMPLETE


@error_dataclass
class EducationTooLow(ConditionFailure):
    level: EducationLevel
    required: EducationLevel


@error_dataclass
class EducationMissing(ConditionFailure):
    severity: ClassVar[FailureSeverity] = FailureSeverity.INCOMPLETE


def add_months(start: date, months: int) -> date:
    """The same day `months` later; a day the target month lacks rolls to the 1st of the next."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    try:
        return date(year, month, start.day)
    except ValueError:
        # 29/02 + 1 year -> 01/03: the period is not complete until the day after 28/02.
        return date(year + month // 12, month % 12 + 1, 1)


def age_on(birth_date: date, on: date) -> int:
    """Full years of age on `on`; a person born 29/02 gains a year on 01/03 in common years."""
    age = on.year - birth_date.year
    if add_months(birth_date, 12 * age) > on:
        age -= 1
    return age


def check_membership_conditions(
    candidate: Candidate, on: date, rules: MembershipRules = DEFAULT_RULES
) -> tuple[ConditionFailure, ...]:
    """Every condition of Điều 13 (age, education, residence) the candidate fails on `on`."""
    return (
        *_check_age(candidate, on, rules),
        *_check_residence(candidate, on, rules),
        *_check_education(candidate, rules),
    )


def _check_age(candidate: Candidate, on: date, rules: MembershipRules) -> list[ConditionFailure]:
    # Điều 13 khoản 1: "từ đủ 18 tuổi đến đủ 70 tuổi"; a 70-year-old qualifies until the
    # 71st birthday. Above 70 needs the Chủ tịch UBND cấp xã's approval.
    if candidate.birth_date is not None:
        youngest = oldest = age_on(candidate.birth_date, on)
        birth_year = candidate.birth_date.year
    elif candidate.birth_year is not None:
        # Year only: the birthday in `on.year` may be passed or not; decide only when
        # both possible ages give the same answer.
        birth_year = candidate.birth_year
        oldest = on.year - birth_year
        youngest = oldest - 1
    else:
        return [BirthDateMissing()]

    failures: list[ConditionFailure] = []
    if oldest < rules.minimum_age:
        failures.append(UnderMinimumAge(oldest, on, rules.minimum_age))
    elif youngest < rules.minimum_age:
        failures.append(BirthDateIncomplete(birth_year, on, rules.minimum_age, is_upper_limit=False))

    if not candidate.over_70_override:
        if youngest > rules.maximum_age:
            failures.append(OverMaximumAge(youngest, on, rules.maximum_age))
        elif oldest > rules.maximum_age:
            failures.append(BirthDateIncomplete(birth_year, on, rules.maximum_age, is_upper_limit=True))
    return failures


def _check_residence(candidate: Candidate, on: date, rules: MembershipRules) -> list[ConditionFailure]:
    # Điều 13 khoản 4: thường trú or tạm trú for at least 01 year before the decision.
    since = candidate.residence_since
    if since is None:
        return [ResidenceSinceMissing()]
    if add_months(since, rules.minimum_residence_months) > on:
        return [ResidenceTooShort(since, on, rules.minimum_residence_months)]
    return []


def _check_education(candidate: Candidate, rules: MembershipRules) -> list[ConditionFailure]:
    # Điều 13 khoản 3: THCS; primary school suffices in the exempt areas.
    level = candidate.education_level
    if level is None:
        return [EducationMissing()]
    required = rules.exempt_area_education if candidate.in_exempt_area else rules.required_education
    if level.rank < required.rank:
        return [EducationTooLow(level, required)]
    return []
