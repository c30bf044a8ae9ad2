"""Read-only questions the window asks the store about a run.

The small ones are asked of the GUI thread's store. The tickets to review at the end of a run can
be thousands, and building them took 57 ms for 3,333 tickets: `start_review_load` reads them on a
worker thread with its own Store and hands them back as a plain `ReviewLoaded` event.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .error_panel import problem_rows
from .file_table_model import FileRow
from .gui_events import ReviewLoaded

log = logging.getLogger(__name__)


def ticket_counts(store: Any, run_id: int) -> dict[int, tuple[int, int]]:
    """{file_id: (tickets, needing review)}: one grouped query, cheap for 10,000 files."""
    rows = store.conn.execute(
        "SELECT file_id, COUNT(*), COALESCE(SUM(needs_review), 0) FROM tickets"
        " WHERE run_id=? GROUP BY file_id",
        (run_id,),
    ).fetchall()
    return {int(r[0]): (int(r[1]), int(r[2])) for r in rows}


def file_rows(store: Any, run_id: int) -> list[FileRow]:
    """The table's rows for a run loaded from the store (the last run, or one being resumed)."""
    counts = ticket_counts(store, run_id)
    out = []
    for f in store.files(run_id):
        tickets, review = counts.get(f.file_id, (0, 0))
        finished = f.status in ("done", "skipped")
        out.append(
            FileRow(
                file_id=f.file_id,
                rel_path=f.rel_path,
                status="queued" if f.status == "running" else f.status,
                pages=f.pages,
                pages_done=(f.pages or 0) if finished else 0,
                tickets=tickets,
                needs_review=review,
                elapsed_s=f.elapsed_s,
                attempts=f.attempts,
                error=f.error or "",
            )
        )
    return out


def start_review_load(
    data_dir: Path,
    request: int,
    run_id: int,
    with_errors: bool,
    sink: Callable[[Any], None],
) -> threading.Thread:
    """The run's tickets to review (and its problems, `with_errors`) as one ReviewLoaded event."""
    thread = threading.Thread(
        target=_load_review,
        args=(data_dir, request, run_id, with_errors, sink),
        name="haulbook-review",
        daemon=True,
    )
    thread.start()
    return thread


def _load_review(
    data_dir: Path, request: int, run_id: int, with_errors: bool, sink: Callable[[Any], None]
) -> None:
    from engine.store import Store

    tickets: list[Any] = []
    errors = None
    problem = None
    store = None
    try:
        store = Store(data_dir, recover=False)
        tickets = store.tickets(run_id, needs_review_only=True)
        if with_errors:
            errors = problem_rows(store, run_id)
    except Exception as exc:  # noqa: BLE001 - the window waits for this answer: always send one
        log.exception("could not read the tickets to review of run %d", run_id)
        problem = f"The tickets to review could not be read ({type(exc).__name__}: {exc})."
    finally:
        if store is not None:
            store.close()
    sink(ReviewLoaded(request, run_id, tickets, errors, problem))
