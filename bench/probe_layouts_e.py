"""Five more ticket layouts the extraction has never seen (beyond probe_layouts_a-d.py's),
read through the real page pipeline: what else shares a page with a ticket.

    .venv/bin/python bench/probe_layouts_e.py [--per-layout 3] [--seed 5] [--only L1,L2]
        [--out /tmp/probe_layouts_e] [--render-only]

Writes, under --out, one PNG and one .txt (lines, labels, fields) per page and results.json;
prints a layout x field table.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from probe_layouts_a import phone, tod, us_values  # noqa: E402
from probe_layouts_c import _header, _lb  # noqa: E402
from probe_run import main  # noqa: E402

from tests.ticketgen import Style, _Sheet  # noqa: E402


def _plain(s: _Sheet, sp, rng: random.Random, top: float, pt: float = 10) -> float:  # noqa: ANN001
    _header(s, sp.vendor, rng, top)
    rows = [("Ticket #:", sp.ticket_number), ("Date:", sp.date.strftime("%m/%d/%Y")),
            ("Truck:", sp.truck), ("Hauler:", sp.hauler), ("Material:", sp.material)]  # fmt: skip
    for k, (lab, val) in enumerate(rows):
        s.field(0.5, top + 0.75 + k * 0.36, lab, val, pt)
    w = [("Gross:", f"{_lb(sp.gross_lb)} lb"), ("Tare:", f"{_lb(sp.tare_lb)} lb"),
         ("Net:", f"{_lb(sp.net_lb)} lb"), ("Net Tons:", f"{sp.quantity:.2f}")]  # fmt: skip
    for k, (lab, val) in enumerate(w):
        s.text(4.8, top + 0.75 + k * 0.36, lab, pt)
        s.text(6.1, top + 0.75 + k * 0.36, val, pt, "DejaVuSansMono")
    return top + 0.75 + 5 * 0.36


def with_stub(i: int, rng: random.Random, st: Style):
    """A ticket with a tear-off stub below a perforation that repeats its number and net tons:
    one ticket, not two."""
    sp = us_values(rng, "with_stub", rng.choice(["GRANITE HILLS QUARRY", "OAK FLAT ROCK"]))
    s = _Sheet(8.5, 5.6, st, rng.randint(0, 10**6))
    y = _plain(s, sp, rng, 0.3)
    for k in range(40):  # the perforation
        s.line(0.2 + k * 0.2, y + 0.25, 0.3 + k * 0.2, y + 0.25, 0.8)
    s.text(0.4, y + 0.45, "DRIVER COPY - KEEP THIS STUB", 8, "DejaVuSans-Bold")
    s.field(0.4, y + 0.75, "Ticket #", sp.ticket_number, 10)
    s.field(3.2, y + 0.75, "Net Tons", f"{sp.quantity:.2f}", 10)
    s.field(5.6, y + 0.75, "Truck", sp.truck, 10)
    return sp, s.image


def fax_header(i: int, rng: random.Random, st: Style):
    """A ticket that came by fax: the machine's header line across the top carries its own
    date, time, phone numbers and page count."""
    sp = us_values(rng, "fax_header", rng.choice(["DESERT SUN AGGREGATES", "VISTA ROCK"]))
    s = _Sheet(8.5, 4.6, st, rng.randint(0, 10**6))
    sent = sp.date + dt.timedelta(days=rng.randint(1, 20))
    s.text(0.2, 0.1, f"{sent.strftime('%b %d %Y')} {tod(rng)}  FROM: {sp.vendor[:12]}"
           f"  TO: {phone(rng)}  P.{rng.randint(1, 3)}/3", 7.5, "DejaVuSansMono")  # fmt: skip
    _plain(s, sp, rng, 0.45)
    return sp, s.image


def qr_link(i: int, rng: random.Random, st: Style):
    """A QR code that links to the vendor's site (digits in it, but not the ticket's number)
    beside a plain ticket."""
    sp = us_values(rng, "qr_link", rng.choice(["NORTH FORK SAND", "ELM CREEK MATERIALS"]))
    s = _Sheet(8.5, 4.6, st, rng.randint(0, 10**6))
    _plain(s, sp, rng, 0.3)
    s.barcode(7.1, 0.25, f"https://example.com/survey?site={rng.randint(100, 999)}", "qr")
    return sp, s.image


def lower_glued(i: int, rng: random.Random, st: Style):
    """Lower-case labels and units glued to their weights ('gross 72340lb'), as a small
    indicator printer sets them."""
    sp = us_values(rng, "lower_glued", rng.choice(["bear valley sand", "hilltop rock"]).upper())
    s = _Sheet(6.0, 5.0, st, rng.randint(0, 10**6))
    s.text(0.3, 0.3, sp.vendor.lower().title(), 13, "DejaVuSans-Bold")
    rows = [("ticket no", sp.ticket_number), ("date", sp.date.strftime("%m/%d/%y")),
            ("truck", sp.truck), ("hauler", sp.hauler.lower()), ("material", sp.material.lower()),
            ("gross", f"{int(sp.gross_lb or 0)}lb"), ("tare", f"{int(sp.tare_lb or 0)}lb"),
            ("net", f"{int(sp.net_lb or 0)}lb"), ("net tons", f"{sp.quantity:.2f}")]  # fmt: skip
    for k, (lab, val) in enumerate(rows):
        s.text(0.4, 0.8 + k * 0.4, lab, 10, "DejaVuSansMono")
        s.text(2.0, 0.8 + k * 0.4, str(val), 10, "DejaVuSansMono")
    sp.hauler = (sp.hauler or "").lower()
    sp.material = (sp.material or "").lower()
    return sp, s.image


def order_row(i: int, rng: random.Random, st: Style):
    """Order, PO, job and ticket numbers side by side in one captioned row, then the values:
    only one of them is the ticket's."""
    sp = us_values(rng, "order_row", rng.choice(["SUMMIT PAVING SUPPLY", "RIDGELINE ROCK"]))
    s = _Sheet(8.5, 4.6, st, rng.randint(0, 10**6))
    _header(s, sp.vendor, rng)
    xs = [0.4, 2.0, 3.6, 5.2, 6.8]
    heads = ["ORDER #", "PO #", "CUSTOMER #", "TICKET #", "DATE"]
    vals = [
        str(rng.randint(10**5, 10**6 - 1)),
        str(rng.randint(10**4, 10**7)),
        str(rng.randint(1000, 99999)),
        sp.ticket_number,
        sp.date.strftime("%m/%d/%y"),
    ]
    for x, h, v in zip(xs, heads, vals, strict=True):
        s.text(x, 1.0, h, 8, "DejaVuSans-Bold")
        s.text(x, 1.25, v, 10.5)
    s.line(0.4, 1.6, 8.1, 1.6, 0.8)
    rows = [("Truck:", sp.truck), ("Hauler:", sp.hauler), ("Material:", sp.material)]
    for k, (lab, val) in enumerate(rows):
        s.field(0.5, 1.8 + k * 0.36, lab, val, 10)
    w = [("Gross:", f"{_lb(sp.gross_lb)} lb"), ("Tare:", f"{_lb(sp.tare_lb)} lb"),
         ("Net:", f"{_lb(sp.net_lb)} lb"), ("Net Tons:", f"{sp.quantity:.2f}")]  # fmt: skip
    for k, (lab, val) in enumerate(w):
        s.text(4.8, 1.8 + k * 0.36, lab, 10)
        s.text(6.1, 1.8 + k * 0.36, val, 10, "DejaVuSansMono")
    return sp, s.image


LAYOUTS = {
    "with_stub": with_stub,
    "fax_header": fax_header,
    "qr_link": qr_link,
    "lower_glued": lower_glued,
    "order_row": order_row,
}


if __name__ == "__main__":
    main(LAYOUTS, 4, "/tmp/probe_layouts_e")
