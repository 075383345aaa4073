"""Admin for the press room's assets: photos, logos, infographics and documents.

Uploads are checked in the form by the site's one upload policy
(`news.uploads.accept_press_upload`, symbiosis.uploads: the content must be what the
name says, within the size and pixel limits; SVG refused) and stored under a safe
name, an image without its metadata; `save_model` then reads the file's facts and
makes the web renditions once (`press_asset_process`).
"""

from functools import partial

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Case, Value, When
from django.template.defaultfilters import filesizeformat
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from news.models import PressAsset
from news.uploads import (
    ACCEPT,
    MAX_FILE_SIZE,
    accept_press_upload,
    press_asset_delete_files,
    press_asset_process,
    type_for,
)
from symbiosis.admin_filters import missing_english_filter
from symbiosis.images import MAX_MEGAPIXELS, rendition_size
from symbiosis.versions.admin import VersionedAdmin

THUMBNAIL_WIDTH = 96

# The press room's order of kinds (photos first), also in the admin's list.
KIND_ORDER = Case(
    *(When(kind=kind, then=Value(index)) for index, kind in enumerate(PressAsset.Kind.values)),
    default=Value(len(PressAsset.Kind.values)),
)


class PressAssetAdminForm(forms.ModelForm):
    class Meta:
        model = PressAsset
        fields = [
            "kind",
            "file",
            "order",
            "is_public",
            "title_da",
            "caption_da",
            "terms_da",
            "title_en",
            "caption_en",
            "terms_en",
            "credit",
            "licence",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.file_facts = None
        field = self.fields["file"]
        field.widget.attrs["accept"] = ACCEPT
        field.help_text = _(
            "A JPEG, PNG or WebP image, or a PDF document; at most %(size)s and "
            "%(megapixels)s megapixels. SVG is not accepted: upload logos as PNG. The web "
            "versions, size and dimensions are made from the file when you save."
        ) % {"size": filesizeformat(MAX_FILE_SIZE), "megapixels": MAX_MEGAPIXELS}

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if isinstance(upload, UploadedFile):  # a new file, not the one already stored
            upload, self.file_facts = accept_press_upload(upload)
        return upload

    def clean(self):
        cleaned = super().clean()
        if self.file_facts is not None:
            file_type = self.file_facts.type
        elif "file" in self.errors:
            return cleaned
        else:
            file_type = type_for(self.instance.content_type)
        if (
            cleaned.get("kind") == PressAsset.Kind.PHOTO
            and file_type is not None
            and file_type.pillow_format is None
        ):
            self.add_error(
                "file",
                ValidationError(
                    _("A photo must be a JPEG, PNG or WebP image."), code="photo_not_image"
                ),
            )
        return cleaned


@admin.register(PressAsset)
class PressAssetAdmin(VersionedAdmin):
    form = PressAssetAdminForm
    list_display = ["thumbnail", "title_da", "kind", "file_summary", "is_public", "order"]
    list_display_links = ["thumbnail", "title_da"]
    list_editable = ["order"]
    list_filter = ["kind", "is_public", missing_english_filter("title", "caption", "terms")]
    search_fields = ["title_da", "title_en", "caption_da", "caption_en", "credit"]
    ordering = [KIND_ORDER.asc(), "order", "pk"]
    readonly_fields = ["preview_image", "content_type", "size", "dimensions"]
    actions = ["reprocess"]
    fieldsets = [
        (None, {"fields": ["kind", "file", ("order", "is_public")]}),
        (_("Danish"), {"fields": ["title_da", "caption_da", "terms_da"]}),
        (_("English"), {"fields": ["title_en", "caption_en", "terms_en"]}),
        (_("Credit and licence"), {"fields": ["credit", "licence"]}),
        (
            _("Read from the file"),
            {
                "fields": ["preview_image", "content_type", "size", "dimensions"],
                "description": _("Filled in from the file when you save; never typed."),
            },
        ),
    ]

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        # Nothing has been read from a file that is not uploaded yet.
        return fieldsets if obj is not None else fieldsets[:-1]

    @admin.display(description=_("preview"))
    def thumbnail(self, asset):
        if not asset.preview:
            file_type = type_for(asset.content_type)
            return file_type.label if file_type else "–"
        width, height = rendition_size(asset.width, asset.height, THUMBNAIL_WIDTH)
        return format_html(
            '<img src="{}" alt="" width="{}" height="{}" loading="lazy">',
            asset.preview.url,
            width,
            height,
        )

    @admin.display(description=_("preview"))
    def preview_image(self, asset):
        if not asset.preview:
            return _("No preview: made for images when you save.")
        width, height = rendition_size(asset.width, asset.height, 480)
        return format_html(
            '<img src="{}" alt="" width="{}" height="{}">', asset.preview.url, width, height
        )

    @admin.display(description=_("file"))
    def file_summary(self, asset):
        parts = [type_for(asset.content_type).label] if type_for(asset.content_type) else []
        if asset.width and asset.height:
            parts.append(f"{asset.width} × {asset.height} px")
        if asset.file_size is not None:
            parts.append(filesizeformat(asset.file_size))
        return " · ".join(parts) or "–"

    @admin.display(description=_("file size"))
    def size(self, asset):
        return filesizeformat(asset.file_size) if asset.file_size is not None else "–"

    @admin.display(description=_("dimensions"))
    def dimensions(self, asset):
        if not (asset.width and asset.height):
            return "–"
        return f"{asset.width} × {asset.height} px"

    def save_model(self, request, obj, form, change):
        replaced = form.initial.get("file") if change and "file" in form.changed_data else None
        super().save_model(request, obj, form, change)
        if "file" in form.changed_data or not obj.content_type:
            press_asset_process(asset=obj)
        if replaced and replaced.name != obj.file.name:
            storage, name = obj.file.storage, replaced.name
            transaction.on_commit(partial(storage.delete, name))

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        transaction.on_commit(partial(press_asset_delete_files, asset=obj))

    def delete_queryset(self, request, queryset):
        assets = list(queryset)
        super().delete_queryset(request, queryset)
        for asset in assets:
            transaction.on_commit(partial(press_asset_delete_files, asset=asset))

    @admin.action(
        description=_("Read the files again and remake the web versions"), permissions=["change"]
    )
    def reprocess(self, request, queryset):
        changed = 0
        for asset in queryset:
            try:
                changed += press_asset_process(asset=asset)
            except (OSError, ValidationError) as error:
                reason = "; ".join(error.messages) if hasattr(error, "messages") else str(error)
                self.message_user(
                    request,
                    _("“%(title)s” could not be read: %(reason)s")
                    % {"title": asset.title_da, "reason": reason},
                    messages.ERROR,
                )
        self.message_user(
            request,
            ngettext(
                "%(count)d press asset was brought up to date.",
                "%(count)d press assets were brought up to date.",
                changed,
            )
            % {"count": changed},
        )
