"""MemberRecordsWidget (issue #11): a tab per kind, rows added, changed, removed, evidence attached."""

from __future__ import annotations

from PySide6.QtCore import Qt

from antt_desktop.domain.service_records import CommendationForm, EquipmentDirection, RecordKind
from tests.ui.helpers import choose, erase, type_text


def active_member(services):
    return next(r for r in services.members.list_rows() if r.status.value == "active")


def make(qtbot, services, prompts, member_id=None):
    from antt_desktop.ui.members.records_widget import MemberRecordsWidget

    widget = MemberRecordsWidget(services, prompts, member_id or active_member(services).id)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_there_is_a_tab_per_kind_of_record(qtbot, demo, prompts):
    widget = make(qtbot, demo, prompts)
    assert [widget.tabs.tabText(i) for i in range(widget.tabs.count())] == [
        "Bồi dưỡng, huấn luyện", "Khen thưởng", "Kỷ luật, nhắc nhở", "Đánh giá, xếp loại", "Bị thương, hy sinh",
        "Trang phục, trang bị", "Giấy CN sử dụng CCHT", "Lực lượng trước đây", "Lý do thôi tham gia"]


def test_adding_a_commendation_from_the_form(qtbot, demo, prompts):
    widget = make(qtbot, demo, prompts)
    panel = widget.panel(RecordKind.COMMENDATION)
    choose(panel.editors["form"], "Bằng khen")
    type_text(panel.editors["awarded_on"], "01/11/2026")
    type_text(panel.editors["title"], "Có thành tích xuất sắc")
    type_text(panel.editors["document_number"], "120/QĐ-UBND")
    with qtbot.waitSignal(widget.data_changed):
        qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    assert panel.table.rowCount() == 1
    assert "Bằng khen cá nhân 01/11/2026" in panel.table.item(0, 1).text()
    [line] = demo.service_records.member_records(widget.member_id, RecordKind.COMMENDATION)[RecordKind.COMMENDATION]
    assert line.record.form is CommendationForm.CERTIFICATE_OF_MERIT
    assert line.record.title == "Có thành tích xuất sắc" and line.record.document_number == "120/QĐ-UBND"
    assert widget.tabs.tabText(1) == "Khen thưởng (1)"


def test_a_bad_date_is_said_beside_the_form_and_nothing_is_saved(qtbot, demo, prompts):
    widget = make(qtbot, demo, prompts)
    panel = widget.panel(RecordKind.EQUIPMENT)
    type_text(panel.editors["item"], "Áo mưa")
    type_text(panel.editors["moved_on"], "31/02/2026")
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    assert panel.note.kind == "error" and "«31/02/2026»" in panel.note.text()
    erase(panel.editors["moved_on"])
    type_text(panel.editors["moved_on"], "01/12/2026")           # after today (22/11/2026)
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    assert panel.note.kind == "error" and "ở sau hôm nay" in panel.note.text()
    assert demo.service_records.member_records(widget.member_id, RecordKind.EQUIPMENT)[RecordKind.EQUIPMENT] == []


def test_selecting_a_row_fills_the_form_and_saving_changes_it(qtbot, demo, prompts):
    widget = make(qtbot, demo, prompts)
    panel = widget.panel(RecordKind.EQUIPMENT)
    type_text(panel.editors["item"], "Áo mưa")
    panel.editors["quantity"].setValue(2)
    type_text(panel.editors["moved_on"], "01/05/2026")
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(panel.new_button, Qt.MouseButton.LeftButton)
    assert panel.editors["item"].text() == ""
    panel.select_row(0)
    assert panel.editors["item"].text() == "Áo mưa" and panel.editors["quantity"].value() == 2
    panel.editors["quantity"].setValue(3)
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    [line] = demo.service_records.member_records(widget.member_id, RecordKind.EQUIPMENT)[RecordKind.EQUIPMENT]
    assert line.record.quantity == 3 and line.record.direction is EquipmentDirection.ISSUED


def test_training_creates_a_course_and_another_member_can_join_it(qtbot, demo, prompts):
    widget = make(qtbot, demo, prompts)
    panel = widget.panel(RecordKind.TRAINING)
    type_text(panel.editors["name"], "Bồi dưỡng nghiệp vụ")
    type_text(panel.editors["starts_on"], "20/10/2026")
    panel.editors["uses_ministry_materials"].setChecked(True)
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    assert panel.note.kind == "done" and panel.table.rowCount() == 1

    other = [r for r in demo.members.list_rows() if r.status.value == "active"][1]
    other_widget = make(qtbot, demo, prompts, other.id)
    second = other_widget.panel(RecordKind.TRAINING)
    choose(second.course_combo, "20/10/2026 Bồi dưỡng nghiệp vụ")
    assert second.editors["name"].text() == "Bồi dưỡng nghiệp vụ"
    qtbot.mouseClick(second.save_button, Qt.MouseButton.LeftButton)
    [course] = demo.service_records.courses()
    assert len(course.attendees) == 2


def test_removing_asks_first(qtbot, demo, prompts):
    widget = make(qtbot, demo, prompts)
    panel = widget.panel(RecordKind.TOOL_CERTIFICATE)
    type_text(panel.editors["number"], "15/GCN")
    type_text(panel.editors["issued_on"], "01/08/2025")
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    panel.select_row(0)
    prompts.confirm_answers = [False]
    qtbot.mouseClick(panel.remove_button, Qt.MouseButton.LeftButton)
    assert panel.table.rowCount() == 1
    prompts.confirm_answers = [True]
    qtbot.mouseClick(panel.remove_button, Qt.MouseButton.LeftButton)
    assert panel.table.rowCount() == 0
    assert prompts.shown[-1][0] == "confirm"


def test_evidence_is_attached_to_the_selected_row(qtbot, demo, prompts, tmp_path):
    widget = make(qtbot, demo, prompts)
    panel = widget.panel(RecordKind.INCIDENT)
    type_text(panel.editors["occurred_on"], "25/10/2026")
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    panel.select_row(0)
    scan = tmp_path / "bien-ban.pdf"
    scan.write_bytes(b"%PDF-1.4 scan")
    prompts.files = [scan]
    qtbot.mouseClick(panel.attach_button, Qt.MouseButton.LeftButton)
    panel.select_row(0)
    assert panel.attachments.count() == 1 and panel.attachments.item(0).text().startswith("bien-ban.pdf")
    assert panel.table.item(0, 3).text() == "1"
    copy = tmp_path / "ban-sao.pdf"
    prompts.files = [copy]
    qtbot.mouseClick(panel.save_attachment_button, Qt.MouseButton.LeftButton)
    assert copy.read_bytes() == b"%PDF-1.4 scan"
