"""Five more ticket layouts the extraction has never seen (beyond probe_layouts_a-k.py's), written
before any rule for them (2026-12-03, third session): a secure landfill's waste receiving
ticket for contaminated soil with its hazardous-waste manifest tracking number among a waste
profile number, an approval number, waste codes and three EPA ID numbers (facility,
generator, transporter), an old scale program's ticket with every label an all-caps
abbreviation ('TKT#', 'DT', 'TRK', 'HLR', 'MATL', 'GRS', 'TR', 'NT', 'TNS'), a Spanish /
French weighbridge ticket in kilograms grouped by periods ('32.480 kg'), a day-first date and
the tonnes with a decimal comma ('18,48 t'), a loader-scale ticket (net weight and tons only,
no gross or tare) in the top third of a full letter page above a column of terms-and-
conditions small print full of numbers, and a photocopy of a ticket (grey speckled toner,
thickened strokes, the copier lid's dark edge) whose weights are a table with the time and
scale of each weighing beside them.

    .venv/bin/python bench/probe_layouts_l.py [--per-layout 3] [--seed 23] [--only L1,L2]
        [--out /tmp/probe_layouts_l] [--render-only]
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import numpy as np
from PIL import Image, ImageFilter

sys.path.insert(0, str(Path(__file__).resolve().parent))

from probe_layouts_a import CUSTOMERS, LB_PER_KG, city, phone, street, tod, us_values  # noqa: E402
from probe_layouts_c import _header, _lb, fields_column  # noqa: E402
from probe_run import PRINTED, main  # noqa: E402

from tests.ticketgen import Style, _Sheet  # noqa: E402

GREY = (110, 110, 110)
LETTERS = "ABCDEFGHJKLMNPRSTVWXYZ"


def _epa_id(rng: random.Random, state: str = "CA") -> str:
    """An EPA identification number: two letters of state, a letter, nine digits."""
    return f"{state}{rng.choice('DLR')}{rng.randint(10**8, 10**9 - 1)}"


def haz_manifest(i: int, rng: random.Random, st: Style):
    """A secure (Class I) landfill's waste receiving ticket for contaminated soil: the
    hazardous-waste manifest tracking number ('Manifest Tracking No. 012345678JJK': nine
    digits and three letters) among the waste profile number, an approval number, waste codes
    and the EPA ID numbers of the facility (in the header), the generator and the transporter;
    the generator's site name and address in a box. The manifest is scored."""
    vendor = rng.choice(["SAGE FLAT SECURE LANDFILL", "BUTTE RIDGE DISPOSAL FACILITY"])
    sp = us_values(rng, "haz_manifest", vendor)
    sp.material = rng.choice(["LEAD IMPACTED SOIL", "TPH CONTAMINATED SOIL", "NON-HAZ SOIL",
                              "ASBESTOS CONTAINING SOIL"])  # fmt: skip
    sp.manifest = f"{rng.randint(10**8, 10**9 - 1):09d}" + rng.choice(["JJK", "FLE", "GBF", "ELC"])
    s = _Sheet(8.5, 5.6, st, rng.randint(0, 10**6))
    s.text(0.4, 0.3, vendor, 15, "DejaVuSans-Bold")
    s.text(0.4, 0.62, f"{street(rng)}, {city(rng)}   {phone(rng)}", 8.5)
    s.text(0.4, 0.8, f"EPA ID No. {_epa_id(rng)}   Permit No. {rng.randint(10, 99)}-"
           f"{rng.randint(1000, 9999)}", 8.5)  # fmt: skip
    s.text(5.5, 0.3, "WASTE RECEIVING TICKET", 11, "DejaVuSans-Bold")
    s.field(5.5, 0.6, "Ticket No.", sp.ticket_number, 12, bold_value=True)
    s.line(0.4, 1.05, 8.1, 1.05, 1.2)
    t_in, t_out = sorted([tod(rng, h24=True), tod(rng, h24=True)])
    s.field(0.4, 1.2, "Date:", sp.date.strftime("%m/%d/%Y"), 10)
    s.field(2.8, 1.2, "Time In:", t_in, 10)
    s.field(4.8, 1.2, "Time Out:", t_out, 10)
    man_label = "Manifest Tracking No." if i % 2 == 0 else "Manifest #"
    profile = rng.choice([f"WP-{rng.randint(10**5, 10**6 - 1)}",
                          f"{rng.randint(10**5, 10**6 - 1)}-0{rng.randint(1, 9)}"])  # fmt: skip
    approval = f"A{rng.randint(20, 25)}-{rng.randint(1000, 9999)}"
    codes = rng.choice(["D008", "D008, 181", "181, 611", "NONE (NON-RCRA)", "151"])
    # Generator block.
    s.box(0.4, 1.5, 4.2, 2.55)
    s.text(0.5, 1.55, "GENERATOR", 7.5, "DejaVuSans-Bold")
    site = rng.choice(["FORMER ACME PLATING SITE", "PORT TERMINAL 4 REMEDIATION",
                       "MAIN ST UST REMOVAL"])  # fmt: skip
    s.text(0.5, 1.75, site, 9.5)
    s.text(0.5, 1.95, f"{rng.randint(100, 9999)} {rng.choice(['Harbor Blvd', 'Main St'])}, "
           f"{city(rng)}", 9)  # fmt: skip
    s.field(0.5, 2.18, "Generator EPA ID:", _epa_id(rng), 9)
    # Waste block.
    s.box(4.3, 1.5, 8.1, 2.55)
    s.text(4.4, 1.55, "WASTE", 7.5, "DejaVuSans-Bold")
    s.field(4.4, 1.75, "Profile No.", profile, 9.5)
    s.field(4.4, 1.97, "Approval #", approval, 9.5)
    s.field(4.4, 2.19, "Waste Codes:", codes, 9.5)
    s.field(0.4, 2.75, man_label, sp.manifest, 10.5, bold_value=True)
    s.field(4.8, 2.75, "Line:", str(rng.randint(1, 4)), 10)
    s.field(6.0, 2.75, "Cell:", f"{rng.randint(1, 9)}{rng.choice('ABC')}", 10)
    s.field(0.4, 3.08, "Transporter:", sp.hauler, 10)
    s.field(4.8, 3.08, "Transporter EPA ID:", _epa_id(rng), 9)
    s.field(0.4, 3.41, "Truck:", sp.truck, 10)
    s.field(2.4, 3.41, "Container:", rng.choice(["END DUMP", "ROLL-OFF 20 YD", "BELLY DUMP"]), 10)
    s.field(0.4, 3.74, "Description:", sp.material, 10)
    weights = [("Gross:", sp.gross_lb), ("Tare:", sp.tare_lb), ("Net:", sp.net_lb)]
    for k, (lab, v) in enumerate(weights):
        y = 3.41 + k * 0.33
        s.text(5.6, y, lab, 10, "DejaVuSans-Bold")
        s.text(7.95, y, f"{_lb(v)} lb", 10, "DejaVuSansMono", anchor="ra")
    s.text(5.6, 4.4, "Net Tons:", 10, "DejaVuSans-Bold")
    s.text(7.95, 4.4, f"{sp.quantity:.2f}", 10, "DejaVuSansMono-Bold", anchor="ra")
    s.line(0.4, 4.95, 3.6, 4.95)
    s.text(0.4, 5.0, "Driver certifies load matches manifest and profile", 7)
    s.line(4.3, 4.95, 7.5, 4.95)
    s.text(4.3, 5.0, "Facility representative", 7)
    return sp, s.image, [*PRINTED, "manifest"]


