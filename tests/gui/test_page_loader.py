"""The review view's page image: shown upright, the way its fields were read."""

from __future__ import annotations

import queue
import threading
from pathlib import Path

import numpy as np
from PIL import ImageOps

from engine.store import Store
from gui.gui_events import PageImage
from gui.page_loader import PageLoader
from tests import ticketgen
from tests.conftest import age, printed_spec


def test_a_sideways_scan_is_shown_upright(tmp_path: Path, cli, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "scans"
    folder.mkdir()
    style = ticketgen.Style(dpi=150, rotate=90)
    ticketgen.render_ticket(printed_spec("733101"), style).save(folder / "sideways.png")
    age(folder / "sideways.png")
    assert cli("run", str(folder), "--out", str(tmp_path / "out")).code == 0

    store = Store(data_dir)
    try:
        (ticket,) = store.tickets(store.list_runs()[0].run_id)
        where = store.page_location(ticket.ticket_id)  # type: ignore[arg-type]
    finally:
        store.close()
    assert where is not None and where[2] in (90, 270)

    events: queue.SimpleQueue[PageImage] = queue.SimpleQueue()
    PageLoader(events.put, threading.Lock()).request(ticket.ticket_id, *where)  # type: ignore[arg-type]
    image = events.get(timeout=60)
    assert image.problem is None
    height, width = image.rgb.shape[:2]
    assert width > height  # the scan is taller than wide; the ticket itself is landscape


def test_a_page_scanned_from_its_back_is_shown_the_right_way_round(  # type: ignore[no-untyped-def]
    tmp_path: Path, cli, data_dir: Path
) -> None:
    """The fields were read from the page flipped; shown as scanned, the operator checking
    them faced mirror writing."""
    folder = tmp_path / "scans"
    folder.mkdir()
    scan = ticketgen.render_ticket(printed_spec("733102", "quarry"), ticketgen.Style(dpi=150))
    ImageOps.mirror(scan).save(folder / "carbon back.png")
    age(folder / "carbon back.png")
    assert cli("run", str(folder), "--out", str(tmp_path / "out")).code == 0

    store = Store(data_dir)
    try:
        (ticket,) = store.tickets(store.list_runs()[0].run_id)
        where = store.page_location(ticket.ticket_id)  # type: ignore[arg-type]
    finally:
        store.close()
    assert ticket.ticket_number == "733102"
    assert where is not None and where[3] is True

    events: queue.SimpleQueue[PageImage] = queue.SimpleQueue()
    PageLoader(events.put, threading.Lock()).request(ticket.ticket_id, *where)  # type: ignore[arg-type]
    image = events.get(timeout=60)
    assert image.problem is None
    upright = np.asarray(scan.convert("RGB"), dtype=np.int16)
    if image.rgb.shape[:2] != upright.shape[:2]:  # drawn at another resolution: compare halves
        upright = np.asarray(scan.convert("RGB").resize(image.rgb.shape[1::-1]), dtype=np.int16)
    shown = image.rgb.astype(np.int16)
    assert np.abs(shown - upright).mean() < np.abs(shown[:, ::-1] - upright).mean() / 2
