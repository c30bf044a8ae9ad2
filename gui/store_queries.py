"""Small read-only questions the window asks the GUI thread's store about a run."""

from __future__ import annotations

from typing import Any

from .file_table_model import FileRow


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
