"""Automatic lock after a configurable time without keyboard or mouse (issue #8).

`IdleWatcher` is an application-wide event filter: any key, click, wheel or mouse move
restarts a single-shot QTimer; when the timer runs out, `idle_timed_out` is emitted and
the session (ui/startup.py) hides every window and asks for the password again.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal

ACTIVITY_EVENTS = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick,
    QEvent.Type.MouseMove, QEvent.Type.Wheel, QEvent.Type.TouchBegin, QEvent.Type.TabletPress,
})


class IdleWatcher(QObject):
    idle_timed_out = Signal()

    def __init__(self, application, timeout_ms: int, parent=None) -> None:
        super().__init__(parent)
        self._application = application
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._paused = False
        self.set_timeout_ms(timeout_ms)
        application.installEventFilter(self)

    @property
    def timeout_ms(self) -> int:
        return self._timeout_ms

    @property
    def is_running(self) -> bool:
        return self._timer.isActive()

    def set_timeout_ms(self, timeout_ms: int) -> None:
        """0 switches the lock off."""
        self._timeout_ms = max(int(timeout_ms), 0)
        self._timer.stop()
        if self._timeout_ms and not self._paused:
            self._timer.start(self._timeout_ms)

    def pause(self) -> None:
        """While the lock dialog is up nothing should lock again."""
        self._paused = True
        self._timer.stop()

    def resume(self) -> None:
        self._paused = False
        self.set_timeout_ms(self._timeout_ms)

    def stop(self) -> None:
        self._timer.stop()
        self._application.removeEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt override)
        if (not self._paused and self._timeout_ms and event.type() in ACTIVITY_EVENTS):
            self._timer.start(self._timeout_ms)
        return False

    def _on_timer_timeout(self) -> None:
        if not self._paused:
            self.idle_timed_out.emit()
