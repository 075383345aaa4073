"""Hits as shown: title and snippet in the visitor's language, matched words in <mark>.

Built here, in Python, from the entry's plain text: every piece of text is escaped
and only our own <mark> tags are added, so neither the content nor what the visitor
typed can put markup on the page (ts_headline's output is never used).
"""

import re
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from search.text import fold, stem

TOKEN = re.compile(r"[^\W_]+")
SNIPPET_WORDS = 30
BEFORE_MATCH = 10


@dataclass
class Hit:
    entry: object
    url: str
    title: SafeString
    title_lang: str | None  # set when the title is not in the page's language
    snippet: SafeString
    snippet_lang: str | None


class Matcher:
    """Does a word of a text in `language` match one of the query's words?"""

    def __init__(self, query):
        self.exact, self.prefixes = set(), set()
        for index, word in enumerate(query.words):
            target = self.prefixes if index == len(query.words) - 1 else self.exact
            target |= query.stems(word)

    def __call__(self, token, language):
        for word in fold(token).split():
            s = stem(word, language)
            if s is not None and (s in self.exact or s.startswith(tuple(self.prefixes))):
                return True
        return False


def mark(text, language, matcher, *, limit=None):
    """(html, matched): `text` escaped, matches marked; with `limit`, about that many
    words around the first match (or from the start when nothing matches)."""
    tokens = list(TOKEN.finditer(text))
    matches = [i for i, t in enumerate(tokens) if matcher(t.group(), language)]
    start, end = 0, len(tokens)
    if limit is not None and len(tokens) > limit:
        start = max(0, min(matches[0] - BEFORE_MATCH, len(tokens) - limit)) if matches else 0
        end = start + limit
    if not tokens:
        return escape(text), False
    begin = tokens[start].start() if start else 0
    finish = tokens[end - 1].end() if end < len(tokens) else len(text)
    parts = ["… "] if start else []
    position = begin
    for i in matches:
        if not start <= i < end:
            continue
        token = tokens[i]
        parts += [escape(text[position : token.start()]), "<mark>", escape(token.group())]
        parts.append("</mark>")
        position = token.end()
    parts.append(escape(text[position:finish]))
    if end < len(tokens):
        parts.append(" …")
    # Every piece above is escaped text or one of our own <mark> tags.
    return mark_safe("".join(parts)), bool(matches)  # noqa: S308


def hit(entry, matcher, language):
    other = "da" if language == "en" else "en"
    title = entry.title  # the page's language, or the Danish fallback
    title_html, _found = mark(str(title), title.lang, matcher)
    # The snippet from the page's language when the match is there, else from the
    # other language's text (marked as such), else the start of the page's text.
    candidates = [(language, getattr(entry, f"text_{language}"))]
    candidates.append((other, getattr(entry, f"text_{other}")))
    snippet, snippet_lang = None, language
    for lang, text in candidates:
        if text:
            html, found = mark(text, lang, matcher, limit=SNIPPET_WORDS)
            if found:
                snippet, snippet_lang = html, lang
                break
    if snippet is None:
        text = entry.text
        snippet, _found = mark(str(text), text.lang, matcher, limit=SNIPPET_WORDS)
        snippet_lang = text.lang
    return Hit(
        entry=entry,
        url=entry.get_absolute_url(),
        title=title_html,
        title_lang=title.lang if title.lang != language else None,
        snippet=snippet,
        snippet_lang=snippet_lang if snippet_lang != language else None,
    )
