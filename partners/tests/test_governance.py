import datetime

import pytest
from django.core.exceptions import ValidationError
from django.template import engines
from django.test import RequestFactory
from django.utils import translation

from partners.governance import board_context
from partners.models import BoardSeat, Partner
from partners.tests.factories import PartnerFactory, PersonFactory
from tests.html import BeautifulSoup

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 23)
D = datetime.date
CHAIR = BoardSeat.Office.CHAIR
VICE_CHAIR = BoardSeat.Office.VICE_CHAIR
MEMBER = BoardSeat.Office.MEMBER
HEAD = BoardSeat.Office.HEAD_OF_SECRETARIAT


FOUNDED = D(2019, 12, 16)


def seat(partner=None, *, name="Anna Berg", office=MEMBER, started=FOUNDED, **fields):
    """A validated, saved seat held by someone not registered under People."""
    obj = BoardSeat(
        partner=partner or PartnerFactory(),
        person_name=name,
        office=office,
        started=started,
        **fields,
    )
    obj.full_clean()
    obj.save()
    return obj


def context_for(query="", **kwargs):
    request = RequestFactory().get(f"/en/governance/{query}")
    return board_context(request, today=TODAY, **kwargs)


def render(query="", language="en"):
    with translation.override(language):
        context = context_for(query)
        html = (
            engines["django"]
            .from_string('{% include "partners/includes/board.html" %}')
            .render(context)
        )
    return BeautifulSoup(html, "html.parser")


def text(node):
    return " ".join(node.get_text().split())


# The model -----------------------------------------------------------------


def test_seats_held_on_a_date():
    first = seat(name="Former", office=CHAIR, ended=D(2022, 4, 30))
    second = seat(name="Current", office=CHAIR, started=D(2022, 5, 1))
    member = seat(name="Member", started=D(2020, 1, 1))
    assert set(BoardSeat.objects.on(D(2022, 4, 30))) == {first, member}
    assert set(BoardSeat.objects.on(D(2022, 5, 1))) == {second, member}
    assert list(BoardSeat.objects.on(D(2019, 12, 15))) == []
    assert set(BoardSeat.objects.current()) == {second, member}


@pytest.mark.parametrize(
    ("started", "ended"),
    [
        (D(2022, 4, 30), None),  # starts on the other chair's last day
        (D(2018, 1, 1), None),  # open-ended, started before
        (D(2018, 1, 1), D(2019, 12, 16)),  # ends on the other's first day
        (D(2021, 1, 1), D(2021, 2, 1)),  # inside
    ],
)
def test_overlapping_chairs_are_refused_with_a_clear_message(started, ended):
    seat(
        PartnerFactory(name="Kalundborg Refinery"),
        name="Henrik Damgaard",
        office=CHAIR,
        ended=D(2022, 4, 30),
    )
    with translation.override("en"), pytest.raises(ValidationError) as error:
        seat(name="Other", office=CHAIR, started=started, ended=ended)
    assert error.value.messages == [
        "Henrik Damgaard (Kalundborg Refinery) is chair from 16 December 2019 to "
        "30 April 2022. There can only be one chair at a time: change the dates so they "
        "do not overlap."
    ]
    assert BoardSeat.objects.count() == 1


def test_open_ended_chair_asks_for_a_last_day_first():
    seat(PartnerFactory(name="Novonesis"), name="Birgitte Aagaard", office=VICE_CHAIR)
    with translation.override("da"), pytest.raises(ValidationError) as error:
        seat(name="Other", office=VICE_CHAIR, started=D(2024, 1, 1))
    # Danish dates in the Danish admin (the sentence itself is translated later).
    assert "16. december 2019" in error.value.messages[0]


def test_chairs_after_each_other_and_many_members_are_fine():
    seat(name="Former", office=CHAIR, ended=D(2022, 4, 30))
    seat(name="Current", office=CHAIR, started=D(2022, 5, 1))
    seat(name="Vice", office=VICE_CHAIR)
    seat(name="One")
    seat(name="Two")
    changed = BoardSeat.objects.get(person_name="Current")
    changed.full_clean()  # its own row is not an overlap
    assert BoardSeat.objects.count() == 5


def test_a_person_or_a_name_exactly_one():
    person = PersonFactory()
    with pytest.raises(ValidationError) as both:
        BoardSeat(person=person, person_name="Someone", started=TODAY).full_clean()
    assert "person_name" in both.value.message_dict
    with pytest.raises(ValidationError) as neither:
        BoardSeat(partner=PartnerFactory(), started=TODAY).full_clean()
    assert "person" in neither.value.message_dict


