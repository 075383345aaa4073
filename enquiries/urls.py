from django.urls import path
from django.utils.translation import gettext_lazy as _

from enquiries import applications, views, visits

app_name = "enquiries"

urlpatterns = [
    path(_("write-to-us/"), views.ContactView.as_view(), name="contact"),
    path(_("write-to-us/sent/"), views.SentView.as_view(kind="contact"), name="contact-sent"),
    path(_("study-visits/"), visits.VisitRequestView.as_view(), name="visit"),
    path(_("study-visits/sent/"), views.SentView.as_view(kind="visit"), name="visit-sent"),
    path(_("become-a-partner/"), applications.ApplicationView.as_view(), name="apply"),
    path(
        _("become-a-partner/sent/"), views.SentView.as_view(kind="application"), name="apply-sent"
    ),
    path(_("privacy/"), views.PrivacyView.as_view(), name="privacy"),
]
