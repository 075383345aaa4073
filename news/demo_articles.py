"""Demo articles: news, press releases and a newsletter issue, in our own words.

Facts from the symbiosis's published history, the invitation to its 50-year conference,
the announcement of the national network, sn.dk (Comet and Intertek join, March 2023) and
symbiosis.dk (the association, December 2019; "grøn energi", 2022). Every person
quoted is invented. Lead images are abstract "pipes" drawn with Pillow.

One article has no English (to show the fallback), one is scheduled a few days
ahead (to show scheduling) and one is a draft (to show the staff preview).

The app's models are reached as `models.X`: the plain names are the demo's records.
"""

import datetime
import io
import random
from dataclasses import dataclass

from django.utils import timezone
from PIL import Image, ImageDraw

from exchanges.demo import FlowRef, linked_flows
from news import models
from partners.models import Partner
from symbiosis.demo import attach_image, set_links, upsert_record

Kind = models.Article.Kind

CREDIT = "Kalundborg Symbiose (demo illustration)"
ALT_DA = "Abstrakt tegning: rør i rødt, blåt og brunt, der løber mellem hinanden på lys baggrund"
ALT_EN = "Abstract drawing: red, blue and brown pipes running between each other on a light ground"
PIPE_COLOURS = ["#b13c0a", "#1d5fa8", "#75560f", "#0b6b4a"]

# The article shown as edited after its original date (to show "updated <date>").
UPDATED_LATER = "jubilaeumskonference-50-aar"
UPDATED_ON = datetime.datetime(2022, 10, 25, 14, 0, tzinfo=timezone.get_default_timezone())

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
    return datetime.datetime(year, month, day, hour, 0, tzinfo=timezone.get_default_timezone())


@dataclass(frozen=True)
class Article:
    """An article with its lead image's caption; `moment` is when it went out (None for
    the scheduled article and the draft)."""

    slug: str
    kind: str
    title_da: str
    title_en: str
    lead_da: str
    lead_en: str
    body_da: str
    body_en: str
    caption_da: str
    caption_en: str
    moment: datetime.datetime | None = None
    partners: tuple[str, ...] = ()  # partner slugs
    flows: tuple[FlowRef, ...] = ()


