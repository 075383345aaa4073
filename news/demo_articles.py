"""Demo articles: news, press releases and a newsletter issue, in our own words.

Facts from ../shared/DOMAIN.md and the seeds (000/001 the 50-year conference,
003 the national network), sn.dk (Comet and Intertek join, March 2023) and
symbiosis.dk (the association, December 2019; "grøn energi", 2022). Every person
quoted is invented. Lead images are abstract "pipes" drawn with Pillow.

One article has no English (to show the fallback), one is scheduled a few days
ahead (to show scheduling) and one is a draft (to show the staff preview).
"""

import datetime
import io
import random

from django.utils import timezone
from PIL import Image, ImageDraw

from exchanges.models import Flow
from news.models import COPENHAGEN, Article
from partners.models import Partner
from symbiosis.demo import attach_image, upsert

CREDIT = "Kalundborg Symbiose (demo illustration)"
ALT_DA = "Abstrakt tegning: rør i rødt, blåt og brunt, der løber mellem hinanden på lys baggrund"
ALT_EN = "Abstract drawing: red, blue and brown pipes running between each other on a light ground"
PIPE_COLOURS = ["#b13c0a", "#1d5fa8", "#75560f", "#0b6b4a"]

# The article shown as edited after its original date (to show "updated <date>").
UPDATED_LATER = "jubilaeumskonference-50-aar"
UPDATED_ON = datetime.datetime(2022, 10, 25, 14, 0, tzinfo=COPENHAGEN)

SCHEDULED = "symbiosens-stroemme-som-aabne-data"
DRAFT = "aarets-gang-i-symbiosen-udkast"
SCHEDULE_DAYS_AHEAD = 4


def pipes_png(seed, size=(1200, 675)):
    """An abstract picture of pipes in the site's colours; the same bytes for the same seed."""
    rng = random.Random(seed)  # noqa: S311 (a picture, not a secret)
    width, height = size
    image = Image.new("RGB", size, "#eef5f1")
    draw = ImageDraw.Draw(image)
    for _pipe in range(7):
        colour = rng.choice(PIPE_COLOURS)
        thickness = rng.randrange(18, 40)
        x, y = rng.randrange(0, width), rng.randrange(0, height)
        points = [(x, y)]
        for turn in range(rng.randrange(3, 6)):
            if turn % 2:
                y = rng.randrange(40, height - 40)
            else:
                x = rng.randrange(40, width - 40)
            points.append((x, y))
        draw.line(points, fill=colour, width=thickness, joint="curve")
        for px, py in points[1:-1]:
            r = thickness // 2 + 6
            draw.ellipse((px - r, py - r, px + r, py + r), fill=colour)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def at(year, month, day, hour=10):
    return datetime.datetime(year, month, day, hour, 0, tzinfo=COPENHAGEN)


