"""Articles, events and speakers as schema.org data (JSON-LD on their pages)."""

from django.templatetags.static import static

from news.feeds import published_moment
from news.models import Event
from symbiosis.addresses import absolute_url
from symbiosis.seo import (
    COUNTRY,
    LOGO,
    compact,
    meta_description,
    moment,
    partnership_reference,
    shorten,
)


def news_article(request, article, *, image_url):
    text = article.body if article.body_da else article.lead
    publisher = partnership_reference(request)
    publisher["logo"] = absolute_url(request, static(LOGO["path"]))
    return compact(
        {
            "@type": "NewsArticle",
            # Google shows at most 110 characters of a headline.
            "headline": shorten(article.title, 110),
            "description": shorten(article.lead, 300),
            "url": absolute_url(request, article.get_absolute_url()),
            "mainEntityOfPage": absolute_url(request, article.get_absolute_url()),
            "datePublished": published_moment(article).isoformat(),
            "dateModified": moment(article.updated),
            "image": [image_url],
            "inLanguage": text.lang,
            # Articles are written by the secretariat: the partnership is the author.
            "author": partnership_reference(request),
            "publisher": publisher,
        }
    )


EVENT_LANGUAGES = {"da": ["da"], "en": ["en"], "da+en": ["da", "en"]}


def event(request, event, *, image_url):
    page = absolute_url(request, event.get_absolute_url())
    online = event.kind == Event.Kind.WEBINAR
    if online:
        location = {"@type": "VirtualLocation", "url": event.registration_url or page}
    else:
        location = compact(
            {
                "@type": "Place",
                "name": event.venue or event.address or "Kalundborg",
                "address": compact(
                    {
                        "@type": "PostalAddress",
                        "streetAddress": event.address,
                        "addressLocality": "" if event.address else "Kalundborg",
                        "addressCountry": COUNTRY,
                    }
                ),
            }
        )
    # The programme is already loaded with its speakers (news.events): no query here.
    speakers = {}
    for session in event.sessions.all():
        for speaker in session.speakers.all():
            speakers.setdefault(speaker.pk, speaker)
    return compact(
        {
            "@type": "Event",
            "name": str(event.title),
            "description": meta_description(event.description, 300),
            "url": page,
            "startDate": moment(event.start),
            "endDate": moment(event.end),
            # Cancelled or moved events are not modelled: a published event takes place.
            "eventStatus": "https://schema.org/EventScheduled",
            "eventAttendanceMode": "https://schema.org/"
            + ("OnlineEventAttendanceMode" if online else "OfflineEventAttendanceMode"),
            "location": location,
            "image": [image_url],
            "inLanguage": EVENT_LANGUAGES.get(event.languages, []),
            "organizer": partnership_reference(request),
            "performer": [
                compact(
                    {
                        "@type": "Person",
                        "name": speaker.name,
                        "url": absolute_url(request, speaker.get_absolute_url()),
                    }
                )
                for speaker in speakers.values()
            ],
        }
    )


def speaker_person(request, speaker, *, image_url=""):
    works_for = None
    if speaker.partner_id and speaker.partner.is_public:
        works_for = {
            "@type": "Organization",
            "name": speaker.partner.name,
            "url": absolute_url(request, speaker.partner.get_absolute_url()),
        }
    elif speaker.organisation:
        works_for = {"@type": "Organization", "name": speaker.organisation}
    return compact(
        {
            "@type": "Person",
            "name": speaker.name,
            "url": absolute_url(request, speaker.get_absolute_url()),
            "jobTitle": str(speaker.role),
            "description": shorten(speaker.bio, 300),
            "image": image_url,
            "worksFor": works_for,
        }
    )
