"""Open data: partners, flows, yearly figures and sites as CSV, JSON and GeoJSON.

One description per dataset (a `Dataset`) drives the files and the page that
documents them, so the documentation cannot drift from the data. Only published
partners and flows, and figures of published flows, ever leave the site.

Datasets are registered in `symbiosis.registry.open_datasets`, keyed by their slug:
the four of the flows app below, another app's in its own `opendata.py` (the
side-stream listings: listings/opendata.py). `DATASETS` is that registry, read as a
dict by the download, the page and the tests. A dataset whose values are worked out
in Python rather than read as they are (a listing's public position) reads its own
`columns` and turns them into its fields' columns in `prepare`.

- JSON carries both languages (`name_da`, `name_en`, `url_da`, `url_en`…) and
  codes for choices (`energy`, `active`), one record a line; GeoJSON follows
  RFC 7946.
- CSV is in the language of the address it is downloaded from: headers,
  texts (Danish when no English exists) and choice labels. UTF-8 with a BOM,
  so spreadsheet programs read Æ, Ø and Å right.
- Numbers are written exactly: Decimals never pass through float formatting
  in CSV, and in JSON only as whole numbers or with at most three decimals.
- A CSV text cell that a spreadsheet would run as a formula (it starts with
  `=`, `+`, `-`, `@`, tab or CR) gets a `'` in front; numbers, negative ones
  too, are written as numbers. JSON keeps every value as it is.
- A file is byte-identical while the data is unchanged (no "now", ordered by
  id), so its ETag (a hash of the body) answers conditional requests. It is
  built once per content version, language and site address and kept
  (symbiosis.kept); a query string is not read and makes no new file.
"""

import csv
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Window
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.http import content_disposition_header
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe
from django.views.generic import TemplateView

from exchanges.models import Category, Flow, FlowFigure
from exchanges.units import Unit
from partners.models import Partner
from symbiosis.addresses import site_root, url_maker
from symbiosis.bilingual import active_language, localized
from symbiosis.kept import kept_response
from symbiosis.registry import open_datasets

LANGUAGES = ["da", "en"]
PUBLISHER = "Kalundborg Symbiose"
LICENCE = {"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"}
FILE_PREFIX = "kalundborg-symbiosis"
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "geojson": "application/geo+json",
}
FORMAT_NAMES = {"csv": "CSV", "json": "JSON", "geojson": "GeoJSON"}
# Downloads change only when the secretariat edits; an hour, then revalidate by ETag.
MAX_AGE = 60 * 60

# Types, for the documentation.
INTEGER = _("integer")
YEAR = _("year (integer)")
DECIMAL = _("decimal number")
TEXT = _("text")
CODE = _("code")
URL = _("web address")
DATE = _("date (YYYY-MM-DD)")


# ---------------------------------------------------------------------------
# Values


def exact(value):
    """A Decimal as plain digits, never in exponent form: 215000, 2.5, 0.001."""
    text = format(value.normalize(), "f")
    return "0" if text in ("-0", "0") else text


def json_value(value):
    """Decimals as JSON numbers: whole ones as integers, others with their own digits;
    an empty text as null, as an unknown number is.

    Every Decimal here has at most three decimals and fewer than 16 digits, so
    Python's shortest float repr writes exactly those digits (0.1 stays 0.1).
    """
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return None if value == "" else value


# A spreadsheet runs a cell that starts with one of these as a formula (OWASP "CSV
# injection"): `=HYPERLINK(…)`, `@cmd|…`, `-2+3`. Tab and CR start one after Excel trims them.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_text(text):
    """Text for a CSV cell, with a quote in front when a spreadsheet would run it.

    Only text cells: numbers (`-12.5`, a longitude west of Greenwich) stay numbers.
    The JSON keeps every value as it is.
    """
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def csv_value(value):
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return exact(value)
    if isinstance(value, int):
        return str(value)
    return csv_text(str(value))


def page_url(base, name, language, **kwargs):
    with translation.override(language):
        return base + reverse(name, kwargs=kwargs)


