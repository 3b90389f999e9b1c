"""BM1 to Excel laid out as the form: landscape A4, a merged three-level header, the row of
column numbers, one row per commune in the official order, and the TỔNG CỘNG row."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins

from antt_desktop.documents import bm1_layout as layout
from antt_desktop.domain.annual_report import ReportHeading
from antt_desktop.domain.bm1 import Bm1Report

FONT = "Times New Roman"
HEADER_ROW = 5                      # first of the three header rows
NUMBER_ROW = HEADER_ROW + layout.HEADER_LEVELS
FIRST_BODY_ROW = NUMBER_ROW + 1
THIN = Side(style="thin", color="000000")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)


def write_bm1_xlsx(report: Bm1Report, heading: ReportHeading, path: Path) -> Path:
    """Write the sheet to a temporary name, then rename (a crash never leaves half a file)."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "BM1"
    last_col = get_column_letter(layout.COLUMN_COUNT)

    _text(sheet, "A1", (heading.higher_unit_name or "").upper(), size=11)
    sheet.merge_cells("A1:H1")
    _text(sheet, "A2", heading.unit_name.upper(), bold=True, size=11)
    sheet.merge_cells("A2:H2")
    _text(sheet, f"{get_column_letter(layout.COLUMN_COUNT - 4)}1", layout.FORM_LABEL, bold=True, italic=True)
    sheet.merge_cells(f"{get_column_letter(layout.COLUMN_COUNT - 4)}1:{last_col}1")
    _text(sheet, "A3", layout.TITLE, bold=True, size=13)
    sheet.merge_cells(f"A3:{last_col}3")
    _text(sheet, "A4", layout.period_line(report), italic=True, size=11)
    sheet.merge_cells(f"A4:{last_col}4")
    sheet.row_dimensions[3].height = 22

    for cell in layout.header_cells():
        top = HEADER_ROW + cell.row
        bottom = HEADER_ROW + cell.last_row
        first, last = cell.first_col + 1, cell.last_col + 1
        _text(sheet, sheet.cell(top, first).coordinate, cell.text, bold=True, size=9)
        if (top, first) != (bottom, last):
            sheet.merge_cells(start_row=top, start_column=first, end_row=bottom, end_column=last)
    for row in range(HEADER_ROW, NUMBER_ROW):
        sheet.row_dimensions[row].height = (32, 62, 30)[row - HEADER_ROW]
    for index, text in enumerate(layout.number_row(), start=1):
        cell = sheet.cell(NUMBER_ROW, index, int(text) if text else None)
        cell.font = Font(name=FONT, size=9, italic=True)
        cell.alignment = CENTER
    sheet.merge_cells(start_row=NUMBER_ROW, start_column=1, end_row=NUMBER_ROW, end_column=2)

    body = layout.body_rows(report)
    for offset, values in enumerate(body):
        row = FIRST_BODY_ROW + offset
        is_total = layout.has_total_row(report) and offset == len(body) - 1
        for index, value in enumerate(values, start=1):
            cell = sheet.cell(row, index, value if value != "" else None)
            cell.font = Font(name=FONT, size=10, bold=is_total)
            if index == 2:
                cell.alignment = Alignment(horizontal="center" if is_total else "left", vertical="center",
                                           wrap_text=True)
            else:
                cell.alignment = Alignment(horizontal="center", vertical="center")
            if index >= 3:
                cell.number_format = "#,##0"
    last_body_row = FIRST_BODY_ROW + len(body) - 1
    for row in sheet.iter_rows(min_row=HEADER_ROW, max_row=max(last_body_row, NUMBER_ROW),
                               max_col=layout.COLUMN_COUNT):
        for cell in row:
            cell.border = BOX

    widths = {1: 5, 2: 20}
    for index in range(1, layout.COLUMN_COUNT + 1):
        sheet.column_dimensions[get_column_letter(index)].width = widths.get(index, 7.2)

    row = last_body_row + 2
    for line in layout.bucket_lines(report):
        _text(sheet, f"A{row}", line, italic=True, size=10, align="left")
        sheet.merge_cells(f"A{row}:{last_col}{row}")
        row += 1
    row += 1
    right = get_column_letter(layout.COLUMN_COUNT - 8)
    _text(sheet, f"{right}{row}", layout.place_and_date(heading), italic=True, size=11)
    sheet.merge_cells(f"{right}{row}:{last_col}{row}")
    _text(sheet, f"A{row + 1}", "NGƯỜI LẬP BIỂU", bold=True, size=11)
    sheet.merge_cells(f"A{row + 1}:H{row + 1}")
    _text(sheet, f"{right}{row + 1}", heading.signer_title.upper(), bold=True, size=11)
    sheet.merge_cells(f"{right}{row + 1}:{last_col}{row + 1}")
    if heading.signer_name:
        _text(sheet, f"{right}{row + 5}", heading.signer_name, bold=True, size=11)
        sheet.merge_cells(f"{right}{row + 5}:{last_col}{row + 5}")

    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_margins = PageMargins(left=0.4, right=0.4, top=0.5, bottom=0.5)
    sheet.print_title_rows = f"{HEADER_ROW}:{NUMBER_ROW}"
    sheet.print_options.horizontalCentered = True
    sheet.freeze_panes = sheet.cell(FIRST_BODY_ROW, 3)

    path = Path(path)
    temporary = path.with_name(path.name + ".tmp")
    workbook.save(temporary)
    temporary.replace(path)
    return path


def _text(sheet, coordinate: str, value: str, *, bold: bool = False, italic: bool = False, size: int = 10,
          align: str = "center") -> None:
    cell = sheet[coordinate]
    cell.value = value
    cell.font = Font(name=FONT, size=size, bold=bold, italic=italic)
    cell.alignment = Alignment(horizontal=align, vertical="center", wrap_text=True)
