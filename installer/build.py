"""Build ANTT Desktop for release: the one-folder bundle, then (on Windows) the setup file.

    py installer\\build.py                 (Windows: dist\\antt_desktop\\ and dist\\ANTT-Desktop-Setup-<version>.exe)
    .venv/bin/python installer/build.py   (Linux: dist/antt_desktop/ only, as CI checks it)

Options: --self-test runs the bundled `antt_desktop --self-test` after the build;
--no-installer stops after the bundle; --iscc PATH names Inno Setup's compiler.
Needs `pip install -e .[build]` (PyInstaller) and, for the setup file, Inno Setup 6.3+.
The version is read from antt_desktop.__version__ and passed to ISCC as /DAppVersion.
"""

from __future__ import annotations

import argparse
import ast
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "installer" / "antt_desktop.spec"
ISS = ROOT / "installer" / "antt_desktop.iss"
DIST = ROOT / "dist"
WORK = ROOT / "build"
BUNDLE = DIST / "antt_desktop"


def read_version() -> str:
    """antt_desktop.__version__, read without importing the package."""
    tree = ast.parse((ROOT / "src" / "antt_desktop" / "__init__.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "__version__" for t in node.targets):
            return ast.literal_eval(node.value)
    raise SystemExit("Không thấy __version__ trong src/antt_desktop/__init__.py")


def numeric_version(version: str) -> str:
    """Windows version resources take up to four numbers: 0.2.0rc1 → 0.2.0."""
    match = re.match(r"\d+(\.\d+){0,3}", version)
    return match.group(0) if match else "0.0.0"


def bundle_executable() -> Path:
    return BUNDLE / ("antt_desktop.exe" if os.name == "nt" else "antt_desktop")


def build_bundle() -> float:
    started = time.perf_counter()
    resources_script = ROOT / "installer" / "build_resources.py"
    if resources_script.is_file():  # compiled translations and Qt resources (STYLE §9)
        subprocess.run([sys.executable, str(resources_script)], cwd=ROOT, check=True)
    for folder in (WORK / "antt_desktop", BUNDLE):  # a clean build: no stale files ship
        shutil.rmtree(folder, ignore_errors=True)
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
                    "--distpath", str(DIST), "--workpath", str(WORK), str(SPEC)], cwd=ROOT, check=True)
    return time.perf_counter() - started


def folder_size_mb(folder: Path) -> float:
    # Linux bundles link some libraries twice by symlink: count each file once.
    files = (path for path in folder.rglob("*") if path.is_file() and not path.is_symlink())
    return sum(path.stat().st_size for path in files) / 1_000_000


def run_self_test() -> int:
    environment = dict(os.environ)
    environment.setdefault("QT_QPA_PLATFORM", "offscreen")
    return subprocess.call([str(bundle_executable()), "--self-test"], env=environment)


def find_iscc(given: str | None) -> Path | None:
    """ISCC.exe: --iscc, the ISCC variable, PATH, or Inno Setup 6's usual install folders."""
    candidates = [given, os.environ.get("ISCC"), shutil.which("ISCC"), shutil.which("iscc")]
    for base in ("ProgramFiles(x86)", "ProgramFiles", "LOCALAPPDATA"):
        root = os.environ.get(base)
        if root:
            programs = Path(root) / "Programs" if base == "LOCALAPPDATA" else Path(root)
            candidates.append(str(programs / "Inno Setup 6" / "ISCC.exe"))
    for candidate in candidates:
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    return None


def build_installer(iscc: Path, version: str) -> Path:
    subprocess.run([str(iscc), f"/DAppVersion={version}", f"/DAppNumericVersion={numeric_version(version)}",
                    f"/DBundleDir={BUNDLE}", f"/DOutputDir={DIST}", str(ISS)], cwd=ISS.parent, check=True)
    return DIST / f"ANTT-Desktop-Setup-{version}.exe"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="build.py", description="Đóng gói ANTT Desktop")
    parser.add_argument("--self-test", action="store_true", help="chạy --self-test của bản đóng gói")
    parser.add_argument("--no-installer", action="store_true", help="chỉ tạo thư mục dist/antt_desktop")
    parser.add_argument("--iscc", help="đường dẫn ISCC.exe của Inno Setup 6")
    options = parser.parse_args(argv)

    version = read_version()
    print(f"Đang đóng gói ANTT Desktop {version} bằng PyInstaller…", flush=True)
    seconds = build_bundle()
    print(f"Xong bản đóng gói: {BUNDLE} ({folder_size_mb(BUNDLE):.0f} MB, {seconds:.0f} giây).", flush=True)

    if options.self_test:
        status = run_self_test()
        if status != 0:
            print("Bản đóng gói KHÔNG qua được bước tự kiểm tra.", file=sys.stderr)
            return status

    if options.no_installer:
        return 0
    if os.name != "nt":
        print("Bộ cài Windows (Inno Setup) chỉ tạo được trên Windows; bỏ qua bước này.")
        return 0
    iscc = find_iscc(options.iscc)
    if iscc is None:
        print("Không tìm thấy ISCC.exe của Inno Setup 6: cài Inno Setup 6 hoặc chỉ đường bằng --iscc.",
              file=sys.stderr)
        return 1
    print(f"Đang tạo bộ cài bằng {iscc}…", flush=True)
    setup = build_installer(iscc, version)
    print(f"Xong bộ cài: {setup}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
