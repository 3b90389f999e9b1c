"""Privacy (issue #8): printed member lists can mask ID numbers, and prints and exports of
personal data are in the audit log — one "personal_data.exported" entry per file written,
none when the file could not be written, and a role without EXPORT_PERSONAL_DATA is refused
before anything is written."""

from __future__ import annotations

import dataclasses
import shutil
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from antt_desktop.domain.access import PermissionDenied, Role
from antt_desktop.domain.accounts import User
from antt_desktop.domain.audit_trail import EXPORT_ACTION, AuditFilter, ExportKind
from antt_desktop.domain.decisions import DecisionKind
from antt_desktop.domain.personal_ids import mask_personal_id
from antt_desktop.domain.reports import parse_period
from antt_desktop.messages.audit import EXPORT_KIND_LABELS, entry_label, value_label

VIEWER = User(id="viewer-id", username="xem", full_name="Đỗ Đức Bình", role=Role.VIEWER)
NOV = "2026-11"
SAMPLE = Path(__file__).resolve().parents[1] / "data" / "imports" / "danh-sach-to-bao-ve-antt-xa-tan-phu.xlsx"


def texts(value) -> list[str]:
    """Every string inside a (nested) dataclass document."""
    if isinstance(value, str):
        return [value]
    if dataclasses.is_dataclass(value):
        return [t for f in dataclasses.fields(value) for t in texts(getattr(value, f.name))]
    if isinstance(value, (list, tuple)):
        return [t for item in value for t in texts(item)]
    if isinstance(value, dict):
        return [t for item in value.values() for t in texts(item)]
    return []


def exports(services) -> list:
    return services.audit.entries(AuditFilter(action=EXPORT_ACTION, limit=None))


def team_ids(services) -> set[str]:
    return {row.id_number for row in services.members.list_rows() if row.id_number and row.team_id}


def test_a_printed_list_can_mask_id_numbers(demo):
    ids = team_ids(demo)
    assert ids
    plain = " ".join(texts(demo.decisions.member_list_document()))
    masked = " ".join(texts(demo.decisions.member_list_document(mask_ids=True)))
    assert all(number in plain for number in ids)
    assert not any(number in masked for number in ids)
    assert all(mask_personal_id(number) in masked for number in ids)


def test_printing_the_list_is_logged_with_the_masking(demo, tmp_path):
    out = demo.decisions.write_member_list_pdf(tmp_path / "danh-sach.pdf", mask_ids=True)
    assert out.read_bytes().startswith(b"%PDF")
    entry = demo.audit.entries(AuditFilter(limit=1))[0]
    assert entry.action == EXPORT_ACTION and entry.actor == "can-bo-test"
    assert entry.after == {"kind": "danh_sach_thanh_vien", "count": len(team_ids(demo)),
                           "destination": str(out), "ids_masked": True}
    assert entry_label(entry) == "Xuất/in dữ liệu cá nhân: Danh sách thành viên theo tổ"


def test_the_proposal_lists_and_the_excel_list_can_mask_id_numbers_too(demo, tmp_path):
    recognition = next(d for d in demo.decisions.list() if d.kind is DecisionKind.RECOGNISE)
    ids = {row.id_number for row in demo.members.list_rows()
           if row.id in recognition.member_ids and row.id_number}
    assert ids
    plain = " ".join(texts(demo.decisions.proposal_documents(recognition.id)))
    masked = " ".join(texts(demo.decisions.proposal_documents(recognition.id, mask_ids=True)))
    assert all(number in plain for number in ids) and not any(number in masked for number in ids)
    assert all(mask_personal_id(number) in masked for number in ids)

    out = demo.reports.write_member_list_xlsx(tmp_path / "ds.xlsx", mask_ids=True)
    cells = {c for row in load_workbook(out).active.iter_rows(values_only=True) for c in row if isinstance(c, str)}
    everyone = {row.id_number for row in demo.members.list_rows() if row.id_number}
    listed = {row.id_number for row in demo.members.list_rows()
              if row.id_number and row.status.value == "active"}            # members only, by default
    assert listed and not everyone & cells
    assert {mask_personal_id(n) for n in listed} <= cells
    assert exports(demo)[0].after["ids_masked"] is True


