"""The member list to Excel (issue #7 §6), grouped by hamlet as offices keep it.

ID and phone numbers are text cells (Excel would drop their leading zeros), birth dates
are date cells (or the year alone), and the headers are ones the import recognises, so a
list exported here and edited by hand imports again.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from antt_desktop.domain import vn_text
from antt_desktop.domain.dates import format_vn_date
from antt_desktop.domain.people import (
    EDUCATION_LABELS,
    POSITION_LABELS,
    PRIOR_FORCE_LABELS,
    STATUS_LABELS,
    Gender,
    MemberStatus,
    Position,
)
from antt_desktop.domain.reports import Issuer, ReportMember
from antt_desktop.documents.statistics_xlsx import SheetWriter, save

HEADERS = ("STT", "Họ và tên", "Ngày sinh", "Giới tính", "Số CCCD", "Dân tộc", "Trình độ học vấn", "Chức danh",
           "Tổ bảo vệ ANTT", "Thôn, tổ dân phố", "Lực lượng trước đây", "Số điện thoại", "BHYT đến ngày",
           "Trạng thái")
WIDTHS = (5, 24, 11, 8, 15, 9, 20, 10, 30, 16, 27, 12, 11, 18)
TEXT = "@"
DATE = "dd/mm/yyyy"
_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV",
          "XVI", "XVII", "XVIII", "XIX", "XX")
_POSITION_ORDER = {Position.LEADER: 0, Position.DEPUTY: 1, Position.MEMBER: 2, None: 3}


def subtitle(counts: Counter, on: date) -> str:
    """Says who the list holds when it is more than the members serving (issue: a proposed
    person is not a member yet, and one who left is one no more)."""
    others = [label for status, label in ((MemberStatus.PROPOSED, "người đề nghị công nhận"),
                                          (MemberStatus.LEFT, "người đã thôi tham gia")) if counts[status]]
    extra = f"; kèm {' và '.join(others)}" if others else ""
    return f"(Tính đến ngày {format_vn_date(on)}{extra})"


def total_line(counts: Counter) -> str:
    """"Tổng cộng: 27 thành viên", then the people listed who are not members, counted apart."""
    line = f"Tổng cộng: {counts[MemberStatus.ACTIVE]} thành viên đang tham gia"
    if counts[MemberStatus.PROPOSED]:
        line += f"; {counts[MemberStatus.PROPOSED]} người đề nghị công nhận (chưa là thành viên)"
    if counts[MemberStatus.LEFT]:
        line += f"; {counts[MemberStatus.LEFT]} người đã thôi tham gia"
    return line + "."


def write_member_list_xlsx(members: Sequence[ReportMember], issuer: Issuer, on: date, out: Path) -> Path:
    import openpyxl
    from openpyxl.styles import Alignment, Font

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Danh sách thành viên"
    writer = SheetWriter(sheet, len(HEADERS))
    writer.header_block(issuer)
    counts = Counter(member.status for member in members)
    writer.title("DANH SÁCH THÀNH VIÊN TỔ BẢO VỆ AN NINH, TRẬT TỰ Ở CƠ SỞ", subtitle(counts, on))
    groups: dict[str, list[ReportMember]] = {}
    for member in members:
        groups.setdefault(member.hamlet_name, []).append(member)
    rows: list[list] = []
    group_rows: list[int] = []
    number = 0
    for index, hamlet in enumerate(sorted(groups, key=lambda h: (h == "", vn_text.natural_key(h)))):
        label = hamlet.upper() if hamlet else "CHƯA RÕ THÔN, TỔ DÂN PHỐ"
        group_rows.append(len(rows))
        rows.append([f"{_ROMAN[index] if index < len(_ROMAN) else index + 1}. {label}"])
        for member in sorted(groups[hamlet], key=lambda m: (_POSITION_ORDER[m.position],
                                                             vn_text.name_sort_key(m.full_name))):
            number += 1
            birth = member.birth_date or member.birth_year
            rows.append([
                number, member.full_name, birth, "Nam" if member.gender is Gender.MALE else "Nữ",
                member.id_number or "", member.ethnicity,
                EDUCATION_LABELS[member.education_level] if member.education_level else "",
                POSITION_LABELS[member.position] if member.position else "", member.team_name, hamlet,
                PRIOR_FORCE_LABELS[member.prior_force], member.phone or "", member.bhyt_valid_to,
                STATUS_LABELS[member.status],
            ])
    formats = (None, None, DATE, None, TEXT, None, None, None, None, None, None, TEXT, DATE, None)
    header = writer.table(HEADERS, [], formats)
    writer.row = header + 1
    for position, values in enumerate(rows):
        if position in group_rows:
            writer.merged(1, len(HEADERS), values[0], bold=True, align="left")
            writer.row += 1
            continue
        writer.data_row(values, formats)
        if isinstance(values[2], int):               # the year alone: no date format
            sheet.cell(writer.row - 1, 3).number_format = "0"
        sheet.cell(writer.row - 1, 3).alignment = Alignment(horizontal="center", vertical="center")
    writer.row += 1
    sheet.cell(writer.row, 1, total_line(counts)).font = Font(name="Times New Roman", size=12, bold=True)
    writer.row += 1
    writer.signature(issuer, on)
    writer.widths(WIDTHS)
    writer.page_setup(landscape=True, title_rows=f"{header}:{header}")
    sheet.freeze_panes = f"C{header + 1}"
    return save(workbook, out)
