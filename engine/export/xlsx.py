"""tickets.xlsx: the tracking workbook (Tickets, Review, Errors, Summary).

Written in openpyxl's write-only mode: rows stream to disk, so 10,000 tickets take seconds and
little memory. Every string goes in as text, never as a formula or an error code, whatever the
scan says.
"""

from __future__ import annotations

import datetime as dt
import pathlib
from collections.abc import Iterable, Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from engine.export.columns import (
    REVIEW_EXTRA,
    TICKET_EXTRA,
    TICKET_HEADER,
    review_values,
    ticket_values,
)
from engine.export.facts import empty_page_reason, run_facts
from engine.export.sanitize import clean_text, looks_like_formula
from engine.export.totals import Totals, TotalsRow
from engine.models import ERROR_ADVICE, ExportData, FileError

DATE_FORMAT = "yyyy-mm-dd"
# number formats per column title; a column not listed keeps Excel's General format
NUMBER_FORMATS = {
    "Quantity": "#,##0.00",
    "Gross lb": "#,##0",
    "Tare lb": "#,##0",
    "Net lb": "#,##0",
    "Confidence": "0%",
    "Net Tons": "#,##0.00",
    "Cubic Yards": "#,##0.00",
    "Loads": "#,##0.##",
}
ERROR_HEADER = ["Source File", "Page", "Error Kind", "Message", "Attempts", "What To Do"]
TOTALS_HEADER = ["Tickets", "Net Tons", "Cubic Yards", "Loads", "Needs Review"]

_HEADER_FONT = Font(bold=True, color="FFFFFF")
_HEADER_FILL = PatternFill("solid", fgColor="305496")
_TITLE_FONT = Font(bold=True, size=14)
_SECTION_FONT = Font(bold=True, size=12)
_BOLD = Font(bold=True)
_LINK_FONT = Font(color="0563C1", underline="single")
_WRAP = Alignment(wrap_text=True, vertical="top")
_LEFT = Alignment(horizontal="left")
_WIDTH_SAMPLE = 2000  # rows looked at to size a column
_MIN_WIDTH, _MAX_WIDTH = 6, 60


