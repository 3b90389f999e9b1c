"""QA finding 16: the insurance sheet's TỔNG CỘNG must not claim 0 when the rows' amounts are unknown."""

from __future__ import annotations

import openpyxl

from antt_desktop.documents.insurance_xlsx import UNKNOWN_TOTAL, column_total


def test_a_total_over_unknown_amounts_is_not_a_number():
    assert column_total([100, 200]) == 300 and column_total([]) == 0
    assert column_total([None, None]) == UNKNOWN_TOTAL == "Chưa tính được"
    assert column_total([100, None]) == UNKNOWN_TOTAL


def _total_row(sheet):
    rows = list(sheet.iter_rows(values_only=True))
    index = next(i for i, row in enumerate(rows) if row[1] == "TỔNG CỘNG")
    return rows[index], [str(c) for row in rows[index + 1:] for c in row if c]


def test_the_demo_bhyt_sheet_says_its_total_could_not_be_calculated(demo, tmp_path):
    lists = demo.insurance.office_lists()
    assert lists.bhyt and all(row.support_dong is None and row.note for row in lists.bhyt)   # the demo's case
    path = demo.insurance.export_office_xlsx(tmp_path / "bhxh.xlsx")
    book = openpyxl.load_workbook(path)
    total, after = _total_row(book["BHYT cấp mới, gia hạn"])
    assert total[6] == "Chưa tính được" and 0 not in total[2:]
    assert any(text.startswith("Tổng cộng ngân sách hỗ trợ chưa tính được: "
                               f"{len(lists.bhyt)}/{len(lists.bhyt)} người") for text in after)
    known = [row.province_support_dong for row in lists.bhxh]
    bhxh_total, _ = _total_row(book["BHXH tự nguyện"])
    assert bhxh_total[8] == (UNKNOWN_TOTAL if None in known else sum(known))
