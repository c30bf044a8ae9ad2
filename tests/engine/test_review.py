"""Review reasons and duplicate keys: a ticket accepted without review must be right."""

from __future__ import annotations

import datetime as dt

from engine.models import Ticket
from engine.review import assess, duplicate_key

TODAY = dt.date(2025, 3, 1)
GOOD_CONF = {
    f: 0.95
    for f in (
        "vendor",
        "ticket_number",
        "date",
        "gross_lb",
        "tare_lb",
        "net_lb",
        "quantity",
        "unit",
    )
}


def _ticket(**kw: object) -> Ticket:
    t = Ticket(
        source_file="a.pdf",
        page=1,
        vendor="VULCAN MATERIALS",
        ticket_number="198418",
        date=dt.date(2025, 2, 18),
        gross_lb=72340.0,
        tare_lb=30000.0,
        net_lb=42340.0,
        quantity=21.17,
        unit="TN",
        field_confidence=dict(GOOD_CONF),
    )
    for k, v in kw.items():
        setattr(t, k, v)
    return t


def test_a_consistent_confident_ticket_is_accepted() -> None:
    t = _ticket()
    assess(t, TODAY)
    assert t.review_reasons == [] and not t.needs_review and t.confidence >= 0.9


def test_weights_that_do_not_add_up_are_flagged() -> None:
    t = _ticket(net_lb=42430.0)
    assess(t, TODAY)
    assert "WEIGHTS_DISAGREE" in t.review_reasons and t.needs_review


def test_net_tons_must_match_net_pounds() -> None:
    t = _ticket(quantity=12.17)
    assess(t, TODAY)
    assert "WEIGHTS_DISAGREE" in t.review_reasons


def test_missing_number_and_date() -> None:
    t = _ticket(ticket_number=None, date=None)
    assess(t, TODAY)
    assert {"MISSING_TICKET_NUMBER", "MISSING_DATE"} <= set(t.review_reasons)


def test_future_and_ancient_dates_are_out_of_range() -> None:
    for d in (dt.date(2025, 3, 5), dt.date(2019, 1, 1)):
        t = _ticket(date=d)
        assess(t, TODAY)
        assert "DATE_OUT_OF_RANGE" in t.review_reasons


def test_handwritten_fields_are_flagged() -> None:
    t = _ticket(uncertain_fields=["truck"])
    assess(t, TODAY)
    assert "HANDWRITTEN" in t.review_reasons and t.confidence <= 0.5


def test_low_confidence_and_unknown_vendor() -> None:
    conf = dict(GOOD_CONF, ticket_number=0.6, vendor=0.8)
    t = _ticket(field_confidence=conf)
    assess(t, TODAY)
    assert {"LOW_CONFIDENCE", "UNKNOWN_VENDOR"} <= set(t.review_reasons)


def test_implausible_quantity_is_flagged() -> None:
    t = _ticket(gross_lb=None, tare_lb=None, net_lb=None, quantity=250.0)
    assess(t, TODAY)
    assert "LOW_CONFIDENCE" in t.review_reasons


def test_existing_reasons_are_kept() -> None:
    t = _ticket(review_reasons=["DUPLICATE_TICKET"])
    assess(t, TODAY)
    assert t.review_reasons == ["DUPLICATE_TICKET"] and t.needs_review


def test_duplicate_key_normalises_vendor_and_number() -> None:
    assert duplicate_key("Roberts Inc.", "001174962") == duplicate_key("ROBERTS", "1174962")
    assert duplicate_key("Portillo & Sons", "285367") == duplicate_key(
        "PORTILLO AND SONS", "285367"
    )
    assert duplicate_key("ROBERTS", "1174962") != duplicate_key("ROBERTS", "1174963")
    assert duplicate_key(None, "1174962") is None
    assert duplicate_key("ROBERTS", "") is None


def test_weights_that_add_up_corroborate_each_other() -> None:
    import datetime as _dt

    from engine.models import Ticket as _Ticket
    from engine.review import assess as _assess

    def scale_ticket(net: float) -> _Ticket:
        t = _Ticket("a.png", 1, vendor="ACME", ticket_number="123456", date=_dt.date(2025, 3, 1))
        t.gross_lb, t.tare_lb, t.net_lb, t.quantity, t.unit = 62480.0, 27480.0, net, 17.5, "TN"
        t.field_confidence = {
            "vendor": 0.97, "ticket_number": 0.95, "date": 0.95,
            "gross_lb": 0.74, "tare_lb": 0.78, "net_lb": 0.76, "quantity": 0.78, "unit": 0.78,
        }  # fmt: skip
        return t

    agree = scale_ticket(35000.0)
    _assess(agree, _dt.date(2025, 3, 2))
    assert not agree.needs_review
    misread = scale_ticket(36000.0)  # one digit off: the equation breaks
    _assess(misread, _dt.date(2025, 3, 2))
    assert misread.needs_review and "WEIGHTS_DISAGREE" in misread.review_reasons


def test_ticket_number_read_without_high_confidence_is_flagged() -> None:
    # 1902825 read as 1992825 comes back at ~0.88: fine for a truck number, not for the key.
    t = _ticket()
    t.field_confidence["ticket_number"] = 0.88
    assess(t, TODAY)
    assert t.needs_review and "LOW_CONFIDENCE" in t.review_reasons


def test_a_ticket_with_neither_quantity_nor_weight_goes_to_a_person() -> None:
    """A stamp over the weights column made Tesseract drop it: the ticket was accepted with
    nothing to bill."""
    t = _ticket(gross_lb=None, tare_lb=None, net_lb=None, quantity=None, unit=None)
    t.field_confidence = {f: 0.95 for f in ("vendor", "ticket_number", "date")}
    assess(t, TODAY)
    assert t.needs_review and "MISSING_QUANTITY" in t.review_reasons
    from engine.review import fields_to_check

    assert "quantity" in fields_to_check(t)
    loads = _ticket(gross_lb=None, tare_lb=None, net_lb=None, quantity=2.0, unit="LOADS")
    loads.field_confidence = {f: 0.95 for f in ("vendor", "ticket_number", "date", "quantity")}
    assess(loads, TODAY)
    assert not loads.needs_review  # a quantity alone is a ticket's billing


def test_weights_a_rule_doubted_are_not_lifted_by_adding_up() -> None:
    """Read under a stamp, a tare's 5 came out a 3 and gross - tare still met the net within
    its two pounds: the weights' agreement must not lift what a rule doubted."""
    t = _ticket(gross_lb=55702.0, tare_lb=24083.0, net_lb=31617.0, quantity=15.81)
    t.field_confidence["tare_lb"] = 0.5
    t.ruled_fields = ["tare_lb"]
    assess(t, TODAY)
    assert t.needs_review and t.field_confidence["tare_lb"] == 0.5


def test_a_net_only_ticket_is_accepted_and_a_lone_gross_is_not() -> None:
    """A loader's or belt scale prints the net alone: every loader ticket went to review."""
    t = _ticket(gross_lb=None, tare_lb=None)
    del t.field_confidence["gross_lb"], t.field_confidence["tare_lb"]
    assess(t, TODAY)
    assert not t.needs_review
    lone = _ticket(tare_lb=None, net_lb=None)
    del lone.field_confidence["tare_lb"], lone.field_confidence["net_lb"]
    assess(lone, TODAY)
    assert lone.needs_review and "LOW_CONFIDENCE" in lone.review_reasons
