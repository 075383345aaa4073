"""Nothing is beyond repair: versions, compare, restore and recovery, through the admin."""

import datetime
from decimal import Decimal

import pytest
import reversion
from django.forms.models import model_to_dict
from reversion.models import Version

from exchanges.models import Flow, FlowFigure
from exchanges.tests.factories import FlowFactory, FlowFigureFactory
from news.models import Article
from news.tests.factories_articles import ArticleFactory, an_hour_ago
from partners.tests.factories import PartnerFactory
from tests.admin_forms import form_fields
from tests.html import soup

pytestmark = pytest.mark.django_db


def snapshot_article(article):
    article = Article.objects.get(pk=article.pk)
    fields = model_to_dict(article, exclude=["related_partners", "related_flows", "lead_image"])
    fields["lead_image"] = article.lead_image.name
    fields["partners"] = sorted(p.pk for p in article.related_partners.all())
    fields["flows"] = sorted(f.pk for f in article.related_flows.all())
    return fields


def snapshot_flow(flow):
    flow = Flow.objects.get(pk=flow.pk)
    figures = sorted(
        tuple(sorted(model_to_dict(f).items(), key=lambda kv: kv[0]))
        for f in FlowFigure.objects.filter(flow=flow)
    )
    return model_to_dict(flow), figures


def save_through_admin(client, url, changes):
    """Open the admin's change form, change some fields and press Save."""
    data = form_fields(client.get(url))
    data.update(changes)
    data["_save"] = "Save"
    response = client.post(url, data)
    assert response.status_code == 302, soup(response).select(".errorlist")
    return response


def restore_through_admin(client, version):
    """History › the version › Save: what a member of staff does to restore."""
    opts = version._model._meta
    url = f"/admin/{opts.app_label}/{opts.model_name}/{version.object_id}/history/{version.pk}/"
    page = client.get(url)
    assert page.status_code == 200
    data = form_fields(page)
    data["_save"] = "Save"
    response = client.post(url, data)
    assert response.status_code == 302, soup(response).select(".errorlist")


def test_restoring_an_article_brings_back_every_field_and_relation(admin_client):
    partners = [PartnerFactory() for _ in range(3)]
    flows = [FlowFactory() for _ in range(2)]
    article = ArticleFactory(
        with_image=True, related_partners=partners[:2], related_flows=flows[:1]
    )
    url = f"/admin/news/article/{article.pk}/change/"
    save_through_admin(admin_client, url, {})  # the first version, as it is
    before = snapshot_article(article)

    save_through_admin(
        admin_client,
        url,
        {
            "title_da": "Helt ny titel",
            "title_en": "",
            "lead_da": "Ny indledning",
            "body_da": "<p>Ny tekst</p>",
            "kind": "press",
            "status": "draft",
            "image_alt_da": "Andet billede",
            "image_credit": "Nogen andre",
            "related_partners": [str(partners[2].pk)],
            "related_flows": [str(flows[1].pk)],
        },
    )
    changed = snapshot_article(article)
    assert changed["title_da"] == "Helt ny titel" and changed["partners"] == [partners[2].pk]

    first = Version.objects.get_for_object(article).order_by("pk").first()
    restore_through_admin(admin_client, first)
    assert snapshot_article(article) == before


def test_restoring_a_flow_brings_back_its_yearly_figures_exactly(admin_client):
    flow = FlowFactory(story_da="Damp til fabrikken")
    kept = FlowFigureFactory(flow=flow, year=2019, quantity=Decimal("1000"))
    FlowFigureFactory(flow=flow, year=2020, quantity=Decimal("1100"))
    url = f"/admin/exchanges/flow/{flow.pk}/change/"
    save_through_admin(admin_client, url, {})
    before = snapshot_flow(flow)

    # Change the story, one figure's quantity, delete the other and add a third.
    data = form_fields(admin_client.get(url))
    prefix = "figures"
    total = int(data[f"{prefix}-TOTAL_FORMS"][0])
    rows = {data[f"{prefix}-{i}-id"][0]: i for i in range(total) if data[f"{prefix}-{i}-id"][0]}
    data["story_da"] = "Ny historie"
    data[f"{prefix}-{rows[str(kept.pk)]}-quantity"] = "999"
    other = next(i for pk, i in rows.items() if pk != str(kept.pk))
    data[f"{prefix}-{other}-DELETE"] = "on"
    new = total - 1  # the empty extra row
    data.update(
        {
            f"{prefix}-{new}-year": "2021",
            f"{prefix}-{new}-kind": "realised",
            f"{prefix}-{new}-quantity": "5",
            f"{prefix}-{new}-unit": kept.unit,
            f"{prefix}-{new}-source": "Ny kilde",
        }
    )
    data["_save"] = "Save"
    assert admin_client.post(url, data).status_code == 302
    assert snapshot_flow(flow) != before
    assert sorted(FlowFigure.objects.filter(flow=flow).values_list("year", flat=True)) == [
        2019,
        2021,
    ]

    restore_through_admin(admin_client, Version.objects.get_for_object(flow).order_by("pk").first())
    assert snapshot_flow(flow) == before


