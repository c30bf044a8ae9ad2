"""Rubber stamps in coloured ink ('VOID', 'RECEIVED', 'PAID', 'ENTERED'): found as blobs of
coloured ink too big to be a serial, and read one by one, levelled.

Tesseract's read of the page passes over a stamp: tilted ten or twenty degrees, in letters
several times the body text's size, unevenly inked, and printed over other text. A big red
VOID went unread and the ticket was accepted. Cut out, turned level by its own outline and
brought to a size Tesseract reads, the same stamp reads plainly.

The stamp's pixels come from the page as rendered, with the paper's colour divided out per
channel: the preprocessed coloured-ink image serves to find a stamp, but it is built to read
fine serials, and the thick strokes of a big stamp come out hollow in it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from PIL import Image

from . import blobs
from .imaging import Prepared
from .models import Word

# In the body text's capital heights: a stamp is at least this wide and tall, and its parts
# lie within a capital of each other. Stamps measured 10 to 17 capitals high; a line of a
# driver's handwriting in blue ink or a numbering machine's red serial, 6 at most.
MIN_WIDTH_CAPS = 8.0
MIN_HEIGHT_CAPS = 7.0
DEFAULT_CAP_PX = 28.0
CELL_INK_SHARE = 0.03  # of a capital-sized cell's pixels, for it to hold ink
MAX_PAGE_SHARE = 0.25  # a stamp covers at most this share of the page
MAX_STAMPS = 3  # the biggest few: a page with more coloured blobs is a colour form
INK_LEVEL = 128  # below this, a pixel of the coloured-ink image is ink
# A stamp is read at about this height in pixels: its words then stand 40-100 pixels high.
READ_HEIGHT_PX = 240
MAX_TILT_DEG = 40
PAPER_PERCENTILE = 80  # most of a stamp's box is paper
CHROMA_GAIN = 2.5  # a faint stamp's chroma (about 70 of 255) becomes dark
TILT_POINTS = 4000  # ink pixels sampled to find the tilt


@dataclass(frozen=True)
class Stamp:
    box: tuple[int, int, int, int]  # left, top, right, bottom in prepared pixels
    tilt_deg: float  # the turn that levelled it, counter-clockwise
    words: list[Word]  # in the levelled image's pixels


def find(prepared: Prepared) -> list[tuple[int, int, int, int]]:
    """Boxes (prepared pixels) of the biggest blobs of coloured ink of a stamp's size."""
    ink = prepared.ink
    if ink is None:
        return []
    cap = prepared.cap_height_px * prepared.scale or DEFAULT_CAP_PX
    cell = max(2, round(cap))
    h, w = ink.shape[0] // cell, ink.shape[1] // cell
    if not h or not w:
        return []
    inked = ink[: h * cell, : w * cell] < INK_LEVEL
    # A cell a stroke or a rule passes through; not one a speck of coloured paper's grain
    # falls in (those joined a yellow carbon's whole page into one 'stamp').
    cells = np.asarray(inked.reshape(h, cell, w, cell).mean(axis=(1, 3)) >= CELL_INK_SHARE)
    boxes = []
    for top, left, bottom, right in blobs.boxes(cells, diagonal=True):
        width, height = (right - left) * cell, (bottom - top) * cell
        big_enough = width >= MIN_WIDTH_CAPS * cap and height >= MIN_HEIGHT_CAPS * cap
        if big_enough and width * height <= MAX_PAGE_SHARE * ink.size:
            boxes.append((left * cell, top * cell, right * cell, bottom * cell))
    boxes.sort(key=lambda b: (b[2] - b[0]) * (b[3] - b[1]), reverse=True)
    return boxes[:MAX_STAMPS]


