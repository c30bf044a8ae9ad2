"""Open PDFs (pypdfium2) and images (Pillow): count pages, render one page, read a text layer.

PDFium is not thread-safe, so every PDFium call goes through the lock the caller passes in; only
the rendered pixels travel on to parallel work.
"""

from __future__ import annotations

import ctypes
import math
import re
import threading
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageOps, UnidentifiedImageError
from pillow_heif import register_heif_opener

from . import pdf_draw, pdfforms, textlayer
from .models import ErrorKind, PageError, Word

# iPhones save their photos as HEIC, and a driver's photo of a ticket reaches the office as one
# when it is synced rather than mailed. pillow-heif teaches Pillow to open them; it adds an
# opener to Pillow's own table, which is how Pillow's plugins work.
register_heif_opener()

PDF_EXTS = {".pdf"}
IMAGE_EXTS = {
    ".png", ".jpg", ".jpeg", ".jpe", ".tif", ".tiff", ".bmp", ".gif", ".webp", ".heic", ".heif",
    ".jp2", ".j2k", ".jpx", ".avif",  # JPEG 2000 (archive scanners) and AVIF: Pillow's own
    ".jfif", ".pjpeg", ".pjp",  # JPEGs as Windows browsers save a picture from a web portal
}  # fmt: skip
# Files an operator may have meant as tickets but that are not read: reported, not ignored.
# Archives and saved e-mails hold tickets inside them (a scale house's month in one .zip, an
# Outlook message dragged into the folder): the operator is told to take them out.
ARCHIVE_EXTS = {".zip", ".7z", ".rar"}
MAIL_EXTS = {".msg", ".eml"}
UNREAD_SCAN_EXTS = {".djvu", ".xps", ".oxps", ".doc", ".docx"} | ARCHIVE_EXTS | MAIL_EXTS


def not_read_reason(suffix: str) -> str:
    """Why a file of this kind is not read, and what to do, in one line."""
    suffix = suffix.lower()
    if suffix in ARCHIVE_EXTS:
        return (
            f"'{suffix}' is an archive: the tickets inside it are not read. Extract it into"
            " the folder, then run again."
        )
    if suffix in MAIL_EXTS:
        return (
            f"'{suffix}' is a saved e-mail: its attachments are not read. Save the attached"
            " tickets into the folder, then run again."
        )
    return f"'{suffix}' files are not read."


SUPPORTED_EXTS = PDF_EXTS | IMAGE_EXTS
# The kinds that may hold several pages (a TIFF or GIF has frames).
MULTIPAGE_EXTS = PDF_EXTS | {".tif", ".tiff", ".gif"}

# What an operator is told of a file that went away, or that may not be read.
GONE = "The file is no longer there (moved or deleted)."
LOCKED = "The file is locked or not readable."

# Below this the glyphs of a typical ticket are too small for Tesseract; above it is wasted time.
MIN_DPI = 150
TARGET_CHAR_PX = 32  # cap height Tesseract reads best, in rendered pixels
# The shortest side a page can have and still hold one line of print (8-pixel glyphs).
MIN_PAGE_SIDE_PX = 24


@dataclass
class RenderedPage:
    # uint8 HxWx3 RGB; HxW gray for a page drawn at `text_layer_dpi` (see render_page)
    pixels: np.ndarray
    dpi: float
    text_words: list[Word]  # the PDF text layer in rendered pixel coordinates (empty for images)
    scanned: bool = True  # a picture of a page; False for a born-digital PDF page

    @property
    def reads_text_layer(self) -> bool:
        return _reads_text_layer(self.scanned, self.text_words)


def _reads_text_layer(scanned: bool, words: list[Word]) -> bool:
    """A born-digital page whose own text is read instead of OCR."""
    return not scanned and textlayer.usable(words)


def is_pdf(path: str | Path) -> bool:
    """Whether the file is read as a PDF: by its first bytes, since a scanner's or a portal's
    file name can say otherwise (a JPEG saved as .pdf, a PDF as .jpg); by its name when the
    bytes tell neither."""
    head = _head(path, 1024)
    if b"%PDF-" in head:  # the header may follow up to 1 KB of junk
        return True
    if _picture_head(head):
        return False
    return Path(path).suffix.lower() in PDF_EXTS


