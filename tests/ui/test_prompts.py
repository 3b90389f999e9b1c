"""UserPrompts: irreversible confirmations default to the safe button (QA finding 12)."""

from __future__ import annotations

import inspect

import pytest
from PySide6.QtWidgets import QMessageBox

from antt_desktop.ui.prompts import UserPrompts
from tests.ui.fakes import FakePrompts


@pytest.fixture
def boxes(monkeypatch):
    """Replace exec: record the default/escape buttons, then press Enter (the default button)."""
    seen = []

    def fake_exec(box):
        seen.append((box.defaultButton().text(), box.escapeButton().text()))
        box.defaultButton().click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    return seen


def test_enter_on_a_confirmation_answers_no(qtbot, boxes):
    prompts = UserPrompts()
    assert prompts.confirm("Phục hồi dữ liệu", "Phục hồi?", yes="Phục hồi") is False
    assert boxes == [("Hủy", "Hủy")]


def test_only_an_explicit_safe_yes_is_the_default(qtbot, boxes):
    prompts = UserPrompts()
    assert prompts.confirm("Tệp dữ liệu bị hỏng", "Khôi phục?", yes="Khôi phục", no="Thoát",
                           safe_default=False) is True
    assert boxes == [("Khôi phục", "Thoát")]


def test_unsaved_changes_default_to_save_and_escape_goes_back(qtbot, boxes):
    assert UserPrompts().ask_save_changes("Chưa lưu", "Lưu?") == "save"
    assert boxes == [("Lưu", "Quay lại")]


def test_the_fake_takes_the_same_arguments():
    real = inspect.signature(UserPrompts.confirm).parameters
    fake = inspect.signature(FakePrompts.confirm).parameters
    assert list(real) == list(fake)
    assert real["safe_default"].default is fake["safe_default"].default is True
