"""The command line on generated folders: what an operator or a script sees."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import sqlite3
import struct
import subprocess
import sys
import time
import zlib
from pathlib import Path

import openpyxl
from PIL import Image

from tests import ticketgen
from tests.conftest import ROOT, age, make_ticket_folder, printed_spec, run_cli

REAL_TESSERACT = "/usr/bin/tesseract"
HEADER = [
    "Source File", "Page", "Vendor", "Ticket Number", "Date", "Truck", "Hauler", "Material",
    "Quantity", "Unit", "Gross lb", "Tare lb", "Net lb", "Manifest", "Job", "Confidence",
    "Needs Review", "Review Reasons",
]  # fmt: skip


def read_tickets(out: Path) -> list[dict]:
    wb = openpyxl.load_workbook(out / "tickets.xlsx")
    ws = wb["Tickets"]
    rows = list(ws.iter_rows(values_only=True))
    header = list(rows[0])
    assert header[: len(HEADER)] == HEADER
    return [dict(zip(header, r, strict=False)) for r in rows[1:] if any(v is not None for v in r)]


def read_errors(out: Path) -> dict[str, str]:
    text = (out / "errors.csv").read_text(encoding="utf-8-sig")
    return {row["Source File"]: row["Error Kind"] for row in csv.DictReader(io.StringIO(text))}


def numbers_by_file(rows: list[dict]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for r in rows:
        out.setdefault(r["Source File"], []).append(str(r["Ticket Number"]))
    return {k: sorted(v) for k, v in out.items()}


def test_mixed_folder_reads_every_ticket_number(mixed_folder, cli, tmp_path):
    root, expected = mixed_folder
    out = tmp_path / "out"
    res = cli("run", str(root), "--out", str(out), "--json", "--workers", "2")
    assert res.code == 0, res.stderr
    got = numbers_by_file(read_tickets(out))
    assert got == {k: sorted(v) for k, v in expected.items()}
    summary = res.summary
    assert summary["files_total"] == 6 and summary["files_done"] == 6
    assert summary["pages"] == 8
    # the digital PDF is read from its text layer, not through Tesseract
    assert summary["pages_ocr"] == 7
    assert summary["device"] == "cpu"
    assert summary["tesseract_version"].startswith("5")
    rows = read_tickets(out)
    pages = {(r["Source File"], r["Page"]) for r in rows}
    assert ("multi.tif", 2) in pages and ("sub folder/scan two pages.pdf", 2) in pages


def _png_header_only(width: int, height: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


def make_bad_folder(root: Path) -> None:
    from reportlab.pdfgen import canvas

    root.mkdir(parents=True)
    good = root / "good.png"
    ticketgen.render_ticket(printed_spec("555123"), ticketgen.Style(dpi=150)).save(good)
    (root / "empty.pdf").write_bytes(b"")
    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.drawString(100, 700, "Ticket No. 12345")
    c.showPage()
    c.save()
    (root / "truncated.pdf").write_bytes(buf.getvalue()[: len(buf.getvalue()) // 3])
    locked = canvas.Canvas(str(root / "locked.pdf"), encrypt="secret")
    locked.drawString(100, 700, "Ticket No. 99999")
    locked.showPage()
    locked.save()
    (root / "notes.jpg").write_text("this is not a picture\n" * 20)
    (root / "huge.png").write_bytes(_png_header_only(60000, 60000))
    tif = io.BytesIO()
    Image.new("RGB", (400, 300), (200, 180, 20)).save(tif, "TIFF")
    data = bytearray(tif.getvalue())
    (root / "broken.tif").write_bytes(bytes(data[:200]))
    (root / "photo.heic").write_bytes(b"\x00\x00\x00\x18ftypheic" + b"\x00" * 100)
    (root / "plan.djvu").write_bytes(b"AT&TFORM\x00\x00\x00\x10DJVU" + b"\x00" * 100)
    (root / "November tickets.zip").write_bytes(b"PK\x05\x06" + b"\x00" * 18)
    (root / "FW Ticket 4471.msg").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500)
    # junk every scan folder collects: never listed anywhere
    for junk in (
        "Thumbs.db",
        "desktop.ini",
        ".DS_Store",
        "~$tickets.xlsx",
        "scan.tmp",
        ".hidden.png",
    ):
        (root / junk).write_bytes(b"junk")
    (root / "notes.txt").write_text("pick up Tuesday")  # not a scan: left alone
    for path in root.iterdir():
        age(path)


def test_bad_files_get_their_own_error_kind_and_the_run_goes_on(cli, tmp_path, data_dir):
    root = tmp_path / "bad"
    make_bad_folder(root)
    out = tmp_path / "out"
    res = cli("run", str(root), "--out", str(out), "--json", "--retries", "1")
    assert res.code == 1, res.stderr
    errors = read_errors(out)
    assert errors == {
        "empty.pdf": "empty",
        "truncated.pdf": "corrupt",
        "locked.pdf": "encrypted",
        "notes.jpg": "not_an_image",
        "huge.png": "too_large",
        "broken.tif": "corrupt",
        "photo.heic": "corrupt",
        "plan.djvu": "unsupported",
        "November tickets.zip": "unsupported",
        "FW Ticket 4471.msg": "unsupported",
    }
    listed = (out / "errors.csv").read_text(encoding="utf-8-sig")
    assert "archive: the tickets inside it are not read. Extract it" in listed
    assert "saved e-mail: its attachments are not read" in listed
    rows = read_tickets(out)
    assert [r["Ticket Number"] for r in rows] == ["555123"]
    everything = (out / "errors.csv").read_text(encoding="utf-8-sig") + res.stderr + res.stdout
    for name in (
        "Thumbs.db",
        "desktop.ini",
        ".DS_Store",
        "~$tickets",
        "scan.tmp",
        ".hidden",
        "notes.txt",
    ):
        assert name not in everything
    db = sqlite3.connect(data_dir / "haulbook.sqlite3")
    stored = {r[0] for r in db.execute("SELECT rel_path FROM files")}
    assert stored == set(errors) | {"good.png"}
    assert res.summary["files_failed"] == 10 and res.summary["files_done"] == 1


def test_second_run_of_unchanged_folder_ocrs_nothing_and_changed_file_is_redone(cli, tmp_path):
    root = tmp_path / "in"
    expected = make_ticket_folder(root, count=2)
    first = cli("run", str(root), "--out", str(tmp_path / "o1"), "--json")
    assert first.code == 0, first.stderr
    assert first.summary["pages_ocr"] == 2
    # The operator keeps this run's outputs inside the scans folder: the next run must not
    # read them back (the report is a PDF).
    inside = root / "Haulbook output"
    second = cli("run", str(root), "--out", str(inside), "--json")
    assert second.code == 0, second.stderr
    assert second.summary["pages_ocr"] == 0
    assert second.summary["files_skipped"] == 2
    assert second.summary["run_id"] != first.summary["run_id"]
    # the unchanged files' tickets are still in the new workbook, without duplicate flags
    rows = read_tickets(inside)
    assert numbers_by_file(rows) == expected
    assert not any("DUPLICATE_TICKET" in (r["Review Reasons"] or "") for r in rows)
    # a changed file is read again, the other is not
    name = sorted(expected)[0]
    spec = printed_spec("424242", "quarry", seed=9)
    ticketgen.render_ticket(spec, ticketgen.Style(dpi=150)).save(root / name)
    age(root / name, 30)
    third = cli("run", str(root), "--out", str(tmp_path / "o3"), "--json")
    assert third.summary["pages_ocr"] == 1 and third.summary["files_skipped"] == 1
    assert third.summary["files_total"] == 2 and third.summary["tickets"] == 2
    assert numbers_by_file(read_tickets(tmp_path / "o3"))[name] == ["424242"]


def test_a_store_damaged_between_runs_stops_one_run_plainly_and_the_next_puts_its_copy_back(
    cli, tmp_path, data_dir
):
    root = tmp_path / "in"
    expected = make_ticket_folder(root, count=2)
    assert cli("run", str(root), "--out", str(tmp_path / "o1")).code == 0
    db = data_dir / "haulbook.sqlite3"
    conn = sqlite3.connect(db)
    (page,) = conn.execute("SELECT rootpage FROM sqlite_master WHERE name='tickets'").fetchone()
    (size,) = conn.execute("PRAGMA page_size").fetchone()
    conn.close()
    with db.open("r+b") as f:  # what a failing disk leaves
        f.seek((page - 1) * size)
        f.write(b"\xa5" * size)

    stopped = cli("run", str(root), "--out", str(tmp_path / "o2"))
    assert stopped.code == 4
    assert "is damaged" in stopped.stderr and "run the command again" in stopped.stderr
    assert "disk space" not in stopped.stderr and "Traceback" not in stopped.stderr

    again = cli("run", str(root), "--out", str(tmp_path / "o3"), "--json")
    assert again.code == 0, again.stderr
    assert "set aside" in again.stderr and "copy of" in again.stderr
    # The copy made when the first run ended knows both files: nothing is read again.
    assert again.summary["pages_ocr"] == 0 and again.summary["files_skipped"] == 2
    assert numbers_by_file(read_tickets(tmp_path / "o3")) == expected
    assert list(data_dir.glob("haulbook.sqlite3.damaged-*"))


def _counting_tesseract(tmp_path: Path, log: Path) -> Path:
    """Notes every read: a one-shot call's arguments, or each page a warm process is sent
    (and its blank sentinel pages, which `_reads` does not count)."""
    script = tmp_path / "tesseract"
    script.write_text(
        "#!/bin/sh\n"
        'case "$*" in\n'
        "  *--version*|*--list-langs*) ;;\n"
        f'  *stream_filelist*) tee -a {log} | {REAL_TESSERACT} "$@"; exit ;;\n'
        f'  *) echo "$*" >> {log} ;;\n'
        "esac\n"
        f'exec {REAL_TESSERACT} "$@"\n'
    )
    script.chmod(0o755)
    return script


def _reads(log: Path) -> int:
    return sum("sentinel" not in line for line in log.read_text().splitlines())


def test_sigkill_mid_run_then_resume_gives_the_same_tickets_once(tmp_path):
    root = tmp_path / "in"
    make_ticket_folder(root, count=6)
    clean_log, killed_log = tmp_path / "clean.log", tmp_path / "killed.log"
    base = {"PYTHONPATH": str(ROOT), "HAULBOOK_DEVICE": "cpu", "QT_QPA_PLATFORM": "offscreen"}

    for sub in ("c", "k"):
        (tmp_path / sub).mkdir()
    clean_tess = _counting_tesseract(tmp_path / "c", clean_log)
    clean_env = dict(os.environ, **base, HAULBOOK_DATA_DIR=str(tmp_path / "clean"))
    clean_env["HAULBOOK_TESSERACT"] = str(clean_tess)
    args = [sys.executable, str(ROOT / "main.py"), "run", str(root), "--workers", "1"]
    done = subprocess.run([*args, "--out", str(tmp_path / "clean_out")], env=clean_env,
                          capture_output=True, text=True, timeout=300)  # fmt: skip
    assert done.returncode == 0, done.stderr

    kill_tess = _counting_tesseract(tmp_path / "k", killed_log)
    kill_env = dict(os.environ, **base, HAULBOOK_DATA_DIR=str(tmp_path / "killed"))
    kill_env["HAULBOOK_TESSERACT"] = str(kill_tess)
    proc = subprocess.Popen([*args, "--out", str(tmp_path / "k_out")], env=kill_env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    db_path = tmp_path / "killed" / "haulbook.sqlite3"
    deadline = time.monotonic() + 120
    committed = 0
    while time.monotonic() < deadline and committed < 2:
        time.sleep(0.2)
        if db_path.exists():
            try:
                with sqlite3.connect(db_path, timeout=1) as db:
                    committed = db.execute("SELECT COUNT(*) FROM pages").fetchone()[0]
            except sqlite3.Error:
                pass
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert 2 <= committed < 6, "the kill must land mid-run"

    resumed = subprocess.run([*args, "--out", str(tmp_path / "k_out")], env=kill_env,
                             capture_output=True, text=True, timeout=300)  # fmt: skip
    assert resumed.returncode == 0, resumed.stderr
    assert "Resuming" in resumed.stderr
    clean_rows = read_tickets(tmp_path / "clean_out")
    resumed_rows = read_tickets(tmp_path / "k_out")
    key = lambda r: (r["Source File"], r["Page"], str(r["Ticket Number"]))  # noqa: E731
    assert sorted(map(key, resumed_rows)) == sorted(map(key, clean_rows))
    assert len(resumed_rows) == len({key(r) for r in resumed_rows}) == 6
    # committed pages were not read again: at most the one page in flight was redone
    clean_calls, killed_calls = _reads(clean_log), _reads(killed_log)
    assert clean_calls >= 6, "every page was read, and noted"
    assert "haulbook_warm_" in clean_log.read_text(), "pages went to a warm process"
    per_page = clean_calls / 6
    assert killed_calls <= clean_calls + per_page + 2


def _fake_tesseract(tmp_path: Path, body: str) -> str:
    script = tmp_path / "fake-tesseract"
    script.write_text(
        f'#!/bin/sh\ncase "$*" in *--version*|*--list-langs*) exec {REAL_TESSERACT} "$@" ;; esac\n'
        + body
    )
    script.chmod(0o755)
    return str(script)


def test_hanging_tesseract_is_timed_out(cli, tmp_path):
    root = tmp_path / "in"
    make_ticket_folder(root, count=1)
    fake = _fake_tesseract(tmp_path, "exec sleep 60\n")
    out = tmp_path / "out"
    started = time.monotonic()
    res = cli("run", str(root), "--out", str(out), "--timeout", "1", "--retries", "1",
              env={"HAULBOOK_TESSERACT": fake})  # fmt: skip
    assert res.code == 1, res.stderr
    assert time.monotonic() - started < 50, "the hung Tesseract must be killed, not waited for"
    assert list(read_errors(out).values()) == ["timeout"]
    text = (out / "errors.csv").read_text(encoding="utf-8-sig")
    assert ",2\r\n" in text or ",2\n" in text  # two attempts: the first and one retry


def test_tesseract_crashing_once_succeeds_on_retry(cli, tmp_path, data_dir):
    root = tmp_path / "in"
    expected = make_ticket_folder(root, count=1)
    marker = tmp_path / "crashed-once"
    fake = _fake_tesseract(
        tmp_path,
        f"if [ ! -e {marker} ]; then touch {marker}; kill -SEGV $$; fi\n"
        f'exec {REAL_TESSERACT} "$@"\n',
    )
    out = tmp_path / "out"
    res = cli("run", str(root), "--out", str(out), "--json", env={"HAULBOOK_TESSERACT": fake})
    assert res.code == 0, res.stderr
    assert marker.exists()
    assert numbers_by_file(read_tickets(out)) == expected
    assert read_errors(out) == {}
    db = sqlite3.connect(data_dir / "haulbook.sqlite3")
    assert db.execute("SELECT attempts FROM files").fetchone()[0] == 2


def test_a_tesseract_that_crashes_on_every_page_stops_the_run_with_exit_3(cli, tmp_path):
    root = tmp_path / "in"
    make_ticket_folder(root, count=7)
    fake = _fake_tesseract(tmp_path, "kill -SEGV $$\n")
    out = tmp_path / "out"
    res = cli("run", str(root), "--out", str(out), "--json", "--retries", "0",
              env={"HAULBOOK_TESSERACT": fake})  # fmt: skip
    assert res.code == 3, res.stderr
    assert "not working on this computer" in res.stderr and "--self-test" in res.stderr
    assert res.summary["status"] == "failed"
    assert len(read_errors(out)) < 7  # not one line for every page of the folder


def test_missing_tesseract_exits_3_with_install_advice(cli, tmp_path):
    root = tmp_path / "in"
    root.mkdir()
    res = cli(
        "run",
        str(root),
        "--out",
        str(tmp_path / "o"),
        env={"HAULBOOK_TESSERACT": "/nope/tesseract"},
    )
    assert res.code == 3
    assert "Tesseract" in res.stderr and "install" in res.stderr.lower()


def test_a_tesseract_without_its_english_data_exits_3_before_any_page(cli, tmp_path):
    """A broken install (its language data removed, or not chosen): one plain message, not
    Tesseract's own error on every page after retries."""
    root = tmp_path / "in"
    make_ticket_folder(root, count=1)
    empty = tmp_path / "tessdata"
    empty.mkdir()
    script = tmp_path / "tesseract"
    script.write_text(f'#!/bin/sh\nexport TESSDATA_PREFIX={empty}\nexec {REAL_TESSERACT} "$@"\n')
    script.chmod(0o755)
    res = cli(
        "run", str(root), "--out", str(tmp_path / "o"), env={"HAULBOOK_TESSERACT": str(script)}
    )
    assert res.code == 3
    assert "English language data (eng.traineddata)" in res.stderr
    assert "Failed loading language" not in res.stderr and "Traceback" not in res.stderr
    assert not (tmp_path / "o" / "tickets.xlsx").exists()


