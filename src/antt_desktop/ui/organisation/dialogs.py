"""The small forms of the Thôn/Tổ screen: a hamlet, and a team's name and quota."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
)

from antt_desktop.domain.dates import format_vn_date, parse_vn_date
from antt_desktop.domain.errors import DomainError
from antt_desktop.domain.organisation import (
    DuplicateHamletName,
    Hamlet,
    HamletDraft,
    HamletNameMissing,
    NegativeCount,
    QuotaTooSmall,
    Team,
    TeamNameMissing,
)
from antt_desktop.domain.people import HAMLET_KIND_LABELS, HamletKind
from antt_desktop.domain.policies import LEGAL_MIN_MEMBERS
from antt_desktop.messages import describe
from antt_desktop.ui.field_notes import FieldNote


def _count_or_none(text: str) -> int | None:
    digits = text.replace(".", "").replace(" ", "").strip()
    return int(digits) if digits else None


class _FormDialog(QDialog):
    """Save / Đóng buttons, Ctrl+S-less (short forms), the unsaved-changes guard."""

    def __init__(self, prompts, parent=None) -> None:
        super().__init__(parent)
        self._prompts = prompts
        self.form_note = FieldNote()
        self.save_button = QPushButton("Lưu")
        self.save_button.setDefault(True)
        self.close_button = QPushButton("Đóng")
        self.close_button.setAutoDefault(False)
        self.save_button.clicked.connect(self._on_save_button_clicked)
        self.close_button.clicked.connect(self.reject)

    def _buttons(self) -> QVBoxLayout:
        row = QHBoxLayout()
        row.addStretch()
        row.addWidget(self.save_button)
        row.addWidget(self.close_button)
        box = QVBoxLayout()
        box.addWidget(self.form_note)
        box.addLayout(row)
        return box

    def _values(self) -> tuple:
        raise NotImplementedError

    def is_dirty(self) -> bool:
        return self._values() != self._snapshot

    def save(self) -> bool:
        raise NotImplementedError

    def _on_save_button_clicked(self) -> None:
        if self.save():
            self.accept()

    def reject(self) -> None:
        if self.is_dirty():
            answer = self._prompts.ask_save_changes(
                "Thay đổi chưa lưu", "Các thay đổi trong biểu mẫu này chưa được lưu. Lưu lại trước khi đóng?")
            if answer == "cancel":
                return
            if answer == "save":
                if self.save():
                    self.accept()
                return
        super().reject()


class HamletDialog(_FormDialog):
    """Thêm / sửa thôn, tổ dân phố: name, kind, households, residents and area flags."""

    hamlet_saved = Signal(object)

    def __init__(self, services, prompts, hamlet: Hamlet | None = None, parent=None) -> None:
        super().__init__(prompts, parent)
        self._services = services
        self._hamlet = hamlet
        self.setWindowTitle("Sửa thôn/tổ dân phố" if hamlet else "Thêm thôn/tổ dân phố")
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText("ví dụ: Thôn 3, Tổ dân phố Bắc Sơn")
        self.kind_combo = QComboBox()
        for kind in HamletKind:
            self.kind_combo.addItem(HAMLET_KIND_LABELS[kind], kind)
        self.households_edit = QLineEdit()
        self.households_edit.setPlaceholderText("số hộ gia đình")
        self.residents_edit = QLineEdit()
        self.residents_edit.setPlaceholderText("số nhân khẩu")
        self.complex_check = QCheckBox("Địa bàn phức tạp về an ninh, trật tự")
        self.exempt_check = QCheckBox("Vùng được xét trình độ tiểu học (biên giới, miền núi…)")
        self.note_edit = QLineEdit()
        self.notes = {name: FieldNote() for name in ("name", "households", "residents")}
        form = QFormLayout()
        form.addRow("Tên *", self.name_edit)
        form.addRow("", self.notes["name"])
        form.addRow("Loại", self.kind_combo)
        form.addRow("Số hộ", self.households_edit)
        form.addRow("", self.notes["households"])
        form.addRow("Số nhân khẩu", self.residents_edit)
        form.addRow("", self.notes["residents"])
        form.addRow("", self.complex_check)
        form.addRow("", self.exempt_check)
        form.addRow("Ghi chú", self.note_edit)
        hint = QLabel("Số hộ hoặc số nhân khẩu quyết định định mức thành viên của tổ theo "
                      "nghị quyết của tỉnh.")
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addLayout(self._buttons())
        self.setMinimumWidth(480)
        if hamlet is not None:
            self.name_edit.setText(hamlet.name)
            self.kind_combo.setCurrentIndex(max(self.kind_combo.findData(hamlet.kind), 0))
            self.households_edit.setText("" if hamlet.households is None else str(hamlet.households))
            self.residents_edit.setText("" if hamlet.residents is None else str(hamlet.residents))
            self.complex_check.setChecked(hamlet.is_complex)
            self.exempt_check.setChecked(hamlet.is_exempt_area)
            self.note_edit.setText(hamlet.note)
        self._snapshot = self._values()
        for edit, field in ((self.name_edit, "name"), (self.households_edit, "households"),
                            (self.residents_edit, "residents")):
            edit.textEdited.connect(lambda _text, field=field: self._check(field))

    def _values(self) -> tuple:
        return (self.name_edit.text(), self.kind_combo.currentIndex(), self.households_edit.text(),
                self.residents_edit.text(), self.complex_check.isChecked(),
                self.exempt_check.isChecked(), self.note_edit.text())

    def _draft(self) -> tuple[HamletDraft | None, dict[str, str]]:
        problems: dict[str, str] = {}
        counts = {}
        for field, edit in (("households", self.households_edit), ("residents", self.residents_edit)):
            try:
                counts[field] = _count_or_none(edit.text())
            except ValueError:
                problems[field] = f"«{edit.text().strip()}» không phải là một số nguyên."
        if not self.name_edit.text().strip():
            problems["name"] = describe(HamletNameMissing())
        if problems:
            return None, problems
        return HamletDraft(name=self.name_edit.text(), kind=HamletKind(self.kind_combo.currentData()),
                           households=counts["households"], residents=counts["residents"],
                           is_complex=self.complex_check.isChecked(),
                           is_exempt_area=self.exempt_check.isChecked(), note=self.note_edit.text()), {}

    def _check(self, only: str | None = None) -> HamletDraft | None:
        draft, problems = self._draft()
        for field, note in self.notes.items():
            if field in problems and (only is None or field == only):
                note.show_error(problems[field])
            elif field not in problems:
                note.clear_note()
        return draft

    def save(self) -> bool:
        draft = self._check()
        if draft is None:
            return False
        try:
            if self._hamlet is None:
                hamlet = self._services.hamlets.create(draft)
            else:
                hamlet = self._services.hamlets.update(self._hamlet.id, draft)
        except (HamletNameMissing, DuplicateHamletName) as error:
            self.notes["name"].show_error(describe(error))
            return False
        except NegativeCount as error:
            self.notes.get(error.field, self.form_note).show_error(describe(error))
            return False
        except DomainError as error:
            self.form_note.show_error(describe(error))
            return False
        self._hamlet = hamlet
        self._snapshot = self._values()
        self.hamlet_saved.emit(hamlet)
        return True


class TeamDialog(_FormDialog):
    """Thêm tổ for a hamlet, or rename a team and give it its own quota."""

    team_saved = Signal(object)

    def __init__(self, services, prompts, *, team: Team | None = None, hamlets=(),
                 hamlet_id: str | None = None, parent=None) -> None:
        super().__init__(prompts, parent)
        self._services = services
        self._team = team
        self.setWindowTitle("Sửa tổ bảo vệ ANTT" if team else "Thêm tổ bảo vệ ANTT")
        self.hamlet_combo = QComboBox()
        for hamlet in hamlets:
            self.hamlet_combo.addItem(hamlet.name, hamlet.id)
        self.hamlet_combo.setEnabled(team is None)
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText("để trống: «Tổ bảo vệ ANTT» + tên thôn")
        self.quota_spin = QSpinBox()
        self.quota_spin.setRange(0, 99)
        self.quota_spin.setSpecialValueText("Theo nghị quyết của tỉnh")
        self.established_edit = QLineEdit()
        self.established_edit.setPlaceholderText("ngày/tháng/năm")
        self.notes = {name: FieldNote() for name in ("name", "quota", "established_on")}
        form = QFormLayout()
        form.addRow("Thôn/Tổ dân phố", self.hamlet_combo)
        form.addRow("Tên tổ", self.name_edit)
        form.addRow("", self.notes["name"])
        form.addRow("Định mức riêng", self.quota_spin)
        form.addRow("", self.notes["quota"])
        form.addRow("Ngày thành lập", self.established_edit)
        form.addRow("", self.notes["established_on"])
        hint = QLabel("Tổ được thành lập chính thức bằng quyết định của Chủ tịch UBND; "
                      "chỉ đặt định mức riêng khi tỉnh chưa có quy định áp dụng được.")
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addLayout(self._buttons())
        self.setMinimumWidth(480)
        if team is not None:
            self.hamlet_combo.setCurrentIndex(max(self.hamlet_combo.findData(team.hamlet_id), 0))
            self.name_edit.setText(team.name)
            self.quota_spin.setValue(team.quota_override or 0)
            self.established_edit.setText(format_vn_date(team.established_on))
        elif hamlet_id is not None:
            self.hamlet_combo.setCurrentIndex(max(self.hamlet_combo.findData(hamlet_id), 0))
        self._snapshot = self._values()
        self.established_edit.textEdited.connect(lambda _text: self._parsed_date())

    def _values(self) -> tuple:
        return (self.hamlet_combo.currentIndex(), self.name_edit.text(), self.quota_spin.value(),
                self.established_edit.text())

    def _parsed_date(self):
        text = self.established_edit.text().strip()
        if not text:
            self.notes["established_on"].clear_note()
            return None, True
        try:
            value = parse_vn_date(text)
        except DomainError as error:
            self.notes["established_on"].show_error(describe(error))
            return None, False
        self.notes["established_on"].clear_note()
        return value, True

    def save(self) -> bool:
        established_on, date_ok = self._parsed_date()
        if not date_ok:
            return False
        quota = self.quota_spin.value() or None
        if quota is not None and quota < LEGAL_MIN_MEMBERS:
            # Checked before anything is written: a new team is created, then given its quota.
            self.notes["quota"].show_error(describe(QuotaTooSmall(quota, LEGAL_MIN_MEMBERS)))
            return False
        self.notes["quota"].clear_note()
        try:
            if self._team is None:
                if self.hamlet_combo.currentData() is None:
                    self.form_note.show_error("Chưa có thôn/tổ dân phố nào: hãy thêm thôn trước.")
                    return False
                team = self._services.teams.create(self.hamlet_combo.currentData(),
                                                   self.name_edit.text() or None,
                                                   established_on=established_on)
                if quota is not None:
                    team = self._services.teams.update(team.id, name=team.name, quota_override=quota)
            else:
                team = self._services.teams.update(self._team.id, name=self.name_edit.text(),
                                                   quota_override=quota, established_on=established_on)
        except TeamNameMissing as error:
            self.notes["name"].show_error(describe(error))
            return False
        except QuotaTooSmall as error:
            self.notes["quota"].show_error(describe(error))
            return False
        except DomainError as error:
            self.form_note.show_error(describe(error))
            return False
        self._team = team
        self._snapshot = self._values()
        self.team_saved.emit(team)
        return True
