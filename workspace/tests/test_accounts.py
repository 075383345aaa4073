"""Signing in to the workspace, invitations from the admin, the workspace's pages."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone, translation
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from partners.tests.factories import PartnerFactory
from tests.admin_forms import form_fields
from tests.html import soup
from tests.mail import body, run_worker
from workspace import invitations
from workspace.models import Invitation, Membership, Role
from workspace.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db

PASSWORD = "en-lang-adgangskode-42"


def url(name, language="da", **kwargs):
    with translation.override(language):
        return reverse(f"workspace:{name}", kwargs=kwargs)


def words(element):
    return " ".join(element.get_text(" ").split()) if element is not None else ""


def link_in(message):
    return re.search(r"https?://\S+/invitation/\S+/", body(message)).group(0)


def test_the_addresses_are_in_each_language():
    assert url("home") == "/da/konto/"
    assert url("home", "en") == "/en/account/"
    assert url("login") == "/da/konto/log-ind/"
    assert url("login", "en") == "/en/account/sign-in/"


def test_an_invited_contact_sets_a_password_and_is_in_the_workspace(
    admin_client, client, smtp_server, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "http://testserver"
    partner = PartnerFactory(name="Eksempel Energi A/S")
    add = reverse("admin:workspace_invitation_add")
    data = form_fields(admin_client.get(add))
    data.update(
        partner=partner.pk,
        name="Mette Holm",
        email="mette@eksempel.dk",
        language="da",
        role="editor",
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(add, data)
    assert response.status_code == 302, words(soup(response).select_one(".errorlist"))
    invitation = Invitation.objects.get()
    assert invitation.state == "open" and invitation.invited_by.username == "admin"

    run_worker()
    (message,) = smtp_server.to("mette@eksempel.dk")
    assert "Eksempel Energi A/S" in body(message)
    link = link_in(message)
    # Only the token's hash is kept: the database holds no working link.
    assert link.rstrip("/").rsplit("/", 1)[-1] not in invitation.token_hash
    path = link.removeprefix("http://testserver")

    page = client.get(path)
    assert "Mette Holm" in words(soup(page).select_one("main"))
    assert page["X-Robots-Tag"] == "noindex, nofollow"
    weak = client.post(path, {"new_password1": "mette", "new_password2": "mette"})
    assert weak.status_code == 400
    assert not get_user_model().objects.filter(email="mette@eksempel.dk").exists()

    accepted = client.post(path, {"new_password1": PASSWORD, "new_password2": PASSWORD})
    assert accepted["Location"] == url("organisation", organisation=partner.slug)
    user = get_user_model().objects.get(email="mette@eksempel.dk")
    assert Membership.objects.get(user=user).partner == partner
    assert not user.is_staff
    home = client.get(accepted["Location"])
    assert soup(home).h1.get_text(strip=True) == "Eksempel Energi A/S"
    assert "Velkommen" in words(soup(home).select_one(".messages"))

    # The link works once.
    client.logout()
    again = client.get(path)
    assert again.status_code == 410
    assert "allerede brugt" in words(soup(again).select_one("main"))
    # And the new password signs in, with the e-mail address as user name.
    signed_in = client.post(url("login"), {"username": "mette@eksempel.dk", "password": PASSWORD})
    assert signed_in.status_code == 302


def test_an_expired_a_withdrawn_and_an_unknown_link_say_which(client, settings):
    settings.SITE_URL = "http://testserver"
    partner = PartnerFactory()
    unknown = client.get(url("invitation", "en", token="unknown-token"))
    assert unknown.status_code == 404
    assert "no invitation with this link" in words(soup(unknown).select_one("main"))
    for state, expected in (("expired", "has expired"), ("withdrawn", "has withdrawn")):
        invitation = Invitation(partner=partner, name="B", email="b@example.org")
        made = invitations.send(invitation)
        if state == "expired":
            Invitation.objects.filter(pk=made.pk).update(
                expires=timezone.now() - timedelta(seconds=1)
            )
        else:
            Invitation.objects.filter(pk=made.pk).update(withdrawn=True)
        # The token is only in the mail: find it by making the link the same way.
        raw = invitations.new_token()
        Invitation.objects.filter(pk=made.pk).update(token_hash=invitations.token_hash(raw))
        page = client.get(url("invitation", "en", token=raw))
        assert page.status_code == 410
        assert expected in words(soup(page).select_one("main"))
        posted = client.post(
            url("invitation", "en", token=raw),
            {"new_password1": PASSWORD, "new_password2": PASSWORD},
        )
        assert posted.status_code == 410
    assert not get_user_model().objects.filter(email="b@example.org").exists()


def test_an_invitation_for_a_known_address_adds_the_organisation_after_sign_in(client, settings):
    settings.SITE_URL = "http://testserver"
    member = MembershipFactory(user__email="anna@firma.dk")
    other = PartnerFactory(name="Anden Virksomhed")
    invitation = Invitation(partner=other, name="Anna", email="anna@firma.dk", role=Role.VIEWER)
    invitations.send(invitation)
    raw = invitations.new_token()
    Invitation.objects.filter(pk=invitation.pk).update(token_hash=invitations.token_hash(raw))

    response = client.post(url("invitation", token=raw))
    # The link alone signs nobody in to an account that has a password.
    assert response["Location"] == url("login")
    assert "_auth_user_id" not in client.session
    roles = dict(Membership.objects.filter(user=member.user).values_list("partner__name", "role"))
    assert roles == {member.partner.name: "editor", "Anden Virksomhed": "viewer"}


def test_sign_in_with_a_wrong_password_gets_one_answer_and_nothing_else(client):
    MembershipFactory(user__username="kontakt")
    response = client.post(url("login", "en"), {"username": "kontakt", "password": "wrong"})
    assert response.status_code == 200
    assert "do not match an account" in words(soup(response).select_one(".form-errors"))
    unknown = client.post(url("login", "en"), {"username": "nobody", "password": "wrong"})
    assert words(soup(unknown).select_one(".form-errors")) == words(
        soup(response).select_one(".form-errors")
    )
    assert "_auth_user_id" not in client.session


def test_the_lockout_covers_the_workspace_as_it_covers_the_admin(client, settings):
    MembershipFactory(user__username="kontakt")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        client.post(url("login"), {"username": "kontakt", "password": "forkert"})
    locked = client.post(url("login"), {"username": "kontakt", "password": "forkert"})
    assert locked.status_code == 429
    assert "Retry-After" in locked
    # The public site's page, in the visitor's language, not the admin's.
    assert soup(locked).html["lang"] == "da"
    assert soup(locked).select_one(".site-header") is not None
    # Even the right password waits now.
    right = client.post(url("login"), {"username": "kontakt", "password": PASSWORD})
    assert right.status_code == 429
    assert "_auth_user_id" not in client.session


def test_an_account_with_an_authenticator_app_gives_its_code(client):
    member = MembershipFactory(user__username="kodet")
    device = TOTPDevice.objects.create(user=member.user, name="Telefon", confirmed=True)
    first = client.post(url("login"), {"username": "kodet", "password": PASSWORD})
    assert first["Location"] == url("login-code")
    assert "_auth_user_id" not in client.session
    wrong = client.post(url("login-code"), {"code": "000000"})
    assert "ikke rigtig" in words(soup(wrong).select_one(".form-errors"))
    device.refresh_from_db()
    device.throttle_reset()  # django-otp makes the next try wait after a wrong code
    code = totp(device.bin_key, device.step, device.t0, device.digits, device.drift)
    done = client.post(url("login-code"), {"code": f"{code:06d}"})
    assert done.status_code == 302
    assert client.session["_auth_user_id"] == str(member.user.pk)


def test_the_demo_partner_signs_in_with_user_name_and_password_and_no_code(client, monkeypatch):
    from workspace import demo

    PartnerFactory(slug=demo.PARTNER, name="Kalundborg Refinery")
    monkeypatch.setenv("DEMO_PARTNER_PASSWORD", "a-long-demo-partner-password")
    demo.load()
    response = client.post(
        url("login"), {"username": "demo-partner", "password": "a-long-demo-partner-password"}
    )
    assert response.status_code == 302
    page = client.get(response["Location"], follow=True)
    assert soup(page).h1.get_text(strip=True) == "Kalundborg Refinery"
    assert "indberetning" in page.content.decode().lower() or page.context["membership"].may_edit


def test_workspace_pages_are_never_cached_nor_indexed_and_need_a_sign_in(client):
    member = MembershipFactory()
    anonymous = client.get(url("organisation", organisation=member.partner.slug))
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith(url("login"))

    client.force_login(member.user)
    for page in (
        url("home"),
        url("organisation", organisation=member.partner.slug),
        url("profile", organisation=member.partner.slug),
        url("password"),
    ):
        response = client.get(page, follow=True)
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"] or "private" in response["Cache-Control"]
        assert response["X-Robots-Tag"] == "noindex, nofollow"
        assert soup(response).select_one('meta[name="robots"]')["content"] == "noindex, nofollow"


def test_the_workspace_is_in_no_sitemap_and_robots_keep_out(client):
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "konto" not in sitemap and "account" not in sitemap


def test_a_person_of_several_organisations_chooses_among_them(client):
    member = MembershipFactory(partner__name="Første A/S")
    MembershipFactory(user=member.user, partner__name="Anden A/S", role=Role.VIEWER)
    client.force_login(member.user)
    page = soup(client.get(url("home", "en")))
    cards = [words(card) for card in page.select(".workspace-cards li")]
    assert cards == ["Anden A/S Viewer", "Første A/S Editor"]
    assert [a["href"] for a in page.select(".workspace-cards a")] == [
        url("organisation", "en", organisation=m.partner.slug)
        for m in Membership.objects.filter(user=member.user).order_by("partner__name")
    ]