# slug, kind, moment (None: scheduled or draft), title, lead, body (da, en),
# caption (da, en), partner slugs, flows as (supplier, receiver, resource)
ARTICLES = [
    {
        "slug": "kalundborg-symbiose-bliver-en-selvstaendig-forening",
        "kind": Article.Kind.NEWS,
        "moment": at(2019, 12, 17),
        "title": ("Kalundborg Symbiose bliver en selvstændig forening", ""),
        "lead": (
            "Partnerne har på en ekstraordinær generalforsamling den 16. december 2019 "
            "besluttet, at Symbiosen fremover skal være en privat forening med egne medlemmer "
            "og egen bestyrelse.",
            "",
        ),
        "body": (
            "<p>Samarbejdet mellem virksomhederne i Kalundborg har i mere end 45 år været "
            "bygget op om tillid og korte afstande. Nu får det også en form, der passer til "
            "fremtiden: en selvstændig forening, hvor nye virksomheder kan søge om at blive "
            "medlem, og hvor Symbiosen selv kan gå ind i projekter med partnere udefra.</p>"
            "<p>Strømmene af energi, vand og materialer fortsætter som hidtil, og partnerne "
            "er de samme. Bestyrelsen har sat sig det mål, at der inden 2025 skal være sat "
            "mindst ti nye symbioseprojekter i gang.</p>"
            "<blockquote><p>»Vi bygger videre på det, der virker, men vi åbner døren for flere. "
            "Jo flere partnere, jo flere strømme kan vi finde,« siger bestyrelsesformand "
            "Jens Vilstrup.</p></blockquote>"
            "<p>Fra 1. april 2020 får foreningen sit eget sekretariat.</p>",
            "",
        ),
        "caption": ("Rørføringer mellem fabrikkerne: Symbiosens kendetegn.", ""),
        "partners": ["kalundborg-kommune", "novo-nordisk"],
        "flows": [],
    },
    {
        "slug": "symbiose-netvaerk-danmark-lanceret",
        "kind": Article.Kind.NEWS,
        "moment": at(2021, 11, 9),
        "title": (
            "Nyt nationalt netværk skal udbrede industrielle symbioser",
            "A new national network to spread industrial symbiosis",
        ),
        "lead": (
            "I ugen for klimatopmødet COP26 gik Kalundborg Symbiose, Center for Logistik og "
            "Samarbejde og Transition sammen om Symbiose Netværk Danmark.",
            "In the week of the COP26 climate summit, Kalundborg Symbiosis, the Centre for "
            "Logistics and Collaboration and Transition launched Symbiose Netværk Danmark.",
        ),
        "body": (
            "<p>Rundt om i landet deler virksomheder allerede rester og ressourcer med "
            "hinanden, men erfaringerne bliver sjældent delt på tværs. Det nye netværk samler "
            "offentlige og private aktører, videninstitutioner og foreninger, så metoder og "
            "værktøjer kan gå videre fra den ene symbiose til den næste.</p>"
            "<h2>Tre stiftere</h2>"
            "<ul><li>Kalundborg Symbiose, med erfaringer fra verdens ældste industrielle "
            "symbiose;</li><li>Center for Logistik og Samarbejde, datterselskab af Port of "
            "Aalborg, som driver symbiosearbejdet i Nordjylland;</li><li>Transition, der fra "
            "Aarhus og København rådgiver om symbiosesamarbejde.</li></ul>"
            "<blockquote><p>»Vi har prøvet meget af i Kalundborg, også det, der ikke lykkedes. "
            "Den viden skal andre have gavn af, og vi regner med at lære mindst lige så meget "
            "tilbage,« siger sekretariatschef Hanne Bech Mortensen.</p></blockquote>",
            "<p>Companies around the country already share residues and resources, but what "
            "they learn is seldom passed on. The new network brings public and private "
            "organisations, knowledge institutions and associations together, so methods and "
            "tools can travel from one symbiosis to the next.</p>"
            "<h2>Three founders</h2>"
            "<ul><li>Kalundborg Symbiosis, with the experience of the world's oldest "
            "industrial symbiosis;</li><li>the Centre for Logistics and Collaboration, a "
            "subsidiary of Port of Aalborg, which runs symbiosis work in North Jutland;</li>"
            "<li>Transition, which advises on symbiosis from Aarhus and Copenhagen.</li></ul>"
            "<blockquote><p>“We have tried a lot in Kalundborg, including what did not work. "
            "Others should benefit from that, and we expect to learn at least as much back,” "
            "says Hanne Bech Mortensen, head of the secretariat.</p></blockquote>",
        ),
        "caption": ("Mange symbioser, ét netværk.", "Many symbioses, one network."),
        "partners": [],
        "flows": [],
    },
    {
        "slug": "restbiomasse-bliver-til-groen-gas",
        "kind": Article.Kind.NEWS,
        "moment": at(2022, 6, 14),
        "title": ("Restbiomasse bliver til grøn gas", "Residual biomass becomes green gas"),
        "lead": (
            "Siden foråret 2018 har biogasanlægget i Kalundborg omsat rester fra "
            "enzym- og insulinproduktionen til gas, der erstatter naturgas hos naboerne.",
            "Since spring 2018 the biogas plant in Kalundborg has turned residues from enzyme "
            "and insulin production into gas that replaces natural gas next door.",
        ),
        "body": (
            "<p>Biomassen, der bliver tilbage, når enzymer og insulin er fremstillet, køres "
            "ikke længere direkte ud på markerne. Den går først gennem biogasanlægget, hvor "
            "den giver gas, og bagefter bliver resten til gødning.</p>"
            "<p>Ifølge tal, Symbiosen offentliggjorde i 2022, modtager anlægget omkring "
            "300.000 tons biomasse om året og laver omkring 8 millioner m³ biogas. Det sparer "
            "ca. 17.000 tons CO<sub>2</sub> om året.</p>"
            "<p>Gassen renses og opgraderes, så den kan bruges i gipsproduktionen, på "
            "raffinaderiet og sendes ud i gasnettet.</p>",
            "<p>The biomass left over once enzymes and insulin are made no longer goes "
            "straight to the fields. It passes through the biogas plant first, where it gives "
            "gas, and what remains becomes fertiliser.</p>"
            "<p>According to figures the symbiosis published in 2022, the plant takes about "
            "300,000 tonnes of biomass a year and makes about 8 million m³ of biogas, saving "
            "some 17,000 tonnes of CO<sub>2</sub> a year.</p>"
            "<p>The gas is cleaned and upgraded so that plasterboard production and the "
            "refinery can use it, and the rest goes into the gas grid.</p>",
        ),
        "caption": ("Fra rest til ressource.", "From residue to resource."),
        "partners": ["kalundborg-bioenergi", "novonesis", "novo-nordisk", "saint-gobain-gyproc"],
        "flows": [
            ("novonesis", "kalundborg-bioenergi", "biomass"),
            ("novo-nordisk", "kalundborg-bioenergi", "biomass"),
            ("kalundborg-bioenergi", "saint-gobain-gyproc", "biogas"),
            ("kalundborg-bioenergi", "kalundborg-refinery", "biogas"),
        ],
    },
    {
        "slug": UPDATED_LATER,
        "kind": Article.Kind.PRESS_RELEASE,
        "moment": at(2022, 10, 4),
        "title": (
            "50 år med symbiose: Kalundborg inviterer verden til konference",
            "50 years of symbiosis: Kalundborg invites the world to a conference",
        ),
        "lead": (
            "Mandag den 24. oktober 2022 samler Kalundborg Symbiose deltagere fra hele verden "
            "til »Global Leadership Conference within circular economy« i Helix Lab.",
            "On Monday 24 October 2022 Kalundborg Symbiosis brings people from around the "
            "world to the “Global Leadership Conference within circular economy” at Helix Lab.",
        ),
        "body": (
            "<p>For et halvt århundrede siden begyndte virksomhederne i Kalundborg at sende "
            "deres overskud af energi, vand og materialer videre til hinanden. I dag er "
            "samarbejdet et eksempel, som byer og virksomheder over hele verden studerer.</p>"
            "<p>Jubilæet fejres med en konference i den store trappesal i Helix Lab. Dagen "
            "byder på oplæg, paneldebatter og rundvisninger i symbiosen, og nye cirkulære "
            "projekter bliver præsenteret.</p>"
            "<blockquote><p>»Symbiosen hviler på, at vi stoler på hinanden og tør vise "
            "hinanden vores udfordringer. Det er dér, de nye idéer opstår,« siger "
            "bestyrelsesformand Jens Vilstrup.</p></blockquote>"
            "<blockquote><p>»Vi hører hver uge fra nogen, der vil gøre noget lignende. Det "
            "er den bedste anerkendelse, vi kan få,« siger sekretariatschef "
            "Hanne Bech Mortensen.</p></blockquote>"
            "<p>Programmet og talerne findes under arrangementer.</p>",
            "<p>Half a century ago the companies of Kalundborg began passing their surplus "
            "energy, water and materials on to each other. Today towns and companies all over "
            "the world study the partnership.</p>"
            "<p>The anniversary is marked by a conference in the great stair hall of Helix "
            "Lab: talks, panel debates and guided tours of the symbiosis, and new circular "
            "projects presented for the first time.</p>"
            "<blockquote><p>“The symbiosis rests on trust, and on daring to show each other our "
            "problems. That is where new ideas come from,” says Jens Vilstrup, chair of the "
            "board.</p></blockquote>"
            "<blockquote><p>“Every week someone tells us they want to do something similar. "
            "There is no better recognition,” says Hanne Bech Mortensen, head of the "
            "secretariat.</p></blockquote>"
            "<p>The programme and the speakers are listed under events.</p>",
        ),
        "caption": (
            "Jubilæumskonferencen holdes i Helix Lab, Kalundborg.",
            "The anniversary conference takes place at Helix Lab, Kalundborg.",
        ),
        "partners": ["novo-nordisk", "kalundborg-kommune"],
        "flows": [],
    },
    {
        "slug": "comet-og-intertek-bliver-associerede-medlemmer",
        "kind": Article.Kind.NEWS,
        "moment": at(2023, 3, 14),
        "title": (
            "Comet og Intertek bliver associerede medlemmer",
            "Comet and Intertek join as associate members",
        ),
        "lead": (
            "Med to nye associerede medlemmer tæller Kalundborg Symbiose nu 16 medlemmer, "
            "flere end nogensinde før.",
            "With two new associate members Kalundborg Symbiosis now has 16 members, more "
            "than ever before.",
        ),
        "body": (
            "<p>Comet bygger et anlæg i Kalundborg i samarbejde med symbiosepartneren "
            "Meliora Bio og gør et biprodukt til en fiberingrediens til fødevarer: en lille "
            "symbiose inde i den store.</p>"
            "<p>Intertek har været i Kalundborg siden 1974 og tester og kontrollerer for "
            "industrien. Som videnspartner kan virksomheden hjælpe nye grønne teknologier på "
            "vej og dermed nye strømme mellem partnerne.</p>"
            "<p>Associerede medlemmer betaler et lavere kontingent og har ikke plads i "
            "bestyrelsen, men deltager i netværket og projekterne.</p>",
            "<p>Comet is building a plant in Kalundborg together with the symbiosis partner "
            "Meliora Bio, turning a by-product into a dietary fibre for food: a small "
            "symbiosis inside the big one.</p>"
            "<p>Intertek has been in Kalundborg since 1974, testing and inspecting for "
            "industry. As a knowledge partner it can help new green technologies along, and "
            "with them new streams between the partners.</p>"
            "<p>Associate members pay a lower fee and have no seat on the board, but take "
            "part in the network and its projects.</p>",
        ),
        "caption": ("To nye medlemmer i partnerskabet.", "Two new members of the partnership."),
        "partners": ["comet", "intertek", "meliora-bio"],
        "flows": [],
    },
    {
        "slug": "nyhedsbrev-maj-2024",
        "kind": Article.Kind.NEWSLETTER,
        "moment": at(2024, 5, 28),
        "title": (
            "Nyhedsbrev, maj 2024: data under diagrammet",
            "Newsletter, May 2024: data beneath the diagram",
        ),
        "lead": (
            "Symbiosediagrammet skal bygges på data, et medlem hejser flaget, og vi dykker "
            "ned i arkivet efter Miljøklubben fra 1988.",
            "The symbiosis diagram is to be built on data, a member raises the flag, and we "
            "look in the archive for the Environment Club of 1988.",
        ),
        "body": (
            "<h2>Diagrammet får data under sig</h2>"
            "<p>Sekretariatet er gået i gang med at samle oplysningerne om strømmene i en "
            "database, så diagrammet kan tegnes direkte fra data og bruges til at finde nye "
            "match mellem virksomhedernes overskud og behov.</p>"
            "<h2>Flaget er hejst</h2>"
            "<p>Vores associerede medlem Intertek markerede endnu et år i partnerskabet ved "
            "at hejse symbioseflaget.</p>"
            "<h2>Fra arkivet</h2>"
            "<p>I 1988 mødtes virksomhedernes ledere i den såkaldte Miljøklub. Året efter fik "
            "samarbejdet navnet Kalundborg Symbiose.</p>",
            "<h2>The diagram gets data beneath it</h2>"
            "<p>The secretariat has started gathering what we know about the flows into a "
            "database, so the diagram can be drawn straight from data and used to match one "
            "company's surplus with another's needs.</p>"
            "<h2>The flag is up</h2>"
            "<p>Our associate member Intertek marked another year in the partnership by "
            "raising the symbiosis flag.</p>"
            "<h2>From the archive</h2>"
            "<p>In 1988 the companies' managers met in what was called the Environment Club. "
            "A year later the cooperation got its name: Kalundborg Symbiosis.</p>",
        ),
        "caption": ("Strømmene, tegnet fra data.", "The flows, drawn from data."),
        "partners": ["intertek", "kalundborg-forsyning"],
        "flows": [],
    },
    {
        "slug": SCHEDULED,
        "kind": Article.Kind.NEWS,
        "moment": None,
        "title": (
            "Symbiosens strømme som åbne data",
            "The symbiosis's flows as open data",
        ),
        "lead": (
            "Partnere, strømme og tal kan nu hentes som CSV og JSON under en åben licens.",
            "Partners, flows and figures can now be downloaded as CSV and JSON under an open "
            "licence.",
        ),
        "body": (
            "<p>Forskere, studerende og andre byer spørger ofte efter tallene bag "
            "diagrammet. Nu ligger de på hjemmesiden, med år og kilde for hvert tal.</p>",
            "<p>Researchers, students and other towns often ask for the figures behind the "
            "diagram. Now they are on the website, each with its year and source.</p>",
        ),
        "caption": ("Data til alle.", "Data for everyone."),
        "partners": ["kalundborg-kommune"],
        "flows": [],
    },
    {
        "slug": DRAFT,
        "kind": Article.Kind.NEWSLETTER,
        "moment": None,
        "title": ("Årets gang i symbiosen (udkast)", "The year in the symbiosis (draft)"),
        "lead": (
            "Et kig tilbage på årets projekter, besøg og nye strømme.",
            "A look back at the year's projects, visits and new streams.",
        ),
        "body": ("<p>Teksten skrives færdig af sekretariatet.</p>", ""),
        "caption": ("", ""),
        "partners": [],
        "flows": [],
    },
]


