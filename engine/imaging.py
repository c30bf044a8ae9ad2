"""Page preprocessing: what Tesseract should read, made from a page's RGB render.

Written once against an array module `xp` (NumPy on the CPU, CuPy on a CUDA GPU). The steps:

1. Paper normalisation. The page is divided, per colour channel, by an estimate of the paper
   behind it (a grey-scale closing of a reduced copy: the local maximum, smoothed). Coloured
   paper (yellow, pink carbon copies), scanner shading
   and dark scan borders all become white, so the steps after it see ink on white.
2. Gray = the darkest normalised channel. After normalisation every ink is darker than the paper
   in at least one channel; a red serial on yellow paper is dark in green, which plain luminance
   halves (red and yellow both carry a lot of luminance).
3. Ink = chromatic ink only (red or brown numbering-machine serials, coloured stamps), dark on
   white, black print removed. Tesseract reads it as a second, nearly empty page.
4. Analysis at a reduced size: blank detection, 0/90 orientation from projection profiles,
   deskew (projection-profile search), and the printed text height, which sets the scale so the
   capital height lands where Tesseract 5 reads best (DPI metadata is often wrong, so the text is
   measured rather than trusted).
5. Contrast stretch (paper to 255, darkest ink to 0) and the geometry, applied to gray and ink.

Tesseract binarises (Otsu) itself; a binarisation here was measured and did not pay
(bench/bench_preprocess.py --quality prints what each step gains; `Steps` turns them off).
On the GPU the page goes to the device once and comes back once (gray and ink stacked); the few
decisions made from statistics come back as a handful of scalars. Any error on the GPU sends the
page to the CPU path: a page never fails because of the GPU.
"""

from __future__ import annotations

import functools
import logging
import math
import threading
import time
from dataclasses import dataclass, field, replace
from types import ModuleType
from typing import Any

import numpy
from PIL import Image, ImageChops

from engine.device import Device
from engine.dither import smoothed_if_dithered

_log = logging.getLogger(__name__)

# Capital height, in prepared pixels, that Tesseract 5 reads best (its LSTM models were trained
# on text lines of about 30-40 px; caps of 20-35 px sit in that range).
TARGET_CAP_PX = 28.0
# Capitals between these heights are read as they are; outside, the page is scaled.
MIN_READABLE_CAP_PX = 16.0
MAX_READABLE_CAP_PX = 48.0
MIN_SCALE = 0.35
MAX_SCALE = 4.0
# Upscaling stops here: Tesseract's time grows with pixels, and past this size nothing gains.
MAX_PREPARED_PIXELS = 14_000_000
ANALYSIS_MAX_SIDE = 1200
# Paper gains that vary less than this across the page are applied as one gain per channel.
UNIFORM_PAPER_SPREAD = 0.06
MAX_SKEW_DEG = 6.0
MAX_PHOTO_SKEW_DEG = 15.0
# Below this Tesseract finds the skewed lines itself; turning the page would cost more time
# than it gains (measured with the deskew step off: no loss in hits).
MIN_SKEW_DEG = 1.0
# After this many GPU failures in a row the GPU is left alone for the rest of the run.
GPU_FAILURES_BEFORE_GIVING_UP = 3

Array = Any  # numpy.ndarray or cupy.ndarray


@dataclass
class Prepared:
    """A page made ready for Tesseract, with the geometry needed to map boxes back."""

    gray: numpy.ndarray  # uint8 HxW, upright, deskewed, scaled: what Tesseract reads
    ink: numpy.ndarray | None  # uint8, coloured ink dark on white, same geometry; None if none
    scale: float  # prepared pixels per input pixel
    rotation: int  # degrees applied counter-clockwise (0/90/180/270)
    skew_deg: float  # deskew turn applied, degrees counter-clockwise (minus the page skew)
    blank: bool  # no ink worth OCR-ing
    device: str  # "cpu" or "gpu: <name>": what actually ran (after any fallback)
    timings: dict[str, float] = field(default_factory=dict)
    input_size: tuple[int, int] = (0, 0)  # width, height of the page render
    cap_height_px: float = 0.0  # measured capital height in input pixels (0: no text found)
    # Scanner streaks painted out, as column spans (first, last) in page-render pixels: what
    # they covered is a guess, and a value read across one says so (see pagetask).
    streaks: tuple[tuple[int, int], ...] = ()
    dots_joined: bool = False  # struck in dots, and read blurred: every glyph is a guess
    # Form rules painted out where values were printed across them (struck.py), as boxes
    # (left, top, right, bottom) in this image's pixels: what they covered is a guess too.
    lifted_rules: tuple[tuple[int, int, int, int], ...] = ()
    # A coloured stamp taken off the page (its pixels are those `ink` marks): the print under
    # it is read through what the stamp left.
    unstamped: bool = False
    # Flipped left to right after all its turns: a page scanned from its back (a carbon's
    # reverse, a mirrored photo). The flip is always the last step, which to_input undoes first.
    mirrored: bool = False

    def to_input(self, x: float, y: float) -> tuple[float, float]:
        """Map a point of the prepared image back to page-render pixels."""
        return _to_input(self, x, y)

    def to_input_box(
        self, left: int, top: int, width: int, height: int
    ) -> tuple[int, int, int, int]:
        """Map a word box of the prepared image to an upright box in page-render pixels."""
        corners = [self.to_input(left + dx, top + dy) for dx in (0, width) for dy in (0, height)]
        xs = [c[0] for c in corners]
        ys = [c[1] for c in corners]
        x0, y0 = max(0.0, min(xs)), max(0.0, min(ys))
        x1 = min(float(self.input_size[0]), max(xs))
        y1 = min(float(self.input_size[1]), max(ys))
        return round(x0), round(y0), max(0, round(x1 - x0)), max(0, round(y1 - y0))


@dataclass(frozen=True)
class Steps:
    """Which preprocessing steps run (bench/bench_preprocess.py --quality measures each).

    The benchmark turns steps off one at a time to measure what each costs and gains.
    """

    paper: bool = True  # divide out the paper colour; gray = darkest normalised channel
    orient: bool = True  # 0/90 from projection profiles
    deskew: bool = True
    scale: bool = True  # bring capitals to TARGET_CAP_PX
    contrast: bool = True  # paper to 255, darkest ink to 0
    ink: bool = True  # the coloured-ink image
    binarize: bool = False  # measured: lower word confidence than Tesseract's own Otsu
    streaks: bool = True  # a sheet feeder's dark streak down the page, painted out


