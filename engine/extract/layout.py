"""Where values sit: words grouped into printed lines and cells, labels found, values read
right of or below their label.

OCR blocks are not trusted for this (Tesseract splits a form into odd blocks): lines are rebuilt
from word geometry, and a large horizontal gap splits a line into cells.
"""

from __future__ import annotations

import math
import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..models import Word
from .labels import Label

# How far below its label (in label heights) a value may sit.
BELOW_MAX_GAP = 5.0
# How far right of its label (in label heights) a value may sit without a tab stop to show it
# belongs there.
NEAR_VALUE = 25


@dataclass
class Line:
    words: list[Word]
    text: str = ""
    spans: list[tuple[int, int]] = field(default_factory=list)  # char span of each word
    cell_of: list[int] = field(default_factory=list)  # cell index of each word

    @property
    def top(self) -> int:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> int:
        return max(w.bottom for w in self.words)

    @property
    def height(self) -> float:
        return float(statistics.median(w.height for w in self.words))


@dataclass
class LabelHit:
    field: str
    line: int  # index into lines
    first: int  # first word index in line
    last: int  # last word index in line (inclusive)
    start: int  # char span in line.text
    end: int
    words: list[Word]
    weak: bool = False  # its field's last resort (a bare 'No.', a title): labels.WEAK_PATTERNS

    @property
    def left(self) -> int:
        return min(w.left for w in self.words)

    @property
    def right(self) -> int:
        return max(w.right for w in self.words)

    @property
    def height(self) -> float:
        return float(statistics.median(w.height for w in self.words))


@dataclass
class Candidate:
    text: str
    words: list[Word]
    where: str  # right | below | inline


# Dot leaders ('Gross ........ 72,340'): a row of dots read as words. Their boxes sit on the
# baseline and are a fifth of a letter tall, so they split label and value onto two lines.
_LEADER = re.compile(r"[.·…]{3,}")


def _usable(w: Word) -> bool:
    return bool(w.text.strip()) and w.height > 0 and w.width > 0 and not _LEADER.fullmatch(w.text)


def build_lines(words: Sequence[Word]) -> list[Line]:
    """Words on one printed line, left to right, whatever block OCR put them in.

    A word joins the row whose last word it continues (vertical overlap with that neighbour, not
    with the row's start), so a line stays whole under the small skew deskewing leaves behind.
    """
    ws = sorted((w for w in words if _usable(w)), key=lambda w: (w.left, w.top))
    slope = _slope(ws)

    def y(w: Word) -> float:  # vertical position with the page's residual skew taken out
        return w.cy - slope * w.cx

    rows: list[list[Word]] = []
    for w in ws:
        best: tuple[float, list[Word]] | None = None
        for row in rows:
            last = row[-1]
            # Tesseract's own line is trusted over box overlap: it often draws '#' or ':' boxes
            # into the word before them ('Manifest #').
            same_line = bool(w.block or w.line) and (w.block, w.line) == (last.block, last.line)
            if same_line and w.cx <= last.cx:
                continue
            if not same_line and last.right > w.left + 0.5 * min(w.height, last.height):
                continue
            if abs(y(w) - y(last)) > 0.4 * max(w.height, last.height):
                continue
            # Far apart on one line is still one line: a wide ticket sets values flush right,
            # an 11-inch line away from labels in small print (cells keep them apart).
            gap = w.left - last.right
            if gap > 60 * max(w.height, last.height):
                continue
            if best is None or gap < best[0]:
                best = (gap, row)
        if best is None:
            rows.append([w])
        else:
            best[1].append(w)
    lines = [_finish(row) for row in rows]
    lines.sort(key=lambda ln: (ln.top + ln.bottom) / 2)
    return lines


