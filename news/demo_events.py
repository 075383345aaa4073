"""Demo events: the 50-year conference of 24 October 2022 with its programme and speakers,
three upcoming events and two past ones.

The conference's facts come from the invitation (../shared/seeds/000 and 001): its name,
Monday 24 October 2022, the large staircase hall of Helix Lab (Rynkevangen, Kalundborg),
and a day of talks, panel debates, networking and guided tours of the symbiosis. Texts are
our own words; the speakers are fictional people (invented names) at real organisations.

The other events are dated from today (`timezone.localdate()` at load time), so the
demo always has something upcoming; loading twice on the same day changes nothing.
"""

import datetime
import io

from django.utils import timezone
from PIL import Image, ImageDraw, ImageFont

from news.models import COPENHAGEN, Event, Language, Session, Speaker
from partners.models import Partner
from symbiosis.demo import FONT, attach_image, upsert

CONFERENCE_SLUG = "global-leadership-conference-2022"
CONFERENCE_DAY = datetime.date(2022, 10, 24)
HELIX_LAB = "Helix Lab, Trappesalen"
HELIX_ADDRESS = "Rynkevangen, 4400 Kalundborg"

# slug, name, (role da, role en), partner slug or None, organisation, colour, (bio da, bio en)
SPEAKERS = [
    (
        "henrik-vestergaard",
        "Henrik Vestergaard",
        (
            "Produktionsdirektør og bestyrelsesformand for Kalundborg Symbiose",
            "Production director and chair of the board of Kalundborg Symbiosis",
        ),
        "novo-nordisk",
        "",
        "#00539b",
        (
            "Henrik Vestergaard leder produktionen på Novo Nordisks største fabrik og er formand "
            "for Kalundborg Symbioses bestyrelse. Han har arbejdet med energi og vand på tværs af "
            "virksomhederne i byen i mere end tyve år.",
            "Henrik Vestergaard runs production at Novo Nordisk's largest plant and chairs the "
            "board of Kalundborg Symbiosis. He has worked on energy and water across the town's "
            "companies for more than twenty years.",
        ),
    ),
    (
        "mette-holm-sorensen",
        "Mette Holm Sørensen",
        ("Sekretariatschef", "Head of the secretariat"),
        "kalundborg-symbiose",
        "",
        "#0b6b4a",
        (
            "Mette Holm Sørensen står i spidsen for symbiosens sekretariat, som finder nye "
            "udvekslinger mellem partnerne og tager imod besøgende fra hele verden. Hun er "
            "uddannet civilingeniør i miljøteknologi.",
            "Mette Holm Sørensen heads the symbiosis secretariat, which finds new exchanges "
            "between the partners and welcomes visitors from all over the world. She is an "
            "engineer in environmental technology by training.",
        ),
    ),
    (
        "ingrid-thorsen",
        "Ingrid Thorsen",
        ("Professor i industriel økologi", "Professor of industrial ecology"),
        None,
        "Aalborg Universitet",
        "#5b3a8c",
        (
            "Ingrid Thorsen forsker i, hvordan industrielle symbioser opstår og holder. Hun har "
            "sammenlignet mere end fyrre symbioser i Europa og Asien og rådgiver kommuner, der vil "
            "i gang.",
            "Ingrid Thorsen researches how industrial symbioses come about and how they last. "
            "She has compared more than forty symbioses in Europe and Asia and advises "
            "municipalities that want to start one.",
        ),
    ),
    (
        "lars-munk-pedersen",
        "Lars Munk Pedersen",
        ("Lektor i bæredygtig procesteknik", "Associate professor of sustainable process design"),
        None,
        "Danmarks Tekniske Universitet (DTU)",
        "#990000",
        (
            "Lars Munk Pedersen regner på energi- og vandstrømme i industrien og har været med til "
            "at opgøre symbiosens samlede CO2-besparelse med livscyklusvurdering.",
            "Lars Munk Pedersen models energy and water flows in industry and helped assess the "
            "symbiosis's total CO2 savings by life-cycle assessment.",
        ),
    ),
    (
        "camilla-friis",
        "Camilla Friis",
        ("Chef for Asnæsværket", "Head of the Asnæs power station"),
        "orsted",
        "",
        "#1d4e89",
        (
            "Camilla Friis har ansvaret for Asnæsværket, hvor kul er afløst af træflis, og hvorfra "
            "damp og fjernvarme stadig sendes til byen og fabrikkerne.",
            "Camilla Friis is in charge of the Asnæs power station, where wood chips have "
            "replaced coal, and which still sends steam and district heating to the town and "
            "the factories.",
        ),
    ),
    (
        "rasmus-eriksen",
        "Rasmus Eriksen",
        ("Administrerende direktør", "Chief executive"),
        "kalundborg-forsyning",
        "",
        "#0f6f8f",
        (
            # No English biography: the English page shows the Danish one, marked as such.
            "Rasmus Eriksen leder forsyningen af vand, spildevand og varme i Kalundborg Kommune "
            "og har stået bag varmepumpen, der henter fjernvarme ud af byens spildevand.",
            "",
        ),
    ),
    (
        "sofie-lindqvist",
        "Sofie Lindqvist",
        ("Forsker i cirkulær økonomi", "Researcher in circular economy"),
        None,
        "Lunds universitet",
        "#75560f",
        (
            "Sofie Lindqvist forsker i, hvordan virksomheder deler data om restprodukter, og hvad "
            "der får dem til at stole på hinanden. Hun leder et nordisk netværk af forskere i "
            "industriel symbiose.",
            "Sofie Lindqvist studies how companies share data about residual products, and what "
            "makes them trust each other. She leads a Nordic network of industrial symbiosis "
            "researchers.",
        ),
    ),
    (
        "jakob-dahl",
        "Jakob Dahl",
        ("Direktør for bæredygtighed", "Director of sustainability"),
        "novonesis",
        "",
        "#2e7d32",
        (
            "Jakob Dahl arbejder med at gøre biomassen fra enzymproduktionen til biogas og gødning "
            "og med nye måder at genbruge procesvand på.",
            "Jakob Dahl works on turning the biomass from enzyme production into biogas and "
            "fertiliser, and on new ways of reusing process water.",
        ),
    ),
]

