"""One page, start to finish: render, read (text layer or OCR), barcodes, extract, review.

`process_page` is a plain function of plain inputs (PageJob) plus per-run shared helpers
(PageContext); the executor alone decides where it runs.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import logging
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image, ImageFilter

from . import (
    documents,
    dotted,
    leaders,
    negative,
    ocr,
    panels,
    review,
    second_look,
    stamps,
    struck,
    unlabelled,
)
from .device import Device
from .extract import extract_ticket, label_fields, load_profiles
from .extract.split import several_tickets
from .extract.void import stamp_says_void
from .imaging import Prepared, Preprocessor
from .models import Barcode, PageError, PageResult, PageText, ReviewReason, Settings, Ticket, Word
from .stack_orientation import StackOrientation

log = logging.getLogger(__name__)

# A page read upright yields confident words and the labels tickets print, even when most of it
# is handwriting. One read upside down yields neither: its symmetric capitals ('SNOL' for TONS)
# may read confidently, but no label is ever found among them.
UPRIGHT_MIN_WORDS = 8
UPRIGHT_WORD_CONF = 85.0
UPRIGHT_MIN_LABELS = 2
# A doubtful read of this many words or more, at a median confidence under this, is worth a
# read of the page flipped (print read backwards reads at 35-55; print, 90 and over); the flip
# is kept where it says this many times as much.
MIRROR_MIN_WORDS = 12
MIRROR_MAX_CONF = 70.0
MIRROR_SCORE_GAIN = 2.0

# The resolution Tesseract is told: preprocessing scales every page's glyphs to what a 300-DPI
# scan gives, whatever the source.
OCR_DPI = 300
# A born-digital page read from its text layer is drawn only for its barcodes: vector bars stay
# sharp, and at 200 DPI a 0.25 mm bar is two pixels wide, enough for the reader.
TEXT_LAYER_DPI = 200

RESOURCES = Path(__file__).resolve().parent.parent / "resources"


@dataclass(frozen=True)
class PageJob:
    path: str
    rel_path: str
    file_id: int
    page_index: int
    settings: Settings


@dataclass
class PageContext:
    """What every page of a run shares: found once, safe to use from any worker thread."""

    tesseract: ocr.Tesseract
    device: Device
    preprocessor: Preprocessor
    profiles: list[Any]
    pdf_lock: threading.Lock = field(default_factory=threading.Lock)
    today: dt.date = field(default_factory=dt.date.today)
    stack: StackOrientation = field(default_factory=StackOrientation)
    # Full-page reads go to warm Tesseract processes (None: every read is a one-shot call).
    warm: ocr.WarmTesseract | None = None

    @property
    def device_label(self) -> str:
        return self.device.label

    def close(self) -> None:
        """Ends the warm Tesseract processes; later reads are one-shot calls."""
        if self.warm is not None:
            self.warm.close()


def make_context(
    tesseract: ocr.Tesseract, device: Device, vendors_dir: Path | None = None
) -> PageContext:
    """HAULBOOK_WARM_TESSERACT=0 makes every read a one-shot Tesseract call."""
    profiles = load_profiles(vendors_dir or RESOURCES / "vendors")
    warm = ocr.warm_pool(tesseract, wanted=os.environ.get("HAULBOOK_WARM_TESSERACT") != "0")
    return PageContext(tesseract, device, Preprocessor(device), profiles, warm=warm)


def process_page(job: PageJob, ctx: PageContext) -> PageResult:
    started = time.perf_counter()
    s = job.settings
    rendered = documents.render_page(
        job.path, job.page_index, ctx.pdf_lock, s.dpi, s.max_pixels, TEXT_LAYER_DPI, s.timeout_s
    )
    page, tickets, info = read_rendered(rendered, s, ctx)
    for ticket in tickets:
        ticket.source_file = job.rel_path
        ticket.page = job.page_index + 1
    return PageResult(
        file_id=job.file_id,
        page_index=job.page_index,
        text_source=page.source,
        tickets=tickets,
        ocr_used=page.source == "ocr",
        ocr_s=info["ocr_s"],
        elapsed_s=time.perf_counter() - started,
        device=info["device"],
        rotation=info["rotation"],
        mirrored=info["mirrored"],
        is_blank=info["blank"],
        text=page.text,
    )


def read_page_image(
    image: Image.Image, settings: Settings, ctx: PageContext, dpi: float = 0.0
) -> tuple[PageText, Ticket | None]:
    """The pipeline on an image in memory (accuracy benchmarks, the self-test)."""
    page, tickets = read_page_tickets(image, settings, ctx, dpi)
    return page, tickets[0] if tickets else None


def read_page_tickets(
    image: Image.Image, settings: Settings, ctx: PageContext, dpi: float = 0.0
) -> tuple[PageText, list[Ticket]]:
    """Every ticket on an image in memory: a scan of several tickets gives several."""
    dpi = dpi or float(image.info.get("dpi", (0, 0))[0] or 0.0)
    rendered = documents.RenderedPage(np.asarray(image.convert("RGB")), dpi, [])
    page, tickets, _ = read_rendered(rendered, settings, ctx)
    return page, tickets


def read_rendered(
    rendered: documents.RenderedPage, settings: Settings, ctx: PageContext
) -> tuple[PageText, list[Ticket], dict[str, Any]]:
    info: dict[str, Any] = {
        "ocr_s": 0.0,
        "device": "cpu",
        "rotation": 0,
        "mirrored": False,
        "blank": False,
    }
    h, w = rendered.pixels.shape[:2]
    if rendered.reads_text_layer:
        page = PageText(rendered.text_words, w, h, "text_layer", dpi=rendered.dpi)
        ticket = _extract_with_barcodes(page, rendered.pixels, settings, ctx)
        tickets = several_tickets(page, _extractor(settings, ctx)) or _listed(ticket)
    else:
        upright = negative.positive(rendered.pixels)
        if upright is not rendered.pixels:
            rendered = dataclasses.replace(rendered, pixels=upright)
        prepared = ctx.preprocessor.prepare(rendered.pixels, rendered.dpi)
        info["device"] = prepared.device
        if prepared.blank:
            info["blank"] = True
            return PageText([], w, h, "none"), [], info
        t0 = time.perf_counter()
        page, tickets, prepared = _read_scanned(rendered, prepared, settings, ctx)
        info["ocr_s"] = time.perf_counter() - t0
        info["rotation"] = prepared.rotation
        info["mirrored"] = prepared.mirrored
    for ticket in tickets:
        review.assess(ticket, ctx.today)
    return page, tickets, info


def _extractor(settings: Settings, ctx: PageContext) -> Callable[[PageText], Ticket | None]:
    return lambda part: extract_ticket(part, ctx.profiles, settings.job)


def _listed(ticket: Ticket | None) -> list[Ticket]:
    return [] if ticket is None else [ticket]


def _read_scanned(
    rendered: documents.RenderedPage, prepared: Prepared, settings: Settings, ctx: PageContext
) -> tuple[PageText, list[Ticket], Prepared]:
    """OCR, then extra looks only where the plain read left doubt: each one is a Tesseract
    call, so a page that reads cleanly pays for none of them."""
    page, prepared = _ocr(prepared, settings, ctx)
    stamped = stamps.find(prepared)
    dark = stamps.find_dark(prepared, rendered.pixels, stamped)
    ticket = _extract_with_barcodes(page, prepared.gray, settings, ctx)
    if _in_doubt(ticket):
        page, prepared, ticket = _rules_lifted(page, prepared, ticket, settings, ctx)
    several = several_tickets(page, _extractor(settings, ctx))
    if several:
        # Tickets laid side by side on the glass: each is whole (number and date read), so
        # only the second look at unsure values is left to do, ticket by ticket.
        for t in several:
            _second_look(t, prepared, page, settings, ctx)
            _doubt_struck(t, prepared)
        _void_if_stamped(several, stamped, dark, rendered, prepared, settings, ctx)
        return page, several, prepared
    if ticket is not None and unlabelled.orphan_weights(ticket, page.words):
        page, prepared, ticket = _weights_read_again(
            "one-block pass", prepared, ONE_BLOCK_PSM, page, prepared, ticket, settings, ctx
        )
        unlabelled.doubt_missing(ticket, page.words)
    if ticket is not None and prepared.ink is not None and unlabelled.weights_lost(ticket):
        # A rubber stamp in coloured ink over the weights ('RECEIVED', 'PAID') made Tesseract
        # drop the column under it; the black print is still there under the ink.
        page, prepared, ticket = _weights_read_again(
            "stamp pass", _unstamped(prepared), 3, page, prepared, ticket, settings, ctx
        )
    if prepared.ink is not None and _number_unsure(ticket):
        # A stamped serial in coloured ink stands out on its own channel. Most pages with
        # coloured ink print their number in black beside a label and never need this.
        ink = prepared.ink
        read = _extra_look(
            "ink pass", lambda: ocr.ocr_words(ink, ctx.tesseract, settings.timeout_s, psm=11)
        )
        if read:
            page.ink_words = [*page.ink_words, *read]
            ticket = extract_ticket(page, ctx.profiles, settings.job)
    if ticket is None or not ticket.ticket_number:
        # Numbering-machine serials in faint red ink vanish in gray; read the red channel apart.
        red = _extra_look(
            "red-ink pass", lambda: red_ink_words(rendered.pixels, prepared.scale, settings, ctx)
        )
        if red:
            page.ink_words = [*page.ink_words, *red]
            ticket = extract_ticket(page, ctx.profiles, settings.job)
    if stamped and not prepared.unstamped and _number_under_stamp(ticket, stamped):
        # A stamp over the ticket's number ('ENTERED' and a date), and no coloured serial
        # found: as over the weights, the black digits are still there under the ink.
        page, prepared, ticket = _number_read_again(page, prepared, ticket, stamped, settings, ctx)
    if ticket is not None:
        _second_look(ticket, prepared, page, settings, ctx)
        _doubt_struck(ticket, prepared)
    _void_if_stamped(_listed(ticket), stamped, dark, rendered, prepared, settings, ctx)
    return page, _listed(ticket), prepared


def _unstamped(prepared: Prepared) -> Prepared:
    """The page with its coloured ink taken off: what a rubber stamp covered, as far as the
    stamp left it."""
    assert prepared.ink is not None
    gray = np.where(prepared.ink < STAMP_INK_LEVEL, np.uint8(255), prepared.gray)
    return dataclasses.replace(prepared, gray=gray, unstamped=True)


def _number_under_stamp(ticket: Ticket | None, stamped: list[tuple[int, int, int, int]]) -> bool:
    """No number read, or an unsure one read where a stamp is (the stamp's own date was
    taken for it). A coloured serial's unsure read is left to the ink passes below."""
    if ticket is None or not ticket.ticket_number:
        return True
    return _number_unsure(ticket) and stamps.under(ticket.field_boxes.get("ticket_number"), stamped)


