"""Extraction from words with positions, on OCR-like pages built by hand."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from engine.extract import extract_ticket, load_profiles
from engine.models import Barcode, PageText, Word

PROFILES = load_profiles(Path(__file__).resolve().parents[2] / "resources" / "vendors")
CHAR_W = 18


def page(
    rows: list[list[tuple[str, int]]],
    heights: dict[int, int] | None = None,
    conf: float = 95.0,
    **kw: object,
) -> PageText:
    """Rows of (text, left x) at 50 px pitch; every word 30 px tall unless `heights` says."""
    words = [
        w
        for r, row in enumerate(rows)
        for i, (text, x) in enumerate(row)
        for w in _split(text, x, 40 + r * 50, (heights or {}).get(r, 30), conf, r, i)
    ]
    return PageText(words, 1700, 40 + len(rows) * 50 + 100, "ocr", **kw)  # type: ignore[arg-type]


def _split(text: str, x: int, y: int, h: int, conf: float, block: int, line: int) -> list[Word]:
    """Printed text at (x, y), a word for each space-separated part, CHAR_W a character."""
    parts = text.split(" ")
    return [
        Word(part, x + sum(len(p) + 1 for p in parts[:j]) * CHAR_W, y, len(part) * CHAR_W, h,
             conf, block, line)
        for j, part in enumerate(parts)
    ]  # fmt: skip


SCALE = [
    [("VULCAN MATERIALS COMPANY", 60)],
    [("1450 Industrial Way, Fontana, CA 92335 Phone (909) 555-0143", 60)],
    [("Ticket #", 60), ("198418", 260), ("Date:", 900), ("10/17/2024", 1020)],
    [("Customer:", 60), ("GRANITE BAY CONSTRUCTION", 260), ("Time In:", 900), ("08:15 AM", 1060)],
    [("Hauler:", 60), ("RED ROCK HAULING", 260), ("PO #", 900), ("45821", 1000)],
    [("Truck #", 60), ("T-104", 260), ("Scale ID: 2", 900)],
    [("Material:", 60), ("Class II Base", 260)],
    [("GROSS", 60), ("72,340 lb", 400), ("NET TONS", 900), ("21.17", 1100)],
    [("TARE", 60), ("30,000 lb", 400)],
    [("NET", 60), ("42,340 lb", 400)],
]


# The top of a PORTILLO & SONS carbon ticket (profile: six-digit serials).
PORTILLO_TOP = [
    [("PORTILLO & SONS", 400)],
    [("Dispatch # 214-422-2944", 900)],
    [("TRUCK#", 60), ("8649", 200)],
]


def test_printed_scale_ticket_fields_right_of_labels() -> None:
    t = extract_ticket(page(SCALE), PROFILES)
    assert t is not None
    assert t.vendor == "VULCAN MATERIALS"
    assert t.ticket_number == "198418"
    assert t.date == dt.date(2024, 10, 17)
    assert (t.truck, t.hauler, t.material) == ("T-104", "RED ROCK HAULING", "Class II Base")
    assert (t.gross_lb, t.tare_lb, t.net_lb) == (72340.0, 30000.0, 42340.0)
    assert (t.quantity, t.unit) == (21.17, "TN")
    assert t.uncertain_fields == []
    assert all(c > 0.9 for c in t.field_confidence.values())


def test_values_below_their_labels() -> None:
    rows = [
        [("GRANITE ROCK QUARRY", 400)],
        [("TICKET NO.", 60), ("DATE", 460), ("VEHICLE ID", 860)],
        [("447931", 60), ("2024-05-24", 460), ("825", 860)],
        [("GROSS LBS", 60), ("TARE LBS", 460), ("NET LBS", 860), ("NET TONS", 1260)],
        [("79,216", 60), ("30,345", 460), ("48,871", 860), ("24.44", 1260)],
    ]
    t = extract_ticket(page(rows), PROFILES)
    assert t is not None
    assert (t.ticket_number, t.date, t.truck) == ("447931", dt.date(2024, 5, 24), "825")
    assert (t.gross_lb, t.tare_lb, t.net_lb, t.quantity) == (79216.0, 30345.0, 48871.0, 24.44)


def test_customer_name_is_not_the_vendor() -> None:
    rows = [[("Customer:", 60), ("VULCAN MATERIALS", 260)], *SCALE[2:]]
    t = extract_ticket(page(rows), PROFILES)
    assert t is not None and t.vendor != "VULCAN MATERIALS"


def test_handwritten_values_are_marked_uncertain() -> None:
    rows = [
        [("RED MESA TRUCKING INC", 400)],
        [("HAULING TICKET", 60), ("No", 1200), ("285367", 1260)],
        [("Date", 60), ("2/18/25", 260)],
        [("Truck #", 60), ("8649", 260)],
        [("Material", 60), ("Dirt", 260)],
    ]
    # Handwriting: values twice as tall as the printed labels.
    words = page(rows).words
    tall = [
        Word(w.text, w.left, w.top - 15, w.width, 60, 70.0, w.block, w.line) if w.left == 260 else w
        for w in words
    ]
    t = extract_ticket(PageText(tall, 1700, 500, "ocr"), PROFILES)
    assert t is not None and t.ticket_number == "285367"
    assert {"date", "truck", "material"} <= set(t.uncertain_fields)


def test_known_haul_vendor_flags_every_value_even_from_a_text_layer() -> None:
    rows = [
        [("ALLIANCE TRUCKING", 400)],
        [("(972) 445-1772", 420)],
        [("665113", 1200)],
        [("TRUCK#:", 800), ("799", 960)],
    ]
    pg = page(rows, conf=99.0)
    pg.source = "text_layer"
    t = extract_ticket(pg, PROFILES)
    assert t is not None and t.vendor == "ALLIANCE TRUCKING" and t.ticket_number == "665113"
    assert "truck" in t.uncertain_fields


def test_barcode_confirms_or_corrects_the_number() -> None:
    bc = [Barcode("Code128", "198413")]
    t = extract_ticket(page(SCALE, barcodes=bc), PROFILES)
    assert t is not None and t.ticket_number == "198413"  # one digit misread by OCR


def test_barcode_that_disagrees_lowers_confidence() -> None:
    bc = [Barcode("Code128", "77777777")]
    t = extract_ticket(page(SCALE, barcodes=bc), PROFILES)
    assert t is not None and t.field_confidence["ticket_number"] <= 0.5


def test_stamped_serial_from_the_ink_channel() -> None:
    rows = PORTILLO_TOP
    ink = [Word("285367", 1300, 40, 120, 30, 91.0)]
    t = extract_ticket(page(rows, ink_words=ink), PROFILES)
    assert t is not None and (t.vendor, t.ticket_number) == ("PORTILLO & SONS", "285367")


def test_blank_page_and_cover_letter_give_no_ticket() -> None:
    assert extract_ticket(PageText([], 1700, 2200, "none"), PROFILES) is None
    letter = [
        [("GRANITE BAY CONSTRUCTION", 60)],
        [("2250 Commerce Dr, Roseville, CA 95678 (916) 555-0199", 60)],
        [("Re: Invoice 44821 for the week ending 10/18/2024", 60)],
        [("Please find attached the haul tickets for Job 24-105. Payment is net 30 days.", 60)],
    ]
    assert extract_ticket(page(letter), PROFILES) is None


def test_unknown_vendor_in_a_dominant_company_header_is_accepted() -> None:
    rows = [[("MESA VERDE DISPOSAL", 60)], *SCALE[1:]]
    t = extract_ticket(page(rows, heights={0: 50}), PROFILES)
    assert t is not None and t.vendor == "MESA VERDE DISPOSAL"
    assert t.field_confidence["vendor"] >= 0.9  # big, clean, worded like a business


def test_unknown_vendor_without_a_clear_header_gets_lower_confidence() -> None:
    rows = [[("MESA VERDE", 60)], *SCALE[1:]]  # not worded like a company
    t = extract_ticket(page(rows, heights={0: 50}), PROFILES)
    assert t is not None and t.vendor == "MESA VERDE"
    assert t.field_confidence["vendor"] < 0.9


def test_a_vendor_name_that_begins_like_a_label_word_is_still_the_vendor() -> None:
    """'TEICHERT' was read as a 'Tel' label (its I as an l), 'SITEWORK' as 'site' and
    'TAXCO' as 'tax': a label line is never a name, so the vendor came out empty."""
    for name in ("TEICHERT AGGREGATES", "SITEWORK MATERIALS INC", "TAXCO SAND AND GRAVEL",
                 "PLANTATION ROCK CO", "OFFICER BROS HAULING", "RATELL QUARRY"):  # fmt: skip
        rows = [[(name, 60)], *SCALE[1:]]
        t = extract_ticket(page(rows, heights={0: 50}), PROFILES)
        assert t is not None and t.vendor == name
        assert t.field_confidence["vendor"] >= 0.9
    # Where such a word is a label, it still ends the value before it.
    rows = [*SCALE[:5], [("Truck #", 60), ("T-104 Tel 909-555-0188", 260)], *SCALE[6:]]
    t = extract_ticket(page(rows, heights={0: 50}), PROFILES)
    assert t is not None and t.truck == "T-104"


def test_a_canadian_or_mexican_company_name_in_the_header_is_worded_like_a_business() -> None:
    """Quebec's 'Carrière ... Ltée' and Mexico's 'Agregados ...' name a company as surely as
    'Quarry ... Inc'; the accent is no part of what two printings share."""
    for name in ("CARRIERE LAVAL LTEE", "CARRIÈRE LAVAL LTÉE", "AGREGADOS DEL NORTE"):
        rows = [[(name, 60)], *SCALE[1:]]
        t = extract_ticket(page(rows, heights={0: 50}), PROFILES)
        assert t is not None and t.vendor == name
        assert t.field_confidence["vendor"] >= 0.9, name


_word = st.builds(
    Word,
    text=st.text(min_size=0, max_size=20),
    left=st.integers(-50, 3000),
    top=st.integers(-50, 3000),
    width=st.integers(-5, 500),
    height=st.integers(-5, 200),
    conf=st.floats(-1, 100, allow_nan=False),
    block=st.integers(0, 5),
    line=st.integers(0, 5),
)


@settings(max_examples=150, deadline=None)
@given(
    words=st.lists(_word, max_size=40),
    ink=st.lists(_word, max_size=5),
    codes=st.lists(st.text(max_size=30), max_size=3),
)
def test_extraction_never_raises(words: list[Word], ink: list[Word], codes: list[str]) -> None:
    pg = PageText(
        words, 2000, 1500, "ocr", barcodes=[Barcode("QR", c) for c in codes], ink_words=ink
    )
    extract_ticket(pg, PROFILES)


@settings(max_examples=100, deadline=None)
@given(text=st.text(max_size=400))
def test_extraction_never_raises_on_arbitrary_text(text: str) -> None:
    words = [
        Word(t, 40 + 60 * (i % 12), 40 + 40 * (i // 12), 50, 30, 90.0)
        for i, t in enumerate(text.split())
    ]
    extract_ticket(PageText(words, 1000, 1000, "ocr"), PROFILES)


def _with(pg: PageText, text: str, **change: float) -> PageText:
    """`pg` with the word `text` changed (height, conf, top) as OCR might have delivered it."""
    words = []
    for w in pg.words:
        if w.text == text:
            h = int(change.get("height", w.height))
            top = w.top - (h - w.height) // 2
            w = Word(w.text, w.left, top, w.width, h, change.get("conf", w.conf), w.block, w.line)
        words.append(w)
    return PageText(words, pg.width, pg.height, pg.source, pg.barcodes, pg.dpi, pg.ink_words)


def test_one_poorly_read_value_on_a_printed_ticket_is_low_confidence_not_handwriting() -> None:
    pg = _with(page(SCALE), "T-104", height=40, conf=60.0)
    t = extract_ticket(pg, PROFILES)
    assert t is not None and t.truck == "T-104"
    assert t.uncertain_fields == []
    assert t.field_confidence["truck"] < 0.8


def test_company_header_shares_its_line_with_a_form_title_and_a_smudge() -> None:
    rows = [
        [("Sierra Ready-Mix Concrete", 60), ("DELIVERY TICKET", 900), ("Eee", 1500)],
        *SCALE[1:],
    ]
    pg = _with(page(rows, heights={0: 50}), "Eee", conf=30.0)
    t = extract_ticket(pg, PROFILES)
    assert t is not None and t.vendor == "SIERRA READY-MIX CONCRETE"
    assert t.field_confidence["vendor"] >= 0.9


def test_low_confidence_header_is_not_trusted() -> None:
    rows = [[("MESA VERDE DISPOSAL", 60)], *SCALE[1:]]
    pg = _with(page(rows, heights={0: 50}), "VERDE", conf=80.0)
    t = extract_ticket(pg, PROFILES)
    assert t is not None and t.field_confidence["vendor"] < 0.9


def test_table_values_under_a_ruled_header_row() -> None:
    # Delivery ticket table: header row, a ruled line, then the values ~3.5 line heights lower.
    rows: list[list[tuple[str, int]]] = [
        [("CEMEX READY MIX", 60)],
        [("BOL", 900), ("8029864", 1000)],
        [("Date", 60), ("08-04-24", 200), ("Truck", 900), ("346", 1020)],
        [("QTY", 60), ("UNIT", 300), ("MIX / DESCRIPTION", 480), ("LOAD TOTAL", 1200)],
        [],
        [("8", 60), ("CY", 300), ("5 Sack Mix", 480), ("8 YD3", 1200)],
    ]
    pg = page(rows)
    moved = [Word(w.text, w.left, w.top + 60, w.width, w.height, w.conf, w.block, w.line)
             if w.line == 5 else w for w in pg.words]  # fmt: skip
    t = extract_ticket(PageText(moved, pg.width, pg.height + 60, "ocr"), PROFILES)
    assert t is not None
    assert (t.material, t.quantity, t.unit) == ("5 Sack Mix", 8.0, "CY")


def test_unit_word_after_a_handwritten_quantity() -> None:
    rows = [
        [("PORTILLO & SONS", 400)],
        [("HAULING TICKET", 60), ("No", 1200), ("285367", 1260)],
        [("Quantity", 60), ("20 Yds", 260)],
    ]
    t = extract_ticket(page(rows), PROFILES)
    assert t is not None and (t.quantity, t.unit) == (20.0, "CY")
    assert {"quantity", "unit"} <= set(t.uncertain_fields)


def test_code_missing_its_first_letter_is_not_trusted() -> None:
    rows = [*SCALE, [("Job:", 60), ("]-4471", 260)]]
    t = extract_ticket(page(rows), PROFILES)
    assert t is not None and t.field_confidence["job"] < 0.8


def test_weights_that_add_up_confirm_a_poorly_read_digit_run() -> None:
    import datetime as _dt

    from engine.review import assess

    pg = _with(page(SCALE), "72,340", conf=50.0)
    t = extract_ticket(pg, PROFILES)
    assert t is not None and t.gross_lb == 72340.0
    assess(t, _dt.date(2025, 1, 1))  # review judges: the arithmetic corroborates the weights
    assert t.field_confidence["gross_lb"] >= 0.95
    broken = _with(page([*SCALE[:7], [("GROSS", 60), ("72,840 lb", 400)], *SCALE[8:]]), "72,840")
    t2 = extract_ticket(_with(broken, "72,840", conf=50.0), PROFILES)
    assert t2 is not None
    assess(t2, _dt.date(2025, 1, 1))
    assert t2.field_confidence["gross_lb"] < 0.8 and t2.needs_review


def test_a_garbled_code_is_not_trusted_and_a_second_read_cannot_lift_it() -> None:
    rows = [*SCALE[:5], [("Truck #", 60), ("¥-333", 260)], *SCALE[6:]]
    t = extract_ticket(page(rows), PROFILES)
    assert t is not None and t.field_confidence["truck"] < 0.8
    assert "truck" in t.ruled_fields


def test_a_number_off_the_vendor_pattern_is_kept_but_flagged() -> None:
    """PORTILLO's profile says six digits; a seven-digit serial is shown, not accepted."""
    rows = PORTILLO_TOP
    ink = [Word("2853671", 1300, 40, 140, 30, 96.0)]
    t = extract_ticket(page(rows, ink_words=ink), PROFILES)
    assert t is not None and t.ticket_number == "2853671"
    assert t.field_confidence["ticket_number"] < 0.9 and "ticket_number" in t.ruled_fields


