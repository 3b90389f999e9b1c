"""`antt import-excel`, `antt import-history`, `antt import-undo` (issue #7).

The contract of `import-excel` (issue #7 §5), kept exactly:

    antt import-excel FILE [--sheet NAME] [--dry-run]
                      [--decision "45/QĐ-UBND" --decision-date 2024-07-01] [--json]

JSON: {"accepted": N, "rejected": [{"row": R, "reason": CODE, "message": TEXT}],
       "warnings": [{"row": R, "field": F, "code": CODE, "message": TEXT}]}
Rows are numbered as Excel shows them. Warnings are listed for the accepted rows.

Exit status: 0 when the file was read and checked (--dry-run) or imported, even when rows
were rejected (they are listed); 1 when the file cannot be read at all (not an .xlsx,
damaged, no header, a required column missing…: the message says why on stderr, and
nothing is printed on stdout) or when writing failed; nothing is written in either case.
"""

from __future__ import annotations

import json
import sys

from antt_desktop.domain.dates import format_vn_date
from antt_desktop.domain.errors import DomainError

EXIT_OK, EXIT_FAILED = 0, 1


def register(commands, common) -> None:
    parser = commands.add_parser(
        "import-excel", parents=[common], help="nhập danh sách thành viên từ tệp Excel (.xlsx)",
        description="Kiểm tra rồi nhập danh sách thành viên từ tệp Excel. Dòng có lỗi không được nhập "
                    "và được liệt kê; các dòng hợp lệ được nhập trong một lần, có thể hoàn tác.")
    parser.add_argument("file", metavar="TỆP", help="tệp Excel .xlsx")
    parser.add_argument("--sheet", metavar="TÊN", default=None, help="tên trang (mặc định: trang có danh sách)")
    parser.add_argument("--dry-run", action="store_true", help="chỉ kiểm tra, không ghi gì")
    parser.add_argument("--decision", metavar="SỐ", default=None,
                        help="số quyết định công nhận, ví dụ «45/QĐ-UBND»: thành viên được nhập ở trạng thái "
                             "đang tham gia; không có: ở trạng thái đề nghị công nhận")
    parser.add_argument("--decision-date", metavar="NGÀY", default=None,
                        help="ngày ký quyết định công nhận (2024-07-01 hoặc 01/07/2024)")
    parser.set_defaults(handler=_import_excel)

    history = commands.add_parser("import-history", parents=[common], help="các lần nhập từ Excel")
    history.set_defaults(handler=_import_history)

    undo = commands.add_parser("import-undo", parents=[common], help="hoàn tác một lần nhập từ Excel")
    undo.add_argument("batch", metavar="MÃ", help="mã lần nhập (xem «antt import-history»), hoặc phần đầu của mã")
    undo.set_defaults(handler=_import_undo)


def _fail(message: str) -> int:
    print(f"Lỗi: {message}", file=sys.stderr)
    return EXIT_FAILED


def _import_excel(services, args, as_json: bool) -> int:
    from antt_desktop.messages import describe
    from antt_desktop.messages.imports import problem_sentence

    chosen = None
    if (args.decision is None) != (args.decision_date is None):
        return _fail("--decision và --decision-date phải đi cùng nhau (số và ngày ký quyết định công nhận).")
    if args.decision is not None:
        try:
            signed_on = _parse_date(args.decision_date)
            chosen = services.imports.recognition(args.decision, signed_on)
        except DomainError as error:
            return _fail(describe(error))
    preview = services.imports.dry_run(args.file, sheet=args.sheet, recognition=chosen)
    if not preview.is_readable:
        for problem in preview.fatal_problems:
            print(f"Lỗi: {problem_sentence(problem)}", file=sys.stderr)
        others = [s.name for s in preview.reading.candidate_sheets if s.name != preview.reading.sheet]
        if others:
            print("Các trang khác có dạng danh sách: " + ", ".join(f"«{name}»" for name in others)
                  + " (chọn bằng --sheet).", file=sys.stderr)
        return EXIT_FAILED
    _note_other_sheets(preview)
    result = None
    if not args.dry_run and preview.accepted:
        result = services.imports.run(preview, recognition=chosen)
        preview = result.preview
    if as_json:
        print(json.dumps(report_json(preview), ensure_ascii=False, indent=2))
    else:
        _print_report(preview, result, args.dry_run)
    if not args.dry_run and not preview.accepted:
        print("Không có dòng nào đủ điều kiện; không nhập gì.", file=sys.stderr)
    return EXIT_OK


