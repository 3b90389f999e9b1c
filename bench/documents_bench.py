"""1,000 member certificates to PDF (issue #4), and a decision with a long attached list.

Measures printing 1,000 issued certificates through the service (read the register and the
photos, sign each QR record again and compare it with the stored symbol, lay out the sheets),
the sheet writer alone, and, once, issuing 1,000 new certificates and printing them (issuing
signs each record and encodes its QR symbol, which is kept with the certificate). The baseline
is bare reportlab drawing of the same cards (a frame, the texts and the photo, no QR) in the
same run. Budget (DESIGN §7): 1,000 certificates to PDF ≤ 5 s.
"""

from __future__ import annotations

import sqlite3
import sys
import tempfile
import time
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
                                                          unique_photo(photos[source], have),
                                                          template["updated_at"]))
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


def unique_photo(jpeg: bytes, number: int) -> bytes:
    """A distinct JPEG per member (same photo with its number): a PDF embeds equal images once,
    and real members do not share photos."""
    from PIL import Image, ImageDraw

    image = Image.open(BytesIO(jpeg)).convert("RGB")
    ImageDraw.Draw(image).text((8, 8), str(number), fill=(0, 0, 0))
    out = BytesIO()
    image.save(out, "JPEG", quality=80)
    return out.getvalue()


def raw_reportlab(cards, photo_paths: list[str | None], out: Path) -> None:
    """The same cards drawn with bare reportlab calls: frame, texts, photo (as a JPEG file path,
    reportlab's fastest route, STACK-NOTES); no QR, no text fitting, no duplex mirroring."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
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
                    photo = photo_paths[start + index]
                    if photo:
                        canvas.drawImage(photo, x + 3 * mm, y + 14 * mm, 20 * mm, 26.7 * mm)
                else:
                    canvas.drawString(x + 32 * mm, y + 30 * mm, card.place_date)
                    canvas.drawString(x + 32 * mm, y + 10 * mm, card.signer_name)
            canvas.showPage()
    canvas.save()


def main() -> None:
    from antt_desktop.documents.certificate_sheet_pdf import qr_matrix, qr_symbol, write_certificate_sheets
    from antt_desktop.documents.decision_pdf import write_document_pdf
    from antt_desktop.wiring import open_services

    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        database = commune_with_members(folder, CERTIFICATES)
        services = open_services(database, actor="bench", clock=CLOCK)
        out = folder / "gcn.pdf"
        started = time.perf_counter()
        first = services.certificates.print_for(out)      # issues all 1,000 (sign, encode QR), then prints
        first_ms = (time.perf_counter() - started) * 1000
        ids = [line.certificate.id for line in services.certificates.register()][:CERTIFICATES]
        template = services.certificates.template()

        def cold(action):
            def run():
                qr_matrix.cache_clear()     # nothing left in memory from an earlier run
                action()
            return run

        service_ms = time_ms(cold(lambda: services.certificates.write_sheets(ids, out)), repeat=3)
        cards = services.certificates.cards(ids)
        writer_ms = time_ms(cold(lambda: write_certificate_sheets(cards, template, folder / "w.pdf")), repeat=3)
        cards_ms = time_ms(cold(lambda: services.certificates.cards(ids)), repeat=3)
        qr_ms = time_ms(cold(lambda: [qr_symbol(card.qr_text) for card in cards]), repeat=3)
        photo_paths = []
        for number, card in enumerate(cards):
            if card.photo_jpeg:
                path = folder / f"photo-{number}.jpg"
                path.write_bytes(card.photo_jpeg)
                photo_paths.append(str(path))
            else:
                photo_paths.append(None)
        raw_ms = time_ms(lambda: raw_reportlab(cards, photo_paths, folder / "raw.pdf"), repeat=3)
        pages = (len(ids) + 9) // 10 * 2
        size_mb = out.stat().st_size / 1e6

        decision = next(d for d in services.decisions.list() if d.kind.value == "cong_nhan_thanh_vien")
        document = services.decisions.document(decision.id)
        decision_ms = time_ms(lambda: write_document_pdf(document, folder / "qd.pdf"), repeat=3)
        services.close()

    raw_name = "reportlab trần (khung, chữ, ảnh; không QR)"
    emit("documents", [
        result(f"{CERTIFICATES} giấy chứng nhận đã cấp ra PDF (dịch vụ: sổ, ảnh, ký lại, vẽ)", service_ms,
               raw_name, raw_ms, BUDGET_MS, certificates=len(ids), pages=pages, pdf_mb=round(size_mb, 1)),
        result(f"Cấp mới {CERTIFICATES} giấy (ký, mã hóa QR) rồi in, lần đầu (một lần đo)", first_ms,
               raw_name, raw_ms, None, newly_issued=first.newly_issued),
        result(f"{CERTIFICATES} giấy chứng nhận: chỉ bộ ghi PDF (write_certificate_sheets)", writer_ms,
               raw_name, raw_ms, BUDGET_MS),
        result(f"{CERTIFICATES} giấy chứng nhận: chỉ soạn thẻ (đọc sổ, ảnh, ký, so mã QR đã lưu)", cards_ms,
               raw_name, raw_ms, None),
        result(f"{CERTIFICATES} mã QR: chỉ mã hóa (segno, làm một lần khi cấp)", qr_ms, raw_name, raw_ms, None),
        result("Quyết định công nhận kèm danh sách ra PDF", decision_ms, "reportlab trần 1.000 thẻ", raw_ms,
               None, members=document.attachments[0].row_count if document.attachments else 0),
    ])


if __name__ == "__main__":
    sys.exit(main())
