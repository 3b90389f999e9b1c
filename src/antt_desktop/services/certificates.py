"""Giấy chứng nhận: the register (issue, revoke, reissue), the card template, printing on A4
sheets, and offline verification of the signed QR record (issue #4)."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from enum import Enum
from pathlib import Path

from antt_desktop.domain import vn_text
from antt_desktop.domain.access import Permission
from antt_desktop.domain.audit_trail import ExportKind
from antt_desktop.domain.certificates import (
    CardFace,
    Certificate,
    CertificateAlreadyRevoked,
    CertificateKeyUnknown,
    CertificateRecord,
    CertificateSignatureInvalid,
    CertificateStatus,
    CertificateStillValid,
    CertificateTemplate,
    NoCertificatesToPrint,
    RevokeReasonMissing,
    armor,
    card_values,
    certificate_status,
    check_template,
    decision_reference,
    format_certificate_number,
    read_code,
    record_message,
    uses_year,
    valid_until,
)
from antt_desktop.domain.decisions import MemberNotActive, issuer_from_unit
from antt_desktop.domain.dates import format_vn_date
from antt_desktop.domain.official_documents import place_date_line, written_date
from antt_desktop.domain.organisation import RecordNotFound
from antt_desktop.domain.people import POSITION_LABELS, MemberStatus
from antt_desktop.domain.units import Unit, UnitNotSetUp
from antt_desktop.services.audit import log_export
from antt_desktop.services.context import ServiceContext

TEMPLATE_KEY = "certificate_template"


class CheckOutcome(str, Enum):
    VALID = "hop_le"
    EXPIRED = "het_han"
    REVOKED = "da_thu_hoi"
    NOT_IN_REGISTER = "khong_co_trong_so"    # genuine signature, but not in this machine's register


OUTCOME_LABELS = {
    CheckOutcome.VALID: "Giấy chứng nhận hợp lệ, đang có hiệu lực",
    CheckOutcome.EXPIRED: "Giấy chứng nhận thật nhưng đã hết hạn",
    CheckOutcome.REVOKED: "Giấy chứng nhận thật nhưng đã bị thu hồi",
    CheckOutcome.NOT_IN_REGISTER: "Chữ ký hợp lệ nhưng số giấy chứng nhận không có trong sổ của đơn vị này",
}


@dataclass(frozen=True, slots=True)
class RegisterLine:
    """A line of the sổ cấp giấy chứng nhận, with the member's name and current status."""

    certificate: Certificate
    member_name: str
    team_name: str
    status: CertificateStatus


@dataclass(frozen=True, slots=True)
class CertificateCheck:
    """What "Kiểm tra giấy chứng nhận" shows after a genuine signature."""

    record: CertificateRecord
    outcome: CheckOutcome
    signed_by_unit_code: str
    certificate: Certificate | None = None
    revoke_reason: str = ""

    @property
    def label(self) -> str:
        return OUTCOME_LABELS[self.outcome]


@dataclass(frozen=True, slots=True)
class PrintResult:
    path: Path
    printed: int
    newly_issued: int


