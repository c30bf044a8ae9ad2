"""Pages scanned from their back (a carbon copy's reverse, a phone's mirrored selfie-camera
photo) are read the right way round; upright pages are never flipped."""

from __future__ import annotations

import random

import numpy as np
import pytest
from PIL import ImageOps

from engine import ocr, pagetask
from engine.device import cpu_device
from engine.imaging import Preprocessor
from engine.models import Settings
from tests import ticketgen

STYLE = ticketgen.Style(dpi=200, noise=0.03, skew_deg=-1.2)


@pytest.fixture(scope="module")
def context() -> pagetask.PageContext:
    return pagetask.make_context(ocr.find_tesseract(), cpu_device("test"))


@pytest.mark.parametrize(
    ("flip", "layout"),
    [(ImageOps.mirror, "quarry"), (ImageOps.flip, "landfill")],
    ids=["left-to-right", "top-to-bottom"],
)
def test_a_page_scanned_from_its_back_is_read_the_right_way_round(context, flip, layout):
    """Read as it lay, the page gave garbage: no vendor, no date, no weights."""
    spec = ticketgen.random_spec(random.Random(f"mirrored-{layout}"), layout)
    backwards = flip(ticketgen.render_ticket(spec, STYLE))
    _, tickets = pagetask.read_page_tickets(backwards, Settings(), context, dpi=200)
    assert len(tickets) == 1
    ticket = tickets[0]
    assert ticket.ticket_number == spec.ticket_number
    assert ticket.vendor == spec.vendor
    assert ticket.date == spec.date
    assert ticket.net_lb == spec.net_lb


def test_a_letter_with_no_ticket_labels_is_not_flipped(context):
    """An upright page that is no ticket reads surely, if doubtfully as a ticket: its text
    stays as written."""
    page, tickets = pagetask.read_page_tickets(
        ticketgen.render_cover_letter(), Settings(), context, dpi=200
    )
    assert "Accounts Payable" in page.text
    assert "Sincerely," in page.text


def test_boxes_read_on_a_flipped_page_map_back_to_where_the_print_lies():
    """Stamps and streaks are cut from the page as scanned, by the boxes of the page read:
    on a flipped page those boxes come from the flipped image."""
    rng = np.random.default_rng(7)
    pixels = np.full((900, 700, 3), 255, np.uint8)
    for _ in range(40):
        x, y = int(rng.integers(20, 600)), int(rng.integers(20, 850))
        pixels[y : y + 12, x : x + 60] = 0
    pre = Preprocessor(cpu_device("test"))
    upright = pre.prepare(pixels, 200)
    h, w = upright.gray.shape[:2]
    lr = pre.mirror(upright)
    ud = pre.rotate(lr, 180)  # a flip top to bottom: the flip and a half turn
    across = pre.rotate(lr, 90)  # flipped, then a quarter turn: the page transposed
    assert not upright.mirrored and lr.mirrored and ud.mirrored
    assert np.array_equal(ud.gray, upright.gray[::-1, :])
    for x, y in [(100.0, 150.0), (w - 40.0, 30.0), (w / 2, h - 10.0)]:
        assert lr.to_input(x, y) == pytest.approx(upright.to_input(w - x, y), abs=1e-6)
        assert ud.to_input(x, y) == pytest.approx(upright.to_input(x, h - y), abs=1e-6)
        assert across.to_input(y, x) == pytest.approx(upright.to_input(x, y), abs=1e-6)
    assert pre.mirror(lr).to_input(100.0, 150.0) == pytest.approx(upright.to_input(100.0, 150.0))


def test_a_void_stamp_on_a_page_scanned_from_its_back_is_read(context):
    """The stamp is cut from the page as scanned: unless flipped as the page was, its letters
    read backwards and the voided ticket was accepted."""
    spec = ticketgen.random_spec(random.Random("mirrored-void"), "quarry")
    stamped = ticketgen.render_stamped(
        spec, STYLE, ink=(205, 35, 40), angle=14, lines=[("VOID", 54)], at=(4.1, 2.3)
    )
    _, tickets = pagetask.read_page_tickets(ImageOps.mirror(stamped), Settings(), context, dpi=200)
    assert len(tickets) == 1
    assert tickets[0].ticket_number == spec.ticket_number
    assert "VOID" in tickets[0].review_reasons