def _number_read_again(
    page: PageText,
    prepared: Prepared,
    ticket: Ticket | None,
    stamped: list[tuple[int, int, int, int]],
    settings: Settings,
    ctx: PageContext,
) -> tuple[PageText, Prepared, Ticket | None]:
    """The page read again with its stamps taken off, kept if it gains the ticket's number."""
    return _kept_if_better(
        "stamp pass", _unstamped(prepared), 3, page, prepared, ticket,
        lambda first, again: _number_gained(first, again, stamped), settings, ctx,
    )  # fmt: skip


def _number_gained(
    first: Ticket | None, again: Ticket, stamped: list[tuple[int, int, int, int]]
) -> bool:
    """A ticket number read under a stamp, surer than the first read's, with nothing else
    that identifies the ticket lost."""
    if not again.ticket_number or not stamps.under(again.field_boxes.get("ticket_number"), stamped):
        return False
    if first is None:
        return True
    sure = again.field_confidence.get("ticket_number", 0.0)
    if first.ticket_number and sure <= first.field_confidence.get("ticket_number", 0.0):
        return False
    return unlabelled.keeps_identity(first, again)


STAMP_TIMEOUT_S = 8.0


def _void_if_stamped(
    tickets: list[Ticket],
    stamped: list[tuple[int, int, int, int]],
    dark: list[tuple[int, int, int, int]],
    rendered: documents.RenderedPage,
    prepared: Prepared,
    settings: Settings,
    ctx: PageContext,
) -> None:
    """A stamp saying VOID or CANCELLED sends the page's tickets to a person. Read only where
    a stamp-sized blob of coloured ink, or letters in a dark stamp's strokes, are on the page:
    one small Tesseract call for all of them."""
    if (
        not tickets
        or not (stamped or dark)
        or all(ReviewReason.VOID.value in t.review_reasons for t in tickets)
    ):
        return

    def read(image: np.ndarray) -> list[Word]:
        return _extra_look(
            "stamp read",
            lambda: ocr.ocr_words(
                image, ctx.tesseract, min(settings.timeout_s, STAMP_TIMEOUT_S), psm=11
            ),
        )

    found = stamps.read(prepared, rendered.pixels, stamped, read, dark)
    if any(stamp_says_void(s.words) for s in found):
        for t in tickets:
            if ReviewReason.VOID.value not in t.review_reasons:
                t.review_reasons.append(ReviewReason.VOID.value)


