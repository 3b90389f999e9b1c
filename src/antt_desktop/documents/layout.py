"""Nghị định 30/2020/NĐ-CP Phụ lục I on a reportlab page: margins, sizes, the two-column
header with its rules, the signature block, page numbers from page 2, and list tables."""

from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from antt_desktop.documents.fonts import SERIF, SERIF_BOLD, SERIF_BOLD_ITALIC, SERIF_ITALIC, register_fonts
from antt_desktop.domain.official_documents import (
    NATIONAL_MOTTO,
    NATIONAL_NAME,
    Align,
    DocumentList,
    OfficialDocument,
    Orientation,
    SignatureBlock,
)


@dataclass(frozen=True, slots=True)
class PageGeometry:
    """NĐ 30/2020: top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm (portrait)."""

    size: tuple[float, float]
    top: float
    bottom: float
    left: float
    right: float

    @property
    def width(self) -> float:
        return self.size[0] - self.left - self.right

    @property
    def height(self) -> float:
        return self.size[1] - self.top - self.bottom


PORTRAIT = PageGeometry(A4, 20 * mm, 20 * mm, 30 * mm, 15 * mm)
# A table on A4 landscape: the binding edge is the top, so the wide margin moves there.
LANDSCAPE = PageGeometry(landscape(A4), 25 * mm, 15 * mm, 25 * mm, 20 * mm)


def geometry(orientation: Orientation) -> PageGeometry:
    return LANDSCAPE if orientation is Orientation.LANDSCAPE else PORTRAIT


BODY_SIZE = 14          # NĐ 30/2020: nội dung 13–14
HEADER_SIZE = 13        # tên cơ quan, Quốc hiệu: 12–13
MOTTO_SIZE = 14         # Tiêu ngữ: 13–14
RECIPIENT_LABEL_SIZE = 12
RECIPIENT_SIZE = 11
TABLE_SIZE = 12
LEADING = 1.2           # between single and 1.5 lines
INDENT = 12.7 * mm      # first-line indent 1–1.27 cm
RULE_WIDTH = 0.6


def text(value: str) -> str:
    """Plain text for a Paragraph (which reads a small XML dialect)."""
    return escape(value)


class Styles:
    """Paragraph styles in Liberation Serif (metric-compatible with Times New Roman)."""

    def __init__(self) -> None:
        register_fonts()

        def style(name, size=BODY_SIZE, font=SERIF, align=TA_JUSTIFY, **extra):
            extra.setdefault("leading", size * LEADING)
            return ParagraphStyle(name, fontName=font, fontSize=size, alignment=align, **extra)

        self.body = style("body", firstLineIndent=INDENT, spaceAfter=6)
        self.basis = style("basis", font=SERIF_ITALIC, firstLineIndent=INDENT, spaceAfter=3)
        self.item = style("item", leftIndent=INDENT, spaceAfter=3)
        self.type_name = style("type", font=SERIF_BOLD, align=TA_CENTER, spaceBefore=12)
        self.summary = style("summary", font=SERIF_BOLD, align=TA_CENTER)
        self.summary_note = style("summary_note", font=SERIF_ITALIC, align=TA_CENTER)
        self.authority = style("authority", font=SERIF_BOLD, align=TA_CENTER, spaceBefore=10, spaceAfter=8)
        self.addressee = style("addressee", align=TA_CENTER, spaceBefore=8, spaceAfter=10)
        self.decides = style("decides", font=SERIF_BOLD, align=TA_CENTER, spaceBefore=4, spaceAfter=8)
        self.list_title = style("list_title", font=SERIF_BOLD, align=TA_CENTER)
        self.list_note = style("list_note", font=SERIF_ITALIC, align=TA_CENTER, spaceAfter=4)
        self.recipient_label = style("recipient_label", size=RECIPIENT_LABEL_SIZE, font=SERIF_BOLD_ITALIC,
                                     align=TA_LEFT)
        self.recipient = style("recipient", size=RECIPIENT_SIZE, align=TA_LEFT, leading=RECIPIENT_SIZE * 1.25)
        self.signature = style("signature", font=SERIF_BOLD, align=TA_CENTER)
        self.cell = {
            Align.LEFT: style("cell_left", size=TABLE_SIZE, align=TA_LEFT),
            Align.CENTER: style("cell_center", size=TABLE_SIZE, align=TA_CENTER),
            Align.RIGHT: style("cell_right", size=TABLE_SIZE, align=TA_RIGHT),
        }
        self.cell_head = style("cell_head", size=TABLE_SIZE, font=SERIF_BOLD, align=TA_CENTER)
        self.cell_section = style("cell_section", size=TABLE_SIZE, font=SERIF_BOLD, align=TA_LEFT)


