"""Roles and what each may do; every service checks them, not only the UI (issue #8)."""

from __future__ import annotations

from enum import Enum

from antt_desktop.domain.errors import DomainError, error_dataclass


class Role(str, Enum):
    ADMIN = "quan_tri"            # Quản trị: the head of the commune police
    DATA_ENTRY = "nhap_lieu"      # Cán bộ nhập liệu
    VIEWER = "chi_xem"            # Chỉ xem
    REVIEWER = "tham_dinh"        # Thẩm định: the higher unit's reviewer (aggregator)


class Permission(str, Enum):
    VIEW = "view"
    EDIT_RECORDS = "edit_records"            # members, hamlets, teams, service records
    DRAFT_DECISIONS = "draft_decisions"
    ISSUE_DECISIONS = "issue_decisions"
    MANAGE_PAYROLL = "manage_payroll"
    LOCK_PAYROLL = "lock_payroll"
    EXPORT_PERSONAL_DATA = "export_personal_data"   # prints and files with IDs, birth dates, photos
    IMPORT_DATA = "import_data"              # Excel lists and USB packages
    MANAGE_SETTINGS = "manage_settings"      # unit, policies, keys
    MANAGE_USERS = "manage_users"
    VIEW_AUDIT = "view_audit"                # the audit log holds every record's past values
    BACKUP_RESTORE = "backup_restore"
    REVIEW = "review"                        # aggregator: consolidated views and reports


ROLE_LABELS = {Role.ADMIN: "Quản trị", Role.DATA_ENTRY: "Cán bộ nhập liệu",
               Role.VIEWER: "Chỉ xem", Role.REVIEWER: "Thẩm định (cấp trên)"}

PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.ADMIN: frozenset(Permission),
    Role.DATA_ENTRY: frozenset({
        Permission.VIEW, Permission.EDIT_RECORDS, Permission.DRAFT_DECISIONS,
        Permission.MANAGE_PAYROLL, Permission.EXPORT_PERSONAL_DATA, Permission.IMPORT_DATA,
        Permission.BACKUP_RESTORE,
    }),
    Role.VIEWER: frozenset({Permission.VIEW}),
    Role.REVIEWER: frozenset({Permission.VIEW, Permission.REVIEW, Permission.IMPORT_DATA,
                              Permission.EXPORT_PERSONAL_DATA}),
}


@error_dataclass
class PermissionDenied(DomainError):
    role: Role
    permission: Permission


def can(role: Role, permission: Permission) -> bool:
    return permission in PERMISSIONS[role]


def require(role: Role, permission: Permission) -> None:
    if not can(role, permission):
        raise PermissionDenied(role, permission)
