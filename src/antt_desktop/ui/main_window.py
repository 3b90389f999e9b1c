"""The main window: the member list with search as you type, and a status bar."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from antt_desktop.services.members import filter_rows
from antt_desktop.ui.members.member_table_model import MemberTableModel


class MainWindow(QMainWindow):
    def __init__(self, services, parent=None) -> None:
        super().__init__(parent)
        self._services = services
        self._all_rows = []
        unit = services.units.own_unit()
        self.setWindowTitle(f"ANTT Desktop — {unit.name if unit else ''}")
        self.resize(1200, 720)
        self._build_layout()
        self._connect_signals()
        self.reload_members()
        if unit is not None:
            self.statusBar().addWidget(QLabel(
                f"Đơn vị: {unit.name} ({unit.code}) — {unit.province_name}   |   "
                f"Người dùng: {services.context.actor}"))

    def _build_layout(self) -> None:
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText("Tìm theo họ tên, số định danh, số điện thoại (gõ không dấu cũng được)")
        self.search_edit.setClearButtonEnabled(True)
        self.model = MemberTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.verticalHeader().setDefaultSectionSize(24)  # fixed row heights: smooth on 100,000 rows
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.count_label = QLabel()
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addWidget(self.search_edit)
        layout.addWidget(self.table)
        layout.addWidget(self.count_label)
        self.setCentralWidget(central)

    def _connect_signals(self) -> None:
        self.search_edit.textChanged.connect(self._on_search_edit_text_changed)

    def reload_members(self) -> None:
        self._all_rows = self._services.members.list_rows()
        self._apply_filter()

    def _on_search_edit_text_changed(self, _text: str) -> None:
        self._apply_filter()

    def _apply_filter(self) -> None:
        rows = filter_rows(self._all_rows, self.search_edit.text())
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents() if len(rows) < 2000 else None
        self.count_label.setText(f"{len(rows)} / {len(self._all_rows)} thành viên")

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        self._services.close()
        super().closeEvent(event)
