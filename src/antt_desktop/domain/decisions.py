"""Quyết định: the only way membership changes (DESIGN §2.3). Kinds, drafts, rules, wording.

An issued decision never changes; a mistake is corrected by a new decision. The number
`N/QĐ-UBND` runs per unit and per year and is given at issue, inside the transaction.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from enum import Enum

from antt_desktop.domain import vn_text
from antt_desktop.domain.errors import DomainError, error_dataclass
from antt_desktop.domain.official_documents import (
    Align,
    DocumentList,
    ListColumn,
    ListSection,
    OfficialDocument,
    Orientation,
    Paragraph,
    SignatureBlock,
    continued_clause,
    format_document_number,
    number_line,
    place_date_line,
    roman,
    running_name,
    signature_lines,
    split_body_name,
    written_date,
)
from antt_desktop.domain.people import POSITION_LABELS, Position
from antt_desktop.domain.units import (
    DEFAULT_POLICE_CHIEF_TITLE,
    POLICE_LIST_SYMBOL,
    POLICE_REPORT_SYMBOL,
    Unit,
    police_signer_title,
)

DECISION_SYMBOL = "QĐ-UBND"
FORCE_NAME = "lực lượng tham gia bảo vệ an ninh, trật tự ở cơ sở"
LAW_NAME = "Luật Lực lượng tham gia bảo vệ an ninh, trật tự ở cơ sở"
TEAM_WORDS = "Tổ bảo vệ an ninh, trật tự"


class DecisionKind(str, Enum):
    ESTABLISH_TEAM = "thanh_lap_to"              # Luật 30/2023 Điều 14 khoản 5, TT 14/2024 Điều 4
    RECOGNISE = "cong_nhan_thanh_vien"           # Điều 16; Mẫu số 08
    CHANGE_POSITION = "thay_doi_chuc_danh"
    TERMINATE = "cho_thoi_tham_gia"              # Điều 17 khoản 3
    DISSOLVE_TEAM = "giai_the_to"                # TT 14/2024 Điều 5
    COMMEND = "khen_thuong"
    DISCIPLINE = "ky_luat"


class DecisionState(str, Enum):
    DRAFT = "draft"
    ISSUED = "issued"


class TerminationGround(str, Enum):
    """Luật 30/2023 Điều 17 khoản 3, điểm a–d."""

    APPLICATION = "a"
    HEALTH = "b"
    MISCONDUCT = "c"
    PROSECUTION = "d"


class SignatureForm(str, Enum):
    """NĐ 30/2020: how the signer signs (thay mặt, ký thay, quyền) or in person."""

    IN_PERSON = ""
    ON_BEHALF = "TM."
    DEPUTY = "KT."
    ACTING = "Q."


class ConductKind(str, Enum):
    """The two logs that ground (c) needs (REFERENCE §2.8, app rule)."""

    REMINDER = "nhac_nho"     # Công an cấp xã nhắc nhở bằng văn bản
    REFUSAL = "tu_choi"       # từ chối nhiệm vụ được giao, huy động không có lý do chính đáng


KIND_LABELS = {
    DecisionKind.ESTABLISH_TEAM: "Thành lập tổ",
    DecisionKind.RECOGNISE: "Công nhận thành viên",
    DecisionKind.CHANGE_POSITION: "Thay đổi chức danh",
    DecisionKind.TERMINATE: "Cho thôi tham gia",
    DecisionKind.DISSOLVE_TEAM: "Giải thể tổ",
    DecisionKind.COMMEND: "Khen thưởng",
    DecisionKind.DISCIPLINE: "Kỷ luật",
}
STATE_LABELS = {DecisionState.DRAFT: "Dự thảo", DecisionState.ISSUED: "Đã ban hành"}
GROUND_LABELS = {
    TerminationGround.APPLICATION: "a) Tự nguyện xin thôi tham gia (có đơn)",
    TerminationGround.HEALTH: "b) Không còn đủ sức khỏe (có xác nhận của cơ sở y tế)",
    TerminationGround.MISCONDUCT: "c) Từ chối nhiệm vụ từ 02 lần, đã được nhắc nhở bằng văn bản từ 02 lần",
    TerminationGround.PROSECUTION: "d) Bị khởi tố, bị áp dụng biện pháp ngăn chặn hoặc xử lý hành chính",
}
# Wording of each ground inside the decision (Luật 30/2023 Điều 17 khoản 3).
GROUND_TEXTS = {
    TerminationGround.APPLICATION: "có đơn tự nguyện xin thôi tham gia",
    TerminationGround.HEALTH: "không còn đủ sức khỏe để thực hiện nhiệm vụ theo xác nhận của cơ sở "
                              "khám bệnh, chữa bệnh có thẩm quyền",
    TerminationGround.MISCONDUCT: "từ chối thực hiện nhiệm vụ được giao, huy động từ 02 lần trở lên mà "
                                  "không có lý do chính đáng, đã được Công an cấp xã nhắc nhở bằng văn "
                                  "bản từ 02 lần trở lên nhưng vẫn tiếp tục vi phạm",
    TerminationGround.PROSECUTION: "bị khởi tố bị can, bị áp dụng biện pháp ngăn chặn theo quy định của "
                                   "pháp luật về tố tụng hình sự hoặc biện pháp xử lý vi phạm hành chính",
}
SIGNATURE_FORM_LABELS = {
    SignatureForm.IN_PERSON: "Ký trực tiếp",
    SignatureForm.ON_BEHALF: "TM. (thay mặt tập thể)",
    SignatureForm.DEPUTY: "KT. (cấp phó ký thay)",
    SignatureForm.ACTING: "Q. (quyền)",
}
CONDUCT_LABELS = {ConductKind.REMINDER: "Nhắc nhở bằng văn bản", ConductKind.REFUSAL: "Từ chối nhiệm vụ"}

# Luật 30/2023 Điều 17 khoản 3 điểm c: "từ 02 lần trở lên" for both.
GROUND_C_MIN_REMINDERS = 2
GROUND_C_MIN_REFUSALS = 2

KINDS_WITH_POSITIONS = (DecisionKind.RECOGNISE, DecisionKind.CHANGE_POSITION)
KINDS_NAMING_MEMBERS = (DecisionKind.RECOGNISE, DecisionKind.CHANGE_POSITION, DecisionKind.TERMINATE,
                        DecisionKind.COMMEND, DecisionKind.DISCIPLINE)
POSITION_ORDER = {Position.LEADER: 0, Position.DEPUTY: 1, Position.MEMBER: 2}


@dataclass(frozen=True, slots=True)
class DecisionLine:
    """A member named in a decision, with the team and position it gives (recognition, change)."""

    member_id: str
    team_id: str | None = None
    position: Position | None = None


@dataclass(frozen=True, slots=True)
class NewTeam:
    """A team an establishing decision creates (or an existing, not yet established one)."""

    hamlet_id: str
    name: str = ""
    team_id: str | None = None


@dataclass(frozen=True, slots=True)
class NamedLine:
    """What the documents print about a member named in a decision; frozen at issue."""

    member_id: str
    full_name: str
    gender: str = "nam"
    birth: str = ""                         # "05/07/1985", or "1985" when only the year is known
    residence: str = ""                     # thôn / tổ dân phố
    team_id: str | None = None
    team_name: str = ""
    position: Position | None = None
    previous_position: Position | None = None
    previous_team_name: str = ""
    id_number: str = ""
    education: str = ""
    prior_force: str = ""

    def to_json(self) -> dict:
        return {
            "member_id": self.member_id, "full_name": self.full_name, "gender": self.gender,
            "birth": self.birth, "residence": self.residence, "team_id": self.team_id,
            "team_name": self.team_name, "position": self.position.value if self.position else None,
            "previous_position": self.previous_position.value if self.previous_position else None,
            "previous_team_name": self.previous_team_name, "id_number": self.id_number,
            "education": self.education, "prior_force": self.prior_force,
        }

    @classmethod
    def from_json(cls, data: Mapping) -> "NamedLine":
        return cls(
            member_id=data["member_id"], full_name=data.get("full_name", ""),
            gender=data.get("gender", "nam"), birth=data.get("birth", ""),
            residence=data.get("residence", ""), team_id=data.get("team_id"),
            team_name=data.get("team_name", ""),
            position=Position(data["position"]) if data.get("position") else None,
            previous_position=Position(data["previous_position"]) if data.get("previous_position") else None,
            previous_team_name=data.get("previous_team_name", ""), id_number=data.get("id_number", ""),
            education=data.get("education", ""), prior_force=data.get("prior_force", ""),
        )


@dataclass(frozen=True, slots=True)
class DecisionDraft:
    """What the officer fills in; validated by `check_draft`, saved as a draft decision."""

    kind: DecisionKind
    lines: tuple[DecisionLine, ...] = ()
    team_id: str | None = None                       # giải thể tổ: the team
    new_teams: tuple[NewTeam, ...] = ()              # thành lập tổ: the teams
    termination_ground: TerminationGround | None = None
    signed_on: date | None = None                    # None: the day it is issued
    effective_on: date | None = None                 # None: from the day it is signed
    place: str = ""
    signer_name: str = ""
    signer_title: str = "CHỦ TỊCH"
    signature_form: SignatureForm = SignatureForm.IN_PERSON
    legal_bases: tuple[str, ...] = ()
    recipients: tuple[str, ...] = ()
    title: str = ""                                  # trích yếu; blank: worded from the kind
    reason: str = ""                                 # thành tích, vi phạm, lý do
    measure: str = ""                                # hình thức khen thưởng / kỷ luật


@dataclass(frozen=True, slots=True)
class Decision:
    """A stored decision. `articles`, `title` and `snapshot` are frozen when it is issued."""

    id: str
    unit_code: str
    kind: DecisionKind
    state: DecisionState = DecisionState.DRAFT
    lines: tuple[DecisionLine, ...] = ()
    team_id: str | None = None
    new_teams: tuple[NewTeam, ...] = ()
    termination_ground: TerminationGround | None = None
    year: int | None = None
    sequence: int | None = None
    number: str | None = None
    title: str = ""
    signed_on: date | None = None
    effective_on: date | None = None
    place: str = ""
    signer_name: str = ""
    signer_title: str = "CHỦ TỊCH"
    signature_form: SignatureForm = SignatureForm.IN_PERSON
    legal_bases: tuple[str, ...] = ()
    articles: tuple[Paragraph, ...] = ()
    recipients: tuple[str, ...] = ()
    reason: str = ""
    measure: str = ""
    snapshot: tuple[NamedLine, ...] = ()
    issued_at: datetime | None = None
    created_at: datetime | None = field(default=None, compare=False)

    @property
    def is_issued(self) -> bool:
        return self.state is DecisionState.ISSUED

    @property
    def member_ids(self) -> tuple[str, ...]:
        return tuple(line.member_id for line in self.lines)

    def as_draft(self) -> DecisionDraft:
        return DecisionDraft(
            kind=self.kind, lines=self.lines, team_id=self.team_id, new_teams=self.new_teams,
            termination_ground=self.termination_ground, signed_on=self.signed_on,
            effective_on=self.effective_on, place=self.place, signer_name=self.signer_name,
            signer_title=self.signer_title, signature_form=self.signature_form,
            legal_bases=self.legal_bases, recipients=self.recipients, title=self.title,
            reason=self.reason, measure=self.measure,
        )

    def with_draft(self, draft: DecisionDraft) -> "Decision":
        """The same draft decision holding the officer's new values; issued ones refuse."""
        if self.is_issued:
            raise DecisionAlreadyIssued(self.number or "")
        return replace(
            self, kind=draft.kind, lines=draft.lines, team_id=draft.team_id, new_teams=draft.new_teams,
            termination_ground=draft.termination_ground, signed_on=draft.signed_on,
            effective_on=draft.effective_on, place=draft.place, signer_name=draft.signer_name,
            signer_title=draft.signer_title, signature_form=draft.signature_form,
            legal_bases=draft.legal_bases, recipients=draft.recipients, title=draft.title,
            reason=draft.reason, measure=draft.measure,
        )

    def issue(self, *, sequence: int, signed_on: date, issued_at: datetime, title: str,
              articles: tuple[Paragraph, ...], legal_bases: tuple[str, ...], recipients: tuple[str, ...],
              snapshot: tuple[NamedLine, ...], symbol: str = DECISION_SYMBOL) -> "Decision":
        if self.is_issued:
            raise DecisionAlreadyIssued(self.number or "")
        return replace(
            self, state=DecisionState.ISSUED, year=signed_on.year, sequence=sequence,
            number=format_document_number(sequence, symbol), signed_on=signed_on,
            effective_on=self.effective_on or signed_on, issued_at=issued_at, title=title,
            articles=articles, legal_bases=legal_bases, recipients=recipients, snapshot=snapshot,
        )


