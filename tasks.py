#!/usr/bin/env python3
"""One command to set everything up, then open the app or run the tests.

    python tasks.py app      # create .venv, install, open ANTT Desktop
    python tasks.py test     # create .venv, install, run the whole test suite headless

Works the same on Windows (py tasks.py app) and Linux; needs only Python 3.11+.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
STAMP = VENV / ".installed-from"


def ensure_environment() -> None:
    if sys.version_info < (3, 11):
        sys.exit(f"Cần Python 3.11 trở lên (đang dùng {sys.version.split()[0]}).")
    if not PYTHON.exists():
        print("Đang tạo môi trường Python (.venv)…", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if STAMP.exists() and STAMP.read_text().strip() == wanted:
        return
    print("Đang cài đặt các thư viện cần thiết…", flush=True)
    subprocess.run([str(PYTHON), "-m", "pip", "install", "--quiet", "--upgrade", "pip"], check=True)
    subprocess.run([str(PYTHON), "-m", "pip", "install", "--quiet", "-e", ".[test]"], cwd=ROOT, check=True)
    STAMP.write_text(wanted)


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "app"
    rest = argv[1:]
    ensure_environment()
    if command == "app":
        return subprocess.call([str(PYTHON), "-m", "antt_desktop", *rest], cwd=ROOT)
    if command == "test":
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
        workers = ["-n", "2"] if "-n" not in rest else []
        status = subprocess.call([str(PYTHON), "-m", "pytest", *workers, *rest], cwd=ROOT, env=env)
        server = os.environ.get("ANTT_TEST_POSTGRESQL_URL")
        if server and not rest:
            # The aggregator may run on PostgreSQL (issue #10): the store, service and sync
            # tests run a second time against the server.
            print(f"Chạy lại kiểm thử lưu trữ, dịch vụ, đồng bộ trên PostgreSQL…", flush=True)
            env["ANTT_TEST_DATABASE"] = server
            folders = [f"tests/{name}" for name in ("store", "services", "sync") if (ROOT / "tests" / name).is_dir()]
            status = subprocess.call([str(PYTHON), "-m", "pytest", *workers, *folders], cwd=ROOT, env=env) or status
        return status
    if command == "bench":
        return subprocess.call([str(PYTHON), str(ROOT / "bench" / "run.py"), *rest], cwd=ROOT)
    sys.exit(f"Lệnh không hợp lệ «{command}». Dùng: python tasks.py app | test | bench")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
