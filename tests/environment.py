"""pytest plugin loaded before Django starts (see pytest.ini: `-p tests.environment`).

Tests run with production-like settings whatever a developer's `.env` says:
DEBUG off and a throw-away key. DATABASE_URL is left alone, so the suite runs
on PostgreSQL when it names one and on SQLite otherwise.
"""

import os

os.environ["DEBUG"] = "off"
os.environ.setdefault("SECRET_KEY", "tests-only-not-secret-" + "x" * 40)
os.environ.setdefault("ALLOWED_HOSTS", "localhost,127.0.0.1,testserver")
# The test client and the live server speak plain HTTP; the redirect to HTTPS
# itself is tested against gunicorn with production settings (tests/test_production.py).
os.environ["SECURE_SSL_REDIRECT"] = "off"
# Two-factor authentication is required for staff in production; the tests that are
# about it turn it on (settings.OTP_REQUIRED_FOR_STAFF), the others log staff in with
# force_login. tests/test_production.py drops this, so gunicorn runs with the default.
os.environ["OTP_REQUIRED_FOR_STAFF"] = "off"
# The nightly tasks are not booked by the test database's `migrate`: a test's worker
# run would meet them in the queue. symbiosis/tests/test_daily.py books them itself.
os.environ["DAILY_TASKS_BOOKED_AT_MIGRATE"] = "off"
