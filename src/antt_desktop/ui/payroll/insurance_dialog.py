"""The dialog that edits one member's insurance: BHYT coverage and card, BHXH tự nguyện."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)

from antt_desktop.domain.dates import format_vn_date, parse_vn_date
from antt_desktop.domain.errors import DomainError
from antt_desktop.domain.insurance import (
    BHYT_COVERAGE_LABELS,
    HOUSEHOLD_GROUP_LABELS,
    BhytCoverage,
    HouseholdGroup,
    InsuranceDraft,
    InsuranceRecord,
)
from antt_desktop.domain.money import format_amount, parse_amount


class InsuranceDialog(QDialog):
    """`on_save(draft) -> bool` stores the draft; the dialog closes only when it returns True."""

    def __init__(self, member_name: str, record: InsuranceRecord | None,
                 on_save: Callable[[InsuranceDraft], bool], parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Bảo hiểm — {member_name}")
        self.setMinimumWidth(480)
        self._on_save = on_save
        self._build_layout()
        self._fill(record)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.bhxh_check.toggled.connect(self._on_bhxh_check_toggled)
        self._on_bhxh_check_toggled(self.bhxh_check.isChecked())

    def _build_layout(self) -> None:
        self.coverage_combo = QComboBox()
        for coverage in BhytCoverage:
            self.coverage_combo.addItem(BHYT_COVERAGE_LABELS[coverage], coverage.value)
        self.card_edit = QLineEdit()
        self.card_edit.setPlaceholderText("GD4797912345678 hoặc mã số BHXH 10 số")
        self.valid_from_edit = QLineEdit()
        self.valid_to_edit = QLineEdit()
        for edit in (self.valid_from_edit, self.valid_to_edit):
            edit.setPlaceholderText("ngày/tháng/năm")
        self.place_edit = QLineEdit()
        bhyt = QGroupBox("Bảo hiểm y tế")
        form = QFormLayout(bhyt)
        form.addRow("Đối tượng đóng", self.coverage_combo)
        form.addRow("Mã thẻ", self.card_edit)
        form.addRow("Giá trị từ ngày", self.valid_from_edit)
        form.addRow("Đến ngày", self.valid_to_edit)
        form.addRow("Nơi KCB ban đầu", self.place_edit)

        self.bhxh_check = QCheckBox("Có tham gia BHXH tự nguyện")
        self.bhxh_number_edit = QLineEdit()
        self.bhxh_from_edit = QLineEdit()
        self.bhxh_from_edit.setPlaceholderText("ngày/tháng/năm")
        self.income_edit = QLineEdit()
        self.income_edit.setPlaceholderText("để trống: mức thấp nhất")
        self.income_edit.setToolTip("Để trống thì đóng theo mức thấp nhất (chuẩn hộ nghèo khu vực nông thôn).")
        self.group_combo = QComboBox()
        for group in HouseholdGroup:
            self.group_combo.addItem(HOUSEHOLD_GROUP_LABELS[group], group.value)
        bhxh = QGroupBox("Bảo hiểm xã hội tự nguyện")
        form = QFormLayout(bhxh)
        form.addRow(self.bhxh_check)
        form.addRow("Mã số BHXH", self.bhxh_number_edit)
        form.addRow("Tham gia từ ngày", self.bhxh_from_edit)
        form.addRow("Thu nhập chọn đóng (đồng)", self.income_edit)
        form.addRow("Nhóm đối tượng", self.group_combo)

        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #B00020;")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText("Lưu")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Hủy")
        for button in self.buttons.buttons():          # no platform icons: no other dialog has them
            button.setIcon(QIcon())
        layout = QVBoxLayout(self)
        layout.addWidget(bhyt)
        layout.addWidget(bhxh)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

    def _fill(self, record: InsuranceRecord | None) -> None:
        if record is None:
            return
        self.coverage_combo.setCurrentIndex(self.coverage_combo.findData(record.bhyt_coverage.value))
        self.card_edit.setText(record.bhyt_card_number)
        self.valid_from_edit.setText(format_vn_date(record.bhyt_valid_from))
        self.valid_to_edit.setText(format_vn_date(record.bhyt_valid_to))
        self.place_edit.setText(record.bhyt_place)
        self.bhxh_check.setChecked(record.bhxh_participating)
        self.bhxh_number_edit.setText(record.bhxh_number)
        self.bhxh_from_edit.setText(format_vn_date(record.bhxh_from))
        self.income_edit.setText(format_amount(record.bhxh_income_dong) if record.bhxh_income_dong else "")
        self.group_combo.setCurrentIndex(self.group_combo.findData(record.bhxh_group.value))

    def _on_bhxh_check_toggled(self, checked: bool) -> None:
        for widget in (self.bhxh_number_edit, self.bhxh_from_edit, self.income_edit, self.group_combo):
            widget.setEnabled(checked)

    @staticmethod
    def _date(edit: QLineEdit):
        text = edit.text().strip()
        return parse_vn_date(text) if text else None

    def draft(self) -> InsuranceDraft:
        """What the form says; raises the DomainError of the first unreadable field."""
        income_text = self.income_edit.text().strip()
        return InsuranceDraft(
            bhyt_coverage=BhytCoverage(self.coverage_combo.currentData()),
            bhyt_card_number=self.card_edit.text(),
            bhyt_valid_from=self._date(self.valid_from_edit),
            bhyt_valid_to=self._date(self.valid_to_edit),
            bhyt_place=self.place_edit.text(),
            bhxh_participating=self.bhxh_check.isChecked(),
            bhxh_number=self.bhxh_number_edit.text(),
            bhxh_from=self._date(self.bhxh_from_edit),
            bhxh_income_dong=parse_amount(income_text) if income_text else None,
            bhxh_group=HouseholdGroup(self.group_combo.currentData()),
        )

    def accept(self) -> None:
        from antt_desktop.messages import describe

        try:
            draft = self.draft()
        except DomainError as error:
            self.error_label.setText(describe(error))
            return
        if self._on_save(draft):
            super().accept()
