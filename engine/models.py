"""Plain data passed between the engine's layers.

Nothing here does work: every layer (discovery, documents, OCR, extraction, store, export, GUI)
speaks in these dataclasses so that each can be tested and replaced on its own.
"""

from __future__ import annotations

import datetime as dt
import enum
import os
from dataclasses import asdict, dataclass, field
from typing import Any


class ErrorKind(enum.StrEnum):
    """The error kinds of the contract (errors.csv `Error Kind`)."""

    EMPTY = "empty"
    CORRUPT = "corrupt"
    ENCRYPTED = "encrypted"
    NOT_AN_IMAGE = "not_an_image"
    TOO_LARGE = "too_large"
    UNSUPPORTED = "unsupported"
    TIMEOUT = "timeout"
    OCR_FAILED = "ocr_failed"
    IO_ERROR = "io_error"

    @property
    def transient(self) -> bool:
        """Worth another try: the cause may pass (a file being written, a share, a crash)."""
        return self in (ErrorKind.TIMEOUT, ErrorKind.OCR_FAILED, ErrorKind.IO_ERROR)


# One plain sentence per kind for someone who is not a programmer: what to do about it.
ERROR_ADVICE: dict[ErrorKind, str] = {
    ErrorKind.EMPTY: "The file has nothing in it to read. Scan the ticket again.",
    ErrorKind.CORRUPT: "The file is damaged and cannot be opened. Scan the ticket again.",
    ErrorKind.ENCRYPTED: "The PDF is password-protected. Save it without a password and retry.",
    ErrorKind.NOT_AN_IMAGE: (
        "Open it to see what it is; if it is a ticket, save or scan it again as PDF or picture."
    ),
    ErrorKind.TOO_LARGE: "The page is too large to read safely. Rescan at 300 DPI.",
    ErrorKind.UNSUPPORTED: (
        "Haulbook reads PDFs and pictures (PNG, JPEG, TIFF, phone photos): put the tickets in"
        " the folder as one of those."
    ),
    ErrorKind.TIMEOUT: "Reading the page took too long. Retry, or raise the page timeout.",
    ErrorKind.OCR_FAILED: "The text reader (Tesseract) failed on this page. Retry the file.",
    ErrorKind.IO_ERROR: (
        "Check the file is still there and not open in another program "
        "(or the network share is back), then retry."
    ),
}


