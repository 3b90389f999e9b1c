"""The dry run: what applying a package would change, computed from plain rows (no database).

`diff_commune` compares a commune's rows already held by the higher unit with the rows of
its new snapshot, table by table and member by member, grouped by team.
`plan_reference` matches the policy versions and lương cơ sở rows of a reference package
with those a commune holds. The service applies what these return in one unit of work.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from antt_desktop.domain import vn_text

Rows = Sequence[Mapping[str, Any]]

# Columns that change without the record changing for a reader: times and derived keys.
NOT_A_CHANGE = frozenset({"created_at", "updated_at", "search_key", "sort_key", "jpeg"})


@dataclass(frozen=True, slots=True)
class TableChanges:
    new: int = 0
    changed: int = 0
    gone: int = 0
    unchanged: int = 0


@dataclass(frozen=True, slots=True)
class MemberChange:
    member_id: str
    full_name: str
    fields: tuple[str, ...] = ()   # columns that differ, plus "photo", "insurance", "team", "position"
    sort_key: str = ""


@dataclass(frozen=True, slots=True)
class TeamChanges:
    """Thành viên mới / thay đổi / không còn trong gói, for one team ("" = not in a team)."""

    team_id: str | None
    team_name: str
    new: tuple[MemberChange, ...] = ()
    changed: tuple[MemberChange, ...] = ()
    gone: tuple[MemberChange, ...] = ()


@dataclass(frozen=True, slots=True)
class DecisionChange:
    decision_id: str
    number: str | None
    title: str
    kind: str


@dataclass(frozen=True)
class PackageDiff:
    unit_code: str
    unit_name: str
    is_first_package: bool
    teams: tuple[TeamChanges, ...]
    decisions_new: tuple[DecisionChange, ...] = ()
    decisions_changed: tuple[DecisionChange, ...] = ()
    decisions_gone: tuple[DecisionChange, ...] = ()
    tables: dict[str, TableChanges] = field(default_factory=dict)

    @property
    def new(self) -> int:
        return sum(len(t.new) for t in self.teams)

    @property
    def changed(self) -> int:
        return sum(len(t.changed) for t in self.teams)

    @property
    def gone(self) -> int:
        return sum(len(t.gone) for t in self.teams)

    @property
    def has_changes(self) -> bool:
        return any(t.new or t.changed or t.gone for t in self.tables.values())


def _by_id(rows: Rows) -> dict[str, Mapping[str, Any]]:
    return {row["id"]: row for row in rows}


def _differing(old: Mapping[str, Any], new: Mapping[str, Any], ignore: frozenset[str] = NOT_A_CHANGE) -> list[str]:
    return [name for name, value in new.items()
            if name not in ignore and name in old and old[name] != value]


def _table_changes(old_rows: Rows, new_rows: Rows) -> TableChanges:
    old = _by_id(old_rows)
    new_count = changed = unchanged = 0
    seen = set()
    for row in new_rows:
        seen.add(row["id"])
        before = old.get(row["id"])
        if before is None:
            new_count += 1
        elif _differing(before, row, frozenset({"jpeg"})):
            changed += 1
        else:
            unchanged += 1
    return TableChanges(new_count, changed, len(old.keys() - seen), unchanged)


def _open_assignments(rows: Rows) -> dict[str, tuple[str, str]]:
    """member id → (team id, position) of the assignment still open (the latest if several)."""
    latest: dict[str, Mapping[str, Any]] = {}
    for row in rows:
        if row.get("ended_on") is not None:
            continue
        current = latest.get(row["member_id"])
        if current is None or _started(row) >= _started(current):
            latest[row["member_id"]] = row
    return {member_id: (row["team_id"], row["position"]) for member_id, row in latest.items()}


def _started(row: Mapping[str, Any]) -> str:
    value = row.get("started_on")
    return "" if value is None else str(value)   # ISO dates order as text


def _by_member(rows: Rows) -> dict[str, Mapping[str, Any]]:
    return {row["member_id"]: row for row in rows}


def diff_commune(unit_code: str, unit_name: str, existing: Mapping[str, Rows],
                 incoming: Mapping[str, Rows]) -> PackageDiff:
    """Compare a commune's rows held here (`existing`) with its new snapshot (`incoming`).

    Both map table names to rows (dicts keyed by column); rows of a table are matched by id.
    """
    empty: Rows = ()
    tables = {name: _table_changes(existing.get(name, empty), incoming.get(name, empty))
              for name in sorted(set(existing) | set(incoming))}

    old_members, new_members = _by_id(existing.get("members", empty)), _by_id(incoming.get("members", empty))
    old_places, new_places = (_open_assignments(existing.get("assignments", empty)),
                              _open_assignments(incoming.get("assignments", empty)))
    old_photos, new_photos = (_by_member(existing.get("member_photos", empty)),
                              _by_member(incoming.get("member_photos", empty)))
    old_insurance, new_insurance = (_by_member(existing.get("insurance", empty)),
                                    _by_member(incoming.get("insurance", empty)))
    team_names = {row["id"]: row.get("name", "") for row in existing.get("teams", empty)}
    team_names.update({row["id"]: row.get("name", "") for row in incoming.get("teams", empty)})

    grouped: dict[str | None, dict[str, list[MemberChange]]] = {}

    def place(team_id: str | None, kind: str, change: MemberChange) -> None:
        grouped.setdefault(team_id, {"new": [], "changed": [], "gone": []})[kind].append(change)

    for member_id, row in new_members.items():
        team_id, position = new_places.get(member_id, (None, None))
        change_of = lambda fields: MemberChange(member_id, row.get("full_name", ""), tuple(fields),  # noqa: E731
                                                row.get("sort_key") or "")
        before = old_members.get(member_id)
        if before is None:
            place(team_id, "new", change_of(()))
            continue
        fields = _differing(before, row)
        old_team, old_position = old_places.get(member_id, (None, None))
        if old_team != team_id:
            fields.append("team")
        if old_position != position:
            fields.append("position")
        if (old_photos.get(member_id) or {}).get("sha256") != (new_photos.get(member_id) or {}).get("sha256"):
            fields.append("photo")
        old_card, new_card = old_insurance.get(member_id), new_insurance.get(member_id)
        if (old_card is None) != (new_card is None) or (old_card and new_card and _differing(old_card, new_card)):
            fields.append("insurance")
        if fields:
            place(team_id, "changed", change_of(fields))
    for member_id in old_members.keys() - new_members.keys():
        row = old_members[member_id]
        team_id, _ = old_places.get(member_id, (None, None))
        place(team_id, "gone", MemberChange(member_id, row.get("full_name", ""), (), row.get("sort_key") or ""))

    def ordered(changes: list[MemberChange]) -> tuple[MemberChange, ...]:
        return tuple(sorted(changes, key=lambda c: (c.sort_key or vn_text.name_sort_key(c.full_name), c.member_id)))

    teams = tuple(sorted(
        (TeamChanges(team_id, team_names.get(team_id, "") if team_id else "",
                     ordered(kinds["new"]), ordered(kinds["changed"]), ordered(kinds["gone"]))
         for team_id, kinds in grouped.items()),
        key=lambda t: (t.team_id is None, vn_text.natural_key(t.team_name))))

    old_decisions, new_decisions = _by_id(existing.get("decisions", empty)), _by_id(incoming.get("decisions", empty))

    def decision(row: Mapping[str, Any]) -> DecisionChange:
        return DecisionChange(row["id"], row.get("number"), row.get("title", ""), row.get("kind", ""))

    return PackageDiff(
        unit_code=unit_code, unit_name=unit_name,
        is_first_package=not any(existing.get(name) for name in existing),
        teams=teams,
        decisions_new=tuple(decision(r) for i, r in new_decisions.items() if i not in old_decisions),
        decisions_changed=tuple(decision(r) for i, r in new_decisions.items()
                                if i in old_decisions and _differing(old_decisions[i], r)),
        decisions_gone=tuple(decision(r) for i, r in old_decisions.items() if i not in new_decisions),
        tables=tables,
    )


# ---- reference data (policy versions, lương cơ sở) ---------------------------------------

_POLICY_NOT_A_CHANGE = frozenset({"id", "unit_code", "created_at", "updated_at", "origin"})


@dataclass(frozen=True, slots=True)
class PolicyUpdate:
    target_id: str                 # the row here that takes the new values
    row: Mapping[str, Any]         # the incoming values
    label: str


@dataclass(frozen=True)
class ReferencePlan:
    policies_new: tuple[Mapping[str, Any], ...] = ()
    policies_changed: tuple[PolicyUpdate, ...] = ()
    salaries_new: tuple[Mapping[str, Any], ...] = ()
    salaries_changed: tuple[PolicyUpdate, ...] = ()
    unchanged: int = 0

    @property
    def has_changes(self) -> bool:
        return bool(self.policies_new or self.policies_changed or self.salaries_new or self.salaries_changed)


def policy_label(row: Mapping[str, Any]) -> str:
    name = row.get("province_name") or row.get("province_code") or ""
    return f"{name}: {row.get('resolution_number') or '(chưa có số nghị quyết)'}"


def plan_reference(existing_policies: Rows, incoming_policies: Rows,
                   existing_salaries: Rows, incoming_salaries: Rows) -> ReferencePlan:
    """Match by id, then by the shipped file's key; lương cơ sở rows match by effective date."""
    by_id = _by_id(existing_policies)
    by_source = {row["source_key"]: row for row in existing_policies if row.get("source_key")}
    policies_new, policies_changed, unchanged = [], [], 0
    for row in incoming_policies:
        target = by_id.get(row["id"]) or (by_source.get(row["source_key"]) if row.get("source_key") else None)
        if target is None:
            policies_new.append(row)
        elif _differing(target, row, _POLICY_NOT_A_CHANGE):
            policies_changed.append(PolicyUpdate(target["id"], row, policy_label(row)))
        else:
            unchanged += 1
    salaries_on = {row["effective_from"]: row for row in existing_salaries}
    salaries_new, salaries_changed = [], []
    for row in incoming_salaries:
        target = salaries_on.get(row["effective_from"])
        if target is None:
            salaries_new.append(row)
        elif _differing(target, row, frozenset({"id", "unit_code"})):
            salaries_changed.append(PolicyUpdate(target["id"], row, str(row["effective_from"])))
        else:
            unchanged += 1
    return ReferencePlan(tuple(policies_new), tuple(policies_changed), tuple(salaries_new),
                         tuple(salaries_changed), unchanged)
