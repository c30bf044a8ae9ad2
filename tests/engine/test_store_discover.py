"""The SQLite store and folder discovery, on real files."""

from __future__ import annotations

import os
import sqlite3
import threading
from pathlib import Path

import pytest
from PIL import Image

from engine import discover, documents, textlayer
from engine.models import (
    ErrorKind,
    FileTask,
    OutputNotWritable,
    PageError,
    PageResult,
    Settings,
    StoreDamaged,
    Ticket,
)
from engine.store import Store
from tests import ticketgen
from tests.conftest import SAMPLES, needs_samples, printed_spec


def _result(file_id: int, index: int, rel: str, vendor: str, number: str) -> PageResult:
    t = Ticket(rel, index + 1, vendor=vendor, ticket_number=number)
    t.needs_review = False
    return PageResult(file_id, index, "ocr", [t], ocr_used=True)


def test_page_commit_is_idempotent_and_duplicates_point_to_the_first(tmp_path):
    store = Store(tmp_path / "data")
    run = store.create_run("/in", Settings(), "cpu", "5.3", "0")
    a = store.register_file(run, FileTask("/in/a.png", "a.png", 1, 1.0))
    b = store.register_file(run, FileTask("/in/b.png", "b.png", 1, 1.0))
    first = store.commit_page(run, "/in", _result(a, 0, "a.png", "ACME ROCK", "1001"))
    assert first[0].ticket_id and not first[0].needs_review
    # a late duplicate of a retried task commits nothing
    assert store.commit_page(run, "/in", _result(a, 0, "a.png", "ACME ROCK", "1001")) == []
    dup = store.commit_page(run, "/in", _result(b, 0, "b.png", "Acme Rock", "1001"))
    assert "DUPLICATE_TICKET" in dup[0].review_reasons and dup[0].needs_review
    assert dup[0].duplicate_of == "a.png p.1"
    assert [t.ticket_number for t in store.tickets(run)] == ["1001", "1001"]
    assert store.summary(run).needs_review == 1


def test_a_duplicate_first_seen_in_another_folder_names_that_folder(tmp_path):
    """'Duplicate Of: b.pdf p.1' read as a file of this folder; it was another folder's."""
    store = Store(tmp_path / "data")
    day_b = store.create_run("/scans/day B", Settings(), "cpu", "5.3", "0")
    b = store.register_file(day_b, FileTask("/scans/day B/b.pdf", "b.pdf", 1, 1.0))
    store.commit_page(day_b, "/scans/day B", _result(b, 0, "b.pdf", "ACME ROCK", "1001"))
    day_a = store.create_run("/scans/day A", Settings(), "cpu", "5.3", "0")
    a = store.register_file(day_a, FileTask("/scans/day A/a.pdf", "a.pdf", 1, 1.0))
    (dup,) = store.commit_page(day_a, "/scans/day A", _result(a, 0, "a.pdf", "ACME ROCK", "1001"))
    assert dup.duplicate_of == str(Path("/scans/day B") / "b.pdf") + " p.1"


def test_two_tickets_of_one_page_are_both_kept_in_a_jobs_workbook(tmp_path):
    store = Store(tmp_path / "data")
    run = store.create_run("/in", Settings(job="J-9"), "cpu", "5.3", "0")
    f = store.register_file(run, FileTask("/in/glass.png", "glass.png", 1, 1.0))
    both = [Ticket("glass.png", 1, vendor="ACME ROCK", ticket_number=n) for n in ("1001", "1002")]
    store.commit_page(run, "/in", PageResult(f, 0, "ocr", both))
    job = store.export_data_for_job("J-9").tickets
    assert sorted(t.ticket_number for t in job) == ["1001", "1002"]
    assert not any(t.duplicate_of for t in store.tickets(run))


