"""Qt table models of the payroll screen: the sheet, the editable duty grid, the insurance list."""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from antt_desktop.documents.payroll_sheet import PayrollSheet, SheetRow
from antt_desktop.domain.dates import format_vn_date
from antt_desktop.domain.insurance import ALERT_LABELS, BHYT_COVERAGE_LABELS, BhytCoverage, InsuranceAlertKind
from antt_desktop.domain.money import format_amount
from antt_desktop.domain.payroll import DUTY_FIELD_LABELS, DUTY_FIELDS, DutyCounts, PayrollLine, RunKind
from antt_desktop.domain.people import POSITION_LABELS

RowRole = Qt.ItemDataRole.UserRole + 1
_GROUP = QBrush(QColor("#EDEDED"))
_WARN = QBrush(QColor("#B00020"))
_SOON = QBrush(QColor("#8A5A00"))


def _bold() -> QFont:
    font = QFont()
    font.setBold(True)
    return font


class PayrollSheetModel(QAbstractTableModel):
    """The run as the sheet prints it: team rows, lines, team subtotals and the total."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._sheet: PayrollSheet | None = None
        self._rows: list[SheetRow] = []

    def set_run(self, kind: RunKind | None, lines: list[PayrollLine]) -> None:
        self.beginResetModel()
        if kind is None:
            self._sheet, self._rows = None, []
        else:
            self._sheet = PayrollSheet(None, "", kind, lines)
            self._rows = list(self._sheet.rows())
        self.endResetModel()

    def row_at(self, row: int) -> SheetRow:
        return self._rows[row]

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 (Qt override)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() or self._sheet is None else len(self._sheet.columns) - 1   # no "Ký nhận"

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = self._sheet.columns[index.column()]
        value = row.values[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if value is None or value == "":
                return ""
            return format_amount(value) if column.is_money else str(value)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column.is_money:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if index.column() in (0, 5):
                return int(Qt.AlignmentFlag.AlignCenter)
            return None
        if role == Qt.ItemDataRole.FontRole and row.kind != "line":
            return _bold()
        if role == Qt.ItemDataRole.BackgroundRole and row.kind in ("team", "total"):
            return _GROUP
        if role == RowRole:
            return row
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal and self._sheet:
            return self._sheet.columns[section].title
        return None


class DutyColumn(IntEnum):
    NAME = 0
    TEAM = 1
    POSITION = 2
    DAYS = 3
    FIRST_COUNT = 4


class DutyGridModel(QAbstractTableModel):
    """The month's duty log, one member a row; the count cells are editable (0 … days of month)."""

    changed = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows = []
        self._edited: dict[str, dict[str, int]] = {}
        self._maximum = 31
        self._read_only = False

    def set_rows(self, rows, *, days_in_month: int, read_only: bool = False) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._edited = {}
        self._maximum = days_in_month
        self._read_only = read_only
        self.endResetModel()

    def changes(self) -> dict[str, DutyCounts]:
        """The members whose counts were edited, with their new counts."""
        result = {}
        for row in self._rows:
            if row.member_id in self._edited:
                values = row.counts.as_dict()
                values.update(self._edited[row.member_id])
                result[row.member_id] = DutyCounts(**values)
        return {k: v for k, v in result.items()
                if v != next(r.counts for r in self._rows if r.member_id == k)}

    def has_changes(self) -> bool:
        return bool(self.changes())

    def _value(self, row, field: str) -> int:
        return self._edited.get(row.member_id, {}).get(field, getattr(row.counts, field))

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else DutyColumn.FIRST_COUNT + len(DUTY_FIELDS)

    def flags(self, index):
        flags = super().flags(index)
        if index.isValid() and index.column() >= DutyColumn.FIRST_COUNT and not self._read_only:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column == DutyColumn.NAME:
                return row.full_name
            if column == DutyColumn.TEAM:
                return row.team_name
            if column == DutyColumn.POSITION:
                return POSITION_LABELS[row.position]
            if column == DutyColumn.DAYS:
                return str(row.days_active)
            value = self._value(row, DUTY_FIELDS[column - DutyColumn.FIRST_COUNT])
            if role == Qt.ItemDataRole.EditRole:
                return value
            return str(value) if value else ""
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= DutyColumn.DAYS:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.FontRole and column >= DutyColumn.FIRST_COUNT \
                and row.member_id in self._edited:
            field = DUTY_FIELDS[column - DutyColumn.FIRST_COUNT]
            if field in self._edited[row.member_id]:
                return _bold()
        if role == RowRole:
            return row
        return None

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or index.column() < DutyColumn.FIRST_COUNT:
            return False
        if self._read_only:
            return False
        text = str(value).strip() if value is not None else ""
        if text == "":
            number = 0
        elif text.isdigit():
            number = int(text)
        else:
            return False
        if not 0 <= number <= self._maximum:
            return False
        row = self._rows[index.row()]
        self._edited.setdefault(row.member_id, {})[DUTY_FIELDS[index.column() - DutyColumn.FIRST_COUNT]] = number
        self.dataChanged.emit(index, index)
        self.changed.emit()
        return True

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            fixed = {DutyColumn.NAME: "Họ và tên", DutyColumn.TEAM: "Tổ", DutyColumn.POSITION: "Chức danh",
                     DutyColumn.DAYS: "Ngày giữ chức danh"}
            if section in fixed:
                return fixed[DutyColumn(section)]
            return DUTY_FIELD_LABELS[DUTY_FIELDS[section - DutyColumn.FIRST_COUNT]]
        return None


