"""Decisions with their member lines, the conduct log (Điều 17 khoản 3 điểm c), and the
certificate register with its signing keys (issue #4)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from antt_desktop.domain.certificates import Certificate
from antt_desktop.domain.decisions import (
    ConductEvent,
    Decision,
    DecisionAlreadyIssued,
    DecisionKind,
    DecisionLine,
    DecisionNumberTaken,
    DecisionState,
    NamedLine,
    NewTeam,
    SignatureForm,
    TerminationGround,
)
from antt_desktop.domain.official_documents import Paragraph
from antt_desktop.domain.people import Position
from antt_desktop.store.mapping import copy_to_row, to_domain
from antt_desktop.store.tables import (
    AssignmentRow,
    CertificateKeyRow,
    CertificateRow,
    ConductEventRow,
    DecisionMemberRow,
    DecisionRow,
    MemberPhotoRow,
    TeamRow,
    UnitRow,
)


class _Repository:
    def __init__(self, session: Session, clock) -> None:
        self._session = session
        self._clock = clock

    def _now(self):
        return self._clock().replace(microsecond=0)


def _to_decision(row: DecisionRow, member_rows: Iterable[DecisionMemberRow]) -> Decision:
    payload = row.payload or {}
    lines = tuple(
        DecisionLine(m.member_id, m.team_id, Position(m.position) if m.position else None)
        for m in sorted(member_rows, key=lambda m: m.ordinal)
    )
    return Decision(
        id=row.id, unit_code=row.unit_code, kind=DecisionKind(row.kind), state=DecisionState(row.state),
        lines=lines, team_id=row.team_id,
        new_teams=tuple(NewTeam(t["hamlet_id"], t.get("name", ""), t.get("team_id"))
                        for t in payload.get("new_teams", ())),
        termination_ground=TerminationGround(row.termination_ground) if row.termination_ground else None,
        year=row.year, sequence=row.sequence, number=row.number, title=row.title or "",
        signed_on=row.signed_on, effective_on=row.effective_on, place=row.place or "",
        signer_name=row.signer_name or "", signer_title=row.signer_title or "",
        signature_form=SignatureForm(row.signature_form or ""),
        legal_bases=tuple(row.legal_bases or ()),
        articles=tuple(Paragraph(a.get("text", ""), a.get("lead", ""), tuple(a.get("items", ())))
                       for a in (row.articles or ())),
        recipients=tuple(row.recipients or ()),
        reason=payload.get("reason", ""), measure=payload.get("measure", ""),
        snapshot=tuple(NamedLine.from_json(s) for s in payload.get("snapshot", ())),
        issued_at=row.issued_at, created_at=row.created_at,
    )


def _copy_decision(decision: Decision, row: DecisionRow) -> None:
    row.unit_code = decision.unit_code
    row.kind = decision.kind.value
    row.state = decision.state.value
    row.year, row.sequence, row.number = decision.year, decision.sequence, decision.number
    row.title = decision.title
    row.signed_on, row.effective_on = decision.signed_on, decision.effective_on
    row.place, row.signer_name, row.signer_title = decision.place, decision.signer_name, decision.signer_title
    row.signature_form = decision.signature_form.value
    row.team_id = decision.team_id
    row.termination_ground = decision.termination_ground.value if decision.termination_ground else None
    row.legal_bases = list(decision.legal_bases)
    row.articles = [{"lead": a.lead, "text": a.text, "items": list(a.items)} for a in decision.articles]
    row.recipients = list(decision.recipients)
    row.payload = {
        "new_teams": [{"hamlet_id": t.hamlet_id, "name": t.name, "team_id": t.team_id}
                      for t in decision.new_teams],
        "reason": decision.reason, "measure": decision.measure,
        "snapshot": [line.to_json() for line in decision.snapshot],
    }
    row.issued_at = decision.issued_at


class DecisionRepository(_Repository):
    def get(self, decision_id: str) -> Decision | None:
        row = self._session.get(DecisionRow, decision_id)
        if row is None:
            return None
        members = self._session.execute(
            select(DecisionMemberRow).where(DecisionMemberRow.decision_id == decision_id)).scalars()
        return _to_decision(row, members)

    def list(self, unit_code: str | None = None) -> list[Decision]:
        """Newest first: issued by year and number, drafts (not yet numbered) on top."""
        query = select(DecisionRow)
        if unit_code:
            query = query.where(DecisionRow.unit_code == unit_code)
        rows = list(self._session.execute(query).scalars())
        lines: dict[str, list[DecisionMemberRow]] = {}
        member_query = select(DecisionMemberRow)
        if unit_code:
            member_query = member_query.where(DecisionMemberRow.unit_code == unit_code)
        for member in self._session.execute(member_query).scalars():
            lines.setdefault(member.decision_id, []).append(member)
        decisions = [_to_decision(row, lines.get(row.id, ())) for row in rows]
        return sorted(decisions, key=lambda d: (d.is_issued, -(d.year or 0), -(d.sequence or 0),
                                                -(d.created_at.timestamp() if d.created_at else 0)))

    def for_member(self, member_id: str) -> list[Decision]:
        ids = self._session.execute(
            select(DecisionMemberRow.decision_id).where(DecisionMemberRow.member_id == member_id)).scalars()
        return [d for d in (self.get(i) for i in set(ids)) if d is not None]

    def add(self, decision: Decision) -> None:
        now = self._now()
        row = DecisionRow(id=decision.id, created_at=now, updated_at=now)
        _copy_decision(decision, row)
        self._session.add(row)
        self._session.flush()
        self._replace_lines(decision)

    def save_draft(self, decision: Decision) -> None:
        """Store a draft's new values; a decision already issued in the database refuses."""
        row = self._session.get(DecisionRow, decision.id)
        if row.state == DecisionState.ISSUED.value:
            raise DecisionAlreadyIssued(row.number or "")
        _copy_decision(decision, row)
        row.updated_at = self._now()
        self._replace_lines(decision)
        self._session.flush()

    def delete_draft(self, decision_id: str) -> None:
        row = self._session.get(DecisionRow, decision_id)
        if row.state == DecisionState.ISSUED.value:
            raise DecisionAlreadyIssued(row.number or "")
        self._session.execute(delete(DecisionMemberRow).where(DecisionMemberRow.decision_id == decision_id))
        self._session.delete(row)
        self._session.flush()

    def lock_for_issue(self, decision_id: str) -> None:
        """Take the database's write lock before the yearly number is read.

        SQLite begins a transaction at the first write; writing first means a second user
        issuing at the same moment waits here (busy timeout) instead of reading the same
        highest number. PostgreSQL locks per row, so there the unit's own row is locked
        (SELECT … FOR UPDATE): two officers issuing for the same unit take turns, and the
        second reads the number the first one took.
        """
        self._session.execute(
            update(DecisionRow).where(DecisionRow.id == decision_id).values(updated_at=self._now()))
        if self._session.get_bind().dialect.name != "sqlite":
            unit_code = select(DecisionRow.unit_code).where(DecisionRow.id == decision_id).scalar_subquery()
            self._session.execute(select(UnitRow.id).where(UnitRow.code == unit_code).with_for_update())

    def highest_sequence(self, unit_code: str, year: int) -> int | None:
        return self._session.execute(
            select(func.max(DecisionRow.sequence)).where(DecisionRow.unit_code == unit_code,
                                                         DecisionRow.year == year)).scalar_one()

    def last_issued(self, unit_code: str, year: int) -> Decision | None:
        row = self._session.execute(
            select(DecisionRow).where(DecisionRow.unit_code == unit_code, DecisionRow.year == year,
                                      DecisionRow.state == DecisionState.ISSUED.value)
            .order_by(DecisionRow.sequence.desc()).limit(1)).scalar_one_or_none()
        return self.get(row.id) if row else None

    def save_issued(self, decision: Decision) -> None:
        """Store the issue (state, number, frozen wording); a number taken meanwhile raises."""
        row = self._session.get(DecisionRow, decision.id)
        if row.state == DecisionState.ISSUED.value:
            raise DecisionAlreadyIssued(row.number or "")
        _copy_decision(decision, row)
        row.updated_at = self._now()
        self._replace_lines(decision)
        try:
            self._session.flush()
        except IntegrityError as error:
            if "sequence" in str(error.orig).lower() or "uq_decisions_unit_year_sequence" in str(error.orig):
                raise DecisionNumberTaken(decision.number or "") from error
            raise

    def _replace_lines(self, decision: Decision) -> None:
        self._session.execute(delete(DecisionMemberRow).where(DecisionMemberRow.decision_id == decision.id))
        for ordinal, line in enumerate(decision.lines):
            self._session.add(DecisionMemberRow(
                unit_code=decision.unit_code, decision_id=decision.id, member_id=line.member_id,
                team_id=line.team_id, position=line.position.value if line.position else None,
                ordinal=ordinal))

    def establishing_numbers(self, decision_ids: Iterable[str]) -> dict[str, str]:
        ids = [i for i in decision_ids if i]
        if not ids:
            return {}
        rows = self._session.execute(select(DecisionRow.id, DecisionRow.number, DecisionRow.signed_on)
                                     .where(DecisionRow.id.in_(ids)))
        return {row_id: number for row_id, number, _ in rows if number}

    def recognitions_of(self, member_ids: Iterable[str]) -> dict[str, tuple[str, date | None]]:
        """The latest issued recognition naming each member: number and date."""
        ids = list(member_ids)
        if not ids:
            return {}
        rows = self._session.execute(
            select(DecisionMemberRow.member_id, DecisionRow.number, DecisionRow.signed_on)
            .join(DecisionRow, DecisionRow.id == DecisionMemberRow.decision_id)
            .where(DecisionMemberRow.member_id.in_(ids), DecisionRow.state == DecisionState.ISSUED.value,
                   DecisionRow.kind == DecisionKind.RECOGNISE.value)
            .order_by(DecisionRow.signed_on))
        return {member_id: (number, signed_on) for member_id, number, signed_on in rows}