def report_json(preview) -> dict:
    """The JSON of issue #7 §5."""
    from antt_desktop.messages.imports import issue_sentence

    headers = dict(preview.mapping.headers) if preview.mapping else {}
    return {
        "accepted": len(preview.accepted),
        "rejected": [{"row": row.row, "reason": row.errors[0].code,
                      "message": "; ".join(issue_sentence(issue, headers) for issue in row.errors)}
                     for row in preview.rejected],
        "warnings": [{"row": row.row, "field": issue.field.value if issue.field else None, "code": issue.code,
                      "message": issue_sentence(issue, headers)}
                     for row in preview.accepted for issue in row.warnings],
    }


def _note_other_sheets(preview) -> None:
    others = [s.name for s in preview.reading.candidate_sheets if s.name != preview.reading.sheet]
    if others:
        print(f"Lưu ý: đã đọc trang «{preview.reading.sheet}»; tệp còn có trang "
              + ", ".join(f"«{name}»" for name in others) + " cũng giống danh sách (chọn bằng --sheet).",
              file=sys.stderr)


def _print_report(preview, result, dry_run: bool) -> None:
    from antt_desktop.messages.imports import issue_sentence

    headers = dict(preview.mapping.headers)
    total = len(preview.check.rows)
    print(f"Trang «{preview.reading.sheet}», dòng tiêu đề {preview.mapping.header_row}: {total} dòng thành viên; "
          f"{len(preview.accepted)} dòng hợp lệ, {len(preview.rejected)} dòng không nhập được.")
    if preview.rejected:
        print("Các dòng không nhập:")
        for row in preview.rejected:
            for issue in row.errors:
                print(f"  - {issue_sentence(issue, headers)}")
    warnings = [(row, issue) for row in preview.accepted for issue in row.warnings]
    if warnings:
        print("Cảnh báo (vẫn nhập):")
        for _, issue in warnings:
            print(f"  - {issue_sentence(issue, headers)}")
    if preview.new_hamlets:
        print("Thôn/tổ dân phố sẽ được tạo mới: " + ", ".join(preview.new_hamlets) + ".")
    if dry_run:
        print("Chỉ kiểm tra (--dry-run): chưa ghi gì vào dữ liệu.")
        return
    if result is None:
        return
    batch = result.batch
    if preview.recognition is not None:
        how = (f"đang tham gia, theo Quyết định số {preview.recognition.number} ngày "
               f"{format_vn_date(preview.recognition.signed_on)}")
    else:
        how = "đề nghị công nhận (đã lập dự thảo quyết định công nhận)"
    print(f"Đã nhập {batch.accepted} thành viên ở trạng thái {how}; tạo {result.hamlets_created} thôn/tổ dân phố, "
          f"{result.teams_created} tổ. Mã lần nhập: {batch.id} (hoàn tác: antt import-undo {batch.id[:8]}).")
    if result.backup is not None:
        print(f"Đã sao lưu dữ liệu trước khi nhập: {result.backup}")


def _parse_date(text: str):
    from antt_desktop.domain.dates import parse_vn_date

    return parse_vn_date(text)


def _import_history(services, args, as_json: bool) -> int:
    batches = services.imports.history()
    if as_json:
        print(json.dumps([{
            "id": b.id, "file": b.file_name, "sheet": b.sheet_name, "imported_at": b.imported_at.isoformat(),
            "imported_by": b.imported_by, "mode": b.mode.value, "decision": b.decision_number or None,
            "accepted": b.accepted, "rejected": b.rejected, "state": b.state.value,
        } for b in batches], ensure_ascii=False, indent=2))
        return EXIT_OK
    if not batches:
        print("Chưa có lần nhập nào.")
    for batch in batches:
        state = "đã hoàn tác" if batch.state.value == "undone" else "đã nhập"
        print(f"{batch.id[:8]}  {batch.imported_at:%d/%m/%Y %H:%M}  {batch.file_name}  "
              f"{batch.accepted} thành viên  {state}")
    return EXIT_OK


def _import_undo(services, args, as_json: bool) -> int:
    from antt_desktop.messages import describe

    matches = [b for b in services.imports.history() if b.id.startswith(args.batch.strip().lower())]
    if len(matches) != 1:
        return _fail(f"Không tìm thấy lần nhập «{args.batch}»." if not matches
                     else f"Mã «{args.batch}» ứng với nhiều lần nhập; hãy ghi dài hơn.")
    try:
        undone = services.imports.undo(matches[0].id)
    except DomainError as error:
        return _fail(describe(error))
    if as_json:
        print(json.dumps({"id": undone.id, "state": undone.state.value}, ensure_ascii=False))
    else:
        print(f"Đã hoàn tác lần nhập tệp «{undone.file_name}» ({undone.member_count} thành viên).")
    return EXIT_OK

