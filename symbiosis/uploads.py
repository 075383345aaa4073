"""The site's one upload policy: what an uploaded file really is, whether it is accepted,
and what is stored of it.

Accepted: JPEG, PNG and WebP images (every image field), and PDF documents where a
field takes documents too (the press room), recognised by their content (never by
their name or the browser's word) and refused when the content does not match the
extension; at most MAX_FILE_SIZE bytes and symbiosis.images.MAX_MEGAPIXELS (read from
the header, before any pixel is decoded). SVG is refused outright, the simplest safe
choice: an SVG is a document that can carry scripts; logos come as PNG instead.
Animated PNG and WebP are refused (a still image is wanted, and only one frame would
be kept). PDFs are recognised by their `%PDF-` header and refused when they carry
scripts or actions.

What is stored of an accepted image is the original made again from its pixels:
turned as the camera meant (EXIF orientation), without EXIF (GPS positions, camera,
serial numbers), XMP, IPTC, comments or PNG text, but with its colour profile (the
renditions convert to sRGB from it, symbiosis.images). A JPEG is written with its own
quantisation tables and chroma subsampling, so it keeps the quality it had; PNG and
lossless WebP stay lossless.

Every image field of the project is an `ImageUploadField`, whose form field
(`UploadFormField`) applies all this in any ModelForm, the admin's among them: a
refused file is a form error in the staff member's language, and nothing is stored.
The press room's form calls `accept_upload()` itself (its field takes PDFs too).
Files made by the site (the demo, renditions) are not uploads and do not pass here.
"""

import io
import re
from dataclasses import dataclass
from pathlib import PurePath

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.utils.functional import lazy
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from PIL import ImageOps, JpegImagePlugin, UnidentifiedImageError

from symbiosis.images import MAX_MEGAPIXELS, TooManyPixels, load, open_image, shown_size

MAX_FILE_SIZE = 25 * 1024 * 1024  # bytes; nginx caps the request body a little above
WEBP_QUALITY = 90  # a lossy WebP original made again (its own quality is not known)


@dataclass(frozen=True)
class FileType:
    content_type: str
    extension: str  # what the stored file is called: .jpg, never .jpeg or .JPG
    label: str  # what people call it: "JPEG"
    pillow_format: str | None = None  # None: not an image


JPEG = FileType("image/jpeg", "jpg", "JPEG", "JPEG")
PNG = FileType("image/png", "png", "PNG", "PNG")
WEBP = FileType("image/webp", "webp", "WebP", "WEBP")
PDF = FileType("application/pdf", "pdf", "PDF")
FILE_TYPES = [JPEG, PNG, WEBP, PDF]
IMAGES = (JPEG, PNG, WEBP)  # what every image field takes
IMAGES_AND_PDF = (*IMAGES, PDF)  # the press room
BY_CONTENT_TYPE = {t.content_type: t for t in FILE_TYPES}
# The extensions people give each type.
EXTENSIONS = {"jpg": JPEG, "jpeg": JPEG, "jpe": JPEG, "png": PNG, "webp": WEBP, "pdf": PDF}


def accept_attribute(accept=IMAGES):
    """For <input accept>: a hint to the file picker only."""
    return ",".join(f".{e}" for e, t in EXTENSIONS.items() if t in accept)


# Words in a PDF that run code or start programs when it is opened. A heuristic (an
# object stream may hide them) on top of what the download does anyway: served as an
# attachment with nosniff, never shown inline on the site.
PDF_ACTIVE_CONTENT = re.compile(rb"/(JavaScript|JS|Launch|EmbeddedFile)\b")


@dataclass(frozen=True)
class FileFacts:
    """What a file is, read from its bytes."""

    type: FileType
    size: int
    width: int | None = None  # as shown, after the camera's orientation is applied
    height: int | None = None

    @property
    def is_image(self):
        return self.type.pillow_format is not None


def type_for(content_type):
    """The FileType of a stored file's content type, or None."""
    return BY_CONTENT_TYPE.get(content_type)


def display_name(name):
    """The file's own name without any folders, shortened, for messages."""
    name = PurePath(str(name or "").replace("\\", "/")).name
    return name if len(name) <= 80 else name[:77] + "…"


def named_type(name):
    extension = PurePath(str(name or "")).suffix.lower().lstrip(".")
    return EXTENSIONS.get(extension)


