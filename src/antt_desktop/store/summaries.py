"""Counts and short lists computed by the database, for screens that must not read every member.

The Tổng quan screen opens on a province's 100,000 members (DESIGN §7: a usable window in
1.5 s), so what it shows is counted here with GROUP BY and COUNT, and only the first rows of
each list are read. Teams and hamlets are read as plain column tuples, not ORM objects.
Portable SQL only: the same queries run on SQLite and PostgreSQL.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, exists, func, or_, select
from sqlalchemy.orm import Session

from antt_desktop.domain.members import MemberListRow
from antt_desktop.domain.organisation import Hamlet, Team
from antt_desktop.domain.people import HamletKind, MemberStatus, Position
from antt_desktop.store.repositories import _list_row
from antt_desktop.store.tables import (
    AssignmentRow,
    CertificateRow,
    HamletRow,
    InsuranceRow,
    MemberRow,
    TeamRow,
    UnitRow,
)


@dataclass(frozen=True, slots=True)
class CountedRows:
    """How many members match, and the first of them in the order asked for."""

    count: int
    first: tuple[MemberListRow, ...]


_ACTIVE = MemberStatus.ACTIVE.value


def _open_assignment():
    return and_(AssignmentRow.member_id == MemberRow.id, AssignmentRow.ended_on.is_(None))


def _for_unit(query, unit_code: str | None):
    return query.where(MemberRow.unit_code == unit_code) if unit_code else query


def unit_names(session: Session) -> dict[str, str]:
    """Every unit's code and name."""
    return dict(session.execute(select(UnitRow.code, UnitRow.name)).all())


def members_by_status(session: Session, unit_code: str | None = None) -> dict[MemberStatus, int]:
    query = _for_unit(select(MemberRow.status, func.count()).group_by(MemberRow.status), unit_code)
    return {MemberStatus(status): count for status, count in session.execute(query)}


def active_by_position(session: Session, unit_code: str | None = None) -> dict[Position, int]:
    """Active members by the position of their open assignment (members without one: not counted)."""
    query = (select(AssignmentRow.position, func.count())
             .select_from(MemberRow).join(AssignmentRow, _open_assignment())
             .where(MemberRow.status == _ACTIVE).group_by(AssignmentRow.position))
    return {Position(position): count for position, count in session.execute(_for_unit(query, unit_code))}


def team_position_counts(session: Session, unit_code: str | None = None) -> dict[str, Counter]:
    """team id → Counter(Position → members holding it now), over every member status."""
    query = (select(AssignmentRow.team_id, AssignmentRow.position, func.count())
             .select_from(MemberRow).join(AssignmentRow, _open_assignment())
             .group_by(AssignmentRow.team_id, AssignmentRow.position))
    counts: dict[str, Counter] = defaultdict(Counter)
    for team_id, position, count in session.execute(_for_unit(query, unit_code)):
        counts[team_id][Position(position)] = count
    return counts


def open_teams(session: Session, unit_code: str | None = None) -> list[Team]:
    """The teams not dissolved, by unit code and name."""
    query = (select(TeamRow.id, TeamRow.unit_code, TeamRow.name, TeamRow.hamlet_id,
                    TeamRow.establishing_decision_id, TeamRow.quota_override, TeamRow.established_on,
                    TeamRow.dissolved_on)
             .where(TeamRow.dissolved_on.is_(None)).order_by(TeamRow.unit_code, TeamRow.name))
    if unit_code:
        query = query.where(TeamRow.unit_code == unit_code)
    return [Team(*values) for values in session.execute(query)]


def hamlets_by_id(session: Session, unit_code: str | None = None) -> dict[str, Hamlet]:
    query = select(HamletRow.id, HamletRow.unit_code, HamletRow.name, HamletRow.kind, HamletRow.households,
                   HamletRow.residents, HamletRow.is_complex, HamletRow.is_exempt_area, HamletRow.note)
    if unit_code:
        query = query.where(HamletRow.unit_code == unit_code)
    hamlets = {}
    for (hamlet_id, code, name, kind, households, residents, is_complex, is_exempt,
         note) in session.execute(query):
        hamlets[hamlet_id] = Hamlet(hamlet_id, code, name, HamletKind(kind), households, residents,
                                    bool(is_complex), bool(is_exempt), note or "")
    return hamlets


