"""Dot-matrix print: glyphs struck as separate dots by a line printer's pins.

Tesseract reads such strokes poorly ('Truck:' came back 'Trucks', 'Gross:' 'Grogs:') and the
values beside them were lost. Dots are told from solid strokes by counting pieces of ink: a
printed letter is one piece (two for an 'i', none more), a struck one is many. The count is the
Euler number of the ink inside each word Tesseract found (pieces less holes), from 2x2 pixel
patterns: no labelling, a few milliseconds a page. Where Tesseract found no words to count
in, the pieces of the whole page are weighed. A blur joins the dots into strokes.
"""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageFilter

from .models import Word

# Pieces of ink per character above which a word is struck in dots (solid print: under 1).
DOTS_PER_CHAR = 2.0
MIN_WORDS = 5
MIN_CHARS = 3
INK_LEVEL = 128
# The blur that joins a line printer's dots, in capital heights (1.2 px for 16-px capitals).
BLUR_CAPS = 0.075


def _pieces(ink: np.ndarray) -> float:
    """Euler number (8-connected) of a binary image: connected pieces minus holes."""
    b = np.pad(ink, 1).astype(np.uint8)
    tl, tr, bl, br = b[:-1, :-1], b[:-1, 1:], b[1:, :-1], b[1:, 1:]
    quad = tl + tr + bl + br
    one = int(np.count_nonzero(quad == 1))
    three = int(np.count_nonzero(quad == 3))
    diagonal = int(np.count_nonzero((quad == 2) & (tl == br)))
    return (one - three - 2 * diagonal) / 4


def dotted(gray: np.ndarray, words: list[Word]) -> bool:
    """Whether most words on the page are struck in dots."""
    per_char = []
    for w in words:
        n = sum(c.isalnum() for c in w.text)
        if n < MIN_CHARS or w.width <= 0 or w.height <= 0:
            continue
        box = gray[max(0, w.top) : w.bottom, max(0, w.left) : w.right] < INK_LEVEL
        per_char.append(_pieces(box) / len(w.text))
    if len(per_char) < MIN_WORDS:
        return False
    return float(np.median(per_char)) >= DOTS_PER_CHAR


# Where Tesseract found no words at all, the page itself: ink in pieces smaller than this
# share of a capital's square is dots (solid print: 0.14 and up, dots 0.03 and under).
DOT_PIECE_CAPS2 = 0.05


def dotted_page(gray: np.ndarray, cap_px: float) -> bool:
    """Whether the page's ink is in pieces too small for solid print."""
    ink = gray < INK_LEVEL
    pieces = _pieces(ink)
    if pieces <= 0 or cap_px <= 0:
        return False
    return float(np.count_nonzero(ink)) / pieces < DOT_PIECE_CAPS2 * cap_px * cap_px


def joined(gray: np.ndarray, cap_px: float) -> np.ndarray:
    """The page with its dots blurred into strokes."""
    radius = max(0.8, BLUR_CAPS * cap_px)
    return np.asarray(Image.fromarray(gray).filter(ImageFilter.GaussianBlur(radius)))
