"""One run on a plain thread, controlled from the GUI thread.

`Runner.run` blocks until the run ends, so it runs on its own `threading.Thread` with its own
Store (one Store per thread). Everything the run says goes to the bridge's sink as plain
events; the last event of every run is `RunThreadEnded`, sent once the thread has released its
store and workers. Control calls made before the runner exists are remembered and applied.

Before the run begins, everything already alive (the modules, the window, the engine's context)
is frozen out of Python's cyclic garbage collector (gc.freeze): a full collection holds the GIL,
and so the window, for as long as it takes to walk every tracked object, which with all of that
in the heap was 35-70 ms in the middle of a 10,000-file run (about 20 ms frozen). Frozen objects
are still freed by reference counting, and a run's own objects are collected as usual; when the
run ends everything is unfrozen, so cyclic garbage left from before the run is collected between
runs instead of never.
"""

from __future__ import annotations

import gc
import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from engine.device import DeviceProbe, cpu_device
from engine.models import FatalError, Settings
from engine.pagetask import PageContext

from .gui_events import RunNotStarted, RunThreadEnded

log = logging.getLogger(__name__)

ContextFactory = Callable[[Settings], PageContext]


def default_context_factory(probe: DeviceProbe, pdf_lock: threading.Lock) -> ContextFactory:
    """Tesseract and the device, found on the run's thread; PDFium shares the window's lock."""

    def make(settings: Settings) -> PageContext:
        from engine.ocr import find_tesseract
        from engine.pagetask import make_context

        tesseract = find_tesseract()
        # "CPU only" in the window wins over the start-up probe's answer; auto uses the probe.
        device = cpu_device("CPU only, as chosen") if settings.device == "cpu" else probe.get()
        context = make_context(tesseract, device)
        context.pdf_lock = pdf_lock  # the review view renders pages through the same lock
        return context

    return make


class RunController:
    def __init__(
        self, data_dir: Path, sink: Callable[[Any], None], make_context: ContextFactory
    ) -> None:
        self.data_dir = data_dir
        self.sink = sink
        self.make_context = make_context
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._runner: Any = None
        self._paused = False
        self._cancelled = False
        self._priority: list[int] = []

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    @property
    def paused(self) -> bool:
        return self._paused

    def start(self, input_dir: Path, settings: Settings, run_id: int | None = None) -> None:
        if self.running:
            raise RuntimeError("a run is already in progress")
        with self._lock:
            self._runner = None
            self._paused = False
            self._cancelled = False
            self._priority = []
        self._thread = threading.Thread(
            target=self._work, args=(input_dir, settings, run_id), name="haulbook-run", daemon=True
        )
        self._thread.start()

    def pause(self) -> None:
        with self._lock:
            self._paused = True
            if self._runner is not None:
                self._runner.pause()

    def resume(self) -> None:
        with self._lock:
            self._paused = False
            if self._runner is not None:
                self._runner.resume()

    def cancel(self) -> None:
        with self._lock:
            self._cancelled = True
            if self._runner is not None:
                self._runner.cancel()
                self._runner.resume()  # a paused run must be able to wind down

    def prioritize(self, file_id: int) -> None:
        with self._lock:
            if self._runner is not None:
                self._runner.prioritize(file_id)
            else:
                self._priority.append(file_id)

    def join(self, timeout: float | None = None) -> bool:
        thread = self._thread
        if thread is not None:
            thread.join(timeout)
            return not thread.is_alive()
        return True

    def _work(self, input_dir: Path, settings: Settings, run_id: int | None) -> None:
        from engine.discover import CANNOT_LIST, can_list
        from engine.executor import QtExecutor
        from engine.runner import Runner
        from engine.store import Store

        store = None
        executor = None
        runner = None
        context = None
        try:
            store = Store(self.data_dir, recover=False)
            context = self.make_context(settings)
            if not input_dir.is_dir():
                raise FatalError(
                    f"The folder {input_dir} is not there any more (moved, renamed, or on a "
                    "drive or network share that is not connected)."
                )
            if not can_list(input_dir):
                raise FatalError(f"The folder {input_dir} {CANNOT_LIST}.")
            executor = QtExecutor(settings.workers)
            runner = Runner(store, settings, context, executor, self.sink)
            gc.freeze()  # see the module's docstring
            with self._lock:
                self._runner = runner
                if self._paused:
                    runner.pause()
                if self._cancelled:
                    runner.cancel()
                for file_id in self._priority:
                    runner.prioritize(file_id)
            finished = runner.run(input_dir, run_id)
            if executor is not None:
                executor.shutdown(10_000)
                executor = None
            store.back_up_if_due()
            self.sink(finished)
        except FatalError as exc:
            log.warning("run did not complete: %s", exc.message)
            self.sink(RunNotStarted(exc.message, exc.exit_code))
        except Exception as exc:  # noqa: BLE001 - the window must hear about any failure
            log.exception("the run stopped unexpectedly")
            self.sink(
                RunNotStarted(
                    f"The run stopped unexpectedly ({type(exc).__name__}: {exc}). "
                    "Finished pages are kept; press Start to resume."
                )
            )
        finally:
            # What the freeze kept from the collector becomes collectable again between runs,
            # so no reference cycle outlives the run that made it.
            gc.unfreeze()
            if executor is not None:
                executor.shutdown(10_000)
            if context is not None:
                context.close()
            if store is not None:
                store.close()
            self.sink(RunThreadEnded(runner.run_id if runner is not None else None))
