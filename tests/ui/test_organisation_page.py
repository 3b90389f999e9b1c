"""Thôn/Tổ: hamlets, teams against their quota with warnings, the roster, and the small forms."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from antt_desktop.domain.organisation import HamletDraft
from antt_desktop.ui.organisation.page import IdRole, OrganisationPage
from tests.ui.helpers import choose, erase, type_text


def make_page(qtbot, services, prompts, jobs) -> OrganisationPage:
    page = OrganisationPage(services, prompts, jobs=jobs)
    qtbot.addWidget(page)
    page.resize(1300, 700)
    page.show()
    page.refresh()
    return page


def column(table, number: int) -> list[str]:
    return [table.item(row, number).text() for row in range(table.rowCount())]


def row_of(table, text: str) -> int:
    return column(table, 0).index(text)


def test_hamlets_show_households_and_residents(qtbot, demo, prompts, jobs):
    page = make_page(qtbot, demo, prompts, jobs)
    names = column(page.hamlets_table, 0)
    assert names[:3] == ["Làng Kon Chrăh", "Thôn 1", "Thôn 2"]
    row = row_of(page.hamlets_table, "Tổ dân phố 2")
    assert page.hamlets_table.item(row, 2).text() == "860"
    assert page.hamlets_table.item(row, 3).text() == "3.150"            # Vietnamese grouping
    assert "03/2024/NQ-HĐND" in page.policy_label.text()


def test_teams_show_quota_and_composition(qtbot, demo, prompts, jobs):
    page = make_page(qtbot, demo, prompts, jobs)
    table = page.teams_table
    row = row_of(table, "Tổ bảo vệ ANTT Thôn Tây")
    assert [table.item(row, c).text() for c in range(1, 6)] == ["5", "1", "1", "3", "3–5"]
    assert table.item(row, 6).text() == "Đủ thành phần"
    assert "731 hộ" in table.item(row, 5).toolTip()


def test_selecting_a_team_shows_its_roster_leader_first(qtbot, demo, prompts, jobs):
    page = make_page(qtbot, demo, prompts, jobs)
    page.teams_table.selectRow(row_of(page.teams_table, "Tổ bảo vệ ANTT Thôn Tây"))
    assert "Tổ bảo vệ ANTT Thôn Tây" in page.roster_title.text()
    assert column(page.roster_table, 1) == ["Tổ trưởng", "Tổ phó", "Tổ viên", "Tổ viên", "Tổ viên"]
    assert "731 hộ" in page.quota_label.text()


def test_a_team_with_its_own_small_quota_is_warned_about(qtbot, demo, prompts, jobs):
    page = make_page(qtbot, demo, prompts, jobs)
    page.teams_table.selectRow(row_of(page.teams_table, "Tổ bảo vệ ANTT Thôn Tây"))
    page.edit_team_button.click()
    dialog = page.open_dialog
    QTest.keyClick(dialog.quota_spin, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_text(dialog.quota_spin, "4")
    with qtbot.waitSignal(page.data_changed, timeout=1000):
        dialog.save_button.click()
    row = row_of(page.teams_table, "Tổ bảo vệ ANTT Thôn Tây")
    assert page.teams_table.item(row, 5).text() == "3–4"
    assert "5" in page.teams_table.item(row, 6).text() and "4" in page.teams_table.item(row, 6).text()
    assert page.warnings_label.isVisible() and page.warnings_label.text().startswith("⚠")


def test_a_quota_below_three_is_refused_beside_the_field(qtbot, demo, prompts, jobs):
    page = make_page(qtbot, demo, prompts, jobs)
    page.edit_team_button.click()
    dialog = page.open_dialog
    QTest.keyClick(dialog.quota_spin, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_text(dialog.quota_spin, "2")
    dialog.save_button.click()
    assert dialog.isVisible() and "ít nhất 3" in dialog.notes["quota"].text()


def test_a_team_missing_its_leaders_shows_warnings(qtbot, demo, prompts, jobs):
    hamlet = demo.hamlets.create(HamletDraft(name="Thôn Mới", households=120))
    demo.teams.create(hamlet.id)
    page = make_page(qtbot, demo, prompts, jobs)
    row = row_of(page.teams_table, "Tổ bảo vệ ANTT Thôn Mới")
    status = page.teams_table.item(row, 6).text()
    assert "Tổ trưởng" in status and "Tổ phó" in status


def test_adding_a_hamlet_by_typing(qtbot, demo, prompts, jobs):
    page = make_page(qtbot, demo, prompts, jobs)
    page.add_hamlet_button.click()
    dialog = page.open_dialog
    type_text(dialog.name_edit, "Thôn Đắk Lơ")
    choose(dialog.kind_combo, "Thôn")
    type_text(dialog.households_edit, "2x")
    assert "không phải là một số" in dialog.notes["households"].text()
    erase(dialog.households_edit, 1)
    assert dialog.notes["households"].kind == ""
    type_text(dialog.residents_edit, "1.240")
    with qtbot.waitSignal(page.data_changed, timeout=1000):
        dialog.save_button.click()
    row = row_of(page.hamlets_table, "Thôn Đắk Lơ")
    assert page.hamlets_table.item(row, 2).text() == "2"
    assert page.hamlets_table.item(row, 3).text() == "1.240"


def test_a_duplicate_hamlet_name_is_explained(qtbot, demo, prompts, jobs):
    page = make_page(qtbot, demo, prompts, jobs)
    page.add_hamlet_button.click()
    dialog = page.open_dialog
    type_text(dialog.name_edit, "Thôn 1")
    dialog.save_button.click()
    assert dialog.isVisible() and "Đã có thôn/tổ dân phố tên «Thôn 1»" in dialog.notes["name"].text()


def test_deleting_a_hamlet_in_use_is_refused_with_the_reason(qtbot, demo, prompts, jobs):
    page = make_page(qtbot, demo, prompts, jobs)
    page.hamlets_table.selectRow(0)
    prompts.confirm_answers.append(True)
    page.delete_hamlet_button.click()
    kind, title, text = prompts.shown[-1]
    assert kind == "warn" and "Không xóa được" in title and "tổ" in text
    assert page.hamlets_table.rowCount() == 7


def test_adding_a_team_for_the_selected_hamlet(qtbot, demo, prompts, jobs):
    demo.hamlets.create(HamletDraft(name="Thôn Mới", households=120))
    page = make_page(qtbot, demo, prompts, jobs)
    page.hamlets_table.selectRow(row_of(page.hamlets_table, "Thôn Mới"))
    page.add_team_button.click()
    dialog = page.open_dialog
    assert dialog.hamlet_combo.currentText() == "Thôn Mới"
    dialog.save_button.click()
    assert "Tổ bảo vệ ANTT Thôn Mới" in column(page.teams_table, 0)


def test_unsaved_hamlet_changes_are_guarded(qtbot, demo, prompts, jobs):
    page = make_page(qtbot, demo, prompts, jobs)
    page.hamlets_table.selectRow(1)
    page.edit_hamlet_button.click()
    dialog = page.open_dialog
    type_text(dialog.note_edit, "đường vào ngập mùa mưa")
    prompts.save_changes_answers.append("cancel")
    dialog.close_button.click()
    assert dialog.isVisible() and prompts.shown[-1][0] == "save_changes"


def test_a_team_status_is_one_problem_a_line_and_never_cut(qtbot, demo, prompts, jobs):
    """QA finding 10: "Tổ chưa có T…" — the status wraps, one problem a line, in a tall enough row."""
    hamlet = demo.hamlets.create(HamletDraft(name="Thôn Mới", households=90))
    team = demo.teams.create(hamlet.id)
    page = make_page(qtbot, demo, prompts, jobs)
    page.resize(1366, 700)
    row = next(r for r in range(page.teams_table.rowCount()) if page.teams_table.item(r, 0).data(IdRole) == team.id)
    status = page.teams_table.item(row, 6).text()
    assert status.split("\n")[:2] == ["Tổ chưa có Tổ trưởng.", "Tổ chưa có Tổ phó."] and ";" not in status
    assert page.teams_table.wordWrap()
    assert page.teams_table.rowHeight(row) >= 2 * page.teams_table.fontMetrics().height()
