"""An unchanged re-run as the store grows: a folder read every day for months.

    .venv/bin/python bench/bench_store.py [--files 2000] [--history 60]

An operator's folder is read again each day to pick up the day's new scans, and every run is
kept in the store (the ledger, and the job workbook across runs). This bench builds two stores
for the same folder of `--files` one-page files with one ticket each: one holding a single
earlier run, one holding `--history` earlier runs (the same files carried over each time, as
the real re-runs do). It then times the real command's unchanged re-run against each.

Prints the run's own time (summary duration_s) and the whole command's, per store, and the
ratio history / single, target <= 2: a re-run must not slow down with every run kept (a
lookup in a bigger index costs a little more; a scan of every earlier run costs sixty times more).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PIL import Image  # noqa: E402

from engine import __version__  # noqa: E402
from engine.discover import sha256_of  # noqa: E402
from engine.models import (  # noqa: E402
    FileStatus,
    FileTask,
    PageResult,
    RunStatus,
    Settings,
    Ticket,
)
from engine.store import Store  # noqa: E402


def make_folder(root: Path, files: int) -> list[FileTask]:
    """Tiny files of distinct content (the store keys on SHA-256), written long ago."""
    root.mkdir(parents=True)
    rng = random.Random(5)
    old = time.time() - 3600
    tasks = []
    for i in range(files):
        path = root / f"ticket_{i:05d}.png"
        # A small real image of its own: the first run is synthesised below, so only its
        # fingerprint and its being a picture matter.
        Image.frombytes("L", (16, 16), rng.randbytes(256)).save(path)
        os.utime(path, (old, old))
        st = path.stat()
        tasks.append(
            FileTask(str(path), path.name, st.st_size, st.st_mtime, sha256=sha256_of(str(path)))
        )
    return tasks


def build_store(data: Path, folder: Path, tasks: list[FileTask], runs: int) -> None:
    """The first run through the store's own calls; each later one as a re-run leaves it."""
    store = Store(data)
    settings = Settings(workers=2)
    first = store.create_run(str(folder), settings, "cpu", "5", __version__)
    for i, task in enumerate(tasks):
        fid = store.register_file(first, task)
        store.update_file(fid, sha256=task.sha256, pages=1, status=FileStatus.DONE.value)
        ticket = Ticket(
            source_file=task.rel_path,
            page=1,
            vendor="Granite Rock",
            ticket_number=f"{100000 + i}",
            net_lb=40000.0 + i,
            needs_review=False,
            confidence=0.95,
        )
        store.commit_page(first, str(folder), PageResult(fid, 0, "ocr", [ticket], ocr_used=True))
    store.set_run_status(first, RunStatus.COMPLETED, duration_s=1.0, finished=True)
    folder_s = str(folder)
    for _ in range(runs - 1):
        # What an unchanged re-run leaves in the store, through the store's own calls.
        run = store.create_run(folder_s, settings, "cpu", "5", __version__)
        for task in tasks:
            fid = store.register_file(run, task)
            earlier = store.processed_before(folder_s, run, task.rel_path, str(task.sha256))
            assert earlier is not None
            store.carry_over(run, fid, earlier, task.rel_path)
        store.set_run_status(run, RunStatus.COMPLETED, duration_s=0.5, finished=True)
    store.conn.close()


def rerun(folder: Path, data: Path, out: Path) -> tuple[float, float, dict]:
    env = dict(
        os.environ, HAULBOOK_DATA_DIR=str(data), HAULBOOK_DEVICE="cpu", QT_QPA_PLATFORM="offscreen"
    )
    cmd = [sys.executable, str(ROOT / "main.py"), "run", str(folder), "--out", str(out), "--json"]
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(f"haulbook run failed ({proc.returncode}): {proc.stderr[-2000:]}")
    summary = json.loads(proc.stdout.strip().splitlines()[-1])
    return wall, float(summary["duration_s"]), summary


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--files", type=int, default=2000)
    ap.add_argument("--history", type=int, default=60)
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="haulbook_bench_store_"))
    try:
        folder = tmp / "scans"
        tasks = make_folder(folder, args.files)
        results = {}
        for name, runs in (("single", 1), ("history", args.history)):
            t0 = time.perf_counter()
            build_store(tmp / name, folder, tasks, runs)
            built = time.perf_counter() - t0
            wall, run_s, summary = rerun(folder, tmp / name, tmp / f"out_{name}")
            if summary["files_skipped"] != args.files or summary["pages_ocr"] != 0:
                raise SystemExit(f"the re-run was not a skip of every file: {summary}")
            results[name] = (wall, run_s)
            print(
                f"{name}: {runs} earlier runs (built in {built:.1f}s): re-run {run_s:.2f}s"
                f" ({1000 * run_s / args.files:.2f} ms a file), whole command {wall:.2f}s"
            )
        single, history = results["single"], results["history"]
        print(
            f"ratio history/single: run {history[1] / single[1]:.2f} (target <= 2),"
            f" whole command {history[0] / single[0]:.2f}"
        )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