def test_the_serial_is_not_a_manifest_number_printed_lower_down() -> None:
    """Two digit runs on a haul ticket: the one under 'PIT TICKET' is the manifest, the big one
    at the top is the book's serial."""
    rows = [
        [("JD AND SON TRUCKING", 400)],
        [("DAILY TRUCK TICKET", 60), ("1763873", 1300)],
        [("DATE", 60), ("TRUCK NO.", 500), ("JOB / PIT TICKET", 1000)],
        [("5/19/24", 60), ("162", 500), ("44666429", 1000)],
        *[[("Customer WESTSIDE BUILDERS INC", 60)]] * 4,
    ]
    # The serial read less surely than the manifest: position, not confidence, decides.
    t = extract_ticket(_with(page(rows), "1763873", conf=80.0), PROFILES)
    assert t is not None and t.ticket_number == "1763873" and t.manifest == "44666429"


def test_a_label_printed_with_its_value_unread_is_a_field_to_check() -> None:
    from engine.review import assess, fields_to_check

    rows = [*SCALE, [("Manifest #", 60), ("~~", 260)]]
    t = extract_ticket(page(rows), PROFILES)
    assert t is not None and t.manifest is None
    assess(t, dt.date(2025, 1, 1))
    assert t.needs_review and "manifest" in fields_to_check(t)


def test_tesseract_boxes_overlapping_inside_one_line_stay_one_line() -> None:
    """'Manifest #': Tesseract often draws the '#' box into the word before it."""
    words = [
        Word("Manifest", 968, 614, 147, 22, 93.0, 16001, 3),
        Word("#", 1102, 602, 20, 45, 93.0, 16001, 3),
        Word("95908825", 1150, 616, 138, 20, 95.0, 16001, 3),
    ]
    from engine.extract.layout import build_lines

    lines = build_lines(words)
    assert len(lines) == 1 and lines[0].text == "Manifest # 95908825"


def test_a_scrawl_is_left_empty_for_the_operator_not_filled_with_ocr_s_guess() -> None:
    rows = [
        [("RED MESA TRUCKING INC", 400)],
        [("HAULING TICKET", 60), ("No", 1200), ("285367", 1260)],
        [("Date", 60), ("2/18/25", 260)],
        [("Truck #", 60), ("pate", 260)],
        [("Material", 60), ("Dirt", 260)],
        [("Manifest #", 60), ("14396964", 260)],
    ]
    words = [
        Word(w.text, w.left, w.top - 15, w.width, 60, 30.0 if w.text == "Dirt" else 80.0, 0, 0)
        if w.left == 260
        else w
        for w in page(rows).words
    ]
    t = extract_ticket(PageText(words, 1700, 500, "ocr"), PROFILES)
    assert t is not None and t.ticket_number == "285367"
    assert t.truck is None and t.material is None  # 'pate' is no truck; 'Dirt' read at 30%
    assert t.manifest == "14396964" and t.date == dt.date(2025, 2, 18)  # kept, to confirm
    assert {"truck", "material", "manifest", "date"} <= set(t.uncertain_fields)


