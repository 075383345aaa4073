"""The workspace's addresses: /da/konto/…, /en/account/… (the paths are translated)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from workspace import accounts, exchange, export, profile, report_files, reports, rounds

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
    path(
        _("account/organisations/<slug:organisation>/side-streams/"),
        exchange.ListingsView.as_view(),
        name="listings",
    ),
    path(
        _("account/organisations/<slug:organisation>/side-streams/new/"),
        exchange.NewListingView.as_view(),
        name="listing-new",
    ),
    path(
        _("account/organisations/<slug:organisation>/side-streams/<int:pk>/"),
        exchange.ListingView.as_view(),
        name="listing",
    ),
    path(
        _("account/organisations/<slug:organisation>/side-streams/<int:pk>/edit/"),
        exchange.EditListingView.as_view(),
        name="listing-edit",
    ),
    path(
        _("account/organisations/<slug:organisation>/side-streams/<int:pk>/withdraw/"),
        exchange.WithdrawView.as_view(),
        name="listing-withdraw",
    ),
    path(
        _("account/organisations/<slug:organisation>/side-streams/<int:pk>/renew/"),
        exchange.RenewView.as_view(),
        name="listing-renew",
    ),
    path(
        _(
            "account/organisations/<slug:organisation>/side-streams/<int:pk>/interested/<int:other>/"
        ),
        exchange.InterestedView.as_view(),
        name="listing-interested",
    ),
    # -- the data round (workspace/rounds.py)
    path(
        _("account/organisations/<slug:organisation>/data/<int:year>/"),
        rounds.RoundView.as_view(),
        name="round",
    ),
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
