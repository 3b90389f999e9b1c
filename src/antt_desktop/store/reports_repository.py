"""What the statistics, the periodic report and the dashboard read (issue #7)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from antt_desktop.domain.people import EducationLevel, Gender, MemberStatus, Position, PriorForce
from antt_desktop.domain.reports import MonthTotal, ReportMember
from antt_desktop.store.tables import (
    AssignmentRow,
    HamletRow,
    InsuranceRow,
    MemberRow,
    PayrollLineRow,
    PayrollRunRow,
    TeamRow,
)


class ReportRepository:
    def __init__(self, session: Session, clock) -> None:
        self._session = session
        self._clock = clock

    def members(self, unit_code: str | None = None, *, on: date | None = None) -> list[ReportMember]:
        """Every member with the team and position held on `on` (None: the open ones now)."""
        if on is None:
            covering = AssignmentRow.ended_on.is_(None)
        else:
            covering = and_(AssignmentRow.started_on <= on,
                            (AssignmentRow.ended_on.is_(None)) | (AssignmentRow.ended_on >= on))
        query = (
            select(MemberRow.id, MemberRow.full_name, MemberRow.gender, MemberRow.status, MemberRow.birth_date,
                   MemberRow.birth_year, MemberRow.ethnicity, MemberRow.education_level, MemberRow.prior_force,
                   MemberRow.joined_on, MemberRow.left_on, HamletRow.name, AssignmentRow.team_id, TeamRow.name,
                   AssignmentRow.position, InsuranceRow.bhyt_valid_to, InsuranceRow.bhxh_participating,
                   MemberRow.id_number, MemberRow.phone, MemberRow.leave_reason)
            .outerjoin(HamletRow, HamletRow.id == MemberRow.hamlet_id)
            .outerjoin(AssignmentRow, and_(AssignmentRow.member_id == MemberRow.id, covering))
            .outerjoin(TeamRow, TeamRow.id == AssignmentRow.team_id)
            .outerjoin(InsuranceRow, InsuranceRow.member_id == MemberRow.id)
            .order_by(MemberRow.sort_key, MemberRow.id)
        )
        if unit_code:
            query = query.where(MemberRow.unit_code == unit_code)
        seen: set[str] = set()
        members = []
        for row in self._session.execute(query):
            if row[0] in seen:          # two assignments covering one day (a change on that day)
                continue
            seen.add(row[0])
            members.append(ReportMember(
                id=row[0], full_name=row[1], gender=Gender(row[2]), status=MemberStatus(row[3]),
                birth_date=row[4], birth_year=row[5], ethnicity=row[6] or "",
                education_level=EducationLevel(row[7]) if row[7] else None,
                prior_force=PriorForce(row[8]) if row[8] else PriorForce.NEW, joined_on=row[9], left_on=row[10],
                hamlet_name=row[11] or "", team_id=row[12], team_name=row[13] or "",
                position=Position(row[14]) if row[14] else None, bhyt_valid_to=row[15],
                bhxh_participating=bool(row[16]), id_number=row[17], phone=row[18], leave_reason=row[19] or "",
            ))
        return members

    def payroll_totals(self, unit_code: str | None, months: Sequence[str]) -> list[MonthTotal]:
        """Per month: the total of locked payroll sheets, of drafts, and how many members were paid."""
        if not months:
            return []
        query = (select(PayrollRunRow.month, PayrollRunRow.state, func.sum(PayrollRunRow.total_dong))
                 .where(PayrollRunRow.month.in_(list(months))).group_by(PayrollRunRow.month, PayrollRunRow.state))
        people = (select(PayrollRunRow.month, func.count(func.distinct(PayrollLineRow.member_id)))
                  .join(PayrollLineRow, PayrollLineRow.run_id == PayrollRunRow.id)
                  .where(PayrollRunRow.month.in_(list(months)), PayrollRunRow.state == "locked")
                  .group_by(PayrollRunRow.month))
        if unit_code:
            query = query.where(PayrollRunRow.unit_code == unit_code)
            people = people.where(PayrollRunRow.unit_code == unit_code)
        locked: dict[str, int] = {}
        draft: dict[str, int] = {}
        for month, state, total in self._session.execute(query):
            target = locked if state == "locked" else draft
            target[month] = target.get(month, 0) + int(total or 0)
        paid = dict(self._session.execute(people).all())
        return [MonthTotal(month, locked.get(month, 0), draft.get(month, 0), int(paid.get(month, 0)))
                for month in months]
