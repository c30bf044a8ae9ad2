"""Files built to hurt: a huge second page behind a small first one, a DPI that would stretch a
picture past the pixel limit, a photo format under another's name, folders and files that
cannot be read. Each gets its own plain error, and the memory stays bounded."""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from engine import discover, documents
from engine.models import ErrorKind, PageError
from tests import ticketgen
from tests.conftest import ROOT

LIMIT = 4_000_000  # pixels; a small limit keeps the hostile pictures small


def _render(path: Path, index: int = 0) -> documents.RenderedPage:
    return documents.render_page(str(path), index, threading.Lock(), 300, LIMIT, 150)


def test_a_huge_later_page_of_a_tiff_is_too_large_and_the_first_page_is_read(tmp_path):
    path = tmp_path / "batch.tif"
    small = Image.new("L", (400, 300), 255)
    huge = Image.new("1", (3000, 3000), 1)  # 9 Mpx behind a 0.1 Mpx first page
    small.save(path, save_all=True, append_images=[huge], compression="tiff_lzw")
    assert documents.count_pages(str(path), threading.Lock(), LIMIT) == 2
    assert _render(path, 0).pixels.shape[:2] == (300, 400)
    with pytest.raises(PageError) as err:
        _render(path, 1)
    assert err.value.kind == ErrorKind.TOO_LARGE
    assert "Page 2 is 3000x3000 pixels" in err.value.message


def test_a_dpi_stated_unevenly_never_stretches_a_picture_past_the_limit(tmp_path):
    # 1800 x 1800 at 100 x 300 DPI: stretching its width 3x would make 29 Mpx.
    path = tmp_path / "fax.png"
    Image.new("L", (1800, 1800), 255).save(path, dpi=(100, 300))
    h, w = _render(path).pixels.shape[:2]
    assert h * w <= LIMIT
    assert (w, h) == (1800, 600)  # the fine axis brought down instead
    # A fax's honest 2:1 within the limit is still stretched back to square pixels.
    fax = tmp_path / "fax2.png"
    Image.new("L", (800, 400), 255).save(fax, dpi=(204, 98))
    assert _render(fax).pixels.shape[:2] == (833, 800)


def test_a_nonsense_dpi_ratio_leaves_the_pixels_as_stored(tmp_path):
    path = tmp_path / "odd.png"
    Image.new("L", (1200, 900), 255).save(path, dpi=(50, 1200))
    rendered = _render(path)
    assert rendered.pixels.shape[:2] == (900, 1200) and rendered.dpi == 0.0


