"""The line under a form field that says what is wrong with it (red) or worth a look (amber)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

ERROR_COLOUR = "#b3261e"
WARNING_COLOUR = "#8a5a00"
DONE_COLOUR = "#1b6e20"


class FieldNote(QLabel):
    """Hidden while there is nothing to say; `kind` is "", "error", "warning" or "done"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.kind = ""
        self._fitting = False
        self.hide()

    def show_error(self, text: str) -> None:
        self._show(text, "error", ERROR_COLOUR)

    def show_warning(self, text: str) -> None:
        self._show(f"Lưu ý: {text}", "warning", WARNING_COLOUR)

    def show_done(self, text: str) -> None:
        self._show(text, "done", DONE_COLOUR)

    def clear_note(self) -> None:
        self.kind = ""
        self.setText("")
        self.hide()

    def _show(self, text: str, kind: str, colour: str) -> None:
        self.kind = kind
        self.setStyleSheet(f"color: {colour};")
        self.setText(text)
        self._fit_height()
        self.show()

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():   # only a new width changes the lines
            self._fit_height()

    def _fit_height(self) -> None:
        # Layouts do not grow a row for a wrapped label's extra lines (height-for-width is
        # not propagated through nested layouts), so the note asks for its height itself.
        # The 2 px keep the descenders of the last line; a change of height alone never
        # calls this again, so the layout cannot loop.
        if self._fitting:
            return
        needed = self.heightForWidth(self.width()) + 2 if self.text() else 0
        if needed > 2 and needed != self.minimumHeight():
            self._fitting = True
            try:
                self.setMinimumHeight(needed)
            finally:
                self._fitting = False
