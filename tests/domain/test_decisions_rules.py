"""Decisions and certificates as pure rules: numbering, NĐ 30/2020 wording, draft checks,
ground (c), the certificate template and the signed QR record (issue #4)."""

from __future__ import annotations

from datetime import date

import pytest

from antt_desktop.domain import certificates as cert
from antt_desktop.domain import decisions as dec
from antt_desktop.domain.official_documents import (
    format_document_number,
    number_line,
    place_date_line,
    roman,
    signature_lines,
    split_body_name,
    written_date,
)
from antt_desktop.domain.people import Position
from antt_desktop.messages import describe

ISSUER = dec.IssuerFacts(
    unit_name="Xã Tân Phú", people_committee_name="ỦY BAN NHÂN DÂN XÃ TÂN PHÚ", place_name="Tân Phú",
    province_name="Gia Lai", higher_police_name="Công an tỉnh Gia Lai", police_chief_name="Trần Quốc Tuấn",
    chairman_name="Nguyễn Văn Hòa",
)


@pytest.mark.parametrize(("sequence", "expected"), [
    (1, "01/QĐ-UBND"), (9, "09/QĐ-UBND"), (10, "10/QĐ-UBND"), (245, "245/QĐ-UBND"),
])
def test_numbers_below_ten_take_a_leading_zero(sequence, expected):
    assert format_document_number(sequence, "QĐ-UBND") == expected


@pytest.mark.parametrize(("value", "expected"), [
    (date(2024, 7, 5), "ngày 05 tháng 7 năm 2024"),
    (date(2026, 1, 9), "ngày 09 tháng 01 năm 2026"),
    (date(2026, 2, 28), "ngày 28 tháng 02 năm 2026"),
    (date(2026, 3, 10), "ngày 10 tháng 3 năm 2026"),
    (date(2026, 12, 31), "ngày 31 tháng 12 năm 2026"),
])
def test_dates_in_running_text_follow_nd_30(value, expected):
    assert written_date(value) == expected


def test_place_date_line_and_a_draft_keeps_blanks():
    assert place_date_line("Tân Phú", date(2024, 7, 5)) == "Tân Phú, ngày 05 tháng 7 năm 2024"
    blank = place_date_line("Tân Phú", None, year=2026)
    assert blank.startswith("Tân Phú, ngày") and "tháng" in blank and blank.endswith("năm 2026")
    assert number_line(None, "QĐ-UBND").startswith("Số:") and number_line(None, "QĐ-UBND").endswith("/QĐ-UBND")
    assert number_line("15/QĐ-UBND", "QĐ-UBND") == "Số: 15/QĐ-UBND"


