"""Backups (issue #8): automatic copies with retention, manual copies anywhere, a preview,
restore that backs up first, the drive warning, storage errors, and recovery from a damaged
file. All copies are SQLite online backups, so they are consistent while the app runs."""

from __future__ import annotations

import errno
import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest

from antt_desktop.domain.backup_retention import RetentionPolicy
from antt_desktop.domain.dates import BirthDate
from antt_desktop.domain.members import MemberDraft
from antt_desktop.domain.people import Gender
from antt_desktop.domain.storage import (
    BackupDamaged,
    DriveKind,
    NotABackup,
    StorageFailure,
    StorageUnwritable,
)
from antt_desktop.messages import describe
from antt_desktop.messages.accounts import location_warning_text
from antt_desktop.services.backups import (
    BackupService,
    latest_good_backup,
    recover_from_backup,
    startup_health,
)

pytestmark = pytest.mark.sqlite_only


def member_count(path: Path) -> int:
    connection = sqlite3.connect(path)
    try:
        return connection.execute("SELECT count(*) FROM members").fetchone()[0]
    finally:
        connection.close()


def add_member(services, name: str, id_number: str):
    return services.members.create(MemberDraft(full_name=name, gender=Gender.FEMALE,
                                               birth=BirthDate(full=date(1990, 1, 2)), id_number=id_number))


def damage(path: Path) -> None:
    """Overwrite pages in the middle of the file, as a failing disk would."""
    size = path.stat().st_size
    with open(path, "r+b") as handle:
        for offset in range(4096 * 2, size, 4096 * 3):
            handle.seek(offset)
            handle.write(b"\xde\xad\xbe\xef" * 256)


def test_automatic_backups_on_start_and_close_appear_with_their_time(demo, clock, database):
    first = demo.backups.on_start()
    clock.now += timedelta(hours=3)
    second = demo.backups.on_close()
    assert first.parent == second.parent == database.parent / "backups"
    assert "khoi-dong" in first.name and "dong" in second.name
    listed = demo.backups.list()
    assert [f.path for f in listed] == [second, first]
    assert demo.backups.last_backup_at() == clock.now.replace(microsecond=0)
    assert member_count(first) == member_count(database)


def test_before_import_copies_are_named_for_the_import(demo):
    path = demo.backups.before_import("excel")
    assert path.name.endswith("-truoc-nhap-excel.sqlite")


def test_retention_prunes_old_automatic_copies_but_never_manual_ones(demo, clock):
    demo.backups.update_retention(RetentionPolicy(daily=3, weekly=2, monthly=2))
    manual = demo.backups.back_up_now()
    for day in range(60):
        clock.now += timedelta(days=1)
        demo.backups.on_start()
        demo.backups.on_close()
    kept = demo.backups.list()
    assert manual in [f.path for f in kept]
    automatic = [f for f in kept if f.reason in ("khoi-dong", "dong")]
    assert 3 <= len(automatic) <= 3 + 2 + 2 + 5
    newest_days = {f.taken_at.date() for f in automatic}
    for back in range(3):
        assert (clock.now - timedelta(days=back)).date() in newest_days


def test_a_manual_backup_goes_to_any_folder_and_is_logged(demo, tmp_path):
    stick = tmp_path / "USB" / "sao-luu"
    path = demo.backups.back_up_now(stick)
    assert path.parent == stick and path.name.endswith("-thu-cong.sqlite")
    assert member_count(path) == len(demo.members.list_rows())
    entry = demo.audit.entries()[0]
    assert entry.action == "backup.created" and entry.after == {"destination": str(path)}


def test_the_preview_shows_date_unit_and_counts(demo, clock):
    path = demo.backups.on_start()
    preview = demo.backups.preview(path)
    assert preview.taken_at == clock.now and preview.reason == "khoi-dong"
    assert preview.unit_name == "Xã Tân Phú" and preview.is_sound
    assert preview.counts["members"] == len(demo.members.list_rows())
    assert preview.counts["hamlets"] == len(demo.hamlets.list()) and preview.counts["audit_events"] > 0


def test_restore_brings_back_last_weeks_data_after_backing_up_the_current_state(demo, clock, database):
    last_week = demo.backups.on_start()
    before = len(demo.members.list_rows())
    clock.now += timedelta(days=7)
    add_member(demo, "Trần Thị Bé", "064190001111")
    assert len(demo.members.list_rows()) == before + 1

    result = demo.backups.restore(last_week)

    assert len(demo.members.list_rows()) == before
    assert result.restored.counts["members"] == before
    # Nothing is lost: the state just before the restore is a backup of its own.
    assert result.safety_backup is not None and "truoc-phuc-hoi" in result.safety_backup.name
    assert member_count(result.safety_backup) == before + 1
    logged = demo.audit.entries()[0]
    assert logged.action == "backup.restored" and logged.after["source"] == str(last_week)
    assert demo.audit.broken_sequences() == []
    # The restore can itself be undone from the list.
    demo.backups.restore(result.safety_backup)
    assert len(demo.members.list_rows()) == before + 1


