"""The printed member list (danh sách thành viên), A4 landscape, in the layout of NĐ 30/2020.

Laid out here rather than as a decision: the list is one long table, and its last rows go to
the next page with "Tổng số" and the signature (layout.TableWithClosing), so the signature
never stands alone on a last page.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph, Spacer

from antt_desktop.documents.fonts import SERIF, SERIF_BOLD, register_fonts
from antt_desktop.documents.layout import (
    BODY_SIZE,
    DocumentStart,
    NationalHeader,
    ShortRule,
    Styles,
    TableWithClosing,
    decorate_page,
    geometry,
    list_table,
    signature_table,
    text,
)
from antt_desktop.domain.official_documents import OfficialDocument

KEEP_ROWS = 3           # rows of the list that go with the total and the signature


def write_member_list_pdf(document: OfficialDocument, out: Path) -> Path:
    """The list composed by `domain.decisions.compose_member_list`, team by team."""
    register_fonts()
    styles = Styles()
    page = geometry(document.orientation)
    out = Path(out)
    template = BaseDocTemplate(
        str(out), pagesize=page.size, invariant=1, initialFontName=SERIF,
        title=document.file_title or document.type_name, author="ANTT Desktop", creator="ANTT Desktop",
        subject=" ".join(document.summary_lines), lang="vi-VN",
        leftMargin=0, rightMargin=0, topMargin=0, bottomMargin=0,
    )
    frame = Frame(page.left, page.bottom, page.width, page.height, id="list-body",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    template.addPageTemplates([PageTemplate(id="list", frames=[frame], pagesize=page.size,
                                            onPageEnd=decorate_page)])
    template.build(_story(document, styles))
    return out


def _story(document: OfficialDocument, styles: Styles) -> list:
    page = geometry(document.orientation)
    story: list = [DocumentStart(document.is_draft), NationalHeader(document, page),
                   Paragraph(text(document.type_name), styles.type_name)]
    for line in document.summary_lines:
        story.append(Paragraph(text(line), styles.summary_note if line.startswith("(") else styles.summary))
    if document.summary_lines:
        widest = stringWidth(document.summary_lines[0], SERIF_BOLD, BODY_SIZE)
        story.append(ShortRule(min(widest, page.width) * 0.35))
    closing: list = [Spacer(1, 8)]
    for paragraph in document.paragraphs:
        lead = f"<b>{text(paragraph.lead)}</b> " if paragraph.lead else ""
        closing.append(Paragraph(lead + text(paragraph.text), styles.body))
        closing.extend(Paragraph(text(item), styles.item) for item in paragraph.items)
    closing += [Spacer(1, 6), signature_table(document, styles, page)]
    if document.body_list is None:
        story.extend(closing)
        return story
    story.append(Spacer(1, 4))
    story.append(TableWithClosing(list_table(document.body_list, styles, page.width), closing, KEEP_ROWS))
    return story
