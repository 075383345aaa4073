"""Today in the site's one time zone, settings.TIME_ZONE (Danish time), whatever the
server's clock zone: the year a figure belongs to, whether a board seat is current."""

from django.utils import timezone


def today():
    return timezone.localdate(timezone=timezone.get_default_timezone())


def this_year():
    return today().year