def test_a_job_code_whose_j_was_read_as_a_bracket_is_shown_right_and_flagged() -> None:
    rows = [*SCALE, [("Job:", 60), ("}-4471", 260)]]
    t = extract_ticket(page(rows), PROFILES)
    assert t is not None and t.job == "J-4471" and t.field_confidence["job"] < 0.8


def test_a_trade_word_on_a_field_line_is_not_a_vendor_name() -> None:
    """'Material: Soil' shares 'MATERIAL' with the VULCAN MATERIALS profile, and nothing else."""
    rows = [
        [("DESERT FOX HAULING", 60)],
        [("Date:", 60), ("1/5/2024", 260)],
        [("Material:", 60), ("So}!", 260)],
        [("Ticket", 900), ("418208", 1020)],
    ]
    t = extract_ticket(page(rows), PROFILES)
    assert t is not None and t.vendor != "VULCAN MATERIALS"


def test_a_vendor_alias_with_joining_words_still_matches() -> None:
    rows = [
        [("Harbor Recycling & Transfer", 60), ("No. 88113", 1200)],
        [("Date:", 60), ("11/14/2024", 260)],
        [("GROSS", 60), ("72,340 lb", 400)],
    ]
    t = extract_ticket(page(rows), PROFILES)
    assert t is not None and t.vendor == "HARBOR RECYCLING"


def test_a_label_with_a_printed_dash_is_an_empty_field_not_a_missed_value() -> None:
    from engine.review import assess, fields_to_check

    for placeholder in ("-", "—", "N/A"):
        t = extract_ticket(page([*SCALE, [("Job:", 60), (placeholder, 260)]]), PROFILES)
        assert t is not None and t.job is None
        assess(t, dt.date(2025, 1, 1))
        assert "job" not in fields_to_check(t) and not t.needs_review, placeholder


def test_a_dash_read_poorly_beside_a_label_is_still_a_value_to_check() -> None:
    from engine.review import assess, fields_to_check

    rows = [*SCALE, [("Job:", 60), ("-", 260)]]
    p = page(rows)
    # A smudge as like as a dash.
    p.words = [dataclasses.replace(w, conf=30.0) if w.text == "-" else w for w in p.words]
    t = extract_ticket(p, PROFILES)
    assert t is not None
    assess(t, dt.date(2025, 1, 1))
    assert "job" in fields_to_check(t)


def test_two_reads_of_one_stamp_that_differ_give_the_surer_one_flagged() -> None:
    """The plain read doubled a digit the ink channel read once: the surer read is shown,
    and the ticket goes to a person."""
    rows = [
        *PORTILLO_TOP,
        [("Ticket", 1100), ("2853677", 1300)],
    ]
    p = page(rows)
    p.words = [dataclasses.replace(w, conf=72.0) if w.text == "2853677" else w for w in p.words]
    plain = next(w for w in p.words if w.text == "2853677")
    ink = [Word("285367", plain.left, plain.top, plain.width, plain.height, 96.0)]
    p.ink_words = ink
    t = extract_ticket(p, PROFILES)
    assert t is not None and t.ticket_number == "285367"
    assert t.field_confidence["ticket_number"] <= 0.5 and "ticket_number" in t.ruled_fields


def test_the_vendor_pattern_does_not_choose_between_two_reads_of_one_stamp() -> None:
    """PORTILLO's serials have six digits. The ink channel read six at 70%, the plain read five
    at 95%: the pattern chooses among places on the page, not among reads of one stamp."""
    rows = [
        *PORTILLO_TOP,
        [("No", 1200), ("28536", 1300)],
    ]
    p = page(rows)
    plain = next(w for w in p.words if w.text == "28536")
    ink = [Word("285367", plain.left, plain.top, plain.width, plain.height, 70.0)]
    p.ink_words = ink
    t = extract_ticket(p, PROFILES)
    assert t is not None and t.ticket_number == "28536"
    assert t.field_confidence["ticket_number"] <= 0.5


def test_a_street_number_is_no_serial_even_under_a_large_coloured_smudge() -> None:
    """ROADSTAR's serials have five or six digits; the stamp here has seven. A coloured smear
    read by the ink channel spans the address line: its street number still is no serial."""
    rows = [
        [("ROADSTAR MANAGEMENT LLC", 400)],
        [("95920 Mission Blvd, Tracy, CA 92874", 400)],
        [("TRUCK#", 60), ("8649", 200), ("3219441", 1300)],
    ]
    p = page(rows)
    stamp = next(w for w in p.words if w.text == "3219441")
    p.ink_words = [
        Word("3219441", stamp.left, stamp.top, stamp.width, stamp.height, 95.0),
        Word("~", 0, 0, 1700, 400, 10.0),  # the smear
    ]
    t = extract_ticket(p, PROFILES)
    assert t is not None and t.ticket_number == "3219441"
    assert t.field_confidence["ticket_number"] < 0.9  # off the vendor's pattern: flagged


def test_a_number_the_ink_channel_saw_as_garbage_is_still_the_stamped_serial() -> None:
    """The ink channel read a faint stamp as 'S7BUAES'; the plain read of the same place has
    the digits. That place is the serial, not a small number in the header."""
    rows = [
        [("DESERT FOX HAULING", 400)],
        [("Lic 471761", 60)],
        *[[("Customer WESTSIDE BUILDERS INC", 60)]] * 6,
        [("9721483", 1300)],
    ]
    p = page(rows)
    stamp = next(w for w in p.words if w.text == "9721483")
    p.ink_words = [Word("S7BUAES", stamp.left + 2, stamp.top, stamp.width, stamp.height, 0.0)]
    t = extract_ticket(p, PROFILES)
    assert t is not None and t.ticket_number == "9721483"


def test_a_label_word_inside_a_value_is_part_of_it_unless_it_labels_a_value() -> None:
    def with_rows(*rows: list[tuple[str, int]]) -> PageText:
        kept = [r for r in SCALE if r[0][0] not in ("Material:", "Truck #")]
        return page([*kept, *rows])

    # 'Mix' and 'MIX' are material labels too, but here they are the end of a name.
    for name in ("4000 PSI Mix", "HOT MIX ASPHALT", "3000 PSI Pump Mix"):
        t = extract_ticket(with_rows([("Material:", 60), (name, 260)]), PROFILES)
        assert t is not None and t.material == name
    # Typed tight on one line, a label with its value after it still ends the value before it.
    t = extract_ticket(with_rows([("Material: Fill Dirt Truck 104", 60)]), PROFILES)
    assert t is not None and (t.material, t.truck) == ("Fill Dirt", "104")
    t = extract_ticket(with_rows([("Material: Fill Dirt Truck: T-9", 60)]), PROFILES)
    assert t is not None and (t.material, t.truck) == ("Fill Dirt", "T-9")


def test_a_transfer_stations_receipt_or_transaction_number_is_the_ticket_number() -> None:
    for label, number in (("Receipt #", "T-58823"), ("RECEIPT NO.", "558899"),
                          ("Transaction #", "1188223"), ("Trans No:", "1188224")):  # fmt: skip
        rows = [
            [("EAST COUNTY TRANSFER", 60)],
            [(label, 60), (number, 360), ("Date:", 900), ("3/14/25", 1020)],
            [("Gross", 60), ("42,100 lb", 360)],
            [("Tare", 60), ("20,000 lb", 360)],
        ]
        t = extract_ticket(page(rows), PROFILES)
        assert t is not None and t.ticket_number == number, label
        assert t.date == dt.date(2025, 3, 14) and t.gross_lb == 42100


def test_weights_under_a_label_carrying_its_unit_are_read() -> None:
    rows = [
        [("ACME ROCK", 60)],
        [("Ticket No.", 60), ("7781243", 300), ("Date", 900), ("11/02/2025", 1020)],
        [("Gross (lbs)", 60), ("64220", 500)],
        [("Tare (lbs)", 60), ("28100", 500)],
        [("Net (lbs)", 60), ("36120", 500)],
    ]
    t = extract_ticket(page(rows), PROFILES)
    assert t is not None and (t.gross_lb, t.tare_lb, t.net_lb) == (64220, 28100, 36120)


def test_weights_printed_in_kilograms_are_converted_to_the_pound_columns() -> None:
    head = [[("ACME ROCK", 60)], [("Ticket No.", 60), ("7781240", 300), ("Date", 900),
                                  ("11/02/2025", 1020)]]  # fmt: skip
    on_values = [[("Gross", 60), ("29,130 kg", 400)], [("Tare", 60), ("12,750 kg", 400)],
                 [("Net", 60), ("16,380 kg", 400)]]  # fmt: skip
    in_header = [[("GROSS KG", 60), ("TARE KG", 500), ("NET KG", 900)],
                 [("29,130", 60), ("12,750", 500), ("16,380", 900)]]  # fmt: skip
    for rows in (head + on_values, head + in_header):
        t = extract_ticket(page(rows), PROFILES)
        assert t is not None
        assert (t.gross_lb, t.tare_lb, t.net_lb) == (64221, 28109, 36112)
        assert t.unit == "TN" and t.quantity == 18.06  # net tons from the converted net


HEAD = [[("ACME ROCK", 60)], [("Ticket No.", 60), ("7781250", 300), ("Date", 900),
                              ("11/02/2025", 1020)]]  # fmt: skip


