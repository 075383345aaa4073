"""Outgoing mail in the admin: the record of every message (read only), and a preview of
every mail template with its sample context (symbiosis/mail.py).

Together with django-tasks-db's own task results (registered on our admin site by its
`@admin.register`) this is the worker's queue and its failures, seen by staff."""

from django.conf import settings
from django.contrib import admin
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.csp import csp_override

from symbiosis import mail
from symbiosis.models import OutgoingMail
from symbiosis.registry import mail_samples

# The previewed HTML runs nothing and loads nothing, and only our admin may frame it.
PREVIEW_CSP = {"default-src": [CSP.NONE], "frame-ancestors": [CSP.SELF], "sandbox": True}


@admin.register(OutgoingMail)
class OutgoingMailAdmin(admin.ModelAdmin):
    """Every message the site sent or tried to send: read only, as the worker left it.
    The text itself is not shown (it may hold a personal sign-in link); administrators
    may delete a record (a person asking to be forgotten), the rest go after
    MAIL_RESULT_DAYS by themselves."""

    list_display = [
        "created_at",
        "template",
        "recipients",
        "language",
        "status",
        "attempts",
        "last_error",
        "sent_at",
    ]
    list_filter = ["status", "template", "created_at"]
    search_fields = ["to"]
    date_hierarchy = "created_at"
    fields = [
        "key",
        "template",
        "to",
        "reply_to",
        "language",
        "subject",
        "status",
        "attempts",
        "last_error",
        "created_at",
        "next_attempt_at",
        "sent_at",
    ]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("recipients"), ordering="to")
    def recipients(self, obj):
        return ", ".join(obj.to)

    def get_urls(self):
        wrap = self.admin_site.admin_view
        html = xframe_options_sameorigin(csp_override(PREVIEW_CSP)(self.preview_html))
        return [
            path("preview/", wrap(self.preview_index), name="symbiosis_outgoingmail_preview"),
            path(
                "preview/<slug:name>/<str:language>/",
                wrap(self.preview),
                name="symbiosis_outgoingmail_preview_mail",
            ),
            path(
                "preview/<slug:name>/<str:language>/html/",
                wrap(html),
                name="symbiosis_outgoingmail_preview_html",
            ),
            *super().get_urls(),
        ]

    def preview_index(self, request):
        """Every mail template, a link per language."""
        templates = [
            {"name": name, "has_sample": name in mail_samples} for name in mail.template_names()
        ]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Mail templates"),
            "templates": templates,
            "languages": settings.LANGUAGES,
        }
        return TemplateResponse(request, "admin/symbiosis/mail_preview_index.html", context)

    def preview(self, request, name, language):
        """One template in one language: the subject, the text and (framed) the HTML."""
        rendered = self._render(name, language)
        title = f"{name} ({dict(settings.LANGUAGES)[language]})"
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": title,
            "name": name,
            "language": language,
            "languages": settings.LANGUAGES,
            "has_sample": name in mail_samples,
            "mail": rendered,
            "html_url": reverse(
                "admin:symbiosis_outgoingmail_preview_html",
                kwargs={"name": name, "language": language},
            ),
        }
        return TemplateResponse(request, "admin/symbiosis/mail_preview.html", context)

    def preview_html(self, request, name, language):
        """The HTML part alone, for the preview's sandboxed frame."""
        return HttpResponse(self._render(name, language).html)

    def _render(self, name, language):
        if language not in dict(settings.LANGUAGES) or name not in mail.template_names():
            raise Http404
        return mail.render_message(name, mail.sample_context(name), language)
