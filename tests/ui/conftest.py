"""Fixtures of the GUI tests: settings in a temporary folder, fake prompts, inline jobs."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path, qapp):
    """QSettings go to an INI file under tmp_path, never to the user's real settings."""
    from PySide6.QtCore import QSettings

    qapp.setOrganizationName("ANTT-test")
    qapp.setApplicationName("ANTT Desktop test")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    yield tmp_path / "settings"


@pytest.fixture(scope="session", autouse=True)
def vietnamese_qt(qapp):
    from antt_desktop.ui import qt_vietnamese

    return qt_vietnamese.install(qapp)


@pytest.fixture
def prompts():
    from tests.ui.fakes import FakePrompts

    return FakePrompts()


@pytest.fixture
def jobs():
    from antt_desktop.ui.jobs import InlineJobs

    return InlineJobs()


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory):
    """The demo commune built once per session; each test gets its own copy of the file."""
    from antt_desktop.wiring import open_services
    from tests.conftest import FakeClock

    path = tmp_path_factory.mktemp("demo-template") / "antt.sqlite"
    services = open_services(path, actor="can-bo-test", clock=FakeClock())
    services.demo.fill_commune(seed=7)
    services.policies.seed_shipped()
    services.close()           # disposing the engine checkpoints the WAL into the file
    return path


@pytest.fixture
def demo(demo_template, tmp_path, clock):
    """Services over a copy of the demo commune (as tests/conftest.py's `demo`, but ~10× faster)."""
    import shutil

    from antt_desktop.wiring import open_services

    path = tmp_path / "demo" / "antt.sqlite"
    path.parent.mkdir()
    shutil.copy(demo_template, path)
    opened = open_services(path, actor="can-bo-test", clock=clock, migrate=False)
    yield opened
    opened.close()
