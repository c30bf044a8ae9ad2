"""Value parsers: text as OCR delivers it in, a typed value (or None) out.

Each parser tolerates the usual OCR confusions in numbers (O/0, l/I/1, S/5, B/8), thousands
separators and stray punctuation, and refuses what only looks like a value: phone numbers,
zip codes, times of day. A parser never raises on any text.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

# Letters OCR puts where a digit was printed; applied only inside number-like tokens.
_DIGIT_FIX = str.maketrans(
    {
        "O": "0",
        "o": "0",
        "D": "0",
        "Q": "0",
        "l": "1",
        "I": "1",
        "|": "1",
        "i": "1",
        "!": "1",
        "S": "5",
        "s": "5",
        "B": "8",
        "Z": "2",
        "z": "2",
        "g": "9",
        "G": "6",
    }
)

_DIGIT_FIX_LETTERS = frozenset(chr(k) for k in _DIGIT_FIX)

PHONE_RE = re.compile(r"\(?\b\d{3}\)?[\s.-]?\d{3}[\s.-]\d{4}\b")
TIME_RE = re.compile(r"\b\d{1,2}:\d{2}(?::\d{2})?\s*(?:[AP]\.?M\.?)?", re.IGNORECASE)
ZIP_CONTEXT_RE = re.compile(r"\b(?:[A-Z]{2}|[A-Z][a-z]+,?)\s+\d{5}(?:-\d{4})?\b")


def fix_digits(token: str) -> str:
    """'1O,45S' -> '10,455' when the token is mostly digits; other tokens are left alone."""
    core = re.sub(r"[^0-9A-Za-z|!]", "", token)
    if not core:
        return token
    months = [m for m in re.finditer(r"[A-Za-z]{3,9}", token) if _month(m.group(0))]
    if months:
        # '17-OCT-24': the letters are a month; 'O5-APR-24': the digits around it are fixed.
        m = months[0]
        return fix_digits(token[: m.start()]) + m.group(0) + fix_digits(token[m.end() :])
    if "-" in token:
        # Each group on its own: the letters of 'SC-2024-00123' are a prefix, not misreads.
        return "-".join(fix_digits(part) for part in token.split("-"))
    digits = sum(c.isdigit() for c in core)
    if digits == 0 or digits < len(core) / 2:
        return token
    return token.translate(_DIGIT_FIX)


def is_phone(text: str) -> bool:
    return bool(PHONE_RE.search(text))


def is_time(text: str) -> bool:
    return bool(TIME_RE.fullmatch(text.strip()))


# ----------------------------------------------------------------------------- dates

_SEP = r"\s?[/.\-]\s?"
_DATE_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    # ISO dates, with the time after a 'T' as dispatch systems export them ('2024-10-17T08:15')
    (re.compile(rf"\b(\d{{4}}){_SEP}(\d{{1,2}}){_SEP}(\d{{1,2}})(?:\b|(?=T\d))"), "ymd"),
    (re.compile(rf"\b(\d{{1,2}}){_SEP}(\d{{1,2}}){_SEP}(\d{{4}}|\d{{2}})\b"), "mdy"),
    # 'Oct 17, 2024', and 'Oct17, 2024' where OCR lost the space
    (re.compile(r"\b([A-Za-z]{3,9})\.?\s*(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b"), "Mdy"),
    # 'OCT-17-2024', 'Oct-17-24'
    (re.compile(r"\b([A-Za-z]{3,9})-(\d{1,2})-(\d{4}|\d{2})\b"), "Mdy"),
    (re.compile(r"\b(\d{1,2})\s?[-\s]\s?([A-Za-z]{3,9})\s?[-\s,]\s?(\d{4}|\d{2})\b"), "dMy"),
    # '06DEC26', '06DEC2026': scale-house and mainframe software print the date run together
    # (and OCR may split it at one end: '06 DEC26')
    (re.compile(r"\b(\d{1,2}) ?([A-Za-z]{3}) ?(\d{4}|\d{2})\b"), "dMy"),
]


def _year(y: int) -> int:
    return y + 2000 if y < 100 else y


_MONTH_NAMES = (
    "JANUARY", "FEBRUARY", "MARCH", "APRIL", "MAY", "JUNE", "JULY", "AUGUST", "SEPTEMBER",
    "OCTOBER", "NOVEMBER", "DECEMBER",
)  # fmt: skip


def _month(name: str) -> int | None:
    """'Oct', 'OCT', 'October', 'Sept' -> 10, 10, 10, 9; 'Marker' or 'Junk' -> None."""
    key = name.upper()
    if len(key) < 3:
        return None
    for i, full in enumerate(_MONTH_NAMES, start=1):
        if full.startswith(key):
            return i
    return None


def _digits_fixed(text: str) -> str:
    return "".join(
        fix_digits(t) if any(c.isdigit() for c in t) else t for t in re.split(r"(\s+)", text)
    )


def find_dates(text: str, day_first: bool = False) -> list[tuple[dt.date, int, int]]:
    """Every date in `text` with its span. Numeric dates are month-first, as US tickets print
    them, unless `day_first` (the page says so: see date_order) or the first number is above
    12 ('17/10/2024' from a Canadian scale house)."""
    fixed = _digits_fixed(text)
    found: list[tuple[dt.date, int, int]] = []
    taken: list[tuple[int, int]] = []
    for rx, kind in _DATE_PATTERNS:
        for m in rx.finditer(fixed):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            try:
                a, b, c = m.groups()
                if kind == "ymd":
                    d = dt.date(int(a), int(b), int(c))
                elif kind == "mdy":
                    dmy = int(a) > 12 or (day_first and int(b) <= 12)
                    month, day = (int(b), int(a)) if dmy else (int(a), int(b))
                    d = dt.date(_year(int(c)), month, day)
                elif kind == "Mdy":
                    mo = _month(a)
                    if mo is None:
                        continue
                    d = dt.date(_year(int(c)), mo, int(b))
                else:
                    mo = _month(b)
                    if mo is None:
                        continue
                    d = dt.date(_year(int(c)), mo, int(a))
            except (ValueError, OverflowError):
                continue
            found.append((d, m.start(), m.end()))
            taken.append((m.start(), m.end()))
    return sorted(found, key=lambda x: x[1])


def parse_date(text: str, day_first: bool = False) -> dt.date | None:
    dates = find_dates(text, day_first)
    return dates[0][0] if dates else None


_NUMERIC_DATE = _DATE_PATTERNS[1][0]


def date_order(text: str) -> str | None:
    """What a numeric date in `text` proves about the order: 'dmy' for '17/10/2024', 'mdy' for
    '10/17/2024', None when both numbers could be a month."""
    for m in _NUMERIC_DATE.finditer(_digits_fixed(text)):
        a, b = int(m.group(1)), int(m.group(2))
        if 12 < a <= 31 and 1 <= b <= 12:
            return "dmy"
        if 12 < b <= 31 and 1 <= a <= 12:
            return "mdy"
    return None


def ambiguous_date(text: str) -> bool:
    """The first date in `text` is numeric and reads as two dates ('03/06/2025')."""
    m = _NUMERIC_DATE.search(_digits_fixed(text))
    return (
        m is not None and m.group(1) != m.group(2) and max(int(m.group(1)), int(m.group(2))) <= 12
    )


def date_readings(text: str) -> set[dt.date]:
    """The dates the first date in `text` can be, in either order."""
    return {d for d in (parse_date(text), parse_date(text, day_first=True)) if d is not None}


# ----------------------------------------------------------------------------- numbers

_WEIGHT_RE = re.compile(
    r"(?<![\d.,])(\d{1,3}(?:[,.\s]\d{3})+|\d{3,6})(?:\.(\d{1,2}))?(?![\d,])\s*"
    r"(lbs?|ib|ibs|1b|#|kgs?)?(?![a-z])",
    re.IGNORECASE,
)
# A unit set against its digits ('59129lb', read '591291b'): split off before the digits are
# fixed, or its 'l' becomes one more digit.
_GLUED_UNIT = re.compile(r"(\d)((?:[lI1|]|i)bs?\.?|kgs?\.?)(?![a-z])", re.IGNORECASE)
LB_PER_KG = 2.20462262
KG_RE = re.compile(r"(?<![a-z])kgs?(?![a-z])|kilo(?:gram)?s?", re.IGNORECASE)


def kg_to_lb(kg: float) -> float:
    return float(round(kg * LB_PER_KG))


def parse_weight(text: str) -> float | None:
    """A weight in pounds: '43,906 lbs', '43906 LB', '43.906 Ib' (a dot for a comma); one
    printed in kilograms ('19,915 kg', metric scales) is converted, as the columns are pounds."""
    fixed = " ".join(fix_digits(t) for t in _GLUED_UNIT.sub(r"\1 \2", text).split())
    if is_phone(fixed):
        return None
    for m in _WEIGHT_RE.finditer(fixed):
        whole = re.sub(r"[,.\s]", "", m.group(1))
        try:
            value = float(whole)
        except ValueError:
            continue
        if (m.group(3) or "").lower().startswith("k"):
            value = kg_to_lb(value)
        if 500 <= value <= 250_000:
            return value
    return None


def has_weight_unit(text: str) -> bool:
    """The value names its own unit ('36,120 lb', '16,380 kg'): a label's unit does not apply."""
    return any(m.group(3) for m in _WEIGHT_RE.finditer(text))


