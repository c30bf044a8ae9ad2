"""Review: tickets that need a person, their page image, corrections that reach the workbook."""

from __future__ import annotations

import openpyxl
from PySide6.QtCore import Qt

from gui.gui_events import ReviewLoaded
from tests.gui.conftest import start_and_wait, tiny_pngs


def _ran_with_tickets_to_review(qtbot, make_window, stand_in, folder, count):
    """A window that has read `count` stand-in tickets, each needing review; their file names."""
    stand_in(needs_review=True)
    names = tiny_pngs(folder, count)
    window = make_window()
    window.set_folder(str(folder))
    start_and_wait(qtbot, window)  # the run settles once its tickets to review are read
    return window, names


def test_correction_in_the_review_editor_appears_in_the_exported_workbook(
    qtbot, make_window, tmp_path, stand_in
):
    window, _ = _ran_with_tickets_to_review(qtbot, make_window, stand_in, tmp_path / "scans", 3)
    review = window.review
    assert review.count() == 3 and window.tabs.tabText(2) == "Review (3)"

    window.tabs.setCurrentWidget(review)
    first = review.model.tickets[0]
    qtbot.waitUntil(review.page.has_image, timeout=10_000)  # its page, rendered off the GUI thread
    number = review.edits["ticket_number"]
    assert number.text() == first.ticket_number
    assert number.property("unsure") is True  # the uncertain field is highlighted
    assert review.edits["vendor"].property("unsure") is False

    number.setText("998877")
    review.edits["quantity"].setText("14.25")
    qtbot.keyClick(number, Qt.Key.Key_Return)  # Enter accepts and moves on
    assert review.count() == 2
    assert review._current is not None and review._current.ticket_id != first.ticket_id
    stored = window.store.ticket(first.ticket_id)
    assert stored.ticket_number == "998877" and stored.quantity == 14.25
    assert not stored.needs_review and stored.corrected

    out = tmp_path / "out"
    with qtbot.waitSignal(window.export_finished, timeout=60_000):
        window.export(out)
    sheet = openpyxl.load_workbook(out / "tickets.xlsx")["Tickets"]
    header = [c.value for c in sheet[1]]
    rows = [
        dict(zip(header, r, strict=False)) for r in sheet.iter_rows(min_row=2, values_only=True)
    ]
    (fixed,) = [r for r in rows if r["Source File"] == first.source_file]
    assert str(fixed["Ticket Number"]) == "998877"
    assert fixed["Quantity"] == 14.25
    assert fixed["Needs Review"] == "No"
    assert sum(r["Needs Review"] == "Yes" for r in rows) == 2


def test_a_value_that_is_not_a_number_is_refused_with_a_reason(
    qtbot, make_window, tmp_path, stand_in
):
    window, _ = _ran_with_tickets_to_review(qtbot, make_window, stand_in, tmp_path / "scans", 1)
    review = window.review
    review.edits["net_lb"].setText("12,34O")
    qtbot.keyClick(review.edits["net_lb"], Qt.Key.Key_Return)
    assert review.count() == 1  # not accepted
    assert "not a number" in review.problem.text()
    assert review.edits["net_lb"].property("invalid") is True
    ticket = review.model.tickets[0]
    assert window.store.ticket(ticket.ticket_id).needs_review


def test_missing_page_file_shows_a_message_instead_of_the_image(
    qtbot, make_window, tmp_path, stand_in
):
    window, names = _ran_with_tickets_to_review(qtbot, make_window, stand_in, tmp_path / "scans", 1)
    (tmp_path / "scans" / names[0]).unlink()
    window.review.load_run(window.run_id)
    qtbot.waitUntil(
        lambda: any(
            "no longer there" in getattr(i, "toPlainText", lambda: "")()
            for i in window.review.page.scene().items()
        ),
        timeout=10_000,
    )
    assert not window.review.page.has_image()


def test_tickets_to_review_read_for_an_older_request_are_not_shown(
    qtbot, make_window, tmp_path, stand_in
):
    window, _ = _ran_with_tickets_to_review(qtbot, make_window, stand_in, tmp_path / "scans", 2)
    assert window.review.count() == 2 and window.tabs.tabText(2) == "Review (2)"
    older = window._review_request
    answered: list[int] = []
    deliver = window._review_loaded
    window._review_loaded = lambda ev: (answered.append(ev.request), deliver(ev))  # type: ignore[method-assign]
    newer = window._load_review(window.run_id)
    window._review_loaded(ReviewLoaded(older, window.run_id, []))  # late, and overtaken
    assert window.review.count() == 2
    # The newer answer lands before the test ends: none arrives at a window being torn down.
    qtbot.waitUntil(lambda: newer in answered, timeout=10_000)
    assert window.review.count() == 2
