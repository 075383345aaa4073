"""Responsive renditions of uploaded images: WebP, with a JPEG (photos) or PNG
(transparent graphics) fallback, at a few widths, for `<picture>` with `srcset`.

Made lazily, the first time a page shows the image, and stored in MEDIA next to a
small manifest (`renditions/<folder>/<name>.json`) that lists them with their sizes;
the manifest is then remembered in the cache. So a request opens no image once the
renditions exist: it reads the cache (or, after a restart, one small JSON file).
An upload is stored under a new name, so a replaced image gets new renditions.

Renditions are re-encoded from the pixels, turned as the camera meant (EXIF
orientation), converted to sRGB, and carry no metadata (no EXIF, GPS or comments).
An original that is missing or cannot be read gives no renditions: the page shows
the original as it is.

The steps are the site's one image pipeline, used by the upload policy
(symbiosis.uploads) and the press room's renditions (news.uploads) too: `open_image()`
(the pixel limit checked before anything is decoded), `oriented_srgb()`, `scaled()`
and `encode()`.
"""

import hashlib
import io
import json
import logging
import threading
import warnings
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.core.cache import cache
from django.core.files.base import ContentFile
from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

logger = logging.getLogger(__name__)

FOLDER = "renditions"
WEBP_QUALITY = 80
JPEG_QUALITY = 82
# The one pixel limit for every image the site decodes (every upload, symbiosis.uploads;
# renditions of logos and lead images): larger ones are refused, a decompression bomb
# or simply too much work. Below Pillow's own guard (89 megapixels warn, 179 refuse).
MAX_MEGAPIXELS = 40
MAX_PIXELS = MAX_MEGAPIXELS * 1_000_000
# Bumped when the way renditions are made changes: every manifest is then made again.
RECIPE = 1

_lock = threading.Lock()


@dataclass(frozen=True)
class Rendition:
    width: int
    height: int
    webp: str  # URL
    fallback: str  # URL


@dataclass(frozen=True)
class Picture:
    width: int  # the original's, as shown (after EXIF orientation)
    height: int
    fallback_type: str  # "image/jpeg" or "image/png"
    renditions: tuple  # Rendition, narrowest first

    def srcset(self, kind):
        return ", ".join(f"{getattr(r, kind)} {r.width}w" for r in self.renditions)

    def best_for(self, width):
        """The narrowest rendition at least `width` wide (else the widest)."""
        for rendition in self.renditions:
            if rendition.width >= width:
                return rendition
        return self.renditions[-1]


def rendition_size(width, height, max_width):
    """At most `max_width` wide, never enlarged, proportions kept ((None, None) for an
    image of unknown size)."""
    if not width or not height:
        return None, None
    if width <= max_width:
        return width, height
    return max_width, max(1, round(height * max_width / width))


def _manifest_name(name):
    path = PurePosixPath(name)
    return str(PurePosixPath(FOLDER) / path.parent / f"{path.stem}.json")


def _cache_key(name, widths):
    digest = hashlib.sha256(f"{RECIPE}:{name}:{widths}".encode()).hexdigest()[:32]
    return f"images:{digest}"


def picture_for(field_file, widths):
    """The Picture of an image field's file at the given widths (never wider than the
    original), making the renditions the first time; None when the file cannot be read."""
    if not field_file or not getattr(field_file, "name", ""):
        return None
    widths = tuple(sorted({int(w) for w in widths if int(w) > 0}))
    if not widths:
        return None
    key = _cache_key(field_file.name, widths)
    found = cache.get(key)
    if found is not None:
        return found or None  # False: known to be unreadable
    try:
        picture = _from_manifest(field_file, widths)
        if picture is None:
            with _lock:  # one thread of this process makes them; others wait, then read
                picture = _from_manifest(field_file, widths) or _make(field_file, widths)
    except (OSError, ValueError, SyntaxError, EOFError, UnidentifiedImageError) as error:
        logger.warning("No renditions of %s: %s", field_file.name, error)
        cache.set(key, False, 60 * 10)  # try again later, not on every request
        return None
    cache.set(key, picture, None)
    return picture


def _read_manifest(storage, name):
    manifest_name = _manifest_name(name)
    if not storage.exists(manifest_name):
        return None
    with storage.open(manifest_name, "rb") as stored:
        data = json.loads(stored.read())
    return data if data.get("recipe") == RECIPE and data.get("original") == name else None


def _picture(storage, data, widths):
    wanted = {rendition_size(data["width"], data["height"], w)[0] for w in widths}
    made = {int(w): files for w, files in data["renditions"].items()}
    if not wanted <= made.keys():
        return None
    renditions = []
    for width in sorted(wanted):
        files = made[width]
        renditions.append(
            Rendition(
                width=width,
                height=files["height"],
                webp=storage.url(files["webp"]),
                fallback=storage.url(files["fallback"]),
            )
        )
    return Picture(
        width=data["width"],
        height=data["height"],
        fallback_type=data["fallback_type"],
        renditions=tuple(renditions),
    )