def count_members_where(session: Session, *conditions, unit_code: str | None = None) -> int:
    query = select(func.count()).select_from(MemberRow).where(*conditions)
    return session.execute(_for_unit(query, unit_code)).scalar_one()


def year_only_births(session: Session, unit_code: str | None = None) -> int:
    """Members not gone whose birth date is missing but whose year of birth is known."""
    return count_members_where(session, MemberRow.status != MemberStatus.LEFT.value,
                               MemberRow.birth_date.is_(None), MemberRow.birth_year.is_not(None),
                               unit_code=unit_code)


def _members_with_insurance():
    """Members with their insurance row, if any (at most one: insurance.member_id is unique)."""
    return MemberRow.__table__.outerjoin(InsuranceRow.__table__, InsuranceRow.member_id == MemberRow.id)


def active_without_valid_bhyt(session: Session, on: date, *, unit_code: str | None = None,
                              limit: int = 200) -> CountedRows:
    """Active members whose BHYT card is missing or ended before `on`, in name order."""
    valid_to = InsuranceRow.bhyt_valid_to
    conditions = (MemberRow.status == _ACTIVE, or_(valid_to.is_(None), valid_to < on))
    return _counted(session, conditions, (MemberRow.sort_key, MemberRow.id), unit_code, limit)


def active_bhyt_ending(session: Session, first: date, last: date, *, unit_code: str | None = None,
                       limit: int = 200) -> CountedRows:
    """Active members whose BHYT card ends within [first, last], soonest first, then by name."""
    valid_to = InsuranceRow.bhyt_valid_to
    conditions = (MemberRow.status == _ACTIVE, valid_to >= first, valid_to <= last)
    return _counted(session, conditions, (valid_to, MemberRow.sort_key, MemberRow.id), unit_code, limit)


def active_without_certificate(session: Session, *, unit_code: str | None = None,
                               limit: int = 200) -> CountedRows:
    """Active members holding no unrevoked certificate, in name order."""
    certified = exists().where(CertificateRow.member_id == MemberRow.id, CertificateRow.revoked_on.is_(None))
    conditions = (MemberRow.status == _ACTIVE, ~certified)
    return _counted(session, conditions, (MemberRow.sort_key, MemberRow.id), unit_code, limit)


def _counted(session: Session, conditions: Sequence, order: Sequence, unit_code: str | None,
             limit: int) -> CountedRows:
    counting = select(func.count()).select_from(_members_with_insurance()).where(*conditions)
    count = session.execute(_for_unit(counting, unit_code)).scalar_one()
    if not count or limit <= 0:
        return CountedRows(count, ())
    chosen = (_for_unit(select(MemberRow.id).select_from(_members_with_insurance()).where(*conditions),
                        unit_code).order_by(*order).limit(limit))
    return CountedRows(count, tuple(member_rows(session, list(session.execute(chosen).scalars()))))


def member_rows(session: Session, member_ids: Sequence[str]) -> list[MemberListRow]:
    """The member-list rows (as MemberRepository.list_rows gives them) of `member_ids`, in that order."""
    if not member_ids:
        return []
    query = (
        select(
            MemberRow.id, MemberRow.unit_code, MemberRow.full_name, MemberRow.birth_date,
            MemberRow.birth_year, MemberRow.gender, MemberRow.id_number, MemberRow.phone,
            MemberRow.hamlet_id, HamletRow.name, AssignmentRow.team_id, TeamRow.name,
            AssignmentRow.position, MemberRow.status, MemberRow.education_level,
            InsuranceRow.bhyt_valid_to, MemberRow.search_key, MemberRow.sort_key,
        )
        .select_from(MemberRow)
        .outerjoin(HamletRow, HamletRow.id == MemberRow.hamlet_id)
        .outerjoin(AssignmentRow, _open_assignment())
        .outerjoin(TeamRow, TeamRow.id == AssignmentRow.team_id)
        .outerjoin(InsuranceRow, InsuranceRow.member_id == MemberRow.id)
        .where(MemberRow.id.in_(list(member_ids)))
    )
    found = {values[0]: _list_row(tuple(values)) for values in session.execute(query)}
    return [found[member_id] for member_id in member_ids if member_id in found]