@dataclass(frozen=True, slots=True)
class ConductEvent:
    """One written reminder or one refused task (Điều 17 khoản 3 điểm c)."""

    id: str
    unit_code: str
    member_id: str
    kind: ConductKind
    occurred_on: date
    reference: str = ""
    description: str = ""
    recorded_by: str = ""


@dataclass(frozen=True, slots=True)
class ConductCounts:
    reminders: int = 0
    refusals: int = 0

    @property
    def meets_ground_c(self) -> bool:
        return self.reminders >= GROUND_C_MIN_REMINDERS and self.refusals >= GROUND_C_MIN_REFUSALS


def count_conduct(events: Sequence[ConductEvent], on: date | None = None) -> ConductCounts:
    """Reminders and refusals dated on or before `on` (the decision's date)."""
    counted = [e for e in events if on is None or e.occurred_on <= on]
    kinds = Counter(e.kind for e in counted)
    return ConductCounts(kinds[ConductKind.REMINDER], kinds[ConductKind.REFUSAL])


def next_sequence(highest: int | None, first_of_year: int = 1) -> int:
    """The next number of the year: one above the highest issued, never below the office's
    first number for the year (an office that starts the app mid-year sets it)."""
    return max((highest or 0) + 1, first_of_year)


# --- Errors -------------------------------------------------------------------------------

@error_dataclass
class DecisionInvalid(DomainError):
    """The draft has one or more problems; nothing was saved."""

    problems: tuple[DomainError, ...]


@error_dataclass
class NoMembersNamed(DomainError):
    kind: DecisionKind


@error_dataclass
class NoTeamsNamed(DomainError):
    pass


@error_dataclass
class TeamNotChosen(DomainError):
    pass


@error_dataclass
class TeamMissingForMember(DomainError):
    member_name: str


@error_dataclass
class PositionMissing(DomainError):
    member_name: str


