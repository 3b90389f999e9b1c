"""`antt import-excel` end to end: the JSON contract, exit codes, messages (issue #7 §5)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from antt_desktop.cli import main

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "imports" / "danh-sach-to-bao-ve-antt-xa-tan-phu.xlsx"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def db(tmp_path, capsys) -> str:
    path = str(tmp_path / "antt.sqlite")
    code, _, _ = run(capsys, "init", "--db", path, "--unit-code", "26734", "--unit-name", "Xã Tân Phú",
                     "--province", "Gia Lai")
    assert code == 0
    return path


@pytest.fixture
def sample(tmp_path) -> str:
    target = tmp_path / SAMPLE.name
    shutil.copy(SAMPLE, target)
    return str(target)


def members(capsys, db) -> list[dict]:
    code, out, _ = run(capsys, "members", "list", "--json", "--db", db)
    assert code == 0
    return json.loads(out)


def test_dry_run_json_lists_rejections_and_warnings_and_writes_nothing(capsys, db, sample):
    code, out, err = run(capsys, "import-excel", sample, "--dry-run", "--json", "--db", db)
    assert code == 0, err
    report = json.loads(out)
    assert set(report) == {"accepted", "rejected", "warnings"}
    assert report["accepted"] == 14
    assert [(r["row"], r["reason"]) for r in report["rejected"]] == [
        (14, "under_18"), (17, "id_duplicate_in_file"), (18, "id_invalid"), (24, "date_unreadable"),
        (25, "id_duplicate_in_file"), (30, "name_missing")]
    assert all(set(r) == {"row", "reason", "message"} for r in report["rejected"])
    first = report["rejected"][0]["message"]
    assert "Trang «DS thanh vien», dòng 14, cột C" in first and "18 tuổi" in first
    assert {(w["row"], w["field"], w["code"]) for w in report["warnings"]} == {
        (10, "id_number", "id_zeros_restored"), (12, "phone", "phone_zero_restored"),
        (19, "id_number", "id_sex_mismatch"), (21, "phone", "phone_zero_restored"),
        (29, "id_number", "id_zeros_restored"), (32, "id_number", "id_sex_mismatch")}
    assert all(set(w) == {"row", "field", "code", "message"} for w in report["warnings"])
    assert members(capsys, db) == []


def test_import_with_a_decision_makes_the_members_active(capsys, db, sample):
    code, out, err = run(capsys, "import-excel", sample, "--decision", "45/QĐ-UBND", "--decision-date",
                         "2024-07-01", "--json", "--db", db)
    assert code == 0, err
    assert json.loads(out)["accepted"] == 14
    listed = members(capsys, db)
    assert len(listed) == 14 and {m["status"] for m in listed} == {"active"}
    assert {m["position"] for m in listed} == {"to_truong", "to_pho", "to_vien"}


def test_import_without_a_decision_proposes_and_can_be_undone(capsys, db, sample):
    code, out, _ = run(capsys, "import-excel", sample, "--db", db)
    assert code == 0 and "Đã nhập 14 thành viên" in out and "đề nghị công nhận" in out
    assert {m["status"] for m in members(capsys, db)} == {"proposed"}
    code, out, _ = run(capsys, "import-history", "--json", "--db", db)
    (batch,) = json.loads(out)
    assert batch["accepted"] == 14 and batch["state"] == "applied"
    code, out, _ = run(capsys, "import-undo", batch["id"][:8], "--db", db)
    assert code == 0 and "Đã hoàn tác" in out
    assert members(capsys, db) == []


def test_a_text_file_named_xlsx_fails_with_a_vietnamese_message(capsys, db, tmp_path):
    fake = tmp_path / "danh-sach.xlsx"
    fake.write_text("Họ và tên,Ngày sinh\nLê Văn An,01/01/1980\n", encoding="utf-8")
    code, out, err = run(capsys, "import-excel", str(fake), "--dry-run", "--json", "--db", db)
    assert code == 1 and out == ""
    assert "không phải là bảng tính Excel" in err


def test_a_missing_sheet_names_the_sheets_there_are(capsys, db, sample):
    code, out, err = run(capsys, "import-excel", sample, "--sheet", "Thôn 9", "--db", db)
    assert code == 1 and "«DS thanh vien»" in err


def test_decision_number_and_date_go_together(capsys, db, sample):
    code, _, err = run(capsys, "import-excel", sample, "--decision", "45/QĐ-UBND", "--db", db)
    assert code == 1 and "--decision-date" in err
    code, _, err = run(capsys, "import-excel", sample, "--decision", "QĐ", "--decision-date", "01/07/2024",
                       "--db", db)
    assert code == 1 and "45/QĐ-UBND" in err
    assert members(capsys, db) == []


def test_plain_text_report(capsys, db, sample):
    code, out, _ = run(capsys, "import-excel", sample, "--dry-run", "--db", db)
    assert code == 0
    assert "14 dòng hợp lệ, 6 dòng không nhập được" in out
    assert "dòng 18, cột E (Số CCCD)" in out and "chưa ghi gì" in out
