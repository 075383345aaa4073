import pytest
from django.core.management import call_command

from network import demo
from network.models import Symbiosis

pytestmark = pytest.mark.django_db


def test_demo_lists_the_network_and_loads_twice_without_changes():
    call_command("load_demo", verbosity=0)
    assert demo.load() == 0
    roles = dict(Symbiosis.objects.published().values_list("slug", "role"))
    assert roles == {
        "kalundborg-symbiose": "founder",
        "center-for-logistik-og-samarbejde": "founder",
        "transition": "founder",
        "industriel-symbiose-nord": "member",
        "symbiosen-bjaeverskov": "member",
        "symbiosis-center-denmark": "facilitator",
    }
    for symbiosis in Symbiosis.objects.all():
        symbiosis.full_clean()  # every position lies in Denmark
