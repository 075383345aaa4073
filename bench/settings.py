"""Settings for `make bench`: the site's own settings, with one extra minimal view.

gunicorn serves every measured URL with these settings, so the minimal view and the
real pages pass through the same middleware, database settings and workers.
"""

from symbiosis.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
