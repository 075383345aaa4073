"""The pages' part of the admin dashboard: drafts waiting."""

from django.utils.text import capfirst

from pages.models import Page
from symbiosis.admin_links import can_view, change_url
from symbiosis.registry import dashboard_waiting


@dashboard_waiting.register("pages")
def waiting_pages(user):
    if not can_view(user, Page):
        return []
    return [
        {
            "object": page,
            "model": capfirst(Page._meta.verbose_name),
            "url": change_url(page),
            "kind": page.get_status_display(),
            "scheduled": None,
        }
        for page in Page.objects.filter(status=Page.Status.DRAFT).order_by("-updated")[:20]
    ]
