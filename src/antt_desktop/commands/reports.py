"""`antt report …` (issue #7): statistics, the periodic report, the member list.

    antt report stats    [--on NGÀY] [--xlsx F] [--json]
    antt report periodic [--period 2026-Q3|Q3/2026|2026] [--pdf F] [--xlsx F] [--json]
    antt report members  --xlsx F [--active-only | [--with-proposed] [--with-left]] [--mask-ids]

`report bm1` and `report annual` are issue #11's (commands/service_records.py), hung here.
"""

from __future__ import annotations

import json
import sys

from antt_desktop.domain.dates import format_vn_date
from antt_desktop.domain.errors import DomainError

EXIT_OK, EXIT_FAILED = 0, 1


def register(commands, common) -> None:
    report = commands.add_parser("report", parents=[common], help="thống kê, báo cáo, danh sách")
    subcommands = report.add_subparsers(dest="report_command", metavar="LỆNH")

    stats = subcommands.add_parser("stats", parents=[common], help="thống kê thành viên theo tổ, chức danh, "
                                   "giới tính, độ tuổi, trình độ, dân tộc, lực lượng trước đây, bảo hiểm")
    stats.add_argument("--on", metavar="NGÀY", default=None, help="tính đến ngày (mặc định: hôm nay)")
    stats.add_argument("--xlsx", metavar="TỆP", default=None, help="ghi ra tệp Excel")
    stats.set_defaults(handler=_stats)

    periodic = subcommands.add_parser("periodic", parents=[common], help="báo cáo định kỳ theo quý hoặc năm")
    periodic.add_argument("--period", metavar="KỲ", default=None,
                          help="«2026-Q3» (quý) hoặc «2026» (năm); mặc định: quý vừa qua, tháng 12 thì cả năm")
    periodic.add_argument("--pdf", metavar="TỆP", default=None, help="ghi ra tệp PDF")
    periodic.add_argument("--xlsx", metavar="TỆP", default=None, help="ghi ra tệp Excel")
    periodic.set_defaults(handler=_periodic)

    members = subcommands.add_parser("members", parents=[common], help="danh sách thành viên ra Excel")
    members.add_argument("--xlsx", metavar="TỆP", required=True, help="tệp Excel")
    members.add_argument("--active-only", action="store_true",
                         help="chỉ thành viên đang tham gia (mặc định; bỏ qua --with-proposed, --with-left)")
    members.add_argument("--with-proposed", action="store_true",
                         help="kèm người đề nghị công nhận (chưa là thành viên, đếm riêng)")
    members.add_argument("--with-left", action="store_true", help="kèm người đã thôi tham gia (đếm riêng)")
    members.add_argument("--mask-ids", action="store_true",
                         help="che số CCCD, chỉ ghi 4 số cuối (tệp này không nhập lại được số CCCD)")
    members.set_defaults(handler=_members)

    try:
        from antt_desktop.commands.service_records import add_report_subcommands
    except ImportError:       # issue #11 not in this build
        return
    add_report_subcommands(subcommands, common)


def _fail(message: str) -> int:
    print(f"Lỗi: {message}", file=sys.stderr)
    return EXIT_FAILED


def _print_json(value) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=2))


def _stats(services, args, as_json: bool) -> int:
    from antt_desktop.domain.dates import parse_vn_date
    from antt_desktop.messages import describe

    try:
        on = parse_vn_date(args.on) if args.on else None
    except DomainError as error:
        return _fail(describe(error))
    stats = services.reports.statistics(on)
    if args.xlsx:
        written = services.reports.write_statistics_xlsx(args.xlsx, on)
        if not as_json:
            print(f"Đã ghi {written}")
    if as_json:
        _print_json(statistics_json(stats))
        return EXIT_OK
    print(f"Tính đến ngày {format_vn_date(stats.on)}: {stats.total} thành viên đang tham gia "
          f"(nam {stats.male}, nữ {stats.female}; dân tộc thiểu số {stats.minorities}).")
    for breakdown in stats.breakdowns:
        print(f"\n{breakdown.title}:")
        for row in breakdown.rows:
            print(f"  {row.label:<40} {row.total:>6}   (nam {row.male}, nữ {row.female})")
    return EXIT_OK


def statistics_json(stats) -> dict:
    return {
        "on": stats.on.isoformat(), "total": stats.total, "male": stats.male, "female": stats.female,
        "minorities": stats.minorities,
        "tables": {b.key: {"title": b.title, "rows": [
            {"label": r.label, "total": r.total, "male": r.male, "female": r.female} for r in b.rows]}
            for b in stats.breakdowns},
    }


def _periodic(services, args, as_json: bool) -> int:
    from antt_desktop.domain.reports import parse_period
    from antt_desktop.messages import describe

    try:
        period = parse_period(args.period) if args.period else services.reports.default_period()
    except DomainError as error:
        return _fail(describe(error))
    written = []
    if args.pdf:
        written.append(services.reports.write_periodic_pdf(period, args.pdf))
    if args.xlsx:
        written.append(services.reports.write_periodic_xlsx(period, args.xlsx))
    report = services.reports.periodic(period)
    if as_json:
        _print_json({
            "period": {"label": period.label, "first": period.first.isoformat(), "last": period.last.isoformat()},
            "hamlets": report.hamlet_count, "teams": len(report.teams), "start": report.start_total,
            "joined": len(report.joined), "left": len(report.left), "end": report.statistics.total,
            "paid_dong": report.paid_dong, "files": [str(path) for path in written],
            "statistics": statistics_json(report.statistics),
        })
        return EXIT_OK
    print(f"Báo cáo {period.label} (từ {format_vn_date(period.first)} đến {format_vn_date(period.last)}): "
          f"đầu kỳ {report.start_total}, công nhận mới {len(report.joined)}, thôi tham gia {len(report.left)}, "
          f"cuối kỳ {report.statistics.total} thành viên trong {len(report.teams)} tổ.")
    for path in written:
        print(f"Đã ghi {path}")
    return EXIT_OK


def _members(services, args, as_json: bool) -> int:
    written = services.reports.write_member_list_xlsx(
        args.xlsx, include_proposed=args.with_proposed and not args.active_only,
        include_left=args.with_left and not args.active_only, mask_ids=args.mask_ids)
    if as_json:
        _print_json({"file": str(written)})
    else:
        print(f"Đã ghi danh sách thành viên: {written}")
    return EXIT_OK
