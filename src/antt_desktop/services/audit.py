"""The audit log, read-only: filter, compare before/after, export; and record exports (issue #8).

There is deliberately no method that edits or deletes an entry: the log is appended to by
every write's own unit of work, and the hash chain (`verify`) shows any change made to the
file behind the program's back.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from antt_desktop.domain.access import Permission
from antt_desktop.domain.audit_trail import (
    EXPORT_ACTION,
    AuditEntry,
    AuditFilter,
    ExportKind,
    FieldChange,
    check_filter,
    field_changes,
)
from antt_desktop.services.context import ServiceContext
from antt_desktop.store.audit import actors, query_events, verify_chain
from antt_desktop.store.storage_errors import as_storage_error

__all__ = ["EXPORT_ACTION", "AuditExport", "AuditService", "log_export"]


def log_export(context: ServiceContext, kind: ExportKind | str, count: int, destination: str | Path, *,
               entity: str = "personal_data", entity_id: str | None = None, **details) -> None:
    """One audit entry for a file of personal data just written (issue #8 "Privacy").

    Every service that writes names with ID numbers, birth dates, photos or amounts paid calls
    it after the file is written, so the CLI and the UI are covered alike and a failed write
    leaves no entry; the caller checks EXPORT_PERSONAL_DATA before writing anything. `entity`
    and `entity_id` tie the entry to the record printed (a decision, a team, a payroll run);
    `details` are extra facts ("ids_masked", "month", "period"). A Path destination is
    recorded absolute (the CLI may be given "ds.pdf"); a text one (a printer) as it is.
    """
    context.require(Permission.EXPORT_PERSONAL_DATA)
    kind = kind.value if isinstance(kind, ExportKind) else str(kind)
    where = str(destination.absolute()) if isinstance(destination, Path) else str(destination)
    after = {"kind": kind, "count": int(count), "destination": where, **details}
    with context.new_uow() as uow:
        unit = uow.units.own()
        uow.audit.record(context.actor, EXPORT_ACTION, entity, entity_id, unit.code if unit else "",
                         after=after)
        uow.commit()


@dataclass(frozen=True, slots=True)
class AuditExport:
    path: Path
    count: int


class AuditService:
    def __init__(self, context: ServiceContext) -> None:
        self._context = context

    def entries(self, audit_filter: AuditFilter = AuditFilter()) -> list[AuditEntry]:
        """Matching entries, newest first."""
        self._context.require(Permission.VIEW_AUDIT)
        check_filter(audit_filter)
        with self._context.new_uow() as uow:
            return query_events(uow.session, audit_filter)

    def actors(self) -> list[str]:
        self._context.require(Permission.VIEW_AUDIT)
        with self._context.new_uow() as uow:
            return actors(uow.session)

    @staticmethod
    def changes(entry: AuditEntry) -> list[FieldChange]:
        """What the entry changed, field by field."""
        return field_changes(entry.before, entry.after)

    def broken_sequences(self) -> list[int]:
        """Entries whose hash does not match: the file was edited outside the program."""
        self._context.require(Permission.VIEW_AUDIT)
        with self._context.new_uow() as uow:
            return verify_chain(uow.session)

    def export(self, out: Path, audit_filter: AuditFilter = AuditFilter(limit=None)) -> AuditExport:
        """Write the matching entries to .xlsx or .csv (by the suffix); the export is itself logged."""
        from antt_desktop.documents.audit_export import write_audit_csv, write_audit_xlsx
        from antt_desktop.messages.audit import entry_label

        self._context.require(Permission.VIEW_AUDIT)
        entries = self.entries(audit_filter)
        out = Path(out)
        try:
            if out.suffix.lower() == ".csv":
                write_audit_csv(entries, out, entry_label)
            else:
                write_audit_xlsx(entries, out, entry_label)
        except OSError as error:
            translated = as_storage_error(error, str(out))
            if translated is None:
                raise
            raise translated from error
        self._record("audit.exported", "audit", {"kind": "audit_log", "count": len(entries),
                                                 "destination": str(out)})
        return AuditExport(out, len(entries))

    def record_export(self, kind: str, count: int, destination: str | Path) -> None:
        """Log that personal data left the program: a printed list, an Excel file, a package.

        Call it from any service that writes personal data (names with ID numbers, birth
        dates, photos) to a file or a printer, after the file is written. `kind` names the
        document (an ExportKind: "danh_sach_thanh_vien", "bang_thanh_toan" …), `count` how
        many people. Services call `log_export(context, …)`, which this wraps.
        """
        log_export(self._context, kind, count, destination)

    def _record(self, action: str, entity: str, after: dict) -> None:
        with self._context.new_uow() as uow:
            unit = uow.units.own()
            uow.audit.record(self._context.actor, action, entity, None, unit.code if unit else "",
                             after=after)
            uow.commit()
