"""The roles made by the data migration (symbiosis/roles.py) let each member of staff
do their job and nothing more."""

import pytest
from django.contrib.auth.models import Group, Permission

from exchanges.models import Flow
from exchanges.tests.factories import FlowFactory
from partners.models import Partner
from partners.tests.factories import PartnerFactory
from symbiosis import roles

pytestmark = pytest.mark.django_db


@pytest.fixture
def login(client, django_user_model):
    def _login(*role_names):
        user = django_user_model.objects.create_user(
            "-".join(role_names) or "nobody", password="x", is_staff=True
        )
        user.groups.set(Group.objects.filter(name__in=role_names))
        client.force_login(user)
        return client

    return _login


def test_the_migration_made_the_four_roles():
    names = set(Group.objects.values_list("name", flat=True))
    assert {roles.EDITOR, roles.PRESS, roles.DATA, roles.ADMINISTRATOR} <= names
    administrator = Group.objects.get(name=roles.ADMINISTRATOR)
    assert administrator.permissions.count() == Permission.objects.count()
    assert administrator.permissions.filter(codename="change_user").exists()


def test_an_editor_edits_pages_but_cannot_change_a_flow(login):
    client = login(roles.EDITOR)
    flow = FlowFactory(story_da="Damp")
    assert client.get("/admin/pages/page/add/").status_code == 200
    assert client.get("/admin/news/article/add/").status_code == 200
    # Flows: may look (to link them from news), never change.
    page = client.get(f"/admin/exchanges/flow/{flow.pk}/change/")
    assert page.status_code == 200 and b'name="story_da"' not in page.content
    response = client.post(f"/admin/exchanges/flow/{flow.pk}/change/", {"story_da": "Ændret"})
    assert response.status_code == 403
    assert Flow.objects.get(pk=flow.pk).story_da == "Damp"
    assert client.get("/admin/exchanges/flow/add/").status_code == 403


def test_the_press_role_cannot_delete_a_partner(login):
    client = login(roles.PRESS)
    partner = PartnerFactory()
    assert client.get("/admin/news/pressasset/add/").status_code == 200
    assert client.get(f"/admin/partners/partner/{partner.pk}/delete/").status_code == 403
    response = client.post(f"/admin/partners/partner/{partner.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    assert Partner.objects.filter(pk=partner.pk).exists()


def test_a_data_user_edits_flows_but_cannot_open_the_page_editor(login):
    client = login(roles.DATA)
    flow = FlowFactory()
    assert client.get(f"/admin/exchanges/flow/{flow.pk}/change/").status_code == 200
    assert client.get("/admin/pages/page/add/").status_code == 403
    assert client.get("/admin/pages/page/").status_code == 403


def test_only_the_administrator_manages_users(login):
    assert login(roles.EDITOR, roles.PRESS, roles.DATA).get("/admin/auth/user/").status_code == 403


def test_the_administrator_manages_users(login):
    assert login(roles.ADMINISTRATOR).get("/admin/auth/user/").status_code == 200


def test_sync_roles_is_repeatable():
    from django.apps import apps

    before = {g.name: set(g.permissions.values_list("pk", flat=True)) for g in Group.objects.all()}
    roles.sync_roles(apps)
    after = {g.name: set(g.permissions.values_list("pk", flat=True)) for g in Group.objects.all()}
    assert before == after


def test_sync_roles_leaves_the_app_registry_as_it_was():
    from django.apps import apps

    before = {config.label: config.models_module for config in apps.get_app_configs()}
    roles.sync_roles(apps)
    assert {config.label: config.models_module for config in apps.get_app_configs()} == before
