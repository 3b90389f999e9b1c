"""1,000 member certificates to PDF (issue #4), and a decision with a long attached list.

Measures the whole service path (read the register, photos, sign each QR record, draw the
QR codes, lay out the sheets) and the sheet writer alone, against bare reportlab drawing of
the same cards (a frame, the texts and the photo, no QR) in the same run.
Budget (DESIGN §7): 1,000 certificates to PDF ≤ 5 s.
"""

from __future__ import annotations

import sqlite3
import sys
import tempfile
import uuid
from datetime import datetime
from io import BytesIO
from pathlib import Path

from common import emit, result, time_ms

CERTIFICATES = 1000
BUDGET_MS = 5000.0
CLOCK = lambda: datetime(2026, 11, 22, 9, 0)  # noqa: E731


def commune_with_members(folder: Path, count: int) -> Path:
    """The demo commune (with photos), grown to `count` active members by copying its own."""
    from antt_desktop.wiring import open_services

    path = folder / "bench.sqlite"
    services = open_services(path, actor="bench", clock=CLOCK)
    services.demo.fill_commune(with_photos=True)
    services.close()
    connection = sqlite3.connect(path)
    members = connection.execute("SELECT * FROM members WHERE status = 'active'").fetchall()
    member_columns = [c[1] for c in connection.execute("PRAGMA table_info(members)")]
    photos = dict(connection.execute("SELECT member_id, jpeg FROM member_photos"))
    assignments = {row[0]: row[1:] for row in connection.execute(
        "SELECT member_id, team_id, position, started_on, decision_id FROM assignments WHERE ended_on IS NULL")}
    have = len(members)
    index = 0
    while have < count:
        template = dict(zip(member_columns, members[index % len(members)]))
        new_id = str(uuid.uuid4())
        template.update(id=new_id, id_number=None, full_name=f"{template['full_name']} {have}")
        connection.execute(f"INSERT INTO members ({', '.join(template)}) VALUES ({', '.join('?' * len(template))})",
                           list(template.values()))
        source = members[index % len(members)][member_columns.index("id")]
        connection.execute("INSERT INTO member_photos (id, unit_code, member_id, sha256, jpeg, updated_at) "
                           "VALUES (?, ?, ?, '', ?, ?)", (str(uuid.uuid4()), template["unit_code"], new_id,
                                                          photos[source], template["updated_at"]))
        team_id, _, started_on, decision_id = assignments[source]
        connection.execute("INSERT INTO assignments (id, unit_code, member_id, team_id, position, started_on, "
                           "decision_id, created_at) VALUES (?, ?, ?, ?, 'to_vien', ?, ?, ?)",
                           (str(uuid.uuid4()), template["unit_code"], new_id, team_id, started_on, decision_id,
                            template["created_at"]))
        have += 1
        index += 1
    connection.commit()
    connection.close()
    return path


def raw_reportlab(cards, out: Path) -> None:
    """The same cards drawn with bare reportlab calls: frame, texts, photo; no QR, no fitting."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    from antt_desktop.documents.fonts import SERIF, SERIF_BOLD, register_fonts

    register_fonts()
    canvas = Canvas(str(out), pagesize=A4, invariant=1, initialFontName=SERIF, pageCompression=1)
    width, height = 85.6 * mm, 54 * mm
    for start in range(0, len(cards), 10):
        for side in ("front", "back"):
            for index, card in enumerate(cards[start:start + 10]):
                x = 19.4 * mm + (index % 2) * width
                y = 13.5 * mm + (4 - index // 2) * height
                canvas.rect(x, y, width, height)
                canvas.setFont(SERIF_BOLD, 10)
                canvas.drawString(x + 30 * mm, y + 40 * mm, "GIẤY CHỨNG NHẬN")
                canvas.setFont(SERIF, 7)
                if side == "front":
                    for line, (label, value) in enumerate(card.values):
                        canvas.drawString(x + 26 * mm, y + (32 - 4 * line) * mm, f"{label}: {value}")
                    if card.photo_jpeg:
                        canvas.drawImage(ImageReader(BytesIO(card.photo_jpeg)), x + 3 * mm, y + 14 * mm,
                                         20 * mm, 26.7 * mm)
                else:
                    canvas.drawString(x + 32 * mm, y + 30 * mm, card.place_date)
                    canvas.drawString(x + 32 * mm, y + 10 * mm, card.signer_name)
            canvas.showPage()
    canvas.save()


def main() -> None:
    from antt_desktop.documents.certificate_sheet_pdf import write_certificate_sheets
    from antt_desktop.documents.decision_pdf import write_document_pdf
    from antt_desktop.wiring import open_services

    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        database = commune_with_members(folder, CERTIFICATES)
        services = open_services(database, actor="bench", clock=CLOCK)
        out = folder / "gcn.pdf"
        first = services.certificates.print_for(out)          # issues all 1,000, then prints
        ids = [line.certificate.id for line in services.certificates.register()][:CERTIFICATES]
        template = services.certificates.template()
        service_ms = time_ms(lambda: services.certificates.write_sheets(ids, out), repeat=3)
        cards = services.certificates.cards(ids)
        writer_ms = time_ms(lambda: write_certificate_sheets(cards, template, folder / "w.pdf"), repeat=3)
        cards_ms = time_ms(lambda: services.certificates.cards(ids), repeat=3)
        raw_ms = time_ms(lambda: raw_reportlab(cards, folder / "raw.pdf"), repeat=3)
        pages = (len(ids) + 9) // 10 * 2
        size_mb = out.stat().st_size / 1e6

        decision = next(d for d in services.decisions.list() if d.kind.value == "cong_nhan_thanh_vien")
        document = services.decisions.document(decision.id)
        decision_ms = time_ms(lambda: write_document_pdf(document, folder / "qd.pdf"), repeat=3)
        services.close()

    emit("documents", [
        result(f"{CERTIFICATES} giấy chứng nhận ra PDF (dịch vụ: sổ, ảnh, ký mã QR, vẽ)", service_ms,
               "reportlab trần (khung, chữ, ảnh; không QR)", raw_ms, BUDGET_MS, certificates=len(ids),
               pages=pages, pdf_mb=round(size_mb, 1), first_print_issued=first.newly_issued),
        result(f"{CERTIFICATES} giấy chứng nhận: chỉ bộ ghi PDF (write_certificate_sheets)", writer_ms,
               "reportlab trần (khung, chữ, ảnh; không QR)", raw_ms, BUDGET_MS),
        result(f"{CERTIFICATES} giấy chứng nhận: chỉ soạn thẻ (đọc sổ, ảnh, ký)", cards_ms,
               "reportlab trần (khung, chữ, ảnh; không QR)", raw_ms, None),
        result("Quyết định công nhận kèm danh sách ra PDF", decision_ms, "reportlab trần 1.000 thẻ", raw_ms,
               None, members=len(document.attachments[0].sections) if document.attachments else 0),
    ])


if __name__ == "__main__":
    sys.exit(main())
