"""The page pipeline's optional red-ink pass: it helps, and its failure never fails a page."""

from __future__ import annotations

import random
import threading

from PIL import Image, ImageDraw, ImageFont

from engine import documents, ocr, pagetask
from engine.device import cpu_device
from engine.models import ErrorKind, PageError, Settings
from tests import ticketgen
from tests.conftest import SAMPLES, needs_samples


def _context() -> pagetask.PageContext:
    return pagetask.make_context(ocr.find_tesseract(), cpu_device("test"))


@needs_samples
def test_red_stamped_serial_is_read_from_the_red_channel():
    image = Image.open(SAMPLES / "Portillo.png")
    _, ticket = pagetask.read_page_image(image, Settings(), _context())
    assert ticket is not None and ticket.ticket_number == "285367"


@needs_samples
def test_a_failing_red_ink_pass_leaves_the_page_read(monkeypatch):
    def slow(*args, **kwargs):
        raise PageError(ErrorKind.TIMEOUT, "too slow")

    monkeypatch.setattr(pagetask, "red_ink_words", slow)
    image = Image.open(SAMPLES / "Portillo.png")
    _, ticket = pagetask.read_page_image(image, Settings(), _context())
    assert ticket is not None and ticket.vendor  # the page still gives its ticket, flagged
    assert ticket.needs_review and "MISSING_TICKET_NUMBER" in ticket.review_reasons


def test_an_upside_down_read_is_suspect_even_with_confident_symmetric_capitals():
    from engine.models import Word

    def words(texts: list[str], conf: float) -> list[Word]:
        return [Word(t, 100 * i, 40, 80, 30, conf, 1, 1) for i, t in enumerate(texts)]

    # 'TONS NET MIX HOT ALL' upside down, as Tesseract reads it: confident, and no label.
    flipped = words(["SNOL", "LAN", "XIW", "LOH", "TIV", "SNOL", "LAN", "XIW", "AVGOL"], 92)
    assert pagetask._suspect(flipped)
    upright = words(["Ticket", "#", "85842", "Date:", "01/19/2025", "Truck:", "726"], 92)
    upright += words(["GROSS", "52605", "LB", "TARE", "35840", "LB", "NET", "16765"], 92)
    assert not pagetask._suspect(upright)
    assert pagetask._suspect(words(["Ticket", "Date"], 40))  # too little read at all


def test_serials_printed_in_coloured_ink_are_found_without_ocr():
    import numpy as np

    from engine.models import Word

    gray = np.full((100, 400), 255, np.uint8)
    ink = np.full((100, 400), 255, np.uint8)
    gray[10:40, 10:110] = 0  # '6686492' in red: dark in gray and in the coloured-ink image
    ink[10:40, 10:110] = 0
    gray[60:90, 10:110] = 0  # '36778187' in black: dark in gray only
    words = [
        Word("6686492", 10, 10, 100, 30, 95),
        Word("36778187", 10, 60, 100, 30, 95),
        Word("Ticket", 200, 10, 100, 30, 95),
    ]
    assert [w.text for w in pagetask.coloured_words(words, gray, ink)] == ["6686492"]


def test_a_number_in_coloured_ink_beside_its_label_marks_a_carbon_book():
    """No vendor profile, no weights, values written: the red serial says the values are a
    driver's hand, so none of them is accepted as read."""
    from engine.extract import extract_ticket
    from engine.models import PageText, Word

    def row(y: int, *cells: tuple[str, int]) -> list[Word]:
        return [Word(t, x, y, 18 * len(t), 30, 92, y, 1) for t, x in cells]

    words = [
        *row(40, ("DESERT", 60), ("FOX", 200), ("HAULING", 280)),
        *row(140, ("Date:", 60), ("12/25/24", 300)),
        *row(190, ("Truck:", 60), ("728", 300)),
        *row(240, ("Material:", 60), ("Soll", 300)),
        *row(290, ("Amount:", 60), ("10", 300), ("yds", 360)),
        *row(400, ("Ticket", 900), ("6686492", 1020)),
    ]
    page = PageText(words, 1700, 800, "ocr")
    plain = extract_ticket(page, [])
    assert plain is not None and "material" not in plain.uncertain_fields
    page.ink_words = [w for w in words if w.text == "6686492"]
    stamped = extract_ticket(page, [])
    assert stamped is not None and stamped.ticket_number == "6686492"
    assert {"date", "truck", "material"} <= set(stamped.uncertain_fields)


