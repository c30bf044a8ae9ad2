"""A damaged store file: found, said plainly, and set aside so that the next run can work.

SQLite reports damage as SQLITE_CORRUPT or SQLITE_NOTADB. Where it shows at opening (the file
is not a database, or its first pages are gone) the file is set aside at once and a new store
started. Where it shows later, in the pages one query touches, that query's error becomes a
StoreDamaged (the run stops, its message says what to do) and a marker file asks the next
start to check the whole file; that check is not run on every start, since on a store of
months it costs a tenth of a second or more.

Nothing is deleted: the damaged file keeps its name with '.damaged-<time>' added, for support
to recover what it can.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
from pathlib import Path
from typing import Any

from .models import StoreDamaged

SQLITE_CORRUPT = 11
SQLITE_NOTADB = 26
_COMPANIONS = ("", "-wal", "-shm")


def is_damage(exc: BaseException) -> bool:
    if not isinstance(exc, sqlite3.DatabaseError):
        return False
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in (SQLITE_CORRUPT, SQLITE_NOTADB)
    text = str(exc).lower()
    return "malformed" in text or "not a database" in text


def marker(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".check")


def damaged(db_path: Path, exc: BaseException) -> StoreDamaged:
    """The error to raise, with the check asked for at the next start."""
    # Unwritable too, the message still goes out; the next damage error tries again.
    with contextlib.suppress(OSError):
        marker(db_path).write_text(f"{dt.datetime.now().isoformat()} {exc}\n", encoding="utf-8")
    return StoreDamaged(
        f"Haulbook's record of its work ({db_path}) is damaged: {exc}. Close Haulbook and "
        "start it again (or run the command again): it then checks the record and, if it is "
        "damaged, sets it aside and starts a new one."
    )


def check_if_asked(db_path: Path) -> bool:
    """Whether a marked store failed its check (the marker is removed either way)."""
    mark = marker(db_path)
    if not mark.exists():
        return False
    bad = False
    if db_path.exists():
        try:
            conn = sqlite3.connect(str(db_path), timeout=30)
            try:
                rows = conn.execute("PRAGMA quick_check(1)").fetchall()
                bad = [tuple(r) for r in rows] != [("ok",)]
            finally:
                conn.close()
        except sqlite3.DatabaseError as exc:
            bad = is_damage(exc)
    mark.unlink(missing_ok=True)
    return bad


def set_aside(db_path: Path, now: dt.datetime | None = None) -> Path:
    """Rename the store (and its journal files) out of the way; returns the new name."""
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    target = db_path.with_name(f"{db_path.name}.damaged-{stamp}")
    for suffix in _COMPANIONS:
        source = db_path.with_name(db_path.name + suffix)
        if source.exists():
            source.replace(target.with_name(target.name + suffix))
    return target


def set_aside_message(set_aside_as: Path) -> str:
    return (
        f"Haulbook's record of earlier runs was damaged and was set aside as {set_aside_as.name}"
        " (in the same folder); a new record was started. Your scans and output folders are"
        " untouched; earlier runs are no longer listed, and a folder read before is read again"
        " in full."
    )


class GuardedConnection(sqlite3.Connection):
    """A connection whose statements turn damage into StoreDamaged once `guard` is called
    (damage found while opening is set aside instead)."""

    db_path: Path | None = None

    def guard(self, db_path: Path) -> None:
        self.db_path = db_path

    def execute(self, sql: str, parameters: Any = (), /) -> sqlite3.Cursor:
        try:
            return super().execute(sql, parameters)
        except sqlite3.DatabaseError as exc:
            if self.db_path is not None and is_damage(exc):
                raise damaged(self.db_path, exc) from exc
            raise
