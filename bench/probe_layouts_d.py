"""Five more ticket layouts the extraction has never seen (beyond probe_layouts_a/b/c.py's),
read through the real page pipeline: label wordings and decoy values real tickets carry.

    .venv/bin/python bench/probe_layouts_d.py [--per-layout 3] [--seed 5] [--only L1,L2]
        [--out /tmp/probe_layouts_d] [--render-only]

Writes, under --out, one PNG and one .txt (lines, labels, fields) per page and results.json;
prints a layout x field table.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import numpy as np
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parent))

from probe_layouts_a import city, street, tod, us_values  # noqa: E402
from probe_layouts_c import _header, _lb  # noqa: E402
from probe_run import main  # noqa: E402

from tests.ticketgen import Style, _Sheet  # noqa: E402


def weighmaster(i: int, rng: random.Random, st: Style):
    """A California weighmaster certificate: the number is a 'CERTIFICATE NO.', the truck a
    'VEHICLE LICENSE', the material a 'COMMODITY', under a paragraph of legal text."""
    sp = us_values(rng, "weighmaster", rng.choice(["GOLDEN STATE AGGREGATES", "SIERRA ROCK"]))
    s = _Sheet(8.5, 5.4, st, rng.randint(0, 10**6))
    _header(s, sp.vendor, rng)
    s.text(5.2, 0.3, "WEIGHMASTER CERTIFICATE", 11, "DejaVuSans-Bold")
    s.field(5.2, 0.62, "CERTIFICATE NO.", sp.ticket_number, 10.5, bold_value=True)
    s.text(0.4, 1.0, "THIS IS TO CERTIFY that the following described commodity was weighed,",
           7.5)  # fmt: skip
    s.text(0.4, 1.15, "measured or counted by a weighmaster, whose signature is on this"
           " certificate, who is a recognized authority of accuracy.", 7.5)  # fmt: skip
    left = [("DATE", sp.date.strftime("%m/%d/%Y")), ("VEHICLE LICENSE", sp.truck),
            ("CARRIER", sp.hauler), ("COMMODITY", sp.material)]  # fmt: skip
    for k, (lab, val) in enumerate(left):
        s.text(0.4, 1.5 + k * 0.4, lab, 9.5)
        s.text(2.0, 1.5 + k * 0.4, val, 10.5)
    right = [("GROSS", f"{_lb(sp.gross_lb)} LB"), ("TARE", f"{_lb(sp.tare_lb)} LB"),
             ("NET", f"{_lb(sp.net_lb)} LB"), ("NET TONS", f"{sp.quantity:.2f}")]  # fmt: skip
    for k, (lab, val) in enumerate(right):
        s.text(5.2, 1.5 + k * 0.4, lab, 9.5)
        s.text(6.5, 1.5 + k * 0.4, val, 10.5, "DejaVuSansMono")
    s.text(0.4, 3.4, "WEIGHMASTER", 8)
    s.line(1.4, 3.55, 3.6, 3.55, 0.8)
    s.text(4.2, 3.4, f"DEPUTY  {rng.choice(['J. ORTIZ', 'M. CHAN', 'R. DIAZ'])}", 8)
    return sp, s.image


def delivery_items(i: int, rng: random.Random, st: Style):
    """A delivery ticket with a line-item table (Product, Quantity, Unit, Price, Amount): the
    quantity is the item's, the net weight is printed below in small type."""
    sp = us_values(rng, "delivery_items", rng.choice(["COASTAL READY SAND", "PALOMAR ROCK CO"]))
    s = _Sheet(8.5, 5.0, st, rng.randint(0, 10**6))
    _header(s, sp.vendor, rng)
    s.text(5.4, 0.3, "DELIVERY TICKET", 12, "DejaVuSans-Bold")
    s.field(5.4, 0.62, "No.", sp.ticket_number, 11, bold_value=True)
    s.field(0.4, 1.0, "Date:", sp.date.strftime("%m/%d/%Y"), 10)
    s.field(3.0, 1.0, "Truck:", sp.truck, 10)
    s.field(5.4, 1.0, "Carrier:", sp.hauler, 10)
    s.field(0.4, 1.35, "Deliver To:", rng.choice(["SMITH RESIDENCE", "HWY 99 WIDENING"]), 10)
    xs = [0.4, 3.6, 4.9, 5.8, 7.0]
    y = 1.85
    for x, h in zip(xs, ["Product", "Quantity", "Unit", "Price", "Amount"], strict=True):
        s.text(x, y, h, 9.5, "DejaVuSans-Bold")
    s.line(0.4, y + 0.22, 8.1, y + 0.22, 0.8)
    price = rng.choice([14.5, 18.25, 22.0])
    row = [sp.material, f"{sp.quantity:.2f}", "TN", f"{price:.2f}", f"{price * sp.quantity:.2f}"]
    for x, v in zip(xs, row, strict=True):
        s.text(x, y + 0.35, v, 10)
    s.text(0.4, 2.9, f"Gross {_lb(sp.gross_lb)} lb   Tare {_lb(sp.tare_lb)} lb   "
           f"Net {_lb(sp.net_lb)} lb", 8.5)  # fmt: skip
    s.text(0.4, 3.4, "Received by ____________________", 9)
    return sp, s.image


