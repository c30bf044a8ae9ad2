"""Device choice: the GPU when CuPy really works, the CPU with a plain reason otherwise."""

from __future__ import annotations

import subprocess
import sys
import threading
import types
from typing import Any

import numpy
import pytest

from engine import device as device_mod
from engine.device import Device, DeviceProbe


class _FakeRuntime:
    def __init__(self, count: int | Exception, name: bytes = b"Fake RTX 4090") -> None:
        self.count = count
        self.name = name

    def getDeviceCount(self) -> int:  # noqa: N802 - CuPy's name
        if isinstance(self.count, Exception):
            raise self.count
        return self.count

    def getDeviceProperties(self, index: int) -> dict[str, Any]:  # noqa: N802
        return {"name": self.name}


class _FakeCupy(types.ModuleType):
    """NumPy dressed as CuPy: enough for the probe's test computation."""

    def __init__(self, runtime: _FakeRuntime, kernel_error: Exception | None = None) -> None:
        super().__init__("cupy")
        self.cuda = types.SimpleNamespace(
            runtime=runtime,
            Device=lambda index: types.SimpleNamespace(synchronize=lambda: None),
        )
        self.kernel_error = kernel_error

    def __getattr__(self, name: str) -> Any:
        return getattr(numpy, name)

    def asnumpy(self, a: Any) -> numpy.ndarray:
        return numpy.asarray(a)

    def bincount(self, *args: Any, **kwargs: Any) -> numpy.ndarray:
        if self.kernel_error is not None:
            raise self.kernel_error
        return numpy.bincount(*args, **kwargs)


def _use_cupy(monkeypatch: pytest.MonkeyPatch, make: Any) -> list[int]:
    calls: list[int] = []

    def fake_import() -> types.ModuleType:
        calls.append(1)
        result = make()
        if isinstance(result, BaseException):
            raise result
        return result

    monkeypatch.setattr(device_mod, "_import_cupy", fake_import)
    return calls


def test_label_names_the_device() -> None:
    assert Device("cpu", "cpu", "x").label == "cpu"
    assert Device("gpu", "NVIDIA T400", "x").label == "gpu: NVIDIA T400"


def test_cpu_choice_never_touches_cupy(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _use_cupy(monkeypatch, lambda: AssertionError("must not import"))
    dev = DeviceProbe("cpu", env={}).get()
    assert dev.kind == "cpu" and "chosen" in dev.reason
    assert calls == []


def test_environment_overrides_the_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    _use_cupy(monkeypatch, lambda: _FakeCupy(_FakeRuntime(1)))
    assert DeviceProbe("gpu", env={"HAULBOOK_DEVICE": "cpu"}).get().kind == "cpu"
    assert DeviceProbe("cpu", env={"HAULBOOK_DEVICE": "auto"}).get().kind == "gpu"


def test_working_gpu_is_used_and_named(monkeypatch: pytest.MonkeyPatch) -> None:
    _use_cupy(monkeypatch, lambda: _FakeCupy(_FakeRuntime(2, b"NVIDIA RTX A2000")))
    dev = DeviceProbe("auto", env={}).get()
    assert dev.kind == "gpu"
    assert dev.label == "gpu: NVIDIA RTX A2000"


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda: ImportError("No module named 'cupy'"), "CuPy is not available"),
        (lambda: OSError("libcudart.so.12: cannot open shared object"), "CuPy is not available"),
        (lambda: _FakeCupy(_FakeRuntime(RuntimeError("cudaErrorNoDevice"))), "no usable CUDA"),
        (lambda: _FakeCupy(_FakeRuntime(0)), "no CUDA device"),
        (
            lambda: _FakeCupy(_FakeRuntime(1), RuntimeError("CUDA_ERROR_NO_BINARY_FOR_GPU")),
            "failed a test computation",
        ),
    ],
    ids=["import-error", "missing-cuda-libs", "no-driver", "zero-devices", "kernel-fails"],
)
def test_broken_cupy_falls_back_to_cpu_with_a_reason(
    monkeypatch: pytest.MonkeyPatch, make: Any, words: str
) -> None:
    _use_cupy(monkeypatch, make)
    dev = DeviceProbe("gpu", env={}).get()
    assert dev.kind == "cpu"
    assert words in dev.reason
    assert dev.label == "cpu"


def test_probe_runs_once_across_threads(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _use_cupy(monkeypatch, lambda: _FakeCupy(_FakeRuntime(1)))
    probe = DeviceProbe("auto", env={})
    assert probe.decided is None
    results: list[Device] = []
    threads = [threading.Thread(target=lambda: results.append(probe.get())) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(calls) == 1
    assert len({id(r) for r in results}) == 1
    assert probe.decided is results[0]


def test_unknown_choice_is_treated_as_auto(monkeypatch: pytest.MonkeyPatch) -> None:
    _use_cupy(monkeypatch, lambda: ImportError("no cupy"))
    dev = DeviceProbe("fastest", env={}).get()
    assert dev.kind == "cpu" and "unknown device choice" in dev.reason


def test_importing_the_module_does_not_import_cupy() -> None:
    # The window imports engine.device at start-up; it must not wait on CUDA libraries.
    code = "import sys, engine.device; print('cupy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_real_cupy_probe() -> None:
    pytest.importorskip("cupy", reason="CuPy is not installed (pip install '.[gpu]')")
    dev = DeviceProbe("auto", env={}).get()
    # With CuPy installed the probe either finds a working GPU or says why not.
    assert dev.kind in ("cpu", "gpu") and dev.reason
