"""Nhập danh sách từ Excel (issue #7): pick the file, the sheet and the columns, see the check,
save the annotated copy, confirm with the recognition decision (or as proposed), apply off
the UI thread. The import history, with undo, is on the first page."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWizard,
    QWizardPage,
)

from antt_desktop.domain.errors import DomainError
from antt_desktop.domain.member_import import (
    FIELD_LABELS,
    BatchState,
    ColumnMapping,
    ImportField,
    ImportMode,
    column_letter,
    field_for_header,
)
from antt_desktop.messages import describe
from antt_desktop.messages.imports import issue_sentence, problem_sentence
from antt_desktop.ui.tables import read_only_table
from antt_desktop.ui.jobs import JobRunner
from antt_desktop.ui.screen_fit import resize_within_screen

EXCEL_FILTER = "Bảng tính Excel (*.xlsx *.xlsm *.xls);;Mọi tệp (*)"
SAVE_FILTER = "Bảng tính Excel (*.xlsx)"
ERROR_COLOR = QColor("#F4A6A6")
WARNING_COLOR = QColor("#FFE699")
HEADER_COLOR = QColor("#DDEBF7")
IGNORED = "(không nhập cột này)"
# Problems of a sheet the user can fix on the mapping page (another sheet, other columns).
SHEET_LEVEL = ("HeaderNotFound", "RequiredColumnMissing", "EmptySheet", "NoMemberRows", "SheetNotFound")


class MemberImportWizard(QWizard):
    """Built as MemberImportWizard(services, prompts, parent); open it with `open()`."""

    data_changed = Signal()
    import_finished = Signal(object)        # the ImportResult

    def __init__(self, services, prompts, parent=None, *, jobs=None) -> None:
        super().__init__(parent)
        self.services = services
        self.prompts = prompts
        self.jobs = jobs if jobs is not None else JobRunner(self)
        self.path: Path | None = None
        self.reading = None
        self.mapping: ColumnMapping | None = None
        self.preview = None
        self.result = None
        self.setWindowTitle("Nhập danh sách thành viên từ Excel")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        resize_within_screen(self, 1050, 680)
        for button, text in ((QWizard.WizardButton.NextButton, "Tiếp theo ›"),
                             (QWizard.WizardButton.BackButton, "‹ Quay lại"),
                             (QWizard.WizardButton.FinishButton, "Nhập vào dữ liệu"),
                             (QWizard.WizardButton.CancelButton, "Đóng")):
            self.setButtonText(button, text)
        self.file_page = FilePage(self)
        self.mapping_page = MappingPage(self)
        self.check_page = CheckPage(self)
        self.confirm_page = ConfirmPage(self)
        for page in (self.file_page, self.mapping_page, self.check_page, self.confirm_page):
            self.addPage(page)

    def read(self, *, sheet: str | None = None, mapping: ColumnMapping | None = None) -> None:
        """Read the chosen file (a list of a few hundred rows reads in well under a second)."""
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.reading = self.services.imports.read(self.path, sheet=sheet, mapping=mapping)
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.mapping = self.reading.mapping
        self.preview = None

    def mark_imported(self, result) -> None:
        self.result = result
        self.import_finished.emit(result)
        self.data_changed.emit()


# --- 1. The file, and the history -----------------------------------------------------------------


class FilePage(QWizardPage):
    def __init__(self, wizard: MemberImportWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle("1. Chọn tệp Excel")
        self.setSubTitle("Danh sách thành viên do xã lập bằng Excel (.xlsx). Chương trình tự tìm dòng tiêu đề, "
                         "các cột và các dòng nhóm theo thôn; chưa ghi gì cho tới khi bạn xác nhận ở bước cuối.")
        self.path_edit = QLineEdit()
        self.path_edit.setPlaceholderText("Đường dẫn tệp .xlsx")
        self.browse_button = QPushButton("Chọn tệp…")
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #B00020")
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(self.browse_button)

        self.history_table = read_only_table(["Ngày nhập", "Tệp", "Trang", "Thành viên", "Quyết định", "Trạng thái"])
        self.undo_button = QPushButton("Hoàn tác lần nhập đã chọn…")
        self.undo_button.setEnabled(False)
        history = QGroupBox("Các lần nhập trước (hoàn tác cả lần nhập bằng một thao tác)")
        history_layout = QVBoxLayout(history)
        history_layout.addWidget(self.history_table)
        history_layout.addWidget(self.undo_button, 0, Qt.AlignmentFlag.AlignRight)

        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.error_label)
        layout.addWidget(history, 1)
        self.batches: list = []
        self.browse_button.clicked.connect(self._on_browse_button_clicked)
        self.path_edit.textChanged.connect(self._on_path_edit_text_changed)
        self.history_table.itemSelectionChanged.connect(self._on_history_selection_changed)
        self.undo_button.clicked.connect(self._on_undo_button_clicked)
        self.refresh_history()

    def refresh_history(self) -> None:
        self.batches = self._wizard.services.imports.history()
        self.history_table.setRowCount(len(self.batches))
        for row, batch in enumerate(self.batches):
            state = "Đã hoàn tác" if batch.state is BatchState.UNDONE else "Đã nhập"
            mode = batch.decision_number or ("Đề nghị công nhận" if batch.mode is ImportMode.PROPOSED else "")
            values = [batch.imported_at.strftime("%d/%m/%Y %H:%M"), batch.file_name, batch.sheet_name,
                      str(batch.accepted), mode, state]
            for column, text in enumerate(values):
                self.history_table.setItem(row, column, QTableWidgetItem(text))
        self.history_table.resizeColumnsToContents()
        self._on_history_selection_changed()

    def isComplete(self) -> bool:  # noqa: N802 (Qt override)
        return bool(self.path_edit.text().strip())

    def validatePage(self) -> bool:  # noqa: N802 (Qt override)
        path = Path(self.path_edit.text().strip())
        self._wizard.path = path
        self._wizard.read()
        reading = self._wizard.reading
        fatal = [p for p in reading.problems if p.is_fatal and type(p.error).__name__ not in SHEET_LEVEL]
        if fatal or not reading.sheets:
            self.error_label.setText("\n".join(problem_sentence(p) for p in reading.problems))
            return False
        self.error_label.clear()
        return True

    def _on_browse_button_clicked(self) -> None:
        chosen = self._wizard.prompts.open_file("Chọn danh sách thành viên", EXCEL_FILTER)
        if chosen is not None:
            self.path_edit.setText(str(chosen))

    def _on_path_edit_text_changed(self, _text: str) -> None:
        self.error_label.clear()
        self.completeChanged.emit()

    def _on_history_selection_changed(self) -> None:
        batch = self._selected_batch()
        self.undo_button.setEnabled(batch is not None and batch.state is BatchState.APPLIED)

    def _selected_batch(self):
        rows = {index.row() for index in self.history_table.selectionModel().selectedRows()}
        return self.batches[min(rows)] if rows else None

    def _on_undo_button_clicked(self) -> None:
        batch = self._selected_batch()
        if batch is None:
            return
        prompts = self._wizard.prompts
        if not prompts.confirm("Hoàn tác lần nhập",
                               f"Xóa {batch.accepted} thành viên, các thôn, tổ và quyết định mà lần nhập tệp "
                               f"«{batch.file_name}» ngày {batch.imported_at:%d/%m/%Y} đã tạo? "
                               "Những sửa đổi trên các thành viên này từ đó đến nay cũng mất.",
                               yes="Hoàn tác", no="Không"):
            return
        try:
            self._wizard.services.imports.undo(batch.id)
        except DomainError as error:
            prompts.error("Không hoàn tác được", describe(error))
            return
        self.refresh_history()
        prompts.inform("Đã hoàn tác", f"Đã hoàn tác lần nhập tệp «{batch.file_name}».")
        self._wizard.data_changed.emit()


# --- 2. The sheet and the columns ---------------------------------------------------------------------


class MappingPage(QWizardPage):
    def __init__(self, wizard: MemberImportWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle("2. Chọn trang và kiểm tra các cột")
        self.setSubTitle("Chương trình đã nhận ra các cột theo tiêu đề. Nếu cột nào sai, chọn lại ở cột "
                         "«Dữ liệu». Cần ít nhất «Họ và tên» và «Ngày sinh».")
        self.sheet_combo = QComboBox()
        self.header_spin = QSpinBox()
        self.header_spin.setRange(1, 200)
        self.data_spin = QSpinBox()
        self.data_spin.setRange(2, 100000)
        self.problem_label = QLabel()
        self.problem_label.setWordWrap(True)
        self.problem_label.setStyleSheet("color: #B00020")
        form = QHBoxLayout()
        form.addWidget(QLabel("Trang"))
        form.addWidget(self.sheet_combo, 1)
        form.addWidget(QLabel("Dòng tiêu đề"))
        form.addWidget(self.header_spin)
        form.addWidget(QLabel("Dữ liệu từ dòng"))
        form.addWidget(self.data_spin)

        self.mapping_table = read_only_table(["Cột", "Tiêu đề trong tệp", "Dữ liệu"])
        self.mapping_table.horizontalHeader().setStretchLastSection(False)
        self.mapping_table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.mapping_table.horizontalHeader().setMinimumSectionSize(60)
        self.mapping_table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.preview_table = QTableWidget()
        self.preview_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        lists = QHBoxLayout()
        lists.addWidget(self.mapping_table, 2)
        lists.addWidget(self.preview_table, 3)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem_label)
        layout.addLayout(lists, 1)
        self.combos: dict[int, QComboBox] = {}
        self._filling = False
        self.sheet_combo.currentIndexChanged.connect(self._on_sheet_combo_current_index_changed)
        self.header_spin.valueChanged.connect(self._on_header_spin_value_changed)
        self.data_spin.valueChanged.connect(self._on_data_spin_value_changed)

    def initializePage(self) -> None:  # noqa: N802 (Qt override)
        reading = self._wizard.reading
        self._filling = True
        self.sheet_combo.clear()
        for info in reading.sheets:
            label = info.name + (" (ẩn)" if info.is_hidden else "") + \
                ("" if info.looks_like_member_list else " — không thấy danh sách")
            self.sheet_combo.addItem(label, info.name)
        self.sheet_combo.setCurrentIndex(max(0, self.sheet_combo.findData(reading.sheet)))
        self._filling = False
        self._show_reading()

    def _show_reading(self) -> None:
        reading = self._wizard.reading
        mapping = self._wizard.mapping
        self._filling = True
        preview = reading.preview
        width = max((len(row) for row in preview), default=0)
        self.preview_table.setRowCount(len(preview))
        self.preview_table.setColumnCount(width)
        self.preview_table.setHorizontalHeaderLabels([column_letter(c) for c in range(1, width + 1)])
        self.preview_table.setVerticalHeaderLabels([str(r) for r in range(1, len(preview) + 1)])
        header_rows = range(mapping.header_row, mapping.data_row) if mapping else range(0)
        for row, values in enumerate(preview):
            for column, text in enumerate(values):
                item = QTableWidgetItem(text)
                if row + 1 in header_rows:
                    item.setBackground(QBrush(HEADER_COLOR))     # the header the reader found
                self.preview_table.setItem(row, column, item)
        header_row = mapping.header_row if mapping else 1
        self.header_spin.setValue(header_row)
        self.data_spin.setValue(mapping.data_row if mapping else header_row + 1)
        self._fill_mapping(mapping, header_row)
        self._filling = False
        self._show_problems()
        self.completeChanged.emit()

    def _fill_mapping(self, mapping: ColumnMapping | None, header_row: int) -> None:
        preview = self._wizard.reading.preview
        width = max((len(row) for row in preview), default=0)
        headers = dict(mapping.headers) if mapping and mapping.header_row == header_row else {}
        header_texts = preview[header_row - 1] if header_row - 1 < len(preview) else ()
        self.mapping_table.setRowCount(width)
        self.combos = {}
        for index in range(width):
            column = index + 1
            text = headers.get(column) or (header_texts[index] if index < len(header_texts) else "")
            self.mapping_table.setItem(index, 0, QTableWidgetItem(column_letter(column)))
            self.mapping_table.setItem(index, 1, QTableWidgetItem(text))
            combo = QComboBox()
            combo.addItem(IGNORED, None)
            for import_field, label in FIELD_LABELS.items():
                combo.addItem(label, import_field.value)
            chosen = mapping.field_of(column) if mapping and mapping.header_row == header_row \
                else field_for_header(text)
            combo.setCurrentIndex(combo.findData(chosen.value) if chosen else 0)
            combo.currentIndexChanged.connect(self._on_field_combo_current_index_changed)
            self.mapping_table.setCellWidget(index, 2, combo)
            self.combos[column] = combo
        self.mapping_table.resizeColumnToContents(0)
        # The whole combo, arrow included, so it reads as a choice (QA finding 15); a narrow window
        # scrolls sideways rather than cutting the arrow off.
        widest = max((combo.sizeHint().width() for combo in self.combos.values()), default=210)
        self.mapping_table.setColumnWidth(2, widest + 12)

    def current_mapping(self) -> ColumnMapping:
        columns = tuple((column, ImportField(combo.currentData())) for column, combo in sorted(self.combos.items())
                        if combo.currentData())
        headers = tuple((column, self.mapping_table.item(column - 1, 1).text()) for column in self.combos
                        if self.mapping_table.item(column - 1, 1) and self.mapping_table.item(column - 1, 1).text())
        mapping = ColumnMapping(self.header_spin.value(), self.data_spin.value(), (), headers)
        for column, chosen in columns:
            mapping = mapping.with_field(column, chosen)
        return mapping

    def _show_problems(self) -> None:
        problems = [problem_sentence(p) for p in self._wizard.reading.problems]
        missing = self.current_mapping().missing_required()
        if missing:
            problems.append("Chưa chỉ ra cột: " + ", ".join(f"«{FIELD_LABELS[f]}»" for f in missing) + ".")
        self.problem_label.setText("\n".join(dict.fromkeys(problems)))

    def isComplete(self) -> bool:  # noqa: N802 (Qt override)
        return bool(self.combos) and not self.current_mapping().missing_required()

    def validatePage(self) -> bool:  # noqa: N802 (Qt override)
        mapping = self.current_mapping()
        if mapping != self._wizard.reading.mapping:
            self._wizard.read(sheet=self._wizard.reading.sheet, mapping=mapping)
        if not self._wizard.reading.is_readable:
            self._show_problems()
            return False
        return True

    def _on_sheet_combo_current_index_changed(self, _index: int) -> None:
        if self._filling:
            return
        self._wizard.read(sheet=self.sheet_combo.currentData())
        self._show_reading()

    def _on_header_spin_value_changed(self, value: int) -> None:
        if self._filling:
            return
        self._filling = True
        self.data_spin.setValue(value + 1)
        self._fill_mapping(self._wizard.mapping, value)
        self._filling = False
        self._show_problems()
        self.completeChanged.emit()

    def _on_data_spin_value_changed(self, _value: int) -> None:
        if not self._filling:
            self.completeChanged.emit()

    def _on_field_combo_current_index_changed(self, _index: int) -> None:
        if self._filling:
            return
        sender = self.sender()
        chosen = sender.currentData() if sender is not None else None
        if chosen:
            # A field sits in one column: the column that had it lets it go.
            self._filling = True
            for combo in self.combos.values():
                if combo is not sender and combo.currentData() == chosen:
                    combo.setCurrentIndex(0)
            self._filling = False
        self._show_problems()
        self.completeChanged.emit()


# --- 3. The check ------------------------------------------------------------------------------------


class CheckPage(QWizardPage):
    def __init__(self, wizard: MemberImportWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle("3. Kết quả kiểm tra")
        self.setSubTitle("Dòng có lỗi (tô đỏ) không được nhập; dòng có cảnh báo (tô vàng) vẫn được nhập. "
                         "Có thể lưu bản sao tệp có đánh dấu từng ô để sửa rồi nhập lại.")
        self.summary_label = QLabel("Đang kiểm tra…")
        self.summary_label.setWordWrap(True)
        self.errors_only_check = QCheckBox("Chỉ hiện dòng không nhập được")
        self.save_copy_button = QPushButton("Lưu bản sao có đánh dấu lỗi…")
        self.save_copy_button.setEnabled(False)
        self.issues_table = read_only_table(["Dòng", "Cột", "Họ và tên", "Loại", "Nội dung"])
        self.issues_table.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.errors_only_check)
        top.addStretch(1)
        top.addWidget(self.save_copy_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary_label)
        layout.addLayout(top)
        layout.addWidget(self.issues_table, 1)
        self.errors_only_check.toggled.connect(self._on_errors_only_check_toggled)
        self.save_copy_button.clicked.connect(self._on_save_copy_button_clicked)

    def initializePage(self) -> None:  # noqa: N802 (Qt override)
        wizard = self._wizard
        wizard.preview = None
        self.summary_label.setText("Đang kiểm tra danh sách…")
        self.issues_table.setRowCount(0)
        self.save_copy_button.setEnabled(False)
        self.completeChanged.emit()
        path, reading = wizard.path, wizard.reading
        wizard.jobs.start(lambda: wizard.services.imports.dry_run(path, reading=reading),
                          label="Đang kiểm tra danh sách…", parent=wizard,
                          on_done=self._on_check_done, on_failed=self._on_check_failed)

    def _on_check_done(self, preview) -> None:
        self._wizard.preview = preview
        self.save_copy_button.setEnabled(True)
        rows = preview.check.rows
        warned = sum(1 for r in preview.accepted if r.warnings)
        text = (f"Trang «{preview.reading.sheet}»: {len(rows)} dòng thành viên. "
                f"<b>{len(preview.accepted)}</b> dòng sẽ được nhập ({warned} dòng có cảnh báo); "
                f"<b>{len(preview.rejected)}</b> dòng không nhập được.")
        if preview.new_hamlets:
            text += "<br>Thôn, tổ dân phố sẽ tạo mới: " + ", ".join(preview.new_hamlets) + "."
        if not preview.accepted:
            text += "<br><b>Không có dòng nào đủ điều kiện để nhập.</b>"
        self.summary_label.setText(text)
        self._fill_issues()
        self.completeChanged.emit()

    def _on_check_failed(self, error: Exception) -> None:
        message = describe(error) if isinstance(error, DomainError) else str(error)
        self.summary_label.setText(f"Không kiểm tra được: {message}")

    def _fill_issues(self) -> None:
        preview = self._wizard.preview
        if preview is None:
            return
        headers = dict(preview.mapping.headers) if preview.mapping else {}
        lines = []
        for row in preview.check.rows:
            for issue in row.errors:
                lines.append((row, issue, True))
            if not self.errors_only_check.isChecked() and row.is_accepted:
                for issue in row.warnings:
                    lines.append((row, issue, False))
        self.issues_table.setRowCount(len(lines))
        for index, (row, issue, is_error) in enumerate(lines):
            sentence = issue_sentence(issue, headers).split(": ", 1)[-1]
            values = [str(row.row), column_letter(issue.column) if issue.column else "", row.full_name,
                      "Lỗi — không nhập" if is_error else "Cảnh báo", sentence]
            for column, text in enumerate(values):
                item = QTableWidgetItem(text)
                item.setBackground(QBrush(ERROR_COLOR if is_error else WARNING_COLOR))
                item.setToolTip(issue_sentence(issue, headers))
                self.issues_table.setItem(index, column, item)
        self.issues_table.resizeColumnsToContents()
        self.issues_table.horizontalHeader().setStretchLastSection(True)

    def isComplete(self) -> bool:  # noqa: N802 (Qt override)
        preview = self._wizard.preview
        return preview is not None and bool(preview.accepted)

    def _on_errors_only_check_toggled(self, _checked: bool) -> None:
        self._fill_issues()

    def _on_save_copy_button_clicked(self) -> None:
        preview = self._wizard.preview
        if preview is None:
            return
        suggested = preview.path.with_name(f"{preview.path.stem}-kiem-tra.xlsx")
        target = self._wizard.prompts.save_file("Lưu bản sao có đánh dấu lỗi", SAVE_FILTER, suggested)
        if target is None:
            return
        try:
            written = self._wizard.services.imports.write_annotated_copy(preview, target)
        except (DomainError, OSError) as error:
            self._wizard.prompts.error("Không lưu được", describe(error) if isinstance(error, DomainError)
                                       else f"Không ghi được tệp «{target}»: {error}")
            return
        self._wizard.prompts.inform("Đã lưu", f"Đã lưu bản sao có đánh dấu: {written}")


# --- 4. Confirm and apply ----------------------------------------------------------------------------


class ConfirmPage(QWizardPage):
    def __init__(self, wizard: MemberImportWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self._validating = False
        self.setTitle("4. Xác nhận và nhập")
        self.setSubTitle("Thành viên chỉ ở trạng thái đang tham gia khi có quyết định công nhận của Chủ tịch "
                         "UBND cấp xã. Tất cả các dòng hợp lệ được nhập trong một lần; có thể hoàn tác cả lần nhập.")
        self.active_radio = QRadioButton("Đã có quyết định công nhận: nhập ở trạng thái đang tham gia")
        self.proposed_radio = QRadioButton("Chưa có quyết định: nhập ở trạng thái đề nghị công nhận "
                                           "(lập sẵn dự thảo quyết định)")
        self.mode_group = QButtonGroup(self)
        self.mode_group.addButton(self.active_radio)
        self.mode_group.addButton(self.proposed_radio)
        self.proposed_radio.setChecked(True)
        self.number_edit = QLineEdit()
        self.number_edit.setPlaceholderText("ví dụ 45/QĐ-UBND")
        self.number_edit.setMaximumWidth(220)
        self.date_edit = QDateEdit()
        self.date_edit.setDisplayFormat("dd/MM/yyyy")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setMaximumWidth(220)
        today = wizard.services.context.today()
        self.date_edit.setDate(QDate(today.year, today.month, today.day))
        self.date_edit.setMaximumDate(QDate(today.year, today.month, today.day))
        decision = QFormLayout()
        decision.addRow("Số quyết định", self.number_edit)
        decision.addRow("Ngày ký", self.date_edit)
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        self.note_label = QLabel()
        self.note_label.setWordWrap(True)
        self.note_label.setStyleSheet("color: #B00020")
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.active_radio)
        layout.addLayout(decision)
        layout.addWidget(self.proposed_radio)
        layout.addWidget(self.note_label)
        layout.addStretch(1)
        self.active_radio.toggled.connect(self._on_active_radio_toggled)
        self.number_edit.textChanged.connect(self._on_number_edit_text_changed)
        self._on_active_radio_toggled(False)

    def initializePage(self) -> None:  # noqa: N802 (Qt override)
        preview = self._wizard.preview
        self.note_label.clear()
        self.summary_label.setText(
            f"Sẽ nhập <b>{len(preview.accepted)}</b> thành viên từ tệp «{preview.path.name}»"
            + (f", tạo mới {len(preview.new_hamlets)} thôn/tổ dân phố và {len(preview.new_teams)} tổ"
               if preview.new_hamlets or preview.new_teams else "")
            + f"; {len(preview.rejected)} dòng có lỗi không được nhập. Dữ liệu được sao lưu trước khi nhập.")

    def recognition(self):
        if not self.active_radio.isChecked():
            return None
        chosen = self.date_edit.date()
        return self._wizard.services.imports.recognition(
            self.number_edit.text(), date(chosen.year(), chosen.month(), chosen.day()))

    def isComplete(self) -> bool:  # noqa: N802 (Qt override)
        return self.proposed_radio.isChecked() or bool(self.number_edit.text().strip())

    def validatePage(self) -> bool:  # noqa: N802 (Qt override)
        wizard = self._wizard
        if wizard.result is not None:
            return True
        try:
            chosen = self.recognition()
        except DomainError as error:
            self.note_label.setText(describe(error))
            return False
        self.note_label.clear()
        preview = wizard.preview
        self._validating = True
        try:
            wizard.jobs.start(lambda: wizard.services.imports.apply(preview, recognition=chosen),
                              label="Đang nhập danh sách…", parent=wizard,
                              on_done=self._on_import_done, on_failed=self._on_import_failed)
        finally:
            self._validating = False
        return wizard.result is not None

    def _on_import_done(self, result) -> None:
        self._wizard.mark_imported(result)
        batch = result.batch
        how = (f"đang tham gia theo Quyết định số {batch.decision_number}" if batch.mode is ImportMode.ACTIVE
               else "đề nghị công nhận")
        self._wizard.prompts.inform("Đã nhập xong",
                                    f"Đã nhập {batch.accepted} thành viên ở trạng thái {how}. "
                                    "Có thể hoàn tác lần nhập này ở bước đầu của cửa sổ nhập.")
        if not self._validating:
            self._wizard.accept()

    def _on_import_failed(self, error: Exception) -> None:
        message = describe(error) if isinstance(error, DomainError) else f"Lỗi không mong đợi: {error}"
        self.note_label.setText(message)
        self._wizard.prompts.error("Không nhập được", message + " Dữ liệu chưa thay đổi.")

    def _on_active_radio_toggled(self, checked: bool) -> None:
        self.number_edit.setEnabled(checked)
        self.date_edit.setEnabled(checked)
        self.completeChanged.emit()

    def _on_number_edit_text_changed(self, _text: str) -> None:
        self.note_label.clear()
        self.completeChanged.emit()
