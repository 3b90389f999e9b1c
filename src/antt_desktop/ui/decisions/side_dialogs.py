"""Smaller dialogs of the decisions screen: the certificate template, and the reminder and
refusal log (Luật 30/2023 Điều 17 khoản 3 điểm c)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from antt_desktop.domain.units import DEFAULT_POLICE_CHIEF_TITLE
from antt_desktop.domain.certificates import CARD_FIELDS, DUPLEX_MODES, CertificateTemplate
from antt_desktop.domain.dates import format_vn_date
from antt_desktop.domain.decisions import CONDUCT_LABELS, ConductKind
from antt_desktop.domain.errors import DomainError
from antt_desktop.messages import describe


class CertificateTemplateDialog(QDialog):
    """Mẫu giấy chứng nhận: the official template is UNCONFIRMED (REFERENCE §4.4), so every
    element is a setting; `template()` returns what the service checks and stores."""

    def __init__(self, template: CertificateTemplate, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Mẫu giấy chứng nhận")
        self.width_spin = QDoubleSpinBox(decimals=1, minimum=40, maximum=150, suffix=" mm")
        self.height_spin = QDoubleSpinBox(decimals=1, minimum=30, maximum=120, suffix=" mm")
        self.gutter_spin = QDoubleSpinBox(decimals=1, minimum=0, maximum=20, suffix=" mm")
        self.title_edit = QLineEdit()
        self.subtitle_edit = QLineEdit()
        self.issuer_edit = QPlainTextEdit()
        self.issuer_edit.setPlaceholderText("Để trống: CÔNG AN TỈNH … / CÔNG AN XÃ … theo đơn vị")
        self.signer_title_edit = QLineEdit()
        self.signer_title_edit.setPlaceholderText(f"Để trống: {DEFAULT_POLICE_CHIEF_TITLE} (chức danh đã khai báo)")
        self.signer_name_edit = QLineEdit()
        self.signer_name_edit.setPlaceholderText("Để trống: Trưởng Công an đã khai báo")
        self.validity_spin = QSpinBox(minimum=0, maximum=20, suffix=" năm")
        self.validity_spin.setSpecialValueText("Không thời hạn")
        self.number_edit = QLineEdit()
        self.number_edit.setToolTip("{seq:04d} = số thứ tự 4 chữ số, {year} = năm cấp, {unit} = mã đơn vị")
        self.accent_edit = QLineEdit()
        self.back_edit = QLineEdit()
        self.duplex_combo = QComboBox()
        for key, label in DUPLEX_MODES.items():
            self.duplex_combo.addItem(label, key)
        self.qr_check = QCheckBox("In mã QR kiểm tra ở mặt sau")
        self.notes_edit = QPlainTextEdit()
        self.field_checks = {name: QCheckBox(label) for name, label in CARD_FIELDS.items()}
        fields_box = QGroupBox("Thông tin in trên mặt trước")
        grid = QGridLayout(fields_box)
        for index, check in enumerate(self.field_checks.values()):
            grid.addWidget(check, index // 3, index % 3)

        form = QFormLayout()
        form.addRow("Rộng × cao:", self._pair(self.width_spin, self.height_spin))
        form.addRow("Khoảng cách giữa các thẻ:", self.gutter_spin)
        form.addRow("Tiêu đề:", self.title_edit)
        form.addRow("Dòng dưới tiêu đề:", self.subtitle_edit)
        form.addRow("Cơ quan cấp (mỗi dòng một dòng):", self.issuer_edit)
        form.addRow("Chức vụ người ký:", self.signer_title_edit)
        form.addRow("Người ký:", self.signer_name_edit)
        form.addRow("Thời hạn:", self.validity_spin)
        form.addRow("Mẫu số giấy:", self.number_edit)
        form.addRow("Màu chủ đạo / màu mặt sau:", self._pair(self.accent_edit, self.back_edit))
        form.addRow("In hai mặt:", self.duplex_combo)
        form.addRow("", self.qr_check)
        form.addRow("Ghi chú mặt sau (mỗi dòng một ý):", self.notes_edit)
        buttons = QDialogButtonBox()
        buttons.addButton("Lưu mẫu", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("Hủy", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        note = QLabel("Mẫu chính thức theo Thông tư 14/2024/TT-BCA chưa được xác nhận; mặc định là cỡ thẻ "
                      "ID-1 (85,6 × 54 mm), 10 thẻ trên một tờ A4.")
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(fields_box)
        layout.addWidget(buttons)
        self._load(template)

    @staticmethod
    def _pair(first, second):
        from PySide6.QtWidgets import QHBoxLayout, QWidget

        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(first)
        row.addWidget(second)
        return box

    def _load(self, template: CertificateTemplate) -> None:
        self.width_spin.setValue(template.width_mm)
        self.height_spin.setValue(template.height_mm)
        self.gutter_spin.setValue(template.gutter_mm)
        self.title_edit.setText(template.title)
        self.subtitle_edit.setText(template.subtitle)
        self.issuer_edit.setPlainText("\n".join(template.issuer_lines))
        self.signer_title_edit.setText(template.signer_title)
        self.signer_name_edit.setText(template.signer_name)
        self.validity_spin.setValue(template.validity_years)
        self.number_edit.setText(template.number_format)
        self.accent_edit.setText(template.accent_color)
        self.back_edit.setText(template.back_color)
        self.duplex_combo.setCurrentIndex(self.duplex_combo.findData(template.duplex))
        self.qr_check.setChecked(template.show_qr)
        self.notes_edit.setPlainText("\n".join(template.back_notes))
        for name, check in self.field_checks.items():
            check.setChecked(name in template.fields)
        self._order = [n for n in template.fields] + [n for n in CARD_FIELDS if n not in template.fields]

    def template(self) -> CertificateTemplate:
        return CertificateTemplate(
            width_mm=self.width_spin.value(), height_mm=self.height_spin.value(),
            title=self.title_edit.text(), subtitle=self.subtitle_edit.text(),
            fields=tuple(n for n in self._order if self.field_checks[n].isChecked()),
            issuer_lines=tuple(self.issuer_edit.toPlainText().splitlines()),
            signer_title=self.signer_title_edit.text(), signer_name=self.signer_name_edit.text(),
            validity_years=self.validity_spin.value(), number_format=self.number_edit.text(),
            accent_color=self.accent_edit.text().strip(), back_color=self.back_edit.text().strip(),
            back_notes=tuple(self.notes_edit.toPlainText().splitlines()),
            gutter_mm=self.gutter_spin.value(), duplex=self.duplex_combo.currentData(),
            show_qr=self.qr_check.isChecked(),
        )


class ConductDialog(QDialog):
    """Sổ nhắc nhở và từ chối nhiệm vụ of the active members: the evidence ground (c) needs."""

    def __init__(self, services, prompts, parent=None) -> None:
        super().__init__(parent)
        self._services = services
        self._prompts = prompts
        self.setWindowTitle("Sổ nhắc nhở bằng văn bản và từ chối nhiệm vụ")
        self.resize(760, 520)
        self.member_combo = QComboBox()
        for row in services.members.list_rows():
            if row.status.value == "active":
                self.member_combo.addItem(f"{row.full_name} — {row.team_name}", row.id)
        self.kind_combo = QComboBox()
        for kind in ConductKind:
            self.kind_combo.addItem(CONDUCT_LABELS[kind], kind)
        today = services.context.today()
        self.date_edit = QDateEdit(QDate(today.year, today.month, today.day))
        self.date_edit.setDisplayFormat("dd/MM/yyyy")
        self.date_edit.setCalendarPopup(True)
        self.reference_edit = QLineEdit()
        self.reference_edit.setPlaceholderText("Số văn bản nhắc nhở, ví dụ 12/TB-CAX")
        self.note_edit = QLineEdit()
        self.add_button = QPushButton("Ghi vào sổ")
        self.log_table = QTableWidget(0, 4)
        self.log_table.setHorizontalHeaderLabels(["Ngày", "Loại", "Số văn bản", "Nội dung"])
        self.log_table.horizontalHeader().setStretchLastSection(True)
        self.counts_label = QLabel()
        form = QFormLayout()
        form.addRow("Thành viên:", self.member_combo)
        form.addRow("Loại:", self.kind_combo)
        form.addRow("Ngày:", self.date_edit)
        form.addRow("Số văn bản:", self.reference_edit)
        form.addRow("Nội dung:", self.note_edit)
        form.addRow("", self.add_button)
        close = QDialogButtonBox()
        close.addButton("Đóng", QDialogButtonBox.ButtonRole.RejectRole)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.counts_label)
        layout.addWidget(self.log_table)
        layout.addWidget(close)
        self.member_combo.currentIndexChanged.connect(self._on_member_combo_changed)
        self.add_button.clicked.connect(self._on_add_button_clicked)
        self._on_member_combo_changed(0)

    def _on_member_combo_changed(self, _index: int) -> None:
        member_id = self.member_combo.currentData()
        events = self._services.decisions.conduct_log(member_id) if member_id else []
        self.log_table.setRowCount(len(events))
        for row, event in enumerate(events):
            for column, value in enumerate((format_vn_date(event.occurred_on), CONDUCT_LABELS[event.kind],
                                            event.reference, event.description)):
                self.log_table.setItem(row, column, QTableWidgetItem(value))
        reminders = sum(e.kind is ConductKind.REMINDER for e in events)
        refusals = sum(e.kind is ConductKind.REFUSAL for e in events)
        ready = "đủ" if reminders >= 2 and refusals >= 2 else "chưa đủ"
        self.counts_label.setText(f"{reminders} lần nhắc nhở, {refusals} lần từ chối nhiệm vụ — {ready} căn cứ "
                                  "điểm c khoản 3 Điều 17.")

    def _on_add_button_clicked(self) -> None:
        member_id = self.member_combo.currentData()
        if not member_id:
            return
        value = self.date_edit.date()
        try:
            self._services.decisions.record_conduct(
                member_id, ConductKind(self.kind_combo.currentData()), date(value.year(), value.month(), value.day()),
                reference=self.reference_edit.text(), description=self.note_edit.text())
        except DomainError as error:
            self._prompts.error("Không ghi được", describe(error))
            return
        self.reference_edit.clear()
        self.note_edit.clear()
        self._on_member_combo_changed(self.member_combo.currentIndex())