def caps_abbrev(i: int, rng: random.Random, st: Style):
    """An old DOS scale program's ticket in monospace, every label an all-caps abbreviation
    two to a line: 'TKT# 1234567   DT 03/07/25   TM 07:45', 'TRK T-123   HLR RED ROCK
    HAULING', 'MATL ...', 'GRS 71220 LB', 'TR 28120 LB', 'NT 43100 LB   TNS 21.55', with a
    customer number, a product code, a load number and a scale number among them. Labels
    with a colon (i%3==1), without, or as 'GRS WT' / 'TR WT' / 'NT WT' (i%3==2)."""
    sp = us_values(rng, "caps_abbrev", rng.choice(["VALLEY ROCK & SAND", "SHASTA AGGREGATES"]))
    sp.material = sp.material.upper()
    c = ":" if i % 3 == 1 else ""
    wt = " WT" if i % 3 == 2 else ""
    mono, bold, pt = "DejaVuSansMono", "DejaVuSansMono-Bold", 10

    def pad(label: str, value: str, w: int) -> str:
        return f"{label}{c} {value}".ljust(w)

    cust = f"{rng.randint(1000, 9999)} {rng.choice(CUSTOMERS)}"
    tm = tod(rng, h24=True)
    t_in, t_out = sorted([tod(rng, h24=True), tod(rng, h24=True)])
    lines = [
        (pad("TKT#", sp.ticket_number, 22) + pad("DT", sp.date.strftime("%m/%d/%y"), 16)
         + pad("TM", tm, 10), bold),
        (pad("TRK", sp.truck, 22) + pad("HLR", sp.hauler, 30), mono),
        (pad("CUST", cust, 52), mono),
        (pad("MATL", sp.material, 38) + pad("PRD", f"{rng.randint(100, 999):04d}", 10), mono),
        (pad("LD#", str(rng.randint(1, 30)), 22) + pad("SCL", str(rng.randint(1, 3)), 16)
         + pad("WM", rng.choice(["JDR", "KLS", "MTO"]), 10), mono),
        ("-" * 58, mono),
        (pad(f"GRS{wt}", f"{int(sp.gross_lb):>6} LB", 22) + pad("IN", t_in, 16),
         mono),
        (pad(f"TR{wt}", f"{int(sp.tare_lb):>6} LB", 22) + pad("OUT", t_out, 16),
         mono),
        (pad(f"NT{wt}", f"{int(sp.net_lb):>6} LB", 22) + pad("TNS", f"{sp.quantity:.2f}", 16),
         bold),
        ("-" * 58, mono),
        ("THANK YOU - DRIVE SAFELY", mono),
    ]  # fmt: skip
    s = _Sheet(8.5, 1.15 + len(lines) * 0.27 + 0.3, st, rng.randint(0, 10**6))
    s.text(0.5, 0.3, sp.vendor, 13, bold)
    s.text(0.5, 0.55, f"{street(rng).upper()}  {city(rng).upper()}  {phone(rng)}", 8.5, mono)
    y = 1.0
    for text, font in lines:
        s.text(0.5, y, text, pt, font)
        y += 0.27
    return sp, s.image


