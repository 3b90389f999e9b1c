"""The audit viewer's service (issue #8): filters, the before/after difference, exports that
are themselves logged, the privacy hook, no edit path, and tampering caught by `antt check`."""

from __future__ import annotations

import csv
import sqlite3
from datetime import date, timedelta

import pytest
from openpyxl import load_workbook

from antt_desktop.domain.access import PermissionDenied, Role
from antt_desktop.domain.accounts import User
from antt_desktop.domain.audit_trail import AuditFilter, FieldChange, InvalidDateRange
from antt_desktop.domain.dates import BirthDate
from antt_desktop.domain.members import MemberDraft
from antt_desktop.domain.people import Gender
from antt_desktop.messages import describe
from antt_desktop.services.audit import AuditService

CLERK = User(id="c", username="canbo", full_name="", role=Role.DATA_ENTRY)


def draft(**changes) -> MemberDraft:
    values = dict(full_name="Nguyễn Văn An", gender=Gender.MALE, birth=BirthDate(full=date(1985, 3, 4)),
                  id_number="064085012345", phone="0912345678")
    values.update(changes)
    return MemberDraft(**values)


@pytest.fixture
def history(commune, clock):
    """A member created by «canbo» on 20/11, corrected by the administrator on 22/11."""
    clock.now -= timedelta(days=2)
    as_clerk = commune.with_user(CLERK)
    member = as_clerk.members.create(draft()).member
    clock.now += timedelta(days=2)
    commune.members.update(member.id, draft(full_name="Nguyễn Văn Ân", phone="0905123456"))
    return commune, member


def test_filter_by_user_date_and_record(history, clock):
    services, member = history
    audit = services.audit
    everything = audit.entries()
    assert [e.sequence for e in everything] == sorted((e.sequence for e in everything), reverse=True)
    by_clerk = audit.entries(AuditFilter(actor="canbo"))
    assert [e.action for e in by_clerk] == ["member.created"]
    on_record = audit.entries(AuditFilter(record=member.id))
    assert [e.action for e in on_record] == ["member.updated", "member.created"]
    assert [e.action for e in audit.entries(AuditFilter(record=member.id[:8]))] == \
        ["member.updated", "member.created"]
    today = clock.now.date()
    assert [e.action for e in audit.entries(AuditFilter(record=member.id, from_on=today))] == ["member.updated"]
    assert [e.action for e in audit.entries(AuditFilter(record=member.id, to_on=today - timedelta(days=1)))] \
        == ["member.created"]
    assert audit.entries(AuditFilter(action="member.", actor="canbo"))[0].action == "member.created"
    assert set(audit.actors()) >= {"canbo", "can-bo-test"}
    with pytest.raises(InvalidDateRange) as refused:
        audit.entries(AuditFilter(from_on=today, to_on=today - timedelta(days=1)))
    assert "Khoảng thời gian không hợp lệ" in describe(refused.value)


def test_the_difference_shows_only_what_changed(history):
    services, member = history
    updated = services.audit.entries(AuditFilter(record=member.id, action="member.updated"))[0]
    changes = {c.field: c for c in services.audit.changes(updated)}
    assert changes["full_name"] == FieldChange("full_name", "Nguyễn Văn An", "Nguyễn Văn Ân")
    assert changes["phone"] == FieldChange("phone", "0912345678", "0905123456")
    assert "id_number" not in changes


def test_export_to_excel_and_csv_is_itself_logged(history, tmp_path):
    services, member = history
    count = len(services.audit.entries(AuditFilter(limit=None)))
    result = services.audit.export(tmp_path / "nhat-ky.xlsx")
    assert result.count == count
    sheet = load_workbook(result.path).active
    assert sheet["A2"].value == "Số thứ tự" and sheet.max_row == count + 2
    assert sheet["B3"].number_format == "dd/mm/yyyy hh:mm:ss"
    assert "Sửa hồ sơ thành viên" in [row[3] for row in sheet.iter_rows(min_row=3, values_only=True)]
    logged = services.audit.entries(AuditFilter(limit=1))[0]
    assert logged.action == "audit.exported" and logged.after["count"] == count

    csv_result = services.audit.export(tmp_path / "nhat-ky.csv", AuditFilter(actor="canbo", limit=None))
    raw = csv_result.path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")           # a BOM: Excel reads Vietnamese right
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert rows[0][0] == "Số thứ tự" and len(rows) == 2 and rows[1][2] == "canbo"


def test_record_export_is_the_privacy_hook_other_services_call(commune, tmp_path):
    commune.audit.record_export("danh_sach_thanh_vien", 25, tmp_path / "ds.pdf")
    entry = commune.audit.entries(AuditFilter(action="personal_data.exported"))[0]
    assert entry.after == {"kind": "danh_sach_thanh_vien", "count": 25, "destination": str(tmp_path / "ds.pdf")}
    assert entry.actor == "can-bo-test"


def test_the_log_has_no_edit_path():
    public = {name for name in dir(AuditService) if not name.startswith("_")}
    assert public == {"entries", "actors", "changes", "broken_sequences", "export", "record_export"}
    assert not any(word in name for name in public for word in ("update", "delete", "edit", "remove", "set"))


def test_viewing_the_log_needs_its_permission(commune):
    viewer = commune.with_user(User(id="v", username="xem", full_name="", role=Role.VIEWER))
    with pytest.raises(PermissionDenied) as refused:
        viewer.audit.entries()
    assert "xem nhật ký thao tác" in describe(refused.value)


@pytest.mark.sqlite_only
def test_tampering_with_the_file_is_found_by_the_chain_and_antt_check(history, database, capsys):
    from antt_desktop.cli import main

    services, member = history
    services.close()
    assert main(["check", "--db", str(database)]) == 0
    capsys.readouterr()
    connection = sqlite3.connect(database)
    with connection:
        connection.execute("UPDATE audit_events SET actor = 'nguoi-khac' WHERE action = 'member.created'")
    connection.close()

    assert main(["check", "--db", str(database)]) == 1
    out = capsys.readouterr().out
    assert "Nhật ký thao tác bị sửa hoặc thiếu tại bản ghi số" in out
    assert services.audit.broken_sequences()


@pytest.mark.sqlite_only
def test_deleting_an_entry_is_found_too(history, database):
    services, member = history
    connection = sqlite3.connect(database)
    with connection:
        connection.execute("DELETE FROM audit_events WHERE action = 'member.created'")
    connection.close()
    assert services.audit.broken_sequences()
