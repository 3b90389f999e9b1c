"""Insurance of the members: the records, the alerts (BHYT expiring, no BHYT) and the lists for
the social-insurance office (issue #5). One unit of work and one audit event per write."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from pathlib import Path

from antt_desktop.domain import vn_text
from antt_desktop.domain.access import Permission
from antt_desktop.domain.audit_trail import ExportKind
from antt_desktop.domain.errors import DomainError
from antt_desktop.domain.insurance import (
    EXPIRY_WARNING_DAYS,
    BhytCoverage,
    InsuranceAlert,
    InsuranceDraft,
    InsuranceRecord,
    InsuredPerson,
    bhxh_contribution_dong,
    insurance_alert,
    insurance_alerts,
    monthly_insurance,
    state_share,
    validate_insurance,
)
from antt_desktop.domain.organisation import RecordNotFound
from antt_desktop.domain.payroll import POSITION_ORDER, Month, NoPolicyChosen, needs_base_salary
from antt_desktop.domain.people import Position
from antt_desktop.domain.policies import (
    BaseSalaryUnconfirmed,
    BaseSalaryUnknown,
    PolicyValueUnconfirmed,
    bhxh_minimum_contribution_dong,
    policy_monthly_support_dong,
    poverty_line_on,
)
from antt_desktop.services.audit import log_export
from antt_desktop.services.context import ServiceContext
from antt_desktop.services.payroll import PayrollService


@dataclass(frozen=True, slots=True)
class InsuranceListRow:
    """An active member with their insurance record and what needs doing."""

    member_id: str
    full_name: str
    team_name: str
    hamlet_name: str
    position: Position
    record: InsuranceRecord | None
    alert: InsuranceAlert | None
    sort_key: str = ""


@dataclass(frozen=True, slots=True)
class BhytOfficeRow:
    """Cấp mới / gia hạn thẻ BHYT: who, why, and the monthly support the budget pays."""

    alert: InsuranceAlert
    action: str                      # "Cấp mới" / "Gia hạn"
    support_dong: int | None         # None: cannot be computed yet (see `note`)
    note: str = ""


@dataclass(frozen=True, slots=True)
class BhxhOfficeRow:
    """A BHXH tự nguyện participant with the month's contribution and supports."""

    person: InsuredPerson
    record: InsuranceRecord
    income_dong: int
    contribution_dong: int
    state_support_dong: int | None   # Nhà nước hỗ trợ (share of the minimum contribution)
    province_support_dong: int | None
    member_pays_dong: int | None
    note: str = ""


@dataclass(frozen=True, slots=True)
class OfficeLists:
    month: Month
    bhyt: tuple[BhytOfficeRow, ...]
    bhxh: tuple[BhxhOfficeRow, ...]
    state_share_confirmed: bool = False


