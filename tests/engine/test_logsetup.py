"""The log file support asks for: where it goes, that it rotates, that it never blocks a start."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from engine import logsetup
from engine.logsetup import HANDLER_NAME, current_log_file, setup_logging


@pytest.fixture(autouse=True)
def restore_root_logger() -> Iterator[None]:
    root = logging.getLogger()
    level = root.level
    yield
    for handler in [h for h in root.handlers if h.get_name() == HANDLER_NAME]:
        root.removeHandler(handler)
        handler.close()
    root.setLevel(level)


def test_logs_go_under_the_data_dir_override(data_dir: Path) -> None:
    path = setup_logging()
    assert path == data_dir / "logs" / "haulbook.log"
    logging.getLogger("haulbook.runner").warning("file %s failed", "a.pdf")
    text = path.read_text(encoding="utf-8")
    assert "Haulbook " in text  # the start line says which version wrote the log
    assert "WARNING" in text and "file a.pdf failed" in text
    assert current_log_file() == path


def test_setting_up_twice_writes_each_line_once(tmp_path: Path) -> None:
    first = setup_logging(tmp_path / "one")
    second = setup_logging(tmp_path / "two")
    logging.getLogger("haulbook").warning("only once")
    assert second.read_text(encoding="utf-8").count("only once") == 1
    assert "only once" not in first.read_text(encoding="utf-8")


def test_the_log_rotates_instead_of_growing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(logsetup, "MAX_BYTES", 4000)
    path = setup_logging(tmp_path)
    log = logging.getLogger("haulbook.test")
    for i in range(400):
        log.warning("line %d %s", i, "x" * 40)
    files = sorted(p.name for p in tmp_path.glob("haulbook.log*"))
    assert files == ["haulbook.log", *[f"haulbook.log.{i}" for i in range(1, 6)]]
    assert all(p.stat().st_size <= 4000 for p in tmp_path.glob("haulbook.log*"))
    assert "line 399" in path.read_text(encoding="utf-8")


def test_an_unwritable_log_folder_falls_back_to_temp(tmp_path: Path) -> None:
    occupied = tmp_path / "occupied"
    occupied.write_text("a file where the log folder should be")
    path = setup_logging(occupied / "logs")
    logging.getLogger("haulbook").error("still logged")
    assert not path.is_relative_to(occupied)
    assert "still logged" in path.read_text(encoding="utf-8")
