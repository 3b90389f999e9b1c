"""What services need from storage, as a Protocol; the SQL one lives in store/."""

from __future__ import annotations

from typing import Any, Protocol


class UnitOfWork(Protocol):
    units: Any
    hamlets: Any
    teams: Any
    members: Any
    assignments: Any
    policies: Any
    audit: Any

    def __enter__(self) -> "UnitOfWork": ...

    def __exit__(self, *exc_info) -> None: ...

    def flush(self) -> None: ...

    def commit(self) -> None: ...
