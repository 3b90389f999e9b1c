"""Driving widgets as a user does: typing Vietnamese, pressing keys, picking from a combo box."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest


def type_text(widget, text: str) -> None:
    """Type `text` one key at a time (qtbot.keyClicks aborts on non-ASCII, STACK-NOTES)."""
    widget.setFocus()
    for char in text:
        QTest.sendKeyEvent(QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, char,
                           Qt.KeyboardModifier.NoModifier)


def erase(widget, count: int | None = None) -> None:
    """Backspace `count` times, or select everything and delete."""
    widget.setFocus()
    if count is None:
        QTest.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        QTest.keyClick(widget, Qt.Key.Key_Delete)
        return
    for _ in range(count):
        QTest.keyClick(widget, Qt.Key.Key_Backspace)


def choose(combo, text: str) -> None:
    """Pick the item labelled `text` with the keyboard, as a user without a mouse would."""
    target = combo.findText(text)
    assert target >= 0, f"{text!r} not in {[combo.itemText(i) for i in range(combo.count())]}"
    combo.setFocus()
    QTest.keyClick(combo, Qt.Key.Key_Home)
    for _ in range(combo.count()):
        if combo.currentIndex() == target:
            break
        QTest.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentIndex() == target, (combo.currentIndex(), target)