def test_a_barcode_printed_up_the_side_still_gives_the_number():
    """The fast barcode pass looks across the upright page only; a number that is still missing
    sends it round again with turns."""
    import numpy as np
    import zxingcpp
    from PIL import ImageDraw, ImageFont

    from tests.ticketgen import FONT_DIR

    page = Image.new("RGB", (1700, 1000), "white")
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(str(FONT_DIR / "DejaVuSans.ttf"), 40)
    lines = [
        "RIVERSIDE AGGREGATES",
        "4410 Quarry Rd, Corona, CA 92880",
        "Date: 03/14/2025",
        "Truck: T-104",
        "Material: Fill Dirt",
        "Customer: SUMMIT PAVING CO",
    ]
    for i, line in enumerate(lines):
        draw.text((120, 100 + 80 * i), line, font=font, fill="black")
    code = zxingcpp.create_barcode("7012345", zxingcpp.BarcodeFormat.Code128)
    bars = Image.fromarray(np.array(zxingcpp.write_barcode_to_image(code, scale=4)))
    bars = bars.resize((bars.width, 80)).rotate(90, expand=True)
    page.paste(bars.convert("RGB"), (1500, 200))
    _, ticket = pagetask.read_page_image(page, Settings(), _context(), dpi=200)
    assert ticket is not None and ticket.ticket_number == "7012345"


def test_a_digital_tickets_thin_vector_barcode_is_read_from_its_small_render(tmp_path):
    """A born-digital page is drawn at no more than 200 DPI for its barcodes: bars 0.25 mm
    wide still read, and the number comes from them when the text does not carry it."""
    from reportlab.graphics.barcode.code128 import Code128
    from reportlab.lib.pagesizes import letter
    from reportlab.pdfgen import canvas

    path = tmp_path / "emailed.pdf"
    c = canvas.Canvas(str(path), pagesize=letter)
    c.setFont("Helvetica-Bold", 16)
    c.drawString(50, 730, "RIVERSIDE AGGREGATES")
    c.setFont("Helvetica", 11)
    for i, line in enumerate(
        ["Date: 03/14/2025", "Truck: T-104", "Material: Fill Dirt", "Net Tons 12.40"]
    ):
        c.drawString(50, 690 - 18 * i, line)
    Code128("7012345", barWidth=0.72, barHeight=28).drawOn(c, 380, 700)
    c.showPage()
    c.save()
    job = pagetask.PageJob(str(path), path.name, 1, 0, Settings())
    result = pagetask.process_page(job, _context())
    assert result.text_source == "text_layer" and not result.ocr_used
    assert [t.ticket_number for t in result.tickets] == ["7012345"]


def test_an_emailed_pdf_gives_every_printed_field_from_its_text_layer(tmp_path):
    """Hyphenated codes stay whole ('T-81': a hyphen's box sits above the baseline) and a
    material ending in a label word keeps it ('4000 PSI Mix')."""
    import random

    from tests import ticketgen

    rng = random.Random(5)
    specs = []
    for layout in ("landfill", "concrete"):
        spec = ticketgen.random_spec(rng, layout)
        spec.truck, spec.material = "T-81", ("4000 PSI Mix" if layout == "concrete" else "Fill")
        specs.append(spec)
    path = tmp_path / "emailed.pdf"
    ticketgen.write_digital_pdf(path, specs)
    ctx = _context()
    for i, spec in enumerate(specs):
        job = pagetask.PageJob(str(path), path.name, 1, i, Settings())
        result = pagetask.process_page(job, ctx)
        (t,) = result.tickets
        assert result.text_source == "text_layer"
        for name in ("ticket_number", "date", "truck", "hauler", "material", "job", "manifest"):
            assert getattr(t, name) == getattr(spec, name), name
        for name in ("gross_lb", "tare_lb", "net_lb", "quantity"):
            want = getattr(spec, name)
            assert want is None or abs(getattr(t, name) - want) < 0.01, name


