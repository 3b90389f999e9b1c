"""Backups of the SQLite file with SQLite's online backup, consistent while the app runs."""

from __future__ import annotations

import contextlib
import re
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path


def backups_dir_for(database: Path) -> Path:
    return database.parent / "backups"


def backup_database(database: Path, reason: str, *, now: datetime | None = None,
                    folder: Path | None = None) -> Path | None:
    """Copy `database` into `folder` (default: backups/ beside it); None if there is nothing yet."""
    if not database.exists() or database.stat().st_size == 0:
        return None
    moment = now or datetime.now()
    target_folder = folder or backups_dir_for(database)
    target_folder.mkdir(parents=True, exist_ok=True)
    target = target_folder / f"{database.stem}-{moment:%Y%m%d-%H%M%S-%f}-{reason}.sqlite"
    while target.exists():  # never overwrite a copy: two in the same microsecond (issue #8)
        moment += timedelta(microseconds=1)
        target = target_folder / f"{database.stem}-{moment:%Y%m%d-%H%M%S-%f}-{reason}.sqlite"
    temporary = target.with_suffix(".partial")
    try:
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
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)  # a full stick keeps no half copy (issue #8)
        raise
    return target


def list_backups(database: Path) -> list[Path]:
    folder = backups_dir_for(database)
    if not folder.is_dir():
        return []
    return sorted(folder.glob(f"{database.stem}-*.sqlite"))


# --- Issue #8: names, retention, previews, restore and recovery ---------------------------------

# backup_database names a copy "<stem>-YYYYmmdd-HHMMSS-ffffff-<reason>.sqlite".
_NAME = re.compile(r"^(\d{8}-\d{6})(?:-(\d{1,6}))?(?:-(.+))?\.sqlite$")
COUNTED_TABLES = {"members": "members", "hamlets": "hamlets", "teams": "teams",
                  "decisions": "decisions", "users": "users", "audit_events": "audit_events"}


def parse_backup_name(path: Path, stem: str | None = None) -> tuple[datetime | None, str]:
    """When the copy was taken and why, from its name; (None, "") for a name we did not write."""
    name = path.name
    if stem is not None:
        if not name.startswith(f"{stem}-"):
            return None, ""
        name = name[len(stem) + 1:]
    else:
        match = re.search(r"\d{8}-\d{6}", name)
        if match is None:
            return None, ""
        name = name[match.start():]
    match = _NAME.match(name)
    if not match:
        return None, ""
    try:
        taken = datetime.strptime(match.group(1), "%Y%m%d-%H%M%S")
    except ValueError:
        return None, ""
    if match.group(2):
        taken = taken.replace(microsecond=int(match.group(2).ljust(6, "0")))
    return taken, match.group(3) or ""


def prune_backups(database: Path, keep) -> list[Path]:
    """Delete the automatic copies in backups/ whose key is not in `keep` (a set of paths)."""
    removed = []
    for path in list_backups(database):
        if path not in keep:
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
                removed.append(path)
    return removed


def _open_read_only(path: Path) -> sqlite3.Connection:
    # immutable: a copy on a write-protected stick opens without a -shm file or a lock.
    return sqlite3.connect(f"file:{path.resolve().as_posix()}?mode=ro&immutable=1", uri=True)


def file_problems(path: Path, *, thorough: bool = True) -> list[str]:
    """Why the SQLite file at `path` is unusable (not SQLite, damaged); empty when it is sound.

    Opens read-write when it can so that a crashed program's WAL is recovered first, as the
    application itself will do; `thorough` runs integrity_check rather than quick_check.
    """
    if not path.exists():
        return [f"không có tệp {path}"]
    if path.stat().st_size == 0:
        return []
    try:
        with open(path, "rb") as handle:
            if handle.read(16) != b"SQLite format 3\x00":
                return ["tệp không phải là cơ sở dữ liệu SQLite"]
    except OSError as error:
        return [f"không đọc được tệp: {error.strerror or error}"]
    pragma = "integrity_check" if thorough else "quick_check"
    try:
        connection = sqlite3.connect(path, timeout=15)
    except sqlite3.Error as error:
        return [str(error)]
    try:
        lines = [row[0] for row in connection.execute(f"PRAGMA {pragma}")]
        return [line for line in lines if line != "ok"]
    except sqlite3.DatabaseError as error:
        return [str(error)]
    finally:
        connection.close()


def inspect_backup(path: Path, *, stem: str | None = None):
    """A BackupPreview of the copy: date, reason, unit, counts, and its integrity."""
    from antt_desktop.domain.storage import BackupPreview, NotABackup

    taken_at, reason = parse_backup_name(path, stem)
    if taken_at is None:
        with contextlib.suppress(OSError):
            taken_at = datetime.fromtimestamp(path.stat().st_mtime).replace(microsecond=0)
    try:
        with open(path, "rb") as handle:
            if handle.read(16) != b"SQLite format 3\x00":
                raise NotABackup(str(path), "không phải tệp SQLite")
    except OSError as error:
        raise NotABackup(str(path), error.strerror or str(error)) from error
    try:
        connection = _open_read_only(path)
    except sqlite3.Error as error:
        raise NotABackup(str(path), str(error)) from error
    try:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if not {"units", "alembic_version"} <= tables:
            raise NotABackup(str(path), "tệp không chứa dữ liệu của ANTT Desktop")
        problems = [row[0] for row in connection.execute("PRAGMA integrity_check") if row[0] != "ok"]
        counts = {key: connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                  for key, table in COUNTED_TABLES.items() if table in tables}
        own = connection.execute("SELECT name FROM units WHERE is_own = 1 LIMIT 1").fetchone()
    except sqlite3.DatabaseError as error:
        from antt_desktop.domain.storage import BackupDamaged

        raise BackupDamaged(str(path), (str(error),)) from error
    finally:
        connection.close()
    return BackupPreview(str(path), taken_at, reason, path.stat().st_size, own[0] if own else "",
                         counts, tuple(problems))


def restore_into(backup: Path, database: Path) -> None:
    """Copy `backup` over the live `database` page by page with SQLite's backup API.

    SQLite locks the destination for the copy, so a reader never sees half of it, and a
    crash in the middle leaves the old content (the copy is one write transaction).
    """
    source = _open_read_only(backup)
    try:
        destination = sqlite3.connect(database, timeout=15)
        try:
            source.backup(destination)
        finally:
            destination.close()
    finally:
        source.close()


def set_aside_damaged(database: Path, now: datetime) -> Path:
    """Rename a damaged file (and its -wal/-shm) to «<name>.hong-<time>»; nothing is deleted."""
    suffix = f".hong-{now:%Y%m%d-%H%M%S}"
    kept = database.with_name(database.name + suffix)
    for extra in ("-wal", "-shm"):
        companion = database.with_name(database.name + extra)
        if companion.exists():
            companion.replace(database.with_name(database.name + suffix + extra))
    database.replace(kept)
    return kept


def install_copy(backup: Path, database: Path) -> None:
    """Write `backup` as a new file at `database` (which must not exist), via a temporary name."""
    temporary = database.with_name(database.name + ".partial")
    try:
        source = _open_read_only(backup)
        try:
            destination = sqlite3.connect(temporary)
            try:
                source.backup(destination)
            finally:
                destination.close()
        finally:
            source.close()
        temporary.replace(database)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
        raise
