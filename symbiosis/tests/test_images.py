"""Uploaded images reach visitors as `<picture>`: WebP renditions with a JPEG/PNG
fallback at a few widths, sized (no layout shift), lazy below the fold, made once."""

from urllib.parse import unquote

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.utils import translation
from PIL import Image

from news.tests.factories_articles import ArticleFactory
from news.tests.factories_press import jpeg_bytes, png_bytes
from partners.tests.factories import PartnerFactory
from tests.html import soup
from tests.pages import NAVIGATION

pytestmark = pytest.mark.django_db


def media_file(url):
    assert url.startswith(settings.MEDIA_URL), url
    return settings.MEDIA_ROOT / unquote(url.removeprefix(settings.MEDIA_URL))


def srcset(value):
    """{width: url} of a srcset attribute."""
    entries = [item.strip().split() for item in value.split(",")]
    return {int(width.removesuffix("w")): url for url, width in entries}


def opened(url):
    with Image.open(media_file(url)) as image:
        image.load()
        return image.format, image.size, image.mode, dict(image.getexif()), image.info


def partner_with_logo(data, name="logo.png", **fields):
    partner = PartnerFactory(**fields)
    partner.logo.save(name, ContentFile(data), save=True)
    return partner


def url_of(obj):
    with translation.override("da"):
        return obj.get_absolute_url()


def media_files():
    return {
        path.relative_to(settings.MEDIA_ROOT): path.stat().st_mtime_ns
        for path in settings.MEDIA_ROOT.rglob("*")
        if path.is_file()
    }


