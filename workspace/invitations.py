"""Invitations to the workspace: made and mailed from the admin, accepted once.

The token is 32 random bytes; only its SHA-256 is kept, so neither the database nor
a backup holds a working link. A link is refused once accepted, withdrawn or past
`expires`, each with its own answer (accounts.InvitationView).
"""

import hashlib

from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from symbiosis import addresses, mail
from workspace.models import Invitation, Membership, new_token


def token_hash(token):
    return hashlib.sha256(token.encode()).hexdigest()


def invitation_path(token, language):
    with translation.override(language):
        return reverse("workspace:invitation", kwargs={"token": token})


def invite(*, partner, name, email, role, language, by=None):
    """Make an invitation and mail its link (after the commit, by the worker)."""
    return send(
        Invitation(partner=partner, name=name, email=email, role=role, language=language), by=by
    )


@transaction.atomic
def send(invitation, *, by=None):
    """Save the (unsaved) `invitation` with a new token and mail its link."""
    token = new_token()
    invitation.token_hash = token_hash(token)
    invitation.invited_by = by
    invitation.save()
    partner, name, email, language = (
        invitation.partner,
        invitation.name,
        invitation.email,
        invitation.language,
    )
    mail.send_templated(
        "workspace_invitation",
        {
            "invitation": invitation,
            "name": name,
            "organisation": partner.name,
            "url": addresses.absolute(invitation_path(token, language)),
            "expires": invitation.expires,
        },
        to=[email],
        language=language,
        key=f"workspace-invitation-{invitation.pk}",
    )
    return invitation


def find(token, *, lock=False):
    """(invitation, problem): problem is None, "unknown", "accepted", "withdrawn" or
    "expired"."""
    rows = Invitation.objects.select_related("partner")
    if lock:
        rows = rows.select_for_update(of=("self",))
    invitation = rows.filter(token_hash=token_hash(token or "")).first()
    if invitation is None:
        return None, "unknown"
    state = invitation.state
    return invitation, (None if state == "open" else state)


def existing_account(invitation):
    """The active account with the invitation's address, if exactly one has it."""
    users = get_user_model().objects.filter(email__iexact=invitation.email, is_active=True)
    return users.first() if users.count() == 1 else None


def username_for(email):
    """A free user name made from the address: "anna.berg@firma.dk" is "anna.berg",
    then "anna.berg-2"…"""
    User = get_user_model()
    base = email.split("@", 1)[0].lower()[:140] or "partner"
    name, n = base, 1
    while User.objects.filter(username__iexact=name).exists():
        n += 1
        name = f"{base}-{n}"
    return name


def unsaved_user(invitation):
    """The account the invitation will make, unsaved: for the password rules, which
    refuse a password like the person's name or address."""
    first, _sep, last = invitation.name.partition(" ")
    return get_user_model()(
        username=username_for(invitation.email),
        email=invitation.email,
        first_name=first[:150],
        last_name=last[:150],
    )


def accept(invitation, *, password=None):
    """Use the invitation: the account (made with `password` when there is none), its
    access to the organisation in the invitation's role. Returns the user."""
    user = existing_account(invitation)
    if user is None:
        user = unsaved_user(invitation)
        user.set_password(password)
        user.save()
    membership, created = Membership.objects.get_or_create(
        user=user, partner=invitation.partner, defaults={"role": invitation.role}
    )
    if not created and membership.role != invitation.role:
        membership.role = invitation.role
        membership.save(update_fields=["role"])
    invitation.accepted = timezone.now()
    invitation.user = user
    invitation.save(update_fields=["accepted", "user"])
    return user


# An invitation's name and address are kept this long after it was used, withdrawn or
# expired (the privacy page says so), then the row is deleted by the nightly task.
KEEP_DAYS = 30


def erase_old(now=None):
    """Delete the invitations whose time is up. Returns how many."""
    from datetime import timedelta

    from django.db.models import Q

    cutoff = (now or timezone.now()) - timedelta(days=KEEP_DAYS)
    done = Invitation.objects.filter(
        Q(accepted__lt=cutoff) | Q(expires__lt=cutoff) | Q(withdrawn=True, created__lt=cutoff)
    )
    count, _by_model = done.delete()
    return count
