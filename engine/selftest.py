"""`haulbook --self-test`: proves an installation works, for support and after a build.

It checks the parts a broken install loses first, in the order a user would need them:
Tesseract (and its English data), the data folder (a real SQLite store), the bundled vendor
profiles, and then reads one built-in ticket through the real page pipeline. Every line it
prints says what it found; the last line starts with OK or FAILED.
"""

from __future__ import annotations

import sys
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from PIL import Image

from . import __version__
from .device import DeviceProbe
from .extract import load_profiles
from .models import FatalError, OutputNotWritable, Settings
from .ocr import Tesseract, find_tesseract, languages
from .pagetask import RESOURCES, make_context, read_page_image
from .store import Store, default_data_dir

# The built-in page (made by scripts/build_assets.py) and what is printed on it.
SAMPLE_NAME = "selftest_ticket.png"
SAMPLE_TICKET_NUMBER = "418207"
SAMPLE_VENDOR = "EL SOBRANTE LANDFILL"
# The sample prints about 70 words; far fewer means Tesseract is not really reading.
MIN_SAMPLE_WORDS = 30

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_DATA_DIR = OutputNotWritable.exit_code


class CheckFailed(Exception):
    def __init__(self, message: str, exit_code: int = EXIT_FAILED) -> None:
        super().__init__(message)
        self.message = message
        self.exit_code = exit_code


@dataclass
class SampleRead:
    ticket_number: str | None
    vendor: str | None
    words: int
    seconds: float
    device: str


def self_test(
    stream: TextIO,
    data_dir: Path | None = None,
    sample: Path | None = None,
) -> int:
    """Run every check, print one line each, and return the exit code (0 when all passed)."""
    started = time.perf_counter()
    say = _printer(stream)
    frozen = " (frozen)" if getattr(sys, "frozen", False) else ""
    say(f"Haulbook {__version__} self-test{frozen}, Python {sys.version.split()[0]}")
    try:
        tesseract = find_tesseract()
        # find_tesseract has refused one without English; the list is for support.
        langs = ", ".join(sorted(languages(tesseract) or {"(not listed)"}))
        say(f"  tesseract: {tesseract.version} at {tesseract.cmd} (languages: {langs})")
        store_path = _check_data_dir(data_dir)
        say(f"  data folder: {store_path.parent} (written and read back)")
        profiles = _check_profiles()
        say(f"  vendor profiles: {profiles}")
        read = _read_sample(tesseract, sample or RESOURCES / SAMPLE_NAME)
        say(
            f"  sample page: {read.words} words in {read.seconds:.1f} s on {read.device}; "
            f"vendor {read.vendor or '(not found)'}, ticket {read.ticket_number or '(not found)'}"
        )
    except CheckFailed as exc:
        say(f"FAILED: {exc.message}")
        return exc.exit_code
    except FatalError as exc:
        say(f"FAILED: {exc.message}")
        return exc.exit_code
    except Exception as exc:  # noqa: BLE001 - support needs the reason, not a traceback
        say(f"FAILED: unexpected error: {type(exc).__name__}: {exc}")
        return EXIT_FAILED
    say(
        f"OK: read ticket {read.ticket_number} from {read.vendor or 'an unknown vendor'} "
        f"in {time.perf_counter() - started:.1f} s"
    )
    return EXIT_OK


def _printer(stream: TextIO) -> Callable[[str], None]:
    def say(line: str) -> None:
        stream.write(line + "\n")
        stream.flush()

    return say


def _check_data_dir(data_dir: Path | None) -> Path:
    """Open the real store (creates or upgrades it) and round-trip a file beside it."""
    folder = data_dir or default_data_dir()
    store = Store(folder)  # raises OutputNotWritable with a fix-it message
    try:
        store.list_runs()
        db_path = store.db_path
    finally:
        store.close()
    probe = folder / f".selftest-{uuid.uuid4().hex}"
    payload = uuid.uuid4().bytes
    try:
        probe.write_bytes(payload)
        back = probe.read_bytes()
    except OSError as exc:
        raise CheckFailed(
            f"The data folder {folder} cannot be written ({exc.strerror or exc}). "
            "Set HAULBOOK_DATA_DIR to a writable folder.",
            EXIT_DATA_DIR,
        ) from exc
    finally:
        probe.unlink(missing_ok=True)
    if back != payload:
        raise CheckFailed(f"The data folder {folder} gave back other bytes than written.")
    return db_path


def _check_profiles() -> int:
    # A build that forgot resources/vendors still runs but reads every vendor worse.
    count = len(load_profiles(RESOURCES / "vendors"))
    if count == 0:
        raise CheckFailed(f"No vendor profiles in {RESOURCES / 'vendors'}: the install is broken.")
    return count


def _read_sample(tesseract: Tesseract, sample: Path) -> SampleRead:
    try:
        with Image.open(sample) as img:
            img.load()
            image = img.copy()
            image.info = dict(img.info)
    except OSError as exc:
        raise CheckFailed(f"The built-in sample page {sample} cannot be opened: {exc}") from exc
    settings = Settings()
    context = make_context(tesseract, DeviceProbe(settings.device).get())
    t0 = time.perf_counter()
    try:
        page, ticket = read_page_image(image, settings, context)
    finally:
        context.close()
    seconds = time.perf_counter() - t0
    read = SampleRead(
        ticket_number=ticket.ticket_number if ticket else None,
        vendor=ticket.vendor if ticket else None,
        words=len(page.words),
        seconds=seconds,
        device=context.device_label,
    )
    if read.words < MIN_SAMPLE_WORDS:
        # The printed number is also in a barcode: the page alone must prove that OCR works.
        raise CheckFailed(
            f"Tesseract read only {read.words} words on the sample page: OCR is broken."
        )
    if read.ticket_number != SAMPLE_TICKET_NUMBER:
        found = read.ticket_number or "nothing"
        raise CheckFailed(
            f"The sample ticket was misread: expected ticket {SAMPLE_TICKET_NUMBER}, "
            f"found {found} ({read.words} words read). OCR or extraction is broken."
        )
    return read
