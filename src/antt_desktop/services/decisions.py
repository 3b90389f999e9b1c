"""Decisions: draft, issue (numbered, applied in the same transaction), print (issue #4).

Membership changes only here (DESIGN §2.3): issuing a recognition assigns positions,
a change of position moves them, a termination or dissolution ends them. An issued
decision is never edited; every service method below refuses to.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from antt_desktop.domain import eligibility, vn_text
from antt_desktop.domain.access import Permission
from antt_desktop.domain.audit_trail import ExportKind
from antt_desktop.domain.dates import format_vn_date
from antt_desktop.domain.decisions import (
    DECISION_SYMBOL,
    ConductCounts,
    ConductDateInFuture,
    ConductEvent,
    ConductKind,
    Decision,
    DecisionAlreadyIssued,
    DecisionChangesNothing,
    DecisionDraft,
    DecisionInvalid,
    DecisionKind,
    DecisionLine,
    DecisionNumberTaken,
    GroundCNotMet,
    GroundCNotProven,
    HamletAlreadyHasTeam,
    IneligibleMember,
    IssuerFacts,
    KINDS_WITH_POSITIONS,
    MemberAlreadyActive,
    MemberNotActive,
    NamedLine,
    NewTeam,
    NoProposalForKind,
    RecognitionBlocked,
    RosterEntry,
    SignatureForm,
    SignedBeforePrevious,
    SignedInFuture,
    TeamAlreadyDissolved,
    TeamQuotaExceeded,
    TeamQuotaUnknown,
    TerminationFacts,
    TerminationGround,
    check_draft,
    clean_draft,
    compose_articles,
    compose_decision_document,
    compose_member_list,
    compose_recognition_proposals,
    compose_termination_report,
    compose_title,
    count_conduct,
    default_legal_bases,
    default_recipients,
    ground_c_shortfalls,
    issuer_from_unit,
    next_sequence,
    proposal_date,
    resolution_basis,
    resolution_short_name,
)
from antt_desktop.domain.errors import DomainError
from antt_desktop.domain.official_documents import OfficialDocument
from antt_desktop.domain.organisation import AssignmentDatesInvalid, RecordNotFound, Team
from antt_desktop.domain.people import EDUCATION_LABELS, PRIOR_FORCE_LABELS, MemberStatus
from antt_desktop.domain.team_sizing import HamletFacts, SizingRuleUnconfirmed, TeamQuota, team_quota
from antt_desktop.domain.personal_ids import mask_personal_id
from antt_desktop.domain.units import Unit, UnitNotSetUp
from antt_desktop.services.audit import log_export
from antt_desktop.services.context import ServiceContext
from antt_desktop.services.organisation import assign_in, end_in

ISSUE_ATTEMPTS = 3


class DecisionService:
    def __init__(self, context: ServiceContext) -> None:
        self._context = context

    # --- Reading --------------------------------------------------------------------------

    def list(self) -> list[Decision]:
        """The unit's decisions: drafts first, then issued ones, newest number first."""
        with self._context.new_uow() as uow:
            unit = uow.units.own()
            return uow.decisions.list(unit.code if unit else None)

    def get(self, decision_id: str) -> Decision:
        with self._context.new_uow() as uow:
            return _get(uow, decision_id)

    def find(self, reference: str) -> Decision:
        """A decision by id, by the start of its id, or by its number ("15/QĐ-UBND", latest year)."""
        text = vn_text.normalize_text(reference)
        with self._context.new_uow() as uow:
            found = uow.decisions.get(text)
            if found is not None:
                return found
            decisions = uow.decisions.list()
        by_number = [d for d in decisions if d.number and vn_text.fold(d.number) == vn_text.fold(text)]
        if by_number:
            return max(by_number, key=lambda d: d.year or 0)
        if len(text) >= 4:
            by_prefix = [d for d in decisions if d.id.startswith(text.lower())]
            if len(by_prefix) == 1:
                return by_prefix[0]
        raise RecordNotFound("decision", reference)

    def defaults(self, kind: DecisionKind) -> DecisionDraft:
        """A new draft prefilled from the unit: place, signer, Căn cứ and Nơi nhận (editable)."""
        with self._context.new_uow() as uow:
            unit = _own_unit(uow)
            issuer = _issuer(uow, unit)
        return DecisionDraft(
            kind=kind, place=issuer.place_name, signer_name=unit.chairman_name,
            signer_title=unit.chairman_title or "CHỦ TỊCH", signature_form=_form(unit.signature_form),
            legal_bases=default_legal_bases(kind, issuer, self._context.today()),
            recipients=default_recipients(kind, issuer),
        )

    def lines(self, decision_id: str) -> list[NamedLine]:
        """The members a decision names, as its documents print them."""
        with self._context.new_uow() as uow:
            decision = _get(uow, decision_id)
            if decision.snapshot:
                return list(decision.snapshot)
            return _named_lines(uow, decision)

    def problems(self, decision_id: str, signed_on: date | None = None) -> tuple[DomainError, ...]:
        """What would stop the decision from being issued now (nothing is written)."""
        with self._context.new_uow() as uow:
            decision = _get(uow, decision_id)
            if decision.is_issued:
                return (DecisionAlreadyIssued(decision.number or ""),)
            try:
                self._issue_in(uow, decision, signed_on or decision.signed_on or self._context.today())
            except DecisionInvalid as invalid:
                return invalid.problems
            except DomainError as error:
                return (error,)
            return ()   # leaving without commit rolls the trial back

    def warnings(self, decision_id: str) -> tuple[DomainError, ...]:
        """What issuing the draft allows but the officer should know: teams whose quota is not
        known (TeamQuotaUnknown) and the size they would reach."""
        with self._context.new_uow() as uow:
            decision = _get(uow, decision_id)
            if decision.is_issued:
                return ()
            return tuple(_quota_problems(uow, decision)[1])

    # --- Drafts -----------------------------------------------------------------------------

    def create_draft(self, draft: DecisionDraft) -> Decision:
        self._context.require(Permission.DRAFT_DECISIONS)
        with self._context.new_uow() as uow:
            unit = _own_unit(uow)
            draft = self._checked(uow, self._with_defaults(uow, unit, clean_draft(draft)))
            decision = Decision(id=str(uuid.uuid4()), unit_code=unit.code, kind=draft.kind).with_draft(draft)
            uow.decisions.add(decision)
            uow.audit.record(self._context.actor, "decision.drafted", "decision", decision.id,
                             unit.code, after=decision)
            uow.commit()
        return decision

    def update_draft(self, decision_id: str, draft: DecisionDraft) -> Decision:
        """Change a draft; an issued decision refuses (a mistake needs a new decision)."""
        self._context.require(Permission.DRAFT_DECISIONS)
        with self._context.new_uow() as uow:
            before = _get(uow, decision_id)
            if before.is_issued:
                raise DecisionAlreadyIssued(before.number or "")
            unit = _own_unit(uow)
            draft = self._checked(uow, self._with_defaults(uow, unit, clean_draft(draft)))
            after = before.with_draft(draft)
            uow.decisions.save_draft(after)
            uow.audit.record(self._context.actor, "decision.updated", "decision", after.id,
                             after.unit_code, before=before, after=after)
            uow.commit()
        return after

    def cancel_draft(self, decision_id: str) -> None:
        """Drop a draft. Numbers are given only at issue, so cancelling leaves no gap."""
        self._context.require(Permission.DRAFT_DECISIONS)
        with self._context.new_uow() as uow:
            before = _get(uow, decision_id)
            if before.is_issued:
                raise DecisionAlreadyIssued(before.number or "")
            uow.decisions.delete_draft(decision_id)
            uow.audit.record(self._context.actor, "decision.cancelled", "decision", decision_id,
                             before.unit_code, before=before)
            uow.commit()

    def _with_defaults(self, uow, unit: Unit, draft: DecisionDraft) -> DecisionDraft:
        issuer = _issuer(uow, unit)
        return replace(
            draft,
            place=draft.place or issuer.place_name,
            signer_name=draft.signer_name or unit.chairman_name,
            legal_bases=draft.legal_bases or default_legal_bases(
                draft.kind, issuer, draft.signed_on or self._context.today()),
            recipients=draft.recipients or default_recipients(draft.kind, issuer),
        )

    def _checked(self, uow, draft: DecisionDraft) -> DecisionDraft:
        names, teams, hamlets = {}, {}, {}
        for line in draft.lines:
            member = uow.members.get(line.member_id)
            if member is None:
                raise RecordNotFound("member", line.member_id)
            names[member.id] = member.full_name
            if line.team_id and line.team_id not in teams:
                team = uow.teams.get(line.team_id)
                if team is None:
                    raise RecordNotFound("team", line.team_id)
                teams[team.id] = team.name
        for new_team in draft.new_teams:
            hamlet = uow.hamlets.get(new_team.hamlet_id)
            if hamlet is None:
                raise RecordNotFound("hamlet", new_team.hamlet_id)
            hamlets[hamlet.id] = hamlet.name
        if draft.team_id and uow.teams.get(draft.team_id) is None:
            raise RecordNotFound("team", draft.team_id)
        check_draft(draft, member_names=names, team_names=teams, hamlet_names=hamlets)
        return draft

    # --- Issuing ----------------------------------------------------------------------------

    def issue(self, decision_id: str, *, signed_on: date | None = None) -> Decision:
        """Number the decision (next of its year), freeze its wording and apply its change,
        all in one transaction: either everything happens or nothing does."""
        self._context.require(Permission.ISSUE_DECISIONS)
        for attempt in range(ISSUE_ATTEMPTS):
            try:
                with self._context.new_uow() as uow:
                    uow.decisions.lock_for_issue(decision_id)
                    decision = _get(uow, decision_id)
                    if decision.is_issued:
                        raise DecisionAlreadyIssued(decision.number or "")
                    issued = self._issue_in(uow, decision, signed_on or decision.signed_on or self._context.today())
                    uow.commit()
                return issued
            except DecisionNumberTaken:
                if attempt == ISSUE_ATTEMPTS - 1:
                    raise
        raise AssertionError("unreachable")

    def _issue_in(self, uow, decision: Decision, signed_on: date) -> Decision:
        today = self._context.today()
        if signed_on > today:
            raise SignedInFuture(signed_on, today)
        unit = uow.units.by_code(decision.unit_code) or _own_unit(uow)
        dated = replace(decision, signed_on=signed_on, effective_on=decision.effective_on or signed_on)
        self._checked(uow, dated.as_draft())
        last = uow.decisions.last_issued(unit.code, signed_on.year)
        if last is not None and last.signed_on and signed_on < last.signed_on:
            raise SignedBeforePrevious(signed_on, last.number or "", last.signed_on)
        if dated.kind is DecisionKind.DISSOLVE_TEAM:
            # The members are those of the team on the day it is dissolved, not when drafted.
            dated = replace(dated, lines=tuple(
                _line_of(a) for a in uow.assignments.open_for_team(dated.team_id)))
        first = int((unit.settings or {}).get("decision_first_number", {}).get(str(signed_on.year), 1))
        sequence = next_sequence(uow.decisions.highest_sequence(unit.code, signed_on.year), first)
        number = f"{sequence:02d}/{DECISION_SYMBOL}"
        snapshot = tuple(_named_lines(uow, dated))
        issuer = _issuer(uow, unit)
        dated = self._apply(uow, dated, number, snapshot, issuer)
        team_names, dissolved, founded = _team_facts(uow, dated)
        numbered = replace(dated, number=number)
        issued = dated.issue(
            sequence=sequence, signed_on=signed_on, issued_at=self._context.clock().replace(microsecond=0),
            title=dated.title or compose_title(dated.kind, team_names or [l.team_name for l in snapshot]
                                               or [dissolved], issuer),
            articles=compose_articles(numbered, snapshot, issuer, team_names=team_names,
                                      dissolved_team=dissolved, establishing_number=founded),
            legal_bases=_bases_at_signing(dated, issuer, signed_on, today),
            recipients=dated.recipients or default_recipients(dated.kind, issuer),
            snapshot=snapshot,
        )
        uow.decisions.save_issued(issued)
        uow.audit.record(self._context.actor, "decision.issued", "decision", issued.id, issued.unit_code,
                         before=decision, after=issued)
        return issued

    def _apply(self, uow, decision: Decision, number: str, snapshot: Sequence[NamedLine],
               issuer: IssuerFacts) -> Decision:
        """The membership change of the decision, inside the issuing transaction."""
        actor, kind = self._context.actor, decision.kind
        effective = decision.effective_on
        members = uow.members.many(decision.member_ids)
        if kind is DecisionKind.ESTABLISH_TEAM:
            return replace(decision, new_teams=tuple(
                self._establish(uow, decision, team, effective) for team in decision.new_teams))
        if kind is DecisionKind.RECOGNISE:
            blocked = []
            for line in decision.lines:
                member = members[line.member_id]
                if member.status is MemberStatus.ACTIVE:
                    raise MemberAlreadyActive(member.full_name)
                failures = _eligibility(uow, member, decision.signed_on)
                if failures:
                    blocked.append(IneligibleMember(member.full_name, failures))
            if blocked:
                raise RecognitionBlocked(tuple(blocked))
            _refuse_over_quota(uow, decision)
            for line in decision.lines:
                member = members[line.member_id]
                self._team_open(uow, line.team_id)
                if member.status is MemberStatus.LEFT:
                    # Coming back after leaving: recognised again by this decision.
                    rejoining = replace(member, status=MemberStatus.PROPOSED, left_on=None, joined_on=None,
                                        leave_reason="")
                    uow.members.save(rejoining)
                    uow.audit.record(actor, "member.rejoining", "member", member.id, member.unit_code,
                                     before=member, after=rejoining)
                assign_in(uow, actor, line.member_id, line.team_id, line.position, effective,
                          decision_id=decision.id)
            return decision
        if kind is DecisionKind.CHANGE_POSITION:
            current = {}
            for line in decision.lines:
                member = members[line.member_id]
                held = uow.assignments.open_for_member(member.id)
                if member.status is not MemberStatus.ACTIVE or held is None:
                    raise MemberNotActive(member.full_name)
                if held.team_id == line.team_id and held.position is line.position:
                    raise DecisionChangesNothing(member.full_name)
                self._team_open(uow, line.team_id)
                current[member.id] = held
            _refuse_over_quota(uow, decision)
            # Close every named position first, so a Tổ trưởng and a Tổ phó can swap seats.
            for held in current.values():
                last_day = effective - timedelta(days=1)
                if last_day < held.started_on:
                    raise AssignmentDatesInvalid(held.started_on, effective)
                closed = replace(held, ended_on=last_day, end_decision_id=decision.id)
                uow.assignments.save(closed)
                uow.audit.record(actor, "assignment.ended", "assignment", closed.id, closed.unit_code,
                                 before=held, after=closed)
            uow.flush()
            for line in decision.lines:
                assign_in(uow, actor, line.member_id, line.team_id, line.position, effective,
                          decision_id=decision.id)
            return decision
        if kind is DecisionKind.TERMINATE:
            ground = decision.termination_ground
            log = uow.conduct.for_members(decision.member_ids)
            problems = []
            for line in decision.lines:
                member = members[line.member_id]
                if member.status is not MemberStatus.ACTIVE:
                    problems.append(MemberNotActive(member.full_name))
                elif ground is TerminationGround.MISCONDUCT:
                    counts = count_conduct(log[member.id], decision.signed_on)
                    if not counts.meets_ground_c:
                        problems.append(GroundCNotMet(member.full_name, counts.reminders, counts.refusals))
            if problems:
                raise DecisionInvalid(tuple(problems))
            reason = f"Cho thôi tham gia theo Quyết định số {number} (Điều 17 khoản 3 điểm {ground.value})"
            for line in decision.lines:
                end_in(uow, actor, line.member_id, effective - timedelta(days=1), decision_id=decision.id,
                       reason=reason)
                self._revoke_certificates(uow, line.member_id, effective, f"Thu hồi do {reason[0].lower()}{reason[1:]}")
            return decision
        if kind is DecisionKind.DISSOLVE_TEAM:
            team = uow.teams.get(decision.team_id)
            if team.dissolved_on is not None:
                raise TeamAlreadyDissolved(team.name)
            reason = f"Giải thể {team.name} theo Quyết định số {number}"
            for line in decision.lines:
                end_in(uow, actor, line.member_id, effective - timedelta(days=1), decision_id=decision.id,
                       reason=reason)
                self._revoke_certificates(uow, line.member_id, effective, f"Thu hồi do {reason[0].lower()}{reason[1:]}")
            dissolved = replace(team, dissolved_on=effective)
            uow.teams.save(dissolved)
            uow.audit.record(actor, "team.dissolved", "team", team.id, team.unit_code, before=team, after=dissolved)
            return decision
        # Khen thưởng, kỷ luật: recorded by the decision itself; membership does not change.
        for line in decision.lines:
            member = members[line.member_id]
            if member.status is MemberStatus.PROPOSED:
                raise MemberNotActive(member.full_name)
        return decision

    def _establish(self, uow, decision: Decision, wanted: NewTeam, effective: date) -> NewTeam:
        actor = self._context.actor
        hamlet = uow.hamlets.get(wanted.hamlet_id)
        team = uow.teams.get(wanted.team_id) if wanted.team_id else None
        if team is None:
            standing = [t for t in uow.teams.for_hamlet(hamlet.id) if t.dissolved_on is None]
            established = [t for t in standing if t.establishing_decision_id]
            if established:
                raise HamletAlreadyHasTeam(hamlet.name, established[0].name)
            team = standing[0] if standing else None
        elif team.establishing_decision_id and team.dissolved_on is None:
            raise HamletAlreadyHasTeam(hamlet.name, team.name)
        if team is None:
            name = wanted.name or f"Tổ bảo vệ ANTT {hamlet.name}"
            team = Team(id=str(uuid.uuid4()), unit_code=hamlet.unit_code, name=name, hamlet_id=hamlet.id,
                        establishing_decision_id=decision.id, established_on=effective)
            uow.teams.add(team)
            uow.audit.record(actor, "team.created", "team", team.id, team.unit_code, after=team)
        else:
            before = team
            team = replace(team, establishing_decision_id=decision.id, established_on=effective,
                           name=wanted.name or team.name)
            uow.teams.save(team)
            uow.audit.record(actor, "team.established", "team", team.id, team.unit_code, before=before, after=team)
        uow.flush()
        return replace(wanted, team_id=team.id, name=team.name)

    def _team_open(self, uow, team_id: str) -> None:
        team = uow.teams.get(team_id)
        if team is not None and team.dissolved_on is not None:
            raise TeamAlreadyDissolved(team.name)

    def _revoke_certificates(self, uow, member_id: str, on: date, reason: str) -> None:
        for certificate in uow.certificates.for_members([member_id])[member_id]:
            if certificate.revoked_on is None:
                revoked = replace(certificate, revoked_on=on, revoke_reason=reason[:200])
                uow.certificates.save(revoked)
                uow.audit.record(self._context.actor, "certificate.revoked", "certificate", certificate.id,
                                 certificate.unit_code, before=certificate, after=revoked)

    # --- Conduct log (Điều 17 khoản 3 điểm c) ---------------------------------------------------

    def record_conduct(self, member_id: str, kind: ConductKind, occurred_on: date, *,
                       reference: str = "", description: str = "") -> ConductEvent:
        """Log a written reminder or a refused task, the evidence ground (c) needs."""
        self._context.require(Permission.DRAFT_DECISIONS)
        kind = ConductKind(kind)
        today = self._context.today()
        if occurred_on > today:
            raise ConductDateInFuture(occurred_on, today)
        with self._context.new_uow() as uow:
            member = uow.members.get(member_id)
            if member is None:
                raise RecordNotFound("member", member_id)
            event = ConductEvent(id=str(uuid.uuid4()), unit_code=member.unit_code, member_id=member_id,
                                 kind=kind, occurred_on=occurred_on,
                                 reference=vn_text.normalize_text(reference)[:100],
                                 description=vn_text.normalize_text(description),
                                 recorded_by=self._context.actor)
            uow.conduct.add(event)
            uow.audit.record(self._context.actor, "conduct.recorded", "member", member_id,
                             member.unit_code, after=event)
            uow.commit()
        return event

    def conduct_log(self, member_id: str) -> list[ConductEvent]:
        with self._context.new_uow() as uow:
            return uow.conduct.for_member(member_id)

    def conduct_counts(self, member_ids: Iterable[str], on: date | None = None) -> dict[str, ConductCounts]:
        with self._context.new_uow() as uow:
            log = uow.conduct.for_members(member_ids)
        return {member_id: count_conduct(events, on) for member_id, events in log.items()}

    # --- Documents -----------------------------------------------------------------------------

    def document(self, decision_id: str) -> OfficialDocument:
        """The decision as it prints: frozen wording once issued, today's facts while a draft."""
        return self._decision_document(decision_id)[0]

    def _decision_document(self, decision_id: str) -> tuple[OfficialDocument, int]:
        """The document and how many people it names."""
        with self._context.new_uow() as uow:
            decision = _get(uow, decision_id)
            unit = uow.units.by_code(decision.unit_code) or _own_unit(uow)
            issuer = _issuer(uow, unit)
            lines = list(decision.snapshot) or _named_lines(uow, decision)
            team_names, dissolved, founded = _team_facts(uow, decision)
        document = compose_decision_document(decision, lines, issuer, team_names=team_names,
                                             dissolved_team=dissolved, establishing_number=founded)
        return document, _people(lines)

    def write_pdf(self, decision_id: str, out: Path) -> Path:
        from antt_desktop.documents.decision_pdf import write_document_pdf

        return self._write_decision(decision_id, out, write_document_pdf)

    def write_docx(self, decision_id: str, out: Path) -> Path:
        from antt_desktop.documents.decision_docx import write_document_docx

        return self._write_decision(decision_id, out, write_document_docx)

    def _write_decision(self, decision_id: str, out: Path, write) -> Path:
        self._context.require(Permission.EXPORT_PERSONAL_DATA)
        self._refuse_unproven_ground_c(decision_id, "decision")
        document, people = self._decision_document(decision_id)
        write(document, out)
        log_export(self._context, ExportKind.DECISION, people, Path(out), entity="decision", entity_id=decision_id)
        return out

    def proposal_documents(self, decision_id: str, *, mask_ids: bool = False,
                           on: date | None = None) -> tuple[OfficialDocument, ...]:
        """The police's papers before the decision: Mẫu 05 and 06 lists, or the Mẫu 07 report.

        `mask_ids` prints the ID numbers of the Mẫu 05 and 06 lists as "********2345". The paper
        is dated `on`, else the planned signing date or today, whichever is earlier (never after
        the decision it proposes). A ground (c) report whose conduct log falls short of the Law
        is refused (GroundCNotProven), as issuing would be; a recognition over a team's quota
        carries a remark."""
        return self._proposals(decision_id, mask_ids, on)[0]

    def _proposals(self, decision_id: str, mask_ids: bool,
                   wanted_on: date | None = None) -> tuple[tuple[OfficialDocument, ...], int]:
        with self._context.new_uow() as uow:
            decision = _get(uow, decision_id)
            unit = uow.units.by_code(decision.unit_code) or _own_unit(uow)
            issuer = _issuer(uow, unit)
            lines = list(decision.snapshot) or _named_lines(uow, decision)
            if mask_ids:
                lines = [_masked(line) for line in lines]
            on = proposal_date(self._context.today(), decision.signed_on, wanted_on)
            if decision.kind is DecisionKind.RECOGNISE:
                notes = () if decision.is_issued else tuple(sum(_quota_problems(uow, decision), []))
                return compose_recognition_proposals(lines, issuer, on, notes), _people(lines)
            if decision.kind is DecisionKind.TERMINATE:
                log = uow.conduct.for_members(decision.member_ids)
                if decision.termination_ground is TerminationGround.MISCONDUCT and not decision.is_issued:
                    _refuse_unproven(uow, decision, log, on, "proposal")
                known = {member_id: [e for e in events if e.occurred_on <= on] for member_id, events in log.items()}
                facts = [TerminationFacts(
                    line,
                    tuple(e for e in known.get(line.member_id, ()) if e.kind is ConductKind.REMINDER),
                    tuple(e for e in known.get(line.member_id, ()) if e.kind is ConductKind.REFUSAL))
                    for line in lines]
                return (compose_termination_report(facts, decision.termination_ground, decision.reason,
                                                   issuer, on),), _people(lines)
        return (), 0

    def _refuse_unproven_ground_c(self, decision_id: str, document: str) -> None:
        """A draft for ground (c) prints only when the conduct log meets the Law on its date."""
        with self._context.new_uow() as uow:
            decision = _get(uow, decision_id)
            if decision.is_issued or decision.termination_ground is not TerminationGround.MISCONDUCT:
                return
            on = min(decision.signed_on or self._context.today(), self._context.today())
            _refuse_unproven(uow, decision, uow.conduct.for_members(decision.member_ids), on, document)

    def write_proposal_pdf(self, decision_id: str, out: Path, *, mask_ids: bool = False,
                           on: date | None = None) -> Path:
        from antt_desktop.documents.decision_pdf import write_documents_pdf

        self._context.require(Permission.EXPORT_PERSONAL_DATA)
        documents, people = self._proposals(decision_id, mask_ids, on)
        if not documents:
            raise NoProposalForKind(self.get(decision_id).kind)
        write_documents_pdf(documents, out)
        log_export(self._context, ExportKind.PROPOSAL, people, Path(out), entity="decision",
                   entity_id=decision_id, ids_masked=mask_ids)
        return out

    def member_list_document(self, team_id: str | None = None, *, mask_ids: bool = False) -> OfficialDocument:
        """Danh sách thành viên, team by team (or one team), as of today.

        `mask_ids` prints ID numbers as "********2345" (issue #8: lists that leave the office)."""
        return self._member_list(team_id, mask_ids)[0]

    def _member_list(self, team_id: str | None, mask_ids: bool) -> tuple[OfficialDocument, int]:
        with self._context.new_uow() as uow:
            unit = _own_unit(uow)
            issuer = _issuer(uow, unit)
            teams = [t for t in uow.teams.list(unit.code) if t.dissolved_on is None]
            if team_id is not None:
                teams = [t for t in teams if t.id == team_id]
                if not teams:
                    raise RecordNotFound("team", team_id)
            assignments = [a for t in teams for a in uow.assignments.open_for_team(t.id)]
            members = uow.members.many(a.member_id for a in assignments)
            hamlets = {h.id: h.name for h in uow.hamlets.list(unit.code)}
            names = {t.id: t.name for t in teams}
            recognitions = uow.decisions.recognitions_of(members)
            entries = []
            for assignment in assignments:
                member = members[assignment.member_id]
                line = _named(member, hamlets, assignment.team_id, names.get(assignment.team_id, ""),
                              assignment.position)
                if mask_ids:
                    line = _masked(line)
                number = recognitions.get(member.id, ("", None))[0] or ""
                entries.append(RosterEntry(line, member.joined_on, number, member.phone or ""))
        document = compose_member_list(entries, issuer, self._context.today(),
                                       team_name=teams[0].name if team_id is not None else "")
        return document, len(entries)

    def write_member_list_pdf(self, out: Path, *, team_id: str | None = None, mask_ids: bool = False) -> Path:
        from antt_desktop.documents.member_list_pdf import write_member_list_pdf

        self._context.require(Permission.EXPORT_PERSONAL_DATA)
        document, people = self._member_list(team_id, mask_ids)
        write_member_list_pdf(document, out)
        log_export(self._context, ExportKind.MEMBER_LIST, people, Path(out),
                   entity="team" if team_id else "members", entity_id=team_id, ids_masked=mask_ids)
        return out


