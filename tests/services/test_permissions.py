"""Every service checks the role itself (issue #8): a VIEWER is refused each write of the
foundation services, of accounts, backups and the audit log, with a Vietnamese message, and
the database is exactly as before. Roles are checked at the service layer, not in the UI."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import select

from antt_desktop.domain.access import PermissionDenied, Role
from antt_desktop.domain.accounts import AccountSettings, User
from antt_desktop.domain.audit_trail import AuditFilter
from antt_desktop.domain.backup_retention import RetentionPolicy
from antt_desktop.domain.dates import BirthDate
from antt_desktop.domain.members import MemberDraft
from antt_desktop.domain.organisation import HamletDraft
from antt_desktop.domain.people import Gender, Position
from antt_desktop.domain.units import UnitSetup
from antt_desktop.messages import describe
from antt_desktop.store.tables import Base

VIEWER = User(id="viewer-id", username="xem", full_name="Đỗ Đức Bình", role=Role.VIEWER)
CLERK = User(id="clerk-id", username="canbo", full_name="Trần Thị Ánh", role=Role.DATA_ENTRY)


def snapshot(services) -> dict[str, list[str]]:
    """Every row of every table, as text: equal snapshots mean nothing changed."""
    with services.context.new_uow() as uow:
        return {table.name: sorted(repr(tuple(row)) for row in uow.session.execute(select(table)))
                for table in Base.metadata.sorted_tables}


def draft() -> MemberDraft:
    return MemberDraft(full_name="Nguyễn Văn An", gender=Gender.MALE, birth=BirthDate(full=date(1985, 3, 4)),
                       id_number="064085012345")


def writes(services, tmp_path):
    """(name, call) for each write a viewer must not make, on the demo commune."""
    unit = services.units.own_unit()
    hamlet = services.hamlets.list()[0]
    team = services.teams.list()[0]
    member = services.members.list_rows()[0]
    proposed = next(r for r in services.members.list_rows() if r.team_id is None)
    active = next(r for r in services.members.list_rows() if r.team_id is not None)
    policy = services.policies.list(unit.province_code)[0]
    backup = services.backups.automatic("khoi-dong")
    return [
        ("units.update", lambda s: s.units.update(replace(unit, name="Xã Khác"))),
        ("hamlets.create", lambda s: s.hamlets.create(HamletDraft(name="Thôn Mới"))),
        ("hamlets.update", lambda s: s.hamlets.update(hamlet.id, HamletDraft(name="Thôn Đổi Tên"))),
        ("hamlets.delete", lambda s: s.hamlets.delete(hamlet.id)),
        ("teams.create", lambda s: s.teams.create(hamlet.id, "Tổ mới")),
        ("teams.update", lambda s: s.teams.update(team.id, name="Tổ đổi tên", quota_override=None)),
        ("members.create", lambda s: s.members.create(draft())),
        ("members.update", lambda s: s.members.update(member.id, draft())),
        ("members.set_photo", lambda s: s.members.set_photo(member.id, None)),
        ("assignments.assign", lambda s: s.assignments.assign(proposed.id, team.id, Position.MEMBER,
                                                              date(2026, 11, 1))),
        ("assignments.end", lambda s: s.assignments.end(active.id, date(2026, 11, 1))),
        ("policies.choose_for_unit", lambda s: s.policies.choose_for_unit(policy.id)),
        ("accounts.create_user", lambda s: s.accounts.create_user("moi", "", Role.ADMIN, "MatKhau2027x")),
        ("accounts.update_settings", lambda s: s.accounts.update_settings(AccountSettings(idle_lock_minutes=0))),
        ("accounts.set_role", lambda s: s.accounts.set_role("canbo", Role.ADMIN)),
        ("accounts.unlock", lambda s: s.accounts.unlock("canbo")),
        ("accounts.reset_password", lambda s: s.accounts.reset_password("canbo", "MatKhau2027x")),
        ("backups.back_up_now", lambda s: s.backups.back_up_now(tmp_path / "usb")),
        ("backups.restore", lambda s: s.backups.restore(backup)),
        ("backups.update_retention", lambda s: s.backups.update_retention(RetentionPolicy(daily=3))),
        ("audit.export", lambda s: s.audit.export(tmp_path / "nhat-ky.xlsx")),
        ("audit.record_export", lambda s: s.audit.record_export("danh_sach", 3, tmp_path / "ds.pdf")),
    ]


WRITE_NAMES = [
    "units.update", "hamlets.create", "hamlets.update", "hamlets.delete", "teams.create", "teams.update",
    "members.create", "members.update", "members.set_photo", "assignments.assign", "assignments.end",
    "policies.choose_for_unit", "accounts.create_user", "accounts.update_settings", "accounts.set_role",
    "accounts.unlock", "accounts.reset_password", "backups.back_up_now", "backups.restore",
    "backups.update_retention", "audit.export", "audit.record_export",
]


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    """The demo commune with an administrator and a clerk, built once and copied per test."""
    from tests.account_helpers import open_fast
    from tests.conftest import FakeClock

    path = tmp_path_factory.mktemp("template") / "antt.sqlite"
    services = open_fast(path, FakeClock())
    services.demo.fill_commune(seed=7)
    services.policies.seed_shipped()
    admin = services.accounts.create_administrator("quantri", "", "BaoVe2026an")
    services.with_user(admin).accounts.create_user("canbo", "", Role.DATA_ENTRY, "NhapLieu2026")
    services.close()
    return path


@pytest.fixture
def commune_with_clerk(template, tmp_path, clock):
    import shutil

    from tests.account_helpers import open_fast

    for suffix in ("", "-wal", "-shm"):
        source = template.with_name(template.name + suffix)
        if source.exists():
            shutil.copy(source, tmp_path / f"antt.sqlite{suffix}")
    services = open_fast(tmp_path / "antt.sqlite", clock)
    yield services
    services.close()


@pytest.mark.sqlite_only   # the template is a file copied per test
@pytest.mark.parametrize("name", WRITE_NAMES)
def test_a_viewer_is_refused_every_write_and_nothing_changes(commune_with_clerk, tmp_path, name):
    services = commune_with_clerk
    call = dict(writes(services, tmp_path))[name]
    before = snapshot(services)
    files_before = sorted(p.name for p in tmp_path.rglob("*"))
    as_viewer = services.with_user(VIEWER)

    with pytest.raises(PermissionDenied) as refused:
        call(as_viewer)

    assert describe(refused.value).startswith("Tài khoản với vai trò «Chỉ xem» không được phép ")
    assert snapshot(services) == before
    assert sorted(p.name for p in tmp_path.rglob("*")) == files_before


def test_the_unit_set_up_and_the_demo_need_the_administrator(services):
    as_viewer = services.with_user(VIEWER)
    before = snapshot(services)
    with pytest.raises(PermissionDenied):
        as_viewer.units.set_up(UnitSetup(code="26734", name="Xã Tân Phú", province="Gia Lai"))
    with pytest.raises(PermissionDenied):
        as_viewer.demo.fill_commune(seed=1)
    with pytest.raises(PermissionDenied):
        as_viewer.policies.seed_shipped()
    assert snapshot(services) == before


def test_reading_needs_no_more_than_the_viewer_role(demo):
    as_viewer = demo.with_user(VIEWER)
    assert as_viewer.members.list_rows() and as_viewer.hamlets.list() and as_viewer.units.own_unit()
    assert as_viewer.policies.seed_shipped() == 0       # nothing left to seed: no write, no refusal


def test_a_clerk_edits_records_but_not_the_unit_nor_the_log(demo):
    as_clerk = demo.with_user(CLERK)
    assert as_clerk.hamlets.create(HamletDraft(name="Thôn Mới")).name == "Thôn Mới"
    with pytest.raises(PermissionDenied) as refused:
        as_clerk.units.update(demo.units.own_unit())
    assert describe(refused.value) == ("Tài khoản với vai trò «Cán bộ nhập liệu» không được phép "
                                       "thay đổi cài đặt.")
    with pytest.raises(PermissionDenied):
        as_clerk.audit.entries(AuditFilter())
