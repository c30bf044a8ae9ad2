"""Where outputs go by default: a timestamped folder under the user's Documents."""

from __future__ import annotations

import datetime as dt
import pathlib
import re

import platformdirs

APP_FOLDER = "Haulbook"
# Windows refuses these in a name; they also confuse shells and URLs elsewhere.
_BAD_CHARS = re.compile(r'[<>:"/\\|?*\x00-\x1f]+')
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10))}
_RESERVED |= {f"LPT{i}" for i in range(1, 10)}
_NAME_MAX = 60


def documents_dir() -> pathlib.Path:
    return pathlib.Path(platformdirs.user_documents_dir())


def safe_folder_name(name: str) -> str:
    cleaned = _BAD_CHARS.sub("_", name).strip().rstrip(". ")
    cleaned = cleaned[:_NAME_MAX].rstrip(". ")
    if not cleaned or cleaned.upper().split(".")[0] in _RESERVED:
        cleaned = f"scans {cleaned}".strip()
    return cleaned


def default_output_dir(
    input_dir: pathlib.Path,
    now: dt.datetime | None = None,
    *,
    root: pathlib.Path | None = None,
) -> pathlib.Path:
    """`Documents/Haulbook/2026-11-23 1530 <folder name>`; a new name if that one exists.

    Nothing is created here. `root` replaces Documents/Haulbook (tests, portable use).
    """
    now = now or dt.datetime.now()
    base = root if root is not None else documents_dir() / APP_FOLDER
    folder = safe_folder_name(pathlib.Path(input_dir).absolute().name)
    name = f"{now:%Y-%m-%d %H%M} {folder}"
    candidate = base / name
    n = 2
    while candidate.exists():
        candidate = base / f"{name} ({n})"
        n += 1
    return candidate
