"""Five more ticket layouts the extraction has never seen (beyond probe_layouts_a-g.py's), written
before any rule for them (2026-12-03): landfill in/out weighings, a pre-numbered form's red
serial under a title bigger than the vendor, a weights table with its unit as a column header,
a scale indicator's G/T/N tape, and ticket numbers with a letter prefix.

    .venv/bin/python bench/probe_layouts_h.py [--per-layout 3] [--seed 11] [--only L1,L2]
        [--out /tmp/probe_layouts_h] [--render-only]
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


def inbound_outbound(i: int, rng: random.Random, st: Style):
    """A landfill's ticket: 'Ticket ID', a date and time together, 'Inbound' and 'Outbound'
    weighings (the loaded truck comes in), the vehicle by its fleet number."""
    sp = us_values(
        rng, "inbound_outbound", rng.choice(["SAND HILL LANDFILL", "OAK RIDGE TRANSFER"])
    )
    s = _Sheet(8.5, 4.8, st, rng.randint(0, 10**6))
    _header(s, sp.vendor, rng)
    s.field(5.2, 0.3, "Ticket ID:", sp.ticket_number, 11, bold_value=True)
    when = f"{sp.date.strftime('%m/%d/%Y')} {tod(rng, h24=True)}"
    fields_column(s, 0.5, 1.1, [("Date/Time:", when), ("Vehicle:", sp.truck),
                                ("Hauler:", sp.hauler), ("Material:", sp.material),
                                ("Customer:", "CASH CUSTOMER")])  # fmt: skip
    weights = [("Inbound:", sp.gross_lb), ("Outbound:", sp.tare_lb), ("Net:", sp.net_lb)]
    fields_column(s, 4.8, 1.1, [(lab, f"{_lb(v)} lb") for lab, v in weights])
    s.field(4.8, 2.2, "Net Tons:", f"{sp.quantity:.2f}", 10, bold_value=True)
    return sp, s.image


def red_serial_under_title(i: int, rng: random.Random, st: Style):
    """A pre-printed form: 'WEIGHT TICKET' in type bigger than the vendor's name under it, the
    serial printed in red at the top right with a bare 'No.', the date spelled out."""
    sp = us_values(rng, "red_serial", rng.choice(["PINE FLAT ROCK PRODUCTS", "CEDAR CREEK SAND"]))
    s = _Sheet(8.5, 5.0, st, rng.randint(0, 10**6))
    s.text(2.6, 0.25, "WEIGHT TICKET", 22, "DejaVuSans-Bold")
    s.text(2.6, 0.75, sp.vendor, 12, "DejaVuSans-Bold")
    s.text(2.6, 1.0, "4410 Gravel Pit Rd, Tracy, CA 95304   (209) 555-0144", 8)
    s.text(6.4, 0.35, "No.", 12, "DejaVuSans-Bold", ink=(200, 30, 30))
    s.text(6.9, 0.33, sp.ticket_number, 14, "DejaVuSansMono-Bold", ink=(200, 30, 30))
    spelled = sp.date.strftime("%B %d, %Y").replace(" 0", " ")
    fields_column(s, 0.5, 1.5, [("Date:", spelled), ("Truck No.:", sp.truck),
                                ("Hauled By:", sp.hauler), ("Material:", sp.material)])  # fmt: skip
    weights = [("Gross Wt.", sp.gross_lb), ("Tare Wt.", sp.tare_lb), ("Net Wt.", sp.net_lb)]
    fields_column(s, 4.8, 1.5, [(lab, f"{_lb(v)} lbs") for lab, v in weights])
    s.field(4.8, 2.55, "Tons:", f"{sp.quantity:.2f}", 10, bold_value=True)
    s.line(0.5, 4.3, 3.5, 4.3)
    s.text(0.5, 4.35, "Weighmaster", 8)
    return sp, s.image


def weights_table(i: int, rng: random.Random, st: Style):
    """Weights in a ruled table whose unit is the column header ('WEIGHT (LBS)'), labels in
    the first column, the net tons as its last row."""
    sp = us_values(
        rng, "weights_table", rng.choice(["GRANITE PEAK QUARRY", "LONE PINE AGGREGATES"])
    )
    s = _Sheet(8.5, 4.8, st, rng.randint(0, 10**6))
    _header(s, sp.vendor, rng)
    s.field(5.4, 0.3, "Ticket No.", sp.ticket_number, 12, bold_value=True)
    fields_column(s, 0.5, 1.1, [("Date:", sp.date.strftime("%m/%d/%y")), ("Truck:", sp.truck),
                                ("Carrier:", sp.hauler), ("Product:", sp.material)])  # fmt: skip
    x0, x1, x2, y0, rh = 4.6, 5.9, 7.6, 1.05, 0.34
    rows = [("", "WEIGHT (LBS)"), ("GROSS", _lb(sp.gross_lb)), ("TARE", _lb(sp.tare_lb)),
            ("NET", _lb(sp.net_lb)), ("NET TONS", f"{sp.quantity:.2f}")]  # fmt: skip
    s.box(x0, y0, x2, y0 + rh * len(rows))
    s.line(x1, y0, x1, y0 + rh * len(rows))
    for k, (lab, val) in enumerate(rows):
        y = y0 + k * rh
        if k:
            s.line(x0, y, x2, y)
        s.text(x0 + 0.08, y + 0.08, lab, 9.5, "DejaVuSans-Bold")
        s.text(x2 - 0.1, y + 0.08, val, 9.5 if k else 8.5, "DejaVuSans", anchor="ra")
    return sp, s.image


def indicator_tape(i: int, rng: random.Random, st: Style):
    """A scale indicator's printout pasted under a header: each weight with the indicator's
    one-letter mode after its unit ('71220 lb G', 'T', 'N'), the ticket and truck above."""
    sp = us_values(rng, "indicator_tape", rng.choice(["BEAR VALLEY MATERIALS", "RIVERBEND ROCK"]))
    s = _Sheet(8.5, 4.8, st, rng.randint(0, 10**6))
    _header(s, sp.vendor, rng)
    s.field(0.5, 1.1, "TICKET", sp.ticket_number, 11, font="DejaVuSansMono")
    s.field(0.5, 1.45, "DATE  ", sp.date.strftime("%m/%d/%Y"), 11, font="DejaVuSansMono")
    s.field(0.5, 1.8, "TRUCK ", sp.truck, 11, font="DejaVuSansMono")
    s.field(0.5, 2.15, "HAULER", sp.hauler, 11, font="DejaVuSansMono")
    s.field(0.5, 2.5, "MATL  ", sp.material, 11, font="DejaVuSansMono")
    for k, (mode, v) in enumerate([("G", sp.gross_lb), ("T", sp.tare_lb), ("N", sp.net_lb)]):
        s.text(5.0, 1.1 + k * 0.35, f"{int(v or 0):>7} lb {mode}", 11, "DejaVuSansMono")
    s.text(5.0, 2.2, f"{sp.quantity:>7.2f} TN", 11, "DejaVuSansMono")
    return sp, s.image


def lettered_number(i: int, rng: random.Random, st: Style):
    """A ticket number with its site's letter prefix, none of them a hyphen away ('S104522',
    'B77410', 'LF220931'), and the weights in a row of captions."""
    sp = us_values(rng, "lettered_number", rng.choice(["SUNSET MATERIALS", "HARBOR ROCK & SAND"]))
    sp.ticket_number = rng.choice(["S", "B", "G", "W", "LF", "T"]) + str(rng.randint(10**4, 10**6))
    s = _Sheet(8.5, 4.4, st, rng.randint(0, 10**6))
    _header(s, sp.vendor, rng)
    s.field(5.4, 0.3, "Ticket #", sp.ticket_number, 12, bold_value=True)
    fields_column(s, 0.5, 1.1, [("Date:", sp.date.strftime("%m/%d/%Y")), ("Truck:", sp.truck),
                                ("Hauler:", sp.hauler), ("Material:", sp.material)])  # fmt: skip
    weights = [("Gross:", sp.gross_lb), ("Tare:", sp.tare_lb), ("Net:", sp.net_lb)]
    fields_column(s, 4.8, 1.1, [(lab, f"{_lb(v)} lb") for lab, v in weights])
    s.field(4.8, 2.15, "Net Tons:", f"{sp.quantity:.2f}", 10)
    return sp, s.image


LAYOUTS = {
    "inbound_outbound": inbound_outbound,
    "red_serial": red_serial_under_title,
    "weights_table": weights_table,
    "indicator_tape": indicator_tape,
    "lettered_number": lettered_number,
}


if __name__ == "__main__":
    main(LAYOUTS, 11, "/tmp/probe_layouts_h")
