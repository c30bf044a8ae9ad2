"""The label wordings real tickets print, as data: field -> regular expressions.

Every pattern is matched case-insensitively against one printed line. Where labels overlap
("NET TONS" and "NET", "PIT TICKET #" and "TICKET #") the longest match wins, so distractor
labels ("PO #", "Phone", "Customer", "Time In") are listed too: they claim their words and the
value after them, which keeps a phone number or a PO number out of the real fields.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

NUM = r"(?:#|no\.?|n[o°º]\.?|num(?:ber)?\.?|nbr)"

# The unit a weight label may carry: 'GROSS LB', 'Tare (lbs)', 'NET KG', 'Gross Wt. (kg)',
# 'GROSS TONS', 'Tare (TN)'. One run of spaces before a bare unit: a label stays in its cell.
_UNITS = r"(?:lbs?|kgs?|tons?|tn)"
WEIGHT_UNIT = rf"(?:\s*\(\s*{_UNITS}\.?\s*\)|\s*{_UNITS}\.?)?"
# A net label's: 'NET TONS' is the quantity's label (net_tons), not a net weight in tons.
NET_UNIT = r"(?:\s*\(\s*(?:lbs?|kgs?)\.?\s*\)|\s*(?:lbs?|kgs?)\.?)?"

# A scale indicator's printout marks each weight with its mode: after the unit ('71220 lb G',
# '31400 lb T' or 'PT', a preset tare, '39820 lb N'; the weight before it is its value, see
# ticket._weight_before) or before the weight ('G 71220 lb'). Only beside a weight with its
# unit is such a letter a label.
_AFTER_UNIT = r"(?:(?<=lb )|(?<=lbs )|(?<=lb\. )|(?<=kg )|(?<=kgs ))"
_BEFORE_WEIGHT = r"(?=\s+\d[\d,]*\s*(?:lbs?|kgs?)\b)"
INDICATOR_MODES = {"gross_lb": r"gr?", "tare_lb": r"(?:tr?|pt)", "net_lb": r"nt?"}


def _indicator(field: str) -> list[str]:
    mode = INDICATOR_MODES[field]
    return [_AFTER_UNIT + mode, mode + _BEFORE_WEIGHT]


# 'No. 123456' with no word before it: the ticket's own number on most forms, so it is read
# when nothing says more, and ranked below every named ticket label ('Ticket No.' further down
# beats it; 'Customer No.' claims its own 'No.').
BARE_NUMBER_SIGN = r"(?<![a-z])(?:no|n°|nº|№)\.?(?=\s*[:#]?\s*\d)"
# A form's title ('DELIVERY TICKET', 'HAULING TICKET') is no label (see "_noise"), but with a
# number right after it ('Delivery Ticket: 183346') it names the ticket's number, when nothing
# else does.
TITLED_NUMBER = r"(?:delivery|hauling|daily\s+truck|truck|haul)\s+ticket(?=\s*[:#]?[ ]{0,3}\d)"
WEAK_PATTERNS = (BARE_NUMBER_SIGN, TITLED_NUMBER)

# Labels that also end company names ('D & L TRANSPORT CO.', 'RED ROCK HAULING CO'): a label
# only where it opens its cell, not after a word of the same cell (one space apart; cells
# are three).
OPENS_CELL = r"(?<![^ ] )"

# field -> patterns. Fields starting with "_" are distractors: matched, then ignored. A
# distractor takes the number sign after it ('Customer No.', 'Acct #', 'Permit No').
LABELS: dict[str, list[str]] = {
    "ticket_number": [
        rf"(?:scale\s+|weigh\s+|delivery\s+)?ticket\s*{NUM}",
        # Australia and New Zealand number a weighbridge docket.
        rf"(?:weighbridge\s+)?docket\s*{NUM}?",
        rf"(?:weigh|scale)\s+slip\s*{NUM}?",
        rf"slip\s*{NUM}",
        rf"boleto\s*{NUM}?",  # bilingual tickets of the US Southwest: 'Boleto / Ticket No.'
        r"scale\s+ticket",
        rf"tkt\.?\s*{NUM}?",
        rf"b\.?o\.?l\.?\s*{NUM}?",
        r"bill\s+of\s+lading(?:\s*#)?",
        r"ticket",
        # Transfer stations and landfills number a receipt or a transaction, not a ticket.
        rf"receipt\s*{NUM}?",
        rf"trans(?:action)?\.?\s*{NUM}",
        # A weighmaster's certificate is the scale ticket in California.
        rf"cert(?:ificate)?\.?\s*{NUM}",
        BARE_NUMBER_SIGN,
        TITLED_NUMBER,
    ],
    "date": [r"(?:ticket\s+|ship\s+|load\s+)?dates?\b", r"\bdt\b", r"fecha"],
    "truck": [
        rf"(?:truck|trk)\s*(?:{NUM}|id)?",
        rf"(?:truck|trk)\s*/\s*trailer(?:\s*{NUM})?",  # the truck's number first
        rf"cami[oó]n\s*{NUM}?",
        r"placas?",
        r"matr[ií]cula",  # Spanish, and French 'immatriculation': the plate
        r"immatriculation",
        rf"vehicle\s*(?:id|{NUM})?",
        rf"veh\.?\s*{NUM}?",
        rf"unit\s*{NUM}",
        rf"fleet\s*(?:{NUM}|id)",
        # Where a truck is known by its plate: 'License Plate', 'Rego' (AU/NZ), 'Vehicle Reg'.
        rf"(?:licen[cs]e\s+)?plate(?:\s*{NUM})?",
        rf"vehicle\s+licen[cs]e(?:\s*{NUM})?",
        rf"(?:vehicle\s+)?(?:rego|registration|reg\.?)(?:\s*{NUM})?",
    ],
    # Thermal printers' short keys ('CARR:', 'MATL:') too.
    "hauler": [
        # 'Carrier Name' is one caption: 'Name' is no hauler. 'Haulier': British English.
        r"haul(?:i)?er(?:\s+name)?",
        r"carrier(?:\s+name)?",
        r"carr\.?",
        r"hlr\.?",  # an old scale program's abbreviations: HLR, GRS, TNS
        r"hauled\s+by",
        r"transporter(?:\s+name)?",
        OPENS_CELL + r"transport(?:ation)?\s+co(?:mpany)?",
        r"trucker",
        r"transportista",
        r"transporteur",
        OPENS_CELL + r"trucking\s+co(?:mpany)?(?:\s+name)?",
        OPENS_CELL + r"haul(?:ing)?\s+(?:co(?:mpany)?|contractor)",
    ],
    "material": [
        # 'Product Name' is one caption: 'Name' is no product.
        r"material(?:\s+(?:hauled|name|description|desc\.?|type))?",
        r"mat(?:'|’)?l\.?",
        r"product(?:\s+(?:name|description|desc\.?|type))?",
        r"producto",
        r"produit",
        r"commodity",
        r"mix(?:\s*/\s*description)?",
        r"waste\s+type",
        r"description",
        r"item(?:\s+desc(?:ription)?)?",
    ],
    "net_tons": [
        r"nett?\s+tons?",
        r"tons?\s+net",
        r"net\s+tn",
        r"net\s*\(\s*tn?s?\s*\)",
        r"total\s+tons",
        r"tons",
        r"tns",
    ],
    "net_tonnes": [r"nett?\s+tonnes", r"tonnes", r"metric\s+tons?", r"net\s*\(\s*t\s*\)"],
    "quantity": [
        r"qty",
        r"quantity",
        r"load\s+total",
        r"loads?\s*/\s*(?:yards|yds)",
        # Ready-mix tickets: this load's quantity among the order's running totals.
        r"this\s+load",
        r"load\s+(?:qty|quantity|size|vol(?:ume)?)",
    ],
    # A haul ticket's 'Amount:' is what the driver hauled; beside a rate it is money (the
    # reader decides, from the page: see ticket._priced).
    "amount": [r"amount"],
    "yards": [r"yards", r"yds", r"cu\.?\s*yds?"],
    "loads": [r"total\s+loads", r"loads"],
    "unit": [r"unit"],
    "gross_lb": [
        rf"(?:gross|grs)(?:\s+(?:weight|wt\.?|mass))?{WEIGHT_UNIT}",
        r"in\s*\(\s*gross\s*\)",
        rf"peso\s+bruto{WEIGHT_UNIT}",
        *_indicator("gross_lb"),
    ],
    "tare_lb": [
        rf"tare(?:\s+(?:weight|wt\.?|mass))?{WEIGHT_UNIT}",
        r"out\s*\(\s*tare\s*\)",
        rf"tara{WEIGHT_UNIT}",
        *_indicator("tare_lb"),
    ],
    "net_lb": [
        # 'Nett': British and Australian spelling.
        rf"nett?(?:\s+(?:weight|wt\.?|mass))?{NET_UNIT}",
        rf"peso\s+neto{NET_UNIT}",
        *_indicator("net_lb"),
    ],
    # Two weighings that do not say which is loaded: which one comes first depends on the
    # site (a quarry weighs in empty, a landfill full). The larger is the gross.
    "weighing": [
        rf"(?:first|1st|second|2nd)\s+(?:weight|wt\.?|weighing|mass){WEIGHT_UNIT}",
        rf"(?:loaded|empty)(?:\s+(?:weight|wt\.?))?{WEIGHT_UNIT}",
        rf"(?:weight|wt\.?)\s+(?:in|out|1|2){WEIGHT_UNIT}",
        rf"(?:in|out)\s+(?:weight|wt\.?){WEIGHT_UNIT}",
        # Landfills and transfer stations: the truck weighed coming in and going out.
        rf"(?:inbound|outbound)(?:\s+(?:weight|wt\.?))?{WEIGHT_UNIT}",
        r"scale\s+(?:in|out)",
    ],
    "manifest": [
        rf"manifest\s*(?:tracking\s*)?{NUM}?",
        rf"(?:job\s*/\s*)?pit\s+ticket\s*{NUM}?",
        rf"dump\s+ticket\s*{NUM}?",
        rf"material\s+ticket\s*{NUM}?",
        rf"disposal\s+ticket\s*{NUM}?",
    ],
    "job": [rf"job\s*(?:{NUM}|code)?", rf"project\s*{NUM}?"],
    # Distractors: claimed so their values never fill a field.
    "_customer": [
        r"customer(?:\s+(?:po|name))?",
        r"cliente",
        r"cust\.?",
        r"acct\.?",
        r"contract",
        r"sold\s+to",
        r"bill\s+to",
        r"account",
        r"ship(?:ped)?\s+(?:to|from)",
        r"ordered\s+by",
        # Where the load went: an address, not the job's code ('SHIP TO / JOB SITE').
        r"job\s*site",
        r"deliver(?:y|ed)?\s+(?:to|address)",
    ],
    "_noise": [
        rf"p\.?\s*o\.?\s*{NUM}?(?![a-z])",
        rf"order\s*{NUM}?",
        rf"load\s*{NUM}",
        rf"scale\s*(?:id|{NUM})?",
        r"phone|tel\.?|fax|office|cell|dispatch|ph\b",
        r"time(?:\s+(?:in|out))?|time\s*in|stop\s*time|start\s*time",
        r"rate(?:\s*/\s*ton)?",
        r"job\s+address",
        r"(?:delivery|hauling|daily\s+truck|truck|haul)\s+ticket",
        rf"trailer\s*{NUM}?",
        rf"tandem\s*{NUM}?",
        r"today\s+(?:loads|tons)",
        r"(?:loads?|tons?|yards|yds)\s+today",
        # An order's running totals, not this load's quantity.
        r"cum(?:ulative|\.)?\s*(?:qty|quantity|yds|yards|tons?|total)",
        r"(?:qty|quantity|yds|yards|tons?)\s+(?:ordered|delivered|to\s+date|remaining|left)",
        r"(?:ord(?:ered)?|delivered|total\s+delivered)\s*(?:qty|quantity|yds|yards)?",
        r"(?:tons?|yards|loads)\s+to\s+date",
        r"rate|price|total\s+due|subtotal|tax",
        r"plant|site",
        r"leave\s+plant",
        r"reference",
        # A product code, not the material's name ('Item #57 Stone' is a name: no '#' here).
        r"item\s*(?:no\.?|num(?:ber)?|code)",
        r"weighmaster",
        r"permit",
        r"driver(?:\s+(?:signature|name))?",
        # A line to sign on ('Trucker Signature', 'Hauler Sign'), no hauler's name.
        r"(?:trucker|haul(?:i)?er|carrier)(?:'?s)?\s+(?:signature|sign(?:ed)?|sig\.?)",
        r"total\s+hours|hours|lunch",
    ],
}


@dataclass(frozen=True)
class Label:
    field: str
    regex: re.Pattern[str]
    weak: bool = False  # read only when no other label of its field gives a value


# Letters Tesseract reads as digits or a bar inside a printed label ('Hau1er:', 'Gr0ss',
# 'Materia|'): a label's letters match them too. Its value is not touched.
_READ_AS = {"l": "[l1|i]", "i": "[i1l|]", "o": "[o0]", "s": "[s5]"}


def _misread_letters(pattern: str) -> str:
    """`pattern` with each literal l, i, o and s also matching what OCR mistakes it for;
    escapes, character classes, counts and group prefixes are left as written."""
    out: list[str] = []
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            out.append(pattern[i : i + 2])
            i += 2
        elif c == "[":
            j = pattern.index("]", i + 1)
            out.append(pattern[i : j + 1])
            i = j + 1
        elif c == "{":
            j = pattern.index("}", i)
            out.append(pattern[i : j + 1])
            i = j + 1
        elif c == "(" and pattern[i + 1 : i + 2] == "?":
            j = i + 2
            while j < len(pattern) and pattern[j] in ":=!<":
                j += 1
            out.append(pattern[i:j])
            i = j
        else:
            out.append(_READ_AS.get(c.lower(), c))
            i += 1
    return "".join(out)


def compiled_labels() -> list[Label]:
    """All label patterns, anchored to word boundaries so 'net' never matches inside 'cabinet'.

    A label stays within one cell of its line: the words of a cell are one space apart in the
    line's text, cells three, so a pattern's spaces match one or two. Else a row of column
    headers ('TICKET   DATE') read as one label and lost the first."""
    out: list[Label] = []
    for fld, patterns in LABELS.items():
        for pattern in patterns:
            # One group: a pattern of alternatives ('plant|site') is bounded as a whole; the
            # bounds held only its first and last ('TEICHERT' was a 'Tel' label, so the
            # vendor's name was no name).
            p = rf"(?:{pattern})(?:\s*{NUM})?" if fld.startswith("_") else rf"(?:{pattern})"
            p = _misread_letters(p).replace(r"\s+", " {1,2}").replace(r"\s*", " {0,2}")
            # A "#" before digits stays with the value: "#57 Stone" is a material's name.
            # 'TICKET=123456': some dispatch systems print a key and its value so.
            rx = re.compile(rf"(?<![A-Za-z0-9]){p}(?![A-Za-z]) ?(?:[:.=]|#(?!\d))*", re.IGNORECASE)
            out.append(Label(fld, rx, weak=pattern in WEAK_PATTERNS))
    return out
