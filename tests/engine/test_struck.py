"""Form rules through printed values: found, lifted, and left alone where nothing crosses."""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from engine import struck
from tests.ticketgen import _font


def _page(rule_y: int, text_y: int, text: str = "4031523") -> np.ndarray:
    img = Image.new("L", (900, 200), 255)
    d = ImageDraw.Draw(img)
    font: ImageFont.FreeTypeFont = _font("DejaVuSansMono-Bold", 30)
    d.text((200, text_y), text, font=font, fill=0)
    d.line([(40, rule_y), (860, rule_y)], fill=0, width=2)
    return np.asarray(img)


def test_a_rule_through_digits_is_painted_out_and_the_strokes_crossing_it_kept() -> None:
    gray = _page(rule_y=100, text_y=80)
    out, spans = struck.lift(gray, letter_h=22)
    assert spans, "the rule runs through the digits"
    x0, y0, x1, y1 = spans[0]
    assert x0 >= 190 and x1 <= 340 and 97 <= y0 <= y1 <= 103
    # Away from the digits the rule is gone; in them, the vertical strokes still join up.
    assert out[95:106, 50:180].min() > 200 and out[95:106, 400:850].min() > 200
    assert (out[95:106, 200:330] < 128).any()
    assert gray[95:106, 50:180].min() < 128  # the input is left as it was


def test_a_box_with_its_value_inside_and_an_underline_are_left_alone() -> None:
    """Nothing crosses the rules of a well-registered form; an underline has text only over
    it. Neither page is read again."""
    inside = _page(rule_y=150, text_y=80)
    out, spans = struck.lift(inside, letter_h=22)
    assert spans == () and out is inside
    underline = _page(rule_y=113, text_y=80, text="TICKET NO")
    assert struck.lift(underline, letter_h=22)[1] == ()


def test_a_black_bar_is_no_rule_and_a_blank_or_tiny_page_is_fine() -> None:
    bar = np.full((200, 900), 255, np.uint8)
    bar[80:120, 40:860] = 0  # a header bar, 40 px deep
    assert struck.lift(bar, letter_h=22)[1] == ()
    assert struck.lift(np.full((5, 5), 255, np.uint8), letter_h=22)[1] == ()
    assert struck.lift(np.full((300, 300), 255, np.uint8), letter_h=0)[1] == ()


def test_long_runs_cover_exactly_the_runs_at_least_that_long() -> None:
    row = np.zeros((1, 60), dtype=bool)
    row[0, 5:30] = True  # 25 long
    row[0, 40:50] = True  # 10 long: too short
    out = struck.long_runs(row, 20, axis=1)
    assert out[0].nonzero()[0].tolist() == list(range(5, 30))
    assert (struck.long_runs(row.T, 20, axis=0) == out.T).all()
