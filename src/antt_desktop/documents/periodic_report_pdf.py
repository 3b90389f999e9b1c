"""The periodic report (quarter or year) to PDF (issue #7 §6): reportlab, A4 portrait.

Laid out as an administrative report (NĐ 30/2020): the issuing body and the national motto
at the top, "Số: …/BC-CAX" and the place and date, the title, numbered sections with
bordered tables, the recipients and the signature. Fonts embedded (Liberation Serif),
byte-stable output (invariant=True).
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from antt_desktop.documents.fonts import SERIF, SERIF_BOLD, SERIF_BOLD_ITALIC, SERIF_ITALIC, register_fonts
from antt_desktop.documents.layout import PORTRAIT, NationalHeader, Styles, decorate_page, signature_table
from antt_desktop.domain.dates import format_vn_date
from antt_desktop.domain.money import format_dong
from antt_desktop.domain.official_documents import OfficialDocument, SignatureBlock, number_line, pad_day, pad_month
from antt_desktop.domain.reports import Breakdown, PeriodicReport
from antt_desktop.domain.units import POLICE_REPORT_SYMBOL

LEFT, RIGHT, TOP, BOTTOM = 30 * mm, 15 * mm, 20 * mm, 20 * mm     # NĐ 30/2020 Phụ lục I margins
WIDTH = A4[0] - LEFT - RIGHT
HEADER_FILL = colors.HexColor("#DDEBF7")
TOTAL_FILL = colors.HexColor("#F2F2F2")


def write_periodic_report_pdf(report: PeriodicReport, out: Path) -> Path:
    font = register_fonts()
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    temporary = out.with_name(out.name + ".partial")
    document = SimpleDocTemplate(
        str(temporary), pagesize=A4, leftMargin=LEFT, rightMargin=RIGHT, topMargin=TOP, bottomMargin=BOTTOM,
        invariant=True, initialFontName=font, creator="ANTT Desktop", author=report.issuer.unit_name,
        title=f"Báo cáo tình hình lực lượng tham gia bảo vệ ANTT ở cơ sở - {report.period.label}")
    # Page numbers as on every official paper (layout.decorate_page): from page 2, top centre, 13 pt.
    document.build(_story(report), onFirstPage=decorate_page, onLaterPages=decorate_page)
    temporary.replace(out)
    return out


def _style(size: float = 13, *, bold: bool = False, italic: bool = False, align=TA_JUSTIFY,
           indent: float = 0, before: float = 0, after: float = 3) -> ParagraphStyle:
    name = SERIF_BOLD_ITALIC if bold and italic else SERIF_BOLD if bold else SERIF_ITALIC if italic else SERIF
    return ParagraphStyle(f"r-{name}-{size}-{align}-{indent}-{before}-{after}", fontName=name, fontSize=size,
                          leading=size * 1.25, alignment=align, firstLineIndent=indent, spaceBefore=before,
                          spaceAfter=after)


BODY = _style(13, indent=10 * mm)
SECTION = _style(13, bold=True, before=6)
CELL = _style(11, align=TA_LEFT, after=0)
CELL_RIGHT = _style(11, align=TA_RIGHT, after=0)
CELL_HEAD = _style(11, bold=True, align=TA_CENTER, after=0)


def _story(report: PeriodicReport) -> list:
    period, stats = report.period, report.statistics
    story: list = [NationalHeader(_official(report), PORTRAIT)]
    story += [Spacer(1, 4 * mm), Paragraph("BÁO CÁO", _style(14, bold=True, align=TA_CENTER, after=1)),
              Paragraph("Tình hình lực lượng tham gia bảo vệ an ninh, trật tự ở cơ sở",
                        _style(14, bold=True, align=TA_CENTER, after=1)),
              Paragraph(f"{period.label} (từ ngày {format_vn_date(period.first)} đến ngày "
                        f"{format_vn_date(period.last)})", _style(13, bold=True, align=TA_CENTER, after=1)),
              Paragraph("_" * 12, _style(10, align=TA_CENTER, after=6))]

    quota = report.quota_max_total
    story.append(Paragraph("I. TÌNH HÌNH TỔ CHỨC LỰC LƯỢNG", SECTION))
    story.append(Paragraph(
        f"Toàn đơn vị có {report.hamlet_count} thôn, tổ dân phố với {len(report.teams)} Tổ bảo vệ an ninh, "
        f"trật tự. Đầu kỳ có {report.start_total} thành viên; trong kỳ công nhận mới {len(report.joined)}, "
        f"thôi tham gia {len(report.left)}; cuối kỳ có <b>{stats.total}</b> thành viên (nam {stats.male}, "
        f"nữ {stats.female}; người dân tộc thiểu số {stats.minorities})"
        + (f", so với tổng định mức tối đa {quota} thành viên." if quota is not None else "."), BODY))
    story.append(_team_table(report))

    story.append(Paragraph("II. CƠ CẤU THÀNH VIÊN (tại ngày cuối kỳ)", SECTION))
    for number, key in enumerate(("position", "age", "education", "ethnicity", "prior_force"), start=1):
        breakdown = stats.breakdown(key)
        story.append(KeepTogether([Paragraph(f"{number}. {breakdown.title}", _style(13, italic=True, before=3)),
                                   _breakdown_table(breakdown)]))

    story.append(Paragraph("III. BIẾN ĐỘNG TRONG KỲ", SECTION))
    story.append(Paragraph(_movement_text("Công nhận mới", report.joined), BODY))
    story.append(Paragraph(_movement_text("Thôi tham gia", report.left), BODY))

    story.append(Paragraph("IV. THỰC HIỆN CHẾ ĐỘ, CHÍNH SÁCH", SECTION))
    paid_months = [m for m in report.allowances if m.locked_dong]
    story.append(Paragraph(
        f"Hỗ trợ thường xuyên hằng tháng đã chi trong kỳ (theo các bảng thanh toán đã khóa): "
        f"<b>{format_dong(report.paid_dong)}</b>"
        + (f", gồm {', '.join(f'tháng {m.label}: {format_dong(m.locked_dong)}' for m in paid_months)}."
           if paid_months else "; chưa có bảng thanh toán nào của kỳ được khóa."), BODY))
    bhyt, bhxh = stats.breakdown("bhyt"), stats.breakdown("bhxh")
    story.append(Paragraph(
        f"Bảo hiểm y tế: {bhyt.count('Còn hạn')} thành viên có thẻ còn hạn, {bhyt.count('Hết hạn')} thẻ hết hạn, "
        f"{bhyt.count('Chưa có thẻ')} chưa có thẻ; {report.bhyt_expiring} thẻ hết hạn trong 30 ngày sau kỳ báo cáo. "
        f"Bảo hiểm xã hội tự nguyện: {bhxh.count('Đang tham gia')} thành viên đang tham gia.", BODY))

    short = [t for t in report.teams if t.fill_text == "thiếu"]
    over = [t for t in report.teams if t.fill_text == "vượt định mức"]
    proposals = []
    if short:
        proposals.append("Kiện toàn các tổ còn thiếu thành viên: " + ", ".join(t.team_name for t in short) + ".")
    if over:
        proposals.append("Rà soát các tổ vượt định mức: " + ", ".join(t.team_name for t in over) + ".")
    if bhyt.count("Hết hạn") or bhyt.count("Chưa có thẻ"):
        proposals.append("Phối hợp cơ quan bảo hiểm xã hội cấp, gia hạn thẻ BHYT cho thành viên.")
    if report.annual_due:
        proposals.append(f"Báo cáo năm gửi Công an cấp trên trước ngày {format_vn_date(report.annual_due)}.")
    closing = [Paragraph("V. ĐỀ XUẤT, KIẾN NGHỊ", SECTION)]
    closing += [Paragraph(f"- {line}", BODY) for line in proposals or ["Không có."]]
    # The signature never stands alone on the last page: the last section moves with it.
    story.append(KeepTogether(closing + [Spacer(1, 6 * mm), _signature(report)]))
    return story


def _official(report: PeriodicReport) -> OfficialDocument:
    """The report's header and signature as layout.py draws them for every official paper."""
    issuer, made = report.issuer, report.made_on
    place = f"{issuer.place_name}, " if issuer.place_name else ""
    return OfficialDocument(
        parent_body=issuer.higher_unit_name, body_lines=(issuer.unit_name,),
        number_line=number_line(None, POLICE_REPORT_SYMBOL),
        place_date=f"{place}ngày {pad_day(made.day)} tháng {pad_month(made.month)} năm {made.year}",
        type_name="BÁO CÁO", summary_lines=(),
        recipients=issuer.recipient_lines(),
        signature=SignatureBlock((issuer.signer_title.upper(),), issuer.signer_name or ""))


