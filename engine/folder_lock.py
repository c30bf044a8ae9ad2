"""One Haulbook at a time on a folder: the window and the command line, or two windows, on
the same scans would both resume its run and read every page twice.

An operating-system lock on a small file in the data folder, held for the run: it goes with
the process, so a crash or a kill never leaves the folder locked, and the next run resumes.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sys
from pathlib import Path
from typing import IO

from .models import FatalError


class FolderBusy(FatalError):
    """Another Haulbook is reading the folder."""

    exit_code = 2


class FolderLock:
    def __init__(self, lock_dir: Path, folder: str) -> None:
        key = os.path.normcase(os.path.abspath(folder))
        self.folder = folder
        self.path = lock_dir / f"{hashlib.sha1(key.encode('utf-8')).hexdigest()[:20]}.lock"
        self._fh: IO[bytes] | None = None

    def acquire(self) -> None:
        """Take the folder, or raise FolderBusy when another process holds it."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fh = open(self.path, "a+b")  # noqa: SIM115 - held open for the run
        try:
            _lock(fh)
        except OSError as exc:
            fh.close()
            raise FolderBusy(
                f"{self.folder} is being read by another Haulbook (a window or a command) right "
                "now. Wait for it to finish, or stop it; this run would read every page again."
            ) from exc
        self._fh = fh

    def release(self) -> None:
        if self._fh is None:
            return
        with contextlib.suppress(OSError):
            _unlock(self._fh)
        self._fh.close()
        self._fh = None


if sys.platform == "win32":
    import msvcrt

    def _lock(fh: IO[bytes]) -> None:
        fh.seek(0)
        msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)

    def _unlock(fh: IO[bytes]) -> None:
        fh.seek(0)
        msvcrt.locking(fh.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(fh: IO[bytes]) -> None:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(fh: IO[bytes]) -> None:
        fcntl.flock(fh.fileno(), fcntl.LOCK_UN)
