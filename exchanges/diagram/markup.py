"""The diagram's SVG: partners as dots, flows as arrows, and the rows of its table twin.

The markup for each flow and partner is written here rather than in the
template: a template loop over thousands of flows took half a second, this
takes a tenth of that. Every text is escaped on the way in.
"""

from html import escape

from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from exchanges.diagram.layout import (
    LABEL_FONT,
    LINE_HEIGHT,
    NODE_RADIUS,
    Node,
    bends,
    curve,
    lay_out,
)
from exchanges.models import Category, Flow

# Colour (site.css's --energy, --water, --material: all over 4.5:1 on white)
# and a line pattern per category, so the category never rests on colour alone.
CATEGORY_STYLE = {
    Category.ENERGY: {"colour": "#b13c0a", "dash": "", "cap": "butt"},
    Category.WATER: {"colour": "#1d5fa8", "dash": "10 6", "cap": "butt"},
    Category.MATERIAL: {"colour": "#75560f", "dash": "1 7", "cap": "round"},
}

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


def build_diagram(rows, *, table_limit=TABLE_LIMIT):
    """The drawing of the `FlowRow`s in `rows`, and the rows its table twin lists.

    The table lists every flow up to `table_limit` flows, else the first
    TABLE_PAGE (in the drawing's order: by the year they started). Each flow's
    label is written once, as the `<title>` that names its link.
    """
    partners = {}
    for row in rows:
        for end in (row.supplier, row.receiver):
            if end.pk not in partners:
                partners[end.pk] = Node(end.pk, end.name, escape(end.url), end.pin)
    nodes = sorted(partners.values(), key=lambda n: (n.name.casefold(), n.key))
    index = {node.key: i for i, node in enumerate(nodes)}

    rows = sorted(rows, key=lambda r: (r.year_started is None, r.year_started or 0, r.pk))
    links = [(index[r.supplier.pk], index[r.receiver.pk]) for r in rows]
    pairs = sorted({(min(a, b), max(a, b)) for a, b in links})
    width, height = lay_out(nodes, pairs)
    offsets = bends(links, nodes)
    digits = 0 if max(width, height) > WHOLE_NUMBERS_FROM else 1
    edges = _edges(rows, links, nodes, offsets, digits)
    table = rows if len(rows) <= table_limit else rows[: min(table_limit, TABLE_PAGE)]

    categories = [
        {"value": c.value, "label": c.label, "count": len(edges[c]), **CATEGORY_STYLE[c]}
        for c in Category
    ]
    return {
        "width": width,
        "height": height,
        "partner_count": len(nodes),
        "planned_count": sum(row.status == Flow.Status.PLANNED for row in rows),
        "flow_count": len(rows),
        "table_count": len(table),
        "categories": categories,
        "label_font": LABEL_FONT,
        # Every text and address in these was escaped as it went in.
        "edges": mark_safe("\n".join(_edge_groups(edges))),  # noqa: S308
        "nodes": mark_safe("\n".join(_node(node, digits) for node in nodes)),  # noqa: S308
        "table": table,
    }


def _edges(rows, links, nodes, offsets, digits):
    """Each flow's link and curve, by category."""
    labels = {c: escape(str(c.label)) for c in Category}
    since = escape(_("%(resource)s (%(category)s): %(supplier)s → %(receiver)s, since %(year)s"))
    undated = escape(_("%(resource)s (%(category)s): %(supplier)s → %(receiver)s"))
    planned = escape(
        _("Planned: %(resource)s (%(category)s): %(supplier)s → %(receiver)s, from %(year)s")
    )
    planned_undated = escape(_("Planned: %(resource)s (%(category)s): %(supplier)s → %(receiver)s"))
    names = [escape(node.name) for node in nodes]
    resources = {}
    edges = {c: [] for c in Category}
    with_hit_area = len(rows) <= HIT_AREA_LIMIT
    for f, row in enumerate(rows):
        resource = row.resource
        name = resources.get(resource.pk)
        if name is None:
            name = resources[resource.pk] = escape(resource.name)
        source, target = links[f]
        # The parts are escaped already, and so is the translated sentence around them.
        is_planned = row.status == Flow.Status.PLANNED
        if is_planned:
            sentence = planned if row.year_started else planned_undated
        else:
            sentence = since if row.year_started else undated
        label = sentence % {
            "resource": name,
            "category": labels[resource.category],
            "supplier": names[source],
            "receiver": names[target],
            "year": row.year_started,
        }
        d = curve(nodes[source], nodes[target], offsets[f], digits)
        hit = f'<path class="hit" d="{d}"/>' if with_hit_area else ""
        # data-ends: the supplier's and the receiver's place among the nodes.
        css = ' class="planned"' if is_planned else ""
        edges[resource.category].append(
            f'<a href="{escape(row.url)}"{css} data-ends="{source} {target}"><title>{label}</title>'
            f'<path d="{d}"/>{hit}</a>'
        )
    return edges


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
