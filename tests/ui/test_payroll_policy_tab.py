"""Cài đặt › Chính sách của tỉnh: view and edit a resolution with validation, save as a new
version, apply it, the commune's own choices, and the lương cơ sở table."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from antt_desktop.ui.payroll.policy_tab import PolicyTab
from antt_desktop.ui.registry import SETTINGS_TABS, load_class
from tests.ui.helpers import choose, erase, type_text


def make_tab(qtbot, demo, prompts) -> PolicyTab:
    tab = PolicyTab(demo, prompts)
    qtbot.addWidget(tab)
    tab.show()
    return tab


def select(tab: PolicyTab, key: str) -> None:
    row = next(i for i, s in enumerate(tab._stored) if s.policy.id == key)
    tab.versions_list.setCurrentRow(row)


def test_the_registry_loads_the_tab():
    entry = next(e for e in SETTINGS_TABS if e.key == "policies")
    assert load_class(entry) is PolicyTab


def test_the_chosen_resolution_is_shown(qtbot, demo, prompts):
    tab = make_tab(qtbot, demo, prompts)
    items = [tab.versions_list.item(i).text() for i in range(tab.versions_list.count())]
    assert any(text.startswith("★ Bình Định — 03/2024/NQ-HĐND (từ 01/07/2024)") for text in items)
    assert tab.number_edit.text() == "03/2024/NQ-HĐND" and tab.from_edit.text() == "01/07/2024"
    assert tab.support_mode_combo.currentText() == "Số tiền cố định theo chức danh"
    assert [tab.amount_edits[p].text() for p in tab.amount_edits] == ["1.440.000", "1.260.000", "1.080.000"]
    assert not tab.flat_edit.isEnabled() and tab.status_label.text() == "Đơn vị đang áp dụng nghị quyết này."
    assert tab.insurance_fields["bhxh_tu_nguyen"]["amount"].text() == "165.000"


def test_a_bad_amount_is_refused_and_nothing_is_saved(qtbot, demo, prompts):
    tab = make_tab(qtbot, demo, prompts)
    from antt_desktop.domain.people import Position

    erase(tab.amount_edits[Position.MEMBER])
    type_text(tab.amount_edits[Position.MEMBER], "một triệu")
    tab.save_button.click()
    assert prompts.shown[-1][:2] == ("error", "Chưa lưu được")
    assert "Mức Tổ viên" in prompts.shown[-1][2]
    stored = next(s for s in demo.policies.list() if s.policy.id == "binh-dinh-03-2024")
    assert stored.policy.monthly_support.amount_dong.member == 1_080_000 and stored.origin == "shipped"


def test_an_edit_refused_by_the_policy_rules_names_the_field(qtbot, demo, prompts):
    tab = make_tab(qtbot, demo, prompts)
    erase(tab.to_edit)
    type_text(tab.to_edit, "01/01/2020")                     # ends before it starts
    tab.save_button.click()
    assert prompts.shown[-1][0] == "error"
    assert "ngày hết hiệu lực không được trước ngày có hiệu lực" in prompts.shown[-1][2]


def test_edit_and_save_a_resolution(qtbot, demo, prompts):
    tab = make_tab(qtbot, demo, prompts)
    from antt_desktop.domain.people import Position

    erase(tab.amount_edits[Position.LEADER])
    type_text(tab.amount_edits[Position.LEADER], "1.500.000")
    choose(tab.proration_combo, "Đủ tháng nếu có tham gia trong tháng")
    tab.add_duty_button.click()
    row = tab.duty_table.rowCount() - 1
    tab.duty_table.item(row, 1).setText("150.000")
    tab.duty_table.item(row, 3).setText("10")
    with qtbot.waitSignal(tab.data_changed, timeout=2000):
        tab.save_button.click()
    stored = next(s for s in demo.policies.list() if s.policy.id == "binh-dinh-03-2024")
    policy = stored.policy
    assert policy.monthly_support.amount_dong.leader == 1_500_000
    assert policy.proration.value == "full_month"
    (rule,) = policy.duty_allowances
    assert (rule.kind.value, rule.amount_dong, rule.max_units_per_month) == ("night", 150_000, 10)
    assert stored.origin == "user" and tab.status_label.text() == "Đã lưu thay đổi."


def test_save_as_a_new_version_then_apply_it(qtbot, demo, prompts):
    tab = make_tab(qtbot, demo, prompts)
    erase(tab.from_edit)
    type_text(tab.from_edit, "01/01/2027")
    with qtbot.waitSignal(tab.data_changed, timeout=2000):
        tab.save_as_new_button.click()
    new = next(s for s in demo.policies.list() if s.policy.id == "binh-dinh-03-2024-ban-2")
    assert new.policy.effective_from == date(2027, 1, 1)
    assert tab._current.id == new.id
    with qtbot.waitSignal(tab.data_changed, timeout=2000):
        tab.choose_button.click()
    assert demo.units.own_unit().policy_version_id == new.id


def test_a_hanoi_version_gets_its_date_and_flat_amount(qtbot, demo, prompts):
    tab = make_tab(qtbot, demo, prompts)
    tab.show_all_check.setChecked(True)
    select(tab, "ha-noi-2024")
    assert tab.support_mode_combo.currentText() == "Mức chung cộng phần thêm theo chức danh"
    assert tab.flat_edit.isEnabled() and tab.flat_edit.text() == "2.520.000"
    type_text(tab.from_edit, "01/07/2024")
    with qtbot.waitSignal(tab.data_changed, timeout=2000):
        tab.save_button.click()
    hanoi = next(s for s in demo.policies.list() if s.policy.id == "ha-noi-2024")
    assert hanoi.policy.effective_from == date(2024, 7, 1)


def test_the_communes_own_choices(qtbot, demo, prompts):
    tab = make_tab(qtbot, demo, prompts)
    tab.special_area_check.setChecked(True)
    type_text(tab.chosen_amount_edit, "1.500.000")
    with qtbot.waitSignal(tab.data_changed, timeout=2000):
        tab.save_options_button.click()
    settings = demo.units.own_unit().settings
    assert settings["is_special_area"] is True and settings["chosen_support_dong"] == 1_500_000


def test_the_base_salary_table_confirms_the_2026_level(qtbot, demo, prompts):
    tab = make_tab(qtbot, demo, prompts)
    tab.tabs.setCurrentIndex(1)
    table = tab.base_salary_table
    row = next(r for r in range(table.rowCount()) if table.item(r, 0).text() == "01/07/2026")
    assert table.item(row, 1).text() == "2.530.000"
    assert table.item(row, 3).checkState() == Qt.CheckState.Unchecked
    table.item(row, 3).setCheckState(Qt.CheckState.Checked)
    with qtbot.waitSignal(tab.data_changed, timeout=2000):
        tab.save_base_salary_button.click()
    entry = next(e for e in demo.policies.base_salary_table() if e.effective_from == date(2026, 7, 1))
    assert entry.confirmed


def test_a_bad_base_salary_row_is_named(qtbot, demo, prompts):
    tab = make_tab(qtbot, demo, prompts)
    before = demo.policies.base_salary_table()
    tab.add_base_salary_button.click()
    row = tab.base_salary_table.rowCount() - 1
    tab.base_salary_table.item(row, 0).setText("31/02/2027")
    tab.base_salary_table.item(row, 1).setText("2.600.000")
    tab.save_base_salary_button.click()
    assert prompts.shown[-1][:2] == ("error", "Chưa lưu được bảng lương cơ sở")
    assert prompts.shown[-1][2].startswith(f"Dòng {row + 1}: «31/02/2027»")
    tab.base_salary_table.item(row, 0).setText("01/07/2026")     # the same day as another level
    tab.save_base_salary_button.click()
    assert "đã có một mức khác bắt đầu cùng ngày" in prompts.shown[-1][2]
    assert demo.policies.base_salary_table() == before


# ------------------------------------------------------------ QA findings 1, 2, 7, 13: what officers read

def test_officers_see_vietnamese_facts_not_research_notes(qtbot, demo, prompts):
    tab = make_tab(qtbot, demo, prompts)
    select(tab, "gia-lai-cu-2024")
    facts = tab.facts_label.text()
    assert "Số nghị quyết" in facts and "Hội đồng nhân dân tỉnh Gia Lai" in facts and "chưa rõ" in facts
    missing = tab.unconfirmed_label.text()
    assert not tab.unconfirmed_label.isHidden() and "Chưa xác nhận" in missing
    for label in ("Số nghị quyết", "Ngày ban hành", "Ngày có hiệu lực", "Mức hỗ trợ hằng tháng", "Mức bồi dưỡng"):
        assert label in missing
    shown = facts + missing
    for raw in ("resolution_number", "monthly_support", "UNCONFIRMED", "teams", "per additional", "{"):
        assert raw not in shown
    # the raw notes only behind the collapsed technical section; no raw-JSON tab
    assert tab.technical_view.isHidden()
    assert "UNCONFIRMED" in tab.technical_view.toPlainText()
    assert tab.technical_button.text() == "Chi tiết kỹ thuật (tiếng Anh, cho người hỗ trợ)"
    tab.technical_button.click()
    assert not tab.technical_view.isHidden()
    titles = [tab.editor_tabs.tabText(i) for i in range(tab.editor_tabs.count())]
    assert "Toàn bộ dữ liệu" not in titles


def test_the_chosen_resolution_lists_its_amounts_and_names_unconfirmed_fields_in_vietnamese(qtbot, demo, prompts):
    tab = make_tab(qtbot, demo, prompts)
    facts = tab.facts_label.text()
    assert "03/2024/NQ-HĐND" in facts and "01/07/2024" in facts and "1.440.000 đồng" in facts
    missing = tab.unconfirmed_label.text()
    for label in ("Cách tính hỗ trợ hằng tháng", "Mức hỗ trợ đóng BHYT", "Mức bồi dưỡng"):
        assert label in missing
    assert "monthly_support" not in missing and "bhyt," not in missing


def test_dates_ask_for_ngay_thang_nam(qtbot, demo, prompts):
    tab = make_tab(qtbot, demo, prompts)
    assert {e.placeholderText() for e in (tab.issued_edit, tab.from_edit, tab.to_edit)} == {"ngày/tháng/năm"}


def test_tables_fit_their_headers_and_explain_an_empty_duty_table(qtbot, demo, prompts):
    tab = make_tab(qtbot, demo, prompts)
    select(tab, "gia-lai-cu-2024")
    assert tab.duty_table.rowCount() == 0
    assert not tab.duty_empty_label.isHidden() and "Thêm dòng" in tab.duty_empty_label.text()
    assert not tab.remove_duty_button.isEnabled()
    tab.add_duty_button.click()
    assert tab.remove_duty_button.isEnabled() and tab.duty_empty_label.isHidden()
    tab.remove_duty_button.click()
    assert tab.duty_table.rowCount() == 0 and not tab.remove_duty_button.isEnabled()
    table = tab.base_salary_table
    assert not table.verticalHeader().isVisible()
    header = table.horizontalHeader()
    for column in range(table.columnCount()):
        title = table.horizontalHeaderItem(column).text()
        assert header.sectionSize(column) >= header.fontMetrics().horizontalAdvance(title), title
    assert not tab.remove_base_salary_button.isEnabled()
    table.setCurrentCell(0, 0)
    assert tab.remove_base_salary_button.isEnabled()
