"""Database sessions with an absolute lifetime (SESSION_ENGINE).

The idle timeout (SESSION_IDLE_MINUTES, IdleSessionMiddleware) ends a session nobody
uses; this ends a signed-in session SESSION_ABSOLUTE_HOURS after its login however busy
it is, so a stolen cookie is worth a working day at most. The check sits where the
session is read, before any view or middleware sees the user, and costs nothing more:
anonymous visitors still have no session to read.
"""

import time

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.signals import user_logged_in
from django.contrib.sessions.backends import db

# When the session's user logged in (Unix time), stamped by the login.
LOGIN_TIME_KEY = "_login_time"


class SessionStore(db.SessionStore):
    def load(self):
        data = super().load()
        if SESSION_KEY not in data:
            return data
        now = int(time.time())
        logged_in = data.get(LOGIN_TIME_KEY)
        if not isinstance(logged_in, int):
            # Signed in before the lifetime existed (or by a path that sent no
            # user_logged_in): its lifetime starts now.
            data[LOGIN_TIME_KEY] = now
            self.modified = True
        elif now - logged_in >= settings.SESSION_ABSOLUTE_HOURS * 3600:
            # Over: gone from the database, and this request is anonymous.
            self.delete()
            self._session_key = None
            return {}
        return data


def stamp_login_time(sender, request, user, **kwargs):
    """user_logged_in receiver: every login (a new one, or the same person again)
    starts the lifetime afresh."""
    session = getattr(request, "session", None)
    if session is not None:
        session[LOGIN_TIME_KEY] = int(time.time())


user_logged_in.connect(stamp_login_time, dispatch_uid="security-login-time")
