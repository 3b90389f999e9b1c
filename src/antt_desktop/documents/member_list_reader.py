"""Reading a hand-made member list (.xlsx): find the header, map the columns, keep the data rows.

Real lists differ (`samples/peers/README.md`): title rows above the header, two-level headers
with the birth date split into "Nam"/"Nữ" columns, a column-number row, hamlet group rows
("I. THÔN 1"), totals and a signature block under the data, several sheets. The reader
hands back raw cell values per field; `domain.member_import` checks them.

Like every reader (STYLE §6) it returns records and problems and never raises on bad input:
a file it cannot read gives one problem with no row (`MemberListReading.is_readable` is
False) and no records.
"""

from __future__ import annotations

import warnings
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from antt_desktop.domain import vn_text
from antt_desktop.domain.errors import DomainError, error_dataclass
from antt_desktop.domain.member_import import (
    BIRTH_FIELDS,
    HEADER_SEARCH_ROWS,
    ColumnMapping,
    ImportField,
    RawRow,
    cell_text,
    field_for_header,
    group_heading,
    is_footer_text,
    is_total_text,
    sub_header_gender,
)
from antt_desktop.domain.people import Gender

PREVIEW_ROWS = 30
MAX_COLUMNS = 80        # wider rows are someone's notes far to the right; never member fields

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# An OOXML file saved with a password is an OLE container holding this stream.
_ENCRYPTION_STREAM = "EncryptionInfo".encode("utf-16-le")
_EXCEL_ERRORS = frozenset({"#N/A", "#VALUE!", "#REF!", "#DIV/0!", "#NAME?", "#NUM!", "#NULL!"})


# --- Problems --------------------------------------------------------------------------------


@error_dataclass
class WorkbookProblem(DomainError):
    """The file as a whole cannot be read; nothing in it is imported."""


@error_dataclass
class WorkbookNotFound(WorkbookProblem):
    path: str


@error_dataclass
class NotAnExcelWorkbook(WorkbookProblem):
    """Not an .xlsx at all: text, a web page, another program's file, renamed."""

    file_name: str
    looks_like: str = ""       # "text", "html", "zip", "" (unknown)


@error_dataclass
class LegacyXlsWorkbook(WorkbookProblem):
    """Excel 97–2003 (.xls, BIFF8): read only after saving it as .xlsx."""

    file_name: str


@error_dataclass
class EncryptedWorkbook(WorkbookProblem):
    file_name: str


@error_dataclass
class DamagedWorkbook(WorkbookProblem):
    """A zip that ends early or an .xlsx whose parts cannot be parsed."""

    file_name: str
    detail: str = ""


@error_dataclass
class SheetNotFound(WorkbookProblem):
    sheet: str
    available: tuple[str, ...]


@error_dataclass
class EmptySheet(WorkbookProblem):
    sheet: str


@error_dataclass
class HeaderNotFound(WorkbookProblem):
    sheet: str
    rows_searched: int = HEADER_SEARCH_ROWS


@error_dataclass
class RequiredColumnMissing(WorkbookProblem):
    sheet: str
    missing: ImportField
    header_row: int


@error_dataclass
class NoMemberRows(WorkbookProblem):
    """The header is there but no row under it holds a member."""

    sheet: str
    header_row: int


@dataclass(frozen=True, slots=True)
class ReadProblem:
    """What the reader could not read, and where: sheet, row and column (1-based) when known."""

    sheet: str
    row: int | None
    column: int | None
    error: DomainError

    @property
    def is_fatal(self) -> bool:
        return isinstance(self.error, WorkbookProblem)


@dataclass(frozen=True, slots=True)
class SheetInfo:
    name: str
    is_hidden: bool
    header_row: int | None       # where a member-list header was found in the first 20 rows
    has_rows: bool = False       # a name under that header within the first rows (not an empty template)

    @property
    def looks_like_member_list(self) -> bool:
        return self.header_row is not None


class SkippedKind:
    BLANK = "blank"
    COLUMN_NUMBERS = "column_numbers"
    GROUP = "group"
    HEADING = "heading"
    REPEATED_HEADER = "repeated_header"
    TOTAL = "total"
    FOOTER = "footer"


