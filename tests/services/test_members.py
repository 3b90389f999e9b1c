"""Member, hamlet, team and assignment services: validation, one transaction, audit."""

from __future__ import annotations

from datetime import date

import pytest

from antt_desktop.domain.dates import BirthDate
from antt_desktop.domain.errors import DomainError
from antt_desktop.domain.members import DuplicateIdNumber, MemberDraft, MemberInvalid, NameMissing
from antt_desktop.domain.organisation import (
    DuplicateHamletName,
    HamletDraft,
    MemberHasLeft,
    PositionAlreadyTaken,
)
from antt_desktop.domain.people import Gender, HamletKind, MemberStatus, Position
from antt_desktop.domain.units import UnitAlreadySetUp, UnitNotSetUp, UnitSetup, UnknownProvince
from antt_desktop.messages import describe
from antt_desktop.store.audit import verify_chain
from tests.conftest import FIXED_NOW


def draft(**changes) -> MemberDraft:
    values = dict(full_name="nguyễn  văn an", gender=Gender.MALE, birth=BirthDate(full=date(1985, 3, 4)),
                  id_number="064085012345", phone="0912 345 678", residence_since=date(2010, 1, 1))
    values.update(changes)
    return MemberDraft(**values)


def issued_decision(services, sequence: int) -> str:
    """An issued decision row to back assignments (the decision workflow is issue #4's)."""
    from antt_desktop.store.tables import DecisionRow

    with services.context.new_uow() as uow:
        row = DecisionRow(unit_code="26734", kind="cong_nhan_thanh_vien", state="issued", year=2024,
                          sequence=sequence, number=f"{sequence:02d}/QĐ-UBND",
                          created_at=FIXED_NOW, updated_at=FIXED_NOW)
        uow.session.add(row)
        uow.commit()
        return row.id


def audit_actions(services) -> list[str]:
    from antt_desktop.store.tables import AuditEventRow

    with services.context.new_uow() as uow:
        return [row.action for row in uow.session.query(AuditEventRow).order_by(AuditEventRow.sequence)]


def test_setting_up_the_unit_twice_is_refused(commune):
    with pytest.raises(UnitAlreadySetUp):
        commune.units.set_up(UnitSetup(code="X1", name="Xã Khác", province="Gia Lai"))
    assert commune.units.own_unit().name == "Xã Tân Phú"


@pytest.mark.parametrize("province, code", [("Gia Lai", "064"), ("gia lai", "064"), ("064", "064"),
                                            ("64", "064"), ("Hà Nội", "001"), ("ha noi", "001"),
                                            ("TP Hồ Chí Minh", "079"), ("Hồ Chí Minh", "079")])
def test_the_province_is_found_by_name_or_code(services, province, code):
    unit = services.units.set_up(UnitSetup(code="U1", name="Xã A", province=province))
    assert unit.province_code == code


def test_an_unknown_province_changes_nothing(services):
    with pytest.raises(UnknownProvince) as caught:
        services.units.set_up(UnitSetup(code="U1", name="Xã A", province="Atlantis"))
    assert "Atlantis" in describe(caught.value)
    assert services.units.own_unit() is None


def test_members_need_a_unit_first(services):
    with pytest.raises(UnitNotSetUp):
        services.members.create(draft())


def test_create_member_cleans_the_fields_and_records_the_audit(commune):
    saved = commune.members.create(draft())
    member = saved.member
    assert member.full_name == "Nguyễn Văn An"
    assert member.phone == "0912345678"
    assert member.status is MemberStatus.PROPOSED
    assert member.unit_code == "26734"
    assert commune.members.get(member.id) == member
    assert audit_actions(commune)[-1] == "member.created"


def test_every_field_error_is_reported_at_once_and_nothing_is_saved(commune):
    with pytest.raises(MemberInvalid) as caught:
        commune.members.create(draft(full_name="  ", id_number="12345", phone="09abc"))
    fields = {p.field for p in caught.value.problems}
    assert fields == {"full_name", "id_number", "phone"}
    assert isinstance(next(p.error for p in caught.value.problems if p.field == "full_name"), NameMissing)
    text = describe(caught.value)
    assert "Họ và tên" in text and "Số định danh" in text and "Số điện thoại" in text
    assert commune.members.count() == 0


def test_under_eighteen_is_refused(commune):
    with pytest.raises(MemberInvalid) as caught:
        commune.members.create(draft(birth=BirthDate(full=date(2010, 1, 1)), id_number="064210012345"))
    assert [p.field for p in caught.value.problems] == ["birth"]


def test_a_duplicate_id_number_is_refused(commune):
    commune.members.create(draft())
    with pytest.raises(MemberInvalid) as caught:
        commune.members.create(draft(full_name="Trần Văn Bình"))
    assert isinstance(caught.value.problems[0].error, DuplicateIdNumber)
    assert "Nguyễn Văn An" in describe(caught.value)
    assert commune.members.count() == 1


def test_warnings_do_not_block_saving(commune):
    saved = commune.members.create(draft(id_number="64085012345", phone="912345678"))
    assert saved.member.id_number == "064085012345"
    assert {w.field for w in saved.warnings} >= {"id_number", "phone"}


