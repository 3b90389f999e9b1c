"""The dry-run summary shown before anything is applied: per team, who is new, changed, gone."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from antt_desktop.services.packages import ImportReport, ReferenceReport

FIELD_LABELS = {
    "full_name": "họ tên", "birth_date": "ngày sinh", "birth_year": "năm sinh", "gender": "giới tính",
    "id_number": "số định danh", "id_issued_on": "ngày cấp", "phone": "điện thoại", "hamlet_id": "thôn/tổ",
    "address": "địa chỉ", "status": "trạng thái", "education_level": "trình độ", "prior_force": "nguồn",
    "joined_on": "ngày tham gia", "left_on": "ngày thôi", "leave_reason": "lý do thôi", "note": "ghi chú",
    "team": "tổ", "position": "chức danh", "photo": "ảnh", "insurance": "bảo hiểm", "ethnicity": "dân tộc",
    "religion": "tôn giáo", "residence_kind": "cư trú", "residence_since": "cư trú từ", "has_photo": "ảnh",
}


def describe_fields(fields) -> str:
    seen = []
    for name in fields:
        label = FIELD_LABELS.get(name, name)
        if label not in seen:
            seen.append(label)
    return ", ".join(seen)


class PreviewPanel(QGroupBox):
    """Shows a report; `apply_requested` / `dismissed` when the user decides."""

    apply_requested = Signal()
    dismissed = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__("Xem trước — chưa có gì được ghi", parent)
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Nội dung", "Chi tiết"])
        self.tree.setColumnWidth(0, 360)
        self.apply_button = QPushButton("Áp dụng")
        self.apply_button.setDefault(True)
        self.cancel_button = QPushButton("Bỏ qua")
        buttons = QHBoxLayout()
        buttons.addStretch()
        buttons.addWidget(self.apply_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.tree, 1)
        layout.addLayout(buttons)
        self.apply_button.clicked.connect(self._on_apply_button_clicked)
        self.cancel_button.clicked.connect(self._on_cancel_button_clicked)
        self.hide()

    def _on_apply_button_clicked(self) -> None:
        self.apply_requested.emit()

    def _on_cancel_button_clicked(self) -> None:
        self.clear()
        self.dismissed.emit()

    def clear(self) -> None:
        self.tree.clear()
        self.summary_label.clear()
        self.hide()

    def show_commune(self, report: ImportReport) -> None:
        diff = report.diff
        self.tree.clear()
        self.summary_label.setText(
            f"Gói số {report.sequence} của {report.unit_name} ({report.unit_code}), lập lúc "
            f"{report.created_at:%d/%m/%Y %H:%M}. Thành viên: {diff.new} mới, {diff.changed} thay đổi, "
            f"{diff.gone} không còn trong gói. Quyết định: {len(diff.decisions_new)} mới, "
            f"{len(diff.decisions_changed)} thay đổi, {len(diff.decisions_gone)} không còn."
            + (" Đây là gói đầu tiên của đơn vị này." if diff.is_first_package else ""))
        for team in diff.teams:
            node = QTreeWidgetItem([team.team_name or "Chưa thuộc tổ",
                                    f"{len(team.new)} mới, {len(team.changed)} thay đổi, {len(team.gone)} không còn"])
            for label, changes in (("Mới", team.new), ("Thay đổi", team.changed), ("Không còn", team.gone)):
                for change in changes:
                    detail = describe_fields(change.fields) if change.fields else ""
                    node.addChild(QTreeWidgetItem([f"{label}: {change.full_name}", detail]))
            self.tree.addTopLevelItem(node)
        decisions = QTreeWidgetItem(["Quyết định", ""])
        for label, items in (("Mới", diff.decisions_new), ("Thay đổi", diff.decisions_changed),
                             ("Không còn", diff.decisions_gone)):
            for item in items:
                decisions.addChild(QTreeWidgetItem([f"{label}: {item.number or '(chưa có số)'}", item.title]))
        if decisions.childCount():
            self.tree.addTopLevelItem(decisions)
        self.apply_button.setText("Áp dụng vào dữ liệu tổng hợp")
        self.show()

    def show_reference(self, report: ReferenceReport) -> None:
        self.tree.clear()
        self.summary_label.setText(
            f"Gói tham chiếu số {report.sequence} của {report.source_unit_name} ({report.source_unit_code}), "
            f"lập lúc {report.created_at:%d/%m/%Y %H:%M}.")
        for label, items in (("Chính sách mới", report.policies_new), ("Chính sách cập nhật", report.policies_changed),
                             ("Lương cơ sở mới", report.salaries_new),
                             ("Lương cơ sở cập nhật", report.salaries_changed)):
            node = QTreeWidgetItem([label, str(len(items))])
            for item in items:
                node.addChild(QTreeWidgetItem([item, ""]))
            self.tree.addTopLevelItem(node)
        self.apply_button.setText("Áp dụng dữ liệu tham chiếu")
        self.show()

    def top_level_texts(self) -> list[str]:
        return [self.tree.topLevelItem(i).text(0) for i in range(self.tree.topLevelItemCount())]
