"""Statistics and the periodic report as Excel workbooks (issue #7 §6).

Laid out as office sheets: the unit and national-motto header, a title, bordered tables
with headers, numbers as numbers (percentages formatted), totals, and a signature block;
A4, fitted to the page width, header rows repeated on each printed page.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from antt_desktop.domain.dates import format_vn_date
from antt_desktop.domain.money import format_dong
from antt_desktop.domain.reports import Breakdown, Issuer, PeriodicReport, Statistics, TeamLine

FONT = "Times New Roman"      # Liberation Serif in LibreOffice: every Vietnamese letter
HEADER_FILL = "DDEBF7"
TOTAL_FILL = "F2F2F2"
PERCENT = "[$-42A]0.0%"    # "11,1%" as in the PDF and the payroll sheets (vi locale)
COUNT = "#,##0"
MONEY = '#,##0" đ"'


class SheetWriter:
    """Rows appended top-down with the house style; `row` is the next row to write."""

    def __init__(self, sheet, width: int) -> None:
        from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

        self.sheet, self.width, self.row = sheet, width, 1
        self._font, self._alignment, self._fill = Font, Alignment, PatternFill
        thin = Side(style="thin", color="808080")
        self._border = Border(left=thin, right=thin, top=thin, bottom=thin)

    def font(self, **kwargs):
        return self._font(name=FONT, size=kwargs.pop("size", 12), **kwargs)

    def header_block(self, issuer: Issuer, *, split: int | None = None) -> None:
        """NĐ 30/2020: the issuing body at the left (columns 1…split), the national motto at the right."""
        half = split or max(self.width // 2, 1)
        left = [(issuer.higher_unit_name, False), (issuer.unit_name, True)] if issuer.higher_unit_name \
            else [(issuer.unit_name, True), ("", False)]
        right = [("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", True), ("Độc lập - Tự do - Hạnh phúc", True)]
        for (left_text, left_bold), (right_text, right_bold) in zip(left, right):
            self.merged(1, half, left_text, bold=left_bold, size=12)
            self.merged(half + 1, self.width, right_text, bold=right_bold, size=12, row=self.row)
            self.row += 1
        self.row += 1

    def merged(self, first: int, last: int, text: str, *, bold: bool = False, italic: bool = False,
               size: int = 12, align: str = "center", row: int | None = None, height: float | None = None) -> None:
        row = row or self.row
        if last > first:
            self.sheet.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)
        cell = self.sheet.cell(row, first, text)
        cell.font = self.font(bold=bold, italic=italic, size=size)
        cell.alignment = self._alignment(horizontal=align, vertical="center", wrap_text=True)
        if height:
            self.sheet.row_dimensions[row].height = height

    def title(self, text: str, subtitle: str = "") -> None:
        self.merged(1, self.width, text, bold=True, size=14, height=22)
        self.row += 1
        if subtitle:
            self.merged(1, self.width, subtitle, italic=True)
            self.row += 1
        self.row += 1

    def line(self, text: str, *, bold: bool = False, italic: bool = False) -> None:
        self.merged(1, self.width, text, bold=bold, italic=italic, align="left")
        self.row += 1

    def table(self, headers: Sequence[str], rows: Sequence[Sequence], formats: Sequence[str | None],
              *, total: Sequence | None = None, widths_hint: bool = False) -> int:
        """A bordered table; returns the row of its header."""
        header_row = self.row
        for column, text in enumerate(headers, start=1):
            cell = self.sheet.cell(self.row, column, text)
            cell.font = self.font(bold=True)
            cell.fill = self._fill("solid", start_color=HEADER_FILL, end_color=HEADER_FILL)
            cell.alignment = self._alignment(horizontal="center", vertical="center", wrap_text=True)
            cell.border = self._border
        self.row += 1
        for values in rows:
            self.data_row(values, formats)
        if total is not None:
            self.data_row(total, formats, bold=True, fill=TOTAL_FILL)
        self.row += 1
        return header_row

    def data_row(self, values: Sequence, formats: Sequence[str | None], *, bold: bool = False,
                  fill: str | None = None) -> None:
        for column, value in enumerate(values, start=1):
            cell = self.sheet.cell(self.row, column, value)
            cell.font = self.font(bold=bold)
            cell.border = self._border
            number_format = formats[column - 1] if column - 1 < len(formats) else None
            if number_format:
                cell.number_format = number_format
            # No wrapping: Excel and LibreOffice do not grow a row for text they did not lay
            # out, so wrapped cells would overlap; the columns are made wide enough instead.
            is_text = isinstance(value, str)
            horizontal = "center" if column == 1 else "left" if is_text else "right"   # STT centred
            cell.alignment = self._alignment(horizontal=horizontal, vertical="center")
            if fill:
                cell.fill = self._fill("solid", start_color=fill, end_color=fill)
        self.row += 1

    def signature(self, issuer: Issuer, made_on: date, *, preparer: bool = True) -> None:
        self.row += 1
        half = max(self.width // 2, 1)
        place = issuer.place_name or ""
        date_line = f"{place + ', ' if place else ''}ngày {made_on.day:02d} tháng {made_on.month:02d} năm {made_on.year}"
        self.merged(half + 1, self.width, date_line, italic=True)
        self.row += 1
        if preparer:
            self.merged(1, half, "NGƯỜI LẬP BIỂU", bold=True, row=self.row)
        self.merged(half + 1, self.width, issuer.signer_title.upper(), bold=True)
        self.row += 1
        self.merged(half + 1, self.width, "(Ký, ghi rõ họ tên, đóng dấu)", italic=True, size=11)
        self.row += 4
        if issuer.signer_name:
            self.merged(half + 1, self.width, issuer.signer_name, bold=True)
            self.row += 1

    def page_setup(self, *, landscape: bool, title_rows: str | None = None) -> None:
        setup = self.sheet.page_setup
        setup.orientation = "landscape" if landscape else "portrait"
        setup.paperSize = self.sheet.PAPERSIZE_A4
        setup.fitToWidth, setup.fitToHeight = 1, 0
        self.sheet.sheet_properties.pageSetUpPr.fitToPage = True
        self.sheet.page_margins.left = self.sheet.page_margins.right = 0.5
        self.sheet.print_options.horizontalCentered = True
        self.sheet.oddFooter.center.text = "Trang &P/&N"      # numbered as the payroll sheets are
        self.sheet.oddFooter.center.font = FONT
        if title_rows:
            self.sheet.print_title_rows = title_rows

    def widths(self, widths: Sequence[float]) -> None:
        from openpyxl.utils import get_column_letter

        for column, width in enumerate(widths, start=1):
            self.sheet.column_dimensions[get_column_letter(column)].width = width


def save(workbook, out: Path) -> Path:
    """Written under a temporary name, then renamed: a half-written file never has the real name."""
    out.parent.mkdir(parents=True, exist_ok=True)
    temporary = out.with_name(out.name + ".partial")
    workbook.save(temporary)
    os.replace(temporary, out)
    return out


def _breakdown_rows(breakdown: Breakdown) -> tuple[list[list], list]:
    total = breakdown.total
    rows = [[index, row.label, row.total, row.male, row.female, (row.total / total) if total else 0]
            for index, row in enumerate(breakdown.rows, start=1)]
    males = sum(r.male for r in breakdown.rows)
    return rows, ["", "Cộng", total, males, total - males, 1 if total else 0]


_BREAKDOWN_HEADERS = ("STT", "Nội dung", "Tổng số", "Nam", "Nữ", "Tỷ lệ")
_BREAKDOWN_FORMATS = (None, None, COUNT, COUNT, COUNT, PERCENT)


def _write_breakdowns(writer: SheetWriter, stats: Statistics, numbering: str = "") -> None:
    for index, breakdown in enumerate(stats.breakdowns, start=1):
        writer.line(f"{numbering}{index}. {breakdown.title}", bold=True)
        rows, total = _breakdown_rows(breakdown)
        writer.table(_BREAKDOWN_HEADERS, rows, _BREAKDOWN_FORMATS, total=total)


def _team_rows(teams: Sequence[TeamLine]) -> tuple[list[list], list]:
    rows = []
    for index, team in enumerate(teams, start=1):
        quota = (f"{team.quota_min}–{team.quota_max}" if team.quota_min != team.quota_max else str(team.quota_max)) \
            if team.quota_max is not None else "chưa xác định"
        rows.append([index, team.team_name, team.hamlet_name, quota, team.total, team.leaders, team.deputies,
                     team.members, team.fill_text])
    total = ["", "Tổng cộng", "", "", sum(t.total for t in teams), sum(t.leaders for t in teams),
             sum(t.deputies for t in teams), sum(t.members for t in teams), ""]
    return rows, total


_TEAM_HEADERS = ("STT", "Tổ bảo vệ ANTT", "Thôn, tổ dân phố", "Định mức", "Hiện có", "Tổ trưởng", "Tổ phó",
                 "Tổ viên", "So với định mức")
_TEAM_FORMATS = (None, None, None, None, COUNT, COUNT, COUNT, COUNT, None)
_TEAM_WIDTHS = (6, 34, 20, 12, 10, 10, 9, 9, 18)


def _team_sheet(workbook, teams: Sequence[TeamLine], issuer: Issuer, made_on: date, subtitle: str) -> None:
    writer = SheetWriter(workbook.create_sheet("Theo tổ"), len(_TEAM_HEADERS))
    writer.header_block(issuer)
    writer.title("SỐ LƯỢNG THÀNH VIÊN THEO TỔ BẢO VỆ AN NINH, TRẬT TỰ", subtitle)
    rows, total = _team_rows(teams)
    header = writer.table(_TEAM_HEADERS, rows, _TEAM_FORMATS, total=total)
    writer.signature(issuer, made_on)
    writer.widths(_TEAM_WIDTHS)
    writer.page_setup(landscape=True, title_rows=f"{header}:{header}")


def write_statistics_xlsx(stats: Statistics, teams: Sequence[TeamLine], issuer: Issuer, out: Path) -> Path:
    """One sheet of tables (by team, position, sex, age, education, ethnicity, prior force,
    insurance) and one of teams against their quota."""
    import openpyxl

    workbook = openpyxl.Workbook()
    writer = SheetWriter(workbook.active, len(_BREAKDOWN_HEADERS))
    workbook.active.title = "Thống kê"
    writer.header_block(issuer, split=2)
    subtitle = f"(Tính đến ngày {format_vn_date(stats.on)})"
    writer.title("THỐNG KÊ LỰC LƯỢNG THAM GIA BẢO VỆ AN NINH, TRẬT TỰ Ở CƠ SỞ", subtitle)
    writer.line(f"Tổng số thành viên đang tham gia: {stats.total} (nam {stats.male}, nữ {stats.female}); "
                f"người dân tộc thiểu số: {stats.minorities}.")
    writer.row += 1
    _write_breakdowns(writer, stats)
    writer.signature(issuer, stats.on)
    writer.widths((6, 38, 12, 11, 11, 12))
    writer.page_setup(landscape=False)
    _team_sheet(workbook, teams, issuer, stats.on, subtitle)
    return save(workbook, out)


def write_periodic_xlsx(report: PeriodicReport, out: Path) -> Path:
    """The periodic report: the summary and the tables, the teams, the movements, the allowances."""
    import openpyxl

    period = report.period
    subtitle = f"(Từ ngày {format_vn_date(period.first)} đến ngày {format_vn_date(period.last)})"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Báo cáo"
    writer = SheetWriter(sheet, len(_BREAKDOWN_HEADERS))
    writer.header_block(report.issuer, split=2)
    writer.title(f"BÁO CÁO TÌNH HÌNH LỰC LƯỢNG THAM GIA BẢO VỆ AN NINH, TRẬT TỰ Ở CƠ SỞ "
                 f"{period.label.upper()}", subtitle)
    stats = report.statistics
    writer.line("I. TỔ CHỨC LỰC LƯỢNG", bold=True)
    quota = report.quota_max_total
    summary = [
        ["Số thôn, tổ dân phố", report.hamlet_count],
        ["Số Tổ bảo vệ an ninh, trật tự", len(report.teams)],
        ["Thành viên đầu kỳ", report.start_total],
        ["Công nhận mới trong kỳ", len(report.joined)],
        ["Thôi tham gia trong kỳ", len(report.left)],
        ["Thành viên cuối kỳ", stats.total],
        ["Tổng định mức tối đa của các tổ", quota if quota is not None else "chưa xác định"],
        ["Thành viên nữ", stats.female],
        ["Thành viên là người dân tộc thiểu số", stats.minorities],
    ]
    writer.table(("STT", "Chỉ tiêu", "Số lượng"),
                 [[i, label, value] for i, (label, value) in enumerate(summary, start=1)], (None, None, COUNT))
    writer.line("II. CƠ CẤU THÀNH VIÊN (cuối kỳ)", bold=True)
    _write_breakdowns(writer, stats, numbering="")
    writer.line("III. CHẾ ĐỘ, CHÍNH SÁCH", bold=True)
    allowances = [[i, m.label, m.members, m.locked_dong, m.draft_dong]
                  for i, m in enumerate(report.allowances, start=1)]
    writer.table(("STT", "Tháng", "Số người được chi", "Đã chi (bảng đã khóa)", "Bảng nháp chưa khóa"),
                 allowances, (None, None, COUNT, MONEY, MONEY),
                 total=["", "Cộng", "", report.paid_dong, sum(m.draft_dong for m in report.allowances)])
    bhyt = stats.breakdown("bhyt")
    writer.line(f"Thẻ BHYT: còn hạn {bhyt.count('Còn hạn')}, hết hạn {bhyt.count('Hết hạn')}, chưa có "
                f"{bhyt.count('Chưa có thẻ')}; {report.bhyt_expiring} thẻ hết hạn trong 30 ngày sau kỳ báo cáo. "
                f"Tổng tiền hỗ trợ đã chi trong kỳ: {format_dong(report.paid_dong)}.")
    if report.annual_due:
        writer.line(f"Báo cáo năm gửi cấp trên trước ngày {format_vn_date(report.annual_due)}.", italic=True)
    writer.signature(report.issuer, report.made_on)
    writer.widths((6, 42, 16, 20, 20, 10))
    writer.page_setup(landscape=False)

    _team_sheet(workbook, report.teams, report.issuer, report.made_on, subtitle)

    moves = SheetWriter(workbook.create_sheet("Biến động"), 5)
    moves.header_block(report.issuer)
    moves.title("DANH SÁCH THÀNH VIÊN CÔNG NHẬN MỚI, THÔI THAM GIA TRONG KỲ", subtitle)
    moves.line(f"1. Công nhận mới: {len(report.joined)} người", bold=True)
    moves.table(("STT", "Họ và tên", "Tổ", "Ngày", "Ghi chú"),
                [[i, m.full_name, m.team_name, format_vn_date(m.on), ""] for i, m in enumerate(report.joined, 1)],
                (None,) * 5)
    moves.line(f"2. Thôi tham gia: {len(report.left)} người", bold=True)
    moves.table(("STT", "Họ và tên", "Tổ", "Ngày", "Lý do"),
                [[i, m.full_name, m.team_name, format_vn_date(m.on), m.reason] for i, m in enumerate(report.left, 1)],
                (None,) * 5)
    moves.widths((6, 28, 30, 12, 40))
    moves.page_setup(landscape=True)
    return save(workbook, out)
