"""Installing a new version over an old one (issue #9): a database made by the previous schema
revision is backed up, then migrated to every head, and keeps its data.

The database is built at revision 0001 by Alembic itself and filled through plain SQL with the
columns 0001 had, so the test does not depend on today's tables.py.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic import command

from antt_desktop.domain.members import member_search_key
from antt_desktop.domain.people import MemberStatus, Position
from antt_desktop.domain.vn_text import name_sort_key
from antt_desktop.store.backups import list_backups
from antt_desktop.store.engine import make_engine
from antt_desktop.store.migrate import alembic_config, current_revisions, head_revisions, migrate_to_head
from antt_desktop.wiring import open_services

pytestmark = pytest.mark.sqlite_only  # about the SQLite file and its backup beside it

PREVIOUS_REVISION = "0001"
UNIT = "26734"
NOW = "2026-06-01 08:00:00.000000"
KEPT_TABLES = ("units", "hamlets", "teams", "members", "assignments")

MEMBERS = (  # id, full name, gender, birth date, ID number, phone, status, position
    ("m-1", "Nguyễn Văn Hòa", "nam", "1975-03-12", "064075001234", "0905123456", "active", "to_truong"),
    ("m-2", "Trần Thị Ánh", "nữ", "1988-11-02", "064188004321", "0912345678", "active", "to_pho"),
    ("m-3", "Đỗ Đức Bình", "nam", "1992-07-30", "064092007777", None, "active", "to_vien"),
    ("m-4", "Rơ Châm Hyưn", "nữ", "1999-01-15", None, "0987654321", "proposed", None),
)


def build_previous_database(path: Path) -> None:
    """A SQLite file at revision 0001, as the previous version of the app left it."""
    engine = make_engine(path)
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, PREVIOUS_REVISION)
    engine.dispose()

    connection = sqlite3.connect(path)
    with connection:
        connection.execute(
            "INSERT INTO units (id, unit_code, code, name, kind, mode, is_own, province_code, province_name,"
            " higher_unit_name, people_committee_name, place_name, chairman_name, chairman_title,"
            " signature_form, police_chief_name, police_chief_title, policy_version_id, settings,"
            " created_at, updated_at)"
            " VALUES (?, ?, ?, ?, 'xa', 'commune', 1, '064', 'Gia Lai', 'Công an tỉnh Gia Lai',"
            " 'UBND xã Tân Phú', 'Tân Phú', 'Nguyễn Văn Hòa', 'Chủ tịch', 'TM.', 'Lê Văn Tâm',"
            " 'Trưởng Công an xã', NULL, '{}', ?, ?)",
            ("u-1", UNIT, UNIT, "Xã Tân Phú", NOW, NOW))
        connection.execute(
            "INSERT INTO hamlets (id, unit_code, name, kind, households, residents, is_complex,"
            " is_exempt_area, note, created_at, updated_at)"
            " VALUES ('h-1', ?, 'Thôn Đắk Lơ', 'thon', 320, 1280, 1, 0, 'gần cửa khẩu', ?, ?)",
            (UNIT, NOW, NOW))
        connection.execute(
            "INSERT INTO teams (id, unit_code, name, hamlet_id, establishing_decision_id, quota_override,"
            " established_on, dissolved_on, created_at, updated_at)"
            " VALUES ('t-1', ?, 'Tổ bảo vệ ANTT thôn Đắk Lơ', 'h-1', NULL, NULL, '2024-07-01', NULL, ?, ?)",
            (UNIT, NOW, NOW))
        for member_id, name, gender, born, id_number, phone, status, position in MEMBERS:
            connection.execute(
                "INSERT INTO members (id, unit_code, full_name, search_key, sort_key, birth_date, birth_year,"
                " gender, id_number, id_issued_on, ethnicity, religion, education_level, phone, hamlet_id,"
                " address, residence_kind, residence_since, prior_force, status, joined_on, left_on,"
                " leave_reason, over_70_approval, has_photo, note, created_at, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, 'Kinh', 'Không', 'thpt', ?, 'h-1',"
                " 'Thôn Đắk Lơ, xã Tân Phú', 'thuong_tru', NULL, 'moi', ?, ?, NULL, '', '', 0, '', ?, ?)",
                (member_id, UNIT, name, member_search_key(name, id_number, phone), name_sort_key(name),
                 born, int(born[:4]), gender, id_number, phone, status,
                 "2024-07-01" if status == "active" else None, NOW, NOW))
            if position:
                connection.execute(
                    "INSERT INTO assignments (id, unit_code, member_id, team_id, position, started_on,"
                    " ended_on, decision_id, end_decision_id, created_at)"
                    " VALUES (?, ?, ?, 't-1', ?, '2024-07-01', NULL, NULL, NULL, ?)",
                    (f"a-{member_id}", UNIT, member_id, position, NOW))
    connection.close()


def snapshot(path: Path, columns_by_table: dict[str, list[str]]) -> dict[str, list[tuple]]:
    """Every row of the kept tables, over the columns the previous revision had."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return {table: connection.execute(
                    f"SELECT {', '.join(columns)} FROM {table} ORDER BY id").fetchall()
                for table, columns in columns_by_table.items()}
    finally:
        connection.close()


