"""run_report.pdf: what was processed, totals per vendor and per day with charts, the tickets
that need a person, and the failures with what to do about them.

reportlab platypus for the layout, reportlab.graphics for the charts. Long tables are capped
(the CSV and the workbook hold every row) so 10,000 tickets still give a readable report.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import pathlib
from collections.abc import Sequence
from typing import Any
from xml.sax.saxutils import escape

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import inch
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.flowables import Flowable

from engine.export.columns import what_to_check
from engine.export.facts import empty_page_reason, run_facts
from engine.export.sanitize import one_line
from engine.export.totals import Totals, TotalsRow, net_tons
from engine.models import ERROR_ADVICE, ExportData

MAX_REVIEW_ROWS = 250
MAX_ERROR_ROWS = 250
MAX_DAY_ROWS = 120
CHART_BARS = 12
CELL_CHARS = 160  # a longer value is cut in a table cell; the workbook keeps all of it

ACCENT = colors.HexColor("#305496")
LIGHT = colors.HexColor("#E9EEF7")
GRID = colors.HexColor("#B4C0D6")
MUTED = colors.HexColor("#555555")

# TrueType fonts with wide coverage (accents, symbols in vendor names), best first; reportlab's
# own Vera is always there. Helvetica (Latin-1 only) is the last resort.
_FONT_CANDIDATES = [
    ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
    ("arial.ttf", "arialbd.ttf"),
    ("Arial.ttf", "Arial Bold.ttf"),
    ("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf"),
]
_FONT_DIRS = [
    pathlib.Path("/usr/share/fonts/truetype/dejavu"),
    pathlib.Path("/usr/share/fonts/dejavu"),
    pathlib.Path("/usr/share/fonts/TTF"),
    pathlib.Path("/usr/share/fonts/truetype/liberation"),
    pathlib.Path("C:/Windows/Fonts"),
    pathlib.Path("/Library/Fonts"),
    pathlib.Path("/System/Library/Fonts/Supplemental"),
]


@functools.cache
def _fonts() -> tuple[str, str, bool]:
    """(regular, bold, unicode): the font names registered with reportlab."""
    import reportlab

    bundled = pathlib.Path(reportlab.__file__).parent / "fonts"
    pairs = [(d / r, d / b) for r, b in _FONT_CANDIDATES for d in _FONT_DIRS]
    pairs.append((bundled / "Vera.ttf", bundled / "VeraBd.ttf"))
    for regular, bold in pairs:
        try:
            if regular.is_file() and bold.is_file():
                pdfmetrics.registerFont(TTFont("HB-Regular", str(regular)))
                pdfmetrics.registerFont(TTFont("HB-Bold", str(bold)))
                return "HB-Regular", "HB-Bold", True
        except Exception:  # a broken font file: try the next one
            continue
    return "Helvetica", "Helvetica-Bold", False


def _text(value: Any, limit: int = CELL_CHARS) -> str:
    """Any value as safe markup for a Paragraph: no control characters, escaped, capped."""
    if value is None:
        return ""
    if isinstance(value, bool):
        value = "yes" if value else "no"
    elif isinstance(value, int):
        value = f"{value:,}"
    elif isinstance(value, float):
        value = f"{value:,.2f}"
    elif isinstance(value, dt.date):
        value = value.isoformat()
    text = one_line(str(value), limit)
    if not _fonts()[2]:
        text = text.encode("latin-1", "replace").decode("latin-1")
    return escape(text)


class _Styles:
    def __init__(self) -> None:
        regular, bold, _ = _fonts()
        base = getSampleStyleSheet()
        self.title = ParagraphStyle(
            "HBTitle", parent=base["Title"], fontName=bold, fontSize=20, leading=24,
            textColor=ACCENT, alignment=0, spaceAfter=2,
        )  # fmt: skip
        self.subtitle = ParagraphStyle(
            "HBSub", parent=base["Normal"], fontName=regular, fontSize=10, textColor=MUTED,
            leading=13, spaceAfter=10,
        )  # fmt: skip
        self.h2 = ParagraphStyle(
            "HBH2", parent=base["Heading2"], fontName=bold, fontSize=13, leading=16,
            textColor=ACCENT, spaceBefore=12, spaceAfter=6, keepWithNext=1,
        )  # fmt: skip
        self.body = ParagraphStyle(
            "HBBody", parent=base["Normal"], fontName=regular, fontSize=9, leading=11.5
        )
        self.cell = ParagraphStyle("HBCell", parent=self.body, fontSize=8, leading=9.8)
        self.cell_bold = ParagraphStyle("HBCellB", parent=self.cell, fontName=bold)
        self.head = ParagraphStyle(
            "HBHead", parent=self.cell, fontName=bold, textColor=colors.white
        )
        self.note = ParagraphStyle(
            "HBNote", parent=self.body, fontSize=8, leading=10, textColor=MUTED
        )
        self.kpi_value = ParagraphStyle(
            "HBKpiV", parent=self.body, fontName=bold, fontSize=16, leading=19,
            alignment=TA_CENTER, textColor=ACCENT,
        )  # fmt: skip
        self.kpi_label = ParagraphStyle(
            "HBKpiL", parent=self.body, fontSize=8, leading=10, alignment=TA_CENTER,
            textColor=MUTED,
        )  # fmt: skip
        self.regular, self.bold = regular, bold


def _table(
    st: _Styles,
    header: Sequence[str],
    rows: Sequence[Sequence[Any]],
    widths: Sequence[float],
    *,
    numeric: Sequence[int] = (),
    total_row: bool = False,
) -> Table:
    right = set(numeric)
    head_r = ParagraphStyle("HBHeadR", parent=st.head, alignment=TA_RIGHT)
    cell_r = ParagraphStyle("HBCellR", parent=st.cell, alignment=TA_RIGHT)
    bold_r = ParagraphStyle("HBCellBR", parent=st.cell_bold, alignment=TA_RIGHT)
    data: list[list[Any]] = [
        [Paragraph(_text(h), head_r if i in right else st.head) for i, h in enumerate(header)]
    ]
    for n, row in enumerate(rows):
        bold = total_row and n == len(rows) - 1
        data.append(
            [
                Paragraph(
                    _text(v),
                    (bold_r if bold else cell_r)
                    if i in right
                    else (st.cell_bold if bold else st.cell),
                )
                for i, v in enumerate(row)
            ]
        )
    table = Table(data, colWidths=list(widths), repeatRows=1)
    commands: list[tuple[Any, ...]] = [
        ("BACKGROUND", (0, 0), (-1, 0), ACCENT),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, GRID),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, LIGHT]),
    ]
    if total_row and rows:
        commands.append(("LINEABOVE", (0, -1), (-1, -1), 1, ACCENT))
    table.setStyle(TableStyle(commands))
    return table


def _kpis(st: _Styles, items: Sequence[tuple[str, str]], width: float) -> Table:
    values = [Paragraph(_text(v), st.kpi_value) for _, v in items]
    labels = [Paragraph(_text(k), st.kpi_label) for k, _ in items]
    table = Table([values, labels], colWidths=[width / len(items)] * len(items))
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), LIGHT),
                ("LINEAFTER", (0, 0), (-2, -1), 1, colors.white),
                ("TOPPADDING", (0, 0), (-1, 0), 8),
                ("BOTTOMPADDING", (0, -1), (-1, -1), 8),
            ]
        )
    )
    return table


def _fmt(x: float, digits: int = 2) -> str:
    return f"{x:,.{digits}f}"


def _metric(totals: Totals) -> tuple[str, Any]:
    """Chart what this run has: net tons when tickets carry weights, else loads."""
    if totals.overall.net_tons > 0:
        return "Net tons", lambda r: r.net_tons
    return "Loads", lambda r: r.loads


def _value_axis(st: _Styles, axis: Any, name: str, values: Sequence[float]) -> None:
    """The value axis both charts share: gridded from 0; loads are counted in whole steps
    ('0.2 loads' under a bar of one read as a fault)."""
    axis.valueMin = 0
    axis.labels.fontName = st.regular
    axis.labels.fontSize = 7
    axis.visibleGrid = True
    axis.gridStrokeColor = GRID
    axis.gridStrokeWidth = 0.25
    if name == "Loads":
        top = max([1.0, *values])
        step = max(1, math.ceil(top / 5))
        axis.valueStep = step
        axis.valueMax = step * math.ceil(top / step)
        axis.labelTextFormat = "%d"


def _bar_chart_h(st: _Styles, rows: list[TotalsRow], totals: Totals, width: float) -> Drawing:
    name, get = _metric(totals)
    shown = rows[:CHART_BARS]
    if len(rows) > CHART_BARS:
        rest = TotalsRow(f"{len(rows) - CHART_BARS} others")
        rest.net_tons = sum(r.net_tons for r in rows[CHART_BARS:])
        rest.loads = sum(r.loads for r in rows[CHART_BARS:])
        shown = [*shown, rest]
    bar_h = 16
    height = 30 + bar_h * len(shown)
    d = Drawing(width, height)
    chart = HorizontalBarChart()
    chart.x, chart.y = 150, 18
    chart.width, chart.height = width - 190, bar_h * len(shown)
    # reportlab draws the first category at the bottom: reverse so the biggest is on top.
    ordered = list(reversed(shown))
    chart.data = [[float(get(r)) for r in ordered]]
    chart.categoryAxis.categoryNames = [_short(r.label, 28) for r in ordered]
    chart.categoryAxis.labels.fontName = st.regular
    chart.categoryAxis.labels.fontSize = 7
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -4
    _value_axis(st, chart.valueAxis, name, chart.data[0])
    chart.bars[0].fillColor = ACCENT
    chart.bars[0].strokeColor = None
    chart.barLabelFormat = "%.1f" if name == "Net tons" else "%.0f"
    chart.barLabels.fontName = st.regular
    chart.barLabels.fontSize = 6.5
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 3
    d.add(chart)
    d.add(String(150, height - 10, f"{name} by vendor", fontName=st.bold, fontSize=8))
    return d


def _day_series(totals: Totals) -> tuple[str, list[tuple[str, TotalsRow]]]:
    """Per day, or per month when there are too many days for readable bars."""
    dated = [(d, r) for d, r in zip(totals.days, totals.by_day, strict=True) if d is not None]
    if len(dated) <= 31:
        # Across a new year 'Mar 6' after 'Jun 12' reads as out of order: the year says why.
        years = len({d.year for d, _ in dated}) > 1
        return "day", [(f"{d:%b} {d.day}" + (f" '{d:%y}" if years else ""), r) for d, r in dated]
    months: dict[tuple[int, int], TotalsRow] = {}
    for d, r in dated:
        m = months.setdefault((d.year, d.month), TotalsRow(f"{d:%b %Y}"))
        m.net_tons += r.net_tons
        m.loads += r.loads
        m.tickets += r.tickets
    return "month", [(m.label, m) for m in months.values()]


def _bar_chart_v(st: _Styles, totals: Totals, width: float) -> Drawing | None:
    name, get = _metric(totals)
    period, series = _day_series(totals)
    if not series:
        return None
    height = 170.0
    d = Drawing(width, height)
    chart = VerticalBarChart()
    chart.x, chart.y = 40, 38
    chart.width, chart.height = width - 60, height - 60
    chart.data = [[float(get(r)) for _, r in series]]
    chart.categoryAxis.categoryNames = [label for label, _ in series]
    chart.categoryAxis.labels.fontName = st.regular
    chart.categoryAxis.labels.fontSize = 6.5
    if len(series) > 10:
        chart.categoryAxis.labels.angle = 45
        chart.categoryAxis.labels.boxAnchor = "ne"
    chart.categoryAxis.labels.dy = -2
    _value_axis(st, chart.valueAxis, name, chart.data[0])
    chart.bars[0].fillColor = ACCENT
    chart.bars[0].strokeColor = None
    chart.barWidth = 8
    d.add(chart)
    d.add(String(40, height - 12, f"{name} by {period}", fontName=st.bold, fontSize=8))
    return d


def _path(path: str, n: int = CELL_CHARS - 12) -> str:
    """A long file path cut in its middle: the file's own name is what tells which to scan
    again, and the start says where it is."""
    path = one_line(path, 10_000)
    if len(path) <= n:
        return path
    head = n // 3
    return path[:head] + "\u2026" + path[-(n - head - 1) :]


def _short(text: str, n: int) -> str:
    text = one_line(text, 10_000)
    return text if len(text) <= n else text[: n - 1] + "\u2026"


def _totals_rows(rows: list[TotalsRow], overall: TotalsRow) -> list[list[Any]]:
    out: list[list[Any]] = []
    for r in [*rows, overall]:
        out.append(
            [
                r.label if r is not overall else "Total",
                f"{r.tickets:,}",
                _fmt(r.net_tons),
                _fmt(r.cubic_yards),
                _fmt(r.loads, 0) if float(r.loads).is_integer() else _fmt(r.loads),
                f"{r.needs_review:,}",
            ]
        )
    return out


class _NumberedCanvas(Canvas):
    """Draws "Page N of M" and the run on every page once the page count is known."""

    footer_text = ""
    font = "Helvetica"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:  # noqa: N802 (reportlab's name)
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self.setFont(self.font, 7.5)
            self.setFillColor(MUTED)
            self.drawString(0.6 * inch, 0.45 * inch, self.footer_text)
            self.drawRightString(
                LETTER[0] - 0.6 * inch, 0.45 * inch, f"Page {self._pageNumber} of {total}"
            )
            super().showPage()
        super().save()


def build_story(data: ExportData, totals: Totals, width: float) -> list[Flowable]:
    st = _Styles()
    s = data.summary
    story: list[Flowable] = []
    story.append(Paragraph("Haulbook run report", st.title))
    folder = s.input_dir or data.input_dir
    sub = f"Run {s.run_id} \u00b7 {folder}"
    if s.job:
        sub += f" \u00b7 job {s.job}"
    story.append(Paragraph(_text(sub, 300), st.subtitle))

    needs = sum(1 for t in data.tickets if t.needs_review)
    story.append(
        _kpis(
            st,
            [
                ("Tickets", f"{len(data.tickets):,}"),
                ("Need review", f"{needs:,}"),
                ("Net tons", _fmt(totals.overall.net_tons, 1)),
                ("Loads", _fmt(totals.overall.loads, 0)),
                ("Files failed", f"{s.files_failed:,}"),
            ],
            width,
        )
    )
    story.append(Spacer(1, 6))
    pending = totals.overall.needs_review
    if pending:
        # A misread value a person has not yet checked counts in every total below.
        tons = sum(
            net_tons(t) or 0.0 for t in data.tickets if t.needs_review and not t.duplicate_of
        )
        what = f"{pending:,} ticket{'s' if pending != 1 else ''} still to review"
        if tons:
            what += f" ({_fmt(tons, 1)} net tons)"
        story.append(
            Paragraph(
                f"The totals include {what}: they may change once "
                f"{'it is' if pending == 1 else 'those are'} checked.",
                st.body,
            )
        )
    if not data.tickets:
        story.append(
            Paragraph(
                "No tickets were found in this run. The files processed and any failures are "
                "listed below.",
                st.body,
            )
        )

    story.append(Paragraph("The run", st.h2))
    facts = [(k, v) for k, v in run_facts(data, totals) if v not in ("", None)]
    half = (len(facts) + 1) // 2
    left, right = facts[:half], facts[half:]
    right += [("", "")] * (len(left) - len(right))
    fact_rows = [
        [
            Paragraph(_text(a), st.cell_bold),
            Paragraph(_text(b, 200), st.cell),
            Paragraph(_text(c), st.cell_bold),
            Paragraph(_text(d, 200), st.cell),
        ]
        for (a, b), (c, d) in zip(left, right, strict=True)
    ]
    ft = Table(fact_rows, colWidths=[width * 0.25] * 4)
    ft.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, GRID),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
            ]
        )
    )
    story.append(ft)

    totals_header = ["", "Tickets", "Net tons", "Cubic yards", "Loads", "Need review"]
    totals_widths = [width * 0.40] + [width * 0.12] * 5
    if totals.by_vendor:
        story.append(Paragraph("Totals by vendor", st.h2))
        story.append(_bar_chart_h(st, totals.by_vendor, totals, width))
        story.append(Spacer(1, 6))
        story.append(
            _table(
                st,
                ["Vendor", *totals_header[1:]],
                _totals_rows(totals.by_vendor, totals.overall),
                totals_widths,
                numeric=range(1, 6),
                total_row=True,
            )
        )
    if totals.by_day:
        story.append(Paragraph("Totals by day", st.h2))
        chart = _bar_chart_v(st, totals, width)
        if chart is not None:
            story.append(chart)
            story.append(Spacer(1, 6))
        day_rows = _totals_rows(totals.by_day, totals.overall)
        cut = len(totals.by_day) > MAX_DAY_ROWS
        if cut:  # keep the total row; the workbook's Summary sheet lists every day
            day_rows = day_rows[:MAX_DAY_ROWS] + day_rows[-1:]
        story.append(
            _table(
                st,
                ["Date", *totals_header[1:]],
                day_rows,
                totals_widths,
                numeric=range(1, 6),
                total_row=True,
            )
        )
        if cut:
            story.append(
                Paragraph(
                    f"First {MAX_DAY_ROWS} of {len(totals.by_day)} days shown; the Summary sheet "
                    "of tickets.xlsx has them all.",
                    st.note,
                )
            )
    notes = (
        "Net tons: Quantity when the unit is TN, else net pounds / 2000. Loads: Quantity when the "
        "unit is LOADS, else one per ticket."
    )
    if totals.duplicates_left_out:
        notes += (
            f" {totals.duplicates_left_out:,} ticket(s) marked as duplicates are left out of the "
            "totals."
        )
    story.append(Spacer(1, 4))
    story.append(Paragraph(_text(notes, 1000), st.note))

    story.append(Paragraph(f"Tickets needing review ({needs:,})", st.h2))
    review = [t for t in data.tickets if t.needs_review]
    if review:
        rows = [
            [
                _path(t.source_file),
                t.page,
                t.vendor,
                t.ticket_number,
                t.date,
                what_to_check(t) or "; ".join(t.review_reasons),
            ]
            for t in review[:MAX_REVIEW_ROWS]
        ]
        story += _capped_table(
            st,
            ["File", "Page", "Vendor", "Ticket", "Date", "What to check"],
            rows,
            [w * width for w in (0.21, 0.07, 0.17, 0.11, 0.12, 0.32)],
            [1],
            len(review),
            "review_queue.csv and the Review sheet of tickets.xlsx list them all",
        )
    else:
        story.append(Paragraph("No ticket needs review.", st.body))

    story.append(Paragraph(f"Files that failed ({len(data.errors):,})", st.h2))
    if data.errors:
        rows = [
            [
                _path(e.source_file) + (f" (page {e.page})" if e.page else ""),
                e.kind.value,
                e.attempts,
                e.message,
                ERROR_ADVICE.get(e.kind, ""),
            ]
            for e in data.errors[:MAX_ERROR_ROWS]
        ]
        story += _capped_table(
            st,
            ["File", "Kind", "Tries", "Reason", "What to do"],
            rows,
            [w * width for w in (0.23, 0.13, 0.07, 0.29, 0.28)],
            [2],
            len(data.errors),
            "errors.csv lists them all",
        )
    else:
        story.append(Paragraph("Every file was read.", st.body))

    if data.empty_pages:
        # A ticket taken for a blank page or a letter would otherwise vanish without a word.
        empty = data.empty_pages
        story.append(Paragraph(f"Pages with no ticket ({len(empty):,})", st.h2))
        rows = [
            [_path(e.source_file), e.page, empty_page_reason(e)] for e in empty[:MAX_ERROR_ROWS]
        ]
        story += _capped_table(
            st,
            ["File", "Page", "Why no row"],
            rows,
            [w * width for w in (0.30, 0.08, 0.62)],
            [1],
            len(empty),
            "the Summary sheet of tickets.xlsx lists them all",
        )

    if s.settings:
        settings = [[k, _setting(v)] for k, v in sorted(s.settings.items())]
        block: list[Flowable] = [
            Paragraph("Settings used", st.h2),
            _table(st, ["Setting", "Value"], settings, [width * 0.3, width * 0.3]),
        ]
        story.append(KeepTogether(block))
    return story


def _capped_table(
    st: _Styles,
    header: list[str],
    rows: list[list[Any]],
    widths: list[float],
    numeric: Sequence[int],
    total: int,
    where_all: str,
) -> list[Flowable]:
    """A table of the first rows of a long list, and a note on where the rest are."""
    out: list[Flowable] = [_table(st, header, rows, widths, numeric=numeric)]
    if total > len(rows):
        out.append(Paragraph(f"First {len(rows):,} of {total:,} shown; {where_all}.", st.note))
    return out


def _setting(v: Any) -> str:
    if v is None:
        return "(none)"
    if isinstance(v, bool):
        return "yes" if v else "no"
    return str(v)


def write_report(data: ExportData, totals: Totals, path: pathlib.Path) -> None:
    margin = 0.6 * inch
    doc = SimpleDocTemplate(
        str(path),
        pagesize=LETTER,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=margin,
        bottomMargin=0.75 * inch,
        title="Haulbook run report",
        author="Haulbook",
        subject=f"Run {data.summary.run_id}",
    )
    story = build_story(data, totals, doc.width)
    when = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    footer = f"Haulbook run {data.summary.run_id} \u00b7 report made {when}"

    def canvas_factory(*args: Any, **kwargs: Any) -> _NumberedCanvas:
        c = _NumberedCanvas(*args, **kwargs)
        c.footer_text = footer
        c.font = _fonts()[0]
        return c

    doc.build(story, canvasmaker=canvas_factory)
