"""Eight ticket layouts the extraction has never seen, read through the real page pipeline.

    .venv/bin/python bench/probe_layouts_a.py [--per-layout 3] [--seed 7] [--only L1,L2]

Written before the rules that read them (2026-12-02); several of their failures were fixed
after, so they are no longer unseen, but they keep those fixes honest.

Writes, under --out (/tmp/probe_layouts_a): one PNG per page, one .txt per page (the OCR
lines as the engine's layout.build_lines rebuilds them, the label hits, the ticket's fields,
confidences and review reasons), and results.json. Prints a layout x field table.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from probe_run import main  # noqa: E402

from tests.ticketgen import Style, TicketSpec, _font, _Sheet  # noqa: E402

# --metric-probe: every metric docket says 'Weight' (a label the engine knows) and has a day of
# 12 or less, to see whether a day-first date is accepted read month-first.
METRIC_PROBE = False
LB_PER_KG = 2.20462262

HAULERS = ["RED ROCK HAULING", "J&R TRANSPORT", "BIG VALLEY TRUCKING", "COASTLINE CARRIERS"]
CUSTOMERS = ["GRANITE BAY CONSTRUCTION", "SUMMIT PAVING CO", "WESTSIDE BUILDERS INC"]
MATERIALS = ["Class II Base", "3/4 Crushed Rock", "Fill Dirt", "Clean Soil", "Concrete Rubble",
             "Pea Gravel", "Rip Rap", "C&D Debris"]  # fmt: skip


# --------------------------------------------------------------------------- values


def us_values(rng: random.Random, layout: str, vendor: str) -> TicketSpec:
    tare = rng.randint(24_000, 36_000)
    net = rng.randint(8_000, 52_000)
    sp = TicketSpec(
        layout=layout,
        vendor=vendor,
        ticket_number=str(rng.randint(10**5, 10**7 - 1)),
        date=dt.date(2024, 1, 1) + dt.timedelta(days=rng.randint(0, 600)),
        truck=rng.choice(
            [
                str(rng.randint(100, 999)),
                f"T-{rng.randint(10, 399)}",
                f"{rng.choice('ABCHKR')}{rng.randint(10, 99)}",
            ]
        ),  # fmt: skip
        hauler=rng.choice(HAULERS),
        material=rng.choice(MATERIALS),
        gross_lb=float(tare + net),
        tare_lb=float(tare),
        net_lb=float(net),
    )
    sp.quantity = round(net / 2000, 2)
    sp.unit = "TN"
    return sp


def phone(rng: random.Random) -> str:
    return f"({rng.randint(200, 989)}) {rng.randint(200, 989)}-{rng.randint(1000, 9999)}"


def tod(rng: random.Random, h24: bool = False) -> str:
    if h24:
        return f"{rng.randint(6, 17):02d}:{rng.randint(0, 59):02d}"
    return f"{rng.randint(5, 11):02d}:{rng.randint(0, 59):02d} {rng.choice(['AM', 'PM'])}"


def street(rng: random.Random) -> str:
    return f"{rng.randint(100, 9999)} {rng.choice(['Industrial Way', 'Quarry Rd', 'Rancho Ave'])}"


def city(rng: random.Random) -> str:
    return f"{rng.choice(['Tracy, CA', 'Corona, CA', 'Mesa, AZ'])} {rng.randint(85000, 96199)}"


def lb(v: float | None, comma: bool = True) -> str:
    assert v is not None
    return f"{int(v):,}" if comma else str(int(v))


# --------------------------------------------------------------------------- layouts
# Each takes (index, rng, style) and returns (TicketSpec with the truth, clean image).


def table_row(i: int, rng: random.Random, st: Style) -> tuple[TicketSpec, Image.Image]:
    """One header row of column names, the values in the row beneath (a weighbridge report line)."""
    vendor = rng.choice(["NORTHGATE AGGREGATES", "IRONWOOD QUARRY"])
    sp = us_values(rng, "table_row", vendor)
    s = _Sheet(8.5, 3.0, st, rng.randint(0, 10**6))
    s.text(0.4, 0.3, vendor, 16, "DejaVuSans-Bold")
    s.text(0.4, 0.66, f"{street(rng)}, {city(rng)}   Phone {phone(rng)}", 8.5)
    unit = rng.choice(["", " LB", " (LB)"])
    cols = [("TICKET", 0.9, sp.ticket_number), ("DATE", 1.0, sp.date.strftime("%m/%d/%Y")),
            ("TRUCK", 0.7, sp.truck), ("PRODUCT", 1.75, sp.material),
            ("GROSS" + unit, 0.95, lb(sp.gross_lb)), ("TARE" + unit, 0.9, lb(sp.tare_lb)),
            ("NET" + unit, 0.85, lb(sp.net_lb)), ("TONS", 0.65, f"{sp.quantity:.2f}")]  # fmt: skip
    x0, y0 = 0.4, 1.1
    x = x0
    total = sum(c[1] for c in cols)
    s.box(x0, y0, x0 + total, y0 + 0.75)
    s.line(x0, y0 + 0.33, x0 + total, y0 + 0.33)
    for head, w, val in cols:
        s.text(x + 0.06, y0 + 0.08, head, 8.5, "DejaVuSans-Bold")
        s.text(x + 0.06, y0 + 0.43, str(val), 9.5)
        x += w
        if x < x0 + total - 0.01:
            s.line(x, y0, x, y0 + 0.75)
    s.text(0.4, 2.1, f"Hauler: {sp.hauler}     Customer: {rng.choice(CUSTOMERS)}", 9.5)
    s.text(0.4, 2.4, f"Time in {tod(rng)}   Time out {tod(rng)}   Scale 2", 8.5)
    return sp, s.image


def _dots(s: _Sheet, x0: float, x1: float, y: float, label: str, value: str, pt: float) -> None:
    end = s.text(x0, y, label, pt)
    f = _font("DejaVuSans-Bold", max(6, round(pt * s.dpi / 72)))
    vw = s.draw.textlength(value, font=f) / s.dpi
    s.text(x1, y, value, pt, "DejaVuSans-Bold", anchor="ra")
    fd = _font("DejaVuSans", max(6, round(pt * s.dpi / 72)))
    dot_w = s.draw.textlength(" .", font=fd) / s.dpi
    n = int((x1 - vw - end - 0.12) / dot_w)
    s.text(end + 0.04, y, " ." * max(n, 2), pt)


def dot_leaders(i: int, rng: random.Random, st: Style) -> tuple[TicketSpec, Image.Image]:
    """'Gross Weight . . . . . . 72,340 lb', values right-aligned (an invoice-style printout)."""
    vendor = rng.choice(["BRIGHTWATER LANDFILL", "HIGH DESERT RECYCLING"])
    sp = us_values(rng, "dot_leaders", vendor)
    s = _Sheet(8.5, 4.6, st, rng.randint(0, 10**6))
    s.text(4.25, 0.25, vendor, 16, "DejaVuSerif-Bold", anchor="ma")
    s.text(4.25, 0.62, f"{street(rng)} - {city(rng)} - {phone(rng)}", 8.5, anchor="ma")
    rows = [("Ticket Number", sp.ticket_number), ("Date", sp.date.strftime("%m/%d/%Y")),
            ("Truck", sp.truck), ("Hauler", sp.hauler), ("Material", sp.material),
            ("Gross Weight", f"{lb(sp.gross_lb)} lb"), ("Tare Weight", f"{lb(sp.tare_lb)} lb"),
            ("Net Weight", f"{lb(sp.net_lb)} lb"), ("Net Tons", f"{sp.quantity:.2f}")]  # fmt: skip
    for k, (lab, val) in enumerate(rows):
        _dots(s, 0.8, 5.2, 1.05 + k * 0.33, lab, str(val), 10.5)
    s.text(5.8, 1.05, f"Time In  {tod(rng)}", 9)
    s.text(5.8, 1.35, f"Time Out {tod(rng)}", 9)
    s.text(5.8, 1.65, f"Customer {rng.choice(CUSTOMERS)[:14]}", 9)
    return sp, s.image


def in_out(i: int, rng: random.Random, st: Style) -> tuple[TicketSpec, Image.Image]:
    """Two weighings with their times. Which one is loaded depends on the site: a landfill weighs
    the truck loaded on the way in, a quarry weighs it empty on the way in."""
    vendor = rng.choice(["CEDAR FLAT MATERIALS", "MESA GRANDE ROCK & SAND"])
    sp = us_values(rng, "in_out", vendor)
    s = _Sheet(8.5, 4.2, st, rng.randint(0, 10**6))
    s.text(0.4, 0.3, vendor, 16, "DejaVuSans-Bold")
    s.text(0.4, 0.66, f"{street(rng)}, {city(rng)}  Tel {phone(rng)}", 8.5)
    s.line(0.4, 0.95, 8.1, 0.95, 1.5)
    s.field(0.4, 1.1, "Ticket No.", sp.ticket_number, 11, bold_value=True)
    s.field(4.6, 1.1, "Date:", sp.date.strftime("%m/%d/%Y"), 10.5)
    s.field(0.4, 1.45, "Truck:", sp.truck or "", 10)
    s.field(4.6, 1.45, "Carrier:", sp.hauler or "", 10)
    s.field(0.4, 1.75, "Material:", sp.material or "", 10)
    variant = i % 3
    if variant == 0:  # landfill order: first weighing loaded
        first, second = ("First Weight", sp.gross_lb), ("Second Weight", sp.tare_lb)
    elif variant == 1:
        first, second = ("Loaded", sp.gross_lb), ("Empty", sp.tare_lb)
    else:  # quarry order: in empty, out loaded
        first, second = ("Weight In", sp.tare_lb), ("Weight Out", sp.gross_lb)
    t1, t2 = tod(rng), tod(rng)
    s.box(0.4, 2.1, 8.1, 3.5)
    for k, ((lab, v), t) in enumerate([(first, t1), (second, t2)]):
        y = 2.25 + k * 0.35
        s.text(0.6, y, lab, 10.5, "DejaVuSans-Bold")
        s.text(4.0, y, f"{lb(v)} lb", 10.5, "DejaVuSansMono", anchor="ra")
        s.text(4.4, y, t, 10.5, "DejaVuSansMono")
        s.text(6.2, y, sp.date.strftime("%m/%d/%y"), 10.5, "DejaVuSansMono")
    s.text(0.6, 2.95, "Net Weight", 10.5, "DejaVuSans-Bold")
    s.text(4.0, 2.95, f"{lb(sp.net_lb)} lb", 10.5, "DejaVuSansMono", anchor="ra")
    s.field(4.4, 2.95, "Net Tons", f"{sp.quantity:.2f}", 10.5, bold_value=True)
    s.text(0.4, 3.7, "Scale 1 in / Scale 2 out    Weighmaster: M. CHEN", 8.5)
    return sp, s.image


def metric(i: int, rng: random.Random, st: Style) -> tuple[TicketSpec, Image.Image]:
    """An Australian weighbridge docket: kg and tonnes, day-first dates, 'Rego' for the truck."""
    vendor = rng.choice(["DUNMORE QUARRIES PTY LTD", "BOWRAL SAND & GRAVEL PTY LTD"])
    tare = rng.randint(12_000, 17_000)
    net = rng.randint(15_000, 30_000)
    # Day first: the first ticket gets a day of 12 or less (ambiguous), the next one above 12.
    day = rng.randint(1, 12) if i % 2 == 0 or METRIC_PROBE else rng.randint(13, 28)
    date = dt.date(2024 + rng.randint(0, 1), rng.randint(1, 12), day)
    if date > dt.date(2025, 10, 30):
        date = date.replace(year=2024)
    tonnes = round(net / 1000, 2)
    plate = f"{rng.choice('ABCX')}{rng.choice('KLMT')}{rng.randint(10, 99)}{rng.choice('DEFG')}{rng.choice('HJK')}"  # noqa: E501
    sp = TicketSpec(
        layout="metric", vendor=vendor, ticket_number=str(rng.randint(10**5, 10**7 - 1)),
        date=date, truck=plate, hauler=rng.choice(["KELLY HAULAGE", "ROSS TRANSPORT"]),
        material=rng.choice(["20mm Aggregate", "Road Base", "Crusher Dust", "Bedding Sand"]),
        gross_lb=float(round((tare + net) * LB_PER_KG)), tare_lb=float(round(tare * LB_PER_KG)),
        net_lb=float(round(net * LB_PER_KG)), quantity=round(tonnes * 1.10231, 2), unit="TN",
    )  # fmt: skip
    s = _Sheet(8.5, 4.4, st, rng.randint(0, 10**6))
    s.text(0.4, 0.3, vendor, 15, "DejaVuSans-Bold")
    abn = " ".join(str(rng.randint(100, 999)) for _ in range(3))
    ph = f"Ph (02) 4{rng.randint(100, 999)} {rng.randint(1000, 9999)}"
    s.text(0.4, 0.64, f"ABN 41 {abn}   {ph}", 8.5)
    s.text(5.6, 0.3, "WEIGHBRIDGE DOCKET", 11, "DejaVuSans-Bold")
    s.field(5.6, 0.6, "Docket No.", sp.ticket_number, 12, bold_value=True)
    s.line(0.4, 1.0, 8.1, 1.0, 1.5)
    s.field(0.4, 1.15, "Date:", sp.date.strftime("%d/%m/%Y"), 10.5)
    s.field(3.0, 1.15, "Time:", tod(rng, h24=True), 10.5)
    s.field(0.4, 1.45, rng.choice(["Rego:", "Vehicle Reg:"]), plate, 10.5)
    s.field(3.8, 1.45, "Carrier:", sp.hauler or "", 10.5)
    s.field(0.4, 1.75, "Product:", sp.material or "", 10.5)
    s.field(3.8, 1.75, "Customer:", rng.choice(CUSTOMERS), 10.5)
    mass = "Weight" if METRIC_PROBE or i % 2 else "Mass"
    rows = [(f"Gross {mass}", f"{tare + net:,} kg"), (f"Tare {mass}", f"{tare:,} kg"),
            (f"Net {mass}", f"{net:,} kg"), ("Net Tonnes", f"{tonnes:.2f} t")]  # fmt: skip
    s.box(0.4, 2.1, 8.1, 3.65)
    for k, (lab, val) in enumerate(rows):
        y = 2.22 + k * 0.34
        s.text(0.6, y, lab, 11, "DejaVuSans-Bold")
        s.text(4.2, y, val, 11, "DejaVuSansMono", anchor="ra")
    s.text(0.4, 3.85, "Weighed on a NMI-approved weighbridge. Driver: ______________", 8)
    return sp, s.image


def _small_caps(s: _Sheet, x: float, y: float, text: str, pt: float) -> None:
    """Small caps: each word's first letter at `pt`, the rest as smaller capitals."""
    base = y + pt / 72
    for word in text.split():
        x = s.text(x, base, word[0].upper(), pt, "DejaVuSans", anchor="ls")
        if len(word) > 1:
            x = s.text(x, base, word[1:].upper(), pt * 0.78, "DejaVuSans", anchor="ls")
        x += pt * 0.35 / 72