def test_bad_arguments_and_unwritable_output(cli, tmp_path):
    assert cli("run", str(tmp_path / "missing")).code == 2
    assert cli("run", str(tmp_path), "--workers", "0").code == 2
    assert cli("frobnicate").code == 2
    if os.geteuid() == 0:
        target = Path("/proc/haulbook-out")  # not writable even for root
    else:
        target = tmp_path / "ro"
        target.mkdir()
        target.chmod(0o500)
    root = tmp_path / "in"
    root.mkdir()
    res = cli("run", str(root), "--out", str(target / "x"))
    assert res.code == 4
    assert "cannot be written" in res.stderr


def test_version_and_runs_ledger(cli, tmp_path):
    res = cli("--version")
    assert res.code == 0 and "haulbook" in res.stdout
    root = tmp_path / "in"
    make_ticket_folder(root, count=1)
    assert cli("run", str(root), "--out", str(tmp_path / "o")).code == 0
    listing = cli("runs")
    assert listing.code == 0 and str(root) in listing.stdout and "completed" in listing.stdout
    import json

    runs = json.loads(cli("runs", "--json").stdout)
    assert runs[0]["tickets"] == 1 and runs[0]["status"] == "completed"


def test_a_damaged_page_of_a_multipage_tiff_loses_only_that_page(cli, tmp_path):
    root = tmp_path / "in"
    root.mkdir()
    pages = [
        ticketgen.render_ticket(printed_spec(n, lay, seed=i)).convert("L")
        for i, (n, lay) in enumerate(
            [("640101", "landfill"), ("640102", "quarry"), ("640103", "asphalt")]
        )  # fmt: skip
    ]
    path = root / "batch.tif"
    pages[0].save(path, save_all=True, append_images=pages[1:], compression="tiff_lzw")
    with Image.open(path) as img:
        img.seek(1)
        strips = list(zip(img.tag_v2[273], img.tag_v2[279], strict=True))
    data = bytearray(path.read_bytes())
    for offset, count in strips:
        data[offset : offset + count] = b"\xff" * count  # the second page's pixels, garbled
    path.write_bytes(bytes(data))
    age(path)
    out = tmp_path / "out"
    res = cli("run", str(root), "--out", str(out), "--json")
    assert res.code == 1, res.stderr
    assert res.summary["status"] == "partial"  # two pages read: not a failed run
    assert [(r["Page"], r["Ticket Number"]) for r in read_tickets(out)] == [
        (1, "640101"), (3, "640103")]  # fmt: skip
    text = (out / "errors.csv").read_text(encoding="utf-8-sig")
    assert "batch.tif,corrupt,Page 2:" in text