def _slope(words: Sequence[Word]) -> float:
    """The text lines' slope (dy/dx), from neighbours OCR put on one line; 0 if unknown."""
    by_line: dict[tuple[int, int], list[Word]] = {}
    for w in words:
        if w.block or w.line:
            by_line.setdefault((w.block, w.line), []).append(w)
    slopes: list[float] = []
    for ws in by_line.values():
        ws = sorted(ws, key=lambda w: w.left)
        for a, b in zip(ws, ws[1:], strict=False):
            dx = b.cx - a.cx
            if dx > 2 * max(a.height, b.height) and abs(a.height - b.height) < 0.3 * a.height:
                slopes.append((b.bottom - a.bottom) / dx)
    if len(slopes) < 3:
        return 0.0
    slope = float(statistics.median(slopes))
    return slope if abs(slope) < 0.2 else 0.0


def _overlap_x(a: Word, b: Word) -> bool:
    return min(a.right, b.right) - max(a.left, b.left) > 0.5 * min(a.width, b.width)


# Two runs of letters this close (in letter heights) are one word Tesseract split in two
# ('HAUL ING'): a space in any print is twice as wide.
SPLIT_WORD_GAP = 0.2


def _rejoin(row: list[Word], h: float) -> list[Word]:
    out = [row[0]]
    for w in row[1:]:
        last = out[-1]
        if (
            w.left - last.right <= SPLIT_WORD_GAP * h
            and last.text.isalpha()
            and w.text.isalpha()
            and abs(w.height - last.height) <= 0.25 * h
        ):
            top, bottom = min(last.top, w.top), max(last.bottom, w.bottom)
            out[-1] = Word(
                last.text + w.text, last.left, top, w.right - last.left, bottom - top,
                min(last.conf, w.conf), last.block, last.line,
            )  # fmt: skip
        else:
            out.append(w)
    return out


def _finish(row: list[Word]) -> Line:
    h = statistics.median(w.height for w in row)
    row = _rejoin(row, h)
    text = ""
    spans: list[tuple[int, int]] = []
    cells: list[int] = []
    cell = 0
    for i, w in enumerate(row):
        if i:
            gap = w.left - row[i - 1].right
            # A gap wider than about two letters' height separates cells (columns, boxes).
            if gap > 1.6 * h:
                cell += 1
                text += "   "
            else:
                text += " "
        spans.append((len(text), len(text) + len(w.text)))
        cells.append(cell)
        text += w.text
    return Line(row, text, spans, cells)


def find_labels(lines: Sequence[Line], labels: Sequence[Label]) -> list[LabelHit]:
    """Every label occurrence; overlapping matches resolved longest-first."""
    hits: list[LabelHit] = []
    for li, line in enumerate(lines):
        found: list[tuple[int, int, str, bool]] = []
        for lab in labels:
            for m in lab.regex.finditer(line.text):
                if m.end() > m.start():
                    found.append((m.start(), m.end(), lab.field, lab.weak))
        found.sort(key=lambda x: (-len(line.text[x[0] : x[1]].strip(" :#.")), x[0]))
        taken: list[tuple[int, int]] = []
        for s, e, fld, weak in found:
            if any(s < te and ts < e for ts, te in taken):
                continue
            idx = [i for i, (ws, we) in enumerate(line.spans) if ws < e and s < we]
            if not idx:
                continue
            # A label must start at a word start: 'net' inside 'Cabinet' is no label.
            if line.spans[idx[0]][0] != s and line.text[s - 1 : s] not in ("", " ", "(", "/"):
                continue
            taken.append((s, e))
            words = [line.words[i] for i in idx]
            hits.append(LabelHit(fld, li, idx[0], idx[-1], s, e, words, weak))
    return hits


def value_right(lines: Sequence[Line], hit: LabelHit, hits: Sequence[LabelHit]) -> Candidate | None:
    """The text after the label on its line, up to the next label or the end of its cell.

    When the label ends its cell, the next cell to the right is the value (typed tables).
    """
    cand = text_right(lines, hit, hits)
    if cand is None or not cand.text.strip(" :#.-_|"):
        return None
    return cand