def boxed_caps(i: int, rng: random.Random, st: Style) -> tuple[TicketSpec, Image.Image]:
    """Small-caps labels over values in ruled boxes; the number big in the corner after 'No.'."""
    vendor = rng.choice(["KESTREL TRANSFER STATION", "SADDLEBACK MATERIALS"])
    sp = us_values(rng, "boxed_caps", vendor)
    s = _Sheet(8.5, 4.5, st, rng.randint(0, 10**6))
    s.text(0.4, 0.3, vendor, 15, "DejaVuSerif-Bold")
    s.text(0.4, 0.64, f"{street(rng)}  {city(rng)}  {phone(rng)}", 8.5)
    s.text(5.8, 0.3, "No.", 12, "DejaVuSans")
    s.text(6.3, 0.22, sp.ticket_number, 20, "DejaVuSansMono-Bold")
    grid = [
        [("Date", sp.date.strftime("%m/%d/%Y"), 1.6), ("Vehicle No.", sp.truck, 1.4),
         ("Hauled By", sp.hauler, 2.4), ("Product", sp.material, 2.3)],
        [("Gross Lbs", lb(sp.gross_lb), 1.9), ("Tare Lbs", lb(sp.tare_lb), 1.9),
         ("Net Lbs", lb(sp.net_lb), 1.9), ("Net Tons", f"{sp.quantity:.2f}", 2.0)],
    ]  # fmt: skip
    for r, row in enumerate(grid):
        x, y = 0.4, 1.1 + r * 0.85
        for lab, val, w in row:
            s.box(x, y, x + w - 0.05, y + 0.75)
            _small_caps(s, x + 0.08, y + 0.06, lab, 7)
            s.text(x + 0.1, y + 0.34, str(val), 12, "DejaVuSans-Bold")
            x += w
    s.text(0.4, 3.0, f"Account {rng.choice(CUSTOMERS)}   Time {tod(rng)}", 9)
    s.text(0.4, 3.35, "I certify the above load contains no hazardous waste.", 8)
    return sp, s.image


