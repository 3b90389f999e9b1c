"""Accounts: user names, password rules and the lock-out policy, as data (issue #8)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from antt_desktop.domain.access import Role
from antt_desktop.domain.errors import DomainError, error_dataclass

USERNAME_PATTERN = re.compile(r"[a-z0-9][a-z0-9._-]{2,39}")
MAX_PASSWORD_LENGTH = 256      # argon2 takes any length; this bounds the work of one attempt


@dataclass(frozen=True, slots=True)
class User:
    """Tài khoản: who may open the program, and in which role."""

    id: str
    username: str
    full_name: str
    role: Role
    is_active: bool = True
    failed_attempts: int = 0
    locked_until: datetime | None = None
    last_login_at: datetime | None = None
    created_at: datetime | None = None
    password_changed_at: datetime | None = None

    def is_locked(self, now: datetime) -> bool:
        return self.locked_until is not None and self.locked_until > now


@dataclass(frozen=True, slots=True)
class PasswordRules:
    """What a new password must satisfy."""

    min_length: int = 8
    needs_letter_and_digit: bool = True


@dataclass(frozen=True, slots=True)
class AccountSettings:
    """Cài đặt đăng nhập: lock-out after `max_failed_attempts` for `lockout_minutes`, and the
    automatic lock after `idle_lock_minutes` without keyboard or mouse (0 = never)."""

    max_failed_attempts: int = 5
    lockout_minutes: int = 15
    idle_lock_minutes: int = 10
    password_rules: PasswordRules = PasswordRules()


# Bounds a user may choose from in Cài đặt › Tài khoản; outside them the setting is refused.
SETTING_BOUNDS = {
    "max_failed_attempts": (3, 20),
    "lockout_minutes": (1, 24 * 60),
    "idle_lock_minutes": (0, 8 * 60),
}
PASSWORD_LENGTH_BOUNDS = (6, 64)


# --- Errors --------------------------------------------------------------------------------------

@error_dataclass
class InvalidUsername(DomainError):
    username: str


@error_dataclass
class DuplicateUsername(DomainError):
    username: str


@error_dataclass
class UserNotFound(DomainError):
    username: str


@error_dataclass
class WrongCredentials(DomainError):
    """Unknown name or wrong password: one message for both, so names cannot be guessed."""

    attempts_left: int | None = None


@error_dataclass
class AccountLocked(DomainError):
    username: str
    until: datetime


@error_dataclass
class AccountDisabled(DomainError):
    username: str


@error_dataclass
class PasswordTooShort(DomainError):
    min_length: int


@error_dataclass
class PasswordTooLong(DomainError):
    max_length: int


@error_dataclass
class PasswordNeedsLetterAndDigit(DomainError):
    pass


@error_dataclass
class PasswordContainsUsername(DomainError):
    pass


@error_dataclass
class PasswordsDiffer(DomainError):
    """The two typings of a new password are not the same."""


@error_dataclass
class WrongCurrentPassword(DomainError):
    pass


@error_dataclass
class LastAdministrator(DomainError):
    """The change would leave no active administrator, so nobody could manage accounts."""

    username: str


@error_dataclass
class AccountsAlreadyExist(DomainError):
    """The first administrator is created once; later accounts come from an administrator."""


@error_dataclass
class SettingOutOfRange(DomainError):
    field: str
    value: int
    minimum: int
    maximum: int


@error_dataclass
class NotLoggedIn(DomainError):
    """Accounts exist, and the command needs a log-in (`--login`, ANTT_PASSWORD)."""


# --- Rules ---------------------------------------------------------------------------------------

def clean_username(text: str) -> str:
    """The stored form of a user name: NFC, trimmed, lower case; raises InvalidUsername."""
    username = unicodedata.normalize("NFC", str(text)).strip().lower()
    if not USERNAME_PATTERN.fullmatch(username):
        raise InvalidUsername(username)
    return username


def check_new_password(password: str, rules: PasswordRules, *, username: str = "") -> str:
    """Return the (NFC) password if it satisfies `rules`, else raise the first rule broken."""
    password = unicodedata.normalize("NFC", password)
    if len(password) < rules.min_length:
        raise PasswordTooShort(rules.min_length)
    if len(password) > MAX_PASSWORD_LENGTH:
        raise PasswordTooLong(MAX_PASSWORD_LENGTH)
    if rules.needs_letter_and_digit and not (
            any(ch.isalpha() for ch in password) and any(ch.isdigit() for ch in password)):
        raise PasswordNeedsLetterAndDigit()
    if username and username.lower() in password.lower():
        raise PasswordContainsUsername()
    return password


def check_settings(settings: AccountSettings) -> AccountSettings:
    """Raise SettingOutOfRange for a value outside SETTING_BOUNDS."""
    for field, (minimum, maximum) in SETTING_BOUNDS.items():
        value = getattr(settings, field)
        if not isinstance(value, int) or not minimum <= value <= maximum:
            raise SettingOutOfRange(field, value, minimum, maximum)
    minimum, maximum = PASSWORD_LENGTH_BOUNDS
    length = settings.password_rules.min_length
    if not isinstance(length, int) or not minimum <= length <= maximum:
        raise SettingOutOfRange("password_min_length", length, minimum, maximum)
    return settings


def after_failed_login(user: User, settings: AccountSettings, now: datetime) -> User:
    """The account after one more wrong password: locked for a while once the limit is reached.

    The count starts again after a lock, so each lock needs the full number of new failures.
    """
    attempts = user.failed_attempts + 1
    if attempts >= settings.max_failed_attempts:
        return replace(user, failed_attempts=0,
                       locked_until=now + timedelta(minutes=settings.lockout_minutes))
    return replace(user, failed_attempts=attempts)


def after_successful_login(user: User, now: datetime) -> User:
    return replace(user, failed_attempts=0, locked_until=None, last_login_at=now)


def attempts_left(user: User, settings: AccountSettings) -> int:
    return max(settings.max_failed_attempts - user.failed_attempts, 0)
