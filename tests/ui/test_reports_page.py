"""ReportsPage (issue #7): the dashboard charts, statistics, periodic report and list exports."""

from __future__ import annotations

import openpyxl
import pytest


@pytest.fixture
def page(qtbot, demo, prompts, jobs):
    from antt_desktop.ui.reports.page import ReportsPage

    widget = ReportsPage(demo, prompts, jobs=jobs)
    qtbot.addWidget(widget)
    widget.resize(1200, 760)
    widget.show()
    widget.refresh()
    return widget


def test_the_dashboard_shows_the_demo_commune(page, demo):
    board = page.dashboard_tab.board
    assert board is not None and board.total == demo.reports.statistics().total
    team_series = page.dashboard_tab.team_chart.series()
    assert len(team_series) == 1 and team_series[0].count() == 2           # Hiện có, Định mức tối đa
    assert team_series[0].barSets()[0].count() == len(demo.teams.list())
    assert page.dashboard_tab.age_chart.series()[0].barSets()[0].count() == 6
    pie = page.dashboard_tab.bhyt_chart.series()[0]
    assert sum(piece.value() for piece in pie.slices()) == board.total
    assert page.dashboard_tab.expiry_chart.series()[0].barSets()[0].count() == 6
    assert page.dashboard_tab.allowance_chart.series()[0].barSets()[0].count() == 12
    assert "thành viên đang tham gia" in page.dashboard_tab.summary_label.text()


def test_statistics_tables_switch(page, demo):
    tab = page.statistics_tab
    assert tab.tables_list.count() == 9
    tab.tables_list.setCurrentRow(2)                                        # Theo giới tính
    assert tab.table.item(0, 0).text() == "Nam"
    last = tab.table.rowCount() - 1
    assert tab.table.item(last, 0).text() == "Cộng"
    assert tab.table.item(last, 1).text() == str(demo.reports.statistics().total)


def test_the_periodic_report_is_shown_and_exported(page, prompts, tmp_path):
    tab = page.periodic_tab
    assert tab.period_combo.currentText() == "Quý III năm 2026"           # the default on 22/11/2026
    tab.show_button.click()
    assert "cuối kỳ" in tab.summary_label.text()
    prompts.files += [tmp_path / "q.pdf", tmp_path / "q.xlsx"]
    tab.pdf_button.click()
    tab.xlsx_button.click()
    assert (tmp_path / "q.pdf").read_bytes().startswith(b"%PDF")
    assert openpyxl.load_workbook(tmp_path / "q.xlsx").sheetnames[0] == "Báo cáo"


def test_statistics_and_member_list_exports(page, prompts, tmp_path):
    prompts.files += [tmp_path / "tk.xlsx", tmp_path / "ds.xlsx"]
    page.statistics_tab.export_button.click()
    page.members_tab.export_button.click()
    assert openpyxl.load_workbook(tmp_path / "tk.xlsx").sheetnames == ["Thống kê", "Theo tổ"]
    assert openpyxl.load_workbook(tmp_path / "ds.xlsx").active.max_row > 20
    assert [kind for kind, *_ in prompts.shown].count("inform") == 2


def test_the_member_list_masks_id_numbers_when_ticked(page, demo, prompts, tmp_path):
    from antt_desktop.domain.audit_trail import EXPORT_ACTION, AuditFilter
    from antt_desktop.domain.personal_ids import mask_personal_id

    assert page.members_tab.mask_ids_check.text() == "Che số CCCD"
    page.members_tab.mask_ids_check.setChecked(True)
    prompts.files += [tmp_path / "ds.xlsx"]
    page.members_tab.export_button.click()
    cells = {c for row in openpyxl.load_workbook(tmp_path / "ds.xlsx").active.iter_rows(values_only=True)
             for c in row if isinstance(c, str)}
    active = {r.id_number for r in demo.members.list_rows() if r.id_number and r.status.value == "active"}
    assert active and not active & cells
    assert {mask_personal_id(n) for n in active} <= cells
    [entry] = demo.audit.entries(AuditFilter(action=EXPORT_ACTION))
    assert entry.after["ids_masked"] is True and entry.after["destination"] == str(tmp_path / "ds.xlsx")


def test_a_cancelled_save_writes_nothing(page, prompts, tmp_path):
    page.members_tab.export_button.click()                                  # no file chosen
    assert list(tmp_path.glob("*.xlsx")) == []


def test_the_page_is_registered(demo, prompts):
    from antt_desktop.ui.registry import NAV_PAGES, DIALOGS, load_class

    entry = next(e for e in NAV_PAGES if e.key == "reports")
    assert load_class(entry).__name__ == "ReportsPage"
    assert load_class(DIALOGS["member_import"]).__name__ == "MemberImportWizard"