class CertificateService:
    def __init__(self, context: ServiceContext) -> None:
        self._context = context

    # --- Template -----------------------------------------------------------------------------

    def template(self) -> CertificateTemplate:
        with self._context.new_uow() as uow:
            unit = _own_unit(uow)
        return CertificateTemplate.from_settings((unit.settings or {}).get(TEMPLATE_KEY))

    def save_template(self, template: CertificateTemplate) -> CertificateTemplate:
        self._context.require(Permission.MANAGE_SETTINGS)
        template = check_template(template)
        with self._context.new_uow() as uow:
            before = _own_unit(uow)
            settings = dict(before.settings or {})
            settings[TEMPLATE_KEY] = template.to_settings()
            after = replace(before, settings=settings)
            uow.units.save(after)
            uow.audit.record(self._context.actor, "certificate.template_changed", "unit", after.id, after.code,
                             before=(before.settings or {}).get(TEMPLATE_KEY), after=settings[TEMPLATE_KEY])
            uow.commit()
        return template

    # --- Register -------------------------------------------------------------------------------

    def register(self) -> list[RegisterLine]:
        """Every certificate issued by the unit, newest first."""
        today = self._context.today()
        with self._context.new_uow() as uow:
            unit = _own_unit(uow)
            certificates = uow.certificates.list(unit.code)
            members = uow.members.many({c.member_id for c in certificates})
            teams = _current_team_names(uow, members)
        return [RegisterLine(c, members[c.member_id].full_name if c.member_id in members else "",
                             teams.get(c.member_id, ""), certificate_status(c, today)) for c in certificates]

    def current(self, member_ids: Iterable[str]) -> dict[str, Certificate]:
        """Each member's certificate in force today (not revoked, not expired), if any."""
        today = self._context.today()
        with self._context.new_uow() as uow:
            found = uow.certificates.for_members(list(member_ids))
        return {member_id: _current(certificates, today) for member_id, certificates in found.items()
                if _current(certificates, today) is not None}

    def members_without_certificate(self, team_id: str | None = None) -> list[str]:
        """Active members (of a team) with no certificate in force: "certificates to issue"."""
        with self._context.new_uow() as uow:
            ids = _active_member_ids(uow, team_id)
        current = self.current(ids)
        return [member_id for member_id in ids if member_id not in current]

    def issue(self, member_ids: Sequence[str], *, on: date | None = None) -> list[Certificate]:
        """Number and record a certificate for each active member who has none in force."""
        self._context.require(Permission.EDIT_RECORDS)
        on = on or self._context.today()
        with self._context.new_uow() as uow:
            issued = self._issue_in(uow, member_ids, on)
            uow.commit()
        return issued

    def _issue_in(self, uow, member_ids: Sequence[str], on: date, *, replaces: dict[str, str] | None = None
                  ) -> list[Certificate]:
        unit = _own_unit(uow)
        template = CertificateTemplate.from_settings((unit.settings or {}).get(TEMPLATE_KEY))
        members = uow.members.many(member_ids)
        existing = uow.certificates.for_members(member_ids)
        year = on.year if uses_year(template.number_format) else None
        sequence = uow.certificates.highest_sequence(unit.code, year) or 0
        issued = []
        for member_id in member_ids:
            member = members.get(member_id)
            if member is None:
                raise RecordNotFound("member", member_id)
            if member.status is not MemberStatus.ACTIVE:
                raise MemberNotActive(member.full_name)
            held = _current(existing[member_id], on)
            if held is not None:
                raise CertificateStillValid(member.full_name, held.number)
            sequence += 1
            certificate = Certificate(
                id=str(uuid.uuid4()), unit_code=unit.code, member_id=member_id,
                number=format_certificate_number(template.number_format, sequence, on.year, unit.code),
                issued_on=on, valid_until=valid_until(on, template.validity_years),
                replaces_id=(replaces or {}).get(member_id), year=on.year if year else None, sequence=sequence,
            )
            uow.certificates.add(certificate)
            uow.audit.record(self._context.actor, "certificate.reissued" if certificate.replaces_id
                             else "certificate.issued", "certificate", certificate.id, unit.code, after=certificate)
            issued.append(certificate)
        uow.flush()
        # The signed QR record is part of issuing: encode its symbol now, so that printing
        # (and every reprint) only draws it.
        self._cards_in(uow, [c.id for c in issued])
        return issued

    def revoke(self, certificate_id: str, reason: str, *, on: date | None = None) -> Certificate:
        """Thu hồi: the certificate stops being valid from `on` (today)."""
        self._context.require(Permission.EDIT_RECORDS)
        with self._context.new_uow() as uow:
            revoked = self._revoke_in(uow, certificate_id, reason, on or self._context.today())
            uow.commit()
        return revoked

    def _revoke_in(self, uow, certificate_id: str, reason: str, on: date) -> Certificate:
        reason = vn_text.normalize_text(reason)
        if not reason:
            raise RevokeReasonMissing()
        before = uow.certificates.get(certificate_id)
        if before is None:
            raise RecordNotFound("certificate", certificate_id)
        if before.revoked_on is not None:
            raise CertificateAlreadyRevoked(before.number)
        after = replace(before, revoked_on=on, revoke_reason=reason[:200])
        uow.certificates.save(after)
        uow.audit.record(self._context.actor, "certificate.revoked", "certificate", after.id, after.unit_code,
                         before=before, after=after)
        return after

    def reissue(self, certificate_id: str, reason: str, *, on: date | None = None) -> Certificate:
        """Cấp lại / cấp đổi: revoke the old card and issue a new number that replaces it."""
        self._context.require(Permission.EDIT_RECORDS)
        on = on or self._context.today()
        with self._context.new_uow() as uow:
            old = self._revoke_in(uow, certificate_id, f"Cấp lại: {vn_text.normalize_text(reason)}"
                                  if reason.strip() else "", on)
            new = self._issue_in(uow, [old.member_id], on, replaces={old.member_id: old.id})[0]
            uow.commit()
        return new

    def find(self, reference: str) -> Certificate:
        """A certificate by id or by its number."""
        with self._context.new_uow() as uow:
            found = uow.certificates.get(reference) or uow.certificates.by_number(vn_text.normalize_text(reference))
        if found is None:
            raise RecordNotFound("certificate", reference)
        return found

    # --- Printing -------------------------------------------------------------------------------

    def cards(self, certificate_ids: Sequence[str]) -> list[CardFace]:
        """The cards to print, each with its photo and a freshly signed QR record."""
        with self._context.new_uow() as uow:
            cards = self._cards_in(uow, certificate_ids)
            uow.commit()          # a signing key made on first use
        return cards

    def _cards_in(self, uow, certificate_ids: Sequence[str]) -> list[CardFace]:
        from nacl.signing import SigningKey

        # reportlab and segno load on first use: the main window opens without them (STACK-NOTES).
        from antt_desktop.documents.certificate_sheet_pdf import qr_symbol

        unit = _own_unit(uow)
        template = CertificateTemplate.from_settings((unit.settings or {}).get(TEMPLATE_KEY))
        key_id, private = self._signing_key(uow, unit)
        signer = SigningKey(private)
        key_bytes = bytes.fromhex(key_id)
        found = uow.certificates.many(certificate_ids)
        missing = [i for i in certificate_ids if i not in found]
        if missing:
            raise RecordNotFound("certificate", missing[0])
        certificates = [found[i] for i in certificate_ids]
        member_ids = {c.member_id for c in certificates}
        members = uow.members.many(member_ids)
        hamlets = {h.id: h.name for h in uow.hamlets.list(unit.code)}
        held = uow.certificates.open_positions(member_ids)
        photos = uow.certificates.photos(m for m in member_ids if members[m].has_photo)
        symbols = uow.certificates.qr_cache(certificate_ids)
        recognitions = (uow.decisions.recognitions_of(member_ids) if "decision" in template.fields else {})
        issuer = issuer_from_unit(unit)
        issuer_lines = template.issuer_lines or (issuer.higher_police_name.upper(), issuer.police_name)
        signer_title = template.signer_title or issuer.police_signer_title
        signer_name = template.signer_name or unit.police_chief_name
        cards = []
        for certificate in certificates:
            member = members[certificate.member_id]
            birth = format_vn_date(member.birth_date) if member.birth_date else str(member.birth_year or "")
            facts = {
                "full_name": member.full_name, "birth": birth,
                "position": POSITION_LABELS[held[member.id][1]] if member.id in held else "",
                "team": held[member.id][2] if member.id in held else "",
                "residence": hamlets.get(member.hamlet_id, "") if member.hamlet_id else "",
                "id_number": member.id_number or "", "unit": unit.name,
                "decision": decision_reference(*recognitions.get(member.id, ("", None))),
            }
            record = CertificateRecord(certificate.number, member.full_name, unit.code, unit.name,
                                       certificate.valid_until)
            message = record_message(record, key_bytes)
            code = armor(message, signer.sign(message).signature)   # Ed25519: the same record, the same code
            cached = symbols.get(certificate.id)
            if cached is not None and cached[0] == code:
                symbol = cached[1]
            else:
                symbol = qr_symbol(code)
                uow.certificates.store_qr(certificate.id, code, symbol)
            cards.append(CardFace(
                number=certificate.number, values=card_values(template, facts), issuer_lines=issuer_lines,
                place_date=place_date_line(issuer.place_name, certificate.issued_on),
                signer_title=signer_title, signer_name=signer_name,
                validity=(f"Có giá trị đến {written_date(certificate.valid_until)}"
                          if certificate.valid_until else ""),
                photo_jpeg=photos.get(member.id),
                qr_text=code, full_name=member.full_name, qr_packed=symbol,
            ))
        return cards

    def write_sheets(self, certificate_ids: Sequence[str], out: Path) -> Path:
        """The certificates on A4 sheets of cards with crop marks (fronts, then mirrored backs)."""
        from antt_desktop.documents.certificate_sheet_pdf import write_certificate_sheets

        self._context.require(Permission.EXPORT_PERSONAL_DATA)
        if not certificate_ids:
            raise NoCertificatesToPrint()
        with self._context.new_uow() as uow:
            unit = _own_unit(uow)
            template = CertificateTemplate.from_settings((unit.settings or {}).get(TEMPLATE_KEY))
            cards = self._cards_in(uow, certificate_ids)
            uow.commit()                  # the QR codes just made are kept for the next print
        write_certificate_sheets(cards, template, out)
        log_export(self._context, ExportKind.CERTIFICATES, len(cards), Path(out),
                   entity="unit", entity_id=unit.id, certificates=list(certificate_ids))
        return out

    def print_for(self, out: Path, *, team_id: str | None = None, member_ids: Sequence[str] | None = None
                  ) -> PrintResult:
        """Certificates for a team, chosen members, or every active member: those without one
        in force are issued first (one transaction), then all are printed."""
        self._context.require(Permission.EDIT_RECORDS)
        today = self._context.today()
        with self._context.new_uow() as uow:
            ids = list(member_ids) if member_ids is not None else _active_member_ids(uow, team_id)
            held = uow.certificates.for_members(ids)
            missing = [i for i in ids if _current(held[i], today) is None]
            issued = self._issue_in(uow, missing, today) if missing else []
            uow.commit()
        current = self.current(ids)
        ordered = [current[i].id for i in ids if i in current]
        self.write_sheets(ordered, out)
        return PrintResult(Path(out), len(ordered), len(issued))

    # --- Verification ---------------------------------------------------------------------------

    def verify(self, text: str) -> CertificateCheck:
        """Check a code read from a card (pasted, typed, or typed by a scanner), offline:
        the signature against the unit keys this machine knows, then the register."""
        from nacl.exceptions import BadSignatureError
        from nacl.signing import VerifyKey

        code = read_code(text)
        with self._context.new_uow() as uow:
            known = uow.certificates.public_key(code.key_id)
            if known is None:
                raise CertificateKeyUnknown(code.key_id)
            unit_code, public = known
            try:
                VerifyKey(public).verify(code.message, code.signature)
            except BadSignatureError:
                raise CertificateSignatureInvalid() from None
            entry = uow.certificates.by_number(code.record.number, unit_code)
        if entry is None:
            return CertificateCheck(code.record, CheckOutcome.NOT_IN_REGISTER, unit_code)
        status = certificate_status(entry, self._context.today())
        outcome = {CertificateStatus.VALID: CheckOutcome.VALID, CertificateStatus.EXPIRED: CheckOutcome.EXPIRED,
                   CertificateStatus.REVOKED: CheckOutcome.REVOKED}[status]
        return CertificateCheck(code.record, outcome, unit_code, entry, entry.revoke_reason)

    def _signing_key(self, uow, unit: Unit) -> tuple[str, bytes]:
        """The unit's Ed25519 certificate key, made on first use (PyNaCl / libsodium)."""
        found = uow.certificates.signing_key(unit.code)
        if found is not None:
            return found
        from nacl.signing import SigningKey

        key = SigningKey.generate()
        public = bytes(key.verify_key)
        key_id = hashlib.sha256(public).digest()[:4].hex()
        uow.certificates.add_key(unit.code, key_id, public, bytes(key))
        uow.audit.record(self._context.actor, "certificate.key_created", "unit", unit.id, unit.code,
                         after={"key_id": key_id})
        uow.flush()
        return key_id, bytes(key)


