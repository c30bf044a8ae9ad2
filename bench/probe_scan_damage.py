"""Scan-damage probe for Haulbook's page reader.

Clean renders of the printed layouts (tests/ticketgen.py), ONE damage at a time, read through
pagetask.read_page_image and compared like bench/accuracy.py does.

    .venv/bin/python bench/probe_scan_damage.py                 # baseline + all damages
    .venv/bin/python bench/probe_scan_damage.py --only stamp,crease --no-baseline
    .venv/bin/python bench/probe_scan_damage.py --list

Writes /tmp/probe_scan_damage/<damage>_<layout>_<n>.png (damaged input), *_prep.png (what
Tesseract read) for pages with a wrong/missing field, and results.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import math
import random
import sys
import time
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.accuracy import FIELDS, norm  # noqa: E402
from engine import ocr, pagetask, review  # noqa: E402
from engine.device import cpu_device  # noqa: E402
from engine.imaging import Preprocessor  # noqa: E402
from engine.models import Settings  # noqa: E402
from tests import ticketgen as tg  # noqa: E402

OUT = Path("/tmp/probe_scan_damage")
FONT = Path("/usr/share/fonts/truetype/dejavu")

# --------------------------------------------------------------------------- text boxes
# Record where render_clean draws each string, so damage can be aimed at a field.
_BOXES: list[tuple[str, float, tuple[int, int, int, int]]] = []
_orig_text = tg._Sheet.text


def _text(self, x, y, s, pt=10, font="DejaVuSans", ink=None, anchor="la"):
    f = tg._font(font, max(6, round(pt * self.dpi / 72)))
    box = self.draw.textbbox((self.px(x), self.px(y)), s, font=f, anchor=anchor)
    _BOXES.append((s, pt, tuple(int(v) for v in box)))
    return _orig_text(self, x, y, s, pt, font, ink, anchor)


tg._Sheet.text = _text


def render(spec: tg.TicketSpec, style: tg.Style) -> tuple[Image.Image, list]:
    _BOXES.clear()
    img = tg.render_clean(spec, style)
    return img, list(_BOXES)


def box_of(boxes, pred, biggest=True):
    hits = [(pt, b) for s, pt, b in boxes if pred(s)]
    if not hits:
        return None
    hits.sort(key=lambda h: -h[0] if biggest else h[0])
    return hits[0][1]


def number_box(spec, boxes):
    return box_of(boxes, lambda s: s == spec.ticket_number)


def net_box(spec, boxes):
    if spec.net_lb is not None:
        a, b = f"{int(spec.net_lb):,}", str(int(spec.net_lb))
        return box_of(boxes, lambda s: s.startswith(a) or s.startswith(b))
    return box_of(boxes, lambda s: s == tg._qty(spec.quantity))  # concrete: the quantity


# --------------------------------------------------------------------------- damage helpers


def arr(img):
    return np.asarray(img.convert("RGB"), dtype=np.float32)


def img_of(a):
    return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))


def multiply(img, layer_rgb, alpha):
    """Translucent ink/stain: multiply blend of a colour layer with per-pixel alpha (HxW)."""
    a = arr(img)
    col = np.asarray(layer_rgb, np.float32)
    if col.ndim == 1:
        col = np.broadcast_to(col, a.shape)
    al = alpha[..., None]
    return img_of(a * (1 - al) + a * (col / 255.0) * al)


def dpi_of(img_w):
    return 200


def highlighter(img, boxes, spec, rng, k, dpi):
    colour = [(255, 240, 100), (255, 140, 200)][k % 2]  # yellow / pink fluorescent as scanned
    h, w = img.height, img.width
    alpha = np.zeros((h, w), np.float32)
    yy, xx = np.mgrid[0:h, 0:w]
    for b in (number_box(spec, boxes), net_box(spec, boxes)):
        if b is None:
            continue
        x0, y0, x1, y1 = b
        th = y1 - y0
        pad_y = int(th * 0.45)
        x0 -= int(0.08 * dpi)
        x1 += int(0.08 * dpi)
        slope = rng.uniform(-0.02, 0.02)
        cy = (y0 + y1) / 2 + slope * (xx - (x0 + x1) / 2)
        half = th / 2 + pad_y
        m = (np.abs(yy - cy) < half) & (xx >= x0) & (xx <= x1)
        # a felt tip lays uneven ink: denser at the stroke's edges, streaky along it
        streak = 0.9 + 0.1 * np.sin(yy / 9.0 + rng.uniform(0, 6))
        alpha = np.maximum(alpha, m * streak)
    alpha = np.asarray(img_of(alpha * 255).filter(ImageFilter.GaussianBlur(1.2)), np.float32) / 255
    return multiply(img, colour, alpha)


def stamp(img, boxes, spec, rng, k, dpi):
    colour, word = [((200, 35, 45), "PAID"), ((40, 60, 185), "RECEIVED")][k % 2]
    f = ImageFont.truetype(str(FONT / "DejaVuSans-Bold.ttf"), int(0.42 * dpi))
    small = ImageFont.truetype(str(FONT / "DejaVuSans-Bold.ttf"), int(0.16 * dpi))
    date = "NOV 03 2025"
    tw = int(max(f.getlength(word), small.getlength(date))) + int(0.3 * dpi)
    th = int(0.95 * dpi)
    layer = Image.new("L", (tw, th), 0)
    d = ImageDraw.Draw(layer)
    d.rounded_rectangle(
        [4, 4, tw - 5, th - 5], radius=int(0.08 * dpi), outline=255, width=max(3, dpi // 50)
    )
    d.text((tw // 2, int(0.1 * dpi)), word, font=f, fill=255, anchor="ma")
    d.text((tw // 2, int(0.62 * dpi)), date, font=small, fill=255, anchor="ma")
    layer = layer.rotate(rng.uniform(-14, -8), resample=Image.Resampling.BICUBIC, expand=True)
    m = np.asarray(layer, np.float32) / 255
    gen = np.random.default_rng(k + 7)
    m = m * gen.uniform(0.45, 0.85, m.shape)  # rubber stamp: patchy, semi-transparent
    m = np.asarray(img_of(m * 255).filter(ImageFilter.GaussianBlur(0.7)), np.float32) / 255
    # over the weights / net value, partly over the printed fields around it
    b = net_box(spec, boxes)
    cx, cy = (b[0] + b[2]) // 2, (b[1] + b[3]) // 2
    x0, y0 = cx - m.shape[1] // 2 + int(0.3 * dpi), cy - m.shape[0] // 2
    alpha = np.zeros((img.height, img.width), np.float32)
    X0, Y0 = max(0, x0), max(0, y0)
    X1, Y1 = min(img.width, x0 + m.shape[1]), min(img.height, y0 + m.shape[0])
    alpha[Y0:Y1, X0:X1] = m[Y0 - y0 : Y1 - y0, X0 - x0 : X1 - x0]
    return multiply(img, colour, alpha)


def crease(img, boxes, spec, rng, k, dpi):
    a = arr(img)
    h, w = a.shape[:2]
    # a ticket folded to fit a pocket: vertical crease near the middle, a bit off-square
    x_mid = w * rng.uniform(0.45, 0.58)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    xc = x_mid + (yy - h / 2) * math.tan(math.radians(rng.uniform(-1.5, 1.5)))
    d = xx - xc
    line = np.exp(-((d / 1.3) ** 2)) * 0.55  # the dark fold line, ~3 px
    shade = np.where(d > 0, 0.86 + 0.14 * (1 - np.exp(-d / (0.25 * dpi))), 1.0)  # one side lower
    shade = shade * (1 - 0.10 * np.exp(-np.abs(d) / (0.06 * dpi)))  # the crease's own shadow
    a = a * shade[..., None] * (1 - line[..., None])
    return img_of(a)


def wavy(img, boxes, spec, rng, k, dpi):
    a = arr(img)
    h, w = a.shape[:2]
    amp = 0.025 * dpi  # 5 px at 200 DPI
    lam_y, lam_x = 1.6 * dpi, 2.3 * dpi
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    ph = rng.uniform(0, 6.28)
    sy = yy + amp * np.sin(2 * math.pi * xx / lam_x + ph)
    sx = xx + 0.6 * amp * np.sin(2 * math.pi * yy / lam_y + ph)
    # bilinear sample
    x0 = np.clip(np.floor(sx).astype(int), 0, w - 2)
    y0 = np.clip(np.floor(sy).astype(int), 0, h - 2)
    fx = np.clip(sx - x0, 0, 1)[..., None]
    fy = np.clip(sy - y0, 0, 1)[..., None]
    out = (
        a[y0, x0] * (1 - fx) * (1 - fy)
        + a[y0, x0 + 1] * fx * (1 - fy)
        + a[y0 + 1, x0] * (1 - fx) * fy
        + a[y0 + 1, x0 + 1] * fx * fy
    )
    # crumples also shade: faint light/dark undulation
    out = out * (0.94 + 0.06 * np.sin(2 * math.pi * xx / lam_x + ph + 1.0))[..., None]
    return img_of(out)


def coffee(img, boxes, spec, rng, k, dpi):
    h, w = img.height, img.width
    b = net_box(spec, boxes)
    cx = (b[0] + b[2]) / 2 + rng.uniform(-0.3, 0.3) * dpi
    cy = (b[1] + b[3]) / 2 + rng.uniform(-0.2, 0.2) * dpi
    r = 0.62 * dpi
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    ang = np.arctan2(yy - cy, xx - cx)
    rr = np.hypot(xx - cx, yy - cy) / (r * (1 + 0.04 * np.sin(3 * ang + 1)))
    ring = np.exp(-(((rr - 1) / 0.035) ** 2)) * (0.55 + 0.25 * np.sin(2 * ang))
    inside = (rr < 1) * 0.22
    alpha = np.clip(ring + inside, 0, 0.85)
    return multiply(img, (150, 95, 45), alpha)


def holes_staple(img, boxes, spec, rng, k, dpi):
    im = img.copy()
    d = ImageDraw.Draw(im)
    h = im.height
    rad = int(0.125 * dpi)
    cx = int(0.22 * dpi)
    n = 3 if h > 4.5 * dpi else 2
    ys = [h / 2 + (i - (n - 1) / 2) * (1.75 if n == 3 else 2.0) * dpi for i in range(n)]
    for y in ys:  # the lid behind the punched holes scans near black
        d.ellipse([cx - rad, y - rad, cx + rad, y + rad], fill=(22, 22, 22))
    # a staple in the top-left corner, at an angle: dark metal with a bright glint
    x0, y0 = int(0.15 * dpi), int(0.35 * dpi)
    x1, y1 = x0 + int(0.5 * dpi), y0 - int(0.18 * dpi)
    d.line([(x0, y0), (x1, y1)], fill=(70, 70, 75), width=max(4, dpi // 40))
    d.line([(x0, y0 - 1), (x1, y1 - 1)], fill=(200, 200, 205), width=1)
    return im


def _hand(im, x, y, s, pt, dpi, rng, ink=(25, 45, 150)):
    cx = x
    for ch in s:
        if ch == " ":
            cx += int(pt * 0.35 / 72 * dpi)
            continue
        size = max(8, round(pt * dpi / 72 * rng.uniform(0.85, 1.2)))
        f = ImageFont.truetype(
            str(FONT / rng.choice(["DejaVuSans-Oblique.ttf", "DejaVuSerif-Italic.ttf"])), size
        )
        gw = int(f.getlength(ch)) + 4
        glyph = Image.new("L", (gw + 8, size * 2), 0)
        ImageDraw.Draw(glyph).text((4, size // 3), ch, font=f, fill=255)
        glyph = glyph.rotate(rng.uniform(-12, 12), resample=Image.Resampling.BICUBIC)
        im.paste(Image.new("RGB", glyph.size, ink), (cx, y - size // 3 + rng.randint(-2, 2)), glyph)
        cx += gw - 4 + rng.randint(-1, 3)


def _emptiest(img, bw, bh, dpi):
    """Top-left of the emptiest bw x bh window (where a clerk would write a note)."""
    g = np.asarray(img.convert("L"), np.float32) < 160
    s = 8
    small = g[: g.shape[0] // s * s, : g.shape[1] // s * s]
    small = small.reshape(small.shape[0] // s, s, small.shape[1] // s, s).mean(axis=(1, 3))
    ii = np.pad(small.cumsum(0).cumsum(1), ((1, 0), (1, 0)))
    wb, hb = max(1, bw // s), max(1, bh // s)
    best, pos = None, (0, 0)
    m = int(0.12 * dpi) // s
    for y in range(m, small.shape[0] - hb - m + 1):
        for x in range(m, small.shape[1] - wb - m + 1):
            v = ii[y + hb, x + wb] - ii[y, x + wb] - ii[y + hb, x] + ii[y, x]
            if best is None or v < best:
                best, pos = v, (x * s, y * s)
    return pos


def handwriting(img, boxes, spec, rng, k, dpi):
    im = img.copy()
    note = ["pd 11/14 inv 30871 JM", "OK to pay - RB 3318"][k % 2]
    pt = 13
    bw, bh = int(len(note) * pt * 0.62 / 72 * dpi), int(pt * 1.6 / 72 * dpi)
    x, y = _emptiest(im, bw, bh, dpi)
    _hand(im, x, y + bh // 3, note, pt, dpi, rng)
    # a pen circle around the ticket number
    b = number_box(spec, boxes)
    d = ImageDraw.Draw(im)
    cx, cy = (b[0] + b[2]) / 2, (b[1] + b[3]) / 2
    rx, ry = (b[2] - b[0]) / 2 + 0.15 * dpi, (b[3] - b[1]) / 2 + 0.09 * dpi
    pts = []
    t0 = rng.uniform(0, 6.28)
    for i in range(80):  # a bit more than one turn, wobbly, not closed neatly
        t = t0 + i / 72 * 2 * math.pi
        wob = 1 + 0.05 * math.sin(3 * t)
        pts.append((cx + rx * wob * math.cos(t), cy + ry * wob * math.sin(t)))
    d.line(pts, fill=(25, 45, 150), width=max(2, dpi // 70))
    return im


def low_toner(img, boxes, spec, rng, k, dpi):
    a = arr(img)
    h, w = a.shape[:2]
    fade = np.ones(w, np.float32)
    gen = np.random.default_rng(k + 3)
    for _ in range(6):
        x = gen.integers(0, w)
        bw = int(gen.uniform(0.03, 0.12) * dpi)
        strength = gen.uniform(0.55, 0.8)  # share of the toner missing in the streak
        xs = np.arange(w)
        fade = np.minimum(fade, 1 - strength * np.exp(-(((xs - x) / max(1, bw / 2)) ** 4)))
    paper = 255.0
    a = paper - (paper - a) * fade[None, :, None]
    return img_of(a)


def scan_streak(img, boxes, spec, rng, k, dpi):
    a = arr(img)
    b = net_box(spec, boxes)
    # dust on the scanner glass: a thin dark line through the whole page, here through a digit
    frac = rng.sweep if hasattr(rng, "sweep") else (0.35 if k % 2 == 0 else 0.6)
    width, dark = getattr(rng, "width", 3), getattr(rng, "dark", 0.25)
    x = int(b[0] + (b[2] - b[0]) * frac)
    a[:, x - width // 2 : x - width // 2 + width] *= dark
    return img_of(a)


def jpeg25(img, boxes, spec, rng, k, dpi):
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=25)
    return Image.open(io.BytesIO(buf.getvalue())).convert("RGB")


def noise(img, boxes, spec, rng, k, dpi):
    a = arr(img)
    gen = np.random.default_rng(k + 11)
    a = a + gen.normal(0, 0.11 * 255, a.shape[:2])[..., None]
    sp = gen.random(a.shape[:2])
    a[sp < 0.003] = 0
    a[sp > 0.997] = 255
    return img_of(a)


def skew150(img, boxes, spec, rng, k, dpi):  # render is at 150 DPI for this one
    st = tg.Style(dpi=150, skew_deg=4.0 if k % 2 == 0 else -4.0)
    return tg.scan_effects(img, st, 1)


def shadow(img, boxes, spec, rng, k, dpi):
    a = arr(img)
    h, w = a.shape[:2]
    xs = np.arange(w, dtype=np.float32) / w
    if k % 2:
        xs = xs[::-1]
    # book-scanner spine / phone held at an angle: dark at one edge, fading over 40%
    g = 0.38 + 0.62 * np.clip(xs / 0.4, 0, 1) ** 0.7
    ys = np.arange(h, dtype=np.float32)[:, None] / h
    g2 = g[None, :] * (0.93 + 0.07 * ys)  # and a little from top to bottom
    a = a * g2[..., None]
    a[..., 2] *= 0.97  # warm tint of room light
    return img_of(a)


PAPERS = [((190, 230, 190), "green"), ((185, 210, 242), "blue"), ((250, 195, 212), "pink")]


def paper(img, boxes, spec, rng, k, dpi):  # rendered on coloured paper, see STYLE_FOR
    return tg.scan_effects(img, tg.Style(noise=0.015), 2)


DAMAGES = {
    "highlighter": highlighter,
    "stamp": stamp,
    "crease": crease,
    "wavy": wavy,
    "coffee": coffee,
    "holes_staple": holes_staple,
    "handwriting": handwriting,
    "low_toner": low_toner,
    "scan_streak": scan_streak,
    "jpeg25": jpeg25,
    "noise": noise,
    "skew4_150dpi": skew150,
    "shadow": shadow,
    "paper": paper,
}
N_PER = {"paper": 3}


def style_for(damage, k):
    if damage == "skew4_150dpi":
        return tg.Style(dpi=150)
    if damage == "paper":
        return tg.Style(paper_rgb=PAPERS[k % 3][0], ink_rgb=(20, 30, 90))
    return tg.Style()


# --------------------------------------------------------------------------- reading


def truth_tokens(f, v):
    if v is None:
        return []
    if f in ("gross_lb", "tare_lb", "net_lb"):
        return [f"{int(v):,}", str(int(v))]
    if f == "quantity":
        return [f"{v:.2f}", tg._qty(v)]
    if f == "date":
        return []
    return [str(v).upper()]


def diagnose(page, f, truth_v):
    """Is the true value in Tesseract's words at all? (yes: extraction; no: OCR)"""
    toks = truth_tokens(f, truth_v)
    if not toks:
        return ""
    text = " ".join(w.text for w in page.words).upper()
    ink = " ".join(w.text for w in page.ink_words).upper()
    for t in toks:
        if t in text or t.replace(",", "") in text.replace(",", ""):
            return "in-ocr"
        if t in ink:
            return "in-ink-ocr"
    return "not-in-ocr"


