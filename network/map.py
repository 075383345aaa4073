"""A small map of Denmark drawn on the server as SVG: no tiles, no scripts.

The coastlines are hand-simplified polygons from approximate coordinates of
well-known points (Skagen, Blåvandshuk, Gedser…): recognisable, not precise.
The projection is equirectangular with longitudes scaled by cos(56°), which keeps
Denmark's proportions. The map shows Denmark west of the Sound, wide enough to be read
on a phone; it widens to take in Bornholm (as far as the box a position is validated
against, see network.models) only when a symbiosis lies out there.
"""

import math
import textwrap
from dataclasses import dataclass

from network.models import EAST, NORTH, SOUTH, WEST

SCALE = 200  # SVG units per degree of latitude
X_SCALE = SCALE * math.cos(math.radians(56))
MAINLAND_EAST = 12.8  # Copenhagen and Amager; Bornholm lies far beyond
HEIGHT = round((NORTH - SOUTH) * SCALE)

DOT_RADIUS = 9
FONT = 22  # SVG units; the map is laid out for this size (about 12 px on a phone)
LINE = 1.15 * FONT
CHAR = 0.56 * FONT  # a generous average width for a sans-serif letter
WRAP = 18  # characters per label line
GAP = 6  # between a dot and its label

# (lon, lat) outlines, clockwise. Jutland ends at the German border.
COASTS = {
    "Jylland": [
        (8.66, 54.91), (8.60, 55.10), (8.66, 55.30), (8.45, 55.45), (8.08, 55.56),
        (8.13, 55.80), (8.12, 56.10), (8.13, 56.45), (8.21, 56.70), (8.25, 56.85),
        (8.49, 57.04), (8.62, 57.12), (9.10, 57.14), (9.58, 57.25), (9.71, 57.37),
        (9.96, 57.59), (10.45, 57.70), (10.65, 57.75), (10.54, 57.44), (10.53, 57.30),
        (10.40, 57.15), (10.32, 57.00), (10.30, 56.75), (10.35, 56.55), (10.75, 56.55),
        (10.96, 56.44), (10.90, 56.30), (10.68, 56.20), (10.50, 56.10), (10.22, 56.14),
        (10.20, 56.00), (10.05, 55.85), (10.02, 55.71), (9.75, 55.56), (9.50, 55.49),
        (9.62, 55.35), (9.55, 55.25), (9.45, 55.05), (9.65, 55.05), (10.02, 55.00),
        (9.80, 54.88), (9.42, 54.83),
    ],
    "Fyn": [
        (9.72, 55.50), (10.10, 55.60), (10.45, 55.55), (10.62, 55.62), (10.68, 55.45),
        (10.80, 55.30), (10.70, 55.10), (10.60, 55.05), (10.24, 55.08), (9.95, 55.20),
        (9.90, 55.27),
    ],
    "Langeland": [(10.72, 55.12), (10.80, 55.12), (10.96, 54.75), (10.88, 54.72), (10.72, 55.00)],
    "Samsø": [(10.55, 55.98), (10.66, 55.95), (10.64, 55.80), (10.55, 55.83)],
    "Læsø": [(10.85, 57.28), (11.20, 57.32), (11.15, 57.22), (10.90, 57.22)],
    "Sjælland": [
        (12.62, 56.04), (12.31, 56.12), (12.00, 56.05), (11.87, 55.97), (11.85, 55.80),
        (11.70, 55.72), (11.68, 55.90), (11.50, 55.97), (11.18, 55.98), (11.40, 55.88),
        (11.35, 55.76), (11.15, 55.73), (10.87, 55.74), (11.05, 55.70), (11.00, 55.65),
        (11.15, 55.55), (11.10, 55.40), (11.14, 55.33), (11.29, 55.20), (11.65, 55.17),
        (11.75, 55.05), (11.90, 55.00), (12.10, 55.10), (12.30, 55.20), (12.45, 55.30),
        (12.20, 55.45), (12.40, 55.60), (12.65, 55.60), (12.60, 55.75), (12.59, 55.90),
    ],
    "Møn": [(12.20, 55.05), (12.55, 55.02), (12.45, 54.95), (12.20, 54.95)],
    "Lolland": [
        (10.98, 54.78), (11.10, 54.93), (11.35, 54.95), (11.60, 54.88), (11.85, 54.78),
        (11.70, 54.65), (11.45, 54.63), (11.20, 54.68),
    ],
    "Falster": [(11.88, 54.95), (12.10, 54.93), (12.18, 54.82), (11.98, 54.57), (11.88, 54.68)],
    "Bornholm": [
        (14.77, 55.29), (14.95, 55.25), (15.15, 55.13), (15.08, 54.99), (14.82, 55.02),
        (14.69, 55.10),
    ],
}  # fmt: skip


def project(lon, lat):
    """SVG (x, y) of a longitude and latitude: x grows east, y grows south."""
    return (float(lon) - WEST) * X_SCALE, (NORTH - float(lat)) * SCALE


def _points(outline):
    return " ".join(f"{x:.1f},{y:.1f}" for x, y in (project(lon, lat) for lon, lat in outline))


LAND = [(name, _points(outline)) for name, outline in COASTS.items()]
# Bornholm's outline starts east of this longitude: drawn only on a map that wide.
BORNHOLM_WEST = min(lon for lon, _lat in COASTS["Bornholm"])


