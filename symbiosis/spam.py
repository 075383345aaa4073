"""Spam protection for every public form, with nothing from a third party.

The forms people send (contact, study visits, partner applications, later listings
and the newsletter) share four checks. None asks the visitor to do anything; a person
who fills in a form at a person's pace never meets them.

- **A honeypot.** A text field named `website`, which form-filling bots fill in and
  people never see: moved off-screen by `.spam-trap` in static/css/site.css, out of
  the tab order, `autocomplete="off"`, its wrapper `aria-hidden` (its label still
  says "leave this field empty", for whoever meets it anyway). Filled in, the form
  `is_spam`: the view answers as if all went well and stores nothing, so the bot
  learns nothing.
- **A signed stamp of when the form was shown** (`TimestampSigner`). Sent sooner than
  FORM_MIN_FILL_SECONDS after that, or without a stamp, or with one we did not sign,
  the form comes back with a friendly error and the visitor's text kept; a stamp
  older than STAMP_MAX_AGE (a form left open overnight) asks the same, with a new one.
- **Proof of work** ([ALTCHA](https://altcha.org), self-hosted). The widget fetches a
  challenge from `altcha_challenge` (a JSON view outside the language prefixes, URL
  name `altcha-challenge`), solves it in a Web Worker by itself as the page loads, and
  puts its answer in the field `altcha`. A verified answer is `proof_of_work`; each
  challenge counts once (a copied answer is refused). A visitor without JavaScript
  sends none: the form is accepted but `flagged`, for the secretariat to look at. An
  answer that does not verify (expired, altered, used before) is an error asking to
  send again.
- **A limit per client.** `limit_posts(scope)` in front of the view counts POSTs per
  client address (an IPv6 client by its /64, as failed logins are counted:
  `symbiosis.security.throttle.lockout_address`): FORM_POSTS_LIMIT within
  FORM_POSTS_WINDOW_MINUTES; more get templates/429.html in their language, with
  Retry-After, before the view sees them.

Using it, for a form and its view::

    class ContactForm(SpamGuardMixin, forms.ModelForm):
        class Meta:
            model = Message
            fields = ["name", "email", "text"]


    @limit_posts("contact")
    def contact(request):
        form = ContactForm(request.POST or None, request=request)
        if request.method == "POST":
            if form.is_spam:
                return redirect("contact:thanks")  # pretend; nothing is stored
            if form.is_valid():
                message = form.save(commit=False)
                message.flagged = form.flagged
                message.save()
                return redirect("contact:thanks")
        return render(request, "contact/form.html", {"form": form})

(a class-based view: `@method_decorator(limit_posts("contact"), name="dispatch")`,
and `request=self.request` from `get_form_kwargs`), and in its template, once inside
the `<form>` (the guard's own errors are non-field errors)::

    {{ form.non_field_errors }}
    {% include "includes/spam_guard.html" with form=form %}

The page that shows such a form is never kept by the page cache: its CSRF token sets
a cookie, and pages with cookies are not kept (symbiosis/middleware.py). That matters:
a kept page would hand every visitor the same stamp.
"""

import hashlib
import math
import time
from dataclasses import dataclass
from functools import wraps

import altcha
from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.db import models
from django.forms import ValidationError
from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from symbiosis.security.throttle import lockout_address

# The widget's own PBKDF2 (WebCrypto in a Web Worker, our static/js/spam-guard.js
# registers it). 5,000 iterations a try, and a try succeeds once in 256 (the derived
# key must start with the byte 00): about 1.3 million iterations on average, a few
# hundred milliseconds in a laptop's browser spread over its workers, one in a hundred
# visitors about four times that. Enough to make each post cost a bot something; the
# limit per client does the rest. SPAM_CHALLENGE_COST (settings) may change it: the
# browser tests lower it, so the proof of work still runs but waits less for a CPU that
# two suites share.
CHALLENGE_ALGORITHM = "PBKDF2/SHA-256"
CHALLENGE_COST = 5_000
# A challenge is answered within this long after the page asked for it.
CHALLENGE_LIFETIME_SECONDS = 20 * 60
# An answer is a few hundred characters of base64; anything much longer is not one,
# and is refused before it is decoded.
PROOF_MAX_CHARS = 4_000
# A form left open longer than this is sent again with a new stamp.
STAMP_MAX_AGE_SECONDS = 24 * 60 * 60

HONEYPOT_FIELD = "website"
STAMP_FIELD = "form_shown"
PROOF_FIELD = "altcha"


