"""Biểu mẫu 01 (BM1): the 25 columns of the periodic statistics, computed from member facts.

Pure: the service gathers the facts of each commune, the period and the previous submitted
report; this module counts. Headcounts are taken on the period's last day, flows (joined,
left, injured, trained, commended) within the period (domain/BM1.md). The column set is data
(`BM1_COLUMNS`), because the official template has not been obtained and may differ.

Rules kept on purpose (the pitfalls of an earlier implementation, BM1.md):
- unknown education is its own bucket, shown, never counted as THCS; so is "chưa tốt nghiệp
  tiểu học", which no column of the form holds;
- "Từ 70 trở lên" counts 70 itself;
- actual teams are counted as they are, not copied from the decided ones;
- classes are counted as classes, members as members;
- the previous figure comes from the last submitted report; when none exists it is rebuilt
  from the dates and a note says so.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import Enum

from antt_desktop.domain import vn_text
from antt_desktop.domain.eligibility import age_on
from antt_desktop.domain.errors import DomainError, error_dataclass
from antt_desktop.domain.people import EducationLevel, Gender, MemberStatus
from antt_desktop.domain.service_records import (
    Commendation,
    CommendationForm,
    CommendationScope,
    DutyIncident,
    IncidentKind,
    TrainingAttendance,
    TrainingCourse,
    TrainingKind,
)

AGE_LIMIT = 70                      # "Từ 70 trở lên": 70 itself is in the older group
PERIOD_START_DAY = 15               # the 15th of the previous month to the 14th of this one


@dataclass(frozen=True, slots=True)
class Bm1Column:
    """One column of the form: its printed number, a key, and its header from the top level
    down (one to three levels; a shorter tuple merges down to the bottom of the header)."""

    number: int
    key: str
    headers: tuple[str, ...]


_STRUCTURE = "Cơ cấu thành viên thực tế hiện có"
BM1_COLUMNS: tuple[Bm1Column, ...] = (
    Bm1Column(1, "stt", ("STT",)),
    Bm1Column(2, "members_decided", ("Thành viên theo quyết định của UBND",)),
    Bm1Column(3, "members_previous", ("Thành viên theo báo cáo kỳ trước liền kề",)),
    Bm1Column(4, "members_now", ("Thành viên thực tế hiện có",)),
    Bm1Column(5, "male", (_STRUCTURE, "Giới tính", "Nam")),
    Bm1Column(6, "female", (_STRUCTURE, "Giới tính", "Nữ")),
    Bm1Column(7, "under_70", (_STRUCTURE, "Độ tuổi", "Dưới 70")),
    Bm1Column(8, "aged_70_plus", (_STRUCTURE, "Độ tuổi", "Từ 70 trở lên")),
    Bm1Column(9, "primary", (_STRUCTURE, "Trình độ", "Tiểu học")),
    Bm1Column(10, "secondary", (_STRUCTURE, "Trình độ", "THCS, THPT")),
    Bm1Column(11, "vocational", (_STRUCTURE, "Trình độ", "Trung cấp, Cao đẳng")),
    Bm1Column(12, "university", (_STRUCTURE, "Trình độ", "Từ Đại học trở lên")),
    Bm1Column(13, "ethnic_minority", (_STRUCTURE, "Người dân tộc thiểu số")),
    Bm1Column(14, "teams_decided", ("Tổ bảo vệ ANTT", "Theo quyết định của UBND")),
    Bm1Column(15, "teams_actual", ("Tổ bảo vệ ANTT", "Thực tế hiện có")),
    Bm1Column(16, "joined", ("Thành viên tuyển mới trong kỳ",)),
    Bm1Column(17, "left", ("Thôi tham gia (xin thôi, hoặc chết khi không làm nhiệm vụ) trong kỳ",)),
    Bm1Column(18, "injured", ("Khi làm nhiệm vụ", "Bị thương")),
    Bm1Column(19, "killed", ("Khi làm nhiệm vụ", "Hy sinh")),
    Bm1Column(20, "trained_members", ("Bồi dưỡng, huấn luyện theo tài liệu của Bộ", "Số thành viên")),
    Bm1Column(21, "training_classes", ("Bồi dưỡng, huấn luyện theo tài liệu của Bộ", "Số lớp")),
    Bm1Column(22, "merit_collective", ("Khen thưởng", "Bằng khen", "Tập thể")),
    Bm1Column(23, "merit_individual", ("Khen thưởng", "Bằng khen", "Cá nhân")),
    Bm1Column(24, "praise_collective", ("Khen thưởng", "Giấy khen", "Tập thể")),
    Bm1Column(25, "praise_individual", ("Khen thưởng", "Giấy khen", "Cá nhân")),
)
FIGURE_COLUMNS = tuple(column.number for column in BM1_COLUMNS if column.number >= 2)
COLUMN_BY_KEY = {column.key: column.number for column in BM1_COLUMNS}
UNIT_HEADER = "Đơn vị"
TOTAL_LABEL = "TỔNG CỘNG"

# Trình độ columns 9–12. NONE ("chưa tốt nghiệp tiểu học") has no column: it is shown apart.
EDUCATION_COLUMNS = {
    EducationLevel.PRIMARY: 9,
    EducationLevel.LOWER_SECONDARY: 10, EducationLevel.UPPER_SECONDARY: 10,
    EducationLevel.VOCATIONAL: 11, EducationLevel.COLLEGE: 11,
    EducationLevel.UNIVERSITY: 12, EducationLevel.POSTGRADUATE: 12,
}
# Trained members and classes (20–21) count courses and training, not drills or contests.
TRAINING_KINDS_COUNTED = frozenset({TrainingKind.COURSE, TrainingKind.TRAINING})


# --- Period ----------------------------------------------------------------------------------


@error_dataclass
class PeriodReversed(DomainError):
    first: date
    last: date


@error_dataclass
class PeriodIncomplete(DomainError):
    """Only one end of the period was given."""

    given: str          # "from" or "to"


@error_dataclass
class PeriodNotEnded(DomainError):
    last: date
    today: date


@dataclass(frozen=True, slots=True)
class Bm1Period:
    """Kỳ báo cáo: both days included."""

    first: date
    last: date

    def __post_init__(self) -> None:
        if self.last < self.first:
            raise PeriodReversed(self.first, self.last)

    def __contains__(self, day: date | None) -> bool:
        return day is not None and self.first <= day <= self.last

    @property
    def day_before(self) -> date:
        return self.first - timedelta(days=1)


def default_period(today: date) -> Bm1Period:
    """The 15th of the previous month to the 14th of this one (the period seen in use)."""
    previous_year, previous_month = (today.year - 1, 12) if today.month == 1 else (today.year, today.month - 1)
    return Bm1Period(date(previous_year, previous_month, PERIOD_START_DAY),
                     date(today.year, today.month, PERIOD_START_DAY - 1))


def monthly_period(year: int, month: int) -> Bm1Period:
    return default_period(date(year, month, 1))


def annual_period(year: int) -> Bm1Period:
    """15/12 of the previous year to 14/12: the twelve monthly periods, due before 15 December."""
    return Bm1Period(date(year - 1, 12, PERIOD_START_DAY), date(year, 12, PERIOD_START_DAY - 1))


def period_until(period: Bm1Period, day: date) -> Bm1Period | None:
    """The part of `period` up to `day` (figures are never stated past the day they are taken):
    the period itself once it has ended, None if it has not begun."""
    if day >= period.last:
        return period
    if day < period.first:
        return None
    return Bm1Period(period.first, day)


# --- Facts -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MemberFacts:
    id: str
    full_name: str
    gender: Gender
    status: MemberStatus
    birth_date: date | None = None
    birth_year: int | None = None
    education_level: EducationLevel | None = None
    ethnicity: str = "Kinh"
    joined_on: date | None = None
    left_on: date | None = None

    def in_force_on(self, day: date) -> bool:
        """On the force's list at the end of `day`.

        `joined_on` is the first day in the force and `left_on` the last one, as the
        assignments record them (services/organisation.end_in). A proposed member never is on
        the list. An active member without a joining date is taken as present since always (a
        note names him); a member who left without a date never is.
        """
        if self.status is MemberStatus.PROPOSED:
            return False
        if self.left_on is not None and self.left_on < day:
            return False
        if self.status is MemberStatus.LEFT and self.left_on is None:
            return False
        return self.joined_on is None or self.joined_on <= day

    def age_on(self, day: date) -> int | None:
        """Full years on `day`; with the birth year alone, the year's difference."""
        if self.birth_date is not None:
            return age_on(self.birth_date, day)
        if self.birth_year is not None:
            return day.year - self.birth_year
        return None


