"""Thống kê và báo cáo định kỳ (issue #7 §6–7): counting members, pure.

The service gathers the facts (members with their team, position and insurance, the
teams with their quota, the payroll totals); this module counts them for the statistics
tables, the quarterly or yearly report and the dashboard.

A member counts as serving at the end of a day when recognised by then and not yet gone
(`is_serving_on`): headcounts are taken at the end of the period's last day, flows
(recognised, left) within the period, so that start + recognised − left = end (BM1.md).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from antt_desktop.domain import vn_text
from antt_desktop.domain.dates import month_bounds
from antt_desktop.domain.eligibility import age_on
from antt_desktop.domain.errors import DomainError, error_dataclass
from antt_desktop.domain.people import (
    EDUCATION_LABELS,
    POSITION_LABELS,
    PRIOR_FORCE_LABELS,
    EducationLevel,
    Gender,
    MemberStatus,
    Position,
    PriorForce,
)
from antt_desktop.domain.units import DEFAULT_POLICE_CHIEF_TITLE

UNKNOWN = "Chưa rõ"
NO_TEAM = "Chưa vào tổ"
MAJORITY_ETHNICITY = "Kinh"
# Age bands of the statistics; "Từ 70 trở lên" counts 70 itself, as BM1 does.
AGE_BANDS: tuple[tuple[str, int, int], ...] = (
    ("Dưới 30", 0, 29), ("30 – 39", 30, 39), ("40 – 49", 40, 49), ("50 – 59", 50, 59),
    ("60 – 69", 60, 69), ("Từ 70 trở lên", 70, 200),
)
EXPIRY_WINDOW_DAYS = 30          # the dashboard's "sắp hết hạn"
ANNUAL_REPORT_DUE = (12, 15)     # DESIGN §1: the annual report before 15 December


@dataclass(frozen=True, slots=True)
class ReportMember:
    """What the statistics need to know about one member."""

    id: str
    full_name: str
    gender: Gender
    status: MemberStatus
    birth_date: date | None = None
    birth_year: int | None = None
    ethnicity: str = ""
    education_level: EducationLevel | None = None
    prior_force: PriorForce = PriorForce.NEW
    joined_on: date | None = None
    left_on: date | None = None
    hamlet_name: str = ""
    team_id: str | None = None
    team_name: str = ""
    position: Position | None = None
    bhyt_valid_to: date | None = None
    bhxh_participating: bool = False
    id_number: str | None = None
    phone: str | None = None
    leave_reason: str = ""

    def is_serving_on(self, on: date) -> bool:
        """Still a member at the end of day `on`: recognised by then, and `left_on` (the last
        day served) not reached. So a period's end count = its start count + recognised − left
        within it. A member whose dates are missing counts by status."""
        if self.status is MemberStatus.PROPOSED:
            return False
        if self.joined_on is not None and self.joined_on > on:
            return False
        if self.left_on is not None:
            return self.left_on > on
        return self.status is MemberStatus.ACTIVE

    def age(self, on: date) -> int | None:
        if self.birth_date is not None:
            return age_on(self.birth_date, on)
        if self.birth_year is not None:
            return on.year - self.birth_year       # a year alone: the age reached this year
        return None


@dataclass(frozen=True, slots=True)
class CountRow:
    label: str
    total: int
    male: int = 0
    female: int = 0


@dataclass(frozen=True, slots=True)
class Breakdown:
    """One statistics table: members by one property, with men and women."""

    key: str
    title: str
    rows: tuple[CountRow, ...]

    @property
    def total(self) -> int:
        return sum(r.total for r in self.rows)

    def count(self, label: str) -> int:
        return next((r.total for r in self.rows if r.label == label), 0)


@dataclass(frozen=True, slots=True)
class TeamLine:
    """A team with its hamlet, its members by position and its quota (None: not known)."""

    team_name: str
    hamlet_name: str
    leaders: int
    deputies: int
    members: int
    quota_min: int | None = None
    quota_max: int | None = None

    @property
    def total(self) -> int:
        return self.leaders + self.deputies + self.members

    @property
    def fill_text(self) -> str:
        if self.quota_max is None:
            return "chưa xác định định mức"
        if self.total > self.quota_max:
            return "vượt định mức"
        if self.quota_min is not None and self.total < self.quota_min:
            return "thiếu"
        return "đủ"


@dataclass(frozen=True, slots=True)
class Statistics:
    on: date
    total: int
    male: int
    female: int
    minorities: int
    breakdowns: tuple[Breakdown, ...]

    def breakdown(self, key: str) -> Breakdown:
        return next(b for b in self.breakdowns if b.key == key)


BREAKDOWN_TITLES = {
    "team": "Theo tổ bảo vệ ANTT (thôn, tổ dân phố)",
    "position": "Theo chức danh",
    "sex": "Theo giới tính",
    "age": "Theo độ tuổi",
    "education": "Theo trình độ học vấn",
    "ethnicity": "Theo dân tộc",
    "prior_force": "Theo lực lượng trước đây",
    "bhyt": "Bảo hiểm y tế",
    "bhxh": "Bảo hiểm xã hội tự nguyện",
}


def age_band(member: ReportMember, on: date) -> str:
    age = member.age(on)
    if age is None:
        return UNKNOWN
    for label, low, high in AGE_BANDS:
        if low <= age <= high:
            return label
    return UNKNOWN


def bhyt_label(valid_to: date | None, on: date) -> str:
    if valid_to is None:
        return "Chưa có thẻ"
    return "Còn hạn" if valid_to >= on else "Hết hạn"


def statistics(members: Iterable[ReportMember], on: date) -> Statistics:
    """The statistics tables over the members serving on `on`."""
    serving = [m for m in members if m.is_serving_on(on)]

    def table(key: str, label_of, order: Sequence[str] = ()) -> Breakdown:
        totals: Counter = Counter()
        males: Counter = Counter()
        for member in serving:
            label = label_of(member)
            totals[label] += 1
            males[label] += member.gender is Gender.MALE
        labels = [label for label in order if label in totals or key in _SHOW_ZERO]
        rest = sorted((label for label in totals if label not in labels),
                      key=lambda label: (label == UNKNOWN or label == NO_TEAM, -totals[label],
                                         vn_text.natural_key(label)))
        rows = tuple(CountRow(label, totals[label], males[label], totals[label] - males[label])
                     for label in [*labels, *rest])
        return Breakdown(key, BREAKDOWN_TITLES[key], rows)

    team_order = sorted({m.team_name for m in serving if m.team_name}, key=vn_text.natural_key)
    breakdowns = (
        table("team", lambda m: m.team_name or NO_TEAM, team_order),
        table("position", lambda m: POSITION_LABELS[m.position] if m.position else NO_TEAM,
              [POSITION_LABELS[p] for p in Position]),
        table("sex", lambda m: "Nam" if m.gender is Gender.MALE else "Nữ", ["Nam", "Nữ"]),
        table("age", lambda m: age_band(m, on), [label for label, _, _ in AGE_BANDS]),
        table("education", lambda m: EDUCATION_LABELS[m.education_level] if m.education_level else UNKNOWN,
              [EDUCATION_LABELS[level] for level in EducationLevel]),
        table("ethnicity", lambda m: m.ethnicity or UNKNOWN, [MAJORITY_ETHNICITY]),
        table("prior_force", lambda m: PRIOR_FORCE_LABELS[m.prior_force],
              [PRIOR_FORCE_LABELS[force] for force in PriorForce]),
        table("bhyt", lambda m: bhyt_label(m.bhyt_valid_to, on), ["Còn hạn", "Hết hạn", "Chưa có thẻ"]),
        table("bhxh", lambda m: "Đang tham gia" if m.bhxh_participating else "Chưa tham gia",
              ["Đang tham gia", "Chưa tham gia"]),
    )
    male = sum(1 for m in serving if m.gender is Gender.MALE)
    minorities = sum(1 for m in serving if m.ethnicity and vn_text.fold(m.ethnicity) != "kinh")
    return Statistics(on, len(serving), male, len(serving) - male, minorities, breakdowns)


# Tables that list every category even when nobody is in it (the form's fixed rows).
_SHOW_ZERO = frozenset({"position", "sex", "age", "education", "prior_force", "bhyt", "bhxh"})


# --- Periods -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ReportPeriod:
    first: date
    last: date
    label: str             # "Quý III năm 2026", "Năm 2026"

    @property
    def is_year(self) -> bool:
        return self.first == date(self.first.year, 1, 1) and self.last == date(self.first.year, 12, 31)

    @property
    def file_stem(self) -> str:
        return vn_text.fold(self.label).replace(" ", "-")


@error_dataclass
class PeriodUnreadable(DomainError):
    text: str


_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
_QUARTER = re.compile(r"^(\d{4})\s*[-/ ]?\s*[qQ]([1-4])$|^[qQ]([1-4])\s*[-/ ]\s*(\d{4})$")


def quarter(year: int, number: int) -> ReportPeriod:
    first = date(year, 3 * number - 2, 1)
    _, last = month_bounds(year, 3 * number)
    return ReportPeriod(first, last, f"Quý {_ROMAN[number]} năm {year}")


def year_period(year: int) -> ReportPeriod:
    return ReportPeriod(date(year, 1, 1), date(year, 12, 31), f"Năm {year}")


def parse_period(text: str) -> ReportPeriod:
    """"2026-Q3", "Q3/2026" → the quarter; "2026" → the year."""
    cleaned = text.strip()
    if re.fullmatch(r"\d{4}", cleaned):
        return year_period(int(cleaned))
    match = _QUARTER.match(cleaned)
    if not match:
        raise PeriodUnreadable(text)
    year, number = (match.group(1), match.group(2)) if match.group(1) else (match.group(4), match.group(3))
    return quarter(int(year), int(number))


def current_quarter(on: date) -> ReportPeriod:
    return quarter(on.year, (on.month - 1) // 3 + 1)


def previous_quarter(on: date) -> ReportPeriod:
    number = (on.month - 1) // 3
    return quarter(on.year, number) if number else quarter(on.year - 1, 4)


# --- The periodic report -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Movement:
    """A member recognised or leaving within the period."""

    full_name: str
    on: date
    team_name: str = ""
    reason: str = ""


@dataclass(frozen=True, slots=True)
class MonthTotal:
    """Allowances of one month: what locked payroll sheets paid, what drafts hold."""

    month: str             # "2026-11"
    locked_dong: int = 0
    draft_dong: int = 0
    members: int = 0

    @property
    def label(self) -> str:
        return f"{self.month[5:7]}/{self.month[:4]}"


@dataclass(frozen=True, slots=True)
class Issuer:
    """The header and signature of a report: the office that writes it."""

    unit_name: str
    higher_unit_name: str = ""
    place_name: str = ""
    signer_title: str = DEFAULT_POLICE_CHIEF_TITLE
    signer_name: str = ""
    recipients: tuple[str, ...] = ()      # Nơi nhận, named from the unit record

    def recipient_lines(self) -> tuple[str, ...]:
        """Nơi nhận of a report: the units it goes to by name, else the generic addressees."""
        if self.recipients:
            return self.recipients
        return ("Công an cấp trên (để báo cáo);", "Ủy ban nhân dân cấp xã (để báo cáo);", "Lưu: VT.")


def report_recipients(higher_unit_name: str, commune_name: str) -> tuple[str, ...]:
    """"Công an tỉnh Gia Lai (để báo cáo);", "Ủy ban nhân dân xã Tân Phú (để báo cáo);", "Lưu: VT."."""
    lines = []
    if higher_unit_name.strip():
        lines.append(f"{_sentence_case(higher_unit_name.strip())} (để báo cáo);")
    else:
        lines.append("Công an cấp trên (để báo cáo);")
    if commune_name.strip():
        lines.append(f"Ủy ban nhân dân {_lower_first(commune_name.strip())} (để báo cáo);")
    else:
        lines.append("Ủy ban nhân dân cấp xã (để báo cáo);")
    return (*lines, "Lưu: VT.")


def _lower_first(name: str) -> str:
    """"Xã Tân Phú" → "xã Tân Phú" (the kind of unit is lower case inside a sentence)."""
    return name[:1].lower() + name[1:]


def _sentence_case(name: str) -> str:
    """A name stored in capitals ("CÔNG AN TỈNH GIA LAI") as written in a sentence: "Công an tỉnh Gia Lai"."""
    if name != name.upper():
        return name
    words = name.lower().split()
    kinds = {"công", "an", "tỉnh", "thành", "phố", "xã", "phường", "đặc", "khu", "ủy", "ban", "nhân", "dân"}
    result = []
    for index, word in enumerate(words):
        if index == 0:
            result.append(word.capitalize())
        elif word in kinds and all(w in kinds for w in words[1:index + 1]):
            result.append(word)
        else:
            result.append(word.capitalize())
    return " ".join(result)


@dataclass(frozen=True, slots=True)
class PeriodicReport:
    issuer: Issuer
    period: ReportPeriod
    made_on: date
    statistics: Statistics
    start_total: int
    joined: tuple[Movement, ...]
    left: tuple[Movement, ...]
    teams: tuple[TeamLine, ...]
    hamlet_count: int
    allowances: tuple[MonthTotal, ...] = ()
    bhyt_expiring: int = 0                # valid at the period's end, ending within 30 days after it

    @property
    def quota_max_total(self) -> int | None:
        maxima = [t.quota_max for t in self.teams]
        return sum(maxima) if maxima and all(m is not None for m in maxima) else None

    @property
    def paid_dong(self) -> int:
        return sum(m.locked_dong for m in self.allowances)

    @property
    def annual_due(self) -> date | None:
        return date(self.period.first.year, *ANNUAL_REPORT_DUE) if self.period.is_year else None


def movements(members: Iterable[ReportMember], period: ReportPeriod) -> tuple[tuple[Movement, ...], tuple[Movement, ...]]:
    """Who was recognised and who left within the period, in date order."""
    joined, left = [], []
    for member in members:
        if member.status is not MemberStatus.PROPOSED and member.joined_on \
                and period.first <= member.joined_on <= period.last:
            joined.append(Movement(member.full_name, member.joined_on, member.team_name))
        if member.left_on and period.first <= member.left_on <= period.last:
            left.append(Movement(member.full_name, member.left_on, member.team_name, member.leave_reason))
    order = lambda m: (m.on, vn_text.name_sort_key(m.full_name))  # noqa: E731
    return tuple(sorted(joined, key=order)), tuple(sorted(left, key=order))


def build_periodic_report(members: Sequence[ReportMember], period: ReportPeriod, *, issuer: Issuer,
                          made_on: date, teams: Sequence[TeamLine], hamlet_count: int,
                          allowances: Sequence[MonthTotal] = ()) -> PeriodicReport:
    """The report of a quarter or a year: headcount at its end, movements within it."""
    stats = statistics(members, period.last)
    before = period.first - timedelta(days=1)
    start_total = sum(1 for m in members if m.is_serving_on(before))
    joined, left = movements(members, period)
    horizon = period.last + timedelta(days=EXPIRY_WINDOW_DAYS)
    expiring = sum(1 for m in members if m.is_serving_on(period.last) and m.bhyt_valid_to
                   and period.last <= m.bhyt_valid_to <= horizon)
    return PeriodicReport(issuer, period, made_on, stats, start_total, joined, left, tuple(teams), hamlet_count,
                          tuple(allowances), expiring)


# --- The dashboard -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Dashboard:
    on: date
    teams: tuple[TeamLine, ...]
    ages: Breakdown
    bhyt: Breakdown
    expiring_by_month: tuple[tuple[str, int], ...]      # ("12/2026", 3): cards ending that month
    expiring_soon: int                                  # within EXPIRY_WINDOW_DAYS
    allowances: tuple[MonthTotal, ...]                  # the last 12 months, oldest first
    total: int = 0
    proposed: int = 0
    notes: tuple[str, ...] = field(default_factory=tuple)


def last_months(on: date, count: int = 12) -> list[str]:
    """"2025-12" … "2026-11": the `count` months up to and including `on`'s month."""
    months = []
    year, month = on.year, on.month
    for _ in range(count):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return months[::-1]