def _second_look(
    ticket: Ticket, prepared: Prepared, page: PageText, settings: Settings, ctx: PageContext
) -> None:
    second_look.reread(
        ticket,
        prepared.gray,
        page.words,
        ctx.tesseract,
        settings.timeout_s,
        review.threshold,
        warm=ctx.warm,
    )


def _weights_read_again(
    what: str,
    cleaned: Prepared,
    psm: int,
    page: PageText,
    prepared: Prepared,
    ticket: Ticket,
    settings: Settings,
    ctx: PageContext,
) -> tuple[PageText, Prepared, Ticket]:
    """`cleaned` (the page cleaned another way, or as it is) read with `psm`, kept if it gives
    weights the first read did not and keeps what identifies the ticket (unlabelled.gained)."""
    page, prepared, kept = _kept_if_better(
        what, cleaned, psm, page, prepared, ticket,
        lambda first, again: first is not None and unlabelled.gained(first, again),
        settings, ctx,
    )  # fmt: skip
    assert kept is not None  # the first read's ticket, or one that gained on it
    return page, prepared, kept


def _kept_if_better(
    what: str,
    cleaned: Prepared,
    psm: int,
    page: PageText,
    prepared: Prepared,
    ticket: Ticket | None,
    better: Callable[[Ticket | None, Ticket], bool],
    settings: Settings,
    ctx: PageContext,
) -> tuple[PageText, Prepared, Ticket | None]:
    """`cleaned` read with `psm`: its page, image and ticket where `better(first, again)`
    says so, else the first read's. Values the two reads disagree on go to a person."""
    words = _look_again(what, cleaned.gray, settings, ctx, psm)
    if not words:
        return page, prepared, ticket
    again = _page_of(words, cleaned)
    found = _extract_with_barcodes(again, cleaned.gray, settings, ctx)
    if found is None or not better(ticket, found):
        return page, prepared, ticket
    if ticket is not None:
        unlabelled.doubt_changed(ticket, found)
    return again, cleaned, found


