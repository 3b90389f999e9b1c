"""Đơn vị: the commune police office, or the higher unit in aggregator mode."""

from __future__ import annotations

from dataclasses import dataclass, field

from antt_desktop.domain.errors import DomainError, error_dataclass
from antt_desktop.domain.people import UnitMode


# One signer title and one ký hiệu per kind of police paper, for every document the office prints
# (proposals, lists, periodic and annual reports, statistics, BM1, certificates): the unit record's
# police_chief_title, and these symbols. Nothing else spells them out.
DEFAULT_POLICE_CHIEF_TITLE = "TRƯỞNG CÔNG AN"
POLICE_REPORT_SYMBOL = "BC-CAX"        # Báo cáo of Công an xã: "Số: …/BC-CAX"
POLICE_LIST_SYMBOL = "DS-CAX"          # Danh sách of Công an xã: "Số: …/DS-CAX"


def police_signer_title(title: str | None) -> str:
    """The police chief's title over the signature: the unit record's, upper case, else the default."""
    return " ".join((title or "").split()).upper() or DEFAULT_POLICE_CHIEF_TITLE


@dataclass(frozen=True, slots=True)
class Unit:
    id: str
    code: str
    name: str
    province_code: str
    province_name: str
    mode: UnitMode = UnitMode.COMMUNE
    kind: str = "xa"
    is_own: bool = True
    higher_unit_name: str = ""
    people_committee_name: str = ""    # "ỦY BAN NHÂN DÂN XÃ TÂN PHÚ"
    place_name: str = ""               # for "Tân Phú, ngày … tháng … năm …"
    chairman_name: str = ""
    chairman_title: str = "CHỦ TỊCH"
    signature_form: str = ""           # NĐ 30/2020: "TM.", "KT.", "Q." or none
    police_chief_name: str = ""
    police_chief_title: str = DEFAULT_POLICE_CHIEF_TITLE
    policy_version_id: str | None = None
    settings: dict = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class UnitSetup:
    """What the first-run wizard and `antt init` ask for."""

    code: str
    name: str
    province: str                      # a name ("Gia Lai") or a CCCD province code ("064")
    mode: UnitMode = UnitMode.COMMUNE
    higher_unit_name: str = ""
    place_name: str = ""
    chairman_name: str = ""
    chairman_title: str = "CHỦ TỊCH"
    signature_form: str = ""
    police_chief_name: str = ""


@error_dataclass
class InvalidUnitCode(DomainError):
    code: str


@error_dataclass
class MissingUnitName(DomainError):
    pass


@error_dataclass
class UnknownProvince(DomainError):
    province: str


@error_dataclass
class UnitAlreadySetUp(DomainError):
    code: str
    name: str


@error_dataclass
class DemoNeedsEmptyCommune(DomainError):
    """Demo records go only into a fresh database or a declared commune that is still empty."""

    code: str
    name: str


@error_dataclass
class UnitNotSetUp(DomainError):
    pass


def clean_unit_code(raw: str) -> str:
    """Unit codes are short: letters, digits, '-' and '_' (e.g. the ward's official code 26734)."""
    code = raw.strip().upper()
    if not code or len(code) > 20 or not all(c.isascii() and (c.isalnum() or c in "-_") for c in code):
        raise InvalidUnitCode(raw)
    return code
