"""Printed documents after the QA review of December 2026 (findings 7, 8, 9, 11, 12, 14):
the signature keeps company on the last page, the annual .docx carries page numbers and the
NĐ 30/2020 rules, the periodic report uses the common header and names its recipients, the
member workbook says who it counts, the annual report stops at its date, BM1 ends with TỔNG CỘNG."""

from __future__ import annotations

import re
import zipfile
from collections import Counter
from datetime import date

import openpyxl
import pytest
from pypdf import PdfReader

from antt_desktop.documents import bm1_layout
from antt_desktop.documents.annual_report_content import compose, month_label
from antt_desktop.documents.annual_report_docx import write_annual_report_docx
from antt_desktop.documents.annual_report_pdf import write_annual_report_pdf
from antt_desktop.documents.bm1_pdf import write_bm1_pdf
from antt_desktop.documents.bm1_xlsx import FIRST_BODY_ROW, HEADER_ROW, write_bm1_xlsx
from antt_desktop.documents.member_list_pdf import write_member_list_pdf
from antt_desktop.documents.member_list_xlsx import write_member_list_xlsx
from antt_desktop.documents.periodic_report_pdf import write_periodic_report_pdf
from antt_desktop.domain.annual_report import MonthLine, ReportHeading, YearRecords, summarize_year
from antt_desktop.domain.bm1 import (
    Bm1Period,
    CommuneFacts,
    MemberFacts,
    annual_period,
    build_report,
    monthly_period,
    period_until,
)
from antt_desktop.domain.official_documents import (
    Align,
    DocumentList,
    ListSection,
    ListColumn,
    OfficialDocument,
    Orientation,
    Paragraph,
    SignatureBlock,
)
from antt_desktop.domain.people import EducationLevel, Gender, MemberStatus, Position
from antt_desktop.domain.reports import (
    Issuer,
    ReportMember,
    TeamLine,
    build_periodic_report,
    parse_period,
    report_recipients,
)

ON = date(2026, 12, 6)


def pdf_pages(path) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(path).pages]


# --- 14: BM1 ends with TỔNG CỘNG, for one commune too ------------------------------------------


def commune(code: str, name: str, size: int) -> CommuneFacts:
    members = tuple(
        MemberFacts(f"{code}-{i}", f"Người {i}", Gender.MALE if i % 3 else Gender.FEMALE, MemberStatus.ACTIVE,
                    date(1970 + i % 30, 1, 1), None, EducationLevel.LOWER_SECONDARY, "Kinh", date(2024, 7, 5))
        for i in range(size))
    return CommuneFacts(code, name, members)


PERIOD = Bm1Period(date(2026, 10, 15), date(2026, 11, 14))
HEADING = ReportHeading(unit_name="Công an xã Tân Phú", higher_unit_name="Công an tỉnh Gia Lai",
                        place_name="Tân Phú", made_on=date(2026, 11, 22), signer_name="Trần Quốc Tuấn")


def test_a_commune_bm1_ends_with_the_total_row_in_excel_and_pdf(tmp_path):
    report = build_report([commune("A", "Xã Tân Phú", 9)], PERIOD, {}, with_total=False)
    assert report.total is None                        # the data (and `--json`) keep one row a commune
    rows = bm1_layout.body_rows(report)
    assert [row[1] for row in rows] == ["Xã Tân Phú", "TỔNG CỘNG"] and rows[1][2:] == rows[0][2:]

    sheet = openpyxl.load_workbook(write_bm1_xlsx(report, HEADING, tmp_path / "bm1.xlsx"))["BM1"]
    assert sheet.cell(FIRST_BODY_ROW + 1, 2).value == "TỔNG CỘNG" and sheet.cell(FIRST_BODY_ROW + 1, 2).font.bold
    assert sheet.cell(FIRST_BODY_ROW + 1, 5).value == sheet.cell(FIRST_BODY_ROW, 5).value == 9
    assert sheet.cell(FIRST_BODY_ROW + 1, 1).border.bottom.style == "thin"      # inside the grid
    headers = [c.value for row in sheet.iter_rows(min_row=HEADER_ROW, max_row=HEADER_ROW + 2) for c in row]
    assert "Thôi tham gia (xin thôi, hoặc chết khi không làm nhiệm vụ) trong kỳ" in headers    # BM1.md, whole

    text = " ".join(pdf_pages(write_bm1_pdf(report, HEADING, tmp_path / "bm1.pdf")))
    assert "Xã Tân Phú" in text and "TỔNG CỘNG" in text


