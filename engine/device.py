"""Which device does the page image work: the GPU (CuPy on CUDA) or the CPU (NumPy).

The answer is decided once per probe and cached with a plain-language reason, because the
status bar and summary.json show it and an operator asking "why not my GPU?" deserves one.
Importing this module is cheap: CuPy is imported only inside the probe, so a window can create a
probe at start-up and call `get()` from a background thread without waiting on CUDA.
"""

from __future__ import annotations

import importlib
import os
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from types import ModuleType

ENV_VAR = "HAULBOOK_DEVICE"
CHOICES = ("auto", "cpu", "gpu")


@dataclass(frozen=True)
class Device:
    """The device chosen for image work, and why."""

    kind: str  # "cpu" | "gpu"
    name: str  # "cpu", or the CUDA device name
    reason: str  # one sentence for logs, the status bar tooltip and support

    @property
    def label(self) -> str:
        """`cpu` or `gpu: <name>`, as summary.json and the status bar show it."""
        return "cpu" if self.kind == "cpu" else f"gpu: {self.name}"

    @property
    def is_gpu(self) -> bool:
        return self.kind == "gpu"


CPU = Device("cpu", "cpu", "CPU chosen")


def cpu_device(reason: str) -> Device:
    return Device("cpu", "cpu", reason)


def _import_cupy() -> ModuleType:
    # A seam for tests, which simulate a missing or broken CuPy here.
    return importlib.import_module("cupy")


class DeviceProbe:
    """Decides once whether CuPy can use a CUDA device; thread-safe; caches its answer.

    `requested` is the user's choice (Settings.device, `--device`); HAULBOOK_DEVICE in `env`
    overrides it, so an operator can force the CPU without touching the settings. "gpu" means
    "prefer the GPU": when none works the answer is still the CPU, with the reason why.
    """

    def __init__(self, requested: str = "auto", env: Mapping[str, str] | None = None) -> None:
        source = os.environ if env is None else env
        override = source.get(ENV_VAR, "").strip().lower()
        choice = override or (requested or "auto").strip().lower()
        self.requested = choice if choice in CHOICES else "auto"
        self._invalid = None if choice in CHOICES else choice
        self._lock = threading.Lock()
        self._device: Device | None = None

    def get(self) -> Device:
        """The device to use; the first call runs the probe (may take a second with CUDA)."""
        with self._lock:
            if self._device is None:
                self._device = self._probe()
            return self._device

    @property
    def decided(self) -> Device | None:
        """The cached answer, or None while the probe has not run (never blocks)."""
        return self._device

    def _probe(self) -> Device:
        if self.requested == "cpu":
            return cpu_device("CPU only, as chosen in the settings")
        prefix = f"unknown device choice {self._invalid!r}, using auto; " if self._invalid else ""
        try:
            cp = _import_cupy()
        except Exception as exc:  # ImportError, or a CuPy that fails while loading CUDA libs
            return cpu_device(f"{prefix}CPU: CuPy is not available ({_short(exc)})")
        try:
            count = int(cp.cuda.runtime.getDeviceCount())
        except Exception as exc:  # no driver, driver too old, no device node
            return cpu_device(f"{prefix}CPU: no usable CUDA driver ({_short(exc)})")
        if count < 1:
            return cpu_device(f"{prefix}CPU: no CUDA device found")
        try:
            name = _device_name(cp)
            _tiny_kernel(cp)
        except Exception as exc:  # kernel compile/launch failure, out of memory, wrong arch
            return cpu_device(f"{prefix}CPU: the GPU failed a test computation ({_short(exc)})")
        return Device("gpu", name, f"{prefix}GPU: {name} passed a test computation")


def _device_name(cp: ModuleType) -> str:
    props = cp.cuda.runtime.getDeviceProperties(0)
    raw = props.get("name", b"CUDA device") if isinstance(props, dict) else b"CUDA device"
    name = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)
    return name.strip() or "CUDA device"


def _tiny_kernel(cp: ModuleType) -> None:
    """Run the kinds of operations the preprocessing uses and check the result on the host.

    A device count says a driver is there; only a computation says that kernels compile and
    launch for this card (wrong architecture, missing NVRTC and out-of-memory show up here).
    """
    a = cp.arange(256, dtype=cp.float32).reshape(16, 16)
    b = cp.minimum(a * 2.0, 300.0).astype(cp.uint8)
    total = int(cp.asnumpy(cp.bincount(b.ravel() // 16, minlength=32)).sum())
    cp.cuda.Device(0).synchronize()
    if total != 256:
        raise RuntimeError(f"test computation gave {total}, expected 256")


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    text = text[:160]
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
