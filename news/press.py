"""The press room: photos, logos, infographics and documents, the whole kit as one ZIP,
the press contacts and the latest press releases.

Only published assets (`PressAsset.objects.published()`) are listed, zipped or
downloaded. Everything shown about a file (type, size, dimensions, renditions) was
read from it when it was saved (`news.uploads.press_asset_process`): a request never
opens an image. Downloads and the ZIP carry readable file names and answer
conditional requests (ETag and Last-Modified) with 304.

The ZIP is built once, not per request: saving or deleting an asset enqueues
`build_press_kits` after the commit (news/apps.py), and the worker stores a kit per
language under press/kit/<language>/, named by a hash of what it holds, written under
a temporary name and moved into place whole; older kits are deleted then. A request
serves the stored file with its SHA-256 as a strong ETag. When the kit for the
current assets is not there yet (the worker has not run, or no SITE_URL tells it the
address a request sees), the request builds it once itself, under a lock in the
cache, while others wait for it (docs/security.md).
"""

import hashlib
import json
import os
import tempfile
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePath

from django.conf import settings
from django.core.cache import cache
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.tasks import task
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, quote_etag
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe
from django.views.generic import TemplateView

from news.models import Article, PressAsset
from news.uploads import (
    EXTENSIONS,
    PREVIEW_WIDTH,
    WEB_WIDTH,
    ascii_slug,
    type_for,
)
from partners.models import Person
from symbiosis.addresses import absolute_url
from symbiosis.bilingual import active_language, localized
from symbiosis.images import rendition_size

Kind = PressAsset.Kind

# Section headings, and the folders of the ZIP (English, like the file names: one
# kit whatever the language).
KINDS = {
    Kind.PHOTO: (gettext_lazy("Photos"), "photos"),
    Kind.LOGO: (gettext_lazy("Logos"), "logos"),
    Kind.INFOGRAPHIC: (gettext_lazy("Infographics"), "infographics"),
    Kind.GUIDELINES: (gettext_lazy("Design guidelines"), "design-guidelines"),
    Kind.OTHER: (gettext_lazy("Other documents"), "documents"),
}
FILE_PREFIX = "kalundborg-symbiose"
VERSIONS = ("original", "web")
# Files change only when the secretariat edits; an hour, then revalidate.
MAX_AGE = 60 * 60
# Previews near the top load at once; the rest when scrolled to.
EAGER_PREVIEWS = 3
LATEST_RELEASES = 5
# Kits are stored here, one folder per language (news.press.build_kit).
KIT_FOLDER = "press/kit"
# A request that finds no kit built waits this long for another one building it.
KIT_WAIT_SECONDS = 30
KIT_POLL_SECONDS = 0.25
KIT_LOCK_SECONDS = 5 * 60
# Already compressed: stored as they are in the ZIP.
STORED_TYPES = {"image/jpeg", "image/png", "image/webp"}


def published_assets():
    """The published assets, in the press room's order: kind, then the order number."""
    assets = PressAsset.objects.published().order_by("order", "pk")
    by_kind = {kind: [] for kind in Kind.values}
    for asset in assets:
        by_kind.setdefault(asset.kind, []).append(asset)
    return [asset for kind in by_kind for asset in by_kind[kind]]


def base_name(asset):
    """A readable file name without extension: kalundborg-symbiose-asnaes-power-station."""
    slug = ascii_slug(asset.title_da) or f"press-{asset.pk}"
    return slug if slug.startswith(FILE_PREFIX) else f"{FILE_PREFIX}-{slug}"


def version_type(asset, version):
    """The FileType of one version of an asset (None when it has no such version)."""
    stored = asset.file if version == "original" else asset.web_version
    if not stored:
        return None
    # The type read from the file; for a file not processed yet, its (safe) extension.
    named = EXTENSIONS.get(PurePath(stored.name).suffix.lower().lstrip("."))
    return (type_for(asset.content_type) or named) if version == "original" else named


def download_name(asset, version):
    file_type = version_type(asset, version)
    suffix = "-web" if version == "web" else ""
    return f"{base_name(asset)}{suffix}.{file_type.extension}"


# ---------------------------------------------------------------------------
# The page


@dataclass
class Download:
    version: str
    url: str
    type_label: str
    width: int | None
    height: int | None
    size: int | None


@dataclass
class Card:
    asset: PressAsset
    eager: bool
    preview_width: int | None = None
    preview_height: int | None = None
    downloads: list[Download] = field(default_factory=list)


