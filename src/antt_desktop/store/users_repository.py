"""Accounts and this installation's log-in and backup settings (issue #8).

Password hashes stay here and in services/accounts.py: a `User` never carries one, so no
audit entry, screen or export can show it.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from antt_desktop.domain.access import Role
from antt_desktop.domain.accounts import AccountSettings, PasswordRules, User
from antt_desktop.domain.backup_retention import RetentionPolicy
from antt_desktop.store.mapping import copy_to_row, to_domain
from antt_desktop.store.tables import LocalSettingsRow, UserRow


class UserRepository:
    def __init__(self, session: Session, clock) -> None:
        self._session = session
        self._clock = clock

    def _now(self):
        return self._clock().replace(microsecond=0)

    # ---- accounts

    def count(self) -> int:
        return self._session.execute(select(func.count()).select_from(UserRow)).scalar_one()

    def list(self) -> list[User]:
        rows = self._session.execute(select(UserRow).order_by(UserRow.username)).scalars()
        return [to_domain(row, User) for row in rows]

    def get(self, user_id: str) -> User | None:
        row = self._session.get(UserRow, user_id)
        return to_domain(row, User) if row else None

    def by_username(self, username: str) -> User | None:
        row = self._row_by_username(username)
        return to_domain(row, User) if row else None

    def _row_by_username(self, username: str) -> UserRow | None:
        return self._session.execute(
            select(UserRow).where(UserRow.username == username)).scalar_one_or_none()

    def active_administrators(self) -> list[User]:
        rows = self._session.execute(select(UserRow).where(
            UserRow.role == Role.ADMIN.value, UserRow.is_active.is_(True))).scalars()
        return [to_domain(row, User) for row in rows]

    def add(self, user: User, password_hash: str, unit_code: str) -> None:
        row = UserRow(unit_code=unit_code, password_hash=password_hash)
        copy_to_row(user, row)
        self._session.add(row)

    def save(self, user: User) -> None:
        row = self._session.get(UserRow, user.id)
        copy_to_row(user, row, skip=("id", "created_at", "password_changed_at"))

    def password_hash(self, user_id: str) -> str:
        return self._session.get(UserRow, user_id).password_hash

    def set_password_hash(self, user_id: str, password_hash: str) -> None:
        row = self._session.get(UserRow, user_id)
        row.password_hash = password_hash
        row.password_changed_at = self._now()

    # ---- settings (one row; the defaults until someone saves)

    def settings(self) -> AccountSettings:
        row = self._settings_row()
        if row is None:
            return AccountSettings()
        return AccountSettings(
            max_failed_attempts=row.max_failed_attempts, lockout_minutes=row.lockout_minutes,
            idle_lock_minutes=row.idle_lock_minutes,
            password_rules=PasswordRules(min_length=row.password_min_length))

    def retention(self) -> RetentionPolicy:
        row = self._settings_row()
        if row is None:
            return RetentionPolicy()
        return RetentionPolicy(daily=row.backup_keep_daily, weekly=row.backup_keep_weekly,
                               monthly=row.backup_keep_monthly)

    def save_settings(self, settings: AccountSettings, unit_code: str) -> None:
        row = self._settings_row_for_writing(unit_code)
        row.max_failed_attempts = settings.max_failed_attempts
        row.lockout_minutes = settings.lockout_minutes
        row.idle_lock_minutes = settings.idle_lock_minutes
        row.password_min_length = settings.password_rules.min_length

    def save_retention(self, policy: RetentionPolicy, unit_code: str) -> None:
        row = self._settings_row_for_writing(unit_code)
        row.backup_keep_daily = policy.daily
        row.backup_keep_weekly = policy.weekly
        row.backup_keep_monthly = policy.monthly

    def _settings_row(self) -> LocalSettingsRow | None:
        return self._session.execute(select(LocalSettingsRow).limit(1)).scalar_one_or_none()

    def _settings_row_for_writing(self, unit_code: str) -> LocalSettingsRow:
        row = self._settings_row()
        if row is None:
            defaults, retention = AccountSettings(), RetentionPolicy()
            row = LocalSettingsRow(
                unit_code=unit_code, max_failed_attempts=defaults.max_failed_attempts,
                lockout_minutes=defaults.lockout_minutes, idle_lock_minutes=defaults.idle_lock_minutes,
                password_min_length=defaults.password_rules.min_length,
                backup_keep_daily=retention.daily, backup_keep_weekly=retention.weekly,
                backup_keep_monthly=retention.monthly, updated_at=self._now())
            self._session.add(row)
        row.updated_at = self._now()
        return row
