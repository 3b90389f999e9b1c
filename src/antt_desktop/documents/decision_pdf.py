"""Decisions, proposal lists and reports as PDF in the layout of NĐ 30/2020 (data in, file out)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
)

from antt_desktop.documents.fonts import SERIF, SERIF_BOLD, register_fonts
from antt_desktop.documents.layout import (
    LANDSCAPE,
    PORTRAIT,
    BODY_SIZE,
    DocumentStart,
    NationalHeader,
    PageGeometry,
    ShortRule,
    Styles,
    decorate_page,
    geometry,
    list_table,
    signature_table,
    text,
)
from antt_desktop.domain.official_documents import DocumentList, OfficialDocument, Orientation


def write_document_pdf(document: OfficialDocument, out: Path) -> Path:
    """One document (a decision with its attached list, a danh sách, a báo cáo) as a PDF."""
    return write_documents_pdf((document,), out)


def write_documents_pdf(documents: Sequence[OfficialDocument], out: Path) -> Path:
    """Several documents in one PDF; each starts on a new page and numbers its own pages."""
    register_fonts()
    styles = Styles()
    out = Path(out)
    first = documents[0]
    template = BaseDocTemplate(
        str(out), pagesize=geometry(first.orientation).size, invariant=1, initialFontName=SERIF,
        title=first.file_title or first.type_name, author="ANTT Desktop", creator="ANTT Desktop",
        subject=" ".join(first.summary_lines), lang="vi-VN",
        leftMargin=0, rightMargin=0, topMargin=0, bottomMargin=0,
    )
    templates = [_page_template("portrait", PORTRAIT), _page_template("landscape", LANDSCAPE)]
    if first.orientation is Orientation.LANDSCAPE:
        templates.reverse()             # page 1 takes the first template
    template.addPageTemplates(templates)
    story: list = []
    for index, document in enumerate(documents):
        name = "landscape" if document.orientation is Orientation.LANDSCAPE else "portrait"
        story.append(NextPageTemplate(name))
        if index:
            story.append(PageBreak())
        story.extend(_document_story(document, styles))
    template.build(story)
    return out


def _page_template(name: str, page: PageGeometry) -> PageTemplate:
    frame = Frame(page.left, page.bottom, page.width, page.height, id=f"{name}-body",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    return PageTemplate(id=name, frames=[frame], pagesize=page.size, onPageEnd=decorate_page)


def _document_story(document: OfficialDocument, styles: Styles) -> list:
    page = geometry(document.orientation)
    story: list = [DocumentStart(document.is_draft), NationalHeader(document, page)]
    story.append(Paragraph(text(document.type_name), styles.type_name))
    for index, line in enumerate(document.summary_lines):
        style = styles.summary_note if line.startswith("(") else styles.summary
        story.append(Paragraph(text(line), style))
    if document.summary_lines:
        widest = max(stringWidth(line, SERIF_BOLD, BODY_SIZE) for line in document.summary_lines[:1])
        story.append(ShortRule(min(widest, page.width) * 0.35))
    if document.authority:
        story.append(Paragraph(text(document.authority), styles.authority))
    if document.addressee:
        story.append(Paragraph(text(document.addressee), styles.addressee))
    for basis in document.bases:
        story.append(Paragraph(text(basis), styles.basis))
    if document.decides_word:
        story.append(Paragraph(text(document.decides_word), styles.decides))
    if document.body_list is not None:
        story.append(Spacer(1, 4))
        story.append(list_table(document.body_list, styles, page.width))
        story.append(Spacer(1, 8))
    paragraphs = [_paragraph_flowables(paragraph, styles) for paragraph in document.paragraphs]
    for flowables in paragraphs[:-1]:
        story.extend(flowables)
    # The signature never stands alone on a page: the last paragraph moves with it.
    closing = (paragraphs[-1] if paragraphs else []) + [Spacer(1, 6), signature_table(document, styles, page)]
    story.append(KeepTogether(closing))
    for attachment in document.attachments:
        story.extend(_attachment_story(attachment, styles, page))
    return story


def _paragraph_flowables(paragraph, styles: Styles) -> list:
    lead = f"<b>{text(paragraph.lead)}</b> " if paragraph.lead else ""
    flowables = [Paragraph(lead + text(paragraph.text), styles.body)]
    flowables.extend(Paragraph(text(item), styles.item) for item in paragraph.items)
    return flowables


def _attachment_story(attachment: DocumentList, styles: Styles, page: PageGeometry) -> list:
    story: list = [PageBreak()]
    for index, line in enumerate(attachment.title_lines):
        story.append(Paragraph(text(line), styles.list_title))
    if attachment.note:
        story.append(Paragraph(text(attachment.note), styles.list_note))
    if attachment.title_lines:
        story.append(ShortRule(page.width * 0.2, space_after=8))
    story.append(list_table(attachment, styles, page.width))
    story.append(Spacer(1, 6))
    story.append(Paragraph(text(f"Danh sách này có {attachment.row_count:02d} người./."), styles.item))
    return story
