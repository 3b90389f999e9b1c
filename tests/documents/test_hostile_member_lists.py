"""Hostile Excel member lists (issue #8), property-based: the reader never raises, whatever the
file holds, and an import applies all its accepted rows in one transaction or nothing at all."""

from __future__ import annotations

import io
import sqlite3
import zipfile
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from antt_desktop.documents.member_list_reader import read_member_list
from antt_desktop.domain.errors import DomainError
from antt_desktop.messages import describe

HEADERS = ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Số định danh", "Ngày cấp", "Dân tộc", "Tôn giáo",
           "Trình độ học vấn", "Chức danh", "Thôn", "Điện thoại", "Địa chỉ", "Ghi chú", "Nam", "Nữ",
           "Tổ bảo vệ ANTT", "Lực lượng trước đây", "", None]

# openpyxl itself refuses control characters in cells, so a real file never holds them.
cell_text = st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=30)
cell_values = st.one_of(
    st.none(), cell_text, st.integers(-10**13, 10**13), st.floats(allow_nan=True, allow_infinity=False),
    st.booleans(), st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 1, 1)),
    st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2100, 1, 1)),
    st.sampled_from(["#N/A", "=1/0", "=SUM(A1:A2)", "31/02/1997", "064185012345", "'001093184777", "Nam",
                     "Nữ", "Tổ trưởng", "I. THÔN 1", "Tổng cộng", "Người lập biểu", "x"]),
)
rows = st.lists(st.lists(cell_values, max_size=12), max_size=25)


def workbook_bytes(header_at: int, header: list, data: list[list], extra_sheets: int) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "DS thanh vien"
    for _ in range(header_at):
        sheet.append(["DANH SÁCH THÀNH VIÊN TỔ BẢO VỆ ANTT"])
    sheet.append(header)
    for row in data:
        sheet.append(row)
    for number in range(extra_sheets):
        workbook.create_sheet(f"Trang {number}").append(header)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def assert_read_without_raising(path: Path):
    reading = read_member_list(path)
    if not reading.is_readable:
        assert not reading.records and reading.problems
        for problem in reading.problems:
            assert not describe(problem.error).startswith("Lỗi không mong đợi"), problem.error
    return reading


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(header_at=st.integers(0, 8), header=st.lists(st.sampled_from(HEADERS), min_size=1, max_size=14),
       data=rows, extra_sheets=st.integers(0, 2))
@example(header_at=0, header=["Họ và tên", "Ngày sinh"], data=[["Nguyễn Văn An", "31/02/1997"]], extra_sheets=0)
def test_any_workbook_is_read_without_raising(tmp_path_factory, header_at, header, data, extra_sheets):
    path = tmp_path_factory.mktemp("xlsx") / "danh-sach.xlsx"
    path.write_bytes(workbook_bytes(header_at, header, data, extra_sheets))
    reading = assert_read_without_raising(path)
    assert len(reading.records) <= len(data)


@settings(max_examples=120, deadline=None)
@given(st.binary(max_size=4096), st.sampled_from(["danh-sach.xlsx", "danh-sach.xls", "ds.csv"]))
@example(b"PK\x03\x04" + b"\x00" * 100, "danh-sach.xlsx")
@example(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "danh-sach.xlsx")
def test_any_bytes_are_read_without_raising(tmp_path_factory, data, name):
    path = tmp_path_factory.mktemp("bytes") / name
    path.write_bytes(data)
    assert not assert_read_without_raising(path).is_readable


GOOD_BOOK = workbook_bytes(2, ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Số định danh", "Thôn"],
                           [[1, "Nguyễn Văn An", "04/03/1985", "Nam", "064085012345", "Thôn 1"],
                            [2, "Trần Thị Bé", date(1990, 1, 2), "Nữ", None, "Thôn 2"]], 0)


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(st.integers(0, len(GOOD_BOOK) - 1), st.integers(1, 255)), min_size=1, max_size=6))
def test_a_damaged_xlsx_is_read_without_raising(tmp_path_factory, flips):
    data = bytearray(GOOD_BOOK)
    for position, mask in flips:
        data[position] ^= mask
    path = tmp_path_factory.mktemp("flip") / "danh-sach.xlsx"
    path.write_bytes(bytes(data))
    assert_read_without_raising(path)


@settings(max_examples=60, deadline=None)
@given(st.dictionaries(st.sampled_from(["[Content_Types].xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml",
                                        "xl/sharedStrings.xml", "xl/_rels/workbook.xml.rels", "_rels/.rels",
                                        "xl/styles.xml"]),
                       st.binary(max_size=300) | st.just(b"<?xml version='1.0'?><x/>"), max_size=7))
def test_a_zip_posing_as_a_workbook_is_read_without_raising(tmp_path_factory, parts):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    path = tmp_path_factory.mktemp("zip") / "danh-sach.xlsx"
    path.write_bytes(buffer.getvalue())
    assert not assert_read_without_raising(path).is_readable


# --- the import service: all accepted rows in one transaction, or nothing ----------------------

def member_count(path: Path) -> int:
    connection = sqlite3.connect(path)
    try:
        return connection.execute("SELECT count(*) FROM members").fetchone()[0]
    finally:
        connection.close()


@pytest.fixture(scope="module")
def commune_database(tmp_path_factory):
    from tests.conftest import FakeClock
    from antt_desktop.domain.units import UnitSetup
    from antt_desktop.wiring import open_services

    path = tmp_path_factory.mktemp("commune") / "antt.sqlite"
    services = open_services(path, actor="can-bo-test", clock=FakeClock())
    services.units.set_up(UnitSetup(code="26734", name="Xã Tân Phú", province="Gia Lai"))
    services.close()
    return path


@pytest.mark.slow
@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.lists(st.lists(cell_values, min_size=6, max_size=6), min_size=1, max_size=12))
@example(data=[[1, "Nguyễn Văn An", "04/03/1985", "Nam", "064085012345", "Thôn 1"],
               [2, "Trần Thị Bé", "31/02/1997", "Nữ", "0792029432281", "Thôn 1"],
               [3, "Lê Văn Cường", date(1990, 5, 6), "Nam", None, "Thôn Mới"]])
def test_an_import_applies_every_accepted_row_or_nothing(commune_database, tmp_path_factory, data):
    from tests.conftest import FakeClock
    from antt_desktop.wiring import open_services

    path = tmp_path_factory.mktemp("import") / "danh-sach.xlsx"
    path.write_bytes(workbook_bytes(1, ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Số định danh", "Thôn"],
                                    data, 0))
    services = open_services(commune_database, actor="can-bo-test", clock=FakeClock())
    try:
        before = member_count(commune_database)
        try:
            preview = services.imports.dry_run(path)
            if not preview.is_readable or not preview.accepted:
                assert member_count(commune_database) == before
                return
            result = services.imports.run(preview)
        except DomainError as error:
            assert not describe(error).startswith("Lỗi không mong đợi"), repr(error)
            assert member_count(commune_database) == before
            return
        assert len(result.preview.accepted) > 0
        assert member_count(commune_database) == before + len(result.preview.accepted)
        assert services.audit.broken_sequences() == []
    finally:
        services.close()
