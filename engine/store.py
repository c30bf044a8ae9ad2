"""SQLite store: the run ledger, files, pages, tickets and errors.

Every page result is committed in one transaction as it finishes, so a crash loses at most the
pages in flight, and resuming a run is a query. One Store object belongs to one thread; the
window opens its own for review edits (WAL mode lets both work at once).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import platformdirs

from . import review, store_damage
from .models import (
    TICKET_FIELDS,
    EmptyPage,
    ErrorKind,
    ExportData,
    FileError,
    FileStatus,
    FileTask,
    OutputNotWritable,
    PageResult,
    ReviewReason,
    RunStatus,
    RunSummary,
    Settings,
    StoreDamaged,
    Ticket,
)

SCHEMA_VERSION = 1

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY,
    input_dir TEXT NOT NULL,
    settings TEXT NOT NULL,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    status TEXT NOT NULL,
    job TEXT,
    device TEXT,
    tesseract_version TEXT,
    app_version TEXT,
    duration_s REAL DEFAULT 0,
    output_dir TEXT
);
CREATE INDEX IF NOT EXISTS runs_folder ON runs(input_dir);
CREATE TABLE IF NOT EXISTS files (
    id INTEGER PRIMARY KEY,
    run_id INTEGER NOT NULL REFERENCES runs(id),
    rel_path TEXT NOT NULL,
    path TEXT NOT NULL,
    size INTEGER,
    mtime REAL,
    sha256 TEXT,
    pages INTEGER,
    status TEXT NOT NULL,
    attempts INTEGER DEFAULT 0,
    error_kind TEXT,
    error TEXT,
    elapsed_s REAL DEFAULT 0,
    reused_from INTEGER,
    UNIQUE(run_id, rel_path)
);
CREATE INDEX IF NOT EXISTS files_sha ON files(sha256);
-- A re-run looks each file up by where it is (path, size, mtime) in every earlier run, and
-- copies or forgets a file's tickets and errors by file: without these, an unchanged re-run
-- slowed down with every run kept (2,000 files: 1.8 s after one run, 24 s after sixty).
CREATE INDEX IF NOT EXISTS files_place ON files(rel_path, size, mtime);
CREATE TABLE IF NOT EXISTS pages (
    id INTEGER PRIMARY KEY,
    file_id INTEGER NOT NULL REFERENCES files(id),
    page_index INTEGER NOT NULL,
    text_source TEXT,
    ocr_used INTEGER,
    ocr_s REAL,
    elapsed_s REAL,
    device TEXT,
    rotation INTEGER,
    is_blank INTEGER,
    text TEXT,
    mirrored INTEGER,
    UNIQUE(file_id, page_index)
);
CREATE TABLE IF NOT EXISTS tickets (
    id INTEGER PRIMARY KEY,
    run_id INTEGER NOT NULL,
    file_id INTEGER NOT NULL,
    origin TEXT NOT NULL,
    source_file TEXT NOT NULL,
    page INTEGER NOT NULL,
    vendor TEXT, ticket_number TEXT, date TEXT, truck TEXT, hauler TEXT, material TEXT,
    quantity REAL, unit TEXT, gross_lb REAL, tare_lb REAL, net_lb REAL, manifest TEXT, job TEXT,
    confidence REAL, needs_review INTEGER, review_reasons TEXT, field_confidence TEXT,
    field_boxes TEXT, uncertain_fields TEXT, duplicate_of TEXT, dup_key TEXT,
    corrected INTEGER DEFAULT 0
);
-- By run, and within it by page: a run's pages without a ticket are found page by page.
DROP INDEX IF EXISTS tickets_run;
CREATE INDEX IF NOT EXISTS tickets_run_page ON tickets(run_id, source_file, page);
CREATE INDEX IF NOT EXISTS tickets_file ON tickets(file_id);
CREATE INDEX IF NOT EXISTS tickets_dup ON tickets(dup_key);
CREATE TABLE IF NOT EXISTS errors (
    id INTEGER PRIMARY KEY,
    run_id INTEGER NOT NULL,
    file_id INTEGER,
    source_file TEXT NOT NULL,
    page INTEGER,
    kind TEXT NOT NULL,
    message TEXT NOT NULL,
    attempts INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS errors_run ON errors(run_id);
CREATE INDEX IF NOT EXISTS errors_file ON errors(file_id);
"""