def _size_key(asset):
    return f"news:press:size:{asset.web_version.name}:{asset.updated.timestamp()}"


def web_sizes(assets):
    """{asset pk: size in bytes} of the web versions: asked of the storage once per file
    version and remembered in the cache, since the model keeps only the original's size."""
    keys = {_size_key(a): a for a in assets if a.web_version}
    sizes = cache.get_many(list(keys))
    missing = {}
    for key, asset in keys.items():
        if key not in sizes:
            try:
                missing[key] = asset.web_version.size
            except OSError:
                missing[key] = None
    if missing:
        cache.set_many(missing, timeout=None)
    sizes.update(missing)
    return {asset.pk: sizes.get(key) for key, asset in keys.items()}


def cards_for(assets):
    sizes = web_sizes(assets)
    cards = []
    for index, asset in enumerate(assets):
        card = Card(asset=asset, eager=index < EAGER_PREVIEWS)
        if asset.preview:
            card.preview_width, card.preview_height = rendition_size(
                asset.width, asset.height, PREVIEW_WIDTH
            )
        original = version_type(asset, "original")
        card.downloads.append(
            Download(
                version="original",
                url=reverse("news:press-download", kwargs={"pk": asset.pk, "version": "original"}),
                type_label=original.label if original else "",
                width=asset.width,
                height=asset.height,
                size=asset.file_size,
            )
        )
        web = version_type(asset, "web")
        if web is not None:
            width, height = rendition_size(asset.width, asset.height, WEB_WIDTH)
            card.downloads.append(
                Download(
                    version="web",
                    url=reverse("news:press-download", kwargs={"pk": asset.pk, "version": "web"}),
                    type_label=web.label,
                    width=width,
                    height=height,
                    size=sizes.get(asset.pk),
                )
            )
        cards.append(card)
    return cards


class PressRoomView(TemplateView):
    """Three queries whatever the number of assets, contacts and releases."""

    template_name = "news/press_room.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        assets = published_assets()
        cards = cards_for(assets)
        context["groups"] = [
            {
                "kind": kind,
                "heading": heading,
                "anchor": folder,
                "cards": [c for c in cards if c.asset.kind == kind],
            }
            for kind, (heading, folder) in KINDS.items()
            if any(c.asset.kind == kind for c in cards)
        ]
        context["kit"] = {
            "count": len(assets),
            # The ZIP stores images as they are: about the sum of the originals.
            "size": sum(a.file_size or 0 for a in assets),
        }
        context["press_contacts"] = list(
            Person.objects.press_contacts().select_related("organisation")
        )
        context["press_releases"] = list(
            Article.objects.published().press_releases()[:LATEST_RELEASES]
        )
        return context


# ---------------------------------------------------------------------------
# Files


def _cacheable(response, etag, last_modified):
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    # Press material is there to be reused: other sites may embed or fetch it.
    response["Cross-Origin-Resource-Policy"] = "cross-origin"
    patch_cache_control(response, public=True, max_age=MAX_AGE)
    return response


def _etag(*parts):
    return quote_etag(hashlib.sha256(json.dumps(parts).encode()).hexdigest()[:40])


@require_safe
def download(request, pk, version):
    """One file of a published asset: the original as uploaded, or the web version."""
    if version not in VERSIONS:
        raise Http404
    asset = get_object_or_404(PressAsset.objects.published(), pk=pk)
    file_type = version_type(asset, version)
    stored = asset.file if version == "original" else asset.web_version
    if file_type is None or not stored:
        raise Http404
    etag = _etag(asset.pk, version, stored.name, asset.updated.isoformat())
    last_modified = int(asset.updated.timestamp())
    response = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if response is None:
        try:
            handle = stored.storage.open(stored.name, "rb")
        except FileNotFoundError:
            raise Http404 from None
        response = FileResponse(
            handle,
            as_attachment=True,
            filename=download_name(asset, version),
            content_type=file_type.content_type,
        )
    return _cacheable(response, etag, last_modified)


def kit_entries(assets):
    """(name in the ZIP, asset) for every asset: photos/kalundborg-symbiose-asnaes.jpg…"""
    entries, taken = [], set()
    for asset in assets:
        file_type = version_type(asset, "original")
        if file_type is None:
            continue
        folder = KINDS.get(asset.kind, KINDS[Kind.OTHER])[1]
        stem, number = f"{folder}/{base_name(asset)}", 1
        name = f"{stem}.{file_type.extension}"
        while name in taken:
            number += 1
            name = f"{stem}-{number}.{file_type.extension}"
        taken.add(name)
        entries.append((name, asset))
    return entries


