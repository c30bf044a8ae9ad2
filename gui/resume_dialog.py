"""At start-up: an unfinished run (crash, closed mid-run, cancelled) is offered for resuming."""

from __future__ import annotations

import enum

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from engine.store import RunRecord


class ResumeChoice(enum.Enum):
    RESUME = "resume"
    DISCARD = "discard"
    LATER = "later"


def describe(run: RunRecord) -> str:
    when = run.started_at.replace("T", " ")[:16]
    job = f", job {run.job}" if run.job else ""
    return (
        f"The run of {run.input_dir} started {when}{job} did not finish.\n\n"
        f"{run.files_done} of {run.files_total} files are done ({run.pages} pages counted). "
        "Resume reads only what is left; nothing already done is read again."
    )


class ResumeDialog(QDialog):
    def __init__(self, run: RunRecord, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.run = run
        self.choice = ResumeChoice.LATER
        self.setWindowTitle("Resume the unfinished run?")
        self.text = QLabel(describe(run), self)
        self.text.setWordWrap(True)
        buttons = QDialogButtonBox(self)
        self.resume_button = buttons.addButton("&Resume", QDialogButtonBox.ButtonRole.AcceptRole)
        self.discard_button = buttons.addButton(
            "&Discard", QDialogButtonBox.ButtonRole.DestructiveRole
        )
        self.later_button = buttons.addButton("&Not now", QDialogButtonBox.ButtonRole.RejectRole)
        self.discard_button.setToolTip(
            "Do not resume this run. Its tickets stay in the history; a new run of the folder "
            "skips the files that were finished."
        )
        self.resume_button.clicked.connect(lambda: self._done(ResumeChoice.RESUME))
        self.discard_button.clicked.connect(lambda: self._done(ResumeChoice.DISCARD))
        self.later_button.clicked.connect(lambda: self._done(ResumeChoice.LATER))
        self.resume_button.setDefault(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)

    def _done(self, choice: ResumeChoice) -> None:
        self.choice = choice
        if choice == ResumeChoice.RESUME:
            self.accept()
        else:
            self.reject()


def ask_resume(run: RunRecord, parent: QWidget | None) -> ResumeChoice:
    dialog = ResumeDialog(run, parent)
    dialog.exec()
    return dialog.choice
