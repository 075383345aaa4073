"""The public forms' spam guard (symbiosis/spam.py): honeypot, stamp, proof of work and
posts per client, on a small form of the tests' own, served by the URLs below."""

import base64
import json
from datetime import UTC, datetime

import altcha
import pytest
import time_machine
from django import forms
from django.conf.urls.i18n import i18n_patterns
from django.http import HttpResponse
from django.template import engines
from django.urls import path
from django.utils import translation

from symbiosis import spam
from tests.html import soup, text_of

# A moment 3 minutes into a 10-minute window of the post counter (windows follow the clock).
MONDAY = datetime(2026, 3, 2, 9, 3, 0, tzinfo=UTC)

RECEIVED = []  # what the test view stored


class MessageForm(spam.SpamGuardMixin, forms.Form):
    name = forms.CharField(label="Name")
    text = forms.CharField(label="Message", widget=forms.Textarea)


PAGE = engines["django"].from_string(
    "<form method='post'>{% csrf_token %}{{ form.non_field_errors }}{{ form.as_div }}"
    "{% include 'includes/spam_guard.html' with form=form %}<button>Send</button></form>"
)


@spam.limit_posts("test-message")
def message(request):
    """As a public form's view does it: pretend for spam, keep the flag, store once."""
    form = MessageForm(request.POST or None, request=request)
    if request.method == "POST":
        if form.is_spam:
            return HttpResponse("Thank you for your message")
        if form.is_valid():
            RECEIVED.append({**form.cleaned_data, "flagged": form.flagged})
            return HttpResponse("Thank you for your message")
    return HttpResponse(PAGE.render({"form": form}, request))


urlpatterns = [
    path("altcha/challenge/", spam.altcha_challenge, name="altcha-challenge"),
    *i18n_patterns(path("message/", message, name="message")),
]

pytestmark = [pytest.mark.urls(__name__)]


@pytest.fixture(autouse=True)
def _nothing_received():
    RECEIVED.clear()
    yield
    RECEIVED.clear()


@pytest.fixture
def cheap_challenges(monkeypatch):
    """Challenges a test solves in milliseconds (the real cost has a test of its own)."""
    monkeypatch.setattr(spam, "CHALLENGE_COST", 10)


@pytest.fixture
def clock():
    with time_machine.travel(MONDAY, tick=False) as traveller:
        yield traveller


def shown_stamp(client, language="da"):
    response = client.get(f"/{language}/message/")
    return soup(response).select_one("input[name=form_shown]")["value"]


def solved_payload(client):
    """What the widget puts in the form: a challenge from our endpoint, solved."""
    challenge = altcha.Challenge.from_dict(client.get("/altcha/challenge/").json())
    solution = altcha.solve_challenge(challenge)
    return altcha.Payload(challenge, solution).to_base64()


def post(client, language="da", **fields):
    data = {"name": "Mette Jensen", "text": "Vi vil gerne besøge symbiosen.", **fields}
    return client.post(f"/{language}/message/", data)


# The page.


def test_the_guard_writes_a_hidden_honeypot_a_stamp_and_a_widget_fed_from_our_own_files(client):
    response = client.get("/da/message/")

    page = soup(response)
    trap = page.select_one(".spam-trap")
    assert trap["aria-hidden"] == "true"
    honeypot = trap.select_one("input[name=website]")
    assert (honeypot["type"], honeypot["tabindex"], honeypot["autocomplete"]) == (
        "text",
        "-1",
        "off",
    )
    assert trap.select_one(f"label[for={honeypot['id']}]").get_text() == "Lad dette felt være tomt"
    assert page.select_one("input[type=hidden][name=form_shown]")["value"]
    widget = page.select_one("altcha-widget")
    assert widget["challenge"] == "/altcha/challenge/"
    assert (widget["name"], widget["auto"], widget["language"]) == ("altcha", "onload", "da")
    assert json.loads(widget["configuration"])["hideFooter"] is True
    assert widget["data-pbkdf2-worker"].startswith("/static/vendor/altcha/workers/pbkdf2.")
    group = page.select_one(".spam-guard[role=group]")
    assert (
        page.select_one(f"#{group['aria-labelledby']}")
        .get_text()
        .strip()
        .startswith("For at holde spam ude")
    )
    scripts = page.select("script")
    assert [s["type"] for s in scripts] == ["module"] * 3
    assert all(s["src"].startswith("/static/") and not s.string for s in scripts)
    # The form's own fields render as before: no honeypot among them.
    assert len(page.select("input[name=website]")) == 1


def test_the_form_page_is_never_kept_by_the_page_cache(client, settings, clock):
    settings.CACHE_PAGES_SECONDS = 60

    first = shown_stamp(client)
    clock.shift(2)
    second = shown_stamp(client)

    assert first != second


