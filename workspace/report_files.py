"""The report as files: CSV (UTF-8 with a BOM, so Excel reads the letters right),
XLSX (openpyxl: a bold header, numbers as numbers) and PDF (WeasyPrint, the site's
typography from static/css/report_print.css). The PDF is made without any network:
its fetcher serves only the site's own /static/ files, from disk."""

import csv
import io
import mimetypes
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import Http404, HttpResponse
from django.template.loader import render_to_string
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View

from exchanges.models import Category
from workspace import esrs, reports
from workspace.access import OrganisationMixin

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


def direction_label(row):
    if row.direction == esrs.INFLOW:
        return _("inflow")
    if row.direction == esrs.OUTFLOW:
        return _("outflow")
    return ""


def header():
    return [
        _("Direction"),
        _("Category"),
        _("Resource"),
        _("Supplier"),
        _("Receiver"),
        _("Quantity"),
        _("Unit"),
        _("Source of the figure"),
        _("CO₂e avoided (t)"),
        _("CO₂e method"),
        _("CO₂e computed"),
        _("ESRS datapoints"),
    ]


def values(row):
    """One row's cells; numbers as numbers (None where there is none)."""
    return [
        direction_label(row),
        str(Category(row.category).label),
        row.resource,
        row.supplier,
        row.receiver,
        row.quantity.value if row.quantity else None,
        row.quantity.unit.label if row.quantity else _("no figure"),
        row.figure_source,
        row.co2_t,
        row.co2_method,
        _("yes") if row.co2_computed else _("no"),
        row.datapoint_ids,
    ]


def to_csv(report):
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_MINIMAL)
    writer.writerow(header())
    for row in report.all_rows:
        writer.writerow(["" if v is None else v for v in values(row)])
    return "\ufeff" + out.getvalue()


def to_xlsx(report):
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = str(report.year)
    sheet.append(header())
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in report.all_rows:
        cells = values(row)
        cells[5] = float(cells[5]) if cells[5] is not None else None
        cells[8] = float(cells[8]) if cells[8] is not None else None
        sheet.append(cells)
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def static_fetcher():
    """A WeasyPrint URL fetcher that serves the site's static files from disk and
    refuses every other address (no network at all)."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticOnly(URLFetcher):
        def fetch(self, url, headers=None):
            prefix = f"file://{settings.STATIC_URL}"
            if not url.startswith(prefix):
                raise ValueError(f"not a static file: {url}")
            name = url.removeprefix(prefix).split("?")[0]
            root = Path(settings.STATIC_ROOT).resolve()
            collected = (root / name).resolve()  # hashed names, as {% static %} gives them
            if not (collected.is_relative_to(root) and collected.is_file()):
                collected = finders.find(name)
                if not collected:
                    raise ValueError(f"no such static file: {url}")
            kind = mimetypes.guess_type(name)[0] or "application/octet-stream"
            return URLFetcherResponse(
                url, body=Path(collected).read_bytes(), headers={"Content-Type": kind}
            )

    return StaticOnly()


def to_pdf(report, context):
    from weasyprint import HTML

    html = render_to_string(
        "workspace/report_pdf.html",
        {**context, "report": report, "language": get_language()},
    )
    return HTML(string=html, base_url="file:///", url_fetcher=static_fetcher()).write_pdf()


def filename(report, format):
    who = report.partner.slug if report.partner is not None else slugify(_("symbiosis"))
    # Translators: the start of a report's file name (lower-case, no spaces).
    label = slugify(_("report"))
    return f"{label}-{who}-{report.year}.{format}"


def response(report, format, context):
    if format == "csv":
        body = to_csv(report)
    elif format == "xlsx":
        body = to_xlsx(report)
    elif format == "pdf":
        body = to_pdf(report, context)
    else:
        raise Http404(_("There is no such file."))
    result = HttpResponse(body, content_type=CONTENT_TYPES[format])
    result["Content-Disposition"] = f'attachment; filename="{filename(report, format)}"'
    return result


class ReportFileView(OrganisationMixin, View):
    """The organisation's report for a year as CSV, XLSX or PDF (any member may download)."""

    def get(self, request, *args, **kwargs):
        if kwargs["format"] not in CONTENT_TYPES:
            raise Http404(_("There is no such file."))
        year = reports.check_year(kwargs["year"])
        report = reports.build(year, self.partner)
        context = {
            "partner": self.partner,
            "esrs_source": esrs.SOURCE,
            "esrs_source_url": esrs.SOURCE_URL,
        }
        return response(report, kwargs["format"], context)
