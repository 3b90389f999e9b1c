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
