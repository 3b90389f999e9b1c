"""Hỗ trợ & Bảo hiểm: draft, lock, truy lĩnh/truy thu, the duty grid, insurance and exports,
driven through the page's own widgets on the demo commune (clock 22/11/2026)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt

from antt_desktop.domain.money import format_dong
from antt_desktop.domain.payroll import Month, RunState
from antt_desktop.domain.people import Position
from antt_desktop.ui.payroll.page import PayrollPage
from antt_desktop.ui.payroll.policy_tab import PolicyTab
from antt_desktop.ui.registry import NAV_PAGES, load_class
from tests.ui.helpers import choose, erase, type_text


def make_page(qtbot, demo, prompts) -> PayrollPage:
    page = PayrollPage(demo, prompts)
    qtbot.addWidget(page)
    page.show()
    return page


def sheet_texts(page) -> list[str]:
    model = page.sheet_model
    return [model.index(r, 1).data() for r in range(model.rowCount())]


def test_the_registry_loads_the_page():
    entry = next(e for e in NAV_PAGES if e.key == "payroll")
    assert load_class(entry) is PayrollPage


def test_draft_then_lock_the_month(qtbot, demo, prompts):
    page = make_page(qtbot, demo, prompts)
    assert page.month == Month(2026, 11)
    assert page.state_label.text() == "Chưa lập bảng" and not page.lock_button.isEnabled()
    with qtbot.waitSignal(page.data_changed, timeout=2000):
        page.draft_button.click()
    assert page.state_label.text() == "Nháp"
    texts = sheet_texts(page)
    assert texts[0].startswith("Tổ bảo vệ ANTT") and texts[-1] == "TỔNG CỘNG"
    run = demo.payroll.month_runs("2026-11").regular
    assert page.total_label.text().startswith(f"27 người, tổng cộng {format_dong(run.total_dong)} (")
    assert page.lock_button.isEnabled() and page.export_xlsx_button.isEnabled()
    prompts.confirm_answers = [True]
    with qtbot.waitSignal(page.data_changed, timeout=2000):
        page.lock_button.click()
    assert demo.payroll.month_runs("2026-11").regular.state is RunState.LOCKED
    assert page.state_label.text() == "Đã khóa"
    assert not page.draft_button.isEnabled() and page.supplementary_button.isEnabled()
    assert "Đã khóa lúc" in page.total_label.text()


def test_locking_can_be_cancelled(qtbot, demo, prompts):
    demo.payroll.draft("2026-11")
    page = make_page(qtbot, demo, prompts)
    prompts.confirm_answers = [False]
    page.lock_button.click()
    assert demo.payroll.month_runs("2026-11").regular.state is RunState.DRAFT
    assert prompts.shown[-1][0] == "confirm"


def test_the_month_picker_changes_the_month(qtbot, demo, prompts):
    demo.payroll.draft("2026-10")
    page = make_page(qtbot, demo, prompts)
    page.month_edit.setDate(QDate(2026, 10, 1))
    assert page.state_label.text() == "Nháp" and page.sheet_model.rowCount() > 0
    page.month_edit.setDate(QDate(2026, 9, 1))
    assert page.state_label.text() == "Chưa lập bảng" and page.sheet_model.rowCount() == 0


def test_a_truy_thu_after_locking(qtbot, demo, prompts):
    demo.payroll.draft("2026-11")
    demo.payroll.lock("2026-11")
    member = next(r for r in demo.payroll.duty_grid("2026-11") if r.position is Position.MEMBER)
    demo.assignments.end(member.member_id, date(2026, 11, 20))
    page = make_page(qtbot, demo, prompts)
    with qtbot.waitSignal(page.data_changed, timeout=2000):
        page.supplementary_button.click()
    assert page.run_combo.count() == 2 and "truy lĩnh/truy thu" in page.run_combo.currentText()
    assert page.total_label.text().startswith("Chênh lệch truy thu: 360.000 đ")
    assert member.full_name in sheet_texts(page)


def test_the_unconfirmed_base_salary_points_to_the_policy_tab(qtbot, demo, prompts):
    from antt_desktop.domain.policies import policy_to_dict

    stored = next(s for s in demo.policies.list() if s.policy.id == "binh-dinh-03-2024")
    data = policy_to_dict(stored.policy)
    data["id"] = "binh-dinh-he-so"
    data["monthly_support"].update(mode="coefficient_of_base_salary", amount_dong=None,
                                   coefficient={"to_truong": "0.8", "to_pho": "0.7", "to_vien": "0.6"})
    demo.policies.choose_for_unit(demo.policies.save_version(data).id)
    page = make_page(qtbot, demo, prompts)
    page.draft_button.click()
    kind, title, text = prompts.shown[-1]
    assert (kind, title) == ("error", "Không lập được bảng thanh toán")
    assert "2.530.000" in text and "chưa được xác nhận" in text
    assert page.open_policy_button.isVisible() and "Lương cơ sở" in page.problem_label.text()
    assert demo.payroll.month_runs("2026-11").regular is None
    page.open_policy_button.click()
    tab = page.policy_dialog.findChild(PolicyTab)
    assert page.policy_dialog.isVisible() and tab is not None
    tab.tabs.setCurrentIndex(1)
    row = next(r for r in range(tab.base_salary_table.rowCount())
               if tab.base_salary_table.item(r, 0).text() == "01/07/2026")
    tab.base_salary_table.item(row, 3).setCheckState(Qt.CheckState.Checked)
    with qtbot.waitSignal(page.data_changed, timeout=2000):
        tab.save_base_salary_button.click()
    assert not page.open_policy_button.isVisible()
    page.draft_button.click()
    leaders = {l.rate_dong for l in demo.payroll.month_runs("2026-11").regular.lines if l.position is Position.LEADER}
    assert leaders == {2_024_000}
    page.policy_dialog.close()


def test_the_duty_grid_is_edited_and_saved(qtbot, demo, prompts):
    page = make_page(qtbot, demo, prompts)
    page.tabs.setCurrentIndex(1)
    model = page.duty_model
    assert model.rowCount() == 27 and not page.save_duty_button.isEnabled()
    assert model.setData(model.index(0, 4), "3")            # nights of the first member
    assert not model.setData(model.index(0, 4), "31")       # November has 30 days
    assert not model.setData(model.index(0, 4), "ba")
    assert not model.setData(model.index(0, 0), "Tên khác")  # names are not editable
    assert page.save_duty_button.isEnabled()
    with qtbot.waitSignal(page.data_changed, timeout=2000):
        page.save_duty_button.click()
    first = demo.payroll.duty_grid("2026-11")[0]
    assert first.counts.nights == 3
    assert page.duty_status_label.text().startswith("Đã lưu sổ trực của 1 thành viên.")


def test_a_bad_duty_workbook_is_reported_and_nothing_is_imported(qtbot, demo, prompts, tmp_path):
    page = make_page(qtbot, demo, prompts)
    bad = tmp_path / "so.xlsx"
    bad.write_text("không phải Excel", encoding="utf-8")
    prompts.files = [bad]
    page.duty_import_button.click()
    kind, title, text = prompts.shown[-1]
    assert (kind, title) == ("error", "Không nhập sổ trực") and "chưa nhập gì" in text
    assert all(r.counts.is_empty for r in demo.payroll.duty_grid("2026-11"))


def test_duty_template_then_import(qtbot, demo, prompts, tmp_path):
    page = make_page(qtbot, demo, prompts)
    template = tmp_path / "mau.xlsx"
    prompts.files = [template]
    page.duty_template_button.click()
    assert template.exists()
    from openpyxl import load_workbook

    workbook = load_workbook(template)
    workbook.active["G6"] = 2
    workbook.save(template)
    prompts.files = [template]
    with qtbot.waitSignal(page.data_changed, timeout=2000):
        page.duty_import_button.click()
    assert demo.payroll.duty_grid("2026-11")[0].counts.holidays == 2
    assert page.duty_status_label.text().startswith("Đã nhập sổ trực của 1 thành viên")


def test_exports_go_where_the_user_says(qtbot, demo, prompts, tmp_path):
    demo.payroll.draft("2026-11")
    page = make_page(qtbot, demo, prompts)
    xlsx, pdf, budget, office = (tmp_path / n for n in ("b.xlsx", "b.pdf", "dt.xlsx", "bhxh.xlsx"))
    prompts.files = [xlsx]
    page.export_xlsx_button.click()
    prompts.files = [pdf]
    page.export_pdf_button.click()
    prompts.files = [budget]
    page.budget_button.click()
    prompts.files = [office]
    page.office_list_button.click()
    assert all(p.exists() for p in (xlsx, pdf, budget, office))
    assert [k for k, *_ in prompts.shown if k == "inform"] == ["inform"] * 4
    prompts.files = [None]                                   # cancelled: nothing happens
    page.export_xlsx_button.click()


def test_insurance_list_and_edit_dialog(qtbot, demo, prompts):
    page = make_page(qtbot, demo, prompts)
    page.tabs.setCurrentIndex(2)
    assert page.alerts_label.text().startswith("Cần xử lý:")
    model = page.insurance_model
    row = next(r for r in range(model.rowCount()) if model.index(r, 6).data() == "Chưa có BHYT")
    name = model.index(row, 0).data()
    page.insurance_table.selectRow(row)
    page.edit_insurance_button.click()
    dialog = page.insurance_dialog
    assert dialog.isVisible()
    # QA finding 7: Vietnamese date hints, and no platform icons on Lưu/Hủy
    assert {e.placeholderText() for e in (dialog.valid_from_edit, dialog.valid_to_edit, dialog.bhxh_from_edit)} \
        == {"ngày/tháng/năm"}
    assert all(b.icon().isNull() for b in dialog.buttons.buttons())
    choose(dialog.coverage_combo, "Ngân sách hỗ trợ đóng")
    type_text(dialog.card_edit, "GD46479")                  # too short
    dialog.accept()
    assert dialog.isVisible() and "Mã thẻ BHYT" in prompts.shown[-1][2]
    erase(dialog.card_edit)
    type_text(dialog.card_edit, "GD4647912345678")
    type_text(dialog.valid_to_edit, "31/12/2027")
    with qtbot.waitSignal(page.data_changed, timeout=2000):
        dialog.accept()
    assert not dialog.isVisible()
    member_id = next(r.member_id for r in demo.insurance.list() if r.full_name == name)
    saved = demo.insurance.get(member_id)
    assert (saved.bhyt_card_number, saved.bhyt_valid_to) == ("GD4647912345678", date(2027, 12, 31))


def test_editing_insurance_without_a_selection_says_so(qtbot, demo, prompts):
    page = make_page(qtbot, demo, prompts)
    page.edit_insurance_button.click()
    assert prompts.shown[-1] == ("inform", "Sửa bảo hiểm", "Hãy chọn một thành viên trong danh sách.")
