"""A PDF page drawn in steps: the same pixels as one call, other PDFs' pages go on while a heavy
drawing is drawn, and a drawing past the page timeout is a timeout, not a hang."""

from __future__ import annotations

import random
import threading
import time
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import pytest
from reportlab.pdfgen import canvas

from engine import documents, pdf_draw
from engine.models import ErrorKind, PageError
from tests import ticketgen


@pytest.fixture(scope="module")
def site_plan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A vector drawing filed among the tickets: 150,000 short strokes on one page."""
    path = tmp_path_factory.mktemp("plan") / "site plan.pdf"
    c = canvas.Canvas(str(path))
    rng = random.Random(5)
    for _ in range(150_000):
        x, y = rng.uniform(20, 580), rng.uniform(20, 820)
        c.line(x, y, x + rng.uniform(-4, 4), y + rng.uniform(-4, 4))
    c.save()
    return path


def test_a_ticket_is_drawn_exactly_as_one_call_draws_it(tmp_path):
    rng = random.Random(11)
    spec = ticketgen.random_spec(rng, ticketgen.PRINTED_LAYOUTS[0])
    ticketgen.write_digital_pdf(tmp_path / "t.pdf", [spec])
    doc = pdfium.PdfDocument(str(tmp_path / "t.pdf"))
    page = doc[0]
    lock = threading.Lock()
    for gray in (False, True):
        bitmap = page.render(scale=300 / 72, grayscale=gray, rev_byteorder=not gray)
        whole = np.array(bitmap.to_numpy())
        with lock:
            stepped = pdf_draw.draw(page, 300 / 72, gray, lock, 60)
        assert stepped.shape == whole.shape and (stepped == whole).all()
        assert stepped.min() < 100  # the ticket's print is there
    doc.close()


def test_a_drawing_past_the_page_timeout_is_a_timeout(site_plan):
    started = time.monotonic()
    with pytest.raises(PageError) as err:
        documents.render_page(str(site_plan), 0, threading.Lock(), 300, 10**9, timeout_s=0.05)
    assert err.value.kind is ErrorKind.TIMEOUT
    assert "to draw" in err.value.message
    assert time.monotonic() - started < 30


def test_other_pdfs_go_on_while_a_heavy_drawing_is_drawn(site_plan):
    lock = threading.Lock()
    done = threading.Event()

    def draw_plan() -> None:
        try:
            documents.render_page(str(site_plan), 0, lock, 300, 10**9, timeout_s=120)
        finally:
            done.set()

    worker = threading.Thread(target=draw_plan)
    worker.start()
    got_in_while_drawing = 0
    while not done.is_set():
        with lock:
            if not done.is_set():
                got_in_while_drawing += 1
        time.sleep(0.02)
    worker.join()
    assert got_in_while_drawing >= 5, "the lock is given up between the drawing's steps"
