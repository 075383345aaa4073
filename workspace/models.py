"""The partners' workspace: who may act for which organisation, and what they send in.

- `Membership`: a person (a Django user, never staff through this) and one partner
  organisation, with a role: an *editor* changes, a *viewer* only reads. A person may
  belong to several organisations.
- `Invitation`: the secretariat invites a person by e-mail from the admin; the link
  works once and until `expires` (WORKSPACE_INVITATION_DAYS).
- `ProfileChange`: what an editor asks to change on the organisation's public profile,
  kept with the values before, until the secretariat approves it (then it is
  published) or declines it.
- `DataRound`, `Answer`, `ReportedFigure`: the yearly data round. The secretariat opens
  a round for a year; each partner answers with one figure per flow into or out of it;
  the secretariat accepts or returns the answer. Accepted figures that may be published
  become the flows' realised `FlowFigure` of that year (workspace/rounds.py).

Every row here but the invitations is versioned (django-reversion) with who changed
it; an invitation is deleted 30 days after its use (invitations.erase_old).
"""

import secrets
from datetime import timedelta

import reversion
from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from exchanges.models import YEAR_VALIDATORS, Flow
from exchanges.units import Unit
from partners.models import Partner
from symbiosis.uploads import ImageUploadField


class Role(models.TextChoices):
    EDITOR = "editor", _("Editor")
    VIEWER = "viewer", _("Viewer")


class MembershipQuerySet(models.QuerySet):
    def editors(self):
        return self.filter(role=Role.EDITOR)

    def active(self):
        return self.filter(user__is_active=True)


@reversion.register()
class Membership(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    partner = models.ForeignKey(
        Partner,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=10, choices=Role, default=Role.EDITOR)
    created = models.DateTimeField(_("since"), auto_now_add=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["partner__name", "user__username"]
        verbose_name = _("workspace access")
        verbose_name_plural = _("workspace access")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "partner"],
                name="one_membership_per_user_partner",
                violation_error_message=_("This person already has access to this organisation."),
            )
        ]

    def __str__(self):
        return f"{self.user.get_username()} · {self.partner} ({self.get_role_display()})"

    @property
    def may_edit(self):
        return self.role == Role.EDITOR


def invitation_expiry():
    return timezone.now() + timedelta(days=settings.WORKSPACE_INVITATION_DAYS)


def new_token():
    return secrets.token_urlsafe(32)


class InvitationQuerySet(models.QuerySet):
    def usable(self):
        return self.filter(accepted__isnull=True, withdrawn=False, expires__gt=timezone.now())


class Invitation(models.Model):
    """A link to the workspace mailed to one person for one organisation. Only a hash
    of the token is kept: the link in the mail is the only copy of the token. Not
    versioned: a version would keep the name and address the retention deletes."""

    partner = models.ForeignKey(
        Partner,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"))
    language = models.CharField(
        _("language"), max_length=2, choices=settings.LANGUAGES, default="da"
    )
    role = models.CharField(_("role"), max_length=10, choices=Role, default=Role.EDITOR)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    created = models.DateTimeField(_("sent"), auto_now_add=True)
    expires = models.DateTimeField(_("expires"), default=invitation_expiry)
    accepted = models.DateTimeField(_("accepted"), null=True, blank=True, editable=False)
    withdrawn = models.BooleanField(_("withdrawn"), default=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self):
        return f"{self.name} · {self.partner}"

    @property
    def state(self):
        if self.accepted:
            return "accepted"
        if self.withdrawn:
            return "withdrawn"
        if self.expires <= timezone.now():
            return "expired"
        return "open"


@reversion.register()
class ProfileChange(models.Model):
    """An editor's proposed change to the organisation's public profile."""

    # The partner's fields a workspace editor may propose to change.
    FIELDS = (
        "summary_da",
        "summary_en",
        "description_da",
        "description_en",
        "website",
        "street",
        "postcode",
        "town",
    )

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for the secretariat")
        APPROVED = "approved", _("Approved and published")
        DECLINED = "declined", _("Declined")

    partner = models.ForeignKey(
        Partner,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="profile_changes",
    )
    proposed = models.JSONField(_("proposed values"), default=dict)
    previous = models.JSONField(_("values before"), default=dict)
    logo = ImageUploadField(_("new logo"), upload_to="partners/proposed-logos/", blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.PENDING)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created = models.DateTimeField(_("proposed"), auto_now_add=True)
    decided = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    comment = models.TextField(_("the secretariat's comment"), blank=True)

    class Meta:
        ordering = ["-created"]
        verbose_name = _("profile change")
        verbose_name_plural = _("profile changes")

    def __str__(self):
        return f"{self.partner} · {self.created:%Y-%m-%d}"


class DataRoundQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=DataRound.Status.OPEN)


