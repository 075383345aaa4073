"""What each kind of object puts in the index: title, text, link and visibility.

One `Source` per kind. `Source.rows(queryset)` reads the objects (with what they
need in a fixed number of queries) and yields the fields of their entries, so the
rebuild of the whole index and the re-index of one saved object run the same code.
Visibility mirrors each model's `published()`: an entry of an object that is not
shown on the website is kept with `is_public=False` and never found.
"""

from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch
from django.utils import translation

from exchanges.models import Category, Flow, Resource
from news.events import public_speakers
from news.models import Article, Event, PressAsset, Session, Speaker
from news.press import KINDS as PRESS_KINDS
from pages.models import Page
from partners.models import Partner, Person
from projects.models import Project
from search.models import Kind
from search.text import plain_text
from timeline.models import Milestone

# Enough text for every snippet and every word a visitor would look for; a very long
# page is not worth a bigger index.
MAX_TEXT = 20_000


def _join(*parts):
    return "\n".join(p.strip() for p in parts if p and p.strip())[:MAX_TEXT]


def _in(language, label):
    with translation.override(language):
        return str(label)


def _entry(obj, *, title_da, title_en, text_da="", text_en="", url, is_public=True, **extra):
    url_name, url_kwargs, *suffix = url
    return {
        "object_id": obj.pk,
        "title_da": title_da.strip()[:400],
        "title_en": (title_en or "").strip()[:400],
        "text_da": text_da,
        "text_en": text_en,
        "url_name": url_name,
        "url_kwargs": url_kwargs,
        "url_suffix": suffix[0] if suffix else "",
        "is_public": is_public,
        "publish_at": extra.get("publish_at"),
    }


@dataclass(frozen=True)
class Source:
    kind: Kind
    model: Any
    queryset: Any  # callable: the base queryset, with what `entry` reads
    entry: Any  # callable(obj, context) -> fields
    context: Any = None  # callable(): data shared by every object of one run

    def rows(self, queryset=None):
        queryset = self.queryset() if queryset is None else queryset
        context = self.context() if self.context else None
        for obj in queryset.iterator(chunk_size=2000):
            yield {"kind": self.kind, **self.entry(obj, context)}


def partner_entry(partner, _context):
    former = " ".join(f.name for f in partner.former_names.all())
    return _entry(
        partner,
        title_da=partner.name,
        title_en=partner.name,  # a proper name: the same in both languages
        text_da=_join(partner.summary_da, partner.sector_da, partner.description_da, former),
        text_en=_join(partner.summary_en, partner.sector_en, partner.description_en, former),
        url=("partners:detail", {"slug": partner.slug}),
        is_public=partner.is_public,
    )


def flow_entry(flow, _context):
    between = f"{flow.supplier.name} → {flow.receiver.name}"
    resource = flow.resource
    return _entry(
        flow,
        title_da=f"{resource.name_da}: {between}",
        # No English name: the Danish title, marked as Danish on English pages.
        title_en=f"{resource.name_en}: {between}" if resource.name_en else "",
        text_da=_join(flow.story_da),
        text_en=_join(flow.story_en),
        url=("exchanges:flow", {"pk": flow.pk}),
        is_public=flow.is_public and flow.supplier.is_public and flow.receiver.is_public,
    )


def resource_entry(resource, _context):
    # Resources have no page of their own: the hit lists the flows of its category.
    category = Category(resource.category)
    return _entry(
        resource,
        title_da=resource.name_da,
        title_en=resource.name_en,
        text_da=_in("da", category.label),
        text_en=_in("en", category.label),
        url=("exchanges:flows", {}, f"?category={category.value}"),
    )


def article_entry(article, _context):
    return _entry(
        article,
        title_da=article.title_da,
        title_en=article.title_en,
        text_da=_join(article.lead_da, plain_text(article.body_da)),
        text_en=_join(article.lead_en, plain_text(article.body_en)),
        url=("news:article", {"slug": article.slug}),
        is_public=article.status == Article.Status.PUBLISHED,
        publish_at=article.publish_at,
    )


def event_entry(event, _context):
    sessions = list(event.sessions.all())
    return _entry(
        event,
        title_da=event.title_da,
        title_en=event.title_en,
        text_da=_join(
            plain_text(event.description_da), event.venue, *(s.title_da for s in sessions)
        ),
        text_en=_join(
            plain_text(event.description_en),
            event.venue,
            *(s.title_en or s.title_da for s in sessions),
        ),
        url=("news:event", {"slug": event.slug}),
        is_public=event.is_public,
    )