def euro_periods(i: int, rng: random.Random, st: Style):
    """A weighbridge ticket from a quarry on the Spanish / French border, every label in both
    languages ('Peso bruto / Poids brut'), kilograms grouped by periods ('32.480 kg'), a
    day-first date ('07/03/2025', '07-03-2025' or '07.03.2025'; the day above 12 on odd
    tickets), a Spanish plate ('4821 KLM') as the truck, the tonnes with a decimal comma
    ('18,48 t'), a tax ID (NIF) and an order number."""
    vendor = rng.choice(["ARIDOS DEL PIRINEO S.L.", "CANTERAS DEL SEGRE S.A."])
    sp = us_values(rng, "euro_periods", vendor)
    tare = rng.randint(12_000, 17_000)
    net = rng.randint(15_000, 30_000)
    tonnes = round(net / 1000, 2)
    sp.gross_lb = float(round((tare + net) * LB_PER_KG))
    sp.tare_lb = float(round(tare * LB_PER_KG))
    sp.net_lb = float(round(net * LB_PER_KG))
    sp.quantity = round(tonnes * 1.10231, 2)
    day = rng.randint(1, 12) if i % 2 == 0 else rng.randint(13, 28)
    sp.date = sp.date.replace(day=day)
    sp.truck = f"{rng.randint(1000, 9999)} " + "".join(rng.choice("BCDFGHJKLMNPRSTVWXYZ")
                                                        for _ in range(3))  # fmt: skip
    sp.hauler = rng.choice(["TRANSPORTES COMA S.L.", "TRANSPORTS PUJOL", "AUTOCARES ROCA"])
    sp.material = rng.choice(["GRAVA 6/12", "ARENA 0/4", "ZAHORRA ARTIFICIAL", "GRAVA 12/20"])
    sep = ["/", "-", "."][i % 3]
    kg = lambda v: f"{v:,}".replace(",", ".") + " kg"  # noqa: E731
    s = _Sheet(8.3, 5.2, st, rng.randint(0, 10**6))
    s.text(0.4, 0.3, vendor, 15, "DejaVuSans-Bold")
    s.text(0.4, 0.62, f"Ctra. N-260 km {rng.randint(100, 300)}, 25{rng.randint(100, 799)} "
           f"{rng.choice(['Balaguer', 'Puigcerda', 'Organya'])}   "
           f"Tel. +34 973 {rng.randint(100, 999)} {rng.randint(100, 999)}", 8.5)  # fmt: skip
    s.text(0.4, 0.8, f"NIF B-25{rng.randint(100000, 999999)}", 8.5)
    s.text(5.0, 0.3, "TICKET DE PESAJE", 11, "DejaVuSans-Bold")
    s.text(5.0, 0.5, "BON DE PESÉE", 9, "DejaVuSans-Bold")
    s.field(5.0, 0.75, "Nº Ticket / N° Bon:", sp.ticket_number, 11, bold_value=True)
    s.line(0.4, 1.1, 7.9, 1.1, 1.2)
    date = sp.date.strftime(f"%d{sep}%m{sep}%Y")
    rows = [("Fecha / Date:", f"{date}   {tod(rng, h24=True)}"),
            ("Matrícula / Immatriculation:", sp.truck),
            ("Transportista / Transporteur:", sp.hauler),
            ("Producto / Produit:", sp.material),
            ("Cliente / Client:", rng.choice(["CONSTRUCCIONS SOLE", "BTP CERDAGNE SARL"])),
            ("Pedido / Commande:", str(rng.randint(1000, 99999)))]  # fmt: skip
    fields_column(s, 0.4, 1.25, rows, step=0.32)
    wrows = [("Peso bruto / Poids brut", kg(tare + net)), ("Tara / Tare", kg(tare)),
             ("Peso neto / Poids net", kg(net)),
             ("Toneladas / Tonnes", f"{tonnes:.2f}".replace(".", ",") + " t")]  # fmt: skip
    s.box(0.4, 3.3, 7.9, 4.75)
    for k, (lab, val) in enumerate(wrows):
        y = 3.42 + k * 0.32
        s.text(0.6, y, lab, 10.5, "DejaVuSans-Bold")
        s.text(6.2, y, val, 10.5, "DejaVuSansMono", anchor="ra")
    s.text(6.4, 3.42, f"Báscula {rng.randint(1, 2)}", 8.5)
    s.text(0.4, 4.85, "Firma conductor / Signature chauffeur: ____________________", 8)
    return sp, s.image


