"""`{% load partners_seo %}{% partner_json_ld partner %}`: a partner as JSON-LD."""

from django import template

from partners.seo import partner_organization
from symbiosis.seo import json_ld_script
from symbiosis.templatetags.seo import rendition_of

register = template.Library()


@register.simple_tag(takes_context=True)
def partner_json_ld(context, partner):
    request = context.get("request")
    logo = rendition_of(request, partner.logo)
    return json_ld_script(partner_organization(request, partner, logo_url=logo[0] if logo else ""))
