"""`antt decisions|print|certificates|conduct`: exit codes, Vietnamese messages, the JSON contract
of `antt decisions list --json` (issue #4)."""

from __future__ import annotations

import json
from datetime import date

import pytest
from pypdf import PdfReader

from antt_desktop.cli import main


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def db(tmp_path, capsys) -> str:
    path = str(tmp_path / "antt.sqlite")
    assert run(capsys, "demo", "--seed", "5", "--db", path)[0] == 0
    return path


def test_decisions_list_json_contract(capsys, db):
    code, out, _ = run(capsys, "decisions", "list", "--json", "--db", db)
    assert code == 0
    decisions = json.loads(out)
    assert isinstance(decisions, list) and len(decisions) == 2
    for decision in decisions:
        assert {"id", "kind", "state", "number", "issued_on", "member_ids"} <= decision.keys()
        assert decision["state"] in ("draft", "issued")
        assert date.fromisoformat(decision["issued_on"]) and decision["number"].endswith("/QĐ-UBND")
        assert isinstance(decision["member_ids"], list)
    kinds = {d["kind"]: d for d in decisions}
    assert set(kinds) == {"thanh_lap_to", "cong_nhan_thanh_vien"}
    assert len(kinds["cong_nhan_thanh_vien"]["member_ids"]) >= 20


def test_print_decision_pdf_and_docx(capsys, db, tmp_path):
    decisions = json.loads(run(capsys, "decisions", "list", "--json", "--db", db)[1])
    recognition = next(d for d in decisions if d["kind"] == "cong_nhan_thanh_vien")
    out = tmp_path / "qd.pdf"
    code, stdout, _ = run(capsys, "print", "decision", recognition["id"], "--out", str(out), "--db", db)
    assert code == 0 and recognition["number"] in stdout
    text = " ".join(page.extract_text() for page in PdfReader(out).pages)
    assert f"Số: {recognition['number']}" in text and "DANH SÁCH" in text
    code, _, _ = run(capsys, "print", "decision", recognition["number"], "--out", str(tmp_path / "qd.docx"),
                     "--db", db)
    assert code == 0 and (tmp_path / "qd.docx").read_bytes()[:2] == b"PK"


@pytest.mark.parametrize(("argv", "words"), [
    (("print", "decision", "khong-co", "--out", "x.pdf"), "Không tìm thấy quyết định"),
    (("print", "decision", "15/QĐ-UBND", "--out", "x.txt"), "phải có đuôi .pdf"),
    (("print", "certificates", "--team", "Thôn 99", "--out", "x.pdf"), "Không tìm thấy đúng một tổ"),
    (("print", "members", "--out", "/khong/co/thu/muc/x.pdf"), "không tồn tại"),
    (("decisions",), "Thiếu lệnh con"),
    (("print",), "Thiếu lệnh con"),
    (("decisions", "issue", "15/QĐ-UBND"), "đã ban hành nên không sửa"),
    (("certificates", "verify", "12345"), "Không đọc được mã"),
])
def test_bad_input_exits_1_with_a_vietnamese_message(capsys, db, tmp_path, monkeypatch, argv, words):
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, *argv, "--db", db)
    assert code == 1
    assert err.startswith("Lỗi: ") and words in err


