"""Preprocessing cost per page on each available device, against the page's Tesseract time.

    python bench/bench_preprocess.py                 # timings: CPU, and the GPU when present
    python bench/bench_preprocess.py --quality       # also: what each step gains (hit rate)
    python bench/bench_preprocess.py --samples DIR   # real scans with truth.csv (default:
                                                     # /work/shared/samples when present)

Every number is measured in this run, side by side: the preprocessing time per page on each
device, its share of the same page's single-threaded Tesseract time, and the effect on the page
as a whole (Tesseract on the raw render vs preprocessing + Tesseract on what it produced).
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # as the engine runs Tesseract

import numpy
import pytesseract
from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from engine.device import CPU, DeviceProbe  # noqa: E402
from engine.imaging import Preprocessor, Steps  # noqa: E402
from tests import ticketgen as tg  # noqa: E402


@dataclass
class Page:
    name: str
    rgb: numpy.ndarray
    dpi: float
    ticket_number: str


def _pages(samples: Path | None, letter: bool) -> list[Page]:
    pages: list[Page] = []
    if samples and (samples / "truth.csv").exists():
        with open(samples / "truth.csv", newline="") as fh:
            for row in csv.DictReader(fh):
                if row["file"].lower().endswith(".png"):
                    img = Image.open(samples / row["file"]).convert("RGB")
                    dpi = float((img.info.get("dpi") or (300, 300))[0])
                    pages.append(Page(row["file"], numpy.asarray(img), dpi, row["ticket_number"]))
    rng = random.Random(11)
    hard = [
        ("haul_stamped", dict(skew_deg=2.5, noise=0.05, dpi=150)),
        ("haul_carbon", dict(dpi=150, jpeg_quality=60)),
        ("dump_carbon", dict(dpi=100, serial_ink_rgb=(215, 120, 105), paper_rgb=(247, 222, 120))),
        ("landfill", dict(dpi=100, noise=0.08, blur=0.9)),
        ("quarry", dict(skew_deg=3.5, jpeg_quality=60)),
        ("haul_stamped", dict(skew_deg=-1.5, dpi=300)),
    ]
    for layout, overrides in hard:
        spec = tg.random_spec(rng, layout)
        style = tg.random_style(rng, layout)
        style.rotate = 0
        for key, value in overrides.items():
            setattr(style, key, value)
        img = tg.render_ticket(spec, style).convert("RGB")
        pages.append(
            Page(f"gen-{layout}-{style.dpi}dpi", numpy.asarray(img), style.dpi, spec.ticket_number)
        )
    if letter:
        # A full letter page at 300 DPI (2550 x 3300): the size the time budget is set for.
        spec = tg.random_spec(rng, "landfill")
        style = tg.Style(dpi=300, skew_deg=1.2, paper_rgb=(250, 236, 150))
        ticket = numpy.asarray(tg.render_ticket(spec, style).convert("RGB"))
        sheet = numpy.full((3300, 2550, 3), 246, numpy.uint8)
        h, w = min(3300, ticket.shape[0]), min(2550, ticket.shape[1])
        sheet[:h, :w] = ticket[:h, :w]
        pages.append(Page("gen-letter-300dpi", sheet, 300, spec.ticket_number))
    return pages


def _ocr(img: numpy.ndarray) -> tuple[str, list[float], float]:
    t0 = time.perf_counter()
    data = pytesseract.image_to_data(
        Image.fromarray(img), config="--psm 11", output_type=pytesseract.Output.DICT
    )
    elapsed = time.perf_counter() - t0
    words = [
        (t, float(c))
        for t, c in zip(data["text"], data["conf"], strict=False)
        if t.strip() and float(c) >= 0
    ]
    text = "".join(t for t, _ in words)
    printed = [c for t, c in words if sum(ch.isalnum() for ch in t) >= 3]
    return text, printed, elapsed


def _best_of(fn, n: int = 3) -> float:  # type: ignore[no-untyped-def]
    best = float("inf")
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def timings(pages: list[Page]) -> None:
    devices = [CPU]
    gpu = DeviceProbe("gpu").get()
    print(f"GPU: {gpu.reason}")
    if gpu.is_gpu:
        devices.append(gpu)
    preps = {d.label: Preprocessor(d) for d in devices}
    for pre in preps.values():  # warm-up: CUDA context, kernel compilation, caches
        pre.prepare(pages[0].rgb, pages[0].dpi)

    head = f"{'page':28s} {'size':>11s} " + " ".join(f"{d.label[:14]:>14s}" for d in devices)
    print("\npreprocessing per page (best of 3) and its share of the page's Tesseract time")
    print(head + f" {'ocr raw':>8s} {'ocr prep':>8s} {'share':>6s} {'page/raw':>8s}")
    shares: list[float] = []
    whole: list[float] = []
    for page in pages:
        times = {}
        for label, pre in preps.items():
            times[label] = _best_of(lambda pre=pre, page=page: pre.prepare(page.rgb, page.dpi))
        prepared = preps["cpu"].prepare(page.rgb, page.dpi)
        raw_gray = numpy.asarray(Image.fromarray(page.rgb).convert("L"))
        _, _, t_raw = _ocr(raw_gray)
        t_prep = _ocr(prepared.gray)[2] + (_ocr(prepared.ink)[2] if prepared.ink is not None else 0)
        share = times["cpu"] / t_prep
        total = (times["cpu"] + t_prep) / t_raw
        shares.append(share)
        whole.append(total)
        size = f"{page.rgb.shape[1]}x{page.rgb.shape[0]}"
        cells = " ".join(f"{times[d.label] * 1000:12.0f}ms" for d in devices)
        print(
            f"{page.name[:28]:28s} {size:>11s} {cells} {t_raw:7.2f}s {t_prep:7.2f}s "
            f"{share:6.1%} {total:7.2f}x"
        )
    print(
        f"\nmedian CPU preprocessing share of the page's Tesseract time: "
        f"{statistics.median(shares):.1%}"
    )
    print(
        f"median whole page (preprocess + OCR) vs OCR of the raw render: "
        f"{statistics.median(whole):.2f}x"
    )
    if gpu.is_gpu:
        cpu_t = [_best_of(lambda p=p: preps["cpu"].prepare(p.rgb, p.dpi), 1) for p in pages]
        gpu_t = [_best_of(lambda p=p: preps[gpu.label].prepare(p.rgb, p.dpi), 1) for p in pages]
        print(
            f"GPU vs CPU preprocessing, total over the pages: {sum(cpu_t) / sum(gpu_t):.2f}x "
            f"faster ({sum(cpu_t):.2f}s vs {sum(gpu_t):.2f}s)"
        )


VARIANTS: dict[str, Steps | None] = {
    "raw render (no preprocessing)": None,
    "all steps (default)": Steps(),
    "without paper normalisation": Steps(paper=False),
    "without deskew": Steps(deskew=False),
    "without scaling": Steps(scale=False),
    "without contrast stretch": Steps(contrast=False),
    "without ink image": Steps(ink=False),
    "with binarisation": Steps(binarize=True),
}


def quality(pages: list[Page]) -> None:
    print(
        "\nwhat each step gains: ticket numbers read (gray + ink image), mean confidence of "
        "printed words, Tesseract seconds"
    )
    for name, steps in VARIANTS.items():
        hits = 0
        confs: list[float] = []
        ocr_s = 0.0
        for page in pages:
            if steps is None:
                images = [numpy.asarray(Image.fromarray(page.rgb).convert("L"))]
            else:
                p = Preprocessor(CPU, steps=steps).prepare(page.rgb, page.dpi)
                images = [p.gray] + ([p.ink] if p.ink is not None else [])
            found = False
            for i, img in enumerate(images):
                text, printed, t = _ocr(img)
                ocr_s += t
                found = found or page.ticket_number in text
                if i == 0 and printed:
                    confs.append(statistics.mean(printed))
            hits += found
        print(
            f"  {name:32s} {hits:2d}/{len(pages)}  conf {statistics.mean(confs):5.1f}  "
            f"ocr {ocr_s:6.1f}s"
        )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--samples",
        type=Path,
        default=Path(__file__).resolve().parent.parent.parent / "shared" / "samples",
    )
    ap.add_argument("--quality", action="store_true")
    ap.add_argument("--no-letter", action="store_true", help="skip the 2550x3300 page")
    args = ap.parse_args()
    pages = _pages(args.samples if args.samples.exists() else None, not args.no_letter)
    print(
        f"{len(pages)} pages; Tesseract {pytesseract.get_tesseract_version()}, "
        f"OMP_THREAD_LIMIT={os.environ['OMP_THREAD_LIMIT']}"
    )
    timings(pages)
    if args.quality:
        quality(pages)


if __name__ == "__main__":
    main()
