"""Cài đặt › Nhật ký thao tác: who did what and when, before and after; read-only (issue #8)."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from antt_desktop.domain.access import Permission, can
from antt_desktop.domain.audit_trail import AuditFilter
from antt_desktop.domain.errors import DomainError
from antt_desktop.messages import describe
from antt_desktop.messages.audit import ENTITY_LABELS, entity_label, entry_label, field_label, value_label
from antt_desktop.ui.field_notes import FieldNote
from antt_desktop.ui.record_table_model import RecordTableModel

EXPORT_FILTER = "Excel (*.xlsx);;CSV (*.csv)"
ALL_USERS = "Tất cả"
ALL_KINDS = "Mọi loại đối tượng"
SHORT_ID = 8
# The actions on these entities start with another word ("payroll.locked" on a payroll_run).
ACTION_PREFIX = {"payroll_run": "payroll", "policy_version": "policy", "submitted_report": "report",
                 "duty_log": "duty", "unit_key": "keys", "local_settings": "settings"}


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def short_id(entity_id: str | None) -> str:
    """The first characters of a record id (a UUID is 36): enough to tell records apart and to filter."""
    if not entity_id:
        return ""
    return entity_id[:SHORT_ID] + "…" if len(entity_id) > SHORT_ID + 4 and "-" in entity_id else entity_id


def value_text(value) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return "có" if value else "không"
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


class AuditTab(QWidget):
    """Built as AuditTab(services, prompts). There is no way to edit or delete an entry."""

    data_changed = Signal()

    def __init__(self, services, prompts, parent=None, **_options) -> None:
        super().__init__(parent)
        self._services = services
        self._prompts = prompts
        self.can_view = can(services.context.role, Permission.VIEW_AUDIT)
        self._build_layout()
        self._connect_signals()
        self.refresh()

    def _build_layout(self) -> None:
        today = QDate.fromString(self._services.context.today().isoformat(), Qt.DateFormat.ISODate)
        self.user_combo = QComboBox()
        self.from_check = QCheckBox("Từ ngày")
        self.from_edit = QDateEdit(today.addMonths(-1))
        self.to_check = QCheckBox("đến ngày")
        self.to_edit = QDateEdit(today)
        for edit in (self.from_edit, self.to_edit):
            edit.setDisplayFormat("dd/MM/yyyy")
            edit.setCalendarPopup(True)
            edit.setEnabled(False)
        self.record_edit = QLineEdit()
        self.record_edit.setPlaceholderText("mã bản ghi (gõ vài ký tự đầu)")
        self.kind_combo = QComboBox()                  # the entity kind, in Vietnamese, not a code word
        self.kind_combo.addItem(ALL_KINDS, "")
        for entity, label in ENTITY_LABELS.items():
            prefix = f"{ACTION_PREFIX.get(entity, entity)}."
            if self.kind_combo.findData(prefix) < 0:
                self.kind_combo.addItem(_capital(label), prefix)
        self.filter_button = QPushButton("Lọc")
        self.export_button = QPushButton("Xuất ra tệp…")
        filters = QHBoxLayout()
        filters.addWidget(QLabel("Người thực hiện"))
        filters.addWidget(self.user_combo)
        filters.addWidget(self.from_check)
        filters.addWidget(self.from_edit)
        filters.addWidget(self.to_check)
        filters.addWidget(self.to_edit)
        filters.addWidget(self.record_edit, 1)
        filters.addWidget(self.kind_combo)
        filters.addWidget(self.filter_button)
        filters.addWidget(self.export_button)

        self.model = RecordTableModel((
            ("Số", lambda e: str(e.sequence)),
            ("Thời điểm", lambda e: f"{e.at:%d/%m/%Y %H:%M:%S}"),
            ("Người thực hiện", lambda e: e.actor),
            ("Thao tác", entry_label),
            ("Đối tượng", lambda e: _capital(entity_label(e.entity)) if e.entity else ""),
            ("Mã bản ghi", lambda e: short_id(e.entity_id)),
        ), self, tooltip=lambda e: e.action)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.changes_model = RecordTableModel((
            ("Trường", lambda c: field_label(c.field) or "giá trị"),
            ("Trước", lambda c: value_text(c.before)),
            ("Sau", lambda c: value_text(value_label(c.field, c.after))),
        ), self)
        self.changes_table = QTableView()
        self.changes_table.setModel(self.changes_model)
        self.changes_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.changes_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.changes_table.verticalHeader().hide()
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.changes_table)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        self.count_label = QLabel()
        self.chain_label = QLabel()
        self.verify_button = QPushButton("Kiểm tra tính toàn vẹn của nhật ký")
        self.note = FieldNote()
        self.denied_label = QLabel("Tài khoản của bạn không được xem nhật ký thao tác.")
        self.denied_label.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.addWidget(self.denied_label)
        self.content = QWidget()
        content = QVBoxLayout(self.content)
        content.setContentsMargins(0, 0, 0, 0)
        content.addLayout(filters)
        content.addWidget(self.note)
        content.addWidget(splitter, 1)
        status = QHBoxLayout()
        status.addWidget(self.count_label)
        status.addStretch()
        status.addWidget(self.chain_label)
        status.addWidget(self.verify_button)
        content.addLayout(status)
        layout.addWidget(self.content, 1)
        self.content.setVisible(self.can_view)
        self.denied_label.setVisible(not self.can_view)

    def _connect_signals(self) -> None:
        self.filter_button.clicked.connect(self._on_filter_button_clicked)
        self.export_button.clicked.connect(self._on_export_button_clicked)
        self.verify_button.clicked.connect(self._on_verify_button_clicked)
        self.record_edit.returnPressed.connect(self._on_filter_button_clicked)
        self.kind_combo.activated.connect(lambda _index: self._on_filter_button_clicked())
        self.from_check.toggled.connect(self.from_edit.setEnabled)
        self.to_check.toggled.connect(self.to_edit.setEnabled)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_changes())

    # ---- data

    def current_filter(self) -> AuditFilter:
        user = self.user_combo.currentData()
        return AuditFilter(
            actor=user or "",
            from_on=self.from_edit.date().toPython() if self.from_check.isChecked() else None,
            to_on=self.to_edit.date().toPython() if self.to_check.isChecked() else None,
            record=self.record_edit.text().strip().rstrip("…"), action=self.kind_combo.currentData() or "")

    def refresh(self) -> None:
        if not self.can_view:
            return
        chosen = self.user_combo.currentData()
        self.user_combo.blockSignals(True)
        self.user_combo.clear()
        self.user_combo.addItem(ALL_USERS, "")
        for actor in self._services.audit.actors():
            self.user_combo.addItem(actor, actor)
        self.user_combo.setCurrentIndex(max(self.user_combo.findData(chosen or ""), 0))
        self.user_combo.blockSignals(False)
        self._load()

    def _on_verify_button_clicked(self) -> None:
        """The whole chain is read, so only on demand (`antt check` does the same)."""
        broken = self._services.audit.broken_sequences()
        if broken:
            self.chain_label.setText(f"CẢNH BÁO: nhật ký bị sửa ngoài chương trình tại bản ghi số {broken[0]}.")
            self.chain_label.setStyleSheet("color: #b3261e; font-weight: bold;")
        else:
            self.chain_label.setText("Nhật ký nguyên vẹn: không bản ghi nào bị sửa hay xóa.")
            self.chain_label.setStyleSheet("color: #1b6e20;")

    def _load(self) -> None:
        self.note.clear_note()
        try:
            entries = self._services.audit.entries(self.current_filter())
        except DomainError as error:
            self.note.show_error(describe(error))
            return
        self.model.set_rows(entries)
        self.count_label.setText(f"{len(entries)} bản ghi")
        if entries:
            self.table.selectRow(0)
        self._show_changes()

    def selected_entry(self):
        index = self.table.currentIndex()
        return self.model.record(index.row()) if index.isValid() else None

    def _show_changes(self) -> None:
        entry = self.selected_entry()
        self.changes_model.set_rows(self._services.audit.changes(entry) if entry is not None else [])

    # ---- actions

    def _on_filter_button_clicked(self) -> None:
        self._load()

    def _on_export_button_clicked(self) -> None:
        suggested = Path.home() / f"nhat-ky-thao-tac-{self._services.context.today():%Y%m%d}.xlsx"
        out = self._prompts.save_file("Xuất nhật ký thao tác", EXPORT_FILTER, suggested)
        if out is None:
            return
        if out.suffix.lower() not in (".xlsx", ".csv"):
            out = out.with_suffix(".xlsx")
        self.note.clear_note()
        try:
            filters = self.current_filter()
            result = self._services.audit.export(out, AuditFilter(
                actor=filters.actor, from_on=filters.from_on, to_on=filters.to_on,
                record=filters.record, action=filters.action, limit=None))
        except DomainError as error:
            self.note.show_error(describe(error))
            return
        self._load()                      # the export is itself a new entry
        self.note.show_done(f"Đã xuất {result.count} bản ghi ra «{result.path}».")
