"""One page's words -> one Ticket: labels, values, serials, barcodes, vendor, handwriting.

Every field carries a confidence and the box it was read from; a value that looks handwritten
(taller than its printed label, read with low OCR confidence, or on a carbon-copy haul ticket)
is marked so that review flags it instead of trusting it.
"""

from __future__ import annotations

import datetime as dt
import re
import statistics
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz

from ..models import FieldRead, PageText, ReviewReason, Ticket, Word
from ..review import WORKED_OUT_SHARE
from . import patterns as P
from .labels import INDICATOR_MODES, Label, compiled_labels
from .layout import (
    Candidate,
    LabelHit,
    Line,
    build_lines,
    ends_cell,
    find_labels,
    text_right,
    value_below,
    value_right,
    wrapped,
)
from .vendors import VendorMatch, VendorProfile, header_vendor, match_profile
from .void import voided

# A value this much taller than its printed label was written by hand.
HAND_HEIGHT_RATIO = 1.5
# Below this mean OCR confidence a value is not trusted as read.
LOW_WORD_CONF = 75.0
# field -> labels whose presence means the ticket prints that field: a printed label whose
# value could not be read is a value missed, never an empty field to accept.
_EXPECTED: dict[str, tuple[str, ...]] = {
    "gross_lb": ("gross_lb", "weighing"),
    "tare_lb": ("tare_lb", "weighing"),
    "net_lb": ("net_lb",),
    "quantity": ("net_tons", "quantity", "yards", "loads", "amount"),
    "date": ("date",),
    "truck": ("truck",),
    "material": ("material",),
    "hauler": ("hauler",),
    "manifest": ("manifest",),
    "job": ("job",),
}
HAUL_FIELDS = ("date", "truck", "material", "quantity", "unit", "manifest", "hauler")
_CODE_FIELDS = ("truck", "manifest", "job")  # short identifiers: letters, digits, dashes


@lru_cache(maxsize=1)
def _labels() -> list[Label]:
    return compiled_labels()


def _box(words: Sequence[Word]) -> tuple[int, int, int, int] | None:
    if not words:
        return None
    left, top = min(w.left for w in words), min(w.top for w in words)
    return left, top, max(w.right for w in words) - left, max(w.bottom for w in words) - top


def _conf(words: Sequence[Word]) -> float:
    return statistics.mean(w.conf for w in words) / 100 if words else 0.0


def _looks_handwritten(cand: Candidate, hit: LabelHit | None, source: str) -> bool:
    """Much taller than its printed label, or taller and poorly read: a driver's hand.

    A printed value read with low confidence alone is not handwriting; its low field confidence
    sends it to review as LOW_CONFIDENCE instead.
    """
    if not cand.words or hit is None or cand.where == "inline" or source == "text_layer":
        return False  # a born-digital page's text was typed, however large
    ratio = statistics.median(w.height for w in cand.words) / max(hit.height, 1.0)
    low = source == "ocr" and min(w.conf for w in cand.words) < LOW_WORD_CONF
    return ratio > HAND_HEIGHT_RATIO or (low and ratio > 1.15)


class _Reader:
    """Holds one page's lines and label hits while its fields are read."""

    def __init__(self, page: PageText) -> None:
        self.page = page
        self.lines: list[Line] = build_lines(page.words)
        self.hits: list[LabelHit] = find_labels(self.lines, _labels())
        self.reads: dict[str, FieldRead] = {}
        self.hand_evidence: set[str] = set()  # fields whose value looks written by hand
        self.stamped = False  # the ticket number came from a coloured numbering stamp
        self.worked_out: dict[str, tuple[str, ...]] = {}  # see Ticket.worked_out

    def hits_for(self, fld: str) -> list[LabelHit]:
        """Labels of `fld`, those that open a cell first: 'MIX' in 'HOT MIX ASPHALT' is a name.
        A last-resort label (a bare 'No.') comes after every named one, wherever it is."""
        found = [h for h in self.hits if h.field == fld]
        return sorted(found, key=lambda h: (h.weak, not self._opens_cell(h), h.line))

    def _opens_cell(self, hit: LabelHit) -> bool:
        line = self.lines[hit.line]
        cell = line.cell_of[hit.first]
        # A slash between two labels joins translations ('Camion / Truck:'): not a word.
        before = [
            i
            for i in range(hit.first)
            if line.cell_of[i] == cell and any(c.isalnum() for c in line.words[i].text)
        ]
        return not before or any(h.line == hit.line and h.last == before[-1] for h in self.hits)

    def read(
        self,
        fld: str,
        parse: Callable[[str], Any],
        label_field: str | None = None,
        below: bool = True,
        text_of: Callable[[Candidate], str] = lambda c: c.text,
    ) -> tuple[Any, Candidate, LabelHit] | None:
        """First label of `label_field` whose right (or below) value parses."""
        for hit in self.hits_for(label_field or fld):
            for cand in self.candidates(hit, below):
                value = parse(text_of(cand))
                if value is not None:
                    return value, cand, hit
        return None

    def candidates(self, hit: LabelHit, below: bool = True) -> list[Candidate]:
        """Where a label's value may be: right of it, then under it. Not under a label that
        its own translation follows ('Material / Material:'): that one's value is the one."""
        cands = [value_right(self.lines, hit, self.hits)]
        if below and not self._twin_follows(hit):
            cands.append(value_below(self.lines, hit, self.hits))
        return [c for c in cands if c is not None]

    def _twin_follows(self, hit: LabelHit) -> bool:
        cell = self.lines[hit.line].cell_of
        return any(
            h.field == hit.field
            and h.line == hit.line
            and h.first > hit.last
            and cell[h.first] == cell[hit.last]
            for h in self.hits
        )

    def left_blank(self, hit: LabelHit) -> bool:
        """The label's value is a printed placeholder: a dash, 'N/A', 'none'."""
        right = text_right(self.lines, hit, self.hits)
        return (
            right is not None
            and P.is_placeholder(right.text)
            and all(w.conf >= LOW_WORD_CONF for w in right.words)
        )

    def put(
        self,
        fld: str,
        value: Any,
        cand: Candidate | None,
        hit: LabelHit | None,
        confidence: float | None = None,
        source: str | None = None,
    ) -> None:
        words = cand.words if cand else []
        conf = confidence if confidence is not None else _conf(words)
        if cand is not None and cand.where == "below":
            conf *= 0.97
        # Script-like evidence is only noted here; _mark_handwriting judges the whole page, so
        # one oddly read printed value is a low-confidence read, not handwriting.
        if cand is not None and _looks_handwritten(cand, hit, self.page.source):
            self.hand_evidence.add(fld)
        self.reads[fld] = FieldRead(
            value, round(min(conf, 1.0), 3), source or self.page.source, _box(words)
        )


