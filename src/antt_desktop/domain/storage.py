"""What can go wrong with the data file, its backups and its drive (issue #8), as typed errors."""

from __future__ import annotations

import errno
from dataclasses import dataclass
from datetime import datetime
from enum import Enum

from antt_desktop.domain.errors import DomainError, error_dataclass


class StorageFailure(str, Enum):
    READ_ONLY = "read_only"          # a read-only folder, file or stick
    DISK_FULL = "disk_full"
    IO_ERROR = "io_error"            # a failing disk, a stick pulled out
    NOT_FOUND = "not_found"


def failure_of_errno(code: int | None) -> StorageFailure | None:
    """What the operating system's error number means for the user, if it is about storage."""
    return _BY_ERRNO.get(code) if code is not None else None


_BY_ERRNO = {errno.ENOSPC: StorageFailure.DISK_FULL, errno.EROFS: StorageFailure.READ_ONLY,
             errno.EACCES: StorageFailure.READ_ONLY, errno.EPERM: StorageFailure.READ_ONLY,
             errno.EIO: StorageFailure.IO_ERROR, errno.ENOENT: StorageFailure.NOT_FOUND}
if hasattr(errno, "EDQUOT"):
    _BY_ERRNO[errno.EDQUOT] = StorageFailure.DISK_FULL


class DriveKind(str, Enum):
    LOCAL = "local"
    REMOVABLE = "removable"          # USB stick, memory card, external disk
    NETWORK = "network"              # a shared folder or a mapped network drive
    UNKNOWN = "unknown"


@error_dataclass
class StorageUnwritable(DomainError):
    """Writing failed: nothing was saved, the data stays as it was before."""

    failure: StorageFailure
    target: str


@error_dataclass
class NotABackup(DomainError):
    path: str
    detail: str


@error_dataclass
class BackupDamaged(DomainError):
    path: str
    problems: tuple[str, ...]


@error_dataclass
class DatabaseDamaged(DomainError):
    path: str
    problems: tuple[str, ...]


@error_dataclass
class DatabaseInUse(DomainError):
    """Another copy of the program has this database open."""

    path: str


@error_dataclass
class RestoreNeedsConfirmation(DomainError):
    path: str


@dataclass(frozen=True, slots=True)
class BackupPreview:
    """What a backup holds, shown before restoring it."""

    path: str
    taken_at: datetime | None
    reason: str
    size_bytes: int
    unit_name: str
    counts: dict                     # "members", "hamlets", "teams", "decisions", "users", "audit_events"
    problems: tuple[str, ...] = ()   # integrity_check lines; empty when the copy is sound

    @property
    def is_sound(self) -> bool:
        return not self.problems


@dataclass(frozen=True, slots=True)
class LocationWarning:
    """The live database sits on a drive that may vanish: a stick or a network share."""

    path: str
    kind: DriveKind
