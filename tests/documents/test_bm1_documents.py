"""BM1 to Excel and PDF, the annual report to .docx and PDF (issue #11): the layout of the form,
the numbers where they belong, Vietnamese intact, fonts embedded, byte-stable PDFs."""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import load_workbook

from antt_desktop.documents.annual_report_docx import write_annual_report_docx
from antt_desktop.documents.annual_report_pdf import write_annual_report_pdf
from antt_desktop.documents.bm1_pdf import write_bm1_pdf
from antt_desktop.documents.bm1_xlsx import FIRST_BODY_ROW, HEADER_ROW, NUMBER_ROW, write_bm1_xlsx
from antt_desktop.domain.annual_report import MonthLine, ReportHeading, YearRecords, summarize_year
from antt_desktop.domain.bm1 import Bm1Period, CommuneFacts, MemberFacts, annual_period, build_report, monthly_period
from antt_desktop.domain.people import EducationLevel, Gender, MemberStatus

PERIOD = Bm1Period(date(2026, 10, 15), date(2026, 11, 14))
HEADING = ReportHeading(unit_name="Công an tỉnh Gia Lai", higher_unit_name="Bộ Công an", place_name="Gia Lai",
                        made_on=date(2026, 11, 22), signer_name="Nguyễn Văn Giám")


def commune(code: str, name: str, size: int, *, unknown_education: int = 0) -> CommuneFacts:
    members = tuple(
        MemberFacts(f"{code}-{i}", f"Người {i}", Gender.MALE if i % 4 else Gender.FEMALE, MemberStatus.ACTIVE,
                    date(1970 + i % 30, 1, 1), None,
                    None if i < unknown_education else EducationLevel.LOWER_SECONDARY, "Kinh", date(2024, 7, 5))
        for i in range(size))
    return CommuneFacts(code, name, members)


@pytest.fixture
def province_report():
    return build_report([commune("A", "Xã Al Bá", 1200), commune("B", "Xã An Hòa", 7, unknown_education=2),
                         commune("C", "Phường Pleiku", 5)], PERIOD, {}, with_total=True, title_unit="Công an tỉnh Gia Lai")


def test_the_sheet_is_laid_out_as_the_form(province_report, tmp_path):
    path = write_bm1_xlsx(province_report, HEADING, tmp_path / "bm1.xlsx")
    sheet = load_workbook(path)["BM1"]
    assert sheet["A3"].value.startswith("THỐNG KÊ SỐ LIỆU LỰC LƯỢNG THAM GIA BẢO VỆ AN NINH")
    assert sheet["A4"].value == "Kỳ báo cáo: từ ngày 15/10/2026 đến ngày 14/11/2026"
    merged = {str(r) for r in sheet.merged_cells.ranges}
    # three header levels: a single column merges down, groups merge across
    # form column n sits in sheet column n + 1 (A is STT, B the unit's name)
    assert {"A5:A7", "B5:B7", "C5:C7", "E5:E7", "F5:N5", "F6:G6", "J6:M6", "N6:N7", "O5:P5", "O6:O7",
            "S5:T5", "W5:Z5", "W6:X6", "Y6:Z6", f"A{NUMBER_ROW}:B{NUMBER_ROW}"} <= merged
    assert sheet.cell(HEADER_ROW, 6).value == "Cơ cấu thành viên thực tế hiện có"
    assert sheet.cell(HEADER_ROW + 2, 9).value == "Từ 70 trở lên"
    assert [sheet.cell(NUMBER_ROW, c).value for c in range(3, 27)] == list(range(2, 26))
    assert sheet.cell(NUMBER_ROW, 1).value == 1
    names = [sheet.cell(FIRST_BODY_ROW + i, 2).value for i in range(4)]
    assert names == ["Xã Al Bá", "Xã An Hòa", "Phường Pleiku", "TỔNG CỘNG"]
    total = FIRST_BODY_ROW + 3
    assert sheet.cell(total, 5).value == 1212            # form column n sits in sheet column n + 1
    assert sheet.cell(FIRST_BODY_ROW, 5).number_format == "#,##0"
    assert sheet.cell(total, 2).font.bold
    assert sheet.page_setup.orientation == "landscape" and int(sheet.page_setup.paperSize) == 9
    assert sheet.page_setup.fitToWidth == 1
    texts = [sheet.cell(r, 1).value for r in range(total + 1, total + 6)]
    assert any(t and "2 thành viên chưa rõ trình độ học vấn" in t for t in texts)


