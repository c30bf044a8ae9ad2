"""The run's facts as label/value pairs: the Summary sheet and the report show the same ones."""

from __future__ import annotations

from typing import Any

from engine.export.totals import Totals
from engine.models import EmptyPage, ExportData


def duration_text(seconds: float) -> str:
    total = max(0, round(seconds))
    h, rest = divmod(total, 3600)
    m, sec = divmod(rest, 60)
    if h:
        return f"{h} h {m:02d} min"
    if m:
        return f"{m} min {sec:02d} s"
    return f"{seconds:.1f} s"


def run_facts(data: ExportData, totals: Totals) -> list[tuple[str, Any]]:
    """The run's facts as label/value pairs (the Summary sheet and the report share them)."""
    s = data.summary
    facts: list[tuple[str, Any]] = [
        ("Run", s.run_id),
        ("Status", s.status),
        ("Folder", s.input_dir or data.input_dir),
        ("Job", s.job or ""),
        ("Started", s.started_at),
        ("Finished", s.finished_at or ""),
        ("Duration", duration_text(s.duration_s)),
        ("Files", s.files_total),
        ("Files processed", s.files_done),
        ("Files failed", s.files_failed),
        ("Files unchanged (skipped)", s.files_skipped),
        ("Pages", s.pages),
        ("Pages read by OCR", s.pages_ocr),
        ("Pages per minute", round(s.pages_per_minute, 1)),
        ("Tickets", len(data.tickets)),
        ("Tickets needing review", sum(1 for t in data.tickets if t.needs_review)),
        ("Pages with no ticket", len(data.empty_pages)),
        ("Duplicates left out of totals", totals.duplicates_left_out),
        ("Device", s.device),
        ("Tesseract", s.tesseract_version),
        ("Haulbook", s.app_version),
    ]
    return facts


def empty_page_reason(page: EmptyPage) -> str:
    """Why a page gave no row and what to do, in the operator's words."""
    return f"{page.problem}: {page.detail}. {page.advice}"
