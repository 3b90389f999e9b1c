"""The same decision as an editable Word file, for offices that adjust the wording before
signing (issue #4). Layout of NĐ 30/2020: Times New Roman, A4, the two-column header with its
rules, page numbers from page 2 in the top margin."""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from reportlab.pdfbase.pdfmetrics import stringWidth

from antt_desktop.documents.fonts import SERIF_BOLD, register_fonts
from antt_desktop.domain.official_documents import (
    NATIONAL_MOTTO,
    NATIONAL_NAME,
    Align,
    DocumentList,
    OfficialDocument,
    Orientation,
)

FONT = "Times New Roman"      # NĐ 30/2020; LibreOffice shows it with Liberation Serif (same metrics)
_ALIGN = {Align.LEFT: WD_ALIGN_PARAGRAPH.LEFT, Align.CENTER: WD_ALIGN_PARAGRAPH.CENTER,
          Align.RIGHT: WD_ALIGN_PARAGRAPH.RIGHT}


def write_document_docx(document: OfficialDocument, out: Path) -> Path:
    register_fonts()   # text widths for the rules come from the metric-compatible font
    word = Document()
    _set_default_font(word)
    section = word.sections[0]
    landscape = document.orientation is Orientation.LANDSCAPE
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
        section.top_margin, section.bottom_margin = Mm(25), Mm(15)
        section.left_margin, section.right_margin = Mm(25), Mm(20)
    else:
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(20), Mm(20)
        section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.header_distance = Mm(10)
    text_width = (297 - 45) if landscape else (210 - 45)
    _page_numbers(section, document.is_draft)
    core = word.core_properties
    core.title = document.file_title or document.type_name
    core.author = "ANTT Desktop"
    core.language = "vi-VN"

    _header(word, document, text_width, landscape)
    _para(word, document.type_name, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, before=12)
    for line in document.summary_lines:
        _para(word, line, bold=not line.startswith("("), italic=line.startswith("("),
              align=WD_ALIGN_PARAGRAPH.CENTER)
    if document.summary_lines:
        width = min(stringWidth(document.summary_lines[0], SERIF_BOLD, 14) / 72 * 25.4, text_width) * 0.35
        _rule(word, text_width, width)
    if document.authority:
        _para(word, document.authority, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, before=10, after=8)
    if document.addressee:
        _para(word, document.addressee, align=WD_ALIGN_PARAGRAPH.CENTER, before=8, after=10)
    for basis in document.bases:
        _para(word, basis, italic=True, indent=True, after=3)
    if document.decides_word:
        _para(word, document.decides_word, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, before=4, after=8)
    if document.body_list is not None:
        _list_table(word, document.body_list, text_width)
    for index, paragraph in enumerate(document.paragraphs):
        p = _para(word, "", indent=True, after=6)
        if index == len(document.paragraphs) - 1:
            p.paragraph_format.keep_with_next = True     # never a signature alone on a page
        if paragraph.lead:
            _run(p, paragraph.lead + " ", bold=True)
        _run(p, paragraph.text)
        for item in paragraph.items:
            _para(word, item, left_indent=Mm(12.7), after=3)
    _signature(word, document, text_width)
    for attachment in document.attachments:
        _attachment(word, attachment, text_width)
    out = Path(out)
    word.save(str(out))
    return out


def _set_default_font(word) -> None:
    style = word.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(14)
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), FONT)
    style.paragraph_format.space_after = Pt(0)
    style.paragraph_format.line_spacing = 1.1


def _run(paragraph, text: str, *, bold=False, italic=False, size: float | None = None):
    run = paragraph.add_run(text)
    run.bold = bold or None
    run.italic = italic or None
    if size:
        run.font.size = Pt(size)
    return run


def _para(container, text: str, *, bold=False, italic=False, size: float | None = None,
          align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent=False, left_indent=None, before=0, after=0):
    paragraph = container.add_paragraph()
    paragraph.alignment = align
    fmt = paragraph.paragraph_format
    fmt.space_before, fmt.space_after = Pt(before), Pt(after)
    if indent:
        fmt.first_line_indent = Mm(12.7)          # NĐ 30/2020: 1–1.27 cm
    if left_indent is not None:
        fmt.left_indent = left_indent
    if text:
        _run(paragraph, text, bold=bold, italic=italic, size=size)
    return paragraph


def _cell_para(cell, text: str, *, first=False, **kwargs):
    paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
    paragraph.alignment = kwargs.pop("align", WD_ALIGN_PARAGRAPH.CENTER)
    paragraph.paragraph_format.space_after = Pt(kwargs.pop("after", 0))
    paragraph.paragraph_format.space_before = Pt(kwargs.pop("before", 0))
    if text:
        _run(paragraph, text, **kwargs)
    return paragraph


def _bottom_border(paragraph) -> None:
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    bottom.set(qn("w:val"), "single")
    bottom.set(qn("w:sz"), "6")
    bottom.set(qn("w:space"), "1")
    bottom.set(qn("w:color"), "000000")
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().append(borders)


def _rule_in(paragraph, box_mm: float, rule_mm: float) -> None:
    """An empty paragraph whose bottom border, narrowed by indents, is the rule."""
    side = max((box_mm - rule_mm) / 2, 0)
    fmt = paragraph.paragraph_format
    fmt.left_indent, fmt.right_indent = Mm(side), Mm(side)
    fmt.line_spacing = Pt(3)
    _bottom_border(paragraph)


def _rule(word, box_mm: float, rule_mm: float) -> None:
    paragraph = word.add_paragraph()
    _rule_in(paragraph, box_mm, rule_mm)
    paragraph.paragraph_format.space_after = Pt(8)


def _no_borders(table) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.append(borders)