# --- Helpers inside a unit of work ------------------------------------------------------------

def _own_unit(uow) -> Unit:
    unit = uow.units.own()
    if unit is None:
        raise UnitNotSetUp()
    return unit


def _get(uow, decision_id: str) -> Decision:
    decision = uow.decisions.get(decision_id)
    if decision is None:
        raise RecordNotFound("decision", decision_id)
    return decision


def _form(value: str) -> SignatureForm:
    try:
        return SignatureForm(value)
    except ValueError:
        return SignatureForm.IN_PERSON


def _issuer(uow, unit: Unit) -> IssuerFacts:
    """The unit's facts for the wording, with the resolution of its chosen policy (which may be
    that of a province merged into it in 2025: the Căn cứ and the articles then name that one)."""
    resolution, short, adopted = "", "", None
    if unit.policy_version_id:
        row = uow.policies.get_row(unit.policy_version_id)
        if row is not None:
            try:
                from antt_desktop.domain.policies import policy_from_dict

                policy = policy_from_dict(row.parameters)
                resolution = resolution_basis(policy.resolution_number, policy.issued_on, policy.province_name)
                short = resolution_short_name(policy.resolution_number, policy.province_name)
                adopted = policy.issued_on
            except DomainError:
                resolution = resolution_basis(row.resolution_number, None, row.province_name)
                short = resolution_short_name(row.resolution_number, row.province_name)
    return issuer_from_unit(unit, resolution=resolution, resolution_short=short, resolution_on=adopted)


