"""Five more ticket layouts the extraction has never seen (beyond probe_layouts_a-i.py's), written
before any rule for them (2026-12-03, third session): a hot-mix plant's ticket with the date
as '03-DEC-2025' and a 24-hour time among mix, temperature and load-count numbers, a British
weighbridge ticket in tonnes ('1st Weight', '2nd Weight', 'Nett'; 'Vehicle Reg', 'Haulier', a
day-first date), an emailed e-ticket with small grey captions over bold values in a card grid,
a narrow thermal strip lying sideways on the scanner glass with colon-less monospace lines, and
a ticket in sections under dark bars with zebra-striped rows.

    .venv/bin/python bench/probe_layouts_j.py [--per-layout 3] [--seed 17] [--only L1,L2]
        [--out /tmp/probe_layouts_j] [--render-only]
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from probe_layouts_a import CUSTOMERS, LB_PER_KG, city, phone, street, tod, us_values  # noqa: E402
from probe_layouts_c import _header, _lb, fields_column  # noqa: E402
from probe_run import main  # noqa: E402

from tests.ticketgen import Style, _Sheet, on_flatbed  # noqa: E402

GREY = (120, 120, 120)


def month_name_date(i: int, rng: random.Random, st: Style):
    """A hot-mix asphalt plant's ticket: the date with the month's abbreviation ('03-DEC-2025',
    '03-DEC-25', 'DEC 03, 2025') and a 24-hour time with seconds, among the plant's own
    numbers: mix code, silo, mix temperature, load count and tons shipped today."""
    sp = us_values(rng, "month_date", rng.choice(["CENTRAL VALLEY ASPHALT", "FOOTHILLS HOT MIX"]))
    sp.material = rng.choice(["1/2 IN HMA TYPE A", "3/8 SUPERPAVE PG 64-22", "3/4 BASE COURSE"])
    d = sp.date
    date = [
        d.strftime("%d-%b-%Y").upper(),
        d.strftime("%d-%b-%y").upper(),
        d.strftime("%b %d, %Y").upper(),
    ][i % 3]
    s = _Sheet(8.5, 4.8, st, rng.randint(0, 10**6))
    _header(s, sp.vendor, rng)
    s.text(5.4, 0.3, "HMA LOAD TICKET", 11, "DejaVuSans-Bold")
    s.field(5.4, 0.6, "Ticket:", sp.ticket_number, 12, bold_value=True)
    s.line(0.4, 1.0, 8.1, 1.0, 1.2)
    secs = f"{tod(rng, h24=True)}:{rng.randint(0, 59):02d}"
    fields_column(s, 0.5, 1.15, [("Date:", date), ("Time:", secs), ("Truck:", sp.truck),
                                 ("Hauler:", sp.hauler), ("Mix:", sp.material),
                                 ("Mix Code:", str(rng.randint(1000, 9999)))])  # fmt: skip
    fields_column(s, 3.4, 1.15, [("Silo:", str(rng.randint(1, 4))),
                                 ("Temp:", f"{rng.randint(285, 325)} F"),
                                 ("Load #:", str(rng.randint(2, 40)))])  # fmt: skip
    weights = [("Gross:", sp.gross_lb), ("Tare:", sp.tare_lb), ("Net:", sp.net_lb)]
    fields_column(s, 5.6, 1.15, [(lab, f"{_lb(v)} lb") for lab, v in weights])
    s.field(5.6, 2.2, "Net Tons:", f"{sp.quantity:.2f}", 10, bold_value=True)
    s.field(5.6, 2.55, "Tons Today:", f"{rng.uniform(80, 900):.2f}", 9)
    s.line(0.5, 4.2, 3.5, 4.2)
    s.text(0.5, 4.25, "Received by", 8)
    return sp, s.image


def uk_tonnes(i: int, rng: random.Random, st: Style):
    """A British weighbridge ticket: 'Ticket No.', a day-first date, 'Vehicle Reg' with a UK
    number plate, 'Haulier', weights in tonnes only as '1st Weight' / '2nd Weight' /
    'Nett Weight' (a waste site weighs the loaded lorry first, a quarry the empty one) or as
    'Gross' / 'Tare' / 'Nett'; a VAT number, a permit number and an EWC code near them."""
    vendor = rng.choice(["HANSFORD AGGREGATES LTD", "THAMES VALLEY RECYCLING LTD"])
    sp = us_values(rng, "uk_tonnes", vendor)
    tare = rng.randint(1100, 1500) * 10  # kg, in tens: the tonnes print to two places
    net = rng.randint(800, 2000) * 10
    sp.gross_lb = float(round((tare + net) * LB_PER_KG))
    sp.tare_lb = float(round(tare * LB_PER_KG))
    sp.net_lb = float(round(net * LB_PER_KG))
    sp.quantity = round(round(net / 1000, 2) * 1.10231, 2)
    letters = "ABCDEFGHJKLMNOPRSTVWXY"
    sp.truck = (
        "".join(rng.choice(letters) for _ in range(2))
        + f"{rng.randint(10, 74)} "
        + "".join(rng.choice(letters) for _ in range(3))
    )
    sp.hauler = rng.choice(["BRIGGS HAULAGE", "KELLY PLANT HIRE", "A J MORRIS TRANSPORT"])
    sp.material = rng.choice(["Type 1 MOT", "6F2 Recycled Aggregate", "40mm Clean Stone",
                              "Mixed C&D Waste"])  # fmt: skip
    t = lambda kg: f"{kg / 1000:.2f} t"  # noqa: E731
    s = _Sheet(8.3, 5.0, st, rng.randint(0, 10**6))
    s.text(0.4, 0.3, vendor, 15, "DejaVuSans-Bold")
    town = rng.choice([("Reading", "RG2 0QS"), ("Banbury", "OX16 3JU"), ("Swindon", "SN3 4DE")])
    s.text(0.4, 0.62, f"Unit {rng.randint(1, 12)}, Mill Lane, {town[0]} {town[1]}   "
           f"Tel 01{rng.randint(100, 999)} {rng.randint(100000, 999999)}", 8.5)  # fmt: skip
    s.text(0.4, 0.8, f"VAT Reg No. GB {rng.randint(100, 999)} {rng.randint(1000, 9999)} "
           f"{rng.randint(10, 99)}   Permit EPR/{rng.choice(['AB', 'HP', 'KB'])}"
           f"{rng.randint(1000, 9999)}{rng.choice(['CD', 'RX', 'ZT'])}", 8)  # fmt: skip
    s.text(5.4, 0.3, "WEIGHBRIDGE TICKET", 11, "DejaVuSans-Bold")
    s.field(5.4, 0.6, "Ticket No.", sp.ticket_number, 12, bold_value=True)
    s.line(0.4, 1.05, 7.9, 1.05, 1.2)
    t_in, t_out = tod(rng, h24=True), tod(rng, h24=True)
    s.field(0.4, 1.2, "Date:", sp.date.strftime("%d/%m/%Y"), 10.5)
    s.field(3.0, 1.2, "Time In:", min(t_in, t_out), 10.5)
    s.field(5.4, 1.2, "Time Out:", max(t_in, t_out), 10.5)
    s.field(0.4, 1.5, "Vehicle Reg:", sp.truck, 10.5)
    s.field(3.8, 1.5, "Haulier:", sp.hauler, 10.5)
    s.field(0.4, 1.8, "Product:", sp.material, 10.5)
    s.field(3.8, 1.8, "Customer:", rng.choice(CUSTOMERS), 10.5)
    s.field(0.4, 2.1, "EWC Code:", rng.choice(["17 05 04", "17 09 04", "17 01 07"]), 10.5)
    s.field(3.8, 2.1, "Order No.", str(rng.randint(10**4, 10**6)), 10.5)
    waste_site = "RECYCLING" in vendor
    if i % 2 == 0:
        first, second = (tare + net, tare) if waste_site else (tare, tare + net)
        rows = [("1st Weight", t(first)), ("2nd Weight", t(second)), ("Nett Weight", t(net))]
    else:
        rows = [("Gross", t(tare + net)), ("Tare", t(tare)), ("Nett", t(net))]
    s.box(0.4, 2.45, 4.6, 3.6)
    for k, (lab, val) in enumerate(rows):
        y = 2.57 + k * 0.34
        s.text(0.6, y, lab, 11, "DejaVuSans-Bold")
        s.text(4.3, y, val, 11, "DejaVuSansMono", anchor="ra")
    s.text(0.4, 3.8, "Driver's signature ____________________   "
           "Waste transferred under Duty of Care, EPA 1990 s.34", 7.5)  # fmt: skip
    return sp, s.image


def eticket_cards(i: int, rng: random.Random, st: Style):
    """An e-ticket as a supplier's system emails it and the customer prints it: a dark title
    bar, then a grid of cards, each a small grey caption over a bold value (no colons, no
    boxes), an order number, a load count ('Load 4 of 12') and a driver's name among them."""
    sp = us_values(rng, "eticket", rng.choice(["REDLANDS ROCK & SAND", "MOUNTAIN GATE MATERIALS"]))
    s = _Sheet(8.5, 6.0, st, rng.randint(0, 10**6))
    s.draw.rectangle([s.px(0.4), s.px(0.3), s.px(8.1), s.px(0.9)], fill=(35, 45, 60))
    s.text(0.6, 0.44, sp.vendor, 15, "DejaVuSans-Bold", ink=(255, 255, 255))
    s.text(7.9, 0.5, "DIGITAL DELIVERY TICKET", 9, "DejaVuSans-Bold", ink=(255, 255, 255),
           anchor="ra")  # fmt: skip
    s.text(0.4, 1.0, f"{street(rng)}, {city(rng)}  ·  {phone(rng)}", 8, ink=GREY)
    cards = [
        [("TICKET #", sp.ticket_number), ("DATE", sp.date.strftime("%m/%d/%Y")),
         ("TIME", tod(rng)), ("ORDER #", str(rng.randint(10**5, 10**6 - 1)))],
        [("TRUCK", sp.truck), ("CARRIER", sp.hauler),
         ("DRIVER", rng.choice(["M. ALVAREZ", "T. NGUYEN", "D. HOLT"]))],
        [("PRODUCT", sp.material), ("PLANT", f"Plant {rng.randint(1, 9)}"),
         ("LOAD", f"{rng.randint(1, 11)} of 12"), ("QUANTITY", f"{sp.quantity:.2f} TN")],
        [("GROSS", f"{_lb(sp.gross_lb)} lb"), ("TARE", f"{_lb(sp.tare_lb)} lb"),
         ("NET", f"{_lb(sp.net_lb)} lb")],
    ]  # fmt: skip
    xs = [0.5, 2.4, 4.3, 6.2]
    for r, row in enumerate(cards):
        y = 1.4 + r * 0.85
        xs_r = [0.5, 2.4, 6.2] if r == 1 else xs  # the carrier's card spans two columns
        for (cap, val), x in zip(row, xs_r, strict=False):
            s.text(x, y, cap, 7, "DejaVuSans", ink=GREY)
            s.text(x, y + 0.17, str(val), 12, "DejaVuSans-Bold")
        s.draw.line([(s.px(0.5), s.px(y + 0.63)), (s.px(8.0), s.px(y + 0.63))],
                    fill=(200, 200, 200), width=max(1, round(st.dpi / 100)))  # fmt: skip
    s.text(0.5, 5.0, "Signed electronically on delivery  ·  View at tickets.example.com", 7.5,
           ink=GREY)  # fmt: skip
    return sp, s.image


