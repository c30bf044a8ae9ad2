"""Weights read without their labels: Tesseract's page layout analysis (psm 3) sometimes drops
a block of captions (a sideways thermal strip's GROSS / TARE / NET under a rule, a small grey
caption over a card) and keeps the values beside them. The values then stand alone on the page
and no field takes them. A read of the page as one block of text (psm 6) keeps the captions.
A coloured rubber stamp over the weights makes Tesseract drop the whole column: a read with
the stamp's ink taken off gives it back.

This module only tells when such a read is worth a Tesseract call, whether it paid, and what
is left for a person (weights no field took, values the two reads disagree on).
"""

from __future__ import annotations

from collections.abc import Iterable

from .extract.patterns import has_weight_unit, parse_weight
from .models import TICKET_FIELDS, Ticket, Word

WEIGHT_FIELDS = ("gross_lb", "tare_lb", "net_lb")
# Fields whose loss would make a read that found more weights a worse read all the same.
KEPT_FIELDS = ("ticket_number", "date", "vendor")


def _lines(words: Iterable[Word]) -> list[str]:
    by_line: dict[tuple[int, int], list[Word]] = {}
    for w in words:
        by_line.setdefault((w.block, w.line), []).append(w)
    return [" ".join(w.text for w in sorted(ln, key=lambda w: w.left)) for ln in by_line.values()]


def orphan_weights(ticket: Ticket | None, words: list[Word]) -> int:
    """Weights printed with their unit ('68779 LB', '31,214 lb') that no weight field took,
    on a ticket that is missing a weight. Zero when every weight was read."""
    if ticket is None or all(getattr(ticket, f) is not None for f in WEIGHT_FIELDS):
        return 0
    taken = {getattr(ticket, f) for f in WEIGHT_FIELDS} - {None}
    count = 0
    for text in _lines(words):
        value = parse_weight(text)
        if value is not None and has_weight_unit(text) and value not in taken:
            count += 1
    return count


def weights_lost(ticket: Ticket) -> bool:
    """A printed ticket with no weight read that would print some: not one in yards or loads
    (ready-mix, hourly hauling), nor one written by hand (a carbon's weights are the driver's,
    and Tesseract is not asked to read handwriting)."""
    return (
        all(getattr(ticket, f) is None for f in WEIGHT_FIELDS)
        and not ticket.uncertain_fields
        and ticket.unit not in ("CY", "LOADS")
    )


def _weights_read(ticket: Ticket) -> int:
    return sum(getattr(ticket, f) is not None for f in (*WEIGHT_FIELDS, "quantity"))


def gained(before: Ticket, after: Ticket | None) -> bool:
    """The second read found more of the weights and lost none of what identifies the ticket."""
    if after is None or _weights_read(after) <= _weights_read(before):
        return False
    return keeps_identity(before, after)


def keeps_identity(before: Ticket, after: Ticket) -> bool:
    """The second read lost none of the number, date and vendor the first read found."""
    return all(getattr(after, f) or not getattr(before, f) for f in KEPT_FIELDS)


def doubt_missing(ticket: Ticket, words: list[Word]) -> None:
    """Weights on the page that no field took leave the missing weight fields to a person:
    read at confidence 0, as a label whose value could not be read is."""
    if orphan_weights(ticket, words):
        for f in WEIGHT_FIELDS:
            if getattr(ticket, f) is None:
                ticket.field_confidence[f] = 0.0


# A value two reads of the page disagree on is a guess either way.
CHANGED_CONF = 0.5


def doubt_changed(before: Ticket, after: Ticket) -> None:
    """Fields both reads gave, with different values, go to a person ('T-285' read '7-285'
    once the stamp over it was taken off)."""
    for f in TICKET_FIELDS:
        old, new = getattr(before, f), getattr(after, f)
        if old is not None and new is not None and old != new and f in after.field_confidence:
            after.field_confidence[f] = min(after.field_confidence[f], CHANGED_CONF)
