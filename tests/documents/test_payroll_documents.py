"""The payroll sheet, budget and insurance workbooks reopened with openpyxl (values, number
formats, print setup), the PDF, and the duty-log reader on good and bad workbooks."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from antt_desktop.documents.duty_log_reader import TemplateRow, read_duty_log, write_duty_log_template
from antt_desktop.documents.payroll_pdf import write_payroll_pdf
from antt_desktop.documents.payroll_sheet import PayrollSheet, SheetHeader
from antt_desktop.documents.payroll_xlsx import write_budget_xlsx, write_payroll_xlsx
from antt_desktop.domain.payroll import (
    BudgetEstimate,
    BudgetRow,
    DutyCounts,
    DutyProblemReason,
    Month,
    PayrollLine,
    RunKind,
)
from antt_desktop.domain.people import Position

HEADER = SheetHeader("ỦY BAN NHÂN DÂN XÃ TÂN PHÚ", "CÔNG AN XÃ TÂN PHÚ", "Tân Phú", date(2026, 11, 22),
                     basis="Căn cứ Nghị quyết số 03/2024/NQ-HĐND ngày 12/06/2024 của HĐND tỉnh Bình Định",
                     chairman_name="Nguyễn Văn Hòa")


def line(member, name, position, team, rate, support, *, duty=0, bhxh=0, days=30, start=1, previous=None):
    return PayrollLine(member, name, position, team, f"Tổ bảo vệ ANTT {team}", team, date(2026, 11, start),
                       date(2026, 11, start + days - 1), days, 30, rate, support, duty, bhxh, 0,
                       previous_total_dong=previous)


LINES = [
    line("a", "Lê Công Kiên", Position.LEADER, "Thôn 1", 1_440_000, 1_440_000, bhxh=165_000),
    line("b", "Trần Minh Ân", Position.MEMBER, "Thôn 1", 1_080_000, 504_000, days=14),
    line("b", "Trần Minh Ân", Position.DEPUTY, "Thôn 1", 1_260_000, 672_000, days=16, start=15, duty=300_000),
    line("c", "Đỗ Tiến Phong", Position.MEMBER, "Thôn 2", 1_080_000, 1_080_000),
]


def cells(ws) -> list[list]:
    return [list(row) for row in ws.iter_rows(values_only=True)]


def find(rows, text) -> tuple[int, list]:
    for index, row in enumerate(rows, start=1):
        if any(isinstance(v, str) and v.startswith(text) for v in row):
            return index, row
    raise AssertionError(f"{text!r} not in the sheet")


def test_payroll_sheet_values_formats_and_print_setup(tmp_path):
    path = write_payroll_xlsx(PayrollSheet(HEADER, "11/2026", RunKind.REGULAR, LINES), tmp_path / "bang.xlsx")
    workbook = load_workbook(path, data_only=True)         # totals are formulas: read their stored results
    ws = workbook.active
    rows = cells(ws)
    assert rows[0][0] == "ỦY BAN NHÂN DÂN XÃ TÂN PHÚ" and rows[1][0] == "CÔNG AN XÃ TÂN PHÚ"
    assert rows[3][0] == ("BẢNG THANH TOÁN TIỀN HỖ TRỢ LỰC LƯỢNG THAM GIA BẢO VỆ AN NINH, TRẬT TỰ Ở CƠ SỞ "
                          "THÁNG 11/2026")
    header_row, header = find(rows, "STT")
    assert header == ["STT", "Họ và tên", "Chức danh", "Thôn/Tổ", "Mức hỗ trợ (đồng/tháng)", "Số ngày",
                      "Thành tiền", "Bồi dưỡng", "Hỗ trợ BHXH/BHYT", "Tổng cộng", "Ký nhận"]
    assert ws.print_title_rows == f"${header_row}:${header_row + 1}"
    assert (ws.page_setup.orientation, ws.page_setup.paperSize) == ("landscape", 9)
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
    assert ws.page_setup.fitToHeight == 0

    team_row, team = find(rows, "Tổ bảo vệ ANTT Thôn 1")
    first = rows[team_row]                                     # the line under the team
    assert first[:10] == [1, "Lê Công Kiên", "Tổ trưởng", "Thôn 1", 1_440_000, 30, 1_440_000, 0, 165_000,
                          1_605_000]
    for column in "EGHIJ":
        cell = ws[f"{column}{team_row + 1}"]
        assert isinstance(cell.value, int) and cell.number_format.endswith("#,##0")
    split, second = rows[team_row + 1], rows[team_row + 2]
    assert split[:7] == [2, "Trần Minh Ân", "Tổ viên (01–14/11)", "Thôn 1", 1_080_000, 14, 504_000]
    assert second[:7] == [None, "Trần Minh Ân", "Tổ phó (15–30/11)", "Thôn 1", 1_260_000, 16, 672_000]
    assert rows[team_row + 4][:2] == [3, None] or find(rows, "Đỗ Tiến Phong")[1][0] == 3   # one number a person
    _, subtotal = find(rows, "Cộng Tổ bảo vệ ANTT Thôn 1")
    assert subtotal[6:10] == [1_440_000 + 504_000 + 672_000, 300_000, 165_000, 3_081_000]
    total_row, total = find(rows, "TỔNG CỘNG")
    assert total[6:10] == [3_696_000, 300_000, 165_000, 4_161_000]
    assert ws[f"J{total_row}"].number_format.endswith("#,##0") and ws[f"J{total_row}"].font.b
    _, words = find(rows, "Số tiền bằng chữ")
    assert words[0] == "Số tiền bằng chữ: Bốn triệu một trăm sáu mươi mốt nghìn đồng."
    texts = {v for row in rows for v in row if isinstance(v, str)}
    assert {"NGƯỜI LẬP BIỂU", "KẾ TOÁN", "CHỦ TỊCH UBND", "(Ký tên, đóng dấu)", "Nguyễn Văn Hòa",
            "Tân Phú, ngày 22 tháng 11 năm 2026"} <= texts
    assert "BẢN NHÁP — chưa khóa, không dùng để chi trả" not in texts
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert "A4:K4" in merged and f"B{team_row}:K{team_row}" in merged


def test_a_draft_sheet_says_so(tmp_path):
    from dataclasses import replace

    header = replace(HEADER, is_draft=True)
    path = write_payroll_xlsx(PayrollSheet(header, "11/2026", RunKind.REGULAR, LINES), tmp_path / "nhap.xlsx")
    texts = {v for row in cells(load_workbook(path).active) for v in row if isinstance(v, str)}
    assert "BẢN NHÁP — chưa khóa, không dùng để chi trả" in texts


def test_the_supplementary_sheet_shows_the_difference(tmp_path):
    lines = [line("a", "Lê Công Kiên", Position.LEADER, "Thôn 1", 1_500_000, 60_000, previous=1_605_000),
             line("b", "Trần Minh Ân", Position.MEMBER, "Thôn 1", 1_080_000, -360_000, days=20, previous=1_080_000)]
    sheet = PayrollSheet(HEADER, "11/2026", RunKind.SUPPLEMENTARY, lines)
    rows = cells(load_workbook(write_payroll_xlsx(sheet, tmp_path / "truy.xlsx")).active)
    assert rows[3][0].startswith("BẢNG THANH TOÁN TRUY LĨNH, TRUY THU TIỀN HỖ TRỢ")
    _, header = find(rows, "STT")
    assert header[4:10] == ["Đã thanh toán", "Chênh lệch hỗ trợ", "Chênh lệch bồi dưỡng", "Chênh lệch BHXH/BHYT",
                            "Truy lĩnh", "Truy thu"]
    _, first = find(rows, "Lê Công Kiên")
    _, second = find(rows, "Trần Minh Ân")
    assert first[4:10] == [1_605_000, 60_000, 0, 0, 60_000, 0]
    assert second[4:10] == [1_080_000, -360_000, 0, 0, 0, 360_000]
    _, words = find(rows, "Số tiền truy thu bằng chữ")
    assert words[0] == "Số tiền truy thu bằng chữ: Ba trăm nghìn đồng."


def test_the_pdf_has_embedded_liberation_serif_and_is_byte_stable(tmp_path):
    sheet = PayrollSheet(HEADER, "11/2026", RunKind.REGULAR, LINES * 30)
    first = write_payroll_pdf(sheet, tmp_path / "a.pdf").read_bytes()
    second = write_payroll_pdf(sheet, tmp_path / "b.pdf").read_bytes()
    assert first.startswith(b"%PDF") and first == second
    assert b"+LiberationSerif" in first and b"Helvetica" not in first
    assert first.count(b"/Type /Page\n") >= 2          # 120 lines: more than one page


def test_budget_workbook(tmp_path):
    estimate = BudgetEstimate(2027, (BudgetRow("Hỗ trợ hằng tháng — Tổ trưởng", 7, 1_440_000, 12, 120_960_000),
                                     BudgetRow("Bồi dưỡng làm nhiệm vụ", 3, None, 12, 900_000, "Ước")),
                              (2_340_000,))
    path = write_budget_xlsx(estimate, HEADER, tmp_path / "dt.xlsx")
    rows = cells(load_workbook(path, data_only=True).active)
    assert rows[3][0].endswith("NĂM 2027")
    _, row = find(rows, "Hỗ trợ hằng tháng — Tổ trưởng")
    assert row[:6] == [1, "Hỗ trợ hằng tháng — Tổ trưởng", 7, 1_440_000, 12, 120_960_000]
    _, total = find(rows, "TỔNG CỘNG")
    assert total[5] == 121_860_000
    find(rows, "Số tiền bằng chữ: Một trăm hai mươi mốt triệu tám trăm sáu mươi nghìn đồng.")
    find(rows, "Lương cơ sở dùng để tính: 2.340.000 đồng.")
    total_row, total = find(cells(load_workbook(path).active), "TỔNG CỘNG")
    assert total[5] == f"=SUM(F{total_row - 2}:F{total_row - 1})"          # a clerk's correction adds up


def test_payroll_totals_are_formulas_that_keep_their_results(tmp_path):
    """QA #15: a clerk who corrects one amount in Excel gets totals that still add up."""
    lines = LINES + [line("d", "Phan Văn Tú", Position.MEMBER, "Thôn 2", 1_080_000, 1_080_000, bhxh=165_000)]
    path = write_payroll_xlsx(PayrollSheet(HEADER, "11/2026", RunKind.REGULAR, lines), tmp_path / "bang.xlsx")
    formulas = cells(load_workbook(path).active)
    results = cells(load_workbook(path, data_only=True).active)
    team_row, _ = find(formulas, "Tổ bảo vệ ANTT Thôn 1")
    first = team_row + 1
    assert formulas[first - 1][9] == f"=G{first}+H{first}+I{first}"         # column 6 = 3 + 4 + 5
    assert results[first - 1][9] == 1_605_000
    one_row, one = find(formulas, "Cộng Tổ bảo vệ ANTT Thôn 1")
    two_row, two = find(formulas, "Cộng Tổ bảo vệ ANTT Thôn 2")
    assert one[6:10] == [f"=SUM({c}{first}:{c}{one_row - 1})" for c in "GHIJ"]
    assert two[6:10] == [f"=SUM({c}{one_row + 2}:{c}{two_row - 1})" for c in "GHIJ"]
    total_row, total = find(formulas, "TỔNG CỘNG")
    assert total[6:10] == [f"=SUM({c}{one_row},{c}{two_row})" for c in "GHIJ"]
    assert one[4] is None and one[5] is None                                   # no sum of rates or days
    _, cached = find(results, "TỔNG CỘNG")
    assert cached[6:10] == [4_776_000, 300_000, 330_000, 5_406_000]
    _, words = find(results, "Số tiền bằng chữ")                                # words stay text
    assert words[0] == "Số tiền bằng chữ: Năm triệu bốn trăm linh sáu nghìn đồng."

    # The supplementary sheet: subtotals and total are formulas too, the lines plain amounts.
    back = [line("a", "Lê Công Kiên", Position.LEADER, "Thôn 1", 1_500_000, 60_000, previous=1_605_000),
            line("b", "Trần Minh Ân", Position.MEMBER, "Thôn 1", 1_080_000, -360_000, days=20, previous=1_080_000)]
    path = write_payroll_xlsx(PayrollSheet(HEADER, "11/2026", RunKind.SUPPLEMENTARY, back), tmp_path / "truy.xlsx")
    formulas = cells(load_workbook(path).active)
    sub_row, sub = find(formulas, "Cộng Tổ bảo vệ ANTT Thôn 1")
    assert sub[8:10] == [f"=SUM(I{sub_row - 2}:I{sub_row - 1})", f"=SUM(J{sub_row - 2}:J{sub_row - 1})"]
    assert find(formulas, "Lê Công Kiên")[1][8] == 60_000
    assert find(cells(load_workbook(path, data_only=True).active), "TỔNG CỘNG")[1][8:10] == [60_000, 360_000]


