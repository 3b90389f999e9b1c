"""Report files (issue #7 §6): Excel reopened and checked, PDF fonts and byte stability."""

from __future__ import annotations

from datetime import date

import openpyxl

from antt_desktop.documents.member_list_xlsx import write_member_list_xlsx
from antt_desktop.documents.periodic_report_pdf import write_periodic_report_pdf
from antt_desktop.documents.statistics_xlsx import write_periodic_xlsx, write_statistics_xlsx
from antt_desktop.domain.people import EducationLevel, Gender, MemberStatus, Position
from antt_desktop.domain.reports import (
    Issuer,
    MonthTotal,
    ReportMember,
    TeamLine,
    build_periodic_report,
    parse_period,
    statistics,
)

ON = date(2026, 11, 22)
ISSUER = Issuer("CÔNG AN XÃ TÂN PHÚ", "CÔNG AN TỈNH GIA LAI", "Tân Phú", "TRƯỞNG CÔNG AN", "Trần Quốc Tuấn")
MEMBERS = [
    ReportMember("1", "Lê Minh Cường", Gender.MALE, MemberStatus.ACTIVE, birth_date=date(1968, 10, 6),
                 ethnicity="Thái", education_level=EducationLevel.LOWER_SECONDARY, joined_on=date(2024, 7, 1),
                 hamlet_name="Thôn 1", team_id="t1", team_name="Tổ bảo vệ ANTT Thôn 1", position=Position.LEADER,
                 id_number="001068867017", phone="0977457446", bhyt_valid_to=date(2026, 12, 31)),
    ReportMember("2", "Phạm Thị Kim Yến", Gender.FEMALE, MemberStatus.ACTIVE, birth_year=1992, ethnicity="Kinh",
                 joined_on=date(2026, 8, 1), hamlet_name="Thôn 1", team_id="t1", team_name="Tổ bảo vệ ANTT Thôn 1",
                 position=Position.MEMBER, id_number="040192358671"),
    ReportMember("3", "Trần Văn Ba", Gender.MALE, MemberStatus.PROPOSED, birth_date=date(1990, 1, 2),
                 hamlet_name="Ấp Phú Hòa"),
]
TEAMS = [TeamLine("Tổ bảo vệ ANTT Thôn 1", "Thôn 1", 1, 0, 1, 3, 4)]


def test_statistics_workbook(tmp_path):
    out = write_statistics_xlsx(statistics(MEMBERS, ON), TEAMS, ISSUER, tmp_path / "thong-ke.xlsx")
    workbook = openpyxl.load_workbook(out)
    assert workbook.sheetnames == ["Thống kê", "Theo tổ"]
    sheet = workbook["Thống kê"]
    texts = [c.value for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    assert "CÔNG AN XÃ TÂN PHÚ" in texts and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in texts
    assert any("Theo độ tuổi" in t for t in texts) and "Trần Quốc Tuấn" in texts
    shares = [c for row in sheet.iter_rows() for c in row if c.number_format == "[$-42A]0.0%"]
    assert shares and all(isinstance(c.value, (int, float)) for c in shares)
    teams = workbook["Theo tổ"]
    row = next(r for r in teams.iter_rows(values_only=True) if r[1] == "Tổ bảo vệ ANTT Thôn 1")
    assert row[3:9] == ("3–4", 2, 1, 0, 1, "thiếu")
    assert teams.page_setup.orientation == "landscape"
    assert sheet.oddFooter.center.text == teams.oddFooter.center.text == "Trang &P/&N"   # QA finding 20


def test_periodic_workbook_and_pdf(tmp_path):
    report = build_periodic_report(MEMBERS, parse_period("2026-Q3"), issuer=ISSUER, made_on=ON, teams=TEAMS,
                                   hamlet_count=2, allowances=[MonthTotal("2026-07", 1_980_000, 0, 1)])
    workbook = openpyxl.load_workbook(write_periodic_xlsx(report, tmp_path / "bao-cao.xlsx"))
    assert workbook.sheetnames == ["Báo cáo", "Theo tổ", "Biến động"]
    values = [c.value for row in workbook["Báo cáo"].iter_rows() for c in row if c.value is not None]
    assert any("QUÝ III NĂM 2026" in str(v) for v in values) and 1_980_000 in values
    money = [c for row in workbook["Báo cáo"].iter_rows() for c in row if c.value == 1_980_000]
    assert money[0].number_format == '#,##0" đ"'
    moves = [r[1] for r in workbook["Biến động"].iter_rows(values_only=True)]
    assert "Phạm Thị Kim Yến" in moves

    first = write_periodic_report_pdf(report, tmp_path / "a.pdf").read_bytes()
    second = write_periodic_report_pdf(report, tmp_path / "b.pdf").read_bytes()
    assert first == second                                      # invariant=True
    assert b"LiberationSerif" in first and b"Helvetica" not in first


def test_member_list_keeps_ids_and_phones_as_text_and_reimports(tmp_path):
    out = write_member_list_xlsx(MEMBERS, ISSUER, ON, tmp_path / "ds.xlsx")
    sheet = openpyxl.load_workbook(out).active
    rows = {r[1].value: r for r in sheet.iter_rows(values_only=False) if isinstance(r[1].value, str)}
    cuong = rows["Lê Minh Cường"]
    assert cuong[4].value == "001068867017" and cuong[4].number_format == "@"
    assert cuong[11].value == "0977457446" and cuong[2].number_format == "dd/mm/yyyy"
    assert rows["Phạm Thị Kim Yến"][2].value == 1992
    groups = [r[0].value for r in sheet.iter_rows() if isinstance(r[0].value, str) and r[0].value[:2] in ("I.", "II")]
    assert groups == ["I. ẤP PHÚ HÒA", "II. THÔN 1"]          # hamlets in natural order

    from antt_desktop.documents.member_list_reader import read_member_list

    reading = read_member_list(out)
    assert reading.is_readable
    assert len(reading.records) == 3 and reading.records[0].group_hamlet == "Ấp Phú Hòa"
