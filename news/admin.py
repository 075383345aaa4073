"""The news app's admin: one module per area, registered on import."""

from news import admin_articles, admin_events, admin_press  # noqa: F401
