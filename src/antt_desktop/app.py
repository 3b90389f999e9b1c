"""The desktop application: QApplication, first run, and the main window over the services."""

from __future__ import annotations

import argparse
import sys
import traceback
from collections.abc import Sequence


def parse_arguments(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="antt_desktop", add_help=True,
                                     description="ANTT Desktop — quản lý lực lượng bảo vệ ANTT ở cơ sở")
    parser.add_argument("--db", default=None, metavar="ĐƯỜNG_DẪN",
                        help="mở tệp cơ sở dữ liệu khác (mặc định: thư mục dữ liệu của người dùng)")
    parser.add_argument("--self-test", action="store_true", help="tự kiểm tra rồi thoát")
    # Explorer starts the program with the double-clicked .antt file (installer/antt_desktop.iss).
    parser.add_argument("package", nargs="?", default=None, metavar="GÓI.antt",
                        help="gói dữ liệu, biên nhận hoặc gói tham chiếu cần mở (mở ở màn hình Đồng bộ USB)")
    return parser.parse_args(list(argv))


def _report_unexpected_error(kind, error, trace) -> None:
    """An error no screen expected: said in Vietnamese, the details kept for support."""
    traceback.print_exception(kind, error, trace)
    from PySide6.QtWidgets import QApplication, QMessageBox

    if QApplication.instance() is None:
        return
    box = QMessageBox(QMessageBox.Icon.Critical, "ANTT Desktop",
                      "Đã xảy ra lỗi không mong đợi. Dữ liệu đã lưu không bị ảnh hưởng; thao tác "
                      "vừa rồi có thể chưa hoàn tất.")
    box.setDetailedText("".join(traceback.format_exception(kind, error, trace)))
    box.addButton("Đóng", QMessageBox.ButtonRole.AcceptRole)
    box.exec()


def create_application(argv0: str = "antt_desktop"):
    """The QApplication with its names (QSettings uses them) and Qt's strings in Vietnamese."""
    from PySide6.QtWidgets import QApplication

    from antt_desktop.ui import qt_vietnamese

    application = QApplication.instance() or QApplication([argv0])
    application.setApplicationName("ANTT Desktop")
    application.setOrganizationName("ANTT")
    application.setApplicationDisplayName("ANTT Desktop")
    from PySide6.QtGui import QIcon

    from antt_desktop.paths import resource_path

    icon = QIcon()
    for size in (16, 24, 32, 48, 64, 128, 256):
        icon.addFile(str(resource_path("icons") / f"antt_desktop-{size}.png"))
    application.setWindowIcon(icon)          # every window and the taskbar
    application._vietnamese_qt = qt_vietnamese.install(application)  # kept alive with the app
    return application


def main(argv: Sequence[str] | None = None) -> int:
    arguments = parse_arguments(sys.argv[1:] if argv is None else argv)
    if arguments.self_test:      # no display needed: checked before any QApplication exists
        from antt_desktop.self_test import run

        return run()
    application = create_application(sys.argv[0])

    from antt_desktop.paths import default_database_path

    sys.excepthook = _report_unexpected_error
    splash = _show_splash(application)
    from antt_desktop.ui.startup import start

    window = start(arguments.db or str(default_database_path()))
    splash.close()
    if window is None:
        return 0
    if arguments.package:
        open_package_in(window, arguments.package)
    return application.exec()


def open_package_in(window, package: str) -> None:
    """Show the USB screen with the package's preview (or its receipt recorded)."""
    window.show_page("sync").open_package(package)


def _show_splash(application):
    """A small "opening" window at once: loading the layers below takes a second or two, and
    it closes itself as soon as the first real window (first run, log-in, main) appears."""
    from PySide6.QtCore import QEvent, QObject, Qt
    from PySide6.QtWidgets import QLabel

    splash = QLabel("<b>ANTT Desktop</b><br>Đang mở dữ liệu…")
    splash.setWindowFlags(Qt.WindowType.SplashScreen | Qt.WindowType.FramelessWindowHint)
    splash.setAlignment(Qt.AlignmentFlag.AlignCenter)
    splash.setStyleSheet("background: white; border: 1px solid #999; padding: 24px; font-size: 12pt;")
    splash.resize(splash.sizeHint().expandedTo(splash.sizeHint() * 1.5))

    class CloseOnFirstWindow(QObject):
        def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt override)
            if (event.type() == QEvent.Type.Show and watched is not splash
                    and getattr(watched, "isWindow", lambda: False)()):
                splash.close()
                application.removeEventFilter(self)
            return False

    splash.closer = CloseOnFirstWindow(splash)
    application.installEventFilter(splash.closer)
    splash.show()
    application.processEvents()
    return splash


if __name__ == "__main__":
    sys.exit(main())
