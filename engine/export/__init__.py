"""Exports: the tracking workbook, the review queue, the errors list, the run report, the summary.

`write_outputs` is the one entry point; it reads nothing but the ExportData it is given (the
engine builds that from the store), so a run's outputs can be recreated at any time.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import pathlib
from collections.abc import Callable
from dataclasses import dataclass, field

from engine.export.atomic import remove_stale_temps, write_atomic
from engine.export.csvfiles import write_errors_csv, write_review_csv
from engine.export.paths import default_output_dir as _default_output_dir
from engine.export.report import write_report
from engine.export.summary import summary_object, write_summary
from engine.export.totals import compute_totals
from engine.export.xlsx import write_workbook
from engine.models import ExportData, OutputNotWritable

log = logging.getLogger(__name__)

TICKETS_XLSX = "tickets.xlsx"
REVIEW_CSV = "review_queue.csv"
ERRORS_CSV = "errors.csv"
REPORT_PDF = "run_report.pdf"
SUMMARY_JSON = "summary.json"

__all__ = [
    "ERRORS_CSV",
    "REPORT_PDF",
    "REVIEW_CSV",
    "SUMMARY_JSON",
    "TICKETS_XLSX",
    "ExportResult",
    "default_output_dir",
    "write_outputs",
]


@dataclass
class ExportResult:
    out_dir: pathlib.Path
    # contract name ("tickets.xlsx") -> the path actually written (another name if it was locked)
    files: dict[str, pathlib.Path] = field(default_factory=dict)
    # plain sentences for the operator, e.g. the workbook was open in Excel
    warnings: list[str] = field(default_factory=list)


def default_output_dir(
    input_dir: pathlib.Path,
    now: dt.datetime | None = None,
    *,
    root: pathlib.Path | None = None,
) -> pathlib.Path:
    """`Documents/Haulbook/<YYYY-MM-DD HHMM> <folder name>`, not yet created."""
    return _default_output_dir(input_dir, now, root=root)


def _prepare(out_dir: pathlib.Path) -> None:
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise OutputNotWritable(
            f"Could not create the output folder {out_dir}: {reason}. Choose another folder; "
            "the run's results are kept and can be exported again."
        ) from exc
    if not os.access(out_dir, os.W_OK):
        raise OutputNotWritable(
            f"The output folder {out_dir} cannot be written to. Choose another folder; the run's "
            "results are kept and can be exported again."
        )


def write_outputs(data: ExportData, out_dir: pathlib.Path) -> ExportResult:
    """Write every output into `out_dir`, each atomically.

    Raises OutputNotWritable when the folder cannot take the files (read-only, disk full). A
    workbook open in Excel is not an error: the file goes under a new name and a warning says so.
    """
    out_dir = pathlib.Path(out_dir)
    _prepare(out_dir)
    remove_stale_temps(out_dir)
    result = ExportResult(out_dir=out_dir)
    totals = compute_totals(data.tickets)

    writers: list[tuple[str, Callable[[pathlib.Path], None]]] = [
        (TICKETS_XLSX, lambda p: write_workbook(data, totals, p)),
        (REVIEW_CSV, lambda p: write_review_csv(data, p)),
        (ERRORS_CSV, lambda p: write_errors_csv(data, p)),
        (REPORT_PDF, lambda p: write_report(data, totals, p)),
    ]
    for name, write in writers:
        try:
            written = write_atomic(out_dir / name, write)
        except OutputNotWritable:
            raise
        except Exception as exc:
            # One broken output must not cost the others: the workbook matters more than the
            # report. The failure is logged in full and told to the operator in one line.
            log.exception("could not write %s", name)
            result.warnings.append(f"{name} could not be written ({type(exc).__name__}: {exc}).")
            continue
        result.files[name] = written.path
        if written.warning:
            result.warnings.append(written.warning)

    # Last, so that it records where everything went (and any warning).
    planned = {**result.files, SUMMARY_JSON: out_dir / SUMMARY_JSON}
    obj = summary_object(data, out_dir, planned, result.warnings)
    written = write_atomic(out_dir / SUMMARY_JSON, lambda p: write_summary(obj, p))
    result.files[SUMMARY_JSON] = written.path
    if written.warning:
        result.warnings.append(written.warning)
    return result
