"""Links into the admin for a user's lists (the dashboard, notices): what they may see,
and the addresses of a record's change page and of a model's list."""

from django.contrib.admin.utils import quote
from django.urls import reverse


def can_view(user, model):
    opts = model._meta
    return user.has_perm(f"{opts.app_label}.view_{opts.model_name}") or user.has_perm(
        f"{opts.app_label}.change_{opts.model_name}"
    )


def change_url(obj):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[quote(obj.pk)])


def changelist_url(model, query=""):
    opts = model._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    return f"{url}?{query}" if query else url
