"""First run: the unit typed in (with its province's resolution), or the demo commune."""

from __future__ import annotations

from antt_desktop.ui.first_run import FirstRunDialog
from tests.ui.helpers import choose, erase, type_text


def make_dialog(qtbot, services, jobs) -> FirstRunDialog:
    dialog = FirstRunDialog(services, jobs=jobs)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_a_unit_is_set_up_from_the_form(qtbot, services, jobs):
    dialog = make_dialog(qtbot, services, jobs)
    type_text(dialog.code_edit, "26734")
    type_text(dialog.name_edit, "Xã Ia Grai")
    assert dialog.province_combo.currentText() == "Gia Lai"
    assert dialog.higher_edit.placeholderText() == "Công an tỉnh Gia Lai"
    type_text(dialog.chairman_edit, "nguyễn văn hòa")
    type_text(dialog.police_chief_edit, "Trần Quốc Tuấn")
    with qtbot.waitSignal(dialog.unit_set_up, timeout=1000) as done:
        dialog.set_up_button.click()
    unit = done.args[0]
    assert (unit.code, unit.name, unit.province_code) == ("26734", "Xã Ia Grai", "064")
    assert unit.chairman_name == "Nguyễn Văn Hòa" and unit.signature_form == "TM."
    assert unit.higher_unit_name == "Công an tỉnh Gia Lai"
    chosen = services.policies.unit_policy()
    assert chosen is not None and chosen.policy.province_name.startswith(("Gia Lai", "Bình Định"))


def test_the_resolution_chosen_is_applied(qtbot, services, jobs):
    dialog = make_dialog(qtbot, services, jobs)
    type_text(dialog.code_edit, "X1")
    type_text(dialog.name_edit, "Phường Quy Nhơn")
    labels = [dialog.policy_combo.itemText(i) for i in range(dialog.policy_combo.count())]
    old_gia_lai = next(label for label in labels if "Gia Lai (cũ" in label)
    choose(dialog.policy_combo, old_gia_lai)
    dialog.set_up_button.click()
    assert services.policies.unit_policy().policy.province_name.startswith("Gia Lai (cũ")


def test_changing_the_province_lists_its_resolutions(qtbot, services, jobs):
    dialog = make_dialog(qtbot, services, jobs)
    dialog.province_combo.setFocus()
    erase(dialog.province_combo.lineEdit())
    type_text(dialog.province_combo.lineEdit(), "khanh hoa")
    labels = [dialog.policy_combo.itemText(i) for i in range(dialog.policy_combo.count())]
    assert labels[0] == "Tự chọn nghị quyết đang có hiệu lực"
    assert all("Khánh Hòa" in label for label in labels[1:]) and len(labels) >= 2
    assert dialog.higher_edit.placeholderText() == "Công an tỉnh Khánh Hòa"


def test_mistakes_are_explained_beside_the_fields(qtbot, services, jobs):
    dialog = make_dialog(qtbot, services, jobs)
    type_text(dialog.code_edit, "xã 1!")
    dialog.set_up_button.click()
    assert "không hợp lệ" in dialog.notes["code"].text() and dialog.isVisible()
    erase(dialog.code_edit)
    type_text(dialog.code_edit, "X1")
    dialog.set_up_button.click()
    assert dialog.notes["name"].text() == "Chưa nhập tên đơn vị."
    type_text(dialog.name_edit, "Xã Một")
    erase(dialog.province_combo.lineEdit())
    type_text(dialog.province_combo.lineEdit(), "Atlantis")
    dialog.set_up_button.click()
    assert "Không tìm thấy tỉnh «Atlantis»" in dialog.notes["province"].text()
    assert services.units.own_unit() is None


def test_the_demo_commune_opens(qtbot, services, jobs):
    dialog = make_dialog(qtbot, services, jobs)
    with qtbot.waitSignal(dialog.unit_set_up, timeout=5000):
        dialog.demo_button.click()
    assert services.units.own_unit().name == "Xã Tân Phú"
    assert len(services.members.list_rows()) == 30
    assert jobs.labels == ["Đang tạo dữ liệu mẫu…"]


def test_the_app_takes_another_database_with_db(tmp_path):
    from antt_desktop.app import parse_arguments

    assert parse_arguments(["--db", str(tmp_path / "khac.sqlite")]).db == str(tmp_path / "khac.sqlite")
    assert parse_arguments([]).db is None


def test_the_opening_notice_closes_when_the_first_window_appears(qtbot, qapp):
    from PySide6.QtWidgets import QDialog

    from antt_desktop.app import _show_splash

    splash = _show_splash(qapp)
    assert splash.isVisible() and "Đang mở dữ liệu" in splash.text()
    first = QDialog()
    qtbot.addWidget(first)
    first.show()
    assert not splash.isVisible()
