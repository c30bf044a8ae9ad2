"""Several tickets on one page: operators lay two or three small tickets on the scanner glass.

Read as one page, their words made one ticket: the first ticket's number and the second's
weights, or one ticket silently lost. A page is cut only along a band of white across it, as
wide as several lines of print, and a cut is kept only when each side reads as a ticket of its
own: a ticket number and a date on each side, and two different numbers. A single ticket with a
roomy layout has one number and one date, so it is never cut.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Sequence
from dataclasses import replace

from ..models import PageText, Ticket, Word
from . import patterns as P

# A gap this many line heights tall (or, between columns, wide) can separate two tickets.
MIN_GAP_LINES = 2.5
MIN_GAP_COLUMNS = 4.0
MAX_TICKETS = 4
MIN_WORDS = 12  # fewer words than this cannot be two tickets
MAX_CUTS_TRIED = 3  # the widest bands each way: a sparse page has many narrow ones

Extract = Callable[[PageText], Ticket | None]


def several_tickets(page: PageText, extract: Extract) -> list[Ticket]:
    """The page's tickets, top to bottom and left to right, when it holds more than one;
    [] for the usual page of one ticket (or none)."""
    return _split(page, extract, MAX_TICKETS)


def _split(page: PageText, extract: Extract, budget: int) -> list[Ticket]:
    """The page's tickets when it holds several, else []. Each side is read as a page of its
    own, moved to the origin (a vendor's name is looked for at the top of its ticket, not of
    the scan); the tickets' boxes are moved back onto the page."""
    if budget < 2 or len(page.words) < MIN_WORDS:
        return []
    # Each ticket prints a date: a page with fewer than two is one ticket, and a cut must have
    # one on each side. Cheap, where reading both sides is not.
    dates = _date_spots(page.words)
    if len(dates) < 2:
        return []
    height = statistics.median(w.height for w in page.words) or 1
    for axis, min_gap in ((1, MIN_GAP_LINES), (0, MIN_GAP_COLUMNS)):
        for cut in _gaps(page.words, axis, min_gap * height)[:MAX_CUTS_TRIED]:
            before = sum(spot[axis] < cut for spot in dates)
            if before == 0 or before == len(dates):
                continue
            sides = _halves(page, axis, round(cut))
            read = [extract(side) for side, _ in sides]
            a, b = read
            if a is None or b is None or not (_whole(a) and _whole(b)):
                continue
            if a.ticket_number == b.ticket_number:
                continue
            out: list[Ticket] = []
            for (side, offset), ticket in zip(sides, (a, b), strict=True):
                # Three tickets: a side may hold two.
                found = _split(side, extract, budget - 1) or [ticket]
                out.extend(_moved(t, offset) for t in found)
            return out[:budget]
    return []


def _date_spots(words: Sequence[Word]) -> list[tuple[float, float]]:
    """Centres (x, y) of the printed lines that hold a date."""
    lines: dict[tuple[int, int], list[Word]] = {}
    for w in words:
        lines.setdefault((w.block, w.line), []).append(w)
    spots = []
    for ws in lines.values():
        if P.find_dates(" ".join(w.text for w in sorted(ws, key=lambda w: w.left))):
            spots.append(
                (
                    sum(w.left + w.width / 2 for w in ws) / len(ws),
                    sum(w.top + w.height / 2 for w in ws) / len(ws),
                )
            )
    return spots


def _whole(t: Ticket) -> bool:
    return bool(t.ticket_number) and t.date is not None


def _gaps(words: Sequence[Word], axis: int, min_gap: float) -> list[float]:
    """Middles of the empty bands across the page along `axis` (1: horizontal bands, cutting
    top from bottom; 0: vertical bands, left from right), widest first."""
    spans = sorted(
        (w.top, w.top + w.height) if axis == 1 else (w.left, w.left + w.width) for w in words
    )
    gaps: list[tuple[float, float]] = []
    reach = spans[0][1]
    for start, end in spans[1:]:
        if start - reach >= min_gap:
            gaps.append((start - reach, (start + reach) / 2.0))
        reach = max(reach, end)
    return [middle for _, middle in sorted(gaps, reverse=True)]


Offset = tuple[int, int]


def _halves(page: PageText, axis: int, cut: int) -> list[tuple[PageText, Offset]]:
    """The two sides of the cut, each moved to the origin, with the offset that moved it."""

    def centre(x: int, y: int, w: int, h: int) -> int:
        return y + h // 2 if axis == 1 else x + w // 2

    out = []
    for first in (True, False):
        dx, dy = (0, 0) if first else ((0, cut) if axis == 1 else (cut, 0))

        def keep(x: int, y: int, w: int, h: int, first: bool = first) -> bool:
            return (centre(x, y, w, h) < cut) == first

        def move(w: Word, dx: int = dx, dy: int = dy) -> Word:
            return replace(w, left=w.left - dx, top=w.top - dy)

        width = page.width if axis == 1 else (cut if first else page.width - cut)
        height = (cut if first else page.height - cut) if axis == 1 else page.height
        side = replace(
            page,
            words=[move(w) for w in page.words if keep(w.left, w.top, w.width, w.height)],
            ink_words=[move(w) for w in page.ink_words if keep(w.left, w.top, w.width, w.height)],
            barcodes=[
                replace(b, left=b.left - dx, top=b.top - dy)
                for b in page.barcodes
                if keep(b.left, b.top, b.width, b.height)
            ],
            width=max(1, width),
            height=max(1, height),
        )
        out.append((side, (dx, dy)))
    return out


def _moved(ticket: Ticket, offset: Offset) -> Ticket:
    dx, dy = offset
    ticket.field_boxes = {
        f: (left + dx, top + dy, w, h) for f, (left, top, w, h) in ticket.field_boxes.items()
    }
    return ticket
