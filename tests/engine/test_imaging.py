"""Page preprocessing: what Tesseract gets to read, on the CPU and (when present) the GPU."""

from __future__ import annotations

import io
import logging
import random
import types
from pathlib import Path
from typing import Any

import numpy
import pytesseract
import pytest
from PIL import Image, ImageDraw, ImageFont

from engine import imaging
from engine.device import Device
from engine.imaging import Prepared, Preprocessor

FONTS = Path("/usr/share/fonts/truetype/dejavu")
CPU = Device("cpu", "cpu", "test")
YELLOW = (250, 226, 120)
from tests.conftest import SAMPLES  # noqa: E402


def _font(name: str, px: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONTS / name), px)


def _ticket(
    paper: tuple[int, int, int] = (255, 255, 255),
    serial_ink: tuple[int, int, int] = (25, 25, 30),
    px: int = 26,
    size: tuple[int, int] = (1000, 420),
    noise: float = 6.0,
) -> Image.Image:
    """A small ticket: a header, two printed lines, a rule, a serial; some scanner noise."""
    w, h = size
    f = px / 26.0
    img = Image.new("RGB", size, paper)
    d = ImageDraw.Draw(img)
    ink = (25, 25, 30)
    d.text(
        (int(40 * f), int(30 * f)),
        "ACME HAULING LLC",
        fill=ink,
        font=_font("DejaVuSans-Bold.ttf", int(px * 1.3)),
    )
    d.text(
        (int(40 * f), int(100 * f)),
        "Truck 417   Job 24-105",
        fill=ink,
        font=_font("DejaVuSans.ttf", px),
    )
    d.text(
        (int(40 * f), int(150 * f)),
        "Material: Fill Dirt  18.42 TN",
        fill=ink,
        font=_font("DejaVuSans.ttf", px),
    )
    d.line((int(30 * f), int(200 * f), w - int(30 * f), int(200 * f)), fill=ink, width=2)
    d.text(
        (int(560 * f), int(230 * f)),
        "No 582914",
        fill=serial_ink,
        font=_font("DejaVuSansMono.ttf", int(px * 1.7)),
    )
    if noise:
        arr = numpy.asarray(img, dtype=numpy.float32)
        arr += numpy.random.default_rng(1).normal(0, noise, (h, w, 1))
        img = Image.fromarray(numpy.clip(arr, 0, 255).astype(numpy.uint8))
    return img


def _rgb(img: Image.Image) -> numpy.ndarray:
    return numpy.asarray(img.convert("RGB"))


def _read(img: numpy.ndarray | Image.Image) -> str:
    pil = Image.fromarray(img) if isinstance(img, numpy.ndarray) else img
    return pytesseract.image_to_string(pil, config="--psm 11")


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def _jpeg(img: Image.Image, quality: int = 60) -> Image.Image:
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=quality)
    return Image.open(io.BytesIO(buf.getvalue())).convert("RGB")


# ---------------------------------------------------------------------- reading quality


def test_red_serial_on_yellow_paper_is_read_from_the_ink_image() -> None:
    img = _ticket(paper=YELLOW, serial_ink=(238, 155, 115))
    # Plain grayscale: the light red serial and the yellow paper are nearly the same gray.
    assert "582914" not in _digits(_read(img.convert("L")))
    prepared = Preprocessor(CPU).prepare(_rgb(img), 200)
    assert prepared.ink is not None
    assert prepared.ink.shape == prepared.gray.shape
    assert "582914" in _digits(_read(prepared.ink))
    # The ink image holds the coloured ink only: the black header is gone from it.
    assert "ACME" not in _read(prepared.ink)


def test_black_print_gives_no_ink_image() -> None:
    for paper in ((255, 255, 255), YELLOW):
        prepared = Preprocessor(CPU).prepare(_rgb(_ticket(paper=paper)), 200)
        assert prepared.ink is None
        assert not prepared.blank