def test_corrections_are_stored_at_once_and_accepting_clears_review(tmp_path):
    store = Store(tmp_path / "data")
    run = store.create_run("/in", Settings(job="J-7"), "cpu", "5.3", "0")
    f = store.register_file(run, FileTask("/in/a.png", "a.png", 1, 1.0))
    t = Ticket("a.png", 1, vendor="X", ticket_number="77", needs_review=True)
    t.review_reasons = ["HANDWRITTEN"]
    store.commit_page(run, "/in", PageResult(f, 0, "ocr", [t]))
    tid = store.tickets(run)[0].ticket_id
    assert tid is not None
    with pytest.raises(ValueError):
        store.correct_ticket(tid, {"not_a_field; DROP TABLE tickets": 1}, accept=False)
    fixed = store.correct_ticket(tid, {"truck": "T-14", "quantity": 20.0}, accept=True)
    assert fixed.truck == "T-14" and fixed.quantity == 20.0 and not fixed.needs_review
    other = Store(tmp_path / "data")  # another connection (the window's) sees it at once
    assert other.ticket(tid).truck == "T-14"
    assert other.export_data_for_job("J-7").tickets[0].truck == "T-14"


def test_unwritable_data_dir_is_a_clear_fatal_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(OutputNotWritable, match="cannot write its data folder"):
        Store(blocker / "data")


def _store_with_a_ticket(data: Path) -> int:
    store = Store(data)
    run = store.create_run("/in", Settings(), "cpu", "5.3", "0")
    a = store.register_file(run, FileTask("/in/a.png", "a.png", 1, 1.0))
    store.commit_page(run, "/in", _result(a, 0, "a.png", "ACME ROCK", "1001"))
    store.close()
    return run


def _spoil_tickets(db: Path) -> None:
    conn = sqlite3.connect(db)
    (root,) = conn.execute("SELECT rootpage FROM sqlite_master WHERE name='tickets'").fetchone()
    (page_size,) = conn.execute("PRAGMA page_size").fetchone()
    conn.close()
    with db.open("r+b") as f:
        f.seek((root - 1) * page_size)
        f.write(b"\xa5" * page_size)


