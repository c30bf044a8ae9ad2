"""One run: schedule page tasks, retry with backoff, classify errors, pause/cancel, resume.

The runner's own thread is the only one that touches the store; workers only compute. Results
come back through a queue, each page is committed as it arrives, and a retry waits in a heap
instead of in a sleeping worker.
"""

from __future__ import annotations

import heapq
import itertools
import logging
import queue
import random
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import psutil

from . import __version__, discover, documents
from .events import (
    FileDone,
    FileFailed,
    FileQueued,
    FileStarted,
    PageDone,
    Progress,
    RunFinished,
    RunStarted,
    Sink,
)
from .folder_lock import FolderLock
from .models import (
    ERROR_ADVICE,
    ErrorKind,
    FatalError,
    FileError,
    FileStatus,
    FileTask,
    PageError,
    RunStatus,
    Settings,
    TesseractMissing,
)
from .pagetask import PageContext, PageJob, process_page
from .store import FileRecord, Store

log = logging.getLogger(__name__)

SETTLE_LIMIT_S = 120.0  # a file still growing after this long is reported, not waited for
# This many pages failed by Tesseract, after their retries, with no page of the run read by it:
# Tesseract itself is broken here (a blocked or damaged install), not the pages. The run stops
# with one message instead of a failure for every page of the folder.
BROKEN_TESSERACT_PAGES = 5
BACKOFF_BASE_S = 0.5
BACKOFF_MAX_S = 30.0


class Executor(Protocol):
    def submit(
        self, fn: Callable[[], Any], done: Callable[[Any, BaseException | None], None]
    ) -> None: ...
    def active(self) -> int: ...
    def shutdown(self, wait_ms: int = -1) -> bool: ...


class StillBeingWritten(PageError):
    """The file changed moments ago: wait for it without spending an attempt."""

    def __init__(self) -> None:
        super().__init__(ErrorKind.IO_ERROR, "The file is still being written.")


@dataclass
class _Work:
    kind: str  # "open" | "page"
    file_id: int
    page_index: int = -1
    attempt: int = 1
    waited_s: float = 0.0


@dataclass
class _FileState:
    task: FileTask
    file_id: int
    known_sha: str | None = None
    stored_sha: str | None = None
    pages: int = 0
    pending: set[int] = field(default_factory=set)
    pages_done: int = 0
    tickets: int = 0
    needs_review: int = 0
    attempts: int = 0
    failed: bool = False
    started_at: float | None = None
    elapsed_s: float = 0.0
    finished: bool = False


@dataclass
class _Opened:
    sha256: str
    pages: int
    size: int
    mtime: float


def backoff_delay(attempt: int, rng: random.Random) -> float:
    """Exponential backoff with jitter, so retries of many pages do not arrive in lockstep."""
    base = min(BACKOFF_MAX_S, BACKOFF_BASE_S * (2 ** (attempt - 1)))
    return base * rng.uniform(0.5, 1.5)


