"""Dot leaders ('Gross .......... 72,340 lb') found and erased from a page image.

Tesseract's page layout analysis breaks on a ticket whose labels reach their values through
rows of dots: it reads the dots as 'eee' and drops the labels and values beside them. Such a
read is recognised by its words (many short wide boxes a fraction of a letter tall), the dots
are found in the image as small isolated blobs set in a regular row, painted white, and the
page is read again. A period, a decimal point or the dot of an 'i' is never in such a row.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence

import numpy as np

from .models import Word

# A leader's word box is at most this share of the page's letter height...
DOT_WORD_HEIGHT = 0.35
# ... and at least this many times wider than tall (a row of dots, not a period).
DOT_WORD_ASPECT = 2.5
# This many such words make a page worth erasing its leaders for.
MIN_DOT_WORDS = 6
# A dot fits in a square this share of the letter height, with this many clear pixels round it.
DOT_SIZE = 0.3
DOT_GUARD = 2
# A leader is at least this many dots, evenly spaced.
MIN_RUN = 5
RUN_SPACING_SLACK = 0.35
INK_LEVEL = 128


def letter_height(words: Sequence[Word]) -> float:
    """The page's usual letter height: the median height of the words read with confidence."""
    sure = [w.height for w in words if w.conf >= 80 and sum(c.isalnum() for c in w.text) >= 2]
    return float(statistics.median(sure)) if sure else 0.0


def signs(words: Sequence[Word]) -> bool:
    """Whether a read shows leaders read as words: many boxes far shorter than a letter and
    much wider than tall ('eee', '0.0.0.')."""
    h = letter_height(words)
    if h <= 0:
        return False
    dots = [
        w
        for w in words
        if w.height <= DOT_WORD_HEIGHT * h and w.width >= DOT_WORD_ASPECT * max(w.height, 1)
    ]
    return len(dots) >= MIN_DOT_WORDS


def erase(gray: np.ndarray, letter_h: float) -> tuple[np.ndarray, int]:
    """`gray` with its dot leaders painted white, and how many dots went. The input is left
    as it is."""
    d = max(3, round(DOT_SIZE * letter_h))
    corners = _dot_corners(gray < INK_LEVEL, d, DOT_GUARD)
    runs = [dot for row in _rows(corners) for dot in _regular_runs(row, d, letter_h)]
    if not runs:
        return gray, 0
    out = gray.copy()
    g = DOT_GUARD
    for y, x in runs:
        # The guard holds no ink, only the dot's light anti-aliased rim: it goes too.
        out[max(0, y - g) : y + d + g, max(0, x - g) : x + d + g] = 255
    return out, len(runs)


def _dot_corners(ink: np.ndarray, d: int, g: int) -> list[tuple[int, int]]:
    """One (top, left) corner per small isolated blob: each blob that fits a d x d square with
    g clear pixels round it, at the top-left-most square that holds it."""
    h, w = ink.shape
    if h < d + 2 * g + 2 or w < d + 2 * g + 2:
        return []
    s = np.zeros((h + 1, w + 1), np.int32)
    np.cumsum(np.cumsum(ink, axis=0, dtype=np.int32), axis=1, out=s[1:, 1:])

    ny, nx = h - d - 2 * g + 1, w - d - 2 * g + 1  # positions of the guarded square

    def box(y0: int, x0: int, size: int) -> np.ndarray:
        """Ink sums of the size x size windows whose top-lefts are at (y0 + i, x0 + j)."""
        return (
            s[y0 + size : y0 + size + ny, x0 + size : x0 + size + nx]
            - s[y0 : y0 + ny, x0 + size : x0 + size + nx]
            - s[y0 + size : y0 + size + ny, x0 : x0 + nx]
            + s[y0 : y0 + ny, x0 : x0 + nx]
        )

    inner = box(g, g, d)
    outer = box(0, 0, d + 2 * g)
    alone = (inner > 0) & (outer == inner)
    first = alone.copy()
    first[1:] &= ~alone[:-1]
    first[:, 1:] &= ~alone[:, :-1]
    ys, xs = np.nonzero(first)
    return [(int(y) + g, int(x) + g) for y, x in zip(ys, xs, strict=True)]


def _rows(corners: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """Corners grouped into rows, each left to right. Taken top to bottom, a corner joins the
    row whose last top is within two pixels: residual skew lets a row's tops drift."""
    rows: list[list[tuple[int, int]]] = []
    for c in sorted(corners):
        if rows and c[0] - rows[-1][-1][0] <= 2:
            rows[-1].append(c)
        else:
            rows.append([c])
    return [sorted(r, key=lambda c: c[1]) for r in rows]


def _regular_runs(row: list[tuple[int, int]], d: int, letter_h: float) -> list[tuple[int, int]]:
    """The dots of a row that stand in runs of MIN_RUN or more at an even spacing."""
    out: list[tuple[int, int]] = []
    run: list[tuple[int, int]] = []

    def close() -> None:
        if len(run) >= MIN_RUN:
            out.extend(run)

    for c in row:
        if run:
            gap = c[1] - run[-1][1]
            ok = d < gap <= 2 * letter_h
            if ok and len(run) >= 2:
                spacing = (run[-1][1] - run[0][1]) / (len(run) - 1)
                ok = abs(gap - spacing) <= RUN_SPACING_SLACK * spacing
            if not ok:
                close()
                run = []
        run.append(c)
    close()
    return out
