"""Sổ trực (the month's duty log) in Excel: the template the office fills in, and the reader.

`read_duty_log` returns `(records, problems)`. Each problem names its sheet, row, column and
reason (STYLE §6); the service applies nothing while any problem remains. A row whose count
cells are all blank is skipped (the member's log is left as it is); a written 0 clears it.
The template carries each member's id in a hidden last column so names need not match exactly;
a sheet typed by hand is matched by name (and team, when names repeat) by the service.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from antt_desktop.domain import vn_text
from antt_desktop.domain.payroll import (
    DUTY_FIELD_LABELS,
    DUTY_FIELDS,
    DutyCounts,
    DutyLogRecord,
    DutyProblem,
    DutyProblemReason,
    Month,
)

HEADER_SCAN_ROWS = 20
ID_HEADER = "Mã thành viên"


def _column_of(header: str) -> str | None:
    """Which field a heading names, by its folded words (hand-made sheets word them freely)."""
    text = " ".join(vn_text.fold(header or "").replace("\n", " ").split())
    if not text:
        return None
    if text.startswith("ma thanh vien") or text == "ma tv":
        return "member_id"
    if text in ("ho va ten", "ho ten", "ho va ten thanh vien", "ten thanh vien"):
        return "full_name"
    if text in ("to", "ten to") or text.startswith("to bao ve"):
        return "team_name"
    if "dia ban" in text:
        return "special_area_days"
    if "tap huan" in text:
        return "training_days"
    if "doc hai" in text or "nang nhoc" in text:
        return "hazardous_days"
    if "le" in text.split() or "tet" in text or "ngay nghi" in text:
        return "holidays"
    if "dem" in text.split():
        return "nights"
    if "nhiem vu" in text or "ngay truc" in text:
        return "long_duty_days"
    return None


@dataclass(frozen=True, slots=True)
class _Header:
    row: int
    columns: dict[str, int]          # field -> 0-based column index
    titles: dict[str, str]


def _find_header(rows: Sequence[tuple]) -> _Header | None:
    for number, values in enumerate(rows[:HEADER_SCAN_ROWS], start=1):
        columns: dict[str, int] = {}
        titles: dict[str, str] = {}
        for index, value in enumerate(values):
            if not isinstance(value, str):
                continue
            name = _column_of(value)
            if name and name not in columns:
                columns[name] = index
                titles[name] = " ".join(value.split())
        if ("full_name" in columns or "member_id" in columns) and any(f in columns for f in DUTY_FIELDS):
            return _Header(number, columns, titles)
    return None


_MONTH_IN_TITLE = re.compile(r"thang\s+(\d{1,2})\s*[/\-.]\s*(\d{4})")


def _month_in_titles(rows: Sequence[tuple], before: int) -> tuple[int, Month] | None:
    for number, values in enumerate(rows[:before - 1], start=1):
        for value in values:
            if isinstance(value, str):
                match = _MONTH_IN_TITLE.search(vn_text.fold(value))
                if match and 1 <= int(match[1]) <= 12:
                    return number, Month(int(match[2]), int(match[1]))
    return None


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


def _count(value, month: Month) -> tuple[int | None, DutyProblemReason | None]:
    """A cell as a count: (None, None) when blank."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, None
    if isinstance(value, bool):
        return None, DutyProblemReason.NOT_A_WHOLE_NUMBER
    if isinstance(value, float):
        if not value.is_integer():
            return None, DutyProblemReason.NOT_A_WHOLE_NUMBER
        value = int(value)
    if isinstance(value, str):
        text = value.strip()
        if not re.fullmatch(r"[-−]?\d+", text):
            return None, DutyProblemReason.NOT_A_WHOLE_NUMBER
        value = int(text.replace("−", "-"))
    if not isinstance(value, int):
        return None, DutyProblemReason.NOT_A_WHOLE_NUMBER
    if value < 0:
        return None, DutyProblemReason.NEGATIVE
    if value > month.days:
        return None, DutyProblemReason.TOO_MANY
    return value, None


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return vn_text.normalize_text(str(value))


