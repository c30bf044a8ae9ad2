"""A second read of printed values Tesseract was unsure of, before a person is asked.

Tesseract's word confidence is low for much that it reads right: codes that are not words
('J-4471', 'T-227'), dates in odd forms, anything at 150 DPI. A second read of the value alone,
cut out, scaled to one glyph size and read as a line of its own, segments and scales the glyphs
differently from the page read. When both reads parse to the same value, the value is trusted;
when they disagree, one of them is wrong and the field stays flagged. All the page's unsure
values go through Tesseract together, stacked in one strip, so a page pays one process start.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
from PIL import Image
from rapidfuzz.distance import Levenshtein

from . import ocr
from .extract import patterns as P
from .models import PageError, Ticket, Word

log = logging.getLogger(__name__)

PARSERS = P.FIELD_PARSERS
AGREE_CONF = 0.93  # two reads of differently scaled glyphs that agree
DISAGREE_CONF = 0.5
TARGET_HEIGHT_PX = 44  # the value's box height in the strip: Tesseract's comfortable size
# The first is every value's; all three for a ticket number and for a code read with a bracket.
GLYPH_HEIGHTS = (TARGET_HEIGHT_PX, 30, 56)
MAX_FIELDS = 8


# Codes and names are compared as read, character for character: a parser keeps the first
# token, and a letter the first read dropped ('4471' for 'J-4471') must count as a difference.
CODES = {"truck", "manifest", "job", "ticket_number"}
VERBATIM = CODES | {"hauler", "material"}


def unsure_fields(ticket: Ticket, threshold: Callable[[str], float]) -> list[str]:
    """Printed values read below their field's threshold that a second read could confirm."""
    out = []
    for f, conf in ticket.field_confidence.items():
        value = getattr(ticket, f, None)
        if (
            f in PARSERS
            and f not in ticket.uncertain_fields
            and f in ticket.field_boxes
            and value is not None
            and conf < threshold(f)
        ):
            out.append(f)
    return out[:MAX_FIELDS]


def reread(
    ticket: Ticket,
    gray: np.ndarray,
    words: Sequence[Word],
    tesseract: ocr.Tesseract,
    timeout_s: float,
    threshold: Callable[[str], float],
    warm: ocr.WarmTesseract | None = None,
) -> list[str]:
    """Raises the confidence of unsure values a second read agrees with; returns those fields.

    `words` are the page's OCR words: each value's cut-out reaches sideways up to its
    neighbours, so ink the first read skipped between label and value is read this time.
    A failed second read (timeout, Tesseract error) changes nothing: it is an extra look, not
    the page's reading.
    """
    fields = unsure_fields(ticket, threshold)
    if not fields:
        return []
    # (field, box, glyph height) per cut-out. Two kinds are cut out at every height:
    # - a code whose first read began with a bracket ('}-4471'): Tesseract takes the descending
    #   'J' of Verdana-like faces for a bracket at some glyph sizes and reads the letter at others;
    # - the ticket number, the one value a misread digit makes worthless: three reads vote.
    cuts: list[tuple[str, tuple[int, int, int, int], int]] = []
    bracketed: set[str] = set()
    for f in fields:
        box = _widened(ticket.field_boxes[f], gray.shape[1], words)
        if f in CODES and P.bracket_for_j(_first_read(ticket.field_boxes[f], words)):
            bracketed.add(f)
        every = f in bracketed or f == "ticket_number"
        cuts += [(f, box, h) for h in (GLYPH_HEIGHTS if every else GLYPH_HEIGHTS[:1])]
    strip, slots = build_strip(gray, [box for _, box, _ in cuts], [h for _, _, h in cuts])
    try:
        read = ocr.ocr_words(strip, tesseract, timeout_s, psm=6, warm=warm)
    except PageError as exc:
        log.info("second look skipped: %s", exc.message)
        return []
    texts: dict[str, list[str]] = {}
    for (fld, _, _), (top, bottom) in zip(cuts, slots, strict=True):
        inside = sorted((w for w in read if top <= w.cy <= bottom), key=lambda w: w.left)
        text = " ".join(w.text for w in inside)
        if text:
            texts.setdefault(fld, []).append(text)
    confirmed = []
    for fld, reads in texts.items():
        first = getattr(ticket, fld)
        if fld in CODES and fld not in bracketed:
            # The first read saw the letter itself; a bracket in this one is the same
            # descending 'J' at another size, no contradiction.
            reads = [P.unbracket(t) for t in reads]
        text = reads[0]
        if fld in bracketed:
            # One literal 'J' at any size settles what the bracket was.
            agree = any(_agrees(fld, first, t) for t in reads)
        else:
            # The read at the usual size agrees, and no read at another size says otherwise.
            others = [v for v in (_parse(fld, t, first) for t in reads[1:]) if v is not None]
            agree = _agrees(fld, first, text) and all(_same(first, v) for v in others)
        conf = ticket.field_confidence[fld]
        if agree and fld in ticket.ruled_fields:
            continue  # the same pixels read twice cannot answer a rule's doubt
        if agree and fld in CODES and _confusable(fld, ticket, words, reads):
            # 'Al6' for 'A16': the same engine on the same glyphs repeats a 1/l or 0/O
            # confusion, so two reads that agree on one prove nothing.
            continue
        if agree:
            ticket.field_confidence[fld] = max(conf, AGREE_CONF)
            confirmed.append(fld)
            continue
        ticket.field_confidence[fld] = min(conf, DISAGREE_CONF)
        voted = _majority([first, *(_parse(fld, t, first) for t in reads)])
        if (
            fld == "ticket_number"
            and voted is not None
            and not _same(first, voted)
            and Levenshtein.distance(str(first), str(voted)) <= 1
        ):
            # Most reads of the number say one digit differs: the likelier value to show the
            # operator, who still confirms it. A wholly different number is not a misread
            # digit but another number (a box that missed); the first read stands.
            setattr(ticket, fld, voted)
            continue
        if fld in CODES and not P.is_clean_code(str(first)):
            # 'J-4471' where the first read had '-4471': the fuller reading is the better
            # guess to show the operator, who still confirms it. A clean first read stays
            # ('JJ-4471' is no fuller 'J-4471').
            second = PARSERS[fld](text)
            if (
                second is not None
                and P.is_clean_code(second)
                and _letters(str(first)) in _letters(second)
            ):
                setattr(ticket, fld, second)
    return confirmed


