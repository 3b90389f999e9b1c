"""`antt keys|package|reference|aggregate` in real subprocesses: the JSON contract of issue #6,
Vietnamese refusals on stderr, non-zero exits, and databases left as they were."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.sync.pair import database_dump

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]


def antt(*args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONIOENCODING="utf-8", PYTHONPATH=str(ROOT / "src"))
    return subprocess.run([sys.executable, "-m", "antt_desktop.cli", *args], capture_output=True, text=True,
                          encoding="utf-8", env=env, cwd=ROOT, timeout=120)


def ok(*args: str):
    done = antt(*args)
    assert done.returncode == 0, done.stderr
    if "--json" not in args:
        return done.stdout
    try:
        return json.loads(done.stdout)
    except ValueError:
        pytest.fail(f"antt {' '.join(args)}: not JSON\nstdout: {done.stdout!r}\nstderr: {done.stderr!r}")


class _Dump:
    def __init__(self, path: Path) -> None:
        self.target = str(path)


@pytest.fixture(scope="module")
def exchanged(tmp_path_factory):
    """A demo commune and a provincial aggregator that trusted each other through the CLI."""
    root = tmp_path_factory.mktemp("cli")
    commune, province, usb = root / "xa" / "antt.sqlite", root / "tinh" / "antt.sqlite", root / "usb"
    usb.mkdir()
    ok("demo", "--photos", "--db", str(commune))
    ok("init", "--unit-code", "CAT-GL", "--unit-name", "Công an tỉnh Gia Lai", "--province", "Gia Lai",
       "--mode", "aggregator", "--db", str(province))
    commune_key = ok("keys", "export-public", "--out", str(usb / "xa.antt-key"), "--json", "--db", str(commune))
    province_key = ok("keys", "export-public", "--out", str(usb / "tinh.antt-key"), "--json", "--db", str(province))
    assert len(commune_key["fingerprint"].split()) == 4
    trusted = ok("keys", "trust", str(usb / "tinh.antt-key"), "--fingerprint", province_key["fingerprint"],
                 "--json", "--db", str(commune))
    assert trusted["unit_code"] == "CAT-GL" and not trusted["already_trusted"]
    ok("keys", "trust", str(usb / "xa.antt-key"), "--db", str(province))
    return commune, province, usb


def test_round_trip_on_the_command_line(exchanged):
    commune, province, usb = exchanged
    exported = ok("package", "export", "--to", str(usb), "--json", "--db", str(commune))
    assert {"path", "sequence", "members"} <= exported.keys()
    assert exported["sequence"] >= 1 and exported["members"] == 30
    path = exported["path"]

    verified = ok("package", "verify", path, "--json", "--db", str(province))
    assert verified["valid"] and verified["unit_code"] == "DEMO-TANPHU" and not verified["already_applied"]

    before = database_dump(_Dump(province))
    preview = ok("package", "import", path, "--dry-run", "--json", "--db", str(province))
    assert database_dump(_Dump(province)) == before
    assert {"unit_code", "sequence", "applied", "new", "changed", "gone"} <= preview.keys()
    assert (preview["applied"], preview["new"], preview["changed"], preview["gone"]) == (False, 30, 0, 0)
    assert any(team["team"] == "Tổ bảo vệ ANTT Thôn 1" for team in preview["teams"])

    applied = ok("package", "import", path, "--json", "--db", str(province))
    assert applied["applied"] is True and applied["new"] == 30 and applied["sequence"] == exported["sequence"]
    assert Path(applied["receipt"]).exists() and Path(applied["backup"]).exists()

    again = antt("package", "import", path, "--json", "--db", str(province))
    assert again.returncode == 1
    refused = json.loads(again.stdout)
    assert refused["applied"] is False and refused["error"] == "PackageReplayed"
    assert (refused["new"], refused["changed"], refused["gone"]) == (0, 0, 0)
    assert "đã được nhập" in again.stderr

    receipt = ok("package", "receipt", applied["receipt"], "--json", "--db", str(commune))
    assert receipt["recorded"] and receipt["sequence"] == exported["sequence"]
    history = ok("package", "history", "--json", "--db", str(commune))
    assert any(row["sequence"] == exported["sequence"] and row["acknowledged_at"] for row in history)

    board = ok("aggregate", "board", "--json", "--db", str(province))
    assert board[0]["unit_code"] == "DEMO-TANPHU" and board[0]["last_sequence"] == exported["sequence"]
    report = ok("aggregate", "report", "--out", str(usb / "tong-hop.xlsx"), "--json", "--db", str(province))
    assert Path(report["path"]).exists()

    reference = ok("reference", "export", "--to", str(usb), "--json", "--db", str(province))
    assert reference["recipients"] == ["DEMO-TANPHU"]
    dry = ok("reference", "import", reference["path"], "--dry-run", "--json", "--db", str(commune))
    assert dry["applied"] is False
    assert ok("reference", "import", reference["path"], "--json", "--db", str(commune))["applied"] is True


@pytest.fixture(scope="module")
def package_bytes(exchanged, tmp_path_factory):
    commune = exchanged[0]
    folder = tmp_path_factory.mktemp("export")
    return Path(ok("package", "export", "--to", str(folder), "--json", "--db", str(commune))["path"]).read_bytes()


@pytest.mark.parametrize("damage", ["truncated", "flipped", "not_a_package", "wrong_recipient"])
def test_bad_packages_exit_non_zero_with_a_vietnamese_message_and_change_nothing(exchanged, package_bytes,
                                                                                 tmp_path, damage):
    commune, province, usb = exchanged
    data = package_bytes
    target, db = tmp_path / "bad.antt", province
    if damage == "truncated":
        target.write_bytes(data[: len(data) // 2])
        expected = "cắt cụt"
    elif damage == "flipped":
        flipped = bytearray(data)
        flipped[len(data) // 3] ^= 0x04
        target.write_bytes(bytes(flipped))
        expected = "bị hỏng hoặc đã bị sửa"
    elif damage == "not_a_package":
        target.write_text("xin chào", encoding="utf-8")
        expected = "không phải gói dữ liệu ANTT"
    else:
        target.write_bytes(data)
        db = commune                  # the commune cannot open what it encrypted for its province
        expected = "mã hóa cho đơn vị khác"
    before = database_dump(_Dump(db))
    command = "verify" if damage == "wrong_recipient" else "import"
    done = antt("package", command, str(target), "--db", str(db))
    assert done.returncode == 1
    assert expected in done.stderr and done.stderr.startswith("Lỗi: ")
    assert database_dump(_Dump(db)) == before


def test_trust_with_a_wrong_fingerprint_is_refused(exchanged):
    commune, province, usb = exchanged
    done = antt("keys", "trust", str(usb / "xa.antt-key"), "--fingerprint", "12345 12345 12345 12345",
                "--db", str(province))
    assert done.returncode == 1 and "Dấu vân tay không khớp" in done.stderr
