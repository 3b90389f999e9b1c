"""The payroll sheet and the budget estimate as Excel workbooks, the way finance offices expect
them: unit header, title, two header rows repeated on every page, team groups with subtotals,
the total, "Số tiền bằng chữ", signature blocks; A4 landscape fitted to the page width.

Amounts are integers formatted `#,##0` (tagged Vietnamese, see MONEY_FORMAT), shown
"1.440.000". Totals are formulas, so that a clerk's correction in Excel keeps them right: each
line's "Tổng cộng" is `=G+H+I` (column 6 = 3+4+5), each team's "Cộng" is `=SUM(…)` over its
lines and TỔNG CỘNG is `=SUM(…)` over the teams' subtotals. Each formula is stored with its
result (`<v>`), which openpyxl cannot do by itself (see _write_row): a viewer that does not
recalculate, and our tests, read the figures. The amount in words stays text: it says what was
computed and is checked against TỔNG CỘNG. The sheet is streamed (write-only mode), so 10,000
lines stay within the budget of DESIGN §7.
"""

from __future__ import annotations

from collections.abc import Sequence
import types
from copy import copy
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.cell._writer import write_cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.cell_range import CellRange
from openpyxl.worksheet.properties import PageSetupProperties, WorksheetProperties
from openpyxl.xml.functions import Element, SubElement

from antt_desktop.documents.payroll_sheet import Column, PayrollSheet, SheetHeader
from antt_desktop.domain.money import amount_in_words
from antt_desktop.domain.payroll import BudgetEstimate, RunKind

FONT_NAME = "Times New Roman"   # the official font; LibreOffice maps it to Liberation Serif
# "#,##0" tagged Vietnamese (LCID 042A): LibreOffice then groups with dots whatever the reader's
# locale; Excel keeps the system separators (dots on a Vietnamese Windows).
MONEY_FORMAT = "[$-42A]#,##0"
_THIN = Side(style="thin", color="000000")
_HAIR = Side(style="hair", color="808080")
BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
LINE_BOX = Border(left=_THIN, right=_THIN, top=_HAIR, bottom=_HAIR)


class _Styles:
    """Style objects made once; assigning shared objects keeps 100,000 cells fast."""

    def __init__(self) -> None:
        self.plain = Font(name=FONT_NAME, size=11)
        self.bold = Font(name=FONT_NAME, size=11, bold=True)
        self.italic = Font(name=FONT_NAME, size=11, italic=True)
        self.title = Font(name=FONT_NAME, size=13, bold=True)
        self.draft = Font(name=FONT_NAME, size=11, bold=True, color="C00000")
        self.header = Font(name=FONT_NAME, size=10, bold=True)
        self.number = Font(name=FONT_NAME, size=9, italic=True)
        self.center = Alignment(horizontal="center", vertical="center", wrap_text=True)
        self.left = Alignment(horizontal="left", vertical="center")
        self.left_wrap = Alignment(horizontal="left", vertical="center", wrap_text=True)
        self.right = Alignment(horizontal="right", vertical="center")
        self.group_fill = PatternFill("solid", fgColor="EDEDED")


def _cell(ws, value, *, font=None, alignment=None, border=None, number_format=None, fill=None):
    """A write-only cell with the given (shared) style objects.

    Assigning a style object to a cell hashes it into the workbook's style tables, which costs
    ~100 µs a cell; each combination is registered once per workbook and later cells get a copy
    of its style indices (what openpyxl's own cell copy does), ~20× faster on 10,000 lines.
    """
    cell = WriteOnlyCell(ws, value=None if value == "" else value)
    cache = ws.parent.__dict__.setdefault("_antt_style_cache", {})
    key = (id(font), id(alignment), id(border), number_format, id(fill))
    style = cache.get(key)
    if style is None:
        if font is not None:
            cell.font = font
        if alignment is not None:
            cell.alignment = alignment
        if border is not None:
            cell.border = border
        if number_format is not None:
            cell.number_format = number_format
        if fill is not None:
            cell.fill = fill
        # The objects are kept with the copy, so their ids stay theirs while the cache lives.
        cache[key] = (copy(cell._style), (font, alignment, border, fill))
    else:
        cell._style = copy(style[0])
    return cell


