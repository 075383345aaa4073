"""Template helpers that mark text shown in Danish on an English page."""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from symbiosis.bilingual import active_language

register = template.Library()


@register.simple_tag
def lang_attr(text):
    """` lang="da"` when `text` fell back to Danish; nothing otherwise.

    Put it on the element holding the text: `<h1{% lang_attr page.title %}>`.
    """
    if getattr(text, "is_fallback", False):
        return format_html(' lang="{}" data-fallback', text.lang)
    return ""


@register.simple_tag
def fallback_note(text):
    """A small visible note when `text` is shown in Danish because English is missing."""
    if getattr(text, "is_fallback", False):
        return format_html(
            ' <span class="fallback-note" lang="{}">{}</span>',
            active_language(),
            _("Not yet translated: shown in Danish"),
        )
    return ""
