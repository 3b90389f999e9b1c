"""MemberRepository.list_rows reads columns, not records: the same rows in the same order as
the joined query it replaced (kept below as the oracle), on the demo commune and an aggregate."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date, datetime

import pytest
from sqlalchemy import and_, select, text, update

from antt_desktop.domain.members import MemberListRow
from antt_desktop.domain.people import EducationLevel, Gender, MemberStatus, Position
from antt_desktop.store.tables import (
    AssignmentRow,
    HamletRow,
    InsuranceRow,
    MemberRow,
    TeamRow,
)


def oracle_list_rows(session, *, unit_code: str | None = None, folded_words: Sequence[str] = (),
                     limit: int | None = None) -> list[MemberListRow]:
    """MemberRepository.list_rows as it was before it read the whole list in five scans."""
    matching = select(MemberRow.id, MemberRow.sort_key)
    if unit_code:
        matching = matching.where(MemberRow.unit_code == unit_code)
    for word in folded_words:
        escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        matching = matching.where(MemberRow.search_key.like(f"%{escaped}%", escape="\\"))
    matching = matching.order_by(MemberRow.sort_key, MemberRow.id)
    if limit:
        matching = matching.limit(limit)
    chosen = matching.subquery("chosen")
    open_assignment = and_(AssignmentRow.member_id == MemberRow.id, AssignmentRow.ended_on.is_(None))
    query = (
        select(
            MemberRow.id, MemberRow.unit_code, MemberRow.full_name, MemberRow.birth_date,
            MemberRow.birth_year, MemberRow.gender, MemberRow.id_number, MemberRow.phone,
            MemberRow.hamlet_id, HamletRow.name, AssignmentRow.team_id, TeamRow.name,
            AssignmentRow.position, MemberRow.status, MemberRow.education_level,
            InsuranceRow.bhyt_valid_to, MemberRow.search_key, MemberRow.sort_key,
        )
        .select_from(chosen)
        .join(MemberRow, MemberRow.id == chosen.c.id)
        .outerjoin(HamletRow, HamletRow.id == MemberRow.hamlet_id)
        .outerjoin(AssignmentRow, open_assignment)
        .outerjoin(TeamRow, TeamRow.id == AssignmentRow.team_id)
        .outerjoin(InsuranceRow, InsuranceRow.member_id == MemberRow.id)
        .order_by(chosen.c.sort_key, chosen.c.id)
    )
    rows = []
    for values in session.execute(query):
        (member_id, unit, full_name, birth_date, birth_year, gender, id_number, phone, hamlet_id,
         hamlet_name, team_id, team_name, position, status, education, bhyt_valid_to, search_key,
         sort_key) = tuple(values)
        rows.append(MemberListRow(
            id=member_id, unit_code=unit, full_name=full_name, birth_date=birth_date,
            birth_year=birth_year, gender=Gender(gender), id_number=id_number, phone=phone,
            hamlet_id=hamlet_id, hamlet_name=hamlet_name or "", team_id=team_id,
            team_name=team_name or "", position=Position(position) if position else None,
            status=MemberStatus(status), education_level=EducationLevel(education) if education else None,
            bhyt_valid_to=bhyt_valid_to, search_key=search_key, sort_key=sort_key,
        ))
    return rows


def same_rows(new: list[MemberListRow], old: list[MemberListRow]) -> None:
    """Equal row for row; a member holding two open assignments gives two rows either way,
    whose order between them the old query left to the database."""
    assert [(r.sort_key, r.id) for r in new] == [(r.sort_key, r.id) for r in old]
    assert sorted(new, key=repr) == sorted(old, key=repr)
    doubled = {r.id for r in old if sum(1 for o in old if o.id == r.id) > 1}
    assert [r for r in new if r.id not in doubled] == [r for r in old if r.id not in doubled]
    for new_row, old_row in zip(new, old):
        if new_row.id in doubled:
            continue
        for name in ("gender", "position", "status", "education_level"):
            assert getattr(new_row, name) is getattr(old_row, name)      # the enum members themselves


def compare_every_way(services, words: list[str]) -> int:
    with services.context.new_uow() as uow:
        units = [None] + [u.code for u in uow.units.all()]
        compared = 0
        for unit_code in units:
            for folded in [()] + [(word,) for word in words] + [tuple(words[:2])]:
                for limit in (None, 1, 7, 200):
                    new = uow.members.list_rows(unit_code=unit_code, folded_words=folded, limit=limit)
                    old = oracle_list_rows(uow.session, unit_code=unit_code, folded_words=folded, limit=limit)
                    same_rows(new, old)
                    compared += len(old)
    return compared


def add_awkward_members(services) -> None:
    """What the whole-list path must match too: no hamlet, a hamlet or team row gone
    missing, no BHYT card, two open assignments, a dissolved team, a birth year only."""
    with services.context.new_uow() as uow:
        session = uow.session
        members = session.execute(select(MemberRow).order_by(MemberRow.sort_key)).scalars().all()
        held = {a.member_id: a for a in session.execute(
            select(AssignmentRow).where(AssignmentRow.ended_on.is_(None))).scalars()}
        with_team = [m for m in members if m.id in held]
        first, second, third, fourth, fifth = with_team[:5]
        first.hamlet_id = None
        session.execute(update(InsuranceRow).where(InsuranceRow.member_id == second.id)
                        .values(bhyt_valid_to=None))
        session.query(InsuranceRow).filter(InsuranceRow.member_id == third.id).delete()
        other_team = next(a.team_id for a in held.values() if a.team_id != held[fourth.id].team_id)
        session.add(AssignmentRow(id=str(uuid.uuid4()), unit_code=fourth.unit_code, member_id=fourth.id,
                                  team_id=other_team, position=Position.DEPUTY.value,
                                  started_on=date(2025, 1, 1), created_at=datetime(2025, 1, 1)))
        session.execute(update(TeamRow).where(TeamRow.id == held[fifth.id].team_id)
                        .values(dissolved_on=date(2026, 1, 1)))
        fifth.birth_date, fifth.birth_year = None, 1971
        uow.commit()


def test_the_demo_commune_lists_as_before(demo):
    add_awkward_members(demo)
    assert compare_every_way(demo, ["nguyen", "van", "09", "zzz"]) > 0
    rows = demo.members.list_rows()
    assert len(rows) == 31                      # 30 members, one of them twice (two open teams)


def test_an_aggregate_lists_as_before(services):
    services.demo.build_aggregate(communes=3, members=300, seed=1)
    add_awkward_members(services)
    assert compare_every_way(services, ["thi", "nguyen", "a"]) > 0
    assert len(services.members.list_rows()) == 301


def test_a_missing_hamlet_or_team_row_still_lists_the_member(demo):
    """No foreign key stops it on SQLite with foreign keys off (a damaged or hand-edited file)."""
    with demo.context.new_uow() as uow:
        dialect = uow.session.get_bind().dialect.name
    if dialect != "sqlite":
        pytest.skip("PostgreSQL enforces the foreign keys")
    with demo.context.new_uow() as uow:
        session = uow.session
        session.execute(text("PRAGMA foreign_keys=OFF"))
        member = session.execute(select(MemberRow).where(MemberRow.hamlet_id.is_not(None))
                                 .order_by(MemberRow.sort_key)).scalars().first()
        member.hamlet_id = "khong-con"
        held = session.execute(select(AssignmentRow).where(AssignmentRow.ended_on.is_(None))
                               .order_by(AssignmentRow.member_id)).scalars().first()
        held.team_id = "khong-con-to"
        uow.commit()
    compare_every_way(demo, ["a"])


def test_places_are_the_hamlets_and_the_teams_still_working(demo):
    add_awkward_members(demo)
    places = demo.members.places()
    hamlets = [(h.unit_code, h.name, ("hamlet", h.id)) for h in demo.hamlets.list()]
    teams = [(t.unit_code, t.name, ("team", t.id)) for t in demo.teams.list() if t.dissolved_on is None]
    assert sorted(places) == sorted(hamlets + teams)
    assert [p for p in places if p[2][0] == "hamlet"] == [p for p in places[:len(hamlets)]]
