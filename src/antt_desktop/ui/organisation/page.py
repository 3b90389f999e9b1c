"""Thôn/Tổ: hamlets with households and residents, each team against its quota, and its roster."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from antt_desktop.domain.access import Permission, can
from antt_desktop.domain.dates import format_vn_date
from antt_desktop.domain.errors import DomainError
from antt_desktop.domain.people import HAMLET_KIND_LABELS, POSITION_LABELS, Position, UnitMode
from antt_desktop.messages import describe
from antt_desktop.ui.jobs import JobRunner
from antt_desktop.ui.members.member_dialog import MemberDialog
from antt_desktop.ui.organisation.dialogs import HamletDialog, TeamDialog
from antt_desktop.ui.read_only import set_writable

WARNING_BRUSH = QBrush(QColor("#b3261e"))
GOOD_BRUSH = QBrush(QColor("#1b6e20"))
IdRole = Qt.ItemDataRole.UserRole + 1


def _number(value: int | None) -> str:
    return "—" if value is None else f"{value:,}".replace(",", ".")


def _table(headers: list[str], stretch: int) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return table


def _item(text: str, record_id: str | None = None, *, centred: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    if record_id is not None:
        item.setData(IdRole, record_id)
    if centred:
        item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
    return item


def quota_text(overview) -> str:
    quota = overview.quota
    if quota is None:
        return "Chưa xác định"
    if quota.min_members == quota.max_members:
        return str(quota.max_members)
    return f"{quota.min_members}–{quota.max_members}"


class OrganisationPage(QWidget):
    """Built as OrganisationPage(services, prompts); `refresh()` reloads everything."""

    data_changed = Signal()

    def __init__(self, services, prompts, parent=None, *, jobs=None) -> None:
        super().__init__(parent)
        self._services = services
        self._prompts = prompts
        self.jobs = jobs if jobs is not None else JobRunner(self)
        self._hamlets = []
        self._overviews = []
        self._aggregator = False
        self._is_loading = False
        self._reload_pending = False
        self.open_dialog = None
        self._build_layout()
        self._connect_signals()

    def _build_layout(self) -> None:
        self.policy_label = QLabel()
        self.policy_label.setWordWrap(True)

        self.add_hamlet_button = QPushButton("Thêm thôn/tổ dân phố")
        self.edit_hamlet_button = QPushButton("Sửa")
        self.delete_hamlet_button = QPushButton("Xóa")
        self.hamlets_table = _table(["Thôn/Tổ dân phố", "Loại", "Số hộ", "Nhân khẩu", "Đặc điểm"], 4)
        hamlet_buttons = QHBoxLayout()
        for button in (self.add_hamlet_button, self.edit_hamlet_button, self.delete_hamlet_button):
            hamlet_buttons.addWidget(button)
        hamlet_buttons.addStretch()
        hamlets_box = QGroupBox("Thôn, tổ dân phố")
        hamlets_layout = QVBoxLayout(hamlets_box)
        hamlets_layout.addLayout(hamlet_buttons)
        hamlets_layout.addWidget(self.hamlets_table)

        self.add_team_button = QPushButton("Thêm tổ")
        self.edit_team_button = QPushButton("Sửa tổ")
        self.teams_table = _table(["Tổ bảo vệ ANTT", "Thành viên", "Tổ trưởng", "Tổ phó", "Tổ viên",
                                   "Định mức", "Tình trạng"], 6)
        # Each problem on its own line: the row grows rather than the status being cut to "Tổ chưa có T…"
        self.teams_table.setWordWrap(True)
        self.teams_table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        team_buttons = QHBoxLayout()
        team_buttons.addWidget(self.add_team_button)
        team_buttons.addWidget(self.edit_team_button)
        team_buttons.addStretch()
        teams_box = QGroupBox("Tổ bảo vệ an ninh, trật tự")
        teams_layout = QVBoxLayout(teams_box)
        teams_layout.addLayout(team_buttons)
        teams_layout.addWidget(self.teams_table)

        self.roster_title = QLabel("Chọn một tổ để xem danh sách.")
        self.quota_label = QLabel()
        self.quota_label.setWordWrap(True)
        self.warnings_label = QLabel()
        self.warnings_label.setWordWrap(True)
        self.warnings_label.setStyleSheet("color: #b3261e;")
        self.roster_table = _table(["Họ và tên", "Chức danh", "Ngày sinh", "Điện thoại", "Giữ chức danh từ"], 0)
        roster_box = QGroupBox("Danh sách tổ")
        roster_layout = QVBoxLayout(roster_box)
        roster_layout.addWidget(self.roster_title)
        roster_layout.addWidget(self.quota_label)
        roster_layout.addWidget(self.warnings_label)
        roster_layout.addWidget(self.roster_table)

        top = QSplitter(Qt.Orientation.Horizontal)
        top.addWidget(hamlets_box)
        top.addWidget(teams_box)
        top.setStretchFactor(0, 4)
        top.setStretchFactor(1, 6)
        top.setSizes([400, 600])          # the teams' status column needs the room more than the hamlets
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(top)
        self.splitter.addWidget(roster_box)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.policy_label)
        layout.addWidget(self.splitter, 1)
        self._update_buttons()

    def _connect_signals(self) -> None:
        self.add_hamlet_button.clicked.connect(self._on_add_hamlet_button_clicked)
        self.edit_hamlet_button.clicked.connect(self._on_edit_hamlet_button_clicked)
        self.delete_hamlet_button.clicked.connect(self._on_delete_hamlet_button_clicked)
        self.add_team_button.clicked.connect(self._on_add_team_button_clicked)
        self.edit_team_button.clicked.connect(self._on_edit_team_button_clicked)
        self.hamlets_table.itemSelectionChanged.connect(self._on_hamlets_table_selection_changed)
        self.hamlets_table.itemActivated.connect(
            lambda _item: self.edit_hamlet_button.isEnabled() and self._on_edit_hamlet_button_clicked())
        self.teams_table.itemSelectionChanged.connect(self._on_teams_table_selection_changed)
        self.teams_table.itemActivated.connect(
            lambda _item: self.edit_team_button.isEnabled() and self._on_edit_team_button_clicked())
        self.roster_table.itemActivated.connect(self._on_roster_table_item_activated)

    # ------------------------------------------------------------------ loading

    def refresh(self) -> None:
        if self._is_loading:
            self._reload_pending = True      # reloaded once the running load has finished
            return
        self._is_loading = True
        self._reload_pending = False
        self.jobs.start(self._read, label="Đang tải thôn, tổ…", parent=self,
                        on_done=self._on_loaded, on_failed=self._on_load_failed)

    def _read(self):
        """Worker thread: services only."""
        policy = None
        unit = self._services.units.own_unit()
        if unit is not None:
            policy = self._services.policies.unit_policy()
        aggregator = unit is not None and unit.mode is UnitMode.AGGREGATOR
        return self._services.hamlets.list(), self._services.policies.team_overviews(), policy, aggregator

    def _on_load_failed(self, error: Exception) -> None:
        self._is_loading = False
        self._prompts.error("Thôn/Tổ", "Không tải được danh sách thôn, tổ.", describe(error))

    def _on_loaded(self, loaded) -> None:
        self._is_loading = False
        if self._reload_pending:
            self.refresh()
            return
        self._hamlets, self._overviews, policy, self._aggregator = loaded
        if policy is None:
            self.policy_label.setText(
                "<b>Chưa chọn nghị quyết của tỉnh</b>: định mức thành viên của các tổ chưa xác định. "
                "Chọn nghị quyết trong <i>Cài đặt › Đơn vị</i>, hoặc đặt định mức riêng cho từng tổ.")
        else:
            version = policy.policy
            number = version.resolution_number or "nghị quyết chưa rõ số"
            since = f", áp dụng từ {format_vn_date(version.effective_from)}" if version.effective_from else ""
            self.policy_label.setText(f"Định mức theo {number} của {version.province_name}{since}.")
        team_id = self.selected_team_id()
        hamlet_id = self.selected_hamlet_id()
        self._fill_hamlets()
        self._fill_teams()
        self._select(self.hamlets_table, hamlet_id)
        if not self._select(self.teams_table, team_id) and self.teams_table.rowCount():
            self.teams_table.selectRow(0)
        self._show_roster()
        self._update_buttons()

    def _fill_hamlets(self) -> None:
        table = self.hamlets_table
        table.setSortingEnabled(False)
        table.setRowCount(len(self._hamlets))
        for row, hamlet in enumerate(self._hamlets):
            traits = []
            if hamlet.is_complex:
                traits.append("phức tạp về ANTT")
            if hamlet.is_exempt_area:
                traits.append("vùng được xét trình độ tiểu học")
            table.setItem(row, 0, _item(hamlet.name, hamlet.id))
            table.setItem(row, 1, _item(HAMLET_KIND_LABELS[hamlet.kind]))
            table.setItem(row, 2, _item(_number(hamlet.households), centred=True))
            table.setItem(row, 3, _item(_number(hamlet.residents), centred=True))
            table.setItem(row, 4, _item(", ".join(traits)))

    def _fill_teams(self) -> None:
        table = self.teams_table
        table.setRowCount(len(self._overviews))
        for row, overview in enumerate(self._overviews):
            counts = overview.counts
            table.setItem(row, 0, _item(overview.team.name, overview.team.id))
            table.setItem(row, 1, _item(str(overview.member_count), centred=True))
            for column, position in ((2, Position.LEADER), (3, Position.DEPUTY), (4, Position.MEMBER)):
                table.setItem(row, column, _item(str(counts.get(position, 0)), centred=True))
            quota = _item(quota_text(overview), centred=True)
            if overview.quota is not None:
                quota.setToolTip(overview.quota.basis)
            elif overview.quota_problem is not None:
                quota.setToolTip(describe(overview.quota_problem))
            table.setItem(row, 5, quota)
            problems = [describe(w) for w in overview.warnings]
            status = _item("\n".join(problems) if problems else "Đủ thành phần")
            status.setForeground(WARNING_BRUSH if problems else GOOD_BRUSH)
            status.setToolTip("\n".join(problems))
            table.setItem(row, 6, status)

    @staticmethod
    def _select(table: QTableWidget, record_id: str | None) -> bool:
        if record_id is None:
            return False
        for row in range(table.rowCount()):
            if table.item(row, 0).data(IdRole) == record_id:
                table.selectRow(row)
                return True
        return False

    # ------------------------------------------------------------------ selection

    @staticmethod
    def _selected_id(table: QTableWidget) -> str | None:
        rows = table.selectionModel().selectedRows()
        if not rows:
            return None
        return table.item(rows[0].row(), 0).data(IdRole)

    def selected_hamlet_id(self) -> str | None:
        return self._selected_id(self.hamlets_table)

    def selected_team_id(self) -> str | None:
        return self._selected_id(self.teams_table)

    def _selected_overview(self):
        team_id = self.selected_team_id()
        return next((o for o in self._overviews if o.team.id == team_id), None)

    def _update_buttons(self) -> None:
        role = getattr(self._services.context, "role", None)
        allowed = role is None or can(role, Permission.EDIT_RECORDS)     # services check it too (#8)
        has_hamlet = self.selected_hamlet_id() is not None
        aggregator = self._aggregator          # the communes' data: only looked at here
        set_writable(self.add_hamlet_button, allowed, aggregator)
        set_writable(self.edit_hamlet_button, allowed and has_hamlet, aggregator)
        set_writable(self.delete_hamlet_button, allowed and has_hamlet, aggregator)
        set_writable(self.add_team_button, allowed and bool(self._hamlets), aggregator)
        set_writable(self.edit_team_button, allowed and self.selected_team_id() is not None, aggregator)

    def _on_hamlets_table_selection_changed(self) -> None:
        hamlet_id = self.selected_hamlet_id()
        team = next((o.team for o in self._overviews if o.team.hamlet_id == hamlet_id), None)
        if team is not None and team.id != self.selected_team_id():
            self._select(self.teams_table, team.id)
        self._update_buttons()

    def _on_teams_table_selection_changed(self) -> None:
        self._show_roster()
        self._update_buttons()

    def _show_roster(self) -> None:
        overview = self._selected_overview()
        if overview is None:
            self.roster_title.setText("Chọn một tổ để xem danh sách." if self._overviews else
                                      "Chưa có tổ nào. Thêm thôn/tổ dân phố, rồi bấm «Thêm tổ».")
            self.quota_label.clear()
            self.warnings_label.clear()
            self.roster_table.setRowCount(0)
            return
        hamlet = overview.hamlet.name if overview.hamlet else ""
        self.roster_title.setText(f"<b>{overview.team.name}</b> — {hamlet}: "
                                  f"{overview.member_count} thành viên")
        if overview.quota is not None:
            self.quota_label.setText(f"Định mức: {overview.quota.basis}")
        elif overview.quota_problem is not None:
            self.quota_label.setText(f"Định mức chưa xác định: {describe(overview.quota_problem)}")
        else:
            self.quota_label.setText("Định mức chưa xác định: chưa chọn nghị quyết của tỉnh.")
        self.warnings_label.setText("<br>".join(f"⚠ {describe(w)}" for w in overview.warnings))
        self.warnings_label.setVisible(bool(overview.warnings))
        roster = self._services.teams.roster(overview.team.id)
        self.roster_table.setRowCount(len(roster))
        for row, line in enumerate(roster):
            member = line.member
            birth = format_vn_date(member.birth_date) if member.birth_date else str(member.birth_year or "")
            self.roster_table.setItem(row, 0, _item(member.full_name, member.id))
            self.roster_table.setItem(row, 1, _item(POSITION_LABELS[line.assignment.position]))
            self.roster_table.setItem(row, 2, _item(birth, centred=True))
            self.roster_table.setItem(row, 3, _item(member.phone or "", centred=True))
            self.roster_table.setItem(row, 4, _item(format_vn_date(line.assignment.started_on), centred=True))

    # ------------------------------------------------------------------ actions

    def _open(self, dialog, saved_signal) -> None:
        saved_signal.connect(self._on_record_saved)
        dialog.finished.connect(self._on_dialog_finished)
        self.open_dialog = dialog
        dialog.open()

    def _on_dialog_finished(self, _result: int) -> None:
        dialog, self.open_dialog = self.open_dialog, None
        if dialog is not None:
            dialog.deleteLater()

    def _on_record_saved(self, _record) -> None:
        self.refresh()
        self.data_changed.emit()

    def _on_add_hamlet_button_clicked(self) -> None:
        dialog = HamletDialog(self._services, self._prompts, parent=self.window())
        self._open(dialog, dialog.hamlet_saved)

    def _on_edit_hamlet_button_clicked(self) -> None:
        hamlet_id = self.selected_hamlet_id()
        hamlet = next((h for h in self._hamlets if h.id == hamlet_id), None)
        if hamlet is None:
            return
        dialog = HamletDialog(self._services, self._prompts, hamlet, parent=self.window())
        self._open(dialog, dialog.hamlet_saved)

    def _on_delete_hamlet_button_clicked(self) -> None:
        hamlet_id = self.selected_hamlet_id()
        hamlet = next((h for h in self._hamlets if h.id == hamlet_id), None)
        if hamlet is None:
            return
        if not self._prompts.confirm("Xóa thôn/tổ dân phố", f"Xóa «{hamlet.name}» khỏi danh sách?",
                                     yes="Xóa", no="Không xóa"):
            return
        try:
            self._services.hamlets.delete(hamlet.id)
        except DomainError as error:
            self._prompts.warn("Không xóa được", describe(error))
            return
        self._on_record_saved(None)

    def _on_add_team_button_clicked(self) -> None:
        dialog = TeamDialog(self._services, self._prompts, hamlets=self._hamlets,
                            hamlet_id=self.selected_hamlet_id(), parent=self.window())
        self._open(dialog, dialog.team_saved)

    def _on_edit_team_button_clicked(self) -> None:
        overview = self._selected_overview()
        if overview is None:
            return
        dialog = TeamDialog(self._services, self._prompts, team=overview.team, hamlets=self._hamlets,
                            parent=self.window())
        self._open(dialog, dialog.team_saved)

    def _on_roster_table_item_activated(self, item: QTableWidgetItem) -> None:
        member_id = self.roster_table.item(item.row(), 0).data(IdRole)
        dialog = MemberDialog(self._services, self._prompts, member_id, parent=self.window())
        self._open(dialog, dialog.member_saved)
