"""The member list as a Qt table model over frozen MemberListRow records."""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from antt_desktop.domain.dates import format_vn_date
from antt_desktop.domain.members import MemberListRow
from antt_desktop.domain.people import GENDER_LABELS, POSITION_LABELS, STATUS_LABELS

RowRole = Qt.ItemDataRole.UserRole + 1


class Column(IntEnum):
    NAME = 0
    BIRTH = 1
    GENDER = 2
    ID_NUMBER = 3
    HAMLET = 4
    TEAM = 5
    POSITION = 6
    STATUS = 7
    PHONE = 8


HEADERS = {
    Column.NAME: "Họ và tên", Column.BIRTH: "Ngày sinh", Column.GENDER: "Giới tính",
    Column.ID_NUMBER: "Số định danh", Column.HAMLET: "Thôn/Tổ dân phố", Column.TEAM: "Tổ",
    Column.POSITION: "Chức danh", Column.STATUS: "Trạng thái", Column.PHONE: "Điện thoại",
}


def cell_text(row: MemberListRow, column: Column) -> str:
    if column is Column.NAME:
        return row.full_name
    if column is Column.BIRTH:
        return format_vn_date(row.birth_date) if row.birth_date else str(row.birth_year or "")
    if column is Column.GENDER:
        return GENDER_LABELS[row.gender]
    if column is Column.ID_NUMBER:
        return row.id_number or ""
    if column is Column.HAMLET:
        return row.hamlet_name
    if column is Column.TEAM:
        return row.team_name
    if column is Column.POSITION:
        return POSITION_LABELS[row.position] if row.position else ""
    if column is Column.STATUS:
        return STATUS_LABELS[row.status]
    return row.phone or ""


class MemberTableModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[MemberListRow] = []

    def set_rows(self, rows: list[MemberListRow]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 (Qt override)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(Column)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return cell_text(row, Column(index.column()))
        if role == RowRole:
            return row
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return HEADERS[Column(section)]
        return None