def read(
    prepared: Prepared,
    rgb: np.ndarray,
    boxes: list[tuple[int, int, int, int]],
    ocr: Callable[[np.ndarray], list[Word]],
) -> list[Stamp]:
    """Each stamp cut from the rendered page `rgb` and levelled; all of them read with one
    call of `ocr`, stacked one under another on a white sheet."""
    if rgb.ndim != 3:
        return []
    pad = READ_HEIGHT_PX // 8  # white round each: Tesseract drops words touching an edge
    levelled: list[tuple[tuple[int, int, int, int], float, Image.Image]] = []
    for box in boxes:
        image = _levelled_ink(prepared, rgb, box)
        if image is None:
            continue
        tilt = _tilt(image < INK_LEVEL)
        level = Image.fromarray(image).rotate(
            tilt, expand=True, fillcolor=255, resample=Image.Resampling.BICUBIC
        )
        k = min(2.0, READ_HEIGHT_PX / level.height)
        size = (max(1, round(level.width * k)), max(1, round(level.height * k)))
        levelled.append((box, tilt, level.resize(size, Image.Resampling.LANCZOS)))
    if not levelled:
        return []
    sheet = Image.new(
        "L",
        (
            max(im.width for *_, im in levelled) + 2 * pad,
            sum(im.height + pad for *_, im in levelled) + pad,
        ),
        255,
    )
    bands = []
    y = pad
    for *_, im in levelled:
        sheet.paste(im, (pad, y))
        bands.append((y, y + im.height))
        y += im.height + pad
    words = ocr(np.asarray(sheet))
    return [
        Stamp(box, tilt, [w for w in words if top <= w.top + w.height / 2 < bottom])
        for (box, tilt, _), (top, bottom) in zip(levelled, bands, strict=True)
    ]


def under(box: tuple[int, int, int, int] | None, stamps: list[tuple[int, int, int, int]]) -> bool:
    """Whether a word box (left, top, width, height; prepared pixels) meets a stamp's box."""
    if box is None:
        return False
    x, y, w, h = box
    return any(x < r and left < x + w and y < b and t < y + h for left, t, r, b in stamps)


def _levelled_ink(
    prepared: Prepared, rgb: np.ndarray, box: tuple[int, int, int, int]
) -> np.ndarray | None:
    """The stamp's box on the rendered page, turned upright as the page was, as coloured ink
    dark on white (gray uint8); None if the box maps to nothing."""
    left, top, right, bottom = box
    x, y, w, h = prepared.to_input_box(left, top, right - left, bottom - top)
    crop = rgb[y : y + h, x : x + w]
    if crop.shape[0] < 8 or crop.shape[1] < 8:
        return None
    crop = np.rot90(crop, (prepared.rotation // 90) % 4).astype(np.float32)
    paper = np.maximum(np.percentile(crop.reshape(-1, 3), PAPER_PERCENTILE, axis=0), 1.0)
    even = np.minimum(crop / paper, 1.0)
    chroma = even.max(axis=2) - even.min(axis=2)
    return (255 - np.clip(chroma * 255 * CHROMA_GAIN, 0, 255)).astype(np.uint8)


def _tilt(mask: np.ndarray) -> float:
    """The turn (degrees, counter-clockwise) that levels a stamp: the one whose ink fits the
    smallest upright rectangle. A stamp is a box, or a word or two, longer than tall."""
    ys, xs = np.nonzero(mask)
    if len(xs) < 20:
        return 0.0
    if len(xs) > TILT_POINTS:
        pick = np.random.default_rng(0).choice(len(xs), TILT_POINTS, replace=False)
        ys, xs = ys[pick], xs[pick]
    points = np.stack([xs, ys]).astype(np.float32)

    def area(deg: float) -> float:
        a = np.deg2rad(deg)
        u = np.cos(a) * points[0] + np.sin(a) * points[1]
        v = np.cos(a) * points[1] - np.sin(a) * points[0]
        # Percentiles, so a speck outside the stamp does not widen its rectangle.
        lo_u, hi_u = np.percentile(u, [0.5, 99.5])
        lo_v, hi_v = np.percentile(v, [0.5, 99.5])
        return float((hi_u - lo_u) * (hi_v - lo_v))

    coarse = min(range(-MAX_TILT_DEG, MAX_TILT_DEG + 1, 4), key=area)
    return float(min(range(coarse - 3, coarse + 4), key=area))
