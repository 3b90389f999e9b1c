"""One program window per database: an OS file lock beside the file (issue #8).

The lock is held on «<database>.lock» for as long as the window is open. The operating
system drops it when the process ends, even when it is killed or the power fails, so a
leftover file never blocks the next start. Windows: msvcrt.locking on the first byte;
elsewhere: flock, which two opens of the same file conflict on even within one process.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from antt_desktop.domain.storage import DatabaseInUse


def lock_path_for(database: Path) -> Path:
    return database.with_name(database.name + ".lock")


class InstanceLock:
    def __init__(self, database: Path) -> None:
        self.database = database
        self.path = lock_path_for(database)
        self._handle = None

    @property
    def is_held(self) -> bool:
        return self._handle is not None

    def acquire(self) -> "InstanceLock":
        """Take the lock, or raise DatabaseInUse if another program holds it."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(self.path, "a+b")
        try:
            _lock(handle)
        except OSError:
            handle.close()
            raise DatabaseInUse(str(self.database)) from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n".encode())
        handle.flush()
        self._handle = handle
        return self

    def release(self) -> None:
        if self._handle is None:
            return
        try:
            _unlock(self._handle)
        finally:
            self._handle.close()
            self._handle = None

    def __enter__(self) -> "InstanceLock":
        return self.acquire()

    def __exit__(self, *exc_info) -> None:
        self.release()


def is_in_use(database: Path) -> bool:
    """True when another program holds the lock of `database` (checked by trying it)."""
    if not lock_path_for(database).exists():
        return False
    probe = InstanceLock(database)
    try:
        probe.acquire()
    except DatabaseInUse:
        return True
    probe.release()
    return False


if sys.platform == "win32":
    import msvcrt

    def _lock(handle) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)

    def _unlock(handle) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)
else:
    import fcntl

    def _lock(handle) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(handle) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
