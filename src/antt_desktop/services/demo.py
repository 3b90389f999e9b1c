"""The demo commune to try the app, and the province-sized aggregate for benchmarks."""

from __future__ import annotations

import csv
import io
import uuid
from dataclasses import dataclass, replace
from datetime import date, datetime

from antt_desktop.domain.access import Permission
from antt_desktop.domain.dates import format_vn_date
from antt_desktop.domain.decisions import (
    Decision,
    DecisionKind,
    DecisionState,
    IssuerFacts,
    NamedLine,
    compose_articles,
    compose_title,
    default_legal_bases,
    default_recipients,
    issuer_from_unit,
    resolution_basis,
    resolution_short_name,
)
from antt_desktop.domain.members import member_search_key
from antt_desktop.domain.people import (
    EDUCATION_LABELS,
    PRIOR_FORCE_LABELS,
    EducationLevel,
    Gender,
    HamletKind,
    MemberStatus,
    PriorForce,
    Position,
    UnitMode,
)
from antt_desktop.domain import vn_text
from antt_desktop.domain.units import DEFAULT_POLICE_CHIEF_TITLE, DemoNeedsEmptyCommune, UnitAlreadySetUp
from antt_desktop.paths import resource_path
from antt_desktop.services.context import ServiceContext
from antt_desktop.services.demo_people import PersonFactory
from antt_desktop.store.bulk import insert_rows

DEMO_UNIT_CODE = "DEMO-TANPHU"
# Team sizes follow the households under NQ 03/2024/NQ-HĐND of Bình Định (now Gia Lai):
# thôn < 350 hộ: 3, up to 700: ≤ 4, above: ≤ 5; tổ dân phố < 500: 3, up to 800: ≤ 4, above: ≤ 5.
DEMO_HAMLETS = (
    ("Thôn 1", HamletKind.VILLAGE, 312, 1180, 3),
    ("Thôn 2", HamletKind.VILLAGE, 405, 1530, 4),
    ("Thôn Đông", HamletKind.VILLAGE, 268, 990, 3),
    ("Thôn Tây", HamletKind.VILLAGE, 731, 2760, 5),
    ("Làng Kon Chrăh", HamletKind.VILLAGE, 154, 720, 3),
    ("Tổ dân phố 1", HamletKind.RESIDENTIAL_GROUP, 520, 1900, 4),
    ("Tổ dân phố 2", HamletKind.RESIDENTIAL_GROUP, 860, 3150, 5),
)
RECOGNITION_DATE = date(2024, 7, 5)
# In 07/2024 Tân Phú belonged to Bình Định (merged into Gia Lai on 01/7/2025, REFERENCE §9): the
# demo's decisions of 05/07/2024 were worded then, under the resolution its team sizes follow.
DEMO_PROVINCE_2024 = "Bình Định"
DEMO_POLICY_2024 = "binh-dinh-03-2024"
DEMO_CHAIRMAN = "Nguyễn Văn Hòa"
DEMO_POLICE_CHIEF = "Trần Quốc Tuấn"


@dataclass(frozen=True, slots=True)
class DemoSummary:
    units: int
    hamlets: int
    teams: int
    members: int


