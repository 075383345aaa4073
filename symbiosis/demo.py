"""Helpers for building demo content through the models, idempotently.

Each app's demo module declares its records as frozen dataclasses beside the data and
reads them with one loader; what more than one loader needs lives here.
"""

import dataclasses
import io
import textwrap
from pathlib import Path

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw, ImageFont

# DejaVu Sans Bold (free licence, see demo_assets/DejaVu-LICENSE.txt): it has Æ, Ø and Å.
FONT = Path(__file__).parent / "demo_assets" / "DejaVuSans-Bold.ttf"


def upsert(model, lookup, **fields):
    """Create or update one row; save only when something differs.

    Returns (obj, changed). Running the demo twice leaves every row, and its
    `updated` timestamp, as it was.
    """
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup, **fields)
        obj.full_clean()
        obj.save()
        return obj, True
    changed = [name for name, value in fields.items() if getattr(obj, name) != value]
    if changed:
        for name in changed:
            setattr(obj, name, fields[name])
        obj.full_clean()
        obj.save()
    return obj, bool(changed)


def record_fields(record, *, exclude=()):
    """A demo record's fields as keyword arguments for `upsert` (nested records excluded)."""
    return {
        field.name: getattr(record, field.name)
        for field in dataclasses.fields(record)
        if field.name not in exclude
    }


def upsert_record(model, record, lookup=None, *, exclude=(), **fields):
    """`upsert` one demo record: `lookup` (by default its slug) finds the row; the record's
    other fields, but `exclude`, are written, with `fields` added or put in their place."""
    lookup = {"slug": record.slug} if lookup is None else lookup
    values = record_fields(record, exclude={*lookup, *exclude, *fields})
    return upsert(model, lookup, **values, **fields)


def set_links(manager, wanted):
    """Make a many-to-many relation hold exactly `wanted`; True if it changed."""
    if {obj.pk for obj in manager.all()} == {obj.pk for obj in wanted}:
        return False
    manager.set(wanted)
    return True


def logo_png(name, colour, size=(320, 160)):
    """A plain logo tile: the name in white on a coloured ground. Deterministic bytes."""
    image = Image.new("RGB", size, colour)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONT, size=30)
    lines = textwrap.wrap(name, width=14)[:3]
    line_height = 40
    top = (size[1] - line_height * len(lines)) // 2
    for index, line in enumerate(lines):
        width = draw.textlength(line, font=font)
        draw.text(((size[0] - width) / 2, top + index * line_height), line, fill="white", font=font)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def attach_image(obj, field, filename, content):
    """Store `content` in `obj.<field>` unless that exact file is already there."""
    file = getattr(obj, field)
    if file and file.storage.exists(file.name):
        with file.open("rb") as current:
            if current.read() == content:
                return False
        file.delete(save=False)
    file.save(filename, ContentFile(content), save=True)
    return True
