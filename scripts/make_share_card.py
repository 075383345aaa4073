"""Draw the default share card, static/img/share-card.png (1200 × 630, PNG), and the
square logo search engines show beside the partnership, static/img/logo.png (512 × 512).

Open Graph and Twitter previews of a page without an image of its own (a list, a
flow, a page the secretariat wrote) show this card. It is drawn here, from the
logo's three rings and Debian's DejaVu fonts, so it can be made again after a
change of colours or wording; the PNG itself is committed and served as a static
file (nothing is drawn at run time).

    .venv/bin/python scripts/make_share_card.py

Needs Pillow (a runtime requirement) and fonts-dejavu-core (/usr/share/fonts/truetype/dejavu).
"""

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 630  # the size Facebook, LinkedIn and X ask for (1.91:1)
IMAGES = Path(__file__).resolve().parent.parent / "static/img"
OUTPUT = IMAGES / "share-card.png"
LOGO_OUTPUT = IMAGES / "logo.png"
LOGO_SIZE = 512
FONTS = Path("/usr/share/fonts/truetype/dejavu")

# static/css/site.css and templates/includes/logo.svg
GREEN_900 = "#063b2c"
GREEN_100 = "#e6f2ec"
PAPER = "#ffffff"
RINGS = [  # centre (in the logo's 48 × 48 box) and colour, as in logo.svg
    ((17, 18), "#c2410c"),
    ((31, 18), "#1d5fa8"),
    ((24, 30), "#0b6b4a"),
]

NAME = "Kalundborg Symbiose"
# Both languages: the one card serves the Danish and the English pages.
TAGLINES = ["Energi, vand og materialer deles", "Energy, water and materials shared"]


def draw_rings(draw, left, top, scale):
    for (cx, cy), colour in RINGS:
        x, y, r = left + cx * scale, top + cy * scale, 11 * scale
        draw.ellipse((x - r, y - r, x + r, y + r), outline=colour, width=round(5 * scale))


def main():
    image = Image.new("RGB", (WIDTH, HEIGHT), PAPER)
    draw = ImageDraw.Draw(image)
    # A band at the foot, in the site's dark green, with the taglines.
    band_top = 470
    draw.rectangle((0, band_top, WIDTH, HEIGHT), fill=GREEN_900)
    draw_rings(draw, left=80, top=95, scale=6.5)

    title = ImageFont.truetype(str(FONTS / "DejaVuSans-Bold.ttf"), 76)
    for index, word in enumerate(NAME.split()):
        draw.text((440, 170 + index * 92), word, font=title, fill=GREEN_900)

    tagline = ImageFont.truetype(str(FONTS / "DejaVuSans.ttf"), 34)
    for index, text in enumerate(TAGLINES):
        draw.text((80, band_top + 30 + index * 48), text, font=tagline, fill=GREEN_100)

    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    image.save(OUTPUT, "PNG", optimize=True)
    print(f"{OUTPUT} ({WIDTH} × {HEIGHT})")

    # The rings alone, filling a square (schema.org's Organization.logo; Google wants
    # at least 112 × 112 pixels, raster).
    logo = Image.new("RGB", (LOGO_SIZE, LOGO_SIZE), PAPER)
    scale = LOGO_SIZE / 48
    draw_rings(ImageDraw.Draw(logo), left=0, top=0, scale=scale)
    logo.save(LOGO_OUTPUT, "PNG", optimize=True)
    print(f"{LOGO_OUTPUT} ({LOGO_SIZE} × {LOGO_SIZE})")


if __name__ == "__main__":
    main()
