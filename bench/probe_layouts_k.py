"""Five more ticket layouts the extraction has never seen (beyond probe_layouts_a-j.py's), written
before any rule for them (2026-12-03, third session): two columns of label/value pairs crowded
so that each left value ends just short of the right column's label, a half-size scale-house
slip (150 DPI, heavy JPEG) whose ticket number is a big bold number with no label at all beside
a labelled order number and PO, weights printed in pounds and tons on one line ('Net: 43,100 lb
21.55 T') with an ISO date and a time with seconds, a ticket under a rubber 'RECEIVED' / 'PAID'
stamp in coloured ink that carries its own later date, and a delivery ticket with 'Sold To' and
'Ship To' address blocks, a driver, a trailer and a licence plate, and a signature block with a
printed 'Received by' name.

    .venv/bin/python bench/probe_layouts_k.py [--per-layout 3] [--seed 19] [--only L1,L2]
        [--out /tmp/probe_layouts_k] [--render-only]
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from pathlib import Path

import numpy as np
from PIL import Image, ImageChops, ImageDraw

sys.path.insert(0, str(Path(__file__).resolve().parent))

from probe_layouts_a import CUSTOMERS, city, phone, tod, us_values  # noqa: E402
from probe_layouts_c import _header, _lb, fields_column  # noqa: E402
from probe_run import PRINTED, main  # noqa: E402

from tests.ticketgen import Style, TicketSpec, _font, _Sheet  # noqa: E402

GREY = (110, 110, 110)


def crowded_columns(i: int, rng: random.Random, st: Style):
    """Two columns of label/value pairs, each column's values right-aligned at its own edge, so
    a long left value (the hauler, the product) ends a few letters' width short of the right
    column's label on the same line ('Hauler:    RED ROCK HAULING Net Wt:     43,100 lb')."""
    sp = us_values(
        rng, "crowded_columns", rng.choice(["SILVER CREEK AGGREGATE", "DRY LAKE SAND & GRAVEL"])
    )
    s = _Sheet(8.5, 4.4, st, rng.randint(0, 10**6))
    _header(s, sp.vendor, rng)
    s.text(5.6, 0.3, "SCALE TICKET", 12, "DejaVuSans-Bold")
    colon = ":" if i % 2 == 0 else ""
    gap = rng.uniform(0.08, 0.14)  # inches between a left value's end and the right label
    left_edge, right_x, right_edge = 4.15, 4.15 + gap, 7.95
    left = [(f"Ticket No{colon}", sp.ticket_number), (f"Date{colon}", sp.date.strftime("%m/%d/%Y")),
            (f"Truck{colon}", sp.truck), (f"Hauler{colon}", sp.hauler),
            (f"Product{colon}", sp.material)]  # fmt: skip
    right = [(f"Gross Wt{colon}", f"{_lb(sp.gross_lb)} lb"),
             (f"Tare Wt{colon}", f"{_lb(sp.tare_lb)} lb"),
             (f"Net Wt{colon}", f"{_lb(sp.net_lb)} lb"),
             (f"Net Tons{colon}", f"{sp.quantity:.2f}"),
             (f"Scale{colon}", str(rng.randint(1, 3)))]  # fmt: skip
    for k, ((ll, lv), (rl, rv)) in enumerate(zip(left, right, strict=True)):
        y = 1.1 + k * 0.34
        s.text(0.5, y, ll, 10)
        s.text(left_edge, y, str(lv), 10, "DejaVuSans-Bold", anchor="ra")
        s.text(right_x, y, rl, 10)
        s.text(right_edge, y, rv, 10, "DejaVuSans-Bold", anchor="ra")
    s.line(0.5, 3.0, 7.95, 3.0)
    s.text(0.5, 3.1, f"Customer{colon} {rng.choice(CUSTOMERS)}    Time In {tod(rng)}    "
           f"Time Out {tod(rng)}", 8.5)  # fmt: skip
    return sp, s.image


