"""The member list as a Qt table model over frozen MemberListRow records (STYLE §7)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from enum import IntEnum

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from antt_desktop.domain import vn_text
from antt_desktop.domain.dates import format_vn_date
from antt_desktop.domain.members import MemberListRow
from antt_desktop.domain.people import (
    EDUCATION_LABELS,
    GENDER_LABELS,
    POSITION_LABELS,
    STATUS_LABELS,
    MemberStatus,
    Position,
)

RowRole = int(Qt.ItemDataRole.UserRole.value) + 1
_DISPLAY = int(Qt.ItemDataRole.DisplayRole.value)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole.value)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole.value)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole.value)
_CENTRE = int(Qt.AlignmentFlag.AlignCenter.value)
_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
_NO_FLAGS = Qt.ItemFlag.NoItemFlags


class Column(IntEnum):
    NAME = 0
    BIRTH = 1
    GENDER = 2
    ID_NUMBER = 3
    PHONE = 4
    HAMLET = 5
    TEAM = 6
    POSITION = 7
    STATUS = 8
    BHYT = 9
    EDUCATION = 10
    UNIT = 11


HEADERS = {
    Column.NAME: "Họ và tên", Column.BIRTH: "Ngày sinh", Column.GENDER: "Giới tính",
    Column.ID_NUMBER: "Số định danh", Column.PHONE: "Điện thoại",
    Column.HAMLET: "Thôn/Tổ dân phố", Column.TEAM: "Tổ bảo vệ ANTT", Column.POSITION: "Chức danh",
    Column.STATUS: "Trạng thái", Column.BHYT: "BHYT đến", Column.EDUCATION: "Trình độ",
    Column.UNIT: "Đơn vị",
}
# Shown on first start; the user's own choice is kept in QSettings.
HIDDEN_BY_DEFAULT = frozenset({Column.TEAM, Column.EDUCATION, Column.UNIT})
# Text that sizes each column on first start (no resizeColumnsToContents over 100,000 rows).
WIDTH_SAMPLES = {
    Column.NAME: "Nguyễn Thị Hoàng Phương Anh", Column.BIRTH: "00/00/0000", Column.GENDER: "Giới tính",
    Column.ID_NUMBER: "000000000000", Column.PHONE: "0000000000", Column.HAMLET: "Làng Kon Chrăh 00",
    Column.TEAM: "Tổ bảo vệ ANTT Thôn Đông", Column.POSITION: "Tổ trưởng",
    Column.STATUS: "Đề nghị công nhận", Column.BHYT: "00/00/0000",
    Column.EDUCATION: "Trung học phổ thông", Column.UNIT: "Xã Ia Hrú 0000",
}
_CENTRED = frozenset(int(c) for c in (Column.BIRTH, Column.GENDER, Column.ID_NUMBER, Column.PHONE, Column.BHYT))
_MUTED = QBrush(QColor("#6b6b6b"))
_EXPIRED = QBrush(QColor("#b3261e"))
_POSITION_ORDER = {Position.LEADER: 0, Position.DEPUTY: 1, Position.MEMBER: 2, None: 3}
_STATUS_ORDER = {MemberStatus.ACTIVE: 0, MemberStatus.PROPOSED: 1, MemberStatus.LEFT: 2}


def _birth_text(row: MemberListRow) -> str:
    return format_vn_date(row.birth_date) if row.birth_date else str(row.birth_year or "")


def _birth_key(row: MemberListRow) -> date:
    return row.birth_date or (date(row.birth_year, 7, 1) if row.birth_year else date.min)


def cell_texts(unit_names: Mapping[str, str]) -> dict[Column, Callable[[MemberListRow], str]]:
    return {
        Column.NAME: lambda r: r.full_name,
        Column.BIRTH: _birth_text,
        Column.GENDER: lambda r: GENDER_LABELS[r.gender],
        Column.ID_NUMBER: lambda r: r.id_number or "",
        Column.PHONE: lambda r: r.phone or "",
        Column.HAMLET: lambda r: r.hamlet_name,
        Column.TEAM: lambda r: r.team_name,
        Column.POSITION: lambda r: POSITION_LABELS[r.position] if r.position else "",
        Column.STATUS: lambda r: STATUS_LABELS[r.status],
        Column.BHYT: lambda r: format_vn_date(r.bhyt_valid_to) if r.bhyt_valid_to else "Chưa có",
        Column.EDUCATION: lambda r: EDUCATION_LABELS[r.education_level] if r.education_level else "",
        Column.UNIT: lambda r: unit_names.get(r.unit_code, r.unit_code),
    }


def sort_key(column: Column, unit_names: Mapping[str, str]) -> Callable[[MemberListRow], object]:
    """What a click on the column's header sorts by; ties keep Vietnamese name order."""
    return {
        Column.NAME: lambda r: r.sort_key,
        Column.BIRTH: lambda r: (_birth_key(r), r.sort_key),
        Column.GENDER: lambda r: (r.gender.value, r.sort_key),
        Column.ID_NUMBER: lambda r: (r.id_number or "~", r.sort_key),
        Column.PHONE: lambda r: (r.phone or "~", r.sort_key),
        Column.HAMLET: lambda r: (vn_text.natural_key(r.hamlet_name), r.sort_key),
        Column.TEAM: lambda r: (vn_text.natural_key(r.team_name), r.sort_key),
        Column.POSITION: lambda r: (_POSITION_ORDER[r.position], r.sort_key),
        Column.STATUS: lambda r: (_STATUS_ORDER[r.status], r.sort_key),
        Column.BHYT: lambda r: (r.bhyt_valid_to or date.min, r.sort_key),
        Column.EDUCATION: lambda r: (r.education_level.rank if r.education_level else -1, r.sort_key),
        Column.UNIT: lambda r: (vn_text.natural_key(unit_names.get(r.unit_code, r.unit_code)), r.sort_key),
    }[column]


