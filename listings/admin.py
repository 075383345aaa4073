"""The secretariat's side of the exchange: reviewing listings, the matcher's suggestions,
and the matches it works on from "suggested" to "established".

A listing moves on through its "next step" field and a match through its own
(listings/workflow.py does the move, keeps the history and sends the mail). A listing's
page shows the matcher's suggestions for it, each with its score and reasons and a
button that opens the match. Listings and matches are not versioned: they hold a
contact person's name and address, which the retention erases.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from exchanges.models import Resource
from listings import suggestions, workflow
from listings.models import Kind, Listing, Match, MatchStep, Stage, Status
from symbiosis.bilingual import active_language
from symbiosis.dates import this_year

# How many suggestions a listing's admin page shows.
ADMIN_SUGGESTIONS = 10


class ListingAdminForm(forms.ModelForm):
    next_status = forms.ChoiceField(label=_("next step"), required=False)

    class Meta:
        model = Listing
        fields = ["kind"]  # the admin's fieldsets choose the fields

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        steps = self.instance.next_statuses() if self.instance.pk else []
        self.fields["next_status"].choices = [("", _("– stays as it is –"))] + [
            (s, Status(s).label) for s in steps
        ]


@admin.register(Listing)
class ListingAdmin(admin.ModelAdmin):
    form = ListingAdminForm
    list_display = ["__str__", "kind", "organisation", "category", "status", "visibility"]
    list_filter = ["kind", "status", "visibility", "category", "language"]
    search_fields = ["title_da", "title_en", "description_da", "organisation__name", "key"]
    list_select_related = ["organisation"]
    autocomplete_fields = ["organisation", "resource"]
    date_hierarchy = "created"
    readonly_fields = ["status", "published_at", "created", "updated", "suggestion_panel"]
    actions = ["publish_listings", "close_listings"]
    fieldsets = [
        (None, {"fields": ["kind", "offer_type", "organisation", "status", "next_status"]}),
        (
            _("What"),
            {
                "fields": [
                    "title_da",
                    "title_en",
                    "description_da",
                    "description_en",
                    "language",
                    "category",
                    "resource",
                    "ewc_code",
                    "nace_code",
                ]
            },
        ),
        (
            _("How much and of what quality"),
            {"fields": ["quantity", "unit", "per", "quality", "temperature", "pressure"]},
        ),
        (
            _("Where and when"),
            {"fields": ["place", "latitude", "longitude", "available_from", "available_until"]},
        ),
        (_("Who sees it"), {"fields": ["visibility"]}),
        (_("Contact (not shown publicly)"), {"fields": ["contact_name", "contact_email"]}),
        (_("Suggestions"), {"fields": ["suggestion_panel"]}),
        (_("Records"), {"fields": ["key", "published_at", "created", "updated"]}),
    ]

    def get_urls(self):
        return [
            path(
                "<int:pk>/open-match/",
                self.admin_site.admin_view(self.open_match_view),
                name="listings_listing_open_match",
            ),
            *super().get_urls(),
        ]

    @admin.display(description=_("the matcher's suggestions"))
    def suggestion_panel(self, obj):
        if obj is None or obj.pk is None:
            return "–"
        found = suggestions.suggestions_for(obj, limit=ADMIN_SUGGESTIONS)
        opened = {
            (m.offer_id, m.want_id): m
            for m in Match.objects.filter(**{obj.kind: obj}).only("offer", "want", "stage")
        }
        rows = []
        for suggestion in found:
            other = suggestion.listing
            pair = (obj.pk, other.pk) if obj.kind == Kind.OFFER else (other.pk, obj.pk)
            rows.append({"suggestion": suggestion, "match": opened.get(pair)})
        return render_to_string(
            "admin/listings/suggestions.html",
            {
                "listing": obj,
                "rows": rows,
                "language": active_language(),
                "open_url": reverse("admin:listings_listing_open_match", args=[obj.pk]),
            },
        )

    def open_match_view(self, request, pk):
        """Open the match of this listing and one of its suggestions (a button on the
        listing's page posts here with the other listing's id), then go to the match."""
        if request.method != "POST":
            raise Http404
        listing = get_object_or_404(Listing.objects.with_related(), pk=pk)
        if not self.has_change_permission(request, listing):
            raise Http404
        try:
            other_pk = int(request.POST.get("suggestion", ""))
        except ValueError:
            raise Http404 from None
        found = {s.listing.pk: s for s in suggestions.suggestions_for(listing, limit=100)}
        suggestion = found.get(other_pk)
        if suggestion is None:
            self.message_user(
                request, _("That listing is no longer among the suggestions."), messages.ERROR
            )
            return HttpResponseRedirect(reverse("admin:listings_listing_change", args=[pk]))
        other = suggestion.listing
        offer, want = (listing, other) if listing.kind == Kind.OFFER else (other, listing)
        match, created = workflow.open_match(
            offer, want, by=request.user, score=suggestion.score, reasons=suggestion.reasons
        )
        self.message_user(
            request,
            _("The match is opened.") if created else _("This match was opened before."),
            messages.SUCCESS if created else messages.INFO,
        )
        return HttpResponseRedirect(match.get_admin_url())

    def save_model(self, request, obj, form, change):
        if "available_until" in form.changed_data:
            obj.reminded_at = None  # a new end date earns a new reminder
        super().save_model(request, obj, form, change)
        step = form.cleaned_data.get("next_status")
        if step:
            try:
                workflow.move(obj, step, by=request.user)
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)

    @admin.action(description=_("Publish the selected listings"), permissions=["change"])
    def publish_listings(self, request, queryset):
        self._move_all(request, queryset, Status.PUBLISHED)

    @admin.action(description=_("Close the selected listings"), permissions=["change"])
    def close_listings(self, request, queryset):
        self._move_all(request, queryset, Status.CLOSED)

    def _move_all(self, request, queryset, status):
        moved, skipped = 0, 0
        for listing in queryset:
            if status in listing.next_statuses():
                workflow.move(listing, status, by=request.user)
                moved += 1
            else:
                skipped += 1
        self.message_user(
            request,
            ngettext("%(count)d listing moved.", "%(count)d listings moved.", moved)
            % {"count": moved},
            messages.SUCCESS,
        )
        if skipped:
            self.message_user(
                request,
                ngettext(
                    "%(count)d listing could not take that step and is unchanged.",
                    "%(count)d listings could not take that step and are unchanged.",
                    skipped,
                )
                % {"count": skipped},
                messages.WARNING,
            )


class MatchStepInline(admin.TabularInline):
    model = MatchStep
    extra = 0
    fields = ["at", "old_stage", "new_stage", "by", "comment"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class MatchAdminForm(forms.ModelForm):
    next_stage = forms.ChoiceField(label=_("next stage"), required=False)
    step_comment = forms.CharField(
        label=_("comment on the step"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    flow_resource = forms.ModelChoiceField(
        label=_("resource of the new flow"),
        queryset=Resource.objects.all(),
        required=False,
        help_text=_("When the match is established: empty means the offer's resource."),
    )
    flow_year = forms.IntegerField(
        label=_("the flow's first year"),
        required=False,
        min_value=1961,
        max_value=2100,
        help_text=_("When the match is established: empty means this year."),
    )

    class Meta:
        model = Match
        fields = ["offer", "want", "assignee", "rejection_reason"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        steps = self.instance.next_stages() if self.instance.pk else []
        self.fields["next_stage"].choices = [("", _("– stays as it is –"))] + [
            (s, Stage(s).label) for s in steps
        ]
        if self.instance.pk:
            for name in ("offer", "want"):
                self.fields[name].disabled = True

    def clean(self):
        data = super().clean()
        stage = data.get("next_stage")
        if stage == Stage.REJECTED and not data.get("rejection_reason"):
            self.add_error("rejection_reason", _("Say why the match is rejected."))
        if stage == Stage.ESTABLISHED and self.instance.pk:
            match = self.instance
            if not (data.get("flow_resource") or match.offer.resource or match.want.resource):
                self.add_error("flow_resource", _("Choose the resource the new flow carries."))
        return data


@admin.register(Match)
class MatchAdmin(admin.ModelAdmin):
    form = MatchAdminForm
    list_display = ["__str__", "stage", "score", "assignee", "updated"]
    list_filter = ["stage", "rejection_reason", "assignee"]
    search_fields = ["offer__title_da", "offer__title_en", "want__title_da", "want__title_en"]
    list_select_related = ["offer", "want", "assignee"]
    autocomplete_fields = ["offer", "want"]
    readonly_fields = ["stage", "score", "reason_list", "flow_link", "created", "updated"]
    inlines = [MatchStepInline]

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            return [(None, {"fields": ["offer", "want", "assignee"]})]
        return [
            (None, {"fields": ["offer", "want", "stage", "score", "reason_list"]}),
            (
                _("Handling"),
                {
                    "fields": [
                        "assignee",
                        "next_stage",
                        "step_comment",
                        "rejection_reason",
                        "flow_resource",
                        "flow_year",
                    ]
                },
            ),
            (_("Result"), {"fields": ["flow_link", "created", "updated"]}),
        ]

    @admin.display(description=_("why it was suggested"))
    def reason_list(self, obj):
        return render_to_string(
            "admin/listings/reasons.html",
            {"reasons": [r.get(active_language()) or r.get("da") for r in obj.reasons or []]},
        )

    @admin.display(description=_("planned flow"))
    def flow_link(self, obj):
        if obj.flow_id is None:
            return "–"
        return render_to_string(
            "admin/listings/flow_link.html",
            {"flow": obj.flow, "url": reverse("admin:exchanges_flow_change", args=[obj.flow_id])},
        )

    def save_model(self, request, obj, form, change):
        with transaction.atomic():
            created = obj.pk is None
            super().save_model(request, obj, form, change)
            if created:
                MatchStep.objects.create(
                    match=obj, old_stage="", new_stage=obj.stage, by=request.user
                )
                return
            stage = form.cleaned_data.get("next_stage")
            if not stage:
                return
            try:
                workflow.advance(
                    obj,
                    stage,
                    by=request.user,
                    comment=form.cleaned_data.get("step_comment", ""),
                    rejection_reason=form.cleaned_data.get("rejection_reason", ""),
                    resource=form.cleaned_data.get("flow_resource"),
                    year=form.cleaned_data.get("flow_year") or this_year(),
                )
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)