def _label_in_kg(hit: LabelHit) -> bool:
    """'GROSS KG', 'Net (kg)': the label names kilograms for the bare numbers it heads."""
    return any(P.KG_RE.fullmatch(w.text.strip("()[]:.,")) for w in hit.words)


def _quantity_from(text: str) -> tuple[float, str | None] | None:
    value = P.parse_decimal(text, 0.01, 500)
    if value is None:
        return None
    if P.TONNE_RE.search(text):
        return P.tonnes_to_tons(value), "TN"
    return value, P.parse_unit(text)


Box = tuple[int, int, int, int]
Sighting = tuple[str, list[Word], float]  # a serial's value, its words, how sure the read is
_NUMBER_SIGN = re.compile(r"^(N[O0°º]\.?|№)", re.IGNORECASE)


# A number printed this many times the body text's height is a serial wherever it sits: some
# slips print their number big at the foot.
BIG_SERIAL_RATIO = 1.6


def _serial_candidates(
    page: PageText,
    lines: Sequence[Line],
    taken: Sequence[Box] = (),
    claimed: frozenset[int] = frozenset(),
) -> tuple[list[Sighting], list[Sighting]]:
    """Stamped or printed serials: ink-channel words first, then 'No 12345' and big digits.

    Digits already read as another field's value (a manifest number, a street number under its
    label) are not serials. A numbering-machine serial is usually the largest number on the
    ticket, so size relative to the page's text adds to the read's own confidence.

    `claimed` are the words of other labels ('Account No.'): a number after their 'No.' is
    theirs, not a numbered serial.

    Returns the candidates, and the rival reads: the plain read of a stamp the ink channel
    read too. A rival only weighs in on the value at a place a candidate chose; it does not
    make a place (an address line's street number, read in both, stays out).
    """
    out: list[Sighting] = []
    rivals: list[Sighting] = []
    heights = sorted(w.height for w in page.words if len(w.text) >= 2) or [1]
    body = heights[len(heights) // 2]
    header = [
        ln
        for ln in lines
        if (
            ln.top <= 0.5 * page.height
            or max(w.height for w in ln.words) >= BIG_SERIAL_RATIO * body
        )
        and not P.is_phone(ln.text)
        and not P.ZIP_CONTEXT_RE.search(ln.text)
    ]
    # Ink-channel reads first: there a stamp stands apart from the form's black print. A page
    # word found to be in coloured ink is the same sighting as the plain read: not counted twice.
    plain = {id(w) for w in page.words}
    ink_read = [w for w in page.ink_words if id(w) not in plain]
    # The plain read of something the ink channel read too (even as garbage: 'S7BUAES' for a
    # faint stamp) is a read of coloured ink: a candidate, except on an address or phone line,
    # where it only weighs in as a rival.
    twins: list[Word] = []
    rival_twins: list[Word] = []
    for ln in lines:
        address = P.is_phone(ln.text) or bool(P.ZIP_CONTEXT_RE.search(ln.text))
        for w in ln.words:
            if any(_same_place([w], [v]) for v in ink_read):
                (rival_twins if address else twins).append(w)
    seen: set[int] = set()
    for scanned, base, into in (
        (build_lines(ink_read), 1.0, out),
        (build_lines(twins), 1.0, out),
        (header, 0.9, out),
        (build_lines(rival_twins), 1.0, rivals),
    ):
        for ln in scanned:
            for i, w in enumerate(ln.words):
                value = _serial_token(w.text)
                if not value or id(w) in seen:
                    continue
                seen.add(id(w))
                prev = ln.words[i - 1] if i else None
                numbered = bool(
                    _NUMBER_SIGN.match(w.text)
                    or (
                        prev is not None
                        and id(prev) not in claimed
                        and _NUMBER_SIGN.fullmatch(prev.text.strip(".:"))
                    )
                )
                if id(w) in claimed or (_overlaps(w, taken) and not numbered):
                    continue
                # 'No 552592' is the book's serial even where a label above seems to own it.
                size = 0.04 * min(max(w.height / body - 1.0, 0.0), 1.0)
                bonus = 0.05 if numbered else 0.0
                into.append((value, [w], min(1.0, w.conf / 100 * base + bonus + size)))
    return out, rivals


def _boxes_overlap(a: Box, b: Box) -> bool:
    """Most of the smaller box lies inside the other, both ways."""
    dx = min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0])
    dy = min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1])
    return dx > 0.5 * min(a[2], b[2]) and dy > 0.5 * min(a[3], b[3])