class SpamVerdict(models.TextChoices):
    """What the guard made of a post (`form.spam_verdict`); a model may keep it."""

    PROVEN = "proven", _("Sent by a browser that did the proof of work")
    UNPROVEN = "unproven", _("Sent without the proof of work (no JavaScript): check it")
    SPAM = "spam", _("Spam: the hidden field was filled in")
    REFUSED = "refused", _("Refused: sent too fast, or a check failed")


SEND_AGAIN = _("Please check your message and send it again.")
STAMP_EXPIRED = _("The form was open for a long time. Please send it again.")
PROOF_FAILED = _(
    "We could not confirm that the form was sent from a browser. Please send it again."
)


@dataclass(frozen=True)
class GuardFields:
    """What templates/includes/spam_guard.html writes into the form: the names of the
    three fields (prefixed like the form's own), the ids of the honeypot and of the
    note that labels the widget, and the stamp."""

    honeypot_name: str
    honeypot_id: str
    note_id: str
    stamp_name: str
    stamp: str
    proof_name: str


class SpamGuardMixin:
    """The honeypot, the stamp and the proof of work for a public `Form` or `ModelForm`
    (see the module's docstring for a view and a template using it).

    Put it first among the bases and construct the form as `MyForm(data, request=request)`.
    The three fields are not in `self.fields`: the form's own fields render as before
    (`{{ form }}` shows no honeypot), and the partial writes these three. After
    validation:

    - `is_spam`: the honeypot was filled in (known without validating). The form is
      then invalid too, so a view that forgets to ask stores nothing either.
    - `flagged`: accepted without proof of work (no JavaScript); keep it on the record.
    - `proof_of_work`: the answer to a challenge of ours verified, for the first time.
    - `spam_verdict`: the whole of it, a `SpamVerdict` (None for an unbound form).
    """

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        # The view's request, for forms that need more of it (the visitor's language).
        self.request = request
        self._verdict = None
        self._kept_stamp = None

    # What the view asks.

    @property
    def is_spam(self):
        return self.is_bound and bool(self._posted(HONEYPOT_FIELD).strip())

    @property
    def spam_verdict(self):
        if not self.is_bound:
            return None
        self.errors  # noqa: B018 -- runs the validation once, which sets the verdict
        return self._verdict

    @property
    def flagged(self):
        return self.spam_verdict == SpamVerdict.UNPROVEN

    @property
    def proof_of_work(self):
        return self.spam_verdict == SpamVerdict.PROVEN

    @property
    def spam_guard(self):
        """The partial's fields. The stamp is the one posted while it is good (the clock
        keeps running from the first showing), otherwise a new one."""
        if self.is_bound:
            self.errors  # noqa: B018 -- validation decides whether the posted stamp is kept
        name = self.add_prefix(HONEYPOT_FIELD)
        auto_id = str(self.auto_id) if self.auto_id else "id_%s"
        return GuardFields(
            honeypot_name=name,
            honeypot_id=(auto_id % name) if "%s" in auto_id else f"id_{name}",
            note_id=f"id_{self.add_prefix('spam_guard')}",
            stamp_name=self.add_prefix(STAMP_FIELD),
            stamp=self._kept_stamp or self._stamp_signer().sign("shown"),
            proof_name=self.add_prefix(PROOF_FIELD),
        )

    # Validation.

    def full_clean(self):
        """The form's own validation, then the guard's: here rather than in clean(),
        so a form that overrides clean() without calling super() is still guarded."""
        super().full_clean()
        if not self.is_bound or (self.empty_permitted and not self.has_changed()):
            return
        try:
            self._verdict = self._judge()
        except ValidationError as error:
            self._verdict = SpamVerdict.SPAM if error.code == "spam" else SpamVerdict.REFUSED
            self.add_error(None, error)

    def _judge(self):
        """The verdict, or a ValidationError the visitor reads. In this order: the
        honeypot, the stamp, then the proof of work (only a post that got this far
        uses up its challenge)."""
        if self.is_spam:
            raise ValidationError(SEND_AGAIN, code="spam")
        self._check_stamp(self._posted(STAMP_FIELD))
        proof = self._posted(PROOF_FIELD).strip()
        if not proof:
            return SpamVerdict.UNPROVEN
        if not proof_is_good(proof):
            raise ValidationError(PROOF_FAILED, code="proof_failed")
        return SpamVerdict.PROVEN

    def _posted(self, field):
        """What was posted for one of the guard's fields ("" for nothing)."""
        value = self.data.get(self.add_prefix(field), "")
        return value if isinstance(value, str) else ""

    def _check_stamp(self, stamp):
        signer = self._stamp_signer()
        try:
            signer.unsign(stamp, max_age=STAMP_MAX_AGE_SECONDS)
        except signing.SignatureExpired:
            raise ValidationError(STAMP_EXPIRED, code="stamp_expired") from None
        except signing.BadSignature:
            raise ValidationError(SEND_AGAIN, code="stamp_invalid") from None
        self._kept_stamp = stamp
        # sign() wrote "shown:<time>:<signature>"; the signature was good, so is the time.
        shown = signing.b62_decode(stamp.rsplit(signer.sep, 2)[-2])
        if time.time() - shown < settings.FORM_MIN_FILL_SECONDS:
            raise ValidationError(SEND_AGAIN, code="too_fast")

    def _stamp_signer(self):
        # One salt a kind of form: a stamp shown with one is no good for another.
        return signing.TimestampSigner(salt=f"symbiosis.spam.stamp:{type(self).__qualname__}")


