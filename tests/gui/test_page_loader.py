"""The review view's page image: shown upright, the way its fields were read."""

from __future__ import annotations

import queue
import threading
from pathlib import Path

import numpy as np
from PIL import Image, ImageOps

from engine.store import Store
from gui.gui_events import PageImage
from gui.page_loader import PageLoader
from tests import ticketgen
from tests.conftest import age, printed_spec


def _shown(tmp_path: Path, cli, data_dir: Path, scan: Image.Image, name: str):  # type: ignore[no-untyped-def]  # noqa: ANN202
    """Run the CLI over a folder holding `scan`; its one ticket, where its page is, and the
    page image the review view is given for it."""
    folder = tmp_path / "scans"
    folder.mkdir()
    scan.save(folder / name)
    age(folder / name)
    assert cli("run", str(folder), "--out", str(tmp_path / "out")).code == 0
    store = Store(data_dir)
    try:
        (ticket,) = store.tickets(store.list_runs()[0].run_id)
        where = store.page_location(ticket.ticket_id)  # type: ignore[arg-type]
    finally:
        store.close()
    assert where is not None
    events: queue.SimpleQueue[PageImage] = queue.SimpleQueue()
    PageLoader(events.put, threading.Lock()).request(ticket.ticket_id, *where)  # type: ignore[arg-type]
    image = events.get(timeout=60)
    assert image.problem is None
    return ticket, where, image


def test_a_sideways_scan_is_shown_upright(tmp_path: Path, cli, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    style = ticketgen.Style(dpi=150, rotate=90)
    scan = ticketgen.render_ticket(printed_spec("733101"), style)
    _, where, image = _shown(tmp_path, cli, data_dir, scan, "sideways.png")
    assert where[2] in (90, 270)
    height, width = image.rgb.shape[:2]
    assert width > height  # the scan is taller than wide; the ticket itself is landscape


def test_a_page_scanned_from_its_back_is_shown_the_right_way_round(  # type: ignore[no-untyped-def]
    tmp_path: Path, cli, data_dir: Path
) -> None:
    """The fields were read from the page flipped; shown as scanned, the operator checking
    them faced mirror writing."""
    scan = ticketgen.render_ticket(printed_spec("733102", "quarry"), ticketgen.Style(dpi=150))
    ticket, where, image = _shown(tmp_path, cli, data_dir, ImageOps.mirror(scan), "back.png")
    assert ticket.ticket_number == "733102"
    assert where[3] is True
    upright = np.asarray(scan.convert("RGB"), dtype=np.int16)
    if image.rgb.shape[:2] != upright.shape[:2]:  # drawn at another resolution: compare halves
        upright = np.asarray(scan.convert("RGB").resize(image.rgb.shape[1::-1]), dtype=np.int16)
    shown = image.rgb.astype(np.int16)
    assert np.abs(shown - upright).mean() < np.abs(shown[:, ::-1] - upright).mean() / 2
