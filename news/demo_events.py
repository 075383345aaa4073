"""Demo events: the 50-year conference of 24 October 2022 with its programme and speakers,
three upcoming events and two past ones.

The conference's facts come from its invitation: its name, Monday 24 October 2022, the
large staircase hall of Helix Lab (Rynkevangen, Kalundborg), and a day of talks, panel
debates, networking and guided tours of the symbiosis. Texts are our own words; the
speakers are fictional people (invented names) at real organisations.

The other events are dated from today (`timezone.localdate()` at load time), so the
demo always has something upcoming; loading twice on the same day changes nothing.

The app's models are reached as `models.X`: the plain names are the demo's records.
"""

import calendar
import datetime
import io
from dataclasses import dataclass

from django.utils import timezone
from PIL import Image, ImageDraw, ImageFont

from news import models
from news.models import Language
from partners.models import Partner
from symbiosis.demo import FONT, attach_image, set_links, upsert_record

Kind = models.Event.Kind

CONFERENCE_SLUG = "global-leadership-conference-2022"
CONFERENCE_DAY = datetime.date(2022, 10, 24)
HELIX_LAB = "Helix Lab, Trappesalen"
HELIX_ADDRESS = "Rynkevangen, 4400 Kalundborg"
BANNER_COLOUR = "#063b2c"


@dataclass(frozen=True)
class Speaker:
    """A fictional speaker at a real partner (by slug) or another organisation (by name);
    the photo is the initials in white on `colour`."""

    slug: str
    name: str
    role_da: str
    role_en: str
    colour: str
    bio_da: str
    bio_en: str
    partner: str | None = None
    organisation: str = ""


@dataclass(frozen=True)
class Session:
    """A session on the event's day, from `start` to `end` ("HH:MM")."""

    start: str
    end: str
    title_da: str
    title_en: str
    language: str
    description_da: str = ""
    description_en: str = ""
    room: str = ""
    speakers: tuple[str, ...] = ()  # speaker slugs


@dataclass(frozen=True)
class Event:
    """An event from `start` to `end` ("HH:MM") on a fixed `day`, or else on the first
    `weekday` on or after `days_from_today` days from the day the demo is loaded."""

    slug: str
    title_da: str
    title_en: str
    kind: str
    venue: str
    address: str
    languages: str
    description_da: str
    description_en: str
    start: str
    end: str
    day: datetime.date | None = None
    days_from_today: int = 0
    weekday: int = calendar.MONDAY
    registration_url: str = ""
    image_alt_da: str = ""
    image_alt_en: str = ""
    banner: tuple[str, ...] = ()  # lines of the banner image, if it has one
    sessions: tuple[Session, ...] = ()