def scale_house_slip(i: int, rng: random.Random, st: Style):
    """A half-size scale-house slip (5.5 x 4.25 in) scanned at 150 DPI as a rough JPEG: the
    ticket number only as a big bold number at the top right with no label, the order number
    and PO under it with their labels, an account number, the date and a time."""
    sp = us_values(rng, "scale_house", rng.choice(["GRANITE HILL QUARRY", "LONE PINE ROCK"]))
    s = _Sheet(5.5, 4.25, st, rng.randint(0, 10**6))
    s.text(0.25, 0.2, sp.vendor, 12, "DejaVuSans-Bold")
    s.text(0.25, 0.45, "SCALE HOUSE", 8.5, "DejaVuSans-Bold")
    s.text(0.25, 0.62, phone(rng), 7.5)
    s.text(5.25, 0.15, sp.ticket_number, 20, "DejaVuSansMono-Bold", anchor="ra")
    order, po = str(rng.randint(10**4, 10**5 - 1)), f"{rng.randint(10**6, 10**7 - 1)}"
    s.field(3.2, 0.62, "Order No.", order, 8)
    s.field(3.2, 0.8, "P.O.", po, 8)
    s.line(0.25, 1.02, 5.25, 1.02, 1.2)
    fields_column(s, 0.3, 1.12, [("Date:", sp.date.strftime("%m/%d/%y")), ("Time:", tod(rng)),
                                 ("Acct:", str(rng.randint(1000, 9999))), ("Truck:", sp.truck),
                                 ("Hauler:", sp.hauler), ("Material:", sp.material)],
                  step=0.3)  # fmt: skip
    for k, (lab, v) in enumerate(
        [("Gross", sp.gross_lb), ("Tare", sp.tare_lb), ("Net", sp.net_lb)]
    ):
        y = 1.12 + k * 0.3
        s.text(3.3, y, lab, 10, "DejaVuSans-Bold")
        s.text(5.2, y, f"{_lb(v)} lb", 10, "DejaVuSansMono", anchor="ra")
    s.text(3.3, 2.1, "Tons", 10, "DejaVuSans-Bold")
    s.text(5.2, 2.1, f"{sp.quantity:.2f}", 10, "DejaVuSansMono-Bold", anchor="ra")
    s.line(0.3, 3.7, 2.6, 3.7)
    s.text(0.3, 3.75, "Driver", 7)
    return sp, s.image


def _half_size_style(rng: random.Random) -> Style:
    return Style(
        dpi=150,
        skew_deg=rng.choice([-1, 1]) * rng.uniform(0.3, 1.2),
        noise=rng.choice([0.02, 0.03]),
        blur=rng.choice([0.0, 0.3]),
        jpeg_quality=rng.choice([45, 55, 65]),
    )


scale_house_slip.style = _half_size_style  # type: ignore[attr-defined]


def lb_and_tons(i: int, rng: random.Random, st: Style):
    """Each weight printed twice on its line, in pounds and in tons ('Gross: 71,220 lb
    35.61 T'); no separate quantity line, so the quantity is the tons on the net line. The date
    is ISO ('2025-03-07') with a time with seconds ('07:45:12') beside it."""
    sp = us_values(rng, "lb_and_tons", rng.choice(["BEAR VALLEY MATERIALS", "SANTA ROSA ROCK CO"]))
    s = _Sheet(8.5, 4.4, st, rng.randint(0, 10**6))
    _header(s, sp.vendor, rng)
    s.field(5.5, 0.3, "Ticket #", sp.ticket_number, 12, bold_value=True)
    secs = f"{tod(rng, h24=True)}:{rng.randint(0, 59):02d}"
    s.field(5.5, 0.62, "Date", f"{sp.date.isoformat()}  {secs}", 10)
    s.line(0.4, 1.0, 8.1, 1.0, 1.2)
    fields_column(s, 0.5, 1.15, [("Truck:", sp.truck), ("Hauler:", sp.hauler),
                                 ("Material:", sp.material),
                                 ("Customer:", rng.choice(CUSTOMERS))])  # fmt: skip
    lbu, tu = [("lb", "T"), ("LBS", "TN"), ("lb", "tons")][i % 3]
    for k, (lab, v) in enumerate(
        [("Gross:", sp.gross_lb), ("Tare:", sp.tare_lb), ("Net:", sp.net_lb)]
    ):
        y = 1.15 + k * 0.35
        s.text(4.6, y, lab, 10.5, "DejaVuSans-Bold")
        s.text(6.8, y, f"{_lb(v)} {lbu}", 10.5, "DejaVuSansMono", anchor="ra")
        s.text(7.95, y, f"{(v or 0) / 2000:.2f} {tu}", 10.5, "DejaVuSansMono", anchor="ra")
    return sp, s.image


