"""The window over a real run: generated tickets read by Tesseract, the table, export, settings."""

from __future__ import annotations

import openpyxl
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from engine.events import RunFinished
from gui.file_table_model import COL_STATUS, COL_TICKETS
from tests import ticketgen
from tests.conftest import age, make_ticket_folder
from tests.gui.conftest import start_and_wait


def test_run_on_generated_folder_fills_the_table_and_exports(qtbot, make_window, tmp_path):
    folder = tmp_path / "scans"
    expected = make_ticket_folder(folder, 2)
    window = make_window()
    with qtbot.waitSignal(window.environment_ready, timeout=30_000):
        window.start_probe()
    assert window.tesseract_label.text().startswith("Tesseract 5")
    assert window.device_label.text() == "Image work: CPU"

    window.set_folder(str(folder))
    outcome = start_and_wait(qtbot, window)

    assert isinstance(outcome, RunFinished) and outcome.summary.status == "completed"
    rows = {r.rel_path: r for r in window.table_model.rows()}
    assert set(rows) == set(expected)
    assert all(r.status == "done" and r.pages_done == r.pages == 1 for r in rows.values())
    assert sum(r.tickets for r in rows.values()) == 2
    model = window.proxy
    assert {model.index(i, COL_STATUS).data() for i in range(model.rowCount())} == {"Done"}
    assert window.progress.value() == window.progress.maximum() == 2
    assert "2 tickets" in window.progress_text.text()
    assert not window.statusBar().currentMessage().startswith("Reading")  # no longer true
    assert window.table.isSortingEnabled()  # sorting comes back once the run is over

    out = tmp_path / "out"
    with qtbot.waitSignal(window.export_finished, timeout=60_000):
        assert window.export(out)
    assert window.opened == [str(out)]  # the output folder is opened for the operator
    sheet = openpyxl.load_workbook(out / "tickets.xlsx")["Tickets"]
    numbers = {str(row[3]) for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert numbers == {n for ns in expected.values() for n in ns}


def test_sorting_by_tickets_when_idle(qtbot, make_window, tmp_path, stand_in):
    stand_in()
    folder = tmp_path / "scans"
    folder.mkdir()
    from tests.gui.conftest import tiny_pngs

    tiny_pngs(folder, 3)
    (folder / "notes.docx").write_bytes(b"PK not a ticket")
    window = make_window()
    window.set_folder(str(folder))
    start_and_wait(qtbot, window)
    window.table.sortByColumn(COL_TICKETS, Qt.SortOrder.AscendingOrder)
    first = window.proxy.index(0, 0).data()
    assert first == "notes.docx"  # no tickets: sorts first
    assert window.proxy.index(0, COL_STATUS).data() == "Failed"


def test_a_rerun_of_an_unchanged_folder_shows_every_file_unchanged_and_no_speed(
    qtbot, make_window, tmp_path, stand_in, data_dir
):
    fake = stand_in()
    folder = tmp_path / "scans"
    from tests.gui.conftest import tiny_pngs

    tiny_pngs(folder, 3)
    window = make_window()
    window.set_folder(str(folder))
    start_and_wait(qtbot, window)
    assert len(fake.calls) == 3
    assert (data_dir / "haulbook.sqlite3.backup").is_file()  # the store's copy, made at the end
    outcome = start_and_wait(qtbot, window)
    assert isinstance(outcome, RunFinished) and outcome.summary.files_skipped == 3
    assert len(fake.calls) == 3  # nothing read again
    model = window.proxy
    assert {model.index(i, COL_STATUS).data() for i in range(model.rowCount())} == {"Unchanged"}
    assert window.progress.value() == window.progress.maximum() == 3
    text = window.progress_text.text()
    assert "3 unchanged" in text and "3 tickets" in text and "pages/min" not in text


def test_settings_are_remembered(qtbot, make_window, tmp_path):
    window = make_window()
    window.set_folder(str(tmp_path))
    window.form.job.setText("J-42")
    window.form.workers.setValue(1)
    window.form.retries.setValue(4)
    window.form.timeout.setValue(300)
    window.form.device.setCurrentIndex(window.form.device.findData("cpu"))
    assert window.form.settings().device == "cpu"
    window.close()
    again = make_window()
    assert again.form.folder.text() == str(tmp_path)
    assert again.form.job.text() == "J-42"
    assert (again.form.workers.value(), again.form.retries.value()) == (1, 4)
    assert again.form.timeout.value() == 300
    assert again.form.device.currentData() == "cpu" and again.form.settings().device == "cpu"


def _drop(window, path) -> None:  # type: ignore[no-untyped-def]
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    window.dropEvent(
        QDropEvent(
            QPointF(10, 10),
            Qt.DropAction.CopyAction,
            mime,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
        )
    )


def test_dropping_a_folder_or_a_file_on_the_window_picks_the_folder(qtbot, make_window, tmp_path):
    window = make_window()
    _drop(window, tmp_path)
    assert window.form.folder.text() == str(tmp_path)
    (tmp_path / "inbox").mkdir()
    ticket = tmp_path / "inbox" / "ticket 4471.pdf"  # one ticket dragged onto the window
    ticket.write_bytes(b"%PDF-1.4")
    _drop(window, ticket)
    assert window.form.folder.text() == str(tmp_path / "inbox")


def test_missing_tesseract_gets_a_clear_message_and_the_window_stays_usable(
    qtbot, make_window, tmp_path, monkeypatch
):
    monkeypatch.setenv("HAULBOOK_TESSERACT", str(tmp_path / "no-tesseract-here"))
    make_ticket_folder(tmp_path / "scans", 1)
    window = make_window()
    window.set_folder(str(tmp_path / "scans"))
    start_and_wait(qtbot, window)
    assert window.dialogs.errors, "the operator must be told"
    title, text = window.dialogs.errors[-1]
    assert "Tesseract" in text
    assert window.start_action.isEnabled() and window.form.folder.isEnabled()


def test_output_folder_not_writable_is_reported(qtbot, make_window, tmp_path, stand_in):
    stand_in()
    from tests.gui.conftest import tiny_pngs

    tiny_pngs(tmp_path / "scans", 1)
    window = make_window()
    window.set_folder(str(tmp_path / "scans"))
    start_and_wait(qtbot, window)
    blocker_file = tmp_path / "a file"
    blocker_file.write_text("x")
    with qtbot.waitSignal(window.export_finished, timeout=30_000) as blocker:
        window.export(blocker_file / "out")
    assert not hasattr(blocker.args[0], "files")  # ExportFailed
    assert window.dialogs.errors and "cannot be written" in window.dialogs.errors[-1][0]
    assert window.export_action.isEnabled()  # the operator can try another folder
    assert window.opened == []


def test_start_with_a_folder_that_is_gone(qtbot, make_window, tmp_path):
    window = make_window()
    window.set_folder(str(tmp_path / "not there"))
    assert not window.start()
    assert "not a folder" in window.dialogs.errors[-1][1]
    assert not window.controller.running


def test_pages_without_a_ticket_are_listed_under_problems(qtbot, make_window, tmp_path):
    """A blank sheet and a cover letter give no row in the workbook: the operator must still
    see which pages they were, and that there is nothing to retry."""
    folder = tmp_path / "scans"
    folder.mkdir()
    ticketgen.render_blank().save(folder / "blank.png")
    ticketgen.render_cover_letter().save(folder / "letter.png")
    for name in ("blank.png", "letter.png"):
        age(folder / name)
    window = make_window()
    window.set_folder(str(folder))
    outcome = start_and_wait(qtbot, window)

    assert outcome.summary.status == "completed" and outcome.summary.tickets == 0
    rows = {r.rel_path: r for r in window.errors.model.rows()}
    assert set(rows) == {"blank.png", "letter.png"}
    assert rows["blank.png"].problem.startswith("Blank page") and rows["blank.png"].page == 1
    assert rows["letter.png"].problem.startswith("No ticket found")
    assert "type it in" in rows["letter.png"].advice
    assert window.tabs.tabText(1) == "Problems (2)"
    assert not window.errors.retry_button.isEnabled()  # nothing failed: nothing to read again
    assert "2 pages gave no ticket (listed in Problems)" in window.progress_text.text()

    later = make_window()  # the same run shown again, from the store
    later.load_run(outcome.summary.run_id)
    assert {r.rel_path for r in later.errors.model.rows()} == {"blank.png", "letter.png"}


def test_a_finished_run_with_a_failed_page_fills_the_bar_and_counts_it(
    qtbot, make_window, tmp_path, stand_in
):
    fake = stand_in()
    folder = tmp_path / "scans"
    from tests.gui.conftest import tiny_pngs

    names = tiny_pngs(folder, 3)
    fake.failing = {names[1]}
    window = make_window()
    window.set_folder(str(folder))
    outcome = start_and_wait(qtbot, window)
    assert outcome.summary.status == "partial"
    # Left at "2 / 3 pages" the bar looked stuck; the run is over and says what it missed.
    assert window.progress.value() == window.progress.maximum() == 3
    assert window.progress.text() == "3 / 3 pages, 1 not read"
