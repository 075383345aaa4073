"""The side-stream exchange's reference lists: waste codes, industries and Danish places.

A listing names what it offers or wants by its code in the European List of Waste (EWC),
the company by its industry (NACE Rev. 2, the European base of Danmarks Statistik's DB07),
and where it is by a Danish place. The lists are data kept in the repository
(`listings/data/*.csv`, sources in `listings/data/README.md`), read once per process: they
change by law or by a new classification, not at run time, so no table and no migration.

Everything here is pure: plain values in, frozen dataclasses out, no database.
"""

import csv
import math
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.utils.translation import gettext

DATA = Path(__file__).resolve().parent / "data"

EARTH_RADIUS_KM = 6371.0


class CodeError(ValueError):
    """A code or place a visitor typed that is not on the list, in words fit to show them.

    The message is translated when raised, so it reads in the visitor's language.
    """


def _in_english(language: str) -> bool:
    # Danish is the site's first language and the fallback for anything not English.
    return (language or "").lower().startswith("en")


@dataclass(frozen=True)
class Heading:
    """A chapter or sub-chapter of the waste list, or a section of NACE."""

    code: str
    title_da: str
    title_en: str

    def title(self, language: str) -> str:
        return self.title_en if _in_english(language) else self.title_da


@dataclass(frozen=True)
class WasteCode:
    """An entry of the European List of Waste: the six digits a listing is filed under."""

    code: str  # six digits, no spaces: "100105"
    title_da: str
    title_en: str
    hazardous: bool

    @property
    def chapter(self) -> str:
        return self.code[:2]

    @property
    def subchapter(self) -> str:
        return self.code[:4]

    @property
    def display(self) -> str:
        """The code as the list prints it: pairs of digits, an asterisk when hazardous."""
        spaced = f"{self.code[:2]} {self.code[2:4]} {self.code[4:]}"
        return spaced + "*" if self.hazardous else spaced

    def title(self, language: str) -> str:
        return self.title_en if _in_english(language) else self.title_da


@dataclass(frozen=True)
class Industry:
    """A NACE Rev. 2 section, division, group or class ("C", "23", "23.5", "23.51")."""

    code: str
    section: str
    level: str  # "section", "division", "group" or "class"
    title_da: str
    title_en: str

    @property
    def division(self) -> str:
        """The two digits of the division; empty for a section."""
        return "" if self.level == "section" else self.code[:2]

    def title(self, language: str) -> str:
        return self.title_en if _in_english(language) else self.title_da


@dataclass(frozen=True)
class Place:
    """A Danish municipality (at its main town) or a town, for location and distance."""

    name: str  # Danish, as written locally: "Holbæk"
    municipality: str
    kind: str  # "municipality" or "town"
    latitude: float
    longitude: float
    name_en: str = ""  # only where English differs: "Copenhagen"

    def title(self, language: str) -> str:
        return self.name_en if _in_english(language) and self.name_en else self.name


def _rows(filename: str) -> list[dict[str, str]]:
    with (DATA / filename).open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


# --- The European List of Waste ------------------------------------------------------------


@dataclass(frozen=True)
class _WasteList:
    """The list read from ewc.csv, each level by its code, in the list's order."""

    chapters: dict[str, Heading]
    subchapters: dict[str, Heading]
    entries: dict[str, WasteCode]


@cache
def _ewc() -> _WasteList:
    chapters: dict[str, Heading] = {}
    subchapters: dict[str, Heading] = {}
    entries: dict[str, WasteCode] = {}
    for row in _rows("ewc.csv"):
        code, level = row["code"], row["level"]
        if level == "entry":
            entries[code] = WasteCode(
                code=code,
                title_da=row["title_da"],
                title_en=row["title_en"],
                hazardous=row["hazardous"] == "yes",
            )
        else:
            heading = Heading(code=code, title_da=row["title_da"], title_en=row["title_en"])
            (chapters if level == "chapter" else subchapters)[code] = heading
    return _WasteList(chapters=chapters, subchapters=subchapters, entries=entries)


