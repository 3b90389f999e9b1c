"""First run: set up the user's own unit (with the province's resolution), or open the demo commune."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from antt_desktop.domain.errors import DomainError
from antt_desktop.domain.people import UnitMode
from antt_desktop.domain.units import InvalidUnitCode, MissingUnitName, UnitSetup, UnknownProvince
from antt_desktop.messages import describe
from antt_desktop.services.units import resolve_province
from antt_desktop.ui.field_notes import FieldNote
from antt_desktop.ui.jobs import JobRunner
from antt_desktop.ui.settings.unit_tab import SIGNATURE_FORMS, policy_label

AUTOMATIC_POLICY = "auto"


class FirstRunDialog(QDialog):
    """Asks for the unit (code, name, province, signers, resolution) or fills the demo commune."""

    unit_set_up = Signal(object)

    def __init__(self, services, parent=None, *, jobs=None) -> None:
        super().__init__(parent)
        self._services = services
        self.jobs = jobs if jobs is not None else JobRunner(self)
        self.setWindowTitle("ANTT Desktop — Thiết lập lần đầu")
        self.setMinimumWidth(640)
        # The shipped resolutions are reference data: copied once so they can be listed here.
        services.policies.seed_shipped()
        self._province_code: str | None = None
        self._build_layout()
        self._connect_signals()
        self._on_province_changed(self.province_combo.currentText())

    def _build_layout(self) -> None:
        intro = QLabel(
            "<b>Chào mừng đến với ANTT Desktop.</b><br>Khai báo đơn vị của bạn để bắt đầu; "
            "các thông tin này được in trên quyết định và báo cáo, và có thể sửa sau trong "
            "<i>Cài đặt › Đơn vị</i>. Muốn xem thử trước, hãy mở dữ liệu mẫu của Xã Tân Phú.")
        intro.setWordWrap(True)
        self.code_edit = QLineEdit()
        self.code_edit.setPlaceholderText("mã đơn vị hành chính, ví dụ 26734")
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText("ví dụ: Xã Tân Phú")
        self.province_combo = QComboBox()
        self.province_combo.setEditable(True)
        self.province_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        provinces = sorted(self._services.context.province_codes.items(), key=lambda item: item[1])
        for code, name in provinces:
            self.province_combo.addItem(name, code)
        completer = QCompleter([name for _, name in provinces], self.province_combo)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.province_combo.setCompleter(completer)
        self.province_combo.setCurrentIndex(max(self.province_combo.findText("Gia Lai"), 0))
        self.mode_combo = QComboBox()
        self.mode_combo.addItem("Công an cấp xã", UnitMode.COMMUNE)
        self.mode_combo.addItem("Đơn vị cấp trên (tổng hợp nhiều xã)", UnitMode.AGGREGATOR)
        self.higher_edit = QLineEdit()
        self.policy_combo = QComboBox()
        self.policy_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.policy_combo.setMinimumContentsLength(36)
        self.chairman_edit = QLineEdit()
        self.chairman_edit.setPlaceholderText("họ và tên Chủ tịch UBND cấp xã")
        self.chairman_title_edit = QLineEdit("CHỦ TỊCH")
        self.signature_combo = QComboBox()
        for value, label in SIGNATURE_FORMS:
            self.signature_combo.addItem(label, value)
        self.signature_combo.setCurrentIndex(max(self.signature_combo.findData("TM."), 0))
        self.police_chief_edit = QLineEdit()
        self.police_chief_edit.setPlaceholderText("họ và tên Trưởng Công an xã")
        self.notes = {name: FieldNote() for name in ("code", "name", "province")}

        unit_box = QGroupBox("Đơn vị")
        form = QFormLayout(unit_box)
        form.addRow("Mã đơn vị *", self.code_edit)
        form.addRow("", self.notes["code"])
        form.addRow("Tên đơn vị *", self.name_edit)
        form.addRow("", self.notes["name"])
        form.addRow("Tỉnh, thành phố *", self.province_combo)
        form.addRow("", self.notes["province"])
        form.addRow("Chế độ", self.mode_combo)
        form.addRow("Đơn vị cấp trên", self.higher_edit)
        form.addRow("Nghị quyết áp dụng", self.policy_combo)
        signers_box = QGroupBox("Người ký văn bản")
        signers = QFormLayout(signers_box)
        signers.addRow("Chủ tịch UBND", self.chairman_edit)
        signers.addRow("Chức danh", self.chairman_title_edit)
        signers.addRow("Thẩm quyền ký", self.signature_combo)
        signers.addRow("Trưởng Công an", self.police_chief_edit)

        self.form_note = FieldNote()
        self.database_label = QLabel(f"Dữ liệu lưu tại: {self._services.target}")
        self.database_label.setWordWrap(True)
        self.database_label.setStyleSheet("color: #555;")
        self.database_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.set_up_button = QPushButton("Khai báo đơn vị")
        self.set_up_button.setDefault(True)
        self.demo_button = QPushButton("Mở dữ liệu mẫu")
        self.demo_button.setAutoDefault(False)
        self.cancel_button = QPushButton("Thoát")
        self.cancel_button.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.demo_button)
        buttons.addStretch()
        buttons.addWidget(self.set_up_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(unit_box)
        layout.addWidget(signers_box)
        layout.addWidget(self.form_note)
        layout.addWidget(self.database_label)
        layout.addLayout(buttons)

    def _connect_signals(self) -> None:
        self.set_up_button.clicked.connect(self._on_set_up_button_clicked)
        self.demo_button.clicked.connect(self._on_demo_button_clicked)
        self.cancel_button.clicked.connect(self.reject)
        self.province_combo.currentTextChanged.connect(self._on_province_changed)
        self.code_edit.textEdited.connect(lambda _text: self.notes["code"].clear_note())
        self.name_edit.textEdited.connect(lambda _text: self.notes["name"].clear_note())

    def _on_province_changed(self, text: str) -> None:
        try:
            code, name = resolve_province(text, self._services.context.province_codes)
        except UnknownProvince:
            self._province_code = None
            self.higher_edit.setPlaceholderText("Công an tỉnh …")
            self._fill_policies(None)
            return
        self.notes["province"].clear_note()
        self._province_code = code
        prefix = "Công an thành phố" if name in ("Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng",
                                                 "Cần Thơ", "Huế") else "Công an tỉnh"
        self.higher_edit.setPlaceholderText(f"{prefix} {name}")
        self._fill_policies(code)

    def _fill_policies(self, province_code: str | None) -> None:
        self.policy_combo.clear()
        candidates = self._services.policies.candidates_for(province_code) if province_code else []
        if candidates:
            self.policy_combo.addItem("Tự chọn nghị quyết đang có hiệu lực", AUTOMATIC_POLICY)
        else:
            self.policy_combo.addItem("Chưa có nghị quyết của tỉnh này: nhập định mức từng tổ", None)
        for stored in candidates:
            self.policy_combo.addItem(policy_label(stored), stored.id)
        self.policy_combo.setEnabled(bool(candidates))

    def setup(self) -> UnitSetup:
        """What the form holds, as the unit service takes it."""
        higher = self.higher_edit.text().strip()
        if not higher and self._province_code:
            higher = self.higher_edit.placeholderText()     # "Công an tỉnh Gia Lai"
        return UnitSetup(
            code=self.code_edit.text(), name=self.name_edit.text(),
            province=self.province_combo.currentText(), mode=UnitMode(self.mode_combo.currentData()),
            higher_unit_name=higher,
            chairman_name=self.chairman_edit.text(),
            chairman_title=self.chairman_title_edit.text().strip() or "CHỦ TỊCH",
            signature_form=self.signature_combo.currentData(),
            police_chief_name=self.police_chief_edit.text(),
        )

    def _on_set_up_button_clicked(self) -> None:
        for note in (*self.notes.values(), self.form_note):
            note.clear_note()
        try:
            unit = self._services.units.set_up(self.setup())
            self._services.policies.seed_shipped()      # chooses the resolution in force, if any
            chosen = self.policy_combo.currentData()
            if chosen not in (None, AUTOMATIC_POLICY):
                self._services.policies.choose_for_unit(chosen)
        except InvalidUnitCode as error:
            self._show_field_error("code", error, self.code_edit)
            return
        except MissingUnitName as error:
            self._show_field_error("name", error, self.name_edit)
            return
        except UnknownProvince as error:
            self._show_field_error("province", error, self.province_combo)
            return
        except DomainError as error:
            self.form_note.show_error(describe(error))
            return
        self.unit_set_up.emit(unit)
        self.accept()

    def _show_field_error(self, field: str, error: DomainError, editor) -> None:
        self.notes[field].show_error(describe(error))
        editor.setFocus()

    def _on_demo_button_clicked(self) -> None:
        self.set_up_button.setEnabled(False)
        self.demo_button.setEnabled(False)
        self.jobs.start(self._fill_demo, label="Đang tạo dữ liệu mẫu…", parent=self,
                        on_done=self._on_demo_filled, on_failed=self._on_demo_failed)

    def _fill_demo(self):
        """Worker thread: services only."""
        self._services.demo.fill_commune(with_photos=True)
        self._services.policies.seed_shipped()
        return self._services.units.own_unit()

    def _on_demo_filled(self, unit) -> None:
        self.unit_set_up.emit(unit)
        self.accept()

    def _on_demo_failed(self, error: Exception) -> None:
        self.set_up_button.setEnabled(True)
        self.demo_button.setEnabled(True)
        self.form_note.show_error(describe(error))
