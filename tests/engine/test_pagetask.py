"""The page pipeline's optional red-ink pass: it helps, and its failure never fails a page."""

from __future__ import annotations

from PIL import Image

from engine import ocr, pagetask
from engine.device import cpu_device
from engine.models import ErrorKind, PageError, Settings
from tests.conftest import SAMPLES


def _context() -> pagetask.PageContext:
    return pagetask.make_context(ocr.find_tesseract(), cpu_device("test"))


def test_red_stamped_serial_is_read_from_the_red_channel():
    image = Image.open(SAMPLES / "Portillo.png")
    _, ticket = pagetask.read_page_image(image, Settings(), _context())
    assert ticket is not None and ticket.ticket_number == "285367"


def test_a_failing_red_ink_pass_leaves_the_page_read(monkeypatch):
    def slow(*args, **kwargs):
        raise PageError(ErrorKind.TIMEOUT, "too slow")

    monkeypatch.setattr(pagetask, "red_ink_words", slow)
    image = Image.open(SAMPLES / "Portillo.png")
    _, ticket = pagetask.read_page_image(image, Settings(), _context())
    assert ticket is not None and ticket.vendor  # the page still gives its ticket, flagged
    assert ticket.needs_review and "MISSING_TICKET_NUMBER" in ticket.review_reasons


def test_an_upside_down_read_is_suspect_even_with_confident_symmetric_capitals():
    from engine.models import Word

    def words(texts: list[str], conf: float) -> list[Word]:
        return [Word(t, 100 * i, 40, 80, 30, conf, 1, 1) for i, t in enumerate(texts)]

    # 'TONS NET MIX HOT ALL' upside down, as Tesseract reads it: confident, and no label.
    flipped = words(["SNOL", "LAN", "XIW", "LOH", "TIV", "SNOL", "LAN", "XIW", "AVGOL"], 92)
    assert pagetask._suspect(flipped)
    upright = words(["Ticket", "#", "85842", "Date:", "01/19/2025", "Truck:", "726"], 92)
    upright += words(["GROSS", "52605", "LB", "TARE", "35840", "LB", "NET", "16765"], 92)
    assert not pagetask._suspect(upright)
    assert pagetask._suspect(words(["Ticket", "Date"], 40))  # too little read at all