def test_the_grand_total_formula_stays_within_excel_limits():
    from antt_desktop.documents.payroll_xlsx import FORMULA_LIMIT, total_formula

    assert total_formula("J", [20]) == "=SUM(J20)"
    many = total_formula("J", list(range(10, 10 + 300 * 3, 3)))            # 300 teams: two SUMs of ≤ 255
    assert many.startswith("=SUM(J10,") and many.count("SUM(") == 2 and len(many) <= FORMULA_LIMIT
    huge = total_formula("J", list(range(10, 10 + 2000 * 3, 3)), first=9, last=6100)
    assert huge == '=SUMIF(B9:B6100,"Cộng *",J9:J6100)'


# --------------------------------------------------------------------------- duty log reader

NOV = Month(2026, 11)


def test_template_then_reader_round_trip(tmp_path):
    rows = [TemplateRow("id-1", "Lê Công Kiên", "Tổ bảo vệ ANTT Thôn 1", "Tổ trưởng"),
            TemplateRow("id-2", "Trần Minh Ân", "Tổ bảo vệ ANTT Thôn 1", "Tổ phó", DutyCounts(nights=2))]
    path = write_duty_log_template(tmp_path / "mau.xlsx", month=NOV, unit_name="Công an Xã Tân Phú", rows=rows)
    workbook = load_workbook(path)
    ws = workbook.active
    assert ws.column_dimensions["K"].hidden and ws["K5"].value == "Mã thành viên"
    ws["F6"] = 4
    workbook.save(path)
    records, problems = read_duty_log(path, month=NOV)
    assert problems == []
    assert [(r.member_id, r.row, r.counts) for r in records] == [
        ("id-1", 6, DutyCounts(long_duty_days=4)), ("id-2", 7, DutyCounts(nights=2))]


