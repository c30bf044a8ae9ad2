"""Five more ticket layouts the extraction has never seen (beyond probe_layouts_a-m.py's), written
before any rule for them (2026-12-06): a ticket under a VOID stamp in black or dark grey ink (a
scale house's stamp pad is as often black as red), a pre-printed form whose values stand on
rules with their captions printed small below them, dates printed in words or in other orders
('December 4, 2025', '04 DEC 2025', 'Thu, Dec 4, 2025', '2025/12/04', '4-Dec-25'), a ticket
that prints the gross and the tare but neither the net nor the tons, beside a price per ton and
the amount in dollars, and two half-width tickets laid side by side on the scanner glass.

    .venv/bin/python bench/probe_layouts_n.py [--per-layout 3] [--seed 31] [--only L1,L2]
        [--out /tmp/probe_layouts_n] [--render-only]

Truth conventions: a VOID ticket must come out flagged (its reasons name VOID), whatever is read
under the stamp; where a ticket prints no net, the net is the gross less the tare and the
quantity its tons, as a clerk works them out; of two tickets side by side the table scores the
left one, and the line printed per page says how many tickets were found (two are expected).
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parent))

from probe_layouts_a import CUSTOMERS, tod, us_values  # noqa: E402
from probe_layouts_c import _header, _lb, fields_column  # noqa: E402
from probe_layouts_k import _rubber_stamp, plain_ticket  # noqa: E402
from probe_run import main  # noqa: E402

from tests.ticketgen import Style, _Sheet  # noqa: E402


def black_void(i: int, rng: random.Random, st: Style):
    """An ordinary scale ticket under 'VOID' stamped in black or dark grey ink, in a box, across
    the middle; every other ticket's stamp is nearly level. It must come out flagged VOID."""
    sp = us_values(rng, "black_void", rng.choice(["EAGLE ROCK AGGREGATES", "HIGHLINE SAND CO"]))
    s = _Sheet(8.5, 4.6, st, rng.randint(0, 10**6))
    plain_ticket(s, sp, rng)
    ink = rng.choice([(25, 25, 30), (70, 70, 75)])
    angle = rng.uniform(-3, 3) if i % 2 else rng.choice([-1, 1]) * rng.uniform(10, 22)
    word = rng.choice(["VOID", "VOID", "VOIDED", "CANCELLED"])
    _rubber_stamp(s, rng.uniform(3.6, 4.6), rng.uniform(2.0, 2.6), [(word, 50)], ink, angle)
    return sp, s.image


def caption_below(i: int, rng: random.Random, st: Style):
    """A pre-printed delivery form filled by an impact printer: each value stands on a rule,
    its caption printed small below the rule ('TICKET NUMBER', 'DATE', 'TRUCK NO.', 'CARRIER',
    'MATERIAL', 'GROSS WT. LBS', 'TARE WT. LBS', 'NET WT. LBS', 'NET TONS'), three cells to a
    row."""
    sp = us_values(rng, "caption_below", rng.choice(["TWIN PEAKS QUARRY", "RIVERBEND ROCK"]))
    s = _Sheet(8.5, 4.8, st, rng.randint(0, 10**6))
    _header(s, sp.vendor, rng)
    cells = [
        [("TICKET NUMBER", sp.ticket_number), ("DATE", sp.date.strftime("%m/%d/%Y")),
         ("TRUCK NO.", sp.truck)],
        [("CARRIER", sp.hauler), ("MATERIAL", sp.material),
         ("CUSTOMER", rng.choice(CUSTOMERS))],
        [("GROSS WT. LBS", _lb(sp.gross_lb)), ("TARE WT. LBS", _lb(sp.tare_lb)),
         ("NET WT. LBS", _lb(sp.net_lb))],
    ]  # fmt: skip
    cells.append(
        [("NET TONS", f"{sp.quantity:.2f}"), ("TIME IN", tod(rng)), ("TIME OUT", tod(rng))]
    )
    for r, row in enumerate(cells):
        y = 1.2 + r * 0.8
        for c, (caption, value) in enumerate(row):
            x = 0.5 + c * 2.6
            font = "DejaVuSans-Bold" if c == 0 and r == 0 else "DejaVuSans"
            s.text(x + 0.1, y, str(value), 11, font)
            s.line(x, y + 0.26, x + 2.3, y + 0.26, 0.8)
            s.text(x, y + 0.31, caption, 6.5)
    return sp, s.image


