"""The loop the layout probes share: draw each layout a few times, read every page through the
real page pipeline, write what was read beside the page, and print a layout x field table.

A layout is a function (i, rng, style) -> (spec, clean image) or (spec, clean image, fields
shown); the fields shown default to what a printed scale ticket shows (PRINTED). A layout with
a `style` attribute (rng -> Style) is scanned that way instead of by style_for.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from accuracy import FIELDS, norm  # noqa: E402

from engine import ocr, pagetask  # noqa: E402
from engine.device import cpu_device  # noqa: E402
from engine.extract.layout import build_lines, find_labels  # noqa: E402
from engine.extract.ticket import _labels  # noqa: E402
from engine.models import TICKET_FIELDS, Settings  # noqa: E402
from tests.ticketgen import Style, TicketSpec, scan_effects  # noqa: E402

# The fields a printed scale ticket shows (others are not on it; a read of them is "extra").
PRINTED = [f for f in TICKET_FIELDS if f not in ("manifest", "job")]

Layout = Callable[[int, random.Random, Style], tuple[Any, ...]]


def style_for(rng: random.Random) -> Style:
    return Style(
        dpi=200,
        skew_deg=rng.choice([-1, 1]) * rng.uniform(0.5, 1.5),
        noise=rng.choice([0.01, 0.02, 0.03]),
        blur=rng.choice([0.0, 0.0, 0.4]),
        jpeg_quality=rng.choice([None, 85, 75]),
    )


def page_dump(page, ticket, sp: TicketSpec, res: dict) -> str:  # noqa: ANN001
    lines = build_lines(page.words)
    hits = find_labels(lines, _labels())
    out = [f"layout={sp.layout} truth={json.dumps(res['truth'], default=str)}"]
    if ticket is not None:
        out.append(f"needs_review={ticket.needs_review} reasons={ticket.review_reasons}")
        out.append("uncertain=" + str(ticket.uncertain_fields))
        out.append("conf=" + json.dumps(ticket.field_confidence))
    out.append("got=" + json.dumps(res["got"], default=str))
    out.append("\n--- lines (build_lines; '|' marks a new cell)")
    for li, ln in enumerate(lines):
        parts, prev = [], 0
        for w, c in zip(ln.words, ln.cell_of, strict=True):
            parts.append(("| " if c != prev else "") + f"{w.text}")
            prev = c
        labs = [f"{h.field}:{ln.text[h.start : h.end]!r}" for h in hits if h.line == li]
        out.append(f"{li:3d} y={ln.top:5d} h={ln.height:4.0f}  {' '.join(parts)}"
                   + (f"    <- {labs}" if labs else ""))  # fmt: skip
    return "\n".join(out)


def field_status(truth: object, got: object) -> str:
    """One field of one ticket: right, missing, extra(value) or WRONG(value)."""
    if truth == got:
        return "right"
    if got is None:
        return "missing"
    if truth is None:
        return f"extra({got})"
    return f"WRONG({got})"


def main(
    layouts: dict[str, Layout],
    seed: int,
    out: str,
    argv: list[str] | None = None,
    style: Callable[[random.Random], Style] = style_for,
) -> list[dict]:
    ap = argparse.ArgumentParser()
    ap.add_argument("--per-layout", type=int, default=3)
    ap.add_argument("--seed", type=int, default=seed)
    ap.add_argument("--only", default="")
    ap.add_argument("--out", default=out)
    ap.add_argument("--render-only", action="store_true")
    args = ap.parse_args(argv)
    folder = Path(args.out)
    folder.mkdir(parents=True, exist_ok=True)
    ctx = None
    if not args.render_only:
        ctx = pagetask.make_context(ocr.find_tesseract(), cpu_device("bench"))
        ctx.today = dt.date(2025, 11, 1)
    settings = Settings()
    results: list[dict] = []
    names = [n for n in layouts if not args.only or n in args.only.split(",")]
    for name in names:
        rng = random.Random(f"{args.seed}-{name}")
        for i in range(args.per_layout):
            # A layout may bring its own scan style (a 'style' attribute: rng -> Style).
            st = getattr(layouts[name], "style", style)(rng)
            drawn = layouts[name](i, rng, st)
            sp, clean = drawn[0], drawn[1]
            shown = drawn[2] if len(drawn) > 2 else PRINTED
            img = scan_effects(clean, st, seed=rng.randint(0, 10**6))
            stem = f"{name}_{i}"
            img.save(folder / f"{stem}.png")
            if args.render_only:
                continue
            results.append(_read(name, i, stem, sp, img, st, shown, settings, ctx, folder))
            (folder / "results.json").write_text(json.dumps(results, indent=1, default=str))
    if not args.render_only:
        _table(names, results)
    return results


def _read(name, i, stem, sp, img, st, shown, settings, ctx, folder) -> dict:  # noqa: ANN001
    t0 = time.perf_counter()
    page, tickets = pagetask.read_page_tickets(img, settings, ctx, dpi=st.dpi)
    ticket = tickets[0] if tickets else None
    secs = time.perf_counter() - t0
    res: dict = {"layout": name, "i": i, "secs": round(secs, 1), "n_tickets": len(tickets),
                 "truth": {}, "got": {}, "status": {}}  # fmt: skip
    for f in FIELDS:
        truth = norm(f, getattr(sp, f)) if f in shown else None
        got = norm(f, getattr(ticket, f)) if ticket else None
        res["truth"][f], res["got"][f] = truth, got
        if truth is not None or got is not None:
            res["status"][f] = field_status(truth, got)
    res["raw"] = {f: getattr(ticket, f) for f in FIELDS} if ticket else {}
    res["accepted"] = ticket is not None and not ticket.needs_review
    res["reasons"] = ticket.review_reasons if ticket else ["NO TICKET"]
    res["conf"] = ticket.field_confidence if ticket else {}
    wrong = [f for f, v in res["status"].items() if v.startswith(("WRONG", "extra"))]
    res["accepted_wrong"] = res["accepted"] and bool(wrong)
    text = (
        page_dump(page, ticket, sp, res)
        if ticket
        else "NO TICKET\n" + " ".join(w.text for w in page.words)
    )
    (folder / f"{stem}.txt").write_text(text)
    flag = " ** ACCEPTED WITH WRONG VALUE **" if res["accepted_wrong"] else ""
    print(
        f"{stem:<17} {secs:5.1f}s n={len(tickets)} accepted={res['accepted']} "
        f"reasons={res['reasons']}{flag}"
    )
    for f, v in res["status"].items():
        if v != "right":
            print(
                f"    {f:<14} {v}   truth={res['truth'][f]}"
                f"  raw={res['raw'].get(f)!r}  conf={res['conf'].get(f)}"
            )
    sys.stdout.flush()
    return res


def _table(names: list[str], results: list[dict]) -> None:
    print("\nlayout x field (R right, M missing, W wrong, X extra; one letter per ticket)")
    fields = [f for f in FIELDS if any(f in r["status"] for r in results)]
    print(f"{'':<15}" + " ".join(f"{f[:7]:>7}" for f in fields) + "  accepted")
    for name in names:
        rs = [r for r in results if r["layout"] == name]
        cells = [
            "".join(
                r["status"].get(f, "-")[0].replace("r", "R").replace("m", "M").replace("e", "X")
                for r in rs
            )
            for f in fields
        ]
        acc = "".join("A" if r["accepted"] else "." for r in rs)
        aw = sum(r["accepted_wrong"] for r in rs)
        print(f"{name:<15}" + " ".join(f"{c:>7}" for c in cells) + f"  {acc}  acc-wrong={aw}")