class DemoService:
    def __init__(self, context: ServiceContext, engine) -> None:
        self._context = context
        self._engine = engine

    def fill_commune(self, *, seed: int = 2024, with_photos: bool = False) -> DemoSummary:
        """Xã Tân Phú (Gia Lai): seven hamlets, a team each, recognised on 05/07/2024.

        On a database whose own commune was just declared (`antt init`) and is still empty,
        the same hamlets, teams and members are put under that commune instead, so an
        officer can try every screen with the unit's own name on the documents."""
        self._context.require(Permission.MANAGE_SETTINGS)
        with self._context.new_uow() as uow:
            existing = uow.units.own()
            holds_records = existing is not None and bool(
                uow.hamlets.list(existing.code) or uow.members.list_rows(unit_code=existing.code))
        if existing is not None and (existing.mode is not UnitMode.COMMUNE or holds_records):
            raise DemoNeedsEmptyCommune(existing.code, existing.name)
        builder = _RowsBuilder(self._context, seed)
        code = existing.code if existing is not None else DEMO_UNIT_CODE
        if existing is None:
            builder.unit(DEMO_UNIT_CODE, "Xã Tân Phú", is_own=True, mode=UnitMode.COMMUNE,
                         chairman=DEMO_CHAIRMAN, police_chief=DEMO_POLICE_CHIEF)
        builder.commune_body(code, DEMO_HAMLETS, extra_proposed=2, leavers=1, with_photos=with_photos)
        builder.freeze_decisions(code, _issuer_2024(existing))
        return self._store(builder, "demo.commune_created")

    def build_aggregate(self, *, communes: int, members: int, seed: int = 2024) -> DemoSummary:
        """A provincial aggregator holding `communes` communes with `members` members in all."""
        self._context.require(Permission.MANAGE_SETTINGS)
        with self._context.new_uow() as uow:
            existing = uow.units.own()
        if existing is not None:
            raise UnitAlreadySetUp(existing.code, existing.name)
        builder = _RowsBuilder(self._context, seed)
        builder.unit("CAT-GIALAI", "Công an tỉnh Gia Lai", is_own=True, mode=UnitMode.AGGREGATOR,
                     kind="tinh", chairman="", police_chief="")
        names = _commune_names()
        base, remainder = divmod(members, communes)
        for index in range(communes):
            name = names[index % len(names)]
            if index >= len(names):
                name = f"{name} {index // len(names) + 1}"
            code = f"GL{index + 1:04d}"
            builder.unit(code, name, is_own=False, mode=UnitMode.COMMUNE,
                         chairman="", police_chief="")
            size = base + (1 if index < remainder else 0)
            builder.sized_commune(code, size)
        return self._store(builder, "demo.aggregate_created")

    def _store(self, builder: "_RowsBuilder", action: str) -> DemoSummary:
        insert_rows(self._engine, builder.rows)
        summary = DemoSummary(
            units=len(builder.rows["units"]), hamlets=len(builder.rows["hamlets"]),
            teams=len(builder.rows["teams"]), members=len(builder.rows["members"]),
        )
        with self._context.new_uow() as uow:
            own = uow.units.own()
            uow.audit.record(self._context.actor, action, "unit", own.id, own.code,
                             after={"units": summary.units, "hamlets": summary.hamlets,
                                    "teams": summary.teams, "members": summary.members})
            uow.commit()
        return summary


def _issuer_2024(existing) -> IssuerFacts:
    """Who issued the demo's decisions of 05/07/2024 and under which resolution, as things were
    then: the demo commune in Bình Định; a declared commune under its own name, with the shipped
    resolution of its province in force on that day, if any."""
    from antt_desktop.reference.policies import load_shipped_policies

    policies = load_shipped_policies()
    if existing is None:
        policy = next((p for p in policies if p.id == DEMO_POLICY_2024), None)
        base = IssuerFacts(
            unit_name="Xã Tân Phú", people_committee_name="ỦY BAN NHÂN DÂN XÃ TÂN PHÚ", place_name="Tân Phú",
            province_name=DEMO_PROVINCE_2024, higher_police_name=f"Công an tỉnh {DEMO_PROVINCE_2024}",
            police_chief_name=DEMO_POLICE_CHIEF, chairman_name=DEMO_CHAIRMAN)
    else:
        policy = next((p for p in policies if p.province_code == existing.province_code and p.resolution_number
                       and p.issued_on and p.issued_on <= RECOGNITION_DATE and p.is_in_force_on(RECOGNITION_DATE)),
                      None)
        base = issuer_from_unit(existing)
    if policy is None or not policy.resolution_number:
        return base
    return replace(base, resolution=resolution_basis(policy.resolution_number, policy.issued_on, policy.province_name),
                   resolution_short=resolution_short_name(policy.resolution_number, policy.province_name),
                   resolution_on=policy.issued_on)


def _commune_names() -> list[str]:
    with open(resource_path("gia-lai-communes.csv"), encoding="utf-8") as handle:
        return [row["ten_day_du"] for row in csv.DictReader(handle)]