@dataclass(frozen=True)
class MemberListReading:
    """A sheet read: its detected mapping, the member rows and the problems found."""

    path: Path
    sheets: tuple[SheetInfo, ...] = ()
    sheet: str | None = None
    mapping: ColumnMapping | None = None
    records: tuple[RawRow, ...] = ()
    problems: tuple[ReadProblem, ...] = ()
    preview: tuple[tuple[str, ...], ...] = ()          # the first rows as text, for the mapping screen
    skipped: tuple[tuple[int, str], ...] = ()           # (row, SkippedKind) of rows that are no member
    detected: ColumnMapping | None = None               # what the reader found, before any correction

    @property
    def is_readable(self) -> bool:
        return self.mapping is not None and not any(p.is_fatal for p in self.problems)

    @property
    def candidate_sheets(self) -> tuple[SheetInfo, ...]:
        return tuple(s for s in self.sheets if s.looks_like_member_list and not s.is_hidden)


# --- Reading ---------------------------------------------------------------------------------


def read_member_list(path: Path | str, *, sheet: str | None = None,
                     mapping: ColumnMapping | None = None) -> MemberListReading:
    """Read `sheet` (default: the first visible sheet that looks like a member list).

    `mapping` replaces the detected one (the user corrected it on the mapping screen).
    """
    path = Path(path)
    workbook, problem, handle = _open_workbook(path)
    if problem is not None:
        return MemberListReading(path, problems=(ReadProblem("", None, None, problem),))
    try:
        with warnings.catch_warnings():
            # "Data Validation extension is not supported": dropdown lists, not our data.
            warnings.simplefilter("ignore")
            return _read_open_workbook(path, workbook, sheet, mapping)
    except Exception as error:  # noqa: BLE001 — a malformed part found while iterating
        return MemberListReading(path, problems=(
            ReadProblem(sheet or "", None, None, DamagedWorkbook(path.name, _short(error))),))
    finally:
        workbook.close()
        handle.close()


def _read_open_workbook(path: Path, workbook, sheet: str | None,
                        mapping: ColumnMapping | None) -> MemberListReading:
    sheets: list[SheetInfo] = []
    first_rows: dict[str, list[tuple]] = {}
    for worksheet in workbook.worksheets:
        rows = _rows(worksheet, limit=max(HEADER_SEARCH_ROWS + 2, PREVIEW_ROWS))
        first_rows[worksheet.title] = rows
        detected = detect_mapping(rows)
        sheets.append(SheetInfo(worksheet.title, worksheet.sheet_state != "visible",
                                detected.header_row if detected else None,
                                detected is not None and _has_names(rows, detected)))
    names = tuple(s.name for s in sheets)
    if sheet is not None and sheet not in names:
        folded = {vn_text.fold(name).strip(): name for name in names}
        sheet = folded.get(vn_text.fold(sheet).strip(), sheet)
    if sheet is not None and sheet not in names:
        return MemberListReading(path, tuple(sheets), problems=(
            ReadProblem(sheet, None, None, SheetNotFound(sheet, names)),))
    if sheet is None:
        sheet = _default_sheet(sheets)
    worksheet = workbook[sheet]
    preview = tuple(tuple(cell_text(v) for v in row[:MAX_COLUMNS]) for row in first_rows[sheet][:PREVIEW_ROWS])
    detected = detect_mapping(first_rows[sheet])
    base = MemberListReading(path, tuple(sheets), sheet, preview=_trim_preview(preview), detected=detected)

    if not any(_non_blank(v) for row in first_rows[sheet] for v in row):
        all_rows = _rows(worksheet)
        if not any(_non_blank(v) for row in all_rows for v in row):
            return _with(base, problems=(ReadProblem(sheet, None, None, EmptySheet(sheet)),))
    chosen = mapping or detected
    if chosen is None:
        return _with(base, problems=(ReadProblem(sheet, None, None, HeaderNotFound(sheet)),))
    missing = chosen.missing_required()
    if missing:
        return _with(base, mapping=chosen, problems=tuple(
            ReadProblem(sheet, chosen.header_row, None, RequiredColumnMissing(sheet, field_, chosen.header_row))
            for field_ in missing))
    records, skipped = _data_rows(sheet, _rows(worksheet), chosen)
    problems: tuple[ReadProblem, ...] = ()
    if not records:
        problems = (ReadProblem(sheet, chosen.header_row, None, NoMemberRows(sheet, chosen.header_row)),)
    return _with(base, mapping=chosen, records=tuple(records), skipped=tuple(skipped), problems=problems)


