"""USB packages (issue #6, DESIGN §5): export, verify, dry run, apply, receipts, reference data.

Commune → higher unit: `export_steps` writes the unit's full snapshot, signed and encrypted
for the higher unit. Higher unit: `import_steps` verifies, checks the sequence, computes the
dry run and applies it in one unit of work (after a backup), records it and writes a receipt
for the commune; `import_receipt` records that receipt at the commune. Higher unit →
communes: `export_reference_steps` / `import_reference`.

Long operations are generators that yield Progress and return their result (STYLE §8);
the plain methods run them to the end.
"""

from __future__ import annotations

from collections.abc import Generator, Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

from antt_desktop import __version__
from antt_desktop.domain.access import Permission
from antt_desktop.domain.people import UnitMode
from antt_desktop.domain.units import Unit
from antt_desktop.services.context import ServiceContext
from antt_desktop.services.keys import KeyService
from antt_desktop.store.backups import backup_database
from antt_desktop.sync.errors import (
    ManyRecipients,
    NoRecipient,
    PackageConflict,
    PackageContentInvalid,
    PackageError,
    PackageFromSelf,
    ReceiptForAnotherUnit,
    ReceiptMismatch,
    UnknownRecipient,
    WrongUnitMode,
)
from antt_desktop.sync.manifest import PackageContent, PackageKind, TableData
from antt_desktop.sync.merge import PackageDiff, ReferencePlan, diff_commune, plan_reference, policy_label
from antt_desktop.sync.package_reader import OpenedPackage, check_sequence, open_package, read_header
from antt_desktop.sync.package_writer import (
    PACKAGE_SUFFIX,
    RecipientKey,
    build_package,
    write_package_file,
)
from antt_desktop.sync.records import Direction, PackageRecord, UnitKey

RECEIPT_TABLE = "receipt"
RECEIPT_COLUMNS = ("for_unit_code", "sequence", "package_sha256", "package_created_at", "applied_at",
                   "record_counts", "members_new", "members_changed", "members_gone")


@dataclass(frozen=True, slots=True)
class Progress:
    done: int
    total: int
    label: str


@dataclass(frozen=True, slots=True)
class ExportResult:
    kind: PackageKind
    path: Path
    sequence: int
    unit_code: str
    recipients: tuple[str, ...]
    counts: dict
    sha256: str
    size_bytes: int
    created_at: datetime

    @property
    def members(self) -> int:
        return self.counts.get("members", 0)

    @property
    def photos(self) -> int:
        return self.counts.get("photos", 0)


@dataclass(frozen=True)
class ImportReport:
    """The dry run, and whether it was applied (DESIGN §5)."""

    file_name: str
    unit_code: str
    unit_name: str
    sequence: int
    created_at: datetime
    package_sha256: str
    counts: dict
    diff: PackageDiff
    applied: bool
    skipped_tables: tuple[str, ...] = ()
    backup_path: Path | None = None
    receipt_path: Path | None = None
    receipt_error: str | None = None


@dataclass(frozen=True, slots=True)
class VerifyReport:
    kind: PackageKind
    unit_code: str
    unit_name: str
    fingerprint: str
    sequence: int
    created_at: datetime
    counts: dict
    sha256: str
    replay: PackageError | None       # PackageReplayed when it was applied already


@dataclass(frozen=True, slots=True)
class ReceiptReport:
    unit_code: str
    sequence: int
    acknowledged_by: str
    applied_at: datetime
    recorded: bool                    # False: this receipt had been recorded before
    members_new: int = 0
    members_changed: int = 0
    members_gone: int = 0


@dataclass(frozen=True)
class ReferenceReport:
    file_name: str
    source_unit_code: str
    source_unit_name: str
    sequence: int
    created_at: datetime
    applied: bool
    policies_new: tuple[str, ...] = ()
    policies_changed: tuple[str, ...] = ()
    salaries_new: tuple[str, ...] = ()
    salaries_changed: tuple[str, ...] = ()
    backup_path: Path | None = None


@dataclass(frozen=True, slots=True)
class ExportHistoryRow:
    """A package this commune exported, and whether the higher unit acknowledged it."""

    sequence: int
    created_at: datetime | None
    members: int
    sha256: str
    acknowledged_at: datetime | None = None


@dataclass(frozen=True)
class ManyImports:
    reports: list[ImportReport] = field(default_factory=list)
    failures: list[tuple[Path, Exception]] = field(default_factory=list)
    backup_path: Path | None = None


