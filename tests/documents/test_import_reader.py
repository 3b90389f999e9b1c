"""Reading hand-made member lists: header anywhere, two-level headers, group rows, bad files."""

from __future__ import annotations

import shutil
import zipfile
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from antt_desktop.documents.member_list_reader import (
    DamagedWorkbook,
    EmptySheet,
    HeaderNotFound,
    LegacyXlsWorkbook,
    NoMemberRows,
    NotAnExcelWorkbook,
    RequiredColumnMissing,
    SheetNotFound,
    SkippedKind,
    WorkbookNotFound,
    read_member_list,
)
from antt_desktop.domain.member_import import ImportField as F

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "imports" / "danh-sach-to-bao-ve-antt-xa-tan-phu.xlsx"
PEERS = Path(__file__).resolve().parents[3] / "shared" / "samples" / "peers"   # not copied: see its README


def book(path: Path, sheets: dict[str, list[list]]) -> Path:
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    workbook.save(path)
    return path


def only_problem(reading):
    assert not reading.is_readable and not reading.records
    (problem,) = reading.problems
    return problem.error


def test_the_sample_list_two_level_header_groups_totals_and_footer():
    reading = read_member_list(SAMPLE)
    assert reading.is_readable and reading.sheet == "DS thanh vien"
    mapping = reading.mapping
    assert (mapping.header_row, mapping.data_row) == (6, 8)
    assert mapping.column_of(F.BIRTH_MALE) == 3 and mapping.column_of(F.BIRTH_FEMALE) == 4
    assert not mapping.has(F.BIRTH)
    assert [mapping.column_of(f) for f in (F.FULL_NAME, F.ID_NUMBER, F.POSITION, F.HAMLET, F.PHONE)] == [
        2, 5, 8, 9, 11]
    assert [r.row for r in reading.records] == [10, 11, 12, 13, 14, 16, 17, 18, 19, 21, 22, 23, 24, 25,
                                                27, 28, 29, 30, 31, 32]
    assert {r.row: r.group_hamlet for r in reading.records}[21] == "Thôn Đông"
    assert {r.row: r.group_hamlet for r in reading.records}[27] == "Tổ dân phố 4"
    skipped = dict(reading.skipped)
    assert skipped[8] == SkippedKind.COLUMN_NUMBERS and skipped[9] == SkippedKind.GROUP
    assert skipped[34] == SkippedKind.TOTAL and skipped[36] == SkippedKind.FOOTER
    assert skipped[40] == SkippedKind.FOOTER            # "Nguyễn Văn Lập" under the signature title
    assert reading.records[0].values[F.ID_NUMBER] == 1068867017   # the number cell as it is


def test_header_found_lower_down_with_other_column_names(tmp_path):
    path = book(tmp_path / "ds.xlsx", {"Ấp Phú Hòa": [
        ["CÔNG AN XÃ PHÚ HÒA"], [], [None, "DANH SÁCH"], [],
        ["TT", "Họ tên", "Năm sinh", "Giới tính", "CMND/CCCD", "Chức vụ", "Ấp", "SĐT"],
        [1, "Trần Văn Ba", 1975, "Nam", "083075000111", "TT", "Ấp Phú Hòa", "0912345678"],
    ]})
    reading = read_member_list(path)
    assert reading.mapping.header_row == 5
    (record,) = reading.records
    assert record.row == 6 and record.values[F.BIRTH] == 1975 and record.values[F.POSITION] == "TT"


def test_sex_ticked_under_a_two_level_header(tmp_path):
    path = book(tmp_path / "ds.xlsx", {"DS": [
        ["STT", "Họ và tên", "Giới tính", None, "Ngày sinh"],
        [None, None, "Nam", "Nữ"],
        [1, "Lê Thị Hoa", None, "x", "01/02/1990"],
    ]})
    reading = read_member_list(path)
    assert reading.mapping.column_of(F.MALE_MARK) == 3 and reading.mapping.column_of(F.FEMALE_MARK) == 4
    assert reading.records[0].values[F.FEMALE_MARK] == "x"


def test_group_row_in_the_name_column_and_a_section_heading(tmp_path):
    path = book(tmp_path / "ds.xlsx", {"DS": [
        ["STT", "Họ và tên", "Ngày sinh", "Chức danh"],
        [None, "Ấp Phú Hòa"],
        [1, "Võ Văn Tư", "02/03/1980", "Tổ trưởng"],
        ["I. CÁN BỘ KHÔNG CHUYÊN TRÁCH"],
        [2, "Lê Văn Năm", "02/03/1981", "Tổ viên"],
        [3],                                     # a pre-numbered empty line
    ]})
    reading = read_member_list(path)
    assert [(r.row, r.group_hamlet) for r in reading.records] == [(3, "Ấp Phú Hòa"), (5, "Ấp Phú Hòa")]
    assert dict(reading.skipped)[4] == SkippedKind.HEADING and dict(reading.skipped)[6] == SkippedKind.BLANK


def test_several_sheets_the_filled_list_is_chosen_and_any_can_be_asked_for(tmp_path):
    header = ["STT", "Họ và tên", "Ngày sinh"]
    path = book(tmp_path / "ds.xlsx", {
        "Hướng dẫn": [["Điền danh sách vào trang sau"]],
        "Mẫu trống": [header, [1], [2]],
        "Thôn 2": [header, [1, "Lê Văn An", "01/01/1980"]],
    })
    reading = read_member_list(path)
    assert reading.sheet == "Thôn 2" and len(reading.records) == 1
    assert [s.name for s in reading.candidate_sheets] == ["Mẫu trống", "Thôn 2"]
    assert isinstance(only_problem(read_member_list(path, sheet="Mẫu trống")), NoMemberRows)
    assert read_member_list(path, sheet="thon 2").sheet == "Thôn 2"       # typed without marks
    missing = only_problem(read_member_list(path, sheet="Thôn 9"))
    assert isinstance(missing, SheetNotFound) and "Thôn 2" in missing.available


