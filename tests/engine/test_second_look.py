"""The second look: an unsure printed value is read again on its own; agreement trusts it."""

from __future__ import annotations

import dataclasses
import datetime as dt

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from engine import ocr, review, second_look
from engine.models import ErrorKind, PageError, Ticket, Word
from tests.ticketgen import FONT_DIR


def _page(values: list[str]) -> tuple[np.ndarray, list[tuple[int, int, int, int]]]:
    """A gray page with each value printed on its own line; the values' boxes."""
    img = Image.new("L", (900, 120 + 90 * len(values)), 250)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(str(FONT_DIR / "DejaVuSans.ttf"), 26)
    boxes = []
    for i, text in enumerate(values):
        x, y = 300, 60 + 90 * i
        draw.text((x, y), "Label:", font=font, fill=20, anchor="ls")
        draw.text((x + 120, y), text, font=font, fill=20, anchor="ls")
        left, top, right, bottom = draw.textbbox((x + 120, y), text, font=font, anchor="ls")
        boxes.append((left, top, right - left, bottom - top))
    return np.asarray(img), boxes


def _ticket(**fields: tuple[object, float, tuple[int, int, int, int]]) -> Ticket:
    t = Ticket(source_file="a.png", page=1)
    for name, (value, conf, box) in fields.items():
        setattr(t, name, value)
        t.field_confidence[name] = conf
        t.field_boxes[name] = box
    return t


def test_values_a_second_read_agrees_with_are_trusted():
    gray, boxes = _page(["J-4471", "03/14/2025", "43,906 lb"])
    t = _ticket(
        job=("J-4471", 0.5, boxes[0]),
        date=(dt.date(2025, 3, 14), 0.4, boxes[1]),
        gross_lb=(43906.0, 0.6, boxes[2]),
    )
    confirmed = second_look.reread(t, gray, [], ocr.find_tesseract(), 30, review.threshold)
    assert sorted(confirmed) == ["date", "gross_lb", "job"]
    assert all(t.field_confidence[f] >= review.threshold(f) for f in confirmed)


def test_a_second_read_that_disagrees_keeps_the_value_flagged():
    gray, boxes = _page(["J-4471"])
    t = _ticket(job=("J-4477", 0.7, boxes[0]))  # the first read got a digit wrong
    assert second_look.reread(t, gray, [], ocr.find_tesseract(), 30, review.threshold) == []
    assert t.field_confidence["job"] <= second_look.DISAGREE_CONF
    review.assess(t, dt.date(2025, 3, 20))
    assert t.needs_review and "LOW_CONFIDENCE" in t.review_reasons


def test_sure_and_handwritten_values_are_not_read_again(monkeypatch):
    gray, boxes = _page(["J-4471", "144"])
    t = _ticket(job=("J-4471", 0.99, boxes[0]), truck=("144", 0.3, boxes[1]))
    t.uncertain_fields.append("truck")  # handwritten: a person checks it whatever OCR says
    calls = []
    monkeypatch.setattr(ocr, "ocr_words", lambda *a, **k: calls.append(a) or [])
    assert second_look.reread(t, gray, [], ocr.find_tesseract(), 30, review.threshold) == []
    assert calls == []
    assert t.field_confidence == {"job": 0.99, "truck": 0.3}


def test_a_failed_second_read_changes_nothing(monkeypatch):
    gray, boxes = _page(["J-4471"])
    t = _ticket(job=("J-4471", 0.5, boxes[0]))

    def fail(*args: object, **kwargs: object) -> list:
        raise PageError(ErrorKind.TIMEOUT, "too slow")

    monkeypatch.setattr(ocr, "ocr_words", fail)
    assert second_look.reread(t, gray, [], ocr.find_tesseract(), 30, review.threshold) == []
    assert t.field_confidence["job"] == 0.5


