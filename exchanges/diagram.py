"""The symbiosis diagram: partners as nodes, flows as arrows, drawn on the server as SVG.

One query fetches the shown flows with their partners and resources. `lay_out`
places the partners: where the secretariat pinned them in the admin
(`diagram_x`/`diagram_y`), the busiest partner in the middle, the rest on a ring
ordered so that fewer lines cross, made wide enough that no two labels overlap.
`bends` and `curve` turn flows into curves; flows between the same two
partners bend to either side, so both directions of a two-way pair read clearly. Everything is
deterministic (the same data gives the same bytes) and close to O(n log n) for
large symbioses; the slower crossing counts run only for small diagrams.
"""

import itertools
import math
from collections import deque
from dataclasses import dataclass, field
from html import escape
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from exchanges.filters import FIRST_YEAR, FlowFilterForm, apply_flow_filters, this_year
from exchanges.models import Category, Flow, Resource
from symbiosis.templatetags.bilingual import fallback_note, lang_attr

# Sizes in SVG user units. Labels are laid out for LABEL_FONT (the size phones
# get, see diagram.css), so the smaller desktop size cannot overlap either.
NODE_RADIUS = 11
LABEL_FONT = 24
LINE_HEIGHT = 1.2 * LABEL_FONT
CHAR_WIDTH = 0.6 * LABEL_FONT  # a generous average for a sans-serif
LABEL_GAP = 8
WRAP = 13  # characters per label line
MIN_RADIUS = 170
MARGIN = 12
PARALLEL_GAP = 20  # between the middles of two flows joining the same partners
CLEARANCE = NODE_RADIUS + 14  # an edge keeps this far from nodes it does not join
ARROW_LENGTH = 12  # user units; the marker's tip is its reference point
# Counting crossings is quadratic in the lines: small diagrams get it, within a
# fixed amount of work (pairs of lines compared), so the time stays bounded and
# the result deterministic.
MAX_PAIRS_TO_COUNT = 40
CROSSING_BUDGET = 250_000
MAX_LABELS_TO_CHECK = 80
BARYCENTRE_ROUNDS = 6

# Colour (site.css's --energy, --water, --material: all over 4.5:1 on white)
# and a line pattern per category, so the category never rests on colour alone.
CATEGORY_STYLE = {
    Category.ENERGY: {"colour": "#b13c0a", "dash": "", "cap": "butt"},
    Category.WATER: {"colour": "#1d5fa8", "dash": "10 6", "cap": "butt"},
    Category.MATERIAL: {"colour": "#75560f", "dash": "1 7", "cap": "round"},
}

MILESTONES = [1961, 1975, 1995]

# Weight, for large symbioses (thousands of flows): the page is served whole from the
# page cache, so its size sets how many visitors a second it can serve.
# The table twin lists this many flows in full; beyond that, the first ones and a
# link to the flow list with the same filters (which pages through all of them).
TABLE_LIMIT = 200
# Up to this many flows each line gets a wide invisible twin that is easy to point
# at; beyond that diagram.js adds them, rather than every page carrying them twice.
HIT_AREA_LIMIT = 200
# Beyond TABLE_LIMIT flows the table lists the first TABLE_PAGE, as many as a page of
# the flow list it links to.
TABLE_PAGE = 50
# Drawings wider or taller than this many units are shown at under half a pixel per
# unit (the frame is at most 56rem wide): whole numbers are precise enough there.
WHOLE_NUMBERS_FROM = 2000
# The front page draws at most this many partners (the best linked) and their flows.
HOME_PARTNER_LIMIT = 30


@dataclass(slots=True)
class Node:
    key: int
    name: str
    url: str = ""
    pin: tuple[int, int] | None = None  # the secretariat's position, 0–1000 each way
    is_hub: bool = False
    x: float = 0.0
    y: float = 0.0
    lines: list[str] = field(default_factory=list)
    anchor: str = "middle"
    label_x: float = 0.0
    label_y: float = 0.0  # first baseline


# Laying out ------------------------------------------------------------------