SPEAKERS = [
    Speaker(
        slug="henrik-vestergaard",
        name="Henrik Vestergaard",
        role_da="Produktionsdirektør og bestyrelsesformand for Kalundborg Symbiose",
        role_en="Production director and chair of the board of Kalundborg Symbiosis",
        partner="novo-nordisk",
        colour="#00539b",
        bio_da=(
            "Henrik Vestergaard leder produktionen på Novo Nordisks største fabrik og er formand "
            "for Kalundborg Symbioses bestyrelse. Han har arbejdet med energi og vand på tværs af "
            "virksomhederne i byen i mere end tyve år."
        ),
        bio_en=(
            "Henrik Vestergaard runs production at Novo Nordisk's largest plant and chairs the "
            "board of Kalundborg Symbiosis. He has worked on energy and water across the town's "
            "companies for more than twenty years."
        ),
    ),
    Speaker(
        slug="mette-holm-sorensen",
        name="Mette Holm Sørensen",
        role_da="Sekretariatschef",
        role_en="Head of the secretariat",
        partner="kalundborg-symbiose",
        colour="#0b6b4a",
        bio_da=(
            "Mette Holm Sørensen står i spidsen for symbiosens sekretariat, som finder nye "
            "udvekslinger mellem partnerne og tager imod besøgende fra hele verden. Hun er "
            "uddannet civilingeniør i miljøteknologi."
        ),
        bio_en=(
            "Mette Holm Sørensen heads the symbiosis secretariat, which finds new exchanges "
            "between the partners and welcomes visitors from all over the world. She is an "
            "engineer in environmental technology by training."
        ),
    ),
    Speaker(
        slug="ingrid-thorsen",
        name="Ingrid Thorsen",
        role_da="Professor i industriel økologi",
        role_en="Professor of industrial ecology",
        organisation="Aalborg Universitet",
        colour="#5b3a8c",
        bio_da=(
            "Ingrid Thorsen forsker i, hvordan industrielle symbioser opstår og holder. Hun har "
            "sammenlignet mere end fyrre symbioser i Europa og Asien og rådgiver kommuner, der vil "
            "i gang."
        ),
        bio_en=(
            "Ingrid Thorsen researches how industrial symbioses come about and how they last. "
            "She has compared more than forty symbioses in Europe and Asia and advises "
            "municipalities that want to start one."
        ),
    ),
    Speaker(
        slug="lars-munk-pedersen",
        name="Lars Munk Pedersen",
        role_da="Lektor i bæredygtig procesteknik",
        role_en="Associate professor of sustainable process design",
        organisation="Danmarks Tekniske Universitet (DTU)",
        colour="#990000",
        bio_da=(
            "Lars Munk Pedersen regner på energi- og vandstrømme i industrien og har været med til "
            "at opgøre symbiosens samlede CO2-besparelse med livscyklusvurdering."
        ),
        bio_en=(
            "Lars Munk Pedersen models energy and water flows in industry and helped assess the "
            "symbiosis's total CO2 savings by life-cycle assessment."
        ),
    ),
    Speaker(
        slug="camilla-friis",
        name="Camilla Friis",
        role_da="Chef for Asnæsværket",
        role_en="Head of the Asnæs power station",
        partner="orsted",
        colour="#1d4e89",
        bio_da=(
            "Camilla Friis har ansvaret for Asnæsværket, hvor kul er afløst af træflis, og hvorfra "
            "damp og fjernvarme stadig sendes til byen og fabrikkerne."
        ),
        bio_en=(
            "Camilla Friis is in charge of the Asnæs power station, where wood chips have "
            "replaced coal, and which still sends steam and district heating to the town and "
            "the factories."
        ),
    ),
    Speaker(
        slug="rasmus-eriksen",
        name="Rasmus Eriksen",
        role_da="Administrerende direktør",
        role_en="Chief executive",
        partner="kalundborg-forsyning",
        colour="#0f6f8f",
        # No English biography: the English page shows the Danish one, marked as such.
        bio_da=(
            "Rasmus Eriksen leder forsyningen af vand, spildevand og varme i Kalundborg Kommune "
            "og har stået bag varmepumpen, der henter fjernvarme ud af byens spildevand."
        ),
        bio_en="",
    ),
    Speaker(
        slug="sofie-lindqvist",
        name="Sofie Lindqvist",
        role_da="Forsker i cirkulær økonomi",
        role_en="Researcher in circular economy",
        organisation="Lunds universitet",
        colour="#75560f",
        bio_da=(
            "Sofie Lindqvist forsker i, hvordan virksomheder deler data om restprodukter, og hvad "
            "der får dem til at stole på hinanden. Hun leder et nordisk netværk af forskere i "
            "industriel symbiose."
        ),
        bio_en=(
            "Sofie Lindqvist studies how companies share data about residual products, and what "
            "makes them trust each other. She leads a Nordic network of industrial symbiosis "
            "researchers."
        ),
    ),
    Speaker(
        slug="jakob-dahl",
        name="Jakob Dahl",
        role_da="Direktør for bæredygtighed",
        role_en="Director of sustainability",
        partner="novonesis",
        colour="#2e7d32",
        bio_da=(
            "Jakob Dahl arbejder med at gøre biomassen fra enzymproduktionen til biogas og gødning "
            "og med nye måder at genbruge procesvand på."
        ),
        bio_en=(
            "Jakob Dahl works on turning the biomass from enzyme production into biogas and "
            "fertiliser, and on new ways of reusing process water."
        ),
    ),
]

