"""Nhập danh sách từ Excel: column vocabulary, value cleaning and the row checks (issue #7).

Pure rules. The reader (documents/member_list_reader.py) hands over raw cell values per
field; this module says, row by row, what would be imported and what is wrong:

- a hard error rejects the row: no name; an ID that cannot be a valid personal ID; the same
  ID twice in the file or already in the database; under 18 on the import date; an
  unreadable date (issue #7 §3). Three more follow from the records themselves: no birth
  date at all, no way to tell the sex, and a second Tổ trưởng/Tổ phó for one team
  (Luật 30/2023 Điều 16 allows one of each);
- a warning accepts the row: digits restored; year-only birth; an ID whose sex/century or
  year digits disagree; an unknown phone prefix; and values that could not be interpreted
  and were left out (an unreadable phone, an unknown position, education or prior force).
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from enum import Enum

from antt_desktop.domain import eligibility, personal_ids, phones, vn_text
from antt_desktop.domain.dates import BirthDate, DateInFuture, DateTooOld, ImpossibleDate, UnreadableDate
from antt_desktop.domain.errors import DomainError, error_dataclass
from antt_desktop.domain.members import (
    BirthMissing,
    MemberDraft,
    MemberInvalid,
    NameHasDigits,
    NameMissing,
    validate_member_draft,
)
from antt_desktop.domain.people import (
    EducationLevel,
    Gender,
    HamletKind,
    Position,
    PriorForce,
)

HEADER_SEARCH_ROWS = 20          # issue #7 §1: the header is found anywhere in the first 20 rows


class ImportField(str, Enum):
    """What a column of a member list holds. The value is the `field` of the JSON warnings."""

    ORDINAL = "stt"
    FULL_NAME = "full_name"
    BIRTH = "birth"
    BIRTH_MALE = "birth_male"          # two-level header: the birth date under "Nam"
    BIRTH_FEMALE = "birth_female"      # … or under "Nữ"; which column holds it gives the sex
    GENDER = "gender"
    MALE_MARK = "male_mark"            # "Giới tính" over "Nam | Nữ", an x in one of them
    FEMALE_MARK = "female_mark"
    ID_NUMBER = "id_number"
    ID_ISSUED_ON = "id_issued_on"
    ETHNICITY = "ethnicity"
    RELIGION = "religion"
    EDUCATION = "education"            # trình độ học vấn / văn hóa (9/12, 12/12…)
    QUALIFICATION = "qualification"    # trình độ chuyên môn (Trung cấp, Đại học…)
    POSITION = "position"
    HAMLET = "hamlet"
    TEAM = "team"
    PRIOR_FORCE = "prior_force"
    PHONE = "phone"
    ADDRESS = "address"
    NOTE = "note"


FIELD_LABELS = {
    ImportField.ORDINAL: "STT",
    ImportField.FULL_NAME: "Họ và tên",
    ImportField.BIRTH: "Ngày sinh",
    ImportField.BIRTH_MALE: "Ngày sinh (Nam)",
    ImportField.BIRTH_FEMALE: "Ngày sinh (Nữ)",
    ImportField.GENDER: "Giới tính",
    ImportField.MALE_MARK: "Giới tính: Nam (đánh dấu)",
    ImportField.FEMALE_MARK: "Giới tính: Nữ (đánh dấu)",
    ImportField.ID_NUMBER: "Số định danh/CCCD",
    ImportField.ID_ISSUED_ON: "Ngày cấp CCCD",
    ImportField.ETHNICITY: "Dân tộc",
    ImportField.RELIGION: "Tôn giáo",
    ImportField.EDUCATION: "Trình độ học vấn",
    ImportField.QUALIFICATION: "Trình độ chuyên môn",
    ImportField.POSITION: "Chức danh",
    ImportField.HAMLET: "Thôn/Tổ dân phố",
    ImportField.TEAM: "Tổ bảo vệ ANTT",
    ImportField.PRIOR_FORCE: "Lực lượng trước đây",
    ImportField.PHONE: "Số điện thoại",
    ImportField.ADDRESS: "Địa chỉ",
    ImportField.NOTE: "Ghi chú",
}

BIRTH_FIELDS = (ImportField.BIRTH, ImportField.BIRTH_MALE, ImportField.BIRTH_FEMALE)
# Without these a member cannot be recorded or checked (name; age needs the birth date).
REQUIRED_FIELDS = (ImportField.FULL_NAME, ImportField.BIRTH)


# --- Header vocabulary --------------------------------------------------------------------
#
# Headers are compared as "compact keys": folded (no diacritics, đ = d, lower case) with
# everything but letters and digits removed, so "Họ và tên", "HỌ VÀ TÊN", "Họ  và\ntên"
# and GL's "HoTen" meet. Order matters: "Ngày cấp CCCD" is a date, not the ID.

_EXACT: dict[str, ImportField] = {
    **dict.fromkeys(("stt", "tt", "sott", "sothutu", "thutu"), ImportField.ORDINAL),
    **dict.fromkeys(("ten", "hotenkhaisinh"), ImportField.FULL_NAME),
    **dict.fromkeys(("gt", "phai", "namnu", "gioi"), ImportField.GENDER),
    **dict.fromkeys(("ap", "ban", "apban", "thonap", "thonban", "thonto", "tdp"), ImportField.HAMLET),
    **dict.fromkeys(("to", "tento"), ImportField.TEAM),
    **dict.fromkeys(("cd", "cv"), ImportField.POSITION),
    **dict.fromkeys(("td", "tdvh", "tdhv"), ImportField.EDUCATION),
}
_PREFIXES: tuple[tuple[tuple[str, ...], ImportField], ...] = (
    (("hovaten", "hoten"), ImportField.FULL_NAME),
    (("ngaycap", "ngaycapcccd", "ngaycapcmnd"), ImportField.ID_ISSUED_ON),
    (("ngaythangnamsinh", "ngaysinh", "namsinh", "sinhngay", "ngaythangsinh", "sinhnam"),
     ImportField.BIRTH),
    (("gioitinh",), ImportField.GENDER),
    (("dantoc",), ImportField.ETHNICITY),
    (("tongiao",), ImportField.RELIGION),
    (("trinhdochuyenmon", "chuyenmon", "trinhdocm"), ImportField.QUALIFICATION),
    (("trinhdochinhtri", "lyluanchinhtri", "chinhtri"), None),   # not education
    (("trinhdo", "hocvan", "vanhoa"), ImportField.EDUCATION),
    (("chucdanh", "chucvu"), ImportField.POSITION),
    (("tobaove", "tobv", "tenlo", "tenlop", "tenlucluong"), ImportField.TEAM),
    (("lucluongtruocday", "lucluongcu", "truocday", "nguon", "thanhphan", "xuatthan"),
     ImportField.PRIOR_FORCE),
    (("sodienthoai", "dienthoai", "sdt", "sodt", "didong"), ImportField.PHONE),
    (("diachi", "noio", "noicutru", "thuongtru", "hokhau", "choo"), ImportField.ADDRESS),
    (("ghichu",), ImportField.NOTE),
    (("thon", "todanpho", "diaban", "khupho", "khom", "xom", "buon", "lang", "ap"),
     ImportField.HAMLET),
)
_ID_WORDS = ("cccd", "cmnd", "dinhdanh", "cancuoc", "socmt")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def compact_key(text: object) -> str:
    """The header or value as letters and digits only, folded: "Họ và\\ntên" → "hovaten"."""
    return _NON_ALNUM.sub("", vn_text.fold(str(text)))


def field_for_header(text: object) -> ImportField | None:
    """The field a header names, from its usual variants; None when it is not one we read."""
    key = compact_key(text)
    if not key:
        return None
    if key in _EXACT:
        return _EXACT[key]
    for prefixes, found in _PREFIXES:
        if key.startswith(prefixes):
            if found is ImportField.HAMLET and _is_team_words(key):
                return ImportField.TEAM
            return found
    if any(word in key for word in _ID_WORDS):
        return ImportField.ID_NUMBER
    return None


def _is_team_words(key: str) -> bool:
    return key.startswith(("tobaove", "tobv"))


def sub_header_gender(text: object) -> Gender | None:
    """"Nam"/"Nữ" under a merged header (birth date or sex split by sex)."""
    key = compact_key(text)
    if key == "nam":
        return Gender.MALE
    if key == "nu":
        return Gender.FEMALE
    return None


# --- Row shapes the reader skips -------------------------------------------------------------

# Compared with diacritics: "Cộng" is a total, "Công Văn Hải" a person; "Tống" is a surname.
_TOTAL_STARTS = ("tổng cộng", "tổng số", "cộng", "tổng:", "tổng ", "tong cong", "tong so", "cong:")
_FOOTER_WORDS = (
    "nguoilapbieu", "nguoilap", "lapbieu", "truongcongan", "chutich", "xacnhan", "kyten",
    "kyghirohoten", "kyvaghirohoten", "thutruongdonvi", "tmuybannhandan", "tmubnd", "kttruong",
    "ktchutich", "photruongcongan", "canbolap", "nguoiky", "noinhan",
)
_PLACE_DATE = re.compile(r"ngay\s*(\d{1,2}|\.+|…+)?\s*thang\s*(\d{1,2}|\.+|…+)?\s*nam")


def is_total_text(text: object) -> bool:
    """"Tổng cộng: 20 thành viên", "Cộng", "Tổng số": a totals line, never a member."""
    lowered = vn_text.normalize_text(str(text)).lower()
    return lowered == "cộng" or lowered.startswith(_TOTAL_STARTS)


def is_footer_text(text: object) -> bool:
    """Signature block and place-date line under a list ("NGƯỜI LẬP BIỂU", "…, ngày … tháng … năm")."""
    key = compact_key(text)
    if not key:
        return False
    if any(key.startswith(word) or key == word for word in _FOOTER_WORDS):
        return True
    folded = vn_text.fold(str(text))
    return bool(_PLACE_DATE.search(folded)) and "," in folded


_GROUP_NUMBERING = re.compile(
    r"^\s*(?:[IVXLCDM]+|\d+|[A-Za-z])\s*[.)/:\-–]\s*", re.IGNORECASE)
_HAMLET_KINDS: tuple[tuple[str, HamletKind], ...] = (
    ("tổ dân phố", HamletKind.RESIDENTIAL_GROUP), ("khu phố", HamletKind.RESIDENTIAL_GROUP),
    ("khóm", HamletKind.RESIDENTIAL_GROUP), ("khu dân cư", HamletKind.RESIDENTIAL_GROUP),
    ("thôn", HamletKind.VILLAGE), ("ấp", HamletKind.VILLAGE), ("bản", HamletKind.VILLAGE),
    ("buôn", HamletKind.VILLAGE), ("làng", HamletKind.VILLAGE), ("xóm", HamletKind.VILLAGE),
    ("plei", HamletKind.VILLAGE), ("sóc", HamletKind.VILLAGE), ("phum", HamletKind.VILLAGE),
    ("tổ", HamletKind.RESIDENTIAL_GROUP),
)
_TEAM_PREFIXES = ("tổ bảo vệ an ninh, trật tự", "tổ bảo vệ an ninh trật tự", "tổ bảo vệ antt",
                  "tổ bv antt", "tổ bvantt", "tổ bảo vệ")


@dataclass(frozen=True, slots=True)
class GroupHeading:
    """A group row such as "I. THÔN 1" or "Ấp Phú Hòa": the hamlet (and team) of the rows below."""

    hamlet: str
    team: str = ""


def group_heading(text: object) -> GroupHeading | None:
    """The hamlet a group row names, or None when the text is not such a heading."""
    cleaned = vn_text.normalize_text(str(text))
    cleaned = _GROUP_NUMBERING.sub("", cleaned, count=1).strip()
    cleaned = re.sub(r"\s*\(.*\)\s*$", "", cleaned)          # "THÔN 1 (5 thành viên)"
    lowered = cleaned.lower()
    for prefix in _TEAM_PREFIXES:
        # "I. TỔ BẢO VỆ AN NINH, TRẬT TỰ THÔN 1": the hamlet is what follows.
        if vn_text.fold(lowered).startswith(vn_text.fold(prefix)):
            lowered = lowered[len(prefix):].strip(" :-–,")
            cleaned = cleaned[len(prefix):].strip(" :-–,")
            break
    if not cleaned:
        return None
    kind_word = _kind_word(lowered)
    if kind_word is None or len(cleaned) > 80:
        return None
    return GroupHeading(tidy_place_name(cleaned))


# Matched without diacritics too ("THON 1"), but only words no surname folds to: "Tô",
# "Lăng" and "Bàn" are family names, so "tổ", "làng", "bản" need their marks.
_UNACCENTED_KINDS = ("thôn", "tổ dân phố", "khu phố", "khu dân cư", "ấp", "xóm", "buôn", "khóm")


def _kind_word(lowered: str) -> str | None:
    lowered = unicodedata.normalize("NFC", lowered)
    for word, _kind in _HAMLET_KINDS:
        if lowered == word or lowered.startswith(word + " "):
            return word
    folded = vn_text.fold(lowered)
    for word in _UNACCENTED_KINDS:
        folded_word = vn_text.fold(word)
        if folded == folded_word or folded.startswith(folded_word + " "):
            return word
    return None


def hamlet_kind(name: str) -> HamletKind:
    """Thôn (village-like) or tổ dân phố (urban), from the name's first word."""
    folded = vn_text.fold(name)
    for word, kind in _HAMLET_KINDS:
        if folded == vn_text.fold(word) or folded.startswith(vn_text.fold(word) + " "):
            return kind
    return HamletKind.VILLAGE