@dataclass(frozen=True, slots=True)
class TeamFacts:
    id: str
    name: str
    is_decided: bool                  # established by a decision of the UBND
    established_on: date | None = None
    dissolved_on: date | None = None
    decided_quota: int | None = None  # members the decision allows (None: not known)

    def exists_on(self, day: date) -> bool:
        if self.established_on is not None and self.established_on > day:
            return False
        return self.dissolved_on is None or self.dissolved_on > day


@dataclass(frozen=True, slots=True)
class PlacementFacts:
    """A member's position in a team from `started_on` to `ended_on` (its last day)."""

    member_id: str
    team_id: str
    started_on: date
    ended_on: date | None = None

    def covers(self, day: date) -> bool:
        return self.started_on <= day and (self.ended_on is None or self.ended_on >= day)


@dataclass(frozen=True, slots=True)
class CommuneFacts:
    """Everything BM1 needs to know about one commune."""

    unit_code: str
    name: str
    members: tuple[MemberFacts, ...]
    teams: tuple[TeamFacts, ...] = ()
    placements: tuple[PlacementFacts, ...] = ()
    incidents: tuple[DutyIncident, ...] = ()
    courses: tuple[TrainingCourse, ...] = ()
    attendances: tuple[TrainingAttendance, ...] = ()
    commendations: tuple[Commendation, ...] = ()


