"""Uploading press files through the admin: what is refused, what is read, what is made."""

import gzip
import io
import os
import struct
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils import translation
from PIL import ExifTags, Image

from news.models import PressAsset
from news.tests.factories_press import (
    PressAssetFactory,
    jpeg_bytes,
    pdf_bytes,
    png_bomb,
    png_bytes,
)
from news.uploads import inspect_bytes, renditions, safe_file_name
from tests.html import soup

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    """admin_client's superuser is made in a millisecond, not hashed for real."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


ADD_URL = "/admin/news/pressasset/add/"
SVG_WITH_SCRIPT = (
    b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b"<script>fetch('/admin/').then(r => r.text()).then(alert)</script>"
    b'<rect width="10" height="10"/></svg>'
)
PHP = b"<?php system($_GET['cmd']); ?>\n"


def media_files(settings):
    root = Path(settings.MEDIA_ROOT)
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def upload(admin_client, name, content, *, language="en", **fields):
    data = {
        "kind": "photo",
        "order": "100",
        "is_public": "on",
        "title_da": "Åbent hus på Asnæs",
        "title_en": "Open day at Asnæs",
        "caption_da": "Besøgende ved rørbroen.",
        "caption_en": "Visitors at the pipe bridge.",
        "licence": "Fri til redaktionel brug / Free for editorial use",
        "credit": "Foto: Mette Demo",
        **fields,
        "file": SimpleUploadedFile(name, content, content_type="image/jpeg"),
    }
    admin_client.cookies["django_language"] = language  # the admin's language switch
    return admin_client.post(ADD_URL, data)


def file_errors(response):
    page = soup(response)
    return [li.get_text(" ", strip=True) for li in page.select(".field-file .errorlist li")]


def assert_refused(response, settings, *words):
    assert response.status_code == 200  # the form again, with the message
    errors = " ".join(file_errors(response)).replace("\xa0", " ")
    for word in words:
        assert word in errors
    assert not PressAsset.objects.exists()
    assert media_files(settings) == []


# -- refused -----------------------------------------------------------------


def test_a_php_file_named_jpg_is_refused_and_nothing_is_saved(admin_client, settings):
    response = upload(admin_client, "holiday.jpg", PHP)
    assert_refused(response, settings, "“holiday.jpg” is named as a JPEG file", "is not JPEG")


def test_a_50_mb_image_is_refused_and_nothing_is_saved(admin_client, settings):
    # A real PNG: 4200 × 4200 pixels stored without compression, about 53 MB.
    buffer = io.BytesIO()
    Image.new("RGB", (4200, 4200), (20, 90, 60)).save(buffer, "PNG", compress_level=0)
    content = buffer.getvalue()
    assert len(content) > 50 * 1024 * 1024
    response = upload(admin_client, "huge.png", content)
    assert_refused(response, settings, "This file is 50", "files may be at most 25.0 MB")


def test_an_svg_with_a_script_is_refused_and_nothing_is_saved(admin_client, settings):
    response = upload(admin_client, "logo.svg", SVG_WITH_SCRIPT, kind="logo")
    assert_refused(response, settings, "SVG files are not accepted", "PNG")


def test_an_svg_named_png_is_refused_too(admin_client, settings):
    response = upload(admin_client, "logo.png", SVG_WITH_SCRIPT, kind="logo")
    assert_refused(response, settings, "SVG files are not accepted")


def test_a_png_named_jpg_is_refused_with_the_right_extension_named(admin_client, settings):
    response = upload(admin_client, "logo.jpg", png_bytes(), kind="logo")
    assert_refused(response, settings, "its content is PNG", "Rename it to end in .png")


def test_a_cut_off_jpeg_is_refused(admin_client, settings):
    response = upload(admin_client, "cut.jpg", jpeg_bytes()[:2000])
    assert_refused(response, settings, "cannot be read", "damaged")


def test_an_image_of_too_many_megapixels_is_refused(admin_client, settings):
    # 48 megapixels in a few kilobytes.
    response = upload(admin_client, "wide.png", png_bomb(8000, 6000), kind="infographic")
    assert_refused(response, settings, "8000 × 6000 pixels (48.0 megapixels)", "at most 40")


def test_a_decompression_bomb_is_refused(admin_client, settings):
    bomb = png_bomb(20000, 20000)  # 400 megapixels, beyond Pillow's own guard
    assert len(bomb) < 100_000
    response = upload(admin_client, "bomb.png", bomb, kind="infographic")
    assert_refused(response, settings, "more than 40 megapixels")


def zip_bomb(megabytes=200):
    """A ZIP of a few hundred kilobytes holding one file of `megabytes` of zeros."""
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive,
        archive.open("zeros.bin", "w", force_zip64=True) as member,
    ):
        chunk = bytes(1024 * 1024)
        for _ in range(megabytes):
            member.write(chunk)
    return buffer.getvalue()


def office_document(name):
    """A minimal Word or Excel file: an Office Open XML package is a ZIP archive."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr(name, "<document>Pressemeddelelse</document>")
    return buffer.getvalue()


