"""Draw a PDF page in steps: PDFium's progressive renderer, with a deadline and pauses.

PDFium is not thread-safe, so every PDF shares one lock. Drawn in one call, a page of a
vector drawing (a site plan filed among the tickets, hundreds of thousands of strokes) held
that lock for as long as it took, with no time limit: every other PDF waited. Drawn in steps,
the page gives the lock up between steps (about every `STEP_S`), so other PDFs' pages go on,
and a page still drawing at its deadline is stopped and reported as a timeout.

A ticket draws in well under one step, so it is drawn exactly as one call would draw it.
"""

from __future__ import annotations

import math
import threading
import time
from typing import Any

import numpy as np
import pypdfium2 as pdfium
import pypdfium2.internal as pdfium_i
import pypdfium2.raw as pdfium_c

from .models import ErrorKind, PageError

STEP_S = 0.1


def draw(
    page: pdfium.PdfPage,
    scale: float,
    grayscale: bool,
    lock: threading.Lock,
    timeout_s: float | None = None,
    crop: tuple[int, int, int, int] | None = None,
) -> np.ndarray:
    """The page at `scale`, gray (HxW) or RGB (HxWx3), white paper under it; with `crop`
    (left, top, width, height in pixels at `scale`) only that part of it. Called with `lock`
    held; returns with it held. Raises PageError (timeout) or PdfiumError (not drawable)."""
    page_w = math.ceil(page.get_width() * scale)
    page_h = math.ceil(page.get_height() * scale)
    left, top, width, height = crop or (0, 0, page_w, page_h)
    if grayscale:
        fmt, flags, reverse = pdfium_c.FPDFBitmap_Gray, pdfium_c.FPDF_GRAYSCALE, False
    else:
        # RGB byte order straight from PDFium: through Pillow, the channel swap alone doubled
        # the cost of a 300-DPI page.
        fmt, flags, reverse = pdfium_c.FPDFBitmap_BGR, pdfium_c.FPDF_REVERSE_BYTE_ORDER, True
    flags |= pdfium_c.FPDF_ANNOT
    bitmap = pdfium.PdfBitmap.new_native(width, height, fmt, rev_byteorder=reverse)
    bitmap.fill_rect((255, 255, 255, 255), 0, 0, width, height)
    deadline = None if timeout_s is None else time.monotonic() + timeout_s
    step_end = time.monotonic() + STEP_S

    def need_to_pause(_: Any) -> int:
        return int(time.monotonic() >= step_end)

    pause = pdfium_c.IFSDK_PAUSE(version=1)
    pdfium_i.set_callback(pause, "NeedToPauseNow", need_to_pause)
    # The page drawn at full size, shifted so that the crop's corner lands on the bitmap's.
    args = (bitmap, page, -left, -top, page_w, page_h, 0, flags)
    status = pdfium_c.FPDF_RenderPageBitmap_Start(*args, pause)
    try:
        while status == pdfium_c.FPDF_RENDER_TOBECONTINUED:
            if deadline is not None and time.monotonic() >= deadline:
                raise PageError(
                    ErrorKind.TIMEOUT,
                    f"The page takes longer than {timeout_s:g} s to draw: a drawing with a "
                    "great many lines, not a scanned ticket.",
                )
            lock.release()
            try:
                time.sleep(0.001)  # a thread waiting for the lock gets it now, not next step
            finally:
                lock.acquire()
            step_end = time.monotonic() + STEP_S
            status = pdfium_c.FPDF_RenderPage_Continue(page, pause)
    finally:
        pdfium_c.FPDF_RenderPage_Close(page)
    if status == pdfium_c.FPDF_RENDER_FAILED:
        raise pdfium.PdfiumError("PDFium could not draw the page")  # the caller classifies it
    if page.formenv:
        pdfium_c.FPDF_FFLDraw(page.formenv, *args)
    # A copy: the bitmap's memory is PDFium's and goes with the document.
    return np.array(bitmap.to_numpy())