def lay_out(nodes, pairs):
    """Give every node a position and a label place; return (width, height).

    `nodes` come in a stable order (e.g. by name); `pairs` are the linked node
    indices (i, j) with i < j. Pinned nodes keep their place, scaled into the
    square the ring sits in; the other nodes go on the ring around them.
    """
    if not nodes:
        return 0, 0
    neighbours = [set() for _node in nodes]
    for i, j in pairs:
        neighbours[i].add(j)
        neighbours[j].add(i)
    for node in nodes:
        node.lines = _wrap(node.name)

    pinned = [i for i, node in enumerate(nodes) if node.pin is not None]
    free = [i for i, node in enumerate(nodes) if node.pin is None]
    hub = _hub(free, neighbours, [nodes[i].pin for i in pinned])
    ring = [i for i in free if i != hub]
    for i, node in enumerate(nodes):
        node.is_hub = i == hub

    angles = _ring_places(len(ring), [nodes[i].pin for i in pinned])
    anchors = {
        i: math.atan2(nodes[i].pin[1] - 500, nodes[i].pin[0] - 500)
        for i in pinned
        if math.hypot(nodes[i].pin[0] - 500, nodes[i].pin[1] - 500) > 150
    }
    order = _ring_order(ring, neighbours, anchors, angles, hub, pairs)

    radius = max(MIN_RADIUS, len(ring) * 2.2 * LINE_HEIGHT / (2 * math.pi))
    for _attempt in range(14):
        _place(nodes, order, angles, pinned, hub, radius, neighbours)
        if len(nodes) > MAX_LABELS_TO_CHECK or not _labels_collide(nodes):
            break
        radius *= 1.12
    return _fit(nodes)


def _hub(free, neighbours, pins):
    """The partner linked to clearly more partners than any other goes in the middle."""
    if len(free) < 5 or any(abs(x - 500) < 200 and abs(y - 500) < 200 for x, y in pins):
        return None
    ranked = sorted(free, key=lambda i: (-len(neighbours[i]), i))
    first, second = ranked[0], ranked[1]
    if len(neighbours[first]) >= 3 and len(neighbours[first]) > len(neighbours[second]):
        return first
    return None


def _ring_places(count, pins):
    """The angles of the ring's `count` places, evenly spaced from the top.

    Partners pinned on or near the ring take places of their own, so the ring
    spaces everybody evenly around them rather than running into them.
    """
    if count == 0:
        return []
    near = sorted(
        math.atan2(y - 500, x - 500) for x, y in pins if 350 < math.hypot(x - 500, y - 500) < 650
    )
    if not near or len(near) * count > 50_000:  # nobody there, or too many to weigh
        start = math.pi if count == 2 else -math.pi / 2
        return [start + 2 * math.pi * k / count for k in range(count)]
    total = count + len(near)
    places = [near[0] + 2 * math.pi * k / total for k in range(total)]
    taken = set()
    for angle in near:
        nearest = min(
            (k for k in range(total) if k not in taken),
            key=lambda k: (abs(math.remainder(places[k] - angle, 2 * math.pi)), k),
        )
        taken.add(nearest)
    return [angle for k, angle in enumerate(places) if k not in taken]