def _misnamed(path: str, what: str) -> PageError:
    """A file that is not what its name says. A customer portal's login or error page saved
    under the ticket's name is the usual case, and worth naming."""
    head = _head(path, 1024).lower()
    if b"<html" in head or b"<!doctype html" in head:
        return PageError(
            ErrorKind.NOT_AN_IMAGE,
            f"The file is a web page, not a {what}, although its name says so.",
        )
    return PageError(
        ErrorKind.NOT_AN_IMAGE, f"The file is not a {what}, although its name says so."
    )


def _head(path: str | Path, n: int) -> bytes:
    try:
        with open(path, "rb") as fh:
            return fh.read(n)
    except OSError:
        return b""  # the open that follows says what is wrong with the file


def _check_nonempty(path: str) -> None:
    try:
        size = Path(path).stat().st_size
    except FileNotFoundError as exc:
        raise PageError(ErrorKind.IO_ERROR, GONE) from exc
    except OSError as exc:
        raise PageError(ErrorKind.IO_ERROR, cannot_read(exc)) from exc
    if size == 0:
        raise PageError(ErrorKind.EMPTY, "The file is empty (0 bytes).")


def _open_pdf(path: str) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(path)
    except pdfium.PdfiumError as exc:
        text = str(exc).lower()
        if not _readable(path):
            raise PageError(ErrorKind.IO_ERROR, LOCKED) from exc
        if "password" in text:
            raise PageError(ErrorKind.ENCRYPTED, "The PDF is protected by a password.") from exc
        if "file" in text and "not found" in text:
            raise PageError(ErrorKind.IO_ERROR, "The file could not be opened.") from exc
        if _no_pages(path):
            raise PageError(ErrorKind.EMPTY, "The PDF has no pages.") from exc
        if b"%PDF-" not in _head(path, 1024):
            raise _misnamed(path, "PDF") from exc
        raise PageError(ErrorKind.CORRUPT, "The PDF is damaged and cannot be opened.") from exc
    except FileNotFoundError as exc:
        # pypdfium2 says so of anything it cannot open as a file, there or not.
        if Path(path).exists():
            raise PageError(ErrorKind.IO_ERROR, LOCKED) from exc
        raise PageError(ErrorKind.IO_ERROR, GONE) from exc
    except OSError as exc:
        raise PageError(ErrorKind.IO_ERROR, cannot_read(exc)) from exc


def cannot_read(exc: OSError) -> str:
    """The operator's line for a read that failed: the system's reason, without the error
    number and path a programmer would want."""
    reason = (exc.strerror or "").rstrip(".") or "the system refused"
    return f"The file cannot be read ({reason[:1].lower() + reason[1:]})."


def _readable(path: str) -> bool:
    try:
        with open(path, "rb") as fh:
            fh.read(1)
    except OSError:
        return False
    return True


_NO_PAGES = re.compile(rb"/Type\s*/Pages\b[^>]*?/Count\s+0\b|/Count\s+0\b[^>]*?/Type\s*/Pages\b")


def _no_pages(path: str) -> bool:
    """A well-formed PDF whose page tree is empty (PDFium refuses to open one): it is empty,
    not damaged. Only small files are looked into; an empty PDF is a few hundred bytes."""
    try:
        if Path(path).stat().st_size > 64_000:
            return False
        return _NO_PAGES.search(Path(path).read_bytes()) is not None
    except OSError:
        return False


def _open_image(path: str, max_pixels: int) -> Image.Image:
    try:
        with warnings.catch_warnings():
            # Our own pixel limit below is stricter; Pillow's warning adds nothing.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            img = Image.open(path)
    except Image.DecompressionBombError as exc:
        raise PageError(ErrorKind.TOO_LARGE, "The picture is far too large to read.") from exc
    except UnidentifiedImageError as exc:
        if _starts_like_a_picture(path):
            raise PageError(
                ErrorKind.CORRUPT, "The picture is damaged and cannot be opened."
            ) from exc
        raise _misnamed(path, "picture") from exc
    except FileNotFoundError as exc:
        raise PageError(ErrorKind.IO_ERROR, GONE) from exc
    except PermissionError as exc:
        raise PageError(ErrorKind.IO_ERROR, LOCKED) from exc
    except (OSError, ValueError, SyntaxError) as exc:
        # Pillow reports damaged headers as OSError too; the file itself was readable.
        raise PageError(ErrorKind.CORRUPT, "The picture is damaged and cannot be opened.") from exc
    try:
        _check_size(img, max_pixels, "The picture")
    except PageError:
        img.close()
        raise
    return img


