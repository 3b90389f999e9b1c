"""Hamlets, teams and position assignments (one transaction per user action)."""

from __future__ import annotations

import uuid
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date

from antt_desktop.domain import vn_text
from antt_desktop.domain.members import Member
from antt_desktop.domain.organisation import (
    Assignment,
    AssignmentDatesInvalid,
    DuplicateHamletName,
    Hamlet,
    HamletDraft,
    HamletInUse,
    MemberAlreadyAssigned,
    MemberHasLeft,
    PositionAlreadyTaken,
    QuotaTooSmall,
    RecordNotFound,
    Team,
    TeamNameMissing,
    validate_hamlet,
)
from antt_desktop.domain.access import Permission
from antt_desktop.domain.people import MemberStatus, Position
from antt_desktop.domain.policies import LEGAL_MIN_MEMBERS
from antt_desktop.domain.units import UnitNotSetUp
from antt_desktop.services.context import ServiceContext

# Luật 30/2023 Điều 16: one Tổ trưởng and one Tổ phó per team.
SINGLE_HOLDER_POSITIONS = (Position.LEADER, Position.DEPUTY)


@dataclass(frozen=True, slots=True)
class RosterLine:
    member: Member
    assignment: Assignment


class HamletService:
    def __init__(self, context: ServiceContext) -> None:
        self._context = context

    def list(self, unit_code: str | None = None) -> list[Hamlet]:
        with self._context.new_uow() as uow:
            hamlets = uow.hamlets.list(unit_code)
        return sorted(hamlets, key=lambda h: (h.unit_code, vn_text.natural_key(h.name)))

    def create(self, draft: HamletDraft) -> Hamlet:
        self._context.require(Permission.EDIT_RECORDS)
        validate_hamlet(draft)
        name = vn_text.normalize_text(draft.name)
        with self._context.new_uow() as uow:
            unit = uow.units.own()
            if unit is None:
                raise UnitNotSetUp()
            if uow.hamlets.by_name(unit.code, name) is not None:
                raise DuplicateHamletName(name)
            hamlet = Hamlet(
                id=str(uuid.uuid4()), unit_code=unit.code, name=name, kind=draft.kind,
                households=draft.households, residents=draft.residents,
                is_complex=draft.is_complex, is_exempt_area=draft.is_exempt_area,
                note=draft.note.strip(),
            )
            uow.hamlets.add(hamlet)
            uow.audit.record(self._context.actor, "hamlet.created", "hamlet", hamlet.id,
                             unit.code, after=hamlet)
            uow.commit()
        return hamlet

    def update(self, hamlet_id: str, draft: HamletDraft) -> Hamlet:
        self._context.require(Permission.EDIT_RECORDS)
        validate_hamlet(draft)
        name = vn_text.normalize_text(draft.name)
        with self._context.new_uow() as uow:
            before = uow.hamlets.get(hamlet_id)
            if before is None:
                raise RecordNotFound("hamlet", hamlet_id)
            clash = uow.hamlets.by_name(before.unit_code, name)
            if clash is not None and clash.id != hamlet_id:
                raise DuplicateHamletName(name)
            after = replace(before, name=name, kind=draft.kind, households=draft.households,
                            residents=draft.residents, is_complex=draft.is_complex,
                            is_exempt_area=draft.is_exempt_area, note=draft.note.strip())
            uow.hamlets.save(after)
            uow.audit.record(self._context.actor, "hamlet.updated", "hamlet", after.id,
                             after.unit_code, before=before, after=after)
            uow.commit()
        return after

    def delete(self, hamlet_id: str) -> None:
        """Remove a hamlet entered by mistake; refused while teams or members refer to it."""
        self._context.require(Permission.EDIT_RECORDS)
        with self._context.new_uow() as uow:
            before = uow.hamlets.get(hamlet_id)
            if before is None:
                raise RecordNotFound("hamlet", hamlet_id)
            teams, members = uow.hamlets.usage(hamlet_id)
            if teams or members:
                raise HamletInUse(before.name, teams, members)
            uow.hamlets.delete(hamlet_id)
            uow.audit.record(self._context.actor, "hamlet.deleted", "hamlet", before.id,
                             before.unit_code, before=before)
            uow.commit()


