"""Backups of the database file: automatic, manual, restore with a preview, and recovery (issue #8).

Every copy is taken with SQLite's online backup (store.backups), so it is consistent while
the program runs. Automatic copies (on start, on close, before an import or an upgrade) go to
«backups» beside the database and are pruned by the daily/weekly/monthly retention;
copies made by hand are never pruned. Restoring first backs up the current state.

Recovery from a damaged file runs before any service can open the database, so it is a
pair of module functions (`startup_health`, `recover_from_backup`) rather than methods.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TypeVar

from antt_desktop.domain.access import Permission
from antt_desktop.domain.backup_retention import (
    REASON_BEFORE_IMPORT,
    REASON_BEFORE_RESTORE,
    REASON_CLOSE,
    REASON_MANUAL,
    REASON_START,
    BackupStamp,
    RetentionPolicy,
    backups_to_keep,
    check_retention,
)
from antt_desktop.domain.errors import DomainError
from antt_desktop.domain.storage import (
    BackupDamaged,
    BackupPreview,
    DatabaseDamaged,
    DriveKind,
    LocationWarning,
    NotABackup,
)
from antt_desktop.services.context import ServiceContext
from antt_desktop.store import backups as store_backups
from antt_desktop.store.backups import list_backups

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class BackupFile:
    """A copy in the list, before it is opened: the preview opens it."""

    path: Path
    taken_at: datetime | None
    reason: str
    size_bytes: int


@dataclass(frozen=True, slots=True)
class RestoreResult:
    restored: BackupPreview
    safety_backup: Path | None       # the state just before the restore, to undo it


@dataclass(frozen=True, slots=True)
class StartupHealth:
    database: Path
    problems: tuple[str, ...]
    good_backup: BackupPreview | None    # the newest sound copy, when the file is damaged

    @property
    def is_sound(self) -> bool:
        return not self.problems


@dataclass(frozen=True, slots=True)
class RecoveryResult:
    set_aside: Path          # the damaged file, renamed, kept
    restored: BackupPreview


def _storage_errors(target: Path):
    """Turn an OSError or sqlite3 error about the disk into StorageUnwritable."""

    @contextlib.contextmanager
    def guard():
        try:
            yield
        except (OSError, sqlite3.Error) as error:
            # Imported here: SQLAlchemy is not needed to check the file at start-up.
            from antt_desktop.store.storage_errors import as_storage_error

            translated = as_storage_error(error, str(target))
            if translated is None:
                raise
            raise translated from error

    return guard()


class BackupService:
    def __init__(self, context: ServiceContext, database: Path | None, *, engine=None,
                 drive_kind: Callable[[Path], DriveKind] | None = None) -> None:
        self._context = context
        self._database = database          # None when the store is not a SQLite file
        self._engine = engine
        if drive_kind is None:
            from antt_desktop.drives import drive_kind
        self._drive_kind = drive_kind

    @property
    def database(self) -> Path | None:
        return self._database

    @property
    def folder(self) -> Path | None:
        return store_backups.backups_dir_for(self._database) if self._database else None

    # ---- reading

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

    def list(self) -> list[BackupFile]:
        """The copies in the backup folder, newest first."""
        if self._database is None:
            return []
        files = []
        for path in list_backups(self._database):
            taken, reason = store_backups.parse_backup_name(path, self._database.stem)
            with contextlib.suppress(OSError):
                files.append(BackupFile(path, taken or _taken_at(path, self._database.stem), reason,
                                        path.stat().st_size))
        return sorted(files, key=lambda f: f.taken_at or datetime.min, reverse=True)

    def preview(self, path: Path) -> BackupPreview:
        """What the copy holds (date, unit, counts) and whether it is sound; nothing changes."""
        self._context.require(Permission.BACKUP_RESTORE)
        return store_backups.inspect_backup(Path(path))

    def location_warning(self) -> LocationWarning | None:
        """A warning when the live database is on a USB stick or a network share."""
        if self._database is None:
            return None
        kind = self._drive_kind(self._database)
        if kind in (DriveKind.REMOVABLE, DriveKind.NETWORK):
            return LocationWarning(str(self._database), kind)
        return None

    def retention(self) -> RetentionPolicy:
        with self._context.new_uow() as uow:
            return uow.users.retention()

    def update_retention(self, policy: RetentionPolicy) -> RetentionPolicy:
        self._context.require(Permission.BACKUP_RESTORE)
        check_retention(policy)
        with self._context.new_uow() as uow:
            before = uow.users.retention()
            if before == policy:
                return before
            unit = uow.units.own()
            uow.users.save_retention(policy, unit.code if unit else "")
            uow.audit.record(self._context.actor, "settings.backups_changed", "local_settings", None,
                             unit.code if unit else "", before=before, after=policy)
            uow.commit()
        return policy

    # ---- automatic copies (the program's own doing: no role needed)

    def on_start(self) -> Path | None:
        return self.automatic(REASON_START)

    def on_start_in_background(self) -> Future[Path | None]:
        """`on_start` in a thread of its own: copying a province's 200 MB file takes a quarter
        of a second that the main window need not wait for. The copy is of the data as they
        are when it starts, whatever is written meanwhile (SQLite's online backup holds one
        read transaction; in WAL mode writers go on). Start-up uses `StartupCheck` instead."""
        return in_thread(self.on_start, name="antt-sao-luu-khoi-dong")

    def on_close(self) -> Path | None:
        return self.automatic(REASON_CLOSE)

    def before_import(self, what: str = "") -> Path | None:
        """Call before applying any import (Excel list, package): the state to go back to."""
        return self.automatic(f"{REASON_BEFORE_IMPORT}-{what}" if what else REASON_BEFORE_IMPORT)

    def automatic(self, reason: str) -> Path | None:
        """Copy into backups/ and prune by the retention; None for a server or an empty file."""
        if self._database is None:
            return None
        with _storage_errors(store_backups.backups_dir_for(self._database)):
            path = store_backups.backup_database(self._database, reason, now=self._context.clock())
        self.prune()
        return path

    def prune(self) -> list[Path]:
        """Delete the automatic copies the retention no longer keeps."""
        if self._database is None:
            return []
        try:
            policy = self.retention()
        except Exception:  # noqa: BLE001 — a database without the settings table: the defaults
            policy = RetentionPolicy()
        stamps = [BackupStamp(f.path, f.taken_at, f.reason) for f in self.list() if f.taken_at]
        keep = backups_to_keep(stamps, policy, self._context.clock())
        keep |= {f.path for f in self.list() if f.taken_at is None}   # names we did not write
        return store_backups.prune_backups(self._database, keep)

    # ---- by hand

    def back_up_now(self, folder: Path | None = None) -> Path:
        """A copy into `folder` (a USB stick, another disk) or into backups/; logged."""
        self._context.require(Permission.BACKUP_RESTORE)
        if self._database is None:
            raise NotABackup("", "cơ sở dữ liệu trên máy chủ được sao lưu bằng công cụ của máy chủ")
        target_folder = Path(folder) if folder else store_backups.backups_dir_for(self._database)
        with _storage_errors(target_folder):
            path = store_backups.backup_database(self._database, REASON_MANUAL,
                                                 now=self._context.clock(), folder=target_folder)
        if path is None:
            raise NotABackup(str(self._database), "chưa có dữ liệu để sao lưu")
        self._record("backup.created", {"destination": str(path)})
        return path

    def restore(self, backup: Path) -> RestoreResult:
        """Replace the data with `backup`, after copying the current state into backups/."""
        self._context.require(Permission.BACKUP_RESTORE)
        backup = Path(backup)
        if self._database is None:
            raise NotABackup(str(backup), "chỉ phục hồi được cơ sở dữ liệu dạng tệp")
        if backup.resolve() == self._database.resolve():
            raise NotABackup(str(backup), "đây chính là tệp dữ liệu đang dùng")
        preview = store_backups.inspect_backup(backup, stem=self._database.stem)
        if not preview.is_sound:
            raise BackupDamaged(str(backup), preview.problems)
        with _storage_errors(store_backups.backups_dir_for(self._database)):
            safety = store_backups.backup_database(self._database, REASON_BEFORE_RESTORE,
                                                   now=self._context.clock())
        if self._engine is not None:
            self._engine.dispose()        # no pooled connection keeps the old pages
        with _storage_errors(self._database):
            store_backups.restore_into(backup, self._database)
        _migrate(self._database)
        if self._engine is not None:
            self._engine.dispose()
        self._record("backup.restored", {
            "source": str(backup), "taken_at": preview.taken_at.isoformat() if preview.taken_at else None,
            "counts": preview.counts, "safety_backup": str(safety) if safety else None})
        return RestoreResult(preview, safety)

    def note_recovery(self, result: RecoveryResult) -> None:
        """After `recover_from_backup` and opening the services: put the recovery in the log."""
        self._record("database.recovered", {
            "source": result.restored.path, "set_aside": str(result.set_aside),
            "taken_at": result.restored.taken_at.isoformat() if result.restored.taken_at else None})

    def _record(self, action: str, after: dict) -> None:
        with self._context.new_uow() as uow:
            unit = uow.units.own()
            uow.audit.record(self._context.actor, action, "backup", None, unit.code if unit else "",
                             after=after)
            uow.commit()


def _migrate(database: Path) -> None:
    from antt_desktop.store.migrate import migrate_to_head

    migrate_to_head(database)


def _taken_at(path: Path, stem: str) -> datetime | None:
    """The time in the file name; the file's modification time if the name has none."""
    taken, _reason = store_backups.parse_backup_name(path, stem)
    if taken is not None:
        return taken.replace(microsecond=0)
    try:
        return datetime.fromtimestamp(path.stat().st_mtime)
    except OSError:
        return None


