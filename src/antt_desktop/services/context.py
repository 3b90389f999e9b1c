"""What every service receives: how to open a unit of work, who acts, and the clock."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime

from antt_desktop.services.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class ServiceContext:
    new_uow: Callable[[], UnitOfWork]
    actor: str
    clock: Callable[[], datetime]
    province_codes: Mapping[str, str]

    def today(self) -> date:
        return self.clock().date()
