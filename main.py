"""Haulbook's entry point: the window, or the command line when a subcommand is given."""

from __future__ import annotations

import multiprocessing
import os
import sys

COMMANDS = ("run", "runs", "export")


def main(argv: list[str] | None = None) -> int:
    """No arguments, or one folder or file (dropped on the icon): the window. Anything else,
    and a subcommand even where a folder of that name exists: the CLI."""
    # NumPy's OpenBLAS starts a thread per core at import (a tenth of a second of CPU on a busy
    # machine) for matrix work Haulbook never does; the cores belong to Tesseract.
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    argv = sys.argv[1:] if argv is None else argv
    dropped = len(argv) == 1 and argv[0] not in COMMANDS and os.path.exists(argv[0])
    if argv and not dropped:
        from engine.cli import main as cli_main

        return cli_main(argv)
    from gui.app import main as gui_main

    return gui_main(argv)


if __name__ == "__main__":
    multiprocessing.freeze_support()
    sys.exit(main())