def _page_setup(ws) -> None:
    ws.sheet_properties = WorksheetProperties(pageSetUpPr=PageSetupProperties(fitToPage=True))
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = 9                  # A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0                # as many pages down as needed
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = 0.5
    ws.page_margins.bottom = 0.75
    ws.page_margins.footer = 0.3
    ws.print_options.horizontalCentered = True
    ws.oddFooter.center.text = "Trang &P/&N"
    ws.oddFooter.center.font = FONT_NAME


def _widths(ws, columns: Sequence[Column]) -> None:
    for index, column in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(index)].width = column.width


def _cells_to_row(ws, cells, row_index: int):
    """The cells of an appended row as the write-only writer wants them.

    openpyxl's own `_values_to_row` takes values; a styled cell reaches it only by failing
    `cell.value = <Cell>` (an exception and a repr of the cell each time) and then makes a
    spare blank cell. Every row here is made of our own cells (or None), so they go straight
    through: 10,000 lines write ~1.6× faster.
    """
    for column, cell in enumerate(cells, 1):
        if cell is None:
            continue
        cell.column, cell.row = column, row_index
        yield cell


def _write_row(self, xf, row, row_idx):
    """openpyxl's WorksheetWriter.write_row, except that a formula cell carrying `cached`
    is written with its result: <c r="J12" s="5"><f>SUM(J10:J11)</f><v>3081000</v></c>.
    openpyxl writes a formula with an empty <v/>, which shows blank until recalculated."""
    attrs = {"r": f"{row_idx}"}
    attrs.update(self.ws.row_dimensions.get(row_idx, {}))
    with xf.element("row", attrs):
        for cell in row:
            if cell._value is None and not cell.has_style:
                continue
            cached = getattr(cell, "cached", None)
            if cached is not None and cell.data_type == "f":
                element = Element("c", {"r": cell.coordinate, "s": f"{cell.style_id}"})
                SubElement(element, "f").text = cell._value[1:]
                SubElement(element, "v").text = str(cached)
                xf.write(element)
            else:
                write_cell(xf, self.ws, cell, cell.has_style)


