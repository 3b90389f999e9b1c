"""Member certificates as A4 sheets of cards with crop marks; backs mirrored for duplex.

The card size and fields come from the unit's template (REFERENCE §4.4: the official one
is UNCONFIRMED). Default: ID-1, 85.6 × 54 mm, ten to a sheet (2 × 5) on shared cut lines.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from reportlab.lib.colors import HexColor, black, white
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
import segno

from antt_desktop.documents.fonts import SANS, SANS_BOLD, SERIF, SERIF_BOLD, SERIF_ITALIC, register_fonts
from antt_desktop.domain.certificates import CardFace, CertificateTemplate
from antt_desktop.domain.official_documents import NATIONAL_MOTTO, NATIONAL_NAME

MIN_MARGIN = 12 * mm          # room for the crop marks around the grid
MARK_GAP = 2 * mm             # crop marks stop short of the card edge
MARK_LENGTH = 6 * mm
GREY = HexColor("#B0B0B0")
QR_MASK = 2


@dataclass(frozen=True, slots=True)
class SheetLayout:
    columns: int
    rows: int
    card_width: float
    card_height: float
    gutter: float
    left: float                # x of the grid's left edge
    bottom: float              # y of the grid's bottom edge

    @property
    def per_sheet(self) -> int:
        return self.columns * self.rows

    def card_origin(self, index: int) -> tuple[float, float]:
        """Bottom-left corner of the card at `index` on the front, reading order."""
        column, row = index % self.columns, index // self.columns
        x = self.left + column * (self.card_width + self.gutter)
        y = self.bottom + (self.rows - 1 - row) * (self.card_height + self.gutter)
        return x, y

    @property
    def cut_xs(self) -> list[float]:
        xs = []
        for column in range(self.columns):
            x = self.left + column * (self.card_width + self.gutter)
            xs.extend((x, x + self.card_width))
        return sorted(set(round(x, 3) for x in xs))

    @property
    def cut_ys(self) -> list[float]:
        ys = []
        for row in range(self.rows):
            y = self.bottom + row * (self.card_height + self.gutter)
            ys.extend((y, y + self.card_height))
        return sorted(set(round(y, 3) for y in ys))


def sheet_layout(template: CertificateTemplate, page: tuple[float, float] = A4) -> SheetLayout:
    """As many cards as fit inside the crop-mark margins, the grid centred on the page so that
    the backs line up when mirrored."""
    width, height = template.width_mm * mm, template.height_mm * mm
    gutter = template.gutter_mm * mm
    columns = max(1, int((page[0] - 2 * MIN_MARGIN + gutter) // (width + gutter)))
    rows = max(1, int((page[1] - 2 * MIN_MARGIN + gutter) // (height + gutter)))
    grid_width = columns * width + (columns - 1) * gutter
    grid_height = rows * height + (rows - 1) * gutter
    return SheetLayout(columns, rows, width, height, gutter, (page[0] - grid_width) / 2,
                       (page[1] - grid_height) / 2)


def write_certificate_sheets(cards: Sequence[CardFace], template: CertificateTemplate, out: Path, *,
                             title: str = "Giấy chứng nhận") -> Path:
    """Front sheets, each followed by its back sheet (unless duplex is "none")."""
    register_fonts()
    out = Path(out)
    canvas = Canvas(str(out), pagesize=A4, invariant=1, initialFontName=SERIF, pageCompression=1)
    canvas.setTitle(title)
    canvas.setAuthor("ANTT Desktop")
    canvas.setCreator("ANTT Desktop")
    layout = sheet_layout(template)
    painter = _CardPainter(canvas, template, layout)
    for start in range(0, len(cards), layout.per_sheet):
        batch = cards[start:start + layout.per_sheet]
        for index, card in enumerate(batch):
            painter.front(card, *layout.card_origin(index))
        _crop_marks(canvas, layout)
        canvas.showPage()
        if template.duplex != "none":
            for index, card in enumerate(batch):
                x, y = layout.card_origin(index)
                painter.back(card, x, y)
            _crop_marks(canvas, layout)
            canvas.showPage()
    canvas.save()
    return out


def _crop_marks(canvas: Canvas, layout: SheetLayout) -> None:
    page_width, page_height = A4
    top = layout.bottom + layout.rows * layout.card_height + (layout.rows - 1) * layout.gutter
    right = layout.left + layout.columns * layout.card_width + (layout.columns - 1) * layout.gutter
    canvas.saveState()
    canvas.setStrokeColor(black)
    canvas.setLineWidth(0.3)
    path = canvas.beginPath()
    for x in layout.cut_xs:
        path.moveTo(x, top + MARK_GAP)
        path.lineTo(x, top + MARK_GAP + MARK_LENGTH)
        path.moveTo(x, layout.bottom - MARK_GAP)
        path.lineTo(x, layout.bottom - MARK_GAP - MARK_LENGTH)
    for y in layout.cut_ys:
        path.moveTo(layout.left - MARK_GAP, y)
        path.lineTo(layout.left - MARK_GAP - MARK_LENGTH, y)
        path.moveTo(right + MARK_GAP, y)
        path.lineTo(right + MARK_GAP + MARK_LENGTH, y)
    canvas.drawPath(path, stroke=1, fill=0)
    canvas.restoreState()


def _fit(text: str, font: str, size: float, width: float, minimum: float) -> tuple[str, float]:
    """Shrink to fit `width`; below `minimum`, cut the text with an ellipsis."""
    while size > minimum and stringWidth(text, font, size) > width:
        size -= 0.25
    if stringWidth(text, font, size) <= width:
        return text, size
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…", size


class _CardPainter:
    def __init__(self, canvas: Canvas, template: CertificateTemplate, layout: SheetLayout) -> None:
        self.canvas = canvas
        self.template = template
        self.layout = layout
        self.width = layout.card_width
        self.height = layout.card_height
        self.accent = HexColor(template.accent_color)
        self.back_color = HexColor(template.back_color)
        # Proportions are set for 85.6 × 54 mm and scale with the card.
        self.scale = min(self.width / (85.6 * mm), self.height / (54 * mm))

    def _text(self, x, y, text, font, size, width, *, align="left", minimum=4.5):
        text, size = _fit(text, font, size * self.scale, width, minimum)
        self.canvas.setFont(font, size)
        if align == "centre":
            self.canvas.drawCentredString(x, y, text)
        elif align == "right":
            self.canvas.drawRightString(x, y, text)
        else:
            self.canvas.drawString(x, y, text)

    def front(self, card: CardFace, x: float, y: float) -> None:
        c, s = self.canvas, self.scale
        w, h = self.width, self.height
        c.saveState()
        c.translate(x, y)
        c.setStrokeColor(GREY)
        c.setLineWidth(0.25)
        c.rect(0, 0, w, h, stroke=1, fill=0)
        band = 10 * mm * s
        c.setFillColor(self.accent)
        c.rect(0, h - band, w, band, stroke=0, fill=1)
        c.setFillColor(white)
        half = w / 2
        lines = card.issuer_lines[-2:] or ("",)
        for index, line in enumerate(lines):
            bold = index == len(lines) - 1
            self._text(half * 0.5 + 1 * mm, h - band + (6.3 - 3.4 * index) * mm * s - (0 if len(lines) > 1 else 1.5 * mm),
                       line, SANS_BOLD if bold else SANS, 6 if bold else 5.5, half - 3 * mm, align="centre")
        self._text(half + half / 2, h - band + 6.3 * mm * s, NATIONAL_NAME, SANS_BOLD, 5.4, half - 2 * mm,
                   align="centre")
        self._text(half + half / 2, h - band + 2.9 * mm * s, NATIONAL_MOTTO, SANS_BOLD, 5.6, half - 2 * mm,
                   align="centre")
        # Photo 3×4 on the left, the number under it.
        photo_w, photo_h = 20 * mm * s, 26.7 * mm * s
        px, py = 3 * mm * s, h - band - 2.5 * mm * s - photo_h
        if card.photo_jpeg:
            c.drawImage(_PassThroughJpeg(card.photo_jpeg), px, py, photo_w, photo_h,
                        preserveAspectRatio=True, anchor="c")
        else:
            c.setStrokeColor(GREY)
            c.setFillColor(GREY)
            c.rect(px, py, photo_w, photo_h, stroke=1, fill=0)
            self._text(px + photo_w / 2, py + photo_h / 2, "Ảnh 3×4", SANS, 6, photo_w, align="centre")
        c.setFillColor(black)
        self._text(px + photo_w / 2, py - 3.6 * mm * s, f"Số: {card.number}", SANS_BOLD, 6, photo_w + 4 * mm,
                   align="centre")
        # Title and the fields to the right of the photo.
        tx = px + photo_w + 3 * mm * s
        text_width = w - tx - 2.5 * mm * s
        centre = tx + text_width / 2
        c.setFillColor(self.accent)
        self._text(centre, h - band - 5.6 * mm * s, self.template.title, SERIF_BOLD, 11, text_width, align="centre")
        c.setFillColor(black)
        self._text(centre, h - band - 8.9 * mm * s, self.template.subtitle, SERIF_ITALIC, 6.2, text_width,
                   align="centre")
        line_y = h - band - 13.4 * mm * s
        step = 4.1 * mm * s if len(card.values) <= 5 else 3.3 * mm * s
        for label, value in card.values:
            label_text = f"{label}: "
            c.setFont(SERIF, 6.8 * s)
            label_width = stringWidth(label_text, SERIF, 6.8 * s)
            c.drawString(tx, line_y, label_text)
            is_name = label == "Họ và tên"
            self._text(tx + label_width, line_y, value.upper() if is_name else value,
                       SERIF_BOLD, 7.6 if is_name else 7, text_width - label_width)
            line_y -= step
        if card.validity:
            c.setFillColor(self.accent)
            self._text(centre, 3 * mm * s, card.validity, SERIF_ITALIC, 6.4, text_width, align="centre")
        c.restoreState()

    def back(self, card: CardFace, x: float, y: float) -> None:
        """The back, placed where the front's back lands after a duplex flip."""
        c, s = self.canvas, self.scale
        w, h = self.width, self.height
        page_width, page_height = A4
        c.saveState()
        if self.template.duplex == "short_edge":
            # Flipped top to bottom: same column, mirrored row, drawn upside down.
            c.translate(x + w, page_height - y)
            c.rotate(180)
        else:
            c.translate(page_width - x - w, y)
        c.setFillColor(self.back_color)
        c.setStrokeColor(GREY)
        c.setLineWidth(0.25)
        c.rect(0, 0, w, h, stroke=1, fill=1)
        c.setFillColor(black)
        margin = 3 * mm * s
        notes = self.template.back_notes[:4]
        note_step = 2.9 * mm * s
        notes_height = len(notes) * note_step
        qr_size = min(28 * mm * s, h - 2 * margin - notes_height - 4.5 * mm * s)
        text_left = margin
        if self.template.show_qr and card.qr_text:
            _draw_qr(c, card.qr_text, margin, h - margin - qr_size, qr_size)
            self._text(margin + qr_size / 2, h - margin - qr_size - 3 * mm * s, "Mã kiểm tra", SANS, 5,
                       qr_size, align="centre")
            text_left = margin + qr_size + 3 * mm * s
        right_width = w - text_left - margin
        centre = text_left + right_width / 2
        top = h - margin - 3 * mm * s
        self._text(centre, top, card.place_date, SERIF_ITALIC, 6.4, right_width, align="centre")
        self._text(centre, top - 3.8 * mm * s, card.signer_title, SERIF_BOLD, 7, right_width, align="centre")
        if card.signer_name:   # room for the signature and the seal above the name
            self._text(centre, top - 19 * mm * s, card.signer_name, SERIF_BOLD, 7.4, right_width, align="centre")
        for index, note in enumerate(notes):
            self._text(margin, margin + (len(notes) - 1 - index) * note_step + 0.6 * mm * s, f"- {note}",
                       SERIF, 5.4, w - 2 * margin)
        c.restoreState()


