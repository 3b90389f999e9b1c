"""The Tổng quan figures are counted by the database (store.summaries); they must equal what a
plain Python pass over the whole member list gives, on a commune and on an aggregate."""

from __future__ import annotations

import dataclasses
from collections import Counter, defaultdict
from datetime import date, datetime, timedelta

import pytest

from antt_desktop.domain import vn_text
from antt_desktop.domain.people import MemberStatus, Position, UnitMode
from antt_desktop.domain.team_sizing import HamletFacts, TeamQuota, check_team_composition, team_quota
from antt_desktop.domain.errors import DomainError
from antt_desktop.services.overview import _horizon, due_items

POSITIONS = (Position.LEADER, Position.DEPUTY, Position.MEMBER)


# ------------------------------------------------------------------ the reference: one pass in Python

def reference(services, limit: int) -> dict:
    """The overview as computed before it moved into SQL: every member row read into Python."""
    today = services.context.today()
    horizon = _horizon(today)
    rows = services.members.list_rows()
    with services.context.new_uow() as uow:
        certified = uow.members.certified_ids()
        unit_count = len(uow.units.all())
        own = uow.units.own()
        policy = services.policies._unit_policy(uow) if own else None
        teams = [t for t in uow.teams.list() if t.dissolved_on is None]
        hamlets = {h.id: h for h in uow.hamlets.list()}
        names = {u.code: u.name for u in uow.units.all()}
    active = [r for r in rows if r.status is MemberStatus.ACTIVE]
    without_bhyt = [r for r in active if not r.has_valid_bhyt(today)]
    expiring = [r for r in active if r.bhyt_valid_to is not None and today <= r.bhyt_valid_to <= horizon]
    to_certify = [r for r in active if r.id not in certified]
    proposed = sum(1 for r in rows if r.status is MemberStatus.PROPOSED)
    year_only = sum(1 for r in rows if r.status is not MemberStatus.LEFT
                    and r.birth_date is None and r.birth_year is not None)
    counts: dict[str, Counter] = defaultdict(Counter)
    for row in rows:
        if row.team_id and row.position:
            counts[row.team_id][row.position] += 1
    overviews = sorted((_team_overview(team, hamlets.get(team.hamlet_id), counts[team.id], policy)
                        for team in teams), key=lambda o: (o[0].unit_code, vn_text.natural_key(o[0].name)))
    attention = [o for o in overviews if o[5] or o[4] is not None]
    units: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0])
    for team, _hamlet, team_counts, _quota, problem, warnings in overviews:
        line = units[team.unit_code]
        for index, position in enumerate(POSITIONS):
            line[index] += team_counts.get(position, 0)
        line[3] += 1
        line[4] += bool(warnings or problem is not None)
    for code in names:
        if code != own.code:
            units[code]       # a commune without teams still has its line
    return {
        "unit_count": unit_count,
        "members_by_status": dict(Counter(r.status for r in rows)),
        "members_by_position": dict(Counter(r.position for r in active if r.position)),
        "teams": overviews if unit_count <= 1 else [],
        "team_count": len(overviews),
        "attention": attention[:limit],
        "attention_count": len(attention),
        "units": sorted(((code, names.get(code, code), *line) for code, line in units.items()),
                        key=lambda u: (vn_text.natural_key(u[1]), u[0])),
        "without_valid_bhyt": without_bhyt[:limit],
        "without_valid_bhyt_count": len(without_bhyt),
        "bhyt_expiring_count": len(expiring),
        "certificates_to_issue": to_certify[:limit],
        "certificates_to_issue_count": len(to_certify),
        "due": due_items(today, expiring=len(expiring), proposed=proposed, to_certify=len(to_certify),
                         year_only=year_only, aggregator=own is not None and own.mode is UnitMode.AGGREGATOR),
    }


def _team_overview(team, hamlet, counts, policy) -> tuple:
    """PolicyService._overview as it was: the quota, why it is unknown, and the warnings."""
    quota, problem = None, None
    if team.quota_override is not None:
        quota = TeamQuota(min_members=min(3, team.quota_override), max_members=team.quota_override,
                          basis=f"Định mức do đơn vị nhập: {team.quota_override} thành viên", is_confirmed=True)
    elif policy is not None and policy.policy.sizing is not None and hamlet is not None:
        try:
            quota = team_quota(policy.policy.sizing, HamletFacts(
                kind=hamlet.kind, households=hamlet.households, residents=hamlet.residents,
                is_key_area=hamlet.is_complex))
        except DomainError as error:
            problem = error
    warnings = check_team_composition(quota, counts.get(Position.LEADER, 0), counts.get(Position.DEPUTY, 0),
                                      counts.get(Position.MEMBER, 0))
    return team, hamlet, dict(counts), quota, _error(problem), tuple(_error(w) for w in warnings)


def _error(error):
    """Errors compare by identity: compare their kind and fields instead."""
    return None if error is None else (type(error).__name__, dataclasses.astuple(error))


def _plain(overview) -> tuple:
    return (overview.team, overview.hamlet, overview.counts, overview.quota, _error(overview.quota_problem),
            tuple(_error(w) for w in overview.warnings))


