"""Three more ticket layouts the extraction has never seen (beyond probe_layouts_a-f.py's),
read through the real page pipeline: how weights and the number are set out.

    .venv/bin/python bench/probe_layouts_g.py [--per-layout 3] [--seed 5] [--only L1,L2]
        [--out /tmp/probe_layouts_g] [--render-only]
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from probe_layouts_a import tod, us_values  # noqa: E402
from probe_layouts_c import _header, _lb, fields_column  # noqa: E402
from probe_run import main  # noqa: E402

from tests.ticketgen import Style, _Sheet  # noqa: E402


def two_units(i: int, rng: random.Random, st: Style):
    """Each weight in pounds and in tons on its line ('NET  42,340 LB  21.17 TN')."""
    sp = us_values(rng, "two_units", rng.choice(["COYOTE HILLS ROCK", "BLACK MESA SAND"]))
    s = _Sheet(8.5, 4.6, st, rng.randint(0, 10**6))
    _header(s, sp.vendor, rng)
    s.field(5.4, 0.3, "Ticket:", sp.ticket_number, 12, bold_value=True)
    rows = [("Date:", sp.date.strftime("%m/%d/%Y")), ("Truck:", sp.truck),
            ("Hauler:", sp.hauler), ("Material:", sp.material)]  # fmt: skip
    for k, (lab, val) in enumerate(rows):
        s.field(0.5, 1.1 + k * 0.36, lab, val, 10)
    for k, (lab, v) in enumerate(
        [("GROSS", sp.gross_lb), ("TARE", sp.tare_lb), ("NET", sp.net_lb)]
    ):
        y = 2.7 + k * 0.36
        s.text(0.5, y, lab, 10.5, "DejaVuSansMono-Bold")
        s.text(1.6, y, f"{_lb(v)} LB", 10.5, "DejaVuSansMono")
        s.text(3.4, y, f"{(v or 0) / 2000:.2f} TN", 10.5, "DejaVuSansMono")
    return sp, s.image


def number_under_title(i: int, rng: random.Random, st: Style):
    """The number big under a 'SCALE TICKET' title in a box at the top right, a page count
    beside it, the date and time in a row of captions under the header."""
    sp = us_values(rng, "number_under_title", rng.choice(["IRON HORSE AGGREGATE", "SAGE ROCK"]))
    s = _Sheet(8.5, 4.8, st, rng.randint(0, 10**6))
    _header(s, sp.vendor, rng)
    s.box(5.6, 0.2, 8.1, 1.1, 1.2)
    s.text(5.75, 0.28, "SCALE TICKET", 9, "DejaVuSans-Bold")
    s.text(7.3, 0.28, "Page 1 of 1", 7)
    s.text(5.75, 0.55, sp.ticket_number, 18, "DejaVuSansMono-Bold")
    heads = [("DATE", sp.date.strftime("%m/%d/%y")), ("TIME IN", tod(rng)), ("TIME OUT", tod(rng)),
             ("TRUCK", sp.truck)]  # fmt: skip
    for k, (h, v) in enumerate(heads):
        s.stacked(0.4 + k * 1.9, 1.35, h, v, 10)
    s.field(0.4, 2.1, "Hauler:", sp.hauler, 10)
    s.field(0.4, 2.45, "Material:", sp.material, 10)
    for k, (lab, v) in enumerate(
        [("Gross", sp.gross_lb), ("Tare", sp.tare_lb), ("Net", sp.net_lb)]
    ):
        s.field(4.6, 2.1 + k * 0.35, f"{lab}:", f"{_lb(v)} lb", 10)
    s.field(4.6, 3.15, "Net Tons:", f"{sp.quantity:.2f}", 10, bold_value=True)
    return sp, s.image


def stored_tare(i: int, rng: random.Random, st: Style):
    """A truck weighed once, its tare taken from the scale's records: 'STORED TARE' with the
    day it was weighed empty, the gross 'WEIGHED' today."""
    sp = us_values(rng, "stored_tare", rng.choice(["VALLEY VIEW LANDFILL", "TULE CREEK RECYCLING"]))
    s = _Sheet(8.5, 4.8, st, rng.randint(0, 10**6))
    _header(s, sp.vendor, rng)
    s.field(5.6, 0.3, "Ticket #", sp.ticket_number, 12, bold_value=True)
    fields_column(s, 0.5, 1.1, [("Date:", sp.date.strftime("%m/%d/%Y")), ("Truck:", sp.truck),
                                ("Hauler:", sp.hauler), ("Material:", sp.material)])  # fmt: skip
    old = sp.date.toordinal() - rng.randint(20, 200)
    stored = type(sp.date).fromordinal(old).strftime("%m/%d/%y")
    s.field(4.6, 1.1, "GROSS (WEIGHED)", f"{_lb(sp.gross_lb)} lb", 10)
    s.field(4.6, 1.45, f"STORED TARE {stored}", f"{_lb(sp.tare_lb)} lb", 10)
    s.field(4.6, 1.8, "NET", f"{_lb(sp.net_lb)} lb", 10)
    s.field(4.6, 2.15, "NET TONS", f"{sp.quantity:.2f}", 10, bold_value=True)
    return sp, s.image


LAYOUTS = {
    "two_units": two_units,
    "number_under_title": number_under_title,
    "stored_tare": stored_tare,
}


if __name__ == "__main__":
    main(LAYOUTS, 7, "/tmp/probe_layouts_g")