class _RowsBuilder:
    """Plain row dicts for store.bulk.insert_rows; ids are derived from the seed."""

    def __init__(self, context: ServiceContext, seed: int) -> None:
        self._now = context.clock().replace(microsecond=0)
        self._today = self._now.date()
        self._people = PersonFactory(seed, self._today)
        self._uuid_rng = __import__("random").Random(seed * 7919 + 1)
        self.rows: dict[str, list[dict]] = {name: [] for name in (
            "units", "hamlets", "teams", "members", "member_photos", "assignments", "decisions",
            "decision_members", "insurance")}

    def _id(self) -> str:
        return str(uuid.UUID(int=self._uuid_rng.getrandbits(128), version=4))

    def unit(self, code: str, name: str, *, is_own: bool, mode: UnitMode, chairman: str,
             police_chief: str, kind: str = "xa") -> None:
        self.rows["units"].append({
            "id": self._id(), "unit_code": code, "code": code, "name": name, "kind": kind,
            "mode": mode.value, "is_own": is_own, "province_code": "064", "province_name": "Gia Lai",
            "higher_unit_name": "Công an tỉnh Gia Lai" if kind != "tinh" else "Bộ Công an",
            "people_committee_name": f"ỦY BAN NHÂN DÂN {name.upper()}",
            "place_name": name.removeprefix("Xã ").removeprefix("Phường "),
            "chairman_name": chairman, "chairman_title": "CHỦ TỊCH", "signature_form": "",
            "police_chief_name": police_chief, "police_chief_title": DEFAULT_POLICE_CHIEF_TITLE,
            "policy_version_id": None, "settings": {}, "created_at": self._now, "updated_at": self._now,
        })

    def sized_commune(self, code: str, size: int) -> None:
        hamlets = []
        remaining, number = size, 1
        while remaining > 0:
            team_size = min(remaining, self._people.randint(3, 5))
            kind = HamletKind.VILLAGE if number % 4 else HamletKind.RESIDENTIAL_GROUP
            label = "Thôn" if kind is HamletKind.VILLAGE else "Tổ dân phố"
            hamlets.append((f"{label} {number}", kind, self._people.randint(150, 900), None, team_size))
            remaining -= team_size
            number += 1
        self._hamlets_with_teams(code, hamlets, with_photos=False)

    def commune_body(self, code: str, hamlets, *, extra_proposed: int, leavers: int,
                     with_photos: bool) -> None:
        hamlet_ids = self._hamlets_with_teams(code, hamlets, with_photos=with_photos)
        for _ in range(extra_proposed):
            person = self._people.person(min_age=19, max_age=40)
            self._member(code, person, hamlet_ids[0], MemberStatus.PROPOSED, None, with_photos)
        for _ in range(leavers):
            person = self._people.person()
            member_id = self._member(code, person, hamlet_ids[1], MemberStatus.LEFT, RECOGNITION_DATE,
                                     with_photos)
            self.rows["members"][-1].update(left_on=date(2025, 9, 30),
                                            leave_reason="Xin thôi tham gia (Điều 17 khoản 3 điểm a)")
            team_id = self.rows["teams"][1]["id"]
            self._assignment(code, member_id, team_id, Position.MEMBER, RECOGNITION_DATE,
                             self.rows["decisions"][-1]["id"], ended_on=date(2025, 9, 30))

    def _hamlets_with_teams(self, code: str, hamlets, *, with_photos: bool) -> list[str]:
        establishing = self._decision(code, "thanh_lap_to", 14, "Quyết định thành lập các Tổ bảo vệ an ninh, trật tự")
        recognising = self._decision(code, "cong_nhan_thanh_vien", 15,
                                     "Quyết định công nhận thành viên Tổ bảo vệ an ninh, trật tự")
        hamlet_ids = []
        for name, kind, households, residents, team_size in hamlets:
            hamlet_id = self._id()
            hamlet_ids.append(hamlet_id)
            self.rows["hamlets"].append({
                "id": hamlet_id, "unit_code": code, "name": name, "kind": kind.value,
                "households": households, "residents": residents or (households or 0) * 4 or None,
                "is_complex": False, "is_exempt_area": name.startswith("Làng"), "note": "",
                "created_at": self._now, "updated_at": self._now,
            })
            team_id = self._id()
            self.rows["teams"].append({
                "id": team_id, "unit_code": code, "name": f"Tổ bảo vệ ANTT {name}", "hamlet_id": hamlet_id,
                "establishing_decision_id": establishing, "quota_override": None,
                "established_on": RECOGNITION_DATE, "dissolved_on": None,
                "created_at": self._now, "updated_at": self._now,
            })
            for index in range(team_size):
                position = (Position.LEADER, Position.DEPUTY)[index] if index < 2 else Position.MEMBER
                person = self._people.person()
                member_id = self._member(code, person, hamlet_id, MemberStatus.ACTIVE, RECOGNITION_DATE,
                                         with_photos)
                self._assignment(code, member_id, team_id, position, RECOGNITION_DATE, recognising)
        return hamlet_ids

    def _decision(self, code: str, kind: str, sequence: int, title: str) -> str:
        decision_id = self._id()
        signed = date(RECOGNITION_DATE.year, RECOGNITION_DATE.month, RECOGNITION_DATE.day)
        self.rows["decisions"].append({
            "id": decision_id, "unit_code": code, "kind": kind, "state": "issued",
            "year": signed.year, "sequence": sequence, "number": f"{sequence:02d}/QĐ-UBND",
            "title": title, "signed_on": signed, "effective_on": signed, "place": "",
            "signer_name": "", "signer_title": "CHỦ TỊCH", "signature_form": "", "team_id": None,
            "termination_ground": None, "legal_bases": [], "articles": [], "recipients": [],
            "payload": {}, "issued_at": datetime.combine(signed, datetime.min.time()),
            "created_at": self._now, "updated_at": self._now,
        })
        return decision_id

    def freeze_decisions(self, code: str, issuer: IssuerFacts) -> None:
        """Give the unit's issued decisions the text they were signed with (Căn cứ, articles,
        Nơi nhận, signer, the list as it stood), as issuing through the app does: a reprint
        must never be reworded from today's settings."""
        hamlets = {h["id"]: h["name"] for h in self.rows["hamlets"] if h["unit_code"] == code}
        teams = {t["id"]: t for t in self.rows["teams"] if t["unit_code"] == code}
        members = {m["id"]: m for m in self.rows["members"] if m["unit_code"] == code}
        for row in self.rows["decisions"]:
            if row["unit_code"] != code or row["state"] != "issued":
                continue
            kind = DecisionKind(row["kind"])
            decision = Decision(id=row["id"], unit_code=code, kind=kind, state=DecisionState.ISSUED,
                                number=row["number"], signed_on=row["signed_on"], effective_on=row["effective_on"])
            lines = [self._named_line(members[m["member_id"]], hamlets, teams[m["team_id"]], m["position"])
                     for m in sorted(self.rows["decision_members"], key=lambda m: m["ordinal"])
                     if m["decision_id"] == row["id"]]
            founded = [t for t in teams.values() if t["establishing_decision_id"] == row["id"]]
            team_names = [t["name"] for t in founded]
            articles = compose_articles(decision, lines, issuer, team_names=team_names)
            row.update(
                title=compose_title(kind, team_names or [line.team_name for line in lines], issuer),
                place=issuer.place_name, signer_name=issuer.chairman_name,
                legal_bases=list(default_legal_bases(kind, issuer, row["signed_on"])),
                articles=[{"lead": a.lead, "text": a.text, "items": list(a.items)} for a in articles],
                recipients=list(default_recipients(kind, issuer)),
                payload={"new_teams": [{"hamlet_id": t["hamlet_id"], "name": t["name"], "team_id": t["id"]}
                                       for t in founded],
                         "reason": "", "measure": "", "snapshot": [line.to_json() for line in lines]},
            )

    @staticmethod
    def _named_line(member: dict, hamlets: dict[str, str], team: dict, position: str) -> NamedLine:
        return NamedLine(
            member_id=member["id"], full_name=member["full_name"], gender=Gender(member["gender"]).value,
            birth=format_vn_date(member["birth_date"]) if member["birth_date"] else str(member["birth_year"] or ""),
            residence=hamlets.get(member["hamlet_id"], ""), team_id=team["id"], team_name=team["name"],
            position=Position(position), id_number=member["id_number"] or "",
            education=EDUCATION_LABELS.get(EducationLevel(member["education_level"]), ""),
            prior_force=PRIOR_FORCE_LABELS.get(PriorForce(member["prior_force"]), ""),
        )

    def _member(self, code: str, person, hamlet_id: str, status: MemberStatus,
                joined_on: date | None, with_photos: bool) -> str:
        member_id = self._id()
        phone = person.phone if self._people.random() > 0.05 else None
        self.rows["members"].append({
            "id": member_id, "unit_code": code, "full_name": person.full_name,
            "search_key": member_search_key(person.full_name, person.id_number, phone),
            "sort_key": vn_text.name_sort_key(person.full_name),
            "birth_date": person.birth_date, "birth_year": person.birth_date.year,
            "gender": person.gender.value, "id_number": person.id_number, "id_issued_on": None,
            "ethnicity": person.ethnicity, "religion": "", "education_level": person.education_level.value,
            "phone": phone, "hamlet_id": hamlet_id, "address": "", "residence_kind": "thuong_tru",
            "residence_since": person.residence_since, "prior_force": person.prior_force.value,
            "status": status.value, "joined_on": joined_on, "left_on": None, "leave_reason": "",
            "over_70_approval": "", "has_photo": with_photos, "note": "",
            "created_at": self._now, "updated_at": self._now,
        })
        if self._people.random() < 0.85:
            valid_to = date(self._today.year, 12, 31) if self._people.random() < 0.9 else date(self._today.year - 1, 12, 31)
            self.rows["insurance"].append({
                "id": self._id(), "unit_code": code, "member_id": member_id,
                "bhyt_card_number": f"GD464{person.id_number[-10:]}", "bhyt_valid_from": date(valid_to.year, 1, 1),
                "bhyt_valid_to": valid_to, "bhyt_place": "Trạm Y tế xã", "bhxh_number": "",
                "bhxh_participating": self._people.random() < 0.3, "bhxh_from": None,
                "bhxh_income_dong": None, "updated_at": self._now,
            })
        if with_photos:
            jpeg = _demo_photo(person.full_name, person.gender.value)
            import hashlib
            self.rows["member_photos"].append({
                "id": self._id(), "unit_code": code, "member_id": member_id,
                "sha256": hashlib.sha256(jpeg).hexdigest(), "jpeg": jpeg, "updated_at": self._now,
            })
        return member_id

    def _assignment(self, code: str, member_id: str, team_id: str, position: Position,
                    started_on: date, decision_id: str, ended_on: date | None = None) -> None:
        self.rows["assignments"].append({
            "id": self._id(), "unit_code": code, "member_id": member_id, "team_id": team_id,
            "position": position.value, "started_on": started_on, "ended_on": ended_on,
            "decision_id": decision_id, "end_decision_id": None, "created_at": self._now,
        })
        self.rows["decision_members"].append({
            "id": self._id(), "unit_code": code, "decision_id": decision_id, "member_id": member_id,
            "team_id": team_id, "position": position.value, "ordinal": len(self.rows["decision_members"]),
        })


def _demo_photo(name: str, gender: str) -> bytes:
    """A plain 3×4 portrait placeholder with the initials, as a small JPEG."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (240, 320), (214, 226, 240) if gender == "nam" else (240, 222, 230))
    draw = ImageDraw.Draw(image)
    draw.ellipse((70, 50, 170, 160), fill=(150, 160, 175))
    draw.rounded_rectangle((40, 170, 200, 330), radius=60, fill=(60, 90, 70))
    initials = "".join(word[0] for word in vn_text.fold(name).split()[-2:]).upper()
    draw.text((105, 95), initials, fill=(255, 255, 255))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=80)
    return buffer.getvalue()