_TERMS = [
    "TERMS AND CONDITIONS OF SALE",
    "1. Payment is due within {d30} days of the invoice date. Past-due balances bear a finance",
    "charge of 1.5% per month (18% per annum). A ${fee}.00 fee is charged for each returned check.",
    "2. Weights are determined on a scale certified under Business and Professions Code",
    "Section 12{bpc}; the net weight shown governs unless disputed in writing within {d5} days.",
    "3. Seller's liability for any claim is limited to the price of the material, not to exceed",
    "${cap},000.00 per load. Seller is not liable for delay caused by weather or strikes.",
    "4. Material delivered beyond the curb line is at the buyer's risk. Buyer assumes all",
    "responsibility for damage to driveways, curbs, sidewalks and underground utilities.",
    "5. Loads are limited to {maxt} tons per axle group under Vehicle Code Section 35{vc}.",
    "6. Collection costs and attorney fees of up to {atty}% of the unpaid balance may be added.",
    "7. Prices are subject to change without notice. Quotes are valid for {d90} days only.",
    "8. Preliminary notice: under Civil Code Section 8{cc} the supplier may record a lien.",
    "9. Disputes: {county} County Superior Court. Questions call {ph} or write to",
    "P.O. Box {box}, {city}.",
    "Form {form} Rev. {rev}   Printed in U.S.A.",
]


