"""Soạn / sửa dự thảo quyết định: kind, the members or teams it names, dates, signer, Căn cứ."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from antt_desktop.domain.dates import format_vn_date
from antt_desktop.domain.decisions import (
    GROUND_LABELS,
    KIND_LABELS,
    SIGNATURE_FORM_LABELS,
    Decision,
    DecisionDraft,
    DecisionKind,
    DecisionLine,
    NewTeam,
    SignatureForm,
    TerminationGround,
)
from antt_desktop.domain.people import POSITION_LABELS, MemberStatus, Position
from antt_desktop.ui.screen_fit import resize_within_screen

MEMBER_KINDS = (DecisionKind.RECOGNISE, DecisionKind.CHANGE_POSITION, DecisionKind.TERMINATE,
                DecisionKind.COMMEND, DecisionKind.DISCIPLINE)

# Each kind shows only the fields its wording uses (QA finding 9): the label and placeholder of the
# free-text field say what goes into the decision; kinds not listed have no such field.
REASON_FIELDS = {
    DecisionKind.TERMINATE: ("Lý do bổ sung:", "Ghi thêm sau căn cứ Điều 17 khoản 3 (có thể để trống)"),
    DecisionKind.DISSOLVE_TEAM: ("Lý do giải thể:", "Lý do giải thể tổ (ghi vào quyết định)"),
    DecisionKind.COMMEND: ("Thành tích:", "Thành tích được khen thưởng (ghi vào quyết định)"),
    DecisionKind.DISCIPLINE: ("Hành vi vi phạm:", "Hành vi vi phạm (ghi vào quyết định)"),
}
MEASURES = {
    DecisionKind.COMMEND: ("Giấy khen", "Khen thưởng đột xuất"),
    DecisionKind.DISCIPLINE: ("Khiển trách", "Cảnh cáo"),
}
STATUS_LABELS = {MemberStatus.PROPOSED: "Đề nghị công nhận", MemberStatus.ACTIVE: "Đang tham gia",
                 MemberStatus.LEFT: "Đã thôi tham gia"}


def _qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def _date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class DecisionDialog(QDialog):
    """Fill in a draft; `draft()` returns what the services validate and save."""

    def __init__(self, services, kind: DecisionKind, *, decision: Decision | None = None, parent=None) -> None:
        super().__init__(parent)
        self._services = services
        self._decision = decision
        self.setWindowTitle("Sửa dự thảo quyết định" if decision else "Soạn quyết định mới")
        resize_within_screen(self, 980, 680)
        base = decision.as_draft() if decision else services.decisions.defaults(kind)
        self._rows = services.members.list_rows()
        self._teams = [t for t in services.teams.list() if t.dissolved_on is None]
        self._hamlets = services.hamlets.list()
        self._today = services.context.today()
        self._member_rows: list = []
        self._build_layout()
        self._connect_signals()
        self._load(base)

    # --- Layout ------------------------------------------------------------------------------

    def _build_layout(self) -> None:
        self.kind_combo = QComboBox()
        for kind in DecisionKind:
            self.kind_combo.addItem(KIND_LABELS[kind], kind)
        self.kind_combo.setEnabled(self._decision is None or not self._decision.is_issued)

        self.members_table = QTableWidget(0, 7)
        self.rejoin_check = QCheckBox("Hiện cả người đã thôi tham gia (công nhận lại)")
        self.rejoin_check.setToolTip("Người đã thôi tham gia chỉ được công nhận lại khi có đơn và đủ điều kiện "
                                     "Điều 13; mặc định không hiện để tránh chọn nhầm.")
        members_page = QWidget()
        members_layout = QVBoxLayout(members_page)
        members_layout.setContentsMargins(0, 0, 0, 0)
        members_layout.addWidget(self.rejoin_check)
        members_layout.addWidget(self.members_table)
        self.members_table.verticalHeader().setVisible(False)
        self.members_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.members_table.horizontalHeader().setStretchLastSection(True)
        self.hamlets_list = QListWidget()
        self.team_combo = QComboBox()
        dissolve = QWidget()
        dissolve_form = QFormLayout(dissolve)
        dissolve_form.addRow("Tổ giải thể:", self.team_combo)
        dissolve_form.addRow(QLabel("Các thành viên đang ở trong tổ sẽ thôi tham gia khi quyết định có hiệu lực."))
        self.subject_stack = QStackedWidget()
        self.subject_stack.addWidget(members_page)           # 0
        self.subject_stack.addWidget(self.hamlets_list)      # 1
        self.subject_stack.addWidget(dissolve)               # 2

        self.ground_combo = QComboBox()
        self.ground_combo.addItem("(chọn căn cứ)", None)
        for ground in TerminationGround:
            self.ground_combo.addItem(GROUND_LABELS[ground], ground)
        self.reason_edit = QLineEdit()
        self.reason_edit.setPlaceholderText("Lý do, thành tích hoặc hành vi vi phạm (ghi vào quyết định)")
        self.measure_edit = QComboBox()
        self.measure_edit.setEditable(True)
        self.ground_label = QLabel("Căn cứ cho thôi (Điều 17 khoản 3):")
        self.measure_label = QLabel("Hình thức:")
        self.reason_label = QLabel("Lý do:")

        self.signed_check = QCheckBox("Ghi ngày ký dự kiến")
        self.signed_edit = QDateEdit(_qdate(self._today))
        self.effective_check = QCheckBox("Hiệu lực từ ngày khác ngày ký")
        self.effective_edit = QDateEdit(_qdate(self._today))
        for edit in (self.signed_edit, self.effective_edit):
            edit.setDisplayFormat("dd/MM/yyyy")
            edit.setCalendarPopup(True)
            edit.setEnabled(False)
        self.place_edit = QLineEdit()
        self.signer_name_edit = QLineEdit()
        self.signer_title_edit = QLineEdit()
        self.form_combo = QComboBox()
        for form in SignatureForm:
            self.form_combo.addItem(SIGNATURE_FORM_LABELS[form], form)
        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText("Để trống: «Về việc …» theo loại quyết định")
        self.bases_edit = QPlainTextEdit()
        self.recipients_edit = QPlainTextEdit()

        subject_page = QWidget()
        subject_layout = QVBoxLayout(subject_page)
        subject_form = QFormLayout()
        subject_form.addRow("Loại quyết định:", self.kind_combo)
        subject_form.addRow(self.ground_label, self.ground_combo)
        subject_form.addRow(self.measure_label, self.measure_edit)
        subject_form.addRow(self.reason_label, self.reason_edit)
        subject_layout.addLayout(subject_form)
        subject_layout.addWidget(self.subject_stack)
        self.hint_label = QLabel()
        self.hint_label.setWordWrap(True)
        subject_layout.addWidget(self.hint_label)

        form_page = QWidget()
        form = QFormLayout(form_page)
        signed_row = QHBoxLayout()
        signed_row.addWidget(self.signed_check)
        signed_row.addWidget(self.signed_edit)
        signed_row.addStretch(1)
        effective_row = QHBoxLayout()
        effective_row.addWidget(self.effective_check)
        effective_row.addWidget(self.effective_edit)
        effective_row.addStretch(1)
        form.addRow("Ngày ký:", signed_row)
        form.addRow("Ngày có hiệu lực:", effective_row)
        form.addRow("Địa danh:", self.place_edit)
        form.addRow("Hình thức ký:", self.form_combo)
        form.addRow("Chức vụ người ký:", self.signer_title_edit)
        form.addRow("Người ký:", self.signer_name_edit)
        form.addRow("Trích yếu:", self.title_edit)
        form.addRow("Căn cứ (mỗi dòng một căn cứ):", self.bases_edit)
        form.addRow("Nơi nhận (mỗi dòng một nơi):", self.recipients_edit)

        tabs = QTabWidget()
        tabs.addTab(subject_page, "Nội dung")
        tabs.addTab(form_page, "Thể thức (ngày, người ký, căn cứ)")
        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton("Lưu dự thảo", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton("Hủy", QDialogButtonBox.ButtonRole.RejectRole)
        layout = QVBoxLayout(self)
        layout.addWidget(tabs)
        layout.addWidget(self.buttons)

    def _connect_signals(self) -> None:
        self.kind_combo.currentIndexChanged.connect(self._on_kind_combo_changed)
        self.signed_check.toggled.connect(self.signed_edit.setEnabled)
        self.effective_check.toggled.connect(self.effective_edit.setEnabled)
        self.rejoin_check.toggled.connect(self._on_rejoin_check_toggled)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    # --- Loading -----------------------------------------------------------------------------

    def _load(self, draft: DecisionDraft) -> None:
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(draft.kind))
        self._fill_subject(draft)
        if draft.termination_ground is not None:
            self.ground_combo.setCurrentIndex(self.ground_combo.findData(draft.termination_ground))
        self.reason_edit.setText(draft.reason)
        if draft.measure:
            self.measure_edit.setCurrentText(draft.measure)
        if draft.signed_on:
            self.signed_check.setChecked(True)
            self.signed_edit.setDate(_qdate(draft.signed_on))
        if draft.effective_on:
            self.effective_check.setChecked(True)
            self.effective_edit.setDate(_qdate(draft.effective_on))
        self.place_edit.setText(draft.place)
        self.signer_name_edit.setText(draft.signer_name)
        self.signer_title_edit.setText(draft.signer_title)
        self.form_combo.setCurrentIndex(self.form_combo.findData(draft.signature_form))
        self.title_edit.setText(draft.title)
        self.bases_edit.setPlainText("\n".join(draft.legal_bases))
        self.recipients_edit.setPlainText("\n".join(draft.recipients))

    def _on_kind_combo_changed(self, _index: int) -> None:
        kind = self.kind
        defaults = self._services.decisions.defaults(kind)
        self.bases_edit.setPlainText("\n".join(defaults.legal_bases))
        self.recipients_edit.setPlainText("\n".join(defaults.recipients))
        self._fill_subject(DecisionDraft(kind))

    @property
    def kind(self) -> DecisionKind:
        return DecisionKind(self.kind_combo.currentData())      # Qt hands str enums back as str

    def _on_rejoin_check_toggled(self, _checked: bool) -> None:
        if self.kind is DecisionKind.RECOGNISE:
            chosen = {line.member_id: line for line in self.draft().lines}
            self._fill_members(DecisionKind.RECOGNISE, chosen)

    def _show_fields(self, kind: DecisionKind) -> None:
        """Only the fields this kind's wording uses are shown (hidden, not greyed out)."""
        terminate = kind is DecisionKind.TERMINATE
        self.ground_label.setVisible(terminate)
        self.ground_combo.setVisible(terminate)
        self.ground_combo.setEnabled(terminate)
        measures = MEASURES.get(kind, ())
        self.measure_edit.clear()
        self.measure_edit.addItems(list(measures))
        self.measure_edit.setCurrentIndex(0 if measures else -1)      # a sensible default, never blank
        for widget in (self.measure_label, self.measure_edit):
            widget.setVisible(bool(measures))
        self.measure_edit.setEnabled(bool(measures))
        label, placeholder = REASON_FIELDS.get(kind, ("", ""))
        self.reason_label.setText(label)
        self.reason_edit.setPlaceholderText(placeholder)
        for widget in (self.reason_label, self.reason_edit):
            widget.setVisible(bool(label))
        self.reason_edit.setEnabled(bool(label))
        self.rejoin_check.setVisible(kind is DecisionKind.RECOGNISE)

    def _fill_subject(self, draft: DecisionDraft) -> None:
        kind = draft.kind
        self._show_fields(kind)
        if kind is DecisionKind.ESTABLISH_TEAM:
            self.subject_stack.setCurrentIndex(1)
            self.hint_label.setText("Chọn thôn/tổ dân phố cần thành lập Tổ bảo vệ an ninh, trật tự.")
            self._fill_hamlets({t.hamlet_id for t in draft.new_teams})
        elif kind is DecisionKind.DISSOLVE_TEAM:
            self.subject_stack.setCurrentIndex(2)
            self.team_combo.clear()
            for team in self._teams:
                self.team_combo.addItem(team.name, team.id)
            if draft.team_id:
                self.team_combo.setCurrentIndex(self.team_combo.findData(draft.team_id))
            self.hint_label.setText("")
        else:
            self.subject_stack.setCurrentIndex(0)
            self._fill_members(kind, {line.member_id: line for line in draft.lines})

    def _fill_hamlets(self, chosen: set[str]) -> None:
        """Hamlets without an established team first and tickable; those that already have one are
        listed after them, marked and not tickable (issuing would be refused: HamletAlreadyHasTeam)."""
        self.hamlets_list.clear()
        established = {t.hamlet_id: t.name for t in self._teams if t.establishing_decision_id}
        open_hamlets = [h for h in self._hamlets if h.id not in established or h.id in chosen]
        taken = [h for h in self._hamlets if h.id in established and h.id not in chosen]
        for hamlet in open_hamlets:
            item = QListWidgetItem(hamlet.name)
            item.setData(Qt.ItemDataRole.UserRole, hamlet.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
            item.setCheckState(Qt.CheckState.Checked if hamlet.id in chosen else Qt.CheckState.Unchecked)
            self.hamlets_list.addItem(item)
        for hamlet in taken:
            item = QListWidgetItem(f"{hamlet.name} (đã có tổ)")
            item.setData(Qt.ItemDataRole.UserRole, hamlet.id)
            item.setFlags(Qt.ItemFlag.NoItemFlags)          # shown for reference, not tickable
            item.setToolTip(f"Đã có {established[hamlet.id]}, thành lập bằng quyết định.")
            self.hamlets_list.addItem(item)
        if not open_hamlets:
            self.hint_label.setText("Mọi thôn/tổ dân phố đều đã có tổ. Thêm thôn/tổ dân phố mới trong "
                                    "«Thôn/Tổ» trước khi thành lập tổ.")

    def _fill_members(self, kind: DecisionKind, chosen: dict[str, DecisionLine]) -> None:
        if kind is DecisionKind.RECOGNISE:
            # Members who have left are offered only on request (công nhận lại), with their status.
            wanted = {MemberStatus.PROPOSED, MemberStatus.LEFT} if self.rejoin_check.isChecked() else {
                MemberStatus.PROPOSED}
            rows = [r for r in self._rows if r.status in wanted or r.id in chosen]
            headers = ["", "Họ và tên", "Ngày sinh", "Thôn/Tổ dân phố", "Tổ", "Chức danh", "Tình trạng"]
            self.hint_label.setText("Chỉ người đủ điều kiện Điều 13 mới được công nhận; phần mềm kiểm tra lại "
                                    "khi ban hành.")
        else:
            rows = [r for r in self._rows if r.status is MemberStatus.ACTIVE]
            if kind is DecisionKind.CHANGE_POSITION:
                headers = ["", "Họ và tên", "Ngày sinh", "Đang giữ", "Tổ mới", "Chức danh mới", ""]
            else:
                headers = ["", "Họ và tên", "Ngày sinh", "Tổ", "Chức danh", "Ghi chú", ""]
            self.hint_label.setText(
                "Điểm c cần từ 02 lần từ chối nhiệm vụ và từ 02 lần nhắc nhở bằng văn bản (sổ nhắc nhở)."
                if kind is DecisionKind.TERMINATE else "")
        counts = (self._services.decisions.conduct_counts([r.id for r in rows])
                  if kind is DecisionKind.TERMINATE else {})
        self.members_table.clear()
        self.members_table.setHorizontalHeaderLabels(headers)
        self.members_table.setColumnHidden(6, kind is not DecisionKind.RECOGNISE)
        self.members_table.setRowCount(len(rows))
        self._member_rows = rows
        for index, row in enumerate(rows):
            check = QTableWidgetItem()
            check.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
            check.setCheckState(Qt.CheckState.Checked if row.id in chosen else Qt.CheckState.Unchecked)
            check.setData(Qt.ItemDataRole.UserRole, row.id)
            self.members_table.setItem(index, 0, check)
            birth = format_vn_date(row.birth_date) if row.birth_date else str(row.birth_year or "")
            self.members_table.setItem(index, 1, QTableWidgetItem(row.full_name))
            self.members_table.setItem(index, 2, QTableWidgetItem(birth))
            line = chosen.get(row.id)
            if kind in (DecisionKind.RECOGNISE, DecisionKind.CHANGE_POSITION):
                if kind is DecisionKind.RECOGNISE:
                    self.members_table.setItem(index, 3, QTableWidgetItem(row.hamlet_name))
                else:
                    held = f"{POSITION_LABELS[row.position]} — {row.team_name}" if row.position else row.team_name
                    self.members_table.setItem(index, 3, QTableWidgetItem(held))
                team_combo = QComboBox()
                for team in self._teams:
                    team_combo.addItem(team.name, team.id)
                default_team = (line.team_id if line else None) or row.team_id or next(
                    (t.id for t in self._teams if t.hamlet_id == row.hamlet_id), None)
                if default_team:
                    team_combo.setCurrentIndex(max(team_combo.findData(default_team), 0))
                position_combo = QComboBox()
                for position in Position:
                    position_combo.addItem(POSITION_LABELS[position], position)
                position = (line.position if line else None) or (row.position if kind is
                                                                  DecisionKind.CHANGE_POSITION else Position.MEMBER)
                position_combo.setCurrentIndex(position_combo.findData(position or Position.MEMBER))
                self.members_table.setCellWidget(index, 4, team_combo)
                self.members_table.setCellWidget(index, 5, position_combo)
                if kind is DecisionKind.RECOGNISE:
                    self.members_table.setItem(index, 6, QTableWidgetItem(STATUS_LABELS[row.status]))
            else:
                self.members_table.setItem(index, 3, QTableWidgetItem(row.team_name))
                self.members_table.setItem(index, 4, QTableWidgetItem(
                    POSITION_LABELS[row.position] if row.position else ""))
                note = ""
                if row.id in counts and (counts[row.id].reminders or counts[row.id].refusals):
                    note = f"{counts[row.id].reminders} nhắc nhở, {counts[row.id].refusals} từ chối"
                self.members_table.setItem(index, 5, QTableWidgetItem(note))

    # --- Reading -----------------------------------------------------------------------------

    def check_member(self, member_id: str, *, team_id: str | None = None,
                     position: Position | None = None) -> None:
        """Tick a member (and set the team and position), as a user does; for tests and scripts."""
        for index, row in enumerate(self._member_rows):
            if row.id != member_id:
                continue
            self.members_table.item(index, 0).setCheckState(Qt.CheckState.Checked)
            team_combo = self.members_table.cellWidget(index, 4)
            if team_id and isinstance(team_combo, QComboBox):
                team_combo.setCurrentIndex(team_combo.findData(team_id))
            position_combo = self.members_table.cellWidget(index, 5)
            if position and isinstance(position_combo, QComboBox):
                position_combo.setCurrentIndex(position_combo.findData(position))
            return
        raise KeyError(member_id)

    def draft(self) -> DecisionDraft:
        kind = self.kind
        lines: list[DecisionLine] = []
        new_teams: tuple[NewTeam, ...] = ()
        team_id = None
        if kind in MEMBER_KINDS:
            for index in range(self.members_table.rowCount()):
                item = self.members_table.item(index, 0)
                if item.checkState() != Qt.CheckState.Checked:
                    continue
                member_id = item.data(Qt.ItemDataRole.UserRole)
                team_combo = self.members_table.cellWidget(index, 4)
                position_combo = self.members_table.cellWidget(index, 5)
                if isinstance(team_combo, QComboBox):
                    lines.append(DecisionLine(member_id, team_combo.currentData(),
                                              Position(position_combo.currentData())))
                else:
                    lines.append(DecisionLine(member_id))
        elif kind is DecisionKind.ESTABLISH_TEAM:
            new_teams = tuple(
                NewTeam(self.hamlets_list.item(i).data(Qt.ItemDataRole.UserRole))
                for i in range(self.hamlets_list.count())
                if self.hamlets_list.item(i).checkState() == Qt.CheckState.Checked)
        else:
            team_id = self.team_combo.currentData()
        return DecisionDraft(
            kind=kind, lines=tuple(lines), team_id=team_id, new_teams=new_teams,
            termination_ground=TerminationGround(self.ground_combo.currentData())
            if kind is DecisionKind.TERMINATE and self.ground_combo.currentData() else None,
            signed_on=_date(self.signed_edit.date()) if self.signed_check.isChecked() else None,
            effective_on=_date(self.effective_edit.date()) if self.effective_check.isChecked() else None,
            place=self.place_edit.text(), signer_name=self.signer_name_edit.text(),
            signer_title=self.signer_title_edit.text(),
            signature_form=SignatureForm(self.form_combo.currentData() or ""),
            legal_bases=tuple(self.bases_edit.toPlainText().splitlines()),
            recipients=tuple(self.recipients_edit.toPlainText().splitlines()),
            title=self.title_edit.text(), reason=self.reason_edit.text(), measure=self.measure_edit.currentText(),
        )
