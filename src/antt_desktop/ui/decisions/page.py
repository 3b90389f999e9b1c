"""Quyết định: draft, issue, preview and print decisions and their lists; certificates: issue,
print on A4, revoke, reissue; and "Kiểm tra giấy chứng nhận" from a QR code (issue #4)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from antt_desktop.domain.dates import format_vn_date
from antt_desktop.domain.decisions import KIND_LABELS, DecisionKind
from antt_desktop.domain.errors import DomainError
from antt_desktop.messages import describe
from antt_desktop.ui.read_only import is_aggregator, set_writable
from antt_desktop.ui.decisions.decision_dialog import DecisionDialog
from antt_desktop.ui.decisions.models import DecisionTableModel, RegisterTableModel
from antt_desktop.ui.decisions.side_dialogs import CertificateTemplateDialog, ConductDialog

PDF_FILTER = "Tệp PDF (*.pdf)"
WORD_FILTER = "Tệp Word (*.docx)"


def open_with_system(path: Path) -> None:
    """Preview and print go through the PDF viewer of the machine."""
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


class DecisionsPage(QWidget):
    data_changed = Signal()

    def __init__(self, services, prompts, parent=None) -> None:
        super().__init__(parent)
        self._services = services
        self._aggregator = False          # read again on every refresh (the unit's mode)
        self._prompts = prompts
        # Seams for tests: a modal dialog and the system PDF viewer are replaced there.
        self.run_dialog = lambda dialog: dialog.exec() == QDialog.DialogCode.Accepted
        self.open_document = open_with_system
        self.ask_text = self._ask_text
        self._preview_folder = tempfile.TemporaryDirectory(prefix="antt-xem-truoc-")
        self._build_layout()
        self._connect_signals()
        self.refresh()

    # --- Layout ------------------------------------------------------------------------------

    def _build_layout(self) -> None:
        self.tabs = QTabWidget()
        self.tabs.addTab(self._decisions_tab(), "Quyết định")
        self.tabs.addTab(self._certificates_tab(), "Giấy chứng nhận")
        self.tabs.addTab(self._verify_tab(), "Kiểm tra giấy chứng nhận")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

    def _table(self, model) -> QTableView:
        table = QTableView()
        table.setModel(model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        table.verticalHeader().setVisible(False)
        table.verticalHeader().setDefaultSectionSize(24)
        table.horizontalHeader().setStretchLastSection(True)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        return table

    def _decisions_tab(self) -> QWidget:
        self.new_button = QPushButton("Soạn quyết định mới")
        menu = QMenu(self.new_button)
        self.new_actions = {}
        for kind in DecisionKind:
            self.new_actions[kind] = menu.addAction(KIND_LABELS[kind])
        self.new_button.setMenu(menu)
        self.edit_button = QPushButton("Sửa dự thảo")
        self.cancel_button = QPushButton("Hủy dự thảo")
        self.issue_button = QPushButton("Ban hành…")
        self.preview_button = QPushButton("Xem trước / In")
        self.save_pdf_button = QPushButton("Lưu PDF…")
        self.save_docx_button = QPushButton("Lưu Word…")
        self.proposal_button = QPushButton("Văn bản đề nghị…")
        self.members_list_button = QPushButton("In danh sách thành viên…")
        self.mask_ids_check = QCheckBox("Che số CCCD")
        self.mask_ids_check.setToolTip("Chỉ in 4 số cuối của số định danh cá nhân (********2345), "
                                       "cho danh sách mang ra khỏi cơ quan.")
        self.conduct_button = QPushButton("Sổ nhắc nhở, từ chối nhiệm vụ…")
        buttons = QHBoxLayout()
        for button in (self.new_button, self.edit_button, self.cancel_button, self.issue_button,
                       self.preview_button, self.save_pdf_button, self.save_docx_button, self.proposal_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        more = QHBoxLayout()
        more.addWidget(self.members_list_button)
        more.addWidget(self.mask_ids_check)
        more.addWidget(self.conduct_button)
        more.addStretch(1)
        self.decision_model = DecisionTableModel(self)
        self.decision_table = self._table(self.decision_model)
        self.decision_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.detail = QTextBrowser()
        self.detail.setMaximumHeight(220)
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addLayout(buttons)
        layout.addLayout(more)
        layout.addWidget(self.decision_table, 3)
        layout.addWidget(self.detail, 1)
        return tab

    def _certificates_tab(self) -> QWidget:
        self.team_combo = QComboBox()
        self.print_team_button = QPushButton("Cấp và in cho tổ đã chọn…")
        self.print_selected_button = QPushButton("In giấy đã chọn…")
        self.revoke_button = QPushButton("Thu hồi…")
        self.reissue_button = QPushButton("Cấp lại…")
        self.template_button = QPushButton("Mẫu giấy chứng nhận…")
        row = QHBoxLayout()
        row.addWidget(QLabel("Tổ:"))
        row.addWidget(self.team_combo)
        for button in (self.print_team_button, self.print_selected_button, self.revoke_button,
                       self.reissue_button, self.template_button):
            row.addWidget(button)
        row.addStretch(1)
        self.register_model = RegisterTableModel(self)
        self.register_table = self._table(self.register_model)
        self.register_summary = QLabel()
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addLayout(row)
        layout.addWidget(self.register_table)
        layout.addWidget(self.register_summary)
        return tab

    def _verify_tab(self) -> QWidget:
        hint = QLabel("Quét mã QR ở mặt sau giấy chứng nhận bằng máy quét (máy quét gõ dãy số rồi Enter), "
                      "hoặc dán dãy số vào ô dưới đây. Nếu máy có bộ gõ tiếng Việt, chuyển sang chế độ gõ "
                      "tiếng Anh (Unikey: E) trước khi quét. Việc kiểm tra không cần mạng.")
        hint.setWordWrap(True)
        self.code_edit = QLineEdit()
        self.code_edit.setPlaceholderText("Dãy số đọc từ mã QR")
        self.verify_button = QPushButton("Kiểm tra")
        row = QHBoxLayout()
        row.addWidget(self.code_edit, 1)
        row.addWidget(self.verify_button)
        self.verify_result = QLabel()
        self.verify_result.setWordWrap(True)
        self.verify_result.setTextFormat(Qt.TextFormat.PlainText)
        self.verify_details = QLabel()
        self.verify_details.setWordWrap(True)
        self.verify_details.setTextFormat(Qt.TextFormat.PlainText)
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(hint)
        layout.addLayout(row)
        layout.addWidget(self.verify_result)
        layout.addWidget(self.verify_details)
        layout.addStretch(1)
        return tab

    def _connect_signals(self) -> None:
        for kind, action in self.new_actions.items():
            action.triggered.connect(lambda _checked=False, k=kind: self.new_decision(k))
        self.edit_button.clicked.connect(self._on_edit_button_clicked)
        self.cancel_button.clicked.connect(self._on_cancel_button_clicked)
        self.issue_button.clicked.connect(self._on_issue_button_clicked)
        self.preview_button.clicked.connect(self._on_preview_button_clicked)
        self.save_pdf_button.clicked.connect(self._on_save_pdf_button_clicked)
        self.save_docx_button.clicked.connect(self._on_save_docx_button_clicked)
        self.proposal_button.clicked.connect(self._on_proposal_button_clicked)
        self.members_list_button.clicked.connect(self._on_members_list_button_clicked)
        self.conduct_button.clicked.connect(self._on_conduct_button_clicked)
        self.decision_table.selectionModel().selectionChanged.connect(self._on_decision_selection_changed)
        self.print_team_button.clicked.connect(self._on_print_team_button_clicked)
        self.print_selected_button.clicked.connect(self._on_print_selected_button_clicked)
        self.revoke_button.clicked.connect(self._on_revoke_button_clicked)
        self.reissue_button.clicked.connect(self._on_reissue_button_clicked)
        self.template_button.clicked.connect(self._on_template_button_clicked)
        self.verify_button.clicked.connect(self._on_verify_button_clicked)
        self.code_edit.returnPressed.connect(self._on_verify_button_clicked)

    # --- Data ---------------------------------------------------------------------------------

    def refresh(self) -> None:
        self._aggregator = is_aggregator(self._services)
        selected = self.selected_decision()
        self.decision_model.set_rows(self._services.decisions.list())
        if selected is not None:
            self.select_decision(selected.id)
        self._update_buttons()
        current_team = self.team_combo.currentData()
        self.team_combo.clear()
        self.team_combo.addItem("Tất cả thành viên đang tham gia", None)
        for team in self._services.teams.list():
            if team.dissolved_on is None:
                self.team_combo.addItem(team.name, team.id)
        if current_team:
            self.team_combo.setCurrentIndex(max(self.team_combo.findData(current_team), 0))
        lines = self._services.certificates.register()
        self.register_model.set_rows(lines)
        missing = len(self._services.certificates.members_without_certificate())
        self.register_summary.setText(f"{len(lines)} giấy trong sổ; {missing} thành viên đang tham gia "
                                      "chưa có giấy chứng nhận còn hiệu lực.")

    def selected_decision(self):
        rows = self.decision_table.selectionModel().selectedRows() if self.decision_table.selectionModel() else []
        return self.decision_model.row(rows[0].row()) if rows else None

    def select_decision(self, decision_id: str) -> None:
        for row in range(self.decision_model.rowCount()):
            if self.decision_model.row(row).id == decision_id:
                self.decision_table.selectRow(row)
                return

    def _update_buttons(self) -> None:
        decision = self.selected_decision()
        is_draft = decision is not None and not decision.is_issued
        # At the higher unit the communes' decisions and certificates are only looked at.
        aggregator = self._aggregator
        for button in (self.edit_button, self.cancel_button, self.issue_button):
            set_writable(button, is_draft, aggregator)
        for button in (self.new_button, self.conduct_button, self.print_team_button, self.revoke_button,
                       self.reissue_button, self.template_button):
            set_writable(button, True, aggregator)
        for button in (self.preview_button, self.save_pdf_button, self.save_docx_button):
            button.setEnabled(decision is not None)
        self.proposal_button.setEnabled(decision is not None and decision.kind in (
            DecisionKind.RECOGNISE, DecisionKind.TERMINATE))

    def _on_decision_selection_changed(self, *_args) -> None:
        self._update_buttons()
        decision = self.selected_decision()
        if decision is None:
            self.detail.clear()
            return
        try:
            document = self._services.decisions.document(decision.id)
        except DomainError as error:
            self.detail.setPlainText(describe(error))
            return
        text = [document.number_line + "    " + document.place_date, document.type_name,
                *document.summary_lines, ""]
        text += [f"{p.lead} {p.text}".strip() + "".join(f"\n    {i}" for i in p.items) for p in document.paragraphs]
        for attachment in document.attachments:
            text.append(f"\nKèm theo danh sách {attachment.row_count} người.")
        self.detail.setPlainText("\n".join(text))

    def _fail(self, title: str, error: DomainError) -> None:
        self._prompts.error(title, describe(error))

    # --- Decisions ----------------------------------------------------------------------------

    def new_decision(self, kind: DecisionKind) -> None:
        dialog = DecisionDialog(self._services, kind, parent=self)
        self._save_from(dialog, None)

    def _on_edit_button_clicked(self) -> None:
        decision = self.selected_decision()
        if decision is None or decision.is_issued:
            return
        dialog = DecisionDialog(self._services, decision.kind, decision=decision, parent=self)
        self._save_from(dialog, decision.id)

    def _save_from(self, dialog: DecisionDialog, decision_id: str | None) -> None:
        while self.run_dialog(dialog):
            try:
                if decision_id is None:
                    saved = self._services.decisions.create_draft(dialog.draft())
                else:
                    saved = self._services.decisions.update_draft(decision_id, dialog.draft())
            except DomainError as error:
                self._fail("Chưa lưu được dự thảo", error)
                continue
            self.refresh()
            self.select_decision(saved.id)
            self.data_changed.emit()
            return

    def _on_cancel_button_clicked(self) -> None:
        decision = self.selected_decision()
        if decision is None:
            return
        if not self._prompts.confirm("Hủy dự thảo", f"Hủy dự thảo «{KIND_LABELS[decision.kind]}»?",
                                     yes="Hủy dự thảo", no="Giữ lại"):
            return
        try:
            self._services.decisions.cancel_draft(decision.id)
        except DomainError as error:
            self._fail("Không hủy được", error)
            return
        self.refresh()
        self.data_changed.emit()

    def _on_issue_button_clicked(self) -> None:
        decision = self.selected_decision()
        if decision is None:
            return
        problems = self._services.decisions.problems(decision.id)
        if problems:
            self._prompts.error("Chưa ban hành được", "\n".join(describe(p) for p in problems))
            return
        signed = format_vn_date(decision.signed_on or self._services.context.today())
        warnings = "".join(f"\n\nLưu ý: {describe(w)}" for w in self._services.decisions.warnings(decision.id))
        if not self._prompts.confirm(
                "Ban hành quyết định",
                f"Ban hành quyết định {KIND_LABELS[decision.kind].lower()} ngày {signed}? Quyết định sẽ được cấp "
                "số và áp dụng ngay; sau khi ban hành không sửa được (muốn đính chính phải ban hành quyết định mới)."
                f"{warnings}",
                yes="Ban hành", no="Quay lại"):
            return
        try:
            issued = self._services.decisions.issue(decision.id)
        except DomainError as error:
            self._fail("Chưa ban hành được", error)
            return
        self.refresh()
        self.select_decision(issued.id)
        self.data_changed.emit()
        self._prompts.inform("Đã ban hành", f"Đã ban hành Quyết định số {issued.number}.")

    def _preview_path(self, name: str) -> Path:
        return Path(self._preview_folder.name) / name

    def _on_preview_button_clicked(self) -> None:
        decision = self.selected_decision()
        if decision is None:
            return
        path = self._preview_path(f"quyet-dinh-{(decision.number or 'du-thao').replace('/', '-')}.pdf")
        if self._write(lambda: self._services.decisions.write_pdf(decision.id, path)):
            self.open_document(path)

    def _on_save_pdf_button_clicked(self) -> None:
        self._save_decision(PDF_FILTER, ".pdf", self._services.decisions.write_pdf)

    def _on_save_docx_button_clicked(self) -> None:
        self._save_decision(WORD_FILTER, ".docx", self._services.decisions.write_docx)

    def _save_decision(self, filters: str, suffix: str, write) -> None:
        decision = self.selected_decision()
        if decision is None:
            return
        suggested = Path.home() / f"Quyet-dinh-{(decision.number or 'du-thao').replace('/', '-')}{suffix}"
        path = self._prompts.save_file("Lưu quyết định", filters, suggested)
        if path is None:
            return
        path = path.with_suffix(suffix)
        if self._write(lambda: write(decision.id, path)):
            self._prompts.inform("Đã lưu", f"Đã lưu vào «{path}».")

    def _on_proposal_button_clicked(self) -> None:
        decision = self.selected_decision()
        if decision is None:
            return
        path = self._preview_path("van-ban-de-nghi.pdf")
        if self._write(lambda: self._services.decisions.write_proposal_pdf(decision.id, path)):
            self.open_document(path)

    def _on_members_list_button_clicked(self) -> None:
        path = self._preview_path("danh-sach-thanh-vien.pdf")
        mask_ids = self.mask_ids_check.isChecked()
        if self._write(lambda: self._services.decisions.write_member_list_pdf(path, mask_ids=mask_ids)):
            self.open_document(path)

    def _on_conduct_button_clicked(self) -> None:
        self.run_dialog(ConductDialog(self._services, self._prompts, parent=self))

    def _write(self, action) -> bool:
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            action()
            return True
        except DomainError as error:
            self._fail("Không in được", error)
        except OSError as error:
            self._prompts.error("Không ghi được tệp", f"{error.filename or ''}: {error.strerror or error}")
        finally:
            QGuiApplication.restoreOverrideCursor()
        return False

    # --- Certificates -------------------------------------------------------------------------

    def selected_certificates(self) -> list:
        rows = sorted(index.row() for index in self.register_table.selectionModel().selectedRows())
        return [self.register_model.row(row) for row in rows]

    def _on_print_team_button_clicked(self) -> None:
        team_id = self.team_combo.currentData()
        name = self.team_combo.currentText()
        path = self._prompts.save_file("Lưu giấy chứng nhận để in", PDF_FILTER,
                                       Path.home() / "Giay-chung-nhan.pdf")
        if path is None:
            return
        result = []
        if self._write(lambda: result.append(self._services.certificates.print_for(
                path.with_suffix(".pdf"), team_id=team_id))):
            printed = result[0]
            self.refresh()
            self.data_changed.emit()
            self._prompts.inform("Đã ghi giấy chứng nhận",
                                 f"{name}: {printed.printed} giấy (cấp mới {printed.newly_issued}). "
                                 "In hai mặt, lật theo cạnh dài, rồi cắt theo dấu cắt.")
            self.open_document(printed.path)

    def _on_print_selected_button_clicked(self) -> None:
        lines = [line for line in self.selected_certificates() if line.status.value == "con_hieu_luc"]
        if not lines:
            self._prompts.warn("Chưa chọn giấy", "Chọn các giấy chứng nhận còn hiệu lực cần in trong bảng.")
            return
        path = self._preview_path("giay-chung-nhan.pdf")
        if self._write(lambda: self._services.certificates.write_sheets([l.certificate.id for l in lines], path)):
            self.open_document(path)

    def _on_revoke_button_clicked(self) -> None:
        lines = self.selected_certificates()
        if len(lines) != 1:
            self._prompts.warn("Chọn một giấy", "Chọn đúng một giấy chứng nhận cần thu hồi.")
            return
        reason = self.ask_text("Thu hồi giấy chứng nhận", f"Lý do thu hồi giấy số {lines[0].certificate.number}:")
        if reason is None:
            return
        try:
            self._services.certificates.revoke(lines[0].certificate.id, reason)
        except DomainError as error:
            self._fail("Không thu hồi được", error)
            return
        self.refresh()
        self.data_changed.emit()

    def _on_reissue_button_clicked(self) -> None:
        lines = self.selected_certificates()
        if len(lines) != 1:
            self._prompts.warn("Chọn một giấy", "Chọn đúng một giấy chứng nhận cần cấp lại.")
            return
        reason = self.ask_text("Cấp lại giấy chứng nhận", "Lý do cấp lại (mất, hỏng, thay đổi thông tin…):")
        if reason is None:
            return
        try:
            new = self._services.certificates.reissue(lines[0].certificate.id, reason)
        except DomainError as error:
            self._fail("Không cấp lại được", error)
            return
        self.refresh()
        self.data_changed.emit()
        self._prompts.inform("Đã cấp lại", f"Giấy mới số {new.number} thay cho số {lines[0].certificate.number}.")

    def _on_template_button_clicked(self) -> None:
        dialog = CertificateTemplateDialog(self._services.certificates.template(), parent=self)
        while self.run_dialog(dialog):
            try:
                self._services.certificates.save_template(dialog.template())
            except DomainError as error:
                self._fail("Mẫu chưa hợp lệ", error)
                continue
            return

    def _ask_text(self, title: str, label: str) -> str | None:
        text, ok = QInputDialog.getText(self, title, label)
        return text if ok else None

    # --- Verification ---------------------------------------------------------------------------

    def _on_verify_button_clicked(self) -> None:
        text = self.code_edit.text()
        if not text.strip():
            return
        try:
            check = self._services.certificates.verify(text)
        except DomainError as error:
            self.verify_result.setText(describe(error))
            self.verify_result.setStyleSheet("color: #B71C1C; font-weight: bold; font-size: 14pt;")
            self.verify_details.clear()
        else:
            record = check.record
            good = check.outcome.value == "hop_le"
            self.verify_result.setText(check.label + ".")
            self.verify_result.setStyleSheet(
                f"color: {'#1B5E20' if good else '#B71C1C'}; font-weight: bold; font-size: 14pt;")
            details = [f"Số giấy: {record.number}", f"Họ và tên: {record.full_name}",
                       f"Đơn vị cấp: {record.unit_name} (mã {record.unit_code})",
                       "Có giá trị đến: " + (format_vn_date(record.valid_until) if record.valid_until
                                            else "không thời hạn")]
            if check.revoke_reason:
                details.append(f"Lý do thu hồi: {check.revoke_reason}")
            self.verify_details.setText("\n".join(details))
        self.code_edit.selectAll()     # the next scan replaces the text
