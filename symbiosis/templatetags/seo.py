"""Share previews in a page's <head> (symbiosis/seo.py); each app's JSON-LD tags are in
its own library (`partners_seo`, `news_seo`, `site_seo`).

    {% load seo %}
    {% capture as page_title %}{% block title %}{% endblock %}{% endcapture %}
    {% og_locale %}
    {% share_image article.lead_image alt=article.image_alt %}
    {{ partner.summary|meta_description }}  {{ event.description|rich_description }}

Images in previews are renditions of the upload (symbiosis.images: no metadata,
at most 1200 pixels wide), or the default card when the page has none or it cannot
be read. Every address is absolute (SITE_URL, else the request's host).
"""

from django import template
from django.templatetags.static import static
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from symbiosis import seo
from symbiosis.addresses import absolute_url
from symbiosis.bilingual import active_language
from symbiosis.images import picture_for

register = template.Library()


class CaptureNode(template.Node):
    # Blocks inside stay overridable: the template engine finds them through nodelist.
    child_nodelists = ("nodelist",)

    def __init__(self, nodelist, name):
        self.nodelist = nodelist
        self.name = name

    def render(self, context):
        output = self.nodelist.render(context)
        # In the current scope, as `{% url … as name %}` does.
        context[self.name] = mark_safe(output)  # noqa: S308 (rendered, so already escaped)
        return output


@register.tag
def capture(parser, token):
    """`{% capture as name %}…{% endcapture %}`: writes what it holds, and keeps it
    (already escaped) in `name` to write again later in the page."""
    bits = token.split_contents()
    if len(bits) != 3 or bits[1] != "as":
        raise template.TemplateSyntaxError("Use {% capture as name %}…{% endcapture %}")
    nodelist = parser.parse(("endcapture",))
    parser.delete_first_token()
    return CaptureNode(nodelist, bits[2])


@register.filter
def meta_description(text, length=seo.DESCRIPTION_LENGTH):
    """A plain-text field as a page's description: white space folded, cut at a word."""
    return seo.shorten(text, int(length))


@register.filter
def rich_description(text, length=seo.DESCRIPTION_LENGTH):
    """The same from rich text (HTML): tags dropped, entities read."""
    return seo.meta_description(text, int(length))


@register.simple_tag
def og_locale():
    current = active_language()
    others = [locale for code, locale in seo.OG_LOCALES.items() if code != current]
    return format_html(
        '<meta property="og:locale" content="{}">{}',
        seo.OG_LOCALES.get(current, seo.OG_LOCALES["da"]),
        format_html_join(
            "", '\n  <meta property="og:locale:alternate" content="{}">', ((o,) for o in others)
        ),
    )


def rendition_of(request, image):
    """(absolute URL, width, height) of a rendition of `image` for previews, or None
    when there is no image or it cannot be read."""
    found = picture_for(image, [seo.SHARE_IMAGE_WIDTH]) if image else None
    if found is None:
        return None
    rendition = found.best_for(seo.SHARE_IMAGE_WIDTH)
    return absolute_url(request, rendition.fallback), rendition.width, rendition.height


def share_image_of(request, image, alt=""):
    """(absolute URL, width, height, alt) of the image a preview shows: a rendition of
    `image`, else the default card."""
    found = rendition_of(request, image)
    if found is not None:
        return (*found, str(alt or ""))
    card = seo.DEFAULT_CARD
    return (
        absolute_url(request, static(card["path"])),
        card["width"],
        card["height"],
        str(seo.DEFAULT_CARD_ALT),
    )


@register.simple_tag(takes_context=True)
def share_image(context, image=None, *, alt=""):
    """og:image with its size and text, and the same for Twitter's card."""
    url, width, height, text = share_image_of(context.get("request"), image, alt)
    return format_html(
        '<meta property="og:image" content="{url}">\n'
        '  <meta property="og:image:width" content="{width}">\n'
        '  <meta property="og:image:height" content="{height}">\n'
        '  <meta property="og:image:alt" content="{text}">\n'
        '  <meta name="twitter:image" content="{url}">\n'
        '  <meta name="twitter:image:alt" content="{text}">',
        url=url,
        width=width,
        height=height,
        text=text,
    )
