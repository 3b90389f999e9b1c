"""Keys (made at setup, protected on disk, trusted by file after comparing fingerprints) and the
higher unit's views: members read-only, the board, shared ID numbers, statistics, the Excel report."""

from __future__ import annotations

import sys
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from antt_desktop.domain.access import PermissionDenied, Role
from antt_desktop.domain.aggregate import BoardStatus, board_status
from antt_desktop.messages import describe
from antt_desktop.sync import errors
from tests.conftest import FakeClock
from tests.sync.pair import copy_pair, exchange_keys, new_commune, template_pair


@pytest.fixture(scope="module")
def pair_files(tmp_path_factory):
    return template_pair(tmp_path_factory.mktemp("pair"), FakeClock(datetime(2026, 11, 3, 9, 0)))


@pytest.fixture
def clock():
    return FakeClock(datetime(2026, 11, 3, 9, 30))


@pytest.fixture
def pair(pair_files, tmp_path, clock):
    made = copy_pair(pair_files, tmp_path, clock)
    yield made
    made.close()


# ---- keys -----------------------------------------------------------------------------------

def test_keys_are_made_once_outside_the_database_with_owner_only_permissions(commune):
    assert commune.keys.own() is None
    made = commune.keys.ensure()
    assert made.created and made.unit_code == "26734"
    assert commune.keys.ensure() == replace(made, created=False)
    key_file = commune.keys.key_file
    assert key_file.exists() and key_file.parent.name == "keys"
    if str(commune.target).startswith("postgresql"):
        from antt_desktop.paths import default_data_dir
        assert key_file.parent == default_data_dir() / "keys"    # never inside the server
    else:
        assert key_file.parent == Path(commune.target).parent / "keys"
        assert b"signing_seed" not in Path(commune.target).read_bytes()
    if sys.platform != "win32":
        assert key_file.stat().st_mode & 0o777 == 0o600


def test_a_new_key_pair_replaces_the_old_and_sets_the_old_file_aside(commune):
    first = commune.keys.ensure()
    second = commune.keys.ensure(new=True)
    assert second.fingerprint != first.fingerprint
    assert list(commune.keys.key_file.parent.glob("*.cu-*"))
    assert commune.keys.own().fingerprint == second.fingerprint


def test_a_missing_private_key_file_is_named(commune):
    commune.keys.ensure()
    commune.keys.key_file.unlink()
    with pytest.raises(errors.PrivateKeyUnreadable) as refused:
        commune.keys.ensure()
    assert "keys init --new" in describe(refused.value)


def test_a_private_key_file_of_another_unit_is_refused(pair, tmp_path):
    other_file = pair.province.keys.key_file
    pair.commune.keys.key_file.write_bytes(other_file.read_bytes())
    with pytest.raises(errors.PrivateKeyMismatch):
        pair.commune.packages.export(pair.usb)


def test_trust_checks_the_fingerprint_and_refuses_the_own_key(pair, tmp_path):
    card = pair.province.keys.export_public(tmp_path / "tinh.antt-key")
    with pytest.raises(errors.FingerprintMismatch):
        pair.commune.keys.trust(card.key_file, expected_fingerprint="00000 00000 00000 00000")
    again = pair.commune.keys.trust(card.key_file, expected_fingerprint=card.fingerprint.replace(" ", ""))
    assert again.already_trusted
    own = pair.commune.keys.export_public(tmp_path / "xa.antt-key")
    with pytest.raises(errors.OwnKeyFile):
        pair.commune.keys.trust(own.key_file)
    with pytest.raises(errors.KeyFileInvalid) as refused:
        pair.commune.keys.trust(pair.commune.keys.key_file)       # the private file, by mistake
    assert "KHÓA BÍ MẬT" in describe(refused.value)


def test_only_an_administrator_manages_keys(pair, tmp_path):
    card = pair.province.keys.export_public(tmp_path / "tinh.antt-key")
    from antt_desktop.services.keys import KeyService

    entry_clerk = KeyService(replace(pair.commune.context, role=Role.DATA_ENTRY), pair.commune.keys.key_file)
    with pytest.raises(PermissionDenied):
        entry_clerk.trust(card.key_file)
    with pytest.raises(PermissionDenied):
        entry_clerk.distrust("CAT-GL")


# ---- the board ------------------------------------------------------------------------------

@pytest.mark.parametrize("received, today, expected", [
    (None, date(2026, 11, 20), BoardStatus.NEVER),
    (date(2026, 11, 3), date(2026, 11, 20), BoardStatus.ON_TIME),
    (date(2026, 11, 5), date(2026, 11, 20), BoardStatus.ON_TIME),
    (date(2026, 11, 6), date(2026, 11, 20), BoardStatus.LATE),
    (date(2026, 10, 2), date(2026, 11, 4), BoardStatus.WAITING),
    (date(2026, 10, 2), date(2026, 11, 6), BoardStatus.MISSING),
    (date(2025, 11, 2), date(2026, 11, 6), BoardStatus.MISSING),
])
def test_board_status_rule(received, today, expected):
    assert board_status(received, today, 5) is expected