FETCH_BATCH = 500


class MemberTableModel(QAbstractTableModel):
    """Read-only rows; `set_rows` replaces them all with one model reset.

    The view is given the rows FETCH_BATCH at a time (canFetchMore/fetchMore, as it scrolls):
    a QTableView's reset costs time in proportion to its row count (its vertical header
    keeps one record per row, ~16 ms at 98,000 rows), which a keystroke should not pay.
    """

    def __init__(self, parent=None, *, today: date | None = None,
                 unit_names: Mapping[str, str] | None = None) -> None:
        super().__init__(parent)
        self._rows: list[MemberListRow] = []
        self._fetched = 0
        self._today = today or date.today()
        self._unit_names = dict(unit_names or {})
        self._texts = cell_texts(self._unit_names)
        self._by_column = [self._texts[column] for column in Column]

    def set_rows(self, rows: list[MemberListRow]) -> None:
        self.beginResetModel()
        self._rows = rows
        self._fetched = min(len(rows), FETCH_BATCH)
        self.endResetModel()

    def total(self) -> int:
        """How many rows the model holds (the view may have been given fewer so far)."""
        return len(self._rows)

    def canFetchMore(self, parent=QModelIndex()) -> bool:  # noqa: N802 (Qt override)
        return not parent.isValid() and self._fetched < len(self._rows)

    def fetchMore(self, parent=QModelIndex()) -> None:  # noqa: N802 (Qt override)
        if not parent.isValid():
            self.fetch_to(min(self._fetched + FETCH_BATCH, len(self._rows)) - 1)

    def fetch_to(self, row: int) -> None:
        """Give the view every row up to `row`."""
        if row < self._fetched or row >= len(self._rows):
            return
        self.beginInsertRows(QModelIndex(), self._fetched, row)
        self._fetched = row + 1
        self.endInsertRows()

    def set_unit_names(self, unit_names: Mapping[str, str]) -> None:
        self._unit_names.clear()
        self._unit_names.update(unit_names)

    def set_today(self, today: date) -> None:
        self._today = today

    def rows(self) -> list[MemberListRow]:
        return self._rows

    def row_at(self, row: int) -> MemberListRow:
        return self._rows[row]

    def row_of(self, member_id: str) -> int:
        """The row showing `member_id` (given to the view if it was not yet), or -1."""
        for number, row in enumerate(self._rows):
            if row.id == member_id:
                self.fetch_to(number)
                return number
        return -1

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 (Qt override)
        return 0 if parent.isValid() else self._fetched

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(Column)

    def data(self, index, role=0):
        # Called ~7 times per visible cell per paint (display, alignment, colours…): plain
        # int comparisons, the common roles first (PySide passes the role as an int).
        if not index.isValid():
            return None
        if role == _DISPLAY:
            return self._by_column[index.column()](self._rows[index.row()])
        if role == _ALIGNMENT:
            return _CENTRE if index.column() in _CENTRED else None
        if role == _FOREGROUND:
            row = self._rows[index.row()]
            if row.status is MemberStatus.LEFT:
                return _MUTED
            if index.column() == Column.BHYT and (row.bhyt_valid_to is None or row.bhyt_valid_to < self._today):
                return _EXPIRED
            return None
        if role == RowRole:
            return self._rows[index.row()]
        if role == _TOOLTIP and index.column() == Column.BHYT:
            row = self._rows[index.row()]
            if row.bhyt_valid_to is None:
                return "Chưa có thẻ BHYT"
            if row.bhyt_valid_to < self._today:
                return f"Thẻ BHYT hết hạn từ {format_vn_date(row.bhyt_valid_to)}"
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(Column):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[Column(section)]
        return None

    def flags(self, index):
        return _FLAGS if index.isValid() else _NO_FLAGS