# --- One entry per export, none on failure, refused without the permission -------------------

def _recognition(services):
    return next(d for d in services.decisions.list() if d.kind is DecisionKind.RECOGNISE)


def _decision(suffix: str):
    def prepare(services):
        decision = _recognition(services)
        write = (lambda s, out: s.decisions.write_docx(decision.id, out)) if suffix == ".docx" \
            else (lambda s, out: s.decisions.write_pdf(decision.id, out))
        return write, len(set(decision.member_ids))
    return prepare


def _proposal(services):
    decision = _recognition(services)
    return (lambda s, out: s.decisions.write_proposal_pdf(decision.id, out)), len(set(decision.member_ids))


def _member_list(services):
    serving = [row for row in services.members.list_rows() if row.team_id]
    return (lambda s, out: s.decisions.write_member_list_pdf(out)), len(serving)


def _certificates(services):
    team = services.teams.list()[0]
    ids = [row.id for row in services.members.list_rows() if row.team_id == team.id]
    certificates = services.certificates.issue(ids)
    return (lambda s, out: s.certificates.write_sheets([c.id for c in certificates], out)), len(ids)


def _payroll(suffix: str):
    def prepare(services):
        run = services.payroll.draft(NOV)
        write = (lambda s, out: s.payroll.export_pdf(run.id, out)) if suffix == ".pdf" \
            else (lambda s, out: s.payroll.export_xlsx(run.id, out))
        return write, len({line.member_id for line in run.lines})
    return prepare


def _insurance(services):
    lists = services.insurance.office_lists(NOV)
    people = {r.alert.member_id for r in lists.bhyt} | {r.person.member_id for r in lists.bhxh}
    assert people
    return (lambda s, out: s.insurance.export_office_xlsx(out, NOV)), len(people)


def _periodic(suffix: str):
    def prepare(services):
        period = parse_period("2025")
        report = services.reports.periodic(period)
        assert report.joined or report.left
        write = (lambda s, out: s.reports.write_periodic_pdf(period, out)) if suffix == ".pdf" \
            else (lambda s, out: s.reports.write_periodic_xlsx(period, out))
        return write, len(report.joined) + len(report.left)
    return prepare


def _member_excel(services):
    listed = [row for row in services.members.list_rows() if row.status.value == "active"]
    return (lambda s, out: s.reports.write_member_list_xlsx(out)), len(listed)


def _attachment(services, tmp_path):
    from antt_desktop.domain.service_records import RecordKind, ToolCertificate

    member = next(row for row in services.members.list_rows() if row.status.value == "active")
    record = services.service_records.save(ToolCertificate(
        id="", unit_code="", member_id=member.id, number="15/GCN-CAT", issued_on=date(2025, 8, 1),
        tools="Gậy cao su"))
    scan = tmp_path / "scan.jpg"
    scan.write_bytes(b"\xff\xd8 scan")
    attachment = services.service_records.attach_file(RecordKind.TOOL_CERTIFICATE, record.id, scan)
    return (lambda s, out: s.service_records.save_attachment_as(attachment.id, out)), 1


