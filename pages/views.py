"""A page the secretariat wrote, with the board or the staff where the page asks for them."""

from django.db.models import Prefetch
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.views.generic import DetailView

from pages.models import Page
from partners.models import Partner, Person

PREVIEW_PERMISSION = "pages.change_page"
SECRETARIAT_SLUG = "kalundborg-symbiose"


def secretariat_context():
    """The secretariat (a partner of kind "secretariat") with its public staff: one query."""
    staff = Person.objects.filter(is_public=True).order_by("order", "name")
    secretariat = (
        Partner.objects.filter(slug=SECRETARIAT_SLUG)
        .prefetch_related(Prefetch("people", queryset=staff, to_attr="public_people"))
        .first()
    )
    return {"secretariat": secretariat}


class PageDetailView(DetailView):
    template_name = "pages/page_detail.html"
    context_object_name = "page"

    def can_preview(self):
        return self.request.user.has_perm(PREVIEW_PERMISSION)

    def get_queryset(self):
        return Page.objects.all() if self.can_preview() else Page.objects.published()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = self.object
        context["is_preview"] = not page.is_published
        if page.feature == Page.Feature.BOARD:
            from partners.governance import board_context

            context.update(board_context(self.request))
        elif page.feature == Page.Feature.CONTACT:
            context.update(secretariat_context())
        return context

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if context["is_preview"] or self.can_preview():
            # A draft (or a page as staff see it) must never sit in a shared cache.
            add_never_cache_headers(response)
            patch_cache_control(response, private=True)
        return response
