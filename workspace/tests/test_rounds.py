"""The yearly data round: the partner's form, the secretariat's review in the admin,
publishing accepted figures, flagging disagreeing ends, reminders and the overdue."""

from datetime import timedelta
from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from exchanges.models import Flow, FlowFigure
from exchanges.tests.factories import FlowFactory, FlowFigureFactory, ResourceFactory
from exchanges.units import Unit
from partners.tests.factories import PartnerFactory
from symbiosis import dates
from symbiosis.models import OutgoingMail
from tests.html import soup, text_of
from tests.mail import body, run_worker
from workspace import retention, round_work
from workspace.models import Answer, DataRound, Invitation, ReportedFigure
from workspace.tests.factories import (
    AnswerFactory,
    DataRoundFactory,
    MembershipFactory,
    UserFactory,
    ViewerFactory,
)

pytestmark = pytest.mark.django_db

YEAR = dates.this_year() - 1


def form_url(partner, year=YEAR, language="en"):
    with translation.override(language):
        return reverse("workspace:round", kwargs={"organisation": partner.slug, "year": year})


@pytest.fixture
def setting(settings):
    """A partner with an editor, a heat flow out (1000 MWh published last year) and a
    water flow in, and an open round for YEAR."""
    settings.SITE_URL = "https://symbiosis.example.org"
    partner = PartnerFactory(name="Varme A/S")
    editor = MembershipFactory(partner=partner, user__email="editor@example.org")
    out = FlowFactory(supplier=partner, resource=ResourceFactory(heat=True, name_en="Heat"))
    into = FlowFactory(receiver=partner, resource=ResourceFactory(water=True, name_en="Water"))
    FlowFigureFactory(flow=out, year=YEAR - 1, quantity=Decimal("1000"), unit=Unit.MWH)
    data_round = DataRoundFactory(year=YEAR)
    return {"partner": partner, "editor": editor, "out": out, "into": into, "round": data_round}


def row(flow, quantity="", unit="", method="", publish=True, comment=""):
    p = f"flow-{flow.pk}-"
    data = {
        p + "quantity": quantity,
        p + "unit": unit,
        p + "method": method,
        p + "comment": comment,
    }
    if publish:
        data[p + "may_publish"] = "on"
    return data


def post(client, setting, *rows, submit=False):
    data = {"submit" if submit else "draft": "1"}
    for each in rows:
        data.update(each)
    return client.post(form_url(setting["partner"]), data)


def signed_in(client, membership):
    client.force_login(membership.user)
    return client


# The form


def test_the_form_lists_each_flow_with_direction_counterpart_and_last_years_figure(client, setting):
    signed_in(client, setting["editor"])
    page = text_of(client.get(form_url(setting["partner"])))
    assert f"Out: Heat to {setting['out'].receiver.name}" in page
    assert f"In: Water from {setting['into'].supplier.name}" in page
    assert "Last year (" in page and "1,000 MWh" in page
    html = soup(client.get(form_url(setting["partner"])))
    units = [o["value"] for o in html.select(f"select[name=flow-{setting['into'].pk}-unit] option")]
    assert units == ["", "l", "m3"]  # water: volumes only


def test_a_draft_keeps_valid_rows_and_shows_invalid_ones_again(client, setting):
    signed_in(client, setting["editor"])
    response = post(
        client,
        setting,
        row(setting["out"], "1100", "MWh", method="Meter"),
        row(setting["into"], "-5", "m3"),
    )
    assert response.status_code == 200
    assert "A quantity cannot be negative." in text_of(response)
    assert 'value="-5"' in response.content.decode()  # nothing typed is lost
    answer = Answer.objects.get(partner=setting["partner"])
    assert answer.status == Answer.Status.DRAFT
    (kept,) = answer.figures.all()
    assert (kept.flow, kept.quantity, kept.unit, kept.method) == (
        setting["out"],
        Decimal("1100"),
        "MWh",
        "Meter",
    )


def test_a_unit_that_does_not_fit_the_resource_is_refused_with_the_fitting_ones(client, setting):
    signed_in(client, setting["editor"])
    response = post(client, setting, row(setting["into"], "10", "MWh"))
    assert "MWh does not fit a resource of the category Water: choose one of l, m³." in text_of(
        response
    )
    assert not ReportedFigure.objects.filter(flow=setting["into"]).exists()


def test_submitting_needs_every_row_complete_and_a_comment_beyond_half_of_last_year(
    client, setting
):
    signed_in(client, setting["editor"])
    # 3.6 TJ = 1000 MWh: the same as last year after converting, so no comment needed;
    # the water row is left empty.
    response = post(client, setting, row(setting["out"], "3.6", "TJ"), submit=True)
    assert "Give the year's quantity" in text_of(response)
    assert Answer.objects.get().status == Answer.Status.DRAFT
    # 1600 MWh is 60 % more than last year: a comment is asked for.
    response = post(
        client,
        setting,
        row(setting["out"], "1600", "MWh"),
        row(setting["into"], "20", "m3"),
        submit=True,
    )
    page = text_of(response)
    assert "A comment is required: the figure differs by more than half from last year's." in page
    assert "say why in a comment" in page
    assert Answer.objects.get().status == Answer.Status.DRAFT
    response = post(
        client,
        setting,
        row(setting["out"], "1600", "MWh", comment="A new turbine"),
        row(setting["into"], "20", "m3"),
        submit=True,
    )
    assert response.status_code == 302
    answer = Answer.objects.get()
    assert answer.status == Answer.Status.SUBMITTED
    assert answer.submitted_by == setting["editor"].user and answer.submitted is not None
    assert answer.figures.get(flow=setting["out"]).comment == "A new turbine"
    follow = text_of(client.get(form_url(setting["partner"])))
    assert "have been sent to the secretariat" in follow
    assert "Submitted" in follow


