"""Demo press room: photos, two logos, an infographic and design guidelines.

Every file is drawn here with Pillow (stylised scenes, not real photographs; nothing
downloaded), checked like an upload (`news.uploads.inspect_bytes`) and processed
like one (`press_asset_process`). The drawings are deterministic, so a second run
finds the same bytes stored and changes nothing. Figures in the infographic carry
their year and source (the 2018 life-cycle assessment, Ellen MacArthur Foundation).
"""

import functools
import io
import random
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw, ImageFont

from news.models import PressAsset
from news.uploads import inspect_bytes, press_asset_process, safe_file_name
from symbiosis.demo import FONT, attach_image, upsert

Kind = PressAsset.Kind

GREEN_900 = (6, 59, 44)
GREEN_700 = (11, 107, 74)
GREEN_100 = (230, 242, 236)
ENERGY = (177, 60, 10)
WATER = (29, 95, 168)
MATERIAL = (117, 86, 15)
STEEL = (120, 128, 132)

PHOTO_SIZE = (2400, 1600)
CREDIT = "Illustration: Kalundborg Symbiose (demo)"
TERMS_DA = (
    "Må bruges gratis i redaktionel omtale af Kalundborg Symbiose, med kreditering. "
    "Ikke til reklame."
)
TERMS_EN = (
    "Free to use in editorial coverage of Kalundborg Symbiosis, with the credit shown. "
    "Not for advertising."
)


def _font(size):
    return ImageFont.truetype(FONT, size=size)


def _sky(draw, size, top, bottom, horizon):
    """A vertical gradient from `top` to `bottom` down to the horizon."""
    for y in range(horizon):
        t = y / max(1, horizon - 1)
        colour = tuple(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True))
        draw.line([(0, y), (size[0], y)], fill=colour)


def _steam(draw, rng, x, y, puffs=7, spread=60):
    for index in range(puffs):
        radius = 50 + index * 18
        cx = x + index * spread + rng.randint(-15, 15)
        cy = y - index * 70 + rng.randint(-15, 15)
        shade = 238 - index * 4
        draw.ellipse(
            [cx - radius, cy - radius, cx + radius, cy + radius], fill=(shade, shade, shade + 4)
        )


