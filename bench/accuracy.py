"""Reading accuracy on generated tickets and on the real samples, through the real page pipeline.

    .venv/bin/python bench/accuracy.py [--per-layout N] [--seed S] [--samples-only] [--show-errors]

Prints, for the tuned layouts and the held-out layouts separately: per-field accuracy, the share
of tickets accepted without review (straight-through, printed family apart), and the share of
accepted tickets that carry a wrong value. A handwritten field counts as right when it is read
right OR flagged (listed in uncertain_fields): the rule is "right or flagged", not "guessed".
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from engine import documents, ocr, pagetask, review  # noqa: E402
from engine.device import cpu_device  # noqa: E402
from engine.models import Settings, Ticket  # noqa: E402
from tests import ticketgen as tg  # noqa: E402

FIELDS = ["vendor", "ticket_number", "date", "truck", "hauler", "material", "quantity", "unit",
          "gross_lb", "tare_lb", "net_lb", "manifest", "job"]  # fmt: skip
SAMPLES = ROOT.parent / "shared" / "samples"
_LEGAL = re.compile(r"\b(INC|LLC|CO|CORP|COMPANY|LTD)\b")


def norm(fld: str, value: Any) -> Any:
    if value is None or value == "":
        return None
    if fld in ("gross_lb", "tare_lb", "net_lb", "quantity"):
        return round(float(value), 2)
    if fld == "date":
        return value
    text = str(value).upper().replace("&", " AND ")
    text = re.sub(r"[^A-Z0-9/ ]+", " ", text)
    if fld == "vendor":
        text = _LEGAL.sub(" ", text)
    return re.sub(r"\s+", " ", text).strip()


@dataclass
class Tally:
    n: int = 0
    right: dict[str, int] = field(default_factory=dict)
    total: dict[str, int] = field(default_factory=dict)
    accepted: int = 0
    accepted_wrong: int = 0
    printed: int = 0
    printed_accepted: int = 0
    missed_pages: int = 0
    cut_pages: int = 0
    errors: list[str] = field(default_factory=list)
    # Why printed tickets went to review: reason or low-confidence field -> count.
    flagged_why: dict[str, int] = field(default_factory=dict)

    def add(self, spec: tg.TicketSpec, t: Ticket | None, label: str) -> None:
        self.n += 1
        if spec.family == "printed":
            self.printed += 1
        wrong_fields = []
        for f in FIELDS:
            truth = norm(f, getattr(spec, f))
            got = norm(f, getattr(t, f)) if t else None
            if truth is None and got is None:
                continue
            self.total[f] = self.total.get(f, 0) + 1
            flagged = t is not None and f in review.fields_to_check(t)
            ok = truth == got or (f in spec.handwritten and flagged)
            if ok:
                self.right[f] = self.right.get(f, 0) + 1
            if truth != got:
                wrong_fields.append(f)
                self.errors.append(
                    f"{label} {f}: truth={truth!r} got={got!r}"
                    f"{' (flagged)' if flagged else ''}"
                    f" reasons={t.review_reasons if t else 'NO TICKET'}"
                )
        if t is None:
            self.missed_pages += 1
            return
        if t.needs_review and spec.family == "printed":
            low = [f for f, c in t.field_confidence.items() if c < review.threshold(f)]
            for why in [*t.review_reasons, *(f"low:{f}" for f in low)]:
                self.flagged_why[why] = self.flagged_why.get(why, 0) + 1
        if not t.needs_review:
            self.accepted += 1
            if spec.family == "printed":
                self.printed_accepted += 1
            if wrong_fields:
                self.accepted_wrong += 1
                self.errors.append(f"{label} ACCEPTED WITH WRONG {wrong_fields}")

    def report(self, title: str) -> None:
        print(f"\n== {title}: {self.n} tickets")
        for f in FIELDS:
            if self.total.get(f):
                r, tot = self.right.get(f, 0), self.total[f]
                print(f"  {f:<14} {100 * r / tot:6.1f}%  ({r}/{tot})")
        if self.n:
            print(f"  straight-through (all)      {100 * self.accepted / self.n:6.1f}%")
        if self.printed:
            print(
                f"  straight-through (printed)  {100 * self.printed_accepted / self.printed:6.1f}%"
            )
        if self.accepted:
            print(
                f"  wrong among accepted        {100 * self.accepted_wrong / self.accepted:6.2f}%"
                f"  ({self.accepted_wrong}/{self.accepted})"
            )
        print(f"  pages with no ticket        {self.missed_pages}")
        print(f"  pages cut into several      {self.cut_pages}")
        if self.flagged_why:
            why = sorted(self.flagged_why.items(), key=lambda kv: -kv[1])
            print("  printed tickets sent to review: " + ", ".join(f"{k} {v}" for k, v in why))


def make_context() -> pagetask.PageContext:
    return pagetask.make_context(ocr.find_tesseract(), cpu_device("benchmark"))


def run_generated(ctx: pagetask.PageContext, per_layout: int, seed: int, show: bool) -> None:
    settings = Settings(workers=1)
    tuned = Tally()
    held = Tally()
    t0 = time.perf_counter()
    samples = tg.make_set(seed, per_layout)
    for i, s in enumerate(samples):
        _, tickets = pagetask.read_page_tickets(s.image, settings, ctx, dpi=s.style.dpi)
        ticket = tickets[0] if tickets else None
        tally = held if s.spec.layout in tg.HOLDOUT_LAYOUTS else tuned
        tally.cut_pages += len(tickets) > 1  # one ticket a page here: a cut is a mistake
        tally.add(s.spec, ticket, f"#{i} {s.spec.layout} dpi={s.style.dpi} rot={s.style.rotate}")
    print(f"generated set: seed {seed}, {len(samples)} tickets, {time.perf_counter() - t0:.0f} s")
    tuned.report("tuned layouts " + ", ".join(x for x in tg.LAYOUTS if x not in tg.HOLDOUT_LAYOUTS))
    held.report("held-out layouts " + ", ".join(tg.HOLDOUT_LAYOUTS))
    if show:
        for e in tuned.errors + held.errors:
            print("   ", e)


def run_samples(ctx: pagetask.PageContext) -> None:
    settings = Settings(workers=1)
    rows = list(csv.DictReader((SAMPLES / "truth.csv").open()))
    ok_num = ok_vendor = 0
    print(f"\n== real samples ({SAMPLES})")
    for row in rows:
        path = SAMPLES / row["file"]
        rendered = documents.render_page(
            str(path), int(row["page"]) - 1, ctx.pdf_lock, settings.dpi, settings.max_pixels
        )
        _, tickets, _ = pagetask.read_rendered(rendered, settings, ctx)
        ticket = tickets[0] if tickets else None
        num = ticket.ticket_number if ticket else None
        vendor = ticket.vendor if ticket else None
        ok_num += num == row["ticket_number"]
        ok_vendor += norm("vendor", vendor) == norm("vendor", row["vendor"])
        guessed = []
        if ticket:
            for f in ("date", "truck", "material", "quantity", "manifest"):
                if getattr(ticket, f) is not None and f not in ticket.uncertain_fields:
                    guessed.append(f)
        verdict = "ok" if num == row["ticket_number"] else ("missing" if num is None else "WRONG")
        print(
            f"  {row['file']:<28} number {num!s:<9} ({verdict})"
            f"  vendor {vendor!s:<26} handwritten read unflagged: {guessed or 'none'}"
            f"  reasons {ticket.review_reasons if ticket else '-'}"
        )
    print(f"  ticket numbers right {ok_num}/{len(rows)}, vendors right {ok_vendor}/{len(rows)}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--per-layout", type=int, default=25)
    ap.add_argument("--seed", type=int, default=2024)
    ap.add_argument("--samples-only", action="store_true")
    ap.add_argument("--show-errors", action="store_true")
    args = ap.parse_args()
    ctx = make_context()
    ctx.today = dt.date(2025, 11, 1)
    if not args.samples_only:
        run_generated(ctx, args.per_layout, args.seed, args.show_errors)
    run_samples(ctx)


if __name__ == "__main__":
    main()
