"""Counts and short lists computed by the database, for screens that must not read every member.

The Tổng quan screen opens on a province's 100,000 members (DESIGN §7: a usable window in
1.5 s), so what it shows is counted here with GROUP BY and COUNT, only the first rows of each
list are read, and teams and hamlets come as plain columns rather than ORM objects.

SQLite joins by looking up one row at a time (no hash join), which costs ~1 µs a row: a
count over "active members joined to X" is a lookup per member. Where it matters the counts
are taken as "every row of X" (one scan of the small table) less "the rows of X belonging
to members not active" (few, found through the index on status). Only portable SQL is
used: the same queries run on PostgreSQL.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date
from typing import NamedTuple

from sqlalchemy import and_, case, distinct, exists, func, or_, select
from sqlalchemy.orm import Session

from antt_desktop.domain.members import MemberListRow
from antt_desktop.domain.organisation import Hamlet, Team
from antt_desktop.domain.people import HamletKind, MemberStatus, Position
from antt_desktop.store.repositories import MEMBER_LIST_COLUMNS, member_list_row
from antt_desktop.store.tables import (
    AssignmentRow,
    CertificateRow,
    HamletRow,
    InsuranceRow,
    MemberRow,
    TeamRow,
    UnitRow,
)

_ACTIVE = MemberStatus.ACTIVE.value
_NOT_ACTIVE = tuple(status.value for status in MemberStatus if status is not MemberStatus.ACTIVE)
_POSITIONS = (Position.LEADER, Position.DEPUTY, Position.MEMBER)


def _open_assignment():
    return and_(AssignmentRow.member_id == MemberRow.id, AssignmentRow.ended_on.is_(None))


# ------------------------------------------------------------------------------- counts

def unit_names(session: Session) -> dict[str, str]:
    """Every unit's code and name."""
    return dict(session.execute(select(UnitRow.code, UnitRow.name)).all())


def members_by_status(session: Session) -> dict[MemberStatus, int]:
    """Members by status; a status nobody has is left out."""
    query = select(MemberRow.status, func.count()).group_by(MemberRow.status)
    return {MemberStatus(status): count for status, count in session.execute(query)}


def active_by_position(session: Session) -> dict[Position, int]:
    """Active members by the position of their open assignment; a position nobody holds is
    left out. Every open assignment, less those of members not active."""
    everyone = (select(AssignmentRow.position, func.count()).where(AssignmentRow.ended_on.is_(None))
                .group_by(AssignmentRow.position))
    not_active = (select(AssignmentRow.position, func.count()).select_from(MemberRow)
                  .join(AssignmentRow, _open_assignment()).where(MemberRow.status.in_(_NOT_ACTIVE))
                  .group_by(AssignmentRow.position))
    counts = Counter(dict(session.execute(everyone).all()))
    counts.subtract(dict(session.execute(not_active).all()))
    return {Position(position): count for position, count in counts.items() if count}


def year_only_births(session: Session) -> int:
    """Members not gone whose year of birth is known but not the date."""
    query = select(func.count()).select_from(MemberRow).where(
        MemberRow.status != MemberStatus.LEFT.value, MemberRow.birth_date.is_(None),
        MemberRow.birth_year.is_not(None))
    return session.execute(query).scalar_one()


def active_bhyt_counts(session: Session, on: date, first: date, last: date) -> tuple[int, int]:
    """How many active members hold a BHYT card valid on `on`, and how many one ending within
    [first, last]. Every insurance row (one per member at most), less the members not active."""
    valid_to = InsuranceRow.bhyt_valid_to
    figures = (func.sum(case((valid_to >= on, 1), else_=0)),
               func.sum(case((and_(valid_to >= first, valid_to <= last), 1), else_=0)))
    everyone = session.execute(select(*figures)).one()
    not_active = session.execute(
        select(*figures).select_from(MemberRow).join(InsuranceRow, InsuranceRow.member_id == MemberRow.id)
        .where(MemberRow.status.in_(_NOT_ACTIVE))).one()
    return ((everyone[0] or 0) - (not_active[0] or 0), (everyone[1] or 0) - (not_active[1] or 0))