def test_jpeg_colour_fringes_do_not_copy_black_print_into_the_ink_image() -> None:
    # JPEG smears colour around black print on yellow paper; that is not coloured ink.
    img = _jpeg(_ticket(paper=YELLOW), quality=50)
    prepared = Preprocessor(CPU).prepare(_rgb(img), 200)
    if prepared.ink is not None:
        text = _read(prepared.ink)
        assert not any(word in text for word in ("ACME", "HAULING", "Truck", "582914"))


def test_yellow_paper_becomes_white_and_print_stays_black() -> None:
    prepared = Preprocessor(CPU).prepare(_rgb(_ticket(paper=YELLOW)), 200)
    gray = prepared.gray
    assert numpy.percentile(gray, 50) >= 245  # the paper
    assert numpy.percentile(gray, 0.5) <= 40  # the print
    assert "ACME HAULING" in _read(gray)


def test_small_low_resolution_scan_is_upscaled_to_readable_text() -> None:
    # Text about 9 px tall, as in the real samples (tickets scanned at about 96 DPI).
    img = _ticket(px=10, size=(400, 170), noise=3.0)
    prepared = Preprocessor(CPU).prepare(_rgb(img), 96)
    assert prepared.scale >= 2.0
    assert 18 <= prepared.cap_height_px * prepared.scale <= 40
    assert "24-105" in _read(prepared.gray)


def test_huge_text_is_scaled_down() -> None:
    img = _ticket(px=90, size=(3300, 1400), noise=0.0)
    prepared = Preprocessor(CPU).prepare(_rgb(img), 600)
    assert prepared.scale < 0.7
    assert 18 <= prepared.cap_height_px * prepared.scale <= 40


def test_text_height_is_measured_not_taken_from_dpi() -> None:
    # The same pixels with a wrong DPI in the file prepare the same way.
    rgb = _rgb(_ticket(px=12, size=(480, 200)))
    a = Preprocessor(CPU).prepare(rgb, 300)
    b = Preprocessor(CPU).prepare(rgb, 72)
    assert a.scale == b.scale > 1.5


def test_real_samples_get_their_serial_read() -> None:
    if not (SAMPLES / "Roberts1.png").exists():
        pytest.skip("real samples are not in this checkout")
    # A red stamped serial on yellow carbon paper, about 96 DPI; plain grayscale misses it.
    rgb = _rgb(Image.open(SAMPLES / "Roberts1.png"))
    prepared = Preprocessor(CPU).prepare(rgb, 120)
    texts = [_read(prepared.gray)] + ([_read(prepared.ink)] if prepared.ink is not None else [])
    assert any("1174962" in _digits(t) for t in texts)


# ---------------------------------------------------------------------- geometry


def test_skew_is_measured_and_removed() -> None:
    img = _ticket().rotate(3.0, Image.Resampling.BICUBIC, expand=True, fillcolor=(255,) * 3)
    prepared = Preprocessor(CPU).prepare(_rgb(img), 200)
    assert prepared.skew_deg == pytest.approx(-3.0, abs=0.3)
    again = Preprocessor(CPU).prepare(numpy.dstack([prepared.gray] * 3), 200)
    assert again.skew_deg == 0.0  # nothing left to correct
    assert "582914" in _digits(_read(prepared.gray))


@pytest.mark.parametrize("tilt", [9.0, -12.0])
def test_a_photo_held_askew_beyond_a_scanners_range_is_turned_back(tilt: float) -> None:
    img = _ticket().rotate(tilt, Image.Resampling.BICUBIC, expand=True, fillcolor=(255,) * 3)
    prepared = Preprocessor(CPU).prepare(_rgb(img), 200)
    assert prepared.skew_deg == pytest.approx(-tilt, abs=0.3)


