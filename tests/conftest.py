"""Shared fixtures. Qt runs offscreen; every database is a migrated temporary file."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

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


@pytest.fixture
def database(tmp_path) -> Path:
    """A migrated SQLite file: each thread would see its own :memory: database."""
    from antt_desktop.store.migrate import migrate_to_head

    path = tmp_path / "antt.sqlite"
    migrate_to_head(path)
    return path


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