class Render:
    """What one file needs besides its rows: the language of a CSV, the site's
    address, and page addresses and choice labels worked out once, not per row."""

    def __init__(self, language, base):
        self.language = language
        self.base = base
        self._urls = {}
        self._labels = {}

    def url(self, name, language, kwarg, value):
        key = (name, language, kwarg)
        if key not in self._urls:  # reversed once per page name and language, not per row
            with translation.override(language):
                self._urls[key] = url_maker(name, kwarg)
        return self.base + self._urls[key](value)

    def label(self, choices, code):
        if choices not in self._labels:
            with translation.override(self.language):
                self._labels[choices] = {c.value: capfirst(str(c.label)) for c in choices}
        return self._labels[choices].get(code, code or "")


class _Columns:
    """A `.values()` row seen as an object, for the bilingual accessor."""

    def __init__(self, row, prefix):
        self.row = row
        self.prefix = prefix

    def __getattr__(self, name):
        return self.row[self.prefix + name]


# ---------------------------------------------------------------------------
# Fields: one description serves the JSON, the CSV and the documentation

PLAIN, TEXT_FIELD, EITHER_TEXT, CHOICE, LINK = "plain", "text", "either", "choice", "link"


@dataclass(frozen=True)
class Field:
    """One field of a dataset, read from a `.values()` row.

    `column` is the row's key (`flow__supplier__slug`); for bilingual text the
    stem of `<column>_da` / `<column>_en`. Bilingual text and page links give
    `<key>_da` and `<key>_en` in JSON and one column in the CSV's language;
    choices give the code in JSON and the translated label in CSV. A link whose
    argument is empty is no link: null in JSON, an empty CSV cell.
    """

    key: str
    label: str  # the CSV column header
    type: str
    meaning: str
    column: str
    form: str = PLAIN
    unit: str = ""
    choices: type | None = None  # documented as code (label) pairs
    view: str = ""  # a link's URL name; `column` then holds its argument
    kwarg: str = ""

    @property
    def bilingual(self):
        return self.form in (TEXT_FIELD, EITHER_TEXT, LINK)

    def json_keys(self):
        return [f"{self.key}_{lang}" for lang in LANGUAGES] if self.bilingual else [self.key]

    def columns(self):
        if self.form in (TEXT_FIELD, EITHER_TEXT):
            return [f"{self.column}_{lang}" for lang in LANGUAGES]
        return [self.column]

    def json_items(self, row, render):
        if self.form in (TEXT_FIELD, EITHER_TEXT):
            return [
                (f"{self.key}_{lang}", row[f"{self.column}_{lang}"] or None) for lang in LANGUAGES
            ]
        if self.form == LINK:
            return [(f"{self.key}_{lang}", self.link_in(row, render, lang)) for lang in LANGUAGES]
        return [(self.key, json_value(row[self.column]))]

    def json_in(self, row, render, language):
        """One value in one language (GeoJSON properties)."""
        if self.form == LINK:
            return self.link_in(row, render, language)
        return json_value(row[self.column])

    def link_in(self, row, render, language):
        argument = row[self.column]
        if argument in (None, ""):
            return None
        return render.url(self.view, language, self.kwarg, argument)

    def csv_in(self, row, render):
        if self.form == TEXT_FIELD:
            prefix, _sep, stem = self.column.rpartition("__")
            owner = _Columns(row, f"{prefix}__" if prefix else "")
            return csv_text(str(localized(owner, stem, render.language)))
        if self.form == EITHER_TEXT:
            other = "en" if render.language == "da" else "da"
            return csv_text(
                row[f"{self.column}_{render.language}"] or row[f"{self.column}_{other}"] or ""
            )
        if self.form == LINK:
            return self.link_in(row, render, render.language) or ""
        if self.form == CHOICE:
            return csv_text(render.label(self.choices, row[self.column]))
        return csv_value(row[self.column])