def active_certified(session: Session) -> int:
    """How many active members hold a certificate that has not been revoked."""
    holders = func.count(distinct(CertificateRow.member_id))
    unrevoked = CertificateRow.revoked_on.is_(None)
    everyone = session.execute(select(holders).where(unrevoked)).scalar_one()
    not_active = session.execute(
        select(holders).select_from(MemberRow).join(CertificateRow, CertificateRow.member_id == MemberRow.id)
        .where(MemberRow.status.in_(_NOT_ACTIVE), unrevoked)).scalar_one()
    return everyone - not_active


# ------------------------------------------------------------------------------- short lists

def first_active_without_valid_bhyt(session: Session, on: date, *, limit: int,
                                    expected: int | None = None) -> list[MemberListRow]:
    """The first `limit` active members (name order) whose BHYT card is missing or ended
    before `on`; `expected` is how many there are, if known (it chooses the faster plan)."""
    valid_to = InsuranceRow.bhyt_valid_to
    members = MemberRow.__table__.outerjoin(InsuranceRow.__table__, InsuranceRow.member_id == MemberRow.id)
    return _first_active(session, members, or_(valid_to.is_(None), valid_to < on), limit, expected)


def first_active_without_certificate(session: Session, *, limit: int,
                                     expected: int | None = None) -> list[MemberListRow]:
    """The first `limit` active members (name order) holding no unrevoked certificate."""
    certified = exists().where(CertificateRow.member_id == MemberRow.id, CertificateRow.revoked_on.is_(None))
    return _first_active(session, MemberRow.__table__, ~certified, limit, expected)


def _first_active(session: Session, members, condition, limit: int, expected: int | None) -> list[MemberListRow]:
    """The first `limit` active members of `members` (a table or join) meeting `condition`."""
    if limit <= 0 or expected == 0:
        return []
    is_active = MemberRow.status == _ACTIVE
    if expected is not None and expected >= 3 * limit:
        # Many match: walking the name-order index stops after `limit` matches (a few ms).
        # `status || ''` keeps SQLite from taking the status index instead, which would read
        # and sort every active member (~100 ms at 100,000). With few matches that walk
        # would visit every member, so then the planner chooses as it likes.
        is_active = MemberRow.status.concat("") == _ACTIVE
    chosen = (select(MemberRow.id).select_from(members).where(is_active, condition)
              .order_by(MemberRow.sort_key, MemberRow.id).limit(limit))
    return member_rows(session, list(session.execute(chosen).scalars()))


def member_rows(session: Session, member_ids: Sequence[str]) -> list[MemberListRow]:
    """The member-list rows (as MemberRepository.list_rows gives them) of `member_ids`, in that order."""
    if not member_ids:
        return []
    query = (
        select(*MEMBER_LIST_COLUMNS)
        .select_from(MemberRow)
        .outerjoin(HamletRow, HamletRow.id == MemberRow.hamlet_id)
        .outerjoin(AssignmentRow, _open_assignment())
        .outerjoin(TeamRow, TeamRow.id == AssignmentRow.team_id)
        .outerjoin(InsuranceRow, InsuranceRow.member_id == MemberRow.id)
        .where(MemberRow.id.in_(list(member_ids)))
    )
    found = {values[0]: member_list_row(tuple(values)) for values in session.execute(query)}
    return [found[member_id] for member_id in member_ids if member_id in found]


# ------------------------------------------------------------------------------- teams

class TeamLine(NamedTuple):
    """An open team as its quota check needs it: `hamlet` is its hamlet's (kind as stored,
    households, residents, is_complex), None without one; then who holds each position now."""

    id: str
    unit_code: str
    name: str
    quota_override: int | None
    hamlet: tuple | None
    leaders: int
    deputies: int
    members: int


