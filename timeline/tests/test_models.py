import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from symbiosis.demo import logo_png
from timeline.models import Milestone
from timeline.tests.factories import MilestoneFactory

pytestmark = pytest.mark.django_db


def errors_of(milestone):
    with translation.override("en"):
        with pytest.raises(ValidationError) as caught:
            milestone.full_clean()
        return {
            field: [str(m) for m in messages]
            for field, messages in caught.value.message_dict.items()
        }


@pytest.mark.parametrize(
    ("year", "month", "day", "da", "en", "iso"),
    [
        (2019, 12, 16, "16. december 2019", "16 December 2019", "2019-12-16"),
        (2021, 11, None, "november 2021", "November 2021", "2021-11"),
        (1988, None, None, "1988", "1988", "1988"),
    ],
)
def test_date_is_written_as_precisely_as_it_is_known(year, month, day, da, en, iso):
    milestone = Milestone(year=year, month=month, day=day, title_da="x")
    with translation.override("da"):
        assert milestone.date_label == da
    with translation.override("en"):
        assert milestone.date_label == en
    assert milestone.date_iso == iso


@pytest.mark.parametrize("year", [1960, datetime.date.today().year + 6])
def test_year_outside_the_story_is_refused(year):
    assert "year" in errors_of(Milestone(year=year, title_da="x"))


def test_years_from_1961_to_five_ahead_are_accepted():
    for year in (1961, datetime.date.today().year + 5):
        Milestone(year=year, title_da="x").full_clean()


def test_day_without_month_is_refused():
    assert errors_of(Milestone(year=2000, day=3, title_da="x"))["day"] == [
        "Give the month too, or leave the day empty."
    ]


@pytest.mark.parametrize(("month", "day"), [(2, 30), (4, 31), (2, 29)])
def test_day_that_does_not_exist_is_refused(month, day):
    assert errors_of(Milestone(year=2019, month=month, day=day, title_da="x"))["day"] == [
        "That day does not exist in that month."
    ]


def test_leap_day_is_accepted():
    Milestone(year=2020, month=2, day=29, title_da="x").full_clean()


def test_month_13_is_refused():
    assert "month" in errors_of(Milestone(year=2020, month=13, title_da="x"))


def test_image_needs_a_description_in_both_languages():
    image = SimpleUploadedFile("tisso.png", logo_png("Tissø", "#1d5fa8"), "image/png")
    milestone = Milestone(year=1961, title_da="x", image=image, image_alt_da="Rør")
    assert errors_of(milestone) == {
        "image_alt_en": ["Describe the image for people who cannot see it."]
    }


def test_ordering_is_by_year_month_day_with_year_only_first():
    late = MilestoneFactory(year=2019, month=12, day=16)
    year_only = MilestoneFactory(year=2019)
    early = MilestoneFactory(year=2019, month=4, day=1)
    month_only = MilestoneFactory(year=2019, month=4)
    older = MilestoneFactory(year=1972)
    assert list(Milestone.objects.all()) == [older, year_only, month_only, early, late]


def test_absolute_url_points_at_the_anchor_on_the_history_page():
    milestone = MilestoneFactory()
    with translation.override("en"):
        assert milestone.get_absolute_url() == f"/en/history/#milestone-{milestone.pk}"


def test_published_leaves_out_hidden_milestones():
    shown = MilestoneFactory()
    MilestoneFactory(is_public=False)
    assert list(Milestone.objects.published()) == [shown]
