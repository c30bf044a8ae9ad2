"""The window under load: the longest event-loop stall during a big run, and launch time.

    .venv/bin/python bench/bench_gui.py [--files 10000] [--delay-ms 2] [--workers 2]
        [--review-every N]
    .venv/bin/python bench/bench_gui.py --screenshots docs/screenshots [--folder DIR]

Prints:
- the longest event-loop stall (a 5 ms QTimer probe: the largest gap between its ticks, less the
  interval) during a run of `--files` one-page files with a stand-in page task that sleeps
  `--delay-ms` (the window's work is the same whatever reads the pages), target <= 50 ms;
  also the longest single batch application and the run's pages per minute, and the three
  longest stalls with what ran during them: the window's batches and end-of-run steps, garbage
  collections (on any thread: they hold the GIL) and table repaints; a stall with none of them
  was Qt's own work, or the GUI thread waiting for the GIL or a core. `--review-every N` makes
  every Nth file's ticket need review, so the end of the run has tickets to load;
- launch to window shown: a fresh process through gui.app.main up to the first turn of the event
  loop after show(), median of 3, target <= 1.5 s.
With --screenshots: real OCR on a folder (the samples by default, plus generated tickets), the
window mid-run and the review view saved as PNGs.
"""

from __future__ import annotations

import argparse
import collections
import gc
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("HAULBOOK_DEVICE", "cpu")


class StallProbe:
    """A fast QTimer: any gap between ticks beyond its interval is time the loop was blocked.
    Gaps over `keep_ms` are kept with when they happened, to be explained by an `Activity`."""

    def __init__(self, interval_ms: int = 5, keep_ms: float = 3.0) -> None:
        from PySide6.QtCore import QTimer

        self.interval = interval_ms / 1000.0
        self.worst = 0.0
        self.gaps: list[float] = []
        self.kept: list[tuple[float, float, float]] = []  # (gap, last tick, this tick)
        self._keep = keep_ms / 1000.0
        self._last = time.perf_counter()
        self.timer = QTimer()
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self._tick)

    def start(self) -> None:
        self._last = time.perf_counter()
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def _tick(self) -> None:
        now = time.perf_counter()
        gap = max(0.0, now - self._last - self.interval)
        if gap > self._keep:
            self.kept.append((gap, self._last, now))
        self._last = now
        self.gaps.append(gap)
        self.worst = max(self.worst, gap)

    def longest(self, n: int) -> list[tuple[float, float, float]]:
        return sorted(self.kept, reverse=True)[:n]


class Activity:
    """Spans of what the process did, (start, end, what), to name what filled a stall."""

    def __init__(self) -> None:
        self.spans: list[tuple[float, float, str]] = []
        self.full_gcs: list[float] = []
        self._gc_start = 0.0
        self._gui_thread = threading.get_ident()

    def add(self, start: float, what: str) -> None:
        self.spans.append((start, time.perf_counter(), what))

    def mark(self, what: str) -> None:
        """Something that began now, its end unseen."""
        now = time.perf_counter()
        self.spans.append((now, now, what))

    def on_gc(self, phase: str, info: dict[str, Any]) -> None:
        """A gc.callbacks hook: collections hold the GIL, so the window waits for them too."""
        now = time.perf_counter()
        if phase == "start":
            self._gc_start = now
            return
        took = now - self._gc_start
        if info["generation"] == 2:
            self.full_gcs.append(took)
        if took > 0.001:
            where = "GUI" if threading.get_ident() == self._gui_thread else "a worker"
            what = f"garbage collection (generation {info['generation']}, on {where} thread)"
            self.spans.append((self._gc_start, now, what))

    def during(self, start: float, end: float) -> str:
        parts = []
        for s, e, what in self.spans:
            if e >= start and s <= end:
                parts.append(f"{what} {(e - s) * 1000:.1f} ms" if e > s else what)
        if not parts:
            return "nothing timed: Qt's own work, or the GUI thread waiting for the GIL or a core"
        return "; ".join(dict.fromkeys(parts))  # a repaint begun twice is said once


def _batch_label(events: list[Any]) -> str:
    kinds = collections.Counter(type(e).__name__ for e in events)
    text = ", ".join(f"{n} {kind}" for kind, n in kinds.most_common(3))
    more = len(kinds) - 3
    return f"a batch of {text}" + (f" and {more} more kinds" if more > 0 else "")