def workbook_with(tmp_path: Path, header: list, *rows, title="Sổ trực tháng 11/2026") -> Path:
    workbook = Workbook()
    ws = workbook.active
    ws.title = "Tháng 11"
    ws.append([title])
    ws.append(header)
    for row in rows:
        ws.append(list(row))
    path = tmp_path / "so.xlsx"
    workbook.save(path)
    return path


def test_free_headers_are_recognised(tmp_path):
    path = workbook_with(tmp_path, ["TT", "Họ tên", "Số đêm trực", "Ngày lễ, tết", "Tập huấn", "Ngày trực ≥ 4 giờ",
                                    "Địa bàn đặc thù", "Độc hại"],
                         [1, "  Lê   Công Kiên ", 3, "2", 1.0, None, 0, None])
    records, problems = read_duty_log(path, month=NOV)
    assert problems == []
    (record,) = records
    assert record.full_name == "Lê Công Kiên"
    assert record.counts == DutyCounts(nights=3, holidays=2, training_days=1)


@pytest.mark.parametrize("row, reason, column", [
    ([1, "A", "x"], DutyProblemReason.NOT_A_WHOLE_NUMBER, "C"),
    ([1, "A", 1.5], DutyProblemReason.NOT_A_WHOLE_NUMBER, "C"),
    ([1, "A", True], DutyProblemReason.NOT_A_WHOLE_NUMBER, "C"),
    ([1, "A", -2], DutyProblemReason.NEGATIVE, "C"),
    ([1, "A", 31], DutyProblemReason.TOO_MANY, "C"),          # November has 30 days
    ([1, None, 2], DutyProblemReason.NAME_MISSING, "B"),
])
def test_each_bad_cell_is_named_by_sheet_row_and_column(tmp_path, row, reason, column):
    path = workbook_with(tmp_path, ["STT", "Họ và tên", "Số đêm trực"], [1, "B", 1], row)
    records, problems = read_duty_log(path, month=NOV)
    (problem,) = problems
    assert (problem.sheet, problem.row, problem.column, problem.reason) == ("Tháng 11", 4, column, reason)
    assert [r.full_name for r in records] == ["B"]