def tidy_place_name(text: str) -> str:
    """"THÔN ĐÔNG" → "Thôn Đông", "TỔ DÂN PHỐ 4" → "Tổ dân phố 4"; mixed case is kept as typed."""
    name = vn_text.normalize_text(text)
    if not name or (name != name.upper() and name != name.lower()):
        return name[:1].upper() + name[1:] if name else name
    lowered = name.lower()
    kind = _kind_word(lowered)
    if kind is None:
        return " ".join(word[:1].upper() + word[1:] for word in lowered.split(" "))
    rest = lowered[len(kind):].strip()
    rest_words = " ".join(word[:1].upper() + word[1:] for word in rest.split(" ") if word)
    head = kind[:1].upper() + kind[1:]
    return f"{head} {rest_words}".strip()


def place_key(name: str) -> str:
    """Hamlets and teams match on this: "Thôn 1", "THÔN 1" and "thon  1" are one place."""
    return " ".join(vn_text.fold(name).split())


def default_team_name(hamlet_name: str) -> str:
    """The name TeamService gives a team created for a hamlet."""
    return f"Tổ bảo vệ ANTT {hamlet_name}"


# --- The mapping the reader detects and the user may correct ----------------------------------


@dataclass(frozen=True, slots=True)
class ColumnMapping:
    """Which column holds which field. Columns are 1-based, as Excel's A = 1."""

    header_row: int
    data_row: int                                   # first row under the header (and sub-header)
    columns: tuple[tuple[int, ImportField], ...]    # (column, field), by column
    headers: tuple[tuple[int, str], ...] = ()       # (column, header text as written)

    def column_of(self, wanted: ImportField) -> int | None:
        for column, found in self.columns:
            if found is wanted:
                return column
        return None

    def field_of(self, column: int) -> ImportField | None:
        for found_column, found in self.columns:
            if found_column == column:
                return found
        return None

    def has(self, wanted: ImportField) -> bool:
        return self.column_of(wanted) is not None

    def with_field(self, column: int, chosen: ImportField | None) -> "ColumnMapping":
        """The mapping with `column` holding `chosen` (None: ignore it). A field sits in one
        column only, so a field moved here leaves its previous column."""
        kept = [(c, f) for c, f in self.columns if c != column and (chosen is None or f is not chosen)]
        if chosen is not None:
            kept.append((column, chosen))
        return replace(self, columns=tuple(sorted(kept)))

    def missing_required(self) -> tuple[ImportField, ...]:
        missing = []
        if not self.has(ImportField.FULL_NAME):
            missing.append(ImportField.FULL_NAME)
        if not any(self.has(f) for f in BIRTH_FIELDS):
            missing.append(ImportField.BIRTH)
        return tuple(missing)

    def to_json(self) -> dict:
        return {"header_row": self.header_row, "data_row": self.data_row,
                "columns": {str(c): f.value for c, f in self.columns}}


