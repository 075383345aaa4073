"""Uploaded press files: what they really are, whether to accept them, and their web renditions.

Accepted: JPEG, PNG and WebP images, and PDF documents, recognised by their content
(never by their name or the browser's word) and refused when the content does not
match the extension. SVG is refused outright, the simplest safe choice: an SVG is a
document that can carry scripts, and logos come as PNG (or PDF) instead. Images are
opened and verified with Pillow through the site's image pipeline (symbiosis.images:
its one limit in megapixels, below Pillow's own decompression-bomb guard); PDFs are
recognised by their `%PDF-` header.

`inspect_upload()` is what the admin form calls; `press_asset_process()` runs once
when an asset is saved through the admin or the demo: it reads the stored file's
type, size and dimensions into the asset and makes the web renditions (a preview
and a 1920-pixel version), re-encoded from pixels so that EXIF, GPS positions, XMP
and comments never reach the public.
"""

import re
from dataclasses import dataclass
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from PIL import UnidentifiedImageError

from symbiosis.images import (
    MAX_MEGAPIXELS,
    TooManyPixels,
    encode,
    load,
    open_image,
    oriented_srgb,
    rendition_size,
    scaled,
    shown_size,
)

MAX_FILE_SIZE = 25 * 1024 * 1024  # bytes
PREVIEW_WIDTH = 480
WEB_WIDTH = 1920


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
BY_CONTENT_TYPE = {t.content_type: t for t in FILE_TYPES}
# The extensions people give each type.
EXTENSIONS = {"jpg": JPEG, "jpeg": JPEG, "jpe": JPEG, "png": PNG, "webp": WEBP, "pdf": PDF}
ACCEPT = ",".join(f".{e}" for e in EXTENSIONS)  # for <input accept>: a hint only

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
    """The FileType of a stored asset's content type, or None."""
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


