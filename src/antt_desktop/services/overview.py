"""Tổng quan: what the officer should see first: counts, teams to fix, what is due."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum

from antt_desktop.domain.dates import month_bounds
from antt_desktop.domain.members import MemberListRow
from antt_desktop.domain.people import MemberStatus, Position
from antt_desktop.services.context import ServiceContext
from antt_desktop.services.policies import PolicyService, TeamOverview

# DESIGN §1: the annual report to the higher unit is due before 15 December.
ANNUAL_REPORT_DAY = (12, 15)
# Deadlines this close are shown with this month's, so that 15/12 is seen in late November.
LOOKAHEAD_DAYS = 30


class DueKind(str, Enum):
    ANNUAL_REPORT = "bao_cao_nam"            # due_on = 15/12
    BHYT_EXPIRING = "bhyt_sap_het_han"       # count of cards ending by due_on
    AWAITING_RECOGNITION = "cho_cong_nhan"   # proposed members without a decision yet
    CERTIFICATES = "cap_giay_chung_nhan"     # active members without a certificate
    BIRTH_YEAR_ONLY = "bo_sung_ngay_sinh"    # only the year of birth is known


@dataclass(frozen=True, slots=True)
class DueItem:
    """Something to do; the screen phrases it from its kind and figures."""

    kind: DueKind
    due_on: date | None = None
    count: int = 0


@dataclass(frozen=True, slots=True)
class Overview:
    on: date
    unit_count: int
    members_by_status: dict[MemberStatus, int]
    members_by_position: dict[Position, int]
    teams: tuple[TeamOverview, ...]
    without_valid_bhyt: tuple[MemberListRow, ...]      # active members
    bhyt_expiring: tuple[MemberListRow, ...]           # valid today, ending within the window
    certificates_to_issue: tuple[MemberListRow, ...]   # active, no unrevoked certificate
    due: tuple[DueItem, ...]

    @property
    def teams_needing_attention(self) -> tuple[TeamOverview, ...]:
        return tuple(t for t in self.teams if t.warnings or t.quota_problem)

    @property
    def member_total(self) -> int:
        return sum(self.members_by_status.values())


class OverviewService:
    def __init__(self, context: ServiceContext, policies: PolicyService) -> None:
        self._context = context
        self._policies = policies

    def summary(self, unit_code: str | None = None, *, rows: list[MemberListRow] | None = None) -> Overview:
        """Everything the Tổng quan screen shows; `rows` spares reading the member list again."""
        today = self._context.today()
        with self._context.new_uow() as uow:
            if rows is None:
                rows = uow.members.list_rows(unit_code=unit_code)
            certified = uow.members.certified_ids(unit_code)
            unit_count = len(uow.units.all())
        teams = tuple(self._policies.team_overviews(unit_code, rows=rows))
        active = [r for r in rows if r.status is MemberStatus.ACTIVE]
        horizon = _horizon(today)
        without_bhyt = tuple(r for r in active if not r.has_valid_bhyt(today))
        expiring = tuple(sorted((r for r in active if r.bhyt_valid_to is not None
                                 and today <= r.bhyt_valid_to <= horizon),
                                key=lambda r: (r.bhyt_valid_to, r.sort_key)))
        to_certify = tuple(r for r in active if r.id not in certified)
        proposed = sum(1 for r in rows if r.status is MemberStatus.PROPOSED)
        year_only = sum(1 for r in rows if r.status is not MemberStatus.LEFT
                        and r.birth_date is None and r.birth_year is not None)
        return Overview(
            on=today,
            unit_count=unit_count,
            members_by_status=dict(Counter(r.status for r in rows)),
            members_by_position=dict(Counter(r.position for r in active if r.position)),
            teams=teams,
            without_valid_bhyt=without_bhyt,
            bhyt_expiring=expiring,
            certificates_to_issue=to_certify,
            due=tuple(due_items(today, expiring=len(expiring), proposed=proposed,
                                to_certify=len(to_certify), year_only=year_only)),
        )


def _horizon(today: date) -> date:
    """The end of this month, or LOOKAHEAD_DAYS ahead if that is later."""
    _, month_end = month_bounds(today.year, today.month)
    return max(month_end, today + timedelta(days=LOOKAHEAD_DAYS))


def due_items(today: date, *, expiring: int = 0, proposed: int = 0, to_certify: int = 0,
              year_only: int = 0) -> list[DueItem]:
    """The deadlines falling this month or within LOOKAHEAD_DAYS, then the standing tasks."""
    items: list[DueItem] = []
    horizon = _horizon(today)
    report_on = date(today.year, *ANNUAL_REPORT_DAY)
    if today <= report_on <= horizon:
        items.append(DueItem(DueKind.ANNUAL_REPORT, report_on))
    if expiring:
        items.append(DueItem(DueKind.BHYT_EXPIRING, horizon, expiring))
    if proposed:
        items.append(DueItem(DueKind.AWAITING_RECOGNITION, None, proposed))
    if to_certify:
        items.append(DueItem(DueKind.CERTIFICATES, None, to_certify))
    if year_only:
        items.append(DueItem(DueKind.BIRTH_YEAR_ONLY, None, year_only))
    return items