def _grid(rows: list[list], widths: list[float], *, total_row: bool) -> Table:
    table = Table(rows, colWidths=widths, repeatRows=1)
    commands = [("FONTNAME", (0, 0), (-1, -1), SERIF),
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL), ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]
    if total_row:
        commands.append(("BACKGROUND", (0, -1), (-1, -1), TOTAL_FILL))
    table.setStyle(TableStyle(commands))
    return table


def _cells(values, *, bold: bool = False) -> list:
    style_left = _style(11, bold=bold, align=TA_LEFT, after=0)
    style_right = _style(11, bold=bold, align=TA_RIGHT, after=0)
    return [Paragraph(str(v), style_right if isinstance(v, int) else style_left) for v in values]


def _breakdown_table(breakdown: Breakdown) -> Table:
    total = breakdown.total
    rows = [[Paragraph(h, CELL_HEAD) for h in ("STT", "Nội dung", "Tổng số", "Nam", "Nữ", "Tỷ lệ")]]
    for index, row in enumerate(breakdown.rows, start=1):
        share = f"{100 * row.total / total:.1f}%".replace(".", ",") if total else "–"
        rows.append(_cells([index, row.label, row.total, row.male, row.female]) + [Paragraph(share, CELL_RIGHT)])
    males = sum(r.male for r in breakdown.rows)
    rows.append(_cells(["", "Cộng", total, males, total - males], bold=True)
                + [Paragraph("100%" if total else "–", _style(11, bold=True, align=TA_RIGHT, after=0))])
    widths = [12 * mm, WIDTH - 12 * mm - 4 * 20 * mm, 20 * mm, 20 * mm, 20 * mm, 20 * mm]
    return _grid(rows, widths, total_row=True)


