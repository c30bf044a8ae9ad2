"""A stack of tickets fed into the scanner upside down comes out upside down, page after page.

Nothing on a page tells upside down from upright before Tesseract has read it, so every such
page was read twice: once wrong, once turned. After a few pages in a row that needed the half
turn, the next page is turned before its first read; a page that then reads badly is turned
back, as any doubtful read is, so a wrong guess costs what the right one saves.
"""

from __future__ import annotations

import threading
from collections import deque

# Pages in a row that needed the half turn before the next one is turned first.
STREAK = 3


class StackOrientation:
    """What the last pages of a run needed; shared by the run's workers."""

    def __init__(self, streak: int = STREAK) -> None:
        self._recent: deque[bool] = deque(maxlen=streak)
        self._lock = threading.Lock()

    def upside_down_likely(self) -> bool:
        with self._lock:
            return len(self._recent) == self._recent.maxlen and all(self._recent)

    def record(self, half_turned: bool) -> None:
        """A page's final reading: whether it needed the half turn the preprocessor's
        orientation did not give it."""
        with self._lock:
            self._recent.append(half_turned)
