"""Totals per vendor and per day, the numbers an accountant checks against the vendor's invoice.

Definitions (the same in the workbook and the report):
- net tons: Quantity when Unit is TN, else Net lb / 2000 when the ticket prints weights;
  a ticket with neither adds nothing to tons (it still counts as a ticket and a load).
- loads: Quantity when Unit is LOADS, else 1 (every ticket is one truck load).
- cubic yards: Quantity when Unit is CY.
- a ticket flagged as a duplicate of another is left out of every total, so a ticket scanned
  twice is not billed twice; the number left out is reported beside the totals.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from engine.models import Ticket

NO_VENDOR = "(vendor not read)"
NO_DATE = "(date not read)"


def net_tons(t: Ticket) -> float | None:
    if t.unit == "TN" and t.quantity is not None:
        return t.quantity
    if t.net_lb is not None:
        return t.net_lb / 2000.0
    return None


def loads(t: Ticket) -> float:
    if t.unit == "LOADS" and t.quantity is not None:
        return t.quantity
    return 1.0


@dataclass
class TotalsRow:
    label: str
    tickets: int = 0
    net_tons: float = 0.0
    cubic_yards: float = 0.0
    loads: float = 0.0
    needs_review: int = 0
    without_quantity: int = 0  # tickets that add nothing to tons or yards

    def add(self, t: Ticket) -> None:
        self.tickets += 1
        tons = net_tons(t)
        if tons is not None:
            self.net_tons += tons
        if t.unit == "CY" and t.quantity is not None:
            self.cubic_yards += t.quantity
        if tons is None and not (t.unit == "CY" and t.quantity is not None):
            self.without_quantity += 1
        self.loads += loads(t)
        if t.needs_review:
            self.needs_review += 1


@dataclass
class Totals:
    by_vendor: list[TotalsRow] = field(default_factory=list)
    by_day: list[TotalsRow] = field(default_factory=list)
    overall: TotalsRow = field(default_factory=lambda: TotalsRow("All tickets"))
    duplicates_left_out: int = 0
    # per-day keys as dates (None for "not read"), in the same order as by_day, for charts
    days: list[dt.date | None] = field(default_factory=list)


def compute_totals(tickets: Iterable[Ticket]) -> Totals:
    vendors: dict[str, TotalsRow] = {}
    days: dict[dt.date | None, TotalsRow] = {}
    totals = Totals()
    for t in tickets:
        if t.duplicate_of:
            totals.duplicates_left_out += 1
            continue
        vendor = (t.vendor or "").strip() or NO_VENDOR
        vendors.setdefault(vendor, TotalsRow(vendor)).add(t)
        label = t.date.isoformat() if t.date else NO_DATE
        days.setdefault(t.date, TotalsRow(label)).add(t)
        totals.overall.add(t)
    # Biggest vendor first (what the eye looks for); days in calendar order, unread dates last.
    totals.by_vendor = sorted(vendors.values(), key=lambda r: (-r.net_tons, -r.tickets, r.label))
    totals.days = sorted(days, key=lambda d: (d is None, d or dt.date.min))
    totals.by_day = [days[d] for d in totals.days]
    return totals