class ConductRepository(_Repository):
    def add(self, event: ConductEvent) -> None:
        row = ConductEventRow(created_at=self._now())
        copy_to_row(event, row)
        self._session.add(row)

    def for_member(self, member_id: str) -> list[ConductEvent]:
        rows = self._session.execute(
            select(ConductEventRow).where(ConductEventRow.member_id == member_id)
            .order_by(ConductEventRow.occurred_on, ConductEventRow.created_at)).scalars()
        return [to_domain(row, ConductEvent) for row in rows]

    def for_members(self, member_ids: Iterable[str]) -> dict[str, list[ConductEvent]]:
        ids = list(member_ids)
        found: dict[str, list[ConductEvent]] = {i: [] for i in ids}
        if not ids:
            return found
        rows = self._session.execute(
            select(ConductEventRow).where(ConductEventRow.member_id.in_(ids))
            .order_by(ConductEventRow.occurred_on, ConductEventRow.created_at)).scalars()
        for row in rows:
            found[row.member_id].append(to_domain(row, ConductEvent))
        return found

    def get(self, event_id: str) -> ConductEvent | None:
        row = self._session.get(ConductEventRow, event_id)
        return to_domain(row, ConductEvent) if row else None


class CertificateRepository(_Repository):
    def add(self, certificate: Certificate) -> None:
        row = CertificateRow(created_at=self._now())
        copy_to_row(certificate, row)
        self._session.add(row)

    def save(self, certificate: Certificate) -> None:
        row = self._session.get(CertificateRow, certificate.id)
        copy_to_row(certificate, row)

    def get(self, certificate_id: str) -> Certificate | None:
        row = self._session.get(CertificateRow, certificate_id)
        return to_domain(row, Certificate) if row else None

    def many(self, certificate_ids: Iterable[str]) -> dict[str, Certificate]:
        ids = list(certificate_ids)
        found: dict[str, Certificate] = {}
        for start in range(0, len(ids), 900):   # SQLite's limit on bound parameters
            rows = self._session.execute(
                select(CertificateRow).where(CertificateRow.id.in_(ids[start:start + 900]))).scalars()
            found.update((row.id, to_domain(row, Certificate)) for row in rows)
        return found

    def photos(self, member_ids: Iterable[str]) -> dict[str, bytes]:
        """The members' JPEG photos in one pass, for printing a sheet of cards."""
        ids = list(member_ids)
        found: dict[str, bytes] = {}
        for start in range(0, len(ids), 900):
            rows = self._session.execute(
                select(MemberPhotoRow.member_id, MemberPhotoRow.jpeg)
                .where(MemberPhotoRow.member_id.in_(ids[start:start + 900])))
            found.update((member_id, jpeg) for member_id, jpeg in rows)
        return found

    def open_positions(self, member_ids: Iterable[str]) -> dict[str, tuple[str, Position, str]]:
        """Each member's open assignment: team id, position and team name."""
        ids = list(member_ids)
        found: dict[str, tuple[str, Position, str]] = {}
        for start in range(0, len(ids), 900):
            rows = self._session.execute(
                select(AssignmentRow.member_id, AssignmentRow.team_id, AssignmentRow.position, TeamRow.name)
                .join(TeamRow, TeamRow.id == AssignmentRow.team_id)
                .where(AssignmentRow.member_id.in_(ids[start:start + 900]), AssignmentRow.ended_on.is_(None)))
            found.update((m, (t, Position(p), n)) for m, t, p, n in rows)
        return found

    def qr_cache(self, certificate_ids: Iterable[str]) -> dict[str, tuple[str, bytes]]:
        """The stored QR code text and packed symbol of each certificate that has one."""
        ids = list(certificate_ids)
        found: dict[str, tuple[str, bytes]] = {}
        for start in range(0, len(ids), 900):
            rows = self._session.execute(
                select(CertificateRow.id, CertificateRow.qr_text, CertificateRow.qr_packed)
                .where(CertificateRow.id.in_(ids[start:start + 900]), CertificateRow.qr_packed.is_not(None)))
            found.update((row_id, (text, packed)) for row_id, text, packed in rows)
        return found

    def store_qr(self, certificate_id: str, text: str, packed: bytes) -> None:
        self._session.execute(update(CertificateRow).where(CertificateRow.id == certificate_id)
                              .values(qr_text=text, qr_packed=packed))

    def by_number(self, number: str, unit_code: str | None = None) -> Certificate | None:
        query = select(CertificateRow).where(CertificateRow.number == number)
        if unit_code:
            query = query.where(CertificateRow.unit_code == unit_code)
        row = self._session.execute(query.limit(1)).scalar_one_or_none()
        return to_domain(row, Certificate) if row else None

    def list(self, unit_code: str | None = None) -> list[Certificate]:
        query = select(CertificateRow).order_by(CertificateRow.issued_on.desc(), CertificateRow.number.desc())
        if unit_code:
            query = query.where(CertificateRow.unit_code == unit_code)
        return [to_domain(row, Certificate) for row in self._session.execute(query).scalars()]

    def for_members(self, member_ids: Iterable[str]) -> dict[str, list[Certificate]]:
        ids = list(member_ids)
        found: dict[str, list[Certificate]] = {i: [] for i in ids}
        for start in range(0, len(ids), 900):   # SQLite's limit on bound parameters
            rows = self._session.execute(
                select(CertificateRow).where(CertificateRow.member_id.in_(ids[start:start + 900]))
                .order_by(CertificateRow.issued_on, CertificateRow.created_at)).scalars()
            for row in rows:
                found[row.member_id].append(to_domain(row, Certificate))
        return found

    def highest_sequence(self, unit_code: str, year: int | None) -> int | None:
        query = select(func.max(CertificateRow.sequence)).where(CertificateRow.unit_code == unit_code)
        if year is not None:
            query = query.where(CertificateRow.year == year)
        return self._session.execute(query).scalar_one()

    def signing_key(self, unit_code: str) -> tuple[str, bytes] | None:
        row = self._session.execute(
            select(CertificateKeyRow).where(CertificateKeyRow.unit_code == unit_code,
                                            CertificateKeyRow.private_key.is_not(None),
                                            CertificateKeyRow.retired_at.is_(None))
            .order_by(CertificateKeyRow.created_at.desc()).limit(1)).scalar_one_or_none()
        return (row.key_id, row.private_key) if row else None

    def add_key(self, unit_code: str, key_id: str, public_key: bytes, private_key: bytes | None) -> None:
        self._session.add(CertificateKeyRow(unit_code=unit_code, key_id=key_id, public_key=public_key,
                                            private_key=private_key, created_at=self._now()))

    def public_key(self, key_id: str) -> tuple[str, bytes] | None:
        """The unit code and public key of `key_id`, retired keys included (old cards stay valid)."""
        row = self._session.execute(
            select(CertificateKeyRow).where(CertificateKeyRow.key_id == key_id)).scalar_one_or_none()
        return (row.unit_code, row.public_key) if row else None


def decision_repositories(session: Session, clock) -> tuple[DecisionRepository, ConductRepository,
                                                             CertificateRepository]:
    """The three repositories of issue #4, for SqlUnitOfWork."""
    return DecisionRepository(session, clock), ConductRepository(session, clock), \
        CertificateRepository(session, clock)
