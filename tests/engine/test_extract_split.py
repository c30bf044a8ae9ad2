"""Cutting a page that holds several tickets, on words placed by hand."""

from __future__ import annotations

from pathlib import Path

from engine.extract import extract_ticket, load_profiles
from engine.extract.split import several_tickets
from engine.models import PageText, Word

PROFILES = load_profiles(Path(__file__).resolve().parents[2] / "resources" / "vendors")


def _words(rows: list[tuple[int, list[tuple[str, int]]]]) -> list[Word]:
    """(top y, [(text, left x)]) rows; 30 px tall words."""
    out = []
    for r, (y, row) in enumerate(rows):
        for i, (text, x) in enumerate(row):
            left = x
            for part in text.split(" "):
                out.append(Word(part, left, y, 18 * len(part), 30, 95.0, r, i))
                left += 18 * (len(part) + 1)
    return out


def _ticket(y: int, vendor: str, number: str, date: str) -> list[tuple[int, list]]:
    return [
        (y, [(vendor, 60)]),
        (y + 50, [("Ticket #", 60), (number, 300), ("Date:", 900), (date, 1020)]),
        (y + 100, [("Gross", 60), ("64,220 lb", 300)]),
        (y + 150, [("Tare", 60), ("28,100 lb", 300)]),
        (y + 200, [("Net", 60), ("36,120 lb", 300)]),
    ]


def _extract(page: PageText):  # type: ignore[no-untyped-def]
    return extract_ticket(page, PROFILES)


def test_two_tickets_one_above_the_other_are_cut_apart_with_their_boxes_on_the_page() -> None:
    rows = _ticket(40, "ACME ROCK", "558213", "11/02/2025")
    rows += _ticket(600, "HARBOR RECYCLING", "77120", "11/03/2025")
    page = PageText(_words(rows), 1700, 2200, "ocr")
    tickets = several_tickets(page, _extract)
    assert [t.ticket_number for t in tickets] == ["558213", "77120"]
    assert [t.vendor for t in tickets] == ["ACME ROCK", "HARBOR RECYCLING"]
    assert tickets[1].field_boxes["ticket_number"][1] == 650  # back in page coordinates


def test_one_roomy_ticket_is_never_cut() -> None:
    # A header, a wide band of white, then the body: one number and one date, so one ticket.
    rows = _ticket(40, "ACME ROCK", "558213", "11/02/2025")[:2]
    rows += [(700, [("Gross", 60), ("64,220 lb", 300)]), (750, [("Tare", 60), ("28,100 lb", 300)]),
             (800, [("Net", 60), ("36,120 lb", 300)]), (850, [("Truck", 60), ("T-104", 300)]),
             (1500, [("Driver signature", 60), ("Ticket copy 2 of 3", 900)])]  # fmt: skip
    page = PageText(_words(rows), 1700, 2200, "ocr")
    assert several_tickets(page, _extract) == []


def test_the_same_ticket_twice_on_a_page_is_one_ticket_not_two() -> None:
    # A ticket and its carbon copy side by side: the same number is not two tickets.
    rows = _ticket(40, "ACME ROCK", "558213", "11/02/2025")
    rows += _ticket(600, "ACME ROCK", "558213", "11/02/2025")
    page = PageText(_words(rows), 1700, 2200, "ocr")
    assert several_tickets(page, _extract) == []