# Tesseract's "one uniform block of text": no layout analysis to drop a column of captions.
ONE_BLOCK_PSM = 6
# Coloured-ink image levels under this are a stamp's ink, taken off the page for the stamp pass.
STAMP_INK_LEVEL = 160

# A value read across a scanner streak or a form rule that was painted out: part of its
# glyphs is a guess.
STREAKED_CONF = 0.5


def _in_doubt(ticket: Ticket | None) -> bool:
    """No ticket, or a printed field read (or left unread beside its label) below its
    threshold. Handwriting is in doubt whatever the rules do."""
    if ticket is None:
        return True
    return any(
        conf < review.threshold(f)
        for f, conf in ticket.field_confidence.items()
        if f not in ticket.uncertain_fields
    )


def _rules_lifted(
    page: PageText, prepared: Prepared, ticket: Ticket | None, settings: Settings, ctx: PageContext
) -> tuple[PageText, Prepared, Ticket | None]:
    """The page read again with the form rules its values were printed across painted out
    (struck.py), if that reads better."""
    lifted, spans = struck.lift(prepared.gray, leaders.letter_height(page.words))
    if not spans:
        return page, prepared, ticket
    again = _read_again("rules pass", lifted, page.words, settings, ctx)
    if again is None:
        return page, prepared, ticket
    prepared = dataclasses.replace(prepared, gray=lifted, lifted_rules=spans)
    page = _page_of(again, prepared)
    return page, prepared, _extract_with_barcodes(page, prepared.gray, settings, ctx)


# Dot-matrix glyphs read blurred: an 'S' and a '5', a '0' and an '8' come out alike.
DOTTED_CONF = 0.75


def _doubt_struck(ticket: Ticket, prepared: Prepared) -> None:
    """What dots, scanner streaks, lifted form rules and a stamp taken off left to guess goes
    to a person."""
    _doubt_streaked(ticket, prepared)
    _doubt_lifted(ticket, prepared)
    _doubt_unstamped(ticket, prepared)
    if prepared.dots_joined:
        # Every value is filled in for the operator to confirm, none is trusted: a truck 'B52'
        # was accepted as 'BS2'.
        for fld in list(ticket.field_confidence):
            if fld != "vendor":
                _guessed(ticket, fld, DOTTED_CONF)


