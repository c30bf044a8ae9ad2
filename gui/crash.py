"""Uncaught exceptions: logged with their traceback and shown to the operator, never a silent exit.

A windowed build has no console, so an exception that only goes to stderr is an app that closes or
stops responding for no visible reason. Every uncaught exception, on the GUI thread or a worker
thread, is written to the log and shown in a dialog on the GUI thread. Before a QApplication
exists it is logged and printed (and on Windows without a console, shown in a native box).
"""

from __future__ import annotations

import logging
import os
import sys
import threading
import traceback
from collections.abc import Callable
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal, Slot
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from engine.logsetup import current_log_file

log = logging.getLogger("haulbook.crash")

TITLE = "Haulbook: unexpected error"


class _CrashReporter(QObject):
    """Lives on the GUI thread; worker threads reach it through a queued signal."""

    report = Signal(str, str)

    def __init__(self, parent_getter: Callable[[], QWidget | None]) -> None:
        super().__init__()
        self.parent_getter = parent_getter
        self.showing = False
        self.report.connect(self.show)

    @Slot(str, str)
    def show(self, summary: str, details: str) -> None:
        if self.showing:
            # One dialog at a time: a failure repeating on a timer must not stack dialogs.
            log.warning("Not shown (a crash dialog is already open): %s", summary)
            return
        self.showing = True
        try:
            parent = None
            try:
                parent = self.parent_getter()
            except Exception:  # noqa: BLE001 - the window may be what is broken
                log.exception("No parent window for the crash dialog")
            box = QMessageBox(parent)
            box.setIcon(QMessageBox.Icon.Critical)
            box.setWindowTitle(TITLE)
            box.setText(summary)
            box.setInformativeText(_advice())
            box.setDetailedText(details)
            box.exec()
        finally:
            self.showing = False


def install_excepthook(parent_getter: Callable[[], QWidget | None]) -> None:
    """Route uncaught exceptions of every thread to the log and a dialog on the GUI thread.

    Call it on the thread that will run the QApplication (before or after creating it).
    """
    app = QCoreApplication.instance()
    reporter = _CrashReporter(parent_getter)
    if app is not None and reporter.thread() is not app.thread():
        reporter.moveToThread(app.thread())

    def on_exception(
        exc_type: type[BaseException],
        exc: BaseException,
        tb: TracebackType | None,
    ) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        _handle(reporter, exc_type, exc, tb, threading.current_thread().name)

    def on_thread_exception(args: threading.ExceptHookArgs) -> None:
        if args.exc_type is SystemExit:
            return  # what threading itself ignores
        exc = args.exc_value or args.exc_type()
        name = args.thread.name if args.thread else "unknown thread"
        _handle(reporter, args.exc_type, exc, args.exc_traceback, name)

    sys.excepthook = on_exception
    threading.excepthook = on_thread_exception
    # Keeps the reporter alive as long as the hooks that use it.
    on_exception.reporter = reporter  # type: ignore[attr-defined]


def _handle(
    reporter: _CrashReporter,
    exc_type: type[BaseException],
    exc: BaseException,
    tb: TracebackType | None,
    thread_name: str,
) -> None:
    details = "".join(traceback.format_exception(exc_type, exc, tb))
    log.critical("Uncaught exception in thread %s\n%s", thread_name, details.rstrip())
    summary = f"{exc_type.__name__}: {exc}" if str(exc) else exc_type.__name__
    app = QApplication.instance()
    if app is None:
        _without_app(summary, details)
        return
    if QThread.currentThread() is app.thread():
        reporter.show(summary, details)
    else:
        reporter.report.emit(summary, details)


def _advice() -> str:
    where = current_log_file()
    text = "Haulbook may not work correctly until it is restarted. Work already done is saved."
    if where is not None:
        text += f"\n\nThe details were written to {where}; send that file to support."
    return text


def _without_app(summary: str, details: str) -> None:
    if sys.stderr is not None:
        print(details, file=sys.stderr, end="")
        sys.stderr.flush()
        return
    if os.name == "nt":
        # A windowed build before its window exists: nowhere else to say it.
        import ctypes

        text = f"{summary}\n\n{_advice()}"
        ctypes.windll.user32.MessageBoxW(None, text, TITLE, 0x10)  # type: ignore[attr-defined]
