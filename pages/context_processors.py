from django.utils.functional import SimpleLazyObject

from pages.models import Page


class Navigation:
    """The staff's pages in the main menu and in the footer: one query, only when a
    template asks."""

    def __init__(self):
        pages = list(Page.objects.in_navigation())
        self.main = [p for p in pages if p.navigation == Page.Navigation.MAIN]
        self.footer = [p for p in pages if p.navigation == Page.Navigation.FOOTER]


def navigation(request):
    return {"site_navigation": SimpleLazyObject(Navigation)}
