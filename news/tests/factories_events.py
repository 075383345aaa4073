"""factory_boy factories for events, their programme sessions and speakers.

`EventFactory()` is a public conference of one day (09:00–16:00 Danish time) four
weeks from now; `EventFactory(past=True)` one that took place a year ago.
`SessionFactory(event=event)` is a 45-minute talk at the start of its event, and
`SpeakerFactory()` a researcher whose organisation is not a partner
(`SpeakerFactory(partner=...)` ties one to a partner).
"""

import datetime

import factory
from django.utils import timezone
from django.utils.timezone import get_default_timezone

from news.models import Event, Language, Session, Speaker


def at_nine(days_from_today):
    """09:00 Danish time, `days_from_today` days from today (negative: in the past)."""
    day = timezone.localdate() + datetime.timedelta(days=days_from_today)
    return datetime.datetime.combine(day, datetime.time(9), tzinfo=get_default_timezone())


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    title_da = factory.Sequence(lambda n: f"Konference {n}")
    title_en = factory.Sequence(lambda n: f"Conference {n}")
    slug = factory.Sequence(lambda n: f"event-{n}")
    description_da = "<p>En dag om industriel symbiose.</p>"
    description_en = "<p>A day about industrial symbiosis.</p>"
    kind = Event.Kind.CONFERENCE
    start = factory.LazyFunction(lambda: at_nine(28))
    end = factory.LazyAttribute(lambda e: e.start + datetime.timedelta(hours=7))
    venue = "Helix Lab"
    address = "Kalundborg"
    languages = Language.BOTH
    is_public = True

    class Params:
        past = factory.Trait(start=factory.LazyFunction(lambda: at_nine(-365)))


class SpeakerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Speaker

    name = factory.Sequence(lambda n: f"Speaker {n}")
    slug = factory.Sequence(lambda n: f"speaker-{n}")
    role_da = "Forsker"
    role_en = "Researcher"
    organisation = "Aalborg Universitet"
    bio_da = "Forsker i industriel økologi."
    bio_en = "Researches industrial ecology."


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session
        skip_postgeneration_save = True

    event = factory.SubFactory(EventFactory)
    start = factory.LazyAttribute(lambda s: s.event.start)
    end = factory.LazyAttribute(lambda s: s.start + datetime.timedelta(minutes=45))
    title_da = factory.Sequence(lambda n: f"Oplæg {n}")
    title_en = factory.Sequence(lambda n: f"Talk {n}")
    description_da = "Et oplæg om damp."
    description_en = "A talk about steam."
    room = "Trappesalen"
    language = Language.EN

    @factory.post_generation
    def speakers(self, create, extracted, **kwargs):
        if create and extracted:
            self.speakers.set(extracted)