def _ring_order(ring, neighbours, anchors, angles, hub, pairs):
    """Order the ring so that linked partners sit near each other and few lines cross.

    A breadth-first walk from the best-linked partner, then rounds of the
    barycentre heuristic (each partner moves towards the mean direction of its
    neighbours, pinned ones included). Small diagrams keep the order with the
    fewest crossings, then move partners one at a time to the place that removes
    the most crossings, within CROSSING_BUDGET.
    """
    if len(ring) < 3:
        return list(ring)
    on_ring = set(ring)
    order = []
    seen = set()
    for root in sorted(ring, key=lambda i: (-len(neighbours[i] & on_ring), i)):
        if root in seen:
            continue
        seen.add(root)
        queue = deque([root])
        while queue:
            current = queue.popleft()
            order.append(current)
            linked = neighbours[current] & on_ring
            for nxt in sorted(linked, key=lambda i: (-len(neighbours[i]), i)):
                if nxt not in seen:
                    seen.add(nxt)
                    queue.append(nxt)

    ring_pairs = [(i, j) for i, j in pairs if i in on_ring and j in on_ring]
    spokes = [j if i == hub else i for i, j in pairs if hub in (i, j)]
    count_crossings = len(ring_pairs) + len(spokes) <= MAX_PAIRS_TO_COUNT
    start = angles[0] if angles else 0.0

    def crossings(order):
        slot = {v: k for k, v in enumerate(order)}
        return _crossings(
            [tuple(sorted((slot[i], slot[j]))) for i, j in ring_pairs],
            [slot[s] for s in spokes if s in slot],
            len(order),
        )

    best = order
    best_score = crossings(order) if count_crossings else 0
    unit = [(math.cos(a), math.sin(a)) for a in angles]
    pulls = {u: (2 * math.cos(a), 2 * math.sin(a)) for u, a in anchors.items()}
    for _round in range(BARYCENTRE_ROUNDS if count_crossings else 3):
        slot = {v: k for k, v in enumerate(order)}
        wanted = {}
        for v in order:
            own = unit[slot[v]]
            sx, sy = 0.5 * own[0], 0.5 * own[1]
            for u in neighbours[v]:
                k = slot.get(u)
                if k is not None:
                    sx += unit[k][0]
                    sy += unit[k][1]
                elif u in pulls:
                    sx += pulls[u][0]
                    sy += pulls[u][1]
            wanted[v] = (math.atan2(sy, sx) - start) % (2 * math.pi)
        order = sorted(order, key=lambda v: (round(wanted[v], 9), slot[v]))
        if count_crossings:
            score = crossings(order)
            if score < best_score:
                best, best_score = order, score
    if not count_crossings:
        return order

    # Then move one partner at a time to the place that removes the most crossings.
    lines = len(ring_pairs) + len(spokes)
    tries_left = CROSSING_BUDGET // max(1, lines * lines)
    for _sweep in range(4):
        improved = False
        for v in list(best):
            rest = [u for u in best if u != v]
            for place in range(len(rest) + 1):
                if not best_score or tries_left <= 0:
                    return best
                tries_left -= 1
                trial = [*rest[:place], v, *rest[place:]]
                score = crossings(trial)
                if score < best_score:
                    best, best_score, improved = trial, score, True
        if not improved:
            break
    return best


def _crossings(chords, spokes, count):
    """Crossings among chords (a, b), a < b, of a ring with `count` places, and of
    spokes from the centre to place s with those chords."""
    total = 0
    for index, (a, b) in enumerate(chords):
        for c, d in chords[index + 1 :]:
            if c != a and c != b and d != a and d != b and (a < c < b) != (a < d < b):
                total += 1
        # A spoke crosses the chord when its place is on the chord's short side.
        inside = b - a
        for s in spokes:
            if s in (a, b) or 2 * inside == count:
                continue
            if (a < s < b) == (2 * inside < count):
                total += 1
    return total


def _place(nodes, order, angles, pinned, hub, radius, neighbours):
    """Positions around (0, 0) for this radius, and each label's place."""
    for i in pinned:
        x, y = nodes[i].pin
        _set(nodes[i], (x / 500 - 1) * radius, (y / 500 - 1) * radius)
    for angle, i in zip(angles, order, strict=True):
        _set(nodes[i], radius * math.cos(angle), radius * math.sin(angle))
    if hub is not None:
        # The hub's label goes into the widest gap between its lines.
        around = sorted(math.atan2(nodes[j].y, nodes[j].x) for j in neighbours[hub])
        gaps = [(b - a, a) for a, b in itertools.pairwise([*around, around[0] + 2 * math.pi])]
        width, after = max(gaps, key=lambda gap: (round(gap[0], 6), -gap[1]))
        middle = after + width / 2
        _set(nodes[hub], 0.0, 0.0, (math.cos(middle), math.sin(middle)))


def _set(node, x, y, direction=None):
    node.x, node.y = round(x, 1), round(y, 1)
    distance = math.hypot(x, y)
    # Labels point away from the middle; near the middle they go underneath.
    if direction:
        dx, dy = direction
    elif distance > 60:
        dx, dy = x / distance, y / distance
    else:
        dx, dy = 0.0, 1.0
    reach = NODE_RADIUS + LABEL_GAP
    lx, ly = x + dx * reach, y + dy * reach
    node.anchor = "start" if dx > 0.35 else "end" if dx < -0.35 else "middle"
    block = (len(node.lines) - 1) * LINE_HEIGHT
    if dy > 0.35:
        baseline = ly + 0.8 * LABEL_FONT
    elif dy < -0.35:
        baseline = ly - block - 0.25 * LABEL_FONT
    else:
        baseline = ly - block / 2 + 0.35 * LABEL_FONT
    node.label_x, node.label_y = round(lx, 1), round(baseline, 1)


