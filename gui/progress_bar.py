"""A progress bar that repaints when the event loop gets to it, never inside setValue.

QProgressBar.setValue repaints synchronously whenever its text changes, which during a fast
run is every update and costs tens of milliseconds of a stalled window each time. This draws
the same native control through the style, from an ordinary coalesced update().
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import (
    QSizePolicy,
    QStyle,
    QStyleOptionProgressBar,
    QStylePainter,
    QWidget,
)


class ProgressBar(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._value = 0
        self._maximum = 1
        self._text = ""
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def value(self) -> int:
        return self._value

    def maximum(self) -> int:
        return self._maximum

    def text(self) -> str:
        return self._text

    def set_progress(self, value: int, maximum: int, text: str | None = None) -> None:
        maximum = max(1, maximum)
        value = max(0, min(value, maximum))
        text = f"{value} / {maximum} pages" if text is None else text
        if (value, maximum, text) != (self._value, self._maximum, self._text):
            self._value, self._maximum, self._text = value, maximum, text
            self.update()

    def _option(self) -> QStyleOptionProgressBar:
        opt = QStyleOptionProgressBar()
        opt.initFrom(self)
        opt.minimum = 0
        opt.maximum = self._maximum
        opt.progress = self._value
        opt.text = self._text
        opt.textVisible = bool(self._text)
        opt.textAlignment = Qt.AlignmentFlag.AlignCenter
        opt.state |= QStyle.StateFlag.State_Horizontal
        return opt

    def sizeHint(self) -> QSize:
        height = self.fontMetrics().height() + 8
        opt = self._option()
        size = self.style().sizeFromContents(
            QStyle.ContentsType.CT_ProgressBar, opt, QSize(200, height), self
        )
        return size.expandedTo(QSize(100, height))

    def minimumSizeHint(self) -> QSize:
        return QSize(60, self.sizeHint().height())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QStylePainter(self)
        painter.drawControl(QStyle.ControlElement.CE_ProgressBar, self._option())
