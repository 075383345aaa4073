"""`{% load richtext %}` then `{{ article.body|rich_text }}`: stored rich text, shown safely."""

from django import template

from symbiosis.richtext import render_rich_text

register = template.Library()


@register.filter
def rich_text(html):
    """Sanitise (again) and mark safe: the only way rich text reaches a page."""
    return render_rich_text(html)