class TeamService:
    def __init__(self, context: ServiceContext) -> None:
        self._context = context

    def list(self, unit_code: str | None = None) -> list[Team]:
        with self._context.new_uow() as uow:
            teams = uow.teams.list(unit_code)
        return sorted(teams, key=lambda t: (t.unit_code, vn_text.natural_key(t.name)))

    def get(self, team_id: str) -> Team:
        with self._context.new_uow() as uow:
            team = uow.teams.get(team_id)
        if team is None:
            raise RecordNotFound("team", team_id)
        return team

    def create(self, hamlet_id: str, name: str | None = None, *,
               established_on: date | None = None, decision_id: str | None = None) -> Team:
        self._context.require(Permission.EDIT_RECORDS)
        with self._context.new_uow() as uow:
            hamlet = uow.hamlets.get(hamlet_id)
            if hamlet is None:
                raise RecordNotFound("hamlet", hamlet_id)
            team_name = vn_text.normalize_text(name or f"Tổ bảo vệ ANTT {hamlet.name}")
            if not team_name:
                raise TeamNameMissing()
            team = Team(id=str(uuid.uuid4()), unit_code=hamlet.unit_code, name=team_name,
                        hamlet_id=hamlet.id, established_on=established_on,
                        establishing_decision_id=decision_id)
            uow.teams.add(team)
            uow.audit.record(self._context.actor, "team.created", "team", team.id,
                             team.unit_code, after=team)
            uow.commit()
        return team

    def update(self, team_id: str, *, name: str, quota_override: int | None,
               established_on: date | None = None) -> Team:
        """Rename a team or set its own quota (None: the province's rule decides)."""
        self._context.require(Permission.EDIT_RECORDS)
        team_name = vn_text.normalize_text(name)
        if not team_name:
            raise TeamNameMissing()
        if quota_override is not None and quota_override < LEGAL_MIN_MEMBERS:
            raise QuotaTooSmall(quota_override, LEGAL_MIN_MEMBERS)
        with self._context.new_uow() as uow:
            before = uow.teams.get(team_id)
            if before is None:
                raise RecordNotFound("team", team_id)
            after = replace(before, name=team_name, quota_override=quota_override,
                            established_on=established_on or before.established_on)
            if after == before:
                return before
            uow.teams.save(after)
            uow.audit.record(self._context.actor, "team.updated", "team", after.id,
                             after.unit_code, before=before, after=after)
            uow.commit()
        return after

    def roster(self, team_id: str) -> list[RosterLine]:
        """The team's current members, Tổ trưởng first, then Tổ phó, then Tổ viên by name."""
        with self._context.new_uow() as uow:
            assignments = uow.assignments.open_for_team(team_id)
            members = uow.members.many(a.member_id for a in assignments)
        order = {Position.LEADER: 0, Position.DEPUTY: 1, Position.MEMBER: 2}
        lines = [RosterLine(members[a.member_id], a) for a in assignments]
        return sorted(lines, key=lambda l: (order[l.assignment.position],
                                            vn_text.name_sort_key(l.member.full_name)))

    def position_counts(self, team_id: str) -> Counter:
        with self._context.new_uow() as uow:
            return Counter(a.position for a in uow.assignments.open_for_team(team_id))