def test_a_damaged_or_foreign_file_is_not_restored(demo, tmp_path):
    backup = demo.backups.on_start()
    damage(backup)
    with pytest.raises(BackupDamaged) as refused:
        demo.backups.restore(backup)
    assert "bị hỏng" in describe(refused.value)
    foreign = tmp_path / "khac.sqlite"
    sqlite3.connect(foreign).execute("CREATE TABLE x (y)").connection.commit()
    with pytest.raises(NotABackup) as not_ours:
        demo.backups.restore(foreign)
    assert "không phải bản sao lưu của ANTT Desktop" in describe(not_ours.value)
    text = tmp_path / "ghi-chu.sqlite"
    text.write_text("không phải sqlite", encoding="utf-8")
    with pytest.raises(NotABackup):
        demo.backups.preview(text)
    assert len(demo.members.list_rows()) > 0


@pytest.mark.parametrize("kind, shown", [(DriveKind.REMOVABLE, "ổ đĩa rời"), (DriveKind.NETWORK, "ổ đĩa mạng")])
def test_a_warning_when_the_database_sits_on_a_stick_or_a_network_drive(services, database, kind, shown):
    seen = []

    def detector(path):
        seen.append(path)
        return kind

    backups = BackupService(services.context, database, drive_kind=detector)
    warning = backups.location_warning()
    assert seen == [database] and warning.kind is kind
    assert shown in location_warning_text(warning)
    assert BackupService(services.context, database, drive_kind=lambda p: DriveKind.LOCAL).location_warning() is None
    assert BackupService(services.context, database, drive_kind=lambda p: DriveKind.UNKNOWN).location_warning() is None


def test_a_full_stick_gives_a_clear_message_and_leaves_no_half_copy(demo, tmp_path, monkeypatch):
    import antt_desktop.store.backups as store_backups

    stick = tmp_path / "usb"
    real_connect = sqlite3.connect

    def connect(target, *args, **kwargs):
        if str(target).endswith(".partial"):
            Path(target).write_bytes(b"half")          # something was written before the disk filled
            raise OSError(errno.ENOSPC, "No space left on device", str(target))
        return real_connect(target, *args, **kwargs)

    monkeypatch.setattr(store_backups.sqlite3, "connect", connect)
    with pytest.raises(StorageUnwritable) as refused:
        demo.backups.back_up_now(stick)
    assert refused.value.failure is StorageFailure.DISK_FULL
    message = describe(refused.value)
    assert "ổ đĩa đã đầy" in message and "giải phóng dung lượng" in message
    assert list(stick.iterdir()) == []


def test_storage_errors_are_classified():
    from antt_desktop.store.storage_errors import storage_failure

    assert storage_failure(OSError(errno.ENOSPC, "full")) is StorageFailure.DISK_FULL
    assert storage_failure(OSError(errno.EROFS, "ro")) is StorageFailure.READ_ONLY
    assert storage_failure(OSError(errno.EACCES, "denied")) is StorageFailure.READ_ONLY
    assert storage_failure(sqlite3.OperationalError("database or disk is full")) is StorageFailure.DISK_FULL
    assert storage_failure(sqlite3.OperationalError("attempt to write a readonly database")) \
        is StorageFailure.READ_ONLY
    assert storage_failure(sqlite3.OperationalError("no such table: x")) is None
    assert storage_failure(ValueError("x")) is None


# --- integrity at start and guided recovery -----------------------------------------------------

def test_a_sound_file_passes_the_start_up_check(demo, database):
    assert startup_health(database).is_sound


def test_a_damaged_file_is_found_and_recovered_from_the_newest_good_backup(demo, clock, database):
    older = demo.backups.on_start()
    clock.now += timedelta(hours=1)
    add_member(demo, "Trần Thị Bé", "064190001111")
    newest = demo.backups.on_close()
    clock.now += timedelta(hours=1)
    damage(newest)                                   # the newest copy is bad too
    expected = len(demo.members.list_rows()) - 1
    demo.close()
    damage(database)

    health = startup_health(database)
    assert not health.is_sound and health.problems
    assert health.good_backup is not None and Path(health.good_backup.path) == older

    result = recover_from_backup(database, Path(health.good_backup.path), now=clock.now)
    assert result.set_aside.exists() and ".hong-" in result.set_aside.name     # kept, not deleted
    assert startup_health(database).is_sound
    assert member_count(database) == expected
    from antt_desktop.wiring import open_services

    reopened = open_services(database, clock=clock)
    try:
        reopened.backups.note_recovery(result)
        assert reopened.audit.entries()[0].action == "database.recovered"
        assert reopened.audit.broken_sequences() == []
    finally:
        reopened.close()


def test_a_file_that_is_not_sqlite_at_all_is_reported(tmp_path):
    path = tmp_path / "antt.sqlite"
    path.write_bytes(b"PK\x03\x04 not a database" * 100)
    health = startup_health(path)
    assert health.problems == ("tệp không phải là cơ sở dữ liệu SQLite",)
    assert health.good_backup is None and latest_good_backup(path) is None
