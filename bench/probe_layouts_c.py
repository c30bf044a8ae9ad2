"""Five more ticket layouts the extraction has never seen (beyond probe_layouts_a.py's and
_b.py's), read through the real page pipeline: what printing and scanning do to labels.

    .venv/bin/python bench/probe_layouts_c.py [--per-layout 3] [--seed 5] [--only L1,L2]
        [--out /tmp/probe_layouts_c] [--render-only]

Writes, under --out, one PNG and one .txt (lines, labels, fields) per page and results.json;
prints a layout x field table.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from probe_layouts_a import city, phone, street, tod, us_values  # noqa: E402
from probe_run import main  # noqa: E402

from tests.ticketgen import Style, _font, _Sheet  # noqa: E402


def _lb(v: float | None) -> str:
    return f"{int(v or 0):,}"


def fields_column(
    s: _Sheet, x: float, y0: float, rows: list[tuple[str, str | None]], step: float = 0.35
) -> None:
    """'Label: value' pairs down a column, one every `step` inches, in 10 pt."""
    for k, (label, value) in enumerate(rows):
        s.field(x, y0 + k * step, label, str(value), 10)


def _header(s: _Sheet, vendor: str, rng: random.Random, top: float = 0.3) -> None:
    s.text(0.4, top, vendor, 16, "DejaVuSans-Bold")
    s.text(0.4, top + 0.36, f"{street(rng)}, {city(rng)}   {phone(rng)}", 8.5)


def reverse_video(i: int, rng: random.Random, st: Style):
    """Labels printed white on black bars (a thermal printer's inverse mode), each value in
    black right of its bar."""
    sp = us_values(rng, "reverse_video", rng.choice(["DESERT VIEW AGGREGATE", "MOJAVE ROCK CO"]))
    s = _Sheet(8.5, 5.2, st, rng.randint(0, 10**6))
    _header(s, sp.vendor, rng)
    when = sp.date.strftime("%m/%d/%Y") + "  " + tod(rng)
    rows = [("TICKET #", sp.ticket_number), ("DATE", when),
            ("TRUCK", sp.truck), ("HAULER", sp.hauler), ("MATERIAL", sp.material),
            ("GROSS", f"{_lb(sp.gross_lb)} LB"), ("TARE", f"{_lb(sp.tare_lb)} LB"),
            ("NET", f"{_lb(sp.net_lb)} LB"), ("NET TONS", f"{sp.quantity:.2f}")]  # fmt: skip
    for k, (lab, val) in enumerate(rows):
        y = 1.05 + k * 0.42
        s.draw.rectangle([s.px(0.4), s.px(y - 0.05), s.px(2.0), s.px(y + 0.25)], fill=(0, 0, 0))
        s.text(0.5, y, lab, 11, "DejaVuSans-Bold", ink=(255, 255, 255))
        s.text(2.2, y, str(val), 11, "DejaVuSansMono")
    return sp, s.image


def shaded_grid(i: int, rng: random.Random, st: Style):
    """A ruled grid, two label/value pairs a row; label cells shaded gray, every cell boxed."""
    sp = us_values(rng, "shaded_grid", rng.choice(["CANYON STATE MATERIALS", "RIO VERDE SAND"]))
    s = _Sheet(8.5, 4.6, st, rng.randint(0, 10**6))
    _header(s, sp.vendor, rng)
    shade = rng.choice([(200, 200, 200), (215, 215, 215), (185, 185, 185)])
    pairs = [[("Ticket", sp.ticket_number), ("Date", sp.date.strftime("%m/%d/%y"))],
             [("Truck", sp.truck), ("Hauler", sp.hauler)],
             [("Material", sp.material), ("Net Tons", f"{sp.quantity:.2f}")],
             [("Gross", f"{_lb(sp.gross_lb)} lb"), ("Tare", f"{_lb(sp.tare_lb)} lb")],
             [("Net", f"{_lb(sp.net_lb)} lb"), ("Scale", "1")]]  # fmt: skip
    cols = [(0.4, 1.5, 4.1), (4.1, 5.2, 8.1)]
    for r, row in enumerate(pairs):
        y0, y1 = 1.0 + r * 0.5, 1.5 + r * 0.5
        for (lab, val), (x0, xm, x1) in zip(row, cols, strict=True):
            s.draw.rectangle([s.px(x0), s.px(y0), s.px(xm), s.px(y1)], fill=shade)
            s.box(x0, y0, xm, y1, 1)
            s.box(xm, y0, x1, y1, 1)
            s.text(x0 + 0.08, y0 + 0.14, lab, 10, "DejaVuSans-Bold")
            s.text(xm + 0.1, y0 + 0.14, str(val), 10.5)
    return sp, s.image


def low_res(i: int, rng: random.Random, st: Style):
    """A plain 'Label: value' ticket scanned at 150 DPI and saved as a rough JPEG."""
    sp = us_values(rng, "low_res", rng.choice(["SUNRISE LANDFILL", "EAST COUNTY RECYCLING"]))
    s = _Sheet(8.5, 5.0, st, rng.randint(0, 10**6))
    _header(s, sp.vendor, rng)
    rows = [("Ticket No:", sp.ticket_number), ("Date:", sp.date.strftime("%m/%d/%Y")),
            ("Truck:", sp.truck), ("Hauler:", sp.hauler), ("Material:", sp.material),
            ("Gross:", f"{_lb(sp.gross_lb)} lb"), ("Tare:", f"{_lb(sp.tare_lb)} lb"),
            ("Net:", f"{_lb(sp.net_lb)} lb"), ("Tons:", f"{sp.quantity:.2f}")]  # fmt: skip
    for k, (lab, val) in enumerate(rows):
        s.field(0.5, 1.0 + k * 0.4, lab, str(val), 10)
    return sp, s.image


def number_forms(i: int, rng: random.Random, st: Style):
    """Weights with decimals or spaces for thousands ('72 340 lb', '72,340.00 LB'), the ticket
    number with a letter prefix or a space ('A-458812', 'No. 0045 8812')."""
    sp = us_values(rng, "number_forms", rng.choice(["HILLSIDE QUARRY", "BAY AREA ROCK"]))
    v = i % 3
    digits = sp.ticket_number
    shown_number = [f"A-{digits}", f"{digits[:-4]} {digits[-4:]}", f"S{digits}"][v]
    sp.ticket_number = [f"A-{digits}", digits, f"S{digits}"][v]

    def w(x: float | None) -> str:
        n = int(x or 0)
        return [f"{n:,}.00 LB", f"{n:,}".replace(",", " ") + " lb", f"{n}.0 lbs"][v]

    s = _Sheet(8.5, 5.0, st, rng.randint(0, 10**6))
    _header(s, sp.vendor, rng)
    rows = [("Ticket No.", shown_number), ("Date", sp.date.strftime("%b %d, %Y")),
            ("Truck", sp.truck), ("Hauler", sp.hauler), ("Product", sp.material),
            ("Gross Wt", w(sp.gross_lb)), ("Tare Wt", w(sp.tare_lb)), ("Net Wt", w(sp.net_lb)),
            ("Net Tons", f"{sp.quantity:.2f}")]  # fmt: skip
    for k, (lab, val) in enumerate(rows):
        s.text(0.5, 1.0 + k * 0.4, lab, 10.5)
        s.text(2.2, 1.0 + k * 0.4, str(val), 10.5, "DejaVuSans-Bold")
    return sp, s.image


def values_left(i: int, rng: random.Random, st: Style):
    """Values printed LEFT of their labels in a right column ('72,340 lb  Gross'), as some
    indicator printouts do, with the header fields on the left."""
    sp = us_values(rng, "values_left", rng.choice(["VALLEY ROCK & SAND", "PINE FLAT AGGREGATE"]))
    s = _Sheet(8.5, 4.4, st, rng.randint(0, 10**6))
    _header(s, sp.vendor, rng)
    for k, (lab, val) in enumerate([("Ticket:", sp.ticket_number),
                                    ("Date:", sp.date.strftime("%m/%d/%Y")),
                                    ("Truck:", sp.truck), ("Hauler:", sp.hauler),
                                    ("Material:", sp.material)]):  # fmt: skip
        s.field(0.5, 1.0 + k * 0.4, lab, str(val), 10)
    f = _font("DejaVuSansMono", round(10.5 * s.dpi / 72))
    for k, (v, word) in enumerate([(sp.gross_lb, "GROSS"), (sp.tare_lb, "TARE"),
                                   (sp.net_lb, "NET")]):  # fmt: skip
        text = f"{_lb(v)} lb"
        s.text(6.6 - s.draw.textlength(text, font=f) / s.dpi, 1.0 + k * 0.4, text, 10.5,
               "DejaVuSansMono")  # fmt: skip
        s.text(6.8, 1.0 + k * 0.4, word, 10.5, "DejaVuSansMono")
    s.text(5.0, 2.3, f"{sp.quantity:.2f} TONS", 10.5, "DejaVuSansMono")
    return sp, s.image


LAYOUTS = {
    "reverse_video": reverse_video,
    "shaded_grid": shaded_grid,
    "low_res": low_res,
    "number_forms": number_forms,
    "values_left": values_left,
}


def _low_res_style(rng: random.Random) -> Style:
    return Style(dpi=150, skew_deg=rng.uniform(-1.0, 1.0), noise=0.02, jpeg_quality=45)


low_res.style = _low_res_style  # type: ignore[attr-defined]


if __name__ == "__main__":
    main(LAYOUTS, 5, "/tmp/probe_layouts_c")
