"""A partner's contact, invited by the secretariat, reports the year's figures in the
workspace; the secretariat accepts them; the public pages and the report show them."""

import io
import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

from exchanges.models import FlowFigure
from exchanges.tests.factories import FlowFactory, FlowFigureFactory, ResourceFactory
from partners.tests.factories import PartnerFactory
from tests.browser.conftest import assert_accessible
from tests.browser.test_enquiries import PASSWORD, log_in_to_the_admin
from tests.mail import body, run_worker
from workspace import invitations
from workspace.models import Answer, DataRound

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

YEAR = 2025
NEW_PASSWORD = "damp-og-vand-i-kalundborg-77"


def test_an_invited_contact_reports_and_the_accepted_figures_are_published(
    page, live_server, smtp_server, settings
):
    settings.SITE_URL = live_server.url
    energy = PartnerFactory(name="Eksempel Energi A/S", slug="eksempel-energi")
    steam = ResourceFactory(slug="damp-test", name_da="Damp", name_en="Steam", category="energy")
    water = ResourceFactory(
        slug="vand-test", name_da="Renset vand", name_en="Water", category="water"
    )
    out = FlowFactory(supplier=energy, resource=steam, year_started=2000)
    inn = FlowFactory(receiver=energy, resource=water, year_started=2000)
    FlowFigureFactory(flow=out, year=YEAR - 1, quantity=Decimal(100000), unit="t")
    FlowFigureFactory(flow=inn, year=YEAR - 1, quantity=Decimal(50000), unit="m3")
    DataRound.objects.create(year=YEAR, deadline=date.today() + timedelta(days=20))
    User.objects.create_superuser("sekretariat", "sekretariat@example.dk", PASSWORD)

    # The secretariat's invitation arrives by mail, through the worker.
    invitations.invite(
        partner=energy, name="Mette Holm", email="mette@eksempel.dk", role="editor", language="da"
    )
    run_worker()
    (mail,) = smtp_server.to("mette@eksempel.dk")
    link = re.search(r"https?://\S+/invitation/\S+/", body(mail)).group(0)

    page.goto(link)
    expect(page.locator("html")).to_have_attribute("lang", "da")
    page.locator("input[name=new_password1]").fill(NEW_PASSWORD)
    page.locator("input[name=new_password2]").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Gem adgangskoden og log ind").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Eksempel Energi A/S")
    assert_accessible(page)

    # To the round's form by its link.
    page.locator(f'a[href$="/{YEAR}/"]').first.click()
    out_row = page.locator("fieldset", has_text="Damp")
    in_row = page.locator("fieldset", has_text="Renset vand")
    out_row.locator(f"[name='flow-{out.pk}-quantity']").fill("200000")
    out_row.locator(f"[name='flow-{out.pk}-unit']").select_option("t")
    out_row.locator(f"[name='flow-{out.pk}-method']").fill("Dampmåler ved skel")
    in_row.locator(f"[name='flow-{inn.pk}-quantity']").fill("52000")
    in_row.locator(f"[name='flow-{inn.pk}-unit']").select_option("m3")
    in_row.locator(f"[name='flow-{inn.pk}-method']").fill("Vandmåler")
    page.get_by_role("button", name="Send til sekretariatet").click()
    # Twice last year's steam: a comment is asked for, and nothing typed is lost.
    expect(out_row.locator(".round-needs-comment")).to_be_visible()
    expect(out_row.locator(f"[name='flow-{out.pk}-quantity']")).to_have_value("200000")
    out_row.locator(f"[name='flow-{out.pk}-comment']").fill("Ny kunde fra marts.")
    page.get_by_role("button", name="Send til sekretariatet").click()
    answer = Answer.objects.get(partner=energy, round__year=YEAR)
    assert answer.status == Answer.Status.SUBMITTED
    assert answer.submitted_by.email == "mette@eksempel.dk"

    # The secretariat accepts in the admin.
    admin = page.context.browser.new_page()
    log_in_to_the_admin(admin, live_server, "sekretariat")
    admin.goto(live_server.url + reverse("admin:workspace_answer_change", args=[answer.pk]))
    admin.get_by_role("button", name="Accept", exact=True).click()
    expect(admin.locator(".messagelist")).to_contain_text("2")
    answer.refresh_from_db()
    assert answer.status == Answer.Status.ACCEPTED
    figure = FlowFigure.objects.get(flow=out, year=YEAR, kind="realised")
    assert (figure.quantity, figure.unit) == (Decimal(200000), "t")
    assert "Dampmåler ved skel" in figure.source

    # The public side: the partner page leads to the flow, whose page has the new year.
    with translation.override("da"):
        page.goto(live_server.url + energy.get_absolute_url())
        page.locator(f'a[href="{out.get_absolute_url()}"]').first.click()
        diagram = reverse("exchanges:diagram")
        figures_csv = reverse("exchanges:download", kwargs={"dataset": "figures", "fmt": "csv"})
    main = page.get_by_role("main")
    expect(main).to_contain_text(str(YEAR))
    expect(main).to_contain_text("200.000")
    page.goto(f"{live_server.url}{diagram}?year={YEAR}")
    expect(page.locator(f'svg.diagram .edges a[href="{out.get_absolute_url()}"]')).to_have_count(1)
    csv_text = page.request.get(live_server.url + figures_csv).text()
    assert re.search(rf"{YEAR}.*200000", csv_text) and "Dampmåler ved skel" in csv_text

    # The report for the year, as a PDF: its text holds the figures and the ESRS datapoints.
    with translation.override("da"):
        pdf_url = reverse(
            "workspace:report-file",
            kwargs={"organisation": energy.slug, "year": YEAR, "format": "pdf"},
        )
    response = page.request.get(live_server.url + pdf_url)
    assert response.headers["content-type"].startswith("application/pdf")
    from pypdf import PdfReader

    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.body())).pages)
    assert "200.000" in text and "52.000" in text
    assert "E5-4" in text and "E5-5" in text
