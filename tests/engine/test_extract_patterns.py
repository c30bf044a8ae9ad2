"""Value parsers on OCR-like text: the forms real tickets print, the errors OCR makes."""

from __future__ import annotations

import datetime as dt

import pytest

from engine.extract import patterns as P

D = dt.date(2024, 10, 17)


@pytest.mark.parametrize(
    "text",
    [
        "10/17/2024",
        "2024-10-17",
        "2024-10-17T08:15:00",  # a dispatch system's ISO export
        "Oct 17, 2024",
        "17-OCT-24",
        "10-17-24",
        "10/17/24",
        "OCT. 17 2024",
        "1O/17/2024",
        "10 / 17 / 2024",
        "Date: 10.17.2024",
        "OCT-17-2024",
        "Oct-17-24",
        "17/10/2024",  # day first: no 17th month, so not ambiguous
        "17.10.2024",
        "17OCT24",  # run together, as scale-house software prints it
        "Date 17OCT2024",
        "17 OCT24",  # split at one end by OCR
    ],
)
def test_dates_in_common_us_forms(text: str) -> None:
    assert P.parse_date(text) == D


@pytest.mark.parametrize(
    "text",
    [
        "13/45/2024",
        "13/13/2024",
        "ASH-12-2024",
        "08:15 AM",
        "(562) 555-0143",
        "PO 45821",
        "",
        "12ABC34",  # a code of digits round three letters that name no month
        "45OCT24",
    ],
)
def test_non_dates_are_refused(text: str) -> None:
    assert P.parse_date(text) is None


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("43,906 lbs", 43906.0),
        ("43906 LB", 43906.0),
        ("43.906 Ib", 43906.0),
        ("4S,9O6 lb", 45906.0),
        ("72,340", 72340.0),
        ("8 209 LB", 8209.0),
        # A unit set against its digits, read right or with its 'l' as a '1'.
        ("59129lb", 59129.0),
        ("591291b", 59129.0),
        ("72,3401bs", 72340.0),
        ("19915kg", 43905.0),
    ],
)
def test_weights_with_separators_and_ocr_confusions(text: str, value: float) -> None:
    assert P.parse_weight(text) == value


@pytest.mark.parametrize("text", ["(562) 555-0143", "12", "Scale 2", ""])
def test_phone_numbers_and_small_numbers_are_not_weights(text: str) -> None:
    assert P.parse_weight(text) is None


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("198418", "198418"),
        ("No. 285367", None),
        ("1l74962", "1174962"),
        ("A-104233", "A-104233"),
        ("#665113", "665113"),
        ("28S367", "285367"),
        ("SC-2024-00123", "SC-2024-00123"),  # a dispatch system's grouped number
        ("S-12345", "S-12345"),  # a letter prefix is not a misread 5
    ],
)
def test_ticket_numbers(text: str, value: str | None) -> None:
    assert P.parse_ticket_number(text) == value


@pytest.mark.parametrize("text", ["08:15", "(214) 422-2944", "10/17/2024", "Lindamood", "12"])
def test_distractors_are_not_ticket_numbers(text: str) -> None:
    assert P.parse_ticket_number(text) is None


def test_quantities_and_units() -> None:
    assert P.parse_decimal("25.05", 0.01, 80) == 25.05
    assert P.parse_decimal("43,906", 0.01, 80) is None  # a weight, not tons
    assert P.parse_unit("6.5 YD3") == "CY"
    assert P.parse_unit("20 yds") == "CY"
    assert P.parse_unit("1 load") == "LOADS"
    assert P.parse_unit("NET TONS") == "TN"


def test_roman_numerals_in_names_survive_ocr_confusions() -> None:
    assert P.parse_text("Class Il Base") == "Class II Base"
    assert P.parse_text("Type lII HMA") == "Type III HMA"
    assert P.parse_text("Fill Dirt") == "Fill Dirt"


def test_handwritten_yards_as_ocr_reads_them() -> None:
    assert P.parse_unit("20 yqs") == "CY"
    assert P.parse_unit("14 yos") == "CY"


def test_a_bracket_read_for_a_codes_leading_j_is_put_back_and_flagged():
    from engine.extract import patterns as P

    assert P.parse_code("}-4471") == "J-4471" and P.bracket_for_j("}-4471")
    assert P.parse_code("J-4471") == "J-4471" and not P.bracket_for_j("J-4471")
    assert P.parse_code("}ABC") == "ABC"  # only before digits: a bracket there is no J


def test_dates_with_ocr_slips_around_the_month() -> None:
    assert P.parse_date("Date Apr14, 2025") == dt.date(2025, 4, 14)  # the space lost
    assert P.parse_date("O5-APR-24") == dt.date(2024, 4, 5)  # a zero read as the letter O
    assert P.parse_date("Sept 3, 2024") == dt.date(2024, 9, 3)
    # A word that merely starts like a month is not one.
    assert P.parse_date("Marker 12, 2024") is None
    assert P.parse_date("Junk 5, 2024") is None


def test_placeholders_and_brackets() -> None:
    assert all(P.is_placeholder(t) for t in ("-", "—", "--", "N/A", "n/a", "NONE", ": -"))
    assert not any(P.is_placeholder(t) for t in ("", ".", "___", "J-4471", "0", "NA5"))
    assert P.unbracket("}-4471 ]123 x}1") == "J-4471 J123 x}1"


def test_a_dash_between_label_and_name_is_not_part_of_the_name() -> None:
    assert P.parse_text("— Fill Dirt") == "Fill Dirt"
    assert P.parse_text("– Class II Base") == "Class II Base"
    assert P.parse_text("Rip Rap —") == "Rip Rap"
    assert P.parse_text("—") is None


def test_the_order_of_a_numeric_date_is_proved_only_by_a_number_above_twelve() -> None:
    assert P.date_order("Printed 17/10/2024 14:02") == "dmy"
    assert P.date_order("10/17/2024") == "mdy"
    assert P.date_order("03/06/2025") is None
    assert P.ambiguous_date("03/06/2025") and not P.ambiguous_date("06/06/2025")
    assert not P.ambiguous_date("17/10/2024") and not P.ambiguous_date("Oct 3, 2025")
    assert P.parse_date("03/06/2025", day_first=True) == dt.date(2025, 6, 3)
    assert P.date_readings("03/06/2025") == {dt.date(2025, 3, 6), dt.date(2025, 6, 3)}


def test_a_weight_or_a_bare_label_is_no_name_and_no_code() -> None:
    assert P.parse_text("79957 1b") is None and P.parse_text("79957 lb") is None
    assert P.parse_text("#57 Stone") == "#57 Stone" and P.parse_text("3/4 Rock") == "3/4 Rock"
    assert P.parse_code("Reg: BK71EK") is None and P.parse_code("104:") == "104"
    # A tiny 'PO#' label OCR'd as 'POo#' beside the truck's header is a label, not the truck.
    assert P.parse_code("POo#") is None and P.parse_code("#104") == "#104"


def test_a_quantity_with_its_unit_is_nobodys_name() -> None:
    assert P.parse_text("21.53 TN") is None
    assert P.parse_text("3 TN") is None
    assert P.parse_text("#57 Stone") == "#57 Stone"
