"""The desktop UI (issue #3): start-up, search as you type over 100,000 members, memory.

Three measurements, each with a baseline from the same run (DESIGN §7):
- start to a usable main window on the demo commune (a fresh process: imports, opening
  and checking the database, the window shown and its first page loaded), against a fresh
  process that shows a bare PySide6 window; budget 1.5 s;
- a keystroke in the members screen's search box to the filtered table painted, over the
  100,000-member aggregate, against a bare Python substring loop over the same keys;
  budget 30 ms for the slowest keystroke;
- peak memory (getrusage) with the full 100,000-member list open, against the peak of the
  bare PySide6 window process; budget 300 MB;
- opening the members screen on the 100,000-member aggregate until its table shows rows
  (the first screenful; the whole list then loads in the worker thread, `full_list_ms`),
  against raw sqlite3 SELECTs of the same columns over the same database; budget 1.5 s.
Qt runs offscreen unless QT_QPA_PLATFORM says otherwise.
"""

from __future__ import annotations

import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

from common import ROOT, aggregate_database, emit, result

START_BUDGET_MS = 1500.0
KEYSTROKE_BUDGET_MS = 30.0
MEMORY_BUDGET_MB = 300.0
LIST_BUDGET_MS = 1500.0
RAW_LIST_QUERIES = (       # what MemberRepository.list_rows reads for the whole list
    "SELECT id, unit_code, full_name, birth_date, birth_year, gender, id_number, phone, hamlet_id,"
    " status, education_level, search_key, sort_key FROM members ORDER BY sort_key, id",
    "SELECT member_id, team_id, position FROM assignments WHERE ended_on IS NULL",
    "SELECT member_id, bhyt_valid_to FROM insurance",
    "SELECT id, name FROM hamlets",
    "SELECT id, name FROM teams",
)
STARTS = 5
TYPED = "nguyen van hung"          # typed one key at a time, then erased one key at a time

BARE_WINDOW = r"""
import resource, sys, time
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
from PySide6.QtTest import QTest
app = QApplication([])
window = QMainWindow()
window.setCentralWidget(QLabel("ANTT"))
window.resize(1280, 720)
window.show()
QTest.qWaitForWindowExposed(window)
app.processEvents()
print(f"READY {time.time()!r} {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}")
"""

APP_WINDOW = r"""
import resource, sys, time
sys.path.insert(0, @SRC@)
from antt_desktop.app import create_application
app = create_application()
from PySide6.QtCore import QSettings
QSettings.setDefaultFormat(QSettings.Format.IniFormat)
QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, @SETTINGS@)
from PySide6.QtTest import QTest
from antt_desktop.ui.startup import start
imported = time.time()

def log_in(dialog):
    # The officer's typing is not measured; checking the password (argon2id) is.
    dialog.username_edit.setText("quantri")
    dialog.password_edit.setText("MatKhau2026")
    dialog.login_button.click()
    return dialog.user is not None

window = start(@DATABASE@, run_dialog=log_in)
shown = time.time()
QTest.qWaitForWindowExposed(window)
while window.jobs.is_busy():          # the first page (Tổng quan) has its figures
    app.processEvents()
    time.sleep(0.002)
app.processEvents()
print(f"READY {time.time()!r} {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss} {imported!r} {shown!r}")
"""


def launch(code: str) -> tuple[float, float, list[float]]:
    """Milliseconds from starting a Python process to its window being usable, its peak MB,
    and the times of the marks it printed after READY (ms from the start)."""
    environment = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    # An installed program starts from compiled bytecode (pip and PyInstaller both ship it);
    # with PYTHONDONTWRITEBYTECODE every start would recompile the sources instead. The warm-up
    # launch writes the .pyc files, as the first start after installing does.
    environment.pop("PYTHONDONTWRITEBYTECODE", None)
    started = time.time()
    finished = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                              env=environment, timeout=120)
    line = next((l for l in finished.stdout.splitlines() if l.startswith("READY ")), None)
    if line is None:
        raise RuntimeError(finished.stderr[-2000:])
    _, ready, peak_kb, *marks = line.split()
    return ((float(ready) - started) * 1000, int(peak_kb) / 1024,
            [(float(mark) - started) * 1000 for mark in marks])


