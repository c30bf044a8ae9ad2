"""The window under load: the longest event-loop stall during a big run, and launch time.

    .venv/bin/python bench/bench_gui.py [--files 10000] [--delay-ms 2] [--workers 2]
    .venv/bin/python bench/bench_gui.py --screenshots docs/screenshots [--folder DIR]

Prints:
- the longest event-loop stall (a 5 ms QTimer probe: the largest gap between its ticks, less the
  interval) during a run of `--files` one-page files with a stand-in page task that sleeps
  `--delay-ms` (the window's work is the same whatever reads the pages), target <= 50 ms;
  also the longest single batch application and the run's pages per minute;
- launch to window shown: a fresh process through gui.app.main up to the first turn of the event
  loop after show(), median of 3, target <= 1.5 s.
With --screenshots: real OCR on a folder (the samples by default, plus generated tickets), the
window mid-run and the review view saved as PNGs.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("HAULBOOK_DEVICE", "cpu")


class StallProbe:
    """A fast QTimer: any gap between ticks beyond its interval is time the loop was blocked."""

    def __init__(self, interval_ms: int = 5) -> None:
        from PySide6.QtCore import QTimer

        self.interval = interval_ms / 1000.0
        self.worst = 0.0
        self.gaps: list[float] = []
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
        self._last = now
        self.gaps.append(gap)
        self.worst = max(self.worst, gap)


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


def stand_in(delay_s: float):  # type: ignore[no-untyped-def]
    from engine.models import PageResult, Ticket

    def process_page(job, ctx):  # type: ignore[no-untyped-def]
        time.sleep(delay_s)
        ticket = Ticket(job.rel_path, 1, ticket_number=job.rel_path[1:8], needs_review=False)
        return PageResult(job.file_id, job.page_index, "ocr", [ticket], ocr_used=True)

    return process_page


def bench_stall(files: int, delay_ms: float, workers: int) -> dict[str, float]:
    from PySide6.QtCore import QSettings, QTimer

    from engine import runner as runner_mod
    from engine.store import Store
    from gui.app import make_application
    from gui.main_window import MainWindow

    app = make_application([])
    work = Path(tempfile.mkdtemp(prefix="haulbook-bench-gui-"))
    tiny_folder(work / "in", files)
    runner_mod.process_page = stand_in(delay_ms / 1000.0)  # type: ignore[assignment]
    store = Store(work / "data")
    window = MainWindow(store, QSettings(str(work / "gui.ini"), QSettings.Format.IniFormat))
    window.show()
    window.set_folder(str(work / "in"))
    window.form.workers.setValue(workers)

    apply_times: list[float] = []
    original = window._on_batch

    def timed(events):  # type: ignore[no-untyped-def]
        t0 = time.perf_counter()
        original(events)
        apply_times.append(time.perf_counter() - t0)

    window.bridge.batch.disconnect(window._on_batch)
    window.bridge.batch.connect(timed)
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
    r = bench_stall(args.files, args.delay_ms, args.workers)
    print(
        f"run of {r['pages']} pages, {r['rows']} rows in the table: "
        f"{r['wall_s']:.1f} s, {r['pages_per_minute']:.0f} pages/min, {r['batches']} batches"
    )
    print(
        f"longest event-loop stall: {r['worst_stall_ms']:.1f} ms (p99 {r['p99_stall_ms']:.1f} ms), "
        f"target <= 50 ms; longest batch applied: {r['worst_batch_ms']:.1f} ms"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