_DECIMAL_RE = re.compile(r"(?<![\d.,])(\d{1,4}(?:[.,]\d{1,3})?)(?![\d,/:-])")


def parse_decimal(text: str, low: float = 0.0, high: float = 1e9) -> float | None:
    """A small quantity: '25.05', '6.5', '20', '12,5' (comma for a decimal point)."""
    fixed = " ".join(fix_digits(t) for t in text.split())
    if is_phone(fixed) or TIME_RE.search(fixed) or find_dates(fixed):
        return None
    for m in _DECIMAL_RE.finditer(fixed):
        raw = m.group(1)
        if "," in raw and len(raw.split(",")[1]) == 3:
            continue  # a thousands separator: a weight, not a quantity
        try:
            value = float(raw.replace(",", "."))
        except ValueError:
            continue
        if low <= value <= high:
            return value
    return None


_UNIT_WORDS = [
    # 'yqs', 'yos': a handwritten 'yds' as OCR reads it.
    (re.compile(r"\b(?:c\.?y\.?|cu\.?\s*yds?|yds?3?|y[qoa0]s|yards?|yd³)\b", re.I), "CY"),
    (re.compile(r"\b(?:tons?|tn|tns)\b", re.I), "TN"),
    (re.compile(r"(?<=\d)\s?T\b"), "TN"),  # '18.06 T'; a lowercase t is a metric tonne
    (re.compile(r"\bloads?\b", re.I), "LOADS"),
]


