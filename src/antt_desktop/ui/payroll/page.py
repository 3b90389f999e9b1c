"""Hỗ trợ & Bảo hiểm: the month's payroll (draft → locked → truy lĩnh/truy thu), the duty grid,
the insurance list and the files for the finance and social-insurance offices (issue #5)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from antt_desktop.domain.errors import DomainError
from antt_desktop.domain.insurance import InsuranceAlertKind
from antt_desktop.domain.money import amount_in_words, format_dong
from antt_desktop.domain.payroll import RUN_KIND_LABELS, RUN_STATE_LABELS, Month, RunKind, totals_of
from antt_desktop.messages import describe
from antt_desktop.ui.payroll.models import DutyGridModel, InsuranceModel, PayrollSheetModel, RowRole
from antt_desktop.ui.read_only import is_aggregator, set_writable
from antt_desktop.ui.screen_fit import resize_within_screen

XLSX_FILTER = "Tệp Excel (*.xlsx)"
PDF_FILTER = "Tệp PDF (*.pdf)"


def _table(model) -> QTableView:
    table = QTableView()
    table.setModel(model)
    table.verticalHeader().setDefaultSectionSize(24)
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    table.verticalHeader().setVisible(False)
    table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    table.setAlternatingRowColors(True)
    return table


class PayrollPage(QWidget):
    """Built as PayrollPage(services, prompts)."""

    data_changed = Signal()

    def __init__(self, services, prompts, parent=None) -> None:
        super().__init__(parent)
        self._services = services
        self._prompts = prompts
        self._month_runs = None
        self._shown_run = None
        self.policy_dialog = None
        self.insurance_dialog = None
        self._aggregator = False
        self._build_layout()
        self._connect_signals()
        self.refresh()

    # ------------------------------------------------------------------ layout

    def _build_layout(self) -> None:
        today = self._services.context.today()
        self.month_edit = QDateEdit(QDate(today.year, today.month, 1))
        self.month_edit.setDisplayFormat("MM/yyyy")
        self.month_edit.setCalendarPopup(False)
        self.state_label = QLabel()
        self.draft_button = QPushButton("Lập bảng (nháp)")
        self.lock_button = QPushButton("Khóa bảng")
        self.supplementary_button = QPushButton("Lập bảng truy lĩnh/truy thu")
        self.discard_button = QPushButton("Hủy bản nháp")
        self.export_xlsx_button = QPushButton("Xuất Excel…")
        self.export_pdf_button = QPushButton("Xuất PDF…")
        self.budget_button = QPushButton("Dự toán năm sau…")
        top = QHBoxLayout()
        top.addWidget(QLabel("Tháng:"))
        top.addWidget(self.month_edit)
        top.addWidget(self.state_label, 1)
        for button in (self.draft_button, self.lock_button, self.supplementary_button, self.discard_button,
                       self.export_xlsx_button, self.export_pdf_button, self.budget_button):
            top.addWidget(button)

        self.problem_label = QLabel()
        self.problem_label.setWordWrap(True)
        self.problem_label.setStyleSheet("color: #B00020;")
        self.open_policy_button = QPushButton("Mở Chính sách của tỉnh…")
        problem = QHBoxLayout()
        problem.addWidget(self.problem_label, 1)
        problem.addWidget(self.open_policy_button)

        self.run_combo = QComboBox()
        self.sheet_model = PayrollSheetModel(self)
        self.sheet_table = _table(self.sheet_model)
        self.total_label = QLabel()
        self.total_label.setWordWrap(True)
        self.warnings_label = QLabel()
        self.warnings_label.setWordWrap(True)
        self.warnings_label.setStyleSheet("color: #8A5A00;")
        sheet_tab = QWidget()
        layout = QVBoxLayout(sheet_tab)
        row = QHBoxLayout()
        row.addWidget(QLabel("Bảng:"))
        row.addWidget(self.run_combo, 1)
        layout.addLayout(row)
        layout.addWidget(self.sheet_table, 1)
        layout.addWidget(self.total_label)
        layout.addWidget(self.warnings_label)

        self.duty_model = DutyGridModel(self)
        self.duty_table = _table(self.duty_model)
        self.duty_table.setSelectionBehavior(QTableView.SelectionBehavior.SelectItems)
        self.save_duty_button = QPushButton("Lưu sổ trực")
        self.duty_template_button = QPushButton("Tạo mẫu Excel…")
        self.duty_import_button = QPushButton("Nhập từ Excel…")
        self.duty_status_label = QLabel()
        self.duty_status_label.setWordWrap(True)
        duty_tab = QWidget()
        layout = QVBoxLayout(duty_tab)
        layout.addWidget(self.duty_table, 1)
        row = QHBoxLayout()
        row.addWidget(self.duty_status_label, 1)
        for button in (self.duty_template_button, self.duty_import_button, self.save_duty_button):
            row.addWidget(button)
        layout.addLayout(row)

        self.insurance_model = InsuranceModel(self)
        self.insurance_table = _table(self.insurance_model)
        self.alerts_label = QLabel()
        self.alerts_label.setWordWrap(True)
        self.edit_insurance_button = QPushButton("Sửa bảo hiểm…")
        self.office_list_button = QPushButton("Xuất danh sách gửi cơ quan BHXH…")
        insurance_tab = QWidget()
        layout = QVBoxLayout(insurance_tab)
        layout.addWidget(self.alerts_label)
        layout.addWidget(self.insurance_table, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.edit_insurance_button)
        row.addWidget(self.office_list_button)
        layout.addLayout(row)

        self.tabs = QTabWidget()
        self.tabs.addTab(sheet_tab, "Bảng thanh toán")
        self.tabs.addTab(duty_tab, "Sổ trực (bồi dưỡng)")
        self.tabs.addTab(insurance_tab, "Bảo hiểm")
        main = QVBoxLayout(self)
        main.addLayout(top)
        main.addLayout(problem)
        main.addWidget(self.tabs, 1)
        self._show_problem(None)

    def _connect_signals(self) -> None:
        self.month_edit.dateChanged.connect(self._on_month_edit_date_changed)
        self.draft_button.clicked.connect(self._on_draft_button_clicked)
        self.lock_button.clicked.connect(self._on_lock_button_clicked)
        self.supplementary_button.clicked.connect(self._on_supplementary_button_clicked)
        self.discard_button.clicked.connect(self._on_discard_button_clicked)
        self.export_xlsx_button.clicked.connect(self._on_export_xlsx_button_clicked)
        self.export_pdf_button.clicked.connect(self._on_export_pdf_button_clicked)
        self.budget_button.clicked.connect(self._on_budget_button_clicked)
        self.open_policy_button.clicked.connect(self._on_open_policy_button_clicked)
        self.run_combo.currentIndexChanged.connect(self._on_run_combo_changed)
        self.duty_model.changed.connect(self._on_duty_model_changed)
        self.save_duty_button.clicked.connect(self._on_save_duty_button_clicked)
        self.duty_template_button.clicked.connect(self._on_duty_template_button_clicked)
        self.duty_import_button.clicked.connect(self._on_duty_import_button_clicked)
        self.edit_insurance_button.clicked.connect(self._on_edit_insurance_button_clicked)
        self.insurance_table.doubleClicked.connect(
            lambda *_: self.edit_insurance_button.isEnabled() and self._on_edit_insurance_button_clicked())
        self.office_list_button.clicked.connect(self._on_office_list_button_clicked)

    # ------------------------------------------------------------------ state

    @property
    def month(self) -> Month:
        value = self.month_edit.date()
        return Month(value.year(), value.month())

    def set_month(self, month: Month) -> None:
        self.month_edit.setDate(QDate(month.year, month.month, 1))

    def refresh(self) -> None:
        self._aggregator = is_aggregator(self._services)    # the communes' payrolls: only looked at here
        set_writable(self.duty_import_button, True, self._aggregator)
        set_writable(self.edit_insurance_button, True, self._aggregator)
        self._load_runs()
        self._load_duty()
        self._load_insurance()

    def _load_runs(self) -> None:
        try:
            self._month_runs = self._services.payroll.month_runs(self.month)
        except DomainError as error:
            self._month_runs = None
            self._show_problem(error)
        runs = [] if self._month_runs is None else \
            [r for r in (self._month_runs.regular, *self._month_runs.supplementaries) if r is not None]
        self.run_combo.blockSignals(True)
        self.run_combo.clear()
        for number, run in enumerate(runs):
            label = RUN_KIND_LABELS[run.kind]
            if run.kind is RunKind.SUPPLEMENTARY:
                label += f" số {number}"
            self.run_combo.addItem(f"{label} — {RUN_STATE_LABELS[run.state].lower()}", run.id)
        self.run_combo.setCurrentIndex(len(runs) - 1)
        self.run_combo.blockSignals(False)
        self._show_run(runs[-1] if runs else None)
        self._update_buttons()

    def _show_run(self, run) -> None:
        self._shown_run = run
        if run is None:
            self.sheet_model.set_run(None, [])
            self.sheet_table.clearSpans()
            self.total_label.setText(f"Tháng {self.month.label} chưa lập bảng thanh toán. " + (
                "Bảng thanh toán do từng xã lập." if self._aggregator else "Bấm «Lập bảng (nháp)» để tính."))
            self.warnings_label.setText("")
            return
        self.sheet_model.set_run(run.kind, list(run.lines))
        self.sheet_table.clearSpans()
        self.sheet_table.resizeColumnsToContents()
        span = 5 if run.kind is RunKind.REGULAR else 3
        for index in range(self.sheet_model.rowCount()):
            kind = self.sheet_model.row_at(index).kind
            if kind != "line":   # team names and subtotal labels run over the empty cells beside them
                self.sheet_table.setSpan(index, 1, 1, self.sheet_model.columnCount() - 1 if kind == "team" else span)
        totals = totals_of(run.lines)
        if run.kind is RunKind.REGULAR:
            text = (f"{totals.members} người, tổng cộng {format_dong(run.total_dong)} "
                    f"({amount_in_words(run.total_dong)}).")
        else:
            word = "truy lĩnh" if run.total_dong >= 0 else "truy thu"
            text = f"Chênh lệch {word}: {format_dong(abs(run.total_dong))} ({amount_in_words(abs(run.total_dong))})."
        if run.is_locked and run.locked_at:
            text += f" Đã khóa lúc {run.locked_at:%H:%M ngày %d/%m/%Y}."
        self.total_label.setText(text)
        warnings = run.details.get("warnings", [])
        self.warnings_label.setText("\n".join(f"Lưu ý: {w}" for w in warnings))

    def _update_buttons(self) -> None:
        runs = self._month_runs
        locked = bool(runs and runs.is_locked)
        draft = runs.draft if runs else None
        set_writable(self.draft_button, not locked, self._aggregator)
        set_writable(self.lock_button, draft is not None, self._aggregator)
        set_writable(self.discard_button, draft is not None, self._aggregator)
        set_writable(self.supplementary_button, locked, self._aggregator)
        self.export_xlsx_button.setEnabled(self._shown_run is not None)
        self.export_pdf_button.setEnabled(self._shown_run is not None)
        if runs is None or runs.regular is None:
            self.state_label.setText("Chưa lập bảng")
        elif draft is not None and draft.kind is RunKind.SUPPLEMENTARY:
            self.state_label.setText("Đã khóa; có bảng truy lĩnh/truy thu nháp")
        else:
            self.state_label.setText(RUN_STATE_LABELS[runs.regular.state])

    def _load_duty(self) -> None:
        try:
            rows = self._services.payroll.duty_grid(self.month)
        except DomainError as error:
            rows = []
            self._show_problem(error)
        # At the higher unit the communes' duty books are only looked at (no editable cells).
        self.duty_model.set_rows(rows, days_in_month=self.month.days, read_only=self._aggregator)
        self.duty_table.resizeColumnsToContents()
        note = f"{len(rows)} thành viên giữ chức danh trong tháng {self.month.label}."
        if self._month_runs and self._month_runs.is_locked:
            note += (" Bảng tháng này đã khóa: sửa sổ trực không làm thay đổi bảng đã khóa; "
                     "hãy lập bảng truy lĩnh/truy thu sau khi sửa.")
        self.duty_status_label.setText(note)
        self.save_duty_button.setEnabled(False)

    def _load_insurance(self) -> None:
        try:
            rows = self._services.insurance.list()
        except DomainError as error:
            rows = []
            self._show_problem(error)
        self.insurance_model.set_rows(rows)
        self.insurance_table.resizeColumnsToContents()
        kinds = [row.alert.kind for row in rows if row.alert is not None]
        parts = []
        for kind, label in ((InsuranceAlertKind.EXPIRED, "thẻ BHYT đã hết hạn"),
                            (InsuranceAlertKind.EXPIRING, "thẻ sắp hết hạn (30 ngày)"),
                            (InsuranceAlertKind.NO_BHYT, "người chưa có BHYT"),
                            (InsuranceAlertKind.CARD_MISSING, "người chưa nhập mã/hạn thẻ")):
            count = kinds.count(kind)
            if count:
                parts.append(f"{count} {label}")
        self.alerts_label.setText("Cần xử lý: " + ", ".join(parts) + "." if parts else
                                  "Không có thẻ BHYT nào hết hạn hay sắp hết hạn; mọi thành viên đều có BHYT.")

    def _show_problem(self, error: BaseException | None) -> None:
        from antt_desktop.messages.payroll import fix_hint

        if error is None:
            self.problem_label.setText("")
            self.problem_label.setVisible(False)
            self.open_policy_button.setVisible(False)
            return
        hint = fix_hint(error)
        self.problem_label.setText(describe(error) + (f"\n{hint}" if hint else ""))
        self.problem_label.setVisible(True)
        self.open_policy_button.setVisible(hint is not None)

    def _call(self, title: str, action):
        """Run a service call; a refused one is shown (with where to fix it) and gives None."""
        from antt_desktop.messages.payroll import fix_hint

        try:
            result = action()
        except DomainError as error:
            self._show_problem(error)
            self._prompts.error(title, describe(error), fix_hint(error) or "")
            return None
        except OSError as error:          # the chosen folder or stick cannot be written
            self._prompts.error(title, describe(error))
            return None
        self._show_problem(None)
        return result

    # ------------------------------------------------------------------ slots

    def _on_month_edit_date_changed(self, _value) -> None:
        self._show_problem(None)
        self.refresh()

    def _on_run_combo_changed(self, index: int) -> None:
        if self._month_runs is None or index < 0:
            return
        run_id = self.run_combo.itemData(index)
        runs = [r for r in (self._month_runs.regular, *self._month_runs.supplementaries) if r is not None]
        self._show_run(next((r for r in runs if r.id == run_id), None))
        self._update_buttons()

    def _on_draft_button_clicked(self) -> None:
        if self._call("Không lập được bảng thanh toán", lambda: self._services.payroll.draft(self.month)):
            self._after_write()

    def _on_lock_button_clicked(self) -> None:
        draft = self._month_runs.draft if self._month_runs else None
        if draft is None:
            return
        what = "bảng truy lĩnh/truy thu" if draft.kind is RunKind.SUPPLEMENTARY else "bảng thanh toán"
        if not self._prompts.confirm(
                "Khóa bảng", f"Khóa {what} tháng {self.month.label} ({format_dong(draft.total_dong)})? "
                "Bảng đã khóa không sửa được nữa; thay đổi sau đó sẽ lập thành bảng truy lĩnh/truy thu.",
                yes="Khóa bảng", no="Để sau"):
            return
        if self._call("Không khóa được bảng", lambda: self._services.payroll.lock(self.month)):
            self._after_write()

    def _on_supplementary_button_clicked(self) -> None:
        run = self._call("Không lập được bảng truy lĩnh/truy thu",
                         lambda: self._services.payroll.supplementary(self.month))
        if run:
            self._after_write()

    def _on_discard_button_clicked(self) -> None:
        if not self._prompts.confirm("Hủy bản nháp", f"Hủy bản nháp tháng {self.month.label}?",
                                     yes="Hủy bản nháp", no="Giữ lại"):
            return
        if self._call("Không hủy được bản nháp", lambda: self._services.payroll.discard_draft(self.month)) is None:
            return
        self._after_write()

    def _after_write(self) -> None:
        self.refresh()
        self.data_changed.emit()

    def _suggested(self, name: str) -> Path:
        return Path.home() / name

    def _on_export_xlsx_button_clicked(self) -> None:
        run = self._shown_run
        if run is None:
            return
        kind = "truy-linh-truy-thu" if run.kind is RunKind.SUPPLEMENTARY else "bang-thanh-toan"
        path = self._prompts.save_file("Lưu bảng thanh toán", XLSX_FILTER,
                                       self._suggested(f"{kind}-{self.month.key}.xlsx"))
        if path and self._call("Không ghi được tệp", lambda: self._services.payroll.export_xlsx(run.id, path)):
            self._prompts.inform("Đã xuất bảng thanh toán", f"Đã ghi tệp {path}.")

    def _on_export_pdf_button_clicked(self) -> None:
        run = self._shown_run
        if run is None:
            return
        kind = "truy-linh-truy-thu" if run.kind is RunKind.SUPPLEMENTARY else "bang-thanh-toan"
        path = self._prompts.save_file("Lưu bảng thanh toán (PDF)", PDF_FILTER,
                                       self._suggested(f"{kind}-{self.month.key}.pdf"))
        if path and self._call("Không ghi được tệp", lambda: self._services.payroll.export_pdf(run.id, path)):
            self._prompts.inform("Đã xuất bảng thanh toán", f"Đã ghi tệp {path}.")

    def _on_budget_button_clicked(self) -> None:
        year = self._services.context.today().year + 1
        path = self._prompts.save_file(f"Lưu dự toán năm {year}", XLSX_FILTER,
                                       self._suggested(f"du-toan-{year}.xlsx"))
        if path and self._call("Không lập được dự toán",
                               lambda: self._services.payroll.export_budget_xlsx(year, path)):
            self._prompts.inform("Đã lập dự toán", f"Đã ghi dự toán năm {year} vào tệp {path}.")

    def _on_open_policy_button_clicked(self) -> None:
        from antt_desktop.ui.payroll.policy_tab import PolicyTab

        dialog = QDialog(self)
        dialog.setWindowTitle("Chính sách của tỉnh")
        resize_within_screen(dialog, 1000, 640)
        tab = PolicyTab(self._services, self._prompts, dialog)
        tab.data_changed.connect(self._on_policy_tab_data_changed)
        QVBoxLayout(dialog).addWidget(tab)
        self.policy_dialog = dialog
        dialog.show()

    def _on_policy_tab_data_changed(self) -> None:
        self._show_problem(None)
        self.data_changed.emit()

    def _on_duty_model_changed(self) -> None:
        set_writable(self.save_duty_button, self.duty_model.has_changes(), self._aggregator)

    def _on_save_duty_button_clicked(self) -> None:
        changes = self.duty_model.changes()
        if not changes:
            return
        count = self._call("Không lưu được sổ trực", lambda: self._services.payroll.save_duty(self.month, changes))
        if count is None:
            return
        self._load_duty()
        self.duty_status_label.setText(f"Đã lưu sổ trực của {count} thành viên. " + self.duty_status_label.text())
        self.data_changed.emit()

    def _on_duty_template_button_clicked(self) -> None:
        path = self._prompts.save_file("Lưu mẫu sổ trực", XLSX_FILTER,
                                       self._suggested(f"so-truc-{self.month.key}.xlsx"))
        if path and self._call("Không ghi được tệp",
                               lambda: self._services.payroll.write_duty_template(self.month, path)):
            self._prompts.inform("Đã tạo mẫu sổ trực", f"Đã ghi tệp {path}. Điền số đêm/ngày rồi nhập lại.")

    def _on_duty_import_button_clicked(self) -> None:
        from antt_desktop.messages.payroll import describe_duty_problem

        path = self._prompts.open_file("Chọn tệp sổ trực", XLSX_FILTER)
        if path is None:
            return
        result = self._call("Không nhập được sổ trực",
                            lambda: self._services.payroll.import_duty_log(path, self.month))
        if result is None:
            return
        if not result.applied:
            problems = [describe_duty_problem(p) for p in result.problems]
            self._prompts.error("Không nhập sổ trực",
                                f"Tệp có {len(problems)} lỗi; chưa nhập gì. Sửa tệp rồi nhập lại.",
                                "\n".join(problems[:50]))
            return
        self._load_duty()
        self.duty_status_label.setText(f"Đã nhập sổ trực của {len(result.records)} thành viên từ {path.name}.")
        self.data_changed.emit()

    def _selected_insurance_row(self):
        indexes = self.insurance_table.selectionModel().selectedRows()
        if not indexes:
            return None
        return self.insurance_model.data(indexes[0], RowRole)

    def _on_edit_insurance_button_clicked(self, *_args) -> None:
        from antt_desktop.ui.payroll.insurance_dialog import InsuranceDialog

        row = self._selected_insurance_row()
        if row is None:
            self._prompts.inform("Sửa bảo hiểm", "Hãy chọn một thành viên trong danh sách.")
            return

        def save(draft) -> bool:
            saved = self._call("Không lưu được", lambda: self._services.insurance.save(row.member_id, draft))
            if saved is None:
                return False
            self._load_insurance()
            self.data_changed.emit()
            return True

        self.insurance_dialog = InsuranceDialog(row.full_name, row.record, save, self)
        self.insurance_dialog.open()

    def _on_office_list_button_clicked(self) -> None:
        path = self._prompts.save_file("Lưu danh sách gửi cơ quan BHXH", XLSX_FILTER,
                                       self._suggested(f"danh-sach-bhxh-{self.month.key}.xlsx"))
        if path and self._call("Không ghi được tệp",
                               lambda: self._services.insurance.export_office_xlsx(path, self.month)):
            self._prompts.inform("Đã xuất danh sách", f"Đã ghi tệp {path}.")

