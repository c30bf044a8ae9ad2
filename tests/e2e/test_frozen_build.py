"""The frozen one-folder build: scripts/build makes it, and it works without the checkout.

Built once per test session into a temp folder (about 40 s on 2 cores), with this machine's
Tesseract bundled the way a Windows build bundles the UB Mannheim one, and then run with an
empty PATH so that only the bundled copy can be found.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.conftest import ROOT, make_ticket_folder

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="Windows builds use scripts/build.ps1"),
]


@dataclass
class Frozen:
    app: Path
    bundled_tesseract: Path
    empty_path: Path


def _stage_tesseract(dest: Path) -> None:
    """A folder laid out like resources/bin/tesseract: the program and its tessdata."""
    exe = shutil.which("tesseract")
    assert exe, "the frozen build test needs Tesseract installed"
    listing = subprocess.run(
        [exe, "--list-langs"], capture_output=True, text=True, timeout=30
    ).stdout
    # 'List of available languages in "/usr/share/tesseract-ocr/5/tessdata/" (2):'
    found = re.search(r'"([^"]+)"', listing)
    assert found, listing
    tessdata = Path(found.group(1))
    (dest / "tessdata").mkdir(parents=True)
    shutil.copy2(exe, dest / "tesseract")
    for name in ("eng.traineddata", "osd.traineddata"):
        if (tessdata / name).is_file():
            shutil.copy2(tessdata / name, dest / "tessdata" / name)
    for sub in ("configs", "tessconfigs"):
        if (tessdata / sub).is_dir():
            shutil.copytree(tessdata / sub, dest / "tessdata" / sub)


@pytest.fixture(scope="session")
def frozen(tmp_path_factory: pytest.TempPathFactory) -> Frozen:
    base = tmp_path_factory.mktemp("frozen")
    _stage_tesseract(base / "tesseract")
    proc = subprocess.run(
        [
            str(ROOT / "scripts" / "build"),
            "--tesseract",
            str(base / "tesseract"),
            "--dist",
            str(base / "dist"),
            "--work",
            str(base / "work"),
            "--no-self-test",
        ],
        capture_output=True,
        text=True,
        timeout=900,
        env={**os.environ, "PYTHON": sys.executable},
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    app = base / "dist" / "haulbook"
    empty = base / "empty-path"
    empty.mkdir()
    return Frozen(app, app / "_internal" / "resources" / "bin" / "tesseract", empty)


def _run_frozen(
    frozen: Frozen, args: list[str], data_dir: Path, cwd: Path
) -> subprocess.CompletedProcess[str]:
    # Nothing from the checkout or the venv: no PYTHONPATH, no Tesseract on PATH.
    env = {
        "HOME": str(data_dir.parent),
        "PATH": str(frozen.empty_path),
        "HAULBOOK_DATA_DIR": str(data_dir),
        "HAULBOOK_DEVICE": "cpu",
        "QT_QPA_PLATFORM": "offscreen",
        "LANG": "C.UTF-8",
    }
    return subprocess.run(
        [str(frozen.app / "haulbook-cli"), *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=str(cwd),
        timeout=300,
    )


def test_both_programs_and_the_resources_are_in_the_folder(frozen: Frozen) -> None:
    assert os.access(frozen.app / "haulbook", os.X_OK)
    assert os.access(frozen.app / "haulbook-cli", os.X_OK)
    internal = frozen.app / "_internal"
    assert list((internal / "resources" / "vendors").glob("*.toml"))
    assert (internal / "resources" / "selftest_ticket.png").is_file()
    assert (frozen.bundled_tesseract / "tessdata" / "eng.traineddata").is_file()
    # Trimmed Qt: no translations, no QML runtime.
    assert not list(internal.rglob("qtbase_*.qm"))
    assert not list(internal.rglob("*Qt6Qml*"))


def test_frozen_self_test_uses_the_bundled_tesseract(frozen: Frozen, tmp_path: Path) -> None:
    proc = _run_frozen(frozen, ["--self-test"], tmp_path / "data", tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    lines = proc.stdout.strip().splitlines()
    assert lines[-1].startswith("OK"), proc.stdout
    tess_line = next(line for line in lines if line.strip().startswith("tesseract:"))
    assert str(frozen.bundled_tesseract) in tess_line
    assert (tmp_path / "data" / "haulbook.sqlite3").is_file()


def test_frozen_cli_runs_a_folder_into_a_workbook(frozen: Frozen, tmp_path: Path) -> None:
    expected = make_ticket_folder(tmp_path / "scans", count=1, start=730011)
    out = tmp_path / "out"
    proc = _run_frozen(
        frozen,
        ["run", str(tmp_path / "scans"), "--out", str(out), "--json"],
        tmp_path / "data",
        tmp_path,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    summary = json.loads(proc.stdout.strip().splitlines()[-1])
    assert summary["files_done"] == 1 and summary["tickets"] == 1
    assert (out / "tickets.xlsx").is_file()
    sheet = load_workbook(out / "tickets.xlsx", read_only=True)["Tickets"]
    numbers = [str(row[3]) for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert numbers == [n for ns in expected.values() for n in ns]
