"""The history's milestones in the site search (collected by search's autodiscovery)."""

from django.utils.translation import gettext_lazy as _

from search.documents import fields, join, register
from search.text import plain_text
from timeline.models import Milestone


@register("milestone", _("History"), order=100, model=Milestone)
def milestone_entry(milestone, _context):
    return fields(
        milestone,
        title_da=f"{milestone.year}: {milestone.title_da}",
        title_en=f"{milestone.year}: {milestone.title_en}" if milestone.title_en else "",
        text_da=join(plain_text(milestone.text_da)),
        text_en=join(plain_text(milestone.text_en)),
        url=("timeline:index", {}, f"#{milestone.anchor}"),
        is_public=milestone.is_public,
    )
