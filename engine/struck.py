"""Form rules printed through values, found and lifted from a page image.

An impact printer out of register with its pre-printed form prints values across the form's
ruled lines. A rule through a line of text splits it, for Tesseract, into two half-height
lines of garbage ('40215°2' over '4033523'), and the value is lost. Such a page is found in
the image: a long, thin horizontal rule that glyph strokes cross (ink just above it and just
below it, in the same column). The rule is painted white except where a stroke crosses it, and
the page is read again; the caller keeps that read only if it says more. What the rule covered
is a guess (a bar of a '4' or an 'E' lying along it goes with it), so the places are returned
for the values read there to go to a person.
"""

from __future__ import annotations

import numpy as np

INK_LEVEL = 128
PAPER = 255
# A rule runs at least this many letter heights, and is at most this share of one thick: text
# has gaps between its letters, a panel or a bar code is thick.
RULE_MIN_LETTERS = 6
RULE_MAX_THICK = 0.3
# Ink within this share of a letter height over a rule and under it, in one column, is a stroke
# crossing it.
STROKE_REACH = 0.25
# Stroke columns crossing one stretch of rule, in letter heights, that make it a value's: a
# value's digits give several; a descender or two through an underline, or a box's corner
# (its sides are rules too), do not.
MIN_CROSSING = 1.0

Span = tuple[int, int, int, int]  # left, top, right, bottom (inclusive) in image pixels


def lift(gray: np.ndarray, letter_h: float) -> tuple[np.ndarray, tuple[Span, ...]]:
    """`gray` with the horizontal rules that text strokes cross painted out, and the spans of
    rule that were crossed. Returns the input itself and no spans when there is nothing to
    lift. The input is left as it is."""
    h, w = gray.shape[:2]
    if letter_h <= 0 or gray.ndim != 2 or h < 8:
        return gray, ()
    length = max(40, round(RULE_MIN_LETTERS * letter_h))
    if w <= length:
        return gray, ()
    ink = gray < INK_LEVEL
    # Only a row with that much ink can hold a rule: the run search skips the others.
    rows = np.nonzero(np.count_nonzero(ink, axis=1) >= length)[0]
    if rows.size == 0:
        return gray, ()
    runs = np.zeros_like(ink)
    runs[rows] = long_runs(ink[rows], length, axis=1)
    rules = runs & ~_thick(runs, max(2, round(RULE_MAX_THICK * letter_h)))
    rule_rows = np.nonzero(rules.any(axis=1))[0]
    if rule_rows.size == 0:
        return gray, ()
    reach = max(2, round(STROKE_REACH * letter_h))
    margin = round(2 * letter_h)
    crossing = np.zeros_like(ink)
    strokes = np.zeros_like(ink)
    for y0, y1 in _groups(rule_rows, 2 * margin):
        a, b = max(0, y0 - margin), min(h, y1 + margin + 1)
        seg = ink[a:b]
        # Box sides are rules too: where one meets a horizontal rule is no stroke crossing.
        seg_strokes = seg & ~rules[a:b] & ~long_runs(seg, max(8, 2 * round(letter_h)), axis=0)
        # A stroke runs through the rule: ink near it over and under.
        near = _near(seg_strokes, reach, up=True) & _near(seg_strokes, reach, up=False)
        crossing[a:b] = rules[a:b] & near
        strokes[a:b] = seg_strokes
    spans, value_sized = _spans(crossing, round(letter_h))
    if not value_sized:
        return gray, ()
    out = gray.copy()
    # The rule's soft edges go with it, a stroke's pixels stay.
    paint = _grow_rows(rules) & ~crossing & ~strokes
    out[paint] = PAPER
    return out, spans


def long_runs(mask: np.ndarray, length: int, axis: int) -> np.ndarray:
    """Pixels of `mask` lying in an unbroken run of at least `length` along `axis`."""
    m = mask if axis == 1 else mask.T
    h, w = m.shape
    if w < length:
        return np.zeros_like(mask)
    cs = np.zeros((h, w + 1), dtype=np.int32)
    cs[:, 1:] = np.cumsum(m, axis=1, dtype=np.int32)
    full = (cs[:, length:] - cs[:, :-length]) == length  # the window starting at x is all ink
    # A pixel x is covered when a full window starts within the `length` pixels ending at it:
    # `starts` counts the windows begun before x - (length - 1), padded at both ends.
    counted = np.cumsum(full, axis=1, dtype=np.int32)
    pad = np.zeros((h, length), dtype=np.int32)
    starts = np.concatenate([pad, counted, np.repeat(counted[:, -1:], length - 1, axis=1)], 1)
    out = (starts[:, length:] - starts[:, :w]) > 0
    return out if axis == 1 else out.T


def _thick(runs: np.ndarray, most: int) -> np.ndarray:
    """Long runs stacked more than `most` rows deep: a bar or a panel, not a rule. (Strokes
    crossing a rule are no long runs, so they leave it thin.)"""
    h = runs.shape[0]
    if h <= most:
        return np.zeros_like(runs)
    solid = np.ones((h - most, runs.shape[1]), dtype=bool)
    for k in range(most + 1):
        solid &= runs[k : h - most + k]
    out = np.zeros_like(runs)
    for k in range(most + 1):
        out[k : h - most + k] |= solid
    return out


def _near(mask: np.ndarray, reach: int, up: bool) -> np.ndarray:
    """Where `mask` has a pixel within `reach` rows above (or below) in the same column."""
    out = np.zeros_like(mask)
    for k in range(1, reach + 1):
        if up:
            out[k:] |= mask[:-k]
        else:
            out[:-k] |= mask[k:]
    return out


def _grow_rows(mask: np.ndarray) -> np.ndarray:
    out = mask.copy()
    out[1:] |= mask[:-1]
    out[:-1] |= mask[1:]
    return out


def _spans(crossing: np.ndarray, pad: int) -> tuple[tuple[Span, ...], bool]:
    """The crossed stretches of rule, each as a box (crossed rows and columns closer than a
    letter height, `pad`, merge), and whether any has a value's worth of strokes through it
    (a descender or two through an underline has not). Every stretch is returned: whatever
    crossed a rule that is painted out is a guess."""
    spans: list[Span] = []
    value_sized = False
    for y0, y1 in _groups(np.nonzero(crossing.any(axis=1))[0], pad):
        band: np.ndarray = np.asarray(crossing[y0 : y1 + 1].any(axis=0))
        for x0, x1 in _groups(np.nonzero(band)[0], pad):
            spans.append((x0, y0, x1, y1))
            value_sized |= bool(np.count_nonzero(band[x0 : x1 + 1]) >= MIN_CROSSING * pad)
    return tuple(spans), value_sized


def _groups(index: np.ndarray, gap: int) -> list[tuple[int, int]]:
    """Runs of sorted indices, split where two are more than `gap` apart: (first, last)."""
    if index.size == 0:
        return []
    parts = np.split(index, np.nonzero(np.diff(index) > gap)[0] + 1)
    return [(int(p[0]), int(p[-1])) for p in parts]
