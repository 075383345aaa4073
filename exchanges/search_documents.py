"""Flows and resources in the site search (collected by search's autodiscovery)."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from exchanges.models import Category, Flow, Resource
from partners.models import Partner
from search.documents import depends_on, fields, in_language, join, register


@register(
    "flow",
    _("Flows"),
    order=20,
    model=Flow,
    queryset=lambda: Flow.objects.select_related("supplier", "receiver", "resource"),
)
def flow_entry(flow, _context):
    between = f"{flow.supplier.name} → {flow.receiver.name}"
    resource = flow.resource
    return fields(
        flow,
        title_da=f"{resource.name_da}: {between}",
        # No English name: the Danish title, marked as Danish on English pages.
        title_en=f"{resource.name_en}: {between}" if resource.name_en else "",
        text_da=join(flow.story_da),
        text_en=join(flow.story_en),
        url=("exchanges:flow", {"pk": flow.pk}),
        is_public=flow.is_public and flow.supplier.is_public and flow.receiver.is_public,
    )


@register("resource", _("Resources"), order=30, model=Resource)
def resource_entry(resource, _context):
    # Resources have no page of their own: the hit lists the flows of its category.
    category = Category(resource.category)
    return fields(
        resource,
        title_da=resource.name_da,
        title_en=resource.name_en,
        text_da=in_language("da", category.label),
        text_en=in_language("en", category.label),
        url=("exchanges:flows", {}, f"?category={category.value}"),
    )


# A flow's title names its partners and resource; it is shown while both partners are.
depends_on(
    "flow", Partner, lambda partner: Flow.objects.filter(Q(supplier=partner) | Q(receiver=partner))
)
depends_on("flow", Resource, lambda resource: resource.flows.all())
