"""Reading pages the way a visitor (or a screen reader) would."""

from bs4 import BeautifulSoup

__all__ = ["BeautifulSoup", "soup", "text_of"]


def soup(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def text_of(response):
    """The visible text of a page, whitespace collapsed."""
    return " ".join(soup(response).get_text(" ").split())