def revision_of(path: Path) -> set[str]:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return {row[0] for row in connection.execute("SELECT version_num FROM alembic_version")}
    finally:
        connection.close()


@pytest.fixture
def previous_database(tmp_path) -> Path:
    path = tmp_path / "antt.sqlite"
    build_previous_database(path)
    return path


def test_the_previous_revision_is_behind_the_heads(previous_database):
    assert revision_of(previous_database) == {PREVIOUS_REVISION}
    assert head_revisions() - {PREVIOUS_REVISION}, "no newer revision: the upgrade tests prove nothing"


def test_upgrade_backs_up_first_then_migrates_to_every_head_keeping_the_data(previous_database):
    connection = sqlite3.connect(previous_database)
    columns = {table: [row[1] for row in connection.execute(f"PRAGMA table_info({table})")]
               for table in KEPT_TABLES}
    connection.close()
    before = snapshot(previous_database, columns)
    assert len(before["members"]) == len(MEMBERS)

    backup = migrate_to_head(previous_database)

    # The backup was taken before migrating: it is still at 0001 and holds the old rows.
    assert backup is not None and backup.is_file()
    assert list_backups(previous_database) == [backup]
    assert "truoc-nang-cap" in backup.name
    assert revision_of(backup) == {PREVIOUS_REVISION}
    assert snapshot(backup, columns) == before

    engine = make_engine(previous_database)
    try:
        assert current_revisions(engine) == head_revisions()
    finally:
        engine.dispose()
    assert snapshot(previous_database, columns) == before

    assert migrate_to_head(previous_database) is None  # up to date: no second backup
    assert list_backups(previous_database) == [backup]


def test_the_app_opens_the_upgraded_database_with_its_members(previous_database):
    services = open_services(previous_database, actor="can-bo-test")
    try:
        rows = services.members.list_rows()
        own = services.units.own_unit()
    finally:
        services.close()

    assert own is not None and own.code == UNIT and own.name == "Xã Tân Phú"
    by_name = {row.full_name: row for row in rows}
    assert set(by_name) == {member[1] for member in MEMBERS}
    leader = by_name["Nguyễn Văn Hòa"]
    assert leader.position is Position.LEADER and leader.status is MemberStatus.ACTIVE
    assert leader.team_name == "Tổ bảo vệ ANTT thôn Đắk Lơ" and leader.hamlet_name == "Thôn Đắk Lơ"
    assert leader.id_number == "064075001234"
    assert by_name["Rơ Châm Hyưn"].status is MemberStatus.PROPOSED and by_name["Rơ Châm Hyưn"].team_id is None
    # Vietnamese order: by given name (Ánh, Bình, Hòa, Hyưn).
    assert [row.full_name for row in rows] == ["Trần Thị Ánh", "Đỗ Đức Bình", "Nguyễn Văn Hòa", "Rơ Châm Hyưn"]
    assert len(list_backups(previous_database)) == 1  # open_services backed up before migrating
