"""One page, start to finish: render, read (text layer or OCR), barcodes, extract, review.

`process_page` is a plain function of plain inputs (PageJob) plus per-run shared helpers
(PageContext); the executor alone decides where it runs.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image

from . import documents, ocr, review, textlayer
from .device import Device
from .extract import extract_ticket, load_profiles
from .imaging import Prepared, Preprocessor
from .models import Barcode, PageResult, PageText, Settings, Ticket, Word

# Mean word confidence under which a page may be sideways or upside down.
WEAK_PAGE_CONF = 55.0
WEAK_PAGE_WORDS = 8

RESOURCES = Path(__file__).resolve().parent.parent / "resources"


@dataclass(frozen=True)
class PageJob:
    path: str
    rel_path: str
    file_id: int
    page_index: int
    settings: Settings


@dataclass
class PageContext:
    """What every page of a run shares: found once, safe to use from any worker thread."""

    tesseract: ocr.Tesseract
    device: Device
    preprocessor: Preprocessor
    profiles: list[Any]
    pdf_lock: threading.Lock = field(default_factory=threading.Lock)
    today: dt.date = field(default_factory=dt.date.today)

    @property
    def device_label(self) -> str:
        return self.device.label


def make_context(
    tesseract: ocr.Tesseract, device: Device, vendors_dir: Path | None = None
) -> PageContext:
    profiles = load_profiles(vendors_dir or RESOURCES / "vendors")
    return PageContext(tesseract, device, Preprocessor(device), profiles)


def process_page(job: PageJob, ctx: PageContext) -> PageResult:
    started = time.perf_counter()
    s = job.settings
    rendered = documents.render_page(job.path, job.page_index, ctx.pdf_lock, s.dpi, s.max_pixels)
    page, ticket, info = read_rendered(rendered, s, ctx)
    tickets: list[Ticket] = []
    if ticket is not None:
        ticket.source_file = job.rel_path
        ticket.page = job.page_index + 1
        tickets.append(ticket)
    return PageResult(
        file_id=job.file_id,
        page_index=job.page_index,
        text_source=page.source,
        tickets=tickets,
        ocr_used=page.source == "ocr",
        ocr_s=info["ocr_s"],
        elapsed_s=time.perf_counter() - started,
        device=info["device"],
        rotation=info["rotation"],
        is_blank=info["blank"],
        text=page.text,
    )


def read_page_image(
    image: Image.Image, settings: Settings, ctx: PageContext, dpi: float = 0.0
) -> tuple[PageText, Ticket | None]:
    """The pipeline on an image in memory (accuracy benchmarks, the self-test)."""
    dpi = dpi or float(image.info.get("dpi", (0, 0))[0] or 0.0)
    rendered = documents.RenderedPage(np.asarray(image.convert("RGB")), dpi, [])
    page, ticket, _ = read_rendered(rendered, settings, ctx)
    return page, ticket


def read_rendered(
    rendered: documents.RenderedPage, settings: Settings, ctx: PageContext
) -> tuple[PageText, Ticket | None, dict[str, Any]]:
    info: dict[str, Any] = {"ocr_s": 0.0, "device": "cpu", "rotation": 0, "blank": False}
    h, w = rendered.rgb.shape[:2]
    if not rendered.scanned and textlayer.usable(rendered.text_words):
        page = PageText(rendered.text_words, w, h, "text_layer", dpi=rendered.dpi)
        page.barcodes = read_barcodes(rendered.rgb)
    else:
        prepared = ctx.preprocessor.prepare(rendered.rgb, rendered.dpi)
        info["device"] = prepared.device
        if prepared.blank:
            info["blank"] = True
            return PageText([], w, h, "none"), None, info
        page, prepared, info["ocr_s"] = _ocr(prepared, settings, ctx)
        info["rotation"] = prepared.rotation
        page.barcodes = read_barcodes(prepared.gray)
    ticket = extract_ticket(page, ctx.profiles, settings.job)
    if ticket is not None:
        review.assess(ticket, ctx.today)
    return page, ticket, info


def _ocr(
    prepared: Prepared, settings: Settings, ctx: PageContext
) -> tuple[PageText, Prepared, float]:
    t0 = time.perf_counter()
    dpi = 300
    words = ocr.ocr_words(prepared.gray, ctx.tesseract, settings.timeout_s, psm=3, dpi=dpi)
    if _weak(words):
        # Too little confident text: maybe sideways or upside down. OSD costs less than a re-read.
        turn = ocr.detect_rotation(prepared.gray, ctx.tesseract, settings.timeout_s)
        if turn:
            turned = ctx.preprocessor.rotate(prepared, turn)
            again = ocr.ocr_words(turned.gray, ctx.tesseract, settings.timeout_s, psm=3, dpi=dpi)
            if _score(again) > _score(words):
                prepared, words = turned, again
    ink_words: list[Word] = []
    if prepared.ink is not None:
        # Stamped serials in coloured ink: sparse text, read on the channel where they stand out.
        ink_words = ocr.ocr_words(prepared.ink, ctx.tesseract, settings.timeout_s, psm=11, dpi=dpi)
    h, w = prepared.gray.shape[:2]
    page = PageText(words, w, h, "ocr", dpi=dpi, ink_words=ink_words)
    return page, prepared, time.perf_counter() - t0


def _weak(words: list[Word]) -> bool:
    good = [w for w in words if w.conf >= 60 and len(w.text) >= 2]
    return len(good) < WEAK_PAGE_WORDS or _mean_conf(words) < WEAK_PAGE_CONF


def _mean_conf(words: list[Word]) -> float:
    return sum(w.conf for w in words) / len(words) if words else 0.0


def _score(words: list[Word]) -> float:
    return sum(w.conf * len(w.text) for w in words if w.conf >= 50)


def read_barcodes(image: np.ndarray) -> list[Barcode]:
    try:
        import zxingcpp
    except ImportError:
        return []
    try:
        results = zxingcpp.read_barcodes(image)
    except Exception:  # noqa: BLE001 - a barcode reader failure must not fail the page
        return []
    out = []
    for r in results:
        pos = r.position
        xs = [pos.top_left.x, pos.top_right.x, pos.bottom_left.x, pos.bottom_right.x]
        ys = [pos.top_left.y, pos.top_right.y, pos.bottom_left.y, pos.bottom_right.y]
        out.append(
            Barcode(
                format=str(r.format).split(".")[-1],
                text=r.text,
                left=min(xs),
                top=min(ys),
                width=max(xs) - min(xs),
                height=max(ys) - min(ys),
            )
        )
    return out