@dataclass
class _Plan:
    """What the analysis decided; plain Python numbers, cheap to bring back from the GPU."""

    rot90: int  # quarter turns counter-clockwise
    skew_deg: float
    scale: float
    blank: bool
    has_ink: bool
    white: float  # gray level of the paper after normalisation (0..255)
    black: float  # gray level of the darkest ink
    threshold: float  # ink below this level
    cap_px: float


class _Backend:
    """An array module plus the few primitives whose fast form differs between CPU and GPU.

    On the CPU, Pillow's C code does block averaging and geometry several times faster than
    NumPy can, and row strips keep the per-pixel arithmetic in cache. On the GPU the same steps
    run on whole images.
    """

    def __init__(self, xp: ModuleType, label: str) -> None:
        self.xp = xp
        self.label = label

    def to_device(self, a: numpy.ndarray) -> Array:
        return self.xp.asarray(a)

    def to_host(self, a: Array) -> numpy.ndarray:
        return numpy.asarray(a)

    def rows_per_pass(self, strip: int, height: int) -> int:
        return strip * 4

    def reduce(self, a: Array, k: int, dtype: Any = numpy.float32) -> Array:
        """Average k x k blocks of a uint8 image (2-D or HxWx3); partial edge blocks kept.
        Pillow rounds the averages to whole levels, so uint8 loses nothing here."""
        if k <= 1:
            return numpy.asarray(a, dtype=dtype)
        img = Image.fromarray(numpy.ascontiguousarray(a)).reduce(k)
        return numpy.asarray(img, dtype=dtype)

    def scale_rotate(self, a: Array, scale: float, angle: float) -> Array:
        """Scale a uint8 image, then rotate it counter-clockwise by `angle`, canvas expanded."""
        img = Image.fromarray(numpy.ascontiguousarray(a))
        if scale < 0.75:
            # Strong reductions first average (no aliasing), then turn the small image.
            size = (max(1, round(img.width * scale)), max(1, round(img.height * scale)))
            img = img.resize(size, Image.Resampling.BILINEAR, reducing_gap=2.0)
            scale = 1.0
        if not angle:
            if abs(scale - 1.0) > 1e-3:
                size = (max(1, round(img.width * scale)), max(1, round(img.height * scale)))
                img = img.resize(size, Image.Resampling.BICUBIC)
            return numpy.asarray(img)
        # Scale and turn in one resampling pass: half the work of two.
        c, s = math.cos(math.radians(angle)), math.sin(math.radians(angle))
        sw, sh = img.width * scale, img.height * scale
        out_w = max(1, math.ceil(abs(c) * sw + abs(s) * sh - 1e-6))
        out_h = max(1, math.ceil(abs(s) * sw + abs(c) * sh - 1e-6))
        # Output pixel -> input pixel (Pillow wants the inverse map).
        ox, oy = out_w / 2.0, out_h / 2.0
        data = (
            c / scale,
            -s / scale,
            (-c * ox + s * oy + sw / 2.0) / scale,
            s / scale,
            c / scale,
            (-s * ox - c * oy + sh / 2.0) / scale,
        )
        out = img.transform(
            (out_w, out_h),
            Image.Transform.AFFINE,
            data,
            Image.Resampling.BILINEAR,  # bicubic costs twice as much and reads no better
            fillcolor=255,
        )
        return numpy.asarray(out)

    def lookup(self, a: Array, lut: numpy.ndarray) -> Array:
        """A 256-entry uint8 table applied to a uint8 image: Pillow's point() is three times
        NumPy's fancy indexing."""
        return numpy.asarray(Image.fromarray(numpy.ascontiguousarray(a)).point(lut.tolist()))

    def darkest_and_chroma(self, rgb: Array, lut: numpy.ndarray | None) -> tuple[Array, Array]:
        """The darkest channel and max - min per pixel (uint8 HxW), after an optional
        per-channel table (256 x 3). Pillow's band operations run in C on contiguous planes."""
        img = Image.fromarray(numpy.ascontiguousarray(rgb))
        if lut is not None:
            img = img.point([int(v) for c in range(3) for v in lut[:, c]])
        r, g, b = img.split()
        dark = ImageChops.darker(ImageChops.darker(r, g), b)
        light = ImageChops.lighter(ImageChops.lighter(r, g), b)
        return numpy.asarray(dark), numpy.asarray(ImageChops.subtract(light, dark))

    def synchronize(self) -> None:
        return None


class _CupyBackend(_Backend):
    """CuPy arrays; geometry with cupyx.scipy.ndimage. Same contract as the CPU backend."""

    def __init__(self, cp: ModuleType, ndimage: ModuleType, label: str) -> None:
        super().__init__(cp, label)
        self.ndimage = ndimage

    def to_host(self, a: Array) -> numpy.ndarray:
        return numpy.asarray(self.xp.asnumpy(a))

    def rows_per_pass(self, strip: int, height: int) -> int:
        return height + strip  # the whole page in one pass: kernels are cheap, launches not

    def reduce(self, a: Array, k: int, dtype: Any = numpy.float32) -> Array:
        # Averages stay fractional on the GPU, where float arithmetic costs nothing extra.
        return _block_mean(self.xp, a, k)

    def scale_rotate(self, a: Array, scale: float, angle: float) -> Array:
        xp, nd = self.xp, self.ndimage
        out = a.astype(xp.float32)
        if abs(scale - 1.0) > 1e-3:
            shape = (max(1, round(a.shape[0] * scale)), max(1, round(a.shape[1] * scale)))
            if scale < 0.75:
                # Block-average first: zoom alone would alias where Pillow's resize does not.
                out = _block_mean(xp, out, max(1, int(1.0 / scale)))
            zoom = (shape[0] / out.shape[0], shape[1] / out.shape[1])
            out = _fit(xp, nd.zoom(out, zoom, order=3, mode="nearest", grid_mode=True), shape)
        if angle:
            out = nd.rotate(out, angle, reshape=True, order=1, mode="constant", cval=255.0)
        return xp.clip(out + 0.5, 0, 255).astype(xp.uint8)

    def lookup(self, a: Array, lut: numpy.ndarray) -> Array:
        return self.xp.asarray(lut)[a]

    def darkest_and_chroma(self, rgb: Array, lut: numpy.ndarray | None) -> tuple[Array, Array]:
        xp = self.xp
        if lut is not None:
            table = xp.asarray(lut)
            planes = [xp.take(table[:, c], rgb[:, :, c]) for c in range(3)]
        else:
            planes = [rgb[:, :, c] for c in range(3)]
        dark = xp.minimum(xp.minimum(planes[0], planes[1]), planes[2])
        light = xp.maximum(xp.maximum(planes[0], planes[1]), planes[2])
        return dark, light - dark

    def synchronize(self) -> None:
        self.xp.cuda.get_current_stream().synchronize()


