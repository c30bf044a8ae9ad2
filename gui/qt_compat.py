"""Keep a PySide6 reference-count bug from aborting the interpreter on Python 3.11.

PySide6 6.12.0 (as installed here) returns `None` from every void method and `True` from every
`Signal.emit()` without owning a reference to it. Python 3.12+ makes these objects immortal, so
there it is harmless; on Python 3.11 each call takes one reference away from a shared object
that has only a few thousand, and seconds into a run the process aborts with "Fatal Python
error: none_dealloc" (or bool_dealloc). The window makes thousands of such calls a second.

`protect_singletons()` gives None, True and False a reference count so large that no session
can wear it down, which is what 3.12 does by design. These objects are never freed in any case,
so the extra count changes nothing else; it is applied once, while holding the GIL.
"""

from __future__ import annotations

import ctypes
import logging
import sys

log = logging.getLogger(__name__)

FLOOR = 1 << 40  # a trillion void calls: centuries at the window's rate
_PROBES = 32


def _count(obj: object) -> ctypes.c_ssize_t:
    # CPython: ob_refcnt is the first field of every object, at the address id() returns.
    return ctypes.c_ssize_t.from_address(id(obj))


def drops_references() -> bool:
    """Whether this PySide6 drops a reference to None on void calls (a quick probe)."""
    from PySide6.QtCore import QTimer

    timer = QTimer()
    before = sys.getrefcount(None)
    for _ in range(_PROBES):
        timer.setInterval(1)
    return before - sys.getrefcount(None) >= _PROBES // 2


def protect_singletons() -> bool:
    """Make None, True and False effectively immortal on Python < 3.12; True if applied."""
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False
    buggy = drops_references()
    for obj in (None, True, False):
        count = _count(obj)
        if count.value < FLOOR:
            count.value += FLOOR
    if buggy:
        log.info("PySide6 drops references to None/True: singletons protected")
    return True
