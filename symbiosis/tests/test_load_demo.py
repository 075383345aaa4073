import os
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.forms.models import model_to_dict

from partners.models import Partner

pytestmark = pytest.mark.django_db


def snapshot(media_root):
    rows = {p.slug: (model_to_dict(p), p.updated) for p in Partner.objects.all()}
    files = {
        path.relative_to(media_root): path.read_bytes()
        for path in media_root.rglob("*")
        if path.is_file()
    }
    return rows, files


def test_demo_builds_the_real_partners_with_logos(settings):
    call_command("load_demo", stdout=StringIO())
    # The 17 partners of the symbiosis, and the draft an approved demo application made.
    assert Partner.objects.filter(is_public=True).members().count() == 17
    assert Partner.objects.get(is_public=False, application__isnull=False).cvr == "24256790"
    orsted = Partner.objects.get(slug="orsted")
    assert orsted.name == "Ørsted"
    assert orsted.logo.name == "partners/logos/orsted.png"
    assert (settings.MEDIA_ROOT / orsted.logo.name).read_bytes().startswith(b"\x89PNG")
    # One partner without English text shows the fallback in the demo.
    assert Partner.objects.filter(summary_en="").exists()


@pytest.mark.slow
def test_running_the_demo_twice_changes_nothing(settings):
    call_command("load_demo", stdout=StringIO())
    before = snapshot(settings.MEDIA_ROOT)
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert snapshot(settings.MEDIA_ROOT) == before
    assert "(0 rows created or changed)" in out.getvalue()


@pytest.mark.slow
def test_demo_repairs_a_missing_logo(settings):
    call_command("load_demo", stdout=StringIO())
    logo = settings.MEDIA_ROOT / "partners/logos/argo.png"
    logo.unlink()
    call_command("load_demo", stdout=StringIO())
    assert logo.read_bytes().startswith(b"\x89PNG")


def test_demo_admin_prints_a_working_login(monkeypatch, settings):
    settings.DEBUG = True  # `make run`'s .env
    monkeypatch.setitem(os.environ, "DEMO_ADMIN_PASSWORD", "a-long-demo-password")
    out = StringIO()
    call_command("demo_admin", stdout=out)
    assert "user: admin  password: a-long-demo-password" in out.getvalue()
    assert get_user_model().objects.get(username="admin").check_password("a-long-demo-password")


def test_demo_admin_refuses_without_a_password(monkeypatch, settings):
    settings.DEBUG = True
    monkeypatch.delitem(os.environ, "DEMO_ADMIN_PASSWORD", raising=False)
    with pytest.raises(CommandError, match="DEMO_ADMIN_PASSWORD"):
        call_command("demo_admin")


def test_demo_admin_refuses_to_make_a_superuser_with_debug_off(monkeypatch, settings):
    settings.DEBUG = False  # production settings, where a known password is a way in
    monkeypatch.setitem(os.environ, "DEMO_ADMIN_PASSWORD", "a-long-demo-password")

    with pytest.raises(CommandError, match="DEBUG is off") as refused:
        call_command("demo_admin", stdout=StringIO())

    assert "--i-know-this-is-not-development" in str(refused.value)
    assert not get_user_model().objects.filter(username="admin").exists()


def test_demo_admin_runs_with_debug_off_when_told_explicitly(monkeypatch, settings):
    settings.DEBUG = False  # a throw-away production-like site: the Observatory run, a test
    monkeypatch.setitem(os.environ, "DEMO_ADMIN_PASSWORD", "a-long-demo-password")
    out = StringIO()

    call_command("demo_admin", "--i-know-this-is-not-development", stdout=out)

    assert "user: admin  password: a-long-demo-password" in out.getvalue()
    assert get_user_model().objects.get(username="admin").is_superuser