def test_the_widget_speaks_english_under_en(client):
    widget = soup(client.get("/en/message/")).select_one("altcha-widget")

    assert widget["language"] == "en"


# The honeypot.


def test_a_filled_honeypot_is_spam_the_bot_is_thanked_and_nothing_is_stored(client, clock):
    stamp = shown_stamp(client)
    clock.shift(10)

    response = post(client, form_shown=stamp, website="https://cheap-pills.example")

    assert text_of(response) == "Thank you for your message"
    assert RECEIVED == []


def test_a_spam_form_is_invalid_too_so_a_view_that_forgets_to_ask_stores_nothing():
    data = {"name": "Bot", "text": "Buy now", "website": "https://x.example", "form_shown": "x"}
    form = MessageForm(data)

    assert form.is_spam
    assert not form.is_valid()
    assert form.spam_verdict == spam.SpamVerdict.SPAM
    assert not form.flagged


def test_an_empty_form_is_neither_spam_nor_flagged():
    form = MessageForm()

    assert (form.is_spam, form.flagged, form.spam_verdict) == (False, False, None)


# The stamp.


@pytest.mark.parametrize(
    ("language", "error"),
    [
        ("da", "Se venligst din besked igennem, og send den igen."),
        ("en", "Please check your message and send it again."),
    ],
)
def test_a_form_sent_too_fast_comes_back_with_the_text_kept(client, clock, language, error):
    stamp = shown_stamp(client, language)
    clock.shift(1)

    response = post(client, language, form_shown=stamp)

    page = soup(response)
    assert page.select_one(".errorlist.nonfield").get_text(strip=True) == error
    assert page.select_one("input[name=name]")["value"] == "Mette Jensen"
    assert page.select_one("textarea[name=text]").get_text(strip=True) == (
        "Vi vil gerne besøge symbiosen."
    )
    # The clock keeps running from the first showing: the same stamp, good a moment later.
    assert page.select_one("input[name=form_shown]")["value"] == stamp
    assert RECEIVED == []
    clock.shift(3)
    assert text_of(post(client, language, form_shown=stamp)) == "Thank you for your message"
    assert len(RECEIVED) == 1


def test_a_form_sent_after_the_minimum_time_is_taken(client, clock, settings):
    stamp = shown_stamp(client)
    clock.shift(settings.FORM_MIN_FILL_SECONDS)

    response = post(client, form_shown=stamp)

    assert text_of(response) == "Thank you for your message"


@pytest.mark.parametrize(
    "stamp",
    ["", "shown:1l0Yq8:forged-signature", "garbage"],
    ids=["missing", "forged", "garbage"],
)
def test_a_missing_or_forged_stamp_asks_to_send_again_with_a_new_one(client, clock, stamp):
    clock.shift(60)

    response = post(client, form_shown=stamp)

    page = soup(response)
    assert page.select_one(".errorlist.nonfield").get_text(strip=True) == (
        "Se venligst din besked igennem, og send den igen."
    )
    assert page.select_one("input[name=form_shown]")["value"] not in ("", stamp)
    assert RECEIVED == []


def test_a_stamp_shifted_to_an_earlier_time_does_not_verify(client, clock):
    stamp = shown_stamp(client)
    value, _time, signature = stamp.split(":")
    earlier = f"{value}:{spam.signing.b62_encode(int(MONDAY.timestamp()) - 60)}:{signature}"

    response = post(client, form_shown=earlier)

    assert "Se venligst din besked igennem" in text_of(response)
    assert RECEIVED == []


def test_a_stamp_from_another_kind_of_form_does_not_verify(client, clock):
    class OtherForm(spam.SpamGuardMixin, forms.Form):
        pass

    other = OtherForm().spam_guard.stamp
    clock.shift(60)

    response = post(client, form_shown=other)

    assert "Se venligst din besked igennem" in text_of(response)


def test_a_form_left_open_for_more_than_a_day_is_sent_again_with_a_new_stamp(client, clock):
    stamp = shown_stamp(client, "en")
    clock.shift(25 * 60 * 60)

    response = post(client, "en", form_shown=stamp)

    page = soup(response)
    assert page.select_one(".errorlist.nonfield").get_text(strip=True) == (
        "The form was open for a long time. Please send it again."
    )
    assert page.select_one("input[name=form_shown]")["value"] != stamp
    assert RECEIVED == []


# The proof of work.


def test_the_challenge_is_fresh_json_kept_by_nobody_and_sets_no_cookie(client, settings):
    settings.CACHE_PAGES_SECONDS = 60

    response = client.get("/altcha/challenge/")
    again = client.get("/altcha/challenge/")

    challenge = response.json()
    assert response["Content-Type"] == "application/json"
    assert "no-store" in response["Cache-Control"]
    assert not response.cookies and not response.has_header("Set-Cookie")
    assert challenge["parameters"]["algorithm"] == "PBKDF2/SHA-256"
    assert challenge["parameters"]["cost"] == 5_000
    assert challenge["signature"] != again.json()["signature"]  # not from the page cache


