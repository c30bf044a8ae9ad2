"""Write a file so that it is either complete or not there: temp file, fsync, os.replace.

A crash or a full disk mid-write leaves the previous file untouched. On Windows, replacing a
workbook that is open in Excel fails with PermissionError; the export is then saved under a new
name (`tickets (2).xlsx`) and the caller gets a plain sentence to show the operator.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import pathlib
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from engine.models import OutputNotWritable

log = logging.getLogger(__name__)

TEMP_SUFFIX = ".haulbook.tmp"  # *.tmp: folder scans (ours included) skip it
# Antivirus scanners briefly hold new files on Windows; a short wait usually clears that.
_REPLACE_RETRY_DELAYS = (0.05, 0.25)
_MAX_ALTERNATIVES = 50


@dataclass
class Written:
    path: pathlib.Path  # where the file actually is
    warning: str | None = None  # set when it had to go under another name


def _alternative(target: pathlib.Path, n: int) -> pathlib.Path:
    return target.with_name(f"{target.stem} ({n}){target.suffix}")


def _describe(exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return "the disk is full"
    if exc.errno == errno.EDQUOT:
        return "the disk quota is used up"
    if exc.errno == errno.EROFS:
        return "the drive is read-only"
    if isinstance(exc, PermissionError):
        return "Windows or the folder's permissions do not allow writing there"
    return exc.strerror or str(exc)


def _not_writable(target: pathlib.Path, exc: OSError) -> OutputNotWritable:
    return OutputNotWritable(
        f"Could not save {target.name} in {target.parent}: {_describe(exc)}. "
        "Free some space or choose another output folder; the run's results are kept and can "
        "be exported again."
    )


def _fsync(path: pathlib.Path) -> None:
    # Without this a power cut after os.replace can leave a zero-length file on some filesystems.
    with open(path, "rb+") as fh:
        os.fsync(fh.fileno())


def _replace(tmp: pathlib.Path, target: pathlib.Path) -> None:
    for delay in (*_REPLACE_RETRY_DELAYS, None):
        try:
            os.replace(tmp, target)
            return
        except PermissionError:
            if delay is None:
                raise
            time.sleep(delay)


def write_atomic(target: pathlib.Path, write: Callable[[pathlib.Path], None]) -> Written:
    """Call `write(tmp_path)` and move the result onto `target`.

    Raises OutputNotWritable when the folder cannot take the file (read-only, disk full) and no
    other name helps. Any other exception from `write` propagates, with the temp file removed.
    """
    tmp = target.with_name(f"~{target.name}.{uuid.uuid4().hex[:8]}{TEMP_SUFFIX}")
    try:
        write(tmp)
        _fsync(tmp)
    except OSError as exc:
        _discard(tmp)
        raise _not_writable(target, exc) from exc
    except BaseException:
        _discard(tmp)
        raise

    try:
        _replace(tmp, target)
        return Written(target)
    except PermissionError as exc:
        # The temp file was written beside it, so the folder is writable: the target is locked.
        log.warning("%s is locked (%s); saving under another name", target, exc)
        first_error: OSError = exc
    except OSError as exc:
        _discard(tmp)
        raise _not_writable(target, exc) from exc

    for n in range(2, _MAX_ALTERNATIVES + 2):
        alt = _alternative(target, n)
        if alt.exists():
            continue  # an earlier export's fallback: keep it, the export is never lost
        try:
            _replace(tmp, alt)
        except PermissionError:
            continue
        except OSError as exc:
            _discard(tmp)
            raise _not_writable(target, exc) from exc
        return Written(
            alt,
            f"{target.name} is open in another program (probably Excel), so it could not be "
            f"replaced. This export was saved as {alt.name} instead. Close {target.name} and "
            "export again to update it.",
        )
    _discard(tmp)
    raise _not_writable(target, first_error)


def _discard(path: pathlib.Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink(missing_ok=True)


def remove_stale_temps(folder: pathlib.Path, older_than_s: float = 600.0) -> None:
    """Remove temp files a crashed export left behind (never a fresh one: it may be in use)."""
    now = time.time()
    with contextlib.suppress(OSError):
        for p in folder.glob(f"~*{TEMP_SUFFIX}"):
            with contextlib.suppress(OSError):
                if now - p.stat().st_mtime > older_than_s:
                    p.unlink()
