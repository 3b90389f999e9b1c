"""Money in whole đồng: display with dot separators, reading in words, parsing what users type."""

from __future__ import annotations

import re
import unicodedata

from antt_desktop.domain.errors import DomainError, error_dataclass


@error_dataclass
class InvalidAmount(DomainError):
    """The text is not a whole number of đồng (letters, decimals, misplaced separators)."""

    text: str


def _require_dong(amount: int) -> int:
    # bool is an int subclass, and a float would hide rounding: both are programming errors.
    if isinstance(amount, bool) or not isinstance(amount, int):
        raise TypeError(f"amount must be int đồng, not {type(amount).__name__}")
    return amount


def format_amount(amount: int) -> str:
    """The number with Vietnamese thousands dots, for table cells: 1980000 → "1.980.000"."""
    _require_dong(amount)
    sign = "-" if amount < 0 else ""
    return sign + f"{abs(amount):,}".replace(",", ".")


def format_dong(amount: int) -> str:
    """The amount with its unit: 1980000 → "1.980.000 đ"."""
    return format_amount(amount) + " đ"


# --- Amount in words (số tiền bằng chữ) --------------------------------------------------
#
# Accounting convention (payroll sheets, phiếu chi, MISA-style software), not num2words:
# - every group of three digits after the first is read with its hundreds, so
#   1.005.000 is "một triệu không trăm linh năm nghìn", never "một triệu năm nghìn";
# - a group that is all zeros is skipped: 1.000.000 is "một triệu";
# - a zero tens digit reads "linh" (not "lẻ"); thousands read "nghìn" (not "ngàn"); "tỷ";
# - after a tens digit of 2 or more, 1 reads "mốt", 4 reads "tư" and 5 reads "lăm"
#   (21 "hai mươi mốt", 24 "hai mươi tư", 25 "hai mươi lăm"); after "mười" only 5 changes
#   (14 "mười bốn", 15 "mười lăm"); after "linh" none does (104 "một trăm linh bốn");
# - above a tỷ the count of tỷ is read like any number: 10^12 "một nghìn tỷ",
#   10^15 "một triệu tỷ", 10^18 "một tỷ tỷ".

_DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
_BILLION = 1_000_000_000
_GROUPS_BELOW_BILLION = ((1_000_000, "triệu"), (1_000, "nghìn"), (1, ""))


def amount_in_words(amount: int) -> str:
    """The amount read for documents: 1005000 → "Một triệu không trăm linh năm nghìn đồng"."""
    _require_dong(amount)
    if amount == 0:
        words = ["không"]
    else:
        words = _read_number(abs(amount), is_leading=True)
        if amount < 0:
            words.insert(0, "âm")
    text = " ".join([*words, "đồng"])
    return text[0].upper() + text[1:]


def _read_number(number: int, *, is_leading: bool) -> list[str]:
    """Words for a positive number; `is_leading` is False when digits come before it."""
    if number >= _BILLION:
        billions, rest = divmod(number, _BILLION)
        return [
            *_read_number(billions, is_leading=is_leading),
            "tỷ",
            *_read_below_billion(rest, is_leading=False),
        ]
    return _read_below_billion(number, is_leading=is_leading)


def _read_below_billion(number: int, *, is_leading: bool) -> list[str]:
    words: list[str] = []
    has_digits_before = not is_leading
    for size, name in _GROUPS_BELOW_BILLION:
        group = number // size % 1000
        if group == 0:
            continue
        words += _read_group(group, with_hundreds=has_digits_before)
        if name:
            words.append(name)
        has_digits_before = True
    return words


def _read_group(group: int, *, with_hundreds: bool) -> list[str]:
    hundreds, tens, units = group // 100, group // 10 % 10, group % 10
    words: list[str] = []
    if with_hundreds or hundreds:
        words += [_DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units:
            if words:
                words.append("linh")
            words.append(_DIGITS[units])
    elif tens == 1:
        words.append("mười")
        if units:
            words.append("lăm" if units == 5 else _DIGITS[units])
    else:
        words += [_DIGITS[tens], "mươi"]
        if units:
            words.append({1: "mốt", 4: "tư", 5: "lăm"}.get(units, _DIGITS[units]))
    return words


# --- Parsing -----------------------------------------------------------------------------

_UNIT_SUFFIX = re.compile(r"\s*(?:đồng|đ|₫|vnđ|vnd)\.?\s*$", re.IGNORECASE)
# Thousands are grouped by one kind of separator used throughout ("." "," or a space);
# a decimal part is allowed only when it is zero (",00" from spreadsheets) and uses the
# other separator, so "1.980" is one thousand nine hundred eighty, never 1.98.
_AMOUNT = re.compile(
    r"""
    (?P<sign>[-−])?\s*
    (?P<whole>\d{1,3}(?P<group>[., ])\d{3}(?:(?P=group)\d{3})* | \d+)
    (?:(?P<decimal>[.,])0{1,2})?
    """,
    re.VERBOSE | re.ASCII,
)


def parse_amount(text: str) -> int:
    """Whole đồng from "1.980.000", "1980000", "1 980 000 đ" or "1,980,000"; else InvalidAmount."""
    cleaned = " ".join(unicodedata.normalize("NFKC", text).split())
    cleaned = _UNIT_SUFFIX.sub("", cleaned)
    match = _AMOUNT.fullmatch(cleaned)
    if not match or (match["decimal"] and match["decimal"] == match["group"]):
        raise InvalidAmount(text)
    digits = re.sub(r"\D", "", match["whole"])
    return -int(digits) if match["sign"] else int(digits)