def test_a_zip_bomb_is_refused_without_being_unpacked(admin_client, settings):
    bomb = zip_bomb(200)
    assert len(bomb) < 1024 * 1024  # 200 MB of zeros in well under a megabyte
    with zipfile.ZipFile(io.BytesIO(bomb)) as archive:
        assert archive.getinfo("zeros.bin").file_size == 200 * 1024 * 1024
    response = upload(admin_client, "pressekit.zip", bomb, kind="guidelines")
    assert_refused(
        response, settings, "“pressekit.zip” is a compressed archive", "one file at a time"
    )


@pytest.mark.parametrize(
    ("name", "member"),
    [("report.docx", "word/document.xml"), ("figures.xlsx", "xl/workbook.xml")],
)
def test_word_and_excel_files_are_refused(admin_client, settings, name, member):
    response = upload(admin_client, name, office_document(member), kind="guidelines")
    assert_refused(response, settings, f"“{name}” is a compressed archive", "Word, Excel")


def test_an_archive_named_as_an_image_is_refused(admin_client, settings):
    response = upload(admin_client, "photo.jpg", office_document("word/document.xml"))
    assert_refused(response, settings, "“photo.jpg” is a compressed archive")


def test_a_gzip_bomb_is_refused(admin_client, settings):
    bomb = gzip.compress(bytes(50 * 1024 * 1024), compresslevel=9)
    assert len(bomb) < 100_000
    response = upload(admin_client, "logo.png.gz", bomb, kind="logo")
    assert_refused(response, settings, "is a compressed archive")


def jpeg_flood(width=65000, height=65000):
    """A real tiny JPEG whose header claims `width` × `height` pixels (a pixel flood)."""
    content = bytearray(jpeg_bytes((16, 16)))
    start = content.index(b"\xff\xc0")  # SOF0: length (2), precision (1), height, width
    content[start + 5 : start + 9] = struct.pack(">HH", height, width)
    return bytes(content)


def test_a_jpeg_pixel_flood_is_refused(admin_client, settings):
    flood = jpeg_flood()
    assert len(flood) < 10_000
    with pytest.raises(Image.DecompressionBombError):  # 4.2 gigapixels declared
        Image.open(io.BytesIO(flood))
    response = upload(admin_client, "flood.jpg", flood)
    assert_refused(response, settings, "more than 40 megapixels")


def test_a_web_page_named_pdf_is_refused(admin_client, settings):
    response = upload(admin_client, "guide.pdf", b"<html><body>Hi</body></html>", kind="guidelines")
    assert_refused(response, settings, "named as a PDF file")


def test_a_pdf_with_javascript_is_refused(admin_client, settings):
    content = pdf_bytes().replace(b"%%EOF", b"<< /S /JavaScript /JS (app.alert(1)) >>\n%%EOF")
    response = upload(admin_client, "guide.pdf", content, kind="guidelines")
    assert_refused(response, settings, "This PDF contains scripts")


def test_a_photo_must_be_an_image(admin_client, settings):
    response = upload(admin_client, "photo.pdf", pdf_bytes(), kind="photo")
    assert_refused(response, settings, "A photo must be a JPEG, PNG or WebP image.")


def test_the_message_is_in_danish_for_danish_staff(admin_client, settings):
    response = upload(admin_client, "ferie.jpg", PHP, language="da")
    assert soup(response).html["lang"] == "da"
    with translation.override("da"):
        expected = translation.gettext(
            "“%(name)s” is named as a %(type)s file, but its content is not %(type)s. "
            "Upload a real JPEG, PNG or WebP image, or a PDF document."
        ) % {"name": "ferie.jpg", "type": "JPEG"}
    assert file_errors(response) == [expected]
    assert not PressAsset.objects.exists()


# -- accepted ----------------------------------------------------------------