@error_dataclass
class DuplicateMember(DomainError):
    member_name: str


@error_dataclass
class DuplicateHamlet(DomainError):
    hamlet_name: str


@error_dataclass
class PositionTwiceInTeam(DomainError):
    team_name: str
    position: Position


@error_dataclass
class GroundMissing(DomainError):
    pass


@error_dataclass
class EffectiveBeforeSigned(DomainError):
    signed_on: date
    effective_on: date


@error_dataclass
class SignerTitleMissing(DomainError):
    pass


@error_dataclass
class DecisionAlreadyIssued(DomainError):
    """An issued decision never changes; a mistake is corrected by a new decision."""

    number: str


@error_dataclass
class SignedInFuture(DomainError):
    signed_on: date
    today: date


@error_dataclass
class SignedBeforePrevious(DomainError):
    """The yearly numbers follow the dates: a decision cannot be dated before the last one."""

    signed_on: date
    previous_number: str
    previous_signed_on: date


@error_dataclass
class DecisionNumberTaken(DomainError):
    """Another user issued a decision with this number at the same moment (retried)."""

    number: str


@error_dataclass
class IneligibleMember(DomainError):
    member_name: str
    failures: tuple[DomainError, ...]


@error_dataclass
class RecognitionBlocked(DomainError):
    """Điều 13: members who do not (provably) meet the conditions cannot be recognised."""

    members: tuple[IneligibleMember, ...]


@error_dataclass
class MemberAlreadyActive(DomainError):
    member_name: str


@error_dataclass
class MemberNotActive(DomainError):
    member_name: str


@error_dataclass
class GroundCNotMet(DomainError):
    member_name: str
    reminders: int
    refusals: int
    min_reminders: int = GROUND_C_MIN_REMINDERS
    min_refusals: int = GROUND_C_MIN_REFUSALS


@error_dataclass
class HamletAlreadyHasTeam(DomainError):
    hamlet_name: str
    team_name: str


@error_dataclass
class TeamAlreadyDissolved(DomainError):
    team_name: str


@error_dataclass
class DecisionChangesNothing(DomainError):
    """A change of position that gives a member the position and team they already hold."""

    member_name: str


@error_dataclass
class NoProposalForKind(DomainError):
    """Only recognition (Mẫu số 05, 06) and termination (Mẫu số 07) have a proposal paper."""

    kind: DecisionKind


@error_dataclass
class ConductDateInFuture(DomainError):
    occurred_on: date
    today: date


@error_dataclass
class GroundCNotProven(DomainError):
    """Ground (c) is not proven by the conduct log: the Mẫu 07 report and the draft decision
    are not printed (the same check that refuses issuing). `document` is "proposal" or "decision"."""

    document: str
    members: tuple[GroundCNotMet, ...]


@error_dataclass
class TeamQuotaExceeded(DomainError):
    """Issuing would put a team above the quota of its hamlet (province's rule or the unit's own)."""

    team_name: str
    max_members: int
    count_after: int
    basis: str = ""


@error_dataclass
class TeamQuotaUnknown(DomainError):
    """A warning, not a refusal: the team's quota is not known (UNCONFIRMED or missing)."""

    team_name: str
    count_after: int
    cause: DomainError | None = None    # why it is unknown (SizingRuleUnconfirmed, SizingInputMissing…)


@error_dataclass
class ProposalDatedAfterDecision(DomainError):
    on: date
    signed_on: date


@error_dataclass
class ProposalDateInFuture(DomainError):
    on: date
    today: date


def ground_c_shortfalls(named: Sequence[tuple[str, Sequence[ConductEvent]]], on: date | None) -> tuple[GroundCNotMet, ...]:
    """The members (name, conduct log) whose log does not meet ground (c) on `on`."""
    problems = []
    for name, events in named:
        counts = count_conduct(events, on)
        if not counts.meets_ground_c:
            problems.append(GroundCNotMet(name, counts.reminders, counts.refusals))
    return tuple(problems)


def proposal_date(today: date, signed_on: date | None, wanted: date | None = None) -> date:
    """The date of the police's proposal: never after the decision it proposes (TT 14/2024
    Điều 4, 5: the proposal comes first) nor after today; the officer may choose an earlier one."""
    if wanted is not None:
        if wanted > today:
            raise ProposalDateInFuture(wanted, today)
        if signed_on is not None and wanted > signed_on:
            raise ProposalDatedAfterDecision(wanted, signed_on)
        return wanted
    return min(signed_on, today) if signed_on else today


# --- Checking a draft -----------------------------------------------------------------------

def check_draft(draft: DecisionDraft, *, member_names: Mapping[str, str],
                team_names: Mapping[str, str], hamlet_names: Mapping[str, str]) -> None:
    """Raise DecisionInvalid listing every problem of the draft's shape at once."""
    problems: list[DomainError] = []
    kind = draft.kind
    name = lambda member_id: member_names.get(member_id, member_id)  # noqa: E731

    if kind in KINDS_NAMING_MEMBERS and not draft.lines:
        problems.append(NoMembersNamed(kind))
    seen: set[str] = set()
    for line in draft.lines:
        if line.member_id in seen:
            problems.append(DuplicateMember(name(line.member_id)))
        seen.add(line.member_id)
        if kind in KINDS_WITH_POSITIONS:
            if not line.team_id:
                problems.append(TeamMissingForMember(name(line.member_id)))
            if line.position is None:
                problems.append(PositionMissing(name(line.member_id)))
    if kind in KINDS_WITH_POSITIONS:
        # Luật 30/2023 Điều 16: one Tổ trưởng and one Tổ phó per team.
        holders = Counter((l.team_id, l.position) for l in draft.lines
                          if l.position in (Position.LEADER, Position.DEPUTY) and l.team_id)
        for (team_id, position), count in sorted(holders.items(), key=lambda i: (str(i[0][0]), i[0][1].value)):
            if count > 1:
                problems.append(PositionTwiceInTeam(team_names.get(team_id, team_id), position))
    if kind is DecisionKind.TERMINATE and draft.termination_ground is None:
        problems.append(GroundMissing())
    if kind is DecisionKind.ESTABLISH_TEAM:
        if not draft.new_teams:
            problems.append(NoTeamsNamed())
        hamlets = Counter(t.hamlet_id for t in draft.new_teams)
        for hamlet_id, count in hamlets.items():
            if count > 1:
                problems.append(DuplicateHamlet(hamlet_names.get(hamlet_id, hamlet_id)))
    if kind is DecisionKind.DISSOLVE_TEAM and not draft.team_id:
        problems.append(TeamNotChosen())
    if draft.signed_on and draft.effective_on and draft.effective_on < draft.signed_on:
        problems.append(EffectiveBeforeSigned(draft.signed_on, draft.effective_on))
    if not draft.signer_title.strip():
        problems.append(SignerTitleMissing())
    if problems:
        raise DecisionInvalid(tuple(problems))


