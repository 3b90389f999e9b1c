"""BM1 to PDF (reportlab): the same grid as the Excel sheet on landscape A4, header repeated
on every page, fonts embedded, byte-stable output (invariant=True)."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from antt_desktop.documents import bm1_layout as layout
from antt_desktop.documents.fonts import SERIF, SERIF_BOLD, SERIF_ITALIC, register_fonts
from antt_desktop.domain.annual_report import ReportHeading
from antt_desktop.domain.bm1 import Bm1Report

MARGIN = 10 * mm
STT_WIDTH = 8 * mm
NAME_WIDTH = 32 * mm


def write_bm1_pdf(report: Bm1Report, heading: ReportHeading, path: Path) -> Path:
    font = register_fonts()
    path = Path(path)
    temporary = path.with_name(path.name + ".tmp")
    document = SimpleDocTemplate(
        str(temporary), pagesize=landscape(A4), leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
        bottomMargin=MARGIN, invariant=True, initialFontName=font,
        title="Biểu mẫu 01 - Thống kê số liệu lực lượng tham gia bảo vệ ANTT ở cơ sở",
        author=heading.unit_name, creator="ANTT Desktop")
    width = landscape(A4)[0] - 2 * MARGIN
    story = [_top(heading, width), Spacer(1, 3 * mm),
             Paragraph(layout.TITLE, _style(13, bold=True)),
             Paragraph(layout.period_line(report), _style(10, italic=True)), Spacer(1, 3 * mm),
             bm1_grid(report, width)]
    for line in layout.bucket_lines(report):
        story.append(Paragraph(line, _style(9, italic=True, align=TA_LEFT)))
    story += [Spacer(1, 4 * mm), _signatures(heading, width)]
    document.build(story, onFirstPage=_page_number, onLaterPages=_page_number)
    temporary.replace(path)
    return path


def _style(size: float, *, bold: bool = False, italic: bool = False, align=TA_CENTER) -> ParagraphStyle:
    name = SERIF_BOLD if bold else SERIF_ITALIC if italic else SERIF
    return ParagraphStyle(f"bm1-{name}-{size}-{align}", fontName=name, fontSize=size, leading=size * 1.18,
                          alignment=align)


def _top(heading: ReportHeading, width: float) -> Table:
    left = [Paragraph((heading.higher_unit_name or "").upper(), _style(10)),
            Paragraph(heading.unit_name.upper(), _style(10, bold=True))]
    right = Paragraph(f"<b><i>{layout.FORM_LABEL}</i></b>", _style(10))
    table = Table([[left, "", right]], colWidths=[90 * mm, width - 130 * mm, 40 * mm])
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), SERIF), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    return table


def bm1_grid(report: Bm1Report, width: float) -> Table:
    figure_width = (width - STT_WIDTH - NAME_WIDTH) / (layout.COLUMN_COUNT - 2)
    widths = [STT_WIDTH, NAME_WIDTH] + [figure_width] * (layout.COLUMN_COUNT - 2)
    header_style = _style(6.8, bold=True)
    rows: list[list] = [[""] * layout.COLUMN_COUNT for _ in range(layout.HEADER_LEVELS)]
    commands = [
        # Every table names its font: reportlab's default Helvetica would otherwise be selected in
        # the PDF, unembedded, which archive preflight (PDF/A) rejects (QA finding 21).
        ("FONTNAME", (0, 0), (-1, -1), SERIF),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (0, 0), (-1, -1), "CENTER"),
        ("LEFTPADDING", (0, 0), (-1, -1), 1.5), ("RIGHTPADDING", (0, 0), (-1, -1), 1.5),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
    ]
    for cell in layout.header_cells():
        rows[cell.row][cell.first_col] = Paragraph(cell.text, header_style)
        if (cell.first_col, cell.row) != (cell.last_col, cell.last_row):
            commands.append(("SPAN", (cell.first_col, cell.row), (cell.last_col, cell.last_row)))
    numbers_at = layout.HEADER_LEVELS
    rows.append(layout.number_row())
    commands += [("SPAN", (0, numbers_at), (1, numbers_at)),
                 ("FONT", (0, numbers_at), (-1, numbers_at), SERIF_ITALIC, 7.5)]
    body = layout.body_rows(report)
    first_body = numbers_at + 1
    name_style = _style(8, align=TA_LEFT)
    for values in body:
        rows.append([values[0], Paragraph(str(values[1]), name_style)] + [_number(v) for v in values[2:]])
    if body:
        commands += [("FONT", (0, first_body), (-1, -1), SERIF, 8)]
    if layout.has_total_row(report) and body:
        rows[-1][1] = Paragraph(f"<b>{body[-1][1]}</b>", _style(8))
        commands.append(("FONT", (0, len(rows) - 1), (-1, len(rows) - 1), SERIF_BOLD, 8))
    return Table(rows, colWidths=widths, repeatRows=numbers_at + 1,
                 rowHeights=[10 * mm, 16 * mm, 12 * mm] + [None] * (len(rows) - layout.HEADER_LEVELS),
                 style=TableStyle(commands))


def _number(value) -> str:
    return f"{value:,}".replace(",", ".") if isinstance(value, int) else str(value)


def _signatures(heading: ReportHeading, width: float) -> Table:
    right = [Paragraph(layout.place_and_date(heading), _style(10, italic=True)),
             Paragraph(heading.signer_title.upper(), _style(10, bold=True)),
             Spacer(1, 16 * mm), Paragraph(heading.signer_name, _style(10, bold=True))]
    left = [Paragraph("&nbsp;", _style(10, italic=True)), Paragraph("NGƯỜI LẬP BIỂU", _style(10, bold=True))]
    table = Table([[left, right]], colWidths=[width / 2, width / 2])
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), SERIF), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return table


def _page_number(canvas, document) -> None:
    if document.page > 1:
        canvas.saveState()
        canvas.setFont(SERIF, 9)
        canvas.drawCentredString(landscape(A4)[0] / 2, 6 * mm, str(document.page))
        canvas.restoreState()
