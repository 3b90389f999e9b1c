"""The higher unit's consolidated Excel report: statistics per commune with a total row, the
board of packages, and ID numbers active in two communes. Data in, file out (STYLE §6)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from antt_desktop.domain.aggregate import (
    BOARD_STATUS_LABELS,
    CommuneBoardRow,
    ConsolidatedStatistics,
    SharedIdNumber,
)
from antt_desktop.domain.dates import format_vn_date
from antt_desktop.domain.people import PRIOR_FORCE_LABELS, PriorForce

FONT = "Times New Roman"
THIN = Side(style="thin", color="000000")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
LATE_FILL = PatternFill("solid", fgColor="FCE4D6")
COUNT_FORMAT = "#,##0"

STATISTIC_COLUMNS = (
    ("hamlets", "Số thôn, tổ dân phố"), ("teams", "Số tổ bảo vệ ANTT"), ("active", "Thành viên đang tham gia"),
    ("leaders", "Tổ trưởng"), ("deputies", "Tổ phó"), ("team_members", "Tổ viên"),
    ("male", "Nam"), ("female", "Nữ"), ("below_lower_secondary", "Dưới THCS"),
    ("bhyt_valid", "Có thẻ BHYT còn hạn"), ("bhxh", "Tham gia BHXH tự nguyện"),
    ("proposed", "Đề nghị công nhận"), ("left", "Đã thôi tham gia"),
)


def write_aggregate_xlsx(path: Path, *, unit_name: str, statistics: ConsolidatedStatistics,
                         board: Sequence[CommuneBoardRow], shared: Sequence[SharedIdNumber],
                         due_day: int) -> Path:
    """Write to a temporary name, then rename (a crash never leaves half a file)."""
    workbook = Workbook()
    _statistics_sheet(workbook.active, unit_name, statistics)
    _board_sheet(workbook.create_sheet("Tình hình gửi gói"), unit_name, board, statistics, due_day)
    _shared_sheet(workbook.create_sheet("Trùng số định danh"), unit_name, shared)
    temporary = path.with_name(path.name + ".dang-ghi")
    workbook.save(temporary)
    temporary.replace(path)
    return path


def _title(sheet, unit_name: str, title: str, subtitle: str, width: int) -> None:
    last = get_column_letter(width)
    sheet["A1"] = unit_name.upper()
    sheet["A1"].font = Font(name=FONT, bold=True, size=11)
    sheet.merge_cells(f"A1:{last}1")
    sheet["A2"] = title
    sheet["A2"].font = Font(name=FONT, bold=True, size=13)
    sheet["A2"].alignment = CENTER
    sheet.merge_cells(f"A2:{last}2")
    sheet["A3"] = subtitle
    sheet["A3"].font = Font(name=FONT, italic=True, size=11)
    sheet["A3"].alignment = CENTER
    sheet.merge_cells(f"A3:{last}3")


def _header(sheet, row: int, labels: Sequence[str]) -> None:
    for column, label in enumerate(labels, start=1):
        cell = sheet.cell(row, column, label)
        cell.font = Font(name=FONT, bold=True, size=10)
        cell.alignment = CENTER
        cell.border = BOX
    sheet.row_dimensions[row].height = 45


def _cell(sheet, row: int, column: int, value, *, bold: bool = False, number: bool = False, fill=None):
    cell = sheet.cell(row, column, value)
    cell.font = Font(name=FONT, size=10, bold=bold)
    cell.border = BOX
    cell.alignment = CENTER if number else LEFT
    if number:
        cell.number_format = COUNT_FORMAT
    if fill is not None:
        cell.fill = fill
    return cell


def _statistics_sheet(sheet, unit_name: str, statistics: ConsolidatedStatistics) -> None:
    sheet.title = "Tổng hợp"
    prior_columns = [p for p in PriorForce]
    labels = (["STT", "Đơn vị"] + [label for _, label in STATISTIC_COLUMNS]
              + [f"Nguồn: {PRIOR_FORCE_LABELS[p]}" for p in prior_columns])
    _title(sheet, unit_name, "TỔNG HỢP LỰC LƯỢNG THAM GIA BẢO VỆ AN NINH, TRẬT TỰ Ở CƠ SỞ",
           f"Số liệu đến ngày {format_vn_date(statistics.on)}", len(labels))
    _header(sheet, 5, labels)
    row = 6
    for number, commune in enumerate(statistics.communes, start=1):
        _statistics_row(sheet, row, number, commune, prior_columns, bold=False)
        row += 1
    _statistics_row(sheet, row, None, statistics.total, prior_columns, bold=True)
    sheet.cell(row, 2).value = "TỔNG CỘNG"
    sheet.column_dimensions["A"].width = 5
    sheet.column_dimensions["B"].width = 28
    for column in range(3, len(labels) + 1):
        sheet.column_dimensions[get_column_letter(column)].width = 11
    sheet.freeze_panes = "C6"


def _statistics_row(sheet, row: int, number: int, commune, prior_columns, *, bold: bool) -> None:
    _cell(sheet, row, 1, number, number=True)
    _cell(sheet, row, 2, commune.unit_name, bold=bold)
    values = [getattr(commune, name) for name, _ in STATISTIC_COLUMNS]
    values += [commune.prior_forces.get(p.value, 0) for p in prior_columns]
    for offset, value in enumerate(values):
        _cell(sheet, row, 3 + offset, value, bold=bold, number=True)


def _board_sheet(sheet, unit_name: str, board: Sequence[CommuneBoardRow], statistics, due_day: int) -> None:
    labels = ["STT", "Mã đơn vị", "Đơn vị", "Gói gần nhất (số)", "Ngày lập gói", "Ngày nhận",
              "Tình trạng tháng này", "Thành viên đang tham gia", "Số gói đã nhận", "Đã trao đổi khóa"]
    _title(sheet, unit_name, "TÌNH HÌNH GỬI DỮ LIỆU CỦA CÁC ĐƠN VỊ",
           f"Tháng {statistics.on.month:02d}/{statistics.on.year} — hạn gửi: ngày {due_day} hằng tháng",
           len(labels))
    _header(sheet, 5, labels)
    for number, entry in enumerate(board, start=1):
        row = 5 + number
        fill = LATE_FILL if entry.needs_attention else None
        _cell(sheet, row, 1, number, number=True)
        _cell(sheet, row, 2, entry.unit_code)
        _cell(sheet, row, 3, entry.unit_name)
        _cell(sheet, row, 4, entry.last_sequence, number=True)
        _cell(sheet, row, 5, format_vn_date(entry.last_created_at.date()) if entry.last_created_at else "")
        _cell(sheet, row, 6, format_vn_date(entry.last_received_at.date()) if entry.last_received_at else "")
        _cell(sheet, row, 7, BOARD_STATUS_LABELS[entry.status], fill=fill)
        _cell(sheet, row, 8, entry.active_members, number=True)
        _cell(sheet, row, 9, entry.packages, number=True)
        _cell(sheet, row, 10, "Có" if entry.has_key else "Chưa")
    for column, width in zip("ABCDEFGHIJ", (5, 14, 28, 10, 12, 12, 20, 12, 10, 10)):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A6"


def _shared_sheet(sheet, unit_name: str, shared: Sequence[SharedIdNumber]) -> None:
    labels = ["STT", "Số định danh", "Họ và tên", "Ngày sinh", "Mã đơn vị", "Đơn vị"]
    _title(sheet, unit_name, "SỐ ĐỊNH DANH ĐANG THAM GIA Ở HAI ĐƠN VỊ TRỞ LÊN",
           f"{len(shared)} số định danh cần xác minh", len(labels))
    _header(sheet, 5, labels)
    row = 6
    for number, group in enumerate(shared, start=1):
        for entry in group.entries:
            _cell(sheet, row, 1, number, number=True)
            cell = _cell(sheet, row, 2, group.id_number)
            cell.number_format = "@"          # 12 digits with leading zeros stay text
            _cell(sheet, row, 3, entry.full_name)
            birth = format_vn_date(entry.birth_date) if entry.birth_date else (str(entry.birth_year or ""))
            _cell(sheet, row, 4, birth)
            _cell(sheet, row, 5, entry.unit_code)
            _cell(sheet, row, 6, entry.unit_name)
            row += 1
    for column, width in zip("ABCDEF", (5, 16, 26, 12, 14, 28)):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A6"
