"""Cài đặt › Chính sách của tỉnh: the province's resolutions (view, edit with validation, save as
a new version, apply to the unit), the commune's own payroll choices, and the lương cơ sở table
where an unconfirmed level (2,530,000 from 01/7/2026) is checked and confirmed (issue #5)."""

from __future__ import annotations

import copy
import json
from decimal import Decimal, InvalidOperation
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from antt_desktop.domain.dates import format_vn_date, parse_vn_date
from antt_desktop.domain.errors import DomainError
from antt_desktop.domain.money import format_amount, parse_amount
from antt_desktop.domain.payroll import DUTY_KIND_LABELS
from antt_desktop.domain.people import EDUCATION_LABELS, POSITION_LABELS, Position
from antt_desktop.domain.policies import (
    BaseSalaryEntry,
    ContributionBase,
    DutyAllowanceKind,
    InsuranceSupportMode,
    InvalidPolicyField,
    ProrationRule,
    SupportMode,
    policy_to_dict,
)
from antt_desktop.messages import describe

SUPPORT_MODE_LABELS = {
    SupportMode.FIXED_PER_POSITION: "Số tiền cố định theo chức danh",
    SupportMode.COEFFICIENT_OF_BASE_SALARY: "Hệ số × lương cơ sở",
    SupportMode.FLAT_PLUS_POSITION_ADDON: "Mức chung cộng phần thêm theo chức danh",
    SupportMode.RANGE: "Trong khung, xã chọn mức",
}
INSURANCE_MODE_LABELS = {
    InsuranceSupportMode.FIXED_AMOUNT: "Số tiền cố định mỗi tháng",
    InsuranceSupportMode.PERCENT_OF_CONTRIBUTION: "Tỷ lệ % của mức đóng",
    InsuranceSupportMode.MINIMUM_VOLUNTARY_LEVEL: "Bằng mức đóng BHXH tự nguyện thấp nhất",
    InsuranceSupportMode.UNKNOWN: "Chưa rõ",
}
BASE_LABELS = {
    ContributionBase.UNSPECIFIED: "Mức đóng của người tham gia",
    ContributionBase.CHOSEN_INCOME: "22% thu nhập người tham gia chọn",
    ContributionBase.MINIMUM_VOLUNTARY: "Mức đóng thấp nhất (22% chuẩn nghèo)",
    ContributionBase.MONTHLY_SUPPORT: "Tính trên mức hỗ trợ hằng tháng",
    ContributionBase.HOUSEHOLD_RATE: "BHYT hộ gia đình (4,5% lương cơ sở)",
}
PRORATION_LABELS = {
    ProrationRule.CALENDAR_DAYS: "Theo số ngày tham gia trong tháng",
    ProrationRule.FULL_MONTH: "Đủ tháng nếu có tham gia trong tháng",
}
POSITION_KEYS = {Position.LEADER: "to_truong", Position.DEPUTY: "to_pho", Position.MEMBER: "to_vien"}
_UNCONFIRMED = QBrush(QColor("#FFF1CC"))
TECHNICAL_TITLE = "Chi tiết kỹ thuật (tiếng Anh, cho người hỗ trợ)"


def _fit_headers(table: QTableWidget, *, stretch: int) -> None:
    """Headers never cut: every column at least as wide as its title, one column takes the rest."""
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    table.verticalHeader().setVisible(False)
    table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)


def _money(value) -> str:
    return "chưa rõ" if value is None else f"{format_amount(int(value))} đồng"


def _by_position(values, show) -> str:
    if values is None:
        return "chưa rõ"
    return ", ".join(f"{POSITION_LABELS[p]} {show(values.get(p))}" for p in Position)


def _decimal(value) -> str:
    return "chưa rõ" if value is None else f"{Decimal(value).normalize():f}".replace(".", ",")


def support_summary(support) -> str:
    """The monthly support in one Vietnamese sentence."""
    if support is None:
        return "chưa rõ"
    mode = support.mode
    if mode is SupportMode.FIXED_PER_POSITION:
        text = _by_position(support.amount_dong, _money)
    elif mode is SupportMode.COEFFICIENT_OF_BASE_SALARY:
        text = "hệ số × lương cơ sở: " + _by_position(support.coefficient, _decimal)
    elif mode is SupportMode.FLAT_PLUS_POSITION_ADDON:
        text = f"mức chung {_money(support.flat_dong)}, thêm theo chức danh: " + _by_position(
            support.position_addon_dong, _money)
    else:
        text = f"trong khung từ {_money(support.range_min_dong)} đến {_money(support.range_max_dong)}, xã chọn mức"
    if support.special_area_addon_dong:
        text += f"; địa bàn đặc thù thêm {_money(support.special_area_addon_dong)}"
    return text


