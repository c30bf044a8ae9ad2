"""Labels printed white on black bars are turned dark on white before OCR; bold print is not."""

from __future__ import annotations

import random

import numpy as np
from PIL import Image, ImageDraw

from engine import ocr, pagetask, panels
from engine.device import cpu_device
from engine.models import Settings
from tests import ticketgen
from tests.ticketgen import _font


def test_a_black_label_bar_is_turned_over_and_a_bold_heading_is_not():
    img = Image.new("L", (1200, 400), 255)
    draw = ImageDraw.Draw(img)
    draw.text((40, 20), "CANYON STATE MATERIALS", font=_font("DejaVuSans-Bold", 70), fill=0)
    draw.rectangle([40, 200, 400, 264], fill=0)
    draw.text((60, 212), "GROSS", font=_font("DejaVuSans-Bold", 34), fill=255)
    draw.text((440, 212), "40,078 LB", font=_font("DejaVuSans", 34), fill=0)
    gray = np.asarray(img)
    flipped, n = panels.flip_panels(gray, cap_px=25)
    assert n == 1
    bar = flipped[200:265, 40:401]
    assert (bar > 128).mean() > 0.6  # mostly paper now, with the label's letters dark
    assert ((bar < 128).mean()) > 0.05
    untouched = np.ones(gray.shape, bool)
    untouched[200:265, 40:401] = False
    assert (flipped[untouched] == gray[untouched]).all()


def test_a_long_section_bar_turns_to_clean_paper_right_of_its_title():
    """A section title at the left of a long dark bar: far from the title the preprocessor
    took the bar for dim paper and lightened it, and turned over that was a gray band that
    Tesseract read as garbage, taken as the title's value ('MATERIAL SaqetEaea'). The bar's
    edges, just outside its box on a page turned a little, were left as thin rules."""
    img = Image.new("L", (1600, 300), 255)
    draw = ImageDraw.Draw(img)
    draw.rectangle([40, 100, 1100, 160], fill=55)
    draw.rectangle([400, 112, 1090, 148], fill=115)  # lightened inside, as preprocessed
    draw.line([(40, 98), (700, 98)], fill=90, width=1)  # an edge row, only partly dark
    draw.text((60, 110), "MATERIAL", font=_font("DejaVuSans-Bold", 34), fill=255)
    flipped, n = panels.flip_panels(np.asarray(img), cap_px=25)
    assert n == 1
    assert (flipped[100:161, 420:1080] == 255).all()  # the band is paper
    assert (flipped[90:100, 40:700] == 255).all()  # and so is the edge
    assert (flipped[110:150, 60:300] < 100).mean() > 0.1  # the title's letters are dark


def test_a_page_without_panels_is_returned_as_it_is():
    gray = np.asarray(ticketgen.render_ticket(ticketgen.random_spec(random.Random(3))).convert("L"))
    flipped, n = panels.flip_panels(gray, cap_px=0)
    assert n == 0 and flipped is gray


def test_a_ticket_with_its_labels_on_black_bars_is_read():
    """Tesseract dropped the bars and the values beside them: ticket number, truck, material
    and weights were all missing."""
    spec = ticketgen.random_spec(random.Random("bars"), "quarry")
    image = ticketgen.render_label_bars(spec, ticketgen.Style(dpi=200, noise=0.02))
    ctx = pagetask.make_context(ocr.find_tesseract(), cpu_device("test"))
    _, (ticket,) = pagetask.read_page_tickets(image, Settings(), ctx, dpi=200)
    assert (ticket.ticket_number, ticket.date) == (spec.ticket_number, spec.date)
    assert (ticket.truck, ticket.material) == (spec.truck, spec.material)
    assert (ticket.gross_lb, ticket.tare_lb, ticket.net_lb) == (
        spec.gross_lb,
        spec.tare_lb,
        spec.net_lb,
    )