def run_steps(steps: Generator):
    """Drive a Progress generator to the end and return its result."""
    while True:
        try:
            next(steps)
        except StopIteration as finished:
            return finished.value


def _require_mode(unit, mode: UnitMode, operation: str) -> None:
    if unit.mode is not mode:
        raise WrongUnitMode(operation, unit.mode.value)


class PackageService:
    def __init__(self, context: ServiceContext, keys: KeyService, database: Path | None) -> None:
        self._context = context
        self._keys = keys
        self._database = database          # None when the store is a server: no file backup

    def _now(self) -> datetime:
        return self._context.clock().replace(microsecond=0)

    def _backup(self, reason: str) -> Path | None:
        if self._database is None:
            return None
        return backup_database(self._database, reason, now=self._context.clock())

    # ---- commune: export ----------------------------------------------------------------

    def recipients(self) -> list[UnitKey]:
        """Trusted units in aggregator mode: whom a commune package can be encrypted for."""
        with self._context.new_uow() as uow:
            return [k for k in uow.sync.trusted_keys() if k.mode == UnitMode.AGGREGATOR.value]

    @staticmethod
    def _choose_recipient(candidates: list[UnitKey], unit_code: str | None) -> UnitKey:
        if unit_code:
            for key in candidates:
                if key.unit_code == unit_code:
                    return key
            raise UnknownRecipient(unit_code)
        if not candidates:
            raise NoRecipient()
        if len(candidates) > 1:
            raise ManyRecipients(tuple(k.unit_code for k in candidates))
        return candidates[0]

    def export_steps(self, folder: Path, *, recipient_code: str | None = None
                     ) -> Generator[Progress, None, ExportResult]:
        """The commune's full snapshot, written to `folder`, read back and verified."""
        self._context.require(Permission.EXPORT_PERSONAL_DATA)
        total = 4
        yield Progress(0, total, "Đang chuẩn bị khóa và số thứ tự gói")
        with self._context.new_uow() as uow:
            unit, signer = self._keys.signer(uow)
            _require_mode(unit, UnitMode.COMMUNE, "commune_export")
            recipient = self._choose_recipient(
                [k for k in uow.sync.trusted_keys() if k.mode == UnitMode.AGGREGATOR.value], recipient_code)
            sequence = self._next_export_sequence(uow, unit.code)
            now = self._now()
            yield Progress(1, total, "Đang đọc dữ liệu của đơn vị")
            content = uow.sync.snapshot(unit.code)
            yield Progress(2, total, "Đang đóng gói, ký và mã hóa")
            data = build_package(kind=PackageKind.COMMUNE_DATA, signer=signer,
                                 recipients=[RecipientKey(recipient.unit_code, recipient.encryption_key)],
                                 sequence=sequence, created_at=now, content=content, app_version=__version__)
            yield Progress(3, total, "Đang ghi ra thư mục và đọc lại để kiểm tra")
            name = f"{unit.code}-goi-{sequence:04d}-{now:%Y%m%d}{PACKAGE_SUFFIX}"
            written = write_package_file(folder, name, data)
            counts = content.record_counts()
            try:
                uow.sync.add_record(PackageRecord(unit.code, Direction.EXPORTED, sequence, written.sha256,
                                                  now, now, counts), unit_code=unit.code)
                uow.audit.record(self._context.actor, "package.exported", "package", None, unit.code,
                                 after={"sequence": sequence, "recipient": recipient.unit_code,
                                        "sha256": written.sha256, "file": written.path.name,
                                        "counts": counts})
                uow.commit()
            except BaseException:
                written.path.unlink(missing_ok=True)   # a file whose number is not recorded must not travel
                raise
        yield Progress(total, total, "Đã ghi và kiểm tra xong")
        return ExportResult(PackageKind.COMMUNE_DATA, written.path, sequence, unit.code,
                            (recipient.unit_code,), counts, written.sha256, written.size_bytes, now)

    def export(self, folder: Path, *, recipient_code: str | None = None) -> ExportResult:
        return run_steps(self.export_steps(folder, recipient_code=recipient_code))

    @staticmethod
    def _next_export_sequence(uow, unit_code: str) -> int:
        last = [uow.sync.last_record(unit_code, d) for d in (Direction.EXPORTED, Direction.ACKNOWLEDGED)]
        return max([r.sequence for r in last if r is not None], default=0) + 1

    def history(self) -> list[ExportHistoryRow]:
        """The commune's exported packages, newest first, with the higher unit's receipts."""
        with self._context.new_uow() as uow:
            unit = uow.units.own()
            if unit is None:
                return []
            exported = uow.sync.records(Direction.EXPORTED, unit.code)
            acknowledged = {r.sequence: r for r in uow.sync.records(Direction.ACKNOWLEDGED, unit.code)}
        rows = [ExportHistoryRow(r.sequence, r.created_on_source_at, r.record_counts.get("members", 0),
                                 r.package_sha256,
                                 acknowledged[r.sequence].received_at if r.sequence in acknowledged else None)
                for r in exported]
        for sequence, record in acknowledged.items():
            if all(row.sequence != sequence for row in rows):
                rows.append(ExportHistoryRow(sequence, record.created_on_source_at,
                                             record.record_counts.get("members", 0), record.package_sha256,
                                             record.received_at))
        return sorted(rows, key=lambda r: r.sequence, reverse=True)

    # ---- higher unit: verify, dry run, apply --------------------------------------------

    def _open(self, uow, path: Path, kind: PackageKind) -> tuple[Unit, OpenedPackage]:
        data = path.read_bytes()
        unit, own = self._keys.own_keys(uow)
        opened = open_package(data, path.name, own=own, trusted=self._keys.trusted_senders(uow),
                              expected_kind=kind)
        return unit, opened

    def kind_of(self, path: Path) -> PackageKind:
        """Commune data, reference data or a receipt, from the outer header alone: a package
        double-clicked in Explorer opens the screen that suits it, and that screen then runs
        every check (signature, hashes, sequence) before anything is shown or applied."""
        self._context.require(Permission.IMPORT_DATA)
        path = Path(path)
        return read_header(path.read_bytes(), path.name).kind

    def verify(self, path: Path) -> VerifyReport:
        """Every check of an import, without the dry run and without writing anything."""
        self._context.require(Permission.IMPORT_DATA)
        with self._context.new_uow() as uow:
            unit, own = self._keys.own_keys(uow)
            data = path.read_bytes()
            kind = read_header(data, path.name).kind
            opened = open_package(data, path.name, own=own, trusted=self._keys.trusted_senders(uow))
            direction = {PackageKind.COMMUNE_DATA: Direction.IMPORTED,
                         PackageKind.REFERENCE: Direction.REFERENCE_IMPORTED,
                         PackageKind.RECEIPT: Direction.ACKNOWLEDGED}[kind]
            source = unit.code if kind is PackageKind.RECEIPT else opened.manifest.source_unit_code
            last = uow.sync.last_record(source, direction)
        replay = None
        if kind is not PackageKind.RECEIPT:
            try:
                check_sequence(opened.manifest, opened.sha256, last_sequence=last.sequence if last else None,
                               last_sha256=last.package_sha256 if last else None)
            except PackageError as error:
                replay = error
        m = opened.manifest
        return VerifyReport(kind, m.source_unit_code, m.source_unit_name, opened.sender.fingerprint,
                            m.sequence, m.created_at, dict(m.record_counts), opened.sha256, replay)

    def preview(self, path: Path) -> ImportReport:
        """The dry run: what applying would change, per commune and team; nothing is written."""
        return run_steps(self.import_steps(path, dry_run=True))

    def import_package(self, path: Path, *, dry_run: bool = False,
                       receipt_folder: Path | None = None) -> ImportReport:
        return run_steps(self.import_steps(path, dry_run=dry_run, receipt_folder=receipt_folder))

    def _check(self, uow, path: Path) -> tuple[Unit, OpenedPackage, dict, tuple[str, ...], ImportReport]:
        """Everything before writing: mode, signature, hashes, sequence, typed rows, the dry run."""
        own_unit = uow.units.own()
        if own_unit is not None:
            _require_mode(own_unit, UnitMode.AGGREGATOR, "commune_import")
        unit, opened = self._open(uow, path, PackageKind.COMMUNE_DATA)
        manifest = opened.manifest
        source = manifest.source_unit_code
        if source == unit.code:
            raise PackageFromSelf(source)
        last = uow.sync.last_record(source, Direction.IMPORTED)
        check_sequence(manifest, opened.sha256, last_sequence=last.sequence if last else None,
                       last_sha256=last.package_sha256 if last else None)
        prepared, skipped = uow.sync.prepare_commune_rows(source, opened.content)
        unit_name = prepared["units"][0].get("name", manifest.source_unit_name)
        diff = diff_commune(source, unit_name, uow.sync.unit_rows(source), prepared)
        report = ImportReport(path.name, source, unit_name, manifest.sequence, manifest.created_at,
                              opened.sha256, dict(manifest.record_counts), diff, False, tuple(skipped))
        return unit, opened, prepared, tuple(skipped), report

    def _apply(self, uow, unit: Unit, opened: OpenedPackage, prepared: dict, report: ImportReport) -> None:
        """Replace the commune's records, record the package and audit it (no commit here)."""
        manifest, diff = opened.manifest, report.diff
        source = manifest.source_unit_code
        uow.sync.replace_unit(source, prepared)
        counts = dict(manifest.record_counts)
        counts.update(members_new=diff.new, members_changed=diff.changed, members_gone=diff.gone)
        uow.sync.add_record(PackageRecord(source, Direction.IMPORTED, manifest.sequence, opened.sha256,
                                          manifest.created_at, self._now(), counts), unit_code=unit.code)
        uow.audit.record(self._context.actor, "package.imported", "package", None, source,
                         after={"sequence": manifest.sequence, "sha256": opened.sha256,
                                "file": report.file_name, "new": diff.new, "changed": diff.changed,
                                "gone": diff.gone, "counts": dict(manifest.record_counts)})

    def _receipt_for(self, report: ImportReport, folder: Path) -> ImportReport:
        receipt_path, receipt_error = None, None
        try:
            receipt_path = self.write_receipt(report.unit_code, report.sequence, folder)
        except (OSError, PackageError) as error:
            receipt_error = str(getattr(error, "strerror", None) or error)
        return replace(report, receipt_path=receipt_path, receipt_error=receipt_error)

    def import_steps(self, path: Path, *, dry_run: bool = False, receipt_folder: Path | None = None,
                     backup: bool = True) -> Generator[Progress, None, ImportReport]:
        """Verify, check the sequence, dry run; unless `dry_run`, back up, apply, record, receipt."""
        self._context.require(Permission.IMPORT_DATA)
        total = 5
        yield Progress(0, total, "Đang đọc và kiểm tra chữ ký, mã băm của gói, so sánh với dữ liệu đã có")
        with self._context.new_uow() as uow:
            unit, opened, prepared, skipped, report = self._check(uow, path)
            if dry_run:
                return report
            yield Progress(2, total, "Đang sao lưu cơ sở dữ liệu")
            backup_path = self._backup("truoc-nhap-goi") if backup else None
            yield Progress(3, total, "Đang cập nhật dữ liệu")
            self._apply(uow, unit, opened, prepared, report)
            uow.commit()
        yield Progress(4, total, "Đang ghi biên nhận cho xã")
        applied = replace(report, applied=True, backup_path=backup_path)
        applied = self._receipt_for(applied, receipt_folder or path.parent)
        yield Progress(total, total, "Đã nhập xong")
        return applied

    def import_many(self, paths: Iterable[Path], *, receipt_folder: Path | None = None) -> ManyImports:
        """Several communes' packages (a provincial round of sticks): one backup, then one transaction.

        Each package is checked in full before anything of it is written, and a refused one is
        reported and skipped. Committing once writes each index page once instead of once per
        package (~2× faster on 100 packages, bench/sync_bench.py). Should a package clash while
        being written (PackageConflict), the whole batch is rolled back and the packages are
        imported again one transaction each, so one bad package never blocks the others.
        """
        self._context.require(Permission.IMPORT_DATA)
        paths = list(paths)
        outcome = ManyImports(backup_path=self._backup("truoc-nhap-nhieu-goi"))
        applied: list[tuple[ImportReport, Path]] = []
        try:
            with self._context.new_uow() as uow:
                for path in paths:
                    try:
                        unit, opened, prepared, _skipped, report = self._check(uow, path)
                    except (PackageError, OSError) as error:
                        outcome.failures.append((path, error))
                        continue
                    self._apply(uow, unit, opened, prepared, report)
                    applied.append((replace(report, applied=True, backup_path=outcome.backup_path), path))
                uow.commit()
        except PackageConflict:
            outcome.failures.clear()
            for path in paths:
                try:
                    outcome.reports.append(run_steps(self.import_steps(path, receipt_folder=receipt_folder,
                                                                       backup=False)))
                except (PackageError, OSError) as error:
                    outcome.failures.append((path, error))
            return outcome
        for report, path in applied:
            outcome.reports.append(self._receipt_for(report, receipt_folder or path.parent))
        return outcome

    # ---- receipts -----------------------------------------------------------------------

    def write_receipt(self, unit_code: str, sequence: int, folder: Path) -> Path:
        """The receipt for a commune's package N, signed here and encrypted for that commune."""
        self._context.require(Permission.IMPORT_DATA)
        with self._context.new_uow() as uow:
            own, signer = self._keys.signer(uow)
            record = uow.sync.record(unit_code, Direction.IMPORTED, sequence)
            if record is None:
                raise ReceiptMismatch(sequence)
            commune = next((k for k in uow.sync.trusted_keys() if k.unit_code == unit_code), None)
            if commune is None:
                raise UnknownRecipient(unit_code)
        counts = dict(record.record_counts)
        row = [unit_code, sequence, record.package_sha256,
               record.created_on_source_at.isoformat() if record.created_on_source_at else None,
               record.received_at.isoformat(), counts, counts.get("members_new", 0),
               counts.get("members_changed", 0), counts.get("members_gone", 0)]
        content = PackageContent({RECEIPT_TABLE: TableData(RECEIPT_COLUMNS, [row])})
        data = build_package(kind=PackageKind.RECEIPT, signer=signer,
                             recipients=[RecipientKey(commune.unit_code, commune.encryption_key)],
                             sequence=sequence, created_at=self._now(), content=content, app_version=__version__)
        name = f"bien-nhan-{unit_code}-goi-{sequence:04d}{PACKAGE_SUFFIX}"
        return write_package_file(folder, name, data).path

    def import_receipt(self, path: Path) -> ReceiptReport:
        """At the commune: record that the higher unit applied package N (idempotent)."""
        self._context.require(Permission.IMPORT_DATA)
        with self._context.new_uow() as uow:
            unit, opened = self._open(uow, path, PackageKind.RECEIPT)
            rows = opened.content.table(RECEIPT_TABLE).dicts()
            if len(rows) != 1:
                raise PackageContentInvalid(RECEIPT_TABLE, "", f"{len(rows)} rows")
            row = rows[0]
            try:
                for_unit, sequence, sha = str(row["for_unit_code"]), int(row["sequence"]), str(row["package_sha256"])
                applied_at = datetime.fromisoformat(row["applied_at"])
                created_at = datetime.fromisoformat(row["package_created_at"]) if row["package_created_at"] else None
                counts = dict(row["record_counts"])
            except (KeyError, TypeError, ValueError):
                raise PackageContentInvalid(RECEIPT_TABLE, "", "type") from None
            if for_unit != unit.code:
                raise ReceiptForAnotherUnit(for_unit, unit.code)
            exported = uow.sync.record(unit.code, Direction.EXPORTED, sequence)
            if exported is not None and exported.package_sha256 != sha:
                raise ReceiptMismatch(sequence)
            report = ReceiptReport(unit.code, sequence, opened.sender.unit_name or opened.sender.unit_code,
                                   applied_at, False, counts.get("members_new", 0),
                                   counts.get("members_changed", 0), counts.get("members_gone", 0))
            if uow.sync.record(unit.code, Direction.ACKNOWLEDGED, sequence) is not None:
                return report
            uow.sync.add_record(PackageRecord(unit.code, Direction.ACKNOWLEDGED, sequence, sha, created_at,
                                              applied_at, counts), unit_code=unit.code)
            uow.audit.record(self._context.actor, "package.acknowledged", "package", None, unit.code,
                             after={"sequence": sequence, "by": opened.sender.unit_code,
                                    "applied_at": applied_at.isoformat()})
            uow.commit()
        return ReceiptReport(report.unit_code, sequence, report.acknowledged_by, applied_at, True,
                             report.members_new, report.members_changed, report.members_gone)

    # ---- reference data -------------------------------------------------------------------

    def export_reference_steps(self, folder: Path) -> Generator[Progress, None, ExportResult]:
        """Policy versions and the lương cơ sở table for every trusted commune, in one file."""
        self._context.require(Permission.MANAGE_SETTINGS)
        yield Progress(0, 3, "Đang chuẩn bị dữ liệu tham chiếu")
        with self._context.new_uow() as uow:
            unit, signer = self._keys.signer(uow)
            _require_mode(unit, UnitMode.AGGREGATOR, "reference_export")
            communes = [k for k in uow.sync.trusted_keys() if k.mode == UnitMode.COMMUNE.value]
            if not communes:
                raise NoRecipient()
            last = uow.sync.last_record(unit.code, Direction.REFERENCE_EXPORTED)
            sequence = (last.sequence if last else 0) + 1
            now = self._now()
            content = uow.sync.reference_snapshot()
            yield Progress(1, 3, "Đang ký và mã hóa")
            data = build_package(kind=PackageKind.REFERENCE, signer=signer,
                                 recipients=[RecipientKey(k.unit_code, k.encryption_key) for k in communes],
                                 sequence=sequence, created_at=now, content=content, app_version=__version__)
            yield Progress(2, 3, "Đang ghi ra thư mục và đọc lại để kiểm tra")
            written = write_package_file(folder, f"tham-chieu-{unit.code}-{sequence:04d}-{now:%Y%m%d}{PACKAGE_SUFFIX}",
                                         data)
            counts = content.record_counts()
            try:
                uow.sync.add_record(PackageRecord(unit.code, Direction.REFERENCE_EXPORTED, sequence,
                                                  written.sha256, now, now, counts), unit_code=unit.code)
                uow.audit.record(self._context.actor, "reference.exported", "package", None, unit.code,
                                 after={"sequence": sequence, "recipients": [k.unit_code for k in communes],
                                        "sha256": written.sha256, "counts": counts})
                uow.commit()
            except BaseException:
                written.path.unlink(missing_ok=True)
                raise
        yield Progress(3, 3, "Đã ghi và kiểm tra xong")
        return ExportResult(PackageKind.REFERENCE, written.path, sequence, unit.code,
                            tuple(k.unit_code for k in communes), counts, written.sha256,
                            written.size_bytes, now)

    def export_reference(self, folder: Path) -> ExportResult:
        return run_steps(self.export_reference_steps(folder))

    def import_reference(self, path: Path, *, dry_run: bool = False) -> ReferenceReport:
        """At a commune: the higher unit's policy versions and lương cơ sở rows, matched and applied."""
        self._context.require(Permission.MANAGE_SETTINGS)
        with self._context.new_uow() as uow:
            unit, opened = self._open(uow, path, PackageKind.REFERENCE)
            manifest = opened.manifest
            last = uow.sync.last_record(manifest.source_unit_code, Direction.REFERENCE_IMPORTED)
            check_sequence(manifest, opened.sha256, last_sequence=last.sequence if last else None,
                           last_sha256=last.package_sha256 if last else None)
            incoming = uow.sync.prepare_reference_rows(opened.content)
            existing = uow.sync.reference_rows()
            plan = plan_reference(existing["policy_versions"], incoming["policy_versions"],
                                  existing["base_salaries"], incoming["base_salaries"])
            report = _reference_report(path, opened, plan, applied=False)
            if dry_run:
                return report
            backup_path = self._backup("truoc-nhap-tham-chieu")
            uow.sync.apply_reference(plan, unit_code=unit.code)
            uow.sync.add_record(PackageRecord(manifest.source_unit_code, Direction.REFERENCE_IMPORTED,
                                              manifest.sequence, opened.sha256, manifest.created_at,
                                              self._now(), dict(manifest.record_counts)), unit_code=unit.code)
            uow.audit.record(self._context.actor, "reference.imported", "package", None, unit.code,
                             after={"sequence": manifest.sequence, "from": manifest.source_unit_code,
                                    "policies_new": list(report.policies_new),
                                    "policies_changed": list(report.policies_changed),
                                    "salaries_new": list(report.salaries_new),
                                    "salaries_changed": list(report.salaries_changed)})
            uow.commit()
        return _reference_report(path, opened, plan, applied=True, backup_path=backup_path)


def _reference_report(path: Path, opened: OpenedPackage, plan: ReferencePlan, *, applied: bool,
                      backup_path: Path | None = None) -> ReferenceReport:
    from antt_desktop.domain.dates import format_vn_date
    from antt_desktop.domain.money import format_dong

    def salary(row) -> str:
        return f"{format_dong(row['amount_dong'])} từ {format_vn_date(row['effective_from'])}"

    m = opened.manifest
    return ReferenceReport(
        path.name, m.source_unit_code, m.source_unit_name, m.sequence, m.created_at, applied,
        tuple(policy_label(r) for r in plan.policies_new), tuple(c.label for c in plan.policies_changed),
        tuple(salary(r) for r in plan.salaries_new), tuple(salary(c.row) for c in plan.salaries_changed),
        backup_path,
    )