def _label_box(node):
    width = max(len(line) for line in node.lines) * CHAR_WIDTH
    left = {"start": node.label_x, "end": node.label_x - width}.get(
        node.anchor, node.label_x - width / 2
    )
    top = node.label_y - 0.8 * LABEL_FONT
    bottom = node.label_y + (len(node.lines) - 1) * LINE_HEIGHT + 0.25 * LABEL_FONT
    return left, top, left + width, bottom


def _dot_box(node):
    r = NODE_RADIUS + 2
    return node.x - r, node.y - r, node.x + r, node.y + r


def _labels_collide(nodes):
    labels = [_label_box(node) for node in nodes]
    dots = [_dot_box(node) for node in nodes]
    for i, a in enumerate(labels):
        for j, b in enumerate(labels[i + 1 :], start=i + 1):
            if _overlap(a, b) or _overlap(a, dots[j]) or _overlap(b, dots[i]):
                return True
    return False


def _overlap(a, b):
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _fit(nodes):
    """Move everything so the drawing starts at (MARGIN, MARGIN); return its size."""
    boxes = [_label_box(node) for node in nodes] + [_dot_box(node) for node in nodes]
    left = min(box[0] for box in boxes) - MARGIN
    top = min(box[1] for box in boxes) - MARGIN
    right = max(box[2] for box in boxes) + MARGIN
    bottom = max(box[3] for box in boxes) + MARGIN
    for node in nodes:
        node.x = round(node.x - left, 1)
        node.y = round(node.y - top, 1)
        node.label_x = round(node.label_x - left, 1)
        node.label_y = round(node.label_y - top, 1)
    return math.ceil(right - left), math.ceil(bottom - top)


# Drawing the flows -------------------------------------------------------------


def bends(flows, nodes):
    """How far each flow's middle sits left of the straight line, by flow index.

    `flows` are (supplier index, receiver index). Flows between the same two
    partners spread out: one each way bend to either side; several the same
    way fan out. A line that would run through another partner bends round it.
    """
    groups = {}
    for index, (source, target) in enumerate(flows):
        groups.setdefault((min(source, target), max(source, target)), []).append(index)
    # Only pinned partners and the hub can sit where a line runs; ring places cannot.
    obstacles = [i for i, node in enumerate(nodes) if node.pin is not None or node.is_hub][:40]
    offsets = {}
    for (a, b), members in groups.items():
        forward = [f for f in members if flows[f][0] == a]
        backward = [f for f in members if flows[f][0] == b]
        spread = {}
        if forward and backward:
            for k, f in enumerate(forward):
                spread[f] = PARALLEL_GAP * (k + 0.5)
            for k, f in enumerate(backward):
                spread[f] = -PARALLEL_GAP * (k + 0.5)
        else:
            for k, f in enumerate(members):
                spread[f] = PARALLEL_GAP * (k - (len(members) - 1) / 2)
        base = _detour(nodes, a, b, obstacles, min(spread.values()), max(spread.values()))
        for f, offset in spread.items():
            # Worked out looking from a to b; a flow from b to a sees left and right swapped.
            offsets[f] = (base + offset) * (1 if flows[f][0] == a else -1)
    return offsets


def _detour(nodes, a, b, obstacles, low, high):
    """The sideways shift that keeps the a–b group of flows clear of other partners."""
    p, q = nodes[a], nodes[b]
    dx, dy = q.x - p.x, q.y - p.y
    length = math.hypot(dx, dy) or 1.0
    nearest = None
    for o in obstacles:
        if o in (a, b):
            continue
        node = nodes[o]
        t = ((node.x - p.x) * dx + (node.y - p.y) * dy) / (length * length)
        if not 0.1 < t < 0.9:
            continue
        side = (dx * (node.y - p.y) - dy * (node.x - p.x)) / length  # left is positive
        in_the_way = side - CLEARANCE < high and side + CLEARANCE > low
        if in_the_way and (nearest is None or abs(side) < abs(nearest)):
            nearest = side
    if nearest is None:
        return 0.0
    if nearest >= 0:
        return nearest - CLEARANCE - high
    return nearest + CLEARANCE - low