def page_entry(page, _context):
    return _entry(
        page,
        title_da=page.title_da,
        title_en=page.title_en,
        text_da=_join(page.lead_da, plain_text(page.body_da)),
        text_en=_join(page.lead_en, plain_text(page.body_en)),
        url=("pages:detail", {"slug": page.slug}),
        is_public=page.status == Page.Status.PUBLISHED,
    )


def press_asset_entry(asset, _context):
    anchor = PRESS_KINDS.get(asset.kind, (None, ""))[1]
    return _entry(
        asset,
        title_da=asset.title_da,
        title_en=asset.title_en,
        text_da=_join(asset.caption_da, asset.credit),
        text_en=_join(asset.caption_en, asset.credit),
        url=("news:press", {}, f"#{anchor}" if anchor else ""),
        is_public=asset.is_public,
    )


def person_entry(person, _context):
    # People are listed on their organisation's page, under "Contact".
    organisation = person.organisation
    return _entry(
        person,
        title_da=person.name,
        title_en=person.name,
        text_da=_join(person.role_da, organisation.name),
        text_en=_join(person.role_en, organisation.name),
        url=("partners:detail", {"slug": organisation.slug}, "#people"),
        is_public=person.is_public and organisation.is_public,
    )


def project_entry(project, _context):
    title_en = project.title_en
    if project.acronym:
        title_da = f"{project.acronym}: {project.title_da}"
        title_en = f"{project.acronym}: {title_en}" if title_en else ""
    else:
        title_da = project.title_da
    return _entry(
        project,
        title_da=title_da,
        title_en=title_en,
        text_da=_join(project.summary_da, project.programme_da, plain_text(project.description_da)),
        text_en=_join(project.summary_en, project.programme_en, plain_text(project.description_en)),
        url=("projects:detail", {"slug": project.slug}),
        is_public=project.is_public,
    )


def milestone_entry(milestone, _context):
    return _entry(
        milestone,
        title_da=f"{milestone.year}: {milestone.title_da}",
        title_en=f"{milestone.year}: {milestone.title_en}" if milestone.title_en else "",
        text_da=_join(plain_text(milestone.text_da)),
        text_en=_join(plain_text(milestone.text_en)),
        url=("timeline:index", {}, f"#{milestone.anchor}"),
        is_public=milestone.is_public,
    )


def speaker_entry(speaker, public_ids):
    organisation = speaker.organisation_name
    return _entry(
        speaker,
        title_da=speaker.name,
        title_en=speaker.name,
        text_da=_join(speaker.role_da, organisation, speaker.bio_da),
        text_en=_join(speaker.role_en, organisation, speaker.bio_en),
        url=("news:speaker", {"slug": speaker.slug}),
        # As the speaker pages: only speakers at a session of a published event.
        is_public=speaker.pk in public_ids,
    )


SOURCES = {
    source.kind: source
    for source in (
        Source(
            Kind.PARTNER,
            Partner,
            lambda: Partner.objects.prefetch_related("former_names"),
            partner_entry,
        ),
        Source(
            Kind.FLOW,
            Flow,
            lambda: Flow.objects.select_related("supplier", "receiver", "resource"),
            flow_entry,
        ),
        Source(Kind.RESOURCE, Resource, lambda: Resource.objects.all(), resource_entry),
        Source(Kind.ARTICLE, Article, lambda: Article.objects.all(), article_entry),
        Source(
            Kind.EVENT,
            Event,
            lambda: Event.objects.prefetch_related(
                Prefetch("sessions", queryset=Session.objects.order_by("start", "pk"))
            ),
            event_entry,
        ),
        Source(Kind.PAGE, Page, lambda: Page.objects.all(), page_entry),
        Source(Kind.PRESS_ASSET, PressAsset, lambda: PressAsset.objects.all(), press_asset_entry),
        Source(
            Kind.PERSON, Person, lambda: Person.objects.select_related("organisation"), person_entry
        ),
        Source(Kind.PROJECT, Project, lambda: Project.objects.all(), project_entry),
        Source(Kind.MILESTONE, Milestone, lambda: Milestone.objects.all(), milestone_entry),
        Source(
            Kind.SPEAKER,
            Speaker,
            lambda: Speaker.objects.select_related("partner"),
            speaker_entry,
            context=lambda: set(public_speakers().values_list("pk", flat=True)),
        ),
    )
}
