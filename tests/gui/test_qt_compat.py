"""Thousands of Qt calls must not wear away the references the interpreter relies on."""

from __future__ import annotations

import subprocess
import sys

SCRIPT = """
import sys
import gui  # protects None/True/False when this PySide6 needs it
from PySide6.QtCore import QObject, QTimer, Signal
class Pinger(QObject):
    ping = Signal(object)
pinger = Pinger()
got = []
pinger.ping.connect(got.append)
timer = QTimer()
for i in range(20000):  # more than None and True have references at start-up
    timer.setInterval(5)
    pinger.ping.emit(i)
assert len(got) == 20000
print("ok")
"""


def test_many_void_calls_and_emits_do_not_abort_the_interpreter():
    # In its own process: a failure here is an abort, which would take pytest down with it.
    proc = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        capture_output=True,
        text=True,
        timeout=120,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "", "PYTHONPATH": "."},
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.strip() == "ok"