def _from_manifest(field_file, widths):
    data = _read_manifest(field_file.storage, field_file.name)
    return _picture(field_file.storage, data, widths) if data else None


class TooManyPixels(ValueError):
    """The image has more than MAX_PIXELS; width and height when its header says them."""

    def __init__(self, width=None, height=None):
        self.width, self.height = width, height
        size = f" ({width} × {height})" if width and height else ""
        super().__init__(f"more than {MAX_MEGAPIXELS} megapixels{size}")


def open_image(data, formats):
    """`data` opened as one of Pillow's `formats`, its size checked before any pixel is
    decoded: TooManyPixels above MAX_PIXELS (a decompression bomb among them). Decode it
    with `load()`, which refuses what only then turns out too large."""
    with warnings.catch_warnings():
        # Pillow only warns between its two limits; here a warning refuses the file too.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data), formats=formats)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise TooManyPixels() from None
    if image.width * image.height > MAX_PIXELS:
        image.close()
        raise TooManyPixels(image.width, image.height)
    return image


def load(image):
    """Decode the pixels of an image from `open_image()`, bombs refused."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image.load()
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise TooManyPixels() from None
    return image


def shown_size(image):
    """Width and height as the photo is meant to be seen (EXIF orientation 5–8 turn
    it), read without decoding the pixels."""
    if image.getexif().get(0x0112) in (5, 6, 7, 8):
        return image.height, image.width
    return image.width, image.height


def _open(field_file):
    with field_file.storage.open(field_file.name, "rb") as stored:
        raw = stored.read()
    return load(open_image(raw, ["JPEG", "PNG", "WEBP", "GIF"]))


def to_srgb(image):
    """Colours converted to sRGB when the image carries another profile (Adobe RGB, CMYK)."""
    icc = image.info.get("icc_profile")
    if not icc or image.mode not in ("RGB", "CMYK"):
        return image
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        return ImageCms.profileToProfile(
            image, source, ImageCms.createProfile("sRGB"), outputMode="RGB"
        )
    except (ImageCms.PyCMSError, OSError, ValueError):
        return image


def has_alpha(image):
    return image.mode in ("RGBA", "LA", "PA") or (
        image.mode == "P" and "transparency" in image.info
    )


def oriented_srgb(original):
    """The image turned as the camera meant (EXIF orientation) with its colours in sRGB,
    and whether it has transparency (read before the conversion, which may drop it)."""
    image = ImageOps.exif_transpose(original)
    alpha = has_alpha(image)
    return to_srgb(image), alpha


def scaled(image, size):
    """The image at `size` (from rendition_size()), resized only when it is not already.
    Scale the widest rendition first and each narrower one from it: the same look, a
    fraction of the work."""
    if size == image.size:
        return image
    return image.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)


def encode(image, kind, *, optimize_png=True):
    """The image's bytes as "webp", "jpeg" or "png", re-encoded from the pixels alone:
    no EXIF, GPS, XMP, comments or profile are written."""
    buffer = io.BytesIO()
    clean = Image.frombytes(image.mode, image.size, image.tobytes())
    if kind == "webp":
        clean.save(buffer, "WEBP", quality=WEBP_QUALITY, method=4)
    elif kind == "jpeg":
        clean.save(buffer, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
    else:
        clean.save(buffer, "PNG", optimize=optimize_png)
    return buffer.getvalue()


def _make(field_file, widths):
    storage, name = field_file.storage, field_file.name
    data = _read_manifest(storage, name) or {}
    original = _open(field_file)
    image, alpha = oriented_srgb(original)
    fallback = "png" if alpha or original.format in ("PNG", "GIF") else "jpeg"
    if fallback == "jpeg":
        image = image.convert("RGB")
    else:
        image = image.convert("RGBA" if alpha else "RGB")
    data = {
        "recipe": RECIPE,
        "original": name,
        "width": image.width,
        "height": image.height,
        "fallback_type": f"image/{fallback}",
        "renditions": data.get("renditions", {}) if data.get("width") == image.width else {},
    }
    path = PurePosixPath(name)
    folder = PurePosixPath(FOLDER) / path.parent
    # Widest first, each scaled from the one before (see scaled()).
    smaller = image
    for width in sorted({rendition_size(image.width, image.height, w)[0] for w in widths})[::-1]:
        if str(width) in data["renditions"]:
            continue
        size = rendition_size(image.width, image.height, width)
        smaller = scaled(smaller, size)
        files = {"height": size[1]}
        for kind, extension in (
            ("webp", "webp"),
            (fallback, "png" if fallback == "png" else "jpg"),
        ):
            wanted = str(folder / f"{path.stem}-{width}w.{extension}")
            stored = storage.save(wanted, ContentFile(encode(smaller, kind)))
            files["webp" if kind == "webp" else "fallback"] = stored
        data["renditions"][str(width)] = files
    manifest = _manifest_name(name)
    if storage.exists(manifest):
        storage.delete(manifest)
    storage.save(manifest, ContentFile(json.dumps(data, indent=1).encode()))
    return _picture(storage, data, widths)
