"""Reading pages the way a visitor (or a screen reader) would."""

from bs4 import BeautifulSoup


def soup(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def text_of(response):
    """The visible text of a page, whitespace collapsed."""
    return " ".join(soup(response).get_text(" ").split())