def clean_draft(draft: DecisionDraft) -> DecisionDraft:
    """NFC text, no empty legal bases or recipients."""
    text = vn_text.normalize_text
    # Enum members may arrive as their plain values (Qt item data, JSON): read them back.
    lines = tuple(DecisionLine(l.member_id, l.team_id or None, Position(l.position) if l.position else None)
                  for l in draft.lines)
    return replace(
        draft,
        kind=DecisionKind(draft.kind), lines=lines, signature_form=SignatureForm(draft.signature_form or ""),
        termination_ground=TerminationGround(draft.termination_ground) if draft.termination_ground else None,
        place=text(draft.place), signer_name=vn_text.normalize_name(draft.signer_name) if draft.signer_name.strip() else "",
        signer_title=text(draft.signer_title).upper(), title=text(draft.title),
        legal_bases=tuple(t for t in (text(b) for b in draft.legal_bases) if t),
        recipients=tuple(t for t in (text(r) for r in draft.recipients) if t),
        reason=text(draft.reason), measure=text(draft.measure),
        new_teams=tuple(replace(t, name=text(t.name)) for t in draft.new_teams),
    )


# --- Wording ---------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class IssuerFacts:
    """What the wording needs from the unit (the commune, its UBND and its police)."""

    unit_name: str                      # "Xã Tân Phú"
    people_committee_name: str          # "ỦY BAN NHÂN DÂN XÃ TÂN PHÚ"
    place_name: str                     # "Tân Phú"
    province_name: str                  # "Gia Lai"
    higher_police_name: str             # "Công an tỉnh Gia Lai"
    police_chief_name: str = ""
    police_chief_title: str = DEFAULT_POLICE_CHIEF_TITLE
    chairman_name: str = ""
    chairman_title: str = "CHỦ TỊCH"
    signature_form: str = ""
    resolution: str = ""                # "Nghị quyết số 03/2024/NQ-HĐND ngày … của Hội đồng nhân dân tỉnh …"
    resolution_short: str = ""          # "Nghị quyết số 03/2024/NQ-HĐND của Hội đồng nhân dân tỉnh Bình Định"
    resolution_on: date | None = None   # the day the resolution was adopted, when known
    legal_bases: tuple[str, ...] = ()   # the unit's own Căn cứ, replacing the built-in ones
    unit_kind: str = "xa"

    @property
    def police_name(self) -> str:
        """"CÔNG AN XÃ TÂN PHÚ" for the header of the police's own papers."""
        return f"CÔNG AN {self.unit_name.upper()}"

    @property
    def police_signer_title(self) -> str:
        return police_signer_title(self.police_chief_title)

    @property
    def committee_running(self) -> str:
        """"Ủy ban nhân dân xã Tân Phú" inside a sentence."""
        return f"Ủy ban nhân dân {running_name(self.unit_name)}"


def issuer_from_unit(unit: Unit, *, resolution: str = "", resolution_short: str = "",
                     resolution_on: date | None = None) -> IssuerFacts:
    settings = unit.settings or {}
    bases = tuple(str(b) for b in settings.get("decision_legal_bases", ()) if str(b).strip())
    return IssuerFacts(
        unit_name=unit.name,
        people_committee_name=unit.people_committee_name or f"ỦY BAN NHÂN DÂN {unit.name.upper()}",
        place_name=unit.place_name or unit.name, province_name=unit.province_name,
        higher_police_name=unit.higher_unit_name or f"Công an tỉnh {unit.province_name}",
        police_chief_name=unit.police_chief_name, police_chief_title=unit.police_chief_title,
        chairman_name=unit.chairman_name, chairman_title=unit.chairman_title or "CHỦ TỊCH",
        signature_form=unit.signature_form, resolution=resolution, resolution_short=resolution_short,
        resolution_on=resolution_on, legal_bases=bases, unit_kind=unit.kind,
    )


def resolution_basis(number: str | None, issued_on: date | None, province_name: str) -> str:
    """"Nghị quyết số 03/2024/NQ-HĐND ngày … của Hội đồng nhân dân tỉnh …" or ""."""
    if not number:
        return ""
    text = number if number.lower().startswith("nghị quyết") else f"Nghị quyết số {number}"
    if issued_on:
        text += f" {written_date(issued_on)}"
    return f"{text} của Hội đồng nhân dân tỉnh {province_name}"


def resolution_short_name(number: str | None, province_name: str) -> str:
    """"Nghị quyết số 03/2024/NQ-HĐND của Hội đồng nhân dân tỉnh Bình Định" (for the articles), or ""."""
    if not number:
        return ""
    text = number if number.lower().startswith("nghị quyết") else f"Nghị quyết số {number}"
    return f"{text} của Hội đồng nhân dân tỉnh {province_name}"


def _cited_resolution(issuer: IssuerFacts, on: date | None) -> str:
    """The resolution the Căn cứ cite (possibly of a province merged in 2025), for the articles
    to name the same one; "" when unknown or adopted after `on`."""
    if issuer.resolution_short and not (on and issuer.resolution_on and issuer.resolution_on > on):
        return issuer.resolution_short
    return ""


# The Luật Tổ chức chính quyền địa phương the Căn cứ cite: the 2025 law (Luật số 72/2025/QH15,
# passed and in force 16/6/2025) replaced the 2015 law as amended in 2019.
LOCAL_GOVERNMENT_LAW_2025_ON = date(2025, 6, 16)
LOCAL_GOVERNMENT_BASIS_2015 = ("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; Luật sửa đổi, "
                               "bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa "
                               "phương ngày 22 tháng 11 năm 2019;")
LOCAL_GOVERNMENT_BASIS_2025 = "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;"

_WRITTEN_DATE = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", re.IGNORECASE)
_NUMERIC_DATE = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/(\d{4})(?![\d/])")


def cited_dates(text: str) -> tuple[date, ...]:
    """The dates a Căn cứ names ("ngày 12 tháng 6 năm 2024", "12/6/2024")."""
    found = []
    for pattern in (_WRITTEN_DATE, _NUMERIC_DATE):
        for day, month, year in pattern.findall(text):
            try:
                found.append(date(int(year), int(month), int(day)))
            except ValueError:
                continue
    return tuple(found)


def bases_in_force(bases: Sequence[str], on: date | None) -> tuple[str, ...]:
    """The Căn cứ without those citing an instrument dated after `on` (a decision never cites
    a text that did not yet exist)."""
    if on is None:
        return tuple(bases)
    return tuple(b for b in bases if all(d <= on for d in cited_dates(b)))


# Articles that say who carries the decision out, per kind (for "Như Điều N" in Nơi nhận).
def _execution_article(kind: DecisionKind) -> int:
    return 3 if kind in (DecisionKind.CHANGE_POSITION, DecisionKind.COMMEND, DecisionKind.DISCIPLINE) else 4


def default_legal_bases(kind: DecisionKind, issuer: IssuerFacts, on: date | None = None) -> tuple[str, ...]:
    """Căn cứ prefilled from the unit, as they stood on `on` (the signing date; None: the texts
    in force now); the officer may edit them in the draft."""
    proposal = f"Theo đề nghị của Trưởng Công an {running_name(issuer.unit_name)}."
    if issuer.legal_bases:
        return (*bases_in_force(issuer.legal_bases, on), proposal)
    bases = [
        LOCAL_GOVERNMENT_BASIS_2015 if on and on < LOCAL_GOVERNMENT_LAW_2025_ON else LOCAL_GOVERNMENT_BASIS_2025,
        f"Căn cứ {LAW_NAME} ngày 28 tháng 11 năm 2023;",
        f"Căn cứ Nghị định số 40/2024/NĐ-CP ngày 16 tháng 4 năm 2024 của Chính phủ quy định chi tiết "
        f"một số điều và biện pháp thi hành {LAW_NAME};",
        f"Căn cứ Thông tư số 14/2024/TT-BCA ngày 22 tháng 4 năm 2024 của Bộ trưởng Bộ Công an quy định "
        f"chi tiết một số điều của {LAW_NAME};",
    ]
    if kind is DecisionKind.COMMEND:
        bases.append("Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;")
    if issuer.resolution and kind in (DecisionKind.ESTABLISH_TEAM, DecisionKind.RECOGNISE,
                                      DecisionKind.CHANGE_POSITION, DecisionKind.DISSOLVE_TEAM):
        bases.append(f"Căn cứ {issuer.resolution};")
    bases.append(proposal)
    return bases_in_force(bases, on)