def thermal(i: int, rng: random.Random, st: Style) -> tuple[TicketSpec, Image.Image]:
    """A 3.2-inch thermal receipt, monospace, left-aligned 'KEY: VALUE' lines, dashed rules;
    scanned on a letter-size flatbed page."""
    vendor = rng.choice(["PINECREST AGGREGATES", "ORCHARD ROCK PRODUCTS"])
    sp = us_values(rng, "thermal", vendor)
    s = _Sheet(3.2, 6.4, st, rng.randint(0, 10**6))
    mono, pt = "DejaVuSansMono", 8.5
    abbrev = i % 3 != 0  # two in three use the abbreviations thermal printers favour
    lines = [
        (vendor, "DejaVuSansMono-Bold", 10),
        (street(rng), mono, pt), (city(rng), mono, pt), (f"TEL {phone(rng)}", mono, pt),
        ("-" * 30, mono, pt),
        (("TKT#: " if abbrev else "TICKET: ") + sp.ticket_number, mono, pt),
        (f"DATE: {sp.date.strftime('%m/%d/%y')}  TIME: {tod(rng, True)}", mono, pt),
        ("-" * 30, mono, pt),
        (("TRK#: " if abbrev else "TRUCK: ") + (sp.truck or ""), mono, pt),
        (("CARR: " if abbrev else "CARRIER: ") + (sp.hauler or ""), mono, pt),
        (("MATL: " if abbrev else "PRODUCT: ") + (sp.material or "").upper(), mono, pt),
        (("CUST: " if abbrev else "CUSTOMER: ") + rng.choice(CUSTOMERS)[:20], mono, pt),
        ("-" * 30, mono, pt),
        (f"GROSS: {lb(sp.gross_lb, False)} LB", mono, pt),
        (f"TARE:  {lb(sp.tare_lb, False)} LB", mono, pt),
        (f"NET:   {lb(sp.net_lb, False)} LB", mono, pt),
        (f"NET TONS: {sp.quantity:.2f}", "DejaVuSansMono-Bold", pt),
        ("-" * 30, mono, pt),
        (f"SCALE: {rng.randint(1, 3)}  OPR: {rng.choice(['JL', 'MC', 'RD'])}", mono, pt),
        ("THANK YOU - DRIVE SAFE", mono, pt),
    ]  # fmt: skip
    y = 0.2
    for text, font, size in lines:
        s.text(0.15, y, text, size, font)
        y += size * 1.55 / 72
    # The receipt on the flatbed: a letter-size white page, the slip near the top left.
    page = Image.new("RGB", (round(8.5 * st.dpi), round(11 * st.dpi)), (252, 252, 252))
    page.paste(s.image, (round(0.6 * st.dpi), round(0.5 * st.dpi)))
    return sp, page


