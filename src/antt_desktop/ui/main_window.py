"""The main window: navigation between the screens, and a status bar (unit, user, last backup)."""

from __future__ import annotations

from PySide6.QtCore import QSettings, QSize, Qt
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QScrollArea,
    QStackedWidget,
    QWidget,
)

from antt_desktop.domain.dates import format_vn_date
from antt_desktop.ui.jobs import JobRunner
from antt_desktop.ui.pending import build_screen
from antt_desktop.ui.prompts import UserPrompts
from antt_desktop.ui.registry import NAV_PAGES, ScreenEntry

GEOMETRY_KEY = "main_window/geometry"
STATE_KEY = "main_window/state"
PAGE_KEY = "main_window/page"
FIRST_PAGE = "overview"


class MainWindow(QMainWindow):
    """Pages are built on first visit (Class(services, prompts)) and refreshed when shown stale."""

    def __init__(self, services, parent=None, *, prompts=None, jobs=None,
                 settings: QSettings | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self.prompts = prompts if prompts is not None else UserPrompts(self)
        self.jobs = jobs if jobs is not None else JobRunner(self)
        self._settings = settings if settings is not None else QSettings()
        self.pages: dict[str, QWidget] = {}
        self._holders: dict[str, QScrollArea] = {}
        self._stale: set[str] = set()
        self._entries = {entry.key: entry for entry in NAV_PAGES}
        self._unit = services.units.own_unit()
        self.setWindowTitle(f"ANTT Desktop — {self._unit.name}" if self._unit else "ANTT Desktop")
        self.setMinimumSize(QSize(800, 560))
        self._build_layout()
        self._build_shortcuts()
        self._restore_geometry()
        self.update_status()
        start = self._settings.value(PAGE_KEY, FIRST_PAGE)
        self.show_page(start if start in self._entries else FIRST_PAGE)
        self.nav_list.currentRowChanged.connect(self._on_nav_list_current_row_changed)

    # ------------------------------------------------------------------ building

    def _build_layout(self) -> None:
        self.nav_list = QListWidget()
        self.nav_list.setObjectName("navigation")
        for number, entry in enumerate(NAV_PAGES, start=1):
            item = QListWidgetItem(entry.title)
            item.setData(Qt.ItemDataRole.UserRole, entry.key)
            item.setToolTip(f"{entry.title} (Ctrl+{number})")
            item.setSizeHint(QSize(0, self.fontMetrics().height() * 2 + 6))
            self.nav_list.addItem(item)
        widest = max(self.fontMetrics().horizontalAdvance(e.title) for e in NAV_PAGES)
        self.nav_list.setFixedWidth(widest + self.fontMetrics().horizontalAdvance("M") * 4)
        self.nav_list.setStyleSheet(
            "QListWidget#navigation { border: none; background: palette(window); }"
            "QListWidget#navigation::item { padding-left: 10px; }"
            "QListWidget#navigation::item:selected { background: palette(highlight);"
            " color: palette(highlighted-text); }")
        self.stack = QStackedWidget()
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.nav_list)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.unit_label = QLabel()
        self.user_label = QLabel()
        self.backup_label = QLabel()
        for label in (self.unit_label, self.user_label, self.backup_label):
            label.setContentsMargins(8, 0, 8, 0)
        status = self.statusBar()
        status.addWidget(self.unit_label)
        status.addPermanentWidget(self.user_label)
        status.addPermanentWidget(self.backup_label)

    def _build_shortcuts(self) -> None:
        self.new_member_shortcut = QShortcut(QKeySequence.StandardKey.New, self)
        self.new_member_shortcut.activated.connect(self.new_member)
        self.search_shortcut = QShortcut(QKeySequence.StandardKey.Find, self)
        self.search_shortcut.activated.connect(self.focus_member_search)
        self.refresh_shortcut = QShortcut(QKeySequence.StandardKey.Refresh, self)
        self.refresh_shortcut.activated.connect(self.refresh_current_page)
        self.page_shortcuts = []
        for number, entry in enumerate(NAV_PAGES, start=1):
            shortcut = QShortcut(QKeySequence(f"Ctrl+{number}"), self)
            shortcut.activated.connect(lambda key=entry.key: self.show_page(key))
            self.page_shortcuts.append(shortcut)

    def _restore_geometry(self) -> None:
        geometry = self._settings.value(GEOMETRY_KEY)
        if geometry is not None and self.restoreGeometry(geometry):
            state = self._settings.value(STATE_KEY)
            if state is not None:
                self.restoreState(state)
            return
        screen = QGuiApplication.primaryScreen()
        if screen is None:
            self.resize(1280, 720)
            return
        available = screen.availableGeometry()
        # Fits a 1366×768 screen (and 1920×1080 at 150 %) with the taskbar.
        self.resize(min(1360, available.width() - 16), min(800, available.height() - 40))

    # ------------------------------------------------------------------ pages

    @property
    def current_key(self) -> str:
        item = self.nav_list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else FIRST_PAGE

    def page(self, key: str) -> QWidget:
        """The page for `key`, built (and loaded) on first use."""
        if key not in self.pages:
            entry = self._entries[key]
            page = build_screen(entry, self._services, self.prompts, jobs=self.jobs)
            changed = getattr(page, "data_changed", None)
            if changed is not None and hasattr(changed, "connect"):
                changed.connect(lambda *_args, key=key: self._on_page_data_changed(key))
            self.pages[key] = page
            # Scrolls rather than stretching the window when a page is taller than a
            # 1366×768 screen allows (any area's page; ours fit).
            holder = QScrollArea()
            holder.setWidgetResizable(True)
            holder.setFrameShape(QFrame.Shape.NoFrame)
            holder.setWidget(page)
            self._holders[key] = holder
            self.stack.addWidget(holder)
            self._stale.add(key)
        return self.pages[key]

    def show_page(self, key: str) -> QWidget:
        page = self.page(key)
        row = list(self._entries).index(key)
        if self.nav_list.currentRow() != row:
            self.nav_list.blockSignals(True)
            self.nav_list.setCurrentRow(row)
            self.nav_list.blockSignals(False)
        self.stack.setCurrentWidget(self._holders[key])
        if key in self._stale:
            self._stale.discard(key)
            refresh = getattr(page, "refresh", None)
            if callable(refresh):
                refresh()
        return page

    def entry(self, key: str) -> ScreenEntry:
        return self._entries[key]

    def _on_nav_list_current_row_changed(self, row: int) -> None:
        if 0 <= row < len(NAV_PAGES):
            self.show_page(NAV_PAGES[row].key)

    def _on_page_data_changed(self, key: str) -> None:
        """A page wrote something: every other page reloads (now if shown, else when shown)."""
        for other, page in self.pages.items():
            if other == key:
                continue
            if self._holders[other] is self.stack.currentWidget():
                refresh = getattr(page, "refresh", None)
                if callable(refresh):
                    refresh()
            else:
                self._stale.add(other)
        self._unit = self._services.units.own_unit()
        if self._unit is not None:
            self.setWindowTitle(f"ANTT Desktop — {self._unit.name}")
        self.update_status()

    def refresh_current_page(self) -> None:
        refresh = getattr(self.pages.get(self.current_key), "refresh", None)
        if callable(refresh):
            refresh()
        self.update_status()

    # ------------------------------------------------------------------ shortcuts

    def new_member(self) -> None:
        page = self.show_page("members")
        if hasattr(page, "new_member"):
            page.new_member()

    def focus_member_search(self) -> None:
        page = self.show_page("members")
        if hasattr(page, "focus_search"):
            page.focus_search()

    # ------------------------------------------------------------------ status bar

    def update_status(self) -> None:
        unit = self._unit
        if unit is not None:
            self.unit_label.setText(f"Đơn vị: {unit.name} ({unit.code}) — {unit.province_name}")
        self.user_label.setText(f"Người dùng: {self._services.context.actor}")
        backup_at = self._services.backups.last_backup_at()
        if backup_at is None:
            self.backup_label.setText("Chưa có bản sao lưu")
        else:
            self.backup_label.setText(
                f"Sao lưu gần nhất: {format_vn_date(backup_at.date())} {backup_at:%H:%M}")

    # ------------------------------------------------------------------ closing

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        self._settings.setValue(GEOMETRY_KEY, self.saveGeometry())
        self._settings.setValue(STATE_KEY, self.saveState())
        self._settings.setValue(PAGE_KEY, self.current_key)
        for page in self.pages.values():
            save_layout = getattr(page, "save_layout", None)
            if callable(save_layout):
                save_layout()
        self._settings.sync()
        if hasattr(self.jobs, "wait"):
            self.jobs.wait(5000)
        super().closeEvent(event)
        if event.isAccepted():
            self._services.close()
