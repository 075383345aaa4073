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


# The secretariat: review, publishing, flagging


def submitted(data_round, partner, *figures):
    """A submitted answer with (flow, quantity, unit[, method]) figures."""
    answer = AnswerFactory(
        round=data_round, partner=partner, status=Answer.Status.SUBMITTED, submitted=timezone.now()
    )
    for flow, quantity, unit, *method in figures:
        ReportedFigure.objects.create(
            answer=answer,
            flow=flow,
            quantity=Decimal(quantity),
            unit=unit,
            method=method[0] if method else "Måler",
        )
    return answer


def da(text):
    """`text` as the Danish admin shows it (the admin's language is Danish)."""
    with translation.override("da"):
        return str(translation.gettext(text))


def review_url(answer):
    return reverse("admin:workspace_answer_review", args=[answer.pk])


def test_accepting_in_the_admin_publishes_to_the_flow_page_and_the_open_data(
    admin_client, setting, client
):
    answer = submitted(
        setting["round"], setting["partner"], (setting["out"], "1234.5", "MWh", "Varmemåler")
    )
    page = admin_client.get(reverse("admin:workspace_answer_change", args=[answer.pk]))
    shown = text_of(page)
    # The admin is in Danish: the figure, last year's beside it.
    assert "Varme A/S → Partner" in shown and "1.234,500 MWh 1.000 MWh" in shown
    response = admin_client.post(review_url(answer), {"accept": "1"})
    assert response.status_code == 302
    answer.refresh_from_db()
    assert answer.status == Answer.Status.ACCEPTED and answer.reviewed_by is not None
    figure = FlowFigure.objects.get(flow=setting["out"], year=YEAR, kind="realised")
    assert (figure.quantity, figure.unit) == (Decimal("1234.5"), "MWh")
    assert figure.source == round_work.source_text(setting["partner"], YEAR, "Varmemåler")
    assert figure.source.startswith(
        da("Reported by %(organisation)s in the data round %(year)s")
        % {"organisation": "Varme A/S", "year": YEAR}
    )
    # The public pages: the flow's page (linked from the partner's page) and the figures file.
    partner_page = soup(client.get(setting["partner"].get_absolute_url()))
    flow_url = setting["out"].get_absolute_url()
    assert partner_page.select_one(f'a[href="{flow_url}"]') is not None
    flow_page = text_of(client.get(flow_url))
    assert str(YEAR) in flow_page and (
        "1,234.5" in flow_page or "1234.5" in flow_page or "1.234,5" in flow_page
    )
    with translation.override("en"):
        csv_url = reverse("exchanges:download", kwargs={"dataset": "figures", "fmt": "csv"})
    csv = client.get(csv_url)
    text = b"".join(csv.streaming_content).decode() if csv.streaming else csv.content.decode()
    assert f"{YEAR}" in text and "1234.5" in text and "Varmemåler" in text


def test_the_accept_action_publishes_and_the_receivers_figure_waits_for_the_suppliers(
    admin_client, setting
):
    receiver = setting["out"].receiver
    theirs = submitted(
        setting["round"], receiver, (setting["out"], "900", "MWh", "Receiver's meter")
    )
    changelist = reverse("admin:workspace_answer_changelist")
    admin_client.post(changelist, {"action": "accept_answers", "_selected_action": [theirs.pk]})
    figure = FlowFigure.objects.get(flow=setting["out"], year=YEAR)
    assert figure.quantity == 900 and "Receiver's meter" in figure.source
    ours = submitted(setting["round"], setting["partner"], (setting["out"], "1000", "MWh", "Ours"))
    admin_client.post(changelist, {"action": "accept_answers", "_selected_action": [ours.pk]})
    figure.refresh_from_db()
    assert figure.quantity == 1000 and figure.source.endswith(": Ours")
    # Accepting the receiver's again (e.g. after a return) does not overwrite the supplier's.
    round_work.publish(theirs)
    figure.refresh_from_db()
    assert figure.quantity == 1000


def test_a_figure_that_may_not_be_published_is_not(setting):
    answer = submitted(setting["round"], setting["partner"], (setting["out"], "5", "MWh"))
    answer.figures.update(may_publish=False)
    round_work.accept(answer, by=UserFactory())
    assert not FlowFigure.objects.filter(year=YEAR).exists()