# A run in one of these states is picked up again by the next run of its folder.
RESUMABLE = (RunStatus.RUNNING.value, RunStatus.CANCELLED.value, RunStatus.FAILED.value)

# The ticket fields are columns of their own, in the models' order.
TICKET_COLUMNS = TICKET_FIELDS


def default_data_dir(env: dict[str, str] | None = None) -> Path:
    env = dict(os.environ) if env is None else env
    override = env.get("HAULBOOK_DATA_DIR")
    if override:
        return Path(override)
    return Path(platformdirs.user_data_dir("Haulbook", "Haulbook"))


def now_iso() -> str:
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")


@dataclass
class FileRecord:
    file_id: int
    run_id: int
    rel_path: str
    path: str
    size: int
    mtime: float
    sha256: str | None
    pages: int | None
    status: str
    attempts: int
    error_kind: str | None
    error: str | None
    elapsed_s: float


@dataclass
class RunRecord:
    run_id: int
    input_dir: str
    status: str
    started_at: str
    finished_at: str | None
    job: str | None
    settings: Settings
    files_total: int
    files_done: int
    pages: int


def _origin(input_dir: str, rel_path: str, page: int) -> str:
    return f"{input_dir}|{rel_path}|{page}"


def _origin_folder(origin: str) -> str:
    return origin.split("|", 1)[0]


def _first_sighting(input_dir: str, first: sqlite3.Row) -> str:
    """Where a ticket was first seen: 'file p.N' in this folder; in another folder, its full
    path, so that nobody looks for it among this folder's files."""
    folder = _origin_folder(str(first["origin"]))
    where = first["source_file"]
    if folder != input_dir:
        where = str(Path(folder) / where)
    return f"{where} p.{first['page']}"


# Columns added after a store was first made: (table, column, type). A store made by an older
# Haulbook gets them on opening; its rows read NULL there, which means "no" or "unknown".
ADDED_COLUMNS = [("pages", "mirrored", "INTEGER")]


def _add_missing_columns(conn: sqlite3.Connection) -> None:
    for table, column, kind in ADDED_COLUMNS:
        have = {r[1] for r in conn.execute(f"PRAGMA table_info({table})")}
        if column not in have:
            conn.execute(f"ALTER TABLE {table} ADD COLUMN {column} {kind}")


