"""QA finding 17: the user's free-text reason continues the statutory ground after "; " in lower case."""

from __future__ import annotations

from datetime import date

from antt_desktop.domain import decisions as dec
from antt_desktop.domain.official_documents import continued_clause
from antt_desktop.domain.people import Position

ISSUER = dec.IssuerFacts(unit_name="Xã Tân Phú", people_committee_name="ỦY BAN NHÂN DÂN XÃ TÂN PHÚ",
                         place_name="Tân Phú", province_name="Gia Lai", higher_police_name="Công an tỉnh Gia Lai")


def test_continued_clause_lowers_the_first_letter_and_drops_the_full_stop():
    assert continued_clause("Xin thôi vì lý do sức khỏe gia đình.") == "xin thôi vì lý do sức khỏe gia đình"
    assert continued_clause("  Ốm  đau kéo dài ;") == "ốm đau kéo dài"
    assert continued_clause("UBND xã đã đồng ý.") == "UBND xã đã đồng ý"
    assert continued_clause("") == ""


def test_the_termination_report_glues_the_reason_in_lower_case():
    line = dec.NamedLine(member_id="m", full_name="Nguyễn Văn Ấn", position=Position.MEMBER, team_name="Thôn 1")
    report = dec.compose_termination_report([dec.TerminationFacts(line)], dec.TerminationGround("a"),
                                            "Xin thôi vì lý do sức khỏe gia đình.", ISSUER, date(2026, 11, 20))
    why = next(p.text for p in report.paragraphs if p.text.startswith("Lý do:"))
    assert why.endswith("); xin thôi vì lý do sức khỏe gia đình.")
    assert "; Xin" not in why and ".." not in why


def test_a_dated_drafts_attached_list_carries_the_same_date_as_its_header():
    # QA finding 19: the header said "ngày 20 tháng 11 năm 2026", the list "ngày / /2026".
    lines = [dec.NamedLine(member_id=str(i), full_name=f"Người {i}", position=Position.MEMBER, team_name="Thôn 1")
             for i in range(3)]
    draft = dec.Decision(id="d", unit_code="X", kind=dec.DecisionKind.RECOGNISE, signed_on=date(2026, 11, 20))
    note = dec.attached_list(draft, lines, ISSUER).note
    assert note.startswith("(Kèm theo Quyết định số\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0/QĐ-UBND "
                           "ngày 20 tháng 11 năm 2026 của Chủ tịch")
    undated = dec.attached_list(dec.Decision(id="d", unit_code="X", kind=dec.DecisionKind.RECOGNISE), lines, ISSUER)
    assert "ngày\u00a0\u00a0\u00a0\u00a0/\u00a0\u00a0\u00a0\u00a0/ của Chủ tịch" in undated.note


def test_the_termination_report_names_its_form_as_the_recognition_lists_do():
    # QA finding 25: Mẫu 05/06 carried their form number, the Mẫu 07 report none.
    line = dec.NamedLine(member_id="m", full_name="Nguyễn Văn Ấn", position=Position.MEMBER, team_name="Thôn 1")
    report = dec.compose_termination_report([dec.TerminationFacts(line)], None, "", ISSUER, date(2026, 11, 20))
    assert report.summary_lines[-1] == "(Mẫu số 07 ban hành kèm theo Thông tư số 14/2024/TT-BCA)"
