"""Báo cáo (issue #7): the dashboard (Qt Charts), the statistics tables, the periodic report and
the member list to files. Figures are read and files written off the UI thread."""

from __future__ import annotations

from datetime import date

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QPieSeries,
    QValueAxis,
)
from PySide6.QtCore import QDate, QMargins, Qt, Signal
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from antt_desktop.domain.dates import format_vn_date
from antt_desktop.domain.errors import DomainError
from antt_desktop.domain.money import format_dong
from antt_desktop.domain.reports import Dashboard, Statistics, current_quarter, quarter, year_period
from antt_desktop.messages import describe
from antt_desktop.ui.jobs import JobRunner
from antt_desktop.ui.read_only import is_aggregator

EXCEL_FILTER = "Bảng tính Excel (*.xlsx)"
PDF_FILTER = "Tệp PDF (*.pdf)"
COLORS = {"now": QColor("#2E75B6"), "quota": QColor("#BDD7EE"), "valid": QColor("#70AD47"),
          "expired": QColor("#C00000"), "none": QColor("#A5A5A5"), "money": QColor("#ED7D31")}
TEAM_PREFIX = "Tổ bảo vệ ANTT "
ALLOWANCE_TITLE = "Hỗ trợ đã chi 12 tháng qua (triệu đồng)"
ALLOWANCE_NONE = "Hỗ trợ 12 tháng qua: chưa có bảng đã khóa"
PERIOD_QUARTERS = 8          # the periodic report offers the last 8 quarters and the last 3 years


def _chart(title: str) -> tuple[QChart, QChartView]:
    chart = QChart()
    chart.setTitle(title)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    view = QChartView(chart)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setMinimumSize(320, 220)
    return chart, view


def _reset(chart: QChart) -> None:
    chart.removeAllSeries()
    for axis in chart.axes():
        chart.removeAxis(axis)


def _count_axis(top: float) -> QValueAxis:
    """A value axis for head counts: whole numbers, a tick on each (up to 10) or nice steps."""
    axis = QValueAxis()
    axis.setLabelFormat("%d")
    top = max(int(top) + 1, 2)
    axis.setRange(0, top)
    if top <= 10:
        axis.setTickCount(top + 1)
    else:
        axis.applyNiceNumbers()
    return axis


# Short labels where the axis is narrow: "Từ 70 trở lên" → "≥ 70", "12/2026" → "12/26". Chart labels
# are rich text, so "< 30" would vanish as a tag; members are 18 or older anyway.
_SHORT_AGE = {"Dưới 30": "18–29", "Từ 70 trở lên": "≥ 70"}


def _short_month(label: str) -> str:
    return f"{label[:2]}/{label[-2:]}"


def _bar_set(label: str, values, color: QColor) -> QBarSet:
    bar_set = QBarSet(label)
    for value in values:
        bar_set.append(float(value))
    bar_set.setColor(color)
    return bar_set