CONFERENCE = {
    "title_da": "Global Leadership Conference within circular economy",
    "title_en": "Global Leadership Conference within circular economy",
    "kind": Event.Kind.CONFERENCE,
    "venue": HELIX_LAB,
    "address": HELIX_ADDRESS,
    "languages": Language.EN,
    "registration_url": "",
    "image_alt_da": (
        "Banner: 50 år, Kalundborg Symbiose, Global Leadership Conference, 24. oktober 2022"
    ),
    "image_alt_en": (
        "Banner: 50 years (50 år), Kalundborg Symbiose, Global Leadership Conference, "
        "24 October 2022"
    ),
    "description_da": (
        "<p>Kalundborg Symbiose fylder 50 år, og det fejrer vi med en international konference "
        "om cirkulær økonomi. I et halvt århundrede har virksomhederne i Kalundborg sendt "
        "overskudsdamp, vand og restmaterialer videre til hinanden, og i dag studeres modellen "
        "af byer og virksomheder over hele verden.</p>"
        "<p>Dagen samler partnervirksomheder, forskere, myndigheder og gæster fra ind- og udland "
        "i den store trappesal i Helix Lab. Vi ser tilbage på, hvad samarbejdet har skabt, og "
        "frem mod de næste cirkulære projekter i partnerskabet.</p>"
        "<p>Programmet byder på keynotes, oplæg fra partnervirksomhederne, paneldebatter, "
        "netværk og guidede busture rundt til de rør, værker og fabrikker, som symbiosen består "
        "af. Konferencen foregår på engelsk.</p>"
    ),
    "description_en": (
        "<p>Kalundborg Symbiosis turns 50, and we are celebrating with an international "
        "conference on the circular economy. For half a century the companies of Kalundborg "
        "have passed surplus steam, water and residual materials on to each other, and today "
        "towns and companies all over the world study the model.</p>"
        "<p>The day brings partner companies, researchers, authorities and guests from Denmark "
        "and abroad together in the large staircase hall of Helix Lab. We look back at what the "
        "partnership has achieved, and ahead to its next circular projects.</p>"
        "<p>The programme offers keynotes, talks by the partner companies, panel debates, "
        "networking and guided bus tours to the pipes, plants and factories that make up the "
        "symbiosis. The conference is held in English.</p>"
    ),
}

