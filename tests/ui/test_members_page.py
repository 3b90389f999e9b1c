"""The member list as a user drives it: typing to search, filtering, sorting, columns, opening."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtTest import QTest

from antt_desktop.domain import vn_text
from antt_desktop.domain.people import MemberStatus, Position
from antt_desktop.ui.members.member_table_model import Column
from antt_desktop.ui.members.page import MembersPage
from tests.ui.helpers import choose, erase, type_text


def make_page(qtbot, services, prompts, jobs) -> MembersPage:
    page = MembersPage(services, prompts, jobs=jobs)
    qtbot.addWidget(page)
    page.resize(1300, 700)
    page.show()
    page.refresh()
    return page


def shown_names(page) -> list[str]:
    return [page.model.row_at(row).full_name for row in range(page.model.rowCount())]


def test_the_list_opens_in_vietnamese_name_order(qtbot, demo, prompts, jobs):
    page = make_page(qtbot, demo, prompts, jobs)
    names = shown_names(page)
    assert len(names) == 30 and page.count_label.text() == "30 thành viên"
    assert names == sorted(names, key=vn_text.name_sort_key)
    assert jobs.labels == ["Đang tải danh sách thành viên…"]


def test_typing_without_diacritics_finds_the_member(qtbot, demo, prompts, jobs):
    page = make_page(qtbot, demo, prompts, jobs)
    target = demo.members.list_rows()[5]
    given = target.full_name.split()[-1]
    type_text(page.search_edit, vn_text.fold(given).upper()[:3])
    names = shown_names(page)
    assert target.full_name in names and len(names) < 30
    assert all(vn_text.fold(given)[:3] in demo_key for demo_key in
               (r.search_key for r in demo.members.list_rows() if r.full_name in names))
    assert page.count_label.text().startswith("Tìm thấy")
    erase(page.search_edit)
    assert len(shown_names(page)) == 30


def test_typing_vietnamese_letters_and_more_words_narrows(qtbot, demo, prompts, jobs):
    page = make_page(qtbot, demo, prompts, jobs)
    type_text(page.search_edit, "Nguyễn")
    with_family = shown_names(page)
    assert with_family and all(name.startswith("Nguyễn") for name in with_family)
    first = with_family[0]
    type_text(page.search_edit, " " + first.split()[-1])
    assert first in shown_names(page) and len(shown_names(page)) <= len(with_family)
    erase(page.search_edit, len(first.split()[-1]) + 1)          # backspace widens again
    assert shown_names(page) == with_family


def test_search_by_id_number_and_phone(qtbot, demo, prompts, jobs):
    page = make_page(qtbot, demo, prompts, jobs)
    row = demo.members.list_rows()[3]
    type_text(page.search_edit, row.id_number[-6:])
    assert row.full_name in shown_names(page)
    erase(page.search_edit)
    type_text(page.search_edit, row.phone)
    assert shown_names(page) == [row.full_name]


def test_filters_by_position_status_and_insurance(qtbot, demo, prompts, jobs):
    page = make_page(qtbot, demo, prompts, jobs)
    choose(page.position_combo, "Tổ trưởng")
    assert page.model.rowCount() == 7
    assert all(page.model.row_at(r).position is Position.LEADER for r in range(7))
    choose(page.position_combo, "Mọi chức danh")
    choose(page.status_combo, "Đề nghị công nhận")
    assert {page.model.row_at(r).status for r in range(page.model.rowCount())} == {MemberStatus.PROPOSED}
    choose(page.status_combo, "Mọi trạng thái")
    choose(page.bhyt_combo, "Chưa có BHYT")
    rows = [page.model.row_at(r) for r in range(page.model.rowCount())]
    assert rows and all(r.bhyt_valid_to is None for r in rows)
    page.clear_filters_button.click()
    assert page.model.rowCount() == 30


def test_filter_by_hamlet_or_team(qtbot, demo, prompts, jobs):
    page = make_page(qtbot, demo, prompts, jobs)
    choose(page.place_combo, "Thôn Tây")
    rows = [page.model.row_at(r) for r in range(page.model.rowCount())]
    assert rows and all(r.hamlet_name == "Thôn Tây" for r in rows)
    choose(page.place_combo, "Tổ bảo vệ ANTT Thôn Tây")
    rows = [page.model.row_at(r) for r in range(page.model.rowCount())]
    assert len(rows) == 5 and all(r.team_name == "Tổ bảo vệ ANTT Thôn Tây" for r in rows)


def test_clicking_a_header_sorts_and_search_keeps_the_order(qtbot, demo, prompts, jobs):
    page = make_page(qtbot, demo, prompts, jobs)
    header = page.table.horizontalHeader()
    x = header.sectionViewportPosition(Column.BIRTH) + 5
    QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    births = [page.model.row_at(r).birth_date for r in range(page.model.rowCount())]
    assert births == sorted(births)
    type_text(page.search_edit, "n")
    births = [page.model.row_at(r).birth_date for r in range(page.model.rowCount())]
    assert births == sorted(births)


def test_the_columns_chosen_are_remembered(qtbot, demo, prompts, jobs):
    page = make_page(qtbot, demo, prompts, jobs)
    header = page.table.horizontalHeader()
    assert header.isSectionHidden(Column.EDUCATION) and not header.isSectionHidden(Column.PHONE)
    page.column_actions[Column.PHONE].trigger()
    page.column_actions[Column.EDUCATION].trigger()
    assert header.isSectionHidden(Column.PHONE) and not header.isSectionHidden(Column.EDUCATION)
    assert not page.column_actions[Column.NAME].isEnabled()     # the name always stays
    page.close()

    again = make_page(qtbot, demo, prompts, jobs)
    header = again.table.horizontalHeader()
    assert header.isSectionHidden(Column.PHONE) and not header.isSectionHidden(Column.EDUCATION)
    assert not again.column_actions[Column.PHONE].isChecked()
    assert QSettings().value("members/header_state") is not None


def test_enter_and_double_click_open_the_member(qtbot, demo, prompts, jobs):
    page = make_page(qtbot, demo, prompts, jobs)
    target = page.model.row_at(2)
    page.table.setFocus()
    page.table.selectRow(2)
    with qtbot.waitSignal(page.member_dialog_opened, timeout=1000) as opened:
        QTest.keyClick(page.table, Qt.Key.Key_Return)
    dialog = opened.args[0]
    assert dialog.isVisible() and dialog.name_edit.text() == target.full_name
    dialog.close_button.click()
    assert page.member_dialog is None

    rect = page.table.visualRect(page.model.index(4, Column.NAME))
    QTest.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(page.member_dialog_opened, timeout=1000) as opened:
        QTest.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened.args[0].name_edit.text() == page.model.row_at(4).full_name
    opened.args[0].close_button.click()


def test_down_from_the_search_box_goes_to_the_first_match(qtbot, demo, prompts, jobs):
    page = make_page(qtbot, demo, prompts, jobs)
    type_text(page.search_edit, "ng")
    assert page.model.rowCount() > 1
    QTest.keyClick(page.search_edit, Qt.Key.Key_Down)
    assert page.table.hasFocus() or page.focusWidget() is page.table
    assert page.current_row() is page.model.row_at(0)


def test_a_saved_member_appears_and_the_page_says_data_changed(qtbot, demo, prompts, jobs):
    page = make_page(qtbot, demo, prompts, jobs)
    page.new_button.click()
    dialog = page.member_dialog
    type_text(dialog.name_edit, "Lê Thị Thu Hà")
    type_text(dialog.birth_edit, "12/03/1990")
    with qtbot.waitSignal(page.data_changed, timeout=1000):
        dialog.save_button.click()
    assert page.model.rowCount() == 31
    assert page.current_row().full_name == "Lê Thị Thu Hà"


def test_the_import_button_says_plainly_when_the_wizard_is_not_there(qtbot, demo, prompts, jobs, monkeypatch):
    from antt_desktop.ui import registry
    from antt_desktop.ui.members import page as page_module

    missing = registry.ScreenEntry("member_import", "Nhập danh sách từ Excel", "antt_desktop.ui.khong_co",
                                   "Wizard", 7)
    monkeypatch.setitem(page_module.DIALOGS, "member_import", missing)
    page = make_page(qtbot, demo, prompts, jobs)
    page.import_button.click()
    kind, title, text = prompts.shown[-1]
    assert kind == "inform" and "#7" in text and "chưa có" in text


def test_a_viewer_sees_the_list_but_cannot_add(qtbot, demo, prompts, jobs):
    from dataclasses import replace

    from antt_desktop.domain.access import Role

    viewer = replace(demo, context=replace(demo.context, role=Role.VIEWER))
    page = make_page(qtbot, viewer, prompts, jobs)
    assert page.model.rowCount() == 30
    assert not page.new_button.isEnabled()
    page.new_member()
    assert page.member_dialog is None
    page.open_member(page.model.row_at(0).id)
    dialog = page.member_dialog
    assert not dialog.save_button.isEnabled() and "chỉ được xem" in dialog.form_note.text()
    dialog.close_button.click()


class DeferredJobs:
    """Jobs that run only when the test says so, as a worker thread still busy would."""

    def __init__(self) -> None:
        self.labels: list[str] = []
        self.waiting: list = []

    def start(self, work, *, label, parent=None, on_done=None, on_failed=None, **_options) -> None:
        self.labels.append(label)
        self.waiting.append((work, on_done, on_failed))

    def run_all(self) -> None:
        while self.waiting:
            work, on_done, _ = self.waiting.pop(0)
            on_done(work())

    def fail_all(self, error: Exception) -> None:
        while self.waiting:
            _, _, on_failed = self.waiting.pop(0)
            on_failed(error)

    def is_busy(self) -> bool:
        return bool(self.waiting)


def test_a_long_list_shows_its_first_rows_while_the_rest_loads(qtbot, demo, prompts, monkeypatch):
    from antt_desktop.ui.members import page as page_module

    monkeypatch.setattr(page_module, "FIRST_ROWS", 10)
    jobs = DeferredJobs()
    page = make_page(qtbot, demo, prompts, jobs)
    everyone = [row.full_name for row in demo.members.list_rows()]
    assert shown_names(page) == everyone[:10]
    assert page.count_label.text().startswith("Đang tải danh sách 30 thành viên")
    type_text(page.search_edit, "ng")               # typing meanwhile filters what is there
    jobs.run_all()
    assert page.count_label.text().startswith("Tìm thấy")
    assert shown_names(page) == [row.full_name for row in demo.members.list_rows() if "ng" in row.search_key]
    erase(page.search_edit)
    assert shown_names(page) == everyone and page.count_label.text() == "30 thành viên"
    page.refresh()                                   # a reload keeps the whole list on screen meanwhile
    assert len(shown_names(page)) == 30
    jobs.run_all()
    assert jobs.labels == ["Đang tải danh sách thành viên…"] * 2


def test_when_the_rest_of_a_long_list_fails_the_first_rows_stay_and_it_is_said(qtbot, demo, prompts, monkeypatch):
    from antt_desktop.ui.members import page as page_module

    monkeypatch.setattr(page_module, "FIRST_ROWS", 10)
    jobs = DeferredJobs()
    page = make_page(qtbot, demo, prompts, jobs)
    jobs.fail_all(OSError(5, "Input/output error", "antt.sqlite"))
    assert len(shown_names(page)) == 10
    assert page.count_label.text() == "Chỉ hiện 10 người đầu: chưa tải được cả danh sách."
    kind, title, text = prompts.shown[-1][:3]
    assert kind == "error" and title == "Danh sách thành viên"