class PreviousSource(str, Enum):
    SUBMITTED = "submitted"     # from the last report actually submitted
    COMPUTED = "computed"       # no submitted report: rebuilt from the dates (noted)


@dataclass(frozen=True, slots=True)
class PreviousFigures:
    """The figure of column 3 and, when known, who was counted in it."""

    count: int
    member_ids: frozenset[str] | None
    period_last: date
    source: PreviousSource
    report_id: str | None = None


@dataclass(frozen=True, slots=True)
class StoredReport:
    """A periodic report as kept when submitted: per row the unit, the figures by column number
    (as text keys, JSON-ready) and the ids of the members counted at the end."""

    id: str
    unit_code: str
    kind: str
    period_first: date
    period_last: date
    submitted_at: datetime
    submitted_by: str
    rows: tuple[dict, ...]


# --- Result ----------------------------------------------------------------------------------


class BucketKind(str, Enum):
    """Members that no column of the form holds, shown apart so nothing is silently counted."""

    UNKNOWN_EDUCATION = "unknown_education"
    BELOW_PRIMARY = "below_primary"
    UNKNOWN_AGE = "unknown_age"


@dataclass(frozen=True, slots=True)
class Bm1Row:
    unit_code: str
    name: str
    figures: dict[int, int]                   # column number (2–25) -> value
    now_ids: frozenset[str] = frozenset()
    joined_ids: frozenset[str] = frozenset()
    left_ids: frozenset[str] = frozenset()
    buckets: dict[BucketKind, tuple[str, ...]] = field(default_factory=dict)
    previous: PreviousFigures | None = None

    def __getitem__(self, column: int) -> int:
        return self.figures[column]

    def bucket_count(self, kind: BucketKind) -> int:
        return len(self.buckets.get(kind, ()))


class BreakKind(str, Enum):
    GENDER = "gender"             # Nam + Nữ ≠ thực tế hiện có
    AGE = "age"                   # Dưới 70 + Từ 70 ≠ thực tế hiện có
    EDUCATION = "education"       # cột 9–12 ≠ thực tế hiện có
    MOVEMENT = "movement"         # kỳ trước − thôi + tuyển mới ≠ thực tế hiện có


class BreakCause(str, Enum):
    UNKNOWN_EDUCATION = "unknown_education"
    BELOW_PRIMARY = "below_primary"
    UNKNOWN_AGE = "unknown_age"
    NOT_IN_PREVIOUS = "not_in_previous"             # present at the end, not in the previous report, not joined
    MISSING_AT_END = "missing_at_end"               # in the previous report, not left, yet absent at the end
    LEFT_NOT_IN_PREVIOUS = "left_not_in_previous"   # left in the period but was not in the previous report
    JOINED_ALREADY_IN_PREVIOUS = "joined_already_in_previous"
    LEFT_WITHOUT_DATE = "left_without_date"         # status "left" but no leaving date
    LEFT_BEFORE_JOINED = "left_before_joined"
    UNKNOWN_PEOPLE = "unknown_people"               # the previous report named no members


