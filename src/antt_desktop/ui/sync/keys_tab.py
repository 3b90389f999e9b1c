"""Khóa & đơn vị tin cậy (issue #6): this unit's fingerprint, its public key file, and trusting
another unit's key file after comparing the short fingerprint by phone."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from antt_desktop.domain.dates import format_vn_date
from antt_desktop.sync.errors import KeyAlreadyTrusted
from antt_desktop.ui.sync.page import error_text
from antt_desktop.ui.tables import fill_table, read_only_table

KEY_FILTER = "Khóa công khai ANTT (*.antt-key);;Mọi tệp (*)"
MODE_LABELS = {"commune": "Công an cấp xã", "aggregator": "Đơn vị cấp trên"}


class KeysTab(QWidget):
    """Built as KeysTab(services, prompts)."""

    data_changed = Signal()

    def __init__(self, services, prompts, parent=None, **_options) -> None:
        super().__init__(parent)
        self._services = services
        self._prompts = prompts
        self._trusted = []
        self._build_layout()
        self._connect_signals()
        self.refresh()

    def _build_layout(self) -> None:
        own = QGroupBox("Khóa của đơn vị này")
        self.unit_label = QLabel()
        self.fingerprint_label = QLabel()
        font = QFont("Liberation Mono")
        font.setPointSize(16)
        font.setBold(True)
        self.fingerprint_label.setFont(font)
        self.fingerprint_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.explain_label = QLabel(
            "Gửi tệp khóa công khai cho đơn vị kia (USB, thư điện tử), rồi gọi điện đọc dãy số dấu vân tay "
            "ở trên để họ so. Khóa bí mật nằm trong thư mục dữ liệu của máy này và không bao giờ được gửi đi.")
        self.explain_label.setWordWrap(True)
        self.create_button = QPushButton("Tạo cặp khóa")
        self.export_button = QPushButton("Lưu khóa công khai ra tệp…")
        own_buttons = QHBoxLayout()
        own_buttons.addWidget(self.create_button)
        own_buttons.addWidget(self.export_button)
        own_buttons.addStretch()
        own_layout = QVBoxLayout(own)
        own_layout.addWidget(self.unit_label)
        own_layout.addWidget(self.fingerprint_label)
        own_layout.addWidget(self.explain_label)
        own_layout.addLayout(own_buttons)

        trusted = QGroupBox("Đơn vị tin cậy")
        self.trusted_table = read_only_table(["Mã đơn vị", "Tên đơn vị", "Loại", "Dấu vân tay", "Tin cậy từ", "Người xác nhận"])
        self.trust_button = QPushButton("Tin cậy khóa của đơn vị khác…")
        self.untrust_button = QPushButton("Thôi tin cậy đơn vị đã chọn")
        trusted_buttons = QHBoxLayout()
        trusted_buttons.addWidget(self.trust_button)
        trusted_buttons.addWidget(self.untrust_button)
        trusted_buttons.addStretch()
        trusted_layout = QVBoxLayout(trusted)
        trusted_layout.addWidget(self.trusted_table)
        trusted_layout.addLayout(trusted_buttons)

        layout = QVBoxLayout(self)
        layout.addWidget(own)
        layout.addWidget(trusted, 1)

    def _connect_signals(self) -> None:
        self.create_button.clicked.connect(self._on_create_button_clicked)
        self.export_button.clicked.connect(self._on_export_button_clicked)
        self.trust_button.clicked.connect(self._on_trust_button_clicked)
        self.untrust_button.clicked.connect(self._on_untrust_button_clicked)

    def refresh(self) -> None:
        unit = self._services.units.own_unit()
        info = self._services.keys.own()
        if unit is None:
            self.unit_label.setText("Chưa khai báo đơn vị.")
        else:
            self.unit_label.setText(f"{unit.name} ({unit.code}) — dấu vân tay:")
        self.fingerprint_label.setText(info.fingerprint if info else "Chưa có khóa")
        self.create_button.setVisible(info is None)
        self.create_button.setEnabled(unit is not None)
        self.export_button.setEnabled(unit is not None)
        self._trusted = self._services.keys.trusted()
        fill_table(self.trusted_table, [
            [k.unit_code, k.unit_name, MODE_LABELS.get(k.mode, k.mode), k.fingerprint,
             format_vn_date(k.trusted_at.date()), k.trusted_by] for k in self._trusted])
        self.untrust_button.setEnabled(bool(self._trusted))

    def _on_create_button_clicked(self) -> None:
        try:
            info = self._services.keys.ensure()
        except Exception as error:  # noqa: BLE001 — shown to the user
            self._prompts.error("Không tạo được khóa", error_text(error))
            return
        self.refresh()
        self._prompts.inform("Đã tạo khóa", f"Dấu vân tay của đơn vị: {info.fingerprint}")
        self.data_changed.emit()

    def _on_export_button_clicked(self) -> None:
        suggested = Path.home() / self._services.keys.suggested_public_file_name()
        path = self._prompts.save_file("Lưu khóa công khai", KEY_FILTER, suggested)
        if path is None:
            return
        try:
            info = self._services.keys.export_public(path)
        except Exception as error:  # noqa: BLE001
            self._prompts.error("Không lưu được khóa công khai", error_text(error))
            return
        self.refresh()
        self._prompts.inform("Đã lưu khóa công khai",
                             f"Đã ghi «{info.key_file}». Khi gửi tệp, hãy gọi điện đọc dấu vân tay: {info.fingerprint}")
        if info.created:
            self.data_changed.emit()

    def _on_trust_button_clicked(self) -> None:
        path = self._prompts.open_file("Chọn tệp khóa công khai của đơn vị khác", KEY_FILTER)
        if path is None:
            return
        try:
            card = self._services.keys.inspect_file(path)
        except Exception as error:  # noqa: BLE001
            self._prompts.error("Tệp khóa không dùng được", error_text(error))
            return
        question = (f"{card.unit_name} ({card.unit_code}) — {MODE_LABELS.get(card.mode, card.mode)}.\n\n"
                    f"Dấu vân tay: {card.fingerprint}\n\n"
                    "Hãy gọi điện cho đơn vị này và nhờ họ đọc dấu vân tay trên màn hình của họ. "
                    "Chỉ tin cậy khi từng chữ số đều khớp.")
        if not self._prompts.confirm("So dấu vân tay trước khi tin cậy", question,
                                     yes="Đã so, khớp — tin cậy", no="Không khớp — hủy"):
            return
        try:
            outcome = self._services.keys.trust(path, expected_fingerprint=card.fingerprint)
        except KeyAlreadyTrusted as error:
            if not self._prompts.confirm("Đơn vị đã có khóa khác", error_text(error),
                                         yes="Thay bằng khóa mới", no="Giữ khóa cũ"):
                return
            try:
                outcome = self._services.keys.trust(path, expected_fingerprint=card.fingerprint, replace=True)
            except Exception as inner:  # noqa: BLE001
                self._prompts.error("Không tin cậy được khóa", error_text(inner))
                return
        except Exception as error:  # noqa: BLE001
            self._prompts.error("Không tin cậy được khóa", error_text(error))
            return
        self.refresh()
        if outcome.already_trusted:
            self._prompts.inform("Đã tin cậy từ trước", f"Khóa của {card.unit_name} đã được tin cậy từ trước.")
            return
        self._prompts.inform("Đã tin cậy", f"Đã tin cậy khóa của {card.unit_name} ({card.unit_code}).")
        self.data_changed.emit()

    def _on_untrust_button_clicked(self) -> None:
        row = self.trusted_table.currentRow()
        if row < 0 or row >= len(self._trusted):
            self._prompts.warn("Chưa chọn đơn vị", "Hãy chọn một đơn vị trong bảng.")
            return
        key = self._trusted[row]
        if not self._prompts.confirm("Thôi tin cậy", f"Thôi tin cậy khóa của {key.unit_name} ({key.unit_code})? "
                                     "Gói của đơn vị này sẽ bị từ chối cho đến khi tin cậy lại.",
                                     yes="Thôi tin cậy", no="Hủy"):
            return
        try:
            self._services.keys.distrust(key.unit_code)
        except Exception as error:  # noqa: BLE001
            self._prompts.error("Không thực hiện được", error_text(error))
            return
        self.refresh()
        self.data_changed.emit()
