"""Message boxes and file pickers in Vietnamese, behind one injectable object (STYLE §7).

Qt ships no Vietnamese translation of its standard buttons, so they are labelled here.
Tests pass a FakePrompts with the same methods and never open a real modal.

Confirmations default to the safe button: Enter (or Esc) answers "no", so a stray key press never
restores a backup, undoes an import, disables an account, issues a decision or locks a payroll.
Only a question whose "yes" is itself the safe, recommended way out passes `safe_default=False`.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget


class UserPrompts:
    def __init__(self, parent: QWidget | None = None) -> None:
        self._parent = parent

    def _box(self, icon, title: str, text: str, buttons: list[tuple[str, QMessageBox.ButtonRole]],
             detail: str = "", default: int = 0) -> int:
        box = QMessageBox(icon, title, text, parent=self._parent)
        if detail:
            box.setInformativeText(detail)
        created = [box.addButton(label, role) for label, role in buttons]
        box.setDefaultButton(created[default])
        box.setEscapeButton(created[-1])
        box.exec()
        clicked = box.clickedButton()
        return created.index(clicked) if clicked in created else len(created) - 1

    def inform(self, title: str, text: str, detail: str = "") -> None:
        self._box(QMessageBox.Icon.Information, title, text, [("Đóng", QMessageBox.ButtonRole.AcceptRole)], detail)

    def warn(self, title: str, text: str, detail: str = "") -> None:
        self._box(QMessageBox.Icon.Warning, title, text, [("Đóng", QMessageBox.ButtonRole.AcceptRole)], detail)

    def error(self, title: str, text: str, detail: str = "") -> None:
        self._box(QMessageBox.Icon.Critical, title, text, [("Đóng", QMessageBox.ButtonRole.AcceptRole)], detail)

    def confirm(self, title: str, text: str, *, yes: str = "Đồng ý", no: str = "Hủy", detail: str = "",
                safe_default: bool = True) -> bool:
        """True only when the user clicks `yes`; Enter picks `no` unless safe_default is False."""
        return self._box(QMessageBox.Icon.Question, title, text,
                         [(yes, QMessageBox.ButtonRole.AcceptRole), (no, QMessageBox.ButtonRole.RejectRole)],
                         detail, default=1 if safe_default else 0) == 0

    def ask_save_changes(self, title: str, text: str) -> str:
        """'save', 'discard' or 'cancel' — the unsaved-changes guard."""
        choice = self._box(QMessageBox.Icon.Question, title, text, [
            ("Lưu", QMessageBox.ButtonRole.AcceptRole),
            ("Không lưu", QMessageBox.ButtonRole.DestructiveRole),
            ("Quay lại", QMessageBox.ButtonRole.RejectRole)], default=0)
        return ("save", "discard", "cancel")[choice]

    def open_file(self, title: str, filters: str, start: Path | None = None) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(self._parent, title, str(start or Path.home()), filters)
        return Path(name) if name else None

    def save_file(self, title: str, filters: str, suggested: Path) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(self._parent, title, str(suggested), filters)
        return Path(name) if name else None

    def choose_folder(self, title: str, start: Path | None = None) -> Path | None:
        name = QFileDialog.getExistingDirectory(self._parent, title, str(start or Path.home()))
        return Path(name) if name else None
