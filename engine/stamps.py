"""Rubber stamps in coloured ink ('VOID', 'RECEIVED', 'PAID', 'ENTERED'): found as blobs of
coloured ink too big to be a serial, and read one by one, levelled.

Tesseract's read of the page passes over a stamp: tilted ten or twenty degrees, in letters
several times the body text's size, unevenly inked, and printed over other text. A big red
VOID went unread and the ticket was accepted. Cut out, turned level by its own outline and
brought to a size Tesseract reads, the same stamp reads plainly.

The stamp's pixels come from the page as rendered, with the paper's colour divided out per
channel: the preprocessed coloured-ink image serves to find a stamp, but it is built to read
fine serials, and the thick strokes of a big stamp come out hollow in it.

A stamp pad is as often black as red. A black stamp has no colour to tell it from the print,
and the preprocessed page keeps only its outlines (the paper's level is taken over a window
thinner than its strokes), so Tesseract passed over it. It is told by its strokes: a stamp's
letters are several capitals high and their strokes a good half capital thick, long enough
that no printed word, bold heading or logo has the like (`find_dark`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageFilter

from . import blobs
from .imaging import Prepared, as_read
from .masks import spread, square_core, whole
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

# Dark stamps, in the body text's capital heights. A pixel is a stroke's core when a square
# this wide from it is all ink, and the core runs on this far: a 16-point bold heading's
# strokes are a third of a capital thick, a 32-point one's a half, a big stamp's 0.7 to 1.
STROKE_CAPS = 0.55
STROKE_RUN_CAPS = 1.8
JOIN_CELLS = 2
SOLID_CAPS = 1.5  # ink this thick both ways is a bar or a logo, not a letter's stroke
# Of the paper's level, in the page averaged down: darker is ink. A pixel of body text is
# mostly paper there, a pixel inside a stamp's stroke (a grey pad's too) mostly ink.
DARK_INK = 0.7
DARK_MIN_HEIGHT_CAPS = 4.5
# A stamp's word or two is longer than tall (tilted by 20 degrees too); a logo, a photo's
# border or a shaded column is not.
DARK_MIN_ASPECT = 1.6
# Of the box round a stamp's cores, the cores are this share: letters, not a solid bar or a
# dark band; not a sprinkling of cores along a photo's edge.
DARK_CORE_SHARE = (0.015, 0.45)
POOLED_CAP_PX = 7.0  # the page is averaged down until a capital is about this many pixels


@dataclass(frozen=True)
class Stamp:
    # left, top, right, bottom: in prepared pixels for a coloured stamp, in page-render
    # pixels for a dark one (found on the page as rendered)
    box: tuple[int, int, int, int]
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
    dark: list[tuple[int, int, int, int]] | None = None,
) -> list[Stamp]:
    """Each stamp cut from the rendered page `rgb` and levelled: the coloured ones of `boxes`
    and the `dark` ones of `find_dark`; all of them read with one call of `ocr`, stacked one
    under another on a white sheet."""
    pad = READ_HEIGHT_PX // 8  # white round each: Tesseract drops words touching an edge
    cuts = [(box, _coloured_cut(prepared, rgb, box)) for box in boxes if rgb.ndim == 3]
    cuts += [(box, _dark_cut(prepared, rgb, box)) for box in dark or []]
    levelled: list[tuple[tuple[int, int, int, int], float, Image.Image]] = []
    for box, cut in cuts:
        if cut is None:
            continue
        image, tilt = cut
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


def _coloured_cut(
    prepared: Prepared, rgb: np.ndarray, box: tuple[int, int, int, int]
) -> tuple[np.ndarray, float] | None:
    """The stamp's box on the rendered page, turned upright as the page was, as coloured ink
    dark on white (gray uint8), and the turn that levels it by its outline; None if the box
    maps to nothing."""
    left, top, right, bottom = box
    x, y, w, h = prepared.to_input_box(left, top, right - left, bottom - top)
    crop = rgb[y : y + h, x : x + w]
    if crop.shape[0] < 8 or crop.shape[1] < 8:
        return None
    crop = as_read(crop, prepared.rotation, prepared.mirrored).astype(np.float32)
    paper = np.maximum(np.percentile(crop.reshape(-1, 3), PAPER_PERCENTILE, axis=0), 1.0)
    even = np.minimum(crop / paper, 1.0)
    chroma = even.max(axis=2) - even.min(axis=2)
    image = (255 - np.clip(chroma * 255 * CHROMA_GAIN, 0, 255)).astype(np.uint8)
    return image, _tilt(image < INK_LEVEL)


def _dark_cut(
    prepared: Prepared, rgb: np.ndarray, box: tuple[int, int, int, int]
) -> tuple[np.ndarray, float] | None:
    """A dark stamp's box (page-render pixels), upright, as its strokes alone, solid black on
    white, and the turn that levels them. Only strokes a stamp's thickness are kept (an
    opening by a square of that width): the print under and beside the stamp is thinner and
    goes, and with it the uneven ink that Tesseract read at a confidence of 5."""
    left, top, right, bottom = box
    crop = _luminance(rgb[top:bottom, left:right])
    if crop.shape[0] < 8 or crop.shape[1] < 8:
        return None
    crop = as_read(crop, prepared.rotation, prepared.mirrored)
    paper = max(float(np.percentile(crop, PAPER_PERCENTILE)), 1.0)
    cap = prepared.cap_height_px or DEFAULT_CAP_PX
    # Smoothed over a tenth of a capital first: a stamp's pale specks would break its strokes.
    even = Image.fromarray(np.clip(crop * (255.0 / paper), 0, 255).astype(np.uint8))
    ink = np.asarray(even.filter(ImageFilter.BoxBlur(max(1, round(cap / 10))))) < DARK_INK * 255
    k = max(2, round(STROKE_CAPS * cap))
    strokes = spread(spread(square_core(ink, k), k, 0), k, 1)
    image = np.where(strokes, np.uint8(0), np.uint8(255))
    return image, _baseline_tilt(strokes)


def _baseline_tilt(mask: np.ndarray) -> float:
    """The turn (degrees, counter-clockwise) that levels a word or two: along their ink's
    long axis. A dark stamp is read as its letters alone, with no box round them, and the
    smallest rectangle round 'VOID' fits equally well over ten degrees of turn."""
    ys, xs = np.nonzero(mask)
    if len(xs) < 20:
        return 0.0
    cov = np.cov(np.stack([xs, ys]).astype(np.float64))
    along = 0.5 * np.degrees(np.arctan2(2 * cov[0, 1], cov[0, 0] - cov[1, 1]))
    return float(np.clip(along, -MAX_TILT_DEG, MAX_TILT_DEG))


def find_dark(
    prepared: Prepared, rgb: np.ndarray, coloured: list[tuple[int, int, int, int]]
) -> list[tuple[int, int, int, int]]:
    """Boxes (page-render pixels) of stamps in black or grey ink: letters of a stamp's size
    and strokes, away from the coloured stamps already found."""
    cap = prepared.cap_height_px or DEFAULT_CAP_PX
    f = max(1, round(cap / POOLED_CAP_PX))
    image = Image.fromarray(np.ascontiguousarray(rgb))
    gray = np.asarray((image.convert("L") if image.mode != "L" else image).reduce(f))
    if gray.size == 0:
        return []
    paper = float(np.percentile(gray[::4, ::4], 90))
    down, across = _stroke_runs(gray < DARK_INK * paper, cap / f)
    cores = down | across
    if not cores.any():
        return []  # the usual page: nothing on it is drawn with such strokes
    cell = max(2, round(cap / f))
    h, w = cores.shape[0] // cell, cores.shape[1] // cell
    cells = cores[: h * cell, : w * cell].reshape(h, cell, w, cell).any(axis=(1, 3))
    # Gaps of up to JOIN_CELLS capitals each side join a word's letters (a tilted word's
    # cores stand further apart than its letters); each part is then taken back to its cells.
    near = cells.copy()
    for axis in (0, 1):
        near = spread(near, JOIN_CELLS + 1, axis) | np.flip(
            spread(np.flip(near, axis), JOIN_CELLS + 1, axis), axis
        )
    taken = [prepared.to_input_box(a, b, c - a, d - b) for a, b, c, d in coloured]
    upright = (prepared.rotation // 90) % 2 == 0
    found = []
    for top, left, bottom, right in blobs.boxes(near, diagonal=True):
        top, left = top + JOIN_CELLS, left + JOIN_CELLS
        bottom, right = bottom - JOIN_CELLS, right - JOIN_CELLS
        tall, wide = bottom - top, right - left
        if not upright:
            tall, wide = wide, tall
        if tall < DARK_MIN_HEIGHT_CAPS or wide < DARK_MIN_ASPECT * tall:
            continue
        part = np.s_[top * cell : bottom * cell, left * cell : right * cell]
        share = float(cores[part].mean())
        if not DARK_CORE_SHARE[0] <= share <= DARK_CORE_SHARE[1]:
            continue
        if not (down[part].any() and across[part].any()):
            continue  # a barcode's bars run one way; letters' strokes, both
        # The cores lie half a stroke inside the letters: the box takes the whole strokes.
        grow = round(cap)
        x0, y0 = max(0, (left * cell) * f - grow), max(0, (top * cell) * f - grow)
        x1 = min(rgb.shape[1], (right * cell) * f + grow)
        y1 = min(rgb.shape[0], (bottom * cell) * f + grow)
        if (x1 - x0) * (y1 - y0) > MAX_PAGE_SHARE * rgb.shape[0] * rgb.shape[1]:
            continue
        if any(x0 < x + cw and x < x1 and y0 < y + ch and y < y1 for x, y, cw, ch in taken):
            continue
        found.append((x0, y0, x1, y1))
    found.sort(key=lambda b: (b[2] - b[0]) * (b[3] - b[1]), reverse=True)
    return found[:MAX_STAMPS]


def _luminance(rgb: np.ndarray) -> np.ndarray:
    if rgb.ndim == 2:
        return rgb.astype(np.float32)
    return rgb[..., :3].astype(np.float32) @ np.array([0.299, 0.587, 0.114], np.float32)


def _stroke_runs(ink: np.ndarray, cap: float) -> tuple[np.ndarray, np.ndarray]:
    """Pixels deep inside a stroke at least STROKE_CAPS thick (a square that wide from the
    pixel all ink), on a run of such pixels STROKE_RUN_CAPS long: down, and across. Solid
    ink (a label bar, a logo, a dark border) is no stroke and is left out with its edges.
    `cap` is the capital height in `ink`'s pixels; a few pixels, so the squares and runs are
    a few shifted ANDs."""
    k = max(2, round(STROKE_CAPS * cap))
    run = max(3, round(STROKE_RUN_CAPS * cap))
    big = max(k + 1, round(SOLID_CAPS * cap))
    core = square_core(ink, k)
    solid = square_core(core, big)
    if solid.any():
        margin = big + k
        for axis in (0, 1):
            solid = spread(solid, margin, axis) | np.flip(
                spread(np.flip(solid, axis), margin, axis), axis
            )
        core &= ~solid
    return spread(whole(core, run, 0), run, 0), spread(whole(core, run, 1), run, 1)


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
