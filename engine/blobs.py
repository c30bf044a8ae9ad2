"""Bounding boxes of the connected parts of a coarse mask (a page in blocks or cells).

Such a mask is a few thousand cells and mostly empty, so a plain flood fill is quick and
needs no image library.
"""

from __future__ import annotations

import numpy as np

_SIDES = ((-1, 0), (1, 0), (0, -1), (0, 1))
_AROUND = tuple((dy, dx) for dy in (-1, 0, 1) for dx in (-1, 0, 1) if dy or dx)


def boxes(mask: np.ndarray, diagonal: bool = False) -> list[tuple[int, int, int, int]]:
    """(top, left, bottom, right; exclusive) of each part of the set cells: 4-connected, or
    8-connected with `diagonal`."""
    steps = _AROUND if diagonal else _SIDES
    h, w = mask.shape
    seen = np.zeros_like(mask)
    out = []
    for y, x in zip(*np.nonzero(mask), strict=True):
        if seen[y, x]:
            continue
        stack = [(int(y), int(x))]
        seen[y, x] = True
        y0, x0, y1, x1 = int(y), int(x), int(y) + 1, int(x) + 1
        while stack:
            cy, cx = stack.pop()
            y0, x0, y1, x1 = min(y0, cy), min(x0, cx), max(y1, cy + 1), max(x1, cx + 1)
            for dy, dx in steps:
                ny, nx = cy + dy, cx + dx
                if 0 <= ny < h and 0 <= nx < w and mask[ny, nx] and not seen[ny, nx]:
                    seen[ny, nx] = True
                    stack.append((ny, nx))
        out.append((y0, x0, y1, x1))
    return out