class Store:
    def __init__(self, data_dir: Path, recover: bool = True) -> None:
        """`recover`: a damaged file is set aside and its last copy put back (or a new store
        started). Only the program's first store may (the command's, the window's at start):
        a run's or a view's own connection, opened while that one is open, reports the damage
        instead."""
        self.data_dir = data_dir
        # What was done with a damaged store at this opening (the caller tells the operator).
        self.recovery: store_damage.Recovery | None = None
        try:
            data_dir.mkdir(parents=True, exist_ok=True)
            self.db_path = data_dir / "haulbook.sqlite3"
            if recover and store_damage.check_if_asked(self.db_path):
                self.recovery = store_damage.recover(self.db_path)
            try:
                self.conn = self._connect()
            except sqlite3.DatabaseError as exc:
                if not store_damage.is_damage(exc):
                    raise
                if not recover or self.recovery is not None:
                    raise store_damage.damaged(self.db_path, exc) from exc
                self.recovery = store_damage.recover(self.db_path)
                self.conn = self._connect()
        except (OSError, sqlite3.Error) as exc:
            raise OutputNotWritable(
                f"Haulbook cannot write its data folder {data_dir}: {exc}. "
                "Free some disk space or set HAULBOOK_DATA_DIR to a writable folder."
            ) from exc

    def _connect(self) -> store_damage.GuardedConnection:
        conn = sqlite3.connect(
            str(self.db_path),
            timeout=30,
            isolation_level=None,
            factory=store_damage.GuardedConnection,
        )
        try:
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA foreign_keys=ON")
            conn.executescript(SCHEMA)
            _add_missing_columns(conn)
            conn.execute(
                "INSERT OR IGNORE INTO meta(key, value) VALUES ('schema', ?)",
                (str(SCHEMA_VERSION),),
            )
        except BaseException:
            conn.close()
            raise
        conn.guard(self.db_path)
        return conn

    def close(self) -> None:
        self.conn.close()

    def back_up_if_due(self) -> bool:
        """A copy of the store beside it, at most once a day (called when a run ends): what a
        damaged store is recovered from."""
        return store_damage.back_up_if_due(self.conn, self.db_path)

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        try:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.conn
            except BaseException:
                with suppress(sqlite3.Error, StoreDamaged):  # a damaged file may refuse it too
                    self.conn.execute("ROLLBACK")
                raise
            self.conn.execute("COMMIT")
        except sqlite3.OperationalError as exc:
            text = str(exc).lower()
            if "full" in text or "readonly" in text or "disk i/o" in text:
                raise OutputNotWritable(
                    f"Haulbook cannot save its work in {self.data_dir}: {exc}. "
                    "Free some disk space, then run again: finished pages are kept."
                ) from exc
            raise

    # --- runs -------------------------------------------------------------------------------

    def create_run(
        self,
        input_dir: str,
        settings: Settings,
        device: str,
        tesseract_version: str,
        app_version: str,
    ) -> int:
        with self.transaction() as c:
            cur = c.execute(
                "INSERT INTO runs(input_dir, settings, started_at, status, job, device,"
                " tesseract_version, app_version) VALUES (?,?,?,?,?,?,?,?)",
                (
                    input_dir,
                    json.dumps(settings.to_json()),
                    now_iso(),
                    RunStatus.RUNNING.value,
                    settings.job,
                    device,
                    tesseract_version,
                    app_version,
                ),
            )
            return int(cur.lastrowid or 0)

    def resumable_run(self, input_dir: str) -> RunRecord | None:
        """The newest run of this folder that did not finish (crash, cancel, fatal error)."""
        row = self.conn.execute(
            "SELECT id FROM runs WHERE input_dir=? ORDER BY id DESC LIMIT 1", (input_dir,)
        ).fetchone()
        if row is None:
            return None
        record = self.run(int(row["id"]))
        if record and record.status in RESUMABLE:
            return record
        return None

    def unfinished_runs(self) -> list[RunRecord]:
        rows = self.conn.execute(
            "SELECT id FROM runs WHERE status IN (?, ?, ?) ORDER BY id DESC",
            RESUMABLE,
        ).fetchall()
        out = []
        for r in rows:
            rec = self.run(int(r["id"]))
            # only the newest run of a folder can be resumed
            if rec and self.resumable_run(rec.input_dir) == rec:
                out.append(rec)
        return out

    def run(self, run_id: int) -> RunRecord | None:
        row = self.conn.execute("SELECT * FROM runs WHERE id=?", (run_id,)).fetchone()
        if row is None:
            return None
        counts = self.conn.execute(
            "SELECT COUNT(*) AS n, SUM(status IN ('done','skipped','failed')) AS done,"
            " COALESCE(SUM(pages), 0) AS pages FROM files WHERE run_id=?",
            (run_id,),
        ).fetchone()
        return RunRecord(
            run_id=int(row["id"]),
            input_dir=row["input_dir"],
            status=row["status"],
            started_at=row["started_at"],
            finished_at=row["finished_at"],
            job=row["job"],
            settings=Settings.from_json(json.loads(row["settings"])),
            files_total=int(counts["n"] or 0),
            files_done=int(counts["done"] or 0),
            pages=int(counts["pages"] or 0),
        )

    def set_run_status(
        self,
        run_id: int,
        status: RunStatus,
        duration_s: float | None = None,
        finished: bool = False,
    ) -> None:
        with self.transaction() as c:
            c.execute("UPDATE runs SET status=? WHERE id=?", (status.value, run_id))
            if duration_s is not None:
                c.execute("UPDATE runs SET duration_s=? WHERE id=?", (duration_s, run_id))
            if finished:
                c.execute("UPDATE runs SET finished_at=? WHERE id=?", (now_iso(), run_id))

    def update_run_settings(self, run_id: int, settings: Settings, device: str) -> None:
        with self.transaction() as c:
            c.execute(
                "UPDATE runs SET settings=?, device=?, status=? WHERE id=?",
                (json.dumps(settings.to_json()), device, RunStatus.RUNNING.value, run_id),
            )

    def set_output_dir(self, run_id: int, out_dir: str) -> None:
        with self.transaction() as c:
            c.execute("UPDATE runs SET output_dir=? WHERE id=?", (out_dir, run_id))

    def list_runs(self) -> list[RunSummary]:
        ids = [int(r["id"]) for r in self.conn.execute("SELECT id FROM runs ORDER BY id DESC")]
        return [self.summary(i) for i in ids]

    def summary(
        self,
        run_id: int,
        duration_s: float | None = None,
        empty_pages: list[EmptyPage] | None = None,
    ) -> RunSummary:
        row = self.conn.execute("SELECT * FROM runs WHERE id=?", (run_id,)).fetchone()
        if row is None:
            raise KeyError(run_id)
        files = self.conn.execute(
            "SELECT COUNT(*) AS total, SUM(status='done') AS done, SUM(status='failed') AS failed,"
            " SUM(status='skipped') AS skipped, COALESCE(SUM(pages),0) AS pages"
            " FROM files WHERE run_id=?",
            (run_id,),
        ).fetchone()
        pages_ocr = self.conn.execute(
            "SELECT COUNT(*) FROM pages p JOIN files f ON p.file_id=f.id"
            " WHERE f.run_id=? AND p.ocr_used=1",
            (run_id,),
        ).fetchone()[0]
        tickets = self.conn.execute(
            "SELECT COUNT(*), COALESCE(SUM(needs_review),0) FROM tickets WHERE run_id=?",
            (run_id,),
        ).fetchone()
        empty = self._empty_page_count(run_id) if empty_pages is None else len(empty_pages)
        duration = float(row["duration_s"] or 0.0) if duration_s is None else duration_s
        pages_this_run = self.conn.execute(
            "SELECT COUNT(*) FROM pages p JOIN files f ON p.file_id=f.id WHERE f.run_id=?",
            (run_id,),
        ).fetchone()[0]
        return RunSummary(
            run_id=run_id,
            status=row["status"],
            input_dir=row["input_dir"],
            files_total=int(files["total"] or 0),
            files_done=int(files["done"] or 0),
            files_failed=int(files["failed"] or 0),
            files_skipped=int(files["skipped"] or 0),
            pages=int(files["pages"] or 0),
            pages_ocr=int(pages_ocr),
            tickets=int(tickets[0]),
            needs_review=int(tickets[1]),
            pages_without_ticket=empty,
            duration_s=round(duration, 3),
            pages_per_minute=round(pages_this_run / duration * 60.0, 1) if duration > 0 else 0.0,
            device=row["device"] or "cpu",
            tesseract_version=row["tesseract_version"] or "",
            started_at=row["started_at"],
            finished_at=row["finished_at"],
            job=row["job"],
            settings=json.loads(row["settings"]),
            app_version=row["app_version"] or "",
            output_dir=row["output_dir"],
        )

    # --- files --------------------------------------------------------------------------------

    def files(self, run_id: int) -> list[FileRecord]:
        rows = self.conn.execute(
            "SELECT * FROM files WHERE run_id=? ORDER BY rel_path", (run_id,)
        ).fetchall()
        return [self._file(r) for r in rows]

    def file(self, file_id: int) -> FileRecord:
        return self._file(
            self.conn.execute("SELECT * FROM files WHERE id=?", (file_id,)).fetchone()
        )

    @staticmethod
    def _file(r: sqlite3.Row) -> FileRecord:
        return FileRecord(
            file_id=int(r["id"]),
            run_id=int(r["run_id"]),
            rel_path=r["rel_path"],
            path=r["path"],
            size=int(r["size"] or 0),
            mtime=float(r["mtime"] or 0.0),
            sha256=r["sha256"],
            pages=r["pages"],
            status=r["status"],
            attempts=int(r["attempts"] or 0),
            error_kind=r["error_kind"],
            error=r["error"],
            elapsed_s=float(r["elapsed_s"] or 0.0),
        )

    def register_file(self, run_id: int, task: FileTask) -> int:
        with self.transaction() as c:
            row = c.execute(
                "SELECT id FROM files WHERE run_id=? AND rel_path=?", (run_id, task.rel_path)
            ).fetchone()
            if row:
                return int(row["id"])
            cur = c.execute(
                "INSERT INTO files(run_id, rel_path, path, size, mtime, sha256, status)"
                " VALUES (?,?,?,?,?,?,?)",
                (
                    run_id,
                    task.rel_path,
                    task.path,
                    task.size,
                    task.mtime,
                    task.sha256,
                    FileStatus.QUEUED.value,
                ),
            )
            return int(cur.lastrowid or 0)

    def known_sha(self, input_dir: str, rel_path: str, size: int, mtime: float) -> str | None:
        """The SHA-256 recorded for this very file (same path, size and mtime) in any run."""
        row = self.conn.execute(
            "SELECT f.sha256 FROM files f JOIN runs r ON f.run_id=r.id WHERE r.input_dir=?"
            " AND f.rel_path=? AND f.size=? AND f.mtime=? AND f.sha256 IS NOT NULL"
            " ORDER BY f.id DESC LIMIT 1",
            (input_dir, rel_path, size, mtime),
        ).fetchone()
        return row["sha256"] if row else None

    def processed_before(
        self, input_dir: str, run_id: int, rel_path: str, sha256: str
    ) -> FileRecord | None:
        """A file of an earlier run of this folder with the same content, fully processed."""
        # The same path first, then anywhere in the folder (a file moved to a subfolder). Each
        # query walks the content's records newest first and stops at the first that fits, so
        # a folder read every day for months costs what it did on the second day.
        sql = (
            "SELECT f.* FROM files f JOIN runs r ON f.run_id=r.id WHERE f.sha256=?{}"
            " AND r.input_dir=? AND f.run_id<>? AND f.status IN ('done','skipped')"
            " ORDER BY f.id DESC LIMIT 1"
        )
        row = self.conn.execute(
            sql.format(" AND f.rel_path=?"), (sha256, rel_path, input_dir, run_id)
        ).fetchone()
        if row is None:
            row = self.conn.execute(sql.format(""), (sha256, input_dir, run_id)).fetchone()
        return self._file(row) if row else None

    def update_file(self, file_id: int, **fields: Any) -> None:
        if not fields:
            return
        cols = ", ".join(f"{k}=?" for k in fields)
        with self.transaction() as c:
            c.execute(f"UPDATE files SET {cols} WHERE id=?", (*fields.values(), file_id))

    def carry_over(self, run_id: int, file_id: int, earlier: FileRecord, rel_path: str) -> int:
        """Mark an unchanged file skipped and copy its tickets into this run; no OCR."""
        with self.transaction() as c:
            # Straight to the file that was read (where its pages are), not to the run before:
            # a chain one link longer each day made every lookup of a page walk the months.
            c.execute(
                "UPDATE files SET status=?, pages=?, sha256=?,"
                " reused_from=COALESCE((SELECT reused_from FROM files WHERE id=?), ?) WHERE id=?",
                (
                    FileStatus.SKIPPED.value,
                    earlier.pages,
                    earlier.sha256,
                    earlier.file_id,
                    earlier.file_id,
                    file_id,
                ),
            )
            cols = ", ".join(TICKET_COLUMNS)
            cur = c.execute(
                f"INSERT INTO tickets(run_id, file_id, origin, source_file, page, {cols},"
                " confidence, needs_review, review_reasons, field_confidence, field_boxes,"
                " uncertain_fields, duplicate_of, dup_key, corrected)"
                f" SELECT ?, ?, origin, ?, page, {cols}, confidence, needs_review, review_reasons,"
                " field_confidence, field_boxes, uncertain_fields, duplicate_of, dup_key, corrected"
                " FROM tickets WHERE file_id=? ORDER BY page, id",
                (run_id, file_id, rel_path, earlier.file_id),
            )
            return cur.rowcount

    def reset_file(self, file_id: int) -> None:
        """Forget what was read from a file that changed: its pages, tickets and errors."""
        with self.transaction() as c:
            c.execute("DELETE FROM tickets WHERE file_id=?", (file_id,))
            c.execute("DELETE FROM pages WHERE file_id=?", (file_id,))
            c.execute("DELETE FROM errors WHERE file_id=?", (file_id,))
            c.execute(
                "UPDATE files SET status=?, error_kind=NULL, error=NULL WHERE id=?",
                (FileStatus.QUEUED.value, file_id),
            )

    def requeue_failed(self, run_id: int) -> int:
        """'Retry failed': the run's failed files are read again when the run is resumed."""
        rows = self.conn.execute(
            "SELECT id FROM files WHERE run_id=? AND status=? AND COALESCE(error_kind,'')<>?",
            (run_id, FileStatus.FAILED.value, ErrorKind.UNSUPPORTED.value),
        ).fetchall()
        for row in rows:
            self.reset_file(int(row["id"]))
        return len(rows)

    def done_pages(self, file_id: int) -> set[int]:
        rows = self.conn.execute("SELECT page_index FROM pages WHERE file_id=?", (file_id,))
        return {int(r[0]) for r in rows}

    # --- pages and tickets -----------------------------------------------------------------------

    def commit_page(self, run_id: int, input_dir: str, result: PageResult) -> list[Ticket]:
        """One page's outcome in one transaction: the page row, its tickets, duplicate marks."""
        with self.transaction() as c:
            cur = c.execute(
                "INSERT OR IGNORE INTO pages(file_id, page_index, text_source, ocr_used, ocr_s,"
                " elapsed_s, device, rotation, is_blank, text, mirrored)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                (
                    result.file_id,
                    result.page_index,
                    result.text_source,
                    int(result.ocr_used),
                    result.ocr_s,
                    result.elapsed_s,
                    result.device,
                    result.rotation,
                    int(result.is_blank),
                    result.text,
                    int(result.mirrored),
                ),
            )
            if cur.rowcount == 0:
                return []  # already committed (a late duplicate of a retried task)
            for n, t in enumerate(result.tickets):
                # The second and later tickets laid on one page have places of their own.
                origin = _origin(input_dir, t.source_file, t.page) + (f"#{n + 1}" if n else "")
                key = review.duplicate_key(t.vendor, t.ticket_number)
                if key:
                    first = c.execute(
                        "SELECT source_file, page, origin FROM tickets WHERE dup_key=?"
                        " AND origin<>? ORDER BY id LIMIT 1",
                        (key, origin),
                    ).fetchone()
                    if first:
                        t.duplicate_of = _first_sighting(input_dir, first)
                        t.add_reason(ReviewReason.DUPLICATE_TICKET)
                t.ticket_id = self._insert_ticket(c, run_id, result.file_id, origin, key, t)
        return result.tickets

    @staticmethod
    def _insert_ticket(
        c: sqlite3.Connection, run_id: int, file_id: int, origin: str, key: str | None, t: Ticket
    ) -> int:
        cols = ", ".join(TICKET_COLUMNS)
        marks = ", ".join("?" for _ in TICKET_COLUMNS)
        cur = c.execute(
            f"INSERT INTO tickets(run_id, file_id, origin, source_file, page, {cols}, confidence,"
            " needs_review, review_reasons, field_confidence, field_boxes, uncertain_fields,"
            f" duplicate_of, dup_key, corrected) VALUES (?,?,?,?,?, {marks}, ?,?,?,?,?,?,?,?,?)",
            (
                run_id,
                file_id,
                origin,
                t.source_file,
                t.page,
                *(_to_db(getattr(t, name)) for name in TICKET_COLUMNS),
                t.confidence,
                int(t.needs_review),
                json.dumps(t.review_reasons),
                json.dumps(t.field_confidence),
                json.dumps(t.field_boxes),
                json.dumps(t.uncertain_fields),
                t.duplicate_of,
                key,
                int(t.corrected),
            ),
        )
        return int(cur.lastrowid or 0)

    def tickets(self, run_id: int, needs_review_only: bool = False) -> list[Ticket]:
        sql = "SELECT * FROM tickets WHERE run_id=?"
        if needs_review_only:
            sql += " AND needs_review=1"
        rows = self.conn.execute(sql + " ORDER BY source_file, page, id", (run_id,)).fetchall()
        return [_ticket(r) for r in rows]

    def ticket(self, ticket_id: int) -> Ticket | None:
        row = self.conn.execute("SELECT * FROM tickets WHERE id=?", (ticket_id,)).fetchone()
        return _ticket(row) if row else None

    def page_location(self, ticket_id: int) -> tuple[str, int, int, bool] | None:
        """The scanned file and page index a ticket came from, the quarter turns (degrees,
        counter-clockwise) that made the page upright when it was read, and whether it was
        then flipped left to right (scanned from its back): for the review view."""
        row = self.conn.execute(
            "SELECT f.path, t.page, p.rotation, p.mirrored FROM tickets t"
            " JOIN files f ON f.id=t.file_id"
            " LEFT JOIN pages p ON p.file_id=COALESCE(f.reused_from, f.id)"
            " AND p.page_index=t.page-1 WHERE t.id=?",
            (ticket_id,),
        ).fetchone()
        if row is None:
            return None
        turn = int(row["rotation"] or 0)
        return row["path"], int(row["page"]) - 1, turn, bool(row["mirrored"])

    def correct_ticket(self, ticket_id: int, values: dict[str, Any], accept: bool) -> Ticket:
        """A person's edit: stored at once; accepting clears the review flag."""
        unknown = set(values) - set(TICKET_COLUMNS)
        if unknown:
            raise ValueError(f"not ticket fields: {sorted(unknown)}")
        with self.transaction() as c:
            for name, value in values.items():
                c.execute(f"UPDATE tickets SET {name}=? WHERE id=?", (_to_db(value), ticket_id))
            row = c.execute("SELECT vendor, ticket_number FROM tickets WHERE id=?", (ticket_id,))
            current = row.fetchone()
            key = review.duplicate_key(current["vendor"], current["ticket_number"])
            c.execute("UPDATE tickets SET dup_key=?, corrected=1 WHERE id=?", (key, ticket_id))
            if accept:
                c.execute(
                    "UPDATE tickets SET needs_review=0, confidence=1.0 WHERE id=?", (ticket_id,)
                )
        ticket = self.ticket(ticket_id)
        assert ticket is not None
        return ticket

    # --- errors -------------------------------------------------------------------------------

    def add_error(self, run_id: int, file_id: int | None, error: FileError) -> None:
        with self.transaction() as c:
            c.execute(
                "INSERT INTO errors(run_id, file_id, source_file, page, kind, message, attempts)"
                " VALUES (?,?,?,?,?,?,?)",
                (
                    run_id,
                    file_id,
                    error.source_file,
                    error.page,
                    error.kind.value,
                    error.message,
                    error.attempts,
                ),
            )

    def errors(self, run_id: int) -> list[FileError]:
        rows = self.conn.execute(
            "SELECT * FROM errors WHERE run_id=? ORDER BY source_file, page", (run_id,)
        ).fetchall()
        return [
            FileError(
                source_file=r["source_file"],
                kind=ErrorKind(r["kind"]),
                message=r["message"],
                attempts=int(r["attempts"]),
                page=r["page"],
            )
            for r in rows
        ]

    def empty_pages(self, run_id: int) -> list[EmptyPage]:
        """The run's pages that were read and gave no ticket, an unchanged file's included."""
        rows = self.conn.execute(
            _EMPTY_PAGES.format("c.rel_path, p.page_index, p.is_blank")
            + " ORDER BY c.rel_path, p.page_index",
            (run_id, run_id),
        ).fetchall()
        return [EmptyPage(r[0], int(r[1]) + 1, bool(r[2])) for r in rows]

    def _empty_page_count(self, run_id: int) -> int:
        return int(
            self.conn.execute(_EMPTY_PAGES.format("COUNT(*)"), (run_id, run_id)).fetchone()[0]
        )

    # --- exports ------------------------------------------------------------------------------

    def export_data(self, run_id: int) -> ExportData:
        empty = self.empty_pages(run_id)
        summary = self.summary(run_id, empty_pages=empty)
        return ExportData(
            summary, self.tickets(run_id), self.errors(run_id), summary.input_dir, empty
        )

    def export_data_for_job(self, job: str) -> ExportData:
        """Every ticket of a job across runs, each scanned page once (its newest reading)."""
        rows = self.conn.execute(
            "SELECT * FROM tickets WHERE id IN (SELECT MAX(t.id) FROM tickets t JOIN runs r"
            " ON r.id=t.run_id WHERE r.job=? OR t.job=? GROUP BY t.origin)"
            " ORDER BY date, source_file, page",
            (job, job),
        ).fetchall()
        tickets = [_ticket(r) for r in rows]
        run_ids = [int(r[0]) for r in self.conn.execute("SELECT id FROM runs WHERE job=?", (job,))]
        errors = [e for rid in run_ids for e in self.errors(rid)]
        last = self.summary(max(run_ids)) if run_ids else RunSummary(0, "completed", "")
        last.job = job
        last.tickets = len(tickets)
        last.needs_review = sum(t.needs_review for t in tickets)
        return ExportData(last, tickets, errors, last.input_dir)


