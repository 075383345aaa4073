"""Where the diagram's partners and flows go: pure geometry on plain values.

`lay_out` places the partners: where the secretariat pinned them in the admin
(0–1000 each way), the busiest partner in the middle, the rest on a ring
ordered so that fewer lines cross, made wide enough that no two labels overlap.
`bends` and `curve` turn flows into curves; flows between the same two
partners bend to either side, so both directions of a two-way pair read clearly.
Everything is deterministic (the same data gives the same numbers) and close to
O(n log n) for large symbioses; the slower crossing counts run only for small
diagrams. Nothing here touches the database or Django.
"""

import itertools
import math
from collections import deque
from dataclasses import dataclass, field

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
CLEARANCE = NODE_RADIUS + 14  # a flow's line keeps this far from nodes it does not join
ARROW_LENGTH = 12  # user units; the marker's tip is its reference point
# Counting crossings is quadratic in the lines: small diagrams get it, within a
# fixed amount of work (pairs of lines compared), so the time stays bounded and
# the result deterministic.
MAX_PAIRS_TO_COUNT = 40
CROSSING_BUDGET = 250_000
MAX_LABELS_TO_CHECK = 80
BARYCENTRE_ROUNDS = 6


@dataclass(slots=True)
class Node:
    """A partner in the drawing: its dot's centre and its label's lines and place."""

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
        node.lines = wrap(node.name)

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
        if len(nodes) > MAX_LABELS_TO_CHECK or not labels_collide(nodes):
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


def label_box(node):
    width = max(len(line) for line in node.lines) * CHAR_WIDTH
    left = {"start": node.label_x, "end": node.label_x - width}.get(
        node.anchor, node.label_x - width / 2
    )
    top = node.label_y - 0.8 * LABEL_FONT
    bottom = node.label_y + (len(node.lines) - 1) * LINE_HEIGHT + 0.25 * LABEL_FONT
    return left, top, left + width, bottom


def dot_box(node):
    r = NODE_RADIUS + 2
    return node.x - r, node.y - r, node.x + r, node.y + r


def labels_collide(nodes):
    labels = [label_box(node) for node in nodes]
    dots = [dot_box(node) for node in nodes]
    for i, a in enumerate(labels):
        for j, b in enumerate(labels[i + 1 :], start=i + 1):
            if _overlap(a, b) or _overlap(a, dots[j]) or _overlap(b, dots[i]):
                return True
    return False


def _overlap(a, b):
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _fit(nodes):
    """Move everything so the drawing starts at (MARGIN, MARGIN); return its size."""
    boxes = [label_box(node) for node in nodes] + [dot_box(node) for node in nodes]
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


def wrap(name):
    """The name in lines of about WRAP characters, broken at spaces only."""
    lines = []
    for word in name.split():
        if lines and len(lines[-1]) + 1 + len(word) <= WRAP:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]
