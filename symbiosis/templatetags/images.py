"""`{% picture %}`: an uploaded image as `<picture>` with WebP and JPEG/PNG `srcset`.

    {% load images %}
    {% picture partner.logo alt="" width=160 height=80 %}
    {% picture article.lead_image alt=article.image_alt width=960 widths="480 960 1440"
       sizes="(min-width: 62rem) 46rem, 100vw" lazy=False %}

`width` (and `height`, when the image must fit a box) is the size shown, in CSS
pixels: the `<img>` gets the width and height of that size in the image's own
proportions, so nothing moves when it arrives. `widths` are the renditions offered
(default: `width` and twice `width`, never wider than the original). Images below
the fold load lazily (the default); pass `lazy=False` (or `eager=True`) for the first
images of a page.
"""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from symbiosis.images import picture_for
from symbiosis.templatetags.bilingual import lang_attr

register = template.Library()


def _shown_size(picture_width, picture_height, width, height):
    """The original's proportions scaled to fit `width` (and `height`, when given), never
    larger than the original (a small image is not blown up)."""
    scale = min(1.0, width / picture_width)
    if height:
        scale = min(scale, height / picture_height)
    return max(1, round(picture_width * scale)), max(1, round(picture_height * scale))


@register.simple_tag
def picture(
    image,
    *,
    alt="",
    width,
    height=None,
    widths="",
    sizes="",
    lazy=True,
    eager=False,
    css_class="",
    original_is_fallback=False,
):
    if not image:
        return ""
    width, height = int(width), int(height) if height else None
    offered = [int(w) for w in str(widths).split()] if widths else [width, width * 2]
    sizes = sizes or f"{width}px"
    loading = mark_safe(' loading="lazy"') if lazy and not eager else ""
    css = format_html(' class="{}"', css_class) if css_class else ""
    found = picture_for(image, offered)
    if found is None:
        # Not readable as an image: the original as it is, in the box asked for.
        return format_html(
            '<img src="{}" alt="{}"{}{} width="{}" height="{}"{} decoding="async">',
            image.url,
            alt,
            lang_attr(alt),
            css,
            width,
            height or width,
            loading,
        )
    shown_width, shown_height = _shown_size(found.width, found.height, width, height)
    src, fallback_srcset = found.best_for(width).fallback, found.srcset("fallback")
    if original_is_fallback:
        # The original is itself a clean rendition (the press room's preview): browsers
        # without WebP get it as it is.
        src = image.url
        fallback_srcset = ", ".join(
            f"{image.url if r.width == found.width else r.fallback} {r.width}w"
            for r in found.renditions
        )
    return format_html(
        '<picture><source type="image/webp" srcset="{}" sizes="{}">'
        '<img src="{}" srcset="{}" sizes="{}" alt="{}"{}{} width="{}" height="{}"{} '
        'decoding="async"></picture>',
        found.srcset("webp"),
        sizes,
        src,
        fallback_srcset,
        sizes,
        alt,
        lang_attr(alt),
        css,
        shown_width,
        shown_height,
        loading,
    )
