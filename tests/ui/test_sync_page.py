"""The "Đồng bộ USB" screen in both modes: export with "có thể rút USB", the dry-run summary
before anything is applied, refusals shown and nothing written, the aggregator's views."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt

from antt_desktop.ui.jobs import InlineJobs, JobRunner
from antt_desktop.ui.sync.page import SyncPage
from tests.conftest import FakeClock
from tests.sync.pair import copy_pair, database_dump, template_pair


@pytest.fixture(scope="module")
def pair_files(tmp_path_factory):
    return template_pair(tmp_path_factory.mktemp("pair"), FakeClock(datetime(2026, 11, 3, 9, 0)))


@pytest.fixture
def pair(pair_files, tmp_path):
    made = copy_pair(pair_files, tmp_path, FakeClock(datetime(2026, 11, 3, 9, 30)))
    yield made
    made.close()


def page_for(qtbot, services, prompts, jobs=None):
    page = SyncPage(services, prompts, jobs=jobs or InlineJobs())
    qtbot.addWidget(page)
    return page


def test_commune_export_to_a_chosen_folder_ends_with_remove_usb(qtbot, pair, prompts):
    page = page_for(qtbot, pair.commune, prompts)
    assert page.commune_panel.isVisibleTo(page) and not page.aggregator_tabs.isVisibleTo(page)
    assert "CAT-GL" in page.recipient_label.text() and page.export_button.isEnabled()
    prompts.files.append(pair.usb)
    with qtbot.waitSignal(page.data_changed):
        qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    kind, title, text = prompts.shown[-1]
    assert kind == "inform" and "Có thể rút USB." in text
    assert list(pair.usb.glob("DEMO-TANPHU-goi-0001-*.antt"))
    assert page.history_table.rowCount() == 1
    assert page.history_table.item(0, 3).text() == "Chưa có biên nhận"


def test_export_failure_says_not_to_pull_the_stick(qtbot, pair, prompts, tmp_path):
    page = page_for(qtbot, pair.commune, prompts)
    prompts.files.append(tmp_path / "khong-co")
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    kind, title, _ = prompts.shown[-1]
    assert kind == "error" and "chưa rút USB" in title


def test_aggregator_sees_the_dry_run_before_applying(qtbot, pair, prompts):
    exported = pair.commune.packages.export(pair.usb)
    page = page_for(qtbot, pair.province, prompts)
    assert page.aggregator_tabs.isVisibleTo(page) and not page.commune_panel.isVisibleTo(page)
    before = database_dump(pair.province)
    prompts.files.append(exported.path)
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    assert page.preview.isVisibleTo(page)
    assert "30 mới" in page.preview.summary_label.text()
    assert "Tổ bảo vệ ANTT Thôn 1" in page.preview.top_level_texts()
    assert database_dump(pair.province) == before               # nothing written yet
    with qtbot.waitSignal(page.data_changed):
        qtbot.mouseClick(page.preview.apply_button, Qt.MouseButton.LeftButton)
    assert not page.preview.isVisibleTo(page)
    assert "Biên nhận cho xã" in prompts.shown[-1][2]
    assert page.board_table.rowCount() == 1 and page.board_table.item(0, 0).text() == "DEMO-TANPHU"
    assert page.member_model.rowCount() == 30
    assert page.stats_table.rowCount() == 2                       # the commune and the total


def test_aggregator_can_dismiss_the_dry_run(qtbot, pair, prompts):
    exported = pair.commune.packages.export(pair.usb)
    page = page_for(qtbot, pair.province, prompts)
    before = database_dump(pair.province)
    prompts.files.append(exported.path)
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.preview.cancel_button, Qt.MouseButton.LeftButton)
    assert not page.preview.isVisibleTo(page) and "không có gì thay đổi" in page.last_message
    assert database_dump(pair.province) == before


def test_a_damaged_package_is_refused_on_screen_and_nothing_written(qtbot, pair, prompts, tmp_path):
    data = pair.commune.packages.export(pair.usb).path.read_bytes()
    bad = tmp_path / "hong.antt"
    bad.write_bytes(data[:-100])
    page = page_for(qtbot, pair.province, prompts)
    before = database_dump(pair.province)
    prompts.files.append(bad)
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    kind, title, text = prompts.shown[-1]
    assert kind == "error" and "cắt cụt" in text
    assert not page.preview.isVisibleTo(page)
    assert database_dump(pair.province) == before


def test_member_search_on_the_aggregator(qtbot, pair, prompts):
    pair.province.packages.import_package(pair.commune.packages.export(pair.usb).path)
    page = page_for(qtbot, pair.province, prompts)
    name = pair.commune.members.list_rows()[0].full_name
    page.member_search_edit.setText(name)
    assert 1 <= page.member_model.rowCount() < 30
    assert any(page.member_model.row_at(i).full_name == name for i in range(page.member_model.rowCount()))


def test_commune_imports_receipt_and_reference_with_preview(qtbot, pair, prompts):
    report = pair.province.packages.import_package(pair.commune.packages.export(pair.usb).path)
    reference = pair.province.packages.export_reference(pair.usb)
    page = page_for(qtbot, pair.commune, prompts)
    prompts.files.append(report.receipt_path)
    with qtbot.waitSignal(page.data_changed):
        qtbot.mouseClick(page.receipt_button, Qt.MouseButton.LeftButton)
    assert "đã nhận và nhập gói số 1" in prompts.shown[-1][2]
    assert page.history_table.item(0, 3).text() == "03/11/2026"
    prompts.files.append(reference.path)
    qtbot.mouseClick(page.reference_import_button, Qt.MouseButton.LeftButton)
    assert page.preview.isVisibleTo(page) and "Gói tham chiếu số 1" in page.preview.summary_label.text()
    with qtbot.waitSignal(page.data_changed):
        qtbot.mouseClick(page.preview.apply_button, Qt.MouseButton.LeftButton)
    assert prompts.shown[-1][1] == "Đã nhập dữ liệu tham chiếu"


def test_export_runs_off_the_ui_thread_with_a_real_job_runner(qtbot, pair, prompts):
    runner = JobRunner()
    page = page_for(qtbot, pair.commune, prompts, jobs=runner)
    prompts.files.append(pair.usb)
    with qtbot.waitSignal(page.data_changed, timeout=60000, raising=False) as finished:
        qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    assert finished.signal_triggered, (page.last_message, prompts.shown)
    assert "Có thể rút USB." in page.last_message
    runner.wait(5000)


def test_a_commune_without_a_trusted_higher_unit_cannot_export(qtbot, pair, prompts):
    pair.commune.keys.distrust("CAT-GL")
    page = page_for(qtbot, pair.commune, prompts)
    assert not page.export_button.isEnabled()
    assert "Chưa tin cậy khóa của đơn vị cấp trên" in page.recipient_label.text()


def test_a_double_clicked_file_opens_the_screen_that_suits_it(qtbot, pair, prompts, tmp_path):
    """`antt_desktop GÓI.antt` (the Explorer association): a commune package goes to the dry
    run on the aggregator; a receipt is recorded at the commune; a damaged file is refused."""
    from antt_desktop.app import parse_arguments

    exported = pair.commune.packages.export(pair.usb)
    assert parse_arguments([str(exported.path)]).package == str(exported.path)
    province = page_for(qtbot, pair.province, prompts)
    before = database_dump(pair.province)
    province.open_package(exported.path)
    assert province.preview.isVisibleTo(province) and "30 mới" in province.preview.summary_label.text()
    assert database_dump(pair.province) == before
    with qtbot.waitSignal(province.data_changed):
        qtbot.mouseClick(province.preview.apply_button, Qt.MouseButton.LeftButton)
    receipt = next(pair.usb.glob("*bien-nhan*.antt"), None) or next(
        p for p in pair.usb.glob("*.antt") if p != exported.path)
    commune = page_for(qtbot, pair.commune, prompts)
    with qtbot.waitSignal(commune.data_changed):
        commune.open_package(receipt)
    assert "đã nhận và nhập gói số 1" in prompts.shown[-1][2]
    garbage = tmp_path / "rac.antt"
    garbage.write_bytes(b"khong phai goi")
    commune.open_package(garbage)
    kind, title, _ = prompts.shown[-1]
    assert kind == "error" and title == "Gói không được nhập"


def test_the_tables_fill_their_width(qtbot, pair, prompts):
    page = page_for(qtbot, pair.commune, prompts)
    page.resize(1200, 700)
    page.show()
    page.refresh()
    header = page.history_table.horizontalHeader()
    assert header.length() == page.history_table.viewport().width()   # no bare strip on the right


def test_the_communes_members_are_not_cut_with_room_to_spare(qtbot, pair, prompts):
    """QA finding 5: "Nguyễn Minh…", "Tổ bảo vệ …" in a wide window."""
    pair.province.packages.import_package(pair.commune.packages.export(pair.usb).path)
    page = page_for(qtbot, pair.province, prompts)
    page.resize(1366, 700)
    page.aggregator_tabs.setCurrentIndex(2)
    table, model = page.member_table, page.member_model
    assert model.rowCount() > 0
    metrics = table.fontMetrics()
    for column in range(model.columnCount()):
        if table.isColumnHidden(column):
            continue
        longest = max(metrics.horizontalAdvance(str(model.index(r, column).data() or ""))
                      for r in range(min(model.rowCount(), 50)))
        assert table.columnWidth(column) >= min(longest, 320 - 20), model.headerData(column, Qt.Orientation.Horizontal)
