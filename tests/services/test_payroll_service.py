"""Payroll, duty log, policy editing and insurance through the services, on the demo commune
(Xã Tân Phú, NQ 03/2024/NQ-HĐND Bình Định: 1.440.000 / 1.260.000 / 1.080.000; clock 22/11/2026)."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import select

from antt_desktop.domain.access import PermissionDenied, Role
from antt_desktop.domain.insurance import BhytCoverage, InsuranceDraft, InvalidBhytCardNumber
from antt_desktop.domain.payroll import (
    DUTY_FIELD_LABELS,
    DUTY_FIELDS,
    DutyCounts,
    DutyLogRecord,
    DutyProblemReason,
    InvalidDutyCount,
    MemberNotActiveInMonth,
    NoDraftToLock,
    NoLockedRun,
    NoPayrollDifference,
    PayrollRunLocked,
    RunKind,
    RunState,
    prorate,
)
from antt_desktop.domain.people import Position
from antt_desktop.domain.policies import (
    BaseSalaryEntry,
    BaseSalaryUnconfirmed,
    DuplicatePolicyId,
    InvalidPolicyField,
    policy_to_dict,
)
from antt_desktop.messages import describe
from antt_desktop.messages.payroll import describe_duty_problem, fix_hint
from antt_desktop.services.insurance import InsuranceService
from antt_desktop.services.payroll import DutyGridRow, PayrollService, _match
from antt_desktop.store.tables import AuditEventRow

RATES = {Position.LEADER: 1_440_000, Position.DEPUTY: 1_260_000, Position.MEMBER: 1_080_000}
NOV = "2026-11"


def actions(services) -> list[str]:
    with services.context.new_uow() as uow:
        return list(uow.session.execute(select(AuditEventRow.action).order_by(AuditEventRow.sequence)).scalars())


def as_role(services, role: Role):
    context = dataclasses.replace(services.context, role=role)
    return PayrollService(context), InsuranceService(context)


def grid(services, month=NOV) -> dict[str, DutyGridRow]:
    return {row.member_id: row for row in services.payroll.duty_grid(month)}


def member_with(services, position: Position, month=NOV) -> DutyGridRow:
    return next(row for row in services.payroll.duty_grid(month) if row.position is position)


# --------------------------------------------------------------------------- runs


def test_draft_pays_every_member_active_in_the_month(demo):
    run = demo.payroll.draft(NOV)
    assert (run.kind, run.state) == (RunKind.REGULAR, RunState.DRAFT)
    assert len(run.lines) == len(grid(demo)) == 27
    for line in run.lines:
        assert (line.days, line.support_dong) == (30, RATES[line.position])
    assert run.total_dong == sum(line.total_dong for line in run.lines)
    bhxh = [line for line in run.lines if line.bhxh_support_dong]
    assert bhxh and all(line.bhxh_support_dong == 165_000 for line in bhxh)
    assert "payroll.drafted" in actions(demo)


def leaver_of(services):
    return next(r for r in services.members.list_rows() if r.status.value == "left")


def test_the_leaver_is_paid_to_the_day_they_left_and_not_after(demo):
    leaver = leaver_of(demo).id
    september = {line.member_id: line for line in demo.payroll.preview("2025-09").lines}
    october = {line.member_id for line in demo.payroll.preview("2025-10").lines}
    assert september[leaver].days == 30       # left on 30/09/2025
    assert leaver not in october
    assert len(september) == len(october) + 1


def test_a_new_draft_replaces_the_old_one(demo):
    first = demo.payroll.draft(NOV)
    member = member_with(demo, Position.MEMBER)
    demo.payroll.save_duty(NOV, {member.member_id: DutyCounts(nights=3)})
    second = demo.payroll.draft(NOV)
    assert second.id == first.id
    assert any("không quy định mức bồi dưỡng" in w for w in second.details["warnings"])   # Bình Định pays no nights
    assert [r.id for r in demo.payroll.months()] == [first.id]


def test_a_locked_run_never_changes_through_any_service(demo):
    demo.payroll.draft(NOV)
    locked = demo.payroll.lock(NOV)
    assert locked.state is RunState.LOCKED and locked.locked_at is not None
    assert "payroll.locked" in actions(demo)
    with pytest.raises(PayrollRunLocked):
        demo.payroll.draft(NOV)
    with pytest.raises(NoDraftToLock):
        demo.payroll.lock(NOV)
    with pytest.raises(NoDraftToLock):
        demo.payroll.discard_draft(NOV)
    member = member_with(demo, Position.LEADER)
    demo.payroll.save_duty(NOV, {member.member_id: DutyCounts(nights=5)})     # inputs may change…
    stored = next(s for s in demo.policies.list() if s.policy.id == "binh-dinh-03-2024")
    data = policy_to_dict(stored.policy)
    data["monthly_support"]["amount_dong"]["to_truong"] = 2_000_000
    demo.policies.save_version(data, policy_id=stored.id)
    with demo.context.new_uow() as uow:                                       # …and the store refuses too
        with pytest.raises(PayrollRunLocked):
            uow.payroll.replace_draft(locked.id, [], policy_version_id=None, details={})
        with pytest.raises(PayrollRunLocked):
            uow.payroll.delete_draft(locked.id)
        with pytest.raises(PayrollRunLocked):
            uow.payroll.lock(locked.id)
    assert demo.payroll.run(locked.id) == locked                              # …but the run is as locked


def test_discarding_a_draft(demo):
    demo.payroll.draft(NOV)
    demo.payroll.discard_draft(NOV)
    assert demo.payroll.month_runs(NOV).regular is None
    assert "payroll.draft_discarded" in actions(demo)


def test_supplementary_run_shows_truy_thu_and_truy_linh(demo):
    with pytest.raises(NoLockedRun):
        demo.payroll.supplementary(NOV)
    demo.payroll.draft(NOV)
    regular = demo.payroll.lock(NOV)
    with pytest.raises(NoPayrollDifference):
        demo.payroll.supplementary(NOV)
    # A member turns out to have left on 20/11: truy thu of 10 days.
    leaver = member_with(demo, Position.MEMBER)
    demo.assignments.end(leaver.member_id, date(2026, 11, 20))
    supplementary = demo.payroll.supplementary(NOV)
    (line,) = supplementary.lines
    expected = prorate(1_080_000, 20, 30) - 1_080_000
    assert (line.member_id, line.support_dong, line.total_dong) == (leaver.member_id, expected, expected)
    assert line.previous_total_dong == next(l.total_dong for l in regular.lines if l.member_id == leaver.member_id)
    assert supplementary.corrects_run_id == regular.id
    demo.payroll.lock(NOV)
    with pytest.raises(NoPayrollDifference):
        demo.payroll.supplementary(NOV)
    # The province raises the Tổ trưởng level afterwards: truy lĩnh for every leader.
    stored = next(s for s in demo.policies.list() if s.policy.id == "binh-dinh-03-2024")
    data = policy_to_dict(stored.policy)
    data["monthly_support"]["amount_dong"]["to_truong"] = 1_500_000
    demo.policies.save_version(data, policy_id=stored.id)
    second = demo.payroll.supplementary(NOV)
    leaders = [l for l in regular.lines if l.position is Position.LEADER]
    assert {l.support_dong for l in second.lines} == {60_000}
    assert second.total_dong == 60_000 * len(leaders)
    runs = demo.payroll.month_runs(NOV)
    assert [r.state for r in runs.supplementaries] == [RunState.LOCKED, RunState.DRAFT]
    assert demo.payroll.run(regular.id) == regular


@pytest.mark.parametrize("role, allowed", [(Role.VIEWER, False), (Role.DATA_ENTRY, True)])
def test_drafting_needs_the_payroll_permission(demo, role, allowed):
    payroll, _ = as_role(demo, role)
    if allowed:
        payroll.draft(NOV)
    else:
        with pytest.raises(PermissionDenied):
            payroll.draft(NOV)
        with pytest.raises(PermissionDenied):
            payroll.save_duty(NOV, {})


def test_only_a_role_with_the_lock_permission_locks(demo):
    demo.payroll.draft(NOV)
    payroll, _ = as_role(demo, Role.DATA_ENTRY)
    with pytest.raises(PermissionDenied):
        payroll.lock(NOV)
    assert demo.payroll.month_runs(NOV).regular.state is RunState.DRAFT


# --------------------------------------------------------------------------- policy editing


def coefficient_version(services) -> dict:
    stored = next(s for s in services.policies.list() if s.policy.id == "binh-dinh-03-2024")
    data = policy_to_dict(stored.policy)
    data["id"] = "binh-dinh-he-so"
    data["monthly_support"].update(mode="coefficient_of_base_salary", amount_dong=None,
                                   coefficient={"to_truong": "0.8", "to_pho": "0.7", "to_vien": "0.6"})
    return data


def test_the_unconfirmed_2026_base_salary_is_surfaced_and_confirmed_in_the_policy_settings(demo):
    chosen = demo.policies.save_version(coefficient_version(demo))
    demo.policies.choose_for_unit(chosen.id)
    with pytest.raises(BaseSalaryUnconfirmed) as refused:
        demo.payroll.draft(NOV)
    assert "2.530.000" in describe(refused.value)
    assert "Lương cơ sở" in fix_hint(refused.value) and "01/07/2026" in fix_hint(refused.value)
    assert "confirm 2026-07-01" in fix_hint(refused.value, command_line=True)
    assert demo.payroll.month_runs(NOV).regular is None                     # nothing was written
    june = demo.payroll.draft("2026-06")
    assert {l.rate_dong for l in june.lines if l.position is Position.LEADER} == {1_872_000}   # 0,8 × 2.340.000
    demo.policies.confirm_base_salary(date(2026, 7, 1), legal_basis="Nghị định 161/2026/NĐ-CP")
    november = demo.payroll.draft(NOV)
    assert {l.rate_dong for l in november.lines if l.position is Position.LEADER} == {2_024_000}
    assert november.details["base_salary_dong"] == 2_530_000
    assert "base_salary.updated" in actions(demo)


def test_a_policy_edit_is_validated_and_a_refused_one_changes_nothing(demo):
    before = demo.policies.list()
    data = coefficient_version(demo)
    data["monthly_support"]["coefficient"]["to_vien"] = "sáu phần mười"
    with pytest.raises(InvalidPolicyField) as refused:
        demo.policies.save_version(data)
    assert refused.value.path == "monthly_support.coefficient.to_vien"
    data = coefficient_version(demo)
    data["effective_to"] = "2020-01-01"
    with pytest.raises(InvalidPolicyField):
        demo.policies.save_version(data)
    data = coefficient_version(demo)
    data["id"] = "binh-dinh-03-2024"
    with pytest.raises(DuplicatePolicyId):
        demo.policies.save_version(data)
    assert [s.policy for s in demo.policies.list()] == [s.policy for s in before]


def test_editing_a_version_keeps_its_row_and_is_audited(demo):
    stored = next(s for s in demo.policies.list() if s.policy.id == "ha-noi-2024")
    data = policy_to_dict(stored.policy)
    data["effective_from"] = "2024-07-01"
    data["resolution_number"] = "99/2024/NQ-HĐND"
    saved = demo.policies.save_version(data, policy_id=stored.id)
    assert (saved.id, saved.origin, saved.policy.effective_from) == (stored.id, "user", date(2024, 7, 1))
    again = next(s for s in demo.policies.list() if s.id == stored.id)
    assert again.policy.resolution_number == "99/2024/NQ-HĐND"
    assert "policy.updated" in actions(demo)


def test_policy_settings_need_the_settings_permission(demo):
    from antt_desktop.services.policies import PolicyService

    viewer = PolicyService(dataclasses.replace(demo.context, role=Role.DATA_ENTRY))
    with pytest.raises(PermissionDenied):
        viewer.save_version(coefficient_version(demo))
    with pytest.raises(PermissionDenied):
        viewer.confirm_base_salary(date(2026, 7, 1))
    with pytest.raises(PermissionDenied):
        viewer.choose_for_unit(demo.policies.list()[0].id)


def test_the_base_salary_table_is_validated_whole(demo):
    table = demo.policies.base_salary_table()
    duplicate = table + [BaseSalaryEntry(2_600_000, table[-1].effective_from)]
    with pytest.raises(InvalidPolicyField):
        demo.policies.save_base_salary_table(duplicate)
    with pytest.raises(InvalidPolicyField):
        demo.policies.save_base_salary_table([BaseSalaryEntry(-1, date(2030, 1, 1))])
    assert demo.policies.base_salary_table() == table
    added = demo.policies.save_base_salary_table(table + [BaseSalaryEntry(2_700_000, date(2027, 7, 1), "NĐ mới")])
    assert added[-1].amount_dong == 2_700_000 and len(demo.policies.base_salary_table()) == len(table) + 1


def test_payroll_options_for_a_range_province(demo):
    data = coefficient_version(demo)
    data["id"] = "khung"
    data["monthly_support"].update(mode="range", coefficient=None, range_dong={"min": 1_000_000, "max": 2_000_000})
    demo.policies.choose_for_unit(demo.policies.save_version(data).id)
    from antt_desktop.domain.policies import ChosenAmountRequired

    with pytest.raises(ChosenAmountRequired):
        demo.payroll.draft(NOV)
    demo.policies.set_payroll_options(is_special_area=False, chosen_support_dong=1_500_000)
    run = demo.payroll.draft(NOV)
    assert {l.rate_dong for l in run.lines} == {1_500_000}


# --------------------------------------------------------------------------- duty log


def test_duty_counts_are_saved_validated_and_audited(demo):
    member = member_with(demo, Position.DEPUTY)
    assert demo.payroll.save_duty(NOV, {member.member_id: DutyCounts(nights=4, holidays=1)}) == 1
    assert grid(demo)[member.member_id].counts == DutyCounts(nights=4, holidays=1)
    assert demo.payroll.save_duty(NOV, {member.member_id: DutyCounts(nights=4, holidays=1)}) == 0
    assert "duty.updated" in actions(demo)
    with pytest.raises(InvalidDutyCount):
        demo.payroll.save_duty(NOV, {member.member_id: DutyCounts(nights=31)})
    leaver = leaver_of(demo).id
    with pytest.raises(MemberNotActiveInMonth):
        demo.payroll.save_duty(NOV, {leaver: DutyCounts(nights=1)})
    assert grid(demo)[member.member_id].counts == DutyCounts(nights=4, holidays=1)


def test_the_duty_template_round_trips_through_excel(demo, tmp_path):
    path = demo.payroll.write_duty_template(NOV, tmp_path / "so-truc.xlsx")
    from openpyxl import load_workbook

    workbook = load_workbook(path)
    ws = workbook.active
    ws["E6"], ws["G7"] = 3, 2            # nights of the first member, holidays of the second
    workbook.save(path)
    result = demo.payroll.import_duty_log(path, NOV)
    assert result.applied and not result.problems and len(result.records) == 2
    rows = demo.payroll.duty_grid(NOV)
    assert (rows[0].counts.nights, rows[1].counts.holidays) == (3, 2)


def _sheet(tmp_path: Path, rows: list[list], *, title: str | None = "SỔ TRỰC THÁNG 11/2026",
           name: str = "so-truc.xlsx") -> Path:
    workbook = Workbook()
    ws = workbook.active
    ws.title = "Sổ trực"
    if title:
        ws.append([title])
        ws.append([])
    ws.append(["STT", "Họ và tên", "Tổ", *[DUTY_FIELD_LABELS[f] for f in DUTY_FIELDS]])
    for row in rows:
        ws.append(row)
    path = tmp_path / name
    workbook.save(path)
    return path


def _bad_workbook(kind: str, tmp_path: Path, names: list[str], leaver: str) -> tuple[Path, DutyProblemReason, int, str]:
    """A workbook with one kind of fault: (path, reason, row, column letter)."""
    a, b = names[0], names[1]
    if kind == "not_excel":
        path = tmp_path / "so-truc.xlsx"
        path.write_text("không phải Excel", encoding="utf-8")
        return path, DutyProblemReason.UNREADABLE_FILE, 0, ""
    if kind == "old_xls":
        path = tmp_path / "so-truc.xls"
        path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
        return path, DutyProblemReason.OLD_XLS_FORMAT, 0, ""
    if kind == "no_header":
        workbook = Workbook()
        workbook.active.append(["Danh sách", "gì đó"])
        workbook.active.append([1, 2, 3])
        path = tmp_path / "so-truc.xlsx"
        workbook.save(path)
        return path, DutyProblemReason.NO_HEADER, 0, ""
    rows = {
        "text": ([[1, a, "", "ba"]], DutyProblemReason.NOT_A_WHOLE_NUMBER, 4, "D"),
        "decimal": ([[1, a, "", 2.5]], DutyProblemReason.NOT_A_WHOLE_NUMBER, 4, "D"),
        "negative": ([[1, a, "", None, -1]], DutyProblemReason.NEGATIVE, 4, "E"),
        "too_many": ([[1, a, "", None, None, 40]], DutyProblemReason.TOO_MANY, 4, "F"),
        "no_name": ([[1, a, "", 2], [2, None, "", 1]], DutyProblemReason.NAME_MISSING, 5, "B"),
        "unknown": ([[1, a, "", 2], [2, "Nguyễn Văn Không Có", "", 1]], DutyProblemReason.UNKNOWN_MEMBER, 5, ""),
        "not_active": ([[1, leaver, "", 2]], DutyProblemReason.NOT_ACTIVE, 4, ""),
        "duplicate": ([[1, a, "", 2], [2, b, "", 1], [3, a, "", 4]], DutyProblemReason.DUPLICATE_MEMBER, 6, ""),
        "empty": ([], DutyProblemReason.NO_ROWS, 3, ""),
    }
    if kind == "wrong_month":
        return _sheet(tmp_path, [[1, a, "", 2]], title="SỔ TRỰC THÁNG 10/2026"), \
            DutyProblemReason.MONTH_MISMATCH, 1, ""
    data, reason, row, column = rows[kind]
    return _sheet(tmp_path, data), reason, row, column


@pytest.mark.parametrize("kind", ["not_excel", "old_xls", "no_header", "text", "decimal", "negative", "too_many",
                                  "no_name", "unknown", "not_active", "duplicate", "empty", "wrong_month"])
def test_a_bad_duty_workbook_changes_nothing(demo, tmp_path, kind):
    names = [row.full_name for row in demo.payroll.duty_grid(NOV)]
    path, reason, row, column = _bad_workbook(kind, tmp_path, names, leaver_of(demo).full_name)
    before = demo.payroll.duty_grid(NOV)
    audit_before = actions(demo)
    result = demo.payroll.import_duty_log(path, NOV)
    assert not result.applied
    problem = next(p for p in result.problems if p.reason is reason)
    assert (problem.row, problem.column) == (row, column)
    assert describe_duty_problem(problem)
    assert demo.payroll.duty_grid(NOV) == before
    assert actions(demo) == audit_before


def test_names_that_repeat_are_told_apart_by_team_or_refused():
    from antt_desktop.domain.payroll import Month

    same = [DutyGridRow("m1", "Nguyễn Văn An", "Tổ bảo vệ ANTT Thôn 1", "Thôn 1", Position.MEMBER, 30, DutyCounts()),
            DutyGridRow("m2", "Nguyễn Văn An", "Tổ bảo vệ ANTT Thôn 2", "Thôn 2", Position.MEMBER, 30, DutyCounts())]
    records = [DutyLogRecord("S", 4, "", "Nguyễn Văn An", "Thôn 2", DutyCounts(nights=1)),
               DutyLogRecord("S", 5, "", "nguyen van an", "", DutyCounts(nights=2))]
    matched, problems = _match(records, same, {}, Month(2026, 11))
    assert matched == [("m2", DutyCounts(nights=1))]
    assert [(p.row, p.reason) for p in problems] == [(5, DutyProblemReason.AMBIGUOUS_MEMBER)]


# --------------------------------------------------------------------------- insurance


def test_insurance_is_saved_validated_and_feeds_the_alerts(demo):
    alerts = {a.member_id: a for a in demo.insurance.due()}
    member_id = next(iter(a for a in alerts.values() if a.kind.value == "no_bhyt")).member_id
    with pytest.raises(InvalidBhytCardNumber):
        demo.insurance.save(member_id, InsuranceDraft(bhyt_coverage=BhytCoverage.BUDGET_SUPPORTED,
                                                      bhyt_card_number="123"))
    assert demo.insurance.get(member_id) is None or demo.insurance.get(member_id).bhyt_card_number == ""
    saved = demo.insurance.save(member_id, InsuranceDraft(
        bhyt_coverage=BhytCoverage.COVERED_ELSEWHERE, bhyt_card_number="gd4647912345678",
        bhyt_valid_from=date(2026, 1, 1), bhyt_valid_to=date(2026, 12, 10)))
    assert saved.bhyt_card_number == "GD4647912345678"
    alert = {a.member_id: a for a in demo.insurance.due()}[member_id]
    assert (alert.kind.value, alert.days_left) == ("expiring", 18)
    assert "insurance.updated" in actions(demo)


def test_budget_supported_bhyt_with_an_unknown_rule_stops_the_payroll_with_a_hint(demo):
    member = member_with(demo, Position.MEMBER)
    demo.insurance.save(member.member_id, InsuranceDraft(bhyt_coverage=BhytCoverage.BUDGET_SUPPORTED))
    from antt_desktop.domain.policies import PolicyValueUnconfirmed

    with pytest.raises(PolicyValueUnconfirmed) as refused:
        demo.payroll.draft(NOV)
    assert "BHYT" in describe(refused.value) and "03/2024/NQ-HĐND" in describe(refused.value)
    assert fix_hint(refused.value)


def test_office_lists_and_their_workbook(demo, tmp_path):
    lists = demo.insurance.office_lists(NOV)
    assert all(row.action in ("Cấp mới", "Gia hạn") for row in lists.bhyt)
    assert lists.bhxh and all(row.province_support_dong == 165_000 and row.contribution_dong == 330_000
                              for row in lists.bhxh)
    assert all(row.state_support_dong == 66_000 for row in lists.bhxh)      # 20 % × 330.000 (other group)
    path = demo.insurance.export_office_xlsx(tmp_path / "bhxh.xlsx", NOV)
    assert path.exists()
    _, viewer = as_role(demo, Role.VIEWER)
    with pytest.raises(PermissionDenied):
        viewer.export_office_xlsx(tmp_path / "khong.xlsx", NOV)


# --------------------------------------------------------------------------- documents and budget


def test_the_run_exports_to_excel_and_pdf(demo, tmp_path):
    run = demo.payroll.draft(NOV)
    xlsx = demo.payroll.export_xlsx(run.id, tmp_path / "bang.xlsx")
    pdf = demo.payroll.export_pdf(run.id, tmp_path / "bang.pdf")
    from openpyxl import load_workbook

    ws = load_workbook(xlsx).active
    texts = [c for row in ws.iter_rows(values_only=True) for c in row if isinstance(c, str)]
    assert "BẢN NHÁP — chưa khóa, không dùng để chi trả" in texts
    assert any(t.startswith("(Căn cứ Nghị quyết số 03/2024/NQ-HĐND ngày 12/06/2024 của HĐND tỉnh Bình Định")
               for t in texts)
    assert pdf.read_bytes().startswith(b"%PDF")


def test_budget_for_next_year_from_the_roster(demo, tmp_path):
    run = demo.payroll.draft(NOV)
    estimate = demo.payroll.budget(2027)
    monthly_support = sum(RATES[l.position] for l in run.lines)
    monthly_bhxh = sum(l.bhxh_support_dong for l in run.lines)
    assert estimate.total_dong == 12 * (monthly_support + monthly_bhxh)
    path = demo.payroll.export_budget_xlsx(2027, tmp_path / "du-toan.xlsx")
    from openpyxl import load_workbook

    values = [c for row in load_workbook(path, data_only=True).active.iter_rows(values_only=True) for c in row]
    assert estimate.total_dong in values
