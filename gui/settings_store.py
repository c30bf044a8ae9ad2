"""The window's remembered choices (last folder, job, workers, retries, timeout) in QSettings."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from PySide6.QtCore import QByteArray, QSettings

from engine.models import default_workers

TIMEOUT_RANGE = (10, 3600)
RETRIES_RANGE = (0, 5)


def workers_range() -> tuple[int, int]:
    return 1, 2 * max(1, os.cpu_count() or 1)


@dataclass
class GuiSettings:
    folder: str = ""
    job: str = ""
    workers: int = field(default_factory=default_workers)
    retries: int = 2
    timeout_s: int = 120
    device: str = "auto"  # auto | cpu
    last_run_id: int | None = None
    geometry: QByteArray | None = None


def _int(settings: QSettings, key: str, default: int, low: int, high: int) -> int:
    raw = settings.value(key, default)
    try:
        value = int(raw)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return default
    return min(high, max(low, value))


def load(settings: QSettings) -> GuiSettings:
    out = GuiSettings()
    out.folder = str(settings.value("run/folder", "") or "")
    out.job = str(settings.value("run/job", "") or "")
    out.workers = _int(settings, "run/workers", out.workers, *workers_range())
    out.retries = _int(settings, "run/retries", out.retries, *RETRIES_RANGE)
    out.timeout_s = _int(settings, "run/timeout_s", out.timeout_s, *TIMEOUT_RANGE)
    device = str(settings.value("run/device", "auto") or "auto")
    out.device = device if device in ("auto", "cpu") else "auto"
    last = _int(settings, "run/last_run_id", 0, 0, 2**62)
    out.last_run_id = last or None
    geometry = settings.value("window/geometry")
    out.geometry = geometry if isinstance(geometry, QByteArray) else None
    return out


def save(settings: QSettings, values: GuiSettings) -> None:
    settings.setValue("run/folder", values.folder)
    settings.setValue("run/job", values.job)
    settings.setValue("run/workers", values.workers)
    settings.setValue("run/retries", values.retries)
    settings.setValue("run/timeout_s", values.timeout_s)
    settings.setValue("run/device", values.device)
    settings.setValue("run/last_run_id", values.last_run_id or 0)
    if values.geometry is not None:
        settings.setValue("window/geometry", values.geometry)
    settings.sync()
