"""Tổng quan: what the officer should see first: counts, teams to fix, what is due."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum
from typing import NamedTuple

from antt_desktop.domain.dates import month_bounds
from antt_desktop.domain.members import MemberListRow
from antt_desktop.domain.people import MemberStatus, Position, UnitMode
from antt_desktop.services.context import ServiceContext
from antt_desktop.services.policies import PolicyService, TeamOverview, UnitTeams
from antt_desktop.store import summaries

# DESIGN §1: the annual report to the higher unit is due before 15 December.
ANNUAL_REPORT_DAY = (12, 15)
# Deadlines this close are shown with this month's, so that 15/12 is seen in late November.
LOOKAHEAD_DAYS = 30
# The lists of members and of teams to fix hold this many rows; the counts are always whole.
LIST_LIMIT = 200


class DueKind(str, Enum):
    ANNUAL_REPORT = "bao_cao_nam"            # due_on = 15/12
    BHYT_EXPIRING = "bhyt_sap_het_han"       # count of cards ending by due_on
    AWAITING_RECOGNITION = "cho_cong_nhan"   # proposed members without a decision yet
    CERTIFICATES = "cap_giay_chung_nhan"     # active members without a certificate
    BIRTH_YEAR_ONLY = "bo_sung_ngay_sinh"    # only the year of birth is known
    COMMUNE_REPORTS = "xa_gui_bao_cao_nam"   # aggregator: the communes' annual reports arrive by due_on


@dataclass(frozen=True, slots=True)
class DueItem:
    """Something to do; the screen phrases it from its kind and figures."""

    kind: DueKind
    due_on: date | None = None
    count: int = 0


@dataclass(frozen=True, slots=True)
class Overview:
    """What the Tổng quan screen shows. The member lists hold only their first rows (the
    `limit` asked for) and say how many there are in all; with several units (the
    aggregator) the teams are summed up per unit in `units` rather than listed one by one."""

    on: date
    unit_count: int
    members_by_status: dict[MemberStatus, int]
    members_by_position: dict[Position, int]           # active members, by their position now
    teams: tuple[TeamOverview, ...]                    # every team with one unit; empty with several
    units: tuple[UnitTeams, ...]                       # one line per unit holding teams, or known
    team_count: int
    teams_needing_attention: tuple[TeamOverview, ...]  # the first `limit`, in team order
    teams_needing_attention_count: int
    without_valid_bhyt: tuple[MemberListRow, ...]      # active members; the first `limit` by name
    without_valid_bhyt_count: int
    bhyt_expiring_count: int                           # active, valid today, ending within the window
    certificates_to_issue: tuple[MemberListRow, ...]   # active, no unrevoked certificate; first `limit`
    certificates_to_issue_count: int
    due: tuple[DueItem, ...]
    aggregator: bool = False      # this installation is the higher unit: the communes' data, read-only

    @property
    def is_aggregate(self) -> bool:
        """Several units in the database: the higher unit's view of its communes."""
        return self.unit_count > 1

    @property
    def member_total(self) -> int:
        return sum(self.members_by_status.values())