def tiny_folder(root: Path, count: int) -> None:
    from PIL import Image

    root.mkdir(parents=True)
    old = time.time() - 120
    buf = root / "t0000000.png"
    Image.new("RGB", (16, 12), "white").save(buf)
    data = buf.read_bytes()
    for i in range(count):
        path = root / f"t{i:07d}.png"
        path.write_bytes(data)
        os.utime(path, (old, old))


def stand_in(delay_s: float, review_every: int = 0):  # type: ignore[no-untyped-def]
    from engine.models import PageResult, Ticket

    def process_page(job, ctx):  # type: ignore[no-untyped-def]
        time.sleep(delay_s)
        review = review_every > 0 and job.file_id % review_every == 0
        ticket = Ticket(
            job.rel_path,
            1,
            ticket_number=job.rel_path[1:8],
            needs_review=review,
            review_reasons=["LOW_CONFIDENCE"] if review else [],
        )
        return PageResult(job.file_id, job.page_index, "ocr", [ticket], ocr_used=True)

    return process_page


def bench_stall(files: int, delay_ms: float, workers: int, review_every: int = 0) -> dict[str, Any]:
    from PySide6.QtCore import QEvent, QObject, QSettings, QTimer

    from engine import runner as runner_mod
    from engine.store import Store
    from gui.app import make_application
    from gui.main_window import MainWindow

    class RepaintSpy(QObject):
        """Marks when the table's viewport begins a repaint (its end is not seen from here)."""

        def __init__(self, activity: Activity) -> None:
            super().__init__()
            self.activity = activity

        def eventFilter(self, obj: Any, event: Any) -> bool:  # noqa: N802 - Qt's name
            if event.type() == QEvent.Type.Paint:
                self.activity.mark("a table repaint began")
            return False

    app = make_application([])
    work = Path(tempfile.mkdtemp(prefix="haulbook-bench-gui-"))
    tiny_folder(work / "in", files)
    runner_mod.process_page = stand_in(delay_ms / 1000.0, review_every)  # type: ignore[assignment]
    store = Store(work / "data")
    window = MainWindow(store, QSettings(str(work / "gui.ini"), QSettings.Format.IniFormat))
    window.show()
    window.set_folder(str(work / "in"))
    window.form.workers.setValue(workers)

    apply_times: list[float] = []
    activity = Activity()
    original = window._on_batch
    settle = window._settle

    def timed(events):  # type: ignore[no-untyped-def]
        t0 = time.perf_counter()
        original(events)
        apply_times.append(time.perf_counter() - t0)
        activity.add(t0, _batch_label(events))

    def timed_settle(outcome):  # type: ignore[no-untyped-def]
        t0 = time.perf_counter()
        settle(outcome)
        activity.add(t0, "the end of the run settling (the sorted view back)")

    window.bridge.batch.disconnect(window._on_batch)
    window.bridge.batch.connect(timed)
    window._settle = timed_settle  # type: ignore[method-assign]
    repaints = RepaintSpy(activity)
    window.table.viewport().installEventFilter(repaints)
    gc.callbacks.append(activity.on_gc)
    probe = StallProbe()
    done = threading.Event()
    outcome: list[object] = []
    # Quit a little after the end, so that the probe also measures the window's end-of-run work.
    window.run_finished.connect(
        lambda o: (outcome.append(o), done.set(), QTimer.singleShot(500, app.quit))
    )
    t0 = time.perf_counter()
    probe.start()
    window.start()
    app.exec()
    probe.stop()
    gc.callbacks.remove(activity.on_gc)
    wall = time.perf_counter() - t0
    summary = getattr(outcome[0], "summary", None)
    rows = window.table_model.rowCount()
    window.close()
    store.close()
    return {
        "rows": rows,
        "pages": getattr(summary, "pages", 0),
        "wall_s": wall,
        "pages_per_minute": getattr(summary, "pages", 0) / wall * 60,
        "worst_stall_ms": probe.worst * 1000,
        "p99_stall_ms": statistics.quantiles(probe.gaps, n=100)[98] * 1000,
        "worst_batch_ms": max(apply_times) * 1000 if apply_times else 0.0,
        "batches": len(apply_times),
        "full_gcs": len(activity.full_gcs),
        "worst_full_gc_ms": max(activity.full_gcs, default=0.0) * 1000,
        "longest": [
            f"{gap * 1000:.1f} ms at {a - t0:.2f} s: {activity.during(a, b)}"
            for gap, a, b in probe.longest(3)
        ],
    }


LAUNCH_CHILD = r"""
import os, sys, time
sys.path.insert(0, sys.argv[1])
import gui.main_window as mw
from PySide6.QtWidgets import QApplication
def shown(self):
    print("SHOWN", time.time(), flush=True)
    QApplication.quit()
mw.MainWindow.after_show = shown
import gui.app
gui.app.main([])
"""