def test_partner_defaults_to_the_persons_and_must_match_it():
    orsted = PartnerFactory(name="Ørsted")
    argo = PartnerFactory(name="Argo")
    kirsten = PersonFactory(name="Kirsten Lund", organisation=orsted)
    by_person = BoardSeat(person=kirsten, started=TODAY)
    by_person.full_clean()
    assert by_person.partner == orsted
    with translation.override("en"), pytest.raises(ValidationError) as error:
        BoardSeat(person=kirsten, partner=argo, started=TODAY).full_clean()
    assert error.value.message_dict["partner"] == [
        "Kirsten Lund is registered under Ørsted, not Argo. "
        "Choose Ørsted, or leave the person empty and type the name."
    ]


def test_end_before_start_is_refused():
    with pytest.raises(ValidationError) as error:
        seat(started=D(2022, 1, 1), ended=D(2021, 1, 1))
    assert "ended" in error.value.message_dict


# board_context -------------------------------------------------------------


def build_board():
    """Today's board: chair, vice-chair, two members, a head of secretariat; one former chair."""
    refinery = PartnerFactory(name="Kalundborg Refinery")
    novo = PartnerFactory(name="Novo Nordisk")
    seat(refinery, name="Henrik Damgaard", office=CHAIR, ended=D(2022, 4, 30))
    seat(novo, name="Lars Mogensen", ended=D(2022, 4, 30))
    seat(novo, name="Lars Mogensen", office=CHAIR, started=D(2022, 5, 1))
    seat(refinery, name="Camilla Riis", started=D(2022, 5, 1))
    seat(PartnerFactory(name="Novonesis"), name="Birgitte Aagaard", office=VICE_CHAIR)
    seat(PartnerFactory(name="Argo"), name="Thomas Olsen")
    secretariat = PartnerFactory(name="Kalundborg Symbiose", slug="kalundborg-symbiose")
    mette = PersonFactory(name="Mette Holm Sørensen", organisation=secretariat)
    head = BoardSeat(person=mette, office=HEAD, started=D(2020, 4, 1))
    head.full_clean()
    head.save()


def board_names(context):
    return [(s.get_office_display(), s.name, s.partner.name) for s in context["board"]]


def test_todays_board_chair_first_then_vice_chair_then_members_by_organisation():
    build_board()
    with translation.override("en"):
        context = context_for()
        assert board_names(context) == [
            ("Chair", "Lars Mogensen", "Novo Nordisk"),
            ("Vice-chair", "Birgitte Aagaard", "Novonesis"),
            ("Board member", "Thomas Olsen", "Argo"),
            ("Board member", "Camilla Riis", "Kalundborg Refinery"),
        ]
    assert [s.name for s in context["heads_of_secretariat"]] == ["Mette Holm Sørensen"]
    assert context["board_date"] == TODAY
    assert context["is_today"] is True
    assert context["problem"] == ""
    # The first board began at the founding; today's board on 1 May 2022.
    assert context["earlier_boards"] == [(D(2019, 12, 16), False)]


def test_board_on_an_earlier_date():
    build_board()
    context = context_for("?date=2020-01-01")
    assert [s.name for s in context["board"]] == [
        "Henrik Damgaard",
        "Birgitte Aagaard",
        "Thomas Olsen",
        "Lars Mogensen",
    ]
    # The secretariat opened on 1 April 2020.
    assert context["heads_of_secretariat"] == []
    assert context["is_today"] is False
    assert context["earlier_boards"] == [(D(2019, 12, 16), True)]


def test_hidden_partners_seats_are_left_out():
    seat(PartnerFactory(name="Hidden", is_public=False), name="Nobody")
    seat(PartnerFactory(name="Shown"), name="Somebody")
    assert [s.name for s in context_for()["board"]] == ["Somebody"]


def test_earlier_boards_are_capped_newest_first():
    partner = PartnerFactory()
    for year in range(2000, 2020):
        seat(
            partner,
            name=f"Chair {year}",
            office=CHAIR,
            started=D(year, 1, 1),
            ended=D(year, 12, 31),
        )
    days = [day for day, _shown in context_for()["earlier_boards"]]
    # 2020-01-01 (the day after the last chair left) began today's (empty) board.
    assert days == [D(year, 1, 1) for year in range(2019, 2009, -1)]


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("yesterday", "The date could not be read"),
        ("2020-02-30", "The date could not be read"),
        ("20200101", "The date could not be read"),
        ("2020-01-01\x00", "The date could not be read"),
        ("\x00", "The date could not be read"),
        ("9" * 5000, "The date could not be read"),
        ("<script>alert(1)</script>", "The date could not be read"),
        ("1900-01-01", "before 1961"),
        ("3000-01-01", "more than a year ahead"),
        ("2027-11-24", "more than a year ahead"),
    ],
)
def test_unusable_dates_give_a_friendly_message_and_todays_board(raw, message):
    build_board()
    request = RequestFactory().get("/en/governance/", {"date": raw})
    with translation.override("en"):
        context = board_context(request, today=TODAY)
    assert message in context["problem"]
    assert context["problem"].endswith("Here is today's board instead.")
    assert context["board_date"] == TODAY
    assert context["is_today"] is True
    assert context["board"][0].name == "Lars Mogensen"


