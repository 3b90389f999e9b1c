"""Backups of the database file: what the status bar and the backup screens ask about."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

from antt_desktop.services.context import ServiceContext
from antt_desktop.store.backups import list_backups

# store.backups names a copy "<stem>-YYYYmmdd-HHMMSS-ffffff-<reason>.sqlite".
_STAMP = re.compile(r"^(\d{8}-\d{6})(?:-\d{1,6})?(?:-|\.sqlite$)")


class BackupService:
    def __init__(self, context: ServiceContext, database: Path | None) -> None:
        self._context = context
        self._database = database          # None when the store is not a SQLite file

    def last_backup_at(self) -> datetime | None:
        """When the newest backup of this database was taken, or None if there is none."""
        if self._database is None:
            return None
        newest: datetime | None = None
        for path in list_backups(self._database):
            taken = _taken_at(path, self._database.stem)
            if taken is not None and (newest is None or taken > newest):
                newest = taken
        return newest


def _taken_at(path: Path, stem: str) -> datetime | None:
    """The time in the file name; the file's modification time if the name has none."""
    match = _STAMP.match(path.name[len(stem) + 1:])
    if match:
        try:
            return datetime.strptime(match.group(1), "%Y%m%d-%H%M%S")
        except ValueError:
            pass
    try:
        return datetime.fromtimestamp(path.stat().st_mtime)
    except OSError:
        return None
