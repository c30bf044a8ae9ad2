"""The per-file table: one row per file of the run, fed by engine events in batches.

The rows are plain `FileRow` objects; the Qt model only presents them. `apply(events)` takes a
whole batch from the bridge: new rows are inserted with one beginInsertRows, changed rows are
announced row by row (see `_changed`), so 10,000 rows and a full-speed run cost a few
milliseconds per tick and repaint only what is in view.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from engine.events import FileDone, FileFailed, FileQueued, FileStarted, PageDone

Index = QModelIndex | QPersistentModelIndex

COLUMNS = ("File", "Status", "Pages", "Tickets", "Review", "Time", "Attempts")
COL_FILE, COL_STATUS, COL_PAGES, COL_TICKETS, COL_REVIEW, COL_TIME, COL_ATTEMPTS = range(7)

STATUS_TEXT = {
    "queued": "Queued",
    "running": "Reading",
    "done": "Done",
    "skipped": "Unchanged",
    "failed": "Failed",
    "next": "Next",
}

# Translucent tints over the palette's own base colour: readable in light and dark themes alike,
# because the text keeps the palette's colour and only the background shifts hue.
STATUS_TINT = {
    "running": QColor(40, 120, 255, 60),
    "done": QColor(30, 170, 70, 55),
    "skipped": QColor(120, 120, 120, 45),
    "failed": QColor(230, 40, 40, 75),
    "next": QColor(240, 170, 0, 70),
}

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
FILE_ID_ROLE = Qt.ItemDataRole.UserRole + 2


@dataclass
class FileRow:
    file_id: int
    rel_path: str
    status: str = "queued"
    pages: int | None = None
    pages_done: int = 0
    tickets: int = 0
    needs_review: int = 0
    elapsed_s: float = 0.0
    attempts: int = 0
    error: str = ""
    started_at: float | None = None  # time.monotonic() when reading began, for the live time


def format_seconds(seconds: float) -> str:
    if seconds < 60:
        return f"{seconds:.1f} s"
    seconds = int(seconds)
    if seconds < 3600:
        return f"{seconds // 60}m {seconds % 60:02d}s"
    return f"{seconds // 3600}h {seconds % 3600 // 60:02d}m"


class FileTableModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[FileRow] = []
        self._index: dict[int, int] = {}
        # The runner reports an unreadable kind of file before it queues the file's row.
        self._early: dict[int, FileFailed] = {}

    # --- the rows -------------------------------------------------------------------------------

    def clear(self) -> None:
        self.beginResetModel()
        self._rows = []
        self._index = {}
        self._early = {}
        self.endResetModel()

    def load(self, rows: Iterable[FileRow]) -> None:
        """Replace everything (a run loaded from the store)."""
        self.beginResetModel()
        self._rows = list(rows)
        self._index = {r.file_id: i for i, r in enumerate(self._rows)}
        self.endResetModel()

    def rows(self) -> Sequence[FileRow]:
        return self._rows

    def row_of(self, file_id: int) -> FileRow | None:
        i = self._index.get(file_id)
        return self._rows[i] if i is not None else None

    def file_id_at(self, row: int) -> int | None:
        return self._rows[row].file_id if 0 <= row < len(self._rows) else None

    def totals(self) -> dict[str, int]:
        out = {"files": len(self._rows), "tickets": 0, "review": 0, "failed": 0, "finished": 0}
        for r in self._rows:
            out["tickets"] += r.tickets
            out["review"] += r.needs_review
            if r.status == "failed":
                out["failed"] += 1
            if r.status in ("done", "skipped", "failed"):
                out["finished"] += 1
        return out

    def mark_next(self, file_id: int) -> None:
        """A queued file the operator asked to read next."""
        row = self.row_of(file_id)
        if row is not None and row.status == "queued":
            row.status = "next"
            self._changed([self._index[file_id]])

    def apply(self, events: Iterable[Any]) -> None:
        """Apply a batch of engine events: one insert, one dataChanged per changed row."""
        new: list[FileRow] = []
        dirty: set[int] = set()
        base = len(self._rows)
        for ev in events:
            if isinstance(ev, FileQueued):
                i = self._index.get(ev.file_id)
                if i is None:
                    row = FileRow(ev.file_id, ev.rel_path)
                    self._index[ev.file_id] = base + len(new)
                    new.append(row)
                else:
                    row = self._row_at(i, new, base)
                    dirty.add(i)
                row.status = ev.status
                row.pages = ev.pages
                done = ev.status in ("done", "skipped")
                row.pages_done = (ev.pages or 0) if done else ev.pages_done
                early = self._early.pop(ev.file_id, None)
                if early is not None:
                    _update(row, early)
                continue
            file_id = getattr(ev, "file_id", None)
            if file_id is None or not isinstance(
                ev, FileStarted | PageDone | FileDone | FileFailed
            ):
                continue
            i = self._index.get(file_id)
            if i is None:
                if isinstance(ev, FileFailed):
                    self._early[file_id] = ev
                continue
            row = self._row_at(i, new, base)
            _update(row, ev)
            if i < base:
                dirty.add(i)
        if new:
            self.beginInsertRows(QModelIndex(), base, base + len(new) - 1)
            self._rows.extend(new)
            self.endInsertRows()
        if dirty:
            self._changed(sorted(dirty))

    def set_counts(self, counts: dict[int, tuple[int, int]]) -> None:
        """Ticket and review counts per file, read from the store (a resumed or loaded run)."""
        changed = []
        for file_id, (tickets, review) in counts.items():
            i = self._index.get(file_id)
            if i is not None and (self._rows[i].tickets, self._rows[i].needs_review) != (
                tickets,
                review,
            ):
                self._rows[i].tickets, self._rows[i].needs_review = tickets, review
                changed.append(i)
        self._changed(sorted(changed))

    def _row_at(self, i: int, new: list[FileRow], base: int) -> FileRow:
        return self._rows[i] if i < base else new[i - base]

    def _changed(self, rows: list[int]) -> None:
        # One signal per row, never one spanning rows: views repaint their whole viewport for a
        # range over several rows, even one entirely out of sight, but only the row's own
        # rectangle (or nothing, when it is scrolled away) for a single row.
        last = len(COLUMNS) - 1
        for r in rows:
            self.dataChanged.emit(self.index(r, 0), self.index(r, last))

    # --- Qt ---------------------------------------------------------------------------------------

    # Painting calls into Python for every visible cell, and each call has to take the GIL from
    # the run's threads first; so a cell costs two calls (index, multiData), not four
    # (rowCount and columnCount through Qt's own index(), then flags, then multiData). flags is
    # Qt's own: enabled, selectable, never has children.

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if 0 <= row < len(self._rows) and 0 <= column < len(COLUMNS) and not parent.isValid():
            return self.createIndex(row, column)
        return QModelIndex()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            return COLUMNS[section]
        if orientation == Qt.Orientation.Vertical:
            return section + 1
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.parent().isValid():
            return None
        r = index.row()
        if not 0 <= r < len(self._rows):
            return None
        return _value(self._rows[r], index.column(), role)

    def multiData(self, index: Index, roleDataSpan: Any) -> None:  # noqa: N802, N803 - Qt's names
        # A view asks for ~7 roles per cell when it paints; answering them in one Python call
        # instead of seven keeps repainting the table cheap while a run keeps it changing.
        if not index.isValid():
            return
        r = index.row()
        if not 0 <= r < len(self._rows):
            return
        row = self._rows[r]
        col = index.column()
        for role_data in roleDataSpan:
            role = role_data.role()
            value = _value(row, col, role) if role in _ROLES else None
            if value is None:
                role_data.clearData()  # the view reuses the span from cell to cell
            else:
                role_data.setData(value)


_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_ROLES = {  # the roles _value answers; a painting view also asks for four others, per cell
    int(r)
    for r in (
        Qt.ItemDataRole.DisplayRole,
        SORT_ROLE,
        FILE_ID_ROLE,
        Qt.ItemDataRole.BackgroundRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.TextAlignmentRole,
    )
}


def _value(row: FileRow, col: int, role: int) -> Any:
    if role == Qt.ItemDataRole.DisplayRole:
        return _display(row, col)
    if role == SORT_ROLE:
        return _sort_key(row, col)
    if role == FILE_ID_ROLE:
        return row.file_id
    if role == Qt.ItemDataRole.BackgroundRole and col == COL_STATUS:
        return STATUS_TINT.get(row.status)
    if role == Qt.ItemDataRole.ToolTipRole:
        if row.error:
            return row.error
        return row.rel_path if col == COL_FILE else None
    if role == Qt.ItemDataRole.TextAlignmentRole and col >= COL_PAGES:
        return _RIGHT
    return None


def _update(row: FileRow, ev: Any) -> None:
    if isinstance(ev, FileStarted):
        row.status = "running"
        row.pages = ev.pages
        row.started_at = time.monotonic()
    elif isinstance(ev, PageDone):
        row.pages_done = ev.pages_done
        row.pages = ev.pages_total
        row.tickets += ev.tickets
        row.needs_review += ev.needs_review
        if row.status in ("queued", "next"):
            row.status = "running"
    elif isinstance(ev, FileDone):
        row.status = ev.status if row.status != "failed" else "failed"
        row.pages = ev.pages
        if ev.status in ("done", "skipped"):
            row.pages_done = ev.pages
        row.tickets = ev.tickets
        row.needs_review = ev.needs_review
        row.elapsed_s = ev.elapsed_s
        row.attempts = ev.attempts
        row.started_at = None
    elif isinstance(ev, FileFailed):
        row.status = "failed"
        row.attempts = ev.attempts
        where = f" (page {ev.page})" if ev.page else ""
        row.error = f"{ev.message}{where} {ev.advice}"
        row.started_at = None


def _display(row: FileRow, col: int) -> Any:
    if col == COL_FILE:
        return row.rel_path
    if col == COL_STATUS:
        return STATUS_TEXT.get(row.status, row.status)
    if col == COL_PAGES:
        return f"{row.pages_done}/{row.pages}" if row.pages else "–"
    if col == COL_TICKETS:
        return row.tickets
    if col == COL_REVIEW:
        return row.needs_review or ""
    if col == COL_TIME:
        if row.started_at is not None:
            return format_seconds(time.monotonic() - row.started_at)
        return format_seconds(row.elapsed_s) if row.elapsed_s else ""
    if col == COL_ATTEMPTS:
        return row.attempts or ""
    return None


_STATUS_ORDER = {"failed": 0, "running": 1, "next": 2, "queued": 3, "done": 4, "skipped": 5}


def _sort_key(row: FileRow, col: int) -> Any:
    if col == COL_FILE:
        return row.rel_path.lower()
    if col == COL_STATUS:
        return _STATUS_ORDER.get(row.status, 9)
    if col == COL_PAGES:
        return row.pages or 0
    if col == COL_TICKETS:
        return row.tickets
    if col == COL_REVIEW:
        return row.needs_review
    if col == COL_TIME:
        return row.elapsed_s
    if col == COL_ATTEMPTS:
        return row.attempts
    return None
