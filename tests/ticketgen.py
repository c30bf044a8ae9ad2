"""Generated truck tickets with known values: the evaluation set and the test fixtures.

Two families, as in real scan folders:
- printed scale-house tickets (landfill, quarry, asphalt, concrete, transfer station): every value
  typed, weights in lb, net tons, often a barcode or QR code carrying the ticket number;
- carbon-copy haul tickets (trucking companies): a printed header, a serial from a numbering
  machine in red or brown ink on yellow or pink paper, values handwritten by the driver.

Every layout prints distractors a reader must ignore (phone numbers, zip codes, times of day,
PO numbers, scale IDs, the customer's name). `HOLDOUT_LAYOUTS` are never used to tune extraction:
the accuracy bench reports them separately.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")


@dataclass
class TicketSpec:
    """The known values of one generated ticket (what a careful clerk would key in)."""

    layout: str
    vendor: str
    ticket_number: str
    date: dt.date
    truck: str | None = None
    hauler: str | None = None
    material: str | None = None
    quantity: float | None = None
    unit: str | None = None  # TN | CY | LOADS
    gross_lb: float | None = None
    tare_lb: float | None = None
    net_lb: float | None = None
    manifest: str | None = None
    job: str | None = None
    # Fields written by hand on the ticket: a reader should flag them, not guess them.
    handwritten: tuple[str, ...] = ()
    family: str = "printed"  # printed | carbon


@dataclass
class Style:
    """How a ticket looks once printed and scanned."""

    dpi: int = 200
    rotate: int = 0  # 0 / 90 / 180 / 270, counter-clockwise
    skew_deg: float = 0.0
    noise: float = 0.0  # std of gaussian noise as a share of 255
    blur: float = 0.0  # gaussian radius in pixels
    jpeg_quality: int | None = None
    paper_rgb: tuple[int, int, int] = (255, 255, 255)
    ink_rgb: tuple[int, int, int] = (0, 0, 0)
    serial_ink_rgb: tuple[int, int, int] | None = None  # e.g. a red stamped serial


PRINTED_LAYOUTS = ["landfill", "quarry", "asphalt", "concrete", "transfer"]
CARBON_LAYOUTS = ["haul_carbon", "haul_stamped", "dump_carbon"]
LAYOUTS: list[str] = PRINTED_LAYOUTS + CARBON_LAYOUTS
# Never looked at while writing extraction rules; reported separately by bench/accuracy.py.
HOLDOUT_LAYOUTS: list[str] = ["transfer", "dump_carbon"]

# Issuing companies per layout: (name as printed, canonical vendor name). Some have a vendor
# profile in resources/vendors, some deliberately do not (generic rules must cope).
VENDORS: dict[str, list[tuple[str, str]]] = {
    "landfill": [
        ("EL SOBRANTE LANDFILL", "EL SOBRANTE LANDFILL"),
        ("Simi Valley Landfill & Recycling Center", "SIMI VALLEY LANDFILL"),
        ("MESA VERDE DISPOSAL", "MESA VERDE DISPOSAL"),
    ],
    "quarry": [
        ("VULCAN MATERIALS COMPANY", "VULCAN MATERIALS"),
        ("Granite Rock Quarry", "GRANITE ROCK QUARRY"),
        ("CANYON CREEK AGGREGATES", "CANYON CREEK AGGREGATES"),
    ],
    "asphalt": [
        ("ALL AMERICAN ASPHALT", "ALL AMERICAN ASPHALT"),
        ("Pacific Hot Mix Plant", "PACIFIC HOT MIX PLANT"),
    ],
    "concrete": [
        ("CEMEX READY MIX", "CEMEX"),
        ("Sierra Ready-Mix Concrete", "SIERRA READY-MIX CONCRETE"),
    ],
    "transfer": [
        ("BLUE LINE TRANSFER STATION", "BLUE LINE TRANSFER STATION"),
        ("Harbor Recycling & Transfer", "HARBOR RECYCLING"),
    ],
    "haul_carbon": [
        ("PORTILLO & SONS", "PORTILLO & SONS"),
        ("TARANGO TRUCKING LLC", "TARANGO TRUCKING LLC"),
        ("RED MESA TRUCKING INC", "RED MESA TRUCKING INC"),
    ],
    "haul_stamped": [
        ("JD AND SON TRUCKING", "JD AND SON TRUCKING"),
        ("ROADSTAR MANAGEMENT LLC", "ROADSTAR MANAGEMENT LLC"),
        ("ALLIANCE TRUCKING", "ALLIANCE TRUCKING"),
    ],
    "dump_carbon": [
        ("ROBERTS", "ROBERTS"),
        ("DESERT FOX HAULING", "DESERT FOX HAULING"),
    ],
}

CUSTOMERS = ["GRANITE BAY CONSTRUCTION", "SUMMIT PAVING CO", "WESTSIDE BUILDERS INC"]
HAULERS = ["RED ROCK HAULING", "J&R TRANSPORT", "BIG VALLEY TRUCKING", "COASTLINE CARRIERS"]
MATERIALS_SCALE = [
    "Class II Base",
    "3/4 Crushed Rock",
    "Fill Dirt",
    "C&D Debris",
    "Clean Soil",
    "Concrete Rubble",
    "Rip Rap",
    "Pea Gravel",
]
MATERIALS_ASPHALT = ["Type A 1/2 HMA", "3/4 PG 64-10", "AC Grindings", "Base Course HMA"]
MATERIALS_CONCRETE = ["4000 PSI Mix", "3000 PSI Pump Mix", "5 Sack Mix", "Slurry 2 Sack"]
MATERIALS_HAUL = ["Dirt", "Soil", "C/S", "Base", "Rock", "Asphalt", "Concrete"]
JOBS = ["24-105", "25-012", "J-4471", "2317", None]


# --------------------------------------------------------------------------- specs


def _truck(rng: random.Random) -> str:
    kind = rng.random()
    if kind < 0.4:
        return str(rng.randint(100, 999))
    if kind < 0.7:
        return f"T-{rng.randint(10, 399)}"
    return f"{rng.choice('ABCHKR')}{rng.randint(10, 99)}"


def _serial(rng: random.Random, digits: int) -> str:
    return str(rng.randint(10 ** (digits - 1), 10**digits - 1))


def random_spec(rng: random.Random, layout: str | None = None) -> TicketSpec:
    """A ticket with plausible, self-consistent values for `layout` (random when None)."""
    layout = layout or rng.choice(LAYOUTS)
    if layout not in LAYOUTS:
        raise ValueError(f"unknown layout {layout!r}")
    printed, vendor = rng.choice(VENDORS[layout])
    date = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randint(0, 600))
    job = rng.choice(JOBS)
    spec = TicketSpec(layout=layout, vendor=vendor, ticket_number="", date=date, job=job)
    if layout in ("landfill", "quarry", "asphalt", "transfer"):
        tare = rng.randint(24_000, 36_000)
        net = rng.randint(8_000, 52_000)
        spec.gross_lb = float(tare + net)
        spec.tare_lb = float(tare)
        spec.net_lb = float(net)
        spec.quantity = round(net / 2000, 2)
        spec.unit = "TN"
        spec.truck = _truck(rng)
        spec.hauler = rng.choice(HAULERS)
        spec.material = rng.choice(MATERIALS_ASPHALT if layout == "asphalt" else MATERIALS_SCALE)
        spec.ticket_number = _serial(rng, rng.choice([5, 6, 7, 8]))
        if layout == "landfill" and rng.random() < 0.5:
            spec.manifest = _serial(rng, 8)
    elif layout == "concrete":
        spec.quantity = float(rng.choice([4, 6, 8, 9, 10]) + rng.choice([0, 0.5]))
        spec.unit = "CY"
        spec.truck = _truck(rng)
        spec.material = rng.choice(MATERIALS_CONCRETE)
        spec.ticket_number = _serial(rng, rng.choice([6, 7]))
    else:  # carbon-copy haul tickets: values by hand
        spec.family = "carbon"
        spec.ticket_number = _serial(rng, rng.choice([5, 6, 7]))
        spec.truck = str(rng.randint(1, 999)).zfill(rng.choice([1, 3]))
        spec.material = rng.choice(MATERIALS_HAUL)
        if rng.random() < 0.6:
            spec.quantity, spec.unit = float(rng.choice([10, 12, 14, 18, 20])), "CY"
        else:
            spec.quantity, spec.unit = float(rng.choice([1, 1, 2])), "LOADS"
        spec.manifest = _serial(rng, 8) if rng.random() < 0.7 else None
        spec.handwritten = tuple(
            f
            for f in ("date", "truck", "material", "quantity", "unit", "manifest")
            if getattr(spec, f) is not None
        )
        spec.job = None  # drivers do not write the job code
    return spec


def random_style(rng: random.Random, layout: str | None = None) -> Style:
    """A plausible scan: mostly upright and clean-ish, sometimes rotated, skewed, noisy, low DPI."""
    carbon = layout in CARBON_LAYOUTS if layout else rng.random() < 0.35
    style = Style(
        dpi=rng.choice([150, 200, 200, 200, 300]),
        rotate=rng.choices([0, 90, 180, 270], weights=[85, 5, 5, 5])[0],
        skew_deg=rng.uniform(-3.0, 3.0) if rng.random() < 0.7 else 0.0,
        noise=rng.choice([0.0, 0.0, 0.02, 0.05]),
        blur=rng.choice([0.0, 0.0, 0.5, 0.9]),
        jpeg_quality=rng.choice([None, None, 85, 60]),
    )
    if carbon:
        style.paper_rgb = rng.choice([(250, 236, 150), (247, 222, 120), (250, 205, 215)])
        style.ink_rgb = rng.choice([(20, 20, 30), (40, 30, 25)])
        style.serial_ink_rgb = rng.choice([(200, 40, 40), (170, 50, 40), (130, 70, 40)])
    elif rng.random() < 0.3:
        style.paper_rgb = rng.choice([(240, 240, 232), (235, 245, 255), (255, 250, 225)])
        style.ink_rgb = rng.choice([(30, 30, 30), (20, 30, 90)])
    return style


# --------------------------------------------------------------------------- formatting


DATE_FORMATS = {
    "mdy_slash": lambda d: d.strftime("%m/%d/%Y"),
    "iso": lambda d: d.isoformat(),
    "mon_d_y": lambda d: f"{d.strftime('%b')} {d.day}, {d.year}",
    "d_mon_yy": lambda d: d.strftime("%d-%b-%y").upper(),
    "mdy_dash_short": lambda d: d.strftime("%m-%d-%y"),
    "mdy_slash_short": lambda d: f"{d.month}/{d.day}/{d.strftime('%y')}",
}


def _lb(v: float | None, comma: bool = True) -> str:
    assert v is not None
    return f"{int(v):,}" if comma else str(int(v))


def _qty(v: float | None) -> str:
    assert v is not None
    return f"{v:g}"


@lru_cache(maxsize=64)
def _font(name: str, px: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    try:
        return ImageFont.truetype(str(FONT_DIR / f"{name}.ttf"), px)
    except OSError:
        return ImageFont.load_default()


class _Sheet:
    """A ticket being drawn; positions in inches, sizes in points, so any DPI gives one look."""

    def __init__(self, w_in: float, h_in: float, style: Style, seed: int) -> None:
        self.style = style
        self.dpi = style.dpi
        self.image = Image.new("RGB", (self.px(w_in), self.px(h_in)), style.paper_rgb)
        self.draw = ImageDraw.Draw(self.image)
        self.rng = random.Random(seed)

    def px(self, inches: float) -> int:
        return round(inches * self.dpi)

    def text(
        self,
        x: float,
        y: float,
        s: str,
        pt: float = 10,
        font: str = "DejaVuSans",
        ink: tuple[int, int, int] | None = None,
        anchor: str = "la",
    ) -> float:
        """Draws `s`; returns the right edge in inches."""
        f = _font(font, max(6, round(pt * self.dpi / 72)))
        self.draw.text(
            (self.px(x), self.px(y)), s, font=f, fill=ink or self.style.ink_rgb, anchor=anchor
        )
        return x + self.draw.textlength(s, font=f) / self.dpi

    def line(self, x0: float, y0: float, x1: float, y1: float, width_pt: float = 1) -> None:
        w = max(1, round(width_pt * self.dpi / 72))
        self.draw.line(
            [(self.px(x0), self.px(y0)), (self.px(x1), self.px(y1))],
            fill=self.style.ink_rgb,
            width=w,
        )

    def box(self, x0: float, y0: float, x1: float, y1: float, width_pt: float = 1) -> None:
        w = max(1, round(width_pt * self.dpi / 72))
        self.draw.rectangle(
            [self.px(x0), self.px(y0), self.px(x1), self.px(y1)],
            outline=self.style.ink_rgb,
            width=w,
        )

    def field(
        self,
        x: float,
        y: float,
        label: str,
        value: str,
        pt: float = 10,
        gap: float = 0.15,
        font: str = "DejaVuSans",
        bold_value: bool = False,
    ) -> None:
        """'Label: value' on one line (the value right of its label)."""
        end = self.text(x, y, label, pt, font)
        self.text(end + gap, y, value, pt, font + ("-Bold" if bold_value else ""))

    def stacked(
        self, x: float, y: float, label: str, value: str, pt: float = 10, font: str = "DejaVuSans"
    ) -> None:
        """A label with its value below it (column headers, boxes)."""
        self.text(x, y, label, pt * 0.8, font)
        self.text(x, y + pt * 1.45 / 72, value, pt, font + "-Bold")

    def hand(
        self, x: float, y: float, s: str, pt: float = 14, ink: tuple[int, int, int] = (25, 45, 150)
    ) -> None:
        """Handwriting look: slanted glyphs, each with its own size, tilt and baseline."""
        cx = self.px(x)
        for ch in s:
            if ch == " ":
                cx += self.px(pt * 0.35 / 72)
                continue
            size = max(8, round(pt * self.dpi / 72 * self.rng.uniform(0.85, 1.2)))
            f = _font(self.rng.choice(["DejaVuSans-Oblique", "DejaVuSerif-Italic"]), size)
            w = int(self.draw.textlength(ch, font=f)) + 4
            glyph = Image.new("L", (w + 8, size * 2), 0)
            ImageDraw.Draw(glyph).text((4, size // 3), ch, font=f, fill=255)
            glyph = glyph.rotate(self.rng.uniform(-12, 12), resample=Image.Resampling.BICUBIC)
            dy = self.rng.randint(-size // 8, size // 8)
            solid = Image.new("RGB", glyph.size, ink)
            self.image.paste(solid, (cx, self.px(y) - size // 3 + dy), glyph)
            cx += w - 4 + self.rng.randint(-1, 3)

    def stamp(self, x: float, y: float, s: str, pt: float = 16) -> None:
        """A numbering-machine serial: blocky digits, uneven ink, in the serial ink colour."""
        ink = self.style.serial_ink_rgb or (190, 40, 40)
        f = _font("DejaVuSansMono-Bold", max(8, round(pt * self.dpi / 72)))
        w = int(self.draw.textlength(s, font=f)) + 10
        h = f.size * 2 if isinstance(f, ImageFont.FreeTypeFont) else 30
        mask = Image.new("L", (w, h), 0)
        ImageDraw.Draw(mask).text((5, h // 4), s, font=f, fill=255)
        # Uneven inking: fade parts of the glyphs the way a worn numbering machine does.
        fade = np.array(mask, dtype=np.float32)
        rough = np.random.default_rng(self.rng.randint(0, 2**31)).uniform(0.55, 1.0, fade.shape)
        mask = Image.fromarray((fade * rough).astype(np.uint8))
        mask = mask.rotate(self.rng.uniform(-2, 2), resample=Image.Resampling.BICUBIC)
        self.image.paste(Image.new("RGB", mask.size, ink), (self.px(x), self.px(y) - h // 4), mask)

    def barcode(
        self, x: float, y: float, content: str, kind: str = "code128", h_in: float = 0.45
    ) -> None:
        import zxingcpp

        if kind == "qr":
            bc = zxingcpp.create_barcode(content, zxingcpp.BarcodeFormat.QRCode)
            module = max(2, round(self.dpi * 0.025))
            img = Image.fromarray(np.array(zxingcpp.write_barcode_to_image(bc, scale=module)))
        else:
            bc = zxingcpp.create_barcode(content, zxingcpp.BarcodeFormat.Code128)
            module = max(2, round(self.dpi * 0.012))
            img = Image.fromarray(np.array(zxingcpp.write_barcode_to_image(bc, scale=module)))
            img = img.resize((img.width, self.px(h_in)), Image.Resampling.NEAREST)
        self.image.paste(img.convert("RGB"), (self.px(x), self.px(y)))


# --------------------------------------------------------------------------- layouts


def _address(rng: random.Random) -> tuple[str, str, str]:
    street = f"{rng.randint(100, 99999)} {rng.choice(['Industrial Way', 'Quarry Rd', 'Mission Blvd', 'Highway 99', 'Rancho Ave'])}"  # noqa: E501
    city = rng.choice(["Fontana, CA", "Sylmar, CA", "Corona, CA", "Tracy, CA", "Mesa, AZ"])
    zipc = str(rng.randint(85000, 96199))
    phone = f"({rng.randint(200, 989)}) {rng.randint(200, 989)}-{rng.randint(1000, 9999)}"
    return street, f"{city} {zipc}", phone


def _time(rng: random.Random) -> str:
    return f"{rng.randint(5, 11):02d}:{rng.randint(0, 59):02d} {rng.choice(['AM', 'PM'])}"


def _landfill(sp: TicketSpec, s: _Sheet, printed: str, rng: random.Random) -> None:
    street, city, phone = _address(rng)
    s.text(0.4, 0.3, printed.upper(), 17, "DejaVuSans-Bold")
    s.text(0.4, 0.68, f"{street}, {city}   Phone {phone}", 8.5)
    s.text(0.4, 0.9, f"Scale ID: {rng.randint(1, 4)}   Site {rng.randint(10, 99)}", 8.5)
    s.barcode(5.6, 0.3, sp.ticket_number, "code128")
    s.text(5.6, 0.8, sp.ticket_number, 8, "DejaVuSansMono")
    s.line(0.4, 1.15, 8.1, 1.15, 1.5)
    label = rng.choice(["Ticket #", "Ticket No.", "Scale Ticket"])
    s.field(0.4, 1.3, label, sp.ticket_number, 12, bold_value=True)
    fmt = rng.choice(["mdy_slash", "mdy_slash", "iso", "mdy_slash_short"])
    s.field(4.6, 1.3, "Date:", DATE_FORMATS[fmt](sp.date), 11)
    s.field(4.6, 1.6, "Time In:", _time(rng), 10)
    s.field(6.4, 1.6, "Out:", _time(rng), 10)
    s.field(0.4, 1.75, "Customer:", rng.choice(CUSTOMERS), 10)
    s.field(0.4, 2.05, "Hauler:", sp.hauler or "", 10)
    s.field(0.4, 2.35, rng.choice(["Vehicle ID:", "Truck #", "Truck:"]), sp.truck or "", 10)
    s.field(4.6, 2.05, "PO #", str(rng.randint(1000, 99999)), 10)
    if sp.job:
        s.field(4.6, 2.35, "Job:", sp.job, 10)
    s.field(0.4, 2.65, "Material:", sp.material or "", 10)
    if sp.manifest:
        s.field(4.6, 2.65, "Manifest #", sp.manifest, 10)
    s.box(0.4, 3.0, 8.1, 4.3)
    comma = rng.random() < 0.7
    unit = rng.choice(["lb", "LB", "lbs"])
    rows = [("GROSS", sp.gross_lb), ("TARE", sp.tare_lb), ("NET", sp.net_lb)]
    for i, (lab, v) in enumerate(rows):
        y = 3.15 + i * 0.36
        s.text(0.6, y, lab, 11, "DejaVuSans-Bold")
        s.text(3.4, y, f"{_lb(v, comma)} {unit}", 11, "DejaVuSansMono", anchor="ra")
    s.field(4.6, 3.15, "NET TONS", f"{sp.quantity:.2f}", 12, bold_value=True)
    s.field(4.6, 3.55, "Rate/Ton", f"${rng.uniform(8, 60):.2f}", 10)
    s.text(0.4, 4.55, "Weighmaster: " + rng.choice(["J. LOPEZ", "M. CHEN", "R. DIAZ"]), 8.5)
    s.text(4.6, 4.55, "Driver signature ____________________", 8.5)


def _quarry(sp: TicketSpec, s: _Sheet, printed: str, rng: random.Random) -> None:
    street, city, phone = _address(rng)
    s.text(4.25, 0.25, printed, 16, "DejaVuSerif-Bold", anchor="ma")
    s.text(4.25, 0.62, f"{street} - {city} - Tel {phone}", 8.5, anchor="ma")
    s.barcode(7.0, 0.2, sp.ticket_number, "qr")
    s.line(0.4, 1.05, 8.1, 1.05)
    # A grid of boxes: label on top, value below (the common weighbridge printout).
    fmt = rng.choice(["iso", "mdy_slash", "mon_d_y"])
    cells = [
        ("TICKET NO.", sp.ticket_number),
        ("DATE", DATE_FORMATS[fmt](sp.date)),
        ("TIME", _time(rng)),
        ("VEHICLE ID", sp.truck or ""),
    ]
    for i, (lab, val) in enumerate(cells):
        x = 0.4 + i * 1.95
        s.box(x, 1.2, x + 1.9, 1.85)
        s.stacked(x + 0.1, 1.28, lab, val, 11)
    cells2 = [
        ("CARRIER", sp.hauler or ""),
        ("PRODUCT", sp.material or ""),
        ("CUSTOMER PO", str(rng.randint(10000, 999999))),
    ]
    for i, (lab, val) in enumerate(cells2):
        x = 0.4 + i * 2.6
        s.box(x, 1.95, x + 2.55, 2.6)
        s.stacked(x + 0.1, 2.03, lab, val, 10)
    s.text(0.4, 2.8, "Sold to: " + rng.choice(CUSTOMERS) + "   Job " + (sp.job or "-"), 9.5)
    heads = ["GROSS LBS", "TARE LBS", "NET LBS", "NET TONS"]
    vals = [_lb(sp.gross_lb), _lb(sp.tare_lb), _lb(sp.net_lb), f"{sp.quantity:.2f}"]
    for i, (h, v) in enumerate(zip(heads, vals, strict=True)):
        x = 0.4 + i * 1.95
        s.box(x, 3.15, x + 1.9, 3.85)
        s.stacked(x + 0.1, 3.23, h, v, 12)
    s.text(
        0.4,
        4.1,
        f"Scale #{rng.randint(1, 3)}  Deputy weighmaster lic. {rng.randint(1000, 9999)}",
        8,
    )


def _asphalt(sp: TicketSpec, s: _Sheet, printed: str, rng: random.Random) -> None:
    street, city, phone = _address(rng)
    s.text(0.4, 0.3, printed.upper(), 15, "DejaVuSansCondensed-Bold")
    s.text(0.4, 0.62, "HOT MIX ASPHALT PLANT", 9)
    s.text(0.4, 0.82, f"{street} {city}", 8)
    s.text(0.4, 1.0, f"PH {phone}  FAX {_address(rng)[2]}", 8)
    mono = "DejaVuSansMono"
    fmt = rng.choice(["d_mon_yy", "d_mon_yy", "mdy_slash"])
    lines = [
        ("TKT", sp.ticket_number),
        ("DATE", DATE_FORMATS[fmt](sp.date)),
        ("TIME", _time(rng)),
        ("TRUCK #", sp.truck or ""),
        ("HAULER", sp.hauler or ""),
        ("MIX", sp.material or ""),
        ("LOAD #", str(rng.randint(1, 30))),
        ("PO", str(rng.randint(1000, 99999))),
    ]
    for i, (lab, val) in enumerate(lines):
        s.text(0.4, 1.35 + i * 0.27, f"{lab:<8}", 10.5, mono)
        s.text(1.9, 1.35 + i * 0.27, val, 10.5, mono)
    s.text(4.7, 1.35, "GROSS", 10.5, mono)
    s.text(4.7, 1.62, "TARE", 10.5, mono)
    s.text(4.7, 1.89, "NET", 10.5, mono)
    for i, v in enumerate([sp.gross_lb, sp.tare_lb, sp.net_lb]):
        s.text(7.6, 1.35 + i * 0.27, f"{_lb(v, False)} LB", 10.5, mono, anchor="ra")
    s.text(4.7, 2.3, "NET TONS", 11, mono + "-Bold")
    s.text(7.6, 2.3, f"{sp.quantity:.2f}", 11, mono + "-Bold", anchor="ra")
    s.text(4.7, 2.6, f"TODAY LOADS {rng.randint(1, 40)}", 9, mono)
    s.text(4.7, 2.85, f"TODAY TONS {rng.uniform(20, 500):.2f}", 9, mono)
    s.text(
        0.4,
        3.75,
        f"CUSTOMER {rng.choice(CUSTOMERS)}" + (f"  JOB {sp.job}" if sp.job else ""),
        9.5,
        mono,
    )
    s.barcode(4.7, 3.2, sp.ticket_number, "code128", 0.35)


def _concrete(sp: TicketSpec, s: _Sheet, printed: str, rng: random.Random) -> None:
    street, city, phone = _address(rng)
    s.text(0.4, 0.3, printed, 16, "DejaVuSans-Bold")
    s.text(0.4, 0.66, f"Dispatch {phone} | {street}, {city}", 8.5)
    s.text(5.4, 0.3, "DELIVERY TICKET", 12, "DejaVuSans-Bold")
    s.field(5.4, 0.6, "BOL", sp.ticket_number, 13, bold_value=True)
    s.line(0.4, 1.05, 8.1, 1.05, 2)
    fmt = rng.choice(["mon_d_y", "mdy_slash", "mdy_dash_short"])
    s.field(0.4, 1.2, "Date", DATE_FORMATS[fmt](sp.date), 10.5)
    s.field(3.0, 1.2, "Plant", f"#{rng.randint(1, 9)}", 10.5)
    s.field(5.4, 1.2, "Truck", sp.truck or "", 10.5)
    s.field(0.4, 1.5, "Customer", rng.choice(CUSTOMERS), 10.5)
    s.field(5.4, 1.5, "Order", str(rng.randint(10000, 99999)), 10.5)
    if sp.job:
        s.field(0.4, 1.8, "Job", sp.job, 10.5)
    s.field(3.0, 1.8, "Leave Plant", _time(rng), 10.5)
    s.box(0.4, 2.2, 8.1, 3.4)
    for x, h in [(0.55, "QTY"), (1.7, "UNIT"), (2.6, "MIX / DESCRIPTION"), (6.3, "LOAD TOTAL")]:
        s.text(x, 2.3, h, 9, "DejaVuSans-Bold")
    s.line(0.4, 2.6, 8.1, 2.6)
    s.text(0.55, 2.75, _qty(sp.quantity), 11)
    s.text(1.7, 2.75, "CY", 11)
    s.text(2.6, 2.75, sp.material or "", 11)
    s.text(6.3, 2.75, f"{_qty(sp.quantity)} YD3", 11)
    s.text(0.4, 3.6, f"Water added ____ gal   Slump {rng.choice([4, 5, 6])} in", 9)


def _transfer(sp: TicketSpec, s: _Sheet, printed: str, rng: random.Random) -> None:
    street, city, phone = _address(rng)
    s.text(0.4, 0.25, printed, 15, "DejaVuSerif-Bold")
    s.text(0.4, 0.6, f"{street}  {city}", 8.5)
    s.text(0.4, 0.78, phone, 8.5)
    s.text(5.9, 0.25, "No.", 12, "DejaVuSerif")
    s.text(6.4, 0.25, sp.ticket_number, 14, "DejaVuSansMono-Bold")
    fmt = rng.choice(["mdy_dash_short", "mdy_slash", "d_mon_yy"])
    s.text(5.9, 0.6, DATE_FORMATS[fmt](sp.date) + "  " + _time(rng), 10)
    s.line(0.4, 1.0, 8.1, 1.0)
    rows = [
        ("Account", rng.choice(CUSTOMERS)),
        ("Hauled by", sp.hauler or ""),
        ("Vehicle", sp.truck or ""),
        ("Waste type", sp.material or ""),
        ("Reference", f"PO {rng.randint(100, 9999)}"),
    ]
    for i, (lab, val) in enumerate(rows):
        s.text(0.4, 1.15 + i * 0.3, lab, 10)
        s.text(1.9, 1.15 + i * 0.3, val, 10, "DejaVuSans-Bold")
    # Inbound/outbound weights stacked, net tons last: a different order from the other layouts.
    s.field(4.8, 1.15, "In (Gross)", f"{_lb(sp.gross_lb)} lb", 10)
    s.field(4.8, 1.45, "Out (Tare)", f"{_lb(sp.tare_lb)} lb", 10)
    s.field(4.8, 1.75, "Net Weight", f"{_lb(sp.net_lb)} lb", 10)
    s.field(4.8, 2.05, "Net Tons", f"{sp.quantity:.2f}", 11, bold_value=True)
    if sp.job:
        s.field(4.8, 2.4, "Job No.", sp.job, 10)
    s.text(0.4, 3.0, f"Scale {rng.randint(1, 3)} / Operator {rng.randint(10, 99)}", 8)


def _carbon_header(s: _Sheet, printed: str, rng: random.Random) -> None:
    street, city, phone = _address(rng)
    s.text(4.25, 0.25, printed, 18, "DejaVuSerif-Bold", anchor="ma")
    s.text(4.25, 0.66, f"{street}, {city}", 9, anchor="ma")
    s.text(4.25, 0.86, f"Office {phone}  Cell {_address(rng)[2]}", 9, anchor="ma")


def _hand_date(d: dt.date, rng: random.Random) -> str:
    return rng.choice(
        [
            f"{d.month}/{d.day}/{d.strftime('%y')}",
            d.strftime("%m-%d-%y"),
            f"{d.month}/{d.day}/{d.year}",
        ]
    )


def _hand_qty(sp: TicketSpec) -> str:
    return f"{_qty(sp.quantity)} {'yds' if sp.unit == 'CY' else 'load'}"


def _hand_values(sp: TicketSpec, rng: random.Random) -> dict[str, str]:
    """What a driver writes on a carbon-copy ticket, keyed by field."""
    return {
        "date": _hand_date(sp.date, rng),
        "truck": sp.truck or "",
        "material": sp.material or "",
        "manifest": sp.manifest or "",
        "quantity": _hand_qty(sp),
    }


def _haul_carbon(sp: TicketSpec, s: _Sheet, printed: str, rng: random.Random) -> None:
    _carbon_header(s, printed, rng)
    s.text(6.3, 1.15, "No", 13, "DejaVuSans-Bold", ink=s.style.serial_ink_rgb)
    s.stamp(6.75, 1.12, sp.ticket_number, 15)
    s.text(0.4, 1.2, "HAULING TICKET", 12, "DejaVuSans-Bold")
    labels = [
        ("Date", "date"),
        ("Truck #", "truck"),
        ("Material", "material"),
        ("Manifest #", "manifest"),
        ("Quantity", "quantity"),
    ]
    values = _hand_values(sp, rng)
    for i, (lab, key) in enumerate(labels):
        y = 1.7 + i * 0.45
        s.text(0.4, y, lab, 10.5)
        s.line(1.6, y + 0.2, 5.0, y + 0.2, 0.7)
        if values[key]:
            s.hand(1.75, y - 0.05, values[key], 15)
    s.text(0.4, 4.15, "Customer: " + rng.choice(CUSTOMERS), 9)
    s.text(5.3, 3.6, "Driver ____________", 9)
    s.text(5.3, 4.0, "Received by ____________", 9)
    s.text(0.4, 4.4, "WHITE - OFFICE   YELLOW - CUSTOMER   PINK - DRIVER", 7)


def _haul_stamped(sp: TicketSpec, s: _Sheet, printed: str, rng: random.Random) -> None:
    _carbon_header(s, printed, rng)
    s.text(0.4, 1.15, "DAILY TRUCK TICKET", 11, "DejaVuSans-Bold")
    s.stamp(6.6, 1.1, sp.ticket_number, 16)
    s.box(0.4, 1.5, 8.1, 3.9)
    cells = [
        ("DATE", "date", 0.5, 1.6),
        ("TRUCK NO.", "truck", 3.0, 1.6),
        ("JOB / PIT TICKET", "manifest", 5.4, 1.6),
        ("MATERIAL", "material", 0.5, 2.5),
        ("LOADS / YARDS", "quantity", 3.0, 2.5),
    ]
    values = _hand_values(sp, rng)
    for lab, key, x, y in cells:
        s.text(x, y, lab, 8.5, "DejaVuSans-Bold")
        if values[key]:
            s.hand(x + 0.1, y + 0.3, values[key], 15)
    s.text(0.5, 3.5, "Customer " + rng.choice(CUSTOMERS) + f"   Phone {_address(rng)[2]}", 8.5)
    s.text(0.4, 4.1, "Time in ______  Time out ______   Signature ______________", 8.5)


def _dump_carbon(sp: TicketSpec, s: _Sheet, printed: str, rng: random.Random) -> None:
    street, city, phone = _address(rng)
    s.text(0.4, 0.3, printed + (" INC" if rng.random() < 0.5 else ""), 17, "DejaVuSans-Bold")
    s.text(0.4, 0.68, f"{street} | {city} | {phone}", 8.5)
    s.text(0.4, 0.95, f"CA# {rng.randint(100000, 999999)}  MC {rng.randint(100000, 999999)}", 8)
    rows = [
        ("Date", "date"),
        ("Truck", "truck"),
        ("Material", "material"),
        ("Dump ticket", "manifest"),
        ("Amount", "quantity"),
    ]
    values = _hand_values(sp, rng)
    for i, (lab, key) in enumerate(rows):
        y = 1.35 + i * 0.42
        s.text(0.4, y, lab + ":", 10)
        if values[key]:
            s.hand(1.7, y - 0.06, values[key], 14)
    s.text(0.4, 3.7, "Bill to: " + rng.choice(CUSTOMERS), 9)
    s.text(5.2, 3.55, "Ticket", 11, "DejaVuSans-Bold")
    s.stamp(6.0, 3.52, sp.ticket_number, 15)


_DRAWERS = {
    "landfill": _landfill,
    "quarry": _quarry,
    "asphalt": _asphalt,
    "concrete": _concrete,
    "transfer": _transfer,
    "haul_carbon": _haul_carbon,
    "haul_stamped": _haul_stamped,
    "dump_carbon": _dump_carbon,
}
_SIZES = {
    "landfill": (8.5, 4.9),
    "quarry": (8.5, 4.4),
    "asphalt": (8.5, 4.2),
    "concrete": (8.5, 3.9),
    "transfer": (8.5, 3.3),
    "haul_carbon": (8.5, 4.6),
    "haul_stamped": (8.5, 4.4),
    "dump_carbon": (8.5, 4.1),
}


def _printed_name(spec: TicketSpec) -> str:
    for printed, canonical in VENDORS.get(spec.layout, []):
        if canonical == spec.vendor:
            return printed
    return spec.vendor


def _seed(spec: TicketSpec) -> int:
    return sum(ord(c) * (i + 1) for i, c in enumerate(spec.layout + spec.ticket_number))


def render_clean(spec: TicketSpec, style: Style = Style()) -> Image.Image:  # noqa: B008
    """The ticket as printed: paper, ink, no scanner effects."""
    w, h = _SIZES[spec.layout]
    sheet = _Sheet(w, h, style, _seed(spec))
    # The same spec always draws the same distractors, so golden files stay stable.
    _DRAWERS[spec.layout](spec, sheet, _printed_name(spec), random.Random(_seed(spec)))
    return sheet.image


def scan_effects(image: Image.Image, style: Style, seed: int = 0) -> Image.Image:
    """What a scanner and a careless operator add: skew, rotation, blur, noise, JPEG."""
    img = image
    if style.skew_deg:
        img = img.rotate(
            style.skew_deg,
            resample=Image.Resampling.BICUBIC,
            expand=True,
            fillcolor=(250, 250, 250),
        )
    if style.rotate % 360:
        img = img.rotate(style.rotate % 360, expand=True)
    if style.blur:
        img = img.filter(ImageFilter.GaussianBlur(style.blur))
    if style.noise:
        arr = np.asarray(img, dtype=np.float32)
        gen = np.random.default_rng(seed)
        arr = arr + gen.normal(0, style.noise * 255, arr.shape[:2])[..., None]
        img = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))
    if style.jpeg_quality:
        buf = io.BytesIO()
        img.save(buf, "JPEG", quality=style.jpeg_quality)
        img = Image.open(io.BytesIO(buf.getvalue())).convert("RGB")
    return img


def struck_in_dots(image: Image.Image, pitch: int = 4) -> Image.Image:
    """A line printer's glyphs: the strokes only where the pins strike, on a grid of dots."""
    a = np.asarray(image.convert("L")).astype(np.float32)
    yy, xx = np.mgrid[0 : a.shape[0], 0 : a.shape[1]]
    pins = ((yy % pitch) < pitch - 1) & ((xx % pitch) < pitch - 1)
    out = np.where(pins, a, np.maximum(a, 235.0)).astype(np.uint8)
    return Image.fromarray(out).filter(ImageFilter.GaussianBlur(0.6)).convert("RGB")