def test_the_challenge_expires_in_twenty_minutes(client, clock):
    challenge = client.get("/altcha/challenge/").json()

    assert challenge["parameters"]["expiresAt"] == int(MONDAY.timestamp()) + 20 * 60


def test_challenges_are_signed_with_a_key_derived_from_the_secret_key_not_the_key(settings):
    derived = spam.challenge_secret()
    settings.SECRET_KEY = "another-" + "k" * 50

    assert "tests-only-not-secret" not in derived
    assert spam.challenge_secret() != derived  # it follows the key


def test_a_challenge_signed_with_the_raw_secret_key_is_refused(client, clock, settings):
    stamp = shown_stamp(client)
    challenge = altcha.create_challenge(
        algorithm="PBKDF2/SHA-256",
        cost=10,
        expires_at=int(MONDAY.timestamp()) + 600,
        hmac_secret=settings.SECRET_KEY,
    )
    payload = altcha.Payload(challenge, altcha.solve_challenge(challenge)).to_base64()
    clock.shift(5)

    response = post(client, form_shown=stamp, altcha=payload)

    assert "Vi kunne ikke bekræfte" in text_of(response)
    assert RECEIVED == []


def test_a_real_challenge_solved_is_proof_of_work_and_the_message_is_stored_unflagged(
    client, clock
):
    stamp = shown_stamp(client)
    payload = solved_payload(client)  # at the real cost
    clock.shift(5)

    form = MessageForm(
        {"name": "Mette", "text": "Hej", "form_shown": stamp, "altcha": payload}, request=None
    )

    assert form.is_valid(), form.errors
    assert form.proof_of_work
    assert form.spam_verdict == spam.SpamVerdict.PROVEN
    assert not form.flagged


def test_a_solved_challenge_is_stored_as_not_flagged(client, clock, cheap_challenges):
    stamp = shown_stamp(client)
    payload = solved_payload(client)
    clock.shift(5)

    response = post(client, form_shown=stamp, altcha=payload)

    assert text_of(response) == "Thank you for your message"
    assert RECEIVED == [
        {"name": "Mette Jensen", "text": "Vi vil gerne besøge symbiosen.", "flagged": False}
    ]


def test_an_answer_counts_once_a_replay_is_refused(client, clock, cheap_challenges):
    stamp = shown_stamp(client)
    payload = solved_payload(client)
    clock.shift(5)

    first = post(client, form_shown=stamp, altcha=payload)
    replayed = post(client, form_shown=stamp, altcha=payload)

    assert text_of(first) == "Thank you for your message"
    assert soup(replayed).select_one(".errorlist.nonfield").get_text(strip=True) == (
        "Vi kunne ikke bekræfte, at formularen blev sendt fra en browser. Send den venligst igen."
    )
    assert len(RECEIVED) == 1


def test_an_answer_sent_after_its_challenge_expired_is_refused(client, clock, cheap_challenges):
    stamp = shown_stamp(client, "en")
    payload = solved_payload(client)
    clock.shift(21 * 60)

    response = post(client, "en", form_shown=stamp, altcha=payload)

    assert soup(response).select_one(".errorlist.nonfield").get_text(strip=True) == (
        "We could not confirm that the form was sent from a browser. Please send it again."
    )
    assert RECEIVED == []


def _tampered(payload, change):
    """The widget's payload, decoded, changed, and encoded again."""
    data = json.loads(base64.b64decode(payload))
    change(data)
    return base64.b64encode(json.dumps(data).encode()).decode()


def _later(parameters):
    parameters["expiresAt"] += 3600


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d["challenge"]["parameters"].update(cost=1),
        lambda d: _later(d["challenge"]["parameters"]),
        lambda d: d["solution"].update(counter=d["solution"]["counter"] + 1),
        lambda d: d["solution"].update(derivedKey="00" * 32),
        lambda d: d["challenge"].update(signature="0" * 64),
    ],
    ids=["cost", "expiry", "counter", "derived-key", "signature"],
)
def test_an_altered_answer_is_refused(client, clock, cheap_challenges, change):
    stamp = shown_stamp(client)
    tampered = _tampered(solved_payload(client), change)
    clock.shift(5)

    response = post(client, form_shown=stamp, altcha=tampered)

    assert "Vi kunne ikke bekræfte" in text_of(response)
    assert RECEIVED == []


