"""Background jobs in a real worker thread, and Qt's own strings in Vietnamese."""

from __future__ import annotations

import threading
from dataclasses import dataclass

from PySide6.QtWidgets import QDialogButtonBox, QLineEdit, QMessageBox, QWidget

from antt_desktop.ui.jobs import BackgroundJob, JobRunner


@dataclass
class Step:
    done: int
    total: int
    label: str


class Receiver(QWidget):
    """Callbacks live on a UI-thread QObject, as STYLE §8 asks."""

    def __init__(self) -> None:
        super().__init__()
        self.results, self.errors, self.threads = [], [], []

    def on_done(self, value) -> None:
        self.results.append(value)
        self.threads.append(threading.get_ident())

    def on_failed(self, error) -> None:
        self.errors.append(error)


def test_a_job_runs_in_the_worker_and_reports_in_the_ui_thread(qtbot):
    receiver = Receiver()
    qtbot.addWidget(receiver)
    runner = JobRunner(receiver)
    worker_threads = []

    def work():
        worker_threads.append(threading.get_ident())
        for done in range(1, 4):
            yield Step(done, 3, "Đang làm")
        return "xong"

    runner.start(work, label="Đang làm…", parent=receiver, on_done=receiver.on_done)
    qtbot.waitUntil(lambda: receiver.results == ["xong"], timeout=5000)
    assert worker_threads[0] != threading.get_ident()
    assert receiver.threads == [threading.get_ident()]
    assert not runner.is_busy()
    runner.wait()


def test_a_background_job_emits_its_progress_and_result(qtbot):
    from PySide6.QtCore import QThreadPool

    def work():
        yield Step(1, 2, "Bước 1")
        yield Step(2, 2, "Bước 2")
        return 42

    job = BackgroundJob(work)
    steps = []
    job.signals.progressed.connect(lambda done, total, label: steps.append((done, total, label)))
    pool = QThreadPool()
    with qtbot.waitSignal(job.signals.succeeded, timeout=5000) as finished:
        pool.start(job)
    pool.waitForDone()
    assert finished.args == [42]
    qtbot.waitUntil(lambda: len(steps) == 2)
    assert steps == [(1, 2, "Bước 1"), (2, 2, "Bước 2")]


def test_a_failing_job_reports_its_error():
    job = BackgroundJob(lambda: 1 / 0)
    failures = []
    job.signals.failed.connect(failures.append)
    job.run()
    assert isinstance(failures[0], ZeroDivisionError)


def test_a_cancelled_job_stops_between_steps():
    closed = []

    def work():
        try:
            for done in range(100):
                yield Step(done, 100, "")
        finally:
            closed.append(True)

    job = BackgroundJob(work)
    cancelled, steps = [], []
    job.signals.cancelled.connect(lambda: cancelled.append(True))
    job.signals.progressed.connect(lambda done, total, label: steps.append(done) or job.cancel())
    job.run()
    assert cancelled == [True] and closed == [True] and len(steps) == 1


def test_standard_buttons_and_text_menus_speak_vietnamese(qtbot):
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
                           | QDialogButtonBox.StandardButton.Save)
    qtbot.addWidget(box)
    assert sorted(button.text() for button in box.buttons()) == ["Hủy", "Lưu", "Đồng ý"]
    edit = QLineEdit()
    qtbot.addWidget(edit)
    menu = edit.createStandardContextMenu()
    texts = [action.text().split("\t")[0] for action in menu.actions() if action.text()]
    assert texts == ["&Hoàn tác", "&Làm lại", "&Cắt", "Sao &chép", "&Dán", "Xóa", "Chọn tất cả"]
    message = QMessageBox(QMessageBox.Icon.Information, "ANTT", "…", QMessageBox.StandardButton.Ok)
    qtbot.addWidget(message)
    assert message.buttons()[0].text() == "Đồng ý"


def test_the_member_list_loads_in_the_worker_thread(qtbot, demo, prompts):
    from antt_desktop.ui.members.page import MembersPage

    page = MembersPage(demo, prompts)          # the real JobRunner, a real worker thread
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    qtbot.waitUntil(lambda: page.model.rowCount() == 30, timeout=5000)
    page.search_edit.setText("nguyen")
    assert 0 < page.model.rowCount() < 30
    demo.members.list_rows()                   # the UI thread uses the database afterwards
    page.refresh()
    qtbot.waitUntil(lambda: not page.jobs.is_busy(), timeout=5000)
    assert prompts.shown == []