def _photo_on_a_desk(ticket: Image.Image, tilt: float, size: tuple[int, int]) -> Image.Image:
    """A driver's phone photo: the ticket small in the frame, on a dark desk, held askew."""
    import numpy as np

    desk = (70, 50, 35)
    w, h = size
    noise = np.random.default_rng(1).normal(0, 8, (h, w, 1))
    grain = np.clip(np.array(desk, dtype=np.float32) + noise, 0, 255).astype(np.uint8)
    photo = Image.fromarray(grain)
    turned = ticket.convert("RGB").rotate(tilt, expand=True, fillcolor=desk)
    photo.paste(turned, ((w - turned.width) // 2, (h - turned.height) // 2))
    return photo


def test_a_phone_photo_of_a_ticket_on_a_dark_desk_held_askew_is_read():
    from tests import ticketgen
    from tests.conftest import printed_spec

    spec = printed_spec("96397981", "transfer")
    ticket = ticketgen.render_ticket(spec, ticketgen.Style(dpi=200))
    # The desk is most of the picture: once the page was taken for blank, and its tilt was
    # beyond a scanner's range.
    photo = _photo_on_a_desk(ticket, 9.0, (int(ticket.width * 1.5), int(ticket.height * 2.4)))
    _, read = pagetask.read_page_image(photo, Settings(), _context(), dpi=200)
    assert read is not None
    assert read.ticket_number == "96397981"
    assert read.gross_lb == spec.gross_lb and read.date == spec.date


def _on_one_sheet(tickets: list[Image.Image], side_by_side: bool) -> Image.Image:
    gap = 120
    if side_by_side:
        size = (sum(t.width for t in tickets) + gap * (len(tickets) + 1),
                max(t.height for t in tickets) + 2 * gap)  # fmt: skip
    else:
        size = (max(t.width for t in tickets) + 2 * gap,
                sum(t.height for t in tickets) + gap * (len(tickets) + 1))  # fmt: skip
    sheet = Image.new("RGB", size, "white")
    x = y = gap
    for t in tickets:
        sheet.paste(t.convert("RGB"), (x, y))
        x, y = (x + t.width + gap, y) if side_by_side else (x, y + t.height + gap)
    return sheet


def test_tickets_laid_together_on_the_glass_give_a_row_each():
    from tests import ticketgen
    from tests.conftest import printed_spec

    specs = [printed_spec("926701", "landfill", 1), printed_spec("14572805", "quarry", 2),
             printed_spec("26367", "asphalt", 3)]  # fmt: skip
    images = [ticketgen.render_ticket(s, ticketgen.Style(dpi=200)) for s in specs]
    for sheet, expected in (
        (_on_one_sheet(images, side_by_side=False), specs),
        (_on_one_sheet(images[:2], side_by_side=True), specs[:2]),
    ):
        _, tickets = pagetask.read_page_tickets(sheet, Settings(), _context(), dpi=200)
        got = [(t.ticket_number, t.date, t.gross_lb) for t in tickets]
        assert got == [(s.ticket_number, s.date, s.gross_lb) for s in expected]
        # Each ticket's boxes lie on its own part of the sheet.
        tops = [t.field_boxes["ticket_number"] for t in tickets]
        assert len(set(tops)) == len(tops)


def test_a_faxed_ticket_with_oblong_pixels_is_read(tmp_path):
    """A fax is 204 x 98 DPI: every glyph squashed to half its height until the rows are
    stretched back (its weights read as nothing before)."""
    import random
    import threading

    from engine import documents
    from tests import ticketgen

    spec = ticketgen.random_spec(random.Random("landfill"), "landfill")
    page = ticketgen.render_ticket(spec, ticketgen.Style(dpi=204)).convert("L")
    squashed = page.resize((page.width, round(page.height * 98 / 204)), Image.Resampling.BILINEAR)
    fax = squashed.point(lambda v: 255 if v > 150 else 0).convert("1")
    fax.save(tmp_path / "fax.tif", compression="group3", dpi=(204, 98))
    rendered = documents.render_page(str(tmp_path / "fax.tif"), 0, threading.Lock(), 300, 10**8)
    assert rendered.dpi == 204 and rendered.pixels.shape[0] > 1.9 * squashed.height
    _, (ticket,), _ = pagetask.read_rendered(rendered, Settings(), _context())
    assert ticket.ticket_number == spec.ticket_number
    assert (ticket.net_lb, ticket.date) == (spec.net_lb, spec.date)


def test_a_value_read_across_a_painted_out_streak_goes_to_a_person():
    import numpy as np

    from engine.imaging import Prepared
    from engine.models import Ticket

    prepared = Prepared(
        gray=np.full((500, 1000), 255, np.uint8), ink=None, scale=2.0, rotation=0,
        skew_deg=0.0, blank=False, device="cpu", input_size=(500, 250), streaks=((150, 152),),
    )  # fmt: skip
    t = Ticket("a.png", 1, quantity=10.5, truck="T-104")
    t.field_confidence = {"quantity": 0.97, "truck": 0.97}
    # Prepared pixels are twice the render's: the quantity's box spans render columns 140-170.
    t.field_boxes = {"quantity": (280, 200, 60, 30), "truck": (600, 200, 60, 30)}
    pagetask._doubt_streaked(t, prepared)
    assert t.field_confidence == {"quantity": pagetask.STREAKED_CONF, "truck": 0.97}


def test_a_wide_ticket_with_dot_leaders_to_far_right_values_is_read_whole():
    """Older weighing software sets each value flush right at its column's edge, dots leading
    to it: Tesseract dropped the labels and values beside the dots, and the values that were
    read sat too far from their labels to be taken (truck, material, weights all missing)."""
    import random

    from tests import ticketgen

    spec = ticketgen.random_spec(random.Random("leaders"), "quarry")
    image = ticketgen.render_leader_columns(spec, ticketgen.Style(dpi=200, noise=0.02))
    _, (ticket,) = pagetask.read_page_tickets(image, Settings(), _context(), dpi=200)
    assert ticket.ticket_number == spec.ticket_number
    assert (ticket.truck, ticket.material) == (spec.truck, spec.material)
    assert (ticket.gross_lb, ticket.tare_lb, ticket.net_lb) == (
        spec.gross_lb,
        spec.tare_lb,
        spec.net_lb,
    )
    assert ticket.quantity == spec.quantity and not ticket.needs_review


def test_the_picture_formats_scanners_and_phones_save_are_read(tmp_path):
    """A bilevel CCITT G4 TIFF (most office scanners), a CMYK JPEG (print shops), a 16-bit
    grayscale PNG and a WebP each give the ticket's number."""
    import random
    import threading

    import numpy as np

    from engine import documents
    from tests import ticketgen

    spec = ticketgen.random_spec(random.Random("formats"), "quarry")
    page = ticketgen.render_ticket(spec, ticketgen.Style(dpi=200))
    page.convert("1").save(tmp_path / "g4.tif", compression="group4", dpi=(200, 200))
    page.convert("CMYK").save(tmp_path / "cmyk.jpg", quality=85)
    wide = np.asarray(page.convert("L")).astype(np.uint16) * 257
    Image.fromarray(wide).save(tmp_path / "gray16.png")
    page.save(tmp_path / "phone.webp", quality=80)
    ctx = _context()
    for name in ("g4.tif", "cmyk.jpg", "gray16.png", "phone.webp"):
        rendered = documents.render_page(str(tmp_path / name), 0, threading.Lock(), 300, 10**8)
        _, (ticket,), _ = pagetask.read_rendered(rendered, Settings(), ctx)
        assert ticket.ticket_number == spec.ticket_number, name


def test_a_trademark_sign_tesseract_reads_into_a_word_is_dropped():
    # 'TN' under a speck came back 'T™N', and the unit was lost; a lone sign stays a sign.
    data = {
        "text": ["T™N", "®"],
        "conf": [91, 40],
        "left": [10, 60],
        "top": [5, 5],
        "width": [30, 8],
        "height": [20, 8],
        "block_num": [1, 1],
        "par_num": [1, 1],
        "line_num": [1, 1],
    }
    assert [w.text for w in ocr._words_from_dict(data)] == ["TN", "®"]


def test_a_ticket_printed_void_is_sent_to_a_person():
    spec = ticketgen.random_spec(random.Random(11), "quarry")
    img = ticketgen.render_ticket(spec, ticketgen.Style(dpi=200)).convert("RGB")
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf", 48)
    # Printed by the scale software in the free space right of 'Sold to'.
    where = (round(img.width * 0.55), round(img.height * 0.615))
    draw.text(where, "*** VOID ***", font=font, fill=0)
    _, ticket = pagetask.read_page_image(img, Settings(), _context(), dpi=200)
    assert ticket is not None and ticket.ticket_number == spec.ticket_number
    assert ticket.needs_review and "VOID" in ticket.review_reasons


def test_a_ticket_struck_in_dots_by_a_line_printer_is_read_and_sent_to_a_person():
    # Tesseract read nothing at all on the dotted page; with the dots joined it reads the
    # values, and each is for the operator to confirm ('B52' once came back 'BS2').
    spec = ticketgen.random_spec(random.Random(3), "quarry")
    clean = ticketgen.render_ticket(spec, ticketgen.Style(dpi=200))
    _, ticket = pagetask.read_page_image(
        ticketgen.struck_in_dots(clean), Settings(), _context(), dpi=200
    )
    assert ticket is not None and ticket.ticket_number == spec.ticket_number
    assert (ticket.gross_lb, ticket.tare_lb, ticket.net_lb) == (
        spec.gross_lb,
        spec.tare_lb,
        spec.net_lb,
    )
    assert ticket.needs_review
    # Weights whose gross - tare = net vouch for each other; nothing else does.
    weights = {"gross_lb", "tare_lb", "net_lb", "quantity", "unit", "vendor"}
    assert all(c <= 0.75 for f, c in ticket.field_confidence.items() if f not in weights)


def test_a_600_dpi_scan_is_read_at_300_dpi(tmp_path):
    # Four times the pixels of a 300-DPI scan, and no better to read: decoded (JPEG) or
    # averaged (any other) at half size first, a third less time for the page.
    spec = ticketgen.random_spec(random.Random(8), "landfill")
    fine = ticketgen.render_ticket(spec, ticketgen.Style(dpi=600))
    fine.save(tmp_path / "fine.jpg", quality=90, dpi=(600, 600))
    fine.convert("1").save(tmp_path / "fine.tif", compression="group4", dpi=(600, 600))
    for name in ("fine.jpg", "fine.tif"):
        job = pagetask.PageJob(str(tmp_path / name), name, 1, 0, Settings())
        rendered = documents.render_page(job.path, 0, threading.Lock(), 300, 10**9)
        assert rendered.pixels.shape[1] == fine.width // 2 and round(rendered.dpi) == 300
        result = pagetask.process_page(job, _context())
        assert [t.ticket_number for t in result.tickets] == [spec.ticket_number], name


def test_a_scale_indicators_tape_with_mode_letters_gives_its_weights():
    """'71389 lb G', '28331 lb T', '43058 lb N': the weights were all missing and the tons in
    the far column were accepted as the hauler's name."""
    st = ticketgen.Style(dpi=200, noise=0.02, skew_deg=0.7)
    s = ticketgen._Sheet(8.5, 3.4, st, 5)
    s.text(0.4, 0.3, "BEAR VALLEY MATERIALS", 16, "DejaVuSans-Bold")
    s.text(0.4, 0.66, "1517 Quarry Rd, Tracy, CA 95304   (209) 555-0143", 8.5)
    mono = "DejaVuSansMono"
    rows = [("TICKET", "4019048"), ("DATE  ", "02/18/2025"), ("TRUCK ", "139"),
            ("HAULER", "COASTLINE CARRIERS"), ("MATL  ", "3/4 Crushed Rock")]  # fmt: skip
    for k, (label, value) in enumerate(rows):
        s.field(0.5, 1.1 + k * 0.35, label, value, 11, font=mono)
    for k, line in enumerate(["  71389 lb G", "  28331 lb T", "  43058 lb N", "  21.53 TN"]):
        s.text(5.0, 1.1 + k * 0.35, line, 11, mono)
    image = ticketgen.scan_effects(s.image, st, seed=5)
    _, (ticket,) = pagetask.read_page_tickets(image, Settings(), _context(), dpi=200)
    assert (ticket.gross_lb, ticket.tare_lb, ticket.net_lb) == (71389, 28331, 43058)
    assert ticket.hauler == "COASTLINE CARRIERS"
    assert ticket.ticket_number == "4019048" and ticket.quantity == 21.53


def test_values_printed_across_a_forms_rules_are_read_and_sent_to_a_person():
    """An impact printer out of register prints each value across its box's bottom rule: the
    rule split the digits for Tesseract ('46, 999' for 46,999, '21759' for 21750, dates lost).
    With the rules lifted the values read whole; what the rules covered is a guess, so the
    ticket goes to a person with the values filled in."""
    from engine import review

    ctx = _context()
    for seed in (1, 5):
        spec = ticketgen.random_spec(random.Random(f"register{seed}"), "quarry")
        image = ticketgen.render_out_of_register(spec, ticketgen.Style(dpi=200, noise=0.02))
        _, (ticket,) = pagetask.read_page_tickets(image, Settings(), ctx, dpi=200)
        assert (ticket.ticket_number, ticket.date) == (spec.ticket_number, spec.date)
        assert (ticket.gross_lb, ticket.tare_lb, ticket.net_lb) == (
            spec.gross_lb,
            spec.tare_lb,
            spec.net_lb,
        )
        assert ticket.needs_review
        assert "ticket_number" in review.fields_to_check(ticket)


def test_a_value_across_a_lifted_rule_goes_to_a_person_and_a_name_elsewhere_does_not():
    import numpy as np

    from engine.imaging import Prepared
    from engine.models import Ticket

    prepared = Prepared(
        gray=np.full((500, 1000), 255, np.uint8), ink=None, scale=1.0, rotation=0,
        skew_deg=0.0, blank=False, device="cpu", input_size=(1000, 500),
        lifted_rules=((100, 210, 180, 212),),
    )  # fmt: skip
    t = Ticket("a.png", 1, ticket_number="582914", truck="T-104")
    t.field_confidence = {"ticket_number": 0.97, "truck": 0.97}
    t.field_boxes = {"ticket_number": (90, 190, 100, 30), "truck": (600, 190, 60, 30)}
    pagetask._doubt_lifted(t, prepared)
    assert t.field_confidence == {"ticket_number": pagetask.STREAKED_CONF, "truck": 0.97}


def test_a_failing_leaders_pass_leaves_the_first_read(monkeypatch):
    """The read with dot leaders erased is an extra look: when Tesseract times out on it,
    the page keeps what its first read gave instead of failing."""
    spec = ticketgen.random_spec(random.Random("leaders"), "quarry")
    image = ticketgen.render_leader_columns(spec, ticketgen.Style(dpi=200, noise=0.02))
    real = ocr.ocr_words
    calls: list[int] = []

    def second_times_out(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise PageError(ErrorKind.TIMEOUT, "too slow")
        return real(*args, **kwargs)

    monkeypatch.setattr(ocr, "ocr_words", second_times_out)
    _, (ticket,) = pagetask.read_page_tickets(image, Settings(), _context(), dpi=200)
    assert len(calls) >= 2  # the leaders pass was tried
    assert ticket.ticket_number == spec.ticket_number