def test_pages_that_give_no_ticket_are_listed_not_silently_dropped(cli, tmp_path):
    import pypdfium2 as pdfium

    root = tmp_path / "in"
    root.mkdir()
    ticketgen.render_ticket(printed_spec("640201")).save(root / "ticket.png")
    ticketgen.render_blank().save(root / "back_side.png")
    ticketgen.render_cover_letter().save(root / "letter.png")
    for p in root.iterdir():
        age(p)
    for run, out in enumerate((tmp_path / "out1", tmp_path / "out2")):
        res = cli("run", str(root), "--out", str(out), "--json")
        assert res.code == 0, res.stderr
        # The unchanged second run still knows, though it read nothing.
        assert res.summary["pages_without_ticket"] == 2, run
        assert res.summary["tickets"] == 1
    doc = pdfium.PdfDocument(str(out / "run_report.pdf"))
    report = "".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
    doc.close()
    assert "Pages with no ticket (2)" in report
    assert "back_side.png" in report and "letter.png" in report
    assert "Blank page" in report and "no ticket found" in report
    ws = openpyxl.load_workbook(out / "tickets.xlsx")["Summary"]
    names = ("back_side.png", "letter.png")
    listed = [r[0] for r in ws.iter_rows(values_only=True) if r and r[0] in names]
    assert sorted(listed) == ["back_side.png", "letter.png"]


