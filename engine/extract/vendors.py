"""Who issued the ticket: vendor profiles (data in resources/vendors/*.toml) and a generic
header rule for vendors with no profile.

The vendor is the company whose header is printed on the ticket, never the customer printed in
a 'Customer' / 'Sold to' field, so lines led by such a label are left out of the match.
"""

from __future__ import annotations

import re
import statistics
import tomllib
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz

from ..models import Word
from .layout import LabelHit, Line

_CUSTOMER_FIELDS = {"_customer"}


@dataclass
class VendorProfile:
    name: str  # canonical name, as it goes to the workbook
    aliases: list[str] = field(default_factory=list)  # printed wordings of the name
    keywords: list[str] = field(default_factory=list)  # phones, e-mails, addresses: exact clues
    family: str = "scale"  # scale (typed values) | haul (carbon copy, handwritten values)
    ticket_pattern: str | None = None  # regex the ticket number fully matches
    handwritten_fields: list[str] = field(default_factory=list)
    source: str = ""  # the file it came from

    def names(self) -> list[str]:
        return [self.name, *self.aliases]


def load_profiles(directory: Path) -> list[VendorProfile]:
    """All *.toml profiles in `directory`, sorted by file name; a broken file is skipped."""
    profiles: list[VendorProfile] = []
    if not directory.is_dir():
        return profiles
    for path in sorted(directory.glob("*.toml")):
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
            name = str(data["name"]).strip()
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, KeyError):
            continue
        if not name:
            continue
        pattern = data.get("ticket_pattern")
        if pattern:
            try:
                re.compile(str(pattern))
            except re.error:
                pattern = None
        profiles.append(
            VendorProfile(
                name=name,
                aliases=[str(a) for a in data.get("aliases", [])],
                keywords=[str(k) for k in data.get("keywords", [])],
                family=str(data.get("family", "scale")),
                ticket_pattern=str(pattern) if pattern else None,
                handwritten_fields=[str(f) for f in data.get("handwritten_fields", [])],
                source=path.name,
            )
        )
    return profiles


def normalise(text: str) -> str:
    """Upper case, '&' spelled out, accents and punctuation gone: what two printings of a name
    share ('CARRIÈRE' and 'CARRIERE', 'PEÑA' and 'PENA')."""
    t = unicodedata.normalize("NFKD", text.upper().replace("&", " AND ").replace("«", " AND "))
    t = "".join(c for c in t if not unicodedata.combining(c))
    t = re.sub(r"[^A-Z0-9@ ]+", " ", t)
    return re.sub(r"\s+", " ", t).strip()


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


@dataclass
class VendorMatch:
    name: str
    confidence: float
    profile: VendorProfile | None
    line: Line | None


def _vendor_lines(lines: Sequence[Line], hits: Sequence[LabelHit]) -> list[Line]:
    customer_lines = {h.line for h in hits if h.field in _CUSTOMER_FIELDS}
    return [ln for i, ln in enumerate(lines) if i not in customer_lines]


def match_profile(
    lines: Sequence[Line], hits: Sequence[LabelHit], profiles: Sequence[VendorProfile]
) -> VendorMatch | None:
    """The best profile: its name printed in a header line, or its phone / e-mail anywhere."""
    candidates = _vendor_lines(lines, hits)
    if not candidates or not profiles:
        return None
    norm_lines = [(ln, normalise(ln.text)) for ln in candidates]
    page_digits = " ".join(_digits(ln.text) for ln in candidates)
    page_norm = " ".join(n for _, n in norm_lines)
    best: VendorMatch | None = None
    for prof in profiles:
        score = 0.0
        where: Line | None = None
        for name in prof.names():
            target = normalise(name)
            if len(target) < 3:
                continue
            for ln, norm in norm_lines:
                if len(norm) < 3:
                    continue
                # Short names need an exact word match: fuzzy 'ROBERTS' would hit 'ROBERT'.
                if len(target) <= 8:
                    s = 100.0 if re.search(rf"\b{re.escape(target)}\b", norm) else 0.0
                else:
                    s = fuzz.partial_ratio(target, norm) if len(norm) >= len(target) * 0.6 else 0
                    s = min(s, fuzz.ratio(target, norm) + 25)
                    # 'VULCAN MATERIALS' is not on a 'Material: Soil' line: the words that set
                    # a name apart must be there, not only the trade word every vendor shares.
                    if s and not _has_distinctive_words(target, norm):
                        s = 0.0
                if s > score:
                    score, where = s, ln
        kw_hits = 0
        for kw in prof.keywords:
            d = _digits(kw)
            # Phone numbers compare by digits (OCR varies the punctuation), the rest by words.
            if len(d) >= 7:
                found = d in page_digits.replace(" ", "")
            else:
                found = bool(normalise(kw)) and normalise(kw) in page_norm
            kw_hits += found
        conf = 0.0
        if score >= 95:
            conf = 0.97
        elif score >= 88:
            conf = 0.9
        if kw_hits:
            conf = max(conf, 0.9 if kw_hits == 1 else 0.96)
            if score >= 88:
                conf = 0.99
        if conf > 0 and (best is None or conf > best.confidence):
            best = VendorMatch(prof.name, conf, prof, where)
    return best