def text_right(lines: Sequence[Line], hit: LabelHit, hits: Sequence[LabelHit]) -> Candidate | None:
    """What value_right looks at, placeholders and stray punctuation included."""
    line = lines[hit.line]
    # Text glued to the label's last word ('Ticket#198418') counts as the value.
    stops = sorted(
        h.start for h in hits if h.line == hit.line and h.start >= hit.end and _ends_value(line, h)
    )
    stop = stops[0] if stops else len(line.text)
    words: list[Word] = []
    glued = line.text[hit.end : line.spans[hit.last][1]].strip(" :#.")
    cell = line.cell_of[hit.last]
    edge = hit.right
    for i in range(hit.last + 1, len(line.words)):
        ws, _ = line.spans[i]
        if ws >= stop:
            break
        if line.cell_of[i] != cell:
            if (
                words
                and not glued
                and (_label_tail(words) or _label_rest(lines, hit, hits, words, i))
            ):
                # The label's translation ('Gross / Peso Bruto:') or the rest of a label we
                # know only the start of ('VEHICLE LICENSE'): the value is the next cell.
                edge = words[-1].right
                words = []
            elif words or glued:
                break
            # The next cell is the value when it is near, or when it sits at a tab stop that
            # another label's value shares (scale software right-aligns a column of values far
            # from their labels); any other far column is another field.
            if line.words[i].left - edge > NEAR_VALUE * hit.height and not _at_value_stop(
                lines, hit, hits, i
            ):
                break
            cell = line.cell_of[i]
        words.append(line.words[i])
    if not glued:
        words = _past_translation(words)
    text = " ".join(w.text for w in words)
    if glued:
        text = (glued + " " + text).strip()
        words = [line.words[hit.last], *words]
    if not text.strip():
        return None
    return Candidate(text, words, "inline" if glued else "right")


def _next_cell(line: Line, i: int) -> list[Word]:
    """The words of the cell that word i opens."""
    cell = line.cell_of[i]
    return [w for w, c in zip(line.words[i:], line.cell_of[i:], strict=True) if c == cell]


def _cell_after(lines: Sequence[Line], h: LabelHit, hits: Sequence[LabelHit]) -> list[Word]:
    """The cell just after a label's own cell, unless that cell opens with another label."""
    line = lines[h.line]
    i = next(
        (j for j in range(h.last + 1, len(line.words)) if line.cell_of[j] != line.cell_of[h.last]),
        None,
    )
    if i is None or any(o.line == h.line and o.first == i for o in hits):
        return []
    return _next_cell(line, i)


def _at_value_stop(lines: Sequence[Line], hit: LabelHit, hits: Sequence[LabelHit], i: int) -> bool:
    """Whether the cell that word i opens starts or ends where the value of a label on another
    line does: a column of values set at one tab stop. Two cells are needed, so one stray far
    word never passes as a value on its own."""
    cell = _next_cell(lines[hit.line], i)
    left, right = cell[0].left, cell[-1].right
    tol = max(0.6 * hit.height, 3.0)
    for other in hits:
        if other.line == hit.line or other.field == hit.field or not ends_cell(lines, other):
            # A label with its value in its own cell ('TICKET 4019048'): the cell after it
            # is some other column, no tab stop of values.
            continue
        theirs = _cell_after(lines, other, hits)
        if theirs and (abs(theirs[0].left - left) <= tol or abs(theirs[-1].right - right) <= tol):
            return True
    return False


def ends_cell(lines: Sequence[Line], h: LabelHit) -> bool:
    """Whether the label is the last thing in its cell (its value, if any, is in another)."""
    line = lines[h.line]
    after = h.last + 1
    return after >= len(line.words) or line.cell_of[after] != line.cell_of[h.last]


def _past_translation(words: list[Word]) -> list[Word]:
    """What follows a label's translation in its own cell ('Transportista / Transporteur:
    TRANSPORTS PUJOL'): a slash, a word or two, a colon, then the value."""
    if not words or not words[0].text.startswith("/"):
        return words
    for k, w in enumerate(words[: LABEL_REST_WORDS + 1]):
        if w.text.endswith(":") and not any(c.isdigit() for c in w.text):
            return words[k + 1 :]
    return words


