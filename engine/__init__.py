"""Haulbook's engine: everything that does work, importable without any widget."""

__version__ = "0.1.0"
