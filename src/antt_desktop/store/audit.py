"""The audit log: every write records who, when, before and after, chained by SHA-256."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from antt_desktop.store.mapping import to_plain
from antt_desktop.store.tables import AuditEventRow

GENESIS_HASH = "0" * 64


@dataclass(frozen=True, slots=True)
class AuditEvent:
    sequence: int
    at: datetime
    actor: str
    action: str
    entity: str
    entity_id: str | None
    unit_code: str
    before: dict | None
    after: dict | None
    previous_hash: str
    hash: str


def event_hash(previous_hash: str, sequence: int, at: datetime, actor: str, action: str,
               entity: str, entity_id: str | None, unit_code: str,
               before: Any, after: Any) -> str:
    canonical = json.dumps(
        [previous_hash, sequence, at.isoformat(), actor, action, entity, entity_id, unit_code,
         before, after],
        ensure_ascii=False, sort_keys=True, separators=(",", ":"),
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


class AuditLog:
    """Appends events inside the caller's transaction, so they commit or roll back with it."""

    def __init__(self, session: Session, clock) -> None:
        self._session = session
        self._clock = clock
        self._last: tuple[int, str] | None = None

    def record(self, actor: str, action: str, entity: str, entity_id: str | None,
               unit_code: str, *, before: Any = None, after: Any = None) -> None:
        sequence, previous_hash = self._tail()
        sequence += 1
        at = self._clock().replace(microsecond=0)
        plain_before, plain_after = to_plain(before), to_plain(after)
        digest = event_hash(previous_hash, sequence, at, actor, action, entity, entity_id,
                            unit_code, plain_before, plain_after)
        self._session.add(AuditEventRow(
            sequence=sequence, at=at, actor=actor, action=action, entity=entity,
            entity_id=entity_id, unit_code=unit_code, before=plain_before, after=plain_after,
            previous_hash=previous_hash, hash=digest,
        ))
        self._last = (sequence, digest)

    def _tail(self) -> tuple[int, str]:
        if self._last is not None:
            return self._last
        row = self._session.execute(
            select(AuditEventRow.sequence, AuditEventRow.hash)
            .order_by(AuditEventRow.sequence.desc()).limit(1)
        ).first()
        return (row[0], row[1]) if row else (0, GENESIS_HASH)


def verify_chain(session: Session) -> list[int]:
    """Sequences whose hash does not match their content or their predecessor."""
    broken: list[int] = []
    previous_hash = GENESIS_HASH
    expected_sequence = 1
    rows = session.execute(select(AuditEventRow).order_by(AuditEventRow.sequence)).scalars()
    for row in rows:
        digest = event_hash(previous_hash, row.sequence, row.at, row.actor, row.action, row.entity,
                            row.entity_id, row.unit_code, row.before, row.after)
        if row.sequence != expected_sequence or row.previous_hash != previous_hash or row.hash != digest:
            broken.append(row.sequence)
        previous_hash = row.hash
        expected_sequence = row.sequence + 1
    return broken


def count_events(session: Session) -> int:
    return session.execute(select(func.count()).select_from(AuditEventRow)).scalar_one()


def query_events(session: Session, audit_filter) -> list:
    """The entries that match an `AuditFilter`, newest first (issue #8: the audit viewer)."""
    from datetime import timedelta

    from antt_desktop.domain.audit_trail import AuditEntry

    query = select(AuditEventRow).order_by(AuditEventRow.sequence.desc())
    if audit_filter.actor:
        query = query.where(AuditEventRow.actor == audit_filter.actor)
    if audit_filter.from_on:
        query = query.where(AuditEventRow.at >= datetime.combine(audit_filter.from_on, datetime.min.time()))
    if audit_filter.to_on:
        end = datetime.combine(audit_filter.to_on + timedelta(days=1), datetime.min.time())
        query = query.where(AuditEventRow.at < end)
    if audit_filter.record:
        query = query.where(AuditEventRow.entity_id.contains(audit_filter.record.strip(), autoescape=True))
    if audit_filter.action:
        query = query.where(AuditEventRow.action.startswith(audit_filter.action.strip(), autoescape=True))
    if audit_filter.limit:
        query = query.limit(audit_filter.limit)
    return [AuditEntry(row.sequence, row.at, row.actor, row.action, row.entity, row.entity_id,
                       row.unit_code, row.before, row.after)
            for row in session.execute(query).scalars()]


def actors(session: Session) -> list[str]:
    """Everyone who appears in the log, for the viewer's user filter."""
    return list(session.execute(
        select(AuditEventRow.actor).distinct().order_by(AuditEventRow.actor)).scalars())
