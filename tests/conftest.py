"""Shared fixtures. Qt runs offscreen; every database is a migrated temporary file."""

from __future__ import annotations

import os
from datetime import datetime

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before any Qt import (STYLE §11)

FIXED_NOW = datetime(2026, 11, 22, 9, 30, 0)


class FakeClock:
    """A clock the tests move by hand."""

    def __init__(self, now: datetime = FIXED_NOW) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture(autouse=True)
def _private_data_folder(tmp_path_factory, monkeypatch):
    """Keys, settings and backups of server databases go to the user's data folder; a test
    must never write into the real one."""
    monkeypatch.setenv("ANTT_DATA_DIR", str(tmp_path_factory.mktemp("data")))


# Set ANTT_TEST_DATABASE to a PostgreSQL server URL (postgresql+psycopg://user@host:port/db) to
# run the store, service and sync tests against it (issue #10); `python tasks.py test` does
# that by itself when ANTT_TEST_POSTGRESQL_URL is set, and .ci/run starts a server for it.
POSTGRESQL_ADMIN_URL = os.environ.get("ANTT_TEST_DATABASE", "")


def pytest_configure(config):
    config.addinivalue_line("markers", "sqlite_only: the test is about the SQLite file itself")


def pytest_collection_modifyitems(config, items):
    if not POSTGRESQL_ADMIN_URL:
        return
    skip = pytest.mark.skip(reason="kiểm thử riêng cho tệp SQLite")
    for item in items:
        if "sqlite_only" in item.keywords:
            item.add_marker(skip)


@pytest.fixture
def database(tmp_path):
    """A migrated database: a SQLite file (each thread would see its own :memory: database),
    or a fresh PostgreSQL database when ANTT_TEST_DATABASE is set."""
    from antt_desktop.store.migrate import migrate_to_head

    if not POSTGRESQL_ADMIN_URL:
        path = tmp_path / "antt.sqlite"
        migrate_to_head(path)
        yield path
        return
    import uuid

    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"antt_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(POSTGRESQL_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(POSTGRESQL_ADMIN_URL).set(database=name).render_as_string(hide_password=False)
    try:
        migrate_to_head(url)
        yield url
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def services(database, clock):
    from antt_desktop.wiring import open_services

    opened = open_services(database, actor="can-bo-test", clock=clock)
    yield opened
    opened.close()


@pytest.fixture
def commune(services):
    """Services over a database with the user's own unit set up (Xã Tân Phú, Gia Lai)."""
    from antt_desktop.domain.units import UnitSetup

    services.units.set_up(UnitSetup(code="26734", name="Xã Tân Phú", province="Gia Lai",
                                    chairman_name="Nguyễn Văn Hòa"))
    return services


@pytest.fixture
def demo(services):
    """Services over the demo commune."""
    services.demo.fill_commune(seed=7)
    services.policies.seed_shipped()
    return services
