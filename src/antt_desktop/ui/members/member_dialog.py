"""Hồ sơ thành viên: every field of the record, checked as the user types, with the photo and
the position and decision history."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from antt_desktop.documents.photos import id_photo_jpeg
from antt_desktop.domain.access import Permission, can
from antt_desktop.domain.dates import BirthDate, format_birth, format_vn_date, parse_birth, parse_vn_date
from antt_desktop.domain.errors import DomainError
from antt_desktop.domain.members import Member, MemberDraft, MemberInvalid
from antt_desktop.domain.people import (
    EDUCATION_LABELS,
    GENDER_LABELS,
    POSITION_LABELS,
    PRIOR_FORCE_LABELS,
    STATUS_LABELS,
    EducationLevel,
    Gender,
    MemberStatus,
    PriorForce,
    ResidenceKind,
)
from antt_desktop.messages import describe
from antt_desktop.ui.field_notes import FieldNote
from antt_desktop.ui.read_only import AGGREGATOR_READ_ONLY, is_aggregator

RESIDENCE_LABELS = {ResidenceKind.PERMANENT: "Thường trú", ResidenceKind.TEMPORARY: "Tạm trú"}
# Quyết định 121-TCTK/PPCĐ: the 54 ethnic groups, the most frequent first; typing another is allowed.
ETHNICITIES = (
    "Kinh", "Tày", "Thái", "Mường", "Khơ-me", "Hoa", "Nùng", "H'Mông", "Dao", "Gia Rai", "Ê Đê",
    "Ba Na", "Sán Chay", "Chăm", "Cơ Ho", "Xơ Đăng", "Sán Dìu", "Hrê", "Ra Glai", "Mnông", "Thổ",
    "Xtiêng", "Khơ Mú", "Bru-Vân Kiều", "Cơ Tu", "Giáy", "Tà Ôi", "Mạ", "Giẻ-Triêng", "Co",
    "Chơ Ro", "Xinh Mun", "Hà Nhì", "Chu Ru", "Lào", "La Chí", "Kháng", "Phù Lá", "La Hủ", "La Ha",
    "Pà Thẻn", "Lự", "Ngái", "Chứt", "Lô Lô", "Mảng", "Cơ Lao", "Bố Y", "Cống", "Si La", "Pu Péo",
    "Rơ Măm", "Brâu", "Ơ Đu",
)
RELIGIONS = ("", "Không", "Phật giáo", "Công giáo", "Tin Lành", "Cao Đài", "Phật giáo Hòa Hảo",
             "Hồi giáo")
NOTE_FIELDS = ("full_name", "birth", "id_number", "id_issued_on", "phone", "education_level",
               "hamlet_id", "residence_since", "over_70_approval", "photo")
PHOTO_FILTERS = "Ảnh (*.jpg *.jpeg *.png *.bmp *.webp *.tif *.tiff);;Tất cả tệp (*)"


def _enum(kind, value):
    """A combo box gives a str Enum back as its plain value (QVariant keeps only the str)."""
    return None if value is None else kind(value)


class MemberDialog(QDialog):
    """Create (member_id None) or edit a member. Opened with `open()`, never `exec()`."""

    member_saved = Signal(object)      # the saved Member

    def __init__(self, services, prompts, member_id: str | None = None, parent=None) -> None:
        super().__init__(parent)
        self._services = services
        self._prompts = prompts
        self._details = services.members.details(member_id) if member_id else None
        self._member: Member | None = self._details.member if self._details else None
        own = services.units.own_unit()
        unit_code = self._member.unit_code if self._member else (own.code if own else None)
        self._hamlets = services.hamlets.list(unit_code)
        self._photo_jpeg: bytes | None = (
            services.members.photo(self._member.id) if self._member and self._member.has_photo else None)
        self._photo_changed = False
        self._touched: set[str] = set()
        self._errors: dict[str, DomainError] = {}
        self.setMinimumWidth(max(900, self.fontMetrics().averageCharWidth() * 130))
        self._build_layout()
        self._load()
        self._snapshot = self._values()
        self._connect_signals()
        self._revalidate()
        self._update_title()
        role = getattr(services.context, "role", None)
        self.read_only_reason = ""
        if is_aggregator(services):
            # The higher unit only looks at the communes' records; a commune corrects its own.
            self.read_only_reason = AGGREGATOR_READ_ONLY
        elif role is not None and not can(role, Permission.EDIT_RECORDS):
            self.read_only_reason = "Tài khoản của bạn chỉ được xem hồ sơ."
        if self.read_only_reason:
            # Read-only: the record is shown, nothing can be changed (the services refuse too).
            for button in (self.save_button, self.save_next_button, self.choose_photo_button,
                           self.remove_photo_button):
                button.setEnabled(False)
                button.setToolTip(self.read_only_reason)
            if self.records is not None:
                self.records.set_read_only(self.read_only_reason)
            self.form_note.show_warning(self.read_only_reason[0].lower() + self.read_only_reason[1:])

    # ------------------------------------------------------------------ building

    def _build_layout(self) -> None:
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText("Nguyễn Văn An")
        self.gender_combo = QComboBox()
        for gender in Gender:
            self.gender_combo.addItem(GENDER_LABELS[gender], gender)
        self.birth_edit = QLineEdit()
        self.birth_edit.setPlaceholderText("ngày/tháng/năm, hoặc năm sinh")
        self.id_edit = QLineEdit()
        self.id_edit.setPlaceholderText("12 chữ số")
        self.id_edit.setMaxLength(20)
        self.id_issued_edit = QLineEdit()
        self.id_issued_edit.setPlaceholderText("ngày/tháng/năm")
        self.ethnicity_combo = QComboBox()
        self.ethnicity_combo.setEditable(True)
        self.ethnicity_combo.addItems(ETHNICITIES)
        self.religion_combo = QComboBox()
        self.religion_combo.setEditable(True)
        self.religion_combo.addItems(RELIGIONS)
        self.education_combo = QComboBox()
        self.education_combo.addItem("Chưa rõ", None)
        for level in EducationLevel:
            self.education_combo.addItem(EDUCATION_LABELS[level], level)
        self.phone_edit = QLineEdit()
        self.phone_edit.setPlaceholderText("0912 345 678")
        self.hamlet_combo = QComboBox()
        self.hamlet_combo.addItem("Chưa chọn", None)
        for hamlet in self._hamlets:
            self.hamlet_combo.addItem(hamlet.name, hamlet.id)
        self.address_edit = QLineEdit()
        self.address_edit.setPlaceholderText("số nhà, đường, xóm…")
        self.residence_kind_combo = QComboBox()
        for kind in ResidenceKind:
            self.residence_kind_combo.addItem(RESIDENCE_LABELS[kind], kind)
        self.residence_since_edit = QLineEdit()
        self.residence_since_edit.setPlaceholderText("ngày/tháng/năm")
        self.prior_force_combo = QComboBox()
        for force in PriorForce:
            self.prior_force_combo.addItem(PRIOR_FORCE_LABELS[force], force)
        self.over_70_edit = QLineEdit()
        self.over_70_edit.setPlaceholderText("số văn bản đồng ý của Chủ tịch UBND, nếu trên 70 tuổi")
        self.note_edit = QPlainTextEdit()
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 12)
        self.notes = {name: FieldNote() for name in NOTE_FIELDS}

        left = QGridLayout()
        right = QGridLayout()
        for grid in (left, right):
            grid.setColumnStretch(1, 1)
            grid.setVerticalSpacing(2)
        self._rows(left, [
            ("Họ và tên *", self.name_edit, "full_name"),
            ("Giới tính", self.gender_combo, None),
            ("Ngày sinh *", self.birth_edit, "birth"),
            ("Số định danh", self.id_edit, "id_number"),
            ("Ngày cấp", self.id_issued_edit, "id_issued_on"),
            ("Dân tộc", self.ethnicity_combo, None),
            ("Tôn giáo", self.religion_combo, None),
            ("Trình độ học vấn", self.education_combo, "education_level"),
        ])
        self._rows(right, [
            ("Số điện thoại", self.phone_edit, "phone"),
            ("Thôn/Tổ dân phố", self.hamlet_combo, "hamlet_id"),
            ("Địa chỉ", self.address_edit, None),
            ("Cư trú", self.residence_kind_combo, None),
            ("Cư trú từ ngày", self.residence_since_edit, "residence_since"),
            ("Lực lượng trước đây", self.prior_force_combo, None),
            ("Đồng ý trên 70 tuổi", self.over_70_edit, "over_70_approval"),
            ("Ghi chú", self.note_edit, None),
        ])

        self.photo_label = QLabel()
        self.photo_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.photo_label.setFrameShape(QFrame.Shape.StyledPanel)
        width = self.fontMetrics().horizontalAdvance("M") * 11
        self.photo_label.setFixedSize(width, width * 4 // 3)
        self.photo_label.setWordWrap(True)
        self.choose_photo_button = QPushButton("Chọn ảnh…")
        self.remove_photo_button = QPushButton("Bỏ ảnh")
        photo_box = QVBoxLayout()
        photo_box.addWidget(self.photo_label, 0, Qt.AlignmentFlag.AlignHCenter)
        photo_box.addWidget(self.choose_photo_button)
        photo_box.addWidget(self.remove_photo_button)
        photo_box.addWidget(self.notes["photo"])
        photo_box.addStretch()
        photo_widget = QWidget()
        photo_widget.setLayout(photo_box)
        photo_widget.setMaximumWidth(width + 40)

        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.status_label.setTextFormat(Qt.TextFormat.RichText)

        record = QWidget()
        columns = QHBoxLayout()
        columns.addLayout(left, 5)
        columns.addSpacing(12)
        columns.addLayout(right, 5)
        columns.addSpacing(12)
        columns.addWidget(photo_widget, 0)
        record_layout = QVBoxLayout(record)
        record_layout.addWidget(self.status_label)
        record_layout.addLayout(columns)
        record_layout.addStretch()

        self.history_table = QTableWidget(0, 5)
        self.history_table.setHorizontalHeaderLabels(
            ["Tổ", "Chức danh", "Từ ngày", "Đến ngày", "Theo quyết định"])
        self.history_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.history_table.verticalHeader().hide()
        self.history_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.history_table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.history_note = QLabel()
        self.history_note.setWordWrap(True)
        history = QWidget()
        history_layout = QVBoxLayout(history)
        history_layout.addWidget(self.history_note)
        history_layout.addWidget(self.history_table)

        self.tabs = QTabWidget()
        self.tabs.addTab(record, "Hồ sơ")
        self.tabs.addTab(history, "Quá trình tham gia")
        self.records = None
        if self._member is not None:
            from antt_desktop.ui.members.records_widget import MemberRecordsWidget

            # Training, commendations, evaluations, equipment… (issue #11): each row saves on
            # its own through the service, so it does not mark the record form as changed.
            self.records = MemberRecordsWidget(self._services, self._prompts, self._member.id)
            self.tabs.addTab(self.records, "Quá trình công tác")
        else:
            waiting = QLabel("Lưu thành viên trước, rồi mở lại để ghi huấn luyện, khen thưởng, "
                             "đánh giá, trang bị và các hồ sơ khác.")
            waiting.setWordWrap(True)
            index = self.tabs.addTab(waiting, "Quá trình công tác")
            self.tabs.setTabEnabled(index, False)
            self.tabs.setTabToolTip(index, waiting.text())

        self.form_note = FieldNote()
        self.save_button = QPushButton("Lưu")
        self.save_button.setDefault(True)
        self.save_button.setToolTip("Lưu và đóng (Ctrl+S)")
        self.save_next_button = QPushButton("Lưu và thêm người khác")
        self.save_next_button.setVisible(self._member is None)
        self.close_button = QPushButton("Đóng")
        self.close_button.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addStretch()
        buttons.addWidget(self.save_next_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.form_note)
        layout.addLayout(buttons)
        self.save_shortcut = QShortcut(QKeySequence.StandardKey.Save, self)

        order = [self.name_edit, self.gender_combo, self.birth_edit, self.id_edit, self.id_issued_edit,
                 self.ethnicity_combo, self.religion_combo, self.education_combo, self.phone_edit,
                 self.hamlet_combo, self.address_edit, self.residence_kind_combo,
                 self.residence_since_edit, self.prior_force_combo, self.over_70_edit, self.note_edit,
                 self.choose_photo_button, self.remove_photo_button, self.save_next_button,
                 self.save_button, self.close_button]
        for first, second in zip(order, order[1:]):
            QWidget.setTabOrder(first, second)

    def _rows(self, grid: QGridLayout, rows) -> None:
        for number, (label_text, editor, field) in enumerate(rows):
            label = QLabel(label_text)
            label.setBuddy(editor)
            vertical = (Qt.AlignmentFlag.AlignTop if isinstance(editor, QPlainTextEdit)
                        else Qt.AlignmentFlag.AlignVCenter)
            grid.addWidget(label, number * 2, 0, vertical | Qt.AlignmentFlag.AlignLeft)
            grid.addWidget(editor, number * 2, 1)
            if field is not None:
                grid.addWidget(self.notes[field], number * 2 + 1, 1)

    def _connect_signals(self) -> None:
        edits = {
            self.name_edit: "full_name", self.birth_edit: "birth", self.id_edit: "id_number",
            self.id_issued_edit: "id_issued_on", self.phone_edit: "phone",
            self.address_edit: "address", self.residence_since_edit: "residence_since",
            self.over_70_edit: "over_70_approval",
        }
        for edit, field in edits.items():
            edit.textEdited.connect(lambda _text, field=field: self._on_field_edited(field))
        combos = {
            self.gender_combo: "gender", self.education_combo: "education_level",
            self.hamlet_combo: "hamlet_id", self.residence_kind_combo: "residence_kind",
            self.prior_force_combo: "prior_force",
        }
        for combo, field in combos.items():
            combo.currentIndexChanged.connect(lambda _index, field=field: self._on_field_edited(field))
        for combo, field in ((self.ethnicity_combo, "ethnicity"), (self.religion_combo, "religion")):
            combo.currentTextChanged.connect(lambda _text, field=field: self._on_field_edited(field))
        self.note_edit.textChanged.connect(lambda: self._on_field_edited("note"))
        self.choose_photo_button.clicked.connect(self._on_choose_photo_button_clicked)
        self.remove_photo_button.clicked.connect(self._on_remove_photo_button_clicked)
        self.save_button.clicked.connect(self._on_save_button_clicked)
        self.save_next_button.clicked.connect(self._on_save_next_button_clicked)
        self.close_button.clicked.connect(self.reject)
        self.save_shortcut.activated.connect(self._on_save_button_clicked)

    # ------------------------------------------------------------------ loading

    def _load(self) -> None:
        member = self._member
        if member is not None:
            self.name_edit.setText(member.full_name)
            self._select(self.gender_combo, member.gender)
            self.birth_edit.setText(format_birth(member.birth))
            self.id_edit.setText(member.id_number or "")
            self.id_issued_edit.setText(format_vn_date(member.id_issued_on))
            self.ethnicity_combo.setCurrentText(member.ethnicity)
            self.religion_combo.setCurrentText(member.religion)
            self._select(self.education_combo, member.education_level)
            self.phone_edit.setText(member.phone or "")
            self._select(self.hamlet_combo, member.hamlet_id)
            self.address_edit.setText(member.address)
            self._select(self.residence_kind_combo, member.residence_kind)
            self.residence_since_edit.setText(format_vn_date(member.residence_since))
            self._select(self.prior_force_combo, member.prior_force)
            self.over_70_edit.setText(member.over_70_approval)
            self.note_edit.setPlainText(member.note)
        else:
            self.ethnicity_combo.setCurrentText("Kinh")
            self.religion_combo.setCurrentText("")
        self._show_photo()
        self._show_status()
        self._show_history()

    @staticmethod
    def _select(combo: QComboBox, value) -> None:
        index = combo.findData(value)
        combo.setCurrentIndex(max(index, 0))

    def _show_status(self) -> None:
        member = self._member
        if member is None:
            self.status_label.setText(
                "Thành viên mới ở trạng thái <b>Đề nghị công nhận</b>; chỉ trở thành thành viên "
                "chính thức khi có quyết định công nhận.")
            return
        parts = [f"Trạng thái: <b>{STATUS_LABELS[member.status]}</b>"]
        current = next((a for a in reversed(self._details.history) if a.is_open), None)
        if current is not None:
            parts.append(f"{POSITION_LABELS[current.position]} – "
                         f"{self._details.team_names.get(current.team_id, '')}")
        if member.joined_on:
            parts.append(f"tham gia từ {format_vn_date(member.joined_on)}")
        if member.status is MemberStatus.LEFT and member.left_on:
            reason = f" ({member.leave_reason})" if member.leave_reason else ""
            parts.append(f"thôi tham gia từ {format_vn_date(member.left_on)}{reason}")
        self.status_label.setText(
            " · ".join(parts) + "<br><span style='color:#555'>Trạng thái và chức danh chỉ thay đổi "
            "qua quyết định.</span>")

    def _show_history(self) -> None:
        history = self._details.history if self._details else ()
        if not history:
            self.history_note.setText(
                "Chưa có quá trình tham gia. Chức danh trong tổ được ghi khi quyết định công nhận "
                "hoặc điều chỉnh chức danh được ban hành.")
        else:
            self.history_note.setText("Các chức danh đã giữ, cũ trước mới sau.")
        self.history_table.setRowCount(len(history))
        for number, assignment in enumerate(history):
            decisions = []
            for label, decision_id in (("", assignment.decision_id), ("kết thúc: ", assignment.end_decision_id)):
                if decision_id:
                    decisions.append(label + self._decision_text(decision_id))
            values = [
                self._details.team_names.get(assignment.team_id, ""),
                POSITION_LABELS[assignment.position],
                format_vn_date(assignment.started_on),
                format_vn_date(assignment.ended_on) if assignment.ended_on else "nay",
                "; ".join(decisions) or "—",
            ]
            for column, text in enumerate(values):
                self.history_table.setItem(number, column, QTableWidgetItem(text))
        self.history_table.resizeColumnsToContents()
        self.history_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)

    def _decision_text(self, decision_id: str) -> str:
        reference = self._details.decisions.get(decision_id)
        if reference is None or not reference.number:
            return "quyết định chưa ban hành"
        signed = f" ngày {format_vn_date(reference.signed_on)}" if reference.signed_on else ""
        return f"số {reference.number}{signed}"

    def _show_photo(self) -> None:
        if self._photo_jpeg:
            pixmap = QPixmap()
            pixmap.loadFromData(self._photo_jpeg, "JPG")
            self.photo_label.setPixmap(pixmap.scaled(
                self.photo_label.size(), Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation))
        else:
            self.photo_label.setPixmap(QPixmap())
            self.photo_label.setText("Chưa có ảnh\n(3×4)")
        self.remove_photo_button.setEnabled(self._photo_jpeg is not None)

    def _update_title(self) -> None:
        name = self._member.full_name if self._member else "Thêm thành viên"
        mark = " *" if self.is_dirty() else ""
        self.setWindowTitle(f"{name}{mark} — Hồ sơ thành viên")

    # ------------------------------------------------------------------ state

    @property
    def member(self) -> Member | None:
        return self._member

    def _values(self) -> tuple:
        return (
            self.name_edit.text(), self.gender_combo.currentIndex(), self.birth_edit.text(),
            self.id_edit.text(), self.id_issued_edit.text(), self.ethnicity_combo.currentText(),
            self.religion_combo.currentText(), self.education_combo.currentIndex(),
            self.phone_edit.text(), self.hamlet_combo.currentIndex(), self.address_edit.text(),
            self.residence_kind_combo.currentIndex(), self.residence_since_edit.text(),
            self.prior_force_combo.currentIndex(), self.over_70_edit.text(),
            self.note_edit.toPlainText(), self._photo_changed,
        )

    def is_dirty(self) -> bool:
        return self._values() != self._snapshot

    def draft(self) -> MemberDraft:
        """What the form holds; unreadable dates count as empty (their notes say why)."""
        return self._draft_and_parse_errors()[0]

    def _draft_and_parse_errors(self) -> tuple[MemberDraft, dict[str, DomainError]]:
        errors: dict[str, DomainError] = {}
        birth = BirthDate()
        if self.birth_edit.text().strip():
            try:
                birth = parse_birth(self.birth_edit.text())
            except DomainError as error:
                errors["birth"] = error

        def optional_date(field: str, edit: QLineEdit) -> date | None:
            if not edit.text().strip():
                return None
            try:
                return parse_vn_date(edit.text())
            except DomainError as error:
                errors[field] = error
                return None

        draft = MemberDraft(
            full_name=self.name_edit.text(),
            gender=Gender(self.gender_combo.currentData()),
            birth=birth,
            id_number=self.id_edit.text().strip() or None,
            id_issued_on=optional_date("id_issued_on", self.id_issued_edit),
            ethnicity=self.ethnicity_combo.currentText(),
            religion=self.religion_combo.currentText(),
            education_level=_enum(EducationLevel, self.education_combo.currentData()),
            phone=self.phone_edit.text().strip() or None,
            hamlet_id=self.hamlet_combo.currentData(),
            address=self.address_edit.text(),
            residence_kind=ResidenceKind(self.residence_kind_combo.currentData()),
            residence_since=optional_date("residence_since", self.residence_since_edit),
            prior_force=PriorForce(self.prior_force_combo.currentData()),
            over_70_approval=self.over_70_edit.text(),
            note=self.note_edit.toPlainText(),
        )
        return draft, errors

    def errors(self) -> dict[str, str]:
        """The reasons currently shown beside the fields, by field name."""
        return {field: note.text() for field, note in self.notes.items() if note.kind == "error"}

    def warnings(self) -> dict[str, str]:
        return {field: note.text() for field, note in self.notes.items() if note.kind == "warning"}

    def _revalidate(self, *, show_all: bool = False) -> MemberDraft | None:
        """Check the form; show each problem beside its field. The cleaned draft, or None."""
        draft, errors = self._draft_and_parse_errors()
        warnings: dict[str, DomainError] = {}
        cleaned = None
        try:
            validated = self._services.members.validate(
                draft, member_id=self._member.id if self._member else None)
        except MemberInvalid as invalid:
            for problem in invalid.problems:
                errors.setdefault(problem.field, problem.error)
        except DomainError as error:
            errors.setdefault("form", error)
        else:
            for problem in validated.warnings:
                warnings.setdefault(problem.field, problem.error)
            cleaned = validated.draft
        self._errors = errors
        for field, note in self.notes.items():
            visible = show_all or field in self._touched or self._member is not None
            if field in errors and (show_all or field in self._touched):
                note.show_error(describe(errors[field]))
            elif field in warnings and visible:
                note.show_warning(describe(warnings[field]))
            else:
                note.clear_note()
        unplaced = [f for f in errors if f not in self.notes]
        if unplaced and (show_all or "form" in errors):
            self.form_note.show_error(describe(errors[unplaced[0]]))
        elif not errors:
            reason = getattr(self, "read_only_reason", "")
            if reason:                      # the read-only note stays while the user looks around
                self.form_note.show_warning(reason[0].lower() + reason[1:])
            else:
                self.form_note.clear_note()
        return None if errors else cleaned

    # ------------------------------------------------------------------ reactions

    def _on_field_edited(self, field: str) -> None:
        self._touched.add(field)
        self._revalidate()
        self._update_title()

    def _on_choose_photo_button_clicked(self) -> None:
        path = self._prompts.open_file("Chọn ảnh thành viên", PHOTO_FILTERS)
        if path is None:
            return
        try:
            jpeg = id_photo_jpeg(path.read_bytes(), name=path.name)
        except OSError:
            self.notes["photo"].show_error(f"Không mở được tệp «{path.name}».")
            return
        except DomainError as error:
            self.notes["photo"].show_error(describe(error))
            return
        self.notes["photo"].clear_note()
        self._photo_jpeg = jpeg
        self._photo_changed = True
        self._show_photo()
        self._update_title()

    def _on_remove_photo_button_clicked(self) -> None:
        self._photo_jpeg = None
        self._photo_changed = True
        self.notes["photo"].clear_note()
        self._show_photo()
        self._update_title()

    def _on_save_button_clicked(self) -> None:
        if self.read_only_reason:         # Ctrl+S reaches here with the button disabled
            return
        if self.save():
            self.accept()

    def _on_save_next_button_clicked(self) -> None:
        if self.save():
            self._start_next()

    def save(self) -> bool:
        """Save the form (create or update, then the photo); False if something is wrong."""
        draft = self._revalidate(show_all=True)
        if draft is None:
            self._focus_first_error()
            if not self.form_note.kind:
                self.form_note.show_error("Chưa lưu: hãy sửa các ô có ghi chú màu đỏ.")
            return False
        try:
            if self._member is None:
                member = self._services.members.create(draft).member
            else:
                member = self._services.members.update(self._member.id, draft).member
            self._member = member
            if self._photo_changed:
                member = self._services.members.set_photo(member.id, self._photo_jpeg)
                self._member = member
        except MemberInvalid as invalid:
            for problem in invalid.problems:
                note = self.notes.get(problem.field, self.form_note)
                note.show_error(describe(problem.error))
            return False
        except DomainError as error:
            self.form_note.show_error(describe(error))
            return False
        self._photo_changed = False
        self._snapshot = self._values()
        self.form_note.clear_note()
        self.save_next_button.setVisible(False)
        self._update_title()
        self.member_saved.emit(member)
        return True

    def _start_next(self) -> None:
        """An empty form for the next person, keeping the hamlet (lists are typed by hamlet)."""
        hamlet_index = self.hamlet_combo.currentIndex()
        for edit in (self.name_edit, self.birth_edit, self.id_edit, self.id_issued_edit,
                     self.phone_edit, self.address_edit, self.residence_since_edit, self.over_70_edit):
            edit.clear()
        self.note_edit.clear()
        for combo in (self.gender_combo, self.education_combo, self.residence_kind_combo,
                      self.prior_force_combo):
            combo.setCurrentIndex(0)
        self.ethnicity_combo.setCurrentText("Kinh")
        self.religion_combo.setCurrentText("")
        self.hamlet_combo.setCurrentIndex(hamlet_index)
        self._member = None
        self._details = None
        self._photo_jpeg = None
        self._photo_changed = False
        self._touched.clear()
        self._load()
        self._snapshot = self._values()
        self.save_next_button.setVisible(True)
        self._revalidate()
        self._update_title()
        self.name_edit.setFocus()

    def _focus_first_error(self) -> None:
        editors = {"full_name": self.name_edit, "birth": self.birth_edit, "id_number": self.id_edit,
                   "id_issued_on": self.id_issued_edit, "phone": self.phone_edit,
                   "education_level": self.education_combo, "hamlet_id": self.hamlet_combo,
                   "residence_since": self.residence_since_edit, "over_70_approval": self.over_70_edit}
        for field, editor in editors.items():
            if field in self._errors:
                self.tabs.setCurrentIndex(0)
                editor.setFocus()
                return

    def reject(self) -> None:
        """Esc, the Đóng button and the window's close box: ask before losing changes."""
        if self.is_dirty():
            who = self.name_edit.text().strip() or "thành viên mới"
            answer = self._prompts.ask_save_changes(
                "Thay đổi chưa lưu", f"Hồ sơ của {who} có thay đổi chưa lưu. Lưu lại trước khi đóng?")
            if answer == "cancel":
                return
            if answer == "save":
                if self.save():
                    self.accept()
                return
        super().reject()
