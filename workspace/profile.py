"""The organisation's public profile, as its editors propose to change it.

A change is not published at once: it becomes a `ProfileChange` with the values before
and after, which the secretariat approves (then the partner record is changed and the
public page shows it) or declines with a comment (workspace/admin.py). One proposal
waits at a time: proposing again replaces the waiting one, so the secretariat never
approves an old version over a newer one.
"""

from django import forms
from django.contrib import messages
from django.core.files import File
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import FormView

from partners.models import Partner, Person
from workspace.access import OrganisationMixin, revision
from workspace.models import ProfileChange

# The organisation's public contact: its first person shown on the website.
CONTACT_FIELDS = {
    "contact_name": "name",
    "contact_role_da": "role_da",
    "contact_role_en": "role_en",
    "contact_email": "email",
    "contact_phone": "phone",
}
KEYS = (*ProfileChange.FIELDS, *CONTACT_FIELDS)


def contact(partner):
    return partner.people.filter(is_public=True).order_by("order", "name").first()


def current(partner):
    """{key: the published value} of every key an editor may change."""
    person = contact(partner)
    values = {name: getattr(partner, name) or "" for name in ProfileChange.FIELDS}
    for key, name in CONTACT_FIELDS.items():
        values[key] = (getattr(person, name) or "") if person else ""
    return values


def _formfield(model, name, key):
    field = model._meta.get_field(name).formfield(required=False)
    if key != name:
        field.label = _contact_label(field.label)
    return field


def _contact_label(label):
    from django.utils.text import format_lazy
    from django.utils.translation import gettext_lazy

    return format_lazy("{}: {}", gettext_lazy("Contact"), label)


class ProfileForm(forms.Form):
    """The partner's own fields an editor may propose to change, its public contact,
    and a new logo; the fields and their checks are the models' own."""

    def __init__(self, *args, initial=None, **kwargs):
        super().__init__(*args, initial=initial, **kwargs)
        for name in ProfileChange.FIELDS:
            self.fields[name] = _formfield(Partner, name, name)
        for key, name in CONTACT_FIELDS.items():
            self.fields[key] = _formfield(Person, name, key)
        self.fields["logo"] = ProfileChange._meta.get_field("logo").formfield(required=False)

    def clean(self):
        data = super().clean()
        if any(data.get(key) for key in CONTACT_FIELDS) and not data.get("contact_name"):
            self.add_error(
                "contact_name", _("Give the contact's name, or leave the contact empty.")
            )
        return data


def diff(before, values):
    """{key: (before, after)} of the keys `values` changes."""
    return {
        key: (before[key], values.get(key) or "")
        for key in KEYS
        if key in values and (values.get(key) or "") != before[key]
    }


def pending(partner):
    return partner.profile_changes.filter(status=ProfileChange.Status.PENDING).first()


def labelled(change):
    """The change's rows for a page: (label, before, after)."""
    form = ProfileForm()
    return [
        (form.fields[key].label, change.previous.get(key, ""), change.proposed[key])
        for key in KEYS
        if key in change.proposed
    ]


def apply(change):
    """Publish an approved change: the partner's fields, its contact and its logo."""
    partner = change.partner
    for name in ProfileChange.FIELDS:
        if name in change.proposed:
            setattr(partner, name, change.proposed[name])
    if change.logo:
        with change.logo.open("rb") as upload:
            partner.logo.save(change.logo.name.rsplit("/", 1)[-1], File(upload), save=False)
    partner.full_clean()
    partner.save()
    contact_values = {
        name: change.proposed[key] for key, name in CONTACT_FIELDS.items() if key in change.proposed
    }
    if contact_values:
        person = contact(partner) or Person(organisation=partner, order=10)
        for name, value in contact_values.items():
            setattr(person, name, value)
        if person.name:
            person.full_clean()
            person.save()
        elif person.pk:
            person.is_public = False
            person.save(update_fields=["is_public"])


class ProfileView(OrganisationMixin, FormView):
    template_name = "workspace/profile.html"
    form_class = ProfileForm

    def get_initial(self):
        # The form starts from the waiting proposal, if any, so a second edit goes on
        # from the first rather than from the published text.
        initial = current(self.partner)
        waiting = pending(self.partner)
        if waiting:
            initial.update(waiting.proposed)
        return initial

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        if not self.membership.may_edit:
            for field in form.fields.values():
                field.disabled = True
        return form

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        waiting = pending(self.partner)
        context["pending_change"] = waiting
        context["pending_rows"] = labelled(waiting) if waiting else []
        context["recent_changes"] = self.partner.profile_changes.exclude(
            status=ProfileChange.Status.PENDING
        )[:5]
        return context

    def form_valid(self, form):
        changes = diff(current(self.partner), form.cleaned_data)
        logo = form.cleaned_data.get("logo")
        if not changes and not logo:
            messages.info(self.request, _("Nothing is changed: the profile is as published."))
            return redirect("workspace:profile", organisation=self.partner.slug)
        with revision(self.request, "Profile change proposed in the workspace"):
            change = pending(self.partner) or ProfileChange(partner=self.partner)
            change.proposed = {name: after for name, (_before, after) in changes.items()}
            change.previous = {name: before for name, (before, _after) in changes.items()}
            change.by = self.request.user
            change.created = timezone.now()
            if logo:
                change.logo = logo
            change.save()
        messages.success(
            self.request,
            _("Thank you. The secretariat reads your change before it is published."),
        )
        return redirect("workspace:profile", organisation=self.partner.slug)