@pytest.mark.parametrize(("form", "title", "expected"), [
    ("", "CHỦ TỊCH", ("CHỦ TỊCH",)),
    ("TM.", "CHỦ TỊCH", ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH")),
    ("KT.", "PHÓ CHỦ TỊCH", ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")),
    ("Q.", "CHỦ TỊCH", ("Q. CHỦ TỊCH",)),
])
def test_signature_forms(form, title, expected):
    assert signature_lines(form, title) == expected


@pytest.mark.parametrize(("name", "expected"), [
    ("ỦY BAN NHÂN DÂN XÃ TÂN PHÚ", ("ỦY BAN NHÂN DÂN", "XÃ TÂN PHÚ")),
    ("Ủy ban nhân dân phường Quy Nhơn", ("ỦY BAN NHÂN DÂN", "PHƯỜNG QUY NHƠN")),
    ("CÔNG AN XÃ TÂN PHÚ", ("CÔNG AN", "XÃ TÂN PHÚ")),
    ("HỘI ĐỒNG", ("HỘI ĐỒNG",)),
])
def test_issuing_body_is_split_over_two_header_lines(name, expected):
    assert split_body_name(name) == expected


@pytest.mark.parametrize(("number", "expected"), [(1, "I"), (4, "IV"), (9, "IX"), (14, "XIV"), (40, "XL")])
def test_roman_section_numbers(number, expected):
    assert roman(number) == expected


@pytest.mark.parametrize(("highest", "first", "expected"), [
    (None, 1, 1), (14, 1, 15), (None, 245, 245), (250, 245, 251), (3, 245, 245),
])
def test_next_sequence_never_reuses_and_respects_the_first_number(highest, first, expected):
    assert dec.next_sequence(highest, first) == expected


def _events(reminders: int, refusals: int, on: date = date(2026, 5, 1)) -> list[dec.ConductEvent]:
    kinds = [dec.ConductKind.REMINDER] * reminders + [dec.ConductKind.REFUSAL] * refusals
    return [dec.ConductEvent(str(i), "X", "m", kind, on) for i, kind in enumerate(kinds)]


@pytest.mark.parametrize(("reminders", "refusals", "meets"), [
    (0, 0, False), (2, 1, False), (1, 2, False), (2, 2, True), (3, 5, True),
])
def test_ground_c_needs_two_reminders_and_two_refusals(reminders, refusals, meets):
    assert dec.count_conduct(_events(reminders, refusals)).meets_ground_c is meets


def test_events_after_the_decision_date_do_not_count():
    events = _events(2, 2, on=date(2026, 6, 1))
    assert not dec.count_conduct(events, date(2026, 5, 31)).meets_ground_c
    assert dec.count_conduct(events, date(2026, 6, 1)).meets_ground_c


NAMES = {"a": "Nguyễn Văn An", "b": "Lê Thị Bình"}


@pytest.mark.parametrize(("draft", "expected"), [
    (dec.DecisionDraft(dec.DecisionKind.RECOGNISE), [dec.NoMembersNamed]),
    (dec.DecisionDraft(dec.DecisionKind.RECOGNISE, lines=(dec.DecisionLine("a"),)),
     [dec.TeamMissingForMember, dec.PositionMissing]),
    (dec.DecisionDraft(dec.DecisionKind.RECOGNISE, lines=(
        dec.DecisionLine("a", "t", Position.LEADER), dec.DecisionLine("b", "t", Position.LEADER))),
     [dec.PositionTwiceInTeam]),
    (dec.DecisionDraft(dec.DecisionKind.TERMINATE, lines=(dec.DecisionLine("a"), dec.DecisionLine("a"))),
     [dec.DuplicateMember, dec.GroundMissing]),
    (dec.DecisionDraft(dec.DecisionKind.ESTABLISH_TEAM), [dec.NoTeamsNamed]),
    (dec.DecisionDraft(dec.DecisionKind.DISSOLVE_TEAM), [dec.TeamNotChosen]),
    (dec.DecisionDraft(dec.DecisionKind.COMMEND, lines=(dec.DecisionLine("a"),), signed_on=date(2026, 5, 2),
                       effective_on=date(2026, 5, 1), signer_title=""),
     [dec.EffectiveBeforeSigned, dec.SignerTitleMissing]),
])
def test_check_draft_lists_every_problem(draft, expected):
    with pytest.raises(dec.DecisionInvalid) as raised:
        dec.check_draft(draft, member_names=NAMES, team_names={"t": "Tổ bảo vệ ANTT Thôn 1"}, hamlet_names={})
    assert [type(p) for p in raised.value.problems] == expected
    message = describe(raised.value)
    assert message and "Lỗi không mong đợi" not in message


def test_a_good_draft_passes():
    draft = dec.DecisionDraft(dec.DecisionKind.RECOGNISE, lines=(
        dec.DecisionLine("a", "t", Position.LEADER), dec.DecisionLine("b", "t", Position.MEMBER)))
    dec.check_draft(draft, member_names=NAMES, team_names={}, hamlet_names={})


def _line(name: str, position=Position.MEMBER, team="Tổ bảo vệ ANTT Thôn 1", gender="nam", previous=None):
    return dec.NamedLine(member_id=name, full_name=name, gender=gender, birth="05/07/1985", residence="Thôn 1",
                         team_id="t", team_name=team, position=position, previous_position=previous)


@pytest.mark.parametrize(("kind", "lines", "extra", "expected"), [
    (dec.DecisionKind.RECOGNISE, [_line("Nguyễn Văn An", Position.LEADER)], {},
     ["Công nhận ông Nguyễn Văn An, sinh ngày 05/07/1985", "là Tổ trưởng Tổ bảo vệ an ninh, trật tự Thôn 1"]),
    (dec.DecisionKind.RECOGNISE, [_line("Nguyễn Văn An"), _line("Lê Thị Bình", gender="nữ")], {},
     ["Công nhận 02 ông (bà) có tên trong danh sách kèm theo Quyết định này là thành viên Tổ bảo vệ an ninh, "
      "trật tự Thôn 1."]),
    (dec.DecisionKind.RECOGNISE, [_line("Nguyễn Văn An"), _line("Lê Thị Bình", team="Tổ bảo vệ ANTT Thôn 2")],
     {}, ["thành viên các Tổ bảo vệ an ninh, trật tự ở cơ sở trên địa bàn xã Tân Phú."]),
    (dec.DecisionKind.CHANGE_POSITION, [_line("Nguyễn Văn An", Position.LEADER, previous=Position.DEPUTY)], {},
     ["Thay đổi chức danh đối với ông Nguyễn Văn An", "từ Tổ phó sang Tổ trưởng"]),
    (dec.DecisionKind.TERMINATE, [_line("Lê Thị Bình", gender="nữ")],
     {"termination_ground": dec.TerminationGround.MISCONDUCT},
     ["Cho thôi tham gia lực lượng tham gia bảo vệ an ninh, trật tự ở cơ sở đối với bà Lê Thị Bình",
      "điểm c khoản 3 Điều 17", "nhắc nhở bằng văn bản từ 02 lần trở lên"]),
    (dec.DecisionKind.COMMEND, [_line("Nguyễn Văn An")], {"measure": "Giấy khen", "reason": "bắt giữ kẻ trộm"},
     ["Tặng Giấy khen của Chủ tịch Ủy ban nhân dân xã Tân Phú", "bắt giữ kẻ trộm"]),
    (dec.DecisionKind.DISCIPLINE, [_line("Nguyễn Văn An")], {"measure": "Cảnh cáo", "reason": "vắng trực"},
     ["Thi hành kỷ luật bằng hình thức Cảnh cáo", "Lý do: vắng trực."]),
])
def test_articles_of_each_kind(kind, lines, extra, expected):
    decision = dec.Decision(id="d", unit_code="X", kind=kind, **extra)
    articles = dec.compose_articles(decision, lines, ISSUER)
    text = " ".join(f"{a.lead} {a.text} {' '.join(a.items)}" for a in articles)
    for fragment in expected:
        assert fragment in text
    assert articles[0].lead == "Điều 1."
    assert articles[-1].text.endswith("./.")                     # NĐ 30/2020: the last article closes with ./.
    assert "Quyết định này có hiệu lực kể từ ngày ký." in text


def test_establishing_several_teams_lists_them():
    decision = dec.Decision(id="d", unit_code="X", kind=dec.DecisionKind.ESTABLISH_TEAM)
    articles = dec.compose_articles(decision, [], ISSUER, team_names=["Tổ bảo vệ ANTT Thôn 2",
                                                                       "Tổ bảo vệ ANTT Thôn 10"])
    assert articles[0].text.startswith("Thành lập 02 Tổ bảo vệ an ninh, trật tự")
    assert articles[0].items == ("1. Tổ bảo vệ an ninh, trật tự Thôn 2;", "2. Tổ bảo vệ an ninh, trật tự Thôn 10.")


def test_decision_document_layout_elements():
    decision = dec.Decision(id="d", unit_code="X", kind=dec.DecisionKind.RECOGNISE, state=dec.DecisionState.ISSUED,
                            number="15/QĐ-UBND", signed_on=date(2024, 7, 5), signer_name="Nguyễn Văn Hòa",
                            signature_form=dec.SignatureForm.ON_BEHALF)
    lines = [_line("Nguyễn Văn An", Position.LEADER), _line("Lê Thị Bình", Position.DEPUTY, gender="nữ"),
             _line("Trần Văn Cường", team="Tổ bảo vệ ANTT Thôn 2")]
    document = dec.compose_decision_document(decision, lines, ISSUER)
    assert document.body_lines == ("ỦY BAN NHÂN DÂN", "XÃ TÂN PHÚ")
    assert document.number_line == "Số: 15/QĐ-UBND"
    assert document.place_date == "Tân Phú, ngày 05 tháng 7 năm 2024"
    assert document.authority == "ỦY BAN NHÂN DÂN XÃ TÂN PHÚ"          # TM.: the collective decides
    assert document.signature.lines == ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH")
    assert document.bases[-1] == "Theo đề nghị của Trưởng Công an xã Tân Phú."
    assert all(b.startswith("Căn cứ") for b in document.bases[:-1])
    assert document.recipients[0] == "Như Điều 4;" and document.recipients[-1].startswith("Lưu:")
    (attached,) = document.attachments
    assert attached.row_count == 3
    assert [s.heading for s in attached.sections] == ["I. Tổ bảo vệ an ninh, trật tự Thôn 1",
                                                       "II. Tổ bảo vệ an ninh, trật tự Thôn 2"]
    assert attached.sections[0].rows[0][:2] == ("1", "Nguyễn Văn An")       # Tổ trưởng first
    assert "15/QĐ-UBND ngày 05 tháng 7 năm 2024" in attached.note
    assert not document.is_draft


def test_cited_dates_and_bases_in_force():
    assert dec.cited_dates("Căn cứ Nghị quyết số 03/2024/NQ-HĐND ngày 12 tháng 6 năm 2024 của …;") == (
        date(2024, 6, 12),)
    assert dec.cited_dates("Căn cứ Nghị quyết số 12/2026/NQ-HĐND ngày 10/3/2026;") == (date(2026, 3, 10),)
    bases = (dec.LOCAL_GOVERNMENT_BASIS_2015, dec.LOCAL_GOVERNMENT_BASIS_2025, "Theo đề nghị của Trưởng Công an xã.")
    assert dec.bases_in_force(bases, date(2024, 7, 5)) == (bases[0], bases[2])
    assert dec.bases_in_force(bases, None) == bases


@pytest.mark.parametrize(("on", "local_government"), [
    (date(2024, 7, 5), dec.LOCAL_GOVERNMENT_BASIS_2015),
    (date(2025, 6, 15), dec.LOCAL_GOVERNMENT_BASIS_2015),
    (date(2025, 6, 16), dec.LOCAL_GOVERNMENT_BASIS_2025),
    (None, dec.LOCAL_GOVERNMENT_BASIS_2025),
])
def test_default_bases_are_those_in_force_on_the_signing_date(on, local_government):
    issuer = dec.IssuerFacts(**{**_issuer_fields(), "resolution": "Nghị quyết số 12/2026/NQ-HĐND ngày 10 tháng 3 "
                                                                  "năm 2026 của Hội đồng nhân dân tỉnh Gia Lai"})
    bases = dec.default_legal_bases(dec.DecisionKind.RECOGNISE, issuer, on)
    assert bases[0] == local_government
    assert any("12/2026" in b for b in bases) is (on is None)


def _issuer_fields() -> dict:
    return {f: getattr(ISSUER, f) for f in ("unit_name", "people_committee_name", "place_name", "province_name",
                                            "higher_police_name", "police_chief_name", "chairman_name")}


def test_articles_name_the_cited_resolution_not_the_unit_province():
    issuer = dec.IssuerFacts(**_issuer_fields(), resolution_short="Nghị quyết số 03/2024/NQ-HĐND của Hội đồng "
                             "nhân dân tỉnh Bình Định", resolution_on=date(2024, 6, 12))
    line = dec.NamedLine("m1", "Nguyễn Văn Ấn", team_name="Tổ bảo vệ ANTT Thôn 1", position=Position.MEMBER)
    recognise = dec.Decision("d", "U", dec.DecisionKind.RECOGNISE, signed_on=date(2024, 7, 5))
    article_2 = dec.compose_articles(recognise, [line], issuer)[1].text
    assert article_2.endswith("pháp luật và Nghị quyết số 03/2024/NQ-HĐND của Hội đồng nhân dân tỉnh Bình Định.")
    establish = dec.Decision("e", "U", dec.DecisionKind.ESTABLISH_TEAM, signed_on=date(2024, 7, 5))
    text = dec.compose_articles(establish, [], issuer, team_names=["Tổ bảo vệ ANTT Thôn 1"])[1].text
    assert text.endswith("thực hiện theo Nghị quyết số 03/2024/NQ-HĐND của Hội đồng nhân dân tỉnh Bình Định.")
    assert "Gia Lai" not in article_2 + text
    unknown = dec.compose_articles(recognise, [line], ISSUER)[1].text           # no resolution chosen
    assert unknown.endswith("pháp luật và của Hội đồng nhân dân tỉnh Gia Lai.")


@pytest.mark.parametrize(("stored", "expected"), [
    ("Quyết định công nhận thành viên Tổ", "Về việc công nhận thành viên Tổ"),
    ("Về việc khen thưởng", "Về việc khen thưởng"),
    ("", ""),
])
def test_summary_never_repeats_the_type_name(stored, expected):
    assert dec.summary_of(stored) == expected


# --- Certificates ---------------------------------------------------------------------------

def test_default_template_is_id1_and_round_trips_through_settings():
    template = cert.CertificateTemplate()
    assert (template.width_mm, template.height_mm) == (85.6, 54.0)
    assert cert.CertificateTemplate.from_settings(template.to_settings()) == template
    assert cert.CertificateTemplate.from_settings({"validity_years": 3, "unknown": 1}).validity_years == 3


@pytest.mark.parametrize(("changes", "problem"), [
    ({"width_mm": 10}, cert.CardSizeOutOfRange),
    ({"fields": ("full_name", "shoe_size")}, cert.UnknownCardField),
    ({"number_format": "GCN/{year}"}, cert.NumberFormatInvalid),
    ({"number_format": "{seq}/{place}"}, cert.NumberFormatInvalid),
    ({"number_format": "{seq:04d"}, cert.NumberFormatInvalid),
    ({"validity_years": 50}, cert.ValidityOutOfRange),
    ({"accent_color": "red"}, cert.ColorInvalid),
    ({"duplex": "sideways"}, cert.DuplexModeInvalid),
])
def test_template_problems(changes, problem):
    from dataclasses import replace

    with pytest.raises(cert.TemplateInvalid) as raised:
        cert.check_template(replace(cert.CertificateTemplate(), **changes))
    assert [type(p) for p in raised.value.problems] == [problem]
    assert "Lỗi không mong đợi" not in describe(raised.value)


@pytest.mark.parametrize(("number_format", "expected", "yearly"), [
    ("{seq:04d}/{year}/GCN", "0007/2026/GCN", True),
    ("{unit}-{seq:05d}", "26734-00007", False),
    ("{seq}/GCN-CAX", "7/GCN-CAX", False),
])
def test_certificate_numbers(number_format, expected, yearly):
    assert cert.format_certificate_number(number_format, 7, 2026, "26734") == expected
    assert cert.uses_year(number_format) is yearly


@pytest.mark.parametrize(("issued", "years", "until"), [
    (date(2026, 11, 22), 5, date(2031, 11, 21)),
    (date(2024, 2, 29), 1, date(2025, 2, 28)),
    (date(2026, 1, 1), 0, None),
])
def test_validity(issued, years, until):
    assert cert.valid_until(issued, years) == until


def test_status_of_a_certificate():
    card = cert.Certificate("c", "X", "m", "0001/2026/GCN", date(2026, 1, 1), valid_until=date(2030, 12, 31))
    assert cert.certificate_status(card, date(2026, 6, 1)) is cert.CertificateStatus.VALID
    assert cert.certificate_status(card, date(2031, 1, 1)) is cert.CertificateStatus.EXPIRED
    revoked = cert.Certificate("c", "X", "m", "1", date(2026, 1, 1), revoked_on=date(2026, 3, 1))
    assert cert.certificate_status(revoked, date(2026, 2, 28)) is cert.CertificateStatus.VALID
    assert cert.certificate_status(revoked, date(2026, 3, 1)) is cert.CertificateStatus.REVOKED


def test_code_round_trip_is_digits_only():
    record = cert.CertificateRecord("0001/2026/GCN", "Nguyễn Thị Ánh Đào", "26734", "Xã Tân Phú", date(2031, 11, 21))
    message = cert.record_message(record, bytes.fromhex("0a0b0c0d"))
    code = cert.armor(message, bytes(range(64)))
    assert code.isdigit()                        # nothing a Vietnamese input method can alter
    parsed = cert.read_code(f"  {code[:40]}\n{code[40:]} ")
    assert parsed.record == record and parsed.key_id == "0a0b0c0d"
    assert parsed.message == message and parsed.signature == bytes(range(64))


@pytest.mark.parametrize("text", ["", "abc", "12 34", "1" * 3000, "１２３", "ĐỖ"])
def test_unreadable_codes(text):
    with pytest.raises(cert.CertificateCodeUnreadable):
        cert.read_code(text)


def test_a_cut_off_code_is_unreadable():
    record = cert.CertificateRecord("1", "A", "X", "Y", None)
    code = cert.armor(cert.record_message(record, b"\0\0\0\1"), bytes(64))
    with pytest.raises(cert.CertificateCodeUnreadable):
        cert.read_code(code[:50])
