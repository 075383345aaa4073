"""A partner as schema.org data (JSON-LD on its page)."""

from partners.models import Partner
from symbiosis.addresses import absolute_url
from symbiosis.seo import COUNTRY, compact, partnership_reference, shorten


def partner_organization(request, partner, *, logo_url=""):
    is_member = partner.membership in (Partner.Membership.FULL, Partner.Membership.ASSOCIATE)
    return compact(
        {
            "@type": "Organization",
            "name": partner.name,
            "alternateName": [former.name for former in partner.former_names.all()],
            "url": absolute_url(request, partner.get_absolute_url()),
            "description": shorten(partner.summary, 300),
            "logo": logo_url,
            "sameAs": [partner.website] if partner.website else [],
            "address": compact(
                {
                    "@type": "PostalAddress",
                    "streetAddress": partner.street,
                    "postalCode": partner.postcode,
                    "addressLocality": partner.town,
                    "addressCountry": COUNTRY if partner.street or partner.town else "",
                }
            )
            if partner.street or partner.postcode or partner.town
            else None,
            # Former members were, but are no longer, part of the partnership.
            "memberOf": partnership_reference(request) if is_member else None,
        }
    )
