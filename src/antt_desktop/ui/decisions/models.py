"""Qt table models over decisions and the certificate register (frozen dataclasses)."""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from antt_desktop.domain.certificates import STATUS_LABELS as CERTIFICATE_STATUS_LABELS
from antt_desktop.domain.dates import format_vn_date
from antt_desktop.domain.decisions import KIND_LABELS, STATE_LABELS, Decision, summary_of

RowRole = Qt.ItemDataRole.UserRole + 1


class DecisionColumn(IntEnum):
    NUMBER = 0
    SIGNED = 1
    KIND = 2
    TITLE = 3
    PEOPLE = 4
    STATE = 5


DECISION_HEADERS = {
    DecisionColumn.NUMBER: "Số", DecisionColumn.SIGNED: "Ngày ký", DecisionColumn.KIND: "Loại",
    DecisionColumn.TITLE: "Trích yếu", DecisionColumn.PEOPLE: "Số người", DecisionColumn.STATE: "Trạng thái",
}


def decision_cell(decision: Decision, column: DecisionColumn) -> str:
    if column is DecisionColumn.NUMBER:
        return decision.number or "(dự thảo)"
    if column is DecisionColumn.SIGNED:
        return format_vn_date(decision.signed_on)
    if column is DecisionColumn.KIND:
        return KIND_LABELS[decision.kind]
    if column is DecisionColumn.TITLE:
        return summary_of(decision.title)
    if column is DecisionColumn.PEOPLE:
        return str(len(decision.lines)) if decision.lines else ""
    return STATE_LABELS[decision.state]


class _RowsModel(QAbstractTableModel):
    headers: dict = {}
    columns: type[IntEnum]

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list = []

    def set_rows(self, rows: list) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row(self, index: int):
        return self._rows[index]

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 (Qt override)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.cell(row, self.columns(index.column()))
        if role == RowRole:
            return row
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[self.columns(section)]
        return None

    def cell(self, row, column) -> str:
        raise NotImplementedError


class DecisionTableModel(_RowsModel):
    headers = DECISION_HEADERS
    columns = DecisionColumn

    def cell(self, row: Decision, column: DecisionColumn) -> str:
        return decision_cell(row, column)


class RegisterColumn(IntEnum):
    NUMBER = 0
    NAME = 1
    TEAM = 2
    ISSUED = 3
    VALID_UNTIL = 4
    STATUS = 5


REGISTER_HEADERS = {
    RegisterColumn.NUMBER: "Số giấy", RegisterColumn.NAME: "Họ và tên", RegisterColumn.TEAM: "Tổ",
    RegisterColumn.ISSUED: "Ngày cấp", RegisterColumn.VALID_UNTIL: "Có giá trị đến",
    RegisterColumn.STATUS: "Tình trạng",
}


class RegisterTableModel(_RowsModel):
    """Rows are services.certificates.RegisterLine."""

    headers = REGISTER_HEADERS
    columns = RegisterColumn

    def cell(self, row, column: RegisterColumn) -> str:
        certificate = row.certificate
        if column is RegisterColumn.NUMBER:
            return certificate.number
        if column is RegisterColumn.NAME:
            return row.member_name
        if column is RegisterColumn.TEAM:
            return row.team_name
        if column is RegisterColumn.ISSUED:
            return format_vn_date(certificate.issued_on)
        if column is RegisterColumn.VALID_UNTIL:
            return format_vn_date(certificate.valid_until) if certificate.valid_until else "Không thời hạn"
        status = CERTIFICATE_STATUS_LABELS[row.status]
        return f"{status}: {certificate.revoke_reason}" if certificate.revoke_reason else status
