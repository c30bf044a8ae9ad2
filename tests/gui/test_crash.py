"""Uncaught exceptions are logged and shown, whichever thread raised them."""

from __future__ import annotations

import logging
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget

from engine.logsetup import HANDLER_NAME, setup_logging
from gui import crash


class RecordingBox:
    """Stands in for QMessageBox: records what would be shown instead of blocking."""

    shown: list[dict[str, object]] = []

    class Icon:
        Critical = "critical"

    def __init__(self, parent: QWidget | None = None) -> None:
        self.fields: dict[str, object] = {"parent": parent}

    def setIcon(self, icon: object) -> None:  # noqa: N802 - Qt's names
        self.fields["icon"] = icon

    def setWindowTitle(self, text: str) -> None:  # noqa: N802
        self.fields["title"] = text

    def setText(self, text: str) -> None:  # noqa: N802
        self.fields["text"] = text

    def setInformativeText(self, text: str) -> None:  # noqa: N802
        self.fields["info"] = text

    def setDetailedText(self, text: str) -> None:  # noqa: N802
        self.fields["details"] = text

    def exec(self) -> int:
        RecordingBox.shown.append(self.fields)
        return 0


@pytest.fixture
def hooked(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """Hooks installed with a recording dialog and a real log file; all restored afterwards."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    monkeypatch.setattr(crash, "QMessageBox", RecordingBox)
    RecordingBox.shown = []
    root = logging.getLogger()
    level = root.level
    log_file = setup_logging(tmp_path / "logs")
    window = QWidget()
    qtbot.addWidget(window)
    crash.install_excepthook(lambda: window)
    yield window, log_file
    for handler in [h for h in root.handlers if h.get_name() == HANDLER_NAME]:
        root.removeHandler(handler)
        handler.close()
    root.setLevel(level)


@pytest.mark.qt_no_exception_capture
def test_worker_thread_exception_is_logged_and_shown_on_the_gui_thread(qtbot, hooked) -> None:  # type: ignore[no-untyped-def]
    window, log_file = hooked
    shown_on: list[threading.Thread] = []
    real_exec = RecordingBox.exec

    def record_thread(self: RecordingBox) -> int:
        shown_on.append(threading.current_thread())
        return real_exec(self)

    RecordingBox.exec = record_thread  # type: ignore[method-assign]
    try:

        def work() -> None:
            raise ValueError("page 3 exploded in a worker")

        worker = threading.Thread(target=work, name="page-worker")
        worker.start()
        worker.join()
        qtbot.waitUntil(lambda: len(RecordingBox.shown) == 1, timeout=5000)
    finally:
        RecordingBox.exec = real_exec  # type: ignore[method-assign]

    box = RecordingBox.shown[0]
    assert box["parent"] is window
    assert "page 3 exploded in a worker" in str(box["text"])
    assert "Traceback" in str(box["details"]) and "in work" in str(box["details"])
    assert str(log_file) in str(box["info"])
    assert shown_on == [threading.main_thread()]
    logged = log_file.read_text(encoding="utf-8")
    assert "page-worker" in logged
    assert "ValueError: page 3 exploded in a worker" in logged


@pytest.mark.qt_no_exception_capture
def test_gui_thread_exception_in_a_slot_is_logged_and_shown(qtbot, hooked) -> None:  # type: ignore[no-untyped-def]
    window, log_file = hooked

    def on_timer() -> None:
        raise KeyError("missing column")

    QTimer.singleShot(0, on_timer)
    qtbot.waitUntil(lambda: len(RecordingBox.shown) == 1, timeout=5000)
    assert "KeyError" in str(RecordingBox.shown[0]["text"])
    assert "on_timer" in str(RecordingBox.shown[0]["details"])
    assert "KeyError: 'missing column'" in log_file.read_text(encoding="utf-8")


def test_without_application_the_traceback_is_logged_and_printed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    monkeypatch.setattr(crash.QApplication, "instance", staticmethod(lambda: None))
    monkeypatch.setattr(crash, "QMessageBox", RecordingBox)
    RecordingBox.shown = []
    root = logging.getLogger()
    log_file = setup_logging(tmp_path / "logs")
    try:
        crash.install_excepthook(lambda: None)
        try:
            raise RuntimeError("before the window")
        except RuntimeError as exc:
            sys.excepthook(RuntimeError, exc, exc.__traceback__)
    finally:
        for handler in [h for h in root.handlers if h.get_name() == HANDLER_NAME]:
            root.removeHandler(handler)
            handler.close()
    assert "RuntimeError: before the window" in capsys.readouterr().err
    assert "RuntimeError: before the window" in log_file.read_text(encoding="utf-8")
    assert RecordingBox.shown == []