# Proof of work.


def challenge_secret():
    """The key challenges are signed with: derived from SECRET_KEY for this use alone,
    so a leaked challenge secret would not be the site's key. (A challenge lives 20
    minutes: after a key rotation, the few still open are simply asked again.)"""
    return salted_hmac("symbiosis.spam.altcha", "challenge-signing", algorithm="sha256").hexdigest()


def new_challenge():
    """A fresh challenge, signed, expiring CHALLENGE_LIFETIME_SECONDS from now."""
    return altcha.create_challenge(
        algorithm=CHALLENGE_ALGORITHM,
        cost=getattr(settings, "SPAM_CHALLENGE_COST", CHALLENGE_COST),
        expires_at=int(time.time()) + CHALLENGE_LIFETIME_SECONDS,
        hmac_secret=challenge_secret(),
    )


def proof_is_good(proof):
    """Does this answer (the widget's base64 payload) solve a challenge of ours that has
    not expired and was never used before? Using it here spends it."""
    if len(proof) > PROOF_MAX_CHARS:
        return False
    try:
        payload = altcha.Payload.from_base64(proof)
        result = altcha.verify_solution(payload, challenge_secret())
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError):
        return False  # not a payload at all
    if not result.verified:
        return False
    expires_at = payload.challenge.parameters.expires_at or time.time() + CHALLENGE_LIFETIME_SECONDS
    # Remembered until the challenge expires (after that it fails on its own); add()
    # is atomic in every cache, so of two posts at once with one answer, one wins.
    used_key = f"spam:altcha-used:{payload.challenge.signature}"
    return cache.add(used_key, True, timeout=max(1, math.ceil(expires_at - time.time())) + 60)


@require_safe
@never_cache
def altcha_challenge(request):
    """A new challenge for the widget, as JSON. Never cached by anyone (each is for one
    post; `never_cache` says no-store, which also keeps it out of our page cache), and
    it sets no cookie: it reads neither session nor CSRF token."""
    return JsonResponse(new_challenge().to_dict())


# Posts per client.


def limit_posts(scope):
    """A view decorator: POSTs beyond FORM_POSTS_LIMIT from one client within the
    window get the 429 page, and the view never sees them (nothing is stored).
    GETs pass uncounted. `scope` names the form ("contact"): each counts apart."""

    def decorator(view):
        @wraps(view)
        def limited(request, *args, **kwargs):
            if request.method == "POST":
                wait = count_post(request, scope)
                if wait:
                    return too_many_posts(wait)
            return view(request, *args, **kwargs)

        return limited

    return decorator


def count_post(request, scope):
    """Count one POST; 0 while within the limit, else the seconds until it may post again.

    Counted in the cache, one counter a client and a window of FORM_POSTS_WINDOW_MINUTES
    (windows follow the clock, so Retry-After is exact; across the turn of a window a
    client may get in up to twice the limit). `add` then `incr`, both atomic in
    local memory and in Redis. With local memory each process counts for itself: give
    several processes a shared cache (CACHE_URL=redis://…), as for the page cache.
    """
    window = settings.FORM_POSTS_WINDOW_MINUTES * 60
    now = time.time()
    number = int(now // window)
    # The address is hashed: an unparsed REMOTE_ADDR (a socket path) may hold anything.
    client = hashlib.sha256(lockout_address(request).encode()).hexdigest()[:32]
    key = f"spam:posts:{scope}:{client}:{number}"
    if cache.add(key, 1, window + 60):
        count = 1
    else:
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, window + 60)
            count = 1
    if count <= settings.FORM_POSTS_LIMIT:
        return 0
    return max(1, math.ceil((number + 1) * window - now))


def too_many_posts(wait_seconds):
    """templates/429.html in the active language (the URL's), with Retry-After. Rendered
    without the request, in the frame of the other error pages."""
    html = loader.render_to_string("429.html", {"minutes": math.ceil(wait_seconds / 60)})
    response = HttpResponse(html, status=429)
    response["Retry-After"] = str(wait_seconds)
    response["Cache-Control"] = "no-store"
    return response