@pytest.mark.parametrize(
    "payload",
    ["not base64 at all!", "e30=", "W10=", "eyJjaGFsbGVuZ2UiOiAxfQ==", "A" * 5000],
    ids=["not-base64", "empty-object", "a-list", "wrong-shape", "too-long"],
)
def test_something_that_is_not_an_answer_is_refused_without_an_error_page(client, clock, payload):
    stamp = shown_stamp(client)
    clock.shift(5)

    response = post(client, form_shown=stamp, altcha=payload)

    assert "Vi kunne ikke bekræfte" in text_of(response)
    assert RECEIVED == []


def test_without_javascript_no_answer_is_sent_the_message_is_taken_and_flagged(client, clock):
    stamp = shown_stamp(client)
    clock.shift(30)

    response = post(client, form_shown=stamp)

    assert text_of(response) == "Thank you for your message"
    assert RECEIVED == [
        {"name": "Mette Jensen", "text": "Vi vil gerne besøge symbiosen.", "flagged": True}
    ]


# Posts per client.


def test_thirty_posts_in_a_minute_the_first_few_are_taken_the_rest_get_429(client, clock, settings):
    settings.FORM_POSTS_LIMIT = 5
    settings.FORM_POSTS_WINDOW_MINUTES = 10
    stamp = shown_stamp(client)
    clock.shift(5)

    responses = []
    for _ in range(30):
        responses.append(post(client, form_shown=stamp))
        clock.shift(1)

    taken, refused = responses[:5], responses[5:]
    assert [text_of(r) for r in taken] == ["Thank you for your message"] * 5
    assert len(RECEIVED) == 5
    assert {r.status_code for r in refused} == {429}
    # The sixth post, at 09:03:10; the window ends at 09:10:00.
    assert refused[0]["Retry-After"] == "410"
    assert refused[-1]["Retry-After"] == "386"
    page = soup(refused[0])
    assert page.html["lang"] == "da"
    assert page.h1.get_text() == "For mange beskeder på kort tid"
    assert "Vent venligst 7 minutter, og send den igen." in text_of(refused[0])
    english = post(client, "en", form_shown=stamp)
    assert english.status_code == 429
    assert soup(english).h1.get_text() == "Too many messages in a short time"
    assert "Please wait 7 minutes and send it again." in text_of(english)
    assert len(RECEIVED) == 5


def test_the_count_starts_again_in_the_next_window(client, clock, settings):
    settings.FORM_POSTS_LIMIT = 1
    stamp = shown_stamp(client)
    clock.shift(5)
    post(client, form_shown=stamp)
    assert post(client, form_shown=stamp).status_code == 429

    clock.shift(7 * 60)

    assert text_of(post(client, form_shown=stamp)) == "Thank you for your message"
    assert len(RECEIVED) == 2


def test_a_client_in_the_same_ipv6_64_shares_the_count_another_64_does_not(client, clock, settings):
    settings.FORM_POSTS_LIMIT = 2
    stamp = shown_stamp(client)
    clock.shift(5)

    def from_address(address):
        data = {"name": "Mette", "text": "Hej", "form_shown": stamp}
        return client.post("/en/message/", data, REMOTE_ADDR=address)

    from_address("2001:db8:1:2::1")
    from_address("2001:db8:1:2::1")
    neighbour = from_address("2001:db8:1:2:ffff:ffff:ffff:9")
    elsewhere = from_address("2001:db8:1:3::1")

    assert neighbour.status_code == 429
    assert "Too many messages in a short time" in text_of(neighbour)
    assert text_of(elsewhere) == "Thank you for your message"
    assert len(RECEIVED) == 3


def test_gets_are_not_counted(client, settings):
    settings.FORM_POSTS_LIMIT = 1

    pages = [client.get("/da/message/") for _ in range(5)]

    assert all(p.status_code == 200 and soup(p).select_one("altcha-widget") for p in pages)


def test_each_kind_of_form_counts_apart(rf, settings):
    settings.FORM_POSTS_LIMIT = 1
    request = rf.post("/da/message/", REMOTE_ADDR="192.0.2.7")

    assert spam.count_post(request, "contact") == 0
    assert spam.count_post(request, "contact") > 0
    assert spam.count_post(request, "study-visit") == 0


def test_the_limits_are_settings_read_from_the_environment():
    from django.conf import settings

    assert (settings.FORM_POSTS_LIMIT, settings.FORM_POSTS_WINDOW_MINUTES) == (5, 10)
    assert settings.FORM_MIN_FILL_SECONDS == 3


def test_the_refusal_page_is_in_the_language_active(settings):
    with translation.override("en"):
        response = spam.too_many_posts(61)

    assert response["Retry-After"] == "61"
    assert "no-store" in response["Cache-Control"]
    assert "Please wait 2 minutes" in " ".join(soup(response).get_text(" ").split())