def test_a_real_jpeg_with_gps_is_accepted_and_stored_upright_without_its_metadata(
    admin_client, settings
):
    # A camera's photo: 1200 × 800 stored, turned upright by EXIF orientation 6, with GPS.
    content = jpeg_bytes((1200, 800), gps=True, orientation=6)
    assert Image.open(io.BytesIO(content)).getexif().get_ifd(ExifTags.IFD.GPSInfo)

    response = upload(admin_client, "Åbent hus på Asnæs.JPG", content)

    assert response.status_code == 302, file_errors(response)
    asset = PressAsset.objects.get()
    assert asset.file.name == "press/aabent-hus-paa-asnaes.jpg"
    assert asset.content_type == "image/jpeg"
    assert (asset.width, asset.height) == (800, 1200)  # as the photo is meant to be seen
    # The original (downloaded, and in the press kit) is stored upright, its camera's
    # EXIF with the GPS position and the comment gone (symbiosis.uploads).
    with asset.file.open("rb") as original:
        stored = original.read()
    assert asset.file_size == len(stored)
    image = Image.open(io.BytesIO(stored))
    assert (image.format, image.size) == ("JPEG", (800, 1200))
    assert dict(image.getexif()) == {}
    assert not {"exif", "comment", "xmp"} & set(image.info)
    assert b"Demo Camera Works" not in stored and b"fictional photographer" not in stored
    for rendition, size in ((asset.preview, (480, 720)), (asset.web_version, (800, 1200))):
        with rendition.open("rb") as stored:
            image = Image.open(io.BytesIO(stored.read()))
        assert image.format == "JPEG"
        assert image.size == size  # turned upright, never enlarged
        assert dict(image.getexif()) == {}
        assert not {"exif", "comment", "xmp", "icc_profile"} & set(image.info)
        # The dark band drawn along the top of the stored image now runs down one side.
        assert image.getpixel((image.width - 5, image.height // 2))[1] < 60


def test_a_large_photo_streamed_to_disk_is_accepted(admin_client, settings):
    # Beyond FILE_UPLOAD_MAX_MEMORY_SIZE Django keeps the upload in a temporary file
    # and moves it into MEDIA_ROOT: the processing reads the stored file.
    noise = Image.frombytes("RGB", (2000, 1500), os.urandom(2000 * 1500 * 3))
    buffer = io.BytesIO()
    noise.save(buffer, "JPEG", quality=95)
    content = buffer.getvalue()
    assert len(content) > settings.FILE_UPLOAD_MAX_MEMORY_SIZE
    response = upload(admin_client, "noise.jpg", content)
    assert response.status_code == 302, file_errors(response)
    asset = PressAsset.objects.get()
    assert (asset.file_size, asset.width, asset.height) == (asset.file.size, 2000, 1500)
    assert asset.preview and asset.web_version


def test_a_transparent_png_logo_keeps_its_transparency(admin_client):
    response = upload(admin_client, "logo.png", png_bytes((2400, 1000)), kind="logo")
    assert response.status_code == 302, file_errors(response)
    asset = PressAsset.objects.get()
    assert (asset.content_type, asset.width, asset.height) == ("image/png", 2400, 1000)
    with asset.web_version.open("rb") as stored:
        web = Image.open(io.BytesIO(stored.read()))
    assert (web.format, web.mode, web.size) == ("PNG", "RGBA", (1920, 800))
    assert web.getpixel((0, 0))[3] == 0


def test_a_pdf_is_accepted_without_renditions(admin_client):
    content = pdf_bytes()
    response = upload(admin_client, "Design manual.pdf", content, kind="guidelines")
    assert response.status_code == 302, file_errors(response)
    asset = PressAsset.objects.get()
    assert asset.file.name == "press/design-manual.pdf"
    assert (asset.content_type, asset.file_size) == ("application/pdf", len(content))
    assert (asset.width, asset.height) == (None, None)
    assert not asset.preview and not asset.web_version


def test_the_stored_name_has_no_folders_and_the_detected_extension():
    facts = inspect_bytes(jpeg_bytes(), "photo.jpeg")
    assert safe_file_name("../../etc/Ærø Strand.jpeg", facts.type) == "aeroe-strand.jpg"
    assert safe_file_name("..\\..\\boot.ini\\x.jpeg", facts.type) == "x.jpg"
    assert safe_file_name("????.jpeg", facts.type) == "press-file.jpg"


def test_renditions_are_the_same_bytes_each_time():
    content = jpeg_bytes((2600, 1300))
    facts = inspect_bytes(content, "a.jpg")
    first, out = renditions(content, facts.type)  # imported before tests remember them
    second, _out = renditions(content, facts.type)
    assert first == second and out.label == "JPEG"
    assert Image.open(io.BytesIO(first["web"])).size == (1920, 960)


# -- the admin ---------------------------------------------------------------


def test_saving_text_only_does_not_remake_the_renditions(admin_client):
    asset = PressAssetFactory()
    preview, web, updated = asset.preview.name, asset.web_version.name, asset.file_size
    response = admin_client.post(
        f"/admin/news/pressasset/{asset.pk}/change/",
        {
            "kind": "photo",
            "order": "5",
            "is_public": "on",
            "title_da": "Ny titel",
            "licence": asset.licence,
        },
    )
    assert response.status_code == 302
    asset.refresh_from_db()
    assert asset.title_da == "Ny titel"
    assert (asset.preview.name, asset.web_version.name, asset.file_size) == (preview, web, updated)


def test_replacing_the_file_remakes_everything_and_removes_the_old_file(
    admin_client, settings, django_capture_on_commit_callbacks
):
    asset = PressAssetFactory()
    old = Path(asset.file.path)
    new_content = jpeg_bytes((3000, 2000))
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            f"/admin/news/pressasset/{asset.pk}/change/",
            {
                "kind": "photo",
                "order": "5",
                "is_public": "on",
                "title_da": asset.title_da,
                "licence": asset.licence,
                "file": SimpleUploadedFile("ny.jpg", new_content),
            },
        )
    assert response.status_code == 302, file_errors(response)
    asset.refresh_from_db()
    assert (asset.width, asset.height, asset.file_size) == (3000, 2000, asset.file.size)
    assert asset.file.name == "press/ny.jpg"
    assert not old.exists()
    assert len(media_files(settings)) == 3  # the new original and its two renditions


def test_deleting_an_asset_removes_its_files(
    admin_client, settings, django_capture_on_commit_callbacks
):
    asset = PressAssetFactory()
    assert len(media_files(settings)) == 3
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(f"/admin/news/pressasset/{asset.pk}/delete/", {"post": "yes"})
    assert not PressAsset.objects.exists()
    assert media_files(settings) == []


def test_the_list_shows_thumbnails_and_file_facts_and_edits_the_order(admin_client):
    photo = PressAssetFactory(title_da="Rørbroen", order=20)
    logo = PressAssetFactory(logo=True, title_da="Logo", order=10)
    guide = PressAssetFactory(guidelines=True, title_da="Designmanual", order=30)
    response = admin_client.get("/admin/news/pressasset/")
    page = soup(response)
    rows = page.select("#result_list tbody tr")
    # In the press room's order: photos, logos, … design guidelines.
    assert [r.select_one("td.field-title_da a").get_text() for r in rows] == [
        "Rørbroen",
        "Logo",
        "Designmanual",
    ]
    thumb = rows[0].select_one(".field-thumbnail img")
    assert thumb["src"] == photo.preview.url
    assert (thumb["width"], thumb["height"], thumb["alt"]) == ("96", "64", "")
    size = filesizeformat(photo.file_size)
    assert rows[0].select_one(".field-file_summary").get_text() == f"JPEG · 1200 × 800 px · {size}"
    assert rows[2].select_one(".field-thumbnail").get_text() == "PDF"
    assert rows[0].select_one("input[name$='-order']")["value"] == "20"

    # The order is edited in the list.
    form = {
        "form-TOTAL_FORMS": "3",
        "form-INITIAL_FORMS": "3",
        "action": "",
        "_save": "Save",
    }
    for index, asset in enumerate([photo, logo, guide]):
        form[f"form-{index}-id"] = str(asset.pk)
        form[f"form-{index}-order"] = str([5, 10, 30][index])
    response = admin_client.post("/admin/news/pressasset/", form)
    assert response.status_code == 302
    photo.refresh_from_db()
    assert photo.order == 5


def test_the_list_is_searched_in_both_languages_and_filtered(admin_client):
    PressAssetFactory(title_da="Rørbroen", caption_en="Pipes over the road.")
    PressAssetFactory(title_da="Tissø", caption_en="The lake.", title_en="")
    PressAssetFactory(logo=True, title_da="Logo", caption_en="The logo.")
    found = soup(admin_client.get("/admin/news/pressasset/", {"q": "pipes"}))
    assert [a.get_text() for a in found.select("#result_list td.field-title_da a")] == ["Rørbroen"]
    logos = soup(admin_client.get("/admin/news/pressasset/", {"kind__exact": "logo"}))
    assert [a.get_text() for a in logos.select("#result_list td.field-title_da a")] == ["Logo"]
    missing = soup(admin_client.get("/admin/news/pressasset/", {"english": "missing"}))
    assert [a.get_text() for a in missing.select("#result_list td.field-title_da a")] == ["Tissø"]


def test_the_change_page_shows_what_was_read_from_the_file(admin_client):
    asset = PressAssetFactory()
    page = soup(admin_client.get(f"/admin/news/pressasset/{asset.pk}/change/"))
    assert page.select_one(".field-content_type .readonly").get_text() == "image/jpeg"
    assert page.select_one(".field-dimensions .readonly").get_text() == "1200 × 800 px"
    assert page.select_one(".field-preview_image img")["src"] == asset.preview.url
    assert page.select_one("input[type=file]")["accept"] == ".jpg,.jpeg,.jpe,.png,.webp,.pdf"
    # Nothing read from the file can be typed.
    assert not page.select("input[name=width], input[name=content_type]")
