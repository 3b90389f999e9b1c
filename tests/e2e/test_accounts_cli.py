"""`antt users`, `antt backup`, `antt restore`, `antt audit` and `antt check` (issue #8)."""

from __future__ import annotations

import io
import json
import sqlite3
from pathlib import Path

import pytest
from openpyxl import load_workbook

from antt_desktop.cli import main

pytestmark = pytest.mark.sqlite_only
ADMIN_PASSWORD = "BaoVe2026an"


def run(capsys, monkeypatch, *argv: str, stdin: str = "", password: str | None = None):
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    if password is None:
        monkeypatch.delenv("ANTT_PASSWORD", raising=False)
    else:
        monkeypatch.setenv("ANTT_PASSWORD", password)
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def db(tmp_path, capsys, monkeypatch) -> str:
    path = str(tmp_path / "antt.sqlite")
    assert run(capsys, monkeypatch, "demo", "--db", path)[0] == 0
    return path


@pytest.fixture
def with_admin(db, capsys, monkeypatch) -> str:
    code, out, err = run(capsys, monkeypatch, "users", "add", "quantri", "--full-name", "lê văn tâm", "--db", db,
                         stdin=ADMIN_PASSWORD + "\n")
    assert code == 0, err
    assert out.strip() == "Đã tạo tài khoản «quantri» (Quản trị)."
    return db


def test_without_accounts_commands_run_as_the_administrator(db, capsys, monkeypatch):
    code, out, _ = run(capsys, monkeypatch, "users", "list", "--db", db, "--json")
    assert code == 0 and json.loads(out) == []


def test_the_first_account_must_be_the_administrator(db, capsys, monkeypatch):
    code, _, err = run(capsys, monkeypatch, "users", "add", "canbo", "--role", "nhap_lieu", "--db", db,
                       stdin="NhapLieu2026\n")
    assert code == 1 and "tài khoản đầu tiên phải là tài khoản quản trị" in err


def test_once_accounts_exist_every_command_needs_a_log_in(with_admin, capsys, monkeypatch):
    db = with_admin
    code, out, err = run(capsys, monkeypatch, "members", "list", "--db", db)
    assert code == 1 and out == "" and "hãy đăng nhập bằng «--login TÊN»" in err
    code, out, err = run(capsys, monkeypatch, "members", "list", "--db", db, "--login", "quantri",
                         password="sai-mat-khau-1")
    assert code == 1 and "Tên đăng nhập hoặc mật khẩu không đúng" in err
    code, out, _ = run(capsys, monkeypatch, "members", "list", "--json", "--db", db, "--login", "quantri",
                       password=ADMIN_PASSWORD)
    assert code == 0 and len(json.loads(out)) > 0


def test_users_add_list_passwd_and_roles(with_admin, capsys, monkeypatch):
    db = with_admin
    login = ("--db", db, "--login", "quantri")
    code, out, err = run(capsys, monkeypatch, "users", "add", "canbo", "--role", "nhap_lieu",
                         "--full-name", "Trần Thị Ánh", *login, stdin="NhapLieu2026\n", password=ADMIN_PASSWORD)
    assert code == 0, err
    code, out, _ = run(capsys, monkeypatch, "user", "list", "--json", *login, password=ADMIN_PASSWORD)
    listed = {u["username"]: u for u in json.loads(out)}
    assert listed["canbo"]["role"] == "nhap_lieu" and listed["quantri"]["full_name"] == "Lê Văn Tâm"

    # The clerk may not manage accounts…
    code, _, err = run(capsys, monkeypatch, "users", "list", "--db", db, "--login", "canbo",
                       password="NhapLieu2026")
    assert code == 1 and "«Cán bộ nhập liệu» không được phép quản lý tài khoản" in err
    # …but sets their own password, and the administrator sets anyone's.
    code, out, _ = run(capsys, monkeypatch, "users", "passwd", "canbo", "--db", db, "--login", "canbo",
                       stdin="MatKhauMoi2027\n", password="NhapLieu2026")
    assert code == 0 and "Đã đặt mật khẩu mới cho «canbo»" in out
    code, _, err = run(capsys, monkeypatch, "users", "passwd", "canbo", *login, stdin="ngan\n",
                       password=ADMIN_PASSWORD)
    assert code == 1 and "Mật khẩu phải có ít nhất 8 ký tự" in err
    code, out, _ = run(capsys, monkeypatch, "users", "role", "canbo", "chi_xem", *login, password=ADMIN_PASSWORD)
    assert code == 0 and "Chỉ xem" in out
    code, _, err = run(capsys, monkeypatch, "members", "list", "--db", db, "--login", "canbo",
                       password="MatKhauMoi2027")
    assert code == 0


