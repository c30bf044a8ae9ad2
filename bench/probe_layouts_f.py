"""Tickets in typefaces other than DejaVu (every other probe draws with it): Courier (a
line printer's), Times and Helvetica, set by reportlab, drawn by PDFium, then scanned. Read as
pictures through the real page pipeline, so Tesseract reads them, not a text layer.

    .venv/bin/python bench/probe_layouts_f.py [--per-layout 3] [--seed 5] [--only L1,L2]
        [--out /tmp/probe_layouts_f] [--render-only]
"""

from __future__ import annotations

import io
import random
import sys
from pathlib import Path

from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parent))

from probe_layouts_a import city, phone, street, tod, us_values  # noqa: E402
from probe_layouts_c import _lb  # noqa: E402
from probe_run import main  # noqa: E402

from tests.ticketgen import Style, struck_in_dots  # noqa: E402


def _drawn(draw, w_in: float, h_in: float, dpi: int) -> Image.Image:  # noqa: ANN001
    """A page drawn on a reportlab canvas (points, origin bottom left), rendered by PDFium."""
    import pypdfium2 as pdfium
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(w_in * 72, h_in * 72))
    draw(c, h_in * 72)
    c.showPage()
    c.save()
    doc = pdfium.PdfDocument(buf.getvalue())
    try:
        return doc[0].render(scale=dpi / 72).to_pil().convert("RGB")
    finally:
        doc.close()


def _rows(sp) -> list[tuple[str, str]]:  # noqa: ANN001
    return [("Ticket No:", sp.ticket_number), ("Date:", sp.date.strftime("%m/%d/%Y")),
            ("Truck:", sp.truck), ("Hauler:", sp.hauler), ("Material:", sp.material),
            ("Gross:", f"{_lb(sp.gross_lb)} LB"), ("Tare:", f"{_lb(sp.tare_lb)} LB"),
            ("Net:", f"{_lb(sp.net_lb)} LB"), ("Net Tons:", f"{sp.quantity:.2f}")]  # fmt: skip


def _typeface(name: str, regular: str, bold: str, size: float):  # noqa: ANN202
    def layout(i: int, rng: random.Random, st: Style):
        sp = us_values(rng, name, rng.choice(["PACIFIC COAST ROCK", "MESA GRANDE SAND"]))
        address = f"{street(rng)}, {city(rng)}   {phone(rng)}"
        when = tod(rng)

        def draw(c, top: float) -> None:  # noqa: ANN001
            c.setFont(bold, 16)
            c.drawString(30, top - 36, sp.vendor)
            c.setFont(regular, 9)
            c.drawString(30, top - 52, address)
            c.drawString(420, top - 52, f"Time {when}")
            c.setFont(regular, size)
            for k, (lab, val) in enumerate(_rows(sp)):
                y = top - 90 - k * size * 2.1
                c.drawString(40, y, lab)
                c.setFont(bold, size)
                c.drawString(160, y, str(val))
                c.setFont(regular, size)

        return sp, _drawn(draw, 8.5, 4.8, st.dpi)

    return layout


def dot_matrix(i: int, rng: random.Random, st: Style):
    """A line printer's ticket (Courier Bold) struck in dots, as a 9-pin printer leaves it."""
    sp, img = _typeface("dot_matrix", "Courier-Bold", "Courier-Bold", 10.5)(i, rng, st)
    return sp, struck_in_dots(img, 3 if i % 2 else 4)


LAYOUTS = {
    "dot_matrix": dot_matrix,
    "courier": _typeface("courier", "Courier", "Courier-Bold", 10),
    "times": _typeface("times", "Times-Roman", "Times-Bold", 11),
    "helvetica_small": _typeface("helvetica_small", "Helvetica", "Helvetica-Bold", 8),
}


if __name__ == "__main__":
    main(LAYOUTS, 6, "/tmp/probe_layouts_f")
