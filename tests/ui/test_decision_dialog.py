"""Soạn quyết định: each kind shows only the fields its wording uses, Thành lập tổ offers only
hamlets without a team, Công nhận does not offer members who have left, and the dialog fits the
screen (QA findings 8 and 9)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from antt_desktop.domain.decisions import DecisionKind
from antt_desktop.domain.organisation import HamletDraft
from antt_desktop.domain.people import MemberStatus
from antt_desktop.ui.decisions.decision_dialog import DecisionDialog


def _dialog(qtbot, services, kind):
    dialog = DecisionDialog(services, kind)
    qtbot.addWidget(dialog)
    return dialog


def _shown(dialog, *widgets) -> list[bool]:
    return [w.isVisibleTo(dialog) for w in widgets]


# kind: (ground shown, measure shown, reason shown, reason label, default measure)
FIELDS = {
    DecisionKind.ESTABLISH_TEAM: (False, False, False, "", ""),
    DecisionKind.RECOGNISE: (False, False, False, "", ""),
    DecisionKind.CHANGE_POSITION: (False, False, False, "", ""),
    DecisionKind.TERMINATE: (True, False, True, "Lý do bổ sung:", ""),
    DecisionKind.DISSOLVE_TEAM: (False, False, True, "Lý do giải thể:", ""),
    DecisionKind.COMMEND: (False, True, True, "Thành tích:", "Giấy khen"),
    DecisionKind.DISCIPLINE: (False, True, True, "Hành vi vi phạm:", "Khiển trách"),
}


@pytest.mark.parametrize("kind", list(FIELDS))
def test_each_kind_shows_only_its_fields(qtbot, demo, kind):
    ground, measure, reason, label, default = FIELDS[kind]
    dialog = _dialog(qtbot, demo, kind)
    assert _shown(dialog, dialog.ground_label, dialog.ground_combo) == [ground, ground]
    assert _shown(dialog, dialog.measure_label, dialog.measure_edit) == [measure, measure]
    assert _shown(dialog, dialog.reason_label, dialog.reason_edit) == [reason, reason]
    if reason:
        assert dialog.reason_label.text() == label and dialog.reason_edit.placeholderText()
    assert dialog.measure_edit.currentText() == default          # never blank for khen thưởng / kỷ luật
    assert dialog.draft().measure == default


def test_switching_the_kind_switches_the_fields(qtbot, demo):
    dialog = _dialog(qtbot, demo, DecisionKind.ESTABLISH_TEAM)
    assert not dialog.reason_edit.isVisibleTo(dialog)
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData(DecisionKind.DISCIPLINE))
    assert dialog.measure_edit.isVisibleTo(dialog) and dialog.measure_edit.currentText() == "Khiển trách"
    assert dialog.reason_label.text() == "Hành vi vi phạm:" and not dialog.ground_combo.isVisibleTo(dialog)
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData(DecisionKind.TERMINATE))
    assert dialog.ground_combo.isVisibleTo(dialog) and not dialog.measure_edit.isVisibleTo(dialog)
    assert dialog.draft().measure == ""


def test_a_saved_measure_comes_back_when_the_draft_is_edited(qtbot, demo):
    from antt_desktop.domain.decisions import DecisionDraft, DecisionLine

    active = next(r for r in demo.members.list_rows() if r.status is MemberStatus.ACTIVE)
    saved = demo.decisions.create_draft(DecisionDraft(DecisionKind.DISCIPLINE, lines=(DecisionLine(active.id),),
                                                    measure="Cảnh cáo", reason="bỏ trực"))
    dialog = DecisionDialog(demo, saved.kind, decision=saved)
    qtbot.addWidget(dialog)
    assert dialog.measure_edit.currentText() == "Cảnh cáo" and dialog.reason_edit.text() == "bỏ trực"


def _hamlet_items(dialog):
    items = [dialog.hamlets_list.item(i) for i in range(dialog.hamlets_list.count())]
    return {item.data(Qt.ItemDataRole.UserRole): item for item in items}


def test_establishing_offers_only_hamlets_without_a_team(qtbot, demo):
    new = demo.hamlets.create(HamletDraft(name="Thôn Mới"))
    dialog = _dialog(qtbot, demo, DecisionKind.ESTABLISH_TEAM)
    items = _hamlet_items(dialog)
    first = dialog.hamlets_list.item(0)
    assert first.data(Qt.ItemDataRole.UserRole) == new.id and first.text() == "Thôn Mới"
    assert first.flags() & Qt.ItemFlag.ItemIsUserCheckable and first.flags() & Qt.ItemFlag.ItemIsEnabled
    taken = [item for hamlet_id, item in items.items() if hamlet_id != new.id]
    assert len(taken) == 7
    for item in taken:
        assert item.text().endswith(" (đã có tổ)") and "  " not in item.text()
        assert not item.flags() & Qt.ItemFlag.ItemIsUserCheckable
        assert not item.flags() & Qt.ItemFlag.ItemIsEnabled
    first.setCheckState(Qt.CheckState.Checked)
    assert [t.hamlet_id for t in dialog.draft().new_teams] == [new.id]


def test_establishing_says_when_every_hamlet_has_a_team(qtbot, demo):
    dialog = _dialog(qtbot, demo, DecisionKind.ESTABLISH_TEAM)
    assert "đều đã có tổ" in dialog.hint_label.text()


def test_recognition_does_not_offer_members_who_have_left(qtbot, demo):
    rows = demo.members.list_rows()
    left = next(r for r in rows if r.status is MemberStatus.LEFT)
    proposed = {r.id for r in rows if r.status is MemberStatus.PROPOSED}
    dialog = _dialog(qtbot, demo, DecisionKind.RECOGNISE)
    offered = {r.id for r in dialog._member_rows}
    assert offered == proposed and left.id not in offered
    with pytest.raises(KeyError):
        dialog.check_member(left.id)
    table = dialog.members_table
    assert not table.isColumnHidden(6) and table.horizontalHeaderItem(6).text() == "Tình trạng"
    assert {table.item(i, 6).text() for i in range(table.rowCount())} == {"Đề nghị công nhận"}

    # Coming back after leaving stays possible, on request, with the status in view.
    assert dialog.rejoin_check.isVisibleTo(dialog)
    dialog.rejoin_check.setChecked(True)
    index = next(i for i, r in enumerate(dialog._member_rows) if r.id == left.id)
    assert table.item(index, 6).text() == "Đã thôi tham gia"


def test_the_status_column_and_rejoin_box_are_for_recognition_only(qtbot, demo):
    dialog = _dialog(qtbot, demo, DecisionKind.COMMEND)
    assert dialog.members_table.isColumnHidden(6) and not dialog.rejoin_check.isVisibleTo(dialog)
    assert all(r.status is MemberStatus.ACTIVE for r in dialog._member_rows)


def test_the_dialog_fits_the_screen(qtbot, demo):
    dialog = _dialog(qtbot, demo, DecisionKind.RECOGNISE)
    available = (dialog.screen() or QGuiApplication.primaryScreen()).availableGeometry()
    assert dialog.width() <= available.width() * 0.9 and dialog.height() <= available.height() * 0.9
