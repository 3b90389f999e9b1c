"""A full disk, a read-only folder or a failing drive become one typed error (issue #8).

SQLite reports them as OperationalError with an error code; the engine's `handle_error`
hook turns them into `StorageUnwritable`, which the UI and the command line phrase in
Vietnamese. The failed transaction has rolled back: nothing was half written.
"""

from __future__ import annotations

import sqlite3

from sqlalchemy import Engine, event

from antt_desktop.domain.storage import StorageFailure, StorageUnwritable, failure_of_errno

# SQLite primary result codes (the low byte of an extended code).
SQLITE_IOERR, SQLITE_READONLY, SQLITE_CANTOPEN, SQLITE_FULL = 10, 8, 14, 13
_BY_SQLITE_CODE = {SQLITE_READONLY: StorageFailure.READ_ONLY, SQLITE_FULL: StorageFailure.DISK_FULL,
                   SQLITE_IOERR: StorageFailure.IO_ERROR}


def storage_failure(error: BaseException) -> StorageFailure | None:
    """What kind of storage failure `error` is, or None if it is something else."""
    if isinstance(error, sqlite3.Error):
        code = getattr(error, "sqlite_errorcode", None)
        if code is not None and (code & 0xFF) in _BY_SQLITE_CODE:
            return _BY_SQLITE_CODE[code & 0xFF]
        text = str(error).lower()
        if "readonly" in text or "read-only" in text:
            return StorageFailure.READ_ONLY
        if "disk is full" in text:
            return StorageFailure.DISK_FULL
        if "disk i/o error" in text:
            return StorageFailure.IO_ERROR
        return None
    if isinstance(error, OSError):
        return failure_of_errno(error.errno)
    return None


def as_storage_error(error: BaseException, target: str) -> StorageUnwritable | None:
    failure = storage_failure(error)
    return StorageUnwritable(failure, target) if failure is not None else None


def install(engine: Engine, target: str) -> None:
    """Raise StorageUnwritable instead of SQLite's OperationalError for storage failures."""
    if target.startswith("file:"):          # a URI filename: "file:/path?mode=ro" names /path
        target = target.removeprefix("file:").split("?", 1)[0]

    @event.listens_for(engine, "handle_error")
    def _translate(context):
        return as_storage_error(context.original_exception, target)
