"""Account rules as data: user names, passwords, lock-out, settings bounds; retention; diffs."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from antt_desktop.domain.access import PERMISSIONS, Permission, Role
from antt_desktop.domain.accounts import (
    AccountSettings,
    InvalidUsername,
    PasswordContainsUsername,
    PasswordNeedsLetterAndDigit,
    PasswordRules,
    PasswordTooShort,
    SettingOutOfRange,
    User,
    after_failed_login,
    after_successful_login,
    attempts_left,
    check_new_password,
    check_settings,
    clean_username,
)
from antt_desktop.domain.audit_trail import FieldChange, field_changes
from antt_desktop.domain.backup_retention import (
    BackupStamp,
    RetentionOutOfRange,
    RetentionPolicy,
    backups_to_keep,
    check_retention,
)
from antt_desktop.messages import describe

NOW = datetime(2026, 11, 22, 9, 30)


@pytest.mark.parametrize("typed, stored", [
    ("QuanTri", "quantri"), ("  can.bo-1 ", "can.bo-1"), ("tam_le", "tam_le"),
])
def test_user_names_are_stored_trimmed_and_lower_case(typed, stored):
    assert clean_username(typed) == stored


@pytest.mark.parametrize("typed", ["", "ab", "lê văn", "a b c", "-quantri", "x" * 41, "quản_trị"])
def test_impossible_user_names_are_refused_in_vietnamese(typed):
    with pytest.raises(InvalidUsername) as refused:
        clean_username(typed)
    assert "Tên đăng nhập" in describe(refused.value)


@pytest.mark.parametrize("password, error", [
    ("ngắn1", PasswordTooShort), ("chicochuthoi", PasswordNeedsLetterAndDigit),
    ("1234567890", PasswordNeedsLetterAndDigit), ("quantri2026", PasswordContainsUsername),
])
def test_weak_passwords_are_refused_with_the_rule_they_break(password, error):
    with pytest.raises(error) as refused:
        check_new_password(password, PasswordRules(), username="quantri")
    assert describe(refused.value).startswith("Mật khẩu")


def test_a_good_password_passes_in_nfc():
    assert check_new_password("Mật khẩu 2026", PasswordRules(), username="quantri") == "Mật khẩu 2026"


def test_lock_out_after_the_configured_number_of_failures_for_the_configured_time():
    settings = AccountSettings(max_failed_attempts=3, lockout_minutes=20)
    user = User("u", "canbo", "", Role.DATA_ENTRY)
    user = after_failed_login(user, settings, NOW)
    user = after_failed_login(user, settings, NOW)
    assert user.failed_attempts == 2 and attempts_left(user, settings) == 1 and not user.is_locked(NOW)
    user = after_failed_login(user, settings, NOW)
    assert user.is_locked(NOW) and user.locked_until == NOW + timedelta(minutes=20)
    assert not user.is_locked(NOW + timedelta(minutes=20))
    assert after_successful_login(user, NOW) == User("u", "canbo", "", Role.DATA_ENTRY, last_login_at=NOW)


@pytest.mark.parametrize("settings, field", [
    (AccountSettings(max_failed_attempts=1), "max_failed_attempts"),
    (AccountSettings(lockout_minutes=0), "lockout_minutes"),
    (AccountSettings(idle_lock_minutes=-1), "idle_lock_minutes"),
    (AccountSettings(password_rules=PasswordRules(min_length=3)), "password_min_length"),
])
def test_settings_outside_their_bounds_are_refused(settings, field):
    with pytest.raises(SettingOutOfRange) as refused:
        check_settings(settings)
    assert refused.value.field == field and "không hợp lệ" in describe(refused.value)


def test_the_defaults_are_within_bounds_and_zero_switches_the_idle_lock_off():
    assert check_settings(AccountSettings()) == AccountSettings()
    assert check_settings(AccountSettings(idle_lock_minutes=0)).idle_lock_minutes == 0


def test_roles_grant_what_the_issue_names():
    assert PERMISSIONS[Role.ADMIN] >= {Permission.MANAGE_USERS, Permission.VIEW_AUDIT}
    assert PERMISSIONS[Role.VIEWER] == {Permission.VIEW}
    assert Permission.MANAGE_USERS not in PERMISSIONS[Role.DATA_ENTRY]
    assert Permission.REVIEW in PERMISSIONS[Role.REVIEWER]


# --- retention -----------------------------------------------------------------------------------

def stamps(times, reason="khoi-dong"):
    return [BackupStamp(f"{t:%Y%m%d%H%M}", t, reason) for t in times]


def test_retention_keeps_one_a_day_for_the_recent_days_and_one_a_week_and_month_before():
    # Four backups a day for 90 days.
    times = [datetime(2026, 8, 25, 8) + timedelta(days=d, hours=h) for d in range(90) for h in (0, 2, 4, 6)]
    policy = RetentionPolicy(daily=7, weekly=4, monthly=3, keep_latest=2)
    kept = backups_to_keep(stamps(times), policy, times[-1])
    kept_times = sorted(datetime.strptime(k, "%Y%m%d%H%M") for k in kept)
    newest_day = times[-1].date()
    days = {t.date() for t in kept_times}
    # The newest of each of the last 7 days…
    for back in range(7):
        assert datetime.combine(newest_day - timedelta(days=back), datetime.min.time()).replace(hour=14) in kept_times
    # …and in all no more than daily + weekly + monthly + latest copies.
    assert len(kept) <= 7 + 4 + 3 + 2
    assert min(days) < newest_day - timedelta(days=40)   # a monthly one reaches back
    assert len(kept) < len(times)


def test_manual_copies_are_never_pruned_and_pre_restore_ones_are_kept_a_while():
    old = datetime(2025, 1, 1, 8)
    items = stamps([old], "thu-cong") + stamps([NOW - timedelta(days=10)], "truoc-phuc-hoi") \
        + stamps([NOW - timedelta(days=40, minutes=1)], "truoc-phuc-hoi") \
        + stamps([NOW - timedelta(hours=h) for h in range(1, 30)])
    kept = backups_to_keep(items, RetentionPolicy(daily=1, weekly=0, monthly=0, keep_latest=1), NOW)
    assert items[0].key in kept and items[1].key in kept
    assert items[2].key not in kept


def test_retention_bounds():
    with pytest.raises(RetentionOutOfRange) as refused:
        check_retention(RetentionPolicy(daily=0))
    assert "không hợp lệ" in describe(refused.value)


# --- before/after -------------------------------------------------------------------------------

def test_field_changes_compare_key_by_key_and_nested():
    before = {"full_name": "Nguyễn Văn A", "phone": None, "address": {"hamlet": "Thôn 1", "x": 1}}
    after = {"full_name": "Nguyễn Văn Á", "phone": "0905123456", "address": {"hamlet": "Thôn 2", "x": 1},
             "note": "mới"}
    assert field_changes(before, after) == [
        FieldChange("full_name", "Nguyễn Văn A", "Nguyễn Văn Á"),
        FieldChange("phone", None, "0905123456"),
        FieldChange("address.hamlet", "Thôn 1", "Thôn 2"),
        FieldChange("note", None, "mới"),
    ]


def test_field_changes_of_a_creation_a_deletion_and_a_plain_value():
    assert field_changes(None, {"a": 1}) == [FieldChange("a", None, 1)]
    assert field_changes({"a": 1}, None) == [FieldChange("a", 1, None)]
    assert field_changes(None, None) == []
    assert field_changes(3, 4) == [FieldChange("", 3, 4)]
    assert field_changes({"a": None}, {}) == []
