"""`antt report bm1|annual` and `antt records …` end to end (issue #11).

The lead wires `report` (issue #7 owns that command); until then the fixture below adds it
the same way, through `add_report_subcommands`.
"""

from __future__ import annotations

import argparse
import csv
import json

import pytest

from antt_desktop import cli
from antt_desktop.commands import service_records
from antt_desktop.paths import resource_path


@pytest.fixture(autouse=True)
def report_command(monkeypatch):
    original = cli.build_parser

    def build_parser():
        parser = original()
        commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        report = commands.choices.get("report")
        if report is None:
            common = argparse.ArgumentParser(add_help=False)
            common.add_argument("--db", default=argparse.SUPPRESS)
            common.add_argument("--json", action="store_true", default=argparse.SUPPRESS)
            report = commands.add_parser("report", parents=[common])
            service_records.add_report_subcommands(report.add_subparsers(dest="report_command"), common)
        return parser

    monkeypatch.setattr(cli, "build_parser", build_parser)


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def commune_db(tmp_path, capsys) -> str:
    path = str(tmp_path / "xa.sqlite")
    assert run(capsys, "demo", "--seed", "5", "--db", path)[0] == 0
    return path


def test_bm1_json_gives_one_object_with_the_25_columns(capsys, commune_db):
    code, out, err = run(capsys, "report", "bm1", "--json", "--db", commune_db)
    assert code == 0, err
    [row] = json.loads(out)
    assert row["commune"] == "Xã Tân Phú" and row["1"] == 1
    assert {str(n) for n in range(1, 26)} <= row.keys()
    assert row["4"] == row["5"] + row["6"] == row["7"] + row["8"]
    assert row["3"] - row["17"] + row["16"] == row["4"]
    assert "tính theo ngày tham gia" in err          # no report submitted yet: said, on stderr


def test_bm1_for_a_period_to_excel_then_submitted(capsys, commune_db, tmp_path):
    target = tmp_path / "bm1.xlsx"
    code, out, err = run(capsys, "report", "bm1", "--from", "15/01/2025", "--to", "14/02/2025",
                         "--xlsx", str(target), "--submit", "--db", commune_db)
    assert code == 0, err
    assert target.exists() and "Đã ghi" in out and "Đã đánh dấu đã nộp" in out
    code, out, _ = run(capsys, "records", "submitted", "--json", "--db", commune_db)
    assert [(r["from"], r["to"]) for r in json.loads(out)] == [("2025-01-15", "2025-02-14")]
    code, out, err = run(capsys, "report", "bm1", "--from", "15/02/2025", "--to", "14/03/2025", "--db", commune_db)
    assert code == 0 and "chưa có báo cáo kỳ trước" not in err


def test_the_higher_unit_gets_one_row_per_commune_in_the_official_order_and_a_total(capsys, tmp_path):
    path = str(tmp_path / "tinh.sqlite")
    run(capsys, "demo", "--communes", "5", "--members", "300", "--db", path)
    code, out, err = run(capsys, "report", "bm1", "--json", "--db", path)
    assert code == 0, err
    rows = json.loads(out)
    with open(resource_path("gia-lai-communes.csv"), encoding="utf-8") as handle:
        official = [row["ten_day_du"] for row in csv.DictReader(handle)]
    assert [r["commune"] for r in rows[:-1]] == official[:5]
    assert [r["1"] for r in rows] == [1, 2, 3, 4, 5, None]
    total = rows[-1]
    assert total["is_total"] and total["commune"] == "TỔNG CỘNG"
    assert sum(r["4"] for r in rows[:-1]) == total["4"] == 300


@pytest.mark.parametrize(("argv", "message"), [
    (("--from", "14/11/2026", "--to", "15/10/2026"), "Kỳ báo cáo không hợp lệ: ngày kết thúc 15/10/2026"),
    (("--from", "31/02/2026", "--to", "14/03/2026"), "Ngày «31/02/2026» không tồn tại."),
    (("--from", "hôm qua", "--to", "14/03/2026"), "Không đọc được ngày «hôm qua»"),
    (("--to", "14/03/2026"), "Cần nhập cả ngày bắt đầu (--from) và ngày kết thúc (--to)"),
])
def test_bad_periods_are_refused_in_vietnamese_and_nothing_is_written(capsys, commune_db, tmp_path, argv, message):
    target = tmp_path / "bm1.xlsx"
    code, out, err = run(capsys, "report", "bm1", *argv, "--xlsx", str(target), "--submit", "--db", commune_db)
    assert code == 1 and message in err
    assert not target.exists()
    assert json.loads(run(capsys, "records", "submitted", "--json", "--db", commune_db)[1]) == []


def test_the_annual_report_to_docx_and_pdf(capsys, commune_db, tmp_path):
    for name in ("bao-cao-2026.docx", "bao-cao-2026.pdf"):
        code, out, err = run(capsys, "report", "annual", "2026", "--out", str(tmp_path / name), "--db", commune_db)
        assert code == 0, err
        assert (tmp_path / name).stat().st_size > 3000 and "Đã ghi báo cáo năm 2026" in out
    code, _, err = run(capsys, "report", "annual", "2026", "--out", str(tmp_path / "x.txt"), "--db", commune_db)
    assert code == 1 and "chỉ hỗ trợ tệp .docx, .pdf" in err
    with pytest.raises(SystemExit) as exited:
        cli.main(["report", "annual", "năm-nay", "--out", str(tmp_path / "y.docx"), "--db", commune_db])
    assert exited.value.code == 2 and "không phải là năm" in capsys.readouterr().err


def test_records_added_from_the_command_line_count_in_bm1(capsys, commune_db):
    members = json.loads(run(capsys, "members", "list", "--json", "--db", commune_db)[1])
    someone = next(m for m in members if m["status"] == "active")
    code, out, err = run(capsys, "records", "add", "commendation", "--member", someone["id"], "--on", "01/11/2026",
                         "--set", "form=bang_khen", "--set", "document_issuer=Chủ tịch UBND tỉnh Gia Lai",
                         "--db", commune_db)
    assert code == 0, err
    code, out, err = run(capsys, "records", "add", "training", "--member", someone["id"], "--on", "20/10/2026",
                         "--set", "name=Bồi dưỡng nghiệp vụ", "--set", "kind=boi_duong",
                         "--set", "uses_ministry_materials=có", "--db", commune_db)
    assert code == 0, err
    [row] = json.loads(run(capsys, "report", "bm1", "--from", "15/10/2026", "--to", "14/11/2026", "--json",
                           "--db", commune_db)[1])
    assert (row["20"], row["21"], row["23"]) == (1, 1, 1)
    code, out, _ = run(capsys, "records", "list", "--member", someone["id"], "--json", "--db", commune_db)
    assert sorted(r["kind"] for r in json.loads(out)) == ["commendation", "training"]


def test_a_record_for_an_unknown_member_is_refused(capsys, commune_db):
    code, out, err = run(capsys, "records", "add", "incident", "--member", "khong-co", "--on", "01/11/2026",
                         "--set", "kind=bi_thuong", "--db", commune_db)
    assert code == 1 and "Không tìm thấy thành viên có mã khong-co." in err
    code, out, err = run(capsys, "records", "add", "incident", "--member", "khong-co", "--set", "loai=x",
                         "--db", commune_db)
    assert code == 1 and "Không có trường «loai»" in err
    assert json.loads(run(capsys, "records", "list", "--json", "--db", commune_db)[1]) == []
