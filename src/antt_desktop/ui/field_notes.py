"""The line under a form field that says what is wrong with it (red) or worth a look (amber)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

ERROR_COLOUR = "#b3261e"
WARNING_COLOUR = "#8a5a00"


class FieldNote(QLabel):
    """Hidden while there is nothing to say; `kind` is "", "error" or "warning"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.kind = ""
        self.hide()

    def show_error(self, text: str) -> None:
        self._show(text, "error", ERROR_COLOUR)

    def show_warning(self, text: str) -> None:
        self._show(f"Lưu ý: {text}", "warning", WARNING_COLOUR)

    def clear_note(self) -> None:
        self.kind = ""
        self.setText("")
        self.hide()

    def _show(self, text: str, kind: str, colour: str) -> None:
        self.kind = kind
        self.setStyleSheet(f"color: {colour};")
        self.setText(text)
        self.show()
