"""Giấy chứng nhận: the configurable card template, the register, and the QR record.

The official template (TT 14/2024) is UNCONFIRMED (REFERENCE §4.4), so size, fields, signer,
validity and number format are settings of the unit. The QR code carries a compact record
(number, name, unit, validity) and its signature, written as decimal digits only: the densest
QR mode, and nothing a Vietnamese input method (Telex turns "aa" into "â", VNI turns "a1"
into "á") or a keyboard layout can alter when a scanner types it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields, replace
from datetime import date, timedelta
from enum import Enum
from string import Formatter

from antt_desktop.domain import vn_text
from antt_desktop.domain.eligibility import add_months
from antt_desktop.domain.errors import DomainError, error_dataclass

# Field key -> label printed on the card front.
CARD_FIELDS = {
    "full_name": "Họ và tên",
    "birth": "Ngày sinh",
    "position": "Chức danh",
    "team": "Thuộc",
    "residence": "Nơi cư trú",
    "id_number": "Số định danh",
    "unit": "Đơn vị",
    # The recognition decision, so the card and the decision can be checked against each other
    # (QA finding 6). The official form is UNCONFIRMED (REFERENCE §4.4): a unit can drop it.
    "decision": "QĐ công nhận",
}
DUPLEX_MODES = {"long_edge": "Lật theo cạnh dài", "short_edge": "Lật theo cạnh ngắn",
                "none": "Không in mặt sau"}
NUMBER_FORMAT_KEYS = {"seq", "year", "unit"}
_COLOR = re.compile(r"^#[0-9A-Fa-f]{6}$")


@dataclass(frozen=True, slots=True)
class CertificateTemplate:
    """How the cards look; stored in Unit.settings["certificate_template"]."""

    width_mm: float = 85.6                  # ID-1 (ISO/IEC 7810), like the MPS duty certificates
    height_mm: float = 54.0
    title: str = "GIẤY CHỨNG NHẬN"
    subtitle: str = "Lực lượng tham gia bảo vệ an ninh, trật tự ở cơ sở"
    fields: tuple[str, ...] = ("full_name", "birth", "position", "team", "decision")   # 5 fit on ID-1
    issuer_lines: tuple[str, ...] = ()      # blank: ("CÔNG AN TỈNH …", "CÔNG AN XÃ …") from the unit
    signer_title: str = ""                  # blank: the unit's police_chief_title
    signer_name: str = ""                   # blank: the unit's police chief
    validity_years: int = 5                 # 0: no end date printed
    number_format: str = "{seq:04d}/{year}/GCN"
    accent_color: str = "#8B1A1A"
    back_color: str = "#FFF8E1"
    back_notes: tuple[str, ...] = (
        "Người được cấp có trách nhiệm giữ gìn, bảo quản; không cho người khác mượn.",
        "Xuất trình khi thực hiện nhiệm vụ; nộp lại khi thôi tham gia lực lượng.",
        "Quét mã QR để kiểm tra giấy chứng nhận.",
    )
    gutter_mm: float = 0.0                  # space between cards on the sheet (0: shared cut lines)
    duplex: str = "long_edge"
    show_qr: bool = True

    def to_settings(self) -> dict:
        return {f.name: list(getattr(self, f.name)) if isinstance(getattr(self, f.name), tuple)
                else getattr(self, f.name) for f in fields(self)}

    @classmethod
    def from_settings(cls, data: dict | None) -> "CertificateTemplate":
        """The stored template; unknown keys are ignored and missing ones take the default."""
        if not data:
            return cls()
        known = {f.name for f in fields(cls)}
        values = {}
        for key, value in data.items():
            if key not in known:
                continue
            values[key] = tuple(value) if isinstance(value, list) else value
        return replace(cls(), **values)


@dataclass(frozen=True, slots=True)
class Certificate:
    """A line of the register: issued, revoked (thu hồi), replaced by a reissue (cấp lại)."""

    id: str
    unit_code: str
    member_id: str
    number: str
    issued_on: date
    valid_until: date | None = None
    revoked_on: date | None = None
    revoke_reason: str = ""
    replaces_id: str | None = None
    year: int | None = None
    sequence: int | None = None


class CertificateStatus(str, Enum):
    VALID = "con_hieu_luc"
    EXPIRED = "het_han"
    REVOKED = "da_thu_hoi"


STATUS_LABELS = {CertificateStatus.VALID: "Còn hiệu lực", CertificateStatus.EXPIRED: "Hết hạn",
                 CertificateStatus.REVOKED: "Đã thu hồi"}


def certificate_status(certificate: Certificate, on: date) -> CertificateStatus:
    if certificate.revoked_on is not None and certificate.revoked_on <= on:
        return CertificateStatus.REVOKED
    if certificate.valid_until is not None and certificate.valid_until < on:
        return CertificateStatus.EXPIRED
    return CertificateStatus.VALID


def valid_until(issued_on: date, years: int) -> date | None:
    """The last valid day: `years` after issue, minus a day; None when the card has no end."""
    if years <= 0:
        return None
    return add_months(issued_on, 12 * years) - timedelta(days=1)


def uses_year(number_format: str) -> bool:
    return any(name == "year" for _, name, _, _ in Formatter().parse(number_format))


def format_certificate_number(number_format: str, sequence: int, year: int, unit_code: str) -> str:
    return number_format.format(seq=sequence, year=year, unit=unit_code)


# --- Errors ---------------------------------------------------------------------------------

@error_dataclass
class TemplateInvalid(DomainError):
    problems: tuple[DomainError, ...]


@error_dataclass
class CardSizeOutOfRange(DomainError):
    width_mm: float
    height_mm: float


@error_dataclass
class UnknownCardField(DomainError):
    name: str


@error_dataclass
class NumberFormatInvalid(DomainError):
    number_format: str


@error_dataclass
class ValidityOutOfRange(DomainError):
    years: int


@error_dataclass
class ColorInvalid(DomainError):
    value: str


@error_dataclass
class DuplexModeInvalid(DomainError):
    value: str


@error_dataclass
class CertificateStillValid(DomainError):
    member_name: str
    number: str


@error_dataclass
class CertificateAlreadyRevoked(DomainError):
    number: str


@error_dataclass
class RevokeReasonMissing(DomainError):
    pass


@error_dataclass
class NoCertificatesToPrint(DomainError):
    pass


@error_dataclass
class CertificateCodeUnreadable(DomainError):
    """The text is not a certificate code (mistyped, cut off, or from another program)."""


@error_dataclass
class CertificateKeyUnknown(DomainError):
    key_id: str


@error_dataclass
class CertificateSignatureInvalid(DomainError):
    """The code was altered or forged: its signature does not match its content."""


def check_template(template: CertificateTemplate) -> CertificateTemplate:
    """Raise TemplateInvalid listing every problem; return the template with clean text."""
    problems: list[DomainError] = []
    if not (40 <= template.width_mm <= 150 and 30 <= template.height_mm <= 120):
        problems.append(CardSizeOutOfRange(template.width_mm, template.height_mm))
    for name in template.fields:
        if name not in CARD_FIELDS:
            problems.append(UnknownCardField(name))
    try:
        keys = {name for _, name, _, _ in Formatter().parse(template.number_format) if name is not None}
        if "seq" not in keys or not keys <= NUMBER_FORMAT_KEYS:
            raise ValueError
        format_certificate_number(template.number_format, 1, 2026, "X")
    except (ValueError, KeyError, IndexError):
        problems.append(NumberFormatInvalid(template.number_format))
    if not 0 <= template.validity_years <= 20:
        problems.append(ValidityOutOfRange(template.validity_years))
    for color in (template.accent_color, template.back_color):
        if not _COLOR.match(color):
            problems.append(ColorInvalid(color))
    if template.duplex not in DUPLEX_MODES:
        problems.append(DuplexModeInvalid(template.duplex))
    if not 0 <= template.gutter_mm <= 20:
        problems.append(CardSizeOutOfRange(template.width_mm, template.height_mm))
    if problems:
        raise TemplateInvalid(tuple(problems))
    clean = vn_text.normalize_text
    return replace(
        template, title=clean(template.title), subtitle=clean(template.subtitle),
        issuer_lines=tuple(clean(t) for t in template.issuer_lines if t.strip()),
        signer_title=clean(template.signer_title), signer_name=clean(template.signer_name),
        back_notes=tuple(clean(t) for t in template.back_notes if t.strip()),
    )


# --- The QR record ----------------------------------------------------------------------------

RECORD_VERSION = 1
SIGNATURE_BYTES = 64          # Ed25519
KEY_ID_BYTES = 4
_SEPARATOR = "\x1f"


@dataclass(frozen=True, slots=True)
class CertificateRecord:
    """What the QR code states: number, name, unit and validity."""

    number: str
    full_name: str
    unit_code: str
    unit_name: str
    valid_until: date | None = None


@dataclass(frozen=True, slots=True)
class SignedCode:
    key_id: str                 # hex of the first bytes of SHA-256(public key)
    message: bytes              # what the signature covers
    signature: bytes
    record: CertificateRecord = field(compare=False, default=None)


def record_message(record: CertificateRecord, key_id: bytes) -> bytes:
    """The signed bytes: version, key id, then the fields as UTF-8 separated by US (0x1F)."""
    valid = record.valid_until.strftime("%Y%m%d") if record.valid_until else ""
    text = _SEPARATOR.join((record.number, record.full_name, record.unit_code, record.unit_name, valid))
    return bytes([RECORD_VERSION]) + key_id + text.encode("utf-8")


def armor(message: bytes, signature: bytes) -> str:
    """Bytes as decimal digits (QR numeric mode); a leading 1 byte keeps leading zeros."""
    return str(int.from_bytes(b"\x01" + message + signature, "big"))


def read_code(text: str) -> SignedCode:
    """Parse what a scanner typed or a user pasted; spaces and line breaks are ignored."""
    digits = "".join(text.split())
    if not digits.isdigit() or not digits.isascii() or len(digits) > 2000:
        raise CertificateCodeUnreadable()
    number = int(digits)
    raw = number.to_bytes((number.bit_length() + 7) // 8, "big")
    if not raw or raw[0] != 1:
        raise CertificateCodeUnreadable()
    raw = raw[1:]
    if len(raw) < 1 + KEY_ID_BYTES + SIGNATURE_BYTES or raw[0] != RECORD_VERSION:
        raise CertificateCodeUnreadable()
    message, signature = raw[:-SIGNATURE_BYTES], raw[-SIGNATURE_BYTES:]
    key_id = message[1:1 + KEY_ID_BYTES].hex()
    try:
        parts = message[1 + KEY_ID_BYTES:].decode("utf-8").split(_SEPARATOR)
        number_text, full_name, unit_code, unit_name, valid = parts
        until = date(int(valid[:4]), int(valid[4:6]), int(valid[6:8])) if valid else None
    except (UnicodeDecodeError, ValueError):
        raise CertificateCodeUnreadable() from None
    record = CertificateRecord(number_text, full_name, unit_code, unit_name, until)
    return SignedCode(key_id, message, signature, record)


@dataclass(frozen=True, slots=True)
class CardFace:
    """Everything printed on one card, front and back, already worded."""

    number: str
    values: tuple[tuple[str, str], ...]        # (label, value) in the template's order
    issuer_lines: tuple[str, ...]              # "CÔNG AN TỈNH GIA LAI", "CÔNG AN XÃ TÂN PHÚ"
    place_date: str                            # "Tân Phú, ngày 22 tháng 11 năm 2026"
    signer_title: str
    signer_name: str
    validity: str                              # "Có giá trị đến ngày 21/11/2031" or ""
    photo_jpeg: bytes | None = None
    qr_text: str = ""
    full_name: str = ""
    qr_packed: bytes | None = None             # the QR symbol of qr_text, when already encoded


def decision_reference(number: str | None, signed_on: date | None) -> str:
    """"số 15/QĐ-UBND ngày 05/07/2024" for the card; "" when the member has no issued recognition."""
    if not number:
        return ""
    return f"số {number}" + (f" ngày {signed_on:%d/%m/%Y}" if signed_on else "")


def card_values(template: CertificateTemplate, facts: dict[str, str]) -> tuple[tuple[str, str], ...]:
    """The template's fields with their labels, in order; empty facts are kept (a blank to fill)."""
    return tuple((CARD_FIELDS[name], facts.get(name, "")) for name in template.fields if name in CARD_FIELDS)
