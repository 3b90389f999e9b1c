"""Backups of the SQLite file with SQLite's online backup, consistent while the app runs."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path


def backups_dir_for(database: Path) -> Path:
    return database.parent / "backups"


def backup_database(database: Path, reason: str, *, now: datetime | None = None,
                    folder: Path | None = None) -> Path | None:
    """Copy `database` into `folder` (default: backups/ beside it); None if there is nothing yet."""
    if not database.exists() or database.stat().st_size == 0:
        return None
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S-%f")
    target_folder = folder or backups_dir_for(database)
    target_folder.mkdir(parents=True, exist_ok=True)
    target = target_folder / f"{database.stem}-{stamp}-{reason}.sqlite"
    temporary = target.with_suffix(".partial")
    source = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        destination = sqlite3.connect(temporary)
        try:
            source.backup(destination)
        finally:
            destination.close()
    finally:
        source.close()
    temporary.replace(target)  # a half-written backup never looks like a good one
    return target


def list_backups(database: Path) -> list[Path]:
    folder = backups_dir_for(database)
    if not folder.is_dir():
        return []
    return sorted(folder.glob(f"{database.stem}-*.sqlite"))
