"""Plain records of sync state that the store returns: keys held and packages seen."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum

from antt_desktop.sync import crypto


@dataclass(frozen=True, slots=True)
class UnitKey:
    """A unit's public keys as recorded here: the own unit's, or one this unit trusts."""

    id: str
    unit_code: str
    unit_name: str
    province_code: str
    mode: str
    is_own: bool
    signing_key: bytes
    encryption_key: bytes
    is_active: bool
    trusted_at: datetime
    trusted_by: str = ""
    replaced_at: datetime | None = None

    @property
    def fingerprint(self) -> str:
        return crypto.fingerprint(self.signing_key, self.encryption_key)


class Direction(str, Enum):
    """What a package_receipts row records."""

    EXPORTED = "exported"                       # commune: package N written for the higher unit
    IMPORTED = "imported"                       # aggregator: a commune's package N applied here
    ACKNOWLEDGED = "acknowledged"               # commune: the higher unit's receipt for N arrived
    REFERENCE_EXPORTED = "reference_exported"   # aggregator: reference package N written
    REFERENCE_IMPORTED = "reference_imported"   # commune: reference package N applied


@dataclass(frozen=True, slots=True)
class PackageRecord:
    """One row of package_receipts."""

    source_unit_code: str
    direction: Direction
    sequence: int
    package_sha256: str
    created_on_source_at: datetime | None
    received_at: datetime
    record_counts: dict = field(default_factory=dict)