# start, end, (title da, title en), (description da, description en), room, language, speakers
PROGRAMME = [
    (
        "08:30",
        "09:15",
        ("Registrering og morgenkaffe", "Registration and coffee"),
        ("Hent dit navneskilt og få en kop kaffe.", "Collect your badge and have a coffee."),
        "Foyer",
        Language.BOTH,
        [],
    ),
    (
        "09:15",
        "09:35",
        ("Velkomst: 50 år med symbiose", "Welcome: 50 years of symbiosis"),
        (
            "Bestyrelsesformanden og sekretariatschefen byder velkommen og fortæller, hvordan "
            "det hele begyndte.",
            "The chair of the board and the head of the secretariat welcome the guests and tell "
            "how it all began.",
        ),
        "Trappesalen",
        Language.EN,
        ["henrik-vestergaard", "mette-holm-sorensen"],
    ),
    (
        "09:35",
        "10:15",
        (
            "Keynote: Hvorfor symbioser holder – og hvorfor de går i stå",
            "Keynote: Why symbioses last – and why they stall",
        ),
        (
            "Erfaringer fra mere end fyrre industrielle symbioser i Europa og Asien.",
            "Lessons from more than forty industrial symbioses in Europe and Asia.",
        ),
        "Trappesalen",
        Language.EN,
        ["ingrid-thorsen"],
    ),
    (
        "10:15",
        "10:50",
        ("Keynote: Hvad er en symbiose værd?", "Keynote: What is a symbiosis worth?"),
        (
            "Sådan opgøres besparelserne på CO2, vand og penge – og hvorfor tallene ikke altid "
            "er enige.",
            "How savings in CO2, water and money are measured – and why the figures do not "
            "always agree.",
        ),
        "Trappesalen",
        Language.EN,
        ["lars-munk-pedersen"],
    ),
    (
        "10:50",
        "11:10",
        ("Kaffepause", "Coffee break"),
        ("", ""),
        "Foyer",
        Language.BOTH,
        [],
    ),
    (
        "11:10",
        "12:10",
        ("Partnerne fortæller", "The partners speak"),
        (
            "Tre partnervirksomheder viser, hvad de sender videre, og hvad de får igen: damp "
            "og fjernvarme fra Asnæsværket, varme fra spildevand og biomasse fra "
            "enzymproduktionen.",
            "Three partner companies show what they pass on and what they get back: steam and "
            "district heating from the Asnæs power station, heat from waste water, and biomass "
            "from enzyme production.",
        ),
        "Trappesalen",
        Language.EN,
        ["camilla-friis", "rasmus-eriksen", "jakob-dahl"],
    ),
    (
        "12:10",
        "13:10",
        ("Frokost og netværk", "Lunch and networking"),
        (
            "Mød partnerne, forskerne og de andre gæster over frokosten.",
            "Meet the partners, the researchers and the other guests over lunch.",
        ),
        "Foyer",
        Language.BOTH,
        [],
    ),
    (
        "13:10",
        "14:00",
        (
            "Paneldebat: Fra lokalt samarbejde til global model",
            "Panel debate: From local cooperation to a global model",
        ),
        (
            "Kan Kalundborg-modellen kopieres? Forskere og partnere diskuterer tillid, data og "
            "de næste udvekslinger.",
            "Can the Kalundborg model be copied? Researchers and partners discuss trust, data "
            "and the next exchanges.",
        ),
        "Trappesalen",
        Language.EN,
        ["sofie-lindqvist", "ingrid-thorsen", "henrik-vestergaard", "mette-holm-sorensen"],
    ),
    (
        "14:00",
        "15:30",
        ("Guidede busture rundt i symbiosen", "Guided bus tours of the symbiosis"),
        (
            "Busserne kører fra Helix Lab forbi raffinaderiet, Asnæsværket og fabrikkerne. "
            "Turene foregår på dansk og på engelsk.",
            "The buses leave Helix Lab for the refinery, the Asnæs power station and the "
            "factories. Tours are given in Danish and in English.",
        ),
        "Afgang fra hovedindgangen",
        Language.BOTH,
        [],
    ),
    (
        "15:30",
        "16:10",
        (
            "Paneldebat: De næste 50 år",
            "Panel debate: The next 50 years",
        ),
        (
            "Nye cirkulære initiativer i partnerskabet, og hvad de kræver af virksomheder og "
            "myndigheder.",
            "New circular initiatives in the partnership, and what they ask of companies and "
            "authorities.",
        ),
        "Trappesalen",
        Language.EN,
        ["camilla-friis", "jakob-dahl", "lars-munk-pedersen"],
    ),
    (
        "16:10",
        "16:30",
        ("Afslutning", "Closing"),
        (
            "Tak for i dag – og en skål for de næste 50 år.",
            "Thank you – and a toast to the next 50 years.",
        ),
        "Trappesalen",
        Language.EN,
        ["mette-holm-sorensen"],
    ),
]


