"""Payroll for 10,000 members (issue #5): computed, and written to Excel.

The members are the province aggregate of `antt demo --communes 40 --members 10000` (cached by
bench/common.py), paid under TP HCM's NQ 54/2025 (fixed amounts, nights capped at 10, BHXH
support on the monthly support), with a duty log for a third of them. Reports:
- compute: `compute_payroll` on inputs already read, against a bare loop that prorates the same
  assignments with integer arithmetic (the floor of any payroll code);
- load + compute: reading the inputs through the unit of work, then computing;
- Excel: `write_payroll_xlsx` (styles, team groups, subtotals, signatures), against raw openpyxl
  write-only output of the same 10,000 × 11 values without any styling.
Budgets (DESIGN §7): computed ≤ 1 s, written to Excel ≤ 3 s.
"""

from __future__ import annotations

import random
import shutil
import tempfile
import time
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

from common import aggregate_database, emit, result, time_ms

MEMBERS, COMMUNES = 10_000, 40
COMPUTE_BUDGET_MS, EXCEL_BUDGET_MS = 1000.0, 3000.0
MONTH = "2026-06"


def load_inputs(path: Path):
    from antt_desktop.domain.payroll import DutyCounts, Month
    from antt_desktop.reference.policies import load_shipped_policies
    from antt_desktop.services.payroll import PayrollService
    from antt_desktop.wiring import open_services

    services = open_services(path, actor="bench", clock=lambda: datetime(2026, 11, 22, 9, 0))
    policy = next(p for p in load_shipped_policies() if p.id == "tp-ho-chi-minh-54-2025")
    policy = replace(policy, effective_from=date(2025, 1, 1))
    month = Month.parse(MONTH)
    service = PayrollService(services.context)

    def read():
        with services.context.new_uow() as uow:
            unit = uow.units.own()
            codes = [u.code for u in uow.units.all() if u.code != unit.code]
            return service.inputs(uow, month, unit, policy, unit_codes=codes)

    inputs = read()
    rng = random.Random(5)
    duty = {member_id: DutyCounts(nights=rng.randint(0, 14), holidays=rng.randint(0, 2))
            for member_id in list(inputs.people)[::3]}
    return services, replace(inputs, duty=duty), read


def bare_proration(inputs) -> int:
    """The same days × rate ÷ days of month with nothing else: no rules, no lines, no order."""
    first, last, days = inputs.month.first, inputs.month.last, inputs.month.days
    rates = {"to_truong": 6_500_000, "to_pho": 6_300_000, "to_vien": 6_000_000}
    total = 0
    for a in inputs.assignments:
        start = max(a.started_on, first)
        end = min(a.ended_on or last, last)
        if start <= end:
            total += rates[a.position.value] * ((end - start).days + 1) // days
    return total


def raw_openpyxl(lines, out: Path) -> None:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    ws = workbook.create_sheet("raw")
    for number, line in enumerate(lines, start=1):
        ws.append([number, line.full_name, line.position.value, line.hamlet_name, line.rate_dong, line.days,
                   line.support_dong, line.duty_dong, line.insurance_dong, line.total_dong, None])
    workbook.save(out)


def main() -> None:
    from antt_desktop.documents.payroll_sheet import PayrollSheet, SheetHeader
    from antt_desktop.documents.payroll_xlsx import write_payroll_xlsx
    from antt_desktop.domain.payroll import RunKind, compute_payroll

    source = aggregate_database(members=MEMBERS, communes=COMMUNES)
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        path = folder / "aggregate.sqlite"
        shutil.copy(source, path)                   # the cached file stays as built
        services, inputs, read = load_inputs(path)
        try:
            computed = compute_payroll(inputs)
            lines = computed.lines
            compute = time_ms(lambda: compute_payroll(inputs), repeat=5)
            bare = time_ms(lambda: bare_proration(inputs), repeat=5)
            load_compute = time_ms(lambda: compute_payroll(replace(read(), duty=inputs.duty)), repeat=3)
            header = SheetHeader("ỦY BAN NHÂN DÂN TỈNH GIA LAI", "CÔNG AN TỈNH GIA LAI", "Pleiku",
                                 date(2026, 11, 22), basis="Căn cứ Nghị quyết số 54/2025/NQ-HĐND")
            sheet = PayrollSheet(header, "06/2026", RunKind.REGULAR, lines)
            excel = time_ms(lambda: write_payroll_xlsx(sheet, folder / "bang.xlsx"), repeat=3)
            raw = time_ms(lambda: raw_openpyxl(lines, folder / "raw.xlsx"), repeat=3)
            size = (folder / "bang.xlsx").stat().st_size
        finally:
            services.close()
    extra = {"members": len(inputs.people), "lines": len(lines), "total_dong": computed.total_dong,
             "capped_warnings": len(computed.warnings)}
    emit("payroll", [
        result("payroll.compute_10000", compute, "bare proration loop", bare, COMPUTE_BUDGET_MS, **extra),
        result("payroll.load_and_compute_10000", load_compute, "compute only", compute, None),
        result("payroll.excel_10000", excel, "raw openpyxl write-only", raw, EXCEL_BUDGET_MS, bytes=size),
    ])


if __name__ == "__main__":
    started = time.perf_counter()
    main()
