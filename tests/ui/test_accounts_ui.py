"""Issue #8 on screen: log-in, the first administrator, the idle lock, the accounts, backups
and audit tabs, and the start-up flow (one instance, recovery, log-in, backups on start/close)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from antt_desktop.domain.access import Role
from antt_desktop.domain.accounts import AccountSettings
from antt_desktop.domain.errors import DomainError
from antt_desktop.domain.storage import DriveKind
from antt_desktop.services.backups import BackupService
from antt_desktop.ui.accounts.idle_lock import IdleWatcher
from antt_desktop.ui.accounts.login_dialog import (
    CreateAdministratorDialog,
    LoginDialog,
    NewUserDialog,
    PasswordDialog,
)
from antt_desktop.ui.accounts.users_tab import UsersTab
from antt_desktop.ui.audit.audit_tab import AuditTab
from antt_desktop.ui.backups.backups_tab import BackupsTab
from tests.account_helpers import ADMIN_PASSWORD, CLERK_PASSWORD, open_fast, with_accounts
from tests.ui.helpers import choose

pytestmark = pytest.mark.sqlite_only


@pytest.fixture
def fast(database, clock):
    services = open_fast(database, clock)
    services.demo.fill_commune(seed=7)
    yield services
    services.close()


@pytest.fixture
def staffed(fast):
    admin, clerk, viewer = with_accounts(fast)
    return fast, admin, clerk, viewer


def type_into(qtbot, widget, text: str) -> None:
    widget.clear()
    qtbot.keyClicks(widget, text)          # ASCII only (STACK-NOTES)


# --- dialogs ------------------------------------------------------------------------------------

def test_log_in_with_the_right_password(qtbot, staffed):
    services, *_ = staffed
    dialog = LoginDialog(services)
    qtbot.addWidget(dialog)
    assert "Xã Tân Phú" in dialog.intro_label.text()
    type_into(qtbot, dialog.username_edit, "canbo")
    type_into(qtbot, dialog.password_edit, "sai-mat-khau")
    dialog.login_button.click()
    assert dialog.user is None and "mật khẩu không đúng" in dialog.note.text()
    assert dialog.password_edit.text() == ""
    type_into(qtbot, dialog.password_edit, CLERK_PASSWORD)
    with qtbot.waitSignal(dialog.logged_in, timeout=1000):
        dialog.login_button.click()
    assert dialog.user.username == "canbo" and dialog.result() == LoginDialog.DialogCode.Accepted


def test_a_locked_account_is_told_until_when(qtbot, staffed, clock):
    services, admin, *_ = staffed
    services.with_user(admin).accounts.update_settings(AccountSettings(max_failed_attempts=3, lockout_minutes=5))
    dialog = LoginDialog(services, locked_for="canbo")
    qtbot.addWidget(dialog)
    assert dialog.username_edit.text() == "canbo" and "Màn hình đã khóa" in dialog.intro_label.text()
    for _ in range(3):
        type_into(qtbot, dialog.password_edit, "sai-mat-khau")
        dialog.login_button.click()
    assert "khóa tạm thời" in dialog.note.text() and "09:35" in dialog.note.text()


def test_the_first_administrator_is_created_after_the_unit(qtbot, fast):
    dialog = CreateAdministratorDialog(fast)
    qtbot.addWidget(dialog)
    assert dialog.username_edit.text() == "quantri"
    assert dialog.full_name_edit.text() == fast.units.own_unit().police_chief_name
    type_into(qtbot, dialog.password_edit, ADMIN_PASSWORD)
    type_into(qtbot, dialog.confirm_edit, "khac-hoan-toan1")
    dialog.create_button.click()
    assert dialog.note.text() == "Hai lần nhập mật khẩu mới không giống nhau." and not fast.accounts.has_accounts()
    type_into(qtbot, dialog.confirm_edit, ADMIN_PASSWORD)
    dialog.create_button.click()
    assert dialog.user.role is Role.ADMIN and fast.accounts.has_accounts()


def test_changing_ones_own_password_on_screen(qtbot, staffed):
    services, admin, clerk, _ = staffed
    as_clerk = services.with_user(clerk)
    dialog = PasswordDialog(as_clerk, "canbo", needs_current=True)
    qtbot.addWidget(dialog)
    type_into(qtbot, dialog.current_edit, CLERK_PASSWORD)
    type_into(qtbot, dialog.new_edit, "MatKhauMoi2027")
    type_into(qtbot, dialog.confirm_edit, "MatKhauMoi2027")
    dialog.save_button.click()
    assert dialog.result() == PasswordDialog.DialogCode.Accepted
    assert services.accounts.login("canbo", "MatKhauMoi2027").username == "canbo"


# --- idle lock ----------------------------------------------------------------------------------

def test_the_idle_watcher_fires_after_the_timeout_and_activity_postpones_it(qtbot, qapp):
    watcher = IdleWatcher(qapp, 150)
    try:
        with qtbot.waitSignal(watcher.idle_timed_out, timeout=2000):
            pass
        fired = []
        watcher.idle_timed_out.connect(lambda: fired.append(True))
        watcher.set_timeout_ms(300)
        for _ in range(4):                              # typing keeps it awake
            qtbot.wait(120)
            QApplication.sendEvent(qapp, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_A,
                                                   Qt.KeyboardModifier.NoModifier, "a"))
        assert fired == []
        qtbot.waitUntil(lambda: fired == [True], timeout=2000)
        watcher.pause()
        qtbot.wait(400)
        assert fired == [True] and not watcher.is_running
        watcher.set_timeout_ms(0)                       # 0 = never
        watcher.resume()
        assert not watcher.is_running
    finally:
        watcher.stop()


# --- tabs ---------------------------------------------------------------------------------------

def test_users_tab_lists_adds_and_changes_roles(qtbot, staffed, prompts):
    services, admin, *_ = staffed
    as_admin = services.with_user(admin)

    def fill_new_user(dialog):
        assert isinstance(dialog, NewUserDialog)
        type_into(qtbot, dialog.username_edit, "ketoan")
        choose(dialog.role_combo, "Chỉ xem")
        type_into(qtbot, dialog.password_edit, "SoLieu2026a")
        type_into(qtbot, dialog.confirm_edit, "SoLieu2026a")
        dialog.create_button.click()
        return dialog.result() == NewUserDialog.DialogCode.Accepted

    tab = UsersTab(as_admin, prompts, dialogs=fill_new_user)
    qtbot.addWidget(tab)
    tab.show()
    assert [u.username for u in tab.model.records] == ["canbo", "quantri", "xem"]
    with qtbot.waitSignal(tab.data_changed, timeout=1000):
        tab.add_button.click()
    assert tab.selected_user().username == "ketoan" and tab.selected_user().role is Role.VIEWER
    choose(tab.role_combo, "Cán bộ nhập liệu")
    tab.set_role_button.click()
    assert services.with_user(admin).accounts.get("ketoan").role is Role.DATA_ENTRY
    tab.select("quantri")                   # one's own account, and the last administrator (QA finding 11)
    assert not tab.set_role_button.isEnabled() and not tab.toggle_active_button.isEnabled()
    assert "tài khoản bạn đang dùng" in tab.toggle_active_button.toolTip()
    assert not tab.unlock_button.isEnabled() and tab.unlock_button.toolTip() == "Tài khoản này không bị khóa."
    tab.select("canbo")
    assert tab.set_role_button.isEnabled() and tab.toggle_active_button.isEnabled()
    with pytest.raises(DomainError):       # and the service still refuses to demote the last administrator
        as_admin.accounts.set_role("quantri", Role.VIEWER)
    tab.idle_spin.setValue(3)
    tab.save_settings_button.click()
    assert services.accounts.settings().idle_lock_minutes == 3


def test_users_tab_for_a_clerk_shows_only_their_own_password(qtbot, staffed, prompts):
    services, admin, clerk, _ = staffed
    tab = UsersTab(services.with_user(clerk), prompts)
    qtbot.addWidget(tab)
    tab.show()
    assert tab.not_admin_label.isVisible() and not tab.users_box.isVisible()
    assert tab.change_my_password_button.isVisible() and tab.model.rowCount() == 0


def test_backups_tab_backs_up_previews_and_restores(qtbot, staffed, prompts, tmp_path, clock):
    services, admin, *_ = staffed
    as_admin = services.with_user(admin)
    tab = BackupsTab(as_admin, prompts)
    qtbot.addWidget(tab)
    tab.show()
    assert tab.last_label.text() == "Chưa có bản sao lưu nào." and not tab.warning_label.isVisible()
    with qtbot.waitSignal(tab.data_changed, timeout=2000):
        tab.back_up_button.click()
    assert tab.model.rowCount() == 1 and "Sao lưu gần nhất: 22/11/2026 09:30" == tab.last_label.text()
    tab.table.selectRow(0)
    members = len(services.members.list_rows())
    assert f"{members} thành viên" in tab.preview_label.text() and "nguyên vẹn" in tab.preview_label.text()

    prompts.files.append(tmp_path / "usb")
    tab.back_up_to_button.click()
    assert (tmp_path / "usb").is_dir() and len(list((tmp_path / "usb").iterdir())) == 1

    clock.now += timedelta(days=1)
    from antt_desktop.domain.organisation import HamletDraft

    as_admin.hamlets.create(HamletDraft(name="Thôn Mới"))
    tab.refresh()
    tab.table.selectRow(0)
    prompts.confirm_answers.append(True)
    with qtbot.waitSignal(tab.restored, timeout=2000):
        tab.restore_button.click()
    assert "Thôn Mới" not in [h.name for h in services.hamlets.list()]
    assert "Đã phục hồi dữ liệu" in tab.note.text()
    assert any(f.reason == "truoc-phuc-hoi" for f in tab.model.records)


def test_backups_tab_warns_about_a_removable_drive(qtbot, staffed, prompts, database):
    services, admin, *_ = staffed
    as_admin = services.with_user(admin)
    as_admin.backups = BackupService(as_admin.context, database, drive_kind=lambda path: DriveKind.REMOVABLE)
    tab = BackupsTab(as_admin, prompts)
    qtbot.addWidget(tab)
    tab.show()
    assert tab.warning_label.isVisible() and "ổ đĩa rời" in tab.warning_label.text()


def test_backups_tab_for_a_viewer_cannot_back_up_or_restore(qtbot, staffed, prompts):
    services, admin, clerk, viewer = staffed
    tab = BackupsTab(services.with_user(viewer), prompts)
    qtbot.addWidget(tab)
    assert not tab.back_up_button.isEnabled() and not tab.restore_file_button.isEnabled()


def test_audit_tab_filters_shows_the_difference_and_exports(qtbot, staffed, prompts, tmp_path):
    services, admin, clerk, _ = staffed
    as_clerk = services.with_user(clerk)
    hamlet = services.hamlets.list()[0]
    from antt_desktop.domain.organisation import HamletDraft

    as_clerk.hamlets.update(hamlet.id, HamletDraft(name="Thôn Đổi Tên", households=99))
    tab = AuditTab(services.with_user(admin), prompts)
    qtbot.addWidget(tab)
    tab.show()
    choose(tab.user_combo, "canbo")
    tab.filter_button.click()
    assert [e.action for e in tab.model.records] == ["hamlet.updated"]
    assert tab.model.data(tab.model.index(0, 3)) == "Sửa thôn/tổ dân phố"
    # QA finding 6: the object in Vietnamese, a short id, a filter by kind rather than code words
    assert tab.model.data(tab.model.index(0, 4)) == "Thôn/tổ dân phố"
    assert tab.model.data(tab.model.index(0, 5)) == hamlet.id[:8] + "…"
    choose(tab.kind_combo, "Thành viên")
    tab.filter_button.click()
    assert tab.model.rowCount() == 0
    choose(tab.kind_combo, "Thôn/tổ dân phố")
    tab.filter_button.click()
    assert [e.action for e in tab.model.records] == ["hamlet.updated"]
    changes = {tab.changes_model.data(tab.changes_model.index(r, 0)): (
        tab.changes_model.data(tab.changes_model.index(r, 1)), tab.changes_model.data(tab.changes_model.index(r, 2)))
        for r in range(tab.changes_model.rowCount())}
    assert changes["Tên"] == (hamlet.name, "Thôn Đổi Tên") and changes["Số hộ"][1] == "99"
    tab.verify_button.click()
    assert "nguyên vẹn" in tab.chain_label.text()
    prompts.files.append(tmp_path / "nhat-ky.csv")
    tab.export_button.click()
    assert (tmp_path / "nhat-ky.csv").exists() and "Đã xuất 1 bản ghi" in tab.note.text()
    assert tab.model.records[0].action == "hamlet.updated"         # still filtered on «canbo»
    assert services.with_user(admin).audit.entries()[0].action == "audit.exported"


def test_audit_tab_is_closed_to_a_clerk(qtbot, staffed, prompts):
    services, admin, clerk, _ = staffed
    tab = AuditTab(services.with_user(clerk), prompts)
    qtbot.addWidget(tab)
    tab.show()
    assert tab.denied_label.isVisible() and not tab.content.isVisible()


# --- start-up -----------------------------------------------------------------------------------

_SESSIONS: list = []


def launch(database, prompts, run_dialog, **options):
    """`start()` as app.py calls it, with answered dialogs and a main window without threads."""
    from antt_desktop.ui.startup import start

    return start(str(database), prompts=prompts, run_dialog=run_dialog,
                 window_factory=inline_window(prompts), **options)


def inline_window(prompts):
    """The main window with inline jobs: no worker thread outlives the test (STYLE §8)."""

    def build(services):
        from antt_desktop.ui.jobs import InlineJobs
        from antt_desktop.ui.main_window import MainWindow

        return MainWindow(services, prompts=prompts, jobs=InlineJobs())

    return build


def request_cleanup(session) -> None:
    """Shut the session down after the test even when it fails: a live idle watcher would lock
    (hide) the windows of the tests that follow in this process."""
    _SESSIONS.append(session)


@pytest.fixture(autouse=True)
def _shut_sessions_down():
    yield
    while _SESSIONS:
        _SESSIONS.pop().shut_down()


class Answers:
    """Answers the dialogs of the start-up flow as a user would, without real modals."""

    def __init__(self, qtbot, *, password=ADMIN_PASSWORD, username="quantri") -> None:
        self.qtbot = qtbot
        self.password = password
        self.username = username
        self.seen: list[str] = []

    def __call__(self, dialog) -> bool:
        from antt_desktop.ui.first_run import FirstRunDialog

        self.seen.append(type(dialog).__name__)
        self.qtbot.addWidget(dialog)
        if isinstance(dialog, FirstRunDialog):
            self.qtbot.keyClicks(dialog.code_edit, "26734")
            dialog.name_edit.setText("Xã Tân Phú")
            dialog.set_up_button.click()
        elif isinstance(dialog, CreateAdministratorDialog):
            type_into(self.qtbot, dialog.password_edit, self.password)
            type_into(self.qtbot, dialog.confirm_edit, self.password)
            dialog.create_button.click()
        elif isinstance(dialog, LoginDialog):
            type_into(self.qtbot, dialog.username_edit, self.username)
            type_into(self.qtbot, dialog.password_edit, self.password)
            dialog.login_button.click()
        return dialog.result() == dialog.DialogCode.Accepted


def test_start_first_run_then_log_in_with_backups_on_start_and_close(qtbot, tmp_path, prompts):
    from antt_desktop.services.backups import database_in_use

    database = tmp_path / "antt.sqlite"
    answers = Answers(qtbot)
    window = launch(database, prompts, answers)
    assert window is not None
    qtbot.addWidget(window)
    session = window.session
    request_cleanup(session)
    assert answers.seen == ["FirstRunDialog", "CreateAdministratorDialog"]
    assert session.services.context.actor == "quantri" and session.services.context.role is Role.ADMIN
    assert "Người dùng: quantri" in window.user_label.text()
    assert session.start_backup is not None and database_in_use(database)
    session.shut_down()
    assert not database_in_use(database)
    reasons = [f.reason for f in session.services.backups.list()]
    assert "dong" in reasons and "khoi-dong" in reasons

    # The next start asks for the password; a wrong one leaves the program closed.
    wrong = Answers(qtbot, password="sai-mat-khau-1")
    assert launch(database, prompts, wrong) is None
    assert wrong.seen == ["LoginDialog"] and not database_in_use(database)
    window = launch(database, prompts, Answers(qtbot))
    qtbot.addWidget(window)
    request_cleanup(window.session)
    assert window.session.user.username == "quantri"
    window.session.shut_down()


def test_the_idle_lock_hides_the_window_and_another_user_may_take_over(qtbot, tmp_path, prompts):
    from antt_desktop.wiring import open_services

    database = tmp_path / "antt.sqlite"
    window = launch(database, prompts, Answers(qtbot), minute_ms=50)
    qtbot.addWidget(window)
    session = window.session
    request_cleanup(session)
    session.services.accounts.create_user("canbo", "", Role.DATA_ENTRY, CLERK_PASSWORD)
    session.services.accounts.update_settings(AccountSettings(idle_lock_minutes=1))
    seen_visible = []

    def clerk_logs_in(dialog):
        seen_visible.append(window.isVisible())
        # No second lock while the test looks (a loaded machine may be slow to look).
        session._base.accounts.update_settings(AccountSettings(idle_lock_minutes=0))
        return Answers(qtbot, username="canbo", password=CLERK_PASSWORD)(dialog)

    try:
        session._run_dialog = clerk_logs_in
        qtbot.waitUntil(lambda: session.window is not window, timeout=10000)
        assert seen_visible == [False]                    # nothing on screen while locked
        assert session.services.context.actor == "canbo" and session.window.isVisible()
        assert not session.watcher.is_running            # 0 minutes: the lock is off now
        qtbot.addWidget(session.window)
        session._run_dialog = lambda dialog: False         # «Thoát» on the lock screen quits
        session.lock_now()
        assert not session.window.isVisible()
    finally:
        session.shut_down()                                # never leave a watcher behind
    reopened = open_services(database)
    try:
        assert "user.logged_in" in [e.action for e in reopened.audit.entries()][:3]
    finally:
        reopened.close()


def test_start_refuses_a_database_already_open(qtbot, tmp_path, prompts):
    from antt_desktop.services.backups import hold_database

    database = tmp_path / "antt.sqlite"
    lock = hold_database(database)
    try:
        assert launch(database, prompts, Answers(qtbot)) is None
    finally:
        lock.release()
    assert prompts.shown[-1][0] == "error" and "đang được mở" in prompts.shown[-1][2]


def test_start_offers_the_newest_good_backup_for_a_damaged_file(qtbot, tmp_path, prompts):

    database = tmp_path / "antt.sqlite"
    window = launch(database, prompts, Answers(qtbot))
    qtbot.addWidget(window)
    window.session.shut_down()
    window.close()
    import sqlite3

    with sqlite3.connect(database) as connection:      # move everything into the main file…
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    size = database.stat().st_size                     # …then damage it as a failing disk would
    with open(database, "r+b") as handle:
        for offset in range(8192, size, 4096 * 2):
            handle.seek(offset)
            handle.write(b"\xff" * 4096)
    prompts.confirm_answers.append(True)
    window = launch(database, prompts, Answers(qtbot))
    assert window is not None
    qtbot.addWidget(window)
    request_cleanup(window.session)
    kinds = [kind for kind, *_ in prompts.shown]
    assert "confirm" in kinds and "inform" in kinds
    confirm = next(text for kind, _title, text in prompts.shown if kind == "confirm")
    assert "bị hỏng" in confirm and "Bản sao lưu tốt gần nhất" in confirm
    assert list(tmp_path.glob("antt.sqlite.hong-*"))
    assert window.session.services.audit.entries()[1].action in ("database.recovered", "user.logged_in")
    window.session.shut_down()