def _bases_at_signing(decision: Decision, issuer: IssuerFacts, signed_on: date, today: date) -> tuple[str, ...]:
    """The Căn cứ frozen at issue: the officer's own, or the defaults as they stood on the
    signing date (a draft left with today's defaults and signed on an earlier date must not
    cite a text adopted after it)."""
    if not decision.legal_bases or decision.legal_bases == default_legal_bases(decision.kind, issuer, today):
        return default_legal_bases(decision.kind, issuer, signed_on)
    return decision.legal_bases


def _refuse_unproven(uow, decision: Decision, log, on: date, document: str) -> None:
    members = uow.members.many(decision.member_ids)
    named = [(members[m].full_name if m in members else m, log.get(m, ())) for m in decision.member_ids]
    shortfalls = ground_c_shortfalls(named, on)
    if shortfalls:
        raise GroundCNotProven(document, shortfalls)


def _sizing_rule(uow, unit_code: str):
    unit = uow.units.by_code(unit_code) or uow.units.own()
    if unit is None or not unit.policy_version_id:
        return None
    row = uow.policies.get_row(unit.policy_version_id)
    if row is None:
        return None
    from antt_desktop.domain.policies import policy_from_dict

    try:
        return policy_from_dict(row.parameters).sizing
    except DomainError:
        return None