def sideways_strip(i: int, rng: random.Random, st: Style):
    """A 3-inch thermal strip laid sideways on a letter-size flatbed (turned a quarter either
    way), its lines colon-less monospace with each value pushed right by spaces
    ('GROSS        71220 LB')."""
    vendor = rng.choice(["BIG SKY AGGREGATES", "COPPER BASIN ROCK"])
    sp = us_values(rng, "sideways_strip", vendor)
    sp.material = rng.choice(["3/4 CRUSHED ROCK", "CLASS II BASE", "PEA GRAVEL", "FILL DIRT"])
    width = 32

    def row(label: str, value: str) -> str:
        return label + " " * max(2, width - len(label) - len(value)) + value

    mono, pt = "DejaVuSansMono", 8.5
    lines = [
        (vendor.center(width), "DejaVuSansMono-Bold"),
        (street(rng).center(width), mono), (city(rng).center(width), mono),
        (phone(rng).center(width), mono), ("=" * width, mono),
        (row("TICKET", sp.ticket_number), "DejaVuSansMono-Bold"),
        (row("DATE", sp.date.strftime("%m/%d/%y")), mono),
        (row("TIME", tod(rng, h24=True)), mono),
        (row("TRUCK", sp.truck or ""), mono),
        (row("CARRIER", sp.hauler or ""), mono),
        (row("PRODUCT", sp.material), mono),
        ("-" * width, mono),
        (row("GROSS", f"{int(sp.gross_lb or 0)} LB"), mono),
        (row("TARE", f"{int(sp.tare_lb or 0)} LB"), mono),
        (row("NET", f"{int(sp.net_lb or 0)} LB"), mono),
        (row("NET TONS", f"{sp.quantity:.2f}"), "DejaVuSansMono-Bold"),
        ("-" * width, mono),
        (row("SCALE", str(rng.randint(1, 3))), mono),
        (row("CUST", str(rng.randint(1000, 9999))), mono),
        ("THANK YOU".center(width), mono),
    ]  # fmt: skip
    strip = _Sheet(3.1, 0.45 + len(lines) * pt * 1.55 / 72, st, rng.randint(0, 10**6))
    strip.draw.rectangle([0, 0, strip.image.width, strip.image.height], fill=(246, 245, 240))
    y = 0.2
    for text, font in lines:
        strip.text(0.15, y, text, pt, font)
        y += pt * 1.55 / 72
    return sp, on_flatbed(strip.image, 90 if i % 2 == 0 else 270, st.dpi, rng)


