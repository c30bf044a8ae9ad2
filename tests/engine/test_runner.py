"""The runner's scheduling on a real store and a real QThreadPool, with a stand-in page task.

OCR itself is exercised end to end in tests/e2e; here the page task is replaced so that retries,
backoff, cancel, the memory governor and priorities can be driven precisely and quickly.
"""

from __future__ import annotations

import os
import random
import shutil
import threading
from pathlib import Path

import pytest
from PIL import Image

from engine import runner as runner_mod
from engine.device import cpu_device
from engine.events import FileDone, FileFailed, PageDone, Progress, RunFinished
from engine.executor import QtExecutor
from engine.models import ErrorKind, PageError, PageResult, Settings, Ticket
from engine.ocr import Tesseract
from engine.pagetask import PageContext, PageJob
from engine.store import Store
from tests.conftest import age


class Recorder:
    def __init__(self) -> None:
        self.events: list[object] = []
        self.lock = threading.Lock()

    def __call__(self, event: object) -> None:
        with self.lock:
            self.events.append(event)

    def of(self, kind: type) -> list:
        return [e for e in self.events if isinstance(e, kind)]


def folder_of_pngs(root: Path, n: int) -> list[str]:
    root.mkdir(parents=True, exist_ok=True)
    names = []
    for i in range(n):
        name = f"t{i:03d}.png"
        Image.new("RGB", (40, 30), (255, 255, 255)).save(root / name)
        age(root / name)
        names.append(name)
    return names


def context() -> PageContext:
    from engine.imaging import Preprocessor

    device = cpu_device("test")
    return PageContext(Tesseract("tesseract", "5"), device, Preprocessor(device), [])


def fake_result(job: PageJob, number: str | None = None) -> PageResult:
    ticket = Ticket(job.rel_path, job.page_index + 1, ticket_number=number or job.rel_path[1:4])
    ticket.needs_review = False
    return PageResult(job.file_id, job.page_index, "ocr", [ticket], ocr_used=True)


def make_runner(tmp_path: Path, settings: Settings, sink: Recorder) -> runner_mod.Runner:
    store = Store(tmp_path / "data")
    return runner_mod.Runner(
        store, settings, context(), QtExecutor(settings.workers), sink, rng=random.Random(1)
    )


def test_transient_errors_are_retried_then_reported(tmp_path, monkeypatch):
    folder_of_pngs(tmp_path / "in", 2)
    calls: dict[str, int] = {}

    def flaky(job: PageJob, ctx: PageContext) -> PageResult:
        calls[job.rel_path] = calls.get(job.rel_path, 0) + 1
        if job.rel_path == "t000.png" and calls[job.rel_path] == 1:
            raise PageError(ErrorKind.OCR_FAILED, "crashed")
        if job.rel_path == "t001.png":
            raise PageError(ErrorKind.TIMEOUT, "too slow")
        return fake_result(job)

    monkeypatch.setattr(runner_mod, "process_page", flaky)
    monkeypatch.setattr(runner_mod, "BACKOFF_BASE_S", 0.01)
    sink = Recorder()
    r = make_runner(tmp_path, Settings(workers=2, retries=2, settle_s=0), sink)
    finished = r.run(tmp_path / "in")
    assert calls == {"t000.png": 2, "t001.png": 3}
    failed = sink.of(FileFailed)
    assert [(f.rel_path, f.kind, f.attempts) for f in failed] == [("t001.png", "timeout", 3)]
    assert finished.exit_code == 1 and finished.summary.status == "partial"
    assert finished.summary.tickets == 1


def test_permanent_errors_are_not_retried(tmp_path, monkeypatch):
    folder_of_pngs(tmp_path / "in", 1)
    calls = []

    def corrupt(job: PageJob, ctx: PageContext) -> PageResult:
        calls.append(job)
        raise PageError(ErrorKind.CORRUPT, "damaged")

    monkeypatch.setattr(runner_mod, "process_page", corrupt)
    r = make_runner(tmp_path, Settings(workers=1, retries=3, settle_s=0), Recorder())
    assert r.run(tmp_path / "in").summary.files_failed == 1
    assert len(calls) == 1


