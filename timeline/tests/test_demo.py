import pytest
from django.core.management import call_command
from django.utils import translation

from timeline import demo
from timeline.models import Milestone

pytestmark = pytest.mark.django_db


def test_demo_tells_the_history_and_loads_twice_without_changes():
    call_command("load_demo", verbosity=0)
    assert demo.load() == 0
    milestones = list(Milestone.objects.published())
    assert len(milestones) == 13
    with translation.override("en"):
        dates = [m.date_label for m in milestones]
    assert dates[:2] == ["1961", "1972"]
    assert "16 December 2019" in dates and "1 April 2020" in dates
    assert "24 October 2022" in dates and "October 2025" in dates

    first = milestones[0]
    assert {p.slug for p in first.partners.all()} >= {"kalundborg-refinery"}
    assert [f.resource.slug for f in first.flows.all()] == ["surface-water"]
    gas = Milestone.objects.get(year=1972)
    assert [f.resource.slug for f in gas.flows.all()] == ["refinery-gas"]
    # One milestone is left untranslated, so the English page shows the fallback.
    assert [m.year for m in milestones if not m.title_en] == [2011]
