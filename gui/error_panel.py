"""The error panel: one row per failed file, with the plain reason, what to do and the attempts,
and one per page that gave no ticket (blank, or not a ticket), so none goes unseen.

Double-click opens the file; "Retry failed" asks the window to read the failed files again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QUrl,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from engine.events import FileFailed
from engine.models import ERROR_ADVICE, EmptyPage, ErrorKind, FileError

Index = QModelIndex | QPersistentModelIndex

COLUMNS = ("File", "Problem", "What to do", "Attempts")

# Rows for pages that were read and gave no ticket: nothing failed, so nothing to retry.
NO_TICKET = "no_ticket"
BLANK_PAGE = "blank_page"
PAGE_KINDS = {NO_TICKET, BLANK_PAGE}

KIND_TEXT = {
    "empty": "Empty file",
    "corrupt": "Damaged file",
    "encrypted": "Password-protected",
    "not_an_image": "Not what its name says",
    "too_large": "Too large",
    "unsupported": "Not a ticket file type",
    "timeout": "Took too long",
    "ocr_failed": "Text reader failed",
    "io_error": "Could not be read",
    NO_TICKET: "No ticket found",
    BLANK_PAGE: "Blank page",
}


@dataclass
class ErrorRow:
    rel_path: str
    kind: str
    message: str
    advice: str
    attempts: int
    page: int | None = None

    @property
    def problem(self) -> str:
        where = f" (page {self.page})" if self.page else ""
        return f"{KIND_TEXT.get(self.kind, self.kind)}: {self.message}{where}"

    @property
    def key(self) -> tuple[str, int | None]:
        """A file's failure is one row, replaced when it fails again; each page of a file that
        gave no ticket is a row of its own."""
        return (self.rel_path, self.page if self.kind in PAGE_KINDS else None)

    @property
    def retryable(self) -> bool:
        return self.kind not in PAGE_KINDS and self.kind != ErrorKind.UNSUPPORTED.value


def row_from_error(error: FileError) -> ErrorRow:
    kind = ErrorKind(error.kind)
    return ErrorRow(
        error.source_file, kind.value, error.message, ERROR_ADVICE[kind], error.attempts, error.page
    )


def row_from_empty_page(page: EmptyPage) -> ErrorRow:
    kind = BLANK_PAGE if page.blank else NO_TICKET
    return ErrorRow(page.source_file, kind, page.detail, page.advice, 0, page.page)


def problem_rows(
    store: Any, run_id: int, empty_pages: list[EmptyPage] | None = None
) -> list[ErrorRow]:
    """A run's failed files, then its pages that gave no ticket (read from the store unless
    the caller has them)."""
    if empty_pages is None:
        empty_pages = store.empty_pages(run_id)
    return [row_from_error(e) for e in store.errors(run_id)] + [
        row_from_empty_page(p) for p in empty_pages
    ]


class ErrorModel(QAbstractTableModel):
    """Keyed by file: a file that fails again replaces its row, never adds a second one."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[ErrorRow] = []
        self._index: dict[tuple[str, int | None], int] = {}

    def rows(self) -> list[ErrorRow]:
        return list(self._rows)

    def clear(self) -> None:
        self.load([])

    def load(self, rows: Iterable[ErrorRow]) -> None:
        self.beginResetModel()
        self._rows = []
        self._index = {}
        for row in rows:
            self._put(row)
        self.endResetModel()

    def _put(self, row: ErrorRow) -> int | None:
        i = self._index.get(row.key)
        if i is None:
            self._index[row.key] = len(self._rows)
            self._rows.append(row)
            return None
        self._rows[i] = row
        return i

    def apply(self, events: Iterable[Any]) -> None:
        """A batch's failures: new files' rows in one insert, a file that failed again in place."""
        new: dict[tuple[str, int | None], ErrorRow] = {}
        for e in events:
            if not isinstance(e, FileFailed):
                continue
            row = ErrorRow(e.rel_path, e.kind, e.message, e.advice, e.attempts, e.page)
            i = self._index.get(row.key)
            if i is None:
                new[row.key] = row  # a second failure in the same batch replaces the first
            else:
                self._put(row)
                self.dataChanged.emit(self.index(i, 0), self.index(i, len(COLUMNS) - 1))
        if new:
            n = len(self._rows)
            self.beginInsertRows(QModelIndex(), n, n + len(new) - 1)
            for row in new.values():
                self._put(row)
            self.endInsertRows()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(COLUMNS)
        ):
            return COLUMNS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return (row.rel_path, row.problem, row.advice, row.attempts or "")[col]
        return None


class ErrorPanel(QWidget):
    retry_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = ErrorModel(self)
        self.input_dir: Path | None = None
        self.open_url: Callable[[QUrl], Any] = _open_url
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setWordWrap(True)
        self.view.verticalHeader().setVisible(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        # Not ResizeToContents: that measures up to 1,000 rows whenever rows come in.
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Interactive)
        self.view.setColumnWidth(0, 220)
        self.view.setColumnWidth(3, self.fontMetrics().horizontalAdvance(COLUMNS[3]) + 24)
        self.view.doubleClicked.connect(self._open)
        self.retry_button = QPushButton("&Retry failed", self)
        self.retry_button.setToolTip("Read the failed files again (after fixing them)")
        self.retry_button.clicked.connect(self.retry_requested)
        self.hint = QLabel("Double-click a file to open it.", self)
        top = QHBoxLayout()
        top.addWidget(self.hint, 1)
        top.addWidget(self.retry_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.view)
        self.model.modelReset.connect(self._update_button)
        self.model.rowsInserted.connect(self._update_button)
        self._update_button()

    def _update_button(self) -> None:
        retryable = any(r.retryable for r in self.model.rows())
        self.retry_button.setEnabled(retryable and self._retry_allowed)

    _retry_allowed = True

    def set_retry_allowed(self, allowed: bool) -> None:
        self._retry_allowed = allowed
        self._update_button()

    def path_of(self, row: int) -> Path | None:
        rows = self.model.rows()
        if self.input_dir is None or not 0 <= row < len(rows):
            return None
        return self.input_dir / rows[row].rel_path

    def _open(self, index: QModelIndex) -> None:
        path = self.path_of(index.row())
        if path is not None:
            # Opening a removed file would fail silently: show its folder instead.
            target = path if path.exists() else path.parent
            self.open_url(QUrl.fromLocalFile(str(target)))


def _open_url(url: QUrl) -> bool:
    from PySide6.QtGui import QDesktopServices

    return bool(QDesktopServices.openUrl(url))
