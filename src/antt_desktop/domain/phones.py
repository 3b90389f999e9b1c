"""Vietnamese phone numbers: cleaning what forms and spreadsheets hold into 0xxxxxxxxx."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import Enum
from types import MappingProxyType

from antt_desktop.domain.errors import DomainError, error_dataclass


# REFERENCE §8.3: 10-digit mobile prefixes since the 2018 conversion. 099 (Gmobile),
# 087 (Itel) and 055 (Wintel, formerly Reddi: name from memory) are UNCONFIRMED in the
# sources but seen on real lists.
MOBILE_CARRIERS: MappingProxyType[str, str] = MappingProxyType(
    {
        **dict.fromkeys(("086", "096", "097", "098"), "Viettel"),
        **dict.fromkeys((f"03{digit}" for digit in range(2, 10)), "Viettel"),
        **dict.fromkeys(("088", "091", "094", "081", "082", "083", "084", "085"), "VinaPhone"),
        **dict.fromkeys(("089", "090", "093", "070", "076", "077", "078", "079"), "MobiFone"),
        **dict.fromkeys(("092", "056", "058"), "Vietnamobile"),
        **dict.fromkeys(("059", "099"), "Gmobile"),
        "087": "Itel",
        "055": "Wintel",
    }
)


class PhoneProblem(Enum):
    """Why a phone number was refused."""

    EMPTY = "empty"
    NON_DIGIT = "non_digit"                  # letters or symbols other than . - ( ) + and spaces
    WRONG_LENGTH = "wrong_length"            # neither 10 digits (mobile) nor 11 (landline 02…)
    OLD_MOBILE_FORMAT = "old_mobile_format"  # 11-digit 01xx… mobile, converted to 10 digits in 2018
    NOT_DOMESTIC = "not_domestic"            # a country code other than +84
    BAD_START = "bad_start"                  # right length but starting like no Vietnamese number


@error_dataclass
class InvalidPhoneNumber(DomainError):
    raw: str
    reason: PhoneProblem


@error_dataclass
class UnknownPhonePrefix(DomainError):
    """A warning: 10 digits starting with 0, but no known carrier has this prefix."""

    prefix: str
    number: str


@error_dataclass
class LeadingZeroRestored(DomainError):
    """A warning: a spreadsheet had stored the number as a number and lost its leading 0."""

    number: str


@dataclass(frozen=True, slots=True)
class PhoneCheck:
    """A cleaned number (0xxxxxxxxx, or 02xxxxxxxxx for a landline) and what to warn about."""

    number: str
    warnings: tuple[DomainError, ...] = ()

    @property
    def carrier(self) -> str | None:
        """The mobile carrier of the prefix, None for a landline or an unknown prefix."""
        return MOBILE_CARRIERS.get(self.number[:3]) if len(self.number) == 10 else None

    @property
    def is_landline(self) -> bool:
        return len(self.number) == 11


# Two numbers in one cell ("0912345678 / 0987654321") are refused, not split: which one
# to keep is the user's call.
_SEPARATORS = re.compile(r"[\s.\-()]")
_EXCEL_FLOAT = re.compile(r"(\d+)\.0+")  # 912345678.0: a number cell read as a float
_COUNTRY_CODE = "84"


def normalize_phone(raw: str | int | float) -> PhoneCheck:
    """The number as 0xxxxxxxxx (mobile) or 02xxxxxxxxx (landline); InvalidPhoneNumber otherwise.

    Accepts spaces, dots, dashes and brackets, +84/84/0084, a lost leading zero (warned)
    and spreadsheet floats; warns, rather than refuses, on an unknown mobile prefix.
    """
    text = _as_text(raw)
    if not text:
        raise InvalidPhoneNumber(text, PhoneProblem.EMPTY)
    excel = _EXCEL_FLOAT.fullmatch(text)
    if excel:
        text = excel.group(1)
    has_plus = text.lstrip("(").startswith("+")
    digits = _SEPARATORS.sub("", text.replace("+", "", 1) if has_plus else text)
    if not digits:
        raise InvalidPhoneNumber(text, PhoneProblem.EMPTY)
    if not digits.isascii() or not digits.isdigit():
        raise InvalidPhoneNumber(text, PhoneProblem.NON_DIGIT)

    warnings: list[DomainError] = []
    if has_plus or digits.startswith("00"):
        international = digits.removeprefix("00") if not has_plus else digits
        if not international.startswith(_COUNTRY_CODE):
            raise InvalidPhoneNumber(text, PhoneProblem.NOT_DOMESTIC)
        # "+84 (0) 912…": the trunk 0 written after the country code is dropped.
        national = "0" + international[len(_COUNTRY_CODE):].removeprefix("0")
    elif digits.startswith(_COUNTRY_CODE) and len(digits) in (11, 12):
        national = "0" + digits[len(_COUNTRY_CODE):]
    elif not digits.startswith("0") and (
        len(digits) == 9 or (len(digits) == 10 and digits.startswith("2"))
    ):
        national = "0" + digits
        warnings.append(LeadingZeroRestored(national))
    else:
        national = digits

    if len(national) == 11 and national.startswith("01"):
        raise InvalidPhoneNumber(text, PhoneProblem.OLD_MOBILE_FORMAT)
    if len(national) not in (10, 11):
        raise InvalidPhoneNumber(text, PhoneProblem.WRONG_LENGTH)
    if not national.startswith("0") or (len(national) == 11 and not national.startswith("02")):
        raise InvalidPhoneNumber(text, PhoneProblem.BAD_START)
    if len(national) == 10 and national[:3] not in MOBILE_CARRIERS:
        warnings.append(UnknownPhonePrefix(national[:3], national))
    return PhoneCheck(national, tuple(warnings))


def normalize_optional_phone(raw: str | int | float | None) -> PhoneCheck | None:
    """Like normalize_phone, but blank, None or a placeholder such as "-" gives None."""
    if raw is None:
        return None
    try:
        return normalize_phone(raw)
    except InvalidPhoneNumber as error:
        if error.reason is PhoneProblem.EMPTY:
            return None
        raise


def _as_text(raw: str | int | float) -> str:
    # Spreadsheet readers hand over numbers: 912345678 or 912345678.0 (the 0 already lost).
    if isinstance(raw, bool):
        raise TypeError("a phone number cannot be a bool")
    if isinstance(raw, float):
        if not raw.is_integer():
            return repr(raw)
        raw = int(raw)
    if isinstance(raw, int):
        if raw < 0:
            # As text its "-" would be taken for a separator and the number would pass.
            raise InvalidPhoneNumber(str(raw), PhoneProblem.NON_DIGIT)
        return str(raw)
    if not isinstance(raw, str):
        raise TypeError(f"a phone number is str or int, not {type(raw).__name__}")
    # NFKC turns full-width digits (０９１２) and NBSP into their plain forms.
    return " ".join(unicodedata.normalize("NFKC", raw).split())
