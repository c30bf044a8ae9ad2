"""The per-file table model: Qt's model contract, batched event application, status display."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt

from engine.events import FileDone, FileFailed, FileQueued, FileStarted, PageDone
from gui.file_table_model import (
    COL_PAGES,
    COL_REVIEW,
    COL_STATUS,
    COL_TICKETS,
    SORT_ROLE,
    STATUS_TINT,
    FileTableModel,
)


def events_for(n: int) -> list[object]:
    out: list[object] = [FileQueued(i, f"f{i:05d}.pdf") for i in range(n)]
    out += [FileStarted(0, "f00000.pdf", 2), PageDone(0, 0, 1, 2, 1, 1, True)]
    return out


def test_model_passes_qtmodeltester_while_events_arrive(qtmodeltester):
    model = FileTableModel()
    model.apply(events_for(50))
    qtmodeltester.check(model)
    model.apply(
        [PageDone(0, 1, 2, 2, 1, 0, True), FileDone(0, "f00000.pdf", "done", 2, 2, 1, 3.0, 1)]
    )
    model.apply([FileFailed(7, "f00007.pdf", "corrupt", "The PDF is damaged.", "Scan again.", 1)])
    qtmodeltester.check(model)
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    proxy.sort(COL_TICKETS, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(proxy)
    model.clear()
    qtmodeltester.check(model)


def test_one_batch_inserts_rows_once_and_announces_each_changed_row_once(qtbot):
    model = FileTableModel()
    inserted: list[tuple[int, int]] = []
    model.rowsInserted.connect(lambda _p, first, last: inserted.append((first, last)))
    # Queued and already progressing within the same batch, as a fast run delivers them.
    model.apply(events_for(10_000))
    assert inserted == [(0, 9_999)]
    assert model.rowCount() == 10_000
    assert model.index(0, COL_STATUS).data() == "Reading"
    assert model.index(0, COL_PAGES).data() == "1/2"
    assert model.index(0, COL_REVIEW).data() == 1
    changed: list[tuple[int, int]] = []
    model.dataChanged.connect(lambda a, b, _r=None: changed.append((a.row(), b.row())))
    model.apply(
        [PageDone(0, 1, 2, 2, 0, 0, True), FileDone(0, "f00000.pdf", "done", 2, 1, 1, 2.5, 1)]
        + [FileStarted(i, f"f{i:05d}.pdf", 1) for i in (5, 6, 7, 9000)]
    )
    assert changed == [(0, 0), (5, 5), (6, 6), (7, 7), (9000, 9000)]  # each changed row, once
    assert model.index(0, COL_STATUS).data() == "Done"
    assert model.index(0, COL_TICKETS).data() == 1


def test_failed_file_reported_before_its_row_keeps_its_reason():
    model = FileTableModel()
    failed = FileFailed(
        3, "scan.djvu", "unsupported", "'.djvu' files are not read.", "Save as PDF", 0
    )
    model.apply([failed, FileQueued(3, "scan.djvu", "failed")])
    assert model.index(0, COL_STATUS).data() == "Failed"
    assert "not read" in model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)


def test_status_colours_differ_by_status():
    model = FileTableModel()
    model.apply(events_for(3) + [FileFailed(2, "f00002.pdf", "empty", "Empty.", "Rescan.", 0)])
    tints = [model.index(r, COL_STATUS).data(Qt.ItemDataRole.BackgroundRole) for r in range(3)]
    assert tints[0] is not None and tints[2] is not None and tints[0] != tints[2]
    assert tints[1] is None  # queued rows keep the palette's own background


def test_one_call_per_cell_answers_every_role_a_view_asks_for(qapp):
    """multiData fills or clears every role: a view reuses its buffer from cell to cell, so a
    role left alone would carry the previous cell's colour or alignment into this one."""
    from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

    model = FileTableModel()
    model.apply(events_for(3) + [FileFailed(1, "f00001.pdf", "empty", "Empty.", "Rescan.", 0)])
    delegate = QStyledItemDelegate()
    option = QStyleOptionViewItem()
    delegate.initStyleOption(option, model.index(1, COL_STATUS))  # failed: tinted background
    assert option.backgroundBrush.color() == STATUS_TINT["failed"]
    delegate.initStyleOption(option, model.index(1, COL_PAGES))
    assert option.displayAlignment & Qt.AlignmentFlag.AlignRight
    option = QStyleOptionViewItem()
    delegate.initStyleOption(option, model.index(2, 0))  # a queued file's name: plain, left
    assert option.text == "f00002.pdf"
    assert not option.displayAlignment & Qt.AlignmentFlag.AlignRight
    assert option.backgroundBrush.style() == Qt.BrushStyle.NoBrush


def test_a_batch_of_10000_queued_files_becomes_10000_rows_that_pass_qtmodeltester(
    qtmodeltester,
):
    model = FileTableModel()
    model.apply([FileQueued(i, f"f{i:05d}.pdf") for i in range(10_000)])
    assert model.rowCount() == 10_000
    assert model.index(9_999, 0).data() == "f09999.pdf"
    assert not model.index(10_000, 0).isValid() and not model.index(0, 7).isValid()
    assert not model.index(0, 0, model.index(0, 0)).isValid()  # a table: no children
    qtmodeltester.check(model)
