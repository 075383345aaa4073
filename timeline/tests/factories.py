import factory

from timeline.models import Milestone


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Milestone

    year = factory.Sequence(lambda n: 1961 + n % 60)
    title_da = factory.Sequence(lambda n: f"Milepæl {n}")
    title_en = factory.Sequence(lambda n: f"Milestone {n}")
    text_da = "<p>Noget skete.</p>"
    text_en = "<p>Something happened.</p>"
    is_public = True
