"""The press room page, the press kit ZIP, single downloads and the demo press room."""

import io
import zipfile
from pathlib import Path

import pytest
from django.contrib.auth.models import Permission, User
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import translation
from django.utils.http import http_date

from news import demo_press
from news.models import Article, PressAsset
from news.tests.factories_press import PressAssetFactory, press_release
from partners.tests.factories import PartnerFactory, PersonFactory
from tests.html import soup, text_of
from tests.mail import run_worker
from tests.pages import NAVIGATION

pytestmark = pytest.mark.django_db


def drain(response):
    """Read a streamed response to its end, through the test client's wrapper (which
    closes the file). Calling response.close() directly would send request_finished
    and close the test's database connection (PostgreSQL then fails the next query)."""
    if response.streaming:
        b"".join(response.streaming_content)


def url(name, language="en", **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def stored(field_file):
    with field_file.open("rb") as handle:
        return handle.read()


def size(value):
    return str(filesizeformat(value)).replace("\xa0", " ")


def cards(page):
    return {
        section.h2.get_text(strip=True): [
            li.h3.get_text(strip=True) for li in section.select("li.press-asset")
        ]
        for section in page.select("section.press-group")
    }


# -- the page ----------------------------------------------------------------


def test_the_press_room_lists_published_assets_grouped_by_kind(client):
    guide = PressAssetFactory(guidelines=True, title_en="Design guidelines")
    second = PressAssetFactory(title_en="Pipe bridge", order=2)
    first = PressAssetFactory(title_en="Asnæs at dusk", order=1)
    logo = PressAssetFactory(logo=True, title_en="Logo in colour")
    PressAssetFactory(title_en="Not yet", is_public=False)

    response = client.get(url("news:press"))

    page = soup(response)
    assert [h.get_text(strip=True) for h in page.find_all("h1")] == ["Press room"]
    assert cards(page) == {
        "Photos": ["Asnæs at dusk", "Pipe bridge"],
        "Logos": ["Logo in colour"],
        "Design guidelines": ["Design guidelines"],
    }
    assert "Not yet" not in text_of(response)

    photo = page.select("li.press-asset")[0]
    img = photo.img
    assert img["src"] == first.preview.url
    assert (img["alt"], img["width"], img["height"]) == ("Asnæs at dusk", "480", "320")
    assert photo.figcaption.get_text(strip=True) == first.caption_en
    downloads = photo.select(".press-downloads li")
    assert [d.a["href"] for d in downloads] == [
        url("news:press-download", pk=first.pk, version="original"),
        url("news:press-download", pk=first.pk, version="web"),
    ]
    original, web = (" ".join(d.get_text(" ").split()) for d in downloads)
    assert original == f"Original : Asnæs at dusk JPEG · 1200 × 800 px · {size(first.file_size)}"
    assert web == (
        f"Web version : Asnæs at dusk JPEG · 1200 × 800 px · {size(first.web_version.size)}"
    )
    # Credit, licence and terms beside each asset.
    facts = " ".join(photo.select_one(".press-facts").get_text(" ").split())
    assert facts == (
        "Credit Foto: Mette Demo Licence Fri til redaktionel brug / Free for editorial use "
        "Terms of use May be used with credit."
    )
    # A PDF has its size and format, and no web version.
    pdf = page.select_one("section#design-guidelines, section[aria-labelledby=design-guidelines]")
    links = pdf.select(".press-downloads li")
    assert len(links) == 1
    assert " ".join(links[0].get_text(" ").split()).endswith(f"PDF · {size(guide.file_size)}")
    assert logo.preview and second.preview


def test_previews_below_the_top_load_lazily(client):
    for order in range(5):
        PressAssetFactory(order=order)
    images = soup(client.get(url("news:press"))).select("li.press-asset img")
    assert [img.get("loading") for img in images] == [None, None, None, "lazy", "lazy"]


def test_english_missing_is_shown_in_danish_and_marked(client):
    PressAssetFactory(title_da="Rørbroen", title_en="", caption_en="")
    page = soup(client.get(url("news:press")))
    heading = page.select_one("li.press-asset h3")
    assert heading["lang"] == "da"
    assert heading.get_text(" ", strip=True) == "Rørbroen Not yet translated: shown in Danish"
    assert page.select_one("li.press-asset img")["lang"] == "da"


def test_the_danish_press_room(client):
    PressAssetFactory(title_da="Rørbroen")
    response = client.get(url("news:press", "da"))
    page = soup(response)
    assert page.html["lang"] == "da"
    assert page.select_one("li.press-asset h3").get_text(strip=True) == "Rørbroen"
    assert page.select_one(".press-kit a")["href"] == url("news:press-kit", "da")


def test_press_contacts_with_their_vcards_and_organisation(client):
    secretariat = PartnerFactory(name="Kalundborg Symbiose")
    contact = PersonFactory(name="Lise Demo", organisation=secretariat, is_press_contact=True)
    PersonFactory(name="Not Press", organisation=secretariat)
    PersonFactory(
        name="Hidden Partner",
        organisation=PartnerFactory(is_public=False),
        is_press_contact=True,
    )
    page = soup(client.get(url("news:press")))
    section = page.select_one("section[aria-labelledby=press-contacts]")
    assert [h.get_text() for h in section.select(".person-card h3")] == ["Lise Demo"]
    links = [a["href"] for a in section.select("a")]
    assert url("partners:vcard", pk=contact.pk) in links
    assert secretariat.get_absolute_url() in links


def test_without_press_contacts_the_secretariat_is_named(client, settings):
    section = soup(client.get(url("news:press"))).select_one(
        "section[aria-labelledby=press-contacts]"
    )
    assert section.select_one(f'a[href="mailto:{settings.SECRETARIAT["email"]}"]')


def test_the_five_latest_press_releases(client):
    releases = [
        press_release(f"Pressemeddelelse {n}", title_en=f"Release {n}", days_ago=n)
        for n in range(1, 7)
    ]
    press_release("Nyhed", kind=Article.Kind.NEWS, days_ago=0)
    press_release("Kladde", status=Article.Status.DRAFT, days_ago=0)
    page = soup(client.get(url("news:press")))
    items = page.select(".press-releases li a")
    assert [a.get_text() for a in items] == [f"Release {n}" for n in range(1, 6)]
    assert items[0]["href"] == releases[0].get_absolute_url()
    assert page.select_one(".press-releases li time")["datetime"] == str(
        releases[0].first_published
    )


def test_an_empty_press_room_says_so_and_offers_no_kit(client):
    page = soup(client.get(url("news:press")))
    assert page.select_one(".notice").get_text(strip=True).startswith("No press material")
    assert not page.select(f'a[href="{url("news:press-kit")}"]')


@pytest.mark.parametrize("count", [1, 12])
def test_the_press_room_takes_three_queries_whatever_its_size(
    client, django_assert_num_queries, count
):
    for index in range(count):
        PressAssetFactory(kind=list(PressAsset.Kind.values)[index % 2])
        PersonFactory(is_press_contact=True)
        press_release(f"Meddelelse {index}")
    # assets, press contacts with their organisations, press releases
    with django_assert_num_queries(3 + NAVIGATION):
        response = client.get(url("news:press"))
    assert len(soup(response).select("li.press-asset")) == count


# -- the press kit -------------------------------------------------------------


def test_the_press_kit_holds_every_listed_asset_byte_for_byte(client):
    photos = [PressAssetFactory(title_da="Asnæsværket"), PressAssetFactory(title_da="Asnæsværket")]
    logo = PressAssetFactory(logo=True, title_da="Kalundborg Symbiose logo")
    guide = PressAssetFactory(guidelines=True, title_da="Designmanual")
    PressAssetFactory(title_da="Skjult", is_public=False)

    page = soup(client.get(url("news:press")))
    listed = [a["href"] for a in page.select(".press-downloads li:first-child a")]
    response = client.get(url("news:press-kit"))

    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"] == (
        'attachment; filename="kalundborg-symbiose-press-kit.zip"'
    )
    body = b"".join(response.streaming_content)
    assert int(response["Content-Length"]) == len(body)
    with zipfile.ZipFile(io.BytesIO(body)) as kit:
        assert kit.testzip() is None
        names = kit.namelist()
        assert names == [
            "photos/kalundborg-symbiose-asnaesvaerket.jpg",
            "photos/kalundborg-symbiose-asnaesvaerket-2.jpg",
            "logos/kalundborg-symbiose-logo.png",
            "design-guidelines/kalundborg-symbiose-designmanual.pdf",
            "README.txt",
        ]
        assets = [*photos, logo, guide]
        assert len(listed) == len(assets)
        for name, asset in zip(names, assets, strict=False):
            assert kit.read(name) == stored(asset.file)
        readme = kit.read("README.txt").decode()
    assert "logos/kalundborg-symbiose-logo.png" in readme
    assert "Credit: Foto: Mette Demo" in readme
    assert "Skjult" not in readme


