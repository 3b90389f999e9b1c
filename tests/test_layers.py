"""The layers of DESIGN §3 import only what they may (STYLE §1)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "antt_desktop"

FORBIDDEN = {  # layer -> import prefixes it must not use
    "domain": ("PySide6", "sqlalchemy", "alembic", "antt_desktop.store", "antt_desktop.services",
               "antt_desktop.ui", "antt_desktop.documents", "antt_desktop.sync", "antt_desktop.paths",
               "openpyxl", "reportlab"),
    "services": ("PySide6", "antt_desktop.ui"),
    "store": ("PySide6", "antt_desktop.services", "antt_desktop.ui"),
    "ui": ("sqlalchemy", "alembic", "antt_desktop.store"),
    "documents": ("PySide6", "sqlalchemy", "antt_desktop.store", "antt_desktop.services"),
    "sync": ("PySide6", "sqlalchemy", "antt_desktop.store", "antt_desktop.services"),
    "messages": ("PySide6", "sqlalchemy", "antt_desktop.store"),
    "reference": ("PySide6", "sqlalchemy", "antt_desktop.store"),
}


def imported_modules(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
    return names


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_imports_stay_inside_their_bounds(layer):
    files = list((PACKAGE / layer).rglob("*.py"))
    assert files, f"layer {layer} has no modules"
    for path in files:
        for name in imported_modules(path):
            assert not name.startswith(FORBIDDEN[layer]), f"{path.relative_to(PACKAGE)} imports {name}"


def test_cli_does_not_import_the_store_directly():
    for name in imported_modules(PACKAGE / "cli.py"):
        assert not name.startswith(("antt_desktop.store", "sqlalchemy", "PySide6")), name


def test_only_ui_and_app_import_qt():
    for path in PACKAGE.rglob("*.py"):
        relative = path.relative_to(PACKAGE)
        if relative.parts[0] == "ui" or relative.name == "app.py":
            continue
        for name in imported_modules(path):
            assert not name.startswith("PySide6"), f"{relative} imports {name}"
