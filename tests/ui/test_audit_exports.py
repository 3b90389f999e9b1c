"""The audit viewer names what personal data left the program (issue #8 "Privacy"): the
action with its document in Vietnamese, and the entry's facts in the changes pane."""

from __future__ import annotations


def test_an_export_reads_in_vietnamese_in_the_audit_tab(qtbot, demo, prompts, tmp_path):
    from antt_desktop.ui.audit.audit_tab import AuditTab

    out = demo.decisions.write_member_list_pdf(tmp_path / "ds.pdf", mask_ids=True)
    tab = AuditTab(demo, prompts)
    qtbot.addWidget(tab)
    tab.show()
    assert tab.model.records[0].action == "personal_data.exported"
    assert tab.model.data(tab.model.index(0, 3)) == "Xuất/in dữ liệu cá nhân: Danh sách thành viên theo tổ"
    changes = {tab.changes_model.data(tab.changes_model.index(r, 0)): tab.changes_model.data(
        tab.changes_model.index(r, 2)) for r in range(tab.changes_model.rowCount())}
    assert changes["Loại"] == "Danh sách thành viên theo tổ"
    assert changes["Nơi lưu"] == str(out) and changes["Che số CCCD"] == "có"
    assert changes["Số bản ghi"] == str(len([r for r in demo.members.list_rows() if r.team_id]))