CONFERENCE_PROGRAMME = (
    Session(
        start="08:30",
        end="09:15",
        title_da="Registrering og morgenkaffe",
        title_en="Registration and coffee",
        description_da="Hent dit navneskilt og få en kop kaffe.",
        description_en="Collect your badge and have a coffee.",
        room="Foyer",
        language=Language.BOTH,
    ),
    Session(
        start="09:15",
        end="09:35",
        title_da="Velkomst: 50 år med symbiose",
        title_en="Welcome: 50 years of symbiosis",
        description_da=(
            "Bestyrelsesformanden og sekretariatschefen byder velkommen og fortæller, hvordan "
            "det hele begyndte."
        ),
        description_en=(
            "The chair of the board and the head of the secretariat welcome the guests and tell "
            "how it all began."
        ),
        room="Trappesalen",
        language=Language.EN,
        speakers=("henrik-vestergaard", "mette-holm-sorensen"),
    ),
    Session(
        start="09:35",
        end="10:15",
        title_da="Keynote: Hvorfor symbioser holder – og hvorfor de går i stå",
        title_en="Keynote: Why symbioses last – and why they stall",
        description_da="Erfaringer fra mere end fyrre industrielle symbioser i Europa og Asien.",
        description_en="Lessons from more than forty industrial symbioses in Europe and Asia.",
        room="Trappesalen",
        language=Language.EN,
        speakers=("ingrid-thorsen",),
    ),
    Session(
        start="10:15",
        end="10:50",
        title_da="Keynote: Hvad er en symbiose værd?",
        title_en="Keynote: What is a symbiosis worth?",
        description_da=(
            "Sådan opgøres besparelserne på CO2, vand og penge – og hvorfor tallene ikke altid "
            "er enige."
        ),
        description_en=(
            "How savings in CO2, water and money are measured – and why the figures do not "
            "always agree."
        ),
        room="Trappesalen",
        language=Language.EN,
        speakers=("lars-munk-pedersen",),
    ),
    Session(
        start="10:50",
        end="11:10",
        title_da="Kaffepause",
        title_en="Coffee break",
        room="Foyer",
        language=Language.BOTH,
    ),
    Session(
        start="11:10",
        end="12:10",
        title_da="Partnerne fortæller",
        title_en="The partners speak",
        description_da=(
            "Tre partnervirksomheder viser, hvad de sender videre, og hvad de får igen: damp "
            "og fjernvarme fra Asnæsværket, varme fra spildevand og biomasse fra "
            "enzymproduktionen."
        ),
        description_en=(
            "Three partner companies show what they pass on and what they get back: steam and "
            "district heating from the Asnæs power station, heat from waste water, and biomass "
            "from enzyme production."
        ),
        room="Trappesalen",
        language=Language.EN,
        speakers=("camilla-friis", "rasmus-eriksen", "jakob-dahl"),
    ),
    Session(
        start="12:10",
        end="13:10",
        title_da="Frokost og netværk",
        title_en="Lunch and networking",
        description_da="Mød partnerne, forskerne og de andre gæster over frokosten.",
        description_en="Meet the partners, the researchers and the other guests over lunch.",
        room="Foyer",
        language=Language.BOTH,
    ),
    Session(
        start="13:10",
        end="14:00",
        title_da="Paneldebat: Fra lokalt samarbejde til global model",
        title_en="Panel debate: From local cooperation to a global model",
        description_da=(
            "Kan Kalundborg-modellen kopieres? Forskere og partnere diskuterer tillid, data og "
            "de næste udvekslinger."
        ),
        description_en=(
            "Can the Kalundborg model be copied? Researchers and partners discuss trust, data "
            "and the next exchanges."
        ),
        room="Trappesalen",
        language=Language.EN,
        speakers=(
            "sofie-lindqvist",
            "ingrid-thorsen",
            "henrik-vestergaard",
            "mette-holm-sorensen",
        ),
    ),
    Session(
        start="14:00",
        end="15:30",
        title_da="Guidede busture rundt i symbiosen",
        title_en="Guided bus tours of the symbiosis",
        description_da=(
            "Busserne kører fra Helix Lab forbi raffinaderiet, Asnæsværket og fabrikkerne. "
            "Turene foregår på dansk og på engelsk."
        ),
        description_en=(
            "The buses leave Helix Lab for the refinery, the Asnæs power station and the "
            "factories. Tours are given in Danish and in English."
        ),
        room="Afgang fra hovedindgangen",
        language=Language.BOTH,
    ),
    Session(
        start="15:30",
        end="16:10",
        title_da="Paneldebat: De næste 50 år",
        title_en="Panel debate: The next 50 years",
        description_da=(
            "Nye cirkulære initiativer i partnerskabet, og hvad de kræver af virksomheder og "
            "myndigheder."
        ),
        description_en=(
            "New circular initiatives in the partnership, and what they ask of companies and "
            "authorities."
        ),
        room="Trappesalen",
        language=Language.EN,
        speakers=("camilla-friis", "jakob-dahl", "lars-munk-pedersen"),
    ),
    Session(
        start="16:10",
        end="16:30",
        title_da="Afslutning",
        title_en="Closing",
        description_da="Tak for i dag – og en skål for de næste 50 år.",
        description_en="Thank you – and a toast to the next 50 years.",
        room="Trappesalen",
        language=Language.EN,
        speakers=("mette-holm-sorensen",),
    ),
)

