"""Cài đặt: the tabs from the registry, and the unit tab's names, signers and resolution."""

from __future__ import annotations

from antt_desktop.ui.pending import PendingScreen
from antt_desktop.ui.registry import SETTINGS_TABS
from antt_desktop.ui.settings.page import SettingsPage
from antt_desktop.ui.settings.unit_tab import UnitTab
from tests.ui.helpers import choose, erase, type_text


def test_every_settings_tab_is_there_or_says_when_it_comes(qtbot, demo, prompts):
    page = SettingsPage(demo, prompts)
    qtbot.addWidget(page)
    titles = [page.tabs.tabText(i).replace("&&", "&") for i in range(page.tabs.count())]
    assert titles == [entry.title for entry in SETTINGS_TABS]
    for entry in SETTINGS_TABS:
        tab = page.tab_widgets[entry.key]
        if isinstance(tab, PendingScreen):
            assert f"#{entry.issue}" in tab.notice_label.text()
    assert isinstance(page.tab_widgets["unit"], UnitTab)


def test_the_unit_names_and_signers_are_saved(qtbot, demo, prompts):
    tab = UnitTab(demo, prompts)
    qtbot.addWidget(tab)
    tab.show()
    erase(tab.chairman_edit)
    type_text(tab.chairman_edit, "Phạm Thị Lan")
    choose(tab.signature_combo, "KT. (ký thay)")
    erase(tab.place_edit)
    type_text(tab.place_edit, "Ia Grai")
    with qtbot.waitSignal(tab.data_changed, timeout=1000):
        tab.save_button.click()
    unit = demo.units.own_unit()
    assert (unit.chairman_name, unit.signature_form, unit.place_name) == ("Phạm Thị Lan", "KT.", "Ia Grai")
    assert tab.form_note.text() == "Đã lưu thông tin đơn vị."


def test_an_empty_unit_name_is_refused(qtbot, demo, prompts):
    tab = UnitTab(demo, prompts)
    qtbot.addWidget(tab)
    tab.show()
    erase(tab.name_edit)
    tab.save_button.click()
    assert tab.name_note.text() == "Chưa nhập tên đơn vị."
    assert demo.units.own_unit().name == "Xã Tân Phú"


def test_another_resolution_of_the_province_can_be_applied(qtbot, demo, prompts):
    tab = UnitTab(demo, prompts)
    qtbot.addWidget(tab)
    tab.show()
    assert not tab.apply_policy_button.isEnabled()       # the one in use is selected
    labels = [tab.policy_combo.itemText(i) for i in range(tab.policy_combo.count())]
    other = next(label for label in labels if "Gia Lai (cũ" in label)
    choose(tab.policy_combo, other)
    assert tab.apply_policy_button.isEnabled()
    with qtbot.waitSignal(tab.data_changed, timeout=1000):
        tab.apply_policy_button.click()
    assert demo.policies.unit_policy().policy.province_name.startswith("Gia Lai (cũ")
    assert tab.policy_note.text() == "Đơn vị đang áp dụng nghị quyết này."
