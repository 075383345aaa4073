"""Versions of content for the admin (django-reversion): the versioned admin base class
(`admin.py`) and the version kept of every deleted item (`deletions.py`). Not the
partnership's own history, which is the `timeline` app."""
