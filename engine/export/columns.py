"""The columns of the Tickets and Review tables, shared by the workbook, the CSV and the report."""

from __future__ import annotations

import datetime as dt
from typing import Any

from engine.export.totals import net_tons
from engine.models import TICKET_FIELDS, ReviewReason, Ticket
from engine.review import fields_to_check

# The contract (DESIGN.md "Outputs"): exactly these, in this order; more may follow.
TICKET_HEADER = [
    "Source File",
    "Page",
    "Vendor",
    "Ticket Number",
    "Date",
    "Truck",
    "Hauler",
    "Material",
    "Quantity",
    "Unit",
    "Gross lb",
    "Tare lb",
    "Net lb",
    "Manifest",
    "Job",
    "Confidence",
    "Needs Review",
    "Review Reasons",
]
TICKET_EXTRA = ["Net Tons", "Duplicate Of"]
# field name -> its column, as the operator reads it ('Ticket Number', not ticket_number)
FIELD_COLUMN = dict(zip(TICKET_FIELDS, TICKET_HEADER[2:15], strict=True))
REVIEW_EXTRA = ["Fields To Check", "Duplicate Of", "What To Check"]

# What each reason asks of the operator, in words.
REASON_TEXT: dict[str, str] = {
    ReviewReason.MISSING_TICKET_NUMBER.value: "No ticket number was read.",
    ReviewReason.MISSING_DATE.value: "No date was read.",
    ReviewReason.LOW_CONFIDENCE.value: "Some values were hard to read.",
    ReviewReason.HANDWRITTEN.value: "A value is handwritten.",
    ReviewReason.WEIGHTS_DISAGREE.value: "Gross minus tare does not equal net.",
    ReviewReason.DATE_OUT_OF_RANGE.value: "The date is implausible (future or long ago).",
    ReviewReason.UNKNOWN_VENDOR.value: "The vendor is not one we know.",
    ReviewReason.DUPLICATE_TICKET.value: "The same ticket appears more than once.",
    ReviewReason.NOT_A_TICKET.value: "The page may not be a ticket.",
    ReviewReason.VOID.value: "The ticket is marked VOID or cancelled: check before billing it.",
    ReviewReason.MISSING_QUANTITY.value: "No quantity or weight was read.",
}


def reasons_text(t: Ticket) -> str:
    return "; ".join(t.review_reasons)


def what_to_check(t: Ticket) -> str:
    return " ".join(
        REASON_TEXT.get(r, r.replace("_", " ").capitalize() + ".") for r in t.review_reasons
    )


def _num(value: float | None) -> float | int | None:
    if value is None:
        return None
    # Weights print as whole pounds: keep them integers so Excel and the CSV show "24500", not
    # "24500.0"; anything fractional stays a float.
    if float(value).is_integer() and abs(value) < 2**53:
        return int(value)
    return float(value)


def ticket_values(t: Ticket) -> list[Any]:
    """One Tickets row as typed values: str, int/float, dt.date or None."""
    date: dt.date | None = t.date
    if isinstance(date, dt.datetime):
        date = date.date()
    tons = net_tons(t)
    return [
        t.source_file,
        t.page,
        t.vendor,
        t.ticket_number,
        date,
        t.truck,
        t.hauler,
        t.material,
        _num(t.quantity),
        t.unit,
        _num(t.gross_lb),
        _num(t.tare_lb),
        _num(t.net_lb),
        t.manifest,
        t.job,
        round(float(t.confidence), 3),
        "Yes" if t.needs_review else "No",
        reasons_text(t),
        None if tons is None else round(tons, 3),
        t.duplicate_of,
    ]


def review_values(t: Ticket) -> list[Any]:
    return ticket_values(t)[: len(TICKET_HEADER)] + [
        ", ".join(FIELD_COLUMN.get(f, f) for f in fields_to_check(t)),
        t.duplicate_of,
        what_to_check(t),
    ]
