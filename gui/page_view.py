"""A page image with zoom (wheel, +/-, fit) and pan (drag)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QKeyEvent, QPainter, QPixmap, QWheelEvent
from PySide6.QtWidgets import QGraphicsPixmapItem, QGraphicsScene, QGraphicsView, QWidget


def image_from_rgb(rgb: Any) -> QImage:
    """A QImage that owns a copy of an HxWx3 uint8 array."""
    h, w = int(rgb.shape[0]), int(rgb.shape[1])
    data = rgb if rgb.flags["C_CONTIGUOUS"] else rgb.copy()
    return QImage(data.data, w, h, 3 * w, QImage.Format.Format_RGB888).copy()


class PageView(QGraphicsView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self._item: QGraphicsPixmapItem | None = None
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._fit = True
        self._message = self.scene().addText("")

    def show_message(self, text: str) -> None:
        self.clear()
        self._message = self.scene().addText(text)

    def clear(self) -> None:
        self.scene().clear()
        self._item = None

    def set_image(self, image: QImage) -> None:
        self.clear()
        self._item = self.scene().addPixmap(QPixmap.fromImage(image))
        self.scene().setSceneRect(self._item.boundingRect())
        self._fit = True
        self.fit()

    def has_image(self) -> bool:
        return self._item is not None

    def fit(self) -> None:
        if self._item is not None:
            self.resetTransform()
            self.fitInView(self._item, Qt.AspectRatioMode.KeepAspectRatio)
            self._fit = True

    def zoom(self, factor: float) -> None:
        current = self.transform().m11()
        if 0.05 < current * factor < 16:
            self.scale(factor, factor)
            self._fit = False

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120.0
        if steps:
            self.zoom(1.25**steps)
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom(1.25)
        elif key == Qt.Key.Key_Minus:
            self.zoom(0.8)
        elif key == Qt.Key.Key_0:
            self.fit()
        else:
            super().keyPressEvent(event)

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        if self._fit:
            self.fit()
