"""The annual report as an editable Word file (python-docx): NĐ 30/2020 layout, the figures,
the text sections, and the year's BM1 on a landscape appendix page."""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_ALIGN_VERTICAL, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from antt_desktop.documents import bm1_layout
from antt_desktop.documents.decision_docx import add_page_numbers
from antt_desktop.documents.annual_report_content import (
    NATIONAL_MOTTO,
    NATIONAL_NAME,
    Heading,
    TableBlock,
    Text,
    compose,
)
from antt_desktop.domain.annual_report import AnnualReport

FONT = "Times New Roman"
TEXT_WIDTH_MM = 165          # A4 portrait less the NĐ 30/2020 margins (30 mm left, 15 mm right)
BODY_PT = 14
TABLE_PT = 12


def write_annual_report_docx(report: AnnualReport, path: Path) -> Path:
    content = compose(report)
    document = Document()
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(BODY_PT)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)

    add_page_numbers(section)      # NĐ 30/2020, as the decisions
    _header(document, content)

    document.add_paragraph()
    for index, line in enumerate(content.title_lines):
        _line(document.add_paragraph(), line, size=14, bold=index < 2, italic=index == 2)

    for block in content.blocks:
        if isinstance(block, Heading):
            paragraph = document.add_paragraph()
            paragraph.paragraph_format.space_before = Pt(6)
            paragraph.paragraph_format.first_line_indent = Mm(12.7) if block.level == 2 else None
            run = paragraph.add_run(block.text)
            run.bold = True
        elif isinstance(block, Text):
            paragraph = document.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            paragraph.paragraph_format.first_line_indent = Mm(12.7)
            paragraph.paragraph_format.space_after = Pt(3)
            run = paragraph.add_run(block.text)
            run.italic = block.italic
        elif isinstance(block, TableBlock):
            _table(document, block)

    # The signature never stands alone on the last page: the last heading and paragraph move
    # with it (keep with next), and the signature row does not split.
    for paragraph in document.paragraphs[-2:]:
        paragraph.paragraph_format.keep_with_next = True
    footer = document.add_table(rows=1, cols=2)
    _widths(footer, (80, 85))
    row_properties = footer.rows[0]._tr.get_or_add_trPr()
    row_properties.append(OxmlElement("w:cantSplit"))
    recipients, signature = footer.rows[0].cells
    _line(recipients.paragraphs[0], "Nơi nhận:", size=12, bold=True, italic=True, align=WD_ALIGN_PARAGRAPH.LEFT)
    for line in content.recipients:
        _line(recipients.add_paragraph(), line, size=11, align=WD_ALIGN_PARAGRAPH.LEFT)
    _line(signature.paragraphs[0], content.signer_title, size=14, bold=True)
    for _ in range(3):
        signature.add_paragraph()
    _line(signature.add_paragraph(), content.signer_name, size=14, bold=True)

    _appendix(document, report)
    path = Path(path)
    temporary = path.with_name(path.name + ".tmp")
    document.save(str(temporary))
    temporary.replace(path)
    return path