class _Sheet:
    """A write-only sheet plus the few helpers every table here needs."""

    def __init__(self, wb: Workbook, title: str) -> None:
        ws = wb.create_sheet(title)
        assert isinstance(ws, WriteOnlyWorksheet)
        self.ws = ws

    def cell(
        self,
        value: Any,
        *,
        fmt: str | None = None,
        font: Font | None = None,
        link: str | None = None,
        fill: PatternFill | None = None,
        wrap: bool = False,
        left: bool = False,
    ) -> Any:
        if value is None:
            return None
        if isinstance(value, bool):
            value = "Yes" if value else "No"
        elif isinstance(value, dt.datetime):
            value = value.replace(tzinfo=None)
        if isinstance(value, dt.date) and value.year < 1900:
            value = value.isoformat()  # before Excel's calendar: a serial 0 or less is no date
        elif not isinstance(value, (str, int, float, dt.date)):
            value = str(value)
        if isinstance(value, float) and value != value:  # NaN: Excel has no such number
            return None
        text = isinstance(value, str)
        if text:
            value = clean_text(value)
            if not value:
                return None
        plain = font is None and fill is None and not wrap and not link and not left
        plain = plain and not isinstance(value, dt.date) and not (fmt and not text)
        if plain and not (text and (looks_like_formula(value) or value in ERROR_CODES)):
            # Most cells need no style: a bare value is several times faster to write.
            return value
        c = WriteOnlyCell(self.ws, value)
        if text:
            # "=..." would be stored as a formula and "#N/A" as an error: force plain text, and
            # the quote prefix keeps Excel from re-reading it as a formula when someone edits it.
            c.data_type = "s"
            if looks_like_formula(value):
                c.quotePrefix = True
        if isinstance(value, dt.date):
            c.number_format = DATE_FORMAT
        elif fmt and not text:
            c.number_format = fmt
        if font is not None:
            c.font = font
        if fill is not None:
            c.fill = fill
        if wrap:
            c.alignment = _WRAP
        elif left:
            c.alignment = _LEFT
        if link:
            c.hyperlink = link
            c.font = _LINK_FONT
        return c

    def header(self, titles: Sequence[str]) -> None:
        self.ws.append([self.cell(t, font=_HEADER_FONT, fill=_HEADER_FILL) for t in titles])

    def row(self, values: Sequence[Any], titles: Sequence[str], font: Font | None = None) -> None:
        self.ws.append(
            [
                self.cell(v, fmt=NUMBER_FORMATS.get(t), font=font)
                for v, t in zip(values, titles, strict=True)
            ]
        )

    def blank(self) -> None:
        self.ws.append([])

    def widths(self, titles: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
        """Size columns to their content (must run before the first row is written)."""
        best = [len(t) + 2 for t in titles]
        for n, values in enumerate(rows):
            if n >= _WIDTH_SAMPLE:
                break
            for i, v in enumerate(values[: len(best)]):
                best[i] = max(best[i], _display_len(v))
        for i, w in enumerate(best, 1):
            width = min(_MAX_WIDTH, max(_MIN_WIDTH, w + 1))
            self.ws.column_dimensions[get_column_letter(i)].width = width

    def table_view(self, n_cols: int, n_rows: int) -> None:
        """Frozen header row and an autofilter over the table (header included)."""
        self.ws.freeze_panes = "A2"
        self.ws.auto_filter.ref = f"A1:{get_column_letter(n_cols)}{n_rows + 1}"
        # Printed, a wide table reads best across the page with its header on every sheet.
        self.ws.page_setup.orientation = "landscape"
        self.ws.print_title_rows = "1:1"


def _display_len(v: Any) -> int:
    if v is None:
        return 0
    if isinstance(v, dt.date):
        return 10
    if isinstance(v, float):
        return len(f"{v:,.2f}")
    if isinstance(v, int):
        return len(f"{v:,}")
    return min(len(str(v)), _MAX_WIDTH)


def file_link(input_dir: str, source_file: str) -> str | None:
    """A file:// link to the scanned file, or None when its place is unknown."""
    if not source_file:
        return None
    rel = pathlib.Path(source_file)
    if rel.is_absolute():
        path = rel
    elif input_dir:
        path = pathlib.Path(input_dir) / rel
    else:
        return None
    try:
        return path.absolute().as_uri()
    except ValueError:
        return None


def _tickets_sheet(wb: Workbook, data: ExportData) -> None:
    titles = TICKET_HEADER + TICKET_EXTRA
    rows = [ticket_values(t) for t in data.tickets]
    _table(wb, "Tickets", titles, rows, data.input_dir)


def _review_sheet(wb: Workbook, data: ExportData) -> None:
    titles = TICKET_HEADER + REVIEW_EXTRA
    rows = [review_values(t) for t in data.tickets if t.needs_review]
    _table(wb, "Review", titles, rows, data.input_dir)


def _table(
    wb: Workbook, title: str, titles: list[str], rows: list[list[Any]], input_dir: str
) -> None:
    sheet = _Sheet(wb, title)
    sheet.widths(titles, rows)
    sheet.table_view(len(titles), len(rows))
    sheet.header(titles)
    formats = [NUMBER_FORMATS.get(t) for t in titles]
    for values in rows:
        cells = [sheet.cell(v, fmt=f) for v, f in zip(values, formats, strict=True)]
        # Column A is the source file: link it to the scan so one click opens the page.
        if values[0]:
            cells[0] = sheet.cell(values[0], link=file_link(input_dir, str(values[0])))
        sheet.ws.append(cells)


def error_values(e: FileError) -> list[Any]:
    return [e.source_file, e.page, e.kind.value, e.message, e.attempts, ERROR_ADVICE.get(e.kind)]


def _errors_sheet(wb: Workbook, data: ExportData) -> None:
    rows = [error_values(e) for e in data.errors]
    _table(wb, "Errors", ERROR_HEADER, rows, data.input_dir)


def _totals_table(
    sheet: _Sheet, first: str, rows: list[TotalsRow], overall: TotalsRow, labels: list[Any]
) -> None:
    titles = [first, *TOTALS_HEADER]
    sheet.header(titles)
    for r, label in zip(rows, labels, strict=True):
        sheet.row([label, *_totals_numbers(r)], titles)
    sheet.row(["Total", *_totals_numbers(overall)], titles, font=_BOLD)


def _totals_numbers(r: TotalsRow) -> list[Any]:
    return [r.tickets, round(r.net_tons, 3), round(r.cubic_yards, 3), r.loads, r.needs_review]


def _summary_sheet(wb: Workbook, data: ExportData, totals: Totals) -> None:
    sheet = _Sheet(wb, "Summary")
    for col, width in zip("ABCDEF", (30, 14, 14, 14, 12, 14), strict=True):
        sheet.ws.column_dimensions[col].width = width
    sheet.ws.append([sheet.cell("Haulbook run summary", font=_TITLE_FONT)])
    sheet.blank()
    for label, value in run_facts(data, totals):
        sheet.ws.append([sheet.cell(label, font=_BOLD), sheet.cell(value, left=True)])
    sheet.blank()
    if not data.tickets:
        sheet.ws.append([sheet.cell("No tickets were found in this run.", font=_SECTION_FONT)])
        sheet.blank()
    sheet.ws.append([sheet.cell("Totals by vendor", font=_SECTION_FONT)])
    vendors = [r.label for r in totals.by_vendor]
    _totals_table(sheet, "Vendor", totals.by_vendor, totals.overall, vendors)
    sheet.blank()
    sheet.ws.append([sheet.cell("Totals by day", font=_SECTION_FONT)])
    days = [d if d else r.label for d, r in zip(totals.days, totals.by_day, strict=True)]
    _totals_table(sheet, "Date", totals.by_day, totals.overall, days)
    sheet.blank()
    sheet.ws.append(
        [
            sheet.cell(
                "Net tons: Quantity when Unit is TN, else Net lb / 2000. Loads: Quantity when "
                "Unit is LOADS, else 1 per ticket. Tickets marked as duplicates are left out."
            )
        ]
    )
    sheet.blank()
    if data.empty_pages:
        sheet.ws.append([sheet.cell("Pages with no ticket", font=_SECTION_FONT)])
        sheet.ws.append([sheet.cell(t, font=_BOLD) for t in ("File", "Page", "Why no row")])
        for e in data.empty_pages:
            sheet.ws.append(
                [sheet.cell(e.source_file), sheet.cell(e.page), sheet.cell(empty_page_reason(e))]
            )
        sheet.blank()
    sheet.ws.append([sheet.cell("Settings used", font=_SECTION_FONT)])
    for key, value in sorted(data.summary.settings.items()):
        shown = value if isinstance(value, (int, float, str)) or value is None else str(value)
        sheet.ws.append([sheet.cell(key), sheet.cell(shown, left=True)])


def write_workbook(data: ExportData, totals: Totals, path: pathlib.Path) -> None:
    wb = Workbook(write_only=True)
    _tickets_sheet(wb, data)
    _review_sheet(wb, data)
    _errors_sheet(wb, data)
    _summary_sheet(wb, data, totals)
    wb.save(path)