class AssignmentService:
    """Positions in teams. Issue #4's decisions call these when a decision is issued."""

    def __init__(self, context: ServiceContext) -> None:
        self._context = context

    def assign(self, member_id: str, team_id: str, position: Position, started_on: date,
               *, decision_id: str | None = None) -> Assignment:
        """Give a member a position; the member becomes active when a decision backs it."""
        self._context.require(Permission.EDIT_RECORDS)
        with self._context.new_uow() as uow:
            assignment = assign_in(uow, self._context.actor, member_id, team_id, position,
                                   started_on, decision_id=decision_id)
            uow.commit()
        return assignment

    def end(self, member_id: str, ended_on: date, *, decision_id: str | None = None,
            reason: str = "") -> Member:
        """End the member's open position and mark the member as having left the force."""
        self._context.require(Permission.EDIT_RECORDS)
        with self._context.new_uow() as uow:
            after = end_in(uow, self._context.actor, member_id, ended_on, decision_id=decision_id,
                           reason=reason)
            uow.commit()
        return after

    def history(self, member_id: str) -> list[Assignment]:
        with self._context.new_uow() as uow:
            return uow.assignments.history(member_id)


def end_in(uow, actor: str, member_id: str, ended_on: date, *, decision_id: str | None = None,
           reason: str = "") -> Member:
    """End the member's open position (last day `ended_on`) and mark the member LEFT, inside
    an open unit of work, so a termination or dissolution decision applies it (issue #4)."""
    member = uow.members.get(member_id)
    if member is None:
        raise RecordNotFound("member", member_id)
    current = uow.assignments.open_for_member(member_id)
    if current is not None:
        if ended_on < current.started_on:
            raise AssignmentDatesInvalid(current.started_on, ended_on)
        closed = replace(current, ended_on=ended_on, end_decision_id=decision_id)
        uow.assignments.save(closed)
        uow.audit.record(actor, "assignment.ended", "assignment", closed.id,
                         closed.unit_code, before=current, after=closed)
    after = replace(member, status=MemberStatus.LEFT, left_on=ended_on, leave_reason=reason)
    uow.members.save(after)
    uow.audit.record(actor, "member.left", "member", member.id,
                     member.unit_code, before=member, after=after)
    uow.flush()
    return after


def assign_in(uow, actor: str, member_id: str, team_id: str, position: Position,
              started_on: date, *, decision_id: str | None = None) -> Assignment:
    """The assignment rule inside an open unit of work, so a decision can apply many at once.

    A member already placed in a team has that position closed the day before the new one
    starts (a change of position or of team); a Tổ trưởng or Tổ phó seat must be free.
    """
    member = uow.members.get(member_id)
    if member is None:
        raise RecordNotFound("member", member_id)
    team = uow.teams.get(team_id)
    if team is None:
        raise RecordNotFound("team", team_id)
    if member.status is MemberStatus.LEFT:
        raise MemberHasLeft(member.full_name)
    if position in SINGLE_HOLDER_POSITIONS:
        for other in uow.assignments.open_for_team(team_id):
            if other.position is position and other.member_id != member_id:
                holder = uow.members.get(other.member_id)
                raise PositionAlreadyTaken(team.name, position, holder.full_name)
    current = uow.assignments.open_for_member(member_id)
    if current is not None:
        if current.team_id == team_id and current.position is position:
            raise MemberAlreadyAssigned(member.full_name, team.name)
        if started_on <= current.started_on:
            raise AssignmentDatesInvalid(current.started_on, started_on)
        closed = replace(current, ended_on=date.fromordinal(started_on.toordinal() - 1),
                         end_decision_id=decision_id)
        uow.assignments.save(closed)
        uow.audit.record(actor, "assignment.ended", "assignment", closed.id, closed.unit_code,
                         before=current, after=closed)
    assignment = Assignment(id=str(uuid.uuid4()), unit_code=team.unit_code, member_id=member_id,
                            team_id=team_id, position=position, started_on=started_on,
                            decision_id=decision_id)
    uow.assignments.add(assignment)
    uow.audit.record(actor, "assignment.started", "assignment", assignment.id,
                     assignment.unit_code, after=assignment)
    if decision_id is not None and member.status is not MemberStatus.ACTIVE:
        activated = replace(member, status=MemberStatus.ACTIVE,
                            joined_on=member.joined_on or started_on)
        uow.members.save(activated)
        uow.audit.record(actor, "member.activated", "member", member.id, member.unit_code,
                         before=member, after=activated)
    uow.flush()
    return assignment
