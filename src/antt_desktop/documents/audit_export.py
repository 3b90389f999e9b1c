"""The audit log as an Excel sheet or a CSV file (issue #8): entries in, file out."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Sequence
from pathlib import Path

from antt_desktop.domain.audit_trail import AuditEntry

HEADERS = ("Số thứ tự", "Thời điểm", "Người thực hiện", "Thao tác", "Mã thao tác", "Đối tượng",
           "Mã bản ghi", "Đơn vị", "Trước khi sửa", "Sau khi sửa")
WIDTHS = (10, 20, 18, 32, 24, 14, 38, 10, 60, 60)
# Excel refuses cells longer than 32,767 characters; a photo-less record is far below that.
MAX_CELL = 32_000


def _json(value) -> str:
    if value is None:
        return ""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return text if len(text) <= MAX_CELL else text[:MAX_CELL] + "…"


def _action(entry: AuditEntry) -> str:
    return entry.action


def _row(entry: AuditEntry, entry_label: Callable[[AuditEntry], str]) -> list:
    return [entry.sequence, entry.at.strftime("%d/%m/%Y %H:%M:%S"), entry.actor,
            entry_label(entry), entry.action, entry.entity, entry.entity_id or "",
            entry.unit_code, _json(entry.before), _json(entry.after)]


def write_audit_csv(entries: Sequence[AuditEntry], out: Path,
                    entry_label: Callable[[AuditEntry], str] = _action) -> Path:
    """UTF-8 with a byte-order mark, so Excel shows the Vietnamese letters right.

    `entry_label` words the "Thao tác" column (messages.audit.entry_label)."""
    temporary = out.with_name(out.name + ".partial")
    try:
        with open(temporary, "w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(HEADERS)
            for entry in entries:
                writer.writerow(_row(entry, entry_label))
        temporary.replace(out)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return out


def write_audit_xlsx(entries: Sequence[AuditEntry], out: Path,
                     entry_label: Callable[[AuditEntry], str] = _action, *,
                     title: str = "Nhật ký thao tác") -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Nhật ký"
    sheet.append([title])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append(list(HEADERS))
    for cell in sheet[2]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for entry in entries:
        row = _row(entry, entry_label)
        row[1] = entry.at                      # a real date-time cell, shown dd/mm/yyyy hh:mm:ss
        sheet.append(row)
        sheet.cell(row=sheet.max_row, column=2).number_format = "dd/mm/yyyy hh:mm:ss"
    for index, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A3"
    temporary = out.with_name(out.name + ".partial")
    try:
        workbook.save(temporary)
        temporary.replace(out)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return out
