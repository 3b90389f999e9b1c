"""Excel imports (issue #7): bulk inserts, the facts the row checks need, the history and undo."""

from __future__ import annotations

import enum
import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import fields
from datetime import datetime

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from antt_desktop.domain import vn_text
from antt_desktop.domain.decisions import DecisionLine
from antt_desktop.domain.member_import import BatchState, ImportBatch
from antt_desktop.domain.members import Member
from antt_desktop.domain.organisation import Assignment, Hamlet, Team
from antt_desktop.store.mapping import copy_to_row, to_domain
from antt_desktop.store.tables import (
    AssignmentRow,
    Base,
    DecisionMemberRow,
    DecisionRow,
    HamletRow,
    ImportBatchRow,
    MemberRow,
    TeamRow,
)

_CHUNK = 5000
# The tables an import creates rows in, children first: the order undo deletes them.
_DELETE_ORDER = (
    ("assignments", AssignmentRow),
    ("decision_members", DecisionMemberRow),
    ("decisions", DecisionRow),
    ("members", MemberRow),
    ("teams", TeamRow),
    ("hamlets", HamletRow),
)


class ImportRepository:
    def __init__(self, session: Session, clock) -> None:
        self._session = session
        self._clock = clock

    # --- what the checks compare against ---------------------------------------------------

    def id_numbers(self) -> dict[str, str]:
        """Every stored personal ID (all units) with the holder's name."""
        rows = self._session.execute(
            select(MemberRow.id_number, MemberRow.full_name).where(MemberRow.id_number.is_not(None)))
        return {number: name for number, name in rows if number}

    def people_by_name_and_birth(self) -> dict[tuple[str, str], str]:
        """(folded name, birth date or year) → name, of every member.

        Rows of the file without an ID are compared with every member by name and birth, so
        importing the same list twice does not record the same people twice.
        """
        rows = self._session.execute(select(MemberRow.full_name, MemberRow.birth_date, MemberRow.birth_year))
        people = {}
        for name, birth_date, birth_year in rows:
            birth = birth_date.isoformat() if birth_date else (str(birth_year) if birth_year else "")
            people[(vn_text.fold(name), birth)] = name
        return people

    # --- writing -------------------------------------------------------------------------

    def insert_members(self, members: Sequence[Member], now: datetime) -> None:
        """Bulk insert (Core executemany inside the unit of work: STACK-NOTES, ~8× the ORM)."""
        self._insert(MemberRow, [{**_columns(m), "search_key": m.search_key, "sort_key": m.sort_key,
                                  "created_at": now, "updated_at": now} for m in members])

    def insert_assignments(self, assignments: Sequence[Assignment], now: datetime) -> None:
        self._insert(AssignmentRow, [{**_columns(a), "created_at": now} for a in assignments])

    def insert_places(self, hamlets: Sequence[Hamlet], teams: Sequence[Team], now: datetime) -> None:
        """Hamlets, then the teams that cover them."""
        self._insert(HamletRow, [{**_columns(h), "created_at": now, "updated_at": now} for h in hamlets])
        self._insert(TeamRow, [{**_columns(t), "created_at": now, "updated_at": now} for t in teams])

    def _insert(self, row_type, rows: Sequence[dict]) -> None:
        # The Core table, not the ORM class: executemany without the ORM's bulk bookkeeping.
        for start in range(0, len(rows), _CHUNK):
            self._session.execute(insert(row_type.__table__), list(rows[start:start + _CHUNK]))

    def add_decision_lines(self, decision_id: str, unit_code: str, lines: Sequence[DecisionLine],
                           *, start: int = 0) -> None:
        """The members a decision names, in bulk; also more members for a recognition decision
        an earlier import recorded (one paper decision may cover lists sent in separate files)."""
        if not lines:
            return
        self._insert(DecisionMemberRow, [
            {"id": str(uuid.uuid4()), "unit_code": unit_code, "decision_id": decision_id,
             "member_id": line.member_id, "team_id": line.team_id,
             "position": line.position.value if line.position else None, "ordinal": start + index}
            for index, line in enumerate(lines)])

    def add_batch(self, batch: ImportBatch) -> None:
        row = ImportBatchRow()
        copy_to_row(batch, row)
        row.created = {table: list(ids) for table, ids in batch.created.items()}
        self._session.add(row)

    def get(self, batch_id: str) -> ImportBatch | None:
        row = self._session.get(ImportBatchRow, batch_id)
        return to_domain(row, ImportBatch) if row else None

    def list(self, unit_code: str | None = None) -> list[ImportBatch]:
        query = select(ImportBatchRow).order_by(ImportBatchRow.imported_at.desc())
        if unit_code:
            query = query.where(ImportBatchRow.unit_code == unit_code)
        return [to_domain(row, ImportBatch) for row in self._session.execute(query).scalars()]

    def mark_undone(self, batch_id: str, at: datetime, by: str) -> None:
        self._session.execute(update(ImportBatchRow).where(ImportBatchRow.id == batch_id).values(
            state=BatchState.UNDONE.value, undone_at=at, undone_by=by))

    # --- undo ----------------------------------------------------------------------------

    def _owned(self, batch: ImportBatch) -> dict[str, set[str]]:
        """The ids of every row the import made, decision lines included."""
        owned = {table: set(batch.created.get(table, ())) for table, _ in _DELETE_ORDER}
        decisions = set(batch.created.get("decision_lines_of", ())) | owned["decisions"]
        members = owned["members"]
        if decisions and members:
            for chunk in _chunks(sorted(members)):
                owned["decision_members"].update(self._session.execute(
                    select(DecisionMemberRow.id).where(DecisionMemberRow.decision_id.in_(decisions),
                                                       DecisionMemberRow.member_id.in_(chunk))).scalars())
        return owned

    def references_from_elsewhere(self, batch: ImportBatch) -> dict[str, int]:
        """Rows made since the import (in any table) that point at what it created.

        Found from the foreign keys of the schema, so tables added by later issues (payroll,
        certificates, service records…) are covered without naming them here.
        """
        owned = self._owned(batch)
        counts: dict[str, int] = defaultdict(int)
        for table in Base.metadata.sorted_tables:
            own_ids = owned.get(table.name, set())
            for foreign_key in table.foreign_keys:
                target = foreign_key.column.table.name
                targets = owned.get(target)
                if not targets:
                    continue
                column = foreign_key.parent
                for chunk in _chunks(sorted(targets)):
                    query = select(table.c.id).where(column.in_(chunk))
                    found = {row_id for row_id in self._session.execute(query).scalars()}
                    outside = found - own_ids
                    if table.name == target:
                        outside -= targets
                    if outside:
                        counts[table.name] += len(outside)
        return dict(counts)

    def delete_created(self, batch: ImportBatch) -> dict[str, int]:
        """Delete every row the import made, children first; returns how many per table."""
        owned = self._owned(batch)
        deleted = {}
        for name, row_type in _DELETE_ORDER:
            ids = sorted(owned[name])
            total = 0
            for chunk in _chunks(ids):
                total += self._session.execute(delete(row_type).where(row_type.id.in_(chunk))).rowcount or 0
            deleted[name] = total
        return deleted

    def count_members(self, member_ids: Iterable[str]) -> int:
        ids = list(member_ids)
        total = 0
        for chunk in _chunks(ids):
            total += self._session.execute(
                select(func.count()).select_from(MemberRow).where(MemberRow.id.in_(chunk))).scalar_one()
        return total


def _plain(value):
    return value._value_ if isinstance(value, enum.Enum) else value   # _value_: no descriptor call


def _columns(record) -> dict:
    """A domain dataclass as column values (field names are column names, enums by value)."""
    return {f.name: _plain(getattr(record, f.name)) for f in fields(record)}


def _chunks(ids: Sequence[str], size: int = 900):
    for start in range(0, len(ids), size):
        yield list(ids[start:start + size])

