"""review_queue.csv and errors.csv: UTF-8 with a BOM so Excel shows accents and symbols right."""

from __future__ import annotations

import csv
import datetime as dt
import pathlib
from collections.abc import Iterable, Sequence
from typing import Any

from engine.export.columns import REVIEW_EXTRA, TICKET_HEADER, review_values
from engine.export.sanitize import csv_safe
from engine.models import ExportData, FileError

ERRORS_CSV_HEADER = ["Source File", "Error Kind", "Message", "Attempts"]
REVIEW_CSV_HEADER = TICKET_HEADER + REVIEW_EXTRA


def _field(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, float):
        return repr(value) if value == value else ""
    if isinstance(value, int):
        return str(value)
    return csv_safe(str(value))


def write_csv(path: pathlib.Path, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    # newline="" and the csv module's CRLF line ends: what Excel on Windows expects.
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        for row in rows:
            writer.writerow([_field(v) for v in row])


def error_row(e: FileError) -> list[Any]:
    # The contract has no Page column; a failed page of a good file says which page in words.
    message = e.message if e.page is None else f"Page {e.page}: {e.message}"
    return [e.source_file, e.kind.value, message, e.attempts]


def write_errors_csv(data: ExportData, path: pathlib.Path) -> None:
    write_csv(path, ERRORS_CSV_HEADER, (error_row(e) for e in data.errors))


def write_review_csv(data: ExportData, path: pathlib.Path) -> None:
    rows = (review_values(t) for t in data.tickets if t.needs_review)
    write_csv(path, REVIEW_CSV_HEADER, rows)