def test_the_province_total_is_the_sum_not_repeated(tmp_path):
    report = build_report([commune("A", "Xã Một", 4), commune("B", "Xã Hai", 5)], PERIOD, {}, with_total=True)
    rows = bm1_layout.body_rows(report)
    assert [row[1] for row in rows] == ["Xã Một", "Xã Hai", "TỔNG CỘNG"] and rows[-1][4] == 9


# --- 7: the signature never stands alone on the last page --------------------------------------


def member_list(rows: int) -> OfficialDocument:
    columns = (ListColumn("STT", 12, Align.CENTER), ListColumn("Họ và tên", 60), ListColumn("Tổ", 60))
    sections = (ListSection("Tổ bảo vệ an ninh, trật tự Thôn 1",
                                tuple((str(i), f"Người thứ {i}", "Thôn 1") for i in range(1, rows + 1))),)
    return OfficialDocument(
        parent_body="CÔNG AN TỈNH GIA LAI", body_lines=("CÔNG AN XÃ TÂN PHÚ",), number_line="",
        place_date="Tân Phú, ngày 06 tháng 12 năm 2026", type_name="DANH SÁCH",
        summary_lines=("Thành viên Tổ bảo vệ an ninh, trật tự xã Tân Phú", "(Tính đến ngày 06/12/2026)"),
        body_list=DocumentList((), "", columns, sections, Orientation.LANDSCAPE),
        paragraphs=(Paragraph(f"Tổng số: {rows:02d} người."),),
        signature=SignatureBlock(("TRƯỞNG CÔNG AN XÃ",), "Trần Quốc Tuấn"), orientation=Orientation.LANDSCAPE)


@pytest.mark.parametrize("rows", range(14, 40))
def test_the_member_list_signature_takes_the_last_rows_with_it(rows, tmp_path):
    """Whatever the length, the page with the signature also holds the last rows of the list."""
    pages = pdf_pages(write_member_list_pdf(member_list(rows), tmp_path / "ds.pdf"))
    last = pages[-1]
    assert "Trần Quốc Tuấn" in last and f"Tổng số: {rows:02d} người." in last
    assert f"Người thứ {rows}" in last and f"Người thứ {rows - 1}" in last
    everyone = " ".join(pages)
    assert all(everyone.count(f"Người thứ {i} ") == 1 for i in range(1, rows + 1))   # none lost, none twice
    if len(pages) > 1:
        assert last.split()[-1] == str(len(pages))                                   # numbered from page 2


def periodic_report(team_count: int = 11):
    members = [ReportMember(str(i), f"Người {i}", Gender.MALE, MemberStatus.ACTIVE, birth_date=date(1980, 1, 1),
                            joined_on=date(2024, 7, 1), hamlet_name="Thôn 1", team_id="t1",
                            team_name="Tổ bảo vệ ANTT Thôn 1", position=Position.MEMBER) for i in range(9)]
    teams = [TeamLine(f"Tổ bảo vệ ANTT Thôn {i}", f"Thôn {i}", 1, 1, 1 + i % 3, 3, 4)
             for i in range(1, team_count + 1)]
    issuer = Issuer("CÔNG AN XÃ TÂN PHÚ", "CÔNG AN TỈNH GIA LAI", "Tân Phú", "TRƯỞNG CÔNG AN", "Trần Quốc Tuấn",
                    recipients=report_recipients("Công an tỉnh Gia Lai", "Xã Tân Phú"))
    return build_periodic_report(members, parse_period("2026-Q3"), issuer=issuer, made_on=ON, teams=teams,
                                 hamlet_count=11)


def test_the_periodic_report_keeps_its_last_section_with_the_signature(tmp_path):
    for team_count in range(1, 31):               # the signature lands at every height of the last page
        pages = pdf_pages(write_periodic_report_pdf(periodic_report(team_count), tmp_path / "q3.pdf"))
        last = pages[-1]
        assert "Trần Quốc Tuấn" in last and "V. ĐỀ XUẤT, KIẾN NGHỊ" in last, team_count


def test_the_annual_report_pdf_keeps_its_last_section_with_the_signature(tmp_path):
    from dataclasses import replace

    report = annual_report()
    for lines in range(0, 40, 2):                  # a longer "situation" moves the signature down
        situation = "\n".join(f"Dòng tình hình thứ {i}." for i in range(lines)) or "Ổn định."
        longer = replace(report, sections={**report.sections, "situation": situation})
        pages = pdf_pages(write_annual_report_pdf(longer, tmp_path / "nam.pdf"))
        signed = next(page for page in pages if "Trần Quốc Tuấn" in page)
        assert "V. KIẾN NGHỊ, ĐỀ XUẤT" in signed and "Đề nghị cấp áo mưa." in signed, lines


