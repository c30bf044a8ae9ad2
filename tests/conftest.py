"""Shared fixtures: an isolated data dir, folders of generated tickets, a CLI runner."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests import ticketgen

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT.parent / "shared" / "samples"
# The six real scans live beside the checkout, not in it: a checkout without them skips the
# tests that read them rather than failing on a missing file.
needs_samples = pytest.mark.skipif(
    not (SAMPLES / "truth.csv").is_file(), reason=f"the real sample scans are not at {SAMPLES}"
)

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own SQLite store, never the user's."""
    path = tmp_path / "data"
    monkeypatch.setenv("HAULBOOK_DATA_DIR", str(path))
    monkeypatch.delenv("HAULBOOK_TESSERACT", raising=False)
    monkeypatch.setenv("HAULBOOK_DEVICE", "cpu")
    return path


@dataclass
class CliResult:
    code: int
    stdout: str
    stderr: str

    @property
    def summary(self) -> dict:
        return json.loads(self.stdout.strip().splitlines()[-1])


def run_cli(args: list[str], env: dict[str, str] | None = None, timeout: float = 300) -> CliResult:
    """The real command line in its own process, as a script would call it."""
    full_env = dict(os.environ)
    full_env.update(env or {})
    full_env["PYTHONPATH"] = str(ROOT)
    proc = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        capture_output=True,
        text=True,
        env=full_env,
        timeout=timeout,
        cwd=str(ROOT),
    )
    return CliResult(proc.returncode, proc.stdout, proc.stderr)


@pytest.fixture
def cli(data_dir: Path):  # type: ignore[no-untyped-def]
    def call(*args: str, env: dict[str, str] | None = None, timeout: float = 300) -> CliResult:
        merged = {"HAULBOOK_DATA_DIR": str(data_dir), "HAULBOOK_DEVICE": "cpu"}
        merged.update(env or {})
        return run_cli(list(args), merged, timeout)

    return call


def printed_spec(number: str, layout: str = "landfill", seed: int = 0) -> ticketgen.TicketSpec:
    spec = ticketgen.random_spec(__import__("random").Random(seed), layout)
    spec.ticket_number = number
    return spec


def age(path: Path, seconds: float = 60) -> None:
    """Generated files are 'old': the settle check must not wait for them."""
    t = dt.datetime.now().timestamp() - seconds
    os.utime(path, (t, t))


def make_ticket_folder(root: Path, count: int = 3, start: int = 700100) -> dict[str, list[str]]:
    """PNGs of printed tickets; returns {relative file: [ticket numbers]}."""
    root.mkdir(parents=True, exist_ok=True)
    expected: dict[str, list[str]] = {}
    layouts = ticketgen.PRINTED_LAYOUTS
    for i in range(count):
        number = str(start + i * 7)
        spec = printed_spec(number, layouts[i % len(layouts)], seed=i)
        img = ticketgen.render_ticket(spec, ticketgen.Style(dpi=150))
        name = f"ticket {i:02d}.png"
        img.save(root / name)
        age(root / name)
        expected[name] = [number]
    return expected


@pytest.fixture(scope="session")
def mixed_folder(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, list[str]]]:
    """Every supported container: digital PDF, scanned multi-page PDF, PNG, JPEG, multi-page TIFF,
    an iPhone's HEIC photo stored sideways, in a sub-folder and with a non-ASCII name with
    spaces."""
    root = tmp_path_factory.mktemp("mixed") / "Scans Día 1"
    (root / "sub folder").mkdir(parents=True)
    expected: dict[str, list[str]] = {}
    style = ticketgen.Style(dpi=150)
    s = [printed_spec(str(810000 + i * 11), ticketgen.PRINTED_LAYOUTS[i % 4], i) for i in range(8)]

    ticketgen.write_digital_pdf(root / "emailed.pdf", [s[0]])
    expected["emailed.pdf"] = [s[0].ticket_number]

    imgs = [ticketgen.render_ticket(sp, style) for sp in s[1:3]]
    ticketgen.write_scanned_pdf(root / "sub folder" / "scan two pages.pdf", imgs, dpi=150)
    expected["sub folder/scan two pages.pdf"] = [s[1].ticket_number, s[2].ticket_number]

    ticketgen.render_ticket(s[3], style).save(root / "bon de pesée é.png")
    expected["bon de pesée é.png"] = [s[3].ticket_number]

    ticketgen.render_ticket(s[4], style).save(root / "phone.jpg", quality=85)
    expected["phone.jpg"] = [s[4].ticket_number]

    frames = [ticketgen.render_ticket(sp, style) for sp in s[5:7]]
    frames[0].save(
        root / "multi.tif", save_all=True, append_images=frames[1:], compression="tiff_lzw"
    )
    expected["multi.tif"] = [s[5].ticket_number, s[6].ticket_number]

    # Stored sideways with the turn in its metadata, as a phone's camera does.
    from PIL import Image
    from pillow_heif import register_heif_opener

    register_heif_opener()
    exif = Image.Exif()
    exif[0x0112] = 6
    sideways = ticketgen.render_ticket(s[7], style).transpose(Image.Transpose.ROTATE_90)
    sideways.save(root / "IMG_4127.HEIC", exif=exif.tobytes(), quality=80)
    expected["IMG_4127.HEIC"] = [s[7].ticket_number]

    for path in root.rglob("*"):
        if path.is_file():
            age(path)
    return root, expected


@pytest.fixture
def workdir(tmp_path: Path) -> Iterator[Path]:
    yield tmp_path