def test_a_dark_desk_around_the_paper_is_painted_white_and_the_page_is_not_blank() -> None:
    page = _rgb(_ticket())
    h, w = page.shape[:2]
    photo = numpy.zeros((h * 2, w * 2, 3), numpy.uint8)
    photo[:] = (60, 45, 30)
    photo[h // 2 : h // 2 + h, w // 2 : w // 2 + w] = page
    prepared = Preprocessor(CPU).prepare(photo, 200)
    assert not prepared.blank
    assert prepared.gray[5, 5] == 255 and prepared.gray[-5, -5] == 255  # the desk
    assert "582914" in _digits(_read(prepared.gray))


def test_sideways_page_is_turned_so_lines_run_across() -> None:
    img = _ticket(size=(1000, 420))
    sideways = img.rotate(90, expand=True)  # 420 wide, 1000 tall, text running upwards
    prepared = Preprocessor(CPU).prepare(_rgb(sideways), 200)
    assert prepared.rotation in (90, 270)
    h, w = prepared.gray.shape
    assert w > h  # landscape again, as printed
    # 0 versus 180 is the OCR's call (orientation detection); one of the two reads.
    flipped = Preprocessor(CPU).rotate(prepared, 180)
    assert flipped.rotation == (prepared.rotation + 180) % 360
    texts = _read(prepared.gray) + _read(flipped.gray)
    assert "ACME" in texts


def test_upright_pages_are_not_turned() -> None:
    for img in (_ticket(), _ticket(size=(700, 900))):
        assert Preprocessor(CPU).prepare(_rgb(img), 200).rotation == 0


def test_rotate_keeps_gray_and_ink_together() -> None:
    prepared = Preprocessor(CPU).prepare(_rgb(_ticket(paper=YELLOW, serial_ink=(220, 40, 40))), 200)
    assert prepared.ink is not None
    turned = Preprocessor(CPU).rotate(prepared, 90)
    assert turned.gray.shape == prepared.gray.shape[::-1]
    assert turned.ink is not None and turned.ink.shape == turned.gray.shape
    assert Preprocessor(CPU).rotate(prepared, 360) is prepared


@pytest.mark.parametrize("turn", [0, 90])
@pytest.mark.parametrize("skew", [0.0, 2.5])
def test_boxes_map_back_to_the_page(turn: int, skew: float) -> None:
    """A mark found in the prepared image maps back onto the same mark in the page render."""
    img = _ticket(size=(900, 380), px=14, noise=0.0)
    ImageDraw.Draw(img).rectangle((700, 40, 739, 79), fill=(0, 0, 0))
    page = img.rotate(skew, Image.Resampling.BICUBIC, expand=True, fillcolor=(255,) * 3)
    page = page.rotate(turn, expand=True)
    rgb = _rgb(page)
    prepared = Preprocessor(CPU).prepare(rgb, 200)
    # The mark is the largest solid dark blob: find its centre in both images.
    x, y = _blob_centre(prepared.gray, size=int(40 * prepared.scale))
    px_, py_ = prepared.to_input(x, y)
    ex, ey = _blob_centre(_rgb(page).min(axis=2), size=40)
    assert abs(px_ - ex) < 6 and abs(py_ - ey) < 6
    bx, by, bw, bh = prepared.to_input_box(int(x) - 5, int(y) - 5, 10, 10)
    assert bx <= ex <= bx + bw + 1 and by <= ey <= by + bh + 1


def _blob_centre(gray: numpy.ndarray, size: int) -> tuple[float, float]:
    """Centre of the square where a size x size window is darkest (a solid mark)."""
    dark = (gray < 100).astype(numpy.int64)
    cs = numpy.zeros((dark.shape[0] + 1, dark.shape[1] + 1), dtype=numpy.int64)
    cs[1:, 1:] = dark.cumsum(0).cumsum(1)
    k = max(4, int(size * 0.8))
    win = cs[k:, k:] - cs[:-k, k:] - cs[k:, :-k] + cs[:-k, :-k]
    yy, xx = numpy.unravel_index(int(numpy.argmax(win)), win.shape)
    # Refine: the centroid of the dark pixels around the best window (the whole mark).
    y0, x0 = max(0, int(yy) - size // 2), max(0, int(xx) - size // 2)
    patch = dark[y0 : int(yy) + k + size // 2, x0 : int(xx) + k + size // 2]
    ys, xs = numpy.nonzero(patch)
    return x0 + xs.mean() + 0.5, y0 + ys.mean() + 0.5


# ---------------------------------------------------------------------- blank pages


def _blank(size: tuple[int, int] = (1100, 1400), border: bool = True) -> Image.Image:
    w, h = size
    arr = numpy.full((h, w, 3), 244, numpy.float32)
    arr += numpy.random.default_rng(5).normal(0, 5, (h, w, 1))
    img = Image.fromarray(numpy.clip(arr, 0, 255).astype(numpy.uint8))
    d = ImageDraw.Draw(img)
    d.ellipse((w // 3, h // 2, w // 3 + 3, h // 2 + 3), fill=(90, 90, 90))  # dust
    if border:
        d.rectangle((0, 0, 14, h), fill=(20, 20, 20))  # the scanner lid's shadow
    return img


def test_blank_scan_is_blank() -> None:
    prepared = Preprocessor(CPU).prepare(_rgb(_blank()), 150)
    assert prepared.blank
    assert prepared.ink is None


def test_page_with_one_short_line_is_not_blank() -> None:
    img = _blank()
    ImageDraw.Draw(img).text(
        (300, 600), "VOID 1182", fill=(20, 20, 20), font=_font("DejaVuSans.ttf", 24)
    )
    assert not Preprocessor(CPU).prepare(_rgb(img), 150).blank


def test_uniform_and_tiny_images_do_not_fail() -> None:
    for arr in (
        numpy.full((50, 60, 3), 255, numpy.uint8),
        numpy.zeros((50, 60, 3), numpy.uint8),
        numpy.full((3, 3), 128, numpy.uint8),
        numpy.full((40, 40, 4), 200, numpy.uint8),
    ):
        prepared = Preprocessor(CPU).prepare(arr, 300)
        assert prepared.gray.dtype == numpy.uint8 and prepared.gray.ndim == 2
        assert prepared.device == "cpu"


# ---------------------------------------------------------------------- the GPU path


class _NumpyAsCupy(types.ModuleType):
    """NumPy dressed as CuPy, so the GPU code path runs here (cupyx.scipy.ndimage ->
    scipy.ndimage, which CuPy mirrors)."""

    def __init__(self, fail_on: str | None = None) -> None:
        super().__init__("cupy")
        self.fail_on = fail_on
        self.uploads = 0
        self.downloads = 0

        class _Stream:
            def __init__(self, non_blocking: bool = False) -> None:
                pass

            def __enter__(self) -> _Stream:
                return self

            def __exit__(self, *exc: object) -> None:
                return None

            def synchronize(self) -> None:
                return None

        self.cuda = types.SimpleNamespace(Stream=_Stream, get_current_stream=lambda: _Stream())

    def __getattr__(self, name: str) -> Any:
        if name == self.fail_on:
            raise RuntimeError("cudaErrorIllegalAddress: an illegal memory access")
        return getattr(numpy, name)

    def asarray(self, a: Any, *args: Any, **kwargs: Any) -> numpy.ndarray:
        if isinstance(a, numpy.ndarray) and a.ndim == 3:
            self.uploads += 1
        return numpy.asarray(a, *args, **kwargs)

    def asnumpy(self, a: Any) -> numpy.ndarray:
        if isinstance(a, numpy.ndarray) and a.ndim >= 2:
            self.downloads += 1
        return numpy.asarray(a)


def _gpu_preprocessor(
    monkeypatch: pytest.MonkeyPatch, fake: types.ModuleType | Exception
) -> Preprocessor:
    dev = Device("gpu", "Fake GPU", "test")
    pre = Preprocessor(dev, log=logging.getLogger("test.imaging"))

    def backend() -> Any:
        if isinstance(fake, Exception):
            raise fake
        ndimage = pytest.importorskip("scipy.ndimage", reason="scipy stands in for cupyx")
        return imaging._CupyBackend(fake, ndimage, dev.label)

    monkeypatch.setattr(pre, "_gpu_backend", backend)
    return pre


def _close(a: Prepared, b: Prepared) -> None:
    """The stated tolerance between devices: same decisions, nearly the same pixels."""
    assert a.rotation == b.rotation and a.blank == b.blank
    assert a.skew_deg == pytest.approx(b.skew_deg, abs=0.15)
    assert a.scale == pytest.approx(b.scale, rel=0.05)
    assert (a.ink is None) == (b.ink is None)
    assert abs(a.gray.shape[0] - b.gray.shape[0]) <= 4
    assert abs(a.gray.shape[1] - b.gray.shape[1]) <= 4
    h = min(a.gray.shape[0], b.gray.shape[0])
    w = min(a.gray.shape[1], b.gray.shape[1])
    diff = numpy.abs(a.gray[:h, :w].astype(int) - b.gray[:h, :w].astype(int))
    # Resampling filters differ (Pillow vs spline): edges move by a fraction of a pixel.
    assert diff.mean() < 8.0
    assert numpy.mean(diff > 128) < 0.02


def test_gpu_code_path_matches_cpu_within_tolerance(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = _NumpyAsCupy()
    img = _ticket(paper=YELLOW, serial_ink=(220, 50, 40)).rotate(
        2.0, Image.Resampling.BICUBIC, expand=True, fillcolor=(255,) * 3
    )
    rgb = _rgb(img)
    on_gpu = _gpu_preprocessor(monkeypatch, fake).prepare(rgb, 200)
    on_cpu = Preprocessor(CPU).prepare(rgb, 200)
    assert on_gpu.device == "gpu: Fake GPU"
    _close(on_gpu, on_cpu)
    # One page image up, one stacked (gray + ink) down.
    assert fake.uploads == 1
    assert fake.downloads == 1
    assert on_gpu.ink is not None and "582914" in _digits(_read(on_gpu.ink))


@pytest.mark.parametrize(
    "failure",
    [
        ImportError("No module named 'cupyx'"),
        "asarray-fails",
        "bincount",  # a kernel failing half-way through the page
    ],
    ids=["cupy-import-error", "upload-fails", "kernel-fails"],
)
def test_gpu_failure_sends_the_page_to_the_cpu_logged_once(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, failure: Any
) -> None:
    if isinstance(failure, Exception):
        fake: types.ModuleType | Exception = failure
    elif failure == "asarray-fails":
        fake = _NumpyAsCupy(fail_on="__never__")
        monkeypatch.setattr(
            fake, "asarray", lambda *a, **k: (_ for _ in ()).throw(MemoryError("out of memory"))
        )
    else:
        fake = _NumpyAsCupy(fail_on=failure)
    pre = _gpu_preprocessor(monkeypatch, fake)
    rgb = _rgb(_ticket(paper=YELLOW))
    expected = Preprocessor(CPU).prepare(rgb, 200)
    with caplog.at_level(logging.WARNING, logger="test.imaging"):
        first = pre.prepare(rgb, 200)
        second = pre.prepare(rgb, 200)
    for got in (first, second):
        assert got.device == "cpu"
        assert numpy.array_equal(got.gray, expected.gray)
    failures = [r for r in caplog.records if "done on the CPU" in r.getMessage()]
    assert len(failures) == 1


def test_gpu_left_alone_after_repeated_failures(monkeypatch: pytest.MonkeyPatch) -> None:
    pre = _gpu_preprocessor(monkeypatch, RuntimeError("cudaErrorECCUncorrectable"))
    rgb = _rgb(_ticket(size=(500, 210), px=13))
    for _ in range(imaging.GPU_FAILURES_BEFORE_GIVING_UP):
        assert pre.prepare(rgb, 200).device == "cpu"
    assert not pre.gpu_active


def test_real_gpu_matches_cpu() -> None:
    cp = pytest.importorskip("cupy", reason="CuPy is not installed (pip install '.[gpu]')")
    from engine.device import DeviceProbe

    dev = DeviceProbe("gpu", env={}).get()
    if not dev.is_gpu:
        pytest.skip(f"no usable GPU: {dev.reason}")
    del cp
    rgb = _rgb(_ticket(paper=YELLOW, serial_ink=(220, 50, 40)))
    on_gpu = Preprocessor(dev).prepare(rgb, 200)
    assert on_gpu.device == dev.label
    _close(on_gpu, Preprocessor(CPU).prepare(rgb, 200))


# ---------------------------------------------------------------------- through the page pipeline


@pytest.fixture(scope="module")
def page_ctx() -> Any:
    from engine import ocr, pagetask  # noqa: PLC0415
    from engine.device import cpu_device  # noqa: PLC0415

    return pagetask.make_context(ocr.find_tesseract(), cpu_device("tests"))


def _generated(layout: str, **style: Any) -> tuple[Any, Image.Image]:
    from tests import ticketgen as tg  # noqa: PLC0415

    spec = tg.random_spec(random.Random(7), layout)
    return spec, tg.render_ticket(spec, tg.Style(dpi=200, **style))


def _number_read(img: Image.Image, ctx: Any) -> str | None:
    from engine import pagetask  # noqa: PLC0415
    from engine.models import Settings  # noqa: PLC0415

    _, ticket = pagetask.read_page_image(img, Settings(workers=1), ctx, dpi=200)
    return None if ticket is None else ticket.ticket_number


@pytest.mark.parametrize("skew", [-3.5, 2.1])
def test_skewed_generated_ticket_is_turned_back_and_its_number_read(
    page_ctx: Any, skew: float
) -> None:
    spec, img = _generated("asphalt", skew_deg=skew)
    prepared = page_ctx.preprocessor.prepare(_rgb(img), 200)
    # The correction turns the other way from the skew (a doubled skew reads nothing).
    assert prepared.skew_deg == pytest.approx(-skew, abs=0.5)
    assert _number_read(img, page_ctx) == spec.ticket_number


@pytest.mark.parametrize("turn", [90, 180, 270])
def test_rotated_generated_ticket_still_yields_its_number(page_ctx: Any, turn: int) -> None:
    spec, img = _generated("landfill", rotate=turn)
    assert _number_read(img, page_ctx) == spec.ticket_number


def test_blank_generated_page_is_blank_and_a_cover_letter_is_not(page_ctx: Any) -> None:
    from tests import ticketgen as tg  # noqa: PLC0415

    assert page_ctx.preprocessor.prepare(_rgb(tg.render_blank()), 200).blank
    assert not page_ctx.preprocessor.prepare(_rgb(tg.render_cover_letter()), 200).blank


def test_a_scanners_streak_down_the_page_is_painted_out_and_the_print_it_crosses_kept() -> None:
    """A dirty sheet feeder draws a dark line down every page: where it ran through a column
    of weights, the same digit changed in each and the misread was trusted."""
    img = _ticket(noise=0)
    arr = numpy.asarray(img, dtype=numpy.float32).copy()
    x = 690  # through the serial's digits
    arr[:, x : x + 3] *= 0.25
    pp = Preprocessor(Device(False, "cpu", "test"))
    clean = pp.prepare(_rgb(img), 300).gray
    streaked = pp.prepare(numpy.clip(arr, 0, 255).astype(numpy.uint8), 300).gray
    assert streaked.shape == clean.shape
    dark = (streaked < 128).mean(axis=0)
    assert dark.max() < 0.5  # no column dark from top to bottom any more
    assert "582914" in _digits(_read(streaked))
    # The ruled line across the page and the print are what they were.
    assert numpy.abs(streaked.astype(int) - clean.astype(int))[:, :680].max() < 40


def test_a_highlighter_stroke_over_a_value_is_paper_not_a_gray_bar() -> None:
    """Office staff mark the number they keyed with a highlighter. The stroke covers under 1%
    of the page; one gain for the whole paper left it a bar dark enough to hide the digits."""
    img = _ticket(size=(2000, 1000), noise=0)
    arr = numpy.asarray(img, dtype=numpy.float32).copy()
    arr[222:282, 550:840] *= numpy.array([1.0, 0.97, 0.55], dtype=numpy.float32)  # yellow
    marked = numpy.clip(arr, 0, 255).astype(numpy.uint8)
    gray = Preprocessor(Device(False, "cpu", "test")).prepare(marked, 300).gray
    assert "582914" in _digits(_read(gray))
