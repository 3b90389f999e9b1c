"""Where the data folder and the shipped resources are; no Qt, nothing else asks the OS."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP_NAME = "ANTT Desktop"
APP_AUTHOR = "ANTT"
DATABASE_FILE_NAME = "antt.sqlite"


def default_data_dir() -> Path:
    """The user's data folder (%LOCALAPPDATA%\\ANTT\\ANTT Desktop on Windows).

    ANTT_DATA_DIR overrides it, for portable installs and tests.
    """
    override = os.environ.get("ANTT_DATA_DIR")
    if override:
        return Path(override)
    return Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))


def default_database_path() -> Path:
    return default_data_dir() / DATABASE_FILE_NAME


def resources_dir() -> Path:
    """The resources folder in a checkout, an installed wheel's data, or a PyInstaller bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    checkout = Path(__file__).resolve().parents[2] / "resources"
    if checkout.is_dir():
        return checkout
    return Path(sys.prefix) / "share" / "antt_desktop" / "resources"


def resource_path(name: str) -> Path:
    return resources_dir() / name


def migrations_dir() -> Path:
    return Path(__file__).resolve().parent / "store" / "migrations"