def test_a_submitted_answer_is_read_only_and_a_post_changes_nothing(client, setting):
    signed_in(client, setting["editor"])
    answer = AnswerFactory(round=setting["round"], partner=setting["partner"], status="submitted")
    ReportedFigure.objects.create(answer=answer, flow=setting["out"], quantity=5, unit="MWh")
    page = client.get(form_url(setting["partner"]))
    assert "can be changed only if the secretariat returns it" in text_of(page)
    assert not soup(page).select("form.round-form")
    response = post(client, setting, row(setting["out"], "9", "MWh"))
    assert response.status_code == 302
    assert ReportedFigure.objects.get().quantity == 5


def test_a_closed_round_is_read_only(client, setting):
    signed_in(client, setting["editor"])
    DataRound.objects.update(status=DataRound.Status.CLOSED)
    assert "is closed" in text_of(client.get(form_url(setting["partner"])))
    response = post(client, setting, row(setting["out"], "9", "MWh"))
    assert response.status_code == 302
    assert not Answer.objects.exists()
    assert "is closed" in text_of(client.get(form_url(setting["partner"])))


def test_a_viewer_reads_and_may_not_post(client, setting):
    viewer = ViewerFactory(partner=setting["partner"])
    signed_in(client, viewer)
    page = client.get(form_url(setting["partner"]))
    assert "Heat" in text_of(page) and not soup(page).select("form.round-form")
    assert post(client, setting, row(setting["out"], "9", "MWh")).status_code == 403
    assert not Answer.objects.exists()


def test_another_organisation_and_a_year_without_a_round_are_404(client, setting):
    other = MembershipFactory()
    signed_in(client, other)
    assert client.get(form_url(setting["partner"])).status_code == 404
    assert post(client, setting, row(setting["out"], "9", "MWh")).status_code == 404
    signed_in(client, setting["editor"])
    assert client.get(form_url(setting["partner"], year=YEAR - 5)).status_code == 404


def test_the_form_needs_the_same_queries_for_more_flows(client, setting):
    signed_in(client, setting["editor"])
    client.get(form_url(setting["partner"]))
    with CaptureQueriesContext(connection) as few:
        client.get(form_url(setting["partner"]))
    for _ in range(4):
        flow = FlowFactory(supplier=setting["partner"])
        FlowFigureFactory(flow=flow, year=YEAR - 1)
    with CaptureQueriesContext(connection) as many:
        page = client.get(form_url(setting["partner"]))
    assert len(soup(page).select("fieldset.round-row")) == 6
    assert len(many) == len(few)


def test_the_organisation_page_links_to_the_open_round(client, setting):
    signed_in(client, setting["editor"])
    with translation.override("en"):
        url = reverse("workspace:organisation", kwargs={"organisation": setting["partner"].slug})
    page = soup(client.get(url))
    link = page.select_one(f'a[href="{form_url(setting["partner"])}"]')
    assert link is not None and f"Figures for {YEAR}" in link.text


# Opening


def test_opening_mails_each_editor_of_the_partners_with_flows_once(
    smtp_server, setting, django_capture_on_commit_callbacks
):
    planned_only = PartnerFactory()
    MembershipFactory(partner=planned_only, user__email="planned@example.org")
    FlowFactory(supplier=planned_only, status=Flow.Status.PLANNED)
    english = MembershipFactory(partner=setting["out"].receiver, user__email="en@example.org")
    Invitation.objects.create(
        partner=english.partner,
        name="E",
        email="en@example.org",
        language="en",
        token_hash="x" * 64,
        accepted=timezone.now(),
        user=english.user,
    )
    ViewerFactory(partner=setting["partner"], user__email="viewer@example.org")
    data_round = setting["round"]
    data_round.message_en = "Please be quick."
    data_round.save()

    with django_capture_on_commit_callbacks(execute=True):
        assert round_work.open_round(data_round) == 2
    with django_capture_on_commit_callbacks(execute=True):
        round_work.open_round(data_round)  # sends nothing again (one key per round and person)
    run_worker()
    data_round.refresh_from_db()
    assert data_round.opened is not None
    (danish,) = smtp_server.to("editor@example.org")
    assert str(YEAR) in danish["Subject"]
    assert "Send os jeres tal for året." in body(danish)  # the round's Danish message
    languages = dict(OutgoingMail.objects.values_list("to__0", "language"))
    assert languages == {"editor@example.org": "da", "en@example.org": "en"}
    assert form_url(setting["partner"], language="da") in body(danish)
    (en,) = smtp_server.to("en@example.org")
    assert "Please be quick." in body(en)
    assert form_url(english.partner, language="en") in body(en)
    assert smtp_server.to("planned@example.org") == []
    assert smtp_server.to("viewer@example.org") == []
