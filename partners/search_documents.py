"""Partners and their people in the site search (collected by search's autodiscovery)."""

from django.utils.translation import gettext_lazy as _

from partners.models import FormerName, Partner, Person
from search.documents import depends_on, fields, join, register


@register(
    "partner",
    _("Partners"),
    order=10,
    model=Partner,
    queryset=lambda: Partner.objects.prefetch_related("former_names"),
)
def partner_entry(partner, _context):
    former = " ".join(f.name for f in partner.former_names.all())
    return fields(
        partner,
        title_da=partner.name,
        title_en=partner.name,  # a proper name: the same in both languages
        text_da=join(partner.summary_da, partner.sector_da, partner.description_da, former),
        text_en=join(partner.summary_en, partner.sector_en, partner.description_en, former),
        url=("partners:detail", {"slug": partner.slug}),
        is_public=partner.is_public,
    )


@register(
    "person",
    _("People"),
    order=80,
    model=Person,
    queryset=lambda: Person.objects.select_related("organisation"),
)
def person_entry(person, _context):
    # People are listed on their organisation's page, under "Contact".
    organisation = person.organisation
    return fields(
        person,
        title_da=person.name,
        title_en=person.name,
        text_da=join(person.role_da, organisation.name),
        text_en=join(person.role_en, organisation.name),
        url=("partners:detail", {"slug": organisation.slug}, "#people"),
        is_public=person.is_public and organisation.is_public,
    )


# A partner is found by its former names; people by their organisation's name, and
# only while it is shown.
depends_on("partner", FormerName, lambda former_name: [former_name.partner_id])
depends_on("person", Partner, lambda partner: partner.people.all())
