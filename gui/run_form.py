"""The folder and run settings at the top of the window: folder, job, workers, retries, timeout."""

from __future__ import annotations

import os

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from engine.models import Settings

from .settings_store import RETRIES_RANGE, TIMEOUT_RANGE, GuiSettings, workers_range


class RunForm(QWidget):
    browse_requested = Signal()
    folder_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.folder = QLineEdit(self)
        self.folder.setPlaceholderText(
            "Pick a folder of scanned tickets, or drop one on the window"
        )
        self.folder.textChanged.connect(self.folder_changed)
        self.browse = QPushButton("&Browse…", self)
        self.browse.setToolTip("Choose the folder (Ctrl+O)")
        self.browse.clicked.connect(self.browse_requested)
        self.job = QLineEdit(self)
        self.job.setPlaceholderText("optional")
        self.job.setMaximumWidth(160)
        self.job.setToolTip("A job code written on every ticket of this run")
        self.workers = QSpinBox(self)
        self.workers.setRange(*workers_range())
        self.workers.setToolTip(
            f"Pages read at once (this computer has {os.cpu_count() or 1} cores)"
        )
        self.retries = QSpinBox(self)
        self.retries.setRange(*RETRIES_RANGE)
        self.retries.setToolTip("How often a page that failed for a passing cause is tried again")
        self.timeout = QSpinBox(self)
        self.timeout.setRange(*TIMEOUT_RANGE)
        self.timeout.setSuffix(" s")
        self.timeout.setToolTip("The longest one page may take")
        self.device = QComboBox(self)
        self.device.addItem("Auto", "auto")
        self.device.addItem("CPU only", "cpu")
        self.device.setToolTip("Page image work on an NVIDIA GPU when one is present, or the CPU")

        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        folder_label = QLabel("&Folder:", self)
        folder_label.setBuddy(self.folder)
        grid.addWidget(folder_label, 0, 0)
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(self.browse)
        grid.addLayout(row, 0, 1)
        opts = QHBoxLayout()
        for text, widget in (
            ("&Job:", self.job),
            ("&Workers:", self.workers),
            ("Re&tries:", self.retries),
            ("Page ti&meout:", self.timeout),
            ("&Image work:", self.device),
        ):
            label = QLabel(text, self)
            label.setBuddy(widget)
            opts.addWidget(label)
            opts.addWidget(widget)
            opts.addSpacing(12)
        opts.addStretch(1)
        self.options = opts
        grid.addLayout(opts, 1, 1)

    def set_values(self, values: GuiSettings) -> None:
        self.folder.setText(values.folder)
        self.job.setText(values.job)
        self.workers.setValue(values.workers)
        self.retries.setValue(values.retries)
        self.timeout.setValue(values.timeout_s)
        self.device.setCurrentIndex(max(0, self.device.findData(values.device)))

    def store_values(self, values: GuiSettings) -> None:
        values.folder = self.folder.text().strip()
        values.job = self.job.text().strip()
        values.workers = self.workers.value()
        values.retries = self.retries.value()
        values.timeout_s = self.timeout.value()
        values.device = str(self.device.currentData())

    def settings(self) -> Settings:
        return Settings(
            workers=self.workers.value(),
            retries=self.retries.value(),
            timeout_s=float(self.timeout.value()),
            job=self.job.text().strip() or None,
            device=str(self.device.currentData()),
        )

    def set_editable(self, on: bool) -> None:
        widgets = (self.folder, self.browse, self.job, self.workers, self.retries, self.timeout)
        for w in (*widgets, self.device):
            w.setEnabled(on)