def _label_tail(words: Sequence[Word]) -> bool:
    """Words that carry on a label rather than give its value: '/ Peso Bruto:', 'Weight:'."""
    if any(c.isdigit() for w in words for c in w.text):
        return False
    return words[0].text.startswith("/") or words[-1].text.endswith(":")


# A label's unknown rest is a word or two: a name in a label's cell runs longer.
LABEL_REST_WORDS = 2


def _label_rest(
    lines: Sequence[Line], hit: LabelHit, hits: Sequence[LabelHit], words: Sequence[Word], i: int
) -> bool:
    """Words left in the label's own cell that finish the label, not give its value: letters
    only, and the next cell sits at the tab stop where other labels' values start."""
    return (
        len(words) <= LABEL_REST_WORDS
        and all(w.text.isalpha() for w in words)
        and _at_value_stop(lines, hit, hits, i)
    )


def _ends_value(line: Line, h: LabelHit) -> bool:
    """Whether a label met after a value ends it. Inside the value's own cell a label word is
    a label only with a label's colon or number sign, or with a number after it, in its cell
    ('Truck 104 Date 03/14/25') or opening the next ('RED ROCK HAULING Net Tons | 8.20', a
    column set close to the one before it); else it is part of a name ('4000 PSI Mix',
    'HOT MIX ASPHALT')."""
    cell = line.cell_of[h.first]
    if h.first == 0 or line.cell_of[h.first - 1] != cell:
        return True
    if line.text[h.end : h.end + 1] in (":", "#") or line.words[h.last].text.endswith((":", "#")):
        return True
    after = h.last + 1
    return after < len(line.words) and any(c.isdigit() for c in line.words[after].text)


def value_below(lines: Sequence[Line], hit: LabelHit, hits: Sequence[LabelHit]) -> Candidate | None:
    """The words under the label, within its column (boxed forms, column headers); or over
    it, where the label is a caption set under its value (see _caption_over)."""
    span = _column(hit, hits, lines[hit.line])
    over = _caption_over(lines, hit, hits, span)
    if over:
        return Candidate(" ".join(w.text for w in over), over, "below")
    line = lines[hit.line]
    for j in range(hit.line + 1, min(len(lines), hit.line + 4)):
        nxt = lines[j]
        # Table headers sit over a ruled line, so the value row can be a few lines' height down.
        if nxt.top - line.bottom > BELOW_MAX_GAP * max(hit.height, 1):
            break
        words = _in_span(nxt.words, span)
        if not words:
            continue
        # A line that is itself a row of labels is not a value.
        if any(h.line == j and h.left <= words[0].left + 2 for h in hits):
            return None
        return Candidate(" ".join(w.text for w in words), words, "below")
    return None


def _column(
    hit: LabelHit, hits: Sequence[LabelHit], line: Line | None = None
) -> tuple[float, float]:
    """The span a value over or under a label may take: from just left of the label to the
    next label on its line, or ten letters past its end where no label follows. (A tiny caps
    header heads a box far wider than ten of its letters: 'HAULER' over 'R&J HAULING LLC'.)
    Given the label's line, a header cell's words before the label are its column too: the
    value under 'WEIGH DATE' starts under 'WEIGH', and the column before it ends there."""
    left = hit.left
    nexts = [h.left for h in hits if h.line == hit.line and h.left > hit.right]
    if line is not None:
        cell = line.cell_of[hit.first]
        first = line.cell_of.index(cell)
        if not any(h.line == hit.line and first <= h.first < hit.first for h in hits):
            left = min(left, line.words[first].left)
        later = [i for i, c in enumerate(line.cell_of) if c > cell]
        if later:
            nexts.append(line.words[later[0]].left)
    if nexts:
        return left - 1.5 * hit.height, min(nexts) - hit.height * 0.3
    return left - 1.5 * hit.height, hit.right + 10 * hit.height


def _in_span(words: Sequence[Word], span: tuple[float, float]) -> list[Word]:
    """The words reaching into a column span (left, right)."""
    return [w for w in words if w.right > span[0] and w.left < span[1]]