def read(img, dpi, spec, ctx, label, save_prep):
    t0 = time.perf_counter()
    page, t = pagetask.read_page_image(img, Settings(workers=1), ctx, dpi)
    el = time.perf_counter() - t0
    rows, wrong, missing = [], [], []
    for f in FIELDS:
        tv = getattr(spec, f)
        truth, got = norm(f, tv), norm(f, getattr(t, f)) if t else None
        if truth is None and got is None:
            continue
        flagged = t is not None and f in review.fields_to_check(t)
        ok = truth == got
        if not ok:
            (missing if got is None else wrong).append(f)
            rows.append(
                {
                    "field": f,
                    "truth": str(truth),
                    "got": str(got),
                    "flagged": flagged,
                    "conf": t.field_confidence.get(f) if t else None,
                    "where": diagnose(page, f, tv),
                }
            )
    n = sum(
        1
        for f in FIELDS
        if norm(f, getattr(spec, f)) is not None or (t and norm(f, getattr(t, f)) is not None)
    )
    accepted = t is not None and not t.needs_review
    rec = {
        "label": label,
        "layout": spec.layout,
        "secs": round(el, 1),
        "n_fields": n,
        "right": n - len(wrong) - len(missing),
        "wrong": wrong,
        "missing": missing,
        "accepted": accepted,
        "accepted_wrong": accepted and bool(wrong or missing),
        "reasons": t.review_reasons if t else ["NO TICKET"],
        "low": (
            {f: round(c, 2) for f, c in t.field_confidence.items() if c < review.threshold(f)}
            if t
            else {}
        ),
        "errors": rows,
        "barcodes": [b.text for b in page.barcodes]
        if page.barcodes and hasattr(page.barcodes[0], "text")
        else str(page.barcodes)[:80],
    }
    if rows and save_prep:
        prep = Preprocessor(cpu_device("x")).prepare(np.asarray(img.convert("RGB")), dpi)
        Image.fromarray(prep.gray).save(OUT / f"{label}_prep.png")
        if prep.ink is not None:
            Image.fromarray(prep.ink).save(OUT / f"{label}_ink.png")
        (OUT / f"{label}_ocr.txt").write_text(page.text)
        rec["prep"] = {
            "scale": prep.scale,
            "rot": prep.rotation,
            "skew": round(prep.skew_deg, 2),
            "cap": round(prep.cap_height_px, 1),
            "has_ink": prep.ink is not None,
        }
    return rec