def _team_quota(uow, team: Team, sizing) -> tuple[TeamQuota | None, DomainError | None]:
    """The team's quota: the unit's own figure for it, else the province's rule for its hamlet."""
    if team.quota_override is not None:
        return TeamQuota(min(3, team.quota_override), team.quota_override,
                         f"định mức do đơn vị nhập: {team.quota_override} thành viên", True), None
    hamlet = uow.hamlets.get(team.hamlet_id) if team.hamlet_id else None
    if sizing is None or hamlet is None:
        return None, SizingRuleUnconfirmed("sizing")
    try:
        return team_quota(sizing, HamletFacts(kind=hamlet.kind, households=hamlet.households,
                                              residents=hamlet.residents, is_key_area=hamlet.is_complex,
                                              name=hamlet.name)), None
    except DomainError as error:
        return None, error


def _quota_problems(uow, decision: Decision) -> tuple[list[DomainError], list[DomainError]]:
    """The teams a recognition or a change of position makes bigger, with their size after it:
    those going above a known quota (TeamQuotaExceeded) and those whose quota is unknown or
    unconfirmed (TeamQuotaUnknown)."""
    if decision.kind not in KINDS_WITH_POSITIONS:
        return [], []
    arriving: dict[str, set[str]] = {}
    for line in decision.lines:
        if line.team_id:
            arriving.setdefault(line.team_id, set()).add(line.member_id)
    named = set(decision.member_ids)
    sizing = _sizing_rule(uow, decision.unit_code)
    exceeded: list[DomainError] = []
    unknown: list[DomainError] = []
    for team_id, coming in arriving.items():
        team = uow.teams.get(team_id)
        if team is None or team.dissolved_on is not None:
            continue
        current = {a.member_id for a in uow.assignments.open_for_team(team_id)}
        after = len({m for m in current if m not in named} | coming)
        if after <= len(current):
            continue                       # the decision does not make the team bigger
        quota, problem = _team_quota(uow, team, sizing)
        if quota is None or not quota.is_confirmed:
            unknown.append(TeamQuotaUnknown(team.name, after, problem or SizingRuleUnconfirmed("sizing")))
        elif after > quota.max_members:
            exceeded.append(TeamQuotaExceeded(team.name, quota.max_members, after, quota.basis))
    return exceeded, unknown


