"""A desktop notification when a long run finishes while the window is in the background."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QMainWindow, QSystemTrayIcon


class Notifier:
    def __init__(self, window: QMainWindow) -> None:
        self.window = window
        self._tray: QSystemTrayIcon | None = None
        self.sent: list[tuple[str, str]] = []  # what was said, for the status bar and tests

    def notify(self, title: str, text: str) -> None:
        self.sent.append((title, text))
        if QSystemTrayIcon.isSystemTrayAvailable() and QSystemTrayIcon.supportsMessages():
            if self._tray is None:
                self._tray = QSystemTrayIcon(self.window.windowIcon(), self.window)
                self._tray.messageClicked.connect(self._raise)
            self._tray.show()
            self._tray.showMessage(title, text, QSystemTrayIcon.MessageIcon.Information, 10_000)
        self.window.statusBar().showMessage(f"{title}: {text}", 30_000)
        QApplication.alert(self.window)  # flashes the taskbar entry where there is no tray

    def _raise(self) -> None:
        self.window.showNormal()
        self.window.raise_()
        self.window.activateWindow()