DISTINCTIVE_MATCH = 80.0  # fuzz.ratio of one distinctive word against a word of the line
_JOINERS = frozenset(["AND", "THE", "OF", "DE", "Y"])


def _distinctive(name: str) -> list[str]:
    """A normalised name's own words, without trade and legal words: VULCAN of VULCAN MATERIALS."""
    return [w for w in name.split() if w not in COMPANY_WORDS and w not in _JOINERS]


def _has_distinctive_words(target: str, line: str) -> bool:
    """Every word that sets the name apart is on the line (fuzzily: OCR misspells; exactly
    for words of three letters or fewer)."""
    words = line.split()
    for own in _distinctive(target):
        if len(own) <= 3:
            if own not in words:
                return False
        elif max((fuzz.ratio(own, w) for w in words), default=0.0) < DISTINCTIVE_MATCH:
            return False
    return True


_NOT_A_NAME = re.compile(
    r"\b(TICKET|SCALE|DELIVERY|RECEIPT|INVOICE|DATE|WEIGHT|PHONE|FAX|CUSTOMER|PAGE)\b"
)

# A form's title ('WEIGHT TICKET', 'SCALE TICKET NO.') is often set larger than the name of
# the company under it; it is no name, so its size does not make the name look small.
_TITLE_WORDS = frozenset(
    {
        "SCALE", "WEIGHT", "WEIGH", "WEIGHMASTER", "WEIGHMASTER'S", "CERTIFICATE", "TICKET",
        "TICKETS", "DELIVERY", "RECEIPT", "BILL", "OF", "LADING", "HAUL", "HAULING", "LOAD",
        "MATERIAL", "DUMP", "DISPOSAL", "TRANSACTION", "INBOUND", "OUTBOUND", "TRUCK", "NO",
        "NO.", "#", "ORIGINAL", "COPY", "DRIVER", "CUSTOMER",
    }
)  # fmt: skip


def _is_form_title(cell: Sequence[Word]) -> bool:
    words = [w.text.upper().strip(":") for w in cell]
    return bool(words) and all(w in _TITLE_WORDS for w in words)