def _overlaps(w: Word, boxes: Sequence[Box]) -> bool:
    return any(_boxes_overlap((w.left, w.top, w.width, w.height), b) for b in boxes)


def _serial_token(text: str) -> str | None:
    tok = text.strip(".,:;#*()[]'\"‘’“”|")
    tok = re.sub(r"^(N[O0°º]\.?|№)", "", tok)
    if not re.fullmatch(r"[0-9OolISB]{5,8}", tok):
        return None
    fixed = P.fix_digits(tok)
    if not fixed.isdigit() or sum(c.isdigit() for c in tok) < len(tok) - 1:
        return None
    return fixed


# A number that does not fit the vendor's known serial pattern is kept for the operator to
# confirm, never accepted: the profile may be wrong (a new book) or the read may be.
OFF_PATTERN_CONF = 0.6
# Two reads of one stamp that differ (a digit doubled, one dropped): one of them is wrong.
RIVAL_READS_CONF = 0.5
# A letter before the digits that OCR also makes of a digit ('S' and '5', 'G' and '6'): kept as
# read and shown to a person, where it used to be turned into the digit and accepted.
LETTER_PREFIX_CONF = 0.6


# A number printed in groups ('0045 8812') has a word space between them: under this many
# letter heights. A column gap is several.
GROUP_GAP_HEIGHTS = 0.9
GROUP_DIGITS = (3, 5)
MAX_GROUPED_DIGITS = 12


def _digit_groups_joined(cand: Candidate) -> str:
    """The value's text with a number printed in digit groups made one token: read as it
    was, its first group alone passed for the whole number."""
    words = cand.words
    if " ".join(w.text for w in words) != cand.text:
        return cand.text  # a value cut out of its word ('TICKET=1437356')
    out: list[str] = []
    i = 0
    while i < len(words):
        text = words[i].text
        j = i
        while (
            j + 1 < len(words)
            and text[-1:].isdigit()
            and words[j + 1].text.isascii()
            and words[j + 1].text.isdigit()
            and GROUP_DIGITS[0] <= len(words[j + 1].text) <= GROUP_DIGITS[1]
            and sum(c.isdigit() for c in text) + len(words[j + 1].text) <= MAX_GROUPED_DIGITS
            and words[j + 1].left - words[j].right
            <= GROUP_GAP_HEIGHTS * max(words[j].height, words[j + 1].height)
        ):
            j += 1
            text += words[j].text
        out.append(text)
        i = j + 1
    return " ".join(out)


def _read_ticket_number(r: _Reader, profile: VendorProfile | None) -> None:
    pattern = re.compile(profile.ticket_pattern) if profile and profile.ticket_pattern else None

    def fits(value: str | None) -> bool:
        return value is not None and (pattern is None or bool(pattern.fullmatch(value)))

    labelled = r.read("ticket_number", P.parse_ticket_number, text_of=_digit_groups_joined)
    taken = [fr.box for fr in r.reads.values() if fr.box is not None]
    # Other labels' numbers ('Account No. 981464', 'PO # 45821') are theirs.
    claimed: set[int] = set()
    for h in r.hits:
        if h.field.startswith("_"):
            claimed.update(id(w) for w in h.words)
            value = value_right(r.lines, h, r.hits)
            if value is not None:
                claimed.update(id(w) for w in value.words)
    serials, rivals = _serial_candidates(r.page, r.lines, taken, frozenset(claimed))
    if labelled and _outread(labelled[0], labelled[1].words, serials + rivals):
        labelled = None  # the ink channel read it surer, and otherwise: a serial's place
    if labelled and (fits(labelled[0]) or not any(fits(s[0]) for s in serials)):
        r.put("ticket_number", labelled[0], labelled[1], labelled[2])
        if not fits(labelled[0]):
            _cap(r, "ticket_number", OFF_PATTERN_CONF)
        if _rivals(labelled[1].words, labelled[0], serials + rivals):
            _cap(r, "ticket_number", RIVAL_READS_CONF)
    elif serials:
        _put_serial(r, serials, rivals, fits)
    number = r.reads.get("ticket_number")
    if number is not None and P.letter_prefix_doubtful(str(number.value)):
        _cap(r, "ticket_number", LETTER_PREFIX_CONF)
    _check_barcodes(r, fits)
    number = r.reads.get("ticket_number")
    if number is not None and number.box is not None and not r.stamped:
        # Read beside its label, yet printed in coloured ink: a numbering machine's serial.
        r.stamped = any(_overlaps(w, [number.box]) for w in r.page.ink_words)
    if number is not None and number.box is not None:
        # The serial is nobody else's value: a label above it ('PIT TICKET #') had no value.
        for fld, fr in list(r.reads.items()):
            if fld != "ticket_number" and fr.box and _boxes_overlap(number.box, fr.box):
                del r.reads[fld]


