"""The higher unit's read models over its communes: the board of packages, shared ID numbers,
consolidated statistics (issue #6 §4). Pure data and one rule: who is late this month.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import Enum

DEFAULT_DUE_DAY = 5      # a commune's package is due by the 5th of each month (unit setting `sync_due_day`)


class BoardStatus(str, Enum):
    ON_TIME = "dung_han"            # this month's package arrived by the due day
    LATE = "muon"                   # this month's package arrived after the due day
    WAITING = "chua_den_han"        # nothing yet this month, the due day has not passed
    MISSING = "chua_gui"            # nothing yet this month, the due day has passed
    NEVER = "chua_tung_gui"         # no package ever


BOARD_STATUS_LABELS = {
    BoardStatus.ON_TIME: "Đã gửi đúng hạn",
    BoardStatus.LATE: "Gửi muộn",
    BoardStatus.WAITING: "Chưa đến hạn",
    BoardStatus.MISSING: "Chưa gửi (quá hạn)",
    BoardStatus.NEVER: "Chưa từng gửi",
}


def board_status(last_received_on: date | None, today: date, due_day: int) -> BoardStatus:
    """Where a commune stands this month, from the day its last package arrived."""
    if last_received_on is None:
        return BoardStatus.NEVER
    if (last_received_on.year, last_received_on.month) == (today.year, today.month):
        return BoardStatus.ON_TIME if last_received_on.day <= due_day else BoardStatus.LATE
    return BoardStatus.WAITING if today.day <= due_day else BoardStatus.MISSING


@dataclass(frozen=True, slots=True)
class CommuneBoardRow:
    unit_code: str
    unit_name: str
    status: BoardStatus
    last_sequence: int | None = None
    last_created_at: datetime | None = None      # when the commune made the package
    last_received_at: datetime | None = None     # when it was applied here
    packages: int = 0
    active_members: int = 0
    has_key: bool = False

    @property
    def needs_attention(self) -> bool:
        return self.status in (BoardStatus.LATE, BoardStatus.MISSING, BoardStatus.NEVER)


@dataclass(frozen=True, slots=True)
class SharedIdEntry:
    """One of the members who share an ID number across communes."""

    member_id: str
    unit_code: str
    unit_name: str
    full_name: str
    birth_date: date | None
    birth_year: int | None


@dataclass(frozen=True, slots=True)
class SharedIdNumber:
    id_number: str
    entries: tuple[SharedIdEntry, ...]


@dataclass(frozen=True, slots=True)
class CommuneStatistics:
    unit_code: str
    unit_name: str
    hamlets: int = 0
    teams: int = 0
    active: int = 0
    proposed: int = 0
    left: int = 0
    leaders: int = 0
    deputies: int = 0
    team_members: int = 0
    male: int = 0
    female: int = 0
    below_lower_secondary: int = 0
    prior_forces: dict = field(default_factory=dict)   # PriorForce value → active members
    bhyt_valid: int = 0
    bhxh: int = 0


STATISTIC_FIELDS = ("hamlets", "teams", "active", "proposed", "left", "leaders", "deputies", "team_members",
                    "male", "female", "below_lower_secondary", "bhyt_valid", "bhxh")


@dataclass(frozen=True)
class ConsolidatedStatistics:
    on: date
    communes: tuple[CommuneStatistics, ...]
    total: CommuneStatistics