def in_thread(work: Callable[[], T], *, name: str) -> Future[T]:
    """Run `work` at once in a thread of its own (no Qt here) and hand back its Future. The
    thread is not a daemon: quitting waits for a backup to finish rather than leave half a copy."""
    future: Future[T] = Future()

    def run() -> None:
        if not future.set_running_or_notify_cancel():
            return
        try:
            future.set_result(work())
        except BaseException as error:  # noqa: BLE001 — handed to whoever asks for the result
            future.set_exception(error)

    threading.Thread(target=run, name=name).start()
    return future


# --- Start-up: integrity check and guided recovery ---------------------------------------------

def startup_health(database: Path, *, thorough: bool = False) -> StartupHealth:
    """Is the file sound? If not, which backup would bring it back (the newest sound one)."""
    database = Path(database)
    if not database.exists():
        return StartupHealth(database, (), None)
    problems = tuple(store_backups.file_problems(database, thorough=thorough))
    if not problems:
        return StartupHealth(database, (), None)
    return StartupHealth(database, problems, latest_good_backup(database))


class StartupCheck:
    """At start-up, in one thread of its own begun at once: the integrity check, then, if the
    file is sound, the copy on start (not pruned: `BackupService.prune` once the services are
    open). Each reads the whole file (~0.2 s at 100,000 members); SQLite releases Python's lock
    while it works, so both run while the program loads its modules.

    `health` must be awaited before the database is opened; `copy` (None for no file or an
    empty one, and when the file is damaged) only before the program lets go of the file.
    """

    def __init__(self, database: Path, *, now: Callable[[], datetime] = datetime.now) -> None:
        self.database = Path(database)
        self.health: Future[StartupHealth] = Future()
        self.copy: Future[Path | None] = Future()
        self._now = now
        threading.Thread(target=self._run, name="antt-kiem-tra-va-sao-luu").start()

    def _run(self) -> None:
        # A new database is created and migrated by the main thread while this one runs:
        # decide "nothing to copy" now, never copy a file that is still being built.
        existed = self.database.exists() and self.database.stat().st_size > 0
        try:
            health = startup_health(self.database)
        except BaseException as error:  # noqa: BLE001 — raised again by health.result()
            self.health.set_exception(error)
            self.copy.set_result(None)
            return
        self.health.set_result(health)
        if not health.is_sound or not existed:
            self.copy.set_result(None)
            return
        try:
            with _storage_errors(store_backups.backups_dir_for(self.database)):
                self.copy.set_result(store_backups.backup_database(self.database, REASON_START, now=self._now()))
        except BaseException as error:  # noqa: BLE001 — raised again by copy.result()
            self.copy.set_exception(error)