def _refuse_over_quota(uow, decision: Decision) -> None:
    exceeded, _ = _quota_problems(uow, decision)
    if exceeded:
        raise DecisionInvalid(tuple(exceeded))


def _people(lines: Sequence[NamedLine]) -> int:
    return len({line.member_id for line in lines})


def _masked(line: NamedLine) -> NamedLine:
    return replace(line, id_number=mask_personal_id(line.id_number)) if line.id_number else line


def _line_of(assignment) -> DecisionLine:
    return DecisionLine(assignment.member_id, assignment.team_id, assignment.position)


def _birth_text(member) -> str:
    if member.birth_date:
        return format_vn_date(member.birth_date)
    return str(member.birth_year) if member.birth_year else ""


def _named(member, hamlets: dict[str, str], team_id, team_name, position, *, previous=None,
           previous_team_name: str = "") -> NamedLine:
    return NamedLine(
        member_id=member.id, full_name=member.full_name, gender=member.gender.value,
        birth=_birth_text(member), residence=hamlets.get(member.hamlet_id, "") if member.hamlet_id else "",
        team_id=team_id, team_name=team_name, position=position, previous_position=previous,
        previous_team_name=previous_team_name, id_number=member.id_number or "",
        education=EDUCATION_LABELS.get(member.education_level, "") if member.education_level else "",
        prior_force=PRIOR_FORCE_LABELS.get(member.prior_force, ""),
    )


