"""Message boxes and file pickers in Vietnamese, behind one injectable object (STYLE §7).

Qt ships no Vietnamese translation of its standard buttons, so they are labelled here.
Tests pass a FakePrompts with the same methods and never open a real modal.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget


class UserPrompts:
    def __init__(self, parent: QWidget | None = None) -> None:
        self._parent = parent

    def _box(self, icon, title: str, text: str, buttons: list[tuple[str, QMessageBox.ButtonRole]],
             detail: str = "") -> int:
        box = QMessageBox(icon, title, text, parent=self._parent)
        if detail:
            box.setInformativeText(detail)
        created = [box.addButton(label, role) for label, role in buttons]
        box.setDefaultButton(created[0])
        box.exec()
        clicked = box.clickedButton()
        return created.index(clicked) if clicked in created else len(created) - 1

    def inform(self, title: str, text: str, detail: str = "") -> None:
        self._box(QMessageBox.Icon.Information, title, text, [("Đóng", QMessageBox.ButtonRole.AcceptRole)], detail)

    def warn(self, title: str, text: str, detail: str = "") -> None:
        self._box(QMessageBox.Icon.Warning, title, text, [("Đóng", QMessageBox.ButtonRole.AcceptRole)], detail)

    def error(self, title: str, text: str, detail: str = "") -> None:
        self._box(QMessageBox.Icon.Critical, title, text, [("Đóng", QMessageBox.ButtonRole.AcceptRole)], detail)

    def confirm(self, title: str, text: str, *, yes: str = "Đồng ý", no: str = "Hủy", detail: str = "") -> bool:
        return self._box(QMessageBox.Icon.Question, title, text,
                         [(yes, QMessageBox.ButtonRole.AcceptRole), (no, QMessageBox.ButtonRole.RejectRole)],
                         detail) == 0

    def ask_save_changes(self, title: str, text: str) -> str:
        """'save', 'discard' or 'cancel' — the unsaved-changes guard."""
        choice = self._box(QMessageBox.Icon.Question, title, text, [
            ("Lưu", QMessageBox.ButtonRole.AcceptRole),
            ("Không lưu", QMessageBox.ButtonRole.DestructiveRole),
            ("Quay lại", QMessageBox.ButtonRole.RejectRole)])
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
