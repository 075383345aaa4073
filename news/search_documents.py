"""Articles, events, press assets and speakers in the site search (collected by
search's autodiscovery)."""

from django.db.models import Prefetch
from django.db.models.signals import m2m_changed
from django.utils.translation import gettext_lazy as _

from news.events import public_speakers
from news.models import Article, Event, PressAsset, Session, Speaker
from news.press import KINDS as PRESS_KINDS
from partners.models import Partner
from search import index
from search.documents import depends_on, fields, join, register
from search.text import plain_text


@register("article", _("News"), order=40, model=Article)
def article_entry(article, _context):
    return fields(
        article,
        title_da=article.title_da,
        title_en=article.title_en,
        text_da=join(article.lead_da, plain_text(article.body_da)),
        text_en=join(article.lead_en, plain_text(article.body_en)),
        url=("news:article", {"slug": article.slug}),
        is_public=article.status == Article.Status.PUBLISHED,
        publish_at=article.publish_at,
    )


@register(
    "event",
    _("Events"),
    order=50,
    model=Event,
    queryset=lambda: Event.objects.prefetch_related(
        Prefetch("sessions", queryset=Session.objects.order_by("start", "pk"))
    ),
)
def event_entry(event, _context):
    sessions = list(event.sessions.all())
    return fields(
        event,
        title_da=event.title_da,
        title_en=event.title_en,
        text_da=join(
            plain_text(event.description_da), event.venue, *(s.title_da for s in sessions)
        ),
        text_en=join(
            plain_text(event.description_en),
            event.venue,
            *(s.title_en or s.title_da for s in sessions),
        ),
        url=("news:event", {"slug": event.slug}),
        is_public=event.is_public,
    )


@register("press", _("Press assets"), order=70, model=PressAsset)
def press_asset_entry(asset, _context):
    anchor = PRESS_KINDS.get(asset.kind, (None, ""))[1]
    return fields(
        asset,
        title_da=asset.title_da,
        title_en=asset.title_en,
        text_da=join(asset.caption_da, asset.credit),
        text_en=join(asset.caption_en, asset.credit),
        url=("news:press", {}, f"#{anchor}" if anchor else ""),
        is_public=asset.is_public,
    )


@register(
    "speaker",
    _("Speakers"),
    order=110,
    model=Speaker,
    queryset=lambda: Speaker.objects.select_related("partner"),
    context=lambda: set(public_speakers().values_list("pk", flat=True)),
)
def speaker_entry(speaker, public_ids):
    organisation = speaker.organisation_name
    return fields(
        speaker,
        title_da=speaker.name,
        title_en=speaker.name,
        text_da=join(speaker.role_da, organisation, speaker.bio_da),
        text_en=join(speaker.role_en, organisation, speaker.bio_en),
        url=("news:speaker", {"slug": speaker.slug}),
        # As the speaker pages: only speakers at a session of a published event.
        is_public=speaker.pk in public_ids,
    )


# An event lists its sessions' titles. A speaker names their partner, and is shown
# while one of their events is.
depends_on("event", Session, lambda session: [session.event_id])
depends_on("speaker", Session, lambda session: session.speakers.all())
depends_on("speaker", Event, lambda event: Speaker.objects.filter(sessions__event=event).distinct())
depends_on("speaker", Partner, lambda partner: partner.speakers.all())


def session_speakers_changed(sender, instance, action, reverse, pk_set, **kwargs):
    """session.speakers.add(…) and speaker.sessions.add(…): the speakers' visibility."""
    if action == "pre_clear":
        if not reverse:
            instance._search_cleared = list(instance.speakers.values_list("pk", flat=True))
        return
    if not action.startswith("post_"):
        return
    if reverse:  # speaker.sessions.add(…): this speaker's visibility may change
        index.reindex("speaker", [instance.pk])
    elif action == "post_clear":
        index.reindex("speaker", getattr(instance, "_search_cleared", []))
    else:
        index.reindex("speaker", pk_set or [])


m2m_changed.connect(
    session_speakers_changed, sender=Session.speakers.through, dispatch_uid="search-index"
)