def test_the_press_kit_is_the_same_bytes_each_time(client):
    PressAssetFactory()
    PressAssetFactory(guidelines=True)
    first = b"".join(client.get(url("news:press-kit")).streaming_content)
    second = b"".join(client.get(url("news:press-kit")).streaming_content)
    assert first == second


def test_the_press_kit_is_cacheable_and_answers_304(client):
    asset = PressAssetFactory()
    response = client.get(url("news:press-kit"))
    drain(response)
    assert response["Cache-Control"] == "public, max-age=3600"
    assert response["Last-Modified"] == http_date(int(asset.updated.timestamp()))
    again = client.get(url("news:press-kit"), headers={"if-none-match": response["ETag"]})
    assert again.status_code == 304
    assert again["ETag"] == response["ETag"]
    assert again.content == b""
    # Another asset, another ETag.
    PressAssetFactory()
    changed = client.get(url("news:press-kit"), headers={"if-none-match": response["ETag"]})
    drain(changed)
    assert changed.status_code == 200


def test_there_is_no_press_kit_without_assets(client):
    PressAssetFactory(is_public=False)
    assert client.get(url("news:press-kit")).status_code == 404


# -- the kit is built once, by the worker, and kept (issue 14) ------------------


@pytest.fixture
def kit_builds(monkeypatch):
    """Every time a press kit ZIP is written, whoever writes it."""
    from news import press

    builds = []
    build = press.build_press_kit

    def counted(entries, press_room_url, target):
        builds.append([name for name, _asset in entries])
        return build(entries, press_room_url, target)

    monkeypatch.setattr(press, "build_press_kit", counted)
    return builds


