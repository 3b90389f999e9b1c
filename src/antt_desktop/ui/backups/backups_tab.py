"""Cài đặt › Sao lưu & phục hồi: back up now or to a stick, the list with a preview, restore.

Restoring first copies the current state into the backup folder, so it can be undone from
this same list («Trước khi phục hồi»). Retention of the automatic copies is set here too.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from antt_desktop.domain.access import Permission, can
from antt_desktop.domain.backup_retention import RETENTION_BOUNDS, RetentionPolicy, reason_label
from antt_desktop.domain.dates import format_vn_date
from antt_desktop.domain.errors import DomainError
from antt_desktop.messages import describe
from antt_desktop.messages.accounts import location_warning_text
from antt_desktop.ui.field_notes import FieldNote
from antt_desktop.ui.record_table_model import RecordTableModel

BACKUP_FILTER = "Bản sao lưu ANTT (*.sqlite);;Mọi tệp (*)"


def when_text(moment) -> str:
    return f"{format_vn_date(moment.date())} {moment:%H:%M}" if moment else "không rõ"


def size_text(size_bytes: int) -> str:
    return f"{size_bytes / 1024 / 1024:.1f} MB"


def preview_text(preview) -> str:
    counts = preview.counts
    lines = [f"<b>Thời điểm:</b> {when_text(preview.taken_at)}"
             + (f" ({reason_label(preview.reason)})" if preview.reason else ""),
             f"<b>Đơn vị:</b> {preview.unit_name or 'chưa khai báo'}",
             f"<b>Gồm:</b> {counts.get('members', 0)} thành viên, {counts.get('teams', 0)} tổ, "
             f"{counts.get('hamlets', 0)} thôn/tổ dân phố, {counts.get('decisions', 0)} quyết định, "
             f"{counts.get('users', 0)} tài khoản, {counts.get('audit_events', 0)} bản ghi nhật ký",
             f"<b>Dung lượng:</b> {size_text(preview.size_bytes)}"]
    if preview.is_sound:
        lines.append("<span style='color:#1b6e20'>Tệp sao lưu nguyên vẹn.</span>")
    else:
        lines.append("<span style='color:#b3261e'>Tệp sao lưu bị hỏng, không phục hồi được: "
                     + "; ".join(preview.problems[:3]) + "</span>")
    return "<br>".join(lines)


class BackupsTab(QWidget):
    """Built as BackupsTab(services, prompts)."""

    data_changed = Signal()
    restored = Signal(object)       # RestoreResult: every page must reload

    def __init__(self, services, prompts, parent=None, **_options) -> None:
        super().__init__(parent)
        self._services = services
        self._prompts = prompts
        self.can_back_up = can(services.context.role, Permission.BACKUP_RESTORE)
        self._build_layout()
        self._connect_signals()
        self.refresh()

    def _build_layout(self) -> None:
        self.warning_label = QLabel()
        self.warning_label.setWordWrap(True)
        self.warning_label.setStyleSheet("color: #8a5a00; font-weight: bold;")
        self.warning_label.hide()
        self.last_label = QLabel()
        self.folder_label = QLabel()
        self.folder_label.setWordWrap(True)
        self.folder_label.setStyleSheet("color: #555;")
        self.back_up_button = QPushButton("Sao lưu ngay")
        self.back_up_to_button = QPushButton("Sao lưu vào thư mục hoặc USB…")
        top = QHBoxLayout()
        top.addWidget(self.back_up_button)
        top.addWidget(self.back_up_to_button)
        top.addStretch()

        self.model = RecordTableModel((
            ("Thời điểm", lambda f: when_text(f.taken_at)),
            ("Lý do", lambda f: reason_label(f.reason)),
            ("Dung lượng", lambda f: size_text(f.size_bytes)),
            ("Tệp", lambda f: f.path.name),
        ), self, tooltip=lambda f: str(f.path))
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.preview_label = QLabel("Chọn một bản sao lưu để xem nội dung.")
        self.preview_label.setWordWrap(True)
        self.restore_button = QPushButton("Phục hồi bản đã chọn…")
        self.restore_file_button = QPushButton("Phục hồi từ tệp khác…")
        restore_row = QHBoxLayout()
        restore_row.addWidget(self.restore_button)
        restore_row.addWidget(self.restore_file_button)
        restore_row.addStretch()
        self.note = FieldNote()

        list_box = QGroupBox("Các bản sao lưu tự động và thủ công")
        list_layout = QVBoxLayout(list_box)
        list_layout.addWidget(self.folder_label)
        list_layout.addWidget(self.table, 1)
        list_layout.addWidget(self.preview_label)
        list_layout.addLayout(restore_row)

        self.daily_spin = QSpinBox()
        self.daily_spin.setRange(*RETENTION_BOUNDS["daily"])
        self.weekly_spin = QSpinBox()
        self.weekly_spin.setRange(*RETENTION_BOUNDS["weekly"])
        self.monthly_spin = QSpinBox()
        self.monthly_spin.setRange(*RETENTION_BOUNDS["monthly"])
        self.save_retention_button = QPushButton("Lưu cách giữ bản sao lưu")
        retention_box = QGroupBox("Giữ lại bản sao lưu tự động (khi mở, khi đóng, trước khi nhập)")
        form = QFormLayout(retention_box)
        form.addRow("Số ngày gần nhất (mỗi ngày một bản)", self.daily_spin)
        form.addRow("Số tuần gần nhất (mỗi tuần một bản)", self.weekly_spin)
        form.addRow("Số tháng gần nhất (mỗi tháng một bản)", self.monthly_spin)
        form.addRow("", self.save_retention_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.warning_label)
        layout.addWidget(self.last_label)
        layout.addLayout(top)
        layout.addWidget(self.note)
        layout.addWidget(list_box, 1)
        layout.addWidget(retention_box)
        for widget in (self.back_up_button, self.back_up_to_button, self.restore_button,
                       self.restore_file_button, self.save_retention_button):
            widget.setEnabled(self.can_back_up)

    def _connect_signals(self) -> None:
        self.back_up_button.clicked.connect(self._on_back_up_button_clicked)
        self.back_up_to_button.clicked.connect(self._on_back_up_to_button_clicked)
        self.restore_button.clicked.connect(self._on_restore_button_clicked)
        self.restore_file_button.clicked.connect(self._on_restore_file_button_clicked)
        self.save_retention_button.clicked.connect(self._on_save_retention_button_clicked)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_preview())

    # ---- data

    def refresh(self) -> None:
        backups = self._services.backups
        warning = backups.location_warning()
        self.warning_label.setVisible(warning is not None)
        if warning is not None:
            self.warning_label.setText(location_warning_text(warning))
        last = backups.last_backup_at()
        self.last_label.setText(f"Sao lưu gần nhất: {when_text(last)}" if last else "Chưa có bản sao lưu nào.")
        folder = getattr(backups, "folder", None)
        self.folder_label.setText(f"Thư mục: {folder}" if folder else "")
        self.model.set_rows(backups.list())
        policy = backups.retention()
        self.daily_spin.setValue(policy.daily)
        self.weekly_spin.setValue(policy.weekly)
        self.monthly_spin.setValue(policy.monthly)
        self._show_preview()

    def selected_backup(self):
        index = self.table.currentIndex()
        return self.model.record(index.row()) if index.isValid() else None

    def _show_preview(self) -> None:
        chosen = self.selected_backup()
        self.restore_button.setEnabled(self.can_back_up and chosen is not None)
        if chosen is None:
            self.preview_label.setText("Chọn một bản sao lưu để xem nội dung.")
            return
        if not self.can_back_up:
            self.preview_label.setText("")
            return
        try:
            self.preview_label.setText(preview_text(self._services.backups.preview(chosen.path)))
        except DomainError as error:
            self.preview_label.setText(describe(error))

    # ---- actions

    def _on_back_up_button_clicked(self) -> None:
        self._back_up(None)

    def _on_back_up_to_button_clicked(self) -> None:
        folder = self._prompts.choose_folder("Chọn thư mục hoặc USB để sao lưu")
        if folder is not None:
            self._back_up(folder)

    def _back_up(self, folder: Path | None) -> None:
        self.note.clear_note()
        try:
            path = self._services.backups.back_up_now(folder)
        except DomainError as error:
            self.note.show_error(describe(error))
            return
        self.refresh()
        self.note.show_done(f"Đã sao lưu vào «{path}».")
        self.data_changed.emit()

    def _on_restore_button_clicked(self) -> None:
        chosen = self.selected_backup()
        if chosen is not None:
            self.restore(chosen.path)

    def _on_restore_file_button_clicked(self) -> None:
        path = self._prompts.open_file("Chọn bản sao lưu để phục hồi", BACKUP_FILTER)
        if path is not None:
            self.restore(path)

    def restore(self, path: Path) -> None:
        """Preview, confirm, restore (after backing up the current state)."""
        self.note.clear_note()
        try:
            preview = self._services.backups.preview(path)
        except DomainError as error:
            self.note.show_error(describe(error))
            return
        if not preview.is_sound:
            self.note.show_error("Tệp sao lưu bị hỏng, không phục hồi được: " + "; ".join(preview.problems[:3]))
            return
        counts = preview.counts
        if not self._prompts.confirm(
                "Phục hồi dữ liệu",
                f"Thay toàn bộ dữ liệu hiện tại bằng bản sao lưu lúc {when_text(preview.taken_at)} "
                f"({counts.get('members', 0)} thành viên, {counts.get('decisions', 0)} quyết định)?",
                yes="Phục hồi", no="Hủy",
                detail="Dữ liệu hiện tại được sao lưu trước («Trước khi phục hồi»), nên có thể quay lại."):
            return
        try:
            result = self._services.backups.restore(path)
        except DomainError as error:
            self.note.show_error(describe(error))
            return
        self.refresh()
        self.note.show_done(
            "Đã phục hồi dữ liệu." + (f" Dữ liệu trước đó được giữ tại «{result.safety_backup}»."
                                      if result.safety_backup else ""))
        self.restored.emit(result)
        self.data_changed.emit()

    def _on_save_retention_button_clicked(self) -> None:
        self.note.clear_note()
        try:
            self._services.backups.update_retention(RetentionPolicy(
                daily=self.daily_spin.value(), weekly=self.weekly_spin.value(),
                monthly=self.monthly_spin.value()))
        except DomainError as error:
            self.note.show_error(describe(error))
            return
        self.note.show_done("Đã lưu cách giữ bản sao lưu; bản cũ hơn sẽ được dọn ở lần sao lưu tự động sau.")
