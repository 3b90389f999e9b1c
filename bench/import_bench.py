"""Excel import (issue #7 §8): a 5,000-row member list checked and imported within 5 s.

The sheet is generated like a real commune list: title rows, a two-level header with the
birth date split into Nam/Nữ, a column-number row, hamlet group rows, dates as Excel dates
and as text, IDs and phones stored as numbers (lost zeros), a totals row and a signature
block. The baseline is a bare openpyxl read_only pass over the same file in the same run.
Prints JSON (bench/common.py format): `python bench/import_bench.py`.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from datetime import date, datetime
from pathlib import Path

from common import emit, result

ROWS = 5_000
BUDGET_MS = 5_000
NOW = datetime(2026, 11, 22, 9, 0)


def build_sheet(path: Path, rows: int = ROWS, seed: int = 7) -> None:
    import openpyxl

    from antt_desktop.reference.province_codes import load_province_codes

    rng = random.Random(seed)
    codes = sorted(load_province_codes())
    family = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ"]
    middle_m, middle_f = ["Văn", "Đức", "Minh", "Hữu", "Công", "Quốc"], ["Thị", "Ngọc", "Thu", "Kim", "Thanh"]
    given = ["An", "Bình", "Cường", "Dũng", "Hà", "Hải", "Hằng", "Hưng", "Lan", "Long", "Mai", "Nam",
             "Ngân", "Phong", "Phúc", "Quân", "Sơn", "Tâm", "Thảo", "Thắng", "Trang", "Tuấn", "Yến"]
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Danh sách"
    sheet.append(["ỦY BAN NHÂN DÂN XÃ TÂN PHÚ", None, None, None, None, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"])
    sheet.append(["CÔNG AN XÃ"])
    sheet.append([])
    sheet.append([None, None, "DANH SÁCH THÀNH VIÊN TỔ BẢO VỆ AN NINH, TRẬT TỰ"])
    sheet.append(["STT", "Họ và tên", "Ngày, tháng, năm sinh", None, "Số CCCD", "Dân tộc", "Trình độ",
                  "Chức danh", "Thôn, tổ dân phố", "Lực lượng trước đây", "Số điện thoại"])
    sheet.append([None, None, "Nam", "Nữ"])
    sheet.append([str(n) for n in range(1, 12)])
    team_size, hamlet = 0, 0
    used: set[str] = set()
    for number in range(1, rows + 1):
        if team_size == 0:
            hamlet += 1
            team_size = rng.randint(4, 6)
            sheet.append([f"{hamlet}. THÔN {hamlet}"])
            position_index = 0
        team_size -= 1
        female = rng.random() < 0.3
        born = date(rng.randint(1960, 2004), rng.randint(1, 12), rng.randint(1, 28))
        while True:
            century = (0 if born.year < 2000 else 2) + (1 if female else 0)
            number_text = f"{rng.choice(codes)}{century}{born.year % 100:02d}{rng.randint(0, 999999):06d}"
            if number_text not in used:
                used.add(number_text)
                break
        birth = born if rng.random() < 0.6 else born.strftime("%d/%m/%Y")
        id_value = int(number_text) if rng.random() < 0.3 else number_text
        phone = f"09{rng.randint(10_000_000, 99_999_999)}"
        phone_value = int(phone) if rng.random() < 0.3 else phone
        position = ("Tổ trưởng", "Tổ phó")[position_index] if position_index < 2 else "Tổ viên"
        position_index += 1
        name = f"{rng.choice(family)} {rng.choice(middle_f if female else middle_m)} {rng.choice(given)}"
        sheet.append([number, name, None if female else birth, birth if female else None, id_value,
                      rng.choice(["Kinh", "Kinh", "Kinh", "Tày", "Thái", "Gia Rai"]),
                      rng.choice(["9/12", "12/12", "Trung cấp", "Đại học"]), position, f"Thôn {hamlet}",
                      rng.choice(["Mới", "BVDP", "CAXBCT", "Đội phó DP", ""]), phone_value])
    sheet.append([])
    sheet.append([f"Tổng cộng: {rows} thành viên"])
    sheet.append([])
    sheet.append([None, "NGƯỜI LẬP BIỂU", None, None, None, None, None, "TRƯỞNG CÔNG AN XÃ"])
    workbook.save(path)


def raw_read(path: Path) -> int:
    import openpyxl

    workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    count = sum(1 for _ in workbook.active.iter_rows(values_only=True))
    workbook.close()
    return count


def main() -> int:
    from antt_desktop.domain.units import UnitSetup
    from antt_desktop.wiring import open_services

    folder = Path(tempfile.mkdtemp(prefix="antt-import-bench-"))
    sheet = folder / "danh-sach-5000.xlsx"
    build_sheet(sheet)

    started = time.perf_counter()
    raw_read(sheet)
    raw_ms = (time.perf_counter() - started) * 1000

    services = open_services(folder / "antt.sqlite", actor="bench", clock=lambda: NOW)
    try:
        services.units.set_up(UnitSetup(code="26734", name="Xã Tân Phú", province="Gia Lai"))
        # As `antt import-excel FILE --decision … --decision-date …` runs it.
        recognition = services.imports.recognition("45/QĐ-UBND", date(2024, 7, 1))
        started = time.perf_counter()
        preview = services.imports.dry_run(sheet, recognition=recognition)
        check_ms = (time.perf_counter() - started) * 1000
        started = time.perf_counter()
        outcome = services.imports.run(preview, recognition=recognition)
        apply_ms = (time.perf_counter() - started) * 1000
        members = services.members.count()
    finally:
        services.close()
    if outcome.batch.accepted != ROWS or members != ROWS:
        print(f"expected {ROWS} members, got {outcome.batch.accepted} accepted, {members} stored", file=sys.stderr)
        return 1
    total_ms = check_ms + apply_ms
    emit("import", [
        result("Nhập Excel 5.000 dòng: kiểm tra (đọc + soát)", check_ms, "openpyxl read_only", raw_ms, None,
               rows=ROWS, rejected=len(preview.rejected)),
        result("Nhập Excel 5.000 dòng: ghi (một giao dịch)", apply_ms, "openpyxl read_only", raw_ms, None),
        result("Nhập Excel 5.000 dòng: kiểm tra + ghi", total_ms, "openpyxl read_only", raw_ms, BUDGET_MS),
    ])
    return 0


if __name__ == "__main__":
    sys.exit(main())