def _read(rows: list[list[tuple[str, int]]]) -> dict[str, object]:
    t = extract_ticket(page(HEAD + rows), PROFILES)
    assert t is not None
    return {f: getattr(t, f) for f in ("quantity", "unit", "material", "job")}


def test_metric_tonnes_become_the_short_tons_the_quantity_column_counts() -> None:
    assert _read([[("Net Tonnes", 60), ("16.38", 300)]])["quantity"] == 18.06
    assert _read([[("Quantity", 60), ("16.38 MT", 300)]]) == {
        "quantity": 18.06, "unit": "TN", "material": None, "job": None}  # fmt: skip
    assert _read([[("Quantity", 60), ("18.06 T", 300)]])["unit"] == "TN"


def test_a_job_printed_by_name_is_the_whole_name_not_its_first_word() -> None:
    assert _read([[("Project:", 60), ("Hwy 101 Widening", 300)]])["job"] == "Hwy 101 Widening"
    assert _read([[("Job:", 60), ("Smith Residence", 300)]])["job"] == "Smith Residence"
    assert _read([[("Job:", 60), ("24-105 Smith Residence", 300)]])["job"] == "24-105"


def test_an_item_line_names_the_material_and_an_item_number_does_not() -> None:
    assert _read([[("Item", 60), ("#57 Stone", 300)]])["material"] == "#57 Stone"
    read = _read([[("Item No.", 60), ("5512", 300)], [("Description", 60), ("Fill Sand", 300)]])
    assert read["material"] == "Fill Sand"


# Wordings and arrangements of tickets the extraction was not built on (found by a probe of
# eight new layouts): each is a convention real scale houses print.
QUARRY_HEAD = [[("BOWRAL SAND & GRAVEL PTY", 60)], [("12 Quarry Rd, Bowral NSW 2576", 60)]]


def test_a_customer_number_above_the_ticket_number_is_not_the_ticket_number() -> None:
    rows = [
        *QUARRY_HEAD,
        [("Customer No.", 60), ("74502", 330), ("Scale ID:", 900), ("1", 1080)],
        [("Ticket No.", 60), ("1816901", 330), ("Date:", 900), ("10/17/2024", 1020)],
        [("Gross", 60), ("72,340 lb", 400)],
        [("Tare", 60), ("30,000 lb", 400)],
        [("Net", 60), ("42,340 lb", 400)],
    ]
    t = extract_ticket(page(rows), PROFILES)
    assert t is not None and t.ticket_number == "1816901"
    # 'Acct #' and 'Permit No' claim their numbers the same way.
    rows[2] = [("Acct #", 60), ("74502", 330), ("Permit No", 900), ("88123", 1100)]
    assert extract_ticket(page(rows), PROFILES).ticket_number == "1816901"  # type: ignore[union-attr]


def test_a_row_of_column_headers_gives_each_column_its_value() -> None:
    xs = (60, 300, 620, 820, 1100, 1300, 1500)
    heads = ("TICKET", "DATE", "TRUCK", "PRODUCT", "GROSS", "TARE", "NET")
    values = ("5463601", "07/08/2024", "T-286", "Fill Dirt", "79,957", "35,387", "44,570")
    rows = [*QUARRY_HEAD, list(zip(heads, xs, strict=True)), list(zip(values, xs, strict=True))]
    t = extract_ticket(page(rows), PROFILES)
    assert t is not None
    assert (t.ticket_number, t.date, t.truck) == ("5463601", dt.date(2024, 7, 8), "T-286")
    assert (t.gross_lb, t.tare_lb, t.net_lb) == (79957, 35387, 44570)


def test_a_boxed_form_with_small_captions_over_its_values_is_read_whole() -> None:
    """Captions of two words ('WEIGH DATE', 'PRODUCT NAME') lost their values: the date under
    'WEIGH' was cut off by the ticket number's column, 'NAME' was taken for the product. And
    from a born-digital PDF, values in 11 points under 7-point captions are typed, not a
    driver's hand; on a scan they may be one, and are a person's to confirm."""
    rows = [
        *QUARRY_HEAD,
        [("TICKET NO.", 60), ("WEIGH DATE", 400), ("TRUCK", 800)],
        [("7036755", 60), ("Jul 03, 2025", 400), ("384", 800)],
        [("HAULER", 60), ("PRODUCT NAME", 600)],
        [("DELTA DUMP TRUCKS INC", 60), ("FILL DIRT", 600)],
        [("Gross", 60), ("51,215 lb", 400)],
        [("Tare", 60), ("30,623 lb", 400)],
        [("Net", 60), ("20,592 lb", 400)],
    ]
    scan = page(rows, heights={2: 18, 4: 18, 3: 29, 5: 29})
    for read in (scan, dataclasses.replace(scan, source="text_layer")):
        t = extract_ticket(read, PROFILES)
        assert t is not None
        assert (t.ticket_number, t.date, t.truck) == ("7036755", dt.date(2025, 7, 3), "384")
        assert (t.hauler, t.material) == ("DELTA DUMP TRUCKS INC", "FILL DIRT")
        assert min(t.field_confidence[f] for f in ("ticket_number", "date", "truck")) > 0.9


def test_values_far_taller_than_their_captions_are_a_hand_on_a_scan_and_typed_in_a_pdf() -> None:
    rows = [
        *QUARRY_HEAD,
        [("TICKET", 60), ("DATE", 400), ("TRUCK", 800)],
        [("7036755", 60), ("07/03/2025", 400), ("384", 800)],
        [("Gross", 60), ("51,215 lb", 400)],
        [("Tare", 60), ("30,623 lb", 400)],
        [("Net", 60), ("20,592 lb", 400)],
    ]
    scan = page(rows, heights={2: 12, 3: 30})  # values two and a half times their captions
    for read, typed in ((scan, False), (dataclasses.replace(scan, source="text_layer"), True)):
        t = extract_ticket(read, PROFILES)
        assert t is not None and (t.ticket_number, t.truck) == ("7036755", "384")
        sure = min(t.field_confidence[f] for f in ("date", "truck"))
        assert (sure > 0.9) == typed


def test_two_weighings_give_the_larger_as_gross_whichever_came_first() -> None:
    for first, second in (("28,120 lb", "72,340 lb"), ("72,340 lb", "28,120 lb")):
        rows = [
            *QUARRY_HEAD,
            [("Ticket No.", 60), ("1816901", 330), ("Date:", 900), ("10/17/2024", 1020)],
            [("First Weight", 60), (first, 400), ("08:14 AM", 700)],
            [("Second Weight", 60), (second, 400), ("08:41 AM", 700)],
            [("Net Weight", 60), ("44,220 lb", 400)],
        ]
        t = extract_ticket(page(rows), PROFILES)
        assert t is not None and (t.gross_lb, t.tare_lb, t.net_lb) == (72340, 28120, 44220)
    # A quarry weighs its trucks in empty: 'Weight In' is then the tare.
    rows[3:5] = [[("Weight In", 60), ("28,120 lb", 400)], [("Weight Out", 60), ("72,340 lb", 400)]]
    t = extract_ticket(page(rows), PROFILES)
    assert t is not None and (t.gross_lb, t.tare_lb) == (72340, 28120)


def _metric(date: str, extra: list[list[tuple[str, int]]] = ()) -> PageText:  # type: ignore[assignment]
    return page(
        [
            *QUARRY_HEAD,
            [("Docket No.", 60), ("2009737", 330), ("Date:", 900), (date, 1020)],
            [("Rego:", 60), ("BK71EK", 330)],
            [("Gross Mass", 60), ("35,286 kg", 400)],
            [("Tare Mass", 60), ("12,319 kg", 400)],
            [("Net Mass", 60), ("22,967 kg", 400)],
            *extra,
        ]
    )


def test_a_metric_ticket_reads_its_dates_day_first_and_says_when_that_is_a_guess() -> None:
    t = extract_ticket(_metric("02/07/2025"), PROFILES)
    assert t is not None and t.date == dt.date(2025, 7, 2)
    assert t.field_confidence["date"] <= 0.7  # 2 July or 7 February: a person confirms
    assert t.truck == "BK71EK" and t.gross_lb == round(35286 * 2.20462262)
    # A date elsewhere on the page that reads one way only settles the order.
    sure = extract_ticket(_metric("02/07/2025", [[("Printed 15/07/2025", 60)]]), PROFILES)
    assert sure is not None and sure.date == dt.date(2025, 7, 2)
    assert sure.field_confidence["date"] > 0.9
    # A US ticket in pounds stays month-first, and sure of it.
    us = extract_ticket(page(SCALE), PROFILES)
    assert us is not None and us.date == dt.date(2024, 10, 17)
    rows = [list(r) for r in SCALE]
    rows[2] = [("Ticket #", 60), ("198418", 260), ("Date:", 900), ("02/07/2025", 1020)]
    us = extract_ticket(page(rows), PROFILES)
    assert us is not None and us.date == dt.date(2025, 2, 7)
    assert us.field_confidence["date"] > 0.9


def test_a_truck_known_by_its_plate_is_read_and_an_unknown_label_is_no_value() -> None:
    rows = [
        *QUARRY_HEAD,
        [("Ticket No.", 60), ("1816901", 330), ("Date:", 900), ("10/17/2024", 1020)],
        [("Vehicle Reg:", 60), ("BK71EK", 330)],
    ]
    assert extract_ticket(page(rows), PROFILES).truck == "BK71EK"  # type: ignore[union-attr]
    rows[3] = [("License Plate", 60), ("7XKL204", 330)]
    assert extract_ticket(page(rows), PROFILES).truck == "7XKL204"  # type: ignore[union-attr]
    rows[3] = [("Truck", 60), ("Fleet: 22", 330)]  # 'Fleet:' is a label we do not know
    assert extract_ticket(page(rows), PROFILES).truck is None  # type: ignore[union-attr]