def _team_table(report: PeriodicReport) -> Table:
    rows = [[Paragraph(h, CELL_HEAD) for h in ("STT", "Tổ bảo vệ ANTT", "Định mức", "Hiện có", "TT", "TP", "TV")]]
    for index, team in enumerate(report.teams, start=1):
        quota = "chưa rõ" if team.quota_max is None else (
            str(team.quota_max) if team.quota_min == team.quota_max else f"{team.quota_min}–{team.quota_max}")
        rows.append(_cells([index, team.team_name, quota, team.total, team.leaders, team.deputies, team.members]))
    rows.append(_cells(["", "Tổng cộng", "", sum(t.total for t in report.teams),
                        sum(t.leaders for t in report.teams), sum(t.deputies for t in report.teams),
                        sum(t.members for t in report.teams)], bold=True))
    widths = [12 * mm, WIDTH - 12 * mm - 20 * mm - 18 * mm - 3 * 13 * mm, 20 * mm, 18 * mm, 13 * mm, 13 * mm, 13 * mm]
    return _grid(rows, widths, total_row=True)


def _movement_text(label: str, moves) -> str:
    if not moves:
        return f"{label}: không có."
    names = "; ".join(f"{m.full_name} ({m.team_name or 'chưa vào tổ'}, {format_vn_date(m.on)})" for m in moves[:40])
    more = f"; và {len(moves) - 40} người khác" if len(moves) > 40 else ""
    return f"{label}: {len(moves)} người — {names}{more}."


def _signature(report: PeriodicReport) -> Table:
    """Nơi nhận (named from the unit record) beside the signature, as on the decisions."""
    return signature_table(_official(report), Styles(), PORTRAIT)
