from django.views.generic import DetailView, ListView

from partners.models import Partner


class PartnerListView(ListView):
    template_name = "partners/partner_list.html"
    context_object_name = "partners"

    def get_queryset(self):
        return Partner.objects.published().order_by("name")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        partners = list(context["partners"])
        # One query, grouped in Python: members, associates, then the rest.
        context["groups"] = [
            (label, [p for p in partners if p.membership == value])
            for value, label in Partner.Membership.choices
            if any(p.membership == value for p in partners)
        ]
        return context


class PartnerDetailView(DetailView):
    template_name = "partners/partner_detail.html"
    context_object_name = "partner"

    def get_queryset(self):
        return Partner.objects.published()
