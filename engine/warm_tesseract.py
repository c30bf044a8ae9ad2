"""Warm Tesseract processes: each reads page after page, so its start-up is paid once.

A Tesseract process spends 0.1 s or more loading its model and building tables before it reads
a pixel: a quarter of a ticket's whole read. Started with `stream_filelist`, it reads image
paths from its stdin one line at a time and writes each page's TSV as soon as the page is done
(Tesseract 5 flushes its output after every page). After each page we send a tiny blank
sentinel page: the sentinel's first row tells us the page before it is complete.

One page is in a process at a time, so what one page per process was for still holds: a page
that hangs is killed with its process and nothing else is lost, a crash fails only the page
being read (the runner retries it in a new process), and every process runs with
OMP_THREAD_LIMIT=1. A process is replaced after `max_pages` pages, so nothing it accumulates
can grow without bound.

When it goes wrong: a Tesseract older than 5, one that starts but does not answer the sentinel
in time, one that dies at start three times without a process ever answering, or (on Windows)
a temporary folder whose path is not ASCII turns the warm path off for the run, and pages are
read by one-shot calls instead; a process that dies is an OCR failure for its page alone,
which the runner retries.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
import threading
import weakref
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import psutil

from .models import ErrorKind, PageError

MAX_PAGES = 200
DIR_PREFIX = "haulbook_warm_"
# A pool none of whose processes ever answered gives up after this many died at start.
MAX_FAILED_STARTS = 3
# Waiting longer than this for a new process to answer its sentinel means it cannot stream.
START_TIMEOUT_S = 30.0
TSV_COLUMNS = ("level", "page_num", "block_num", "par_num", "line_num", "word_num",
               "left", "top", "width", "height", "conf", "text")  # fmt: skip


class NoAnswer(Exception):
    """A live process that never answered: this Tesseract cannot stream pages."""


def supports_streaming(version: str) -> bool:
    """Tesseract 5 flushes its output after each page; older ones may hold it back."""
    head = version.lstrip("v").split(".")[0]
    return head.isdigit() and int(head) >= 5


def write_pgm(path: str, image: np.ndarray) -> None:
    # PGM is written without compression: a fraction of PNG's cost for a full page.
    h, w = image.shape[:2]
    with open(path, "wb") as fh:
        fh.write(b"P5\n%d %d\n255\n" % (w, h))
        fh.write(np.ascontiguousarray(image, dtype=np.uint8).tobytes())


@dataclass
class _Process:
    proc: subprocess.Popen[bytes]
    psm: int
    image_path: str
    pages: int = 0  # pages sent so far, sentinels included: Tesseract numbers them from 1


@dataclass
class WarmTesseract:
    """Warm processes for the page-segmentation modes `psms` at one DPI: for each mode, at most
    one per worker thread reading at the same time. Safe to use from any thread; `close` ends
    every process."""

    cmd: str
    env: dict[str, str]
    psms: tuple[int, ...] = (3, 6)
    dpi: int = 300
    enabled: bool = True
    max_pages: int = MAX_PAGES
    start_timeout_s: float = START_TIMEOUT_S
    creationflags: int = 0
    _idle: list[_Process] = field(default_factory=list, repr=False)  # every mode's
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _dir: str = ""
    _serial: int = 0
    _answered: bool = False  # some process of this pool has answered its sentinel
    _failed_starts: int = 0

    def __post_init__(self) -> None:
        _sweep_orphans()
        if not self.enabled:
            return  # turned off by hand, or a Tesseract that cannot stream: nothing to set up
        self._dir = tempfile.mkdtemp(prefix=f"{DIR_PREFIX}{os.getpid()}_")
        write_pgm(self._sentinel, np.full((8, 8), 255, dtype=np.uint8))
        # A pool nobody closes still ends its processes when it is collected.
        weakref.finalize(self, _close_all, self._idle, self._dir)
        if os.name == "nt" and not self._dir.isascii():
            # Tesseract opens listed files through the ANSI code page: a user name outside
            # it would make every page unreadable. One-shot calls are what is left.
            self.enabled = False

    @property
    def _sentinel(self) -> str:
        return os.path.join(self._dir, "sentinel.pgm")

    def serves(self, psm: int, dpi: int, extra_config: str) -> bool:
        return self.enabled and psm in self.psms and dpi == self.dpi and not extra_config.strip()

    def read(self, image: np.ndarray, timeout_s: float, psm: int) -> dict[str, list[str]] | None:
        """The page's TSV columns, or None when this Tesseract cannot stream (the caller reads
        the page another way). Raises PageError on a timeout or a crash, as a one-shot call."""
        try:
            process = self._checkout(timeout_s, psm)
        except NoAnswer:
            self.enabled = False
            return None
        if process is None:
            return None
        try:
            write_pgm(process.image_path, image)
            rows = self._exchange(process, process.image_path, timeout_s)
        except BaseException:
            _end(process)
            raise
        self._checkin(process)
        return rows

    def close(self) -> None:
        with self._lock:
            self.enabled = False
        _close_all(self._idle, self._dir)

    def _checkout(self, timeout_s: float, psm: int) -> _Process | None:
        with self._lock:
            if not self.enabled:
                return None
            for i in range(len(self._idle) - 1, -1, -1):
                if self._idle[i].psm == psm:
                    return self._idle.pop(i)
            self._serial += 1
            serial = self._serial
        command = [self.cmd, "-", "stdout", "--psm", str(psm), "--dpi", str(self.dpi),
                   "-c", "stream_filelist=1", "tsv"]  # fmt: skip
        try:
            proc = subprocess.Popen(
                command,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,  # its per-page chatter would fill a pipe nobody reads
                env=self.env,
                creationflags=self.creationflags,
                # Its own process group: a wrapper script's children die with it on a timeout,
                # and Ctrl-C in a terminal leaves the page being read to finish.
                start_new_session=os.name != "nt",
            )
        except OSError as exc:
            raise PageError(ErrorKind.OCR_FAILED, f"Tesseract could not be started: {exc}") from exc
        process = _Process(proc, psm, os.path.join(self._dir, f"page_{serial}.pgm"))
        try:
            # The sentinel alone first: an answer shows this Tesseract streams, and the
            # start-up is not charged to the first page's timeout.
            self._exchange(process, None, min(timeout_s, self.start_timeout_s))
        except PageError as exc:
            _end(process)
            if exc.kind is ErrorKind.TIMEOUT:
                raise NoAnswer from exc
            with self._lock:
                self._failed_starts += 1
                hopeless = not self._answered and self._failed_starts >= MAX_FAILED_STARTS
            if hopeless:
                raise NoAnswer from exc  # this Tesseract dies in this mode, whatever the page
            raise  # a crash: the runner retries the page
        self._answered = True
        return process

    def _checkin(self, process: _Process) -> None:
        if process.pages < 2 * self.max_pages:
            with self._lock:
                if self.enabled:
                    self._idle.append(process)
                    return
        _end(process)

    def _exchange(
        self, process: _Process, image_path: str | None, timeout_s: float
    ) -> dict[str, list[str]]:
        """Sends a page (or, with no page, just the sentinel) and collects the page's rows."""
        lines = [image_path] if image_path else []
        lines.append(self._sentinel)
        page = process.pages + 1
        process.pages += len(lines)
        proc = process.proc
        assert proc.stdin is not None and proc.stdout is not None
        timed_out = threading.Event()

        def kill() -> None:
            timed_out.set()
            _kill(proc)

        timer = threading.Timer(timeout_s, kill)
        timer.daemon = True
        timer.start()
        try:
            try:
                proc.stdin.write("".join(f"{line}\n" for line in lines).encode())
                proc.stdin.flush()
            except OSError:
                pass  # it died before reading; reading its output says how
            columns: dict[str, list[str]] = {name: [] for name in TSV_COLUMNS}
            while True:
                line = proc.stdout.readline()
                if not line:
                    code = proc.wait()  # an output closed early still ends with the process
                    if timed_out.is_set():
                        raise PageError(
                            ErrorKind.TIMEOUT, f"Reading the page took longer than {timeout_s:g} s."
                        )
                    raise PageError(
                        ErrorKind.OCR_FAILED, f"Tesseract stopped with an error ({code})."
                    )
                cells = line.decode("utf-8", "replace").rstrip("\r\n").split("\t")
                if cells[0] == "level" or len(cells) < len(TSV_COLUMNS) - 1:
                    continue  # the header, once per process
                number = cells[1]
                if number == str(process.pages) and cells[0] == "1":
                    return columns  # the sentinel's page row: everything before it is in
                if image_path is None or number != str(page):
                    raise PageError(ErrorKind.OCR_FAILED, "Tesseract's output was out of step.")
                cells += [""] * (len(TSV_COLUMNS) - len(cells))
                for name, cell in zip(TSV_COLUMNS, cells, strict=True):
                    columns[name].append(cell)
        finally:
            timer.cancel()


def _kill(proc: subprocess.Popen[bytes]) -> None:
    if os.name != "nt":
        with contextlib.suppress(OSError):
            os.killpg(proc.pid, signal.SIGKILL)
            return
    with contextlib.suppress(OSError):
        proc.kill()


def _end(process: _Process) -> None:
    proc = process.proc
    if proc.poll() is None:
        _kill(proc)
    for stream in (proc.stdin, proc.stdout):
        if stream:
            with contextlib.suppress(OSError):
                stream.close()
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.wait(timeout=5)
    with contextlib.suppress(OSError):
        os.unlink(process.image_path)


def _sweep_orphans() -> None:
    """The folders of Haulbooks that were killed or crashed: their last page (a few MB each)
    would otherwise stay in the temporary folder for good."""
    for folder in Path(tempfile.gettempdir()).glob(f"{DIR_PREFIX}*_*"):
        pid = folder.name[len(DIR_PREFIX) :].split("_", 1)[0]
        if pid.isdigit() and not psutil.pid_exists(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)


def _close_all(idle: list[_Process], folder: str) -> None:
    while idle:
        _end(idle.pop())
    if folder:
        shutil.rmtree(folder, ignore_errors=True)