def _pipe(draw, points, colour, width):
    draw.line(points, fill=colour, width=width, joint="curve")
    # A highlight along the top of the pipe.
    light = tuple(min(255, c + 70) for c in colour)
    draw.line([(x, y - width // 4) for x, y in points], fill=light, width=max(2, width // 6))


def _jpeg(image):
    buffer = io.BytesIO()
    exif = Image.Exif()
    exif[0x013B] = "Kalundborg Symbiose (demo)"  # Artist
    exif[0x8298] = "Kalundborg Symbiose"  # Copyright
    image.save(buffer, "JPEG", quality=86, optimize=True, exif=exif)
    return buffer.getvalue()


def _png(image):
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


@functools.cache
def photo_power_station():
    """The power station by the fjord at dusk, steam rising."""
    rng = random.Random(1961)  # noqa: S311 (a drawing, seeded: the same bytes each run)
    image = Image.new("RGB", PHOTO_SIZE)
    draw = ImageDraw.Draw(image)
    width, height = PHOTO_SIZE
    horizon = 1000
    _sky(draw, PHOTO_SIZE, (38, 64, 120), (246, 170, 112), horizon)
    draw.rectangle([0, horizon, width, height], fill=(34, 68, 96))  # the fjord
    for y in range(horizon + 20, height, 36):  # ripples
        x = rng.randint(0, width)
        draw.line([(x, y), (x + rng.randint(120, 360), y)], fill=(70, 110, 140), width=4)
    draw.rectangle([0, horizon - 40, width, horizon + 10], fill=(44, 52, 48))  # the shore
    # Halls, a boiler house and the chimney.
    draw.rectangle([500, 640, 1300, horizon - 30], fill=(88, 92, 96))
    draw.rectangle([1300, 520, 1700, horizon - 30], fill=(70, 74, 78))
    draw.rectangle([860, 520, 960, 640], fill=(70, 74, 78))
    draw.polygon([(1880, horizon - 30), (1920, 120), (1990, 120), (2030, horizon - 30)], fill=STEEL)
    for y in (200, 260):
        draw.rectangle([1912, y, 1998, y + 24], fill=ENERGY)
    _steam(draw, rng, 1955, 100, puffs=6, spread=70)
    _steam(draw, rng, 910, 480, puffs=5, spread=50)
    for row in range(4):  # lit windows
        for col in range(12):
            draw.rectangle(
                [540 + col * 62, 700 + row * 60, 570 + col * 62, 730 + row * 60],
                fill=(255, 214, 140) if rng.random() < 0.6 else (60, 64, 68),
            )
    _pipe(draw, [(0, 900), (500, 900)], ENERGY, 36)
    _pipe(draw, [(1700, 880), (2400, 880)], WATER, 30)
    return _jpeg(image)


@functools.cache
def photo_pipe_bridge():
    """The pipe bridge: steam, water and gas lines side by side over a road."""
    rng = random.Random(1982)  # noqa: S311 (a drawing, seeded: the same bytes each run)
    image = Image.new("RGB", PHOTO_SIZE)
    draw = ImageDraw.Draw(image)
    width, height = PHOTO_SIZE
    _sky(draw, PHOTO_SIZE, (120, 170, 220), (214, 232, 244), 1100)
    draw.rectangle([0, 1100, width, height], fill=(96, 132, 80))  # grass
    draw.polygon([(900, 1100), (1500, 1100), (2100, height), (300, height)], fill=(70, 72, 74))
    for y in range(1160, height, 90):  # the road's centre line
        t = (y - 1100) / (height - 1100)
        half = 6 + 14 * t
        draw.rectangle([1200 - half, y, 1200 + half, y + 40 * (0.5 + t)], fill=(236, 236, 220))
    for x in range(120, width, 520):  # supports
        draw.rectangle([x, 560, x + 40, 1160], fill=(150, 156, 160))
        draw.rectangle([x - 60, 540, x + 100, 570], fill=(150, 156, 160))
    for y, colour, thickness in (
        (380, ENERGY, 64),
        (450, WATER, 52),
        (510, (200, 170, 40), 30),
        (300, STEEL, 44),
    ):
        _pipe(draw, [(0, y), (width, y)], colour, thickness)
    for x in range(300, width, 700):  # expansion loops
        _pipe(draw, [(x, 380), (x, 240), (x + 160, 240), (x + 160, 380)], ENERGY, 64)
    for _ in range(9):  # a few trees
        x = rng.randint(0, width)
        r = rng.randint(60, 120)
        draw.ellipse([x - r, 1100 - 2 * r, x + r, 1100], fill=(46, 96, 52))
    return _jpeg(image)


@functools.cache
def photo_biogas_plant():
    """The biogas plant: digesters, a gas holder, biomass arriving by lorry."""
    rng = random.Random(2018)  # noqa: S311 (a drawing, seeded: the same bytes each run)
    image = Image.new("RGB", PHOTO_SIZE)
    draw = ImageDraw.Draw(image)
    width, height = PHOTO_SIZE
    _sky(draw, PHOTO_SIZE, (90, 140, 200), (220, 230, 236), 1050)
    draw.rectangle([0, 1050, width, height], fill=(120, 140, 90))
    draw.rectangle([0, 1180, width, 1300], fill=(110, 110, 108))
    for x in (260, 760, 1260):  # digesters
        draw.rectangle([x, 620, x + 400, 1060], fill=(196, 200, 196))
        draw.ellipse([x, 560, x + 400, 680], fill=(176, 182, 178))
        draw.rectangle([x, 760, x + 400, 790], fill=GREEN_700)
    draw.ellipse([1760, 700, 2260, 1100], fill=(60, 110, 86))  # gas holder
    draw.rectangle([1760, 900, 2260, 1080], fill=(60, 110, 86))
    _pipe(draw, [(660, 700), (760, 700)], (200, 170, 40), 26)
    _pipe(draw, [(1160, 700), (1260, 700)], (200, 170, 40), 26)
    _pipe(draw, [(1660, 700), (1860, 700), (1860, 760)], (200, 170, 40), 26)
    # A lorry with biomass.
    draw.rectangle([300, 1130, 760, 1250], fill=MATERIAL)
    draw.rectangle([760, 1150, 900, 1250], fill=(220, 224, 226))
    for x in (360, 640, 820):
        draw.ellipse([x - 40, 1220, x + 40, 1300], fill=(30, 30, 30))
    for _ in range(30):  # grass tufts
        x, y = rng.randint(0, width), rng.randint(1320, height)
        draw.line([(x, y), (x + 8, y - 30)], fill=(80, 110, 60), width=6)
    return _jpeg(image)


@functools.cache
def photo_lake():
    """Lake Tissø, where the refinery's surface water has come from since 1961."""
    rng = random.Random(1959)  # noqa: S311 (a drawing, seeded: the same bytes each run)
    image = Image.new("RGB", PHOTO_SIZE)
    draw = ImageDraw.Draw(image)
    width, height = PHOTO_SIZE
    _sky(draw, PHOTO_SIZE, (150, 190, 230), (236, 242, 246), 760)
    for x in range(-200, width, 300):  # far hills
        draw.ellipse([x, 620, x + 700, 940], fill=(96, 140, 100))
    draw.rectangle([0, 780, width, height], fill=(58, 110, 150))
    for y in range(820, height, 40):
        x = rng.randint(0, width)
        draw.line([(x, y), (x + rng.randint(200, 500), y)], fill=(110, 160, 196), width=5)
    draw.polygon([(0, 1250), (900, 1180), (1300, height), (0, height)], fill=(92, 132, 72))
    draw.rectangle([340, 1000, 700, 1230], fill=(226, 222, 210))  # the pumping station
    draw.polygon([(320, 1000), (520, 900), (720, 1000)], fill=(150, 60, 40))
    _pipe(draw, [(700, 1180), (1100, 1300), (2400, 1300)], WATER, 44)
    return _jpeg(image)


def _symbol(draw, x, y, radius, ink=None):
    """Three rings that overlap: energy, water and materials passed between neighbours."""
    for index, colour in enumerate((ENERGY, WATER, MATERIAL)):
        cx = x + (index - 1) * radius
        draw.ellipse(
            [cx - radius, y - radius, cx + radius, y + radius],
            outline=ink or colour,
            width=max(8, radius // 6),
        )


@functools.cache
def logo_colour():
    image = Image.new("RGBA", (1600, 640), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    _symbol(draw, 330, 320, 130)
    draw.text((640, 200), "Kalundborg", fill=GREEN_900, font=_font(120))
    draw.text((640, 340), "Symbiose", fill=GREEN_700, font=_font(120))
    return _png(image)


@functools.cache
def logo_negative():
    image = Image.new("RGB", (1600, 640), GREEN_900)
    draw = ImageDraw.Draw(image)
    _symbol(draw, 330, 320, 130, ink=(255, 255, 255))
    draw.text((640, 200), "Kalundborg", fill="white", font=_font(120))
    draw.text((640, 340), "Symbiose", fill="white", font=_font(120))
    return _png(image)


def _box(draw, box, label, colour):
    draw.rounded_rectangle(box, radius=18, fill=colour)
    font = _font(30)
    x0, y0, x1, y1 = box
    lines = label.split("\n")
    top = (y0 + y1) / 2 - len(lines) * 20
    for index, line in enumerate(lines):
        w = draw.textlength(line, font=font)
        draw.text(((x0 + x1 - w) / 2, top + index * 40), line, fill="white", font=font)


def _arrow(draw, start, end, colour, label, at):
    """An arrow from `start` to `end`, its label written at `at`."""
    draw.line([start, end], fill=colour, width=12)
    (x0, y0), (x1, y1) = start, end
    length = max(1.0, ((x1 - x0) ** 2 + (y1 - y0) ** 2) ** 0.5)
    ux, uy = (x1 - x0) / length, (y1 - y0) / length
    head = [
        (x1, y1),
        (x1 - 36 * ux + 20 * uy, y1 - 36 * uy - 20 * ux),
        (x1 - 36 * ux - 20 * uy, y1 - 36 * uy + 20 * ux),
    ]
    draw.polygon(head, fill=colour)
    draw.text(at, label, fill=colour, font=_font(26))


@functools.cache
def infographic():
    """Selected flows between the partners, and one figure with its year and source."""
    image = Image.new("RGB", (1600, 1000), "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 0, 1600, 120], fill=GREEN_900)
    draw.text((48, 30), "Kalundborg Symbiose", fill="white", font=_font(54))
    draw.text((900, 50), "Udvalgte strømme · Selected flows", fill="white", font=_font(30))
    boxes = [
        ((640, 160, 960, 270), "Tissø", WATER),
        ((80, 360, 420, 490), "Kalundborg\nRefinery", (91, 58, 140)),
        ((1180, 360, 1520, 490), "Novo Nordisk", (0, 83, 155)),
        ((640, 480, 960, 620), "Ørsted\nAsnæsværket", ENERGY),
        ((80, 700, 420, 820), "Saint-Gobain\nGyproc", MATERIAL),
        ((1180, 700, 1520, 820), "Kalundborg\nby · town", GREEN_700),
    ]
    for box, label, colour in boxes:
        _box(draw, box, label, colour)
    _arrow(draw, (640, 230), (420, 380), WATER, "Vand · Water", (300, 250))
    _arrow(draw, (640, 510), (420, 430), ENERGY, "Damp · Steam", (420, 380))
    _arrow(draw, (420, 470), (640, 590), WATER, "Kølevand · Cooling water", (120, 585))
    _arrow(draw, (960, 510), (1180, 430), ENERGY, "Damp · Steam", (940, 372))
    _arrow(draw, (640, 610), (420, 740), MATERIAL, "Gips · Gypsum", (480, 735))
    _arrow(draw, (960, 610), (1180, 740), ENERGY, "Fjernvarme · District heat", (760, 760))
    draw.rectangle([0, 860, 1600, 1000], fill=GREEN_100)
    draw.text(
        (48, 880),
        "635.000 t CO₂ sparet om året · saved a year",
        fill=GREEN_900,
        font=_font(40),
    )
    draw.text(
        (48, 940),
        "Livscyklusvurdering, offentliggjort 2018 · Life-cycle assessment published 2018 "
        "(Ellen MacArthur Foundation)",
        fill=GREEN_900,
        font=_font(22),
    )
    return _png(image)


@functools.cache
def design_guidelines():
    """Three A4 pages (100 dpi): cover, colours, logo use. Fixed dates: the same bytes."""
    pages = []
    cover = Image.new("RGB", (827, 1169), GREEN_900)
    draw = ImageDraw.Draw(cover)
    _symbol(draw, 413, 420, 90, ink=(255, 255, 255))
    draw.text((80, 640), "Designmanual", fill="white", font=_font(64))
    draw.text((80, 730), "Design guidelines", fill=(200, 230, 214), font=_font(40))
    draw.text((80, 1060), "Kalundborg Symbiose · demo", fill="white", font=_font(24))
    pages.append(cover)

    colours = Image.new("RGB", (827, 1169), "white")
    draw = ImageDraw.Draw(colours)
    draw.text((80, 80), "Farver · Colours", fill=GREEN_900, font=_font(44))
    swatches = [
        ("Grøn · Green", "#063B2C", GREEN_900),
        ("Grøn · Green", "#0B6B4A", GREEN_700),
        ("Energi · Energy", "#B13C0A", ENERGY),
        ("Vand · Water", "#1D5FA8", WATER),
        ("Materialer · Materials", "#75560F", MATERIAL),
    ]
    for index, (name, code, colour) in enumerate(swatches):
        top = 200 + index * 180
        draw.rectangle([80, top, 260, top + 140], fill=colour)
        draw.text((300, top + 30), name, fill=GREEN_900, font=_font(30))
        draw.text((300, top + 80), code, fill=(74, 86, 81), font=_font(26))
    pages.append(colours)

    logo = Image.new("RGB", (827, 1169), "white")
    draw = ImageDraw.Draw(logo)
    draw.text((80, 80), "Logo", fill=GREEN_900, font=_font(44))
    draw.rectangle([120, 260, 707, 560], outline=(200, 200, 200), width=2)  # clear space
    _symbol(draw, 300, 410, 60)
    draw.text((400, 360), "Kalundborg", fill=GREEN_900, font=_font(40))
    draw.text((400, 410), "Symbiose", fill=GREEN_700, font=_font(40))
    rules = [
        "Hold luft om logoet: mindst højden af ét bogstav.",
        "Keep clear space around the logo: at least one letter's height.",
        "Brug det negative logo på mørk baggrund.",
        "Use the negative logo on dark backgrounds.",
        "Stræk, drej eller omfarv aldrig logoet.",
        "Never stretch, turn or recolour the logo.",
    ]
    for index, rule in enumerate(rules):
        draw.text((80, 660 + index * 56), rule, fill=(27, 36, 32), font=_font(22))
    pages.append(logo)

    buffer = io.BytesIO()
    pages[0].save(
        buffer,
        "PDF",
        save_all=True,
        append_images=pages[1:],
        resolution=100,
        title="Kalundborg Symbiose: designmanual (demo)",
        author="Kalundborg Symbiose",
        creationDate=time.gmtime(1_700_000_000),
        modDate=time.gmtime(1_700_000_000),
    )
    return buffer.getvalue()


@dataclass(frozen=True)
class Asset:
    """A press asset; `draw` makes its file's bytes (the same bytes every time)."""

    kind: str
    filename: str
    draw: Callable[[], bytes]
    title_da: str
    title_en: str
    caption_da: str
    caption_en: str
    credit: str = ""


ASSETS = [
    Asset(
        kind=Kind.PHOTO,
        filename="asnaesvaerket-ved-fjorden.jpg",
        draw=photo_power_station,
        title_da="Asnæsværket ved fjorden",
        title_en="The Asnæs power station by the fjord",
        caption_da=(
            "Asnæsværket i Kalundborg ved skumring. Værkets damp og varme har forsynet byen og "
            "fabrikkerne siden 1980'erne."
        ),
        caption_en=(
            "The Asnæs power station in Kalundborg at dusk. Its steam and heat have supplied the "
            "town and the factories since the 1980s."
        ),
        credit=CREDIT,
    ),
    Asset(
        kind=Kind.PHOTO,
        filename="roerbroen.jpg",
        draw=photo_pipe_bridge,
        title_da="Rørbroen",
        title_en="The pipe bridge",
        caption_da="Damp, vand og gas løber side om side på rørbroen mellem partnerne.",
        caption_en="Steam, water and gas run side by side on the pipe bridge between the partners.",
        credit=CREDIT,
    ),
    Asset(
        kind=Kind.PHOTO,
        filename="biogasanlaegget.jpg",
        draw=photo_biogas_plant,
        title_da="Biogasanlægget",
        title_en="The biogas plant",
        caption_da=(
            "Biomasse fra insulin- og enzymproduktionen bliver til biogas, der sendes videre "
            "til naboerne og ud i nettet (i drift fra foråret 2018)."
        ),
        caption_en=(
            "Biomass from insulin and enzyme production becomes biogas, passed on to the "
            "neighbours and into the grid (running since spring 2018)."
        ),
        credit=CREDIT,
    ),
    Asset(
        kind=Kind.PHOTO,
        filename="tissoe.jpg",
        draw=photo_lake,
        title_da="Tissø og pumpestationen",
        title_en="Lake Tissø and the pumping station",
        caption_da=(
            "Siden 1961 har en rørledning ført overfladevand fra Tissø til raffinaderiet, så "
            "grundvandet spares."
        ),
        caption_en=(
            "Since 1961 a pipeline has carried surface water from Lake Tissø to the refinery, "
            "sparing the groundwater."
        ),
        credit=CREDIT,
    ),
    Asset(
        kind=Kind.LOGO,
        filename="kalundborg-symbiose-logo.png",
        draw=logo_colour,
        title_da="Logo i farver",
        title_en="Logo in colour",
        caption_da="Logoet i farver med gennemsigtig baggrund, til lyse flader.",
        caption_en="The logo in colour on a transparent background, for light surfaces.",
    ),
    Asset(
        kind=Kind.LOGO,
        filename="kalundborg-symbiose-logo-negativ.png",
        draw=logo_negative,
        title_da="Logo, negativt",
        title_en="Logo, negative",
        caption_da="Logoet i hvidt på mørkegrøn baggrund, til mørke flader.",
        caption_en="The logo in white on dark green, for dark surfaces.",
    ),
    Asset(
        kind=Kind.INFOGRAPHIC,
        filename="udvalgte-stroemme.png",
        draw=infographic,
        title_da="Udvalgte strømme i symbiosen",
        title_en="Selected flows of the symbiosis",
        caption_da=(
            "Damp, vand, gips og fjernvarme mellem nogle af partnerne, og den samlede CO₂-"
            "besparelse ifølge livscyklusvurderingen offentliggjort i 2018."
        ),
        caption_en=(
            "Steam, water, gypsum and district heat between some of the partners, and the CO₂ "
            "saving according to the life-cycle assessment published in 2018."
        ),
        credit=CREDIT,
    ),
    Asset(
        kind=Kind.GUIDELINES,
        filename="designmanual.pdf",
        draw=design_guidelines,
        title_da="Designmanual",
        title_en="Design guidelines",
        caption_da="Farver, logoets brug og frirum. Tre sider, PDF.",
        caption_en="Colours, use of the logo and its clear space. Three pages, PDF.",
    ),
]


def _renditions_missing(asset, is_image):
    if not is_image:
        return False
    return not all(f and f.storage.exists(f.name) for f in (asset.preview, asset.web_version))


def load():
    """Create or update the demo press assets. Returns the number of rows created or changed."""
    changed_count = 0
    for order, spec in enumerate(ASSETS, start=1):
        content = spec.draw()
        facts = inspect_bytes(content, spec.filename)  # the demo's files pass the upload checks
        name = safe_file_name(spec.filename, facts.type)
        lookup = {"kind": spec.kind, "title_da": spec.title_da}
        fields = {
            "title_en": spec.title_en,
            "caption_da": spec.caption_da,
            "caption_en": spec.caption_en,
            "credit": spec.credit,
            "terms_da": TERMS_DA,
            "terms_en": TERMS_EN,
            "order": order * 10,
            "is_public": True,
        }
        asset = PressAsset.objects.filter(**lookup).first()
        if asset is None:
            asset = PressAsset(**lookup, **fields, file=ContentFile(content, name=name))
            asset.full_clean()
            asset.save()
            changed = file_changed = True
        else:
            asset, changed = upsert(PressAsset, lookup, **fields)
            file_changed = attach_image(asset, "file", name, content)
        if file_changed or not asset.content_type or _renditions_missing(asset, facts.is_image):
            changed = press_asset_process(asset=asset) or changed
        changed_count += bool(changed or file_changed)
    return changed_count
