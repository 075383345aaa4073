import pytest

from network.models import Symbiosis
from network.tests.factories import SymbiosisFactory
from tests.html import soup

pytestmark = pytest.mark.django_db

ADD = "/admin/network/symbiosis/add/"
DANISH = {"accept-language": "da"}


def form(**overrides):
    data = {
        "name": "Symbiosen Bjæverskov",
        "slug": "symbiosen-bjaeverskov",
        "role": "member",
        "coordinator": "",
        "founded": "",
        "website": "",
        "description_da": "Lokal symbiose på Østsjælland.",
        "description_en": "",
        "town": "Bjæverskov",
        "latitude": "55.4570",
        "longitude": "12.0340",
        "is_public": "on",
        "order": "50",
    }
    data.update(overrides)
    return data


def errors(response):
    return " ".join(e.get_text(" ", strip=True) for e in soup(response).select(".errorlist"))


def test_secretariat_adds_a_symbiosis(admin_client):
    response = admin_client.post(ADD, form(), headers=DANISH)
    assert response.status_code == 302, errors(response)
    saved = Symbiosis.objects.get()
    assert (saved.name, str(saved.latitude), saved.role) == (
        "Symbiosen Bjæverskov",
        "55.4570",
        "member",
    )


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        # Django's own messages, in Danish.
        ({"latitude": "59.3"}, "Denne værdi skal være mindre end eller lig 57.8."),
        ({"longitude": "7.5"}, "Denne værdi skal være større end eller lig 8.0."),
        ({"founded": "2999"}, None),
        ({"description_da": ""}, "Dette felt er påkrævet."),
        ({"slug": "main"}, None),
    ],
)
def test_mistakes_are_explained_and_nothing_is_saved(admin_client, overrides, message):
    response = admin_client.post(ADD, form(**overrides), headers=DANISH)
    assert response.status_code == 200
    field = next(iter(overrides))
    assert soup(response).select(f".field-{field} .errorlist, .errorlist[id$={field}_error]")
    if message:
        assert message in errors(response)
    assert not Symbiosis.objects.exists()


def test_admin_searches_both_languages_and_filters_missing_english(admin_client):
    SymbiosisFactory(name="Nord", description_en="Companies around Aalborg.")
    SymbiosisFactory(name="Bjæverskov", description_en="")
    found = admin_client.get("/admin/network/symbiosis/", {"q": "Aalborg"})
    missing = admin_client.get("/admin/network/symbiosis/", {"english": "missing"})

    def names(response):
        return [a.get_text() for a in soup(response).select("#result_list tbody th a")]

    assert names(found) == ["Nord"]
    assert names(missing) == ["Bjæverskov"]