def _named_lines(uow, decision: Decision) -> list[NamedLine]:
    """Live facts about the named members: the position given (recognition, change) or held."""
    members = uow.members.many(decision.member_ids)
    hamlets: dict[str, str] = {}
    teams: dict[str, str] = {}

    def hamlet_name(hamlet_id):
        if hamlet_id and hamlet_id not in hamlets:
            hamlet = uow.hamlets.get(hamlet_id)
            hamlets[hamlet_id] = hamlet.name if hamlet else ""
        return hamlets.get(hamlet_id, "")

    def team_name(team_id):
        if team_id and team_id not in teams:
            team = uow.teams.get(team_id)
            teams[team_id] = team.name if team else ""
        return teams.get(team_id, "")

    lines = []
    for line in decision.lines:
        member = members.get(line.member_id)
        if member is None:
            continue
        hamlet_name(member.hamlet_id)
        held = uow.assignments.open_for_member(member.id)
        if decision.kind in (DecisionKind.RECOGNISE, DecisionKind.CHANGE_POSITION):
            team_id, position = line.team_id, line.position
        else:
            team_id = held.team_id if held else line.team_id
            position = held.position if held else line.position
        previous = held.position if held and decision.kind is DecisionKind.CHANGE_POSITION else None
        previous_team = team_name(held.team_id) if previous else ""
        lines.append(_named(member, hamlets, team_id, team_name(team_id), position, previous=previous,
                            previous_team_name=previous_team))
    return lines