def _doubt_streaked(ticket: Ticket, prepared: Prepared) -> None:
    """Values with digits whose box a painted-out streak crosses go to a person: the streak
    hid part of a digit ('10.5' read '19.5' after the streak was gone). A name keeps its
    confidence: a letter short, it still reads as itself."""

    def crossed(box: tuple[int, int, int, int]) -> bool:
        x, _, w, _ = prepared.to_input_box(*box)
        return any(x <= c1 + 1 and c0 - 1 <= x + w for c0, c1 in prepared.streaks)

    _doubt_digits(ticket, crossed)


def _doubt_lifted(ticket: Ticket, prepared: Prepared) -> None:
    """Values with digits across a lifted form rule go to a person: a bar of a glyph lying
    along the rule ('4', '7', '2') went with it."""

    def crossed(box: tuple[int, int, int, int]) -> bool:
        x, y, w, h = box
        return any(x <= x1 and x0 <= x + w and y <= y1 and y0 <= y + h
                   for x0, y0, x1, y1 in prepared.lifted_rules)  # fmt: skip

    _doubt_digits(ticket, crossed)


def _doubt_unstamped(ticket: Ticket, prepared: Prepared) -> None:
    """Values with digits read where a stamp was taken off go to a person: the stamp's ink
    next to the print stays, and a '5' read as a '3' under it kept gross - tare = net within
    its two pounds."""
    ink = prepared.ink
    if not prepared.unstamped or ink is None:
        return

    def crossed(box: tuple[int, int, int, int]) -> bool:
        x, y, w, h = box
        under = ink[y : y + h, x : x + w]
        return bool(under.size) and float((under < STAMP_INK_LEVEL).mean()) >= STAMPED_SHARE

    _doubt_digits(ticket, crossed)


# Share of a value's box that a stamp's ink covered for its read to be a guess.
STAMPED_SHARE = 0.02


def _doubt_digits(ticket: Ticket, crossed: Callable[[tuple[int, int, int, int]], bool]) -> None:
    """Caps at STREAKED_CONF each value with digits whose box (prepared pixels) was crossed
    by what was painted out."""
    for fld, box in ticket.field_boxes.items():
        if any(c.isdigit() for c in str(getattr(ticket, fld, ""))) and crossed(box):
            _guessed(ticket, fld, STREAKED_CONF)


def _guessed(ticket: Ticket, fld: str, ceiling: float) -> None:
    """A value partly guessed: capped, and ruled, so that no agreement lifts it (three weights
    misread alike can still add up)."""
    ticket.field_confidence[fld] = min(ticket.field_confidence.get(fld, 0.0), ceiling)
    if fld not in ticket.ruled_fields:
        ticket.ruled_fields.append(fld)


def _extract_with_barcodes(
    page: PageText, image: np.ndarray, settings: Settings, ctx: PageContext
) -> Ticket | None:
    """The ticket from the page's words and the barcodes across the upright page (turned tries
    are most of the reader's cost). A number still unsure sends the reader round again with
    turns: a barcode printed up the side is the number's last chance before a person."""
    page.barcodes = read_barcodes(image, upright_only=True)
    ticket = extract_ticket(page, ctx.profiles, settings.job)
    if not page.barcodes and _number_unsure(ticket):
        page.barcodes = read_barcodes(image)
        if page.barcodes:
            ticket = extract_ticket(page, ctx.profiles, settings.job)
    return ticket


def _ocr(prepared: Prepared, settings: Settings, ctx: PageContext) -> tuple[PageText, Prepared]:
    page, read = _ocr_turned(prepared, settings, ctx)
    ctx.stack.record((read.rotation - prepared.rotation) % 360 == 180)
    return page, read