def sign_lines(i: int, rng: random.Random, st: Style) -> tuple[TicketSpec, Image.Image]:
    """A pre-printed form: each value printed on a rule, its label in small type under the rule
    (signature-line style); the weights as a scale indicator prints them, value then label."""
    vendor = rng.choice(["SILVER CREEK QUARRY", "FOOTHILL ROCK PRODUCTS"])
    sp = us_values(rng, "sign_lines", vendor)
    s = _Sheet(8.5, 4.6, st, rng.randint(0, 10**6))
    s.text(0.4, 0.3, vendor, 16, "DejaVuSans-Bold")
    s.text(0.4, 0.66, f"{street(rng)}, {city(rng)}   {phone(rng)}", 8.5)
    rows = [
        [("Ticket No.", sp.ticket_number, 0.4, 2.4),
         ("Date", sp.date.strftime("%m/%d/%Y"), 2.8, 4.8),
         ("Truck No.", sp.truck, 5.2, 8.0)],
        [("Hauler", sp.hauler, 0.4, 4.8), ("Material", sp.material, 5.2, 8.0)],
    ]  # fmt: skip
    for r, row in enumerate(rows):
        y = 1.15 + r * 0.7
        for lab, val, x0, x1 in row:
            s.text(x0 + 0.1, y, str(val), 11, "DejaVuSansMono")
            s.line(x0, y + 0.22, x1, y + 0.22, 0.8)
            s.text(x0, y + 0.27, lab, 7.5)
    # Indicator tape pasted in: value, unit, then the word naming it.
    tape = "DejaVuSansMono"
    s.box(0.4, 2.7, 4.0, 3.9, 0.8)
    for k, (v, word) in enumerate([(sp.gross_lb, "GROSS"), (sp.tare_lb, "TARE"),
                                   (sp.net_lb, "NET")]):  # fmt: skip
        s.text(2.3, 2.82 + k * 0.3, f"{lb(v, False)} lb", 10.5, tape, anchor="ra")
        s.text(2.5, 2.82 + k * 0.3, word, 10.5, tape)
    s.text(4.6, 2.82, f"{sp.quantity:.2f}", 11, "DejaVuSansMono")
    s.line(4.5, 3.04, 6.2, 3.04, 0.8)
    s.text(4.5, 3.09, "Net Tons", 7.5)
    s.line(4.5, 3.75, 8.0, 3.75, 0.8)
    s.text(4.5, 3.8, "Driver Signature", 7.5)
    return sp, s.image


