"""Member certificates as A4 sheets of cards with crop marks; backs mirrored for duplex.

The card size and fields come from the unit's template (REFERENCE §4.4: the official one
is UNCONFIRMED). Default: ID-1, 85.6 × 54 mm, ten to a sheet (2 × 5) on shared cut lines.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from io import BytesIO
from pathlib import Path

import segno
from reportlab.lib.colors import HexColor, black, white
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

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
        self._forms: dict[tuple, str] = {}

    def _text(self, x, y, text, font, size, width, *, align="left", minimum=4.5):
        text, size = _fit(text, font, size * self.scale, width, minimum)
        self.canvas.setFont(font, size)
        if align == "centre":
            self.canvas.drawCentredString(x, y, text)
        elif align == "right":
            self.canvas.drawRightString(x, y, text)
        else:
            self.canvas.drawString(x, y, text)

    # Everything that is the same on every card (frame, band, Quốc hiệu, title, labels, notes)
    # is drawn once as a form XObject and reused: a thousand cards then only carry their own
    # names, numbers, photos and QR codes.

    def _form(self, key: tuple, draw) -> str:
        name = self._forms.get(key)
        if name is None:
            name = f"card{len(self._forms)}"
            self.canvas.beginForm(name, 0, 0, self.width, self.height)
            draw()
            self.canvas.endForm()
            self._forms[key] = name
        return name

    def _front_geometry(self, field_count: int) -> dict:
        s, w, h = self.scale, self.width, self.height
        band = 10 * mm * s
        photo_w, photo_h = 20 * mm * s, 26.7 * mm * s
        px, py = 3 * mm * s, h - band - 2.5 * mm * s - photo_h
        tx = px + photo_w + 3 * mm * s
        text_width = w - tx - 2.5 * mm * s
        return {"band": band, "photo": (px, py, photo_w, photo_h), "tx": tx, "text_width": text_width,
                "centre": tx + text_width / 2, "first_line": h - band - 13.4 * mm * s,
                "step": 4.1 * mm * s if field_count <= 5 else 3.3 * mm * s}

    def _draw_front_static(self, issuer_lines: tuple[str, ...], labels: tuple[str, ...]) -> None:
        c, s = self.canvas, self.scale
        w, h = self.width, self.height
        g = self._front_geometry(len(labels))
        band = g["band"]
        c.setStrokeColor(GREY)
        c.setLineWidth(0.25)
        c.rect(0, 0, w, h, stroke=1, fill=0)
        c.setFillColor(self.accent)
        c.rect(0, h - band, w, band, stroke=0, fill=1)
        c.setFillColor(white)
        half = w / 2
        lines = issuer_lines[-2:] or ("",)
        for index, line in enumerate(lines):
            bold = index == len(lines) - 1
            offset = 0 if len(lines) > 1 else 1.5 * mm
            self._text(half * 0.5 + 1 * mm, h - band + (6.3 - 3.4 * index) * mm * s - offset,
                       line, SANS_BOLD if bold else SANS, 6 if bold else 5.5, half - 3 * mm, align="centre")
        self._text(half + half / 2, h - band + 6.3 * mm * s, NATIONAL_NAME, SANS_BOLD, 5.4, half - 2 * mm,
                   align="centre")
        self._text(half + half / 2, h - band + 2.9 * mm * s, NATIONAL_MOTTO, SANS_BOLD, 5.6, half - 2 * mm,
                   align="centre")
        c.setFillColor(self.accent)
        self._text(g["centre"], h - band - 5.6 * mm * s, self.template.title, SERIF_BOLD, 11, g["text_width"],
                   align="centre")
        c.setFillColor(black)
        self._text(g["centre"], h - band - 8.9 * mm * s, self.template.subtitle, SERIF_ITALIC, 6.2,
                   g["text_width"], align="centre")
        c.setFont(SERIF, 6.8 * s)
        for index, label in enumerate(labels):
            c.drawString(g["tx"], g["first_line"] - index * g["step"], f"{label}: ")

    def front(self, card: CardFace, x: float, y: float) -> None:
        c, s = self.canvas, self.scale
        labels = tuple(label for label, _ in card.values)
        g = self._front_geometry(len(labels))
        form = self._form(("front", card.issuer_lines, labels),
                          lambda: self._draw_front_static(card.issuer_lines, labels))
        c.saveState()
        c.translate(x, y)
        c.doForm(form)
        px, py, photo_w, photo_h = g["photo"]
        if card.photo_jpeg:
            c.drawImage(_photo(card.photo_jpeg), px, py, photo_w, photo_h,
                        preserveAspectRatio=True, anchor="c")
        else:
            c.setStrokeColor(GREY)
            c.setFillColor(GREY)
            c.rect(px, py, photo_w, photo_h, stroke=1, fill=0)
            self._text(px + photo_w / 2, py + photo_h / 2, "Ảnh 3×4", SANS, 6, photo_w, align="centre")
        c.setFillColor(black)
        self._text(px + photo_w / 2, py - 3.6 * mm * s, f"Số: {card.number}", SANS_BOLD, 6, photo_w + 4 * mm,
                   align="centre")
        line_y = g["first_line"]
        for label, value in card.values:
            label_width = stringWidth(f"{label}: ", SERIF, 6.8 * s)
            is_name = label == "Họ và tên"
            self._text(g["tx"] + label_width, line_y, value.upper() if is_name else value,
                       SERIF_BOLD, 7.6 if is_name else 7, g["text_width"] - label_width)
            line_y -= g["step"]
        if card.validity:
            c.setFillColor(self.accent)
            self._text(g["centre"], 3 * mm * s, card.validity, SERIF_ITALIC, 6.4, g["text_width"], align="centre")
        c.restoreState()

    def _back_geometry(self, with_qr: bool) -> dict:
        s, w, h = self.scale, self.width, self.height
        margin = 3 * mm * s
        notes = self.template.back_notes[:4]
        note_step = 2.9 * mm * s
        qr_size = min(28 * mm * s, h - 2 * margin - len(notes) * note_step - 4.5 * mm * s)
        text_left = margin + qr_size + 3 * mm * s if with_qr else margin
        right_width = w - text_left - margin
        return {"margin": margin, "notes": notes, "note_step": note_step, "qr_size": qr_size,
                "centre": text_left + right_width / 2, "right_width": right_width,
                "top": h - margin - 3 * mm * s}

    def _draw_back_static(self, with_qr: bool, signer_title: str, signer_name: str) -> None:
        c, s = self.canvas, self.scale
        w, h = self.width, self.height
        g = self._back_geometry(with_qr)
        margin, qr_size = g["margin"], g["qr_size"]
        c.setFillColor(self.back_color)
        c.setStrokeColor(GREY)
        c.setLineWidth(0.25)
        c.rect(0, 0, w, h, stroke=1, fill=1)
        if with_qr:
            quiet = 1 * mm * s       # a light quiet zone around the code, on top of the margins
            c.setFillColor(white)
            c.rect(margin - quiet, h - margin - qr_size - quiet, qr_size + 2 * quiet, qr_size + 2 * quiet,
                   stroke=0, fill=1)
            c.setFillColor(black)
            self._text(margin + qr_size / 2, h - margin - qr_size - 3 * mm * s, "Mã kiểm tra", SANS, 5,
                       qr_size, align="centre")
        c.setFillColor(black)
        self._text(g["centre"], g["top"] - 3.8 * mm * s, signer_title, SERIF_BOLD, 7, g["right_width"],
                   align="centre")
        if signer_name:   # room for the signature and the seal above the name
            self._text(g["centre"], g["top"] - 19 * mm * s, signer_name, SERIF_BOLD, 7.4, g["right_width"],
                       align="centre")
        notes = g["notes"]
        for index, note in enumerate(notes):
            self._text(margin, margin + (len(notes) - 1 - index) * g["note_step"] + 0.6 * mm * s, f"- {note}",
                       SERIF, 5.4, w - 2 * margin)

    def back(self, card: CardFace, x: float, y: float) -> None:
        """The back, placed where the front's back lands after a duplex flip."""
        c = self.canvas
        w = self.width
        page_width, page_height = A4
        with_qr = bool(self.template.show_qr and card.qr_text)
        g = self._back_geometry(with_qr)
        form = self._form(("back", with_qr, card.signer_title, card.signer_name),
                          lambda: self._draw_back_static(with_qr, card.signer_title, card.signer_name))
        c.saveState()
        if self.template.duplex == "short_edge":
            # Flipped top to bottom: same column, mirrored row, drawn upside down.
            c.translate(x + w, page_height - y)
            c.rotate(180)
        else:
            c.translate(page_width - x - w, y)
        c.doForm(form)
        if with_qr:
            _draw_qr(c, card.qr_packed or qr_symbol(card.qr_text), g["margin"],
                     self.height - g["margin"] - g["qr_size"], g["qr_size"])
        c.setFillColor(black)
        self._text(g["centre"], g["top"], card.place_date, SERIF_ITALIC, 6.4, g["right_width"], align="centre")
        c.restoreState()


