"""From a database path to a shown main window (or the first-run dialog first)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QMessageBox

from antt_desktop.domain.errors import DomainError
from antt_desktop.messages import describe


def start(database: str):
    """Open the services, run first-run setup if needed; return the shown window or None."""
    from antt_desktop.wiring import open_services

    try:
        services = open_services(database)
    except (OSError, DomainError) as error:
        text = describe(error) if isinstance(error, DomainError) else str(error)
        QMessageBox.critical(None, "ANTT Desktop", f"Không mở được cơ sở dữ liệu «{database}».\n{text}")
        return None
    if services.units.own_unit() is None:
        from antt_desktop.ui.first_run import FirstRunDialog

        dialog = FirstRunDialog(services)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            services.close()
            return None
    from antt_desktop.ui.main_window import MainWindow

    window = MainWindow(services)
    window.show()
    return window