def test_print_certificates_issues_then_prints_and_verifies(capsys, db, tmp_path):
    out = tmp_path / "gcn.pdf"
    code, stdout, _ = run(capsys, "print", "certificates", "--team", "Thôn 1", "--out", str(out), "--db", db)
    assert code == 0 and "Đã cấp mới" in stdout
    team_count = int(stdout.split("Đã ghi ")[1].split()[0])
    assert len(PdfReader(out).pages) == 2 * ((team_count + 9) // 10)
    code, stdout, _ = run(capsys, "print", "certificates", "--all", "--out", str(out), "--db", db)
    assert code == 0
    listing = json.loads(run(capsys, "certificates", "list", "--json", "--db", db)[1])
    assert all(c["status"] == "con_hieu_luc" for c in listing)
    assert len({c["number"] for c in listing}) == len(listing)
    revoke = run(capsys, "certificates", "revoke", listing[0]["number"], "--reason", "mất giấy", "--db", db)
    assert revoke[0] == 0 and "Đã thu hồi" in revoke[1]


def test_print_members(capsys, db, tmp_path):
    out = tmp_path / "ds.pdf"
    code, stdout, _ = run(capsys, "print", "members", "--out", str(out), "--db", db)
    assert code == 0 and out.exists()
    assert "DANH SÁCH" in PdfReader(out).pages[0].extract_text()


def test_print_members_can_mask_id_numbers_and_is_audited(capsys, db, tmp_path):
    from antt_desktop.domain.personal_ids import mask_personal_id

    members = json.loads(run(capsys, "members", "list", "--json", "--db", db)[1])
    ids = {m["id_number"] for m in members if m["id_number"] and m["status"] == "active"}
    assert ids
    plain, masked = tmp_path / "ds.pdf", tmp_path / "ds-che.pdf"
    assert run(capsys, "print", "members", "--out", str(plain), "--db", db)[0] == 0
    code, stdout, _ = run(capsys, "print", "members", "--out", str(masked), "--mask-ids", "--db", db)
    assert code == 0 and "đã che số CCCD" in stdout
    plain_text = " ".join(page.extract_text() for page in PdfReader(plain).pages)
    masked_text = " ".join(page.extract_text() for page in PdfReader(masked).pages)
    assert all(number in plain_text for number in ids)
    assert not any(number in masked_text for number in ids)
    assert all(mask_personal_id(number) in masked_text for number in ids)
    log = json.loads(run(capsys, "audit", "--action", "personal_data.exported", "--json", "--db", db)[1])
    assert [(e["after"]["destination"], e["after"]["ids_masked"]) for e in log] == [(str(masked), True),
                                                                                  (str(plain), False)]
    assert log[0]["action_label"] == "Xuất/in dữ liệu cá nhân: Danh sách thành viên theo tổ"
    assert log[0]["after"]["count"] == len(ids)


def test_draft_issue_and_terminate_from_the_command_line(capsys, db, tmp_path):
    members = json.loads(run(capsys, "members", "list", "--json", "--db", db)[1])
    proposed = next(m for m in members if m["status"] == "proposed")
    # Thôn 1 is full (3 of 3 under NQ 03/2024): a Tổ viên leaves first, then the newcomer is recognised.
    active = next(m for m in members if m["status"] == "active" and m["position"] == "to_vien"
                  and m["team"] == "Tổ bảo vệ ANTT Thôn 1")
    code, out, err = run(capsys, "decisions", "new", "--kind", "cong_nhan_thanh_vien", "--team", "Thôn 1",
                         "--member", f"{proposed['id']}:to_vien", "--json", "--db", db)
    assert code == 0, err
    draft = json.loads(out)
    assert draft["state"] == "draft" and draft["number"] is None and draft["issued_on"] is None
    code, out, err = run(capsys, "decisions", "issue", draft["id"][:8], "--db", db)
    assert code == 1 and "Tổ bảo vệ ANTT Thôn 1 chỉ được có tối đa 03 thành viên" in err
    assert "sẽ có 04 thành viên" in err
    code, _, err = run(capsys, "decisions", "new", "--kind", "cho_thoi_tham_gia", "--member", active["id"],
                       "--db", db)
    assert code == 1 and "Điều 17 khoản 3" in err                # no ground given
    code, out, err = run(capsys, "decisions", "new", "--kind", "cho_thoi_tham_gia", "--member", active["id"],
                         "--ground", "c", "--json", "--db", db)
    assert code == 0 and "Lưu ý: Chưa đủ căn cứ điểm c" in err   # drafting stays possible, with the warning
    termination = json.loads(out)
    code, _, err = run(capsys, "decisions", "issue", termination["id"], "--db", db)
    assert code == 1 and "điểm c" in err
    for kind in ("nhac_nho", "nhac_nho", "tu_choi", "tu_choi"):
        assert run(capsys, "conduct", "add", active["id"], "--kind", kind, "--date", "01/10/2026", "--db", db)[0] == 0
    out_file = tmp_path / "bao-cao.pdf"
    code, _, err = run(capsys, "print", "proposal", termination["id"], "--out", str(out_file), "--db", db)
    assert code == 0, err
    assert "từ chối nhiệm vụ 02 lần" in " ".join(page.extract_text() for page in PdfReader(out_file).pages)
    code, out, err = run(capsys, "decisions", "issue", termination["id"], "--db", db)
    assert code == 0, err
    assert "Quyết định số 01/QĐ-UBND" in out       # the demo's decisions are of 2024: a new year starts at 01
    code, out, err = run(capsys, "decisions", "issue", draft["id"][:8], "--db", db)
    assert code == 0, err
    assert "Quyết định số 02/QĐ-UBND" in out
    after = {m["id"]: m for m in json.loads(run(capsys, "members", "list", "--json", "--db", db)[1])}
    assert after[active["id"]]["status"] == "left" and after[proposed["id"]]["status"] == "active"


def test_ground_c_proposal_and_draft_are_not_printed_without_the_conduct_log(capsys, db, tmp_path):
    members = json.loads(run(capsys, "members", "list", "--json", "--db", db)[1])
    active = next(m for m in members if m["status"] == "active" and m["position"] == "to_vien")
    code, out, err = run(capsys, "decisions", "new", "--kind", "cho_thoi_tham_gia", "--member", active["id"],
                         "--ground", "c", "--json", "--db", db)
    termination = json.loads(out)
    run(capsys, "conduct", "add", active["id"], "--kind", "tu_choi", "--date", "01/10/2026", "--db", db)
    for command, name in (("proposal", "bao-cao.pdf"), ("decision", "du-thao.pdf"), ("decision", "du-thao.docx")):
        out_file = tmp_path / name
        code, _, err = run(capsys, "print", command, termination["id"], "--out", str(out_file), "--db", db)
        assert code == 1 and err.startswith("Lỗi: Không in được")
        assert active["full_name"] in err and "(đang có 1)" in err and "(đang có 0)" in err
        assert not out_file.exists()


def test_the_proposal_is_dated_no_later_than_the_planned_signing(capsys, db, tmp_path):
    members = json.loads(run(capsys, "members", "list", "--json", "--db", db)[1])
    active = next(m for m in members if m["status"] == "active" and m["position"] == "to_vien")
    code, out, err = run(capsys, "decisions", "new", "--kind", "cho_thoi_tham_gia", "--member", active["id"],
                         "--ground", "a", "--date", "20/11/2026", "--json", "--db", db)
    termination = json.loads(out)
    out_file = tmp_path / "bao-cao.pdf"
    code, _, err = run(capsys, "print", "proposal", termination["id"], "--out", str(out_file), "--db", db)
    assert code == 0, err
    assert "ngày 20 tháng 11 năm 2026" in PdfReader(out_file).pages[0].extract_text()
    code, _, err = run(capsys, "print", "proposal", termination["id"], "--out", str(out_file), "--date",
                       "18/11/2026", "--db", db)
    assert code == 0, err
    assert "ngày 18 tháng 11 năm 2026" in PdfReader(out_file).pages[0].extract_text()
    code, _, err = run(capsys, "print", "proposal", termination["id"], "--out", str(out_file), "--date",
                       "21/11/2026", "--db", db)
    assert code == 1 and "đề nghị phải có trước quyết định" in err


def test_a_proposal_list_can_be_printed_with_masked_ids(capsys, db, tmp_path):
    from antt_desktop.domain.personal_ids import mask_personal_id

    members = json.loads(run(capsys, "members", "list", "--json", "--db", db)[1])
    proposed = next(m for m in members if m["status"] == "proposed" and m["id_number"])
    code, out, err = run(capsys, "decisions", "new", "--kind", "cong_nhan_thanh_vien", "--team", "Thôn 1",
                         "--member", f"{proposed['id']}:to_vien", "--json", "--db", db)
    assert code == 0, err
    draft = json.loads(out)
    out_file = tmp_path / "de-nghi.pdf"
    code, stdout, err = run(capsys, "print", "proposal", draft["id"], "--out", str(out_file), "--mask-ids",
                            "--db", db)
    assert code == 0 and "đã che số CCCD" in stdout, err
    text = " ".join(page.extract_text() for page in PdfReader(out_file).pages)
    assert proposed["id_number"] not in text and mask_personal_id(proposed["id_number"]) in text
