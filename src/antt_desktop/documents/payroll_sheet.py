"""What the payroll sheet says, row by row, shared by the Excel and the PDF writers so that the
two print the same thing: headers, team groups with their subtotals, the total, the amount in
words and the signature blocks (issue #5)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date

from antt_desktop.domain.money import amount_in_words
from antt_desktop.domain.payroll import PayrollLine, RunKind, Totals, team_totals, totals_of
from antt_desktop.domain.people import POSITION_LABELS

FORCE_NAME = "LỰC LƯỢNG THAM GIA BẢO VỆ AN NINH, TRẬT TỰ Ở CƠ SỞ"


@dataclass(frozen=True, slots=True)
class SheetHeader:
    """Who issues the sheet and who signs it."""

    authority: str                 # "ỦY BAN NHÂN DÂN XÃ TÂN PHÚ"
    unit_name: str                 # "CÔNG AN XÃ TÂN PHÚ"
    place_name: str                # "Tân Phú" for "Tân Phú, ngày … tháng … năm …"
    signed_on: date
    basis: str = ""                # "Căn cứ Nghị quyết số … của HĐND tỉnh …"
    is_draft: bool = False
    preparer_name: str = ""
    accountant_name: str = ""
    chairman_name: str = ""
    chairman_title: str = "CHỦ TỊCH"
    signature_form: str = ""       # NĐ 30/2020: "TM." / "KT." / ""
    reason: str = ""               # a supplementary sheet: the decisions behind the truy lĩnh / truy thu

    def date_line(self) -> str:
        place = f"{self.place_name}, " if self.place_name else ""
        d = self.signed_on
        return f"{place}ngày {d.day:02d} tháng {d.month:02d} năm {d.year}"

    def chairman_block(self) -> tuple[str, ...]:
        if self.signature_form:
            return (f"{self.signature_form} ỦY BAN NHÂN DÂN", self.chairman_title.upper())
        return (f"{self.chairman_title.upper()} UBND",)


@dataclass(frozen=True, slots=True)
class Column:
    title: str
    number: str          # the column-number row: "A", "1", "6=3+4+5"
    width: float         # Excel characters
    is_money: bool = False


REGULAR_COLUMNS = (
    Column("STT", "A", 5),
    Column("Họ và tên", "B", 24),
    Column("Chức danh", "C", 17),
    Column("Thôn/Tổ", "D", 16),
    Column("Mức hỗ trợ (đồng/tháng)", "1", 13, True),
    Column("Số ngày", "2", 7),
    Column("Thành tiền", "3", 13, True),
    Column("Bồi dưỡng", "4", 12, True),
    Column("Hỗ trợ BHXH/BHYT", "5", 12, True),
    Column("Tổng cộng", "6=3+4+5", 14, True),
    Column("Ký nhận", "E", 12),
)

SUPPLEMENTARY_COLUMNS = (
    Column("STT", "A", 5),
    Column("Họ và tên", "B", 24),
    Column("Chức danh", "C", 17),
    Column("Thôn/Tổ", "D", 16),
    Column("Đã thanh toán", "1", 13, True),
    Column("Chênh lệch hỗ trợ", "2", 12, True),
    Column("Chênh lệch bồi dưỡng", "3", 12, True),
    Column("Chênh lệch BHXH/BHYT", "4", 12, True),
    Column("Truy lĩnh", "5", 13, True),
    Column("Truy thu", "6", 13, True),
    Column("Ký nhận", "E", 12),
)


@dataclass(frozen=True, slots=True)
class SheetRow:
    kind: str                      # "team" | "line" | "subtotal" | "total"
    values: tuple


@dataclass(frozen=True, slots=True)
class PayrollSheet:
    """A run laid out for printing (the screen lays it out the same way, without a header)."""

    header: SheetHeader | None
    month_label: str               # "11/2026"
    kind: RunKind
    lines: Sequence[PayrollLine]

    @property
    def columns(self) -> tuple[Column, ...]:
        return REGULAR_COLUMNS if self.kind is RunKind.REGULAR else SUPPLEMENTARY_COLUMNS

    @property
    def title(self) -> str:
        if self.kind is RunKind.REGULAR:
            return f"BẢNG THANH TOÁN TIỀN HỖ TRỢ {FORCE_NAME} THÁNG {self.month_label}"
        return f"BẢNG THANH TOÁN TRUY LĨNH, TRUY THU TIỀN HỖ TRỢ {FORCE_NAME} THÁNG {self.month_label}"

    @property
    def label_span(self) -> int:
        """How many columns from B a subtotal's label may cover (those left empty on such rows)."""
        return 5 if self.kind is RunKind.REGULAR else 3

    @property
    def totals(self) -> Totals:
        return totals_of(self.lines)

    @property
    def net_dong(self) -> int:
        return self.totals.total_dong

    def words_line(self) -> str:
        net = self.net_dong
        if self.kind is RunKind.SUPPLEMENTARY and net < 0:
            return f"Số tiền truy thu bằng chữ: {amount_in_words(-net)}."
        return f"Số tiền bằng chữ: {amount_in_words(net)}."

    def rows(self) -> Iterator[SheetRow]:
        number = 0
        groups = team_totals(self.lines)
        by_team: dict[str | None, list[PayrollLine]] = {}
        for line in self.lines:
            by_team.setdefault(line.team_id, []).append(line)
        for group in groups:
            yield SheetRow("team", ("", group.team_name or "Chưa thuộc tổ") + ("",) * 9)
            previous = None
            for line in by_team[group.team_id]:
                # One number per person: a second line of the same member (a change of position
                # in the month) carries none, so the last STT is the number of people paid.
                if line.member_id != previous:
                    number += 1
                    shown = number
                else:
                    shown = ""
                previous = line.member_id
                yield SheetRow("line", self._line_values(shown, line))
            yield SheetRow("subtotal", self._sum_values(f"Cộng {group.team_name}".strip(), by_team[group.team_id]))
        yield SheetRow("total", self._sum_values("TỔNG CỘNG", self.lines))

    def _line_values(self, number: int | str, line: PayrollLine) -> tuple:
        position = POSITION_LABELS[line.position]
        if self.kind is RunKind.REGULAR:
            if line.days != line.days_in_month:
                position += f" ({line.started_on.day:02d}–{line.ended_on.day:02d}/{line.ended_on.month:02d})"
            return (number, line.full_name, position, line.hamlet_name, line.rate_dong, line.days,
                    line.support_dong, line.duty_dong, line.insurance_dong, line.total_dong, "")
        delta = line.total_dong
        return (number, line.full_name, position, line.hamlet_name, line.previous_total_dong or 0,
                line.support_dong, line.duty_dong, line.insurance_dong,
                delta if delta > 0 else 0, -delta if delta < 0 else 0, "")

    def _sum_values(self, label: str, lines: Sequence[PayrollLine]) -> tuple:
        totals = totals_of(lines)
        if self.kind is RunKind.REGULAR:
            return ("", label, "", "", None, None, totals.support_dong, totals.duty_dong,
                    totals.insurance_dong, totals.total_dong, "")
        back = sum(max(line.total_dong, 0) for line in lines)
        recovered = sum(max(-line.total_dong, 0) for line in lines)
        return ("", label, "", "", sum(line.previous_total_dong or 0 for line in lines), totals.support_dong,
                totals.duty_dong, totals.insurance_dong, back, recovered, "")

    def signature_blocks(self) -> tuple[tuple[tuple[str, ...], str, str], ...]:
        """(title lines, the hint under it, the name) for each signer, left to right."""
        h = self.header
        return (
            (("NGƯỜI LẬP BIỂU",), "(Ký, ghi rõ họ tên)", h.preparer_name),
            (("KẾ TOÁN",), "(Ký, ghi rõ họ tên)", h.accountant_name),
            (h.chairman_block(), "(Ký tên, đóng dấu)", h.chairman_name),
        )
