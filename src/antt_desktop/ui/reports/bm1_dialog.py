"""Biểu mẫu 01: choose the period, see the row(s), the checks with the members behind any break,
export to Excel or PDF, and mark the period as submitted (kept read-only as the next «kỳ trước»)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from antt_desktop.domain.bm1 import BM1_COLUMNS, FIGURE_COLUMNS, Bm1Period, Bm1Report
from antt_desktop.domain.dates import format_vn_date, parse_vn_date
from antt_desktop.domain.errors import DomainError
from antt_desktop.messages import describe
from antt_desktop.messages.service_records import BUCKET_LABELS, describe_break, describe_cause, describe_note
from antt_desktop.ui.field_notes import FieldNote
from antt_desktop.ui.screen_fit import resize_within_screen

# Short headers for the screen (the full three-level header is the tooltip and the printed form).
SHORT_LABELS = {
    2: "TV theo QĐ", 3: "Kỳ trước", 4: "Hiện có", 5: "Nam", 6: "Nữ", 7: "Dưới 70", 8: "Từ 70",
    9: "Tiểu học", 10: "THCS, THPT", 11: "TC, CĐ", 12: "ĐH trở lên", 13: "DTTS", 14: "Tổ theo QĐ",
    15: "Tổ thực tế", 16: "Tuyển mới", 17: "Thôi", 18: "Bị thương", 19: "Hy sinh", 20: "TV bồi dưỡng",
    21: "Số lớp", 22: "BK tập thể", 23: "BK cá nhân", 24: "GK tập thể", 25: "GK cá nhân",
}
EXCEL_FILTER = "Bảng tính Excel (*.xlsx)"
PDF_FILTER = "Tệp PDF (*.pdf)"


class Bm1Dialog(QDialog):
    """Opened with `open()` or `show()`, never `exec()` in tests."""

    data_changed = Signal()
    report_submitted = Signal(object)        # the SubmittedBm1

    def __init__(self, services, prompts, parent=None) -> None:
        super().__init__(parent)
        self._services = services
        self._prompts = prompts
        self.report: Bm1Report | None = None
        self.setWindowTitle("Biểu mẫu 01 — Thống kê số liệu lực lượng tham gia bảo vệ ANTT ở cơ sở")
        resize_within_screen(self, 1200, 700)
        self._build_layout()
        self._connect_signals()
        period = services.bm1.default_period()
        self.from_edit.setText(format_vn_date(period.first))
        self.to_edit.setText(format_vn_date(period.last))
        self.refresh()

    # ------------------------------------------------------------------ building

    def _build_layout(self) -> None:
        self.from_edit = QLineEdit()
        self.to_edit = QLineEdit()
        for edit in (self.from_edit, self.to_edit):
            edit.setPlaceholderText("ngày/tháng/năm")
            edit.setMaximumWidth(120)
        self.compute_button = QPushButton("Tính số liệu")
        self.compute_button.setDefault(True)
        self.period_note = FieldNote()
        period = QHBoxLayout()
        period.addWidget(QLabel("Kỳ báo cáo từ ngày"))
        period.addWidget(self.from_edit)
        period.addWidget(QLabel("đến ngày"))
        period.addWidget(self.to_edit)
        period.addWidget(self.compute_button)
        period.addStretch(1)

        self.table = QTableWidget(0, 1 + len(FIGURE_COLUMNS))
        labels = ["Đơn vị"] + [f"{n}\n{SHORT_LABELS.get(n, '')}" for n in FIGURE_COLUMNS]
        self.table.setHorizontalHeaderLabels(labels)
        for index, column in enumerate((c for c in BM1_COLUMNS if c.number >= 2), start=1):
            self.table.horizontalHeaderItem(index).setToolTip(" › ".join(column.headers))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(True)
        self.table.horizontalHeader().setMinimumSectionSize(44)

        self.buckets_label = QLabel()
        self.buckets_label.setWordWrap(True)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.breaks_tree = QTreeWidget()
        self.breaks_tree.setHeaderLabels(["Số liệu không khớp và thành viên liên quan"])
        self.notes_list = QListWidget()
        self.notes_list.setWordWrap(True)
        self.submitted_list = QListWidget()

        checks = QWidget()
        checks_layout = QVBoxLayout(checks)
        checks_layout.setContentsMargins(0, 0, 0, 0)
        checks_layout.addWidget(self.status_label)
        checks_layout.addWidget(self.breaks_tree, 2)
        checks_layout.addWidget(QLabel("Lưu ý:"))
        checks_layout.addWidget(self.notes_list, 1)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(QLabel("Các kỳ đã nộp (chỉ đọc):"))
        side_layout.addWidget(self.submitted_list)
        lower = QSplitter(Qt.Orientation.Horizontal)
        lower.addWidget(checks)
        lower.addWidget(side)
        lower.setStretchFactor(0, 3)
        lower.setStretchFactor(1, 1)

        self.export_excel_button = QPushButton("Xuất Excel…")
        self.export_pdf_button = QPushButton("Xuất PDF…")
        self.submit_button = QPushButton("Đánh dấu đã nộp")
        self.close_button = QPushButton("Đóng")
        buttons = QHBoxLayout()
        for button in (self.export_excel_button, self.export_pdf_button, self.submit_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)

        splitter = QSplitter(Qt.Orientation.Vertical)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.table)
        top_layout.addWidget(self.buckets_label)
        splitter.addWidget(top)
        splitter.addWidget(lower)
        layout = QVBoxLayout(self)
        layout.addLayout(period)
        layout.addWidget(self.period_note)
        splitter.setSizes([260, 420])
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)

    def _connect_signals(self) -> None:
        self.compute_button.clicked.connect(self._on_compute_button_clicked)
        self.export_excel_button.clicked.connect(self._on_export_excel_button_clicked)
        self.export_pdf_button.clicked.connect(self._on_export_pdf_button_clicked)
        self.submit_button.clicked.connect(self._on_submit_button_clicked)
        self.close_button.clicked.connect(self.close)

    # ------------------------------------------------------------------ data

    def period(self) -> Bm1Period:
        return Bm1Period(parse_vn_date(self.from_edit.text()), parse_vn_date(self.to_edit.text()))

    def refresh(self) -> None:
        """Recompute for the period in the fields; a bad period is said under the fields."""
        try:
            period = self.period()
            report = self._services.bm1.report(period)
        except DomainError as error:
            self.period_note.show_error(describe(error))
            self._set_enabled(False)
            return
        self.period_note.clear_note()
        self.report = report
        self._show(report)
        self._show_submitted()
        self._set_enabled(True)

    def _set_enabled(self, enabled: bool) -> None:
        for button in (self.export_excel_button, self.export_pdf_button, self.submit_button):
            button.setEnabled(enabled)

    def _show(self, report: Bm1Report) -> None:
        rows = report.all_rows()
        self.table.setRowCount(len(rows))
        bold = QFont()
        bold.setBold(True)
        for row_index, row in enumerate(rows):
            name = QTableWidgetItem(row.name)
            self.table.setItem(row_index, 0, name)
            for column, number in enumerate(FIGURE_COLUMNS, start=1):
                item = QTableWidgetItem(f"{row.figures[number]:,}".replace(",", "."))
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row_index, column, item)
            if row is report.total:
                for column in range(self.table.columnCount()):
                    self.table.item(row_index, column).setFont(bold)
        self.table.resizeColumnsToContents()
        self.table.resizeRowsToContents()

        buckets = []
        for row in report.rows:
            for kind, label in BUCKET_LABELS.items():
                if row.bucket_count(kind):
                    prefix = f"{row.name}: " if len(report.rows) > 1 else ""
                    buckets.append(f"{prefix}{label}: {row.bucket_count(kind)} thành viên (không tính vào cột nào)")
        self.buckets_label.setText("; ".join(buckets))
        self.buckets_label.setVisible(bool(buckets))

        self.breaks_tree.clear()
        for item in report.breaks:
            top = QTreeWidgetItem([describe_break(item)])
            for member in item.members:
                child = QTreeWidgetItem([f"{member.full_name}: {describe_cause(member.cause)}"])
                child.setData(0, Qt.ItemDataRole.UserRole, member.member_id)
                top.addChild(child)
            self.breaks_tree.addTopLevelItem(top)
        self.breaks_tree.expandAll()
        if report.breaks:
            self.status_label.setText(f"Có {len(report.breaks)} chỗ số liệu không khớp; xem thành viên liên quan "
                                      "bên dưới và sửa trước khi nộp.")
            self.status_label.setStyleSheet("color: #b3261e;")
        else:
            self.status_label.setText("Số liệu khớp: Nam + Nữ, các nhóm tuổi, các nhóm trình độ đều bằng số thành "
                                      "viên thực tế; kỳ trước − thôi tham gia + tuyển mới = thực tế hiện có.")
            self.status_label.setStyleSheet("color: #1b6e20;")
        self.notes_list.clear()
        self.notes_list.addItems([describe_note(note) for note in report.notes])

    def _show_submitted(self) -> None:
        self.submitted_list.clear()
        try:
            submitted = self._services.bm1.submitted()
        except DomainError:
            return
        for report in reversed(submitted):
            line = report.total or (report.rows[0] if report.rows else None)
            self.submitted_list.addItem(
                f"{format_vn_date(report.period.first)} – {format_vn_date(report.period.last)}: "
                f"{line[4] if line else 0} thành viên (nộp {report.submitted_at:%d/%m/%Y})")

    # ------------------------------------------------------------------ slots

    def _on_compute_button_clicked(self) -> None:
        self.refresh()

    def _export(self, title: str, file_filter: str, suffix: str) -> None:
        if self.report is None:
            return
        period = self.report.period
        suggested = Path.home() / f"BM1_{period.first:%Y%m%d}-{period.last:%Y%m%d}{suffix}"
        path = self._prompts.save_file(title, file_filter, suggested)
        if path is None:
            return
        if path.suffix.lower() != suffix:
            path = path.with_name(path.name + suffix)
        if self.report.breaks and not self._prompts.confirm(
                "Số liệu chưa khớp", f"Báo cáo còn {len(self.report.breaks)} chỗ số liệu không khớp. Vẫn xuất tệp?",
                yes="Vẫn xuất"):
            return
        try:
            written = self._services.bm1.export(self.report, path)
        except (DomainError, OSError) as error:
            self._prompts.error("Không xuất được", describe(error) if isinstance(error, DomainError)
                                else f"Không ghi được tệp «{path}»: {error.strerror or error}")
            return
        self._prompts.inform("Đã xuất", f"Đã ghi {written}.")

    def _on_export_excel_button_clicked(self) -> None:
        self._export("Xuất Biểu mẫu 01 ra Excel", EXCEL_FILTER, ".xlsx")

    def _on_export_pdf_button_clicked(self) -> None:
        self._export("Xuất Biểu mẫu 01 ra PDF", PDF_FILTER, ".pdf")

    def _on_submit_button_clicked(self) -> None:
        if self.report is None:
            return
        period = self.report.period
        text = (f"Đánh dấu đã nộp báo cáo kỳ {format_vn_date(period.first)} – {format_vn_date(period.last)}? "
                "Số liệu được lưu nguyên (chỉ đọc) và dùng làm số kỳ trước của kỳ sau.")
        accept_breaks = bool(self.report.breaks)
        if accept_breaks:
            text = (f"Báo cáo còn {len(self.report.breaks)} chỗ số liệu không khớp. " + text)
        if not self._prompts.confirm("Đánh dấu đã nộp", text, yes="Đã nộp"):
            return
        try:
            submitted = self._services.bm1.submit(period, accept_breaks=accept_breaks)
        except DomainError as error:
            self._prompts.error("Không đánh dấu được", describe(error))
            return
        self._prompts.inform("Đã nộp", f"Đã lưu báo cáo kỳ {format_vn_date(period.first)} – "
                                       f"{format_vn_date(period.last)}.")
        self.refresh()
        self.report_submitted.emit(submitted)
        self.data_changed.emit()