@dataclass(frozen=True, slots=True)
class BreakMember:
    member_id: str
    full_name: str
    cause: BreakCause


@dataclass(frozen=True, slots=True)
class Bm1Break:
    """An invariant that does not hold in one row, with the members behind it."""

    kind: BreakKind
    unit_code: str
    unit_name: str
    expected: int
    actual: int
    members: tuple[BreakMember, ...]


class NoteKind(str, Enum):
    PREVIOUS_COMPUTED = "previous_computed"
    PREVIOUS_NOT_ADJACENT = "previous_not_adjacent"
    QUOTA_UNKNOWN = "quota_unknown"
    JOIN_DATE_MISSING = "join_date_missing"
    NOT_IN_OFFICIAL_ORDER = "not_in_official_order"


@dataclass(frozen=True, slots=True)
class Bm1Note:
    """Something the officer should know that is not a broken invariant."""

    kind: NoteKind
    unit_code: str
    unit_name: str
    count: int = 0
    day: date | None = None
    names: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Bm1Report:
    period: Bm1Period
    rows: tuple[Bm1Row, ...]
    total: Bm1Row | None                      # the TỔNG CỘNG row (the higher unit's sheet)
    breaks: tuple[Bm1Break, ...]
    notes: tuple[Bm1Note, ...]
    title_unit: str = ""                      # who reports: the commune, or the province's police

    @property
    def is_consistent(self) -> bool:
        return not self.breaks

    def all_rows(self) -> tuple[Bm1Row, ...]:
        return self.rows + ((self.total,) if self.total is not None else ())


# --- Computation -----------------------------------------------------------------------------


def previous_from_dates(facts: CommuneFacts, period: Bm1Period) -> PreviousFigures:
    """Column 3 rebuilt from the dates, for a first report with nothing submitted before."""
    ids = frozenset(m.id for m in facts.members if m.in_force_on(period.day_before))
    return PreviousFigures(len(ids), ids, period.day_before, PreviousSource.COMPUTED)


def compute_row(facts: CommuneFacts, period: Bm1Period, previous: PreviousFigures | None = None) -> Bm1Row:
    """The 24 figures (columns 2–25) of one commune."""
    previous = previous or previous_from_dates(facts, period)
    last = period.last
    now = [m for m in facts.members if m.in_force_on(last)]
    now_ids = frozenset(m.id for m in now)
    figures = {number: 0 for number in FIGURE_COLUMNS}
    buckets: dict[BucketKind, list[str]] = {kind: [] for kind in BucketKind}

    figures[3] = previous.count
    figures[4] = len(now)
    for member in now:
        figures[5 if member.gender is Gender.MALE else 6] += 1
        age = member.age_on(last)
        if age is None:
            buckets[BucketKind.UNKNOWN_AGE].append(member.id)
        else:
            figures[8 if age >= AGE_LIMIT else 7] += 1
        if member.education_level is None:
            buckets[BucketKind.UNKNOWN_EDUCATION].append(member.id)
        elif member.education_level in EDUCATION_COLUMNS:
            figures[EDUCATION_COLUMNS[member.education_level]] += 1
        else:
            buckets[BucketKind.BELOW_PRIMARY].append(member.id)
        if is_ethnic_minority(member.ethnicity):
            figures[13] += 1

    decided = [t for t in facts.teams if t.is_decided and t.exists_on(last)]
    figures[2] = sum(t.decided_quota or 0 for t in decided)
    figures[14] = len(decided)
    existing = {t.id for t in facts.teams if t.exists_on(last)}
    figures[15] = len({p.team_id for p in facts.placements
                       if p.team_id in existing and p.member_id in now_ids and p.covers(last)})

    joined_ids = frozenset(m.id for m in facts.members
                           if m.status is not MemberStatus.PROPOSED and m.joined_on in period)
    # Left in the period: the first day out (the day after `left_on`) falls inside it.
    left_ids = frozenset(m.id for m in facts.members
                         if m.left_on is not None and period.day_before <= m.left_on < period.last)
    figures[16] = len(joined_ids)
    figures[17] = len(left_ids)

    for kind, column in ((IncidentKind.INJURED, 18), (IncidentKind.KILLED, 19)):
        figures[column] = len({i.member_id for i in facts.incidents if i.kind is kind and i.occurred_on in period})

    counted = {c.id: c for c in facts.courses
               if c.uses_ministry_materials and c.kind in TRAINING_KINDS_COUNTED and c.last_day in period}
    trained = {a.member_id for a in facts.attendances if a.course_id in counted}
    figures[20] = len(trained)
    figures[21] = len(counted)

    for commendation in facts.commendations:
        if commendation.awarded_on not in period:
            continue
        column = _COMMENDATION_COLUMNS.get((commendation.form, commendation.scope))
        if column is not None:
            figures[column] += 1
    return Bm1Row(facts.unit_code, facts.name, figures, now_ids, joined_ids, left_ids,
                  {kind: tuple(ids) for kind, ids in buckets.items() if ids}, previous)


