"""`antt audit [list] [--user U] [--from D] [--to D] [--record ID] [--json]` and
`antt audit export FILE` (issue #8). The log is only read here; `antt check` verifies its chain.

JSON: a list, newest first, of {"sequence", "at", "actor", "action", "action_label", "entity",
"entity_id", "unit_code", "before", "after", "changes": [{"field", "before", "after"}]}.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from antt_desktop.domain.audit_trail import AuditFilter

EXIT_OK = 0


def register(commands, common) -> None:
    filters = argparse.ArgumentParser(add_help=False)
    filters.add_argument("--user", metavar="TÊN", default=argparse.SUPPRESS, help="chỉ thao tác của người này")
    filters.add_argument("--from", dest="from_on", metavar="NGÀY", default=argparse.SUPPRESS,
                         help="từ ngày (dd/mm/yyyy)")
    filters.add_argument("--to", dest="to_on", metavar="NGÀY", default=argparse.SUPPRESS,
                         help="đến hết ngày (dd/mm/yyyy)")
    filters.add_argument("--record", metavar="MÃ", default=argparse.SUPPRESS,
                         help="chỉ một bản ghi (mã, hoặc một phần của mã)")
    filters.add_argument("--action", metavar="THAO_TÁC", default=argparse.SUPPRESS,
                         help="chỉ một loại thao tác, ví dụ «member.» hoặc «user.logged_in»")
    filters.add_argument("--limit", type=int, metavar="N", default=argparse.SUPPRESS,
                         help="tối đa N bản ghi mới nhất (mặc định 5000 khi liệt kê)")

    audit = commands.add_parser("audit", parents=[common, filters], help="nhật ký thao tác (chỉ đọc)",
                                description="Xem và xuất nhật ký thao tác: ai, khi nào, sửa gì (trước/sau).")
    sub = audit.add_subparsers(dest="audit_command", metavar="LỆNH")
    sub.add_parser("list", parents=[common, filters], help="liệt kê nhật ký (mặc định)")
    export = sub.add_parser("export", parents=[common, filters], help="xuất nhật ký ra tệp .xlsx hoặc .csv")
    export.add_argument("file", metavar="TỆP")
    audit.set_defaults(handler=_audit)


def audit_filter(args, *, default_limit: int | None) -> AuditFilter:
    from antt_desktop.domain.dates import parse_vn_date

    from_text, to_text = getattr(args, "from_on", None), getattr(args, "to_on", None)
    return AuditFilter(
        actor=getattr(args, "user", "") or "",
        from_on=parse_vn_date(from_text) if from_text else None,
        to_on=parse_vn_date(to_text) if to_text else None,
        record=getattr(args, "record", "") or "",
        action=getattr(args, "action", "") or "",
        limit=getattr(args, "limit", default_limit),
    )


def entry_json(entry, changes) -> dict:
    from antt_desktop.messages.audit import entry_label

    return {"sequence": entry.sequence, "at": entry.at.isoformat(), "actor": entry.actor,
            "action": entry.action, "action_label": entry_label(entry), "entity": entry.entity,
            "entity_id": entry.entity_id, "unit_code": entry.unit_code, "before": entry.before,
            "after": entry.after,
            "changes": [{"field": c.field, "before": c.before, "after": c.after} for c in changes]}


def _audit(services, args, as_json: bool) -> int:
    from antt_desktop.messages.audit import entity_label, entry_label, field_label, value_label

    if getattr(args, "audit_command", None) == "export":
        result = services.audit.export(Path(args.file), audit_filter(args, default_limit=None))
        if as_json:
            print(json.dumps({"path": str(result.path), "count": result.count}, ensure_ascii=False))
        else:
            print(f"Đã xuất {result.count} bản ghi nhật ký ra «{result.path}».")
        return EXIT_OK
    entries = services.audit.entries(audit_filter(args, default_limit=5000))
    if as_json:
        print(json.dumps([entry_json(e, services.audit.changes(e)) for e in entries],
                         ensure_ascii=False, indent=2))
        return EXIT_OK
    for entry in entries:
        # The short id (8 characters) is enough to tell records apart in a listing; --json has it whole.
        target = f" [{entity_label(entry.entity)} {entry.entity_id[:8]}]" if entry.entity_id else ""
        print(f"{entry.sequence:>6}  {entry.at:%d/%m/%Y %H:%M:%S}  {entry.actor:<16} "
              f"{entry_label(entry)}{target}")
        for change in services.audit.changes(entry)[:12]:
            print(f"          {field_label(change.field) or 'giá trị'}: {_short(change.before)} → "
                  f"{_short(value_label(change.field, change.after))}")
    print(f"Tổng cộng: {len(entries)} bản ghi.")
    return EXIT_OK


def _short(value) -> str:
    if value is None or value == "":
        return "(trống)"
    if isinstance(value, bool):
        return "có" if value else "không"
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "…"
