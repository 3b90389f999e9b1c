"""Which automatic backups to keep: daily, weekly and monthly generations (issue #8).

The rule is the one of `borg prune`: keep the newest backup of each of the N most recent days
(weeks, months) that have one, plus the newest few whatever their age. Copies a user made by
hand are never deleted, and the copies taken before a restore or an upgrade are kept for a
while even when newer ones exist: they are how a user undoes those two steps.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from antt_desktop.domain.errors import DomainError, error_dataclass

# Reasons written into a backup's file name (store.backups): what made the copy.
REASON_START = "khoi-dong"
REASON_CLOSE = "dong"
REASON_MANUAL = "thu-cong"
REASON_BEFORE_RESTORE = "truoc-phuc-hoi"
REASON_BEFORE_UPGRADE = "truoc-nang-cap"
REASON_BEFORE_IMPORT = "truoc-nhap"
REASON_BEFORE_RECOVERY = "truoc-khoi-phuc"

NEVER_PRUNED = frozenset({REASON_MANUAL})
PROTECTED_FOR_A_WHILE = frozenset({REASON_BEFORE_RESTORE, REASON_BEFORE_UPGRADE, REASON_BEFORE_RECOVERY})

REASON_LABELS = {
    REASON_START: "Tự động khi mở chương trình",
    REASON_CLOSE: "Tự động khi đóng chương trình",
    REASON_MANUAL: "Sao lưu thủ công",
    REASON_BEFORE_RESTORE: "Trước khi phục hồi",
    REASON_BEFORE_UPGRADE: "Trước khi nâng cấp dữ liệu",
    REASON_BEFORE_IMPORT: "Trước khi nhập dữ liệu",
    REASON_BEFORE_RECOVERY: "Trước khi khôi phục tệp hỏng",
}


def reason_label(reason: str) -> str:
    if reason in REASON_LABELS:
        return REASON_LABELS[reason]
    if reason.startswith(REASON_BEFORE_IMPORT):        # truoc-nhap-goi, truoc-nhap-excel, …
        return REASON_LABELS[REASON_BEFORE_IMPORT]
    return reason


@dataclass(frozen=True, slots=True)
class RetentionPolicy:
    daily: int = 7
    weekly: int = 5
    monthly: int = 12
    keep_latest: int = 5
    protect_days: int = 30


RETENTION_BOUNDS = {"daily": (1, 60), "weekly": (0, 52), "monthly": (0, 120)}


@error_dataclass
class RetentionOutOfRange(DomainError):
    field: str
    value: int
    minimum: int
    maximum: int


def check_retention(policy: RetentionPolicy) -> RetentionPolicy:
    for field, (minimum, maximum) in RETENTION_BOUNDS.items():
        value = getattr(policy, field)
        if not isinstance(value, int) or not minimum <= value <= maximum:
            raise RetentionOutOfRange(field, value, minimum, maximum)
    return policy


@dataclass(frozen=True, slots=True)
class BackupStamp:
    key: Hashable              # what the caller deletes by (a path)
    taken_at: datetime
    reason: str


def backups_to_keep(backups: Iterable[BackupStamp], policy: RetentionPolicy,
                    now: datetime) -> set[Hashable]:
    """The keys of the backups the policy keeps; the others may be deleted."""
    newest_first = sorted(backups, key=lambda b: b.taken_at, reverse=True)
    keep = {b.key for b in newest_first[:policy.keep_latest]}
    for backup in newest_first:
        if backup.reason in NEVER_PRUNED:
            keep.add(backup.key)
        elif (backup.reason in PROTECTED_FOR_A_WHILE
              and now - backup.taken_at < timedelta(days=policy.protect_days)):
            keep.add(backup.key)
    for count, period in ((policy.daily, lambda t: t.date()),
                          (policy.weekly, lambda t: t.isocalendar()[:2]),
                          (policy.monthly, lambda t: (t.year, t.month))):
        seen: set = set()
        for backup in newest_first:
            if len(seen) >= count:
                break
            bucket = period(backup.taken_at)
            if bucket not in seen:
                seen.add(bucket)
                keep.add(backup.key)
    return keep