EXPORTS = {
    # name: (prepare(services) -> (write(services, out), people), kind, suffix)
    "decision_pdf": (_decision(".pdf"), ExportKind.DECISION, ".pdf"),
    "decision_docx": (_decision(".docx"), ExportKind.DECISION, ".docx"),
    "proposal": (_proposal, ExportKind.PROPOSAL, ".pdf"),
    "member_list_pdf": (_member_list, ExportKind.MEMBER_LIST, ".pdf"),
    "certificates": (_certificates, ExportKind.CERTIFICATES, ".pdf"),
    "payroll_xlsx": (_payroll(".xlsx"), ExportKind.PAYROLL, ".xlsx"),
    "payroll_pdf": (_payroll(".pdf"), ExportKind.PAYROLL, ".pdf"),
    "insurance_lists": (_insurance, ExportKind.INSURANCE_LISTS, ".xlsx"),
    "periodic_pdf": (_periodic(".pdf"), ExportKind.PERIODIC_REPORT, ".pdf"),
    "periodic_xlsx": (_periodic(".xlsx"), ExportKind.PERIODIC_REPORT, ".xlsx"),
    "member_list_xlsx": (_member_excel, ExportKind.MEMBER_LIST_BY_HAMLET, ".xlsx"),
    "attachment": (_attachment, ExportKind.ATTACHMENT, ".jpg"),
}


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")  # openpyxl, on the failure
@pytest.mark.parametrize("name", list(EXPORTS))
def test_each_export_is_logged_once_after_the_file_is_written(demo, tmp_path, name):
    prepare, kind, suffix = EXPORTS[name]
    write, people = prepare(demo, tmp_path) if prepare is _attachment else prepare(demo)
    assert exports(demo) == []

    as_viewer = demo.with_user(VIEWER)
    with pytest.raises(PermissionDenied):
        write(as_viewer, tmp_path / f"xem{suffix}")
    assert not (tmp_path / f"xem{suffix}").exists()

    blocker = tmp_path / "mot-tep-thuong"          # a file where the folder should be: nothing can be written
    blocker.write_text("")
    with pytest.raises(OSError):
        write(demo, blocker / f"x{suffix}")
    assert exports(demo) == []

    out = tmp_path / f"tep{suffix}"
    assert write(demo, out) is not None and out.stat().st_size > 0
    logged = exports(demo)
    assert len(logged) == 1
    entry = logged[0]
    assert entry.after["kind"] == kind.value and entry.after["count"] == people
    assert entry.after["destination"] == str(out)
    assert entry.actor == "can-bo-test" and entry.unit_code == demo.units.own_unit().code
    assert entry_label(entry) == f"Xuất/in dữ liệu cá nhân: {EXPORT_KIND_LABELS[kind.value]}"


def test_the_annotated_import_copy_is_logged(commune, tmp_path):
    sample = tmp_path / SAMPLE.name
    shutil.copy(SAMPLE, sample)
    sample.chmod(0o644)
    preview = commune.imports.dry_run(sample)
    with pytest.raises(OSError):
        commune.imports.write_annotated_copy(preview, tmp_path / "khong-co" / "kiem-tra.xlsx")
    assert exports(commune) == []
    with pytest.raises(PermissionDenied):
        commune.with_user(VIEWER).imports.write_annotated_copy(preview, tmp_path / "xem.xlsx")
    out = commune.imports.write_annotated_copy(preview, tmp_path / "kiem-tra.xlsx")
    [entry] = exports(commune)
    assert entry.after == {"kind": "tep_nhap_co_ghi_chu", "count": len(preview.reading.records),
                           "destination": str(out), "file": sample.name}


def test_a_decision_print_is_found_by_the_decision_id(demo, tmp_path):
    decision = _recognition(demo)
    demo.decisions.write_pdf(decision.id, tmp_path / "qd.pdf")
    [entry] = demo.audit.entries(AuditFilter(record=decision.id, action=EXPORT_ACTION))
    assert entry.entity == "decision" and entry.after["kind"] == "quyet_dinh"


def test_a_relative_destination_is_recorded_absolute(demo, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    demo.decisions.write_member_list_pdf(Path("ds.pdf"))
    assert exports(demo)[0].after["destination"] == str(tmp_path / "ds.pdf")


def test_every_export_kind_has_a_vietnamese_label():
    assert {kind.value for kind in ExportKind} <= EXPORT_KIND_LABELS.keys()
    assert value_label("kind", "bang_thanh_toan") == "Bảng thanh toán tiền hỗ trợ"
    assert value_label("kind", "regular") == "regular" and value_label("count", 3) == 3


def test_the_masked_pdf_shows_only_the_last_four_digits(demo, tmp_path):
    out = demo.decisions.write_member_list_pdf(tmp_path / "ds.pdf", mask_ids=True)
    text = " ".join(page.extract_text() for page in PdfReader(out).pages)
    ids = team_ids(demo)
    assert not any(number in text for number in ids)
    assert all(mask_personal_id(number) in text for number in ids)
