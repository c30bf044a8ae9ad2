"""Weights read without their labels: read again as one block, or sent to a person."""

from __future__ import annotations

import datetime as dt
import random

from engine import ocr, pagetask, review, unlabelled
from engine.device import cpu_device
from engine.models import Settings, Ticket, Word
from tests import ticketgen


def _line(texts: list[str], line: int, x: int = 100) -> list[Word]:
    return [Word(t, x + 120 * i, 40 * line, 100, 30, 93, 1, line) for i, t in enumerate(texts)]


def test_a_sideways_strip_whose_weight_captions_tesseract_drops_gives_its_weights():
    """Tesseract's layout analysis dropped the GROSS / TARE / NET captions under the strip's
    dashed rule and kept the values: the ticket was accepted with no weights at all."""
    spec = ticketgen.random_spec(random.Random("strip3"), "quarry")
    style = ticketgen.Style(dpi=200, noise=0.02, skew_deg=0.6)
    image = ticketgen.render_thermal_strip(spec, style, turn=270)
    context = pagetask.make_context(ocr.find_tesseract(), cpu_device("test"))
    _, (ticket,) = pagetask.read_page_tickets(image, Settings(), context, dpi=200)
    assert ticket.ticket_number == spec.ticket_number
    assert (ticket.gross_lb, ticket.tare_lb, ticket.net_lb) == (
        spec.gross_lb,
        spec.tare_lb,
        spec.net_lb,
    )
    assert ticket.quantity == spec.quantity


def test_weights_no_field_took_send_the_ticket_to_a_person():
    ticket = Ticket("a.png", 1, vendor="COPPER BASIN ROCK", ticket_number="1949094")
    ticket.date = dt.date(2026, 11, 30)
    ticket.field_confidence = {"vendor": 0.95, "ticket_number": 0.96, "date": 0.94}
    words = _line(["TICKET", "1949094"], 1) + _line(["68779", "LB"], 2) + _line(["26139", "LB"], 3)
    assert unlabelled.orphan_weights(ticket, words) == 2
    unlabelled.doubt_missing(ticket, words)
    review.assess(ticket, dt.date(2026, 12, 1))
    assert ticket.needs_review
    assert {"gross_lb", "tare_lb", "net_lb"} <= set(review.fields_to_check(ticket))


def test_a_ticket_whose_weights_were_all_taken_has_no_orphans():
    ticket = Ticket("a.png", 1, gross_lb=68779.0, tare_lb=26139.0, net_lb=42640.0)
    words = _line(["GROSS", "68779", "LB"], 1) + _line(["TARE", "26139", "LB"], 2)
    assert unlabelled.orphan_weights(ticket, words) == 0
    # A concrete ticket with no weights and no weights printed is left alone.
    concrete = Ticket("b.png", 1, quantity=9.5, unit="CY")
    assert unlabelled.orphan_weights(concrete, _line(["QTY", "9.5", "CY"], 1)) == 0


def test_a_second_read_is_kept_only_when_it_gains_weights_and_keeps_the_ticket():
    before = Ticket("a.png", 1, ticket_number="1949094", vendor="X")
    more = Ticket("a.png", 1, ticket_number="1949094", vendor="X", gross_lb=68779.0)
    assert unlabelled.gained(before, more)
    lost_number = Ticket("a.png", 1, vendor="X", gross_lb=68779.0)
    assert not unlabelled.gained(before, lost_number)
    assert not unlabelled.gained(before, Ticket("a.png", 1, ticket_number="1949094", vendor="X"))


def test_a_rubber_stamp_over_the_weights_is_taken_off_and_its_ticket_goes_to_a_person():
    """A red 'RECEIVED' stamp over the weights column: Tesseract dropped the whole column and
    the ticket was accepted with no weights. Read again with the stamp's coloured ink taken
    off, the weights come back; what was read under the stamp is for a person to confirm."""
    spec = ticketgen.random_spec(random.Random("stamp3"), "quarry")
    style = ticketgen.Style(dpi=200, noise=0.02, skew_deg=0.5)
    image = ticketgen.render_stamped(spec, style, ink=(200, 40, 45), angle=10)
    context = pagetask.make_context(ocr.find_tesseract(), cpu_device("test"))
    _, (ticket,) = pagetask.read_page_tickets(image, Settings(), context, dpi=200)
    assert (ticket.gross_lb, ticket.net_lb) == (spec.gross_lb, spec.net_lb)
    assert ticket.needs_review
    assert "tare_lb" in review.fields_to_check(ticket)


def test_values_two_reads_disagree_on_go_to_a_person():
    before = Ticket("a.png", 1, ticket_number="8912439", truck="T-285")
    after = Ticket("a.png", 1, ticket_number="8912439", truck="7-285", net_lb=16015.0)
    after.field_confidence = {"ticket_number": 0.96, "truck": 0.93, "net_lb": 0.95}
    unlabelled.doubt_changed(before, after)
    assert after.field_confidence == {"ticket_number": 0.96, "truck": 0.5, "net_lb": 0.95}
