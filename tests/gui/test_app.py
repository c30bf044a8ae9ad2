"""`python main.py` with no arguments opens the window (in its own process, as a user starts it)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

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


def test_main_opens_the_window_on_a_dropped_folder(tmp_path):
    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        HAULBOOK_DATA_DIR=str(tmp_path / "data"),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
    )
    folder = tmp_path / "scans"
    folder.mkdir()
    proc = subprocess.run(
        [sys.executable, "-c", CHILD, str(ROOT), str(folder)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        cwd=str(ROOT),
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert f"SHOWN Haulbook True {folder}" in proc.stdout
