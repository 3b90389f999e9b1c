"""Thành viên: the person record, and the validation a form or an import runs on it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from enum import Enum

from antt_desktop.domain import eligibility, personal_ids, phones, vn_text
from antt_desktop.domain.dates import BirthDate, DateInFuture, DateTooOld
from antt_desktop.domain.errors import DomainError, error_dataclass
from antt_desktop.domain.people import (
    EducationLevel,
    Gender,
    MemberStatus,
    PriorForce,
    ResidenceKind,
)


@dataclass(frozen=True, slots=True)
class Member:
    id: str
    unit_code: str
    full_name: str
    gender: Gender
    birth_date: date | None = None
    birth_year: int | None = None
    id_number: str | None = None
    id_issued_on: date | None = None
    ethnicity: str = "Kinh"
    religion: str = ""
    education_level: EducationLevel | None = None
    phone: str | None = None
    hamlet_id: str | None = None
    address: str = ""
    residence_kind: ResidenceKind = ResidenceKind.PERMANENT
    residence_since: date | None = None
    prior_force: PriorForce = PriorForce.NEW
    status: MemberStatus = MemberStatus.PROPOSED
    joined_on: date | None = None
    left_on: date | None = None
    leave_reason: str = ""
    over_70_approval: str = ""        # the Chủ tịch's approval for a member over 70 (Điều 13 khoản 1)
    has_photo: bool = False
    note: str = ""

    @property
    def birth(self) -> BirthDate:
        return BirthDate(full=self.birth_date, year_only=None if self.birth_date else self.birth_year)

    @property
    def search_key(self) -> str:
        return member_search_key(self.full_name, self.id_number, self.phone)

    @property
    def sort_key(self) -> str:
        return vn_text.name_sort_key(self.full_name)


@dataclass(frozen=True, slots=True)
class MemberDraft:
    """What a user typed (already split into typed fields by the form or the reader)."""

    full_name: str
    gender: Gender
    birth: BirthDate
    id_number: str | None = None
    id_issued_on: date | None = None
    ethnicity: str = "Kinh"
    religion: str = ""
    education_level: EducationLevel | None = None
    phone: str | None = None
    hamlet_id: str | None = None
    address: str = ""
    residence_kind: ResidenceKind = ResidenceKind.PERMANENT
    residence_since: date | None = None
    prior_force: PriorForce = PriorForce.NEW
    over_70_approval: str = ""
    note: str = ""


@dataclass(frozen=True, slots=True)
class FieldProblem:
    """A problem tied to one field of the form, so the UI shows it beside that field."""

    field: str
    error: DomainError


@dataclass(frozen=True, slots=True)
class ValidatedMember:
    draft: MemberDraft               # cleaned: NFC names, restored ID and phone digits
    warnings: tuple[FieldProblem, ...]


@error_dataclass
class MemberInvalid(DomainError):
    """One or more fields are wrong; nothing was saved."""

    problems: tuple[FieldProblem, ...]


@error_dataclass
class NameMissing(DomainError):
    pass


@error_dataclass
class NameHasDigits(DomainError):
    name: str


@error_dataclass
class BirthMissing(DomainError):
    pass


@error_dataclass
class DuplicateIdNumber(DomainError):
    id_number: str
    other_name: str
    other_unit_code: str


def member_search_key(full_name: str, id_number: str | None, phone: str | None) -> str:
    """One folded string searched with LIKE '%q%': the name, the ID number and the phone."""
    parts = [vn_text.fold(full_name)]
    if id_number:
        parts.append(id_number)
    if phone:
        parts.append(phone)
    return " ".join(parts)


def validate_member_draft(
    draft: MemberDraft,
    *,
    province_codes: Mapping[str, str],
    today: date,
    is_exempt_area: bool = False,
) -> ValidatedMember:
    """Clean and check every field; raise MemberInvalid listing all field errors at once."""
    errors: list[FieldProblem] = []
    warnings: list[FieldProblem] = []

    full_name = vn_text.normalize_name(draft.full_name)
    if not full_name:
        errors.append(FieldProblem("full_name", NameMissing()))
    elif any(ch.isdigit() for ch in full_name):
        errors.append(FieldProblem("full_name", NameHasDigits(full_name)))

    birth = draft.birth
    if birth.full is None and birth.year_only is None:
        errors.append(FieldProblem("birth", BirthMissing()))
    elif birth.full is not None:
        if birth.full > today:
            errors.append(FieldProblem("birth", DateInFuture(birth.full, today)))
        elif birth.full.year < 1900:
            errors.append(FieldProblem("birth", DateTooOld(birth.full)))
    elif birth.year_only is not None and not 1900 <= birth.year_only <= today.year:
        errors.append(FieldProblem("birth", DateTooOld(date(max(birth.year_only, 1), 1, 1))))

    id_number = None
    if draft.id_number and str(draft.id_number).strip():
        try:
            check = personal_ids.check_personal_id(
                draft.id_number,
                province_codes=province_codes,
                birth_date=birth.full,
                birth_year=birth.year,
                gender=draft.gender,
                today=today,
            )
            id_number = check.number
            warnings.extend(FieldProblem("id_number", w) for w in check.warnings)
        except DomainError as error:
            errors.append(FieldProblem("id_number", error))

    phone = None
    if draft.phone and str(draft.phone).strip():
        try:
            phone_check = phones.normalize_phone(draft.phone)
            phone = phone_check.number
            warnings.extend(FieldProblem("phone", w) for w in phone_check.warnings)
        except DomainError as error:
            errors.append(FieldProblem("phone", error))

    for field_name in ("residence_since", "id_issued_on"):
        value = getattr(draft, field_name)
        if value is not None and value > today:
            errors.append(FieldProblem(field_name, DateInFuture(value, today)))

    if not any(p.field == "birth" for p in errors) and birth.year is not None:
        candidate = eligibility.Candidate(
            birth_date=birth.full,
            birth_year=birth.year_only,
            residence_since=draft.residence_since,
            education_level=draft.education_level,
            in_exempt_area=is_exempt_area,
            over_70_override=bool(draft.over_70_approval.strip()),
        )
        for failure in eligibility.check_membership_conditions(candidate, today):
            # Under 18 can never be on the force's records; the rest is checked again,
            # blocking, when a recognition decision is issued (Điều 13).
            target = errors if isinstance(failure, eligibility.UnderMinimumAge) else warnings
            target.append(FieldProblem(_field_of_condition(failure), failure))

    if errors:
        raise MemberInvalid(tuple(errors))
    cleaned = replace(
        draft,
        full_name=full_name,
        id_number=id_number,
        phone=phone,
        ethnicity=vn_text.normalize_name(draft.ethnicity) if draft.ethnicity else "",
        religion=vn_text.normalize_text(draft.religion),
        address=vn_text.normalize_text(draft.address),
        note=draft.note.strip(),
        over_70_approval=vn_text.normalize_text(draft.over_70_approval),
    )
    return ValidatedMember(cleaned, tuple(warnings))


def _field_of_condition(failure: DomainError) -> str:
    name = type(failure).__name__
    if "Residence" in name:
        return "residence_since"
    if "Education" in name:
        return "education_level"
    return "birth"


@dataclass(frozen=True, slots=True)
class MemberListRow:
    """One line of the member list: the member with the current team and position."""

    id: str
    unit_code: str
    full_name: str
    birth_date: date | None
    birth_year: int | None
    gender: Gender
    id_number: str | None
    phone: str | None
    hamlet_id: str | None
    hamlet_name: str
    team_id: str | None
    team_name: str
    position: "Position | None"
    status: MemberStatus
    education_level: EducationLevel | None
    bhyt_valid_to: date | None
    search_key: str
    sort_key: str

    @property
    def birth_iso(self) -> str | None:
        if self.birth_date:
            return self.birth_date.isoformat()
        return str(self.birth_year) if self.birth_year else None

    def has_valid_bhyt(self, on: date) -> bool:
        return self.bhyt_valid_to is not None and self.bhyt_valid_to >= on

    def bhyt_state(self, on: date) -> "BhytState":
        if self.bhyt_valid_to is None:
            return BhytState.NONE
        return BhytState.VALID if self.bhyt_valid_to >= on else BhytState.EXPIRED


class BhytState(str, Enum):
    """The member's BHYT card on a given day, as the list screen filters it."""

    VALID = "con_han"
    EXPIRED = "het_han"
    NONE = "chua_co"


BHYT_STATE_LABELS = {BhytState.VALID: "BHYT còn hạn", BhytState.EXPIRED: "BHYT hết hạn",
                     BhytState.NONE: "Chưa có BHYT"}


from antt_desktop.domain.people import Position  # noqa: E402  (used in the annotation above)
