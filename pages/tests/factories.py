import factory

from pages.models import Page


class PageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Page

    slug = factory.Sequence(lambda n: f"side-{n}")
    title_da = factory.Sequence(lambda n: f"Side {n}")
    title_en = factory.Sequence(lambda n: f"Page {n}")
    lead_da = "Et kort oprids."
    lead_en = "A short summary."
    body_da = "<p>Dansk tekst.</p>"
    body_en = "<p>English text.</p>"
    status = Page.Status.PUBLISHED