def test_a_long_method_is_cut_to_the_sources_length(setting):
    text = round_work.source_text(setting["partner"], YEAR, "ord " * 200)
    assert len(text) <= 300 and text.endswith("…")
    head = da("Reported by %(organisation)s in the data round %(year)s") % {
        "organisation": "Varme A/S",
        "year": YEAR,
    }
    assert text.startswith(f"{head}: ord ord")


def test_returning_mails_the_editors_and_lets_them_submit_again(
    admin_client, setting, smtp_server, django_capture_on_commit_callbacks, client
):
    answer = submitted(setting["round"], setting["partner"], (setting["out"], "5", "MWh"))
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            review_url(answer), {"return": "1", "comment": "Should be GWh?"}
        )
    assert response.status_code == 302
    run_worker()
    answer.refresh_from_db()
    assert answer.status == Answer.Status.RETURNED and answer.comment == "Should be GWh?"
    (mail,) = smtp_server.to("editor@example.org")
    assert "Should be GWh?" in body(mail) and form_url(setting["partner"], language="da") in body(
        mail
    )
    # The partner sees the comment and may change and submit again.
    signed_in(client, setting["editor"])
    assert "Should be GWh?" in text_of(client.get(form_url(setting["partner"])))
    post(
        client,
        setting,
        row(setting["out"], "5000", "MWh", comment="Yes"),
        row(setting["into"], "1", "m3"),
        submit=True,
    )
    answer.refresh_from_db()
    assert answer.status == Answer.Status.SUBMITTED
    assert answer.figures.get(flow=setting["out"]).quantity == 5000


def test_a_return_needs_a_comment(admin_client, setting):
    answer = submitted(setting["round"], setting["partner"], (setting["out"], "5", "MWh"))
    admin_client.post(review_url(answer), {"return": "1", "comment": ""})
    answer.refresh_from_db()
    assert answer.status == Answer.Status.SUBMITTED


def test_two_ends_differing_by_more_than_ten_percent_are_flagged(admin_client, setting):
    flow = setting["out"]
    ours = submitted(setting["round"], setting["partner"], (flow, "1000", "MWh"))
    # 4 TJ = 1111 MWh: 11 % more than the supplier's.
    theirs = submitted(setting["round"], flow.receiver, (flow, "4", "TJ"))
    (pair,) = round_work.disagreements(setting["round"])
    assert (pair.supplier_figure.answer, pair.receiver_figure.answer) == (ours, theirs)
    changelist = reverse("admin:workspace_answer_changelist")
    flagged = text_of(admin_client.get(changelist + "?flagged=yes"))
    assert "Varme A/S" in flagged and flow.receiver.name in flagged
    change = soup(admin_client.get(reverse("admin:workspace_answer_change", args=[ours.pk])))
    assert "⚑" in change.select_one(".answer-review > p").get_text()
    (flagged_row,) = change.select("table.answer-figures tbody tr")
    assert "⚑" in flagged_row.th.get_text()
    round_url = reverse("admin:workspace_dataround_change", args=[setting["round"].pk])
    round_page = soup(admin_client.get(round_url))
    (pair_row,) = round_page.select("table.round-disagreements tbody tr")
    assert "1.000 MWh" in pair_row.get_text() and "4 TJ" in pair_row.get_text()
    marked = [
        tr.th.get_text(strip=True)
        for tr in round_page.select("table.round-expected tbody tr")
        if "⚑" in tr.get_text()
    ]
    assert sorted(marked) == sorted(["Varme A/S", flow.receiver.name])


def test_close_ends_are_not_flagged(admin_client, setting):
    flow = setting["out"]
    submitted(setting["round"], setting["partner"], (flow, "1000", "MWh"))
    submitted(setting["round"], flow.receiver, (flow, "3.8", "TJ"))  # 1056 MWh: 5.6 %
    assert round_work.disagreements(setting["round"]) == []
    changelist = reverse("admin:workspace_answer_changelist")
    assert "Varme A/S" not in text_of(admin_client.get(changelist + "?flagged=yes"))


