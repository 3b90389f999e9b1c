"""`antt users add|list|passwd|role|enable|disable|unlock` and the command line's log-in (issue #8).

Once a database has accounts, every command runs as a logged-in user: `--login TÊN` (or the
ANTT_USER variable) and the password from ANTT_PASSWORD, or asked on the terminal. Without
accounts (a new database, or one from before accounts existed) commands run as the
administrator, under the computer's login name, so that `antt init` and support scripts work.

A new password is asked twice on a terminal, or read as one line from standard input:

    echo 'MatKhau2024' | antt users add quantri --full-name "Lê Văn Tâm"

The first account is always the administrator (quản trị).
"""

from __future__ import annotations

import getpass
import json
import os
import sys

from antt_desktop.domain.access import ROLE_LABELS, Role
from antt_desktop.domain.accounts import NotLoggedIn, PasswordsDiffer

EXIT_OK, EXIT_FAILED = 0, 1
ROLE_CHOICES = [role.value for role in Role]
ROLE_HELP = ", ".join(f"{role.value} = {ROLE_LABELS[role]}" for role in Role)


def register(commands, common) -> None:
    users = commands.add_parser("users", aliases=["user"], parents=[common], help="tài khoản người dùng",
                                description="Tài khoản đăng nhập và vai trò: " + ROLE_HELP + ".")
    sub = users.add_subparsers(dest="users_command", metavar="LỆNH")
    add = sub.add_parser("add", parents=[common], help="tạo tài khoản (mật khẩu hỏi khi chạy hoặc đọc từ stdin)")
    add.add_argument("username", metavar="TÊN", help="tên đăng nhập: chữ không dấu, số, . - _")
    add.add_argument("--full-name", default="", metavar="HỌ_TÊN", help="họ và tên người dùng")
    add.add_argument("--role", choices=ROLE_CHOICES, default=None,
                     help=f"vai trò ({ROLE_HELP}); tài khoản đầu tiên luôn là quản trị")
    sub.add_parser("list", parents=[common], help="danh sách tài khoản")
    passwd = sub.add_parser("passwd", parents=[common], help="đặt mật khẩu mới cho một tài khoản")
    passwd.add_argument("username", metavar="TÊN")
    role = sub.add_parser("role", parents=[common], help="đổi vai trò của một tài khoản")
    role.add_argument("username", metavar="TÊN")
    role.add_argument("role", choices=ROLE_CHOICES, metavar="VAI_TRÒ", help=ROLE_HELP)
    for name, help_text in (("enable", "cho dùng lại tài khoản"), ("disable", "ngừng tài khoản"),
                            ("unlock", "mở khóa tài khoản bị khóa do nhập sai mật khẩu")):
        sub.add_parser(name, parents=[common], help=help_text).add_argument("username", metavar="TÊN")
    users.set_defaults(handler=_users, creates_database=False)


def log_in(services, args):
    """The services as the logged-in user once accounts exist; unchanged before that."""
    if not services.accounts.has_accounts():
        return services
    username = getattr(args, "login", None) or os.environ.get("ANTT_USER", "")
    if not username:
        raise NotLoggedIn()
    password = os.environ.get("ANTT_PASSWORD")
    if password is None:
        if not sys.stdin.isatty():
            raise NotLoggedIn()
        password = getpass.getpass(f"Mật khẩu của {username}: ")
    user = services.accounts.login(username, password)
    return services.with_user(user)


def read_new_password() -> str:
    if sys.stdin.isatty():
        first = getpass.getpass("Mật khẩu mới: ")
        if getpass.getpass("Nhập lại mật khẩu mới: ") != first:
            raise PasswordsDiffer()
        return first
    return sys.stdin.readline().rstrip("\r\n")


def _user_json(user) -> dict:
    return {"username": user.username, "full_name": user.full_name, "role": user.role.value,
            "is_active": user.is_active,
            "locked_until": user.locked_until.isoformat() if user.locked_until else None,
            "last_login_at": user.last_login_at.isoformat() if user.last_login_at else None}


def _users(services, args, as_json: bool) -> int:
    from antt_desktop.messages.accounts import role_label

    command = args.users_command
    accounts = services.accounts
    if command == "add":
        password = read_new_password()
        if not accounts.has_accounts():
            if args.role not in (None, Role.ADMIN.value):
                print("Lỗi: tài khoản đầu tiên phải là tài khoản quản trị (--role quan_tri).", file=sys.stderr)
                return EXIT_FAILED
            user = accounts.create_administrator(args.username, args.full_name, password)
        else:
            if args.role is None:
                print("Lỗi: thiếu vai trò: thêm --role " + "|".join(ROLE_CHOICES) + ".", file=sys.stderr)
                return EXIT_FAILED
            user = accounts.create_user(args.username, args.full_name, Role(args.role), password)
        _print(as_json, _user_json(user),
               f"Đã tạo tài khoản «{user.username}» ({role_label(user.role)}).")
        return EXIT_OK
    if command == "list":
        users = accounts.list_users() if accounts.has_accounts() else []
        if as_json:
            print(json.dumps([_user_json(u) for u in users], ensure_ascii=False, indent=2))
            return EXIT_OK
        for user in users:
            state = "đang dùng" if user.is_active else "đã ngừng"
            if user.is_locked(services.context.clock()):
                state = f"khóa đến {user.locked_until:%H:%M %d/%m/%Y}"
            print(f"{user.username:<20} {user.full_name:<28} {role_label(user.role):<22} {state}")
        print(f"Tổng cộng: {len(users)} tài khoản.")
        return EXIT_OK
    if command == "passwd":
        password = read_new_password()
        accounts.reset_password(args.username, password)
        _print(as_json, {"username": args.username, "changed": True},
               f"Đã đặt mật khẩu mới cho «{args.username}».")
        return EXIT_OK
    if command == "role":
        user = accounts.set_role(args.username, Role(args.role))
        _print(as_json, _user_json(user), f"«{user.username}» giờ có vai trò {role_label(user.role)}.")
        return EXIT_OK
    if command in ("enable", "disable"):
        user = accounts.set_active(args.username, command == "enable")
        _print(as_json, _user_json(user),
               f"Đã {'cho dùng lại' if user.is_active else 'ngừng'} tài khoản «{user.username}».")
        return EXIT_OK
    if command == "unlock":
        user = accounts.unlock(args.username)
        _print(as_json, _user_json(user), f"Đã mở khóa tài khoản «{user.username}».")
        return EXIT_OK
    print("Lỗi: thiếu lệnh con: dùng «antt users add|list|passwd|role|enable|disable|unlock».", file=sys.stderr)
    return EXIT_FAILED


def _print(as_json: bool, value: dict, text: str) -> None:
    if as_json:
        print(json.dumps(value, ensure_ascii=False, indent=2))
    else:
        print(text)