class Preprocessor:
    """Turns page renders into Tesseract input. Thread-safe: share one per run.

    On a GPU device each call runs on its own CUDA stream, so worker threads share the card
    without a lock; CuPy's memory pool is thread-safe.
    """

    def __init__(
        self, device: Device, log: logging.Logger | None = None, steps: Steps | None = None
    ) -> None:
        self.device = device
        self.log = log or _log
        self.steps = steps or Steps()
        self._cpu = _Backend(numpy, "cpu")
        self._gpu: _CupyBackend | None = None
        self._state = threading.Lock()
        self._gpu_failures = 0
        self._gpu_logged = False
        self._gpu_off = not device.is_gpu

    # ------------------------------------------------------------------ public

    def prepare(self, rgb: numpy.ndarray, dpi: float) -> Prepared:
        """Prepare one page. `rgb` is uint8 HxWx3 (HxW gray and HxWx4 are accepted too)."""
        rgb = _as_rgb(smoothed_if_dithered(_as_rgb(rgb), dpi))
        if not self._gpu_off:
            try:
                backend = self._gpu_backend()
                cp = backend.xp
                with cp.cuda.Stream(non_blocking=True):
                    prepared = _prepare(backend, rgb, dpi, self.steps)
                    backend.synchronize()
                self._gpu_succeeded()
                return prepared
            except Exception as exc:  # any CUDA/CuPy failure: this page goes to the CPU
                self._gpu_failed(exc)
        return _prepare(self._cpu, rgb, dpi, self.steps)

    def rotate(self, prepared: Prepared, degrees: int) -> Prepared:
        """Turn a prepared page by a multiple of 90 degrees counter-clockwise (OSD said so)."""
        k = (int(degrees) // 90) % 4
        if k == 0:
            return prepared
        t0 = time.perf_counter()
        gray = numpy.ascontiguousarray(numpy.rot90(prepared.gray, k))
        ink = (
            None if prepared.ink is None else numpy.ascontiguousarray(numpy.rot90(prepared.ink, k))
        )
        timings = dict(prepared.timings)
        timings["rotate"] = time.perf_counter() - t0
        # A turn after the flip is the opposite turn before it, so the flip stays last.
        turn = -90 * k if prepared.mirrored else 90 * k
        return replace(
            prepared,
            gray=gray,
            ink=ink,
            rotation=(prepared.rotation + turn) % 360,
            timings=timings,
        )

    def mirror(self, prepared: Prepared) -> Prepared:
        """Flip a prepared page left to right: its print read backwards becomes print."""
        ink = None if prepared.ink is None else numpy.ascontiguousarray(prepared.ink[:, ::-1])
        return replace(
            prepared,
            gray=numpy.ascontiguousarray(prepared.gray[:, ::-1]),
            ink=ink,
            mirrored=not prepared.mirrored,
        )

    # ------------------------------------------------------------------ GPU bookkeeping

    def _gpu_backend(self) -> _CupyBackend:
        if self._gpu is None:
            import cupy  # noqa: PLC0415 - only where a GPU was found
            import cupyx.scipy.ndimage  # noqa: PLC0415

            self._gpu = _CupyBackend(cupy, cupyx.scipy.ndimage, self.device.label)
        return self._gpu

    def _gpu_succeeded(self) -> None:
        with self._state:
            self._gpu_failures = 0

    def _gpu_failed(self, exc: BaseException) -> None:
        with self._state:
            self._gpu_failures += 1
            first = not self._gpu_logged
            self._gpu_logged = True
            if self._gpu_failures >= GPU_FAILURES_BEFORE_GIVING_UP and not self._gpu_off:
                self._gpu_off = True
                self.log.warning(
                    "GPU failed %d pages in a row; the CPU does the image work "
                    "for the rest of this run",
                    self._gpu_failures,
                )
        if first:
            self.log.warning(
                "GPU image work failed, the page was done on the CPU: %s: %s",
                type(exc).__name__,
                exc,
            )

    @property
    def gpu_active(self) -> bool:
        return not self._gpu_off


# ---------------------------------------------------------------------- the pipeline


def _prepare(be: _Backend, rgb_host: numpy.ndarray, dpi: float, steps: Steps) -> Prepared:
    xp = be.xp
    timings: dict[str, float] = {}
    clock = _Clock(timings, be)
    h, w = rgb_host.shape[:2]

    rgb = be.to_device(rgb_host)
    clock("upload")
    gray, chroma = _normalise(be, rgb) if steps.paper else _luminance(xp, rgb)
    del rgb
    clock("normalise")

    small = None
    if steps.paper:
        gray, chroma, small = _whiten_surround(be, gray, chroma)
        clock("surround")
    plan = _analyse(be, gray, chroma, dpi, steps, small)
    clock("analyse")

    ink = _ink(xp, gray, chroma) if plan.has_ink else None
    del chroma
    streaks: tuple[tuple[int, int], ...] = ()
    if not plan.blank and steps.streaks:
        gray, streaks = _remove_streaks(xp, gray, plan.threshold)
        clock("streaks")
    if steps.contrast or steps.binarize:
        gray = be.lookup(gray, _contrast_table(plan, steps.binarize))
    clock("contrast")

    if plan.rot90:
        gray = xp.ascontiguousarray(xp.rot90(gray, plan.rot90))
        if ink is not None:
            ink = xp.ascontiguousarray(xp.rot90(ink, plan.rot90))
    if not plan.blank:
        gray = be.scale_rotate(gray, plan.scale, plan.skew_deg)
        if ink is not None:
            ink = be.scale_rotate(ink, plan.scale, plan.skew_deg)
    clock("geometry")

    # One copy back: gray and ink travel together.
    if ink is not None:
        both = be.to_host(xp.stack([gray, ink]))
        gray_h, ink_h = both[0], both[1]
    else:
        gray_h, ink_h = be.to_host(gray), None
    clock("download")
    timings["total"] = sum(timings.values())
    scale = plan.scale if not plan.blank else 1.0
    return Prepared(
        gray=gray_h,
        ink=ink_h,
        scale=scale,
        rotation=90 * plan.rot90,
        skew_deg=plan.skew_deg if not plan.blank else 0.0,
        blank=plan.blank,
        device=be.label,
        timings=timings,
        input_size=(w, h),
        cap_height_px=plan.cap_px,
        streaks=streaks,
    )


class _Clock:
    def __init__(self, timings: dict[str, float], be: _Backend) -> None:
        self.timings = timings
        self.be = be
        self.t = time.perf_counter()

    def __call__(self, name: str) -> None:
        self.be.synchronize()
        now = time.perf_counter()
        self.timings[name] = now - self.t
        self.t = now


def _normalise(be: _Backend, rgb: Array) -> tuple[Array, Array]:
    """Divide out the paper; return gray (darkest channel) and chroma, both uint8 HxW."""
    xp = be.xp
    h, w = rgb.shape[:2]
    # The paper is the local maximum (a grey-scale closing) of a reduced copy: it follows the
    # sharp edge of a yellow ticket on a white scanner lid, where a smooth fit would tint both,
    # and strokes thinner than the window vanish from it. Box averages first tame the noise.
    r = max(2, min(h, w) // 500)
    # Maxima in uint8 where the backend can: the same result at a quarter of the memory
    # traffic of float32 (the filter's shifted maxima were the costliest step on a CPU).
    small = be.reduce(rgb, r, xp.uint8)
    reach = max(2, round(18 / r)) if min(h, w) >= 1000 else 3
    paper = _mean3x3(xp, _max_filter(xp, small, reach))
    gh, gw = paper.shape[:2]
    # Never stretch a dark region (scan border, photo) into white: the paper is at least this.
    # Row maxima first: one reduction over both axes strides across the channels, 30x slower.
    floor = xp.maximum(paper.max(axis=0).max(axis=0) * 0.45, 24.0)
    paper = xp.maximum(paper, floor[None, None, :])
    inv = (255.0 / paper).astype(xp.float32)
    # Where the paper is even (most scans: dark strokes and borders aside), one gain per
    # channel does what per-pixel gains do, through a 256-entry table, at a fraction of the cost.
    flat = inv.reshape(-1, inv.shape[-1])[::7]  # a sample: a full sort costs more than it tells
    # Nearly the whole range: a highlighter stroke over a value is under 1% of the paper, and
    # one gain for the page left it a gray bar that hid the digits (a coffee stain too).
    lo, hi = (_host(xp, q) for q in xp.percentile(flat, [0.25, 99.75], axis=0))
    if float((hi - lo).max()) < UNIFORM_PAPER_SPREAD:
        gain = _host(xp, xp.median(flat, axis=0))
        if float(numpy.abs(gain - 1.0).max()) < 0.02:
            return be.darkest_and_chroma(rgb, None)
        levels = numpy.arange(256, dtype=numpy.float32)[:, None] * gain[None, :]
        return be.darkest_and_chroma(rgb, numpy.clip(levels + 0.5, 0, 255).astype(numpy.uint8))

    # Gains on a grid of strips x columns, interpolated linearly between the reduced pixels.
    strip = min(16, r)
    n_strips = -(-h // strip)
    span_h, span_w = gh * r, gw * r
    gy = _interp_axis(xp, inv, (xp.arange(n_strips) * strip + strip / 2.0) * gh / span_h, 0)
    gains = _interp_axis(xp, gy, (xp.arange(w) + 0.5) * gw / span_w, 1)  # n_strips x w x 3

    gray = xp.empty((h, w), dtype=xp.uint8)
    chroma = xp.empty((h, w), dtype=xp.uint8)
    step = be.rows_per_pass(strip, h)
    for r0 in range(0, h, step):
        r1 = min(h, r0 + step)
        g = xp.repeat(gains[r0 // strip : -(-r1 // strip)], strip, axis=0)[: r1 - r0]
        n = rgb[r0:r1] * g  # float32: each channel with its paper made white
        lo = xp.minimum(xp.minimum(n[:, :, 0], n[:, :, 1]), n[:, :, 2])
        hi = xp.maximum(xp.maximum(n[:, :, 0], n[:, :, 1]), n[:, :, 2])
        xp.minimum(hi, 255.0, out=hi)
        xp.minimum(lo, 255.0, out=lo)
        gray[r0:r1] = lo
        chroma[r0:r1] = hi - lo
    return gray, chroma


# A dark surround is whitened only when it is a real share of the picture and the paper stands
# out from it; the thin dark edge of an ordinary scan is left as it is.
SURROUND_MIN_SHARE = 0.08
SURROUND_MIN_CONTRAST = 80.0
HEAVY_MODE_SHARE = 0.10


def _whiten_surround(be: _Backend, gray: Array, chroma: Array) -> tuple[Array, Array, Array | None]:
    """A ticket photographed on a desk, or scanned on a black lid: the dark area around the
    paper is painted paper-white. Left dark, it outweighed the paper in the level histogram
    (the page was taken for blank) and Tesseract read its grain as words.

    The surround is what is dark along a straight run in from an edge of the picture, measured
    on a reduced copy: a ticket's own print sits inside its paper margin and is never reached.
    Returns the reduced copy too, for the analysis, when the page was left as it was.
    """
    xp = be.xp
    h, w = gray.shape
    k = max(1, math.ceil(max(h, w) / ANALYSIS_MAX_SIDE))
    small = be.reduce(gray, k)
    hist = _host(xp, _level_histogram(xp, small)).astype(numpy.float64)
    # The paper: the brightest level with a real share of the picture around it.
    near = numpy.convolve(hist, numpy.ones(17), mode="same")
    heavy = numpy.nonzero(near >= HEAVY_MODE_SHARE * hist.sum())[0]
    if heavy.size == 0:
        return gray, chroma, small
    lo = max(0, int(heavy.max()) - 16)
    paper = float(lo + int(numpy.argmax(hist[lo : int(heavy.max()) + 1])))
    dark_level = float(numpy.searchsorted(numpy.cumsum(hist) / hist.sum(), 0.05))
    if paper - dark_level < SURROUND_MIN_CONTRAST:
        return gray, chroma, small
    dark = small < (paper + dark_level) / 2.0
    surround = (
        xp.cumprod(dark, axis=1).astype(bool)
        | xp.cumprod(dark[:, ::-1], axis=1)[:, ::-1].astype(bool)
        | xp.cumprod(dark, axis=0).astype(bool)
        | xp.cumprod(dark[::-1], axis=0)[::-1].astype(bool)
    )
    share = float(_host(xp, surround.mean()))
    if share < SURROUND_MIN_SHARE or share > 0.9:
        return gray, chroma, small
    # One reduced pixel back from the paper's edge: a slanted edge's cells are part paper.
    surround = surround & ~_dilate(xp, ~surround, 1)
    full = xp.repeat(xp.repeat(surround, k, axis=0), k, axis=1)[:h, :w]
    if full.shape != gray.shape:  # the reduction's partial edge blocks: pad with the edge
        full = xp.pad(full, ((0, h - full.shape[0]), (0, w - full.shape[1])), mode="edge")
    gray = xp.where(full, xp.uint8(255), gray)
    chroma = xp.where(full, xp.uint8(0), chroma)
    return gray, chroma, None


# A scanner's streak: a column dark over this share of the page's height (print never is: a
# ruled line stops at its box, text has gaps between lines) and at most this wide.
STREAK_DARK_SHARE = 0.9
STREAK_MAX_WIDTH_PX = 6


def _remove_streaks(
    xp: ModuleType, gray: Array, threshold: float
) -> tuple[Array, tuple[tuple[int, int], ...]]:
    """A dirty sheet feeder draws a thin dark line down every page it scans. Where it crosses
    the digits of a column of weights it changed the same digit in each ('57,743' and
    '33,403' read '57,748' and '33,408': their difference still matched the net, so the misread
    was trusted). Each streak is painted with the lighter of its two neighbours, row by row, so
    a stroke that crosses it stays whole and the streak itself goes. Returns the page and the
    streaks' column spans."""
    h, w = gray.shape
    if h < 100 or w < 3 * STREAK_MAX_WIDTH_PX:
        return gray, ()
    margin = h // 50
    dark = _host(xp, (gray[margin : h - margin] < threshold).mean(axis=0))
    columns = numpy.nonzero(dark >= STREAK_DARK_SHARE)[0]
    if columns.size == 0:
        return gray, ()
    out = gray.copy()
    spans: list[tuple[int, int]] = []
    runs = numpy.split(columns, numpy.nonzero(numpy.diff(columns) > 1)[0] + 1)
    for run in runs:
        c0, c1 = int(run[0]), int(run[-1])
        if c1 - c0 + 1 > STREAK_MAX_WIDTH_PX or c0 == 0 or c1 == w - 1:
            continue  # a wide dark band is a border or a photo's edge, not a streak
        # Two columns out: a scanned streak's soft edge is part of it.
        fill = xp.maximum(gray[:, max(0, c0 - 2)], gray[:, min(w - 1, c1 + 2)])
        out[:, c0 : c1 + 1] = fill[:, None]
        spans.append((c0, c1))
    return out, tuple(spans)


def _interp_axis(xp: ModuleType, grid: Array, pos: Array, axis: int) -> Array:
    """Linear interpolation of `grid` along `axis` at fractional cell positions `pos`."""
    n = grid.shape[axis]
    f = xp.clip(pos.astype(xp.float32) - 0.5, 0.0, float(n - 1))
    i0 = xp.floor(f).astype(xp.int32)
    i1 = xp.minimum(i0 + 1, n - 1)
    t = (f - i0).astype(xp.float32)
    a0 = xp.take(grid, i0, axis=axis)
    a1 = xp.take(grid, i1, axis=axis)
    shape = [1] * grid.ndim
    shape[axis] = -1
    t = t.reshape(shape)
    return a0 * (1.0 - t) + a1 * t


def _max_filter(xp: ModuleType, a: Array, reach: int) -> Array:
    """Maximum over a (2*reach+1) square window, separably, by shifted maxima (HxWxC)."""
    out = a
    for axis in (0, 1):
        src = out
        out = src.copy()
        n = src.shape[axis]
        for d in range(1, min(reach, n - 1) + 1):
            if axis == 0:
                xp.maximum(out[d:], src[:-d], out=out[d:])
                xp.maximum(out[:-d], src[d:], out=out[:-d])
            else:
                xp.maximum(out[:, d:], src[:, :-d], out=out[:, d:])
                xp.maximum(out[:, :-d], src[:, d:], out=out[:, :-d])
    return out


def _mean3x3(xp: ModuleType, a: Array) -> Array:
    """3x3 box mean (edges repeated), float32: separable, rows then columns. The sums of
    uint8 levels are whole numbers, exact in uint16 at half float32's memory traffic."""
    whole = a.dtype == xp.uint8  # the GPU's reduced copy is fractional
    p = xp.pad(a.astype(xp.uint16 if whole else xp.float32), ((1, 1), (1, 1), (0, 0)), mode="edge")
    rows = p[:-2] + p[1:-1] + p[2:]
    return (rows[:, :-2] + rows[:, 1:-1] + rows[:, 2:]).astype(xp.float32) / 9.0


def _block_mean(xp: ModuleType, a: Array, k: int) -> Array:
    """Average k x k blocks of a 2-D or HxWxC array (the edge remainder is dropped); float32."""
    if k <= 1:
        return a.astype(xp.float32)
    # At least 1: a sliver of a page (a long thin strip) has an empty inner area.
    kh, kw = max(1, min(k, a.shape[0])), max(1, min(k, a.shape[1]))
    h, w = a.shape[0] // kh, a.shape[1] // kw
    blocks = a[: h * kh, : w * kw].reshape(h, kh, w, kw, *a.shape[2:])
    return blocks.astype(xp.float32).mean(axis=(1, 3))


def _fit(xp: ModuleType, a: Array, shape: tuple[int, int]) -> Array:
    """Crop or edge-pad a 2-D array to exactly `shape` (zoom may be off by a pixel)."""
    a = a[: shape[0], : shape[1]]
    ph, pw = shape[0] - a.shape[0], shape[1] - a.shape[1]
    if ph or pw:
        a = xp.pad(a, ((0, ph), (0, pw)), mode="edge")
    return a


# ---------------------------------------------------------------------- analysis


def _analyse(
    be: _Backend, gray: Array, chroma: Array, dpi: float, steps: Steps, small: Array | None = None
) -> _Plan:
    xp = be.xp
    h, w = gray.shape
    k = max(1, math.ceil(max(h, w) / ANALYSIS_MAX_SIDE))
    if small is None:
        small = be.reduce(gray, k)
    small_c = be.reduce(chroma, k)

    white, black, thr = _levels(xp, _level_histogram(xp, small))
    mask = small < thr

    # Blank: no cell of about a text-line's size carries a real share of ink. Scan borders,
    # punched holes and the shadow of the lid live in the outer margin and do not count.
    my, mx = max(1, small.shape[0] // 40), max(1, small.shape[1] // 40)
    inner = mask[my:-my, mx:-mx]
    cell = max(4, min(small.shape) // 60)
    ink_cells = _block_mean(xp, inner, cell) > 0.06
    small_ink = _ink(
        xp, small[my:-my, mx:-mx].astype(xp.uint8), small_c[my:-my, mx:-mx].astype(xp.uint8)
    )
    coloured = small_ink < 128
    stats = xp.stack([ink_cells.sum(), coloured.sum()]).astype(xp.float32)
    n_cells, n_coloured = (float(v) for v in _host(xp, stats))
    if n_cells < 6 or (white - black) < 40:
        return _Plan(0, 0.0, 1.0, True, False, white, black, thr, 0.0)
    enough_ink = max(40.0, 0.0004 * float(inner.size))
    if steps.ink and n_coloured >= enough_ink:
        # Long straight coloured rules are the edge of a coloured ticket on a white lid, not
        # ink. Removing them only lowers the count, so a page short of coloured ink already
        # skips this (most printed tickets).
        n_coloured = float(_host(xp, _remove_lines(xp, coloured).sum()))
    has_ink = steps.ink and n_coloured >= enough_ink

    text = _remove_lines(xp, mask)
    rot90, skew = _orientation_and_skew(xp, mask, text)
    if not steps.orient:
        rot90 = 0
    if not steps.deskew:
        skew = 0.0
    cap = _cap_height(xp, xp.rot90(text, rot90) if rot90 else text) * k
    scale = 1.0
    if steps.scale:
        # Without measurable text, fall back on the DPI the renderer reported.
        if cap <= 0:
            scale = 300.0 / dpi if dpi > 0 else 1.0
        elif cap < MIN_READABLE_CAP_PX:
            scale = TARGET_CAP_PX / cap
        elif cap > MAX_READABLE_CAP_PX:
            scale = 36.0 / cap  # 600-DPI renders: a third of the pixels to read
        else:
            # Readable as it is: upscaling only makes Tesseract slower (pixels), not better.
            scale = 1.0
        scale = min(MAX_SCALE, max(MIN_SCALE, scale))
        scale = min(scale, math.sqrt(MAX_PREPARED_PIXELS / float(h * w)))
        # Near 1 the resample costs more sharpness than the size change gains.
        if 0.85 <= scale <= 1.2:
            scale = 1.0
    return _Plan(rot90, skew, round(scale, 4), False, has_ink, white, black, thr, cap)


def _host(xp: ModuleType, a: Array) -> numpy.ndarray:
    return numpy.asarray(xp.asnumpy(a)) if hasattr(xp, "asnumpy") else numpy.asarray(a)


def _level_histogram(xp: ModuleType, small: Array) -> Array:
    """How many pixels of a reduced page sit at each of the 256 gray levels."""
    return xp.bincount(xp.clip(small, 0, 255).astype(xp.int32).ravel(), minlength=256)


def _levels(xp: ModuleType, hist: Array) -> tuple[float, float, float]:  # noqa: C901
    """Paper level, darkest ink level and an ink threshold, from a 256-bin histogram."""
    hist_h = _host(xp, hist).astype(numpy.float64)
    total = hist_h.sum()
    cdf = numpy.cumsum(hist_h) / max(total, 1.0)
    # The paper is the brightest large mode; the median is safely paper on any ticket.
    median = int(numpy.searchsorted(cdf, 0.5))
    white = float(median)
    black = float(numpy.searchsorted(cdf, 0.002))
    if white - black < 40:
        # A few lines on a large white page (a stub scanned on a letter-size bed) are less
        # than 0.2% of it: the darkest level that holds a handful of pixels is their ink.
        black = float(numpy.searchsorted(cdf, min(0.002, 20.0 / max(total, 1.0))))
    # Otsu on the histogram, bounded so faint paper texture never counts as ink.
    levels = numpy.arange(256, dtype=numpy.float64)
    w0 = numpy.cumsum(hist_h)
    w1 = total - w0
    m0 = numpy.cumsum(hist_h * levels)
    mu0 = m0 / numpy.maximum(w0, 1)
    mu1 = (m0[-1] - m0) / numpy.maximum(w1, 1)
    between = w0 * w1 * (mu0 - mu1) ** 2
    otsu = float(numpy.argmax(between))
    thr = min(otsu, white - 0.3 * (white - black), white - 25.0)
    return white, black, thr


def _remove_lines(xp: ModuleType, mask: Array) -> Array:
    """The mask without long horizontal and vertical rules (form lines, boxes, underlines)."""
    h, w = mask.shape
    # Far longer than any letter is tall, or stems of large print would count as rules.
    length = max(30, min(h, w) // 8)
    lines = _long_runs(xp, mask, length, axis=1) | _long_runs(xp, mask, length, axis=0)
    return mask & ~lines


def _long_runs(xp: ModuleType, mask: Array, length: int, axis: int) -> Array:
    """Pixels of `mask` lying in an unbroken run of at least `length` along `axis`.

    Known to be loose: it also marks up to `length` pixels past a run's end and misses the
    middle of runs under twice `length`. The orientation, skew and glyph-size measures are
    tuned on it (made exact, a 200-DPI page's glyphs measured small and it was read at twice
    the size), so it stays until they are measured again; struck.long_runs is exact."""
    m = mask if axis == 1 else mask.T
    h, w = m.shape
    if w <= length:
        return xp.zeros_like(mask)
    cs = xp.zeros((h, w + 1), dtype=xp.int32)
    cs[:, 1:] = xp.cumsum(m, axis=1, dtype=xp.int32)
    full = (cs[:, length:] - cs[:, :-length]) == length  # window starting at i is all ink
    starts = xp.zeros((h, w + 1), dtype=xp.int32)
    starts[:, length:] = xp.cumsum(full, axis=1, dtype=xp.int32)
    # A pixel is covered when some full window starts in [x - length + 1, x].
    covered = (starts[:, length:] - starts[:, :-length])[:, : w - length + 1]
    out = xp.zeros((h, w), dtype=bool)
    out[:, : w - length + 1] |= full
    hit = covered[:, : w - length + 1] > 0
    out[:, length - 1 :] |= hit
    return out if axis == 1 else out.T


def _orientation_and_skew(xp: ModuleType, mask: Array, text: Array) -> tuple[int, float]:
    """Quarter turns (0 or 1) that put text lines horizontal, and the residual skew.

    Text lines make the projection across them sharply peaked; the text-only mask decides the
    orientation (form rules run both ways), the full mask the skew (rules help there).
    """
    pts_text = _points(xp, text)
    if pts_text[0].size < 50:
        pts_text = _points(xp, mask)
    if pts_text[0].size < 50:
        return 0, 0.0
    # Coarse steps with coarse rows (a wide peak cannot fall between two steps), then fine.
    coarse = numpy.arange(-MAX_SKEW_DEG, MAX_SKEW_DEG + 1e-6, 0.5)
    rows = _profile_scores(xp, pts_text[0], pts_text[1], coarse, 4)
    cols = _profile_scores(xp, pts_text[1], pts_text[0], coarse, 4)
    rot90 = 1 if float(cols.max()) > 1.15 * float(rows.max()) else 0

    ys, xs = _points(xp, mask)
    if rot90:
        # Rotating 90 degrees counter-clockwise: new y = -x, new x = y.
        ys, xs = -xs, ys
    scores = _profile_scores(xp, ys, xs, coarse, 4)
    best = float(coarse[int(numpy.argmax(scores))])
    limit = MAX_SKEW_DEG
    if abs(best) >= MAX_SKEW_DEG - 0.5:
        # Sharpest at the edge of a scanner's range: a photo held askew. Only such pages pay
        # for the wider search.
        limit = MAX_PHOTO_SKEW_DEG
        wide = numpy.arange(-limit, limit + 1e-6, 0.5)
        scores = _profile_scores(xp, ys, xs, wide, 4)
        best = float(wide[int(numpy.argmax(scores))])
    fine = numpy.arange(best - 0.5, best + 0.5 + 1e-6, 0.1)
    scores = _profile_scores(xp, ys, xs, fine, 1)
    skew = float(fine[int(numpy.argmax(scores))])
    if abs(skew) < MIN_SKEW_DEG or abs(skew) >= limit:
        skew = 0.0
    # The correction is the opposite turn.
    return rot90, -round(skew, 3) if skew else 0.0


def _points(xp: ModuleType, mask: Array, limit: int = 150_000) -> tuple[Array, Array]:
    ys, xs = xp.nonzero(mask)
    step = max(1, int(ys.size) // limit)
    return ys[::step].astype(xp.float32), xs[::step].astype(xp.float32)


def _profile_scores(
    xp: ModuleType, ys: Array, xs: Array, angles: numpy.ndarray, bin_px: int
) -> numpy.ndarray:
    """Sum of squared row counts after shearing the points by each angle (higher: sharper).

    The angle is the skew of the page, counter-clockwise; rotating the page back by it makes
    rows of text horizontal.
    """
    if ys.size == 0:
        return numpy.zeros(len(angles))
    xc = xs - xs.mean()
    yc = ys - ys.min()
    tans = xp.asarray(numpy.tan(numpy.radians(angles)).astype(numpy.float32))
    # Counter-clockwise page skew lifts the right end of a line: y' = y + x*tan(a).
    rows = yc[None, :] + xc[None, :] * tans[:, None]
    rows = (rows - rows.min(axis=1, keepdims=True)) / float(bin_px)
    rows = rows.astype(xp.int32)
    nbins = int(_host(xp, rows.max())) + 1
    offsets = (xp.arange(len(angles), dtype=xp.int32) * nbins)[:, None]
    counts = xp.bincount((rows + offsets).ravel(), minlength=nbins * len(angles))
    counts = counts.reshape(len(angles), nbins).astype(xp.float32)
    return _host(xp, (counts * counts).sum(axis=1)).astype(numpy.float64)


def _cap_height(xp: ModuleType, text: Array) -> float:
    """Typical height of the printed letters, from vertical ink runs (0 if there is no text).

    Horizontal runs are mostly as wide as the pen. Vertical runs longer than two pen widths
    are stems and bowls of letters; their 70th percentile lands on the height of capitals and
    digits, the bulk of what tickets print (measured on fonts from 7 to 45 px). A count, not
    ink mass: a barcode's tall bars are few runs but a lot of ink.
    """
    pen_hist = _run_histogram(xp, text.T, max(4, text.shape[1] // 8))
    if pen_hist[1:].sum() < 30:
        return 0.0
    pen = int(numpy.argmax(pen_hist[1:])) + 1
    hist = _run_histogram(xp, text, max(8, text.shape[0] // 8))
    hist[: max(3, 2 * pen + 1)] = 0.0
    if hist.sum() < 30:
        return 0.0
    cdf = numpy.cumsum(hist) / hist.sum()
    return float(numpy.searchsorted(cdf, 0.7))


def _run_histogram(xp: ModuleType, mask: Array, longest: int) -> numpy.ndarray:
    """Counts of unbroken vertical runs of `mask` by length, up to `longest` (longer dropped)."""
    m = xp.ascontiguousarray(mask.T)  # columns become rows: runs along axis 1
    h, w = m.shape
    padded = xp.zeros((h, w + 2), dtype=xp.int8)
    padded[:, 1:-1] = m
    d = xp.diff(padded, axis=1).ravel()
    starts = xp.nonzero(d == 1)[0]
    ends = xp.nonzero(d == -1)[0]
    lengths = (ends - starts).astype(xp.int32)
    lengths = lengths[lengths <= longest]
    return _host(xp, xp.bincount(lengths, minlength=longest + 1)).astype(numpy.float64)


# ---------------------------------------------------------------------- finishing


def _contrast_table(plan: _Plan, binarize: bool) -> numpy.ndarray:
    """The 256-entry table that stretches the paper to 255 and the darkest ink to 0 (or
    thresholds)."""
    levels = numpy.arange(256, dtype=numpy.float64)
    if binarize:
        lut = numpy.where(levels < plan.threshold, 0, 255).astype(numpy.uint8)
    else:
        top = max(plan.white - 12.0, plan.black + 40.0)
        bottom = min(plan.black, top - 40.0)
        lut = numpy.clip((levels - bottom) * 255.0 / max(1.0, top - bottom), 0, 255)
        lut = lut.astype(numpy.uint8)
    return lut


def _luminance(xp: ModuleType, rgb: Array) -> tuple[Array, Array]:
    """Plain ITU-R 601 luminance and no chroma: the pipeline without paper normalisation."""
    f = rgb.astype(xp.float32)
    gray = f[:, :, 0] * 0.299 + f[:, :, 1] * 0.587 + f[:, :, 2] * 0.114
    return xp.clip(gray, 0, 255).astype(xp.uint8), xp.zeros(gray.shape, dtype=xp.uint8)


def _ink(xp: ModuleType, gray: Array, chroma: Array) -> Array:
    """Coloured ink dark on white; black print and paper white.

    A pixel counts as coloured ink when its chroma is high in absolute terms and relative to
    its darkness: black print with a scanner's colour fringe is dark but nearly neutral. Both
    inputs are uint8, so the whole rule is one 256 x 256 table and one lookup per pixel.
    """
    ink = xp.asarray(_ink_table())[gray.astype(xp.int32) * 256 + chroma]
    # JPEG and scanner colour fringes hug black print: nothing next to neutral dark ink counts.
    neutral = (gray < 140) & (chroma.astype(xp.int16) * 4 < 255 - gray.astype(xp.int16))
    return xp.where(_dilate(xp, neutral, 3), xp.uint8(255), ink)


def _dilate(xp: ModuleType, mask: Array, r: int) -> Array:
    """Grow a boolean mask by `r` pixels (a square), with shifted ORs."""
    out = mask.copy()
    for _ in range(r):
        grown = out.copy()
        grown[1:, :] |= out[:-1, :]
        grown[:-1, :] |= out[1:, :]
        grown[:, 1:] |= out[:, :-1]
        grown[:, :-1] |= out[:, 1:]
        out = grown
    return out


@functools.cache
def _ink_table() -> numpy.ndarray:
    g = numpy.arange(256, dtype=numpy.float32)[:, None]
    c = numpy.arange(256, dtype=numpy.float32)[None, :]
    dark = 255.0 - g
    weight = numpy.clip((c - 25.0) / 30.0, 0.0, 1.0)
    weight = weight * numpy.clip((c / numpy.maximum(dark, 1.0) - 0.3) / 0.2, 0.0, 1.0)
    # Doubled: a faint stamp (half-dark) becomes black, faint tints (aged paper edges, colour
    # fringes) stay near white.
    table = numpy.clip(255.0 - 2.0 * dark * weight, 0.0, 255.0).astype(numpy.uint8)
    return table.ravel()


def _as_rgb(a: numpy.ndarray) -> numpy.ndarray:
    arr = numpy.asarray(a)
    if arr.dtype != numpy.uint8:
        arr = numpy.clip(arr, 0, 255).astype(numpy.uint8)
    if arr.ndim == 2:
        arr = numpy.repeat(arr[:, :, None], 3, axis=2)
    elif arr.ndim == 3 and arr.shape[2] == 4:
        arr = arr[:, :, :3]
    elif arr.ndim == 3 and arr.shape[2] == 1:
        arr = numpy.repeat(arr, 3, axis=2)
    if arr.ndim != 3 or arr.shape[2] != 3 or arr.shape[0] < 2 or arr.shape[1] < 2:
        raise ValueError(f"expected an RGB page image, got shape {arr.shape}")
    return numpy.ascontiguousarray(arr)


def as_read(pixels: numpy.ndarray, rotation: int, mirrored: bool) -> numpy.ndarray:
    """A part of the page as scanned, turned (`rotation`, degrees counter-clockwise) and
    flipped as the page was when it was read: the way its words' boxes and the operator see it.
    A view, not a copy."""
    turned = numpy.rot90(pixels, (rotation // 90) % 4)
    return turned[:, ::-1] if mirrored else turned


def _to_input(p: Prepared, x: float, y: float) -> tuple[float, float]:
    w0, h0 = p.input_size
    if w0 == 0 or h0 == 0:
        return x, y
    ph, pw = p.gray.shape[:2]
    if p.mirrored:
        x = pw - x
    k = (p.rotation // 90) % 4
    # Size after the quarter turns and the scale, before the skew rotation.
    rw, rh = (w0, h0) if k % 2 == 0 else (h0, w0)
    sw, sh = rw * p.scale, rh * p.scale
    # Undo the skew rotation, made about the centre of an expanded canvas. Forward, a turn
    # counter-clockwise on screen (y down) is x' = c*x + s*y, y' = -s*x + c*y.
    a = math.radians(p.skew_deg)
    dx, dy = x - pw / 2.0, y - ph / 2.0
    ux = math.cos(a) * dx - math.sin(a) * dy
    uy = math.sin(a) * dx + math.cos(a) * dy
    sx, sy = ux + sw / 2.0, uy + sh / 2.0
    return _undo_quarter_turns(sx / p.scale, sy / p.scale, k, w0, h0)


def _undo_quarter_turns(x: float, y: float, k: int, w0: int, h0: int) -> tuple[float, float]:
    """Map a point of an image turned k quarter turns counter-clockwise back to the original."""
    for i in range(k, 0, -1):
        # Image before this turn: size (bw, bh); numpy.rot90 ccw maps (x, y) -> (y, bw - x).
        bw, bh = (w0, h0) if (i - 1) % 2 == 0 else (h0, w0)
        del bh
        x, y = bw - y, x
    return x, y