EVENTS = [
    Event(
        slug=CONFERENCE_SLUG,
        day=CONFERENCE_DAY,
        start="08:30",
        end="16:30",
        title_da="Global Leadership Conference within circular economy",
        title_en="Global Leadership Conference within circular economy",
        kind=Kind.CONFERENCE,
        venue=HELIX_LAB,
        address=HELIX_ADDRESS,
        languages=Language.EN,
        image_alt_da=(
            "Banner: 50 år, Kalundborg Symbiose, Global Leadership Conference, 24. oktober 2022"
        ),
        image_alt_en=(
            "Banner: 50 years (50 år), Kalundborg Symbiose, Global Leadership Conference, "
            "24 October 2022"
        ),
        description_da=(
            "<p>Kalundborg Symbiose fylder 50 år, og det fejrer vi med en international konference "
            "om cirkulær økonomi. I et halvt århundrede har virksomhederne i Kalundborg sendt "
            "overskudsdamp, vand og restmaterialer videre til hinanden, og i dag studeres modellen "
            "af byer og virksomheder over hele verden.</p>"
            "<p>Dagen samler partnervirksomheder, forskere, myndigheder og gæster fra ind- og "
            "udland i den store trappesal i Helix Lab. Vi ser tilbage på, hvad samarbejdet har "
            "skabt, og frem mod de næste cirkulære projekter i partnerskabet.</p>"
            "<p>Programmet byder på keynotes, oplæg fra partnervirksomhederne, paneldebatter, "
            "netværk og guidede busture rundt til de rør, værker og fabrikker, som symbiosen "
            "består af. Konferencen foregår på engelsk.</p>"
        ),
        description_en=(
            "<p>Kalundborg Symbiosis turns 50, and we are celebrating with an international "
            "conference on the circular economy. For half a century the companies of Kalundborg "
            "have passed surplus steam, water and residual materials on to each other, and today "
            "towns and companies all over the world study the model.</p>"
            "<p>The day brings partner companies, researchers, authorities and guests from Denmark "
            "and abroad together in the large staircase hall of Helix Lab. We look back at what "
            "the partnership has achieved, and ahead to its next circular projects.</p>"
            "<p>The programme offers keynotes, talks by the partner companies, panel debates, "
            "networking and guided bus tours to the pipes, plants and factories that make up the "
            "symbiosis. The conference is held in English.</p>"
        ),
        banner=("50 år", "Kalundborg Symbiose", "Global Leadership Conference · 24.10.2022"),
        sessions=CONFERENCE_PROGRAMME,
    ),
    Event(
        slug="webinar-find-en-symbiosepartner",
        days_from_today=21,
        weekday=calendar.TUESDAY,
        start="10:00",
        end="11:00",
        title_da="Webinar: Sådan finder din virksomhed en symbiosepartner",
        title_en="Webinar: How your company finds a symbiosis partner",
        kind=Kind.WEBINAR,
        venue="Online",
        address="",
        languages=Language.DA,
        registration_url="https://symbiosis.example.org/tilmelding/webinar",
        description_da=(
            "<p>En time om, hvordan en virksomhed kortlægger sine overskudsstrømme og "
            "finder en nabo, der kan bruge dem. Sekretariatet viser eksempler fra "
            "Kalundborg og svarer på spørgsmål.</p>"
        ),
        description_en=(
            "<p>One hour on how a company maps its surplus streams and finds a "
            "neighbour who can use them. The secretariat shows examples from "
            "Kalundborg and answers questions. The webinar is in Danish.</p>"
        ),
        sessions=(
            Session(
                start="10:00",
                end="10:35",
                title_da="Fra overskud til ressource",
                title_en="From surplus to resource",
                language=Language.DA,
                speakers=("mette-holm-sorensen",),
            ),
            Session(
                start="10:35",
                end="11:00",
                title_da="Spørgsmål og svar",
                title_en="Questions and answers",
                language=Language.DA,
                speakers=("mette-holm-sorensen",),
            ),
        ),
    ),
    Event(
        slug="studiebesoeg-symbiosen-for-kommuner",
        days_from_today=61,
        weekday=calendar.THURSDAY,
        start="09:30",
        end="15:00",
        title_da="Studiebesøg: Symbiosen for kommuner og erhvervsråd",
        title_en="Study visit: The symbiosis for municipalities and business councils",
        kind=Kind.STUDY_VISIT,
        venue="Kalundborg Station",
        address="4400 Kalundborg",
        languages=Language.BOTH,
        registration_url="https://symbiosis.example.org/tilmelding/studiebesoeg",
        description_da=(
            "<p>En dag i bus rundt til partnerne, med frokost og god tid til spørgsmål: "
            "for kommuner og erhvervsråd, der overvejer at starte en symbiose.</p>"
        ),
        description_en=(
            "<p>A day by bus around the partners, with lunch and plenty of time for "
            "questions: for municipalities and business councils thinking about "
            "starting a symbiosis.</p>"
        ),
    ),
    Event(
        slug="workshop-data-og-matchmaking",
        days_from_today=152,
        weekday=calendar.WEDNESDAY,
        start="13:00",
        end="16:30",
        title_da="Workshop: Data og matchmaking mellem restprodukter",
        title_en="Workshop: Data and matchmaking between residual products",
        kind=Kind.WORKSHOP,
        venue="Helix Lab",
        address=HELIX_ADDRESS,
        languages=Language.BOTH,
        registration_url="https://symbiosis.example.org/tilmelding/workshop",
        description_da=(
            "<p>Partnerne og sekretariatet arbejder sammen om, hvilke data der skal "
            "til, før to virksomheder kan se, at den enes rest passer til den andens "
            "behov.</p>"
        ),
        description_en="",
    ),
    Event(
        slug="studiebesoeg-delegation-fra-oestersoeregionen",
        days_from_today=-38,
        weekday=calendar.TUESDAY,
        start="09:00",
        end="14:00",
        title_da="Studiebesøg for en delegation fra Østersøregionen",
        title_en="Study visit for a delegation from the Baltic Sea region",
        kind=Kind.STUDY_VISIT,
        venue="Kalundborg Station",
        address="4400 Kalundborg",
        languages=Language.EN,
        description_da=(
            "<p>Erhvervsfolk og planlæggere fra byerne omkring Østersøen besøgte "
            "partnerne og hørte om symbiosens første årtier.</p>"
        ),
        description_en=(
            "<p>Business people and planners from towns around the Baltic Sea visited "
            "the partners and heard about the symbiosis's first decades.</p>"
        ),
    ),
    Event(
        slug="workshop-vand-i-symbiosen",
        days_from_today=-120,
        weekday=calendar.WEDNESDAY,
        start="09:00",
        end="12:00",
        title_da="Workshop: Vand i symbiosen",
        title_en="Workshop: Water in the symbiosis",
        kind=Kind.WORKSHOP,
        venue="Kalundborg Forsyning",
        address="4400 Kalundborg",
        languages=Language.DA,
        description_da=(
            "<p>Partnerne gennemgik, hvor overfladevand, kølevand og renset spildevand "
            "kan bruges én gang mere.</p>"
        ),
        description_en=(
            "<p>The partners went through where surface water, cooling water and "
            "treated effluent can be used once more.</p>"
        ),
    ),
]


