"""Labels printed white on dark panels ('TICKET #' on a black bar) flipped to dark on white.

Tesseract reads dark text on light paper. A row of black label bars made it drop the bars and
the values beside them; turned to black on white, the bars are labels like any other. A panel
is found on a coarse grid of the prepared page (a solid dark area several blocks across, far
denser than any print), then its exact edges are found on the page and its inside turned over.
A solid box with nothing light inside (a redaction, a logo's fill) is left as it is.
"""

from __future__ import annotations

import numpy as np

from . import blobs

INK_LEVEL = 128
STEP = 4  # the coarse grid looks at every STEP-th pixel...
BLOCK = 4  # ...in blocks of BLOCK x BLOCK of those: 16 x 16 page pixels
# A block this dark is panel, not print: text, even bold, inks well under half its area.
SOLID = 0.6
# A panel is at least this many blocks wide and tall (a label bar is several letters long).
MIN_BLOCKS_WIDE, MIN_BLOCKS_TALL = 4, 2
# A panel is at least this many capital heights tall and wide.
PANEL_TALL, PANEL_WIDE = 1.4, 2.0
DEFAULT_CAP_PX = 24.0
# Inside a panel this share of pixels is light (the label's letters) at least.
MIN_LIGHT = 0.03
# Turned over, what is this far from the letters' level towards white is the panel's ground.
GROUND_STEP = 0.25
# Around a panel's box, this many capital heights are its edges, made paper.
EDGE_MARGIN = 0.35


def flip_panels(gray: np.ndarray, cap_px: float) -> tuple[np.ndarray, int]:
    """`gray` with the inside of every dark panel turned over, and how many panels; the input
    is left as it is. `cap_px` is the page's capital height in its pixels (0: unknown): a
    panel holds letters, so it is taller than they are (a bold letter's bar is not)."""
    cap = cap_px if cap_px > 0 else DEFAULT_CAP_PX
    tall, wide = round(PANEL_TALL * cap), round(PANEL_WIDE * cap)
    boxes = [b for c in _components(_solid_blocks(gray)) for b in _edges(gray, c, tall, wide)]
    if not boxes:
        return gray, 0
    out = gray.copy()
    # The panel's edge rows and columns, only partly dark on a page turned a little, fall
    # outside its box: left, they are thin rules that Tesseract reads into the words near them.
    m = max(2, round(EDGE_MARGIN * cap))
    h, w = gray.shape
    for y0, x0, y1, x1 in boxes:
        out[max(0, y0 - m) : min(h, y1 + m), max(0, x0 - m) : min(w, x1 + m)] = 255
    for y0, x0, y1, x1 in boxes:
        flipped = 255 - gray[y0:y1, x0:x1]
        # The panel's ground becomes paper. Far from its letters the preprocessor took the
        # dark panel for dim paper and lightened it; turned over, that is a gray band that
        # Tesseract reads as a word of garbage after the label.
        letters = float(np.percentile(flipped, 2))
        flipped[flipped > letters + GROUND_STEP * (255.0 - letters)] = 255
        out[y0:y1, x0:x1] = flipped
    return out, len(boxes)


def _solid_blocks(gray: np.ndarray) -> np.ndarray:
    sub = gray[::STEP, ::STEP] < INK_LEVEL
    h, w = sub.shape[0] // BLOCK, sub.shape[1] // BLOCK
    if h == 0 or w == 0:
        return np.zeros((0, 0), bool)
    frac = sub[: h * BLOCK, : w * BLOCK].reshape(h, BLOCK, w, BLOCK).mean(axis=(1, 3))
    solid = frac >= SOLID
    # Letters knocked out of a panel leave holes in it: a block between solid ones is panel.
    closed = solid.copy()
    closed[:, 1:-1] |= solid[:, :-2] & solid[:, 2:]
    closed[1:-1, :] |= solid[:-2, :] & solid[2:, :]
    return closed


def _components(mask: np.ndarray) -> list[tuple[int, int, int, int]]:
    """Bounding boxes (top, left, bottom, right; block units, exclusive) of the mask's
    4-connected parts big enough to be panels."""
    return [
        (y0, x0, y1, x1)
        for y0, x0, y1, x1 in blobs.boxes(mask)
        if x1 - x0 >= MIN_BLOCKS_WIDE and y1 - y0 >= MIN_BLOCKS_TALL
    ]


def _edges(
    gray: np.ndarray, blocks: tuple[int, int, int, int], tall: int, wide: int
) -> list[tuple[int, int, int, int]]:
    """The panels' exact boxes on the page: runs of rows, then of columns, around the coarse
    box that are mostly dark (two bars one over the other are two panels, not one with the
    paper between them turned black). A box with nothing light inside is left out."""
    px = STEP * BLOCK
    by0, bx0, by1, bx1 = blocks
    y0, x0 = max(0, by0 * px - px), max(0, bx0 * px - px)
    y1, x1 = min(gray.shape[0], by1 * px + px), min(gray.shape[1], bx1 * px + px)
    dark = gray[y0:y1, x0:x1] < INK_LEVEL
    out = []
    for r0, r1 in _runs(dark.mean(axis=1) >= 0.5, tall):
        for c0, c1 in _runs(dark[r0:r1].mean(axis=0) >= 0.5, wide):
            box = dark[r0:r1, c0:c1]
            if 1.0 - float(box.mean()) >= MIN_LIGHT and _solid_rim(box):
                out.append((y0 + r0, x0 + c0, y0 + r1, x0 + c1))
    return out


# The rim of a panel (its outer tenth each side) is this dark at least.
RIM_DARK = 0.85


def _solid_rim(box: np.ndarray) -> bool:
    """Whether the box is a panel with its letters inside: a solid dark rim all round. Bold
    print is dark in places but never along all four sides of a box (a heading's letters
    were turned inside out before this test)."""
    h, w = box.shape
    m = max(2, min(h, w) // 10)
    sides = (box[1 : 1 + m], box[h - 1 - m : h - 1], box[:, 1 : 1 + m], box[:, w - 1 - m : w - 1])
    return all(side.size and float(side.mean()) >= RIM_DARK for side in sides)


def _runs(flags: np.ndarray, min_len: int) -> list[tuple[int, int]]:
    """(start, end) of each run of True at least min_len long."""
    edges = np.diff(np.concatenate(([0], flags.astype(np.int8), [0])))
    starts, ends = np.nonzero(edges == 1)[0], np.nonzero(edges == -1)[0]
    return [(int(a), int(b)) for a, b in zip(starts, ends, strict=True) if b - a >= min_len]