def test_the_user_corrects_the_mapping(tmp_path):
    path = book(tmp_path / "ds.xlsx", {"DS": [
        ["STT", "Họ và tên", "Ngày sinh", "Nơi sinh hoạt"],
        [1, "Lê Văn An", "01/01/1980", "Thôn 3"],
    ]})
    detected = read_member_list(path).mapping
    assert not detected.has(F.HAMLET)
    reading = read_member_list(path, mapping=detected.with_field(4, F.HAMLET))
    assert reading.records[0].values[F.HAMLET] == "Thôn 3"
    assert reading.detected == detected


def test_xlsx_content_under_an_xls_name_reads(tmp_path):
    target = tmp_path / "danh-sach.xls"
    book(tmp_path / "ds.xlsx", {"DS": [["Họ và tên", "Ngày sinh"], ["Lê Văn An", "01/01/1980"]]})
    shutil.copy(tmp_path / "ds.xlsx", target)
    assert len(read_member_list(target).records) == 1


def test_a_text_file_renamed_xlsx(tmp_path):
    path = tmp_path / "ds.xlsx"
    path.write_text("STT;Họ và tên;Ngày sinh\n1;Lê Văn An;01/01/1980\n", encoding="utf-8")
    error = only_problem(read_member_list(path))
    assert isinstance(error, NotAnExcelWorkbook) and error.looks_like == "text"


def test_a_truncated_zip(tmp_path):
    good = book(tmp_path / "good.xlsx", {"DS": [["Họ và tên", "Ngày sinh"], ["Lê Văn An", "01/01/1980"]]})
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    assert isinstance(only_problem(read_member_list(broken)), DamagedWorkbook)


def test_a_zip_that_is_not_a_workbook(tmp_path):
    path = tmp_path / "ds.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    error = only_problem(read_member_list(path))
    assert isinstance(error, NotAnExcelWorkbook) and error.looks_like == "zip"


def test_a_missing_file(tmp_path):
    assert isinstance(only_problem(read_member_list(tmp_path / "none.xlsx")), WorkbookNotFound)


@pytest.mark.skipif(not PEERS.exists(), reason="peer samples are not beside the repository")
def test_a_real_biff8_xls_asks_to_save_as_xlsx():
    error = only_problem(read_member_list(PEERS / "qltienluong-mau-danh-sach-can-bo-2018-biff8.xls"))
    assert isinstance(error, LegacyXlsWorkbook)


@pytest.mark.skipif(not PEERS.exists(), reason="peer samples are not beside the repository")
def test_a_vendor_template_reads_its_example_sheet_not_the_empty_one():
    reading = read_member_list(PEERS / "qltienluong-mau-danh-sach-can-bo-2022.xlsx")
    assert reading.sheet == "Ví dụ" and reading.mapping.header_row == 4 and len(reading.records) == 10
    empty = read_member_list(PEERS / "qltienluong-mau-danh-sach-can-bo-2022.xlsx", sheet="DANHSACH")
    assert isinstance(only_problem(empty), NoMemberRows)


@pytest.mark.skipif(not PEERS.exists(), reason="peer samples are not beside the repository")
@pytest.mark.parametrize(("name", "error"), [
    ("btxh-danh-muc-he-so-tro-cap-xa-hoi.xlsx", HeaderNotFound),
    ("tdkt-mau-danh-sach-de-nghi-khen-thuong-2023.xlsx", HeaderNotFound),
    ("qltienluong-mau-C02a-HD-bang-thanh-toan-tien-luong.xlsx", RequiredColumnMissing),
])
def test_other_peoples_files_are_refused_with_a_reason(name, error):
    assert isinstance(only_problem(read_member_list(PEERS / name)), error)


def test_no_header_row_in_the_first_twenty_rows(tmp_path):
    rows = [[f"dòng {n}"] for n in range(25)] + [["Họ và tên", "Ngày sinh"], ["Lê Văn An", "01/01/1980"]]
    error = only_problem(read_member_list(book(tmp_path / "ds.xlsx", {"DS": rows})))
    assert isinstance(error, HeaderNotFound) and error.sheet == "DS"


def test_an_empty_sheet(tmp_path):
    assert isinstance(only_problem(read_member_list(book(tmp_path / "ds.xlsx", {"Trống": []}))), EmptySheet)


def test_a_required_column_missing(tmp_path):
    path = book(tmp_path / "ds.xlsx", {"DS": [["STT", "Họ và tên", "Số CCCD"], [1, "Lê Văn An", "001080000001"]]})
    error = only_problem(read_member_list(path))
    assert isinstance(error, RequiredColumnMissing) and error.missing is F.BIRTH and error.header_row == 1


def test_excel_error_values_and_formula_only_rows_are_no_members(tmp_path):
    path = book(tmp_path / "ds.xlsx", {"DS": [
        ["STT", "Họ và tên", "Ngày sinh", "Mã"],
        [1, "Lê Văn An", datetime(1980, 1, 1), "#N/A"],
        [None, "#N/A", "#N/A", "#N/A"],
    ]})
    reading = read_member_list(path)
    assert [r.row for r in reading.records] == [2]