_COMMENDATION_COLUMNS = {
    (CommendationForm.CERTIFICATE_OF_MERIT, CommendationScope.COLLECTIVE): 22,
    (CommendationForm.CERTIFICATE_OF_MERIT, CommendationScope.INDIVIDUAL): 23,
    (CommendationForm.LETTER_OF_PRAISE, CommendationScope.COLLECTIVE): 24,
    (CommendationForm.LETTER_OF_PRAISE, CommendationScope.INDIVIDUAL): 25,
}


def is_ethnic_minority(ethnicity: str) -> bool:
    folded = vn_text.fold(ethnicity or "")
    return bool(folded) and folded not in ("kinh", "viet", "kinh (viet)")


def total_row(rows: Sequence[Bm1Row]) -> Bm1Row:
    """TỔNG CỘNG: the sum of every figure column."""
    figures = {number: sum(row.figures[number] for row in rows) for number in FIGURE_COLUMNS}
    return Bm1Row("", TOTAL_LABEL, figures)


def check_row(row: Bm1Row, facts: CommuneFacts) -> list[Bm1Break]:
    """The invariants of BM1.md on one row; each break names the members behind it."""
    names = {m.id: m for m in facts.members}
    breaks: list[Bm1Break] = []
    f = row.figures

    def people(ids: Iterable[str], cause: BreakCause) -> list[BreakMember]:
        return [BreakMember(i, names[i].full_name if i in names else i, cause) for i in ids]

    if f[5] + f[6] != f[4]:
        breaks.append(Bm1Break(BreakKind.GENDER, row.unit_code, row.name, f[4], f[5] + f[6], ()))
    if f[7] + f[8] != f[4]:
        breaks.append(Bm1Break(BreakKind.AGE, row.unit_code, row.name, f[4], f[7] + f[8], tuple(
            people(row.buckets.get(BucketKind.UNKNOWN_AGE, ()), BreakCause.UNKNOWN_AGE))))
    education = sum(f[c] for c in (9, 10, 11, 12))
    if education != f[4]:
        breaks.append(Bm1Break(BreakKind.EDUCATION, row.unit_code, row.name, f[4], education, tuple(
            people(row.buckets.get(BucketKind.UNKNOWN_EDUCATION, ()), BreakCause.UNKNOWN_EDUCATION)
            + people(row.buckets.get(BucketKind.BELOW_PRIMARY, ()), BreakCause.BELOW_PRIMARY))))
    expected = f[3] - f[17] + f[16]
    culprits = _movement_culprits(row, names)
    if expected != f[4] or culprits:
        breaks.append(Bm1Break(BreakKind.MOVEMENT, row.unit_code, row.name, expected, f[4], tuple(culprits)))
    return breaks


