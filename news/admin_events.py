"""Admin for events, their programme (sessions inline) and speakers."""

from django import forms
from django.conf import settings
from django.contrib import admin
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from news.models import Event, Session, Speaker
from symbiosis.admin_filters import missing_english_filter
from symbiosis.versions.admin import VersionedAdmin


class WhenFilter(admin.SimpleListFilter):
    title = _("when")
    parameter_name = "when"

    def lookups(self, request, model_admin):
        return [("upcoming", _("Upcoming")), ("past", _("Past"))]

    def queryset(self, request, queryset):
        # The same line as Event.objects.upcoming()/past(), hidden events included.
        now = timezone.now()
        if self.value() == "upcoming":
            return queryset.filter(end__gte=now)
        if self.value() == "past":
            return queryset.filter(end__lt=now)
        return queryset


class EventForm(forms.ModelForm):
    def clean_slug(self):
        """Refuse a slug whose calendar file would be the calendar of all events."""
        slug = self.cleaned_data["slug"]
        for language, _name in settings.LANGUAGES:
            with translation.override(language):
                taken = reverse("news:event-ics", kwargs={"slug": slug}) == reverse("news:calendar")
            if taken:
                raise forms.ValidationError(
                    _("This address is used by the calendar of all events. Choose another.")
                )
        return slug


class SessionInlineFormSet(forms.BaseInlineFormSet):
    """Each session must lie within its event's start and end."""

    def clean(self):
        super().clean()
        event = self.instance
        if not (event.start and event.end):
            return  # the event's own fields already carry the error
        for form in self.forms:
            if not form.has_changed() and not form.instance.pk:
                continue
            if self.can_delete and self._should_delete_form(form):
                continue
            start = form.cleaned_data.get("start")
            end = form.cleaned_data.get("end")
            if start and start < event.start:
                form.add_error("start", _("The session starts before the event starts."))
            if end and end > event.end:
                form.add_error("end", _("The session ends after the event ends."))


class SessionInline(admin.StackedInline):
    model = Session
    formset = SessionInlineFormSet
    extra = 0
    autocomplete_fields = ["speakers"]
    fields = [
        ("start", "end"),
        ("title_da", "title_en"),
        ("description_da", "description_en"),
        ("room", "language"),
        "speakers",
    ]


@admin.register(Event)
class EventAdmin(VersionedAdmin):
    form = EventForm
    list_display = ["title_da", "kind", "start", "venue", "session_count", "is_public"]
    list_filter = [
        WhenFilter,
        "kind",
        "is_public",
        missing_english_filter("title", "description", "sessions__title"),
    ]
    search_fields = [
        "title_da",
        "title_en",
        "description_da",
        "description_en",
        "venue",
        "sessions__title_da",
        "sessions__title_en",
    ]
    date_hierarchy = "start"
    prepopulated_fields = {"slug": ["title_da"]}
    inlines = [SessionInline]
    save_on_top = True
    fieldsets = [
        (
            None,
            {
                "fields": ["slug", "kind", ("start", "end"), "is_public"],
                "description": _("Times are Danish time (Europe/Copenhagen)."),
            },
        ),
        (_("Danish"), {"fields": ["title_da", "description_da", "image_alt_da"]}),
        (_("English"), {"fields": ["title_en", "description_en", "image_alt_en"]}),
        (
            _("Place and registration"),
            {"fields": ["venue", "address", "languages", "registration_url", "image"]},
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(session_total=Count("sessions"))

    @admin.display(description=_("sessions"), ordering="session_total")
    def session_count(self, event):
        return event.session_total


@admin.register(Speaker)
class SpeakerAdmin(VersionedAdmin):
    list_display = ["name", "role_da", "organisation_shown", "has_english_bio"]
    list_filter = [("partner", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["partner"]
    search_fields = [
        "name",
        "role_da",
        "role_en",
        "organisation",
        "partner__name",
        "bio_da",
        "bio_en",
    ]
    autocomplete_fields = ["partner"]
    prepopulated_fields = {"slug": ["name"]}
    fieldsets = [
        (None, {"fields": ["name", "slug", "photo", ("partner", "organisation")]}),
        (_("Danish"), {"fields": ["role_da", "bio_da"]}),
        (_("English"), {"fields": ["role_en", "bio_en"]}),
    ]

    @admin.display(description=_("organisation"), ordering="partner__name")
    def organisation_shown(self, speaker):
        # Staff see a hidden partner's name too; public pages do not.
        return (speaker.partner.name if speaker.partner_id else speaker.organisation) or "–"

    @admin.display(description=_("English biography"), boolean=True)
    def has_english_bio(self, speaker):
        return bool(speaker.bio_en.strip()) or not speaker.bio_da.strip()