def avatar_png(name, colour, size=240):
    """A round-friendly square with the speaker's initials in white. Deterministic bytes."""
    parts = name.split()
    initials = (parts[0][0] + (parts[-1][0] if len(parts) > 1 else "")).upper()
    image = Image.new("RGB", (size, size), colour)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONT, size=size // 3)
    left, top, right, bottom = draw.textbbox((0, 0), initials, font=font)
    position = ((size - (right - left)) / 2 - left, (size - (bottom - top)) / 2 - top)
    draw.text(position, initials, fill="white", font=font)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def banner_png(lines, colour, size=(1200, 400)):
    """The conference banner: a few lines of white text on a coloured ground."""
    image = Image.new("RGB", size, colour)
    draw = ImageDraw.Draw(image)
    fonts = [ImageFont.truetype(FONT, size=s) for s in (110, 64, 36)]
    heights = [font.size * 1.3 for font in fonts[: len(lines)]]
    top = (size[1] - sum(heights)) / 2
    for line, font, height in zip(lines, fonts, heights, strict=False):
        width = draw.textlength(line, font=font)
        draw.text(((size[0] - width) / 2, top), line, fill="white", font=font)
        top += height
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def _at(day, clock):
    """`clock` ("HH:MM") on `day`, in Copenhagen."""
    return datetime.datetime.combine(
        day, datetime.time.fromisoformat(clock), tzinfo=timezone.get_default_timezone()
    )