def _header(document, content) -> None:
    """NĐ 30/2020 Phụ lục I, as the PDF and the decisions: the issuing body with a short rule
    under it (⅓–½ of the name), the Quốc hiệu and the Tiêu ngữ with a rule as long as the
    Tiêu ngữ (a rule, not an underline), then "Số:" and the place-date line on their own row."""
    left_width, right_width = 68, TEXT_WIDTH_MM - 68
    table = document.add_table(rows=2, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _widths(table, (left_width, right_width), tight=True)
    left, right = table.cell(0, 0), table.cell(0, 1)
    _line(left.paragraphs[0], content.parent_body, size=13)
    _line(left.add_paragraph(), content.body, size=13, bold=True)
    _rule_in(left.add_paragraph(), left_width, _text_mm(content.body, 13) * 0.4)
    _line(right.paragraphs[0], NATIONAL_NAME, size=13, bold=True)
    _line(right.add_paragraph(), NATIONAL_MOTTO, size=14, bold=True)
    _rule_in(right.add_paragraph(), right_width, _text_mm(NATIONAL_MOTTO, 14))
    number = table.cell(1, 0).paragraphs[0]
    _line(number, content.number_line, size=13)
    place = table.cell(1, 1).paragraphs[0]
    _line(place, content.place_date, size=14, italic=True)
    for paragraph in (number, place):
        paragraph.paragraph_format.space_before = Pt(6)


def _text_mm(text: str, size: float) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from antt_desktop.documents.fonts import SERIF_BOLD, register_fonts

    register_fonts()     # Liberation Serif: the metrics of Times New Roman
    return stringWidth(text, SERIF_BOLD, size) / 72 * 25.4


def _rule_in(paragraph, box_mm: float, rule_mm: float) -> None:
    """An empty paragraph whose bottom border, narrowed by indents, is the rule."""
    side = max((box_mm - rule_mm) / 2, 0)
    fmt = paragraph.paragraph_format
    fmt.left_indent, fmt.right_indent = Mm(side), Mm(side)
    fmt.line_spacing = Pt(3)
    fmt.space_after = Pt(0)
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("val", "single"), ("sz", "6"), ("space", "1"), ("color", "000000")):
        bottom.set(qn(f"w:{key}"), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().append(borders)


def _line(paragraph, text: str, *, size: float, bold: bool = False, italic: bool = False,
          underline: bool = False, align=WD_ALIGN_PARAGRAPH.CENTER) -> None:
    paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(0)
    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    run.bold, run.italic, run.underline = bold, italic, underline


def _table(document, block: TableBlock) -> None:
    table = document.add_table(rows=1 + len(block.rows), cols=len(block.columns))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    total = sum(block.widths_mm)
    _widths(table, [w / total * TEXT_WIDTH_MM for w in block.widths_mm])
    for index, label in enumerate(block.columns):
        cell = table.cell(0, index)
        cell.vertical_alignment = WD_ALIGN_VERTICAL.CENTER
        _line(cell.paragraphs[0], label, size=TABLE_PT, bold=True)
    for row_index, values in enumerate(block.rows, start=1):
        for index, value in enumerate(values):
            align = WD_ALIGN_PARAGRAPH.RIGHT if index >= block.numeric_from else WD_ALIGN_PARAGRAPH.LEFT
            _line(table.cell(row_index, index).paragraphs[0], value, size=TABLE_PT, align=align)
    document.add_paragraph().paragraph_format.space_after = Pt(0)


def _appendix(document, report: AnnualReport) -> None:
    section = document.add_section(WD_SECTION.NEW_PAGE)
    section.different_first_page_header_footer = False     # its first page is not the report's: numbered
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.top_margin = section.bottom_margin = Mm(15)
    section.left_margin = section.right_margin = Mm(10)
    _line(document.add_paragraph(), "Phụ lục", size=12, bold=True)
    _line(document.add_paragraph(), bm1_layout.TITLE, size=12, bold=True)
    _line(document.add_paragraph(), bm1_layout.period_line(report.bm1), size=11, italic=True)

    body = bm1_layout.body_rows(report.bm1)
    levels = bm1_layout.HEADER_LEVELS
    table = document.add_table(rows=levels + 1 + len(body), cols=bm1_layout.COLUMN_COUNT)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _widths(table, [8, 30] + [(277 - 38) / (bm1_layout.COLUMN_COUNT - 2)] * (bm1_layout.COLUMN_COUNT - 2),
            tight=True)
    for cell in bm1_layout.header_cells():
        target = table.cell(cell.row, cell.first_col)
        if (cell.row, cell.first_col) != (cell.last_row, cell.last_col):
            target = target.merge(table.cell(cell.last_row, cell.last_col))
        target.vertical_alignment = WD_ALIGN_VERTICAL.CENTER
        _line(target.paragraphs[0], cell.text, size=7, bold=True)
    numbers = table.cell(levels, 0).merge(table.cell(levels, 1))
    _line(numbers.paragraphs[0], "1", size=7, italic=True)
    for index, text in enumerate(bm1_layout.number_row()[2:], start=2):
        _line(table.cell(levels, index).paragraphs[0], text, size=7, italic=True)
    for offset, values in enumerate(body):
        is_total = bm1_layout.has_total_row(report.bm1) and offset == len(body) - 1
        for index, value in enumerate(values):
            align = WD_ALIGN_PARAGRAPH.LEFT if index == 1 and not is_total else WD_ALIGN_PARAGRAPH.CENTER
            _line(table.cell(levels + 1 + offset, index).paragraphs[0], str(value), size=8, bold=is_total,
                  align=align)
    for line in bm1_layout.bucket_lines(report.bm1):
        _line(document.add_paragraph(), line, size=10, italic=True, align=WD_ALIGN_PARAGRAPH.LEFT)


def _widths(table, widths_mm, *, tight: bool = False) -> None:
    """Fixed column widths that Word and LibreOffice both honour: grid, cells and fixed layout.

    Call before merging cells (a merged cell spans several grid columns).
    """
    table.autofit = False
    properties = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    properties.append(layout)
    for old in properties.findall(qn("w:tblW")):
        properties.remove(old)
    total = OxmlElement("w:tblW")
    total.set(qn("w:w"), str(round(sum(widths_mm) * 56.7)))      # twentieths of a point
    total.set(qn("w:type"), "dxa")
    properties.append(total)
    if tight:
        margins = OxmlElement("w:tblCellMar")
        for edge in ("left", "right"):
            element = OxmlElement(f"w:{edge}")
            element.set(qn("w:w"), "20")
            element.set(qn("w:type"), "dxa")
            margins.append(element)
        properties.append(margins)
    for column, width in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths_mm):
        column.set(qn("w:w"), str(round(width * 56.7)))
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm):
            cell.width = Mm(width)
