"""The press room's uploads: its policy, and the web renditions of its files.

The press room takes what every image field takes (symbiosis.uploads, the site's one
upload policy: JPEG, PNG and WebP recognised by their content, within the size and
pixel limits, SVG refused, stored without EXIF, GPS, XMP or comments) and PDF
documents too (refused when they carry scripts or actions).

`accept_press_upload()` is what the admin form calls; `press_asset_process()` runs once
when an asset is saved through the admin or the demo: it reads the stored file's
type, size and dimensions into the asset and makes the web renditions (a preview
and a 1920-pixel version), re-encoded from pixels.
"""

from pathlib import PurePath

from django.core.files.base import ContentFile

from symbiosis import uploads
from symbiosis.images import encode, load, open_image, oriented_srgb, rendition_size, scaled

# What the rest of the press room reads from here (re-exported).
from symbiosis.uploads import EXTENSIONS as EXTENSIONS
from symbiosis.uploads import IMAGES_AND_PDF, JPEG, PNG
from symbiosis.uploads import MAX_FILE_SIZE as MAX_FILE_SIZE
from symbiosis.uploads import ascii_slug as ascii_slug
from symbiosis.uploads import type_for as type_for

PRESS_FILES = IMAGES_AND_PDF
ACCEPT = uploads.accept_attribute(PRESS_FILES)  # for <input accept>: a hint only
PREVIEW_WIDTH = 480
WEB_WIDTH = 1920


def inspect_bytes(data, name):
    """What a press file really is, or a ValidationError saying why it is refused."""
    return uploads.inspect_bytes(data, name, accept=PRESS_FILES)


def accept_press_upload(upload):
    """The file to store for an upload to the press room and its facts (the one policy,
    symbiosis.uploads.accept_upload, with PDFs allowed)."""
    return uploads.accept_upload(upload, accept=PRESS_FILES, default_name="press-file")


def safe_file_name(name, file_type):
    """The name to store a press file under: no folders, ASCII, the detected extension."""
    return uploads.safe_file_name(name, file_type, "press-file")


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
