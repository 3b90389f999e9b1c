"""The sync store: snapshots are table-driven, bulk_insert stores exactly what Core insert stores."""

from __future__ import annotations

import sqlite3

from sqlalchemy import insert

from antt_desktop.store.engine import make_engine
from antt_desktop.store.migrate import migrate_to_head
from antt_desktop.store.sync_repository import COMMUNE_TABLES, bulk_insert, commune_tables
from antt_desktop.store.tables import Base


def test_commune_tables_follow_the_list_parents_first_and_leave_secrets_out():
    names = [t.name for t in commune_tables()]
    assert set(names) <= set(COMMUNE_TABLES)
    assert names.index("members") < names.index("member_photos") < len(names)
    assert names.index("decisions") < names.index("decision_members")
    for secret in ("users", "audit_events", "unit_keys", "package_receipts", "certificate_keys"):
        assert secret not in names
    for name in ("units", "hamlets", "teams", "members", "assignments", "decisions", "insurance"):
        assert name in names


def test_bulk_insert_stores_the_same_values_as_core_insert(demo, tmp_path):
    with demo.context.new_uow() as uow:
        unit = uow.units.own()
        rows = uow.sync.unit_rows(unit.code)
        photos = [dict(r) for r in uow.session.connection().execute(
            Base.metadata.tables["member_photos"].select()).mappings()]
    rows["member_photos"] = photos
    dumps = []
    for way in ("core", "bulk"):
        path = tmp_path / f"{way}.sqlite"
        migrate_to_head(path)
        engine = make_engine(path)
        with engine.begin() as connection:
            for table in commune_tables():
                if rows.get(table.name):
                    if way == "core":
                        connection.execute(insert(table), rows[table.name])
                    else:
                        bulk_insert(connection, table, rows[table.name])
        engine.dispose()
        connection = sqlite3.connect(path)
        dumps.append([line for line in connection.iterdump() if line.startswith("INSERT")])
        connection.close()
    assert dumps[0] == dumps[1] and len(dumps[0]) > 50
