"""What services need from storage, as a Protocol; the SQL one lives in store/."""

from __future__ import annotations

from typing import Any, Protocol


class UnitOfWork(Protocol):
    units: Any
    hamlets: Any
    teams: Any
    members: Any
    assignments: Any
    policies: Any
    service_records: Any
    audit: Any
    decisions: Any        # issue #4: decisions, conduct log, certificate register
    conduct: Any
    certificates: Any
    payroll: Any          # issue #5: payroll runs, duty log, insurance records
    sync: Any             # issue #6: keys, package records, snapshots
    imports: Any          # issue #7: Excel import history, bulk member inserts
    reports: Any          # issue #7: statistics, periodic report and dashboard facts
    users: Any            # issue #8: accounts and the log-in/backup settings

    def __enter__(self) -> "UnitOfWork": ...

    def __exit__(self, *exc_info) -> None: ...

    def flush(self) -> None: ...

    def commit(self) -> None: ...
