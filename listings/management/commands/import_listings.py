"""`manage.py import_listings PATH.csv [--review] [--skip-bad] [--language en|da]`:
offers and wants from a spreadsheet, as an organisation or a project exports them.

The file: UTF-8 (a byte-order mark is fine) CSV with a header, at most 20 MB. Columns
may come in any order and columns of other names are ignored; `key`, `kind`,
`organisation` and `title` are required, every other column may be empty or absent
(an absent column reads as empty):

    key, kind (offer/want), organisation, title, description, language (da/en, default
    da), category (energy/water/material), ewc_code, nace_code, quantity, unit,
    per (once/day/week/month/year), latitude, longitude

Cells are separated by commas, or by semicolons when the header has semicolons and no
comma (Danish Excel saves "CSV" so, because the comma is its decimal mark). Row numbers
count the header as row 1, as a spreadsheet shows them; blank rows are skipped.

What each row becomes:

- `key` is the listing's id in the file: a key imported before updates its listing. An
  update sets what the file has (title and description in the row's language; the other
  language's text, added in the admin, is kept) and leaves what the file cannot say
  (visibility, contact, quality, dates) as the secretariat set it. A key stays an offer
  or a want: a row that changes it is refused.
- Status: a new listing is published at once (`published_at` now), or awaits review
  with `--review`. An existing listing in draft or review is published through
  `listings.workflow` (which tells its contact, if any) unless `--review` is given; a
  listing published, matched, closed or expired keeps its status: the secretariat's
  decision stands.
- `organisation`: the partner of that name (case and spacing aside), else of that former
  name, else of that slug; a name two partners share is refused (write the slug). Else
  a new partner is made, not shown on the website (not a member, a company), with a
  unique slug from its name.
- `category` empty: inferred from the unit and the words of the title and description.
  An energy unit (kWh, MWh, GWh, GJ, TJ) is energy; so is a mass or volume of steam,
  heat or fuel gas ("damp", "varme", "biogas", "naturgas"; the model's own rule: steam
  is weighed in tonnes, gas measured in m³). A volume (or no unit) of something watery
  ("vand", "water") is water. Everything else (tonnes, kilograms, other volumes, no
  unit) is material.
- `quantity`: a number, not negative, with at most one decimal mark (point or comma) and
  no thousands separators: 12500, 12.5 and 12,5 are read, 12.500,5 and 1 000 are
  refused. A mark followed by exactly three digits could be either, so it is read as a
  decimal mark only where the file's convention settles it: a point in a comma-separated
  file ("2.500" is 2.5), a comma in a semicolon-separated one ("2,500" is 2.5); the other
  way round ("1,000" in a comma-separated file) the row is refused as ambiguous.
- `unit`: the portal's units in common spellings (t, ton, tons, tonne, tonnes; kg;
  l, liter, litre; m3, m³, kubikmeter; kWh, MWh, GWh, GJ, TJ in any case), fit for the
  category. A period belongs in `per`, not in the unit ("t/year" is refused).
- `latitude`, `longitude`: both or neither, in degrees (a comma is a decimal comma here:
  no coordinate reaches a thousand), kept to five decimals (about a metre). Neither: the
  organisation's. The listing's municipality is the one nearest the point.
- `ewc_code` (10 01 05, 100105, 17 05 03*) and `nace_code` (C23.5.1, 23.51, 2351) are
  kept in the lists' own form (100105, 23.51); an empty NACE code means the
  organisation's.

A file with a bad row imports nothing: every bad row is reported on standard error as
"row N: reason", and the command fails. With `--skip-bad` the good rows are imported and
the bad ones reported. Either way the whole file is one transaction: nothing is ever
half-imported. The summary ("12 listings imported: 9 new, 3 updated") is the last line
on standard output; the messages are in `--language` (English by default, so that scripts
may read them whatever the site's language).
"""

import csv
import io
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import DataError, IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from enquiries.applications import unique_partner_slug
from exchanges.models import Category, units_for
from exchanges.units import Dimension, Unit, dimension_of
from listings import codes, workflow
from listings.models import Kind, Listing, Per, Status
from partners.models import FormerName, Partner

# Refused before a byte is read: a listing is a few hundred bytes, so 20 MB holds tens
# of thousands of them; anything bigger is the wrong file.
MAX_FILE_BYTES = 20 * 1024 * 1024