def read_duty_log(path: Path, *, month: Month) -> tuple[list[DutyLogRecord], list[DutyProblem]]:
    """Read a duty-log workbook for `month`; problems say where and why, records what."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    path = Path(path)
    name = path.name
    try:
        with open(path, "rb") as handle:
            signature = handle.read(8)
    except OSError:
        return [], [DutyProblem(name, 0, "", DutyProblemReason.UNREADABLE_FILE)]
    if signature.startswith(b"\xd0\xcf\x11\xe0"):      # BIFF8 .xls (OLE2 container)
        return [], [DutyProblem(name, 0, "", DutyProblemReason.OLD_XLS_FORMAT)]
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError):
        return [], [DutyProblem(name, 0, "", DutyProblemReason.UNREADABLE_FILE)]
    try:
        found = None
        first_title = ""
        for ws in workbook.worksheets:
            if getattr(ws, "sheet_state", "visible") != "visible":
                continue
            first_title = first_title or ws.title
            rows = [tuple(r) for r in ws.iter_rows(values_only=True)]
            header = _find_header(rows)
            if header is not None:
                found = (ws.title, rows, header)
                break
        if found is None:
            return [], [DutyProblem(first_title or name, 0, "", DutyProblemReason.NO_HEADER)]
        sheet, rows, header = found
    finally:
        workbook.close()
    return _records(sheet, rows, header, month)


def _records(sheet: str, rows: Sequence[tuple], header: _Header, month: Month) -> tuple[list[DutyLogRecord], list[DutyProblem]]:
    problems: list[DutyProblem] = []
    stated = _month_in_titles(rows, header.row)
    if stated is not None and stated[1] != month:
        problems.append(DutyProblem(sheet, stated[0], "", DutyProblemReason.MONTH_MISMATCH, stated[1].label))
    records: list[DutyLogRecord] = []
    columns = header.columns

    def cell(values: tuple, field: str):
        index = columns.get(field)
        return values[index] if index is not None and index < len(values) else None

    for number, values in enumerate(rows[header.row:], start=header.row + 1):
        counts: dict[str, int] = {}
        has_count = False
        row_problems = []
        for field in DUTY_FIELDS:
            if field not in columns:
                continue
            raw = cell(values, field)
            value, reason = _count(raw, month)
            if reason is not None:
                row_problems.append(DutyProblem(sheet, number, _letter(columns[field]), reason, str(raw),
                                                header.titles.get(field, DUTY_FIELD_LABELS[field])))
                has_count = True
            elif value is not None:
                counts[field] = value
                has_count = True
        if not has_count:
            continue
        member_id = _text(cell(values, "member_id"))
        full_name = _text(cell(values, "full_name"))
        if not member_id and not full_name:
            column = columns.get("full_name", columns.get("member_id", 0))
            row_problems.append(DutyProblem(sheet, number, _letter(column), DutyProblemReason.NAME_MISSING,
                                            header=header.titles.get("full_name", "Họ và tên")))
        problems.extend(row_problems)
        if not row_problems:
            records.append(DutyLogRecord(sheet, number, member_id, full_name, _text(cell(values, "team_name")),
                                         DutyCounts(**counts)))
    if not records and not problems:
        problems.append(DutyProblem(sheet, header.row, "", DutyProblemReason.NO_ROWS))
    return records, problems


@dataclass(frozen=True, slots=True)
class TemplateRow:
    member_id: str
    full_name: str
    team_name: str
    position_label: str
    counts: DutyCounts | None = None


def write_duty_log_template(path: Path, *, month: Month, unit_name: str, rows: Sequence[TemplateRow]) -> Path:
    """A workbook listing the month's members with a column per kind of duty, ready to fill."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side

    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    font = Font(name="Times New Roman", size=11)
    bold = Font(name="Times New Roman", size=11, bold=True)
    center = Alignment(horizontal="center", vertical="center", wrap_text=True)
    workbook = Workbook()
    ws = workbook.active
    ws.title = f"Tháng {month.month:02d}-{month.year}"
    headers = ["STT", "Họ và tên", "Tổ", "Chức danh", *[DUTY_FIELD_LABELS[f] for f in DUTY_FIELDS], ID_HEADER]
    widths = [5, 26, 24, 11, 11, 13, 11, 10, 12, 12, 38]
    ws.cell(1, 1, unit_name.upper()).font = bold
    ws.cell(2, 1, f"SỔ THEO DÕI TRỰC, LÀM NHIỆM VỤ THÁNG {month.label}").font = Font(name="Times New Roman",
                                                                                     size=13, bold=True)
    ws.cell(3, 1, "Ghi số đêm/ngày của từng người; để trống cả dòng nếu không thay đổi. "
                  "Không sửa cột «Mã thành viên».").font = Font(name="Times New Roman", size=10, italic=True)
    for index, (title, width) in enumerate(zip(headers, widths), start=1):
        cell = ws.cell(5, index, title)
        cell.font, cell.alignment, cell.border = bold, center, box
        ws.column_dimensions[_letter(index - 1)].width = width
    ws.row_dimensions[5].height = 45
    for number, row in enumerate(rows, start=1):
        counts = row.counts.as_dict() if row.counts and not row.counts.is_empty else {}
        values = [number, row.full_name, row.team_name, row.position_label,
                  *[counts.get(f) for f in DUTY_FIELDS], row.member_id]
        for index, value in enumerate(values, start=1):
            cell = ws.cell(5 + number, index, value)
            cell.font, cell.border = font, box
    ws.column_dimensions[_letter(len(headers) - 1)].hidden = True
    ws.freeze_panes = "E6"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = 9
    ws.print_title_rows = "5:5"
    path = Path(path)
    workbook.save(path)
    return path
