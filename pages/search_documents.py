"""Pages in the site search (collected by search's autodiscovery)."""

from django.utils.translation import gettext_lazy as _

from pages.models import Page
from search.documents import fields, join, register
from search.text import plain_text


@register("page", _("Pages"), order=60, model=Page)
def page_entry(page, _context):
    return fields(
        page,
        title_da=page.title_da,
        title_en=page.title_en,
        text_da=join(page.lead_da, plain_text(page.body_da)),
        text_en=join(page.lead_en, plain_text(page.body_en)),
        url=("pages:detail", {"slug": page.slug}),
        is_public=page.status == Page.Status.PUBLISHED,
    )