REQUIRED_COLUMNS = ("key", "kind", "organisation", "title")
OPTIONAL_COLUMNS = (
    "description",
    "language",
    "category",
    "ewc_code",
    "nace_code",
    "quantity",
    "unit",
    "per",
    "latitude",
    "longitude",
)
COLUMNS = REQUIRED_COLUMNS + OPTIONAL_COLUMNS

LANGUAGES = ("da", "en")
DEFAULT_LANGUAGE = "da"

KEY_MAX_LENGTH = Listing._meta.get_field("key").max_length
TITLE_MAX_LENGTH = Listing._meta.get_field("title_da").max_length
ORGANISATION_MAX_LENGTH = Partner._meta.get_field("name").max_length

# How people write the portal's units, folded (lower case, no spaces, ³ as 3).
UNIT_SPELLINGS = {
    **dict.fromkeys(("kg", "kilo", "kilogram", "kilograms", "kilogramme"), Unit.KG),
    **dict.fromkeys(("t", "ton", "tons", "tonne", "tonnes"), Unit.T),
    **dict.fromkeys(("l", "ltr", "liter", "litre", "liters", "litres"), Unit.L),
    **dict.fromkeys(
        ("m3", "kbm", "kubikmeter", "cubicmetre", "cubicmetres", "cubicmeter", "cubicmeters"),
        Unit.M3,
    ),
    **{unit.value.casefold(): unit for unit in Unit},
}

# Words that make a mass or volume energy, or a volume water, when the category is empty.
# "damp" and "varme" end Danish compounds (procesdamp, overskudsvarme); "vand" may stand
# anywhere in one (spildevand, vandbehandling). Gas only as a fuel: CO2 from flue gas is
# a material.
ENERGY_WORDS = re.compile(
    r"\bsteam\b|\bheat\b|damp\b|varme\b|biogas|naturgas|natural gas", re.IGNORECASE
)
WATER_WORDS = re.compile(r"vand|water", re.IGNORECASE)

# Which model field's error belongs to which column, in the reports.
FIELD_COLUMNS = {
    "title_da": "title",
    "title_en": "title",
    "description_da": "description",
    "description_en": "description",
    "organisation": "organisation",
}


class ImportFileError(Exception):
    """The file as a whole cannot be imported (too big, not UTF-8, no header…)."""


class RowError(Exception):
    """A row that cannot be imported, with every reason found."""

    def __init__(self, reasons):
        super().__init__("; ".join(reasons))
        self.reasons = list(reasons)


@dataclass(frozen=True)
class Record:
    """A row of the file as CSV cells, with its number (the header is row 1)."""

    number: int
    cells: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    """The file read as CSV: its columns (folded names) and its data rows."""

    delimiter: str
    columns: tuple[str, ...]
    rows: tuple[Record, ...]


@dataclass(frozen=True)
class ListingRow:
    """One row of the file, checked and in the portal's own terms."""

    number: int
    key: str
    kind: str
    organisation: str
    title: str
    description: str
    language: str
    category: str
    ewc_code: str
    nace_code: str
    quantity: Decimal | None
    unit: str
    per: str
    latitude: Decimal | None
    longitude: Decimal | None


@dataclass(frozen=True)
class BadRow:
    number: int
    reason: str


# --- Reading the file ----------------------------------------------------------------------