def _put_serial(
    r: _Reader,
    serials: list[Sighting],
    rivals: list[Sighting],
    fits: Callable[[str | None], bool],
) -> None:
    """The serial: the place of the surest sighting that fits the vendor's pattern (any, if
    none fits), and there the surest of the reads of that place."""
    place = max((s for s in serials if fits(s[0])), default=None, key=lambda s: s[2])
    place = place or max(serials, key=lambda s: s[2])
    here = [s for s in serials + rivals if _same_place(s[1], place[1])]
    value, words, conf = max(here, key=lambda s: s[2])
    r.stamped = any(w in r.page.ink_words for w in words)
    # Two sightings that agree (ink channel and plain) are worth more than one.
    agree = sum(1 for s in serials + rivals if s[0] == value)
    r.reads["ticket_number"] = FieldRead(
        value, round(min(1.0, conf + 0.03 * (agree - 1)), 3), r.page.source, _box(words)
    )
    if not fits(value):
        _cap(r, "ticket_number", OFF_PATTERN_CONF)
    if any(s[0] != value for s in here):
        _cap(r, "ticket_number", RIVAL_READS_CONF)


def _same_place(a: Sequence[Word], b: Sequence[Word]) -> bool:
    """Two reads of one printed thing: overlapping boxes of about the same height."""
    box_a, box_b = _box(a), _box(b)
    return (
        box_a is not None
        and box_b is not None
        and _boxes_overlap(box_a, box_b)
        and 0.5 <= box_a[3] / max(box_b[3], 1) <= 2.0
    )


def _rivals(words: Sequence[Word], value: str, serials: list[Sighting]) -> list[Sighting]:
    """Other reads of the same place that differ from `value`."""
    return [s for s in serials if s[0] != value and _same_place(s[1], words)]


def _outread(value: str, words: Sequence[Word], serials: list[Sighting]) -> bool:
    """A rival read of the same place is surer than this one."""
    return any(s[2] > _conf(words) for s in _rivals(words, value, serials))


def _cap(r: _Reader, fld: str, ceiling: float) -> None:
    """A rule's doubt about a value: no agreeing second read lifts it."""
    if fld in r.reads:
        r.reads[fld].confidence = min(r.reads[fld].confidence, ceiling)
        r.reads[fld].ruled = True


def _check_barcodes(r: _Reader, ok: Callable[[str | None], bool]) -> None:
    """A barcode carrying the number confirms it, or corrects one misread digit."""
    current = r.reads.get("ticket_number")
    codes: list[str] = []
    for bc in r.page.barcodes:
        codes += re.findall(r"[A-Z]{0,3}-?\d{4,12}", bc.text.upper())
    codes = [c for c in codes if ok(c)]
    if not codes:
        return
    if current is None:
        if len(set(codes)) == 1:
            r.reads["ticket_number"] = FieldRead(codes[0], 0.97, "barcode")
        return
    if current.value in codes:
        current.confidence = max(current.confidence, 0.995)
        current.source = "barcode"
        return
    close = [c for c in codes if fuzz.ratio(c, str(current.value)) >= 80]
    if len(close) == 1:
        r.reads["ticket_number"] = FieldRead(close[0], 0.96, "barcode", current.box)
    else:
        # The barcode says something else: one of the two is wrong, a person decides.
        current.confidence = min(current.confidence, 0.5)


# A date that reads both ways on a metric ticket that does not say which: day-first is the
# likelier (kilograms and tonnes are printed where days come first), but a person confirms.
DATE_ORDER_GUESSED_CONF = 0.7


def _day_first(r: _Reader) -> tuple[bool, bool]:
    """Whether the page's numeric dates are day-first, and whether that is only a guess.

    A date on the page that reads one way only ('17/10/2024', '10/17/2024') settles it for
    them all. Else a metric ticket (kilograms, tonnes) is taken to be day-first, as it is
    printed in the countries that write dates so; a US ticket is month-first."""
    orders = {o for o in (P.date_order(ln.text) for ln in r.lines) if o}
    if len(orders) == 1:
        return orders == {"dmy"}, False
    metric = any(
        P.KG_RE.search(ln.text) or P.TONNE_RE.search(ln.text) or P.TONNE_VALUE_RE.search(ln.text)
        for ln in r.lines
    )
    return metric, metric


