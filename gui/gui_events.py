"""Plain events that the window's own background jobs hand to the bridge.

The engine's events (engine/events.py) describe a run; these describe the window's other
background work: the start-up probe, a run that could not start, an export, a page image, the
tickets to review read from the store.
They are plain data: worker threads never touch a Qt object.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class EnvironmentReady:
    """The start-up probe: which device does the image work, which Tesseract reads."""

    device_label: str
    device_reason: str
    tesseract_version: str | None
    tesseract_problem: str | None = None  # the install hint when Tesseract is missing


@dataclass(frozen=True)
class RunNotStarted:
    """A run that stopped before or outside the runner's own handling (Tesseract missing...)."""

    message: str
    exit_code: int = 1


@dataclass(frozen=True)
class RunThreadEnded:
    """The run's thread has released its store and workers; a new run may start."""

    run_id: int | None


@dataclass(frozen=True)
class ExportDone:
    out_dir: str
    files: dict[str, str]
    warnings: list[str]


@dataclass(frozen=True)
class ExportFailed:
    message: str
    out_dir: str
    not_writable: bool = False


@dataclass(frozen=True)
class PageImage:
    """A rendered page for the review view: `rgb` is an HxWx3 uint8 array, or None on error."""

    request: int
    ticket_id: int
    rgb: Any
    problem: str | None = None


@dataclass(frozen=True)
class ReviewLoaded:
    """A run's tickets that need review (engine Tickets), read from the store on a worker thread;
    `errors` (ErrorRows) when they were asked for too; `problem` when the store could not say."""

    request: int
    run_id: int
    tickets: list[Any]
    errors: list[Any] | None = None
    problem: str | None = None
