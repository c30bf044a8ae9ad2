"""Confidence and review reasons: a ticket accepted without review must be right.

Every check here errs towards flagging: a value read by hand, a weight that does not add up, a
vendor with no profile or a date no one would write all send the ticket to a person.
"""

from __future__ import annotations

import datetime as dt
import re

from .models import TICKET_FIELDS, ReviewReason, Ticket

# A read below these is shown to a person. Calibrated on the generated evaluation set
# (bench/accuracy.py): printed values Tesseract reads right sit above 0.85.
MIN_FIELD_CONF = 0.80
MIN_KEY_CONF = 0.85  # ticket number and date: what duplicates and billing hang on
# A ticket number is trusted only when read very surely, by a label, or confirmed by a barcode:
# one wrong digit makes a false duplicate or a lost ticket, and OCR's digit swaps are confident.
MIN_TICKET_CONF = 0.90
# Below: neither a profile nor a header name read surely (extract.vendors.header_vendor).
MIN_VENDOR_CONF = 0.9
MAX_AGE_DAYS = 3 * 366
WEIGHT_TOLERANCE_LB = 2.0
TONS_TOLERANCE = 0.011
PLAUSIBLE = {"TN": (0.05, 40.0), "CY": (0.25, 40.0), "LOADS": (1.0, 10.0)}
WEIGHT_RANGE = (500.0, 200_000.0)
KEY_FIELDS = ("vendor", "ticket_number", "date")
_LEGAL = re.compile(r"\b(INC|LLC|L L C|CO|CORP|CORPORATION|COMPANY|LTD|LP)\b")


def weights_agree(ticket: Ticket) -> bool:
    """net = gross - tare, and net tons = net lb / 2000, wherever both sides were read."""
    g, t, n = ticket.gross_lb, ticket.tare_lb, ticket.net_lb
    if g is not None and t is not None and n is not None and abs(g - t - n) > WEIGHT_TOLERANCE_LB:
        return False
    if g is not None and t is not None and g <= t:
        return False
    tons = ticket.quantity if ticket.unit == "TN" else None
    return not (n is not None and tons is not None and abs(n / 2000 - tons) > TONS_TOLERANCE)


CORROBORATED_CONF = 0.95
# A value worked out (net from gross and tare) is a little less sure than what it came from.
WORKED_OUT_SHARE = 0.98


def _corroborate_weights(ticket: Ticket) -> None:
    """Gross - tare = net, read as three separate numbers, is evidence for all three.

    One misread digit breaks the equation (and the tons = net / 2000 check), so weights that
    agree are trusted even when Tesseract was unsure of each glyph. Nothing is raised when a
    weight is missing or the arithmetic fails: those go to review as before.
    """
    g, t, n = ticket.gross_lb, ticket.tare_lb, ticket.net_lb
    if g is None or t is None or n is None or n <= 0 or g <= t:
        return
    if any(f in ticket.worked_out for f in ("gross_lb", "tare_lb", "net_lb")):
        return  # one was worked out from the other two: they add up by construction
    if abs(g - t - n) > WEIGHT_TOLERANCE_LB or not _plausible(ticket):
        return
    conf = ticket.field_confidence
    fields = ["gross_lb", "tare_lb", "net_lb"]
    if ticket.unit == "TN" and ticket.quantity is not None:
        if abs(n / 2000 - ticket.quantity) > TONS_TOLERANCE:
            return
        fields += ["quantity", "unit"]
    for f in fields:
        # A value a rule doubted (read across a streak, under a stamp) stays doubted.
        if f in conf and f not in ticket.uncertain_fields and f not in ticket.ruled_fields:
            conf[f] = max(conf[f], CORROBORATED_CONF)


def _follow_what_it_was_worked_out_from(ticket: Ticket) -> None:
    """A worked-out value is as sure as what it came from, as that stands now: the second look
    may have made the tare surer after the net was worked out from it."""
    conf = ticket.field_confidence
    for fld, sources in ticket.worked_out.items():
        if fld in conf and all(s in conf for s in sources):
            conf[fld] = WORKED_OUT_SHARE * min(conf[s] for s in sources)


def _plausible(ticket: Ticket) -> bool:
    for w in (ticket.gross_lb, ticket.tare_lb, ticket.net_lb):
        if w is not None and not WEIGHT_RANGE[0] <= w <= WEIGHT_RANGE[1]:
            return False
    if ticket.quantity is not None:
        lo, hi = PLAUSIBLE.get(ticket.unit or "", (0.01, 100.0))
        if not lo <= ticket.quantity <= hi:
            return False
    return True


def threshold(fld: str) -> float:
    """The confidence under which a read of `fld` goes to a person."""
    if fld == "ticket_number":
        return MIN_TICKET_CONF
    return MIN_KEY_CONF if fld in KEY_FIELDS else MIN_FIELD_CONF


