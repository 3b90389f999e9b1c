"""A read-only table model over frozen records, one text function per column (STYLE §7)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

RowRole = Qt.ItemDataRole.UserRole + 1


class RecordTableModel(QAbstractTableModel):
    """`columns` is a sequence of (header, text(record)); RowRole returns the record itself."""

    def __init__(self, columns: Sequence[tuple[str, Callable[[Any], str]]], parent=None,
                 *, tooltip: Callable[[Any], str] | None = None) -> None:
        super().__init__(parent)
        self._columns = tuple(columns)
        self._rows: list = []
        self._tooltip = tooltip

    def set_rows(self, rows: Sequence) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def record(self, row: int):
        return self._rows[row] if 0 <= row < len(self._rows) else None

    @property
    def records(self) -> list:
        return list(self._rows)

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802 (Qt override)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802 (Qt override)
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        record = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._columns[index.column()][1](record)
        if role == RowRole:
            return record
        if role == Qt.ItemDataRole.ToolTipRole and self._tooltip is not None:
            return self._tooltip(record)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 (Qt override)
                   role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            if 0 <= section < len(self._columns):
                return self._columns[section][0]
        return None
