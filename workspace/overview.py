"""What an organisation's workspace page shows: one section per thing the person can do
for it, each with links to its pages (nothing in the workspace is reachable only by
typing its address). Each section is a function of (partner, membership) returning its
template's context; templates/workspace/organisation.html includes the sections."""

from workspace import exchange
from workspace.models import Answer, DataRound, ProfileChange


def profile_section(partner, membership):
    return {
        "pending_change": partner.profile_changes.filter(
            status=ProfileChange.Status.PENDING
        ).first(),
    }


def round_section(partner, membership):
    """The open data rounds with this organisation's answer status, and its past answers."""
    answers = {a.round_id: a for a in Answer.objects.filter(partner=partner)}
    open_rounds = [{"round": r, "answer": answers.get(r.pk)} for r in DataRound.objects.open()]
    past = (
        Answer.objects.filter(partner=partner)
        .exclude(round__status=DataRound.Status.OPEN)
        .select_related("round")
    )
    return {"open": open_rounds, "past": list(past)}


def reports_section(partner, membership):
    from workspace.reports import years_for

    return {"years": years_for(partner)}


SECTIONS = [
    ("profile", profile_section),
    ("listings", exchange.listings_section),
    ("round", round_section),
    ("reports", reports_section),
]


def of(partner, membership):
    return {key: section(partner, membership) for key, section in SECTIONS}