def test_dot_leaders_between_label_and_value_are_read_through() -> None:
    """Tesseract reads a row of leader dots as words a fifth of a letter tall, sitting on the
    baseline: they drew the value onto a line of its own."""
    rows = [
        *QUARRY_HEAD,
        [("Ticket No.", 60), ("1816901", 330), ("Date:", 900), ("10/17/2024", 1020)],
        [("Gross Weight", 60), ("57,124 lb", 700)],
        [("Tare Weight", 60), ("28,044 lb", 700)],
    ]
    p = page(rows)
    for r in (3, 4):
        top = 40 + r * 50 + 24  # on the baseline of the row's 30-pixel letters
        for k in range(5):  # leaders broken into runs, as Tesseract reads them
            p.words.append(Word("......", 300 + k * 75, top + (k % 2), 60, 5, 40.0, r, 5 + k))
    t = extract_ticket(p, PROFILES)
    assert t is not None and (t.gross_lb, t.tare_lb) == (57124, 28044)


def test_a_scale_indicators_weights_are_read_before_their_words() -> None:
    rows = [
        *QUARRY_HEAD,
        [("Ticket No.", 60), ("1816901", 330), ("Date:", 900), ("10/17/2024", 1020)],
        [("79,957 lb", 300), ("GROSS", 520)],
        [("35,387 lb", 300), ("TARE", 520)],
        [("44,570 lb", 300), ("NET", 520)],
    ]
    t = extract_ticket(page(rows), PROFILES)
    assert t is not None and (t.gross_lb, t.tare_lb, t.net_lb) == (79957, 35387, 44570)
    # A bare number before a label is not its value: it may be anything.
    t = extract_ticket(page([*rows[:3], [("35387", 300), ("TARE", 520)]]), PROFILES)
    assert t is not None and t.tare_lb is None
    # Nor is another label's value: here the net's is missing.
    tare_then_net = [("Tare", 60), ("30,000 lb", 300), ("Net", 600)]
    t = extract_ticket(page([*rows[:3], tare_then_net]), PROFILES)
    assert t is not None and t.tare_lb == 30000 and t.net_lb is None


def test_a_thermal_printers_short_keys_are_labels() -> None:
    rows = [
        *QUARRY_HEAD,
        [("TKT#: 1816901", 60)],
        [("DATE: 10/17/2024", 60)],
        [("CARR: RED ROCK HAULING", 60)],
        [("MATL: 3/4 CRUSHED ROCK", 60)],
        [("CUST: 74502", 60)],
    ]
    t = extract_ticket(page(rows), PROFILES)
    assert t is not None and (t.hauler, t.material) == ("RED ROCK HAULING", "3/4 CRUSHED ROCK")
    assert t.ticket_number == "1816901"


def _ticket_rows(*rows: list[tuple[str, int]]) -> PageText:
    return page([*QUARRY_HEAD, *rows])


def test_bilingual_labels_give_their_values_whichever_language_comes_first() -> None:
    t = extract_ticket(
        _ticket_rows(
            [("Boleto No. / Ticket No.:", 60), ("5875895", 560), ("Peso Bruto / Gross:", 900),
             ("77,218 lb", 1300)],
            [("Fecha / Date:", 60), ("10/17/2024", 560), ("Tara / Tare:", 900),
             ("32,243 lb", 1300)],
            [("Camion / Truck:", 60), ("T-74", 560), ("Peso Neto / Net:", 900),
             ("44,975 lb", 1300)],
            [("Material / Material:", 60), ("Concrete Rubble", 560)],
            [("Cliente / Customer:", 60), ("WESTSIDE BUILDERS INC", 560), ("Placas / Plates:", 900),
             ("B43-326", 1300)],
            [("Gross / Peso Bruto:", 60), ("77,218 lb", 560)],
        ),
        PROFILES,
    )  # fmt: skip
    assert t is not None and (t.ticket_number, t.truck) == ("5875895", "T-74")
    assert t.material == "Concrete Rubble" and t.date == dt.date(2024, 10, 17)
    assert (t.gross_lb, t.tare_lb, t.net_lb) == (77218, 32243, 44975)
    # An unknown translation after the label ('/ Bruto Total:') is still the label's.
    t = extract_ticket(
        _ticket_rows([("Ticket No.", 60), ("5875895", 330)],
                     [("Gross / Bruto Total:", 60), ("77,218 lb", 560)]),
        PROFILES,
    )  # fmt: skip
    assert t is not None and t.gross_lb == 77218


def test_weights_printed_in_tons_only_are_pounds_in_their_columns() -> None:
    t = extract_ticket(
        _ticket_rows(
            [("Ticket No.", 60), ("4334289", 330), ("Date:", 900), ("10/14/2024", 1020)],
            [("Gross", 60), ("36.25 T", 330), ("Tare", 600), ("17.08 T", 800)],
            [("Net", 60), ("19.17 T", 330)],
            [("Loads today", 60), ("12", 330), ("Tons today", 600), ("109.81 T", 800)],
        ),
        PROFILES,
    )
    assert t is not None and (t.gross_lb, t.tare_lb, t.net_lb) == (72500, 34160, 38340)
    assert (t.quantity, t.unit) == (19.17, "TN")
    t = extract_ticket(
        _ticket_rows(
            [("Ticket No.", 60), ("4334289", 330), ("Date:", 900), ("10/14/2024", 1020)],
            [("GROSS TONS", 60), ("35.98", 330)],
            [("TARE TONS", 60), ("17.93", 330)],
            [("NET TONS", 60), ("18.05", 330)],
        ),
        PROFILES,
    )
    assert t is not None and (t.gross_lb, t.tare_lb) == (71960, 35860)
    assert (t.quantity, t.unit) == (18.05, "TN")


def test_a_ready_mix_tickets_running_totals_are_not_this_loads_quantity() -> None:
    t = extract_ticket(
        _ticket_rows(
            [("Ticket No.", 60), ("4334289", 330), ("Date:", 900), ("10/14/2024", 1020)],
            [("Qty Ordered", 60), ("120.00", 330), ("Cum. Qty", 600), ("36.00", 800)],
            [("Yards Delivered", 60), ("30.00", 330), ("Load #", 600), ("3", 800)],
            [("This Load", 60), ("10.00 CY", 330)],
        ),
        PROFILES,
    )
    assert t is not None and (t.quantity, t.unit) == (10.0, "CY")


def test_an_amount_in_dollars_is_no_quantity_and_key_equals_value_is_read() -> None:
    t = extract_ticket(
        _ticket_rows(
            [("TICKET=1437356", 60), ("DATE=10/14/2024", 900)],
            [("HAULER=D & L TRANSPORT CO", 60)],
            [("Description", 60), ("Qty", 600), ("Rate", 800), ("Amount", 1000)],
            [("Fill Dirt", 60), ("4.33", 600), ("27.27", 800), ("118.08", 1000)],
        ),
        PROFILES,
    )
    assert t is not None and t.ticket_number == "1437356"
    assert t.hauler == "D & L TRANSPORT CO" and t.quantity == 4.33


def test_an_account_number_is_no_serial_and_a_big_number_at_the_foot_is() -> None:
    rows = [
        *QUARRY_HEAD,
        [("Account No. 981464", 60)],
        [("Date:", 60), ("10/14/2024", 200)],
        [("Gross", 60), ("72,340 lb", 330)],
        [("Tare", 60), ("30,000 lb", 330)],
        [("Net", 60), ("42,340 lb", 330)],
        [("9449196", 900)],  # printed twice the body's height, low on the slip
    ]
    t = extract_ticket(page(rows, heights={7: 60}), PROFILES)
    assert t is not None and t.ticket_number == "9449196"


def test_a_punch_hole_read_as_a_symbol_does_not_make_the_vendors_name_look_small() -> None:
    from engine.extract.vendors import HEADER_TRUSTED

    rows = [
        [("@", 20)],  # a punch hole in the margin, read as a tall symbol
        [("PACIFIC AGGREGATES INC", 60)],
        [("Ticket No.", 60), ("1816901", 330), ("Date:", 900), ("10/17/2024", 1020)],
        [("Gross", 60), ("72,340 lb", 400)],
    ]
    t = extract_ticket(page(rows, heights={0: 60, 1: 40}), PROFILES)
    assert t is not None and t.vendor == "PACIFIC AGGREGATES INC"
    assert t.field_confidence["vendor"] == HEADER_TRUSTED


def test_a_code_that_lost_a_glyph_to_a_trailing_bracket_goes_to_a_person() -> None:
    """'BT47DJ' read 'BT47D}': the bracket is stripped as punctuation, the value is a glyph
    short, and a second read repeating the bracket must not make it sure."""
    rows = [
        *QUARRY_HEAD,
        [("Ticket No.", 60), ("1816901", 330), ("Date:", 900), ("10/17/2024", 1020)],
        [("Vehicle Reg:", 60), ("BT47D}", 330)],
    ]
    t = extract_ticket(page(rows), PROFILES)
    assert t is not None and t.truck == "BT47D"
    assert t.field_confidence["truck"] <= 0.5 and "truck" in t.ruled_fields


def _flush_right(label: str, value: str, edge: int) -> list[tuple[str, int]]:
    return [(label, 60), (value, edge - len(value) * CHAR_W)]