def test_a_fault_of_the_program_fails_the_page_with_a_plain_message(tmp_path, monkeypatch):
    folder_of_pngs(tmp_path / "in", 2)

    def buggy(job: PageJob, ctx: PageContext) -> PageResult:
        if job.rel_path == "t000.png":
            raise ZeroDivisionError("integer division or modulo by zero")
        return fake_result(job)

    monkeypatch.setattr(runner_mod, "process_page", buggy)
    monkeypatch.setattr(runner_mod, "BACKOFF_BASE_S", 0.01)
    sink = Recorder()
    finished = make_runner(tmp_path, Settings(workers=1, retries=1, settle_s=0), sink).run(
        tmp_path / "in"
    )
    (failed,) = sink.of(FileFailed)
    assert failed.rel_path == "t000.png" and failed.kind == "ocr_failed"
    assert failed.message.startswith("Haulbook itself failed on this page (ZeroDivisionError")
    assert "log" in failed.message
    assert finished.summary.tickets == 1  # the other file is read all the same


@pytest.mark.skipif(os.name == "nt", reason="Windows names are always text")
def test_a_file_name_that_is_not_text_is_reported_and_the_run_goes_on(tmp_path, monkeypatch):
    """A share from an old system can hold names in another encoding: the store keeps names
    as text, and such a name once stopped the whole run."""
    names = folder_of_pngs(tmp_path / "in", 1)
    odd = os.fsdecode(b"caf\xe9.png")
    shutil.copy(tmp_path / "in" / names[0], tmp_path / "in" / odd)
    monkeypatch.setattr(runner_mod, "process_page", lambda job, ctx: fake_result(job))
    sink = Recorder()
    finished = make_runner(tmp_path, Settings(workers=1, settle_s=0), sink).run(tmp_path / "in")
    (failed,) = sink.of(FileFailed)
    assert failed.rel_path == "caf?.png" and failed.kind == "io_error"
    assert "rename the file" in failed.message
    assert finished.summary.tickets == 1 and finished.summary.status == "partial"


def test_backoff_grows_exponentially_with_jitter():
    rng = random.Random(3)
    delays = [runner_mod.backoff_delay(a, rng) for a in range(1, 6)]
    for attempt, delay in enumerate(delays, start=1):
        base = runner_mod.BACKOFF_BASE_S * 2 ** (attempt - 1)
        assert 0.5 * base <= delay <= 1.5 * base
    assert runner_mod.backoff_delay(30, rng) <= runner_mod.BACKOFF_MAX_S * 1.5


def test_cancel_stops_dispatching_and_the_run_resumes_where_it_stopped(tmp_path, monkeypatch):
    folder_of_pngs(tmp_path / "in", 12)
    done_jobs: list[str] = []
    holder: dict[str, runner_mod.Runner] = {}

    def slow(job: PageJob, ctx: PageContext) -> PageResult:
        done_jobs.append(job.rel_path)
        if len(done_jobs) == 3:
            holder["r"].cancel()
        return fake_result(job)

    monkeypatch.setattr(runner_mod, "process_page", slow)
    first = make_runner(tmp_path, Settings(workers=1, settle_s=0), Recorder())
    holder["r"] = first
    finished = first.run(tmp_path / "in")
    assert finished.exit_code == 130 and finished.summary.status == "cancelled"
    assert 3 <= len(done_jobs) < 12
    already = list(done_jobs)
    sink = Recorder()
    second = make_runner(tmp_path, Settings(workers=2, settle_s=0), sink)
    again = second.run(tmp_path / "in")
    assert again.summary.run_id == finished.summary.run_id  # the same run, resumed
    assert again.summary.status == "completed" and again.summary.tickets == 12
    redone = done_jobs[len(already) :]
    assert not set(redone) & set(already), "a committed page was processed twice"


