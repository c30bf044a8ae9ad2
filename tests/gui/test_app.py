"""`python main.py` with no arguments opens the window (in its own process, as a user starts it)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

CHILD = r"""
import sys
sys.path.insert(0, sys.argv[1])
import gui.main_window as mw
from PySide6.QtWidgets import QApplication
def shown(self):
    print("SHOWN", self.windowTitle(), self.isVisible(), self.form.folder.text(), flush=True)
    QApplication.quit()
mw.MainWindow.after_show = shown
import main
sys.exit(main.main([sys.argv[2]]))
"""


def _child(script: str, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    """The program in a process of its own, as a user starts it."""
    return subprocess.run(
        [sys.executable, "-c", script, str(ROOT), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        cwd=str(ROOT),
    )


@pytest.mark.parametrize("dropped", ["folder", "a file in it"])
def test_main_opens_the_window_on_a_dropped_folder(tmp_path, dropped):
    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        HAULBOOK_DATA_DIR=str(tmp_path / "data"),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
    )
    folder = tmp_path / "scans"
    folder.mkdir()
    ticket = folder / "ticket 4471.png"
    ticket.write_bytes(b"\x89PNG")
    proc = _child(CHILD, env, str(folder if dropped == "folder" else ticket))
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert f"SHOWN Haulbook True {folder}" in proc.stdout


WARNED = r"""
import sys
sys.path.insert(0, sys.argv[1])
import gui.main_window as mw
from PySide6.QtWidgets import QApplication, QMessageBox
QMessageBox.warning = staticmethod(lambda parent, title, text: print("WARNED", text, flush=True))
def shown(self):
    print("SHOWN", self.isVisible(), flush=True)
    QApplication.quit()
mw.MainWindow.after_show = shown
import main
sys.exit(main.main([]))
"""


def test_a_damaged_store_is_set_aside_and_the_operator_told_before_the_window_opens(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "haulbook.sqlite3").write_bytes(b"\x00garbage" * 512)
    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        HAULBOOK_DATA_DIR=str(data),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
    )
    proc = _child(WARNED, env)
    assert proc.returncode == 0, proc.stderr[-2000:]
    lines = proc.stdout.splitlines()
    assert lines[0].startswith("WARNED") and "set aside as haulbook.sqlite3.damaged-" in lines[0]
    assert "SHOWN True" in lines[1]
    assert list(data.glob("haulbook.sqlite3.damaged-*"))
