"""Khóa & đơn vị tin cậy: the own fingerprint, the public key file, trusting after comparing."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt

from antt_desktop.ui.sync.keys_tab import KeysTab
from tests.conftest import FakeClock
from tests.sync.pair import new_aggregator, new_commune


@pytest.fixture
def units(tmp_path):
    clock = FakeClock(datetime(2026, 11, 3, 9, 30))
    commune = new_commune(tmp_path / "xa", clock, code="26734", name="Xã Tân Phú")
    province = new_aggregator(tmp_path / "tinh", clock)
    yield commune, province
    commune.close()
    province.close()


def test_create_keys_then_export_the_public_file(qtbot, units, prompts, tmp_path):
    commune, _ = units
    tab = KeysTab(commune, prompts)
    qtbot.addWidget(tab)
    assert tab.fingerprint_label.text() == "Chưa có khóa" and tab.create_button.isVisibleTo(tab)
    with qtbot.waitSignal(tab.data_changed):
        qtbot.mouseClick(tab.create_button, Qt.MouseButton.LeftButton)
    fingerprint = commune.keys.own().fingerprint
    assert tab.fingerprint_label.text() == fingerprint and not tab.create_button.isVisibleTo(tab)
    prompts.files.append(tmp_path / "xa.antt-key")
    qtbot.mouseClick(tab.export_button, Qt.MouseButton.LeftButton)
    assert (tmp_path / "xa.antt-key").exists()
    assert fingerprint in prompts.shown[-1][2]


def test_trust_only_after_the_fingerprint_was_compared(qtbot, units, prompts, tmp_path):
    commune, province = units
    card = province.keys.export_public(tmp_path / "tinh.antt-key")
    tab = KeysTab(commune, prompts)
    qtbot.addWidget(tab)

    prompts.files.append(card.key_file)
    prompts.confirm_answers.append(False)                 # "Không khớp — hủy"
    qtbot.mouseClick(tab.trust_button, Qt.MouseButton.LeftButton)
    confirm = [s for s in prompts.shown if s[0] == "confirm"][-1]
    assert card.fingerprint in confirm[2]
    assert tab.trusted_table.rowCount() == 0 and commune.keys.trusted() == []

    prompts.files.append(card.key_file)
    prompts.confirm_answers.append(True)
    with qtbot.waitSignal(tab.data_changed):
        qtbot.mouseClick(tab.trust_button, Qt.MouseButton.LeftButton)
    assert tab.trusted_table.rowCount() == 1
    assert tab.trusted_table.item(0, 0).text() == "CAT-GL"
    assert tab.trusted_table.item(0, 3).text() == card.fingerprint


def test_a_changed_key_needs_an_explicit_replacement(qtbot, units, prompts, tmp_path):
    commune, province = units
    commune.keys.trust(province.keys.export_public(tmp_path / "cu.antt-key").key_file)
    province.keys.ensure(new=True)
    new_card = province.keys.export_public(tmp_path / "moi.antt-key")
    tab = KeysTab(commune, prompts)
    qtbot.addWidget(tab)
    prompts.files.append(new_card.key_file)
    prompts.confirm_answers.extend([True, True])          # fingerprint compared; replace the old key
    with qtbot.waitSignal(tab.data_changed):
        qtbot.mouseClick(tab.trust_button, Qt.MouseButton.LeftButton)
    assert [s[1] for s in prompts.shown if s[0] == "confirm"][-1] == "Đơn vị đã có khóa khác"
    assert [k.fingerprint for k in commune.keys.trusted()] == [new_card.fingerprint]


def test_a_bad_key_file_is_explained(qtbot, units, prompts, tmp_path):
    commune, _ = units
    bad = tmp_path / "hong.antt-key"
    bad.write_text("không phải khóa", encoding="utf-8")
    tab = KeysTab(commune, prompts)
    qtbot.addWidget(tab)
    prompts.files.append(bad)
    qtbot.mouseClick(tab.trust_button, Qt.MouseButton.LeftButton)
    assert prompts.shown[-1][0] == "error" and "không phải tệp khóa" in prompts.shown[-1][2]


def test_untrust_the_selected_unit(qtbot, units, prompts, tmp_path):
    commune, province = units
    commune.keys.trust(province.keys.export_public(tmp_path / "tinh.antt-key").key_file)
    tab = KeysTab(commune, prompts)
    qtbot.addWidget(tab)
    tab.trusted_table.selectRow(0)
    prompts.confirm_answers.append(True)
    with qtbot.waitSignal(tab.data_changed):
        qtbot.mouseClick(tab.untrust_button, Qt.MouseButton.LeftButton)
    assert tab.trusted_table.rowCount() == 0 and commune.keys.trusted() == []