class DashboardTab(QWidget):
    """Bảng điều khiển: the commune at a glance."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        self.team_chart, self.team_view = _chart("Thành viên từng tổ so với định mức")
        self.age_chart, self.age_view = _chart("Độ tuổi thành viên")
        self.bhyt_chart, self.bhyt_view = _chart("Bảo hiểm y tế")
        self.expiry_chart, self.expiry_view = _chart("Thẻ BHYT hết hạn trong 6 tháng tới")
        self.allowance_chart, self.allowance_view = _chart(ALLOWANCE_TITLE)
        grid = QGridLayout()
        grid.addWidget(self.team_view, 0, 0, 2, 1)
        grid.addWidget(self.age_view, 0, 1)
        grid.addWidget(self.bhyt_view, 0, 2)
        grid.addWidget(self.expiry_view, 1, 1)
        grid.addWidget(self.allowance_view, 1, 2)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        grid.setColumnStretch(2, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary_label)
        layout.addLayout(grid, 1)
        self.board: Dashboard | None = None

    def show_dashboard(self, board: Dashboard) -> None:
        self.board = board
        short = [t for t in board.teams if t.fill_text == "thiếu"]
        self.summary_label.setText(
            f"Ngày {format_vn_date(board.on)}: <b>{board.total}</b> thành viên đang tham gia trong "
            f"{len(board.teams)} tổ; {board.proposed} người đề nghị công nhận. "
            f"{len(short)} tổ còn thiếu so với định mức. "
            f"<b>{board.expiring_soon}</b> thẻ BHYT hết hạn trong 30 ngày tới.")
        self._teams(board)
        self._ages(board)
        self._bhyt(board)
        self._expiry(board)
        self._allowances(board)

    def _teams(self, board: Dashboard) -> None:
        chart = self.team_chart
        _reset(chart)
        teams = list(reversed(board.teams))            # top to bottom in the list order
        series = QHorizontalBarSeries()
        series.append(_bar_set("Hiện có", [t.total for t in teams], COLORS["now"]))
        series.append(_bar_set("Định mức tối đa", [t.quota_max or 0 for t in teams], COLORS["quota"]))
        chart.addSeries(series)
        names = QBarCategoryAxis()
        names.append([t.team_name.removeprefix(TEAM_PREFIX) for t in teams])
        names.setTruncateLabels(False)
        counts = _count_axis(max([t.quota_max or 0 for t in teams] + [t.total for t in teams] + [1]))
        chart.addAxis(names, Qt.AlignmentFlag.AlignLeft)
        chart.addAxis(counts, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(names)
        series.attachAxis(counts)

    def _vertical_bars(self, chart: QChart, labels, values, color: QColor, name: str, *,
                       money: bool = False) -> None:
        _reset(chart)
        values = list(values)
        series = QBarSeries()
        series.append(_bar_set(name, values, color))
        series.setLabelsVisible(any(values))
        if money:
            series.setLabelsFormat("@value")
            series.setLabelsPrecision(3)
        chart.addSeries(series)
        categories = QBarCategoryAxis()
        categories.append(list(labels))
        categories.setTruncateLabels(False)      # "11/26" elided to "11…" in a narrow chart otherwise
        font = categories.labelsFont()
        font.setPointSizeF(max(font.pointSizeF() - 1, 7))
        categories.setLabelsFont(font)
        if len(labels) > 8:
            categories.setLabelsAngle(-90)
        if money:
            axis = QValueAxis()
            axis.setLabelFormat("%.1f")
            axis.setRange(0, max(values + [1]) * 1.15)
            axis.applyNiceNumbers()
        else:
            axis = _count_axis(max(values + [1]))
        chart.addAxis(categories, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(axis, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(categories)
        series.attachAxis(axis)
        chart.legend().setVisible(False)

    def _ages(self, board: Dashboard) -> None:
        rows = board.ages.rows
        self._vertical_bars(self.age_chart, [_SHORT_AGE.get(r.label, r.label).replace(" – ", "–") for r in rows],
                            [r.total for r in rows], COLORS["now"], "Thành viên")

    def _bhyt(self, board: Dashboard) -> None:
        chart = self.bhyt_chart
        _reset(chart)
        series = QPieSeries()
        for label, key in (("Còn hạn", "valid"), ("Hết hạn", "expired"), ("Chưa có thẻ", "none")):
            count = board.bhyt.count(label)
            if count:
                piece = series.append(f"{label}: {count}", count)
                piece.setColor(COLORS[key])
        series.setPieSize(0.8)
        chart.addSeries(series)
        # The legend, not labels on the slices: small slices' labels would overlap and be cut.
        chart.legend().setVisible(True)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignRight)

    def _expiry(self, board: Dashboard) -> None:
        self._vertical_bars(self.expiry_chart, [_short_month(label) for label, _ in board.expiring_by_month],
                            [count for _, count in board.expiring_by_month], COLORS["expired"], "Thẻ hết hạn")

    def _allowances(self, board: Dashboard) -> None:
        paid = [m.locked_dong / 1_000_000 for m in board.allowances]
        self.allowance_chart.setTitle(ALLOWANCE_TITLE if any(paid) else ALLOWANCE_NONE)
        self._vertical_bars(self.allowance_chart, [_short_month(m.label) for m in board.allowances], paid,
                            COLORS["money"], "Đã chi", money=True)


class StatisticsTab(QWidget):
    export_requested = Signal()

    def __init__(self, today: date, parent=None) -> None:
        super().__init__(parent)
        self.on_edit = QDateEdit(QDate(today.year, today.month, today.day))
        self.on_edit.setDisplayFormat("dd/MM/yyyy")
        self.on_edit.setCalendarPopup(True)
        self.show_button = QPushButton("Xem")
        self.export_button = QPushButton("Xuất Excel…")
        self.bm1_button = QPushButton("Biểu mẫu 01 (BM1)…")
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        self.tables_list = QListWidget()
        self.tables_list.setMaximumWidth(280)
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(["Nội dung", "Tổng số", "Nam", "Nữ", "Tỷ lệ"])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        top = QHBoxLayout()
        top.addWidget(QLabel("Tính đến ngày"))
        top.addWidget(self.on_edit)
        top.addWidget(self.show_button)
        top.addStretch(1)
        top.addWidget(self.bm1_button)
        top.addWidget(self.export_button)
        body = QHBoxLayout()
        body.addWidget(self.tables_list)
        body.addWidget(self.table, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary_label)
        layout.addLayout(body, 1)
        self.stats: Statistics | None = None
        self.tables_list.currentRowChanged.connect(self._on_tables_list_current_row_changed)

    def on_date(self) -> date:
        chosen = self.on_edit.date()
        return date(chosen.year(), chosen.month(), chosen.day())

    def show_statistics(self, stats: Statistics) -> None:
        self.stats = stats
        self.summary_label.setText(
            f"Tính đến ngày {format_vn_date(stats.on)}: <b>{stats.total}</b> thành viên đang tham gia "
            f"(nam {stats.male}, nữ {stats.female}; người dân tộc thiểu số {stats.minorities}).")
        current = max(self.tables_list.currentRow(), 0)
        self.tables_list.blockSignals(True)
        self.tables_list.clear()
        self.tables_list.addItems([b.title for b in stats.breakdowns])
        self.tables_list.blockSignals(False)
        self.tables_list.setCurrentRow(min(current, len(stats.breakdowns) - 1))
        self._show_breakdown(self.tables_list.currentRow())

    def _on_tables_list_current_row_changed(self, row: int) -> None:
        self._show_breakdown(row)

    def _show_breakdown(self, index: int) -> None:
        if self.stats is None or index < 0:
            return
        breakdown = self.stats.breakdowns[index]
        total = breakdown.total
        rows = [(r.label, r.total, r.male, r.female) for r in breakdown.rows]
        rows.append(("Cộng", total, sum(r.male for r in breakdown.rows), sum(r.female for r in breakdown.rows)))
        self.table.setRowCount(len(rows))
        for row, (label, count, male, female) in enumerate(rows):
            share = f"{100 * count / total:.1f}%".replace(".", ",") if total else "–"
            for column, value in enumerate((label, str(count), str(male), str(female), share)):
                item = QTableWidgetItem(value)
                if column:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if row == len(rows) - 1:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()


class PeriodicTab(QWidget):
    def __init__(self, today: date, default, parent=None) -> None:
        super().__init__(parent)
        self.period_combo = QComboBox()
        periods = []
        year, number = current_quarter(today).first.year, (today.month - 1) // 3 + 1
        for _ in range(PERIOD_QUARTERS):
            periods.append(quarter(year, number))
            year, number = (year, number - 1) if number > 1 else (year - 1, 4)
        periods += [year_period(today.year - offset) for offset in range(3)]
        for period in sorted(set(periods), key=lambda p: (p.last, p.is_year), reverse=True):
            self.period_combo.addItem(period.label, period)
        self.period_combo.setCurrentIndex(max(0, self.period_combo.findText(default.label)))
        self.show_button = QPushButton("Xem số liệu")
        self.pdf_button = QPushButton("Xuất PDF…")
        self.xlsx_button = QPushButton("Xuất Excel…")
        self.summary_label = QLabel("Chọn kỳ báo cáo rồi bấm «Xem số liệu».")
        self.summary_label.setWordWrap(True)
        self.summary_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        top = QHBoxLayout()
        top.addWidget(QLabel("Kỳ báo cáo"))
        top.addWidget(self.period_combo)
        top.addWidget(self.show_button)
        top.addStretch(1)
        top.addWidget(self.pdf_button)
        top.addWidget(self.xlsx_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary_label, 1)

    def period(self):
        return self.period_combo.currentData()

    def show_report(self, report) -> None:
        stats = report.statistics
        lines = [
            f"<b>{report.period.label}</b> (từ {format_vn_date(report.period.first)} đến "
            f"{format_vn_date(report.period.last)})",
            f"Thôn, tổ dân phố: {report.hamlet_count}; Tổ bảo vệ ANTT: {len(report.teams)}.",
            f"Thành viên đầu kỳ: {report.start_total}; công nhận mới: {len(report.joined)}; "
            f"thôi tham gia: {len(report.left)}; cuối kỳ: <b>{stats.total}</b> (nữ {stats.female}, "
            f"dân tộc thiểu số {stats.minorities}).",
            f"Hỗ trợ đã chi trong kỳ: {format_dong(report.paid_dong)}.",
        ]
        if report.annual_due:
            lines.append(f"Báo cáo năm gửi cấp trên trước ngày {format_vn_date(report.annual_due)}.")
        self.summary_label.setText("<br>".join(lines))


class MemberListTab(QWidget):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.proposed_check = QCheckBox("Kèm người đề nghị công nhận")
        self.proposed_check.setChecked(True)
        self.left_check = QCheckBox("Kèm người đã thôi tham gia")
        self.mask_ids_check = QCheckBox("Che số CCCD")
        self.mask_ids_check.setToolTip("Chỉ ghi 4 số cuối của số định danh cá nhân (********2345), cho danh "
                                       "sách mang ra khỏi cơ quan; tệp này không nhập lại được số CCCD.")
        self.export_button = QPushButton("Xuất danh sách Excel…")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Danh sách thành viên theo thôn, tổ dân phố (số định danh và số điện thoại "
                                "giữ nguyên dạng chữ; sửa xong có thể nhập lại bằng «Nhập từ Excel»)."))
        layout.addWidget(self.proposed_check)
        layout.addWidget(self.left_check)
        layout.addWidget(self.mask_ids_check)
        layout.addWidget(self.export_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)


class ReportsPage(QWidget):
    """Built as ReportsPage(services, prompts); `refresh()` reads the figures off the UI thread."""

    data_changed = Signal()
    file_written = Signal(object)            # the Path written

    def __init__(self, services, prompts, parent=None, *, jobs=None) -> None:
        super().__init__(parent)
        self._services = services
        self._prompts = prompts
        self.jobs = jobs if jobs is not None else JobRunner(self)
        today = services.context.today()
        self.tabs = QTabWidget()
        self.dashboard_tab = DashboardTab()
        self.statistics_tab = StatisticsTab(today)
        self.periodic_tab = PeriodicTab(today, services.reports.default_period())
        self.members_tab = MemberListTab()
        self.tabs.addTab(self.dashboard_tab, "Bảng điều khiển")
        self.tabs.addTab(self.statistics_tab, "Thống kê")
        self.tabs.addTab(self.periodic_tab, "Báo cáo định kỳ")
        self.tabs.addTab(self.members_tab, "Danh sách thành viên")
        # At the higher unit the dashboard, statistics and lists count the unit's own members only
        # (services.reports reads by the own unit code): say where the communes' figures are.
        self.aggregator_note = QLabel(
            "Ở cấp trên, các bảng trong trang này chỉ tính thành viên của chính đơn vị. Số liệu của các xã "
            "(sau khi nhập gói) xem ở «Đồng bộ USB › Số liệu tổng hợp» và «Biểu mẫu 01 (BM1)».")
        self.aggregator_note.setWordWrap(True)
        self.aggregator_note.setStyleSheet("color: #8a5a00;")
        self.aggregator_note.setVisible(is_aggregator(services))
        layout = QVBoxLayout(self)
        layout.addWidget(self.aggregator_note)
        layout.addWidget(self.tabs)
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.statistics_tab.show_button.clicked.connect(self._on_statistics_show_button_clicked)
        self.statistics_tab.export_button.clicked.connect(self._on_statistics_export_button_clicked)
        self.statistics_tab.bm1_button.clicked.connect(self._on_bm1_button_clicked)
        self.periodic_tab.show_button.clicked.connect(self._on_periodic_show_button_clicked)
        self.periodic_tab.pdf_button.clicked.connect(self._on_periodic_pdf_button_clicked)
        self.periodic_tab.xlsx_button.clicked.connect(self._on_periodic_xlsx_button_clicked)
        self.members_tab.export_button.clicked.connect(self._on_members_export_button_clicked)

    def refresh(self) -> None:
        reports = self._services.reports
        on = self.statistics_tab.on_date()
        self.jobs.start(lambda: (reports.dashboard(), reports.statistics(on)), label="Đang tổng hợp số liệu…",
                        parent=self, on_done=self._on_figures_read, on_failed=self._on_failed)

    def _on_figures_read(self, figures) -> None:
        board, stats = figures
        self.dashboard_tab.show_dashboard(board)
        self.statistics_tab.show_statistics(stats)

    def _on_failed(self, error: Exception) -> None:
        message = describe(error) if isinstance(error, DomainError) else f"Lỗi không mong đợi: {error}"
        self._prompts.error("Báo cáo", message)

    # --- statistics ----------------------------------------------------------------------

    def _on_statistics_show_button_clicked(self) -> None:
        on = self.statistics_tab.on_date()
        self.jobs.start(lambda: self._services.reports.statistics(on), label="Đang thống kê…", parent=self,
                        on_done=self.statistics_tab.show_statistics, on_failed=self._on_failed)

    def _on_statistics_export_button_clicked(self) -> None:
        on = self.statistics_tab.on_date()
        self._export("Lưu thống kê", EXCEL_FILTER, f"thong-ke-{on:%Y%m%d}.xlsx",
                     lambda target: self._services.reports.write_statistics_xlsx(target, on))

    def _on_bm1_button_clicked(self) -> None:
        try:
            from antt_desktop.ui.reports.bm1_dialog import Bm1Dialog
        except ImportError:
            self._prompts.inform("Biểu mẫu 01", "Chức năng BM1 chưa có trong bản này (hạng mục #11).")
            return
        dialog = Bm1Dialog(self._services, self._prompts, parent=self.window())
        dialog.data_changed.connect(self.data_changed)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    # --- periodic report -------------------------------------------------------------------

    def _on_periodic_show_button_clicked(self) -> None:
        period = self.periodic_tab.period()
        self.jobs.start(lambda: self._services.reports.periodic(period), label="Đang lập báo cáo…", parent=self,
                        on_done=self.periodic_tab.show_report, on_failed=self._on_failed)

    def _on_periodic_pdf_button_clicked(self) -> None:
        period = self.periodic_tab.period()
        self._export("Lưu báo cáo PDF", PDF_FILTER, f"bao-cao-{period.file_stem}.pdf",
                     lambda target: self._services.reports.write_periodic_pdf(period, target))

    def _on_periodic_xlsx_button_clicked(self) -> None:
        period = self.periodic_tab.period()
        self._export("Lưu báo cáo Excel", EXCEL_FILTER, f"bao-cao-{period.file_stem}.xlsx",
                     lambda target: self._services.reports.write_periodic_xlsx(period, target))

    # --- member list ---------------------------------------------------------------------

    def _on_members_export_button_clicked(self) -> None:
        proposed, left = self.members_tab.proposed_check.isChecked(), self.members_tab.left_check.isChecked()
        mask_ids = self.members_tab.mask_ids_check.isChecked()
        today = self._services.context.today()
        self._export("Lưu danh sách thành viên", EXCEL_FILTER, f"danh-sach-thanh-vien-{today:%Y%m%d}.xlsx",
                     lambda target: self._services.reports.write_member_list_xlsx(
                         target, include_proposed=proposed, include_left=left, mask_ids=mask_ids))

    def _export(self, title: str, filters: str, suggested: str, write) -> None:
        from pathlib import Path

        target = self._prompts.save_file(title, filters, Path.home() / suggested)
        if target is None:
            return
        self.jobs.start(lambda: write(target), label="Đang ghi tệp…", parent=self,
                        on_done=self._on_file_written, on_failed=self._on_export_failed)

    def _on_file_written(self, path) -> None:
        self.file_written.emit(path)
        self._prompts.inform("Đã lưu", f"Đã ghi tệp: {path}")

    def _on_export_failed(self, error: Exception) -> None:
        if isinstance(error, OSError):
            self._prompts.error("Không ghi được tệp", f"Không ghi được tệp «{error.filename}»: {error.strerror}")
        else:
            self._on_failed(error)
