"""Pause, cancel, resume, retry, process-next and closing during a run, with a stand-in page task.

The page task is replaced (OCR is covered by test_window_run and tests/e2e) so that a run can be
slowed down and steered; discovery, the runner, the store and the executor are the real ones.
"""

from __future__ import annotations

import shutil

from PIL import Image

from engine.events import RunFinished
from gui.resume_dialog import ResumeChoice, ResumeDialog
from tests.conftest import age
from tests.gui.conftest import start_and_wait, tiny_pngs


def done_count(window) -> int:
    return sum(r.status == "done" for r in window.table_model.rows())


def test_pause_cancel_and_resume(qtbot, make_window, tmp_path, stand_in):
    fake = stand_in(delay_s=0.05)
    folder = tmp_path / "scans"
    tiny_pngs(folder, 30)
    window = make_window()
    window.set_folder(str(folder))
    window.form.workers.setValue(2)
    assert window.start()
    assert not window.start_action.isEnabled() and not window.table.isSortingEnabled()
    qtbot.waitUntil(lambda: done_count(window) >= 2, timeout=30_000)

    window.toggle_pause()
    assert window.pause_action.text() == "Res&ume"
    qtbot.waitUntil(lambda: window.progress_text.text().startswith("Paused"), timeout=10_000)
    calls_paused = len(fake.calls)
    qtbot.wait(400)
    assert len(fake.calls) == calls_paused  # nothing new starts while paused

    window.toggle_pause()
    qtbot.waitUntil(lambda: len(fake.calls) > calls_paused, timeout=10_000)
    with qtbot.waitSignal(window.run_finished, timeout=30_000) as blocker:
        window.cancel()
    first = blocker.args[0]
    assert isinstance(first, RunFinished) and first.summary.status == "cancelled"
    read_before = set(fake.calls)
    assert 0 < len(read_before) < 30
    assert window.start_action.isEnabled()

    second = start_and_wait(qtbot, window)  # Start on the same folder resumes it
    assert second.summary.run_id == first.summary.run_id
    assert second.summary.status == "completed" and second.summary.tickets == 30
    assert sorted(fake.calls) == sorted(set(fake.calls))  # no page was read twice
    assert done_count(window) == 30


def test_error_panel_fills_for_bad_files_and_retry_requeues(qtbot, make_window, tmp_path, stand_in):
    stand_in()
    folder = tmp_path / "scans"
    tiny_pngs(folder, 2)
    (folder / "empty.png").write_bytes(b"")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4 this is not really a pdf")
    for name in ("empty.png", "broken.pdf"):
        age(folder / name)
    window = make_window()
    window.set_folder(str(folder))
    outcome = start_and_wait(qtbot, window)
    assert outcome.summary.files_failed == 2

    rows = {r.rel_path: r for r in window.errors.model.rows()}
    assert set(rows) == {"empty.png", "broken.pdf"}
    assert rows["empty.png"].kind == "empty" and "Scan the ticket again" in rows["empty.png"].advice
    assert rows["broken.pdf"].kind == "corrupt"
    assert window.tabs.tabText(1) == "Problems (2)"
    assert window.errors.retry_button.isEnabled()

    index = window.errors.model.index(0, 0)
    window.errors.view.doubleClicked.emit(index)
    assert window.opened == [str(folder / window.errors.model.rows()[0].rel_path)]

    # The operator rescans one file, then retries the failed ones.
    Image.new("RGB", (60, 40), "white").save(folder / "empty.png")
    age(folder / "empty.png")
    with qtbot.waitSignal(window.run_finished, timeout=30_000) as blocker:
        window.errors.retry_button.click()
    again = blocker.args[0]
    assert again.summary.run_id == outcome.summary.run_id
    assert [r.rel_path for r in window.errors.model.rows()] == ["broken.pdf"]
    statuses = {r.rel_path: r.status for r in window.table_model.rows()}
    assert statuses["empty.png"] == "done" and statuses["broken.pdf"] == "failed"


def test_process_next_reads_a_queued_file_first(qtbot, make_window, tmp_path, stand_in):
    fake = stand_in(delay_s=0.05)
    folder = tmp_path / "scans"
    names = tiny_pngs(folder, 25)
    window = make_window()
    window.set_folder(str(folder))
    window.form.workers.setValue(1)
    assert window.start()
    qtbot.waitUntil(lambda: done_count(window) >= 1, timeout=30_000)
    last = window.table_model.rows()[-1]
    assert last.rel_path == names[-1] and last.status == "queued"
    window.process_next(last.file_id)
    assert window.table_model.row_of(last.file_id).status == "next"
    with qtbot.waitSignal(window.run_finished, timeout=60_000):
        pass
    assert fake.calls.index(names[-1]) <= 4  # ahead of the 20-odd files queued before it