def _team_facts(uow, decision: Decision) -> tuple[list[str], str, str]:
    """Names of the teams established, the team dissolved, and its establishing number."""
    names: list[str] = []
    if decision.kind is DecisionKind.ESTABLISH_TEAM:
        for wanted in decision.new_teams:
            team = uow.teams.get(wanted.team_id) if wanted.team_id else None
            if team is not None:
                names.append(team.name)
            else:
                hamlet = uow.hamlets.get(wanted.hamlet_id)
                names.append(wanted.name or f"Tổ bảo vệ ANTT {hamlet.name if hamlet else ''}")
        if not names:   # decisions stored before issue #4 point from the teams to the decision
            names = [t.name for t in uow.teams.list(decision.unit_code)
                     if t.establishing_decision_id == decision.id]
    dissolved, founded = "", ""
    if decision.team_id:
        team = uow.teams.get(decision.team_id)
        if team is not None:
            dissolved = team.name
            if team.establishing_decision_id:
                founded = uow.decisions.establishing_numbers([team.establishing_decision_id]).get(
                    team.establishing_decision_id, "")
    return names, dissolved, founded


def _eligibility(uow, member, on: date) -> tuple[DomainError, ...]:
    hamlet = uow.hamlets.get(member.hamlet_id) if member.hamlet_id else None
    candidate = eligibility.Candidate(
        birth_date=member.birth_date, birth_year=None if member.birth_date else member.birth_year,
        residence_since=member.residence_since, education_level=member.education_level,
        in_exempt_area=bool(hamlet and hamlet.is_exempt_area),
        over_70_override=bool(member.over_70_approval.strip()),
    )
    return eligibility.check_membership_conditions(candidate, on)
