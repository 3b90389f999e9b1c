"""Long work off the UI thread, with a progress dialog that appears only if it lasts (STYLE §8).

A job's work is a callable run in the worker thread. It returns its result, or it is a
generator that yields progress steps (objects with `done`, `total` and `label`) and returns
the result; cancelling stops the generator, so its unit of work rolls back.

`JobRunner` runs jobs one at a time (one SQLite writer). `InlineJobs` has the same `start()`
and runs the work at once on the calling thread, for tests and scripts.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Generator
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

PROGRESS_DELAY_MS = 500     # no flash for quick jobs (ankitects/anki waits ~600 ms)


class JobCancelled(Exception):
    """Raised into nobody: the job's `cancelled` signal says it instead."""


class JobSignals(QObject):
    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(object)
    cancelled = Signal()


class BackgroundJob(QRunnable):
    """Runs `work` in a pool thread; no widget may be touched from `run()`."""

    def __init__(self, work: Callable[[], Any]) -> None:
        super().__init__()
        self.setAutoDelete(False)          # the watcher keeps it until its signals have arrived
        self.signals = JobSignals()        # created here, so it lives in the UI thread
        self._work = work
        self._cancel_requested = threading.Event()

    @property
    def cancel_requested(self) -> bool:
        return self._cancel_requested.is_set()

    def cancel(self) -> None:
        self._cancel_requested.set()

    def run(self) -> None:
        try:
            outcome = self._work()
            if isinstance(outcome, Generator):
                outcome = self._drive(outcome)
        except JobCancelled:
            self.signals.cancelled.emit()
        except Exception as error:  # noqa: BLE001 — every failure is reported to the UI thread
            self.signals.failed.emit(error)
        else:
            self.signals.succeeded.emit(outcome)

    def _drive(self, steps: Generator) -> Any:
        try:
            while True:
                if self.cancel_requested:
                    steps.close()          # GeneratorExit inside the work: its unit of work rolls back
                    raise JobCancelled()
                step = next(steps)
                self.signals.progressed.emit(int(step.done), int(step.total), str(step.label))
        except StopIteration as finished:
            return finished.value


class _JobWatcher(QObject):
    """Lives in the UI thread: receives the job's signals and calls the caller's callbacks there."""

    def __init__(self, runner: "JobRunner", job: BackgroundJob, dialog: QProgressDialog | None,
                 on_done: Callable[[Any], None] | None, on_failed: Callable[[Exception], None] | None,
                 on_cancelled: Callable[[], None] | None) -> None:
        super().__init__()                 # no parent: the runner's lists own it, in Python
        self._runner = runner
        self.job = job
        self._dialog = dialog
        self._on_done, self._on_failed, self._on_cancelled = on_done, on_failed, on_cancelled
        job.signals.progressed.connect(self._on_job_progressed)
        job.signals.succeeded.connect(self._on_job_succeeded)
        job.signals.failed.connect(self._on_job_failed)
        job.signals.cancelled.connect(self._on_job_cancelled)
        if dialog is not None:
            dialog.canceled.connect(self._on_dialog_canceled)

    @Slot()
    def _on_dialog_canceled(self) -> None:
        self.job.cancel()

    @Slot(int, int, str)
    def _on_job_progressed(self, done: int, total: int, label: str) -> None:
        if self._dialog is not None:
            if self._dialog.maximum() != total:
                self._dialog.setMaximum(max(total, 0))
            if label:
                self._dialog.setLabelText(label)
            self._dialog.setValue(min(done, total) if total else 0)

    @Slot(object)
    def _on_job_succeeded(self, value: object) -> None:
        self._finish()
        if self._on_done is not None:
            self._on_done(value)

    @Slot(object)
    def _on_job_failed(self, error: object) -> None:
        self._finish()
        if self._on_failed is not None:
            self._on_failed(error)

    @Slot()
    def _on_job_cancelled(self) -> None:
        self._finish()
        if self._on_cancelled is not None:
            self._on_cancelled()

    def _finish(self) -> None:
        if self._dialog is not None:
            self._dialog.canceled.disconnect(self._on_dialog_canceled)
            self._dialog.reset()
            self._dialog.hide()
            self._dialog.deleteLater()
            self._dialog = None
        self._runner._forget(self)


class JobRunner(QObject):
    """One worker thread for the application's jobs, each with its delayed progress dialog."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._watchers: list[_JobWatcher] = []
        # Finished jobs (with their watchers) are kept until the pool thread is idle: their
        # signals arrive (queued) while the worker may still be returning from run(), and the
        # pool touches the runnable after that; freeing it earlier would free it under the pool.
        self._finished: list[_JobWatcher] = []

    def start(self, work: Callable[[], Any], *, label: str, parent: QWidget | None = None,
              on_done: Callable[[Any], None] | None = None,
              on_failed: Callable[[Exception], None] | None = None,
              on_cancelled: Callable[[], None] | None = None,
              can_cancel: bool = False) -> BackgroundJob:
        """Run `work` in the worker thread; the callbacks run in the UI thread.

        Callbacks should be methods of widgets that live in the UI thread (STYLE §8).
        """
        job = BackgroundJob(work)
        dialog = None
        if parent is not None:
            dialog = QProgressDialog(label, "Hủy" if can_cancel else "", 0, 0, parent)
            if not can_cancel:
                dialog.setCancelButton(None)
            dialog.setWindowTitle("ANTT Desktop")
            dialog.setWindowModality(Qt.WindowModality.WindowModal)
            dialog.setMinimumDuration(PROGRESS_DELAY_MS)
            dialog.setAutoClose(False)
            dialog.setAutoReset(False)
            dialog.setValue(0)
        self._watchers.append(_JobWatcher(self, job, dialog, on_done, on_failed, on_cancelled))
        self._pool.start(job)
        return job

    def is_busy(self) -> bool:
        return bool(self._watchers)

    def wait(self, timeout_ms: int = -1) -> bool:
        return self._pool.waitForDone(timeout_ms)

    def _forget(self, watcher: _JobWatcher) -> None:
        if watcher in self._watchers:
            self._watchers.remove(watcher)
            self._finished.append(watcher)
            QTimer.singleShot(50, self._release_finished)

    def _release_finished(self) -> None:
        if self._pool.activeThreadCount() == 0:
            self._finished.clear()
        elif self._finished:
            QTimer.singleShot(200, self._release_finished)


class InlineJobs:
    """The JobRunner interface, run at once on the calling thread (tests, scripts, benchmarks)."""

    def __init__(self) -> None:
        self.labels: list[str] = []

    def start(self, work: Callable[[], Any], *, label: str, parent: QWidget | None = None,
              on_done: Callable[[Any], None] | None = None,
              on_failed: Callable[[Exception], None] | None = None,
              on_cancelled: Callable[[], None] | None = None,
              can_cancel: bool = False) -> None:
        self.labels.append(label)
        try:
            outcome = work()
            if isinstance(outcome, Generator):
                try:
                    while True:
                        next(outcome)
                except StopIteration as finished:
                    outcome = finished.value
        except Exception as error:  # noqa: BLE001
            if on_failed is None:
                raise
            on_failed(error)
            return
        if on_done is not None:
            on_done(outcome)

    def is_busy(self) -> bool:
        return False

    def wait(self, timeout_ms: int = -1) -> bool:
        return True
