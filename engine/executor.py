"""Where page tasks run: a QThreadPool. The only engine module that imports PySide6.QtCore.

Tasks are plain callables; their outcome (a value or the exception) is handed to a callback on
the worker thread, so the runner can collect results from a thread-safe queue. Tesseract runs
as its own process, so threads are enough to keep every core busy.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QRunnable, QThreadPool

Outcome = Callable[[Any, BaseException | None], None]


class _Task(QRunnable):
    def __init__(self, fn: Callable[[], Any], done: Outcome) -> None:
        super().__init__()
        self.fn = fn
        self.done = done
        self.setAutoDelete(True)

    def run(self) -> None:
        fn, done = self.fn, self.done
        # PySide may keep the Python side of a finished runnable alive for a while (thousands
        # were seen after a 10,000-page run): it must not keep the page's job and result too.
        self.fn = self.done = _spent
        try:
            value = fn()
        except BaseException as exc:  # noqa: BLE001 - every failure goes back to the runner
            done(None, exc)
            return
        done(value, None)


def _spent(*_args: Any) -> None:
    """What a runnable holds once it has run."""


class QtExecutor:
    def __init__(self, workers: int) -> None:
        self.pool = QThreadPool()
        self.pool.setMaxThreadCount(max(1, workers))
        self._active = 0
        self._lock = threading.Lock()

    @property
    def workers(self) -> int:
        return int(self.pool.maxThreadCount())

    def set_workers(self, workers: int) -> None:
        self.pool.setMaxThreadCount(max(1, workers))

    def submit(self, fn: Callable[[], Any], done: Outcome) -> None:
        def finished(value: Any, exc: BaseException | None) -> None:
            with self._lock:
                self._active -= 1
            done(value, exc)

        with self._lock:
            self._active += 1
        self.pool.start(_Task(fn, finished))

    def active(self) -> int:
        with self._lock:
            return self._active

    def shutdown(self, wait_ms: int = -1) -> bool:
        """Wait for running tasks; queued ones are dropped."""
        self.pool.clear()
        return bool(self.pool.waitForDone(wait_ms))
