"""Thành viên: the member list with search as you type, filters, chosen columns, and the form."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QEvent, QSettings, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from antt_desktop.domain import vn_text
from antt_desktop.domain.access import Permission, can
from antt_desktop.domain.members import BHYT_STATE_LABELS, BhytState
from antt_desktop.domain.people import POSITION_LABELS, STATUS_LABELS, MemberStatus, Position
from antt_desktop.messages import describe
from antt_desktop.services.members import MemberFilter, narrows, select_rows
from antt_desktop.ui.jobs import JobRunner
from antt_desktop.ui.members.member_dialog import MemberDialog
from antt_desktop.ui.read_only import is_aggregator, set_writable
from antt_desktop.ui.members.member_table_model import (
    HEADERS,
    HIDDEN_BY_DEFAULT,
    WIDTH_SAMPLES,
    Column,
    MemberTableModel,
    sort_key,
)
from antt_desktop.ui.registry import DIALOGS, load_class, pending_text

HEADER_STATE_KEY = "members/header_state"
NO_POSITION = "none"
ROW_HEIGHT_PADDING = 8
RESULTS_KEPT = 32
FIRST_ROWS = 200          # shown at once on opening a long list, while the whole list loads


def _enum(kind, value):
    """A combo box gives a str Enum back as its plain value (QVariant keeps only the str)."""
    return None if value is None else kind(value)


class MembersPage(QWidget):
    """Built as MembersPage(services, prompts); `refresh()` (re)loads the list off the UI thread."""

    data_changed = Signal()
    member_dialog_opened = Signal(object)

    def __init__(self, services, prompts, parent=None, *, jobs=None, settings: QSettings | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._prompts = prompts
        self.jobs = jobs if jobs is not None else JobRunner(self)
        self._settings = settings if settings is not None else QSettings()
        self._today = services.context.today()
        self._loaded_rows: list = []          # Vietnamese name order, as the service gives them
        self._all_rows: list = []             # the same rows in the order of the sorted column
        self._last_filter: MemberFilter | None = None
        self._last_result: list = []
        self._results: dict[MemberFilter, list] = {}
        self._unit_names: dict[str, str] = {}
        self._places: dict[str, list[tuple[str, tuple[str, str]]]] = {}
        self._select_after_load: str | None = None
        self._is_loading = False
        self._reload_pending = False
        self._loading_total: int | None = None   # while only the first rows are shown: how many in all
        self.member_dialog: MemberDialog | None = None
        self._build_layout()
        self._restore_header()
        self._connect_signals()
        self._apply_role()

    def _apply_role(self) -> None:
        """A user who may only look sees the list; the services refuse writes anyway (#8)."""
        role = getattr(self._services.context, "role", None)
        allowed = role is None or can(role, Permission.EDIT_RECORDS)
        if not allowed:
            self.new_button.setToolTip("Tài khoản của bạn chỉ được xem dữ liệu.")
        aggregator = is_aggregator(self._services)    # the communes' members: only looked at here
        for widget in (self.new_button, self.new_action):
            set_writable(widget, allowed, aggregator)
        set_writable(self.import_button, role is None or can(role, Permission.IMPORT_DATA), aggregator)

    # ------------------------------------------------------------------ building

    def _build_layout(self) -> None:
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(
            "Tìm theo họ tên, số định danh hoặc số điện thoại — gõ không dấu cũng được (Ctrl+F)")
        self.search_edit.setClearButtonEnabled(True)
        self.new_button = QPushButton("Thêm thành viên")
        self.new_button.setToolTip("Thêm thành viên mới (Ctrl+N)")
        self.import_button = QPushButton("Nhập từ Excel…")
        self.columns_button = QPushButton("Cột hiển thị")
        self.columns_menu = QMenu(self.columns_button)
        self.column_actions: dict[Column, QAction] = {}
        for column in Column:
            action = QAction(HEADERS[column], self.columns_menu)
            action.setCheckable(True)
            action.setEnabled(column is not Column.NAME)
            self.columns_menu.addAction(action)
            self.column_actions[column] = action
        self.columns_button.setMenu(self.columns_menu)
        top = QHBoxLayout()
        top.addWidget(self.search_edit, 1)
        top.addWidget(self.new_button)
        top.addWidget(self.import_button)
        top.addWidget(self.columns_button)

        self.unit_combo = QComboBox()
        self.unit_combo.setMinimumContentsLength(14)
        self.unit_label = QLabel("Đơn vị")
        self.place_combo = QComboBox()
        self.place_combo.setMinimumContentsLength(18)
        self.place_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.position_combo = QComboBox()
        self.position_combo.addItem("Mọi chức danh", None)
        for position in Position:
            self.position_combo.addItem(POSITION_LABELS[position], position)
        self.position_combo.addItem("Chưa có chức danh", NO_POSITION)
        self.status_combo = QComboBox()
        self.status_combo.addItem("Mọi trạng thái", None)
        for status in MemberStatus:
            self.status_combo.addItem(STATUS_LABELS[status], status)
        self.bhyt_combo = QComboBox()
        self.bhyt_combo.addItem("BHYT: tất cả", None)
        for state in BhytState:
            self.bhyt_combo.addItem(BHYT_STATE_LABELS[state], state)
        self.clear_filters_button = QPushButton("Bỏ lọc")
        filters = QHBoxLayout()
        filters.addWidget(self.unit_label)
        filters.addWidget(self.unit_combo)
        filters.addWidget(QLabel("Nơi"))
        filters.addWidget(self.place_combo)
        filters.addWidget(self.position_combo)
        filters.addWidget(self.status_combo)
        filters.addWidget(self.bhyt_combo)
        filters.addWidget(self.clear_filters_button)
        filters.addStretch()
        self.unit_label.hide()
        self.unit_combo.hide()

        self.model = MemberTableModel(self, today=self._today)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        vertical = self.table.verticalHeader()
        # Fixed row heights: the view never measures 100,000 rows (STYLE §7).
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(self.fontMetrics().height() + ROW_HEIGHT_PADDING)
        vertical.hide()
        header = self.table.horizontalHeader()
        header.setSectionsMovable(True)
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(Column.NAME, Qt.SortOrder.AscendingOrder)
        header.setStretchLastSection(True)
        header.setHighlightSections(False)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        metrics = self.fontMetrics()
        for column in Column:
            text_width = max(metrics.horizontalAdvance(WIDTH_SAMPLES[column]),
                             metrics.horizontalAdvance(HEADERS[column]) + 24)
            header.resizeSection(column, text_width + 16)
            header.setSectionHidden(column, column in HIDDEN_BY_DEFAULT)
        self.open_action = QAction("Mở hồ sơ", self.table)
        self.new_action = QAction("Thêm thành viên", self.table)
        self.table.addAction(self.open_action)
        self.table.addAction(self.new_action)

        self.empty_label = QLabel(
            "Chưa có thành viên nào. Bấm «Thêm thành viên» (Ctrl+N) để nhập từng người, "
            "hoặc «Nhập từ Excel…» để chuyển danh sách sẵn có vào.")
        self.empty_label.setWordWrap(True)
        self.empty_label.hide()
        self.count_label = QLabel()

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)
        self.setTabOrder(self.search_edit, self.table)

    def _restore_header(self) -> None:
        state = self._settings.value(HEADER_STATE_KEY)
        header = self.table.horizontalHeader()
        if state is not None:
            header.restoreState(state)
        header.setSectionHidden(Column.NAME, False)
        for column, action in self.column_actions.items():
            action.setChecked(not header.isSectionHidden(column))
        self._resort(header.sortIndicatorSection(), header.sortIndicatorOrder())

    def _connect_signals(self) -> None:
        self.search_edit.textChanged.connect(self._on_filters_changed)
        self.search_edit.installEventFilter(self)
        for combo in (self.place_combo, self.position_combo, self.status_combo, self.bhyt_combo):
            combo.currentIndexChanged.connect(self._on_filters_changed)
        self.unit_combo.currentIndexChanged.connect(self._on_unit_combo_changed)
        self.clear_filters_button.clicked.connect(self._on_clear_filters_button_clicked)
        self.new_button.clicked.connect(self.new_member)
        self.new_action.triggered.connect(self.new_member)
        self.open_action.triggered.connect(self._on_open_action_triggered)
        self.import_button.clicked.connect(self._on_import_button_clicked)
        self.table.activated.connect(self._on_table_activated)
        header = self.table.horizontalHeader()
        header.sortIndicatorChanged.connect(self._on_header_sort_indicator_changed)
        header.customContextMenuRequested.connect(self._on_header_context_menu_requested)
        header.sectionMoved.connect(lambda *_: self.save_layout())
        for column, action in self.column_actions.items():
            action.toggled.connect(lambda checked, column=column: self._on_column_action_toggled(column, checked))

    # ------------------------------------------------------------------ loading

    def refresh(self) -> None:
        """Reload the list (in the worker thread; the progress shows if it takes a while)."""
        if self._is_loading:
            self._reload_pending = True      # reloaded once the running load has finished
            return
        self._is_loading = True
        self._reload_pending = False
        if not self._loaded_rows:
            self._show_first_rows()
        # With the first rows on screen the count line says the rest is loading: no modal
        # progress dialog (parent=None) to stop the officer reading or typing meanwhile.
        self.jobs.start(self._read_list, label="Đang tải danh sách thành viên…",
                        parent=None if self._loading_total is not None else self,
                        on_done=self._on_list_loaded, on_failed=self._on_list_failed)

    def _show_first_rows(self) -> None:
        """On opening, the first FIRST_ROWS members in name order at once (a LIMIT query of a
        few ms on the UI thread): at 100,000 members the whole list takes ~1.3 s to load."""
        header = self.table.horizontalHeader()
        if header.sortIndicatorSection() != Column.NAME or header.sortIndicatorOrder() != Qt.SortOrder.AscendingOrder:
            return                            # the first rows by name are not the first rows shown
        try:
            total = self._services.members.count()
            if total <= FIRST_ROWS:
                return                        # the whole list comes as quickly
            rows = self._services.members.search("", limit=FIRST_ROWS)
            units = self._services.units.list_units()
        except Exception:  # noqa: BLE001 — the full load that follows reports it
            return
        self._loading_total = total
        self._unit_names = {unit.code: unit.name for unit in units}
        self.model.set_unit_names(self._unit_names)
        self._loaded_rows = rows
        self._resort(header.sortIndicatorSection(), header.sortIndicatorOrder())

    def _read_list(self):
        """Runs in the worker thread: services only, no widgets."""
        units = self._services.units.list_units()
        places = self._services.members.places()
        return self._services.members.list_rows(), units, places

    def _on_list_failed(self, error: Exception) -> None:
        self._is_loading = False
        if self._loading_total is not None:      # the first rows stay; say the rest did not come
            self.count_label.setText(f"Chỉ hiện {self.model.rowCount():,} người đầu: chưa tải được cả danh sách."
                                     .replace(",", "."))
        self._loading_total = None
        self._prompts.error("Danh sách thành viên", "Không tải được danh sách thành viên.",
                            describe(error))

    def _on_list_loaded(self, loaded) -> None:
        self._is_loading = False
        if self._reload_pending:
            self.refresh()
            return
        rows, units, places = loaded
        self._loading_total = None
        self._unit_names = {unit.code: unit.name for unit in units}
        self.model.set_unit_names(self._unit_names)
        self._places = {}
        for unit_code, name, place in places:       # hamlets, then the teams not dissolved
            self._places.setdefault(unit_code, []).append((name, place))
        self._fill_unit_combo(units)
        self._loaded_rows = rows
        header = self.table.horizontalHeader()
        self._resort(header.sortIndicatorSection(), header.sortIndicatorOrder())
        self.empty_label.setVisible(not rows)
        if self._select_after_load:
            self.select_member(self._select_after_load)
            self._select_after_load = None

    def _fill_unit_combo(self, units) -> None:
        chosen = self.unit_combo.currentData()
        communes = [u.code for u in units if not u.is_own]
        many = bool(communes)
        self.unit_combo.blockSignals(True)
        self.unit_combo.clear()
        if many:
            self.unit_combo.addItem("Tất cả đơn vị", None)
            for code in sorted(communes, key=lambda c: vn_text.natural_key(self._unit_names[c])):
                self.unit_combo.addItem(self._unit_names[code], code)
            self.unit_combo.setCurrentIndex(max(self.unit_combo.findData(chosen), 0))
        self.unit_combo.blockSignals(False)
        self.unit_label.setVisible(many)
        self.unit_combo.setVisible(many)
        header = self.table.horizontalHeader()
        if many and self._settings.value(HEADER_STATE_KEY) is None:
            header.setSectionHidden(Column.UNIT, False)
            self.column_actions[Column.UNIT].setChecked(True)
        self._fill_place_combo()

    def _fill_place_combo(self) -> None:
        chosen = self.place_combo.currentData()
        if self.unit_combo.isVisibleTo(self):        # aggregator: the places of the chosen commune
            unit_code = self.unit_combo.currentData()
            places = self._places.get(unit_code, []) if unit_code else []
        else:
            places = [place for values in self._places.values() for place in values]
        hamlets = sorted((p for p in places if p[1][0] == "hamlet"), key=lambda p: vn_text.natural_key(p[0]))
        teams = sorted((p for p in places if p[1][0] == "team"), key=lambda p: vn_text.natural_key(p[0]))
        self.place_combo.blockSignals(True)
        self.place_combo.clear()
        self.place_combo.addItem("Mọi thôn/tổ", None)
        for name, data in hamlets:
            self.place_combo.addItem(name, data)
        if teams:
            self.place_combo.insertSeparator(self.place_combo.count())
            for name, data in teams:
                self.place_combo.addItem(name, data)
        self.place_combo.setCurrentIndex(max(self.place_combo.findData(chosen), 0))
        self.place_combo.setEnabled(bool(places))
        self.place_combo.setToolTip("" if places else "Chọn một đơn vị trước")
        self.place_combo.blockSignals(False)

    # ------------------------------------------------------------------ filtering and sorting

    def criteria(self) -> MemberFilter:
        place = self.place_combo.currentData()
        position = self.position_combo.currentData()
        return MemberFilter(
            text=self.search_edit.text(),
            unit_code=self.unit_combo.currentData() if self.unit_combo.isVisibleTo(self) else None,
            hamlet_id=place[1] if place and place[0] == "hamlet" else None,
            team_id=place[1] if place and place[0] == "team" else None,
            position=Position(position) if position not in (None, NO_POSITION) else None,
            without_position=position == NO_POSITION,
            status=_enum(MemberStatus, self.status_combo.currentData()),
            bhyt=_enum(BhytState, self.bhyt_combo.currentData()),
        )

    def _apply_filter(self) -> None:
        criteria = self.criteria()
        rows = self._results.get(criteria)
        if rows is None:
            base = self._all_rows
            previous = self._last_filter
            if (previous is not None and replace(previous, text="") == replace(criteria, text="")
                    and narrows(previous.text, criteria.text)):
                base = self._last_result      # a keystroke that narrows: filter the previous result
            rows = select_rows(base, criteria, self._today)
            # Backspace returns to a query already seen: its result is kept (a list of
            # references, at most ~0.8 MB at 100,000 rows).
            if len(self._results) >= RESULTS_KEPT:
                del self._results[next(iter(self._results))]
            self._results[criteria] = rows
        current = self.current_row()
        self.model.set_rows(rows)
        self._last_filter, self._last_result = criteria, rows
        if current is not None:
            self.select_member(current.id, scroll=False)
        total = len(self._loaded_rows)
        if self._loading_total is not None:
            self.count_label.setText(
                f"Đang tải danh sách {self._loading_total:,} thành viên… (đang hiện {len(rows):,} người đầu)"
                .replace(",", "."))
        elif len(rows) == total:
            self.count_label.setText(f"{total:,} thành viên".replace(",", "."))
        else:
            self.count_label.setText(f"Tìm thấy {len(rows):,} / {total:,} thành viên".replace(",", "."))

    def _resort(self, column: int, order: Qt.SortOrder) -> None:
        column = Column(column) if 0 <= column < len(Column) else Column.NAME
        if column is Column.NAME and order == Qt.SortOrder.AscendingOrder:
            self._all_rows = self._loaded_rows
        else:
            self._all_rows = sorted(self._loaded_rows, key=sort_key(column, self._unit_names),
                                    reverse=order == Qt.SortOrder.DescendingOrder)
        self._last_filter = None
        self._results.clear()
        self._apply_filter()

    def _on_filters_changed(self, *_args) -> None:
        self._apply_filter()

    def _on_unit_combo_changed(self, _index: int) -> None:
        self._fill_place_combo()
        self._apply_filter()

    def _on_clear_filters_button_clicked(self) -> None:
        for combo in (self.unit_combo, self.place_combo, self.position_combo, self.status_combo,
                      self.bhyt_combo):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self._fill_place_combo()
        self.search_edit.clear()
        self._apply_filter()

    def _on_header_sort_indicator_changed(self, column: int, order: Qt.SortOrder) -> None:
        self._resort(column, order)
        self.save_layout()

    # ------------------------------------------------------------------ columns

    def _on_column_action_toggled(self, column: Column, checked: bool) -> None:
        self.table.horizontalHeader().setSectionHidden(column, not checked)
        self.save_layout()

    def _on_header_context_menu_requested(self, position) -> None:
        self.columns_menu.popup(self.table.horizontalHeader().mapToGlobal(position))

    def save_layout(self) -> None:
        """Keep the columns shown, their order, widths and the sort in QSettings."""
        self._settings.setValue(HEADER_STATE_KEY, self.table.horizontalHeader().saveState())

    # ------------------------------------------------------------------ members

    def current_row(self):
        index = self.table.currentIndex()
        if not index.isValid() or not self.table.selectionModel().isRowSelected(index.row(), index.parent()):
            return None
        return self.model.row_at(index.row())

    def select_member(self, member_id: str, *, scroll: bool = True) -> bool:
        row = self.model.row_of(member_id)
        if row < 0:
            return False
        self.table.selectRow(row)
        if scroll:
            self.table.scrollTo(self.model.index(row, 0), QAbstractItemView.ScrollHint.PositionAtCenter)
        return True

    def focus_search(self) -> None:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def new_member(self) -> None:
        if self.new_button.isEnabled():
            self._open_dialog(None)

    def open_member(self, member_id: str) -> None:
        self._open_dialog(member_id)

    def _open_dialog(self, member_id: str | None) -> None:
        if self.member_dialog is not None:
            self.member_dialog.raise_()
            self.member_dialog.activateWindow()
            return
        try:
            dialog = MemberDialog(self._services, self._prompts, member_id, parent=self.window())
        except Exception as error:  # noqa: BLE001 — a vanished record, a broken file
            self._prompts.error("Hồ sơ thành viên", "Không mở được hồ sơ.", describe(error))
            return
        dialog.member_saved.connect(self._on_member_dialog_member_saved)
        dialog.finished.connect(self._on_member_dialog_finished)
        self.member_dialog = dialog
        dialog.open()
        self.member_dialog_opened.emit(dialog)

    def _on_member_dialog_member_saved(self, member) -> None:
        self._select_after_load = member.id
        self.refresh()
        self.data_changed.emit()

    def _on_member_dialog_finished(self, _result: int) -> None:
        dialog, self.member_dialog = self.member_dialog, None
        if dialog is not None:
            dialog.deleteLater()
        self.table.setFocus()

    def _on_table_activated(self, index) -> None:
        if index.isValid():
            self.open_member(self.model.row_at(index.row()).id)

    def _on_open_action_triggered(self) -> None:
        row = self.current_row()
        if row is not None:
            self.open_member(row.id)

    def _on_import_button_clicked(self) -> None:
        entry = DIALOGS["member_import"]
        wizard_class = load_class(entry)
        if wizard_class is None:
            self._prompts.inform(entry.title, pending_text(entry))
            return
        wizard = wizard_class(self._services, self._prompts, parent=self.window())
        changed = getattr(wizard, "data_changed", None)
        if changed is not None:
            changed.connect(self._on_import_data_changed)
        wizard.open()

    def _on_import_data_changed(self) -> None:
        self.refresh()
        self.data_changed.emit()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt override)
        # Down or Enter in the search box goes to the list, so a name is found without the mouse.
        if watched is self.search_edit and event.type() == QEvent.Type.KeyPress:
            if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.model.rowCount():
                self.table.setFocus()
                if self.current_row() is None:
                    self.table.selectRow(0)
                return True
        return super().eventFilter(watched, event)