def _read_date(r: _Reader) -> None:
    day_first, guessed = _day_first(r)
    found = r.read("date", lambda t: P.parse_date(t, day_first))
    if found:
        r.put("date", *found)
        if guessed and P.ambiguous_date(found[1].text):
            _cap(r, "date", DATE_ORDER_GUESSED_CONF)
        return
    # Unlabelled: a single distinct date printed on the page (e.g. beside the serial).
    dates: dict[dt.date, list[Word]] = {}
    for ln in r.lines:
        for d, s, e in P.find_dates(ln.text, day_first):
            ws = [w for w, (a, b) in zip(ln.words, ln.spans, strict=True) if a < e and s < b]
            dates.setdefault(d, ws)
    if len(dates) == 1:
        d, ws = next(iter(dates.items()))
        text = " ".join(w.text for w in ws)
        r.put("date", d, Candidate(text, ws, "right"), None, confidence=_conf(ws) * 0.9)
        if guessed and P.ambiguous_date(text):
            _cap(r, "date", DATE_ORDER_GUESSED_CONF)


def _read_weight(r: _Reader, hit: LabelHit) -> tuple[float, Candidate] | None:
    """The weight beside or under one label, in pounds; or, where the label ends its cell,
    the weight before it with its unit ('79,957 lb GROSS', a scale indicator's printout)."""
    line = r.lines[hit.line]
    if (
        _indicator_mode(r, hit)
        and hit.first
        and line.cell_of[hit.first - 1] == line.cell_of[hit.first]
    ):
        # '71220 lb G': what follows the letter, or stands under it, is another line's.
        return _weight_before(r, hit)
    in_tons = any(P.parse_unit(w.text) == "TN" for w in hit.words)  # 'GROSS TONS', '(TN)'
    for cand in r.candidates(hit):
        # Weighed in tons where no pounds are printed: '36.25 T', or a TONS label's number.
        tons = P.parse_tons_as_lb(cand.text + (" tons" if in_tons else ""))
        if tons is None:
            tons = P.parse_tonnes_as_lb(cand.text)
        value = P.parse_weight(cand.text) if tons is None else tons
        if value is not None:
            if _label_in_kg(hit) and not P.has_weight_unit(cand.text):
                value = P.kg_to_lb(value)  # 'GROSS (KG)' over a column of bare numbers
            return value, cand
    return _weight_before(r, hit)


def _indicator_mode(r: _Reader, hit: LabelHit) -> bool:
    """The hit is a scale indicator's mode letter ('G', 'PT', 'N'; labels.INDICATOR_MODES)."""
    text = r.lines[hit.line].text[hit.start : hit.end].strip(" :.=").lower()
    return any(re.fullmatch(rx, text) for rx in INDICATOR_MODES.values())


def _weight_before(r: _Reader, hit: LabelHit) -> tuple[float, Candidate] | None:
    line = r.lines[hit.line]
    if not ends_cell(r.lines, hit):
        return None  # the label does not end its cell: what follows it is its value or name
    words: list[Word] = []
    for i in range(hit.first - 1, -1, -1):
        if any(h.line == hit.line and h.first <= i <= h.last for h in r.hits):
            # Another label before it: the words between are that label's value
            # ('Tare 30,000 lb Net', the net's value missing), never this one's.
            return None
        if words and line.words[i].right < words[0].left - 3 * hit.height:
            break
        words.insert(0, line.words[i])
    text = " ".join(w.text for w in words)
    value = P.parse_weight(text) if words else None
    if value is None or not P.has_weight_unit(text):
        return None
    return value, Candidate(text, words, "right")


def _read_weights_and_quantity(r: _Reader) -> None:
    for fld in ("gross_lb", "tare_lb", "net_lb"):
        for hit in r.hits_for(fld):
            found = _read_weight(r, hit)
            if found:
                r.put(fld, found[0], found[1], hit)
                break
    if "gross_lb" not in r.reads and "tare_lb" not in r.reads:
        _read_weighings(r)
    _work_out_missing_weight(r)
    tons = r.read("quantity", lambda t: P.parse_decimal(t, 0.01, 80), label_field="net_tons")
    if not tons:
        # Metric scales print tonnes; the quantity column counts short tons.
        tonnes = r.read(
            "quantity", lambda t: P.parse_decimal(t, 0.01, 72), label_field="net_tonnes"
        )
        tons = (P.tonnes_to_tons(tonnes[0]), *tonnes[1:]) if tonnes else None
    if tons:
        r.put("quantity", tons[0], tons[1], tons[2])
        r.reads["unit"] = FieldRead("TN", r.reads["quantity"].confidence, "derived")
        r.reads["unit"].handwritten = r.reads["quantity"].handwritten
        return
    readings = [("yards", "CY"), ("loads", "LOADS"), ("quantity", None)]
    if not _priced(r):
        readings.append(("amount", None))
    for label_field, unit in readings:
        q = r.read("quantity", _quantity_from, label_field=label_field)
        if not q:
            continue
        (value, unit_read), cand, hit = q
        u = unit_read or _unit_after(r, cand) or unit or _unit_nearby(r, hit)
        r.put("quantity", value, cand, hit)
        if u:
            r.reads["unit"] = FieldRead(
                u,
                r.reads["quantity"].confidence * (1 if unit_read or unit else 0.95),
                "derived",
                None,
                r.reads["quantity"].handwritten,
            )
        return
    net = r.reads.get("net_lb")
    if net is not None and not net.handwritten:
        r.reads["quantity"] = FieldRead(
            round(float(net.value) / 2000, 2), net.confidence * WORKED_OUT_SHARE, "derived"
        )
        r.reads["unit"] = FieldRead("TN", net.confidence * WORKED_OUT_SHARE, "derived")
        r.worked_out["quantity"] = r.worked_out["unit"] = ("net_lb",)