def test_a_deleted_article_is_recovered_from_the_admin(admin_client):
    partner = PartnerFactory()
    # Whole seconds: the admin's form (which saves the recovered item) shows no
    # microseconds, and no article made in the admin has any.
    article = ArticleFactory(
        title_da="Slettes ved en fejl",
        related_partners=[partner],
        publish_at=an_hour_ago().replace(microsecond=0),
    )
    before = snapshot_article(article)
    assert not Version.objects.get_for_object(article).exists()  # never saved in the admin

    response = admin_client.post(f"/admin/news/article/{article.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Article.objects.filter(pk=article.pk).exists()

    recover_list = soup(admin_client.get("/admin/news/article/recover/"))
    link = next(
        a for a in recover_list.select("#change-history a") if a.text == "Slettes ved en fejl"
    )
    recover_url = link["href"]
    data = form_fields(admin_client.get(recover_url))
    data["_save"] = "Save"
    assert admin_client.post(recover_url, data).status_code == 302
    assert snapshot_article(Article.objects.get(pk=article.pk)) == before
    # Who deleted is kept with the deletion.
    deletion = Version.objects.get_for_object_reference(Article, article.pk).order_by("pk").first()
    assert deletion.revision.user.username == "admin"


def test_a_bulk_deletion_can_be_recovered_too(admin_client):
    articles = [ArticleFactory() for _ in range(2)]
    response = admin_client.post(
        "/admin/news/article/",
        {"action": "delete_selected", "_selected_action": [a.pk for a in articles], "post": "yes"},
    )
    assert response.status_code == 302
    deleted = Version.objects.get_deleted(Article)
    assert sorted(int(v.object_id) for v in deleted) == sorted(a.pk for a in articles)


def test_compare_shows_what_changed_since_a_version(admin_client):
    article = ArticleFactory(title_da="Gammel titel", lead_da="Samme indledning")
    url = f"/admin/news/article/{article.pk}/change/"
    save_through_admin(admin_client, url, {})
    save_through_admin(admin_client, url, {"title_da": "Ny titel"})
    first = Version.objects.get_for_object(article).order_by("pk").first()

    history = soup(admin_client.get(f"/admin/news/article/{article.pk}/history/"))
    compare_links = [
        a["href"] for a in history.select("#change-history a") if "compare" in a["href"]
    ]
    assert f"/history/{first.pk}/compare/" in " ".join(compare_links)

    page = soup(admin_client.get(f"/admin/news/article/{article.pk}/history/{first.pk}/compare/"))
    changed = {
        row.th.contents[0].strip(): [td.get_text(strip=True) for td in row.select("td")]
        for row in page.select(".compare-table tr.changed")
    }
    assert changed == {"Titel (dansk)": ["Gammel titel", "Ny titel"]}
    assert page.select_one(f'a[href$="/history/{first.pk}/"]') is not None  # restore


def test_a_version_made_outside_the_admin_records_no_user_but_restores(admin_client):
    article = ArticleFactory(title_da="Fra skallen")
    with reversion.create_revision():
        article.save()
    article.title_da = "Ændret"
    article.save()
    restore_through_admin(admin_client, Version.objects.get_for_object(article).first())
    article.refresh_from_db()
    assert article.title_da == "Fra skallen"
    assert article.first_published <= datetime.date.today()


def test_generated_rows_can_be_deleted_without_versions():
    from symbiosis.versions.deletions import without_deletion_history

    kept, skipped = ArticleFactory(), ArticleFactory()
    kept_pk = kept.pk
    with without_deletion_history():
        skipped.delete()
    kept.delete()
    deleted = {int(v.object_id) for v in Version.objects.get_deleted(Article)}
    assert deleted == {kept_pk}
