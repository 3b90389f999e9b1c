"""Base of the typed domain errors; `antt_desktop.messages` phrases them in Vietnamese."""

from __future__ import annotations

from dataclasses import dataclass, fields, is_dataclass
from typing import TypeVar

_T = TypeVar("_T", bound=type)


class DomainError(Exception):
    """A rule was broken. Subclasses are `@error_dataclass`es that carry data, never sentences."""

    def __str__(self) -> str:  # a readable fallback for logs; users see messages.describe()
        names = [f.name for f in fields(self)] if is_dataclass(self) else []
        args = ", ".join(f"{name}={getattr(self, name)!r}" for name in names)
        return f"{type(self).__name__}({args})"

    def __reduce__(self):
        # BaseException rebuilds from `args` and then sets attributes one by one, which
        # frozen fields refuse; rebuild from the fields instead (errors cross processes in tests).
        if is_dataclass(self):
            return (type(self), tuple(getattr(self, f.name) for f in fields(self)))
        return super().__reduce__()


def error_dataclass(cls: _T) -> _T:
    """`@dataclass(frozen=True, eq=False)` for an exception, minus two traps of frozen ones.

    Python itself sets `__traceback__` on the way out of a `@contextmanager` block and
    `__notes__` in `add_note()`; a plain frozen dataclass turns both into
    FrozenInstanceError. Fields stay frozen; only dunder attributes may be set.
    """
    cls = dataclass(frozen=True, eq=False)(cls)
    frozen_setattr = cls.__setattr__

    def __setattr__(self: BaseException, name: str, value: object) -> None:
        if name.startswith("__") and name.endswith("__"):
            BaseException.__setattr__(self, name, value)
        else:
            frozen_setattr(self, name, value)

    cls.__setattr__ = __setattr__  # type: ignore[assignment]
    return cls


@error_dataclass
class DatabaseUnavailable(DomainError):
    """The database file or server could not be opened (locked, damaged, unreachable)."""

    target: str
    detail: str
