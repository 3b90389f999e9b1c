"""`antt policies|payroll|insurance …` end to end: the JSON contract of issue #5, exit codes and
Vietnamese messages."""

from __future__ import annotations

import json

import pytest

from antt_desktop.cli import main

MONTH = "2025-10"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def db(tmp_path, capsys) -> str:
    path = str(tmp_path / "antt.sqlite")
    assert main(["demo", "--seed", "5", "--db", path]) == 0
    capsys.readouterr()
    return path


def test_policies_list(capsys, db):
    code, out, _ = run(capsys, "policies", "list", "--json", "--db", db)
    assert code == 0
    policies = json.loads(out)
    chosen = [p for p in policies if p["chosen"]]
    assert [p["key"] for p in chosen] == ["binh-dinh-03-2024"]
    assert chosen[0]["effective_from"] == "2024-07-01" and chosen[0]["support_mode"] == "fixed_per_position"
    code, out, _ = run(capsys, "policies", "list", "--db", db)
    assert code == 0 and "* binh-dinh-03-2024" in out and "đang áp dụng" in out


def test_payroll_run_json_contract_then_lock(capsys, db, tmp_path):
    code, out, _ = run(capsys, "payroll", "run", MONTH, "--json", "--db", db)
    assert code == 0
    sheet = json.loads(out)
    assert (sheet["month"], sheet["state"]) == (MONTH, "draft")
    assert sheet["lines"] and sheet["total"] == sum(line["total"] for line in sheet["lines"])
    for line in sheet["lines"]:
        assert {"member_id", "full_name", "position", "days", "support", "duty", "insurance_support",
                "total"} <= line.keys()
        assert all(isinstance(line[k], int) for k in ("days", "support", "duty", "insurance_support", "total"))
        assert line["total"] == line["support"] + line["duty"] + line["insurance_support"]
        assert line["support"] == {"to_truong": 1_440_000, "to_pho": 1_260_000, "to_vien": 1_080_000}[line["position"]]
    xlsx = tmp_path / "bang.xlsx"
    code, out, err = run(capsys, "payroll", "run", MONTH, "--lock", "--xlsx", str(xlsx), "--json", "--db", db)
    locked = json.loads(out)
    assert code == 0 and locked["state"] == "locked" and xlsx.exists() and "Đã ghi tệp Excel" in err
    assert locked["total"] == sheet["total"]
    code, out, err = run(capsys, "payroll", "run", MONTH, "--json", "--db", db)      # a locked month is shown, not redone
    assert code == 0 and json.loads(out)["state"] == "locked" and "đã khóa" in err
    code, out, _ = run(capsys, "payroll", "run", MONTH, "--db", db)
    assert code == 0 and "Bảng thanh toán tháng 10/2025 — đã khóa" in out and "Tổng cộng:" in out
    code, _, err = run(capsys, "payroll", "supplementary", MONTH, "--db", db)
    assert code == 1 and "không có khoản truy lĩnh hay truy thu" in err


@pytest.mark.parametrize("argv, message", [
    (("payroll", "run", "2025-13"), "«2025-13» không phải là tháng hợp lệ"),
    (("payroll", "supplementary", "2025-09"), "chưa khóa"),
    (("policies", "choose", "khong-co"), "không có nghị quyết mã «khong-co»"),
    (("policies", "base-salary", "confirm", "2031-01-01"), "Chưa có mức lương cơ sở áp dụng ngày 01/01/2031"),
    (("policies", "base-salary", "confirm", "01/07/2026"), "không phải ngày dạng năm-tháng-ngày"),
])
def test_bad_input_exits_1_with_a_vietnamese_message(capsys, db, argv, message):
    code, _, err = run(capsys, *argv, "--db", db)
    assert code == 1 and err.startswith("Lỗi: ") and message in err


def test_a_missing_database_is_refused(capsys, tmp_path):
    code, _, err = run(capsys, "payroll", "run", MONTH, "--db", str(tmp_path / "khong.sqlite"))
    assert code == 1 and "Chưa có cơ sở dữ liệu" in err


def test_the_unconfirmed_base_salary_stops_the_run_with_how_to_confirm_it(capsys, db):
    from antt_desktop.domain.policies import policy_to_dict
    from antt_desktop.wiring import open_services

    services = open_services(db)
    stored = next(s for s in services.policies.list() if s.policy.id == "binh-dinh-03-2024")
    data = policy_to_dict(stored.policy)
    data["id"] = "binh-dinh-he-so"
    data["monthly_support"].update(mode="coefficient_of_base_salary", amount_dong=None,
                                   coefficient={"to_truong": "0.8", "to_pho": "0.7", "to_vien": "0.6"})
    services.policies.save_version(data)
    services.close()
    code, _, _ = run(capsys, "policies", "choose", "binh-dinh-he-so", "--db", db)
    assert code == 0
    code, out, err = run(capsys, "payroll", "run", "2026-07", "--json", "--db", db)
    assert code == 1 and out == ""
    assert "Mức lương cơ sở 2.530.000 đ từ ngày 01/07/2026 chưa được xác nhận" in err
    assert "Cách khắc phục:" in err and "antt policies base-salary confirm 2026-07-01" in err
    code, out, _ = run(capsys, "policies", "base-salary", "confirm", "2026-07-01", "--db", db)
    assert code == 0 and "Đã xác nhận" in out
    code, out, _ = run(capsys, "payroll", "run", "2026-07", "--json", "--db", db)
    lines = json.loads(out)["lines"]
    assert code == 0 and {l["support"] for l in lines if l["position"] == "to_truong"} == {2_024_000}


def test_duty_template_and_a_bad_import(capsys, db, tmp_path):
    template = tmp_path / "mau.xlsx"
    code, out, _ = run(capsys, "payroll", "duty", MONTH, "--template", str(template), "--db", db)
    assert code == 0 and template.exists()
    bad = tmp_path / "hong.xlsx"
    bad.write_text("không phải Excel", encoding="utf-8")
    code, _, err = run(capsys, "payroll", "duty", MONTH, "--import", str(bad), "--db", db)
    assert code == 1 and "Không nhập gì" in err and "không mở được tệp" in err


def test_insurance_due_and_the_office_list(capsys, db, tmp_path):
    code, out, _ = run(capsys, "insurance", "due", "--json", "--db", db)
    alerts = json.loads(out)
    assert code == 0 and alerts
    assert {a["kind"] for a in alerts} <= {"no_bhyt", "card_missing", "expired", "expiring"}
    assert {"member_id", "full_name", "valid_to", "days_left", "card_number"} <= alerts[0].keys()
    code, out, _ = run(capsys, "insurance", "due", "--db", db)
    assert code == 0 and "cần xử lý BHYT" in out
    path = tmp_path / "bhxh.xlsx"
    code, out, _ = run(capsys, "insurance", "list", "--xlsx", str(path), "--db", db)
    assert code == 0 and path.exists() and "Đã ghi danh sách gửi cơ quan BHXH" in out


def test_budget_estimate(capsys, db, tmp_path):
    path = tmp_path / "dt.xlsx"
    code, out, err = run(capsys, "payroll", "budget", "2027", "--xlsx", str(path), "--json", "--db", db)
    estimate = json.loads(out)
    assert code == 0 and path.exists() and estimate["year"] == 2027
    assert estimate["total"] == sum(row["amount"] for row in estimate["rows"])


def test_missing_subcommand_prints_help(capsys, db):
    code, _, err = run(capsys, "payroll", "--db", db)
    assert code == 2 and "run" in err