TIMING = {"day", "days_from_today", "weekday", "start", "end"}


def _on_weekday(day, weekday):
    """The first day on or after `day` that is `weekday` (0 Monday … 6 Sunday)."""
    return day + datetime.timedelta(days=(weekday - day.weekday()) % 7)


def load():
    """Create or update the demo speakers, events and their sessions. Returns rows changed."""
    partners = {p.slug: p for p in Partner.objects.all()}
    speakers, changed = {}, 0
    for speaker in SPEAKERS:
        obj, c = upsert_record(
            models.Speaker,
            speaker,
            exclude={"colour"},
            partner=partners.get(speaker.partner) if speaker.partner else None,
        )
        photo = avatar_png(speaker.name, speaker.colour)
        changed += c + attach_image(obj, "photo", f"{speaker.slug}.png", photo)
        speakers[speaker.slug] = obj
    today = timezone.localdate()
    for event in EVENTS:
        day = event.day or _on_weekday(
            today + datetime.timedelta(days=event.days_from_today), event.weekday
        )
        obj, c = upsert_record(
            models.Event,
            event,
            exclude=TIMING | {"banner", "sessions"},
            start=_at(day, event.start),
            end=_at(day, event.end),
            is_public=True,
        )
        changed += c
        if event.banner:
            banner = banner_png(event.banner, BANNER_COLOUR)
            changed += attach_image(obj, "image", f"{event.slug}.png", banner)
        for session in event.sessions:
            session_obj, c = upsert_record(
                models.Session,
                session,
                {"event": obj, "title_da": session.title_da},
                exclude={"speakers"},
                start=_at(day, session.start),
                end=_at(day, session.end),
            )
            wanted = [speakers[slug] for slug in session.speakers]
            changed += c + set_links(session_obj.speakers, wanted)
    return changed