def two_dates(i: int, rng: random.Random, st: Style):
    """Date in and date out beside the weighings, and a different 'Printed' date in the footer:
    the ticket's date is the day it was weighed, not the day it was printed."""
    sp = us_values(rng, "two_dates", rng.choice(["LONE PINE LANDFILL", "CEDAR CREEK DISPOSAL"]))
    s = _Sheet(8.5, 5.0, st, rng.randint(0, 10**6))
    _header(s, sp.vendor, rng)
    s.field(5.6, 0.3, "Ticket:", sp.ticket_number, 12, bold_value=True)
    day = sp.date.strftime("%m/%d/%y")
    rows = [("Vehicle:", sp.truck), ("Hauler:", sp.hauler), ("Waste Type:", sp.material)]
    for k, (lab, val) in enumerate(rows):
        s.field(0.4, 1.1 + k * 0.38, lab, val, 10)
    weigh = [("In", f"{day} {tod(rng, True)}", f"{_lb(sp.gross_lb)} lb", "Gross"),
             ("Out", f"{day} {tod(rng, True)}", f"{_lb(sp.tare_lb)} lb", "Tare")]  # fmt: skip
    for k, (io, when, w, name) in enumerate(weigh):
        y = 2.4 + k * 0.38
        s.text(0.4, y, f"Date {io}:", 10)
        s.text(1.5, y, when, 10)
        s.text(3.6, y, f"{name}:", 10)
        s.text(4.5, y, w, 10, "DejaVuSansMono")
    s.text(3.6, 3.16, "Net:", 10)
    s.text(4.5, 3.16, f"{_lb(sp.net_lb)} lb", 10, "DejaVuSansMono")
    s.text(3.6, 3.54, "Tons:", 10)
    s.text(4.5, 3.54, f"{sp.quantity:.2f}", 10, "DejaVuSansMono")
    later = sp.date.toordinal() + rng.randint(3, 40)
    printed = type(sp.date).fromordinal(later).strftime("%m/%d/%Y")
    s.text(0.4, 4.5, f"Printed {printed} {tod(rng)}   Page 1 of 1", 7.5)
    return sp, s.image


def right_aligned(i: int, rng: random.Random, st: Style):
    """Long labels right-aligned on a colon column, values left-aligned just after it, as
    scale-house software prints them ('Trucking Company: ...', 'Gross Weight: ...')."""
    sp = us_values(rng, "right_aligned", rng.choice(["MOUNTAIN VIEW MATERIALS", "KERN SAND"]))
    s = _Sheet(8.5, 5.4, st, rng.randint(0, 10**6))
    s.text(4.25, 0.3, sp.vendor, 15, "DejaVuSans-Bold", anchor="ma")
    s.text(4.25, 0.62, f"{street(rng)}, {city(rng)}", 8.5, anchor="ma")
    rows = [("Ticket Number:", sp.ticket_number), ("Date Out:", sp.date.strftime("%m/%d/%Y")),
            ("Vehicle ID:", sp.truck), ("Trucking Company:", sp.hauler),
            ("Material Description:", sp.material), ("Gross Weight:", f"{_lb(sp.gross_lb)} lbs"),
            ("Tare Weight:", f"{_lb(sp.tare_lb)} lbs"), ("Net Weight:", f"{_lb(sp.net_lb)} lbs"),
            ("Net Tons:", f"{sp.quantity:.2f}")]  # fmt: skip
    for k, (lab, val) in enumerate(rows):
        y = 1.0 + k * 0.4
        s.text(3.4, y, lab, 10, anchor="ra")
        s.text(3.55, y, val, 10, "DejaVuSans-Bold")
    return sp, s.image


def phone_photo(i: int, rng: random.Random, st: Style):
    """A plain ticket photographed with a phone on a desk: seen at a slant (keystone), lit
    unevenly, the desk around it."""
    sp = us_values(rng, "phone_photo", rng.choice(["BLUE RIDGE STONE", "ASHGROVE AGGREGATE"]))
    s = _Sheet(8.5, 5.0, st, rng.randint(0, 10**6))
    _header(s, sp.vendor, rng)
    rows = [("Ticket #:", sp.ticket_number), ("Date:", sp.date.strftime("%m/%d/%Y")),
            ("Truck:", sp.truck), ("Hauler:", sp.hauler), ("Material:", sp.material),
            ("Gross:", f"{_lb(sp.gross_lb)} lb"), ("Tare:", f"{_lb(sp.tare_lb)} lb"),
            ("Net:", f"{_lb(sp.net_lb)} lb"), ("Tons:", f"{sp.quantity:.2f}")]  # fmt: skip
    for k, (lab, val) in enumerate(rows):
        s.field(0.5, 1.0 + k * 0.4, lab, val, 10.5)
    return sp, _photographed(s.image, rng)


def _photographed(img: Image.Image, rng: random.Random) -> Image.Image:
    w, h = img.size
    pad = int(0.12 * w)
    desk = Image.new("RGB", (w + 2 * pad, h + 2 * pad), (95, 80, 62))
    desk.paste(img, (pad, pad))
    W, H = desk.size
    k = rng.uniform(0.03, 0.06) * W
    # Quad in the output that the page's corners land on: the top edge nearer, narrower.
    quad = (k, 0.0, 0.0, float(H), float(W), float(H), W - k, 0.0)
    photo = desk.transform(desk.size, Image.Transform.QUAD, quad, Image.Resampling.BICUBIC)
    a = np.asarray(photo).astype(np.float32)
    yy, xx = np.mgrid[0:H, 0:W]
    light = 0.72 + 0.28 * (xx / W) * (0.6 + 0.4 * yy / H)  # darker toward one corner
    return Image.fromarray(np.clip(a * light[..., None], 0, 255).astype(np.uint8))


LAYOUTS = {
    "weighmaster": weighmaster,
    "delivery_items": delivery_items,
    "two_dates": two_dates,
    "right_aligned": right_aligned,
    "phone_photo": phone_photo,
}


if __name__ == "__main__":
    main(LAYOUTS, 3, "/tmp/probe_layouts_d")
