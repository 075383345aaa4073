"""The diagram's geometry on plain values, without a database: places, labels and curves."""

import math
import re

import pytest

from exchanges.diagram.layout import (
    ARROW_LENGTH,
    NODE_RADIUS,
    WRAP,
    Node,
    bends,
    curve,
    dot_box,
    label_box,
    labels_collide,
    lay_out,
    wrap,
)


def ring(count, name="Partner {n} A/S"):
    return [Node(n, name.format(n=n)) for n in range(count)]


def overlap(a, b):
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def points(d):
    numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", d)]
    return list(zip(numbers[::2], numbers[1::2], strict=True))


@pytest.mark.parametrize("count", [2, 3, 8, 25, 60])
def test_no_label_overlaps_another_label_or_dot(count):
    nodes = ring(count, "Kalundborg Forsyning {n} og Partnere")
    pairs = [
        (n, (n + 1) % count) if n < (n + 1) % count else ((n + 1) % count, n) for n in range(count)
    ]

    lay_out(nodes, sorted(set(pairs)))

    assert not labels_collide(nodes)
    for i, a in enumerate(nodes):
        for b in nodes[i + 1 :]:
            assert not overlap(label_box(a), label_box(b))
            assert not overlap(label_box(a), dot_box(b))
            assert not overlap(dot_box(a), dot_box(b))


def test_every_dot_and_label_is_inside_the_view_box():
    nodes = ring(12)
    nodes[3].pin = (0, 0)
    nodes[7].pin = (1000, 1000)

    width, height = lay_out(nodes, [(0, 1), (1, 2), (3, 7), (2, 9)])

    for node in nodes:
        for left, top, right, bottom in (label_box(node), dot_box(node)):
            assert left >= 0 and right <= width
            assert top >= 0 and bottom <= height


def test_the_best_linked_partner_goes_in_the_middle_of_the_ring():
    nodes = ring(7)
    pairs = [(0, n) for n in range(1, 7)] + [(1, 2)]

    lay_out(nodes, pairs)

    hub, *others = nodes
    assert hub.is_hub
    distances = {round(math.dist((hub.x, hub.y), (n.x, n.y)), 1) for n in others}
    assert len(distances) == 1


def test_pinned_partners_keep_their_places_relative_to_each_other():
    nodes = ring(3)
    nodes[0].pin, nodes[1].pin, nodes[2].pin = (0, 0), (1000, 0), (500, 500)

    lay_out(nodes, [(0, 1), (0, 2)])

    corner, right, middle = nodes
    assert corner.y == right.y and right.x > corner.x
    assert middle.x == pytest.approx((corner.x + right.x) / 2, abs=0.2)
    assert middle.y - corner.y == pytest.approx((right.x - corner.x) / 2, abs=0.2)


def test_a_curve_starts_at_the_suppliers_rim_and_its_arrow_touches_the_receivers():
    p, q = Node(1, "A", x=100.0, y=100.0), Node(2, "B", x=400.0, y=100.0)

    (start, control, end) = points(curve(p, q, 0))

    assert math.dist(start, (p.x, p.y)) == pytest.approx(NODE_RADIUS + 2, abs=0.1)
    assert math.dist(end, (q.x, q.y)) == pytest.approx(
        NODE_RADIUS + 3 + ARROW_LENGTH * 0.3, abs=0.1
    )
    assert control == (250.0, 100.0)  # no offset: a straight line


def test_a_positive_offset_bends_the_curve_to_the_left_of_its_direction():
    p, q = Node(1, "A", x=0.0, y=0.0), Node(2, "B", x=200.0, y=0.0)

    _start, (cx, cy), _end = points(curve(p, q, 20))

    # SVG's y runs down: going along +x, left is +y in these units.
    assert (cx, cy) == (100.0, 40.0)
    assert re.fullmatch(r"M\d+ \d+Q\d+ \d+ \d+ \d+", curve(p, q, 20, digits=0))


def test_a_two_way_pair_bends_to_either_side_and_one_way_flows_fan_out():
    nodes = [Node(0, "A", x=0.0, y=0.0), Node(1, "B", x=300.0, y=0.0)]

    there, back = bends([(0, 1), (1, 0)], nodes).values()
    fan = bends([(0, 1), (0, 1), (0, 1)], nodes)

    # Each seen from its own direction: both to their left, so on opposite sides.
    assert there > 0 and back > 0
    assert sorted(fan.values()) == [-20.0, 0.0, 20.0]


def test_a_line_bends_round_a_partner_in_its_way():
    nodes = [
        Node(0, "A", x=0.0, y=0.0),
        Node(1, "B", x=300.0, y=0.0),
        Node(2, "Hub", x=150.0, y=5.0, is_hub=True),
    ]

    (offset,) = bends([(0, 1)], nodes).values()

    _start, (_cx, cy), _end = points(curve(nodes[0], nodes[1], offset))
    middle_y = cy / 2  # a quadratic curve's middle is halfway to its control point
    assert abs(middle_y - nodes[2].y) >= NODE_RADIUS


def test_names_wrap_at_spaces_into_short_lines():
    assert wrap("Kalundborg Forsyning A/S") == ["Kalundborg", "Forsyning A/S"]
    assert wrap("Novo") == ["Novo"]
    assert wrap("") == [""]
    assert all(len(line) <= WRAP for line in wrap("Dansk Olie og Naturgas A/S Kalundborg"))


def test_an_empty_diagram_has_no_size():
    assert lay_out([], []) == (0, 0)
