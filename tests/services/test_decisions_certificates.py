"""Certificates through the services: the register, the template, printing, and offline
verification of the signed QR record (issue #4)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest

from antt_desktop.domain.access import PermissionDenied, Role
from antt_desktop.domain.certificates import (
    CertificateAlreadyRevoked,
    CertificateCodeUnreadable,
    CertificateKeyUnknown,
    CertificateSignatureInvalid,
    CertificateStatus,
    CertificateStillValid,
    CertificateTemplate,
    CertificateRecord,
    RevokeReasonMissing,
    TemplateInvalid,
    armor,
    read_code,
    record_message,
)
from antt_desktop.domain.decisions import MemberNotActive
from antt_desktop.messages import describe
from antt_desktop.services.certificates import CertificateService, CheckOutcome


@pytest.fixture
def team(demo):
    """The demo's first team (by name) and its active members in roster order."""
    team = sorted(demo.teams.list(), key=lambda t: t.name)[0]
    return team, [line.member.id for line in demo.teams.roster(team.id)]


def test_issuing_for_a_team_numbers_the_cards_per_year(demo, team):
    team_row, members = team
    issued = demo.certificates.issue(demo.certificates.members_without_certificate(team_row.id))
    assert [c.number for c in issued] == [f"{i:04d}/2026/GCN" for i in range(1, len(members) + 1)]
    assert {c.member_id for c in issued} == set(members)
    assert all(c.valid_until == date(2031, 11, 21) for c in issued)            # 5 years by default
    assert demo.certificates.members_without_certificate(team_row.id) == []
    with pytest.raises(CertificateStillValid) as raised:
        demo.certificates.issue([members[0]])
    assert issued[0].number in describe(raised.value)


def test_only_active_members_get_certificates(demo):
    proposed = next(row.id for row in demo.members.list_rows() if row.status.value == "proposed")
    with pytest.raises(MemberNotActive):
        demo.certificates.issue([proposed])


def test_revoke_and_reissue_keep_the_register(demo, team):
    _, members = team
    (first,) = demo.certificates.issue([members[0]])
    with pytest.raises(RevokeReasonMissing):
        demo.certificates.revoke(first.id, "  ")
    new = demo.certificates.reissue(first.id, "mất giấy")
    old = demo.certificates.find(first.number)
    assert old.revoked_on == date(2026, 11, 22) and old.revoke_reason == "Cấp lại: mất giấy"
    assert new.replaces_id == first.id and new.number != first.number
    with pytest.raises(CertificateAlreadyRevoked):
        demo.certificates.revoke(first.id, "lý do khác")
    statuses = {line.certificate.number: line.status for line in demo.certificates.register()}
    assert statuses == {first.number: CertificateStatus.REVOKED, new.number: CertificateStatus.VALID}
    assert demo.certificates.current([members[0]])[members[0]].id == new.id


def test_template_is_stored_on_the_unit_and_drives_the_numbers(demo, team):
    _, members = team
    template = replace(CertificateTemplate(), number_format="{unit}-{seq:05d}", validity_years=0,
                       signer_title="  TRƯỞNG  CÔNG AN XÃ ", fields=("full_name", "birth", "id_number"))
    saved = demo.certificates.save_template(template)
    assert saved.signer_title == "TRƯỞNG CÔNG AN XÃ"
    assert demo.certificates.template() == saved
    (certificate,) = demo.certificates.issue([members[0]])
    assert certificate.number == "DEMO-TANPHU-00001" and certificate.valid_until is None
    (card,) = demo.certificates.cards([certificate.id])
    assert [label for label, _ in card.values] == ["Họ và tên", "Ngày sinh", "Số định danh"]
    assert card.validity == ""
    with pytest.raises(TemplateInvalid) as raised:
        demo.certificates.save_template(replace(CertificateTemplate(), number_format="GCN"))
    assert "{seq}" in describe(raised.value)
    viewer = CertificateService(replace(demo.context, role=Role.DATA_ENTRY))
    with pytest.raises(PermissionDenied):
        viewer.save_template(CertificateTemplate())


def test_cards_carry_the_photo_and_a_signed_digit_code(services, clock, tmp_path):
    services.demo.fill_commune(seed=7, with_photos=True)
    team = sorted(services.teams.list(), key=lambda t: t.name)[0]
    result = services.certificates.print_for(tmp_path / "gcn.pdf", team_id=team.id)
    assert result.newly_issued == result.printed == len(services.teams.roster(team.id))
    ids = [line.certificate.id for line in services.certificates.register()]
    cards = services.certificates.cards(ids)
    assert all(card.photo_jpeg and card.photo_jpeg.startswith(b"\xff\xd8") for card in cards)
    assert all(card.qr_text.isdigit() for card in cards)
    assert cards[0].issuer_lines == ("CÔNG AN TỈNH GIA LAI", "CÔNG AN XÃ TÂN PHÚ")
    assert cards[0].signer_title == "TRƯỞNG CÔNG AN" and cards[0].signer_name == "Trần Quốc Tuấn"
    assert cards[0].place_date == "Tân Phú, ngày 22 tháng 11 năm 2026"
    again = services.certificates.print_for(tmp_path / "gcn2.pdf", team_id=team.id)
    assert again.newly_issued == 0 and again.printed == result.printed