def test_a_store_file_that_is_not_a_database_is_set_aside_and_a_new_one_started(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    junk = bytes(range(256)) * 40
    (data / "haulbook.sqlite3").write_bytes(junk)
    store = Store(data)
    assert store.recovery is not None and store.recovery.set_aside_as.read_bytes() == junk
    assert store.recovery.restored_copy_of is None  # no copy yet: a new, empty store
    run = store.create_run("/in", Settings(), "cpu", "5.3", "0")
    assert [r.run_id for r in store.list_runs()] == [run]


def test_a_second_connection_reports_damage_and_leaves_the_file_where_it_is(tmp_path):
    """The window's run opens its own store while the window's is open: only the first may
    move the file."""
    data = tmp_path / "data"
    data.mkdir()
    (data / "haulbook.sqlite3").write_bytes(b"\x00junk" * 600)
    with pytest.raises(StoreDamaged, match="start it again"):
        Store(data, recover=False)
    assert sorted(p.name for p in data.iterdir() if p.name.startswith("haulbook")) == [
        "haulbook.sqlite3",
        "haulbook.sqlite3.check",
    ]


def test_damage_found_mid_use_stops_with_a_plain_message_and_the_next_start_sets_it_aside(
    tmp_path,
):
    """A failing disk or a sync tool spoils the pages of one table: the store still opens."""
    data = tmp_path / "data"
    run = _store_with_a_ticket(data)
    _spoil_tickets(data / "haulbook.sqlite3")

    store = Store(data)
    assert store.recovery is None  # nothing wrong shows at opening
    with pytest.raises(StoreDamaged, match="is damaged") as caught:
        store.tickets(run)
    assert caught.value.exit_code == 4 and "start it again" in caught.value.message
    store.close()

    again = Store(data)
    assert again.recovery is not None and again.recovery.set_aside_as.exists()
    assert again.list_runs() == [] and again.tickets(run) == []
    assert Store(data).recovery is None  # checked once, not at every start


def test_a_damaged_store_is_replaced_by_its_last_copy_and_only_later_runs_are_lost(tmp_path):
    data = tmp_path / "data"
    kept = _store_with_a_ticket(data)
    store = Store(data)
    assert store.back_up_if_due()  # the end of a run: the first copy
    assert not store.back_up_if_due()  # once a day at most
    later = store.create_run("/in", Settings(), "cpu", "5.3", "0")
    store.close()
    (data / "haulbook.sqlite3").write_bytes(b"\x00" * 4096)  # spoiled past repair

    back = Store(data)
    assert back.recovery is not None and back.recovery.restored_copy_of is not None
    assert [r.run_id for r in back.list_runs()] == [kept]
    assert [t.ticket_number for t in back.tickets(kept)] == ["1001"]
    assert later not in [r.run_id for r in back.list_runs()]
    from engine.store_damage import recovery_message

    assert "copy of" in recovery_message(back.recovery)


def test_a_store_already_damaged_never_overwrites_its_sound_copy(tmp_path):
    data = tmp_path / "data"
    run = _store_with_a_ticket(data)
    store = Store(data)
    assert store.back_up_if_due()
    store.close()
    copy = data / "haulbook.sqlite3.backup"
    before = copy.read_bytes()
    _spoil_tickets(data / "haulbook.sqlite3")
    old = copy.stat().st_mtime - 2 * 24 * 3600
    os.utime(copy, (old, old))  # the copy is due again
    damaged = Store(data)
    assert not damaged.back_up_if_due()
    assert copy.read_bytes() == before
    with pytest.raises(StoreDamaged):
        damaged.tickets(run)
    damaged.close()
    restored = Store(data)
    assert restored.recovery is not None and restored.recovery.restored_copy_of is not None
    assert [t.ticket_number for t in restored.tickets(run)] == ["1001"]


def test_a_healthy_store_marked_for_a_check_is_kept(tmp_path):
    data = tmp_path / "data"
    run = _store_with_a_ticket(data)
    (data / "haulbook.sqlite3.check").write_text("a passing error")
    store = Store(data)
    assert store.recovery is None
    assert [t.ticket_number for t in store.tickets(run)] == ["1001"]


def test_store_survives_a_second_connection_writing(tmp_path):
    store = Store(tmp_path / "data")
    run = store.create_run("/in", Settings(), "cpu", "5.3", "0")
    raw = sqlite3.connect(tmp_path / "data" / "haulbook.sqlite3")
    raw.execute("UPDATE runs SET job='X' WHERE id=?", (run,))
    raw.commit()
    assert store.summary(run).job == "X"


def test_discovery_skips_junk_and_hidden_and_keeps_unicode_names(tmp_path):
    root = tmp_path / "in"
    (root / "sub dir" / ".git").mkdir(parents=True)
    for name in ("a.PDF", "b.jpeg", "c.tiff", "Día 1 ticket.png", "sub dir/d.bmp", "x.djvu"):
        (root / name).write_bytes(b"x")
    for name in ("Thumbs.db", "desktop.ini", ".DS_Store", "~$book.xlsx", "w.tmp", ".h.png",
                 "sub dir/.git/e.png", "notes.txt", "sheet.xlsx"):  # fmt: skip
        (root / name).write_bytes(b"x")
    found = discover.discover(root)
    assert [f.rel_path for f in found.files] == [
        "a.PDF",
        "b.jpeg",
        "c.tiff",
        "Día 1 ticket.png",
        "sub dir/d.bmp",
    ]
    assert [f.rel_path for f in found.unsupported] == ["x.djvu"]
    assert discover.sha256_of(str(root / "a.PDF")) == discover.sha256_of(str(root / "b.jpeg"))


def test_digital_pdf_text_layer_is_used(tmp_path):
    spec = printed_spec("765432")
    ticketgen.write_digital_pdf(tmp_path / "d.pdf", [spec])
    digital = documents.render_page(str(tmp_path / "d.pdf"), 0, threading.Lock(), 300, 10**8)
    assert not digital.scanned and textlayer.usable(digital.text_words)
    assert "765432" in {w.text for w in digital.text_words}
    number = next(w for w in digital.text_words if w.text == "765432")
    h, w = digital.pixels.shape[:2]
    assert 0 < number.left < w and 0 < number.top < h / 3  # top of the page, in pixels
    assert digital.reads_text_layer


@needs_samples
def test_a_scanners_text_layer_is_not_used():
    path = str(SAMPLES / "24-105_happy_path_001.pdf")
    scanned = documents.render_page(path, 0, threading.Lock(), 300, 10**8)
    assert scanned.scanned  # an image covers the page: its text layer is a scanner's OCR
    assert not scanned.reads_text_layer


def test_a_page_read_from_its_text_layer_is_drawn_small_and_gray_for_barcodes(tmp_path):
    spec = printed_spec("765432")
    ticketgen.write_digital_pdf(tmp_path / "d.pdf", [spec])
    lock = threading.Lock()
    full = documents.render_page(str(tmp_path / "d.pdf"), 0, lock, 300, 10**8)
    small = documents.render_page(str(tmp_path / "d.pdf"), 0, lock, 300, 10**8, 200)
    assert full.pixels.ndim == 3 and small.pixels.ndim == 2
    assert small.dpi <= 200 < full.dpi
    # The words are where the pixels are, at either resolution.
    for page in (full, small):
        number = next(w for w in page.text_words if w.text == "765432")
        crop = page.pixels[number.top : number.top + number.height, number.left : number.right]
        assert crop.min() < 100  # ink under the word's box
    # A scan saved as PDF still comes in colour, channels in RGB order.
    scan = tmp_path / "red.pdf"
    red = Image.new("RGB", (800, 600), "white")
    red.paste((220, 20, 20), (200, 200, 600, 400))
    ticketgen.write_scanned_pdf(scan, [red], dpi=200)
    page = documents.render_page(str(scan), 0, lock, 300, 10**8, 200)
    assert page.scanned and page.pixels.ndim == 3
    r, g, b = (int(v) for v in page.pixels[page.pixels.shape[0] // 2, page.pixels.shape[1] // 2])
    assert r > 180 and g < 80 and b < 80


def test_a_scan_saved_as_pdf_is_drawn_at_its_own_resolution_not_finer(tmp_path):
    lock = threading.Lock()
    page = Image.new("RGB", (1700, 1100), "white")
    for scan_dpi, drawn_dpi in ((200, 200), (300, 300), (100, 150), (600, 300)):
        path = tmp_path / f"scan{scan_dpi}.pdf"
        size = (1700 * scan_dpi // 200, 1100 * scan_dpi // 200)
        ticketgen.write_scanned_pdf(path, [page.resize(size)], dpi=scan_dpi)
        rendered = documents.render_page(str(path), 0, lock, 300, 10**8)
        assert abs(rendered.dpi - drawn_dpi) < 2, scan_dpi  # never below 150, never above 300
        assert rendered.pixels.shape[1] == pytest.approx(8.5 * drawn_dpi, abs=2)


def test_garbage_text_layer_is_rejected():
    from engine.models import Word

    def words(texts: list[str]) -> list[Word]:
        return [Word(t, i * 10, 0, 8, 8, 99) for i, t in enumerate(texts)]

    assert textlayer.usable(
        words(["Ticket", "No.", "123456", "Date", "10/17/2024", "Gross", "45,120", "lb"])
    )
    assert not textlayer.usable(words(["þÿ", "ÃÂ¤", "¤¤¤", "ÿÿÿÿÿÿ", "Ã©Ã", "ÿþ", "¿¿¿"]))
    assert not textlayer.usable(words(["Ticket"]))


def test_render_picks_lower_dpi_for_large_print(tmp_path):
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(tmp_path / "big.pdf"))
    c.setFont("Helvetica", 40)
    for i in range(6):
        c.drawString(50, 700 - i * 60, f"TICKET {1000 + i} GROSS 45000")
    c.showPage()
    c.save()
    page = documents.render_page(str(tmp_path / "big.pdf"), 0, threading.Lock(), 300, 10**8)
    assert 150 <= page.dpi < 300


@needs_samples
def test_sample_folder_is_discovered(tmp_path):
    found = discover.discover(Path(SAMPLES))
    assert len(found.files) == 6 and not found.unsupported


def test_a_phone_photo_is_drawn_the_way_its_exif_orientation_says(tmp_path):
    # Stored sideways, as phones do, with EXIF orientation 6 ("turn 90 degrees clockwise").
    upright = Image.new("RGB", (300, 200), "white")
    upright.paste((0, 0, 0), (0, 0, 60, 40))  # a dark block at the top left
    ex = Image.Exif()
    ex[0x0112] = 6
    upright.transpose(Image.Transpose.ROTATE_90).save(tmp_path / "photo.jpg", exif=ex.tobytes())
    page = documents.render_page(str(tmp_path / "photo.jpg"), 0, threading.Lock(), 300, 10**8)
    assert page.pixels.shape[:2] == (200, 300)
    assert page.pixels[10, 10].max() < 60 and page.pixels[190, 290].min() > 200


def test_a_transparent_png_is_read_on_white_paper_not_black(tmp_path):
    img = Image.new("RGBA", (200, 100), (0, 0, 0, 0))
    img.paste((0, 0, 0, 255), (10, 10, 50, 30))
    img.save(tmp_path / "t.png")
    page = documents.render_page(str(tmp_path / "t.png"), 0, threading.Lock(), 300, 10**8)
    assert page.pixels[80, 150].min() == 255 and page.pixels[20, 20].max() == 0


def _landscape_ticket_on_a_turned_portrait_page(path: Path) -> None:
    """What some billing systems write: landscape content drawn turned on a portrait page,
    with /Rotate 90 so that viewers show it upright."""
    import pypdfium2 as pdfium
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=(612, 792))
    c.translate(612, 0)
    c.rotate(90)
    c.setFont("Helvetica-Bold", 16)
    c.drawString(50, 560, "MOUNTAIN VIEW AGGREGATES")
    c.setFont("Helvetica", 11)
    rows = [("Ticket No.", "4471902"), ("Date:", "11/02/2025"), ("Gross", "64,220 lb")]
    for i, (label, value) in enumerate(rows):
        c.drawString(50, 500 - 18 * i, label)
        c.drawString(140, 500 - 18 * i, value)
    c.showPage()
    c.save()
    doc = pdfium.PdfDocument(str(path))
    doc[0].set_rotation(90)
    doc[0].set_cropbox(0, 10, 612, 792)  # an offset crop box moves what is shown too
    doc.save(str(path) + ".tmp")
    doc.close()
    Path(str(path) + ".tmp").replace(path)


def test_a_turned_pdf_pages_text_layer_is_read_along_its_lines_where_it_is_drawn(tmp_path):
    path = tmp_path / "landscape.pdf"
    _landscape_ticket_on_a_turned_portrait_page(path)
    page = documents.render_page(str(path), 0, threading.Lock(), 300, 10**8)
    assert page.pixels.shape[1] > page.pixels.shape[0]  # shown landscape
    assert page.reads_text_layer
    texts = [w.text for w in sorted(page.text_words, key=lambda w: (w.line, w.left))]
    assert "MOUNTAIN" in texts and "4471902" in texts and "11/02/2025" in texts
    gray = page.pixels if page.pixels.ndim == 2 else page.pixels.min(axis=2)
    for w in page.text_words:
        # Every word's box lies on its own ink in the render.
        inside = gray[w.top : w.top + w.height, w.left : w.left + w.width]
        assert inside.size and inside.min() < 100, w.text


def test_a_picture_damaged_past_its_signature_is_corrupt_not_a_misnamed_file(tmp_path):
    Image.new("L", (400, 300), 255).save(tmp_path / "ok.png")
    data = bytearray((tmp_path / "ok.png").read_bytes())
    data[8:40] = b"\x00" * 32  # the PNG signature survives, the header after it does not
    (tmp_path / "damaged.png").write_bytes(bytes(data))
    (tmp_path / "letter.png").write_text("Dear customer, please find attached...\n" * 10)
    for name, kind in (("damaged.png", ErrorKind.CORRUPT), ("letter.png", ErrorKind.NOT_AN_IMAGE)):
        with pytest.raises(PageError) as err:
            documents.count_pages(str(tmp_path / name), threading.Lock(), 10**8)
        assert err.value.kind == kind, name


def test_a_pdf_with_no_pages_is_empty_not_damaged(tmp_path):
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument.new()
    doc.save(str(tmp_path / "none.pdf"))
    doc.close()
    with pytest.raises(PageError) as err:
        documents.count_pages(str(tmp_path / "none.pdf"), threading.Lock(), 10**8)
    assert err.value.kind == ErrorKind.EMPTY and "no pages" in err.value.message


def test_a_file_is_read_as_what_its_bytes_say_whatever_its_name(tmp_path):
    """Scanner software and portals misname files: a JPEG saved as .pdf and a PDF saved as
    .jpg are read; a portal's login page saved as .pdf is named for what it is."""
    spec = printed_spec("landfill")
    ticketgen.render_ticket(spec).save(tmp_path / "scan.pdf", format="JPEG")
    ticketgen.write_digital_pdf(tmp_path / "emailed.jpg", [spec])
    (tmp_path / "ticket.pdf").write_text("<!DOCTYPE html><html><body>Please log in</body></html>")
    lock = threading.Lock()
    for name in ("scan.pdf", "emailed.jpg"):
        assert documents.count_pages(str(tmp_path / name), lock, 10**8) == 1
        page = documents.render_page(str(tmp_path / name), 0, lock, 300, 10**8)
        assert min(page.pixels.shape[:2]) > 500, name
    assert documents.render_page(str(tmp_path / "emailed.jpg"), 0, lock, 300, 10**8).text_words
    with pytest.raises(PageError) as err:
        documents.count_pages(str(tmp_path / "ticket.pdf"), lock, 10**8)
    assert err.value.kind == ErrorKind.NOT_AN_IMAGE and "web page" in err.value.message


def test_a_page_too_small_to_hold_a_ticket_is_an_empty_file_and_a_sliver_is_blank(tmp_path):
    """A 1-pixel spacer or an icon is no scan; a long thin strip must not break the analysis."""
    Image.new("RGB", (1, 1), "white").save(tmp_path / "spacer.png")
    Image.new("RGB", (10, 20000), "white").save(tmp_path / "line.png")
    Image.new("RGB", (40, 20000), "white").save(tmp_path / "strip.png")
    lock = threading.Lock()
    for name in ("spacer.png", "line.png"):
        with pytest.raises(PageError) as err:
            documents.render_page(str(tmp_path / name), 0, lock, 300, 10**8)
        assert err.value.kind == ErrorKind.EMPTY and "too small" in err.value.message, name
    from engine.device import cpu_device
    from engine.imaging import Preprocessor

    strip = documents.render_page(str(tmp_path / "strip.png"), 0, lock, 300, 10**8)
    assert Preprocessor(cpu_device("test")).prepare(strip.pixels, strip.dpi).blank


def test_discovery_leaves_out_an_output_folder_kept_inside_the_scans(tmp_path):
    root = tmp_path / "in"
    (root / "Haulbook output").mkdir(parents=True)
    (root / "a.png").write_bytes(b"x")
    for name in ("summary.json", "run_report.pdf", "tickets.xlsx"):
        (root / "Haulbook output" / name).write_bytes(b"x")
    (root / "reports").mkdir()
    (root / "reports" / "run_report.pdf").write_bytes(b"x")  # a report alone is a document
    found = [f.rel_path for f in discover.discover(root).files]
    assert found == ["a.png", "reports/run_report.pdf"]
    # Outputs written into the scans folder itself: the report is left out, the scans are not.
    for name in ("summary.json", "run_report.pdf"):
        (root / name).write_bytes(b"x")
    found = [f.rel_path for f in discover.discover(root).files]
    assert found == ["a.png", "reports/run_report.pdf"]


def test_a_store_made_before_pages_knew_flips_is_opened_and_keeps_its_work(tmp_path):
    """An operator's store from an older Haulbook has no 'mirrored' column: opening it must
    neither fail nor lose its runs, and a page committed now records its flip."""
    store = Store(tmp_path / "data")
    run = store.create_run("/in", Settings(), "cpu", "5.3", "0")
    a = store.register_file(run, FileTask("/in/a.png", "a.png", 1, 1.0))
    store.commit_page(run, "/in", _result(a, 0, "a.png", "ACME ROCK", "1001"))
    db = store.db_path
    store.close()
    with sqlite3.connect(db) as old:  # as the older Haulbook left it
        old.execute("ALTER TABLE pages DROP COLUMN mirrored")
    store = Store(tmp_path / "data")
    try:
        (kept,) = store.tickets(run)
        assert kept.ticket_number == "1001"
        assert store.page_location(kept.ticket_id) == ("/in/a.png", 0, 0, False)
        b = store.register_file(run, FileTask("/in/b.png", "b.png", 1, 1.0))
        flipped = _result(b, 0, "b.png", "ACME ROCK", "1002")
        flipped.mirrored = True
        (new,) = store.commit_page(run, "/in", flipped)
        assert store.page_location(new.ticket_id) == ("/in/b.png", 0, 0, True)
    finally:
        store.close()
