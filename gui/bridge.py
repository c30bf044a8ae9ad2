"""Engine events -> the GUI thread, applied in batches on a timer.

Worker threads call `sink(event)`, which only appends to a thread-safe queue. A QTimer on the
GUI thread drains the queue under a time and size budget and emits the events as one list, so a
run that produces thousands of events a second costs the window one model update per tick
(the approach of MusicBrainz Picard's thread dispatch). Events stay in their order.
"""

from __future__ import annotations

import queue
import time
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

DEFAULT_INTERVAL_MS = 120
DEFAULT_BUDGET_MS = 8.0  # time spent taking events off the queue per tick
DEFAULT_MAX_BATCH = 3000  # bounds what one tick has to apply to the models


class EventBridge(QObject):
    batch = Signal(list)

    def __init__(
        self,
        parent: QObject | None = None,
        interval_ms: int = DEFAULT_INTERVAL_MS,
        budget_ms: float = DEFAULT_BUDGET_MS,
        max_batch: int = DEFAULT_MAX_BATCH,
    ) -> None:
        super().__init__(parent)
        self._queue: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self._budget_s = budget_ms / 1000.0
        self._max_batch = max_batch
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.drain)
        self._timer.start()

    def sink(self, event: Any) -> None:
        """Callable from any thread; never blocks and never touches Qt."""
        self._queue.put(event)

    def pending(self) -> bool:
        return not self._queue.empty()

    def drain(self) -> int:
        """Take what fits in the budget off the queue and emit it as one batch."""
        deadline = time.perf_counter() + self._budget_s
        out: list[Any] = []
        while len(out) < self._max_batch:
            try:
                out.append(self._queue.get_nowait())
            except queue.Empty:
                break
            if len(out) % 64 == 0 and time.perf_counter() > deadline:
                break
        if out:
            self.batch.emit(out)
            if not self._queue.empty():
                # A backlog: come back as soon as the event loop has painted, not a tick later.
                QTimer.singleShot(15, self.drain)
        return len(out)

    def stop(self) -> None:
        self._timer.stop()
