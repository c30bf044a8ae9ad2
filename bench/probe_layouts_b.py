"""Eight more ticket layouts the extraction has never seen (beyond probe_layouts_a.py's eight),
read through the real page pipeline.

    .venv/bin/python bench/probe_layouts_b.py [--per-layout 3] [--seed 11] [--only L1,L2]
        [--out /tmp/probe_layouts_b] [--render-only]

Writes, under --out: one PNG per page, one .txt per page (the engine's rebuilt lines, label hits,
fields, confidences, review reasons) and results.json. Prints a layout x field table.

Truth conventions (what a careful clerk keys in):
- tons_only: the ticket prints weights in tons only; the lb truth is tons x 2000 (exact), and
  the quantity is the net tons. A 'missing' weight there is tolerable; a wrong quantity is not.
- landfill_lines: material = the first (tonnage) line item; quantity = the load's net tons.
- concrete_qty: quantity = this load's yards, never the ordered or cumulative quantity.
- job: the job code ('24-105'), not its name.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from probe_layouts_a import city, phone, street, tod  # noqa: E402
from probe_run import PRINTED, main  # noqa: E402

from tests.ticketgen import Style, TicketSpec, _font, _Sheet  # noqa: E402

CUSTOMERS = ["GRANITE BAY CONSTRUCTION", "SUMMIT PAVING CO", "WESTSIDE BUILDERS INC"]
HAULERS = ["SMITH & SONS TRUCKING, INC.", "R&J HAULING LLC", "D & L TRANSPORT CO.",
           "BIG VALLEY TRUCKING", "ORTEGA BROS. TRUCKING LLC"]  # fmt: skip
MATERIALS = ["Class II Base", "3/4 Crushed Rock", "Fill Dirt", "Pea Gravel", "Rip Rap",
             "Concrete Rubble", "Washed Sand"]  # fmt: skip
RED = (200, 35, 35)


def base_values(
    rng: random.Random, layout: str, vendor: str, net_range=(8_000, 52_000)
) -> TicketSpec:
    tare = rng.randint(24_000, 36_000)
    net = rng.randint(*net_range)
    sp = TicketSpec(
        layout=layout, vendor=vendor, ticket_number=str(rng.randint(10**5, 10**7 - 1)),
        date=dt.date(2024, 1, 1) + dt.timedelta(days=rng.randint(0, 600)),
        truck=rng.choice([str(rng.randint(100, 999)), f"T-{rng.randint(10, 399)}",
                          f"{rng.choice('ABCHKR')}{rng.randint(10, 99)}"]),
        hauler=rng.choice(HAULERS), material=rng.choice(MATERIALS),
        gross_lb=float(tare + net), tare_lb=float(tare), net_lb=float(net),
    )  # fmt: skip
    sp.quantity = round(net / 2000, 2)
    sp.unit = "TN"
    return sp


def lb(v, comma=True) -> str:
    return f"{int(v):,}" if comma else str(int(v))


def right_text(
    s: _Sheet, x: float, y: float, text: str, pt: float, font: str = "DejaVuSans"
) -> None:
    s.text(x, y, text, pt, font, anchor="ra")


def leaders(s: _Sheet, x0: float, x1: float, y: float, pt: float) -> None:
    fd = _font("DejaVuSans", max(6, round(pt * s.dpi / 72)))
    dot_w = s.draw.textlength(" .", font=fd) / s.dpi
    n = int((x1 - x0) / dot_w)
    if n > 1:
        s.text(x0, y, " ." * n, pt)


# --------------------------------------------------------------------------- layouts


def bilingual(i: int, rng: random.Random, st: Style):
    """US Southwest scale house, Spanish and English labels: 'Peso Bruto / Gross'.
    i%3==0 Spanish / English; 1 English / Spanish; 2 English label, Spanish in small type
    under it."""
    vendor = rng.choice(["RIO GRANDE AGGREGATES", "SONORAN ROCK & SAND"])
    sp = base_values(rng, "bilingual", vendor)
    s = _Sheet(8.5, 5.0, st, rng.randint(0, 10**6))
    s.text(0.4, 0.3, vendor, 16, "DejaVuSans-Bold")
    s.text(
        0.4,
        0.66,
        f"{street(rng)}, {rng.choice(['Las Cruces, NM', 'El Paso, TX', 'Yuma, AZ'])} "
        f"{rng.randint(79900, 88099)}   Tel {phone(rng)}",
        8.5,
    )
    s.line(0.4, 0.95, 8.1, 0.95, 1.5)
    rows_l = [
        ("Boleto No.", "Ticket No.", sp.ticket_number),
        ("Fecha", "Date", sp.date.strftime("%m/%d/%Y")),
        ("Camión", "Truck", sp.truck),
        ("Transportista", "Hauler", sp.hauler),
        ("Material", "Material", sp.material),
        ("Cliente", "Customer", rng.choice(CUSTOMERS)),
    ]
    rows_r = [
        ("Peso Bruto", "Gross", f"{lb(sp.gross_lb)} lb"),
        ("Tara", "Tare", f"{lb(sp.tare_lb)} lb"),
        ("Peso Neto", "Net", f"{lb(sp.net_lb)} lb"),
        ("Toneladas Netas", "Net Tons", f"{sp.quantity:.2f}"),
        ("Hora Entrada", "Time In", tod(rng)),
        ("Placas", "Plates", f"{rng.choice('ABCX')}{rng.randint(10, 99)}-{rng.randint(100, 999)}"),
    ]
    variant = i % 3
    step = 0.46 if variant == 2 else 0.36
    for _col, rows, x, vx in ((0, rows_l, 0.4, 2.6), (1, rows_r, 4.9, 6.9)):
        for k, (es, en, val) in enumerate(rows):
            y = 1.15 + k * step
            if variant == 0:
                s.text(x, y, f"{es} / {en}:", 9.5)
            elif variant == 1:
                s.text(x, y, f"{en} / {es}:", 9.5)
            else:
                s.text(x, y, f"{en}:", 10)
                s.text(x, y + 0.19, es, 7, "DejaVuSans-Oblique")
            bold = "DejaVuSans-Bold"
            s.text(vx if variant != 2 else x + 1.5, y, str(val), 10, bold)
    s.text(0.4, 4.6, "Firma del chofer / Driver signature ______________", 8.5)
    return (
        sp,
        s.image,
        PRINTED,
    )


def tons_only(i: int, rng: random.Random, st: Style):
    """Weights printed in tons only, no pounds anywhere (aggregate plants that bill by the ton).
    0: 'Gross 36.17 T  Tare 15.00 T  Net 21.17 T' on one line; 1: 'GROSS TONS 36.17' rows;
    2: a header row 'GROSS (TN) | TARE (TN) | NET (TN)' over the values."""
    vendor = rng.choice(["SUPERIOR AGGREGATES", "CANYON STONE QUARRY"])
    sp = base_values(rng, "tons_only", vendor)
    # Make tons exact to 2 decimals so lb truth = tons*2000 exactly.
    g, t = round(sp.gross_lb / 2000, 2), round(sp.tare_lb / 2000, 2)
    n = round(g - t, 2)
    sp.gross_lb, sp.tare_lb, sp.net_lb = g * 2000, t * 2000, round(n * 2000)
    sp.quantity = n
    s = _Sheet(8.5, 4.2, st, rng.randint(0, 10**6))
    s.text(0.4, 0.3, vendor, 16, "DejaVuSans-Bold")
    s.text(0.4, 0.66, f"{street(rng)}, {city(rng)}  Ph {phone(rng)}", 8.5)
    s.line(0.4, 0.95, 8.1, 0.95, 1.5)
    s.field(0.4, 1.1, "Ticket #", sp.ticket_number, 11, bold_value=True)
    s.field(4.6, 1.1, "Date:", sp.date.strftime("%m/%d/%Y"), 10.5)
    s.field(0.4, 1.42, "Truck:", sp.truck, 10)
    s.field(4.6, 1.42, "Hauler:", sp.hauler, 10)
    s.field(0.4, 1.72, "Product:", sp.material, 10)
    s.field(4.6, 1.72, "Customer:", rng.choice(CUSTOMERS), 10)
    variant = i % 3
    mono = "DejaVuSansMono"
    if variant == 0:
        s.text(0.4, 2.3, f"Gross {g:.2f} T    Tare {t:.2f} T    Net {n:.2f} T", 11, mono)
        s.text(
            0.4,
            2.65,
            f"Loads today {rng.randint(2, 20)}    Tons today {rng.uniform(60, 400):.2f} T",
            9,
            mono,
        )
    elif variant == 1:
        for k, (lab, v) in enumerate([("GROSS TONS", g), ("TARE TONS", t), ("NET TONS", n)]):
            s.text(0.6, 2.2 + k * 0.33, lab, 11, "DejaVuSans-Bold")
            right_text(s, 3.6, 2.2 + k * 0.33, f"{v:.2f}", 11, mono)
        s.field(4.6, 2.2, "Rate/Ton", f"${rng.uniform(8, 40):.2f}", 10)
    else:
        s.box(0.4, 2.15, 6.4, 2.95)
        for k, (lab, v) in enumerate([("GROSS (TN)", g), ("TARE (TN)", t), ("NET (TN)", n)]):
            x = 0.5 + k * 2.0
            s.text(x, 2.22, lab, 9, "DejaVuSans-Bold")
            s.text(x, 2.55, f"{v:.2f}", 12, mono)
    s.text(0.4, 3.6, "Weighmaster: T. NGUYEN   Driver ____________", 8.5)
    return (
        sp,
        s.image,
        PRINTED,
    )


def concrete_qty(i: int, rng: random.Random, st: Style):
    """A ready-mix delivery ticket with its quantity distractors: load number, ordered,
    cumulative, delivered-to-date. Only this load's yards are the quantity."""
    vendor = rng.choice(["VALLEY READY MIX", "DESERT CONCRETE SUPPLY"])
    this = float(rng.choice([8, 9, 10, 10.5, 7.5]))
    nload = rng.randint(2, 9)
    cum = this * nload
    ordered = float(rng.choice([60, 80, 120, 150]))
    sp = TicketSpec(
        layout="concrete_qty",
        vendor=vendor,
        ticket_number=str(rng.randint(10**5, 10**7 - 1)),
        date=dt.date(2024, 1, 1) + dt.timedelta(days=rng.randint(0, 600)),
        truck=str(rng.randint(100, 999)),
        material=rng.choice(["4000 PSI Pump Mix", "3000 PSI 3/4 Rock", "5 Sack Mix"]),
        quantity=this,
        unit="CY",
        job=rng.choice(["24-105", "25-012", "J-4471"]),
    )
    s = _Sheet(8.5, 4.4, st, rng.randint(0, 10**6))
    s.text(0.4, 0.3, vendor, 16, "DejaVuSans-Bold")
    s.text(0.4, 0.66, f"Dispatch {phone(rng)} | {street(rng)}, {city(rng)}", 8.5)
    s.text(5.4, 0.3, "DELIVERY TICKET", 12, "DejaVuSans-Bold")
    s.field(5.4, 0.6, "Ticket No.", sp.ticket_number, 12, bold_value=True)
    s.line(0.4, 1.0, 8.1, 1.0, 2)
    s.field(0.4, 1.15, "Date", sp.date.strftime("%m/%d/%Y"), 10.5)
    s.field(3.0, 1.15, "Plant", f"#{rng.randint(1, 9)}", 10.5)
    s.field(5.4, 1.15, "Truck", sp.truck, 10.5)
    s.field(0.4, 1.45, "Customer", rng.choice(CUSTOMERS), 10.5)
    s.field(5.4, 1.45, "Job:", sp.job, 10.5)
    variant = i % 3
    if variant == 0:  # inline, as many dispatch systems print
        s.field(0.4, 1.8, "Mix:", sp.material, 10.5)
        s.field(0.4, 2.15, "Load #", f"{nload}", 10.5)
        s.field(2.4, 2.15, "This Load", f"{this:.2f} CY", 11, bold_value=True)
        s.field(0.4, 2.5, "Qty Ordered", f"{ordered:.2f}", 10.5)
        s.field(3.0, 2.5, "Cum. Qty", f"{cum:.2f}", 10.5)
        s.field(5.4, 2.5, "Yards Delivered", f"{cum:.2f}", 10.5)
    elif variant == 1:  # a table row: load qty, cumulative, ordered, unit, mix code, description
        cols = [
            ("LOAD QTY", 1.0, f"{this:.2f}"),
            ("CUM QTY", 1.0, f"{cum:.2f}"),
            ("ORD QTY", 1.0, f"{ordered:.2f}"),
            ("UNIT", 0.7, "CY"),
            ("MIX CODE", 1.2, f"{rng.randint(30, 50)}P{rng.randint(1, 9)}A"),
            ("DESCRIPTION", 2.8, sp.material),
        ]
        x0, y0 = 0.4, 1.85
        s.box(x0, y0, 8.1, y0 + 0.75)
        s.line(x0, y0 + 0.33, 8.1, y0 + 0.33)
        x = x0
        for head, w, val in cols:
            s.text(x + 0.06, y0 + 0.08, head, 8.5, "DejaVuSans-Bold")
            s.text(x + 0.06, y0 + 0.43, val, 10.5)
            x += w
            if x < 8.05:
                s.line(x, y0, x, y0 + 0.75)
        s.text(0.4, 2.85, f"Load {nload} of {int(ordered // this) + 1}", 9.5)
    else:  # stacked: this load first, then delivered and ordered to date
        s.field(0.4, 1.8, "Product:", sp.material, 10.5)
        for k, (lab, val) in enumerate(
            [
                ("This Load", f"{this:.2f} CY"),
                ("Yards Delivered", f"{cum:.2f}"),
                ("Yards Ordered", f"{ordered:.2f}"),
            ]
        ):
            s.text(0.6, 2.2 + k * 0.32, lab, 10.5, "DejaVuSans-Bold")
            right_text(s, 4.2, 2.2 + k * 0.32, val, 10.5, "DejaVuSansMono")
        s.field(4.8, 2.2, "Load No.", str(nload), 10.5)
    s.text(
        0.4,
        3.6,
        f"Water added ____ gal   Slump {rng.choice([4, 5, 6])} in   Leave Plant {tod(rng)}",
        9,
    )
    return (
        sp,
        s.image,
        ["vendor", "ticket_number", "date", "truck", "material", "quantity", "unit", "job"],
    )