# A run's pages that were read and gave no ticket, {} what is selected of them. An unchanged
# file's pages are stored with the run that read them, at the end of its reused_from chain
# (each link points to an earlier file, so the chain ends; it is one link since carry_over
# points straight at the file that was read, longer in stores written before that).
_EMPTY_PAGES = (
    "WITH RECURSIVE chain(rel_path, cur) AS ("
    " SELECT rel_path, id FROM files WHERE run_id=?"
    " UNION ALL SELECT c.rel_path, f.reused_from FROM chain c JOIN files f ON f.id=c.cur"
    " WHERE f.reused_from IS NOT NULL)"
    " SELECT {} FROM chain c"
    " JOIN files f ON f.id=c.cur AND f.reused_from IS NULL"
    " JOIN pages p ON p.file_id=c.cur"
    " WHERE NOT EXISTS (SELECT 1 FROM tickets t WHERE t.run_id=?"
    " AND t.source_file=c.rel_path AND t.page=p.page_index+1)"
)


def _to_db(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _ticket(r: sqlite3.Row) -> Ticket:
    date = None
    if r["date"]:
        try:
            date = dt.date.fromisoformat(r["date"])
        except ValueError:
            date = None
    return Ticket(
        source_file=r["source_file"],
        page=int(r["page"]),
        vendor=r["vendor"],
        ticket_number=r["ticket_number"],
        date=date,
        truck=r["truck"],
        hauler=r["hauler"],
        material=r["material"],
        quantity=r["quantity"],
        unit=r["unit"],
        gross_lb=r["gross_lb"],
        tare_lb=r["tare_lb"],
        net_lb=r["net_lb"],
        manifest=r["manifest"],
        job=r["job"],
        confidence=float(r["confidence"] or 0.0),
        needs_review=bool(r["needs_review"]),
        review_reasons=json.loads(r["review_reasons"] or "[]"),
        field_confidence=json.loads(r["field_confidence"] or "{}"),
        field_boxes={k: tuple(v) for k, v in json.loads(r["field_boxes"] or "{}").items()},
        uncertain_fields=json.loads(r["uncertain_fields"] or "[]"),
        duplicate_of=r["duplicate_of"],
        ticket_id=int(r["id"]),
        corrected=bool(r["corrected"]),
    )