def distractors(i: int, rng: random.Random, st: Style) -> tuple[TicketSpec, Image.Image]:
    """A plain 'Label: value' ticket crowded with other numbers: customer and permit numbers,
    PO and order numbers, scale ID, a stored tare with its date, running totals, phones."""
    vendor = rng.choice(["RIVERBEND LANDFILL", "TWIN OAKS DISPOSAL"])
    sp = us_values(rng, "distractors", vendor)
    s = _Sheet(8.5, 5.0, st, rng.randint(0, 10**6))
    s.text(0.4, 0.3, vendor, 16, "DejaVuSans-Bold")
    s.text(0.4, 0.66, f"{street(rng)}, {city(rng)}", 8.5)
    s.text(
        0.4,
        0.84,
        f"Office {phone(rng)}   Fax {phone(rng)}   Permit No. {rng.randint(10**5, 10**6 - 1)}",
        8.5,
    )  # noqa: E501
    s.line(0.4, 1.08, 8.1, 1.08, 1.5)
    s.field(0.4, 1.2, "Customer No.", str(rng.randint(10**4, 10**6 - 1)), 10)
    s.field(4.6, 1.2, "Scale ID:", str(rng.randint(1, 4)), 10)
    s.field(0.4, 1.5, "Ticket No.", sp.ticket_number, 11, bold_value=True)
    s.field(4.6, 1.5, "Date:", sp.date.strftime("%m/%d/%Y"), 10.5)
    s.field(0.4, 1.8, "PO #", str(rng.randint(1000, 99999)), 10)
    s.field(4.6, 1.8, "Order No.", str(rng.randint(100000, 999999)), 10)
    s.field(0.4, 2.1, "Truck:", sp.truck or "", 10)
    s.field(4.6, 2.1, "Driver Cell", phone(rng), 10)
    s.field(0.4, 2.4, "Hauler:", sp.hauler or "", 10)
    s.field(4.6, 2.4, "Loads today:", str(rng.randint(2, 30)), 10)
    s.field(0.4, 2.7, "Material:", sp.material or "", 10)
    running = rng.uniform(20, 75) if i == 0 else rng.uniform(120, 900)
    s.field(4.6, 2.7, "Tons to date:", f"{running:.2f}", 10)
    s.box(0.4, 3.05, 8.1, 4.45)
    prev = sp.tare_lb + rng.choice([-1, 1]) * rng.randint(80, 600)  # type: ignore[operator]
    stored = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randint(0, 300))
    rows = [("Gross", lb(sp.gross_lb)), ("Tare", lb(sp.tare_lb)), ("Net", lb(sp.net_lb))]
    for k, (lab, val) in enumerate(rows):
        y = 3.18 + k * 0.33
        s.text(0.6, y, lab, 11, "DejaVuSans-Bold")
        s.text(3.0, y, f"{val} lb", 11, "DejaVuSansMono", anchor="ra")
    s.field(3.4, 3.18, "Prev Tare:", f"{lb(prev)} lb ({stored.strftime('%m/%d/%y')})", 9)
    s.field(3.4, 3.51, "Net Tons", f"{sp.quantity:.2f}", 11, bold_value=True)
    s.field(3.4, 3.84, "Rate/Ton", f"${rng.uniform(8, 60):.2f}", 9)
    s.text(0.4, 4.6, "Weighmaster: R. DIAZ    Driver signature _______________", 8.5)
    return sp, s.image


LAYOUTS = {
    "table_row": table_row,
    "dot_leaders": dot_leaders,
    "in_out": in_out,
    "metric": metric,
    "boxed_caps": boxed_caps,
    "thermal": thermal,
    "sign_lines": sign_lines,
    "distractors": distractors,
}


if __name__ == "__main__":
    # --metric-probe: every metric docket says 'Weight' and has a day of 12 or less.
    METRIC_PROBE = "--metric-probe" in sys.argv
    main(LAYOUTS, 7, "/tmp/probe_layouts_a", [a for a in sys.argv[1:] if a != "--metric-probe"])
