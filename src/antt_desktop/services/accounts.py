"""Accounts: the first administrator, users and roles, log-in with lock-out, passwords (issue #8).

Passwords are hashed with argon2id (argon2-cffi, DESIGN §2.6: a memory-hard KDF, no home-made
cryptography). A hash never leaves this module and the store: `User` carries none, so
audit entries, screens and exports cannot show one.
"""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import datetime
from typing import Protocol

from antt_desktop.domain.access import Permission, Role
from antt_desktop.domain.accounts import (
    AccountDisabled,
    AccountLocked,
    AccountSettings,
    AccountsAlreadyExist,
    LastAdministrator,
    User,
    UserNotFound,
    WrongCredentials,
    WrongCurrentPassword,
    after_failed_login,
    after_successful_login,
    attempts_left,
    check_new_password,
    check_settings,
    clean_username,
)
from antt_desktop.domain.errors import DomainError
from antt_desktop.domain.vn_text import normalize_name
from antt_desktop.services.context import ServiceContext


class PasswordHasher(Protocol):
    def hash(self, password: str) -> str: ...

    def verify(self, password_hash: str, password: str) -> bool: ...

    def needs_rehash(self, password_hash: str) -> bool: ...


class Argon2Hasher:
    """argon2id with argon2-cffi's defaults (RFC 9106 low-memory profile, ~140 ms a hash)."""

    def __init__(self, **parameters) -> None:
        from argon2 import PasswordHasher as _Argon2, Type

        self._hasher = _Argon2(type=Type.ID, **parameters)

    def hash(self, password: str) -> str:
        return self._hasher.hash(password)

    def verify(self, password_hash: str, password: str) -> bool:
        from argon2.exceptions import InvalidHashError, VerificationError

        try:
            return self._hasher.verify(password_hash, password)
        except (VerificationError, InvalidHashError):
            return False

    def needs_rehash(self, password_hash: str) -> bool:
        try:
            return self._hasher.check_needs_rehash(password_hash)
        except Exception:  # noqa: BLE001 — an unreadable hash is replaced at the next log-in
            return True


