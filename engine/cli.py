"""The command line: `run`, `runs`, `export`, `--version`; the same engine as the window."""

from __future__ import annotations

import argparse
import contextlib
import json
import signal
import sys
import time
from pathlib import Path
from types import FrameType
from typing import NoReturn, TextIO

from . import __version__
from .events import Event, FileFailed, Progress, RunStarted
from .models import FatalError, OutputNotWritable, RunSummary, Settings, default_workers
from .store import Store

EXIT_OK = 0
EXIT_FAILURES = 1
EXIT_USAGE = 2
EXIT_TESSERACT = 3
EXIT_OUTPUT = 4
EXIT_INTERRUPTED = 130


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        print(f"haulbook: {message}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def _retries(text: str) -> int:
    value = int(text)
    if not 0 <= value <= 10:
        raise argparse.ArgumentTypeError("must be between 0 and 10")
    return value


def _seconds(text: str) -> float:
    value = float(text)
    if value <= 0:
        raise argparse.ArgumentTypeError("must be more than 0")
    return value


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="haulbook", description="Scanned truck tickets in, tracking workbook out.")
    p.add_argument("--version", action="version", version=f"haulbook {__version__}")
    p.add_argument("--self-test", action="store_true", help="check this installation and exit")
    sub = p.add_subparsers(dest="command", parser_class=_Parser)
    run = sub.add_parser("run", help="read every ticket in a folder")
    run.add_argument("input_dir", type=Path)
    run.add_argument("--out", type=Path, help="output folder (default: under Documents)")
    run.add_argument("--workers", type=_positive_int, default=default_workers())
    run.add_argument("--retries", type=_retries, default=2)
    run.add_argument("--timeout", type=_seconds, default=120.0, help="seconds per page")
    run.add_argument("--job", help="job code written on every ticket row")
    run.add_argument("--fresh", action="store_true", help="start over instead of resuming")
    run.add_argument("--device", choices=("auto", "cpu", "gpu"), default="auto")
    run.add_argument("--json", action="store_true", help="print the run summary as JSON")
    runs = sub.add_parser("runs", help="list earlier runs")
    runs.add_argument("--json", action="store_true")
    export = sub.add_parser("export", help="write a run's outputs again from the store")
    export.add_argument("run_id", nargs="?", type=int)
    export.add_argument("--job", help="one cumulative workbook of every ticket of a job")
    export.add_argument("--out", type=Path, required=True)
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.self_test:
            from .selftest import self_test

            return self_test(sys.stdout)
        if args.command == "run":
            return cmd_run(args)
        if args.command == "runs":
            return cmd_runs(args)
        if args.command == "export":
            return cmd_export(args)
    except FatalError as exc:
        print(f"haulbook: {exc.message}", file=sys.stderr)
        return exc.exit_code
    build_parser().print_help(sys.stderr)
    return EXIT_USAGE


def _open_store() -> Store:
    from .store import Store, default_data_dir
    from .store_damage import recovery_message

    store = Store(default_data_dir())
    if store.recovery is not None:
        print(f"haulbook: {recovery_message(store.recovery)}", file=sys.stderr)
    return store


def _check_writable(out_dir: Path) -> None:
    probe = out_dir / ".haulbook-write-test"
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        probe.write_bytes(b"ok")
        probe.unlink()
    except OSError as exc:
        raise OutputNotWritable(
            f"The output folder {out_dir} cannot be written ({exc.strerror or exc}). "
            "Choose another folder with --out."
        ) from exc


def cmd_run(args: argparse.Namespace) -> int:
    input_dir: Path = args.input_dir
    if not input_dir.is_dir():
        print(f"haulbook: {input_dir} is not a folder.", file=sys.stderr)
        return EXIT_USAGE
    from .discover import CANNOT_LIST, can_list
    from .logsetup import setup_logging

    # Details (a library's warnings, a fault's traceback) go to the log file, as the window's
    # do; the operator's terminal gets the progress and plain messages. A log file problem
    # must not stop the run.
    with contextlib.suppress(Exception):
        setup_logging()
    if not can_list(input_dir):
        print(f"haulbook: the folder {input_dir} {CANNOT_LIST}.", file=sys.stderr)
        return EXIT_USAGE
    # Everything else before Qt: once PySide6 is loaded, its import hook reads the source of
    # every module imported after it (a tenth of a second for openpyxl and reportlab).
    from .device import DeviceProbe
    from .export import default_output_dir, write_outputs
    from .ocr import find_tesseract
    from .pagetask import make_context
    from .runner import Runner

    # isort: split
    from .executor import QtExecutor

    settings = Settings(
        workers=args.workers,
        retries=args.retries,
        timeout_s=args.timeout,
        job=args.job,
        fresh=args.fresh,
        device=args.device,
    )
    tesseract = find_tesseract()
    out_dir = args.out or default_output_dir(input_dir.resolve())
    _check_writable(out_dir)
    store = _open_store()
    device = DeviceProbe(settings.device).get()
    context = make_context(tesseract, device)
    executor = QtExecutor(settings.workers)
    progress = ProgressPrinter(sys.stderr)
    runner = Runner(store, settings, context, executor, progress)

    interrupts = 0

    def on_sigint(signum: int, frame: FrameType | None) -> None:
        nonlocal interrupts
        interrupts += 1
        if interrupts > 1:
            raise KeyboardInterrupt
        print(
            "\nhaulbook: stopping after the pages in progress (Ctrl-C again to quit now); "
            "run the same command to resume.",
            file=sys.stderr,
        )
        runner.cancel()

    previous = signal.signal(signal.SIGINT, on_sigint)
    try:
        finished = runner.run(input_dir)
    finally:
        signal.signal(signal.SIGINT, previous)
        executor.shutdown(5000)
        context.close()
    progress.close()
    summary = finished.summary
    code = finished.exit_code
    if finished.fatal:
        print(f"haulbook: {finished.fatal}", file=sys.stderr)
    try:
        store.set_output_dir(summary.run_id, str(out_dir))
        summary.output_dir = str(out_dir)
        result = write_outputs(store.export_data(summary.run_id), out_dir)
        for warning in result.warnings:
            print(f"haulbook: {warning}", file=sys.stderr)
    except OutputNotWritable as exc:
        print(f"haulbook: {exc.message}", file=sys.stderr)
        code = code if finished.fatal else EXIT_OUTPUT
    store.back_up_if_due()
    _report(summary, args.json, out_dir)
    return code