def test_update_records_before_and_after(commune):
    member = commune.members.create(draft()).member
    updated = commune.members.update(member.id, draft(full_name="Nguyễn Văn Anh")).member
    assert updated.full_name == "Nguyễn Văn Anh"
    from antt_desktop.store.tables import AuditEventRow

    with commune.context.new_uow() as uow:
        event = uow.session.query(AuditEventRow).order_by(AuditEventRow.sequence.desc()).first()
        assert event.action == "member.updated"
        assert event.before["full_name"] == "Nguyễn Văn An"
        assert event.after["full_name"] == "Nguyễn Văn Anh"
        assert event.actor == "can-bo-test"
        assert verify_chain(uow.session) == []


def test_search_ignores_case_and_diacritics(commune):
    commune.members.create(draft())
    commune.members.create(draft(full_name="Đặng Thị Hương", gender=Gender.FEMALE,
                                 id_number="064185012346", phone="0987654321"))
    assert [r.full_name for r in commune.members.search("dang")] == ["Đặng Thị Hương"]
    assert [r.full_name for r in commune.members.search("HUONG dang")] == ["Đặng Thị Hương"]
    assert [r.full_name for r in commune.members.search("012345")] == ["Nguyễn Văn An"]
    assert [r.full_name for r in commune.members.search("0987")] == ["Đặng Thị Hương"]
    assert commune.members.search("100%") == []


def test_list_sorts_by_given_name_first(commune):
    for index, name in enumerate(["Trần Văn Bình", "Nguyễn Văn An", "Lê Thị An"]):
        commune.members.create(draft(full_name=name, id_number=f"06408501234{index}",
                                     gender=Gender.FEMALE if "Thị" in name else Gender.MALE))
    names = [row.full_name for row in commune.members.list_rows()]
    assert names == ["Lê Thị An", "Nguyễn Văn An", "Trần Văn Bình"]


def test_hamlet_names_are_unique_per_unit(commune):
    commune.hamlets.create(HamletDraft(name="Thôn 1", households=300))
    with pytest.raises(DuplicateHamletName):
        commune.hamlets.create(HamletDraft(name="  Thôn   1 "))
    assert [h.name for h in commune.hamlets.list()] == ["Thôn 1"]


def test_assignment_with_a_decision_activates_and_position_seats_are_single(commune):
    hamlet = commune.hamlets.create(HamletDraft(name="Thôn 1", kind=HamletKind.VILLAGE, households=300))
    team = commune.teams.create(hamlet.id)
    first = commune.members.create(draft()).member
    second = commune.members.create(draft(full_name="Lê Văn Cường", id_number="064085012399")).member
    commune.assignments.assign(first.id, team.id, Position.LEADER, date(2024, 7, 5), decision_id=None)
    assert commune.members.get(first.id).status is MemberStatus.PROPOSED
    with pytest.raises(PositionAlreadyTaken) as caught:
        commune.assignments.assign(second.id, team.id, Position.LEADER, date(2024, 7, 5))
    assert "Nguyễn Văn An" in describe(caught.value)
    commune.assignments.assign(second.id, team.id, Position.DEPUTY, date(2024, 7, 5), decision_id=issued_decision(commune, 1))
    assert commune.members.get(second.id).status is MemberStatus.ACTIVE
    roster = commune.teams.roster(team.id)
    assert [(l.member.full_name, l.assignment.position) for l in roster] == [
        ("Nguyễn Văn An", Position.LEADER), ("Lê Văn Cường", Position.DEPUTY)]


def test_changing_position_closes_the_previous_one_the_day_before(commune):
    hamlet = commune.hamlets.create(HamletDraft(name="Thôn 1"))
    team = commune.teams.create(hamlet.id)
    member = commune.members.create(draft()).member
    commune.assignments.assign(member.id, team.id, Position.MEMBER, date(2024, 7, 5),
                               decision_id=issued_decision(commune, 1))
    commune.assignments.assign(member.id, team.id, Position.DEPUTY, date(2025, 3, 1),
                               decision_id=issued_decision(commune, 2))
    history = commune.assignments.history(member.id)
    assert [(a.position, a.started_on, a.ended_on) for a in history] == [
        (Position.MEMBER, date(2024, 7, 5), date(2025, 2, 28)),
        (Position.DEPUTY, date(2025, 3, 1), None)]


def test_a_member_who_left_cannot_be_assigned_again(commune):
    hamlet = commune.hamlets.create(HamletDraft(name="Thôn 1"))
    team = commune.teams.create(hamlet.id)
    member = commune.members.create(draft()).member
    commune.assignments.assign(member.id, team.id, Position.MEMBER, date(2024, 7, 5),
                               decision_id=issued_decision(commune, 1))
    left = commune.assignments.end(member.id, date(2025, 1, 31), reason="Xin thôi")
    assert left.status is MemberStatus.LEFT and left.left_on == date(2025, 1, 31)
    assert commune.teams.roster(team.id) == []
    with pytest.raises(MemberHasLeft):
        commune.assignments.assign(member.id, team.id, Position.MEMBER, date(2025, 6, 1))


def test_a_failed_action_leaves_no_trace(commune):
    before = audit_actions(commune)
    with pytest.raises(DomainError):
        commune.members.create(draft(id_number="999999999999"))
    assert audit_actions(commune) == before
