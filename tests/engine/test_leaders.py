"""Dot leaders erased from a page image; periods, decimal points and the dots of i's kept."""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw

from engine import leaders
from engine.models import Word
from tests.ticketgen import _font


def _page() -> tuple[np.ndarray, tuple[int, int, int, int]]:
    """A label, a leader, a value; under it a line of ordinary text full of dots. Returns the
    gray image and the box of the leader."""
    img = Image.new("L", (1400, 240), 255)
    draw = ImageDraw.Draw(img)
    font = _font("DejaVuSans", 31)  # 11 pt at 200 DPI
    draw.text((40, 40), "Gross", font=font, fill=0)
    start = 40 + draw.textlength("Gross", font=font) + 10
    draw.text((start, 40), " ." * 30, font=font, fill=0)
    end = start + draw.textlength(" ." * 30, font=font)
    draw.text((end + 20, 40), "50,056 lb", font=font, fill=0)
    draw.text((40, 140), "Div. i.i.i. Mining Tons 10.29 No. 4 ... ok", font=font, fill=0)
    return np.asarray(img), (int(start), 30, int(end), 90)


def test_a_leader_row_goes_and_every_other_dot_stays():
    gray, (x0, y0, x1, y1) = _page()
    cleaned, erased = leaders.erase(gray, 23)
    assert 25 <= erased <= 31
    assert (cleaned[y0:y1, x0:x1] > 200).all()
    # Everything outside the leader is untouched: the label, the value, the line of text.
    outside = np.ones(gray.shape, bool)
    outside[y0:y1, x0 + 2 : x1] = False
    assert (cleaned[outside] == gray[outside]).all()


def test_a_read_with_leaders_is_told_from_one_with_a_few_underscores():
    text = [
        Word(t, 100 + 200 * i, 100, 150, 24, 95, 1, 1)
        for i, t in enumerate(["abc", "def", "ghi", "jk"])
    ]
    dots = [Word("eee", 100 + 80 * i, 300, 60, 5, 20, 2, 1) for i in range(8)]
    blanks = [Word("____", 100 + 200 * i, 500, 120, 4, 40, 3, 1) for i in range(3)]
    assert leaders.signs(text + dots)
    assert not leaders.signs(text + blanks)
    assert not leaders.signs(dots)  # no letters read with confidence: nothing to measure by
