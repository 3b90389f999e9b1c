"""Rows to frozen domain dataclasses and back; field names match column names."""

from __future__ import annotations

import dataclasses
import enum
import typing
from datetime import date, datetime
from functools import cache
from typing import Any, TypeVar

T = TypeVar("T")


@cache
def _field_converters(cls: type) -> tuple[tuple[str, type | None], ...]:
    """For each dataclass field, the Enum class its stored string converts to (or None)."""
    hints = typing.get_type_hints(cls)
    converters = []
    for field in dataclasses.fields(cls):
        hint = hints[field.name]
        enum_type = None
        for candidate in (hint, *typing.get_args(hint)):
            if isinstance(candidate, type) and issubclass(candidate, enum.Enum):
                enum_type = candidate
        converters.append((field.name, enum_type))
    return tuple(converters)


def to_domain(row: Any, cls: type[T], **extra: Any) -> T:
    values = {}
    for name, enum_type in _field_converters(cls):
        if name in extra:
            values[name] = extra[name]
            continue
        if not hasattr(row, name):
            continue
        value = getattr(row, name)
        if enum_type is not None and value is not None:
            value = enum_type(value)
        values[name] = value
    return cls(**values)


def copy_to_row(record: Any, row: Any, *, skip: tuple[str, ...] = ()) -> None:
    for field in dataclasses.fields(record):
        if field.name in skip or not hasattr(type(row), field.name):
            continue
        value = getattr(record, field.name)
        if isinstance(value, enum.Enum):
            value = value.value
        setattr(row, field.name, value)


def to_plain(record: Any) -> dict | None:
    """A JSON-ready dict of a dataclass for the audit log (dates ISO, enums by value)."""
    if record is None:
        return None
    if not dataclasses.is_dataclass(record):
        return _plain_value(record)
    return {f.name: _plain_value(getattr(record, f.name)) for f in dataclasses.fields(record)}


def _plain_value(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if dataclasses.is_dataclass(value):
        return to_plain(value)
    if isinstance(value, dict):
        return {str(k): _plain_value(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain_value(v) for v in value]
    return value
