"""`antt keys …`, `antt package …`, `antt reference …`, `antt aggregate …` (issue #6).

Contract kept from the issue: `antt keys export-public --out F`, `antt keys trust F`,
`antt package export --to DIR [--json]` (JSON: path, sequence, members, …),
`antt package import FILE [--dry-run] [--json]` (JSON: unit_code, sequence, applied, new,
changed, gone, …), `antt package receipt FILE`, `antt reference export|import`.
A refused package (damaged, tampered, untrusted, replayed…) prints why and exits 1; with
`--json` the import still prints its object, with `"applied": false` and `"error"`.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from antt_desktop.domain.aggregate import BOARD_STATUS_LABELS
from antt_desktop.domain.dates import format_vn_date
from antt_desktop.domain.errors import DomainError
from antt_desktop.messages import describe

EXIT_OK, EXIT_FAILED = 0, 1


def register(commands, common) -> None:
    keys = commands.add_parser("keys", parents=[common], help="khóa ký, khóa mã hóa và đơn vị tin cậy")
    key_commands = keys.add_subparsers(dest="keys_command", metavar="LỆNH")
    init = key_commands.add_parser("init", parents=[common], help="tạo cặp khóa của đơn vị (nếu chưa có)")
    init.add_argument("--new", action="store_true",
                      help="tạo cặp khóa mới thay khóa cũ (khi mất hoặc lộ khóa); phải gửi lại khóa công khai")
    init.set_defaults(handler=_keys_init)
    key_commands.add_parser("show", parents=[common], help="dấu vân tay của đơn vị và các đơn vị tin cậy"
                            ).set_defaults(handler=_keys_show)
    export_public = key_commands.add_parser("export-public", parents=[common],
                                            help="ghi tệp khóa công khai để gửi cho đơn vị khác")
    export_public.add_argument("--out", required=True, metavar="TỆP", help="tệp .antt-key (hoặc thư mục)")
    export_public.set_defaults(handler=_keys_export_public)
    trust = key_commands.add_parser("trust", parents=[common],
                                    help="tin cậy khóa công khai của đơn vị khác (sau khi so dấu vân tay)")
    trust.add_argument("file", metavar="TỆP", help="tệp khóa công khai .antt-key của đơn vị kia")
    trust.add_argument("--fingerprint", metavar="DẤU_VÂN_TAY",
                       help="dấu vân tay đọc qua điện thoại; phải khớp thì mới tin cậy")
    trust.add_argument("--replace", action="store_true",
                       help="thay khóa cũ của đơn vị đó (khi đơn vị đó đã tạo khóa mới)")
    trust.set_defaults(handler=_keys_trust)
    untrust = key_commands.add_parser("untrust", parents=[common], help="thôi tin cậy khóa của một đơn vị")
    untrust.add_argument("unit_code", metavar="MÃ_ĐƠN_VỊ")
    untrust.set_defaults(handler=_keys_untrust)

    package = commands.add_parser("package", parents=[common], help="gói dữ liệu USB (.antt)")
    package_commands = package.add_subparsers(dest="package_command", metavar="LỆNH")
    export = package_commands.add_parser("export", parents=[common],
                                         help="xuất toàn bộ dữ liệu của xã thành gói gửi cấp trên")
    export.add_argument("--to", required=True, metavar="THƯ_MỤC", help="thư mục hoặc USB để ghi gói")
    export.add_argument("--recipient", metavar="MÃ_ĐƠN_VỊ", help="đơn vị nhận (khi tin cậy nhiều đơn vị cấp trên)")
    export.set_defaults(handler=_package_export)
    verify = package_commands.add_parser("verify", parents=[common],
                                         help="kiểm tra chữ ký, mã băm, định dạng và số thứ tự của gói")
    verify.add_argument("file", metavar="TỆP")
    verify.set_defaults(handler=_package_verify)
    do_import = package_commands.add_parser("import", parents=[common],
                                            help="nhập gói của xã (cấp trên): kiểm tra, xem trước, áp dụng")
    do_import.add_argument("file", metavar="TỆP")
    do_import.add_argument("--dry-run", action="store_true", help="chỉ xem trước thay đổi, không ghi gì")
    do_import.add_argument("--receipt-to", metavar="THƯ_MỤC",
                           help="nơi ghi biên nhận cho xã (mặc định: thư mục chứa gói)")
    do_import.set_defaults(handler=_package_import)
    receipt = package_commands.add_parser("receipt", parents=[common],
                                          help="nhập biên nhận của cấp trên (xã): gói số N đã đến")
    receipt.add_argument("file", metavar="TỆP")
    receipt.set_defaults(handler=_package_receipt)
    package_commands.add_parser("history", parents=[common], help="các gói đã xuất và biên nhận (xã)"
                                ).set_defaults(handler=_package_history)

    reference = commands.add_parser("reference", parents=[common],
                                    help="dữ liệu tham chiếu: chính sách, lương cơ sở (cấp trên → xã)")
    reference_commands = reference.add_subparsers(dest="reference_command", metavar="LỆNH")
    ref_export = reference_commands.add_parser("export", parents=[common],
                                               help="xuất gói tham chiếu cho các xã đã tin cậy (cấp trên)")
    ref_export.add_argument("--to", required=True, metavar="THƯ_MỤC")
    ref_export.set_defaults(handler=_reference_export)
    ref_import = reference_commands.add_parser("import", parents=[common], help="nhập gói tham chiếu (xã)")
    ref_import.add_argument("file", metavar="TỆP")
    ref_import.add_argument("--dry-run", action="store_true", help="chỉ xem trước thay đổi, không ghi gì")
    ref_import.set_defaults(handler=_reference_import)

    aggregate = commands.add_parser("aggregate", parents=[common], help="tổng hợp của đơn vị cấp trên")
    aggregate_commands = aggregate.add_subparsers(dest="aggregate_command", metavar="LỆNH")
    aggregate_commands.add_parser("board", parents=[common], help="tình hình gửi gói của các xã tháng này"
                                  ).set_defaults(handler=_aggregate_board)
    aggregate_commands.add_parser("duplicates", parents=[common],
                                  help="số định danh đang tham gia ở hai xã trở lên"
                                  ).set_defaults(handler=_aggregate_duplicates)
    aggregate_commands.add_parser("stats", parents=[common], help="số liệu tổng hợp theo xã"
                                  ).set_defaults(handler=_aggregate_stats)
    report = aggregate_commands.add_parser("report", parents=[common], help="báo cáo tổng hợp Excel")
    report.add_argument("--out", required=True, metavar="TỆP", help="tệp .xlsx")
    report.set_defaults(handler=_aggregate_report)
    for parser in (keys, package, reference, aggregate):
        parser.set_defaults(handler=_missing_subcommand(parser))


def _missing_subcommand(parser):
    def handler(services, args, as_json) -> int:
        parser.print_help(sys.stderr)
        return 2
    return handler


def _print_json(value) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=2, default=str))


def _when(value) -> str | None:
    return value.isoformat(timespec="seconds") if value else None


# ---- keys -------------------------------------------------------------------------------

def _key_json(info) -> dict:
    return {"unit_code": info.unit_code, "unit_name": info.unit_name, "mode": info.mode,
            "fingerprint": info.fingerprint}


def _keys_init(services, args, as_json: bool) -> int:
    info = services.keys.ensure(new=args.new)
    if as_json:
        _print_json({**_key_json(info), "created": info.created, "key_file": str(info.key_file)})
    else:
        verb = "Đã tạo" if info.created else "Đơn vị đã có"
        print(f"{verb} cặp khóa của {info.unit_name} ({info.unit_code}).")
        print(f"Dấu vân tay: {info.fingerprint}")
        print(f"Tệp khóa bí mật (không gửi cho ai): {info.key_file}")
    return EXIT_OK


def _keys_show(services, args, as_json: bool) -> int:
    info = services.keys.own()
    trusted = services.keys.trusted()
    if as_json:
        _print_json({"own": _key_json(info) if info else None,
                     "trusted": [{"unit_code": k.unit_code, "unit_name": k.unit_name, "mode": k.mode,
                                  "fingerprint": k.fingerprint, "trusted_at": _when(k.trusted_at),
                                  "trusted_by": k.trusted_by} for k in trusted]})
        return EXIT_OK
    if info is None:
        print("Đơn vị chưa có cặp khóa (chạy «antt keys init»).")
    else:
        print(f"{info.unit_name} ({info.unit_code}) — dấu vân tay: {info.fingerprint}")
    print(f"Đơn vị tin cậy: {len(trusted)}")
    for key in trusted:
        print(f"  {key.unit_code:<14} {key.unit_name:<32} {key.fingerprint}  (từ {format_vn_date(key.trusted_at.date())})")
    return EXIT_OK


def _keys_export_public(services, args, as_json: bool) -> int:
    info = services.keys.export_public(Path(args.out))
    if as_json:
        _print_json({**_key_json(info), "path": str(info.key_file)})
    else:
        print(f"Đã ghi khóa công khai của {info.unit_name} vào «{info.key_file}».")
        print(f"Dấu vân tay để đọc qua điện thoại: {info.fingerprint}")
    return EXIT_OK


def _keys_trust(services, args, as_json: bool) -> int:
    outcome = services.keys.trust(Path(args.file), expected_fingerprint=args.fingerprint, replace=args.replace)
    card = outcome.card
    if as_json:
        _print_json({"unit_code": card.unit_code, "unit_name": card.unit_name, "mode": card.mode,
                     "fingerprint": card.fingerprint, "already_trusted": outcome.already_trusted,
                     "replaced_fingerprint": outcome.replaced.fingerprint if outcome.replaced else None})
        return EXIT_OK
    if outcome.already_trusted:
        print(f"Khóa của {card.unit_name} ({card.unit_code}) đã được tin cậy từ trước.")
    else:
        print(f"Đã tin cậy khóa của {card.unit_name} ({card.unit_code}).")
        if outcome.replaced:
            print(f"Khóa cũ (dấu vân tay {outcome.replaced.fingerprint}) không còn được tin cậy.")
    print(f"Dấu vân tay: {card.fingerprint}")
    if args.fingerprint is None:
        print("Hãy gọi điện cho đơn vị đó và so dấu vân tay trên; nếu khác, chạy «antt keys untrust "
              f"{card.unit_code}».")
    return EXIT_OK


def _keys_untrust(services, args, as_json: bool) -> int:
    count = services.keys.distrust(args.unit_code)
    if as_json:
        _print_json({"unit_code": args.unit_code, "removed": count})
    elif count:
        print(f"Đã thôi tin cậy khóa của {args.unit_code}.")
    else:
        print(f"Không có khóa nào của {args.unit_code} đang được tin cậy.")
    return EXIT_OK


# ---- packages ---------------------------------------------------------------------------

def _export_json(result) -> dict:
    return {"path": str(result.path), "sequence": result.sequence, "members": result.members,
            "photos": result.photos, "unit_code": result.unit_code, "recipients": list(result.recipients),
            "sha256": result.sha256, "bytes": result.size_bytes, "created_at": _when(result.created_at),
            "counts": result.counts}


def _package_export(services, args, as_json: bool) -> int:
    folder = Path(args.to)
    if not folder.is_dir():
        print(f"Lỗi: «{folder}» không phải thư mục (hoặc USB chưa cắm).", file=sys.stderr)
        return EXIT_FAILED
    result = services.packages.export(folder, recipient_code=args.recipient)
    if as_json:
        _print_json(_export_json(result))
    else:
        print(f"Đã ghi gói số {result.sequence} của {result.unit_code} ({result.members} thành viên, "
              f"{result.photos} ảnh) vào «{result.path}», đã đọc lại và kiểm tra.")
        print("Có thể rút USB.")
    return EXIT_OK


def _package_verify(services, args, as_json: bool) -> int:
    report = services.packages.verify(Path(args.file))
    if as_json:
        _print_json({"valid": True, "kind": report.kind.value, "unit_code": report.unit_code,
                     "unit_name": report.unit_name, "fingerprint": report.fingerprint,
                     "sequence": report.sequence, "created_at": _when(report.created_at),
                     "sha256": report.sha256, "counts": report.counts,
                     "already_applied": report.replay is not None,
                     "message": describe(report.replay) if report.replay else None})
    else:
        print(f"Gói hợp lệ: chữ ký của {report.unit_name} ({report.unit_code}, dấu vân tay {report.fingerprint}), "
              f"mọi mã SHA-256 khớp.")
        print(f"Gói số {report.sequence}, lập lúc {report.created_at:%d/%m/%Y %H:%M}, "
              f"{report.counts.get('members', 0)} thành viên.")
        if report.replay:
            print(f"Lưu ý: {describe(report.replay)}")
    return EXIT_OK


def _member_names(changes) -> list[dict]:
    return [{"id": c.member_id, "full_name": c.full_name, **({"fields": list(c.fields)} if c.fields else {})}
            for c in changes]


def import_json(report) -> dict:
    """The contract of `antt package import --json` (issue #6): keep these keys."""
    diff = report.diff
    return {
        "file": report.file_name, "unit_code": report.unit_code, "unit_name": report.unit_name,
        "sequence": report.sequence, "created_at": _when(report.created_at), "applied": report.applied,
        "new": diff.new, "changed": diff.changed, "gone": diff.gone,
        "first_package": diff.is_first_package,
        "teams": [{"team": t.team_name or None, "new": _member_names(t.new), "changed": _member_names(t.changed),
                   "gone": _member_names(t.gone)} for t in diff.teams],
        "decisions": {kind: [{"id": d.decision_id, "number": d.number, "title": d.title} for d in items]
                      for kind, items in (("new", diff.decisions_new), ("changed", diff.decisions_changed),
                                          ("gone", diff.decisions_gone))},
        "tables": {name: {"new": c.new, "changed": c.changed, "gone": c.gone} for name, c in diff.tables.items()
                   if c.new or c.changed or c.gone},
        "counts": report.counts, "sha256": report.package_sha256,
        "skipped_tables": list(report.skipped_tables),
        "backup": str(report.backup_path) if report.backup_path else None,
        "receipt": str(report.receipt_path) if report.receipt_path else None,
        "receipt_error": report.receipt_error,
    }


def _refusal_json(path: Path, error: DomainError) -> dict:
    return {"file": path.name, "unit_code": getattr(error, "unit_code", None),
            "sequence": getattr(error, "sequence", None), "applied": False, "new": 0, "changed": 0,
            "gone": 0, "error": type(error).__name__, "message": describe(error)}


def _package_import(services, args, as_json: bool) -> int:
    path = Path(args.file)
    try:
        report = services.packages.import_package(
            path, dry_run=args.dry_run, receipt_folder=Path(args.receipt_to) if args.receipt_to else None)
    except DomainError as error:
        if not as_json:
            raise
        _print_json(_refusal_json(path, error))
        print(f"Lỗi: {describe(error)}", file=sys.stderr)
        return EXIT_FAILED
    if as_json:
        _print_json(import_json(report))
        return EXIT_OK
    diff = report.diff
    head = "Xem trước (chưa ghi gì)" if not report.applied else "Đã nhập"
    print(f"{head}: gói số {report.sequence} của {report.unit_name} ({report.unit_code}), "
          f"lập lúc {report.created_at:%d/%m/%Y %H:%M}.")
    print(f"Thành viên: {diff.new} mới, {diff.changed} thay đổi, {diff.gone} không còn trong gói.")
    for team in diff.teams:
        print(f"  {team.team_name or 'Chưa thuộc tổ'}: {len(team.new)} mới, {len(team.changed)} thay đổi, "
              f"{len(team.gone)} không còn")
    print(f"Quyết định: {len(diff.decisions_new)} mới, {len(diff.decisions_changed)} thay đổi, "
          f"{len(diff.decisions_gone)} không còn.")
    if report.skipped_tables:
        print(f"Bỏ qua bảng phiên bản này chưa có: {', '.join(report.skipped_tables)}")
    if report.applied:
        if report.backup_path:
            print(f"Bản sao lưu trước khi nhập: {report.backup_path}")
        if report.receipt_path:
            print(f"Biên nhận cho xã: {report.receipt_path}")
        elif report.receipt_error:
            print(f"Chưa ghi được biên nhận: {report.receipt_error}", file=sys.stderr)
    return EXIT_OK


def _package_receipt(services, args, as_json: bool) -> int:
    report = services.packages.import_receipt(Path(args.file))
    if as_json:
        _print_json({"unit_code": report.unit_code, "sequence": report.sequence,
                     "acknowledged_by": report.acknowledged_by, "applied_at": _when(report.applied_at),
                     "recorded": report.recorded, "new": report.members_new, "changed": report.members_changed,
                     "gone": report.members_gone})
    elif report.recorded:
        print(f"Đã ghi nhận: {report.acknowledged_by} đã nhận và nhập gói số {report.sequence} "
              f"lúc {report.applied_at:%d/%m/%Y %H:%M}.")
    else:
        print(f"Biên nhận gói số {report.sequence} đã được ghi nhận trước đây; không thay đổi gì.")
    return EXIT_OK


def _package_history(services, args, as_json: bool) -> int:
    rows = services.packages.history()
    if as_json:
        _print_json([{"sequence": r.sequence, "created_at": _when(r.created_at), "members": r.members,
                      "sha256": r.sha256, "acknowledged_at": _when(r.acknowledged_at)} for r in rows])
        return EXIT_OK
    for r in rows:
        ack = f"cấp trên đã nhận {r.acknowledged_at:%d/%m/%Y}" if r.acknowledged_at else "chưa có biên nhận"
        made = f"{r.created_at:%d/%m/%Y %H:%M}" if r.created_at else ""
        print(f"Gói số {r.sequence:<5} {made:<17} {r.members:>5} thành viên   {ack}")
    if not rows:
        print("Chưa xuất gói nào.")
    return EXIT_OK


# ---- reference data ---------------------------------------------------------------------

def _reference_export(services, args, as_json: bool) -> int:
    folder = Path(args.to)
    if not folder.is_dir():
        print(f"Lỗi: «{folder}» không phải thư mục (hoặc USB chưa cắm).", file=sys.stderr)
        return EXIT_FAILED
    result = services.packages.export_reference(folder)
    if as_json:
        _print_json(_export_json(result))
    else:
        print(f"Đã ghi gói tham chiếu số {result.sequence} cho {len(result.recipients)} đơn vị vào "
              f"«{result.path}», đã đọc lại và kiểm tra. Có thể rút USB.")
    return EXIT_OK


def _reference_import(services, args, as_json: bool) -> int:
    report = services.packages.import_reference(Path(args.file), dry_run=args.dry_run)
    if as_json:
        _print_json({"file": report.file_name, "unit_code": report.source_unit_code, "sequence": report.sequence,
                     "created_at": _when(report.created_at), "applied": report.applied,
                     "policies_new": list(report.policies_new), "policies_changed": list(report.policies_changed),
                     "base_salaries_new": list(report.salaries_new),
                     "base_salaries_changed": list(report.salaries_changed),
                     "backup": str(report.backup_path) if report.backup_path else None})
        return EXIT_OK
    head = "Đã nhập" if report.applied else "Xem trước (chưa ghi gì)"
    print(f"{head}: gói tham chiếu số {report.sequence} của {report.source_unit_name} ({report.source_unit_code}).")
    for label, items in (("Chính sách mới", report.policies_new), ("Chính sách cập nhật", report.policies_changed),
                         ("Lương cơ sở mới", report.salaries_new), ("Lương cơ sở cập nhật", report.salaries_changed)):
        print(f"{label}: {len(items)}")
        for item in items:
            print(f"  - {item}")
    return EXIT_OK


# ---- aggregator ---------------------------------------------------------------------------

def _aggregate_board(services, args, as_json: bool) -> int:
    rows = services.aggregate.board()
    if as_json:
        _print_json([{"unit_code": r.unit_code, "unit_name": r.unit_name, "status": r.status.value,
                      "last_sequence": r.last_sequence, "last_created_at": _when(r.last_created_at),
                      "last_received_at": _when(r.last_received_at), "packages": r.packages,
                      "active_members": r.active_members, "has_key": r.has_key} for r in rows])
        return EXIT_OK
    for r in rows:
        last = f"gói số {r.last_sequence}, nhận {r.last_received_at:%d/%m/%Y}" if r.last_sequence else "chưa có gói"
        print(f"{r.unit_code:<14} {r.unit_name:<30} {BOARD_STATUS_LABELS[r.status]:<20} {last}")
    late = sum(1 for r in rows if r.needs_attention)
    print(f"{len(rows)} đơn vị, {late} đơn vị chậm hoặc chưa gửi tháng này.")
    return EXIT_OK


def _aggregate_duplicates(services, args, as_json: bool) -> int:
    groups = services.aggregate.shared_id_numbers()
    if as_json:
        _print_json([{"id_number": g.id_number,
                      "members": [{"id": e.member_id, "unit_code": e.unit_code, "unit_name": e.unit_name,
                                   "full_name": e.full_name} for e in g.entries]} for g in groups])
        return EXIT_OK
    for group in groups:
        where = "; ".join(f"{e.full_name} ({e.unit_name})" for e in group.entries)
        print(f"{group.id_number}: {where}")
    print(f"{len(groups)} số định danh đang tham gia ở hai đơn vị trở lên.")
    return EXIT_OK


def _aggregate_stats(services, args, as_json: bool) -> int:
    from antt_desktop.domain.aggregate import STATISTIC_FIELDS

    stats = services.aggregate.statistics()
    as_dict = lambda c: {"unit_code": c.unit_code or None, "unit_name": c.unit_name,  # noqa: E731
                         **{name: getattr(c, name) for name in STATISTIC_FIELDS}, "prior_forces": c.prior_forces}
    if as_json:
        _print_json({"on": stats.on.isoformat(), "communes": [as_dict(c) for c in stats.communes],
                     "total": as_dict(stats.total)})
        return EXIT_OK
    for c in (*stats.communes, stats.total):
        print(f"{c.unit_name:<30} {c.teams:>4} tổ  {c.active:>6} thành viên  "
              f"({c.leaders} tổ trưởng, {c.deputies} tổ phó, {c.team_members} tổ viên)")
    return EXIT_OK


def _aggregate_report(services, args, as_json: bool) -> int:
    path = services.aggregate.write_report(Path(args.out))
    if as_json:
        _print_json({"path": str(path)})
    else:
        print(f"Đã ghi báo cáo tổng hợp vào «{path}».")
    return EXIT_OK
