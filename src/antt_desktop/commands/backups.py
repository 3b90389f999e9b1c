"""`antt backup [--to DIR] [--list]` and `antt restore FILE [--yes]` (issue #8).

`antt restore` also brings back a damaged or missing database: the damaged file is renamed
«antt.sqlite.hong-<time>» (kept, never deleted) and the backup is put in its place. On a
sound database it first copies the current state into backups/ («truoc-phuc-hoi»), so a
restore can itself be undone. `antt check` names the newest sound backup when the file is
damaged.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from antt_desktop.domain.dates import format_vn_date

EXIT_OK, EXIT_FAILED = 0, 1


def register(commands, common) -> None:
    backup = commands.add_parser("backup", parents=[common], help="sao lưu dữ liệu ngay",
                                 description="Sao lưu toàn bộ dữ liệu (an toàn cả khi chương trình đang mở).")
    backup.add_argument("--to", metavar="THƯ_MỤC", default=None,
                        help="thư mục đích, ví dụ USB (mặc định: thư mục backups cạnh tệp dữ liệu)")
    backup.add_argument("--list", action="store_true", help="liệt kê các bản sao lưu tự động")
    backup.set_defaults(handler=_backup)

    restore = commands.add_parser("restore", parents=[common], help="phục hồi dữ liệu từ một bản sao lưu",
                                  description="Thay toàn bộ dữ liệu bằng bản sao lưu; dữ liệu hiện tại được "
                                              "sao lưu trước. Dùng được cả khi tệp dữ liệu bị hỏng.")
    restore.add_argument("file", metavar="TỆP", help="tệp sao lưu .sqlite")
    restore.add_argument("--yes", action="store_true", help="không hỏi lại")
    restore.set_defaults(raw_handler=_restore)


def _when(moment) -> str:
    return f"{format_vn_date(moment.date())} {moment:%H:%M}" if moment else "không rõ"


def preview_lines(preview) -> list[str]:
    from antt_desktop.domain.backup_retention import reason_label

    counts = preview.counts
    lines = [f"Bản sao lưu: {preview.path}",
             f"  Thời điểm: {_when(preview.taken_at)}"
             + (f" ({reason_label(preview.reason)})" if preview.reason else ""),
             f"  Đơn vị: {preview.unit_name or 'chưa khai báo'}",
             f"  Gồm: {counts.get('members', 0)} thành viên, {counts.get('teams', 0)} tổ, "
             f"{counts.get('hamlets', 0)} thôn/tổ dân phố, {counts.get('decisions', 0)} quyết định, "
             f"{counts.get('users', 0)} tài khoản, {counts.get('audit_events', 0)} bản ghi nhật ký.",
             f"  Dung lượng: {preview.size_bytes / 1024 / 1024:.1f} MB"]
    if not preview.is_sound:
        lines.append("  TỆP BỊ HỎNG: " + "; ".join(preview.problems[:3]))
    return lines


def _preview_json(preview) -> dict:
    return {"path": preview.path, "taken_at": preview.taken_at.isoformat() if preview.taken_at else None,
            "reason": preview.reason, "unit_name": preview.unit_name, "counts": preview.counts,
            "size_bytes": preview.size_bytes, "sound": preview.is_sound}


def _backup(services, args, as_json: bool) -> int:
    if args.list:
        files = services.backups.list()
        if as_json:
            print(json.dumps([{"path": str(f.path), "taken_at": f.taken_at.isoformat() if f.taken_at else None,
                               "reason": f.reason, "size_bytes": f.size_bytes} for f in files],
                             ensure_ascii=False, indent=2))
            return EXIT_OK
        from antt_desktop.domain.backup_retention import reason_label

        for item in files:
            print(f"{_when(item.taken_at):<17} {reason_label(item.reason):<32} "
                  f"{item.size_bytes / 1024 / 1024:>7.1f} MB  {item.path}")
        print(f"Tổng cộng: {len(files)} bản sao lưu.")
        return EXIT_OK
    path = services.backups.back_up_now(Path(args.to) if args.to else None)
    if as_json:
        print(json.dumps({"path": str(path)}, ensure_ascii=False))
    else:
        print(f"Đã sao lưu vào «{path}».")
    return EXIT_OK


def _confirm(args, question: str) -> bool:
    if args.yes:
        return True
    if not sys.stdin.isatty():
        return False
    answer = input(f"{question} [c/K] ").strip().lower()
    return answer in ("c", "có", "co", "y", "yes")


def _restore(database: str, args, as_json: bool) -> int:
    """Runs before the services open: the database may be damaged or missing."""
    from antt_desktop.domain.storage import DatabaseInUse, RestoreNeedsConfirmation
    from antt_desktop.services.backups import (
        database_in_use,
        install_backup,
        preview_file,
        recover_from_backup,
        startup_health,
    )
    from antt_desktop.wiring import open_services

    if "://" in database:
        print("Lỗi: cơ sở dữ liệu trên máy chủ được phục hồi bằng công cụ của máy chủ.", file=sys.stderr)
        return EXIT_FAILED
    live = Path(database)
    backup = Path(args.file)
    if database_in_use(live):
        raise DatabaseInUse(str(live))
    health = startup_health(live)
    damaged_or_missing = not health.is_sound or not live.exists() or live.stat().st_size == 0
    if damaged_or_missing:
        preview = preview_file(backup, live)
        if not as_json:
            for line in preview_lines(preview):
                print(line)
        if not _confirm(args, "Khôi phục tệp dữ liệu từ bản sao lưu này?"):
            raise RestoreNeedsConfirmation(str(backup))
        if live.exists() and live.stat().st_size > 0:
            result = recover_from_backup(live, backup)
        else:
            live.unlink(missing_ok=True)
            install_backup(live, backup)
            result = None
        services = open_services(live)
        try:
            if result is not None:
                services.backups.note_recovery(result)
        finally:
            services.close()
        if as_json:
            print(json.dumps({"restored": _preview_json(preview),
                              "set_aside": str(result.set_aside) if result else None},
                             ensure_ascii=False, indent=2))
        else:
            if result is not None:
                print(f"Tệp hỏng được giữ lại tại «{result.set_aside}».")
            print("Đã khôi phục dữ liệu từ bản sao lưu.")
        return EXIT_OK

    from antt_desktop.commands.accounts import log_in

    services = open_services(live)
    try:
        services = log_in(services, args)
        preview = services.backups.preview(backup)
        if not as_json:
            for line in preview_lines(preview):
                print(line)
        if not _confirm(args, "Thay toàn bộ dữ liệu hiện tại bằng bản sao lưu này?"):
            raise RestoreNeedsConfirmation(str(backup))
        result = services.backups.restore(backup)
    finally:
        services.close()
    if as_json:
        print(json.dumps({"restored": _preview_json(result.restored),
                          "safety_backup": str(result.safety_backup) if result.safety_backup else None},
                         ensure_ascii=False, indent=2))
    else:
        if result.safety_backup:
            print(f"Dữ liệu trước khi phục hồi đã được sao lưu tại «{result.safety_backup}».")
        print("Đã phục hồi dữ liệu.")
    return EXIT_OK


def report_damaged_file(database: str, as_json: bool = False) -> int | None:
    """`antt check`'s start-up path: a damaged file is reported with the backup that would
    bring it back, before anything tries to open it; None when the file is sound."""
    from antt_desktop.messages import describe
    from antt_desktop.domain.storage import DatabaseDamaged
    from antt_desktop.services.backups import startup_health

    if "://" in database:
        return None
    health = startup_health(Path(database), thorough=True)
    if health.is_sound:
        return None
    if as_json:
        good = health.good_backup
        print(json.dumps({"clean": False, "damaged": True, "problems": list(health.problems),
                          "good_backup": _preview_json(good) if good else None}, ensure_ascii=False, indent=2))
    print(f"Lỗi: {describe(DatabaseDamaged(database, health.problems))}", file=sys.stderr)
    if health.good_backup is not None:
        good = health.good_backup
        print(f"Bản sao lưu tốt gần nhất: {good.path} ({_when(good.taken_at)}, "
              f"{good.counts.get('members', 0)} thành viên).", file=sys.stderr)
        print(f"Khôi phục bằng lệnh: antt restore \"{good.path}\" --yes", file=sys.stderr)
    else:
        print("Không tìm thấy bản sao lưu còn tốt trong thư mục backups.", file=sys.stderr)
    return EXIT_FAILED
