"""Structured logs: one JSON object a line on standard output.

Every line has `time` (UTC, ISO 8601), `level`, `logger` and `message`; a line
written while a request is answered also has its `request_id`, `method` and `path`
(set by symbiosis.middleware.RequestIdMiddleware through a context variable, so
every thread of a gthread worker keeps its own); `status` and `duration_ms` where
the line knows them (gunicorn's access line, Django's "Not Found" and error lines);
`exception` with the traceback when there is one.

gunicorn's own lines go the same way (`GunicornLogger`, named in gunicorn.conf.py):
one access line a request with its request id and duration, the client's address and
the signed-in user's id (`client`, `user_id`, from `AccessLogMiddleware`), and the
error log. No line carries a query string: search words, e-mail addresses or tokens
in one are personal data, and the path is enough to follow a request.
"""

import contextvars
import json
import logging
import re
import sys
import uuid
from datetime import UTC, datetime

# The request being answered in this thread: {"request_id", "method", "path"}.
current_request = contextvars.ContextVar("current_request", default=None)

# Where AccessLogMiddleware leaves, in the WSGI environ (request.META is that dict), what
# gunicorn's access line says about who asked.
CLIENT_ENVIRON_KEY = "symbiosis.client"
USER_ENVIRON_KEY = "symbiosis.user_id"

# What a proxy may hand us as X-Request-ID; anything else is replaced.
SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9-]{1,64}")


def forget_request(**kwargs):
    """request_finished receiver: lines written after the response belong to no request."""
    current_request.set(None)


def request_id_from(header):
    """The proxy's id when it looks sane, otherwise a new one (uuid4)."""
    if header and SANE_REQUEST_ID.fullmatch(header):
        return header
    return str(uuid.uuid4())


class JsonFormatter(logging.Formatter):
    def format(self, record):
        line = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        line.update(current_request.get() or {})
        for name in ("request_id", "method", "path", "client", "user_id"):
            if isinstance(getattr(record, name, None), str):
                line[name] = getattr(record, name)
        status = getattr(record, "status", getattr(record, "status_code", None))
        if isinstance(status, int):
            line["status"] = status
        duration = getattr(record, "duration_ms", None)
        if isinstance(duration, int | float):
            line["duration_ms"] = duration
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        elif record.stack_info:
            line["exception"] = self.formatStack(record.stack_info)
        return json.dumps(line, ensure_ascii=False, default=str)


class StdoutHandler(logging.StreamHandler):
    """A StreamHandler on whatever sys.stdout is when a line is written (a test's
    captured output, gunicorn's redirected one), not the one at start-up."""

    def __init__(self):
        super().__init__(sys.stdout)

    @property
    def stream(self):
        return sys.stdout

    @stream.setter
    def stream(self, value):
        pass


try:
    from gunicorn.glogging import Logger as _GunicornLogger
except ImportError:  # gunicorn is not needed to run manage.py
    _GunicornLogger = object


class GunicornLogger(_GunicornLogger):
    """gunicorn's access and error logs as JSON lines on standard output."""

    def setup(self, cfg):
        super().setup(cfg)
        for log in (self.error_log, self.access_log):
            for handler in log.handlers:
                if getattr(handler, "_gunicorn", False):
                    if isinstance(handler, logging.StreamHandler) and handler.stream in (
                        sys.stdout,
                        sys.stderr,
                    ):
                        handler.setStream(sys.stdout)
                    handler.setFormatter(JsonFormatter())

    def access(self, resp, req, environ, request_time):
        if not self.access_log_enabled:
            return
        headers = dict((name.lower(), value) for name, value in resp.headers)
        status = resp.status.split(None, 1)[0] if isinstance(resp.status, str) else resp.status
        method, path = environ.get("REQUEST_METHOD", "-"), environ.get("PATH_INFO", "-")
        # Set by AccessLogMiddleware; gunicorn's peer when Django never saw the request.
        client = environ.get(CLIENT_ENVIRON_KEY) or environ.get("REMOTE_ADDR") or "-"
        user_id = environ.get(USER_ENVIRON_KEY, "-")
        duration_ms = round(request_time.total_seconds() * 1000, 1)
        # The path, never RAW_URI: no query string reaches the log.
        self.access_log.info(
            "%s %s %s %s %s",
            client,
            user_id,
            method,
            path,
            status,
            extra={
                "client": client,
                "user_id": user_id,
                "request_id": headers.get("x-request-id", "-"),
                "method": method,
                "path": path,
                "status": int(status),
                "duration_ms": duration_ms,
            },
        )


class AccessLogMiddleware:
    """Tell gunicorn's access line who asked: the client's address as the lockout counts
    it (behind trusted proxies, symbiosis.security.client_ip) and the id of the signed-in
    user, or "-". Never the username or e-mail address.

    Sits before the page cache, so kept pages are logged too, and costs them no query:
    the user id is taken from a session this request has already read (the admin, a
    draft preview), never by reading one. A signed-in staff member on an ordinary
    public page is logged as "-".
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from symbiosis.security.client_ip import client_ip

        request.META[CLIENT_ENVIRON_KEY] = client_ip(request)
        response = self.get_response(request)
        request.META[USER_ENVIRON_KEY] = signed_in_user_id(request)
        return response


def signed_in_user_id(request):
    """The id the request's session is signed in as, when the session was read anyway."""
    from django.contrib.auth import SESSION_KEY

    session = getattr(request, "session", None)
    if session is None or not session.accessed:
        return "-"
    return str(session.get(SESSION_KEY) or "-")