def _labels_only(li: int, line: Line, hits: Sequence[LabelHit]) -> bool:
    """A line that is nothing but labels ('Ticket No.   Date   Truck No.')."""
    covered = {i for h in hits if h.line == li for i in range(h.first, h.last + 1)}
    return all(
        i in covered or not any(c.isalnum() for c in w.text) for i, w in enumerate(line.words)
    )


# A wrapped name's second line starts within this many letter heights under its first.
WRAP_MAX_GAP = 1.2
# A caption sits this much nearer the line over it than the line under it, at most.
CAPTION_NEARER = 0.6


def _caption_over(
    lines: Sequence[Line], hit: LabelHit, hits: Sequence[LabelHit], span: tuple[float, float]
) -> list[Word] | None:
    """The words over the label where it is a caption set under its value (a form's rule with
    'Truck No.' printed beneath), else None. A caption is on a line of labels only, much
    nearer the text over it than the text under it, within its column `span`, and that text
    holds no label and starts over it. Labels sit with the text nearest them; a column-header
    row sits as near the values under it instead. (Type size says nothing here: a caption's
    OCR box often takes in the rule over it.)"""
    line = lines[hit.line]
    if not _labels_only(hit.line, line, hits):
        return None
    over = _neighbour(lines, hit.line, span, -1)
    if over is None:
        return None
    if any(o.line == over and o.right > span[0] and o.left < span[1] for o in hits):
        return None  # a label of its own over it: a row of fields, not a value
    words = _in_span(lines[over].words, span)
    if words[0].left < hit.left - 0.5 * hit.height:
        return None  # text from further left reaching over it: another label's value
    under = _neighbour(lines, hit.line, span, 1)
    gap_over = line.top - lines[over].bottom
    gap_under = lines[under].top - line.bottom if under is not None else math.inf
    near = gap_over <= 1.5 * lines[over].height and gap_over < CAPTION_NEARER * gap_under
    return words if near else None


def _neighbour(lines: Sequence[Line], li: int, span: tuple[float, float], step: int) -> int | None:
    """The nearest line wholly over (step -1) or under (step 1) line li with words in the
    column span."""
    line = lines[li]
    j = li + step
    while 0 <= j < len(lines):
        other = lines[j]
        clear = other.bottom <= line.top if step < 0 else other.top >= line.bottom
        if clear and _in_span(other.words, span):
            return j
        j += step
    return None


def wrapped(
    lines: Sequence[Line], hit: LabelHit, cand: Candidate, hits: Sequence[LabelHit]
) -> Candidate:
    """A name under its label that wraps onto the next line of its box ('Imported Select' over
    'Fill Material'), the two lines joined; else the candidate as it was. The next line counts
    only as the same text would: set close under the first (closer than a form's rows are),
    starting at its left edge, in letters of its size, with no label of its own and no digits
    (a street address under a hauler's name is not its name)."""
    if cand.where != "below" or not cand.words:
        return cand
    at = next((i for i, ln in enumerate(lines) if any(w is cand.words[0] for w in ln.words)), None)
    if at is None:
        return cand
    h = statistics.median(w.height for w in cand.words)
    left = min(w.left for w in cand.words)
    bottom = max(w.bottom for w in cand.words)
    _, right_edge = _column(hit, hits)
    span = (left - h, max(right_edge, max(w.right for w in cand.words)))
    for j in range(at + 1, len(lines)):
        words = _in_span(lines[j].words, span)
        if not words or words[0].top < bottom:
            continue
        if words[0].top - bottom > WRAP_MAX_GAP * h:
            return cand
        ok = (
            abs(words[0].left - left) <= 0.6 * h
            and all(0.75 * h <= w.height <= 1.33 * h for w in words)
            and not any(c.isdigit() for w in words for c in w.text)
            and not any(o.line == j and _ends_value(lines[j], o) for o in hits)
        )
        if not ok:
            return cand
        joined = [*cand.words, *words]
        return Candidate(" ".join(w.text for w in joined), joined, cand.where)
    return cand