def curve(p, q, offset, digits=1):
    """SVG path data from node p to node q, its middle `offset` to the left,
    trimmed so it starts at p's rim and the arrow's tip touches q's rim; numbers
    with `digits` decimals."""
    dx, dy = q.x - p.x, q.y - p.y
    length = math.hypot(dx, dy) or 1.0
    # A quadratic curve's middle is halfway to its control point.
    cx = (p.x + q.x) / 2 - dy / length * 2 * offset
    cy = (p.y + q.y) / 2 + dx / length * 2 * offset
    sx, sy = _towards(p.x, p.y, cx, cy, NODE_RADIUS + 2)
    ex, ey = _towards(q.x, q.y, cx, cy, NODE_RADIUS + 3 + ARROW_LENGTH * 0.3)
    return "M{:.{d}f} {:.{d}f}Q{:.{d}f} {:.{d}f} {:.{d}f} {:.{d}f}".format(
        sx, sy, cx, cy, ex, ey, d=digits
    )


def _towards(x, y, tx, ty, distance):
    dx, dy = tx - x, ty - y
    length = math.hypot(dx, dy) or 1.0
    return x + dx / length * distance, y + dy / length * distance


# The page ---------------------------------------------------------------------


def _url_maker(viewname, kwarg):
    """A function pk_or_slug → URL that reverses once, not once per row: reversing
    thousands of flows one by one took longer than the rest of the page."""
    marker = "0000marker0000" if kwarg == "slug" else 987654321
    head, tail = reverse(viewname, kwargs={kwarg: marker}).split(str(marker))
    return lambda value: f"{head}{value}{tail}"


def _wrap(name):
    """The name in lines of about WRAP characters, broken at spaces only."""
    lines = []
    for word in name.split():
        if lines and len(lines[-1]) + 1 + len(word) <= WRAP:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def build_diagram(rows, *, table_limit=TABLE_LIMIT):
    """The drawing and its table twin for the flows in `rows` (see `DiagramView.COLUMNS`).

    The table lists every flow up to `table_limit` flows, else the first
    TABLE_PAGE (in the drawing's order: by the year they started). The markup for
    each flow and partner is written here rather than in the template: a template
    loop over thousands of flows took half a second, this takes a tenth of that.
    Every text is escaped on the way in. Each flow's label is written once, as the
    `<title>` that names its link.
    """
    partner_url = _url_maker("partners:detail", "slug")
    flow_url = _url_maker("exchanges:flow", "pk")

    partners = {}
    for row in rows:
        for key, name, slug, x, y in (row[1:6], row[6:11]):
            if key not in partners:
                pin = (x, y) if x is not None and y is not None else None
                partners[key] = Node(key, name, escape(partner_url(slug)), pin)
    nodes = sorted(partners.values(), key=lambda n: (n.name.casefold(), n.key))
    index = {node.key: i for i, node in enumerate(nodes)}

    rows = sorted(rows, key=lambda r: (r[15] is None, r[15] or 0, r[0]))
    links = [(index[r[1]], index[r[6]]) for r in rows]
    pairs = sorted({(min(a, b), max(a, b)) for a, b in links})
    width, height = lay_out(nodes, pairs)
    offsets = bends(links, nodes)

    labels = {c: escape(str(c.label)) for c in Category}
    statuses = {value: escape(str(label)) for value, label in Flow.Status.choices}
    since = escape(_("%(resource)s (%(category)s): %(supplier)s → %(receiver)s, since %(year)s"))
    undated = escape(_("%(resource)s (%(category)s): %(supplier)s → %(receiver)s"))
    to, unknown = escape(_("to")), escape(_("unknown"))
    names = [escape(node.name) for node in nodes]
    resources = {}
    edges = {c: [] for c in Category}
    table = []
    with_hit_area = len(rows) <= HIT_AREA_LIMIT
    table_rows = len(rows) if len(rows) <= table_limit else min(table_limit, TABLE_PAGE)
    digits = 0 if max(width, height) > WHOLE_NUMBERS_FROM else 1
    for f, row in enumerate(rows):
        resource = resources.get(row[11])
        if resource is None:
            resource = resources[row[11]] = _resource(row[12:15])
        name, lang, note, category = resource
        source, target = links[f]
        supplier, receiver = nodes[source], nodes[target]
        started, ended, status = row[15], row[16], row[17]
        url = flow_url(row[0])
        # The parts are escaped already, and so is the translated sentence around them.
        label = (since if started else undated) % {
            "resource": name,
            "category": labels[category],
            "supplier": names[source],
            "receiver": names[target],
            "year": started,
        }
        d = curve(supplier, receiver, offsets[f], digits)
        hit = f'<path class="hit" d="{d}"/>' if with_hit_area else ""
        # data-ends: the supplier's and the receiver's place among the nodes.
        edges[category].append(
            f'<a href="{url}" data-ends="{source} {target}"><title>{label}</title>'
            f'<path d="{d}"/>{hit}</a>'
        )
        if f >= table_rows:
            continue
        ended_text = f" ({ended})" if ended and status == Flow.Status.ENDED else ""
        table.append(
            f'<tr><th scope="row"><a href="{url}"{lang}>{name}</a>{note}</th>'
            f'<td><span class="category category-{category.value}">{labels[category]}</span></td>'
            f'<td><a href="{supplier.url}">{names[source]}</a>'
            f' <span aria-hidden="true">→</span><span class="visually-hidden">{to}</span>'
            f' <a href="{receiver.url}">{names[target]}</a></td>'
            f"<td>{started or unknown}</td><td>{statuses[status]}{ended_text}</td></tr>"
        )

    counts = {c: len(edges[c]) for c in Category}
    categories = [
        {"value": c.value, "label": c.label, "count": counts[c], **CATEGORY_STYLE[c]}
        for c in Category
    ]
    return {
        "width": width,
        "height": height,
        "partner_count": len(nodes),
        "flow_count": len(rows),
        "table_count": len(table),
        "categories": categories,
        "label_font": LABEL_FONT,
        # Every text and address in these was escaped as it went in.
        "edges": mark_safe("\n".join(_edge_groups(edges))),  # noqa: S308
        "nodes": mark_safe("\n".join(_node(node, digits) for node in nodes)),  # noqa: S308
        "rows": mark_safe("\n".join(table)),  # noqa: S308
    }