def _zip_time(moment):
    """A ZIP timestamp (local time, even seconds, not before 1980) for `moment`."""
    local = timezone.localtime(moment)
    return max(
        (local.year, local.month, local.day, local.hour, local.minute, local.second),
        (1980, 1, 1, 0, 0, 0),
    )


def _zip_info(name, moment, compress):
    # Everything in the header fixed by the data: the same assets give the same bytes.
    info = zipfile.ZipInfo(name, date_time=_zip_time(moment))
    info.compress_type = compress
    info.create_system = 3  # Unix, so the permissions below are read
    info.external_attr = 0o100644 << 16
    return info


def readme(entries, press_room_url):
    """A text file for the kit: each file with its caption, credit, licence and terms."""
    lines = [
        _("Kalundborg Symbiosis: press kit"),
        "",
        _("Credit the photographer or creator as stated with each file."),
        _("Press room: %(url)s") % {"url": press_room_url},
        "",
    ]
    for name, asset in entries:
        lines += [name, f"  {localized(asset, 'title')}"]
        if caption := localized(asset, "caption"):
            lines.append(f"  {' '.join(caption.split())}")
        if asset.credit:
            lines.append("  " + _("Credit: %(credit)s") % {"credit": asset.credit})
        if asset.licence:
            lines.append("  " + _("Licence: %(licence)s") % {"licence": asset.licence})
        if terms := localized(asset, "terms"):
            lines.append("  " + _("Terms of use: %(terms)s") % {"terms": " ".join(terms.split())})
        lines.append("")
    return "\n".join(lines).encode()


def build_press_kit(entries, press_room_url, target):
    """Write the ZIP of `entries` into the binary file `target`. Deterministic."""
    latest = max(asset.updated for _name, asset in entries)
    with zipfile.ZipFile(target, "w") as kit:
        for name, asset in entries:
            compress = (
                zipfile.ZIP_STORED if asset.content_type in STORED_TYPES else zipfile.ZIP_DEFLATED
            )
            with (
                asset.file.storage.open(asset.file.name, "rb") as source,
                kit.open(_zip_info(name, asset.updated, compress), "w") as entry,
            ):
                while chunk := source.read(1024 * 1024):
                    entry.write(chunk)
        kit.writestr(
            _zip_info("README.txt", latest, zipfile.ZIP_DEFLATED),
            readme(entries, press_room_url),
        )


# ---------------------------------------------------------------------------
# The kit, built once and kept


def kit_download_name():
    """The name the kit is downloaded under, in the active language: the one place for it."""
    # Translators: part of a file name: lower case ASCII letters and hyphens only.
    kit_name = _("press-kit")
    return f"{FILE_PREFIX}-{kit_name}.zip"


@dataclass(frozen=True)
class StoredKit:
    name: str  # in the default storage
    etag: str  # strong: the SHA-256 of the file
    size: int


def kit_storage_name(entries, language, press_room_url):
    """press/kit/<language>/<download name>-<hash of what goes in>.zip: a kit of the same
    files, changes, language and press room address always has the same name."""
    versions = [(a.pk, a.file.name, a.updated.isoformat()) for _name, a in entries]
    parts = json.dumps(["kit", language, press_room_url, versions])
    digest = hashlib.sha256(parts.encode()).hexdigest()[:24]
    stem = kit_download_name().removesuffix(".zip")
    return f"{KIT_FOLDER}/{language}/{stem}-{digest}.zip"


def _kit_key(name):
    return f"news:press:kit:{name}"


def _file_hash(handle):
    digest = hashlib.sha256()
    while chunk := handle.read(1024 * 1024):
        digest.update(chunk)
    return digest.hexdigest()


def stored_kit(name):
    """The kit stored under `name` (its hash remembered in the cache), or None."""
    known = cache.get(_kit_key(name))
    if known is not None:
        return StoredKit(name, *known)
    if not default_storage.exists(name):
        return None
    with default_storage.open(name, "rb") as handle:
        kit = StoredKit(name, quote_etag(_file_hash(handle)), default_storage.size(name))
    cache.set(_kit_key(name), (kit.etag, kit.size), None)
    return kit