def landfill_lines(i: int, rng: random.Random, st: Style):
    """A landfill ticket with line items (material, qty, unit, rate, amount) and a total line."""
    vendor = rng.choice(["COYOTE CANYON LANDFILL", "SUNSHINE DISPOSAL & RECYCLING"])
    sp = base_values(rng, "landfill_lines", vendor, net_range=(3_000, 14_000))
    sp.material = rng.choice(
        ["MSW Municipal Solid Waste", "C&D Debris", "Green Waste", "Clean Fill Dirt"]
    )
    s = _Sheet(8.5, 5.4, st, rng.randint(0, 10**6))
    s.text(0.4, 0.3, vendor, 16, "DejaVuSans-Bold")
    s.text(0.4, 0.66, f"{street(rng)}, {city(rng)}   Phone {phone(rng)}", 8.5)
    s.line(0.4, 0.95, 8.1, 0.95, 1.5)
    s.field(0.4, 1.1, "Ticket #", sp.ticket_number, 11, bold_value=True)
    s.field(4.6, 1.1, "Date:", sp.date.strftime("%m/%d/%Y"), 10.5)
    s.field(0.4, 1.4, "Hauler:", sp.hauler, 10)
    s.field(4.6, 1.4, "Vehicle:", sp.truck, 10)
    s.field(0.4, 1.7, "Account:", rng.choice(CUSTOMERS), 10)
    s.field(4.6, 1.7, "Time In", tod(rng), 10)
    for k, (lab, v) in enumerate(
        [("Gross", sp.gross_lb), ("Tare", sp.tare_lb), ("Net", sp.net_lb)]
    ):
        s.text(0.6 + k * 2.5, 2.05, lab, 10.5, "DejaVuSans-Bold")
        right_text(s, 2.6 + k * 2.5, 2.05, f"{lb(v)} lb", 10.5, "DejaVuSansMono")
    q = sp.quantity
    variant = i % 3
    rate = round(rng.uniform(38, 75), 2)
    if variant == 0:
        heads = [("Description", 0.5), ("Qty", 3.6), ("Unit", 4.4), ("Rate", 5.2), ("Amount", 6.6)]
        items = [
            (sp.material, f"{q:.2f}", "TN", f"{rate:.2f}", f"{q * rate:.2f}"),
            ("Environmental Fee", "1.00", "EA", "5.00", "5.00"),
            ("Fuel Surcharge", "1.00", "EA", "3.50", "3.50"),
        ]
        total = q * rate + 8.5
    elif variant == 1:
        q1 = round(q * rng.uniform(0.55, 0.8), 2)
        q2 = round(q - q1, 2)
        heads = [("Material", 0.5), ("Tons", 3.6), ("UOM", 4.4), ("Rate", 5.2), ("Amount", 6.6)]
        items = [
            (sp.material, f"{q1:.2f}", "TN", f"{rate:.2f}", f"{q1 * rate:.2f}"),
            ("Clean Wood", f"{q2:.2f}", "TN", "32.00", f"{q2 * 32:.2f}"),
            ("Tire Fee", "2", "EA", "4.00", "8.00"),
        ]
        total = q1 * rate + q2 * 32 + 8
    else:
        heads = [
            ("Item", 0.5),
            ("Description", 1.3),
            ("Qty", 4.2),
            ("Rate", 5.2),
            ("Extended", 6.6),
        ]
        items = [
            (
                str(rng.randint(1000, 1999)),
                sp.material,
                f"{q:.2f} TN",
                f"{rate:.2f}",
                f"{q * rate:.2f}",
            ),
            (str(rng.randint(2000, 2999)), "State Fee", "1 EA", "1.40", "1.40"),
        ]
        total = q * rate + 1.4
    y0 = 2.5
    s.line(0.4, y0 - 0.05, 8.1, y0 - 0.05, 1)
    for h, x in heads:
        s.text(x, y0, h, 9.5, "DejaVuSans-Bold")
    s.line(0.4, y0 + 0.25, 8.1, y0 + 0.25, 1)
    for r, row in enumerate(items):
        for (_h, x), val in zip(heads, row, strict=False):
            s.text(x, y0 + 0.35 + r * 0.3, val, 10)
    yt = y0 + 0.45 + len(items) * 0.3
    s.line(0.4, yt - 0.06, 8.1, yt - 0.06, 1)
    if variant == 1:
        s.field(0.5, yt, "Total Tons", f"{q:.2f}", 10.5, font="DejaVuSans-Bold")
    s.field(5.2, yt, "Total", f"${total:.2f}", 10.5, font="DejaVuSans-Bold")
    s.text(0.4, 5.0, "No hazardous, liquid or medical waste accepted.  Driver ______________", 8)
    return (
        sp,
        s.image,
        PRINTED,
    )


