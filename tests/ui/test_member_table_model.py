"""The member list model: Qt's model rules (qtmodeltester), then what each cell shows."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import Qt

from antt_desktop.domain.people import MemberStatus, Position
from antt_desktop.ui.members.member_table_model import Column, MemberTableModel, RowRole, sort_key

TODAY = date(2026, 11, 22)


def test_the_model_follows_qts_rules(qtmodeltester, demo):
    model = MemberTableModel(today=TODAY)
    model.set_rows(demo.members.list_rows())
    qtmodeltester.check(model, force_py=True)
    model.set_rows([])
    qtmodeltester.check(model, force_py=True)


def test_cells_show_the_member_in_vietnamese(demo):
    rows = demo.members.list_rows()
    model = MemberTableModel(today=TODAY, unit_names={"DEMO-TANPHU": "Xã Tân Phú"})
    model.set_rows(rows)
    leader = next(number for number, row in enumerate(rows) if row.position is Position.LEADER)
    cell = lambda column: model.data(model.index(leader, column))  # noqa: E731
    assert cell(Column.NAME) == rows[leader].full_name
    assert cell(Column.POSITION) == "Tổ trưởng"
    assert cell(Column.STATUS) == "Đang tham gia"
    assert cell(Column.GENDER) in ("Nam", "Nữ")
    assert cell(Column.BIRTH).count("/") == 2
    assert cell(Column.UNIT) == "Xã Tân Phú"
    assert model.data(model.index(leader, Column.NAME), RowRole) is rows[leader]
    assert model.headerData(Column.BHYT, Qt.Orientation.Horizontal) == "BHYT đến"


def test_an_expired_card_is_red_and_says_why(demo):
    row = replace(demo.members.list_rows()[0], bhyt_valid_to=date(2025, 12, 31), status=MemberStatus.ACTIVE)
    model = MemberTableModel(today=TODAY)
    model.set_rows([row, replace(row, bhyt_valid_to=None)])
    index = model.index(0, Column.BHYT)
    assert model.data(index) == "31/12/2025"
    assert model.data(index, Qt.ItemDataRole.ForegroundRole).color().name() == "#b3261e"
    assert "hết hạn" in model.data(index, Qt.ItemDataRole.ToolTipRole)
    assert model.data(model.index(1, Column.BHYT)) == "Chưa có"


def test_each_column_sorts_with_ties_in_name_order(demo):
    rows = demo.members.list_rows()
    for column in Column:
        ordered = sorted(rows, key=sort_key(column, {}))
        assert len(ordered) == len(rows)
    by_position = sorted(rows, key=sort_key(Column.POSITION, {}))
    assert by_position[0].position is Position.LEADER
    leaders = [r for r in by_position if r.position is Position.LEADER]
    assert leaders == sorted(leaders, key=lambda r: r.sort_key)


def test_a_long_list_is_given_to_the_view_in_batches(qtmodeltester, demo):
    from antt_desktop.ui.members.member_table_model import FETCH_BATCH

    rows = demo.members.list_rows()
    many = [replace(rows[i % len(rows)], id=f"m{i}") for i in range(FETCH_BATCH * 2 + 7)]
    model = MemberTableModel(today=TODAY)
    model.set_rows(many)
    assert model.rowCount() == FETCH_BATCH and model.total() == len(many) and model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == FETCH_BATCH * 2
    assert model.row_of("m1005") == 1005 and model.rowCount() == 1006    # selecting one fetches it
    qtmodeltester.check(model, force_py=True)
    model.set_rows(many[:3])
    assert model.rowCount() == 3 and not model.canFetchMore()
