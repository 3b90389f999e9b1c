"""From a database path to a shown main window (issue #8 owns this flow):

1. one window per database (a second program on the same file is refused);
2. the file's integrity check, with a guided recovery to the newest sound backup;
3. the first-run unit setup, then the administrator's account; later starts log in;
4. an automatic backup on start, a warning if the file sits on a stick or a network drive;
5. the main window, locked again after the configured idle time, and a backup on close.

Both the check (2) and the backup (4) read the whole file, ~0.2 s each for a province's
100,000 members (DESIGN §7: a usable window in 1.5 s). So they run one after the other in a
thread of their own begun at once (services.backups.StartupCheck), while the modules load:
the check still ends before the database is opened, and the window never waits for the copy,
which holds the data as they were at start. On a first run, or after a recovery, the copy is
taken once the window opens instead.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QDialog

from antt_desktop.domain.errors import DomainError
from antt_desktop.messages import describe

TITLE = "ANTT Desktop"
MINUTE_MS = 60_000
LOCK_SHORTCUT = "Ctrl+L"


def _exec(dialog) -> bool:
    return dialog.exec() == QDialog.DialogCode.Accepted


def start(database: str, *, prompts=None, run_dialog: Callable[[QDialog], bool] | None = None,
          minute_ms: int = MINUTE_MS, window_factory=None):
    """Open the database and show the main window; None when the user gave up or it failed.

    `run_dialog` shows a dialog and says whether it was accepted (tests answer without a
    real modal); `minute_ms` is how long an idle-lock minute lasts (tests shorten it);
    `window_factory(services)` builds the main window (tests give it inline jobs).
    """
    from antt_desktop.services.backups import StartupCheck, hold_database
    from antt_desktop.ui.prompts import UserPrompts

    prompts = prompts if prompts is not None else UserPrompts()
    run_dialog = run_dialog or _exec
    path = None if "://" in str(database) else Path(database)
    lock = None
    if path is not None:
        try:
            lock = hold_database(path)
        except DomainError as error:
            prompts.error(TITLE, describe(error))
            return None
    recovery = None
    startup = StartupCheck(path) if path is not None else None
    try:
        _load_modules()                  # meanwhile the check, then the copy, read the file
        from antt_desktop.wiring import open_services

        if startup is not None:
            health = startup.health.result()
            if not health.is_sound:
                recovery = guided_recovery(path, health, prompts)
                if recovery is None:
                    _release(lock)
                    return None
        services = open_services(database)
    except (OSError, DomainError) as error:
        text = describe(error) if isinstance(error, DomainError) else str(error)
        prompts.error(TITLE, f"Không mở được cơ sở dữ liệu «{database}».\n{text}")
        _wait_for(startup.copy if startup is not None else None)
        _release(lock)
        return None
    if recovery is not None:
        services.backups.note_recovery(recovery)

    start_backup = None                 # None: AppSession takes the copy once the window opens
    if startup is not None and recovery is None and services.units.own_unit() is not None:
        start_backup = startup.copy
    user = _first_run_and_log_in(services, run_dialog)
    if user is None:
        _wait_for(startup.copy if startup is not None else None)
        services.close()
        _release(lock)
        return None
    session = AppSession(services, user, lock, prompts, run_dialog=run_dialog, minute_ms=minute_ms,
                         window_factory=window_factory, start_backup=start_backup)
    return session.open()


def _load_modules() -> None:
    """Import what opening the database and the window need (SQLAlchemy, the services, the
    log-in dialog, the main window): half a second or more of Python work."""
    import antt_desktop.ui.accounts.login_dialog  # noqa: F401
    import antt_desktop.ui.main_window  # noqa: F401
    import antt_desktop.wiring  # noqa: F401


def guided_recovery(path: Path, health, prompts):
    """The file is damaged: offer the newest sound backup, or a copy the user picks (a stick)."""
    from antt_desktop.services.backups import recover_from_backup

    problems = "; ".join(health.problems[:3])
    chosen = None
    good = health.good_backup
    if good is not None:
        from antt_desktop.ui.backups.backups_tab import when_text

        counts = good.counts
        if prompts.confirm(
                "Tệp dữ liệu bị hỏng",
                f"Tệp dữ liệu «{path}» bị hỏng ({problems}).\n\nBản sao lưu tốt gần nhất: lúc "
                f"{when_text(good.taken_at)}, {counts.get('members', 0)} thành viên, "
                f"{counts.get('decisions', 0)} quyết định. Khôi phục từ bản này?",
                yes="Khôi phục", no="Chọn bản sao lưu khác…",
                detail="Tệp hỏng được đổi tên và giữ lại, không bị xóa.", safe_default=False):
            chosen = Path(good.path)
    elif not prompts.confirm(
            "Tệp dữ liệu bị hỏng",
            f"Tệp dữ liệu «{path}» bị hỏng ({problems}) và thư mục backups không có bản sao lưu "
            "còn tốt. Chọn một bản sao lưu (ví dụ trên USB) để khôi phục?",
            yes="Chọn bản sao lưu…", no="Thoát"):
        return None
    if chosen is None:
        chosen = prompts.open_file("Chọn bản sao lưu để khôi phục", "Bản sao lưu ANTT (*.sqlite);;Mọi tệp (*)")
        if chosen is None:
            return None
    try:
        result = recover_from_backup(path, chosen)
    except DomainError as error:
        prompts.error("Không khôi phục được", describe(error))
        return None
    prompts.inform("Đã khôi phục", f"Đã khôi phục dữ liệu từ bản sao lưu. Tệp hỏng được giữ tại «{result.set_aside}».")
    return result


def _first_run_and_log_in(services, run_dialog):
    """The unit on first run, then the administrator's account, or the log-in; the user or None."""
    from antt_desktop.ui.accounts.login_dialog import CreateAdministratorDialog, LoginDialog

    if services.units.own_unit() is None:
        from antt_desktop.ui.first_run import FirstRunDialog

        if not run_dialog(FirstRunDialog(services)):
            return None
    if not services.accounts.has_accounts():
        dialog = CreateAdministratorDialog(services)
    else:
        dialog = LoginDialog(services)
    if not run_dialog(dialog):
        return None
    return dialog.user


