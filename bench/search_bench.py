"""Search over the 100,000-member aggregate: the service layer against a bare SQLite query.

Two paths are measured, keystroke by keystroke, as a user types a name without diacritics:
- the service search (`MemberService.search`, SQL LIKE on the folded key, first screenful),
  against the same LIKE query run with raw sqlite3;
- search as you type in the list screen (`filter_rows` over the loaded list, STYLE §7),
  against a bare Python substring loop over the same keys.
Budget (DESIGN §7): ≤ 30 ms per keystroke.
"""

from __future__ import annotations

import sqlite3
import sys
from datetime import datetime

from common import aggregate_database, emit, result, time_ms

KEYSTROKES = ["n", "ng", "ngu", "nguy", "nguye", "nguyen", "nguyen v", "nguyen va", "nguyen van",
              "nguyen van h", "nguyen van hu", "nguyen van hung", "0912", "huong", "thi huong"]
SCREENFUL = 200
BUDGET_MS = 30.0


def main() -> None:
    from antt_desktop.services.members import filter_rows
    from antt_desktop.wiring import open_services

    database = aggregate_database()
    services = open_services(database, actor="bench", clock=lambda: datetime(2026, 11, 22, 9, 0))
    raw = sqlite3.connect(database)

    def raw_query(text: str):
        clauses = " AND ".join("search_key LIKE ?" for _ in text.split())
        return raw.execute(
            f"SELECT id, full_name FROM members WHERE {clauses} ORDER BY sort_key LIMIT {SCREENFUL}",
            [f"%{word}%" for word in text.split()]).fetchall()

    service_ms, raw_ms = [], []
    for text in KEYSTROKES:
        service_ms.append(time_ms(lambda: services.members.search(text, limit=SCREENFUL), repeat=5))
        raw_ms.append(time_ms(lambda: raw_query(text), repeat=5))

    rows = services.members.list_rows()
    keys = [row.search_key for row in rows]
    filter_ms, loop_ms = [], []
    for text in KEYSTROKES:
        filter_ms.append(time_ms(lambda: filter_rows(rows, text), repeat=5))
        longest = max(text.split(), key=len)
        loop_ms.append(time_ms(lambda: [k for k in keys if longest in k], repeat=5))
    services.close()
    raw.close()

    worst = lambda values: max(values)  # noqa: E731 — the slowest keystroke is what a user feels
    emit("search", [
        result("Tìm kiếm qua dịch vụ (SQL, 200 dòng đầu), phím chậm nhất", worst(service_ms),
               "sqlite3 LIKE trần", worst(raw_ms), BUDGET_MS, members=len(rows),
               per_keystroke_ms=[round(v, 2) for v in service_ms]),
        result("Lọc khi gõ trên danh sách (filter_rows), phím chậm nhất", worst(filter_ms),
               "một phép so chuỗi trên mỗi khóa (Python trần)", worst(loop_ms), BUDGET_MS, members=len(rows),
               per_keystroke_ms=[round(v, 2) for v in filter_ms]),
    ])


if __name__ == "__main__":
    sys.exit(main())