def read_table(path):
    """The file's header and rows, or ImportFileError saying why it cannot be read.

    The size is checked before the file is opened, and at most the limit (and a byte)
    is ever read, so a huge file costs nothing, even one that grows meanwhile."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError:
        raise ImportFileError(_("There is no file at %(path)s.") % {"path": path}) from None
    if not path.is_file():
        raise ImportFileError(_("%(path)s is not a file.") % {"path": path})
    if size > MAX_FILE_BYTES:
        raise ImportFileError(too_big(size))
    with path.open("rb") as file:
        data = file.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise ImportFileError(too_big(len(data)))
    return parse_table(decode(data))


def too_big(size):
    return _("The file is %(size)s MB; an import takes at most %(limit)d MB.") % {
        "size": f"{size / 1024 / 1024:.1f}",
        "limit": MAX_FILE_BYTES // 1024 // 1024,
    }


def decode(data):
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ImportFileError(
            _(
                "The file is not UTF-8 text (line %(line)d). Save it as “CSV UTF-8” "
                "(Excel: Save as › CSV UTF-8) and import it again."
            )
            % {"line": line}
        ) from None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise ImportFileError(
            _("The file holds a NUL character (line %(line)d): it is not a CSV text file.")
            % {"line": line}
        )
    if not text.strip():
        raise ImportFileError(_("The file is empty."))
    return text


def parse_table(text):
    header_line = text.split("\n", 1)[0]
    delimiter = ";" if ";" in header_line and "," not in header_line else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    records = []
    try:
        for cells in reader:
            records.append(tuple(cells))
    except csv.Error as error:
        raise ImportFileError(
            _("row %(row)d: the file is not valid CSV from here on (%(error)s).")
            % {"row": len(records) + 1, "error": error}
        ) from None
    columns = tuple(" ".join(cell.split()).casefold() for cell in records[0])
    for column in COLUMNS:
        if columns.count(column) > 1:
            raise ImportFileError(
                _("The column “%(column)s” is in the header twice.") % {"column": column}
            )
    missing = [column for column in REQUIRED_COLUMNS if column not in columns]
    if missing:
        raise ImportFileError(
            _("The header lacks the required columns %(missing)s (it needs %(required)s).")
            % {"missing": ", ".join(missing), "required": ", ".join(REQUIRED_COLUMNS)}
        )
    rows = tuple(
        Record(number, cells)
        for number, cells in enumerate(records[1:], start=2)
        if any(cell.strip() for cell in cells)
    )
    if not rows:
        raise ImportFileError(_("The file has a header but no listings."))
    return Table(delimiter=delimiter, columns=columns, rows=rows)


# --- Checking a row ------------------------------------------------------------------------


def parse_row(record, table):
    """The row as a `ListingRow`, or RowError with every reason it cannot be one."""
    cells = record.cells
    if len(cells) != len(table.columns):
        raise RowError(
            [
                ngettext(
                    "it has %(cells)d cell; the header has %(columns)d.",
                    "it has %(cells)d cells; the header has %(columns)d.",
                    len(cells),
                )
                % {"cells": len(cells), "columns": len(table.columns)}
            ]
        )
    values = {column: "" for column in COLUMNS}
    for column, cell in zip(table.columns, cells, strict=True):
        if column in values:
            values[column] = cell.strip()
    reasons = []

    def check(parse, *args):
        try:
            return parse(*args)
        except RowError as error:
            reasons.extend(error.reasons)
            return None

    key = check(required_text, values, "key", KEY_MAX_LENGTH)
    kind = check(choice, values, "kind", Kind.values)
    organisation = check(required_text, values, "organisation", ORGANISATION_MAX_LENGTH)
    title = check(required_text, values, "title", TITLE_MAX_LENGTH)
    language = check(choice, values, "language", LANGUAGES, DEFAULT_LANGUAGE)
    category = check(choice, values, "category", Category.values, "")
    per = check(choice, values, "per", Per.values, "")
    ewc_code = check(code, values, "ewc_code", codes.normalise_ewc)
    nace_code = check(code, values, "nace_code", codes.normalise_nace)
    quantity = check(parse_quantity, values["quantity"], table.delimiter)
    unit = check(parse_unit, values["unit"])
    point = check(parse_coordinates, values["latitude"], values["longitude"])
    if quantity is not None and unit == "":
        reasons.append(_("a quantity needs a unit (t, m3, MWh…)."))
    if category is not None and unit is not None:
        category = category or infer_category(unit, f"{values['title']} {values['description']}")
        if unit and unit not in units_for(category):
            reasons.append(
                _("the unit %(unit)s does not fit the category %(category)s (use %(units)s).")
                % {
                    "unit": Unit(unit).label,
                    "category": category,
                    "units": ", ".join(u.label for u in units_for(category)),
                }
            )
    if reasons:
        raise RowError(reasons)
    latitude, longitude = point
    return ListingRow(
        number=record.number,
        key=key,
        kind=kind,
        organisation=organisation,
        title=title,
        description=values["description"],
        language=language,
        category=category,
        ewc_code=ewc_code,
        nace_code=nace_code,
        quantity=quantity,
        unit=unit,
        per=per,
        latitude=latitude,
        longitude=longitude,
    )


def required_text(values, column, max_length):
    # An organisation's name is compared with its spacing folded; a key and a title as typed.
    text = " ".join(values[column].split()) if column == "organisation" else values[column]
    if not text:
        raise RowError([empty(column)])
    if len(text) > max_length:
        raise RowError(
            [
                _("the %(column)s is %(length)d characters long; at most %(limit)d fit.")
                % {"column": column, "length": len(text), "limit": max_length}
            ]
        )
    return text


def empty(column):
    return _("the column “%(column)s” is empty; every row needs it.") % {"column": column}


def choice(values, column, allowed, default=None):
    """One of `allowed` (as typed, in any case); empty: `default`, or refused without one."""
    text = values[column].casefold()
    if not text:
        if default is None:
            raise RowError([empty(column)])
        return default
    if text not in allowed:
        raise RowError(
            [
                _("%(column)s “%(value)s” is not one of %(allowed)s.")
                % {"column": column, "value": values[column], "allowed": ", ".join(allowed)}
            ]
        )
    return text


def code(values, column, normalise):
    if not values[column]:
        return ""
    try:
        return normalise(values[column])
    except codes.CodeError as error:
        raise RowError([f"{column}: {error}"]) from None


class NumberError(ValueError):
    """Why a cell is not a number: "not_a_number", "grouped" or "ambiguous"."""

    def __init__(self, problem):
        super().__init__(problem)
        self.problem = problem


def parse_decimal(text, *, settled_mark=None):
    """A number with at most one decimal mark, point or comma, and no thousands separators.

    A mark followed by exactly three digits ("1,000", "2.500") could also be a thousands
    separator: it is read as a decimal mark only when it is `settled_mark`, the file's
    own, and refused as ambiguous otherwise. Without a `settled_mark` (numbers that never
    reach a thousand) any single mark is a decimal mark."""
    negative = text[:1] in ("-", "\N{MINUS SIGN}")
    digits = text[1:] if negative else text
    if match := re.fullmatch(r"(\d+)(?:([.,])(\d+))?", digits):
        whole, mark, fraction = match.groups()
        if mark and settled_mark and len(fraction) == 3 and mark != settled_mark:
            raise NumberError("ambiguous")
        number = Decimal(f"{whole}.{fraction}" if mark else whole)
        return -number if negative else number
    if re.fullmatch(r"\d{1,3}(?:([.,\s\N{NO-BREAK SPACE}])\d{3})+(?:[.,]\d+)?", digits):
        raise NumberError("grouped")
    raise NumberError("not_a_number")


def parse_quantity(text, delimiter):
    if not text:
        return None
    # In a semicolon-separated file the comma is the decimal mark (Danish), else the point.
    settled_mark = "," if delimiter == ";" else "."
    try:
        quantity = parse_decimal(text, settled_mark=settled_mark)
    except NumberError as error:
        raise RowError([number_problem("quantity", text, error.problem)]) from None
    if quantity < 0:
        raise RowError([_("quantity “%(value)s” is negative.") % {"value": text}])
    return quantity


def number_problem(column, text, problem):
    if problem == "ambiguous":
        message = _(
            "%(column)s “%(value)s” is ambiguous: a thousands separator or a decimal mark? "
            "Write it without thousands separators (1000 for a thousand)."
        )
    elif problem == "grouped":
        message = _(
            "%(column)s “%(value)s” has thousands separators: write it without (12500, not 12 500)."
        )
    else:
        message = _("%(column)s “%(value)s” is not a number.")
    return message % {"column": column, "value": text}


def parse_unit(text):
    if not text:
        return ""
    folded = re.sub(r"\s+", "", text).replace("³", "3").replace("^3", "3").casefold()
    if folded in UNIT_SPELLINGS:
        return UNIT_SPELLINGS[folded].value
    if "/" in folded or "per" in folded:
        raise RowError(
            [
                _("unit “%(value)s”: write the period in the column “per” (unit t, per year).")
                % {"value": text}
            ]
        )
    raise RowError(
        [
            _("unit “%(value)s” is not a unit the portal knows (%(units)s).")
            % {"value": text, "units": ", ".join(unit.label for unit in Unit)}
        ]
    )


COORDINATE_RANGES = {"latitude": Decimal(90), "longitude": Decimal(180)}
COORDINATE_PLACES = Decimal("0.00001")  # the model's five decimals, about a metre


def parse_coordinates(latitude_text, longitude_text):
    if not latitude_text and not longitude_text:
        return None, None
    if not latitude_text or not longitude_text:
        raise RowError([_("give both latitude and longitude, or neither.")])
    reasons, point = [], []
    for column, text in (("latitude", latitude_text), ("longitude", longitude_text)):
        try:
            value = parse_decimal(text)
        except NumberError as error:
            reasons.append(number_problem(column, text, error.problem))
            continue
        limit = COORDINATE_RANGES[column]
        if not -limit <= value <= limit:
            reasons.append(
                _("%(column)s %(value)s is outside −%(limit)s to %(limit)s degrees.")
                % {"column": column, "value": text, "limit": limit}
            )
            continue
        point.append(to_places(value))
    if reasons:
        raise RowError(reasons)
    return tuple(point)


def to_places(coordinate):
    return coordinate.quantize(COORDINATE_PLACES, rounding=ROUND_HALF_UP)


def infer_category(unit, text):
    """The category of a row that names none (the rule is in the module's docstring)."""
    dimension = dimension_of(unit) if unit else None
    if dimension == Dimension.ENERGY:
        return Category.ENERGY.value
    if dimension in (None, Dimension.MASS, Dimension.VOLUME) and ENERGY_WORDS.search(text):
        return Category.ENERGY.value
    if dimension in (None, Dimension.VOLUME) and WATER_WORDS.search(text):
        return Category.WATER.value
    return Category.MATERIAL.value


def duplicate_keys(rows):
    """The rows whose key another row has too: all of them are bad (which one is right?)."""
    numbers = {}
    for row in rows:
        numbers.setdefault(row.key, []).append(row.number)
    return [
        BadRow(
            number,
            _("the key “%(key)s” is on rows %(rows)s; a key names one listing.")
            % {"key": key, "rows": ", ".join(map(str, shared))},
        )
        for key, shared in numbers.items()
        if len(shared) > 1
        for number in shared
    ]


# --- Writing -------------------------------------------------------------------------------


def fold(name):
    return " ".join(name.split()).casefold()


class Organisations:
    """The partners a row may name, read once: by name, former name or slug.

    Looked up here rather than with `iexact`, which on SQLite folds only ASCII (Ø and Æ
    would not match). Partners made by this import are added as their rows are saved."""

    def __init__(self):
        self.names, self.former_names, self.slugs = {}, {}, {}
        for partner in Partner.objects.order_by("pk"):
            self.add(partner)
        for former in FormerName.objects.select_related("partner").order_by("pk"):
            self.former_names.setdefault(fold(former.name), {})[former.partner.pk] = former.partner

    def add(self, partner):
        self.names.setdefault(fold(partner.name), {})[partner.pk] = partner
        self.slugs[partner.slug] = partner

    def find(self, name):
        """The partner `name` names, None when none does; RowError when several do."""
        for index in (self.names, self.former_names):
            found = list(index.get(fold(name), {}).values())
            if len(found) > 1:
                raise RowError(
                    [
                        _(
                            "the organisation “%(name)s” may be any of several partners "
                            "(%(slugs)s): write its slug instead."
                        )
                        % {"name": name, "slugs": ", ".join(p.slug for p in found)}
                    ]
                )
            if found:
                return found[0]
        return self.slugs.get(name.strip().casefold())


def new_organisation(name):
    """A partner not shown on the website, as the public form makes one."""
    return Partner(
        name=name,
        kind=Partner.Kind.COMPANY,
        membership=Partner.Membership.NONE,
        summary_da="",
        is_public=False,
    )


def validation_reasons(error):
    reasons = []
    for field, messages in error.message_dict.items():
        for message in messages:
            if field == NON_FIELD_ERRORS:
                reasons.append(message)
            else:
                reasons.append(f"{FIELD_COLUMNS.get(field, field)}: {message}")
    return reasons


def fill(listing, row, organisation):
    """Set on `listing` what `row` says."""
    listing.kind = row.kind
    listing.organisation = organisation
    listing.language = row.language
    setattr(listing, f"title_{row.language}", row.title)
    setattr(listing, f"description_{row.language}", row.description)
    listing.category = row.category
    listing.ewc_code = row.ewc_code
    listing.nace_code = row.nace_code
    listing.quantity = row.quantity
    listing.unit = row.unit
    listing.per = row.per
    latitude, longitude = row.latitude, row.longitude
    if latitude is None and None not in (organisation.latitude, organisation.longitude):
        latitude = to_places(organisation.latitude)
        longitude = to_places(organisation.longitude)
    listing.latitude, listing.longitude = latitude, longitude
    if latitude is not None:  # else the place the secretariat may have written stays
        listing.place = municipality_at(latitude, longitude)


def municipality_at(latitude, longitude):
    return codes.nearest_municipality(float(latitude), float(longitude)).name


def import_row(row, organisations, *, review):
    """Save `row` as a listing (and its organisation, when new). Returns (created, the
    new organisation or None); RowError when the row is refused."""
    listing = Listing.objects.select_for_update().filter(key=row.key).first()
    created = listing is None
    if created:
        listing = Listing(key=row.key)
        if review:
            listing.status = Status.REVIEW
        else:
            listing.status = Status.PUBLISHED
            listing.published_at = timezone.now()
    elif listing.kind != row.kind:
        raise RowError(
            [
                _("the listing “%(key)s” is of the kind %(kind)s; a row cannot change it.")
                % {"key": row.key, "kind": listing.kind}
            ]
        )
    organisation = organisations.find(row.organisation)
    new = organisation is None
    if new:
        organisation = new_organisation(row.organisation)
    fill(listing, row, organisation)
    try:
        # A new organisation is saved only once its listing is found good.
        listing.full_clean(exclude=["organisation"] if new else None)
    except ValidationError as error:
        raise RowError(validation_reasons(error)) from None
    if new:
        organisation.slug = unique_partner_slug(organisation.name)
        organisation.save()
        listing.organisation = organisation
    listing.save()
    if not created and not review and listing.status in (Status.DRAFT, Status.REVIEW):
        workflow.publish(listing)
    return created, organisation if new else None


# --- The command ---------------------------------------------------------------------------


class Command(BaseCommand):
    help = (
        "Import offers and wants from a UTF-8 CSV file (columns key, kind, organisation, "
        "title, and optionally description, language, category, ewc_code, nace_code, "
        "quantity, unit, per, latitude, longitude). A key imported before updates its "
        "listing. A file with a bad row imports nothing, unless --skip-bad."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="The CSV file (UTF-8, at most 20 MB).")
        parser.add_argument(
            "--review",
            action="store_true",
            help="New listings await the secretariat's review instead of being published.",
        )
        parser.add_argument(
            "--skip-bad",
            action="store_true",
            help="Import the good rows and report the bad ones, instead of importing nothing.",
        )
        parser.add_argument(
            "--language",
            choices=LANGUAGES,
            default="en",
            help="The language of the reports (default en).",
        )

    def handle(self, *, path, review, skip_bad, language, **options):
        with translation.override(language):
            self.import_file(path, review=review, skip_bad=skip_bad)

    def import_file(self, path, *, review, skip_bad):
        try:
            table = read_table(path)
        except ImportFileError as error:
            raise CommandError(str(error)) from None
        rows, bad = [], []
        for record in table.rows:
            try:
                rows.append(parse_row(record, table))
            except RowError as error:
                bad += [BadRow(record.number, reason) for reason in error.reasons]
        duplicates = duplicate_keys(rows)
        shared = {d.number for d in duplicates}
        bad += duplicates
        rows = [row for row in rows if row.number not in shared]

        created = updated = 0
        organisations_made = []
        with transaction.atomic():
            organisations = Organisations()
            for row in rows:
                try:
                    with transaction.atomic():
                        is_new, organisation = import_row(row, organisations, review=review)
                except RowError as error:
                    bad += [BadRow(row.number, reason) for reason in error.reasons]
                    continue
                except (IntegrityError, DataError) as error:
                    bad.append(BadRow(row.number, str(error)))
                    continue
                if organisation is not None:
                    organisations.add(organisation)
                    organisations_made.append(organisation)
                created += is_new
                updated += not is_new
            bad.sort(key=lambda b: b.number)
            self.report(bad)
            if bad and not skip_bad:
                raise CommandError(
                    ngettext(
                        "%(count)d bad row: nothing was imported (--skip-bad imports the "
                        "good rows).",
                        "%(count)d bad rows: nothing was imported (--skip-bad imports the "
                        "good rows).",
                        len({b.number for b in bad}),
                    )
                    % {"count": len({b.number for b in bad})}
                )
        for organisation in organisations_made:
            self.stdout.write(
                _("New organisation, not shown on the website: %(name)s (%(slug)s)")
                % {"name": organisation.name, "slug": organisation.slug}
            )
        self.stdout.write(
            ngettext(
                "%(count)d listing imported: %(new)d new, %(updated)d updated",
                "%(count)d listings imported: %(new)d new, %(updated)d updated",
                created + updated,
            )
            % {"count": created + updated, "new": created, "updated": updated}
        )

    def report(self, bad):
        for row in bad:
            self.stderr.write(
                _("row %(row)d: %(reason)s") % {"row": row.number, "reason": row.reason}
            )
        if bad:
            skipped = len({b.number for b in bad})
            self.stderr.write(
                ngettext("%(count)d row not imported.", "%(count)d rows not imported.", skipped)
                % {"count": skipped}
            )
