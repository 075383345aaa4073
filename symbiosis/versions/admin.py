"""The base of every content admin: the rich-text editor, versions, compare and restore.

History is kept by django-reversion rather than django-simple-history: reversion stores
one *revision* per save with the object, the inlines that were saved with it (a
project's grants, a flow's yearly figures) and its many-to-many links, so a restore
brings the whole edit back in one step, and its admin recovers deleted items. Simple
history keeps one table per model and restores a single row without its relations.
"""

import datetime

from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import re_path, reverse
from django.utils.formats import localize
from django.utils.text import capfirst
from django.utils.timezone import template_localtime
from django.utils.translation import gettext_lazy as _
from django_prose_editor.widgets import AdminProseEditorWidget
from reversion.admin import VersionAdmin
from reversion.models import Version

from symbiosis.richtext import RichTextField

# The editor offers exactly what symbiosis.richtext keeps after sanitising.
EDITOR_CONFIG = {
    "extensions": {
        "Bold": True,
        "Italic": True,
        "Underline": True,
        "Strike": True,
        "Subscript": True,
        "Superscript": True,
        "Heading": {"levels": [2, 3, 4]},
        "BulletList": True,
        "OrderedList": True,
        "ListItem": True,
        "Blockquote": True,
        "HorizontalRule": True,
        "HardBreak": True,
        "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto", "tel"]},
        "Table": True,
        "TableRow": True,
        "TableHeader": True,
        "TableCell": True,
        "History": True,
        "HTML": True,
        "SpecialCharacters": True,
    }
}


class VersionedAdmin(VersionAdmin):
    """Admin for public content: every save is a version (who, when, what), with
    history, compare, restore and "recover deleted" in the admin."""

    history_latest_first = True
    formfield_overrides = {
        RichTextField: {
            "widget": AdminProseEditorWidget(config=EDITOR_CONFIG, preset="configurable")
        },
    }

    def get_urls(self):
        opts = self.model._meta
        compare = re_path(
            r"^([^/]+)/history/(\d+)/compare/$",
            self.admin_site.admin_view(self.compare_view),
            name=f"{opts.app_label}_{opts.model_name}_compare",
        )
        return [compare, *super().get_urls()]

    def delete_view(self, request, object_id, extra_context=None):
        # The deletion is a revision of its own, with who deleted (see
        # symbiosis.versions.deletions.keep_before_delete), so the item can be recovered.
        with self.create_revision(request):
            return super().delete_view(request, object_id, extra_context)

    def compare_view(self, request, object_id, version_id):
        """An earlier version beside the current one, field by field, with a button to
        restore it (reversion's own revert form)."""
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        version = get_object_or_404(Version.objects.get_for_object(obj), pk=version_id)
        opts = self.model._meta
        context = {
            **self.admin_site.each_context(request),
            "opts": opts,
            "original": obj,
            "object_id": object_id,
            "version": version,
            "rows": compare_rows(obj, version),
            "related": compare_related(obj, version),
            "restore_url": reverse(
                f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_revision",
                args=(quote(obj.pk), version.pk),
            ),
            "can_restore": self.has_change_permission(request, obj),
            "title": _("Compare with the version of %(moment)s")
            % {"moment": localize(template_localtime(version.revision.date_created))},
        }
        return TemplateResponse(request, "admin/symbiosis/compare.html", context)


def _display(field, value):
    """A stored value as staff read it: choice labels, names of related rows, yes/no."""
    if value in (None, ""):
        return "—"
    if field.many_to_many:
        related = field.related_model._default_manager.filter(pk__in=value)
        return ", ".join(sorted(str(o) for o in related)) or "—"
    if field.is_relation:
        related = field.related_model._default_manager.filter(pk=value).first()
        return str(related) if related is not None else _("(deleted: %(pk)s)") % {"pk": value}
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, datetime.datetime):
        return localize(template_localtime(value))
    return localize(value)


def _current_value(obj, field):
    if field.many_to_many:
        return sorted(o.pk for o in getattr(obj, field.name).all())
    return field.value_from_object(obj) if not field.is_relation else getattr(obj, field.attname)


def compare_rows(obj, version):
    """One row per editable field: the version's value, today's value, and whether
    they differ."""
    old = version.field_dict
    rows = []
    for field in obj._meta.get_fields():
        if not getattr(field, "editable", False) or field.auto_created or not field.concrete:
            continue
        if field.name not in old and getattr(field, "attname", None) not in old:
            continue
        before = old.get(field.name, old.get(getattr(field, "attname", field.name)))
        now = _current_value(obj, field)
        if field.many_to_many:
            before = sorted(before or [])
        label = capfirst(field.verbose_name)
        language = {"_da": _("Danish"), "_en": _("English")}.get(field.name[-3:])
        if language and "(" not in label:
            label = f"{label} ({str(language).lower()})"
        rows.append(
            {
                "label": label,
                "before": _display(field, before),
                "now": _display(field, now),
                "changed": before != now,
            }
        )
    return rows


def compare_related(obj, version):
    """Rows saved together with the object (a project's grants, a flow's figures):
    which there were then, and which there are now."""
    groups = {}
    for other in version.revision.version_set.exclude(pk=version.pk).select_related("content_type"):
        model = other.content_type.model_class()
        if model is None:
            continue
        groups.setdefault(model, {"then": [], "now": []})["then"].append(other.object_repr)
    for model, group in groups.items():
        for relation in obj._meta.related_objects:
            if relation.related_model is model and not relation.many_to_many:
                group["now"] = [str(o) for o in getattr(obj, relation.get_accessor_name()).all()]
        group["label"] = capfirst(model._meta.verbose_name_plural)
        group["then"].sort()
        group["now"].sort()
        group["changed"] = group["then"] != group["now"]
    return list(groups.values())
