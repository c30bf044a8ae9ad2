"""The window under pytest-qt: an isolated store and QSettings, dialogs that answer themselves."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from PySide6.QtCore import QSettings, QUrl

from engine import runner as runner_mod
from engine.models import ErrorKind, PageError, PageResult, Ticket
from engine.pagetask import PageContext, PageJob
from engine.store import Store
from gui.main_window import MainWindow
from gui.resume_dialog import ResumeChoice
from tests.conftest import age


class FakeDialogs:
    """Records every message; answers questions as the test decides."""

    def __init__(self) -> None:
        self.errors: list[tuple[str, str]] = []
        self.infos: list[tuple[str, str]] = []
        self.confirm_answer = True
        self.confirms: list[str] = []
        self.folder_answer: str | None = None

    def error(self, title: str, text: str) -> None:
        self.errors.append((title, text))

    def info(self, title: str, text: str) -> None:
        self.infos.append((title, text))

    def confirm(self, title: str, text: str, yes: str = "Yes", no: str = "No") -> bool:
        self.confirms.append(title)
        return self.confirm_answer

    def choose_folder(self, title: str, start: str = "") -> str | None:
        return self.folder_answer


class StandIn:
    """A fast stand-in for the OCR page task: records calls, optional delay and review flag."""

    def __init__(self, delay_s: float = 0.0, needs_review: bool = False) -> None:
        self.delay_s = delay_s
        self.needs_review = needs_review
        self.failing: set[str] = set()  # names whose page Tesseract "fails" on
        self.calls: list[str] = []
        self.lock = threading.Lock()

    def __call__(self, job: PageJob, ctx: PageContext) -> PageResult:
        with self.lock:
            self.calls.append(job.rel_path)
        if self.delay_s:
            time.sleep(self.delay_s)
        if job.rel_path in self.failing:
            raise PageError(ErrorKind.OCR_FAILED, "Tesseract stopped with an error (1).")
        stem = Path(job.rel_path).stem
        digits = "".join(ch for ch in stem if ch.isdigit()) or "0"
        ticket = Ticket(
            job.rel_path,
            job.page_index + 1,
            vendor="ACME AGGREGATES",
            ticket_number=f"T{int(digits):05d}",
            quantity=12.5,
            unit="TN",
            confidence=0.5 if self.needs_review else 0.95,
            needs_review=self.needs_review,
            review_reasons=["LOW_CONFIDENCE"] if self.needs_review else [],
            field_confidence={"ticket_number": 0.4 if self.needs_review else 0.95},
            uncertain_fields=["ticket_number"] if self.needs_review else [],
        )
        return PageResult(job.file_id, job.page_index, "ocr", [ticket], ocr_used=True)


def tiny_pngs(root: Path, count: int, prefix: str = "t") -> list[str]:
    """Small real image files: the stand-in page task does not look at their pixels."""
    root.mkdir(parents=True, exist_ok=True)
    names = []
    for i in range(count):
        name = f"{prefix}{i:03d}.png"
        Image.new("RGB", (60, 40), (250, 250, 250)).save(root / name)
        age(root / name)
        names.append(name)
    return names


@pytest.fixture
def stand_in(monkeypatch: pytest.MonkeyPatch) -> Callable[..., StandIn]:
    def install(delay_s: float = 0.0, needs_review: bool = False) -> StandIn:
        fake = StandIn(delay_s, needs_review)
        monkeypatch.setattr(runner_mod, "process_page", fake)
        return fake

    return install


@pytest.fixture
def make_window(qtbot: Any, data_dir: Path, tmp_path: Path) -> Iterator[Callable[..., MainWindow]]:
    """Builds windows on one isolated store and settings file; stops their runs afterwards."""
    made: list[tuple[MainWindow, Store]] = []

    def build(show: bool = True) -> MainWindow:
        store = Store(data_dir)
        settings = QSettings(str(tmp_path / "haulbook.ini"), QSettings.Format.IniFormat)
        dialogs = FakeDialogs()
        window = MainWindow(store, settings, dialogs=dialogs)  # type: ignore[arg-type]
        window.opened: list[str] = []  # type: ignore[misc]
        window.open_url = lambda url: window.opened.append(QUrl(url).toLocalFile())  # type: ignore[attr-defined]
        window.asked: list[Any] = []  # type: ignore[misc]

        def ask(run: Any) -> ResumeChoice:
            window.asked.append(run)  # type: ignore[attr-defined]
            return window.resume_answer  # type: ignore[attr-defined,no-any-return]

        window.resume_answer = ResumeChoice.LATER  # type: ignore[attr-defined]
        window.ask_resume = ask
        qtbot.addWidget(window)
        if show:
            window.show()
        made.append((window, store))
        return window

    yield build
    for window, store in made:
        # Nothing that lands after the test (a page image, a review list) reaches a window
        # being torn down.
        window.bridge.stop()
        if window.controller.running:
            window.controller.cancel()
            window.controller.join(60)
        store.close()


def wait_finished(qtbot: Any, window: MainWindow, timeout_ms: int = 120_000) -> Any:
    with qtbot.waitSignal(window.run_finished, timeout=timeout_ms) as blocker:
        pass
    return blocker.args[0]


def start_and_wait(qtbot: Any, window: MainWindow, timeout_ms: int = 120_000, **kw: Any) -> Any:
    with qtbot.waitSignal(window.run_finished, timeout=timeout_ms) as blocker:
        assert window.start(**kw)
    return blocker.args[0]