def _resource(columns):
    """A resource's name (escaped, and marked when it fell back to Danish), once
    per resource rather than once per flow."""
    name_da, name_en, category = columns
    name = Resource(name_da=name_da, name_en=name_en, category=category).name
    return escape(name), lang_attr(name), fallback_note(name), Category(category)


def _edge_groups(edges):
    """One group per category carries the colour, pattern and arrowhead (inherited
    presentation attributes, so the drawing works without the stylesheet)."""
    for category, markup in edges.items():
        if not markup:
            continue
        style = CATEGORY_STYLE[category]
        dash = (
            f' stroke-dasharray="{style["dash"]}" stroke-linecap="{style["cap"]}"'
            if style["dash"]
            else ""
        )
        yield (
            f'<g class="edges-{category.value}" stroke="{style["colour"]}"{dash}'
            f' marker-end="url(#arrow-{category.value})">'
        )
        yield from markup
        yield "</g>"


def _node(node, digits=1):
    """A partner: its dot and its name, in lines. The spaces between the lines stay
    in the text (so it reads as the name the link is called by), on the side where
    they do not push the text off its anchor."""
    lines = [escape(line) for line in node.lines]
    if node.anchor == "end":
        lines = [lines[0], *(" " + line for line in lines[1:])]
    else:
        lines = [*(line + " " for line in lines[:-1]), lines[-1]]
    x = f"{node.label_x:.{digits}f}"
    if len(lines) == 1:
        text = f' x="{x}">{lines[0]}'
    else:
        text = f'><tspan x="{x}">{lines[0]}</tspan>' + "".join(
            f'<tspan x="{x}" dy="{LINE_HEIGHT:.1f}">{line}</tspan>' for line in lines[1:]
        )
    # The nodes' group says text-anchor="middle"; only the other anchors are written.
    anchor = "" if node.anchor == "middle" else f' text-anchor="{node.anchor}"'
    # The link is named by its text, the partner's name (no aria-label to repeat it).
    return (
        f'<a href="{node.url}" class="node">'
        f'<circle cx="{node.x:.{digits}f}" cy="{node.y:.{digits}f}" r="{NODE_RADIUS}"/>'
        f'<text y="{node.label_y:.{digits}f}"{anchor}{text}</text></a>'
    )


