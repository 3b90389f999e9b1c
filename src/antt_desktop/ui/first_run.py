"""First run: set up the user's own unit, or open the demo commune."""

from __future__ import annotations

from PySide6.QtCore import Signal
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

from antt_desktop.domain.errors import DomainError
from antt_desktop.domain.people import UnitMode
from antt_desktop.domain.units import UnitSetup
from antt_desktop.messages import describe


class FirstRunDialog(QDialog):
    """Asks for the unit (code, name, province, signers) or fills the demo commune."""

    unit_set_up = Signal(object)

    def __init__(self, services, parent=None) -> None:
        super().__init__(parent)
        self._services = services
        self.setWindowTitle(self.tr("ANTT Desktop — Thiết lập lần đầu"))
        self.setMinimumWidth(520)
        self._build_layout()
        self._connect_signals()

    def _build_layout(self) -> None:
        intro = QLabel(self.tr(
            "<b>Chào mừng đến với ANTT Desktop.</b><br>Khai báo đơn vị của bạn để bắt đầu, "
            "hoặc mở dữ liệu mẫu của Xã Tân Phú để dùng thử."))
        intro.setWordWrap(True)
        self.code_edit = QLineEdit()
        self.code_edit.setPlaceholderText("ví dụ: 26734")
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText("ví dụ: Xã Tân Phú")
        self.province_combo = QComboBox()
        self.province_combo.setEditable(True)
        for code, name in sorted(self._services.context.province_codes.items(), key=lambda i: i[1]):
            self.province_combo.addItem(name, code)
        self.mode_combo = QComboBox()
        self.mode_combo.addItem(self.tr("Công an cấp xã"), UnitMode.COMMUNE)
        self.mode_combo.addItem(self.tr("Đơn vị cấp trên (tổng hợp nhiều xã)"), UnitMode.AGGREGATOR)
        self.higher_edit = QLineEdit()
        self.higher_edit.setPlaceholderText("ví dụ: Công an tỉnh Gia Lai")
        self.chairman_edit = QLineEdit()
        self.police_chief_edit = QLineEdit()
        form = QFormLayout()
        form.addRow(self.tr("Mã đơn vị"), self.code_edit)
        form.addRow(self.tr("Tên đơn vị"), self.name_edit)
        form.addRow(self.tr("Tỉnh, thành phố"), self.province_combo)
        form.addRow(self.tr("Chế độ"), self.mode_combo)
        form.addRow(self.tr("Đơn vị cấp trên"), self.higher_edit)
        form.addRow(self.tr("Chủ tịch UBND"), self.chairman_edit)
        form.addRow(self.tr("Trưởng Công an"), self.police_chief_edit)
        self.error_label = QLabel()
        self.error_label.setStyleSheet("color: #b00020")
        self.error_label.setWordWrap(True)
        self.set_up_button = QPushButton(self.tr("Khai báo đơn vị"))
        self.set_up_button.setDefault(True)
        self.demo_button = QPushButton(self.tr("Mở dữ liệu mẫu"))
        self.cancel_button = QPushButton(self.tr("Thoát"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.demo_button)
        buttons.addStretch()
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.set_up_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addLayout(buttons)

    def _connect_signals(self) -> None:
        self.set_up_button.clicked.connect(self._on_set_up_button_clicked)
        self.demo_button.clicked.connect(self._on_demo_button_clicked)
        self.cancel_button.clicked.connect(self.reject)

    def _on_set_up_button_clicked(self) -> None:
        province = self.province_combo.currentText()
        try:
            unit = self._services.units.set_up(UnitSetup(
                code=self.code_edit.text(), name=self.name_edit.text(), province=province,
                mode=self.mode_combo.currentData(), higher_unit_name=self.higher_edit.text(),
                chairman_name=self.chairman_edit.text(), police_chief_name=self.police_chief_edit.text(),
            ))
            self._services.policies.seed_shipped()
        except DomainError as error:
            self.error_label.setText(describe(error))
            return
        self.unit_set_up.emit(unit)
        self.accept()

    def _on_demo_button_clicked(self) -> None:
        try:
            self._services.demo.fill_commune(with_photos=True)
            self._services.policies.seed_shipped()
        except DomainError as error:
            self.error_label.setText(describe(error))
            return
        self.unit_set_up.emit(self._services.units.own_unit())
        self.accept()