def test_column_numbers_match_the_figures(province_report, tmp_path):
    sheet = load_workbook(write_bm1_xlsx(province_report, HEADING, tmp_path / "bm1.xlsx"))["BM1"]
    for column in range(3, 27):
        number = sheet.cell(NUMBER_ROW, column).value
        assert sheet.cell(FIRST_BODY_ROW, column).value == province_report.rows[0][number]
        assert sheet.cell(FIRST_BODY_ROW + 3, column).value == province_report.total[number]


def pdf_text(path) -> str:
    from pypdf import PdfReader

    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(path).pages)


def test_the_pdf_keeps_vietnamese_embeds_fonts_and_is_byte_stable(province_report, tmp_path):
    first = write_bm1_pdf(province_report, HEADING, tmp_path / "a.pdf")
    second = write_bm1_pdf(province_report, HEADING, tmp_path / "b.pdf")
    assert first.read_bytes() == second.read_bytes()
    data = first.read_bytes()
    assert b"/FontFile2" in data and b"LiberationSerif" in data
    assert b"Helvetica" not in data          # no unembedded base font selected by a table (QA finding 21)
    text = pdf_text(first)
    for expected in ("THỐNG KÊ SỐ LIỆU LỰC LƯỢNG THAM GIA BẢO VỆ AN NINH, TRẬT TỰ Ở CƠ SỞ", "Xã Al Bá",
                     "Phường Pleiku", "TỔNG CỘNG", "1.212", "Từ 70 trở lên", "chưa rõ trình độ học vấn"):
        assert expected in text


def test_a_long_sheet_repeats_its_header_on_every_page(tmp_path):
    communes = [commune(f"C{i}", f"Xã Số {i}", 3) for i in range(120)]
    report = build_report(communes, PERIOD, {}, with_total=True)
    path = write_bm1_pdf(report, HEADING, tmp_path / "long.pdf")
    from pypdf import PdfReader

    pages = PdfReader(path).pages
    assert len(pages) >= 3
    with_rows = [" ".join(page.extract_text().split()) for page in pages if "Xã Số" in page.extract_text()]
    assert len(with_rows) >= 3
    assert all("Thành viên thực tế hiện có" in text for text in with_rows)


def annual():
    facts = [commune("A", "Xã Tân Phú", 9, unknown_education=1)]
    bm1 = build_report(facts, annual_period(2026), {}, with_total=False)
    months = [MonthLine(monthly_period(2026, m), 9, 0, 0, 9, m < 3) for m in range(1, 13)]
    heading = ReportHeading(unit_name="Công an xã Tân Phú", higher_unit_name="Công an tỉnh Gia Lai",
                            place_name="Tân Phú", made_on=date(2026, 12, 10), signer_name="Trần Quốc Tuấn")
    return summarize_year(2026, heading, bm1, months, YearRecords(), {"proposals": "Đề nghị cấp áo mưa."})


def test_the_annual_report_docx_has_the_sections_and_the_bm1_appendix(tmp_path):
    from docx import Document

    path = write_annual_report_docx(annual(), tmp_path / "nam.docx")
    document = Document(str(path))
    text = "\n".join(p.text for p in document.paragraphs)
    for expected in ("BÁO CÁO", "I. TÌNH HÌNH CHUNG", "II. KẾT QUẢ", "III. ĐÁNH GIÁ CHUNG",
                     "IV. PHƯƠNG HƯỚNG", "V. KIẾN NGHỊ, ĐỀ XUẤT", "Đề nghị cấp áo mưa.", "Phụ lục"):
        assert expected in text
    cells = "\n".join(cell.text for table in document.tables for row in table.rows for cell in row.cells)
    assert "Trần Quốc Tuấn" in cells and "Chưa rõ trình độ học vấn" in cells and "Đã nộp" in cells
    appendix = document.tables[-1]
    assert appendix.cell(0, 4).text == "Thành viên thực tế hiện có"
    assert appendix.cell(2, 4).text == "Thành viên thực tế hiện có"             # merged down
    assert appendix.cell(0, 5).text == appendix.cell(0, 13).text == "Cơ cấu thành viên thực tế hiện có"
    assert document.sections[-1].orientation == 1                                    # landscape


def test_the_annual_report_pdf_reads_in_vietnamese_and_is_byte_stable(tmp_path):
    report = annual()
    first = write_annual_report_pdf(report, tmp_path / "a.pdf")
    assert first.read_bytes() == write_annual_report_pdf(report, tmp_path / "b.pdf").read_bytes()
    assert b"Helvetica" not in first.read_bytes()    # QA finding 21
    text = pdf_text(first)
    for expected in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "BÁO CÁO",
                     "Tân Phú, ngày 10 tháng 12 năm 2026", "Trần Quốc Tuấn", "Phụ lục"):
        assert expected in text
