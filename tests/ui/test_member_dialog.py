"""The member form as a user fills it: checked while typing, photo, history, unsaved changes."""

from __future__ import annotations

import io
from datetime import date

import pytest
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from antt_desktop.domain.people import EducationLevel, Gender, MemberStatus
from antt_desktop.ui.members.member_dialog import MemberDialog
from tests.ui.helpers import choose, erase, type_text


def open_dialog(qtbot, services, prompts, member_id=None) -> MemberDialog:
    dialog = MemberDialog(services, prompts, member_id)
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):    # window shortcuts (Ctrl+S) need the active window
        dialog.open()
        dialog.activateWindow()
    return dialog


def by_name(services, name: str):
    return next(r for r in services.members.list_rows() if r.full_name == name)


def test_a_new_member_is_typed_in_and_saved(qtbot, demo, prompts):
    dialog = open_dialog(qtbot, demo, prompts)
    type_text(dialog.name_edit, "đặng thị mỹ duyên")
    choose(dialog.gender_combo, "Nữ")
    type_text(dialog.birth_edit, "05/09/1990")
    type_text(dialog.id_edit, "064190123456")
    type_text(dialog.phone_edit, "0912 345 678")
    choose(dialog.education_combo, "Trung học phổ thông")
    choose(dialog.hamlet_combo, "Thôn 2")
    type_text(dialog.residence_since_edit, "1/1/2010")
    assert dialog.errors() == {}
    saved = []
    dialog.member_saved.connect(saved.append)
    QTest.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not dialog.isVisible() and len(saved) == 1
    member = demo.members.get(saved[0].id)
    assert member.full_name == "Đặng Thị Mỹ Duyên"          # capitalised, NFC
    assert member.gender is Gender.FEMALE and member.birth_date == date(1990, 9, 5)
    assert member.phone == "0912345678" and member.education_level is EducationLevel.UPPER_SECONDARY
    assert member.status is MemberStatus.PROPOSED and member.residence_since == date(2010, 1, 1)


def test_each_problem_is_explained_beside_its_field_while_typing(qtbot, demo, prompts):
    dialog = open_dialog(qtbot, demo, prompts)
    assert dialog.errors() == {}                              # nothing shouts before typing
    type_text(dialog.id_edit, "06409012345")
    assert "11 chữ số" in dialog.errors()["id_number"]
    type_text(dialog.id_edit, "6")
    assert "id_number" not in dialog.errors()
    type_text(dialog.birth_edit, "31/02/1990")
    assert dialog.errors()["birth"] == "Ngày «31/02/1990» không tồn tại."
    erase(dialog.birth_edit)
    type_text(dialog.birth_edit, "12-1990")
    assert "ngày/tháng/năm" in dialog.errors()["birth"]
    erase(dialog.birth_edit)
    type_text(dialog.birth_edit, "1985")                      # a year alone is accepted
    assert "birth" not in dialog.errors()
    type_text(dialog.phone_edit, "0912")
    assert "phone" in dialog.errors()
    type_text(dialog.name_edit, "Trần Văn 2")
    assert "chữ số" in dialog.errors()["full_name"]
    assert dialog.notes["full_name"].isVisible()


def test_saving_with_problems_shows_all_of_them_and_saves_nothing(qtbot, demo, prompts):
    dialog = open_dialog(qtbot, demo, prompts)
    type_text(dialog.phone_edit, "0912345678")
    dialog.save_button.click()
    assert dialog.isVisible()
    errors = dialog.errors()
    assert errors["full_name"] == "Chưa nhập họ và tên."
    assert "năm sinh" in errors["birth"]
    assert dialog.form_note.isVisible()
    assert dialog.name_edit.hasFocus() or dialog.focusWidget() is dialog.name_edit
    assert len(demo.members.list_rows()) == 30


def test_a_duplicate_id_names_the_other_member(qtbot, demo, prompts):
    other = demo.members.list_rows()[0]
    dialog = open_dialog(qtbot, demo, prompts)
    type_text(dialog.id_edit, other.id_number)
    assert other.full_name in dialog.errors()["id_number"]


def test_a_mismatch_is_a_warning_not_an_error(qtbot, demo, prompts):
    dialog = open_dialog(qtbot, demo, prompts)
    type_text(dialog.name_edit, "Lê Văn Tám")
    type_text(dialog.birth_edit, "01/01/1990")
    type_text(dialog.id_edit, "064190123456")                 # a woman's number, the form says Nam
    assert "id_number" not in dialog.errors()
    assert dialog.warnings()["id_number"].startswith("Lưu ý:")


def test_editing_a_member_and_saving_with_ctrl_s(qtbot, demo, prompts):
    row = demo.members.list_rows()[0]
    dialog = open_dialog(qtbot, demo, prompts, row.id)
    assert dialog.name_edit.text() == row.full_name and not dialog.is_dirty()
    erase(dialog.phone_edit)
    type_text(dialog.phone_edit, "0987654321")
    assert dialog.is_dirty() and dialog.windowTitle().startswith(f"{row.full_name} *")
    QTest.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not dialog.isVisible()
    assert demo.members.get(row.id).phone == "0987654321"


