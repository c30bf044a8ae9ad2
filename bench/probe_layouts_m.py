"""Five more ticket layouts the extraction has never seen (beyond probe_layouts_a-l.py's), written
before any rule for them (2026-12-04): a reprinted scale ticket whose footer carries the later
date it was printed again and the operator, a hauler's ticket that calls its truck 'Unit'
beside a trailer and a driver, a ticket under a big red VOID stamp (it must come out flagged,
whatever is read under it), a rubber stamp laid over the ticket number itself, and a one-row
strip of ruled boxes with a small caption at the top of each and its value below (nine boxes
across a landscape half page).

    .venv/bin/python bench/probe_layouts_m.py [--per-layout 3] [--seed 29] [--only L1,L2]
        [--out /tmp/probe_layouts_m] [--render-only]
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from probe_layouts_a import CUSTOMERS, tod, us_values  # noqa: E402
from probe_layouts_c import _header, _lb, fields_column  # noqa: E402
from probe_layouts_k import _rubber_stamp, plain_ticket  # noqa: E402
from probe_run import main  # noqa: E402

from tests.ticketgen import Style, _Sheet  # noqa: E402


def reprint_footer(i: int, rng: random.Random, st: Style):
    """A scale ticket printed again weeks later for a billing dispute: its own date beside
    'Date In:', the time in and out, and a footer 'REPRINT - Printed 12/19/2025 08:14 by KLS'
    (or '** DUPLICATE COPY ** Reprinted on ...'), the later date in the same form as the
    ticket's."""
    sp = us_values(rng, "reprint_footer", rng.choice(["PINE HOLLOW LANDFILL", "CEDAR PASS ROCK"]))
    s = _Sheet(8.5, 4.8, st, rng.randint(0, 10**6))
    _header(s, sp.vendor, rng)
    s.field(5.4, 0.3, "Ticket No.", sp.ticket_number, 12, bold_value=True)
    fmt = "%m/%d/%Y" if i % 2 == 0 else "%m/%d/%y"
    fields_column(s, 0.5, 1.1, [("Date In:", sp.date.strftime(fmt)), ("Time In:", tod(rng)),
                                ("Time Out:", tod(rng)), ("Truck:", sp.truck),
                                ("Hauler:", sp.hauler), ("Material:", sp.material)])  # fmt: skip
    weights = [("Gross:", sp.gross_lb), ("Tare:", sp.tare_lb), ("Net:", sp.net_lb)]
    fields_column(s, 4.8, 1.1, [(lab, f"{_lb(v)} lb") for lab, v in weights])
    s.field(4.8, 2.2, "Net Tons:", f"{sp.quantity:.2f}", 10, bold_value=True)
    later = sp.date + dt.timedelta(days=rng.randint(5, 60))
    who = rng.choice(["KLS", "JDR", "MTO"])
    if i % 2 == 0:
        foot = f"REPRINT - Printed {later.strftime(fmt)} {tod(rng, h24=True)} by {who}"
    else:
        foot = f"** DUPLICATE COPY **   Reprinted on {later.strftime(fmt)} at {tod(rng)}"
    s.line(0.4, 4.25, 8.1, 4.25)
    s.text(0.5, 4.35, foot, 8.5)
    return sp, s.image


def unit_trailer(i: int, rng: random.Random, st: Style):
    """A hauling company's own load ticket: 'Unit: 214' is the truck (the fleet's unit
    number), beside 'Trailer: 88-T', 'Driver:', the customer and the pit; the weights and
    'Tons:' from the scale."""
    sp = us_values(rng, "unit_trailer", rng.choice(["SIERRA BULK TRANSPORT", "DELTA DUMP TRUCKS"]))
    sp.truck = str(rng.randint(100, 999)) if i % 2 == 0 else f"U{rng.randint(10, 99)}"
    sp.hauler = sp.vendor
    s = _Sheet(8.5, 4.6, st, rng.randint(0, 10**6))
    _header(s, sp.vendor, rng)
    s.text(5.4, 0.3, "LOAD TICKET", 12, "DejaVuSans-Bold")
    s.field(5.4, 0.62, "No.", sp.ticket_number, 12, bold_value=True)
    fields_column(s, 0.5, 1.1, [("Date:", sp.date.strftime("%m/%d/%Y")), ("Unit:", sp.truck),
                                ("Trailer:", f"{rng.randint(10, 99)}-T"),
                                ("Driver:", rng.choice(["J. SMITH", "R. DIAZ", "T. NGUYEN"])),
                                ("Customer:", rng.choice(CUSTOMERS)),
                                ("Material:", sp.material)])  # fmt: skip
    weights = [("Gross:", sp.gross_lb), ("Tare:", sp.tare_lb), ("Net:", sp.net_lb)]
    fields_column(s, 4.8, 1.1, [(lab, f"{_lb(v)} lb") for lab, v in weights])
    s.field(4.8, 2.2, "Tons:", f"{sp.quantity:.2f}", 10, bold_value=True)
    s.line(0.5, 4.0, 3.5, 4.0)
    s.text(0.5, 4.05, "Driver signature", 8)
    return sp, s.image