def test_memory_governor_holds_back_but_never_stalls(tmp_path, monkeypatch):
    folder_of_pngs(tmp_path / "in", 6)
    active = {"now": 0, "max": 0}
    lock = threading.Lock()

    def page(job: PageJob, ctx: PageContext) -> PageResult:
        with lock:
            active["now"] += 1
            active["max"] = max(active["max"], active["now"])
        threading.Event().wait(0.05)
        with lock:
            active["now"] -= 1
        return fake_result(job)

    class Short:
        available = 10 * 2**20

    monkeypatch.setattr(runner_mod, "process_page", page)
    monkeypatch.setattr(runner_mod.psutil, "virtual_memory", lambda: Short())
    sink = Recorder()
    r = make_runner(tmp_path, Settings(workers=4, settle_s=0), sink)
    finished = r.run(tmp_path / "in")
    assert finished.summary.tickets == 6
    assert active["max"] == 1, "with memory short, one page at a time"
    assert any(p.held_back for p in sink.of(Progress))


def test_prioritized_file_is_opened_next(tmp_path, monkeypatch):
    names = folder_of_pngs(tmp_path / "in", 8)
    order: list[str] = []
    holder: dict[str, runner_mod.Runner] = {}
    gate = threading.Event()

    def page(job: PageJob, ctx: PageContext) -> PageResult:
        order.append(job.rel_path)
        if len(order) == 1:
            fid = holder["ids"][names[-1]]
            holder["r"].prioritize(fid)
            gate.set()
        return fake_result(job)

    monkeypatch.setattr(runner_mod, "process_page", page)
    sink = Recorder()
    r = make_runner(tmp_path, Settings(workers=1, settle_s=0), sink)
    holder["r"] = r
    store = r.store
    original = store.register_file

    def register(run_id, task):  # type: ignore[no-untyped-def]
        fid = original(run_id, task)
        holder.setdefault("ids", {})[task.rel_path] = fid
        return fid

    monkeypatch.setattr(store, "register_file", register)
    r.run(tmp_path / "in")
    assert gate.is_set()
    assert order.index(names[-1]) <= 2


def test_file_still_being_written_is_waited_for(tmp_path, monkeypatch):
    root = tmp_path / "in"
    folder_of_pngs(root, 1)
    fresh = root / "t000.png"
    fresh.touch()  # modified just now: still being written by the scanner

    monkeypatch.setattr(runner_mod, "process_page", lambda job, ctx: fake_result(job))
    sink = Recorder()
    r = make_runner(tmp_path, Settings(workers=1, settle_s=0.6), sink)
    finished = r.run(root)
    assert finished.summary.files_done == 1 and not sink.of(FileFailed)
    assert [e.status for e in sink.of(FileDone)] == ["done"]
    assert len(sink.of(PageDone)) == 1
    assert isinstance(finished, RunFinished)


@pytest.mark.parametrize("kind", [ErrorKind.IO_ERROR, ErrorKind.TIMEOUT, ErrorKind.OCR_FAILED])
def test_transient_kinds(kind):
    assert kind.transient


def test_permanent_kinds():
    for kind in (ErrorKind.EMPTY, ErrorKind.CORRUPT, ErrorKind.ENCRYPTED, ErrorKind.TOO_LARGE):
        assert not kind.transient


def test_the_runs_headline_counts_in_words_a_person_reads():
    from engine.models import RunSummary

    one = RunSummary(1, "completed", "/in", files_done=1, tickets=1, needs_review=1)
    assert one.headline() == "1 file read, 0 unchanged, 0 failed; 1 ticket, 1 needs review"
    many = RunSummary(2, "partial", "/in", files_done=3, files_failed=1, tickets=5,
                      needs_review=2, pages_without_ticket=2)  # fmt: skip
    assert many.headline() == (
        "3 files read, 0 unchanged, 1 failed; 5 tickets, 2 need review; "
        "2 pages gave no ticket (listed in the report)"
    )


class CountingExecutor(QtExecutor):
    """The real pool, counting what is given to it."""

    def __init__(self, workers: int) -> None:
        super().__init__(workers)
        self.submitted = 0

    def submit(self, fn, done):  # type: ignore[no-untyped-def]
        self.submitted += 1
        super().submit(fn, done)


def distinct_pngs(root: Path, names: list[str]) -> None:
    root.mkdir(parents=True, exist_ok=True)
    rng = random.Random(len(names))
    for name in names:
        Image.frombytes("L", (16, 16), rng.randbytes(256)).save(root / name)
        age(root / name)


