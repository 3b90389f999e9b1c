"""Dates as Vietnamese offices write them: dd/mm/yyyy, or the year alone for old records."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from antt_desktop.domain.errors import DomainError, error_dataclass

_DATE_PATTERN = re.compile(r"^(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})$")
_ISO_PATTERN = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_YEAR_PATTERN = re.compile(r"^(\d{4})$")


@error_dataclass
class UnreadableDate(DomainError):
    text: str


@error_dataclass
class ImpossibleDate(DomainError):
    """The shape is right but the day does not exist, e.g. 31/02/1990."""

    text: str


@error_dataclass
class DateInFuture(DomainError):
    value: date
    today: date


@error_dataclass
class DateTooOld(DomainError):
    value: date


@dataclass(frozen=True, slots=True)
class BirthDate:
    """A full birth date, or only the year when that is all an old list records."""

    full: date | None = None
    year_only: int | None = None

    @property
    def year(self) -> int | None:
        return self.full.year if self.full else self.year_only

    def iso(self) -> str | None:
        if self.full:
            return self.full.isoformat()
        return str(self.year_only) if self.year_only else None


def parse_vn_date(text: str) -> date:
    """dd/mm/yyyy, d/m/yyyy, dd-mm-yyyy, dd.mm.yyyy, or ISO yyyy-mm-dd."""
    cleaned = text.strip()
    match = _DATE_PATTERN.match(cleaned)
    if match:
        day, month, year = (int(part) for part in match.groups())
    else:
        iso = _ISO_PATTERN.match(cleaned)
        if not iso:
            raise UnreadableDate(text)
        year, month, day = (int(part) for part in iso.groups())
    try:
        return date(year, month, day)
    except ValueError:
        raise ImpossibleDate(text) from None


def parse_birth(text: str) -> BirthDate:
    """A birth date as typed: a full date, or a year alone (kept as a year, to complete later)."""
    cleaned = text.strip()
    year = _YEAR_PATTERN.match(cleaned)
    if year:
        value = int(year.group(1))
        if value < 1900:
            raise ImpossibleDate(text)
        return BirthDate(year_only=value)
    return BirthDate(full=parse_vn_date(cleaned))


def format_vn_date(value: date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def format_birth(birth: BirthDate) -> str:
    if birth.full:
        return format_vn_date(birth.full)
    return str(birth.year_only) if birth.year_only else ""


def check_not_future(value: date, today: date) -> None:
    if value > today:
        raise DateInFuture(value, today)


def check_plausible_birth(value: date, today: date) -> None:
    check_not_future(value, today)
    if value.year < 1900:
        raise DateTooOld(value)


def month_bounds(year: int, month: int) -> tuple[date, date]:
    """First and last day of a month."""
    first = date(year, month, 1)
    following = date(year + (month == 12), month % 12 + 1, 1)
    return first, date.fromordinal(following.toordinal() - 1)
