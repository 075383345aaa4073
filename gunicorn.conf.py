"""gunicorn settings for the portal: `gunicorn -c gunicorn.conf.py symbiosis.wsgi`.

Sized for a 2-core machine (threads for keep-alive and slow clients; see
docs/performance.md); every number can be changed from the environment.
Logs: JSON lines on standard output, one access line a request with its
X-Request-ID and duration (symbiosis/logs.py).

Graceful restarts: `kill -HUP <master pid>` starts new workers with the new code and
lets the old ones finish their requests; `kill -USR2` then `kill -TERM <old master>`
swaps the master too (a new gunicorn version). TERM stops after graceful_timeout.
"""

import os


def _int(name, default):
    return int(os.environ.get(name, default))


bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000").split(",")
worker_class = "gthread"
workers = _int("GUNICORN_WORKERS", 2)
threads = _int("GUNICORN_THREADS", 4)
# A request taking longer than this is killed (and its worker replaced).
timeout = _int("GUNICORN_TIMEOUT", 30)
# On TERM or HUP, workers get this long to finish the requests they are answering.
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
# Seconds an idle keep-alive connection from nginx stays open.
keepalive = 5
# Replace each worker after about this many requests (a slow leak never grows far);
# the jitter keeps workers from restarting all at once. Cached pages are answered at
# hundreds a second per worker: a small number would restart workers every few seconds
# (each restart empties that worker's local-memory page cache). 0 turns it off.
max_requests = _int("GUNICORN_MAX_REQUESTS", 100_000)
max_requests_jitter = max_requests // 10
# Worker heartbeats in memory, not on a disk that may stall.
SHM = "/dev/shm"  # noqa: S108 (gunicorn makes its files there with mkstemp)
worker_tmp_dir = SHM if os.path.isdir(SHM) else None
# Load the app in each worker (not the master), so HUP reloads new code.
preload_app = False

accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
logger_class = "symbiosis.logs.GunicornLogger"