def test_the_strip_keeps_each_value_in_its_own_slot():
    gray, boxes = _page(["A", "BB", "CCC"])
    strip, slots = second_look.build_strip(gray, boxes)
    assert strip.dtype == np.uint8 and strip.shape[0] > 3 * second_look.TARGET_HEIGHT_PX
    tops = [a for a, _ in slots]
    assert tops == sorted(tops)
    assert all(b1 <= a2 for (_, b1), (a2, _) in zip(slots, slots[1:], strict=False))
    # Boxes at the page edge are clipped, not an error.
    edge, _ = second_look.build_strip(gray, [(0, 0, 5000, 5000)])
    assert edge.size > 0


def test_a_letter_the_first_read_dropped_is_seen_by_the_second():
    """'J-4471' read as '4471': the cut-out reaches left to the label, so the J is read."""
    img = Image.new("L", (900, 160), 250)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(str(FONT_DIR / "DejaVuSans.ttf"), 26)
    draw.text((200, 80), "Job No.", font=font, fill=20, anchor="ls")
    label = draw.textbbox((200, 80), "Job No.", font=font, anchor="ls")
    x = label[2] + 24
    draw.text((x, 80), "J-4471", font=font, fill=20, anchor="ls")
    full = draw.textbbox((x, 80), "J-4471", font=font, anchor="ls")
    skip = round(draw.textlength("J-", font=font))
    words = [Word("Job No.", label[0], label[1], label[2] - label[0], label[3] - label[1], 95)]
    t = _ticket(
        job=("4471", 0.6, (full[0] + skip, full[1], full[2] - full[0] - skip, full[3] - full[1]))
    )
    assert (
        second_look.reread(t, np.asarray(img), words, ocr.find_tesseract(), 30, review.threshold)
        == []
    )
    assert t.field_confidence["job"] <= second_look.DISAGREE_CONF


def test_a_rule_s_doubt_is_not_lifted_by_a_second_read():
    """A number off the vendor's serial pattern reads the same twice: still for a person."""
    gray, boxes = _page(["1234567"])
    t = _ticket(ticket_number=("1234567", 0.6, boxes[0]))
    t.ruled_fields.append("ticket_number")
    assert second_look.reread(t, gray, [], ocr.find_tesseract(), 30, review.threshold) == []
    assert t.field_confidence["ticket_number"] == 0.6


def test_a_garbled_code_is_replaced_by_the_fuller_read_and_stays_flagged():
    gray, boxes = _page(["J-4471"])
    t = _ticket(job=("-4471", 0.5, boxes[0]))  # the first read turned the J into a bracket
    t.ruled_fields.append("job")
    second_look.reread(t, gray, [], ocr.find_tesseract(), 30, review.threshold)
    assert t.job == "J-4471"
    assert t.field_confidence["job"] <= second_look.DISAGREE_CONF


def _bracket_read(box: tuple[int, int, int, int]) -> list[Word]:
    """The page read's word for a value whose first letter came out as a bracket."""
    return [Word("}-4471", box[0], box[1], box[2], box[3], 82)]


def test_a_j_put_back_for_a_bracket_is_trusted_when_a_second_read_sees_the_letter():
    gray, boxes = _page(["J-4471"])
    t = _ticket(job=("J-4471", 0.5, boxes[0]))
    words = _bracket_read(boxes[0])
    confirmed = second_look.reread(t, gray, words, ocr.find_tesseract(), 30, review.threshold)
    assert confirmed == ["job"] and t.job == "J-4471"
    assert t.field_confidence["job"] >= review.threshold("job")


def test_a_j_put_back_for_a_bracket_stays_a_guess_when_the_glyph_is_another_letter():
    gray, boxes = _page(["T-4471"])  # the bracket was a T: no read at any size says J
    t = _ticket(job=("J-4471", 0.5, boxes[0]))
    words = _bracket_read(boxes[0])
    assert second_look.reread(t, gray, words, ocr.find_tesseract(), 30, review.threshold) == []
    assert t.field_confidence["job"] <= second_look.DISAGREE_CONF


