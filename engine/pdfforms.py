"""Values typed into a PDF's fillable fields, as words where the page shows them.

Some ticket systems send a filled-in form rather than a flattened page: the captions are page
text, the values live in the form's fields, and PDFium's text layer holds only the captions
('Ticket No:' with nothing after it). The values are read from the fields and placed in their
boxes as words, so the extraction finds them beside their captions like any other text.

Only text fields and drop-down lists count (a ticked box's 'Yes' is no value); a form with
thousands of fields or a value of pages of text is read up to a limit, never in full.
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable

import pypdfium2 as pdfium

from .models import Word

raw = pdfium.raw

MAX_FIELDS = 400
MAX_VALUE_CHARS = 200
# Glyph box height and advance as shares of the font size (digits and capitals of a sans face).
GLYPH_HEIGHT = 0.7
ADVANCE = 0.55
_VALUE_FIELDS = {raw.FPDF_FORMFIELD_TEXTFIELD, raw.FPDF_FORMFIELD_COMBOBOX}


def has_form(doc: pdfium.PdfDocument) -> bool:
    """Whether the document carries a fillable form (then `doc.init_forms()` is needed before
    its pages are loaded, for the values to be read and drawn)."""
    return bool(raw.FPDF_GetFormType(doc.raw) != raw.FORMTYPE_NONE)


def form_words(
    doc: pdfium.PdfDocument,
    page: pdfium.PdfPage,
    shown: Callable[[float, float], tuple[float, float]],
) -> list[Word]:
    """The page's field values as words, in points x100 as shown (the text layer's units);
    `shown` maps the page's own space to where the page is drawn (see documents)."""
    formenv = getattr(doc, "formenv", None)
    if formenv is None:
        return []
    words: list[Word] = []
    count = min(int(raw.FPDFPage_GetAnnotCount(page.raw)), MAX_FIELDS)
    for i in range(count):
        annot = raw.FPDFPage_GetAnnot(page.raw, i)
        if not annot:
            continue
        try:
            field = _field(formenv.raw, annot)
        finally:
            raw.FPDFPage_CloseAnnot(annot)
        if field is not None:
            words.extend(_placed(*field, shown))
    return words


def _field(formenv: object, annot: object) -> tuple[str, tuple[float, ...], float] | None:
    if raw.FPDFAnnot_GetSubtype(annot) != raw.FPDF_ANNOT_WIDGET:
        return None
    if raw.FPDFAnnot_GetFormFieldType(formenv, annot) not in _VALUE_FIELDS:
        return None
    n_bytes = int(raw.FPDFAnnot_GetFormFieldValue(formenv, annot, None, 0))
    if n_bytes <= 2:
        return None
    n_bytes = min(n_bytes, 2 * MAX_VALUE_CHARS + 2)
    buf = ctypes.create_string_buffer(n_bytes)
    raw.FPDFAnnot_GetFormFieldValue(
        formenv, annot, ctypes.cast(buf, ctypes.POINTER(raw.FPDF_WCHAR)), n_bytes
    )
    value = buf.raw[: n_bytes - 2].decode("utf-16-le", errors="replace").strip()
    rect = raw.FS_RECTF()
    if not value or not raw.FPDFAnnot_GetRect(annot, rect):
        return None
    size = ctypes.c_float(0.0)
    raw.FPDFAnnot_GetFontSize(formenv, annot, ctypes.byref(size))
    box = (rect.left, rect.bottom, rect.right, rect.top)
    return value, box, float(size.value)


def _placed(
    value: str,
    box: tuple[float, ...],
    font_size: float,
    shown: Callable[[float, float], tuple[float, float]],
) -> list[Word]:
    (ax, ay), (bx, by) = shown(box[0], box[1]), shown(box[2], box[3])
    left, top, bottom = min(ax, bx), min(ay, by), max(ay, by)
    lines = value.splitlines()
    # Auto-sized text (size 0) fills its box.
    size = font_size if font_size > 0 else min(bottom - top, 24.0) / (1.2 * max(1, len(lines)))
    glyph_h = GLYPH_HEIGHT * size
    words: list[Word] = []
    for j, line in enumerate(lines):
        cy = (top + bottom) / 2 if len(lines) == 1 else top + (j + 0.5) * 1.2 * size
        x = left + 0.15 * size
        for part in line.split():
            width = ADVANCE * size * len(part)
            words.append(
                Word(
                    text=part,
                    left=int(x * 100),
                    top=int((cy - glyph_h / 2) * 100),
                    width=int(width * 100),
                    height=int(glyph_h * 100),
                    conf=99.0,
                    block=0,
                    line=0,
                )
            )
            x += width + 0.3 * size
    return words
