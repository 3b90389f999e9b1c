"""Nhật ký thao tác as the viewer reads it: entries, filters and the before/after difference."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from typing import Any

from antt_desktop.domain.errors import DomainError, error_dataclass


@dataclass(frozen=True, slots=True)
class AuditEntry:
    sequence: int
    at: datetime
    actor: str
    action: str
    entity: str
    entity_id: str | None
    unit_code: str
    before: Any
    after: Any


@dataclass(frozen=True, slots=True)
class AuditFilter:
    """Which entries to show; every field left empty matches everything."""

    actor: str = ""
    from_on: date | None = None
    to_on: date | None = None          # inclusive
    record: str = ""                   # a record id, or part of one (entity_id)
    action: str = ""                   # an action, or its prefix ("member." for all of members)
    limit: int | None = 5000


# The action of every entry that records personal data leaving the program as a file.
EXPORT_ACTION = "personal_data.exported"


class ExportKind(str, Enum):
    """The document that carried personal data out of the program: the `kind` of an export
    entry (action "personal_data.exported"; labels in messages/audit.py)."""

    DECISION = "quyet_dinh"                                      # PDF or Word, with its list
    PROPOSAL = "van_ban_de_nghi"                                 # Mẫu 05, 06 lists or the Mẫu 07 report
    MEMBER_LIST = "danh_sach_thanh_vien"                         # printed list, team by team (PDF)
    MEMBER_LIST_BY_HAMLET = "danh_sach_thanh_vien_theo_thon"     # the Excel list of the reports
    CERTIFICATES = "giay_chung_nhan"
    PAYROLL = "bang_thanh_toan"                                  # Excel or PDF
    INSURANCE_LISTS = "danh_sach_bao_hiem"                       # BHYT and BHXH lists for the office
    PERIODIC_REPORT = "bao_cao_dinh_ky"                          # names who joined and left
    AGGREGATE_REPORT = "bao_cao_tong_hop"                        # ID numbers shared across communes
    IMPORT_ANNOTATED_COPY = "tep_nhap_co_ghi_chu"                # the imported workbook, annotated
    ATTACHMENT = "tep_dinh_kem"                                  # a record's scanned evidence, saved as


@dataclass(frozen=True, slots=True)
class FieldChange:
    field: str
    before: Any
    after: Any


@error_dataclass
class InvalidDateRange(DomainError):
    from_on: date
    to_on: date


def check_filter(audit_filter: AuditFilter) -> AuditFilter:
    if audit_filter.from_on and audit_filter.to_on and audit_filter.from_on > audit_filter.to_on:
        raise InvalidDateRange(audit_filter.from_on, audit_filter.to_on)
    return audit_filter


def field_changes(before: Any, after: Any) -> list[FieldChange]:
    """What changed between two recorded states, field by field, in a stable order.

    Mappings are compared key by key (nested mappings become "outer.inner"); anything else is
    one change named "" when the values differ. A field absent on one side counts as None.
    """
    if isinstance(before, dict) or isinstance(after, dict):
        old = before if isinstance(before, dict) else {}
        new = after if isinstance(after, dict) else {}
        changes: list[FieldChange] = []
        for key in _ordered_keys(old, new):
            a, b = old.get(key), new.get(key)
            if isinstance(a, dict) and isinstance(b, dict):
                changes.extend(FieldChange(f"{key}.{c.field}" if c.field else str(key), c.before, c.after)
                               for c in field_changes(a, b))
            elif a != b:
                changes.append(FieldChange(str(key), a, b))
        return changes
    if before == after:
        return []
    return [FieldChange("", before, after)]


def _ordered_keys(old: dict, new: dict) -> list:
    keys = list(old)
    keys.extend(key for key in new if key not in old)
    return keys
