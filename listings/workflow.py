"""What happens to a listing and a match, in one place.

The public form, the admin and the import call these functions; none of them saves a
listing's status or a match's stage by itself, or sends their mail. Each runs in one
transaction: the change, its history and its mail are kept together or not at all (the
mail is enqueued when the transaction commits, symbiosis/mail.py).
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from enquiries.models import TopicInbox
from exchanges.models import Flow
from listings.models import Kind, Listing, Match, MatchStep, Stage, Status
from symbiosis import dates
from symbiosis.addresses import absolute, absolute_url
from symbiosis.mail import send_templated


def secretariat_address():
    """The inbox for partnership matters (Admin › Inboxes for topics), else the secretariat's."""
    return TopicInbox.address_for("partnership")


@transaction.atomic
def receive(listing, *, request=None):
    """Keep a listing sent through the public form (awaiting review), send its contact
    a receipt and the secretariat a notification. A second post of the same form finds
    the first listing: nothing is kept or sent twice. Returns (listing, created)."""
    existing = Listing.objects.filter(submission=listing.submission).first()
    if existing is not None:
        return existing, False
    if listing.organisation.pk is None:  # an organisation that is not a partner yet
        listing.organisation.save()
        listing.organisation = listing.organisation
    listing.status = Status.REVIEW
    listing.save()
    context = {"listing": listing}
    send_templated(
        "listing_receipt",
        context,
        to=[listing.contact_email],
        language=listing.language,
        key=f"listing-{listing.pk}-receipt",
    )
    path = listing_admin_path(listing)
    send_templated(
        "listing_notification",
        {**context, "admin_url": absolute_url(request, path) if request else absolute(path)},
        to=[secretariat_address()],
        language="da",
        reply_to=[listing.contact_email],
        key=f"listing-{listing.pk}-notification",
    )
    return listing, True


def listing_admin_path(listing):
    from django.urls import reverse

    return reverse("admin:listings_listing_change", args=[listing.pk])


@transaction.atomic
def move(listing, new_status, *, by=None):
    """Move `listing` to `new_status` (one of its next statuses). Publishing tells the
    contact the listing is out; a listing published for the first time keeps the moment
    (the feed's date)."""
    listing = Listing.objects.select_for_update().get(pk=listing.pk)
    if new_status not in listing.next_statuses():
        raise ValidationError(
            _("A listing cannot go from “%(old)s” to “%(new)s”.")
            % {"old": listing.get_status_display(), "new": Status(new_status).label}
        )
    old = listing.status
    listing.status = new_status
    fields = ["status", "updated"]
    now = timezone.now()
    if new_status == Status.PUBLISHED and listing.published_at is None:
        listing.published_at = now
        fields.append("published_at")
    if new_status in (Status.CLOSED, Status.EXPIRED):
        listing.ended_at = now
        fields.append("ended_at")
    elif listing.ended_at is not None:
        listing.ended_at = None
        fields.append("ended_at")
    listing.save(update_fields=fields)
    if new_status == Status.PUBLISHED and old == Status.REVIEW and listing.contact_email:
        send_templated(
            "listing_published",
            {"listing": listing, "url": absolute(listing.get_absolute_url_in(listing.language))},
            to=[listing.contact_email],
            language=listing.language,
            key=f"listing-{listing.pk}-published",
        )
    return listing


def publish(listing, *, by=None):
    return move(listing, Status.PUBLISHED, by=by)


@transaction.atomic
def open_match(offer, want, *, by=None, score=None, reasons=(), assign=True):
    """The match of `offer` and `want` (made, at "suggested", if there is none yet).
    `by` opens it (its first step); `assign`: and handles it (the secretariat; a partner
    who is interested, from the workspace, opens it for the secretariat: no one yet)."""
    if offer.kind != Kind.OFFER or want.kind != Kind.WANT:
        raise ValidationError(_("A match joins an offer and a want."))
    match, created = Match.objects.get_or_create(
        offer=offer,
        want=want,
        defaults={
            "score": score,
            "reasons": [{"da": r.text("da"), "en": r.text("en")} for r in reasons],
            "assignee": by if assign else None,
        },
    )
    if created:
        MatchStep.objects.create(match=match, old_stage="", new_stage=Stage.SUGGESTED, by=by)
    return match, created


