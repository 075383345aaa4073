"""`{% load dashboard %}{% dashboard %}` on the admin's front page."""

from django import template

from symbiosis.site.dashboard import dashboard as dashboard_data

register = template.Library()


@register.inclusion_tag("admin/symbiosis/dashboard.html", takes_context=True)
def dashboard(context):
    return dashboard_data(context["request"].user)