def policy_facts(p) -> list[tuple[str, str]]:
    """What an officer needs to read: the resolution, its dates, issuer and amounts, in Vietnamese."""
    valid_to = format_vn_date(p.effective_to) if p.effective_to else "chưa có ngày hết hiệu lực"
    duties = "chưa rõ" if p.duty_allowances is None else (
        "; ".join(f"{DUTY_KIND_LABELS[d.kind]} {_money(d.amount_dong)}/lần" for d in p.duty_allowances)
        or "không quy định")
    return [
        ("Số nghị quyết", p.resolution_number or "chưa rõ"),
        ("Cơ quan ban hành", f"Hội đồng nhân dân tỉnh {p.province_name}"),
        ("Ngày ban hành", format_vn_date(p.issued_on) if p.issued_on else "chưa rõ"),
        ("Hiệu lực", f"từ {format_vn_date(p.effective_from) if p.effective_from else 'chưa rõ'} đến {valid_to}"),
        ("Hỗ trợ hằng tháng", support_summary(p.monthly_support)),
        ("Bồi dưỡng", duties),
    ]


def unconfirmed_labels(p) -> list[str]:
    """The fields still «chưa xác nhận», named in Vietnamese, each once."""
    from antt_desktop.messages.policies import field_label

    labels = []
    for path in p.unconfirmed:
        label = field_label(path)
        if label.startswith("Trường «"):
            label = "Một số mục khác"
        if label not in labels:
            labels.append(label)
    return labels


def technical_text(p, data: dict) -> str:
    """The raw source notes and the whole record, for whoever supports the software."""
    parts = []
    if p.notes:
        parts.append("Ghi chú nguồn:\n" + "\n".join(f"- {note}" for note in p.notes))
    if p.sources:
        parts.append("Nguồn:\n" + "\n".join(f"- {source}" for source in p.sources))
    if p.unconfirmed:
        parts.append("Trường chưa xác nhận: " + ", ".join(p.unconfirmed))
    parts.append("Toàn bộ dữ liệu (JSON):\n" + json.dumps(data, ensure_ascii=False, indent=2))
    return "\n\n".join(parts)


class FormProblem(Exception):
    """A form field the user must correct: its label and what is wrong, in Vietnamese."""


def _combo(labels: dict) -> QComboBox:
    """A combo over an Enum's labels; `_value(combo)` gives the member back (Qt keeps only text)."""
    combo = QComboBox()
    for value, label in labels.items():
        combo.addItem(label, value.value)
    combo._enum = next(iter(labels)).__class__
    return combo


def _value(combo: QComboBox):
    return combo._enum(combo.currentData())


def _select(combo: QComboBox, value) -> None:
    index = combo.findData(value.value if hasattr(value, "value") else value)
    combo.setCurrentIndex(max(index, 0))


def _amount_text(value) -> str:
    return "" if value is None else format_amount(int(value))


def _read_amount(edit: QLineEdit, label: str) -> int | None:
    text = edit.text().strip()
    if not text:
        return None
    try:
        return parse_amount(text)
    except DomainError:
        raise FormProblem(f"{label}: «{text}» không phải số tiền nguyên (ví dụ 1.440.000).") from None


def _read_decimal(edit: QLineEdit, label: str, *, percent: bool = False) -> str | None:
    text = edit.text().strip().replace(",", ".").rstrip("%").strip()
    if not text:
        return None
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise FormProblem(f"{label}: «{edit.text()}» không phải là số.") from None
    return str(number / 100 if percent else number)


def _read_date(edit: QLineEdit, label: str) -> str | None:
    text = edit.text().strip()
    if not text:
        return None
    try:
        return parse_vn_date(text).isoformat()
    except DomainError:
        raise FormProblem(f"{label}: «{text}» không phải ngày dạng ngày/tháng/năm (ví dụ 01/07/2024).") \
            from None


def _read_count(text: str, label: str) -> int | None:
    text = text.strip()
    if not text:
        return None
    if not text.isdigit():
        raise FormProblem(f"{label}: «{text}» phải là số nguyên.")
    return int(text)


def describe_policy_error(error: DomainError) -> str:
    """A refused field named the way the form names it."""
    if isinstance(error, InvalidPolicyField):
        import re

        from antt_desktop.messages.policies import REASONS, field_label

        reason = REASONS.get(error.reason, "giá trị không hợp lệ.")
        row = re.match(r"entries\[(\d+)\]", error.path)      # the lương cơ sở table, oldest first
        if row:
            return f"Bảng lương cơ sở, mức thứ {int(row.group(1)) + 1} (theo ngày): {reason}"
        return f"{field_label(error.path)}: {reason}"
    return describe(error)