ARTICLES = [
    Article(
        slug="kalundborg-symbiose-bliver-en-selvstaendig-forening",
        kind=Kind.NEWS,
        moment=at(2019, 12, 17),
        title_da="Kalundborg Symbiose bliver en selvstændig forening",
        title_en="",
        lead_da=(
            "Partnerne har på en ekstraordinær generalforsamling den 16. december 2019 "
            "besluttet, at Symbiosen fremover skal være en privat forening med egne medlemmer "
            "og egen bestyrelse."
        ),
        lead_en="",
        body_da=(
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
            "<p>Fra 1. april 2020 får foreningen sit eget sekretariat.</p>"
        ),
        body_en="",
        caption_da="Rørføringer mellem fabrikkerne: Symbiosens kendetegn.",
        caption_en="",
        partners=("kalundborg-kommune", "novo-nordisk"),
    ),
    Article(
        slug="symbiose-netvaerk-danmark-lanceret",
        kind=Kind.NEWS,
        moment=at(2021, 11, 9),
        title_da="Nyt nationalt netværk skal udbrede industrielle symbioser",
        title_en="A new national network to spread industrial symbiosis",
        lead_da=(
            "I ugen for klimatopmødet COP26 gik Kalundborg Symbiose, Center for Logistik og "
            "Samarbejde og Transition sammen om Symbiose Netværk Danmark."
        ),
        lead_en=(
            "In the week of the COP26 climate summit, Kalundborg Symbiosis, the Centre for "
            "Logistics and Collaboration and Transition launched Symbiose Netværk Danmark."
        ),
        body_da=(
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
            "tilbage,« siger sekretariatschef Hanne Bech Mortensen.</p></blockquote>"
        ),
        body_en=(
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
            "says Hanne Bech Mortensen, head of the secretariat.</p></blockquote>"
        ),
        caption_da="Mange symbioser, ét netværk.",
        caption_en="Many symbioses, one network.",
    ),
    Article(
        slug="restbiomasse-bliver-til-groen-gas",
        kind=Kind.NEWS,
        moment=at(2022, 6, 14),
        title_da="Restbiomasse bliver til grøn gas",
        title_en="Residual biomass becomes green gas",
        lead_da=(
            "Siden foråret 2018 har biogasanlægget i Kalundborg omsat rester fra "
            "enzym- og insulinproduktionen til gas, der erstatter naturgas hos naboerne."
        ),
        lead_en=(
            "Since spring 2018 the biogas plant in Kalundborg has turned residues from enzyme "
            "and insulin production into gas that replaces natural gas next door."
        ),
        body_da=(
            "<p>Biomassen, der bliver tilbage, når enzymer og insulin er fremstillet, køres "
            "ikke længere direkte ud på markerne. Den går først gennem biogasanlægget, hvor "
            "den giver gas, og bagefter bliver resten til gødning.</p>"
            "<p>Ifølge tal, Symbiosen offentliggjorde i 2022, modtager anlægget omkring "
            "300.000 tons biomasse om året og laver omkring 8 millioner m³ biogas. Det sparer "
            "ca. 17.000 tons CO<sub>2</sub> om året.</p>"
            "<p>Gassen renses og opgraderes, så den kan bruges i gipsproduktionen, på "
            "raffinaderiet og sendes ud i gasnettet.</p>"
        ),
        body_en=(
            "<p>The biomass left over once enzymes and insulin are made no longer goes "
            "straight to the fields. It passes through the biogas plant first, where it gives "
            "gas, and what remains becomes fertiliser.</p>"
            "<p>According to figures the symbiosis published in 2022, the plant takes about "
            "300,000 tonnes of biomass a year and makes about 8 million m³ of biogas, saving "
            "some 17,000 tonnes of CO<sub>2</sub> a year.</p>"
            "<p>The gas is cleaned and upgraded so that plasterboard production and the "
            "refinery can use it, and the rest goes into the gas grid.</p>"
        ),
        caption_da="Fra rest til ressource.",
        caption_en="From residue to resource.",
        partners=("kalundborg-bioenergi", "novonesis", "novo-nordisk", "saint-gobain-gyproc"),
        flows=(
            FlowRef(supplier="novonesis", receiver="kalundborg-bioenergi", resource="biomass"),
            FlowRef(supplier="novo-nordisk", receiver="kalundborg-bioenergi", resource="biomass"),
            FlowRef(
                supplier="kalundborg-bioenergi", receiver="saint-gobain-gyproc", resource="biogas"
            ),
            FlowRef(
                supplier="kalundborg-bioenergi", receiver="kalundborg-refinery", resource="biogas"
            ),
        ),
    ),
    Article(
        slug=UPDATED_LATER,
        kind=Kind.PRESS_RELEASE,
        moment=at(2022, 10, 4),
        title_da="50 år med symbiose: Kalundborg inviterer verden til konference",
        title_en="50 years of symbiosis: Kalundborg invites the world to a conference",
        lead_da=(
            "Mandag den 24. oktober 2022 samler Kalundborg Symbiose deltagere fra hele verden "
            "til »Global Leadership Conference within circular economy« i Helix Lab."
        ),
        lead_en=(
            "On Monday 24 October 2022 Kalundborg Symbiosis brings people from around the "
            "world to the “Global Leadership Conference within circular economy” at Helix Lab."
        ),
        body_da=(
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
            "<p>Programmet og talerne findes under arrangementer.</p>"
        ),
        body_en=(
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
            "<p>The programme and the speakers are listed under events.</p>"
        ),
        caption_da="Jubilæumskonferencen holdes i Helix Lab, Kalundborg.",
        caption_en="The anniversary conference takes place at Helix Lab, Kalundborg.",
        partners=("novo-nordisk", "kalundborg-kommune"),
    ),
    Article(
        slug="comet-og-intertek-bliver-associerede-medlemmer",
        kind=Kind.NEWS,
        moment=at(2023, 3, 14),
        title_da="Comet og Intertek bliver associerede medlemmer",
        title_en="Comet and Intertek join as associate members",
        lead_da=(
            "Med to nye associerede medlemmer tæller Kalundborg Symbiose nu 16 medlemmer, "
            "flere end nogensinde før."
        ),
        lead_en=(
            "With two new associate members Kalundborg Symbiosis now has 16 members, more "
            "than ever before."
        ),
        body_da=(
            "<p>Comet bygger et anlæg i Kalundborg i samarbejde med symbiosepartneren "
            "Meliora Bio og gør et biprodukt til en fiberingrediens til fødevarer: en lille "
            "symbiose inde i den store.</p>"
            "<p>Intertek har været i Kalundborg siden 1974 og tester og kontrollerer for "
            "industrien. Som videnspartner kan virksomheden hjælpe nye grønne teknologier på "
            "vej og dermed nye strømme mellem partnerne.</p>"
            "<p>Associerede medlemmer betaler et lavere kontingent og har ikke plads i "
            "bestyrelsen, men deltager i netværket og projekterne.</p>"
        ),
        body_en=(
            "<p>Comet is building a plant in Kalundborg together with the symbiosis partner "
            "Meliora Bio, turning a by-product into a dietary fibre for food: a small "
            "symbiosis inside the big one.</p>"
            "<p>Intertek has been in Kalundborg since 1974, testing and inspecting for "
            "industry. As a knowledge partner it can help new green technologies along, and "
            "with them new streams between the partners.</p>"
            "<p>Associate members pay a lower fee and have no seat on the board, but take "
            "part in the network and its projects.</p>"
        ),
        caption_da="To nye medlemmer i partnerskabet.",
        caption_en="Two new members of the partnership.",
        partners=("comet", "intertek", "meliora-bio"),
    ),
    Article(
        slug="nyhedsbrev-maj-2024",
        kind=Kind.NEWSLETTER,
        moment=at(2024, 5, 28),
        title_da="Nyhedsbrev, maj 2024: data under diagrammet",
        title_en="Newsletter, May 2024: data beneath the diagram",
        lead_da=(
            "Symbiosediagrammet skal bygges på data, et medlem hejser flaget, og vi dykker "
            "ned i arkivet efter Miljøklubben fra 1988."
        ),
        lead_en=(
            "The symbiosis diagram is to be built on data, a member raises the flag, and we "
            "look in the archive for the Environment Club of 1988."
        ),
        body_da=(
            "<h2>Diagrammet får data under sig</h2>"
            "<p>Sekretariatet er gået i gang med at samle oplysningerne om strømmene i en "
            "database, så diagrammet kan tegnes direkte fra data og bruges til at finde nye "
            "match mellem virksomhedernes overskud og behov.</p>"
            "<h2>Flaget er hejst</h2>"
            "<p>Vores associerede medlem Intertek markerede endnu et år i partnerskabet ved "
            "at hejse symbioseflaget.</p>"
            "<h2>Fra arkivet</h2>"
            "<p>I 1988 mødtes virksomhedernes ledere i den såkaldte Miljøklub. Året efter fik "
            "samarbejdet navnet Kalundborg Symbiose.</p>"
        ),
        body_en=(
            "<h2>The diagram gets data beneath it</h2>"
            "<p>The secretariat has started gathering what we know about the flows into a "
            "database, so the diagram can be drawn straight from data and used to match one "
            "company's surplus with another's needs.</p>"
            "<h2>The flag is up</h2>"
            "<p>Our associate member Intertek marked another year in the partnership by "
            "raising the symbiosis flag.</p>"
            "<h2>From the archive</h2>"
            "<p>In 1988 the companies' managers met in what was called the Environment Club. "
            "A year later the cooperation got its name: Kalundborg Symbiosis.</p>"
        ),
        caption_da="Strømmene, tegnet fra data.",
        caption_en="The flows, drawn from data.",
        partners=("intertek", "kalundborg-forsyning"),
    ),
    Article(
        slug=SCHEDULED,
        kind=Kind.NEWS,
        title_da="Symbiosens strømme som åbne data",
        title_en="The symbiosis's flows as open data",
        lead_da="Partnere, strømme og tal kan nu hentes som CSV og JSON under en åben licens.",
        lead_en=(
            "Partners, flows and figures can now be downloaded as CSV and JSON under an open "
            "licence."
        ),
        body_da=(
            "<p>Forskere, studerende og andre byer spørger ofte efter tallene bag "
            "diagrammet. Nu ligger de på hjemmesiden, med år og kilde for hvert tal.</p>"
        ),
        body_en=(
            "<p>Researchers, students and other towns often ask for the figures behind the "
            "diagram. Now they are on the website, each with its year and source.</p>"
        ),
        caption_da="Data til alle.",
        caption_en="Data for everyone.",
        partners=("kalundborg-kommune",),
    ),
    Article(
        slug=DRAFT,
        kind=Kind.NEWSLETTER,
        title_da="Årets gang i symbiosen (udkast)",
        title_en="The year in the symbiosis (draft)",
        lead_da="Et kig tilbage på årets projekter, besøg og nye strømme.",
        lead_en="A look back at the year's projects, visits and new streams.",
        body_da="<p>Teksten skrives færdig af sekretariatet.</p>",
        body_en="",
        caption_da="",
        caption_en="",
    ),
]