def _release(lock) -> None:
    if lock is not None:
        lock.release()


def _wait_for(backup) -> None:
    """Wait for a copy still being made (a Future), before the file is let go; a failure is
    reported elsewhere."""
    if backup is not None:
        with contextlib.suppress(Exception):
            backup.result()


class AppSession(QObject):
    """The logged-in user's window, its idle lock, and what happens at the end."""

    BACKUP_POLL_MS = 100

    def __init__(self, base_services, user, lock, prompts, *, run_dialog=_exec,
                 minute_ms: int = MINUTE_MS, window_factory=None, start_backup=None) -> None:
        super().__init__()
        self._base = base_services          # the log-in dialogs use it; the window never does
        self._lock = lock
        self._prompts = prompts
        self._run_dialog = run_dialog
        self._minute_ms = minute_ms
        self._window_factory = window_factory
        self._is_locked = False
        self._is_shut_down = False
        self.user = user
        self.services = base_services.with_user(user)
        self.window = None
        self.watcher = None
        self._start_backup = start_backup   # a Future of the copy on start, begun before the log-in
        self._backup_timer = QTimer(self)
        self._backup_timer.setInterval(self.BACKUP_POLL_MS)
        self._backup_timer.timeout.connect(self._on_backup_timer_timeout)

    @property
    def start_backup(self) -> Path | None:
        """The copy taken on start (waiting for it if it is still being made); None if it failed."""
        if self._start_backup is None:
            return None
        try:
            return self._start_backup.result()
        except Exception:  # noqa: BLE001 — the failure was reported when the copy ended
            return None

    def open(self):
        from antt_desktop.messages.accounts import location_warning_text
        from antt_desktop.ui.accounts.idle_lock import IdleWatcher

        if self._start_backup is None:
            self._start_backup = self.services.backups.on_start_in_background()
        self._backup_timer.start()
        warning = self.services.backups.location_warning()
        if warning is not None:
            self._prompts.warn("Vị trí tệp dữ liệu", location_warning_text(warning))
        self.window = self._new_window(self.services)
        application = QApplication.instance()
        self.watcher = IdleWatcher(application, self._idle_ms(), self)
        self.watcher.idle_timed_out.connect(self._on_watcher_idle_timed_out)
        application.aboutToQuit.connect(self.shut_down)
        return self.window

    def _new_window(self, services):
        if self._window_factory is not None:
            window = self._window_factory(services)
        else:
            from antt_desktop.ui.main_window import MainWindow

            window = MainWindow(services, prompts=self._prompts if not _is_default(self._prompts) else None)
        window.session = self
        window.lock_shortcut = QShortcut(QKeySequence(LOCK_SHORTCUT), window)
        window.lock_shortcut.activated.connect(self.lock_now)
        window.show()
        return window

    def _on_backup_timer_timeout(self) -> None:
        """Once the copy on start has ended: say if it failed, else show its time."""
        job = self._start_backup
        if job is None or self._is_shut_down:
            self._backup_timer.stop()
            return
        if not job.done():
            return
        self._backup_timer.stop()
        error = job.exception()
        if error is not None:
            self._prompts.warn(TITLE, "Không sao lưu tự động được khi mở chương trình.",
                               describe(error) if isinstance(error, DomainError) else str(error))
            return
        with contextlib.suppress(Exception):       # the retention runs again at the next copy
            self.services.backups.prune()
        if self.window is not None and hasattr(self.window, "update_status"):
            self.window.update_status()

    def _idle_ms(self) -> int:
        try:
            minutes = self.services.accounts.settings().idle_lock_minutes
        except Exception:  # noqa: BLE001 — never let a settings read stop the program
            minutes = 10
        return minutes * self._minute_ms

    @property
    def is_locked(self) -> bool:
        return self._is_locked

    def _on_watcher_idle_timed_out(self) -> None:
        wanted = self._idle_ms()
        if wanted != self.watcher.timeout_ms:   # the setting changed meanwhile: use it from now
            self.watcher.set_timeout_ms(wanted)
            return
        self.lock_now()

    def lock_now(self) -> None:
        """Hide every window and ask for a password; another user may log in instead."""
        from antt_desktop.ui.accounts.login_dialog import LoginDialog

        if self._is_locked or self._is_shut_down:
            return
        self._is_locked = True
        self.watcher.pause()
        hidden = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
        for widget in hidden:
            widget.hide()
        dialog = LoginDialog(self._base, locked_for=self.user.username)
        accepted = self._run_dialog(dialog) and dialog.user is not None
        self._is_locked = False
        if not accepted:
            self.quit()
            return
        if dialog.user.username == self.user.username:
            for widget in hidden:
                widget.show()
        else:
            old = self.window
            self.user = dialog.user
            self.services = self._base.with_user(dialog.user)
            self.window = self._new_window(self.services)
            old.close()
        self.watcher.set_timeout_ms(self._idle_ms())
        self.watcher.resume()

    def quit(self) -> None:
        if self.window is not None:
            self.window.close()
        self.shut_down()
        application = QApplication.instance()
        if application is not None:
            application.quit()

    def shut_down(self) -> None:
        """On quitting: the backup on close, then the database lock is released."""
        if self._is_shut_down:
            return
        self._is_shut_down = True
        if self.watcher is not None:
            self.watcher.stop()
        application = QApplication.instance()
        if application is not None:
            try:
                application.aboutToQuit.disconnect(self.shut_down)
            except (RuntimeError, TypeError):
                pass
        try:
            self._backup_timer.stop()
            _wait_for(self._start_backup)      # never two copies at once, nor a prune under a copy
            self.services.backups.on_close()
        except Exception as error:  # noqa: BLE001 — quitting must go on; say why on the console
            print(f"Không sao lưu được khi đóng chương trình: {error}", file=sys.stderr)
        finally:
            self.services.close()
            _release(self._lock)
            self._lock = None


def _is_default(prompts) -> bool:
    from antt_desktop.ui.prompts import UserPrompts

    return type(prompts) is UserPrompts