def open_team_lines(session: Session, unit_code: str | None = None) -> list[TeamLine]:
    """Every team not dissolved (of one unit, or all), with its hamlet's facts and its open
    positions, unordered.

    The positions count the open assignments whatever the member's status, as the member
    list shows them; with `unit_code`, the assignments of that unit's members.
    """
    held = [func.sum(case((AssignmentRow.position == position.value, 1), else_=0)).label(position.value)
            for position in _POSITIONS]
    counts = (select(AssignmentRow.team_id, *held).where(AssignmentRow.ended_on.is_(None))
              .group_by(AssignmentRow.team_id))
    if unit_code:
        unit_teams = select(TeamRow.id).where(TeamRow.unit_code == unit_code)
        counts = (counts.join(MemberRow, MemberRow.id == AssignmentRow.member_id)
                  .where(AssignmentRow.team_id.in_(unit_teams), MemberRow.unit_code == unit_code))
    counts = counts.subquery("held")
    query = (select(TeamRow.id, TeamRow.unit_code, TeamRow.name, TeamRow.quota_override, HamletRow.id,
                    HamletRow.kind, HamletRow.households, HamletRow.residents, HamletRow.is_complex,
                    *(counts.c[position.value] for position in _POSITIONS))
             .select_from(TeamRow)
             .outerjoin(HamletRow, HamletRow.id == TeamRow.hamlet_id)
             .outerjoin(counts, counts.c.team_id == TeamRow.id)
             .where(TeamRow.dissolved_on.is_(None)))
    if unit_code:
        query = query.where(TeamRow.unit_code == unit_code)
    facts: dict[tuple, tuple] = {}        # one tuple per distinct hamlet size: the quota is worked out once each
    lines = []
    for (team_id, code, name, override, hamlet_id, kind, households, residents, is_complex,
         leaders, deputies, members) in session.connection().execute(query).all():
        hamlet = None
        if hamlet_id is not None:
            hamlet = (kind, households, residents, is_complex)
            hamlet = facts.setdefault(hamlet, hamlet)
        lines.append(TeamLine(team_id, code, name, override, hamlet, leaders or 0, deputies or 0, members or 0))
    return lines


def teams_with_hamlets(session: Session, *, unit_code: str | None = None,
                       team_ids: Sequence[str] | None = None) -> dict[str, tuple[Team, Hamlet | None]]:
    """Open teams (of one unit, or those named, or all) as domain objects, each with its hamlet."""
    query = (select(TeamRow.id, TeamRow.unit_code, TeamRow.name, TeamRow.hamlet_id,
                    TeamRow.establishing_decision_id, TeamRow.quota_override, TeamRow.established_on,
                    TeamRow.dissolved_on,
                    HamletRow.id, HamletRow.unit_code, HamletRow.name, HamletRow.kind, HamletRow.households,
                    HamletRow.residents, HamletRow.is_complex, HamletRow.is_exempt_area, HamletRow.note)
             .select_from(TeamRow).outerjoin(HamletRow, HamletRow.id == TeamRow.hamlet_id)
             .where(TeamRow.dissolved_on.is_(None)))
    if unit_code:
        query = query.where(TeamRow.unit_code == unit_code)
    if team_ids is not None:
        if not team_ids:
            return {}
        query = query.where(TeamRow.id.in_(list(team_ids)))
    found = {}
    for values in session.connection().execute(query).all():
        team = Team(*values[:8])
        hamlet_id, code, name, kind, households, residents, is_complex, is_exempt, note = values[8:]
        hamlet = (Hamlet(hamlet_id, code, name, HamletKind(kind), households, residents, is_complex,
                         is_exempt, note) if hamlet_id is not None else None)
        found[team.id] = (team, hamlet)
    return found
