"""Find and run Tesseract: one page at a time per process, single-threaded, killed on timeout.

Reads in the modes the pipeline uses most go to warm processes (`warm_tesseract`); the rest,
and every read where warm processes cannot be used, are one-shot calls through pytesseract.

Tesseract's own OpenMP threads make several parallel pages several times slower, so every call
runs with OMP_THREAD_LIMIT=1 and the engine gets its parallelism from running pages side by side.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytesseract

from .models import ErrorKind, PageError, TesseractMissing, Word
from .warm_tesseract import WarmTesseract, supports_streaming, write_pgm

INSTALL_HINT = (
    "Tesseract OCR is not installed or not found. "
    "On Windows install it from https://github.com/UB-Mannheim/tesseract/wiki "
    "(default folder C:\\Program Files\\Tesseract-OCR); on Debian/Ubuntu run "
    "'sudo apt install tesseract-ocr tesseract-ocr-eng'; "
    "or set HAULBOOK_TESSERACT to the program's path."
)

WINDOWS_FOLDERS = (
    r"C:\Program Files\Tesseract-OCR\tesseract.exe",
    r"C:\Program Files (x86)\Tesseract-OCR\tesseract.exe",
)

# pytesseract reads its program from a module attribute; one lock keeps the environment and that
# attribute consistent while worker threads configure it.
_cmd_lock = threading.Lock()


@dataclass(frozen=True)
class Tesseract:
    cmd: str
    version: str
    tessdata: str | None = None  # TESSDATA_PREFIX for a bundled copy


def bundled_candidates() -> list[Path]:
    """Where a bundled copy lives: next to the frozen app, or under resources/bin in a checkout."""
    roots = []
    meipass = getattr(sys, "_MEIPASS", None)
    if meipass:
        roots.append(Path(meipass))
    roots.append(Path(__file__).resolve().parent.parent / "resources")
    exe = "tesseract.exe" if os.name == "nt" else "tesseract"
    return [root / "bin" / "tesseract" / exe for root in roots]


def find_tesseract(explicit: str | None = None, env: dict[str, str] | None = None) -> Tesseract:
    """HAULBOOK_TESSERACT, then a bundled copy, then PATH, then the standard Windows folders."""
    env = dict(os.environ) if env is None else env
    candidates: list[str] = []
    if explicit:
        candidates.append(explicit)
    elif env.get("HAULBOOK_TESSERACT"):
        candidates.append(env["HAULBOOK_TESSERACT"])
    else:
        candidates += [str(p) for p in bundled_candidates()]
        on_path = shutil.which("tesseract")
        if on_path:
            candidates.append(on_path)
        if os.name == "nt":
            candidates += list(WINDOWS_FOLDERS)
    without_language: str | None = None
    for cand in candidates:
        resolved = shutil.which(cand) or (cand if Path(cand).is_file() else None)
        if not resolved:
            continue
        version = _version(resolved)
        if version:
            tessdata = Path(resolved).parent / "tessdata"
            found = Tesseract(resolved, version, str(tessdata) if tessdata.is_dir() else None)
            langs = languages(found)
            if langs is not None and LANGUAGE not in langs:
                without_language = without_language or resolved
                continue
            return found
    if without_language:
        # Every page would fail with Tesseract's own words for it: said once, before the run.
        raise TesseractMissing(
            f"Tesseract was found ({without_language}), but not its English language data"
            f" ({LANGUAGE}.traineddata), which it needs to read tickets. On Windows install"
            " Tesseract again and keep English selected; on Debian/Ubuntu run"
            " 'sudo apt install tesseract-ocr-eng'."
        )
    raise TesseractMissing(INSTALL_HINT)


LANGUAGE = "eng"


def languages(tesseract: Tesseract) -> set[str] | None:
    """The languages this Tesseract has data for; None when it does not say (not refused)."""
    answer = _ask(tesseract.cmd, "--list-langs", tesseract.tessdata)
    if answer is None:
        return None
    lines = answer[0].splitlines()
    if not lines or not lines[0].startswith("List of available"):
        return None
    return {line.strip() for line in lines[1:] if line.strip()}


def _version(cmd: str) -> str | None:
    answer = _ask(cmd, "--version", None)
    if answer is None:
        return None
    text = "".join(answer).strip()
    first = text.splitlines()[0] if text else ""
    if "tesseract" not in first.lower():
        return None
    return first.split()[-1] if first.split() else "unknown"


def _ask(cmd: str, flag: str, tessdata: str | None) -> tuple[str, str] | None:
    """Tesseract's stdout and stderr for one question about itself; None when it does not
    start, does not answer in time, or fails."""
    try:
        proc = subprocess.run(
            [cmd, flag],
            capture_output=True,
            timeout=20,
            env=_env(tessdata),
            creationflags=NO_WINDOW,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    if proc.returncode != 0:
        return None
    out, err = ((b or b"").decode("utf-8", "replace") for b in (proc.stdout, proc.stderr))
    return out, err


# Without CREATE_NO_WINDOW a frozen windowed app flashes a console for every Tesseract call.
NO_WINDOW = 0x08000000 if os.name == "nt" else 0


def _env(tessdata: str | None) -> dict[str, str]:
    env = dict(os.environ)
    env["OMP_THREAD_LIMIT"] = "1"
    if tessdata:
        env["TESSDATA_PREFIX"] = tessdata
    return env


def configure_process(tesseract: Tesseract) -> None:
    """pytesseract starts Tesseract with this process's environment and its module-level command."""
    with _cmd_lock:
        pytesseract.pytesseract.tesseract_cmd = tesseract.cmd
        os.environ["OMP_THREAD_LIMIT"] = "1"
        if tesseract.tessdata:
            os.environ["TESSDATA_PREFIX"] = tesseract.tessdata


