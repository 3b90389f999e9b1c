"""QA finding 18: a supplementary payroll names the decision that caused the truy thu / truy lĩnh."""

from __future__ import annotations

from datetime import date, timedelta

import openpyxl
from pypdf import PdfReader

from antt_desktop.domain.decisions import DecisionDraft, DecisionKind, DecisionLine, TerminationGround
from antt_desktop.domain.people import Position

OCT = "2026-10"


def test_the_supplementary_sheet_names_the_retroactive_decision(demo, clock, tmp_path):
    regular = demo.payroll.draft(OCT)
    demo.payroll.lock(OCT)
    leaver = next(row for row in demo.payroll.duty_grid(OCT) if row.position is Position.MEMBER)
    clock.now += timedelta(hours=1)
    draft = DecisionDraft(DecisionKind.TERMINATE, lines=(DecisionLine(leaver.member_id),),
                          termination_ground=TerminationGround.APPLICATION, signed_on=date(2026, 10, 16))
    decision = demo.decisions.issue(demo.decisions.create_draft(draft).id)
    clock.now += timedelta(hours=1)
    supplementary = demo.payroll.supplementary(OCT)
    assert [line.member_id for line in supplementary.lines] == [leaver.member_id]
    reason = f"Truy lĩnh, truy thu theo Quyết định số {decision.number} ngày 16/10/2026"
    pdf = demo.payroll.export_pdf(supplementary.id, tmp_path / "truy-thu.pdf")
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(pdf).pages)
    assert reason in text
    xlsx = demo.payroll.export_xlsx(supplementary.id, tmp_path / "truy-thu.xlsx")
    cells = [c for row in openpyxl.load_workbook(xlsx).active.iter_rows(values_only=True) for c in row if c]
    assert f"({reason})" in cells
    # The regular sheet, and decisions the locked month already reflected, are not named.
    regular_pdf = demo.payroll.export_pdf(regular.id, tmp_path / "thang.pdf")
    assert "Truy lĩnh, truy thu theo" not in " ".join(p.extract_text() for p in PdfReader(regular_pdf).pages)


def test_the_reason_lists_each_decision_with_its_date_and_effect():
    from types import SimpleNamespace

    from antt_desktop.services.payroll import supplementary_reason

    assert supplementary_reason([]) == ""
    first = SimpleNamespace(number="01/QĐ-UBND", signed_on=date(2026, 11, 20), effective_on=date(2026, 11, 20))
    second = SimpleNamespace(number="02/QĐ-UBND", signed_on=date(2026, 11, 25), effective_on=date(2026, 12, 1))
    assert supplementary_reason([first, second]) == (
        "Truy lĩnh, truy thu theo Quyết định số 01/QĐ-UBND ngày 20/11/2026; "
        "Quyết định số 02/QĐ-UBND ngày 25/11/2026 (hiệu lực từ 01/12/2026)")