def latest_good_backup(database: Path) -> BackupPreview | None:
    candidates = []
    for path in list_backups(database):
        taken = _taken_at(path, database.stem)
        candidates.append((taken or datetime.min, path))
    for _taken, path in sorted(candidates, reverse=True):
        try:
            preview = store_backups.inspect_backup(path, stem=database.stem)
        except DomainError:
            continue
        if preview.is_sound:
            return preview
    return None


def recover_from_backup(database: Path, backup: Path, *, now: datetime | None = None) -> RecoveryResult:
    """Set the damaged file aside (renamed, never deleted) and put the backup in its place."""
    database, backup = Path(database), Path(backup)
    preview = store_backups.inspect_backup(backup, stem=database.stem)
    if not preview.is_sound:
        raise BackupDamaged(str(backup), preview.problems)
    with _storage_errors(database):
        set_aside = store_backups.set_aside_damaged(database, now or datetime.now())
        store_backups.install_copy(backup, database)
    return RecoveryResult(set_aside, preview)


def require_sound(database: Path) -> None:
    """Raise DatabaseDamaged if the file fails its check (the command line's start-up path)."""
    health = startup_health(database)
    if not health.is_sound:
        raise DatabaseDamaged(str(database), health.problems)


def preview_file(backup: Path, database: Path | None = None) -> BackupPreview:
    """A backup's preview without services (the database may be damaged or missing)."""
    return store_backups.inspect_backup(Path(backup), stem=Path(database).stem if database else None)


def install_backup(database: Path, backup: Path) -> BackupPreview:
    """Put `backup` where no database file exists yet (a lost or deleted file)."""
    database, backup = Path(database), Path(backup)
    preview = store_backups.inspect_backup(backup, stem=database.stem)
    if not preview.is_sound:
        raise BackupDamaged(str(backup), preview.problems)
    database.parent.mkdir(parents=True, exist_ok=True)
    with _storage_errors(database):
        store_backups.install_copy(backup, database)
    return preview


def database_in_use(database: Path) -> bool:
    """True while a program window holds the database (store.instance_lock)."""
    from antt_desktop.store.instance_lock import is_in_use

    return is_in_use(Path(database))


def hold_database(database: Path):
    """Take the one-window-per-database lock (an object with `release()`); raises DatabaseInUse."""
    from antt_desktop.store.instance_lock import InstanceLock

    return InstanceLock(Path(database)).acquire()