def _write_pgm(image: np.ndarray) -> str:
    fd, path = tempfile.mkstemp(prefix="haulbook_", suffix=".pgm")
    os.close(fd)
    write_pgm(path, image)
    return path


def warm_pool(tesseract: Tesseract, wanted: bool = True) -> WarmTesseract:
    """Warm processes for the reads at 300 DPI in the modes the pipeline uses most (3 for a
    page, 6 for a block or a strip of cut-outs); off for a Tesseract that cannot stream, or
    when `wanted` is false."""
    return WarmTesseract(
        tesseract.cmd,
        _env(tesseract.tessdata),
        enabled=wanted and supports_streaming(tesseract.version),
        creationflags=NO_WINDOW,
    )


def ocr_words(
    image: np.ndarray,
    tesseract: Tesseract,
    timeout_s: float,
    psm: int = 3,
    dpi: int = 300,
    extra_config: str = "",
    warm: WarmTesseract | None = None,
) -> list[Word]:
    """Words with boxes and confidences from one grayscale page image (uint8 HxW), read by a
    warm process from `warm` where it serves this kind of read, else by a one-shot call."""
    if warm is not None and warm.serves(psm, dpi, extra_config):
        columns = warm.read(image, timeout_s, psm)
        if columns is not None:
            return _words_from_dict(columns)
    configure_process(tesseract)
    path = _write_pgm(image)
    config = f"--psm {psm} --dpi {int(dpi)} {extra_config}".strip()
    try:
        data = pytesseract.image_to_data(
            path, config=config, timeout=timeout_s, output_type=pytesseract.Output.DICT
        )
    except RuntimeError as exc:
        if "timeout" in str(exc).lower():
            raise PageError(
                ErrorKind.TIMEOUT, f"Reading the page took longer than {timeout_s:g} s."
            ) from exc
        raise PageError(ErrorKind.OCR_FAILED, f"Tesseract failed: {exc}") from exc
    except pytesseract.TesseractNotFoundError as exc:
        raise TesseractMissing(INSTALL_HINT) from exc
    except pytesseract.TesseractError as exc:
        raise PageError(
            ErrorKind.OCR_FAILED, f"Tesseract stopped with an error ({exc.status})."
        ) from exc
    except (OSError, ValueError) as exc:
        raise PageError(ErrorKind.OCR_FAILED, f"Tesseract output unreadable: {exc}") from exc
    finally:
        with contextlib.suppress(OSError):
            os.unlink(path)
    return _words_from_dict(data)


def _words_from_dict(data: dict[str, list]) -> list[Word]:
    words: list[Word] = []
    n = len(data.get("text", []))
    for i in range(n):
        text = _without_marks(str(data["text"][i]).strip())
        if not text:
            continue
        try:
            # Whole numbers, as pytesseract gives them: every threshold was set on those.
            conf = float(int(float(data["conf"][i])))
        except (TypeError, ValueError):
            conf = -1.0
        words.append(
            Word(
                text=text,
                left=int(data["left"][i]),
                top=int(data["top"][i]),
                width=int(data["width"][i]),
                height=int(data["height"][i]),
                conf=max(conf, 0.0),
                block=int(data["block_num"][i]) * 1000 + int(data["par_num"][i]),
                line=int(data["line_num"][i]),
            )
        )
    return words


# No ticket prints a trademark sign inside a value; Tesseract reads one into a short word
# ('T™N' for 'TN') where a speck sits above the letters.
_MARKS = str.maketrans("", "", "™®©")


def _without_marks(text: str) -> str:
    bare = text.translate(_MARKS)
    return bare if any(c.isalnum() for c in bare) else text


def detect_rotation(image: np.ndarray, tesseract: Tesseract, timeout_s: float) -> int | None:
    """Tesseract's orientation guess: degrees to turn the page counter-clockwise, the way
    `Preprocessor.rotate` turns, to make it upright (None: no confident guess).

    OSD's own 'Rotate' is clockwise (measured: a page turned 90 degrees counter-clockwise
    reports 'Rotate: 90'); turned counter-clockwise by that, a quarter-turned page ends up
    upside down."""
    configure_process(tesseract)
    path = _write_pgm(image)
    try:
        out = pytesseract.image_to_osd(path, config="--psm 0", timeout=timeout_s)
    except (RuntimeError, pytesseract.TesseractError, OSError):
        return None  # too little text for OSD: not an error
    finally:
        with contextlib.suppress(OSError):
            os.unlink(path)
    rotate = None
    conf = 0.0
    for line in str(out).splitlines():
        key, _, value = line.partition(":")
        if key.strip() == "Rotate":
            rotate = int(value.strip())
        elif key.strip() == "Orientation confidence":
            conf = float(value.strip())
    if rotate is None or conf < 2.0:
        return None
    return (360 - rotate) % 360
