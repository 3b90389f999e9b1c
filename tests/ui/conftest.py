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
