"""Ticket field values <-> the text an operator sees and types in the review form."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

NUMBER_FIELDS = {"quantity", "gross_lb", "tare_lb", "net_lb"}
UNITS = ("TN", "CY", "LOADS")

LABELS = {
    "vendor": "Vendor",
    "ticket_number": "Ticket number",
    "date": "Date",
    "truck": "Truck",
    "hauler": "Hauler",
    "material": "Material",
    "quantity": "Quantity",
    "unit": "Unit (TN, CY, LOADS)",
    "gross_lb": "Gross lb",
    "tare_lb": "Tare lb",
    "net_lb": "Net lb",
    "manifest": "Manifest",
    "job": "Job",
}

_DATE_FORMATS = ("%Y-%m-%d", "%m/%d/%Y", "%m/%d/%y", "%m-%d-%Y", "%m-%d-%y", "%m.%d.%Y", "%Y/%m/%d")


def format_value(name: str, value: Any) -> str:
    if value is None:
        return ""
    if name == "date" and isinstance(value, dt.date):
        return value.isoformat()
    if name in NUMBER_FIELDS and isinstance(value, int | float):
        if name == "quantity":
            return f"{value:g}"
        return f"{value:.0f}" if float(value).is_integer() else str(value)
    return str(value)


def parse_value(name: str, text: str) -> Any:
    """The stored value for what was typed; ValueError with a plain sentence when it is not one."""
    text = text.strip()
    if not text:
        return None
    if name == "date":
        for fmt in _DATE_FORMATS:
            try:
                return dt.datetime.strptime(text, fmt).date()
            except ValueError:
                continue
        raise ValueError(f"'{text}' is not a date (for example 2024-03-15 or 3/15/2024).")
    if name in NUMBER_FIELDS:
        cleaned = re.sub(r"[,\s]", "", text)
        try:
            return float(cleaned)
        except ValueError:
            raise ValueError(f"'{text}' is not a number.") from None
    if name == "unit":
        unit = text.upper()
        aliases = {"TON": "TN", "TONS": "TN", "T": "TN", "YD": "CY", "YDS": "CY", "LOAD": "LOADS"}
        unit = aliases.get(unit, unit)
        if unit not in UNITS:
            raise ValueError(f"'{text}' is not a unit: use TN, CY or LOADS.")
        return unit
    return text
