"""Make the build's own assets once: resources/app.ico and resources/selftest_ticket.png.

Both files are committed; run this again only to change them:

    .venv/bin/python scripts/build_assets.py

The self-test page is a clean printed scale ticket whose number engine/selftest.py expects, so
regenerating it with another number means changing SAMPLE_TICKET_NUMBER there as well.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from engine.selftest import SAMPLE_NAME, SAMPLE_TICKET_NUMBER, SAMPLE_VENDOR  # noqa: E402
from tests import ticketgen  # noqa: E402

ICON_SIZES = [(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)]


def make_icon(path: Path) -> None:
    """A dark-green rounded square with a white 'H' and a ticket stub: readable at 16 px."""
    size = 256
    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    d.rounded_rectangle((8, 8, size - 8, size - 8), radius=44, fill=(24, 96, 64, 255))
    d.rounded_rectangle((150, 150, 236, 236), radius=14, fill=(250, 204, 60, 255))
    for y in (172, 192, 212):
        d.line((166, y, 220, y), fill=(24, 96, 64, 255), width=8)
    try:
        font: ImageFont.FreeTypeFont | ImageFont.ImageFont = ImageFont.truetype(
            str(ticketgen.FONT_DIR / "DejaVuSans-Bold.ttf"), 170
        )
    except OSError:
        font = ImageFont.load_default()
    d.text((112, 118), "H", font=font, fill=(255, 255, 255, 255), anchor="mm")
    img.save(path, format="ICO", sizes=ICON_SIZES)


def make_selftest_page(path: Path) -> None:
    """A clean landfill scale ticket at 120 dpi (about 1000 px wide), saved as a small PNG."""
    spec = ticketgen.TicketSpec(
        layout="landfill",
        vendor=SAMPLE_VENDOR,
        ticket_number=SAMPLE_TICKET_NUMBER,
        date=dt.date(2024, 5, 14),
        truck="T-217",
        hauler="Roadstar Management",
        material="Mixed C&D Debris",
        quantity=11.42,
        unit="TN",
        gross_lb=58_040.0,
        tare_lb=35_200.0,
        net_lb=22_840.0,
        job="J-2024-117",
    )
    image = ticketgen.render_ticket(spec, ticketgen.Style(dpi=120)).convert("L")
    # 16 grey levels keep the anti-aliased text and make the PNG a fraction of the 8-bit size.
    image = image.quantize(16, dither=Image.Dither.NONE)
    image.save(path, format="PNG", optimize=True, dpi=(120, 120))


def main() -> int:
    resources = ROOT / "resources"
    make_icon(resources / "app.ico")
    make_selftest_page(resources / SAMPLE_NAME)
    for name in ("app.ico", SAMPLE_NAME):
        p = resources / name
        print(f"{p.relative_to(ROOT)}: {p.stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
