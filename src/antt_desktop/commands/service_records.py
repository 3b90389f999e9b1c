"""`antt records …` (service records) and the `report bm1|annual` subcommands (issue #11).

Contract kept from the issue:
    antt report bm1 [--from D --to D] [--xlsx F] [--json]
        JSON: an array, one object per row of the form: "commune", "unit_code" and the 25
        indicators under their column numbers "1" (STT) … "25"; at the higher unit the last
        object is the TỔNG CỘNG row ("is_total": true, "1": null). Members no column holds are
        shown as "unknown_education", "below_primary" and "unknown_age".
    antt report annual YEAR --out F            (F ends in .docx or .pdf)

`report` itself is registered by the lead (issue #7 owns commands/reports.py): call
`add_report_subcommands(report_subcommands, common)` with the `report` command's subparsers.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import typing
from datetime import date
from enum import Enum
from pathlib import Path

from antt_desktop.domain import vn_text
from antt_desktop.domain.bm1 import FIGURE_COLUMNS, Bm1Period, BucketKind, PeriodIncomplete
from antt_desktop.domain.dates import format_vn_date, parse_vn_date
from antt_desktop.domain.service_records import (
    RECORD_KIND_LABELS,
    RECORD_TYPES,
    RecordKind,
    BadFieldValue,
    TrainingCourse,
    TrainingKind,
    UnknownRecordField,
)

EXIT_OK, EXIT_FAILED = 0, 1

# The option --on sets the date a record is counted by.
DATE_FIELDS = {
    RecordKind.TRAINING: "starts_on", RecordKind.COMMENDATION: "awarded_on",
    RecordKind.DISCIPLINE: "decided_on", RecordKind.INCIDENT: "occurred_on",
    RecordKind.EQUIPMENT: "moved_on", RecordKind.TOOL_CERTIFICATE: "issued_on",
    RecordKind.FORMER_FORCE: "started_on", RecordKind.LEAVING: "left_on",
}
_SYSTEM_FIELDS = {"id", "unit_code", "member_id", "course_id"}


def _fail(text: str) -> int:
    print(f"Lỗi: {text}", file=sys.stderr)
    return EXIT_FAILED


def _print_json(value) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=2))


# --- antt report bm1 | annual ------------------------------------------------------------------


def add_report_subcommands(report_subcommands, common) -> None:
    bm1 = report_subcommands.add_parser(
        "bm1", parents=[common], help="Biểu mẫu 01: thống kê số liệu lực lượng theo kỳ",
        description="Mặc định kỳ báo cáo từ ngày 15 tháng trước đến ngày 14 tháng này.")
    bm1.add_argument("--from", dest="period_from", metavar="NGÀY", help="ngày bắt đầu kỳ (dd/mm/yyyy)")
    bm1.add_argument("--to", dest="period_to", metavar="NGÀY", help="ngày kết thúc kỳ (dd/mm/yyyy)")
    bm1.add_argument("--xlsx", metavar="TỆP", help="ghi biểu mẫu ra tệp Excel")
    bm1.add_argument("--pdf", metavar="TỆP", help="ghi biểu mẫu ra tệp PDF")
    bm1.add_argument("--submit", action="store_true",
                     help="đánh dấu đã nộp: lưu số liệu kỳ này (chỉ đọc) làm số kỳ trước của kỳ sau")
    bm1.add_argument("--accept-breaks", action="store_true",
                     help="cho phép nộp khi số liệu còn chỗ không khớp")
    bm1.set_defaults(handler=bm1_handler)

    annual = report_subcommands.add_parser("annual", parents=[common],
                                           help="báo cáo năm (hạn trước ngày 15/12) ra .docx hoặc .pdf")
    annual.add_argument("year", type=_year, metavar="NĂM")
    annual.add_argument("--out", required=True, metavar="TỆP", help="tệp .docx (sửa được) hoặc .pdf")
    annual.set_defaults(handler=annual_handler)


def _year(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"«{text}» không phải là năm") from None
    if not 2000 <= value <= 2100:
        raise argparse.ArgumentTypeError(f"năm {value} không hợp lý")
    return value


def parse_period(first: str | None, last: str | None) -> Bm1Period | None:
    """The period from --from/--to (both or neither); None means the default period."""
    if first is None and last is None:
        return None
    if first is None or last is None:
        raise PeriodIncomplete("to" if first is not None else "from")
    return Bm1Period(parse_vn_date(first), parse_vn_date(last))


def bm1_rows_json(report) -> list[dict]:
    """The JSON contract of `antt report bm1 --json`."""
    rows = []
    for index, row in enumerate(report.rows, start=1):
        rows.append(_row_json(row, index))
    if report.total is not None:
        rows.append({**_row_json(report.total, None), "commune": report.total.name, "unit_code": None,
                     "is_total": True,
                     **{key.value: sum(r.bucket_count(key) for r in report.rows) for key in BucketKind}})
    return rows


def _row_json(row, index: int | None) -> dict:
    value = {"commune": row.name, "unit_code": row.unit_code, "1": index}
    value.update({str(number): row.figures[number] for number in FIGURE_COLUMNS})
    value.update({kind.value: row.bucket_count(kind) for kind in BucketKind})
    return value


def bm1_handler(services, args, as_json: bool) -> int:
    from antt_desktop.messages.service_records import BUCKET_LABELS, describe_break, describe_cause, describe_note

    period = parse_period(args.period_from, args.period_to)
    report = services.bm1.report(period)
    written = [services.bm1.export(report, Path(target)) for target in (args.xlsx, args.pdf) if target]
    submitted = services.bm1.submit(report.period, accept_breaks=args.accept_breaks) if args.submit else None
    if as_json:
        _print_json(bm1_rows_json(report))
    else:
        print(f"BIỂU MẪU 01 — {report.title_unit}")
        print(f"Kỳ báo cáo: từ ngày {format_vn_date(report.period.first)} đến ngày {format_vn_date(report.period.last)}")
        numbers = "".join(f"{n:>6}" for n in FIGURE_COLUMNS)
        print(f"{'STT':>4} {'Đơn vị':<24}{numbers}")
        for index, row in enumerate(report.all_rows(), start=1):
            stt = "" if row is report.total else str(index)
            figures = "".join(f"{row.figures[n]:>6}" for n in FIGURE_COLUMNS)
            print(f"{stt:>4} {row.name[:24]:<24}{figures}")
        for row in report.rows:
            for kind, label in BUCKET_LABELS.items():
                if row.bucket_count(kind):
                    print(f"  {row.name}: {label}: {row.bucket_count(kind)} thành viên (không tính vào cột nào).")
    for note in report.notes:
        print(f"Lưu ý: {describe_note(note)}", file=sys.stderr)
    for item in report.breaks:
        print(f"Không khớp: {describe_break(item)}", file=sys.stderr)
        for member in item.members[:20]:
            print(f"    - {member.full_name}: {describe_cause(member.cause)}", file=sys.stderr)
        if len(item.members) > 20:
            print(f"    … và {len(item.members) - 20} thành viên khác.", file=sys.stderr)
    if not as_json:
        for path in written:
            print(f"Đã ghi {path}")
        if submitted is not None:
            print(f"Đã đánh dấu đã nộp kỳ {format_vn_date(submitted.period.first)} – "
                  f"{format_vn_date(submitted.period.last)}; số liệu được giữ nguyên làm số kỳ trước của kỳ sau.")
    return EXIT_OK


def annual_handler(services, args, as_json: bool) -> int:
    path = services.bm1.export_annual(args.year, Path(args.out))
    if as_json:
        _print_json({"year": args.year, "path": str(path)})
    else:
        print(f"Đã ghi báo cáo năm {args.year}: {path}")
    return EXIT_OK


# --- antt records … ----------------------------------------------------------------------------


def register(commands, common) -> None:
    records = commands.add_parser(
        "records", parents=[common],
        help="hồ sơ quá trình của thành viên: bồi dưỡng, khen thưởng, kỷ luật, trang bị…")
    sub = records.add_subparsers(dest="records_command", metavar="LỆNH")
    kinds = [kind.value for kind in RecordKind]

    listing = sub.add_parser("list", parents=[common], help="danh sách hồ sơ (của một thành viên, một tổ hoặc cả đơn vị)")
    listing.add_argument("--kind", choices=kinds, help="chỉ một loại hồ sơ")
    listing.add_argument("--member", metavar="MÃ", help="mã thành viên")
    listing.add_argument("--team", metavar="TÊN", help="tên tổ (thành viên hiện tại của tổ)")
    listing.set_defaults(handler=_list)

    add = sub.add_parser("add", parents=[common], help="thêm một hồ sơ",
                         description="Các trường khác đặt bằng --set tên=giá_trị, ví dụ "
                                     "--set form=giay_khen --set document_number=12/QĐ-UBND.")
    add.add_argument("kind", choices=kinds, metavar="LOẠI", help=", ".join(kinds))
    add.add_argument("--member", metavar="MÃ", help="mã thành viên (khen thưởng tập thể: bỏ trống, dùng --team)")
    add.add_argument("--team", metavar="TÊN", help="tổ được khen thưởng tập thể")
    add.add_argument("--course", metavar="MÃ", help="bồi dưỡng: thêm vào lớp đã có")
    add.add_argument("--on", metavar="NGÀY", help="ngày của hồ sơ (dd/mm/yyyy)")
    add.add_argument("--set", action="append", default=[], metavar="TRƯỜNG=GIÁ_TRỊ", dest="fields")
    add.set_defaults(handler=_add)

    remove = sub.add_parser("remove", parents=[common], help="xóa một hồ sơ")
    remove.add_argument("kind", choices=kinds + ["course"], metavar="LOẠI")
    remove.add_argument("record_id", metavar="MÃ")
    remove.set_defaults(handler=_remove)

    attach = sub.add_parser("attach", parents=[common], help="đính kèm bản quét văn bản vào hồ sơ")
    attach.add_argument("kind", choices=kinds, metavar="LOẠI")
    attach.add_argument("record_id", metavar="MÃ")
    attach.add_argument("file", metavar="TỆP")
    attach.set_defaults(handler=_attach)

    sub.add_parser("courses", parents=[common], help="các lớp bồi dưỡng, huấn luyện, diễn tập, hội thi"
                   ).set_defaults(handler=_courses)
    sub.add_parser("submitted", parents=[common], help="các kỳ BM1 đã nộp (chỉ đọc)").set_defaults(handler=_submitted)
    records.set_defaults(handler=_missing_subcommand)


def _missing_subcommand(services, args, as_json: bool) -> int:
    return _fail("thiếu lệnh con: dùng «antt records list|add|remove|attach|courses|submitted».")


def _team_id(services, name: str) -> str | None:
    wanted = vn_text.fold(name)
    for team in services.teams.list():
        if vn_text.fold(team.name) == wanted or vn_text.fold(team.name).endswith(" " + wanted):
            return team.id
    return None


def _list(services, args, as_json: bool) -> int:
    from antt_desktop.messages.service_records import describe_record

    kinds = [RecordKind(args.kind)] if args.kind else list(RecordKind)
    lines = []
    if args.member:
        by_kind = services.service_records.member_records(args.member)
        lines = [line for kind in kinds for line in by_kind[kind]]
    elif args.team:
        team_id = _team_id(services, args.team)
        if team_id is None:
            return _fail(f"không tìm thấy tổ «{args.team}».")
        lines = [line for kind in kinds for line in services.service_records.team_records(team_id, kind)]
    else:
        lines = [line for kind in kinds for line in services.service_records.unit_records(kind)]
    if as_json:
        _print_json([_line_json(line) for line in lines])
        return EXIT_OK
    for line in lines:
        course = f" — {line.course.name}" if line.course else ""
        print(f"{RECORD_KIND_LABELS[line.kind]:<22} {line.member_name:<26} {describe_record(line.record)}{course}")
    print(f"Tổng cộng: {len(lines)} hồ sơ.")
    return EXIT_OK


def _line_json(line) -> dict:
    from antt_desktop.messages.service_records import describe_record

    record = {field.name: _plain(getattr(line.record, field.name)) for field in dataclasses.fields(line.record)}
    value = {"kind": line.kind.value, "member": line.member_name or None, "text": describe_record(line.record),
             "record": record, "attachments": [a.file_name for a in line.attachments]}
    if line.course is not None:
        value["course"] = {field.name: _plain(getattr(line.course, field.name))
                           for field in dataclasses.fields(line.course)}
    return value


def _plain(value):
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    return value


def _add(services, args, as_json: bool) -> int:
    kind = RecordKind(args.kind)
    try:
        fields = dict(_split_field(text) for text in args.fields)
    except ValueError as error:
        return _fail(str(error))
    if args.on:
        fields[DATE_FIELDS.get(kind, "year")] = args.on
    if kind is RecordKind.TRAINING:
        if not args.member:
            return _fail("bồi dưỡng, huấn luyện cần --member.")
        result = fields.pop("result", "")
        if args.course:
            course = TrainingCourse(id=args.course, unit_code="", kind=TrainingKind.COURSE, name="",
                                    starts_on=date.min)
        else:
            course = _build(TrainingCourse, {"id": "", "unit_code": ""}, fields)
        stored = services.service_records.record_training([args.member], course, result)
        return _report_saved(as_json, kind, stored.id, f"Đã ghi tham gia lớp «{stored.name}» (mã lớp {stored.id}).")
    base: dict = {"id": "", "unit_code": "", "member_id": args.member or None}
    if kind is RecordKind.COMMENDATION:
        if args.team:
            team_id = _team_id(services, args.team)
            if team_id is None:
                return _fail(f"không tìm thấy tổ «{args.team}».")
            base["team_id"] = team_id
        fields.setdefault("scope", "ca_nhan" if args.member else "tap_the")
    record = _build(RECORD_TYPES[kind], base, fields)
    saved = services.service_records.save(record)
    from antt_desktop.messages.service_records import describe_record

    return _report_saved(as_json, kind, saved.id, f"Đã thêm: {describe_record(saved)} (mã {saved.id}).")


def _report_saved(as_json: bool, kind: RecordKind, record_id: str, text: str) -> int:
    if as_json:
        _print_json({"kind": kind.value, "id": record_id})
    else:
        print(text)
    return EXIT_OK


def _split_field(text: str) -> tuple[str, str]:
    if "=" not in text:
        raise ValueError(f"«{text}» phải có dạng trường=giá_trị.")
    name, value = text.split("=", 1)
    return name.strip(), value.strip()


def _build(cls, base: dict, fields: dict):
    """A record from text fields: dates dd/mm/yyyy, numbers (dots allowed), có/không, enum values."""
    hints = typing.get_type_hints(cls)
    known = {f.name for f in dataclasses.fields(cls)}
    values = dict(base)
    unknown = [name for name in fields if name not in known or name in _SYSTEM_FIELDS]
    if unknown:
        raise UnknownRecordField(", ".join(unknown), ", ".join(sorted(known - _SYSTEM_FIELDS)))
    for name, text in fields.items():
        values[name] = _convert(name, hints[name], text)
    for field in dataclasses.fields(cls):
        if field.name not in values and field.default is dataclasses.MISSING:
            values[field.name] = None
    return cls(**values)


def _convert(name: str, hint, text: str):
    options = [hint, *typing.get_args(hint)]
    if text == "" and type(None) in options:
        return None
    for option in options:
        if option is date:
            return parse_vn_date(text)
        if option is bool:
            return vn_text.fold(text) in ("co", "1", "true", "yes", "x")
        if option is int:
            digits = text.replace(".", "").replace(",", "").replace(" ", "").removesuffix("d")
            if not digits.lstrip("-").isdigit():
                raise BadFieldValue(name, text, "")
            return int(digits)
        if isinstance(option, type) and issubclass(option, Enum):
            for member in option:
                if vn_text.fold(text) in (member.value, vn_text.fold(member.name)):
                    return member
            raise BadFieldValue(name, text, ", ".join(m.value for m in option))
    return text


def _remove(services, args, as_json: bool) -> int:
    if args.kind == "course":
        services.service_records.remove_course(args.record_id)
    else:
        services.service_records.remove(RecordKind(args.kind), args.record_id)
    if not as_json:
        print(f"Đã xóa hồ sơ {args.record_id}.")
    return EXIT_OK


def _attach(services, args, as_json: bool) -> int:
    path = Path(args.file)
    if not path.is_file():
        return _fail(f"không tìm thấy tệp «{args.file}».")
    attachment = services.service_records.attach_file(RecordKind(args.kind), args.record_id, path)
    if as_json:
        _print_json({"id": attachment.id, "file_name": attachment.file_name, "sha256": attachment.sha256})
    else:
        print(f"Đã đính kèm «{attachment.file_name}» ({attachment.size_bytes} byte).")
    return EXIT_OK


def _courses(services, args, as_json: bool) -> int:
    lines = services.service_records.courses()
    if as_json:
        _print_json([{"id": line.course.id, "name": line.course.name, "kind": line.course.kind.value,
                      "starts_on": line.course.starts_on.isoformat(),
                      "ends_on": line.course.ends_on.isoformat() if line.course.ends_on else None,
                      "uses_ministry_materials": line.course.uses_ministry_materials,
                      "attendees": len(line.attendees)} for line in lines])
        return EXIT_OK
    for line in lines:
        print(f"{format_vn_date(line.course.starts_on)}  {line.course.name}  ({len(line.attendees)} thành viên)"
              f"  mã {line.course.id}")
    return EXIT_OK


def _submitted(services, args, as_json: bool) -> int:
    reports = services.bm1.submitted()
    if as_json:
        _print_json([{"id": r.id, "from": r.period.first.isoformat(), "to": r.period.last.isoformat(),
                      "submitted_at": r.submitted_at.isoformat(), "submitted_by": r.submitted_by,
                      "members": (r.total or r.rows[0])[4] if (r.total or r.rows) else 0} for r in reports])
        return EXIT_OK
    for r in reports:
        line = r.total or (r.rows[0] if r.rows else None)
        print(f"{format_vn_date(r.period.first)} – {format_vn_date(r.period.last)}: "
              f"{line[4] if line else 0} thành viên; nộp lúc {r.submitted_at:%d/%m/%Y %H:%M} bởi {r.submitted_by}")
    return EXIT_OK