class PolicyTab(QWidget):
    """Built as PolicyTab(services, prompts)."""

    data_changed = Signal()

    def __init__(self, services, prompts, parent=None, **_options) -> None:
        super().__init__(parent)
        self._services = services
        self._prompts = prompts
        self._stored = []
        self._current = None
        self._loaded: dict | None = None
        self._build_layout()
        self._connect_signals()
        self.refresh()

    # ------------------------------------------------------------------ layout

    def _build_layout(self) -> None:
        self.versions_list = QListWidget()
        self.show_all_check = QCheckBox("Hiện nghị quyết của mọi tỉnh")
        left = QWidget()
        layout = QVBoxLayout(left)
        layout.addWidget(QLabel("Nghị quyết của HĐND tỉnh (★: đơn vị đang áp dụng)"))
        layout.addWidget(self.versions_list, 1)
        layout.addWidget(self.show_all_check)

        self.number_edit = QLineEdit()
        self.province_label = QLabel()
        self.issued_edit = QLineEdit()
        self.from_edit = QLineEdit()
        self.to_edit = QLineEdit()
        for edit in (self.issued_edit, self.from_edit, self.to_edit):
            edit.setPlaceholderText("ngày/tháng/năm")
        self.confirmed_check = QCheckBox("Đã đối chiếu với văn bản")
        self.proration_combo = _combo(PRORATION_LABELS)
        self.facts_label = QLabel()
        self.facts_label.setWordWrap(True)
        self.facts_label.setTextFormat(Qt.TextFormat.RichText)
        self.unconfirmed_label = QLabel()
        self.unconfirmed_label.setWordWrap(True)
        self.unconfirmed_label.setTextFormat(Qt.TextFormat.RichText)
        self.technical_button = QToolButton()
        self.technical_button.setText(TECHNICAL_TITLE)
        self.technical_button.setCheckable(True)
        self.technical_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.technical_button.setArrowType(Qt.ArrowType.RightArrow)
        self.technical_button.setAutoRaise(True)
        self.technical_view = QPlainTextEdit()
        self.technical_view.setReadOnly(True)
        self.technical_view.setVisible(False)
        general = QWidget()
        outer = QVBoxLayout(general)
        summary = QGroupBox("Tóm tắt nghị quyết")
        summary_layout = QVBoxLayout(summary)
        summary_layout.addWidget(self.facts_label)
        summary_layout.addWidget(self.unconfirmed_label)
        outer.addWidget(summary)
        edit_box = QGroupBox("Sửa thông tin chung")
        form = QFormLayout(edit_box)
        outer.addWidget(edit_box)
        outer.addWidget(self.technical_button)
        outer.addWidget(self.technical_view, 1)
        outer.addStretch(1)
        self._general_layout = outer
        general_scroll = QScrollArea()
        general_scroll.setWidgetResizable(True)
        general_scroll.setFrameShape(QFrame.Shape.NoFrame)
        general_scroll.setWidget(general)
        form.addRow("Tỉnh", self.province_label)
        form.addRow("Số nghị quyết", self.number_edit)
        form.addRow("Ngày ban hành", self.issued_edit)
        form.addRow("Có hiệu lực từ ngày", self.from_edit)
        form.addRow("Hết hiệu lực sau ngày", self.to_edit)
        form.addRow("", self.confirmed_check)
        form.addRow("Tính khi tham gia không đủ tháng", self.proration_combo)

        self.support_mode_combo = _combo(SUPPORT_MODE_LABELS)
        self.amount_edits = {p: QLineEdit() for p in Position}
        self.coefficient_edits = {p: QLineEdit() for p in Position}
        self.addon_edits = {p: QLineEdit() for p in Position}
        self.flat_edit = QLineEdit()
        self.range_min_edit = QLineEdit()
        self.range_max_edit = QLineEdit()
        self.special_area_edit = QLineEdit()
        self.education_label = QLabel()
        self.education_label.setWordWrap(True)
        support = QWidget()
        form = QFormLayout(support)
        form.addRow("Cách tính", self.support_mode_combo)
        for position in Position:
            form.addRow(f"Mức {POSITION_LABELS[position]} (đồng)", self.amount_edits[position])
        for position in Position:
            form.addRow(f"Hệ số {POSITION_LABELS[position]}", self.coefficient_edits[position])
        form.addRow("Mức chung (đồng)", self.flat_edit)
        for position in Position:
            form.addRow(f"Phần thêm {POSITION_LABELS[position]} (đồng)", self.addon_edits[position])
        form.addRow("Khung: từ (đồng)", self.range_min_edit)
        form.addRow("Khung: đến (đồng)", self.range_max_edit)
        form.addRow("Thêm cho địa bàn đặc thù (đồng)", self.special_area_edit)
        form.addRow("Theo trình độ đào tạo", self.education_label)
        self.special_area_check = QCheckBox("Xã thuộc địa bàn đặc thù (được phần thêm ở trên)")
        self.chosen_amount_edit = QLineEdit()
        self.chosen_amount_edit.setPlaceholderText("chỉ khi tỉnh quy định khung")
        self.save_options_button = QPushButton("Lưu lựa chọn của xã")
        options = QGroupBox("Lựa chọn của xã")
        options_form = QFormLayout(options)
        options_form.addRow(self.special_area_check)
        options_form.addRow("Mức xã chọn trong khung (đồng)", self.chosen_amount_edit)
        options_form.addRow("", self.save_options_button)
        form.addRow(options)

        insurance = QWidget()
        layout = QVBoxLayout(insurance)
        self.insurance_fields = {}
        for key, title in (("bhxh_tu_nguyen", "Hỗ trợ đóng BHXH tự nguyện"), ("bhyt", "Hỗ trợ đóng BHYT")):
            box = QGroupBox(title)
            box_form = QFormLayout(box)
            fields = {"mode": _combo(INSURANCE_MODE_LABELS), "percent": QLineEdit(), "amount": QLineEdit(),
                      "base": _combo(BASE_LABELS), "text": QLabel()}
            fields["percent"].setPlaceholderText("ví dụ 100 (%)")
            fields["text"].setWordWrap(True)
            box_form.addRow("Cách hỗ trợ", fields["mode"])
            box_form.addRow("Tỷ lệ (%)", fields["percent"])
            box_form.addRow("Số tiền mỗi tháng (đồng)", fields["amount"])
            box_form.addRow("Tính trên", fields["base"])
            box_form.addRow("Nguồn ghi", fields["text"])
            self.insurance_fields[key] = fields
            layout.addWidget(box)
        layout.addStretch(1)

        self.duty_table = QTableWidget(0, 5)
        self.duty_table.setHorizontalHeaderLabels(["Loại bồi dưỡng", "Mức (đồng/lần)", "Tối thiểu (giờ)",
                                                   "Tối đa (lần/tháng)", "Điều kiện"])
        _fit_headers(self.duty_table, stretch=4)
        self.duty_table.setColumnWidth(0, 280)               # the combo of the kind
        self.duty_empty_label = QLabel()
        self.duty_empty_label.setWordWrap(True)
        self.duty_empty_label.setStyleSheet("color: #555;")
        self.add_duty_button = QPushButton("Thêm dòng")
        self.remove_duty_button = QPushButton("Xóa dòng")
        self.remove_duty_button.setToolTip("Chọn một dòng trong bảng để xóa.")
        duty = QWidget()
        layout = QVBoxLayout(duty)
        layout.addWidget(self.duty_empty_label)
        layout.addWidget(self.duty_table, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.add_duty_button)
        row.addWidget(self.remove_duty_button)
        layout.addLayout(row)

        self.editor_tabs = QTabWidget()
        self.editor_tabs.addTab(general_scroll, "Thông tin chung")
        self.editor_tabs.addTab(support, "Hỗ trợ hằng tháng")
        self.editor_tabs.addTab(insurance, "Bảo hiểm")
        self.editor_tabs.addTab(duty, "Bồi dưỡng")
        self.save_button = QPushButton("Lưu thay đổi")
        self.save_as_new_button = QPushButton("Lưu thành bản mới")
        self.choose_button = QPushButton("Áp dụng cho đơn vị")
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        right = QWidget()
        layout = QVBoxLayout(right)
        layout.addWidget(self.editor_tabs, 1)
        row = QHBoxLayout()
        row.addWidget(self.status_label, 1)
        for button in (self.save_button, self.save_as_new_button, self.choose_button):
            row.addWidget(button)
        layout.addLayout(row)

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 3)

        self.base_salary_table = QTableWidget(0, 4)
        self.base_salary_table.setHorizontalHeaderLabels(["Áp dụng từ ngày", "Mức lương cơ sở (đồng)",
                                                          "Căn cứ", "Đã xác nhận"])
        _fit_headers(self.base_salary_table, stretch=2)
        self.add_base_salary_button = QPushButton("Thêm mức")
        self.remove_base_salary_button = QPushButton("Xóa mức")
        self.remove_base_salary_button.setToolTip("Chọn một mức trong bảng để xóa.")
        self.save_base_salary_button = QPushButton("Lưu bảng lương cơ sở")
        self.base_salary_note = QLabel(
            "Mức chưa xác nhận (tô vàng) không được dùng để tính. Đối chiếu nghị định rồi đánh dấu «Đã xác nhận».")
        self.base_salary_note.setWordWrap(True)
        base = QWidget()
        layout = QVBoxLayout(base)
        layout.addWidget(self.base_salary_note)
        layout.addWidget(self.base_salary_table, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        for button in (self.add_base_salary_button, self.remove_base_salary_button, self.save_base_salary_button):
            row.addWidget(button)
        layout.addLayout(row)

        self.tabs = QTabWidget()
        self.tabs.addTab(splitter, "Nghị quyết")
        self.tabs.addTab(base, "Lương cơ sở")
        QVBoxLayout(self).addWidget(self.tabs)

    def _connect_signals(self) -> None:
        self.versions_list.currentRowChanged.connect(self._on_versions_list_row_changed)
        self.show_all_check.toggled.connect(self._on_show_all_check_toggled)
        self.support_mode_combo.currentIndexChanged.connect(self._on_support_mode_changed)
        for fields in self.insurance_fields.values():
            fields["mode"].currentIndexChanged.connect(self._on_insurance_mode_changed)
        self.add_duty_button.clicked.connect(self._on_add_duty_button_clicked)
        self.remove_duty_button.clicked.connect(self._on_remove_duty_button_clicked)
        self.save_button.clicked.connect(self._on_save_button_clicked)
        self.save_as_new_button.clicked.connect(self._on_save_as_new_button_clicked)
        self.choose_button.clicked.connect(self._on_choose_button_clicked)
        self.save_options_button.clicked.connect(self._on_save_options_button_clicked)
        self.technical_button.toggled.connect(self._on_technical_button_toggled)
        self.duty_table.currentCellChanged.connect(self._update_row_buttons)
        self.base_salary_table.currentCellChanged.connect(self._update_row_buttons)
        self.add_base_salary_button.clicked.connect(self._on_add_base_salary_button_clicked)
        self.remove_base_salary_button.clicked.connect(self._on_remove_base_salary_button_clicked)
        self.save_base_salary_button.clicked.connect(self._on_save_base_salary_button_clicked)

    def _on_technical_button_toggled(self, shown: bool) -> None:
        self.technical_button.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
        self.technical_view.setVisible(shown)
        layout = self._general_layout
        layout.setStretch(layout.count() - 1, 0 if shown else 1)    # the view takes the room when open

    def _update_row_buttons(self, *_args) -> None:
        """«Xóa» only with a row chosen; an empty bồi dưỡng table says why it is empty."""
        self.remove_duty_button.setEnabled(self.duty_table.rowCount() > 0 and self.duty_table.currentRow() >= 0)
        self.remove_base_salary_button.setEnabled(
            self.base_salary_table.rowCount() > 0 and self.base_salary_table.currentRow() >= 0)
        policy = self._current.policy if self._current is not None else None
        if self.duty_table.rowCount():
            self.duty_empty_label.setText("")
        elif policy is not None and policy.duty_allowances is None:
            self.duty_empty_label.setText("Nghị quyết này chưa rõ mức bồi dưỡng (chưa xác nhận). Nếu văn bản có "
                                          "quy định, bấm «Thêm dòng» để nhập từng loại bồi dưỡng.")
        else:
            self.duty_empty_label.setText("Nghị quyết này không quy định bồi dưỡng. Nếu văn bản có quy định, "
                                          "bấm «Thêm dòng» để nhập.")
        self.duty_empty_label.setVisible(bool(self.duty_empty_label.text()))

    # ------------------------------------------------------------------ loading

    def refresh(self, select_id: str | None = None) -> None:
        unit = self._services.units.own_unit()
        self._unit = unit
        if self.show_all_check.isChecked() or unit is None:
            self._stored = self._services.policies.list()
        else:
            self._stored = self._services.policies.candidates_for(unit.province_code)
        chosen = unit.policy_version_id if unit else None
        select_id = select_id or (self._current.id if self._current else chosen)
        self.versions_list.blockSignals(True)
        self.versions_list.clear()
        selected_row = 0
        for index, stored in enumerate(self._stored):
            p = stored.policy
            text = f"{'★ ' if stored.id == chosen else ''}{p.province_name} — {p.resolution_number or 'chưa rõ số'}"
            text += f" (từ {format_vn_date(p.effective_from)})" if p.effective_from else " (chưa có ngày hiệu lực)"
            if stored.origin == "user":
                text += " — đã sửa"
            item = QListWidgetItem(text)
            item.setToolTip(text)
            item.setData(Qt.ItemDataRole.UserRole, stored.id)
            self.versions_list.addItem(item)
            if stored.id == select_id:
                selected_row = index
        self.versions_list.blockSignals(False)
        if self._stored:
            self.versions_list.setCurrentRow(selected_row)
            self._show(self._stored[selected_row])
        else:
            self._show(None)
        if unit is not None:
            self.special_area_check.setChecked(bool(unit.settings.get("is_special_area", False)))
            self.chosen_amount_edit.setText(_amount_text(unit.settings.get("chosen_support_dong")))
        self._load_base_salaries()

    def _show(self, stored) -> None:
        self._current = stored
        enabled = stored is not None
        for widget in (self.save_button, self.save_as_new_button, self.choose_button, self.editor_tabs):
            widget.setEnabled(enabled)
        if stored is None:
            self._loaded = None
            self.status_label.setText("Chưa có nghị quyết nào cho tỉnh của đơn vị.")
            self._update_row_buttons()
            return
        p = stored.policy
        self._loaded = policy_to_dict(p)
        self.province_label.setText(f"{p.province_name} (mã {p.province_code})")
        self.number_edit.setText(p.resolution_number or "")
        self.issued_edit.setText(format_vn_date(p.issued_on))
        self.from_edit.setText(format_vn_date(p.effective_from))
        self.to_edit.setText(format_vn_date(p.effective_to))
        self.confirmed_check.setChecked(p.confirmed)
        _select(self.proration_combo, p.proration)
        self.facts_label.setText("<table>" + "".join(
            f"<tr><td style='padding-right:12px'><b>{escape(label)}</b></td><td>{escape(value)}</td></tr>"
            for label, value in policy_facts(p)) + "</table>")
        missing = unconfirmed_labels(p)
        self.unconfirmed_label.setText(
            "<span style='color:#8a5a00'><b>Chưa xác nhận</b> (cần đối chiếu với văn bản nghị quyết):</span>"
            "<ul style='margin-top:0'>" + "".join(f"<li>{escape(m)}</li>" for m in missing) + "</ul>"
            if missing else "")
        self.unconfirmed_label.setVisible(bool(missing))

        support = p.monthly_support
        _select(self.support_mode_combo, support.mode if support else SupportMode.FIXED_PER_POSITION)
        for position in Position:
            self.amount_edits[position].setText(
                _amount_text(support.amount_dong.get(position)) if support and support.amount_dong else "")
            coefficient = support.coefficient.get(position) if support and support.coefficient else None
            self.coefficient_edits[position].setText("" if coefficient is None else str(coefficient))
            self.addon_edits[position].setText(_amount_text(support.position_addon_dong.get(position))
                                               if support else "")
        self.flat_edit.setText(_amount_text(support.flat_dong) if support else "")
        self.range_min_edit.setText(_amount_text(support.range_min_dong) if support else "")
        self.range_max_edit.setText(_amount_text(support.range_max_dong) if support else "")
        self.special_area_edit.setText(_amount_text(support.special_area_addon_dong) if support else "")
        if support is None:
            self.education_label.setText("—")
        elif support.education_addons is None:
            self.education_label.setText("Có quy định nhưng chưa rõ mức.")
        else:
            self.education_label.setText("; ".join(
                f"từ {EDUCATION_LABELS[a.min_level]}: {_amount_text(a.amount_dong) or 'chưa rõ'}"
                for a in support.education_addons) or "Không có")
        self._on_support_mode_changed()

        insurance = p.insurance_support
        for key, fields in self.insurance_fields.items():
            rule = getattr(insurance, key) if insurance else None
            _select(fields["mode"], rule.mode if rule else InsuranceSupportMode.UNKNOWN)
            fields["percent"].setText("" if rule is None or rule.percent is None
                                      else f"{(rule.percent * 100).normalize():f}")
            fields["amount"].setText(_amount_text(rule.amount_dong) if rule else "")
            _select(fields["base"], rule.contribution_base if rule else ContributionBase.UNSPECIFIED)
            fields["text"].setText(rule.reported_text if rule and rule.reported_text else "—")
        self._on_insurance_mode_changed()

        self.duty_table.setRowCount(0)
        for rule in p.duty_allowances or ():
            self._add_duty_row(rule.kind, rule.amount_dong, rule.min_hours, rule.max_units_per_month, rule.condition)
        self.technical_view.setPlainText(technical_text(p, self._loaded))
        self._update_row_buttons()
        chosen = self._unit is not None and self._unit.policy_version_id == stored.id
        self.status_label.setText("Đơn vị đang áp dụng nghị quyết này." if chosen else "")

    def _add_duty_row(self, kind=DutyAllowanceKind.NIGHT, amount=None, min_hours=None, max_units=None,
                      condition="") -> None:
        row = self.duty_table.rowCount()
        self.duty_table.insertRow(row)
        combo = _combo(DUTY_KIND_LABELS)
        _select(combo, kind)
        self.duty_table.setCellWidget(row, 0, combo)
        for column, value in ((1, _amount_text(amount)), (2, "" if min_hours is None else str(min_hours)),
                              (3, "" if max_units is None else str(max_units)), (4, condition or "")):
            self.duty_table.setItem(row, column, QTableWidgetItem(value))

    def _load_base_salaries(self) -> None:
        table = self._services.policies.base_salary_table()
        self.base_salary_table.setRowCount(0)
        for entry in table:
            self._add_base_salary_row(entry)
        self._update_row_buttons()

    def _add_base_salary_row(self, entry: BaseSalaryEntry | None = None) -> None:
        row = self.base_salary_table.rowCount()
        self.base_salary_table.insertRow(row)
        values = ("", "", "") if entry is None else (format_vn_date(entry.effective_from),
                                                     format_amount(entry.amount_dong), entry.legal_basis)
        for column, value in enumerate(values):
            self.base_salary_table.setItem(row, column, QTableWidgetItem(value))
        check = QTableWidgetItem()
        check.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
        confirmed = entry is not None and entry.confirmed
        check.setCheckState(Qt.CheckState.Checked if confirmed else Qt.CheckState.Unchecked)
        self.base_salary_table.setItem(row, 3, check)
        if entry is not None and not entry.confirmed:
            for column in range(4):
                self.base_salary_table.item(row, column).setBackground(_UNCONFIRMED)

    # ------------------------------------------------------------------ reading the form

    def form_dict(self) -> dict:
        """The loaded record with the form's fields written over it; raises FormProblem."""
        if self._loaded is None:
            raise FormProblem("Chưa chọn nghị quyết.")
        data = copy.deepcopy(self._loaded)
        data["resolution_number"] = self.number_edit.text().strip() or None
        data["issued_on"] = _read_date(self.issued_edit, "Ngày ban hành")
        data["effective_from"] = _read_date(self.from_edit, "Ngày có hiệu lực")
        data["effective_to"] = _read_date(self.to_edit, "Ngày hết hiệu lực")
        data["confirmed"] = self.confirmed_check.isChecked()
        data["proration"] = _value(self.proration_combo).value
        data["monthly_support"] = self._support_dict(data.get("monthly_support"))
        data["insurance_support"] = self._insurance_dict(data.get("insurance_support"))
        data["duty_allowances"] = self._duty_list(data.get("duty_allowances"))
        return data

    def _support_dict(self, original: dict | None) -> dict | None:
        mode = _value(self.support_mode_combo)
        labels = {p: POSITION_LABELS[p] for p in Position}
        amounts = {POSITION_KEYS[p]: _read_amount(self.amount_edits[p], f"Mức {labels[p]}") for p in Position}
        coefficients = {POSITION_KEYS[p]: _read_decimal(self.coefficient_edits[p], f"Hệ số {labels[p]}")
                        for p in Position}
        addons = {POSITION_KEYS[p]: _read_amount(self.addon_edits[p], f"Phần thêm {labels[p]}") for p in Position}
        flat = _read_amount(self.flat_edit, "Mức chung")
        low = _read_amount(self.range_min_edit, "Khung: từ")
        high = _read_amount(self.range_max_edit, "Khung: đến")
        special = _read_amount(self.special_area_edit, "Thêm cho địa bàn đặc thù")
        everything = [*amounts.values(), *coefficients.values(), flat, low, high]
        if original is None and all(v is None for v in everything):
            return None
        support = dict(original or {"confirmed": True, "education_addons": []})
        support.update(
            mode=mode.value,
            amount_dong=amounts if any(v is not None for v in amounts.values()) else None,
            coefficient=coefficients if any(v is not None for v in coefficients.values()) else None,
            flat_dong=flat,
            range_dong={"min": low, "max": high} if (low is not None or high is not None) else None,
            position_addon_dong=addons,
            special_area_addon_dong=special,
        )
        return support

    def _insurance_dict(self, original: dict | None) -> dict | None:
        result = {}
        for key, fields in self.insurance_fields.items():
            mode = _value(fields["mode"])
            rule = dict((original or {}).get(key) or {"reported_text": ""})
            rule.update(mode=mode.value,
                        percent=_read_decimal(fields["percent"], "Tỷ lệ hỗ trợ", percent=True),
                        amount_dong=_read_amount(fields["amount"], "Số tiền hỗ trợ"),
                        contribution_base=_value(fields["base"]).value)
            result[key] = rule
        if original is None and all(r["mode"] == InsuranceSupportMode.UNKNOWN.value and r["percent"] is None
                                    and r["amount_dong"] is None for r in result.values()):
            return None
        return result

    def _duty_list(self, original: list | None) -> list | None:
        rules = []
        for row in range(self.duty_table.rowCount()):
            kind = _value(self.duty_table.cellWidget(row, 0))
            text = lambda column: (self.duty_table.item(row, column).text()  # noqa: E731
                                   if self.duty_table.item(row, column) else "")
            amount_text = text(1).strip()
            try:
                amount = parse_amount(amount_text) if amount_text else None
            except DomainError:
                raise FormProblem(f"Bồi dưỡng dòng {row + 1}: «{amount_text}» không phải số tiền nguyên.") from None
            rules.append({"kind": kind.value, "amount_dong": amount,
                          "min_hours": _read_count(text(2), f"Bồi dưỡng dòng {row + 1}, số giờ"),
                          "max_units_per_month": _read_count(text(3), f"Bồi dưỡng dòng {row + 1}, tối đa"),
                          "condition": text(4).strip()})
        if original is None and not rules:
            return None
        return rules

    # ------------------------------------------------------------------ slots

    def _on_versions_list_row_changed(self, row: int) -> None:
        if 0 <= row < len(self._stored):
            self._show(self._stored[row])

    def _on_show_all_check_toggled(self, _checked: bool) -> None:
        self.refresh()

    def _on_support_mode_changed(self, *_args) -> None:
        mode = _value(self.support_mode_combo)
        for position in Position:
            self.amount_edits[position].setEnabled(mode is SupportMode.FIXED_PER_POSITION)
            self.coefficient_edits[position].setEnabled(mode is SupportMode.COEFFICIENT_OF_BASE_SALARY)
        self.flat_edit.setEnabled(mode is SupportMode.FLAT_PLUS_POSITION_ADDON)
        self.range_min_edit.setEnabled(mode is SupportMode.RANGE)
        self.range_max_edit.setEnabled(mode is SupportMode.RANGE)

    def _on_insurance_mode_changed(self, *_args) -> None:
        for fields in self.insurance_fields.values():
            mode = _value(fields["mode"])
            fields["percent"].setEnabled(mode is InsuranceSupportMode.PERCENT_OF_CONTRIBUTION)
            fields["amount"].setEnabled(mode is InsuranceSupportMode.FIXED_AMOUNT)
            fields["base"].setEnabled(mode is InsuranceSupportMode.PERCENT_OF_CONTRIBUTION)

    def _on_add_duty_button_clicked(self) -> None:
        self._add_duty_row()
        self.duty_table.setCurrentCell(self.duty_table.rowCount() - 1, 1)
        self._update_row_buttons()

    def _on_remove_duty_button_clicked(self) -> None:
        row = self.duty_table.currentRow()
        if row >= 0:
            self.duty_table.removeRow(row)
        self._update_row_buttons()

    def _save(self, *, as_new: bool) -> None:
        try:
            data = self.form_dict()
        except FormProblem as problem:
            self._prompts.error("Chưa lưu được", str(problem))
            return
        stored = self._current
        if as_new:
            taken = {s.policy.id for s in self._services.policies.list()}
            number = 2
            while f"{stored.policy.id}-ban-{number}" in taken:
                number += 1
            data["id"] = f"{stored.policy.id}-ban-{number}"
        try:
            saved = self._services.policies.save_version(data, policy_id=None if as_new else stored.id)
        except DomainError as error:
            self._prompts.error("Chưa lưu được", describe_policy_error(error))
            return
        self.refresh(select_id=saved.id)
        self.status_label.setText("Đã lưu bản mới." if as_new else "Đã lưu thay đổi.")
        self.data_changed.emit()

    def _on_save_button_clicked(self) -> None:
        self._save(as_new=False)

    def _on_save_as_new_button_clicked(self) -> None:
        self._save(as_new=True)

    def _on_choose_button_clicked(self) -> None:
        if self._current is None:
            return
        try:
            self._services.policies.choose_for_unit(self._current.id)
        except DomainError as error:
            self._prompts.error("Chưa áp dụng được", describe(error))
            return
        self.refresh(select_id=self._current.id)
        self.status_label.setText("Đơn vị đang áp dụng nghị quyết này.")
        self.data_changed.emit()

    def _on_save_options_button_clicked(self) -> None:
        try:
            amount = _read_amount(self.chosen_amount_edit, "Mức xã chọn")
            self._services.policies.set_payroll_options(is_special_area=self.special_area_check.isChecked(),
                                                       chosen_support_dong=amount)
        except FormProblem as problem:
            self._prompts.error("Chưa lưu được", str(problem))
            return
        except DomainError as error:
            self._prompts.error("Chưa lưu được", describe(error))
            return
        self.status_label.setText("Đã lưu lựa chọn của xã.")
        self.data_changed.emit()

    def _on_add_base_salary_button_clicked(self) -> None:
        self._add_base_salary_row()
        self.base_salary_table.setCurrentCell(self.base_salary_table.rowCount() - 1, 0)
        self._update_row_buttons()

    def _on_remove_base_salary_button_clicked(self) -> None:
        row = self.base_salary_table.currentRow()
        if row >= 0:
            self.base_salary_table.removeRow(row)
        self._update_row_buttons()

    def base_salary_entries(self) -> list[BaseSalaryEntry]:
        """The table as entries; raises FormProblem naming the row."""
        entries = []
        for row in range(self.base_salary_table.rowCount()):
            cell = lambda column: (self.base_salary_table.item(row, column).text().strip()  # noqa: E731
                                   if self.base_salary_table.item(row, column) else "")
            if not cell(0) and not cell(1):
                continue
            try:
                start = parse_vn_date(cell(0))
            except DomainError:
                raise FormProblem(f"Dòng {row + 1}: «{cell(0)}» không phải ngày dạng ngày/tháng/năm "
                                  "(ví dụ 01/07/2024).") from None
            try:
                amount = parse_amount(cell(1))
            except DomainError:
                raise FormProblem(f"Dòng {row + 1}: «{cell(1)}» không phải số tiền nguyên.") from None
            check = self.base_salary_table.item(row, 3)
            entries.append(BaseSalaryEntry(amount_dong=amount, effective_from=start, legal_basis=cell(2),
                                           confirmed=bool(check and check.checkState() == Qt.CheckState.Checked)))
        return entries

    def _on_save_base_salary_button_clicked(self) -> None:
        try:
            entries = self.base_salary_entries()
            self._services.policies.save_base_salary_table(entries)
        except FormProblem as problem:
            self._prompts.error("Chưa lưu được bảng lương cơ sở", str(problem))
            return
        except DomainError as error:
            self._prompts.error("Chưa lưu được bảng lương cơ sở", describe_policy_error(error))
            return
        self._load_base_salaries()
        self.base_salary_note.setText("Đã lưu bảng lương cơ sở. Mức chưa xác nhận (tô vàng) không được dùng để tính.")
        self.data_changed.emit()