DATE_FORMS = [
    lambda d: d.strftime("%A, %B ") + f"{d.day}, {d.year}",  # Thursday, October 17, 2024
    lambda d: f"{d.day} {d.strftime('%b %Y')}",  # 17 Oct 2024
    lambda d: d.strftime("%Y.%m.%d"),  # 2024.10.17
]


def dates_seps(i: int, rng: random.Random, st: Style):
    """A plain ticket printed by older scale software: 'KEY=VALUE', 'KEY - VALUE', or
    'Ticket Number 123456' with no colon; dates in long and dotted forms."""
    vendor = rng.choice(["LONE PINE MATERIALS", "BLACK MESA AGGREGATES"])
    sp = base_values(rng, "dates_seps", vendor)
    s = _Sheet(8.5, 4.8, st, rng.randint(0, 10**6))
    s.text(0.4, 0.3, vendor, 16, "DejaVuSans-Bold")
    s.text(0.4, 0.66, f"{street(rng)}, {city(rng)}  {phone(rng)}", 8.5)
    s.line(0.4, 0.95, 8.1, 0.95, 1.5)
    variant = i % 3
    date = DATE_FORMS[variant](sp.date)
    mono = "DejaVuSansMono"
    if variant == 0:
        rows = [
            f"TICKET={sp.ticket_number}",
            f"DATE={date}",
            f"TIME={tod(rng, True)}",
            f"TRUCK={sp.truck}",
            f"HAULER={sp.hauler}",
            f"MATERIAL={sp.material.upper()}",
            f"GROSS={lb(sp.gross_lb, False)} LB",
            f"TARE={lb(sp.tare_lb, False)} LB",
            f"NET={lb(sp.net_lb, False)} LB",
            f"NET TONS={sp.quantity:.2f}",
        ]
    elif variant == 1:
        rows = [
            f"TICKET - {sp.ticket_number}",
            f"DATE - {date}",
            f"TRUCK - {sp.truck}",
            f"HAULER - {sp.hauler}",
            f"MATERIAL - {sp.material}",
            f"GROSS - {lb(sp.gross_lb)} LB",
            f"TARE - {lb(sp.tare_lb)} LB",
            f"NET - {lb(sp.net_lb)} LB",
            f"NET TONS - {sp.quantity:.2f}",
        ]
    else:
        rows = [
            f"Ticket Number {sp.ticket_number}",
            f"Date {date}",
            f"Truck Number {sp.truck}",
            f"Hauler {sp.hauler}",
            f"Material {sp.material}",
            f"Gross Weight {lb(sp.gross_lb)} lb",
            f"Tare Weight {lb(sp.tare_lb)} lb",
            f"Net Weight {lb(sp.net_lb)} lb",
            f"Net Tons {sp.quantity:.2f}",
        ]
    for k, text in enumerate(rows):
        s.text(0.6, 1.1 + k * 0.3, text, 10.5, mono)
    s.text(5.2, 1.1, f"CUST {rng.randint(100, 999)}", 9, mono)
    s.text(5.2, 1.4, f"SCALE {rng.randint(1, 3)}", 9, mono)
    return (
        sp,
        s.image,
        PRINTED,
    )


