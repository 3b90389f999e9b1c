"""Số định danh cá nhân / CCCD (12 digits) and the legacy CMND (9 digits): cleaning and checks."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from enum import Enum

from antt_desktop.domain.errors import DomainError, error_dataclass
from antt_desktop.domain.people import Gender

CCCD_LENGTH = 12
CMND_LENGTH = 9
MASK_KEEP_DIGITS = 4

# Separators people type or paste: spaces (incl. NBSP, zero-width), dots, dashes.
_SEPARATORS = re.compile(r"[\s.\-\u2010-\u2015\u200b\ufeff]+")
# "079123456789.0": Excel wrote a number cell as float text.
_FLOAT_TEXT = re.compile(r"^([0-9]+)\.0+$")
_DIGITS = re.compile(r"^[0-9]+$")


class IdKind(str, Enum):
    """Which identity number a person holds."""

    CCCD = "cccd"   # số định danh cá nhân, 12 digits (also the CCCD / thẻ căn cước number)
    CMND = "cmnd"   # chứng minh nhân dân, 9 digits, no longer issued


@error_dataclass
class InvalidPersonalId(DomainError):
    """The number cannot be a valid personal ID; the caller must reject it."""


@error_dataclass
class PersonalIdNotDigits(InvalidPersonalId):
    raw: str


@error_dataclass
class PersonalIdWrongLength(InvalidPersonalId):
    number: str
    length: int


@error_dataclass
class UnknownBirthProvinceCode(InvalidPersonalId):
    code: str
    number: str = ""


@error_dataclass
class ImpossibleCenturyDigit(InvalidPersonalId):
    """Digit 4 is 4–9: a birth in the 22nd century or later (REFERENCE §8.1)."""

    digit: int
    number: str = ""


@error_dataclass
class IdBirthYearInFuture(InvalidPersonalId):
    """Century digit and digits 5–6 give a birth year after the current year."""

    id_year: int
    current_year: int
    number: str = ""


@error_dataclass
class PersonalIdWarning(DomainError):
    """The number is accepted, but someone should look at it."""


@error_dataclass
class LeadingZerosRestored(PersonalIdWarning):
    original: str
    restored: str


@error_dataclass
class LegacyCmndNumber(PersonalIdWarning):
    number: str


@error_dataclass
class IdGenderMismatch(PersonalIdWarning):
    id_gender: Gender
    stated_gender: Gender


@error_dataclass
class IdBirthYearMismatch(PersonalIdWarning):
    id_year: int
    stated_year: int


@dataclass(frozen=True, slots=True)
class PersonalIdCheck:
    """A cleaned identity number and what its digits say about the holder."""

    number: str
    kind: IdKind
    province_code: str | None
    province_name: str | None
    gender_from_id: Gender | None
    birth_year_from_id: int | None
    warnings: tuple[DomainError, ...] = ()


def check_personal_id(
    raw: str | int | float,
    *,
    province_codes: Mapping[str, str],
    birth_date: date | None = None,
    birth_year: int | None = None,
    gender: Gender | None = None,
    today: date | None = None,
) -> PersonalIdCheck:
    """Clean and check a 12-digit personal ID or a 9-digit CMND; raise InvalidPersonalId.

    `birth_date` wins over `birth_year` when both are given. `today` defaults to the
    system date and only bounds the birth year the ID may encode.
    """
    digits = _clean(raw)
    current_year = (today or date.today()).year
    length = len(digits)

    if length == CCCD_LENGTH:
        check = _check_cccd(digits, province_codes, current_year)
    elif length == CMND_LENGTH:
        check = _cmnd(digits)
    elif length in (CCCD_LENGTH - 1, CCCD_LENGTH - 2, CMND_LENGTH - 1):
        check = _restore_leading_zeros(digits, province_codes, current_year)
    else:
        raise PersonalIdWrongLength(digits, length)

    if check.kind is IdKind.CMND:
        return check
    return _with_stated_facts(check, birth_date, birth_year, gender)


def mask_personal_id(number: str) -> str:
    """Hide all but the last 4 digits ("********2345"), for printed lists that mask IDs."""
    if len(number) <= MASK_KEEP_DIGITS:
        return "*" * len(number)
    return "*" * (len(number) - MASK_KEEP_DIGITS) + number[-MASK_KEEP_DIGITS:]


def _clean(raw: str | int | float) -> str:
    if isinstance(raw, bool):
        raise PersonalIdNotDigits(str(raw))
    if isinstance(raw, int):
        if abs(raw) >= 10 ** 40:  # Python refuses str() past 4,300 digits; no ID is near this (#8)
            raise PersonalIdWrongLength("…", int(abs(raw).bit_length() * 0.30103) + 1)
        if raw < 0:
            raise PersonalIdNotDigits(str(raw))
        return str(raw)
    if isinstance(raw, float):
        # openpyxl may hand a number cell over as a float; 12 digits are exact in a double.
        if not raw.is_integer() or raw < 0:
            raise PersonalIdNotDigits(repr(raw))
        return str(int(raw))
    # NFKC turns full-width digits (from some Vietnamese input methods) into ASCII.
    text = unicodedata.normalize("NFKC", str(raw)).strip()
    # A leading apostrophe is how Excel users force a number cell to stay text.
    text = text.lstrip("'’‘`").strip()
    float_text = _FLOAT_TEXT.match(text)
    if float_text:
        text = float_text.group(1)
    digits = _SEPARATORS.sub("", text)
    if not _DIGITS.match(digits):
        raise PersonalIdNotDigits(str(raw))
    return digits


def _check_cccd(number: str, province_codes: Mapping[str, str], current_year: int) -> PersonalIdCheck:
    # REFERENCE §8.1: digits 1–3 province, 4 century and sex, 5–6 year, 7–12 random.
    code = number[:3]
    if code not in province_codes:
        raise UnknownBirthProvinceCode(code, number)
    century_digit = int(number[3])
    # 0/1 = 1900s, 2/3 = 2000s; 4–9 are 2100s and later, impossible for a living person.
    if century_digit > 3:
        raise ImpossibleCenturyDigit(century_digit, number)
    id_year = 1900 + 100 * (century_digit // 2) + int(number[4:6])
    if id_year > current_year:
        raise IdBirthYearInFuture(id_year, current_year, number)
    return PersonalIdCheck(
        number=number,
        kind=IdKind.CCCD,
        province_code=code,
        province_name=province_codes[code],
        gender_from_id=Gender.MALE if century_digit % 2 == 0 else Gender.FEMALE,
        birth_year_from_id=id_year,
    )


def _cmnd(number: str) -> PersonalIdCheck:
    # The CMND number has no documented structure we rely on; accept it, flag it.
    return PersonalIdCheck(
        number=number,
        kind=IdKind.CMND,
        province_code=None,
        province_name=None,
        gender_from_id=None,
        birth_year_from_id=None,
        warnings=(LegacyCmndNumber(number),),
    )


def _restore_leading_zeros(
    digits: str, province_codes: Mapping[str, str], current_year: int
) -> PersonalIdCheck:
    # A spreadsheet stored the ID as a number and dropped its leading zeros; every
    # province code starts with 0, so 11 or 10 digits are a plausible CCCD, 8 a CMND.
    target = CMND_LENGTH if len(digits) < CMND_LENGTH else CCCD_LENGTH
    restored = digits.zfill(target)
    if target == CMND_LENGTH:
        check = _cmnd(restored)
    else:
        try:
            check = _check_cccd(restored, province_codes, current_year)
        except InvalidPersonalId:
            raise PersonalIdWrongLength(digits, len(digits)) from None
    warning = LeadingZerosRestored(digits, restored)
    return replace(check, warnings=(warning, *check.warnings))


def _with_stated_facts(
    check: PersonalIdCheck,
    birth_date: date | None,
    birth_year: int | None,
    gender: Gender | None,
) -> PersonalIdCheck:
    found: list[DomainError] = []
    # REFERENCE §8.1: digit 4 parity gives the sex (even = male).
    if gender is not None and check.gender_from_id is not None and gender is not check.gender_from_id:
        found.append(IdGenderMismatch(check.gender_from_id, gender))
    stated_year = birth_date.year if birth_date is not None else birth_year
    if (
        stated_year is not None
        and check.birth_year_from_id is not None
        and stated_year != check.birth_year_from_id
    ):
        found.append(IdBirthYearMismatch(check.birth_year_from_id, stated_year))
    if not found:
        return check
    return replace(check, warnings=(*check.warnings, *found))

