"""The main window: navigation, honest notices, status bar, shortcuts, remembered layout."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest

from antt_desktop.ui.main_window import MainWindow
from antt_desktop.ui.pending import PendingScreen
from antt_desktop.ui.registry import NAV_PAGES
from tests.ui.helpers import type_text


@pytest.fixture
def window(qtbot, demo, prompts, jobs):
    made = MainWindow(demo, prompts=prompts, jobs=jobs)
    qtbot.addWidget(made)
    with qtbot.waitActive(made):
        made.show()
        made.activateWindow()
    return made


def nav_titles(window) -> list[str]:
    return [window.nav_list.item(row).text() for row in range(window.nav_list.count())]


def test_navigation_lists_every_screen_in_vietnamese(window):
    assert nav_titles(window) == ["Tổng quan", "Thôn/Tổ", "Thành viên", "Quyết định", "Hỗ trợ & Bảo hiểm",
                                  "Báo cáo", "Đồng bộ USB", "Cài đặt"]
    assert window.current_key == "overview"
    assert window.windowTitle() == "ANTT Desktop — Xã Tân Phú"


def test_each_screen_opens_or_says_which_issue_brings_it(window):
    for row, entry in enumerate(NAV_PAGES):
        window.nav_list.setCurrentRow(row)
        page = window.pages[entry.key]
        assert window.stack.currentWidget().widget() is page
        if isinstance(page, PendingScreen):
            text = page.notice_label.text()
            assert f"#{entry.issue}" in text and entry.title in text and entry.issue != 3


def test_the_status_bar_names_the_unit_the_user_and_the_last_backup(window, demo):
    from antt_desktop.store.backups import backup_database

    assert "Xã Tân Phú (DEMO-TANPHU)" in window.unit_label.text()
    assert window.user_label.text() == "Người dùng: can-bo-test"
    assert window.backup_label.text() == "Chưa có bản sao lưu"
    backup_database(Path(demo.target), "thu", now=datetime(2026, 11, 21, 16, 45))
    window.update_status()
    assert window.backup_label.text() == "Sao lưu gần nhất: 21/11/2026 16:45"


def test_ctrl_f_goes_to_the_member_search(window):
    QTest.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    members = window.pages["members"]
    assert window.current_key == "members"
    assert window.focusWidget() is members.search_edit
    type_text(members.search_edit, "nguyen")
    assert members.model.rowCount() < 30


def test_ctrl_n_opens_a_new_member_form(window):
    QTest.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = window.pages["members"].member_dialog
    assert dialog is not None and dialog.windowTitle().startswith("Thêm thành viên")
    dialog.close_button.click()


def test_ctrl_number_switches_pages(window):
    QTest.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.current_key == "organisation"


def test_a_change_on_one_page_reaches_the_others(qtbot, window):
    overview = window.pages["overview"]
    assert overview.proposed_figure.value_label.text() == "2"
    members = window.show_page("members")
    members.new_member()
    dialog = members.member_dialog
    type_text(dialog.name_edit, "Lò Văn Páo")
    type_text(dialog.birth_edit, "1979")
    dialog.save_button.click()
    window.show_page("overview")
    assert overview.proposed_figure.value_label.text() == "3"


def test_window_layout_and_page_are_remembered(qtbot, demo, prompts, jobs, window):
    window.resize(800, 640)                   # the offscreen screen is 800×800
    window.show_page("organisation")
    window.close()
    assert QSettings().value("main_window/page") == "organisation"
    again = MainWindow(demo, prompts=prompts, jobs=jobs)
    qtbot.addWidget(again)
    again.show()
    assert again.current_key == "organisation"
    assert (again.width(), again.height()) == (800, 640)


def test_our_screens_fit_a_1366_by_768_screen(window):
    # 768 px minus the taskbar, the title bar and the status bar leaves ~680 px for a page.
    assert window.minimumSize().width() <= 1366 and window.minimumSize().height() <= 680
    for key in ("overview", "organisation", "members"):
        hint = window.show_page(key).minimumSizeHint()
        assert hint.width() <= 1366 - window.nav_list.width() and hint.height() <= 640, key
    unit_tab = window.show_page("settings").tab_widgets["unit"]
    assert unit_tab.minimumSizeHint().height() <= 600