def test_backup_to_a_folder_list_and_restore(with_admin, tmp_path, capsys, monkeypatch):
    db = with_admin
    login = ("--db", db, "--login", "quantri")
    stick = tmp_path / "usb"
    code, out, _ = run(capsys, monkeypatch, "backup", "--to", str(stick), "--json", *login, password=ADMIN_PASSWORD)
    copy = Path(json.loads(out)["path"])
    assert code == 0 and copy.parent == stick and copy.exists()
    code, out, _ = run(capsys, monkeypatch, "backup", *login, password=ADMIN_PASSWORD)
    assert code == 0 and out.startswith("Đã sao lưu vào «")

    connection = sqlite3.connect(db)
    with connection:
        connection.execute("UPDATE members SET phone = NULL")
    connection.close()
    # Without --yes and without a terminal, restore asks for confirmation and changes nothing.
    code, out, err = run(capsys, monkeypatch, "restore", str(copy), *login, password=ADMIN_PASSWORD)
    assert code == 1 and "Chạy lại với «--yes»" in err and "thành viên" in out
    code, out, err = run(capsys, monkeypatch, "restore", str(copy), "--yes", *login, password=ADMIN_PASSWORD)
    assert code == 0, err
    assert "Dữ liệu trước khi phục hồi đã được sao lưu tại" in out and "Đã phục hồi dữ liệu." in out
    connection = sqlite3.connect(db)
    assert connection.execute("SELECT count(*) FROM members WHERE phone IS NOT NULL").fetchone()[0] > 0
    connection.close()
    code, out, _ = run(capsys, monkeypatch, "backup", "--list", "--json", *login, password=ADMIN_PASSWORD)
    reasons = {item["reason"] for item in json.loads(out)}
    assert {"thu-cong", "truoc-phuc-hoi"} <= reasons


def test_audit_lists_filters_and_exports(with_admin, tmp_path, capsys, monkeypatch):
    db = with_admin
    login = ("--db", db, "--login", "quantri")
    code, out, _ = run(capsys, monkeypatch, "audit", "--json", *login, password=ADMIN_PASSWORD)
    entries = json.loads(out)
    assert code == 0 and entries[0]["action"] == "user.logged_in" and entries[0]["actor"] == "quantri"
    assert {"sequence", "at", "actor", "action", "action_label", "entity", "entity_id", "unit_code",
            "before", "after", "changes"} <= set(entries[0])
    code, out, _ = run(capsys, monkeypatch, "audit", "list", "--user", "quantri", "--from", "01/01/2020",
                       "--json", *login, password=ADMIN_PASSWORD)
    assert code == 0 and {e["actor"] for e in json.loads(out)} == {"quantri"}
    code, out, _ = run(capsys, monkeypatch, "audit", "list", "--action", "user.created", *login,
                       password=ADMIN_PASSWORD)
    assert code == 0 and "Tạo tài khoản" in out and "Tổng cộng: 1 bản ghi." in out
    target = tmp_path / "nhat-ky.xlsx"
    code, out, _ = run(capsys, monkeypatch, "audit", "export", str(target), *login, password=ADMIN_PASSWORD)
    assert code == 0 and "Đã xuất" in out and load_workbook(target).active["A2"].value == "Số thứ tự"
    code, _, err = run(capsys, monkeypatch, "audit", "--from", "31/12/2026", "--to", "01/01/2026", *login,
                       password=ADMIN_PASSWORD)
    assert code == 1 and "Khoảng thời gian không hợp lệ" in err


def test_check_names_a_damaged_file_and_the_backup_that_brings_it_back(db, capsys, monkeypatch):
    assert run(capsys, monkeypatch, "backup", "--db", db)[0] == 0
    size = Path(db).stat().st_size
    with open(db, "r+b") as handle:
        for offset in range(8192, size, 4096 * 3):
            handle.seek(offset)
            handle.write(b"\x00\xff" * 2048)
    code, out, err = run(capsys, monkeypatch, "check", "--db", db)
    assert code == 1 and "bị hỏng" in err
    assert "Bản sao lưu tốt gần nhất" in err and "antt restore" in err
    suggested = err.split('antt restore "')[1].split('"')[0]
    code, out, err = run(capsys, monkeypatch, "restore", suggested, "--yes", "--db", db)
    assert code == 0, err
    assert "Tệp hỏng được giữ lại tại" in out
    code, out, _ = run(capsys, monkeypatch, "check", "--db", db)
    assert code == 0 and "Dữ liệu toàn vẹn" in out
    code, out, _ = run(capsys, monkeypatch, "audit", "--action", "database.", "--json", "--db", db)
    assert json.loads(out)[0]["action"] == "database.recovered"


def test_restore_of_a_lost_database_file(db, capsys, monkeypatch):
    run(capsys, monkeypatch, "backup", "--db", db)
    copy = next((Path(db).parent / "backups").glob("*.sqlite"))
    Path(db).unlink()
    code, out, err = run(capsys, monkeypatch, "restore", str(copy), "--yes", "--db", db)
    assert code == 0, err
    code, out, _ = run(capsys, monkeypatch, "members", "list", "--json", "--db", db)
    assert code == 0 and len(json.loads(out)) > 0
