"""What every service receives: how to open a unit of work, who acts, and the clock."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime

from antt_desktop.domain.access import Permission, Role, require
from antt_desktop.services.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class ServiceContext:
    new_uow: Callable[[], UnitOfWork]
    actor: str
    clock: Callable[[], datetime]
    province_codes: Mapping[str, str]
    # Until accounts exist (first run, the CLI run by the machine's owner) the actor is the
    # administrator; after login the UI builds a context with the user's role (issue #8).
    role: Role = Role.ADMIN

    def today(self) -> date:
        return self.clock().date()

    def require(self, permission: Permission) -> None:
        """Raise PermissionDenied unless the acting user's role allows `permission`."""
        require(self.role, permission)