def _scheduled_moment(existing):
    """Keep a scheduled moment that is still ahead; otherwise schedule a few days out,
    so the demo always shows an article waiting for its moment."""
    if existing is not None and existing.publish_at > timezone.now():
        return existing.publish_at
    day = timezone.localdate() + datetime.timedelta(days=SCHEDULE_DAYS_AHEAD)
    return datetime.datetime.combine(day, datetime.time(9, 0), tzinfo=COPENHAGEN)


def _dates(spec):
    """publish_at, first_published and the `updated` stamp the article should carry."""
    slug = spec["slug"]
    if slug == DRAFT:
        return {}, None
    if slug == SCHEDULED:
        moment = _scheduled_moment(Article.objects.filter(slug=slug).first())
        return {"publish_at": moment, "first_published": moment.date()}, None
    moment = spec["moment"]
    dates = {"publish_at": moment, "first_published": moment.date()}
    return dates, UPDATED_ON if slug == UPDATED_LATER else moment


def load():
    changed = 0
    partners = {p.slug: p for p in Partner.objects.all()}
    for spec in ARTICLES:
        dates, stamp = _dates(spec)
        (title_da, title_en), (lead_da, lead_en) = spec["title"], spec["lead"]
        (body_da, body_en), (caption_da, caption_en) = spec["body"], spec["caption"]
        english = bool(title_en)
        article, c = upsert(
            Article,
            {"slug": spec["slug"]},
            title_da=title_da,
            title_en=title_en,
            lead_da=lead_da,
            lead_en=lead_en,
            body_da=body_da,
            body_en=body_en,
            kind=spec["kind"],
            status=Article.Status.DRAFT if spec["slug"] == DRAFT else Article.Status.PUBLISHED,
            image_alt_da=ALT_DA,
            image_alt_en=ALT_EN if english else "",
            image_caption_da=caption_da,
            image_caption_en=caption_en,
            image_credit=CREDIT,
            **dates,
        )
        changed += c
        changed += attach_image(
            article, "lead_image", f"{spec['slug']}.png", pipes_png(spec["slug"])
        )
        related = [partners[s] for s in spec["partners"] if s in partners]
        if set(article.related_partners.all()) != set(related):
            article.related_partners.set(related)
            changed += 1
        flows = [
            flow
            for supplier, receiver, resource in spec["flows"]
            for flow in Flow.objects.filter(
                supplier__slug=supplier, receiver__slug=receiver, resource__slug=resource
            )
        ]
        if set(article.related_flows.all()) != set(flows):
            article.related_flows.set(flows)
            changed += 1
        if stamp is not None:
            # Like an archive brought over: created and last edited when it went out
            # (or, for one article, edited later), not on the day the demo was loaded.
            changed += (
                Article.objects.filter(pk=article.pk)
                .exclude(created=spec["moment"], updated=stamp)
                .update(created=spec["moment"], updated=stamp)
            )
    return changed
