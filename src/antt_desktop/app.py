"""The desktop application: QApplication, first run, and the main window over the services."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence


def parse_arguments(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="antt_desktop", add_help=True)
    parser.add_argument("--db", default=None, help="tệp cơ sở dữ liệu khác để mở")
    parser.add_argument("--self-test", action="store_true", help="tự kiểm tra rồi thoát")
    return parser.parse_args(list(argv))


def main(argv: Sequence[str] | None = None) -> int:
    arguments = parse_arguments(sys.argv[1:] if argv is None else argv)
    if arguments.self_test:
        from antt_desktop.self_test import run
        return run()
    from PySide6.QtWidgets import QApplication

    from antt_desktop.paths import default_database_path

    application = QApplication.instance() or QApplication([sys.argv[0]])
    application.setApplicationName("ANTT Desktop")
    application.setOrganizationName("ANTT")
    from antt_desktop.ui.startup import start

    window = start(arguments.db or str(default_database_path()))
    if window is None:
        return 0
    return application.exec()


if __name__ == "__main__":
    sys.exit(main())