def normalise_ewc(text: str) -> str:
    """The six digits of a waste entry from what a person typed ("10 01 05*" → "100105").

    The list prints codes as pairs of digits ("10 01 05"); people also type them run
    together, with dots or dashes between the pairs, or copied with the hazardous asterisk.
    The asterisk is dropped, not checked: whether an entry is hazardous is the list's to
    say, and `ewc_entry(...).hazardous` says it. A chapter or sub-chapter is refused, since
    a listing is filed under one entry.
    """
    typed = (text or "").strip()
    pairs = re.fullmatch(r"(\d\d)(?:[\s.-]*(\d\d))?(?:[\s.-]*(\d\d))?\s*\*?", typed)
    if pairs is None:
        raise CodeError(
            gettext("“%(code)s” is not a waste code: it has six digits, like 10 01 05.")
            % {"code": typed}
        )
    digits = "".join(pair for pair in pairs.groups() if pair)
    spaced = " ".join(pair for pair in pairs.groups() if pair)
    waste_list = _ewc()
    if digits in waste_list.entries:
        return digits
    if digits in waste_list.chapters or digits in waste_list.subchapters:
        raise CodeError(
            gettext(
                "%(code)s is a heading of the List of Waste: choose one of the six-digit "
                "entries under it."
            )
            % {"code": spaced}
        )
    raise CodeError(gettext("%(code)s is not in the European List of Waste.") % {"code": spaced})


def ewc_entry(code: str) -> WasteCode:
    """The entry for a code in any form `normalise_ewc` accepts."""
    return _ewc().entries[normalise_ewc(code)]


def ewc_entries() -> list[WasteCode]:
    """Every six-digit entry, in the list's order."""
    return list(_ewc().entries.values())


def ewc_chapter(chapter: str) -> Heading:
    """One of the 20 chapters, by its two digits."""
    try:
        return _ewc().chapters[(chapter or "").strip()]
    except KeyError:
        raise CodeError(
            gettext("%(code)s is not a chapter of the List of Waste.") % {"code": chapter}
        ) from None


def ewc_subchapter(subchapter: str) -> Heading:
    """A sub-chapter, by its four digits ("1001" or "10 01")."""
    code = re.sub(r"\s+", "", subchapter or "")
    try:
        return _ewc().subchapters[code]
    except KeyError:
        raise CodeError(
            gettext("%(code)s is not a sub-chapter of the List of Waste.") % {"code": subchapter}
        ) from None


def ewc_chapters() -> list[Heading]:
    """The 20 chapters in order."""
    return list(_ewc().chapters.values())