def test_a_bracketed_code_is_cut_out_at_every_glyph_size(monkeypatch):
    gray, boxes = _page(["J-4471", "T-227"])
    t = _ticket(job=("J-4471", 0.5, boxes[0]), truck=("T-227", 0.5, boxes[1]))
    heights: list[list[int]] = []
    real = second_look.build_strip

    def spy(gray, boxes, sizes=None):
        heights.append(list(sizes or []))
        return real(gray, boxes, sizes)

    monkeypatch.setattr(second_look, "build_strip", spy)
    second_look.reread(t, gray, _bracket_read(boxes[0]), ocr.find_tesseract(), 30, review.threshold)
    assert sorted(heights[0]) == sorted([*second_look.GLYPH_HEIGHTS, second_look.TARGET_HEIGHT_PX])


def test_a_clean_code_is_not_replaced_by_a_second_read_with_a_letter_doubled(monkeypatch):
    gray, boxes = _page(["J-4471"])
    t = _ticket(job=("J-4471", 0.6, boxes[0]))
    # The strip's first slot starts one glyph height down: the word sits in it.
    monkeypatch.setattr(ocr, "ocr_words", lambda *a, **k: [Word("JJ-4471", 40, 40, 160, 44, 80)])
    assert second_look.reread(t, gray, [], ocr.find_tesseract(), 30, review.threshold) == []
    assert t.job == "J-4471" and t.field_confidence["job"] <= second_look.DISAGREE_CONF


def test_a_misread_ticket_number_is_outvoted_by_reads_at_other_sizes_and_stays_flagged():
    gray, boxes = _page(["770457"])
    t = _ticket(ticket_number=("779457", 0.6, boxes[0]))  # the page read got one digit wrong
    assert second_look.reread(t, gray, [], ocr.find_tesseract(), 30, review.threshold) == []
    assert t.ticket_number == "770457"
    assert t.field_confidence["ticket_number"] <= second_look.DISAGREE_CONF


def test_a_ticket_number_is_trusted_only_when_no_read_at_another_size_disagrees(monkeypatch):
    gray, boxes = _page(["770457"])
    t = _ticket(ticket_number=("770457", 0.6, boxes[0]))
    real = ocr.ocr_words

    def one_size_misreads(*args, **kwargs):
        words = real(*args, **kwargs)
        last = max(words, key=lambda w: w.top)  # the read at the largest size
        return [dataclasses.replace(last, text="770451") if w is last else w for w in words]

    monkeypatch.setattr(ocr, "ocr_words", one_size_misreads)
    assert second_look.reread(t, gray, [], ocr.find_tesseract(), 30, review.threshold) == []
    assert t.ticket_number == "770457"  # two of three reads still say so
    assert t.field_confidence["ticket_number"] <= second_look.DISAGREE_CONF


def test_two_reads_agreeing_on_a_code_with_a_one_or_an_ell_beside_a_digit_prove_nothing():
    """'A16' on blue paper read 'Al6' twice: the same engine on the same glyphs repeats a
    1/l confusion, and the agreement had the misread accepted."""
    gray, boxes = _page(["Al6", "T-227"])
    first = Word("Al6", *boxes[0], conf=10.0)
    t = _ticket(truck=("AL6", 0.4, boxes[0]), manifest=("T-227", 0.5, boxes[1]))
    confirmed = second_look.reread(t, gray, [first], ocr.find_tesseract(), 30, review.threshold)
    assert "truck" not in confirmed and t.field_confidence["truck"] <= 0.4
    assert "manifest" in confirmed  # a clean code is trusted as before


def test_a_date_read_again_against_its_box_edge_still_agrees():
    """A boxed date's strip reads the box's edge as a bar glued to it ('|27APR25'), which
    parses as a one ('127APR25', no date): the agreeing read was taken for a disagreeing one
    and a right date went to review."""
    gray, boxes = _page(["27APR25"])
    left, top, width, height = boxes[0]
    edged = np.array(gray)
    edged[top - 12 : top + height + 12, left - 7 : left - 4] = 20  # the box's left edge
    t = _ticket(date=(dt.date(2025, 4, 27), 0.75, (left - 8, top, width + 8, height)))
    confirmed = second_look.reread(t, edged, [], ocr.find_tesseract(), 30, review.threshold)
    assert confirmed == ["date"]