class InsuranceService:
    def __init__(self, context: ServiceContext) -> None:
        self._context = context

    def _people(self, uow, on: date) -> tuple[str, list[tuple[InsuredPerson, Position]]]:
        unit = uow.units.own()
        if unit is None:
            from antt_desktop.domain.units import UnitNotSetUp

            raise UnitNotSetUp()
        current = uow.payroll.assignments_between([unit.code], on, on)
        people = uow.payroll.people([unit.code], member_ids=[a.member_id for a in current])
        teams = uow.payroll.teams([unit.code])
        result = []
        for a in current:
            person = people.get(a.member_id)
            if person is None:
                continue
            team = teams.get(a.team_id)
            result.append((InsuredPerson(a.member_id, person.full_name, team.name if team else "",
                                         team.hamlet_name if team else "", person.sort_key), a.position))
        result.sort(key=lambda item: (vn_text.natural_key(item[0].team_name), POSITION_ORDER[item[1]],
                                      item[0].sort_key))
        return unit.code, result

    def list(self, on: date | None = None) -> list[InsuranceListRow]:
        """Every member active on `on` (today) with their insurance and any alert."""
        on = on or self._context.today()
        with self._context.new_uow() as uow:
            unit_code, people = self._people(uow, on)
            records = uow.payroll.insurance_for([unit_code])
        return [InsuranceListRow(p.member_id, p.full_name, p.team_name, p.hamlet_name, position,
                                 records.get(p.member_id), insurance_alert(p, records.get(p.member_id), on),
                                 p.sort_key)
                for p, position in people]

    def get(self, member_id: str) -> InsuranceRecord | None:
        with self._context.new_uow() as uow:
            return uow.payroll.insurance_of(member_id)

    def save(self, member_id: str, draft: InsuranceDraft) -> InsuranceRecord:
        """Validate and store one member's insurance (the chosen BHXH income is at least the
        rural poverty line in force today)."""
        self._context.require(Permission.MANAGE_PAYROLL)
        from antt_desktop.reference.policies import load_national_insurance

        lines = load_national_insurance().bhxh_tu_nguyen.rural_poverty_lines
        try:
            floor = poverty_line_on(lines, self._context.today())
        except DomainError:
            floor = None
        clean = validate_insurance(draft, poverty_line_dong=floor)
        with self._context.new_uow() as uow:
            member = uow.members.get(member_id)
            if member is None:
                raise RecordNotFound("member", member_id)
            before = uow.payroll.insurance_of(member_id)
            record = InsuranceRecord(id=before.id if before else str(uuid.uuid4()), unit_code=member.unit_code,
                                     member_id=member_id, **{f: getattr(clean, f) for f in InsuranceDraft.__slots__})
            if record == before:
                return before
            uow.payroll.save_insurance(record)
            uow.audit.record(self._context.actor, "insurance.updated", "insurance", member_id, member.unit_code,
                             before=before, after=record)
            uow.commit()
        return record

    def due(self, within_days: int = EXPIRY_WARNING_DAYS) -> list[InsuranceAlert]:
        """Cards expired or expiring within `within_days`, and members without BHYT."""
        today = self._context.today()
        with self._context.new_uow() as uow:
            unit_code, people = self._people(uow, today)
            records = uow.payroll.insurance_for([unit_code])
        return insurance_alerts([p for p, _ in people], records, today, within_days)

    def office_lists(self, month: Month | str | None = None) -> OfficeLists:
        """The lists for the social-insurance office: BHYT to enrol or renew with the budget's
        support, and BHXH tự nguyện participants with contribution and supports for the month."""
        from antt_desktop.reference.policies import load_national_insurance

        today = self._context.today()
        month = Month.of(today) if month is None else (month if isinstance(month, Month) else Month.parse(month))
        national = load_national_insurance()
        with self._context.new_uow() as uow:
            unit_code, people = self._people(uow, today)
            records = uow.payroll.insurance_for([unit_code])
            unit = uow.units.own()
            bases = PayrollService._base_salaries(uow)
            policy = None
            if unit.policy_version_id:
                from antt_desktop.domain.policies import policy_from_dict

                row = uow.policies.get_row(unit.policy_version_id)
                policy = policy_from_dict(row.parameters) if row else None
        poverty_lines = national.bhxh_tu_nguyen.rural_poverty_lines
        position_of = {p.member_id: position for p, position in people}

        def base_salary() -> int:
            from antt_desktop.domain.policies import base_salary_on

            return base_salary_on(bases, month.first)

        def poverty_line() -> int:
            return poverty_line_on(poverty_lines, month.first)

        def supports(person: InsuredPerson, record: InsuranceRecord):
            if policy is None:
                raise NoPolicyChosen()
            rate = policy_monthly_support_dong(
                policy, position_of[person.member_id],
                base_salary_dong=base_salary() if needs_base_salary(policy) else 0,
                education_level=None, chosen_amount_dong=unit.settings.get("chosen_support_dong"))
            try:
                return monthly_insurance(record, policy.insurance_support, month.first, month.last,
                                         monthly_support_dong=rate, base_salary_dong=base_salary,
                                         poverty_line_dong=poverty_line)
            except PolicyValueUnconfirmed as error:
                raise replace(error, resolution_number=policy.resolution_number,
                              province_name=policy.province_name) from None

        alerts = insurance_alerts([p for p, _ in people], records, today)
        bhyt_rows = []
        for alert in alerts:
            if not alert.needs_office:
                continue
            action = "Gia hạn" if alert.kind.value in ("expired", "expiring") else "Cấp mới"
            person = next(p for p, _ in people if p.member_id == alert.member_id)
            record = records.get(alert.member_id)
            supported = replace(record, bhyt_coverage=BhytCoverage.BUDGET_SUPPORTED, bhxh_participating=False) \
                if record else InsuranceRecord("", unit_code, alert.member_id, BhytCoverage.BUDGET_SUPPORTED)
            amount, note = _attempt(lambda: supports(person, supported).bhyt_support_dong)
            bhyt_rows.append(BhytOfficeRow(alert, action, amount, note))
        bhxh_rows = []
        minimum = None
        try:
            minimum = bhxh_minimum_contribution_dong(poverty_line())
        except DomainError:
            pass
        shares_confirmed = False
        for person, _ in people:
            record = records.get(person.member_id)
            if record is None or not record.is_bhxh_participating_in(month.first, month.last):
                continue
            income = record.bhxh_income_dong or _safe(poverty_line)
            contribution = bhxh_contribution_dong(income) if income else 0
            share = None
            for schedule in national.bhxh_tu_nguyen.state_support:
                if state_share((schedule,), record.bhxh_group, month.first) is not None:
                    share = state_share((schedule,), record.bhxh_group, month.first)
                    shares_confirmed = schedule.confirmed
                    break
            state = int((Decimal(share) * minimum).to_integral_value()) if share is not None and minimum else None
            province, note = _attempt(lambda: supports(person, record).bhxh_support_dong)
            pays = None
            if province is not None:
                pays = max(contribution - province - (state or 0), 0)
            bhxh_rows.append(BhxhOfficeRow(person, record, income or 0, contribution, state, province, pays, note))
        return OfficeLists(month, tuple(bhyt_rows), tuple(bhxh_rows), shares_confirmed)

    def export_office_xlsx(self, path: Path, month: Month | str | None = None) -> Path:
        from antt_desktop.documents.insurance_xlsx import write_insurance_lists_xlsx

        self._context.require(Permission.EXPORT_PERSONAL_DATA)   # card and BHXH numbers
        lists = self.office_lists(month)
        header = PayrollService(self._context).sheet_header()
        written = write_insurance_lists_xlsx(lists, header, Path(path))
        people = {row.alert.member_id for row in lists.bhyt} | {row.person.member_id for row in lists.bhxh}
        log_export(self._context, ExportKind.INSURANCE_LISTS, len(people), Path(written), entity="insurance",
                   month=lists.month.key)
        return written


def _safe(function):
    """The value, or 0 when it is not known: used only where a rule may not need it."""
    try:
        return function()
    except (BaseSalaryUnconfirmed, BaseSalaryUnknown, DomainError):
        return 0


def _attempt(function) -> tuple[int | None, str]:
    from antt_desktop.messages import describe

    try:
        return function(), ""
    except (BaseSalaryUnconfirmed, BaseSalaryUnknown, PolicyValueUnconfirmed, DomainError) as error:
        return None, describe(error)