def test_an_unchanged_rerun_opens_no_file_and_reads_only_what_is_new_or_changed(
    tmp_path, monkeypatch
):
    """A folder read every day: yesterday's files are carried over without being opened."""
    root = tmp_path / "in"
    distinct_pngs(root, [f"t{i:03d}.png" for i in range(6)])
    read: list[str] = []

    def page(job: PageJob, ctx: PageContext) -> PageResult:
        read.append(job.rel_path)
        return fake_result(job)

    monkeypatch.setattr(runner_mod, "process_page", page)
    store = Store(tmp_path / "data")
    settings = Settings(workers=2, settle_s=0)
    first = runner_mod.Runner(store, settings, context(), QtExecutor(2), Recorder())
    assert first.run(root).summary.tickets == 6

    executor = CountingExecutor(2)
    sink = Recorder()
    again = runner_mod.Runner(store, settings, context(), executor, sink).run(root)
    assert executor.submitted == 0, "an unchanged file was opened on a worker"
    assert again.summary.tickets == 6 and again.summary.files_skipped == 6
    assert sorted(e.status for e in sink.of(FileDone)) == ["skipped"] * 6
    assert len(read) == 6

    Image.new("L", (20, 20), 128).save(root / "t002.png")  # rescanned
    age(root / "t002.png", 30)
    distinct_pngs(root / "new", ["t100.png"])
    read.clear()
    third = runner_mod.Runner(store, settings, context(), CountingExecutor(2), Recorder())
    summary = third.run(root).summary
    assert sorted(read) == ["new/t100.png", "t002.png"]
    assert summary.tickets == 7 and summary.files_skipped == 5


def test_a_fresh_run_resumed_without_fresh_goes_on_with_its_half_read_file(tmp_path, monkeypatch):
    """The pages a run already read are not joined by a copy of an earlier run's tickets."""
    root = tmp_path / "in"
    root.mkdir()
    frames = [Image.new("L", (40, 30), 255 - i) for i in range(3)]
    frames[0].save(root / "stack.tif", save_all=True, append_images=frames[1:])
    age(root / "stack.tif")
    holder: dict[str, runner_mod.Runner] = {}
    seen: list[int] = []

    def page(job: PageJob, ctx: PageContext) -> PageResult:
        seen.append(job.page_index)
        if "r" in holder and len(seen) == 1:
            holder["r"].cancel()
        return fake_result(job, number=f"50{job.page_index}")

    monkeypatch.setattr(runner_mod, "process_page", page)
    store = Store(tmp_path / "data")
    base = Settings(workers=1, settle_s=0)
    runner_mod.Runner(store, base, context(), QtExecutor(1), Recorder()).run(root)
    seen.clear()
    fresh = Settings(workers=1, settle_s=0, fresh=True)
    holder["r"] = runner_mod.Runner(store, fresh, context(), QtExecutor(1), Recorder())
    cancelled = holder["r"].run(root)
    assert cancelled.summary.status == "cancelled" and seen == [0]
    del holder["r"]
    resumed = runner_mod.Runner(store, base, context(), QtExecutor(1), Recorder()).run(root)
    assert resumed.summary.run_id == cancelled.summary.run_id
    numbers = sorted(t.ticket_number for t in store.tickets(resumed.summary.run_id))
    assert numbers == ["500", "501", "502"]
    assert seen == [0, 1, 2]


def test_a_carried_over_ticket_keeps_the_turn_its_page_was_read_with(tmp_path, monkeypatch):
    """The review view shows a re-run's upside-down scan upright, as it showed the first run's."""
    root = tmp_path / "in"
    distinct_pngs(root, ["upside.png"])

    def page(job: PageJob, ctx: PageContext) -> PageResult:
        result = fake_result(job)
        result.rotation = 180
        return result

    monkeypatch.setattr(runner_mod, "process_page", page)
    store = Store(tmp_path / "data")
    settings = Settings(workers=1, settle_s=0)
    for _ in range(3):
        run = runner_mod.Runner(store, settings, context(), QtExecutor(1), Recorder()).run(root)
    (ticket,) = store.tickets(run.summary.run_id)
    assert ticket.ticket_id is not None
    path, index, turn, flipped = store.page_location(ticket.ticket_id) or ("", -1, -1, True)
    assert (Path(path).name, index, turn, flipped) == ("upside.png", 0, 180, False)