class Runner:
    def __init__(
        self,
        store: Store,
        settings: Settings,
        context: PageContext,
        executor: Executor,
        sink: Sink,
        clock: Callable[[], float] = time.monotonic,
        rng: random.Random | None = None,
    ) -> None:
        self.store = store
        self.settings = settings
        self.context = context
        self.executor = executor
        self.sink = sink
        self.clock = clock
        self.rng = rng or random.Random()
        self.results: queue.Queue[tuple[_Work, Any, BaseException | None]] = queue.Queue()
        self._cancel = threading.Event()
        self._pause = threading.Event()
        self._priority: queue.Queue[int] = queue.Queue()
        self.run_id: int | None = None
        self._ocr_read = 0  # pages of this session Tesseract read
        self._ocr_failed: list[str] = []  # its final failures while it had read none

    # --- control, callable from any thread -------------------------------------------------------

    def cancel(self) -> None:
        self._cancel.set()

    def pause(self) -> None:
        self._pause.set()

    def resume(self) -> None:
        self._pause.clear()

    @property
    def paused(self) -> bool:
        return self._pause.is_set()

    def prioritize(self, file_id: int) -> None:
        """Process this queued file next."""
        self._priority.put(file_id)

    # --- the run ----------------------------------------------------------------------------------

    def run(self, input_dir: Path, run_id: int | None = None) -> RunFinished:
        """Process a folder; resumes `run_id`, or the folder's unfinished run unless fresh.
        Raises FolderBusy when another Haulbook is reading the folder."""
        input_dir = input_dir.resolve()
        lock = FolderLock(self.store.data_dir / "locks", str(input_dir))
        lock.acquire()
        try:
            return self._run(input_dir, run_id)
        finally:
            lock.release()

    def _run(self, input_dir: Path, run_id: int | None) -> RunFinished:
        started = self.clock()
        folder = str(input_dir)
        device = self.context.device_label
        resumed = False
        if run_id is None and not self.settings.fresh:
            earlier = self.store.resumable_run(folder)
            if earlier:
                run_id = earlier.run_id
        if run_id is not None:
            resumed = True
            self.store.update_run_settings(run_id, self.settings, device)
        else:
            run_id = self.store.create_run(
                folder, self.settings, device, self.context.tesseract.version, __version__
            )
        self.run_id = run_id
        previous_s = self.store.summary(run_id).duration_s if resumed else 0.0

        found = discover.discover(input_dir)
        states = self._register(run_id, folder, found)
        self.sink(
            RunStarted(run_id, folder, len(states), resumed, device, self.context.tesseract.version)
        )
        fatal: FatalError | None = None
        try:
            self._schedule(run_id, folder, states)
        except FatalError as exc:
            fatal = exc
        except KeyboardInterrupt:
            self._cancel.set()
            self._drain_in_flight(run_id, folder, states)
        duration = previous_s + (self.clock() - started)
        status = self._final_status(states, fatal)
        self.store.set_run_status(
            run_id, status, duration_s=duration, finished=status not in _RESUMABLE
        )
        summary = self.store.summary(run_id)
        if fatal:
            return RunFinished(summary, fatal.message, fatal.exit_code)
        code = 130 if status == RunStatus.CANCELLED else (1 if summary.files_failed else 0)
        return RunFinished(summary, None, code)

    def _final_status(self, states: dict[int, _FileState], fatal: FatalError | None) -> RunStatus:
        if fatal:
            return RunStatus.FAILED
        if self._cancel.is_set() and any(not s.finished for s in states.values()):
            return RunStatus.CANCELLED
        failed = sum(s.failed for s in states.values())
        # Failed only when nothing was read: a 40-page PDF with one damaged page is partial.
        if failed and failed == len(states) and not any(s.pages_done for s in states.values()):
            return RunStatus.FAILED
        return RunStatus.PARTIAL if failed else RunStatus.COMPLETED

    def _register(self, run_id: int, folder: str, found: discover.Found) -> dict[int, _FileState]:
        states: dict[int, _FileState] = {}
        existing = {f.rel_path: f for f in self.store.files(run_id)}
        refused = (
            [
                (task, ErrorKind.UNSUPPORTED, documents.not_read_reason(Path(task.rel_path).suffix))
                for task in found.unsupported
            ]
            + [
                (
                    task,
                    ErrorKind.IO_ERROR,
                    "The file's name has characters that are not text (another system's encoding):"
                    " rename the file and retry.",
                )
                for task in found.bad_names
            ]
            + [
                (
                    task,
                    ErrorKind.IO_ERROR,
                    f"The folder {discover.CANNOT_LIST}: its files were not read. Check that you"
                    " can open it, then run again.",
                )
                for task in found.unreadable
            ]
        )
        for task, kind, message in refused:
            file_id = self.store.register_file(run_id, task)
            state = _FileState(task, file_id, finished=True, failed=True)
            states[file_id] = state
            if task.rel_path not in existing:
                self._fail_file(run_id, state, kind, message, attempts=0)
            self.sink(FileQueued(file_id, task.rel_path, "failed"))
        for task in found.files:
            prior = existing.get(task.rel_path)
            state = _FileState(task, self.store.register_file(run_id, task))
            states[state.file_id] = state
            unchanged = prior is not None and (prior.size, prior.mtime) == (task.size, task.mtime)
            if prior and unchanged and prior.status in (FileStatus.DONE, FileStatus.SKIPPED):
                state.finished = True
                state.pages = state.pages_done = prior.pages or 0
                self.sink(FileQueued(state.file_id, task.rel_path, prior.status, prior.pages))
                continue
            if prior and prior.status == FileStatus.FAILED:
                permanent = prior.error_kind and not ErrorKind(prior.error_kind).transient
                if permanent and unchanged:
                    state.finished = state.failed = True
                    self.sink(FileQueued(state.file_id, task.rel_path, prior.status, prior.pages))
                    continue
                self.store.reset_file(state.file_id)  # changed, or failed for a passing cause
            elif prior:
                state.stored_sha = prior.sha256
            state.known_sha = self.store.known_sha(folder, task.rel_path, task.size, task.mtime)
            self.sink(FileQueued(state.file_id, task.rel_path))
            # The same path, size and mtime as a file already read: its content is known, so
            # its tickets are carried over here, without opening it on a worker (on a folder
            # read every day, that is most of its files).
            earlier = self._read_before(run_id, folder, state, state.known_sha)
            if earlier is not None and state.stored_sha in (None, state.known_sha):
                self._carry_over(run_id, state, earlier)
        return states

    def _read_before(
        self, run_id: int, folder: str, state: _FileState, sha256: str | None
    ) -> FileRecord | None:
        if sha256 is None or self.settings.fresh:
            return None
        if state.stored_sha is not None and self.store.done_pages(state.file_id):
            return None  # this run has read some of its pages already: it goes on with them
        return self.store.processed_before(folder, run_id, state.task.rel_path, sha256)

    def _carry_over(self, run_id: int, state: _FileState, earlier: FileRecord) -> None:
        task = state.task
        carried = self.store.carry_over(run_id, state.file_id, earlier, task.rel_path)
        state.pages = state.pages_done = earlier.pages or state.pages
        state.tickets = carried
        state.finished = True
        self.sink(
            FileDone(
                state.file_id,
                task.rel_path,
                FileStatus.SKIPPED.value,
                state.pages,
                carried,
                0,
                0.0,
                state.attempts,
            )
        )

    def _schedule(self, run_id: int, folder: str, states: dict[int, _FileState]) -> None:
        ready: deque[_Work] = deque(
            _Work("open", fid) for fid, s in states.items() if not s.finished
        )
        pages_ready: deque[_Work] = deque()
        waiting: list[tuple[float, int, _Work]] = []
        tie = itertools.count()
        in_flight = 0
        session_pages = 0
        session_start = self.clock()
        last_progress = 0.0
        held = False

        def dispatch(work: _Work) -> None:
            nonlocal in_flight
            in_flight += 1
            state = states[work.file_id]
            fn = self._open_fn(state) if work.kind == "open" else self._page_fn(state, work)

            def done(value: Any, exc: BaseException | None, work: _Work = work) -> None:
                self.results.put((work, value, exc))

            self.executor.submit(fn, done)

        while True:
            self._apply_priority(ready)
            now = self.clock()
            while waiting and waiting[0][0] <= now:
                work = heapq.heappop(waiting)[2]
                (pages_ready if work.kind == "page" else ready).appendleft(work)
            stopping = self._cancel.is_set()
            held = False
            if not stopping and not self._pause.is_set():
                # Pages of started files first: files finish in order and memory stays flat.
                while in_flight < self.settings.workers and (pages_ready or ready):
                    if in_flight and self._memory_short():
                        held = True  # one page at a time until memory frees up; never none
                        break
                    dispatch(pages_ready.popleft() if pages_ready else ready.popleft())
            if in_flight == 0 and (stopping or not (ready or pages_ready or waiting)):
                break
            timeout = 0.2
            if waiting and not in_flight:
                timeout = max(0.01, min(timeout, waiting[0][0] - now))
            item: tuple[_Work, Any, BaseException | None] | None
            try:
                item = self.results.get(timeout=timeout)
            except queue.Empty:
                item = None
            while item is not None:
                work, value, exc = item
                in_flight -= 1
                follow = self._handle(run_id, folder, states[work.file_id], work, value, exc)
                for nxt, delay in follow:
                    if delay > 0:
                        heapq.heappush(waiting, (self.clock() + delay, next(tie), nxt))
                    elif nxt.kind == "page":
                        pages_ready.append(nxt)
                    else:
                        ready.appendleft(nxt)
                if work.kind == "page" and exc is None:
                    session_pages += 1
                try:
                    item = self.results.get_nowait()
                except queue.Empty:
                    item = None
            now = self.clock()
            if now - last_progress >= 0.5:
                last_progress = now
                self._progress(states, session_pages, now - session_start, held)
        self._progress(states, session_pages, self.clock() - session_start, False)

    def _apply_priority(self, ready: deque[_Work]) -> None:
        while True:
            try:
                file_id = self._priority.get_nowait()
            except queue.Empty:
                return
            for work in list(ready):
                if work.file_id == file_id:
                    ready.remove(work)
                    ready.appendleft(work)

    def _drain_in_flight(self, run_id: int, folder: str, states: dict[int, _FileState]) -> None:
        """After Ctrl-C: commit what the workers finish, dispatch nothing new."""
        while self.executor.active() > 0 or not self.results.empty():
            try:
                work, value, exc = self.results.get(timeout=0.2)
            except queue.Empty:
                continue
            self._handle(run_id, folder, states[work.file_id], work, value, exc)

    def _memory_short(self) -> bool:
        return bool(psutil.virtual_memory().available < self.settings.memory_floor_mb * 2**20)

    # --- work functions (run on worker threads; no store access) ----------------------------------

    def _open_fn(self, state: _FileState) -> Callable[[], _Opened]:
        task = state.task
        settle_s = self.settings.settle_s
        max_pixels = self.settings.max_pixels
        max_bytes = self.settings.max_file_bytes
        known = state.known_sha
        lock = self.context.pdf_lock

        def open_file() -> _Opened:
            try:
                st = Path(task.path).stat()
            except FileNotFoundError as exc:
                raise PageError(ErrorKind.IO_ERROR, "The file was removed during the run.") from exc
            except OSError as exc:
                raise PageError(ErrorKind.IO_ERROR, documents.cannot_read(exc)) from exc
            if st.st_size != task.size or st.st_mtime != task.mtime:
                task.size, task.mtime = st.st_size, st.st_mtime
                raise StillBeingWritten()
            if time.time() - st.st_mtime < settle_s:
                raise StillBeingWritten()
            if st.st_size > max_bytes:
                raise PageError(
                    ErrorKind.TOO_LARGE,
                    f"The file is {st.st_size // 1_000_000} MB, "
                    f"over the {max_bytes // 1_000_000} MB limit.",
                )
            pages = documents.count_pages(task.path, lock, max_pixels)
            try:
                sha = known or discover.sha256_of(task.path)
            except OSError as exc:
                raise PageError(ErrorKind.IO_ERROR, documents.cannot_read(exc)) from exc
            return _Opened(sha, pages, st.st_size, st.st_mtime)

        return open_file

    def _page_fn(self, state: _FileState, work: _Work) -> Callable[[], Any]:
        job = PageJob(
            path=state.task.path,
            rel_path=state.task.rel_path,
            file_id=state.file_id,
            page_index=work.page_index,
            settings=self.settings,
        )
        context = self.context
        return lambda: process_page(job, context)

    # --- results (runner thread) ----------------------------------------------------------------

    def _handle(
        self,
        run_id: int,
        folder: str,
        state: _FileState,
        work: _Work,
        value: Any,
        exc: BaseException | None,
    ) -> list[tuple[_Work, float]]:
        state.attempts = max(state.attempts, work.attempt)
        if exc is not None:
            return self._failure(run_id, state, work, exc)
        if work.kind == "open":
            return self._opened(run_id, folder, state, value)
        self._ocr_read += bool(value.ocr_used)
        tickets = self.store.commit_page(run_id, folder, value)
        state.pending.discard(work.page_index)
        state.pages_done += 1
        state.tickets += len(tickets)
        state.needs_review += sum(t.needs_review for t in tickets)
        self.sink(
            PageDone(
                state.file_id,
                work.page_index,
                state.pages_done,
                state.pages,
                len(tickets),
                sum(t.needs_review for t in tickets),
                bool(value.ocr_used),
            )
        )
        if not state.pending:
            self._finish_file(state)
        return []

    def _opened(
        self, run_id: int, folder: str, state: _FileState, opened: _Opened
    ) -> list[tuple[_Work, float]]:
        task = state.task
        task.sha256, task.size, task.mtime = opened.sha256, opened.size, opened.mtime
        if state.stored_sha and state.stored_sha != opened.sha256:
            self.store.reset_file(state.file_id)  # changed since the interrupted run began
        state.pages = opened.pages
        state.started_at = self.clock()
        self.store.update_file(
            state.file_id,
            sha256=opened.sha256,
            pages=opened.pages,
            size=opened.size,
            mtime=opened.mtime,
            status=FileStatus.RUNNING.value,
            attempts=state.attempts,
        )
        earlier = self._read_before(run_id, folder, state, opened.sha256)
        if earlier is not None:
            state.pages = opened.pages
            self._carry_over(run_id, state, earlier)
            return []
        done = self.store.done_pages(state.file_id)
        state.pending = set(range(opened.pages)) - done
        state.pages_done = len(done & set(range(opened.pages)))
        self.sink(FileStarted(state.file_id, task.rel_path, opened.pages))
        if not state.pending:
            self._finish_file(state)
            return []
        return [(_Work("page", state.file_id, i), 0.0) for i in sorted(state.pending)]

    def _failure(
        self, run_id: int, state: _FileState, work: _Work, exc: BaseException
    ) -> list[tuple[_Work, float]]:
        if isinstance(exc, FatalError):
            self._cancel.set()
            raise exc
        if isinstance(exc, StillBeingWritten):
            if work.waited_s < SETTLE_LIMIT_S:
                delay = max(self.settings.settle_s, 0.2)
                again = _Work(
                    work.kind, work.file_id, work.page_index, work.attempt, work.waited_s + delay
                )
                return [(again, delay)]
            exc = PageError(ErrorKind.IO_ERROR, "The file kept changing for two minutes.")
        if isinstance(exc, PageError):
            kind, message = exc.kind, exc.message
        elif isinstance(exc, MemoryError):
            kind, message = ErrorKind.TOO_LARGE, "The page needs more memory than is free."
        elif isinstance(exc, OSError):
            kind, message = ErrorKind.IO_ERROR, documents.cannot_read(exc)
        else:
            log.exception("unexpected failure on %s", state.task.rel_path, exc_info=exc)
            # A fault of ours, not of the file: said so, with what support needs to find it.
            kind = ErrorKind.OCR_FAILED
            message = (
                f"Haulbook itself failed on this page ({type(exc).__name__}: {exc}); "
                "the details are in its log."
            )
        if kind.transient and work.attempt <= self.settings.retries and not self._cancel.is_set():
            again = _Work(work.kind, work.file_id, work.page_index, work.attempt + 1)
            return [(again, backoff_delay(work.attempt, self.rng))]
        page = work.page_index + 1 if work.kind == "page" and state.pages > 1 else None
        self._fail_file(run_id, state, kind, message, work.attempt, page)
        # Tesseract's own failures only: a fault of ours is reported under the same kind.
        by_tesseract = isinstance(exc, PageError) and exc.kind == ErrorKind.OCR_FAILED
        if by_tesseract and work.kind == "page" and not self._ocr_read:
            self._ocr_failed.append(message)
            if len(self._ocr_failed) >= BROKEN_TESSERACT_PAGES:
                self._cancel.set()
                raise TesseractMissing(
                    f"Tesseract failed on each of the first {len(self._ocr_failed)} pages it"
                    f" was given ({message}), so it is not working on this computer: run"
                    " 'haulbook --self-test' to check it, or install it again. The run is kept:"
                    " run it again once Tesseract works, and those pages are read then."
                )
        if work.kind == "page":
            state.pending.discard(work.page_index)
            if not state.pending:
                self._finish_file(state)
        else:
            state.finished = True
        return []

    def _fail_file(
        self,
        run_id: int,
        state: _FileState,
        kind: ErrorKind,
        message: str,
        attempts: int,
        page: int | None = None,
    ) -> None:
        state.failed = True
        rel = state.task.rel_path
        self.store.add_error(run_id, state.file_id, FileError(rel, kind, message, attempts, page))
        self.store.update_file(
            state.file_id,
            status=FileStatus.FAILED.value,
            error_kind=kind.value,
            error=message,
            attempts=attempts,
        )
        self.sink(
            FileFailed(state.file_id, rel, kind.value, message, ERROR_ADVICE[kind], attempts, page)
        )

    def _finish_file(self, state: _FileState) -> None:
        state.finished = True
        state.elapsed_s = self.clock() - (state.started_at or self.clock())
        status = FileStatus.FAILED if state.failed else FileStatus.DONE
        fields: dict[str, Any] = {"elapsed_s": state.elapsed_s, "attempts": state.attempts}
        if not state.failed:
            fields["status"] = status.value
        self.store.update_file(state.file_id, **fields)
        self.sink(
            FileDone(
                state.file_id,
                state.task.rel_path,
                status.value,
                state.pages,
                state.tickets,
                state.needs_review,
                state.elapsed_s,
                state.attempts,
            )
        )

    def _progress(
        self, states: dict[int, _FileState], session_pages: int, elapsed: float, held: bool
    ) -> None:
        files_done = sum(s.finished for s in states.values())
        known = sorted(s.pages for s in states.values() if s.pages and _may_have_pages(s))
        # A file not yet opened counts as a typical one of its kind: one page for a PNG or JPEG,
        # the median of those opened for a PDF or TIFF (one 2000-page PDF is not typical).
        per_file = float(known[len(known) // 2]) if known else 1.0
        pages_total = int(
            sum(
                s.pages or (0 if s.finished else per_file if _may_have_pages(s) else 1)
                for s in states.values()
            )
        )
        pages_done = sum(s.pages if s.finished else s.pages_done for s in states.values())
        ppm = session_pages / elapsed * 60.0 if elapsed > 0 else 0.0
        eta = (pages_total - pages_done) / ppm * 60.0 if ppm > 0 else None
        self.sink(
            Progress(
                files_done,
                len(states),
                pages_done,
                pages_total,
                round(ppm, 1),
                eta,
                self._pause.is_set(),
                held,
            )
        )


def _may_have_pages(state: _FileState) -> bool:
    """A kind of file that may hold several pages."""
    return Path(state.task.rel_path).suffix.lower() in documents.MULTIPAGE_EXTS


_RESUMABLE = (RunStatus.RUNNING, RunStatus.CANCELLED, RunStatus.FAILED)


__all__ = ["Runner", "backoff_delay"]
