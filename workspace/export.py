"""Their data: everything the portal holds about an organisation, as one JSON file.

Every field of the organisation's own rows (the partner record, its people, board
seats, flows in and out with all their yearly figures, listings and their matches,
data-round answers with their reported figures, profile changes, invitations), and
who has access (user name, name, e-mail, role). Left out on purpose: an invitation's
token hash (a secret, not data about anyone), passwords, and other organisations'
rows (a flow or a match names its other end, nothing more).
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import FileField, ForeignKey, Q
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from exchanges.models import Flow
from listings.models import Listing, Match
from partners.models import BoardSeat, Person
from workspace.access import OrganisationMixin
from workspace.models import Answer, Invitation, Membership, ProfileChange

# Fields never exported, by model.
SECRET = {Invitation: {"token_hash"}}


def fields_of(obj, leave_out=()):
    """Every concrete field of `obj` by name; a foreign key as its id, a file as its name."""
    data = {}
    for field in obj._meta.concrete_fields:
        if field.name in leave_out or field.name in SECRET.get(type(obj), ()):
            continue
        value = field.value_from_object(obj)
        if isinstance(field, FileField):
            value = value.name if value else ""
        key = field.attname if isinstance(field, ForeignKey) else field.name
        data[key] = value
    return data


def gather(partner):
    """The organisation's data, as plain values: a few queries per kind of row."""
    flows = (
        Flow.objects.filter(Q(supplier=partner) | Q(receiver=partner))
        .with_related()
        .prefetch_related("figures")
        .order_by("pk")
    )
    listings = (
        Listing.objects.filter(organisation=partner).select_related("resource").order_by("pk")
    )
    matches = Match.objects.filter(
        Q(offer__organisation=partner) | Q(want__organisation=partner)
    ).order_by("pk")
    matches_by_listing = {}
    for match in matches:
        for listing_id in (match.offer_id, match.want_id):
            matches_by_listing.setdefault(listing_id, []).append(fields_of(match))
    answers = (
        Answer.objects.filter(partner=partner)
        .select_related("round")
        .prefetch_related("figures")
        .order_by("round__year")
    )
    return {
        "made": timezone.now(),
        "organisation": fields_of(partner),
        "people": [
            fields_of(p) for p in Person.objects.filter(organisation=partner).order_by("pk")
        ],
        "board_seats": [
            fields_of(s) for s in BoardSeat.objects.filter(partner=partner).order_by("pk")
        ],
        "flows": [
            {
                **fields_of(flow),
                "direction": "in" if flow.receiver_id == partner.pk else "out",
                "resource": flow.resource.name_da,
                "supplier": flow.supplier.name,
                "receiver": flow.receiver.name,
                "figures": [fields_of(f) for f in flow.figures.all()],
            }
            for flow in flows
        ],
        "listings": [
            {**fields_of(listing), "matches": matches_by_listing.get(listing.pk, [])}
            for listing in listings
        ],
        "data_rounds": [
            {
                **fields_of(answer),
                "year": answer.round.year,
                "figures": [fields_of(f) for f in answer.figures.all()],
            }
            for answer in answers
        ],
        "profile_changes": [
            fields_of(c) for c in ProfileChange.objects.filter(partner=partner).order_by("pk")
        ],
        "memberships": [
            {
                "username": m.user.get_username(),
                "name": m.user.get_full_name(),
                "email": m.user.email,
                "role": m.role,
                "since": m.created,
            }
            for m in Membership.objects.filter(partner=partner).select_related("user")
        ],
        "invitations": [
            fields_of(i) for i in Invitation.objects.filter(partner=partner).order_by("pk")
        ],
    }


class DataView(OrganisationMixin, TemplateView):
    """What the download holds, and the download."""

    template_name = "workspace/our_data.html"


class DataFileView(OrganisationMixin, View):
    def get(self, request, *args, **kwargs):
        body = json.dumps(gather(self.partner), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
        # Translators: the start of the file name of an organisation's data (lower-case, no spaces).
        label = _("our-data")
        name = f"{label}-{self.partner.slug}.json"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