class _Writer:
    """Appends rows to a write-only sheet and keeps count, so merges can name their rows."""

    def __init__(self, ws, width: int, styles: _Styles) -> None:
        self.ws, self.width, self.s = ws, width, styles
        self.row = 0
        ws._values_to_row = types.MethodType(_cells_to_row, ws)

    def append(self, cells: list, *, height: float | None = None) -> int:
        self.row += 1
        if height is not None:
            self.ws.row_dimensions[self.row].height = height
        if self.row == 1:
            self.ws._get_writer()          # what append would do first; then formulas keep results
            self.ws._writer.write_row = types.MethodType(_write_row, self.ws._writer)
        self.ws.append(cells)
        return self.row

    def merge(self, first_col: int, last_col: int, row: int | None = None) -> None:
        row = row or self.row
        if last_col > first_col:
            # Straight into the set: MultiCellRange.add first scans every range (quadratic on
            # a 10,000-line sheet with thousands of team rows); these never overlap.
            self.ws.merged_cells.ranges.add(CellRange(min_col=first_col, min_row=row, max_col=last_col, max_row=row))

    def text_row(self, text: str, font, alignment, *, first: int = 1, last: int | None = None,
                 height: float | None = None) -> None:
        last = last or self.width
        cells = [None] * (first - 1) + [_cell(self.ws, text, font=font, alignment=alignment)]
        self.append(cells, height=height)
        self.merge(first, last)

    def header_block(self, header: SheetHeader, title: str, columns: Sequence[Column]) -> str:
        """Unit lines, title, basis, the two header rows; returns the print-title rows ("7:8")."""
        s, half = self.s, max(4, len(columns) // 2 - 1)
        self.text_row(header.authority, s.plain, s.center, last=half)
        self.text_row(header.unit_name, s.bold, s.center, last=half)
        self.append([])
        self.text_row(title, s.title, s.center, height=36)
        self.text_row(f"({header.basis})" if header.basis else "", s.italic, s.center)
        if header.reason:            # supplementary sheets only: regular sheets keep their rows
            self.text_row(f"({header.reason})", s.italic, s.center)
        self.text_row("BẢN NHÁP — chưa khóa, không dùng để chi trả" if header.is_draft else "",
                      s.draft, s.center)
        first = self.append([_cell(self.ws, c.title, font=s.header, alignment=s.center, border=BOX)
                             for c in columns], height=42)
        self.append([_cell(self.ws, c.number, font=s.number, alignment=s.center, border=BOX)
                     for c in columns])
        return f"{first}:{first + 1}"

    def signature_footer(self, header: SheetHeader, words: str, blocks) -> None:
        s = self.s
        self.append([])
        self.text_row(words, s.italic, s.left_wrap, height=30)
        self.append([])
        spans = _signature_spans(self.width)
        self.text_row(header.date_line(), s.italic, s.center, first=spans[-1][0])
        longest = max(len(block[0]) for block in blocks)
        for line in range(longest):
            cells: list = [None] * self.width
            for (first, last), block in zip(spans, blocks):
                titles = block[0]
                if line < len(titles):
                    cells[first - 1] = _cell(self.ws, titles[line], font=s.bold, alignment=s.center)
            self.append(cells)
            for first, last in spans:
                self.merge(first, last)
        cells = [None] * self.width
        for (first, last), block in zip(spans, blocks):
            cells[first - 1] = _cell(self.ws, block[1], font=s.italic, alignment=s.center)
        self.append(cells)
        for first, last in spans:
            self.merge(first, last)
        for _ in range(4):
            self.append([])
        cells = [None] * self.width
        for (first, last), block in zip(spans, blocks):
            cells[first - 1] = _cell(self.ws, block[2], font=s.bold, alignment=s.center)
        self.append(cells)
        for first, last in spans:
            self.merge(first, last)


def _signature_spans(width: int) -> tuple[tuple[int, int], ...]:
    # Three blocks over the sheet: left, middle and right (the chairman signs on the right).
    third = width // 3
    return ((1, third), (third + 1, 2 * third), (2 * third + 1, width))


class _TemplateCell(Cell):
    """A styled cell refilled row after row; its style index is looked up once, not per row."""

    __slots__ = ("_style_index",)

    def __init__(self, source: Cell) -> None:
        super().__init__(source.parent)
        self._style = copy(source._style)
        self._style_index = None

    @property
    def style_id(self) -> int:
        if self._style_index is None:
            self._style_index = self.parent.parent._cell_styles.add(self._style)
        return self._style_index

    @property
    def has_style(self) -> bool:
        return True


class _FormulaCell(_TemplateCell):
    """A template cell that may hold a formula with its result (`cached`, written by _write_row)."""

    __slots__ = ("cached",)

    def __init__(self, source: Cell) -> None:
        super().__init__(source)
        self.cached = None

    def put(self, value, formula: str | None = None) -> None:
        if formula is None or value is None or value == "":
            self.value, self.cached = (None if value == "" else value), None
        else:
            self.value, self.cached = formula, value


FORMULA_LIMIT = 8000        # Excel allows 8,192 characters in a formula
SUM_ARGUMENTS = 255         # and 255 arguments to a function


def total_formula(column: str, subtotal_rows: Sequence[int], label_column: str = "B",
                  first: int = 0, last: int = 0) -> str:
    """TỔNG CỘNG as the sum of the teams' subtotals: "=SUM(G20,G35,G50)" (several SUMs added when
    there are more than 255 teams). Past Excel's length limit (over a thousand teams) it sums the
    rows labelled "Cộng …" instead."""
    refs = [f"{column}{row}" for row in subtotal_rows]
    if not refs:
        return "=0"
    chunks = [refs[i:i + SUM_ARGUMENTS] for i in range(0, len(refs), SUM_ARGUMENTS)]
    formula = "=" + "+".join(f"SUM({','.join(chunk)})" for chunk in chunks)
    if len(formula) <= FORMULA_LIMIT:
        return formula
    return (f'=SUMIF({label_column}{first}:{label_column}{last},"Cộng *",'
            f"{column}{first}:{column}{last})")


def _row_template(ws, styles: _Styles, columns: Sequence[Column], kind: str) -> list:
    """One styled cell per column for a kind of row, refilled for every row of that kind: a
    write-only sheet writes each row out as it is appended, so the cells can be reused, and
    10,000 lines cost little more than unstyled values (bench/payroll_bench.py)."""
    if kind == "team":
        return [_TemplateCell(c) for c in (
            [_cell(ws, None, border=BOX, fill=styles.group_fill),
             _cell(ws, None, font=styles.bold, alignment=styles.left, border=BOX, fill=styles.group_fill)]
            + [_cell(ws, None, border=BOX, fill=styles.group_fill) for _ in columns[2:]])]
    font = styles.plain if kind == "line" else styles.bold
    fill = styles.group_fill if kind == "total" else None
    border = LINE_BOX if kind == "line" else BOX
    cells = []
    for index, column in enumerate(columns):
        centered = index in (0, 5)                   # STT, Số ngày
        if column.is_money or index == 5:
            cells.append(_cell(ws, None, font=font, border=border, fill=fill,
                               number_format=MONEY_FORMAT if column.is_money else "0",
                               alignment=styles.center if centered else styles.right))
        else:
            cells.append(_cell(ws, None, font=font, border=border, fill=fill,
                               alignment=styles.center if centered else styles.left))
    return [_FormulaCell(c) if column.is_money else _TemplateCell(c) for c, column in zip(cells, columns)]


def write_payroll_xlsx(sheet: PayrollSheet, out: Path) -> Path:
    """Write the run's sheet (regular or supplementary) to `out` and return it."""
    workbook = Workbook(write_only=True)
    ws = workbook.create_sheet(f"Tháng {sheet.month_label.replace('/', '-')}")
    columns = sheet.columns
    styles = _Styles()
    _page_setup(ws)
    _widths(ws, columns)
    writer = _Writer(ws, len(columns), styles)
    title_rows = writer.header_block(sheet.header, sheet.title, columns)
    ws.print_title_rows = title_rows
    ws.freeze_panes = f"A{int(title_rows.split(':')[1]) + 1}"
    templates = {kind: _row_template(ws, styles, columns, kind) for kind in ("team", "line", "subtotal", "total")}
    letters = [get_column_letter(index) for index in range(1, len(columns) + 1)]
    regular = sheet.kind is RunKind.REGULAR
    first_line = first_row = writer.row + 1
    subtotal_rows: list[int] = []
    for row in sheet.rows():
        cells = templates[row.kind]
        at = writer.row + 1
        if row.kind == "team":
            cells[1].value = row.values[1]
            first_line = at + 1
        else:
            for index, (cell, value) in enumerate(zip(cells, row.values)):
                if not isinstance(cell, _FormulaCell):
                    cell.value = None if value == "" else value
                    continue
                letter = letters[index]
                if row.kind == "line":
                    # Column 6 = 3 + 4 + 5 on the regular sheet; the others are computed amounts.
                    formula = f"=G{at}+H{at}+I{at}" if regular and letter == "J" else None
                elif row.kind == "subtotal":
                    formula = f"=SUM({letter}{first_line}:{letter}{at - 1})"
                else:
                    formula = total_formula(letter, subtotal_rows, first=first_row, last=at - 1)
                cell.put(value, formula)
            if row.kind == "subtotal":
                subtotal_rows.append(at)
        writer.append(cells)
        if row.kind == "team":
            writer.merge(2, len(columns))
        elif row.kind != "line":
            writer.merge(2, 1 + sheet.label_span)
    writer.signature_footer(sheet.header, sheet.words_line(), sheet.signature_blocks())
    out = Path(out)
    workbook.save(out)
    return out


BUDGET_COLUMNS = (
    Column("STT", "A", 5),
    Column("Nội dung", "B", 42),
    Column("Số người", "1", 10),
    Column("Mức/tháng (đồng)", "2", 15, True),
    Column("Số tháng", "3", 9),
    Column("Thành tiền (đồng)", "4", 17, True),
    Column("Ghi chú", "C", 30),
)


def write_budget_xlsx(estimate: BudgetEstimate, header: SheetHeader, out: Path) -> Path:
    """Dự toán kinh phí for next year: one row per position and per kind of support."""
    workbook = Workbook(write_only=True)
    ws = workbook.create_sheet(f"Dự toán {estimate.year}")
    styles = _Styles()
    _page_setup(ws)
    _widths(ws, BUDGET_COLUMNS)
    writer = _Writer(ws, len(BUDGET_COLUMNS), styles)
    title = f"DỰ TOÁN KINH PHÍ HỖ TRỢ LỰC LƯỢNG THAM GIA BẢO VỆ AN NINH, TRẬT TỰ Ở CƠ SỞ NĂM {estimate.year}"
    ws.print_title_rows = writer.header_block(header, title, BUDGET_COLUMNS)
    first = writer.row + 1
    for number, row in enumerate(estimate.rows, start=1):
        writer.append([
            _cell(ws, number, font=styles.plain, alignment=styles.center, border=BOX),
            _cell(ws, row.label, font=styles.plain, alignment=styles.left_wrap, border=BOX),
            _cell(ws, row.count, font=styles.plain, alignment=styles.center, border=BOX, number_format="0"),
            _cell(ws, row.monthly_dong, font=styles.plain, alignment=styles.right, border=BOX,
                  number_format=MONEY_FORMAT),
            _cell(ws, row.months, font=styles.plain, alignment=styles.center, border=BOX, number_format="0"),
            _cell(ws, row.amount_dong, font=styles.plain, alignment=styles.right, border=BOX,
                  number_format=MONEY_FORMAT),
            _cell(ws, row.note, font=styles.italic, alignment=styles.left_wrap, border=BOX),
        ])
    total = _FormulaCell(_cell(ws, None, font=styles.bold, alignment=styles.right, border=BOX,
                               number_format=MONEY_FORMAT, fill=styles.group_fill))
    total.put(estimate.total_dong, f"=SUM(F{first}:F{writer.row})" if estimate.rows else None)
    writer.append([
        _cell(ws, "", border=BOX, fill=styles.group_fill),
        _cell(ws, "TỔNG CỘNG", font=styles.bold, alignment=styles.left, border=BOX, fill=styles.group_fill),
        *[_cell(ws, None, border=BOX, fill=styles.group_fill) for _ in range(3)],
        total,
        _cell(ws, "", border=BOX, fill=styles.group_fill),
    ])
    if estimate.base_salary_dong:
        bases = ", ".join(f"{amount:,}".replace(",", ".") + " đồng" for amount in estimate.base_salary_dong)
        writer.append([])
        writer.text_row(f"Lương cơ sở dùng để tính: {bases}.", styles.italic, styles.left)
    blocks = ((("NGƯỜI LẬP BIỂU",), "(Ký, ghi rõ họ tên)", header.preparer_name),
              (("KẾ TOÁN",), "(Ký, ghi rõ họ tên)", header.accountant_name),
              (header.chairman_block(), "(Ký tên, đóng dấu)", header.chairman_name))
    writer.signature_footer(header, f"Số tiền bằng chữ: {amount_in_words(estimate.total_dong)}.", blocks)
    out = Path(out)
    workbook.save(out)
    return out