# --- 9: the periodic report's header, page numbers and recipients ------------------------------


def test_the_periodic_report_names_its_recipients_and_uses_the_common_header(tmp_path):
    path = write_periodic_report_pdf(periodic_report(), tmp_path / "q3.pdf")
    pages = pdf_pages(path)
    first = pages[0]
    assert first.startswith("CÔNG AN TỈNH GIA LAI CÔNG AN XÃ TÂN PHÚ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM "
                            "Độc lập - Tự do - Hạnh phúc Số: /BC-CAX")
    assert "Tân Phú, ngày 06 tháng 12 năm 2026" in first
    text = " ".join(pages)
    assert "Công an tỉnh Gia Lai (để báo cáo);" in text and "Ủy ban nhân dân xã Tân Phú (để báo cáo);" in text
    assert "Công an cấp trên" not in text and "(Ký, ghi rõ họ tên, đóng dấu)" not in text
    data = path.read_bytes()
    assert b"<u>" not in data
    # Page numbers from page 2, 13 pt as on the decisions (was 11 pt).
    sizes = _page_number_sizes(path)
    assert sizes and set(sizes) == {13.0}


def _page_number_sizes(path) -> list[float]:
    """The font size of each page's number (a lone figure drawn in the top margin)."""
    sizes = []
    for index, page in enumerate(PdfReader(path).pages[1:], start=2):
        found = []

        def visit(text, cm, tm, font, size, found=found, index=index):
            if text.strip() == str(index) and tm[5] > 780:
                found.append(round(size * tm[0], 1))

        page.extract_text(visitor_text=visit)
        sizes.extend(found)
    return sizes


def test_report_recipients_are_named_from_the_unit_record():
    assert report_recipients("CÔNG AN TỈNH GIA LAI", "Xã Tân Phú") == (
        "Công an tỉnh Gia Lai (để báo cáo);", "Ủy ban nhân dân xã Tân Phú (để báo cáo);", "Lưu: VT.")
    assert report_recipients("Công an Thành phố Hồ Chí Minh", "Phường Bến Thành")[:2] == (
        "Công an Thành phố Hồ Chí Minh (để báo cáo);", "Ủy ban nhân dân phường Bến Thành (để báo cáo);")
    assert report_recipients("", "")[0] == "Công an cấp trên (để báo cáo);"
    assert Issuer("X").recipient_lines()[0] == "Công an cấp trên (để báo cáo);"


# --- 8: the annual .docx: page numbers, rules, no underlined motto ----------------------------


def annual_report(*, made_on: date = date(2026, 12, 10), planned_last: date | None = None):
    period = annual_period(2026)
    if planned_last is not None:
        period = period_until(period, made_on)
    bm1 = build_report([commune("A", "Xã Tân Phú", 9)], period, {}, with_total=False)
    months = []
    for month in range(1, 13):
        whole = monthly_period(2026, month)
        part = period_until(whole, made_on)
        if part is not None:
            months.append(MonthLine(part, 9, 0, 0, 9, month < 3, is_partial=part != whole))
    heading = ReportHeading(unit_name="Công an xã Tân Phú", higher_unit_name="Công an tỉnh Gia Lai",
                            place_name="Tân Phú", made_on=made_on, signer_name="Trần Quốc Tuấn")
    return summarize_year(2026, heading, bm1, months, YearRecords(), {"proposals": "Đề nghị cấp áo mưa."},
                          planned_last=planned_last)


