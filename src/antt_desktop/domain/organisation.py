"""Thôn/tổ dân phố, the Tổ bảo vệ ANTT that covers them, and the position history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from antt_desktop.domain.errors import DomainError, error_dataclass
from antt_desktop.domain.people import HamletKind, Position


@dataclass(frozen=True, slots=True)
class Hamlet:
    """Thôn / tổ dân phố (Luật 30/2023 Điều 2: cơ sở)."""

    id: str
    unit_code: str
    name: str
    kind: HamletKind
    households: int | None = None
    residents: int | None = None
    is_complex: bool = False        # địa bàn phức tạp về an ninh, trật tự
    is_exempt_area: bool = False    # vùng biên giới, miền núi…: tiểu học là đủ (Điều 13)
    note: str = ""


@dataclass(frozen=True, slots=True)
class HamletDraft:
    name: str
    kind: HamletKind = HamletKind.VILLAGE
    households: int | None = None
    residents: int | None = None
    is_complex: bool = False
    is_exempt_area: bool = False
    note: str = ""


@dataclass(frozen=True, slots=True)
class Team:
    """Tổ bảo vệ an ninh, trật tự."""

    id: str
    unit_code: str
    name: str
    hamlet_id: str
    establishing_decision_id: str | None = None
    quota_override: int | None = None
    established_on: date | None = None
    dissolved_on: date | None = None


@dataclass(frozen=True, slots=True)
class Assignment:
    """A member holds `position` in `team_id` from `started_on` (to `ended_on`), by a decision."""

    id: str
    unit_code: str
    member_id: str
    team_id: str
    position: Position
    started_on: date
    ended_on: date | None = None
    decision_id: str | None = None
    end_decision_id: str | None = None

    @property
    def is_open(self) -> bool:
        return self.ended_on is None


@error_dataclass
class HamletNameMissing(DomainError):
    pass


@error_dataclass
class DuplicateHamletName(DomainError):
    name: str


@error_dataclass
class NegativeCount(DomainError):
    field: str
    value: int


@error_dataclass
class TeamNameMissing(DomainError):
    pass


@error_dataclass
class HamletInUse(DomainError):
    """A hamlet that teams or members refer to cannot be deleted."""

    name: str
    teams: int
    members: int


@error_dataclass
class QuotaTooSmall(DomainError):
    """Luật 30/2023 Điều 16: a team has a Tổ trưởng, a Tổ phó and Tổ viên, so at least 3."""

    value: int
    minimum: int


@error_dataclass
class RecordNotFound(DomainError):
    entity: str
    record_id: str


@error_dataclass
class MemberAlreadyAssigned(DomainError):
    member_name: str
    team_name: str


@error_dataclass
class PositionAlreadyTaken(DomainError):
    team_name: str
    position: Position
    holder_name: str


@error_dataclass
class AssignmentDatesInvalid(DomainError):
    started_on: date
    ended_on: date


@error_dataclass
class MemberHasLeft(DomainError):
    member_name: str


def validate_hamlet(draft: HamletDraft) -> None:
    if not draft.name.strip():
        raise HamletNameMissing()
    for field_name in ("households", "residents"):
        value = getattr(draft, field_name)
        if value is not None and value < 0:
            raise NegativeCount(field_name, value)
