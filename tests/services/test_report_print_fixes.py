"""The services behind the printed reports after the QA review of December 2026: the member
workbook counts members only unless asked (finding 11), the periodic report names the units it
goes to (finding 9), and the annual report made before 14/12 stops at its date (finding 12)."""

from __future__ import annotations

from datetime import date

from openpyxl import load_workbook
from pypdf import PdfReader

from antt_desktop.domain.bm1 import Bm1Period, annual_period
from antt_desktop.domain.reports import parse_period


def sheet_texts(path) -> list[str]:
    return [c for row in load_workbook(path).active.iter_rows(values_only=True) for c in row if isinstance(c, str)]


def listed_names(path) -> set[str]:
    sheet = load_workbook(path).active
    return {row[1] for row in sheet.iter_rows(values_only=True) if isinstance(row[0], int) and row[1]}


def test_the_member_workbook_lists_members_only_by_default(demo, tmp_path):
    rows = demo.members.list_rows()
    active = {r.full_name for r in rows if r.status.value == "active"}
    proposed = {r.full_name for r in rows if r.status.value == "proposed"}
    assert proposed, "the demo has people proposed for recognition"
    default = demo.reports.write_member_list_xlsx(tmp_path / "ds.xlsx")
    assert listed_names(default) == active                      # as the PDF list, the stats and BM1
    assert f"Tổng cộng: {len(active)} thành viên đang tham gia." in sheet_texts(default)
    assert len(active) == demo.reports.statistics().total

    asked = demo.reports.write_member_list_xlsx(tmp_path / "ds-de-nghi.xlsx", include_proposed=True)
    assert listed_names(asked) == active | proposed
    texts = sheet_texts(asked)
    assert (f"Tổng cộng: {len(active)} thành viên đang tham gia; {len(proposed)} người đề nghị công nhận "
            "(chưa là thành viên).") in texts
    assert any(t.startswith("(Tính đến ngày") and "kèm người đề nghị công nhận" in t for t in texts)


def test_the_periodic_report_goes_to_the_named_higher_unit_and_commune(demo, tmp_path):
    with demo.context.new_uow() as uow:
        unit = uow.units.own()
    path = demo.reports.write_periodic_pdf(parse_period("2026-Q3"), tmp_path / "q3.pdf")
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(path).pages)
    assert unit.higher_unit_name and f"{unit.higher_unit_name} (để báo cáo);" in text
    assert f"Ủy ban nhân dân {unit.name[0].lower()}{unit.name[1:]} (để báo cáo);" in text
    assert "Công an cấp trên" not in text


def test_an_annual_report_made_in_november_stops_at_its_date(demo):
    report = demo.bm1.annual(2026)                          # the demo's clock: 22/11/2026
    assert report.period == Bm1Period(date(2025, 12, 15), date(2026, 11, 22))
    assert report.planned_last == annual_period(2026).last and report.is_partial
    assert [m.period.first for m in report.months][0] == date(2025, 12, 15)
    assert report.months[-1].is_partial and report.months[-1].period.last == date(2026, 11, 22)
    assert "Đến ngày 22/11/2026" in report.sections["situation"]
