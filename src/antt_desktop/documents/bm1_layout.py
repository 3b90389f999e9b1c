"""The BM1 sheet's grid, shared by the Excel and PDF writers: header cells with their spans,
the body rows, and the lines under the table. Physical column 0 is STT, 1 the unit's name,
and column number n (2–25) sits at index n, so the printed numbers match the indexes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from antt_desktop.domain.annual_report import ReportHeading
from antt_desktop.domain.bm1 import (
    BM1_COLUMNS,
    FIGURE_COLUMNS,
    TOTAL_LABEL,
    UNIT_HEADER,
    Bm1Report,
    Bm1Row,
    BucketKind,
    total_row,
)

HEADER_LEVELS = 3
COLUMN_COUNT = 2 + len(FIGURE_COLUMNS)
TITLE = "THỐNG KÊ SỐ LIỆU LỰC LƯỢNG THAM GIA BẢO VỆ AN NINH, TRẬT TỰ Ở CƠ SỞ"
FORM_LABEL = "Biểu mẫu 01"
BUCKET_SENTENCES = {
    BucketKind.UNKNOWN_EDUCATION: "thành viên chưa rõ trình độ học vấn (không tính vào cột 9–12)",
    BucketKind.BELOW_PRIMARY: "thành viên chưa tốt nghiệp tiểu học (không tính vào cột 9–12)",
    BucketKind.UNKNOWN_AGE: "thành viên chưa rõ tuổi (không tính vào cột 7–8)",
}


@dataclass(frozen=True, slots=True)
class HeaderCell:
    text: str
    row: int            # 0..2 inside the header
    first_col: int
    last_col: int
    last_row: int


def header_cells() -> list[HeaderCell]:
    """Every header cell with its merge: shorter headers merge down, equal parents merge across."""
    cells = [HeaderCell("STT", 0, 0, 0, HEADER_LEVELS - 1),
             HeaderCell(UNIT_HEADER, 0, 1, 1, HEADER_LEVELS - 1)]
    figure_columns = [c for c in BM1_COLUMNS if c.number >= 2]
    for level in range(HEADER_LEVELS):
        index = 0
        while index < len(figure_columns):
            column = figure_columns[index]
            if len(column.headers) <= level:
                index += 1
                continue
            key = column.headers[:level + 1]
            end = index
            while (end + 1 < len(figure_columns) and figure_columns[end + 1].headers[:level + 1] == key
                   and len(figure_columns[end + 1].headers) > level):
                end += 1
            is_leaf = len(column.headers) == level + 1
            cells.append(HeaderCell(column.headers[level], level, column.number, figure_columns[end].number,
                                    HEADER_LEVELS - 1 if is_leaf else level))
            index = end + 1
    return cells


def number_row() -> list[str]:
    """The row of column numbers under the header; "1" covers STT and the unit's name."""
    return ["1", ""] + [str(number) for number in FIGURE_COLUMNS]


def total_line(report: Bm1Report) -> Bm1Row | None:
    """The form's TỔNG CỘNG row (BM1.md: the rows of the communes, then a TỔNG CỘNG row).

    A commune's own sheet has it too: it repeats the commune's figures, so the provincial
    aggregator finds the line it expects on every sheet."""
    if report.total is not None:
        return report.total
    return total_row(report.rows) if report.rows else None


def body_rows(report: Bm1Report) -> list[list]:
    """One row per commune, then TỔNG CỘNG (the last row, with an empty STT)."""
    rows = [[index, row.name] + [row.figures[n] for n in FIGURE_COLUMNS]
            for index, row in enumerate(report.rows, start=1)]
    total = total_line(report)
    if total is not None:
        rows.append(["", TOTAL_LABEL] + [total.figures[n] for n in FIGURE_COLUMNS])
    return rows


def has_total_row(report: Bm1Report) -> bool:
    return total_line(report) is not None


def period_line(report: Bm1Report) -> str:
    return f"Kỳ báo cáo: từ ngày {_d(report.period.first)} đến ngày {_d(report.period.last)}"


def bucket_lines(report: Bm1Report) -> list[str]:
    """Members no column holds, said under the table so nothing is counted silently."""
    lines = []
    for kind, sentence in BUCKET_SENTENCES.items():
        per_unit = [(row.name, row.bucket_count(kind)) for row in report.rows if row.bucket_count(kind)]
        if not per_unit:
            continue
        total = sum(count for _, count in per_unit)
        detail = ", ".join(f"{name}: {count}" for name, count in per_unit) if len(report.rows) > 1 else ""
        lines.append(f"Có {total} {sentence}" + (f" — {detail}" if detail else "") + ".")
    return lines


def place_and_date(heading: ReportHeading) -> str:
    made = heading.made_on or date.today()
    place = heading.place_name or ""
    return f"{place}, ngày {made.day:02d} tháng {made.month:02d} năm {made.year}".lstrip(", ")


def _d(value: date) -> str:
    return value.strftime("%d/%m/%Y")