# Words company names are made of: a header line carrying one is a name, not a slogan or a
# form title. Industry words and legal forms; matched on whole words of the normalised line.
COMPANY_WORDS = frozenset(
    [
        "LANDFILL",
        "QUARRY",
        "QUARRIES",
        "MATERIALS",
        "MATERIAL",
        "CONCRETE",
        "ASPHALT",
        "RECYCLING",
        "DISPOSAL",
        "AGGREGATE",
        "AGGREGATES",
        "ROCK",
        "SAND",
        "GRAVEL",
        "PAVING",
        "READY",
        "MIX",
        "TRANSFER",
        "STATION",
        "TRUCKING",
        "TRUCKS",
        "HAULING",
        "HAULERS",
        "TRANSPORT",
        "TRANSPORTATION",
        "CARRIERS",
        "LOGISTICS",
        "FREIGHT",
        "EARTHWORKS",
        "GRADING",
        "EQUIPMENT",
        "MINERALS",
        "RESOURCES",
        "RECYCLERS",
        "METALS",
        "SCRAP",
        "SANITATION",
        "COMPOST",
        "SOILS",
        "BUILDERS",
        "EXCAVATING",
        "EXCAVATION",
        "CONSTRUCTION",
        "CONTRACTORS",
        "ENTERPRISES",
        "SERVICES",
        "WASTE",
        "ENVIRONMENTAL",
        "DEMOLITION",
        "SUPPLY",
        "PLANT",
        "PIT",
        "MINE",
        "MINING",
        "CEMENT",
        "STONE",
        "SONS",
        "BROS",
        "BROTHERS",
        "INC",
        "LLC",
        "CO",
        "CORP",
        "CORPORATION",
        "COMPANY",
        "LTD",
        "LP",
        "GROUP",
        "INDUSTRIES",
        "LIMITED",
        "PTY",
        "CONTRACTING",
        "HOLDINGS",
        # Canada's French and Mexico's Spanish names: quarry, aggregates, legal forms.
        "CARRIERE",
        "CARRIERES",
        "LTEE",
        "ENR",
        "AGREGADOS",
        "MATERIALES",
        "TRANSPORTES",
        "CANTERA",
    ]
)
# A header name read at least this sure (Tesseract word confidence / 100) on every word, with a
# company word in it, is trusted without a profile.
HEADER_TRUST_CONF = 0.90
HEADER_TRUSTED = 0.93  # above review's vendor threshold: accepted
HEADER_UNTRUSTED = 0.85  # below it: shown to a person as an unknown vendor

# A street address or city line: starts with a house number, or ends in a state and zip code.
_ADDRESS = re.compile(r"^\s*\d{2,6}\s+[A-Za-z]|\b[A-Z]{2}\s+\d{5}(?:-\d{4})?\b")


def _first_cell(ln: Line) -> list[Word]:
    return [w for w, c in zip(ln.words, ln.cell_of, strict=True) if c == ln.cell_of[0]]


def header_vendor(
    lines: Sequence[Line], hits: Sequence[LabelHit], height: int
) -> VendorMatch | None:
    """No profile: the name in the biggest type near the top of the page.

    Only the line's first cell counts: a header line often carries a phone or a 'DELIVERY
    TICKET' title beside the name. The name is trusted (accepted without review) only when it
    is the biggest type of the upper page, every word was read with high confidence and it
    looks like a company name; otherwise it is reported but sent to review.
    """
    best: tuple[float, list[Word]] | None = None
    # Lines opened by a label are fields ('Material: Rock'); a label inside a name is not
    # ('HOT MIX ASPHALT PLANT').
    label_lines = {h.line for h in hits if h.first == 0}
    tallest = 0.0
    for i, ln in enumerate(lines):
        if ln.top > 0.45 * height:
            continue
        # Only words count: a punch hole read as '@' or a staple as '—' is no type size.
        worded = [w.height for w in ln.words if sum(c.isalnum() for c in w.text) >= 2]
        cell = _first_cell(ln)
        if worded and not _is_form_title(cell):
            tallest = max(tallest, float(statistics.median(worded)))
        if i in label_lines:
            continue
        text = " ".join(w.text for w in cell).strip()
        letters = sum(c.isalpha() for c in text)
        if letters < 4 or letters < 0.6 * len(text.replace(" ", "")):
            continue
        if _NOT_A_NAME.search(text.upper()) or _ADDRESS.search(text):
            continue
        if min(w.conf for w in cell) / 100 < 0.6:
            continue
        h = float(statistics.median(w.height for w in cell))
        score = h * (1.0 - 0.3 * ln.top / max(height, 1))
        if best is None or score > best[0]:
            best = (score, cell)
    if best is None:
        return None
    cell = best[1]
    name = re.sub(r"\s+", " ", " ".join(w.text for w in cell)).strip(" ,.-–—_|~")
    if len(name) < 3:
        return None
    conf = min(w.conf for w in cell) / 100
    biggest = float(statistics.median(w.height for w in cell)) >= 0.9 * tallest
    companyish = bool(COMPANY_WORDS & set(normalise(name).split()))
    trusted = conf >= HEADER_TRUST_CONF and biggest and companyish
    line = next((ln for ln in lines if cell[0] in ln.words), None)
    return VendorMatch(name.upper(), HEADER_TRUSTED if trusted else HEADER_UNTRUSTED, None, line)
