"""What stands where a screen of a later issue will be: a plain notice, nothing that pretends."""

from __future__ import annotations

import traceback

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from antt_desktop.ui.registry import ScreenEntry, load_class, pending_text


class PendingScreen(QWidget):
    """The notice for a screen whose module is not there yet (or failed to open)."""

    def __init__(self, entry: ScreenEntry, text: str | None = None, parent=None) -> None:
        super().__init__(parent)
        self.entry = entry
        self.notice_label = QLabel(text or pending_text(entry))
        self.notice_label.setWordWrap(True)
        self.notice_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.notice_label.setStyleSheet("color: #444; font-size: 11pt;")
        layout = QVBoxLayout(self)
        layout.addStretch()
        layout.addWidget(self.notice_label)
        layout.addStretch()

    def refresh(self) -> None:
        """Nothing to reload."""


def build_screen(entry: ScreenEntry, services, prompts, **options) -> QWidget:
    """The entry's page built as Class(services, prompts), or the notice in its place.

    `options` are passed only to this issue's own pages (#3), which accept them.
    """
    try:
        screen_class = load_class(entry)
        if screen_class is None:
            return PendingScreen(entry)
        if entry.issue == 3 and options:
            return screen_class(services, prompts, **options)
        return screen_class(services, prompts)
    except Exception as error:  # noqa: BLE001 — one broken screen must not stop the application
        traceback.print_exc()
        return PendingScreen(entry, f"Màn hình «{entry.title}» gặp lỗi khi mở và tạm thời không dùng "
                                    f"được.\nChi tiết kỹ thuật: {type(error).__name__}: {error}")