@pytest.mark.parametrize("raw", ["1961-01-01", "2027-11-23", ""])
def test_dates_at_the_edges_are_accepted(raw):
    context = context_for(f"?date={raw}")
    assert context["problem"] == ""


def test_unusable_date_on_a_real_page_is_not_a_server_error(client):
    """The include behind a URL: the page answers, with the message."""
    from pages.models import Page

    build_board()
    Page.objects.create(
        slug="governance",
        title_da="Ledelse",
        title_en="Governance",
        feature=Page.Feature.BOARD,
        status=Page.Status.PUBLISHED,
    )
    for raw in ["x" * 5000, "\x00", "1900-01-01"]:
        response = client.get("/en/governance/", {"date": raw})
        assert response.status_code == 200
        page = BeautifulSoup(response.content.decode(), "html.parser")
        assert "Here is today's board instead." in text(page.select_one(".board .notice"))
        assert page.select_one(".board-when").get_text(" ", strip=True).startswith("Today's board")


# The include ------------------------------------------------------------------


def test_include_in_english():
    build_board()
    page = render()
    assert page.h2.get_text() == "The board"
    assert text(page.select_one(".board-when")).startswith("Today's board (23 November 2026)")
    rows = [
        [text(row.td), text(row.select_one(".board-name")), *(text(td) for td in row("td")[1:])]
        for row in page.select("tbody tr")
    ]
    assert rows[0] == ["Chair", "Lars Mogensen", "Novo Nordisk", "1 May 2022"]
    assert rows[1] == ["Vice-chair", "Birgitte Aagaard", "Novonesis", "16 December 2019"]
    assert [r[2] for r in rows[2:]] == ["Argo", "Kalundborg Refinery"]
    novo = Partner.objects.get(name="Novo Nordisk")
    assert page.select_one("tbody tr a")["href"] == f"/en/partners/{novo.slug}/"
    assert text(page.select_one(".board-secretariat")).startswith(
        "Head of secretariat: Mette Holm Sørensen, Kalundborg Symbiose"
    )
    assert "since 1 April 2020" in text(page.select_one(".board-secretariat"))
    # A form to pick another day, labelled, and a link to the first board.
    date_input = page.select_one("form input[type=date]")
    assert page.select_one(f"label[for={date_input['id']}]").get_text() == (
        "See the board on another date"
    )
    assert date_input["value"] == "2026-11-23"
    assert page.select_one("form button[type=submit]").get_text() == "Show the board"
    links = [(a.get_text(), a["href"]) for a in page.select(".board-history a")]
    assert links == [("Board on 16 December 2019", "/en/governance/?date=2019-12-16#the-board")]


def test_include_in_danish_with_danish_month_names():
    build_board()
    page = render("?date=2020-01-01", language="da")
    assert "1. januar 2020" in text(page.select_one(".board-when"))
    assert page.select_one(".board-when time")["datetime"] == "2020-01-01"
    assert "16. december 2019" in text(page.select_one("tbody"))
    # The first board is the one shown: marked, not linked; a link back to today's.
    assert page.select_one(".board-history [aria-current]") is not None
    assert page.select(".board-history a") == []
    assert page.select_one(".board-form .filter-actions a")["href"] == "/en/governance/#the-board"


def test_english_role_missing_is_shown_in_danish_and_marked():
    novo = PartnerFactory(name="Novo Nordisk")
    lars = PersonFactory(
        name="Lars Mogensen", organisation=novo, role_da="Fabriksdirektør", role_en=""
    )
    chair = BoardSeat(person=lars, office=CHAIR, started=D(2022, 5, 1))
    chair.full_clean()
    chair.save()
    role = render().select_one(".board-role")
    assert role["lang"] == "da"
    assert role.get_text(" ", strip=True).startswith("Fabriksdirektør")
    assert role.select_one(".fallback-note").get_text() == "Not yet translated: shown in Danish"
    danish = render(language="da").select_one(".board-role")
    assert not danish.has_attr("lang")
    assert danish.get_text() == "Fabriksdirektør"