def terms_page(i: int, rng: random.Random, st: Style):
    """A loader-scale ticket (the bucket weighs the load: net weight and tons only, no gross
    and no tare) printed in the top third of a full letter page, the rest of the page a
    column of terms-and-conditions small print full of numbers (days, percents, dollars, code
    sections, a P.O. box, a form number and revision date)."""
    sp = us_values(rng, "terms_page", rng.choice(["HIGH SIERRA AGGREGATE SUPPLY",
                                                  "COYOTE VALLEY MATERIALS"]))  # fmt: skip
    s = _Sheet(8.5, 11.0, st, rng.randint(0, 10**6))
    _header(s, sp.vendor, rng)
    s.text(5.4, 0.3, "LOADER SCALE TICKET", 11, "DejaVuSans-Bold")
    s.field(5.4, 0.6, "Ticket No.", sp.ticket_number, 12, bold_value=True)
    s.line(0.4, 1.0, 8.1, 1.0, 1.2)
    fields_column(s, 0.5, 1.15, [("Date:", sp.date.strftime("%m/%d/%Y")), ("Time:", tod(rng)),
                                 ("Truck:", sp.truck), ("Hauler:", sp.hauler),
                                 ("Material:", sp.material),
                                 ("Customer:", rng.choice(CUSTOMERS))])  # fmt: skip
    buckets = rng.randint(3, 6)
    s.field(4.8, 1.15, "Buckets:", str(buckets), 10)
    s.field(4.8, 1.5, "Net Weight:", f"{_lb(sp.net_lb)} lb", 10, bold_value=True)
    s.field(4.8, 1.85, "Net Tons:", f"{sp.quantity:.2f}", 10, bold_value=True)
    s.field(4.8, 2.2, "Price/Ton:", f"${rng.uniform(9, 28):.2f}", 10)
    s.line(0.5, 3.45, 3.6, 3.45)
    s.text(0.5, 3.5, "Received by", 8)
    s.line(4.8, 3.45, 7.9, 3.45)
    s.text(4.8, 3.5, "Loader operator", 8)
    s.line(0.4, 3.85, 8.1, 3.85, 0.8)
    vals = dict(
        d30=rng.choice([15, 30]), fee=rng.choice([25, 35, 40]), bpc=rng.randint(500, 799),
        d5=rng.choice([5, 7, 10]), cap=rng.randint(2, 9), maxt=rng.choice([20, 34]),
        vc=rng.randint(100, 799), atty=rng.choice([15, 25]), d90=rng.choice([30, 60, 90]),
        cc=rng.randint(100, 299), county=rng.choice(["Placer", "Kern", "Fresno"]),
        ph=phone(rng), box=rng.randint(100, 9999), city=city(rng),
        form=f"{rng.randint(1000, 9999)}-{rng.choice('ABC')}",
        rev=f"{rng.randint(1, 12):02d}/{rng.randint(2015, 2023)}",
    )  # fmt: skip
    y = 4.0
    for k, line in enumerate(_TERMS):
        text = line.format(**vals)
        font = "DejaVuSans-Bold" if k == 0 else "DejaVuSans"
        s.text(0.5, y, text, 7 if k == 0 else 6.5, font, ink=(40, 40, 40))
        y += 0.16 if k else 0.2
    return sp, s.image, [f for f in PRINTED if f not in ("gross_lb", "tare_lb")]


def _photocopy(img: Image.Image, rng: random.Random, dpi: int) -> Image.Image:
    """What an office copier does to a ticket: grey, thickened strokes, a toner-grey page
    with an uneven density, toner specks, a dark band where the lid did not cover the glass."""
    g = img.convert("L")
    g = Image.blend(g, g.filter(ImageFilter.MinFilter(3)), rng.uniform(0.4, 0.8))
    a = np.asarray(g, dtype=np.float32) / 255.0
    h, w = a.shape
    gen = np.random.default_rng(rng.randint(0, 2**31))
    level = rng.uniform(0.78, 0.88)  # the page's grey
    yy, xx = np.mgrid[0:h, 0:w]
    tilt = 1.0 - 0.08 * (xx / w) * rng.choice([-1, 1]) - 0.05 * (yy / h)
    paper = np.clip(level * tilt, 0.6, 0.95)
    out = a * paper * 255 + (1 - a) * rng.uniform(10, 30)
    specks = gen.random((h, w)) < rng.uniform(0.0015, 0.004)
    out[specks] = gen.uniform(30, 120, int(specks.sum()))
    band = round(rng.uniform(0.12, 0.3) * dpi)
    rag = (gen.normal(0, 0.02 * dpi, h).cumsum() * 0.05).astype(int)
    for y in range(h):
        out[y, : max(1, band + rag[y])] = rng.uniform(20, 50)
    out = np.clip(out, 0, 255).astype(np.uint8)
    return Image.fromarray(out).filter(ImageFilter.GaussianBlur(0.6)).convert("RGB")


