"""The signed manifest of a package and the plain content it describes (DESIGN §5).

A package holds tables of plain JSON values (`TableData`: column names and rows) and
photos keyed by their SHA-256. The manifest names the format version, the program version,
the source unit and its key fingerprint, the recipients (so that a package signed for one
unit cannot be re-encrypted for another), the sequence number, the time, the record
counts, and the SHA-256 and size of every other entry of the archive.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum
from typing import Any

from antt_desktop.sync.errors import ManifestInvalid, UnsupportedFormat

FORMAT_VERSION = 1


class PackageKind(str, Enum):
    COMMUNE_DATA = "commune_data"   # a commune's full snapshot, for its higher unit
    RECEIPT = "receipt"             # the higher unit says: package N arrived and was applied
    REFERENCE = "reference"         # policy versions and the lương cơ sở table, for communes


@dataclass(frozen=True, slots=True)
class TableData:
    """Rows of one table as lists of plain JSON values, in `columns` order."""

    columns: tuple[str, ...]
    rows: list[list[Any]]

    def dicts(self) -> list[dict[str, Any]]:
        columns = self.columns
        return [dict(zip(columns, row)) for row in self.rows]

    def column(self, name: str) -> list[Any]:
        index = self.columns.index(name)
        return [row[index] for row in self.rows]


@dataclass(frozen=True)
class PackageContent:
    tables: dict[str, TableData] = field(default_factory=dict)
    photos: dict[str, bytes] = field(default_factory=dict)   # SHA-256 hex → JPEG bytes

    def table(self, name: str) -> TableData:
        return self.tables.get(name) or TableData((), [])

    def record_counts(self) -> dict[str, int]:
        counts = {name: len(data.rows) for name, data in sorted(self.tables.items())}
        counts["photos"] = len(self.photos)
        return counts


@dataclass(frozen=True, slots=True)
class ManifestEntry:
    name: str
    sha256: str
    size: int


@dataclass(frozen=True, slots=True)
class Recipient:
    """A unit a package is encrypted (and signed) for."""

    unit_code: str
    encryption_key: str      # base64 of the X25519 public key


@dataclass(frozen=True)
class Manifest:
    format_version: int
    kind: PackageKind
    app_version: str
    source_unit_code: str
    source_unit_name: str
    source_mode: str
    source_fingerprint: str
    recipients: tuple[Recipient, ...]
    sequence: int
    created_at: datetime
    record_counts: dict[str, int]
    entries: tuple[ManifestEntry, ...]

    def to_json(self) -> bytes:
        document = {
            "format_version": self.format_version, "kind": self.kind.value,
            "app_version": self.app_version,
            "source": {"unit_code": self.source_unit_code, "unit_name": self.source_unit_name,
                       "mode": self.source_mode, "fingerprint": self.source_fingerprint},
            "recipients": [{"unit_code": r.unit_code, "encryption_key": r.encryption_key}
                           for r in self.recipients],
            "sequence": self.sequence,
            "created_at": self.created_at.isoformat(timespec="seconds"),
            "record_counts": dict(sorted(self.record_counts.items())),
            "entries": [{"name": e.name, "sha256": e.sha256, "size": e.size} for e in self.entries],
        }
        return json.dumps(document, ensure_ascii=False, sort_keys=True, indent=1).encode("utf-8")

    @classmethod
    def from_json(cls, data: bytes) -> "Manifest":
        """Parse a manifest whose signature was checked; the format version first."""
        try:
            document = json.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            raise ManifestInvalid("json") from None
        if not isinstance(document, dict):
            raise ManifestInvalid("json")
        version = document.get("format_version")
        if not isinstance(version, int) or isinstance(version, bool):
            raise ManifestInvalid("format_version")
        if version > FORMAT_VERSION or version < 1:
            raise UnsupportedFormat(version, FORMAT_VERSION)
        try:
            source = _object(document, "source")
            return cls(
                format_version=version,
                kind=_parse(lambda: PackageKind(document["kind"]), "kind"),
                app_version=_string(document, "app_version"),
                source_unit_code=_string(source, "unit_code"),
                source_unit_name=_string(source, "unit_name"),
                source_mode=_string(source, "mode"),
                source_fingerprint=_string(source, "fingerprint"),
                recipients=tuple(
                    Recipient(_string(r, "unit_code"), _string(r, "encryption_key"))
                    for r in _list(document, "recipients")),
                sequence=_integer(document, "sequence"),
                created_at=_parse(lambda: datetime.fromisoformat(document["created_at"]), "created_at"),
                record_counts={str(k): _integer({"n": v}, "n") for k, v in _object(document, "record_counts").items()},
                entries=tuple(
                    ManifestEntry(_string(e, "name"), _string(e, "sha256"), _integer(e, "size"))
                    for e in _list(document, "entries")),
            )
        except _FieldError as error:
            raise ManifestInvalid(error.field) from None


class _FieldError(Exception):
    def __init__(self, field_name: str) -> None:
        super().__init__(field_name)
        self.field = field_name


def _parse(make, name: str):
    try:
        return make()
    except (KeyError, TypeError, ValueError):
        raise _FieldError(name) from None


def _object(document: Any, name: str) -> dict:
    value = document.get(name) if isinstance(document, dict) else None
    if not isinstance(value, dict):
        raise _FieldError(name)
    return value


def _list(document: Any, name: str) -> list:
    value = document.get(name) if isinstance(document, dict) else None
    if not isinstance(value, list):
        raise _FieldError(name)
    return value


def _string(document: Any, name: str) -> str:
    value = document.get(name) if isinstance(document, dict) else None
    if not isinstance(value, str):
        raise _FieldError(name)
    return value


def _integer(document: Any, name: str) -> int:
    value = document.get(name) if isinstance(document, dict) else None
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise _FieldError(name)
    return value