def _with(reading: MemberListReading, **changes) -> MemberListReading:
    from dataclasses import replace

    return replace(reading, **changes)


def _has_names(rows: list[tuple], mapping: ColumnMapping) -> bool:
    name_column = mapping.column_of(ImportField.FULL_NAME)
    return any(isinstance(_value(row, name_column), str) for row in rows[mapping.data_row - 1:])


def _default_sheet(sheets: list[SheetInfo]) -> str:
    """The first visible sheet that looks like a filled member list; an empty template
    (the header and STT 1–10, no names) only when no sheet has names."""
    for wanted in (True, False):
        for info in sheets:
            if info.looks_like_member_list and not info.is_hidden and info.has_rows >= wanted:
                return info.name
    for info in sheets:
        if not info.is_hidden:
            return info.name
    return sheets[0].name


def _open_workbook(path: Path):
    """(workbook, None, handle) or (None, problem, None). Looks at the bytes, not the extension:
    an .xls holding xlsx content reads fine; a renamed text file does not."""
    if not path.is_file():
        return None, WorkbookNotFound(str(path)), None
    try:
        with open(path, "rb") as probe:
            head = probe.read(8)
    except OSError as error:
        return None, DamagedWorkbook(path.name, _short(error)), None
    if head.startswith(_OLE_MAGIC):
        data = path.read_bytes()
        if _ENCRYPTION_STREAM in data:
            return None, EncryptedWorkbook(path.name), None
        return None, LegacyXlsWorkbook(path.name), None
    if not head.startswith(_ZIP_MAGIC):
        return None, NotAnExcelWorkbook(path.name, _looks_like(path)), None
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            broken = archive.testzip()
    except (zipfile.BadZipFile, EOFError, OSError, zlib.error, NotImplementedError, ValueError) as error:
        # zlib.error: a damaged deflate stream; NotImplementedError: an unknown compression (#8)
        return None, DamagedWorkbook(path.name, _short(error)), None
    if broken is not None:
        return None, DamagedWorkbook(path.name, f"phần «{broken}» bị hỏng"), None
    if "xl/workbook.xml" not in names and not any(n.endswith("/workbook.xml") for n in names):
        return None, NotAnExcelWorkbook(path.name, "zip"), None
    import openpyxl

    handle = open(path, "rb")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            workbook = openpyxl.load_workbook(handle, read_only=True, data_only=True)
    except Exception as error:  # noqa: BLE001 — openpyxl raises many kinds on a bad part
        handle.close()
        return None, DamagedWorkbook(path.name, _short(error)), None
    return workbook, None, handle


def _looks_like(path: Path) -> str:
    try:
        head = path.read_bytes()[:2048]
    except OSError:
        return ""
    text = head.decode("utf-8", errors="ignore").lower()
    if "<html" in text or "<table" in text or "<!doctype" in text:
        return "html"
    if head and sum(32 <= b < 127 or b in (9, 10, 13) or b >= 128 for b in head) > 0.95 * len(head):
        return "text"
    return ""


def _short(error: BaseException) -> str:
    text = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    return text[:200]


def _rows(worksheet, limit: int | None = None) -> list[tuple]:
    try:
        worksheet.reset_dimensions()   # some writers leave a wrong <dimension>; read every cell
    except AttributeError:
        pass
    rows = []
    for index, row in enumerate(worksheet.iter_rows(values_only=True), start=1):
        rows.append(tuple(row[:MAX_COLUMNS]))
        if limit is not None and index >= limit:
            break
    return rows


def _trim_preview(preview: tuple[tuple[str, ...], ...]) -> tuple[tuple[str, ...], ...]:
    width = max((max((i + 1 for i, v in enumerate(row) if v), default=0) for row in preview), default=0)
    return tuple(tuple(row[:width]) + ("",) * (width - len(row[:width])) for row in preview)


def _non_blank(value: object) -> bool:
    if value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip()) and value.strip() not in _EXCEL_ERRORS
    return True