def assert_same(services, limit: int) -> None:
    expected = reference(services, limit)
    overview = services.overview.summary(limit=limit)
    assert overview.unit_count == expected["unit_count"]
    assert overview.members_by_status == expected["members_by_status"]
    assert overview.members_by_position == expected["members_by_position"]
    assert [_plain(o) for o in overview.teams] == expected["teams"]
    assert overview.team_count == expected["team_count"]
    assert [_plain(o) for o in overview.teams_needing_attention] == expected["attention"]
    assert overview.teams_needing_attention_count == expected["attention_count"]
    assert [(u.unit_code, u.unit_name, *(u.counts.get(p, 0) for p in POSITIONS), u.team_count, u.attention_count)
            for u in overview.units] == [tuple(u) for u in expected["units"]]
    assert list(overview.without_valid_bhyt) == expected["without_valid_bhyt"]
    assert overview.without_valid_bhyt_count == expected["without_valid_bhyt_count"]
    assert overview.bhyt_expiring_count == expected["bhyt_expiring_count"]
    assert list(overview.certificates_to_issue) == expected["certificates_to_issue"]
    assert overview.certificates_to_issue_count == expected["certificates_to_issue_count"]
    assert list(overview.due) == expected["due"]


# ------------------------------------------------------------------ data with the awkward cases

def stir(services) -> None:
    """Spread the cases the counts must get right over the members and teams: people who left
    or are proposed yet still hold a position or a card, cards missing, expired, ending today
    or on the last day of the window, certificates revoked or twice, a year-only birth, a
    team with its own quota, a dissolved team, a hamlet whose size is unknown."""
    from antt_desktop.store.tables import CertificateRow, HamletRow, InsuranceRow, MemberRow, TeamRow

    today = services.context.today()
    horizon = _horizon(today)
    with services.context.new_uow() as uow:
        session = uow.session
        members = session.query(MemberRow).filter(MemberRow.status == "active").order_by(MemberRow.id).all()
        insurance = {row.member_id: row for row in session.query(InsuranceRow)}

        def card(member, valid_to):
            row = insurance.get(member.id)
            if row is None:
                row = InsuranceRow(unit_code=member.unit_code, member_id=member.id,
                                   updated_at=datetime(2026, 1, 1))
                session.add(row)
                insurance[member.id] = row
            row.bhyt_valid_to = valid_to

        for index, member in enumerate(members[:40]):
            case = index % 8
            if case == 0:
                member.status = "left"           # still holds the open assignment: bad data, counted as shown
                card(member, today + timedelta(days=3))
            elif case == 1:
                member.status = "proposed"
                card(member, date(2027, 12, 31))
            elif case == 2 and member.id in insurance:
                session.delete(insurance.pop(member.id))
            elif case == 3:
                card(member, today)
            elif case == 4:
                card(member, horizon)
            elif case == 5:
                card(member, today - timedelta(days=1))
            elif case == 6:
                member.birth_date, member.birth_year = None, 1990
            else:
                card(member, None)
        made = datetime(2026, 1, 5)
        for number, member in enumerate(members[:24]):
            revoked = date(2026, 3, 1) if number % 5 == 4 else None
            session.add(CertificateRow(unit_code=member.unit_code, member_id=member.id, number=f"{number}/GCN",
                                       issued_on=date(2026, 1, 5), revoked_on=revoked, created_at=made))
            if number % 6 == 0:
                session.add(CertificateRow(unit_code=member.unit_code, member_id=member.id,
                                           number=f"{number}b/GCN", issued_on=date(2026, 2, 5), created_at=made))
        teams = session.query(TeamRow).order_by(TeamRow.id).all()
        teams[0].quota_override = 3
        teams[1].dissolved_on = date(2026, 6, 1)
        hamlet = session.get(HamletRow, teams[2].hamlet_id)
        hamlet.households = hamlet.residents = None
        uow.commit()


# ------------------------------------------------------------------ the tests

@pytest.mark.parametrize("limit", [200, 4])
def test_the_demo_commune_overview_equals_the_plain_count(demo, limit):
    assert_same(demo, limit)


def test_the_demo_commune_with_awkward_cases(demo):
    stir(demo)
    assert_same(demo, 200)
    assert_same(demo, 3)


@pytest.fixture
def aggregate(services):
    services.demo.build_aggregate(communes=3, members=300, seed=1)
    services.policies.seed_shipped()
    return services


@pytest.mark.parametrize("limit", [200, 5])
def test_an_aggregate_overview_equals_the_plain_count(aggregate, limit):
    stir(aggregate)
    assert_same(aggregate, limit)
    overview = aggregate.overview.summary(limit=limit)
    assert overview.is_aggregate and overview.teams == ()
    assert [u.unit_code for u in overview.units] and all(u.unit_code.startswith("GL") for u in overview.units)
    assert sum(u.team_count for u in overview.units) == overview.team_count
    assert sum(u.member_count for u in overview.units) == sum(
        o.member_count for o in aggregate.policies.team_overviews())


def test_one_commune_of_an_aggregate_has_its_own_teams(aggregate):
    code = aggregate.overview.summary().units[0].unit_code
    mine = aggregate.policies.team_overviews(code)
    assert mine and {o.team.unit_code for o in mine} == {code}
    everyone = {o.team.id: o for o in aggregate.policies.team_overviews()}
    assert [_plain(o) for o in mine] == [_plain(everyone[o.team.id]) for o in mine]


def test_the_lists_stop_at_the_limit_and_the_counts_do_not(demo):
    overview = demo.overview.summary(limit=2)
    active = overview.members_by_status[MemberStatus.ACTIVE]
    assert len(overview.certificates_to_issue) == 2 and overview.certificates_to_issue_count == active
    assert overview.certificates_to_issue == demo.overview.summary().certificates_to_issue[:2]
    assert demo.overview.summary(limit=0).certificates_to_issue == ()
