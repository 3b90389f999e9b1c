"""`antt policies …`, `antt payroll …`, `antt insurance …` (issue #5).

Contract kept from the issue:
- `antt policies list [--json]`;
- `antt payroll run YYYY-MM [--lock] [--xlsx F] [--json]`, the JSON an object with `month`,
  `state` ("draft" or "locked"), `total` and `lines`, each line with `member_id`, `full_name`,
  `position`, `days`, `support`, `duty`, `insurance_support` and `total`, amounts in whole đồng;
- `antt insurance due [--json]`.
A month already locked is shown as it was locked and never recomputed (exit 0); corrections go
through `antt payroll supplementary YYYY-MM`. A payroll that cannot be computed (unconfirmed
lương cơ sở, a figure missing from the resolution…) prints why and how to fix it, and exits 1.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

from antt_desktop.domain.dates import format_vn_date
from antt_desktop.domain.errors import DomainError
from antt_desktop.domain.insurance import ALERT_LABELS, BHYT_COVERAGE_LABELS
from antt_desktop.domain.money import amount_in_words, format_amount
from antt_desktop.domain.payroll import (
    RUN_KIND_LABELS,
    RUN_STATE_LABELS,
    Month,
    PayrollRun,
    RunState,
    team_totals,
)
from antt_desktop.domain.people import POSITION_LABELS
from antt_desktop.messages import describe

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def register(commands, common) -> None:
    policies = commands.add_parser("policies", parents=[common], help="chính sách (nghị quyết) của tỉnh")
    policy_commands = policies.add_subparsers(dest="policies_command", metavar="LỆNH")
    listing = policy_commands.add_parser("list", parents=[common], help="các nghị quyết áp dụng được cho đơn vị")
    listing.add_argument("--all", action="store_true", help="mọi nghị quyết đã có, không chỉ của tỉnh đơn vị")
    listing.set_defaults(handler=_policies_list)
    choose = policy_commands.add_parser("choose", parents=[common], help="chọn nghị quyết đơn vị áp dụng")
    choose.add_argument("policy", metavar="MÃ", help="mã nghị quyết (cột «Mã» của «antt policies list»)")
    choose.set_defaults(handler=_policies_choose)
    base = policy_commands.add_parser("base-salary", parents=[common], help="bảng lương cơ sở")
    base.add_argument("action", nargs="?", choices=["list", "confirm"], default="list",
                      help="list: xem bảng; confirm NGÀY: xác nhận mức áp dụng từ NGÀY")
    base.add_argument("day", nargs="?", metavar="NGÀY", help="ngày bắt đầu áp dụng, dạng 2026-07-01")
    base.add_argument("--legal-basis", metavar="VĂN_BẢN", default=None, help="căn cứ (số nghị định) khi xác nhận")
    base.set_defaults(handler=_base_salary)
    policies.set_defaults(handler=_missing(policies))

    payroll = commands.add_parser("payroll", parents=[common], help="bảng thanh toán hỗ trợ hằng tháng")
    payroll_commands = payroll.add_subparsers(dest="payroll_command", metavar="LỆNH")
    run = payroll_commands.add_parser("run", parents=[common], help="lập (và khóa) bảng thanh toán của tháng")
    run.add_argument("month", metavar="YYYY-MM", help="tháng, ví dụ 2026-11")
    run.add_argument("--lock", action="store_true", help="khóa bảng sau khi lập (không sửa được nữa)")
    run.add_argument("--xlsx", metavar="TỆP", help="ghi bảng thanh toán ra tệp Excel")
    run.add_argument("--pdf", metavar="TỆP", help="ghi bảng thanh toán ra tệp PDF")
    run.set_defaults(handler=_payroll_run)
    supplementary = payroll_commands.add_parser(
        "supplementary", parents=[common], help="lập bảng truy lĩnh/truy thu cho tháng đã khóa")
    supplementary.add_argument("month", metavar="YYYY-MM")
    supplementary.add_argument("--lock", action="store_true", help="khóa bảng truy lĩnh/truy thu sau khi lập")
    supplementary.add_argument("--xlsx", metavar="TỆP")
    supplementary.add_argument("--pdf", metavar="TỆP")
    supplementary.set_defaults(handler=_payroll_supplementary)
    duty = payroll_commands.add_parser("duty", parents=[common], help="sổ trực của tháng (bồi dưỡng)")
    duty.add_argument("month", metavar="YYYY-MM")
    group = duty.add_mutually_exclusive_group(required=True)
    group.add_argument("--template", metavar="TỆP", help="ghi mẫu Excel sổ trực của tháng để điền")
    group.add_argument("--import", dest="import_file", metavar="TỆP", help="nhập sổ trực từ tệp Excel")
    duty.set_defaults(handler=_payroll_duty)
    budget = payroll_commands.add_parser("budget", parents=[common], help="dự toán kinh phí năm sau")
    budget.add_argument("year", type=int, nargs="?", metavar="NĂM", help="năm dự toán (mặc định: năm sau)")
    budget.add_argument("--xlsx", metavar="TỆP", help="ghi dự toán ra tệp Excel")
    budget.set_defaults(handler=_payroll_budget)
    payroll.set_defaults(handler=_missing(payroll))

    insurance = commands.add_parser("insurance", parents=[common], help="BHYT, BHXH tự nguyện")
    insurance_commands = insurance.add_subparsers(dest="insurance_command", metavar="LỆNH")
    due = insurance_commands.add_parser("due", parents=[common],
                                        help="thẻ BHYT hết hạn, sắp hết hạn (30 ngày) và thành viên chưa có BHYT")
    due.add_argument("--days", type=int, default=30, metavar="N", help="báo trước N ngày (mặc định 30)")
    due.set_defaults(handler=_insurance_due)
    office = insurance_commands.add_parser("list", parents=[common],
                                           help="danh sách gửi cơ quan BHXH (cấp mới, gia hạn, BHXH tự nguyện)")
    office.add_argument("--xlsx", metavar="TỆP", required=True, help="tệp Excel để ghi")
    office.add_argument("--month", metavar="YYYY-MM", help="tháng tính mức hỗ trợ (mặc định: tháng này)")
    office.set_defaults(handler=_insurance_list)
    insurance.set_defaults(handler=_missing(insurance))


def _missing(parser):
    def handler(services, args, as_json) -> int:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    return handler


def _print_json(value) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=2, default=str))


def _fail(error: DomainError) -> int:
    """The sentence, and where to put it right, on stderr; exit 1 (nothing was written)."""
    from antt_desktop.messages.payroll import fix_hint

    print(f"Lỗi: {describe(error)}", file=sys.stderr)
    hint = fix_hint(error, command_line=True)
    if hint:
        print(f"Cách khắc phục: {hint}", file=sys.stderr)
    return EXIT_FAILED


def _guarded(function):
    def handler(services, args, as_json) -> int:
        try:
            return function(services, args, as_json)
        except DomainError as error:
            return _fail(error)
    return handler


# ---- policies ---------------------------------------------------------------------------


def _policy_json(stored, chosen_id: str | None, today: date) -> dict:
    p = stored.policy
    support = p.monthly_support
    return {
        "id": stored.id, "key": p.id, "province_code": p.province_code, "province_name": p.province_name,
        "resolution_number": p.resolution_number, "issued_on": p.issued_on, "effective_from": p.effective_from,
        "effective_to": p.effective_to, "confirmed": p.confirmed, "origin": stored.origin,
        "support_mode": support.mode.value if support else None, "proration": p.proration.value,
        "in_force_today": p.is_in_force_on(today), "chosen": stored.id == chosen_id,
    }


@_guarded
def _policies_list(services, args, as_json: bool) -> int:
    unit = services.units.own_unit()
    today = services.context.today()
    chosen = unit.policy_version_id if unit else None
    if args.all or unit is None:
        stored = services.policies.list()
    else:
        stored = services.policies.candidates_for(unit.province_code)
    if as_json:
        _print_json([_policy_json(s, chosen, today) for s in stored])
        return EXIT_OK
    if not stored:
        print("Chưa có nghị quyết nào cho tỉnh của đơn vị (dùng --all để xem mọi tỉnh).")
        return EXIT_OK
    for s in stored:
        p = s.policy
        mark = "*" if s.id == chosen else " "
        number = p.resolution_number or "(chưa rõ số)"
        period = (f"từ {format_vn_date(p.effective_from)}" if p.effective_from else "chưa có ngày hiệu lực") + \
            (f" đến {format_vn_date(p.effective_to)}" if p.effective_to else "")
        print(f"{mark} {p.id:<26} {p.province_name:<16} {number:<22} {period}")
    if chosen:
        print("* là nghị quyết đơn vị đang áp dụng.")
    else:
        print("Đơn vị chưa chọn nghị quyết: dùng «antt policies choose MÃ».")
    return EXIT_OK


@_guarded
def _policies_choose(services, args, as_json: bool) -> int:
    stored = next((s for s in services.policies.list() if args.policy in (s.id, s.policy.id)), None)
    if stored is None:
        print(f"Lỗi: không có nghị quyết mã «{args.policy}» (xem «antt policies list --all»).", file=sys.stderr)
        return EXIT_FAILED
    chosen = services.policies.choose_for_unit(stored.id)
    if as_json:
        _print_json(_policy_json(chosen, chosen.id, services.context.today()))
    else:
        print(f"Đơn vị áp dụng: {chosen.policy.province_name} — {chosen.policy.resolution_number or chosen.policy.id}.")
    return EXIT_OK


@_guarded
def _base_salary(services, args, as_json: bool) -> int:
    if args.action == "confirm":
        if not args.day:
            print("Lỗi: cần ngày bắt đầu áp dụng, ví dụ «antt policies base-salary confirm 2026-07-01».",
                  file=sys.stderr)
            return EXIT_FAILED
        try:
            day = date.fromisoformat(args.day)
        except ValueError:
            print(f"Lỗi: «{args.day}» không phải ngày dạng năm-tháng-ngày (ví dụ 2026-07-01).", file=sys.stderr)
            return EXIT_FAILED
        services.policies.confirm_base_salary(day, legal_basis=args.legal_basis)
        if not as_json:
            print(f"Đã xác nhận mức lương cơ sở áp dụng từ ngày {format_vn_date(day)}.")
    table = services.policies.base_salary_table()
    if as_json:
        _print_json([{"amount_dong": e.amount_dong, "effective_from": e.effective_from,
                      "legal_basis": e.legal_basis, "confirmed": e.confirmed} for e in table])
        return EXIT_OK
    if args.action == "list":
        for e in table:
            state = "đã xác nhận" if e.confirmed else "CHƯA XÁC NHẬN"
            print(f"{format_vn_date(e.effective_from)}  {format_amount(e.amount_dong):>10} đ  {state:<14} {e.legal_basis}")
    return EXIT_OK


# ---- payroll ----------------------------------------------------------------------------


def run_json(run: PayrollRun) -> dict:
    """The contract of `antt payroll run --json` (issue #5): keep these keys."""
    return {
        "month": run.month, "state": run.state.value, "kind": run.kind.value, "total": run.total_dong,
        "locked_at": run.locked_at, "base_salary": run.details.get("base_salary_dong"),
        "warnings": list(run.details.get("warnings", [])),
        "lines": [{
            "member_id": line.member_id, "full_name": line.full_name, "position": line.position.value,
            "team": line.team_name, "hamlet": line.hamlet_name, "from": line.started_on, "to": line.ended_on,
            "days": line.days, "days_in_month": line.days_in_month, "rate": line.rate_dong,
            "support": line.support_dong, "duty": line.duty_dong, "insurance_support": line.insurance_dong,
            "bhxh_support": line.bhxh_support_dong, "bhyt_support": line.bhyt_support_dong,
            "total": line.total_dong,
            **({"previous_total": line.previous_total_dong} if line.previous_total_dong is not None else {}),
        } for line in run.lines],
    }


def _print_run(run: PayrollRun) -> None:
    month = Month.parse(run.month)
    print(f"{RUN_KIND_LABELS[run.kind]} tháng {month.label} — {RUN_STATE_LABELS[run.state].lower()}"
          + (f" lúc {run.locked_at:%H:%M %d/%m/%Y}" if run.locked_at else ""))
    number = 0
    for team in team_totals(run.lines):
        print(f"  {team.team_name}")
        for line in run.lines:
            if line.team_id != team.team_id:
                continue
            number += 1
            position = POSITION_LABELS[line.position]
            print(f"  {number:>4}. {line.full_name:<26} {position:<9} {line.days:>2} ngày "
                  f"{format_amount(line.support_dong):>11} {format_amount(line.duty_dong):>9} "
                  f"{format_amount(line.insurance_dong):>9} {format_amount(line.total_dong):>11}")
        print(f"        Cộng tổ: {team.totals.members} người, {format_amount(team.totals.total_dong)} đ")
    print(f"Tổng cộng: {format_amount(run.total_dong)} đ ({amount_in_words(abs(run.total_dong))}).")
    for warning in run.details.get("warnings", []):
        print(f"  Lưu ý: {warning}")


def _write_documents(services, run: PayrollRun, args) -> None:
    if getattr(args, "xlsx", None):
        path = services.payroll.export_xlsx(run.id, Path(args.xlsx))
        print(f"Đã ghi tệp Excel: {path}", file=sys.stderr if args.json_out else sys.stdout)
    if getattr(args, "pdf", None):
        path = services.payroll.export_pdf(run.id, Path(args.pdf))
        print(f"Đã ghi tệp PDF: {path}", file=sys.stderr if args.json_out else sys.stdout)


@_guarded
def _payroll_run(services, args, as_json: bool) -> int:
    month = Month.parse(args.month)
    args.json_out = as_json
    runs = services.payroll.month_runs(month)
    note = None
    if runs.is_locked:
        run = runs.regular
        note = (f"Bảng tháng {month.label} đã khóa, không lập lại. Thay đổi sau khi khóa: "
                f"«antt payroll supplementary {month.key}».")
    else:
        run = services.payroll.draft(month)
        if args.lock:
            run = services.payroll.lock(month)
    _write_documents(services, run, args)
    if as_json:
        _print_json(run_json(run))
        if note:
            print(note, file=sys.stderr)
        return EXIT_OK
    _print_run(run)
    if note:
        print(note)
    elif run.state is RunState.DRAFT:
        print(f"Bảng đang là bản nháp; kiểm tra xong thì khóa: «antt payroll run {month.key} --lock».")
    return EXIT_OK


@_guarded
def _payroll_supplementary(services, args, as_json: bool) -> int:
    month = Month.parse(args.month)
    args.json_out = as_json
    run = services.payroll.supplementary(month)
    if args.lock:
        run = services.payroll.lock(month)
    _write_documents(services, run, args)
    if as_json:
        _print_json(run_json(run))
    else:
        _print_run(run)
    return EXIT_OK


@_guarded
def _payroll_duty(services, args, as_json: bool) -> int:
    from antt_desktop.messages.payroll import describe_duty_problem

    month = Month.parse(args.month)
    if args.template:
        path = services.payroll.write_duty_template(month, Path(args.template))
        print(f"Đã ghi mẫu sổ trực tháng {month.label}: {path}")
        return EXIT_OK
    result = services.payroll.import_duty_log(Path(args.import_file), month)
    if as_json:
        _print_json({"applied": result.applied, "records": len(result.records),
                     "problems": [{"sheet": p.sheet, "row": p.row, "column": p.column, "reason": p.reason.value,
                                   "message": describe_duty_problem(p)} for p in result.problems]})
    elif result.applied:
        print(f"Đã nhập sổ trực tháng {month.label}: {len(result.records)} thành viên.")
    else:
        print(f"Không nhập gì: tệp có {len(result.problems)} lỗi cần sửa.", file=sys.stderr)
        for problem in result.problems:
            print(f"  {describe_duty_problem(problem)}", file=sys.stderr)
    return EXIT_OK if result.applied else EXIT_FAILED


@_guarded
def _payroll_budget(services, args, as_json: bool) -> int:
    year = args.year or services.context.today().year + 1
    estimate = services.payroll.budget(year)
    if args.xlsx:
        path = services.payroll.export_budget_xlsx(year, Path(args.xlsx))
        print(f"Đã ghi tệp Excel: {path}", file=sys.stderr if as_json else sys.stdout)
    if as_json:
        _print_json({"year": year, "total": estimate.total_dong, "rows": [
            {"label": r.label, "count": r.count, "monthly": r.monthly_dong, "months": r.months,
             "amount": r.amount_dong, "note": r.note} for r in estimate.rows]})
        return EXIT_OK
    print(f"Dự toán năm {year}:")
    for r in estimate.rows:
        monthly = format_amount(r.monthly_dong) if r.monthly_dong is not None else "—"
        print(f"  {r.label:<40} {r.count:>4} người × {monthly:>10} × {r.months} tháng = {format_amount(r.amount_dong):>13} đ")
    print(f"Tổng cộng: {format_amount(estimate.total_dong)} đ ({amount_in_words(estimate.total_dong)}).")
    return EXIT_OK


# ---- insurance --------------------------------------------------------------------------


@_guarded
def _insurance_due(services, args, as_json: bool) -> int:
    alerts = services.insurance.due(within_days=args.days)
    if as_json:
        _print_json([{
            "member_id": a.member_id, "full_name": a.full_name, "kind": a.kind.value, "coverage": a.coverage.value,
            "card_number": a.card_number or None, "valid_to": a.valid_to, "days_left": a.days_left,
            "team": a.team_name, "hamlet": a.hamlet_name,
        } for a in alerts])
        return EXIT_OK
    if not alerts:
        print("Không có thẻ BHYT nào hết hạn hay sắp hết hạn; mọi thành viên đều có BHYT.")
        return EXIT_OK
    for a in alerts:
        when = ""
        if a.valid_to:
            when = (f"hết hạn {format_vn_date(a.valid_to)}" if a.days_left is not None and a.days_left < 0
                    else f"hạn đến {format_vn_date(a.valid_to)} (còn {a.days_left} ngày)")
        print(f"  {a.full_name:<26} {a.hamlet_name:<16} {ALERT_LABELS[a.kind]:<30} {when} "
              f"[{BHYT_COVERAGE_LABELS[a.coverage]}]")
    print(f"Tổng cộng: {len(alerts)} thành viên cần xử lý BHYT.")
    return EXIT_OK


@_guarded
def _insurance_list(services, args, as_json: bool) -> int:
    path = services.insurance.export_office_xlsx(Path(args.xlsx), args.month)
    lists = services.insurance.office_lists(args.month)
    if as_json:
        _print_json({"path": str(path), "bhyt": len(lists.bhyt), "bhxh": len(lists.bhxh)})
    else:
        print(f"Đã ghi danh sách gửi cơ quan BHXH: {path} ({len(lists.bhyt)} thẻ BHYT cấp mới/gia hạn, "
              f"{len(lists.bhxh)} người tham gia BHXH tự nguyện).")
    return EXIT_OK