def _upcoming_and_past(today):
    """(slug, days from today, weekday wanted, start, end, fields) of the dated events."""
    return [
        (
            "webinar-find-en-symbiosepartner",
            21,
            1,  # Tuesday
            datetime.time(10, 0),
            datetime.time(11, 0),
            {
                "title_da": "Webinar: Sådan finder din virksomhed en symbiosepartner",
                "title_en": "Webinar: How your company finds a symbiosis partner",
                "kind": Event.Kind.WEBINAR,
                "venue": "Online",
                "address": "",
                "languages": Language.DA,
                "registration_url": "https://symbiosis.example.org/tilmelding/webinar",
                "description_da": (
                    "<p>En time om, hvordan en virksomhed kortlægger sine overskudsstrømme og "
                    "finder en nabo, der kan bruge dem. Sekretariatet viser eksempler fra "
                    "Kalundborg og svarer på spørgsmål.</p>"
                ),
                "description_en": (
                    "<p>One hour on how a company maps its surplus streams and finds a "
                    "neighbour who can use them. The secretariat shows examples from "
                    "Kalundborg and answers questions. The webinar is in Danish.</p>"
                ),
            },
        ),
        (
            "studiebesoeg-symbiosen-for-kommuner",
            61,
            3,  # Thursday
            datetime.time(9, 30),
            datetime.time(15, 0),
            {
                "title_da": "Studiebesøg: Symbiosen for kommuner og erhvervsråd",
                "title_en": "Study visit: The symbiosis for municipalities and business councils",
                "kind": Event.Kind.STUDY_VISIT,
                "venue": "Kalundborg Station",
                "address": "4400 Kalundborg",
                "languages": Language.BOTH,
                "registration_url": "https://symbiosis.example.org/tilmelding/studiebesoeg",
                "description_da": (
                    "<p>En dag i bus rundt til partnerne, med frokost og god tid til spørgsmål: "
                    "for kommuner og erhvervsråd, der overvejer at starte en symbiose.</p>"
                ),
                "description_en": (
                    "<p>A day by bus around the partners, with lunch and plenty of time for "
                    "questions: for municipalities and business councils thinking about "
                    "starting a symbiosis.</p>"
                ),
            },
        ),
        (
            "workshop-data-og-matchmaking",
            152,
            2,  # Wednesday
            datetime.time(13, 0),
            datetime.time(16, 30),
            {
                "title_da": "Workshop: Data og matchmaking mellem restprodukter",
                "title_en": "Workshop: Data and matchmaking between residual products",
                "kind": Event.Kind.WORKSHOP,
                "venue": "Helix Lab",
                "address": HELIX_ADDRESS,
                "languages": Language.BOTH,
                "registration_url": "https://symbiosis.example.org/tilmelding/workshop",
                "description_da": (
                    "<p>Partnerne og sekretariatet arbejder sammen om, hvilke data der skal "
                    "til, før to virksomheder kan se, at den enes rest passer til den andens "
                    "behov.</p>"
                ),
                "description_en": "",
            },
        ),
        (
            "studiebesoeg-delegation-fra-oestersoeregionen",
            -38,
            1,
            datetime.time(9, 0),
            datetime.time(14, 0),
            {
                "title_da": "Studiebesøg for en delegation fra Østersøregionen",
                "title_en": "Study visit for a delegation from the Baltic Sea region",
                "kind": Event.Kind.STUDY_VISIT,
                "venue": "Kalundborg Station",
                "address": "4400 Kalundborg",
                "languages": Language.EN,
                "registration_url": "",
                "description_da": (
                    "<p>Erhvervsfolk og planlæggere fra byerne omkring Østersøen besøgte "
                    "partnerne og hørte om symbiosens første årtier.</p>"
                ),
                "description_en": (
                    "<p>Business people and planners from towns around the Baltic Sea visited "
                    "the partners and heard about the symbiosis's first decades.</p>"
                ),
            },
        ),
        (
            "workshop-vand-i-symbiosen",
            -120,
            2,
            datetime.time(9, 0),
            datetime.time(12, 0),
            {
                "title_da": "Workshop: Vand i symbiosen",
                "title_en": "Workshop: Water in the symbiosis",
                "kind": Event.Kind.WORKSHOP,
                "venue": "Kalundborg Forsyning",
                "address": "4400 Kalundborg",
                "languages": Language.DA,
                "registration_url": "",
                "description_da": (
                    "<p>Partnerne gennemgik, hvor overfladevand, kølevand og renset spildevand "
                    "kan bruges én gang mere.</p>"
                ),
                "description_en": (
                    "<p>The partners went through where surface water, cooling water and "
                    "treated effluent can be used once more.</p>"
                ),
            },
        ),
    ]


