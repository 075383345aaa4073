"""A page the secretariat wrote, with the board or the staff where the page asks for them."""

from django.db.models import Prefetch
from django.views.generic import DetailView

from pages.models import Page
from partners.models import Partner, Person
from symbiosis.preview import StaffPreviewMixin

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


class PageDetailView(StaffPreviewMixin, DetailView):
    preview_permission = PREVIEW_PERMISSION
    template_name = "pages/page_detail.html"
    context_object_name = "page"

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