def test_partner_logo_is_a_picture_with_webp_and_png_renditions(client):
    partner = partner_with_logo(png_bytes((600, 300)), name="Asnæs.png")

    page = soup(client.get(url_of(partner)))

    picture = page.select_one(".partner-head picture")
    source = picture.select_one("source")
    img = picture.select_one("img")
    assert source["type"] == "image/webp"
    webp, fallback = srcset(source["srcset"]), srcset(img["srcset"])
    assert sorted(webp) == sorted(fallback) == [240, 480]
    assert source["sizes"] == img["sizes"] == "240px"
    # The logo's own proportions in the box of 240 × 120: nothing moves when it arrives.
    assert (img["width"], img["height"]) == ("240", "120")
    assert partner.name in img["alt"]
    assert "loading" not in img.attrs  # the page's first image loads at once
    assert img["decoding"] == "async"
    assert img["src"] == fallback[240]
    for width in (240, 480):
        kind, size, mode, _exif, _info = opened(webp[width])
        assert (kind, size) == ("WEBP", (width, width // 2))
        assert mode == "RGBA"  # the transparency is kept
        kind, size, mode, _exif, _info = opened(fallback[width])
        assert (kind, size, mode) == ("PNG", (width, width // 2), "RGBA")
    # Served from MEDIA like any upload.
    served = client.get(webp[480])
    assert (served.status_code, served["Content-Type"]) == (200, "image/webp")
    served.close()


def test_photo_renditions_are_jpeg_without_the_cameras_metadata(client):
    article = ArticleFactory()
    article.lead_image.save("field.jpg", ContentFile(jpeg_bytes((2000, 1000), gps=True)))

    img = soup(client.get(url_of(article))).select_one(".article-image picture img")
    source = img.find_previous_sibling("source")

    fallback, webp = srcset(img["srcset"]), srcset(source["srcset"])
    assert sorted(fallback) == sorted(webp) == [480, 736, 1100, 1472]
    assert (img["width"], img["height"]) == ("736", "368")
    assert "loading" not in img.attrs  # the lead image is at the top
    for width, url in fallback.items():
        kind, size, _mode, exif, info = opened(url)
        assert (kind, size) == ("JPEG", (width, width // 2))
        assert exif == {} and "comment" not in info  # no camera, GPS or comment
        assert opened(webp[width])[:2] == ("WEBP", (width, width // 2))


def test_an_image_is_never_enlarged(client):
    partner = partner_with_logo(jpeg_bytes((100, 50)), name="small.jpg")
    img = soup(client.get(url_of(partner))).select_one(".partner-head picture img")
    assert sorted(srcset(img["srcset"])) == [100]
    assert (img["width"], img["height"]) == ("100", "50")
    assert opened(srcset(img["srcset"])[100])[:2] == ("JPEG", (100, 50))


def test_renditions_are_made_once_not_per_request(client):
    from django.core.cache import cache

    partner = partner_with_logo(png_bytes((600, 300)))
    url = url_of(partner)
    first = client.get(url).content
    made = media_files()
    # 2 widths × 2 + manifest, and the share preview's (og:image: the original's 600, as
    # previews ask for 1200 and nothing is enlarged) × 2
    assert len([p for p in made if p.parts[0] == "renditions"]) == 7
    assert client.get(url).content == first
    cache.clear()  # a restarted server: the manifest in MEDIA is read, nothing drawn again
    assert client.get(url).content == first
    assert media_files() == made


def test_logos_below_the_first_load_lazily_and_the_list_keeps_its_queries(
    client, django_assert_num_queries, settings
):
    settings.CACHE_PAGES_SECONDS = 0  # the page itself rendered each time
    for number in range(4):
        partner_with_logo(png_bytes((320, 160)), slug=f"logo-{number}", name=f"Logo {number}")
    client.get("/da/partnere/")  # the renditions are made on the first visit
    with django_assert_num_queries(1 + NAVIGATION):
        page = soup(client.get("/da/partnere/"))
    images = page.select(".partner-card picture img")
    assert len(images) == 4
    assert [img.get("loading") for img in images] == [None, "lazy", "lazy", "lazy"]
    assert all((img["width"], img["height"]) == ("160", "80") for img in images)


def test_a_damaged_upload_still_gives_the_page(client):
    partner = PartnerFactory()
    partner.logo.save("broken.png", ContentFile(b"\x89PNG\r\n\x1a\n not really"), save=True)

    response = client.get(url_of(partner))

    assert response.status_code == 200
    img = soup(response).select_one(".partner-head img")
    assert img["src"] == partner.logo.url
    assert soup(response).select_one(".partner-head picture") is None


def test_the_press_preview_keeps_its_own_file_as_fallback(client):
    from news.tests.factories_press import PressAssetFactory

    asset = PressAssetFactory()  # a 1200 × 800 photo: its preview is 480 × 320
    img = soup(client.get("/da/presse/")).select_one(".press-asset picture img")
    source = img.find_previous_sibling("source")
    assert img["src"] == asset.preview.url
    assert (img["width"], img["height"]) == ("480", "320")
    assert "loading" not in img.attrs  # among the first previews
    webp = srcset(source["srcset"])
    assert sorted(webp) == [240, 480]
    for width, url in webp.items():
        assert opened(url)[:2] == ("WEBP", (width, width * 2 // 3))


def test_the_press_room_and_the_renditions_refuse_an_image_over_the_one_limit(client):
    from django.core.exceptions import ValidationError

    from news.tests.factories_press import png_bomb
    from news.uploads import inspect_bytes
    from symbiosis.images import MAX_MEGAPIXELS, MAX_PIXELS, picture_for

    width = 8000
    over, under = png_bomb(width, MAX_PIXELS // width + 1), png_bomb(width, MAX_PIXELS // width)
    # A press upload: refused, with the one limit named.
    with pytest.raises(ValidationError) as refused:
        inspect_bytes(over, "wide.png")
    assert refused.value.code == "too_many_pixels"
    assert refused.value.params["limit"] == MAX_MEGAPIXELS == 40
    assert inspect_bytes(under, "wide.png").width == width
    # A partner's logo: no renditions are made; the page shows the original.
    partner = partner_with_logo(over, name="wide.png")
    assert picture_for(partner.logo, [240]) is None
    assert soup(client.get(url_of(partner))).select_one(".partner-head picture") is None
