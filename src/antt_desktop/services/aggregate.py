"""The higher unit's views over its communes (issue #6 §4): members read-only, the board of
packages (who is late or missing this month), one ID number active in two communes, and
the consolidated statistics with their Excel report.
"""

from __future__ import annotations

from pathlib import Path

from antt_desktop.domain import vn_text
from antt_desktop.domain.access import Permission
from antt_desktop.domain.audit_trail import ExportKind
from antt_desktop.domain.aggregate import (
    DEFAULT_DUE_DAY,
    STATISTIC_FIELDS,
    CommuneBoardRow,
    CommuneStatistics,
    ConsolidatedStatistics,
    SharedIdEntry,
    SharedIdNumber,
    board_status,
)
from antt_desktop.domain.members import MemberListRow
from antt_desktop.domain.people import EducationLevel, PriorForce, UnitMode
from antt_desktop.services.audit import log_export
from antt_desktop.services.context import ServiceContext
from antt_desktop.sync.records import Direction


class AggregateService:
    def __init__(self, context: ServiceContext) -> None:
        self._context = context

    def _require_review(self) -> None:
        self._context.require(Permission.REVIEW)

    def is_aggregator(self) -> bool:
        with self._context.new_uow() as uow:
            unit = uow.units.own()
        return unit is not None and unit.mode is UnitMode.AGGREGATOR

    def members(self, *, unit_code: str | None = None, search: str = "",
                limit: int | None = None) -> list[MemberListRow]:
        """All communes' members (or one commune's), read-only, in Vietnamese name order."""
        self._require_review()
        with self._context.new_uow() as uow:
            return uow.members.list_rows(unit_code=unit_code, folded_words=tuple(vn_text.fold(search).split()),
                                         limit=limit)

    def due_day(self) -> int:
        with self._context.new_uow() as uow:
            unit = uow.units.own()
        value = (unit.settings or {}).get("sync_due_day") if unit else None
        return value if isinstance(value, int) and 1 <= value <= 28 else DEFAULT_DUE_DAY

    def board(self) -> list[CommuneBoardRow]:
        """Every commune known here (by data or by a trusted key), with its last package."""
        self._require_review()
        today, due_day = self._context.today(), self.due_day()
        with self._context.new_uow() as uow:
            units = {u["code"]: u["name"] for u in uow.sync.other_units() if u["mode"] != UnitMode.AGGREGATOR.value}
            keys = {k.unit_code: k for k in uow.sync.trusted_keys() if k.mode == UnitMode.COMMUNE.value}
            imported = uow.sync.records(Direction.IMPORTED)
            counts = uow.sync.member_counts()
        latest: dict[str, object] = {}
        packages: dict[str, int] = {}
        for record in imported:
            packages[record.source_unit_code] = packages.get(record.source_unit_code, 0) + 1
            current = latest.get(record.source_unit_code)
            if current is None or record.sequence > current.sequence:
                latest[record.source_unit_code] = record
        rows = []
        for code in sorted(set(units) | set(keys) | set(latest)):
            record = latest.get(code)
            name = units.get(code) or (keys[code].unit_name if code in keys else code)
            rows.append(CommuneBoardRow(
                unit_code=code, unit_name=name,
                status=board_status(record.received_at.date() if record else None, today, due_day),
                last_sequence=record.sequence if record else None,
                last_created_at=record.created_on_source_at if record else None,
                last_received_at=record.received_at if record else None,
                packages=packages.get(code, 0), active_members=counts.get(code, {}).get("active", 0),
                has_key=code in keys,
            ))
        return sorted(rows, key=lambda r: (vn_text.natural_key(r.unit_name), r.unit_code))

    def shared_id_numbers(self) -> list[SharedIdNumber]:
        """The same person (ID number) active in two or more communes."""
        self._require_review()
        with self._context.new_uow() as uow:
            rows = uow.sync.shared_id_numbers()
        grouped: dict[str, list[SharedIdEntry]] = {}
        for row in rows:
            grouped.setdefault(row["id_number"], []).append(SharedIdEntry(
                row["member_id"], row["unit_code"], row["unit_name"], row["full_name"],
                row["birth_date"], row["birth_year"]))
        return [SharedIdNumber(number, tuple(entries)) for number, entries in sorted(grouped.items())]

    def statistics(self) -> ConsolidatedStatistics:
        self._require_review()
        today = self._context.today()
        with self._context.new_uow() as uow:
            own = uow.units.own()
            names = {u["code"]: u["name"] for u in uow.sync.other_units()}
            raw = uow.sync.statistics(today)
        low = {f"education:{EducationLevel.NONE.value}", f"education:{EducationLevel.PRIMARY.value}"}
        communes = []
        for code in sorted(set(raw) - {own.code if own else ""}, key=lambda c: vn_text.natural_key(names.get(c, c))):
            values = raw[code]
            communes.append(CommuneStatistics(
                unit_code=code, unit_name=names.get(code, code),
                hamlets=values.get("hamlets", 0), teams=values.get("teams", 0),
                active=values.get("status:active", 0), proposed=values.get("status:proposed", 0),
                left=values.get("status:left", 0), leaders=values.get("position:to_truong", 0),
                deputies=values.get("position:to_pho", 0), team_members=values.get("position:to_vien", 0),
                male=values.get("gender:nam", 0), female=values.get("gender:nữ", 0),
                below_lower_secondary=sum(values.get(k, 0) for k in low),
                prior_forces={p.value: values.get(f"prior_force:{p.value}", 0) for p in PriorForce},
                bhyt_valid=values.get("bhyt_valid", 0), bhxh=values.get("bhxh", 0),
            ))
        total = CommuneStatistics(
            unit_code="", unit_name="Tổng cộng",
            **{name: sum(getattr(c, name) for c in communes) for name in STATISTIC_FIELDS},
            prior_forces={p.value: sum(c.prior_forces.get(p.value, 0) for c in communes) for p in PriorForce},
        )
        return ConsolidatedStatistics(today, tuple(communes), total)

    def write_report(self, out: Path) -> Path:
        """The consolidated Excel report: statistics, the board, shared ID numbers."""
        self._require_review()
        self._context.require(Permission.EXPORT_PERSONAL_DATA)   # the shared-ID sheet lists ID numbers
        from antt_desktop.documents.aggregate_xlsx import write_aggregate_xlsx

        with self._context.new_uow() as uow:
            own = uow.units.own()
        shared = self.shared_id_numbers()
        write_aggregate_xlsx(out, unit_name=own.name if own else "", statistics=self.statistics(),
                             board=self.board(), shared=shared, due_day=self.due_day())
        log_export(self._context, ExportKind.AGGREGATE_REPORT, sum(len(group.entries) for group in shared),
                   Path(out), entity="report")
        return out
