"""Writes a run's outputs on a worker thread with its own Store; the outcome goes to a sink."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .gui_events import ExportDone, ExportFailed

log = logging.getLogger(__name__)


def start_export(
    data_dir: Path, run_id: int, out_dir: Path | None, sink: Callable[[Any], None]
) -> threading.Thread:
    """`out_dir` None: the default timestamped folder under the user's documents."""
    thread = threading.Thread(
        target=_export, args=(data_dir, run_id, out_dir, sink), name="haulbook-export", daemon=True
    )
    thread.start()
    return thread


def _export(data_dir: Path, run_id: int, out_dir: Path | None, sink: Callable[[Any], None]) -> None:
    # openpyxl and reportlab load here, on the worker thread, never at the window's start-up.
    from engine.export import default_output_dir, write_outputs
    from engine.models import OutputNotWritable
    from engine.store import Store

    store = None
    try:
        store = Store(data_dir, recover=False)
        data = store.export_data(run_id)
        if out_dir is None:
            out_dir = default_output_dir(Path(data.input_dir))
        result = write_outputs(data, out_dir)
        store.set_output_dir(run_id, str(result.out_dir))
        files = {name: str(path) for name, path in result.files.items()}
        sink(ExportDone(str(result.out_dir), files, list(result.warnings)))
    except OutputNotWritable as exc:
        sink(ExportFailed(exc.message, str(out_dir or ""), not_writable=True))
    except OSError as exc:
        where = out_dir or "the output folder"
        sink(
            ExportFailed(
                f"The outputs could not be written to {where}: {exc.strerror or exc}. "
                "Choose another folder; the run's results are kept.",
                str(out_dir or ""),
                not_writable=True,
            )
        )
    except Exception as exc:  # noqa: BLE001 - the window must hear about any failure
        log.exception("export failed")
        sink(ExportFailed(f"The export failed ({type(exc).__name__}: {exc}).", str(out_dir or "")))
    finally:
        if store is not None:
            store.close()