def plain(key, label, type_, meaning, column=None, unit="", choices=None):
    """A value, the same in JSON and CSV (`column` like 'supplier__slug')."""
    return Field(key, label, type_, meaning, column or key, unit=unit, choices=choices)


def text(key, label, meaning, column=None):
    """Bilingual text: `key_da`/`key_en` in JSON (null when missing); CSV in the page's
    language, falling back to Danish as the pages do."""
    return Field(key, label, TEXT, meaning, column or key, form=TEXT_FIELD)


def either_text(key, label, meaning, column=None):
    """Bilingual text that may be written in either language alone (a listing): as
    `text`, but the CSV falls back to whichever language there is."""
    return Field(key, label, TEXT, meaning, column or key, form=EITHER_TEXT)


def choice(key, label, meaning, choices, column=None):
    """A code in JSON (`energy`); its translated label in CSV (`Energi`)."""
    return Field(key, label, CODE, meaning, column or key, form=CHOICE, choices=choices)


def link(key, label, meaning, view, kwarg, column):
    """Absolute address of a page on this site, in each language."""
    return Field(key, label, URL, meaning, column, form=LINK, view=view, kwarg=kwarg)


PARTNER_FIELDS = [
    plain("id", _("ID"), INTEGER, _("Number of the partner in these data; does not change.")),
    plain("slug", _("Slug"), TEXT, _("Short name used in web addresses; not translated.")),
    plain("name", _("Name"), TEXT, _("Name of the organisation; a proper name, not translated.")),
    choice("kind", _("Kind"), _("What sort of organisation it is."), Partner.Kind),
    choice(
        "membership", _("Membership"), _("Its membership of the association."), Partner.Membership
    ),
    plain(
        "year_joined", _("Year joined"), YEAR, _("Year it joined the symbiosis; empty if unknown.")
    ),
    plain("year_left", _("Year left"), YEAR, _("Year it left; empty while it takes part.")),
    text("sector", _("Sector"), _("Line of business.")),
    text("summary", _("Summary"), _("One or two sentences about the partner.")),
    text("description", _("Description"), _("Longer description; may have line breaks.")),
    plain("website", _("Website"), URL, _("The organisation's own website.")),
    plain("street", _("Street address"), TEXT, _("Street address of its site.")),
    plain("postcode", _("Postcode"), TEXT, _("Postcode of its site.")),
    plain("town", _("Town"), TEXT, _("Town of its site.")),
    plain("latitude", _("Latitude"), DECIMAL, _("Latitude of its site (WGS 84)."), unit="°"),
    plain("longitude", _("Longitude"), DECIMAL, _("Longitude of its site (WGS 84)."), unit="°"),
    link(
        "url", _("Page"), _("The partner's page on this site."), "partners:detail", "slug", "slug"
    ),
]

FLOW_FIELDS = [
    plain("id", _("ID"), INTEGER, _("Number of the flow in these data; does not change.")),
    plain(
        "supplier",
        _("Supplier"),
        TEXT,
        _("Slug of the partner that gives off the resource."),
        column="supplier__slug",
    ),
    plain(
        "supplier_name",
        _("Supplier name"),
        TEXT,
        _("Name of that partner."),
        column="supplier__name",
    ),
    plain(
        "receiver",
        _("Receiver"),
        TEXT,
        _("Slug of the partner that takes the resource in."),
        column="receiver__slug",
    ),
    plain(
        "receiver_name",
        _("Receiver name"),
        TEXT,
        _("Name of that partner."),
        column="receiver__name",
    ),
    plain(
        "resource",
        _("Resource"),
        TEXT,
        _("Slug of what flows: steam, gypsum, surface water…"),
        column="resource__slug",
    ),
    text("resource_name", _("Resource name"), _("Name of what flows."), column="resource__name"),
    choice(
        "category", _("Category"), _("Kind of resource."), Category, column="resource__category"
    ),
    choice(
        "status", _("Status"), _("Whether the flow runs, is planned or has ended."), Flow.Status
    ),
    plain("year_started", _("Year started"), YEAR, _("Year the flow began; empty if unknown.")),
    plain("year_ended", _("Year ended"), YEAR, _("Year the flow ended; empty while it runs.")),
    text("story", _("Story"), _("What the flow is and why it matters.")),
    link("url", _("Page"), _("The flow's page on this site."), "exchanges:flow", "pk", "pk"),
]

