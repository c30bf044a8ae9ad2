"""tickets.xlsx read back as an operator's Excel would see it."""

from __future__ import annotations

import csv
import datetime as dt
import pathlib
import shutil
import subprocess
import urllib.parse
import urllib.request
import zipfile

import pytest
from openpyxl import load_workbook

from engine.export import write_outputs
from engine.models import ErrorKind, ExportData, FileError, RunSummary, Settings, Ticket

CONTRACT_HEADER = [
    "Source File", "Page", "Vendor", "Ticket Number", "Date", "Truck", "Hauler", "Material",
    "Quantity", "Unit", "Gross lb", "Tare lb", "Net lb", "Manifest", "Job", "Confidence",
    "Needs Review", "Review Reasons",
]  # fmt: skip


def sample_data(input_dir: pathlib.Path, tickets: list[Ticket] | None = None) -> ExportData:
    """Four tickets (tons, yards, loads, a duplicate), two failures, real scan files on disk."""
    (input_dir / "day 1").mkdir(parents=True, exist_ok=True)
    for name in ("day 1/granite 001.pdf", "day 1/acme.png", "broken.pdf", "slow.tif"):
        (input_dir / name).write_bytes(b"%PDF-1.4 stand-in")
    if tickets is None:
        tickets = [
            Ticket(
                "day 1/granite 001.pdf",
                1,
                vendor="Granite Rock",
                ticket_number="G-1001",
                date=dt.date(2026, 11, 2),
                truck="12",
                hauler="Bob's Hauling",
                material="3/4 base",
                quantity=22.5,
                unit="TN",
                gross_lb=75_000.0,
                tare_lb=30_000.0,
                net_lb=45_000.0,
                job="J-17",
                confidence=0.97,
                needs_review=False,
            ),
            Ticket(
                "day 1/granite 001.pdf",
                2,
                vendor="Granite Rock",
                ticket_number="G-1002",
                date=dt.date(2026, 11, 3),
                quantity=12.0,
                unit="CY",
                gross_lb=70_000.0,
                tare_lb=30_000.0,
                net_lb=40_000.0,
                confidence=0.55,
                needs_review=True,
                review_reasons=["LOW_CONFIDENCE", "HANDWRITTEN"],
                uncertain_fields=["net_lb"],
            ),
            Ticket(
                "day 1/acme.png",
                1,
                vendor="Müller Sand",
                ticket_number="M-7",
                date=dt.date(2026, 11, 2),
                quantity=3.0,
                unit="LOADS",
                confidence=0.9,
                needs_review=False,
            ),
            Ticket(
                "day 1/acme.png",
                2,
                vendor="Müller Sand",
                ticket_number="M-7",
                date=dt.date(2026, 11, 2),
                quantity=3.0,
                unit="LOADS",
                confidence=0.9,
                needs_review=True,
                review_reasons=["DUPLICATE_TICKET"],
                duplicate_of="day 1/acme.png p.1",
            ),
        ]
    errors = [
        FileError("broken.pdf", ErrorKind.CORRUPT, "PDFium: data format error", 1),
        FileError("slow.tif", ErrorKind.TIMEOUT, "Tesseract took longer than 120 s", 3, page=2),
    ]
    summary = RunSummary(
        run_id=42, status="partial", input_dir=str(input_dir), files_total=4, files_done=2,
        files_failed=2, pages=5, pages_ocr=5, tickets=len(tickets),
        needs_review=sum(t.needs_review for t in tickets), duration_s=75.0,
        pages_per_minute=4.0, device="cpu", tesseract_version="5.3.4",
        started_at="2026-11-23T15:30:00", finished_at="2026-11-23T15:31:15", job="J-17",
        settings=Settings(workers=2, job="J-17").to_json(), app_version="0.1.0",
    )  # fmt: skip
    return ExportData(summary=summary, tickets=tickets, errors=errors, input_dir=str(input_dir))


def rows(ws) -> list[list]:
    return [list(r) for r in ws.iter_rows(values_only=True)]


