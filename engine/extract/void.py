"""A ticket marked VOID or CANCELLED: the scale house took it back, and it must not be billed.

The mark is a word of its own (a stamp, a printed banner, a word in a box), not the fine
print every ticket carries ('Void if altered', 'void where prohibited').
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence

from rapidfuzz.distance import Levenshtein

from ..models import Word
from .layout import Line

MARKS = {"VOID", "VOIDED", "CANCELLED", "CANCELED"}
# Fine print goes on after the word: 'void if altered', 'void unless signed'.
FINE_PRINT_NEXT = {"IF", "UNLESS", "WHERE", "WITHOUT", "AFTER", "WHEN", "AND", "OR", "FOR"}
MIN_CONF = 70.0
# A mark sits alone on its line (stars and a label aside), or stands out over the body text.
STANDS_OUT = 1.3


def _bare(text: str) -> str:
    return text.strip(".,:;!*-_()[]'\"").upper()


def voided(lines: Sequence[Line]) -> bool:
    """Whether the page carries a VOID or CANCELLED mark."""
    heights = [w.height for ln in lines for w in ln.words]
    if not heights:
        return False
    body = statistics.median(heights)
    for ln in lines:
        for i, w in enumerate(ln.words):
            if _bare(w.text) not in MARKS or w.conf < MIN_CONF:
                continue
            after = _bare(ln.words[i + 1].text) if i + 1 < len(ln.words) else ""
            if after in FINE_PRINT_NEXT:
                continue
            others = ln.words[:i] + ln.words[i + 1 :]
            if all(_decoration_or_label(o.text) for o in others) or w.height >= STANDS_OUT * body:
                return True
    return False


def _decoration_or_label(text: str) -> bool:
    """What may share a mark's line: stars and dashes ('*** VOID ***') or a label ('Status:').
    A word beside it makes it one of a row ('CASH  CHARGE  VOID': boxes to tick)."""
    return not any(c.isalpha() for c in text) or text.endswith(":")


# A stamp read apart (engine/stamps.py) is a stamp's words and nothing else, read through
# uneven ink: 'VvoID', 'VOIN' and 'VOID' at confidence 23 were each a plain VOID stamp.
STAMP_MIN_CONF = 20.0
STAMP_MARK_SHARE = 0.5  # the mark is the stamp's big word, not its small print


def stamp_says_void(words: Sequence[Word]) -> bool:
    """Whether a rubber stamp's words (read on their own) make it a VOID or CANCELLED stamp:
    its biggest words one letter off a mark at most."""
    if not words:
        return False
    tallest = max(w.height for w in words)
    for w in words:
        if w.conf < STAMP_MIN_CONF or w.height < STAMP_MARK_SHARE * tallest:
            continue
        text = _bare(w.text)
        if len(text) >= 4 and any(Levenshtein.distance(text, m) <= 1 for m in MARKS):
            return True
    return False
