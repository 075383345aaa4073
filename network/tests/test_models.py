from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from network.models import Symbiosis
from network.tests.factories import SymbiosisFactory

pytestmark = pytest.mark.django_db


def symbiosis(**overrides):
    fields = {
        "name": "Symbiosen Bjæverskov",
        "slug": "symbiosen-bjaeverskov",
        "town": "Bjæverskov",
        "latitude": Decimal("55.4570"),
        "longitude": Decimal("12.0340"),
        "description_da": "Lokal symbiose.",
    }
    fields.update(overrides)
    return Symbiosis(**fields)


def errors_of(obj):
    with translation.override("en"):
        with pytest.raises(ValidationError) as caught:
            obj.full_clean()
        return {
            field: [str(m) for m in messages]
            for field, messages in caught.value.message_dict.items()
        }


def test_a_symbiosis_in_denmark_is_valid():
    symbiosis().full_clean()


@pytest.mark.parametrize(
    ("latitude", "longitude", "field"),
    [
        ("52.5200", "12.0340", "latitude"),  # Berlin's latitude
        ("59.3293", "12.0340", "latitude"),  # Stockholm's
        ("55.4570", "2.3522", "longitude"),  # Paris's longitude
        ("55.4570", "18.0686", "longitude"),
    ],
)
def test_positions_outside_denmark_are_refused(latitude, longitude, field):
    assert field in errors_of(symbiosis(latitude=Decimal(latitude), longitude=Decimal(longitude)))


def test_founded_in_the_future_is_refused():
    assert "founded" in errors_of(symbiosis(founded=2999))


def test_a_slug_the_page_uses_itself_is_refused():
    assert errors_of(symbiosis(slug="main"))["slug"] == [
        "“main” is used by the page itself. Choose another slug."
    ]


def test_absolute_url_points_at_the_entry_on_the_network_page():
    entry = SymbiosisFactory(slug="industriel-symbiose-nord")
    with translation.override("en"):
        assert entry.get_absolute_url() == "/en/network/#industriel-symbiose-nord"


def test_published_and_order():
    second = SymbiosisFactory(name="B", order=20)
    first = SymbiosisFactory(name="A", order=10)
    SymbiosisFactory(name="Skjult", is_public=False)
    assert list(Symbiosis.objects.published()) == [first, second]