def test_workbook_sheets_header_types_and_view(tmp_path: pathlib.Path) -> None:
    data = sample_data(tmp_path / "scans")
    result = write_outputs(data, tmp_path / "out")
    path = result.files["tickets.xlsx"]
    assert path == tmp_path / "out" / "tickets.xlsx"
    wb = load_workbook(path)
    assert wb.sheetnames[:4] == ["Tickets", "Review", "Errors", "Summary"]

    ws = wb["Tickets"]
    header = [c.value for c in ws[1]]
    assert header[: len(CONTRACT_HEADER)] == CONTRACT_HEADER
    col = {name: i for i, name in enumerate(header)}
    assert ws.max_row == 1 + len(data.tickets)
    first = ws[2]
    date_cell = first[col["Date"]]
    assert date_cell.is_date and date_cell.value.date() == dt.date(2026, 11, 2)
    for name, expected in [("Page", 1), ("Quantity", 22.5), ("Gross lb", 75000),
                           ("Net lb", 45000), ("Confidence", 0.97)]:  # fmt: skip
        cell = first[col[name]]
        assert cell.data_type == "n" and cell.value == expected, name
    assert first[col["Ticket Number"]].value == "G-1001"
    assert [r[col["Needs Review"]].value for r in ws.iter_rows(min_row=2)] == [
        "No", "Yes", "No", "Yes"
    ]  # fmt: skip
    assert "HANDWRITTEN" in ws.cell(3, col["Review Reasons"] + 1).value

    # the header stays in view and every column can be filtered
    assert ws.freeze_panes == "A2"
    last = ws.cell(1, len(header)).column_letter
    assert ws.auto_filter.ref == f"A1:{last}{1 + len(data.tickets)}"
    assert ws.column_dimensions["A"].width > ws.column_dimensions["B"].width

    # Source File opens the scan it came from
    link = first[0].hyperlink
    assert link is not None and link.target.startswith("file:")
    target = pathlib.Path(urllib.request.url2pathname(urllib.parse.urlparse(link.target).path))
    assert target.read_bytes() == b"%PDF-1.4 stand-in"
    assert target.name == "granite 001.pdf"


def test_review_errors_and_summary_sheets(tmp_path: pathlib.Path) -> None:
    data = sample_data(tmp_path / "scans")
    wb = load_workbook(write_outputs(data, tmp_path / "out").files["tickets.xlsx"])

    review = rows(wb["Review"])
    assert review[0][: len(CONTRACT_HEADER)] == CONTRACT_HEADER
    assert [(r[0], r[1]) for r in review[1:]] == [
        ("day 1/granite 001.pdf", 2), ("day 1/acme.png", 2)
    ]  # fmt: skip
    what = review[0].index("What To Check")
    assert "handwritten" in review[1][what]
    assert wb["Review"].freeze_panes == "A2"

    errors = rows(wb["Errors"])
    assert errors[0][:5] == ["Source File", "Page", "Error Kind", "Message", "Attempts"]
    assert errors[1][:5] == ["broken.pdf", None, "corrupt", "PDFium: data format error", 1]
    assert errors[2][:5] == ["slow.tif", 2, "timeout", "Tesseract took longer than 120 s", 3]

    summary = rows(wb["Summary"])
    flat = [r for r in summary if r and r[0] is not None]
    by_label = {r[0]: r for r in flat}
    assert by_label["Status"][1] == "partial"
    assert by_label["Device"][1] == "cpu"
    assert by_label["workers"][1] == 2  # the settings used
    vendor_header = next(i for i, r in enumerate(summary) if r[0] == "Vendor")
    granite = summary[vendor_header + 1]
    # 22.5 tons printed + 40,000 lb / 2000 for the yards ticket; 2 tickets, 2 loads
    assert granite[:5] == ["Granite Rock", 2, 42.5, 12, 2]
    muller = summary[vendor_header + 2]
    # the duplicate scan is left out: one ticket of 3 loads, not two
    assert muller[:5] == ["Müller Sand", 1, 0, 0, 3]
    total = summary[vendor_header + 3]
    assert total[:5] == ["Total", 3, 42.5, 12, 5]
    day_header = next(i for i, r in enumerate(summary) if r[0] == "Date")
    nov2 = summary[day_header + 1]
    assert nov2[0].date() == dt.date(2026, 11, 2) and nov2[1:3] == [2, 22.5]


HOSTILE = [
    '=HYPERLINK("http://evil.example","click")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "=1+1",
    "#N/A",
]


