"""`antt report members` (QA finding 11): members only by default, proposed and left people only
when asked (--with-proposed, --with-left), --active-only kept and winning; and `antt report bm1`
printing its TỔNG CỘNG row for one commune (finding 14) while its JSON keeps one row."""

from __future__ import annotations

import json

import pytest
from openpyxl import load_workbook

from antt_desktop import cli


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def db(tmp_path, capsys) -> str:
    path = str(tmp_path / "xa.sqlite")
    assert run(capsys, "demo", "--seed", "5", "--db", path)[0] == 0
    return path


def statuses(path) -> list[str]:
    sheet = load_workbook(path).active
    return [row[13] for row in sheet.iter_rows(values_only=True) if isinstance(row[0], int)]


@pytest.mark.parametrize(("options", "expected"), [
    ((), {"Đang tham gia"}),
    (("--active-only",), {"Đang tham gia"}),
    (("--with-proposed",), {"Đang tham gia", "Đề nghị công nhận"}),
    (("--with-left",), {"Đang tham gia", "Đã thôi tham gia"}),
    (("--with-proposed", "--with-left"), {"Đang tham gia", "Đề nghị công nhận", "Đã thôi tham gia"}),
    (("--active-only", "--with-left", "--with-proposed"), {"Đang tham gia"}),
])
def test_report_members_options(capsys, db, tmp_path, options, expected):
    out = tmp_path / "ds.xlsx"
    code, _, err = run(capsys, "report", "members", "--xlsx", str(out), *options, "--db", db)
    assert code == 0, err
    assert set(statuses(out)) == expected


def test_bm1_of_one_commune_prints_the_total_row_and_keeps_one_json_row(capsys, db, tmp_path):
    target = tmp_path / "bm1.xlsx"
    code, _, err = run(capsys, "report", "bm1", "--xlsx", str(target), "--db", db)
    assert code == 0, err
    names = [row[1] for row in load_workbook(target)["BM1"].iter_rows(values_only=True)]
    assert names.count("TỔNG CỘNG") == 1
    code, out, _ = run(capsys, "report", "bm1", "--json", "--db", db)
    assert code == 0 and len(json.loads(out)) == 1