def column_letter(column: int) -> str:
    """1 → A, 27 → AA (as Excel names columns)."""
    letters = ""
    while column > 0:
        column, remainder = divmod(column - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


@dataclass(frozen=True, slots=True)
class RawRow:
    """One data row as read: the raw cell values of the mapped fields (blank cells left out)."""

    sheet: str
    row: int                                     # the row number Excel shows
    values: Mapping[ImportField, object]         # blank cells left out
    columns: Mapping[ImportField, int]           # the column of every mapped field
    group_hamlet: str = ""                       # from the group row above ("I. THÔN 1")
    group_team: str = ""


# --- Errors and warnings -----------------------------------------------------------------------


@error_dataclass
class DuplicateIdInFile(DomainError):
    id_number: str
    rows: tuple[int, ...]


@error_dataclass
class IdAlreadyInDatabase(DomainError):
    id_number: str
    other_name: str


@error_dataclass
class PersonAlreadyInDatabase(DomainError):
    """No ID to compare, but a member with the same name and birth date exists."""

    full_name: str
    birth: str


@error_dataclass
class SexUnknown(DomainError):
    """Neither a sex column, a Nam/Nữ birth column nor a valid ID says the sex."""


@error_dataclass
class PositionTakenInTeam(DomainError):
    team_name: str
    position: Position
    holder_name: str
    holder_row: int | None = None       # the row of the file holding it; None: in the database


@error_dataclass
class BirthYearOnly(DomainError):
    """A warning: only the year is known; `limit_age` set when the age limit cannot be decided."""

    year: int
    on: date
    limit_age: int | None = None


@error_dataclass
class BirthInBothColumns(DomainError):
    """Both the Nam and the Nữ birth columns hold a value: the sex is taken from elsewhere."""


@error_dataclass
class SexValueUnknown(DomainError):
    text: str


@error_dataclass
class SexConflict(DomainError):
    """The sex column and the Nam/Nữ columns disagree; the sex column is kept."""

    stated: Gender
    from_columns: Gender


@error_dataclass
class PhoneLeftOut(DomainError):
    """The phone could not be read; the member is imported without it."""

    reason: DomainError


@error_dataclass
class PositionUnknown(DomainError):
    text: str


@error_dataclass
class PositionBlank(DomainError):
    pass


@error_dataclass
class EducationUnknown(DomainError):
    text: str


@error_dataclass
class PriorForceUnknown(DomainError):
    text: str


@error_dataclass
class HamletMissing(DomainError):
    """No hamlet column value and no group row above: imported without hamlet or team."""


@error_dataclass
class HamletConflict(DomainError):
    in_column: str
    in_group: str


@error_dataclass
class IssuedOnUnreadable(DomainError):
    text: str


@error_dataclass
class UnderAgeOnDecision(DomainError):
    """The member was under 18 on the recognition decision's date."""

    decision_on: date
    age: int


# Codes of the JSON contract (issue #7 §5); messages/imports.py phrases the errors.
REJECTION_CODES: dict[type, str] = {
    NameMissing: "name_missing",
    NameHasDigits: "name_invalid",
    personal_ids.InvalidPersonalId: "id_invalid",
    DuplicateIdInFile: "id_duplicate_in_file",
    IdAlreadyInDatabase: "id_in_database",
    PersonAlreadyInDatabase: "person_in_database",
    eligibility.UnderMinimumAge: "under_18",
    UnreadableDate: "date_unreadable",
    ImpossibleDate: "date_unreadable",
    DateInFuture: "date_out_of_range",
    DateTooOld: "date_out_of_range",
    BirthMissing: "birth_missing",
    SexUnknown: "sex_unknown",
    PositionTakenInTeam: "position_taken",
}
WARNING_CODES: dict[type, str] = {
    personal_ids.LeadingZerosRestored: "id_zeros_restored",
    personal_ids.LegacyCmndNumber: "id_legacy_cmnd",
    personal_ids.IdGenderMismatch: "id_sex_mismatch",
    personal_ids.IdBirthYearMismatch: "id_year_mismatch",
    phones.LeadingZeroRestored: "phone_zero_restored",
    phones.UnknownPhonePrefix: "phone_unknown_prefix",
    PhoneLeftOut: "phone_invalid",
    BirthYearOnly: "birth_year_only",
    BirthInBothColumns: "birth_in_both_columns",
    eligibility.OverMaximumAge: "over_70",
    eligibility.EducationTooLow: "education_below_required",
    UnderAgeOnDecision: "under_18_on_decision",
    SexValueUnknown: "sex_value_unknown",
    SexConflict: "sex_conflict",
    PositionUnknown: "position_unknown",
    PositionBlank: "position_blank",
    EducationUnknown: "education_unknown",
    PriorForceUnknown: "prior_force_unknown",
    HamletMissing: "hamlet_missing",
    HamletConflict: "hamlet_conflict",
    IssuedOnUnreadable: "issued_on_unreadable",
}


def code_of(error: DomainError) -> str:
    for klass in type(error).__mro__:
        if klass in REJECTION_CODES:
            return REJECTION_CODES[klass]
        if klass in WARNING_CODES:
            return WARNING_CODES[klass]
    return type(error).__name__


@dataclass(frozen=True, slots=True)
class RowIssue:
    """A hard error or a warning of one row, with the cell it concerns."""

    sheet: str
    row: int
    field: ImportField | None
    column: int | None
    error: DomainError

    @property
    def code(self) -> str:
        return code_of(self.error)


@dataclass(frozen=True, slots=True)
class ImportedMember:
    """An accepted row: the member as it will be stored, and where it goes."""

    draft: MemberDraft
    hamlet_name: str            # "" when the row names none
    team_name: str              # "" when the row names no hamlet
    position: Position


@dataclass(frozen=True, slots=True)
class CheckedRow:
    sheet: str
    row: int
    full_name: str
    member: ImportedMember | None          # None when rejected
    errors: tuple[RowIssue, ...] = ()
    warnings: tuple[RowIssue, ...] = ()
    id_number: str | None = None           # cleaned, when the ID is valid (also on rejected rows)

    @property
    def is_accepted(self) -> bool:
        return not self.errors


@dataclass(frozen=True, slots=True)
class ImportContext:
    """What the checks need to know beyond the row: the database and the day."""

    province_codes: Mapping[str, str]
    today: date
    existing_ids: Mapping[str, str] = field(default_factory=dict)               # ID → name
    existing_people: Mapping[tuple[str, str], str] = field(default_factory=dict)  # (folded name, birth) → name
    # (team key, position) → holder name, for the Tổ trưởng/Tổ phó seats already taken.
    taken_positions: Mapping[tuple[str, Position], str] = field(default_factory=dict)
    # Team of an existing hamlet (hamlet key → team name), so rows join the team already there.
    hamlet_teams: Mapping[str, str] = field(default_factory=dict)
    hamlet_names: Mapping[str, str] = field(default_factory=dict)               # key → stored spelling
    decision_on: date | None = None


@dataclass(frozen=True, slots=True)
class ImportCheck:
    rows: tuple[CheckedRow, ...]

    @property
    def accepted(self) -> tuple[CheckedRow, ...]:
        return tuple(r for r in self.rows if r.is_accepted)

    @property
    def rejected(self) -> tuple[CheckedRow, ...]:
        return tuple(r for r in self.rows if not r.is_accepted)


# --- Values --------------------------------------------------------------------------------

_EXCEL_EPOCH = date(1899, 12, 30)
_MONTH_YEAR = re.compile(r"^(\d{1,2})\s*[/.\-]\s*(\d{4})$")


def excel_serial(value: date) -> int:
    return (value - _EXCEL_EPOCH).days


def read_birth(raw: object, today: date) -> BirthDate:
    """A birth cell as Excel hands it over: a date, a serial, text, or a bare year.

    A year typed into a date-formatted cell arrives as a date in 1905 (serial 1965 =
    18/05/1905); that is read back as the year. Raises UnreadableDate/ImpossibleDate.
    """
    from antt_desktop.domain.dates import parse_birth

    if isinstance(raw, datetime):
        raw = raw.date()
    if isinstance(raw, date):
        serial = excel_serial(raw)
        if raw.year < 1910 and 1900 <= serial <= today.year:
            return BirthDate(year_only=serial)
        return BirthDate(full=raw)
    if isinstance(raw, bool):
        raise UnreadableDate(str(raw))
    if isinstance(raw, (int, float)):
        if float(raw).is_integer():
            number = int(raw)
            if 1900 <= number <= today.year:
                return BirthDate(year_only=number)
            if 1 <= number <= 80000:                      # a date serial in a General cell
                return BirthDate(full=_EXCEL_EPOCH + timedelta(days=number))
        raise UnreadableDate(_number_text(raw))
    text = unicodedata.normalize("NFKC", str(raw)).strip().strip("'")
    month_year = _MONTH_YEAR.match(text)
    if month_year and 1 <= int(month_year.group(1)) <= 12:
        return BirthDate(year_only=int(month_year.group(2)))
    return parse_birth(text)


def read_date(raw: object) -> date:
    from antt_desktop.domain.dates import parse_vn_date

    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    if isinstance(raw, (int, float)) and not isinstance(raw, bool) and float(raw).is_integer() \
            and 1 <= int(raw) <= 80000:
        return _EXCEL_EPOCH + timedelta(days=int(raw))
    return parse_vn_date(unicodedata.normalize("NFKC", str(raw)))


def _number_text(raw: int | float) -> str:
    return str(int(raw)) if isinstance(raw, float) and raw.is_integer() else str(raw)


def cell_text(raw: object) -> str:
    """A cell as text: numbers without ".0", dates dd/mm/yyyy, text NFC and trimmed."""
    if raw is None:
        return ""
    if isinstance(raw, datetime):
        raw = raw.date()
    if isinstance(raw, date):
        return raw.strftime("%d/%m/%Y")
    if isinstance(raw, bool):
        return "x" if raw else ""
    if isinstance(raw, float):
        return _number_text(raw)
    return vn_text.normalize_text(str(raw))


def read_name(raw: object) -> str:
    """NFC, spaces folded, and each word starting with a capital ("  phan  thị  thảo " → "Phan Thị Thảo")."""
    name = vn_text.normalize_name(cell_text(raw))
    return " ".join(word[:1].upper() + word[1:] if word[:1].islower() else word
                    for word in name.split(" ")) if name else ""


def read_gender(raw: object) -> Gender | None:
    key = compact_key(cell_text(raw))
    if key in ("nam", "m", "male", "trai", "namgioi"):
        return Gender.MALE
    if key in ("nu", "f", "female", "gai", "nugioi"):
        return Gender.FEMALE
    return None


def is_marked(raw: object) -> bool:
    """A tick in a "Nam"/"Nữ" column: x, X, ✓, 1, or any text."""
    text = cell_text(raw)
    return bool(text) and compact_key(text) not in ("0", "khong", "k")


_POSITIONS = {
    **dict.fromkeys(("totruong", "tt", "totruongtobaove"), Position.LEADER),
    **dict.fromkeys(("topho", "tp"), Position.DEPUTY),
    **dict.fromkeys(("tovien", "tv", "thanhvien", "vien"), Position.MEMBER),
}


def read_position(raw: object) -> Position | None:
    """Tổ trưởng / Tổ phó / Tổ viên, also abbreviated TT / TP / TV; None when unknown."""
    key = compact_key(cell_text(raw))
    if key in _POSITIONS:
        return _POSITIONS[key]
    for prefix, position in (("totruong", Position.LEADER), ("topho", Position.DEPUTY),
                             ("tovien", Position.MEMBER), ("thanhvien", Position.MEMBER)):
        if key.startswith(prefix):
            return position
    return None


_GRADE = re.compile(r"^(\d{1,2})\s*/\s*(10|12)$")
_EDUCATION_WORDS: tuple[tuple[tuple[str, ...], EducationLevel], ...] = (
    (("tiensi", "thacsi", "saudaihoc", "ths", "ts"), EducationLevel.POSTGRADUATE),
    (("daihoc", "dh", "cunhan", "kysu"), EducationLevel.UNIVERSITY),
    (("caodang", "cd"), EducationLevel.COLLEGE),
    (("trungcap", "tc", "trunghocchuyennghiep", "thcn", "socap"), EducationLevel.VOCATIONAL),
    (("trunghocphothong", "thpt", "cap3", "capiii", "pttrunghoc", "bttrunghoc"), EducationLevel.UPPER_SECONDARY),
    (("trunghoccoso", "thcs", "cap2", "capii"), EducationLevel.LOWER_SECONDARY),
    (("tieuhoc", "th", "cap1", "capi"), EducationLevel.PRIMARY),
    (("chuatotnghieptieuhoc", "muchu", "khongbietchu", "khong"), EducationLevel.NONE),
)


def read_education(raw: object) -> EducationLevel | None:
    """"9/12" → THCS, "12/12" → THPT, "Đại học" → đại học…; None when unknown."""
    text = cell_text(raw)
    grade = _GRADE.match(text.replace(" ", ""))
    if grade:
        years, system = int(grade.group(1)), int(grade.group(2))
        if system == 10:   # the old northern 10-year school: 7/10 ends THCS, 10/10 THPT
            years = {10: 12, 9: 11, 8: 10, 7: 9}.get(years, years)
        if years >= 12:
            return EducationLevel.UPPER_SECONDARY
        if years >= 9:
            return EducationLevel.LOWER_SECONDARY
        if years >= 5:
            return EducationLevel.PRIMARY
        return EducationLevel.NONE
    key = compact_key(text)
    if not key:
        return None
    for words, level in _EDUCATION_WORDS:
        if key in words or any(len(word) > 4 and key.startswith(word) for word in words):
            return level
    return None


_PRIOR_FORCES: tuple[tuple[tuple[str, ...], PriorForce], ...] = (
    (("moi", "tuyenmoi", "khong", "chua", "chuatunglam"), PriorForce.NEW),
    (("baovedanpho", "bvdp", "bvdanpho"), PriorForce.CIVIL_GUARD),
    (("congananxabanchuyentrach", "conganxabanchuyentrach", "caxbct", "caxabct", "cabct",
      "caxabanchuyentrach", "conganbanchuyentrach", "conganxabct", "conganxa", "cax"),
     PriorForce.PART_TIME_POLICE),
    (("doitruongdp", "doitruongdanphong", "dtdp", "doitruongdoidanphong"), PriorForce.FIRE_SQUAD_LEADER),
    (("doiphodp", "doiphodanphong", "dpdp", "doiphodoidanphong"), PriorForce.FIRE_SQUAD_DEPUTY),
)


def read_prior_force(raw: object) -> PriorForce | None:
    """"CAXBCT", "BVDP", "Đội phó DP", "Mới"… → the force; None when unknown."""
    key = compact_key(cell_text(raw))
    for words, force in _PRIOR_FORCES:
        if key in words:
            return force
    for words, force in _PRIOR_FORCES[1:]:
        if any(len(word) > 6 and key.startswith(word) for word in words):
            return force
    return None


# --- The row checks ------------------------------------------------------------------------


def check_rows(rows: Sequence[RawRow], context: ImportContext) -> ImportCheck:
    """Every row checked alone, then against each other and the database (duplicates, seats)."""
    singles = [_check_row(raw, context) for raw in rows]
    singles = _reject_duplicate_ids(rows, singles)
    return _against_database(rows, singles, context)


def recheck_database(rows: Sequence[RawRow], check: ImportCheck, context: ImportContext) -> ImportCheck:
    """`check_rows` again after the database may have changed, reusing the per-row work.

    The checks of a row alone depend only on the row and the day; what the database holds
    (IDs, people, Tổ trưởng/Tổ phó seats) is compared again. `check` must come from
    `check_rows(rows, …)` on the same day and decision date.
    """
    database_codes = ("id_in_database", "person_in_database", "position_taken")
    singles = []
    for raw, row in zip(rows, check.rows, strict=True):
        kept = tuple(issue for issue in row.errors if issue.code not in database_codes)
        if len(kept) != len(row.errors):
            # Rejected only for what the database held: check it alone again. Rows with
            # other errors (the same ID twice in the file…) keep them: the file is unchanged.
            row = replace(row, errors=kept) if kept else _check_row(raw, context)
        singles.append(row)
    return _against_database(rows, singles, context)


def _against_database(rows: Sequence[RawRow], singles: list[CheckedRow], context: ImportContext) -> ImportCheck:
    singles = _reject_database_duplicates(rows, singles, context)
    singles = _reject_taken_positions(rows, singles, context)
    return ImportCheck(tuple(singles))


@dataclass
class _RowCollector:
    raw: RawRow
    errors: list[RowIssue] = field(default_factory=list)
    warnings: list[RowIssue] = field(default_factory=list)

    def issue(self, target: list, field_: ImportField | None, error: DomainError,
              column_field: ImportField | None = None) -> None:
        where = column_field or field_
        column = self.raw.columns.get(where) if where is not None else None
        target.append(RowIssue(self.raw.sheet, self.raw.row, field_, column, error))

    def error(self, field_: ImportField | None, error: DomainError, column_field: ImportField | None = None) -> None:
        self.issue(self.errors, field_, error, column_field)

    def warn(self, field_: ImportField | None, error: DomainError, column_field: ImportField | None = None) -> None:
        self.issue(self.warnings, field_, error, column_field)


def _check_row(raw: RawRow, context: ImportContext) -> CheckedRow:
    values = raw.values
    out = _RowCollector(raw)
    name = read_name(values.get(ImportField.FULL_NAME))

    birth, birth_field, split_gender = _birth_of(raw, context, out)
    birth_failed = birth is None and birth_field is not None
    gender = _gender_of(raw, split_gender, out)

    id_raw = values.get(ImportField.ID_NUMBER)
    id_text = id_raw if isinstance(id_raw, (int, float)) and not isinstance(id_raw, bool) else cell_text(id_raw)
    clean_id = None
    if id_text not in ("", None):
        try:
            id_check = personal_ids.check_personal_id(
                id_text, province_codes=context.province_codes, today=context.today)
        except DomainError:
            pass                # the ID error is reported below by validate_member_draft
        else:
            clean_id = id_check.number
            gender = gender or id_check.gender_from_id

    phone = _phone_of(values.get(ImportField.PHONE), out)
    education = _education_of(raw, out)
    position = _position_of(raw, out)
    prior_force = _prior_force_of(raw, out)
    hamlet_name, team_name = _place_of(raw, context, out)
    issued_on = None
    if ImportField.ID_ISSUED_ON in values:
        try:
            issued_on = read_date(values[ImportField.ID_ISSUED_ON])
        except DomainError:
            out.warn(ImportField.ID_ISSUED_ON, IssuedOnUnreadable(cell_text(values[ImportField.ID_ISSUED_ON])))
    if issued_on is not None and issued_on > context.today:
        out.warn(ImportField.ID_ISSUED_ON, IssuedOnUnreadable(cell_text(values[ImportField.ID_ISSUED_ON])))
        issued_on = None

    draft = MemberDraft(
        full_name=name,
        gender=gender or Gender.MALE,
        birth=birth or BirthDate(),
        id_number=str(id_text) if id_text not in ("", None) else None,
        id_issued_on=issued_on,
        ethnicity=read_name(values.get(ImportField.ETHNICITY)) if ImportField.ETHNICITY in values else "",
        religion=cell_text(values.get(ImportField.RELIGION)),
        education_level=education,
        phone=phone,
        address=cell_text(values.get(ImportField.ADDRESS)),
        prior_force=prior_force,
        note=cell_text(values.get(ImportField.NOTE)),
    )
    member = None
    try:
        validated = validate_member_draft(draft, province_codes=context.province_codes, today=context.today)
    except MemberInvalid as invalid:
        for problem in invalid.problems:
            if problem.field == "birth" and birth_failed:
                continue      # the unreadable date is reported already
            target_field = _FORM_FIELDS.get(problem.field, None)
            column_field = birth_field if target_field is ImportField.BIRTH else target_field
            out.error(target_field, problem.error, column_field)
    else:
        if gender is None:
            column_field = ImportField.GENDER if ImportField.GENDER in raw.columns else birth_field
            out.error(ImportField.GENDER, SexUnknown(), column_field)
        for problem in validated.warnings:
            if type(problem.error) not in _KEPT_VALIDATION_WARNINGS:
                continue
            target_field = _FORM_FIELDS.get(problem.field, None)
            column_field = birth_field if target_field is ImportField.BIRTH else target_field
            out.warn(target_field, problem.error, column_field)
        if not out.errors:
            member = ImportedMember(validated.draft, hamlet_name, team_name, position)
    if birth is not None and birth.year_only is not None and not any(
            i.field is ImportField.BIRTH for i in out.errors):
        out.warn(ImportField.BIRTH, _year_only_warning(birth.year_only, context.today), birth_field)
    if member is not None and context.decision_on is not None and birth is not None and birth.full:
        age = eligibility.age_on(birth.full, context.decision_on)
        if age < eligibility.DEFAULT_RULES.minimum_age:
            out.warn(ImportField.BIRTH, UnderAgeOnDecision(context.decision_on, age), birth_field)
    return CheckedRow(raw.sheet, raw.row, name, member, _ordered(out.errors), tuple(out.warnings),
                      id_number=clean_id)


_FORM_FIELDS = {
    "full_name": ImportField.FULL_NAME, "birth": ImportField.BIRTH, "id_number": ImportField.ID_NUMBER,
    "phone": ImportField.PHONE, "education_level": ImportField.EDUCATION,
    "id_issued_on": ImportField.ID_ISSUED_ON, "residence_since": None,
}
# From validate_member_draft's warnings, those an import reports; the rest (no residence
# date, no education) would flag every row of every list and are checked at recognition.
_KEPT_VALIDATION_WARNINGS = frozenset({
    personal_ids.LeadingZerosRestored, personal_ids.LegacyCmndNumber, personal_ids.IdGenderMismatch,
    personal_ids.IdBirthYearMismatch, phones.LeadingZeroRestored, phones.UnknownPhonePrefix,
    eligibility.OverMaximumAge, eligibility.EducationTooLow,
})
# The reason a rejected row is listed under: the first of its errors in this order.
_ERROR_ORDER = ("name_missing", "name_invalid", "date_unreadable", "date_out_of_range", "birth_missing",
                "under_18", "id_invalid", "sex_unknown", "id_duplicate_in_file", "id_in_database",
                "person_in_database", "position_taken")


def _ordered(errors: list[RowIssue]) -> tuple[RowIssue, ...]:
    rank = {code: index for index, code in enumerate(_ERROR_ORDER)}
    return tuple(sorted(errors, key=lambda issue: rank.get(issue.code, len(rank))))


def _year_only_warning(year: int, today: date) -> BirthYearOnly:
    oldest, youngest = today.year - year, today.year - year - 1
    rules = eligibility.DEFAULT_RULES
    limit = None
    if youngest < rules.minimum_age <= oldest:
        limit = rules.minimum_age
    elif youngest <= rules.maximum_age < oldest:
        limit = rules.maximum_age
    return BirthYearOnly(year, today, limit)


def _birth_of(raw: RawRow, context: ImportContext, out: _RowCollector
              ) -> tuple[BirthDate | None, ImportField | None, Gender | None]:
    values = raw.values
    present = [f for f in BIRTH_FIELDS if f in values]
    split_gender = None
    if ImportField.BIRTH_MALE in values and ImportField.BIRTH_FEMALE in values:
        out.warn(ImportField.BIRTH, BirthInBothColumns(), ImportField.BIRTH_FEMALE)
    elif ImportField.BIRTH_MALE in values:
        split_gender = Gender.MALE
    elif ImportField.BIRTH_FEMALE in values:
        split_gender = Gender.FEMALE
    if not present:
        return None, None, None
    birth_field = present[0] if ImportField.BIRTH in values else (
        ImportField.BIRTH_MALE if split_gender is Gender.MALE or ImportField.BIRTH_MALE in values
        else ImportField.BIRTH_FEMALE)
    try:
        return read_birth(values[birth_field], context.today), birth_field, split_gender
    except DomainError as error:
        out.error(ImportField.BIRTH, error, birth_field)
        return None, birth_field, split_gender


def _gender_of(raw: RawRow, split_gender: Gender | None, out: _RowCollector) -> Gender | None:
    values = raw.values
    from_marks = None
    male, female = (is_marked(values.get(ImportField.MALE_MARK)),
                    is_marked(values.get(ImportField.FEMALE_MARK)))
    if male != female:
        from_marks = Gender.MALE if male else Gender.FEMALE
    from_columns = split_gender or from_marks
    if ImportField.GENDER in values:
        stated = read_gender(values[ImportField.GENDER])
        if stated is None:
            out.warn(ImportField.GENDER, SexValueUnknown(cell_text(values[ImportField.GENDER])))
        else:
            if from_columns is not None and from_columns is not stated:
                out.warn(ImportField.GENDER, SexConflict(stated, from_columns))
            return stated
    return from_columns


def _phone_of(raw: object, out: _RowCollector) -> str | int | None:
    if raw is None or cell_text(raw) == "":
        return None
    value = raw if isinstance(raw, (int, float)) and not isinstance(raw, bool) else cell_text(raw)
    try:
        phones.normalize_optional_phone(value)
    except DomainError as error:
        out.warn(ImportField.PHONE, PhoneLeftOut(error))
        return None
    return str(int(value)) if isinstance(value, float) else str(value)


def _education_of(raw: RawRow, out: _RowCollector) -> EducationLevel | None:
    found: list[EducationLevel] = []
    for field_ in (ImportField.EDUCATION, ImportField.QUALIFICATION):
        if field_ in raw.values:
            level = read_education(raw.values[field_])
            if level is None:
                out.warn(field_, EducationUnknown(cell_text(raw.values[field_])))
            else:
                found.append(level)
    return max(found, key=lambda level: level.rank) if found else None


def _position_of(raw: RawRow, out: _RowCollector) -> Position:
    if ImportField.POSITION not in raw.columns:
        return Position.MEMBER          # the list has no position column: everyone is Tổ viên
    text = cell_text(raw.values.get(ImportField.POSITION))
    if not text:
        out.warn(ImportField.POSITION, PositionBlank())
        return Position.MEMBER
    position = read_position(text)
    if position is None:
        out.warn(ImportField.POSITION, PositionUnknown(text))
        return Position.MEMBER
    return position


def _prior_force_of(raw: RawRow, out: _RowCollector) -> PriorForce:
    text = cell_text(raw.values.get(ImportField.PRIOR_FORCE))
    if not text:
        return PriorForce.NEW
    force = read_prior_force(text)
    if force is None:
        out.warn(ImportField.PRIOR_FORCE, PriorForceUnknown(text))
        return PriorForce.NEW
    return force


def _place_of(raw: RawRow, context: ImportContext, out: _RowCollector) -> tuple[str, str]:
    in_column = tidy_place_name(cell_text(raw.values.get(ImportField.HAMLET)))
    in_group = raw.group_hamlet
    if in_column and in_group and place_key(in_column) != place_key(in_group):
        out.warn(ImportField.HAMLET, HamletConflict(in_column, in_group))
    hamlet = in_column or in_group
    if not hamlet:
        out.warn(ImportField.HAMLET, HamletMissing(), ImportField.FULL_NAME)
        return "", ""
    key = place_key(hamlet)
    hamlet = context.hamlet_names.get(key, hamlet)
    team = tidy_place_name(cell_text(raw.values.get(ImportField.TEAM))) or raw.group_team \
        or context.hamlet_teams.get(key) or default_team_name(hamlet)
    return hamlet, team


def _reject_duplicate_ids(raws: Sequence[RawRow], rows: list[CheckedRow]) -> list[CheckedRow]:
    # Every row sharing an ID is rejected: which of them holds the right number is for a
    # person to decide, and guessing would let a wrong ID in silently.
    by_number: dict[str, list[int]] = defaultdict(list)
    for index, row in enumerate(rows):
        number = _clean_id_of(row)
        if number:
            by_number[number].append(index)
    for number, indexes in by_number.items():
        if len(indexes) < 2:
            continue
        lines = tuple(rows[i].row for i in indexes)
        for i in indexes:
            others = tuple(line for line in lines if line != rows[i].row)
            rows[i] = _with_error(rows[i], raws[i], ImportField.ID_NUMBER, DuplicateIdInFile(number, others))
    return rows


def _clean_id_of(row: CheckedRow) -> str | None:
    return row.id_number


def _reject_database_duplicates(raws: Sequence[RawRow], rows: list[CheckedRow],
                                context: ImportContext) -> list[CheckedRow]:
    for index, row in enumerate(rows):
        if row.member is None:
            continue
        draft = row.member.draft
        if draft.id_number and draft.id_number in context.existing_ids:
            rows[index] = _with_error(row, raws[index], ImportField.ID_NUMBER,
                                      IdAlreadyInDatabase(draft.id_number, context.existing_ids[draft.id_number]))
        elif not draft.id_number:
            key = (vn_text.fold(draft.full_name), draft.birth.iso() or "")
            if key in context.existing_people:
                rows[index] = _with_error(row, raws[index], ImportField.FULL_NAME,
                                          PersonAlreadyInDatabase(draft.full_name, draft.birth.iso() or ""))
    return rows


def _reject_taken_positions(raws: Sequence[RawRow], rows: list[CheckedRow],
                            context: ImportContext) -> list[CheckedRow]:
    holders: dict[tuple[str, Position], tuple[str, int | None]] = {
        key: (name, None) for key, name in context.taken_positions.items()}
    for index, row in enumerate(rows):
        member = row.member
        if member is None or not member.team_name or member.position is Position.MEMBER:
            continue
        key = (place_key(member.team_name), member.position)
        if key in holders:
            holder, holder_row = holders[key]
            rows[index] = _with_error(row, raws[index], ImportField.POSITION,
                                      PositionTakenInTeam(member.team_name, member.position, holder, holder_row))
        else:
            holders[key] = (member.draft.full_name, row.row)
    return rows


def _with_error(row: CheckedRow, raw: RawRow, field_: ImportField, error: DomainError) -> CheckedRow:
    issue = RowIssue(raw.sheet, raw.row, field_, raw.columns.get(field_), error)
    return replace(row, member=None, errors=_ordered([*row.errors, issue]))


def iter_issues(rows: Iterable[CheckedRow]) -> Iterable[tuple[CheckedRow, RowIssue, bool]]:
    """Every error and warning of the rows: (row, issue, is_error)."""
    for row in rows:
        for issue in row.errors:
            yield row, issue, True
        for issue in row.warnings:
            yield row, issue, False


# --- Applying: the recognition decision and the import history ---------------------------------

_DECISION_NUMBER = re.compile(r"^(\d{1,5})\s*/\s*(\S.*)$")


class ImportMode(str, Enum):
    ACTIVE = "active"          # recognised by a decision the user names (number and date)
    PROPOSED = "proposed"      # đề nghị công nhận: a draft recognition decision lists them


class BatchState(str, Enum):
    APPLIED = "applied"
    UNDONE = "undone"


@error_dataclass
class DecisionNumberInvalid(DomainError):
    text: str


@error_dataclass
class DecisionDateInFuture(DomainError):
    signed_on: date
    today: date


@error_dataclass
class DecisionNumberUsed(DomainError):
    """Another decision of that year already has the number; only an earlier import's
    recognition decision with the same number and date may be named again."""

    number: str
    year: int


@dataclass(frozen=True, slots=True)
class Recognition:
    """The recognition decision that made the listed members active: "45/QĐ-UBND", 01/07/2024."""

    number: str
    signed_on: date

    @property
    def sequence(self) -> int:
        return int(_DECISION_NUMBER.match(self.number).group(1))


def recognition(number: str, signed_on: date, today: date) -> Recognition:
    """The decision the user names, cleaned ("45 / QĐ-UBND" → "45/QĐ-UBND"); raises when unusable."""
    text = vn_text.normalize_text(number)
    match = _DECISION_NUMBER.match(text)
    if not match or int(match.group(1)) == 0:
        raise DecisionNumberInvalid(number)
    if signed_on > today:
        raise DecisionDateInFuture(signed_on, today)
    # Numbered as issue #4 numbers decisions: at least two digits ("05/QĐ-UBND").
    return Recognition(f"{int(match.group(1)):02d}/{match.group(2).replace(' ', '')}", signed_on)


@dataclass(frozen=True, slots=True)
class ImportBatch:
    """One applied import, kept so it can be undone as one step."""

    id: str
    unit_code: str
    file_name: str
    file_sha256: str
    sheet_name: str
    mode: ImportMode
    imported_at: datetime
    imported_by: str
    accepted: int = 0
    rejected: int = 0
    warnings: int = 0
    decision_id: str | None = None
    decision_number: str = ""
    created: Mapping[str, Sequence[str]] = field(default_factory=dict)
    state: BatchState = BatchState.APPLIED
    undone_at: datetime | None = None
    undone_by: str = ""

    @property
    def member_count(self) -> int:
        return len(self.created.get("members", ()))


@error_dataclass
class ImportAlreadyUndone(DomainError):
    file_name: str


@error_dataclass
class ImportCannotBeUndone(DomainError):
    """Records made since refer to what the import created (payroll, certificates, decisions…)."""

    file_name: str
    references: tuple[tuple[str, int], ...]      # (table, how many rows)


@error_dataclass
class ImportOutdated(DomainError):
    """The file or the database changed between the check and the confirmation."""

    file_name: str
    reason: str        # "file" / "database"


@error_dataclass
class NothingToImport(DomainError):
    file_name: str