def _slow_tesseract(tmp_path: Path) -> Path:
    script = tmp_path / "slow-tesseract"
    script.write_text(
        '#!/bin/sh\ncase "$*" in *--version*|*--list-langs*) ;; *) sleep 1 ;; esac\n'
        f'exec {REAL_TESSERACT} "$@"\n'
    )
    script.chmod(0o755)
    return script


def test_a_second_haulbook_on_a_folder_being_read_is_turned_away(tmp_path, data_dir):
    root = tmp_path / "in"
    expected = make_ticket_folder(root, count=3)
    slow = str(_slow_tesseract(tmp_path))
    env = dict(os.environ, PYTHONPATH=str(ROOT), HAULBOOK_DATA_DIR=str(data_dir),
               HAULBOOK_DEVICE="cpu", HAULBOOK_TESSERACT=slow)  # fmt: skip
    first = subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), "run", str(root), "--out", str(tmp_path / "o1"),
         "--workers", "1"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while not list((data_dir / "locks").glob("*.lock")) and time.monotonic() < deadline:
            time.sleep(0.1)
        time.sleep(0.5)  # the lock is taken as its file is made
        second = run_cli(["run", str(root), "--out", str(tmp_path / "o2")], env)
        assert second.code == 2, second.stderr
        assert "being read by another Haulbook" in second.stderr
    finally:
        out, err = first.communicate(timeout=120)
    assert first.returncode == 0, err
    assert numbers_by_file(read_tickets(tmp_path / "o1")) == expected
    # Once it is done, the folder is free again.
    third = run_cli(["run", str(root), "--out", str(tmp_path / "o3"), "--json"], env)
    assert third.code == 0 and json.loads(third.stdout.splitlines()[-1])["files_skipped"] == 3