class AccountService:
    def __init__(self, context: ServiceContext, hasher: PasswordHasher | None = None) -> None:
        self._context = context
        self._hasher = hasher or Argon2Hasher()
        self._decoy_hash: str | None = None

    @property
    def hasher(self) -> PasswordHasher:
        return self._hasher

    def _now(self) -> datetime:
        return self._context.clock().replace(microsecond=0)

    # ---- reading

    def has_accounts(self) -> bool:
        """True once the first administrator exists: from then on everyone logs in."""
        with self._context.new_uow() as uow:
            return uow.users.count() > 0

    def list_users(self) -> list[User]:
        self._context.require(Permission.MANAGE_USERS)
        with self._context.new_uow() as uow:
            return uow.users.list()

    def get(self, username: str) -> User:
        """A user by name: anyone may read their own account, an administrator every account."""
        name = clean_username(username)
        if name != self._context.actor:
            self._context.require(Permission.MANAGE_USERS)
        with self._context.new_uow() as uow:
            user = uow.users.by_username(name)
        if user is None:
            raise UserNotFound(name)
        return user

    def settings(self) -> AccountSettings:
        with self._context.new_uow() as uow:
            return uow.users.settings()

    # ---- creating

    def create_administrator(self, username: str, full_name: str, password: str) -> User:
        """First run: the head of the commune police's account; refused once any account exists."""
        with self._context.new_uow() as uow:
            if uow.users.count() > 0:
                raise AccountsAlreadyExist()
            user = self._add(uow, username, full_name, Role.ADMIN, password)
            uow.commit()
        return user

    def create_user(self, username: str, full_name: str, role: Role, password: str) -> User:
        self._context.require(Permission.MANAGE_USERS)
        with self._context.new_uow() as uow:
            user = self._add(uow, username, full_name, Role(role), password)
            uow.commit()
        return user

    def _add(self, uow, username: str, full_name: str, role: Role, password: str) -> User:
        from antt_desktop.domain.accounts import DuplicateUsername

        name = clean_username(username)
        if uow.users.by_username(name) is not None:
            raise DuplicateUsername(name)
        settings = uow.users.settings()
        password = check_new_password(password, settings.password_rules, username=name)
        now = self._now()
        user = User(id=str(uuid.uuid4()), username=name, full_name=normalize_name(full_name or ""),
                    role=role, created_at=now, password_changed_at=now)
        uow.users.add(user, self._hasher.hash(password), self._unit_code(uow))
        uow.audit.record(self._context.actor, "user.created", "user", user.id, self._unit_code(uow),
                         after=user)
        return user

    # ---- logging in

    def login(self, username: str, password: str) -> User:
        """The user, if the password is right and the account is neither locked nor disabled.

        Every outcome is in the audit log. A wrong password counts towards the lock-out; a
        locked account is refused without looking at the password, so guessing gains nothing.
        """
        now = self._now()
        try:
            name = clean_username(username)
        except DomainError:
            name = ""
        outcome: DomainError | None = None
        with self._context.new_uow() as uow:
            settings = uow.users.settings()
            user = uow.users.by_username(name) if name else None
            unit_code = self._unit_code(uow)
            if user is None:
                self._hasher.verify(self._decoy(), password)   # as slow as a real check
                uow.audit.record(name or "?", "user.login_failed", "user", None, unit_code,
                                 after={"username": name, "reason": "unknown_user"})
                outcome = WrongCredentials()
            elif not user.is_active:
                uow.audit.record(name, "user.login_failed", "user", user.id, unit_code,
                                 after={"username": name, "reason": "disabled"})
                outcome = AccountDisabled(name)
            elif user.is_locked(now):
                uow.audit.record(name, "user.login_failed", "user", user.id, unit_code,
                                 after={"username": name, "reason": "locked"})
                outcome = AccountLocked(name, user.locked_until)
            elif not self._hasher.verify(uow.users.password_hash(user.id), password):
                after = after_failed_login(user, settings, now)
                uow.users.save(after)
                locked = after.locked_until is not None and after.locked_until > now
                uow.audit.record(name, "user.locked_out" if locked else "user.login_failed", "user",
                                 user.id, unit_code,
                                 before={"failed_attempts": user.failed_attempts},
                                 after={"failed_attempts": after.failed_attempts,
                                        "locked_until": after.locked_until})
                outcome = (AccountLocked(name, after.locked_until) if locked
                           else WrongCredentials(attempts_left(after, settings)))
            else:
                after = after_successful_login(user, now)
                uow.users.save(after)
                if self._hasher.needs_rehash(uow.users.password_hash(user.id)):
                    uow.users.set_password_hash(user.id, self._hasher.hash(password))
                uow.audit.record(name, "user.logged_in", "user", user.id, unit_code)
                user = after
            uow.commit()
        if outcome is not None:
            raise outcome
        return user

    def _decoy(self) -> str:
        if self._decoy_hash is None:
            self._decoy_hash = self._hasher.hash(uuid.uuid4().hex)
        return self._decoy_hash

    # ---- passwords

    def change_password(self, username: str, current: str, new: str) -> None:
        """The user changes their own password; the current one must be right."""
        name = clean_username(username)
        with self._context.new_uow() as uow:
            user = uow.users.by_username(name)
            if user is None:
                raise UserNotFound(name)
            if not self._hasher.verify(uow.users.password_hash(user.id), current):
                raise WrongCurrentPassword()
            self._set_password(uow, user, new, "user.password_changed")
            uow.commit()

    def reset_password(self, username: str, new: str) -> None:
        """An administrator sets someone's password (forgotten, or a new colleague); unlocks too.

        The user may also set their own without the current one when already logged in (the
        command line checked it at log-in).
        """
        name = clean_username(username)
        if name != self._context.actor:
            self._context.require(Permission.MANAGE_USERS)
        with self._context.new_uow() as uow:
            user = uow.users.by_username(name)
            if user is None:
                raise UserNotFound(name)
            self._set_password(uow, user, new, "user.password_reset")
            uow.users.save(replace(user, failed_attempts=0, locked_until=None))
            uow.commit()

    def _set_password(self, uow, user: User, new: str, action: str) -> None:
        settings = uow.users.settings()
        password = check_new_password(new, settings.password_rules, username=user.username)
        uow.users.set_password_hash(user.id, self._hasher.hash(password))
        uow.audit.record(self._context.actor, action, "user", user.id, self._unit_code(uow),
                         after={"username": user.username})

    # ---- managing

    def set_role(self, username: str, role: Role) -> User:
        return self._change(username, lambda user: replace(user, role=Role(role)), "user.role_changed")

    def set_active(self, username: str, is_active: bool) -> User:
        return self._change(username, lambda user: replace(user, is_active=bool(is_active)),
                            "user.enabled" if is_active else "user.disabled")

    def unlock(self, username: str) -> User:
        return self._change(username, lambda user: replace(user, failed_attempts=0, locked_until=None),
                            "user.unlocked")

    def update_full_name(self, username: str, full_name: str) -> User:
        return self._change(username, lambda user: replace(user, full_name=normalize_name(full_name)),
                            "user.updated")

    def _change(self, username: str, change, action: str) -> User:
        self._context.require(Permission.MANAGE_USERS)
        name = clean_username(username)
        with self._context.new_uow() as uow:
            before = uow.users.by_username(name)
            if before is None:
                raise UserNotFound(name)
            after = change(before)
            if after == before:
                return before
            was_admin = before.role is Role.ADMIN and before.is_active
            still_admin = after.role is Role.ADMIN and after.is_active
            if was_admin and not still_admin and len(uow.users.active_administrators()) <= 1:
                raise LastAdministrator(name)
            uow.users.save(after)
            uow.audit.record(self._context.actor, action, "user", after.id, self._unit_code(uow),
                             before=before, after=after)
            uow.commit()
        return after

    def update_settings(self, settings: AccountSettings) -> AccountSettings:
        """Lock-out attempts and minutes, idle-lock minutes (Cài đặt › Tài khoản)."""
        self._context.require(Permission.MANAGE_USERS)
        check_settings(settings)
        with self._context.new_uow() as uow:
            before = uow.users.settings()
            if before == settings:
                return before
            uow.users.save_settings(settings, self._unit_code(uow))
            uow.audit.record(self._context.actor, "settings.accounts_changed", "local_settings", None,
                             self._unit_code(uow), before=before, after=settings)
            uow.commit()
        return settings

    @staticmethod
    def _unit_code(uow) -> str:
        unit = uow.units.own()
        return unit.code if unit else ""
