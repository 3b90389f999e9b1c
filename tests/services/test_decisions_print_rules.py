"""What a decision and its proposal may print (QA of printed documents): ground (c) needs the
conduct log before anything is printed, an issued decision keeps its signed text, the articles
name the resolution the Căn cứ cite, recognitions respect the team's quota, and the proposal is
never dated after the decision."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from antt_desktop.domain.decisions import (
    LOCAL_GOVERNMENT_BASIS_2015,
    LOCAL_GOVERNMENT_BASIS_2025,
    ConductKind,
    DecisionDraft,
    DecisionInvalid,
    DecisionKind,
    DecisionLine,
    GroundCNotProven,
    NewTeam,
    ProposalDatedAfterDecision,
    ProposalDateInFuture,
    TeamQuotaExceeded,
    TeamQuotaUnknown,
    TerminationGround,
)
from antt_desktop.domain.organisation import HamletDraft
from antt_desktop.domain.people import MemberStatus, Position
from antt_desktop.messages import describe
from tests.services.test_decisions_workflow import Office


@pytest.fixture
def office(commune):
    return Office(commune)


def _texts(document) -> str:
    parts = [document.place_date, *document.bases]
    for paragraph in document.paragraphs:
        parts += [paragraph.text, *paragraph.items]
    return " ".join(parts)


# --- 1. Ground (c): no report, no draft printed without the conduct log ------------------------

def _ground_c_draft(office, signed_on=date(2026, 6, 1)):
    office.recognise_team1()
    draft = DecisionDraft(DecisionKind.TERMINATE, lines=(DecisionLine(office.cuong),),
                          termination_ground=TerminationGround.MISCONDUCT, signed_on=signed_on)
    return office.services.decisions.create_draft(draft)      # drafting stays possible


def test_ground_c_report_and_draft_are_refused_until_the_log_meets_the_law(office, tmp_path):
    service = office.services.decisions
    decision = _ground_c_draft(office)
    service.record_conduct(office.cuong, ConductKind.REFUSAL, date(2026, 4, 10))
    service.record_conduct(office.cuong, ConductKind.REMINDER, date(2026, 4, 12))
    with pytest.raises(GroundCNotProven) as raised:
        service.proposal_documents(decision.id)
    (shortfall,) = raised.value.members
    assert (shortfall.member_name, shortfall.refusals, shortfall.reminders) == ("Trần Văn Cường", 1, 1)
    message = describe(raised.value)
    assert message.startswith("Không in được báo cáo đề nghị cho thôi tham gia (Mẫu số 07)")
    assert "cần từ 02 lần từ chối nhiệm vụ (đang có 1)" in message
    assert "từ 02 lần nhắc nhở bằng văn bản (đang có 1)" in message
    for write, name in ((service.write_proposal_pdf, "bc.pdf"), (service.write_pdf, "qd.pdf"),
                        (service.write_docx, "qd.docx")):
        with pytest.raises(GroundCNotProven):
            write(decision.id, tmp_path / name)
        assert not (tmp_path / name).exists()

    service.record_conduct(office.cuong, ConductKind.REFUSAL, date(2026, 5, 2))
    service.record_conduct(office.cuong, ConductKind.REMINDER, date(2026, 5, 4))
    (report,) = service.proposal_documents(decision.id)
    assert "đã từ chối nhiệm vụ 02 lần" in _texts(report)
    assert service.write_pdf(decision.id, tmp_path / "qd.pdf").exists()


def test_ground_c_counts_only_what_was_logged_by_the_proposal_date(office):
    service = office.services.decisions
    decision = _ground_c_draft(office, signed_on=date(2026, 6, 1))
    for day in (1, 2):
        service.record_conduct(office.cuong, ConductKind.REFUSAL, date(2026, 4, day))
        service.record_conduct(office.cuong, ConductKind.REMINDER, date(2026, 4, 10 + day))
    with pytest.raises(GroundCNotProven):
        service.proposal_documents(decision.id, on=date(2026, 4, 5))     # the reminders came later
    (report,) = service.proposal_documents(decision.id, on=date(2026, 4, 30))
    assert "ngày 30 tháng 4 năm 2026" in report.place_date


def test_an_issued_ground_c_decision_still_prints(office, tmp_path):
    service = office.services.decisions
    decision = _ground_c_draft(office)
    for day in (1, 2):
        service.record_conduct(office.cuong, ConductKind.REFUSAL, date(2026, 4, day))
        service.record_conduct(office.cuong, ConductKind.REMINDER, date(2026, 4, 10 + day))
    issued = service.issue(decision.id)
    assert service.write_pdf(issued.id, tmp_path / "qd.pdf").exists()


# --- 2. An issued decision's text never changes ---------------------------------------------------

def test_issue_freezes_bases_and_articles_and_printing_uses_them(office):
    service = office.services.decisions
    issued = office.recognise_team1()
    stored = service.get(issued.id)
    assert stored.legal_bases and stored.articles and stored.recipients
    before = service.document(issued.id)
    unit = office.services.units.own_unit()
    office.services.units.update(replace(unit, settings={
        **unit.settings, "decision_legal_bases": ["Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;"]}))
    after = service.document(issued.id)
    assert after.bases == before.bases == stored.legal_bases
    assert after.paragraphs == before.paragraphs


def test_a_decision_signed_before_the_2025_law_cites_the_2015_law(commune):
    hamlet = commune.hamlets.create(HamletDraft("Thôn 1", households=300)).id
    draft = commune.decisions.create_draft(DecisionDraft(DecisionKind.ESTABLISH_TEAM, new_teams=(NewTeam(hamlet),)))
    assert LOCAL_GOVERNMENT_BASIS_2025 in draft.legal_bases             # today's defaults while drafted
    issued = commune.decisions.issue(draft.id, signed_on=date(2025, 3, 1))
    assert LOCAL_GOVERNMENT_BASIS_2015 in issued.legal_bases
    assert not any("2025" in basis for basis in issued.legal_bases)


def test_the_demo_decisions_carry_their_2024_text(demo):
    for decision in demo.decisions.list():
        assert decision.signed_on == date(2024, 7, 5)
        assert decision.legal_bases and decision.articles and decision.recipients and decision.signer_name
        document = demo.decisions.document(decision.id)
        text = _texts(document) + " ".join(document.recipients)
        assert LOCAL_GOVERNMENT_BASIS_2015 in document.bases
        assert "năm 2025" not in text and "Gia Lai" not in text
        assert "Nghị quyết số 03/2024/NQ-HĐND ngày 12 tháng 6 năm 2024 của Hội đồng nhân dân tỉnh Bình Định" \
            in " ".join(document.bases)
        assert "Công an tỉnh Bình Định (để báo cáo);" in document.recipients
    recognition = next(d for d in demo.decisions.list() if d.kind is DecisionKind.RECOGNISE)
    assert len(recognition.snapshot) == len(recognition.lines)


def test_an_old_issued_decision_without_stored_text_cites_nothing_dated_after_it(demo):
    recognition = next(d for d in demo.decisions.list() if d.kind is DecisionKind.RECOGNISE)
    with demo.context.new_uow() as uow:
        from antt_desktop.store.tables import DecisionRow

        row = uow.session.get(DecisionRow, recognition.id)
        row.legal_bases, row.articles, row.recipients = [], [], []
        uow.commit()
    unit = demo.units.own_unit()
    demo.units.update(replace(unit, settings={**unit.settings, "decision_legal_bases": [
        "Căn cứ Luật Lực lượng tham gia bảo vệ an ninh, trật tự ở cơ sở ngày 28 tháng 11 năm 2023;",
        "Căn cứ Nghị quyết số 12/2026/NQ-HĐND ngày 10/3/2026 của Hội đồng nhân dân tỉnh Gia Lai;"]}))
    bases = demo.decisions.document(recognition.id).bases
    assert bases[0].startswith("Căn cứ Luật Lực lượng") and not any("2026" in b for b in bases)
    demo.units.update(replace(demo.units.own_unit(), settings={}))
    bases = demo.decisions.document(recognition.id).bases
    assert LOCAL_GOVERNMENT_BASIS_2015 in bases and not any("2025" in b for b in bases)


# --- 3. The articles name the resolution the Căn cứ cite --------------------------------------

def test_article_2_names_the_cited_resolution_of_the_merged_province(demo):
    member = next(r for r in demo.members.list_rows() if r.status is MemberStatus.PROPOSED)
    team = next(t for t in demo.teams.list() if t.hamlet_id == member.hamlet_id)
    draft = demo.decisions.create_draft(DecisionDraft(DecisionKind.RECOGNISE, lines=(
        DecisionLine(member.id, team.id, Position.MEMBER),)))
    document = demo.decisions.document(draft.id)
    assert "Căn cứ Nghị quyết số 03/2024/NQ-HĐND ngày 12 tháng 6 năm 2024 của Hội đồng nhân dân tỉnh Bình Định;" \
        in document.bases
    article_2 = document.paragraphs[1].text
    assert "Nghị quyết số 03/2024/NQ-HĐND của Hội đồng nhân dân tỉnh Bình Định" in article_2
    assert "Gia Lai" not in article_2


# --- 4. A recognition never puts a team above its quota ------------------------------------------

def test_recognition_above_the_team_quota_is_refused_and_changes_nothing(office):
    office.services.teams.update(office.team1, name="Tổ bảo vệ ANTT Thôn 1", quota_override=3)
    office.recognise_team1()
    draft = office.services.decisions.create_draft(DecisionDraft(DecisionKind.RECOGNISE, lines=(
        DecisionLine(office.dung, office.team1, Position.MEMBER),), signed_on=date(2026, 3, 1)))
    with pytest.raises(DecisionInvalid) as raised:
        office.services.decisions.issue(draft.id)
    (problem,) = raised.value.problems
    assert isinstance(problem, TeamQuotaExceeded)
    assert (problem.team_name, problem.max_members, problem.count_after) == ("Tổ bảo vệ ANTT Thôn 1", 3, 4)
    message = describe(raised.value)
    assert "Tổ bảo vệ ANTT Thôn 1 chỉ được có tối đa 03 thành viên" in message and "sẽ có 04 thành viên" in message
    assert office.services.members.get(office.dung).status is MemberStatus.PROPOSED
    assert not office.services.decisions.get(draft.id).is_issued
    assert [type(p) for p in office.services.decisions.problems(draft.id)] == [TeamQuotaExceeded]
    (proposal,) = office.services.decisions.proposal_documents(draft.id)
    assert "Lưu ý: Tổ bảo vệ an ninh, trật tự Thôn 1 có định mức tối đa 03 thành viên" in _texts(proposal)
    assert "Tổ sẽ có 04 thành viên, vượt định mức" in _texts(proposal)
    # After a member leaves there is room again, and the number was not used up.
    leave = DecisionDraft(DecisionKind.TERMINATE, lines=(DecisionLine(office.cuong),),
                          termination_ground=TerminationGround.APPLICATION, signed_on=date(2026, 2, 20))
    office.services.decisions.issue(office.services.decisions.create_draft(leave).id)
    assert office.services.decisions.issue(draft.id).number == "04/QĐ-UBND"


def test_moving_a_member_into_a_full_team_is_refused(office):
    office.services.teams.update(office.team1, name="Tổ bảo vệ ANTT Thôn 1", quota_override=3)
    office.recognise_team1()
    office.recognise((office.dung, office.team2, Position.LEADER), on=date(2026, 2, 5))
    move = office.services.decisions.create_draft(DecisionDraft(DecisionKind.CHANGE_POSITION, lines=(
        DecisionLine(office.dung, office.team1, Position.MEMBER),), signed_on=date(2026, 3, 1)))
    with pytest.raises(DecisionInvalid) as raised:
        office.services.decisions.issue(move.id)
    assert [type(p) for p in raised.value.problems] == [TeamQuotaExceeded]
    swap = office.services.decisions.create_draft(DecisionDraft(DecisionKind.CHANGE_POSITION, lines=(
        DecisionLine(office.an, office.team1, Position.DEPUTY), DecisionLine(office.binh, office.team1, Position.LEADER)),
        signed_on=date(2026, 3, 1)))
    assert office.services.decisions.issue(swap.id).is_issued          # same size: allowed


def test_recognition_with_an_unknown_quota_is_allowed_with_a_warning(office):
    service = office.services.decisions                  # the commune has chosen no resolution
    draft = service.create_draft(DecisionDraft(DecisionKind.RECOGNISE, lines=(
        DecisionLine(office.an, office.team1, Position.LEADER),), signed_on=date(2026, 2, 1)))
    (warning,) = service.warnings(draft.id)
    assert isinstance(warning, TeamQuotaUnknown) and (warning.team_name, warning.count_after) == (
        "Tổ bảo vệ ANTT Thôn 1", 1)
    assert "Chưa xác định được định mức thành viên của Tổ bảo vệ ANTT Thôn 1" in describe(warning)
    (proposal,) = service.proposal_documents(draft.id)
    assert "Lưu ý: chưa xác định được định mức thành viên của Tổ bảo vệ an ninh, trật tự Thôn 1" in _texts(proposal)
    assert service.issue(draft.id).is_issued
    assert service.warnings(draft.id) == ()


def test_the_demo_teams_are_full(demo):
    member = next(r for r in demo.members.list_rows() if r.status is MemberStatus.PROPOSED)
    team = next(t for t in demo.teams.list() if t.hamlet_id == member.hamlet_id)
    draft = demo.decisions.create_draft(DecisionDraft(DecisionKind.RECOGNISE, lines=(
        DecisionLine(member.id, team.id, Position.MEMBER),)))
    (problem,) = demo.decisions.problems(draft.id)
    assert isinstance(problem, TeamQuotaExceeded) and (problem.max_members, problem.count_after) == (3, 4)
    assert "312 hộ" in problem.basis


# --- 5. The proposal is never dated after the decision ---------------------------------------------

def test_the_proposal_is_dated_by_the_planned_signing_or_today(office, clock):
    service = office.services.decisions
    planned = service.create_draft(DecisionDraft(DecisionKind.RECOGNISE, lines=(
        DecisionLine(office.an, office.team1, Position.LEADER),), signed_on=date(2026, 2, 1)))
    (paper,) = service.proposal_documents(planned.id)
    assert paper.place_date == "Tân Phú, ngày 01 tháng 02 năm 2026"     # created 22/11/2026, signed 01/02
    (paper,) = service.proposal_documents(planned.id, on=date(2026, 1, 26))
    assert paper.place_date == "Tân Phú, ngày 26 tháng 01 năm 2026"
    with pytest.raises(ProposalDatedAfterDecision) as raised:
        service.proposal_documents(planned.id, on=date(2026, 2, 2))
    assert "đề nghị phải có trước quyết định" in describe(raised.value)
    undated = service.create_draft(DecisionDraft(DecisionKind.RECOGNISE, lines=(
        DecisionLine(office.binh, office.team1, Position.DEPUTY),)))
    (paper,) = service.proposal_documents(undated.id)
    assert paper.place_date == "Tân Phú, ngày 22 tháng 11 năm 2026"
    with pytest.raises(ProposalDateInFuture):
        service.proposal_documents(undated.id, on=date(2026, 11, 23))