@pytest.mark.parametrize("answer, stays_open, saved", [
    ("cancel", True, False), ("discard", False, False), ("save", False, True)])
def test_closing_with_unsaved_changes_asks_first(qtbot, demo, prompts, answer, stays_open, saved):
    row = demo.members.list_rows()[1]
    dialog = open_dialog(qtbot, demo, prompts, row.id)
    type_text(dialog.address_edit, "Số 5, đường Lê Lợi")
    prompts.save_changes_answers.append(answer)
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    assert prompts.shown[-1][0] == "save_changes" and row.full_name in prompts.shown[-1][2]
    assert dialog.isVisible() is stays_open
    assert (demo.members.get(row.id).address == "Số 5, đường Lê Lợi") is saved


def test_closing_without_changes_asks_nothing(qtbot, demo, prompts):
    dialog = open_dialog(qtbot, demo, prompts, demo.members.list_rows()[2].id)
    dialog.close_button.click()
    assert not dialog.isVisible() and prompts.shown == []


def test_a_photo_is_cropped_to_3_by_4_and_stored(qtbot, demo, prompts, tmp_path):
    picture = tmp_path / "anh the.png"
    Image.new("RGB", (1200, 800), "navy").save(picture)
    row = demo.members.list_rows()[3]
    dialog = open_dialog(qtbot, demo, prompts, row.id)
    prompts.files.append(picture)
    dialog.choose_photo_button.click()
    assert not dialog.photo_label.pixmap().isNull() and dialog.is_dirty()
    dialog.save_button.click()
    stored = Image.open(io.BytesIO(demo.members.photo(row.id)))
    assert stored.format == "JPEG" and stored.size == (360, 480)
    assert demo.members.get(row.id).has_photo


def test_a_file_that_is_not_a_picture_is_explained(qtbot, demo, prompts, tmp_path):
    not_a_picture = tmp_path / "danh-sach.xlsx"
    not_a_picture.write_bytes(b"PK\x03\x04 not a picture")
    dialog = open_dialog(qtbot, demo, prompts)
    prompts.files.append(not_a_picture)
    dialog.choose_photo_button.click()
    assert "danh-sach.xlsx" in dialog.notes["photo"].text() and dialog.notes["photo"].kind == "error"


def test_the_history_shows_positions_and_decisions(qtbot, demo, prompts):
    row = next(r for r in demo.members.list_rows() if r.position is not None)
    dialog = open_dialog(qtbot, demo, prompts, row.id)
    dialog.tabs.setCurrentIndex(1)
    table = dialog.history_table
    assert table.rowCount() == 1
    assert table.item(0, 0).text() == row.team_name
    assert table.item(0, 3).text() == "nay"
    assert table.item(0, 4).text().startswith("số ") and "QĐ-UBND" in table.item(0, 4).text()
    assert "Đang tham gia" in dialog.status_label.text()


def test_save_and_add_another_keeps_the_hamlet(qtbot, demo, prompts):
    dialog = open_dialog(qtbot, demo, prompts)
    choose(dialog.hamlet_combo, "Thôn Đông")
    type_text(dialog.name_edit, "Y Bơ Niê")
    type_text(dialog.birth_edit, "1980")
    dialog.save_next_button.click()
    assert dialog.isVisible() and dialog.name_edit.text() == ""
    assert dialog.hamlet_combo.currentText() == "Thôn Đông" and not dialog.is_dirty()
    assert by_name(demo, "Y Bơ Niê").hamlet_name == "Thôn Đông"


def test_the_member_form_carries_the_service_records_and_saving_one_leaves_no_unsaved_change(
        qtbot, demo, prompts):
    from antt_desktop.domain.service_records import RecordKind

    member = next(r for r in demo.members.list_rows() if r.status is MemberStatus.ACTIVE)
    dialog = open_dialog(qtbot, demo, prompts, member.id)
    titles = [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]
    assert titles == ["Hồ sơ", "Quá trình tham gia", "Quá trình công tác"]
    panel = dialog.records.panel(RecordKind.EQUIPMENT)
    type_text(panel.editors["item"], "Áo mưa")
    type_text(panel.editors["moved_on"], "01/11/2026")
    with qtbot.waitSignal(dialog.records.data_changed):
        qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    [line] = demo.service_records.member_records(member.id, RecordKind.EQUIPMENT)[RecordKind.EQUIPMENT]
    assert line.record.item == "Áo mưa"
    dialog.close()                       # the record form itself is unchanged: no question asked
    assert not dialog.isVisible()


def test_a_new_member_must_be_saved_before_service_records(qtbot, demo, prompts):
    dialog = open_dialog(qtbot, demo, prompts)
    assert dialog.records is None and not dialog.tabs.isTabEnabled(2)
