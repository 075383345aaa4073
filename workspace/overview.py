"""What an organisation's workspace page shows: one section per thing the person can do
for it, each with links to its pages (nothing in the workspace is reachable only by
typing its address). Each section is a function of (partner, membership) returning its
template's context; templates/workspace/organisation.html includes the sections."""

from workspace.models import ProfileChange


def profile_section(partner, membership):
    return {
        "pending_change": partner.profile_changes.filter(
            status=ProfileChange.Status.PENDING
        ).first(),
    }


def reports_section(partner, membership):
    from workspace.reports import years_for

    return {"years": years_for(partner)}


SECTIONS = [
    ("profile", profile_section),
    ("reports", reports_section),
]


def of(partner, membership):
    return {key: section(partner, membership) for key, section in SECTIONS}