def ewc_choices(language: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """The entries for a form's select, grouped by chapter (Django's optgroups).

    Each option's value is the six digits; its label the code as printed and the title.
    """
    chapters = _ewc().chapters
    grouped: dict[str, list[tuple[str, str]]] = {code: [] for code in chapters}
    for entry in ewc_entries():
        grouped[entry.chapter].append((entry.code, f"{entry.display} {entry.title(language)}"))
    return [
        (f"{code} {chapters[code].title(language)}", options)
        for code, options in grouped.items()
        if options
    ]


# --- NACE Rev. 2 ---------------------------------------------------------------------------


@cache
def _nace() -> dict[str, Industry]:
    return {
        row["code"]: Industry(
            code=row["code"],
            section=row["section"],
            level=row["level"],
            title_da=row["title_da"],
            title_en=row["title_en"],
        )
        for row in _rows("nace.csv")
    }


def normalise_nace(text: str) -> str:
    """The canonical NACE code ("23.51", "23.5", "23", "C") from what a person typed.

    Accepts the forms in use: with or without the section letter ("C23.5.1", "C 23.51"),
    with or without dots ("2351"), and a Danish DB07 code of six digits ("235100", as the
    CVR register shows a company's industry), which is read as its NACE class: DB07 only
    adds two digits below the class. A section letter that does not match the code is
    refused rather than ignored, since one of the two is wrong.
    """
    typed = (text or "").strip()
    compact = re.sub(r"[\s.]+", "", typed).upper()
    match = re.fullmatch(r"([A-U]?)(\d{2,4}|\d{6})?", compact)
    if not compact or match is None:
        raise CodeError(
            gettext("“%(code)s” is not an industry code: it looks like 23.51 (NACE).")
            % {"code": typed}
        )
    letter, digits = match.groups()
    if digits:
        digits = digits[:4]
        code = digits[:2] + (f".{digits[2:]}" if len(digits) > 2 else "")
    else:
        code = letter
    industry = _nace().get(code)
    if industry is None or (letter and industry.section != letter):
        raise CodeError(gettext("“%(code)s” is not in NACE Rev. 2.") % {"code": typed})
    return code


def nace_entry(code: str) -> Industry:
    """The section, division, group or class for a code in any form `normalise_nace` takes."""
    return _nace()[normalise_nace(code)]


def nace_section(letter: str) -> Heading:
    """One of the 21 sections, A to U."""
    industry = _nace().get((letter or "").strip().upper())
    if industry is None or industry.level != "section":
        raise CodeError(gettext("%(code)s is not a section of NACE Rev. 2.") % {"code": letter})
    return Heading(code=industry.code, title_da=industry.title_da, title_en=industry.title_en)


def nace_sections() -> list[Heading]:
    """The 21 sections in order."""
    return [nace_section(i.code) for i in _nace().values() if i.level == "section"]


def nace_entries(level: str = "class") -> list[Industry]:
    """Every industry of one level ("section", "division", "group", "class") in order."""
    return [industry for industry in _nace().values() if industry.level == level]


def nace_choices(language: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """The classes for a form's select, grouped by section (Django's optgroups)."""
    grouped: dict[str, list[tuple[str, str]]] = {}
    for industry in _nace().values():
        if industry.level == "class":
            label = f"{industry.code} {industry.title(language)}"
            grouped.setdefault(industry.section, []).append((industry.code, label))
    return [
        (f"{letter} {nace_section(letter).title(language)}", options)
        for letter, options in grouped.items()
    ]


# --- Places --------------------------------------------------------------------------------


def _fold(name: str) -> tuple[str, ...]:
    """The spellings a Danish name may be typed in, lower-cased without accents.

    "Holbæk" → ("holbaek", "holbak"): æ, ø and å are written ae, oe and aa on a keyboard
    without them (as in "Aabenraa"), or dropped to a, o and a by software that strips
    accents. Both forms find the place, and "aa" matches "å" whichever was stored.
    """
    lowered = re.sub(r"[\s\-]+", " ", name.strip().casefold())
    lowered = re.sub(r" (kommune|municipality)$", "", lowered)
    transliterated = lowered.replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    stripped = lowered.replace("æ", "ae").replace("ø", "o").replace("å", "a")

    def plain(text: str) -> str:
        decomposed = unicodedata.normalize("NFKD", text)
        return "".join(c for c in decomposed if not unicodedata.combining(c))

    return tuple(dict.fromkeys((plain(transliterated), plain(stripped))))


@cache
def _places() -> tuple[Place, ...]:
    return tuple(
        Place(
            name=row["name"],
            municipality=row["municipality"],
            kind=row["kind"],
            latitude=float(row["latitude"]),
            longitude=float(row["longitude"]),
            name_en=row.get("name_en") or "",
        )
        for row in _rows("places.csv")
    )


@cache
def _place_index() -> dict[str, Place]:
    # Towns first: "Kalundborg" means the town; its municipality is found by `municipality`.
    index: dict[str, Place] = {}
    for kind in ("town", "municipality"):
        for one in _places():
            if one.kind == kind:
                for name in (one.name, one.name_en):
                    for key in _fold(name) if name else ():
                        index.setdefault(key, one)
    return index


def place(name: str) -> Place:
    """A town or municipality by name, whatever the case, accents or "aa" for "å"."""
    for key in _fold(name or ""):
        if key in _place_index():
            return _place_index()[key]
    raise CodeError(gettext("“%(name)s” is not a Danish town we know.") % {"name": name})


def municipality(name: str) -> Place:
    """A municipality by name ("Holbæk", "holbaek kommune", "Copenhagen")."""
    keys = set(_fold(name or ""))
    for one in municipalities():
        if keys & {*_fold(one.name), *(_fold(one.name_en) if one.name_en else ())}:
            return one
    raise CodeError(gettext("“%(name)s” is not a Danish municipality.") % {"name": name})


def places() -> list[Place]:
    """Every place: the municipalities, then the towns, as in the file."""
    return list(_places())


def municipalities() -> list[Place]:
    """The 98 municipalities, each at its main town."""
    return [one for one in _places() if one.kind == "municipality"]


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """The great-circle distance in km (haversine, a sphere of radius 6371 km).

    As the crow flies: within Denmark it is under the road distance, often by a third
    across water (Kalundborg–Aarhus), which is why a listing shows it as "about".
    """
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    d_phi = phi2 - phi1
    d_lambda = math.radians(lon2 - lon1)
    a = math.sin(d_phi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(d_lambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


def nearest_municipality(latitude: float, longitude: float) -> Place:
    """The municipality whose main town is nearest to a point.

    An approximation of "the municipality the point lies in", without borders: near a
    border the neighbour's town can be closer. Good enough to suggest a listing's place.
    """
    return min(
        municipalities(),
        key=lambda one: (distance_km(latitude, longitude, one.latitude, one.longitude), one.name),
    )