TONS_PER_TONNE = 1.10231
TONNE_RE = re.compile(r"\b(?:tonnes?|MT)\b|metric\s+tons?", re.IGNORECASE)


def tonnes_to_tons(tonnes: float) -> float:
    """Metric tonnes to the short tons the quantity column counts (2000 lb each)."""
    return round(tonnes * TONS_PER_TONNE, 2)


def parse_tons_as_lb(text: str) -> float | None:
    """A weight printed in short tons ('36.25 T', '17.08 tons'), in pounds. A figure in the
    thousands is pounds whatever the label says ('72,340' is not 72.34 tons)."""
    if parse_unit(text) != "TN" or TONNE_RE.search(text):
        return None
    pounds = parse_weight(text)
    if pounds is not None and pounds >= 1000:
        return None
    value = parse_decimal(text, 0.01, 80)
    return None if value is None else round(value * 2000, 1)


LB_PER_TONNE = 2204.62262
# A lower-case t set after a figure is a metric tonne ('12.25 t'); an upper-case one a short ton.
TONNE_VALUE_RE = re.compile(r"\d\s?t\b")


def parse_tonnes_as_lb(text: str) -> float | None:
    """A weight printed in metric tonnes ('12.25 t', '27.440 tonnes', '18.2 MT'), in pounds.
    UK and Australian weighbridges print nothing else."""
    if not (TONNE_VALUE_RE.search(text) or TONNE_RE.search(text)):
        return None
    value = parse_decimal(text, 0.01, 100)
    return None if value is None else float(round(value * LB_PER_TONNE))


def parse_unit(text: str) -> str | None:
    for rx, unit in _UNIT_WORDS:
        if rx.search(text):
            return unit
    return None


# ----------------------------------------------------------------------------- identifiers

