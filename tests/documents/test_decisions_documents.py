"""The printed papers of issue #4: text extracted from each PDF, fonts embedded, golden bytes,
the Word copy reopened, and the certificate sheets' geometry and QR codes."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from antt_desktop.documents.certificate_sheet_pdf import sheet_layout, write_certificate_sheets
from antt_desktop.documents.decision_docx import write_document_docx
from antt_desktop.documents.decision_pdf import write_document_pdf, write_documents_pdf
from antt_desktop.documents.member_list_pdf import write_member_list_pdf
from antt_desktop.domain import decisions as dec
from antt_desktop.domain.certificates import CardFace, CertificateTemplate
from antt_desktop.domain.people import Position

GOLDEN = Path(__file__).parent / "golden"
ISSUER = dec.IssuerFacts(
    unit_name="Xã Tân Phú", people_committee_name="ỦY BAN NHÂN DÂN XÃ TÂN PHÚ", place_name="Tân Phú",
    province_name="Gia Lai", higher_police_name="Công an tỉnh Gia Lai", police_chief_name="Trần Quốc Tuấn",
    chairman_name="Nguyễn Văn Hòa", resolution="Nghị quyết số 03/2024/NQ-HĐND ngày 12 tháng 6 năm 2024 của "
                                                "Hội đồng nhân dân tỉnh Bình Định",
)
PEOPLE = [
    ("Nguyễn Văn Ấn", "nam", Position.LEADER, "Thôn 1"), ("Lê Thị Bích Ngọc", "nữ", Position.DEPUTY, "Thôn 1"),
    ("Đỗ Hữu Quyết", "nam", Position.MEMBER, "Thôn 1"), ("Hoàng Thị Thủy", "nữ", Position.MEMBER, "Thôn 1"),
]


def _lines(count: int = 40) -> list[dec.NamedLine]:
    lines = []
    for index in range(count):
        name, gender, position, hamlet = PEOPLE[index % 4]
        team = f"Tổ bảo vệ ANTT Thôn {index // 4 + 1}"
        if index >= 4:
            name, position = f"{name} {index}", (Position.LEADER, Position.DEPUTY)[index % 4] \
                if index % 4 < 2 else Position.MEMBER
        lines.append(dec.NamedLine(member_id=str(index), full_name=name, gender=gender,
                                   birth=f"{index % 28 + 1:02d}/0{index % 9 + 1}/198{index % 10}",
                                   residence=f"Thôn {index // 4 + 1}", team_id=str(index // 4),
                                   team_name=team, position=position))
    return lines


def _decision_document(count: int = 40) -> "dec.OfficialDocument":
    decision = dec.Decision(id="golden", unit_code="26734", kind=dec.DecisionKind.RECOGNISE,
                            state=dec.DecisionState.ISSUED, number="07/QĐ-UBND", signed_on=date(2026, 3, 9),
                            signer_name="Nguyễn Văn Hòa")
    return dec.compose_decision_document(decision, _lines(count), ISSUER)


def _pages(path: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


def _page_number(page) -> str:
    """The text printed in the top margin (NĐ 30/2020: where the page number goes)."""
    found = []
    top = float(page.mediabox.height) - 15 * 72 / 25.4

    def visit(text, cm, tm, font, size):
        if text.strip() and cm[3] * tm[5] + cm[5] > top:
            found.append(text.strip())

    page.extract_text(visitor_text=visit)
    return " ".join(found)


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_decision_pdf_text_has_every_element_of_nd_30(tmp_path):
    path = write_document_pdf(_decision_document(), tmp_path / "qd.pdf")
    pages = _pages(path)
    first = _flat(pages[0])
    for fragment in ("ỦY BAN NHÂN DÂN", "XÃ TÂN PHÚ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                     "Độc lập - Tự do - Hạnh phúc", "Số: 07/QĐ-UBND", "Tân Phú, ngày 09 tháng 3 năm 2026",
                     "QUYẾT ĐỊNH", "Về việc công nhận thành viên các Tổ bảo vệ an ninh, trật tự ở cơ sở",
                     "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ TÂN PHÚ", "Căn cứ Luật Lực lượng tham gia bảo vệ an ninh",
                     "Căn cứ Nghị quyết số 03/2024/NQ-HĐND", "QUYẾT ĐỊNH:", "Điều 1.", "Công nhận 40 ông (bà)"):
        assert fragment in first, fragment
    reader = PdfReader(path)
    assert _page_number(reader.pages[0]) == ""               # no page number on page 1
    everything = _flat(" ".join(pages))
    for fragment in ("Nơi nhận:", "Như Điều 4;", "Lưu: VT, CA.", "Nguyễn Văn Hòa", "DANH SÁCH",
                     "(Kèm theo Quyết định số 07/QĐ-UBND ngày 09 tháng 3 năm 2026", "Nguyễn Văn Ấn",
                     "Lê Thị Bích Ngọc", "Đỗ Hữu Quyết", "Hoàng Thị Thủy 39", "Tổ trưởng", "Tổ phó",
                     "I. Tổ bảo vệ an ninh, trật tự Thôn 1", "X. Tổ bảo vệ an ninh, trật tự Thôn 10",
                     "Danh sách này có 40 người./."):
        assert fragment in everything, fragment
    assert len(pages) >= 3
    for number, page in enumerate(reader.pages[1:], start=2):
        assert _page_number(page) == str(number)           # from page 2, centred in the top margin


def test_fonts_are_embedded_and_only_liberation(tmp_path):
    path = write_document_pdf(_decision_document(8), tmp_path / "qd.pdf")
    fonts = {}
    for page in PdfReader(path).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            fonts[str(font["/BaseFont"])] = "/FontFile2" in descendant["/FontDescriptor"]
    assert fonts and all(fonts.values()), fonts
    assert all("LiberationSerif" in name for name in fonts), fonts
    assert not any("Helvetica" in name or "Times" in name for name in fonts)


def test_decision_pdf_is_byte_stable_against_its_golden_file(tmp_path):
    first = write_document_pdf(_decision_document(), tmp_path / "a.pdf").read_bytes()
    second = write_document_pdf(_decision_document(), tmp_path / "b.pdf").read_bytes()
    assert first == second
    golden = GOLDEN / "decision_recognition.pdf"
    if os.environ.get("ANTT_UPDATE_GOLDEN"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_bytes(first)
    assert hashlib.sha256(first).hexdigest() == hashlib.sha256(golden.read_bytes()).hexdigest(), (
        "the decision PDF changed; look at it (pdftoppm) and, if right, rerun with ANTT_UPDATE_GOLDEN=1")


def test_a_draft_prints_blanks_and_the_draft_mark(tmp_path):
    decision = dec.Decision(id="d", unit_code="X", kind=dec.DecisionKind.TERMINATE,
                            termination_ground=dec.TerminationGround.APPLICATION, signature_form=dec.SignatureForm.DEPUTY,
                            signer_title="PHÓ CHỦ TỊCH", signer_name="Phạm Thị Hạnh")
    document = dec.compose_decision_document(decision, _lines(1), ISSUER)
    text = _flat(_pages(write_document_pdf(document, tmp_path / "draft.pdf"))[0])
    assert "DỰ THẢO" in text and "Số: /QĐ-UBND" in text        # the văn thư writes the number in
    assert "KT. CHỦ TỊCH" in text and "PHÓ CHỦ TỊCH" in text and "Phạm Thị Hạnh" in text
    assert "Cho thôi tham gia lực lượng tham gia bảo vệ an ninh, trật tự ở cơ sở đối với ông Nguyễn Văn Ấn" in text
    assert "DANH SÁCH" not in text                          # one person: named in Điều 1, no list


def test_the_word_copy_reopens_with_the_same_content(tmp_path):
    from docx import Document

    document = _decision_document(12)
    path = write_document_docx(document, tmp_path / "qd.docx")
    word = Document(str(path))
    header = word.tables[0]
    assert [p.text for p in header.cell(0, 0).paragraphs if p.text] == ["ỦY BAN NHÂN DÂN", "XÃ TÂN PHÚ"]
    assert [p.text for p in header.cell(0, 1).paragraphs if p.text] == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    assert header.cell(1, 0).text == "Số: 07/QĐ-UBND"
    assert header.cell(1, 1).text == "Tân Phú, ngày 09 tháng 3 năm 2026"
    texts = [p.text for p in word.paragraphs]
    assert "QUYẾT ĐỊNH" in texts and "QUYẾT ĐỊNH:" in texts
    assert any(t.startswith("Điều 1. Công nhận 12 ông (bà)") for t in texts)
    assert any(t.startswith("Căn cứ Luật Lực lượng") for t in texts)
    signature = word.tables[1]
    assert "Nơi nhận:" in signature.cell(0, 0).text and "Nguyễn Văn Hòa" in signature.cell(0, 1).text
    attached = word.tables[2]
    cells = [[c.text for c in row.cells] for row in attached.rows]
    assert cells[0] == ["STT", "Họ và tên", "Ngày sinh", "Nơi cư trú", "Chức danh"]
    assert ["1", "Nguyễn Văn Ấn", "01/01/1980", "Thôn 1", "Tổ trưởng"] in cells
    section = word.sections[0]
    assert round(section.left_margin.mm) == 30 and round(section.right_margin.mm) == 15
    assert section.different_first_page_header_footer
    assert "PAGE" in section.header._element.xml                  # page numbers from page 2
    assert word.core_properties.author == "ANTT Desktop"


def test_proposal_lists_restart_their_page_numbers(tmp_path):
    documents = dec.compose_recognition_proposals(_lines(60), ISSUER, date(2026, 3, 2))
    assert [d.summary_lines[1] for d in documents] == [
        "(Mẫu số 05 ban hành kèm theo Thông tư số 14/2024/TT-BCA)",
        "(Mẫu số 06 ban hành kèm theo Thông tư số 14/2024/TT-BCA)"]
    path = write_documents_pdf(documents, tmp_path / "de-nghi.pdf")
    reader = PdfReader(path)
    assert all(page.mediabox.width > page.mediabox.height for page in reader.pages)   # A4 landscape
    texts = [_flat(page.extract_text()) for page in reader.pages]
    starts = [i for i, t in enumerate(texts) if "CÔNG AN TỈNH GIA LAI" in t]
    assert len(starts) == 2 and "Đề nghị công nhận Tổ viên" in texts[starts[0]]
    assert "Đề nghị công nhận Tổ trưởng, Tổ phó" in texts[starts[1]]
    assert _page_number(reader.pages[starts[1]]) == ""            # each list numbers its own pages
    assert [_page_number(page) for page in reader.pages[1:starts[1]]] == \
        [str(n) for n in range(2, starts[1] + 1)]
    assert "Lưu: CA. TRƯỞNG CÔNG AN Trần Quốc Tuấn" in " ".join(texts) and "Số định danh cá nhân" in texts[0]


def test_member_list_is_landscape_grouped_by_team(tmp_path):
    entries = [dec.RosterEntry(line, date(2024, 7, 5), "15/QĐ-UBND", "0912345678") for line in _lines(8)]
    document = dec.compose_member_list(entries, ISSUER, date(2026, 11, 22))
    path = write_member_list_pdf(document, tmp_path / "ds.pdf")
    page = PdfReader(path).pages[0]
    assert page.mediabox.width > page.mediabox.height
    text = _flat(" ".join(_pages(path)))
    for fragment in ("CÔNG AN XÃ TÂN PHÚ", "DANH SÁCH", "(Tính đến ngày 22 tháng 11 năm 2026)",
                     "I. Tổ bảo vệ an ninh, trật tự Thôn 1", "II. Tổ bảo vệ an ninh, trật tự Thôn 2",
                     "15/QĐ-UBND", "0912345678", "Tổng số: 08 người."):
        assert fragment in text, fragment


def _card(index: int, qr_text: str = "") -> CardFace:
    return CardFace(
        number=f"{index:04d}/2026/GCN",
        values=(("Họ và tên", f"Trương Thị Ánh Nguyệt {index}"), ("Ngày sinh", "29/02/1988"),
                ("Chức danh", "Tổ viên"), ("Thuộc", "Tổ bảo vệ ANTT Làng Kon Chrăh")),
        issuer_lines=("CÔNG AN TỈNH GIA LAI", "CÔNG AN XÃ TÂN PHÚ"),
        place_date="Tân Phú, ngày 22 tháng 11 năm 2026", signer_title="TRƯỞNG CÔNG AN XÃ",
        signer_name="Trần Quốc Tuấn", validity="Có giá trị đến ngày 21 tháng 11 năm 2031",
        qr_text=qr_text or str(10 ** 200 + index), full_name=f"Trương Thị Ánh Nguyệt {index}",
    )


def test_sheet_layout_fits_ten_id1_cards_centred_on_a4():
    layout = sheet_layout(CertificateTemplate())
    assert (layout.columns, layout.rows, layout.per_sheet) == (2, 5, 10)
    from reportlab.lib.pagesizes import A4

    right = layout.left + 2 * layout.card_width
    top = layout.bottom + 5 * layout.card_height
    assert layout.left == pytest.approx(A4[0] - right) and layout.bottom == pytest.approx(A4[1] - top)
    bigger = sheet_layout(CertificateTemplate(width_mm=90, height_mm=60, gutter_mm=4))
    assert (bigger.columns, bigger.rows) == (2, 4)
    assert len(bigger.cut_xs) == 4 and len(layout.cut_xs) == 3         # shared cut lines without a gutter


@pytest.mark.parametrize(("duplex", "pages"), [("long_edge", 4), ("short_edge", 4), ("none", 2)])
def test_certificate_sheets_fronts_and_backs(tmp_path, duplex, pages):
    from dataclasses import replace

    template = replace(CertificateTemplate(), duplex=duplex)
    path = write_certificate_sheets([_card(i) for i in range(1, 13)], template, tmp_path / "gcn.pdf")
    reader = PdfReader(path)
    assert len(reader.pages) == pages
    front = _flat(reader.pages[0].extract_text())
    for fragment in ("GIẤY CHỨNG NHẬN", "TRƯƠNG THỊ ÁNH NGUYỆT 1", "Số: 0001/2026/GCN", "29/02/1988",
                     "Tổ bảo vệ ANTT Làng Kon Chrăh", "CÔNG AN XÃ TÂN PHÚ", "Có giá trị đến ngày 21 tháng 11 năm 2031"):
        assert fragment in front, fragment
    assert "TRƯƠNG THỊ ÁNH NGUYỆT 11" not in front            # the 11th card is on the next sheet
    if duplex != "none":
        back = _flat(reader.pages[1].extract_text())
        assert "TRƯỞNG CÔNG AN XÃ" in back and "Trần Quốc Tuấn" in back and "Mã kiểm tra" in back
    again = write_certificate_sheets([_card(i) for i in range(1, 13)], template, tmp_path / "again.pdf")
    assert again.read_bytes() == path.read_bytes()


@pytest.mark.skipif(not (shutil.which("zbarimg") and shutil.which("pdftoppm")),
                    reason="zbarimg and pdftoppm read the printed QR codes back")
def test_printed_qr_codes_read_back_and_verify(demo, tmp_path):
    team = sorted(demo.teams.list(), key=lambda t: t.name)[0]
    demo.certificates.print_for(tmp_path / "gcn.pdf", team_id=team.id)
    subprocess.run(["pdftoppm", "-png", "-r", "300", "-f", "2", "-l", "2", str(tmp_path / "gcn.pdf"),
                    str(tmp_path / "back")], check=True)
    (image,) = tmp_path.glob("back*.png")
    scanned = subprocess.run(["zbarimg", "-q", "--raw", str(image)], capture_output=True, text=True).stdout.split()
    assert len(scanned) == len(demo.teams.roster(team.id))
    checks = [demo.certificates.verify(code) for code in scanned]
    assert all(check.outcome.value == "hop_le" for check in checks)
    assert {check.record.full_name for check in checks} == {l.member.full_name for l in demo.teams.roster(team.id)}