def _looks_like_svg(name, head):
    text = head[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return (
        PurePath(str(name or "")).suffix.lower() in {".svg", ".svgz"}
        or b"<svg" in text
        or (text.startswith(b"<?xml") and b"svg" in text)
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
    except TooManyPixels as error:
        raise _too_many_pixels(error.width, error.height) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as error:
        raise damaged from error
    return width, height


def inspect_bytes(data, name):
    """What `data` (a file called `name`) really is, or a ValidationError saying why not.

    The messages are written for the secretariat, in their language (gettext).
    """
    size = len(data)
    if size > MAX_FILE_SIZE:
        raise ValidationError(
            _("This file is %(size)s; files may be at most %(limit)s."),
            code="too_large",
            params={"size": filesizeformat(size), "limit": filesizeformat(MAX_FILE_SIZE)},
        )
    if not size:
        raise ValidationError(_("The file is empty."), code="empty")
    actual = _sniff(data[:16])
    named = named_type(name)
    if actual is None:
        if _is_archive(data[:16]):
            raise ValidationError(
                _(
                    "“%(name)s” is a compressed archive (a ZIP file, or a Word, Excel or "
                    "PowerPoint document, which are archives inside). Upload each image as JPEG, "
                    "PNG or WebP and each document as PDF, one file at a time."
                ),
                code="archive",
                params={"name": display_name(name)},
            )
        if _looks_like_svg(name, data):
            raise ValidationError(
                _(
                    "SVG files are not accepted, because they can carry scripts. Upload the "
                    "logo as PNG (or as PDF) instead."
                ),
                code="svg",
            )
        if named is not None:
            raise ValidationError(
                _(
                    "“%(name)s” is named as a %(type)s file, but its content is not %(type)s. "
                    "Upload a real JPEG, PNG or WebP image, or a PDF document."
                ),
                code="mismatch",
                params={"name": display_name(name), "type": named.label},
            )
        raise ValidationError(
            _(
                "“%(name)s” is not a kind of file the press room accepts. Upload a JPEG, PNG "
                "or WebP image, or a PDF document."
            ),
            code="unknown_type",
            params={"name": display_name(name)},
        )
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


def inspect_upload(upload):
    """`inspect_bytes` for an uploaded file; the size is checked before anything is read."""
    if upload.size is not None and upload.size > MAX_FILE_SIZE:
        raise ValidationError(
            _("This file is %(size)s; files may be at most %(limit)s."),
            code="too_large",
            params={"size": filesizeformat(upload.size), "limit": filesizeformat(MAX_FILE_SIZE)},
        )
    upload.seek(0)
    data = upload.read(MAX_FILE_SIZE + 1)
    upload.seek(0)
    return inspect_bytes(data, upload.name)


# Danish letters spelt out, so "Asnæsværket" becomes "asnaesvaerket", not "asnsvrket".
_SPELL_OUT = str.maketrans(
    {"æ": "ae", "Æ": "Ae", "ø": "oe", "Ø": "Oe", "å": "aa", "Å": "Aa", "ß": "ss"}
)


def ascii_slug(text, max_length=60):
    """A lower-case ASCII slug of `text`: letters, digits and hyphens only."""
    slug = slugify(str(text).translate(_SPELL_OUT))[:max_length].strip("-")
    return slug


def safe_file_name(name, file_type):
    """The name to store an upload under: no folders, ASCII, the detected type's extension."""
    stem = ascii_slug(PurePath(str(name or "").replace("\\", "/")).stem)
    return f"{stem or 'press-file'}.{file_type.extension}"


# ---------------------------------------------------------------------------
# Web renditions


def renditions(data, file_type):
    """{"preview": bytes, "web": bytes} and the renditions' FileType, for an image's bytes.

    Deterministic: the same bytes in give the same bytes out (the demo relies on it).
    """
    with open_image(data, [file_type.pillow_format]) as original:
        image, alpha = oriented_srgb(load(original))
    # Photos stay JPEG; graphics (logos, infographics) stay PNG, transparency kept.
    out = PNG if alpha or file_type is PNG else JPEG
    if out is JPEG and image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    elif out is PNG and image.mode not in ("RGB", "RGBA", "L", "LA"):
        image = image.convert("RGBA" if alpha else "RGB")
    result = {}
    # The web version first, the preview scaled from it (see symbiosis.images.scaled).
    for version, max_width in (("web", WEB_WIDTH), ("preview", PREVIEW_WIDTH)):
        image = scaled(image, rendition_size(image.width, image.height, max_width))
        result[version] = encode(image, "jpeg" if out is JPEG else "png", optimize_png=False)
    return result, out


def _stored_bytes(field_file):
    if not field_file or not field_file.storage.exists(field_file.name):
        return None
    with field_file.storage.open(field_file.name, "rb") as stored:
        return stored.read()


def _replace(field_file, name, content):
    """Store `content` in `field_file` unless those exact bytes are there. True if stored."""
    if content is None:
        if not field_file:
            return False
        field_file.delete(save=False)
        return True
    if _stored_bytes(field_file) == content:
        return False
    if field_file:
        field_file.delete(save=False)
    field_file.save(name, ContentFile(content), save=False)
    return True


def press_asset_process(*, asset):
    """Read the stored file's facts into `asset` and make its web renditions, once.

    Called after the asset (and its file) is saved, from the admin's `save_model`
    and from the demo: never per request. Renditions whose bytes would not change
    are left alone, and the row is saved only when something changed; returns
    whether anything did.
    """
    # From the storage, not the upload the field may still hold (a large one was moved).
    with asset.file.storage.open(asset.file.name, "rb") as stored:
        data = stored.read(MAX_FILE_SIZE + 1)
    facts = inspect_bytes(data, asset.file.name)
    updates = {
        "content_type": facts.type.content_type,
        "file_size": facts.size,
        "width": facts.width,
        "height": facts.height,
    }
    changed = [field for field, value in updates.items() if getattr(asset, field) != value]
    for field in changed:
        setattr(asset, field, updates[field])

    versions, out = renditions(data, facts.type) if facts.is_image else ({}, None)
    stem = PurePath(asset.file.name).stem
    for field, version in (("preview", "preview"), ("web_version", "web")):
        name = f"{stem}-{version}.{out.extension}" if out else ""
        if _replace(getattr(asset, field), name, versions.get(version)):
            changed.append(field)
    if changed:
        asset.save(update_fields=[*changed, "updated"])
    return bool(changed)


def press_asset_delete_files(*, asset):
    """Remove the original and the renditions of an asset that is being deleted."""
    for field in (asset.file, asset.preview, asset.web_version):
        if field and field.storage.exists(field.name):
            field.storage.delete(field.name)