_ID_RE = re.compile(r"^[A-Z]{0,3}-?\d[\dA-Z-]*$")


# A site's letter prefix set against the digits ('G895902', 'LF220931') is kept as printed; an
# I or O there is a misread 1 or 0, and lower case is a misread ('l174962').
_LETTER_PREFIX = re.compile(r"^([A-HJ-NP-Z]{1,3})(\d{4,12})$")
# Tesseract reads a printed S before digits as a dollar sign; no ticket is numbered in dollars.
_DOLLAR_S = re.compile(r"^\$(?=\d{4})")


def letter_prefix_doubtful(value: str) -> bool:
    """A ticket number whose letter prefix could be digits misread ('S104522' for '5104522',
    'G' for '6', 'B' for '8'): a person settles it."""
    m = _LETTER_PREFIX.match(value)
    return m is not None and any(c in _DIGIT_FIX_LETTERS for c in m.group(1))


def parse_ticket_number(text: str) -> str | None:
    """A ticket or serial number: 4-12 characters, mostly digits, maybe a short letter prefix;
    up to 16 where hyphens group it ('SC-2024-00123' from a dispatch system)."""
    for raw in text.split():
        tok = raw.strip(".,:;=#*()[]{}'\"‘’“”|")
        if not tok:
            continue
        if is_phone(tok) or is_time(tok) or find_dates(tok):
            return None
        tok = _DOLLAR_S.sub("S", tok)
        fixed = tok if _LETTER_PREFIX.match(tok) else fix_digits(tok).upper()
        if not _ID_RE.match(fixed):
            return None
        digits = sum(c.isdigit() for c in fixed)
        hyphens = fixed.count("-")
        longest = 16 if hyphens else 12
        if 4 <= len(fixed) <= longest and digits >= max(4, len(fixed) - 3 - hyphens):
            return fixed
        return None
    return None


# Tesseract reads a code's leading 'J' as a bracket ('}-4471' for 'J-4471'): no code starts
# with a bracket, so the letter is put back. Callers flag such a value: the fix is a guess.
_BRACKET_J = re.compile(r"^[}\]](?=-?[0-9])")


def bracket_for_j(text: str) -> bool:
    """The first token starts with a bracket that parse_code takes for a 'J'."""
    return bool(_BRACKET_J.match(text.strip()))


_TRAILING_BRACKET = re.compile(r"^[^\s(\[{]*[A-Za-z0-9][)\]}]+(?:\s|$)")


def lost_glyph(text: str) -> bool:
    """The code's token ends in a bracket nothing opened ('BT47D}' for 'BT47DJ'): a glyph
    Tesseract took for punctuation, which parse_code strips, so the value is a glyph short."""
    return _TRAILING_BRACKET.match(text.strip()) is not None


def unbracket(text: str) -> str:
    """Every token's leading bracket before digits read as the 'J' it usually is."""
    return " ".join(_BRACKET_J.sub("J", tok) for tok in text.split())


def parse_code(text: str, max_len: int = 12) -> str | None:
    """A short identifier (truck, manifest, job): the first token, cleaned."""
    if is_placeholder(text):
        return None
    for raw in unbracket(text).split():
        tok = raw.strip(".,:;=*()[]{}'\"‘’“”|")
        if tok in ("#", "-", "") or is_time(tok) or is_phone(tok):
            continue
        if raw.endswith((":", "#")) and tok.rstrip("#").isalpha():
            return None  # a label we do not know ('Reg:', 'PO#'), not its value
        if 1 <= len(tok) <= max_len and any(c.isalnum() for c in tok):
            return tok.upper() if any(c.isdigit() for c in tok) else tok
        return None
    return None


# A registration plate printed in two groups: 'DD14 VAW' (UK), 'ABC 1234' (US), '1AB 2CD'.
_PLATE_RE = re.compile(r"([A-Z0-9]{1,4}) ([A-Z0-9]{2,4})(?![A-Za-z0-9])")


