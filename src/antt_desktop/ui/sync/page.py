"""Đồng bộ USB (issue #6): the commune exports to a stick; the higher unit imports, with the
dry run shown before anything is applied, and watches its communes (board, members, shared
ID numbers, consolidated statistics).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from antt_desktop.domain.aggregate import BOARD_STATUS_LABELS, STATISTIC_FIELDS
from antt_desktop.domain.dates import format_vn_date
from antt_desktop.domain.people import UnitMode
from antt_desktop.messages import describe
from antt_desktop.sync.manifest import PackageKind
from antt_desktop.ui.jobs import JobRunner
from antt_desktop.ui.tables import fill_table, read_only_table
from antt_desktop.ui.members.member_table_model import MemberTableModel
from antt_desktop.ui.sync.preview import PreviewPanel

PACKAGE_FILTER = "Gói dữ liệu ANTT (*.antt);;Mọi tệp (*)"
REMOVE_USB = "Có thể rút USB."
_ATTENTION = QBrush(QColor("#b3261e"))
STATISTIC_HEADERS = {
    "hamlets": "Thôn/TDP", "teams": "Tổ", "active": "Đang tham gia", "proposed": "Đề nghị",
    "left": "Đã thôi", "leaders": "Tổ trưởng", "deputies": "Tổ phó", "team_members": "Tổ viên",
    "male": "Nam", "female": "Nữ", "below_lower_secondary": "Dưới THCS", "bhyt_valid": "BHYT còn hạn",
    "bhxh": "BHXH tự nguyện",
}


def error_text(error: BaseException) -> str:
    """Domain errors and file errors (full stick, pulled stick…) in Vietnamese (messages/)."""
    return describe(error)


def _date(value) -> str:
    return format_vn_date(value.date() if hasattr(value, "date") else value) if value else ""


MEMBER_COLUMN_MAX = 320


class SyncPage(QWidget):
    """Built as SyncPage(services, prompts); the commune or the aggregator face, by the unit's mode."""

    data_changed = Signal()

    def __init__(self, services, prompts, parent=None, *, jobs=None) -> None:
        super().__init__(parent)
        self._services = services
        self._prompts = prompts
        self.jobs = jobs if jobs is not None else JobRunner(self)
        self._pending: tuple[str, Path] | None = None     # ("commune" | "reference", file) awaiting "Áp dụng"
        self.last_message = ""
        self._build_layout()
        self._connect_signals()
        self.refresh()

    # ------------------------------------------------------------------ building

    def _build_layout(self) -> None:
        self.title_label = QLabel()
        title_font = QFont()
        title_font.setPointSize(13)
        title_font.setBold(True)
        self.title_label.setFont(title_font)
        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        self.preview = PreviewPanel()

        # Commune face
        self.commune_panel = QWidget()
        self.recipient_label = QLabel()
        self.recipient_label.setWordWrap(True)
        self.export_button = QPushButton("Xuất gói dữ liệu ra USB…")
        self.receipt_button = QPushButton("Nhập biên nhận của cấp trên…")
        self.reference_import_button = QPushButton("Nhập dữ liệu tham chiếu (chính sách, lương cơ sở)…")
        self.history_table = read_only_table(["Gói số", "Ngày lập", "Thành viên", "Cấp trên đã nhận"])
        send = QGroupBox("Gửi dữ liệu lên cấp trên")
        send_layout = QVBoxLayout(send)
        send_layout.addWidget(self.recipient_label)
        row = QHBoxLayout()
        row.addWidget(self.export_button)
        row.addWidget(self.receipt_button)
        row.addStretch()
        send_layout.addLayout(row)
        send_layout.addWidget(QLabel("Các gói đã xuất"))
        send_layout.addWidget(self.history_table)
        receive = QGroupBox("Nhận từ cấp trên")
        receive_layout = QHBoxLayout(receive)
        receive_layout.addWidget(self.reference_import_button)
        receive_layout.addStretch()
        commune_layout = QVBoxLayout(self.commune_panel)
        commune_layout.setContentsMargins(0, 0, 0, 0)
        commune_layout.addWidget(send, 1)
        commune_layout.addWidget(receive)

        # Aggregator face
        self.aggregator_tabs = QTabWidget()
        intake = QWidget()
        self.import_button = QPushButton("Nhập gói của xã…")
        self.reference_export_button = QPushButton("Xuất gói tham chiếu cho các xã…")
        intake_buttons = QHBoxLayout()
        intake_buttons.addWidget(self.import_button)
        intake_buttons.addWidget(self.reference_export_button)
        intake_buttons.addStretch()
        intake_layout = QVBoxLayout(intake)
        intake_layout.addLayout(intake_buttons)
        intake_layout.addWidget(QLabel("Gói được kiểm tra chữ ký, mã băm và số thứ tự; phần xem trước hiện "
                                       "ra bên dưới, chỉ khi chọn «Áp dụng» dữ liệu mới được ghi."))
        intake_layout.addStretch()
        self.aggregator_tabs.addTab(intake, "Nhập gói")

        board = QWidget()
        self.board_summary_label = QLabel()
        self.board_table = read_only_table(["Mã", "Đơn vị", "Gói gần nhất", "Ngày lập gói", "Ngày nhận", "Tình trạng tháng này",
                                   "Đang tham gia", "Đã trao đổi khóa"])
        board_layout = QVBoxLayout(board)
        board_layout.addWidget(self.board_summary_label)
        board_layout.addWidget(self.board_table)
        self.aggregator_tabs.addTab(board, "Theo dõi các xã")

        members = QWidget()
        self.member_search_edit = QLineEdit()
        self.member_search_edit.setPlaceholderText("Tìm theo họ tên, số định danh, số điện thoại (không dấu cũng được)")
        self.member_search_edit.setClearButtonEnabled(True)
        self.member_unit_combo = QComboBox()
        self.member_count_label = QLabel()
        self.member_model = MemberTableModel(self, today=self._services.context.today())
        self.member_table = QTableView()
        self.member_table.setModel(self.member_model)
        self.member_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.member_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.member_table.verticalHeader().setDefaultSectionSize(24)
        self.member_table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.member_table.horizontalHeader().setStretchLastSection(True)
        self.member_table.horizontalHeader().setResizeContentsPrecision(200)
        search_row = QHBoxLayout()
        search_row.addWidget(self.member_search_edit, 1)
        search_row.addWidget(self.member_unit_combo)
        members_layout = QVBoxLayout(members)
        members_layout.addLayout(search_row)
        members_layout.addWidget(self.member_table)
        members_layout.addWidget(self.member_count_label)
        self.aggregator_tabs.addTab(members, "Thành viên các xã (chỉ xem)")

        shared = QWidget()
        self.shared_label = QLabel()
        self.shared_table = read_only_table(["Số định danh", "Họ và tên", "Ngày sinh", "Đơn vị"])
        shared_layout = QVBoxLayout(shared)
        shared_layout.addWidget(self.shared_label)
        shared_layout.addWidget(self.shared_table)
        self.aggregator_tabs.addTab(shared, "Trùng số định danh")

        stats = QWidget()
        self.report_button = QPushButton("Xuất báo cáo tổng hợp Excel…")
        self.stats_table = read_only_table(["Đơn vị"] + [STATISTIC_HEADERS[f] for f in STATISTIC_FIELDS])
        stats_buttons = QHBoxLayout()
        stats_buttons.addStretch()
        stats_buttons.addWidget(self.report_button)
        stats_layout = QVBoxLayout(stats)
        stats_layout.addWidget(self.stats_table)
        stats_layout.addLayout(stats_buttons)
        self.aggregator_tabs.addTab(stats, "Số liệu tổng hợp")

        layout = QVBoxLayout(self)
        layout.addWidget(self.title_label)
        layout.addWidget(self.commune_panel, 1)
        layout.addWidget(self.aggregator_tabs, 1)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.message_label)

    def _connect_signals(self) -> None:
        self.export_button.clicked.connect(self._on_export_button_clicked)
        self.receipt_button.clicked.connect(self._on_receipt_button_clicked)
        self.reference_import_button.clicked.connect(self._on_reference_import_button_clicked)
        self.import_button.clicked.connect(self._on_import_button_clicked)
        self.reference_export_button.clicked.connect(self._on_reference_export_button_clicked)
        self.report_button.clicked.connect(self._on_report_button_clicked)
        self.preview.apply_requested.connect(self._on_preview_apply_requested)
        self.preview.dismissed.connect(self._on_preview_dismissed)
        self.member_search_edit.textChanged.connect(self._on_member_search_edit_text_changed)
        self.member_unit_combo.currentIndexChanged.connect(self._on_member_unit_combo_changed)

    # ------------------------------------------------------------------ state

    @property
    def is_aggregator(self) -> bool:
        unit = self._services.units.own_unit()
        return unit is not None and unit.mode is UnitMode.AGGREGATOR

    def refresh(self) -> None:
        aggregator = self.is_aggregator
        self.commune_panel.setVisible(not aggregator)
        self.aggregator_tabs.setVisible(aggregator)
        if aggregator:
            self.title_label.setText("Đồng bộ USB — tổng hợp dữ liệu các xã")
            self._refresh_aggregator()
        else:
            self.title_label.setText("Đồng bộ USB — gửi dữ liệu lên cấp trên")
            self._refresh_commune()

    def _show_message(self, text: str) -> None:
        self.last_message = text
        self.message_label.setText(text)

    def _fail(self, title: str, error: BaseException) -> None:
        text = error_text(error)
        self._show_message(text)
        self._prompts.error(title, text)

    # ------------------------------------------------------------------ commune

    def _refresh_commune(self) -> None:
        recipients = self._services.packages.recipients()
        if not recipients:
            self.recipient_label.setText(
                "Chưa tin cậy khóa của đơn vị cấp trên: vào Cài đặt › Khóa & đơn vị tin cậy, nhận tệp khóa công "
                "khai của cấp trên, so dấu vân tay qua điện thoại rồi chọn «Tin cậy».")
            self.export_button.setEnabled(False)
        else:
            names = "; ".join(f"{k.unit_name} ({k.unit_code}) — dấu vân tay {k.fingerprint}" for k in recipients)
            self.recipient_label.setText(f"Gói được ký bằng khóa của đơn vị và mã hóa cho: {names}.")
            self.export_button.setEnabled(len(recipients) == 1)
        history = self._services.packages.history()
        fill_table(self.history_table, [
            [str(row.sequence), _date(row.created_at), str(row.members),
             _date(row.acknowledged_at) if row.acknowledged_at else "Chưa có biên nhận"]
            for row in history])

    def _on_export_button_clicked(self) -> None:
        folder = self._prompts.choose_folder("Chọn USB hoặc thư mục để ghi gói dữ liệu")
        if folder is None:
            return
        self._show_message("Đang ghi gói…")
        self.jobs.start(lambda: self._services.packages.export_steps(folder),
                        label="Đang xuất gói dữ liệu…", parent=self,
                        on_done=self._on_export_done, on_failed=self._on_export_failed)

    def _on_export_done(self, result) -> None:
        text = (f"Đã ghi gói số {result.sequence} ({result.members} thành viên, {result.photos} ảnh) vào "
                f"«{result.path}», đã đọc lại và kiểm tra. {REMOVE_USB}")
        self._show_message(text)
        self._prompts.inform("Đã xuất gói", text)
        self.refresh()
        self.data_changed.emit()

    def _on_export_failed(self, error) -> None:
        self._fail("Chưa xuất được gói — chưa rút USB", error)

    def open_package(self, path: Path) -> None:
        """A .antt file the app was started with (double-clicked in Explorer): a receipt is
        recorded, a commune or reference package goes to its dry-run preview first."""
        path = Path(path)
        self.jobs.start(lambda: self._services.packages.kind_of(path), label="Đang đọc gói…", parent=self,
                        on_done=lambda kind, path=path: self._open_package_of_kind(path, kind),
                        on_failed=self._on_preview_failed)

    def _open_package_of_kind(self, path: Path, kind: PackageKind) -> None:
        if kind is PackageKind.RECEIPT:
            self._import_receipt(path)
        elif kind is PackageKind.REFERENCE:
            self._preview_reference(path)
        else:
            self._preview_commune(path)

    def _on_receipt_button_clicked(self) -> None:
        path = self._prompts.open_file("Chọn biên nhận của cấp trên", PACKAGE_FILTER)
        if path is None:
            return
        self._import_receipt(path)

    def _import_receipt(self, path: Path) -> None:
        self.jobs.start(lambda: self._services.packages.import_receipt(path), label="Đang đọc biên nhận…",
                        parent=self, on_done=self._on_receipt_done, on_failed=self._on_receipt_failed)

    def _on_receipt_done(self, report) -> None:
        if report.recorded:
            text = (f"{report.acknowledged_by} đã nhận và nhập gói số {report.sequence} lúc "
                    f"{report.applied_at:%d/%m/%Y %H:%M}.")
        else:
            text = f"Biên nhận gói số {report.sequence} đã được ghi nhận trước đây; không thay đổi gì."
        self._show_message(text)
        self._prompts.inform("Biên nhận", text)
        self.refresh()
        if report.recorded:
            self.data_changed.emit()

    def _on_receipt_failed(self, error) -> None:
        self._fail("Không nhập được biên nhận", error)

    def _on_reference_import_button_clicked(self) -> None:
        path = self._prompts.open_file("Chọn gói dữ liệu tham chiếu của cấp trên", PACKAGE_FILTER)
        if path is None:
            return
        self._preview_reference(path)

    def _preview_reference(self, path: Path) -> None:
        self.jobs.start(lambda: self._services.packages.import_reference(path, dry_run=True),
                        label="Đang kiểm tra gói tham chiếu…", parent=self,
                        on_done=lambda report, path=path: self._show_preview("reference", path, report),
                        on_failed=self._on_preview_failed)

    # ------------------------------------------------------------------ aggregator

    def _refresh_aggregator(self) -> None:
        aggregate = self._services.aggregate
        board = aggregate.board()
        attention = [row for row in board if row.needs_attention]
        self.board_summary_label.setText(
            f"{len(board)} đơn vị; {len(attention)} đơn vị chậm hoặc chưa gửi gói tháng này "
            f"(hạn: ngày {aggregate.due_day()} hằng tháng).")
        fill_table(self.board_table, [
            [row.unit_code, row.unit_name, str(row.last_sequence or ""), _date(row.last_created_at),
             _date(row.last_received_at), BOARD_STATUS_LABELS[row.status], str(row.active_members),
             "Có" if row.has_key else "Chưa"] for row in board])
        for index, row in enumerate(board):
            if row.needs_attention:
                self.board_table.item(index, 5).setForeground(_ATTENTION)
        shared = aggregate.shared_id_numbers()
        self.shared_label.setText(f"{len(shared)} số định danh đang tham gia ở hai đơn vị trở lên.")
        fill_table(self.shared_table, [
            [group.id_number, entry.full_name,
             format_vn_date(entry.birth_date) if entry.birth_date else str(entry.birth_year or ""),
             entry.unit_name]
            for group in shared for entry in group.entries])
        stats = aggregate.statistics()
        fill_table(self.stats_table, [[c.unit_name] + [str(getattr(c, f)) for f in STATISTIC_FIELDS]
                                 for c in (*stats.communes, stats.total)])
        names = {row.unit_code: row.unit_name for row in board}
        self.member_model.set_unit_names(names)
        self.member_unit_combo.blockSignals(True)
        current = self.member_unit_combo.currentData()
        self.member_unit_combo.clear()
        self.member_unit_combo.addItem("Mọi đơn vị", None)
        for row in board:
            self.member_unit_combo.addItem(row.unit_name, row.unit_code)
        index = self.member_unit_combo.findData(current)
        self.member_unit_combo.setCurrentIndex(max(index, 0))
        self.member_unit_combo.blockSignals(False)
        self._reload_members()

    def _reload_members(self) -> None:
        rows = self._services.aggregate.members(unit_code=self.member_unit_combo.currentData(),
                                                search=self.member_search_edit.text())
        self.member_model.set_rows(rows)
        self._fit_member_columns()
        self.member_count_label.setText(f"{len(rows)} thành viên")

    def _fit_member_columns(self) -> None:
        """Columns as wide as their text (the header samples the first rows only), none wider than
        MEMBER_COLUMN_MAX, the last one taking what is left: no "Nguyễn Minh…" with room to spare."""
        table = self.member_table
        table.resizeColumnsToContents()
        for column in range(self.member_model.columnCount()):
            if table.columnWidth(column) > MEMBER_COLUMN_MAX:
                table.setColumnWidth(column, MEMBER_COLUMN_MAX)

    def _on_member_search_edit_text_changed(self, _text: str) -> None:
        self._reload_members()

    def _on_member_unit_combo_changed(self, _index: int) -> None:
        self._reload_members()

    def _on_import_button_clicked(self) -> None:
        path = self._prompts.open_file("Chọn gói dữ liệu của xã", PACKAGE_FILTER)
        if path is None:
            return
        self._preview_commune(path)

    def _preview_commune(self, path: Path) -> None:
        self.jobs.start(lambda: self._services.packages.import_steps(path, dry_run=True),
                        label="Đang kiểm tra chữ ký, mã băm và so sánh dữ liệu…", parent=self,
                        on_done=lambda report, path=path: self._show_preview("commune", path, report),
                        on_failed=self._on_preview_failed)

    def _on_reference_export_button_clicked(self) -> None:
        folder = self._prompts.choose_folder("Chọn USB hoặc thư mục để ghi gói tham chiếu")
        if folder is None:
            return
        self.jobs.start(lambda: self._services.packages.export_reference_steps(folder),
                        label="Đang xuất gói tham chiếu…", parent=self,
                        on_done=self._on_reference_export_done, on_failed=self._on_export_failed)

    def _on_reference_export_done(self, result) -> None:
        text = (f"Đã ghi gói tham chiếu số {result.sequence} cho {len(result.recipients)} đơn vị vào "
                f"«{result.path}», đã đọc lại và kiểm tra. {REMOVE_USB}")
        self._show_message(text)
        self._prompts.inform("Đã xuất gói tham chiếu", text)

    def _on_report_button_clicked(self) -> None:
        today = self._services.context.today()
        path = self._prompts.save_file("Lưu báo cáo tổng hợp", "Excel (*.xlsx)",
                                       Path.home() / f"bao-cao-tong-hop-{today:%Y-%m-%d}.xlsx")
        if path is None:
            return
        self.jobs.start(lambda: self._services.aggregate.write_report(path), label="Đang ghi báo cáo Excel…",
                        parent=self, on_done=self._on_report_done, on_failed=self._on_report_failed)

    def _on_report_done(self, path) -> None:
        self._show_message(f"Đã ghi báo cáo tổng hợp vào «{path}».")
        self._prompts.inform("Đã xuất báo cáo", self.last_message)

    def _on_report_failed(self, error) -> None:
        self._fail("Không ghi được báo cáo", error)

    # ------------------------------------------------------------------ dry run, then apply

    def _show_preview(self, kind: str, path: Path, report) -> None:
        self._pending = (kind, path)
        if kind == "commune":
            self.preview.show_commune(report)
        else:
            self.preview.show_reference(report)
        self._show_message("Đã kiểm tra gói: xem phần tóm tắt rồi chọn «Áp dụng» hoặc «Bỏ qua».")

    def _on_preview_failed(self, error) -> None:
        self.preview.clear()
        self._pending = None
        self._fail("Gói không được nhập", error)

    def _on_preview_dismissed(self) -> None:
        self._pending = None
        self._show_message("Đã bỏ qua; không có gì thay đổi.")

    def _on_preview_apply_requested(self) -> None:
        if self._pending is None:
            return
        kind, path = self._pending
        if kind == "commune":
            self.jobs.start(lambda: self._services.packages.import_steps(path), label="Đang nhập gói của xã…",
                            parent=self, on_done=self._on_import_done, on_failed=self._on_apply_failed)
        else:
            self.jobs.start(lambda: self._services.packages.import_reference(path),
                            label="Đang nhập dữ liệu tham chiếu…", parent=self,
                            on_done=self._on_reference_import_done, on_failed=self._on_apply_failed)

    def _on_import_done(self, report) -> None:
        self._pending = None
        self.preview.clear()
        text = (f"Đã nhập gói số {report.sequence} của {report.unit_name}: {report.diff.new} thành viên mới, "
                f"{report.diff.changed} thay đổi, {report.diff.gone} không còn.")
        if report.receipt_path:
            text += f" Biên nhận cho xã đã ghi vào «{report.receipt_path}»."
        elif report.receipt_error:
            text += f" Chưa ghi được biên nhận: {report.receipt_error}"
        self._show_message(text)
        self._prompts.inform("Đã nhập gói", text)
        self.refresh()
        self.data_changed.emit()

    def _on_reference_import_done(self, report) -> None:
        self._pending = None
        self.preview.clear()
        text = (f"Đã nhập gói tham chiếu số {report.sequence}: {len(report.policies_new)} chính sách mới, "
                f"{len(report.policies_changed)} cập nhật, {len(report.salaries_new) + len(report.salaries_changed)} "
                "mức lương cơ sở mới hoặc cập nhật.")
        self._show_message(text)
        self._prompts.inform("Đã nhập dữ liệu tham chiếu", text)
        self.refresh()
        self.data_changed.emit()

    def _on_apply_failed(self, error) -> None:
        self._pending = None
        self.preview.clear()
        self._fail("Gói không được nhập", error)