class NationalHeader(Flowable):
    """The two-column header: issuing body with its short rule and "Số:" on the left;
    Quốc hiệu, Tiêu ngữ with its full-length rule, and the italic place-date line on the right."""

    def __init__(self, document: OfficialDocument, page: PageGeometry) -> None:
        super().__init__()
        self.document = document
        self.page = page
        wide = page is LANDSCAPE
        self.left_width = (100 if wide else 68) * mm
        self.right_width = (125 if wide else 97) * mm
        self.national_size = HEADER_SIZE
        while stringWidth(NATIONAL_NAME, SERIF_BOLD, self.national_size) > self.right_width - 2 and \
                self.national_size > 11:
            self.national_size -= 0.5
        self.body_size = HEADER_SIZE
        widest = max([stringWidth(line, SERIF_BOLD, self.body_size) for line in document.body_lines] +
                     [stringWidth(document.parent_body, SERIF, self.body_size)])
        while widest > self.left_width - 2 and self.body_size > 10:
            self.body_size -= 0.5
            widest = max([stringWidth(line, SERIF_BOLD, self.body_size) for line in document.body_lines] +
                         [stringWidth(document.parent_body, SERIF, self.body_size)])
        self.date_size = BODY_SIZE
        while stringWidth(document.place_date, SERIF_ITALIC, self.date_size) > self.right_width and \
                self.date_size > 11:
            self.date_size -= 0.5

    def _left_lines(self) -> int:
        return len(self.document.body_lines) + (1 if self.document.parent_body else 0)

    def wrap(self, available_width, available_height):
        self.width = available_width
        top_rows = max(self._left_lines() * self.body_size * LEADING,
                       self.national_size * LEADING + MOTTO_SIZE * LEADING)
        self.height = top_rows + 8 + BODY_SIZE * LEADING + 4
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        document = self.document
        left_centre = self.left_width / 2
        right_centre = self.width - self.right_width / 2
        y = self.height - self.body_size
        # Left: cơ quan chủ quản (upright), cơ quan ban hành (bold), short rule under it.
        if document.parent_body:
            canvas.setFont(SERIF, self.body_size)
            canvas.drawCentredString(left_centre, y, document.parent_body)
            y -= self.body_size * LEADING
        canvas.setFont(SERIF_BOLD, self.body_size)
        widest = 0.0
        for line in document.body_lines:
            canvas.drawCentredString(left_centre, y, line)
            widest = max(widest, stringWidth(line, SERIF_BOLD, self.body_size))
            y -= self.body_size * LEADING
        rule_y_left = y + self.body_size * LEADING - self.body_size * 0.42 - 1.5
        canvas.setLineWidth(RULE_WIDTH)
        rule = widest * 0.4                               # ⅓–½ of the line above
        canvas.line(left_centre - rule / 2, rule_y_left, left_centre + rule / 2, rule_y_left)
        # Right: Quốc hiệu, Tiêu ngữ, and a rule as long as the Tiêu ngữ.
        y_right = self.height - self.national_size
        canvas.setFont(SERIF_BOLD, self.national_size)
        canvas.drawCentredString(right_centre, y_right, NATIONAL_NAME)
        y_right -= MOTTO_SIZE * LEADING
        canvas.setFont(SERIF_BOLD, MOTTO_SIZE)
        canvas.drawCentredString(right_centre, y_right, NATIONAL_MOTTO)
        motto = stringWidth(NATIONAL_MOTTO, SERIF_BOLD, MOTTO_SIZE)
        rule_y_right = y_right - MOTTO_SIZE * 0.42 - 1.5
        canvas.line(right_centre - motto / 2, rule_y_right, right_centre + motto / 2, rule_y_right)
        # Second row, one baseline: "Số: …" left, the italic place and date right.
        baseline = min(rule_y_left, rule_y_right) - 8 - BODY_SIZE
        if document.number_line:
            canvas.setFont(SERIF, HEADER_SIZE)
            canvas.drawCentredString(left_centre, baseline, document.number_line)
        canvas.setFont(SERIF_ITALIC, self.date_size)
        canvas.drawCentredString(right_centre, baseline, document.place_date)


