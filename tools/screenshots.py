"""Screenshots of every main screen, taken from the real application under Xvfb (issue #3).

    python tools/screenshots.py [--out screenshots] [--aggregate]

Without a display the script starts itself again under `xvfb-run`: once at 1366×768, and once
at 1920×1080 with 150 % scaling (into <out>/150/). Each run builds the demo commune in a
temporary folder (settings too, so the user's own are never touched), drives the windows as a
user would, and saves one PNG per screen. `--aggregate` adds the members screen over the
100,000-member benchmark database (bench/.cache, built on first use, ~30 s).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

RUNS = (("1366x768", "1", ""), ("1920x1080", "1.5", "150"))


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "screenshots"))
    parser.add_argument("--aggregate", action="store_true")
    parser.add_argument("--inside", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--size", default="1366x768", help=argparse.SUPPRESS)
    options = parser.parse_args(argv)
    out = Path(options.out).resolve()
    if options.inside:
        return take_all(out, options.size, aggregate=options.aggregate)
    if shutil.which("xvfb-run") is None:
        print("Cần xvfb-run (gói xvfb) để chụp màn hình không cần màn hình thật.", file=sys.stderr)
        return 2
    status = 0
    for size, scale, folder in RUNS:
        target = out / folder if folder else out
        environment = {**os.environ, "QT_SCALE_FACTOR": scale, "QT_QPA_PLATFORM": "xcb"}
        command = ["xvfb-run", "-a", "-s", f"-screen 0 {size}x24", sys.executable, __file__,
                   "--inside", "--out", str(target), "--size", size]
        if options.aggregate and not folder:
            command.append("--aggregate")
        print(f"Chụp ở {size}, tỷ lệ {float(scale):.0%} → {target}")
        status |= subprocess.call(command, env=environment)
    return status


def take_all(out: Path, size: str, *, aggregate: bool) -> int:
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="antt-screenshots-") as folder:
        shooter = Shooter(out, Path(folder))
        shooter.first_run()
        shooter.main_screens()
        if aggregate:
            shooter.aggregate_members()
        shooter.finish()
    print(f"Đã lưu {len(list(out.glob('*.png')))} ảnh vào {out}")
    return 0


class Shooter:
    def __init__(self, out: Path, folder: Path) -> None:
        from PySide6.QtCore import QSettings

        from antt_desktop.app import create_application

        self.out = out
        self.folder = folder
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder / "settings"))
        self.app = create_application()
        self.windows = []

    # ------------------------------------------------------------------ helpers

    def settle(self, seconds: float = 0.3, jobs=None) -> None:
        """Let jobs finish and the screen paint."""
        deadline = time.monotonic() + 60
        while jobs is not None and jobs.is_busy() and time.monotonic() < deadline:
            self.app.processEvents()
            time.sleep(0.02)
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            self.app.processEvents()
            time.sleep(0.02)

    def shoot(self, name: str, widget=None) -> None:
        """The whole screen (dialogs over their window included), or one widget."""
        self.settle()
        if widget is not None:
            pixmap = widget.grab()
        else:
            pixmap = self.app.primaryScreen().grabWindow(0)
        path = self.out / f"{name}.png"
        pixmap.save(str(path))
        print("  ", path.name)

    def open_services(self, name: str):
        from antt_desktop.wiring import open_services

        return open_services(self.folder / name / "antt.sqlite")

    def fill_screen(self, window) -> None:
        window.setGeometry(self.app.primaryScreen().availableGeometry())
        window.show()
        window.raise_()
        window.activateWindow()

    # ------------------------------------------------------------------ screens

    def first_run(self) -> None:
        from antt_desktop.ui.first_run import FirstRunDialog
        from antt_desktop.ui.jobs import InlineJobs

        services = self.open_services("moi")
        dialog = FirstRunDialog(services, jobs=InlineJobs())
        dialog.show()
        self.shoot("01-thiet-lap-lan-dau")
        dialog.code_edit.setText("xã tân phú!")
        dialog.set_up_button.click()
        self.shoot("02-thiet-lap-lan-dau-loi")
        dialog.close()
        services.close()

    def main_screens(self) -> None:
        from PySide6.QtCore import QTimer

        from antt_desktop.ui.main_window import MainWindow
        from antt_desktop.ui.registry import NAV_PAGES

        services = self.open_services("demo")
        services.demo.fill_commune(with_photos=True)
        services.policies.seed_shipped()
        from antt_desktop.store.backups import backup_database   # a backup for the status bar

        backup_database(Path(services.target), "khoi-dong")
        window = MainWindow(services)
        self.windows.append(window)
        self.fill_screen(window)
        for number, entry in enumerate(NAV_PAGES, start=3):
            window.show_page(entry.key)
            self.settle(jobs=window.jobs)
            self.shoot(f"{number:02d}-{entry.key}")

        members = window.show_page("members")
        members.search_edit.setText("nguyen")
        self.shoot("11-thanh-vien-tim-nguyen")
        members.search_edit.clear()
        members.status_combo.setCurrentIndex(members.status_combo.findText("Đề nghị công nhận"))
        self.shoot("12-thanh-vien-loc-de-nghi")
        members._on_clear_filters_button_clicked()
        self.settle()

        row = next(r for r in members.model.rows() if r.position is not None)
        members.open_member(row.id)
        dialog = members.member_dialog
        self.settle()
        self.shoot("13-ho-so-thanh-vien")
        dialog.tabs.setCurrentIndex(1)
        self.shoot("14-ho-so-qua-trinh")
        dialog.tabs.setCurrentIndex(2)
        self.shoot("14-ho-so-qua-trinh-cong-tac")
        dialog.tabs.setCurrentIndex(0)
        dialog.phone_edit.setText("0123")
        dialog.phone_edit.textEdited.emit("0123")
        # The unsaved-changes guard: the real Vietnamese message box, answered "Quay lại".
        QTimer.singleShot(600, lambda: self._shoot_and_answer("15-thay-doi-chua-luu", "Quay lại"))
        dialog.reject()
        self.settle()
        dialog.phone_edit.setText(row.phone or "")
        dialog.phone_edit.textEdited.emit(row.phone or "")
        dialog.close_button.click()
        self.settle()

        members.new_member()
        dialog = members.member_dialog
        self.settle()
        for edit, text in ((dialog.name_edit, "trần văn 2"), (dialog.birth_edit, "31/02/1990"),
                           (dialog.id_edit, "06408501234"), (dialog.phone_edit, "09123")):
            edit.setText(text)
            edit.textEdited.emit(text)
        dialog.save_button.click()
        self.shoot("16-them-thanh-vien-loi")
        QTimer.singleShot(600, lambda: self._shoot_and_answer(None, "Không lưu"))
        dialog.close_button.click()
        self.settle()

        organisation = window.show_page("organisation")
        self.settle(jobs=window.jobs)
        organisation.add_hamlet_button.click()
        self.shoot("17-them-thon")
        organisation.open_dialog.close_button.click()
        organisation.teams_table.selectRow(1)
        organisation.edit_team_button.click()
        self.shoot("18-sua-to")
        organisation.open_dialog.close_button.click()

        settings = window.show_page("settings")
        for index in range(settings.tabs.count()):
            settings.tabs.setCurrentIndex(index)
            self.shoot(f"19-cai-dat-{index + 1}")
        window.show_page("overview")

    def _shoot_and_answer(self, name: str | None, button_text: str) -> None:
        from PySide6.QtWidgets import QApplication, QMessageBox

        box = next((w for w in QApplication.topLevelWidgets()
                    if isinstance(w, QMessageBox) and w.isVisible()), None)
        if box is None:
            return
        if name is not None:
            self.app.primaryScreen().grabWindow(0).save(str(self.out / f"{name}.png"))
            print("  ", f"{name}.png")
        for button in box.buttons():
            if button.text() == button_text:
                button.click()
                return

    def aggregate_members(self) -> None:
        sys.path.insert(0, str(ROOT / "bench"))
        from common import aggregate_database

        from antt_desktop.ui.main_window import MainWindow
        from antt_desktop.wiring import open_services

        services = open_services(aggregate_database(), migrate=False)
        window = MainWindow(services)
        self.windows.append(window)
        self.fill_screen(window)
        window.show_page("overview")
        self.settle(jobs=window.jobs)
        self.shoot("19-tong-hop-tong-quan")
        members = window.show_page("members")
        self.settle(jobs=window.jobs)
        self.shoot("20-tong-hop-100000-thanh-vien")
        members.unit_combo.setCurrentIndex(3)
        members.search_edit.setText("thi h")
        self.shoot("21-tong-hop-loc-don-vi")

    def finish(self) -> None:
        for window in self.windows:
            window.close()
        self.settle(0.1)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