def test_injection_strings_stay_text(tmp_path: pathlib.Path) -> None:
    tickets = [
        Ticket("a.pdf", i + 1, vendor=v, ticket_number=v, truck=v, hauler=v, material=v,
               manifest=v, job=v, needs_review=True, review_reasons=["LOW_CONFIDENCE"])
        for i, v in enumerate(HOSTILE)
    ]  # fmt: skip
    data = sample_data(tmp_path / "scans", tickets)
    data.errors.append(FileError("=evil.pdf", ErrorKind.CORRUPT, "=1+1", 1))
    out = write_outputs(data, tmp_path / "out")
    path = out.files["tickets.xlsx"]

    wb = load_workbook(path)
    ws = wb["Tickets"]
    for row, value in zip(ws.iter_rows(min_row=2), HOSTILE, strict=True):
        for idx in (2, 3, 5, 6, 7, 13, 14):  # Vendor, Ticket Number, Truck, ... Job
            assert row[idx].value == value
            assert row[idx].data_type == "s"
    assert wb["Errors"]["A4"].value == "=evil.pdf"
    # no formula anywhere in the file, whatever openpyxl would infer on reading
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in z.read(name) and b"<f " not in z.read(name)

    with open(out.files["review_queue.csv"], encoding="utf-8-sig", newline="") as fh:
        review = list(csv.reader(fh))
    for row, value in zip(review[1:], HOSTILE, strict=True):
        assert row[2] in (f"'{value}", value)
        assert row[2].lstrip("'") == value
    for row in review:
        for field in row:
            assert not field.startswith(("=", "+", "-", "@")), row
    errors_csv = out.files["errors.csv"].read_text(encoding="utf-8-sig")
    assert "'=evil.pdf" in errors_csv and "'=1+1" in errors_csv


def test_control_characters_long_text_and_non_ascii(tmp_path: pathlib.Path) -> None:
    long = "9" * 100_000
    tickets = [
        Ticket("é/Straße 1.pdf", 1, vendor="Acme\x00\x07 Rock\x1b", ticket_number=long,
               material="Kies – Ø 16 mm 砂利", hauler="line1\nline2\ttab"),
    ]  # fmt: skip
    data = sample_data(tmp_path / "scans", tickets)
    out = write_outputs(data, tmp_path / "out")
    assert out.warnings == []
    ws = load_workbook(out.files["tickets.xlsx"])["Tickets"]
    assert ws["C2"].value == "Acme Rock"
    assert 30_000 < len(ws["D2"].value) <= 32_767  # Excel's cell limit
    assert ws["H2"].value == "Kies – Ø 16 mm 砂利"
    assert ws["G2"].value == "line1\nline2\ttab"
    assert ws["A2"].value == "é/Straße 1.pdf"
    assert "%C3%9F" in ws["A2"].hyperlink.target  # the link is a valid URI


def test_empty_run_still_writes_every_output(tmp_path: pathlib.Path) -> None:
    data = sample_data(tmp_path / "scans", [])
    out = write_outputs(data, tmp_path / "out")
    assert set(out.files) == {
        "tickets.xlsx", "review_queue.csv", "errors.csv", "run_report.pdf", "summary.json"
    }  # fmt: skip
    for path in out.files.values():
        assert path.is_file() and path.stat().st_size > 0
    wb = load_workbook(out.files["tickets.xlsx"])
    assert [c.value for c in wb["Tickets"][1]][:18] == CONTRACT_HEADER
    assert wb["Tickets"].max_row == 1
    assert wb["Review"].max_row == 1
    assert any(r[0] == "No tickets were found in this run." for r in rows(wb["Summary"]))


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_opens_the_workbook(tmp_path: pathlib.Path) -> None:
    data = sample_data(tmp_path / "scans")
    data.tickets.append(Ticket("evil.pdf", 1, vendor="=1+1", ticket_number="@SUM(2,3)"))
    out = write_outputs(data, tmp_path / "out")
    conv = tmp_path / "conv"
    proc = subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path / 'lo'}",
         "--convert-to", "csv", "--outdir", str(conv), str(out.files["tickets.xlsx"])],
        capture_output=True, text=True, timeout=180,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    text = (conv / "tickets.csv").read_text(encoding="utf-8", errors="replace")
    assert "G-1001" in text and "2026-11-02" in text
    # LibreOffice reads the scan's "=1+1" as text: it is not computed to 2
    assert "=1+1" in text and "@SUM(2,3)" in text
    assert "error" not in proc.stderr.lower()