# A letter that reads as a digit, or a digit as a letter, beside a digit: 'Al6', 'T-1O4'.
_CONFUSABLE = re.compile(r"(?<=\d)[lIi|Oo]|[lIi|Oo](?=\d)")


def _confusable(fld: str, ticket: Ticket, words: Sequence[Word], reads: list[str]) -> bool:
    """The page read or a second read of `fld` has a confusable glyph beside a digit."""
    first = _first_read(ticket.field_boxes[fld], words)
    return any(_CONFUSABLE.search(text) for text in (first, *reads))


def _majority(values: Sequence[Any]) -> Any:
    """The value more than half of `values` share (None if none does)."""
    for v in values:
        if v is not None and 2 * sum(1 for u in values if _same(u, v)) > len(values):
            return v
    return None


def _agrees(fld: str, first: Any, text: str) -> bool:
    if fld in VERBATIM:
        return _letters(text) == _letters(str(first))
    second = _parse(fld, text, first)
    return second is not None and _same(first, second)


def _parse(fld: str, text: str, first: Any) -> Any:
    """The value a second read gives. A date is read in the order the page read it in: the
    strip has no page around it to tell day-first from month-first."""
    if fld == "date" and (
        first in P.date_readings(text) or first in P.date_readings(_BOX_EDGE.sub(" ", text))
    ):
        return first
    return PARSERS[fld](text)


# A box's edge read as a bar against the value ('|27APR25'): it is taken for a one, as a bar
# often is ('|0/17/2024'), so a date read so is tried without it too.
_BOX_EDGE = re.compile(r"(?:(?<=\s)|^)[|\[\]]+|[|\[\]]+(?=\s|$)")


def _first_read(box: tuple[int, int, int, int], words: Sequence[Word]) -> str:
    """The page read's text inside a value's box, left to right."""
    left, top, width, height = box
    inside = [
        w
        for w in words
        if left - 2 <= w.cx <= left + width + 2 and top - 2 <= w.cy <= top + height + 2
    ]
    return " ".join(w.text for w in sorted(inside, key=lambda w: w.left))


def _letters(text: str) -> str:
    """Letters, digits and the joiners that are part of a code ('T-78' is not 'T78'); the
    label punctuation and spacing around them are not."""
    return "".join(c for c in text.upper() if c.isalnum() or c in "-/").strip("-/")


def _widened(
    box: tuple[int, int, int, int], page_width: int, words: Sequence[Word]
) -> tuple[int, int, int, int]:
    """The value's box stretched sideways by up to 1.5 line heights, stopping short of the
    nearest word on either side (the label, the next column)."""
    left, top, width, height = box
    right = left + width
    row = [
        w
        for w in words
        if min(w.bottom, top + height) - max(w.top, top) > 0.5 * min(w.height, height)
        and (w.right <= left + 2 or w.left >= right - 2)
    ]
    reach = round(1.5 * height)
    lo = max([left - reach, 0, *(w.right + 2 for w in row if w.right <= left + 2)])
    hi = min([right + reach, page_width, *(w.left - 2 for w in row if w.left >= right - 2)])
    return lo, top, max(hi - lo, 1), height


def _same(first: Any, second: Any) -> bool:
    if isinstance(first, float | int) and isinstance(second, float | int):
        return abs(float(first) - float(second)) < 0.005
    if isinstance(first, dt.date) or isinstance(second, dt.date):
        return first == second
    return str(first).strip().upper() == str(second).strip().upper()


def build_strip(
    gray: np.ndarray,
    boxes: list[tuple[int, int, int, int]],
    heights: Sequence[int] | None = None,
) -> tuple[np.ndarray, list[tuple[float, float]]]:
    """The boxes cut out with a margin, each scaled to its glyph height (TARGET_HEIGHT_PX
    unless given) and stacked on white paper.

    Returns the strip and, per box, the vertical span its words fall in.
    """
    crops = []
    h_img, w_img = gray.shape[:2]
    heights = heights or [TARGET_HEIGHT_PX] * len(boxes)
    for (left, top, width, height), target in zip(boxes, heights, strict=True):
        pad_y, pad_x = max(2, round(0.3 * height)), 2
        y0, y1 = max(0, top - pad_y), min(h_img, top + height + pad_y)
        x0, x1 = max(0, left - pad_x), min(w_img, left + width + pad_x)
        crop = Image.fromarray(np.ascontiguousarray(gray[y0:y1, x0:x1]))
        scale = target / max(height, 1)
        size = (max(1, round(crop.width * scale)), max(1, round(crop.height * scale)))
        crops.append(crop.resize(size, Image.Resampling.BICUBIC))
    gap = TARGET_HEIGHT_PX
    width = max(c.width for c in crops) + 2 * gap
    height = sum(c.height for c in crops) + gap * (len(crops) + 1)
    strip = Image.new("L", (width, height), 255)
    slots: list[tuple[float, float]] = []
    y = gap
    for c in crops:
        strip.paste(c, (gap, y))
        slots.append((y - gap / 2, y + c.height + gap / 2))
        y += c.height + gap
    return np.asarray(strip), slots