@transaction.atomic
def advance(
    match, new_stage, *, by=None, comment="", rejection_reason="", resource=None, year=None
):
    """Move `match` to `new_stage` (one of its next stages), keep the step.

    "contacted": both sides get an introduction by mail from the secretariat, each
    about the other's listing (no address is shown to the other side: the secretariat
    puts them in touch). "rejected" needs a reason. "established" makes the planned
    flow from the offer's organisation to the want's, of `resource` (the offer's or
    the want's resource when not given), starting in `year` (default this year), and
    marks both listings matched."""
    match = Match.objects.select_for_update(of=("self",)).with_related().get(pk=match.pk)
    if new_stage not in match.next_stages():
        raise ValidationError(
            _("A match cannot go from “%(old)s” to “%(new)s”.")
            % {"old": match.get_stage_display(), "new": Stage(new_stage).label}
        )
    if new_stage == Stage.REJECTED and not rejection_reason:
        raise ValidationError({"rejection_reason": _("Say why the match is rejected.")})
    old = match.stage
    match.stage = new_stage
    fields = ["stage", "updated"]
    if new_stage == Stage.REJECTED:
        match.rejection_reason = rejection_reason
        match.rejection_note = comment
        fields += ["rejection_reason", "rejection_note"]
    if new_stage == Stage.ESTABLISHED:
        match.flow = planned_flow(match, resource=resource, year=year)
        fields.append("flow")
        for listing in (match.offer, match.want):
            if Status.MATCHED in listing.next_statuses():
                move(listing, Status.MATCHED, by=by)
    match.save(update_fields=fields)
    step = MatchStep.objects.create(
        match=match, old_stage=old, new_stage=new_stage, by=by, comment=comment
    )
    if new_stage == Stage.CONTACTED:
        introduce(match, step)
    return match


def introduce(match, step):
    """Mail each side about the other, in each side's language, Reply-To the secretariat."""
    for mine, theirs in ((match.offer, match.want), (match.want, match.offer)):
        address = contact_address(mine)
        if not address:
            continue
        send_templated(
            "match_introduction",
            {
                "match": match,
                "mine": mine,
                "theirs": theirs,
                "url": absolute(theirs.get_absolute_url_in(mine.language))
                if theirs.is_public
                else "",
            },
            to=[address],
            language=mine.language,
            reply_to=[secretariat_address()],
            key=f"match-{match.pk}-step-{step.pk}-{mine.kind}",
        )


def contact_address(listing):
    """Where a listing's side is reached: its contact, else the organisation's first
    person with an address."""
    if listing.contact_email:
        return listing.contact_email
    person = listing.organisation.people.exclude(email="").order_by("order", "pk").first()
    return person.email if person else ""


def planned_flow(match, *, resource=None, year=None):
    """The planned flow an established match leaves: offer's organisation → want's."""
    resource = resource or match.offer.resource or match.want.resource
    if resource is None:
        raise ValidationError({"resource": _("Choose the resource the new flow carries.")})
    offer, want = match.offer, match.want
    if offer.organisation_id == want.organisation_id:
        raise ValidationError(_("A flow must go between two different partners."))
    story = {
        "da": _story(offer, want, "da"),
        "en": _story(offer, want, "en"),
    }
    return Flow.objects.create(
        supplier=offer.organisation,
        receiver=want.organisation,
        resource=resource,
        status=Flow.Status.PLANNED,
        year_started=year or dates.this_year(),
        story_da=story["da"],
        story_en=story["en"],
        is_public=offer.visibility == want.visibility == "public",
    )


def _story(offer, want, language):
    from django.utils import translation

    with translation.override(language):
        return _("Found in the side-stream exchange: “%(offer)s” met “%(want)s”.") % {
            "offer": offer.text("title", language),
            "want": want.text("title", language),
        }
