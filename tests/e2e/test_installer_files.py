"""The release files in installer/ (issue #9), checked where no Windows machine is needed:
the version lives in one place, the Inno Setup script is Vietnamese and leaves the data folder
alone, `.antt` files open the app, and the icon has every size Windows asks for."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest
from PIL import Image

from antt_desktop import __version__

ROOT = Path(__file__).resolve().parents[2]
INSTALLER = ROOT / "installer"
BOM = b"\xef\xbb\xbf"


def load_build_script():
    spec = importlib.util.spec_from_file_location("antt_build", INSTALLER / "build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def sections(path: Path) -> dict[str, list[str]]:
    """An .iss/.isl file's lines by [Section], without comments and blank lines."""
    found: dict[str, list[str]] = {}
    current = ""
    for line in path.read_bytes().removeprefix(BOM).decode("utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith(";"):
            continue
        heading = re.fullmatch(r"\[(\w+)\]", line)
        if heading:
            current = heading.group(1)
            continue
        found.setdefault(current, []).append(line)
    return found


def keys(lines: list[str]) -> set[str]:
    return {line.split("=", 1)[0] for line in lines if "=" in line}


def test_the_version_is_read_from_the_package_only():
    build = load_build_script()
    assert build.read_version() == __version__
    for name in ("antt_desktop.spec", "antt_desktop.iss", "build.py"):
        text = (INSTALLER / name).read_text(encoding="utf-8-sig")
        assert f'"{__version__}"' not in text and f"={__version__}" not in text, name
    assert 'dynamic = ["version"]' in (ROOT / "pyproject.toml").read_text(encoding="utf-8")


@pytest.mark.parametrize("version, numeric", [
    ("0.1.0", "0.1.0"), ("1.2.3.4.5", "1.2.3.4"), ("0.2.0rc1", "0.2.0"), ("2", "2"),
])
def test_windows_version_resources_get_numbers_only(version, numeric):
    assert load_build_script().numeric_version(version) == numeric


@pytest.mark.parametrize("name", ["antt_desktop.iss", "Vietnamese.isl"])
def test_inno_files_are_utf8_with_a_bom_so_vietnamese_reads_right(name):
    data = (INSTALLER / name).read_bytes()
    assert data.startswith(BOM)
    data[3:].decode("utf-8")


def test_the_installer_speaks_vietnamese():
    script = sections(INSTALLER / "antt_desktop.iss")
    language = sections(INSTALLER / "Vietnamese.isl")
    assert 'MessagesFile: "compiler:Default.isl,Vietnamese.isl"' in script["Languages"][0]
    assert "LanguageID=$042A" in language["LangOptions"]
    messages = dict(line.split("=", 1) for line in language["Messages"])
    assert messages["ButtonNext"] == "&Tiếp >" and messages["ButtonCancel"] == "Hủy"
    assert "giữ nguyên" in messages["ConfirmUninstall"]
    custom = keys(language["CustomMessages"]) | keys(script["CustomMessages"])
    used = set(re.findall(r"\{cm:(\w+)", (INSTALLER / "antt_desktop.iss").read_text(encoding="utf-8-sig")))
    assert used <= custom, used - custom


def test_the_installer_never_touches_the_users_data_folder():
    script = sections(INSTALLER / "antt_desktop.iss")
    for section in ("InstallDelete", "UninstallDelete", "Files", "Dirs"):
        for line in script.get(section, []):
            target = re.search(r'(?:Name|DestDir): "([^"]+)"', line).group(1)
            assert target.startswith("{app}"), line
    text = (INSTALLER / "antt_desktop.iss").read_text(encoding="utf-8-sig").lower()
    assert "{localappdata}" not in text and "{userappdata}" not in text
    assert "AppId={{" in "\n".join(script["Setup"])  # one AppId: a new version installs over the old


def test_shortcuts_and_the_antt_file_association():
    script = sections(INSTALLER / "antt_desktop.iss")
    icons = "\n".join(script["Icons"])
    assert '"{group}\\{#AppName}"' in icons and '"{autodesktop}\\{#AppName}"' in icons
    registry = "\n".join(script["Registry"])
    assert 'Subkey: "Software\\Classes\\.antt"' in registry
    assert '"""{app}\\{#AppExeName}"" ""%1"""' in registry
    assert "ChangesAssociations=yes" in script["Setup"]


def test_the_icon_has_every_size_from_16_to_256():
    icon = Image.open(ROOT / "resources" / "icons" / "antt_desktop.ico")
    assert {(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)} <= icon.info["sizes"]
    png = Image.open(ROOT / "resources" / "icons" / "antt_desktop-256.png")
    assert png.size == (256, 256) and png.mode == "RGBA"