def test_a_rerun_finds_earlier_files_through_indexes_not_by_reading_every_run(
    tmp_path, monkeypatch
):
    """Every run is kept, so a lookup that scans the files or tickets of all of them makes a
    folder read daily slower each day (2,000 files: 1.8 s after one run, 24 s after sixty)."""
    root = tmp_path / "in"
    distinct_pngs(root, [f"t{i:03d}.png" for i in range(4)])
    (root / "gone.png").write_bytes(b"not a picture")  # a failed file's lookups too
    age(root / "gone.png")
    monkeypatch.setattr(runner_mod, "process_page", lambda job, ctx: fake_result(job))
    store = Store(tmp_path / "data")
    settings = Settings(workers=1, settle_s=0)
    for _ in range(2):
        runner_mod.Runner(store, settings, context(), QtExecutor(1), Recorder()).run(root)
    distinct_pngs(root / "new", ["t100.png"])
    statements: list[str] = []
    store.conn.set_trace_callback(statements.append)
    finished = runner_mod.Runner(store, settings, context(), QtExecutor(1), Recorder()).run(root)
    store.export_data(finished.summary.run_id)
    store.conn.set_trace_callback(None)
    assert finished.summary.tickets == 5

    scans = set()
    for sql in statements:
        if sql.split()[0].upper() not in ("SELECT", "INSERT", "UPDATE", "DELETE", "WITH"):
            continue
        for row in store.conn.execute("EXPLAIN QUERY PLAN " + sql):
            detail = str(row[3])
            # 'SCAN c' is the walk of a carried file's own chain (a CTE), not a table.
            if detail.startswith("SCAN") and detail != "SCAN c":
                scans.add(f"{detail}: {sql[:80]}")
    assert not scans


def test_a_tesseract_failing_on_every_page_stops_the_run_with_one_message(tmp_path, monkeypatch):
    """Not a failure listed for each of 12 pages after its retries: Tesseract is broken here."""
    root = tmp_path / "in"
    distinct_pngs(root, [f"t{i:03d}.png" for i in range(12)])
    tried: list[str] = []

    def broken(job: PageJob, ctx: PageContext) -> PageResult:
        tried.append(job.rel_path)
        raise PageError(ErrorKind.OCR_FAILED, "Tesseract stopped with an error (-11).")

    monkeypatch.setattr(runner_mod, "process_page", broken)
    monkeypatch.setattr(runner_mod, "backoff_delay", lambda attempt, rng: 0.0)
    store = Store(tmp_path / "data")
    settings = Settings(workers=1, settle_s=0, retries=1)
    finished = runner_mod.Runner(store, settings, context(), QtExecutor(1), Recorder()).run(root)
    assert finished.fatal is not None and "not working on this computer" in finished.fatal
    assert "--self-test" in finished.fatal and "(-11)" in finished.fatal
    assert finished.summary.status == "failed"  # resumable
    assert len(set(tried)) == runner_mod.BROKEN_TESSERACT_PAGES

    monkeypatch.setattr(runner_mod, "process_page", lambda job, ctx: fake_result(job))
    again = runner_mod.Runner(store, settings, context(), QtExecutor(1), Recorder()).run(root)
    assert again.summary.run_id == finished.summary.run_id
    assert again.summary.status == "completed" and again.summary.tickets == 12


def test_pages_tesseract_fails_on_among_pages_it_reads_are_listed_and_the_run_goes_on(
    tmp_path, monkeypatch
):
    root = tmp_path / "in"
    distinct_pngs(root, [f"t{i:03d}.png" for i in range(8)])

    def some(job: PageJob, ctx: PageContext) -> PageResult:
        if job.rel_path != "t000.png":
            raise PageError(ErrorKind.OCR_FAILED, "Tesseract stopped with an error (1).")
        return fake_result(job)

    monkeypatch.setattr(runner_mod, "process_page", some)
    monkeypatch.setattr(runner_mod, "backoff_delay", lambda attempt, rng: 0.0)
    settings = Settings(workers=1, settle_s=0, retries=0)
    r = make_runner(tmp_path, settings, Recorder())
    finished = r.run(root)
    assert finished.fatal is None and finished.summary.files_failed == 7