def date_words(i: int, rng: random.Random, st: Style):
    """An ordinary ticket whose date is written out or in another order: 'December 4, 2025',
    '04 DEC 2025', 'Thu, Dec 4, 2025', '2025/12/04', '4-Dec-25', 'Dec. 4th, 2025'."""
    sp = us_values(rng, "date_words", rng.choice(["PINE HOLLOW LANDFILL", "CEDAR PASS ROCK"]))
    d = sp.date
    day = d.day
    th = "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    forms = [
        f"{d.strftime('%B')} {day}, {d.year}",
        d.strftime("%d %b %Y").upper(),
        f"{d.strftime('%a')}, {d.strftime('%b')} {day}, {d.year}",
        d.strftime("%Y/%m/%d"),
        f"{day}-{d.strftime('%b')}-{d.strftime('%y')}",
        f"{d.strftime('%b')}. {day}{th}, {d.year}",
    ]
    when = forms[i % len(forms)]
    s = _Sheet(8.5, 4.6, st, rng.randint(0, 10**6))
    _header(s, sp.vendor, rng)
    s.field(5.4, 0.3, "Ticket:", sp.ticket_number, 12, bold_value=True)
    fields_column(s, 0.5, 1.1, [("Date:", when), ("Time:", tod(rng)), ("Truck:", sp.truck),
                                ("Hauler:", sp.hauler), ("Material:", sp.material)])  # fmt: skip
    weights = [("Gross:", sp.gross_lb), ("Tare:", sp.tare_lb), ("Net:", sp.net_lb)]
    fields_column(s, 4.8, 1.1, [(lab, f"{_lb(v)} lb") for lab, v in weights])
    s.field(4.8, 2.2, "Net Tons:", f"{sp.quantity:.2f}", 10, bold_value=True)
    return sp, s.image


def gross_tare_only(i: int, rng: random.Random, st: Style):
    """A small pit's ticket: 'Gross Wt' and 'Tare Wt' in pounds, no net and no tons, then the
    price per ton and the amount in dollars ('Rate: $14.50 /ton', 'Amount: $315.42'). The
    clerk works out the net and its tons; the dollars are neither."""
    sp = us_values(rng, "gross_tare_only", rng.choice(["BLUE RIDGE GRAVEL", "OLD MILL SAND PIT"]))
    s = _Sheet(8.5, 4.6, st, rng.randint(0, 10**6))
    _header(s, sp.vendor, rng)
    s.field(5.4, 0.3, "Ticket No.", sp.ticket_number, 12, bold_value=True)
    fields_column(s, 0.5, 1.1, [("Date:", sp.date.strftime("%m/%d/%Y")), ("Truck:", sp.truck),
                                ("Hauler:", sp.hauler), ("Material:", sp.material)])  # fmt: skip
    rate = rng.choice([9.75, 12.0, 14.5, 18.25])
    fields_column(s, 4.8, 1.1, [("Gross Wt:", f"{_lb(sp.gross_lb)} lb"),
                                ("Tare Wt:", f"{_lb(sp.tare_lb)} lb"),
                                ("Rate:", f"${rate:.2f} /ton"),
                                ("Amount:", f"${rate * sp.quantity:,.2f}")])  # fmt: skip
    s.line(0.5, 3.9, 3.5, 3.9)
    s.text(0.5, 3.95, "Driver signature", 8)
    return sp, s.image


def side_by_side(i: int, rng: random.Random, st: Style):
    """Two half-width scale slips laid side by side on the glass of a landscape scan, each with
    its own vendor, number, date, truck and weights, a narrow strip of glass between them."""
    sps = [us_values(rng, "side_by_side", v) for v in ("SUNSET AGGREGATES", "MESA VERDE ROCK")]
    page = Image.new("RGB", (round(11.0 * st.dpi), round(5.0 * st.dpi)), (250, 250, 250))
    for k, sp in enumerate(sps):
        s = _Sheet(5.0, 4.6, st, rng.randint(0, 10**6))
        s.text(0.3, 0.25, sp.vendor, 13, "DejaVuSans-Bold")
        s.field(0.3, 0.65, "Ticket:", sp.ticket_number, 11, bold_value=True)
        fields_column(s, 0.3, 1.1, [("Date:", sp.date.strftime("%m/%d/%Y")), ("Truck:", sp.truck),
                                    ("Hauler:", sp.hauler), ("Material:", sp.material),
                                    ("Gross:", f"{_lb(sp.gross_lb)} lb"),
                                    ("Tare:", f"{_lb(sp.tare_lb)} lb"),
                                    ("Net:", f"{_lb(sp.net_lb)} lb"),
                                    ("Net Tons:", f"{sp.quantity:.2f}")], step=0.33)  # fmt: skip
        page.paste(s.image, (round((0.2 + k * 5.6) * st.dpi), round(0.2 * st.dpi)))
    return sps[0], page


LAYOUTS = {
    "black_void": black_void,
    "caption_below": caption_below,
    "date_words": date_words,
    "gross_tare_only": gross_tare_only,
    "side_by_side": side_by_side,
}

if __name__ == "__main__":
    main(LAYOUTS, seed=31, out="/tmp/probe_layouts_n")
