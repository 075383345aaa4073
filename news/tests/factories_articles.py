"""factory_boy factories for articles.

`ArticleFactory()` is a published news item, live since an hour ago, in both
languages. Traits: `draft=True`, `scheduled=True` (due in three days),
`with_image=True` (a small generated lead image with alt text, caption, credit).
Related partners and flows: `ArticleFactory(related_partners=[p], related_flows=[f])`.
"""

import datetime

import factory
from django.utils import timezone

from news.models import Article


def an_hour_ago():
    """An hour ago, but never yesterday (Danish time): just after midnight an hour
    ago would be another day, and the article would read as "updated" today."""
    midnight = datetime.datetime.combine(
        timezone.localdate(), datetime.time(), tzinfo=timezone.get_current_timezone()
    )
    return max(timezone.now() - datetime.timedelta(hours=1), midnight)


def in_three_days():
    return timezone.now() + datetime.timedelta(days=3)


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article
        skip_postgeneration_save = True

    title_da = factory.Sequence(lambda n: f"Nyhed nummer {n}")
    title_en = factory.Sequence(lambda n: f"News item number {n}")
    slug = factory.Sequence(lambda n: f"nyhed-{n}")
    lead_da = "Symbiosen deler damp, vand og materialer."
    lead_en = "The symbiosis shares steam, water and materials."
    body_da = "<p>Overskudsvarme bliver til fjernvarme.</p>"
    body_en = "<p>Surplus heat becomes district heating.</p>"
    kind = Article.Kind.NEWS
    status = Article.Status.PUBLISHED
    publish_at = factory.LazyFunction(an_hour_ago)
    first_published = factory.LazyAttribute(lambda a: timezone.localdate(a.publish_at))

    class Params:
        draft = factory.Trait(status=Article.Status.DRAFT)
        scheduled = factory.Trait(publish_at=factory.LazyFunction(in_three_days))
        with_image = factory.Trait(
            lead_image=factory.django.ImageField(
                filename="pipes.png", width=160, height=90, color="#0b6b4a"
            ),
            image_alt_da="Grønne rør mellem to fabrikker",
            image_alt_en="Green pipes between two factories",
            image_caption_da="Rørene ved havnen",
            image_caption_en="The pipes by the harbour",
            image_credit="Sekretariatet",
        )

    @factory.post_generation
    def related_partners(self, create, partners, **kwargs):
        if create and partners:
            self.related_partners.set(partners)

    @factory.post_generation
    def related_flows(self, create, flows, **kwargs):
        if create and flows:
            self.related_flows.set(flows)
