"""Thousands of Qt calls must not wear away the references the interpreter relies on.

PySide6 6.12.0 on Python 3.11 drops a reference to None on every void call and to True on every
Signal.emit(); a run of a few thousand pages then aborts the process ("none_dealloc"). The
dependency is pinned below 6.12 for that reason; this test fails if a bad build comes back.
"""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT

SCRIPT = """
from PySide6.QtCore import QObject, QTimer, Signal
from engine.executor import QtExecutor
class Pinger(QObject):
    ping = Signal(object)
pinger = Pinger()
got = []
pinger.ping.connect(got.append)
timer = QTimer()
for i in range(20000):  # more than None and True have references at start-up
    timer.setInterval(5)
    pinger.ping.emit(i)
ex = QtExecutor(2)
done = []
for i in range(8000):  # more pages than a big folder has
    ex.submit(lambda: 1, lambda v, e: done.append(v))
ex.pool.waitForDone()
assert len(got) == 20000 and len(done) == 8000
print("ok")
"""


def test_many_void_calls_emits_and_pool_tasks_do_not_abort_the_interpreter():
    # In its own process: a failure here is an abort, which would take pytest down with it.
    proc = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=str(ROOT),
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "", "PYTHONPATH": str(ROOT)},
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.strip() == "ok"