def bench_launch(repeats: int = 3) -> list[float]:
    out = []
    for _ in range(repeats):
        with tempfile.TemporaryDirectory() as tmp:
            env = dict(os.environ)
            env["HAULBOOK_DATA_DIR"] = str(Path(tmp) / "data")
            env["XDG_CONFIG_HOME"] = str(Path(tmp) / "config")
            t0 = time.time()
            proc = subprocess.run(
                [sys.executable, "-c", LAUNCH_CHILD, str(ROOT)],
                capture_output=True,
                text=True,
                env=env,
                timeout=60,
            )
            line = next((x for x in proc.stdout.splitlines() if x.startswith("SHOWN")), None)
            if line is None:
                raise RuntimeError(f"the window did not show: {proc.stderr[-2000:]}")
            out.append(float(line.split()[1]) - t0)
    return out


def screenshots(out_dir: Path, folder: Path | None) -> None:
    """Real OCR: the window mid-run, then the review view with the first ticket selected."""
    from PySide6.QtCore import QSettings, QTimer

    from engine.store import Store
    from gui.app import make_application
    from gui.main_window import MainWindow
    from tests.conftest import make_ticket_folder

    app = make_application([])
    work = Path(tempfile.mkdtemp(prefix="haulbook-shots-"))
    if folder is None:
        folder = work / "Scans 2024-03-15"
        import shutil

        shutil.copytree(ROOT.parent / "shared" / "samples", folder)
        for p in folder.glob("*.csv"):
            p.unlink()
        (folder / "README.md").unlink(missing_ok=True)
        make_ticket_folder(folder / "scale house", 8)
        (folder / "scale house" / "ticket 99.pdf").write_bytes(b"%PDF-1.4 broken")
        old = time.time() - 120
        os.utime(folder / "scale house" / "ticket 99.pdf", (old, old))
        for p in folder.rglob("*"):
            os.utime(p, (old, old))
    store = Store(work / "data")
    window = MainWindow(store, QSettings(str(work / "gui.ini"), QSettings.Format.IniFormat))
    window.resize(1180, 760)
    window.show()
    window.start_probe()
    window.set_folder(str(folder))
    window.form.job.setText("J-2291")
    out_dir.mkdir(parents=True, exist_ok=True)

    def mid_run() -> None:
        done = sum(r.status == "done" for r in window.table_model.rows())
        if done >= 5:
            window.grab().save(str(out_dir / "window_run.png"))
            print("saved", out_dir / "window_run.png")
        else:
            QTimer.singleShot(200, mid_run)

    def finished(_outcome: object) -> None:
        window.tabs.setCurrentWidget(window.review)
        window.review.load_run(window.run_id)
        QTimer.singleShot(1500, shot_review)

    def shot_review() -> None:
        window.grab().save(str(out_dir / "review.png"))
        print("saved", out_dir / "review.png")
        app.quit()

    window.run_finished.connect(finished)
    QTimer.singleShot(300, window.start)
    QTimer.singleShot(800, mid_run)
    app.exec()
    store.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--delay-ms", type=float, default=2.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--review-every", type=int, default=0)
    parser.add_argument("--screenshots", type=Path)
    parser.add_argument("--folder", type=Path)
    args = parser.parse_args()
    if args.screenshots:
        screenshots(args.screenshots, args.folder)
        return 0
    launch = bench_launch()
    print(
        f"launch to window shown: median {statistics.median(launch):.2f} s "
        f"({', '.join(f'{x:.2f}' for x in launch)}), target <= 1.5 s"
    )
    r = bench_stall(args.files, args.delay_ms, args.workers, args.review_every)
    print(
        f"run of {r['pages']} pages, {r['rows']} rows in the table: "
        f"{r['wall_s']:.1f} s, {r['pages_per_minute']:.0f} pages/min, {r['batches']} batches"
    )
    print(
        f"longest event-loop stall: {r['worst_stall_ms']:.1f} ms (p99 {r['p99_stall_ms']:.1f} ms), "
        f"target <= 50 ms; longest batch applied: {r['worst_batch_ms']:.1f} ms"
    )
    print(
        f"full garbage collections: {r['full_gcs']}, longest {r['worst_full_gc_ms']:.1f} ms "
        "(they hold the GIL, so the window waits for them whichever thread runs them)"
    )
    print("the longest stalls, and what ran during them:")
    for line in r["longest"]:
        print(f"  {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
