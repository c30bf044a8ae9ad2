"""Pages that arrive in a less usual form: filled-in PDF forms, dithered black-and-white scans,
a few lines on a large white page, a ticket number of repeated digits in a text layer."""

from __future__ import annotations

import random
import threading
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from engine import documents, ocr, pagetask, textlayer
from engine.device import cpu_device
from engine.dither import isolated_share, smoothed_if_dithered
from engine.models import Settings, Word
from tests import ticketgen

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def _context() -> pagetask.PageContext:
    return pagetask.make_context(ocr.find_tesseract(), cpu_device("test"))


def _read(path: Path) -> pagetask.Ticket:
    rendered = documents.render_page(str(path), 0, threading.Lock(), 300, 80_000_000, 150)
    _, tickets, _ = pagetask.read_rendered(rendered, Settings(), _context())
    assert len(tickets) == 1
    return tickets[0]


def test_a_filled_in_form_is_read_from_its_fields(tmp_path: Path) -> None:
    spec = ticketgen.random_spec(random.Random(41), "quarry")
    path = tmp_path / "e-ticket.pdf"
    ticketgen.write_fillable_pdf(path, spec)
    # The page's own text holds only the captions: without the fields there is no number.
    with documents.pdfium.PdfDocument(str(path)) as doc:
        captions, _ = documents._text_layer(doc[0])
    assert spec.ticket_number not in {w.text for w in captions}

    ticket = _read(path)
    assert ticket.ticket_number == spec.ticket_number
    assert ticket.date == spec.date
    assert ticket.gross_lb == spec.gross_lb and ticket.net_lb == spec.net_lb
    assert ticket.truck == spec.truck


def test_a_ticket_number_of_repeated_digits_keeps_the_text_layer() -> None:
    def words(texts: list[str]) -> list[Word]:
        return [Word(t, 100 * i, 10, 80, 20, 99.0, 1, 1) for i, t in enumerate(texts)]

    assert textlayer.usable(words(["Ticket", "No:", "500000", "Date:", "01/02/2025"]))
    # A barcode drawn as a run of bars in the text is still no reading.
    assert not textlayer.usable(words(["Ticket", "No:", "IIlIlIIl", "llIIlIll", "Date:"]))


def _one_line_page(side: tuple[int, int] = (1700, 2200)) -> np.ndarray:
    page = Image.new("L", side, 255)
    ImageDraw.Draw(page).text((150, 180), "Ticket No: 500000", fill=0, font=ImageFont.truetype(
        str(FONT), 34))  # fmt: skip
    return np.asarray(page)


def test_one_line_on_a_large_white_page_is_read_not_taken_for_blank() -> None:
    ctx = _context()
    assert not ctx.preprocessor.prepare(_one_line_page(), 200).blank
    assert ctx.preprocessor.prepare(np.full((2200, 1700), 255, np.uint8), 200).blank
    rng = np.random.default_rng(1)
    grain = (250 - rng.integers(0, 12, (2200, 1700))).astype(np.uint8)
    for _ in range(30):  # dust on the glass
        y, x = rng.integers(100, 2100), rng.integers(100, 1600)
        grain[y : y + 3, x : x + 3] = 20
    assert ctx.preprocessor.prepare(grain, 200).blank


def _dithered_ticket(tmp_path: Path) -> tuple[ticketgen.TicketSpec, Path, Image.Image]:
    # The seventh of a seeded set: dithered, it read as ticket '86729' with no vendor.
    rng = random.Random(3)
    for i in range(7):
        layout = ticketgen.PRINTED_LAYOUTS[i % len(ticketgen.PRINTED_LAYOUTS)]
        spec = ticketgen.random_spec(rng, layout)
        style = ticketgen.random_style(rng, layout)
    style.dpi = 200
    gray = ticketgen.render_ticket(spec, style).convert("L")
    path = tmp_path / "fax.tif"
    gray.convert("1").save(path, compression="group4", dpi=(200, 200))  # error diffusion
    return spec, path, gray


def test_a_dithered_black_and_white_scan_is_read(tmp_path: Path) -> None:
    spec, path, _ = _dithered_ticket(tmp_path)
    ticket = _read(path)
    assert ticket.ticket_number == spec.ticket_number
    assert ticket.date == spec.date
    assert ticket.vendor == spec.vendor


def test_only_dithered_pages_are_smoothed(tmp_path: Path) -> None:
    _, path, gray = _dithered_ticket(tmp_path)
    dithered = np.asarray(Image.open(path).convert("RGB"))
    assert isolated_share(dithered[..., 0]) > 0.05
    smoothed = smoothed_if_dithered(dithered, 200)
    assert smoothed.ndim == 2 and len(np.unique(smoothed)) > 2

    threshold = np.asarray(gray.point(lambda v: 255 if v > 150 else 0).convert("RGB"))
    assert isolated_share(threshold[..., 0]) < 0.05
    assert smoothed_if_dithered(threshold, 200) is threshold
    colour = np.asarray(gray.convert("RGB"))
    assert smoothed_if_dithered(colour, 200) is colour
