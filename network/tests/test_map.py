from decimal import Decimal

from network.map import (
    DOT_RADIUS,
    HEIGHT,
    MAINLAND_EAST,
    lay_out,
    map_width,
    network_map,
    project,
)
from network.models import Symbiosis


def place(name, lat, lon):
    return Symbiosis(name=name, slug=name.lower(), latitude=Decimal(lat), longitude=Decimal(lon))


def test_projection_puts_north_up_and_east_right():
    skagen = project(10.60, 57.72)
    gedser = project(11.93, 54.57)
    blaavand = project(8.08, 55.56)
    assert skagen[1] < gedser[1]
    assert blaavand[0] < skagen[0] < gedser[0]
    assert blaavand[0] >= 0 and gedser[1] <= HEIGHT


def test_map_widens_for_bornholm_only_when_needed():
    mainland = [place("Aalborg", "57.0488", "9.9217")]
    with_bornholm = [*mainland, place("Roenne", "55.1009", "14.7066")]
    assert map_width(mainland) == round(project(MAINLAND_EAST, 56)[0])
    assert map_width(with_bornholm) > project(14.7066, 55)[0]
    assert "Bornholm" not in [name for name, _ in network_map(mainland)["land"]]
    assert "Bornholm" in [name for name, _ in network_map(with_bornholm)["land"]]


def test_two_symbioses_in_one_town_get_two_visible_dots_and_separate_labels():
    symbioses = [
        place("Kalundborg Symbiose", "55.6796", "11.0886"),
        place("Symbiosis Center Denmark", "55.6796", "11.0886"),
        place("Symbiosen Bjaeverskov", "55.4570", "12.0340"),
    ]
    dots = lay_out(symbioses, map_width(symbioses))
    first, second, _ = dots
    assert abs(first.x - second.x) + abs(first.y - second.y) >= 2 * DOT_RADIUS
    assert len({(round(d.label_x), round(d.label_y)) for d in dots}) == 3


def test_layout_is_deterministic():
    symbioses = [place(f"S{i}", "56.0", "10.0") for i in range(8)]
    first = [(d.x, d.y, d.label_x, d.label_y) for d in lay_out(symbioses, 600)]
    again = [(d.x, d.y, d.label_x, d.label_y) for d in lay_out(symbioses, 600)]
    assert first == again
    assert len({(round(x), round(y)) for x, y, *_ in first}) == 8
