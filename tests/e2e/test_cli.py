"""The `antt` command line end to end: exit codes, Vietnamese messages, JSON contract."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from antt_desktop.cli import main


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def db(tmp_path) -> str:
    return str(tmp_path / "antt.sqlite")


def test_version(capsys):
    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0
    assert "ANTT Desktop" in capsys.readouterr().out


def test_init_then_members_list_is_empty(capsys, db):
    code, out, _ = run(capsys, "--db", db, "init", "--unit-code", "26734", "--unit-name", "Xã Tân Phú",
                       "--province", "Gia Lai")
    assert code == 0 and "Xã Tân Phú" in out and "Gia Lai" in out
    code, out, _ = run(capsys, "members", "list", "--json", "--db", db)
    assert code == 0 and json.loads(out) == []


def test_init_then_demo_fills_the_declared_commune_once(capsys, db):
    code, _, _ = run(capsys, "--db", db, "init", "--unit-code", "26734", "--unit-name", "Xã Tân Phú",
                     "--province", "Gia Lai")
    assert code == 0
    code, out, _ = run(capsys, "demo", "--db", db)
    assert code == 0 and "7 thôn/tổ dân phố" in out and "0 đơn vị" not in out
    members = json.loads(run(capsys, "members", "list", "--json", "--db", db)[1])
    assert len(members) >= 20 and {m["unit_code"] for m in members} == {"26734"}
    code, out, err = run(capsys, "demo", "--db", db)             # a second time: refused, unchanged
    assert code != 0 and "đã có dữ liệu" in err
    assert len(json.loads(run(capsys, "members", "list", "--json", "--db", db)[1])) == len(members)
    code, out, _ = run(capsys, "check", "--db", db)
    assert code == 0 and "không có lỗi" in out


def test_demo_gives_a_coherent_commune(capsys, db):
    code, out, _ = run(capsys, "demo", "--seed", "3", "--db", db)
    assert code == 0 and "thành viên" in out
    code, out, _ = run(capsys, "members", "list", "--json", "--db", db)
    members = json.loads(out)
    assert len(members) >= 20
    keys = {"id", "full_name", "birth_date", "gender", "id_number", "hamlet", "team", "position", "status", "phone"}
    for member in members:
        assert keys <= member.keys()
        assert member["gender"] in ("nam", "nữ")
        assert member["status"] in ("active", "proposed", "left")
        assert member["position"] in ("to_truong", "to_pho", "to_vien", None)
        if member["status"] == "active":
            assert member["team"] and member["hamlet"] and member["position"]
    teams = {}
    for member in members:
        if member["status"] == "active":
            teams.setdefault(member["team"], []).append(member["position"])
    for positions in teams.values():
        assert positions.count("to_truong") == 1 and positions.count("to_pho") == 1
    code, out, err = run(capsys, "check", "--db", db)
    assert code == 0, out + err
    assert "không có lỗi" in out


def test_demo_is_deterministic_for_a_seed(capsys, tmp_path):
    outputs = []
    for name in ("a.sqlite", "b.sqlite"):
        path = str(tmp_path / name)
        run(capsys, "demo", "--seed", "11", "--db", path)
        code, out, _ = run(capsys, "members", "list", "--json", "--db", path)
        outputs.append(json.loads(out))
    assert outputs[0] == outputs[1]


def test_search_ignores_diacritics(capsys, db):
    run(capsys, "demo", "--db", db)
    _, out, _ = run(capsys, "members", "list", "--json", "--db", db)
    someone = json.loads(out)[0]
    from antt_desktop.domain.vn_text import fold

    given = fold(someone["full_name"]).split()[-1]
    _, out, _ = run(capsys, "members", "list", "--json", "--search", given.upper(), "--db", db)
    found = json.loads(out)
    assert someone["id"] in {m["id"] for m in found}
    assert all(given in fold(m["full_name"]) or given in (m["id_number"] or "") or given in (m["phone"] or "")
               for m in found)


def test_aggregate_demo_builds_many_communes(capsys, db):
    code, out, _ = run(capsys, "demo", "--communes", "5", "--members", "200", "--json", "--db", db)
    assert code == 0
    summary = json.loads(out)
    assert summary["members"] == 200 and summary["units"] == 6
    _, out, _ = run(capsys, "members", "list", "--json", "--db", db)
    members = json.loads(out)
    assert len({m["unit_code"] for m in members}) == 5


@pytest.mark.parametrize("argv, fragment", [
    (["init", "--unit-code", "X", "--unit-name", "Xã A", "--province", "Atlantis"], "Không tìm thấy tỉnh"),
    (["init", "--unit-code", "mã có dấu", "--unit-name", "Xã A", "--province", "Gia Lai"], "Mã đơn vị"),
    (["init", "--unit-code", "X", "--unit-name", "   ", "--province", "Gia Lai"], "tên đơn vị"),
    (["demo", "--communes", "3"], "--communes và --members"),
])
def test_bad_input_exits_non_zero_with_a_vietnamese_message_and_writes_nothing(capsys, db, argv, fragment):
    code, out, err = run(capsys, "--db", db, *argv)
    assert code != 0
    assert fragment in err
    code, out, err = run(capsys, "members", "list", "--db", db)
    assert code != 0 and "Chưa có cơ sở dữ liệu" in err or "Chưa khai báo" in err or out.endswith("0 thành viên.\n")


def test_commands_on_a_missing_database_create_nothing(capsys, db):
    code, _, err = run(capsys, "members", "list", "--db", db)
    assert code == 1 and "Chưa có cơ sở dữ liệu" in err
    assert not Path(db).exists()


def test_a_file_that_is_not_a_database_is_refused(capsys, tmp_path):
    bogus = tmp_path / "ghi-chu.sqlite"
    bogus.write_text("không phải cơ sở dữ liệu", encoding="utf-8")
    code, _, err = run(capsys, "demo", "--db", str(bogus))
    assert code == 1 and "không phải tệp cơ sở dữ liệu" in err
    assert bogus.read_text(encoding="utf-8") == "không phải cơ sở dữ liệu"


def test_init_twice_is_refused(capsys, db):
    args = ["--db", db, "init", "--unit-code", "A1", "--unit-name", "Xã A", "--province", "064"]
    assert run(capsys, *args)[0] == 0
    code, _, err = run(capsys, *args)
    assert code == 1 and "đã được khai báo" in err


def test_usage_errors_are_in_vietnamese(capsys, db):
    with pytest.raises(SystemExit) as exited:
        main(["--db", db, "init", "--unit-name", "Xã A"])
    assert exited.value.code == 2
    assert "thiếu tham số bắt buộc" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["demo", "--members", "không"])
    assert "không phải là số nguyên" in capsys.readouterr().err


def test_check_reports_a_tampered_audit_log(capsys, db):
    import sqlite3

    run(capsys, "demo", "--db", db)
    connection = sqlite3.connect(db)
    connection.execute("UPDATE audit_events SET actor = 'ke-gian' WHERE sequence = 1")
    connection.commit()
    connection.close()
    code, out, _ = run(capsys, "check", "--db", db)
    assert code == 1
    assert "Nhật ký thao tác bị sửa" in out


def test_console_script_runs_as_a_real_process(db):
    environment = dict(os.environ, PYTHONIOENCODING="utf-8")
    result = subprocess.run([sys.executable, "-m", "antt_desktop.cli", "demo", "--db", db],
                            capture_output=True, text=True, encoding="utf-8", env=environment)
    assert result.returncode == 0, result.stderr
    assert "Đã tạo dữ liệu mẫu" in result.stdout


def test_an_unreachable_database_server_is_a_clear_message(capsys):
    code, _, err = run(capsys, "members", "list", "--db",
                       "postgresql+psycopg://antt:bi-mat@127.0.0.1:1/khong_co")
    assert code == 1
    assert "Không mở được cơ sở dữ liệu" in err
    assert "bi-mat" not in err  # the password never reaches the screen
