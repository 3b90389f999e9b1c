"""One repository per aggregate, written with select(); they take and return domain objects."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date

from sqlalchemy import Date, String, and_, func, select, type_coerce
from sqlalchemy.orm import Session

from antt_desktop.domain.gc_pause import collector_paused
from antt_desktop.domain.members import Member, MemberListRow
from antt_desktop.domain.organisation import Assignment, Hamlet, Team
from antt_desktop.domain.people import EducationLevel, Gender, MemberStatus, Position
from antt_desktop.domain.units import Unit
from antt_desktop.store.mapping import copy_to_row, to_domain
from antt_desktop.store.tables import (
    AssignmentRow,
    BaseSalaryRow,
    CertificateRow,
    DecisionRow,
    HamletRow,
    InsuranceRow,
    MemberPhotoRow,
    MemberRow,
    PolicyVersionRow,
    TeamRow,
    UnitRow,
)


class _Repository:
    def __init__(self, session: Session, clock) -> None:
        self._session = session
        self._clock = clock

    def _now(self):
        return self._clock().replace(microsecond=0)


class UnitRepository(_Repository):
    def own(self) -> Unit | None:
        row = self._session.execute(select(UnitRow).where(UnitRow.is_own.is_(True))).scalar_one_or_none()
        return to_domain(row, Unit) if row else None

    def by_code(self, code: str) -> Unit | None:
        row = self._session.execute(select(UnitRow).where(UnitRow.code == code)).scalar_one_or_none()
        return to_domain(row, Unit) if row else None

    def all(self) -> list[Unit]:
        rows = self._session.execute(select(UnitRow).order_by(UnitRow.code)).scalars()
        return [to_domain(row, Unit) for row in rows]

    def add(self, unit: Unit) -> None:
        now = self._now()
        row = UnitRow(unit_code=unit.code, created_at=now, updated_at=now)
        copy_to_row(unit, row)
        self._session.add(row)

    def save(self, unit: Unit) -> None:
        row = self._session.get(UnitRow, unit.id)
        copy_to_row(unit, row)
        row.updated_at = self._now()


class HamletRepository(_Repository):
    def get(self, hamlet_id: str) -> Hamlet | None:
        row = self._session.get(HamletRow, hamlet_id)
        return to_domain(row, Hamlet) if row else None

    def by_name(self, unit_code: str, name: str) -> Hamlet | None:
        row = self._session.execute(
            select(HamletRow).where(HamletRow.unit_code == unit_code, HamletRow.name == name)
        ).scalar_one_or_none()
        return to_domain(row, Hamlet) if row else None

    def usage(self, hamlet_id: str) -> tuple[int, int]:
        """How many teams and how many members refer to the hamlet."""
        teams = self._session.execute(
            select(func.count()).select_from(TeamRow).where(TeamRow.hamlet_id == hamlet_id)).scalar_one()
        members = self._session.execute(
            select(func.count()).select_from(MemberRow).where(MemberRow.hamlet_id == hamlet_id)).scalar_one()
        return teams, members

    def delete(self, hamlet_id: str) -> None:
        row = self._session.get(HamletRow, hamlet_id)
        if row is not None:
            self._session.delete(row)

    def list(self, unit_code: str | None = None) -> list[Hamlet]:
        query = select(HamletRow).order_by(HamletRow.unit_code, HamletRow.name)
        if unit_code:
            query = query.where(HamletRow.unit_code == unit_code)
        return [to_domain(row, Hamlet) for row in self._session.execute(query).scalars()]

    def add(self, hamlet: Hamlet) -> None:
        now = self._now()
        row = HamletRow(created_at=now, updated_at=now)
        copy_to_row(hamlet, row)
        self._session.add(row)

    def save(self, hamlet: Hamlet) -> None:
        row = self._session.get(HamletRow, hamlet.id)
        copy_to_row(hamlet, row)
        row.updated_at = self._now()


class TeamRepository(_Repository):
    def get(self, team_id: str) -> Team | None:
        row = self._session.get(TeamRow, team_id)
        return to_domain(row, Team) if row else None

    def list(self, unit_code: str | None = None) -> list[Team]:
        query = select(TeamRow).order_by(TeamRow.unit_code, TeamRow.name)
        if unit_code:
            query = query.where(TeamRow.unit_code == unit_code)
        return [to_domain(row, Team) for row in self._session.execute(query).scalars()]

    def for_hamlet(self, hamlet_id: str) -> list[Team]:
        rows = self._session.execute(select(TeamRow).where(TeamRow.hamlet_id == hamlet_id)).scalars()
        return [to_domain(row, Team) for row in rows]

    def add(self, team: Team) -> None:
        now = self._now()
        row = TeamRow(created_at=now, updated_at=now)
        copy_to_row(team, row)
        self._session.add(row)

    def save(self, team: Team) -> None:
        row = self._session.get(TeamRow, team.id)
        copy_to_row(team, row)
        row.updated_at = self._now()


class MemberRepository(_Repository):
    def get(self, member_id: str) -> Member | None:
        row = self._session.get(MemberRow, member_id)
        return to_domain(row, Member) if row else None

    def many(self, member_ids: Iterable[str]) -> dict[str, Member]:
        ids = list(member_ids)
        rows = self._session.execute(select(MemberRow).where(MemberRow.id.in_(ids))).scalars()
        return {row.id: to_domain(row, Member) for row in rows}

    def by_id_number(self, id_number: str, *, excluding: str | None = None) -> Member | None:
        query = select(MemberRow).where(MemberRow.id_number == id_number)
        if excluding:
            query = query.where(MemberRow.id != excluding)
        row = self._session.execute(query.limit(1)).scalar_one_or_none()
        return to_domain(row, Member) if row else None

    def add(self, member: Member) -> None:
        now = self._now()
        row = MemberRow(created_at=now, updated_at=now)
        self._copy(member, row)
        self._session.add(row)

    def save(self, member: Member) -> None:
        row = self._session.get(MemberRow, member.id)
        self._copy(member, row)
        row.updated_at = self._now()

    @staticmethod
    def _copy(member: Member, row: MemberRow) -> None:
        copy_to_row(member, row)
        row.search_key = member.search_key
        row.sort_key = member.sort_key

    def photo(self, member_id: str) -> bytes | None:
        return self._session.execute(
            select(MemberPhotoRow.jpeg).where(MemberPhotoRow.member_id == member_id)
        ).scalar_one_or_none()

    def set_photo(self, member: Member, jpeg: bytes | None, sha256: str | None) -> None:
        existing = self._session.execute(
            select(MemberPhotoRow).where(MemberPhotoRow.member_id == member.id)
        ).scalar_one_or_none()
        if jpeg is None:
            if existing is not None:
                self._session.delete(existing)
            return
        if existing is None:
            existing = MemberPhotoRow(member_id=member.id, unit_code=member.unit_code)
            self._session.add(existing)
        existing.jpeg, existing.sha256, existing.updated_at = jpeg, sha256, self._now()

    def list_rows(self, *, unit_code: str | None = None, folded_words: Sequence[str] = (),
                  limit: int | None = None) -> list[MemberListRow]:
        """The member list in Vietnamese name order; each folded word must occur (LIKE).

        A search or a LIMIT finds the matching ids first on the members table alone, walking
        the sort_key index so that a LIMIT stops early; only those rows are then joined.
        The whole list (no words, no limit) is read as five plain scans joined in Python.
        """
        if not folded_words and not limit:
            return self._whole_list(unit_code)
        matching = select(MemberRow.id, MemberRow.sort_key)
        if unit_code:
            matching = matching.where(MemberRow.unit_code == unit_code)
        for word in folded_words:
            escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            matching = matching.where(MemberRow.search_key.like(f"%{escaped}%", escape="\\"))
        matching = matching.order_by(MemberRow.sort_key, MemberRow.id)
        if limit:
            matching = matching.limit(limit)
        chosen = matching.subquery("chosen")
        open_assignment = and_(AssignmentRow.member_id == MemberRow.id, AssignmentRow.ended_on.is_(None))
        query = (
            select(*MEMBER_LIST_COLUMNS)
            .select_from(chosen)
            .join(MemberRow, MemberRow.id == chosen.c.id)
            .outerjoin(HamletRow, HamletRow.id == MemberRow.hamlet_id)
            .outerjoin(AssignmentRow, open_assignment)
            .outerjoin(TeamRow, TeamRow.id == AssignmentRow.team_id)
            .outerjoin(InsuranceRow, InsuranceRow.member_id == MemberRow.id)
            .order_by(chosen.c.sort_key, chosen.c.id)
        )
        # The strings that repeat on many rows (unit, hamlet, team) shared, as in _whole_list.
        shared: dict[str, str] = {}
        share = shared.setdefault
        rows = []
        for values in self._session.execute(query):
            (member_id, unit, name, birth_date, birth_year, gender, id_number, phone, hamlet_id,
             hamlet_name, team_id, team_name, position, status, education, valid_to, search_key,
             sort_key) = values
            rows.append(MemberListRow(
                member_id, share(unit, unit), name, birth_date, birth_year, _GENDERS[gender], id_number,
                phone, hamlet_id and share(hamlet_id, hamlet_id), share(hamlet_name, hamlet_name) or "",
                team_id and share(team_id, team_id), share(team_name, team_name) or "",
                _POSITIONS[position], _STATUSES[status], _EDUCATIONS[education], valid_to, search_key,
                sort_key))
        return rows

    def _whole_list(self, unit_code: str | None) -> list[MemberListRow]:
        """Every member (of one unit, or all) in name order, without joins in SQL.

        At 100,000 members one joined query does ~600,000 index look-ups (~2 s on SQLite);
        the members in name order and the four small tables read whole and matched in dicts
        take a third of that. Hamlet and team names and ids, unit codes and dates come from
        dicts, one object each however many rows show them (memory, #3); a date stored as
        text is converted once per distinct day.
        """
        birth_day = type_coerce(MemberRow.birth_date, String)      # as the driver gives it
        members = (select(MemberRow.id, MemberRow.unit_code, MemberRow.full_name, birth_day,
                          MemberRow.birth_year, MemberRow.gender, MemberRow.id_number, MemberRow.phone,
                          MemberRow.hamlet_id, MemberRow.status, MemberRow.education_level,
                          MemberRow.search_key, MemberRow.sort_key)
                   .order_by(MemberRow.sort_key, MemberRow.id))
        held = (select(AssignmentRow.member_id, AssignmentRow.team_id, AssignmentRow.position)
                .where(AssignmentRow.ended_on.is_(None)))
        insured = select(InsuranceRow.member_id, type_coerce(InsuranceRow.bhyt_valid_to, String))
        hamlets = select(HamletRow.id, HamletRow.name)
        teams = select(TeamRow.id, TeamRow.name)
        if unit_code:
            in_unit = select(MemberRow.id).where(MemberRow.unit_code == unit_code)
            members = members.where(MemberRow.unit_code == unit_code)
            held = held.where(AssignmentRow.member_id.in_(in_unit))
            insured = insured.where(InsuranceRow.member_id.in_(in_unit))
            hamlets = hamlets.where(HamletRow.id.in_(
                select(MemberRow.hamlet_id).where(MemberRow.unit_code == unit_code)))
            teams = teams.where(TeamRow.id.in_(held.with_only_columns(AssignmentRow.team_id)))
        if self._session.autoflush:         # as Session.execute would, before reading
            self._session.flush()
        connection = self._session.connection()

        def execute(query):            # in chunks: one driver call per 2,000 rows, not per row
            for chunk in connection.execute(query.execution_options(yield_per=2000)).partitions():
                yield from chunk
        dialect = connection.dialect
        days = _Days(Date().dialect_impl(dialect).result_processor(dialect, None))
        with collector_paused():
            places = {None: (None, "")}
            for hamlet_id, name in execute(hamlets):
                places[hamlet_id] = (hamlet_id, name or "")
            team_names = {team_id: (team_id, name or "") for team_id, name in execute(teams)}
            no_team = (None, "", None)
            positions: dict[str, tuple] = {}
            more: dict[str, list[tuple]] = {}          # a member with two open assignments: two rows
            for member_id, team_id, position in execute(held):
                team_id, team_name = team_names.get(team_id) or (team_id, "")
                line = (team_id, team_name, _POSITIONS[position])
                if member_id in positions:
                    more.setdefault(member_id, []).append(line)
                else:
                    positions[member_id] = line
            valid_to = {member_id: days[on] for member_id, on in execute(insured)}
            units: dict[str, str] = {}
            rows = []
            append = rows.append
            genders, statuses, educations = _GENDERS, _STATUSES, _EDUCATIONS
            pop_position, pop_valid_to = positions.pop, valid_to.pop
            for (member_id, unit, name, birth_date, birth_year, gender, id_number, phone, hamlet_id,
                 status, education, search_key, sort_key) in execute(members):
                hamlet_id, hamlet_name = places.get(hamlet_id) or (hamlet_id, "")
                # pop, not get: each member's entries (and the id strings of the other
                # queries) are freed as its row is made, so the whole list peaks lower.
                team_id, team_name, position = pop_position(member_id, no_team)
                row = MemberListRow(
                    member_id, units.setdefault(unit, unit), name, days[birth_date], birth_year,
                    genders[gender], id_number, phone, hamlet_id, hamlet_name, team_id, team_name,
                    position, statuses[status], educations[education], pop_valid_to(member_id, None),
                    search_key, sort_key)
                append(row)
                if more and member_id in more:
                    for team_id, team_name, position in more[member_id]:
                        append(replace(row, team_id=team_id, team_name=team_name, position=position))
        return rows

    def list_places(self) -> tuple[list[tuple[str, str, str]], list[tuple[str, str, str]]]:
        """What the member list filters by: every hamlet and every team not dissolved, as
        (id, unit_code, name) by unit and name, three columns each, not the whole records."""
        hamlets = self._session.execute(select(HamletRow.id, HamletRow.unit_code, HamletRow.name)
                                        .order_by(HamletRow.unit_code, HamletRow.name))
        teams = self._session.execute(select(TeamRow.id, TeamRow.unit_code, TeamRow.name)
                                      .where(TeamRow.dissolved_on.is_(None))
                                      .order_by(TeamRow.unit_code, TeamRow.name))
        return [tuple(row) for row in hamlets], [tuple(row) for row in teams]

    def certified_ids(self, unit_code: str | None = None) -> set[str]:
        """Members holding a certificate that has not been revoked."""
        query = select(CertificateRow.member_id).where(CertificateRow.revoked_on.is_(None))
        if unit_code:
            query = query.where(CertificateRow.unit_code == unit_code)
        return set(self._session.execute(query).scalars())

    def count(self, unit_code: str | None = None) -> int:
        query = select(func.count()).select_from(MemberRow)
        if unit_code:
            query = query.where(MemberRow.unit_code == unit_code)
        return self._session.execute(query).scalar_one()


class _ByValue(dict):
    """Enum members by their stored value, so that 100,000 rows do not each call Enum();
    None (and "" for the optional ones) give None, an unknown value raises as Enum() would."""

    def __init__(self, kind, *, optional: bool = False) -> None:
        super().__init__({member.value: member for member in kind})
        if optional:
            self[None] = self[""] = None
        self._kind = kind

    def __missing__(self, value):
        return self._kind(value)


class _Days(dict):
    """Dates by the value the driver gave (text on SQLite, a date on PostgreSQL), each
    converted once, by the Date type's own conversion."""

    def __init__(self, convert) -> None:
        super().__init__()
        self._convert = convert

    def __missing__(self, raw):
        day = self[raw] = raw if self._convert is None or raw is None else self._convert(raw)
        return day


_GENDERS = _ByValue(Gender)
_POSITIONS = _ByValue(Position, optional=True)
_STATUSES = _ByValue(MemberStatus)
_EDUCATIONS = _ByValue(EducationLevel, optional=True)

MEMBER_LIST_COLUMNS = (
    MemberRow.id, MemberRow.unit_code, MemberRow.full_name, MemberRow.birth_date,
    MemberRow.birth_year, MemberRow.gender, MemberRow.id_number, MemberRow.phone,
    MemberRow.hamlet_id, HamletRow.name, AssignmentRow.team_id, TeamRow.name,
    AssignmentRow.position, MemberRow.status, MemberRow.education_level,
    InsuranceRow.bhyt_valid_to, MemberRow.search_key, MemberRow.sort_key,
)


def member_list_row(values) -> MemberListRow:
    """A MemberListRow from the values of MEMBER_LIST_COLUMNS, in that order (store/summaries too)."""
    (member_id, unit_code, full_name, birth_date, birth_year, gender, id_number, phone, hamlet_id,
     hamlet_name, team_id, team_name, position, status, education, bhyt_valid_to, search_key,
     sort_key) = values
    return MemberListRow(
        member_id, unit_code, full_name, birth_date, birth_year, _GENDERS[gender], id_number, phone,
        hamlet_id, hamlet_name or "", team_id, team_name or "", _POSITIONS[position],
        _STATUSES[status], _EDUCATIONS[education], bhyt_valid_to, search_key, sort_key)


class AssignmentRepository(_Repository):
    def open_for_member(self, member_id: str) -> Assignment | None:
        row = self._session.execute(
            select(AssignmentRow).where(AssignmentRow.member_id == member_id,
                                        AssignmentRow.ended_on.is_(None))
        ).scalars().first()
        return to_domain(row, Assignment) if row else None

    def history(self, member_id: str) -> list[Assignment]:
        rows = self._session.execute(
            select(AssignmentRow).where(AssignmentRow.member_id == member_id)
            .order_by(AssignmentRow.started_on, AssignmentRow.created_at)
        ).scalars()
        return [to_domain(row, Assignment) for row in rows]

    def open_for_team(self, team_id: str) -> list[Assignment]:
        rows = self._session.execute(
            select(AssignmentRow).where(AssignmentRow.team_id == team_id,
                                        AssignmentRow.ended_on.is_(None))
        ).scalars()
        return [to_domain(row, Assignment) for row in rows]

    def decision_refs(self, decision_ids) -> dict[str, tuple[str | None, date | None, str]]:
        """Number, signing date and title of each decision, for a member's history."""
        ids = list(decision_ids)
        if not ids:
            return {}
        rows = self._session.execute(
            select(DecisionRow.id, DecisionRow.number, DecisionRow.signed_on, DecisionRow.title)
            .where(DecisionRow.id.in_(ids)))
        return {row.id: (row.number, row.signed_on, row.title) for row in rows}

    def active_on(self, unit_code: str, first: date, last: date) -> list[Assignment]:
        """Assignments that cover at least one day of [first, last]."""
        rows = self._session.execute(
            select(AssignmentRow).where(
                AssignmentRow.unit_code == unit_code,
                AssignmentRow.started_on <= last,
                (AssignmentRow.ended_on.is_(None)) | (AssignmentRow.ended_on >= first),
            )
        ).scalars()
        return [to_domain(row, Assignment) for row in rows]

    def add(self, assignment: Assignment) -> None:
        row = AssignmentRow(created_at=self._now())
        copy_to_row(assignment, row)
        self._session.add(row)

    def save(self, assignment: Assignment) -> None:
        row = self._session.get(AssignmentRow, assignment.id)
        copy_to_row(assignment, row)


class PolicyRepository(_Repository):
    """Policy versions are stored as the JSON dict of domain.policies (rules are data)."""

    def rows(self, province_code: str | None = None) -> list[PolicyVersionRow]:
        query = select(PolicyVersionRow).order_by(PolicyVersionRow.province_code,
                                                  PolicyVersionRow.effective_from)
        if province_code:
            query = query.where(PolicyVersionRow.province_code == province_code)
        rows = list(self._session.execute(query).scalars())
        for row in rows:
            self._session.expunge(row)
        return rows

    def get_row(self, policy_id: str) -> PolicyVersionRow | None:
        return self._session.get(PolicyVersionRow, policy_id)

    def add_row(self, row: PolicyVersionRow) -> None:
        now = self._now()
        row.created_at = row.created_at or now
        row.updated_at = now
        self._session.add(row)

    def base_salaries(self) -> list[BaseSalaryRow]:
        return list(self._session.execute(select(BaseSalaryRow).order_by(BaseSalaryRow.effective_from)).scalars())

    def add_base_salary(self, row: BaseSalaryRow) -> None:
        self._session.add(row)

    def delete_base_salary(self, row: BaseSalaryRow) -> None:
        self._session.delete(row)
        self._session.flush()   # the unique effective_from may be reused in the same transaction
