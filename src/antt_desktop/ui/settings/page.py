"""Cài đặt: one tab per area (the unit here; policies, keys, accounts, backups, audit elsewhere)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QScrollArea, QTabWidget, QVBoxLayout, QWidget

from antt_desktop.ui.pending import build_screen
from antt_desktop.ui.registry import SETTINGS_TABS


class SettingsPage(QWidget):
    """Built as SettingsPage(services, prompts); tabs come from registry.SETTINGS_TABS."""

    data_changed = Signal()

    def __init__(self, services, prompts, parent=None, **options) -> None:
        super().__init__(parent)
        self.tabs = QTabWidget()
        self.tab_widgets: dict[str, QWidget] = {}
        for entry in SETTINGS_TABS:
            tab = build_screen(entry, services, prompts, **options)
            changed = getattr(tab, "data_changed", None)
            if changed is not None and hasattr(changed, "connect"):
                changed.connect(self._on_tab_data_changed)
            self.tab_widgets[entry.key] = tab
            holder = QScrollArea()          # a tall tab scrolls on a 1366×768 screen
            holder.setWidgetResizable(True)
            holder.setFrameShape(QFrame.Shape.NoFrame)
            holder.setWidget(tab)
            self.tabs.addTab(holder, entry.title.replace("&", "&&"))   # "&" is not a mnemonic here
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)

    def refresh(self) -> None:
        for tab in self.tab_widgets.values():
            refresh = getattr(tab, "refresh", None)
            if callable(refresh):
                refresh()

    def _on_tab_data_changed(self, *_args) -> None:
        self.data_changed.emit()