def assess(ticket: Ticket, today: dt.date) -> None:
    """Sets confidence, needs_review and review_reasons (keeping reasons already there)."""
    reasons = list(ticket.review_reasons)

    def add(reason: ReviewReason) -> None:
        if reason.value not in reasons:
            reasons.append(reason.value)

    conf = ticket.field_confidence
    _corroborate_weights(ticket)
    _follow_what_it_was_worked_out_from(ticket)
    if not ticket.ticket_number:
        add(ReviewReason.MISSING_TICKET_NUMBER)
    if ticket.date is None:
        add(ReviewReason.MISSING_DATE)
    elif ticket.date > today + dt.timedelta(days=1) or (today - ticket.date).days > MAX_AGE_DAYS:
        add(ReviewReason.DATE_OUT_OF_RANGE)
    if not ticket.vendor or conf.get("vendor", 0.0) < MIN_VENDOR_CONF:
        add(ReviewReason.UNKNOWN_VENDOR)
    if ticket.uncertain_fields:
        add(ReviewReason.HANDWRITTEN)
    if not weights_agree(ticket):
        add(ReviewReason.WEIGHTS_DISAGREE)
    low = [
        f
        for f, c in conf.items()
        if f != "vendor" and f not in ticket.uncertain_fields and c < threshold(f)
    ]
    if low or not _plausible(ticket):
        add(ReviewReason.LOW_CONFIDENCE)
    if ticket.quantity is not None and not ticket.unit:
        add(ReviewReason.LOW_CONFIDENCE)
    weights = [ticket.gross_lb, ticket.tare_lb, ticket.net_lb]
    net_only = ticket.net_lb is not None and ticket.gross_lb is None and ticket.tare_lb is None
    if any(w is not None for w in weights) and any(w is None for w in weights) and not net_only:
        # A truck scale prints all three: one was missed. A loader's or a belt scale prints
        # the net alone, and a gross or tare label whose value was missed is doubted already.
        add(ReviewReason.LOW_CONFIDENCE)
    if ticket.quantity is None and all(w is None for w in weights):
        # Every ticket bills a quantity (tons, yards, loads) or a weighing: with neither read,
        # what it printed was lost (a stamp over the weights, a column Tesseract dropped).
        add(ReviewReason.MISSING_QUANTITY)

    filled = [conf.get(f, 0.0) for f in KEY_FIELDS]
    others = [c for f, c in conf.items() if f not in KEY_FIELDS]
    overall = min(filled + others) if filled else 0.0
    if ticket.uncertain_fields:
        overall = min(overall, 0.5)
    ticket.confidence = round(max(0.0, min(1.0, overall)), 3)
    ticket.review_reasons = reasons
    ticket.needs_review = bool(reasons)


def fields_to_check(t: Ticket) -> list[str]:
    """The fields a person must look at, in the Tickets sheet's order: written by hand, read
    below their threshold, missing where the ticket prints them, or in a failed check. The
    review form highlights these and the Review sheet lists them."""
    check = set(t.uncertain_fields)
    check |= {f for f, c in t.field_confidence.items() if c < threshold(f)}
    reasons = set(t.review_reasons)
    if ReviewReason.MISSING_TICKET_NUMBER.value in reasons:
        check.add("ticket_number")
    if reasons & {ReviewReason.MISSING_DATE.value, ReviewReason.DATE_OUT_OF_RANGE.value}:
        check.add("date")
    if ReviewReason.UNKNOWN_VENDOR.value in reasons:
        check.add("vendor")
    if ReviewReason.WEIGHTS_DISAGREE.value in reasons:
        check |= {"gross_lb", "tare_lb", "net_lb"}
    if ReviewReason.DUPLICATE_TICKET.value in reasons:
        check.add("ticket_number")
    if t.quantity is not None and not t.unit:
        check.add("unit")
    if ReviewReason.MISSING_QUANTITY.value in reasons:
        check.add("quantity")
    return [f for f in TICKET_FIELDS if f in check]


def _norm_vendor(vendor: str) -> str:
    t = vendor.upper().replace("&", " AND ")
    t = re.sub(r"[^A-Z0-9 ]+", " ", t)
    t = _LEGAL.sub(" ", t)
    return re.sub(r"\s+", " ", t).strip()


def duplicate_key(vendor: str | None, ticket_number: str | None) -> str | None:
    """'VENDOR|NUMBER', normalised so 'Roberts Inc' #001174962 and 'ROBERTS' #1174962 agree."""
    if not vendor or not ticket_number:
        return None
    v = _norm_vendor(vendor)
    n = re.sub(r"[^A-Z0-9]", "", ticket_number.upper()).lstrip("0")
    if not v or len(n) < 3:
        return None
    return f"{v}|{n}"
