"""Negative scans (white print on black) are read like the tickets they are; pages that are
merely dark (a photo on a desk, black paper, a lid left open) are left as they are."""

from __future__ import annotations

import random

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageOps

from engine import negative, ocr, pagetask
from engine.device import cpu_device
from engine.models import Settings
from tests import ticketgen

STYLE = ticketgen.Style(dpi=200, noise=0.02, skew_deg=0.7)


def _scan(seed: str, layout: str = "quarry") -> tuple[ticketgen.TicketSpec, Image.Image]:
    spec = ticketgen.random_spec(random.Random(seed), layout)
    return spec, ticketgen.render_ticket(spec, STYLE)


@pytest.fixture(scope="module")
def context() -> pagetask.PageContext:
    return pagetask.make_context(ocr.find_tesseract(), cpu_device("test"))


@pytest.mark.parametrize("colour", [False, True], ids=["grey", "colour"])
def test_a_negative_scan_is_read_like_the_ticket_it_is(context, colour):
    """A scanner left on 'negative' (or a fax server's TIFF with its colours swapped): the page
    was taken for blank and the ticket was lost."""
    spec, scan = _scan(f"negative-{colour}", "landfill" if colour else "quarry")
    flipped = ImageOps.invert(scan if colour else scan.convert("L"))
    _, tickets = pagetask.read_page_tickets(flipped, Settings(), context, dpi=200)
    assert len(tickets) == 1
    ticket = tickets[0]
    assert ticket.ticket_number == spec.ticket_number
    assert ticket.date == spec.date
    assert ticket.vendor == spec.vendor
    assert ticket.net_lb == spec.net_lb


def test_a_negative_is_told_from_its_print_on_a_dark_ground():
    _, scan = _scan("negative-judge")
    pixels = np.asarray(scan)
    assert not negative.is_negative(pixels)
    assert negative.is_negative(255 - pixels)
    assert negative.is_negative(255 - np.asarray(scan.convert("L")))
    assert negative.positive(pixels) is pixels  # an ordinary page is not copied
    assert np.array_equal(negative.positive(255 - pixels), pixels)


def _on_desk(scan: Image.Image, paper_share: float) -> np.ndarray:
    """The ticket photographed on a dark desk, taking `paper_share` of the picture."""
    scale = (1 / paper_share) ** 0.5
    desk = Image.new("RGB", (int(scan.width * scale), int(scan.height * scale)), (58, 46, 38))
    desk.paste(scan, ((desk.width - scan.width) // 2, (desk.height - scan.height) // 3))
    return np.asarray(desk)


@pytest.mark.parametrize("paper_share", [0.5, 0.2, 0.08])
def test_a_ticket_photographed_on_a_dark_desk_is_no_negative(paper_share):
    _, scan = _scan("negative-desk")
    assert not negative.is_negative(_on_desk(scan, paper_share))


def test_dark_pages_that_are_not_negatives_are_left_alone():
    rng = np.random.default_rng(5)
    black = np.full((1700, 1400, 3), 18, np.uint8)
    dusty = black.copy()
    ys, xs = rng.integers(0, 1700, 60), rng.integers(0, 1400, 60)
    dusty[ys, xs] = 250  # a lid left open: a few specks of dust
    navy = Image.new("RGB", (1400, 1700), (30, 40, 90))  # black print on dark paper
    ImageDraw.Draw(navy).text((100, 100), "TICKET 4821  NET 41,220 LB" * 2, fill=(0, 0, 0))
    for page in (black, dusty, np.asarray(navy), np.zeros((5, 0, 3), np.uint8)):
        assert not negative.is_negative(page)
        assert negative.positive(page) is page
