"""Template helpers for pages that list flows fetched as models (a partner's page)."""

from django import template

from exchanges.diagram.rows import FlowRow

register = template.Library()


@register.filter
def as_rows(flows):
    """The flows as `FlowRow`s, what `exchanges/includes/flow_row.html` shows."""
    return [FlowRow.from_flow(flow) for flow in flows]
