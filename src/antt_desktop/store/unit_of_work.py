"""SqlUnitOfWork: one Session per user action; commit is explicit, leaving without it rolls back."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlalchemy.orm import Session, sessionmaker

from antt_desktop.store.audit import AuditLog
from antt_desktop.store.payroll_repository import PayrollRepository
from antt_desktop.store.imports_repository import ImportRepository
from antt_desktop.store.reports_repository import ReportRepository
from antt_desktop.store.decision_repository import decision_repositories
from antt_desktop.store.service_records_repository import ServiceRecordRepository
from antt_desktop.store.sync_repository import SyncRepository
from antt_desktop.store.users_repository import UserRepository
from antt_desktop.store.repositories import (
    AssignmentRepository,
    HamletRepository,
    MemberRepository,
    PolicyRepository,
    TeamRepository,
    UnitRepository,
)


class SqlUnitOfWork:
    """Create one per user action, in the thread that uses it, and never share it."""

    def __init__(self, session_factory: sessionmaker[Session], clock: Callable[[], datetime]) -> None:
        self._session_factory = session_factory
        self._clock = clock
        self.session: Session | None = None

    def __enter__(self) -> "SqlUnitOfWork":
        session = self._session_factory()
        self.session = session
        self.units = UnitRepository(session, self._clock)
        self.hamlets = HamletRepository(session, self._clock)
        self.teams = TeamRepository(session, self._clock)
        self.members = MemberRepository(session, self._clock)
        self.assignments = AssignmentRepository(session, self._clock)
        self.policies = PolicyRepository(session, self._clock)
        self.service_records = ServiceRecordRepository(session, self._clock)
        self.audit = AuditLog(session, self._clock)
        self.sync = SyncRepository(session, self._clock)  # issue #6
        self.users = UserRepository(session, self._clock)  # issue #8
        self.payroll = PayrollRepository(session, self._clock)  # issue #5
        self.imports = ImportRepository(session, self._clock)  # issue #7
        self.reports = ReportRepository(session, self._clock)  # issue #7
        self.decisions, self.conduct, self.certificates = decision_repositories(session, self._clock)
        return self

    def __exit__(self, *exc_info) -> None:
        try:
            self.session.rollback()  # no-op after a commit; undoes everything otherwise
        finally:
            self.session.close()
            self.session = None

    def flush(self) -> None:
        self.session.flush()

    def commit(self) -> None:
        self.session.commit()