# Archives and compressed files: a few bytes can unpack to gigabytes (a zip bomb), and
# Word, Excel and PowerPoint files are ZIP archives too. None is opened: refused by
# their first bytes alone.
ARCHIVE_SIGNATURES = (
    b"PK\x03\x04",  # ZIP, and .docx/.xlsx/.pptx/.odt inside
    b"PK\x05\x06",  # an empty ZIP
    b"PK\x07\x08",  # a spanned ZIP
    b"\x1f\x8b",  # gzip
    b"BZh",  # bzip2
    b"\xfd7zXZ\x00",  # xz
    b"\x28\xb5\x2f\xfd",  # zstd
    b"7z\xbc\xaf\x27\x1c",  # 7-Zip
    b"Rar!\x1a\x07",  # RAR
)


def _is_archive(head):
    return head.startswith(ARCHIVE_SIGNATURES)


def _sniff(head):
    """The FileType the first bytes announce, or None."""
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return WEBP
    if re.match(rb"%PDF-\d\.\d", head):
        return PDF
    return None


def _other_image_format(head):
    """The name of an image format the site does not take (GIF, BMP, TIFF, HEIC,
    AVIF), so the message can say what the file is; None for anything else."""
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "GIF"
    if head[:2] == b"BM":
        return "BMP"
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return "TIFF"
    if head[4:8] == b"ftyp":
        brand = head[8:12]
        if brand in (b"avif", b"avis"):
            return "AVIF"
        if brand in (b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1"):
            return "HEIC"
    return None


def _looks_like_svg(name, head):
    text = head[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return (
        PurePath(str(name or "")).suffix.lower() in {".svg", ".svgz"}
        or b"<svg" in text
        or (text.startswith(b"<?xml") and b"svg" in text)
    )


def _too_large(size):
    return ValidationError(
        _("This file is %(size)s; files may be at most %(limit)s."),
        code="too_large",
        params={"size": filesizeformat(size), "limit": filesizeformat(MAX_FILE_SIZE)},
    )


def _too_many_pixels(width=None, height=None):
    if width and height:
        return ValidationError(
            _(
                "The image is %(width)s × %(height)s pixels (%(megapixels)s megapixels); images "
                "may have at most %(limit)s megapixels. Make it smaller and upload it again."
            ),
            code="too_many_pixels",
            params={
                "width": width,
                "height": height,
                "megapixels": round(width * height / 1_000_000, 1),
                "limit": MAX_MEGAPIXELS,
            },
        )
    return ValidationError(
        _("The image has more than %(limit)s megapixels. Make it smaller and upload it again."),
        code="too_many_pixels",
        params={"limit": MAX_MEGAPIXELS},
    )


def _inspect_image(data, file_type, name):
    damaged = ValidationError(
        _(
            "“%(name)s” looks like a %(type)s image but cannot be read: it may be damaged or "
            "cut off."
        ),
        code="damaged",
        params={"name": display_name(name), "type": file_type.label},
    )
    formats = [file_type.pillow_format]  # Pillow tries no other format here
    try:
        with open_image(data, formats) as image:
            image.verify()  # checks the structure; the image cannot be used afterwards
        # Reopen to read the pixels, which finds what verify() does not (a cut-off file).
        with open_image(data, formats) as image:
            load(image)
            width, height = shown_size(image)
            # An APNG or animated WebP (a JPEG's extra frames are previews: dropped).
            animated = file_type is not JPEG and getattr(image, "n_frames", 1) > 1
    except TooManyPixels as error:
        raise _too_many_pixels(error.width, error.height) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as error:
        raise damaged from error
    if animated:
        raise ValidationError(
            _("“%(name)s” is an animation. Upload a still image: JPEG, PNG or WebP."),
            code="animated",
            params={"name": display_name(name)},
        )
    return width, height


def _unknown(data, name, accept):
    """The ValidationError for content that is none of the accepted types."""
    documents = PDF in accept
    if _is_archive(data[:16]):
        if documents:
            message = _(
                "“%(name)s” is a compressed archive (a ZIP file, or a Word, Excel or "
                "PowerPoint document, which are archives inside). Upload each image as JPEG, "
                "PNG or WebP and each document as PDF, one file at a time."
            )
        else:
            message = _(
                "“%(name)s” is a compressed archive (a ZIP file, or a Word, Excel or "
                "PowerPoint document, which are archives inside). Upload the image itself, "
                "as JPEG, PNG or WebP."
            )
        return ValidationError(message, code="archive", params={"name": display_name(name)})
    if _looks_like_svg(name, data):
        if documents:
            message = _(
                "SVG files are not accepted, because they can carry scripts. Upload the "
                "logo as PNG (or as PDF) instead."
            )
        else:
            message = _(
                "SVG files are not accepted, because they can carry scripts. Upload the "
                "logo or drawing as PNG instead."
            )
        return ValidationError(message, code="svg")
    if other := _other_image_format(data[:16]):
        return ValidationError(
            _(
                "“%(name)s” is a %(type)s image. The site accepts JPEG, PNG and WebP images: "
                "save it as JPEG (a photo) or PNG (a logo or drawing) and upload it again."
            ),
            code="unsupported_image",
            params={"name": display_name(name), "type": other},
        )
    named = named_type(name)
    if named is not None:
        if documents:
            message = _(
                "“%(name)s” is named as a %(type)s file, but its content is not %(type)s. "
                "Upload a real JPEG, PNG or WebP image, or a PDF document."
            )
        else:
            message = _(
                "“%(name)s” is named as a %(type)s file, but its content is not %(type)s. "
                "Upload a real JPEG, PNG or WebP image."
            )
        return ValidationError(
            message, code="mismatch", params={"name": display_name(name), "type": named.label}
        )
    if documents:
        message = _(
            "“%(name)s” is not a kind of file the press room accepts. Upload a JPEG, PNG "
            "or WebP image, or a PDF document."
        )
    else:
        message = _(
            "“%(name)s” is not an image the site accepts. Upload a JPEG, PNG or WebP image."
        )
    return ValidationError(message, code="unknown_type", params={"name": display_name(name)})


def inspect_bytes(data, name, *, accept=IMAGES):
    """What `data` (a file called `name`) really is, or a ValidationError saying why it is
    not one of the `accept`ed types (IMAGES or IMAGES_AND_PDF).

    The messages are written for the secretariat, in their language (gettext).
    """
    size = len(data)
    if size > MAX_FILE_SIZE:
        raise _too_large(size)
    if not size:
        raise ValidationError(_("The file is empty."), code="empty")
    actual = _sniff(data[:16])
    if actual is PDF and PDF not in accept:
        raise ValidationError(
            _("“%(name)s” is a PDF document, not an image. Upload a JPEG, PNG or WebP image."),
            code="not_image",
            params={"name": display_name(name)},
        )
    if actual is None:
        raise _unknown(data, name, accept)
    named = named_type(name)
    suffix = PurePath(str(name or "")).suffix.lstrip(".")
    if suffix and named is not actual:
        raise ValidationError(
            _(
                "“%(name)s” is named as a %(named)s file, but its content is %(actual)s. Rename "
                "it to end in .%(extension)s, or upload the right file."
            ),
            code="mismatch",
            params={
                "name": display_name(name),
                "named": named.label if named else suffix.upper()[:10],
                "actual": actual.label,
                "extension": actual.extension,
            },
        )
    if actual is PDF:
        if PDF_ACTIVE_CONTENT.search(data):
            raise ValidationError(
                _(
                    "This PDF contains scripts, attachments or actions that start programs. "
                    "Save it again without them (for example with “Print to PDF”) and upload "
                    "it again."
                ),
                code="pdf_active_content",
            )
        return FileFacts(type=PDF, size=size)
    width, height = _inspect_image(data, actual, name)
    return FileFacts(type=actual, size=size, width=width, height=height)


def inspect_upload(upload, *, accept=IMAGES):
    """`inspect_bytes` for an uploaded file; the size is checked before anything is read."""
    if upload.size is not None and upload.size > MAX_FILE_SIZE:
        raise _too_large(upload.size)
    upload.seek(0)
    data = upload.read(MAX_FILE_SIZE + 1)
    upload.seek(0)
    return inspect_bytes(data, upload.name, accept=accept)


# ---------------------------------------------------------------------------
# What is stored: the original without its metadata


def _webp_is_lossless(data):
    """Whether a WebP's image chunk is VP8L (lossless) rather than VP8 (lossy)."""
    position = 12
    while position + 8 <= len(data):
        kind = data[position : position + 4]
        if kind == b"VP8L":
            return True
        if kind == b"VP8 ":
            return False
        length = int.from_bytes(data[position + 4 : position + 8], "little")
        position += 8 + length + (length & 1)
    return False


def without_metadata(data, file_type):
    """An accepted image's bytes made again from its pixels, turned as the camera meant,
    with nothing but the pixels, the colour profile, the resolution and (PNG) the
    transparency: no EXIF (GPS), XMP, IPTC, comments or text. The same bytes in give
    the same bytes out."""
    with open_image(data, [file_type.pillow_format]) as original:
        load(original)
        options = {}
        if icc := original.info.get("icc_profile"):
            options["icc_profile"] = icc
        if dpi := original.info.get("dpi"):
            options["dpi"] = tuple(round(float(value)) for value in dpi)
        if file_type is JPEG:
            # What Pillow's quality="keep" does, for an image that was turned.
            options["qtables"] = original.quantization
            if (subsampling := JpegImagePlugin.get_sampling(original)) != -1:
                options["subsampling"] = subsampling
            options["progressive"] = "progressive" in original.info
            options["optimize"] = True
        elif file_type is PNG:
            if (transparency := original.info.get("transparency")) is not None:
                options["transparency"] = transparency
        else:
            options.pop("dpi", None)
            if _webp_is_lossless(data):
                options.update(lossless=True, method=4)
            else:
                options.update(quality=WEBP_QUALITY, method=4)
        image = ImageOps.exif_transpose(original)  # a new image, upright
    image.info = {}  # nothing read from the file is written again unless named above
    buffer = io.BytesIO()
    image.save(buffer, file_type.pillow_format, **options)
    return buffer.getvalue()


# Danish letters spelt out, so "Asnæsværket" becomes "asnaesvaerket", not "asnsvrket".
_SPELL_OUT = str.maketrans(
    {"æ": "ae", "Æ": "Ae", "ø": "oe", "Ø": "Oe", "å": "aa", "Å": "Aa", "ß": "ss"}
)


def ascii_slug(text, max_length=60):
    """A lower-case ASCII slug of `text`: letters, digits and hyphens only."""
    return slugify(str(text).translate(_SPELL_OUT))[:max_length].strip("-")


def safe_file_name(name, file_type, default="image"):
    """The name to store an upload under: no folders, ASCII, the detected type's extension."""
    stem = ascii_slug(PurePath(str(name or "").replace("\\", "/")).stem)
    return f"{stem or default}.{file_type.extension}"


def accept_upload(upload, *, accept=IMAGES, default_name="image"):
    """The file to store for `upload` and its facts, or a ValidationError saying why not.

    The one place every upload passes: the policy checked (`inspect_upload`), an image
    made again without its metadata (`without_metadata`), a safe name given. PDFs are
    stored as they came.
    """
    facts = inspect_upload(upload, accept=accept)
    name = safe_file_name(upload.name, facts.type, default_name)
    upload.seek(0)
    data = upload.read(MAX_FILE_SIZE + 1)
    upload.seek(0)
    if facts.is_image:
        try:
            data = without_metadata(data, facts.type)
        except (OSError, ValueError, SyntaxError, EOFError) as error:
            raise ValidationError(
                _(
                    "“%(name)s” looks like a %(type)s image but cannot be read: it may be "
                    "damaged or cut off."
                ),
                code="damaged",
                params={"name": display_name(upload.name), "type": facts.type.label},
            ) from error
        if len(data) > MAX_FILE_SIZE:  # made again, a tightly packed PNG may grow
            raise _too_large(len(data))
        with open_image(data, [facts.type.pillow_format]) as stored:
            width, height = stored.size
        facts = FileFacts(type=facts.type, size=len(data), width=width, height=height)
    return SimpleUploadedFile(name, data, content_type=facts.type.content_type), facts


def _policy_help_text():
    return gettext("A JPEG, PNG or WebP image; at most %(size)s and %(megapixels)s megapixels.") % {
        "size": filesizeformat(MAX_FILE_SIZE),
        "megapixels": MAX_MEGAPIXELS,
    }


policy_help_text = lazy(_policy_help_text, str)


class UploadFormField(forms.FileField):
    """A file input that lets in only what the upload policy accepts, and gives the
    form the file to store (see `accept_upload`)."""

    def __init__(self, *, accept=IMAGES, **kwargs):
        self.accept = accept
        super().__init__(**kwargs)

    def to_python(self, data):
        upload = super().to_python(data)
        if not isinstance(upload, UploadedFile):  # no new file
            return upload
        stored, _facts = accept_upload(upload, accept=self.accept)
        return stored

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        if isinstance(widget, forms.FileInput) and "accept" not in widget.attrs:
            attrs.setdefault("accept", accept_attribute(self.accept))
        return attrs


class ImageUploadField(models.ImageField):
    """An image field under the upload policy: JPEG, PNG or WebP within the limits,
    stored without metadata. Every image field a person uploads into is one."""

    def formfield(self, **kwargs):
        if not self.help_text:
            kwargs.setdefault("help_text", policy_help_text())
        return super().formfield(**{"form_class": UploadFormField, **kwargs})