def render_ticket(spec: TicketSpec, style: Style = Style()) -> Image.Image:  # noqa: B008
    """The ticket as a scanned RGB image."""
    return scan_effects(render_clean(spec, style), style, _seed(spec))


# --------------------------------------------------------------------------- other pages


def render_blank(dpi: int = 200, noise: float = 0.02, seed: int = 0) -> Image.Image:
    """An empty page as a scanner delivers it: not quite white, a little noise, a dust speck."""
    w, h = round(8.5 * dpi), round(11 * dpi)
    gen = np.random.default_rng(seed)
    arr = np.full((h, w, 3), 246, dtype=np.float32) + gen.normal(0, noise * 255, (h, w, 1))
    img = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))
    ImageDraw.Draw(img).ellipse([w // 3, h // 2, w // 3 + 3, h // 2 + 3], fill=(90, 90, 90))
    return img


def render_cover_letter(dpi: int = 200) -> Image.Image:
    """A cover letter that sits in the same scan folder: numbers everywhere, no ticket."""
    sheet = _Sheet(8.5, 11, Style(dpi=dpi), 7)
    sheet.text(1, 1, "GRANITE BAY CONSTRUCTION", 16, "DejaVuSans-Bold")
    sheet.text(1, 1.4, "2250 Commerce Dr, Suite 400, Roseville, CA 95678  (916) 555-0199", 9)
    body = [
        "October 21, 2024",
        "",
        "Accounts Payable",
        "Re: Invoice 44821 for the week ending 10/18/2024",
        "",
        "Please find attached the haul tickets for Job 24-105. The total for the period",
        "is 1,245.60 tons across 58 loads. Payment terms are net 30 days from the date",
        "of this letter. Call our office with any question about this statement.",
        "",
        "Sincerely,",
        "Maria Gonzalez, Project Accountant",
    ]
    for i, line in enumerate(body):
        sheet.text(1, 2.2 + i * 0.3, line, 11)
    return sheet.image


def render_leader_columns(spec: TicketSpec, style: Style = Style()) -> Image.Image:  # noqa: B008
    """A wide scale ticket from older weighing software: two columns of 'Label ....... value',
    each value set flush right at its column's edge, far from its label, the gap filled with
    dot leaders. Weights as '50,056 lb'."""
    s = _Sheet(11.0, 5.5, style, _seed(spec))
    s.text(5.5, 0.3, spec.vendor, 18, "DejaVuSerif-Bold", anchor="ma")
    s.text(5.5, 0.72, "2040 Quarry Rd  |  Fontana, CA 92335  |  (909) 555-0143", 9, anchor="ma")
    s.line(0.5, 1.05, 10.5, 1.05, 1.5)
    columns = [
        [
            ("Ticket No.", spec.ticket_number),
            ("Date", spec.date.strftime("%m/%d/%Y") + " 08:14"),
            ("Customer", "GRANITE BAY CONSTRUCTION"),
            ("Truck", spec.truck or ""),
            ("Hauler", spec.hauler or ""),
        ],
        [
            ("Material", spec.material or ""),
            ("Gross", f"{_lb(spec.gross_lb)} lb"),
            ("Tare", f"{_lb(spec.tare_lb)} lb"),
            ("Net", f"{_lb(spec.net_lb)} lb"),
            ("Net Tons", _qty(spec.quantity)),
        ],
    ]
    dots = _font("DejaVuSans", round(11 * s.dpi / 72))
    value_font = _font("DejaVuSans-Bold", round(11 * s.dpi / 72))
    dot_w = s.draw.textlength(" .", font=dots) / s.dpi
    for (x0, x1), rows in zip(((0.6, 5.0), (5.9, 10.4)), columns, strict=True):
        for k, (label, value) in enumerate(rows):
            y = 1.3 + k * 0.55
            end = s.text(x0, y, label, 11)
            s.text(x1, y, value, 11, "DejaVuSans-Bold", anchor="ra")
            start = x1 - s.draw.textlength(value, font=value_font) / s.dpi - 0.12
            n = int((start - end - 0.05) / dot_w)
            if n > 1:
                s.text(end + 0.05, y, " ." * n, 11)
    s.text(0.6, 4.6, "Received by ____________________        Weighmaster: L. ORTIZ", 9)
    return scan_effects(s.image, style, _seed(spec))


def render_out_of_register(spec: TicketSpec, style: Style = Style()) -> Image.Image:  # noqa: B008
    """A pre-printed form in blue ink, filled in by an impact printer out of register: each
    black monospace value printed low in its box, across the box's bottom rule."""
    s = _Sheet(8.5, 3.4, style, _seed(spec))
    form = (40, 90, 170)
    s.text(0.4, 0.3, spec.vendor, 16, "DejaVuSans-Bold", ink=form)
    s.text(0.4, 0.66, "SCALE TICKET", 9, "DejaVuSans-Bold", ink=form)
    cells = [
        (0.4, 1.1, "TICKET NO.", spec.ticket_number),
        (0.4, 1.75, "DATE", spec.date.strftime("%m/%d/%y")),
        (0.4, 2.4, "TRUCK", spec.truck or ""),
        (4.6, 1.1, "GROSS LB", _lb(spec.gross_lb)),
        (4.6, 1.75, "TARE LB", _lb(spec.tare_lb)),
        (4.6, 2.4, "NET LB", _lb(spec.net_lb)),
    ]
    for x, y, label, value in cells:
        s.draw.rectangle([s.px(x), s.px(y), s.px(x + 3.6), s.px(y + 0.45)], outline=form, width=2)
        s.text(x + 0.06, y + 0.05, label, 7.5, "DejaVuSans-Bold", ink=form)
        # The bottom rule through the digits' lower half (11 pt digits span about y + 0.35
        # to y + 0.47 here).
        s.text(x + 0.9, y + 0.33, value, 11, "DejaVuSansMono-Bold")
    return scan_effects(s.image, style, _seed(spec))


def render_thermal_strip(
    spec: TicketSpec,
    style: Style = Style(),  # noqa: B008
    turn: int = 90,
) -> Image.Image:
    """A 3-inch thermal strip laid sideways on a letter-size flatbed, its lines colon-less
    monospace with each value pushed right by spaces ('GROSS        71220 LB') and dashed
    rules between the sections."""
    rng = random.Random(_seed(spec))
    street, city, phone = _address(rng)
    width = 32

    def row(label: str, value: str) -> str:
        return label + " " * max(2, width - len(label) - len(value)) + value

    mono, bold, pt = "DejaVuSansMono", "DejaVuSansMono-Bold", 8.5
    lines = [
        (spec.vendor.center(width), bold), (street.center(width), mono),
        (city.center(width), mono), (phone.center(width), mono), ("=" * width, mono),
        (row("TICKET", spec.ticket_number), bold),
        (row("DATE", spec.date.strftime("%m/%d/%y")), mono),
        (row("TIME", f"{rng.randint(6, 18):02d}:{rng.randint(0, 59):02d}"), mono),
        (row("TRUCK", spec.truck or ""), mono),
        (row("CARRIER", spec.hauler or ""), mono),
        (row("PRODUCT", spec.material or ""), mono),
        ("-" * width, mono),
        (row("GROSS", f"{int(spec.gross_lb or 0)} LB"), mono),
        (row("TARE", f"{int(spec.tare_lb or 0)} LB"), mono),
        (row("NET", f"{int(spec.net_lb or 0)} LB"), mono),
        (row("NET TONS", _qty(spec.quantity)), bold),
        ("-" * width, mono),
        (row("SCALE", str(rng.randint(1, 3))), mono),
        ("THANK YOU".center(width), mono),
    ]  # fmt: skip
    clean = Style(dpi=style.dpi)
    strip = _Sheet(3.1, 0.45 + len(lines) * pt * 1.55 / 72, clean, _seed(spec))
    strip.draw.rectangle([0, 0, strip.image.width, strip.image.height], fill=(246, 245, 240))
    y = 0.2
    for text, font in lines:
        strip.text(0.15, y, text, pt, font)
        y += pt * 1.55 / 72
    return scan_effects(on_flatbed(strip.image, turn, style.dpi, rng), style, _seed(spec))


def on_flatbed(slip: Image.Image, turn: int, dpi: int, rng: random.Random) -> Image.Image:
    """A small slip laid on a letter-size flatbed turned by `turn` degrees, somewhere near
    the top left, its shadow on the glass along its lower and right edges."""
    turned = slip.rotate(turn, expand=True)
    page = Image.new("RGB", (round(8.5 * dpi), round(11 * dpi)), (252, 252, 252))
    x, y0 = round(rng.uniform(0.4, 1.2) * dpi), round(rng.uniform(0.5, 3.0) * dpi)
    ImageDraw.Draw(page).rectangle(
        [x + 4, y0 + 4, x + turned.width + 4, y0 + turned.height + 4], fill=(205, 205, 205)
    )
    page.paste(turned, (x, y0))
    return page


def render_stamped(
    spec: TicketSpec,
    style: Style = Style(),  # noqa: B008
    ink: tuple[int, int, int] = (40, 70, 180),
    angle: float = -8.0,
    lines: Sequence[tuple[str, float]] = (),
    at: tuple[float, float] = (6.1, 1.7),
) -> Image.Image:
    """A scale ticket back from accounts payable: a tilted rubber stamp in coloured ink,
    unevenly inked, the print showing through it. By default 'RECEIVED', its date and
    'BY ___' over the weights column; `lines` (text, points) and `at` (its centre, inches)
    make another ('VOID' across the middle, 'ENTERED' over the number)."""
    s = _Sheet(8.5, 4.6, style, _seed(spec))
    s.text(0.5, 0.3, spec.vendor, 16, "DejaVuSans-Bold")
    s.field(5.4, 0.3, "Ticket:", spec.ticket_number, 12, bold_value=True)
    left = [("Date:", spec.date.strftime("%m/%d/%Y")), ("Truck:", spec.truck or ""),
            ("Hauler:", spec.hauler or ""), ("Material:", spec.material or "")]  # fmt: skip
    for k, (label, value) in enumerate(left):
        s.field(0.5, 1.1 + 0.3 * k, label, value)
    weights = [("Gross:", spec.gross_lb), ("Tare:", spec.tare_lb), ("Net:", spec.net_lb)]
    for k, (label, weight) in enumerate(weights):
        s.field(4.8, 1.1 + 0.3 * k, label, f"{_lb(weight)} lb")
    s.field(4.8, 2.2, "Net Tons:", _qty(spec.quantity), 10, bold_value=True)
    # The stamp: a double-ruled box of centred lines, drawn as a mask, then multiplied in.
    dpi = style.dpi
    later = spec.date + dt.timedelta(days=12)
    lines = lines or [
        ("RECEIVED", 20),
        (later.strftime("%b %d %Y").upper(), 13),
        ("BY ______", 10),
    ]
    fonts = [_font("DejaVuSans-Bold", round(pt * dpi / 72)) for _, pt in lines]
    measure = ImageDraw.Draw(Image.new("L", (1, 1)))
    w = max(int(measure.textlength(t, font=f)) for (t, _), f in zip(lines, fonts, strict=True))
    pad, lw = round(0.1 * dpi), max(2, round(dpi / 60))
    h = sum(round(f.size * 1.25) for f in fonts)
    mask = Image.new("L", (w + 2 * pad, h + 2 * pad), 0)
    d = ImageDraw.Draw(mask)
    d.rectangle([0, 0, mask.width - 1, mask.height - 1], outline=255, width=lw)
    y = pad
    for (t, _), f in zip(lines, fonts, strict=True):
        d.text((mask.width // 2, y), t, font=f, fill=255, anchor="ma")
        y += round(f.size * 1.25)
    rough = np.random.default_rng(_seed(spec)).uniform(0.45, 0.95, (mask.height, mask.width))
    mask = Image.fromarray((np.asarray(mask, np.float32) * rough).astype(np.uint8))
    mask = mask.rotate(angle, expand=True, resample=Image.Resampling.BICUBIC)
    x0, y0 = round(at[0] * dpi - mask.width / 2), round(at[1] * dpi - mask.height / 2)
    box = (x0, y0, x0 + mask.width, y0 + mask.height)
    under = s.image.crop(box)
    inked = Image.fromarray(
        (np.asarray(under, np.float32) * np.array(ink, np.float32) / 255).astype(np.uint8)
    )
    s.image.paste(Image.composite(inked, under, mask), box[:2])
    return scan_effects(s.image, style, _seed(spec))


def render_label_bars(spec: TicketSpec, style: Style = Style()) -> Image.Image:  # noqa: B008
    """A ticket whose labels are printed white on black bars (a thermal printer's inverse
    mode), each value in black right of its bar, under a heavy bold heading."""
    s = _Sheet(8.5, 5.0, style, _seed(spec))
    s.text(0.4, 0.25, spec.vendor, 22, "DejaVuSans-Bold")
    rows = [
        ("TICKET #", spec.ticket_number),
        ("DATE", spec.date.strftime("%m/%d/%Y")),
        ("TRUCK", spec.truck or ""),
        ("MATERIAL", spec.material or ""),
        ("GROSS", f"{_lb(spec.gross_lb)} LB"),
        ("TARE", f"{_lb(spec.tare_lb)} LB"),
        ("NET", f"{_lb(spec.net_lb)} LB"),
    ]
    for k, (label, value) in enumerate(rows):
        y = 1.0 + k * 0.5
        s.draw.rectangle([s.px(0.4), s.px(y - 0.06), s.px(2.1), s.px(y + 0.26)], fill=(0, 0, 0))
        s.text(0.5, y, label, 11, "DejaVuSans-Bold", ink=(255, 255, 255))
        s.text(2.3, y, value, 11, "DejaVuSansMono")
    return scan_effects(s.image, style, _seed(spec))


# --------------------------------------------------------------------------- PDFs


def write_digital_pdf(path: str | Path, specs: Sequence[TicketSpec]) -> None:
    """E-mailed scale tickets: a real text layer, one ticket per page (printed fields only)."""
    from reportlab.lib.pagesizes import letter
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=letter)
    _, height = letter
    for sp in specs:
        rng = random.Random(_seed(sp))
        street, city, phone = _address(rng)
        y = height - 60
        c.setFont("Helvetica-Bold", 16)
        c.drawString(50, y, _printed_name(sp).upper())
        c.setFont("Helvetica", 9)
        c.drawString(50, y - 16, f"{street}, {city}   Phone {phone}")
        c.setFont("Helvetica-Bold", 12)
        c.drawString(380, y, f"Ticket No. {sp.ticket_number}")
        rows = [
            ("Date:", sp.date.strftime("%m/%d/%Y")),
            ("Time:", _time(rng)),
            ("Customer:", rng.choice(CUSTOMERS)),
            ("Hauler:", sp.hauler),
            ("Truck #", sp.truck),
            ("Material:", sp.material),
            ("Job:", sp.job),
            ("Manifest #", sp.manifest),
        ]
        c.setFont("Helvetica", 11)
        yy = y - 60
        for lab, val in rows:
            if val:
                c.drawString(50, yy, lab)
                c.drawString(140, yy, str(val))
                yy -= 18
        yy -= 10
        if sp.gross_lb is not None:
            for lab, v in [("Gross", sp.gross_lb), ("Tare", sp.tare_lb), ("Net", sp.net_lb)]:
                c.drawString(50, yy, lab)
                c.drawRightString(260, yy, f"{_lb(v)} lb")
                yy -= 18
        if sp.quantity is not None:
            label = "Net Tons" if sp.unit == "TN" else "Quantity"
            unit = "" if sp.unit == "TN" else f" {sp.unit}"
            c.drawString(50, yy, label)
            c.drawRightString(260, yy, f"{sp.quantity:.2f}{unit}")
        c.showPage()
    c.save()


def write_fillable_pdf(path: str | Path, spec: TicketSpec) -> None:
    """A ticket sent as a filled-in form: captions are page text, values live in form fields
    (the page's text layer alone holds no value)."""
    from reportlab.lib.pagesizes import letter
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=letter)
    _, height = letter
    y = height - 60
    c.setFont("Helvetica-Bold", 16)
    c.drawString(50, y, _printed_name(spec).upper())
    rows = [
        ("Ticket No:", spec.ticket_number),
        ("Date:", spec.date.strftime("%m/%d/%Y")),
        ("Hauler:", spec.hauler),
        ("Truck #", spec.truck),
        ("Material:", spec.material),
        ("Gross lb", spec.gross_lb and f"{_lb(spec.gross_lb)}"),
        ("Tare lb", spec.tare_lb and f"{_lb(spec.tare_lb)}"),
        ("Net lb", spec.net_lb and f"{_lb(spec.net_lb)}"),
    ]
    c.setFont("Helvetica", 11)
    yy = y - 50
    for i, (lab, val) in enumerate(rows):
        if not val:
            continue
        c.drawString(50, yy, lab)
        c.acroForm.textfield(
            name=f"f{i}", value=str(val), x=150, y=yy - 5, width=180, height=17,
            borderWidth=0, fontSize=11,
        )  # fmt: skip
        yy -= 24
    c.showPage()
    c.save()


def write_scanned_pdf(path: str | Path, images: Sequence[Image.Image], dpi: int = 200) -> None:
    """Image-only PDF pages, as a scanner writes them (no text layer)."""
    rgb = [im.convert("RGB") for im in images]
    if not rgb:
        raise ValueError("no pages")
    rgb[0].save(str(path), "PDF", resolution=float(dpi), save_all=True, append_images=rgb[1:])


# --------------------------------------------------------------------------- sets


@dataclass
class Sample:
    spec: TicketSpec
    style: Style
    image: Image.Image = field(repr=False)


def make_set(seed: int, per_layout: int, layouts: Sequence[str] = LAYOUTS) -> list[Sample]:
    """A seeded evaluation set: `per_layout` tickets of each layout, each with its own scan look."""
    rng = random.Random(seed)
    out: list[Sample] = []
    for layout in layouts:
        for _ in range(per_layout):
            spec = random_spec(rng, layout)
            style = random_style(rng, layout)
            out.append(Sample(spec, style, render_ticket(spec, style)))
    return out


def _demo(out_dir: str = "/tmp/ticketgen_demo") -> None:
    """Writes one ticket of each layout (python -m tests.ticketgen) to look at by eye."""
    Path(out_dir).mkdir(parents=True, exist_ok=True)
    rng = random.Random(1)
    for layout in LAYOUTS:
        spec = random_spec(rng, layout)
        style = random_style(rng, layout)
        style.rotate, style.skew_deg = 0, math.copysign(1.0, rng.random() - 0.5)
        render_ticket(spec, style).save(f"{out_dir}/{layout}.png")


if __name__ == "__main__":
    _demo()
