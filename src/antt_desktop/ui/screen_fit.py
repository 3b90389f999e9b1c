"""Dialogs sized for the screen they open on: a fixed 1200×700 goes under the taskbar at 150 %
(1920×1080 leaves about 690 logical pixels) or on a 1366×768 laptop (QA finding 8)."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

SCREEN_SHARE = 0.9


def resize_within_screen(widget: QWidget, width: int, height: int, share: float = SCREEN_SHARE) -> None:
    """Resize to width×height, but never beyond `share` of the screen's available geometry."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    if screen is not None:
        available = screen.availableGeometry()
        width = min(width, int(available.width() * share))
        height = min(height, int(available.height() * share))
    widget.resize(width, height)
