"""Reports over the demo commune, and `antt report …` (issue #7 §6–7)."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

import openpyxl
import pytest

from antt_desktop.cli import main
from antt_desktop.domain.access import PermissionDenied, Role
from antt_desktop.domain.reports import parse_period


def test_statistics_of_the_demo_commune(demo):
    stats = demo.reports.statistics()
    rows = [r for r in demo.members.list_rows() if r.status.value == "active"]
    assert stats.total == len(rows) and all(b.total == stats.total for b in stats.breakdowns)
    positions = {r.label: r.total for r in stats.breakdown("position").rows}
    assert positions["Tổ trưởng"] == len(demo.teams.list())


def test_team_lines_carry_the_quota(demo):
    lines = demo.reports.team_lines()
    assert len(lines) == len(demo.teams.list())
    assert all(line.quota_max is not None for line in lines)
    assert sum(line.total for line in lines) == demo.reports.statistics().total


def test_the_periodic_report_of_a_quarter(demo):
    report = demo.reports.periodic(parse_period("2025-Q3"))
    assert len(report.left) == 1                              # the demo's leaver, 30/09/2025
    assert report.statistics.total == report.start_total + len(report.joined) - len(report.left)
    assert report.hamlet_count == 7


def test_default_period_is_the_year_in_december(demo, clock):
    assert demo.reports.default_period().label == "Quý III năm 2026"      # 22/11/2026
    from datetime import datetime

    clock.now = datetime(2026, 12, 2, 8, 0)
    assert demo.reports.default_period().label == "Năm 2026"


def test_files_are_written_and_audited(demo, tmp_path):
    demo.reports.write_periodic_pdf(parse_period("2026"), tmp_path / "nam.pdf")
    demo.reports.write_periodic_xlsx(parse_period("2026"), tmp_path / "nam.xlsx")
    demo.reports.write_statistics_xlsx(tmp_path / "tk.xlsx")
    demo.reports.write_member_list_xlsx(tmp_path / "ds.xlsx")
    assert all((tmp_path / name).stat().st_size > 1000 for name in ("nam.pdf", "nam.xlsx", "tk.xlsx", "ds.xlsx"))
    with demo.context.new_uow() as uow:
        from sqlalchemy import select

        from antt_desktop.store.tables import AuditEventRow

        actions = list(uow.session.execute(select(AuditEventRow.action).where(
            AuditEventRow.action.like("report.%"))).scalars())
        exports = list(uow.session.execute(select(AuditEventRow.after).where(
            AuditEventRow.action == "personal_data.exported")).scalars())
    assert actions == ["report.statistics_written"]              # figures only: not personal data
    assert sorted(e["kind"] for e in exports) == ["bao_cao_dinh_ky", "bao_cao_dinh_ky",
                                                  "danh_sach_thanh_vien_theo_thon"]


def test_a_viewer_cannot_export_personal_data(demo, tmp_path):
    from antt_desktop.services.reports import ReportService

    viewer = ReportService(replace(demo.context, role=Role.VIEWER), demo.policies)
    with pytest.raises(PermissionDenied):
        viewer.write_member_list_xlsx(tmp_path / "ds.xlsx")
    viewer.write_statistics_xlsx(tmp_path / "tk.xlsx")       # figures only: allowed


def test_the_dashboard_of_the_demo_commune(demo):
    board = demo.reports.dashboard()
    assert board.total > 0 and len(board.teams) == 7 and len(board.allowances) == 12
    assert board.ages.total == board.total and board.bhyt.total == board.total


def test_report_commands(capsys, demo, tmp_path):
    def run(*argv):
        code = main([*argv, "--db", str(demo.target)])
        return code, capsys.readouterr()

    code, out = run("report", "stats", "--json")
    assert code == 0 and json.loads(out.out)["total"] == demo.reports.statistics(date(2026, 11, 22)).total
    code, out = run("report", "periodic", "--period", "2026-Q3", "--pdf", str(tmp_path / "q.pdf"),
                    "--xlsx", str(tmp_path / "q.xlsx"))
    assert code == 0 and "Quý III năm 2026" in out.out and (tmp_path / "q.pdf").exists()
    code, out = run("report", "members", "--xlsx", str(tmp_path / "ds.xlsx"))
    assert code == 0 and openpyxl.load_workbook(tmp_path / "ds.xlsx").active.max_row > 20
    code, out = run("report", "periodic", "--period", "quý ba")
    assert code == 1 and "2026-Q3" in out.err


def test_report_members_can_mask_id_numbers(capsys, demo, tmp_path):
    from antt_desktop.domain.personal_ids import mask_personal_id

    out = tmp_path / "ds-che.xlsx"
    assert main(["report", "members", "--xlsx", str(out), "--mask-ids", "--db", str(demo.target)]) == 0
    cells = {c for row in openpyxl.load_workbook(out).active.iter_rows(values_only=True) for c in row
             if isinstance(c, str)}
    active = {r.id_number for r in demo.members.list_rows() if r.id_number and r.status.value == "active"}
    assert active and not active & cells
    assert {mask_personal_id(n) for n in active} <= cells


def test_the_higher_unit_reports_on_every_commune_it_holds(services):
    services.demo.build_aggregate(communes=3, members=300, seed=1)
    services.policies.seed_shipped()
    active = [r for r in services.members.list_rows() if r.status.value == "active"]
    assert services.reports.statistics().total == len(active) == 300
    dashboard_teams = services.reports.team_lines()
    assert sum(line.leaders + line.deputies + line.members for line in dashboard_teams) == 300
    assert len(services.reports.members()) == len(services.members.list_rows())
