"""QA finding 13: every paper of the police office signs with the unit's police_chief_title and uses one
ký hiệu per kind (BC-CAX for reports, DS-CAX for lists), taken from domain/units.py."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from antt_desktop.documents.annual_report_content import compose
from antt_desktop.documents.periodic_report_pdf import _official
from antt_desktop.domain import decisions as dec
from antt_desktop.domain.annual_report import YearRecords, summarize_year
from antt_desktop.domain.bm1 import annual_period, build_report
from antt_desktop.domain.certificates import CertificateTemplate
from antt_desktop.domain.people import Position
from antt_desktop.domain.reports import build_periodic_report, parse_period
from antt_desktop.domain.units import (
    DEFAULT_POLICE_CHIEF_TITLE,
    POLICE_LIST_SYMBOL,
    POLICE_REPORT_SYMBOL,
    Unit,
    police_signer_title,
)
from antt_desktop.services import bm1 as bm1_service
from antt_desktop.services import reports as reports_service

ON = date(2026, 12, 6)


def _unit(**changes) -> Unit:
    unit = Unit(id="u", code="TANPHU", name="Xã Tân Phú", province_code="064", province_name="Gia Lai",
                higher_unit_name="Công an tỉnh Gia Lai", place_name="Tân Phú", police_chief_name="Trần Quốc Tuấn")
    return replace(unit, **changes)


def _titles(unit: Unit) -> set[str]:
    issuer = dec.issuer_from_unit(unit)
    line = dec.NamedLine(member_id="m", full_name="Nguyễn Văn Ấn", position=Position.MEMBER, team_name="Thôn 1")
    proposals = dec.compose_recognition_proposals([line], issuer, ON)
    termination = dec.compose_termination_report([dec.TerminationFacts(line)], None, "", issuer, ON)
    periodic = build_periodic_report([], parse_period("2026-Q3"), issuer=reports_service._issuer(unit), made_on=ON,
                                    teams=[], hamlet_count=0)
    heading = bm1_service.report_heading(unit, ON)
    annual = compose(summarize_year(2026, heading, build_report([], annual_period(2026), {}, with_total=False),
                                    [], YearRecords(), {}))
    return {*(d.signature.lines[-1] for d in proposals), termination.signature.lines[-1],
            _official(periodic).signature.lines[-1], heading.signer_title.upper(), annual.signer_title,
            CertificateTemplate().signer_title or issuer.police_signer_title}


def test_every_police_paper_signs_with_the_unit_records_title():
    assert _titles(_unit()) == {DEFAULT_POLICE_CHIEF_TITLE}
    assert _titles(_unit(police_chief_title=" Trưởng  Công an xã ")) == {"TRƯỞNG CÔNG AN XÃ"}
    assert police_signer_title("") == police_signer_title(None) == DEFAULT_POLICE_CHIEF_TITLE


def test_reports_and_lists_share_one_symbol_each():
    unit = _unit()
    issuer = dec.issuer_from_unit(unit)
    line = dec.NamedLine(member_id="m", full_name="Nguyễn Văn Ấn", position=Position.MEMBER, team_name="Thôn 1")
    (proposal,) = dec.compose_recognition_proposals([line], issuer, ON)
    termination = dec.compose_termination_report([dec.TerminationFacts(line)], None, "", issuer, ON)
    periodic = _official(build_periodic_report([], parse_period("2026-Q3"), issuer=reports_service._issuer(unit),
                                               made_on=ON, teams=[], hamlet_count=0))
    annual = compose(summarize_year(2026, bm1_service.report_heading(unit, ON),
                                    build_report([], annual_period(2026), {}, with_total=False), [],
                                    YearRecords(), {}))
    assert proposal.number_line.endswith("/" + POLICE_LIST_SYMBOL) and POLICE_LIST_SYMBOL == "DS-CAX"
    assert {termination.number_line, periodic.number_line, annual.number_line} == {
        dec.number_line(None, POLICE_REPORT_SYMBOL)}
    assert POLICE_REPORT_SYMBOL == "BC-CAX"