def test_the_progress_line_gives_no_rate_before_a_page_is_read():
    """'0 pages/min' at the start of a run read as a stalled run."""

    from engine.cli import ProgressPrinter
    from engine.events import Progress

    out = io.StringIO()
    printer = ProgressPrinter(out)
    printer(Progress(0, 6, 0, 6, 0.0, None))
    printer.last = 0.0  # as if the interval between lines had passed
    printer(Progress(2, 6, 2, 6, 96.4, 2.5))
    first, second = out.getvalue().splitlines()
    assert "-- pages/min" in first and "ETA --" in first
    assert "96 pages/min" in second


def test_scans_under_names_that_say_nothing_are_read_and_other_files_left_alone(cli, tmp_path):
    """A scanner's numbered pages ('scan.001'), a file saved without an extension, a picture a
    browser saved as .jfif and a '.bak' copy of a PDF are tickets; a note without an
    extension is not, and is neither read nor listed as a problem."""
    root = tmp_path / "in"
    root.mkdir()
    pages = [ticketgen.render_ticket(printed_spec(n, seed=i), ticketgen.Style(dpi=150))
             for i, n in enumerate(("810011", "810022", "810033", "810044", "810055"))]  # fmt: skip
    pages[0].save(root / "scan.001", format="TIFF", save_all=True, append_images=[pages[1]])
    pages[2].save(root / "Ticket 810033", format="PNG")
    pages[3].convert("RGB").save(root / "portal download.jfif", format="JPEG", quality=85)
    ticketgen.write_scanned_pdf(root / "ticket.pdf.bak", [pages[4]], dpi=150)
    (root / "NOTES").write_text("called the scale house about 810099\n", encoding="utf-8")
    (root / "log.1").write_bytes(b"%PDF is what the portal sends\n")  # a note, not a PDF
    for f in root.iterdir():
        age(f)
    out = tmp_path / "out"
    res = cli("run", str(root), "--out", str(out), "--json", "--workers", "2")
    assert res.code == 0, res.stderr
    assert numbers_by_file(read_tickets(out)) == {
        "scan.001": ["810011", "810022"],
        "Ticket 810033": ["810033"],
        "portal download.jfif": ["810044"],
        "ticket.pdf.bak": ["810055"],
    }
    assert res.summary["files_total"] == 4 and read_errors(out) == {}