def demo_database(folder: Path) -> Path:
    from antt_desktop.wiring import open_services

    database = folder / "demo" / "antt.sqlite"
    services = open_services(database, actor="bench")
    services.demo.fill_commune(with_photos=True)
    services.policies.seed_shipped()
    services.accounts.create_administrator("quantri", "Trần Quốc Tuấn", "MatKhau2026")
    services.close()
    return database


def aggregate_copy(folder: Path) -> Path:
    """The 100,000-member aggregate as the higher unit's officer opens it every morning (its
    own administrator; the start-up backup and integrity check run as in real use)."""
    from antt_desktop.wiring import open_services

    database = folder / "aggregate" / "antt.sqlite"
    database.parent.mkdir(parents=True)
    shutil.copyfile(aggregate_database(), database)
    services = open_services(database, actor="bench", migrate=False)
    services.accounts.create_administrator("quantri", "Trần Quốc Tuấn", "MatKhau2026")
    services.close()
    return database


def measure_start(folder: Path, database: Path) -> dict:
    app_code = (APP_WINDOW.replace("@SRC@", repr(str(ROOT / "src")))
                .replace("@SETTINGS@", repr(str(folder / "settings")))
                .replace("@DATABASE@", repr(str(database))))
    launch(BARE_WINDOW)                    # warm the file cache for both
    launch(app_code)
    bare, app, bare_peaks, imported, shown = [], [], [], [], []
    for _ in range(STARTS):
        ms, peak, _ = launch(BARE_WINDOW)
        bare.append(ms)
        bare_peaks.append(peak)
        ms, _, (imported_ms, shown_ms) = launch(app_code)
        app.append(ms)
        imported.append(imported_ms)
        shown.append(shown_ms)
    return {"app_ms": statistics.median(app), "bare_ms": statistics.median(bare),
            "bare_peak_mb": statistics.median(bare_peaks),
            "imports_ms": statistics.median(imported), "window_shown_ms": statistics.median(shown)}


class _NoPrompts:
    def __getattr__(self, name):
        raise AssertionError(f"unexpected prompt: {name}")


