"""Factories and real file bytes for the press room's tests.

`PressAssetFactory()` makes a published photo with a real JPEG, processed as the
admin would (`press_asset_process`): type, size, dimensions and web renditions.
`PressAssetFactory(logo=True)` a transparent PNG logo, `(guidelines=True)` a PDF;
`(process=False)` leaves the file unprocessed.
"""

import datetime
import io
import itertools
import struct
import time
import zlib

import factory
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import ExifTags, Image
from PIL.TiffImagePlugin import IFDRational

from news.models import Article, PressAsset
from news.uploads import ascii_slug, press_asset_process

# Asnæs, roughly: 55°40′N 11°05′E.
GPS = {
    ExifTags.GPS.GPSLatitudeRef: "N",
    ExifTags.GPS.GPSLatitude: (IFDRational(55), IFDRational(40), IFDRational(12)),
    ExifTags.GPS.GPSLongitudeRef: "E",
    ExifTags.GPS.GPSLongitude: (IFDRational(11), IFDRational(5), IFDRational(19)),
}


def jpeg_bytes(size=(1200, 800), colour=(30, 110, 80), *, gps=False, orientation=None):
    """A real JPEG; with `gps=True` it carries a camera's EXIF with a GPS position."""
    image = Image.new("RGB", size, colour)
    # A darker band, so a turned image can be told from an upright one.
    image.paste((10, 40, 30), (0, 0, size[0], size[1] // 4))
    exif = Image.Exif()
    if gps:
        exif[ExifTags.Base.Make] = "Demo Camera Works"
        exif[ExifTags.Base.Model] = "Field 1"
        exif[ExifTags.IFD.GPSInfo] = GPS
    if orientation:
        exif[ExifTags.Base.Orientation] = orientation
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85, exif=exif, comment=b"shot by a fictional photographer")
    return buffer.getvalue()


def png_bytes(size=(800, 400), *, transparent=True):
    if transparent:
        image = Image.new("RGBA", size, (0, 0, 0, 0))
        ink = (11, 107, 74, 255)
    else:
        image, ink = Image.new("RGB", size, "white"), (11, 107, 74)
    image.paste(ink, (40, 40, size[0] - 40, size[1] - 40))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def png_bomb(width, height):
    """A black 1-bit PNG written by hand: a few kilobytes that unpack to width × height."""

    def chunk(kind, data):
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    rows = b"\x00" * ((1 + (width + 7) // 8) * height)  # filter byte + pixels, every row
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows, 9))
        + chunk(b"IEND", b"")
    )


def pdf_bytes(pages=2):
    sheets = [Image.new("RGB", (827, 1169), "white") for _ in range(pages)]
    buffer = io.BytesIO()
    sheets[0].save(
        buffer,
        "PDF",
        save_all=True,
        append_images=sheets[1:],
        resolution=100,
        creationDate=time.gmtime(0),
        modDate=time.gmtime(0),
    )
    return buffer.getvalue()


class PressAssetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PressAsset
        skip_postgeneration_save = True

    title_da = factory.Sequence(lambda n: f"Rørbro ved Asnæs {n}")
    title_en = factory.Sequence(lambda n: f"Pipe bridge at Asnæs {n}")
    caption_da = "Damprør krydser vejen mellem kraftværket og fabrikkerne."
    caption_en = "Steam pipes cross the road between the power station and the factories."
    kind = PressAsset.Kind.PHOTO
    file = factory.LazyFunction(lambda: ContentFile(jpeg_bytes(), name="photo.jpg"))
    credit = "Foto: Mette Demo"
    terms_da = "Må bruges med kreditering."
    terms_en = "May be used with credit."
    order = factory.Sequence(lambda n: n)
    is_public = True

    class Params:
        logo = factory.Trait(
            kind=PressAsset.Kind.LOGO,
            title_da=factory.Sequence(lambda n: f"Logo {n}"),
            title_en=factory.Sequence(lambda n: f"Logo {n}"),
            file=factory.LazyFunction(lambda: ContentFile(png_bytes(), name="logo.png")),
            credit="",
        )
        guidelines = factory.Trait(
            kind=PressAsset.Kind.GUIDELINES,
            title_da=factory.Sequence(lambda n: f"Designmanual {n}"),
            title_en=factory.Sequence(lambda n: f"Design guidelines {n}"),
            file=factory.LazyFunction(lambda: ContentFile(pdf_bytes(), name="designmanual.pdf")),
            credit="",
        )

    @factory.post_generation
    def process(obj, create, extracted, **kwargs):
        if create and extracted is not False:
            press_asset_process(asset=obj)


_release_numbers = itertools.count(1)


def press_release(title_da, *, title_en="", days_ago=1, **fields):
    """A published press release (an Article), first published `days_ago` days ago."""
    fields.setdefault("slug", f"{ascii_slug(title_da)}-{next(_release_numbers)}")
    fields.setdefault("kind", Article.Kind.PRESS_RELEASE)
    fields.setdefault("status", Article.Status.PUBLISHED)
    return Article.objects.create(
        title_da=title_da,
        title_en=title_en,
        lead_da="Kort indledning.",
        publish_at=timezone.now() - datetime.timedelta(days=days_ago),
        first_published=timezone.localdate() - datetime.timedelta(days=days_ago),
        **fields,
    )