class InsuranceColumn(IntEnum):
    NAME = 0
    HAMLET = 1
    POSITION = 2
    COVERAGE = 3
    CARD = 4
    VALID_TO = 5
    ALERT = 6
    BHXH = 7
    INCOME = 8


INSURANCE_HEADERS = {
    InsuranceColumn.NAME: "Họ và tên", InsuranceColumn.HAMLET: "Thôn/Tổ", InsuranceColumn.POSITION: "Chức danh",
    InsuranceColumn.COVERAGE: "BHYT", InsuranceColumn.CARD: "Mã thẻ BHYT", InsuranceColumn.VALID_TO: "Hạn thẻ",
    InsuranceColumn.ALERT: "Cần xử lý", InsuranceColumn.BHXH: "BHXH tự nguyện",
    InsuranceColumn.INCOME: "Thu nhập chọn đóng",
}


class InsuranceModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows = []

    def set_rows(self, rows) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(InsuranceColumn)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        record, alert = row.record, row.alert
        column = InsuranceColumn(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            if column is InsuranceColumn.NAME:
                return row.full_name
            if column is InsuranceColumn.HAMLET:
                return row.hamlet_name
            if column is InsuranceColumn.POSITION:
                return POSITION_LABELS[row.position]
            if column is InsuranceColumn.COVERAGE:
                return BHYT_COVERAGE_LABELS[record.bhyt_coverage if record else BhytCoverage.NONE]
            if column is InsuranceColumn.CARD:
                return record.bhyt_card_number if record else ""
            if column is InsuranceColumn.VALID_TO:
                return format_vn_date(record.bhyt_valid_to) if record else ""
            if column is InsuranceColumn.ALERT:
                if alert is None:
                    return ""
                if alert.kind is InsuranceAlertKind.EXPIRING:
                    return f"{ALERT_LABELS[alert.kind]} (còn {alert.days_left} ngày)"
                return ALERT_LABELS[alert.kind]
            if column is InsuranceColumn.BHXH:
                return "Có tham gia" if record and record.bhxh_participating else ""
            if column is InsuranceColumn.INCOME:
                return format_amount(record.bhxh_income_dong) if record and record.bhxh_income_dong else ""
        if role == Qt.ItemDataRole.ForegroundRole and column is InsuranceColumn.ALERT and alert is not None:
            return _SOON if alert.kind is InsuranceAlertKind.EXPIRING else _WARN
        if role == Qt.ItemDataRole.TextAlignmentRole and column is InsuranceColumn.INCOME:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == RowRole:
            return row
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return INSURANCE_HEADERS[InsuranceColumn(section)]
        return None
