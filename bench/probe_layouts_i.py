"""Five more ticket layouts the extraction has never seen (beyond probe_layouts_a-h.py's), written
before any rule for them (2026-12-03, second session): a customer copy on tinted paper under a
big grey watermark, a weights block with a moisture deduction, kilograms grouped by spaces,
a vendor known only from a logo and the footer, and an impact printer's values out of register
with a pre-printed form.

    .venv/bin/python bench/probe_layouts_i.py [--per-layout 3] [--seed 13] [--only L1,L2]
        [--out /tmp/probe_layouts_i] [--render-only]
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

from PIL import Image, ImageDraw

sys.path.insert(0, str(Path(__file__).resolve().parent))

from probe_layouts_a import LB_PER_KG, tod, us_values  # noqa: E402
from probe_layouts_c import _header, _lb, fields_column  # noqa: E402
from probe_run import main  # noqa: E402

from tests.ticketgen import Style, _font, _Sheet  # noqa: E402


def _tint(s: _Sheet, rgb: tuple[int, int, int]) -> None:
    s.draw.rectangle([0, 0, s.image.width, s.image.height], fill=rgb)


def _watermark(s: _Sheet, text: str, pt: float, grey: int, angle: float) -> None:
    """Big light letters across the sheet, under everything drawn after."""
    f = _font("DejaVuSans-Bold", round(pt * s.dpi / 72))
    w = int(s.draw.textlength(text, font=f)) + 20
    mask = Image.new("L", (w, f.size * 2), 0)
    ImageDraw.Draw(mask).text((10, f.size // 3), text, font=f, fill=255)
    mask = mask.rotate(angle, expand=True, resample=Image.Resampling.BICUBIC)
    x = (s.image.width - mask.width) // 2
    y = (s.image.height - mask.height) // 2
    s.image.paste(Image.new("RGB", mask.size, (grey, grey, grey)), (x, y), mask)


def copy_watermark(i: int, rng: random.Random, st: Style):
    """The customer's copy: tinted paper (canary or pink), 'CUSTOMER COPY' set large and grey
    across the fields, everything else an ordinary scale ticket."""
    sp = us_values(rng, "copy_watermark", rng.choice(["DEL MAR AGGREGATES", "TWIN OAKS QUARRY"]))
    s = _Sheet(8.5, 4.8, st, rng.randint(0, 10**6))
    _tint(s, rng.choice([(250, 240, 170), (248, 212, 222), (214, 232, 250)]))
    _watermark(s, rng.choice(["CUSTOMER COPY", "DUPLICATE"]), 64, rng.randint(185, 215), 18)
    _header(s, sp.vendor, rng)
    s.field(5.4, 0.3, "Ticket No.", sp.ticket_number, 12, bold_value=True)
    fields_column(s, 0.5, 1.1, [("Date:", sp.date.strftime("%m/%d/%Y")), ("Truck:", sp.truck),
                                ("Hauler:", sp.hauler), ("Material:", sp.material)])  # fmt: skip
    weights = [("Gross:", sp.gross_lb), ("Tare:", sp.tare_lb), ("Net:", sp.net_lb)]
    fields_column(s, 4.8, 1.1, [(lab, f"{_lb(v)} lb") for lab, v in weights])
    s.field(4.8, 2.2, "Net Tons:", f"{sp.quantity:.2f}", 10, bold_value=True)
    return sp, s.image


def moisture_deduction(i: int, rng: random.Random, st: Style):
    """A recycler's ticket: a deduction for moisture or contamination between the tare and
    the net, so the net is not gross minus tare; the paid tons follow the net."""
    sp = us_values(rng, "deduction", rng.choice(["VALLEY GREEN RECYCLING", "METRO COMPOST CO"]))
    deduct = rng.randint(4, 30) * 20
    sp.net_lb = (sp.gross_lb or 0) - (sp.tare_lb or 0) - deduct
    sp.quantity = round(sp.net_lb / 2000, 2)
    s = _Sheet(8.5, 4.8, st, rng.randint(0, 10**6))
    _header(s, sp.vendor, rng)
    s.field(5.4, 0.3, "Ticket:", sp.ticket_number, 12, bold_value=True)
    fields_column(s, 0.5, 1.1, [("Date:", sp.date.strftime("%m/%d/%Y")), ("Truck:", sp.truck),
                                ("Hauler:", sp.hauler), ("Material:", sp.material)])  # fmt: skip
    label = rng.choice(["Deduct (Moisture):", "Contamination:", "Deduction:"])
    rows = [("Gross:", _lb(sp.gross_lb)), ("Tare:", _lb(sp.tare_lb)), (label, _lb(deduct)),
            ("Net:", _lb(sp.net_lb))]  # fmt: skip
    for k, (lab, val) in enumerate(rows):
        y = 1.1 + k * 0.33
        s.text(4.6, y, lab, 10)
        s.text(7.7, y, f"{val} lb", 10, "DejaVuSans", anchor="ra")
    s.field(4.6, 2.5, "Tons Paid:", f"{sp.quantity:.2f}", 10, bold_value=True)
    return sp, s.image


def spaced_kilograms(i: int, rng: random.Random, st: Style):
    """A Canadian scale ticket: kilograms grouped by spaces ('38 420 kg'), an ISO date,
    tonnes, 'Unit' for the truck, and the hauler as 'Transporteur / Carrier'."""
    sp = us_values(rng, "spaced_kg", rng.choice(["CARRIERE LAVAL LTEE", "NORTH SHORE AGGREGATES"]))
    tare = rng.randint(12_000, 17_000)
    net = rng.randint(15_000, 30_000)
    sp.gross_lb = float(round((tare + net) * LB_PER_KG))
    sp.tare_lb = float(round(tare * LB_PER_KG))
    sp.net_lb = float(round(net * LB_PER_KG))
    sp.quantity = round(round(net / 1000, 2) * 1.10231, 2)

    def kg(v: int) -> str:
        return f"{v:,}".replace(",", " ") + " kg"

    s = _Sheet(8.5, 4.6, st, rng.randint(0, 10**6))
    _header(s, sp.vendor, rng)
    s.field(5.2, 0.3, "Ticket No.", sp.ticket_number, 12, bold_value=True)
    fields_column(s, 0.5, 1.1, [("Date:", sp.date.isoformat()), ("Unit:", sp.truck),
                                ("Transporteur / Carrier:", sp.hauler),
                                ("Product:", sp.material)])  # fmt: skip
    rows = [("Gross", kg(tare + net)), ("Tare", kg(tare)), ("Net", kg(net)),
            ("Tonnes", f"{net / 1000:.2f} t")]  # fmt: skip
    for k, (lab, val) in enumerate(rows):
        y = 1.1 + k * 0.33
        s.text(5.0, y, lab, 10.5, "DejaVuSans-Bold")
        s.text(7.8, y, val, 10.5, "DejaVuSansMono", anchor="ra")
    return sp, s.image


def logo_footer_vendor(i: int, rng: random.Random, st: Style):
    """The vendor's name only in a logo block (initials reversed out of a dark square beside the
    name) and in the footer; the customer's name set large in a 'Sold To' box mid-page."""
    vendor = rng.choice(["SIERRA ROCK PRODUCTS", "BLUE MESA MATERIALS"])
    sp = us_values(rng, "logo_footer", vendor)
    s = _Sheet(8.5, 5.0, st, rng.randint(0, 10**6))
    initials = "".join(w[0] for w in vendor.split()[:2])
    s.draw.rectangle([s.px(0.4), s.px(0.25), s.px(1.2), s.px(1.05)], fill=(30, 30, 30))
    s.text(0.8, 0.65, initials, 26, "DejaVuSerif-Bold", ink=(255, 255, 255), anchor="mm")
    s.text(1.35, 0.4, vendor.title(), 13, "DejaVuSerif-Bold")
    s.text(1.35, 0.68, "Aggregates · Ready Mix · Trucking", 8.5, "DejaVuSerif-Italic")
    s.field(5.6, 0.35, "Ticket", sp.ticket_number, 12, bold_value=True)
    s.field(5.6, 0.7, "Date", sp.date.strftime("%m/%d/%Y"), 10)
    s.box(0.4, 1.25, 4.2, 2.05)
    s.text(0.5, 1.3, "SOLD TO", 7.5)
    s.text(0.5, 1.5, rng.choice(["GRANITE BAY CONSTRUCTION", "SUMMIT PAVING CO"]), 14,
           "DejaVuSans-Bold")  # fmt: skip
    s.text(0.5, 1.8, "Job: 24-117  PO 88120", 8.5)
    fields_column(s, 0.5, 2.3, [("Truck:", sp.truck), ("Hauler:", sp.hauler),
                                ("Material:", sp.material)])  # fmt: skip
    weights = [("Gross:", sp.gross_lb), ("Tare:", sp.tare_lb), ("Net:", sp.net_lb)]
    fields_column(s, 4.8, 1.3, [(lab, f"{_lb(v)} lb") for lab, v in weights])
    s.field(4.8, 2.4, "Tons:", f"{sp.quantity:.2f}", 10, bold_value=True)
    s.line(0.4, 4.4, 8.1, 4.4)
    s.text(4.25, 4.5, f"Thank you for your business  ·  {vendor}  ·  {tod(rng)}", 7.5,
           anchor="ma")  # fmt: skip
    return sp, s.image