class _PassThroughJpeg(ImageReader):
    """A JPEG photo that reportlab embeds as it is (DCTDecode) and names cheaply.

    drawImage names an ImageReader's image by a digest of `getRGBData()`, which would decode
    the whole JPEG just for the name (~3 ms a photo; STACK-NOTES: 6× slower), and the reader
    opens it with PIL first. The JPEG's own bytes name it as well, and reportlab reads the
    size from the JPEG header itself when it embeds the stream from `jpeg_fh()`.
    """

    def __init__(self, jpeg: bytes) -> None:  # noqa: D107 — deliberately skips PIL (see above)
        self._jpeg = jpeg
        self.fp = BytesIO(jpeg)
        self.fileName = "photo.jpg"
        self._image = None
        self._dataA = None          # a JPEG has no alpha channel

    def jpeg_fh(self):
        self.fp.seek(0)
        return self.fp

    def getRGBData(self):  # noqa: N802 (reportlab's name)
        return self._jpeg


def _photo(jpeg: bytes) -> ImageReader:
    if jpeg[:2] == b"\xff\xd8":
        return _PassThroughJpeg(jpeg)
    return ImageReader(BytesIO(jpeg))     # not a JPEG after all: let reportlab convert it


@lru_cache(maxsize=2048)
def qr_matrix(text: str) -> tuple[bytearray, ...]:
    """The QR symbol of a certificate code: numeric mode, error level M, a fixed mask.

    Choosing the mask costs segno eight trial encodings (~6× the time of one); any mask gives
    a valid symbol. Encoding is still most of a sheet's time, so the service keeps each
    certificate's symbol (`qr_symbol`) and a preview followed by the print reuses it here.
    """
    return segno.make(text, error="m", micro=False, mask=QR_MASK, boost_error=False).matrix