def _work_out_missing_weight(r: _Reader) -> None:
    """A ticket that prints two of gross, tare and net (a small pit's 'Gross Wt' and 'Tare
    Wt', nothing more): the third is worked out as a clerk would. Only where the page has no
    label for it: a net label whose value was missed is a misread to look at, not a gap."""
    weights = ("gross_lb", "tare_lb", "net_lb")
    missing = [f for f in weights if f not in r.reads or r.reads[f].value is None]
    if len(missing) != 1 or r.hits_for(missing[0]):
        return
    sides = [r.reads[f] for f in weights if f != missing[0]]
    first, second = (float(s.value) for s in sides)
    # gross = tare + net; tare = gross - net; net = gross - tare
    value = first + second if missing == ["gross_lb"] else first - second
    if value <= 0:
        return  # two weights that cannot be one load's: left for a person
    r.worked_out[missing[0]] = tuple(f for f in weights if f != missing[0])
    r.reads[missing[0]] = FieldRead(
        value,
        min(s.confidence for s in sides) * WORKED_OUT_SHARE,
        "derived",
        None,
        any(s.handwritten for s in sides),
    )


def _read_weighings(r: _Reader) -> None:
    """'First Weight' and 'Second Weight', 'Loaded' and 'Empty', 'Weight In' and 'Weight
    Out': which weighing is the loaded one depends on the site (a quarry weighs its trucks in
    empty, a landfill full), so the larger is the gross and the smaller the tare."""
    found = [w for w in map(lambda h: _read_weight(r, h), r.hits_for("weighing")) if w]
    values = {v for v, _ in found}
    if len(found) != 2 or len(values) != 2:
        return  # one weighing, or three: which pair is this load's is not for us to guess
    (hi, hi_cand), (lo, lo_cand) = sorted(found, key=lambda f: -f[0])
    r.put("gross_lb", hi, hi_cand, None)
    r.put("tare_lb", lo, lo_cand, None)


_PRICE_RE = re.compile(r"\$|(?<![a-z])(?:rate|price|subtotal)(?![a-z])", re.IGNORECASE)


def _priced(r: _Reader) -> bool:
    """The ticket prints prices: its 'Amount' is money, not a quantity."""
    return any(_PRICE_RE.search(ln.text) for ln in r.lines)


def _unit_after(r: _Reader, cand: Candidate) -> str | None:
    """A unit word right after the quantity ('20 Yds') that the label finder took for a
    'YARDS' column label: on the value's own line, it is the value's unit."""
    if not cand.words:
        return None
    last = cand.words[-1]
    for h in r.hits:
        if h.field not in ("yards", "loads") or last not in r.lines[h.line].words:
            continue
        if 0 <= h.left - last.right < 2.5 * last.height:
            return P.parse_unit(" ".join(w.text for w in h.words))
    return None


def _unit_nearby(r: _Reader, qty_hit: LabelHit) -> str | None:
    """A 'UNIT' column beside the quantity column (delivery tickets)."""
    found = r.read("unit", lambda t: P.parse_unit(t))
    if found and found[2].line == qty_hit.line:
        return str(found[0])
    return None


def _unwrapped(
    r: _Reader, fld: str, value: Any, cand: Candidate, hit: LabelHit
) -> tuple[Any, Candidate, LabelHit]:
    """A name read under its label, with its second line where it wraps in its box."""
    whole = wrapped(r.lines, hit, cand, r.hits)
    if whole is cand:
        return value, cand, hit
    joined = P.FIELD_PARSERS[fld](whole.text)
    return (joined, whole, hit) if joined else (value, cand, hit)


WORD_TRUCK_CONF = 0.6


