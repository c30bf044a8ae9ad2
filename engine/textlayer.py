"""Is a PDF's own text layer worth reading instead of OCR?

Born-digital tickets carry perfect text; scanners' OCR layers and broken font encodings carry
garbage. A garbage layer read as truth produces confident wrong values, so the bar is high.
"""

from __future__ import annotations

import re

from .models import Word

_PLAUSIBLE = re.compile(
    r"""^(
        [A-Za-z][a-z]+[.,:;]?            # a word
      | [A-Z]{1,12}[.,:;#]?              # an acronym or label
      | [#$(]?[0-9][0-9,./:\-]*[)%]?     # a number, date, time or amount
      | [A-Za-z]{1,4}[#:.]               # a label like No. or TKT#
      | [A-Za-z0-9]+[-/][A-Za-z0-9/-]+   # codes like SPG-122 or C/S
      | [&@/\-–:|#*]                     # lone punctuation that forms use
    )$""",
    re.VERBOSE,
)


def usable(words: list[Word], min_words: int = 5, min_share: float = 0.85) -> bool:
    if len(words) < min_words:
        return False
    plausible = sum(1 for w in words if _PLAUSIBLE.match(w.text))
    if plausible / len(words) < min_share:
        return False
    # Runs of one repeated glyph ("lllllll") are a barcode or rule read as text.
    # Numbers are exempt: ticket 500000 and a 111222 weight are digits, not a rule.
    repeated = sum(
        1 for w in words if len(w.text) >= 6 and len(set(w.text)) <= 2 and not w.text.isdigit()
    )
    return repeated / len(words) < 0.05
