"""The log file: one rotating file per user, where support looks first.

A windowed app has no console, so anything worth knowing after the fact (a crash, a failed file,
which Tesseract was used) has to land in a file the operator can find and send.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import platform
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path

import platformdirs

from . import __version__

LOG_NAME = "haulbook.log"
MAX_BYTES = 2 * 1024 * 1024
BACKUPS = 5
HANDLER_NAME = "haulbook-file"
FORMAT = "%(asctime)s %(levelname)-7s [%(threadName)s] %(name)s: %(message)s"


def default_log_dir(env: Mapping[str, str] | None = None) -> Path:
    """HAULBOOK_DATA_DIR/logs when set (portable installs, tests), else the user's log folder."""
    env = os.environ if env is None else env
    override = env.get("HAULBOOK_DATA_DIR")
    if override:
        return Path(override) / "logs"
    return Path(platformdirs.user_log_dir("Haulbook", "Haulbook"))


def setup_logging(log_dir: Path | None = None, level: int = logging.INFO) -> Path:
    """Send the root logger to a rotating file and return that file's path.

    Calling it again replaces the earlier file handler instead of adding a second one. When the
    log folder cannot be written, the log goes to the temp folder: no log must never mean no app.
    """
    folder = log_dir or default_log_dir()
    handler, path = _file_handler(folder)
    if handler is None:
        handler, path = _file_handler(Path(tempfile.gettempdir()) / "Haulbook" / "logs")
    root = logging.getLogger()
    for old in [h for h in root.handlers if h.get_name() == HANDLER_NAME]:
        root.removeHandler(old)
        old.close()
    if handler is not None:
        handler.set_name(HANDLER_NAME)
        handler.setFormatter(logging.Formatter(FORMAT))
        root.addHandler(handler)
    if root.level == logging.NOTSET or root.level > level:
        root.setLevel(level)
    logging.captureWarnings(True)
    frozen = "frozen" if getattr(sys, "frozen", False) else "source"
    logging.getLogger("haulbook").info(
        "Haulbook %s (%s) on %s, Python %s, log %s",
        __version__,
        frozen,
        platform.platform(),
        platform.python_version(),
        path,
    )
    return path


def current_log_file() -> Path | None:
    """The file setup_logging opened, for messages that tell the user where to look."""
    for handler in logging.getLogger().handlers:
        if handler.get_name() == HANDLER_NAME and isinstance(handler, logging.FileHandler):
            return Path(handler.baseFilename)
    return None


def _file_handler(
    folder: Path,
) -> tuple[logging.handlers.RotatingFileHandler | None, Path]:
    path = folder / LOG_NAME
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8"
        )
    except OSError:
        return None, path
    return handler, path
