"""The decisions screen: draft, issue, preview, certificates to print, and the offline QR check
(issue #4). Modal dialogs and the system PDF viewer are replaced through the page's seams."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from PySide6.QtCore import Qt

from antt_desktop.domain.decisions import DecisionKind
from antt_desktop.domain.people import MemberStatus, Position
from antt_desktop.ui.decisions.models import DecisionColumn, RegisterColumn


@pytest.fixture
def page(qtbot, demo, prompts):
    from antt_desktop.ui.decisions.page import DecisionsPage

    widget = DecisionsPage(demo, prompts)
    qtbot.addWidget(widget)
    widget.opened = []
    widget.open_document = widget.opened.append
    return widget


def _answer_dialogs(page, *steps):
    """Each step fills the dialog the page opens and returns whether the user pressed OK."""
    remaining = list(steps)

    def run(dialog):
        if not remaining:
            return False
        return remaining.pop(0)(dialog)

    page.run_dialog = run


def test_lists_the_demo_decisions(page, qtmodeltester):
    qtmodeltester.check(page.decision_model)
    rows = [page.decision_model.row(i) for i in range(page.decision_model.rowCount())]
    assert {r.kind for r in rows} == {DecisionKind.RECOGNISE, DecisionKind.ESTABLISH_TEAM}
    cells = {page.decision_model.data(page.decision_model.index(i, DecisionColumn.STATE)) for i in range(2)}
    assert cells == {"Đã ban hành"}
    page.select_decision(rows[0].id)
    assert not page.issue_button.isEnabled() and page.preview_button.isEnabled()
    assert "Điều 1." in page.detail.toPlainText()


def _proposed(demo):
    return next(row for row in demo.members.list_rows() if row.status is MemberStatus.PROPOSED)


def test_draft_then_issue_a_recognition(qtbot, page, demo, prompts):
    member = _proposed(demo)
    team = next(t for t in demo.teams.list() if t.hamlet_id == member.hamlet_id)
    # The demo teams are full (Thôn 1: 3 of 3): the unit records a quota of 4 for this team first.
    team = demo.teams.update(team.id, name=team.name, quota_override=4)

    def fill(dialog):
        dialog.check_member(member.id, team_id=team.id, position=Position.MEMBER)
        return True

    _answer_dialogs(page, fill)
    with qtbot.waitSignal(page.data_changed):
        page.new_actions[DecisionKind.RECOGNISE].trigger()
    draft = page.selected_decision()
    assert draft is not None and not draft.is_issued and draft.member_ids == (member.id,)
    assert page.issue_button.isEnabled()

    prompts.confirm_answers = [True]
    with qtbot.waitSignal(page.data_changed):
        qtbot.mouseClick(page.issue_button, Qt.MouseButton.LeftButton)
    issued = demo.decisions.get(draft.id)
    assert issued.is_issued and issued.number == "01/QĐ-UBND"
    assert ("inform", "Đã ban hành", "Đã ban hành Quyết định số 01/QĐ-UBND.") in prompts.shown
    assert demo.members.get(member.id).status is MemberStatus.ACTIVE
    assert not page.edit_button.isEnabled()


def test_issue_is_refused_with_the_reason_when_conditions_fail(qtbot, page, demo, prompts):
    member = _proposed(demo)
    with demo.context.new_uow() as uow:
        uow.members.save(replace(uow.members.get(member.id), residence_since=date(2026, 10, 1)))
        uow.commit()
    team = demo.teams.list()[0]
    _answer_dialogs(page, lambda d: (d.check_member(member.id, team_id=team.id), True)[1])
    page.new_actions[DecisionKind.RECOGNISE].trigger()
    qtbot.mouseClick(page.issue_button, Qt.MouseButton.LeftButton)
    kind, title, text = prompts.shown[-1]
    assert kind == "error" and title == "Chưa ban hành được"
    assert member.full_name in text and "Điều 13" in text
    assert not demo.decisions.get(page.selected_decision().id).is_issued


def test_issue_over_the_team_quota_is_refused_with_team_quota_and_count(qtbot, page, demo, prompts):
    member = _proposed(demo)
    team = next(t for t in demo.teams.list() if t.hamlet_id == member.hamlet_id)      # Thôn 1, full: 3 of 3
    _answer_dialogs(page, lambda d: (d.check_member(member.id, team_id=team.id, position=Position.MEMBER), True)[1])
    page.new_actions[DecisionKind.RECOGNISE].trigger()
    qtbot.mouseClick(page.issue_button, Qt.MouseButton.LeftButton)
    kind, title, text = prompts.shown[-1]
    assert kind == "error" and title == "Chưa ban hành được"
    assert team.name in text and "tối đa 03 thành viên" in text and "sẽ có 04 thành viên" in text
    assert not demo.decisions.get(page.selected_decision().id).is_issued
    assert demo.members.get(member.id).status is MemberStatus.PROPOSED


def test_a_bad_draft_keeps_the_dialog_open_with_the_message(page, prompts, demo):
    _answer_dialogs(page, lambda dialog: True, lambda dialog: False)       # OK with nobody ticked, then cancel
    page.new_actions[DecisionKind.COMMEND].trigger()
    assert prompts.shown[0][0] == "error" and "ít nhất một thành viên" in prompts.shown[0][2]
    assert len(demo.decisions.list()) == 2


def test_edit_and_cancel_a_draft(qtbot, page, demo, prompts):
    active = next(r for r in demo.members.list_rows() if r.status is MemberStatus.ACTIVE)
    _answer_dialogs(page, lambda d: (d.check_member(active.id), True)[1])
    page.new_actions[DecisionKind.COMMEND].trigger()
    draft = page.selected_decision()

    def edit(dialog):
        dialog.reason_edit.setText("bắt giữ đối tượng trộm cắp")
        return True

    _answer_dialogs(page, edit)
    qtbot.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
    assert demo.decisions.get(draft.id).reason == "bắt giữ đối tượng trộm cắp"
    prompts.confirm_answers = [True]
    with qtbot.waitSignal(page.data_changed):
        qtbot.mouseClick(page.cancel_button, Qt.MouseButton.LeftButton)
    assert all(d.id != draft.id for d in demo.decisions.list())


def test_preview_writes_the_pdf_and_opens_it(qtbot, page):
    page.select_decision(page.decision_model.row(0).id)
    qtbot.mouseClick(page.preview_button, Qt.MouseButton.LeftButton)
    (path,) = page.opened
    assert path.read_bytes()[:5] == b"%PDF-"


def test_the_member_list_is_printed_with_masked_ids_when_ticked(qtbot, page, demo):
    from pypdf import PdfReader

    from antt_desktop.domain.audit_trail import EXPORT_ACTION, AuditFilter
    from antt_desktop.domain.personal_ids import mask_personal_id

    ids = {r.id_number for r in demo.members.list_rows() if r.id_number and r.team_id}
    assert page.mask_ids_check.text() == "Che số CCCD" and not page.mask_ids_check.isChecked()
    qtbot.mouseClick(page.members_list_button, Qt.MouseButton.LeftButton)
    plain = " ".join(p.extract_text() for p in PdfReader(page.opened[-1]).pages)
    assert all(number in plain for number in ids)
    page.mask_ids_check.setChecked(True)
    qtbot.mouseClick(page.members_list_button, Qt.MouseButton.LeftButton)
    masked = " ".join(p.extract_text() for p in PdfReader(page.opened[-1]).pages)
    assert not any(number in masked for number in ids)
    assert all(mask_personal_id(number) in masked for number in ids)
    logged = demo.audit.entries(AuditFilter(action=EXPORT_ACTION))
    assert [e.after["ids_masked"] for e in logged] == [True, False]


def test_save_word_copy(qtbot, page, prompts, tmp_path):
    page.select_decision(page.decision_model.row(0).id)
    prompts.files = [tmp_path / "qd"]
    qtbot.mouseClick(page.save_docx_button, Qt.MouseButton.LeftButton)
    assert (tmp_path / "qd.docx").read_bytes()[:2] == b"PK"


def test_certificates_for_a_team_then_revoke(qtbot, page, demo, prompts, tmp_path, qtmodeltester):
    team = sorted(demo.teams.list(), key=lambda t: t.name)[0]
    page.tabs.setCurrentIndex(1)
    page.team_combo.setCurrentIndex(page.team_combo.findData(team.id))
    prompts.files = [tmp_path / "gcn.pdf"]
    with qtbot.waitSignal(page.data_changed):
        qtbot.mouseClick(page.print_team_button, Qt.MouseButton.LeftButton)
    assert page.opened == [tmp_path / "gcn.pdf"] and (tmp_path / "gcn.pdf").exists()
    count = len(demo.teams.roster(team.id))
    assert page.register_model.rowCount() == count
    qtmodeltester.check(page.register_model)
    page.register_table.selectRow(0)
    page.ask_text = lambda title, label: "mất giấy"
    qtbot.mouseClick(page.revoke_button, Qt.MouseButton.LeftButton)
    statuses = [page.register_model.data(page.register_model.index(i, RegisterColumn.STATUS))
                for i in range(page.register_model.rowCount())]
    assert sum(s.startswith("Đã thu hồi") for s in statuses) == 1


def test_verify_tab_checks_a_scanned_code(qtbot, page, demo):
    member = next(r for r in demo.members.list_rows() if r.status is MemberStatus.ACTIVE)
    (certificate,) = demo.certificates.issue([member.id])
    (card,) = demo.certificates.cards([certificate.id])
    page.tabs.setCurrentIndex(2)
    page.code_edit.setText(card.qr_text)
    qtbot.keyClick(page.code_edit, Qt.Key.Key_Return)                # what a scanner sends last
    assert page.verify_result.text().startswith("Giấy chứng nhận hợp lệ")
    assert member.full_name in page.verify_details.text()
    page.code_edit.setText(card.qr_text[:-3] + "000")
    qtbot.mouseClick(page.verify_button, Qt.MouseButton.LeftButton)
    assert "giả" in page.verify_result.text() or "Không đọc được" in page.verify_result.text()


def test_template_dialog_refuses_a_bad_number_format(page, demo, prompts):
    def bad(dialog):
        dialog.number_edit.setText("GCN")
        return True

    _answer_dialogs(page, bad, lambda dialog: False)
    page.tabs.setCurrentIndex(1)
    page.template_button.click()
    assert prompts.shown[0][0] == "error" and "{seq}" in prompts.shown[0][2]
    assert demo.certificates.template().number_format == "{seq:04d}/{year}/GCN"

    def good(dialog):
        dialog.validity_spin.setValue(3)
        dialog.field_checks["id_number"].setChecked(True)
        return True

    _answer_dialogs(page, good)
    page.template_button.click()
    template = demo.certificates.template()
    assert template.validity_years == 3 and template.fields[-1] == "id_number"