def _movement_culprits(row: Bm1Row, names: dict[str, MemberFacts]) -> list[BreakMember]:
    """Members whose own movement does not add up: in the previous report − left + joined ≠ at end.

    Summed over all members these contributions are exactly the count difference, so the
    list always explains the break (unless the previous report did not name its members).
    """
    previous = row.previous
    if previous is None or previous.member_ids is None:
        if previous is not None and previous.count - row[17] + row[16] != row[4]:
            return [BreakMember("", "", BreakCause.UNKNOWN_PEOPLE)]
        return []
    before = previous.member_ids
    culprits: list[BreakMember] = []
    for member_id in sorted(before | row.joined_ids | row.left_ids | row.now_ids):
        contribution = ((member_id in before) - (member_id in row.left_ids)
                        + (member_id in row.joined_ids) - (member_id in row.now_ids))
        if contribution == 0:
            continue
        member = names.get(member_id)
        culprits.append(BreakMember(member_id, member.full_name if member else member_id,
                                    _movement_cause(member_id, member, row, before)))
    return sorted(culprits, key=lambda c: vn_text.name_sort_key(c.full_name))


def _movement_cause(member_id: str, member: MemberFacts | None, row: Bm1Row, before: frozenset[str]) -> BreakCause:
    if member is not None:
        if member.status is MemberStatus.LEFT and member.left_on is None:
            return BreakCause.LEFT_WITHOUT_DATE
        if member.left_on and member.joined_on and member.left_on < member.joined_on:
            return BreakCause.LEFT_BEFORE_JOINED
    if member_id in row.joined_ids and member_id in before:
        return BreakCause.JOINED_ALREADY_IN_PREVIOUS
    if member_id in row.left_ids and member_id not in before:
        return BreakCause.LEFT_NOT_IN_PREVIOUS
    if member_id in row.now_ids:
        return BreakCause.NOT_IN_PREVIOUS
    return BreakCause.MISSING_AT_END


def row_notes(row: Bm1Row, facts: CommuneFacts, period: Bm1Period) -> list[Bm1Note]:
    notes: list[Bm1Note] = []
    previous = row.previous
    if previous is not None and previous.source is PreviousSource.COMPUTED:
        notes.append(Bm1Note(NoteKind.PREVIOUS_COMPUTED, row.unit_code, row.name, previous.count,
                             previous.period_last))
    elif previous is not None and previous.period_last != period.day_before:
        notes.append(Bm1Note(NoteKind.PREVIOUS_NOT_ADJACENT, row.unit_code, row.name, previous.count,
                             previous.period_last))
    unknown_quota = [t.name for t in facts.teams
                     if t.is_decided and t.exists_on(period.last) and t.decided_quota is None]
    if unknown_quota:
        notes.append(Bm1Note(NoteKind.QUOTA_UNKNOWN, row.unit_code, row.name, len(unknown_quota),
                             names=tuple(unknown_quota)))
    undated = [m.full_name for m in facts.members
               if m.id in row.now_ids and m.joined_on is None]
    if undated:
        notes.append(Bm1Note(NoteKind.JOIN_DATE_MISSING, row.unit_code, row.name, len(undated),
                             names=tuple(sorted(undated, key=vn_text.name_sort_key))))
    return notes


def build_report(communes: Sequence[CommuneFacts], period: Bm1Period,
                 previous: dict[str, PreviousFigures], *, with_total: bool,
                 title_unit: str = "", extra_notes: Sequence[Bm1Note] = ()) -> Bm1Report:
    """One row per commune in the order given, the checks, and the total row if asked for."""
    rows, breaks, notes = [], [], list(extra_notes)
    for facts in communes:
        row = compute_row(facts, period, previous.get(facts.unit_code))
        rows.append(row)
        breaks.extend(check_row(row, facts))
        notes.extend(row_notes(row, facts, period))
    total = total_row(rows) if with_total else None
    return Bm1Report(period, tuple(rows), total, tuple(breaks), tuple(notes), title_unit)


def official_order(units: Sequence[tuple[str, str]], official_names: Sequence[str]
                   ) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """Units (code, name) in the province's official order of communes (data, never a sort).

    Names are matched ignoring case and diacritics. Units the list lacks follow, in natural
    name order, and are returned a second time so that a note can name them.
    """
    position = {vn_text.fold(name): index for index, name in enumerate(official_names)}
    known = [u for u in units if vn_text.fold(u[1]) in position]
    unknown = [u for u in units if vn_text.fold(u[1]) not in position]
    known.sort(key=lambda u: position[vn_text.fold(u[1])])
    unknown.sort(key=lambda u: vn_text.natural_key(u[1]))
    return known + unknown, unknown
