"""Văn bản hành chính as plain data (Nghị định 30/2020/NĐ-CP), for the PDF and Word writers.

A document is composed here from domain facts, as strings; `documents/` only lays it out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum

NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
NATIONAL_MOTTO = "Độc lập - Tự do - Hạnh phúc"


class Orientation(str, Enum):
    PORTRAIT = "portrait"      # NĐ 30/2020: A4 đứng
    LANDSCAPE = "landscape"    # A4 ngang, allowed for tables


class Align(str, Enum):
    LEFT = "left"
    CENTER = "center"
    RIGHT = "right"


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A body paragraph; `lead` is printed bold before the text ("Điều 1.")."""

    text: str
    lead: str = ""
    items: tuple[str, ...] = ()      # indented lines under the paragraph (teams, people)


@dataclass(frozen=True, slots=True)
class ListColumn:
    label: str
    width_mm: float
    align: Align = Align.LEFT


@dataclass(frozen=True, slots=True)
class ListSection:
    """A group of rows under a heading row ("I. Tổ bảo vệ an ninh, trật tự Thôn 1")."""

    heading: str
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True, slots=True)
class DocumentList:
    """A table: attached to a decision on its own pages, or the body of a danh sách."""

    title_lines: tuple[str, ...]              # "DANH SÁCH", "Thành viên …"
    note: str                                 # "(Kèm theo Quyết định số … )", italic
    columns: tuple[ListColumn, ...]
    sections: tuple[ListSection, ...]
    orientation: Orientation = Orientation.PORTRAIT

    @property
    def row_count(self) -> int:
        return sum(len(section.rows) for section in self.sections)


@dataclass(frozen=True, slots=True)
class SignatureBlock:
    """Thẩm quyền ký: e.g. ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH") then the signer's name."""

    lines: tuple[str, ...]
    name: str


@dataclass(frozen=True, slots=True)
class OfficialDocument:
    """Every element NĐ 30/2020 Phụ lục I places on a page, already worded."""

    parent_body: str                          # cơ quan chủ quản, upright ("CÔNG AN TỈNH GIA LAI") or ""
    body_lines: tuple[str, ...]               # cơ quan ban hành, bold ("ỦY BAN NHÂN DÂN", "XÃ TÂN PHÚ")
    number_line: str                          # "Số: 15/QĐ-UBND"
    place_date: str                           # "Tân Phú, ngày 05 tháng 7 năm 2024"
    type_name: str                            # "QUYẾT ĐỊNH", "DANH SÁCH", "BÁO CÁO"
    summary_lines: tuple[str, ...]            # trích yếu: "Về việc …"
    authority: str = ""                       # "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ TÂN PHÚ"
    addressee: str = ""                       # "Kính gửi: …"
    bases: tuple[str, ...] = ()               # "Căn cứ …;" (italic)
    decides_word: str = ""                    # "QUYẾT ĐỊNH:" between the bases and the articles
    paragraphs: tuple[Paragraph, ...] = ()
    body_list: DocumentList | None = None     # a danh sách: the table is the body
    recipients: tuple[str, ...] = ()          # Nơi nhận
    signature: SignatureBlock | None = None
    attachments: tuple[DocumentList, ...] = ()
    orientation: Orientation = Orientation.PORTRAIT
    is_draft: bool = False                    # printed with "DỰ THẢO" at the top
    file_title: str = ""                      # PDF metadata title


def pad_day(day: int) -> str:
    return f"{day:02d}"


def pad_month(month: int) -> str:
    # NĐ 30/2020 Phụ lục I: days below 10 and the months 1 and 2 take a leading 0.
    return f"{month:02d}" if month <= 2 else str(month)


def written_date(value: date) -> str:
    """"ngày 05 tháng 7 năm 2024", as NĐ 30/2020 writes dates in running text."""
    return f"ngày {pad_day(value.day)} tháng {pad_month(value.month)} năm {value.year}"


def place_date_line(place: str, value: date | None, *, year: int | None = None) -> str:
    """The italic place-and-date line; a draft without a date leaves blanks to write in."""
    if value is None:
        blank = "\u00a0" * 6
        return f"{place}, ngày{blank}tháng{blank}năm {year or ''}".rstrip()
    return f"{place}, {written_date(value)}"


def number_line(number: str | None, symbol: str) -> str:
    """"Số: 15/QĐ-UBND"; a draft keeps the space the văn thư fills in."""
    if number:
        return f"Số: {number}"
    return f"Số:{chr(0xA0) * 8}/{symbol}"


def format_document_number(sequence: int, symbol: str) -> str:
    """NĐ 30/2020: "05/QĐ-UBND" (numbers below 10 take a leading 0)."""
    return f"{sequence:02d}/{symbol}"


def split_body_name(full_name: str) -> tuple[str, ...]:
    """"ỦY BAN NHÂN DÂN XÃ TÂN PHÚ" → ("ỦY BAN NHÂN DÂN", "XÃ TÂN PHÚ") for the header."""
    name = " ".join(full_name.split()).upper()
    for head in ("ỦY BAN NHÂN DÂN", "UỶ BAN NHÂN DÂN", "CÔNG AN"):
        if name.startswith(head + " "):
            return (head, name[len(head) + 1:])
    return (name,)


def signature_lines(form: str, signer_title: str, *, head_title: str = "CHỦ TỊCH",
                    collective: str = "ỦY BAN NHÂN DÂN") -> tuple[str, ...]:
    """NĐ 30/2020 Điều 13 and Phụ lục I: TM. (collective), KT. (deputy), Q. (acting) or none."""
    title = signer_title.strip().upper() or head_title
    if form == "TM.":
        return (f"TM. {collective}", title)
    if form == "KT.":
        return (f"KT. {head_title}", title)
    if form == "Q.":
        return (f"Q. {head_title}",)
    return (title,)


_ROMAN = (("M", 1000), ("CM", 900), ("D", 500), ("CD", 400), ("C", 100), ("XC", 90),
          ("L", 50), ("XL", 40), ("X", 10), ("IX", 9), ("V", 5), ("IV", 4), ("I", 1))


def roman(number: int) -> str:
    """Section numbers of lists: I, II, III …"""
    parts = []
    for letters, value in _ROMAN:
        while number >= value:
            parts.append(letters)
            number -= value
    return "".join(parts)


def continued_clause(text: str) -> str:
    """A user's free text continuing a sentence after "; ": "Xin thôi vì lý do sức khỏe." →
    "xin thôi vì lý do sức khỏe" (the sentence adds its own full stop). An abbreviation or a word in
    capitals at the start ("UBND …") keeps its case."""
    text = " ".join(text.split()).rstrip(" .;")
    first = text.split(" ", 1)[0] if text else ""
    if len(first) > 1 and first[1:] != first[1:].lower():
        return text
    return text[:1].lower() + text[1:]


def running_name(name: str) -> str:
    """"Xã Tân Phú" → "xã Tân Phú": the kind of a place is lower case inside a sentence."""
    for kind in ("Xã ", "Phường ", "Đặc khu ", "Thị trấn ", "Thôn ", "Tổ dân phố ", "Làng ",
                 "Ấp ", "Bản ", "Khu phố "):
        if name.startswith(kind):
            return kind.lower() + name[len(kind):]
    return name