def photocopy_times(i: int, rng: random.Random, st: Style):
    """A photocopy of a scale ticket (grey page, speckled toner, heavy strokes, the copier
    lid's dark band down the left edge). The weights are a table: a label column at the left,
    the weight, then the time and the scale of each weighing beside it ('GROSS  71,220 lb
    07:45 AM  1'), the net without a time, the tons under it."""
    sp = us_values(rng, "photocopy_times", rng.choice(["RIVERSIDE ROCK CO",
                                                       "TABLE MOUNTAIN MATERIALS"]))  # fmt: skip
    s = _Sheet(8.5, 4.8, st, rng.randint(0, 10**6))
    _header(s, sp.vendor, rng, top=0.3)
    s.field(5.5, 0.3, "Ticket:", sp.ticket_number, 12, bold_value=True)
    s.field(5.5, 0.62, "Date:", sp.date.strftime("%m/%d/%Y"), 10)
    s.line(0.6, 1.0, 8.1, 1.0, 1.2)
    fields_column(s, 0.7, 1.15, [("Truck:", sp.truck), ("Hauler:", sp.hauler),
                                 ("Material:", sp.material),
                                 ("Customer:", rng.choice(CUSTOMERS))])  # fmt: skip
    t1, t2 = sorted([tod(rng, h24=True), tod(rng, h24=True)])
    ampm = i % 2 == 0
    if ampm:
        t1, t2 = (f"{int(t[:2]) % 12 or 12:02d}{t[2:]} {'AM' if int(t[:2]) < 12 else 'PM'}"
                  for t in (t1, t2))  # fmt: skip
    # A quarry weighs the truck empty first.
    gross_time, tare_time = t2, t1
    x_lab, x_wt, x_time, x_sc = 4.4, 6.5, 7.5, 8.05
    s.text(x_wt, 1.15, "WEIGHT", 8, "DejaVuSans-Bold", anchor="ra")
    s.text(x_time, 1.15, "TIME", 8, "DejaVuSans-Bold", anchor="ra")
    s.text(x_sc, 1.15, "SCALE", 8, "DejaVuSans-Bold", anchor="ra")
    s.line(x_lab, 1.33, 8.1, 1.33, 0.8)
    scale = str(rng.randint(1, 3))
    rows = [("GROSS", f"{_lb(sp.gross_lb)} lb", gross_time, scale),
            ("TARE", f"{_lb(sp.tare_lb)} lb", tare_time, scale),
            ("NET", f"{_lb(sp.net_lb)} lb", "", ""),
            ("NET TONS", f"{sp.quantity:.2f}", "", "")]  # fmt: skip
    for k, (lab, w, t, sc) in enumerate(rows):
        y = 1.42 + k * 0.32
        s.text(x_lab, y, lab, 10, "DejaVuSans-Bold")
        s.text(x_wt, y, w, 10, "DejaVuSansMono", anchor="ra")
        if t:
            s.text(x_time, y, t, 9, "DejaVuSansMono", anchor="ra")
            s.text(x_sc, y, sc, 9, "DejaVuSansMono", anchor="ra")
    s.line(0.7, 4.0, 3.7, 4.0)
    s.text(0.7, 4.05, "Driver", 8)
    return sp, _photocopy(s.image, rng, st.dpi)


def _copy_style(rng: random.Random) -> Style:
    return Style(
        dpi=200,
        skew_deg=rng.choice([-1, 1]) * rng.uniform(0.3, 1.2),
        noise=rng.choice([0.01, 0.02]),
        blur=0.0,
        jpeg_quality=rng.choice([None, 80]),
    )


photocopy_times.style = _copy_style  # type: ignore[attr-defined]


LAYOUTS = {
    "haz_manifest": haz_manifest,
    "caps_abbrev": caps_abbrev,
    "euro_periods": euro_periods,
    "terms_page": terms_page,
    "photocopy_times": photocopy_times,
}


if __name__ == "__main__":
    main(LAYOUTS, 23, "/tmp/probe_layouts_l")