def test_values_set_at_one_tab_stop_far_from_their_labels_are_read() -> None:
    """Weighing software right-aligns a column of values far from their labels (here about 40
    letters' height away): the shared right edge shows they belong to the labels."""
    rows = [
        [("ACME AGGREGATES", 60)],
        _flush_right("Ticket No.", "5166721", 1500),
        _flush_right("Truck", "K80", 1500),
        _flush_right("Material", "Fill Dirt", 1500),
        _flush_right("Gross", "50,056 lb", 1500),
        _flush_right("Tare", "29,481 lb", 1500),
        _flush_right("Net", "20,575 lb", 1500),
    ]
    t = extract_ticket(page(rows), PROFILES)
    assert t is not None
    assert (t.ticket_number, t.truck, t.material) == ("5166721", "K80", "Fill Dirt")
    assert (t.gross_lb, t.tare_lb, t.net_lb) == (50056.0, 29481.0, 20575.0)


def test_a_far_word_at_no_tab_stop_is_not_its_labels_value() -> None:
    """Far right of a label with nothing beside it, a word no other value lines up with
    belongs to something else (a second column's stray note), not to the label."""
    rows = [
        [("ACME AGGREGATES", 60)],
        [("Ticket No.", 60), ("5166721", 300)],
        [("Truck", 60), ("VOID", 1400)],
        [("Material", 60), ("Fill Dirt", 300)],
    ]
    t = extract_ticket(page(rows), PROFILES)
    assert t is not None
    assert (t.ticket_number, t.material) == ("5166721", "Fill Dirt")
    assert t.truck is None


def _placed(items: list[tuple[str, int, int, int]]) -> PageText:
    """Words as (text, left, top, height); each space-separated part its own word."""
    words = [
        w for n, (text, x, y, h) in enumerate(items) for w in _split(text, x, y, h, 95.0, n, 1)
    ]
    return PageText(words, 1700, 1000, "ocr")


def test_captions_printed_under_their_values_are_read_upward() -> None:
    """A form prints each value on a rule with its caption in small type beneath: the caption
    sits nearer the value over it than the next row under it (the truck was read as the
    material printed under its caption)."""
    rows = [
        ("FOOTHILL ROCK PRODUCTS", 60, 40, 34),
        ("5463601", 80, 240, 25), ("07/08/2024", 600, 240, 25), ("286", 1100, 240, 25),
        ("Ticket No.", 60, 290, 15), ("Date", 580, 290, 15), ("Truck No.", 1080, 290, 15),
        ("RED ROCK HAULING", 80, 380, 25), ("C&D Debris", 1100, 380, 25),
        ("Hauler", 60, 430, 15), ("Material", 1080, 430, 15),
        ("79,957 lb", 60, 580, 25), ("GROSS", 300, 580, 25), ("22.29", 900, 580, 25),
        ("Net Tons", 880, 630, 15),
    ]  # fmt: skip
    t = extract_ticket(_placed(rows), PROFILES)
    assert t is not None
    assert (t.ticket_number, t.date, t.truck) == ("5463601", dt.date(2024, 7, 8), "286")
    assert (t.hauler, t.material) == ("RED ROCK HAULING", "C&D Debris")
    assert (t.gross_lb, t.quantity) == (79957.0, 22.29)


def test_column_headers_over_their_values_are_still_read_downward() -> None:
    """Labels over values, each group far from the last: every label takes the row under it,
    never the row of the group before."""
    rows = [
        ("FOOTHILL ROCK PRODUCTS", 60, 40, 34),
        ("Ticket No.", 60, 200, 15), ("Date", 580, 200, 15), ("Truck No.", 1080, 200, 15),
        ("5463601", 60, 230, 25), ("07/08/2024", 580, 230, 25), ("286", 1080, 230, 25),
        ("Hauler", 60, 330, 15), ("Material", 1080, 330, 15),
        ("RED ROCK HAULING", 60, 360, 25), ("C&D Debris", 1080, 360, 25),
    ]  # fmt: skip
    t = extract_ticket(_placed(rows), PROFILES)
    assert t is not None
    assert (t.ticket_number, t.date, t.truck) == ("5463601", dt.date(2024, 7, 8), "286")
    assert (t.hauler, t.material) == ("RED ROCK HAULING", "C&D Debris")


def test_a_name_wrapped_over_two_lines_of_its_box_is_read_whole() -> None:
    """A boxed form's material wraps in its box; the hauler sits under a tiny caps header far
    narrower than the name. A street address under a name is not part of it."""
    rows = [
        ("PACIFIC COAST AGGREGATES", 60, 40, 34),
        ("HAULER", 60, 200, 12), ("JOB", 800, 200, 12),
        ("R&J HAULING LLC", 80, 230, 24), ("25-012 Hwy 101 Widening", 820, 230, 24),
        ("MATERIAL", 60, 330, 12), ("GROSS LBS", 600, 330, 12),
        ("Imported Select", 80, 360, 24), ("64,934", 620, 376, 24),
        ("Fill Material", 80, 392, 24),
    ]  # fmt: skip
    t = extract_ticket(_placed(rows), PROFILES)
    assert t is not None
    assert (t.hauler, t.material) == ("R&J HAULING LLC", "Imported Select Fill Material")
    assert t.gross_lb == 64934.0
    rows = [
        ("PACIFIC COAST AGGREGATES", 60, 40, 34),
        ("Ticket No. 445741", 60, 120, 24),
        ("HAULER", 60, 200, 12),
        ("RED ROCK HAULING", 80, 230, 24),
        ("1450 Industrial Way", 80, 262, 24),
    ]  # fmt: skip
    t = extract_ticket(_placed(rows), PROFILES)
    assert t is not None and t.hauler == "RED ROCK HAULING"


def test_a_word_tesseract_split_in_two_is_one_word_again() -> None:
    """'HAUL ING': a 3-pixel gap inside a word is no space (the spaces on that line were
    12-14 pixels), and the hauler was accepted as 'RED ROCK HAUL ING'."""
    from engine.extract.layout import build_lines

    words = [
        Word("Hauler:", 126, 489, 90, 22, 96.0, 1, 1),
        Word("RED", 257, 490, 54, 21, 96.0, 1, 1),
        Word("ROCK", 325, 490, 76, 20, 95.0, 1, 1),
        Word("HAUL", 413, 490, 73, 20, 95.0, 1, 1),
        Word("ING", 489, 490, 46, 20, 96.0, 1, 1),
        Word("12.14", 540, 490, 70, 20, 96.0, 1, 1),
    ]
    (line,) = build_lines(words)
    assert line.text == "Hauler:   RED ROCK HAULING 12.14"


def test_a_number_printed_in_digit_groups_is_read_whole() -> None:
    rows = [list(r) for r in SCALE]
    rows[2] = [("Ticket #", 60), ("0045 8812", 260), ("Date:", 900), ("10/17/2024", 1020)]
    t = extract_ticket(page(rows), PROFILES)
    assert t is not None and t.ticket_number == "00458812"  # not its first group, '0045'


def test_numbers_a_column_apart_are_not_one_number() -> None:
    rows = [list(r) for r in SCALE]
    rows[2] = [("Ticket #", 60), ("4471", 260), ("120", 560), ("Date:", 900), ("10/17/2024", 1020)]
    t = extract_ticket(page(rows), PROFILES)
    assert t is not None and t.ticket_number == "4471"


def test_the_unknown_rest_of_a_label_is_not_its_value() -> None:
    # 'TRUCK IDENT' is a truck label we know only the start of; its value is the cell at the
    # tab stop where the other labels' values start, not the word 'IDENT'.
    rows = [
        [("GOLDEN STATE AGGREGATES", 60)],
        [("CERTIFICATE NO.", 900), ("1214433", 1200)],
        [("DATE", 60), ("05/12/2024", 400), ("GROSS", 900), ("55,411 LB", 1200)],
        [("TRUCK IDENT", 60), ("656", 400), ("TARE", 900), ("35,845 LB", 1200)],
        [("CARRIER", 60), ("RED ROCK HAULING", 400), ("NET", 900), ("19,566 LB", 1200)],
        [("COMMODITY", 60), ("3/4 Crushed Rock", 400)],
    ]
    t = extract_ticket(page(rows), PROFILES)
    assert t is not None
    assert (t.truck, t.ticket_number, t.hauler) == ("656", "1214433", "RED ROCK HAULING")


def test_a_name_sharing_the_label_cell_is_still_the_value() -> None:
    rows = [
        [("GOLDEN STATE AGGREGATES", 60)],
        [("Ticket #", 60), ("198418", 400)],
        [("Date:", 60), ("05/12/2024", 400)],
        [("Hauler RED ROCK", 60)],
        [("Material:", 60), ("Class II Base", 400)],
    ]
    t = extract_ticket(page(rows), PROFILES)
    assert t is not None and t.hauler == "RED ROCK"


def test_a_truck_without_a_digit_goes_to_a_person() -> None:
    rows = [list(r) for r in SCALE]
    rows[5] = [("Truck #", 60), ("BLUE", 260)]
    t = extract_ticket(page(rows), PROFILES)
    assert t is not None and t.truck == "BLUE"
    assert t.field_confidence["truck"] < 0.7