def _rubber_stamp(
    s: _Sheet,
    cx: float,
    cy: float,
    lines: list[tuple[str, float]],
    ink: tuple[int, int, int],
    angle: float,
) -> None:
    """A rubber stamp: a double-ruled box of centred lines, rotated, unevenly inked, laid over
    what is printed (the print shows through: multiply, not paint)."""
    dpi = s.dpi
    fonts = [_font("DejaVuSans-Bold", round(pt * dpi / 72)) for _, pt in lines]
    probe = ImageDraw.Draw(Image.new("L", (1, 1)))
    w = max(int(probe.textlength(t, font=f)) for (t, _), f in zip(lines, fonts, strict=True))
    pad = round(0.1 * dpi)
    h = sum(round(f.size * 1.25) for f in fonts)
    mask = Image.new("L", (w + 2 * pad, h + 2 * pad), 0)
    d = ImageDraw.Draw(mask)
    lw = max(2, round(dpi / 60))
    d.rectangle([0, 0, mask.width - 1, mask.height - 1], outline=255, width=lw)
    d.rectangle([lw * 2, lw * 2, mask.width - 1 - lw * 2, mask.height - 1 - lw * 2],
                outline=255, width=max(1, lw // 2))  # fmt: skip
    y = pad
    for (t, _), f in zip(lines, fonts, strict=True):
        d.text((mask.width // 2, y), t, font=f, fill=255, anchor="ma")
        y += round(f.size * 1.25)
    arr = np.asarray(mask, dtype=np.float32)
    rough = np.random.default_rng(s.rng.randint(0, 2**31)).uniform(0.45, 0.95, arr.shape)
    mask = Image.fromarray((arr * rough).astype(np.uint8))
    mask = mask.rotate(angle, expand=True, resample=Image.Resampling.BICUBIC)
    x0, y0 = round(cx * dpi - mask.width / 2), round(cy * dpi - mask.height / 2)
    box = (x0, y0, x0 + mask.width, y0 + mask.height)
    under = s.image.crop(box)
    inked = ImageChops.multiply(under, Image.new("RGB", under.size, ink))
    s.image.paste(Image.composite(inked, under, mask), box[:2])


def plain_ticket(
    s: _Sheet,
    sp: TicketSpec,
    rng: random.Random,
    number_label: str = "Ticket:",
    number_y: float = 0.3,
) -> None:
    """An ordinary scale ticket, the ground for a stamp: the header, the number at the top
    right, date, time, truck, hauler and material down the left, the weights and net tons on
    the right."""
    _header(s, sp.vendor, rng)
    s.field(5.4, number_y, number_label, sp.ticket_number, 12, bold_value=True)
    fields_column(s, 0.5, 1.1, [("Date:", sp.date.strftime("%m/%d/%Y")), ("Time:", tod(rng)),
                                ("Truck:", sp.truck), ("Hauler:", sp.hauler),
                                ("Material:", sp.material)])  # fmt: skip
    weights = [("Gross:", sp.gross_lb), ("Tare:", sp.tare_lb), ("Net:", sp.net_lb)]
    fields_column(s, 4.8, 1.1, [(lab, f"{_lb(v)} lb") for lab, v in weights])
    s.field(4.8, 2.2, "Net Tons:", f"{sp.quantity:.2f}", 10, bold_value=True)


def received_stamp(i: int, rng: random.Random, st: Style):
    """An ordinary scale ticket that came back through accounts payable: a rubber stamp in red
    or blue, tilted, over the weights or the material ('RECEIVED' with its own later date and
    'BY ___', or 'PAID' with a check number and date), the printed values showing through."""
    sp = us_values(rng, "received_stamp", rng.choice(["EAGLE ROCK AGGREGATES", "HIGHLINE SAND CO"]))
    s = _Sheet(8.5, 4.6, st, rng.randint(0, 10**6))
    plain_ticket(s, sp, rng)
    s.line(0.5, 3.9, 3.5, 3.9)
    s.text(0.5, 3.95, "Received by", 8)
    later = sp.date + dt.timedelta(days=rng.randint(3, 40))
    if i % 2 == 0:
        lines = [("RECEIVED", 20), (later.strftime("%b %d %Y").upper(), 13), ("BY ______", 10)]
    else:
        lines = [("PAID", 24), (f"CHECK # {rng.randint(1000, 99999)}", 11),
                 (later.strftime("%m/%d/%Y"), 12)]  # fmt: skip
    ink = rng.choice([(200, 40, 45), (40, 70, 180)])
    # Over the weights (right) or over the material and hauler (left).
    cx, cy = (6.1, 1.7) if rng.random() < 0.6 else (2.2, 2.0)
    _rubber_stamp(s, cx, cy, lines, ink, rng.uniform(-14, 14))
    return sp, s.image


def address_blocks(i: int, rng: random.Random, st: Style):
    """A delivery ticket with its paperwork around the fields: 'Sold To' and 'Ship To / Job
    Site' blocks (company names, street numbers, ZIPs, phones), a job number, a PO, the driver
    by name, a trailer number and a licence plate beside the truck, and a signature block at
    the foot with the receiver's name printed above the line."""
    sp = us_values(
        rng, "address_blocks", rng.choice(["CASCADE ROCK PRODUCTS", "TRI-VALLEY AGGREGATES"])
    )
    sp.job = rng.choice(["24-117", "25-031", "J-4471", "2025-118"])
    s = _Sheet(8.5, 6.2, st, rng.randint(0, 10**6))
    _header(s, sp.vendor, rng)
    s.text(5.5, 0.3, "DELIVERY TICKET", 11, "DejaVuSans-Bold")
    s.field(5.5, 0.6, "Ticket No.", sp.ticket_number, 12, bold_value=True)
    s.line(0.4, 1.0, 8.1, 1.0, 1.2)
    sold = rng.choice(CUSTOMERS)
    site = rng.choice(["MERIDIAN SCHOOL ADDITION", "HWY 99 WIDENING PH 2", "OAK PARK LOFTS"])
    sold_rows = [sold, f"{rng.randint(100, 9999)} Commerce Dr", city(rng), phone(rng)]
    site_street = f"{rng.randint(100, 9999)} {rng.choice(['Elm St', 'Main St', 'Ridge Rd'])}"
    site_rows = [site, site_street, city(rng), f"Contact: {rng.choice(['R. DIAZ', 'K. OWENS'])}"]
    for x, title, rows in [(0.4, "SOLD TO", sold_rows), (4.3, "SHIP TO / JOB SITE", site_rows)]:
        s.box(x, 1.1, x + 3.8, 2.25)
        s.text(x + 0.08, 1.15, title, 7.5, "DejaVuSans-Bold")
        for k, r in enumerate(rows):
            s.text(x + 0.08, 1.35 + k * 0.21, r, 9)
    s.field(0.4, 2.4, "Date:", sp.date.strftime("%m/%d/%Y"), 10)
    s.field(3.0, 2.4, "Job #:", sp.job, 10)
    s.field(5.4, 2.4, "PO #:", str(rng.randint(10**5, 10**6 - 1)), 10)
    letters = "ABCDEFGHJKLMNPRSTUVWXYZ"
    plate = f"{rng.randint(1, 9)}{rng.choice(letters)}{rng.choice(letters)}"
    plate += str(rng.randint(10000, 99999))
    s.field(0.4, 2.75, "Truck:", sp.truck, 10)
    s.field(2.2, 2.75, "Trailer:", str(rng.randint(1000, 9999)), 10)
    s.field(4.2, 2.75, "License:", plate, 10)
    s.field(6.3, 2.75, "Driver:", rng.choice(["JOSE MARTINEZ", "DALE HUNT", "AMY CHO"]), 10)
    s.field(0.4, 3.1, "Carrier:", sp.hauler, 10)
    s.field(4.2, 3.1, "Product:", sp.material, 10)
    weights = [("Gross:", sp.gross_lb), ("Tare:", sp.tare_lb), ("Net:", sp.net_lb)]
    fields_column(s, 0.4, 3.55, [(lab, f"{_lb(v)} lb") for lab, v in weights])
    s.field(4.2, 3.55, "Net Tons:", f"{sp.quantity:.2f}", 10, bold_value=True)
    s.field(4.2, 3.9, "Delivered Today:", f"{sp.quantity * rng.randint(2, 6):.2f}", 9)
    recv = rng.choice(["J. SANTOS", "MIKE PALMER", "L. NGUYEN"])
    s.text(0.5, 5.05, recv, 11, "DejaVuSans-Oblique")
    s.line(0.4, 5.35, 3.6, 5.35)
    s.text(0.4, 5.4, "Received by (print name / sign)", 7.5)
    s.line(4.3, 5.35, 7.5, 5.35)
    s.text(4.3, 5.4, "Driver signature", 7.5)
    s.text(0.4, 5.75, "Customer assumes responsibility for damage beyond the curb line. "
           f"Questions: {phone(rng)}", 7, ink=GREY)  # fmt: skip
    return sp, s.image, [*PRINTED, "job"]


LAYOUTS = {
    "crowded_columns": crowded_columns,
    "scale_house": scale_house_slip,
    "lb_and_tons": lb_and_tons,
    "received_stamp": received_stamp,
    "address_blocks": address_blocks,
}


if __name__ == "__main__":
    main(LAYOUTS, 19, "/tmp/probe_layouts_k")
