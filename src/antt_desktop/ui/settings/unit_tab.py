"""Cài đặt › Đơn vị: the unit's names and signers for documents, and the resolution it applies."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from antt_desktop.domain.dates import format_vn_date
from antt_desktop.domain.errors import DomainError
from antt_desktop.domain.people import UnitMode
from antt_desktop.messages import describe
from antt_desktop.ui.field_notes import FieldNote

# NĐ 30/2020/NĐ-CP, Phụ lục I: the signing authority written above the title.
SIGNATURE_FORMS = (("", "Ký trực tiếp"), ("TM.", "TM. (thay mặt)"), ("KT.", "KT. (ký thay)"),
                   ("Q.", "Q. (quyền)"))
MODE_LABELS = {UnitMode.COMMUNE: "Công an cấp xã", UnitMode.AGGREGATOR: "Đơn vị cấp trên (tổng hợp)"}


def policy_label(stored) -> str:
    """How a resolution reads in a list: number, province, start, confirmation."""
    policy = stored.policy
    parts = [policy.resolution_number or "Nghị quyết chưa rõ số", f"— {policy.province_name}"]
    if policy.effective_from:
        parts.append(f"(từ {format_vn_date(policy.effective_from)})")
    if not policy.confirmed:
        parts.append("— chưa xác nhận đầy đủ")
    return " ".join(parts)


class UnitTab(QWidget):
    """Built as UnitTab(services, prompts)."""

    data_changed = Signal()

    def __init__(self, services, prompts, parent=None, **_options) -> None:
        super().__init__(parent)
        self._services = services
        self._prompts = prompts
        self._unit = None
        self._build_layout()
        self.save_button.clicked.connect(self._on_save_button_clicked)
        self.apply_policy_button.clicked.connect(self._on_apply_policy_button_clicked)
        self.policy_combo.currentIndexChanged.connect(self._on_policy_combo_changed)
        self.refresh()

    def _build_layout(self) -> None:
        self.code_label = QLabel()
        self.province_label = QLabel()
        self.mode_label = QLabel()
        self.name_edit = QLineEdit()
        self.higher_edit = QLineEdit()
        self.committee_edit = QLineEdit()
        self.place_edit = QLineEdit()
        self.place_edit.setPlaceholderText("địa danh ghi ở dòng «…, ngày … tháng … năm …»")
        self.chairman_edit = QLineEdit()
        self.chairman_title_edit = QLineEdit()
        self.signature_combo = QComboBox()
        for value, label in SIGNATURE_FORMS:
            self.signature_combo.addItem(label, value)
        self.chief_edit = QLineEdit()
        self.chief_title_edit = QLineEdit()
        self.name_note = FieldNote()
        self.form_note = FieldNote()
        self.save_button = QPushButton("Lưu thông tin đơn vị")

        unit_box = QGroupBox("Đơn vị")
        unit_form = QFormLayout(unit_box)
        unit_form.addRow("Mã đơn vị", self.code_label)
        unit_form.addRow("Tỉnh, thành phố", self.province_label)
        unit_form.addRow("Chế độ", self.mode_label)
        unit_form.addRow("Tên đơn vị *", self.name_edit)
        unit_form.addRow("", self.name_note)
        unit_form.addRow("Đơn vị cấp trên", self.higher_edit)
        unit_form.addRow("Tên UBND (in hoa)", self.committee_edit)
        unit_form.addRow("Địa danh", self.place_edit)

        signers_box = QGroupBox("Người ký văn bản")
        signers_form = QFormLayout(signers_box)
        signers_form.addRow("Chủ tịch UBND", self.chairman_edit)
        signers_form.addRow("Chức danh", self.chairman_title_edit)
        signers_form.addRow("Thẩm quyền ký", self.signature_combo)
        signers_form.addRow("Trưởng Công an", self.chief_edit)
        signers_form.addRow("Chức danh", self.chief_title_edit)

        save_row = QHBoxLayout()
        save_row.addWidget(self.form_note)
        save_row.addStretch()
        save_row.addWidget(self.save_button)

        self.policy_combo = QComboBox()
        self.policy_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.policy_combo.setMinimumContentsLength(40)
        self.apply_policy_button = QPushButton("Áp dụng nghị quyết này")
        self.policy_note = QLabel()
        self.policy_note.setWordWrap(True)
        policy_box = QGroupBox("Nghị quyết của tỉnh áp dụng cho đơn vị")
        policy_layout = QVBoxLayout(policy_box)
        policy_row = QHBoxLayout()
        policy_row.addWidget(self.policy_combo, 1)
        policy_row.addWidget(self.apply_policy_button)
        policy_layout.addLayout(policy_row)
        policy_layout.addWidget(self.policy_note)

        columns = QHBoxLayout()
        columns.addWidget(unit_box, 1)
        columns.addWidget(signers_box, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(columns)
        layout.addLayout(save_row)
        layout.addWidget(policy_box)
        layout.addStretch()

    def refresh(self) -> None:
        unit = self._services.units.own_unit()
        self._unit = unit
        self.setEnabled(unit is not None)
        if unit is None:
            return
        self.code_label.setText(unit.code)
        self.province_label.setText(f"{unit.province_name} (mã {unit.province_code})")
        self.mode_label.setText(MODE_LABELS.get(unit.mode, unit.mode.value))
        self.name_edit.setText(unit.name)
        self.higher_edit.setText(unit.higher_unit_name)
        self.committee_edit.setText(unit.people_committee_name)
        self.place_edit.setText(unit.place_name)
        self.chairman_edit.setText(unit.chairman_name)
        self.chairman_title_edit.setText(unit.chairman_title)
        self.signature_combo.setCurrentIndex(max(self.signature_combo.findData(unit.signature_form), 0))
        self.chief_edit.setText(unit.police_chief_name)
        self.chief_title_edit.setText(unit.police_chief_title)
        self._fill_policies(unit)

    def _fill_policies(self, unit) -> None:
        candidates = self._services.policies.candidates_for(unit.province_code)
        current = self._services.policies.unit_policy()
        if current is not None and current.id not in {c.id for c in candidates}:
            candidates.insert(0, current)
        self.policy_combo.blockSignals(True)
        self.policy_combo.clear()
        self.policy_combo.addItem("Chưa chọn (định mức nhập riêng cho từng tổ)", None)
        for stored in candidates:
            self.policy_combo.addItem(policy_label(stored), stored.id)
        self.policy_combo.setCurrentIndex(
            max(self.policy_combo.findData(current.id), 0) if current is not None else 0)
        self.policy_combo.blockSignals(False)
        self._current_policy_id = current.id if current is not None else None
        self._on_policy_combo_changed()

    def _on_policy_combo_changed(self, *_args) -> None:
        chosen = self.policy_combo.currentData()
        self.apply_policy_button.setEnabled(chosen is not None and chosen != self._current_policy_id)
        if self.policy_combo.count() == 1:
            self.policy_note.setText("Chưa có nghị quyết nào của tỉnh này trong dữ liệu. Định mức "
                                     "của các tổ cần nhập riêng trong «Thôn/Tổ».")
        elif chosen == self._current_policy_id and chosen is not None:
            self.policy_note.setText("Đơn vị đang áp dụng nghị quyết này.")
        else:
            self.policy_note.setText("Bấm «Áp dụng nghị quyết này» để dùng nghị quyết đã chọn cho "
                                     "định mức tổ và mức hỗ trợ.")

    def _on_apply_policy_button_clicked(self) -> None:
        chosen = self.policy_combo.currentData()
        if chosen is None:
            return
        try:
            self._services.policies.choose_for_unit(chosen)
        except DomainError as error:
            self.policy_note.setText(describe(error))
            return
        self.refresh()
        self.data_changed.emit()

    def _on_save_button_clicked(self) -> None:
        if self._unit is None:
            return
        self.name_note.clear_note()
        self.form_note.clear_note()
        after = replace(
            self._unit, name=self.name_edit.text(), higher_unit_name=self.higher_edit.text().strip(),
            people_committee_name=self.committee_edit.text().strip(),
            place_name=self.place_edit.text().strip(), chairman_name=self.chairman_edit.text().strip(),
            chairman_title=self.chairman_title_edit.text().strip(),
            signature_form=self.signature_combo.currentData(),
            police_chief_name=self.chief_edit.text().strip(),
            police_chief_title=self.chief_title_edit.text().strip())
        try:
            self._services.units.update(after)
        except DomainError as error:
            target = self.name_note if not self.name_edit.text().strip() else self.form_note
            target.show_error(describe(error))
            return
        self.refresh()
        self.form_note.show_done("Đã lưu thông tin đơn vị.")
        self.data_changed.emit()
