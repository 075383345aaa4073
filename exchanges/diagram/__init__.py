"""The symbiosis diagram: partners as nodes, flows as arrows, drawn on the server as SVG.

`rows` fetches the shown flows, with their partners and resources, in one query;
`layout` places partners and bends flows (pure geometry); `markup` writes the
SVG; `views` is the page. The names other modules use are here.
"""

from exchanges.diagram.layout import NODE_RADIUS, Node, labels_collide, lay_out
from exchanges.diagram.markup import TABLE_LIMIT, TABLE_PAGE, build_diagram
from exchanges.diagram.rows import HOME_PARTNER_LIMIT, FlowRow, best_linked, flow_rows
from exchanges.diagram.views import DiagramView

__all__ = [
    "HOME_PARTNER_LIMIT",
    "NODE_RADIUS",
    "TABLE_LIMIT",
    "TABLE_PAGE",
    "DiagramView",
    "FlowRow",
    "Node",
    "best_linked",
    "build_diagram",
    "flow_rows",
    "labels_collide",
    "lay_out",
]
