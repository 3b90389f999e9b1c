"""Nhập danh sách thành viên từ Excel (issue #7): dry run, annotated copy, apply, history, undo.

Nothing is written before the user confirms: `dry_run` only reads the file and the
database. `apply` checks again inside its one transaction (the database may have changed
since) and writes every accepted row at once: hamlets and teams as needed, the members in
bulk, the recognition decision (or a draft of it), the positions (assign_in's rule, in bulk), the
history record that `undo` reverses as one step, and the audit events.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Generator, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from antt_desktop.domain import vn_text
from antt_desktop.domain.access import Permission
from antt_desktop.domain.audit_trail import ExportKind
from antt_desktop.domain.decisions import Decision, DecisionKind, DecisionLine, DecisionState
from antt_desktop.domain.member_import import (
    BatchState,
    CheckedRow,
    ColumnMapping,
    DecisionNumberUsed,
    ImportAlreadyUndone,
    ImportBatch,
    ImportCannotBeUndone,
    ImportCheck,
    ImportContext,
    ImportMode,
    ImportOutdated,
    NothingToImport,
    Recognition,
    check_rows,
    hamlet_kind,
    recheck_database,
    place_key,
    recognition,
)
from antt_desktop.domain.members import Member
from antt_desktop.domain.organisation import Assignment, Hamlet, RecordNotFound, Team
from antt_desktop.domain.people import MemberStatus, Position
from antt_desktop.domain.units import Unit, UnitNotSetUp
from antt_desktop.documents.member_list_reader import MemberListReading, ReadProblem, read_member_list
from antt_desktop.services.audit import log_export
from antt_desktop.services.context import ServiceContext

PROGRESS_EVERY = 250
RECOGNITION_TITLE = "Về việc công nhận thành viên Tổ bảo vệ an ninh, trật tự"
# The draft's Trích yếu is printed on the official decision once issued, so it is the plain title;
# where the draft came from is kept in the audit payload ("source"/"origin") and the import history.
PROPOSAL_TITLE = RECOGNITION_TITLE
PROPOSAL_ORIGIN = "đề nghị, từ danh sách Excel"


@dataclass(frozen=True, slots=True)
class ImportProgress:
    done: int
    total: int
    label: str


@dataclass(frozen=True)
class ImportPreview:
    """The dry run: what the file holds, what would be imported, and every problem found."""

    path: Path
    file_sha256: str
    reading: MemberListReading
    check: ImportCheck = field(default_factory=lambda: ImportCheck(()))
    recognition: Recognition | None = None
    new_hamlets: tuple[str, ...] = ()
    new_teams: tuple[str, ...] = ()
    checked_on: date | None = None

    @property
    def is_readable(self) -> bool:
        return self.reading.is_readable

    @property
    def fatal_problems(self) -> tuple[ReadProblem, ...]:
        return tuple(p for p in self.reading.problems if p.is_fatal)

    @property
    def accepted(self) -> tuple[CheckedRow, ...]:
        return self.check.accepted

    @property
    def rejected(self) -> tuple[CheckedRow, ...]:
        return self.check.rejected

    @property
    def mapping(self) -> ColumnMapping | None:
        return self.reading.mapping


@dataclass(frozen=True)
class ImportResult:
    batch: ImportBatch
    preview: ImportPreview
    backup: Path | None = None
    hamlets_created: int = 0
    teams_created: int = 0
    placed: int = 0            # members given a position (active, or listed in the draft decision)


class ImportService:
    def __init__(self, context: ServiceContext, database: Path | None = None) -> None:
        self._context = context
        self._database = database          # the SQLite file to back up before applying

    # --- before confirmation: nothing is written ------------------------------------------

    def recognition(self, number: str, signed_on: date) -> Recognition:
        """The decision the user names, checked ("45/QĐ-UBND", not after today)."""
        return recognition(number, signed_on, self._context.today())

    def read(self, path: Path | str, *, sheet: str | None = None,
             mapping: ColumnMapping | None = None) -> MemberListReading:
        """The file read with its detected mapping, for the sheet and mapping screens."""
        self._context.require(Permission.IMPORT_DATA)
        return read_member_list(path, sheet=sheet, mapping=mapping)

    def dry_run(self, path: Path | str, *, sheet: str | None = None, mapping: ColumnMapping | None = None,
                recognition: Recognition | None = None,
                reading: MemberListReading | None = None) -> ImportPreview:
        """Read and check the list against the database; returns the report, writes nothing."""
        self._context.require(Permission.IMPORT_DATA)
        path = Path(path)
        reading = reading or read_member_list(path, sheet=sheet, mapping=mapping)
        digest = _sha256(path) if path.is_file() else ""
        preview = ImportPreview(path, digest, reading, recognition=recognition)
        if not reading.is_readable:
            return preview
        with self._context.new_uow() as uow:
            unit = _own_unit(uow)
            facts = _facts(uow, unit, self._context, recognition)
            teams = {place_key(t.name) for t in uow.teams.list(unit.code) if t.dissolved_on is None}
        check = check_rows(reading.records, facts)
        new_hamlets, new_teams = {}, {}
        for row in check.accepted:
            member = row.member
            if member.hamlet_name and place_key(member.hamlet_name) not in facts.hamlet_names:
                new_hamlets.setdefault(place_key(member.hamlet_name), member.hamlet_name)
            if member.team_name and place_key(member.team_name) not in teams:
                new_teams.setdefault(place_key(member.team_name), member.team_name)
        return replace(preview, check=check, new_hamlets=tuple(new_hamlets.values()),
                       new_teams=tuple(new_teams.values()), checked_on=facts.today)

    def write_annotated_copy(self, preview: ImportPreview, out: Path | str) -> Path:
        """A copy of the workbook with every problem cell highlighted and commented."""
        from antt_desktop.documents.import_annotations import write_annotated_copy
        from antt_desktop.messages.imports import issue_note, problem_sentence

        self._context.require(Permission.EXPORT_PERSONAL_DATA)
        notes = [(issue.sheet, issue.row, issue.column, issue_note(issue), is_error)
                 for row in preview.check.rows
                 for issue, is_error in [*((i, True) for i in row.errors), *((i, False) for i in row.warnings)]]
        file_notes = [(p.sheet, p.row, p.column, problem_sentence(p), True) for p in preview.reading.problems]
        written = write_annotated_copy(preview.path, Path(out), [*file_notes, *notes],
                                       rejected_rows={(r.sheet, r.row) for r in preview.rejected})
        log_export(self._context, ExportKind.IMPORT_ANNOTATED_COPY, len(preview.reading.records), Path(written),
                   entity="import", file=preview.path.name)
        return written

    # --- applying --------------------------------------------------------------------------

    def apply(self, preview: ImportPreview, *, recognition: Recognition | None = None
              ) -> Generator[ImportProgress, None, ImportResult]:
        """Import every accepted row in one transaction; yields progress, returns the result.

        With `recognition` the members are active, recognised by that decision; without it
        they are proposed, listed in a draft recognition decision. Closing the generator
        early rolls everything back.
        """
        self._context.require(Permission.IMPORT_DATA)
        if not preview.is_readable or not preview.accepted:
            raise NothingToImport(preview.path.name)
        if not preview.path.is_file() or _sha256(preview.path) != preview.file_sha256:
            raise ImportOutdated(preview.path.name, "file")
        chosen = recognition if recognition is not None else preview.recognition
        if chosen is not None:
            chosen = self.recognition(chosen.number, chosen.signed_on)
        backup = self._backup()
        total = len(preview.accepted)
        yield ImportProgress(0, total, "Đang kiểm tra lại danh sách")
        actor, today = self._context.actor, self._context.today()
        with self._context.new_uow() as uow:
            unit = _own_unit(uow)
            facts = _facts(uow, unit, self._context, chosen)
            if chosen == preview.recognition and preview.checked_on == facts.today:
                check = recheck_database(preview.reading.records, preview.check, facts)
            else:
                check = check_rows(preview.reading.records, facts)
            if [r.row for r in check.accepted] != [r.row for r in preview.accepted]:
                raise ImportOutdated(preview.path.name, "database")
            accepted = check.accepted
            now = self._context.clock().replace(microsecond=0)

            hamlets, teams, created_hamlets, created_teams = self._places(uow, unit, accepted, chosen, now)
            members: list[Member] = []
            placed: list[tuple[Member, Team, Position]] = []
            for row in accepted:
                imported = row.member
                hamlet = hamlets.get(place_key(imported.hamlet_name)) if imported.hamlet_name else None
                team = teams.get(place_key(imported.team_name)) if imported.team_name else None
                draft = imported.draft
                # Recognised by the decision: active from its date, as assign_in makes a
                # member it places with a decision. Without a team nobody can be placed.
                active = chosen is not None and team is not None
                member = Member(
                    id=str(uuid.uuid4()), unit_code=unit.code, full_name=draft.full_name, gender=draft.gender,
                    birth_date=draft.birth.full, birth_year=draft.birth.year, id_number=draft.id_number,
                    id_issued_on=draft.id_issued_on, ethnicity=draft.ethnicity, religion=draft.religion,
                    education_level=draft.education_level, phone=draft.phone,
                    hamlet_id=hamlet.id if hamlet else None, address=draft.address,
                    prior_force=draft.prior_force,
                    status=MemberStatus.ACTIVE if active else MemberStatus.PROPOSED,
                    joined_on=chosen.signed_on if active else None, note=draft.note,
                )
                members.append(member)
                if team is not None:
                    placed.append((member, team, imported.position))
            yield ImportProgress(0, total, "Đang ghi thành viên")
            uow.imports.insert_members(members, now)
            decision_id, lines_of = self._decision(uow, unit, chosen, placed, now)
            assignments: list[Assignment] = []
            if chosen is not None:
                assignments = place_new_members(uow, unit, placed, chosen.signed_on, decision_id, now)
            yield ImportProgress(total, total, "Đang hoàn tất")

            created = {
                "members": [m.id for m in members], "hamlets": [h.id for h in created_hamlets],
                "teams": [t.id for t in created_teams], "assignments": [a.id for a in assignments],
                "decisions": [decision_id] if decision_id and not lines_of else [],
                "decision_lines_of": [lines_of] if lines_of else [],
            }
            batch = ImportBatch(
                id=str(uuid.uuid4()), unit_code=unit.code, file_name=preview.path.name,
                file_sha256=preview.file_sha256, sheet_name=preview.reading.sheet or "",
                mode=ImportMode.ACTIVE if chosen else ImportMode.PROPOSED, imported_at=now, imported_by=actor,
                accepted=len(accepted), rejected=len(check.rejected),
                warnings=sum(len(r.warnings) for r in accepted), decision_id=decision_id,
                decision_number=chosen.number if chosen else "", created=created,
            )
            uow.imports.add_batch(batch)
            # One event for the import (STYLE §5: one per user action), naming every member it
            # added; their full records are the rows themselves, created in this transaction.
            positions = {m.id: (team.name, position.value) for m, team, position in placed}
            uow.audit.record(actor, "import.applied", "import", batch.id, unit.code, after={
                "file": batch.file_name, "sha256": batch.file_sha256, "sheet": batch.sheet_name,
                "mode": batch.mode.value, "decision": batch.decision_number, "accepted": batch.accepted,
                "rejected": batch.rejected, "hamlets_created": [h.name for h in created_hamlets],
                "teams_created": [t.name for t in created_teams], "on": today.isoformat(),
                "members": [[m.id, m.full_name, m.id_number, m.status.value, *positions.get(m.id, ("", ""))]
                            for m in members]})
            uow.commit()
        yield ImportProgress(total, total, "Đã nhập xong")
        return ImportResult(batch, replace(preview, check=check, recognition=chosen), backup,
                            len(created_hamlets), len(created_teams), len(placed))

    def run(self, preview: ImportPreview, *, recognition: Recognition | None = None) -> ImportResult:
        """`apply` driven to the end (command line, tests)."""
        steps = self.apply(preview, recognition=recognition)
        while True:
            try:
                next(steps)
            except StopIteration as finished:
                return finished.value

    def _places(self, uow, unit: Unit, accepted, chosen: Recognition | None, now):
        """The hamlets and teams the rows name, created (in bulk) when missing."""
        hamlets = {place_key(h.name): h for h in uow.hamlets.list(unit.code)}
        teams = {place_key(t.name): t for t in uow.teams.list(unit.code) if t.dissolved_on is None}
        created_hamlets: list[Hamlet] = []
        created_teams: list[Team] = []
        for row in accepted:
            imported = row.member
            if not imported.hamlet_name:
                continue
            key = place_key(imported.hamlet_name)
            hamlet = hamlets.get(key)
            if hamlet is None:
                hamlet = Hamlet(id=str(uuid.uuid4()), unit_code=unit.code, name=imported.hamlet_name,
                                kind=hamlet_kind(imported.hamlet_name))
                hamlets[key] = hamlet
                created_hamlets.append(hamlet)
            team_key = place_key(imported.team_name)
            if team_key not in teams:
                team = Team(id=str(uuid.uuid4()), unit_code=unit.code, name=imported.team_name,
                            hamlet_id=hamlet.id, established_on=chosen.signed_on if chosen else None)
                teams[team_key] = team
                created_teams.append(team)
        uow.imports.insert_places(created_hamlets, created_teams, now)
        return hamlets, teams, created_hamlets, created_teams

    def _decision(self, uow, unit: Unit, chosen: Recognition | None, placed, now) -> tuple[str | None, str | None]:
        """(decision id, id of an earlier import's decision the lines were added to, if any)."""
        if not placed:
            return None, None
        lines = tuple(DecisionLine(member.id, team.id, position) for member, team, position in placed)
        if chosen is None:
            draft = Decision(id=str(uuid.uuid4()), unit_code=unit.code, kind=DecisionKind.RECOGNISE,
                             state=DecisionState.DRAFT, title=PROPOSAL_TITLE,
                             signer_title=unit.chairman_title or "CHỦ TỊCH")
            uow.decisions.add(draft)
            uow.imports.add_decision_lines(draft.id, unit.code, lines)
            uow.audit.record(self._context.actor, "decision.draft_created", "decision", draft.id, unit.code,
                             after={"kind": draft.kind.value, "members": len(lines), "source": "import",
                                    "origin": PROPOSAL_ORIGIN})
            return draft.id, None
        existing = self._same_number(uow, unit, chosen)
        if existing is not None:
            uow.imports.add_decision_lines(existing.id, unit.code, lines, start=len(existing.lines))
            return existing.id, existing.id
        decision = record_imported_recognition(uow, self._context.actor, unit, chosen, lines, now)
        return decision.id, None

    def _same_number(self, uow, unit: Unit, chosen: Recognition) -> Decision | None:
        same = [d for d in uow.decisions.list(unit.code)
                if d.year == chosen.signed_on.year and d.sequence == chosen.sequence]
        if not same:
            return None
        decision = same[0]
        from_imports = {b.decision_id for b in uow.imports.list(unit.code) if b.state is BatchState.APPLIED}
        if (decision.kind is DecisionKind.RECOGNISE and decision.is_issued and decision.id in from_imports
                and decision.signed_on == chosen.signed_on
                and vn_text.fold(decision.number or "") == vn_text.fold(chosen.number)):
            return decision
        raise DecisionNumberUsed(decision.number or chosen.number, chosen.signed_on.year)

    def _backup(self) -> Path | None:
        if self._database is None:
            return None
        from antt_desktop.store.backups import backup_database

        return backup_database(self._database, "truoc-nhap-excel", now=self._context.clock())

    # --- history ---------------------------------------------------------------------------

    def history(self) -> list[ImportBatch]:
        """The unit's imports, newest first."""
        with self._context.new_uow() as uow:
            unit = uow.units.own()
            return uow.imports.list(unit.code if unit else None)

    def undo(self, batch_id: str) -> ImportBatch:
        """Remove everything the import created, in one transaction; refused when records
        made since (payroll lines, certificates, other decisions…) refer to it."""
        self._context.require(Permission.IMPORT_DATA)
        with self._context.new_uow() as uow:
            batch = uow.imports.get(batch_id)
            if batch is None:
                raise RecordNotFound("import", batch_id)
            if batch.state is BatchState.UNDONE:
                raise ImportAlreadyUndone(batch.file_name)
            references = uow.imports.references_from_elsewhere(batch)
            if references:
                raise ImportCannotBeUndone(batch.file_name, tuple(sorted(references.items())))
            deleted = uow.imports.delete_created(batch)
            now = self._context.clock().replace(microsecond=0)
            uow.imports.mark_undone(batch.id, now, self._context.actor)
            undone = replace(batch, state=BatchState.UNDONE, undone_at=now, undone_by=self._context.actor)
            uow.audit.record(self._context.actor, "import.undone", "import", batch.id, batch.unit_code,
                             before={"file": batch.file_name, "state": batch.state.value},
                             after={"state": undone.state.value, "deleted": deleted})
            uow.commit()
        return undone


def record_imported_recognition(uow, actor: str, unit: Unit, chosen: Recognition, lines, now) -> Decision:
    """Store an already signed recognition decision (the paper one the imported list rests on).

    Issue #4's DecisionService.issue numbers a new decision itself and checks Điều 13 on
    each member, which an existing list cannot pass (no residence dates); this records the
    decision as issued with the number and date the user gives, through the decisions
    repository, inside the import's unit of work. Its wording is not composed (no articles,
    no snapshot): the paper original is the document.
    """
    decision = Decision(
        id=str(uuid.uuid4()), unit_code=unit.code, kind=DecisionKind.RECOGNISE, state=DecisionState.ISSUED,
        year=chosen.signed_on.year, sequence=chosen.sequence, number=chosen.number,
        title=RECOGNITION_TITLE, signed_on=chosen.signed_on, effective_on=chosen.signed_on,
        signer_title=unit.chairman_title or "CHỦ TỊCH", issued_at=now,
    )
    uow.decisions.add(decision)
    uow.imports.add_decision_lines(decision.id, unit.code, lines)   # in bulk: a list may be long
    uow.audit.record(actor, "decision.recorded_from_import", "decision", decision.id, unit.code,
                     after={"number": decision.number, "signed_on": chosen.signed_on.isoformat(),
                            "members": len(lines)})
    return decision


def place_new_members(uow, unit: Unit, placed, started_on: date, decision_id: str, now) -> list[Assignment]:
    """The positions of the decision, in bulk, for members who hold none yet.

    What `organisation.assign_in` does for such a member (one Assignment from the
    decision's date, the member active from then, and the Tổ trưởng/Tổ phó seat free),
    without its per-member queries and flush: at ~4 ms per call it would take 20 s for a
    5,000-row list against the 5 s budget (issue #7 §8). The seats were checked over the
    whole file and the database by `domain.member_import.check_rows` in this same
    transaction; the members were inserted active (see `apply`).
    """
    assignments = [Assignment(id=str(uuid.uuid4()), unit_code=unit.code, member_id=member.id, team_id=team.id,
                              position=position, started_on=started_on, decision_id=decision_id)
                   for member, team, position in placed]
    uow.imports.insert_assignments(assignments, now)
    return assignments


def _own_unit(uow) -> Unit:
    unit = uow.units.own()
    if unit is None:
        raise UnitNotSetUp()
    return unit


def _facts(uow, unit: Unit, context: ServiceContext, chosen: Recognition | None) -> ImportContext:
    hamlets = uow.hamlets.list(unit.code)
    teams = sorted((t for t in uow.teams.list(unit.code) if t.dissolved_on is None),
                   key=lambda t: vn_text.natural_key(t.name))
    team_of: dict[str, str] = {}
    for team in teams:
        team_of.setdefault(team.hamlet_id, team.name)
    taken: dict[tuple[str, Position], str] = {}
    for row in uow.members.list_rows(unit_code=unit.code):
        if row.team_name and row.position in (Position.LEADER, Position.DEPUTY):
            taken[(place_key(row.team_name), row.position)] = row.full_name
    return ImportContext(
        province_codes=context.province_codes, today=context.today(),
        existing_ids=uow.imports.id_numbers(), existing_people=uow.imports.people_by_name_and_birth(),
        taken_positions=taken,
        hamlet_teams={place_key(h.name): team_of[h.id] for h in hamlets if h.id in team_of},
        hamlet_names={place_key(h.name): h.name for h in hamlets},
        decision_on=chosen.signed_on if chosen else None,
    )


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def accepted_by_hamlet(preview: ImportPreview) -> Mapping[str, int]:
    """How many accepted members each hamlet gets ("" for rows without one)."""
    counts: dict[str, int] = {}
    for row in preview.accepted:
        counts[row.member.hamlet_name] = counts.get(row.member.hamlet_name, 0) + 1
    return counts