FIGURE_FIELDS = [
    plain("id", _("ID"), INTEGER, _("Number of the yearly figure in these data; does not change.")),
    plain("flow_id", _("Flow ID"), INTEGER, _("The flow it belongs to (ID in the flows data).")),
    plain(
        "supplier",
        _("Supplier"),
        TEXT,
        _("Slug of the supplying partner."),
        column="flow__supplier__slug",
    ),
    plain(
        "receiver",
        _("Receiver"),
        TEXT,
        _("Slug of the receiving partner."),
        column="flow__receiver__slug",
    ),
    plain("resource", _("Resource"), TEXT, _("Slug of what flows."), column="flow__resource__slug"),
    choice(
        "category",
        _("Category"),
        _("Kind of resource."),
        Category,
        column="flow__resource__category",
    ),
    plain("year", _("Year"), YEAR, _("The year the figures are for.")),
    choice(
        "kind",
        _("Kind"),
        _(
            "Measured after the year, or expected beforehand. The impact "
            "page adds up realised figures only."
        ),
        FlowFigure.Kind,
    ),
    plain(
        "quantity",
        _("Quantity"),
        DECIMAL,
        _("How much flowed in the year, in the unit of the next column; empty if not known."),
    ),
    plain(
        "unit",
        _("Unit"),
        CODE,
        _(
            "Unit of the quantity, as a code (m3 is m³). Add up "
            "within one unit, or convert first (1 MWh = 3.6 GJ)."
        ),
        choices=Unit,
    ),
    plain(
        "co2_avoided_t",
        _("CO₂ avoided (t)"),
        DECIMAL,
        _("Tonnes of CO₂ emissions avoided by the flow in the year."),
        unit="t",
    ),
    plain(
        "water_saved_m3",
        _("Water saved (m³)"),
        DECIMAL,
        _("Cubic metres of water saved by the flow in the year."),
        unit="m³",
    ),
    plain(
        "source", _("Source"), TEXT, _("Where the figures come from, or how they were worked out.")
    ),
    plain("source_url", _("Source link"), URL, _("Link to the source, when there is one.")),
]

SITE_PROPERTIES = [
    plain("name", _("Name"), TEXT, _("Name of the organisation.")),
    plain("slug", _("Slug"), TEXT, _("Short name used in web addresses.")),
    choice("kind", _("Kind"), _("What sort of organisation it is."), Partner.Kind),
    choice(
        "membership", _("Membership"), _("Its membership of the association."), Partner.Membership
    ),
    link(
        "url",
        _("Page"),
        _(
            "The partner's page on this site, in the language of the address you downloaded "
            "the file from."
        ),
        "partners:detail",
        "slug",
        "slug",
    ),
]


# ---------------------------------------------------------------------------
# Datasets


def partners():
    return Partner.objects.published()


def flows():
    return Flow.objects.published()


def figures():
    return FlowFigure.objects.filter(flow__in=Flow.objects.published())


def sites():
    return partners().filter(latitude__isnull=False, longitude__isnull=False)


@dataclass(frozen=True)
class Dataset:
    slug: str
    title: str
    description: str
    queryset: Callable
    fields: list
    formats: tuple = ("csv", "json")
    extra_columns: tuple = ()  # read but not written as fields (a site's coordinates)
    # For values worked out in Python, not read as they are: the columns to read
    # instead of the fields' own, and `prepare(rows)`, which turns those rows into
    # rows holding the fields' columns (and no more) without a query.
    columns: tuple = ()
    prepare: Callable | None = None

    def rows(self):
        """Plain rows, ordered by id: one query, no model instances (fast for big files)."""
        columns = self.columns or dict.fromkeys(
            [*self.extra_columns, *(c for f in self.fields for c in f.columns())]
        )
        return self.queryset().order_by("pk").values(*columns)

    def prepared(self, rows):
        """The rows as the files write them."""
        return self.prepare(rows) if self.prepare else rows


