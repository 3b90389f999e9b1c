"""Hồ sơ quá trình of one member: a tab per kind of record (training, commendation, discipline,
evaluation, injury or death on duty, equipment, support-tool certificate, former force, reason
for leaving), each with its list, an inline form to add or change a row, and scanned evidence.

The member dialog embeds it: `MemberRecordsWidget(services, prompts, member_id)`.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date
from enum import Enum

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from antt_desktop.domain.dates import format_vn_date, parse_vn_date
from antt_desktop.domain.errors import DomainError
from antt_desktop.domain.people import PRIOR_FORCE_LABELS
from antt_desktop.domain.service_records import (
    COMMENDATION_FORM_LABELS,
    DISCIPLINE_KIND_LABELS,
    EQUIPMENT_DIRECTION_LABELS,
    EVALUATION_GRADE_LABELS,
    FORMER_FORCES,
    INCIDENT_KIND_LABELS,
    LEAVING_REASON_LABELS,
    RECORD_KIND_LABELS,
    RECORD_TYPES,
    TRAINING_KIND_LABELS,
    CommendationForm,
    CommendationScope,
    DisciplineKind,
    EquipmentDirection,
    EvaluationGrade,
    IncidentKind,
    LeavingReason,
    RecordKind,
    TrainingCourse,
    TrainingKind,
    record_date,
)
from antt_desktop.messages import describe
from antt_desktop.messages.service_records import describe_record
from antt_desktop.ui.field_notes import FieldNote

EVIDENCE_FILTERS = "Bản quét (*.pdf *.jpg *.jpeg *.png *.tif *.tiff);;Tất cả tệp (*)"
_DOCUMENT = (("document_number", "Số văn bản", "text"), ("document_on", "Ngày văn bản", "date"),
             ("document_issuer", "Cơ quan ban hành", "text"))


@dataclass(frozen=True, slots=True)
class FormField:
    name: str
    label: str
    kind: str                      # text, multiline, date, int, money, bool, year, count, enum
    choices: tuple = ()            # (value, label) pairs for an enum


def _enum_field(name: str, label: str, labels: dict, values=None) -> FormField:
    return FormField(name, label, "enum", tuple((value, labels[value]) for value in (values or labels)))


_COURSE_FIELDS = (
    FormField("name", "Tên lớp, nội dung", "text"),
    _enum_field("kind", "Hình thức", TRAINING_KIND_LABELS),
    FormField("starts_on", "Từ ngày", "date"), FormField("ends_on", "Đến ngày", "date"),
    FormField("organiser", "Đơn vị tổ chức", "text"),
    FormField("uses_ministry_materials", "Theo tài liệu của Bộ Công an", "bool"),
    FormField("location", "Địa điểm", "text"),
    *(FormField(*spec) for spec in _DOCUMENT),
)
FORM_FIELDS: dict[RecordKind, tuple[FormField, ...]] = {
    RecordKind.TRAINING: _COURSE_FIELDS + (FormField("result", "Kết quả", "text"),),
    RecordKind.COMMENDATION: (
        _enum_field("form", "Hình thức", COMMENDATION_FORM_LABELS), FormField("awarded_on", "Ngày khen", "date"),
        FormField("title", "Thành tích, nội dung", "text"), *(FormField(*s) for s in _DOCUMENT),
        FormField("note", "Ghi chú", "multiline")),
    RecordKind.DISCIPLINE: (
        _enum_field("kind", "Hình thức", DISCIPLINE_KIND_LABELS), FormField("decided_on", "Ngày", "date"),
        FormField("reason", "Lý do", "multiline"), *(FormField(*s) for s in _DOCUMENT),
        FormField("note", "Ghi chú", "multiline")),
    RecordKind.EVALUATION: (
        FormField("year", "Năm", "year"), _enum_field("grade", "Mức xếp loại", EVALUATION_GRADE_LABELS),
        *(FormField(*s) for s in _DOCUMENT), FormField("note", "Ghi chú", "multiline")),
    RecordKind.INCIDENT: (
        _enum_field("kind", "Trường hợp", INCIDENT_KIND_LABELS), FormField("occurred_on", "Ngày xảy ra", "date"),
        FormField("description", "Diễn biến", "multiline"), FormField("has_bhyt", "Đang có BHYT", "bool"),
        FormField("has_bhxh", "Đang tham gia BHXH", "bool"),
        FormField("incapacity_percent", "Tỷ lệ suy giảm khả năng lao động (%)", "int"),
        FormField("support_dong", "Số tiền hỗ trợ (đồng)", "money"), *(FormField(*s) for s in _DOCUMENT),
        FormField("note", "Ghi chú", "multiline")),
    RecordKind.EQUIPMENT: (
        _enum_field("direction", "Cấp phát / thu hồi", EQUIPMENT_DIRECTION_LABELS),
        FormField("item", "Trang phục, trang bị", "text"), FormField("quantity", "Số lượng", "count"),
        FormField("moved_on", "Ngày", "date"), *(FormField(*s) for s in _DOCUMENT),
        FormField("note", "Ghi chú", "multiline")),
    RecordKind.TOOL_CERTIFICATE: (
        FormField("number", "Số giấy chứng nhận", "text"), FormField("issued_on", "Ngày cấp", "date"),
        FormField("valid_until", "Có giá trị đến", "date"), FormField("tools", "Loại công cụ hỗ trợ", "text"),
        FormField("document_issuer", "Cơ quan cấp", "text"), FormField("note", "Ghi chú", "multiline")),
    RecordKind.FORMER_FORCE: (
        _enum_field("force", "Lực lượng", PRIOR_FORCE_LABELS, FORMER_FORCES),
        FormField("started_on", "Từ ngày", "date"), FormField("ended_on", "Đến ngày", "date"),
        FormField("settlement_dong", "Trợ cấp một lần khi thôi (đồng)", "money"),
        FormField("settlement_on", "Ngày nhận trợ cấp", "date"), *(FormField(*s) for s in _DOCUMENT),
        FormField("note", "Ghi chú", "multiline")),
    RecordKind.LEAVING: (
        _enum_field("reason", "Lý do", LEAVING_REASON_LABELS), FormField("left_on", "Ngày thôi tham gia", "date"),
        *(FormField(*s) for s in _DOCUMENT), FormField("note", "Ghi chú", "multiline")),
}
COLUMNS = ("Ngày", "Nội dung", "Văn bản", "Tệp")


class _BadInput(Exception):
    """A date or a number the form could not read."""

    def __init__(self, field: str, text: str) -> None:
        super().__init__(field, text)
        self.field = field
        self.text = text


class RecordKindPanel(QWidget):
    """One tab: the list of one kind of record and the form under it."""

    records_changed = Signal()

    def __init__(self, services, prompts, member_id: str, kind: RecordKind, parent=None) -> None:
        super().__init__(parent)
        self._services = services
        self._prompts = prompts
        self._member_id = member_id
        self.kind = kind
        self._lines: list = []
        self._current = None           # the RecordLine being edited, None for a new one
        self.editors: dict[str, QWidget] = {}
        self._build_layout()
        self._connect_signals()

    # ------------------------------------------------------------------ building

    def _build_layout(self) -> None:
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)

        form = QFormLayout()
        if self.kind is RecordKind.TRAINING:
            self.course_combo = QComboBox()
            form.addRow("Lớp", self.course_combo)
        for spec in FORM_FIELDS[self.kind]:
            editor = self._editor(spec)
            self.editors[spec.name] = editor
            form.addRow(spec.label, editor)
        self.note = FieldNote()

        self.new_button = QPushButton("Thêm mới")
        self.save_button = QPushButton("Lưu mục này")
        self.remove_button = QPushButton("Xóa")
        buttons = QHBoxLayout()
        for button in (self.new_button, self.save_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)

        self.attachments = QListWidget()
        self.attachments.setMaximumHeight(70)
        self.attach_button = QPushButton("Đính kèm bản quét…")
        self.save_attachment_button = QPushButton("Lưu tệp ra…")
        self.remove_attachment_button = QPushButton("Bỏ tệp")
        evidence = QHBoxLayout()
        for button in (self.attach_button, self.save_attachment_button, self.remove_attachment_button):
            evidence.addWidget(button)
        evidence.addStretch(1)

        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 2)
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addLayout(buttons)
        layout.addWidget(QLabel("Văn bản, bản quét kèm theo:"))
        layout.addWidget(self.attachments)
        layout.addLayout(evidence)

    def _editor(self, spec: FormField) -> QWidget:
        if spec.kind == "bool":
            return QCheckBox()
        if spec.kind == "enum":
            combo = QComboBox()
            for value, label in spec.choices:
                combo.addItem(label, value.value)
            return combo
        if spec.kind in ("year", "count"):
            spin = QSpinBox()
            spin.setRange(2000, 2100) if spec.kind == "year" else spin.setRange(1, 100000)
            return spin
        if spec.kind == "multiline":
            edit = QPlainTextEdit()
            edit.setMaximumHeight(48)
            return edit
        edit = QLineEdit()
        if spec.kind == "date":
            edit.setPlaceholderText("ngày/tháng/năm")
        elif spec.kind == "money":
            edit.setPlaceholderText("ví dụ 2.000.000")
        return edit

    def _connect_signals(self) -> None:
        self.table.itemSelectionChanged.connect(self._on_table_selection_changed)
        self.new_button.clicked.connect(self._on_new_button_clicked)
        self.save_button.clicked.connect(self._on_save_button_clicked)
        self.remove_button.clicked.connect(self._on_remove_button_clicked)
        self.attach_button.clicked.connect(self._on_attach_button_clicked)
        self.save_attachment_button.clicked.connect(self._on_save_attachment_button_clicked)
        self.remove_attachment_button.clicked.connect(self._on_remove_attachment_button_clicked)
        if self.kind is RecordKind.TRAINING:
            self.course_combo.currentIndexChanged.connect(self._on_course_combo_changed)

    # ------------------------------------------------------------------ data

    def refresh(self) -> None:
        keep = self._current.record.id if self._current else None
        self._lines = self._services.service_records.member_records(self._member_id, self.kind)[self.kind]
        if self.kind is RecordKind.TRAINING:
            self.course_combo.blockSignals(True)
            self.course_combo.clear()
            self.course_combo.addItem("— Lớp mới —", None)
            for line in self._services.service_records.courses():
                self.course_combo.addItem(f"{format_vn_date(line.course.starts_on)} {line.course.name}",
                                          line.course.id)
            self.course_combo.blockSignals(False)
        self.table.blockSignals(True)
        self.table.setRowCount(len(self._lines))
        for row, line in enumerate(self._lines):
            record = line.record
            day = line.course.starts_on if line.course else _day(record)
            text = (f"{line.course.name} ({TRAINING_KIND_LABELS[line.course.kind].lower()})" if line.course
                    else describe_record(record))
            document = line.course.document_number if line.course else getattr(record, "document_number", "")
            for column, value in enumerate((format_vn_date(day), text, document or "",
                                            str(len(line.attachments)) if line.attachments else "")):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, record.id)
                self.table.setItem(row, column, item)
        self.table.blockSignals(False)
        self.table.resizeColumnToContents(0)
        selected = next((i for i, line in enumerate(self._lines) if line.record.id == keep), None)
        if selected is not None:
            self.table.blockSignals(True)
            self.table.selectRow(selected)
            self.table.blockSignals(False)
            self._load_line(self._lines[selected])
        else:
            self._start_new()

    def select_row(self, row: int) -> None:
        self.table.selectRow(row)

    @property
    def lines(self) -> list:
        return list(self._lines)

    # ------------------------------------------------------------------ form

    def _start_new(self) -> None:
        self._current = None
        self.table.clearSelection()
        defaults = _defaults(self.kind, self._services.context.today())
        self._fill(defaults)
        if self.kind is RecordKind.TRAINING:
            self.course_combo.setCurrentIndex(0)
        self.attachments.clear()
        self.note.clear_note()
        self._update_buttons()

    def _fill(self, values: dict) -> None:
        for spec in FORM_FIELDS[self.kind]:
            editor = self.editors[spec.name]
            value = values.get(spec.name)
            if spec.kind == "bool":
                editor.setChecked(bool(value))
            elif spec.kind == "enum":
                index = editor.findData(value.value if isinstance(value, Enum) else value)
                editor.setCurrentIndex(max(index, 0))
            elif spec.kind in ("year", "count"):
                editor.setValue(int(value) if value is not None else editor.minimum())
            elif spec.kind == "multiline":
                editor.setPlainText(value or "")
            elif spec.kind == "date":
                editor.setText(format_vn_date(value) if value else "")
            elif spec.kind == "money":
                editor.setText(f"{value:,}".replace(",", ".") if value is not None else "")
            else:
                editor.setText("" if value is None else str(value))

    def _values(self) -> dict:
        values = {}
        for spec in FORM_FIELDS[self.kind]:
            editor = self.editors[spec.name]
            if spec.kind == "bool":
                values[spec.name] = editor.isChecked()
            elif spec.kind == "enum":
                data = editor.currentData()
                values[spec.name] = next(v for v, _ in spec.choices if v.value == data)
            elif spec.kind in ("year", "count"):
                values[spec.name] = editor.value()
            elif spec.kind == "multiline":
                values[spec.name] = editor.toPlainText()
            else:
                text = editor.text().strip()
                if spec.kind == "date":
                    values[spec.name] = _date(spec.name, text)
                elif spec.kind in ("int", "money"):
                    values[spec.name] = _int(spec.name, text)
                else:
                    values[spec.name] = text
        return values

    def set_read_only(self, reason: str) -> None:
        """Only look (a role without EDIT_RECORDS, or the higher unit): the write buttons stay
        disabled with `reason` as their tooltip; saving a copy of an attachment still works."""
        self._read_only_reason = reason
        for button in (self.new_button, self.save_button, self.remove_button, self.attach_button,
                       self.remove_attachment_button):
            button.setToolTip(reason)
        self._update_buttons()

    def _update_buttons(self) -> None:
        has_record = self._current is not None
        writable = not getattr(self, "_read_only_reason", "")
        for button in (self.new_button, self.save_button):
            button.setEnabled(writable)
        self.remove_button.setEnabled(has_record and writable)
        self.attach_button.setEnabled(has_record and writable)
        has_attachment = self.attachments.currentItem() is not None
        self.save_attachment_button.setEnabled(has_record and self.attachments.count() > 0)
        self.remove_attachment_button.setEnabled(
            has_record and writable and (has_attachment or self.attachments.count() > 0))

    # ------------------------------------------------------------------ slots

    def _on_table_selection_changed(self) -> None:
        rows = {index.row() for index in self.table.selectedIndexes()}
        if not rows:
            return
        self._load_line(self._lines[min(rows)])

    def _load_line(self, line) -> None:
        self._current = line
        values = {f.name: getattr(line.record, f.name) for f in dataclasses.fields(line.record)}
        if line.course is not None:
            values.update({f.name: getattr(line.course, f.name) for f in dataclasses.fields(line.course)
                           if f.name != "note"})
            self.course_combo.blockSignals(True)
            self.course_combo.setCurrentIndex(max(self.course_combo.findData(line.course.id), 0))
            self.course_combo.blockSignals(False)
        self._fill(values)
        self.attachments.clear()
        for attachment in line.attachments:
            item = QListWidgetItem(f"{attachment.file_name} ({max(attachment.size_bytes // 1024, 1)} KB)")
            item.setData(Qt.ItemDataRole.UserRole, attachment.id)
            self.attachments.addItem(item)
        if self.attachments.count():
            self.attachments.setCurrentRow(0)
        self.note.clear_note()
        self._update_buttons()

    def _on_course_combo_changed(self, index: int) -> None:
        course_id = self.course_combo.itemData(index)
        if course_id is None or self._current is not None:
            return
        course = next((line.course for line in self._services.service_records.courses()
                       if line.course.id == course_id), None)
        if course is not None:
            self._fill({f.name: getattr(course, f.name) for f in dataclasses.fields(course)})

    def _on_new_button_clicked(self) -> None:
        self._start_new()

    def _on_save_button_clicked(self) -> None:
        try:
            values = self._values()
            self._save(values)
        except _BadInput as bad:
            self.note.show_error(f"{_label(self.kind, bad.field)}: không đọc được «{bad.text}» "
                                 "(ngày nhập dạng ngày/tháng/năm, số chỉ gồm chữ số).")
            return
        except DomainError as error:
            self.note.show_error(describe(error))
            return
        self.note.show_done("Đã lưu.")
        self.records_changed.emit()

    def _save(self, values: dict) -> None:
        records = self._services.service_records
        if self.kind is RecordKind.TRAINING:
            course_values = {k: v for k, v in values.items() if k != "result"}
            if self._current is not None:
                course = dataclasses.replace(self._current.course, **course_values)
                records.save_course(course)
                records.save(dataclasses.replace(self._current.record, result=values["result"]))
            else:
                course_id = self.course_combo.currentData()
                course = TrainingCourse(id=course_id or "", unit_code="", **course_values)
                if course_id:
                    records.save_course(course)
                records.record_training([self._member_id], course, values["result"])
            self._current = None
            self.refresh()
            return
        if self._current is not None:
            saved = records.save(dataclasses.replace(self._current.record, **values))
        else:
            base = {"id": "", "unit_code": "", "member_id": self._member_id}
            if self.kind is RecordKind.COMMENDATION:
                base["scope"] = CommendationScope.INDIVIDUAL
            saved = records.save(RECORD_TYPES[self.kind](**base, **values))
        self._current = None
        self.refresh()
        row = next((i for i, line in enumerate(self._lines) if line.record.id == saved.id), None)
        if row is not None:
            self.table.selectRow(row)

    def _on_remove_button_clicked(self) -> None:
        if self._current is None:
            return
        text = describe_record(self._current.record) if self._current.course is None else self._current.course.name
        if not self._prompts.confirm("Xóa hồ sơ", f"Xóa «{text}» của thành viên này?", yes="Xóa"):
            return
        try:
            self._services.service_records.remove(self.kind, self._current.record.id)
        except DomainError as error:
            self._prompts.error("Không xóa được", describe(error))
            return
        self._current = None
        self.refresh()
        self.records_changed.emit()

    def _on_attach_button_clicked(self) -> None:
        if self._current is None:
            return
        path = self._prompts.open_file("Chọn bản quét văn bản", EVIDENCE_FILTERS)
        if path is None:
            return
        try:
            self._services.service_records.attach_file(self.kind, self._current.record.id, path)
        except (DomainError, OSError) as error:
            self._prompts.error("Không đính kèm được", describe(error) if isinstance(error, DomainError)
                                else f"Không đọc được tệp «{path}»: {error.strerror or error}")
            return
        self.refresh()
        self.records_changed.emit()

    def _on_save_attachment_button_clicked(self) -> None:
        item = self.attachments.currentItem() or self.attachments.item(0)
        if item is None:
            return
        attachment_id = item.data(Qt.ItemDataRole.UserRole)
        attachment = next(a for a in self._current.attachments if a.id == attachment_id)
        from pathlib import Path

        path = self._prompts.save_file("Lưu bản quét", EVIDENCE_FILTERS, Path.home() / attachment.file_name)
        if path is None:
            return
        try:
            self._services.service_records.save_attachment_as(attachment_id, path)
        except (DomainError, OSError) as error:
            self._prompts.error("Không lưu được", describe(error) if isinstance(error, DomainError) else str(error))

    def _on_remove_attachment_button_clicked(self) -> None:
        item = self.attachments.currentItem() or self.attachments.item(0)
        if item is None:
            return
        if not self._prompts.confirm("Bỏ tệp đính kèm", f"Bỏ tệp «{item.text()}» khỏi hồ sơ?", yes="Bỏ tệp"):
            return
        try:
            self._services.service_records.remove_attachment(item.data(Qt.ItemDataRole.UserRole))
        except DomainError as error:
            self._prompts.error("Không bỏ được tệp", describe(error))
            return
        self.refresh()
        self.records_changed.emit()


class MemberRecordsWidget(QWidget):
    """The records tabs of one member; `data_changed` after every successful write."""

    data_changed = Signal()

    def __init__(self, services, prompts, member_id: str, parent=None) -> None:
        super().__init__(parent)
        self._services = services
        self._prompts = prompts
        self.member_id = member_id
        self.tabs = QTabWidget()
        self.panels: dict[RecordKind, RecordKindPanel] = {}
        for kind in RecordKind:
            panel = RecordKindPanel(services, prompts, member_id, kind)
            panel.records_changed.connect(self._on_panel_records_changed)
            self.panels[kind] = panel
            self.tabs.addTab(panel, RECORD_KIND_LABELS[kind])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self.refresh()

    def panel(self, kind: RecordKind) -> RecordKindPanel:
        return self.panels[kind]

    def set_read_only(self, reason: str) -> None:
        for panel in self.panels.values():
            panel.set_read_only(reason)

    def refresh(self) -> None:
        for kind, panel in self.panels.items():
            panel.refresh()
            self.tabs.setTabText(list(RecordKind).index(kind),
                                 RECORD_KIND_LABELS[kind] + (f" ({len(panel.lines)})" if panel.lines else ""))

    def _on_panel_records_changed(self) -> None:
        for index, kind in enumerate(RecordKind):
            panel = self.panels[kind]
            self.tabs.setTabText(index, RECORD_KIND_LABELS[kind] + (f" ({len(panel.lines)})" if panel.lines else ""))
        self.data_changed.emit()


def _defaults(kind: RecordKind, today: date) -> dict:
    return {
        RecordKind.TRAINING: {"kind": TrainingKind.COURSE},
        RecordKind.COMMENDATION: {"form": CommendationForm.LETTER_OF_PRAISE},
        RecordKind.DISCIPLINE: {"kind": DisciplineKind.WRITTEN_REMINDER},
        RecordKind.EVALUATION: {"year": today.year, "grade": EvaluationGrade.DONE},
        RecordKind.INCIDENT: {"kind": IncidentKind.INJURED},
        RecordKind.EQUIPMENT: {"direction": EquipmentDirection.ISSUED, "quantity": 1},
        RecordKind.FORMER_FORCE: {"force": FORMER_FORCES[0]},
        RecordKind.LEAVING: {"reason": LeavingReason.RESIGNED},
    }.get(kind, {})


def _day(record) -> date | None:
    return record_date(record)


def _date(field: str, text: str) -> date | None:
    if not text:
        return None
    try:
        return parse_vn_date(text)
    except DomainError:
        raise _BadInput(field, text) from None


def _int(field: str, text: str) -> int | None:
    if not text:
        return None
    digits = text.replace(".", "").replace(",", "").replace(" ", "").removesuffix("đ")
    if not digits.isdigit():
        raise _BadInput(field, text)
    return int(digits)


def _label(kind: RecordKind, name: str) -> str:
    return next((spec.label for spec in FORM_FIELDS[kind] if spec.name == name), name)

