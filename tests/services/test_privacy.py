"""Privacy (issue #8): printed member lists can mask ID numbers, and prints and exports of
personal data are in the audit log."""

from __future__ import annotations

import dataclasses

from antt_desktop.domain.audit_trail import AuditFilter
from antt_desktop.domain.personal_ids import mask_personal_id


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


def test_a_printed_list_can_mask_id_numbers(demo):
    ids = {row.id_number for row in demo.members.list_rows() if row.id_number and row.team_id}
    assert ids
    plain = " ".join(texts(demo.decisions.member_list_document()))
    masked = " ".join(texts(demo.decisions.member_list_document(mask_ids=True)))
    assert all(number in plain for number in ids)
    assert not any(number in masked for number in ids)
    assert all(mask_personal_id(number) in masked for number in ids)


def test_printing_the_list_is_logged(demo, tmp_path):
    out = demo.decisions.write_member_list_pdf(tmp_path / "danh-sach.pdf", mask_ids=True)
    assert out.read_bytes().startswith(b"%PDF")
    assert demo.audit.entries(AuditFilter(limit=1))[0].action == "members.list_printed"
