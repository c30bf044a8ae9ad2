"""Scan text is hostile: make any string safe for a workbook cell, a CSV field or a PDF line.

OCR output and file names come from paper nobody here controls. A value that starts with `=`
would become a live formula in Excel (CSV/formula injection); control characters make openpyxl
refuse the whole workbook; a 100,000-character "ticket number" would blow up a cell or a table.
"""

from __future__ import annotations

import re

# Characters a spreadsheet treats as the start of a formula (OWASP's list: tab and CR too).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# Excel's limit for one cell; openpyxl silently truncates past it, we do it knowingly.
EXCEL_CELL_MAX = 32_767

# What XML 1.0 (and so openpyxl) refuses: C0 controls except tab, LF, CR; plus lone surrogates
# and the two non-characters, which would make the file unreadable.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_WHITESPACE_RUN = re.compile(r"\s+")


def clean_text(value: str, limit: int = EXCEL_CELL_MAX) -> str:
    """Drop characters no file format here can hold, and cap the length."""
    text = _ILLEGAL.sub("", value)
    if len(text) > limit:
        text = text[: max(0, limit - 1)] + "\u2026"
    return text


def one_line(value: str, limit: int) -> str:
    """Collapse whitespace (newlines included) for a table cell in the report."""
    return clean_text(_WHITESPACE_RUN.sub(" ", value).strip(), limit)


def looks_like_formula(value: str) -> bool:
    return value.startswith(FORMULA_STARTS)


def csv_safe(value: str) -> str:
    """Neutralise a CSV field: a leading apostrophe makes Excel show it as text, not run it."""
    text = clean_text(value)
    if looks_like_formula(text):
        return "'" + text
    return text