class ShortRule(Flowable):
    """The rule under the trích yếu: about a third of the line, centred."""

    def __init__(self, length: float, space_before: float = 5, space_after: float = 6) -> None:
        super().__init__()
        self.length = length
        self.space_before = space_before
        self.space_after = space_after

    def wrap(self, available_width, available_height):
        self.width = available_width
        return available_width, self.space_before + self.space_after

    def draw(self) -> None:
        self.canv.setLineWidth(RULE_WIDTH)
        centre = self.width / 2
        y = self.space_after
        self.canv.line(centre - self.length / 2, y, centre + self.length / 2, y)


class DocumentStart(Flowable):
    """Marks where a document begins, so page numbers restart and the draft mark shows."""

    def __init__(self, is_draft: bool) -> None:
        super().__init__()
        self.is_draft = is_draft

    def wrap(self, available_width, available_height):
        return 0, 0

    def draw(self) -> None:
        self.canv._antt_document_start = self.canv.getPageNumber()
        self.canv._antt_is_draft = self.is_draft


def decorate_page(canvas, doc) -> None:
    """Called at the end of each page: page number from page 2 (NĐ 30/2020: centred in the
    top margin, size 13–14, none on page 1), and "DỰ THẢO" on the first page of a draft."""
    start = getattr(canvas, "_antt_document_start", 1)
    number = canvas.getPageNumber() - start + 1
    width, height = canvas._pagesize
    page = LANDSCAPE if width > height else PORTRAIT
    canvas.saveState()
    if number >= 2:
        canvas.setFont(SERIF, HEADER_SIZE)
        canvas.drawCentredString(page.left + page.width / 2, height - page.top / 2 - 4, str(number))
    elif getattr(canvas, "_antt_is_draft", False):
        canvas.setFont(SERIF_BOLD, 12)
        label = "DỰ THẢO"
        label_width = stringWidth(label, SERIF_BOLD, 12)
        x = width - page.right - label_width - 6
        y = height - page.top / 2 - 2
        canvas.setLineWidth(0.8)
        canvas.rect(x - 5, y - 4, label_width + 10, 16, stroke=1, fill=0)
        canvas.drawString(x, y, label)
    canvas.restoreState()


def signature_table(document: OfficialDocument, styles: Styles, page: PageGeometry) -> Table:
    """Nơi nhận (bottom left) beside the signature block (bottom right)."""
    left = []
    if document.recipients:
        left.append(Paragraph("Nơi nhận:", styles.recipient_label))
        left.extend(Paragraph(text(f"- {r}"), styles.recipient) for r in document.recipients)
    right = signature_cell(document.signature, styles)
    left_width = page.width * 0.45
    table = Table([[left, right]], colWidths=[left_width, page.width - left_width])
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), SERIF),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
    ]))
    return table


