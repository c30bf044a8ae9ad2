"""The problems panel's model: one insert per batch, a file that fails again in place."""

from __future__ import annotations

from engine.events import FileFailed
from gui.error_panel import ErrorModel


def failed(i: int, attempts: int = 1) -> FileFailed:
    return FileFailed(i, f"f{i}.pdf", "corrupt", "The PDF is damaged.", "Scan again.", attempts)


def test_a_batch_of_failures_is_inserted_once_and_a_repeat_replaces_its_row(qtmodeltester):
    model = ErrorModel()
    inserted: list[tuple[int, int]] = []
    changed: list[int] = []
    model.rowsInserted.connect(lambda _p, first, last: inserted.append((first, last)))
    model.dataChanged.connect(lambda a, _b, _r=None: changed.append(a.row()))
    model.apply([failed(i) for i in range(3)] + [failed(1, attempts=2)])
    assert inserted == [(0, 2)]
    assert [r.rel_path for r in model.rows()] == ["f0.pdf", "f1.pdf", "f2.pdf"]
    assert model.rows()[1].attempts == 2  # the later failure in the same batch wins
    model.apply([failed(2, attempts=3), failed(3)])
    assert inserted == [(0, 2), (3, 3)] and changed == [2]
    assert model.rows()[2].attempts == 3
    qtmodeltester.check(model)


def test_pages_without_a_ticket_are_rows_of_their_own_and_not_retried():
    from engine.models import EmptyPage, ErrorKind, FileError
    from gui.error_panel import row_from_empty_page, row_from_error

    model = ErrorModel()
    failure = FileError("scan.tif", ErrorKind.CORRUPT, "Page 2 is damaged.", 1, page=2)
    model.load(
        [
            row_from_error(failure),
            row_from_empty_page(EmptyPage("scan.tif", 3, blank=True)),
            row_from_empty_page(EmptyPage("scan.tif", 4, blank=False)),
        ]
    )
    problems = [model.index(i, 1).data() for i in range(model.rowCount())]
    assert len(problems) == 3  # one file, three rows: its failure and two pages apart
    assert problems[1] == "Blank page: nothing found printed or written on it (page 3)"
    assert problems[2].startswith("No ticket found: read, but") and problems[2].endswith("(page 4)")
    assert model.index(1, 3).data() == ""  # nothing was attempted twice
    assert [r.retryable for r in model.rows()] == [True, False, False]
