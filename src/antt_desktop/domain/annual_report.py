"""The annual report (báo cáo năm, due before 15 December): the year's figures and text sections.

Pure: the service passes the records of the year; this module counts them and drafts the
default wording of the editable sections.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from antt_desktop.domain import vn_text
from antt_desktop.domain.bm1 import Bm1Period, Bm1Report, BucketKind
from antt_desktop.domain.service_records import (
    COMMENDATION_FORM_LABELS,
    COMMENDATION_SCOPE_LABELS,
    AnnualEvaluation,
    Commendation,
    DisciplineKind,
    DisciplineRecord,
    DutyIncident,
    EquipmentDirection,
    EquipmentMovement,
    EvaluationGrade,
    IncidentKind,
    LeavingReason,
    LeavingRecord,
    ToolCertificate,
    TrainingAttendance,
    TrainingCourse,
)
from antt_desktop.domain.units import DEFAULT_POLICE_CHIEF_TITLE

# The editable sections, in the order they print; the figures sit between the first and the rest.
SECTION_TITLES = {
    "situation": "I. TÌNH HÌNH CHUNG",
    "assessment": "III. ĐÁNH GIÁ CHUNG",
    "direction": "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM TỚI",
    "proposals": "V. KIẾN NGHỊ, ĐỀ XUẤT",
}
RESULTS_TITLE = "II. KẾT QUẢ XÂY DỰNG, QUẢN LÝ, SỬ DỤNG LỰC LƯỢNG"


@dataclass(frozen=True, slots=True)
class ReportHeading:
    """Who reports, where and when, and who signs (NĐ 30/2020 layout)."""

    unit_name: str                 # "Công an xã Tân Phú"
    higher_unit_name: str = ""     # "Công an tỉnh Gia Lai"
    place_name: str = ""           # "Tân Phú"
    made_on: date | None = None
    signer_title: str = DEFAULT_POLICE_CHIEF_TITLE
    signer_name: str = ""


@dataclass(frozen=True, slots=True)
class MonthLine:
    period: Bm1Period
    previous: int
    joined: int
    left: int
    now: int
    is_submitted: bool
    is_partial: bool = False        # the month has not ended: figures up to the report date


@dataclass(frozen=True, slots=True)
class CourseLine:
    course: TrainingCourse
    attendees: int


@dataclass(frozen=True, slots=True)
class IncidentSummary:
    injured: int = 0
    killed: int = 0
    without_bhyt: int = 0
    without_bhxh: int = 0
    support_dong: int = 0


@dataclass(frozen=True, slots=True)
class AnnualReport:
    year: int
    heading: ReportHeading
    bm1: Bm1Report                                  # the year as one BM1 period
    months: tuple[MonthLine, ...]
    courses: tuple[CourseLine, ...]
    commendations: tuple[tuple[str, int], ...]      # ("Bằng khen – Tập thể", 2)
    discipline: tuple[tuple[DisciplineKind, int], ...]
    evaluations: tuple[tuple[EvaluationGrade, int], ...]
    incidents: IncidentSummary
    equipment: tuple[tuple[str, int, int], ...]     # (item, issued, returned) in the year
    tool_certificates_valid: int
    leavers: tuple[tuple[LeavingReason | None, int], ...]
    sections: dict[str, str] = field(default_factory=dict)
    planned_last: date | None = None                # the year's period ends later: 14/12

    @property
    def period(self) -> Bm1Period:
        """The period the figures cover: up to the report date while the year runs."""
        return self.bm1.period

    @property
    def is_partial(self) -> bool:
        """Made before the reporting year ends: the figures stop at the report date."""
        return self.planned_last is not None and self.planned_last > self.period.last


@dataclass(frozen=True, slots=True)
class YearRecords:
    """The records of every commune the report covers."""

    courses: Sequence[TrainingCourse] = ()
    attendances: Sequence[TrainingAttendance] = ()
    commendations: Sequence[Commendation] = ()
    discipline: Sequence[DisciplineRecord] = ()
    evaluations: Sequence[AnnualEvaluation] = ()
    incidents: Sequence[DutyIncident] = ()
    equipment: Sequence[EquipmentMovement] = ()
    tool_certificates: Sequence[ToolCertificate] = ()
    leaving: Sequence[LeavingRecord] = ()
    left_member_ids: frozenset[str] = frozenset()  # who left in the year (BM1 column 17)


def summarize_year(year: int, heading: ReportHeading, bm1: Bm1Report, months: Iterable[MonthLine],
                   records: YearRecords, sections: dict[str, str] | None = None, *,
                   planned_last: date | None = None) -> AnnualReport:
    """`bm1` covers the year up to the report date; `planned_last` is the year's period end
    (14/12) when that is later, so the report says its figures stop short of it."""
    period = bm1.period
    attendees = Counter(a.course_id for a in records.attendances)
    courses = tuple(CourseLine(c, attendees[c.id]) for c in sorted(records.courses, key=lambda c: c.starts_on)
                    if c.last_day in period)
    commendations = Counter()
    for commendation in records.commendations:
        if commendation.awarded_on in period:
            commendations[f"{COMMENDATION_FORM_LABELS[commendation.form]} – "
                          f"{COMMENDATION_SCOPE_LABELS[commendation.scope]}"] += 1
    discipline = Counter(d.kind for d in records.discipline if d.decided_on in period)
    evaluations = Counter(e.grade for e in records.evaluations if e.year == year)
    incidents = [i for i in records.incidents if i.occurred_on in period]
    incident_summary = IncidentSummary(
        injured=len({i.member_id for i in incidents if i.kind is IncidentKind.INJURED}),
        killed=len({i.member_id for i in incidents if i.kind is IncidentKind.KILLED}),
        without_bhyt=sum(1 for i in incidents if not i.has_bhyt),
        without_bhxh=sum(1 for i in incidents if not i.has_bhxh),
        support_dong=sum(i.support_dong or 0 for i in incidents))
    moved: dict[str, list[int]] = {}
    names: dict[str, str] = {}
    for movement in records.equipment:
        if movement.moved_on not in period:
            continue
        key = vn_text.fold(movement.item)
        names.setdefault(key, movement.item)
        counts = moved.setdefault(key, [0, 0])
        counts[0 if movement.direction is EquipmentDirection.ISSUED else 1] += movement.quantity
    equipment = tuple(sorted(((names[k], v[0], v[1]) for k, v in moved.items()), key=lambda t: vn_text.fold(t[0])))
    valid = len({c.member_id for c in records.tool_certificates if c.is_valid_on(period.last)})
    reasons = {r.member_id: r.reason for r in sorted(records.leaving, key=lambda r: r.left_on)}
    leavers = Counter(reasons.get(member_id) for member_id in records.left_member_ids)
    report = AnnualReport(
        year=year, heading=heading, bm1=bm1, months=tuple(months), courses=courses,
        commendations=tuple(sorted(commendations.items())),
        discipline=tuple((k, discipline[k]) for k in DisciplineKind if discipline[k]),
        evaluations=tuple((g, evaluations[g]) for g in EvaluationGrade),
        incidents=incident_summary, equipment=equipment, tool_certificates_valid=valid,
        leavers=tuple(sorted(leavers.items(), key=lambda kv: (kv[0] is None, kv[0].value if kv[0] else ""))),
        planned_last=planned_last if planned_last is not None and planned_last > period.last else None,
    )
    drafted = default_sections(report)
    drafted.update({k: v for k, v in (sections or {}).items() if k in SECTION_TITLES and v.strip()})
    return replace(report, sections=drafted)


def default_sections(report: AnnualReport) -> dict[str, str]:
    """The wording an officer starts from; every section can be rewritten."""
    total = report.bm1.total or (report.bm1.rows[0] if report.bm1.rows else None)
    f = total.figures if total else {}
    unknown = sum(row.bucket_count(BucketKind.UNKNOWN_EDUCATION) for row in report.bm1.rows)
    trained = f.get(20, 0)
    classes = f.get(21, 0)
    situation = (
        f"Thực hiện Luật Lực lượng tham gia bảo vệ an ninh, trật tự ở cơ sở năm 2023 và các văn bản "
        f"hướng dẫn, {report.heading.unit_name} đã tham mưu củng cố, kiện toàn lực lượng tham gia bảo vệ "
        f"an ninh, trật tự ở cơ sở. Đến ngày {report.period.last.strftime('%d/%m/%Y')}, toàn đơn vị có "
        f"{f.get(15, 0)} Tổ bảo vệ an ninh, trật tự đang hoạt động ({f.get(14, 0)} tổ theo quyết định của "
        f"Ủy ban nhân dân) với {f.get(4, 0)} thành viên (theo quyết định: {f.get(2, 0)})."
    )
    assessment = (
        f"Ưu điểm: lực lượng được duy trì ổn định; trong năm tuyển mới {f.get(16, 0)} thành viên, "
        f"{f.get(17, 0)} thành viên thôi tham gia; {trained} lượt thành viên được bồi dưỡng, huấn luyện "
        f"theo tài liệu của Bộ qua {classes} lớp.\n"
        "Hạn chế: "
        + (f"còn {unknown} thành viên chưa cập nhật trình độ học vấn; " if unknown else "")
        + "(đơn vị bổ sung)."
    )
    return {
        "situation": situation,
        "assessment": assessment,
        "direction": "Tiếp tục kiện toàn tổ chức, bồi dưỡng, huấn luyện và bảo đảm chế độ, chính sách cho "
                     "lực lượng tham gia bảo vệ an ninh, trật tự ở cơ sở (đơn vị bổ sung).",
        "proposals": "(Đơn vị bổ sung kiến nghị, đề xuất nếu có.)",
    }