def test_verify_a_genuine_code_offline(demo, team, clock):
    _, members = team
    (certificate,) = demo.certificates.issue([members[0]])
    (card,) = demo.certificates.cards([certificate.id])
    check = demo.certificates.verify(card.qr_text)
    assert check.outcome is CheckOutcome.VALID and check.certificate.id == certificate.id
    assert check.record.full_name == card.full_name and check.record.unit_name == "Xã Tân Phú"
    spaced = " ".join(card.qr_text[i:i + 50] for i in range(0, len(card.qr_text), 50)) + "\r\n"
    assert demo.certificates.verify(spaced).outcome is CheckOutcome.VALID       # pasted in pieces
    demo.certificates.revoke(certificate.id, "cho thôi tham gia")
    revoked = demo.certificates.verify(card.qr_text)
    assert revoked.outcome is CheckOutcome.REVOKED and revoked.revoke_reason == "cho thôi tham gia"
    clock.now = datetime(2032, 1, 1, 8, 0)
    (other,) = demo.certificates.issue([members[1]], on=date(2026, 11, 22))
    (other_card,) = demo.certificates.cards([other.id])
    assert demo.certificates.verify(other_card.qr_text).outcome is CheckOutcome.EXPIRED


def test_a_forged_or_altered_code_is_refused(demo, team):
    from nacl.signing import SigningKey

    _, members = team
    (certificate,) = demo.certificates.issue([members[0]])
    (card,) = demo.certificates.cards([certificate.id])
    code = read_code(card.qr_text)
    forged_record = replace(code.record, valid_until=date(2099, 12, 31))
    forged_message = record_message(forged_record, bytes.fromhex(code.key_id))
    with pytest.raises(CertificateSignatureInvalid) as raised:
        demo.certificates.verify(armor(forged_message, code.signature))
    assert "giả" in describe(raised.value)
    stranger = SigningKey.generate()
    message = record_message(CertificateRecord("0001/2026/GCN", "Kẻ Giả", "X", "Y"), b"\1\2\3\4")
    with pytest.raises(CertificateKeyUnknown):
        demo.certificates.verify(armor(message, stranger.sign(message).signature))
    with pytest.raises(CertificateCodeUnreadable) as raised:
        demo.certificates.verify("ÂĐƯƠ12")                     # what Telex makes of a scanner's typing
    assert "Unikey" in describe(raised.value)


def test_a_genuine_code_not_in_the_register(demo, team):
    _, members = team
    (certificate,) = demo.certificates.issue([members[0]])
    (card,) = demo.certificates.cards([certificate.id])
    code = read_code(card.qr_text)
    with demo.context.new_uow() as uow:
        _, private = uow.certificates.signing_key("DEMO-TANPHU")
    from nacl.signing import SigningKey

    message = record_message(replace(code.record, number="9999/2026/GCN"), bytes.fromhex(code.key_id))
    check = demo.certificates.verify(armor(message, SigningKey(private).sign(message).signature))
    assert check.outcome is CheckOutcome.NOT_IN_REGISTER and check.certificate is None


def test_the_qr_symbol_is_kept_and_renewed_when_the_signed_record_changes(demo, team):
    from antt_desktop.documents.certificate_sheet_pdf import qr_symbol
    from antt_desktop.domain.dates import BirthDate
    from antt_desktop.domain.members import MemberDraft

    _, members = team
    (certificate,) = demo.certificates.issue([members[0]])
    with demo.context.new_uow() as uow:
        stored_text, stored_symbol = uow.certificates.qr_cache([certificate.id])[certificate.id]
    (card,) = demo.certificates.cards([certificate.id])
    assert (card.qr_text, card.qr_packed) == (stored_text, stored_symbol)       # encoded once, at issue
    assert stored_symbol == qr_symbol(stored_text) and stored_symbol[0] in (45, 49)
    member = demo.members.get(members[0])
    demo.members.update(member.id, MemberDraft(full_name="Nguyễn Thị Đổi Tên", gender=member.gender,
                                               birth=BirthDate(full=member.birth_date),
                                               education_level=member.education_level,
                                               residence_since=member.residence_since, hamlet_id=member.hamlet_id))
    (renamed,) = demo.certificates.cards([certificate.id])
    assert renamed.qr_text != card.qr_text and renamed.qr_packed == qr_symbol(renamed.qr_text)
    assert demo.certificates.verify(renamed.qr_text).record.full_name == "Nguyễn Thị Đổi Tên"


def test_demo_cards_show_the_recognition_decision_and_a_unit_can_drop_it(services, tmp_path):
    # QA finding 6: the card names the decision that made the holder a member.
    services.demo.fill_commune(seed=7)
    team = sorted(services.teams.list(), key=lambda t: t.name)[0]
    services.certificates.print_for(tmp_path / "gcn.pdf", team_id=team.id)
    ids = [line.certificate.id for line in services.certificates.register()]
    cards = services.certificates.cards(ids)
    decisions = {d.number: d.signed_on for d in services.decisions.list() if d.number}
    for card in cards:
        labels = dict(card.values)
        assert list(labels)[-1] == "QĐ công nhận"
        number, _, day = labels["QĐ công nhận"].removeprefix("số ").partition(" ngày ")
        assert number in decisions and day == f"{decisions[number]:%d/%m/%Y}"
    from pypdf import PdfReader
    text = " ".join(page.extract_text() for page in PdfReader(tmp_path / "gcn.pdf").pages)
    assert "QĐ công nhận:" in " ".join(text.split()) and labels["QĐ công nhận"] in " ".join(text.split())
    fields = tuple(f for f in CertificateTemplate().fields if f != "decision")
    services.certificates.save_template(replace(CertificateTemplate(), fields=fields))
    assert all("QĐ công nhận" not in dict(card.values) for card in services.certificates.cards(ids))
