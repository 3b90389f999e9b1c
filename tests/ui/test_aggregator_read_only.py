"""At the higher unit (aggregator mode) the pages over the communes' data are read-only, say why,
and Tổng quan does not tell the province to report to itself or to add hamlets (QA finding 4)."""

from __future__ import annotations

import pytest

from antt_desktop.ui.members.page import MembersPage
from antt_desktop.ui.organisation.page import OrganisationPage
from antt_desktop.ui.overview.page import OverviewPage
from antt_desktop.ui.payroll.page import PayrollPage
from antt_desktop.ui.read_only import AGGREGATOR_READ_ONLY
from antt_desktop.ui.reports.page import ReportsPage

REASON = "Dữ liệu của các xã chỉ xem ở cấp trên; xã sửa rồi gửi gói mới."


@pytest.fixture
def province(services):
    services.demo.build_aggregate(communes=2, members=40, seed=3)
    services.policies.seed_shipped()
    return services


def _locked(*buttons):
    return all(not b.isEnabled() and b.toolTip() == REASON for b in buttons)


def test_the_reason_is_the_one_officers_were_promised():
    assert AGGREGATOR_READ_ONLY == REASON


def test_organisation_is_read_only_at_the_province(qtbot, province, prompts, jobs):
    page = OrganisationPage(province, prompts, jobs=jobs)
    qtbot.addWidget(page)
    page.refresh()
    assert page.teams_table.rowCount() > 0
    page.teams_table.selectRow(0)
    assert _locked(page.add_hamlet_button, page.edit_hamlet_button, page.delete_hamlet_button,
                   page.add_team_button, page.edit_team_button)
    page.teams_table.itemActivated.emit(page.teams_table.item(0, 0))     # no edit dialog either
    assert page.open_dialog is None


def test_members_are_read_only_at_the_province(qtbot, province, prompts, jobs):
    page = MembersPage(province, prompts, jobs=jobs)
    qtbot.addWidget(page)
    assert _locked(page.new_button, page.import_button) and not page.new_action.isEnabled()


def test_payroll_runs_are_read_only_at_the_province(qtbot, province, prompts):
    page = PayrollPage(province, prompts)
    qtbot.addWidget(page)
    assert _locked(page.draft_button, page.lock_button, page.discard_button, page.supplementary_button,
                   page.duty_import_button, page.edit_insurance_button)
    assert "Lập bảng (nháp)" not in page.total_label.text()


def test_a_commune_keeps_its_buttons_and_no_such_tooltip(qtbot, demo, prompts, jobs):
    organisation = OrganisationPage(demo, prompts, jobs=jobs)
    members = MembersPage(demo, prompts, jobs=jobs)
    payroll = PayrollPage(demo, prompts)
    for page in (organisation, members, payroll):
        qtbot.addWidget(page)
    organisation.refresh()
    for button in (organisation.add_hamlet_button, members.new_button, members.import_button,
                   payroll.duty_import_button):
        assert button.isEnabled() and button.toolTip() != REASON
    assert payroll.draft_button.toolTip() != REASON


def test_the_province_overview_does_not_report_to_itself(qtbot, services, prompts, jobs):
    services.demo.build_aggregate(communes=2, members=40, seed=3)
    page = OverviewPage(services, prompts, jobs=jobs)
    qtbot.addWidget(page)
    page.refresh()
    due = page.due_label.text()
    assert "Các xã gửi báo cáo năm trước ngày 15/12/2026" in due
    assert "gửi Công an tỉnh" not in due and "Báo cáo năm gửi" not in due
    assert "chờ quyết định" not in due and "giấy chứng nhận" not in due
    assert "Vào «Thôn/Tổ» để thêm" not in page.attention_label.text()


def test_an_empty_province_is_told_to_import_packages(qtbot, services, prompts, jobs):
    from antt_desktop.domain.people import UnitMode
    from antt_desktop.domain.units import UnitSetup

    services.units.set_up(UnitSetup(code="CAT-GL", name="Công an tỉnh Gia Lai", province="Gia Lai",
                                     mode=UnitMode.AGGREGATOR))
    page = OverviewPage(services, prompts, jobs=jobs)
    qtbot.addWidget(page)
    page.refresh()
    assert "Đồng bộ USB" in page.attention_label.text()
    assert "Thôn/Tổ" not in page.attention_label.text()


def test_reports_say_where_the_communes_figures_are(qtbot, province, demo, prompts, jobs):
    page = ReportsPage(province, prompts, jobs=jobs)
    commune = ReportsPage(demo, prompts, jobs=jobs)
    qtbot.addWidget(page)
    qtbot.addWidget(commune)
    assert not page.aggregator_note.isHidden() and "Số liệu tổng hợp" in page.aggregator_note.text()
    assert commune.aggregator_note.isHidden()


def test_decisions_and_certificates_are_read_only_at_the_province(qtbot, province, prompts):
    from antt_desktop.ui.decisions.page import DecisionsPage

    page = DecisionsPage(province, prompts)
    qtbot.addWidget(page)
    page.refresh()
    assert _locked(page.new_button, page.edit_button, page.issue_button, page.cancel_button,
                   page.conduct_button, page.print_team_button, page.revoke_button, page.reissue_button,
                   page.template_button)
    assert page.members_list_button.isEnabled()        # looking and printing stay possible


