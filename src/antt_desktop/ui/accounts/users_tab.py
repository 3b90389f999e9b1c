"""Cài đặt › Tài khoản: users and roles, passwords, lock-out and idle-lock settings (issue #8).

Everyone sees «Đổi mật khẩu của tôi»; the list and the settings need the administrator's
role, which the services check again on every call.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from antt_desktop.domain.access import ROLE_LABELS, Permission, Role, can
from antt_desktop.domain.accounts import SETTING_BOUNDS, AccountSettings, PasswordRules
from antt_desktop.domain.errors import DomainError
from antt_desktop.messages import describe
from antt_desktop.ui.accounts.login_dialog import NewUserDialog, PasswordDialog
from antt_desktop.ui.field_notes import FieldNote
from antt_desktop.ui.record_table_model import RecordTableModel


def _state(user, now) -> str:
    if not user.is_active:
        return "Đã ngừng"
    if user.is_locked(now):
        return f"Khóa đến {user.locked_until:%H:%M %d/%m/%Y}"
    return "Đang dùng"


class UsersTab(QWidget):
    """Built as UsersTab(services, prompts)."""

    data_changed = Signal()

    def __init__(self, services, prompts, parent=None, *, dialogs=None) -> None:
        super().__init__(parent)
        self._services = services
        self._prompts = prompts
        # Tests replace how dialogs run (no real modal): a callable(dialog) -> bool accepted.
        self._run_dialog = dialogs or (lambda dialog: dialog.exec() == dialog.DialogCode.Accepted)
        self.is_admin = can(services.context.role, Permission.MANAGE_USERS)
        self._build_layout()
        self._connect_signals()
        self.refresh()

    def _build_layout(self) -> None:
        now = self._services.context.clock
        self.me_label = QLabel(f"Đang đăng nhập: <b>{self._services.context.actor}</b> "
                               f"({ROLE_LABELS[self._services.context.role]})")
        self.change_my_password_button = QPushButton("Đổi mật khẩu của tôi…")
        me_row = QHBoxLayout()
        me_row.addWidget(self.me_label)
        me_row.addStretch()
        me_row.addWidget(self.change_my_password_button)

        self.model = RecordTableModel((
            ("Tên đăng nhập", lambda u: u.username),
            ("Họ và tên", lambda u: u.full_name),
            ("Vai trò", lambda u: ROLE_LABELS[u.role]),
            ("Trạng thái", lambda u: _state(u, now())),
            ("Đăng nhập gần nhất", lambda u: f"{u.last_login_at:%d/%m/%Y %H:%M}" if u.last_login_at else ""),
        ), self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.add_button = QPushButton("Thêm tài khoản…")
        self.reset_password_button = QPushButton("Đặt lại mật khẩu…")
        self.role_combo = QComboBox()
        for role in (Role.ADMIN, Role.DATA_ENTRY, Role.VIEWER, Role.REVIEWER):
            self.role_combo.addItem(ROLE_LABELS[role], role)
        self.set_role_button = QPushButton("Đổi vai trò")
        self.toggle_active_button = QPushButton("Ngừng tài khoản")
        self.unlock_button = QPushButton("Mở khóa")
        actions = QHBoxLayout()
        for widget in (self.add_button, self.reset_password_button, self.role_combo, self.set_role_button,
                       self.toggle_active_button, self.unlock_button):
            actions.addWidget(widget)
        actions.addStretch()
        self.note = FieldNote()

        self.attempts_spin = QSpinBox()
        self.attempts_spin.setRange(*SETTING_BOUNDS["max_failed_attempts"])
        self.lockout_spin = QSpinBox()
        self.lockout_spin.setRange(*SETTING_BOUNDS["lockout_minutes"])
        self.lockout_spin.setSuffix(" phút")
        self.idle_spin = QSpinBox()
        self.idle_spin.setRange(*SETTING_BOUNDS["idle_lock_minutes"])
        self.idle_spin.setSuffix(" phút")
        self.idle_spin.setSpecialValueText("không tự khóa")
        self.save_settings_button = QPushButton("Lưu cài đặt đăng nhập")
        self.settings_note = FieldNote()
        settings_box = QGroupBox("Đăng nhập")
        form = QFormLayout(settings_box)
        form.addRow("Khóa tài khoản sau số lần nhập sai", self.attempts_spin)
        form.addRow("Thời gian khóa", self.lockout_spin)
        form.addRow("Tự khóa màn hình sau", self.idle_spin)
        form.addRow("", self.save_settings_button)
        form.addRow("", self.settings_note)

        self.users_box = QGroupBox("Tài khoản")
        users_layout = QVBoxLayout(self.users_box)
        users_layout.addWidget(self.table)
        users_layout.addLayout(actions)
        users_layout.addWidget(self.note)
        self.settings_box = settings_box
        self.not_admin_label = QLabel("Chỉ người quản trị xem và quản lý được danh sách tài khoản.")
        self.not_admin_label.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.addLayout(me_row)
        layout.addWidget(self.not_admin_label)
        layout.addWidget(self.users_box, 1)
        layout.addWidget(settings_box)
        self.users_box.setVisible(self.is_admin)
        self.settings_box.setVisible(self.is_admin)
        self.not_admin_label.setVisible(not self.is_admin)

    def _connect_signals(self) -> None:
        self.change_my_password_button.clicked.connect(self._on_change_my_password_button_clicked)
        self.add_button.clicked.connect(self._on_add_button_clicked)
        self.reset_password_button.clicked.connect(self._on_reset_password_button_clicked)
        self.set_role_button.clicked.connect(self._on_set_role_button_clicked)
        self.toggle_active_button.clicked.connect(self._on_toggle_active_button_clicked)
        self.unlock_button.clicked.connect(self._on_unlock_button_clicked)
        self.save_settings_button.clicked.connect(self._on_save_settings_button_clicked)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())

    # ---- data

    def refresh(self) -> None:
        if not self.is_admin:
            return
        selected = self.selected_user()
        self.model.set_rows(self._services.accounts.list_users())
        if selected is not None:
            self.select(selected.username)
        settings = self._services.accounts.settings()
        self.attempts_spin.setValue(settings.max_failed_attempts)
        self.lockout_spin.setValue(settings.lockout_minutes)
        self.idle_spin.setValue(settings.idle_lock_minutes)
        self._update_buttons()

    def selected_user(self):
        index = self.table.currentIndex()
        return self.model.record(index.row()) if index.isValid() else None

    def select(self, username: str) -> None:
        for row, user in enumerate(self.model.records):
            if user.username == username:
                self.table.selectRow(row)
                return

    def _update_buttons(self) -> None:
        """Only what can be done to the chosen account is enabled; a disabled button says why
        (QA finding 11: one's own account, the last administrator, an account that is not locked)."""
        user = self.selected_user()
        self.reset_password_button.setEnabled(user is not None)
        if user is None:
            for button in (self.role_combo, self.set_role_button, self.toggle_active_button, self.unlock_button):
                button.setEnabled(False)
                button.setToolTip("Chọn một tài khoản trong danh sách.")
            return
        self.toggle_active_button.setText("Ngừng tài khoản" if user.is_active else "Cho dùng lại")
        self.role_combo.setCurrentIndex(max(self.role_combo.findData(user.role), 0))
        is_self = user.username == self._services.context.actor
        admins = sum(1 for u in self.model.records if u.role is Role.ADMIN and u.is_active)
        last_admin = user.role is Role.ADMIN and user.is_active and admins <= 1
        if is_self:
            why_not = "Đây là tài khoản bạn đang dùng: người quản trị khác mới đổi được vai trò hay ngừng nó."
        elif last_admin:
            why_not = "Đây là tài khoản Quản trị duy nhất: hãy tạo hoặc cấp quyền Quản trị cho người khác trước."
        else:
            why_not = ""
        for button in (self.role_combo, self.set_role_button):
            button.setEnabled(not why_not)
            button.setToolTip(why_not)
        can_toggle = not why_not or not user.is_active          # giving an account back is always fine
        self.toggle_active_button.setEnabled(can_toggle)
        self.toggle_active_button.setToolTip("" if can_toggle else why_not)
        locked = user.is_locked(self._services.context.clock()) or user.failed_attempts > 0
        self.unlock_button.setEnabled(locked)
        self.unlock_button.setToolTip("" if locked else "Tài khoản này không bị khóa.")

    # ---- actions

    def _after_change(self, text: str) -> None:
        self.refresh()
        self.note.show_done(text)
        self.data_changed.emit()

    def _guarded(self, action) -> None:
        self.note.clear_note()
        try:
            action()
        except DomainError as error:
            self.note.show_error(describe(error))

    def _on_change_my_password_button_clicked(self) -> None:
        dialog = PasswordDialog(self._services, self._services.context.actor, self, needs_current=True)
        if self._run_dialog(dialog):
            self._prompts.inform("Đổi mật khẩu", "Đã đổi mật khẩu.")

    def _on_add_button_clicked(self) -> None:
        dialog = NewUserDialog(self._services, self)
        if self._run_dialog(dialog) and dialog.user is not None:
            self._after_change(f"Đã tạo tài khoản «{dialog.user.username}».")
            self.select(dialog.user.username)

    def _on_reset_password_button_clicked(self) -> None:
        user = self.selected_user()
        if user is None:
            return
        dialog = PasswordDialog(self._services, user.username, self, needs_current=False)
        if self._run_dialog(dialog):
            self._after_change(f"Đã đặt lại mật khẩu cho «{user.username}».")

    def _on_set_role_button_clicked(self) -> None:
        user = self.selected_user()
        if user is None:
            return

        def change():
            after = self._services.accounts.set_role(user.username, self.role_combo.currentData())
            self._after_change(f"«{after.username}» giờ có vai trò {ROLE_LABELS[after.role]}.")

        self._guarded(change)

    def _on_toggle_active_button_clicked(self) -> None:
        user = self.selected_user()
        if user is None:
            return
        if user.is_active and not self._prompts.confirm(
                "Ngừng tài khoản", f"Ngừng tài khoản «{user.username}»? Người này sẽ không đăng nhập được nữa.",
                yes="Ngừng tài khoản"):
            return

        def change():
            after = self._services.accounts.set_active(user.username, not user.is_active)
            self._after_change(f"Đã {'cho dùng lại' if after.is_active else 'ngừng'} tài khoản «{after.username}».")

        self._guarded(change)

    def _on_unlock_button_clicked(self) -> None:
        user = self.selected_user()
        if user is None:
            return

        def change():
            self._services.accounts.unlock(user.username)
            self._after_change(f"Đã mở khóa tài khoản «{user.username}».")

        self._guarded(change)

    def settings(self) -> AccountSettings:
        current = self._services.accounts.settings()
        return AccountSettings(max_failed_attempts=self.attempts_spin.value(),
                               lockout_minutes=self.lockout_spin.value(),
                               idle_lock_minutes=self.idle_spin.value(),
                               password_rules=current.password_rules or PasswordRules())

    def _on_save_settings_button_clicked(self) -> None:
        self.settings_note.clear_note()
        try:
            self._services.accounts.update_settings(self.settings())
        except DomainError as error:
            self.settings_note.show_error(describe(error))
            return
        self.settings_note.show_done("Đã lưu cài đặt đăng nhập.")
        self.data_changed.emit()