def kit_listing(response):
    with zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))) as kit:
        return kit.namelist()


def stored_kits(language):
    from django.core.files.storage import default_storage

    try:
        return default_storage.listdir(f"press/kit/{language}")[1]
    except FileNotFoundError:
        return []


def test_the_press_kit_is_built_once_not_for_every_request(client, kit_builds):
    PressAssetFactory()
    PressAssetFactory(guidelines=True)

    first = client.get(url("news:press-kit"))
    second = client.get(url("news:press-kit"))

    assert kit_listing(first) == kit_listing(second)
    assert second["ETag"] == first["ETag"]
    assert len(kit_builds) == 1


def test_a_changed_asset_gives_a_new_kit_built_by_the_worker(
    client, settings, kit_builds, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "http://testserver"
    with django_capture_on_commit_callbacks(execute=True):
        photo = PressAssetFactory(title_da="Asnæsværket")
    run_worker()
    built = len(kit_builds)
    assert built == 2  # one kit in each language

    before = client.get(url("news:press-kit"))
    assert kit_listing(before) == ["photos/kalundborg-symbiose-asnaesvaerket.jpg", "README.txt"]
    with django_capture_on_commit_callbacks(execute=True):
        PressAssetFactory(logo=True, title_da="Kalundborg Symbiose logo")
        photo.is_public = False
        photo.save()
    run_worker()
    after = client.get(url("news:press-kit"), headers={"if-none-match": before["ETag"]})

    assert after.status_code == 200
    assert kit_listing(after) == ["logos/kalundborg-symbiose-logo.png", "README.txt"]
    assert after["ETag"] != before["ETag"]
    # Built by the worker (in both languages), not by either request; the old kits are gone.
    assert len(kit_builds) == built + 2
    assert len(stored_kits("en")) == len(stored_kits("da")) == 1


def test_a_kit_being_written_is_not_found_under_its_name_until_it_is_whole(client, monkeypatch):
    from news import press

    build = press.build_press_kit
    seen_while_writing = []

    def watched(entries, press_room_url, target):
        build(entries, press_room_url, target)
        seen_while_writing.extend(stored_kits("en"))

    monkeypatch.setattr(press, "build_press_kit", watched)
    PressAssetFactory()

    response = client.get(url("news:press-kit"))

    drain(response)
    assert [name for name in seen_while_writing if not name.startswith(".building-")] == []
    (kept,) = stored_kits("en")
    assert kept.startswith("kalundborg-symbiose-press-kit-") and kept.endswith(".zip")


def test_the_kept_kit_answers_304_to_its_etag(client, kit_builds):
    asset = PressAssetFactory()
    first = client.get(url("news:press-kit"))
    drain(first)

    again = client.get(url("news:press-kit"), headers={"if-none-match": first["ETag"]})

    assert again.status_code == 304
    assert again["ETag"] == first["ETag"]
    assert again["Last-Modified"] == http_date(int(asset.updated.timestamp()))
    assert len(kit_builds) == 1


def test_the_kit_etag_is_the_hash_of_the_file_served(client):
    import hashlib

    PressAssetFactory()
    response = client.get(url("news:press-kit", "da"))
    body = b"".join(response.streaming_content)

    assert response["ETag"] == f'"{hashlib.sha256(body).hexdigest()}"'
    assert response["Content-Disposition"] == (
        'attachment; filename="kalundborg-symbiose-pressekit.zip"'
    )


# -- single downloads ----------------------------------------------------------


def test_downloading_an_original(client):
    asset = PressAssetFactory(title_da="Rørbroen ved Asnæs")
    response = client.get(url("news:press-download", pk=asset.pk, version="original"))
    body = b"".join(response.streaming_content)
    assert body == stored(asset.file)
    assert response["Content-Type"] == "image/jpeg"
    assert response["Content-Length"] == str(asset.file_size)
    assert response["Content-Disposition"] == (
        'attachment; filename="kalundborg-symbiose-roerbroen-ved-asnaes.jpg"'
    )
    assert response["Cache-Control"] == "public, max-age=3600"
    assert response["Last-Modified"] == http_date(int(asset.updated.timestamp()))
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["ETag"].startswith('"')


def test_downloading_the_web_version(client):
    asset = PressAssetFactory(logo=True, title_da="Logo")
    response = client.get(url("news:press-download", pk=asset.pk, version="web"))
    body = b"".join(response.streaming_content)
    assert body == stored(asset.web_version)
    assert response["Content-Type"] == "image/png"
    assert response["Content-Length"] == str(len(body))
    assert response["Content-Disposition"] == (
        'attachment; filename="kalundborg-symbiose-logo-web.png"'
    )


def test_a_download_answers_conditional_requests_with_304(client):
    asset = PressAssetFactory()
    address = url("news:press-download", pk=asset.pk, version="original")
    first = client.get(address)
    drain(first)
    by_etag = client.get(address, headers={"if-none-match": first["ETag"]})
    by_date = client.get(address, headers={"if-modified-since": first["Last-Modified"]})
    for response in (by_etag, by_date):
        assert response.status_code == 304
        assert response["ETag"] == first["ETag"]
        assert response["Cache-Control"] == "public, max-age=3600"
    head = client.head(address)
    drain(head)
    assert head.status_code == 200 and head["Content-Length"] == str(asset.file_size)


@pytest.mark.parametrize(
    "case", ["unknown pk", "hidden", "unknown version", "web of a pdf", "post"]
)
def test_downloads_that_do_not_exist(client, case):
    photo = PressAssetFactory()
    hidden = PressAssetFactory(is_public=False)
    guide = PressAssetFactory(guidelines=True)
    pk, version, method = {
        "unknown pk": (guide.pk + 100, "original", "get"),
        "hidden": (hidden.pk, "original", "get"),
        "unknown version": (photo.pk, "thumbnail", "get"),
        "web of a pdf": (guide.pk, "web", "get"),
        "post": (photo.pk, "original", "post"),
    }[case]
    response = getattr(client, method)(url("news:press-download", pk=pk, version=version))
    assert response.status_code == (405 if method == "post" else 404)


# -- the demo ------------------------------------------------------------------


def test_the_demo_press_room_loads_once_and_then_changes_nothing(settings):
    assert demo_press.load() == len(demo_press.ASSETS)
    assets = list(PressAsset.objects.order_by("order"))
    files = {p: p.read_bytes() for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()}

    assert demo_press.load() == 0

    assert list(PressAsset.objects.order_by("order").values_list("updated", flat=True)) == [
        a.updated for a in assets
    ]
    assert {p: p.read_bytes() for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()} == files
    kinds = [a.kind for a in assets]
    assert kinds.count("photo") == 4 and kinds.count("logo") == 2
    assert kinds.count("infographic") == 1 and kinds.count("guidelines") == 1
    photo = assets[0]
    assert (photo.content_type, photo.width, photo.height) == ("image/jpeg", 2400, 1600)
    assert all(a.caption_da and a.caption_en and a.licence for a in assets)
    guide = next(a for a in assets if a.kind == "guidelines")
    assert stored(guide.file).startswith(b"%PDF-")
    assert all(a.preview and a.web_version for a in assets if a.kind != "guidelines")


def test_the_demo_mends_missing_renditions(settings):
    demo_press.load()
    asset = PressAsset.objects.filter(kind="photo").first()
    asset.web_version.storage.delete(asset.web_version.name)
    assert demo_press.load() == 1
    asset.refresh_from_db()
    assert asset.web_version.storage.exists(asset.web_version.name)


# -- the admin's actions ------------------------------------------------------


def actions_offered(client):
    page = soup(client.get("/admin/news/pressasset/"))
    return {
        option["value"] for option in page.select("select[name=action] option") if option["value"]
    }


@pytest.mark.parametrize(
    ("permissions", "can_reprocess"),
    [(["view_pressasset"], False), (["view_pressasset", "change_pressasset"], True)],
)
def test_only_staff_who_may_change_assets_can_remake_their_files(
    client, permissions, can_reprocess
):
    PressAssetFactory()
    user = User.objects.create_user("redaktoer", password="pw", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(codename__in=permissions))
    client.force_login(user)

    assert ("reprocess" in actions_offered(client)) is can_reprocess