_BITS = bytes.maketrans(b"\x00\x01", b"01")


def qr_symbol(text: str) -> bytes:
    """The symbol packed for storage and drawing: its size in modules, then each row of
    modules as bits (1 = dark), padded to whole bytes as a PDF 1-bit image wants."""
    matrix = qr_matrix(text)
    count = len(matrix)
    padding = (-count) % 8
    packed = bytearray([count])
    for line in matrix:
        bits = bytes(line).translate(_BITS) + b"0" * padding
        packed += int(bits, 2).to_bytes(len(bits) // 8, "big")
    return bytes(packed)


def _draw_qr(canvas: Canvas, symbol: bytes, x: float, y: float, size: float) -> None:
    """The QR symbol as a 1-bit image mask, one sample per module, scaled to `size`.

    PDF image masks are not interpolated unless asked (/Interpolate defaults to false), so the
    modules stay sharp at any resolution; a whole code is ~350 bytes, where a path of merged
    rectangles (STACK-NOTES) took ~600 "re" operators a card and most of the sheet's time.
    """
    count = symbol[0]
    canvas.saveState()
    canvas.setFillColor(black)
    # /D [1 0]: a 1 (a dark module) paints with the fill colour.
    canvas.addLiteral(f"{size:.3f} 0 0 {size:.3f} {x:.3f} {y:.3f} cm\n"
                      f"BI /W {count} /H {count} /IM true /BPC 1 /D [1 0] /F /AHx ID\n"
                      f"{symbol[1:].hex()}>\nEI")
    canvas.restoreState()