def parse_plate(text: str) -> str | None:
    """A plate in two groups of capitals and digits, as printed; None when the value is one
    group (parse_code reads that) or does not look like a plate."""
    m = _PLATE_RE.match(" ".join(text.split()))
    if m is None or is_phone(m.group(0)) or is_time(m.group(1)):
        return None
    plate = m.group(1) + m.group(2)
    tail = text.split()[2:3]
    if tail and tail[0].isalnum() and len(tail[0]) <= 4:
        return None  # a third group: not a plate's two ('GB 615 9756 38' is a VAT number)
    has_both = any(c.isdigit() for c in plate) and any(c.isalpha() for c in plate)
    return m.group(0) if has_both and 5 <= len(plate) <= 8 else None


def _numbered(code: str | None) -> str | None:
    """A code that is a number of some sort: a word alone ('Tracking', of 'Manifest Tracking
    No.') is never a manifest."""
    return code if code and any(c.isdigit() for c in code) else None


def parse_job(text: str) -> str | None:
    """A job code ('24-105', 'J-4471') or, where the ticket prints the job by name, the name
    ('Hwy 101 Widening', 'Smith Residence'): a name's first word alone would be wrong."""
    code = parse_code(text, 12)
    if code is None or any(c.isdigit() for c in code) or len(text.split()) == 1:
        return code
    return parse_text(text, max_words=5)


# Dashes, not dots or underscores: a faint value can read as a dot, and a rule to write on
# is where a driver's value goes.
_PLACEHOLDER = re.compile(r"[-–—]{1,3}|N/?A|NONE", re.IGNORECASE)


def is_placeholder(text: str) -> bool:
    """What a form prints in a field left empty on purpose: '-', '—', 'N/A', 'none'."""
    return _PLACEHOLDER.fullmatch(text.strip(" :#|")) is not None


_CLEAN_CODE = re.compile(r"[A-Z0-9](?:[A-Z0-9 ./#-]*[A-Z0-9])?", re.IGNORECASE | re.ASCII)


def is_clean_code(value: str) -> bool:
    """Letters and digits (ASCII), joined by dashes, dots, slashes or spaces: 'T-227', 'J-4471',
    '24-105'. A leading dash or an odd symbol means OCR lost or garbled a character."""
    return _CLEAN_CODE.fullmatch(value) is not None


_ROMAN = re.compile(r"^(?=.*[Il])[Il1|]{2,3}$")


# Label punctuation around a printed name, the dashes of a 'Material — Fill Dirt' layout with it.
_TEXT_EDGE = " :#.=-–—|"


def parse_text(text: str, max_words: int = 6) -> str | None:
    """Free text (hauler, material): the words as printed, trimmed of label punctuation."""
    # A '#' before digits is part of a name ('#57 Stone', the ASTM size); alone it is label
    # punctuation left over ('Material #: Fill Sand').
    trimmed = text.strip(_TEXT_EDGE)
    if trimmed[:1].isdigit() and text.rstrip(_TEXT_EDGE).endswith("#" + trimmed):
        trimmed = "#" + trimmed
    words = [w for w in trimmed.split() if w not in ("|", "-", "–", "—", "_")]
    if not words or len(words) > max_words or is_placeholder(text):
        return None
    # 'Class Il Base': OCR mixes I, l and 1 in a roman numeral; a free-standing run of them
    # in a name is a numeral (Class II, Type III), never a word.
    words = [_ROMAN.sub(lambda m: "I" * len(m.group(0)), w) for w in words]
    value = " ".join(words).rstrip(" :#.-–—_|").lstrip(" :.-–—_|")
    letters = sum(c.isalpha() for c in value)
    if len(value) < 2 or not letters:
        return None
    if letters <= 3 and (parse_weight(value) is not None or parse_tons_as_lb(value) is not None):
        return None  # '79957 lb' or '21.53 TN', a weight from the next row, is nobody's name
    return value


# field -> the parser its printed value is read with, by extraction and by the second look alike.
FIELD_PARSERS: dict[str, Callable[[str], Any]] = {
    "ticket_number": parse_ticket_number,
    "date": parse_date,
    "truck": lambda t: parse_code(t, 10),
    "manifest": lambda t: _numbered(parse_code(t, 14)),
    "job": parse_job,
    "hauler": parse_text,
    "material": parse_text,
    "gross_lb": parse_weight,
    "tare_lb": parse_weight,
    "net_lb": parse_weight,
    "quantity": lambda t: parse_decimal(t, 0.01, 500),
}
