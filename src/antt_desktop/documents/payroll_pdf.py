"""The payroll sheet as PDF (reportlab): the same rows as the Excel sheet, A4 landscape, the two
header rows repeated on every page, Liberation Serif embedded, byte-stable output."""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from antt_desktop.documents.fonts import SERIF, SERIF_BOLD, SERIF_ITALIC, register_fonts
from antt_desktop.documents.payroll_sheet import PayrollSheet
from antt_desktop.domain.money import format_amount

PAGE = landscape(A4)
MARGIN = 10 * mm


def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("base", fontName=SERIF, fontSize=9.5, leading=11.5)
    return {
        "cell": base,
        "cell_bold": ParagraphStyle("cell_bold", base, fontName=SERIF_BOLD),
        "num": ParagraphStyle("num", base, alignment=TA_RIGHT),
        "num_bold": ParagraphStyle("num_bold", base, fontName=SERIF_BOLD, alignment=TA_RIGHT),
        "center": ParagraphStyle("center", base, alignment=TA_CENTER),
        "head": ParagraphStyle("head", base, fontName=SERIF_BOLD, alignment=TA_CENTER, fontSize=9, leading=10.5),
        "colno": ParagraphStyle("colno", base, fontName=SERIF_ITALIC, alignment=TA_CENTER, fontSize=8),
        "unit": ParagraphStyle("unit", base, alignment=TA_CENTER, fontSize=11, leading=13),
        "unit_bold": ParagraphStyle("unit_bold", base, fontName=SERIF_BOLD, alignment=TA_CENTER, fontSize=11,
                                    leading=13),
        "title": ParagraphStyle("title", base, fontName=SERIF_BOLD, alignment=TA_CENTER, fontSize=13, leading=16),
        "italic": ParagraphStyle("italic", base, fontName=SERIF_ITALIC, alignment=TA_CENTER, fontSize=10.5,
                                 leading=13),
        "draft": ParagraphStyle("draft", base, fontName=SERIF_BOLD, alignment=TA_CENTER, fontSize=10.5,
                                textColor=colors.HexColor("#C00000")),
        "words": ParagraphStyle("words", base, fontName=SERIF_ITALIC, alignment=TA_LEFT, fontSize=10.5, leading=13),
        "sign": ParagraphStyle("sign", base, fontName=SERIF_BOLD, alignment=TA_CENTER, fontSize=10.5, leading=13),
    }


def _money(value) -> str:
    return "" if value is None or value == "" else format_amount(value)


def write_payroll_pdf(sheet: PayrollSheet, out: Path) -> Path:
    """Write the run's sheet as a PDF to `out` and return it."""
    font = register_fonts()
    s = _styles()
    out = Path(out)
    document = SimpleDocTemplate(
        str(out), pagesize=PAGE, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN, bottomMargin=12 * mm,
        title=sheet.title, author=sheet.header.unit_name, invariant=True, initialFontName=font)
    columns = sheet.columns
    total_width = PAGE[0] - 2 * MARGIN
    scale = total_width / sum(c.width for c in columns)
    widths = [c.width * scale for c in columns]
    header = sheet.header
    story = [
        Table([[Paragraph(escape(header.authority), s["unit"]), ""],
               [Paragraph(escape(header.unit_name), s["unit_bold"]), ""]],
              colWidths=[total_width * 0.4, total_width * 0.6], hAlign="LEFT",
              style=[("FONTNAME", (0, 0), (-1, -1), SERIF), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                     ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]),
        Spacer(1, 4 * mm),
        Paragraph(escape(sheet.title), s["title"]),
    ]
    if header.basis:
        story.append(Paragraph(escape(f"({header.basis})"), s["italic"]))
    if header.reason:
        story.append(Paragraph(escape(f"({header.reason})"), s["italic"]))
    if header.is_draft:
        story.append(Paragraph("BẢN NHÁP — chưa khóa, không dùng để chi trả", s["draft"]))
    story.append(Spacer(1, 3 * mm))

    rows = [[Paragraph(escape(c.title), s["head"]) for c in columns],
            [Paragraph(escape(c.number), s["colno"]) for c in columns]]
    style = [
        ("FONTNAME", (0, 0), (-1, -1), SERIF),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
        ("LEFTPADDING", (0, 0), (-1, -1), 2.5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2.5),
    ]
    grey = colors.HexColor("#EDEDED")
    for row in sheet.rows():
        index = len(rows)
        if row.kind == "team":
            rows.append(["", Paragraph(escape(row.values[1]), s["cell_bold"])] + [""] * (len(columns) - 2))
            style += [("SPAN", (1, index), (-1, index)), ("BACKGROUND", (0, index), (-1, index), grey)]
            continue
        bold = row.kind != "line"
        cells = []
        for col, (column, value) in enumerate(zip(columns, row.values)):
            if column.is_money:
                cells.append(Paragraph(_money(value), s["num_bold" if bold else "num"]))
            elif col in (0, 5):
                cells.append(Paragraph("" if value in (None, "") else escape(str(value)), s["center"]))
            else:
                cells.append(Paragraph(escape(str(value or "")), s["cell_bold" if bold else "cell"]))
        rows.append(cells)
        if bold:
            style.append(("SPAN", (1, index), (sheet.label_span, index)))
        if row.kind == "total":
            style.append(("BACKGROUND", (0, index), (-1, index), grey))
    story.append(Table(rows, colWidths=widths, repeatRows=2, style=TableStyle(style)))
    story.append(Spacer(1, 3 * mm))
    story.append(Paragraph(escape(sheet.words_line()), s["words"]))
    story.append(Spacer(1, 4 * mm))

    blocks = sheet.signature_blocks()
    third = total_width / 3
    signature = [
        ["", "", Paragraph(escape(header.date_line()), s["italic"])],
        [Paragraph("<br/>".join(escape(t) for t in block[0]), s["sign"]) for block in blocks],
        [Paragraph(escape(block[1]), s["italic"]) for block in blocks],
        ["", "", ""],
        [Paragraph(escape(block[2]), s["sign"]) for block in blocks],
    ]
    story.append(KeepTogether([Table(signature, colWidths=[third] * 3, rowHeights=[None, None, None, 22 * mm, None],
                                     style=[("FONTNAME", (0, 0), (-1, -1), SERIF),
                                            ("VALIGN", (0, 0), (-1, -1), "TOP")])]))

    def number_pages(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont(SERIF, 9)
        canvas.drawCentredString(PAGE[0] / 2, 6 * mm, f"Trang {doc.page}")
        canvas.restoreState()

    document.build(story, onFirstPage=number_pages, onLaterPages=number_pages)
    return out