class _PassThroughJpeg(ImageReader):
    """A JPEG photo that reportlab embeds as it is (DCTDecode) and names cheaply.

    drawImage names an ImageReader's image by a digest of `getRGBData()`, which decodes the
    whole JPEG just for the name (~3 ms a photo, STACK-NOTES: 6× slower). The JPEG's own
    bytes identify it as well; the embedded stream still comes from the JPEG file handle.
    """

    def __init__(self, jpeg: bytes) -> None:
        super().__init__(BytesIO(jpeg))
        self._jpeg = jpeg
        self._dataA = None          # a JPEG has no alpha channel

    def getRGBData(self):  # noqa: N802 (reportlab's name)
        return self._jpeg


def qr_matrix(text: str) -> tuple[bytearray, ...]:
    """The QR symbol of a certificate code: numeric mode, error level M, a fixed mask.

    Choosing the mask costs segno eight trial encodings (~6× the time of one); any mask gives
    a valid symbol, and a fixed one keeps 1,000 cards within the DESIGN §7 budget.
    """
    return segno.make(text, error="m", micro=False, mask=QR_MASK, boost_error=False).matrix


def _draw_qr(canvas: Canvas, text: str, x: float, y: float, size: float) -> None:
    """The QR matrix as one filled path of merged horizontal runs, in module units.

    STACK-NOTES: one path of merged rectangles. The runs are written as PDF operators
    ("x y w h re") with `addLiteral`: ~600 runs a code, and formatting each through
    reportlab's path object cost more than the whole rest of the card.
    """
    matrix = qr_matrix(text)
    count = len(matrix)
    module = size / count
    canvas.saveState()
    canvas.setFillColor(white)
    canvas.rect(x - 2 * module, y - 2 * module, size + 4 * module, size + 4 * module, stroke=0, fill=1)
    canvas.setFillColor(black)
    canvas.translate(x, y + size)
    canvas.scale(module, -module)          # row r, column c -> (c, r), y growing downwards
    runs = []
    for row_index, row in enumerate(matrix):
        column = 0
        while column < count:
            if row[column]:
                start = column
                while column < count and row[column]:
                    column += 1
                runs.append(f"{start} {row_index} {column - start} 1 re")
            else:
                column += 1
    runs.append("f")
    canvas.addLiteral("\n".join(runs))
    canvas.restoreState()