def _own_unit(uow) -> Unit:
    unit = uow.units.own()
    if unit is None:
        raise UnitNotSetUp()
    return unit


def _current(certificates: Iterable[Certificate], on: date) -> Certificate | None:
    valid = [c for c in certificates if certificate_status(c, on) is CertificateStatus.VALID]
    return valid[-1] if valid else None


def _active_member_ids(uow, team_id: str | None) -> list[str]:
    """Active members in roster order: team by team, Tổ trưởng, Tổ phó, then by name."""
    unit = _own_unit(uow)
    teams = [t for t in uow.teams.list(unit.code) if t.dissolved_on is None]
    if team_id is not None:
        teams = [t for t in teams if t.id == team_id]
        if not teams:
            raise RecordNotFound("team", team_id)
    teams.sort(key=lambda t: vn_text.natural_key(t.name))
    order = {"to_truong": 0, "to_pho": 1, "to_vien": 2}
    ids: list[str] = []
    for team in teams:
        assignments = uow.assignments.open_for_team(team.id)
        members = uow.members.many(a.member_id for a in assignments)
        assignments.sort(key=lambda a: (order.get(a.position.value, 3),
                                        vn_text.name_sort_key(members[a.member_id].full_name)))
        ids.extend(a.member_id for a in assignments if members[a.member_id].status is MemberStatus.ACTIVE)
    return ids


def _current_team_names(uow, members) -> dict[str, str]:
    names: dict[str, str] = {}
    teams: dict[str, str] = {}
    for member_id in members:
        held = uow.assignments.open_for_member(member_id)
        if held is not None:
            if held.team_id not in teams:
                teams[held.team_id] = uow.teams.get(held.team_id).name
            names[member_id] = teams[held.team_id]
    return names
