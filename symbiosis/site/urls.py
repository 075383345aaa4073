from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _

from symbiosis import spam
from symbiosis.security import csp
from symbiosis.site import sitemaps, views

handler404 = "symbiosis.site.views.page_not_found"
handler500 = "symbiosis.site.views.server_error"

admin.site.site_header = _("Kalundborg Symbiosis: administration")
admin.site.site_title = _("Kalundborg Symbiosis administration")
admin.site.index_title = _("The secretariat's workplace")

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("admin/", admin.site.urls),
    # The admin's language switch (POST, sets the language cookie).
    path("i18n/", include("django.conf.urls.i18n")),
    # Outside the language prefixes: one sitemap and one robots.txt for both languages.
    path("robots.txt", sitemaps.robots_txt, name="robots"),
    path(".well-known/security.txt", views.security_txt, name="security-txt"),
    # Browsers' reports of CSP violations (symbiosis/security/csp.py).
    path(settings.CSP_REPORT_PATH.lstrip("/"), csp.csp_report, name="csp-report"),
    # The spam guard's proof-of-work challenges (symbiosis/spam.py), one for both languages.
    path("altcha/challenge/", spam.altcha_challenge, name="altcha-challenge"),
    path("sitemap.xml", sitemaps.sitemap_index, name="sitemap"),
    path("sitemap-<slug:section>.xml", sitemaps.sitemap_section, name="sitemap-section"),
]

urlpatterns += i18n_patterns(
    path("", views.HomeView.as_view(), name="home"),
    path("", include("partners.urls")),
    path("", include("exchanges.urls")),
    path("", include("news.urls")),
    path("", include("timeline.urls")),
    path("", include("projects.urls")),
    path("", include("network.urls")),
    path("", include("search.urls")),
    path("", include("enquiries.urls")),
    path("", include("listings.urls")),
    path("", include("workspace.urls")),
    # Last: a staff page's slug (/da/om-symbiosen/) answers only when nothing else does.
    path("", include("pages.urls")),
)

if settings.SERVE_MEDIA:
    # One-machine setup: Django serves uploads itself. With nginx or object
    # storage in front, set SERVE_MEDIA=off and let them serve /media/.
    urlpatterns += [
        re_path(r"^media/(?P<path>.*)$", views.media, name="media"),
    ]
