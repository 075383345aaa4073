"""`{% load site_seo %}{% partnership_json_ld press_contacts=True %}` on the front page."""

from django import template

from partners.models import Person
from symbiosis.seo import json_ld_script, partnership

register = template.Library()


@register.simple_tag(takes_context=True)
def partnership_json_ld(context, *, press_contacts=False):
    """The partnership as an Organization; with `press_contacts`, its press contacts as
    ContactPoints (one query: meant for the front page, not every page)."""
    contacts = Person.objects.press_contacts() if press_contacts else ()
    return json_ld_script(partnership(context.get("request"), contacts=contacts))
