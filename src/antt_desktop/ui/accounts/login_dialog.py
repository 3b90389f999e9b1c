"""Log-in at start and after the idle lock; the first administrator; password dialogs (issue #8)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from antt_desktop.domain.access import ROLE_LABELS, Role
from antt_desktop.domain.accounts import PasswordsDiffer
from antt_desktop.domain.errors import DomainError
from antt_desktop.messages import describe
from antt_desktop.ui.field_notes import FieldNote

DEFAULT_ADMIN_NAME = "quantri"


def _password_edit(placeholder: str = "") -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    if placeholder:
        edit.setPlaceholderText(placeholder)
    return edit


def _buttons(accept_text: str, reject_text: str) -> tuple[QHBoxLayout, QPushButton, QPushButton]:
    accept = QPushButton(accept_text)
    accept.setDefault(True)
    reject = QPushButton(reject_text)
    reject.setAutoDefault(False)
    row = QHBoxLayout()
    row.addStretch()
    row.addWidget(accept)
    row.addWidget(reject)
    return row, accept, reject


class LoginDialog(QDialog):
    """Đăng nhập. `user` holds the account after acceptance. With `locked_for`, the screen
    was locked: the name is filled in, and another user may still log in instead."""

    logged_in = Signal(object)

    def __init__(self, services, parent=None, *, locked_for: str = "") -> None:
        super().__init__(parent)
        self._services = services
        self.user = None
        unit = services.units.own_unit()
        self.setWindowTitle("ANTT Desktop — Đăng nhập" if not locked_for else "ANTT Desktop — Màn hình đã khóa")
        self.setMinimumWidth(420)
        if locked_for:
            text = (f"<b>Màn hình đã khóa.</b><br>Nhập mật khẩu của «{locked_for}» để tiếp tục, "
                    "hoặc đăng nhập bằng tài khoản khác.")
        else:
            text = f"<b>{unit.name if unit else 'ANTT Desktop'}</b><br>Đăng nhập để tiếp tục."
        self.intro_label = QLabel(text)
        self.intro_label.setWordWrap(True)
        self.username_edit = QLineEdit(locked_for)
        self.username_edit.setPlaceholderText("tên đăng nhập")
        self.password_edit = _password_edit("mật khẩu")
        self.note = FieldNote()
        row, self.login_button, self.quit_button = _buttons("Đăng nhập", "Thoát")
        form = QFormLayout()
        form.addRow("Tên đăng nhập", self.username_edit)
        form.addRow("Mật khẩu", self.password_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro_label)
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addLayout(row)
        self.login_button.clicked.connect(self._on_login_button_clicked)
        self.quit_button.clicked.connect(self.reject)
        (self.password_edit if locked_for else self.username_edit).setFocus()

    def _on_login_button_clicked(self) -> None:
        self.note.clear_note()
        try:
            user = self._services.accounts.login(self.username_edit.text(), self.password_edit.text())
        except DomainError as error:
            self.note.show_error(describe(error))
            self.password_edit.clear()
            self.password_edit.setFocus()
            return
        self.user = user
        self.logged_in.emit(user)
        self.accept()


class CreateAdministratorDialog(QDialog):
    """First run: the administrator's account (the head of the commune police). Mandatory."""

    def __init__(self, services, parent=None) -> None:
        super().__init__(parent)
        self._services = services
        self.user = None
        self.setWindowTitle("ANTT Desktop — Tạo tài khoản quản trị")
        self.setMinimumWidth(480)
        unit = services.units.own_unit()
        intro = QLabel(
            "<b>Tạo tài khoản quản trị.</b><br>Dữ liệu có thông tin cá nhân của thành viên, nên từ nay "
            "mỗi lần mở chương trình đều phải đăng nhập. Người quản trị (thường là Trưởng Công an xã) "
            "tạo tài khoản cho cán bộ khác trong <i>Cài đặt › Tài khoản</i>.")
        intro.setWordWrap(True)
        self.username_edit = QLineEdit(DEFAULT_ADMIN_NAME)
        self.full_name_edit = QLineEdit(unit.police_chief_name if unit else "")
        self.password_edit = _password_edit("ít nhất 8 ký tự, có chữ và số")
        self.confirm_edit = _password_edit()
        self.note = FieldNote()
        row, self.create_button, self.quit_button = _buttons("Tạo tài khoản", "Thoát")
        form = QFormLayout()
        form.addRow("Tên đăng nhập", self.username_edit)
        form.addRow("Họ và tên", self.full_name_edit)
        form.addRow("Mật khẩu", self.password_edit)
        form.addRow("Nhập lại mật khẩu", self.confirm_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addLayout(row)
        self.create_button.clicked.connect(self._on_create_button_clicked)
        self.quit_button.clicked.connect(self.reject)
        self.password_edit.setFocus()

    def _on_create_button_clicked(self) -> None:
        self.note.clear_note()
        try:
            if self.password_edit.text() != self.confirm_edit.text():
                raise PasswordsDiffer()
            self.user = self._services.accounts.create_administrator(
                self.username_edit.text(), self.full_name_edit.text(), self.password_edit.text())
        except DomainError as error:
            self.note.show_error(describe(error))
            return
        self.accept()


class NewUserDialog(QDialog):
    """Cài đặt › Tài khoản › Thêm: name, role and a first password."""

    def __init__(self, services, parent=None) -> None:
        super().__init__(parent)
        self._services = services
        self.user = None
        self.setWindowTitle("Thêm tài khoản")
        self.username_edit = QLineEdit()
        self.full_name_edit = QLineEdit()
        self.role_combo = QComboBox()
        for role in (Role.DATA_ENTRY, Role.VIEWER, Role.ADMIN, Role.REVIEWER):
            self.role_combo.addItem(ROLE_LABELS[role], role)
        self.password_edit = _password_edit("ít nhất 8 ký tự, có chữ và số")
        self.confirm_edit = _password_edit()
        self.note = FieldNote()
        row, self.create_button, self.cancel_button = _buttons("Tạo tài khoản", "Hủy")
        form = QFormLayout()
        form.addRow("Tên đăng nhập", self.username_edit)
        form.addRow("Họ và tên", self.full_name_edit)
        form.addRow("Vai trò", self.role_combo)
        form.addRow("Mật khẩu", self.password_edit)
        form.addRow("Nhập lại mật khẩu", self.confirm_edit)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addLayout(row)
        self.create_button.clicked.connect(self._on_create_button_clicked)
        self.cancel_button.clicked.connect(self.reject)

    def _on_create_button_clicked(self) -> None:
        self.note.clear_note()
        try:
            if self.password_edit.text() != self.confirm_edit.text():
                raise PasswordsDiffer()
            self.user = self._services.accounts.create_user(
                self.username_edit.text(), self.full_name_edit.text(), self.role_combo.currentData(),
                self.password_edit.text())
        except DomainError as error:
            self.note.show_error(describe(error))
            return
        self.accept()


class PasswordDialog(QDialog):
    """Change one's own password (`needs_current`), or set another user's (administrator)."""

    def __init__(self, services, username: str, parent=None, *, needs_current: bool = True) -> None:
        super().__init__(parent)
        self._services = services
        self._username = username
        self._needs_current = needs_current
        self.setWindowTitle("Đổi mật khẩu" if needs_current else f"Đặt lại mật khẩu cho «{username}»")
        self.current_edit = _password_edit()
        self.new_edit = _password_edit("ít nhất 8 ký tự, có chữ và số")
        self.confirm_edit = _password_edit()
        self.note = FieldNote()
        row, self.save_button, self.cancel_button = _buttons("Lưu mật khẩu", "Hủy")
        form = QFormLayout()
        if needs_current:
            form.addRow("Mật khẩu hiện tại", self.current_edit)
        else:
            self.current_edit.hide()
        form.addRow("Mật khẩu mới", self.new_edit)
        form.addRow("Nhập lại mật khẩu mới", self.confirm_edit)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addLayout(row)
        self.save_button.clicked.connect(self._on_save_button_clicked)
        self.cancel_button.clicked.connect(self.reject)
        (self.current_edit if needs_current else self.new_edit).setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_save_button_clicked(self) -> None:
        self.note.clear_note()
        try:
            if self.new_edit.text() != self.confirm_edit.text():
                raise PasswordsDiffer()
            if self._needs_current:
                self._services.accounts.change_password(self._username, self.current_edit.text(),
                                                        self.new_edit.text())
            else:
                self._services.accounts.reset_password(self._username, self.new_edit.text())
        except DomainError as error:
            self.note.show_error(describe(error))
            return
        self.accept()
