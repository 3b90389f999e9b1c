"""Bm1Dialog (issue #11): the period, the row, the breaks with their members, export, submission."""

from __future__ import annotations

from datetime import date

from openpyxl import load_workbook
from PySide6.QtCore import Qt

from antt_desktop.domain.dates import BirthDate
from antt_desktop.domain.members import MemberDraft
from antt_desktop.domain.people import Gender, Position
from tests.ui.helpers import erase, type_text


def make(qtbot, services, prompts):
    from antt_desktop.ui.reports.bm1_dialog import Bm1Dialog

    dialog = Bm1Dialog(services, prompts)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def add_member_of_unknown_education(services) -> str:
    some = next(r for r in services.members.list_rows() if r.status.value == "active")
    decision = services.members.details(some.id).history[0].decision_id
    member = services.members.create(MemberDraft(full_name="Lò Văn Chưa Rõ", gender=Gender.MALE,
                                                 birth=BirthDate(full=date(1990, 1, 1)))).member
    services.assignments.assign(member.id, some.team_id, Position.MEMBER, date(2026, 11, 1), decision_id=decision)
    return member.id


def test_the_default_period_and_the_communes_row(qtbot, demo, prompts):
    dialog = make(qtbot, demo, prompts)
    assert (dialog.from_edit.text(), dialog.to_edit.text()) == ("15/10/2026", "14/11/2026")
    assert dialog.table.rowCount() == 1 and dialog.table.item(0, 0).text() == "Xã Tân Phú"
    assert dialog.table.item(0, 3).text() == "27"                       # column 4: members now
    assert dialog.breaks_tree.topLevelItemCount() == 0
    assert "Số liệu khớp" in dialog.status_label.text()
    assert "chưa có báo cáo kỳ trước đã nộp" in dialog.notes_list.item(0).text()


def test_a_reversed_period_is_said_and_nothing_can_be_exported(qtbot, demo, prompts):
    dialog = make(qtbot, demo, prompts)
    erase(dialog.from_edit)
    type_text(dialog.from_edit, "20/11/2026")
    qtbot.mouseClick(dialog.compute_button, Qt.MouseButton.LeftButton)
    assert dialog.period_note.kind == "error" and "Kỳ báo cáo không hợp lệ" in dialog.period_note.text()
    assert not dialog.export_excel_button.isEnabled() and not dialog.submit_button.isEnabled()


def test_unknown_education_shows_as_a_break_with_the_member_behind_it(qtbot, demo, prompts):
    add_member_of_unknown_education(demo)
    dialog = make(qtbot, demo, prompts)
    assert dialog.breaks_tree.topLevelItemCount() == 1
    top = dialog.breaks_tree.topLevelItem(0)
    assert "Tổng các cột trình độ" in top.text(0)
    assert top.child(0).text(0) == "Lò Văn Chưa Rõ: chưa rõ trình độ học vấn"
    assert "Chưa rõ trình độ: 1 thành viên" in dialog.buckets_label.text()


def test_export_to_excel(qtbot, demo, prompts, tmp_path):
    dialog = make(qtbot, demo, prompts)
    prompts.files = [tmp_path / "bm1"]
    qtbot.mouseClick(dialog.export_excel_button, Qt.MouseButton.LeftButton)
    sheet = load_workbook(tmp_path / "bm1.xlsx")["BM1"]
    assert sheet["A4"].value == "Kỳ báo cáo: từ ngày 15/10/2026 đến ngày 14/11/2026"
    assert prompts.shown[-1][:2] == ("inform", "Đã xuất")


def test_marking_as_submitted_keeps_the_figures_and_the_next_period_uses_them(qtbot, demo, prompts):
    dialog = make(qtbot, demo, prompts)
    prompts.confirm_answers = [False]
    qtbot.mouseClick(dialog.submit_button, Qt.MouseButton.LeftButton)
    assert demo.bm1.submitted() == []
    prompts.confirm_answers = [True]
    with qtbot.waitSignal(dialog.data_changed):
        qtbot.mouseClick(dialog.submit_button, Qt.MouseButton.LeftButton)
    assert dialog.submitted_list.count() == 1 and "27 thành viên" in dialog.submitted_list.item(0).text()
    qtbot.mouseClick(dialog.submit_button, Qt.MouseButton.LeftButton)           # the same period again
    assert prompts.shown[-1][0] == "error" and "không nộp lại" in prompts.shown[-1][2]
    assert len(demo.bm1.submitted()) == 1


def test_the_dialog_fits_the_screen(qtbot, demo, prompts):
    """QA finding 8: BM1 was 1200×700, under the taskbar at 150 % and on 1366×768."""
    dialog = make(qtbot, demo, prompts)
    available = dialog.screen().availableGeometry()
    assert dialog.width() <= available.width() * 0.9 and dialog.height() <= available.height() * 0.9
