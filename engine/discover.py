"""Walk an input folder: the files worth reading, junk left out, each fingerprinted."""

from __future__ import annotations

import fnmatch
import hashlib
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from .documents import SUPPORTED_EXTS, UNREAD_SCAN_EXTS, starts_like_a_scan
from .models import FileTask

JUNK_NAMES = {"thumbs.db", "desktop.ini", ".ds_store", "ehthumbs.db"}
JUNK_PATTERNS = ("~$*", "*.tmp", "._*", "*.part", "*.crdownload")


@dataclass
class Found:
    """What a walk finds: files to read, and scans of a kind Haulbook cannot read.

    Other files (notes, spreadsheets) are left alone: they are not tickets and not errors.
    """

    files: list[FileTask]
    unsupported: list[FileTask]
    # Names that are not valid text (bytes of another encoding, on a share from an old
    # system): the store keeps names as text, so these are reported, shown with '?' marks.
    bad_names: list[FileTask] = field(default_factory=list)
    # Folders inside the input folder that could not be listed (no permission, an offline
    # share): their files are unknown, so the folder itself is reported, its name ending '/'.
    unreadable: list[FileTask] = field(default_factory=list)


def is_junk(name: str) -> bool:
    lower = name.lower()
    if lower in JUNK_NAMES or lower.startswith("."):
        return True
    return any(fnmatch.fnmatch(lower, pat) for pat in JUNK_PATTERNS)


def _hidden(entry: os.DirEntry[str]) -> bool:
    if entry.name.startswith("."):
        return True
    try:
        attrs = getattr(entry.stat(follow_symlinks=False), "st_file_attributes", 0)
    except OSError:
        return False
    return bool(attrs & getattr(stat, "FILE_ATTRIBUTE_HIDDEN", 0))


# What Haulbook writes into an output folder. One kept inside the scans folder (a natural
# choice: 'Scans/Haulbook output') must not be read back: its report is a PDF, and its pages
# came back as tickets on the next run. Outputs written into the scans folder itself lose
# only the report.
OUTPUT_SIGNATURE = {"summary.json", "run_report.pdf"}


def _is_output_folder(entries: list[os.DirEntry[str]]) -> bool:
    return OUTPUT_SIGNATURE.issubset(e.name.lower() for e in entries)


# What an operator is told of a folder whose entries cannot be read.
CANNOT_LIST = (
    "cannot be opened (no permission, or on a drive or network share that is not connected)"
)


def can_list(folder: Path) -> bool:
    """Whether the folder's entries can be read (a folder without read permission, or on a
    share gone offline, cannot)."""
    try:
        with os.scandir(folder) as it:
            next(it, None)
    except OSError:
        return False
    return True


def _walk(root: Path, unreadable: list[Path]) -> Iterator[os.DirEntry[str]]:
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name.lower())
        except OSError:
            unreadable.append(folder)  # reported, not fatal: the other folders are read
            continue
        ours = _is_output_folder(entries)
        if ours and folder != root:
            continue
        for entry in entries:
            if _hidden(entry) or is_junk(entry.name):
                continue
            if ours and entry.name.lower() == "run_report.pdf":
                continue  # outputs written into the scans folder itself
            try:
                if entry.is_dir(follow_symlinks=False):
                    stack.append(Path(entry.path))
                elif entry.is_file():
                    yield entry
            except OSError:
                continue


def discover(root: Path) -> Found:
    root = root.resolve()
    files: list[FileTask] = []
    unsupported: list[FileTask] = []
    bad_names: list[FileTask] = []
    unreadable_dirs: list[Path] = []
    for entry in _walk(root, unreadable_dirs):
        try:
            st = entry.stat()
        except OSError:
            continue
        rel = Path(entry.path).relative_to(root).as_posix()
        task = FileTask(path=entry.path, rel_path=rel, size=st.st_size, mtime=st.st_mtime)
        suffix = Path(entry.name).suffix.lower()
        if suffix in SUPPORTED_EXTS and not _is_text(rel):
            shown = os.fsencode(rel).decode("utf-8", "replace").replace("\ufffd", "?")
            bad_names.append(replace(task, path=str(root / shown), rel_path=shown))
        elif suffix in SUPPORTED_EXTS:
            files.append(task)
        elif suffix in UNREAD_SCAN_EXTS:
            unsupported.append(task)
        elif _is_text(rel) and starts_like_a_scan(entry.path):
            # A scan under a name that says nothing: saved without an extension, numbered by
            # scanning software ('scan.001'), kept as 'ticket.pdf.bak'. Read, as its bytes say.
            files.append(task)
    unreadable = [
        FileTask(path=str(d), rel_path=d.relative_to(root).as_posix() + "/", size=0, mtime=0.0)
        for d in unreadable_dirs
        if d != root and _is_text(str(d))
    ]
    key = lambda t: t.rel_path.lower()  # noqa: E731
    return Found(
        sorted(files, key=key),
        sorted(unsupported, key=key),
        sorted(bad_names, key=key),
        sorted(unreadable, key=key),
    )


def _is_text(name: str) -> bool:
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def sha256_of(path: str, chunk: int = 1 << 20) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while block := fh.read(chunk):
            digest.update(block)
    return digest.hexdigest()
