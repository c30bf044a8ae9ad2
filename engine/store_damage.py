"""A damaged store file: found, said plainly, and set aside so that the next run can work.

SQLite reports damage as SQLITE_CORRUPT or SQLITE_NOTADB. Where it shows at opening (the file
is not a database, or its first pages are gone) the file is set aside at once. Where it shows
later, in the pages one query touches, that query's error becomes a
StoreDamaged (the run stops, its message says what to do) and a marker file asks the next
start to check the whole file; that check is not run on every start, since on a store of
months it costs a tenth of a second or more.

Nothing is deleted: the damaged file keeps its name with '.damaged-<time>' added, for support
to recover what it can. In its place goes the copy the store keeps of itself: made at the end
of a run at most once a day (SQLite's online backup, checked before it replaces the last one),
so a damaged store costs the runs since that copy, not every run ever kept. Without a sound
copy, a new, empty store is started.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import shutil
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .models import StoreDamaged

log = logging.getLogger(__name__)

SQLITE_CORRUPT = 11
SQLITE_NOTADB = 26
_COMPANIONS = ("", "-wal", "-shm")
BACKUP_EVERY_S = 24 * 3600


@dataclass(frozen=True)
class Recovery:
    """What happened to a damaged store at opening."""

    set_aside_as: Path
    # When the copy that was put back in its place was made; None: a new, empty store.
    restored_copy_of: dt.datetime | None


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
        "damaged, sets it aside and puts back the copy it keeps of it."
    )


def check_if_asked(db_path: Path) -> bool:
    """Whether a marked store failed its check (the marker is removed either way)."""
    mark = marker(db_path)
    if not mark.exists():
        return False
    bad = db_path.exists() and not sound(db_path)
    mark.unlink(missing_ok=True)
    return bad


def sound(path: Path) -> bool:
    """SQLite's quick check of a whole store file."""
    try:
        conn = sqlite3.connect(str(path), timeout=30)
        try:
            rows = conn.execute("PRAGMA quick_check(1)").fetchall()
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return False
    return [tuple(r) for r in rows] == [("ok",)]


def backup_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".backup")


def back_up_if_due(
    conn: sqlite3.Connection, db_path: Path, every_s: float = BACKUP_EVERY_S
) -> bool:
    """A copy of the store beside it, when the last one is older than `every_s`. Checked before
    it replaces the last copy, so a store already damaged never overwrites a sound copy. A copy
    that cannot be made is logged, never an error: the run's work is in the store itself."""
    target = backup_path(db_path)
    partial = target.with_name(target.name + ".partial")
    try:
        if target.exists() and time.time() - target.stat().st_mtime < every_s:
            return False
        partial.unlink(missing_ok=True)
        dest = sqlite3.connect(str(partial))
        try:
            conn.backup(dest)
        finally:
            dest.close()
        if not sound(partial):
            log.warning("the store's copy failed its check; the last copy is kept")
            partial.unlink(missing_ok=True)
            return False
        os.replace(partial, target)
        return True
    except (OSError, sqlite3.Error):
        log.warning("could not copy the store to %s", target, exc_info=True)
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        return False


def recover(db_path: Path) -> Recovery:
    """Set the damaged store aside and put its last sound copy in its place, if there is one."""
    aside = set_aside(db_path)
    copy = backup_path(db_path)
    if copy.exists() and sound(copy):
        made = dt.datetime.fromtimestamp(copy.stat().st_mtime)
        shutil.copyfile(copy, db_path)
        return Recovery(aside, made)
    return Recovery(aside, None)


def set_aside(db_path: Path, now: dt.datetime | None = None) -> Path:
    """Rename the store (and its journal files) out of the way; returns the new name."""
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    target = db_path.with_name(f"{db_path.name}.damaged-{stamp}")
    for suffix in _COMPANIONS:
        source = db_path.with_name(db_path.name + suffix)
        if source.exists():
            source.replace(target.with_name(target.name + suffix))
    return target


def recovery_message(recovery: Recovery) -> str:
    aside = (
        f"Haulbook's record of earlier runs was damaged and was set aside as"
        f" {recovery.set_aside_as.name} (in the same folder)."
    )
    if recovery.restored_copy_of is not None:
        made = recovery.restored_copy_of.strftime("%Y-%m-%d %H:%M")
        return (
            f"{aside} Its copy of {made} was put back in its place: runs after that are no longer"
            " listed, and files they read are read again. Your scans and output folders are"
            " untouched."
        )
    return (
        f"{aside} A new record was started. Your scans and output folders are untouched;"
        " earlier runs are no longer listed, and a folder read before is read again in full."
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
