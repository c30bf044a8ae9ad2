"""run_report.pdf: it renders, and its text holds what the operator and accountant look for."""

from __future__ import annotations

import datetime as dt
import pathlib

import pypdfium2 as pdfium

from engine.export import write_outputs
from engine.models import ExportData, Ticket
from tests.engine.test_export_workbook import sample_data


def _pdf_text(path: pathlib.Path) -> tuple[str, int]:
    pdf = pdfium.PdfDocument(str(path))
    try:
        pages = len(pdf)
        text = "\n".join(pdf[i].get_textpage().get_text_range() for i in range(pages))
        # the first page must render to something that is not blank paper
        image = pdf[0].render(scale=0.5).to_pil().convert("L")
        lo, hi = image.getextrema()
        assert hi - lo > 100 and image.size[0] > 200
    finally:
        pdf.close()
    return text, pages


def test_report_renders_and_holds_the_totals(tmp_path: pathlib.Path) -> None:
    data = sample_data(tmp_path / "scans")
    result = write_outputs(data, tmp_path / "out")
    text, pages = _pdf_text(result.files["run_report.pdf"])
    assert pages >= 1
    flat = " ".join(text.split())

    assert "Haulbook run report" in flat
    assert str(tmp_path / "scans") in flat
    # totals per vendor: Granite Rock 2 tickets, 42.50 net tons, 12.00 yd; Müller 1 ticket 3 loads
    assert "Granite Rock 2 42.50 12.00 2" in flat
    assert "Müller Sand 1 0.00 0.00 3" in flat
    assert "Total 3 42.50 12.00 5" in flat
    # per day, with a chart above the table
    assert "2026-11-02 2 22.50" in flat and "2026-11-03 1 20.00" in flat
    assert "Net tons by vendor" in flat and "Net tons by day" in flat
    # the run's facts
    assert "1 min 15 s" in flat and "5.3.4" in flat and "partial" in flat
    # tickets needing review with what to check, and the failures with what to do
    assert "Tickets needing review (2)" in flat
    assert "A value is handwritten." in flat
    assert "Files that failed (2)" in flat
    assert "broken.pdf" in flat and "slow.tif (page 2)" in flat
    assert "Scan the ticket again." in flat
    assert "duplicates are left out" in flat
    # what the headline totals hold that no person has checked yet (the duplicate is not counted)
    assert "The totals include 1 ticket still to review (20.0 net tons)" in flat


def test_empty_run_report_says_so(tmp_path: pathlib.Path) -> None:
    data = sample_data(tmp_path / "scans", [])
    text, _ = _pdf_text(write_outputs(data, tmp_path / "out").files["run_report.pdf"])
    assert "No tickets were found in this run." in " ".join(text.split())
    assert "still to review" not in text


def test_large_run_report_stays_readable(tmp_path: pathlib.Path) -> None:
    tickets = [
        Ticket(
            f"batch/{i // 4:04d}.pdf", i % 4 + 1, vendor=f"Vendor {i % 20:02d}",
            ticket_number=str(50_000 + i), date=dt.date(2026, 1, 1) + dt.timedelta(days=i % 90),
            quantity=20.0, unit="TN", confidence=0.8, needs_review=i % 3 == 0,
            review_reasons=["LOW_CONFIDENCE"] if i % 3 == 0 else [],
        )
        for i in range(1500)
    ]  # fmt: skip
    data: ExportData = sample_data(tmp_path / "scans", tickets)
    result = write_outputs(data, tmp_path / "out")
    text, pages = _pdf_text(result.files["run_report.pdf"])
    flat = " ".join(text.split())
    assert "Total 1,500 30,000.00" in flat
    # 90 days are charted per month; the long review list is cut with a pointer to the CSV
    assert "Net tons by month" in flat
    assert "First 250 of 500 shown" in flat
    assert "8 others" in flat  # vendors past the 12 largest are grouped in the chart
    assert pages < 20


def test_days_across_a_new_year_are_labelled_with_their_year() -> None:
    from engine.export.report import _day_series
    from engine.export.totals import compute_totals

    def ticket(d: dt.date) -> Ticket:
        return Ticket("a.png", 1, vendor="V", ticket_number=str(d.toordinal()), date=d)

    same_year = compute_totals([ticket(dt.date(2025, 3, 6)), ticket(dt.date(2025, 6, 12))])
    assert [label for label, _ in _day_series(same_year)[1]] == ["Mar 6", "Jun 12"]
    across = compute_totals([ticket(dt.date(2024, 6, 12)), ticket(dt.date(2025, 3, 6))])
    assert [label for label, _ in _day_series(across)[1]] == ["Jun 12 '24", "Mar 6 '25"]


def test_loads_are_charted_in_whole_steps(tmp_path: pathlib.Path) -> None:
    import re

    tickets = [
        Ticket(f"{v}.png", 1, vendor=v, ticket_number=str(600 + i), date=dt.date(2026, 11, 2))
        for i, v in enumerate(["ROBERTS", "TARANGO TRUCKING", "JD AND SON"])
    ]
    text, _ = _pdf_text(write_outputs(sample_data(tmp_path / "s", tickets), tmp_path / "o")
                        .files["run_report.pdf"])  # fmt: skip
    flat = " ".join(text.split())
    assert "Loads by vendor" in flat
    # One load each: an axis of 0, 0.2, 0.4 ... loads read as a fault.
    assert not re.search(r"(?<![\d.])0\.[2468](?!\d)", flat)


def test_a_long_file_path_keeps_its_file_name_in_the_report(tmp_path: pathlib.Path) -> None:
    """45 failures under one long folder all read 'Week 48 - ... discard)/ticket_sc...': the
    file name, what tells which one to scan again, was the part cut off."""
    folder = "Week 48 - " + "very long folder name " * 8 + "(to discard)"
    tickets = [
        Ticket(f"{folder}/ticket_scan_{i:03d}.png", 1, vendor="Granite Rock",
               ticket_number=str(7000 + i), needs_review=True, review_reasons=["LOW_CONFIDENCE"])
        for i in range(3)
    ]  # fmt: skip
    data = sample_data(tmp_path / "scans", tickets)
    text, _ = _pdf_text(write_outputs(data, tmp_path / "out").files["run_report.pdf"])
    flat = "".join(text.split())
    for i in range(3):
        assert f"ticket_scan_{i:03d}.png" in flat


def test_a_date_before_excels_calendar_is_written_as_text(tmp_path: pathlib.Path) -> None:
    import openpyxl

    ticket = Ticket("a.pdf", 1, vendor="Granite Rock", ticket_number="7001",
                    date=dt.date(1899, 12, 30), needs_review=True)  # fmt: skip
    data = sample_data(tmp_path / "scans", [ticket])
    out = write_outputs(data, tmp_path / "out").files["tickets.xlsx"]
    ws = openpyxl.load_workbook(out)["Tickets"]
    header = [c.value for c in ws[1]]
    assert ws.cell(2, header.index("Date") + 1).value == "1899-12-30"
