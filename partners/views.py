from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, ListView

from partners.forms import PartnerFilterForm
from partners.models import Partner, Person
from partners.vcard import vcard_filename, vcard_for


class PartnerListView(ListView):
    template_name = "partners/partner_list.html"
    context_object_name = "partners"

    def get_queryset(self):
        return Partner.objects.published().order_by("name")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # One query for every published partner; filters and groups are applied in
        # Python so the sector choices come from the same rows.
        everyone = list(context["partners"])
        sectors = sorted({(p.sector_da, str(p.sector)) for p in everyone if p.sector_da})
        form = PartnerFilterForm(self.request.GET, sectors=sectors)
        chosen = form.values
        partners = [
            p
            for p in everyone
            if chosen.get("membership", p.membership) == p.membership
            and chosen.get("kind", p.kind) == p.kind
            and chosen.get("sector", p.sector_da) == p.sector_da
        ]
        context.update(
            partners=partners,
            filter_form=form,
            is_filtered=bool(chosen),
            groups=[
                (label, [p for p in partners if p.membership == value])
                for value, label in Partner.Membership.choices
                if any(p.membership == value for p in partners)
            ],
        )
        return context


class PartnerDetailView(DetailView):
    template_name = "partners/partner_detail.html"
    context_object_name = "partner"

    def get_queryset(self):
        return Partner.objects.published().prefetch_related(
            "former_names", Prefetch("people", queryset=Person.objects.filter(is_public=True))
        )

    def get_context_data(self, **kwargs):
        # Through the reverse relations, so partners need not import exchanges.
        context = super().get_context_data(**kwargs)
        context["flows_out"] = self.object.flows_out.published().select_related(
            "resource", "receiver"
        )
        context["flows_in"] = self.object.flows_in.published().select_related(
            "resource", "supplier"
        )
        return context


def vcard(request, pk):
    """A contact card (vCard 4.0) for a person shown on the site."""
    person = get_object_or_404(Person.objects.published().select_related("organisation"), pk=pk)
    response = HttpResponse(vcard_for(person), content_type="text/vcard; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{vcard_filename(person)}"'
    return response
