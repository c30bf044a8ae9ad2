"""Runs and squares in boolean masks, by shifted ANDs and ORs: the few-pixel structuring
elements the stamp finder and the negative-scan check use, with no image library."""

from __future__ import annotations

import numpy as np


def whole(mask: np.ndarray, n: int, axis: int) -> np.ndarray:
    """Where the n pixels from here along `axis` are all set."""
    out = mask.copy()
    m = np.moveaxis(out, axis, 0)
    src = np.moveaxis(mask, axis, 0)
    for i in range(1, n):
        m[: m.shape[0] - i] &= src[i:]
        m[m.shape[0] - i :] = False
    return out


def spread(starts: np.ndarray, n: int, axis: int) -> np.ndarray:
    """The n pixels from each set one along `axis`: a run found by its start, made whole."""
    out = starts.copy()
    m = np.moveaxis(out, axis, 0)
    src = np.moveaxis(starts, axis, 0)
    for i in range(1, n):
        m[i:] |= src[: src.shape[0] - i]
    return out


def square_core(mask: np.ndarray, n: int) -> np.ndarray:
    """Where the n x n square down and right of the pixel is all set (an erosion, each
    square marked at its top-left corner)."""
    return whole(whole(mask, n, 0), n, 1)