def test_closing_during_a_run_asks_then_stops_and_the_run_stays_resumable(
    qtbot, make_window, tmp_path, stand_in
):
    stand_in(delay_s=0.05)
    folder = tmp_path / "scans"
    tiny_pngs(folder, 30)
    window = make_window()
    window.set_folder(str(folder))
    assert window.start()
    qtbot.waitUntil(lambda: done_count(window) >= 1, timeout=30_000)

    window.dialogs.confirm_answer = False
    window.close()
    assert window.isVisible() and window.controller.running  # "keep running"

    window.dialogs.confirm_answer = True
    with qtbot.waitSignal(window.run_finished, timeout=30_000):
        window.close()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=5_000)
    assert not window.controller.running
    assert window.dialogs.errors == []  # a requested stop is not an error
    unfinished = window.store.unfinished_runs()
    assert [r.input_dir for r in unfinished] == [str(folder.resolve())]


def test_resume_prompt_appears_after_a_run_was_killed(qtbot, make_window, tmp_path, stand_in):
    fake = stand_in()
    folder = tmp_path / "scans"
    tiny_pngs(folder, 4)
    window = make_window()
    window.set_folder(str(folder))
    window.dialogs.confirm_answer = True
    # A run killed mid-way leaves its ledger entry 'running': simulate exactly that.
    from engine.models import Settings

    run_id = window.store.create_run(str(folder.resolve()), Settings(), "cpu", "5", "test")
    window.close()

    later = make_window()
    later.resume_answer = ResumeChoice.RESUME
    with qtbot.waitSignal(later.run_finished, timeout=30_000) as blocker:
        later.after_show()
    assert [r.run_id for r in later.asked] == [run_id]
    assert later.asked[0].input_dir == str(folder.resolve())
    assert blocker.args[0].summary.run_id == run_id
    assert blocker.args[0].summary.status == "completed" and len(fake.calls) == 4
    assert later.store.unfinished_runs() == []

    # The real dialog says which folder and how far it got, and records the choice.
    dialog = ResumeDialog(later.store.run(run_id))
    qtbot.addWidget(dialog)
    assert str(folder.resolve()) in dialog.text.text()
    dialog.discard_button.click()
    assert dialog.choice == ResumeChoice.DISCARD


def test_discarding_the_offer_is_not_asked_again(qtbot, make_window, tmp_path):
    window = make_window()
    from engine.models import Settings

    window.store.create_run(str(tmp_path), Settings(), "cpu", "5", "test")
    window.resume_answer = ResumeChoice.DISCARD
    window.after_show()
    assert len(window.asked) == 1 and not window.controller.running
    window.after_show()
    assert len(window.asked) == 1


def test_folder_vanishing_mid_run_gets_a_clear_message(qtbot, make_window, tmp_path, stand_in):
    fake = stand_in(delay_s=0.05)
    folder = tmp_path / "usb stick"
    tiny_pngs(folder, 30)
    window = make_window()
    window.set_folder(str(folder))
    window.form.retries.setValue(0)
    window.form.workers.setValue(1)
    assert window.start()
    qtbot.waitUntil(lambda: len(fake.calls) >= 2, timeout=30_000)
    with qtbot.waitSignal(window.run_finished, timeout=60_000):
        shutil.rmtree(folder)
    titles = [t for t, _ in window.dialogs.errors]
    assert "The folder is gone" in titles
    assert window.errors.model.rowCount() > 0
    assert window.start_action.isEnabled()


def test_file_removed_mid_run_is_reported_on_its_row(qtbot, make_window, tmp_path, stand_in):
    fake = stand_in(delay_s=0.05)
    folder = tmp_path / "scans"
    names = tiny_pngs(folder, 12)
    window = make_window()
    window.set_folder(str(folder))
    window.form.retries.setValue(0)
    window.form.workers.setValue(1)
    assert window.start()
    qtbot.waitUntil(lambda: len(fake.calls) >= 1, timeout=30_000)
    with qtbot.waitSignal(window.run_finished, timeout=60_000) as blocker:
        (folder / names[-1]).unlink()
    assert blocker.args[0].summary.files_failed == 1
    (row,) = window.errors.model.rows()
    assert row.rel_path == names[-1] and row.kind == "io_error"
    assert "removed" in row.message or "no longer there" in row.message


def test_a_folder_another_haulbook_is_reading_is_not_read_twice(
    qtbot, make_window, tmp_path, data_dir, stand_in
):
    from engine.folder_lock import FolderLock

    fake = stand_in()
    folder = tmp_path / "scans"
    tiny_pngs(folder, 2)
    other = FolderLock(data_dir / "locks", str(folder.resolve()))  # the command line, say
    other.acquire()
    try:
        window = make_window()
        window.set_folder(str(folder))
        start_and_wait(qtbot, window)
        assert fake.calls == []
        ((title, text),) = window.dialogs.errors
        assert "being read by another Haulbook" in text
        assert window.start_action.isEnabled()
    finally:
        other.release()
    start_and_wait(qtbot, window)  # free again: read as usual
    assert sorted(fake.calls) == ["t000.png", "t001.png"]
