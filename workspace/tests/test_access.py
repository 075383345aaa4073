"""Object-level permissions: every workspace address, tried with another organisation's
ids, answers 404 (GET and POST alike), and a viewer changes nothing (403).

The addresses are read off the URL configuration, so a page added later is tried too:
a new kind of id in a workspace URL fails `test_every_workspace_url_is_tried` until it
is given here.
"""

import pytest
from django.urls import get_resolver, reverse
from django.utils import translation

from exchanges.tests.factories import FlowFactory
from listings.tests.factories import ListingFactory, WantFactory
from partners.tests.factories import PartnerFactory
from workspace.models import Membership, ProfileChange
from workspace.tests.factories import DataRoundFactory, MembershipFactory, ViewerFactory

pytestmark = pytest.mark.django_db

# Routes that are about no organisation (the person's own account, signing in).
NOT_AN_ORGANISATIONS = {"home", "login", "login-code", "logout", "password", "invitation"}


def workspace_routes():
    """(URL name, the names of its arguments) of every workspace URL."""
    _prefix, namespace = get_resolver().namespace_dict["workspace"]
    routes = []
    for name in namespace.reverse_dict:
        if not isinstance(name, str):
            continue
        arguments = set()
        for possibilities, *_rest in namespace.reverse_dict.getlist(name):
            for _format, params in possibilities:
                arguments |= set(params)
        routes.append((name, arguments))
    return sorted(routes, key=lambda route: route[0])


def arguments_of(route_arguments, own, other):
    """Keyword arguments of a workspace URL pointing at `other`'s rows, from `own`'s slug
    where the organisation is the person's own (so only the object is foreign)."""
    values = {"organisation": own.partner.slug}
    for name in route_arguments - {"organisation"}:
        values[name] = OTHERS[name](other)
    return values


@pytest.fixture
def two_organisations():
    own = MembershipFactory(partner__name="Egen A/S")
    other = PartnerFactory(name="Fremmed A/S")
    MembershipFactory(partner=other)
    round_ = DataRoundFactory(year=2025)
    FlowFactory(supplier=own.partner, year_started=2000)
    FlowFactory(supplier=other, year_started=2000)
    offer = ListingFactory(organisation=other)
    want = WantFactory(organisation=other)
    return own, other, {"round": round_, "offer": offer, "want": want}


# How to name another organisation's row for each kind of id in a workspace URL.
OTHERS = {
    "pk": lambda other: other.listings.first().pk,
    "other": lambda other: other.listings.last().pk,
    "year": lambda other: 2025,
    "format": lambda other: "csv",
}


def _reverse(name, kwargs, language="da"):
    with translation.override(language):
        return reverse(f"workspace:{name}", kwargs=kwargs)


def test_every_workspace_url_is_tried():
    for name, arguments in workspace_routes():
        if name in NOT_AN_ORGANISATIONS:
            continue
        assert "organisation" in arguments, name
        assert arguments - {"organisation"} <= set(OTHERS), (name, arguments)


def test_another_organisations_pages_are_not_found(client, two_organisations):
    own, other, _rows = two_organisations
    client.force_login(own.user)
    tried = 0
    for name, arguments in workspace_routes():
        if name in NOT_AN_ORGANISATIONS:
            continue
        kwargs = {"organisation": other.slug}
        for argument in arguments - {"organisation"}:
            kwargs[argument] = OTHERS[argument](other)
        address = _reverse(name, kwargs)
        assert client.get(address).status_code == 404, address
        assert client.post(address, {"website": "https://ondt.dk/"}).status_code == 404, address
        tried += 1
    assert tried >= 2
    assert not ProfileChange.objects.exists()


def test_another_organisations_rows_under_ones_own_address_are_not_found(client, two_organisations):
    own, other, _rows = two_organisations
    client.force_login(own.user)
    for name, arguments in workspace_routes():
        if name in NOT_AN_ORGANISATIONS or not arguments - {"organisation", "year", "format"}:
            continue
        address = _reverse(name, arguments_of(arguments, own, other))
        # POST-only pages ("we are interested") answer a GET with 405, likewise.
        assert client.get(address).status_code in (404, 405), address
        # A page that takes no POST answers 405 before it looks anything up: the same
        # for every id, so it tells nothing either.
        assert client.post(address, {}).status_code in (404, 405), address


def test_a_viewer_changes_nothing_anywhere(client, two_organisations):
    own, _other, _rows = two_organisations
    viewer = ViewerFactory(partner=own.partner)
    client.force_login(viewer.user)
    for name, arguments in workspace_routes():
        if name in NOT_AN_ORGANISATIONS:
            continue
        kwargs = {"organisation": own.partner.slug}
        for argument in arguments - {"organisation"}:
            kwargs[argument] = {
                "pk": lambda: ListingFactory(organisation=own.partner).pk,
                "other": lambda: WantFactory().pk,
                "year": lambda: 2025,
                "format": lambda: "csv",
            }[argument]()
        address = _reverse(name, kwargs)
        assert client.post(address, {"website": "https://ondt.dk/"}).status_code == 403, address
    assert not ProfileChange.objects.exists()
    assert Membership.objects.filter(partner=own.partner).count() == 2