def landscape(i: int, rng: random.Random, st: Style):
    """An 11 x 5.5 in landscape ticket, two columns of fields, each value right-aligned at its
    column's edge far from its label (dot leaders in i%3==0). Weights '72,340 lb', '72340#',
    'LB 72,340' by variant; the date '10/17/24 08:14' with its time."""
    vendor = rng.choice(["HIGH PLAINS SAND & GRAVEL", "COPPER BASIN MATERIALS"])
    sp = base_values(rng, "landscape", vendor)
    sp.job = rng.choice(["24-105", "25-012", "J-4471"])
    s = _Sheet(11.0, 5.5, st, rng.randint(0, 10**6))
    s.text(5.5, 0.3, vendor, 18, "DejaVuSerif-Bold", anchor="ma")
    s.text(5.5, 0.72, f"{street(rng)}  |  {city(rng)}  |  {phone(rng)}", 9, anchor="ma")
    s.line(0.5, 1.05, 10.5, 1.05, 1.5)
    variant = i % 3
    wfmt = [lambda v: f"{lb(v)} lb", lambda v: f"{lb(v, False)}#", lambda v: f"LB {lb(v)}"][variant]
    left = [
        ("Ticket No.", sp.ticket_number),
        ("Date", sp.date.strftime("%m/%d/%y") + f" {tod(rng, True)}"),
        ("Customer", rng.choice(CUSTOMERS)),
        ("Job", f"{sp.job} Hwy 101 Widening"),
        ("Truck", sp.truck),
        ("Hauler", sp.hauler),
    ]
    right = [
        ("Material", sp.material),
        ("Gross", wfmt(sp.gross_lb)),
        ("Tare", wfmt(sp.tare_lb)),
        ("Net", wfmt(sp.net_lb)),
        ("Net Tons", f"{sp.quantity:.2f}"),
        ("Scale", str(rng.randint(1, 3))),
    ]
    for x0, x1, rows in ((0.6, 5.0, left), (5.9, 10.4, right)):
        for k, (lab, val) in enumerate(rows):
            y = 1.3 + k * 0.5
            end = s.text(x0, y, lab, 11, "DejaVuSans")
            f = _font("DejaVuSans-Bold", round(11 * s.dpi / 72))
            vw = s.draw.textlength(val, font=f) / s.dpi
            right_text(s, x1, y, val, 11, "DejaVuSans-Bold")
            if variant == 0:
                leaders(s, end + 0.05, x1 - vw - 0.12, y, 11)
    s.text(0.6, 4.6, "Received by ____________________        Weighmaster: L. ORTIZ", 9)
    return (
        sp,
        s.image,
        [*PRINTED, "job"],
    )


