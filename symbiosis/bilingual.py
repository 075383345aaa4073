"""Bilingual content: explicit `<field>_da` / `<field>_en` columns.

Danish is required and English optional. `Bilingual("title")` on a model gives
`obj.title`: the active language's text, or the Danish text when English is
missing. The value is a `str` that knows which language it is in, so templates
can mark a fallback with `lang="da"` and a visible note (see the
`bilingual` template tags).
"""

from django.utils.translation import get_language

FALLBACK_LANGUAGE = "da"


class LocalizedText(str):
    """Text plus the language it is written in."""

    lang: str
    is_fallback: bool

    def __new__(cls, text, *, lang, is_fallback):
        obj = super().__new__(cls, text)
        obj.lang = lang
        obj.is_fallback = is_fallback
        return obj


def active_language():
    return (get_language() or FALLBACK_LANGUAGE).split("-")[0]


def localized(obj, field, language=None):
    """The text of `field` in `language` (default: active), falling back to Danish."""
    language = language or active_language()
    text = getattr(obj, f"{field}_{language}", "") or ""
    if text.strip() or language == FALLBACK_LANGUAGE:
        return LocalizedText(text, lang=language, is_fallback=False)
    return LocalizedText(
        getattr(obj, f"{field}_{FALLBACK_LANGUAGE}", "") or "",
        lang=FALLBACK_LANGUAGE,
        is_fallback=True,
    )


class Bilingual:
    """Descriptor: `title = Bilingual("title")` reads `title_da` / `title_en`."""

    def __init__(self, field):
        self.field = field

    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        return localized(obj, self.field)


def missing_english(obj, fields):
    """Names of `fields` that have Danish text but no English text."""
    return [
        f
        for f in fields
        if (getattr(obj, f"{f}_da", "") or "").strip()
        and not (getattr(obj, f"{f}_en", "") or "").strip()
    ]