def _report(summary: RunSummary, as_json: bool, out_dir: Path) -> None:
    if as_json:
        print(json.dumps(summary.to_json(), default=str))
        return
    print(f"Run {summary.run_id} {summary.status}: {summary.headline()}. Output: {out_dir}")


def cmd_runs(args: argparse.Namespace) -> int:
    store = _open_store()
    runs = store.list_runs()
    if args.json:
        print(json.dumps([r.to_json() for r in runs], default=str))
        return EXIT_OK
    if not runs:
        print("No runs yet.")
        return EXIT_OK
    print(
        f"{'ID':>4}  {'STATUS':<10} {'STARTED':<25} {'FILES':>5} "
        f"{'TICKETS':>7} {'REVIEW':>6}  FOLDER"
    )
    for r in runs:
        print(
            f"{r.run_id:>4}  {r.status:<10} {r.started_at:<25} {r.files_total:>5} "
            f"{r.tickets:>7} {r.needs_review:>6}  {r.input_dir}"
        )
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from .export import write_outputs

    if (args.run_id is None) == (args.job is None):
        print("haulbook: give either a RUN_ID or --job CODE.", file=sys.stderr)
        return EXIT_USAGE
    store = _open_store()
    if args.job is not None:
        data = store.export_data_for_job(args.job)
        if not data.tickets:
            print(f"haulbook: no tickets for job {args.job!r}.", file=sys.stderr)
            return EXIT_USAGE
    else:
        if store.run(args.run_id) is None:
            print(f"haulbook: there is no run {args.run_id}.", file=sys.stderr)
            return EXIT_USAGE
        data = store.export_data(args.run_id)
    _check_writable(args.out)
    result = write_outputs(data, args.out)
    for warning in result.warnings:
        print(f"haulbook: {warning}", file=sys.stderr)
    print(f"Wrote {len(data.tickets)} tickets to {result.out_dir}")
    return EXIT_OK


class ProgressPrinter:
    """A progress line on stderr: rewritten in place on a terminal, every few seconds in a log."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.tty = stream.isatty()
        self.last = 0.0
        self.width = 0

    def __call__(self, event: Event) -> None:
        if isinstance(event, RunStarted):
            verb = "Resuming" if event.resumed else "Reading"
            self._line(
                f"{verb} {event.files_total} files in {event.input_dir} "
                f"(run {event.run_id}, {event.device}, Tesseract {event.tesseract_version})",
                final=True,
            )
        elif isinstance(event, FileFailed):
            where = f" page {event.page}" if event.page else ""
            self._line(f"  {event.rel_path}{where}: {event.kind}: {event.message}", final=True)
        elif isinstance(event, Progress):
            now = time.monotonic()
            if now - self.last < (0.5 if self.tty else 5.0):
                return
            self.last = now
            eta = _duration(event.eta_s) if event.eta_s is not None else "--"
            state = (
                " paused" if event.paused else (" (waiting for memory)" if event.held_back else "")
            )
            # No page read yet, no rate: '0 pages/min' read as a stalled run.
            rate = f"{event.pages_per_minute:.0f}" if event.pages_done else "--"
            self._line(
                f"  files {event.files_done}/{event.files_total}  pages {event.pages_done}/"
                f"{event.pages_total}  {rate} pages/min  ETA {eta}{state}"
            )

    def _line(self, text: str, final: bool = False) -> None:
        if self.tty:
            pad = " " * max(0, self.width - len(text))
            self.stream.write("\r" + text + pad + ("\n" if final else ""))
            self.width = 0 if final else len(text)
        else:
            self.stream.write(text + "\n")
        self.stream.flush()

    def close(self) -> None:
        if self.tty and self.width:
            self.stream.write("\n")
            self.stream.flush()


def _duration(seconds: float) -> str:
    seconds = int(seconds)
    if seconds >= 3600:
        return f"{seconds // 3600}h{seconds % 3600 // 60:02d}m"
    return f"{seconds // 60}m{seconds % 60:02d}s"


if __name__ == "__main__":
    sys.exit(main())
