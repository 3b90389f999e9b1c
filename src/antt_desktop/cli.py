"""`antt`: the same services as the desktop app, headless (DESIGN §8)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from antt_desktop import __version__
from antt_desktop.domain.errors import DomainError
from antt_desktop.domain.people import UnitMode
from antt_desktop.domain.units import UnitSetup
from antt_desktop.messages import describe
from antt_desktop.paths import default_database_path

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2

_ARGPARSE_VI = {
    "usage: ": "cách dùng: ",
    "the following arguments are required: %s": "thiếu tham số bắt buộc: %s",
    "unrecognized arguments: %s": "tham số không hợp lệ: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "lựa chọn không hợp lệ: %(value)r (chọn một trong: %(choices)s)",
    "expected one argument": "cần một giá trị",
    "invalid %(type)s value: %(value)r": "giá trị không hợp lệ: %(value)r",
    "show this help message and exit": "hiện hướng dẫn này rồi thoát",
    "positional arguments": "tham số vị trí",
    "options": "tùy chọn",
    "%(prog)s: error: %(message)s\n": "%(prog)s: lỗi: %(message)s\n",
    "show program's version number and exit": "hiện phiên bản rồi thoát",
    "argument %(argument_name)s: %(message)s": "tham số %(argument_name)s: %(message)s",
}


def _translate(message: str) -> str:
    return _ARGPARSE_VI.get(message, message)


argparse._ = _translate  # argparse looks its messages up through this name at run time


class CommandFailed(Exception):
    """A Vietnamese message for the user; nothing was written."""


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"«{text}» không phải là số nguyên") from None
    if value <= 0:
        raise argparse.ArgumentTypeError(f"«{text}» phải lớn hơn 0")
    return value


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", metavar="ĐƯỜNG_DẪN", default=argparse.SUPPRESS,
                        help="tệp cơ sở dữ liệu SQLite, hoặc URL postgresql+psycopg://… "
                             "(mặc định: thư mục dữ liệu của người dùng)")
    common.add_argument("--json", action="store_true", default=argparse.SUPPRESS,
                        help="in kết quả dạng JSON cho máy đọc")
    common.add_argument("--login", metavar="TÊN", default=argparse.SUPPRESS,  # issue #8
                        help="tài khoản đăng nhập khi cơ sở dữ liệu đã có tài khoản "
                             "(mật khẩu: biến môi trường ANTT_PASSWORD, hoặc được hỏi)")

    parser = argparse.ArgumentParser(
        prog="antt", parents=[common],
        description="ANTT Desktop — quản lý lực lượng tham gia bảo vệ an ninh, trật tự ở cơ sở.")
    parser.add_argument("--version", action="version", version=f"ANTT Desktop {__version__}",
                        help="hiện phiên bản rồi thoát")
    commands = parser.add_subparsers(dest="command", metavar="LỆNH", title="các lệnh")

    init = commands.add_parser("init", parents=[common], help="khai báo đơn vị của người dùng")
    init.add_argument("--unit-code", required=True, metavar="MÃ", help="mã đơn vị (chữ, số, - hoặc _)")
    init.add_argument("--unit-name", required=True, metavar="TÊN", help="tên đơn vị, ví dụ «Xã Tân Phú»")
    init.add_argument("--province", required=True, metavar="TỈNH", help="tên tỉnh («Gia Lai») hoặc mã tỉnh («064»)")
    init.add_argument("--mode", choices=[m.value for m in UnitMode], default=UnitMode.COMMUNE.value,
                      help="commune: Công an cấp xã; aggregator: đơn vị cấp trên tổng hợp")
    init.add_argument("--higher-unit", default="", metavar="TÊN", help="tên đơn vị cấp trên")
    init.add_argument("--chairman", default="", metavar="HỌ_TÊN", help="Chủ tịch UBND cấp xã")
    init.add_argument("--police-chief", default="", metavar="HỌ_TÊN", help="Trưởng Công an cấp xã")

    demo = commands.add_parser("demo", parents=[common], help="tạo dữ liệu mẫu")
    demo.add_argument("--seed", type=int, default=2024, help="hạt giống ngẫu nhiên (cùng hạt giống, cùng dữ liệu)")
    demo.add_argument("--photos", action="store_true", help="kèm ảnh thẻ mẫu")
    demo.add_argument("--communes", type=_positive_int, metavar="N",
                      help="tạo dữ liệu tổng hợp của N xã (chế độ cấp trên)")
    demo.add_argument("--members", type=_positive_int, metavar="M",
                      help="tổng số thành viên của dữ liệu tổng hợp (chia đều cho các xã)")

    members = commands.add_parser("members", parents=[common], help="thành viên")
    member_commands = members.add_subparsers(dest="members_command", metavar="LỆNH")
    listing = member_commands.add_parser("list", parents=[common], help="danh sách thành viên")
    listing.add_argument("--search", default="", metavar="CHUỖI",
                         help="tìm theo họ tên, số định danh hoặc số điện thoại (không phân biệt dấu)")
    listing.add_argument("--unit", default=None, metavar="MÃ", help="chỉ một đơn vị (chế độ cấp trên)")

    check = commands.add_parser("check", parents=[common], help="kiểm tra tính toàn vẹn và hợp lệ của dữ liệu")
    check.add_argument("--strict", action="store_true", help="coi cảnh báo như lỗi")

    hamlets = commands.add_parser("hamlets", parents=[common], help="thôn, tổ dân phố")
    hamlets.add_subparsers(dest="hamlets_command", metavar="LỆNH").add_parser(
        "list", parents=[common], help="danh sách thôn, tổ dân phố")
    teams = commands.add_parser("teams", parents=[common], help="tổ bảo vệ ANTT")
    teams.add_subparsers(dest="teams_command", metavar="LỆNH").add_parser(
        "list", parents=[common], help="danh sách tổ, định mức và cảnh báo")
    _register_area_commands(commands, common)
    return parser


def _register_area_commands(commands, common) -> None:
    import importlib
    import pkgutil

    from antt_desktop import commands as package

    for module in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        importlib.import_module(f"{package.__name__}.{module.name}").register(commands, common)


def main(argv: Sequence[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")  # Vietnamese on a Windows console
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return EXIT_USAGE
    database = getattr(args, "db", None) or str(default_database_path())
    as_json = getattr(args, "json", False)
    try:
        return _run(args, database, as_json)
    except CommandFailed as failure:
        print(f"Lỗi: {failure}", file=sys.stderr)
        return EXIT_FAILED
    except DomainError as error:
        print(f"Lỗi: {describe(error)}", file=sys.stderr)
        return EXIT_FAILED
    except BrokenPipeError:  # the reader (e.g. `head`) stopped early; not our failure
        return EXIT_OK
    except OSError as error:          # a pulled stick, a full disk, a read-only folder
        if error.filename is None:
            error.filename = database
        print(f"Lỗi: {describe(error)}", file=sys.stderr)
        return EXIT_FAILED


def _run(args, database: str, as_json: bool) -> int:
    from antt_desktop.wiring import database_exists, open_services

    raw_handler = getattr(args, "raw_handler", None)
    if raw_handler is not None:  # issue #8: `antt restore` works on a damaged or missing file
        return raw_handler(database, args, as_json)
    creates = args.command in ("init", "demo") or getattr(args, "creates_database", False)
    if args.command == "demo" and (args.communes is None) != (args.members is None):
        raise CommandFailed("--communes và --members phải đi cùng nhau.")
    if not creates and not database_exists(database):
        raise CommandFailed(f"Chưa có cơ sở dữ liệu tại «{database}». "
                            "Hãy chạy «antt init …» hoặc «antt demo» trước.")
    if creates:
        _refuse_unusable_location(database)
    if args.command == "check":  # the start-up integrity path first (issue #8)
        from antt_desktop.commands.backups import report_damaged_file

        damaged = report_damaged_file(database, as_json)
        if damaged is not None:
            return damaged
    services = open_services(database)
    try:
        from antt_desktop.commands.accounts import log_in

        services = log_in(services, args)  # issue #8: once accounts exist, commands need a log-in
        handler = getattr(args, "handler", None) or {
            "init": _init, "demo": _demo, "members": _members, "check": _check,
            "hamlets": _hamlets, "teams": _teams,
        }[args.command]
        return handler(services, args, as_json)
    finally:
        services.close()


def _refuse_unusable_location(database: str) -> None:
    if "://" in database:
        return
    path = Path(database)
    if path.exists() and path.is_dir():
        raise CommandFailed(f"«{database}» là một thư mục, không phải tệp cơ sở dữ liệu.")
    if path.exists() and path.stat().st_size > 0:
        with open(path, "rb") as handle:
            if handle.read(16) != b"SQLite format 3\x00":
                raise CommandFailed(f"«{database}» không phải tệp cơ sở dữ liệu của ANTT Desktop.")


def _print_json(value) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=2))


def _init(services, args, as_json: bool) -> int:
    unit = services.units.set_up(UnitSetup(
        code=args.unit_code, name=args.unit_name, province=args.province, mode=UnitMode(args.mode),
        higher_unit_name=args.higher_unit, chairman_name=args.chairman,
        police_chief_name=args.police_chief,
    ))
    services.policies.seed_shipped()
    if as_json:
        _print_json({"code": unit.code, "name": unit.name, "province_code": unit.province_code,
                     "province": unit.province_name, "mode": unit.mode.value, "database": services.target})
    else:
        print(f"Đã khai báo đơn vị {unit.name} (mã {unit.code}), tỉnh {unit.province_name}.")
        print(f"Cơ sở dữ liệu: {services.target}")
    return EXIT_OK


def _demo(services, args, as_json: bool) -> int:
    if args.communes:
        summary = services.demo.build_aggregate(communes=args.communes, members=args.members, seed=args.seed)
    else:
        summary = services.demo.fill_commune(seed=args.seed, with_photos=args.photos)
    services.policies.seed_shipped()
    if as_json:
        _print_json({"units": summary.units, "hamlets": summary.hamlets, "teams": summary.teams,
                     "members": summary.members, "database": services.target})
    else:
        units = f"{summary.units} đơn vị, " if summary.units else ""   # 0: put under the declared commune
        print(f"Đã tạo dữ liệu mẫu: {units}{summary.hamlets} thôn/tổ dân phố, "
              f"{summary.teams} tổ, {summary.members} thành viên.")
        print(f"Cơ sở dữ liệu: {services.target}")
    return EXIT_OK


def member_json(row) -> dict:
    """The contract of `antt members list --json` (issue #2): keep these keys."""
    return {
        "id": row.id, "unit_code": row.unit_code, "full_name": row.full_name,
        "birth_date": row.birth_iso, "gender": row.gender.value, "id_number": row.id_number,
        "hamlet": row.hamlet_name or None, "team": row.team_name or None,
        "position": row.position.value if row.position else None, "status": row.status.value,
        "phone": row.phone,
    }


def _members(services, args, as_json: bool) -> int:
    if args.members_command != "list":
        raise CommandFailed("Thiếu lệnh con: dùng «antt members list».")
    if args.search.strip():
        rows = services.members.search(args.search, unit_code=args.unit)
    else:
        rows = services.members.list_rows(unit_code=args.unit)
    if as_json:
        _print_json([member_json(row) for row in rows])
        return EXIT_OK
    from antt_desktop.domain.dates import format_vn_date
    from antt_desktop.domain.people import POSITION_LABELS, STATUS_LABELS

    for number, row in enumerate(rows, start=1):
        birth = format_vn_date(row.birth_date) if row.birth_date else (str(row.birth_year or ""))
        position = POSITION_LABELS.get(row.position, "") if row.position else ""
        print(f"{number:>5}. {row.full_name:<28} {birth:<10} {row.id_number or '':<12} "
              f"{row.hamlet_name:<18} {position:<9} {STATUS_LABELS[row.status]}")
    print(f"Tổng cộng: {len(rows)} thành viên.")
    return EXIT_OK


def _check(services, args, as_json: bool) -> int:
    report = services.checks.run()
    failed = bool(report.errors) or (args.strict and bool(report.warnings))
    if as_json:
        _print_json({
            "clean": report.is_clean, "counts": report.counts,
            "errors": [{"code": f.code, "message": f.message, "record_id": f.record_id} for f in report.errors],
            "warnings": [{"code": f.code, "message": f.message, "record_id": f.record_id} for f in report.warnings],
        })
    else:
        counts = report.counts
        print(f"Đã kiểm tra {counts.get('members', 0)} thành viên, {counts.get('teams', 0)} tổ, "
              f"{counts.get('hamlets', 0)} thôn/tổ dân phố, {counts.get('audit_events', 0)} bản ghi nhật ký.")
        for finding in report.errors:
            print(f"  LỖI: {finding.message}")
        for finding in report.warnings:
            print(f"  Cảnh báo: {finding.message}")
        if report.is_clean:
            print("Dữ liệu toàn vẹn, không có lỗi." + (f" {len(report.warnings)} cảnh báo." if report.warnings else ""))
        else:
            print(f"Có {len(report.errors)} lỗi cần xử lý.")
    return EXIT_FAILED if failed else EXIT_OK


def _hamlets(services, args, as_json: bool) -> int:
    hamlets = services.hamlets.list()
    if as_json:
        _print_json([{"id": h.id, "unit_code": h.unit_code, "name": h.name, "kind": h.kind.value,
                      "households": h.households, "residents": h.residents} for h in hamlets])
        return EXIT_OK
    for hamlet in hamlets:
        print(f"{hamlet.name:<24} {hamlet.households or '':>6} hộ  {hamlet.residents or '':>6} nhân khẩu")
    return EXIT_OK


def _teams(services, args, as_json: bool) -> int:
    overviews = services.policies.team_overviews()
    if as_json:
        _print_json([overview.to_json() for overview in overviews])
        return EXIT_OK
    for overview in overviews:
        print(overview.summary_line())
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