def test_blank_rows_and_signature_lines_are_skipped(tmp_path):
    path = workbook_with(tmp_path, ["STT", "Họ và tên", "Số đêm trực"], [1, "A", 2], [None, None, None],
                         [None, "Người lập biểu", None])
    records, problems = read_duty_log(path, month=NOV)
    assert problems == [] and [r.full_name for r in records] == ["A"]


def test_wrong_month_in_the_title(tmp_path):
    path = workbook_with(tmp_path, ["STT", "Họ và tên", "Số đêm trực"], [1, "A", 2], title="SỔ TRỰC THÁNG 12/2026")
    _, problems = read_duty_log(path, month=NOV)
    assert [(p.row, p.reason, p.value) for p in problems] == [(1, DutyProblemReason.MONTH_MISMATCH, "12/2026")]


@pytest.mark.parametrize("content, reason", [
    (b"PK\x03\x04 not really a zip", DutyProblemReason.UNREADABLE_FILE),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, DutyProblemReason.OLD_XLS_FORMAT),
    (b"", DutyProblemReason.UNREADABLE_FILE),
])
def test_files_that_are_not_workbooks(tmp_path, content, reason):
    path = tmp_path / "so.xlsx"
    path.write_bytes(content)
    records, problems = read_duty_log(path, month=NOV)
    assert records == [] and [(p.row, p.reason) for p in problems] == [(0, reason)]


def test_a_missing_file(tmp_path):
    records, problems = read_duty_log(tmp_path / "khong-co.xlsx", month=NOV)
    assert [p.reason for p in problems] == [DutyProblemReason.UNREADABLE_FILE]
