"""The workspace's addresses: /da/konto/…, /en/account/… (the paths are translated)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from workspace import accounts, export, profile, report_files, reports

app_name = "workspace"

urlpatterns = [
    path(_("account/"), accounts.HomeView.as_view(), name="home"),
    path(_("account/sign-in/"), accounts.SignInView.as_view(), name="login"),
    path(_("account/sign-in/code/"), accounts.CodeView.as_view(), name="login-code"),
    path(_("account/sign-out/"), accounts.SignOutView.as_view(), name="logout"),
    path(_("account/password/"), accounts.PasswordView.as_view(), name="password"),
    path(
        _("account/invitation/<str:token>/"),
        accounts.InvitationView.as_view(),
        name="invitation",
    ),
    path(
        _("account/organisations/<slug:organisation>/"),
        accounts.OrganisationView.as_view(),
        name="organisation",
    ),
    path(
        _("account/organisations/<slug:organisation>/profile/"),
        profile.ProfileView.as_view(),
        name="profile",
    ),
    # -- the organisation's listings (workspace/exchange.py)
    # -- the data round (workspace/rounds.py)
    # -- reports and the organisation's data (workspace/reports.py, workspace/export.py)
    path(
        _("account/organisations/<slug:organisation>/report/<int:year>/"),
        reports.ReportView.as_view(),
        name="report",
    ),
    path(
        _("account/organisations/<slug:organisation>/report/<int:year>.<str:format>"),
        report_files.ReportFileView.as_view(),
        name="report-file",
    ),
    path(
        _("account/organisations/<slug:organisation>/our-data/"),
        export.DataView.as_view(),
        name="data",
    ),
    path(
        _("account/organisations/<slug:organisation>/our-data.json"),
        export.DataFileView.as_view(),
        name="data-file",
    ),
]