def build_dashboard(members: Sequence[ReportMember], on: date, *, teams: Sequence[TeamLine],
                    allowances: Sequence[MonthTotal], months_ahead: int = 6) -> Dashboard:
    stats = statistics(members, on)
    serving = [m for m in members if m.is_serving_on(on)]
    ahead: Counter = Counter()
    _, last_shown = month_bounds(*_add_month(on.year, on.month, months_ahead - 1))
    for member in serving:
        valid_to = member.bhyt_valid_to
        if valid_to is not None and on <= valid_to <= last_shown:
            ahead[f"{valid_to.month:02d}/{valid_to.year}"] += 1
    labels = []
    year, month = on.year, on.month
    for _ in range(months_ahead):
        labels.append(f"{month:02d}/{year}")
        year, month = _add_month(year, month, 1)
    soon = sum(1 for m in serving if m.bhyt_valid_to and on <= m.bhyt_valid_to <= on + timedelta(days=EXPIRY_WINDOW_DAYS))
    by_month = {m.month: m for m in allowances}
    twelve = tuple(by_month.get(month, MonthTotal(month)) for month in last_months(on))
    return Dashboard(on, tuple(teams), stats.breakdown("age"), stats.breakdown("bhyt"),
                     tuple((label, ahead[label]) for label in labels), soon, twelve, stats.total,
                     sum(1 for m in members if m.status is MemberStatus.PROPOSED))


def _add_month(year: int, month: int, count: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + count
    return index // 12, index % 12 + 1
