"""The organisation's profile: an editor proposes, the secretariat approves or declines."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from PIL import Image

from partners.tests.factories import PersonFactory
from tests.admin_forms import form_fields
from tests.html import soup
from workspace.models import ProfileChange
from workspace.tests.factories import MembershipFactory, ViewerFactory

pytestmark = pytest.mark.django_db


def url(member, language="da"):
    with translation.override(language):
        return reverse("workspace:profile", kwargs={"organisation": member.partner.slug})


def words(element):
    return " ".join(element.get_text(" ").split()) if element is not None else ""


def posted(client, member, **changes):
    data = {
        key: value
        for key, value in form_fields(client.get(url(member)), "main form.enquiry-form").items()
    }
    data.update(changes)
    return client.post(url(member), data)


def png():
    buffer = io.BytesIO()
    Image.new("RGB", (320, 160), (20, 90, 140)).save(buffer, "PNG")
    return SimpleUploadedFile("logo.png", buffer.getvalue(), content_type="image/png")


def test_a_change_waits_for_the_secretariat_and_is_published_when_approved(client, admin_client):
    member = MembershipFactory(
        partner__name="Eksempel Energi", partner__description_da="Gammel tekst."
    )
    PersonFactory(organisation=member.partner, name="Gammel Kontakt", email="gammel@eksempel.dk")
    client.force_login(member.user)

    response = posted(
        client,
        member,
        description_da="Ny tekst om virksomheden.",
        website="https://eksempel.dk/",
        contact_name="Ny Kontakt",
        contact_email="ny@eksempel.dk",
    )
    assert response.status_code == 302
    change = ProfileChange.objects.get()
    assert change.status == "pending" and change.by == member.user
    assert change.proposed["description_da"] == "Ny tekst om virksomheden."
    assert change.previous["description_da"] == "Gammel tekst."
    assert change.proposed["contact_email"] == "ny@eksempel.dk"
    member.partner.refresh_from_db()
    assert member.partner.description_da == "Gammel tekst."  # not published yet

    page = soup(client.get(url(member)))
    assert "Venter på sekretariatet" in words(page.select_one(".pending"))
    assert words(page.select_one(".pending del")) == "Gammel tekst."
    # The form goes on from the waiting proposal.
    assert page.select_one("textarea[name=description_da]").get_text().strip() == (
        "Ny tekst om virksomheden."
    )

    change_url = reverse("admin:workspace_profilechange_change", args=[change.pk])
    admin_page = admin_client.get(change_url)
    assert "Ny tekst om virksomheden." in words(soup(admin_page).select_one("table.diff"))
    data = form_fields(admin_page)
    data["_approve"] = "1"
    assert admin_client.post(change_url, data).status_code == 302
    change.refresh_from_db()
    assert change.status == "approved" and change.decided_by.username == "admin"
    public = soup(client.get(member.partner.get_absolute_url()))
    assert "Ny tekst om virksomheden." in words(public.select_one("main"))
    member.partner.refresh_from_db()
    assert member.partner.website == "https://eksempel.dk/"
    assert member.partner.people.get(is_public=True).email == "ny@eksempel.dk"


def test_a_new_logo_is_published_only_on_approval(client, admin_client):
    member = MembershipFactory()
    client.force_login(member.user)
    assert posted(client, member, logo=png()).status_code == 302
    change = ProfileChange.objects.get()
    assert change.logo and not member.partner.logo
    change_url = reverse("admin:workspace_profilechange_change", args=[change.pk])
    data = form_fields(admin_client.get(change_url))
    data["_approve"] = "1"
    admin_client.post(change_url, data)
    member.partner.refresh_from_db()
    assert member.partner.logo.name.endswith(".png")


def test_a_declined_change_leaves_the_profile_and_says_why(client, admin_client):
    member = MembershipFactory(partner__website="https://gammel.dk/")
    client.force_login(member.user)
    posted(client, member, website="https://ny.dk/")
    change = ProfileChange.objects.get()
    change_url = reverse("admin:workspace_profilechange_change", args=[change.pk])
    data = form_fields(admin_client.get(change_url))
    data.update(_decline="1", comment="Adressen virker ikke.")
    admin_client.post(change_url, data)
    member.partner.refresh_from_db()
    assert member.partner.website == "https://gammel.dk/"
    page = soup(client.get(url(member)))
    assert "Adressen virker ikke." in words(page.select_one("main"))


def test_bad_input_is_answered_and_nothing_is_kept(client):
    member = MembershipFactory()
    client.force_login(member.user)
    response = posted(client, member, website="ikke en adresse", contact_email="ny@eksempel.dk")
    assert response.status_code == 200
    errors = words(soup(response).select_one(".form-errors"))
    assert "gyldig" in errors.lower()
    assert "kontaktpersonens navn" in errors
    bad_image = SimpleUploadedFile("logo.png", b"not an image", content_type="image/png")
    assert posted(client, member, logo=bad_image).status_code == 200
    assert not ProfileChange.objects.exists()


def test_nothing_changed_is_said_and_not_sent(client):
    member = MembershipFactory()
    client.force_login(member.user)
    response = posted(client, member)
    assert response.status_code == 302
    assert not ProfileChange.objects.exists()


def test_a_viewer_reads_the_profile_and_cannot_change_it(client):
    member = ViewerFactory(partner__website="https://eksempel.dk/")
    client.force_login(member.user)
    page = soup(client.get(url(member, "en")))
    assert page.select_one("main form.enquiry-form") is None
    assert "https://eksempel.dk/" in words(page.select_one(".profile-values"))
    response = client.post(url(member, "en"), {"website": "https://ondt.dk/"})
    assert response.status_code == 403
    assert not ProfileChange.objects.exists()