def _widths(table, widths_mm, *, tight: bool = False) -> None:
    """Fixed column widths that Word and LibreOffice both honour (grid, cells, layout)."""
    table.autofit = False
    properties = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    properties.append(layout)
    total = OxmlElement("w:tblW")
    total.set(qn("w:w"), str(round(sum(widths_mm) * 56.7)))
    total.set(qn("w:type"), "dxa")
    for old in properties.findall(qn("w:tblW")):
        properties.remove(old)
    properties.append(total)
    if tight:
        margins = OxmlElement("w:tblCellMar")
        for edge in ("left", "right"):
            element = OxmlElement(f"w:{edge}")
            element.set(qn("w:w"), "0")
            element.set(qn("w:type"), "dxa")
            margins.append(element)
        properties.append(margins)
    grid = table._tbl.tblGrid
    for column, width in zip(grid.findall(qn("w:gridCol")), widths_mm):
        column.set(qn("w:w"), str(round(width * 56.7)))      # twentieths of a point
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm):
            cell.width = Mm(width)


def _keep_row_together(row) -> None:
    flag = OxmlElement("w:cantSplit")
    flag.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(flag)


def _header(word, document: OfficialDocument, text_width: float, landscape: bool) -> None:
    left_width = 100 if landscape else 68
    right_width = text_width - left_width
    table = word.add_table(rows=2, cols=2)
    _no_borders(table)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _widths(table, (left_width, right_width), tight=True)
    left, right = table.cell(0, 0), table.cell(0, 1)
    first = True
    if document.parent_body:
        _cell_para(left, document.parent_body, first=True, size=13)
        first = False
    widest = 0.0
    for line in document.body_lines:
        _cell_para(left, line, first=first, bold=True, size=13)
        widest = max(widest, stringWidth(line, SERIF_BOLD, 13) / 72 * 25.4)
        first = False
    _rule_in(left.add_paragraph(), left_width, widest * 0.4)
    _cell_para(right, NATIONAL_NAME, first=True, bold=True, size=13 if not landscape else 13)
    _cell_para(right, NATIONAL_MOTTO, bold=True, size=14)
    motto = stringWidth(NATIONAL_MOTTO, SERIF_BOLD, 14) / 72 * 25.4
    _rule_in(right.add_paragraph(), right_width, motto)
    _cell_para(table.cell(1, 0), document.number_line, first=True, size=13, before=6)
    _cell_para(table.cell(1, 1), document.place_date, first=True, italic=True, size=14, before=6)


def _signature(word, document: OfficialDocument, text_width: float) -> None:
    table = word.add_table(rows=1, cols=2)
    _no_borders(table)
    left_width = text_width * 0.45
    _widths(table, (left_width, text_width - left_width), tight=True)
    _keep_row_together(table.rows[0])
    left, right = table.cell(0, 0), table.cell(0, 1)
    if document.recipients:
        _cell_para(left, "Nơi nhận:", first=True, bold=True, italic=True, size=12, align=WD_ALIGN_PARAGRAPH.LEFT,
                   before=6)
        for recipient in document.recipients:
            _cell_para(left, f"- {recipient}", size=11, align=WD_ALIGN_PARAGRAPH.LEFT)
    signature = document.signature
    if signature is not None:
        first = True
        for line in signature.lines:
            _cell_para(right, line, first=first, bold=True, size=14, before=6 if first else 0)
            first = False
        for _ in range(4):                       # chữ ký và dấu
            _cell_para(right, "")
        if signature.name:
            _cell_para(right, signature.name, bold=True, size=14)


def add_page_numbers(section) -> None:
    """NĐ 30/2020: page numbers centred in the top margin, 13 pt, from page 2 (a PAGE field).
    Every Word document we write (decisions, the annual report) numbers its pages this way."""
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, " PAGE "), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)
    run.font.size = Pt(13)
    run.font.name = FONT


def _page_numbers(section, is_draft: bool) -> None:
    add_page_numbers(section)
    if is_draft:
        first = section.first_page_header.paragraphs[0]
        first.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        _run(first, "DỰ THẢO", bold=True, size=12)


def _list_table(word, table: DocumentList, text_width: float) -> None:
    total = sum(c.width_mm for c in table.columns)
    widths = [c.width_mm * text_width / total for c in table.columns]
    result = word.add_table(rows=1, cols=len(table.columns))
    result.style = "Table Grid"
    result.alignment = WD_TABLE_ALIGNMENT.CENTER
    header = result.rows[0]
    flag = OxmlElement("w:tblHeader")            # repeat the header row on every page
    flag.set(qn("w:val"), "true")
    header._tr.get_or_add_trPr().append(flag)
    for cell, column in zip(header.cells, table.columns):
        _cell_para(cell, column.label, first=True, bold=True, size=12)
    for section in table.sections:
        if section.heading:
            row = result.add_row()
            merged = row.cells[0].merge(row.cells[-1])
            _cell_para(merged, section.heading, first=True, bold=True, size=12, align=WD_ALIGN_PARAGRAPH.LEFT)
        for values in section.rows:
            row = result.add_row()
            for cell, value, column in zip(row.cells, values, table.columns):
                _cell_para(cell, value, first=True, size=12, align=_ALIGN[column.align])
    _widths(result, widths)


def _attachment(word, attachment: DocumentList, text_width: float) -> None:
    for index, line in enumerate(attachment.title_lines):
        title = _para(word, line, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
        # A break before the title, not an empty paragraph: no blank page when the
        # signature already filled the previous one.
        title.paragraph_format.page_break_before = index == 0
    if attachment.note:
        _para(word, attachment.note, italic=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _rule(word, text_width, text_width * 0.2)
    _list_table(word, attachment, text_width)
    _para(word, f"Danh sách này có {attachment.row_count:02d} người./.", before=6)