def _value(row: tuple, column: int) -> object:
    """The cell at 1-based `column`; None when blank or an Excel error (#N/A: a VLOOKUP leftover)."""
    if column > len(row):
        return None
    value = row[column - 1]
    if isinstance(value, str):
        value = value.strip()
        if not value or value in _EXCEL_ERRORS:
            return None
    return value


# --- Header detection ------------------------------------------------------------------------


def detect_mapping(rows: list[tuple]) -> ColumnMapping | None:
    """The header row in the first 20 rows with the most recognised columns (a name column
    among them), with its sub-header row if the birth date or the sex is split by Nam/Nữ."""
    best: tuple[int, int, dict[int, ImportField]] | None = None
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        fields = _header_fields(row)
        if ImportField.FULL_NAME not in fields.values() or len(set(fields.values())) < 2:
            continue
        score = len(set(fields.values()))
        if best is None or score > best[0]:
            best = (score, index, fields)
    if best is None:
        return None
    _, index, fields = best
    header_row = index + 1
    headers = {c: cell_text(_value(rows[index], c)) for c in range(1, len(rows[index]) + 1)
               if _value(rows[index], c) is not None}
    data_row = header_row + 1
    if index + 1 < len(rows) and _is_sub_header(rows[index + 1], fields):
        fields, sub_headers = _apply_sub_header(rows[index], rows[index + 1], fields)
        for column, text in sub_headers.items():
            headers[column] = f"{headers.get(column) or _parent_text(rows[index], column)} › {text}"
        data_row += 1
    columns = _unique_fields(fields)
    return ColumnMapping(header_row, data_row, tuple(sorted(columns.items())), tuple(sorted(headers.items())))


def _header_fields(row: tuple) -> dict[int, ImportField]:
    fields = {}
    for column in range(1, len(row) + 1):
        value = _value(row, column)
        if isinstance(value, str):
            found = field_for_header(value)
            if found is not None:
                fields[column] = found
    return fields


def _unique_fields(fields: dict[int, ImportField]) -> dict[int, ImportField]:
    """A field in one column only: the leftmost keeps it."""
    seen: set[ImportField] = set()
    unique = {}
    for column in sorted(fields):
        if fields[column] not in seen:
            seen.add(fields[column])
            unique[column] = fields[column]
    return unique


def _is_sub_header(row: tuple, fields: dict[int, ImportField]) -> bool:
    name_column = next(c for c, f in fields.items() if f is ImportField.FULL_NAME)
    if _value(row, name_column) is not None or _is_column_numbers(row):
        return False
    values = [_value(row, c) for c in range(1, len(row) + 1)]
    texts = [v for v in values if v is not None]
    return bool(texts) and all(isinstance(v, str) for v in texts) and any(
        sub_header_gender(v) is not None or field_for_header(v) is not None for v in texts)


def _parent_text(header: tuple, column: int) -> str:
    for candidate in range(column, 0, -1):
        value = _value(header, candidate)
        if value is not None:
            return cell_text(value)
    return ""


def _apply_sub_header(header: tuple, sub: tuple, fields: dict[int, ImportField]
                      ) -> tuple[dict[int, ImportField], dict[int, str]]:
    result = dict(fields)
    texts: dict[int, str] = {}
    for column in range(1, len(sub) + 1):
        value = _value(sub, column)
        if not isinstance(value, str):
            continue
        texts[column] = cell_text(value)
        gender = sub_header_gender(value)
        parent = field_for_header(_parent_text(header, column))
        if gender is not None and parent in (ImportField.BIRTH, ImportField.GENDER):
            if parent is ImportField.BIRTH:
                result[column] = ImportField.BIRTH_MALE if gender is Gender.MALE else ImportField.BIRTH_FEMALE
            else:
                result[column] = ImportField.MALE_MARK if gender is Gender.MALE else ImportField.FEMALE_MARK
            continue
        own = field_for_header(value)
        if own is not None:
            result[column] = own
    # The merged parent's own column now holds a child; drop the parent field if a child took it.
    split = {f for f in result.values() if f in (ImportField.BIRTH_MALE, ImportField.BIRTH_FEMALE)}
    if split:
        result = {c: f for c, f in result.items() if f is not ImportField.BIRTH}
    marks = {f for f in result.values() if f in (ImportField.MALE_MARK, ImportField.FEMALE_MARK)}
    if marks:
        result = {c: f for c, f in result.items() if f is not ImportField.GENDER}
    return result, texts


