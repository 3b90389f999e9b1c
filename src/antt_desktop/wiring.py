"""The one place that assembles the layers: store → services, for the app, the CLI and tests."""

from __future__ import annotations

import getpass
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy.exc import OperationalError

from antt_desktop.domain.errors import DatabaseUnavailable
from antt_desktop.reference.province_codes import load_province_codes
from antt_desktop.domain.access import Role
from antt_desktop.services.accounts import AccountService
from antt_desktop.services.audit import AuditService
from antt_desktop.services.backups import BackupService
from antt_desktop.services.bm1 import Bm1Service
from antt_desktop.services.checks import CheckService
from antt_desktop.services.context import ServiceContext
from antt_desktop.services.demo import DemoService
from antt_desktop.services.certificates import CertificateService
from antt_desktop.services.decisions import DecisionService
from antt_desktop.services.members import MemberService
from antt_desktop.services.organisation import AssignmentService, HamletService, TeamService
from antt_desktop.services.overview import OverviewService
from antt_desktop.services.policies import PolicyService
from antt_desktop.services.insurance import InsuranceService
from antt_desktop.services.imports import ImportService
from antt_desktop.services.reports import ReportService
from antt_desktop.services.payroll import PayrollService
from antt_desktop.services.service_records import ServiceRecordService
from antt_desktop.services.units import UnitService
from antt_desktop.services.aggregate import AggregateService
from antt_desktop.services.keys import KeyService
from antt_desktop.services.packages import PackageService
from antt_desktop.store.engine import database_url, is_sqlite, make_engine, make_session_factory
from antt_desktop.store.migrate import migrate_to_head
from antt_desktop.store.unit_of_work import SqlUnitOfWork


@dataclass
class Services:
    """Everything the UI and the command line may call."""

    target: str
    context: ServiceContext
    units: UnitService
    hamlets: HamletService
    teams: TeamService
    members: MemberService
    assignments: AssignmentService
    policies: PolicyService
    checks: CheckService
    demo: DemoService
    decisions: DecisionService        # issue #4
    certificates: CertificateService
    backups: BackupService
    overview: OverviewService
    service_records: ServiceRecordService
    bm1: Bm1Service
    keys: KeyService                  # issue #6
    packages: PackageService
    aggregate: AggregateService
    payroll: PayrollService           # issue #5
    insurance: InsuranceService
    imports: ImportService            # issue #7
    reports: ReportService
    accounts: AccountService          # issue #8
    audit: AuditService
    _engine: object

    def close(self) -> None:
        self._engine.dispose()

    def with_user(self, user) -> "Services":
        """The same database seen by a logged-in user: their name as actor, their role (issue #8)."""
        return open_services(self.target, actor=user.username, role=user.role, clock=self.context.clock,
                             migrate=False, engine=self._engine, password_hasher=self.accounts.hasher)


def database_exists(target: str | Path) -> bool:
    if not is_sqlite(target):
        return True
    path = Path(database_url(target).removeprefix("sqlite:///"))
    return path.exists() and path.stat().st_size > 0


def open_services(target: str | Path, *, actor: str | None = None,
                  clock: Callable[[], datetime] = datetime.now, migrate: bool = True,
                  role: Role = Role.ADMIN, engine=None, password_hasher=None) -> Services:
    """Back up and migrate the database if needed, then build the services over it.

    `role` is the acting user's (issue #8: the administrator until accounts exist); `engine`
    shares an open engine (Services.with_user); `password_hasher` lets tests hash cheaply.
    """
    if is_sqlite(target):
        Path(database_url(target).removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    engine = engine or make_engine(target)
    if migrate:
        try:
            migrate_to_head(target, engine=engine)
        except OperationalError as error:
            engine.dispose()
            raise DatabaseUnavailable(_hide_password(str(target)), _first_line(error)) from error
    session_factory = make_session_factory(engine)
    context = ServiceContext(
        new_uow=lambda: SqlUnitOfWork(session_factory, clock),
        actor=actor or _os_user(),
        clock=clock,
        province_codes=load_province_codes(),
        role=Role(role),
    )
    policies = PolicyService(context)
    return Services(
        target=str(target), context=context, units=UnitService(context),
        hamlets=HamletService(context), teams=TeamService(context),
        members=MemberService(context), assignments=AssignmentService(context),
        policies=policies, checks=CheckService(context, engine, policies),
        demo=DemoService(context, engine),
        decisions=DecisionService(context), certificates=CertificateService(context),
        backups=BackupService(context, Path(database_url(target).removeprefix("sqlite:///"))
                              if is_sqlite(target) else None, engine=engine),
        accounts=AccountService(context, password_hasher), audit=AuditService(context),
        overview=OverviewService(context, policies), service_records=ServiceRecordService(context),
        bm1=Bm1Service(context), _engine=engine,
        payroll=PayrollService(context), insurance=InsuranceService(context),
        reports=ReportService(context, policies),
        imports=ImportService(context, Path(database_url(target).removeprefix("sqlite:///"))
                              if is_sqlite(target) else None),
        **_sync_services(context, target),
    )


def _sync_services(context: ServiceContext, target: str | Path) -> dict:
    """Keys, packages and the aggregator's views (issue #6). The private key file lives in
    `keys/` beside a SQLite file (never inside it), or in the user's data folder for a server."""
    if is_sqlite(target):
        database = Path(database_url(target).removeprefix("sqlite:///"))
        key_file = database.parent / "keys" / f"{database.stem}.key"
    else:
        from sqlalchemy.engine import make_url

        from antt_desktop.paths import default_data_dir

        database, key_file = None, default_data_dir() / "keys" / f"{make_url(str(target)).database or 'antt'}.key"
    keys = KeyService(context, key_file)
    return {"keys": keys, "packages": PackageService(context, keys, database),
            "aggregate": AggregateService(context)}


def _first_line(error: OperationalError) -> str:
    return str(error.orig or error).strip().splitlines()[0]


def _hide_password(target: str) -> str:
    if "://" not in target:
        return target
    from sqlalchemy.engine import make_url

    return make_url(target).render_as_string(hide_password=True)


def _os_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name on some locked-down Windows sessions
        return "may-tinh"