def test_a_commune_keeps_its_decision_buttons(qtbot, demo, prompts):
    from antt_desktop.ui.decisions.page import DecisionsPage

    page = DecisionsPage(demo, prompts)
    qtbot.addWidget(page)
    page.refresh()
    assert page.new_button.isEnabled() and page.conduct_button.isEnabled()
    assert page.new_button.toolTip() != REASON


# --- Member records open read-only, the duty grid is not editable (QA finding 4, follow-up) ---------

def _assert_read_only_record(dialog):
    """The record is shown, every write is disabled with the reason, and Ctrl+S saves nothing."""
    assert dialog.name_edit.text()
    for button in (dialog.save_button, dialog.save_next_button, dialog.choose_photo_button,
                   dialog.remove_photo_button):
        assert not button.isEnabled() and button.toolTip() == REASON
    assert "chỉ xem ở cấp trên" in dialog.form_note.text()
    records = dialog.records
    assert records is not None
    for panel in records.panels.values():
        assert not panel.new_button.isEnabled() and not panel.save_button.isEnabled()
        assert panel.new_button.toolTip() == REASON
    dialog.name_edit.setText("Tên khác")
    dialog._revalidate()
    assert "chỉ xem ở cấp trên" in dialog.form_note.text()        # typing does not clear the reason
    saved = []
    dialog.member_saved.connect(saved.append)
    dialog.save_shortcut.activated.emit()
    assert saved == [] and dialog.read_only_reason == REASON


def test_double_clicking_a_member_opens_the_record_read_only(qtbot, province, prompts, jobs):
    page = MembersPage(province, prompts, jobs=jobs)
    qtbot.addWidget(page)
    page.resize(1300, 700)
    page.show()
    page.refresh()
    assert page.model.rowCount() > 0
    with qtbot.waitSignal(page.member_dialog_opened, timeout=1000) as opened:
        page.table.activated.emit(page.model.index(0, 0))
    dialog = opened.args[0]
    assert dialog.isVisible() and dialog.name_edit.text() == page.model.row_at(0).full_name
    _assert_read_only_record(dialog)
    dialog.close_button.click()


def test_the_team_roster_opens_the_record_read_only(qtbot, province, prompts, jobs):
    page = OrganisationPage(province, prompts, jobs=jobs)
    qtbot.addWidget(page)
    page.refresh()
    row = next(r for r in range(page.teams_table.rowCount())
               if (page.teams_table.selectRow(r) or page.roster_table.rowCount()))
    assert page.roster_table.rowCount() > 0, row
    page.roster_table.itemActivated.emit(page.roster_table.item(0, 0))
    assert page.open_dialog is not None
    _assert_read_only_record(page.open_dialog)
    page.open_dialog.close_button.click()


def test_the_overview_lists_open_the_record_read_only(qtbot, province, prompts, jobs):
    from PySide6.QtWidgets import QTableWidgetItem

    from antt_desktop.ui.overview.page import IdRole

    page = OverviewPage(province, prompts, jobs=jobs)
    qtbot.addWidget(page)
    page.refresh()
    table = page.certificates_table
    if table.rowCount() == 0:           # the province's lists may be empty: put one of its members in
        member = province.members.list_rows()[0]
        table.setRowCount(1)
        item = QTableWidgetItem(member.full_name)
        item.setData(IdRole, member.id)
        table.setItem(0, 0, item)
    table.itemActivated.emit(table.item(0, 0))
    assert page.open_dialog is not None
    _assert_read_only_record(page.open_dialog)
    page.open_dialog.close_button.click()


def test_the_duty_grid_is_not_editable_at_the_province(qtbot, province, prompts, monkeypatch):
    from PySide6.QtCore import Qt

    from antt_desktop.domain.payroll import DutyCounts
    from antt_desktop.domain.people import Position
    from antt_desktop.services.payroll import DutyGridRow
    from antt_desktop.ui.payroll.models import DutyColumn

    # The province's own grid is usually empty; whatever rows it shows must still not be editable.
    member = province.members.list_rows()[0]
    rows = [DutyGridRow(member.id, member.full_name, "Tổ 1", "Thôn 1", Position.MEMBER, 30, DutyCounts())]
    monkeypatch.setattr(province.payroll, "duty_grid", lambda month: rows)
    page = PayrollPage(province, prompts)
    qtbot.addWidget(page)
    page.refresh()
    model = page.duty_model
    assert model.rowCount() == 1
    for column in range(DutyColumn.FIRST_COUNT, model.columnCount()):
        assert not model.flags(model.index(0, column)) & Qt.ItemFlag.ItemIsEditable


def test_a_commune_still_edits_records_and_the_duty_grid(qtbot, demo, prompts, jobs):
    from PySide6.QtCore import Qt

    from antt_desktop.ui.members.member_dialog import MemberDialog
    from antt_desktop.ui.payroll.models import DutyColumn

    member = next(r for r in demo.members.list_rows())
    dialog = MemberDialog(demo, prompts, member.id)
    qtbot.addWidget(dialog)
    assert dialog.save_button.isEnabled() and dialog.read_only_reason == ""
    assert all(p.new_button.isEnabled() for p in dialog.records.panels.values())
    payroll = PayrollPage(demo, prompts)
    qtbot.addWidget(payroll)
    payroll.refresh()
    model = payroll.duty_model
    assert model.flags(model.index(0, DutyColumn.FIRST_COUNT)) & Qt.ItemFlag.ItemIsEditable