# The registry, read as a dict: DATASETS["flows"], DATASETS.values().
DATASETS = open_datasets


def register_dataset(dataset):
    """Publish `dataset` (under its slug): the flows app's below, another app's from
    its own opendata.py."""
    return open_datasets.register(dataset.slug, dataset)


register_dataset(
    Dataset(
        "partners",
        _("Partners"),
        _(
            "The organisations of the symbiosis shown on this site: companies, the utility, "
            "the municipality and others."
        ),
        partners,
        PARTNER_FIELDS,
    )
)

register_dataset(
    Dataset(
        "flows",
        _("Flows"),
        _("Streams of energy, water and materials from one partner to another."),
        flows,
        FLOW_FIELDS,
    )
)

register_dataset(
    Dataset(
        "figures",
        _("Yearly figures"),
        _(
            "How much flowed in a year and what it saved, each figure with its source. One "
            "row per flow, year and kind."
        ),
        figures,
        FIGURE_FIELDS,
    )
)

register_dataset(
    Dataset(
        "sites",
        _("Sites"),
        _(
            "Where the partners are, as points for a map (GeoJSON, coordinates in WGS 84 as "
            "longitude, latitude). Only partners with a known position."
        ),
        sites,
        SITE_PROPERTIES,
        formats=("geojson",),
        extra_columns=("id", "latitude", "longitude"),
    )
)


def metadata(dataset, base):
    """What every JSON file says about itself: licence, source, documentation."""
    titles = {}
    for lang in LANGUAGES:
        with translation.override(lang):
            titles[lang] = f"Kalundborg Symbiose: {dataset.title}"
    return {
        "title": titles,
        "licence": LICENCE,
        "source": {
            "name": PUBLISHER,
            "url": page_url(base, "exchanges:open-data", "da"),
        },
        "attribution": f"{PUBLISHER}, {LICENCE['name']}",
        "documentation": {lang: page_url(base, "exchanges:open-data", lang) for lang in LANGUAGES},
    }


def record(fields, row, render):
    return dict(item for f in fields for item in f.json_items(row, render))


def dumps(value):
    return json.dumps(value, ensure_ascii=False)


def json_document(head, key, items):
    """`head`'s fields, then `key` holding `items` one to a line: compact for big files,
    still readable, and the same bytes for the same data."""
    lines = ["{"]
    lines += [f"  {dumps(k)}: {dumps(v)}," for k, v in head.items()]
    lines.append(f"  {dumps(key)}: [")
    lines.append(",\n".join(f"    {dumps(item)}" for item in items))
    lines += ["  ]", "}", ""]
    return "\n".join(lines).encode()


def render_json(dataset, rows, render):
    records = [record(dataset.fields, row, render) for row in rows]
    head = {**metadata(dataset, render.base), "count": len(records)}
    return json_document(head, dataset.slug, records)


def render_geojson(dataset, rows, render):
    features = [
        {
            "type": "Feature",
            "id": row["id"],
            "geometry": {
                "type": "Point",
                "coordinates": [json_value(row["longitude"]), json_value(row["latitude"])],
            },
            "properties": {f.key: f.json_in(row, render, render.language) for f in dataset.fields},
        }
        for row in rows
    ]
    head = {"type": "FeatureCollection", **metadata(dataset, render.base)}
    return json_document(head, "features", features)


def render_csv(dataset, rows, render):
    buffer = io.StringIO()
    buffer.write("\ufeff")  # BOM: Excel then reads the file as UTF-8
    writer = csv.writer(buffer, lineterminator="\r\n")
    with translation.override(render.language):
        writer.writerow([capfirst(str(f.label)) for f in dataset.fields])
    writer.writerows([f.csv_in(row, render) for f in dataset.fields] for row in rows)
    return buffer.getvalue().encode()


RENDERERS = {"csv": render_csv, "json": render_json, "geojson": render_geojson}


