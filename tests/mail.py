"""A real SMTP server for the tests (aiosmtpd), and the real task worker.

`SmtpServer` listens on a port the OS chose, in a thread of its own, and keeps every
message it receives as parsed `email.message.EmailMessage`s; it can be stopped and
started again on that port, and made to refuse chosen recipients. `run_worker()` runs
`manage.py db_worker --batch`: every task waiting in the database, then it returns.
"""

import asyncio
import contextlib
import email.policy
import socket
import threading
from email import message_from_bytes

from aiosmtpd.smtp import SMTP
from django.core.management import call_command


class _Keep:
    def __init__(self, server):
        self.server = server

    async def handle_RCPT(self, smtp, session, envelope, address, rcpt_options):
        answer = self.server.answer_for(address)
        if answer is None:
            envelope.rcpt_tos.append(address)
            return "250 OK"
        return answer

    async def handle_DATA(self, smtp, session, envelope):
        self.server.received(envelope)
        return "250 OK"


class SmtpServer:
    """The server can go down and come back on the same port (`stop()` then `start()`,
    or `with server.down():`): while it is down a connection is refused, as from a mail
    server being restarted. Addresses in `refused` are answered 550 (no such mailbox:
    final), those in `deferred` 451 (try again later)."""

    def __init__(self):
        self.messages = []
        self.refused = set()
        self.deferred = set()
        self._lock = threading.Lock()
        self.host, self.port = "127.0.0.1", 0
        self._thread = None

    def _serve(self):
        asyncio.set_event_loop(self._loop)
        handler = _Keep(self)
        self._server = self._loop.run_until_complete(
            self._loop.create_server(lambda: SMTP(handler), sock=self._sock)
        )
        self._ready.set()
        self._loop.run_forever()

    def answer_for(self, address):
        """The RCPT answer that refuses `address`, or None to take it."""
        if address in self.refused:
            return "550 5.1.1 No such mailbox here"
        if address in self.deferred:
            return "451 4.3.0 Mailbox busy, try again later"
        return None

    def received(self, envelope):
        message = message_from_bytes(envelope.content, policy=email.policy.default)
        with self._lock:
            self.messages.append(message)

    def start(self):
        """Listen (again) on the port: the OS's choice the first time, the same after."""
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.bind((self.host, self.port))
        self._sock.listen()
        self.host, self.port = self._sock.getsockname()
        self._loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()
        self._ready.wait(5)
        return self

    def stop(self):
        """Stop listening: connections to the port are refused until `start()`."""
        if self._thread is None:
            return

        def close():
            self._server.close()
            self._loop.stop()

        self._loop.call_soon_threadsafe(close)
        self._thread.join(5)
        self._loop.close()
        self._sock.close()
        self._thread = None

    @contextlib.contextmanager
    def down(self):
        """The server is away for the block, and back after it."""
        self.stop()
        try:
            yield self
        finally:
            self.start()

    def to(self, address):
        """Messages addressed to `address`."""
        with self._lock:
            return [m for m in self.messages if address in m.get("To", "")]

    @property
    def url(self):
        return f"smtp://{self.host}:{self.port}"

    def mailers(self):
        """A MAILERS setting that sends here."""
        return {
            "default": {
                "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                "OPTIONS": {"host": self.host, "port": self.port, "timeout": 5},
            }
        }


def body(message):
    """The plain-text body of a received message."""
    part = message.get_body(preferencelist=("plain",))
    return part.get_content() if part else ""


def run_worker(max_tasks=None):
    """Every task waiting in the database (or the first `max_tasks`), run by the real
    worker, then return.

    In this process, so that it sees what the test wrote inside its transaction. The
    worker recycles database connections between tasks (`close_old_connections`); on
    PostgreSQL that would close the connection holding the test's transaction, so for
    this run it leaves the connection alone. Everything else is the worker's own code:
    it claims each task row, runs it and records the result."""
    from django_tasks_db.management.commands import db_worker

    recycle = db_worker.close_old_connections
    db_worker.close_old_connections = lambda: None
    try:
        limit = ["--max-tasks", str(max_tasks)] if max_tasks else []
        call_command(
            "db_worker", "--batch", "--no-startup-delay", "--no-reload", *limit, verbosity=0
        )
    finally:
        db_worker.close_old_connections = recycle