def _ocr_turned(
    prepared: Prepared, settings: Settings, ctx: PageContext
) -> tuple[PageText, Prepared]:
    if ctx.stack.upside_down_likely():
        # The pages before it were fed upside down: so, most likely, was this one.
        prepared = ctx.preprocessor.rotate(prepared, 180)
    # Labels white on black bars: Tesseract drops them and the values beside them.
    flipped, n_panels = panels.flip_panels(prepared.gray, prepared.cap_height_px * prepared.scale)
    if n_panels:
        prepared = dataclasses.replace(prepared, gray=flipped)
    words = _read(prepared.gray, settings, ctx)
    if leaders.signs(words):
        prepared, words = _without_leaders(prepared, words, settings, ctx)
    elif dotted.dotted(prepared.gray, words) or (
        _suspect(words)
        and dotted.dotted_page(prepared.gray, prepared.cap_height_px * prepared.scale)
    ):
        prepared, words = _dots_joined(prepared, words, settings, ctx)
    if _suspect(words):
        # A sideways read (the preprocessor turned the page the wrong way, or missed a turn)
        # needs a quarter turn, one way or the other; for any other doubtful read the lines
        # already run across the page, and upside down is what remains. A read of the turned
        # page costs less than Tesseract's orientation detection (OSD), the last resort for a
        # page that reads badly every way tried.
        base = prepared
        for turn in _turns_to_try(words):
            prepared, words = _better(base, turn, prepared, words, settings, ctx)
            if not _suspect(words):
                break
        if _suspect(words):
            osd = ocr.detect_rotation(prepared.gray, ctx.tesseract, settings.timeout_s)
            if osd:
                prepared, words = _better(prepared, osd, prepared, words, settings, ctx)
        if _suspect(words) and _reads_backwards(words):
            prepared, words = _mirrored(prepared, words, settings, ctx)
    return _page_of(words, prepared), prepared


