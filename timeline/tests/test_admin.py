import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from symbiosis.demo import logo_png
from tests.html import soup
from timeline.models import Milestone
from timeline.tests.factories import MilestoneFactory

pytestmark = pytest.mark.django_db

ADD = "/admin/timeline/milestone/add/"
DANISH = {"accept-language": "da"}


def form(**overrides):
    data = {
        "year": "2019",
        "month": "12",
        "day": "16",
        "title_da": "Symbiosen bliver en forening",
        "title_en": "The symbiosis becomes an association",
        "text_da": "<p>En forening.</p>",
        "text_en": "<p>An association.</p>",
        "image_alt_da": "",
        "image_alt_en": "",
        "is_public": "on",
    }
    data.update(overrides)
    return data


def errors(response):
    return " ".join(e.get_text(" ", strip=True) for e in soup(response).select(".errorlist"))


def test_secretariat_adds_a_milestone_with_links(admin_client):
    from exchanges.tests.factories import FlowFactory

    flow = FlowFactory()
    response = admin_client.post(
        ADD, form(partners=[flow.supplier.pk], flows=[flow.pk]), headers=DANISH
    )
    assert response.status_code == 302, errors(response)
    milestone = Milestone.objects.get()
    assert (milestone.year, milestone.month, milestone.day) == (2019, 12, 16)
    assert list(milestone.partners.all()) == [flow.supplier]
    assert list(milestone.flows.all()) == [flow]


def test_secretariat_adds_a_milestone_with_an_image(admin_client):
    image = SimpleUploadedFile("Tissø rør.PNG", logo_png("Tissø", "#1d5fa8"), "image/png")
    data = form(image=image, image_alt_da="Rørledningen", image_alt_en="The pipeline")
    response = admin_client.post(ADD, data, headers=DANISH)
    assert response.status_code == 302, errors(response)
    milestone = Milestone.objects.get()
    assert milestone.image.name.startswith("timeline/tissoe-roer")
    assert (milestone.image_width, milestone.image_height) == (320, 160)


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"day": "31", "month": "2"}, "That day does not exist in that month."),
        ({"month": ""}, "Give the month too, or leave the day empty."),
        ({"year": "1900"}, "1961"),
        ({"title_da": ""}, "This field is required."),
        (
            {"image": "pdf", "image_alt_da": "x", "image_alt_en": "x"},
            "“%(name)s” is a PDF document, not an image. Upload a JPEG, PNG or WebP image.",
        ),
        (
            {"image": "png", "image_alt_en": "", "image_alt_da": "Rør"},
            "Describe the image for people who cannot see it.",
        ),
    ],
)
def test_mistakes_are_explained_and_nothing_is_saved(admin_client, overrides, message):
    if overrides.get("image") == "png":
        overrides["image"] = SimpleUploadedFile("a.png", logo_png("A", "#000000"), "image/png")
    elif overrides.get("image") == "pdf":
        overrides["image"] = SimpleUploadedFile("a.png", b"%PDF-1.4 not an image", "image/png")
    response = admin_client.post(ADD, form(**overrides), headers=DANISH)
    assert response.status_code == 200
    with translation.override("da"):  # the secretariat reads the admin in Danish
        assert translation.gettext(message) % {"name": "a.png"} in errors(response)
    assert not Milestone.objects.exists()


def test_admin_searches_both_languages_and_filters_missing_english(admin_client):
    MilestoneFactory(title_da="Gas til Gyproc", title_en="Gas to Gyproc")
    MilestoneFactory(title_da="Nyt logo", title_en="", text_en="")
    found = admin_client.get("/admin/timeline/milestone/", {"q": "Gyproc"})
    missing = admin_client.get("/admin/timeline/milestone/", {"english": "missing"})

    def titles(response):
        return [
            td.get_text() for td in soup(response).select("#result_list tbody td.field-title_da")
        ]

    assert titles(found) == ["Gas til Gyproc"]
    assert titles(missing) == ["Nyt logo"]


def test_decade_filter_and_hostile_filter_values(admin_client):
    MilestoneFactory(year=1972, title_da="Gas")
    MilestoneFactory(year=2019, title_da="Forening")
    listing = admin_client.get("/admin/timeline/milestone/", {"decade": "1970"})
    cells = [td.get_text() for td in soup(listing).select("#result_list tbody td.field-title_da")]
    assert cells == ["Gas"]
    hostile = admin_client.get("/admin/timeline/milestone/", {"decade": "x" * 5000})
    assert hostile.status_code == 200


def test_flow_and_partner_pickers_are_autocompletes(admin_client):
    page = soup(admin_client.get(ADD))
    assert page.select_one("select[name=partners]")["class"] == ["admin-autocomplete"]
    assert page.select_one("select[name=flows]")["class"] == ["admin-autocomplete"]