def test_the_rounds_admin_page_lists_who_answered_and_who_is_overdue(admin_client, setting):
    DataRound.objects.update(deadline=dates.today() - timedelta(days=1))
    submitted(setting["round"], setting["partner"], (setting["out"], "1", "MWh"))
    page = soup(
        admin_client.get(reverse("admin:workspace_dataround_change", args=[setting["round"].pk]))
    )
    rows = {
        tr.th.get_text(strip=True): tr.get_text(" ", strip=True)
        for tr in page.select("table.round-expected tbody tr")
    }
    assert set(rows) == {"Varme A/S", setting["out"].receiver.name, setting["into"].supplier.name}
    with translation.override("da"):
        submitted_label = str(Answer.Status.SUBMITTED.label)
    assert submitted_label in rows["Varme A/S"] and da("Overdue") not in rows["Varme A/S"]
    assert da("Overdue") in rows[setting["out"].receiver.name]
    listing = text_of(admin_client.get(reverse("admin:workspace_dataround_changelist")))
    assert "1 / 3" in listing


def test_creating_an_open_round_in_the_admin_mails_the_editors(
    admin_client, setting, smtp_server, django_capture_on_commit_callbacks
):
    DataRound.objects.all().delete()
    deadline = dates.today() + timedelta(days=20)
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("admin:workspace_dataround_add"),
            {
                "year": YEAR,
                "deadline": deadline.isoformat(),
                "message_da": "Hej",
                "message_en": "Hi",
                "status": "open",
            },
        )
    assert response.status_code == 302, text_of(response)
    run_worker()
    assert DataRound.objects.get().opened is not None
    (mail,) = smtp_server.to("editor@example.org")
    assert "Hej" in body(mail)


# Reminders and the overdue


def test_the_reminder_goes_once_before_the_deadline_and_the_overdue_once_after(
    setting, smtp_server, django_capture_on_commit_callbacks, settings
):
    settings.DATA_ROUND_REMINDER_DAYS = 7
    data_round = setting["round"]
    deadline = dates.today() + timedelta(days=20)
    DataRound.objects.update(deadline=deadline)
    done = MembershipFactory(partner=setting["into"].supplier, user__email="done@example.org")
    submitted(data_round, done.partner, (setting["into"], "1", "m3"))
    assert retention.remind_and_list_overdue.__name__ in repr(retention.remind_and_list_overdue)

    def night(day):
        with time_machine.travel(day, tick=False), django_capture_on_commit_callbacks(execute=True):
            return retention.remind_and_list_overdue()

    assert night(deadline - timedelta(days=8)) == (0, 0)
    assert night(deadline - timedelta(days=7)) == (2, 0)  # our partner and the heat's receiver
    assert night(deadline - timedelta(days=6)) == (0, 0)
    assert night(deadline + timedelta(days=1)) == (0, 1)
    assert night(deadline + timedelta(days=2)) == (0, 0)
    run_worker()
    (reminder,) = smtp_server.to("editor@example.org")
    assert form_url(setting["partner"], language="da") in body(reminder)
    assert smtp_server.to("done@example.org") == []
    (overdue,) = [
        m for m in smtp_server.messages if "Varme A/S" in body(m) and m not in (reminder,)
    ]
    assert setting["out"].receiver.name in body(overdue)
    assert done.partner.name not in body(overdue)


def test_the_nightly_task_is_registered():
    from symbiosis.registry import daily_tasks

    assert daily_tasks["workspace.rounds"] is retention.remind_and_list_overdue


def test_the_admin_action_opens_a_round_and_mails_the_editors_once(
    admin_client, setting, smtp_server, django_capture_on_commit_callbacks
):
    DataRound.objects.update(status=DataRound.Status.CLOSED)
    changelist = reverse("admin:workspace_dataround_changelist")
    action = {"action": "open_and_mail", "_selected_action": [setting["round"].pk]}
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            admin_client.post(changelist, action)
    run_worker()
    data_round = DataRound.objects.get()
    assert data_round.is_open and data_round.opened is not None
    assert len(smtp_server.to("editor@example.org")) == 1
