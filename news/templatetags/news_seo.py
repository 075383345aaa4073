"""`{% load news_seo %}`: articles, events and speakers as JSON-LD on their pages."""

from django import template

from news import seo
from symbiosis.seo import json_ld_script
from symbiosis.templatetags.seo import rendition_of, share_image_of

register = template.Library()


@register.simple_tag(takes_context=True)
def article_json_ld(context, article):
    request = context.get("request")
    image_url = share_image_of(request, article.lead_image)[0]
    return json_ld_script(seo.news_article(request, article, image_url=image_url))


@register.simple_tag(takes_context=True)
def event_json_ld(context, event):
    request = context.get("request")
    image_url = share_image_of(request, event.image)[0]
    return json_ld_script(seo.event(request, event, image_url=image_url))


@register.simple_tag(takes_context=True)
def speaker_json_ld(context, speaker):
    request = context.get("request")
    photo = rendition_of(request, speaker.photo)
    return json_ld_script(seo.speaker_person(request, speaker, image_url=photo[0] if photo else ""))
