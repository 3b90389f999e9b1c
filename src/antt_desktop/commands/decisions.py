"""`antt decisions …`, `antt conduct …`, `antt certificates …` and `antt print …` (issue #4).

Contract kept for scripts: `antt decisions list --json` prints an array of objects with at
least `id`, `kind`, `state` ("draft"/"issued"), `number`, `issued_on` (ISO date) and
`member_ids`; `antt print decision ID --out F.pdf`, `antt print certificates [--team NAME |
--all] --out F.pdf`, `antt print members --out F.pdf [--mask-ids]`.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from antt_desktop.domain import vn_text
from antt_desktop.domain.certificates import STATUS_LABELS as CERTIFICATE_STATUS_LABELS
from antt_desktop.domain.dates import format_vn_date, parse_vn_date
from antt_desktop.domain.decisions import (
    CONDUCT_LABELS,
    KIND_LABELS,
    STATE_LABELS,
    ConductKind,
    Decision,
    DecisionDraft,
    DecisionKind,
    DecisionLine,
    GroundCNotMet,
    NewTeam,
    TerminationGround,
)
from antt_desktop.domain.errors import DomainError
from antt_desktop.domain.people import Position

EXIT_OK, EXIT_FAILED = 0, 1


def _refused(message: str) -> Exception:
    """A command-line mistake: `cli.main` prints it in Vietnamese and exits with 1."""
    from antt_desktop.cli import CommandFailed

    return CommandFailed(message)


def _needs_subcommand(example: str):
    def handler(services, args, as_json) -> int:
        raise _refused(f"Thiếu lệnh con: dùng «{example}».")
    return handler


def register(commands, common) -> None:
    decisions = commands.add_parser("decisions", parents=[common], help="quyết định (soạn, ban hành, in)")
    decisions.set_defaults(handler=_needs_subcommand("antt decisions list"))
    sub = decisions.add_subparsers(dest="decisions_command", metavar="LỆNH")
    listing = sub.add_parser("list", parents=[common], help="danh sách quyết định")
    listing.set_defaults(handler=_list)
    show = sub.add_parser("show", parents=[common], help="xem một quyết định")
    show.add_argument("reference", metavar="ID", help="mã quyết định, vài ký tự đầu của mã, hoặc số «15/QĐ-UBND»")
    show.set_defaults(handler=_show)
    new = sub.add_parser("new", parents=[common], help="soạn dự thảo quyết định")
    new.add_argument("--kind", required=True, choices=[k.value for k in DecisionKind],
                     help="loại: " + "; ".join(f"{k.value} = {KIND_LABELS[k]}" for k in DecisionKind))
    new.add_argument("--member", action="append", default=[], metavar="MÃ[:CHỨC_DANH]",
                     help="thành viên (lặp lại được); chức danh to_truong, to_pho hoặc to_vien")
    new.add_argument("--team", metavar="TÊN", help="tổ (cho công nhận, thay đổi chức danh, giải thể)")
    new.add_argument("--hamlet", action="append", default=[], metavar="TÊN",
                     help="thôn/tổ dân phố cần thành lập tổ (lặp lại được)")
    new.add_argument("--ground", choices=[g.value for g in TerminationGround],
                     help="căn cứ cho thôi tham gia (Điều 17 khoản 3, điểm a–d)")
    new.add_argument("--date", metavar="NGÀY", help="ngày ký dự kiến (dd/mm/yyyy)")
    new.add_argument("--effective", metavar="NGÀY", help="ngày có hiệu lực (dd/mm/yyyy)")
    new.add_argument("--reason", default="", metavar="NỘI_DUNG", help="lý do, thành tích hoặc vi phạm")
    new.add_argument("--measure", default="", metavar="HÌNH_THỨC", help="hình thức khen thưởng, kỷ luật")
    new.set_defaults(handler=_new)
    issue = sub.add_parser("issue", parents=[common], help="ban hành (cấp số, áp dụng thay đổi)")
    issue.add_argument("reference", metavar="ID")
    issue.add_argument("--date", metavar="NGÀY", help="ngày ký (mặc định: hôm nay)")
    issue.set_defaults(handler=_issue)
    cancel = sub.add_parser("cancel", parents=[common], help="hủy một dự thảo")
    cancel.add_argument("reference", metavar="ID")
    cancel.set_defaults(handler=_cancel)

    conduct = commands.add_parser("conduct", parents=[common],
                                  help="sổ nhắc nhở và từ chối nhiệm vụ (Điều 17 khoản 3 điểm c)")
    conduct.set_defaults(handler=_needs_subcommand("antt conduct add|list"))
    conduct_sub = conduct.add_subparsers(dest="conduct_command", metavar="LỆNH")
    add = conduct_sub.add_parser("add", parents=[common], help="ghi một lần nhắc nhở hoặc từ chối nhiệm vụ")
    add.add_argument("member", metavar="MÃ_THÀNH_VIÊN")
    add.add_argument("--kind", required=True, choices=[k.value for k in ConductKind],
                     help="nhac_nho = nhắc nhở bằng văn bản; tu_choi = từ chối nhiệm vụ")
    add.add_argument("--date", required=True, metavar="NGÀY")
    add.add_argument("--ref", default="", metavar="SỐ_VĂN_BẢN", help="số văn bản nhắc nhở")
    add.add_argument("--note", default="", metavar="NỘI_DUNG")
    add.set_defaults(handler=_conduct_add)
    log = conduct_sub.add_parser("list", parents=[common], help="sổ của một thành viên")
    log.add_argument("member", metavar="MÃ_THÀNH_VIÊN")
    log.set_defaults(handler=_conduct_list)

    certificates = commands.add_parser("certificates", parents=[common], help="giấy chứng nhận")
    certificates.set_defaults(handler=_needs_subcommand("antt certificates list|issue|revoke|reissue|verify"))
    cert_sub = certificates.add_subparsers(dest="certificates_command", metavar="LỆNH")
    cert_sub.add_parser("list", parents=[common], help="sổ cấp giấy chứng nhận").set_defaults(handler=_cert_list)
    cert_issue = cert_sub.add_parser("issue", parents=[common], help="cấp giấy chứng nhận")
    _who(cert_issue)
    cert_issue.set_defaults(handler=_cert_issue)
    revoke = cert_sub.add_parser("revoke", parents=[common], help="thu hồi giấy chứng nhận")
    revoke.add_argument("number", metavar="SỐ")
    revoke.add_argument("--reason", required=True, metavar="LÝ_DO")
    revoke.set_defaults(handler=_cert_revoke)
    reissue = cert_sub.add_parser("reissue", parents=[common], help="cấp lại giấy chứng nhận (số mới)")
    reissue.add_argument("number", metavar="SỐ")
    reissue.add_argument("--reason", default="mất, hỏng hoặc thay đổi thông tin", metavar="LÝ_DO")
    reissue.set_defaults(handler=_cert_reissue)
    verify = cert_sub.add_parser("verify", parents=[common], help="kiểm tra mã QR của giấy chứng nhận")
    verify.add_argument("code", metavar="MÃ", help="dãy số đọc từ mã QR, hoặc «-» để đọc từ bàn phím/máy quét")
    verify.set_defaults(handler=_cert_verify)

    printing = commands.add_parser("print", parents=[common], help="in ra PDF (hoặc Word)")
    printing.set_defaults(handler=_needs_subcommand("antt print decision|certificates|members|proposal"))
    print_sub = printing.add_subparsers(dest="print_command", metavar="LOẠI")
    decision = print_sub.add_parser("decision", parents=[common], help="một quyết định kèm danh sách")
    decision.add_argument("reference", metavar="ID")
    decision.add_argument("--out", required=True, metavar="TỆP", help="tệp .pdf (hoặc .docx để sửa trong Word)")
    decision.set_defaults(handler=_print_decision)
    proposal = print_sub.add_parser("proposal", parents=[common],
                                    help="danh sách đề nghị (Mẫu 05, 06) hoặc báo cáo (Mẫu 07) của một dự thảo")
    proposal.add_argument("reference", metavar="ID")
    proposal.add_argument("--out", required=True, metavar="TỆP")
    proposal.add_argument("--mask-ids", action="store_true", help="che số CCCD, chỉ in 4 số cuối")
    proposal.add_argument("--date", metavar="NGÀY",
                          help="ngày của văn bản (dd/mm/yyyy; mặc định: ngày ký dự kiến hoặc hôm nay, "
                               "ngày nào sớm hơn)")
    proposal.set_defaults(handler=_print_proposal)
    cards = print_sub.add_parser("certificates", parents=[common],
                                 help="giấy chứng nhận trên khổ A4 (cấp trước cho ai chưa có)")
    group = cards.add_mutually_exclusive_group()
    group.add_argument("--team", metavar="TÊN", help="một tổ")
    group.add_argument("--all", action="store_true", help="tất cả thành viên đang tham gia (mặc định)")
    cards.add_argument("--out", required=True, metavar="TỆP")
    cards.set_defaults(handler=_print_certificates)
    members = print_sub.add_parser("members", parents=[common], help="danh sách thành viên theo tổ")
    members.add_argument("--team", metavar="TÊN", help="chỉ một tổ")
    members.add_argument("--out", required=True, metavar="TỆP")
    members.add_argument("--mask-ids", action="store_true",
                         help="che số CCCD, chỉ in 4 số cuối (danh sách mang ra khỏi cơ quan)")
    members.set_defaults(handler=_print_members)


def _who(parser) -> None:
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--team", metavar="TÊN", help="các thành viên chưa có giấy của một tổ")
    group.add_argument("--member", action="append", metavar="MÃ", help="một thành viên (lặp lại được)")
    group.add_argument("--all", action="store_true", help="mọi thành viên đang tham gia chưa có giấy")


def _print_json(value) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=2))


def decision_json(decision: Decision) -> dict:
    """The contract of `antt decisions list --json` (issue #4): keep these keys."""
    return {
        "id": decision.id, "kind": decision.kind.value, "state": decision.state.value,
        "number": decision.number, "issued_on": decision.signed_on.isoformat()
        if decision.is_issued and decision.signed_on else None,
        "member_ids": list(decision.member_ids), "title": decision.title or None,
        "year": decision.year, "effective_on": decision.effective_on.isoformat() if decision.effective_on else None,
        "team_id": decision.team_id,
        "termination_ground": decision.termination_ground.value if decision.termination_ground else None,
    }


def _date(text: str | None, option: str):
    if not text:
        return None
    try:
        return parse_vn_date(text)
    except DomainError as error:
        from antt_desktop.messages import describe

        raise _refused(f"{option}: {describe(error)}") from None


def _team(services, name: str | None):
    if not name:
        return None
    wanted = vn_text.fold(name)
    teams = services.teams.list()
    exact = [t for t in teams if vn_text.fold(t.name) == wanted]
    if not exact:
        exact = [t for t in teams if vn_text.fold(t.name).endswith(wanted)]
    if len(exact) != 1:
        names = ", ".join(f"«{t.name}»" for t in teams) or "chưa có tổ nào"
        raise _refused(f"Không tìm thấy đúng một tổ tên «{name}». Các tổ: {names}.")
    return exact[0]


def _hamlet(services, name: str):
    wanted = vn_text.fold(name)
    found = [h for h in services.hamlets.list() if vn_text.fold(h.name) == wanted]
    if len(found) != 1:
        raise _refused(f"Không tìm thấy thôn/tổ dân phố «{name}».")
    return found[0]


def _list(services, args, as_json: bool) -> int:
    decisions = services.decisions.list()
    if as_json:
        _print_json([decision_json(d) for d in decisions])
        return EXIT_OK
    for decision in decisions:
        number = decision.number or "(dự thảo)"
        signed = format_vn_date(decision.signed_on) if decision.signed_on else ""
        print(f"{number:<14} {signed:<10} {STATE_LABELS[decision.state]:<12} {KIND_LABELS[decision.kind]:<21} "
              f"{len(decision.lines):>3} người  {decision.id[:8]}")
    print(f"Tổng cộng: {len(decisions)} quyết định.")
    return EXIT_OK


def _show(services, args, as_json: bool) -> int:
    decision = services.decisions.find(args.reference)
    if as_json:
        data = decision_json(decision)
        data["lines"] = [line.to_json() for line in services.decisions.lines(decision.id)]
        _print_json(data)
        return EXIT_OK
    document = services.decisions.document(decision.id)
    print(f"{document.number_line}    {document.place_date}")
    print(document.type_name)
    for line in document.summary_lines:
        print(line)
    print(f"Trạng thái: {STATE_LABELS[decision.state]}")
    for paragraph in document.paragraphs:
        print(f"{paragraph.lead} {paragraph.text}".strip())
        for item in paragraph.items:
            print(f"    {item}")
    for line in services.decisions.lines(decision.id):
        print(f"  - {line.full_name} ({line.birth}) {line.team_name}")
    return EXIT_OK


def _new(services, args, as_json: bool) -> int:
    kind = DecisionKind(args.kind)
    team = _team(services, args.team)
    lines = []
    for value in args.member:
        member_ref, _, position_text = value.partition(":")
        position = None
        if position_text:
            try:
                position = Position(position_text)
            except ValueError:
                raise _refused(f"Chức danh «{position_text}» không hợp lệ: dùng to_truong, to_pho hoặc to_vien.") \
                    from None
        member = services.members.get(member_ref)
        if position is None and kind in (DecisionKind.RECOGNISE, DecisionKind.CHANGE_POSITION):
            position = Position.MEMBER
        lines.append(DecisionLine(member.id, team.id if team else None, position))
    base = services.decisions.defaults(kind)
    draft = DecisionDraft(
        kind=kind, lines=tuple(lines),
        team_id=team.id if team and kind is DecisionKind.DISSOLVE_TEAM else None,
        new_teams=tuple(NewTeam(_hamlet(services, name).id) for name in args.hamlet),
        termination_ground=TerminationGround(args.ground) if args.ground else None,
        signed_on=_date(args.date, "--date"), effective_on=_date(args.effective, "--effective"),
        place=base.place, signer_name=base.signer_name, signer_title=base.signer_title,
        signature_form=base.signature_form, legal_bases=base.legal_bases, recipients=base.recipients,
        reason=args.reason, measure=args.measure,
    )
    decision = services.decisions.create_draft(draft)
    if as_json:
        _print_json(decision_json(decision))
    else:
        print(f"Đã soạn dự thảo {KIND_LABELS[kind].lower()} (mã {decision.id}).")
    if draft.termination_ground is TerminationGround.MISCONDUCT:
        from antt_desktop.messages import describe

        for problem in services.decisions.problems(decision.id):
            if isinstance(problem, GroundCNotMet):
                print(f"Lưu ý: {describe(problem)} Chưa in được báo cáo đề nghị và dự thảo cho đến khi ghi đủ "
                      "vào sổ («antt conduct add»).", file=sys.stderr)
    return EXIT_OK


def _issue(services, args, as_json: bool) -> int:
    from antt_desktop.messages import describe

    decision = services.decisions.find(args.reference)
    warnings = services.decisions.warnings(decision.id)
    issued = services.decisions.issue(decision.id, signed_on=_date(args.date, "--date"))
    for warning in warnings:
        print(f"Lưu ý: {describe(warning)}", file=sys.stderr)
    if as_json:
        _print_json(decision_json(issued))
    else:
        print(f"Đã ban hành Quyết định số {issued.number} ngày {format_vn_date(issued.signed_on)}.")
    return EXIT_OK


def _cancel(services, args, as_json: bool) -> int:
    decision = services.decisions.find(args.reference)
    services.decisions.cancel_draft(decision.id)
    print("Đã hủy dự thảo (số quyết định chỉ được cấp khi ban hành, nên không có số bị bỏ trống).")
    return EXIT_OK


def _conduct_add(services, args, as_json: bool) -> int:
    member = services.members.get(args.member)
    event = services.decisions.record_conduct(member.id, ConductKind(args.kind), _date(args.date, "--date"),
                                              reference=args.ref, description=args.note)
    counts = services.decisions.conduct_counts([member.id])[member.id]
    print(f"Đã ghi: {CONDUCT_LABELS[event.kind]} ngày {format_vn_date(event.occurred_on)} — {member.full_name}. "
          f"Tổng: {counts.reminders} lần nhắc nhở, {counts.refusals} lần từ chối nhiệm vụ.")
    return EXIT_OK


def _conduct_list(services, args, as_json: bool) -> int:
    member = services.members.get(args.member)
    events = services.decisions.conduct_log(member.id)
    if as_json:
        _print_json([{"id": e.id, "kind": e.kind.value, "occurred_on": e.occurred_on.isoformat(),
                      "reference": e.reference, "description": e.description} for e in events])
        return EXIT_OK
    for event in events:
        print(f"{format_vn_date(event.occurred_on)}  {CONDUCT_LABELS[event.kind]:<22} {event.reference} "
              f"{event.description}")
    print(f"Tổng cộng: {len(events)} lần ghi nhận.")
    return EXIT_OK


def _cert_list(services, args, as_json: bool) -> int:
    lines = services.certificates.register()
    if as_json:
        _print_json([{
            "id": l.certificate.id, "number": l.certificate.number, "member_id": l.certificate.member_id,
            "full_name": l.member_name, "issued_on": l.certificate.issued_on.isoformat(),
            "valid_until": l.certificate.valid_until.isoformat() if l.certificate.valid_until else None,
            "revoked_on": l.certificate.revoked_on.isoformat() if l.certificate.revoked_on else None,
            "replaces_id": l.certificate.replaces_id, "status": l.status.value} for l in lines])
        return EXIT_OK
    for line in lines:
        print(f"{line.certificate.number:<18} {format_vn_date(line.certificate.issued_on):<10} "
              f"{line.member_name:<28} {CERTIFICATE_STATUS_LABELS[line.status]}")
    print(f"Tổng cộng: {len(lines)} giấy chứng nhận.")
    return EXIT_OK


def _cert_issue(services, args, as_json: bool) -> int:
    if args.member:
        ids = [services.members.get(m).id for m in args.member]
    else:
        team = _team(services, args.team) if args.team else None
        ids = services.certificates.members_without_certificate(team.id if team else None)
    issued = services.certificates.issue(ids) if ids else []
    if as_json:
        _print_json([{"id": c.id, "number": c.number, "member_id": c.member_id} for c in issued])
    else:
        print(f"Đã cấp {len(issued)} giấy chứng nhận.")
    return EXIT_OK


def _cert_revoke(services, args, as_json: bool) -> int:
    certificate = services.certificates.find(args.number)
    revoked = services.certificates.revoke(certificate.id, args.reason)
    print(f"Đã thu hồi giấy chứng nhận số {revoked.number}.")
    return EXIT_OK


def _cert_reissue(services, args, as_json: bool) -> int:
    certificate = services.certificates.find(args.number)
    new = services.certificates.reissue(certificate.id, args.reason)
    print(f"Đã cấp lại: giấy số {new.number} thay cho số {certificate.number}.")
    return EXIT_OK


def _cert_verify(services, args, as_json: bool) -> int:
    text = sys.stdin.read() if args.code == "-" else args.code
    check = services.certificates.verify(text)
    record = check.record
    if as_json:
        _print_json({"outcome": check.outcome.value, "number": record.number, "full_name": record.full_name,
                     "unit_code": record.unit_code, "unit_name": record.unit_name,
                     "valid_until": record.valid_until.isoformat() if record.valid_until else None,
                     "revoke_reason": check.revoke_reason or None})
    else:
        print(check.label + ".")
        print(f"Số: {record.number} — {record.full_name} — {record.unit_name} ({record.unit_code})")
        if record.valid_until:
            print(f"Có giá trị đến ngày {format_vn_date(record.valid_until)}.")
        if check.revoke_reason:
            print(f"Lý do thu hồi: {check.revoke_reason}")
    return EXIT_OK if check.outcome.value == "hop_le" else EXIT_FAILED


def _out(path_text: str, *suffixes: str) -> Path:
    path = Path(path_text)
    if path.suffix.lower() not in suffixes:
        raise _refused(f"Tệp «{path_text}» phải có đuôi {' hoặc '.join(suffixes)}.")
    if path.parent and not path.parent.exists():
        raise _refused(f"Thư mục «{path.parent}» không tồn tại.")
    return path


def _print_decision(services, args, as_json: bool) -> int:
    out = _out(args.out, ".pdf", ".docx")
    decision = services.decisions.find(args.reference)
    if out.suffix.lower() == ".docx":
        services.decisions.write_docx(decision.id, out)
    else:
        services.decisions.write_pdf(decision.id, out)
    label = f"Quyết định số {decision.number}" if decision.number else "Dự thảo quyết định"
    print(f"Đã ghi {label} vào «{out}».")
    return EXIT_OK


def _print_proposal(services, args, as_json: bool) -> int:
    out = _out(args.out, ".pdf")
    decision = services.decisions.find(args.reference)
    services.decisions.write_proposal_pdf(decision.id, out, mask_ids=args.mask_ids, on=_date(args.date, "--date"))
    masked = " (đã che số CCCD)" if args.mask_ids else ""
    print(f"Đã ghi văn bản đề nghị{masked} vào «{out}».")
    return EXIT_OK


def _print_certificates(services, args, as_json: bool) -> int:
    out = _out(args.out, ".pdf")
    team = _team(services, args.team) if args.team else None
    result = services.certificates.print_for(out, team_id=team.id if team else None)
    if as_json:
        _print_json({"path": str(result.path), "printed": result.printed, "newly_issued": result.newly_issued})
    else:
        if result.newly_issued:
            print(f"Đã cấp mới {result.newly_issued} giấy chứng nhận cho thành viên chưa có.")
        print(f"Đã ghi {result.printed} giấy chứng nhận vào «{out}».")
    return EXIT_OK


def _print_members(services, args, as_json: bool) -> int:
    out = _out(args.out, ".pdf")
    team = _team(services, args.team) if args.team else None
    services.decisions.write_member_list_pdf(out, team_id=team.id if team else None, mask_ids=args.mask_ids)
    masked = " (đã che số CCCD)" if args.mask_ids else ""
    print(f"Đã ghi danh sách thành viên{masked} vào «{out}».")
    return EXIT_OK

