"""Accounts at the service layer: first administrator, users, argon2id log-in, lock-out,
passwords, the last administrator, and the services rebuilt for the logged-in user (issue #8)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import text

from antt_desktop.domain.access import PermissionDenied, Role
from antt_desktop.domain.accounts import (
    AccountDisabled,
    AccountLocked,
    AccountSettings,
    AccountsAlreadyExist,
    DuplicateUsername,
    LastAdministrator,
    PasswordTooShort,
    WrongCredentials,
    WrongCurrentPassword,
)
from antt_desktop.domain.audit_trail import AuditFilter
from antt_desktop.messages import describe
from tests.account_helpers import (
    ADMIN_PASSWORD,
    CLERK_PASSWORD,
    FAST_HASHER,
    open_fast,
    with_accounts,
)


@pytest.fixture
def services(database, clock):
    opened = open_fast(database, clock)
    yield opened
    opened.close()


@pytest.fixture
def accounts(services):
    services.units.set_up(__import__("antt_desktop.domain.units", fromlist=["UnitSetup"]).UnitSetup(
        code="26734", name="Xã Tân Phú", province="Gia Lai"))
    admin, clerk, viewer = with_accounts(services)
    return services, admin, clerk, viewer


def stored_hash(services, username: str) -> str:
    with services.context.new_uow() as uow:
        return uow.session.execute(text("SELECT password_hash FROM users WHERE username = :u"),
                                   {"u": username}).scalar_one()


def test_a_new_database_has_no_accounts_and_the_first_is_the_administrator(services):
    assert not services.accounts.has_accounts()
    admin = services.accounts.create_administrator("QuanTri", "lê văn tâm", ADMIN_PASSWORD)
    assert admin.username == "quantri" and admin.role is Role.ADMIN and admin.full_name == "Lê Văn Tâm"
    assert services.accounts.has_accounts()
    with pytest.raises(AccountsAlreadyExist):
        services.accounts.create_administrator("other", "", ADMIN_PASSWORD)


def test_passwords_are_stored_as_argon2id_hashes_never_in_clear_nor_in_the_audit_log(accounts):
    services, *_ = accounts
    digest = stored_hash(services, "quantri")
    assert digest.startswith("$argon2id$") and ADMIN_PASSWORD not in digest
    with services.context.new_uow() as uow:
        log = uow.session.execute(text("SELECT before, after FROM audit_events")).all()
    assert all(ADMIN_PASSWORD not in str(row) and "$argon2" not in str(row) for row in log)


def test_the_default_hasher_is_argon2id_with_a_real_cost():
    from antt_desktop.services.accounts import Argon2Hasher

    hashed = Argon2Hasher().hash("MatKhau2026")
    assert hashed.startswith("$argon2id$") and "m=65536" in hashed
    assert Argon2Hasher().verify(hashed, "MatKhau2026") and not Argon2Hasher().verify(hashed, "sai")


def test_log_in_with_the_right_password_records_it(accounts, clock):
    services, admin, clerk, _ = accounts
    user = services.accounts.login("CanBo", CLERK_PASSWORD)
    assert user.username == "canbo" and user.role is Role.DATA_ENTRY and user.last_login_at == clock.now
    last = services.audit.entries(AuditFilter(limit=1))[0]
    assert (last.actor, last.action) == ("canbo", "user.logged_in")


def test_a_wrong_password_and_an_unknown_name_give_the_same_message(accounts):
    services, *_ = accounts
    with pytest.raises(WrongCredentials) as wrong_password:
        services.accounts.login("canbo", "sai-mat-khau-1")
    with pytest.raises(WrongCredentials) as unknown:
        services.accounts.login("khongco", "sai-mat-khau-1")
    assert describe(wrong_password.value).startswith(describe(unknown.value))
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in describe(unknown.value)


def test_lock_out_after_repeated_failures_for_the_configured_time(accounts, clock):
    services, *_ = accounts
    services.accounts.update_settings(AccountSettings(max_failed_attempts=3, lockout_minutes=15))
    for attempt in range(2):
        with pytest.raises(WrongCredentials) as refused:
            services.accounts.login("canbo", f"sai-{attempt}-abc")
    assert "Còn 1 lần thử" in describe(refused.value)
    with pytest.raises(AccountLocked) as locked:
        services.accounts.login("canbo", "sai-3-abc")
    assert "khóa tạm thời" in describe(locked.value) and "09:45" in describe(locked.value)
    # Locked: even the right password is refused, without looking at it.
    with pytest.raises(AccountLocked):
        services.accounts.login("canbo", CLERK_PASSWORD)
    clock.now += timedelta(minutes=14)
    with pytest.raises(AccountLocked):
        services.accounts.login("canbo", CLERK_PASSWORD)
    clock.now += timedelta(minutes=1)
    assert services.accounts.login("canbo", CLERK_PASSWORD).failed_attempts == 0
    actions = [e.action for e in services.audit.entries(AuditFilter(actor="canbo"))]
    assert actions.count("user.locked_out") == 1 and actions[0] == "user.logged_in"


def test_an_administrator_unlocks_and_a_disabled_account_cannot_log_in(accounts):
    services, admin, *_ = accounts
    as_admin = services.with_user(admin)
    as_admin.accounts.update_settings(AccountSettings(max_failed_attempts=3))
    for attempt in range(3):
        with pytest.raises((WrongCredentials, AccountLocked)):
            services.accounts.login("canbo", f"sai-{attempt}-abc")
    as_admin.accounts.unlock("canbo")
    assert services.accounts.login("canbo", CLERK_PASSWORD).username == "canbo"
    as_admin.accounts.set_active("canbo", False)
    with pytest.raises(AccountDisabled) as disabled:
        services.accounts.login("canbo", CLERK_PASSWORD)
    assert "ngừng sử dụng" in describe(disabled.value)


def test_changing_ones_own_password_needs_the_current_one(accounts):
    services, admin, clerk, _ = accounts
    as_clerk = services.with_user(clerk)
    with pytest.raises(WrongCurrentPassword):
        as_clerk.accounts.change_password("canbo", "khong-dung-1", "MatKhauMoi2027")
    with pytest.raises(PasswordTooShort):
        as_clerk.accounts.change_password("canbo", CLERK_PASSWORD, "ngan1")
    as_clerk.accounts.change_password("canbo", CLERK_PASSWORD, "MatKhauMoi2027")
    with pytest.raises(WrongCredentials):
        services.accounts.login("canbo", CLERK_PASSWORD)
    assert services.accounts.login("canbo", "MatKhauMoi2027").username == "canbo"


def test_only_an_administrator_resets_someone_elses_password(accounts):
    services, admin, clerk, viewer = accounts
    with pytest.raises(PermissionDenied):
        services.with_user(clerk).accounts.reset_password("xem", "MatKhauMoi2027")
    services.with_user(admin).accounts.reset_password("xem", "MatKhauMoi2027")
    assert services.accounts.login("xem", "MatKhauMoi2027").role is Role.VIEWER


def test_user_names_are_unique(accounts):
    services, admin, *_ = accounts
    with pytest.raises(DuplicateUsername):
        services.with_user(admin).accounts.create_user("CANBO", "", Role.VIEWER, "MatKhau2027x")


def test_the_last_active_administrator_cannot_be_demoted_or_disabled(accounts):
    services, admin, *_ = accounts
    as_admin = services.with_user(admin)
    with pytest.raises(LastAdministrator) as refused:
        as_admin.accounts.set_role("quantri", Role.VIEWER)
    assert "quản trị cuối cùng" in describe(refused.value)
    with pytest.raises(LastAdministrator):
        as_admin.accounts.set_active("quantri", False)
    as_admin.accounts.set_role("canbo", Role.ADMIN)
    assert as_admin.accounts.set_role("quantri", Role.VIEWER).role is Role.VIEWER


def test_with_user_acts_under_the_users_name_and_role(accounts):
    services, admin, clerk, viewer = accounts
    as_clerk = services.with_user(clerk)
    assert (as_clerk.context.actor, as_clerk.context.role) == ("canbo", Role.DATA_ENTRY)
    with pytest.raises(PermissionDenied) as refused:
        as_clerk.accounts.list_users()
    assert describe(refused.value) == ("Tài khoản với vai trò «Cán bộ nhập liệu» không được phép "
                                       "quản lý tài khoản.")
    from antt_desktop.domain.organisation import HamletDraft

    hamlet = as_clerk.hamlets.create(HamletDraft(name="Thôn Đắk Lơ"))
    entry = services.with_user(admin).audit.entries(AuditFilter(record=hamlet.id))[0]
    assert (entry.actor, entry.action) == ("canbo", "hamlet.created")


def test_settings_are_checked_and_audited(accounts):
    services, admin, *_ = accounts
    as_admin = services.with_user(admin)
    saved = as_admin.accounts.update_settings(AccountSettings(max_failed_attempts=4, lockout_minutes=30,
                                                              idle_lock_minutes=5))
    assert services.accounts.settings() == saved
    entry = as_admin.audit.entries(AuditFilter(action="settings."))[0]
    assert entry.before["idle_lock_minutes"] == 10 and entry.after["idle_lock_minutes"] == 5


def test_a_hash_made_with_weaker_parameters_is_upgraded_at_log_in(database, clock):
    from antt_desktop.services.accounts import Argon2Hasher

    weak = open_fast(database, clock)
    weak.accounts.create_administrator("quantri", "", ADMIN_PASSWORD)
    weak.close()
    stronger = Argon2Hasher(time_cost=2, memory_cost=16, parallelism=1)
    from antt_desktop.wiring import open_services

    services = open_services(database, clock=clock, password_hasher=stronger)
    try:
        services.accounts.login("quantri", ADMIN_PASSWORD)
        assert "m=16,t=2" in stored_hash(services, "quantri")
        assert services.accounts.login("quantri", ADMIN_PASSWORD).username == "quantri"
    finally:
        services.close()
    assert FAST_HASHER.verify(stored_hash(services, "quantri"), ADMIN_PASSWORD)