class _Gap(Flowable):
    def __init__(self, height: float) -> None:
        super().__init__()
        self.height = height

    def wrap(self, available_width, available_height):
        return available_width, self.height

    def draw(self) -> None:
        pass


def signature_cell(signature: SignatureBlock | None, styles: Styles) -> list:
    if signature is None:
        return []
    cell = [Paragraph(text(line), styles.signature) for line in signature.lines]
    cell.append(_Gap(26 * mm))                  # chữ ký và dấu
    if signature.name:
        cell.append(Paragraph(text(signature.name), styles.signature))
    return cell


def list_table(table: DocumentList, styles: Styles, width: float) -> Table:
    """A bordered table; the header row repeats on every page; sections as full-width rows."""
    total = sum(c.width_mm for c in table.columns) * mm
    scale = width / total if total else 1
    widths = [c.width_mm * mm * scale for c in table.columns]
    data = [[Paragraph(text(c.label), styles.cell_head) for c in table.columns]]
    commands = [
        ("FONTNAME", (0, 0), (-1, -1), SERIF),     # else empty spanned cells set Helvetica
        ("GRID", (0, 0), (-1, -1), 0.5, "black"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    for section in table.sections:
        if section.heading:
            commands.append(("SPAN", (0, len(data)), (-1, len(data))))
            data.append([Paragraph(text(section.heading), styles.cell_section)] +
                        [""] * (len(table.columns) - 1))
        for row in section.rows:
            data.append([Paragraph(text(value), styles.cell[column.align])
                         for value, column in zip(row, table.columns)])
    result = Table(data, colWidths=widths, repeatRows=1, hAlign="CENTER")
    result.setStyle(TableStyle(commands))
    return result


class TableWithClosing(Flowable):
    """A long table and what closes it (a total line, Nơi nhận and the signature): the closing
    never goes to a page by itself, the table's last `keep_rows` rows travel with it.

    Like KeepTogether, it always asks to be split, and splits into the flowables to lay out:
    the whole when it fits; the table's head and then its last rows kept with the closing
    when only the closing would spill over; otherwise the table as far as the page goes and
    the rest again as a TableWithClosing on the next page."""

    def __init__(self, table: Table, closing: list, keep_rows: int = 3) -> None:
        super().__init__()
        self.table = table
        self.closing = list(closing)
        self.keep_rows = keep_rows

    def wrap(self, available_width, available_height):
        return available_width, 0xFFFFFF             # always split (as KeepTogether does)

    def split(self, available_width, available_height):
        from reportlab.platypus.flowables import _listWrapOn

        _, table_height = self.table.wrapOn(self.canv, available_width, available_height)
        closing_height = _listWrapOn(self.closing, available_width, self.canv)[1]
        if table_height + closing_height <= available_height:
            return [self.table, *self.closing]
        heights = self.table._rowHeights
        header = self.table.repeatRows if isinstance(self.table.repeatRows, int) else len(self.table.repeatRows)
        keep = min(self.keep_rows, len(heights) - header - 1)
        tail = sum(heights[len(heights) - keep:]) if keep > 0 else 0
        if table_height <= available_height and not tail:
            return self._all_to_next_page(available_width, available_height)
        # Cut where the page ends, but never so late that fewer than `keep` rows are left.
        limit = min(available_height, table_height - tail - 0.5)
        pieces = self.table.split(available_width, limit)
        if len(pieces) == 2:
            return [pieces[0], TableWithClosing(pieces[1], self.closing, self.keep_rows)]
        if table_height <= available_height:
            return self._all_to_next_page(available_width, available_height)
        return []

    def _all_to_next_page(self, available_width, available_height) -> list:
        from reportlab.platypus.flowables import KeepTogether

        keep = KeepTogether([self.table, *self.closing])
        keep.wrapOn(self.canv, available_width, available_height)
        return keep.split(available_width, available_height)

    def draw(self) -> None:                          # never drawn: always split first
        pass
