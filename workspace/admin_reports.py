"""The secretariat's annual report: every flow of a year by category, with totals
(unit-safe), CO₂e and the ESRS E5 mapping, and the same as CSV, XLSX and PDF.

A page of the admin (Workspace › Annual report, /admin/workspace/annualreport/?year=…)
for staff who may see the flows; it changes nothing.
"""

from django.contrib import admin
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext as _

from symbiosis import dates
from workspace import esrs, report_files, reports
from workspace.models import AnnualReport


def chosen_year(request, years):
    raw = request.GET.get("year", "")
    if not raw:
        return years[0] if years else dates.this_year()
    try:
        return reports.check_year(int(raw))
    except ValueError:
        raise Http404(_("There is no report for this year.")) from None


@admin.register(AnnualReport)
class AnnualReportAdmin(admin.ModelAdmin):
    def has_view_permission(self, request, obj=None):
        user = request.user
        return user.is_active and user.is_staff and user.has_perm("exchanges.view_flow")

    def has_module_permission(self, request):
        return self.has_view_permission(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("", view(self.report_view), name="workspace_annualreport_changelist"),
            path("file/<str:format>/", view(self.file_view), name="workspace_annualreport_file"),
        ]

    def _check(self, request):
        if not self.has_view_permission(request):
            raise Http404

    def report_view(self, request):
        self._check(request)
        years = reports.years_for()
        year = chosen_year(request, years)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Annual report %(year)s") % {"year": year},
            "opts": self.model._meta,
            "report": reports.build(year),
            "years": years,
            "year": year,
            "formats": reports.FORMATS,
            "esrs_source": esrs.SOURCE,
            "esrs_source_url": esrs.SOURCE_URL,
        }
        return TemplateResponse(request, "admin/workspace/annual_report.html", context)

    def file_view(self, request, format):
        self._check(request)
        year = chosen_year(request, reports.years_for())
        context = {"partner": None, "esrs_source": esrs.SOURCE, "esrs_source_url": esrs.SOURCE_URL}
        return report_files.response(reports.build(year), format, context)
