"""Issue #3's service additions: the overview, team and hamlet edits, units, backups, filters."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from antt_desktop.domain.access import PermissionDenied, Role
from antt_desktop.domain.members import BhytState
from antt_desktop.domain.organisation import (
    HamletDraft,
    HamletInUse,
    QuotaTooSmall,
    RecordNotFound,
    TeamNameMissing,
)
from antt_desktop.domain.people import MemberStatus, Position
from antt_desktop.messages import describe
from antt_desktop.services.members import MemberFilter, narrows, select_rows
from antt_desktop.services.overview import DueKind, due_items
from antt_desktop.domain.team_sizing import TeamOverQuota


def audit_actions(services) -> list[str]:
    from antt_desktop.store.tables import AuditEventRow

    with services.context.new_uow() as uow:
        return [row.action for row in uow.session.query(AuditEventRow).order_by(AuditEventRow.sequence)]


def test_overview_counts_members_teams_and_insurance(demo):
    overview = demo.overview.summary()
    rows = demo.members.list_rows()
    assert overview.member_total == len(rows)
    assert overview.members_by_status[MemberStatus.ACTIVE] == sum(r.status is MemberStatus.ACTIVE for r in rows)
    assert overview.members_by_status[MemberStatus.PROPOSED] == 2
    assert sum(overview.members_by_position.values()) == overview.members_by_status[MemberStatus.ACTIVE]
    assert len(overview.teams) == 7
    today = date(2026, 11, 22)
    assert all(r.status is MemberStatus.ACTIVE and not r.has_valid_bhyt(today)
               for r in overview.without_valid_bhyt)
    # No certificates were issued in the demo: every active member needs one.
    assert len(overview.certificates_to_issue) == overview.members_by_status[MemberStatus.ACTIVE]
    kinds = [item.kind for item in overview.due]
    assert DueKind.ANNUAL_REPORT in kinds and DueKind.AWAITING_RECOGNITION in kinds


def test_a_certificate_takes_the_member_off_the_list_to_certify(demo):
    from antt_desktop.store.tables import CertificateRow

    first = demo.overview.summary().certificates_to_issue[0]
    with demo.context.new_uow() as uow:
        uow.session.add(CertificateRow(unit_code=first.unit_code, member_id=first.id, number="01/GCN",
                                       issued_on=date(2026, 1, 5), created_at=datetime(2026, 1, 5)))
        uow.commit()
    assert first.id not in {r.id for r in demo.overview.summary().certificates_to_issue}


@pytest.mark.parametrize("today, shown", [
    (date(2026, 11, 22), True),     # 23 days ahead: seen in late November
    (date(2026, 12, 14), True),
    (date(2026, 12, 16), False),    # past
    (date(2026, 10, 1), False),     # too far ahead
])
def test_the_annual_report_shows_when_its_deadline_is_near(today, shown):
    reports = [item for item in due_items(today) if item.kind is DueKind.ANNUAL_REPORT]
    assert [item.due_on for item in reports] == ([date(today.year, 12, 15)] if shown else [])


def test_a_team_gets_its_own_quota_and_name(demo):
    overview = demo.policies.team_overviews()[0]
    team = demo.teams.update(overview.team.id, name="  Tổ ANTT   Thôn 1 ", quota_override=3)
    assert team.name == "Tổ ANTT Thôn 1" and team.quota_override == 3
    again = [o for o in demo.policies.team_overviews() if o.team.id == team.id][0]
    assert again.quota.max_members == 3
    if again.member_count > 3:
        assert any(isinstance(w, TeamOverQuota) for w in again.warnings)
    assert audit_actions(demo)[-1] == "team.updated"


@pytest.mark.parametrize("name, quota, error", [("", None, TeamNameMissing), ("Tổ 1", 2, QuotaTooSmall)])
def test_a_team_edit_is_refused_with_a_reason(demo, name, quota, error):
    team = demo.teams.list()[0]
    with pytest.raises(error) as caught:
        demo.teams.update(team.id, name=name, quota_override=quota)
    assert describe(caught.value)
    assert demo.teams.get(team.id) == team


def test_a_hamlet_in_use_is_not_deleted_but_an_empty_one_is(demo):
    used = demo.hamlets.list()[0]
    with pytest.raises(HamletInUse) as caught:
        demo.hamlets.delete(used.id)
    assert "tổ" in describe(caught.value)
    spare = demo.hamlets.create(HamletDraft(name="Thôn Mới"))
    demo.hamlets.delete(spare.id)
    assert spare.id not in {h.id for h in demo.hamlets.list()}
    assert audit_actions(demo)[-1] == "hamlet.deleted"
    with pytest.raises(RecordNotFound):
        demo.hamlets.delete(spare.id)


def test_a_viewer_may_not_edit_teams_or_delete_hamlets(demo):
    from dataclasses import replace

    from antt_desktop.services.organisation import HamletService, TeamService

    viewer = replace(demo.context, role=Role.VIEWER)
    with pytest.raises(PermissionDenied):
        TeamService(viewer).update(demo.teams.list()[0].id, name="X", quota_override=None)
    with pytest.raises(PermissionDenied):
        HamletService(viewer).delete(demo.hamlets.list()[0].id)


def test_units_are_listed(demo):
    assert [u.code for u in demo.units.list_units()] == ["DEMO-TANPHU"]


def test_resolutions_for_a_province_include_the_merged_ones(demo):
    names = [s.policy.province_name for s in demo.policies.candidates_for("064")]
    assert names[0].startswith("Gia Lai") and "Bình Định" in names


@pytest.mark.sqlite_only
def test_the_last_backup_time_comes_from_the_newest_file(services, database):
    from antt_desktop.store.backups import backup_database

    assert services.backups.last_backup_at() is None
    backup_database(database, "manual", now=datetime(2026, 11, 20, 8, 15, 3))
    backup_database(database, "start", now=datetime(2026, 11, 21, 17, 2, 9))
    assert services.backups.last_backup_at() == datetime(2026, 11, 21, 17, 2, 9)


def test_member_filters_combine_text_position_status_and_insurance(demo):
    rows = demo.members.list_rows()
    today = date(2026, 11, 22)
    leaders = select_rows(rows, MemberFilter(position=Position.LEADER), today)
    assert len(leaders) == 7 and all(r.position is Position.LEADER for r in leaders)
    unplaced = select_rows(rows, MemberFilter(without_position=True), today)
    assert {r.status for r in unplaced} <= {MemberStatus.PROPOSED, MemberStatus.LEFT}
    for state in BhytState:
        chosen = select_rows(rows, MemberFilter(bhyt=state), today)
        assert all(r.bhyt_state(today) is state for r in chosen)
    assert sum(len(select_rows(rows, MemberFilter(bhyt=s), today)) for s in BhytState) == len(rows)
    hamlet = rows[0].hamlet_id
    in_hamlet = select_rows(rows, MemberFilter(text=rows[0].full_name.split()[-1].upper(),
                                               hamlet_id=hamlet), today)
    assert rows[0] in in_hamlet and all(r.hamlet_id == hamlet for r in in_hamlet)
    assert [r for r in rows if r in in_hamlet] == in_hamlet          # the order is kept


@pytest.mark.parametrize("before, after, expected", [
    ("", "ng", True), ("ng", "ngu", True), ("nguyen v", "nguyen va", True),
    ("nguyen va", "nguyen v", False), ("Nguyễn", "nguyen thi", True), ("an", "bình", False),
])
def test_a_keystroke_narrows_the_previous_search(before, after, expected):
    assert narrows(before, after) is expected


def test_member_details_name_the_decisions(services):
    from tests.services.test_members import draft, issued_decision

    from antt_desktop.domain.units import UnitSetup

    services.units.set_up(UnitSetup(code="26734", name="Xã Tân Phú", province="Gia Lai"))
    hamlet = services.hamlets.create(HamletDraft(name="Thôn 1"))
    team = services.teams.create(hamlet.id)
    member = services.members.create(draft(hamlet_id=hamlet.id)).member
    decision = issued_decision(services, 3)
    services.assignments.assign(member.id, team.id, Position.MEMBER, date(2024, 7, 5), decision_id=decision)
    details = services.members.details(member.id)
    assert details.decisions[decision].number == "03/QĐ-UBND"


def test_a_taken_id_number_is_said_even_while_the_form_has_gaps(demo):
    from antt_desktop.domain.dates import BirthDate
    from antt_desktop.domain.members import DuplicateIdNumber, MemberDraft, MemberInvalid
    from antt_desktop.domain.people import Gender

    other = demo.members.list_rows()[0]
    with pytest.raises(MemberInvalid) as caught:
        demo.members.validate(MemberDraft(full_name="", gender=Gender.MALE, birth=BirthDate(),
                                          id_number=" ".join(other.id_number[i:i + 3] for i in range(0, 12, 3))))
    fields = {problem.field: problem.error for problem in caught.value.problems}
    assert {"full_name", "birth", "id_number"} <= set(fields)
    assert isinstance(fields["id_number"], DuplicateIdNumber) and fields["id_number"].other_name == other.full_name