class OverviewService:
    def __init__(self, context: ServiceContext, policies: PolicyService) -> None:
        self._context = context
        self._policies = policies

    def summary(self, *, limit: int = LIST_LIMIT) -> Overview:
        """Everything the Tổng quan screen shows, counted by the database (store.summaries):
        a province's 100,000 members are never read one by one.

        The members and the teams are counted one after the other, in the calling thread: a
        second reading thread saved ~0.1 s at 100,000 members but went with rare crashes of the
        whole process in the test suite, and a start-up that never crashes is worth more.
        """
        today = self._context.today()
        horizon = _horizon(today)
        with self._context.new_uow() as uow:
            unit_count = len(summaries.unit_names(uow.session))
        members = self._count_members(today, horizon, limit)
        board = self._policies.team_board(every_team=unit_count <= 1, attention_limit=limit)
        with self._context.new_uow() as uow:
            own = uow.units.own()
        aggregator = own is not None and own.mode is UnitMode.AGGREGATOR
        return Overview(
            on=today,
            unit_count=unit_count,
            members_by_status=members.by_status,
            members_by_position=members.by_position,
            teams=board.teams,
            units=board.units,
            team_count=board.team_count,
            teams_needing_attention=board.needing_attention,
            teams_needing_attention_count=board.needing_attention_count,
            without_valid_bhyt=members.without_valid_bhyt,
            without_valid_bhyt_count=members.without_valid_bhyt_count,
            bhyt_expiring_count=members.bhyt_expiring_count,
            certificates_to_issue=members.certificates_to_issue,
            certificates_to_issue_count=members.certificates_to_issue_count,
            due=tuple(due_items(today, expiring=members.bhyt_expiring_count,
                                proposed=members.by_status.get(MemberStatus.PROPOSED, 0),
                                to_certify=members.certificates_to_issue_count, year_only=members.year_only,
                                aggregator=aggregator)),
            aggregator=aggregator,
        )

    def _count_members(self, today: date, horizon: date, limit: int) -> "_MemberFigures":
        with self._context.new_uow() as uow:
            session = uow.session
            by_status = summaries.members_by_status(session)
            by_position = summaries.active_by_position(session)
            active = by_status.get(MemberStatus.ACTIVE, 0)
            valid, expiring = summaries.active_bhyt_counts(session, today, today, horizon)
            without_bhyt = active - valid
            to_certify = active - summaries.active_certified(session)
            year_only = summaries.year_only_births(session)
            without_bhyt_rows = summaries.first_active_without_valid_bhyt(
                session, today, limit=limit, expected=without_bhyt)
            to_certify_rows = summaries.first_active_without_certificate(
                session, limit=limit, expected=to_certify)
        return _MemberFigures(by_status, by_position, tuple(without_bhyt_rows), without_bhyt, expiring,
                              tuple(to_certify_rows), to_certify, year_only)


class _MemberFigures(NamedTuple):
    by_status: dict[MemberStatus, int]
    by_position: dict[Position, int]
    without_valid_bhyt: tuple[MemberListRow, ...]
    without_valid_bhyt_count: int
    bhyt_expiring_count: int
    certificates_to_issue: tuple[MemberListRow, ...]
    certificates_to_issue_count: int
    year_only: int


def _horizon(today: date) -> date:
    """The end of this month, or LOOKAHEAD_DAYS ahead if that is later."""
    _, month_end = month_bounds(today.year, today.month)
    return max(month_end, today + timedelta(days=LOOKAHEAD_DAYS))


def due_items(today: date, *, expiring: int = 0, proposed: int = 0, to_certify: int = 0,
              year_only: int = 0, aggregator: bool = False) -> list[DueItem]:
    """The deadlines falling this month or within LOOKAHEAD_DAYS, then the standing tasks.

    The higher unit (aggregator) receives the annual reports rather than sending one, and the
    communes' standing tasks (recognition, certificates, birth dates) are the communes' to do."""
    items: list[DueItem] = []
    horizon = _horizon(today)
    report_on = date(today.year, *ANNUAL_REPORT_DAY)
    if today <= report_on <= horizon:
        items.append(DueItem(DueKind.COMMUNE_REPORTS if aggregator else DueKind.ANNUAL_REPORT, report_on))
    if expiring:
        items.append(DueItem(DueKind.BHYT_EXPIRING, horizon, expiring))
    if aggregator:
        return items
    if proposed:
        items.append(DueItem(DueKind.AWAITING_RECOGNITION, None, proposed))
    if to_certify:
        items.append(DueItem(DueKind.CERTIFICATES, None, to_certify))
    if year_only:
        items.append(DueItem(DueKind.BIRTH_YEAR_ONLY, None, year_only))
    return items
