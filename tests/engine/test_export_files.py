"""Outputs are atomic and never lost; CSVs open right in Excel; summary.json; output folders."""

from __future__ import annotations

import csv
import datetime as dt
import errno
import io
import json
import os
import pathlib

import openpyxl
import platformdirs
import pytest
from openpyxl import load_workbook

from engine.export import default_output_dir, write_outputs
from engine.models import OutputNotWritable
from tests.engine.test_export_workbook import sample_data

real_save = openpyxl.Workbook.save
OUTPUTS = {"tickets.xlsx", "review_queue.csv", "errors.csv", "run_report.pdf", "summary.json"}


def _leftovers(folder: pathlib.Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name not in OUTPUTS)


def test_interrupted_write_leaves_previous_workbook_intact(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = sample_data(tmp_path / "scans")
    out = tmp_path / "out"
    first = write_outputs(data, out)
    before = first.files["tickets.xlsx"].read_bytes()

    def crash_midway(self: openpyxl.Workbook, filename: str) -> None:
        real_save(self, io.BytesIO())  # let openpyxl finish its streams, then "crash"
        with open(filename, "wb") as fh:
            fh.write(b"PK\x03\x04 half a zip")
        raise KeyboardInterrupt  # the app is killed halfway through the save

    data.tickets = data.tickets[:1]
    monkeypatch.setattr(openpyxl.Workbook, "save", crash_midway)
    with pytest.raises(KeyboardInterrupt):
        write_outputs(data, out)

    assert (out / "tickets.xlsx").read_bytes() == before
    assert load_workbook(out / "tickets.xlsx")["Tickets"].max_row == 5
    assert _leftovers(out) == []  # no half-written temp file either


def test_broken_workbook_writer_does_not_cost_the_other_outputs(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def boom(self: openpyxl.Workbook, filename: str) -> None:
        real_save(self, io.BytesIO())
        raise ValueError("simulated bug")

    monkeypatch.setattr(openpyxl.Workbook, "save", boom)
    result = write_outputs(sample_data(tmp_path / "scans"), tmp_path / "out")
    assert "tickets.xlsx" not in result.files
    assert any("tickets.xlsx could not be written" in w for w in result.warnings)
    assert set(result.files) == OUTPUTS - {"tickets.xlsx"}
    assert _leftovers(tmp_path / "out") == []


def test_disk_full_raises_output_not_writable_and_keeps_previous(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = sample_data(tmp_path / "scans")
    out = tmp_path / "out"
    write_outputs(data, out)
    before = (out / "tickets.xlsx").read_bytes()

    def disk_full(self: openpyxl.Workbook, filename: str) -> None:
        real_save(self, io.BytesIO())
        with open(filename, "wb") as fh:
            fh.write(b"PK")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(openpyxl.Workbook, "save", disk_full)
    with pytest.raises(OutputNotWritable, match="disk is full"):
        write_outputs(data, out)
    assert (out / "tickets.xlsx").read_bytes() == before
    assert _leftovers(out) == []


def test_workbook_open_in_excel_is_saved_under_a_new_name(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = sample_data(tmp_path / "scans")
    out = tmp_path / "out"
    write_outputs(data, out)
    before = (out / "tickets.xlsx").read_bytes()
    real_replace = os.replace

    def locked(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        # what Windows does while Excel holds the workbook open
        if pathlib.Path(dst).name == "tickets.xlsx":
            raise PermissionError(13, "The process cannot access the file", str(dst))
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", locked)
    data.tickets = data.tickets[:2]
    result = write_outputs(data, out)

    written = result.files["tickets.xlsx"]
    assert written == out / "tickets (2).xlsx"
    assert load_workbook(written)["Tickets"].max_row == 3  # the new export, complete
    assert (out / "tickets.xlsx").read_bytes() == before  # the open one, untouched
    assert len(result.warnings) == 1
    assert "open in another program" in result.warnings[0]
    assert "tickets (2).xlsx" in result.warnings[0]
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["outputs"]["tickets.xlsx"] == "tickets (2).xlsx"
    assert summary["export_warnings"] == result.warnings

    # still open at the next export: an earlier fallback is never overwritten either
    again = write_outputs(data, out)
    assert again.files["tickets.xlsx"] == out / "tickets (3).xlsx"
    assert _leftovers(out) == ["tickets (2).xlsx", "tickets (3).xlsx"]


def test_output_folder_that_cannot_exist_raises_plainly(tmp_path: pathlib.Path) -> None:
    blocker = tmp_path / "a file"
    blocker.write_text("not a folder")
    with pytest.raises(OutputNotWritable, match="Could not create the output folder"):
        write_outputs(sample_data(tmp_path / "scans"), blocker / "out")


def test_csv_files_are_utf8_with_bom_for_excel(tmp_path: pathlib.Path) -> None:
    result = write_outputs(sample_data(tmp_path / "scans"), tmp_path / "out")

    raw = result.files["errors.csv"].read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    with open(result.files["errors.csv"], encoding="utf-8-sig", newline="") as fh:
        errors = list(csv.reader(fh))
    assert errors[0] == ["Source File", "Error Kind", "Message", "Attempts"]
    assert errors[1] == ["broken.pdf", "corrupt", "PDFium: data format error", "1"]
    assert errors[2] == ["slow.tif", "timeout", "Page 2: Tesseract took longer than 120 s", "3"]

    assert result.files["review_queue.csv"].read_bytes().startswith(b"\xef\xbb\xbf")
    with open(result.files["review_queue.csv"], encoding="utf-8-sig", newline="") as fh:
        review = list(csv.DictReader(fh))
    assert [(r["Source File"], r["Page"]) for r in review] == [
        ("day 1/granite 001.pdf", "2"), ("day 1/acme.png", "2")
    ]  # fmt: skip
    assert review[0]["Date"] == "2026-11-03"
    assert review[0]["Net lb"] == "40000"
    assert review[0]["Review Reasons"] == "LOW_CONFIDENCE; HANDWRITTEN"
    assert review[1]["Vendor"] == "Müller Sand"


def test_summary_json_carries_the_run(tmp_path: pathlib.Path) -> None:
    data = sample_data(tmp_path / "scans")
    data.summary.pages_per_minute = float("nan")  # a zero-length run must still give valid JSON
    result = write_outputs(data, tmp_path / "out")
    obj = json.loads(result.files["summary.json"].read_text(encoding="utf-8"))
    keys = ["run_id", "status", "files_total", "files_done", "files_failed", "files_skipped",
            "pages", "pages_ocr", "tickets", "needs_review", "duration_s", "pages_per_minute",
            "device", "tesseract_version", "settings", "app_version"]  # fmt: skip
    assert [k for k in keys if k not in obj] == []
    assert obj["run_id"] == 42 and obj["status"] == "partial" and obj["tickets"] == 4
    assert obj["pages_per_minute"] is None
    assert obj["settings"]["workers"] == 2
    assert obj["output_dir"] == str(tmp_path / "out")
    assert set(obj["outputs"]) == OUTPUTS


def test_default_output_dir_is_timestamped_under_documents(tmp_path: pathlib.Path) -> None:
    now = dt.datetime(2026, 11, 23, 15, 30)
    path = default_output_dir(tmp_path / "Scans: Nov*23", now)
    assert path.parent == pathlib.Path(platformdirs.user_documents_dir()) / "Haulbook"
    assert path.name == "2026-11-23 1530 Scans_ Nov_23"

    root = tmp_path / "docs"
    first = default_output_dir(tmp_path / "daily", now, root=root)
    assert first == root / "2026-11-23 1530 daily"
    assert not first.exists()
    write_outputs(sample_data(tmp_path / "scans"), first)
    # a second run in the same minute gets its own folder
    assert default_output_dir(tmp_path / "daily", now, root=root) == root / (
        "2026-11-23 1530 daily (2)"
    )


def test_stale_temp_files_from_a_crash_are_cleaned(tmp_path: pathlib.Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    stale = out / "~tickets.xlsx.deadbeef.haulbook.tmp"
    stale.write_bytes(b"half")
    old = 1_000_000_000
    os.utime(stale, (old, old))
    write_outputs(sample_data(tmp_path / "scans"), out)
    assert not stale.exists()
