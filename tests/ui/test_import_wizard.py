"""MemberImportWizard (issue #7): file, sheet and columns, the check, the decision, undo."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtWidgets import QWizard

from tests.ui.helpers import type_text

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "imports" / "danh-sach-to-bao-ve-antt-xa-tan-phu.xlsx"


@pytest.fixture
def sample(tmp_path) -> Path:
    target = tmp_path / SAMPLE.name
    shutil.copy(SAMPLE, target)
    target.chmod(0o644)
    return target


def make(qtbot, services, prompts, jobs):
    from antt_desktop.ui.imports.wizard import MemberImportWizard

    wizard = MemberImportWizard(services, prompts, jobs=jobs)
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard


def next_page(wizard) -> None:
    wizard.button(QWizard.WizardButton.NextButton).click()


def choose_file(wizard, prompts, path: Path) -> None:
    prompts.files.append(path)
    wizard.file_page.browse_button.click()
    next_page(wizard)


def test_the_sample_imports_with_its_recognition_decision(qtbot, commune, prompts, jobs, sample, tmp_path):
    wizard = make(qtbot, commune, prompts, jobs)
    changed = []
    wizard.data_changed.connect(lambda: changed.append(True))
    choose_file(wizard, prompts, sample)
    assert wizard.currentPage() is wizard.mapping_page
    page = wizard.mapping_page
    assert page.sheet_combo.currentData() == "DS thanh vien" and page.header_spin.value() == 6
    assert page.combos[3].currentText() == "Ngày sinh (Nam)" and page.combos[4].currentText() == "Ngày sinh (Nữ)"
    next_page(wizard)

    check = wizard.check_page
    assert wizard.currentPage() is check and check.isComplete()
    assert "<b>14</b> dòng sẽ được nhập" in check.summary_label.text()
    assert check.issues_table.rowCount() == 12
    check.errors_only_check.setChecked(True)
    assert check.issues_table.rowCount() == 6
    assert check.issues_table.item(0, 0).text() == "14" and "18 tuổi" in check.issues_table.item(0, 4).text()
    prompts.files.append(tmp_path / "kiem-tra.xlsx")
    check.save_copy_button.click()
    assert openpyxl.load_workbook(tmp_path / "kiem-tra.xlsx").sheetnames[0] == "Kết quả kiểm tra"
    assert commune.members.count() == 0                      # nothing written before confirmation
    next_page(wizard)

    confirm = wizard.confirm_page
    confirm.active_radio.setChecked(True)
    assert not confirm.isComplete()
    type_text(confirm.number_edit, "45/QĐ-UBND")
    from PySide6.QtCore import QDate
    confirm.date_edit.setDate(QDate(2024, 7, 1))
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert wizard.result is not None and wizard.result.batch.accepted == 14
    assert changed and commune.members.count() == 14
    assert {r.status.value for r in commune.members.list_rows()} == {"active"}
    assert any(kind == "inform" and "14 thành viên" in text for kind, _, text in prompts.shown)


def test_a_wrong_decision_number_is_said_and_nothing_is_written(qtbot, commune, prompts, jobs, sample):
    wizard = make(qtbot, commune, prompts, jobs)
    choose_file(wizard, prompts, sample)
    next_page(wizard)
    next_page(wizard)
    confirm = wizard.confirm_page
    confirm.active_radio.setChecked(True)
    type_text(confirm.number_edit, "QD-UBND")
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert "45/QĐ-UBND" in confirm.note_label.text() and wizard.result is None
    assert commune.members.count() == 0


def test_a_file_that_is_not_excel_stays_on_the_first_page(qtbot, commune, prompts, jobs, tmp_path):
    fake = tmp_path / "ds.xlsx"
    fake.write_text("not a workbook", encoding="utf-8")
    wizard = make(qtbot, commune, prompts, jobs)
    choose_file(wizard, prompts, fake)
    assert wizard.currentPage() is wizard.file_page
    assert "không phải là bảng tính Excel" in wizard.file_page.error_label.text()


def test_the_user_maps_a_column_the_reader_did_not_know(qtbot, commune, prompts, jobs, tmp_path):
    path = tmp_path / "ds.xlsx"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["STT", "Họ và tên", "Sinh", "Thôn", "Giới tính"])
    sheet.append([1, "Lê Văn An", "01/02/1980", "Thôn 3", "Nam"])
    workbook.save(path)
    wizard = make(qtbot, commune, prompts, jobs)
    choose_file(wizard, prompts, path)
    page = wizard.mapping_page
    assert wizard.currentPage() is page and not page.isComplete()
    assert "Ngày sinh" in page.problem_label.text()
    table = page.mapping_table                    # QA finding 15: the whole combo, arrow included
    assert all(table.columnWidth(2) >= c.sizeHint().width() for c in page.combos.values())
    combo = page.combos[3]
    combo.setCurrentIndex(combo.findText("Ngày sinh"))
    assert page.isComplete()
    next_page(wizard)
    assert wizard.preview is not None and len(wizard.preview.accepted) == 1


def test_the_wizard_fits_the_screen(qtbot, commune, prompts, jobs):
    """QA finding 8: never taller or wider than 90 % of the available screen."""
    wizard = make(qtbot, commune, prompts, jobs)
    available = wizard.screen().availableGeometry()
    assert wizard.width() <= available.width() * 0.9 and wizard.height() <= available.height() * 0.9


def test_undo_from_the_history(qtbot, commune, prompts, jobs, sample):
    commune.imports.run(commune.imports.dry_run(sample))
    wizard = make(qtbot, commune, prompts, jobs)
    page = wizard.file_page
    assert page.history_table.rowCount() == 1
    page.history_table.selectRow(0)
    assert page.undo_button.isEnabled()
    prompts.confirm_answers.append(True)
    page.undo_button.click()
    assert commune.members.count() == 0
    assert page.history_table.item(0, 5).text() == "Đã hoàn tác" and not page.undo_button.isEnabled()


def test_apply_runs_as_a_background_job(qtbot, commune, prompts, sample):
    from antt_desktop.ui.jobs import JobRunner

    wizard = make(qtbot, commune, prompts, None)
    assert isinstance(wizard.jobs, JobRunner)
    prompts.files.append(sample)
    wizard.file_page.browse_button.click()
    next_page(wizard)
    next_page(wizard)
    qtbot.waitUntil(lambda: wizard.check_page.isComplete(), timeout=10000)
    next_page(wizard)
    with qtbot.waitSignal(wizard.import_finished, timeout=20000):
        wizard.button(QWizard.WizardButton.FinishButton).click()
    qtbot.waitUntil(lambda: not wizard.isVisible(), timeout=5000)
    assert commune.members.count() == 14