def serial_corner(i: int, rng: random.Random, st: Style):
    """No 'Ticket' label: the number printed only as 'No 123456' in red top-right next to an
    'ORIGINAL' stamp (0), only big at the bottom (1), or 'No. 123456' in red beside a
    'DRIVER COPY' box (2). An account number sits in the header (1, 2)."""
    st.serial_ink_rgb = RED
    vendor = rng.choice(["MOUNTAIN VIEW QUARRY", "EAGLE ROCK AGGREGATES"])
    sp = base_values(rng, "serial_corner", vendor)
    s = _Sheet(8.5, 4.8, st, rng.randint(0, 10**6))
    s.text(0.4, 0.3, vendor, 16, "DejaVuSans-Bold")
    s.text(0.4, 0.66, f"{street(rng)}, {city(rng)}   {phone(rng)}", 8.5)
    variant = i % 3
    if variant in (1, 2):
        s.text(0.4, 0.86, f"Account No. {rng.randint(100000, 999999)}", 8.5)
    if variant == 0:
        s.box(5.2, 0.25, 6.7, 0.65, 1.5)
        s.text(5.3, 0.3, "ORIGINAL", 13, "DejaVuSans-Bold")
        s.text(6.9, 0.3, "No", 13, "DejaVuSans-Bold", ink=RED)
        s.text(7.25, 0.28, sp.ticket_number, 15, "DejaVuSansMono-Bold", ink=RED)
    elif variant == 2:
        s.box(4.9, 0.25, 6.8, 0.65, 1.5)
        s.text(5.0, 0.3, "DRIVER COPY", 13, "DejaVuSans-Bold")
        s.text(6.95, 0.3, "No.", 13, "DejaVuSans-Bold", ink=RED)
        s.text(7.4, 0.28, sp.ticket_number, 15, "DejaVuSansMono-Bold", ink=RED)
    s.line(0.4, 1.1, 8.1, 1.1, 1.5)
    s.field(0.4, 1.25, "Date:", sp.date.strftime("%m-%d-%y"), 10.5)
    s.field(3.2, 1.25, "Time:", tod(rng), 10.5)
    s.field(0.4, 1.55, "Truck:", sp.truck, 10)
    s.field(3.2, 1.55, "Hauler:", sp.hauler, 10)
    s.field(0.4, 1.85, "Material:", sp.material, 10)
    s.field(3.2, 1.85, "PO #", str(rng.randint(10000, 99999)), 10)
    s.box(0.4, 2.2, 5.0, 3.45)
    for k, (lab, v) in enumerate(
        [("Gross", sp.gross_lb), ("Tare", sp.tare_lb), ("Net", sp.net_lb)]
    ):
        s.text(0.6, 2.3 + k * 0.33, lab, 11, "DejaVuSans-Bold")
        right_text(s, 3.2, 2.3 + k * 0.33, f"{lb(v)} lb", 11, "DejaVuSansMono")
    s.field(5.4, 2.3, "Net Tons", f"{sp.quantity:.2f}", 11, bold_value=True)
    if variant == 1:
        s.text(5.4, 3.9, sp.ticket_number, 24, "DejaVuSansMono-Bold")
    s.text(0.4, 4.3, "Driver signature ______________", 8.5)
    return (
        sp,
        s.image,
        PRINTED,
    )


