"""The lists for the social-insurance office (cơ quan BHXH) as one Excel workbook: BHYT cards to
issue or renew with the budget's support, and BHXH tự nguyện participants with the month's
contribution and supports. Same page setup and number format as the payroll sheet."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from antt_desktop.documents.payroll_sheet import Column, SheetHeader
from antt_desktop.documents.payroll_xlsx import (
    BOX,
    MONEY_FORMAT,
    _cell,
    _page_setup,
    _Styles,
    _widths,
    _Writer,
)
from antt_desktop.domain.dates import format_vn_date
from antt_desktop.domain.insurance import HOUSEHOLD_GROUP_LABELS

BHYT_COLUMNS = (
    Column("STT", "A", 5),
    Column("Họ và tên", "B", 24),
    Column("Thôn/Tổ", "C", 18),
    Column("Mã thẻ BHYT", "D", 18),
    Column("Hạn thẻ đến", "E", 12),
    Column("Đề nghị", "F", 10),
    Column("Ngân sách hỗ trợ (đồng/tháng)", "1", 15, True),
    Column("Ghi chú", "G", 34),
)

BHXH_COLUMNS = (
    Column("STT", "A", 5),
    Column("Họ và tên", "B", 24),
    Column("Thôn/Tổ", "C", 16),
    Column("Mã số BHXH", "D", 13),
    Column("Nhóm đối tượng", "E", 14),
    Column("Thu nhập chọn đóng", "1", 14, True),
    Column("Mức đóng (22%)", "2", 12, True),
    Column("Nhà nước hỗ trợ", "3", 12, True),
    Column("Tỉnh hỗ trợ", "4", 12, True),
    Column("Người tham gia đóng", "5=2-3-4", 13, True),
    Column("Ghi chú", "F", 22),
)


def _blocks(header: SheetHeader):
    return ((("NGƯỜI LẬP BIỂU",), "(Ký, ghi rõ họ tên)", header.preparer_name),
            (("KẾ TOÁN",), "(Ký, ghi rõ họ tên)", header.accountant_name),
            (header.chairman_block(), "(Ký tên, đóng dấu)", header.chairman_name))


UNKNOWN_TOTAL = "Chưa tính được"


def column_total(values) -> int | str:
    """The sum of a money column, or "Chưa tính được" when any row's amount is unknown: a total of
    the known rows only would read as the whole (QA: "TỔNG CỘNG 0" beside rows that had no amount)."""
    values = list(values)
    if any(v is None for v in values):
        return UNKNOWN_TOTAL
    return sum(values)


def _unknown_note(values, what: str) -> str | None:
    """The line under the table saying why the total is missing, and what the known rows add up to."""
    values = list(values)
    missing = sum(1 for v in values if v is None)
    if not missing:
        return None
    known = sum(v for v in values if v is not None)
    text = f"Tổng cộng {what} chưa tính được: {missing}/{len(values)} người chưa có mức"
    if missing < len(values):
        text += f"; số đã tính được của {len(values) - missing} người: {known:,} đồng".replace(",", ".")
    return text + "."


def _row(ws, styles, values, columns, *, bold: bool = False, fill=None) -> list:
    font = styles.bold if bold else styles.plain
    cells = []
    for index, (column, value) in enumerate(zip(columns, values)):
        if column.is_money:
            cells.append(_cell(ws, value, font=font, border=BOX, alignment=styles.right,
                               number_format=MONEY_FORMAT, fill=fill))
        else:
            cells.append(_cell(ws, value, font=font, border=BOX, fill=fill,
                               alignment=styles.center if index in (0, 4, 5) else styles.left_wrap))
    return cells


def write_insurance_lists_xlsx(lists, header: SheetHeader, out: Path) -> Path:
    """`lists` is services.insurance.OfficeLists; two sheets, one per list."""
    workbook = Workbook(write_only=True)
    styles = _Styles()
    month = lists.month.label

    ws = workbook.create_sheet("BHYT cấp mới, gia hạn")
    _page_setup(ws)
    _widths(ws, BHYT_COLUMNS)
    writer = _Writer(ws, len(BHYT_COLUMNS), styles)
    ws.print_title_rows = writer.header_block(
        header, f"DANH SÁCH ĐỀ NGHỊ CẤP MỚI, GIA HẠN THẺ BẢO HIỂM Y TẾ — THÁNG {month}", BHYT_COLUMNS)
    notes: list[str] = []          # a reason once under the table, its number in the row
    for number, row in enumerate(lists.bhyt, start=1):
        alert = row.alert
        remark = None
        if row.note:
            if row.note not in notes:
                notes.append(row.note)
            remark = f"Chưa tính được mức hỗ trợ ({notes.index(row.note) + 1})"
        writer.append(_row(ws, styles, (
            number, alert.full_name, alert.hamlet_name, alert.card_number or None,
            format_vn_date(alert.valid_to) or None, row.action, row.support_dong, remark), BHYT_COLUMNS))
    supports = [row.support_dong for row in lists.bhyt]
    writer.append(_row(ws, styles, ("", "TỔNG CỘNG", None, None, None, None, column_total(supports), None),
                       BHYT_COLUMNS, bold=True, fill=styles.group_fill))
    writer.merge(2, 6)
    missing = _unknown_note(supports, "ngân sách hỗ trợ")
    if missing:
        writer.text_row(missing, styles.italic, styles.left_wrap, height=30)
    for index, note in enumerate(notes, start=1):
        writer.text_row(f"({index}) {note}", styles.italic, styles.left_wrap, height=30)
    writer.signature_footer(header, f"Tổng số: {len(lists.bhyt)} người.", _blocks(header))

    ws = workbook.create_sheet("BHXH tự nguyện")
    _page_setup(ws)
    _widths(ws, BHXH_COLUMNS)
    writer = _Writer(ws, len(BHXH_COLUMNS), styles)
    ws.print_title_rows = writer.header_block(
        header, f"DANH SÁCH THAM GIA BẢO HIỂM XÃ HỘI TỰ NGUYỆN VÀ MỨC HỖ TRỢ — THÁNG {month}", BHXH_COLUMNS)
    columns: list[list] = [[], [], [], []]
    notes = []
    for number, row in enumerate(lists.bhxh, start=1):
        values = (row.contribution_dong, row.state_support_dong, row.province_support_dong, row.member_pays_dong)
        for column, value in zip(columns, values):
            column.append(value)
        remark = None
        if row.note:
            if row.note not in notes:
                notes.append(row.note)
            remark = f"Chưa tính được ({notes.index(row.note) + 1})"
        writer.append(_row(ws, styles, (
            number, row.person.full_name, row.person.hamlet_name, row.record.bhxh_number or None,
            HOUSEHOLD_GROUP_LABELS[row.record.bhxh_group], row.income_dong, *values, remark),
            BHXH_COLUMNS))
    sums = [column_total(column) for column in columns]
    writer.append(_row(ws, styles, ("", "TỔNG CỘNG", None, None, None, None, *sums, None), BHXH_COLUMNS,
                       bold=True, fill=styles.group_fill))
    writer.merge(2, 6)
    if UNKNOWN_TOTAL in sums:
        writer.text_row("Tổng cộng chưa tính được ở cột có người chưa có mức (xem ghi chú).", styles.italic,
                        styles.left_wrap, height=30)
    note = ("Mức Nhà nước hỗ trợ tính theo tỷ lệ trên mức đóng thấp nhất (22% × chuẩn hộ nghèo khu vực nông thôn)"
            + ("." if lists.state_share_confirmed else "; tỷ lệ chưa được xác nhận, cần đối chiếu với cơ quan BHXH."))
    writer.text_row(note, styles.italic, styles.left_wrap, height=30)
    for index, text in enumerate(notes, start=1):
        writer.text_row(f"({index}) {text}", styles.italic, styles.left_wrap, height=30)
    writer.signature_footer(header, f"Tổng số: {len(lists.bhxh)} người.", _blocks(header))
    out = Path(out)
    workbook.save(out)
    return out