def test_the_annual_docx_has_page_numbers_rules_and_no_underlined_motto(tmp_path):
    from docx import Document

    path = write_annual_report_docx(annual_report(), tmp_path / "nam.docx")
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name).decode() for name in archive.namelist() if name.startswith("word/")}
    headers = [text for name, text in parts.items() if name.startswith("word/header")]
    assert any("PAGE" in text and "fldChar" in text for text in headers)           # a PAGE field
    body = parts["word/document.xml"]
    assert "<w:titlePg/>" in body                                                   # none on page 1
    assert not re.search(r'<w:u w:val="(?!none)', body)                            # no text underline
    document = Document(str(path))
    assert document.sections[0].different_first_page_header_footer
    assert not document.sections[-1].different_first_page_header_footer          # the appendix is numbered
    header = document.tables[0]
    left, right = header.cell(0, 0), header.cell(0, 1)
    rules = [p for cell in (left, right) for p in cell.paragraphs
             if p._p.pPr is not None and p._p.pPr.find(
                 "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}pBdr") is not None]
    assert len(rules) == 2                                              # under the body, under the motto
    left_rule, motto_rule = rules
    box = 68
    short = box - left_rule.paragraph_format.left_indent.mm - left_rule.paragraph_format.right_indent.mm
    assert 8 < short < box / 2                                          # ⅓–½ of the name, not its width
    assert [p.text for p in left.paragraphs if p.text] == ["CÔNG AN TỈNH GIA LAI", "CÔNG AN XÃ TÂN PHÚ"]
    assert header.cell(1, 0).text.startswith("Số:") and header.cell(1, 1).text.startswith("Tân Phú, ngày")
    assert motto_rule is not None


# --- 12: the annual report stops at its date ---------------------------------------------------


def test_an_annual_report_made_before_the_year_ends_stops_at_its_date(tmp_path):
    report = annual_report(made_on=ON, planned_last=annual_period(2026).last)
    assert report.is_partial and report.period.last == ON
    content = compose(report)
    assert content.title_lines[2] == ("(Số liệu từ ngày 15/12/2025 đến ngày 06/12/2026, ngày lập báo cáo; "
                                      "kỳ báo cáo năm đến ngày 14/12/2026 chưa kết thúc)")
    text = " ".join(pdf_pages(write_annual_report_pdf(report, tmp_path / "nam.pdf")))
    assert "14/12/2026 còn" not in text and "Đến 14/12/2026" not in text
    assert "Đến 06/12/2026" in text and "Đến ngày 06/12/2026" in text
    assert "15/12/2025 – 14/01/2026" in text                            # the first month with its year
    assert "15/11 – 06/12/2026 (chưa hết kỳ)" in text and "Tạm tính đến ngày lập báo cáo" in text
    assert "15/11 – 14/12/2026" not in text


def test_an_annual_report_made_after_the_year_covers_it_all():
    report = annual_report(made_on=date(2026, 12, 20))
    assert not report.is_partial and report.period == annual_period(2026)
    assert compose(report).title_lines[2] == "(Số liệu từ ngày 15/12/2025 đến ngày 14/12/2026)"
    labels = [month_label(m) for m in report.months]
    assert labels[0] == "15/12/2025 – 14/01/2026" and labels[1] == "15/01 – 14/02/2026"
    assert labels[-1] == "15/11 – 14/12/2026"


def test_period_until():
    year = annual_period(2026)
    assert period_until(year, date(2026, 12, 14)) == year
    assert period_until(year, date(2026, 6, 1)) == Bm1Period(year.first, date(2026, 6, 1))
    assert period_until(year, date(2025, 1, 1)) is None


# --- 11: the member workbook says who it counts ------------------------------------------------


def test_the_member_workbook_counts_members_apart_from_the_others(tmp_path):
    issuer = Issuer("CÔNG AN XÃ TÂN PHÚ", "CÔNG AN TỈNH GIA LAI", "Tân Phú")

    def person(n, status):
        return ReportMember(str(n), f"Người {n}", Gender.MALE, status, birth_date=date(1980, 1, 1),
                            hamlet_name="Thôn 1", team_name="Tổ bảo vệ ANTT Thôn 1")

    def texts(members):
        path = write_member_list_xlsx(members, issuer, ON, tmp_path / "ds.xlsx")
        return [c for row in openpyxl.load_workbook(path).active.iter_rows(values_only=True) for c in row
                if isinstance(c, str)]

    members = [person(1, MemberStatus.ACTIVE), person(2, MemberStatus.ACTIVE)]
    only = texts(members)
    assert "(Tính đến ngày 06/12/2026)" in only and "Tổng cộng: 2 thành viên đang tham gia." in only
    mixed = texts(members + [person(3, MemberStatus.PROPOSED), person(4, MemberStatus.LEFT)])
    assert "(Tính đến ngày 06/12/2026; kèm người đề nghị công nhận và người đã thôi tham gia)" in mixed
    assert ("Tổng cộng: 2 thành viên đang tham gia; 1 người đề nghị công nhận (chưa là thành viên); "
            "1 người đã thôi tham gia.") in mixed
    assert Counter(t for t in mixed if t.startswith("Tổng cộng")).total() == 1