def filename(dataset, fmt, language):
    # JSON holds both languages; CSV and GeoJSON are in the address's language.
    suffix = "" if fmt == "json" else f"-{language}"
    return f"{FILE_PREFIX}-{dataset.slug}{suffix}.{fmt}"


def render(dataset, fmt, rows, base, language):
    return RENDERERS[fmt](dataset, dataset.prepared(rows), Render(language, base))


@require_safe
def download(request, dataset, fmt):
    """One dataset in one format: one query whatever the size of the data, once per
    content version and language (symbiosis.kept); the query string is not read."""
    spec = DATASETS.get(dataset)
    if spec is None or fmt not in spec.formats:
        raise Http404
    language = active_language()
    base = site_root(request)
    return kept_response(
        request,
        ("open-data", spec.slug, fmt, language, base),
        lambda: built_download(spec, fmt, language, base),
    )


def built_download(spec, fmt, language, base):
    """The file as kept; its ETag (a hash of the body) and 304s are symbiosis.kept's."""
    body = render(spec, fmt, spec.rows(), base, language)
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    response["Content-Length"] = str(len(body))
    response["Content-Disposition"] = content_disposition_header(
        True, filename(spec, fmt, language)
    )
    documentation = page_url(base, "exchanges:open-data", language)
    response["Link"] = f'<{LICENCE["url"]}>; rel="license", <{documentation}>; rel="describedby"'
    # Open to everyone: a map or notebook on another site may fetch the files too
    # (public data, no cookies involved).
    response["Access-Control-Allow-Origin"] = "*"
    response["Cross-Origin-Resource-Policy"] = "cross-origin"
    patch_cache_control(response, public=True, max_age=MAX_AGE)
    return response


# ---------------------------------------------------------------------------
# The page that documents it all


def estimated_size(spec, fmt, sample, count, base, language):
    """The size of a download: exact while the data fit in the sample (today's site),
    else worked out from the sample's bytes per row. The page says "about"."""
    size = len(render(spec, fmt, sample, base, language))
    if count <= len(sample):
        return size
    empty = len(render(spec, fmt, [], base, language))
    return empty + round((size - empty) / len(sample) * count)


class OpenDataView(TemplateView):
    """The datasets, their fields, licence and downloads with their sizes.

    One query per dataset, whatever its size: the first `SAMPLE` rows with the
    total count beside them (a window function), rather than every row.
    """

    template_name = "exchanges/open_data.html"
    SAMPLE = 200

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        language = active_language()
        base = site_root(self.request)
        datasets = []
        for spec in DATASETS.values():
            sample = list(spec.rows().annotate(total=Window(Count("pk")))[: self.SAMPLE])
            count = sample[0]["total"] if sample else 0
            downloads = [
                {
                    "fmt": fmt,
                    "name": FORMAT_NAMES[fmt],
                    "url": reverse("exchanges:download", kwargs={"dataset": spec.slug, "fmt": fmt}),
                    "filename": filename(spec, fmt, language),
                    "size": estimated_size(spec, fmt, sample, count, base, language),
                }
                for fmt in spec.formats
            ]
            datasets.append(
                {
                    "spec": spec,
                    "count": count,
                    "downloads": downloads,
                    "fields": [self.documented(spec, f) for f in spec.fields],
                }
            )
        context["datasets"] = datasets
        context["licence"] = LICENCE
        context["publisher"] = PUBLISHER
        context["page_url"] = base + self.request.path
        return context

    @staticmethod
    def documented(spec, f):
        headers = {}
        for lang in LANGUAGES:
            with translation.override(lang):
                headers[lang] = capfirst(str(f.label))
        keys = [f"properties.{f.key}"] if spec.slug == "sites" else f.json_keys()
        return {
            "keys": keys,
            "csv": headers if "csv" in spec.formats else None,
            "type": f.type,
            "unit": f.unit,
            "meaning": f.meaning,
            "choices": [(c.value, c.label) for c in f.choices] if f.choices else [],
        }