# Sessions of the upcoming webinar (minutes after its start, length, titles, speakers).
WEBINAR_PROGRAMME = [
    (0, 35, ("Fra overskud til ressource", "From surplus to resource"), ["mette-holm-sorensen"]),
    (35, 25, ("Spørgsmål og svar", "Questions and answers"), ["mette-holm-sorensen"]),
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


BANNER = ("50 år", "Kalundborg Symbiose", "Global Leadership Conference · 24.10.2022")


def _at(day, clock):
    if isinstance(clock, str):
        clock = datetime.time.fromisoformat(clock)
    return datetime.datetime.combine(day, clock, tzinfo=COPENHAGEN)


def _on_weekday(day, weekday):
    """The first day on or after `day` that is `weekday` (0 Monday … 6 Sunday)."""
    return day + datetime.timedelta(days=(weekday - day.weekday()) % 7)


def _set_speakers(session, speakers):
    wanted = {speaker.pk for speaker in speakers}
    if set(session.speakers.values_list("pk", flat=True)) == wanted:
        return 0
    session.speakers.set(speakers)
    return 1


def _session(event, start, end, titles, descriptions, room, language, speakers):
    session, changed = upsert(
        Session,
        {"event": event, "title_da": titles[0]},
        title_en=titles[1],
        start=start,
        end=end,
        description_da=descriptions[0],
        description_en=descriptions[1],
        room=room,
        language=language,
    )
    return int(changed) + _set_speakers(session, speakers)


def load_speakers():
    partners = {p.slug: p for p in Partner.objects.all()}
    speakers, changed = {}, 0
    for slug, name, roles, partner, organisation, colour, bios in SPEAKERS:
        speaker, c = upsert(
            Speaker,
            {"slug": slug},
            name=name,
            role_da=roles[0],
            role_en=roles[1],
            partner=partners.get(partner) if partner else None,
            organisation=organisation,
            bio_da=bios[0],
            bio_en=bios[1],
        )
        changed += c + attach_image(speaker, "photo", f"{slug}.png", avatar_png(name, colour))
        speakers[slug] = speaker
    return speakers, changed


def load_conference(speakers):
    start, end = _at(CONFERENCE_DAY, "08:30"), _at(CONFERENCE_DAY, "16:30")
    conference, changed = upsert(
        Event, {"slug": CONFERENCE_SLUG}, start=start, end=end, is_public=True, **CONFERENCE
    )
    changed = int(changed)
    banner = banner_png(BANNER, "#063b2c")
    changed += attach_image(conference, "image", f"{CONFERENCE_SLUG}.png", banner)
    for start, end, titles, descriptions, room, language, names in PROGRAMME:
        changed += _session(
            conference,
            _at(CONFERENCE_DAY, start),
            _at(CONFERENCE_DAY, end),
            titles,
            descriptions,
            room,
            language,
            [speakers[name] for name in names],
        )
    return changed


def load_dated_events(speakers, today):
    changed = 0
    for slug, days, weekday, start, end, fields in _upcoming_and_past(today):
        day = _on_weekday(today + datetime.timedelta(days=days), weekday)
        event, c = upsert(
            Event,
            {"slug": slug},
            start=_at(day, start),
            end=_at(day, end),
            is_public=True,
            **fields,
        )
        changed += c
        if event.kind == Event.Kind.WEBINAR:
            for offset, minutes, titles, names in WEBINAR_PROGRAMME:
                begins = event.start + datetime.timedelta(minutes=offset)
                changed += _session(
                    event,
                    begins,
                    begins + datetime.timedelta(minutes=minutes),
                    titles,
                    ("", ""),
                    "",
                    Language.DA,
                    [speakers[name] for name in names],
                )
    return changed


def load():
    """Create or update the demo events, sessions and speakers. Returns rows changed."""
    speakers, changed = load_speakers()
    changed += load_conference(speakers)
    changed += load_dated_events(speakers, timezone.localdate())
    return changed
