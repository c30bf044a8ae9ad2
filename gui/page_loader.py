"""Renders a ticket's page for the review view on a worker thread; the result goes to a sink."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

import numpy

from .gui_events import PageImage

log = logging.getLogger(__name__)

REVIEW_DPI = 150
MAX_PIXELS = 80_000_000


class PageLoader:
    def __init__(self, sink: Callable[[Any], None], pdf_lock: threading.Lock) -> None:
        self.sink = sink
        self.pdf_lock = pdf_lock
        self._latest = 0
        self._lock = threading.Lock()

    def request(
        self, ticket_id: int, path: str, page_index: int, rotation: int = 0, mirrored: bool = False
    ) -> int:
        """Start rendering; returns the request number the PageImage event will carry.

        `rotation` (degrees counter-clockwise, as the page was read) turns a sideways or
        upside-down scan upright, and `mirrored` flips a page scanned from its back, so the
        operator sees the page the fields were read from."""
        with self._lock:
            self._latest += 1
            number = self._latest
        threading.Thread(
            target=self._render,
            args=(number, ticket_id, path, page_index, rotation, mirrored),
            name="haulbook-page",
            daemon=True,
        ).start()
        return number

    def _render(
        self,
        number: int,
        ticket_id: int,
        path: str,
        page_index: int,
        rotation: int,
        mirrored: bool,
    ) -> None:
        with self._lock:
            if number != self._latest:
                return  # the operator already moved on
        try:
            from engine.documents import render_page
            from engine.imaging import as_read
            from engine.models import PageError

            try:
                page = render_page(path, page_index, self.pdf_lock, REVIEW_DPI, MAX_PIXELS)
            except PageError as exc:
                self.sink(PageImage(number, ticket_id, None, exc.message))
                return
            rgb = numpy.ascontiguousarray(as_read(page.pixels, rotation, mirrored))
            self.sink(PageImage(number, ticket_id, rgb))
        except Exception as exc:  # noqa: BLE001 - a missing image must not break the review
            log.exception("could not render %s page %d", path, page_index)
            self.sink(PageImage(number, ticket_id, None, f"The page cannot be shown: {exc}"))
