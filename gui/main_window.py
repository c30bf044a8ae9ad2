"""The main window: pick a folder, start a run, watch it, fix what needs a person, export.

The window does no work itself. Runs, exports, the start-up probe, page images and the tickets
to review at the end of a run are done on worker threads; everything they report arrives
through one EventBridge as plain events, which `_on_batch` applies to the models in one pass
per tick.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QPoint,
    QSettings,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMenu,
    QSizePolicy,
    QStyle,
    QTableView,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from engine.device import DeviceProbe
from engine.events import Progress, RunFinished, RunStarted
from engine.models import RunStatus, RunSummary

from . import settings_store
from .bridge import EventBridge
from .dialogs import Dialogs
from .error_panel import ErrorPanel, problem_rows
from .export_job import start_export
from .file_table_model import COL_FILE, COLUMNS, SORT_ROLE, FileTableModel, format_seconds
from .gui_events import (
    EnvironmentReady,
    ExportDone,
    ExportFailed,
    PageImage,
    ReviewLoaded,
    RunNotStarted,
    RunThreadEnded,
)
from .notifier import Notifier
from .page_loader import PageLoader
from .progress_bar import ProgressBar
from .resume_dialog import ResumeChoice, ask_resume
from .review_view import ReviewView
from .run_controller import ContextFactory, RunController, default_context_factory
from .run_form import RunForm
from .store_queries import file_rows, start_review_load, ticket_counts

log = logging.getLogger(__name__)

NOTIFY_AFTER_S = 30.0  # runs shorter than this finish while the operator is still looking
TAB_FILES, TAB_ERRORS, TAB_REVIEW = range(3)


class MainWindow(QMainWindow):
    run_finished = Signal(object)  # RunFinished or RunNotStarted, once the run's thread is done
    export_finished = Signal(object)  # ExportDone or ExportFailed
    environment_ready = Signal(object)  # EnvironmentReady

    def __init__(
        self,
        store: Any,
        qsettings: QSettings,
        make_context: ContextFactory | None = None,
        probe: DeviceProbe | None = None,
        dialogs: Dialogs | None = None,
    ) -> None:
        super().__init__()
        self.store = store
        self.qsettings = qsettings
        self.values = settings_store.load(qsettings)
        self.probe = probe or DeviceProbe()
        self.pdf_lock = threading.Lock()
        self.dialogs = dialogs or Dialogs(self)
        self.open_url: Callable[[QUrl], Any] = _open_url
        self.ask_resume: Callable[[Any], ResumeChoice] = lambda run: ask_resume(run, self)
        self.bridge = EventBridge(self)
        self.bridge.batch.connect(self._on_batch)
        self.controller = RunController(
            store.data_dir,
            self.bridge.sink,
            make_context or default_context_factory(self.probe, self.pdf_lock),
        )
        self.pages = PageLoader(self.bridge.sink, self.pdf_lock)
        self.notifier = Notifier(self)
        self.run_id: int | None = None
        self.input_dir: Path | None = None
        self.environment: EnvironmentReady | None = None
        self._outcome: RunFinished | RunNotStarted | None = None
        self._review_request = 0  # the latest ReviewLoaded wanted; older ones are dropped
        self._started_message = ""  # the status bar's word on the run starting
        # A finished run, settled once the ReviewLoaded of this request number is in.
        self._finishing: tuple[int, RunFinished] | None = None
        self._run_started_at = 0.0
        self._close_when_stopped = False
        self._exporting = False
        self._running = False

        self.setWindowTitle("Haulbook")
        self.setAcceptDrops(True)
        self._build()
        self.form.set_values(self.values)
        if self.values.geometry is not None:
            self.restoreGeometry(self.values.geometry)
        else:
            self.resize(1100, 720)
        self._set_running(False)

    # --- building -------------------------------------------------------------------------------

    def _build(self) -> None:
        self.form = RunForm(self)
        self.form.browse_requested.connect(self.choose_folder)
        self.form.folder_changed.connect(lambda _t: self._update_actions())

        style = self.style()
        icon = QStyle.StandardPixmap
        self.start_action = self._action(
            "&Start", "Ctrl+R", self.start, style.standardIcon(icon.SP_MediaPlay)
        )
        self.pause_action = self._action(
            "&Pause", "Space", self.toggle_pause, style.standardIcon(icon.SP_MediaPause)
        )
        self.cancel_action = self._action(
            "&Cancel", "Esc", self.cancel, style.standardIcon(icon.SP_MediaStop)
        )
        self.export_action = self._action(
            "&Export", "Ctrl+E", self.export, style.standardIcon(icon.SP_DialogSaveButton)
        )
        self.open_action = self._action("Choose &folder…", "Ctrl+O", self.choose_folder)
        buttons = QHBoxLayout()
        for action in (self.start_action, self.pause_action, self.cancel_action):
            buttons.addWidget(self._button(action))
        buttons.addStretch(1)
        buttons.addWidget(self._button(self.export_action))

        self.progress = ProgressBar(self)
        self.progress.set_progress(0, 1, "")
        self.progress_text = QLabel("Pick a folder and press Start.", self)
        self.progress_text.setTextFormat(Qt.TextFormat.PlainText)
        # Its text changes every tick: a fixed size keeps that from relaying out the window.
        self.progress_text.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)

        self.table_model = FileTableModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.table_model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        vh = self.table.verticalHeader()
        vh.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # 10,000 rows: never measure them
        vh.setDefaultSectionSize(self.fontMetrics().height() + 8)
        vh.setVisible(False)
        self._configure_columns()
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._table_menu)

        self.errors = ErrorPanel(self)
        self.errors.retry_requested.connect(self.retry_failed)
        self.errors.open_url = lambda url: self.open_url(url)
        self.review = ReviewView(self.store, self._request_page, self)
        self.review.count_changed.connect(lambda n: self._tab_count(TAB_REVIEW, "Review", n))

        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.table, "Files")
        self.tabs.addTab(self.errors, "Problems")
        self.tabs.addTab(self.review, "Review")
        self.tabs.currentChanged.connect(self._tab_changed)

        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.addWidget(self.form)
        layout.addLayout(buttons)
        layout.addWidget(self.progress)
        layout.addWidget(self.progress_text)
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)

        self.device_label = QLabel("Image work: checking…", self)
        self.tesseract_label = QLabel("Tesseract: checking…", self)
        self.statusBar().addPermanentWidget(self.device_label)
        self.statusBar().addPermanentWidget(self.tesseract_label)

    def _configure_columns(self, state: Any = None) -> None:
        header = self.table.horizontalHeader()
        if state is not None and header.restoreState(state):
            return
        header.setSectionResizeMode(COL_FILE, QHeaderView.ResizeMode.Stretch)
        for col in range(1, len(COLUMNS)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            self.table.setColumnWidth(col, 90)

    def _view_sorted(self, sorted_view: bool) -> None:
        """While a run changes the rows the table shows the model itself, unsorted; when idle
        it shows the sorting proxy. (The proxy would turn each cell's one data call into seven.)"""
        wanted = self.proxy if sorted_view else self.table_model
        if self.table.model() is wanted:
            return
        state = self.table.horizontalHeader().saveState()
        self.table.setSortingEnabled(False)
        self.table.setModel(wanted)
        self._configure_columns(state)
        if sorted_view:
            self.table.setSortingEnabled(True)
        else:
            self.proxy.sort(-1)
            self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)

    def _source_row(self, view_index: QModelIndex) -> int:
        if self.table.model() is self.proxy:
            return int(self.proxy.mapToSource(view_index).row())
        return int(view_index.row())

    def _action(
        self, text: str, shortcut: str, slot: Callable[[], Any], icon: Any = None
    ) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setToolTip(f"{text.replace('&', '')} ({shortcut})")
        if icon is not None:
            action.setIcon(icon)
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        return action

    def _button(self, action: QAction) -> QToolButton:
        button = QToolButton(self)
        button.setDefaultAction(action)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        button.setMinimumWidth(96)
        return button

    def _tab_count(self, tab: int, name: str, n: int) -> None:
        text = f"{name} ({n})" if n else name
        if self.tabs.tabText(tab) != text:  # a new tab text relays out the whole tab bar
            self.tabs.setTabText(tab, text)

    # --- start-up -------------------------------------------------------------------------------

    def after_show(self) -> None:
        """Work that must not delay the first paint: the probe, the resume offer, the last run."""
        self.start_probe()
        if not self.offer_resume() and self.values.last_run_id and self.run_id is None:
            self.load_run(self.values.last_run_id)

    def start_probe(self) -> None:
        sink = self.bridge.sink
        probe = self.probe

        def work() -> None:
            device = probe.get()
            try:
                from engine.ocr import find_tesseract

                version: str | None = find_tesseract().version
                problem = None
            except Exception as exc:  # noqa: BLE001 - TesseractMissing, or any probe failure
                version, problem = None, getattr(exc, "message", str(exc))
            sink(EnvironmentReady(device.label, device.reason, version, problem))

        threading.Thread(target=work, name="haulbook-probe", daemon=True).start()

    def offer_resume(self) -> bool:
        """Offers the newest unfinished run; True when it was resumed."""
        try:
            runs = self.store.unfinished_runs()
        except Exception:  # noqa: BLE001 - a damaged ledger must not stop the window opening
            log.exception("could not read unfinished runs")
            return False
        if not runs:
            return False
        run = runs[0]
        choice = self.ask_resume(run)
        if choice == ResumeChoice.RESUME:
            self.form.folder.setText(run.input_dir)
            self.form.job.setText(run.job or "")
            self.start(run_id=run.run_id)
            return True
        if choice == ResumeChoice.DISCARD:
            # Not resumable any more; its finished files are still reused by the next run.
            self.store.set_run_status(run.run_id, RunStatus.PARTIAL, finished=True)
        return False

    def load_run(self, run_id: int) -> None:
        """Show a finished run from the store: its files, problems and tickets to review."""
        record = self.store.run(run_id)
        if record is None:
            return
        self.run_id = run_id
        self.input_dir = Path(record.input_dir)
        self.errors.input_dir = self.input_dir
        self.table_model.load(file_rows(self.store, run_id))
        empty = self.store.empty_pages(run_id)  # for the Problems tab and the summary alike
        self.errors.model.load(problem_rows(self.store, run_id, empty))
        self._tab_count(TAB_ERRORS, "Problems", self.errors.model.rowCount())
        self._review_request += 1  # what an earlier request brings back is not this run's
        self.review.load_run(run_id)
        summary = self.store.summary(run_id, empty_pages=empty)
        done = summary.pages if record.status != "running" else 0
        self.progress.set_progress(done, summary.pages)
        self.progress_text.setText(
            f"Run {run_id} ({summary.status}), {summary.input_dir}: {summary.files_total} files, "
            f"{summary.tickets} tickets, {summary.needs_review} need review, "
            f"{summary.files_failed} failed."
        )
        self._update_actions()

    # --- the folder -----------------------------------------------------------------------------

    def choose_folder(self) -> None:
        if self.controller.running:
            return
        path = self.dialogs.choose_folder("Folder of scanned tickets", self.form.folder.text())
        if path:
            self.set_folder(path)

    def set_folder(self, path: str) -> None:
        self.form.folder.setText(path)
        self.statusBar().showMessage(f"Folder: {path}", 5000)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if not self.controller.running and _dropped_folder(event.mimeData()) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        folder = _dropped_folder(event.mimeData())
        if folder is not None and not self.controller.running:
            self.set_folder(folder)
            event.acceptProposedAction()

    # --- running --------------------------------------------------------------------------------

    def start(self, run_id: int | None = None) -> bool:
        if self.controller.running or self._finishing is not None:
            return False
        folder = self.form.folder.text().strip()
        if not folder:
            self.dialogs.error("No folder", "Pick the folder of scanned tickets first (Ctrl+O).")
            return False
        path = Path(folder).expanduser()
        if not path.is_dir():
            self.dialogs.error(
                "Folder not found",
                f"{folder} is not a folder that can be opened. It may have been moved, renamed, "
                "or be on a drive or network share that is not connected.",
            )
            return False
        if self.environment is not None and self.environment.tesseract_version is None:
            self.dialogs.error("Tesseract is missing", self.environment.tesseract_problem or "")
            return False
        self.form.store_values(self.values)
        settings_store.save(self.qsettings, self.values)
        self.input_dir = path.resolve()
        self.errors.input_dir = self.input_dir
        self.run_id = run_id
        self._outcome = None
        self.table_model.clear()
        self.errors.model.clear()
        self._tab_count(TAB_ERRORS, "Problems", 0)
        self._review_request += 1
        self.review.load_run(None)
        self.progress.set_progress(0, 1, "")  # empty until the first progress report
        self.progress_text.setText("Looking through the folder…")
        self._run_started_at = time.monotonic()
        self._set_running(True)
        self.controller.start(self.input_dir, self.form.settings(), run_id)
        return True

    def toggle_pause(self) -> None:
        if not self.controller.running:
            return
        if self.controller.paused:
            self.controller.resume()
            self.pause_action.setText("&Pause")
            self.statusBar().showMessage("Resumed.", 3000)
        else:
            self.controller.pause()
            self.pause_action.setText("Res&ume")
            self.statusBar().showMessage("Paused: the pages being read finish first.")

    def cancel(self) -> None:
        if not self.controller.running:
            return
        self.controller.cancel()
        self.cancel_action.setEnabled(False)
        self.pause_action.setEnabled(False)
        self.statusBar().showMessage(
            "Stopping after the pages being read… the run can be resumed later."
        )

    def retry_failed(self) -> None:
        if self.controller.running or self.run_id is None:
            return
        record = self.store.run(self.run_id)
        if record is None:
            return
        count = self.store.requeue_failed(self.run_id)
        if not count:
            self.dialogs.info("Nothing to retry", "No failed file can be read again.")
            return
        self.form.folder.setText(record.input_dir)
        self.start(run_id=self.run_id)

    def _set_running(self, running: bool) -> None:
        self._running = running
        self.form.set_editable(not running)
        self.cancel_action.setEnabled(running)
        self.pause_action.setEnabled(running)
        self.pause_action.setText("&Pause")
        self.errors.set_retry_allowed(not running)
        # Sorting is suspended while rows change under it; rows stay in the order found.
        self._view_sorted(not running)
        self._update_actions()

    def _update_actions(self) -> None:
        running = self._running
        self.start_action.setEnabled(not running and bool(self.form.folder.text().strip()))
        self.export_action.setEnabled(
            self.run_id is not None and not self._exporting and not running
        )
        self.open_action.setEnabled(not running)

    def _table_menu(self, pos: QPoint) -> None:
        file_id = self.table_model.file_id_at(self._source_row(self.table.indexAt(pos)))
        row = self.table_model.row_of(file_id) if file_id is not None else None
        if row is None:
            return
        menu = QMenu(self)
        act = menu.addAction("Process &next")
        act.setEnabled(self.controller.running and row.status == "queued")
        act.triggered.connect(lambda: self.process_next(row.file_id))
        if self.input_dir is not None:
            path = self.input_dir / row.rel_path
            menu.addAction("&Open file", lambda: self.open_url(QUrl.fromLocalFile(str(path))))
        menu.popup(self.table.viewport().mapToGlobal(pos))

    def process_next(self, file_id: int) -> None:
        self.controller.prioritize(file_id)
        self.table_model.mark_next(file_id)

    # --- events from the worker threads ---------------------------------------------------------

    def _on_batch(self, events: list[Any]) -> None:
        self.table_model.apply(events)
        self.errors.model.apply(events)
        progress: Progress | None = None
        for ev in events:
            if isinstance(ev, Progress):
                progress = ev
            elif isinstance(ev, RunStarted):
                self._run_started(ev)
            elif isinstance(ev, RunFinished | RunNotStarted):
                self._outcome = ev
            elif isinstance(ev, RunThreadEnded):
                if progress is not None:
                    self._show_progress(progress)
                    progress = None
                self._thread_ended()
            elif isinstance(ev, PageImage):
                self.review.show_image(ev)
            elif isinstance(ev, ReviewLoaded):
                self._review_loaded(ev)
            elif isinstance(ev, EnvironmentReady):
                self._environment(ev)
            elif isinstance(ev, ExportDone | ExportFailed):
                self._export_finished(ev)
        if progress is not None:
            self._show_progress(progress)
        self._tab_count(TAB_ERRORS, "Problems", self.errors.model.rowCount())

    def _run_started(self, ev: RunStarted) -> None:
        self.run_id = ev.run_id
        self.values.last_run_id = ev.run_id
        if ev.resumed:
            self.table_model.set_counts(ticket_counts(self.store, ev.run_id))
            # Problems found earlier in this run, still standing (a retried file's were cleared),
            # and its pages read so far that gave no ticket.
            self.errors.model.load(problem_rows(self.store, ev.run_id))
        verb = "Resuming" if ev.resumed else "Reading"
        self._started_message = f"{verb} {ev.files_total} files in {ev.input_dir}"
        self.statusBar().showMessage(self._started_message, 8000)

    def _show_progress(self, p: Progress) -> None:
        self.progress.set_progress(p.pages_done, p.pages_total)
        totals = self.table_model.totals()
        eta = format_seconds(p.eta_s) if p.eta_s is not None else "–"
        state = "Paused. " if p.paused else ("Waiting for free memory. " if p.held_back else "")
        self.progress_text.setText(
            f"{state}{p.pages_per_minute:.0f} pages/min · {eta} left · "
            f"files {p.files_done}/{p.files_total} · {totals['tickets']} tickets · "
            f"{totals['review']} need review · {totals['failed']} failed"
        )
        self._tab_count(TAB_REVIEW, "Review", totals["review"])

    def _thread_ended(self) -> None:
        self.controller.join(5.0)
        outcome = self._outcome
        if isinstance(outcome, RunFinished):
            self._finished(outcome)  # settles once the tickets to review are read
            return
        if isinstance(outcome, RunNotStarted):
            self.progress.set_progress(0, 1, "")
            self.progress_text.setText(outcome.message)
        QTimer.singleShot(0, lambda: self._settle(outcome))

    def _load_review(self, run_id: int, with_errors: bool = False) -> int:
        """Reads the run's tickets to review (and its problems) on a worker thread."""
        self._review_request += 1
        start_review_load(
            self.store.data_dir, self._review_request, run_id, with_errors, self.bridge.sink
        )
        return self._review_request

    def _review_loaded(self, ev: ReviewLoaded) -> None:
        if ev.request == self._review_request:  # else superseded: a newer answer is on its way
            if ev.problem:
                self.statusBar().showMessage(ev.problem, 15_000)
            if ev.errors is not None:
                self.errors.model.load(ev.errors)
                self._tab_count(TAB_ERRORS, "Problems", self.errors.model.rowCount())
            self.review.show_tickets(ev.run_id, ev.tickets)
        if self._finishing is not None and self._finishing[0] == ev.request:
            outcome = self._finishing[1]
            self._finishing = None
            # The sorted view comes back on a later turn of the event loop: with 10,000 rows,
            # one turn doing both would hold the window up for a noticeable moment.
            QTimer.singleShot(0, lambda: self._settle(outcome))

    def _settle(self, outcome: RunFinished | RunNotStarted | None) -> None:
        self._set_running(False)
        settings_store.save(self.qsettings, self.values)
        if not self._close_when_stopped:
            if isinstance(outcome, RunNotStarted):
                self.dialogs.error("The run could not go on", outcome.message)
            elif isinstance(outcome, RunFinished):
                self._tell(outcome)
        self.run_finished.emit(outcome)
        if self._close_when_stopped:
            self.close()

    def _finished(self, fin: RunFinished) -> None:
        s = fin.summary
        self.run_id = s.run_id
        self.values.last_run_id = s.run_id
        self._fill_progress(s)
        # The store has the final word on the problems (a retry may have cleared some the panel
        # still shows); they come with the tickets to review, and then the run settles.
        self._finishing = (self._load_review(s.run_id, with_errors=True), fin)
        words = {
            "completed": "Finished",
            "partial": "Finished with problems",
            "failed": "Stopped",
            "cancelled": "Stopped (resumable)",
        }
        text = f"{words.get(s.status, s.status)}: {s.headline('Problems')}."
        if s.pages_per_minute > 0:  # a run of unchanged files read no page: no speed to tell
            text += f" {s.pages_per_minute:.0f} pages/min."
        self.progress_text.setText(text)
        if self.statusBar().currentMessage() == self._started_message:
            self.statusBar().clearMessage()  # "Reading 3 files" is no longer true

    def _fill_progress(self, s: RunSummary) -> None:
        """A run that went through every page ends with the bar full, whatever failed: left at
        '9 / 10 pages' it looked stuck. The pages that could not be read are counted on it and
        named in the problems panel; a stopped run shows how far it got."""
        read = sum(r.pages_done for r in self.table_model.rows())
        if s.status not in (RunStatus.COMPLETED, RunStatus.PARTIAL):
            self.progress.set_progress(read, s.pages)
            return
        text = f"{s.pages} / {s.pages} pages"
        if s.pages > read:
            text += f", {s.pages - read} not read"
        self.progress.set_progress(s.pages, s.pages, text)

    def _tell(self, fin: RunFinished) -> None:
        """What the operator must hear about a finished run: a fatal stop, a vanished folder."""
        s = fin.summary
        text = self.progress_text.text()
        if fin.fatal:
            self.dialogs.error("The run stopped", fin.fatal)
        elif self.input_dir is not None and not self.input_dir.is_dir():
            self.dialogs.error(
                "The folder is gone",
                f"{self.input_dir} disappeared during the run (moved, renamed, or a drive or "
                "network share disconnected). Everything read so far is kept: reconnect it and "
                "press Start to read the rest.",
            )
        elif s.files_failed:
            self.tabs.setCurrentIndex(TAB_ERRORS)
        long_run = time.monotonic() - self._run_started_at >= NOTIFY_AFTER_S
        if long_run and not self.isActiveWindow():
            self.notifier.notify("Haulbook finished", text)

    def _environment(self, ev: EnvironmentReady) -> None:
        self.environment = ev
        device = "GPU " + ev.device_label[5:] if ev.device_label.startswith("gpu:") else "CPU"
        self.device_label.setText(f"Image work: {device}")
        self.device_label.setToolTip(ev.device_reason)
        if ev.tesseract_version:
            self.tesseract_label.setText(f"Tesseract {ev.tesseract_version}")
            self.tesseract_label.setToolTip("")
        else:
            self.tesseract_label.setText("Tesseract missing")
            self.tesseract_label.setToolTip(ev.tesseract_problem or "")
            self.statusBar().showMessage(
                "Tesseract, the text reader, is missing: see the status bar's tooltip.", 30_000
            )
        self.environment_ready.emit(ev)

    # --- review ---------------------------------------------------------------------------------

    def _request_page(self, ticket_id: int) -> int | None:
        where = self.store.page_location(ticket_id)
        if where is None:
            return None
        return self.pages.request(ticket_id, *where)

    def _tab_changed(self, index: int) -> None:
        if index == TAB_REVIEW and self.controller.running and self.run_id is not None:
            self._load_review(self.run_id)  # tickets found so far can be reviewed already

    # --- export ---------------------------------------------------------------------------------

    def export(self, out_dir: Path | None = None) -> bool:
        if self.run_id is None or self._exporting or self.controller.running:
            return False
        self._exporting = True
        self._update_actions()
        self.statusBar().showMessage("Writing the workbook and report…")
        start_export(self.store.data_dir, self.run_id, out_dir, self.bridge.sink)
        return True

    def _export_finished(self, ev: ExportDone | ExportFailed) -> None:
        self._exporting = False
        self._update_actions()
        if isinstance(ev, ExportDone):
            self.statusBar().showMessage(f"Exported to {ev.out_dir}", 15_000)
            if ev.warnings:
                self.dialogs.info("Exported, with notes", "\n\n".join(ev.warnings))
            self.open_url(QUrl.fromLocalFile(ev.out_dir))
            self.export_finished.emit(ev)
            return
        self.statusBar().showMessage("The export failed.", 15_000)
        self.export_finished.emit(ev)
        if ev.not_writable:
            self.dialogs.error("The output folder cannot be written", ev.message)
            other = self.dialogs.choose_folder("Choose a folder for the outputs", "")
            if other:
                self.export(Path(other))
        else:
            self.dialogs.error("The export failed", ev.message)

    # --- closing --------------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.controller.running:
            if not self._close_when_stopped:
                stop = self.dialogs.confirm(
                    "Stop the run?",
                    "A run is in progress. Stop it and close? Everything read so far is kept, "
                    "and the run is offered for resuming the next time Haulbook starts.",
                    yes="Stop and close",
                    no="Keep running",
                )
                if not stop:
                    event.ignore()
                    return
                self._close_when_stopped = True
                self.controller.cancel()
                self.statusBar().showMessage("Stopping: finishing the pages being read…")
            event.ignore()  # closes once the run's thread has ended (see _thread_ended)
            return
        self.form.store_values(self.values)
        self.values.geometry = self.saveGeometry()
        settings_store.save(self.qsettings, self.values)
        self.bridge.stop()
        event.accept()


def _dropped_folder(mime: Any) -> str | None:
    """The folder dropped, or the folder of a file dropped (a ticket dragged from an e-mail's
    folder or the desktop): Haulbook reads folders, and picking it is what the drop meant."""
    if not mime.hasUrls():
        return None
    for url in mime.urls():
        if url.isLocalFile():
            return folder_of(url.toLocalFile())
    return None


def folder_of(path: str) -> str | None:
    """A folder as it is, a file's folder, or None for what is not there."""
    p = Path(path)
    if p.is_dir():
        return str(p)
    if p.is_file():
        return str(p.parent)
    return None


def _open_url(url: QUrl) -> bool:
    from PySide6.QtGui import QDesktopServices

    return bool(QDesktopServices.openUrl(url))