@dataclass
class Dot:
    symbiosis: object
    x: float
    y: float
    lines: list
    label_x: float = 0
    label_y: float = 0  # baseline of the first line
    anchor: str = "start"


def _overlaps(a, b):
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _label_box(x, y, lines, place, shift):
    """The box of a label at `place` (right, left, below, above) of a dot at (x, y)."""
    width = max(len(line) for line in lines) * CHAR
    height = len(lines) * LINE
    if place in ("right", "left"):
        top = y - height / 2 + shift
        left = x + GAP + DOT_RADIUS if place == "right" else x - GAP - DOT_RADIUS - width
    else:
        top = y + DOT_RADIUS + 2 if place == "below" else y - DOT_RADIUS - 2 - height
        left = x - width / 2 + shift
    return (left, top, left + width, top + height)


def _candidates(preferred):
    """(cost, place, shift) for a label, nearest to its dot first."""
    other = "left" if preferred == "right" else "right"
    found = []
    for half_lines in range(0, 9):
        for sign in (1, -1) if half_lines else (1,):
            shift = sign * half_lines * LINE / 2
            found.append((half_lines, preferred, shift))
            found.append((half_lines + 0.5, other, shift))
    for shift in (0, LINE, -LINE):
        found.append((2.5 + abs(shift) / LINE, "below", shift))
        found.append((2.75 + abs(shift) / LINE, "above", shift))
    return sorted(found, key=lambda c: c[0])


def _fits(box, taken, width):
    on_map = box[0] >= 0 and box[1] >= 0 and box[2] <= width and box[3] <= HEIGHT
    return on_map and not any(_overlaps(box, other) for other in taken)


def _place_labels(dots, order, width):
    """Greedy: each label in `order` takes its cheapest free place. (total cost, places)"""
    taken = [(d.x - DOT_RADIUS, d.y - DOT_RADIUS, d.x + DOT_RADIUS, d.y + DOT_RADIUS) for d in dots]
    places = {}
    total = 0
    for index in order:
        dot = dots[index]
        candidates = _candidates("right" if dot.x < width * 0.45 else "left")
        boxes = (
            (cost, place, _label_box(dot.x, dot.y, dot.lines, place, shift))
            for cost, place, shift in candidates
        )
        chosen = next((c for c in boxes if _fits(c[2], taken, width)), None)
        if chosen is None:  # a crowded corner: beside the dot, overlapping if it must
            place = candidates[0][1]
            chosen = (100, place, _label_box(dot.x, dot.y, dot.lines, place, 0))
        cost, place, box = chosen
        # Boxes include the line spacing: a sliver of overlap is no clash.
        taken.append((box[0] + 2, box[1] + 2, box[2] - 2, box[3] - 2))
        places[index] = (place, box)
        total += cost
    return total, places


def map_width(symbioses):
    """The map's width: the mainland, or as far east as the easternmost symbiosis."""
    east = max([MAINLAND_EAST, *(float(s.longitude) + 0.3 for s in symbioses)])
    return round((min(east, EAST) - WEST) * X_SCALE)


def lay_out(symbioses, width):
    """Dots and labels for the map, in the order given; deterministic.

    Two symbioses in the same town would hide each other: a dot that lands on an
    earlier one moves a little along a ring around it. Each label goes beside its
    dot (or below or above it) at the nearest place where it covers no other label
    or dot and stays on the map; of a few orders of placing them, the one whose
    labels sit nearest their dots wins.
    """
    dots = []
    for symbiosis in symbioses:
        base = project(symbiosis.longitude, symbiosis.latitude)
        x, y = base
        for step in range(12):
            if all(math.hypot(x - d.x, y - d.y) >= 2 * DOT_RADIUS + 4 for d in dots):
                break
            angle = math.pi / 2 + step * math.pi / 3  # below first, then around
            ring = (2 * DOT_RADIUS + 6) * (1 + step // 6)
            x, y = base[0] + ring * math.cos(angle), base[1] + ring * math.sin(angle)
        lines = textwrap.wrap(symbiosis.name, WRAP) or [symbiosis.name]
        dots.append(Dot(symbiosis, x, y, lines))

    def crowd(i):
        return -sum(math.hypot(dots[i].x - d.x, dots[i].y - d.y) < 150 for d in dots)

    given = list(range(len(dots)))
    orders = [given, sorted(given, key=crowd), sorted(given, key=lambda i: dots[i].y)]
    _total, places = min(
        (_place_labels(dots, order, width) for order in orders), key=lambda r: r[0]
    )
    for index, dot in enumerate(dots):
        place, box = places[index]
        dot.anchor = {"right": "start", "left": "end"}.get(place, "middle")
        dot.label_x = {"right": box[0], "left": box[2]}.get(place, (box[0] + box[2]) / 2)
        dot.label_y = box[1] + 0.8 * FONT
    return dots


def network_map(symbioses):
    """What the template needs to draw the map of `symbioses`."""
    width = map_width(symbioses)
    shown_east = WEST + width / X_SCALE
    return {
        "width": width,
        "height": HEIGHT,
        "land": [
            (name, points)
            for name, points in LAND
            if name != "Bornholm" or shown_east > BORNHOLM_WEST
        ],
        "dots": lay_out(symbioses, width),
        "line_height": LINE,
        "font_size": FONT,
        "dot_radius": DOT_RADIUS,
    }