def default_recipients(kind: DecisionKind, issuer: IssuerFacts) -> tuple[str, ...]:
    return (
        f"Như Điều {_execution_article(kind)};",
        f"{issuer.higher_police_name} (để báo cáo);",
        "Chủ tịch, các Phó Chủ tịch UBND;",
        "Lưu: VT, CA.",
    )


def formal_team_name(name: str) -> str:
    """"Tổ bảo vệ ANTT Thôn 1" → "Tổ bảo vệ an ninh, trật tự Thôn 1" for official wording."""
    return name.replace("Tổ bảo vệ ANTT", TEAM_WORDS).replace("tổ bảo vệ ANTT", TEAM_WORDS)


def compose_title(kind: DecisionKind, team_names: Sequence[str], issuer: IssuerFacts) -> str:
    """The trích yếu: "Về việc …"."""
    place = running_name(issuer.unit_name)
    teams = sorted(set(team_names), key=vn_text.natural_key)
    one = formal_team_name(teams[0]) if len(teams) == 1 else ""
    many = f"các {TEAM_WORDS} ở cơ sở trên địa bàn {place}"
    if kind is DecisionKind.ESTABLISH_TEAM:
        return f"Về việc thành lập {one or many}"
    if kind is DecisionKind.RECOGNISE:
        return f"Về việc công nhận thành viên {one or many}"
    if kind is DecisionKind.CHANGE_POSITION:
        return f"Về việc thay đổi chức danh thành viên {one or many}"
    if kind is DecisionKind.DISSOLVE_TEAM:
        return f"Về việc giải thể {one or TEAM_WORDS}"
    if kind is DecisionKind.TERMINATE:
        return f"Về việc cho thôi tham gia {FORCE_NAME}"
    if kind is DecisionKind.COMMEND:
        return f"Về việc khen thưởng thành viên {FORCE_NAME}"
    return f"Về việc kỷ luật thành viên {FORCE_NAME}"


def _person(line: NamedLine, *, start: bool = False) -> str:
    title = "bà" if line.gender == "nữ" else "ông"
    if start:
        title = title.capitalize()
    birth = ""
    if line.birth:
        birth = f", sinh năm {line.birth}" if len(line.birth) == 4 else f", sinh ngày {line.birth}"
    return f"{title} {line.full_name}{birth}"


def _position_in_team(position: Position | None, team_name: str) -> str:
    label = POSITION_LABELS[position] if position else "thành viên"
    return f"{label} {formal_team_name(team_name)}" if team_name else label


def _effect_article(effective_on: date | None, signed_on: date | None) -> str:
    if effective_on is None or effective_on == signed_on:
        return "Quyết định này có hiệu lực kể từ ngày ký."
    return f"Quyết định này có hiệu lực kể từ {written_date(effective_on)}."


# Two-tier local government from 01/7/2025: the commune has a Văn phòng HĐND và UBND; before,
# a công chức Văn phòng - Thống kê.
TWO_TIER_FROM = date(2025, 7, 1)


def _execution_text(issuer: IssuerFacts, named: str, extra: str = "", on: date | None = None) -> str:
    place = running_name(issuer.unit_name)
    office = (f"Công chức Văn phòng - Thống kê {place}" if on and on < TWO_TIER_FROM
              else f"Chánh Văn phòng Hội đồng nhân dân và Ủy ban nhân dân {place}")
    return (f"{office}, Trưởng Công an {place}"
            f"{extra} và {named} chịu trách nhiệm thi hành Quyết định này./.")


def _numbered(items: Sequence[str]) -> tuple[str, ...]:
    last = len(items) - 1
    return tuple(f"{i + 1}. {text}{'.' if i == last else ';'}" for i, text in enumerate(items))