def test_board_shows_late_and_missing_communes(pair, tmp_path, clock):
    late = new_commune(tmp_path / "xa2", clock, code="XA-2", name="Xã Ia Pa")
    try:
        exchange_keys(late, pair.province, tmp_path / "usb2")
        pair.province.packages.import_package(pair.commune.packages.export(pair.usb).path)
        clock.now = datetime(2026, 11, 12, 10, 0)
        board = {row.unit_code: row for row in pair.province.aggregate.board()}
        assert board["DEMO-TANPHU"].status is BoardStatus.ON_TIME and board["DEMO-TANPHU"].last_sequence == 1
        assert board["XA-2"].status is BoardStatus.NEVER and board["XA-2"].has_key
        assert board["XA-2"].needs_attention and not board["DEMO-TANPHU"].needs_attention
        clock.now = datetime(2026, 12, 8, 10, 0)
        board = {row.unit_code: row for row in pair.province.aggregate.board()}
        assert board["DEMO-TANPHU"].status is BoardStatus.MISSING
        late.packages.export(tmp_path / "usb2")
        pair.province.packages.import_package(next((tmp_path / "usb2").glob("XA-2-goi-*.antt")))
        board = {row.unit_code: row for row in pair.province.aggregate.board()}
        assert board["XA-2"].status is BoardStatus.LATE
    finally:
        late.close()


def test_members_read_only_statistics_shared_ids_and_excel_report(pair, tmp_path, clock):
    pair.province.packages.import_package(pair.commune.packages.export(pair.usb).path)
    # A second commune whose member carries an ID number already active in the first one.
    other = new_commune(tmp_path / "xa2", clock, code="XA-2", name="Xã Ia Pa")
    try:
        exchange_keys(other, pair.province, tmp_path / "usb2")
        shared_row = next(r for r in pair.commune.members.list_rows() if r.status.value == "active" and r.id_number)
        from sqlalchemy import text

        from antt_desktop.store.engine import make_engine

        source = make_engine(pair.commune.target)
        with source.connect() as connection:
            member = dict(connection.execute(text("SELECT * FROM members WHERE id = :id"),
                                             {"id": shared_row.id}).mappings().one())
        source.dispose()
        member.update(id="11111111-2222-4333-8444-555555555555", unit_code="XA-2", hamlet_id=None)
        target = make_engine(other.target)
        with target.begin() as connection:
            columns = ", ".join(member)
            connection.execute(text(f"INSERT INTO members ({columns}) VALUES ({', '.join(':' + k for k in member)})"),
                               member)
        target.dispose()
        pair.province.packages.import_package(other.packages.export(tmp_path / "usb2").path)
    finally:
        other.close()

    aggregate = pair.province.aggregate
    assert len(aggregate.members()) == 31
    found = aggregate.members(search=shared_row.full_name.split()[-1].lower())
    assert {r.unit_code for r in found if r.id_number == shared_row.id_number} == {"DEMO-TANPHU", "XA-2"}

    shared = aggregate.shared_id_numbers()
    assert [group.id_number for group in shared] == [shared_row.id_number]
    assert {e.unit_code for e in shared[0].entries} == {"DEMO-TANPHU", "XA-2"}

    stats = aggregate.statistics()
    by_code = {c.unit_code: c for c in stats.communes}
    assert by_code["DEMO-TANPHU"].active == 27 and by_code["DEMO-TANPHU"].teams == 7
    assert by_code["DEMO-TANPHU"].leaders == 7 and by_code["XA-2"].active == 1
    assert stats.total.active == 28 and stats.total.teams == 7

    from antt_desktop.domain.audit_trail import EXPORT_ACTION, AuditFilter

    blocker = tmp_path / "mot-tep-thuong"
    blocker.write_text("")
    with pytest.raises(OSError):
        aggregate.write_report(blocker / "tong-hop.xlsx")
    assert pair.province.audit.entries(AuditFilter(action=EXPORT_ACTION)) == []
    path = aggregate.write_report(tmp_path / "tong-hop.xlsx")
    [logged] = pair.province.audit.entries(AuditFilter(action=EXPORT_ACTION))
    assert logged.after == {"kind": "bao_cao_tong_hop", "count": 2, "destination": str(path)}  # the 2 sharing
    workbook = load_workbook(path)
    assert workbook.sheetnames == ["Tổng hợp", "Tình hình gửi gói", "Trùng số định danh"]
    sheet = workbook["Tổng hợp"]
    totals = next(row for row in sheet.iter_rows(min_row=6, values_only=True) if row[1] == "TỔNG CỘNG")
    assert totals[4] == 28                                    # "Thành viên đang tham gia"
    assert sheet.cell(6, 3).number_format == "#,##0"
    shared_sheet = workbook["Trùng số định danh"]
    assert shared_sheet.cell(6, 2).value == shared_row.id_number
    assert shared_sheet.cell(6, 2).number_format == "@"


def test_a_commune_user_without_review_permission_sees_no_aggregate(pair):
    from antt_desktop.services.aggregate import AggregateService

    viewer = AggregateService(replace(pair.province.context, role=Role.DATA_ENTRY))
    with pytest.raises(PermissionDenied):
        viewer.board()