def test_empty_board_says_so():
    page = render("?date=1990-06-01")
    assert "No board is registered on this date." in text(page)
    assert text(page.select_one(".board-when")) == "Board on 1 June 1990"


def test_problem_is_shown_to_the_visitor():
    page = render("?date=" + "x" * 5000)
    assert "The date could not be read" in text(page.select_one(".notice"))
    assert "xxxxx" not in str(page)


@pytest.mark.parametrize("count", [3, 30])
def test_constant_number_of_queries(django_assert_num_queries, count):
    for index in range(count):
        partner = PartnerFactory()
        if index % 2:
            person = PersonFactory(organisation=partner, role_en="Director")
            obj = BoardSeat(person=person, partner=partner, started=D(2019 - index, 1, 1))
        else:
            obj = BoardSeat(partner=partner, person_name=f"Name {index}", started=D(2020, 1, 1))
        obj.save()
    # The seats on the day (with person and organisation), and the days the board changed.
    with django_assert_num_queries(2):
        page = render()
    assert len(page.select("tbody tr")) == count


# The admin ---------------------------------------------------------------------


def test_admin_adds_a_seat_for_a_registered_person(admin_client):
    orsted = PartnerFactory(name="Ørsted")
    kirsten = PersonFactory(name="Kirsten Lund", organisation=orsted)
    response = admin_client.post(
        "/admin/partners/boardseat/add/",
        {"office": "member", "person": kirsten.pk, "started": "2019-12-16", "order": "100"},
    )
    assert response.status_code == 302
    added = BoardSeat.objects.get()
    assert (added.person, added.partner, added.ended) == (kirsten, orsted, None)


def test_admin_refuses_an_overlapping_chair_and_saves_nothing(admin_client):
    seat(PartnerFactory(name="Novo Nordisk"), name="Lars Mogensen", office=CHAIR)
    other = PartnerFactory(name="Argo")
    response = admin_client.post(
        "/admin/partners/boardseat/add/",
        {
            "office": "chair",
            "person_name": "Thomas Olsen",
            "partner": other.pk,
            "started": "2024-01-01",
            "order": "100",
        },
    )
    assert response.status_code == 200
    page = BeautifulSoup(response.content.decode(), "html.parser")
    # The admin speaks Danish: the (translated) message names the other seat and its date.
    error = text(page.select_one("ul.errorlist.nonfield"))
    assert "Lars Mogensen (Novo Nordisk)" in error
    assert "16. december 2019" in error
    assert BoardSeat.objects.count() == 1


def test_admin_lists_current_and_former_seats(admin_client):
    seat(name="Former", office=CHAIR, ended=D(2022, 4, 30))
    seat(name="Current", office=CHAIR, started=D(2022, 5, 1))

    def rows(**params):
        response = admin_client.get("/admin/partners/boardseat/", params)
        page = BeautifulSoup(response.content.decode(), "html.parser")
        return [text(row.select("th, td")[2]) for row in page.select("#result_list tbody tr")]

    assert rows(in_office="current") == ["Current"]
    assert rows(in_office="former") == ["Former"]
    assert sorted(rows()) == ["Current", "Former"]


def test_partner_admin_has_the_seats_inline(admin_client):
    partner = PartnerFactory(name="Argo")
    seat(partner, name="Thomas Olsen")
    response = admin_client.get(f"/admin/partners/partner/{partner.pk}/change/")
    page = BeautifulSoup(response.content.decode(), "html.parser")
    assert page.select_one('input[name="board_seats-0-person_name"]')["value"] == "Thomas Olsen"


# The demo ------------------------------------------------------------------------


def test_demo_board(settings):
    from partners.demo import load_partners

    load_partners()
    with translation.override("en"):
        context = context_for()
        board = board_names(context)
    assert board[0] == ("Chair", "Lars Winther Mogensen", "Novo Nordisk")
    assert board[1] == ("Vice-chair", "Birgitte Aagaard", "Novonesis")
    assert len(board) == 11
    assert {b[0] for b in board[2:]} == {"Board member"}
    head = context["heads_of_secretariat"][0]
    assert (head.person.name, head.partner.slug) == ("Mette Holm Sørensen", "kalundborg-symbiose")
    assert context["earlier_boards"] == [(D(2019, 12, 16), False)]
    first = context_for("?date=2020-01-01")["board"][0]
    assert (first.name, first.partner.name) == ("Henrik Damgaard", "Kalundborg Refinery")
    assert load_partners() == 0
