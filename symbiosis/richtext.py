"""Rich text that is safe to show: sanitised on the server whenever it is saved.

Editors may use headings, paragraphs, lists, emphasis, links, quotes and simple
tables. Everything else (script, style, event handlers, `javascript:` links,
iframes, inline styles) is removed before the text reaches the database.
"""

import nh3
from django.db import models
from django.utils.safestring import mark_safe

ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "strong", "b", "em", "i", "u", "s", "sub", "sup",
    "ul", "ol", "li", "a", "blockquote", "q", "cite", "abbr", "code", "pre", "hr",
    "table", "thead", "tbody", "tr", "th", "td", "caption", "figure", "figcaption",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "hreflang"},
    "abbr": {"title"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    "*": {"lang"},
}
ALLOWED_SCHEMES = {"http", "https", "mailto", "tel"}


def sanitize_html(html):
    """Keep the safe allow-list of tags and attributes; drop everything else."""
    if not html:
        return ""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    ).strip()


class RichTextField(models.TextField):
    """A TextField of HTML that is sanitised on every save, whatever saves it."""

    def pre_save(self, model_instance, add):
        value = sanitize_html(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, value)
        return value

    def clean(self, value, model_instance):
        return super().clean(sanitize_html(value), model_instance)


def render_rich_text(html):
    """Mark stored (already sanitised) rich text safe for a template, sanitising again
    in case it was written around the field (raw SQL, a fixture)."""
    return mark_safe(sanitize_html(html))  # noqa: S308 (sanitised just above)