def _check_size(img: Image.Image, max_pixels: int, what: str) -> None:
    w, h = img.size
    if w * h > max_pixels:
        raise PageError(
            ErrorKind.TOO_LARGE,
            f"{what} is {w}x{h} pixels, more than the {max_pixels // 1_000_000} megapixel limit.",
        )
    if w == 0 or h == 0:
        raise PageError(ErrorKind.CORRUPT, f"{what} has no pixels.")


# The first bytes of the picture formats we read: a file that starts with one and still
# cannot be opened is a damaged picture, not a document misnamed as one.
_PICTURE_MAGIC = (
    b"\x89PNG", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*", b"BM", b"GIF8",
    b"\x00\x00\x00\x0cjP  ", b"\xff\x4f\xff\x51",  # JPEG 2000: a file, a bare codestream
)  # fmt: skip


def _starts_like_a_picture(path: str) -> bool:
    return _picture_head(_head(path, 12))


def starts_like_a_scan(path: str) -> bool:
    """Whether a file whose name says nothing (no extension, a scanner's '.001', a copy's
    '.bak') begins as a PDF or a picture does. Only its own start counts: a PDF header found
    further in could be a note that mentions one."""
    head = _head(path, 12)
    return head.startswith(b"%PDF-") or _picture_head(head)