@reversion.register()
class DataRound(models.Model):
    """The secretariat's yearly call for figures: one per year."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    year = models.PositiveSmallIntegerField(_("year"), unique=True, validators=YEAR_VALIDATORS)
    deadline = models.DateField(_("deadline"))
    message_da = models.TextField(_("message (Danish)"), blank=True)
    message_en = models.TextField(_("message (English)"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.OPEN)
    opened = models.DateTimeField(_("opened"), null=True, blank=True, editable=False)
    reminded = models.DateTimeField(_("reminder sent"), null=True, blank=True, editable=False)

    objects = DataRoundQuerySet.as_manager()

    class Meta:
        ordering = ["-year"]
        verbose_name = _("data round")
        verbose_name_plural = _("data rounds")

    def __str__(self):
        return str(self.year)

    @property
    def is_open(self):
        return self.status == self.Status.OPEN


@reversion.register(follow=("figures",))
class Answer(models.Model):
    """One partner's answer to one data round."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        ACCEPTED = "accepted", _("Accepted")
        RETURNED = "returned", _("Returned for changes")

    round = models.ForeignKey(
        DataRound, verbose_name=_("data round"), on_delete=models.CASCADE, related_name="answers"
    )
    partner = models.ForeignKey(
        Partner,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="round_answers",
    )
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.DRAFT)
    submitted = models.DateTimeField(_("submitted"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed = models.DateTimeField(_("reviewed"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    comment = models.TextField(_("the secretariat's comment"), blank=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["round", "partner__name"]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "partner"],
                name="one_answer_per_round_partner",
                violation_error_message=_("This organisation has already answered this round."),
            )
        ]

    def __str__(self):
        return f"{self.partner} · {self.round}"

    @property
    def may_change(self):
        """May the partner still change it (not while the secretariat has it)?"""
        return self.round.is_open and self.status in (self.Status.DRAFT, self.Status.RETURNED)


@reversion.register()
class ReportedFigure(models.Model):
    """One flow's quantity for the round's year, as one end of the flow reports it."""

    answer = models.ForeignKey(
        Answer, verbose_name=_("answer"), on_delete=models.CASCADE, related_name="figures"
    )
    flow = models.ForeignKey(
        Flow, verbose_name=_("flow"), on_delete=models.CASCADE, related_name="reported_figures"
    )
    quantity = models.DecimalField(
        _("quantity"),
        max_digits=16,
        decimal_places=3,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    unit = models.CharField(_("unit"), max_length=10, choices=Unit, blank=True)
    method = models.CharField(
        _("method or source"),
        max_length=300,
        blank=True,
        help_text=_("How the figure was measured or worked out."),
    )
    may_publish = models.BooleanField(_("may be published"), default=True)
    comment = models.TextField(
        _("comment"),
        blank=True,
        help_text=_("Why the figure changed by more than half on last year."),
    )

    class Meta:
        ordering = ["answer", "flow__resource__name_da"]
        verbose_name = _("reported figure")
        verbose_name_plural = _("reported figures")
        constraints = [
            models.UniqueConstraint(
                fields=["answer", "flow"],
                name="one_reported_figure_per_answer_flow",
            )
        ]

    def __str__(self):
        return f"{self.flow} · {self.answer.round}"


class AnnualReport(DataRound):
    """No rows of its own: the admin's place for the secretariat's annual report table
    of the whole symbiosis (workspace/admin_reports.py)."""

    class Meta:
        proxy = True
        verbose_name = _("annual report")
        verbose_name_plural = _("annual report")