def compose_articles(decision: Decision, lines: Sequence[NamedLine], issuer: IssuerFacts, *,
                     team_names: Sequence[str] = (), dissolved_team: str = "",
                     establishing_number: str = "") -> tuple[Paragraph, ...]:
    """Điều 1, Điều 2 … of each kind, worded from the facts (REFERENCE §2.7, §2.8, §4)."""
    kind = decision.kind
    count = len(lines)
    with_list = count > 1
    listed = f"{count:02d} ông (bà) có tên trong danh sách kèm theo Quyết định này"
    named = "các ông (bà) có tên tại Điều 1" if count != 1 else f"{_person(lines[0]).split(',')[0]} có tên tại Điều 1"
    effect = _effect_article(decision.effective_on, decision.signed_on)
    place = running_name(issuer.unit_name)
    signed = decision.signed_on
    resolution = _cited_resolution(issuer, signed)
    teams = sorted(set(team_names) or {l.team_name for l in lines if l.team_name}, key=vn_text.natural_key)
    articles: list[tuple[str, tuple[str, ...]]] = []

    if kind is DecisionKind.ESTABLISH_TEAM:
        if len(teams) == 1:
            articles.append((f"Thành lập {formal_team_name(teams[0])} thuộc {place}.", ()))
        else:
            articles.append((f"Thành lập {len(teams):02d} {TEAM_WORDS} ở cơ sở trên địa bàn {place}, gồm:",
                             _numbered([formal_team_name(t) for t in teams])))
        articles.append((f"{TEAM_WORDS} có nhiệm vụ, quyền hạn theo quy định của {LAW_NAME}; chịu sự "
                         f"quản lý của {issuer.committee_running} và sự chỉ đạo, hướng dẫn, kiểm tra của "
                         f"Công an {place}. Số lượng thành viên của Tổ thực hiện theo "
                         f"{resolution or f'quy định của Hội đồng nhân dân tỉnh {issuer.province_name}'}.", ()))
        articles.append((effect, ()))
        articles.append((_execution_text(issuer, "Trưởng thôn, Tổ trưởng tổ dân phố có liên quan", on=signed),
                         ()))
    elif kind is DecisionKind.RECOGNISE:
        if with_list:
            team_text = formal_team_name(teams[0]) if len(teams) == 1 else \
                f"các {TEAM_WORDS} ở cơ sở trên địa bàn {place}"
            articles.append((f"Công nhận {listed} là thành viên {team_text}.", ()))
        elif lines:
            line = lines[0]
            residence = f", nơi cư trú: {line.residence}" if line.residence else ""
            articles.append((f"Công nhận {_person(line)}{residence}, là "
                             f"{_position_in_team(line.position, line.team_name)}.", ()))
        articles.append((f"Thành viên {TEAM_WORDS} có tên tại Điều 1 có trách nhiệm thực hiện nhiệm vụ, "
                         f"quyền hạn theo quy định của {LAW_NAME}; được hưởng chế độ, chính sách theo quy "
                         f"định của pháp luật và "
                         f"{resolution or f'của Hội đồng nhân dân tỉnh {issuer.province_name}'}.", ()))
        articles.append((effect, ()))
        articles.append((_execution_text(issuer, named, ", Trưởng thôn, Tổ trưởng tổ dân phố có liên quan",
                                         on=signed), ()))
    elif kind is DecisionKind.CHANGE_POSITION:
        changes = []
        for line in lines:
            before = POSITION_LABELS[line.previous_position] if line.previous_position else "thành viên"
            before_team = line.previous_team_name if line.previous_team_name and \
                line.previous_team_name != line.team_name else ""
            before_text = f"{before} {formal_team_name(before_team)}" if before_team else before
            changes.append(f"{_person(line, start=True)}: từ {before_text} sang "
                           f"{_position_in_team(line.position, line.team_name)}")
        if len(changes) == 1:
            articles.append((f"Thay đổi chức danh đối với {changes[0][0].lower()}{changes[0][1:]}.", ()))
        else:
            articles.append(("Thay đổi chức danh đối với các ông (bà) sau đây:", _numbered(changes)))
        articles.append((effect, ()))
        articles.append((_execution_text(issuer, named, on=signed), ()))
    elif kind is DecisionKind.TERMINATE:
        ground = decision.termination_ground
        why = ""
        if ground is not None:
            why = (f" Lý do: {GROUND_TEXTS[ground]} (điểm {ground.value} khoản 3 Điều 17 {LAW_NAME})"
                   f"{'; ' + continued_clause(decision.reason) if decision.reason.strip() else ''}.")
        if with_list:
            articles.append((f"Cho thôi tham gia {FORCE_NAME} đối với {listed}.{why}", ()))
        elif lines:
            line = lines[0]
            articles.append((f"Cho thôi tham gia {FORCE_NAME} đối với {_person(line)}, "
                             f"{_position_in_team(line.position, line.team_name)}.{why}", ()))
        articles.append((f"{named[0].upper()}{named[1:]} có trách nhiệm bàn giao giấy chứng nhận, biển "
                         f"hiệu và phương tiện, trang bị (nếu có) cho Công an {place}; thôi hưởng các chế độ, "
                         f"chính sách của {FORCE_NAME} kể từ ngày Quyết định này có hiệu lực.", ()))
        articles.append((effect, ()))
        articles.append((_execution_text(issuer, named, on=signed), ()))
    elif kind is DecisionKind.DISSOLVE_TEAM:
        team = formal_team_name(dissolved_team) if dissolved_team else TEAM_WORDS
        founded = f", được thành lập theo Quyết định số {establishing_number}" if establishing_number else ""
        why = f" Lý do: {decision.reason}." if decision.reason else ""
        articles.append((f"Giải thể {team}{founded}.{why}", ()))
        if count:
            who = listed if with_list else _person(lines[0])
            articles.append((f"Các thành viên của {team} ({who}) thôi tham gia {FORCE_NAME} kể từ ngày "
                             f"Quyết định này có hiệu lực; bàn giao giấy chứng nhận, biển hiệu và phương "
                             f"tiện, trang bị (nếu có) cho Công an {place}.", ()))
        else:
            articles.append((f"Công an {place} có trách nhiệm thu hồi hồ sơ, phương tiện, trang bị của Tổ "
                             f"(nếu có).", ()))
        articles.append((effect, ()))
        articles.append((_execution_text(issuer, "các cá nhân có liên quan",
                                         ", Trưởng thôn, Tổ trưởng tổ dân phố có liên quan", on=signed), ()))
    elif kind is DecisionKind.COMMEND:
        measure = decision.measure or "Giấy khen"
        achievement = f" đã có thành tích {decision.reason}" if decision.reason else " đã có thành tích xuất sắc"
        whom = listed if with_list else (
            f"{_person(lines[0])}, {_position_in_team(lines[0].position, lines[0].team_name)}" if lines else "")
        articles.append((f"Tặng {measure} của Chủ tịch {issuer.committee_running} cho {whom},{achievement} "
                         f"trong thực hiện nhiệm vụ bảo vệ an ninh, trật tự ở cơ sở.", ()))
        articles.append((effect, ()))
        articles.append((_execution_text(issuer, named, on=signed), ()))
    else:  # DISCIPLINE
        measure = decision.measure or "Khiển trách"
        whom = listed if with_list else (
            f"{_person(lines[0])}, {_position_in_team(lines[0].position, lines[0].team_name)}" if lines else "")
        why = f" Lý do: {decision.reason}." if decision.reason else ""
        articles.append((f"Thi hành kỷ luật bằng hình thức {measure} đối với {whom}.{why}", ()))
        articles.append((effect, ()))
        articles.append((_execution_text(issuer, named, on=signed), ()))

    return tuple(Paragraph(text=text, lead=f"Điều {i}.", items=items)
                 for i, (text, items) in enumerate(articles, start=1))


# --- The attached list ------------------------------------------------------------------------

def sort_lines(lines: Sequence[NamedLine]) -> list[NamedLine]:
    """Team by team, Tổ trưởng, Tổ phó, then Tổ viên by Vietnamese name order."""
    return sorted(lines, key=lambda l: (vn_text.natural_key(l.team_name),
                                        POSITION_ORDER.get(l.position, 3) if l.position else 3,
                                        vn_text.name_sort_key(l.full_name)))


def _group(lines: Sequence[NamedLine], row) -> tuple[ListSection, ...]:
    ordered = sort_lines(lines)
    teams: dict[str, list[NamedLine]] = {}
    for line in ordered:
        teams.setdefault(line.team_name, []).append(line)
    sections = []
    number = 0
    for index, (team_name, members) in enumerate(teams.items(), start=1):
        rows = []
        for line in members:
            number += 1
            rows.append(row(number, line))
        heading = f"{roman(index)}. {formal_team_name(team_name)}" if team_name and len(teams) > 1 else ""
        sections.append(ListSection(heading, tuple(rows)))
    return tuple(sections)


def _label(position: Position | None) -> str:
    return POSITION_LABELS[position] if position else ""