# HEIF/HEIC and AVIF: an ISO media file whose 'ftyp' box names an image brand.
_HEIF_BRANDS = (b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1", b"avif")


def _heif_head(head: bytes) -> bool:
    return head[4:8] == b"ftyp" and head[8:12] in _HEIF_BRANDS


def _picture_head(head: bytes) -> bool:
    return (
        head.startswith(_PICTURE_MAGIC)
        or (head[:4] == b"RIFF" and head[8:12] == b"WEBP")
        or _heif_head(head)
    )


def count_pages(path: str, lock: threading.Lock, max_pixels: int) -> int:
    """Open the file far enough to know its pages; classify what is wrong with it if anything."""
    _check_nonempty(path)
    if is_pdf(path):
        with lock:
            doc = _open_pdf(path)
            try:
                n = len(doc)
            finally:
                doc.close()
        if n == 0:
            raise PageError(ErrorKind.EMPTY, "The PDF has no pages.")
        return n
    img = _open_image(path, max_pixels)
    try:
        return max(1, getattr(img, "n_frames", 1))
    except (OSError, ValueError, SyntaxError) as exc:
        raise PageError(ErrorKind.CORRUPT, "The picture is damaged and cannot be opened.") from exc
    finally:
        img.close()


def render_page(
    path: str,
    index: int,
    lock: threading.Lock,
    dpi: int,
    max_pixels: int,
    text_layer_dpi: int | None = None,
    timeout_s: float | None = None,
) -> RenderedPage:
    """One page as pixels at `dpi` (less where the print is large). With `text_layer_dpi`, a
    page whose text layer is read instead of OCR is drawn in gray at no more than that: its
    pixels only go to the barcode reader, and a third of the colour render's cost. A PDF page
    still drawing after `timeout_s` is a timeout."""
    _check_nonempty(path)
    if is_pdf(path):
        rendered = _render_pdf_page(path, index, lock, dpi, max_pixels, text_layer_dpi, timeout_s)
    else:
        rendered = _load_image_page(path, index, max_pixels)
    h, w = rendered.pixels.shape[:2]
    if min(h, w) < MIN_PAGE_SIDE_PX and not rendered.reads_text_layer:
        # An icon or a one-pixel spacer, not a scan: no ticket line fits in it.
        raise PageError(
            ErrorKind.EMPTY, f"The page is only {w} x {h} pixels: too small to hold a ticket."
        )
    return rendered


def _render_pdf_page(
    path: str,
    index: int,
    lock: threading.Lock,
    dpi: int,
    max_pixels: int,
    text_layer_dpi: int | None,
    timeout_s: float | None,
) -> RenderedPage:
    with lock:
        doc = _open_pdf(path)
        try:
            forms = pdfforms.has_form(doc)
            if forms:
                # Before the page loads, so its fields are read and drawn; without PDFium's
                # blue field highlight, which a viewer adds and paper does not have.
                doc.init_forms()
                pdfium.raw.FPDF_SetFormFieldHighlightAlpha(doc.formenv.raw, 0)
            if index >= len(doc):
                raise PageError(ErrorKind.CORRUPT, f"Page {index + 1} is missing from the PDF.")
            page = doc[index]
            w_pt, h_pt = page.get_size()
            scan_dpi = _scan_dpi(page, w_pt * h_pt)
            # Text nobody can see is a scanner's or an app's OCR of what is drawn: read what
            # is drawn, as on a scan (its digits were wrong and the ticket was accepted).
            scanned = scan_dpi is not None or _text_hidden(page)
            text_words, char_h_pt = _text_layer(page)
            if forms:
                text_words += pdfforms.form_words(doc, page, _display_frame(page))
            scale = _choose_scale(dpi, char_h_pt)
            if scan_dpi:
                # Drawn finer than it was scanned, a page only gains blur and pixels to read
                # (a 200-DPI scan drawn at 300 read 26% slower, no better).
                scale = min(scale, max(scan_dpi, MIN_DPI) / 72.0)
            gray = bool(text_layer_dpi) and _reads_text_layer(scanned, text_words)
            if gray and text_layer_dpi:
                scale = min(scale, text_layer_dpi / 72.0)
            whole = _fit(scale, w_pt * h_pt, max_pixels)
            try:
                if 72.0 * whole < MIN_DPI and not gray:
                    pixels, scale, (left, top) = _draw_inked_part(
                        page, scale, max_pixels, lock, timeout_s
                    )
                else:
                    scale, (left, top) = whole, (0, 0)
                    pixels = pdf_draw.draw(page, scale, gray, lock, timeout_s)
            except pdfium.PdfiumError as exc:
                raise PageError(ErrorKind.CORRUPT, "A page of the PDF cannot be drawn.") from exc
            words = [_scale_word(wd, scale, left, top) for wd in text_words]
        finally:
            doc.close()
    return RenderedPage(pixels, 72.0 * scale, words, scanned)


# An overview of a page too big to draw whole, in pixels: enough to see where a ticket's
# print is (10-point type still greys a pixel or two on a 200-inch page).
OVERVIEW_PIXELS = 4_000_000
INK_LEVEL = 240  # below this, a pixel of the overview holds some print


def _draw_inked_part(
    page: pdfium.PdfPage,
    scale: float,
    max_pixels: int,
    lock: threading.Lock,
    timeout_s: float | None,
) -> tuple[np.ndarray, float, tuple[int, int]]:
    """A page too big to draw whole at a readable resolution within the pixel limit (a ticket
    placed on a poster-sized page read as blank at 44 DPI): drawn small to find its print, then
    only the printed part, at `scale` or as near it as the limit allows. Returns the pixels
    (RGB), their scale and the part's corner in pixels at that scale."""
    w_pt, h_pt = page.get_size()
    small = _fit(scale, w_pt * h_pt, OVERVIEW_PIXELS)
    overview = pdf_draw.draw(page, small, True, lock, timeout_s)
    inked_rows = np.flatnonzero((overview < INK_LEVEL).any(axis=1))
    inked_cols = np.flatnonzero((overview < INK_LEVEL).any(axis=0))
    if not len(inked_rows):
        # Nothing printed: the overview is the page (drawn whole at the limit, it was 240 MB).
        return np.repeat(overview[:, :, None], 3, axis=2), small, (0, 0)
    margin = 36.0 * small  # half an inch round the print, in overview pixels
    top_pt = max(0.0, inked_rows[0] - margin) / small
    bottom_pt = min(overview.shape[0], inked_rows[-1] + 1 + margin) / small
    left_pt = max(0.0, inked_cols[0] - margin) / small
    right_pt = min(overview.shape[1], inked_cols[-1] + 1 + margin) / small
    part = _fit(scale, (right_pt - left_pt) * (bottom_pt - top_pt), max_pixels)
    left, top = int(left_pt * part), int(top_pt * part)
    width = max(1, math.ceil(right_pt * part) - left)
    height = max(1, math.ceil(bottom_pt * part) - top)
    pixels = pdf_draw.draw(page, part, False, lock, timeout_s, crop=(left, top, width, height))
    return pixels, part, (left, top)


def _scan_dpi(page: pdfium.PdfPage, page_area: float) -> float | None:
    """For a scan saved as PDF (an image covers most of the page; its text layer is a
    scanner's OCR), the image's own resolution, 0 if unknown; None for a born-digital page."""
    try:
        for obj in page.get_objects(max_depth=2):
            if obj.type != pdfium.raw.FPDF_PAGEOBJ_IMAGE:
                continue
            left, bottom, right, top = obj.get_bounds()
            area = (right - left) * (top - bottom)
            if area >= 0.5 * page_area:
                px_w, px_h = obj.get_px_size()
                # Pixels per inch over the area, whichever way the image is turned.
                return 72.0 * math.sqrt(px_w * px_h / area) if px_w and px_h else 0.0
    except pdfium.PdfiumError:
        return 0.0
    return None


# A page whose text objects are this share invisible carries an OCR layer, not its own text.
HIDDEN_TEXT_SHARE = 0.5


def _text_hidden(page: pdfium.PdfPage) -> bool:
    """Most of the page's text is drawn invisible (render mode 3, or a transparent fill)."""
    raw = pdfium.raw
    shown = hidden = 0
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    try:
        for obj in page.get_objects(filter=[raw.FPDF_PAGEOBJ_TEXT], max_depth=2):
            mode = raw.FPDFTextObj_GetTextRenderMode(obj.raw)
            clear = (
                bool(
                    raw.FPDFPageObj_GetFillColor(
                        obj.raw, ctypes.byref(r), ctypes.byref(g), ctypes.byref(b), ctypes.byref(a)
                    )
                )
                and a.value == 0
                and mode in (raw.FPDF_TEXTRENDERMODE_FILL, raw.FPDF_TEXTRENDERMODE_FILL_CLIP)
            )
            if mode == raw.FPDF_TEXTRENDERMODE_INVISIBLE or clear:
                hidden += 1
            else:
                shown += 1
    except pdfium.PdfiumError:
        return False
    return hidden > 0 and hidden >= HIDDEN_TEXT_SHARE * (hidden + shown)


def _choose_scale(dpi: int, char_h_pt: float | None) -> float:
    scale = dpi / 72.0
    if char_h_pt:
        # Large print reads as well at a lower resolution and OCRs faster.
        wanted = TARGET_CHAR_PX / char_h_pt
        scale = min(scale, max(wanted, MIN_DPI / 72.0))
    return scale


def _fit(scale: float, area_pt: float, max_pixels: int) -> float:
    """`scale`, or less where an area of `area_pt` square points would pass `max_pixels`."""
    pixels = area_pt * scale * scale
    return scale * (max_pixels / pixels) ** 0.5 if pixels > max_pixels else scale


def _display_frame(page: pdfium.PdfPage) -> Callable[[float, float], tuple[float, float]]:
    """Maps a point of the page's own space (points, y up) to where PDFium draws it: points
    from the top left of the page as shown, after its crop box and its /Rotate."""
    x0, y0, x1, y1 = page.get_cropbox()
    w0, h0 = x1 - x0, y1 - y0
    turns = (page.get_rotation() // 90) % 4
    if turns == 1:
        return lambda x, y: (y - y0, x - x0)
    if turns == 2:
        return lambda x, y: (w0 - (x - x0), y - y0)
    if turns == 3:
        return lambda x, y: (h0 - (y - y0), w0 - (x - x0))
    return lambda x, y: (x - x0, h0 - (y - y0))


def _text_layer(page: pdfium.PdfPage) -> tuple[list[Word], float | None]:
    """The PDF's own text layer as shown (points x100 from the top left, after /Rotate), and
    the median glyph height. Words are built as shown: a landscape ticket stored as a turned
    portrait page reads along its lines, not down them."""
    try:
        textpage = page.get_textpage()
    except pdfium.PdfiumError:
        return [], None
    shown = _display_frame(page)
    try:
        n = textpage.count_chars()
        words: list[Word] = []
        heights: list[float] = []
        chars: list[str] = []
        box: list[float] | None = None
        line_no = 0
        # The vertical span of the glyph before (points as shown, y down).
        last_span: tuple[float, float] | None = None

        def flush() -> None:
            nonlocal chars, box
            if chars and box:
                left, top, right, bottom = box
                words.append(
                    Word(
                        text="".join(chars),
                        left=int(left * 100),
                        top=int(top * 100),
                        width=int((right - left) * 100),
                        height=int((bottom - top) * 100),
                        conf=99.0,
                        block=1,
                        line=line_no,
                    )
                )
            chars, box = [], None

        for i in range(n):
            ch = textpage.get_text_range(i, 1)
            if not ch or ch.isspace() or ch in "\x00\ufffe\uffff":
                flush()
                continue
            try:
                x_a, y_a, x_b, y_b = textpage.get_charbox(i)
            except pdfium.PdfiumError:
                continue
            (ax, ay), (bx, by) = shown(x_a, y_a), shown(x_b, y_b)
            left, right, top, bottom = min(ax, bx), max(ax, bx), min(ay, by), max(ay, by)
            # A new line where the glyph shares no height with the one before. Comparing
            # baselines instead split 'T-81' at its hyphen, whose box sits above the baseline;
            # the line's whole span would join tightly set lines at a descender.
            if last_span is not None and min(bottom, last_span[1]) < max(top, last_span[0]):
                flush()
                line_no += 1
            last_span = (top, bottom)
            heights.append(bottom - top)
            chars.append(ch)
            box = (
                [left, top, right, bottom]
                if box is None
                else [min(box[0], left), min(box[1], top), max(box[2], right), max(box[3], bottom)]
            )
        flush()
    finally:
        textpage.close()
    positive = sorted(h for h in heights if h > 0)
    median = positive[len(positive) // 2] if positive else None
    return words, median


def _scale_word(word: Word, scale: float, left: int = 0, top: int = 0) -> Word:
    # _text_layer stored points x100 as shown; the render is `scale` pixels a point, and may
    # start at (left, top) of the page drawn whole.
    return Word(
        text=word.text,
        left=int(round(word.left / 100 * scale)) - left,
        top=int(round(word.top / 100 * scale)) - top,
        width=max(1, int(round(word.width / 100 * scale))),
        height=max(1, int(round(word.height / 100 * scale))),
        conf=word.conf,
        block=word.block,
        line=word.line,
    )


def _load_image_page(path: str, index: int, max_pixels: int) -> RenderedPage:
    img = _open_image(path, max_pixels)
    try:
        if index:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", Image.DecompressionBombWarning)
                img.seek(index)
            # Each page of a TIFF has its own size: a small first page says nothing of the rest.
            _check_size(img, max_pixels, f"Page {index + 1}")
        stored_width = img.width
        drafted = _draft_fine_jpeg(img)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            img.load()
        img, dpi = _square_pixels(img, max_pixels)
        if drafted:
            dpi *= img.width / stored_width
        img, dpi = _fine_scan_reduced(img, dpi)
        # Before the close below: an RGB picture is its own conversion.
        pixels = np.asarray(_to_rgb(_upright(img)))
    except Image.DecompressionBombError as exc:
        raise PageError(
            ErrorKind.TOO_LARGE, f"Page {index + 1} of the picture is far too large to read."
        ) from exc
    except EOFError as exc:
        raise PageError(
            ErrorKind.CORRUPT, f"Page {index + 1} is missing from the picture."
        ) from exc
    except (OSError, ValueError, SyntaxError) as exc:
        raise PageError(ErrorKind.CORRUPT, "The picture is damaged and cannot be read.") from exc
    finally:
        img.close()
    if dpi < 50 or dpi > 1200:
        dpi = 0.0  # unknown or nonsense: the preprocessor judges size from the glyphs
    return RenderedPage(pixels, dpi, [])


# A scan this fine carries four times the pixels a 300-DPI scan does and reads no better: it
# is taken at half (or a third...) before any other work. Its glyphs stay larger than what
# the preprocessor would scale them down to anyway.
FINE_SCAN_DPI = 450
READ_DPI = 300


def _stated_dpi(img: Image.Image) -> float:
    """The DPI a picture states, when it states one DPI for both axes (0 otherwise)."""
    try:
        x_dpi, y_dpi = (float(v or 0) for v in (img.info.get("dpi") or (0, 0))[:2])
    except (TypeError, ValueError):
        return 0.0
    return x_dpi if x_dpi > 0 and abs(x_dpi - y_dpi) <= 0.01 * x_dpi else 0.0


def _draft_fine_jpeg(img: Image.Image) -> bool:
    """A fine JPEG decoded at a fraction of its size (its DCT scaling: a quarter of the
    decoding work at half size). Whether the picture was drafted."""
    dpi = _stated_dpi(img)
    if img.format != "JPEG" or not FINE_SCAN_DPI <= dpi <= 1200:
        return False
    size = img.size
    img.draft(img.mode, (math.ceil(size[0] * READ_DPI / dpi), math.ceil(size[1] * READ_DPI / dpi)))
    return img.size != size


def _fine_scan_reduced(img: Image.Image, dpi: float) -> tuple[Image.Image, float]:
    """Any other fine scan averaged down by a whole factor (a 600-DPI scan to 300)."""
    # A PNG states its DPI in pixels a metre: 600 comes back 599.9988.
    factor = int(dpi / READ_DPI + 0.01) if FINE_SCAN_DPI <= dpi <= 1200 else 1
    if factor < 2:
        return img, dpi
    if img.mode == "1":
        img = img.convert("L")  # averaged in gray: the 1-bit strokes' edges become grays
    elif img.mode == "P":
        img = img.convert("RGBA" if "transparency" in img.info else "RGB")
    return img.reduce(factor), dpi / factor


# Fax modes differ by 2x between their axes; a picture claiming more is mislabelled.
MAX_DPI_RATIO = 4.0


def _square_pixels(img: Image.Image, max_pixels: int) -> tuple[Image.Image, float]:
    """The picture with square pixels, and its DPI (0 when unknown). A fax is 204 x 98 DPI
    (standard) or 204 x 196 (fine): its glyphs are squashed to half their height, and
    Tesseract misread its weights until the rows were stretched back. The coarse axis is
    stretched unless that would pass the pixel limit; then the fine axis is shrunk."""
    info = img.info.get("dpi") or (0, 0)
    try:
        x_dpi, y_dpi = float(info[0] or 0), float(info[1] or 0)
    except (TypeError, ValueError, IndexError):
        return img, 0.0
    sane = min(x_dpi, y_dpi) >= 50 and max(x_dpi, y_dpi) <= 1200
    if sane and max(x_dpi, y_dpi) > MAX_DPI_RATIO * min(x_dpi, y_dpi):
        return img, 0.0  # nonsense: the pixels as stored, their size judged from the glyphs
    if not sane or abs(x_dpi - y_dpi) <= 0.1 * max(x_dpi, y_dpi):
        return img, x_dpi
    target = max(x_dpi, y_dpi)
    if img.width * img.height * target / min(x_dpi, y_dpi) > max_pixels:
        target = min(x_dpi, y_dpi)
    size = (
        max(1, round(img.width * target / x_dpi)),
        max(1, round(img.height * target / y_dpi)),
    )
    if img.mode == "1":
        img = img.convert("L")  # resampled in gray: a 1-bit resize is nearest-neighbour
    elif img.mode == "P":
        img = img.convert("RGBA" if "transparency" in img.info else "RGB")
    return img.resize(size, Image.Resampling.BICUBIC), target


EXIF_ORIENTATION = 0x0112


def _upright(img: Image.Image) -> Image.Image:
    """The picture as its camera meant it to be seen: phones store a photo sideways and say so
    in its EXIF orientation, which the review pane and the word boxes must both follow."""
    try:
        turned = img.getexif().get(EXIF_ORIENTATION, 1) not in (1, None)
    except (OSError, ValueError, SyntaxError, TypeError):
        return img  # unreadable metadata: the pixels as stored
    return ImageOps.exif_transpose(img) if turned else img


def _to_rgb(img: Image.Image) -> Image.Image:
    if img.mode in ("RGBA", "LA", "PA") or (img.mode == "P" and "transparency" in img.info):
        # Transparent scans are composited on white, not on black.
        rgba = img.convert("RGBA")
        background = Image.new("RGB", rgba.size, (255, 255, 255))
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    if img.mode == "I;16" or img.mode == "I" or img.mode == "F":
        arr = np.asarray(img, dtype=np.float64)
        lo, hi = float(arr.min()), float(arr.max())
        arr = (arr - lo) / (hi - lo or 1.0) * 255.0
        return Image.fromarray(arr.astype(np.uint8)).convert("RGB")
    return img if img.mode == "RGB" else img.convert("RGB")
