"""Users in the admin with one more action: mail a two-factor enrolment link; the
browsers' reports of CSP violations, read only."""

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from symbiosis.addresses import absolute_url
from symbiosis.mail import send_templated
from symbiosis.security import login
from symbiosis.security.models import CspReport

User = get_user_model()

admin.site.unregister(User)


@admin.register(User)
class SymbiosisUserAdmin(UserAdmin):
    actions = ["mail_enrolment_link"]

    @admin.action(description=_("Mail a two-factor enrolment link"), permissions=["change"])
    def mail_enrolment_link(self, request, queryset):
        sent = 0
        for user in queryset.filter(is_active=True).exclude(email=""):
            send_templated(
                "enrolment_link",
                {
                    "user": user,
                    "link": absolute_url(request, login.enrolment_path(user)),
                    "sender": request.user.get_full_name() or request.user.get_username(),
                    "days": settings.PASSWORD_RESET_TIMEOUT // 86400,
                },
                to=[user.email],
                language=settings.LANGUAGE_CODE,
            )
            sent += 1
        skipped = queryset.count() - sent
        if sent:
            self.message_user(
                request,
                ngettext(
                    "An enrolment link is on its way to %(count)d user.",
                    "Enrolment links are on their way to %(count)d users.",
                    sent,
                )
                % {"count": sent},
                messages.SUCCESS,
            )
        if skipped:
            self.message_user(
                request,
                ngettext(
                    "%(count)d user has no e-mail address or is inactive: no link sent.",
                    "%(count)d users have no e-mail address or are inactive: no links sent.",
                    skipped,
                )
                % {"count": skipped},
                messages.WARNING,
            )


@admin.register(CspReport)
class CspReportAdmin(admin.ModelAdmin):
    """What browsers reported the Content-Security-Policy blocked: read only. Rows not
    seen for 90 days go by themselves; delete one once its cause is fixed."""

    list_display = [
        "violated_directive",
        "blocked_uri",
        "document_uri",
        "count",
        "first_seen",
        "last_seen",
    ]
    list_filter = ["violated_directive"]
    search_fields = ["document_uri", "blocked_uri", "violated_directive"]
    date_hierarchy = "last_seen"
    readonly_fields = list_display

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
