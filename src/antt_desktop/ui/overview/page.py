"""Tổng quan: counts by team and position, teams to fix, insurance, certificates, what is due."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from antt_desktop.domain.dates import format_vn_date
from antt_desktop.domain.people import POSITION_LABELS, MemberStatus, Position
from antt_desktop.messages import describe
from antt_desktop.services.overview import LIST_LIMIT, DueItem, DueKind, Overview
from antt_desktop.ui.jobs import JobRunner
from antt_desktop.ui.members.member_dialog import MemberDialog
from antt_desktop.ui.organisation.page import quota_text

IdRole = Qt.ItemDataRole.UserRole + 1
TEAM_HEADERS = ["Tổ", "Tổ trưởng", "Tổ phó", "Tổ viên", "Cộng", "Định mức"]
UNIT_HEADERS = ["Đơn vị", "Tổ trưởng", "Tổ phó", "Tổ viên", "Cộng", "Số tổ", "Tổ cần chú ý"]
_POSITIONS = (Position.LEADER, Position.DEPUTY, Position.MEMBER)

# The attention box shares its row with the month's to-do list: a dozen teams, then a count.
ATTENTION_SHOWN = 12


def _number(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def due_text(item: DueItem, overview: Overview, higher_unit: str) -> str:
    """One line of "Việc cần làm", in Vietnamese."""
    if item.kind is DueKind.ANNUAL_REPORT:
        days = (item.due_on - overview.on).days
        left = "hôm nay là hạn cuối" if days == 0 else f"còn {days} ngày"
        to = f" gửi {higher_unit}" if higher_unit else ""
        return f"Báo cáo năm{to} trước ngày {format_vn_date(item.due_on)} ({left})."
    if item.kind is DueKind.COMMUNE_REPORTS:
        days = (item.due_on - overview.on).days
        left = "hôm nay là hạn cuối" if days == 0 else f"còn {days} ngày"
        return (f"Các xã gửi báo cáo năm trước ngày {format_vn_date(item.due_on)} ({left}): "
                "theo dõi ở «Đồng bộ USB».")
    if item.kind is DueKind.BHYT_EXPIRING:
        if overview.aggregator:
            return (f"{_number(item.count)} thẻ BHYT của thành viên các xã hết hạn đến ngày "
                    f"{format_vn_date(item.due_on)}.")
        return (f"{_number(item.count)} thẻ BHYT hết hạn đến ngày {format_vn_date(item.due_on)}: "
                "nhắc thành viên gia hạn.")
    if item.kind is DueKind.AWAITING_RECOGNITION:
        return f"{_number(item.count)} người đề nghị công nhận đang chờ quyết định."
    if item.kind is DueKind.CERTIFICATES:
        return f"{_number(item.count)} thành viên chưa được cấp giấy chứng nhận."
    return f"{_number(item.count)} người mới có năm sinh: cần bổ sung ngày sinh đầy đủ."


class _Figure(QFrame):
    """A big number with its caption."""

    def __init__(self, caption: str) -> None:
        super().__init__()
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.value_label = QLabel("—")
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.9)
        font.setBold(True)
        self.value_label.setFont(font)
        self.caption_label = QLabel(caption)
        self.caption_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.value_label)
        layout.addWidget(self.caption_label)

    def set_value(self, value: int, detail: str = "") -> None:
        self.value_label.setText(_number(value))
        self.setToolTip(detail)


def _table(headers: list[str], stretch: int = 0) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().hide()
    table.setWordWrap(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return table


def _item(text: str, member_id: str | None = None, *, centred: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    if member_id is not None:
        item.setData(IdRole, member_id)
    if centred:
        item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
    return item


class OverviewPage(QWidget):
    """Built as OverviewPage(services, prompts); `refresh()` recomputes off the UI thread."""

    data_changed = Signal()

    def __init__(self, services, prompts, parent=None, *, jobs=None) -> None:
        super().__init__(parent)
        self._services = services
        self._prompts = prompts
        self.jobs = jobs if jobs is not None else JobRunner(self)
        self.overview: Overview | None = None
        self._higher_unit = ""
        self._is_loading = False
        self._reload_pending = False
        self.open_dialog = None
        self._build_layout()

    def _build_layout(self) -> None:
        self.title_label = QLabel()
        self.title_label.setWordWrap(True)
        self.active_figure = _Figure("thành viên đang tham gia")
        self.proposed_figure = _Figure("người đề nghị công nhận")
        self.left_figure = _Figure("người đã thôi tham gia")
        self.teams_figure = _Figure("tổ bảo vệ ANTT")
        figures = QHBoxLayout()
        for figure in (self.active_figure, self.proposed_figure, self.left_figure, self.teams_figure):
            figures.addWidget(figure)

        self.due_label = QLabel()
        self.due_label.setWordWrap(True)
        self.due_label.setTextFormat(Qt.TextFormat.RichText)
        due_box = QGroupBox("Việc cần làm trong tháng")
        QVBoxLayout(due_box).addWidget(self.due_label)

        self.teams_table = _table(TEAM_HEADERS)
        self.teams_box = QGroupBox("Theo tổ và chức danh")
        QVBoxLayout(self.teams_box).addWidget(self.teams_table)

        self.attention_label = QLabel()
        self.attention_label.setWordWrap(True)
        self.attention_label.setTextFormat(Qt.TextFormat.RichText)
        attention_box = QGroupBox("Tổ cần chú ý")
        QVBoxLayout(attention_box).addWidget(self.attention_label)

        self.bhyt_table = _table(["Họ và tên", "Tổ", "BHYT"], 0)
        self.bhyt_box = QGroupBox("Thành viên chưa có BHYT còn hạn")
        self.bhyt_more = QLabel()
        bhyt_layout = QVBoxLayout(self.bhyt_box)
        bhyt_layout.addWidget(self.bhyt_table)
        bhyt_layout.addWidget(self.bhyt_more)

        self.certificates_table = _table(["Họ và tên", "Tổ", "Chức danh"], 0)
        self.certificates_box = QGroupBox("Cần cấp giấy chứng nhận")
        self.certificates_more = QLabel()
        certificates_layout = QVBoxLayout(self.certificates_box)
        certificates_layout.addWidget(self.certificates_table)
        certificates_layout.addWidget(self.certificates_more)

        grid = QGridLayout()
        grid.addWidget(due_box, 0, 0)
        grid.addWidget(attention_box, 0, 1)
        grid.addWidget(self.teams_box, 1, 0)
        grid.addWidget(self.bhyt_box, 1, 1)
        grid.addWidget(self.certificates_box, 2, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        for table in (self.teams_table, self.bhyt_table, self.certificates_table):
            table.setMinimumHeight(self.fontMetrics().height() * 9)

        content = QWidget()
        layout = QVBoxLayout(content)
        layout.addWidget(self.title_label)
        layout.addLayout(figures)
        layout.addLayout(grid, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        for table in (self.bhyt_table, self.certificates_table):
            table.itemActivated.connect(self._on_member_item_activated)

    # ------------------------------------------------------------------ loading

    def refresh(self) -> None:
        if self._is_loading:
            self._reload_pending = True      # reloaded once the running load has finished
            return
        self._is_loading = True
        self._reload_pending = False
        self.jobs.start(self._read, label="Đang tổng hợp số liệu…", parent=self,
                        on_done=self._on_loaded, on_failed=self._on_load_failed)

    def _read(self):
        """Worker thread: services only."""
        return self._services.units.own_unit(), self._services.overview.summary(limit=LIST_LIMIT)

    def _on_load_failed(self, error: Exception) -> None:
        self._is_loading = False
        self._prompts.error("Tổng quan", "Không tổng hợp được số liệu.", describe(error))

    def _on_loaded(self, loaded) -> None:
        self._is_loading = False
        if self._reload_pending:
            self.refresh()
            return
        unit, overview = loaded
        self.overview = overview
        self._higher_unit = unit.higher_unit_name if unit else ""
        name = unit.name if unit else ""
        self.title_label.setText(f"<b>{name}</b> — số liệu ngày {format_vn_date(overview.on)}")
        statuses = overview.members_by_status
        positions = overview.members_by_position
        self.active_figure.set_value(statuses.get(MemberStatus.ACTIVE, 0))
        self.active_figure.caption_label.setText(
            "thành viên đang tham gia<br><small>" + ", ".join(
                f"{_number(positions.get(p, 0))} {POSITION_LABELS[p]}" for p in Position) + "</small>")
        self.proposed_figure.set_value(statuses.get(MemberStatus.PROPOSED, 0))
        self.left_figure.set_value(statuses.get(MemberStatus.LEFT, 0))
        attention = overview.teams_needing_attention_count
        self.teams_figure.set_value(overview.team_count)
        self.teams_figure.caption_label.setText(
            "tổ bảo vệ ANTT" + (f"<br><small>{_number(attention)} tổ cần chú ý</small>" if attention
                                else "<br><small>đủ thành phần</small>"))
        self._fill_due(overview)
        self._fill_teams(overview)
        self._fill_attention(overview)
        self._fill_members(self.bhyt_table, self.bhyt_more, self.bhyt_box, "Thành viên chưa có BHYT còn hạn",
                           overview.without_valid_bhyt, overview.without_valid_bhyt_count,
                           lambda r: "hết hạn " + format_vn_date(r.bhyt_valid_to) if r.bhyt_valid_to else "chưa có")
        self._fill_members(self.certificates_table, self.certificates_more, self.certificates_box,
                           "Cần cấp giấy chứng nhận", overview.certificates_to_issue,
                           overview.certificates_to_issue_count,
                           lambda r: POSITION_LABELS[r.position] if r.position else "")

    def _fill_due(self, overview: Overview) -> None:
        if not overview.due:
            self.due_label.setText("Không có việc nào đến hạn.")
            return
        self.due_label.setText("<ul style='margin-left:-20px'>" + "".join(
            f"<li>{due_text(item, overview, self._higher_unit)}</li>" for item in overview.due) + "</ul>")

    def _fill_teams(self, overview: Overview) -> None:
        """One row per team; in aggregator mode (several units) one row per commune instead."""
        table = self.teams_table
        if overview.is_aggregate:
            self.teams_box.setTitle("Theo đơn vị và chức danh")
            headers = UNIT_HEADERS
            rows = [(unit.unit_name, [unit.counts.get(p, 0) for p in _POSITIONS],
                     [_number(unit.team_count), _number(unit.attention_count)]) for unit in overview.units]
        else:
            self.teams_box.setTitle("Theo tổ và chức danh")
            headers = TEAM_HEADERS
            rows = [(team.team.name, [team.counts.get(p, 0) for p in _POSITIONS], [quota_text(team)])
                    for team in overview.teams]
        table.clearContents()
        table.setColumnCount(len(headers))
        table.setHorizontalHeaderLabels(headers)
        table.setRowCount(len(rows) + 1)
        totals = [0, 0, 0, 0]
        for row, (name, counts, extra) in enumerate(rows):
            counts = [*counts, sum(counts)]
            totals = [a + b for a, b in zip(totals, counts)]
            table.setItem(row, 0, _item(name))
            for column, value in enumerate(counts, start=1):
                table.setItem(row, column, _item(_number(value), centred=True))
            for column, text in enumerate(extra, start=5):
                table.setItem(row, column, _item(text, centred=True))
        total_row = len(rows)
        bold = QFont(table.font())
        bold.setBold(True)
        table.setItem(total_row, 0, _item("Cộng"))
        for column, value in enumerate(totals, start=1):
            table.setItem(total_row, column, _item(_number(value), centred=True))
        if overview.is_aggregate:
            table.setItem(total_row, 5, _item(_number(overview.team_count), centred=True))
            table.setItem(total_row, 6, _item(_number(overview.teams_needing_attention_count), centred=True))
        else:
            table.setItem(total_row, 5, _item(""))
        for column in range(len(headers)):
            table.item(total_row, column).setFont(bold)

    def _fill_attention(self, overview: Overview) -> None:
        teams = overview.teams_needing_attention
        if not overview.team_count:
            self.attention_label.setText(
                "Chưa có dữ liệu tổ của xã nào. Nhập gói dữ liệu các xã gửi lên ở «Đồng bộ USB»."
                if overview.aggregator else "Chưa có tổ nào. Vào «Thôn/Tổ» để thêm thôn và tổ.")
            return
        if not teams:
            self.attention_label.setText(
                "<span style='color:#1b6e20'>Mọi tổ đều có Tổ trưởng, Tổ phó và số thành viên "
                "trong định mức.</span>")
            return
        unit_names = {unit.unit_code: unit.unit_name for unit in overview.units} if overview.is_aggregate else {}
        lines = []
        for team in teams[:ATTENTION_SHOWN]:
            problems = [describe(w) for w in team.warnings]
            if team.quota_problem is not None:
                problems.append(describe(team.quota_problem))
            unit = unit_names.get(team.team.unit_code)
            name = f"{unit} — {team.team.name}" if unit else team.team.name
            # each problem is a sentence of its own ("Tổ chưa có Tổ trưởng."): no "; " after its full stop
            text = " ".join(p if p.endswith(".") else p + "." for p in problems)
            lines.append(f"<li><b>{name}</b>: {text}</li>")
        hidden = overview.teams_needing_attention_count - len(lines)
        more = f"<p>… và {_number(hidden)} tổ khác (xem ở «Thôn/Tổ»).</p>" if hidden > 0 else ""
        self.attention_label.setText("<ul style='margin-left:-20px'>" + "".join(lines) + "</ul>" + more)

    def _fill_members(self, table, more_label, box, title, rows, count, third) -> None:
        """The first rows of a list (the service reads at most LIST_LIMIT), and how many more."""
        box.setTitle(f"{title} ({_number(count)})")
        shown = rows[:LIST_LIMIT]
        table.setRowCount(len(shown))
        # At the higher unit team names repeat from commune to commune: say whose team it is.
        communes = ({u.unit_code: u.unit_name for u in self.overview.units}
                    if self.overview is not None and self.overview.is_aggregate else {})
        for row, member in enumerate(shown):
            team = member.team_name or member.hamlet_name
            if member.unit_code in communes:
                team = f"{communes[member.unit_code]} — {team}"
            table.setItem(row, 0, _item(member.full_name, member.id))
            table.setItem(row, 1, _item(team))
            table.setItem(row, 2, _item(third(member)))
        if not count:
            more_label.setText("Không có ai.")
        elif count > len(shown):
            more_label.setText(f"… và {_number(count - len(shown))} người khác.")
        else:
            more_label.setText("Nhấp đúp vào một dòng để mở hồ sơ.")

    def _on_member_item_activated(self, item: QTableWidgetItem) -> None:
        member_id = item.tableWidget().item(item.row(), 0).data(IdRole)
        dialog = MemberDialog(self._services, self._prompts, member_id, parent=self.window())
        dialog.member_saved.connect(self._on_member_saved)
        dialog.finished.connect(self._on_dialog_finished)
        self.open_dialog = dialog
        dialog.open()

    def _on_member_saved(self, _member) -> None:
        self.refresh()
        self.data_changed.emit()

    def _on_dialog_finished(self, _result: int) -> None:
        dialog, self.open_dialog = self.open_dialog, None
        if dialog is not None:
            dialog.deleteLater()
