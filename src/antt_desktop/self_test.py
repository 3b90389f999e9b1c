"""`antt_desktop --self-test`: prove an installed copy works, without a display (issue #9).

Each check uses what the real work uses — the shipped resources, the migrations read from
disk, reportlab with our fonts, openpyxl — inside a temporary folder that is removed
afterwards, so the user's data folder is never touched. Exit status 0 only if every check
passed; the report is short and in Vietnamese, for the CI log or for support on the phone.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

SAMPLE_TEXT = "Nguyễn Thị Ánh Tuyết — Tổ bảo vệ ANTT thôn Đắk Lơ, xã Ia Grai"
SAMPLE_AMOUNT_DONG = 1_980_000


@dataclass(frozen=True)
class CheckResult:
    title: str
    passed: bool
    detail: str


def check_resources(_folder: Path) -> str:
    """Every file the app reads at run time is in the install (bundled as data)."""
    from antt_desktop.paths import resource_path
    from antt_desktop.reference.policies import shipped_policy_files
    from antt_desktop.reference.province_codes import load_province_codes

    fonts = sorted(resource_path("fonts").glob("*.ttf"))
    if len(fonts) < 4:
        raise FileNotFoundError(f"thiếu phông chữ trong {resource_path('fonts')}")
    policies = shipped_policy_files()
    if not policies:
        raise FileNotFoundError(f"không có tệp chính sách trong {resource_path('policies')}")
    codes = load_province_codes()
    for name in ("gia-lai-communes.csv", "icons/antt_desktop.ico", "icons/antt_desktop-256.png"):
        if not resource_path(name).is_file():
            raise FileNotFoundError(f"thiếu tệp {resource_path(name)}")
    return f"{len(fonts)} phông chữ, {len(policies)} nghị quyết, {len(codes)} mã tỉnh, biểu tượng"


def check_database(folder: Path) -> str:
    """A new SQLite file is created and migrated to every head; the services open it."""
    from antt_desktop.store.engine import make_engine
    from antt_desktop.store.migrate import current_revisions, head_revisions, migrate_to_head
    from antt_desktop.wiring import open_services

    path = folder / "tu-kiem-tra.sqlite"
    migrate_to_head(path)
    engine = make_engine(path)
    try:
        reached, heads = current_revisions(engine), head_revisions()
    finally:
        engine.dispose()
    if reached != heads:
        raise RuntimeError(f"chỉ đến phiên bản {sorted(reached)}, cần {sorted(heads)}")
    services = open_services(path, actor="tu-kiem-tra")
    try:
        seeded = services.policies.seed_shipped()
        members = services.members.list_rows()
    finally:
        services.close()
    return (f"tạo mới và nâng cấp đến phiên bản {', '.join(sorted(heads))}; "
            f"nạp {seeded} nghị quyết, {len(members)} thành viên")


def check_pdf(folder: Path) -> str:
    """A PDF with Vietnamese text starts with %PDF and embeds our font."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    from antt_desktop.documents.fonts import register_fonts

    family = register_fonts()
    path = folder / "tu-kiem-tra.pdf"
    canvas = Canvas(str(path), pagesize=A4, initialFontName=family)
    canvas.setFont(family, 14)
    canvas.drawString(72, 770, SAMPLE_TEXT)
    canvas.setFont("LiberationSerif-Bold", 14)
    canvas.drawString(72, 740, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    canvas.showPage()
    canvas.save()
    data = path.read_bytes()
    if not data.startswith(b"%PDF-"):
        raise ValueError("tệp không bắt đầu bằng %PDF")
    if family.encode() not in data or b"/FontFile2" not in data:
        raise ValueError(f"phông {family} không được nhúng vào tệp")
    if b"Helvetica" in data:
        raise ValueError("tệp còn tham chiếu phông Helvetica không nhúng")
    return f"{_grouped(len(data))} byte, nhúng phông {family}"


def check_excel(folder: Path) -> str:
    """An .xlsx written by openpyxl reads back with the Vietnamese text and the amount intact."""
    from openpyxl import Workbook, load_workbook

    path = folder / "tu-kiem-tra.xlsx"
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Kiểm tra"
    sheet["A1"] = SAMPLE_TEXT
    sheet["B1"] = SAMPLE_AMOUNT_DONG
    sheet["B1"].number_format = "#,##0"
    workbook.save(path)
    reopened = load_workbook(path, read_only=True)
    try:
        row = next(reopened["Kiểm tra"].iter_rows(min_row=1, max_row=1, values_only=True))
    finally:
        reopened.close()
    if row[0] != SAMPLE_TEXT or row[1] != SAMPLE_AMOUNT_DONG:
        raise ValueError(f"đọc lại sai: {row[:2]!r}")
    return f"đọc lại đúng «{SAMPLE_TEXT[:22]}…» và {_grouped(SAMPLE_AMOUNT_DONG)} đ"


def _grouped(number: int) -> str:
    return f"{number:,}".replace(",", ".")  # 1.980.000, the Vietnamese grouping


def check_screens(_folder: Path) -> str:
    """Qt and every screen module load (no window is made, so no display is needed)."""
    from antt_desktop.ui.registry import DIALOGS, NAV_PAGES, SETTINGS_TABS, load_class

    __import__("PySide6.QtWidgets")
    __import__("antt_desktop.ui.main_window")
    entries = (*NAV_PAGES, *SETTINGS_TABS, *DIALOGS.values())
    loaded = [entry for entry in entries if load_class(entry) is not None]
    return f"nạp được thư viện Qt và {len(loaded)}/{len(entries)} màn hình"


Check = Callable[[Path], str]  # does its work inside the folder; returns a short detail or raises

CHECKS: tuple[tuple[str, Check], ...] = (
    ("Tài nguyên đi kèm", check_resources),
    ("Cơ sở dữ liệu", check_database),
    ("Tệp PDF", check_pdf),
    ("Tệp Excel", check_excel),
    ("Giao diện", check_screens),
)


def run_checks(folder: Path, checks: Sequence[tuple[str, Check]] = CHECKS) -> list[CheckResult]:
    results = []
    for title, check in checks:
        try:
            results.append(CheckResult(title, True, check(folder)))
        except Exception as error:  # a self-test reports every failure and goes on
            where = traceback.extract_tb(error.__traceback__)[-1]
            detail = f"{type(error).__name__}: {error} ({Path(where.filename).name}:{where.lineno})"
            results.append(CheckResult(title, False, detail))
    return results


def run(output: TextIO | None = None, checks: Sequence[tuple[str, Check]] = CHECKS) -> int:
    """Run every check in a temporary folder, print the report; 0 only if all passed."""
    from antt_desktop import __version__

    output = output or _console()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="antt-tu-kiem-tra-", ignore_cleanup_errors=True) as folder:
        results = run_checks(Path(folder), checks)
    failed = [result for result in results if not result.passed]
    lines = [f"ANTT Desktop {__version__} — tự kiểm tra"]
    lines += [f"  [{'ĐẠT' if r.passed else 'LỖI'}] {r.title}: {r.detail}" for r in results]
    seconds = f"{time.perf_counter() - started:.1f}".replace(".", ",")
    if failed:
        lines.append(f"Kết quả: {len(failed)}/{len(results)} mục KHÔNG ĐẠT ({seconds} giây).")
    else:
        lines.append(f"Kết quả: cả {len(results)} mục đều đạt ({seconds} giây).")
    output.write("\n".join(lines) + "\n")
    output.flush()
    return 1 if failed else 0


def _console() -> TextIO:
    """Standard output; a windowed Windows build has none, so borrow the parent's console."""
    if sys.stdout is not None:
        if hasattr(sys.stdout, "reconfigure"):
            try:  # a Windows console may default to a code page without Vietnamese letters
                sys.stdout.reconfigure(encoding="utf-8", errors="replace")
            except (ValueError, OSError):
                pass
        return sys.stdout
    if os.name == "nt":
        import ctypes

        if ctypes.windll.kernel32.AttachConsole(-1):  # ATTACH_PARENT_PROCESS
            ctypes.windll.kernel32.SetConsoleOutputCP(65001)
            return open("CONOUT$", "w", encoding="utf-8", errors="replace")
    return open(os.devnull, "w", encoding="utf-8")