def boxed_tiny(i: int, rng: random.Random, st: Style):
    """A ruled form: each value in a box under a tiny caps label at the box's top-left; a job
    with its name, a PO, a hauler with '&'/'Inc.'/'LLC', the material over two lines (i%3!=2)."""
    vendor = rng.choice(["PACIFIC COAST AGGREGATES", "SANTA RITA ROCK PRODUCTS"])
    sp = base_values(rng, "boxed_tiny", vendor)
    two = i % 3 != 2
    mat = rng.choice(
        [
            ("Class II Aggregate", "Base (Caltrans)"),
            ("3/4 Crushed", "Drain Rock"),
            ("Imported Select", "Fill Material"),
        ]
    )
    sp.material = f"{mat[0]} {mat[1]}" if two else mat[0]
    sp.job = rng.choice(["24-105", "25-012", "2317"])
    s = _Sheet(8.5, 4.9, st, rng.randint(0, 10**6))
    s.text(0.4, 0.3, vendor, 15, "DejaVuSerif-Bold")
    s.text(0.4, 0.64, f"{street(rng)}  {city(rng)}  {phone(rng)}", 8.5)
    dtv = sp.date.strftime("%m/%d/%y") + f" {tod(rng, True)}"
    grid = [
        [
            ("TICKET NUMBER", [sp.ticket_number], 1.9),
            ("DATE / TIME", [dtv], 1.9),
            ("TRUCK", [sp.truck], 1.3),
            ("PO#", [str(rng.randint(4_500_000, 4_599_999))], 2.6),
        ],
        [("HAULER", [sp.hauler], 3.8), ("JOB", [f"{sp.job} Hwy 101 Widening"], 3.9)],
        [
            ("MATERIAL", list(mat) if two else [mat[0]], 2.5),
            ("GROSS LBS", [lb(sp.gross_lb)], 1.3),
            ("TARE LBS", [lb(sp.tare_lb)], 1.3),
            ("NET LBS", [lb(sp.net_lb)], 1.3),
            ("NET TONS", [f"{sp.quantity:.2f}"], 1.3),
        ],
    ]
    y = 1.0
    for row in grid:
        x = 0.4
        for lab, vals, w in row:
            s.box(x, y, x + w, y + 0.9, 0.8)
            s.text(x + 0.05, y + 0.04, lab, 6, "DejaVuSans-Bold")
            for k, v in enumerate(vals):
                s.text(
                    x + 0.12,
                    y + (0.3 if len(vals) == 1 else 0.22) + k * 0.27,
                    v,
                    11.5,
                    "DejaVuSans",
                )
            x += w
        y += 0.9
    s.text(0.4, 3.9, f"Sold to {rng.choice(CUSTOMERS)}   Deputy weighmaster M. REYES", 8.5)
    return (
        sp,
        s.image,
        [*PRINTED, "job"],
    )


LAYOUTS = {
    "bilingual": bilingual,
    "tons_only": tons_only,
    "concrete_qty": concrete_qty,
    "landfill_lines": landfill_lines,
    "dates_seps": dates_seps,
    "landscape": landscape,
    "serial_corner": serial_corner,
    "boxed_tiny": boxed_tiny,
}


if __name__ == "__main__":
    main(LAYOUTS, 11, "/tmp/probe_layouts_b")
