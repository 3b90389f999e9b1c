"""The decision workflow through the services: drafts, numbering, issue applying the change
in the same transaction, immutability, Điều 13 and Điều 17 checks (issue #4)."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select

from antt_desktop.domain.access import PermissionDenied, Role
from antt_desktop.domain.dates import BirthDate
from antt_desktop.domain.decisions import (
    ConductKind,
    DecisionAlreadyIssued,
    DecisionChangesNothing,
    DecisionDraft,
    DecisionInvalid,
    DecisionKind,
    DecisionLine,
    DecisionState,
    EffectiveBeforeSigned,
    GroundCNotMet,
    GroundMissing,
    HamletAlreadyHasTeam,
    MemberAlreadyActive,
    MemberNotActive,
    NewTeam,
    NoMembersNamed,
    PositionTwiceInTeam,
    RecognitionBlocked,
    SignedBeforePrevious,
    SignedInFuture,
    TeamAlreadyDissolved,
    TerminationGround,
)
from antt_desktop.domain.eligibility import EducationTooLow, ResidenceTooShort
from antt_desktop.domain.members import MemberDraft
from antt_desktop.domain.organisation import HamletDraft
from antt_desktop.domain.people import EducationLevel, Gender, MemberStatus, Position
from antt_desktop.messages import describe
from antt_desktop.services.decisions import DecisionService

TODAY = date(2026, 11, 22)


def _person(services, name: str, hamlet_id: str, *, gender=Gender.MALE, born=date(1985, 7, 5),
            education=EducationLevel.UPPER_SECONDARY, since=date(2010, 1, 1)) -> str:
    draft = MemberDraft(full_name=name, gender=gender, birth=BirthDate(full=born), education_level=education,
                        residence_since=since, hamlet_id=hamlet_id)
    return services.members.create(draft).member.id


class Office:
    """A commune with two hamlets, an established team each, and people to recognise."""

    def __init__(self, services) -> None:
        self.services = services
        self.hamlet1 = services.hamlets.create(HamletDraft("Thôn 1", households=300)).id
        self.hamlet2 = services.hamlets.create(HamletDraft("Thôn 2", households=320)).id
        establish = services.decisions.create_draft(DecisionDraft(
            DecisionKind.ESTABLISH_TEAM, new_teams=(NewTeam(self.hamlet1), NewTeam(self.hamlet2)),
            signed_on=date(2026, 1, 5)))
        self.establishing = services.decisions.issue(establish.id)
        teams = {t.hamlet_id: t for t in services.teams.list()}
        self.team1, self.team2 = teams[self.hamlet1].id, teams[self.hamlet2].id
        self.an = _person(services, "Nguyễn Văn An", self.hamlet1)
        self.binh = _person(services, "Lê Thị Bình", self.hamlet1, gender=Gender.FEMALE)
        self.cuong = _person(services, "Trần Văn Cường", self.hamlet1)
        self.dung = _person(services, "Phạm Đức Dũng", self.hamlet2)

    def recognise(self, *lines: tuple[str, str, Position], on=date(2026, 2, 1)):
        draft = DecisionDraft(DecisionKind.RECOGNISE, lines=tuple(DecisionLine(*l) for l in lines), signed_on=on)
        return self.services.decisions.issue(self.services.decisions.create_draft(draft).id)

    def recognise_team1(self):
        return self.recognise((self.an, self.team1, Position.LEADER), (self.binh, self.team1, Position.DEPUTY),
                              (self.cuong, self.team1, Position.MEMBER))


@pytest.fixture
def office(commune):
    return Office(commune)


def _audit_actions(services) -> list[str]:
    from antt_desktop.store.tables import AuditEventRow

    with services.context.new_uow() as uow:
        return list(uow.session.execute(select(AuditEventRow.action).order_by(AuditEventRow.sequence)).scalars())


def test_establishing_creates_the_teams_with_the_first_number_of_the_year(office):
    decision = office.establishing
    assert decision.state is DecisionState.ISSUED and decision.number == "01/QĐ-UBND"
    teams = office.services.teams.list()
    assert {t.name for t in teams} == {"Tổ bảo vệ ANTT Thôn 1", "Tổ bảo vệ ANTT Thôn 2"}
    assert all(t.establishing_decision_id == decision.id and t.established_on == date(2026, 1, 5) for t in teams)
    assert {t.team_id for t in decision.new_teams} == {t.id for t in teams}
    with pytest.raises(HamletAlreadyHasTeam):
        draft = DecisionDraft(DecisionKind.ESTABLISH_TEAM, new_teams=(NewTeam(office.hamlet1),))
        office.services.decisions.issue(office.services.decisions.create_draft(draft).id)


def test_recognition_activates_members_in_the_same_transaction(office):
    decision = office.recognise_team1()
    assert decision.number == "02/QĐ-UBND" and decision.signed_on == date(2026, 2, 1)
    roster = office.services.teams.roster(office.team1)
    assert [(line.member.full_name, line.assignment.position) for line in roster] == [
        ("Nguyễn Văn An", Position.LEADER), ("Lê Thị Bình", Position.DEPUTY), ("Trần Văn Cường", Position.MEMBER)]
    assert all(line.assignment.decision_id == decision.id for line in roster)
    assert all(line.member.status is MemberStatus.ACTIVE and line.member.joined_on == date(2026, 2, 1)
               for line in roster)
    assert [l.full_name for l in decision.snapshot] == ["Nguyễn Văn An", "Lê Thị Bình", "Trần Văn Cường"]
    assert decision.articles[0].text.startswith("Công nhận 03 ông (bà)")
    actions = _audit_actions(office.services)
    assert actions.count("assignment.started") == 3 and actions.count("member.activated") == 3
    assert actions[-1] == "decision.issued"


def test_numbering_has_no_gaps_when_drafts_are_cancelled_or_issued_out_of_order(office):
    service = office.services.decisions
    drafts = [service.create_draft(DecisionDraft(DecisionKind.COMMEND, lines=(DecisionLine(office.an),),
                                                 measure="Giấy khen")) for _ in range(4)]
    office.recognise_team1()                                           # 02
    service.cancel_draft(drafts[1].id)
    issued = [service.issue(drafts[i].id, signed_on=date(2026, 3, 1)) for i in (3, 0, 2)]
    assert [d.number for d in issued] == ["03/QĐ-UBND", "04/QĐ-UBND", "05/QĐ-UBND"]
    numbers = sorted(d.sequence for d in service.list() if d.is_issued)
    assert numbers == list(range(1, len(numbers) + 1))
    assert all(d.id != drafts[1].id for d in service.list())


def test_numbering_restarts_each_year_and_follows_the_dates(office, clock):
    service = office.services.decisions
    office.recognise_team1()
    early = service.create_draft(DecisionDraft(DecisionKind.COMMEND, lines=(DecisionLine(office.an),)))
    with pytest.raises(SignedBeforePrevious):
        service.issue(early.id, signed_on=date(2026, 1, 20))          # 02/QĐ-UBND is dated 01/02/2026
    with pytest.raises(SignedInFuture):
        service.issue(early.id, signed_on=TODAY + timedelta(days=1))
    clock.now = datetime(2027, 1, 3, 8, 0)
    next_year = service.issue(early.id)
    assert (next_year.number, next_year.year, next_year.signed_on) == ("01/QĐ-UBND", 2027, date(2027, 1, 3))


def test_an_office_may_start_the_year_at_its_own_number(office):
    unit = office.services.units.own_unit()
    office.services.units.update(replace(unit, settings={"decision_first_number": {"2026": 245}}))
    decision = office.recognise_team1()
    assert decision.number == "245/QĐ-UBND"


def test_concurrent_issues_get_distinct_numbers(office):
    service = office.services.decisions
    drafts = [service.create_draft(DecisionDraft(DecisionKind.COMMEND, lines=(DecisionLine(office.an),)))
              for _ in range(2)]
    office.recognise_team1()
    barrier = threading.Barrier(2)
    results, errors = [], []

    def issue(decision_id):
        barrier.wait()
        try:
            results.append(service.issue(decision_id).number)
        except Exception as error:  # noqa: BLE001 — the assertion below reports it
            errors.append(error)

    threads = [threading.Thread(target=issue, args=(d.id,)) for d in drafts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(results) == ["03/QĐ-UBND", "04/QĐ-UBND"]


def test_an_issued_decision_cannot_be_changed_through_any_service(office):
    service = office.services.decisions
    issued = office.recognise_team1()
    before = service.get(issued.id)
    with pytest.raises(DecisionAlreadyIssued) as raised:
        service.update_draft(issued.id, replace(issued.as_draft(), reason="sửa lại"))
    assert "ban hành một quyết định mới" in describe(raised.value)
    with pytest.raises(DecisionAlreadyIssued):
        service.cancel_draft(issued.id)
    with pytest.raises(DecisionAlreadyIssued):
        service.issue(issued.id)
    assert service.get(issued.id) == before
    assert service.problems(issued.id) == (DecisionAlreadyIssued(issued.number),) or \
        isinstance(service.problems(issued.id)[0], DecisionAlreadyIssued)


def test_the_store_refuses_to_overwrite_an_issued_decision(office):
    issued = office.recognise_team1()
    with office.services.context.new_uow() as uow:
        with pytest.raises(DecisionAlreadyIssued):
            uow.decisions.save_draft(replace(issued, title="Về việc khác"))
        with pytest.raises(DecisionAlreadyIssued):
            uow.decisions.delete_draft(issued.id)


def test_conditions_of_article_13_block_recognition_and_nothing_changes(office):
    young_resident = _person(office.services, "Đỗ Minh Khoa", office.hamlet1, since=date(2026, 6, 1))
    primary_only = _person(office.services, "Võ Thị Lan", office.hamlet1, gender=Gender.FEMALE,
                           education=EducationLevel.PRIMARY)
    draft = DecisionDraft(DecisionKind.RECOGNISE, lines=(
        DecisionLine(office.an, office.team1, Position.MEMBER),
        DecisionLine(young_resident, office.team1, Position.MEMBER),
        DecisionLine(primary_only, office.team1, Position.MEMBER)))
    decision = office.services.decisions.create_draft(draft)
    problems = office.services.decisions.problems(decision.id)
    assert len(problems) == 1 and isinstance(problems[0], RecognitionBlocked)
    with pytest.raises(RecognitionBlocked) as raised:
        office.services.decisions.issue(decision.id)
    blocked = {m.member_name: [type(f) for f in m.failures] for m in raised.value.members}
    assert blocked == {"Đỗ Minh Khoa": [ResidenceTooShort], "Võ Thị Lan": [EducationTooLow]}
    message = describe(raised.value)
    assert "Điều 13" in message and "Đỗ Minh Khoa" in message and "Võ Thị Lan" in message
    assert office.services.members.get(office.an).status is MemberStatus.PROPOSED
    assert office.services.decisions.get(decision.id).number is None
    assert office.recognise_team1().number == "02/QĐ-UBND"           # the number was not used up


def test_recognising_an_active_member_is_refused(office):
    office.recognise_team1()
    with pytest.raises(MemberAlreadyActive):
        office.recognise((office.an, office.team2, Position.MEMBER), on=date(2026, 3, 1))


def test_change_of_position_can_swap_leader_and_deputy(office):
    office.recognise_team1()
    draft = DecisionDraft(DecisionKind.CHANGE_POSITION, signed_on=date(2026, 4, 1), lines=(
        DecisionLine(office.an, office.team1, Position.DEPUTY), DecisionLine(office.binh, office.team1, Position.LEADER)))
    decision = office.services.decisions.issue(office.services.decisions.create_draft(draft).id)
    positions = {l.member.full_name: l.assignment.position for l in office.services.teams.roster(office.team1)}
    assert positions["Lê Thị Bình"] is Position.LEADER and positions["Nguyễn Văn An"] is Position.DEPUTY
    history = office.services.assignments.history(office.an)
    assert history[0].ended_on == date(2026, 3, 31) and history[0].end_decision_id == decision.id
    assert history[1].started_on == date(2026, 4, 1)
    assert "từ Tổ trưởng sang Tổ phó" in " ".join(i for a in decision.articles for i in (a.text, *a.items))


def test_change_of_position_that_changes_nothing_is_refused(office):
    office.recognise_team1()
    draft = DecisionDraft(DecisionKind.CHANGE_POSITION, lines=(DecisionLine(office.an, office.team1, Position.LEADER),))
    with pytest.raises(DecisionChangesNothing):
        office.services.decisions.issue(office.services.decisions.create_draft(draft).id)


@pytest.mark.parametrize(("reminders", "refusals", "allowed"), [(0, 0, False), (1, 2, False), (2, 1, False),
                                                                (2, 2, True), (3, 2, True)])
def test_ground_c_needs_the_conduct_log(office, reminders, refusals, allowed):
    office.recognise_team1()
    service = office.services.decisions
    for day in range(reminders):
        service.record_conduct(office.cuong, ConductKind.REMINDER, date(2026, 5, 1 + day), reference=f"{day + 1}/CAX")
    for day in range(refusals):
        service.record_conduct(office.cuong, ConductKind.REFUSAL, date(2026, 4, 10 + day))
    draft = DecisionDraft(DecisionKind.TERMINATE, lines=(DecisionLine(office.cuong),),
                          termination_ground=TerminationGround.MISCONDUCT, signed_on=date(2026, 6, 1))
    decision = service.create_draft(draft)
    if allowed:
        issued = service.issue(decision.id)
        assert office.services.members.get(office.cuong).status is MemberStatus.LEFT
        assert "điểm c khoản 3 Điều 17" in issued.articles[0].text
    else:
        with pytest.raises(DecisionInvalid) as raised:
            service.issue(decision.id)
        (problem,) = raised.value.problems
        assert isinstance(problem, GroundCNotMet)
        assert (problem.reminders, problem.refusals) == (reminders, refusals)
        assert "Trần Văn Cường" in describe(raised.value)
        assert office.services.members.get(office.cuong).status is MemberStatus.ACTIVE


def test_termination_ends_the_position_and_revokes_the_certificate(office):
    office.recognise_team1()
    (certificate,) = office.services.certificates.issue([office.binh], on=date(2026, 2, 10))
    draft = DecisionDraft(DecisionKind.TERMINATE, lines=(DecisionLine(office.binh),),
                          termination_ground=TerminationGround.APPLICATION, signed_on=date(2026, 7, 1),
                          effective_on=date(2026, 7, 15))
    decision = office.services.decisions.issue(office.services.decisions.create_draft(draft).id)
    member = office.services.members.get(office.binh)
    assert member.status is MemberStatus.LEFT and member.left_on == date(2026, 7, 14)
    assert decision.number in member.leave_reason
    (held,) = office.services.assignments.history(office.binh)
    assert held.ended_on == date(2026, 7, 14) and held.end_decision_id == decision.id
    revoked = office.services.certificates.find(certificate.number)
    assert revoked.revoked_on == date(2026, 7, 15) and decision.number in revoked.revoke_reason
    assert decision.snapshot[0].position is Position.DEPUTY            # as it was when issued
    again = DecisionDraft(DecisionKind.TERMINATE, lines=(DecisionLine(office.binh),),
                          termination_ground=TerminationGround.APPLICATION)
    with pytest.raises(DecisionInvalid) as raised:
        office.services.decisions.issue(office.services.decisions.create_draft(again).id)
    assert [type(p) for p in raised.value.problems] == [MemberNotActive]


def test_a_member_who_left_can_be_recognised_again(office):
    office.recognise_team1()
    draft = DecisionDraft(DecisionKind.TERMINATE, lines=(DecisionLine(office.cuong),),
                          termination_ground=TerminationGround.HEALTH, signed_on=date(2026, 3, 1))
    office.services.decisions.issue(office.services.decisions.create_draft(draft).id)
    office.recognise((office.cuong, office.team2, Position.MEMBER), on=date(2026, 9, 1))
    member = office.services.members.get(office.cuong)
    assert member.status is MemberStatus.ACTIVE and member.left_on is None
    assert [a.team_id for a in office.services.assignments.history(office.cuong)] == [office.team1, office.team2]


def test_dissolution_ends_every_member_and_the_team(office):
    office.recognise_team1()
    draft = DecisionDraft(DecisionKind.DISSOLVE_TEAM, team_id=office.team1, signed_on=date(2026, 8, 1),
                          reason="sáp nhập thôn")
    decision = office.services.decisions.issue(office.services.decisions.create_draft(draft).id)
    assert set(decision.member_ids) == {office.an, office.binh, office.cuong}
    assert office.services.teams.get(office.team1).dissolved_on == date(2026, 8, 1)
    assert office.services.teams.roster(office.team1) == []
    assert all(office.services.members.get(m).status is MemberStatus.LEFT for m in decision.member_ids)
    assert "được thành lập theo Quyết định số 01/QĐ-UBND" in decision.articles[0].text
    with pytest.raises(TeamAlreadyDissolved):
        office.recognise((office.dung, office.team1, Position.MEMBER), on=date(2026, 9, 1))


@pytest.mark.parametrize("kind", [DecisionKind.COMMEND, DecisionKind.DISCIPLINE])
def test_commendation_and_discipline_change_no_membership(office, kind):
    office.recognise_team1()
    before = office.services.teams.roster(office.team1)
    draft = DecisionDraft(kind, lines=(DecisionLine(office.an),), reason="trực Tết", signed_on=date(2026, 2, 20))
    decision = office.services.decisions.issue(office.services.decisions.create_draft(draft).id)
    assert decision.number == "03/QĐ-UBND"
    assert office.services.teams.roster(office.team1) == before
    with pytest.raises(MemberNotActive):                       # not yet recognised
        draft = DecisionDraft(kind, lines=(DecisionLine(office.dung),))
        office.services.decisions.issue(office.services.decisions.create_draft(draft).id)


@pytest.mark.parametrize(("make", "problem", "words"), [
    (lambda o: DecisionDraft(DecisionKind.RECOGNISE), NoMembersNamed, "ít nhất một thành viên"),
    (lambda o: DecisionDraft(DecisionKind.RECOGNISE, lines=(DecisionLine(o.an, o.team1, Position.LEADER),
                                                            DecisionLine(o.binh, o.team1, Position.LEADER))),
     PositionTwiceInTeam, "mỗi tổ chỉ có một Tổ trưởng"),
    (lambda o: DecisionDraft(DecisionKind.TERMINATE, lines=(DecisionLine(o.an),)), GroundMissing,
     "Điều 17 khoản 3"),
    (lambda o: DecisionDraft(DecisionKind.COMMEND, lines=(DecisionLine(o.an),), signed_on=date(2026, 5, 2),
                             effective_on=date(2026, 5, 1)), EffectiveBeforeSigned, "hiệu lực trở về trước"),
])
def test_bad_drafts_are_refused_in_vietnamese(office, make, problem, words):
    with pytest.raises(DecisionInvalid) as raised:
        office.services.decisions.create_draft(make(office))
    assert [type(p) for p in raised.value.problems] == [problem]
    assert words in describe(raised.value)
    assert [d.kind for d in office.services.decisions.list()] == [DecisionKind.ESTABLISH_TEAM]


def test_drafts_are_prefilled_from_the_unit(office):
    draft = office.services.decisions.defaults(DecisionKind.RECOGNISE)
    assert draft.place == "Tân Phú" and draft.signer_name == "Nguyễn Văn Hòa" and draft.signer_title == "CHỦ TỊCH"
    assert draft.legal_bases[1].startswith("Căn cứ Luật Lực lượng tham gia bảo vệ an ninh, trật tự ở cơ sở")
    assert draft.recipients[0] == "Như Điều 4;"
    stored = office.services.decisions.create_draft(DecisionDraft(DecisionKind.COMMEND, lines=(DecisionLine(office.an),)))
    assert stored.legal_bases and stored.place == "Tân Phú" and stored.signer_name == "Nguyễn Văn Hòa"
    edited = office.services.decisions.update_draft(
        stored.id, replace(stored.as_draft(), legal_bases=("Căn cứ Quy chế thi đua, khen thưởng của xã;",)))
    assert edited.legal_bases == ("Căn cứ Quy chế thi đua, khen thưởng của xã;",)


def test_only_allowed_roles_draft_and_issue(office):
    viewer = DecisionService(replace(office.services.context, role=Role.VIEWER))
    data_entry = DecisionService(replace(office.services.context, role=Role.DATA_ENTRY))
    draft = DecisionDraft(DecisionKind.COMMEND, lines=(DecisionLine(office.an),))
    with pytest.raises(PermissionDenied):
        viewer.create_draft(draft)
    decision = data_entry.create_draft(draft)
    with pytest.raises(PermissionDenied):
        data_entry.issue(decision.id)
    with pytest.raises(PermissionDenied):
        viewer.record_conduct(office.an, ConductKind.REMINDER, date(2026, 5, 1))


def test_demo_commune_comes_with_issued_establishing_and_recognition_decisions(demo):
    decisions = demo.decisions.list()
    assert {(d.kind, d.state) for d in decisions} == {(DecisionKind.ESTABLISH_TEAM, DecisionState.ISSUED),
                                                      (DecisionKind.RECOGNISE, DecisionState.ISSUED)}
    recognition = next(d for d in decisions if d.kind is DecisionKind.RECOGNISE)
    document = demo.decisions.document(recognition.id)
    assert document.number_line == f"Số: {recognition.number}"
    assert document.attachments[0].row_count == len(recognition.lines)
    establishing = next(d for d in decisions if d.kind is DecisionKind.ESTABLISH_TEAM)
    assert len(demo.decisions.document(establishing.id).paragraphs[0].items) == len(demo.teams.list())
