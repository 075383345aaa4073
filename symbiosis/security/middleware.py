import time

from django.conf import settings
from django.contrib.auth import SESSION_KEY

REFRESHED_KEY = "_idle_refreshed"
# A signed-in session is written back at most this often; enough for an idle
# timeout counted in minutes, without a database write on every request.
REFRESH_SECONDS = 60


class IdleSessionMiddleware:
    """Keep a signed-in session alive while it is used: it expires SESSION_COOKIE_AGE
    (SESSION_IDLE_MINUTES) after the last request, not after the login.

    What SESSION_SAVE_EVERY_REQUEST does, but only for signed-in users, only when the
    request read the session anyway, and at most once a minute. The session is never
    read here, so anonymous pages get no session, no cookie and no `Vary: Cookie`, and
    a staff member's public page costs no extra query.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        # Only a session this request has already read (every admin page does; a public
        # page only when it looks at the user, e.g. a draft preview): no extra query.
        if (
            session is not None
            and session.accessed
            and settings.SESSION_COOKIE_NAME in request.COOKIES
            and SESSION_KEY in session
        ):
            now = int(time.time())
            if now - session.get(REFRESHED_KEY, 0) >= REFRESH_SECONDS:
                session[REFRESHED_KEY] = now  # saved, with a new expiry, on the way out
        return response
