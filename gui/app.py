"""Start the window: logging, the crash dialog, the store, the main window, the resume offer.

Only what the first paint needs is imported here; the engine's heavy modules (OCR, imaging,
exports) load on worker threads when a run or an export starts.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from engine import __version__

log = logging.getLogger(__name__)

RESOURCES = Path(__file__).resolve().parent.parent / "resources"


def _setup_logging() -> None:
    try:
        from engine.logsetup import setup_logging
    except ImportError:
        logging.basicConfig(level=logging.INFO)
        return
    try:
        setup_logging()
    except Exception:  # noqa: BLE001 - a log file problem must not stop the window
        logging.basicConfig(level=logging.INFO)


def _install_crash_hook(window_getter: Callable[[], QWidget | None]) -> None:
    try:
        from gui.crash import install_excepthook
    except ImportError:
        log.warning("gui.crash is not available: uncaught errors are only logged")
        return
    install_excepthook(window_getter)


def make_application(argv: list[str]) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    # Fractional scaling (125 %, 150 %) as the system asks, not rounded to whole steps.
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
    )
    app = QApplication([sys.argv[0] if sys.argv else "haulbook", *argv])
    app.setOrganizationName("Haulbook")
    app.setApplicationName("Haulbook")
    app.setApplicationVersion(__version__)
    for name in ("app.ico", "app.png", "icons/app.png"):
        icon_path = RESOURCES / name
        if icon_path.is_file():
            app.setWindowIcon(QIcon(str(icon_path)))
            break
    return app


def main(argv: list[str] | None = None) -> int:
    """The window; `argv` may hold one folder (dropped on the program's icon)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    _setup_logging()
    app = make_application([])
    holder: list[QWidget] = []
    _install_crash_hook(lambda: holder[0] if holder else None)
    from engine.models import FatalError
    from engine.store import Store, default_data_dir

    from .main_window import MainWindow, folder_of

    try:
        store = Store(default_data_dir())
    except FatalError as exc:
        QMessageBox.critical(None, "Haulbook cannot start", exc.message)
        return exc.exit_code
    if store.recovery is not None:
        from engine.store_damage import recovery_message

        QMessageBox.warning(None, "Haulbook", recovery_message(store.recovery))
    window = MainWindow(store, QSettings())
    holder.append(window)
    dropped = folder_of(argv[0]) if argv else None  # a folder or a file dropped on the icon
    if dropped is not None:
        window.set_folder(dropped)
    window.show()
    QTimer.singleShot(0, window.after_show)
    code = app.exec()
    window.controller.join(10.0)
    store.close()
    return int(code)
