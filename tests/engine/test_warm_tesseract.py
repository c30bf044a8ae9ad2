"""Warm Tesseract processes: the same words as a one-shot call, one start-up for many pages,
and a page that hangs, a crash or a Tesseract that cannot stream costing only that page."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import psutil
import pytest
from PIL import Image, ImageDraw, ImageFont

from engine import ocr
from engine.models import ErrorKind, PageError
from engine.warm_tesseract import WarmTesseract, supports_streaming

pytestmark = pytest.mark.skipif(os.name == "nt", reason="the fakes are POSIX scripts")


def _page(lines: list[str]) -> np.ndarray:
    font = ImageFont.truetype("DejaVuSans.ttf", 36)
    img = Image.new("L", (900, 80 + 70 * len(lines)), 255)
    draw = ImageDraw.Draw(img)
    for i, text in enumerate(lines):
        draw.text((40, 40 + 70 * i), text, font=font, fill=0)
    return np.asarray(img)


TICKET = _page(["SCALE TICKET 448213", "Gross 72,340 lb", "Tare 29,880 lb", "Net 42,460 lb"])
OTHER = _page(["TICKET NO 551207", "Date 03/14/2025"])


def _texts(words: list) -> list[str]:
    return [w.text for w in words]


def _pool(tesseract: ocr.Tesseract, **kw) -> WarmTesseract:
    pool = ocr.warm_pool(tesseract)
    for key, value in kw.items():
        setattr(pool, key, value)
    return pool


def _counting(tmp_path: Path, real: str) -> tuple[ocr.Tesseract, Path]:
    """The real Tesseract behind a script that notes every process started."""
    log = tmp_path / "starts.log"
    script = tmp_path / "tesseract"
    script.write_text(f'#!/bin/sh\necho "$*" >> {log}\nexec {real} "$@"\n')
    script.chmod(0o755)
    return ocr.Tesseract(str(script), ocr.find_tesseract().version), log


def _starts(log: Path) -> int:
    return len(log.read_text().splitlines()) if log.exists() else 0


def _fake(tmp_path: Path, on_page: str) -> ocr.Tesseract:
    """A Tesseract that answers its sentinel pages and does `on_page` for a real one."""
    script = tmp_path / "fake-tesseract"
    script.write_text(
        f"#!{sys.executable}\n"
        "import sys, time\n"
        "n = 0\n"
        "print('level\\tpage_num\\tblock_num', flush=True)\n"
        "for line in sys.stdin:\n"
        "    n += 1\n"
        "    if 'sentinel' in line:\n"
        "        print(f'1\\t{n}\\t0\\t0\\t0\\t0\\t0\\t0\\t8\\t8\\t-1\\t', flush=True)\n"
        "        continue\n"
        f"    {on_page}\n"
    )
    script.chmod(0o755)
    return ocr.Tesseract(str(script), "5.3.0")


def _our_tesseracts() -> list[psutil.Process]:
    return [p for p in psutil.Process().children(recursive=True) if p.status() != "zombie"]


def test_a_warm_read_gives_the_words_of_a_one_shot_read():
    tesseract = ocr.find_tesseract()
    pool = ocr.warm_pool(tesseract)
    try:
        for psm in (3, 6):
            one_shot = ocr.ocr_words(TICKET, tesseract, 60, psm=psm)
            warm = ocr.ocr_words(TICKET, tesseract, 60, psm=psm, warm=pool)
            assert _texts(warm) == _texts(one_shot)
            assert [(w.left, w.top, w.conf, w.block, w.line) for w in warm] == [
                (w.left, w.top, w.conf, w.block, w.line) for w in one_shot
            ]
        assert "448213" in _texts(one_shot)
    finally:
        pool.close()


def test_one_process_reads_page_after_page_and_is_replaced_after_its_share(tmp_path):
    tesseract, log = _counting(tmp_path, ocr.find_tesseract().cmd)
    pool = _pool(tesseract, max_pages=3)
    try:
        reads = [ocr.ocr_words(img, tesseract, 60, warm=pool) for img in (TICKET, OTHER, TICKET)]
        assert "551207" in _texts(reads[1]) and "448213" in _texts(reads[2])
        assert _starts(log) == 1, "three pages, one process"
        ocr.ocr_words(OTHER, tesseract, 60, warm=pool)
        assert _starts(log) == 2, "after its three pages the process is replaced"
        ocr.ocr_words(OTHER, tesseract, 60, psm=6, warm=pool)
        assert _starts(log) == 3, "each mode has its own process"
    finally:
        pool.close()
    assert not _our_tesseracts(), "close ends every process"


def test_a_page_that_hangs_is_killed_alone_and_the_next_page_gets_a_new_process(tmp_path):
    fake = _fake(tmp_path, "time.sleep(600)")
    pool = _pool(fake)
    started = time.monotonic()
    with pytest.raises(PageError) as err:
        pool.read(TICKET, 1.0, 3)
    assert err.value.kind is ErrorKind.TIMEOUT
    assert time.monotonic() - started < 10
    assert not _our_tesseracts(), "the hung process is killed, not left behind"
    assert pool.enabled, "a page that hangs says nothing about streaming"
    with pytest.raises(PageError):
        pool.read(TICKET, 1.0, 3)  # a new process, killed in turn
    pool.close()


def test_a_crash_fails_the_page_and_garbage_is_an_ocr_failure(tmp_path):
    crash = _fake(tmp_path, "sys.exit(-11)")
    pool = _pool(crash)
    with pytest.raises(PageError) as err:
        pool.read(TICKET, 30.0, 3)
    assert err.value.kind is ErrorKind.OCR_FAILED
    pool.close()
    (tmp_path / "g").mkdir()
    row = "5\\t99\\t1\\t1\\t1\\t1\\t0\\t0\\t5\\t5\\t90\\tX"  # a word of a page never sent
    garbage = _fake(tmp_path / "g", f"print('{row}', flush=True)")
    pool = _pool(garbage)
    with pytest.raises(PageError) as err:
        pool.read(TICKET, 30.0, 3)
    assert err.value.kind is ErrorKind.OCR_FAILED
    pool.close()


def test_a_tesseract_that_cannot_stream_is_read_one_shot(tmp_path):
    # Alive, reading its input, never answering: a build that holds its output back.
    real = ocr.find_tesseract().cmd
    script = tmp_path / "tesseract"
    script.write_text(
        f'#!/bin/sh\ncase "$*" in *stream_filelist*) cat > /dev/null; exit ;; esac\n'
        f'exec {real} "$@"\n'
    )
    script.chmod(0o755)
    tesseract = ocr.Tesseract(str(script), "5.3.0")
    pool = _pool(tesseract, start_timeout_s=1.0)
    words = ocr.ocr_words(TICKET, tesseract, 60, warm=pool)
    assert "448213" in _texts(words)
    assert not pool.enabled
    assert not _our_tesseracts()
    pool.close()


def test_only_tesseract_5_or_later_is_streamed():
    assert supports_streaming("5.3.0") and supports_streaming("v5.0.0-alpha-20201224")
    assert not supports_streaming("4.1.1") and not supports_streaming("unknown")
    old = ocr.Tesseract(ocr.find_tesseract().cmd, "4.1.1")
    assert not ocr.warm_pool(old).serves(3, 300, "")
    assert not ocr.warm_pool(ocr.find_tesseract()).serves(11, 300, "")
    assert not ocr.warm_pool(ocr.find_tesseract()).serves(3, 300, "-c x=1")


def test_a_tesseract_that_dies_at_every_start_gives_way_to_one_shot_calls(tmp_path):
    real = ocr.find_tesseract().cmd
    script = tmp_path / "tesseract"
    script.write_text(
        f'#!/bin/sh\ncase "$*" in *stream_filelist*) exit 1 ;; esac\nexec {real} "$@"\n'
    )
    script.chmod(0o755)
    tesseract = ocr.Tesseract(str(script), "5.3.0")
    pool = _pool(tesseract)
    for _ in range(2):  # a crash at start fails the page: the runner retries it
        with pytest.raises(PageError) as err:
            ocr.ocr_words(TICKET, tesseract, 60, warm=pool)
        assert err.value.kind is ErrorKind.OCR_FAILED
    assert "448213" in _texts(ocr.ocr_words(TICKET, tesseract, 60, warm=pool))
    assert not pool.enabled, "the third death at start turns the warm path off"
    pool.close()


def test_the_folder_a_killed_haulbook_left_is_swept_and_a_live_ones_is_not(tmp_path):
    tmp = Path(tempfile.gettempdir())
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    orphan = tmp / f"haulbook_warm_{dead.pid}_x1"
    orphan.mkdir()
    (orphan / "page_1.pgm").write_bytes(b"P5\n1 1\n255\n\0")
    alive = tmp / f"haulbook_warm_{os.getppid()}_x2"
    alive.mkdir()
    try:
        pool = ocr.warm_pool(ocr.find_tesseract())
        assert not orphan.exists()
        assert alive.exists()
        pool.close()
    finally:
        shutil.rmtree(orphan, ignore_errors=True)
        shutil.rmtree(alive, ignore_errors=True)


def test_a_pool_turned_off_leaves_nothing_on_disk_and_reads_one_shot():
    """HAULBOOK_WARM_TESSERACT=0, or a Tesseract 4: no folder, no sentinel, no process."""
    mine = f"haulbook_warm_{os.getpid()}_"
    before = {p.name for p in Path(tempfile.gettempdir()).iterdir() if p.name.startswith(mine)}
    pool = ocr.warm_pool(ocr.find_tesseract(), wanted=False)
    after = {p.name for p in Path(tempfile.gettempdir()).iterdir() if p.name.startswith(mine)}
    assert after == before
    assert not pool.serves(3, 300, "")
    words = ocr.ocr_words(_page(["TICKET 4471"]), ocr.find_tesseract(), 30, warm=pool)
    assert "4471" in _texts(words)
    pool.close()