def attached_list(decision: Decision, lines: Sequence[NamedLine], issuer: IssuerFacts) -> DocumentList | None:
    """The danh sách kèm theo, when more than one member is named (dissolution: any member)."""
    if not lines or (len(lines) == 1 and decision.kind is not DecisionKind.DISSOLVE_TEAM):
        return None
    kind = decision.kind
    if decision.number and decision.signed_on:
        note = (f"(Kèm theo Quyết định số {decision.number} {written_date(decision.signed_on)} "
                f"của Chủ tịch {issuer.committee_running})")
    elif decision.signed_on:      # a draft with its planned date: the same date as its header (QA 19)
        note = (f"(Kèm theo Quyết định số{chr(0xA0) * 8}/{DECISION_SYMBOL} {written_date(decision.signed_on)} "
                f"của Chủ tịch {issuer.committee_running})")
    else:
        note = f"(Kèm theo Quyết định số{chr(0xA0) * 8}/{DECISION_SYMBOL} ngày{chr(0xA0) * 4}/{chr(0xA0) * 4}/" \
               f" của Chủ tịch {issuer.committee_running})"
    teams = sorted({l.team_name for l in lines if l.team_name}, key=vn_text.natural_key)
    one_team = formal_team_name(teams[0]) if len(teams) == 1 else f"các {TEAM_WORDS} ở cơ sở"
    subtitle = {
        DecisionKind.RECOGNISE: f"Thành viên {one_team} được công nhận",
        DecisionKind.CHANGE_POSITION: f"Thành viên {one_team} được thay đổi chức danh",
        DecisionKind.TERMINATE: f"Thành viên được cho thôi tham gia {FORCE_NAME}",
        DecisionKind.DISSOLVE_TEAM: f"Thành viên {one_team} thôi tham gia do giải thể Tổ",
        DecisionKind.COMMEND: "Thành viên được khen thưởng",
        DecisionKind.DISCIPLINE: "Thành viên bị kỷ luật",
    }.get(kind, "Thành viên")
    number_col = ListColumn("STT", 12, Align.CENTER)
    name_col = ListColumn("Họ và tên", 52)
    birth_col = ListColumn("Ngày sinh", 26, Align.CENTER)
    if kind is DecisionKind.CHANGE_POSITION:
        columns = (number_col, name_col, birth_col, ListColumn("Chức danh cũ", 37, Align.CENTER),
                   ListColumn("Chức danh mới", 38, Align.CENTER))
        row = lambda n, l: (str(n), l.full_name, l.birth, _label(l.previous_position), _label(l.position))  # noqa: E731
    elif kind in (DecisionKind.RECOGNISE, DecisionKind.DISSOLVE_TEAM):
        columns = (number_col, name_col, birth_col, ListColumn("Nơi cư trú", 45),
                   ListColumn("Chức danh", 30, Align.CENTER))
        row = lambda n, l: (str(n), l.full_name, l.birth, l.residence, _label(l.position))  # noqa: E731
    else:
        columns = (number_col, ListColumn("Họ và tên", 48), ListColumn("Ngày sinh", 25, Align.CENTER),
                   ListColumn("Chức danh", 24, Align.CENTER), ListColumn("Tổ bảo vệ ANTT", 56))
        row = lambda n, l: (str(n), l.full_name, l.birth, _label(l.position), l.team_name)  # noqa: E731
        sections = (ListSection("", tuple(row(n, l) for n, l in enumerate(sort_lines(lines), start=1))),)
        return DocumentList(("DANH SÁCH", subtitle), note, columns, sections)
    return DocumentList(("DANH SÁCH", subtitle), note, columns, _group(lines, row))


def summary_of(title: str) -> str:
    """The trích yếu as NĐ 30/2020 writes it under "QUYẾT ĐỊNH": "Về việc …", never
    repeating the type name (older records stored "Quyết định công nhận …")."""
    title = title.strip()
    if title.lower().startswith("quyết định "):
        rest = title[len("quyết định "):].strip()
        return f"Về việc {rest}" if rest else ""
    return title


def compose_decision_document(decision: Decision, lines: Sequence[NamedLine], issuer: IssuerFacts, *,
                              team_names: Sequence[str] = (), dissolved_team: str = "",
                              establishing_number: str = "") -> OfficialDocument:
    """The whole decision as NĐ 30/2020 lays it out, with its attached list.

    An issued decision prints what was frozen at issue; a draft (or an old decision stored
    without its wording) is worded from today's facts, its Căn cứ as they stood on its date.
    """
    title = summary_of(decision.title) or compose_title(
        decision.kind, team_names or [l.team_name for l in lines if l.team_name] or [dissolved_team], issuer)
    articles = decision.articles or compose_articles(
        decision, lines, issuer, team_names=team_names, dissolved_team=dissolved_team,
        establishing_number=establishing_number)
    bases = decision.legal_bases or default_legal_bases(decision.kind, issuer, decision.signed_on)
    recipients = decision.recipients or default_recipients(decision.kind, issuer)
    form = decision.signature_form.value if isinstance(decision.signature_form, SignatureForm) \
        else str(decision.signature_form)
    head = issuer.chairman_title or "CHỦ TỊCH"
    authority = issuer.people_committee_name if form == "TM." else f"{head} {issuer.people_committee_name}"
    attachment = attached_list(decision, lines, issuer)
    signed = decision.signed_on if decision.is_issued else decision.signed_on
    return OfficialDocument(
        parent_body="",
        body_lines=split_body_name(issuer.people_committee_name),
        number_line=number_line(decision.number, DECISION_SYMBOL),
        place_date=place_date_line(decision.place or issuer.place_name, signed,
                                   year=(signed or date.today()).year),
        type_name="QUYẾT ĐỊNH",
        summary_lines=(title,),
        authority=authority.upper(),
        bases=bases,
        decides_word="QUYẾT ĐỊNH:",
        paragraphs=articles,
        recipients=recipients,
        signature=SignatureBlock(
            signature_lines(form, decision.signer_title or head, head_title=head),
            decision.signer_name or issuer.chairman_name),
        attachments=(attachment,) if attachment else (),
        is_draft=not decision.is_issued,
        file_title=f"Quyết định {decision.number or '(dự thảo)'} — {title}",
    )


# --- Papers of the commune police: proposals, report, member list ------------------------------

def _police_header(issuer: IssuerFacts) -> tuple[str, tuple[str, ...]]:
    return issuer.higher_police_name.upper(), (issuer.police_name,)


def _police_signature(issuer: IssuerFacts) -> SignatureBlock:
    return SignatureBlock((issuer.police_signer_title,), issuer.police_chief_name)


def quota_note(problem: DomainError) -> str:
    """The remark the proposal list carries about a team's quota (the same facts that refuse,
    or warn at, the issue), in the words of an official paper."""
    if isinstance(problem, TeamQuotaExceeded):
        basis = f" ({problem.basis})" if problem.basis else ""
        return (f"Lưu ý: {formal_team_name(problem.team_name)} có định mức tối đa {problem.max_members:02d} "
                f"thành viên{basis}; nếu công nhận theo danh sách này, Tổ sẽ có {problem.count_after:02d} "
                f"thành viên, vượt định mức.")
    if isinstance(problem, TeamQuotaUnknown):
        return (f"Lưu ý: chưa xác định được định mức thành viên của {formal_team_name(problem.team_name)} "
                f"theo nghị quyết của Hội đồng nhân dân tỉnh; nếu công nhận theo danh sách này, Tổ sẽ có "
                f"{problem.count_after:02d} thành viên.")
    return ""


