"""Pages scanned as a negative: white print on black paper.

A scanner left on its 'negative' or 'invert' setting, a microfilm reader's print-out, a fax
server that wrote a bilevel TIFF with its colours the other way round: the ticket is all there,
but every later step expects dark print on light paper, and such a page was read as blank.

A negative is told from the pictures it could be mistaken for by what its light part is: thin
strokes everywhere on an even dark ground. A ticket photographed on a dark desk has light
paper too, but as one broad region; a dark page with a few specks of dust has almost none; a
ticket on dark paper has its print darker than the paper, not lighter.
"""

from __future__ import annotations

import math

import numpy as np

from .masks import square_core

# The page is judged on a copy about this many pixels on its longer side: glyph strokes are
# still a pixel or two wide there, and the whole test costs a few milliseconds.
JUDGE_SIDE_PX = 800
# The ground of a negative is dark (most scanned paper reads 200 or more)...
MAX_GROUND_LEVEL = 110
# ... and even: most of the page within this many levels of it.
GROUND_SPREAD = 40
MIN_GROUND_SHARE = 0.55
# The print: this much lighter than the ground, and a share of the page that text can cover.
PRINT_CONTRAST = 90
MIN_PRINT_SHARE = 0.003
MAX_PRINT_SHARE = 0.35
# Strokes vanish under a square this share of the page's shorter side (about two capitals'
# stroke widths on a ticket scanned whole); paper seen on a desk, or a white bar, does not.
ERODE_SIDE_SHARE = 0.012
MAX_BROAD_SHARE = 0.25
# The outer band of a scan (a lid's edge, a rotated scan's fill) says nothing of the page.
EDGE_SHARE = 0.03


def is_negative(pixels: np.ndarray) -> bool:
    """Whether a page (uint8, HxW or HxWx3) is light print on a dark ground."""
    view = _judging_view(pixels)
    if view.size == 0:
        return False
    # Most pages are light paper, told at the cost of one channel's mean (any light paper is
    # light in green; a negative of any light paper is dark in it).
    green = view[..., 1] if view.ndim == 3 else view
    if float(green.mean(dtype=np.float32)) >= MAX_GROUND_LEVEL + PRINT_CONTRAST / 2:
        return False
    small = view.mean(axis=2, dtype=np.float32) if view.ndim == 3 else view.astype(np.float32)
    ground = float(np.median(small))
    if ground > MAX_GROUND_LEVEL:
        return False
    if float(np.mean(np.abs(small - ground) <= GROUND_SPREAD)) < MIN_GROUND_SHARE:
        return False
    light = small >= ground + PRINT_CONTRAST
    share = float(light.mean())
    if not MIN_PRINT_SHARE <= share <= MAX_PRINT_SHARE:
        return False
    side = max(3, round(min(small.shape) * ERODE_SIDE_SHARE))
    broad = float(square_core(light, side).sum()) / float(light.sum())
    return broad <= MAX_BROAD_SHARE


def positive(pixels: np.ndarray) -> np.ndarray:
    """The page the right way round: a negative turned back, any other page as it is."""
    return np.subtract(255, pixels, dtype=np.uint8) if is_negative(pixels) else pixels


def _judging_view(pixels: np.ndarray) -> np.ndarray:
    h, w = pixels.shape[:2]
    step = max(1, math.ceil(max(h, w) / JUDGE_SIDE_PX))
    dy, dx = int(h * EDGE_SHARE), int(w * EDGE_SHARE)
    return pixels[dy : h - dy : step, dx : w - dx : step]