def out_of_register(i: int, rng: random.Random, st: Style):
    """A pre-printed form in coloured ink with an impact printer's values in black monospace
    printed out of register: every value sits a little low and right of its place, some on
    the form's rules."""
    sp = us_values(rng, "out_of_register", rng.choice(["CANYON STATE MINING", "RIO SALADO SAND"]))
    s = _Sheet(8.5, 4.8, st, rng.randint(0, 10**6))
    form = rng.choice([(40, 90, 170), (30, 120, 80), (150, 50, 50)])
    s.text(0.4, 0.3, sp.vendor, 16, "DejaVuSans-Bold", ink=form)
    s.text(0.4, 0.66, "SCALE TICKET", 9, "DejaVuSans-Bold", ink=form)
    dx, dy = rng.uniform(0.05, 0.25), rng.uniform(0.12, 0.28)
    cells = [
        (0.4, 1.1, "TICKET NO.", sp.ticket_number),
        (0.4, 1.55, "DATE", sp.date.strftime("%m/%d/%y")),
        (0.4, 2.0, "TRUCK", sp.truck),
        (0.4, 2.45, "HAULER", sp.hauler),
        (0.4, 2.9, "MATERIAL", sp.material),
        (4.6, 1.1, "GROSS LB", _lb(sp.gross_lb)),
        (4.6, 1.55, "TARE LB", _lb(sp.tare_lb)),
        (4.6, 2.0, "NET LB", _lb(sp.net_lb)),
        (4.6, 2.45, "NET TONS", f"{sp.quantity:.2f}"),
    ]
    for x, y, label, value in cells:
        w = 3.8
        s.draw.rectangle([s.px(x), s.px(y), s.px(x + w), s.px(y + 0.45)], outline=form, width=2)
        s.text(x + 0.06, y + 0.05, label, 7.5, "DejaVuSans-Bold", ink=form)
        s.text(x + 1.3 + dx, y + 0.1 + dy, str(value), 11, "DejaVuSansMono-Bold")
    return sp, s.image


LAYOUTS = {
    "copy_watermark": copy_watermark,
    "deduction": moisture_deduction,
    "spaced_kg": spaced_kilograms,
    "logo_footer": logo_footer_vendor,
    "out_of_register": out_of_register,
}


if __name__ == "__main__":
    main(LAYOUTS, 13, "/tmp/probe_layouts_i")