def _read_simple(r: _Reader) -> None:
    bracketed: set[str] = set()  # codes whose leading bracket parse_code read as a 'J'
    short: set[str] = set()  # codes a trailing bracket was stripped from
    for fld in ("truck", "hauler", "material", "manifest", "job"):
        found = r.read(fld, P.FIELD_PARSERS[fld])
        if found and fld in ("hauler", "material"):
            found = _unwrapped(r, fld, *found)
        if found and fld == "truck":
            found = _whole_plate(r, *found)
        if found:
            r.put(fld, *found)
            if fld in _CODE_FIELDS and P.bracket_for_j(found[1].text):
                bracketed.add(fld)
            if fld in _CODE_FIELDS and P.lost_glyph(found[1].text):
                short.add(fld)
    if "truck" not in r.reads:
        found = r.read("truck", _fleet_unit, label_field="unit", below=False)
        if found:
            r.put("truck", *found)
    for fld in _CODE_FIELDS:
        fr = r.reads.get(fld)
        if fr is None:
            continue
        # '-4471' for 'J-4471' (OCR dropped the first letter), '¥-333' for 'T-333': a code
        # that is not plain letters, digits and dashes was misread somewhere.
        if not P.is_clean_code(str(fr.value)) or fld in short:
            _cap(r, fld, 0.5)
        elif fld == "truck" and not any(c.isdigit() for c in str(fr.value)):
            # Fleets number their trucks: a word alone there is more likely the rest of a
            # label ('VEHICLE LICENSE') or a note than the truck.
            _cap(r, fld, WORD_TRUCK_CONF)
        elif fld in bracketed:
            # The 'J' put back for a bracket is a guess, and stays one unless a second read
            # of the glyph, scaled differently, sees the letter itself (not capped by a rule:
            # that read answers this doubt).
            fr.confidence = min(fr.confidence, 0.5)


def _fleet_unit(text: str) -> str | None:
    """A bare 'Unit:' whose value is a fleet number ('Unit: 214', 'Unit: U69'), not a unit of
    measure ('Unit: TN') nor a price ('Unit: 12.50'): a hauler's name for its truck."""
    if P.parse_unit(text) or re.match(r"\s*\$?\d+[.,]\d", text):
        return None
    code = P.FIELD_PARSERS["truck"](text)
    return code if code and any(c.isdigit() for c in code) else None


_PLATE_LABEL = re.compile(
    r"plate|placa|rego|reg\b|registration|licen[cs]e|matr[ií]cula|immatriculation", re.IGNORECASE
)


def _whole_plate(
    r: _Reader, value: str, cand: Candidate, hit: LabelHit
) -> tuple[str, Candidate, LabelHit]:
    """Under a plate's label ('Vehicle Reg', 'Rego', 'License Plate'), both groups of a plate
    printed with a space ('DD14 VAW'): the first alone is another vehicle's."""
    label = r.lines[hit.line].text[hit.start : hit.end]
    plate = P.parse_plate(cand.text) if _PLATE_LABEL.search(label) else None
    return (plate, cand, hit) if plate else (value, cand, hit)


def _is_ticket(r: _Reader, vendor: VendorMatch | None) -> bool:
    """A ticket number, a known vendor's header, or two typical ticket fields: else a cover
    letter or a blank page."""
    if "ticket_number" in r.reads:
        return True
    if vendor is not None and vendor.profile is not None and vendor.confidence >= 0.9:
        return True
    evidence = sum(
        1
        for f in ("date", "gross_lb", "net_lb", "truck", "material", "quantity", "manifest")
        if f in r.reads and r.reads[f].source != "derived"
    )
    return evidence >= 2


def label_fields(words: Sequence[Word]) -> set[str]:
    """The ticket fields whose printed labels appear among `words` (distractors left out)."""
    hits = find_labels(build_lines(words), _labels())
    return {h.field for h in hits if not h.field.startswith("_")}


def extract_ticket(
    page: PageText, profiles: list[VendorProfile], job: str | None = None
) -> Ticket | None:
    """The ticket printed on `page`, or None when the page is not a ticket (blank, a letter)."""
    if not page.words and not page.barcodes and not page.ink_words:
        return None
    r = _Reader(page)
    vendor: VendorMatch | None = match_profile(r.lines, r.hits, profiles)
    if vendor is None:
        vendor = header_vendor(r.lines, r.hits, page.height)
    profile = vendor.profile if vendor else None

    # The number last: values already claimed by their labels are not serials.
    _read_date(r)
    _read_weights_and_quantity(r)
    _read_simple(r)
    _read_ticket_number(r, profile)
    if not _is_ticket(r, vendor):
        return None

    if vendor is not None:
        words = vendor.line.words if vendor.line else []
        r.reads["vendor"] = FieldRead(
            vendor.name, vendor.confidence, "profile" if profile else page.source, _box(words)
        )
    hand = _mark_handwriting(r, profile)

    _drop_unreadable_hand(r)
    ticket = Ticket(source_file="", page=0, worked_out=dict(r.worked_out))
    for fld, fr in r.reads.items():
        setattr(ticket, fld, fr.value)
        ticket.field_confidence[fld] = fr.confidence if fr.value is not None else 0.0
        if fr.box:
            ticket.field_boxes[fld] = fr.box
        if fr.handwritten and fld not in ticket.uncertain_fields:
            ticket.uncertain_fields.append(fld)
        if fr.ruled:
            ticket.ruled_fields.append(fld)
    # A label printed on the page whose value could not be read: the value exists, we missed it.
    # A printed placeholder ('Job: -', 'PO: N/A') says the field is empty on purpose; a dash
    # among a driver's scrawls says nothing.
    for fld, label_fields in _EXPECTED.items():
        hits = [h for lf in label_fields for h in r.hits_for(lf)]
        if getattr(ticket, fld) is None and hits:
            if fld not in hand and all(r.left_blank(h) for h in hits):
                continue
            ticket.field_confidence[fld] = 0.0
            if fld in hand and fld not in ticket.uncertain_fields:
                # Written by the driver and not read at all: a field for the person to fill.
                ticket.uncertain_fields.append(fld)
    if "quantity" in ticket.uncertain_fields and ticket.unit is None:
        # The driver wrote a unit we could not read: a person supplies it, we do not guess.
        ticket.uncertain_fields.append("unit")
    if job and not ticket.job:
        ticket.job = job
        ticket.field_confidence["job"] = 1.0
    # A stamp in coloured ink is read on the ink channel, when that was read (a number unsure).
    if voided(r.lines) or voided(build_lines(page.ink_words)):
        ticket.review_reasons.append(ReviewReason.VOID.value)
    return ticket


