"""summary.json: the RunSummary as JSON (the same object `haulbook run --json` prints), plus
where this export put its files."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import math
import pathlib
import platform
from typing import Any

from engine.models import ExportData


def _plain(value: Any) -> Any:
    """JSON that every reader accepts: no NaN/Infinity, dates as ISO strings, enums as values."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [_plain(v) for v in value]
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (str, int, bool)) or value is None:
        return value
    inner = getattr(value, "value", None)  # str/int enums
    if isinstance(inner, (str, int)):
        return inner
    if isinstance(value, pathlib.PurePath):
        return str(value)
    return str(value)


def summary_object(
    data: ExportData,
    out_dir: pathlib.Path,
    files: dict[str, pathlib.Path],
    warnings: list[str],
) -> dict[str, Any]:
    summary = dataclasses.replace(data.summary, output_dir=str(out_dir))
    obj = summary.to_json()
    obj["python_version"] = platform.python_version()
    obj["exported_at"] = dt.datetime.now().astimezone().isoformat(timespec="seconds")
    obj["outputs"] = {name: path.name for name, path in files.items()}
    obj["export_warnings"] = list(warnings)
    result: dict[str, Any] = _plain(obj)
    return result


def write_summary(obj: dict[str, Any], path: pathlib.Path) -> None:
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        json.dump(obj, fh, indent=2, ensure_ascii=False, allow_nan=False)
        fh.write("\n")