def flow_rows(category, year):
    """The flows running in `year`, in one query, as plain tuples: thousands of
    model instances (a flow, two partners and a resource each) cost more than
    the rest of the page. Also used by the front page's small diagram."""
    values = {"category": category, "year": year} if category else {"year": year}
    flows = apply_flow_filters(Flow.objects.published(), values)
    return list(flows.order_by().values_list(*DiagramView.COLUMNS))


def best_linked(rows, limit=HOME_PARTNER_LIMIT):
    """The flows among the `limit` partners linked to the most others (ties: more
    flows, then the partner's id), for a small drawing of a large symbiosis; all
    of `rows` when they join no more partners than that. Returns (those rows, the
    number of partners in all of `rows`)."""
    neighbours = {}
    flows = {}
    for row in rows:
        supplier, receiver = row[1], row[6]
        for one, other in ((supplier, receiver), (receiver, supplier)):
            neighbours.setdefault(one, set()).add(other)
            flows[one] = flows.get(one, 0) + 1
    if len(neighbours) <= limit:
        return rows, len(neighbours)
    ranked = sorted(neighbours, key=lambda key: (-len(neighbours[key]), -flows[key], key))
    chosen = set(ranked[:limit])
    return [row for row in rows if row[1] in chosen and row[6] in chosen], len(neighbours)


class DiagramView(TemplateView):
    template_name = "exchanges/diagram.html"
    # The shape of one row of `rows()`; `build_diagram` reads them by position.
    COLUMNS = (
        "pk",
        "supplier_id",
        "supplier__name",
        "supplier__slug",
        "supplier__diagram_x",
        "supplier__diagram_y",
        "receiver_id",
        "receiver__name",
        "receiver__slug",
        "receiver__diagram_x",
        "receiver__diagram_y",
        "resource_id",
        "resource__name_da",
        "resource__name_en",
        "resource__category",
        "year_started",
        "year_ended",
        "status",
    )

    def rows(self, category, year):
        return flow_rows(category, year)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = FlowFilterForm(self.request.GET)
        values = form.values
        category = values.get("category", "")
        # Without a year, or with this one, the diagram shows today's flows.
        year = values.get("year")
        if year == this_year():
            year = None
        diagram = build_diagram(self.rows(category, year or this_year()))
        heading = _("Flows in %(year)s") % {"year": year} if year else _("Flows today")
        if category:
            heading = _("%(when)s: %(category)s") % {
                "when": heading,
                "category": Category(category).label,
            }
        path = self.request.path
        flows = {k: v for k, v in (("category", category), ("year", year or this_year())) if v}
        context.update(
            flow_list_url=f"{reverse('exchanges:flows')}?{urlencode(flows)}",
            heading=heading,
            problems=form.problems,
            year=year,
            shown_year=year or this_year(),
            category=category,
            diagram=diagram,
            steps=_year_steps(path, year, category),
            milestones=_milestones(path, year, category),
            first_year=FIRST_YEAR,
            last_year=this_year(),
        )
        return context


def _link(path, year, category):
    params = {k: v for k, v in (("category", category), ("year", year)) if v}
    return f"{path}?{urlencode(params)}" if params else path


def _year_steps(path, year, category):
    """Links one year back and one year on, keeping the category."""
    shown = year or this_year()
    steps = {}
    if shown > FIRST_YEAR:
        steps["previous"] = {"year": shown - 1, "href": _link(path, shown - 1, category)}
    if year is not None:
        following = year + 1
        steps["next"] = {
            "year": following,
            "href": _link(path, None if following == this_year() else following, category),
        }
    return steps


def _milestones(path, year, category):
    links = [
        {"label": str(y), "href": _link(path, y, category), "current": year == y}
        for y in MILESTONES
    ]
    links.append(
        {"label": _("Today"), "href": _link(path, None, category), "current": year is None}
    )
    return links