def compose_recognition_proposals(lines: Sequence[NamedLine], issuer: IssuerFacts,
                                  on: date | None, notes: Sequence[DomainError] = ()) -> tuple[OfficialDocument, ...]:
    """TT 14/2024 Điều 4: the list proposed as Tổ viên (Mẫu số 05) and as Tổ trưởng, Tổ phó
    (Mẫu số 06), from the police to the Chủ tịch UBND cấp xã. `notes` are the quota problems
    of the teams the list fills (TeamQuotaExceeded, TeamQuotaUnknown), printed as remarks."""
    remarks = tuple(Paragraph(text) for text in (quota_note(n) for n in notes) if text)
    parent, body = _police_header(issuer)
    columns = (
        ListColumn("STT", 12, Align.CENTER), ListColumn("Họ và tên", 45),
        ListColumn("Ngày sinh", 24, Align.CENTER), ListColumn("Giới tính", 16, Align.CENTER),
        ListColumn("Số định danh cá nhân", 34, Align.CENTER), ListColumn("Trình độ học vấn", 32),
        ListColumn("Nơi cư trú", 34), ListColumn("Chức danh đề nghị", 25, Align.CENTER),
        ListColumn("Ghi chú", 30),
    )
    row = lambda n, l: (str(n), l.full_name, l.birth, "Nữ" if l.gender == "nữ" else "Nam",  # noqa: E731
                        l.id_number, l.education, l.residence, _label(l.position), l.prior_force)
    groups = (
        ("Mẫu số 05", "Đề nghị công nhận Tổ viên Tổ bảo vệ an ninh, trật tự",
         [l for l in lines if l.position is Position.MEMBER]),
        ("Mẫu số 06", "Đề nghị công nhận Tổ trưởng, Tổ phó Tổ bảo vệ an ninh, trật tự",
         [l for l in lines if l.position in (Position.LEADER, Position.DEPUTY)]),
    )
    documents = []
    for form, subtitle, members in groups:
        if not members:
            continue
        table = DocumentList((), "", columns, _group(members, row), Orientation.LANDSCAPE)
        documents.append(OfficialDocument(
            parent_body=parent, body_lines=body,
            number_line=number_line(None, POLICE_LIST_SYMBOL),
            place_date=place_date_line(issuer.place_name, on, year=(on or date.today()).year),
            type_name="DANH SÁCH", summary_lines=(subtitle, f"({form} ban hành kèm theo Thông tư số "
                                                            f"14/2024/TT-BCA)"),
            body_list=table,
            paragraphs=(Paragraph(f"Tổng số: {len(members):02d} người."), *remarks),
            recipients=(f"Chủ tịch UBND {running_name(issuer.unit_name)};", "Lưu: CA."),
            signature=_police_signature(issuer), orientation=Orientation.LANDSCAPE,
            file_title=f"Danh sách {subtitle[0].lower()}{subtitle[1:]}",
        ))
    return tuple(documents)


@dataclass(frozen=True, slots=True)
class TerminationFacts:
    line: NamedLine
    reminders: tuple[ConductEvent, ...] = ()
    refusals: tuple[ConductEvent, ...] = ()


def compose_termination_report(facts: Sequence[TerminationFacts], ground: TerminationGround | None,
                               reason: str, issuer: IssuerFacts, on: date | None) -> OfficialDocument:
    """TT 14/2024 Điều 5: the police's report proposing termination (Mẫu số 07)."""
    parent, body = _police_header(issuer)
    place = running_name(issuer.unit_name)
    items = []
    for fact in facts:
        line = fact.line
        text = f"{_person(line, start=True)}, {_position_in_team(line.position, line.team_name)}"
        if ground is TerminationGround.MISCONDUCT:
            refused = ", ".join(f"ngày {e.occurred_on:%d/%m/%Y}" for e in fact.refusals) or "chưa ghi nhận"
            reminded = ", ".join(
                (f"văn bản số {e.reference} " if e.reference else "") + f"ngày {e.occurred_on:%d/%m/%Y}"
                for e in fact.reminders) or "chưa ghi nhận"
            text += (f": đã từ chối nhiệm vụ {len(fact.refusals):02d} lần ({refused}); đã được nhắc nhở "
                     f"bằng văn bản {len(fact.reminders):02d} lần ({reminded})")
        items.append(text)
    why = GROUND_TEXTS[ground] if ground else ""
    paragraphs = [
        Paragraph(f"Căn cứ khoản 3 Điều 17 {LAW_NAME} và Điều 5 Thông tư số 14/2024/TT-BCA ngày 22 tháng 4 "
                  f"năm 2024 của Bộ trưởng Bộ Công an; Công an {place} đã phối hợp với Trưởng thôn, Tổ trưởng "
                  f"tổ dân phố có liên quan thu thập tài liệu, xác minh và báo cáo như sau:"),
        Paragraph("Người đề nghị cho thôi tham gia:", items=_numbered(items) if items else ()),
    ]
    if ground is not None:
        paragraphs.append(Paragraph(f"Lý do: {why} (điểm {ground.value} khoản 3 Điều 17 {LAW_NAME})"
                                    f"{'; ' + continued_clause(reason) if reason.strip() else ''}."))
    paragraphs.append(Paragraph(f"Công an {place} kính đề nghị Chủ tịch {issuer.committee_running} xem xét, "
                                f"quyết định cho thôi tham gia {FORCE_NAME} đối với các trường hợp nêu trên./."))
    return OfficialDocument(
        parent_body=parent, body_lines=body, number_line=number_line(None, POLICE_REPORT_SYMBOL),
        place_date=place_date_line(issuer.place_name, on, year=(on or date.today()).year),
        type_name="BÁO CÁO", summary_lines=(f"Đề nghị cho thôi tham gia {FORCE_NAME}",
                                            "(Mẫu số 07 ban hành kèm theo Thông tư số 14/2024/TT-BCA)"),
        addressee=f"Kính gửi: Chủ tịch {issuer.committee_running}.",
        paragraphs=tuple(paragraphs),
        recipients=("Như trên;", "Lưu: CA."),
        signature=_police_signature(issuer),
        file_title="Báo cáo đề nghị cho thôi tham gia",
    )


@dataclass(frozen=True, slots=True)
class RosterEntry:
    """One member on the printed member list."""

    line: NamedLine
    joined_on: date | None = None
    decision_number: str = ""
    phone: str = ""


def compose_member_list(entries: Sequence[RosterEntry], issuer: IssuerFacts, on: date,
                        *, team_name: str = "") -> OfficialDocument:
    """The list of the force's members, team by team, as the police prints it."""
    parent, body = _police_header(issuer)
    columns = (
        ListColumn("STT", 12, Align.CENTER), ListColumn("Họ và tên", 44),
        ListColumn("Ngày sinh", 22, Align.CENTER), ListColumn("Giới tính", 15, Align.CENTER),
        ListColumn("Số định danh cá nhân", 31, Align.CENTER), ListColumn("Nơi cư trú", 34),
        ListColumn("Chức danh", 20, Align.CENTER), ListColumn("Ngày tham gia", 22, Align.CENTER),
        ListColumn("Quyết định công nhận", 28, Align.CENTER), ListColumn("Điện thoại", 24, Align.CENTER),
    )
    by_member = {e.line.member_id: e for e in entries}

    def row(n: int, line: NamedLine) -> tuple[str, ...]:
        entry = by_member[line.member_id]
        return (str(n), line.full_name, line.birth, "Nữ" if line.gender == "nữ" else "Nam", line.id_number,
                line.residence, _label(line.position),
                entry.joined_on.strftime("%d/%m/%Y") if entry.joined_on else "", entry.decision_number,
                entry.phone)

    sections = _group([e.line for e in entries], row)
    if team_name:
        subtitle = f"Thành viên {formal_team_name(team_name)}"
    else:
        subtitle = f"Thành viên {FORCE_NAME} {running_name(issuer.unit_name)}"
    table = DocumentList((), "", columns, sections, Orientation.LANDSCAPE)
    return OfficialDocument(
        parent_body=parent, body_lines=body, number_line="",
        place_date=place_date_line(issuer.place_name, on),
        type_name="DANH SÁCH", summary_lines=(subtitle, f"(Tính đến {written_date(on)})"),
        body_list=table,
        paragraphs=(Paragraph(f"Tổng số: {len(entries):02d} người."),),
        signature=_police_signature(issuer), orientation=Orientation.LANDSCAPE,
        file_title=f"Danh sách {subtitle[0].lower()}{subtitle[1:]}",
    )
