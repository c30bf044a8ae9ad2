"""Review: the tickets that need a person, each beside its page image, one keystroke to accept.

Fields the engine is unsure of are highlighted. Enter saves the fields to the store and accepts
the ticket (it stops needing review), then moves to the next one. Corrections go to the store
at once, so every later export has them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from engine.models import TICKET_FIELDS, Ticket
from engine.review import fields_to_check

from .field_values import LABELS, format_value, parse_value
from .gui_events import PageImage
from .page_view import PageView, image_from_rgb

Index = QModelIndex | QPersistentModelIndex

UNSURE_TINT = QColor(255, 170, 0, 90)  # amber over the palette's base: light and dark themes
INVALID_TINT = QColor(230, 40, 40, 110)


class ReviewListModel(QAbstractListModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.tickets: list[Ticket] = []

    def load(self, tickets: list[Ticket]) -> None:
        self.beginResetModel()
        self.tickets = list(tickets)
        self.endResetModel()

    def remove(self, row: int) -> None:
        self.beginRemoveRows(QModelIndex(), row, row)
        del self.tickets[row]
        self.endRemoveRows()

    def replace(self, row: int, ticket: Ticket) -> None:
        self.tickets[row] = ticket
        self.dataChanged.emit(self.index(row), self.index(row))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.tickets)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.tickets):
            return None
        t = self.tickets[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            number = t.ticket_number or "no number"
            return f"{t.source_file}  p.{t.page}\n#{number} · {reason_text(t)}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return reason_text(t)
        return None


REASON_TEXT = {
    "MISSING_TICKET_NUMBER": "no ticket number",
    "MISSING_DATE": "no date",
    "LOW_CONFIDENCE": "uncertain reading",
    "HANDWRITTEN": "handwritten values",
    "WEIGHTS_DISAGREE": "weights do not add up",
    "DATE_OUT_OF_RANGE": "unlikely date",
    "UNKNOWN_VENDOR": "unknown vendor",
    "DUPLICATE_TICKET": "duplicate ticket",
    "NOT_A_TICKET": "may not be a ticket",
    "VOID": "marked void",
    "MISSING_QUANTITY": "no quantity",
}


def reason_text(t: Ticket) -> str:
    reasons = [REASON_TEXT.get(r, r.lower().replace("_", " ")) for r in t.review_reasons]
    return ", ".join(reasons) or "needs a look"


class ReviewView(QWidget):
    """`store` is the GUI thread's Store; `request_image(ticket_id) -> request number` renders."""

    corrected = Signal(int)  # ticket id, after a save
    count_changed = Signal(int)

    def __init__(
        self,
        store: Any,
        request_image: Callable[[int], int | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.request_image = request_image
        self.model = ReviewListModel(self)
        self._current: Ticket | None = None
        self._image_request: int | None = None
        self._run_id: int | None = None

        self.list = QListView(self)
        self.list.setModel(self.model)
        self.list.setUniformItemSizes(True)
        self.list.setAlternatingRowColors(True)
        self.list.selectionModel().currentChanged.connect(self._on_current)

        self.page = PageView(self)
        self.page.show_message("Select a ticket to see its page.")

        self.header = QLabel(self)
        self.header.setWordWrap(True)
        self.header.setTextFormat(Qt.TextFormat.PlainText)
        self.edits: dict[str, QLineEdit] = {}
        form = QFormLayout()
        for name in TICKET_FIELDS:
            edit = QLineEdit(self)
            edit.setObjectName(f"field_{name}")
            edit.returnPressed.connect(self.accept_current)
            edit.textEdited.connect(lambda _t, e=edit: _tint(e, None))
            self.edits[name] = edit
            form.addRow(LABELS[name], edit)
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        self.accept_button = QPushButton("Save && &accept (Enter)", self)
        self.accept_button.clicked.connect(self.accept_current)
        self.save_button = QPushButton("&Save", self)
        self.save_button.setToolTip("Save the fields; the ticket still needs review")
        self.save_button.clicked.connect(lambda: self.save_current(accept=False))
        self.skip_button = QPushButton("S&kip", self)
        self.skip_button.clicked.connect(self.select_next)
        buttons = QHBoxLayout()
        buttons.addWidget(self.skip_button)
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        buttons.addWidget(self.accept_button)

        side = QWidget(self)
        side_layout = QVBoxLayout(side)
        side_layout.addWidget(self.header)
        side_layout.addLayout(form)
        side_layout.addWidget(self.problem)
        side_layout.addStretch(1)
        side_layout.addLayout(buttons)

        self.empty = QLabel("No tickets need review.", self)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.list)
        splitter.addWidget(self.page)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 3)
        splitter.setStretchFactor(2, 2)
        splitter.setSizes([300, 520, 360])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.empty)
        layout.addWidget(splitter)
        self._set_enabled(False)

    # --- loading --------------------------------------------------------------------------------

    def load_run(self, run_id: int | None) -> None:
        """The run's tickets that need review, from the store; keeps the current one if it can."""
        self.show_tickets(
            run_id, self.store.tickets(run_id, needs_review_only=True) if run_id else []
        )

    def show_tickets(self, run_id: int | None, tickets: list[Ticket]) -> None:
        """The run's tickets that need review, read elsewhere; keeps the current one if it can."""
        self._run_id = run_id
        keep = self._current.ticket_id if self._current else None
        self.model.load(tickets)
        self.empty.setVisible(not tickets)
        self.count_changed.emit(len(tickets))
        row = next((i for i, t in enumerate(tickets) if t.ticket_id == keep), 0 if tickets else -1)
        if row >= 0:
            self._select(row)
        else:
            self._show(None)

    def count(self) -> int:
        return self.model.rowCount()

    def _select(self, row: int) -> None:
        index = self.model.index(row)
        self.list.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        self.list.scrollTo(index)

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = current.row()
        self._show(self.model.tickets[row] if 0 <= row < len(self.model.tickets) else None)

    def _show(self, ticket: Ticket | None) -> None:
        self._current = ticket
        self.problem.clear()
        self._set_enabled(ticket is not None)
        if ticket is None:
            self.header.clear()
            for edit in self.edits.values():
                edit.clear()
                _tint(edit, None)
            self.page.show_message("Select a ticket to see its page.")
            return
        dup = f"\nSame ticket as {ticket.duplicate_of}" if ticket.duplicate_of else ""
        self.header.setText(
            f"{ticket.source_file}, page {ticket.page}\nWhy: {reason_text(ticket)}{dup}"
        )
        unsure = set(fields_to_check(ticket))
        for name, edit in self.edits.items():
            edit.setText(format_value(name, getattr(ticket, name)))
            conf = ticket.field_confidence.get(name)
            tip = f"read with {conf:.0%} confidence" if conf is not None else ""
            if name in unsure:
                tip = ("Please check this value. " + tip).strip()
            edit.setToolTip(tip)
            _tint(edit, UNSURE_TINT if name in unsure else None)
        first = next((n for n in TICKET_FIELDS if n in unsure), TICKET_FIELDS[0])
        self.edits[first].setFocus()
        self.edits[first].selectAll()
        self.page.show_message("Loading the page…")
        self._image_request = (
            self.request_image(ticket.ticket_id) if ticket.ticket_id is not None else None
        )

    def show_image(self, event: PageImage) -> None:
        if event.request != self._image_request:
            return
        if event.rgb is None:
            self.page.show_message(event.problem or "The page cannot be shown.")
        else:
            self.page.set_image(image_from_rgb(event.rgb))

    def _set_enabled(self, on: bool) -> None:
        for edit in self.edits.values():
            edit.setEnabled(on)
        for button in (self.accept_button, self.save_button, self.skip_button):
            button.setEnabled(on)

    # --- editing --------------------------------------------------------------------------------

    def values(self) -> dict[str, Any] | None:
        """The typed values, or None (with the problem shown) when one cannot be read."""
        out: dict[str, Any] = {}
        problems = []
        for name, edit in self.edits.items():
            try:
                out[name] = parse_value(name, edit.text())
            except ValueError as exc:
                problems.append(f"{LABELS[name]}: {exc}")
                _tint(edit, INVALID_TINT)
        if problems:
            self.problem.setText("\n".join(problems))
            return None
        return out

    def save_current(self, accept: bool) -> bool:
        ticket = self._current
        if ticket is None or ticket.ticket_id is None:
            return False
        values = self.values()
        if values is None:
            return False
        changed = {k: v for k, v in values.items() if v != getattr(ticket, k)}
        updated = self.store.correct_ticket(ticket.ticket_id, changed, accept)
        self.corrected.emit(ticket.ticket_id)
        row = self.list.currentIndex().row()
        if accept:
            self.model.remove(row)
            self.count_changed.emit(self.model.rowCount())
            self.empty.setVisible(self.model.rowCount() == 0)
            if self.model.rowCount():
                self._select(min(row, self.model.rowCount() - 1))
            else:
                self._show(None)
        else:
            self.model.replace(row, updated)
            self._current = updated
            self.problem.setText("Saved.")
        return True

    def accept_current(self) -> None:
        self.save_current(accept=True)

    def select_next(self) -> None:
        n = self.model.rowCount()
        if n:
            self._select((self.list.currentIndex().row() + 1) % n)


def _tint(edit: QLineEdit, colour: QColor | None) -> None:
    """Shift the field's background toward `colour`; the property lets tests and styles see it."""
    edit.setProperty("unsure", colour is UNSURE_TINT)
    edit.setProperty("invalid", colour is INVALID_TINT)
    if colour is None:
        edit.setPalette(QPalette())
        return
    palette = QPalette()
    base = palette.color(QPalette.ColorRole.Base)
    palette.setColor(QPalette.ColorRole.Base, _blend(base, colour))
    edit.setPalette(palette)


def _blend(base: QColor, tint: QColor) -> QColor:
    a = tint.alphaF()
    return QColor(
        int(base.red() * (1 - a) + tint.red() * a),
        int(base.green() * (1 - a) + tint.green() * a),
        int(base.blue() * (1 - a) + tint.blue() * a),
    )
