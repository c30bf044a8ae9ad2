"""Pages read the right way up: a sideways read is noticed by its word boxes and turned back,
in the direction its lines run, and an upright page pays for no second look at its orientation.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from PIL import Image

from engine import documents, ocr, pagetask
from engine.device import cpu_device
from engine.imaging import Prepared
from engine.models import Settings, Word
from tests import ticketgen
from tests.conftest import printed_spec


@pytest.fixture(scope="module")
def ctx() -> pagetask.PageContext:
    return pagetask.make_context(ocr.find_tesseract(), cpu_device("test"))


def _page_reads(monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, ...]]:
    """Records the shape of every whole-page read (psm 3) Tesseract is asked for."""
    calls: list[tuple[int, ...]] = []
    real = ocr.ocr_words

    def counting(image: np.ndarray, *args: Any, **kwargs: Any) -> list[Word]:
        if kwargs.get("psm", 3) == 3:
            calls.append(image.shape)
        return real(image, *args, **kwargs)

    monkeypatch.setattr(ocr, "ocr_words", counting)
    return calls


def _receipt(dpi: int = 200) -> Image.Image:
    """A 3.2-inch thermal receipt in a monospace font: keys of one width, so the values start
    in one column, and the columns of glyphs line up down the slip like text lines."""
    style = ticketgen.Style(dpi=dpi, skew_deg=-0.8, noise=0.02)
    sheet = ticketgen._Sheet(3.2, 6.4, style, 1)
    mono, bold = "DejaVuSansMono", "DejaVuSansMono-Bold"
    rule = "-" * 30
    lines = [
        ("PINECREST AGGREGATES", bold, 10),
        ("3292 Quarry Rd", mono, 8.5),
        ("Tracy, CA 95304", mono, 8.5),
        ("TEL (209) 679-2819", mono, 8.5),
        (rule, mono, 8.5),
        ("TKT#: 2664256", mono, 8.5),
        ("DATE: 09/11/24  TIME: 07:28", mono, 8.5),
        (rule, mono, 8.5),
        ("TRK#: T-111", mono, 8.5),
        ("CARR: RED ROCK HAULING", mono, 8.5),
        ("MATL: 3/4 CRUSHED ROCK", mono, 8.5),
        ("CUST: WESTSIDE BUILDERS", mono, 8.5),
        (rule, mono, 8.5),
        ("GROSS: 82580 LB", mono, 8.5),
        ("TARE:  33213 LB", mono, 8.5),
        ("NET:   49367 LB", mono, 8.5),
        ("NET TONS: 24.68", bold, 8.5),
        (rule, mono, 8.5),
        ("SCALE: 2  OPR: RD", mono, 8.5),
        ("THANK YOU - DRIVE SAFE", mono, 8.5),
    ]
    y = 0.2
    for text, font, pt in lines:
        sheet.text(0.15, y, text, pt, font)
        y += pt * 1.55 / 72
    return ticketgen.scan_effects(sheet.image, style, seed=3)


def _words(boxes: list[tuple[str, int, int]], conf: float = 95.0) -> list[Word]:
    return [Word(t, 20, 60 * i, w, h, conf, 1, 1) for i, (t, w, h) in enumerate(boxes)]


def test_a_read_whose_long_words_stand_taller_than_wide_is_sideways() -> None:
    upright = _words([("GROSS:", 140, 36), ("82580", 120, 35), ("TARE:", 118, 35), ("LB", 50, 35)])
    sideways = _words([("GROSS:", 36, 140), ("82580", 35, 120), ("TARE:", 35, 118), ("LB", 35, 50)])
    assert not pagetask._sideways(upright)
    assert pagetask._sideways(sideways) and pagetask._suspect(sideways)
    # The same text read along its lines says more than read across them.
    assert pagetask._score(upright) > pagetask._score(sideways)
    # A word or two printed up the side of an upright page does not turn it.
    side_note = _words([("Customer", 40, 190), ("copy", 40, 100)])
    assert not pagetask._sideways(upright + _words([("WEIGHMASTER", 300, 36)]) + side_note)
    assert not pagetask._sideways(side_note)  # too few words to say


@pytest.mark.parametrize("turn", [90, 270])
def test_a_page_turned_sideways_before_the_read_is_read_upright(
    ctx: pagetask.PageContext, monkeypatch: pytest.MonkeyPatch, turn: int
) -> None:
    """Turned either way (by the preprocessor's mistake or by the scan), the page is turned
    back with one more read: the direction comes from how the sideways read went."""
    spec = printed_spec("4471302", "landfill", 3)
    image = ticketgen.render_ticket(spec, ticketgen.Style(dpi=200))
    rendered = documents.RenderedPage(np.asarray(image.convert("RGB")), 200, [])
    upright = ctx.preprocessor.prepare(rendered.pixels, rendered.dpi)
    assert upright.rotation == 0
    sideways = ctx.preprocessor.rotate(upright, turn)
    reads = _page_reads(monkeypatch)
    page, (ticket,), prepared = pagetask._read_scanned(rendered, sideways, Settings(), ctx)
    assert prepared.rotation == 0 and prepared.gray.shape == upright.gray.shape
    assert not pagetask._sideways(page.words)
    assert ticket.ticket_number == spec.ticket_number
    assert (ticket.gross_lb, ticket.tare_lb, ticket.net_lb) == (
        spec.gross_lb,
        spec.tare_lb,
        spec.net_lb,
    )
    assert len(reads) == 2  # the sideways read, then the right quarter turn at once


def test_a_monospace_thermal_receipt_is_read_upright(ctx: pagetask.PageContext) -> None:
    """Its columns of glyphs once made the preprocessor turn it sideways, and the sideways
    read scored as high as the upright one."""
    rendered = documents.RenderedPage(np.asarray(_receipt()), 200, [])
    page, (ticket,), info = pagetask.read_rendered(rendered, Settings(), ctx)
    assert info["rotation"] == 0  # upright, however it got there
    assert not pagetask._sideways(page.words)
    assert ticket.vendor == "PINECREST AGGREGATES"
    assert (ticket.ticket_number, ticket.truck) == ("2664256", "T-111")
    assert (ticket.gross_lb, ticket.tare_lb, ticket.net_lb) == (82580.0, 33213.0, 49367.0)


def test_an_upright_page_pays_no_extra_read(
    ctx: pagetask.PageContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    spec = printed_spec("96397981", "quarry", 2)
    image = ticketgen.render_ticket(spec, ticketgen.Style(dpi=200))
    reads = _page_reads(monkeypatch)
    monkeypatch.setattr(ocr, "detect_rotation", lambda *a, **k: pytest.fail("OSD on upright"))
    _, ticket = pagetask.read_page_image(image, Settings(), ctx, dpi=200)
    assert ticket is not None and ticket.ticket_number == spec.ticket_number
    assert len(reads) == 1


@pytest.mark.parametrize("pil_turn", [90, 270])
def test_osd_gives_the_counter_clockwise_turn_that_rotate_makes(
    ctx: pagetask.PageContext, pil_turn: int
) -> None:
    """Tesseract's OSD says 'Rotate: 90' for a page turned 90 degrees counter-clockwise: a
    clockwise figure. Handed to Preprocessor.rotate (counter-clockwise) unchanged, it turned a
    quarter-turned page upside down."""
    spec = printed_spec("5520918", "landfill", 1)
    gray = ticketgen.render_ticket(spec, ticketgen.Style(dpi=200)).convert("L")
    turned = np.asarray(gray.rotate(pil_turn, expand=True))  # PIL turns counter-clockwise
    turn = ocr.detect_rotation(turned, ctx.tesseract, 30)
    assert turn == 360 - pil_turn
    prepared = Prepared(turned, None, 1.0, 0, 0.0, False, "cpu")
    assert np.array_equal(ctx.preprocessor.rotate(prepared, turn).gray, np.asarray(gray))


def test_a_stack_fed_upside_down_is_read_once_a_page_after_the_first_few(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    run = pagetask.make_context(ocr.find_tesseract(), cpu_device("test"))  # one run's context
    reads = _page_reads(monkeypatch)
    per_page = []
    numbers = [f"5120{i}77" for i in range(5)]
    for i, number in enumerate(numbers):
        spec = printed_spec(number, "landfill", i)
        image = ticketgen.render_ticket(spec, ticketgen.Style(dpi=150, rotate=180))
        before = len(reads)
        _, ticket = pagetask.read_page_image(image, Settings(), run, dpi=150)
        assert ticket is not None and ticket.ticket_number == number
        per_page.append(len(reads) - before)
    # Each of the first three is read wrong way up, then turned; after them, turned first.
    assert per_page == [2, 2, 2, 1, 1]
    # An upright page in the stack costs the read it always did, and is read right.
    spec = printed_spec("51209999", "quarry", 7)
    before = len(reads)
    _, ticket = pagetask.read_page_image(
        ticketgen.render_ticket(spec, ticketgen.Style(dpi=150)), Settings(), run, dpi=150
    )
    assert ticket is not None and ticket.ticket_number == "51209999"
    assert len(reads) - before == 2