def test_delivery_ticket_and_weighbridge_docket_numbers_and_british_labels() -> None:
    head = [("MOUNTAIN VIEW MATERIALS", 60)]
    t = extract_ticket(
        page([head, [("DELIVERY TICKET NO. 45821", 60)], [("Date:", 60), ("10/17/2024", 300)]]),
        PROFILES,
    )
    assert t is not None and t.ticket_number == "45821"  # the form's own number
    t = extract_ticket(
        page(
            [
                head,
                [("Weighbridge Docket No.", 60), ("45822", 500)],
                [("Date:", 60), ("10/17/2024", 500)],
                [("Fleet #", 60), ("T-12", 500)],
                [("Haulier:", 60), ("SMITH TRANSPORT", 500)],
            ]
        ),  # fmt: skip
        PROFILES,
    )
    assert t is not None
    assert (t.ticket_number, t.truck, t.hauler) == ("45822", "T-12", "SMITH TRANSPORT")


def test_a_ticket_marked_void_goes_to_a_person_and_fine_print_does_not() -> None:
    void = [*SCALE, [("VOID", 700)]]
    t = extract_ticket(page(void, heights={len(SCALE): 60}), PROFILES)
    assert t is not None and "VOID" in t.review_reasons
    cancelled = [*SCALE, [("Status:", 60), ("CANCELLED", 260)]]
    t = extract_ticket(page(cancelled), PROFILES)
    assert t is not None and "VOID" in t.review_reasons
    fine = [*SCALE, [("This ticket is void if altered. Not valid without signature.", 60)]]
    t = extract_ticket(page(fine), PROFILES)
    assert t is not None and "VOID" not in t.review_reasons
    boxes = [*SCALE, [("CASH", 60), ("CHARGE", 300), ("VOID", 540)]]  # boxes to tick
    t = extract_ticket(page(boxes), PROFILES)
    assert t is not None and "VOID" not in t.review_reasons


