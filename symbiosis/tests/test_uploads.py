"""One upload policy for every image field, through the admin's real forms: what is
refused (with a message, nothing stored, no row saved) and what is stored (the
original without its metadata, turned upright, its colour profile kept)."""

import io
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.utils import translation
from PIL import ExifTags, Image, ImageCms, PngImagePlugin

from news.models import Article, Event, PressAsset, Speaker
from news.tests.factories_press import GPS, jpeg_bytes, png_bomb, png_bytes
from partners.models import Partner, Person
from partners.tests.factories import PartnerFactory
from tests.admin_forms import form_fields
from tests.html import soup
from timeline.models import Milestone

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    """admin_client's superuser is made in a millisecond, not hashed for real."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@dataclass(frozen=True)
class ImageForm:
    """An admin add form with an image field, and what it needs besides the image."""

    model: type
    url: str
    field: str  # the file input's name
    fields: dict

    def __str__(self):
        return self.field


FORMS = {
    "article image": ImageForm(
        Article,
        "/admin/news/article/add/",
        "lead_image",
        {
            "title_da": "Damp til naboen",
            "slug": "damp-til-naboen",
            "lead_da": "Kort.",
            "status": "published",
            "image_alt_da": "Rørbroen",
        },
    ),
    "event image": ImageForm(
        Event,
        "/admin/news/event/add/",
        "image",
        {
            "title_da": "Åbent hus",
            "slug": "aabent-hus",
            "start_0": "2030-03-05",
            "start_1": "09:00",
            "end_0": "2030-03-05",
            "end_1": "12:00",
            "image_alt_da": "Salen",
        },
    ),
    "speaker photo": ImageForm(
        Speaker, "/admin/news/speaker/add/", "photo", {"name": "Mette Demo", "slug": "mette-demo"}
    ),
    "partner logo": ImageForm(
        Partner,
        "/admin/partners/partner/add/",
        "logo",
        {"name": "Asnæs Demo", "slug": "asnaes-demo", "summary_da": "Damp."},
    ),
    "person photo": ImageForm(
        Person, "/admin/partners/person/add/", "photo", {"name": "Jens Demo", "organisation": None}
    ),
    "milestone image": ImageForm(
        Milestone,
        "/admin/timeline/milestone/add/",
        "image",
        {
            "year": "2019",
            "title_da": "Symbiosen bliver en forening",
            "image_alt_da": "Rørbroen",
            "image_alt_en": "The pipe bridge",
        },
    ),
}


def media_files(settings):
    root = Path(settings.MEDIA_ROOT)
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def post_image(admin_client, form, name, content, *, language="en"):
    admin_client.cookies["django_language"] = language  # the admin's language switch
    data = form_fields(admin_client.get(form.url))
    data.update(form.fields)
    if "organisation" in form.fields:
        data["organisation"] = PartnerFactory().pk
    data[form.field] = SimpleUploadedFile(name, content, content_type="image/jpeg")
    return admin_client.post(form.url, data)


def image_errors(response, form):
    page = soup(response)
    items = page.select(f".field-{form.field} .errorlist li")
    return " ".join(li.get_text(" ", strip=True) for li in items).replace("\xa0", " ")


def assert_refused(response, form, settings, *words):
    assert response.status_code == 200  # the form again, with the message
    errors = image_errors(response, form)
    for word in words:
        assert word in errors, errors
    assert not form.model.objects.exists()
    assert media_files(settings) == []


def stored_image(form):
    row = form.model.objects.get()
    file = getattr(row, form.field)
    with file.open("rb") as stored:
        data = stored.read()
    image = Image.open(io.BytesIO(data))
    image.load()
    return file.name, data, image


ALL = pytest.mark.parametrize("form", FORMS.values(), ids=list(FORMS))


def bmp_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), (30, 110, 80)).save(buffer, "BMP")
    return buffer.getvalue()


SVG_WITH_SCRIPT = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b"<script>alert(document.cookie)</script></svg>"
)


# -- one policy: what is refused ---------------------------------------------------


def test_every_image_field_in_the_project_uses_the_one_upload_policy():
    from symbiosis.uploads import ImageUploadField

    image_fields = [
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if isinstance(field, models.FileField) and not isinstance(field, ImageUploadField)
    ]
    # The press room's file (images and PDFs) goes through the same policy in its form;
    # its renditions are made by the site, never uploaded.
    assert sorted(image_fields) == [
        "news.PressAsset.file",
        "news.PressAsset.preview",
        "news.PressAsset.web_version",
    ]


@ALL
def test_an_image_of_too_many_megapixels_is_refused_in_every_image_field(
    admin_client, settings, form
):
    # 48 megapixels in a few kilobytes: Django's own image field lets it in.
    response = post_image(admin_client, form, "wide.png", png_bomb(8000, 6000))
    assert_refused(
        response, form, settings, "8000 × 6000 pixels (48.0 megapixels)", "at most 40 megapixels"
    )


@ALL
def test_a_bitmap_is_refused_in_every_image_field_with_the_formats_named(
    admin_client, settings, form
):
    response = post_image(admin_client, form, "logo.bmp", bmp_bytes())
    assert_refused(response, form, settings, "“logo.bmp” is a BMP image", "JPEG, PNG and WebP")


@ALL
def test_a_pdf_is_refused_in_every_image_field(admin_client, settings, form):
    from news.tests.factories_press import pdf_bytes

    response = post_image(admin_client, form, "logo.pdf", pdf_bytes(pages=1))
    assert_refused(response, form, settings, "“logo.pdf” is a PDF document, not an image")


def test_an_svg_logo_is_refused_because_it_can_carry_scripts(admin_client, settings):
    form = FORMS["partner logo"]
    response = post_image(admin_client, form, "logo.svg", SVG_WITH_SCRIPT)
    assert_refused(response, form, settings, "SVG files are not accepted", "PNG")


def test_a_30_mb_speaker_photo_is_refused_before_it_is_read(admin_client, settings):
    form = FORMS["speaker photo"]
    content = jpeg_bytes((16, 16)) + bytes(30 * 1024 * 1024)
    response = post_image(admin_client, form, "portrait.jpg", content)
    assert_refused(response, form, settings, "This file is 30", "at most 25.0 MB")


def test_a_partner_with_a_bad_person_photo_is_not_saved_at_all(admin_client, settings):
    form = FORMS["partner logo"]
    admin_client.cookies["django_language"] = "en"
    data = form_fields(admin_client.get(form.url))
    data.update(form.fields)
    data.update(
        {
            "people-TOTAL_FORMS": "1",
            "people-0-name": "Jens Demo",
            "people-0-order": "100",
            "people-0-is_public": "on",
            "people-0-photo": SimpleUploadedFile("jens.png", png_bomb(8000, 6000)),
        }
    )
    response = admin_client.post(form.url, data)
    assert response.status_code == 200
    errors = " ".join(li.get_text(" ", strip=True) for li in soup(response).select(".errorlist li"))
    assert "at most 40 megapixels" in errors
    assert not Partner.objects.exists() and not Person.objects.exists()
    assert media_files(settings) == []


def test_the_refusal_is_in_danish_for_danish_staff(admin_client, settings):
    form = FORMS["article image"]
    response = post_image(admin_client, form, "ferie.bmp", bmp_bytes(), language="da")
    assert soup(response).html["lang"] == "da"
    with translation.override("da"):
        expected = translation.gettext(
            "“%(name)s” is a %(type)s image. The site accepts JPEG, PNG and WebP images: "
            "save it as JPEG (a photo) or PNG (a logo or drawing) and upload it again."
        ) % {"name": "ferie.bmp", "type": "BMP"}
    assert expected.startswith("“ferie.bmp” er")
    assert image_errors(response, form) == expected
    assert not Article.objects.exists()


# -- metadata: what is stored ------------------------------------------------------


def assert_no_metadata(image):
    assert dict(image.getexif()) == {}
    assert not {"exif", "xmp", "XML:com.adobe.xmp", "comment", "photoshop"} & set(image.info)
    if hasattr(image, "applist"):  # JPEG: no APP1 (EXIF, XMP), APP13 (IPTC) or COM
        assert not [marker for marker, _ in image.applist if marker in ("APP1", "APP13", "COM")]


def test_an_article_image_loses_its_gps_position_on_upload(admin_client):
    form = FORMS["article image"]
    content = jpeg_bytes((1200, 800), gps=True)
    assert Image.open(io.BytesIO(content)).getexif().get_ifd(ExifTags.IFD.GPSInfo) == GPS

    response = post_image(admin_client, form, "Damp til naboen.JPG", content)

    assert response.status_code == 302, image_errors(response, form)
    name, data, image = stored_image(form)
    assert name == "news/damp-til-naboen.jpg"
    assert b"Demo Camera Works" not in data and b"fictional photographer" not in data
    assert (image.format, image.size) == ("JPEG", (1200, 800))
    assert_no_metadata(image)


@ALL
def test_every_image_field_stores_the_photo_upright_without_its_camera_metadata(admin_client, form):
    # Stored 1200 × 800 with EXIF orientation 6: meant to be seen 800 × 1200.
    content = jpeg_bytes((1200, 800), gps=True, orientation=6)

    response = post_image(admin_client, form, "photo.jpg", content)

    assert response.status_code == 302, image_errors(response, form)
    _name, data, image = stored_image(form)
    assert b"Demo Camera Works" not in data
    assert_no_metadata(image)
    assert image.size == (800, 1200)  # turned as the camera meant, then the tag removed
    # The dark band drawn along the top of the stored image now runs down one side.
    assert image.getpixel((image.width - 5, image.height // 2))[1] < 60
    assert image.getpixel((5, image.height // 2))[1] > 80
    if form.model is Milestone:
        milestone = Milestone.objects.get()
        assert (milestone.image_width, milestone.image_height) == (800, 1200)


def png_with_text_and_profile():
    image = Image.new("RGBA", (300, 100), (0, 0, 0, 0))
    image.paste((11, 107, 74, 255), (20, 20, 280, 80))
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Mette Demo, Kalundborg")
    info.add_itxt("XML:com.adobe.xmp", "<x:xmpmeta>GPS 55.67 11.09</x:xmpmeta>")
    exif = Image.Exif()
    exif[ExifTags.IFD.GPSInfo] = GPS
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    buffer = io.BytesIO()
    image.save(buffer, "PNG", pnginfo=info, exif=exif, icc_profile=profile)
    return buffer.getvalue(), profile


def test_a_partner_logo_loses_its_text_and_gps_but_keeps_its_colour_profile(admin_client):
    form = FORMS["partner logo"]
    content, profile = png_with_text_and_profile()
    assert Image.open(io.BytesIO(content)).getexif().get_ifd(ExifTags.IFD.GPSInfo)

    response = post_image(admin_client, form, "logo.png", content)

    assert response.status_code == 302, image_errors(response, form)
    _name, data, image = stored_image(form)
    assert b"Mette Demo" not in data and b"xmpmeta" not in data
    assert_no_metadata(image)
    assert not {"Author"} & set(image.info)
    assert image.info.get("icc_profile") == profile
    assert (image.mode, image.size, image.getpixel((0, 0))[3]) == ("RGBA", (300, 100), 0)


def test_a_webp_photo_loses_its_exif_on_upload(admin_client):
    form = FORMS["event image"]
    exif = Image.Exif()
    exif[ExifTags.IFD.GPSInfo] = GPS
    buffer = io.BytesIO()
    Image.new("RGB", (400, 300), (30, 110, 80)).save(buffer, "WEBP", exif=exif, xmp=b"<x>GPS</x>")
    assert Image.open(io.BytesIO(buffer.getvalue())).getexif().get_ifd(ExifTags.IFD.GPSInfo)

    response = post_image(admin_client, form, "hall.webp", buffer.getvalue())

    assert response.status_code == 302, image_errors(response, form)
    _name, data, image = stored_image(form)
    assert b"EXIF" not in data and b"XMP " not in data
    assert_no_metadata(image)
    assert (image.format, image.size) == ("WEBP", (400, 300))


def test_an_image_already_stored_is_kept_when_only_the_text_changes(admin_client):
    form = FORMS["speaker photo"]
    response = post_image(admin_client, form, "mette.png", png_bytes())
    assert response.status_code == 302, image_errors(response, form)
    speaker = Speaker.objects.get()
    before = speaker.photo.name
    data = form_fields(admin_client.get(f"/admin/news/speaker/{speaker.pk}/change/"))
    data["name"] = "Mette Demo Jensen"
    response = admin_client.post(f"/admin/news/speaker/{speaker.pk}/change/", data)
    assert response.status_code == 302
    speaker.refresh_from_db()
    assert (speaker.name, speaker.photo.name) == ("Mette Demo Jensen", before)


def test_a_press_photo_is_stored_without_its_gps_position(admin_client):
    from news.tests.test_uploads import upload

    content = jpeg_bytes((1200, 800), gps=True, orientation=6)
    response = upload(admin_client, "Åbent hus.jpg", content)
    assert response.status_code == 302
    asset = PressAsset.objects.get()
    with asset.file.open("rb") as stored:
        data = stored.read()
    image = Image.open(io.BytesIO(data))
    assert b"Demo Camera Works" not in data
    assert_no_metadata(image)
    assert image.size == (800, 1200) == (asset.width, asset.height)
    assert asset.file_size == len(data)
