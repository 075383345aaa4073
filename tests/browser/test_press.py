"""A journalist in the press room downloads a photo and the whole press kit."""

import io
import zipfile
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

from news import demo_press
from news.models import PressAsset
from news.press import kit_entries, published_assets
from news.tests.factories_press import press_release
from partners.tests.factories import PersonFactory
from tests.browser.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LOCALES = {"da": "da-DK", "en": "en-GB"}


def stored(field_file):
    with field_file.open("rb") as handle:
        return handle.read()


@pytest.mark.parametrize("language", ["da", "en"])
def test_download_a_photo_and_the_press_kit(open_page, live_server, language):
    demo_press.load()
    PersonFactory(name="Lise Demo", is_press_contact=True)
    release = press_release("Symbiosen fylder 50", title_en="The symbiosis turns 50")
    with translation.override(language):
        press_room = reverse("news:press")
        kit = reverse("news:press-kit")
        release_url = release.get_absolute_url()
    photo = PressAsset.objects.published().filter(kind="photo").order_by("order").first()

    page = open_page(locale=LOCALES[language])
    page.goto(live_server.url + press_room)
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.get_by_role("heading", level=1)).to_have_count(1)
    title = photo.title_da if language == "da" else photo.title_en
    expect(page.locator("li.press-asset h3").first).to_have_text(title)
    expect(page.locator(".people .person-card h3")).to_have_text(["Lise Demo"])
    expect(page.locator(".press-releases a")).to_have_attribute("href", release_url)
    assert_accessible(page)

    # The first photo's original, under a readable name, byte for byte.
    card = page.locator("li.press-asset").first
    with page.expect_download() as download_info:
        card.locator("a[href$='/original/']").click()
    download = download_info.value
    assert download.suggested_filename == "kalundborg-symbiose-asnaesvaerket-ved-fjorden.jpg"
    assert Path(download.path()).read_bytes() == stored(photo.file)

    # The whole kit: every listed asset under its folder, and the README.
    with page.expect_download() as download_info:
        page.locator(f"a[href='{kit}']").click()
    download = download_info.value
    assert download.suggested_filename.startswith("kalundborg-symbiose-")
    assert download.suggested_filename.endswith(".zip")
    expected = kit_entries(published_assets())
    with zipfile.ZipFile(io.BytesIO(Path(download.path()).read_bytes())) as archive:
        assert archive.namelist() == [name for name, _asset in expected] + ["README.txt"]
        assert archive.read(expected[0][0]) == stored(expected[0][1].file)
    assert len(expected) == page.locator("li.press-asset").count() == 8

    # Scrolled past every preview, every lazy preview has loaded.
    for preview in page.locator(".press-asset img").all():
        preview.scroll_into_view_if_needed()
    page.wait_for_function(
        "() => [...document.querySelectorAll('.press-asset img')]"
        ".every(img => img.complete && img.naturalWidth > 0)"
    )
    assert_accessible(page)
