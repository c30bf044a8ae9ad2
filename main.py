"""Haulbook's entry point: the window, or the command line when a subcommand is given."""

from __future__ import annotations

import multiprocessing
import sys

CLI_WORDS = {"run", "runs", "export", "--version", "--self-test", "-h", "--help"}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and (argv[0] in CLI_WORDS or argv[0].startswith("-")):
        from engine.cli import main as cli_main

        return cli_main(argv)
    from gui.app import main as gui_main

    return gui_main(argv)


if __name__ == "__main__":
    multiprocessing.freeze_support()
    sys.exit(main())
