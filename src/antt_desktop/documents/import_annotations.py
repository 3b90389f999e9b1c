"""The annotated copy of an imported workbook: problem cells coloured, a comment on each,
and a sheet listing every problem (issue #7 §4). The user fixes the copy and imports again."""

from __future__ import annotations

import os
import warnings
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

ERROR_FILL = "F4A6A6"        # the cell that makes the row rejected
REJECTED_ROW_FILL = "FBE3E3"  # the rest of a rejected row
WARNING_FILL = "FFE699"      # accepted, but look at this cell
RESULT_SHEET = "Kết quả kiểm tra"
FONT = "Times New Roman"
AUTHOR = "ANTT Desktop"

Note = tuple[str, int | None, int | None, str, bool]    # sheet, row, column, text, is_error


def write_annotated_copy(source: Path, out: Path, notes: Iterable[Note], *,
                         rejected_rows: set[tuple[str, int]] = frozenset()) -> Path:
    """Copy `source` to `out` (.xlsx) with the notes on their cells and a result sheet first."""
    import openpyxl
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill

    notes = list(notes)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")   # dropdown extensions openpyxl cannot keep
        with open(source, "rb") as handle:
            workbook = openpyxl.load_workbook(handle)
    fills = {kind: PatternFill("solid", start_color=color, end_color=color)
             for kind, color in (("error", ERROR_FILL), ("row", REJECTED_ROW_FILL), ("warning", WARNING_FILL))}

    for sheet, row in rejected_rows:
        if sheet not in workbook.sheetnames:
            continue
        worksheet = workbook[sheet]
        for cell in worksheet[row]:
            if cell.column <= worksheet.max_column and type(cell).__name__ != "MergedCell":
                cell.fill = fills["row"]

    by_cell: dict[tuple[str, int, int], list[tuple[str, bool]]] = defaultdict(list)
    for sheet, row, column, text, is_error in notes:
        if sheet in workbook.sheetnames and row is not None and column is not None:
            by_cell[(sheet, row, column)].append((text, is_error))
    for (sheet, row, column), texts in by_cell.items():
        cell = _writable_cell(workbook[sheet], row, column)
        is_error = any(error for _, error in texts)
        cell.fill = fills["error" if is_error else "warning"]
        body = "\n".join(("LỖI: " if error else "Cảnh báo: ") + text for text, error in texts)
        if cell.comment is not None and cell.comment.text:
            body = f"{cell.comment.text}\n{body}"
        comment = Comment(body, AUTHOR)
        comment.width = 320
        comment.height = min(60 + 18 * body.count("\n") + len(body) // 2, 400)
        cell.comment = comment

    result = workbook.create_sheet(RESULT_SHEET, 0)
    errors = sum(1 for *_, is_error in notes if is_error)
    result.append(["KẾT QUẢ KIỂM TRA DANH SÁCH TRƯỚC KHI NHẬP"])
    result.append([f"Tệp gốc: {source.name}. Có {len(rejected_rows)} dòng không được nhập "
                   f"({errors} lỗi) và {len(notes) - errors} cảnh báo. Ô tô đỏ: lỗi; ô tô vàng: cảnh báo; "
                   "di chuột lên ô để xem ghi chú."])
    result.append([])
    result.append(["Trang", "Dòng", "Cột", "Loại", "Nội dung"])
    for sheet, row, column, text, is_error in sorted(
            notes, key=lambda n: (n[0], n[1] or 0, not n[4], n[2] or 0)):
        result.append([sheet, row, _letter(column) if column else "", "Lỗi" if is_error else "Cảnh báo", text])
        if is_error:
            result.cell(result.max_row, 4).fill = fills["error"]
        else:
            result.cell(result.max_row, 4).fill = fills["warning"]
    # Times New Roman (Liberation Serif in LibreOffice) has every Vietnamese capital;
    # the default Calibri fallback on Linux drops the marks of "KẾT QUẢ".
    for row in result.iter_rows():
        for cell in row:
            cell.font = Font(name=FONT, size=12)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    result["A1"].font = Font(name=FONT, bold=True, size=14)
    result["A1"].alignment = Alignment(vertical="top")
    result.merge_cells("A2:E2")
    result.row_dimensions[2].height = 34
    for cell in result[4]:
        cell.font = Font(name=FONT, bold=True, size=12)
    for row in range(5, result.max_row + 1):
        # Excel and LibreOffice do not grow a row for wrapped text they did not lay out
        # themselves: about 115 characters fit on a line of column E.
        lines = max(1, -(-len(str(result.cell(row, 5).value or "")) // 115))
        result.row_dimensions[row].height = 16 * lines
    for column, width in zip("ABCDE", (16, 7, 6, 10, 95)):
        result.column_dimensions[column].width = width
    result.freeze_panes = "A5"
    result.page_setup.orientation = "landscape"
    result.page_setup.paperSize = result.PAPERSIZE_A4
    result.page_setup.fitToWidth, result.page_setup.fitToHeight = 1, 0
    result.sheet_properties.pageSetUpPr.fitToPage = True
    result.print_title_rows = "4:4"
    workbook.active = 0

    out = out if out.suffix.lower() == ".xlsx" else out.with_suffix(".xlsx")
    temporary = out.with_name(out.name + ".partial")
    workbook.save(temporary)
    os.replace(temporary, out)
    return out


def _writable_cell(worksheet, row: int, column: int):
    cell = worksheet.cell(row=row, column=column)
    if type(cell).__name__ == "MergedCell":
        for merged in worksheet.merged_cells.ranges:
            if cell.coordinate in merged:
                return worksheet.cell(row=merged.min_row, column=merged.min_col)
    return cell


def _letter(column: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(column)
