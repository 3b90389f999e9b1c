"""The annual report worded once, as blocks that the .docx and the PDF writers both lay out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from antt_desktop.domain.annual_report import RESULTS_TITLE, SECTION_TITLES, AnnualReport
from antt_desktop.domain.bm1 import BucketKind
from antt_desktop.domain.money import format_dong
from antt_desktop.domain.official_documents import number_line as blank_number_line
from antt_desktop.domain.service_records import (
    DISCIPLINE_KIND_LABELS,
    EVALUATION_GRADE_LABELS,
    LEAVING_REASON_LABELS,
    TRAINING_KIND_LABELS,
)
from antt_desktop.domain.units import POLICE_REPORT_SYMBOL

NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
NATIONAL_MOTTO = "Độc lập - Tự do - Hạnh phúc"


@dataclass(frozen=True, slots=True)
class Heading:
    text: str
    level: int = 1              # 1: "I. …" bold upper; 2: "1. …" bold


@dataclass(frozen=True, slots=True)
class Text:
    text: str
    italic: bool = False


@dataclass(frozen=True, slots=True)
class TableBlock:
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths_mm: tuple[float, ...]
    numeric_from: int = 1       # columns from this index are right-aligned figures


@dataclass(frozen=True, slots=True)
class AnnualDocument:
    parent_body: str            # CÔNG AN TỈNH GIA LAI
    body: str                   # CÔNG AN XÃ TÂN PHÚ
    number_line: str
    place_date: str
    title_lines: tuple[str, ...]
    blocks: tuple
    recipients: tuple[str, ...]
    signer_title: str
    signer_name: str
    year: int


def written_date(place: str, value: date) -> str:
    # NĐ 30/2020: days below 10 and the months 1 and 2 take a leading zero.
    month = f"{value.month:02d}" if value.month <= 2 else str(value.month)
    return f"{place}, ngày {value.day:02d} tháng {month} năm {value.year}".lstrip(", ")


def compose(report: AnnualReport) -> AnnualDocument:
    heading = report.heading
    bm1 = report.bm1
    row = bm1.total or (bm1.rows[0] if bm1.rows else None)
    f = row.figures if row else {n: 0 for n in range(2, 26)}
    period = report.period
    blocks: list = [Heading(SECTION_TITLES["situation"]), *_texts(report.sections.get("situation", "")),
                    Heading(RESULTS_TITLE)]

    blocks.append(Heading("1. Tổ chức lực lượng", 2))
    unknown_education = sum(r.bucket_count(BucketKind.UNKNOWN_EDUCATION) for r in bm1.rows)
    below_primary = sum(r.bucket_count(BucketKind.BELOW_PRIMARY) for r in bm1.rows)
    unknown_age = sum(r.bucket_count(BucketKind.UNKNOWN_AGE) for r in bm1.rows)
    organisation = [
        ("Tổ bảo vệ an ninh, trật tự theo quyết định của UBND", f[14]),
        ("Tổ bảo vệ an ninh, trật tự thực tế hiện có", f[15]),
        ("Thành viên theo quyết định của UBND", f[2]),
        ("Thành viên thực tế hiện có", f[4]),
        ("   – Nam / Nữ", f"{f[5]} / {f[6]}"),
        ("   – Dưới 70 tuổi / Từ 70 tuổi trở lên", f"{f[7]} / {f[8]}"),
        ("   – Trình độ tiểu học", f[9]),
        ("   – Trình độ THCS, THPT", f[10]),
        ("   – Trình độ trung cấp, cao đẳng", f[11]),
        ("   – Trình độ từ đại học trở lên", f[12]),
    ]
    if below_primary:
        organisation.append(("   – Chưa tốt nghiệp tiểu học", below_primary))
    if unknown_education:
        organisation.append(("   – Chưa rõ trình độ học vấn", unknown_education))
    if unknown_age:
        organisation.append(("   – Chưa rõ tuổi", unknown_age))
    organisation.append(("   – Người dân tộc thiểu số", f[13]))
    blocks.append(TableBlock(("Chỉ tiêu", f"Đến {_d(period.last)}"),
                             tuple((label, _n(value)) for label, value in organisation), (120, 45)))

    blocks.append(Heading("2. Biến động lực lượng trong năm", 2))
    blocks.append(Text(f"Đầu năm báo cáo có {f[3]} thành viên; trong năm tuyển mới {f[16]}, thôi tham gia "
                       f"{f[17]}; " + (f"đến ngày {_d(period.last)} còn" if report.is_partial else "đến cuối kỳ còn")
                       + f" {f[4]} thành viên."))
    if report.months:
        blocks.append(TableBlock(
            ("Kỳ báo cáo", "Kỳ trước", "Tuyển mới", "Thôi tham gia", "Cuối kỳ", "Số liệu"),
            tuple((month_label(m), _n(m.previous), _n(m.joined), _n(m.left), _n(m.now), _source(m))
                  for m in report.months), (48, 20, 21, 24, 20, 32)))
    for reason, count in report.leavers:
        label = LEAVING_REASON_LABELS[reason] if reason else "Chưa ghi lý do thôi tham gia"
        blocks.append(Text(f"– {label}: {count} thành viên."))

    blocks.append(Heading("3. Bồi dưỡng, huấn luyện", 2))
    blocks.append(Text(f"Trong năm có {f[20]} thành viên được bồi dưỡng, huấn luyện theo tài liệu của Bộ Công an "
                       f"qua {f[21]} lớp."))
    if report.courses:
        blocks.append(TableBlock(
            ("STT", "Nội dung", "Hình thức", "Thời gian", "Đơn vị tổ chức", "Tài liệu của Bộ", "Số thành viên"),
            tuple((str(i), line.course.name, TRAINING_KIND_LABELS[line.course.kind], _span(line.course),
                   line.course.organiser, "Có" if line.course.uses_ministry_materials else "Không",
                   _n(line.attendees)) for i, line in enumerate(report.courses, start=1)),
            (14, 42, 20, 30, 30, 19, 19), numeric_from=6))
    else:
        blocks.append(Text("Chưa ghi nhận lớp bồi dưỡng, huấn luyện nào trong năm.", italic=True))

    blocks.append(Heading("4. Khen thưởng, kỷ luật", 2))
    if report.commendations:
        blocks.extend(Text(f"– {label}: {count}.") for label, count in report.commendations)
    else:
        blocks.append(Text("– Chưa ghi nhận khen thưởng trong năm."))
    if report.discipline:
        blocks.extend(Text(f"– {DISCIPLINE_KIND_LABELS[kind]}: {count} thành viên.") for kind, count in report.discipline)
    else:
        blocks.append(Text("– Không có thành viên bị kỷ luật, nhắc nhở bằng văn bản."))

    blocks.append(Heading("5. Đánh giá, xếp loại thành viên", 2))
    graded = sum(count for _, count in report.evaluations)
    if graded:
        blocks.extend(Text(f"– {EVALUATION_GRADE_LABELS[grade]}: {count} thành viên.")
                      for grade, count in report.evaluations)
    else:
        blocks.append(Text(f"– Chưa nhập kết quả đánh giá, xếp loại năm {report.year}."))

    blocks.append(Heading("6. Chế độ, chính sách và trang bị", 2))
    incidents = report.incidents
    blocks.append(Text(
        f"– Bị thương khi làm nhiệm vụ: {incidents.injured}; hy sinh khi làm nhiệm vụ: {incidents.killed}"
        + (f" (chưa có BHYT: {incidents.without_bhyt} trường hợp, chưa có BHXH: {incidents.without_bhxh} "
           f"trường hợp; đã hỗ trợ {format_dong(incidents.support_dong)})"
           if incidents.injured or incidents.killed else "") + "."))
    blocks.append(Text(f"– Thành viên có giấy chứng nhận sử dụng công cụ hỗ trợ còn giá trị: "
                       f"{report.tool_certificates_valid}."))
    if report.equipment:
        blocks.append(TableBlock(("Trang phục, trang bị", "Cấp phát", "Thu hồi"),
                                 tuple((item, _n(issued), _n(returned)) for item, issued, returned in report.equipment),
                                 (95, 35, 35)))

    for key in ("assessment", "direction", "proposals"):
        blocks.append(Heading(SECTION_TITLES[key]))
        blocks.extend(_texts(report.sections.get(key, "")))

    return AnnualDocument(
        parent_body=(heading.higher_unit_name or "").upper(), body=heading.unit_name.upper(),
        number_line=blank_number_line(None, POLICE_REPORT_SYMBOL),
        place_date=written_date(heading.place_name, heading.made_on or period.last),
        title_lines=("BÁO CÁO",
                     # No break inside "ở cơ sở năm 2026": the title's second line keeps it whole.
                     "Kết quả xây dựng, quản lý, sử dụng lực lượng tham gia bảo vệ an ninh, trật tự "
                     f"ở\u00a0cơ\u00a0sở năm\u00a0{report.year}",
                     data_line(report)),
        blocks=tuple(blocks),
        recipients=(f"- {heading.higher_unit_name or 'Cơ quan cấp trên'} (để báo cáo);", "- Lưu: VT."),
        signer_title=heading.signer_title.upper(), signer_name=heading.signer_name, year=report.year)


def data_line(report: AnnualReport) -> str:
    """"(Số liệu từ ngày … đến ngày …)"; made before the year's period ends, it says the figures
    stop at the report date rather than stating days still to come."""
    period = report.period
    line = f"(Số liệu từ ngày {_d(period.first)} đến ngày {_d(period.last)}"
    if report.is_partial:
        line += f", ngày lập báo cáo; kỳ báo cáo năm đến ngày {_d(report.planned_last)} chưa kết thúc"
    return line + ")"


def month_label(line) -> str:
    """"15/12/2025 – 14/01/2026": both years when they differ; a month not yet over says so."""
    first, last = line.period.first, line.period.last
    start = _d(first) if first.year != last.year else first.strftime("%d/%m")
    label = f"{start} – {_d(last)}"
    return label + " (chưa hết kỳ)" if line.is_partial else label


def _source(line) -> str:
    if line.is_submitted:
        return "Đã nộp"
    return "Tạm tính đến ngày lập báo cáo" if line.is_partial else "Tính từ dữ liệu"


def _d(value: date) -> str:
    return value.strftime("%d/%m/%Y")


def _texts(text: str) -> list[Text]:
    return [Text(line.strip()) for line in text.splitlines() if line.strip()]


def _n(value) -> str:
    return f"{value:,}".replace(",", ".") if isinstance(value, int) else str(value)


def _span(course) -> str:
    if course.ends_on and course.ends_on != course.starts_on:
        return f"{course.starts_on.strftime('%d/%m')} – {course.ends_on.strftime('%d/%m/%Y')}"
    return course.starts_on.strftime("%d/%m/%Y")