def _is_column_numbers(row: tuple) -> bool:
    """"1 2 3 4 5" or "(1) (2) (3)" under the header: at least three small numbers, nothing else."""
    values = [v for v in row if _non_blank(v)]
    if len(values) < 3:
        return False
    for value in values:
        if isinstance(value, bool):
            return False
        if isinstance(value, (int, float)):
            if not float(value).is_integer() or not 0 <= value <= 200:
                return False
            continue
        text = str(value).strip().strip("()").strip()
        if not (text.isdigit() and int(text) <= 200):
            return False
    return True


# --- Data rows -------------------------------------------------------------------------------

_DATA_FIELDS_FOR_FOOTER = (ImportField.ID_NUMBER, *BIRTH_FIELDS, ImportField.PHONE)


def _data_rows(sheet: str, rows: list[tuple], mapping: ColumnMapping
               ) -> tuple[list[RawRow], list[tuple[int, str]]]:
    records: list[RawRow] = []
    skipped: list[tuple[int, str]] = []
    columns = dict((f, c) for c, f in mapping.columns)
    field_columns = [(f, c) for c, f in mapping.columns if f is not ImportField.ORDINAL]
    name_column = columns[ImportField.FULL_NAME]
    group_hamlet, group_team = "", ""
    in_footer = False
    for index in range(mapping.data_row - 1, len(rows)):
        row = rows[index]
        number = index + 1
        if in_footer:
            skipped.append((number, SkippedKind.FOOTER if any(map(_non_blank, row)) else SkippedKind.BLANK))
            continue
        values = {f: v for f, c in field_columns if (v := _value(row, c)) is not None}
        if any(f in values for f in _DATA_FIELDS_FOR_FOOTER):
            # The common case, kept cheap: a row with a birth date, an ID or a phone is a
            # member (or a repeated header / column-number row in a long printout).
            name_value = values.get(ImportField.FULL_NAME)
            if isinstance(name_value, str) and field_for_header(name_value) is ImportField.FULL_NAME:
                skipped.append((number, SkippedKind.REPEATED_HEADER))
            elif _is_column_numbers(row):
                skipped.append((number, SkippedKind.COLUMN_NUMBERS))
            else:
                records.append(RawRow(sheet, number, values, columns, group_hamlet, group_team))
            continue
        present = [(c, v) for c in range(1, len(row) + 1) if (v := _value(row, c)) is not None]
        if not present:
            skipped.append((number, SkippedKind.BLANK))
            continue
        texts = [cell_text(v) for _, v in present if isinstance(v, str)]
        if any(is_footer_text(t) for t in texts):
            in_footer = True
            skipped.append((number, SkippedKind.FOOTER))
            continue
        if any(is_total_text(t) for t in texts[:3]):
            skipped.append((number, SkippedKind.TOTAL))
            continue
        if _is_column_numbers(row):
            skipped.append((number, SkippedKind.COLUMN_NUMBERS))
            continue
        name_value = values.get(ImportField.FULL_NAME)
        if isinstance(name_value, str) and field_for_header(name_value) is ImportField.FULL_NAME:
            skipped.append((number, SkippedKind.REPEATED_HEADER))
            continue
        if len(present) <= 2:
            heading_text = next((cell_text(v) for _, v in present if isinstance(v, str)), "")
            heading = group_heading(heading_text) if heading_text else None
            only_name = [c for c, _ in present] == [name_column]
            if heading is not None and (not only_name or len(values) == 1):
                group_hamlet, group_team = heading.hamlet, heading.team
                skipped.append((number, SkippedKind.GROUP))
                continue
            if heading_text and not only_name and name_value is None:
                skipped.append((number, SkippedKind.HEADING))    # "I. CÁN BỘ KHÔNG CHUYÊN TRÁCH"
                continue
        if not values:
            # Only the STT or columns we do not read (VLOOKUP leftovers): no member here.
            skipped.append((number, SkippedKind.BLANK))
            continue
        records.append(RawRow(sheet, number, values, columns, group_hamlet, group_team))
    return records, skipped