def _scheduled_moment(existing):
    """Keep a scheduled moment that is still ahead; otherwise schedule a few days out,
    so the demo always shows an article waiting for its moment."""
    if existing is not None and existing.publish_at > timezone.now():
        return existing.publish_at
    day = timezone.localdate() + datetime.timedelta(days=SCHEDULE_DAYS_AHEAD)
    return datetime.datetime.combine(
        day, datetime.time(9, 0), tzinfo=timezone.get_default_timezone()
    )


def _dates(article):
    """publish_at, first_published and the `updated` stamp the article should carry."""
    if article.slug == DRAFT:
        return {}, None
    if article.slug == SCHEDULED:
        moment = _scheduled_moment(models.Article.objects.filter(slug=article.slug).first())
        return {"publish_at": moment, "first_published": moment.date()}, None
    moment = article.moment
    dates = {"publish_at": moment, "first_published": moment.date()}
    return dates, UPDATED_ON if article.slug == UPDATED_LATER else moment


def load():
    """Create or update the demo articles with their lead images and links. Returns rows
    changed."""
    changed = 0
    partners = {p.slug: p for p in Partner.objects.all()}
    for article in ARTICLES:
        dates, stamp = _dates(article)
        english = bool(article.title_en)
        obj, c = upsert_record(
            models.Article,
            article,
            exclude={"moment", "partners", "flows", "caption_da", "caption_en"},
            status=models.Article.Status.DRAFT
            if article.slug == DRAFT
            else models.Article.Status.PUBLISHED,
            image_alt_da=ALT_DA,
            image_alt_en=ALT_EN if english else "",
            image_caption_da=article.caption_da,
            image_caption_en=article.caption_en,
            image_credit=CREDIT,
            **dates,
        )
        changed += c
        image = pipes_png(article.slug)
        changed += attach_image(obj, "lead_image", f"{article.slug}.png", image)
        related = [partners[s] for s in article.partners if s in partners]
        changed += set_links(obj.related_partners, related)
        changed += set_links(obj.related_flows, linked_flows(article.flows))
        if stamp is not None:
            # Like an archive brought over: created and last edited when it went out
            # (or, for one article, edited later), not on the day the demo was loaded.
            changed += (
                models.Article.objects.filter(pk=obj.pk)
                .exclude(created=article.moment, updated=stamp)
                .update(created=article.moment, updated=stamp)
            )
    return changed