def _reads_backwards(words: list[Word]) -> bool:
    """A doubtful read of plenty of words, read unsurely: print Tesseract cannot make out
    whichever way it was turned, as a page scanned from its back (a carbon copy's reverse, a
    phone's mirrored photo) gives. An upright page short of labels reads surely."""
    confs = sorted(w.conf for w in words if any(c.isalnum() for c in w.text))
    return len(confs) >= MIRROR_MIN_WORDS and confs[len(confs) // 2] < MIRROR_MAX_CONF


def _mirrored(
    prepared: Prepared, words: list[Word], settings: Settings, ctx: PageContext
) -> tuple[Prepared, list[Word]]:
    """The page flipped left to right, or top to bottom (the flip and a half turn), if that
    reads as a ticket where the page as scanned did not. A flip is kept only on clear evidence:
    an upright read, or one saying far more."""
    flipped = ctx.preprocessor.mirror(prepared)
    for turn in (0, 180):
        turned = ctx.preprocessor.rotate(flipped, turn)
        again = _extra_look("flipped read", functools.partial(_read, turned.gray, settings, ctx))
        gained = _score(again) > MIRROR_SCORE_GAIN * _score(words)
        if gained or (not _suspect(again) and _score(again) > _score(words)):
            log.info("page read flipped %s", "top to bottom" if turn else "left to right")
            return turned, again
    return prepared, words


def _without_leaders(
    prepared: Prepared, words: list[Word], settings: Settings, ctx: PageContext
) -> tuple[Prepared, list[Word]]:
    """The page read again with its dot leaders erased, if that reads better: the dots broke
    Tesseract's layout analysis, which dropped labels and values beside them."""
    cleaned, erased = leaders.erase(prepared.gray, leaders.letter_height(words))
    if not erased:
        return prepared, words
    again = _read_again("leaders pass", cleaned, words, settings, ctx)
    if again is None:
        return prepared, words
    return dataclasses.replace(prepared, gray=cleaned), again


def _dots_joined(
    prepared: Prepared, words: list[Word], settings: Settings, ctx: PageContext
) -> tuple[Prepared, list[Word]]:
    """The page read again with a line printer's dots blurred into strokes, if that reads
    better."""
    blurred = dotted.joined(prepared.gray, prepared.cap_height_px * prepared.scale)
    again = _read_again("dots pass", blurred, words, settings, ctx)
    if again is None:
        return prepared, words
    return dataclasses.replace(prepared, gray=blurred, dots_joined=True), again


def _read_again(
    what: str, image: np.ndarray, words: list[Word], settings: Settings, ctx: PageContext
) -> list[Word] | None:
    """A cleaned copy of the page read again: its words if they read better than `words`.
    The first read stands when the extra look fails or reads worse."""
    again = _look_again(what, image, settings, ctx)
    return again if _score(again) > _score(words) else None


def _look_again(
    what: str, image: np.ndarray, settings: Settings, ctx: PageContext, psm: int = 3
) -> list[Word]:
    """The page, cleaned another way, read again: no words when the extra look fails."""
    return _extra_look(what, lambda: _read(image, settings, ctx, psm))


def _read(image: np.ndarray, settings: Settings, ctx: PageContext, psm: int = 3) -> list[Word]:
    """A whole page (or a cleaned copy of it) read at the resolution preprocessing made."""
    return ocr.ocr_words(
        image, ctx.tesseract, settings.timeout_s, psm=psm, dpi=OCR_DPI, warm=ctx.warm
    )


def _turns_to_try(words: list[Word]) -> list[int]:
    """Quarter turns (counter-clockwise) worth a read for a doubtful first read, likeliest first.

    Tesseract reads a vertical text line from top to bottom. A page turned clockwise runs its
    lines that way, and its sideways read is sound text: a counter-clockwise quarter turn makes
    it upright. Turned counter-clockwise, the lines run bottom to top and the sideways read is
    garbage: the turn back is clockwise. Each is a guess the other direction backs up.
    """
    if not _sideways(words):
        return [180]
    return [90, 270] if _reads_well(_long_words(words)) else [270, 90]


def _better(
    base: Prepared,
    turn: int,
    best: Prepared,
    words: list[Word],
    settings: Settings,
    ctx: PageContext,
) -> tuple[Prepared, list[Word]]:
    """`base` turned by `turn` degrees counter-clockwise and read again, if that reads better
    than `words`, the read of `best`."""
    turned = ctx.preprocessor.rotate(base, turn)
    again = _read(turned.gray, settings, ctx)
    return (turned, again) if _score(again) > _score(words) else (best, words)


# Share of a word's dark pixels that must also be dark in the coloured-ink image.
COLOURED_WORD_SHARE = 0.6


def _page_of(words: list[Word], prepared: Prepared) -> PageText:
    """A read of the prepared page as the page's text, its coloured-ink serials noted."""
    h, w = prepared.gray.shape[:2]
    page = PageText(words, w, h, "ocr", dpi=OCR_DPI)
    if prepared.ink is not None:
        page.ink_words = coloured_words(page.words, prepared.gray, prepared.ink)
    return page


def coloured_words(words: list[Word], gray: np.ndarray, ink: np.ndarray) -> list[Word]:
    """Serial-like words (5 or more digits) printed in coloured ink: a numbering machine's red
    or brown serial on a carbon book, whatever label it sits beside. No OCR: the page read's
    own boxes, looked up in the coloured-ink image."""
    out = []
    for w in words:
        if sum(c.isdigit() for c in w.text) < 5:
            continue
        dark = gray[w.top : w.bottom, w.left : w.right] < 128
        inked = dark & (ink[w.top : w.bottom, w.left : w.right] < 128)
        if dark.any() and float(inked.sum()) >= COLOURED_WORD_SHARE * float(dark.sum()):
            out.append(w)
    return out


def _number_unsure(ticket: Ticket | None) -> bool:
    if ticket is None or not ticket.ticket_number:
        return True
    return ticket.field_confidence.get("ticket_number", 0.0) < review.threshold("ticket_number")


def _extra_look(what: str, look: Callable[[], list[Word]]) -> list[Word]:
    """An extra look, not the page's reading: its failure must not fail the page."""
    try:
        return look()
    except PageError as exc:
        log.info("%s skipped: %s", what, exc.message)
        return []


RED_INK_MIN = 40  # 99.5th percentile of (R - G) * 3 under which a page has no red ink
RED_INK_UPSCALE_PX = 2600  # serial glyphs need ~80 px for Tesseract on small scans
RED_INK_TIMEOUT_S = 8.0
RED_INK_BLUR = 0.4  # in source pixels


def red_ink_words(
    rgb: np.ndarray, scale: float, settings: Settings, ctx: PageContext
) -> list[Word]:
    """Large digit runs printed in red or brown ink, in prepared-image coordinates.

    Only serial-like digit runs (5 to 8 digits) near the tallest are kept: a stamped serial is the
    biggest red number on a ticket, and the red channel also carries faint copies of phone
    numbers and form text.
    """
    step = max(1, rgb.shape[1] // 600)
    sample = rgb[::step, ::step].astype(np.int16)
    redness = np.clip((sample[..., 0] - sample[..., 1]) * 3, 0, 255)
    if np.percentile(redness, 99.5) < RED_INK_MIN or np.median(redness) >= RED_INK_MIN:
        return []  # no red ink, or pink paper where the whole page is red
    channels = rgb.astype(np.int16)
    red = np.clip((channels[..., 0] - channels[..., 1]) * 3, 0, 255).astype(np.float32)
    lo, hi = np.percentile(red, [1, 99.5])
    ink = (255 - np.clip((red - lo) / max(float(hi - lo), 1.0) * 255, 0, 255)).astype(np.uint8)
    up = max(1.0, RED_INK_UPSCALE_PX / ink.shape[1])
    if up > 1.0:
        size = (round(ink.shape[1] * up), round(ink.shape[0] * up))
        big = Image.fromarray(ink).resize(size, Image.Resampling.BICUBIC)
        # Numbering-machine digits are dotted: a blur joins the dots into strokes.
        ink = np.asarray(big.filter(ImageFilter.GaussianBlur(RED_INK_BLUR * up)))
    words = ocr.ocr_words(
        ink,
        ctx.tesseract,
        min(settings.timeout_s, RED_INK_TIMEOUT_S),
        psm=11,
        extra_config="-c tessedit_char_whitelist=0123456789No",
    )
    digits = [w for w in words if 5 <= sum(c.isdigit() for c in w.text) <= 8]
    if not digits:
        return []
    tallest = max(w.height for w in digits)
    back = scale / up
    return [
        Word(
            w.text.lstrip("No"),  # "No 285367" often reads as one token; the serial is the digits
            round(w.left * back),
            round(w.top * back),
            max(1, round(w.width * back)),
            max(1, round(w.height * back)),
            w.conf,
            block=9000,
            line=i,
        )
        for i, w in enumerate(digits)
        if w.height >= 0.5 * tallest
    ]


def _suspect(words: list[Word]) -> bool:
    """A read that does not look like an upright page: too few sure words, hardly a ticket
    label among them, or words standing across the lines (a sideways read)."""
    sure = [
        w for w in words if w.conf >= UPRIGHT_WORD_CONF and sum(c.isalnum() for c in w.text) >= 3
    ]
    return (
        len(sure) < UPRIGHT_MIN_WORDS
        or len(label_fields(words)) < UPRIGHT_MIN_LABELS
        or _sideways(words)
    )


# A word of this many letters and digits is wider than tall when its line runs across the page,
# in any font (a monospace '1111' is about three times wider than tall), and about a quarter as
# wide as tall when the line runs up or down it.
LONG_WORD_CHARS = 4
# Fewer long words than this say nothing about the page's orientation.
SIDEWAYS_MIN_WORDS = 3
# A sideways read whose long words read at this median confidence is sound text.
SIDEWAYS_READ_CONF = 70.0


def _long(word: Word) -> bool:
    return sum(c.isalnum() for c in word.text) >= LONG_WORD_CHARS


def _long_words(words: list[Word]) -> list[Word]:
    return [w for w in words if _long(w)]


def _across(word: Word) -> bool:
    """A long word standing across its line: taller than wide."""
    return word.height > word.width


def _sideways(words: list[Word]) -> bool:
    """A read of a page lying on its side: most long words are taller than wide. Tesseract
    reads such lines whole (sometimes correctly), so confidence alone does not tell; the
    boxes do, whatever the words say."""
    long = _long_words(words)
    if len(long) < SIDEWAYS_MIN_WORDS:
        return False
    return 2 * sum(_across(w) for w in long) > len(long)


def _reads_well(words: list[Word]) -> bool:
    confs = sorted(w.conf for w in words)
    return bool(confs) and confs[len(confs) // 2] >= SIDEWAYS_READ_CONF


def _score(words: list[Word]) -> float:
    """How much a read says: confident characters, of words lying along their lines (a
    sideways read of the same text says as much but gives no usable lines)."""
    return sum(
        w.conf * len(w.text) for w in words if w.conf >= 50 and not (_long(w) and _across(w))
    )


def read_barcodes(image: np.ndarray, upright_only: bool = False) -> list[Barcode]:
    """Barcodes and QR codes. `upright_only` is the quick look every page gets: no turned,
    downscaled or inverted tries, which are two thirds of the reader's cost and find only
    codes printed sideways, oversized or white on black; the full look is the fallback for a
    ticket number still unsure."""
    try:
        import zxingcpp
    except ImportError:
        return []
    try:
        thorough = not upright_only
        results = zxingcpp.read_barcodes(
            image, try_rotate=thorough, try_downscale=thorough, try_invert=thorough
        )
    except Exception:  # noqa: BLE001 - a barcode reader failure must not fail the page
        return []
    out = []
    for r in results:
        pos = r.position
        xs = [pos.top_left.x, pos.top_right.x, pos.bottom_left.x, pos.bottom_right.x]
        ys = [pos.top_left.y, pos.top_right.y, pos.bottom_left.y, pos.bottom_right.y]
        out.append(
            Barcode(
                format=str(r.format).split(".")[-1],
                text=r.text,
                left=min(xs),
                top=min(ys),
                width=max(xs) - min(xs),
                height=max(ys) - min(ys),
            )
        )
    return out
