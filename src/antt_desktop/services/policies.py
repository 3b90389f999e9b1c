"""Policy versions (rules are data): seeding the shipped ones, choosing one, and team quotas."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from datetime import date

from antt_desktop.domain import vn_text
from antt_desktop.domain.access import Permission
from antt_desktop.domain.errors import DomainError
from antt_desktop.domain.organisation import Hamlet, RecordNotFound, Team
from antt_desktop.domain.people import POSITION_LABELS, HamletKind, Position
from antt_desktop.domain.policies import PolicyVersion, policy_from_dict, policy_to_dict
from antt_desktop.domain.team_sizing import HamletFacts, TeamQuota, check_team_composition, team_quota
from antt_desktop.domain.units import UnitNotSetUp
from antt_desktop.services.context import ServiceContext
from antt_desktop.store import summaries


@dataclass(frozen=True, slots=True)
class StoredPolicy:
    """A policy version as kept in the database, with where it came from."""

    id: str
    origin: str              # shipped / user / higher_unit
    source_key: str
    policy: PolicyVersion


@dataclass(frozen=True, slots=True)
class UnitTeams:
    """One unit's teams on one line (the aggregator's Tổng quan): members holding each
    position now, how many teams, and how many of them need attention."""

    unit_code: str
    unit_name: str
    counts: dict
    team_count: int
    attention_count: int

    @property
    def member_count(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True, slots=True)
class TeamOverview:
    """A team with its hamlet, its members by position, its quota and what is wrong with it."""

    team: Team
    hamlet: Hamlet | None
    counts: dict
    quota: TeamQuota | None
    quota_problem: DomainError | None
    warnings: tuple[DomainError, ...]

    @property
    def member_count(self) -> int:
        return sum(self.counts.values())

    def to_json(self) -> dict:
        from antt_desktop.messages import describe

        return {
            "id": self.team.id, "unit_code": self.team.unit_code, "name": self.team.name,
            "hamlet": self.hamlet.name if self.hamlet else None,
            "members": self.member_count,
            "to_truong": self.counts.get(Position.LEADER, 0),
            "to_pho": self.counts.get(Position.DEPUTY, 0),
            "to_vien": self.counts.get(Position.MEMBER, 0),
            "quota_min": self.quota.min_members if self.quota else None,
            "quota_max": self.quota.max_members if self.quota else None,
            "quota_basis": self.quota.basis if self.quota else (describe(self.quota_problem) if self.quota_problem else None),
            "warnings": [describe(w) for w in self.warnings],
        }

    def summary_line(self) -> str:
        from antt_desktop.messages import describe

        quota = (f"định mức {self.quota.min_members}–{self.quota.max_members}" if self.quota
                 else "chưa xác định định mức")
        parts = [f"{self.team.name}: {self.member_count} thành viên "
                 f"({', '.join(f'{self.counts.get(p, 0)} {POSITION_LABELS[p]}' for p in Position)}), {quota}"]
        parts.extend(f"    ! {describe(w)}" for w in self.warnings)
        return "\n".join(parts)


@dataclass(frozen=True, slots=True)
class TeamBoard:
    """The teams in figures (PolicyService.team_board)."""

    teams: tuple[TeamOverview, ...]               # every team, when asked for; else empty
    units: tuple[UnitTeams, ...]                  # one line per unit, in name order
    team_count: int
    needing_attention: tuple[TeamOverview, ...]   # a warning or an unknown quota; the first asked for
    needing_attention_count: int


class PolicyService:
    def __init__(self, context: ServiceContext) -> None:
        self._context = context

    def seed_shipped(self) -> int:
        """Copy the shipped resolutions and lương cơ sở table into the database, once each.

        Then point the own unit at the resolution of its province in force today, if any.
        """
        from antt_desktop.reference.policies import load_base_salary_table, load_shipped_policies
        from antt_desktop.store.tables import BaseSalaryRow, PolicyVersionRow

        added = 0
        with self._context.new_uow() as uow:
            known = {row.source_key for row in uow.policies.rows()}
            for policy in load_shipped_policies():
                source_key = policy.id
                if source_key in known:
                    continue
                self._context.require(Permission.MANAGE_SETTINGS)  # only when it would write
                uow.policies.add_row(PolicyVersionRow(
                    unit_code="", province_code=policy.province_code, province_name=policy.province_name,
                    resolution_number=policy.resolution_number or "", effective_from=policy.effective_from,
                    effective_to=policy.effective_to, is_confirmed=policy.confirmed, origin="shipped",
                    source_key=source_key, parameters=policy_to_dict(policy)))
                added += 1
            if not uow.policies.base_salaries():
                self._context.require(Permission.MANAGE_SETTINGS)
                for entry in load_base_salary_table():
                    uow.policies.add_base_salary(BaseSalaryRow(
                        unit_code="", amount_dong=entry.amount_dong, effective_from=entry.effective_from,
                        legal_basis=entry.legal_basis, is_confirmed=entry.confirmed))
            uow.flush()
            unit = uow.units.own()
            if unit is not None and unit.policy_version_id is None:
                chosen = self._in_force_for(uow, unit.province_code, self._context.today())
                if chosen is not None:
                    self._context.require(Permission.MANAGE_SETTINGS)
                    after = replace(unit, policy_version_id=chosen.id)
                    uow.units.save(after)
                    uow.audit.record(self._context.actor, "unit.policy_chosen", "unit", unit.id,
                                     unit.code, before={"policy_version_id": None},
                                     after={"policy_version_id": chosen.id})
            if added:
                uow.audit.record(self._context.actor, "policy.seeded", "policy_version", None,
                                 unit.code if unit else "", after={"added": added})
            uow.commit()
        return added

    def _stored(self, uow, province_code: str | None = None) -> list[StoredPolicy]:
        return [StoredPolicy(row.id, row.origin, row.source_key, policy_from_dict(row.parameters))
                for row in uow.policies.rows(province_code)]

    def _in_force_for(self, uow, province_code: str, on: date) -> StoredPolicy | None:
        """The province's own resolution in force; failing that, one of a province merged into
        it in 2025 (REFERENCE §5: the old territory may keep its 2024 resolution)."""
        stored = self._stored(uow)
        province_name = self._context.province_codes.get(province_code, "")
        for matches in (
            lambda s: s.policy.province_code == province_code,
            lambda s: bool(province_name) and province_name in (s.policy.post_merger_parent or ""),
        ):
            candidates = [s for s in stored if matches(s) and s.policy.is_in_force_on(on)]
            if candidates:
                confirmed = [s for s in candidates if s.policy.confirmed] or candidates
                return max(confirmed, key=lambda s: s.policy.effective_from)
        return None

    def list(self, province_code: str | None = None) -> list[StoredPolicy]:
        with self._context.new_uow() as uow:
            return self._stored(uow, province_code)

    def candidates_for(self, province_code: str) -> list[StoredPolicy]:
        """The resolutions a unit of this province may apply: its own province's, then those
        of provinces merged into it in 2025 (REFERENCE §5), newest first within each."""
        province_name = self._context.province_codes.get(province_code, "")
        stored = self.list()
        own = [s for s in stored if s.policy.province_code == province_code]
        merged = [s for s in stored if s.policy.province_code != province_code and province_name
                  and province_name in (s.policy.post_merger_parent or "")]
        newest_first = lambda s: (s.policy.effective_from or date.min)  # noqa: E731
        return (sorted(own, key=newest_first, reverse=True)
                + sorted(merged, key=lambda s: (vn_text.fold(s.policy.province_name), s.policy.effective_from or date.min)))

    def unit_policy(self) -> StoredPolicy | None:
        with self._context.new_uow() as uow:
            return self._unit_policy(uow)

    def _unit_policy(self, uow) -> StoredPolicy | None:
        unit = uow.units.own()
        if unit is None:
            raise UnitNotSetUp()
        if unit.policy_version_id is None:
            return None
        row = uow.policies.get_row(unit.policy_version_id)
        if row is None:
            return None
        return StoredPolicy(row.id, row.origin, row.source_key, policy_from_dict(row.parameters))

    def choose_for_unit(self, policy_id: str) -> StoredPolicy:
        self._context.require(Permission.MANAGE_SETTINGS)
        with self._context.new_uow() as uow:
            unit = uow.units.own()
            if unit is None:
                raise UnitNotSetUp()
            row = uow.policies.get_row(policy_id)
            if row is None:
                raise RecordNotFound("policy_version", policy_id)
            after = replace(unit, policy_version_id=policy_id)
            uow.units.save(after)
            uow.audit.record(self._context.actor, "unit.policy_chosen", "unit", unit.id, unit.code,
                             before={"policy_version_id": unit.policy_version_id},
                             after={"policy_version_id": policy_id})
            uow.commit()
            return StoredPolicy(row.id, row.origin, row.source_key, policy_from_dict(row.parameters))

    # ------------------------------------------------------------ editing (issue #5)

    def save_version(self, data, *, policy_id: str | None = None) -> StoredPolicy:
        """Validate a policy record (policy_from_dict names the first bad field) and store it:
        as a new version (origin "user") without `policy_id`, else over that stored version."""
        from antt_desktop.domain.policies import DuplicatePolicyId
        from antt_desktop.store.tables import PolicyVersionRow

        self._context.require(Permission.MANAGE_SETTINGS)
        policy = policy_from_dict(data)
        parameters = policy_to_dict(policy)
        with self._context.new_uow() as uow:
            unit = uow.units.own()
            unit_code = unit.code if unit else ""
            taken = {row.id: policy_from_dict(row.parameters).id for row in uow.policies.rows()}
            if policy_id is None:
                if policy.id in taken.values():
                    raise DuplicatePolicyId(policy.id)
                row = PolicyVersionRow(unit_code=unit_code, origin="user", source_key=policy.id)
                before = None
                uow.policies.add_row(row)
            else:
                row = uow.policies.get_row(policy_id)
                if row is None:
                    raise RecordNotFound("policy_version", policy_id)
                if policy.id in {v for k, v in taken.items() if k != policy_id}:
                    raise DuplicatePolicyId(policy.id)
                before = dict(row.parameters)
                row.origin = "user"
                row.updated_at = self._context.clock().replace(microsecond=0)
            row.province_code, row.province_name = policy.province_code, policy.province_name
            row.resolution_number = policy.resolution_number or ""
            row.effective_from, row.effective_to = policy.effective_from, policy.effective_to
            row.is_confirmed, row.parameters = policy.confirmed, parameters
            uow.flush()
            uow.audit.record(self._context.actor, "policy.updated" if before else "policy.created",
                             "policy_version", row.id, unit_code, before=before, after=parameters)
            uow.commit()
            return StoredPolicy(row.id, row.origin, row.source_key, policy)

    def base_salary_table(self):
        """The lương cơ sở table, oldest first (BaseSalaryEntry)."""
        from antt_desktop.domain.policies import BaseSalaryEntry

        with self._context.new_uow() as uow:
            return [BaseSalaryEntry(amount_dong=r.amount_dong, effective_from=r.effective_from,
                                    legal_basis=r.legal_basis or "", confirmed=bool(r.is_confirmed))
                    for r in uow.policies.base_salaries()]

    def save_base_salary_table(self, entries) -> list:
        """Replace the lương cơ sở table after validating it whole (whole đồng, no two entries
        on one day); confirming the 2,530,000 of 01/7/2026 is saving it with `confirmed=True`."""
        from antt_desktop.domain.policies import base_salary_table_from_dict, base_salary_table_to_dict
        from antt_desktop.store.tables import BaseSalaryRow

        self._context.require(Permission.MANAGE_SETTINGS)
        table = base_salary_table_from_dict(base_salary_table_to_dict(entries))
        with self._context.new_uow() as uow:
            unit = uow.units.own()
            before = [(r.amount_dong, r.effective_from.isoformat(), r.legal_basis, r.is_confirmed)
                      for r in uow.policies.base_salaries()]
            after = [(e.amount_dong, e.effective_from.isoformat(), e.legal_basis, e.confirmed) for e in table]
            if before == after:
                return list(table)
            for row in uow.policies.base_salaries():
                uow.policies.delete_base_salary(row)
            for entry in table:
                uow.policies.add_base_salary(BaseSalaryRow(
                    unit_code="", amount_dong=entry.amount_dong, effective_from=entry.effective_from,
                    legal_basis=entry.legal_basis, is_confirmed=entry.confirmed))
            uow.audit.record(self._context.actor, "base_salary.updated", "base_salary", None,
                             unit.code if unit else "", before={"entries": before}, after={"entries": after})
            uow.commit()
        return list(table)

    def confirm_base_salary(self, effective_from: date, *, legal_basis: str | None = None) -> list:
        """Mark the entry starting on `effective_from` as checked against its decree."""
        from antt_desktop.domain.policies import BaseSalaryUnknown

        table = self.base_salary_table()
        matching = [e for e in table if e.effective_from == effective_from]
        if not matching:
            raise BaseSalaryUnknown(effective_from)
        table = [replace(e, confirmed=True, legal_basis=legal_basis if legal_basis is not None else e.legal_basis)
                 if e.effective_from == effective_from else e for e in table]
        return self.save_base_salary_table(table)

    def set_payroll_options(self, *, is_special_area: bool, chosen_support_dong: int | None) -> None:
        """The commune's own choices the payroll needs: special-area add-on, and the amount it
        pays when the province gives a range (stored in the unit's settings)."""
        from antt_desktop.domain.policies import ChosenAmountOutOfRange

        self._context.require(Permission.MANAGE_SETTINGS)
        if chosen_support_dong is not None and chosen_support_dong < 0:
            raise ChosenAmountOutOfRange(chosen_support_dong, 0, 0)
        with self._context.new_uow() as uow:
            unit = uow.units.own()
            if unit is None:
                raise UnitNotSetUp()
            settings = dict(unit.settings)
            settings["is_special_area"] = bool(is_special_area)
            settings["chosen_support_dong"] = chosen_support_dong
            if settings == unit.settings:
                return
            after = replace(unit, settings=settings)
            uow.units.save(after)
            uow.audit.record(self._context.actor, "unit.payroll_options", "unit", unit.id, unit.code,
                             before=dict(unit.settings), after=settings)
            uow.commit()

    def team_overviews(self, unit_code: str | None = None) -> list[TeamOverview]:
        """Every team (not dissolved) with its quota from the unit's resolution and its
        composition warnings, by unit and name."""
        return list(self.team_board(unit_code, every_team=True).teams)

    def team_board(self, unit_code: str | None = None, *, every_team: bool = False,
                   attention_limit: int | None = None) -> TeamBoard:
        """The teams in figures: each unit's line and the teams needing attention (the first
        `attention_limit`, in team order); with `every_team`, every team's overview too.

        Teams are read as plain columns and each distinct hamlet size is sized once, so that
        a province's 25,000 teams are checked without building an object for each.
        """
        with self._context.new_uow() as uow:
            own = uow.units.own()
            policy = self._unit_policy(uow) if own else None
            names = summaries.unit_names(uow.session)
            lines = summaries.open_team_lines(uow.session, unit_code)
            checked = _check_teams(lines, policy, keep_all=every_team)
            attention = [item for item in checked if item.needs_attention]
            shown = attention if attention_limit is None else attention[:attention_limit]
            every_object = every_team or len(shown) > 500      # no IN list of thousands of ids
            objects = summaries.teams_with_hamlets(
                uow.session, unit_code=unit_code, team_ids=None if every_object else [c.line.id for c in shown])
        teams = tuple(item.overview(*objects[item.line.id]) for item in checked) if every_team else ()
        if every_team:
            by_id = {overview.team.id: overview for overview in teams}
            needing = tuple(by_id[item.line.id] for item in shown)
        else:
            needing = tuple(item.overview(*objects[item.line.id]) for item in shown)
        return TeamBoard(teams=teams, units=_unit_lines(lines, checked, names, own, every_unit=unit_code is None),
                         team_count=len(lines), needing_attention=needing, needing_attention_count=len(attention))

    def team_warnings(self, team_id: str) -> tuple[DomainError, ...]:
        with self._context.new_uow() as uow:
            team = uow.teams.get(team_id)
            if team is None:
                raise RecordNotFound("team", team_id)
            hamlet = uow.hamlets.get(team.hamlet_id)
            policy = self._unit_policy(uow)
            counts = Counter(a.position for a in uow.assignments.open_for_team(team_id))
        return self._overview(team, hamlet, counts, policy).warnings

    @staticmethod
    def _overview(team: Team, hamlet: Hamlet | None, counts: Counter,
                  policy: StoredPolicy | None) -> TeamOverview:
        facts = ((hamlet.kind, hamlet.households, hamlet.residents, hamlet.is_complex)
                 if hamlet is not None else None)
        quota, problem = _sized(team.quota_override, facts, policy)
        warnings = check_team_composition(
            quota, counts.get(Position.LEADER, 0), counts.get(Position.DEPUTY, 0),
            counts.get(Position.MEMBER, 0))
        return TeamOverview(team, hamlet, dict(counts), quota, problem, tuple(warnings))


def _sized(quota_override: int | None, hamlet: tuple | None,
           policy: StoredPolicy | None) -> tuple[TeamQuota | None, DomainError | None]:
    """A team's quota, or why it is unknown: the unit's own figure, else the resolution's for
    its hamlet, `hamlet` being (kind, households, residents, is_complex)."""
    if quota_override is not None:
        return TeamQuota(min_members=min(3, quota_override), max_members=quota_override,
                         basis=f"Định mức do đơn vị nhập: {quota_override} thành viên",
                         is_confirmed=True), None
    if policy is None or policy.policy.sizing is None or hamlet is None:
        return None, None
    kind, households, residents, is_complex = hamlet
    try:
        return team_quota(policy.policy.sizing, HamletFacts(
            kind=HamletKind(kind), households=households, residents=residents, is_key_area=is_complex)), None
    except DomainError as error:
        return None, error


_POSITIONS = (Position.LEADER, Position.DEPUTY, Position.MEMBER)


@dataclass(frozen=True, slots=True)
class _CheckedTeam:
    line: summaries.TeamLine
    quota: TeamQuota | None
    quota_problem: DomainError | None
    warnings: tuple[DomainError, ...]

    @property
    def needs_attention(self) -> bool:
        return bool(self.warnings) or self.quota_problem is not None

    def overview(self, team: Team, hamlet: Hamlet | None) -> TeamOverview:
        line = self.line
        counts = {position: count for position, count in zip(_POSITIONS, (line.leaders, line.deputies, line.members))
                  if count}
        return TeamOverview(team, hamlet, counts, self.quota, self.quota_problem, self.warnings)


def _check_teams(lines, policy: StoredPolicy | None, *, keep_all: bool) -> list[_CheckedTeam]:
    """Each team's quota and warnings, in team order (unit, then name as people count); only
    the teams needing attention unless `keep_all`. Sizes are worked out once per hamlet size."""
    quotas: dict[tuple, tuple[TeamQuota | None, DomainError | None]] = {}
    name_keys: dict[str, tuple] = {}
    checked = []
    for line in lines:
        key = (line.quota_override, line.hamlet)
        sized = quotas.get(key)
        if sized is None:
            sized = quotas[key] = _sized(line.quota_override, line.hamlet, policy)
        quota, problem = sized
        warnings = check_team_composition(quota, line.leaders, line.deputies, line.members)
        if keep_all or warnings or problem is not None:
            checked.append(_CheckedTeam(line, quota, problem, tuple(warnings)))

    def team_order(item: _CheckedTeam) -> tuple:
        name = item.line.name
        key = name_keys.get(name)
        if key is None:
            key = name_keys[name] = vn_text.natural_key(name)
        return item.line.unit_code, key, name, item.line.id

    checked.sort(key=team_order)
    return checked


def _unit_lines(lines, checked: list[_CheckedTeam], names: dict[str, str], own, *,
                every_unit: bool) -> tuple[UnitTeams, ...]:
    """One line per unit holding teams, and (`every_unit`) per unit known other than our own."""
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])     # L, D, M, teams
    for line in lines:
        unit = totals[line.unit_code]
        unit[0] += line.leaders
        unit[1] += line.deputies
        unit[2] += line.members
        unit[3] += 1
    to_fix = Counter(item.line.unit_code for item in checked if item.needs_attention)
    codes = set(totals)
    if every_unit:
        codes |= {code for code in names if own is None or code != own.code}
    units = []
    for code in codes:
        leaders, deputies, members, team_count = totals.get(code, (0, 0, 0, 0))
        counts = {position: count for position, count in zip(_POSITIONS, (leaders, deputies, members)) if count}
        units.append(UnitTeams(code, names.get(code, code), counts, team_count, to_fix[code]))
    return tuple(sorted(units, key=lambda u: (vn_text.natural_key(u.unit_name), u.unit_code)))

