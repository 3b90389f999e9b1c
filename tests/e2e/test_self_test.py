"""`antt_desktop --self-test` (issue #9): every check passes on a good install, a failing check
makes the exit status non-zero, and it needs no display and never touches the data folder."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from antt_desktop import __version__
from antt_desktop.app import main
from antt_desktop.self_test import CHECKS, run

ROOT = Path(__file__).resolve().parents[2]


def test_every_check_passes_and_the_report_is_vietnamese():
    report = io.StringIO()

    assert run(report) == 0

    text = report.getvalue()
    assert text.startswith(f"ANTT Desktop {__version__} — tự kiểm tra")
    for title, _check in CHECKS:
        assert f"[ĐẠT] {title}:" in text
    assert "LỖI" not in text
    assert f"cả {len(CHECKS)} mục đều đạt" in text
    assert "nhúng phông LiberationSerif" in text
    assert "Nguyễn Thị Ánh Tuyết" in text


def test_a_failing_check_is_reported_and_the_status_is_non_zero():
    def broken_pdf(folder: Path) -> str:
        raise ValueError("tệp không bắt đầu bằng %PDF")

    def fine(folder: Path) -> str:
        (folder / "x.txt").write_text("ổn", encoding="utf-8")
        return "ổn"

    report = io.StringIO()

    assert run(report, checks=(("Tệp PDF", broken_pdf), ("Tệp Excel", fine))) == 1

    text = report.getvalue()
    assert "[LỖI] Tệp PDF: ValueError: tệp không bắt đầu bằng %PDF" in text
    assert "[ĐẠT] Tệp Excel: ổn" in text
    assert "1/2 mục KHÔNG ĐẠT" in text


def test_the_app_entry_point_runs_the_self_test(capsys):
    assert main(["--self-test"]) == 0
    assert "đều đạt" in capsys.readouterr().out


@pytest.mark.slow
def test_the_command_needs_no_display_and_leaves_the_data_folder_alone(tmp_path):
    environment = {key: value for key, value in os.environ.items()
                   if key not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")}
    data_folder = tmp_path / "du-lieu"
    environment["ANTT_DATA_DIR"] = str(data_folder)
    environment["PYTHONIOENCODING"] = "ascii"  # a console without Vietnamese: still readable

    finished = subprocess.run([sys.executable, "-m", "antt_desktop", "--self-test"], cwd=ROOT,
                              env=environment, capture_output=True, timeout=120)

    output = finished.stdout.decode("utf-8")
    assert finished.returncode == 0, output + finished.stderr.decode("utf-8", "replace")
    assert "đều đạt" in output
    assert not data_folder.exists()
