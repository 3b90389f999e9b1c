"""Tổng quan shows the counts, the teams to fix, insurance, certificates and what is due."""

from __future__ import annotations

from antt_desktop.domain.organisation import HamletDraft
from antt_desktop.domain.people import Position
from antt_desktop.ui.overview.page import OverviewPage


def make_page(qtbot, services, prompts, jobs) -> OverviewPage:
    page = OverviewPage(services, prompts, jobs=jobs)
    qtbot.addWidget(page)
    page.resize(1300, 720)
    page.show()
    page.refresh()
    return page


def test_the_overview_of_the_demo_commune(qtbot, demo, prompts, jobs):
    page = make_page(qtbot, demo, prompts, jobs)
    assert page.active_figure.value_label.text() == "27"
    assert "7 Tổ trưởng, 7 Tổ phó, 13 Tổ viên" in page.active_figure.caption_label.text()
    assert page.proposed_figure.value_label.text() == "2"
    assert page.teams_figure.value_label.text() == "7"
    table = page.teams_table
    assert table.rowCount() == 8 and table.item(7, 0).text() == "Cộng" and table.item(7, 4).text() == "27"
    due = page.due_label.text()
    assert "Báo cáo năm gửi Công an tỉnh Gia Lai trước ngày 15/12/2026 (còn 23 ngày)" in due
    assert "2 người đề nghị công nhận đang chờ quyết định" in due
    assert "27 thành viên chưa được cấp giấy chứng nhận" in due
    assert page.certificates_box.title() == "Cần cấp giấy chứng nhận (27)"
    overview = page.overview
    assert page.bhyt_table.rowCount() == len(overview.without_valid_bhyt)
    assert "Mọi tổ đều có Tổ trưởng" in page.attention_label.text()


def test_a_team_without_leaders_is_listed(qtbot, demo, prompts, jobs):
    hamlet = demo.hamlets.create(HamletDraft(name="Thôn Mới", households=90))
    demo.teams.create(hamlet.id)
    page = make_page(qtbot, demo, prompts, jobs)
    text = page.attention_label.text()
    assert "Tổ bảo vệ ANTT Thôn Mới" in text and "Tổ trưởng" in text
    assert ".;" not in text and "Tổ chưa có Tổ trưởng. Tổ chưa có Tổ phó." in text     # QA finding 10
    assert "1 tổ cần chú ý" in page.teams_figure.caption_label.text()


def test_double_clicking_a_member_opens_the_record(qtbot, demo, prompts, jobs):
    page = make_page(qtbot, demo, prompts, jobs)
    item = page.certificates_table.item(0, 0)
    page.certificates_table.itemActivated.emit(item)
    assert page.open_dialog is not None and page.open_dialog.name_edit.text() == item.text()
    page.open_dialog.close_button.click()


def test_an_aggregate_shows_one_row_per_commune(qtbot, services, prompts, jobs):
    services.demo.build_aggregate(communes=3, members=300, seed=1)
    services.policies.seed_shipped()
    page = make_page(qtbot, services, prompts, jobs)
    overview = page.overview
    table = page.teams_table
    assert page.teams_box.title() == "Theo đơn vị và chức danh"
    headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    assert headers == ["Đơn vị", "Tổ trưởng", "Tổ phó", "Tổ viên", "Cộng", "Số tổ", "Tổ cần chú ý"]
    assert table.rowCount() == 3 + 1          # three communes and the total, not one row per team
    names = [table.item(row, 0).text() for row in range(3)]
    assert names == [unit.unit_name for unit in overview.units] and all(n.startswith("Xã ") for n in names)
    first = overview.units[0]
    assert [table.item(0, c).text() for c in range(1, 7)] == [
        str(first.counts.get(p, 0)) for p in (Position.LEADER, Position.DEPUTY, Position.MEMBER)
    ] + [str(first.member_count), str(first.team_count), str(first.attention_count)]
    assert table.item(3, 0).text() == "Cộng" and table.item(3, 4).text() == "300"
    assert table.item(3, 5).text() == str(overview.team_count)
    assert page.teams_figure.value_label.text() == str(overview.team_count)
    assert overview.teams_needing_attention      # team names repeat: each is shown with its commune
    first_to_fix = overview.teams_needing_attention[0].team
    commune = {u.unit_code: u.unit_name for u in overview.units}[first_to_fix.unit_code]
    assert f"<b>{commune} — {first_to_fix.name}</b>" in page.attention_label.text()
    shown = page.attention_label.text().count("<li>")
    assert shown == min(12, overview.teams_needing_attention_count)
    if overview.teams_needing_attention_count > 12:
        assert f"{overview.teams_needing_attention_count - 12} tổ khác" in page.attention_label.text()
    member = overview.certificates_to_issue[0]          # and so is each member's team
    member_commune = {u.unit_code: u.unit_name for u in overview.units}[member.unit_code]
    assert page.certificates_table.item(0, 1).text() == f"{member_commune} — {member.team_name}"


def test_a_commune_shows_one_row_per_team(qtbot, demo, prompts, jobs):
    page = make_page(qtbot, demo, prompts, jobs)
    assert page.teams_box.title() == "Theo tổ và chức danh"
    assert page.teams_table.columnCount() == 6
    assert page.teams_table.horizontalHeaderItem(5).text() == "Định mức"