def test_an_iphone_photo_is_read_whatever_its_name_and_a_damaged_one_is_corrupt(tmp_path):
    photo = Image.new("RGB", (600, 400), "white")
    photo.paste((0, 0, 0), (0, 0, 120, 80))
    named_jpg = tmp_path / "IMG_2041.jpg"  # an iPhone's HEIC, renamed by a sync tool
    photo.save(named_jpg, format="HEIF", quality=90)
    assert named_jpg.read_bytes()[4:8] == b"ftyp"
    assert documents.count_pages(str(named_jpg), threading.Lock(), LIMIT) == 1
    page = _render(named_jpg)
    assert page.pixels.shape[:2] == (400, 600) and page.pixels[20, 20].max() < 60

    data = named_jpg.read_bytes()
    for cut in (len(data) // 2, 40):
        damaged = tmp_path / f"cut{cut}.heic"
        damaged.write_bytes(data[:cut])
        with pytest.raises(PageError) as err:
            documents.count_pages(str(damaged), threading.Lock(), LIMIT)
            _render(damaged)
        assert err.value.kind == ErrorKind.CORRUPT, cut


def test_a_pdf_that_cannot_be_opened_for_reading_is_an_io_error_not_a_misnamed_file(tmp_path):
    folder = tmp_path / "x.pdf"  # what a read of a locked file meets: no bytes at all
    folder.mkdir()
    with pytest.raises(PageError) as err:
        documents.count_pages(str(folder), threading.Lock(), LIMIT)
    assert err.value.kind == ErrorKind.IO_ERROR
    assert "not readable" in err.value.message


def test_a_locked_pdf_is_an_io_error_not_a_misnamed_file(tmp_path):
    """Mode 000, read by a process without the right to override it (root has it: the check
    runs in a child that drops it, where the system allows)."""
    path = tmp_path / "locked.pdf"
    ticketgen.write_digital_pdf(path, [ticketgen.random_spec(random.Random(3), "quarry")])
    path.chmod(0)
    code = (
        "import threading, sys; from engine import documents\n"
        "try: documents.count_pages(sys.argv[1], threading.Lock(), 10**6)\n"
        "except documents.PageError as e: print(e.kind.value, e.message)\n"
    )
    cmd = [sys.executable, "-c", code, str(path)]
    if os.geteuid() == 0:
        if not shutil.which("setpriv"):
            pytest.skip("no setpriv to drop root's override of file permissions")
        cmd = ["setpriv", "--bounding-set=-dac_override,-dac_read_search", "--", *cmd]
    res = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    if res.returncode != 0 and "setpriv" in res.stderr:
        pytest.skip(f"setpriv refused here: {res.stderr.strip()}")
    if not res.stdout:
        pytest.skip("the file could still be read: permissions not enforced here")
    assert res.stdout.strip() == "io_error The file is locked or not readable."


def test_the_operator_reads_the_systems_reason_not_its_error_number_and_path():
    message = documents.cannot_read(PermissionError(13, "Permission denied", "/x/y.pdf"))
    assert message == "The file cannot be read (permission denied)."


def test_a_folder_that_cannot_be_listed_is_reported_and_the_others_are_read(tmp_path, monkeypatch):
    (tmp_path / "locked").mkdir()
    (tmp_path / "open").mkdir()
    Image.fromarray(np.full((50, 50), 255, np.uint8)).save(tmp_path / "open" / "a.png")
    real = os.scandir

    def scandir(path):  # what Windows says of a folder the operator has no rights to
        if Path(path).name == "locked":
            raise PermissionError(13, "Access is denied", str(path))
        return real(path)

    monkeypatch.setattr(discover.os, "scandir", scandir)
    found = discover.discover(tmp_path)
    assert [t.rel_path for t in found.files] == ["open/a.png"]
    assert [t.rel_path for t in found.unreadable] == ["locked/"]
    assert not discover.can_list(tmp_path / "locked") and discover.can_list(tmp_path)


def test_an_invisible_text_layer_with_other_digits_is_not_trusted(tmp_path):
    """A phone app's PDF: the ticket as a picture covering under half the page, its OCR as
    invisible text (render mode 3) with two digits wrong. The text layer was read as the
    page's own text and the wrong number accepted; what is drawn is read now."""
    from reportlab.lib.pagesizes import letter
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    from engine import ocr, pagetask
    from engine.device import cpu_device
    from engine.models import Settings

    spec = ticketgen.random_spec(random.Random(44), "quarry")
    picture = ticketgen.render_ticket(spec, ticketgen.Style(dpi=200, noise=0.0))
    path = tmp_path / "app_scan.pdf"
    c = canvas.Canvas(str(path), pagesize=letter)
    c.drawImage(
        ImageReader(picture), 36, 400, width=540, height=540 * picture.height / picture.width
    )
    hidden = c.beginText(40, 700)
    hidden.setTextRenderMode(3)
    hidden.setFont("Helvetica", 12)
    wrong = (
        "9" + spec.ticket_number[1:]
        if spec.ticket_number[0] != "9"
        else "1" + spec.ticket_number[1:]
    )
    hidden.textLine(f"{spec.vendor}  Ticket No. {wrong}  Date: 01/01/2025")
    c.drawText(hidden)
    c.showPage()
    c.save()
    rendered = documents.render_page(str(path), 0, threading.Lock(), 300, 80_000_000, 150)
    assert not rendered.reads_text_layer
    context = pagetask.make_context(ocr.find_tesseract(), cpu_device("test"))
    _, tickets, _ = pagetask.read_rendered(rendered, Settings(), context)
    assert [t.ticket_number for t in tickets] == [spec.ticket_number]


@pytest.mark.parametrize("suffix", [".jp2", ".j2k", ".avif"])
def test_jpeg_2000_and_avif_pictures_are_read_and_a_damaged_one_is_corrupt(tmp_path, suffix):
    picture = Image.new("RGB", (600, 400), "white")
    picture.paste((0, 0, 0), (0, 0, 120, 80))
    path = tmp_path / f"archive{suffix}"
    picture.save(path)
    assert documents.count_pages(str(path), threading.Lock(), LIMIT) == 1
    page = _render(path)
    assert page.pixels.shape[:2] == (400, 600)
    assert page.pixels[20, 20].max() < 60 and page.pixels[300, 500].min() > 200

    damaged = tmp_path / f"damaged{suffix}"
    damaged.write_bytes(path.read_bytes()[:60])
    with pytest.raises(PageError) as err:
        documents.count_pages(str(damaged), threading.Lock(), LIMIT)
        _render(damaged)
    assert err.value.kind == ErrorKind.CORRUPT


def test_a_ticket_on_a_poster_sized_page_is_drawn_where_it_is_printed_and_read(tmp_path):
    """A scan placed in a corner of a 200 x 200 inch page: drawn whole within the pixel limit it
    came out at 44 DPI and was called a blank page. Only its printed part is drawn now, at the
    resolution a ticket wants, and its number is read."""
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    from engine import ocr, pagetask
    from engine.device import cpu_device
    from engine.models import Settings

    spec = ticketgen.random_spec(random.Random(45), "landfill")
    picture = ticketgen.render_ticket(spec, ticketgen.Style(dpi=200, noise=0.0))
    path = tmp_path / "poster.pdf"
    c = canvas.Canvas(str(path), pagesize=(14400, 14400))
    c.drawImage(ImageReader(picture), 7000, 3000, width=612, height=792)
    c.showPage()
    c.showPage()  # and a blank poster page after it
    c.save()
    rendered = documents.render_page(str(path), 0, threading.Lock(), 300, 80_000_000)
    assert rendered.dpi >= 150
    assert rendered.pixels.shape[0] * rendered.pixels.shape[1] < 20_000_000
    context = pagetask.make_context(ocr.find_tesseract(), cpu_device("test"))
    _, tickets, _ = pagetask.read_rendered(rendered, Settings(), context)
    assert [t.ticket_number for t in tickets] == [spec.ticket_number]

    blank = documents.render_page(str(path), 1, threading.Lock(), 300, 80_000_000)
    assert blank.pixels.min() > 240  # nothing printed: drawn whole, small
    assert blank.pixels.size <= 3 * 4_000_000
