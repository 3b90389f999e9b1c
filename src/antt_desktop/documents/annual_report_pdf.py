"""The annual report to PDF (reportlab): the same content as the .docx, NĐ 30/2020 layout on
portrait A4, then the year's BM1 on a landscape appendix page. Fonts embedded, byte-stable."""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Frame,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from antt_desktop.documents import bm1_layout
from antt_desktop.documents.annual_report_content import (
    NATIONAL_MOTTO,
    NATIONAL_NAME,
    Heading,
    TableBlock,
    Text,
    compose,
)
from antt_desktop.documents.bm1_pdf import bm1_grid
from antt_desktop.documents.fonts import SERIF, SERIF_BOLD, SERIF_BOLD_ITALIC, SERIF_ITALIC, register_fonts
from antt_desktop.domain.annual_report import AnnualReport

BODY = 13


def write_annual_report_pdf(report: AnnualReport, path: Path) -> Path:
    font = register_fonts()
    content = compose(report)
    path = Path(path)
    temporary = path.with_name(path.name + ".tmp")
    portrait_size, landscape_size = A4, landscape(A4)
    document = BaseDocTemplate(
        str(temporary), pagesize=portrait_size, invariant=True, initialFontName=font,
        title=f"Báo cáo năm {content.year}", author=report.heading.unit_name, creator="ANTT Desktop")
    portrait_frame = Frame(30 * mm, 20 * mm, portrait_size[0] - 45 * mm, portrait_size[1] - 40 * mm, id="body",
                           leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    landscape_frame = Frame(10 * mm, 12 * mm, landscape_size[0] - 20 * mm, landscape_size[1] - 28 * mm,
                            id="wide", leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    document.addPageTemplates([
        PageTemplate("portrait", [portrait_frame], pagesize=portrait_size, onPage=_page_number),
        PageTemplate("landscape", [landscape_frame], pagesize=landscape_size, onPage=_page_number),
    ])
    width = portrait_frame._width
    story = [_header(content, width), Spacer(1, 6 * mm)]
    for index, line in enumerate(content.title_lines):
        story.append(Paragraph(escape(line), _style(14 if index == 0 else BODY, bold=index < 2, italic=index == 2)))
    story.append(Spacer(1, 5 * mm))
    body: list = []
    for block in content.blocks:
        if isinstance(block, Heading):
            body.append([CondPageBreak(25 * mm),
                         Paragraph(escape(block.text), _style(BODY, bold=True, align=TA_JUSTIFY,
                                                              indent=12.7 * mm if block.level == 2 else 0,
                                                              space_before=4))])
        elif isinstance(block, Text):
            body.append([Paragraph(escape(block.text), _style(BODY, italic=block.italic, align=TA_JUSTIFY,
                                                                 indent=12.7 * mm, space_after=2))])
        elif isinstance(block, TableBlock):
            body.append([Spacer(1, 2 * mm), _table(block, width), Spacer(1, 3 * mm)])
    story += closing_kept_together(body, [Spacer(1, 6 * mm), _footer(content, width)])

    story += [NextPageTemplate("landscape"), PageBreak(),
              Paragraph("Phụ lục", _style(12, bold=True)),
              Paragraph(bm1_layout.TITLE, _style(12, bold=True)),
              Paragraph(bm1_layout.period_line(report.bm1), _style(10, italic=True)), Spacer(1, 3 * mm),
              bm1_grid(report.bm1, landscape_frame._width)]
    for line in bm1_layout.bucket_lines(report.bm1):
        story.append(Paragraph(escape(line), _style(9, italic=True, align=TA_LEFT)))
    document.build(story)
    temporary.replace(path)
    return path


def closing_kept_together(blocks: list[list], closing: list) -> list:
    """The blocks' flowables, the last block (the last paragraph, and its heading when the
    heading is all that precedes it) kept on one page with Nơi nhận and the signature, so the
    signature never stands alone on a page (as on the decisions)."""
    if not blocks:
        return closing
    last = blocks[-1]
    rest = blocks[:-1]
    if rest and isinstance(rest[-1][0], CondPageBreak):          # the heading goes with its text
        last = rest[-1][1:] + last
        rest = rest[:-1]
    flowables = [flowable for block in rest for flowable in block]
    return flowables + [KeepTogether(last + closing)]


def _style(size: float, *, bold: bool = False, italic: bool = False, align=TA_CENTER, indent: float = 0,
           space_before: float = 0, space_after: float = 0) -> ParagraphStyle:
    name = SERIF_BOLD_ITALIC if bold and italic else SERIF_BOLD if bold else SERIF_ITALIC if italic else SERIF
    return ParagraphStyle(f"annual-{name}-{size}-{align}-{indent}-{space_before}-{space_after}", fontName=name,
                          fontSize=size, leading=size * 1.25, alignment=align, firstLineIndent=indent,
                          spaceBefore=space_before, spaceAfter=space_after)


def _header(content, width: float) -> Table:
    left = [Paragraph(escape(content.parent_body), _style(12)),
            Paragraph(escape(content.body), _style(12, bold=True)), Spacer(1, 1 * mm),
            _Rule(25 * mm), Spacer(1, 2 * mm),
            Paragraph(escape(content.number_line), _style(12))]
    right = [Paragraph(NATIONAL_NAME, _style(12, bold=True)),
             Paragraph(NATIONAL_MOTTO, _style(13, bold=True)), Spacer(1, 1 * mm), _Rule(52 * mm), Spacer(1, 2 * mm),
             Paragraph(escape(content.place_date), _style(13, italic=True))]
    table = Table([[left, right]], colWidths=[width * 0.4, width * 0.6])
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), SERIF), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    return table


class _Rule(Spacer):
    """The short centred line under the unit's name and under the motto (NĐ 30/2020)."""

    def __init__(self, length: float) -> None:
        super().__init__(1, 2)
        self._length = length

    def wrap(self, available_width, available_height):
        self._available = available_width
        return available_width, 2

    def draw(self) -> None:
        start = (self._available - self._length) / 2
        self.canv.setLineWidth(0.6)
        self.canv.line(start, 1, start + self._length, 1)


def _table(block: TableBlock, width: float) -> Table:
    total = sum(block.widths_mm)
    widths = [w / total * width for w in block.widths_mm]
    cell = _style(11, align=TA_LEFT)
    number = _style(11, align=TA_RIGHT)
    rows = [[Paragraph(escape(label), _style(11, bold=True)) for label in block.columns]]
    for values in block.rows:
        rows.append([Paragraph(escape(value), number if index >= block.numeric_from else cell)
                     for index, value in enumerate(values)])
    return Table(rows, colWidths=widths, repeatRows=1, style=TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), SERIF),   # no unembedded Helvetica in the file (QA finding 21)
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))


def _footer(content, width: float) -> Table:
    left = [Paragraph("<b><i>Nơi nhận:</i></b>", _style(12, align=TA_LEFT))]
    left += [Paragraph(escape(line), _style(11, align=TA_LEFT)) for line in content.recipients]
    right = [Paragraph(escape(content.signer_title), _style(13, bold=True)), Spacer(1, 22 * mm),
             Paragraph(escape(content.signer_name), _style(13, bold=True))]
    table = Table([[left, right]], colWidths=[width * 0.5, width * 0.5])
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), SERIF), ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    return table


def _page_number(canvas, document) -> None:
    # NĐ 30/2020: page numbers from page 2, centred at the top.
    if document.page > 1:
        canvas.saveState()
        canvas.setFont(SERIF, 12)
        width, height = canvas._pagesize
        canvas.drawCentredString(width / 2, height - 10 * mm, str(document.page))
        canvas.restoreState()