def _store_atomically(name, write):
    """Write the file with `write(binary file)` under a temporary name, then put it at
    `name` in one step, so no reader ever finds half of it: on the local disk by a
    rename in the same folder, in object storage by one upload. Returns its SHA-256."""
    try:
        final = Path(default_storage.path(name))
    except NotImplementedError:
        final = None
    if final is None:
        with tempfile.TemporaryFile() as target:
            write(target)
            target.seek(0)
            digest = _file_hash(target)
            target.seek(0)
            if not default_storage.exists(name):
                saved = default_storage.save(name, File(target))
                if saved != name:  # another builder stored the same kit meanwhile
                    default_storage.delete(saved)
        return digest
    final.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=final.parent, prefix=".building-", suffix=".zip")
    try:
        with os.fdopen(handle, "w+b") as target:
            write(target)
            target.flush()
            os.fsync(target.fileno())
            target.seek(0)
            digest = _file_hash(target)
        os.chmod(temporary, default_storage.file_permissions_mode or 0o644)
        os.replace(temporary, final)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return digest


def delete_old_kits(language, keep=None):
    """Every stored kit of `language` but `keep`, and builders' leftovers over an hour old."""
    folder = f"{KIT_FOLDER}/{language}"
    try:
        names = default_storage.listdir(folder)[1]
    except FileNotFoundError:
        return
    for name in names:
        path = f"{folder}/{name}"
        if path == keep:
            continue
        if name.startswith("."):  # another builder's file being written
            age = timezone.now() - default_storage.get_modified_time(path)
            if age.total_seconds() < 60 * 60:
                continue
        default_storage.delete(path)
        cache.delete(_kit_key(path))


def build_kit(entries, language, press_room_url):
    """Build the kit of `entries`, store it and delete the older ones of its language."""
    name = kit_storage_name(entries, language, press_room_url)
    digest = _store_atomically(
        name, lambda target: build_press_kit(entries, press_room_url, target)
    )
    kit = StoredKit(name, quote_etag(digest), default_storage.size(name))
    cache.set(_kit_key(name), (kit.etag, kit.size), None)
    delete_old_kits(language, keep=name)
    return kit


def current_kit(entries, language, press_room_url):
    """The stored kit of `entries`; built now when the worker has not built it yet (the
    first request after a change, or the worker not running). One request builds it
    while others wait for it, up to KIT_WAIT_SECONDS; after that they build it too."""
    name = kit_storage_name(entries, language, press_room_url)
    if kit := stored_kit(name):
        return kit
    lock = f"{_kit_key(name)}:building"
    waited = 0.0
    while not cache.add(lock, 1, KIT_LOCK_SECONDS) and waited < KIT_WAIT_SECONDS:
        time.sleep(KIT_POLL_SECONDS)
        waited += KIT_POLL_SECONDS
        if kit := stored_kit(name):
            return kit
    try:
        return stored_kit(name) or build_kit(entries, language, press_room_url)
    finally:
        cache.delete(lock)


@task
def build_press_kits():
    """The kit in every language, after press assets changed (the worker runs this)."""
    built = []
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            entries = kit_entries(published_assets())
            if not entries:
                delete_old_kits(language)
                continue
            # SITE_URL's press room: a request without it builds its host's kit itself.
            press_room_url = absolute_url(None, reverse("news:press"))
            built.append(current_kit(entries, language, press_room_url).name)
    return built


def press_assets_changed(**kwargs):
    """post_save / post_delete of a press asset (news/apps.py): the worker builds the
    kits again once the change is committed."""
    transaction.on_commit(build_press_kits.enqueue)


@require_safe
def press_kit(request):
    """Every published asset's original file in one ZIP, with a README of credits: the
    stored kit (built when assets change), with its hash as a strong ETag."""
    entries = kit_entries(published_assets())
    if not entries:
        raise Http404
    language = active_language()
    press_room_url = absolute_url(request, reverse("news:press"))
    last_modified = int(max(a.updated for _n, a in entries).timestamp())
    for _attempt in range(2):
        try:
            kit = current_kit(entries, language, press_room_url)
        except FileNotFoundError:  # an asset's file is missing from the storage
            raise Http404 from None
        response = get_conditional_response(request, etag=kit.etag, last_modified=last_modified)
        if response is not None:
            return _cacheable(response, kit.etag, last_modified)
        try:
            handle = default_storage.open(kit.name, "rb")
        except FileNotFoundError:  # deleted since (a newer kit was built): look again
            cache.delete(_kit_key(kit.name))
            continue
        response = FileResponse(
            handle,
            as_attachment=True,
            filename=kit_download_name(),
            content_type="application/zip",
        )
        return _cacheable(response, kit.etag, last_modified)
    raise Http404