def _captioned(value_heights: list[int], conf: float) -> PageText:
    """A printed scale ticket of small captions (14 px) over taller values."""
    fields = [("TICKET NO.", "198418"), ("DATE", "10/17/2024"), ("TRUCK", "T-104"),
              ("GROSS LBS", "72,340"), ("TARE LBS", "30,000"), ("NET LBS", "42,340")]  # fmt: skip
    words = list(page([[("VULCAN MATERIALS COMPANY", 60)]]).words)
    for i, ((label, value), h) in enumerate(zip(fields, value_heights, strict=True)):
        x, y = 60 + (i % 3) * 500, 150 + (i // 3) * 150
        words += _split(label, x, y, 14, 95.0, 10 + i, 0)
        words += _split(value, x, y + 30, h, conf, 10 + i, 1)
    return PageText(words, 1700, 500, "ocr")


def test_values_printed_large_under_small_captions_are_print_not_handwriting() -> None:
    t = extract_ticket(_captioned([28, 27, 28, 29, 28, 28], 95.0), PROFILES)
    assert t is not None and t.ticket_number == "198418" and t.net_lb == 42340.0
    assert min(t.field_confidence[f] for f in ("ticket_number", "date", "truck")) > 0.9
    # Heights as a hand writes them, field to field: still handwriting evidence.
    t = extract_ticket(_captioned([28, 44, 24, 36, 30, 52], 95.0), PROFILES)
    assert t is not None and t.field_confidence["date"] <= 0.75


def test_labels_with_letters_read_as_digits_still_find_their_values() -> None:
    rows = [
        [("MOUNTAIN VIEW MATERIALS", 60)],
        [("Ticket No:", 60), ("458812", 400)],
        [("Date:", 60), ("10/17/2024", 400)],
        [("Hau1er:", 60), ("RED ROCK HAULING", 400)],  # an 'l' read as a one
        [("Materia|:", 60), ("Fill Dirt", 400)],  # ... and as a bar
        [("Gr0ss:", 60), ("72,340 lb", 400)],  # an 'o' read as a zero
        [("Tare:", 60), ("30,000 lb", 400)],
        [("Net:", 60), ("42,340 lb", 400)],
    ]
    t = extract_ticket(page(rows), PROFILES)
    assert t is not None
    assert (t.hauler, t.material, t.gross_lb) == ("RED ROCK HAULING", "Fill Dirt", 72340.0)


# Probe H (bench/probe_layouts_h.py): four conventions the extraction had not met.
ROCK_HEAD = [[("BEAR VALLEY MATERIALS", 60)], [("1517 Quarry Rd, Tracy, CA 91711", 60)]]


def test_a_scale_indicators_mode_letters_name_its_weights() -> None:
    rows = [
        *ROCK_HEAD,
        [("TICKET 4019048", 60), ("71389 lb G", 900)],
        [("DATE", 60), ("02/18/2025", 200), ("28331 lb T", 900)],
        [("TRUCK", 60), ("139", 200), ("43058 lb N", 900)],
        [("HAULER COASTLINE CARRIERS", 60), ("21.53 TN", 900)],
    ]
    t = extract_ticket(page(rows), PROFILES)
    assert t is not None
    assert (t.gross_lb, t.tare_lb, t.net_lb) == (71389, 28331, 43058)
    # The tons in the far column were taken for the hauler's name, and accepted.
    assert t.hauler == "COASTLINE CARRIERS"
    # A preset tare prints 'PT'; a letter away from a unit is no label ('lb Grade').
    rows[3][2] = ("28331 lb PT", 900)
    assert extract_ticket(page(rows), PROFILES).tare_lb == 28331  # type: ignore[union-attr]
    # Other indicators print the letter first: 'G 71389 lb'.
    for k, (mode, weight) in enumerate((("G", 71389), ("T", 28331), ("N", 43058))):
        rows[2 + k][-1] = (f"{mode} {weight} lb", 900)
    t = extract_ticket(page(rows), PROFILES)
    assert t is not None and (t.gross_lb, t.tare_lb, t.net_lb) == (71389, 28331, 43058)


def test_inbound_and_outbound_weighings_give_gross_and_tare() -> None:
    rows = [
        *ROCK_HEAD,
        [("Ticket ID:", 60), ("4471203", 330), ("Date/Time:", 900), ("11/30/2025 14:22", 1100)],
        [("Inbound:", 60), ("71,220 lb", 400)],
        [("Outbound:", 60), ("31,400 lb", 400)],
        [("Net:", 60), ("39,820 lb", 400)],
    ]
    t = extract_ticket(page(rows), PROFILES)
    assert t is not None and (t.gross_lb, t.tare_lb, t.net_lb) == (71220, 31400, 39820)
    assert min(t.field_confidence[f] for f in ("gross_lb", "tare_lb")) > 0.85


def test_a_letter_before_the_ticket_number_is_kept_and_checked_when_it_could_be_a_digit() -> None:
    def number(printed: str) -> tuple[str | None, bool]:
        rows = [
            *ROCK_HEAD,
            [("Ticket #", 60), (printed, 330), ("Date:", 900), ("10/17/2024", 1020)],
            [("Net:", 60), ("39,820 lb", 400)],
        ]
        t = extract_ticket(page(rows), PROFILES)
        assert t is not None
        # Below review.MIN_TICKET_CONF: a person confirms it.
        return t.ticket_number, t.field_confidence["ticket_number"] < 0.9

    # 'G895902' was turned into '6895902' and accepted.
    assert number("G895902") == ("G895902", True)
    assert number("$25962") == ("S25962", True)  # Tesseract's S before digits
    assert number("LF220931") == ("LF220931", False)  # no digit looks like an L or an F
    assert number("T104522") == ("T104522", False)
    assert number("l174962") == ("1174962", False)  # lower case: a misread one


def test_a_form_title_larger_than_the_vendors_name_leaves_the_name_trusted() -> None:
    rows = [
        [("WEIGHT TICKET", 400), ("No. 693494", 1200)],
        [("CEDAR CREEK SAND & GRAVEL", 400)],
        [("4410 Gravel Pit Rd, Tracy, CA 95304", 400)],
        [("Date:", 60), ("05/26/2024", 330)],
        [("Net Wt.", 60), ("49,475 lbs", 400)],
    ]
    t = extract_ticket(page(rows, heights={0: 48}), PROFILES)
    assert t is not None and t.vendor == "CEDAR CREEK SAND & GRAVEL"
    assert t.field_confidence["vendor"] >= 0.9  # review.MIN_VENDOR_CONF: trusted


def test_a_british_weighbridge_ticket_in_tonnes_with_nett_and_a_plate() -> None:
    """UK and Australian weighbridges print tonnes with a lower-case t, spell it 'Nett', write
    the day first, and know a lorry by its registration plate, printed in two groups."""
    t = extract_ticket(
        page([
            [("HANSON AGGREGATES LTD", 100)],
            [("Ticket No.", 100), ("448127", 400)],
            [("Date:", 100), ("11/04/2025", 400)],
            [("Vehicle Reg:", 100), ("DD14 VAW", 400), ("Haulier:", 800), ("AJM HAULAGE", 1000)],
            [("Gross", 100), ("27.44 t", 400)],
            [("Tare", 100), ("12.25 t", 400)],
            [("Nett", 100), ("15.19 t", 400)],
        ]),
        PROFILES,
    )  # fmt: skip
    assert t is not None
    assert t.date == dt.date(2025, 4, 11)
    assert t.truck == "DD14 VAW"
    assert (t.gross_lb, t.tare_lb, t.net_lb) == (60495.0, 27007.0, 33488.0)
    assert (t.quantity, t.unit) == (16.74, "TN")


def test_only_a_plates_label_takes_a_second_group() -> None:
    t = extract_ticket(
        page([
            [("ACME ROCK", 100)],
            [("Ticket #", 100), ("55120", 400)],
            [("Truck:", 100), ("884 TRI", 400)],
        ]),
        PROFILES,
    )  # fmt: skip
    assert t is not None and t.truck == "884"


def test_a_job_site_address_box_is_not_the_job() -> None:
    """'SHIP TO / JOB SITE' over an address block: 'SITE' was taken as the job and accepted."""
    t = extract_ticket(
        page([
            [("ACME ROCK", 100)],
            [("Ticket #", 100), ("55120", 400)],
            [("SOLD TO", 100), ("SHIP TO / JOB SITE", 800)],
            [("GRANITE BAY CONSTRUCTION", 100), ("4410 MAIN ST", 800)],
            [("Date:", 100), ("02/24/2025", 300), ("Job #:", 800), ("24-117", 1000)],
        ]),
        PROFILES,
    )  # fmt: skip
    assert t is not None and t.job == "24-117"


def test_a_value_stops_at_the_next_columns_label_set_close_without_a_colon() -> None:
    """Two columns of labels without colons, each left value ending just before the right
    column's label: 'BIG VALLEY TRUCKING Net Tons' was taken as the hauler and accepted."""
    t = extract_ticket(
        page([
            [("ACME ROCK", 100)],
            [("Ticket", 100), ("55120", 300), ("Date", 800), ("03/14/2025", 1000)],
            [("Hauler", 100), ("BIG VALLEY TRUCKING", 300), ("Net Tons", 680), ("7.67", 1000)],
            [("Product", 100), ("Rip Rap", 300), ("Scale", 680), ("1", 1000)],
        ]),
        PROFILES,
    )  # fmt: skip
    assert t is not None
    assert (t.hauler, t.material, t.quantity) == ("BIG VALLEY TRUCKING", "Rip Rap", 7.67)


def test_a_manifest_tracking_number_is_the_number_not_the_word_tracking() -> None:
    """'Manifest Tracking No. 409317538ELC' gave the manifest 'Tracking', accepted."""
    t = extract_ticket(
        page([
            [("BUTTE RIDGE DISPOSAL", 100)],
            [("Ticket #", 100), ("551208", 400)],
            [("Manifest Tracking No.", 100), ("409317538ELC", 560)],
        ]),
        PROFILES,
    )  # fmt: skip
    assert t is not None and t.manifest == "409317538ELC"


def test_a_spanish_and_french_ticket_reads_past_each_labels_translation() -> None:
    """'Transportista / Transporteur: TRANSPORTS PUJOL' gave the hauler '/ Transporteur:
    TRANSPORTS PUJOL'; the plate and the product had no label at all."""
    t = extract_ticket(
        page([
            [("CANTERAS DEL SEGRE S.A.", 100)],
            [("Ticket No.", 100), ("3387793", 400)],
            [("Matricula / Immatriculation: 1360 WPL", 100)],
            [("Transportista / Transporteur: TRANSPORTS PUJOL", 100)],
            [("Producto / Produit: ARENA 0/4", 100)],
        ]),
        PROFILES,
    )  # fmt: skip
    assert t is not None
    assert (t.truck, t.hauler, t.material) == ("1360 WPL", "TRANSPORTS PUJOL", "ARENA 0/4")


def test_an_old_scale_programs_abbreviated_labels() -> None:
    t = extract_ticket(
        page([
            [("ACME ROCK", 100)],
            [("TKT#", 100), ("88412", 300)],
            [("HLR", 100), ("BIG VALLEY TRUCKING", 300)],
            [("GRS", 100), ("65967 LB", 300)],
            [("TNS", 100), ("20.16", 300)],
        ]),
        PROFILES,
    )  # fmt: skip
    assert t is not None
    assert (t.hauler, t.gross_lb, t.quantity) == ("BIG VALLEY TRUCKING", 65967.0, 20.16)


def test_a_bare_unit_label_with_a_fleet_number_is_the_truck():
    """A hauler's own load ticket calls its truck 'Unit: 214'. A unit of measure or a price
    beside the same label is not a truck."""
    rows = [
        [("DELTA DUMP TRUCKS", 60), ("LOAD TICKET", 900)],
        [("9815 Industrial Way, Mesa, AZ 92938", 60), ("No.", 900), ("9021387", 1000)],
        [("Date:", 60), ("03/12/2024", 260), ("Gross:", 900), ("40,739 lb", 1060)],
        [("Unit:", 60), ("U69", 260), ("Tare:", 900), ("25,881 lb", 1060)],
        [("Trailer:", 60), ("60-T", 260), ("Net:", 900), ("14,858 lb", 1060)],
        [("Material:", 60), ("Concrete Rubble", 260), ("Tons:", 900), ("7.43", 1060)],
    ]
    t = extract_ticket(page(rows, heights={0: 40}), PROFILES)
    assert t is not None
    assert (t.truck, t.ticket_number, t.net_lb) == ("U69", "9021387", 14858.0)
    assert t.vendor == "DELTA DUMP TRUCKS" and t.field_confidence["vendor"] >= 0.9
    for value in ("TN", "12.50"):
        other = [r if r[0][0] != "Unit:" else [("Unit:", 60), (value, 260)] for r in rows]
        t = extract_ticket(page(other, heights={0: 40}), PROFILES)
        assert t is not None and t.truck is None, value


def test_a_ticket_that_prints_no_net_gets_it_worked_out_as_a_clerk_would() -> None:
    """'Gross Wt' and 'Tare Wt', then a price and the amount in dollars: the net and its tons
    were left empty, and the ticket went to a person for a subtraction."""
    from engine import review

    rows = SCALE[:7] + [
        [("Gross Wt:", 60), ("65,063 lb", 400), ("Rate:", 900), ("$12.00 /ton", 1060)],
        [("Tare Wt:", 60), ("29,161 lb", 400), ("Amount:", 900), ("$215.40", 1060)],
    ]
    t = extract_ticket(page(rows), PROFILES)
    assert t is not None
    assert (t.gross_lb, t.tare_lb, t.net_lb) == (65063, 29161, 35902)
    assert (t.quantity, t.unit) == (17.95, "TN")
    review.assess(t, dt.date(2024, 11, 1))
    assert not t.needs_review, t.review_reasons

    # Worked out from an unsure tare, the net is as unsure, and the adding up proves nothing.
    t = extract_ticket(page(rows), PROFILES)
    assert t is not None
    t.field_confidence["tare_lb"] = 0.5
    review.assess(t, dt.date(2024, 11, 1))
    assert t.needs_review and t.field_confidence["tare_lb"] == 0.5
    assert t.field_confidence["net_lb"] < 0.5 and t.field_confidence["quantity"] < 0.5


def test_a_net_label_whose_value_was_missed_is_not_worked_out() -> None:
    rows = [r for r in SCALE if r[0][0] != "NET"] + [[("NET", 60), ("~~", 400)]]
    t = extract_ticket(page(rows), PROFILES)
    assert t is not None and t.net_lb is None


def test_a_hauler_labelled_hauling_company_or_contractor_is_read() -> None:
    labels = ("Hauling Company:", "Hauling Co.", "Haul Contractor:", "Trucker:", "Transport Co")
    for label in (*labels, "Carrier Name:", "HAULER NAME", "Transportation Company:"):
        rows = [*SCALE[:4], [(label, 60), ("RED ROCK HAULING", 520)], *SCALE[5:]]
        t = extract_ticket(page(rows, heights={0: 50}), PROFILES)
        assert t is not None and t.hauler == "RED ROCK HAULING", label


def test_a_number_after_a_forms_title_is_its_ticket_number_when_nothing_else_names_one() -> None:
    """'Delivery Ticket: 183346' and 'Weigh Slip No. 183346': the number was lost. A title
    standing alone ('DELIVERY TICKET' over the form) still names nothing, and a 'Ticket No.'
    elsewhere on the page is the number."""
    rest = SCALE[3:]
    for title in ("Delivery Ticket:", "HAULING TICKET #", "Weigh Slip No.", "Slip #"):
        t = extract_ticket(page([SCALE[0], [(title, 60), ("183346", 420)], *rest]), PROFILES)
        assert t is not None and t.ticket_number == "183346", title
    titled = [SCALE[0], [("DELIVERY TICKET", 60), ("183346", 420)], SCALE[2], *rest]
    t = extract_ticket(page(titled), PROFILES)
    assert t is not None and t.ticket_number == "198418"


def test_a_truck_labelled_truck_trailer_is_the_truck() -> None:
    rows = [*SCALE[:5], [("Truck/Trailer:", 60), ("T-104", 400)], *SCALE[6:]]
    t = extract_ticket(page(rows), PROFILES)
    assert t is not None and t.truck == "T-104"


def test_a_hauler_whose_name_ends_in_a_label_word_keeps_the_fields_after_it() -> None:
    """'D & L TRANSPORT CO.' ends in the 'Transport Co' label: read as one, it took the job
    beside it in the header row under it, and a material beside it went wrong."""
    for name in ("D & L TRANSPORT CO.", "RED ROCK HAULING CO", "ACME TRUCKING COMPANY"):
        header = [("HAULER", 60), ("JOB", 900)]
        values = [(name, 60), ("24-105 Hwy 101 Widening", 900)]
        rows = [*SCALE[:4], header, values, *SCALE[5:]]
        t = extract_ticket(page(rows, heights={0: 50}), PROFILES)
        assert t is not None and t.job == "24-105", name
        assert t.hauler is not None and t.hauler.startswith(name.rstrip(".")), name


def test_a_line_for_the_truckers_signature_names_no_hauler() -> None:
    """Two of the six real samples print 'Trucker Signature': the hauler came out 'Signature'."""
    for line in ("Trucker Signature", "Hauler Signature:", "Carrier's Sig."):
        rows = [*SCALE[:4], *SCALE[5:], [(line, 60)]]
        t = extract_ticket(page(rows, heights={0: 50}), PROFILES)
        assert t is not None and t.hauler is None, line