def void_stamp(i: int, rng: random.Random, st: Style):
    """An ordinary scale ticket the scale house took back: 'VOID' in big red letters in a box,
    tilted, across the middle of the ticket, the print showing through. Every field is still
    printed; the ticket must come out flagged VOID."""
    sp = us_values(rng, "void_stamp", rng.choice(["EAGLE ROCK AGGREGATES", "HIGHLINE SAND CO"]))
    s = _Sheet(8.5, 4.6, st, rng.randint(0, 10**6))
    plain_ticket(s, sp, rng)
    ink = rng.choice([(205, 35, 40), (180, 30, 60)])
    _rubber_stamp(s, rng.uniform(3.6, 4.6), rng.uniform(2.0, 2.6), [("VOID", 54)], ink,
                  rng.uniform(-20, 20))  # fmt: skip
    return sp, s.image


def stamp_over_number(i: int, rng: random.Random, st: Style):
    """A ticket stamped 'ENTERED' (with a date and initials) by the office, the stamp in blue or
    red over the ticket number: the digits show through the stamp's letters and rules."""
    sp = us_values(rng, "stamp_over_number", rng.choice(["MOJAVE ROCK CO", "CANYON STATE SAND"]))
    s = _Sheet(8.5, 4.6, st, rng.randint(0, 10**6))
    plain_ticket(s, sp, rng, "Ticket No.", 0.35)
    later = sp.date + dt.timedelta(days=rng.randint(2, 20))
    lines = [("ENTERED", 18), (later.strftime("%b %d %Y").upper(), 11), ("BY ____", 9)]
    ink = rng.choice([(40, 70, 180), (200, 40, 45)])
    _rubber_stamp(s, rng.uniform(6.6, 7.2), rng.uniform(0.45, 0.7), lines, ink,
                  rng.uniform(-12, 12))  # fmt: skip
    return sp, s.image


def caption_boxes_row(i: int, rng: random.Random, st: Style):
    """A landscape half page: under the header, one row of nine ruled boxes, each with a small
    caption at its top ('TICKET NO.', 'DATE', 'TRUCK', 'CARRIER', 'PRODUCT', 'GROSS LBS',
    'TARE LBS', 'NET LBS', 'TONS') and its value below it in bold; the customer and the
    order number in a second row of boxes."""
    sp = us_values(rng, "caption_boxes_row", rng.choice(["BLUE MESA QUARRY", "IRON HORSE PIT"]))
    s = _Sheet(11.0, 4.2, st, rng.randint(0, 10**6))
    _header(s, sp.vendor, rng)
    cols = [("TICKET NO.", sp.ticket_number, 1.1), ("DATE", sp.date.strftime("%m/%d/%y"), 0.95),
            ("TRUCK", sp.truck, 0.75), ("CARRIER", sp.hauler, 1.95),
            ("PRODUCT", sp.material, 1.6), ("GROSS LBS", _lb(sp.gross_lb), 0.95),
            ("TARE LBS", _lb(sp.tare_lb), 0.95), ("NET LBS", _lb(sp.net_lb), 0.95),
            ("TONS", f"{sp.quantity:.2f}", 0.8)]  # fmt: skip
    x, y0, y1 = 0.4, 1.2, 1.85
    for cap, val, w in cols:
        s.box(x, y0, x + w, y1, 1)
        s.text(x + 0.06, y0 + 0.05, cap, 6.5)
        s.text(x + 0.06, y0 + 0.32, str(val), 9, "DejaVuSans-Bold")
        x += w
    row2 = [
        ("CUSTOMER", rng.choice(CUSTOMERS), 3.5),
        ("ORDER NO.", str(rng.randint(1000, 99999)), 1.4),
        ("PO", str(rng.randint(100, 9999)), 1.2),
        ("SCALE", str(rng.randint(1, 3)), 0.8),
    ]
    x, y0, y1 = 0.4, 2.0, 2.65
    for cap, val, w in row2:
        s.box(x, y0, x + w, y1, 1)
        s.text(x + 0.06, y0 + 0.05, cap, 6.5)
        s.text(x + 0.06, y0 + 0.32, val, 9, "DejaVuSans-Bold")
        x += w
    s.line(0.4, 3.6, 3.4, 3.6)
    s.text(0.4, 3.65, "Received by", 7)
    return sp, s.image


LAYOUTS = {
    "reprint_footer": reprint_footer,
    "unit_trailer": unit_trailer,
    "void_stamp": void_stamp,
    "stamp_over_number": stamp_over_number,
    "caption_boxes_row": caption_boxes_row,
}

if __name__ == "__main__":
    main(LAYOUTS, seed=29, out="/tmp/probe_layouts_m")