def _mark_handwriting(r: _Reader, profile: VendorProfile | None) -> list[str]:
    """Carbon-copy haul tickets: values are a driver's handwriting, whatever OCR made of them.

    With a profile its family decides. Without one the page must show it: no weights printed,
    and a numbering-machine serial or at least two values that look written by hand. A single
    script-like value on a printed ticket is a poor read, sent to review as low confidence.
    Returns the fields taken as handwritten.
    """
    if profile is not None and profile.family == "haul":
        fields = profile.handwritten_fields or list(HAUL_FIELDS)
    elif profile is None and _haul_like(r):
        fields = list(HAUL_FIELDS)
    else:
        fields = []
        for fld in r.hand_evidence if not _large_print(r) else ():
            if fld in r.reads:
                r.reads[fld].confidence = min(r.reads[fld].confidence, LOW_WORD_CONF / 100)
    for fld in fields:
        if fld in r.reads:
            r.reads[fld].handwritten = True
    return fields


# Values printed large under small captions: as many values this tall beside their labels,
# read this surely, as evenly sized as one font sets them. A driver's hand varies more from
# field to field, and Tesseract is rarely this sure of it.
LARGE_PRINT_FIELDS = 5
LARGE_PRINT_CONF = 0.9
LARGE_PRINT_SPREAD = 1.4
WRAPPED_BOX = 1.6  # a box this much taller than the others holds a wrapped second line


def _large_print(r: _Reader) -> bool:
    """The tall values of a printed ticket are its font, not handwriting."""
    reads = [r.reads[f] for f in r.hand_evidence if f in r.reads]
    heights = sorted(fr.box[3] for fr in reads if fr.box is not None)
    if len(heights) < LARGE_PRINT_FIELDS or len(heights) < len(reads):
        return False
    typical = heights[len(heights) // 2]
    lines = [h for h in heights if h <= WRAPPED_BOX * typical]
    # The tallest and the shortest aside; and a name with a "g" or "y" hangs a third lower
    # than a number set in capitals and digits.
    middle = lines[1:-1] if len(lines) > LARGE_PRINT_FIELDS else lines
    confs = sorted(fr.confidence for fr in reads)
    return (
        len(lines) >= LARGE_PRINT_FIELDS
        and confs[len(confs) // 2] >= LARGE_PRINT_CONF
        and max(middle) <= LARGE_PRINT_SPREAD * min(middle)
    )


# A handwritten value read with less confidence than this is OCR's guess at a scrawl: the
# field is left empty for the operator rather than filled with 'pate' for a truck number.
HAND_KEEP_CONF = 0.6


def _drop_unreadable_hand(r: _Reader) -> None:
    for fld, fr in list(r.reads.items()):
        if not fr.handwritten or fld == "unit":
            continue
        text = str(fr.value)
        if fld in _CODE_FIELDS:
            garbled = not (P.is_clean_code(text) and any(c.isdigit() for c in text))
        else:  # a name or a material: 'C/S' is one, 'au' is a scrawl
            garbled = fld in ("material", "hauler") and sum(c.isalnum() for c in text) < 3
        if fr.confidence < HAND_KEEP_CONF or garbled:
            fr.value = None
    quantity, unit = r.reads.get("quantity"), r.reads.get("unit")
    if quantity is not None and quantity.value is None and unit is not None and unit.handwritten:
        unit.value = None  # a unit for a quantity no one could read says nothing


def _haul_like(r: _Reader) -> bool:
    has_weights = any(f in r.reads for f in ("gross_lb", "tare_lb", "net_lb"))
    serial = "ticket_number" in r.reads and (r.stamped or not r.hits_for("ticket_number"))
    hand = len(r.hand_evidence & set(HAUL_FIELDS)) >= 2
    return not has_weights and (serial or hand)
