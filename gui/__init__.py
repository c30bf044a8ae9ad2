"""The desktop window: widgets and Qt models over the engine (see gui.app.main)."""

from .qt_compat import protect_singletons

# Before any widget exists: this PySide6 build would otherwise abort a Python 3.11 process
# seconds into a run (see qt_compat).
protect_singletons()
