"""Plain events the runner emits to a sink (the CLI's progress line, the window's bridge).

Sinks are called from the runner's thread; they must be thread-safe and quick.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from .models import RunSummary


@dataclass(frozen=True)
class RunStarted:
    run_id: int
    input_dir: str
    files_total: int
    resumed: bool
    device: str
    tesseract_version: str


@dataclass(frozen=True)
class FileQueued:
    file_id: int
    rel_path: str
    status: str = "queued"  # or the status it already has in a resumed run
    pages: int | None = None
    pages_done: int = 0


@dataclass(frozen=True)
class FileStarted:
    file_id: int
    rel_path: str
    pages: int


@dataclass(frozen=True)
class PageDone:
    file_id: int
    page_index: int
    pages_done: int
    pages_total: int
    tickets: int
    needs_review: int
    ocr_used: bool


@dataclass(frozen=True)
class FileDone:
    file_id: int
    rel_path: str
    status: str  # done | skipped | failed
    pages: int
    tickets: int
    needs_review: int
    elapsed_s: float
    attempts: int


@dataclass(frozen=True)
class FileFailed:
    file_id: int
    rel_path: str
    kind: str
    message: str
    advice: str
    attempts: int
    page: int | None = None


@dataclass(frozen=True)
class Progress:
    files_done: int
    files_total: int
    pages_done: int
    pages_total: int
    pages_per_minute: float
    eta_s: float | None
    paused: bool = False
    held_back: bool = False  # the memory governor is holding new pages back


@dataclass(frozen=True)
class RunFinished:
    summary: RunSummary
    fatal: str | None = None  # the one clear message of a fatal stop
    exit_code: int = 0


@dataclass(frozen=True)
class Notice:
    """Something the operator should know that is not a file's failure."""

    message: str
    level: str = "info"
    extra: dict[str, str] = field(default_factory=dict)


Event = (
    RunStarted
    | FileQueued
    | FileStarted
    | PageDone
    | FileDone
    | FileFailed
    | Progress
    | RunFinished
    | Notice
)
Sink = Callable[[Event], None]


def null_sink(event: Event) -> None:
    return None
