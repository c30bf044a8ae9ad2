"""Rubber stamps in coloured ink: a VOID stamp sends its ticket to a person, an office stamp over
the ticket's number is read through, and a serial or a RECEIVED stamp is no VOID."""

from __future__ import annotations

import random

import numpy as np
import pytest
from PIL import Image, ImageDraw

from engine import ocr, pagetask, stamps
from engine.device import cpu_device
from engine.extract.void import stamp_says_void
from engine.models import Settings, Word
from tests import ticketgen


@pytest.fixture(scope="module")
def context() -> pagetask.PageContext:
    return pagetask.make_context(ocr.find_tesseract(), cpu_device("test"))


def _read(image: Image.Image, context: pagetask.PageContext):  # noqa: ANN202
    _, tickets = pagetask.read_page_tickets(image, Settings(), context, dpi=200)
    assert len(tickets) == 1
    return tickets[0]


STYLE = ticketgen.Style(dpi=200, noise=0.02, skew_deg=0.6)


def test_a_red_void_stamp_across_a_ticket_sends_it_to_a_person(context):
    """Tilted, in letters four times the body's size, a VOID stamp went unread by the page's
    read, and the voided ticket was accepted to be billed."""
    spec = ticketgen.random_spec(random.Random("void1"), "quarry")
    image = ticketgen.render_stamped(
        spec, STYLE, ink=(205, 35, 40), angle=14, lines=[("VOID", 54)], at=(4.1, 2.3)
    )
    ticket = _read(image, context)
    assert ticket.ticket_number == spec.ticket_number
    assert "VOID" in ticket.review_reasons and ticket.needs_review


def test_an_office_stamp_over_the_ticket_number_is_read_through(context):
    """'ENTERED' and a date stamped in blue over the number: the number went missing. Read
    again with the stamp's ink taken off, it comes back, for a person to confirm."""
    spec = ticketgen.random_spec(random.Random("entered2"), "quarry")
    lines = [("ENTERED", 18), ("AUG 22 2024", 11), ("BY ____", 9)]
    image = ticketgen.render_stamped(spec, STYLE, angle=-9, lines=lines, at=(6.7, 0.5))
    ticket = _read(image, context)
    assert ticket.ticket_number == spec.ticket_number  # was the stamp's date, 'G222024'
    assert ticket.needs_review and "VOID" not in ticket.review_reasons


def test_a_received_stamp_is_not_a_void(context):
    spec = ticketgen.random_spec(random.Random("stamp3"), "quarry")
    ticket = _read(ticketgen.render_stamped(spec, STYLE, ink=(200, 40, 45), angle=10), context)
    assert ticket.ticket_number == spec.ticket_number
    assert "VOID" not in ticket.review_reasons


def _word(text: str, height: int, conf: float = 60.0) -> Word:
    return Word(text, 0, 0, height * len(text), height, conf)


def test_a_stamps_big_word_one_letter_off_a_mark_is_a_void():
    assert stamp_says_void([_word("VvoID", 80, 33.0)])
    assert stamp_says_void([_word("CANCELED", 60), _word("by", 20)])
    assert not stamp_says_void([_word("PAID", 80, 90.0), _word("VOID", 20, 90.0)])
    assert not stamp_says_void([_word("RECEIVED", 60, 90.0)])
    assert not stamp_says_void([_word("VOID", 80, 5.0)])  # noise, not a read
    assert not stamp_says_void([])


def _prepared(ink: np.ndarray) -> stamps.Prepared:
    return stamps.Prepared(
        gray=np.full(ink.shape, 255, np.uint8),
        ink=ink,
        scale=1.0,
        rotation=0,
        skew_deg=0.0,
        blank=False,
        device="cpu",
        input_size=(ink.shape[1], ink.shape[0]),
        cap_height_px=28.0,
    )


def test_a_numbering_machine_serial_is_not_taken_for_a_stamp():
    ink = Image.new("L", (1700, 900), 255)
    draw = ImageDraw.Draw(ink)
    draw.text((1200, 60), "No 285367", fill=0, font=ticketgen._font("DejaVuSansMono-Bold", 46))
    draw.rectangle([300, 380, 760, 620], outline=0, width=6)  # a stamp's box
    boxes = stamps.find(_prepared(np.asarray(ink)))
    assert len(boxes) == 1
    left, top, right, bottom = boxes[0]
    assert left <= 300 and right >= 760 and top <= 380 and bottom >= 620


@pytest.mark.parametrize("angle", [-17, 0, 9, 30])
def test_a_stamps_tilt_is_found_from_its_outline(angle):
    box = Image.new("L", (600, 600), 0)
    ImageDraw.Draw(box).rectangle([150, 230, 450, 370], outline=255, width=8)
    turned = np.asarray(box.rotate(angle, resample=Image.Resampling.BICUBIC)) > 128
    # The turn that levels it undoes the turn that tilted it.
    assert abs(stamps._tilt(turned) + angle) <= 1


@pytest.mark.parametrize(
    ("ink", "angle", "word"), [((30, 30, 32), 15.0, "VOID"), ((75, 75, 80), -2.0, "CANCELLED")]
)
def test_a_void_stamp_in_black_or_grey_ink_sends_the_ticket_to_a_person(context, ink, angle, word):
    """A stamp pad is as often black as red. The page's read kept only the outline of the
    stamp's thick strokes and passed over it: the voided ticket was accepted."""
    spec = ticketgen.random_spec(random.Random(f"dark-{word}"), "quarry")
    image = ticketgen.render_stamped(
        spec, STYLE, ink=ink, angle=angle, lines=[(word, 50)], at=(4.1, 2.3)
    )
    ticket = _read(image, context)
    assert ticket.ticket_number == spec.ticket_number
    assert "VOID" in ticket.review_reasons and ticket.needs_review


def test_bold_print_a_barcode_a_logo_and_label_bars_are_no_dark_stamp(context):
    """What else is drawn thick on a ticket: none of it is read as a stamp (each would cost
    a Tesseract call on every page of that vendor's)."""
    spec = ticketgen.random_spec(random.Random("plain-dark"), "quarry")
    page = ticketgen.render_clean(spec, STYLE).convert("RGB")
    draw = ImageDraw.Draw(page)
    x = 1000
    for k in range(60):  # a barcode: bars 2 to 8 pixels wide
        wide = 2 + (k * 7) % 7
        draw.rectangle([x, 40, x + wide, 150], fill=(0, 0, 0))
        x += wide + 3 + k % 3
    draw.ellipse([60, 600, 260, 800], fill=(10, 10, 10))  # a round logo
    draw.text((90, 660), "RK", fill=(255, 255, 255), font=ticketgen._font("DejaVuSans-Bold", 60))
    draw.rectangle([400, 640, 1500, 700], fill=(20, 20, 20))  # a label bar, white on black
    font, bold = ticketgen._font("DejaVuSans", 40), ticketgen._font("DejaVuSans-Bold", 64)
    draw.text((420, 645), "MATERIAL", fill=(255, 255, 255), font=font)
    draw.text((400, 740), "WEIGHMASTER", fill=(0, 0, 0), font=bold)
    rgb = np.asarray(ticketgen.scan_effects(page, STYLE, 3).convert("RGB"))
    prepared = context.preprocessor.prepare(rgb, 200)
    assert stamps.find_dark(prepared, rgb, []) == []
