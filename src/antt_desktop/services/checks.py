"""`antt check`: the file's integrity, the audit chain, and the records against the rules."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from enum import Enum

from antt_desktop.domain import personal_ids
from antt_desktop.domain.eligibility import UnderMinimumAge, age_on
from antt_desktop.domain.errors import DomainError
from antt_desktop.domain.people import MemberStatus, Position
from antt_desktop.services.context import ServiceContext
from antt_desktop.store.audit import count_events, verify_chain
from antt_desktop.store.integrity import integrity_problems


class Severity(str, Enum):
    ERROR = "loi"
    WARNING = "canh_bao"


@dataclass(frozen=True, slots=True)
class Finding:
    severity: Severity
    code: str
    message: str          # Vietnamese, ready to print
    record_id: str | None = None


@dataclass(frozen=True, slots=True)
class CheckReport:
    findings: tuple[Finding, ...]
    counts: dict = field(default_factory=dict)

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity is Severity.WARNING)

    @property
    def is_clean(self) -> bool:
        return not self.errors


class CheckService:
    def __init__(self, context: ServiceContext, engine, policies) -> None:
        self._context = context
        self._engine = engine
        self._policies = policies

    def run(self) -> CheckReport:
        from antt_desktop.messages import describe

        findings: list[Finding] = []
        for line in integrity_problems(self._engine):
            findings.append(Finding(Severity.ERROR, "sqlite_integrity", f"Tệp dữ liệu bị hỏng: {line}"))
        today = self._context.today()
        with self._context.new_uow() as uow:
            broken = verify_chain(uow.session)
            for sequence in broken[:20]:
                findings.append(Finding(
                    Severity.ERROR, "audit_chain",
                    f"Nhật ký thao tác bị sửa hoặc thiếu tại bản ghi số {sequence}."))
            own = uow.units.own()
            if own is None:
                findings.append(Finding(Severity.ERROR, "no_unit",
                                        "Chưa khai báo đơn vị. Hãy chạy «antt init» hoặc «antt demo»."))
            rows = uow.members.list_rows()
            teams = {team.id: team for team in uow.teams.list()}
            counts = {"members": len(rows), "teams": len(teams),
                      "hamlets": len(uow.hamlets.list()), "audit_events": count_events(uow.session)}

        seen_ids: dict[str, str] = {}
        by_team: dict[str, Counter] = defaultdict(Counter)
        for row in rows:
            if row.id_number:
                if row.id_number in seen_ids:
                    findings.append(Finding(
                        Severity.ERROR, "duplicate_id",
                        f"Số định danh {row.id_number} trùng giữa {seen_ids[row.id_number]} và {row.full_name}.",
                        row.id))
                seen_ids[row.id_number] = row.full_name
                try:
                    personal_ids.check_personal_id(
                        row.id_number, province_codes=self._context.province_codes,
                        birth_date=row.birth_date, birth_year=row.birth_year, gender=row.gender)
                except DomainError as error:
                    findings.append(Finding(Severity.ERROR, "invalid_id",
                                            f"{row.full_name}: {describe(error)}", row.id))
            if row.birth_date and age_on(row.birth_date, today) < 18:
                findings.append(Finding(Severity.ERROR, "under_age",
                                        f"{row.full_name}: {describe(UnderMinimumAge(age_on(row.birth_date, today), today))}",
                                        row.id))
            if row.status is MemberStatus.ACTIVE and row.team_id is None:
                findings.append(Finding(Severity.ERROR, "active_without_team",
                                        f"{row.full_name} đang tham gia nhưng không thuộc tổ nào.", row.id))
            if row.status is not MemberStatus.ACTIVE and row.team_id is not None:
                findings.append(Finding(Severity.ERROR, "inactive_in_team",
                                        f"{row.full_name} không còn tham gia nhưng vẫn có chức danh trong tổ.", row.id))
            if row.team_id:
                by_team[row.team_id][row.position] += 1
        for team_id, positions in by_team.items():
            name = teams[team_id].name
            for position, label in ((Position.LEADER, "Tổ trưởng"), (Position.DEPUTY, "Tổ phó")):
                if positions[position] > 1:
                    findings.append(Finding(Severity.ERROR, "duplicate_leader",
                                            f"{name} có {positions[position]} {label}.", team_id))
        for overview in self._policies.team_overviews():
            for warning in overview.warnings:
                findings.append(Finding(Severity.WARNING, "team_composition",
                                        f"{overview.team.name}: {describe(warning)}", overview.team.id))
        return CheckReport(tuple(findings), counts)