class PageError(Exception):
    """A classified failure of one file or page. The runner decides on retries from `kind`."""

    def __init__(self, kind: ErrorKind, message: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message


class FatalError(Exception):
    """Stops the whole run with one clear message; the run stays resumable."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class TesseractMissing(FatalError):
    exit_code = 3


class OutputNotWritable(FatalError):
    """The data dir or output folder cannot be written (permissions, disk full)."""

    exit_code = 4


class StoreDamaged(OutputNotWritable):
    """The store's file is damaged (a failing disk, a sync tool writing into it): the next
    start checks it, sets it aside and puts its last copy back."""


class RunStatus(enum.StrEnum):
    RUNNING = "running"
    COMPLETED = "completed"
    PARTIAL = "partial"
    FAILED = "failed"
    CANCELLED = "cancelled"


class FileStatus(enum.StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"
    SKIPPED = "skipped"  # unchanged since an earlier run: its tickets are carried over


class ReviewReason(enum.StrEnum):
    MISSING_TICKET_NUMBER = "MISSING_TICKET_NUMBER"
    MISSING_DATE = "MISSING_DATE"
    LOW_CONFIDENCE = "LOW_CONFIDENCE"
    HANDWRITTEN = "HANDWRITTEN"
    WEIGHTS_DISAGREE = "WEIGHTS_DISAGREE"
    DATE_OUT_OF_RANGE = "DATE_OUT_OF_RANGE"
    UNKNOWN_VENDOR = "UNKNOWN_VENDOR"
    DUPLICATE_TICKET = "DUPLICATE_TICKET"
    NOT_A_TICKET = "NOT_A_TICKET"
    VOID = "VOID"  # marked VOID or CANCELLED: not to be billed as it stands
    MISSING_QUANTITY = "MISSING_QUANTITY"  # neither a quantity nor a weight: nothing to bill


def default_workers() -> int:
    return max(1, os.cpu_count() or 1)


@dataclass
class Settings:
    """Everything a run needs to know; snapshotted into the ledger as JSON."""

    workers: int = field(default_factory=default_workers)
    retries: int = 2
    timeout_s: float = 120.0  # per page, Tesseract included
    job: str | None = None
    fresh: bool = False
    device: str = "auto"  # auto | cpu | gpu
    dpi: int = 300
    max_pixels: int = 80_000_000  # larger pages are refused as too_large
    max_file_bytes: int = 1_000_000_000
    lang: str = "eng"
    settle_s: float = 2.0  # a file modified more recently than this is still being written
    memory_floor_mb: int = 400  # hold back new pages when less memory than this is free

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Settings:
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        return cls(**known)


@dataclass
class FileTask:
    """A file found in the input folder, fingerprinted."""

    path: str  # absolute
    rel_path: str  # relative to the input folder, with '/'
    size: int
    mtime: float
    sha256: str | None = None
    file_id: int | None = None  # the store's id once registered
    pages: int | None = None


@dataclass(frozen=True)
class Word:
    """One OCR word (or text-layer word) in page pixel coordinates."""

    text: str
    left: int
    top: int
    width: int
    height: int
    conf: float  # 0..100; text-layer words carry 99
    block: int = 0
    line: int = 0  # words sharing (block, line) are one printed line

    @property
    def right(self) -> int:
        return self.left + self.width

    @property
    def bottom(self) -> int:
        return self.top + self.height

    @property
    def cx(self) -> float:
        return self.left + self.width / 2

    @property
    def cy(self) -> float:
        return self.top + self.height / 2


@dataclass(frozen=True)
class Barcode:
    format: str
    text: str
    left: int = 0
    top: int = 0
    width: int = 0
    height: int = 0


@dataclass
class PageText:
    """What a page says: its words with boxes, however they were obtained."""

    words: list[Word]
    width: int
    height: int
    source: str  # "ocr" | "text_layer" | "none"
    barcodes: list[Barcode] = field(default_factory=list)
    dpi: float = 300.0
    # Words read from an ink-colour channel (stamped serials in red ink), boxes in page pixels.
    ink_words: list[Word] = field(default_factory=list)

    @property
    def text(self) -> str:
        lines: dict[tuple[int, int], list[Word]] = {}
        for w in self.words:
            lines.setdefault((w.block, w.line), []).append(w)
        ordered = sorted(lines.values(), key=lambda ws: (min(w.top for w in ws), ws[0].left))
        return "\n".join(
            " ".join(w.text for w in sorted(ws, key=lambda w: w.left)) for ws in ordered
        )


@dataclass
class FieldRead:
    """One extracted field: its value, how sure we are, and where it came from."""

    value: Any
    confidence: float  # 0..1
    source: str = "ocr"  # ocr | text_layer | barcode | profile | derived
    box: tuple[int, int, int, int] | None = None  # left, top, width, height in page pixels
    handwritten: bool = False
    # A rule, not OCR, set the confidence (a code with a garbled character, a number that does
    # not fit the vendor's pattern): a second read of the pixels must not raise it.
    ruled: bool = False


TICKET_FIELDS = (
    "vendor",
    "ticket_number",
    "date",
    "truck",
    "hauler",
    "material",
    "quantity",
    "unit",
    "gross_lb",
    "tare_lb",
    "net_lb",
    "manifest",
    "job",
)


@dataclass
class Ticket:
    """One ticket as it goes to the workbook. Dates are dt.date; weights and quantity floats."""

    source_file: str  # relative to the input folder, with '/'
    page: int  # from 1
    vendor: str | None = None
    ticket_number: str | None = None
    date: dt.date | None = None
    truck: str | None = None
    hauler: str | None = None
    material: str | None = None
    quantity: float | None = None
    unit: str | None = None  # TN | CY | LOADS
    gross_lb: float | None = None
    tare_lb: float | None = None
    net_lb: float | None = None
    manifest: str | None = None
    job: str | None = None
    confidence: float = 0.0  # 0..1, the ticket as a whole
    needs_review: bool = True
    review_reasons: list[str] = field(default_factory=list)
    field_confidence: dict[str, float] = field(default_factory=dict)
    field_boxes: dict[str, tuple[int, int, int, int]] = field(default_factory=dict)
    # fields a person should look at (handwritten, uncertain); the review view highlights them
    uncertain_fields: list[str] = field(default_factory=list)
    duplicate_of: str | None = None  # "source_file p.N" of the first sighting
    # fields whose confidence a rule capped (FieldRead.ruled), or that were read through what
    # the page pipeline painted out (a streak, a rule, a stamp): no agreeing read or adding-up
    # weights lift them. Used while the page is read, not stored
    ruled_fields: list[str] = field(default_factory=list)
    # fields worked out from others, and from which (a ticket that prints no net: net from
    # gross and tare, its tons from the net), in the order worked out. They add up by
    # construction, so their adding up is no evidence. Used while the page is read, not stored
    worked_out: dict[str, tuple[str, ...]] = field(default_factory=dict)
    ticket_id: int | None = None  # the store's id
    corrected: bool = False  # a person edited or accepted it

    def add_reason(self, reason: ReviewReason | str) -> None:
        value = reason.value if isinstance(reason, ReviewReason) else reason
        if value not in self.review_reasons:
            self.review_reasons.append(value)
        self.needs_review = True


@dataclass
class PageResult:
    """The outcome of one page task; committed to the store in one transaction."""

    file_id: int
    page_index: int  # from 0
    text_source: str  # ocr | text_layer | none
    tickets: list[Ticket] = field(default_factory=list)
    ocr_used: bool = False
    ocr_s: float = 0.0
    elapsed_s: float = 0.0
    device: str = "cpu"
    rotation: int = 0
    mirrored: bool = False  # read flipped left to right after its turns (scanned from its back)
    is_blank: bool = False
    text: str = ""  # the page text, kept for search and support


@dataclass
class FileError:
    """A row of errors.csv."""

    source_file: str
    kind: ErrorKind
    message: str
    attempts: int
    page: int | None = None  # from 1, when one page of a file failed


@dataclass
class EmptyPage:
    """A page that gave no ticket: blank, or read but not a ticket (a letter, a form)."""

    source_file: str
    page: int  # from 1
    blank: bool

    @property
    def problem(self) -> str:
        return "Blank page" if self.blank else "No ticket found"

    @property
    def detail(self) -> str:
        if self.blank:
            return "nothing found printed or written on it"
        return (
            "read, but no ticket found on it (a letter, a form, or a ticket too faint or too "
            "damaged to read)"
        )

    @property
    def advice(self) -> str:
        if self.blank:
            return "Nothing to do, unless a ticket should be there: then scan it again."
        return "Look at the page: if it is a ticket, scan it again or type it in by hand."


@dataclass
class RunSummary:
    run_id: int
    status: str
    input_dir: str
    files_total: int = 0
    files_done: int = 0
    files_failed: int = 0
    files_skipped: int = 0
    pages: int = 0
    pages_ocr: int = 0
    tickets: int = 0
    needs_review: int = 0
    pages_without_ticket: int = 0  # read, but blank or no ticket on them
    duration_s: float = 0.0
    pages_per_minute: float = 0.0
    device: str = "cpu"
    tesseract_version: str = ""
    started_at: str = ""
    finished_at: str | None = None
    job: str | None = None
    settings: dict[str, Any] = field(default_factory=dict)
    app_version: str = ""
    output_dir: str | None = None

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    def headline(self, listed_in: str = "the report") -> str:
        """The run in one line, for the end of the CLI's output and the window's status;
        `listed_in` says where the pages that gave no ticket are named."""
        text = (
            f"{_counted(self.files_done, 'file', 'files')} read, {self.files_skipped} unchanged, "
            f"{self.files_failed} failed; {_counted(self.tickets, 'ticket', 'tickets')}, "
            f"{self.needs_review} {'needs' if self.needs_review == 1 else 'need'} review"
        )
        if self.pages_without_ticket:
            text += (
                f"; {_counted(self.pages_without_ticket, 'page', 'pages')} gave no ticket "
                f"(listed in {listed_in})"
            )
        return text


def _counted(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


@dataclass
class ExportData:
    """Everything the exporters need, read from the store; exporters never touch the store."""

    summary: RunSummary
    tickets: list[Ticket]
    errors: list[FileError]
    input_dir: str  # for hyperlinks to the scanned files
    empty_pages: list[EmptyPage] = field(default_factory=list)
