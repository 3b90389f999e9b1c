"""Start-up on a large file: the integrity check and the copy on start run in a thread of their
own while the modules load (each reads the whole file), and the window does not wait for the
copy."""

from __future__ import annotations

import errno
import threading

import pytest

from antt_desktop.services.backups import StartupCheck, in_thread, startup_health
from antt_desktop.store import backups as store_backups
from tests.account_helpers import ADMIN_PASSWORD, open_fast

pytestmark = pytest.mark.sqlite_only


@pytest.fixture
def staffed_file(database, clock):
    services = open_fast(database, clock)
    services.demo.fill_commune(seed=7)
    services.accounts.create_administrator("quantri", "Lê Văn Tâm", ADMIN_PASSWORD)
    services.close()
    return database


def log_in(qtbot):
    def answer(dialog) -> bool:
        qtbot.addWidget(dialog)
        dialog.username_edit.setText("quantri")
        dialog.password_edit.setText(ADMIN_PASSWORD)
        dialog.login_button.click()
        return dialog.user is not None

    return answer


def launch(database, prompts, qtbot):
    from antt_desktop.ui.jobs import InlineJobs
    from antt_desktop.ui.main_window import MainWindow
    from antt_desktop.ui.startup import start

    window = start(str(database), prompts=prompts, run_dialog=log_in(qtbot),
                   window_factory=lambda services: MainWindow(services, prompts=prompts, jobs=InlineJobs()))
    assert window is not None
    qtbot.addWidget(window)
    return window


def test_the_window_opens_while_the_copy_on_start_is_still_being_made(qtbot, staffed_file, prompts,
                                                                       monkeypatch):
    release = threading.Event()
    copying = store_backups.backup_database

    def slow_copy(database, reason, **options):
        release.wait(10)
        return copying(database, reason, **options)

    monkeypatch.setattr(store_backups, "backup_database", slow_copy)
    window = launch(staffed_file, prompts, qtbot)
    session = window.session
    try:
        assert window.isVisible() and not session._start_backup.done()
        assert window.backup_label.text() == "Chưa có bản sao lưu"
        release.set()
        qtbot.waitUntil(lambda: window.backup_label.text().startswith("Sao lưu gần nhất"), timeout=10000)
        assert session.start_backup is not None and "khoi-dong" in session.start_backup.name
    finally:
        release.set()
        session.shut_down()
    reasons = [f.reason for f in session.services.backups.list()]
    assert reasons.count("khoi-dong") == 1 and "dong" in reasons


def test_a_failed_copy_on_start_is_reported_once_the_window_is_open(qtbot, staffed_file, prompts, monkeypatch):
    def full_disk(database, reason, **options):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(store_backups, "backup_database", full_disk)
    window = launch(staffed_file, prompts, qtbot)
    try:
        qtbot.waitUntil(lambda: any(kind == "warn" for kind, *_ in prompts.shown), timeout=10000)
        assert ("warn", "ANTT Desktop", "Không sao lưu tự động được khi mở chương trình.") in prompts.shown
        assert window.session.start_backup is None
    finally:
        window.session.shut_down()


def test_the_check_then_the_copy_in_the_background(tmp_path, staffed_file):
    startup = StartupCheck(staffed_file)
    assert startup.health.result() == startup_health(staffed_file)
    copy = startup.copy.result()
    assert copy.parent == staffed_file.parent / "backups" and copy.name.endswith("-khoi-dong.sqlite")
    assert store_backups.inspect_backup(copy).is_sound


def test_a_damaged_file_is_not_copied(tmp_path):
    damaged = tmp_path / "hong.sqlite"
    damaged.write_bytes(b"SQLite format 3\x00" + b"not a database at all" * 100)
    startup = StartupCheck(damaged)
    found = startup.health.result()
    assert not found.is_sound and found == startup_health(damaged)
    assert startup.copy.result() is None and not (tmp_path / "backups").exists()


def test_no_file_yet_no_copy(tmp_path):
    startup = StartupCheck(tmp_path / "moi.sqlite")
    assert startup.health.result().is_sound and startup.copy.result() is None


def test_work_in_a_thread_hands_back_its_error():
    def fails():
        raise ValueError("hỏng")

    job = in_thread(fails, name="thu")
    with pytest.raises(ValueError):
        job.result()
    assert job.done() and isinstance(job.exception(), ValueError)
    assert in_thread(lambda: 42, name="thu").result() == 42


def test_a_file_created_after_the_check_is_not_copied(tmp_path, staffed_file, monkeypatch):
    """First run: the main thread creates and migrates the file while the check thread runs;
    the copy must not catch it half built."""
    import shutil

    from antt_desktop.services import backups as backups_module

    new = tmp_path / "moi" / "antt.sqlite"
    new.parent.mkdir()
    real_health = backups_module.startup_health

    def health_then_the_file_appears(path):
        found = real_health(path)
        shutil.copyfile(staffed_file, new)          # "migrated" between the check and the copy
        return found

    monkeypatch.setattr(backups_module, "startup_health", health_then_the_file_appears)
    startup = StartupCheck(new)
    assert startup.health.result().is_sound and startup.copy.result() is None
    assert not (new.parent / "backups").exists()
