"""FakePrompts: the UserPrompts interface with scripted answers and a record of what was shown."""

from __future__ import annotations

from pathlib import Path


class FakePrompts:
    def __init__(self) -> None:
        self.shown: list[tuple[str, str, str]] = []   # (kind, title, text)
        self.confirm_answers: list[bool] = []
        self.save_changes_answers: list[str] = []
        self.files: list[Path | None] = []           # answers for open_file/save_file/choose_folder
        self.confirm_safe_defaults: list[bool] = []  # safe_default of each confirm, in order

    def inform(self, title, text, detail=""):
        self.shown.append(("inform", title, text))

    def warn(self, title, text, detail=""):
        self.shown.append(("warn", title, text))

    def error(self, title, text, detail=""):
        self.shown.append(("error", title, text))

    def confirm(self, title, text, *, yes="Đồng ý", no="Hủy", detail="", safe_default=True):
        self.shown.append(("confirm", title, text))
        self.confirm_safe_defaults.append(safe_default)
        return self.confirm_answers.pop(0) if self.confirm_answers else True

    def ask_save_changes(self, title, text):
        self.shown.append(("save_changes", title, text))
        return self.save_changes_answers.pop(0) if self.save_changes_answers else "cancel"

    def _next_file(self):
        return self.files.pop(0) if self.files else None

    def open_file(self, title, filters, start=None):
        self.shown.append(("open_file", title, filters))
        return self._next_file()

    def save_file(self, title, filters, suggested):
        self.shown.append(("save_file", title, str(suggested)))
        return self._next_file()

    def choose_folder(self, title, start=None):
        self.shown.append(("choose_folder", title, ""))
        return self._next_file()