def _bar(s: _Sheet, x0: float, x1: float, y: float, title: str) -> None:
    s.draw.rectangle([s.px(x0), s.px(y), s.px(x1), s.px(y + 0.28)], fill=(55, 55, 55))
    s.text(x0 + 0.1, y + 0.06, title, 9, "DejaVuSans-Bold", ink=(255, 255, 255))


def _zebra(s: _Sheet, x0: float, x1: float, y: float, rows: list[tuple[str, str]]) -> None:
    for k, (lab, val) in enumerate(rows):
        top = y + k * 0.3
        if k % 2:
            s.draw.rectangle([s.px(x0), s.px(top), s.px(x1), s.px(top + 0.3)], fill=(228, 228, 228))
        s.text(x0 + 0.1, top + 0.07, lab, 9.5)
        s.text(x1 - 0.1, top + 0.07, val, 9.5, "DejaVuSans-Bold", anchor="ra")


def section_bars(i: int, rng: random.Random, st: Style):
    """A scale program's ticket in sections, each under a dark bar with its title reversed
    out ('TRANSACTION', 'VEHICLE', 'MATERIAL', 'WEIGHTS'), the rows under it striped
    alternately grey, labels at the left, values right-aligned at the section's edge, no
    colons."""
    sp = us_values(rng, "section_bars", rng.choice(["KERN RIVER LANDFILL", "MESA VERDE RECYCLING"]))
    s = _Sheet(8.5, 5.2, st, rng.randint(0, 10**6))
    _header(s, sp.vendor, rng)
    lx0, lx1, rx0, rx1 = 0.4, 4.0, 4.4, 8.1
    _bar(s, lx0, lx1, 1.0, "TRANSACTION")
    _zebra(s, lx0, lx1, 1.3, [("Ticket Number", sp.ticket_number),
                              ("Date", sp.date.strftime("%m/%d/%Y")),
                              ("Time", tod(rng)),
                              ("Scale", f"Scale {rng.randint(1, 3)}")])  # fmt: skip
    _bar(s, lx0, lx1, 2.6, "VEHICLE")
    _zebra(s, lx0, lx1, 2.9, [("Truck", sp.truck or ""), ("Hauler", sp.hauler or ""),
                              ("Account", str(rng.randint(10**4, 10**6)))])  # fmt: skip
    _bar(s, rx0, rx1, 1.0, "MATERIAL")
    _zebra(s, rx0, rx1, 1.3, [("Material", sp.material or ""),
                              ("Origin", rng.choice(["Bakersfield", "Delano", "Shafter"])),
                              ("Customer", rng.choice(CUSTOMERS))])  # fmt: skip
    _bar(s, rx0, rx1, 2.3, "WEIGHTS")
    _zebra(s, rx0, rx1, 2.6, [("Gross", f"{_lb(sp.gross_lb)} lb"),
                              ("Tare", f"{_lb(sp.tare_lb)} lb"),
                              ("Net", f"{_lb(sp.net_lb)} lb"),
                              ("Net Tons", f"{sp.quantity:.2f}")])  # fmt: skip
    s.text(0.4, 4.5, f"Printed {sp.date.strftime('%m/%d/%Y')}  ·  Operator "
           f"{rng.choice(['KB', 'LM', 'RS'])}", 7.5, ink=GREY)  # fmt: skip
    return sp, s.image


LAYOUTS = {
    "month_date": month_name_date,
    "uk_tonnes": uk_tonnes,
    "eticket": eticket_cards,
    "sideways_strip": sideways_strip,
    "section_bars": section_bars,
}


if __name__ == "__main__":
    main(LAYOUTS, 17, "/tmp/probe_layouts_j")