def measure_typing() -> dict:
    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from antt_desktop.domain import vn_text
    from antt_desktop.ui.jobs import JobRunner
    from antt_desktop.ui.members.page import MembersPage
    from antt_desktop.wiring import open_services

    app = QApplication.instance() or QApplication([])
    folder = tempfile.mkdtemp(prefix="antt-ui-bench-")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, folder)
    services = open_services(aggregate_database(), actor="bench", migrate=False,
                             clock=lambda: datetime(2026, 11, 22, 9, 0))
    expected = services.members.count()
    page = MembersPage(services, _NoPrompts(), jobs=JobRunner())     # the real worker thread
    page.resize(1280, 680)
    page.show()
    QTest.qWaitForWindowExposed(page)
    loaded_at = time.perf_counter()
    page.refresh()
    while not page.model.rowCount():
        app.processEvents()
    app.processEvents()                       # the pending paint: the table shows its rows
    first_ms = (time.perf_counter() - loaded_at) * 1000
    first_rows = page.model.total()
    while page.jobs.is_busy() or page.model.total() < expected:
        app.processEvents()
        time.sleep(0.001)
    app.processEvents()
    load_ms = (time.perf_counter() - loaded_at) * 1000
    members = page.model.total()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    def keystroke(key: int, text: str) -> float:
        started = time.perf_counter()
        QTest.sendKeyEvent(QTest.KeyAction.Click, page.search_edit, key, text, Qt.KeyboardModifier.NoModifier)
        app.processEvents()                   # the pending paint: the table shows the new rows
        return (time.perf_counter() - started) * 1000

    page.search_edit.setFocus()
    typing = [keystroke(Qt.Key.Key_unknown, ch) for ch in TYPED]
    erasing = [keystroke(Qt.Key.Key_Backspace, "") for _ in TYPED]
    keys = [row.search_key for row in page._loaded_rows]
    loop = []
    for length in range(1, len(TYPED) + 1):
        words = vn_text.fold(TYPED[:length]).split() or [""]
        longest = max(words, key=len)
        started = time.perf_counter()
        [k for k in keys if longest in k]  # noqa: B018 — the bare loop is the baseline
        loop.append((time.perf_counter() - started) * 1000)
    peak_mb = max(peak_mb, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    page.close()
    services.close()
    return {"members": members, "load_ms": load_ms, "first_ms": first_ms, "first_rows": first_rows,
            "raw_list_ms": raw_list_ms(), "typing": typing, "erasing": erasing,
            "loop": loop, "peak_mb": peak_mb}


def raw_list_ms(repeat: int = 3) -> float:
    """The baseline of opening the list: the same columns by raw sqlite3 (median of `repeat`)."""
    import sqlite3

    connection = sqlite3.connect(aggregate_database())
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        for query in RAW_LIST_QUERIES:
            connection.execute(query).fetchall()
        samples.append((time.perf_counter() - started) * 1000)
    connection.close()
    return statistics.median(samples)


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory(prefix="antt-ui-bench-") as folder:
        start = measure_start(Path(folder), demo_database(Path(folder)))
        start_aggregate = measure_start(Path(folder), aggregate_copy(Path(folder)))
    typing = measure_typing()
    worst = max(typing["typing"] + typing["erasing"])
    emit("ui", [
        result("Khởi động đến cửa sổ chính dùng được (xã mẫu, có đăng nhập)", start["app_ms"],
               "cửa sổ PySide6 trống (tiến trình mới)", start["bare_ms"], START_BUDGET_MS, runs=STARTS,
               imports_done_ms=round(start["imports_ms"]), window_shown_ms=round(start["window_shown_ms"])),
        result("Khởi động đến cửa sổ chính dùng được (tổng hợp 100.000 thành viên, có đăng nhập)",
               start_aggregate["app_ms"], "cửa sổ PySide6 trống (tiến trình mới)", start_aggregate["bare_ms"],
               START_BUDGET_MS, runs=STARTS, imports_done_ms=round(start_aggregate["imports_ms"]),
               window_shown_ms=round(start_aggregate["window_shown_ms"])),
        result("Gõ một phím đến bảng đã lọc và vẽ lại (100.000 thành viên), phím chậm nhất", worst,
               "vòng lặp Python trần trên các khóa tìm kiếm, chậm nhất", max(typing["loop"]),
               KEYSTROKE_BUDGET_MS, members=typing["members"],
               typing_ms=[round(v, 1) for v in typing["typing"]],
               erasing_ms=[round(v, 1) for v in typing["erasing"]],
               median_ms=round(statistics.median(typing["typing"] + typing["erasing"]), 1),
               list_load_ms=round(typing["load_ms"])),
        result("Mở màn hình Thành viên với 100.000 thành viên (đến khi bảng có dữ liệu)", typing["first_ms"],
               "sqlite3 trần: SELECT cùng các cột (thành viên, chức danh, BHYT, thôn, tổ)", typing["raw_list_ms"],
               LIST_BUDGET_MS, first_rows=typing["first_rows"], full_list_ms=round(typing["load_ms"]),
               members=typing["members"]),
        result("Bộ nhớ đỉnh khi mở cả danh sách 100.000 thành viên (MB, không phải ms)", typing["peak_mb"],
               "tiến trình cửa sổ PySide6 trống (MB)", start["bare_peak_mb"], MEMORY_BUDGET_MB, unit="MB"),
    ])


if __name__ == "__main__":
    main()
