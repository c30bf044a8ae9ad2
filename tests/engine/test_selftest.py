"""`haulbook --self-test` in-process: what support sees for a good and for a broken install."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from PIL import Image

from engine.selftest import SAMPLE_TICKET_NUMBER, self_test


def _run(**kwargs: object) -> tuple[int, list[str]]:
    out = io.StringIO()
    code = self_test(out, **kwargs)  # type: ignore[arg-type]
    return code, out.getvalue().splitlines()


def test_a_working_install_reads_the_builtin_ticket(data_dir: Path) -> None:
    code, lines = _run()
    assert code == 0, lines
    assert lines[-1].startswith("OK")
    assert SAMPLE_TICKET_NUMBER in lines[-1]
    assert any(line.strip().startswith("tesseract: ") for line in lines)
    # The real store was created, and the write probe did not stay behind.
    assert (data_dir / "haulbook.sqlite3").is_file()
    assert not list(data_dir.glob(".selftest-*"))


def test_missing_tesseract_fails_with_the_install_hint(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("HAULBOOK_TESSERACT", str(tmp_path / "no-such-tesseract"))
    code, lines = _run()
    assert code == 3
    assert lines[-1].startswith("FAILED")
    assert "UB-Mannheim" in lines[-1]


def test_tesseract_without_english_data_is_named(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # A bundled copy whose tessdata lost eng.traineddata: every page would fail later.
    real = shutil.which("tesseract")
    assert real, "these tests need Tesseract"
    bundle = tmp_path / "tesseract"
    (bundle / "tessdata").mkdir(parents=True)
    shutil.copy2(real, bundle / "tesseract")
    monkeypatch.setenv("HAULBOOK_TESSERACT", str(bundle / "tesseract"))
    code, lines = _run()
    assert code == 3
    assert lines[-1].startswith("FAILED")
    assert "eng.traineddata" in lines[-1]


def test_unwritable_data_folder_fails_with_its_path(tmp_path: Path, data_dir: Path) -> None:
    not_a_folder = tmp_path / "occupied"
    not_a_folder.write_text("a file where the data folder should be")
    code, lines = _run(data_dir=not_a_folder / "data")
    assert code == 4
    assert lines[-1].startswith("FAILED")
    assert str(not_a_folder) in lines[-1]


def test_a_page_that_reads_as_nothing_fails(data_dir: Path, tmp_path: Path) -> None:
    blank = tmp_path / "blank.png"
    Image.new("L", (1000, 600), 255).save(blank, dpi=(120, 120))
    code, lines = _run(sample=blank)
    assert code == 1
    assert lines[-1].startswith("FAILED")
    assert "OCR is broken" in lines[-1]
