"""The printed member list (danh sách thành viên), A4 landscape, in the layout of NĐ 30/2020."""

from __future__ import annotations

from pathlib import Path

from antt_desktop.documents.decision_pdf import write_documents_pdf
from antt_desktop.domain.official_documents import OfficialDocument


def write_member_list_pdf(document: OfficialDocument, out: Path) -> Path:
    """The list composed by `domain.decisions.compose_member_list`, team by team."""
    return write_documents_pdf((document,), out)