def specs(seed):
    rng = random.Random(seed)
    out = []
    for layout in tg.PRINTED_LAYOUTS:
        out.append([tg.random_spec(rng, layout) for _ in range(2)])
    return out  # out[layout_index][0|1]


def sweep(ctx, pool):
    """A dark streak at 8 positions across the net value, 1 px mid-gray and 3 px dark."""
    results = []
    for layout_i in (0, 1, 2, 4):  # landfill, quarry, asphalt, transfer: gross/tare/net printed
        sp = pool[layout_i][0]
        img, boxes = render(sp, tg.Style())
        for width, dark in ((1, 0.45), (3, 0.25)):
            for i in range(8):
                rng = random.Random(i)
                rng.sweep, rng.width, rng.dark = (i + 0.5) / 8, width, dark
                dmg = scan_streak(img, boxes, sp, rng, 0, 200)
                label = f"sweep_{sp.layout}_w{width}_{i}"
                rec = read(dmg, 200, sp, ctx, label, False)
                if rec["accepted_wrong"]:
                    dmg.save(OUT / f"{label}.png")
                results.append(rec)
                errs = ";".join(f"{e['field']}:{e['truth']}->{e['got']}" for e in rec["errors"])
                acc = "Y" if rec["accepted"] else "-"
                wrong = "!!" if rec["accepted_wrong"] else "  "
                right = f"{rec['right']:3d}/{rec['n_fields']:<3d}"
                print(f"{label:<26s} {right} acc={acc} {wrong} {errs}", flush=True)
    (OUT / "results_sweep.json").write_text(json.dumps(results, indent=1))
    n = len(results)
    print(
        f"sweep: {n} pages, accepted {sum(r['accepted'] for r in results)}, "
        f"accepted with a wrong value {sum(r['accepted_wrong'] for r in results)}"
    )


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--only", default="", help="comma list of damages")
    ap.add_argument("--no-baseline", action="store_true")
    ap.add_argument("--seed", type=int, default=77)
    ap.add_argument("--list", action="store_true")
    ap.add_argument("--shift", type=int, default=0, help="move each damage to other layouts")
    ap.add_argument(
        "--sweep",
        action="store_true",
        help="scanner streak swept across the net-weight column (weighed layouts)",
    )
    args = ap.parse_args()
    if args.list:
        print("\n".join(DAMAGES))
        return
    OUT.mkdir(parents=True, exist_ok=True)
    ctx = pagetask.make_context(ocr.find_tesseract(), cpu_device("probe"))
    ctx.today = dt.date(2025, 11, 20)
    pool = specs(args.seed)
    if args.sweep:
        return sweep(ctx, pool)
    names = [d for d in DAMAGES if not args.only or d in args.only.split(",")]
    results = []
    if not args.no_baseline:
        for li in range(5):
            for j in range(2):
                sp = pool[li][j]
                img, _ = render(sp, tg.Style())
                rec = read(img, 200, sp, ctx, f"clean_{sp.layout}_{j}", True)
                rec["damage"] = "clean"
                results.append(rec)
                print(json.dumps(rec), flush=True)
    for di, name in enumerate(DAMAGES):
        if name not in names:
            continue
        for k in range(N_PER.get(name, 2)):
            li = (di + 2 * k + args.shift) % 5
            sp = pool[li][(di + k) % 2]
            st = style_for(name, k)
            img, boxes = render(sp, st)
            rng = random.Random(di * 10 + k)
            dmg = DAMAGES[name](img, boxes, sp, rng, k, st.dpi)
            label = f"{name}_{sp.layout}_{k}"
            dmg.save(OUT / f"{label}.png")
            rec = read(dmg, st.dpi, sp, ctx, label, True)
            rec["damage"] = name
            results.append(rec)
            print(json.dumps(rec), flush=True)
    path = OUT / (
        "results.json" if not args.only else f"results_{args.only.replace(',', '_')}.json"
    )
    path.write_text(json.dumps(results, indent=1))
    print(f"\n{'damage':<14s} {'layout':<9s} {'right':>7s} {'acc':>4s} {'AccW':>4s}  secs")
    for r in results:
        errs = ";".join(f"{e['field']}:{e['truth']}->{e['got']}[{e['where']}]" for e in r["errors"])
        why = "" if r["accepted"] else r["reasons"] + list(r["low"])
        acc, wrong = "Y" if r["accepted"] else "-", "!!" if r["accepted_wrong"] else ""
        right = f"{r['right']:3d}/{r['n_fields']:<3d}"
        where = f"{r['damage']:<14s} {r['layout']:<9s}"
        print(f"{where} {right} {acc:>4s} {wrong:>4s}  {r['secs']:5.1f}  {errs} {why}")


if __name__ == "__main__":
    main()
