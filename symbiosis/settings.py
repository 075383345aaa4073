"""Settings for the symbiosis portal.

One file; the environment decides (and `.env`, when present, fills in what the
environment does not say). Every name read here is listed in README.md.
"""

from datetime import timedelta
from pathlib import Path

import environ
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# ENV_FILE picks another file (tests point it at none, to ignore a developer's .env).
ENV_FILE = Path(environ.Env().str("ENV_FILE", default=str(BASE_DIR / ".env")))
if ENV_FILE.is_file():
    env.read_env(ENV_FILE)

DEBUG = env.bool("DEBUG", default=False)

# No random fallback: a production site must fail loudly without its key.
if DEBUG:
    SECRET_KEY = env.str("SECRET_KEY", default="insecure-development-key-only-for-DEBUG")
else:
    SECRET_KEY = env.str("SECRET_KEY")
# Key rotation (docs/security.md): the keys before SECRET_KEY, still accepted for what
# they signed (sessions, password-reset links) until they are dropped from here.
SECRET_KEY_FALLBACKS = env.list("SECRET_KEY_FALLBACKS", default=[])

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # The stock admin on our site class: login with a two-factor code (symbiosis/security).
    "symbiosis.security.apps.AdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "reversion",
    "django_prose_editor",
    "symbiosis",
    "partners",
    "exchanges",
    "news",
    "pages",
    "timeline",
    "projects",
    "network",
    # What people send the secretariat: messages, study visits, applications (enquiries/).
    "enquiries",
    # The side-stream exchange: what companies have and need, and the matches (listings/).
    "listings",
    # The partners' workspace: accounts, their listings, the yearly data round, reports.
    "workspace",
    "search",
    # The composition on top: root URLs, front page, sitemap index, dashboard, demo.
    "symbiosis.site",
    # SearchVectorField and full-text search for search/ (harmless on SQLite).
    "django.contrib.postgres",
    # sitemap.xml (symbiosis/site/sitemaps.py and each app's sitemaps.py).
    "django.contrib.sitemaps",
    # Background work (mail, the press kit) through Django's Tasks, kept in the
    # database and run by `manage.py db_worker` (docs/operations in README).
    "django_tasks_db",
    # Admin login security: lockout, two-factor codes (docs/security.md).
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "symbiosis.security",
]

MIDDLEWARE = [
    # First: an X-Request-ID for every request, in its response and every log line.
    "symbiosis.middleware.RequestIdMiddleware",
    # The client's address and the signed-in user's id for gunicorn's access line.
    "symbiosis.logs.AccessLogMiddleware",
    # Cross-Origin-Resource-Policy and Permissions-Policy on every response, static files included.
    "symbiosis.middleware.BrowserPolicyMiddleware",
    # Headers (HSTS, nosniff, COOP, referrer policy, SSL redirect) on every response.
    "django.middleware.security.SecurityMiddleware",
    # Static files answered before anything else touches the request.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Content-Security-Policy with a per-request nonce.
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # Language from the URL prefix; before sessions, so anonymous pages carry no Vary: Cookie.
    "django.middleware.locale.LocaleMiddleware",
    # The admin in Danish unless the staff member chose English.
    "symbiosis.middleware.AdminLanguageMiddleware",
    # Database down: a friendly 503 in the visitor's language (cached pages still served).
    "symbiosis.middleware.DatabaseUnavailableMiddleware",
    # Whole pages for anonymous visitors, from the cache; dropped when content changes.
    "symbiosis.middleware.PageCacheMiddleware",
    # An ETag from the page's content, worked out before the page cache keeps it; 304
    # when the browser already has it (public pages carry no per-request nonce).
    "django.middleware.http.ConditionalGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Refuse to be framed (X-Frame-Options: DENY).
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # request.user.is_verified(): has this session given a two-factor code?
    "django_otp.middleware.OTPMiddleware",
    # Signed-in sessions expire SESSION_IDLE_MINUTES after the last request.
    "symbiosis.security.middleware.IdleSessionMiddleware",
    # Last: turns a locked-out login into the lockout page (django-axes).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "symbiosis.site.urls"
WSGI_APPLICATION = "symbiosis.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "symbiosis.context_processors.site",
                "pages.context_processors.navigation",
            ],
        },
    },
]

# Database: SQLite in the repository unless DATABASE_URL names another.
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A database host that does not answer: give up after 5 s (a 503), not gunicorn's timeout.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 5)

# Cache: local memory unless CACHE_URL names one (redis://host:6379/0 works).
CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}
# django-environ writes `redis://…?key_prefix=site` in lower case, which Django's own
# RedisCache ignores; put it where Django reads it (several sites on one Redis).
for _option in ("key_prefix", "timeout", "version"):
    if _option in CACHES["default"]:
        CACHES["default"][_option.upper()] = CACHES["default"].pop(_option)
# Bounded: local memory keeps at most CACHE_MAX_ENTRIES entries per process (the
# oldest go first); Redis is bounded by its own `maxmemory` with `maxmemory-policy
# allkeys-lru` (docs/security.md, "The page cache").
if CACHES["default"]["BACKEND"].endswith("LocMemCache"):
    CACHES["default"].setdefault("OPTIONS", {}).setdefault(
        "MAX_ENTRIES", env.int("CACHE_MAX_ENTRIES", default=1000)
    )
# Seconds an anonymous page is kept at most (0: no page cache). Saving content
# drops the cache at once (in every process when the cache is shared, e.g. Redis).
CACHE_PAGES_SECONDS = env.int("CACHE_PAGES_SECONDS", default=0 if DEBUG else 60)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # "Kalundborg2025!" and the like: the site's own names are the first guesses.
    {"NAME": "symbiosis.security.passwords.LocalWordsValidator"},
]

# Admin login and sessions (docs/security.md). django-axes counts failed logins per
# username AND address together (nobody can lock a user out from elsewhere) in the
# database; its backend comes first, its middleware last.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
LOGIN_LOCKOUT_MINUTES = env.int("LOGIN_LOCKOUT_MINUTES", default=15)
AXES_FAILURE_LIMIT = LOGIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = timedelta(minutes=LOGIN_LOCKOUT_MINUTES)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "symbiosis.security.admin_site.lockout_response"
AXES_VERBOSE = False  # no banner on every manage.py command; lockouts are still logged
# The client's address: X-Forwarded-For is believed only from these proxies
# (addresses or ranges), read from the right (symbiosis/security/client_ip.py).
TRUSTED_PROXIES = env.list("TRUSTED_PROXIES", default=["127.0.0.1", "::1"])
# Failures are counted by that address, an IPv6 client by its /64 (symbiosis/security/throttle.py).
AXES_CLIENT_IP_CALLABLE = "symbiosis.security.throttle.lockout_address"
# One account guessed at from many addresses: after this many failures within the
# window, each login for it waits LOGIN_ACCOUNT_DELAY_SECONDS after the one before,
# and its owner gets a mail (slowed down, never locked: nobody can lock anyone out).
LOGIN_ACCOUNT_FAILURE_LIMIT = env.int("LOGIN_ACCOUNT_FAILURE_LIMIT", default=20)
LOGIN_ACCOUNT_WINDOW_MINUTES = env.int("LOGIN_ACCOUNT_WINDOW_MINUTES", default=15)
LOGIN_ACCOUNT_DELAY_SECONDS = env.int("LOGIN_ACCOUNT_DELAY_SECONDS", default=30)
# Signed-in sessions end after this long without a request, and with the browser.
SESSION_COOKIE_AGE = env.int("SESSION_IDLE_MINUTES", default=60) * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# And this long after the login, however busy (symbiosis/security/sessions.py).
SESSION_ENGINE = "symbiosis.security.sessions"
SESSION_ABSOLUTE_HOURS = env.int("SESSION_ABSOLUTE_HOURS", default=12)
# Two-factor codes (TOTP apps and recovery codes) with django-otp. Required for all
# staff unless DEBUG is on or OTP_REQUIRED_FOR_STAFF=off says otherwise (a demo);
# `check --deploy` warns when it is off. Staff enrol through a link an administrator
# mails them (valid PASSWORD_RESET_TIMEOUT, three days), never with the password alone.
OTP_REQUIRED_FOR_STAFF = env.bool("OTP_REQUIRED_FOR_STAFF", default=not DEBUG)
RECOVERY_CODE_COUNT = 10
OTP_TOTP_ISSUER = "Kalundborg Symbiose"
# No administrator reads another person's TOTP secret or QR code in the admin.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

# Languages: Danish first and default; every public page lives under /da/ and /en/.
LANGUAGE_CODE = "da"
LANGUAGES = [("da", _("Danish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Copenhagen"
LANGUAGE_COOKIE_SECURE = not DEBUG
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

# Static files: hashed names, compressed copies, served by whitenoise with a
# one-year immutable cache. Media: uploads, on the local disk by default.
STATIC_URL = "/static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "media")))
# Serve MEDIA_ROOT from Django itself (one machine, no nginx in front). Turn off
# when nginx or object storage serves /media/.
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=True)
# Where `manage.py backup` (make backup) writes its archives.
BACKUP_DIR = Path(env.str("BACKUP_DIR", default=str(BASE_DIR / "backups")))
# Keys that encrypt and sign the archives (`manage.py backup --new-key` makes one), kept
# apart from them: the first writes, each may read (put a new key first to rotate).
BACKUP_KEY = env.list("BACKUP_KEY", default=[])
# After each backup, archives in BACKUP_DIR older than this many days are deleted, but
# never the newest BACKUP_KEEP_LATEST (0 days: none are deleted).
BACKUP_KEEP_DAYS = env.int("BACKUP_KEEP_DAYS", default=30)
BACKUP_KEEP_LATEST = env.int("BACKUP_KEEP_LATEST", default=7)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Files served at the site's root (favicon.ico, which browsers ask for by that name).
WHITENOISE_ROOT = BASE_DIR / "public"
WHITENOISE_MAX_AGE = 60 * 60  # unhashed files such as favicon.ico; hashed ones get a year

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Mail through Django 6.1's MAILERS. MAIL_URL: smtp://user:password@host:587 (TLS
# via STARTTLS), smtps://…:465 (implicit TLS) or console:// for development.
_mail = env.url("MAIL_URL", default="console://" if DEBUG else "smtp://localhost:25")
if _mail.scheme == "console":
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
else:
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": _mail.hostname or "localhost",
                "port": _mail.port or (465 if _mail.scheme == "smtps" else 25),
                "username": _mail.username or "",
                "password": _mail.password or "",
                "use_ssl": _mail.scheme == "smtps",
                "use_tls": _mail.scheme == "smtp" and _mail.port == 587,
                "timeout": 10,
            },
        }
    }
# Django's Tasks: enqueued into the database, run by `manage.py db_worker` (make run
# starts one beside the server; production runs it as its own service).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# Mail the SMTP server did not take for a passing reason (no connection, a timeout, a 4xx
# answer) is tried again after each of these waits in seconds, then given up
# (symbiosis/mail.py); a 5xx answer is final at once. MAIL_RETRY_SECONDS=60,300,… in the
# environment. MAIL_RESULT_DAYS: the record of each message and the task results (both
# hold recipients' addresses) are deleted this many days later by `manage.py prune_mail`.
MAIL_RETRY_SECONDS = env.list("MAIL_RETRY_SECONDS", cast=int, default=[60, 300, 1800, 7200, 21600])
MAIL_RESULT_DAYS = env.int("MAIL_RESULT_DAYS", default=7)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="sekretariat@symbiosis.example.org")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
ADMINS = [("Secretariat", a) for a in env.list("ADMINS", default=[])]

# Behind a TLS-terminating proxy that sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
# Load balancers probe /healthz over plain HTTP inside the network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = 0 if DEBUG else env.int("SECURE_HSTS_SECONDS", default=31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_HTTPONLY = True
# __Host-: browsers keep these only when Secure, for Path=/ and with no Domain, so no
# subdomain or plain-HTTP page can plant or overwrite them. Plain names with DEBUG on
# (no HTTPS on a developer's machine). Code reads the names from these settings.
SESSION_COOKIE_NAME = "sessionid" if DEBUG else "__Host-sessionid"
CSRF_COOKIE_NAME = "csrftoken" if DEBUG else "__Host-csrftoken"
X_FRAME_OPTIONS = "DENY"

# Strict CSP: everything from our own origin; scripts only from it or with the
# request's nonce. No inline styles or scripts without a nonce.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    # Violations are reported to our own endpoint and shown to staff in the admin
    # (symbiosis/security/csp.py): report-uri for every browser, report-to (the
    # Reporting-Endpoints header, BrowserPolicyMiddleware) for those that know it.
    "report-uri": ["/csp-report/"],  # CSP_REPORT_PATH
    "report-to": ["csp"],
}
CSP_REPORT_PATH = "/csp-report/"
# Reports a client address may send a minute (more are refused with 429 and dropped),
# the largest body taken (413 beyond), the most kinds of report kept, and how long a
# kind not seen again is kept (deleted when a new kind arrives).
CSP_REPORTS_PER_MINUTE = env.int("CSP_REPORTS_PER_MINUTE", default=20)
CSP_REPORT_MAX_BYTES = 8 * 1024
CSP_REPORT_MAX_ROWS = 1000
CSP_REPORT_KEEP_DAYS = 90

# The public forms' spam guard (symbiosis/spam.py). Posts one client address (an IPv6
# client by its /64, as logins are counted) may send to one kind of form within the
# window; more are refused with a 429 page and not stored.
FORM_POSTS_LIMIT = env.int("FORM_POSTS_LIMIT", default=5)
FORM_POSTS_WINDOW_MINUTES = env.int("FORM_POSTS_WINDOW_MINUTES", default=10)
# A form sent sooner than this after it was shown was not filled in by a person. Never
# more than 3: a visitor who pastes a short message must not be turned away.
FORM_MIN_FILL_SECONDS = min(env.int("FORM_MIN_FILL_SECONDS", default=3), 3)

# A published listing's contact is reminded this many days before it expires
# (listings/retention.py).
LISTING_REMINDER_DAYS = env.int("LISTING_REMINDER_DAYS", default=14)

# The partners' workspace (workspace/): an invitation's link works this many days; the
# editors of a partner that has not answered a data round are reminded once, this many
# days before its deadline.
WORKSPACE_INVITATION_DAYS = env.int("WORKSPACE_INVITATION_DAYS", default=14)
DATA_ROUND_REMINDER_DAYS = env.int("DATA_ROUND_REMINDER_DAYS", default=7)

# What people send through the forms (enquiries/) is anonymised this many months after
# it was last changed, by a daily task (enquiries/retention.py; the privacy page says so).
ENQUIRY_RETENTION_MONTHS = env.int("ENQUIRY_RETENTION_MONTHS", default=24)
# The hour (site time) the daily tasks run: retention, reminders (symbiosis/daily.py).
DAILY_TASKS_HOUR = env.int("DAILY_TASKS_HOUR", default=3)
# `migrate` books each daily task's next run when none is waiting (off in the tests, whose
# worker runs would otherwise meet tonight's runs in the queue; they book them themselves).
DAILY_TASKS_BOOKED_AT_MIGRATE = env.bool("DAILY_TASKS_BOOKED_AT_MIGRATE", default=True)

# Absolute address of the site for canonical links, e.g. https://symbiosis.dk
# (empty: taken from each request's host).
SITE_URL = env.str("SITE_URL", default="").rstrip("/")

# What visitors read in the footer: the secretariat's address (demo values until
# the contact page's content arrives; set them for a real deployment).
SECRETARIAT = {
    "name": "Kalundborg Symbiose",
    "street": env.str("CONTACT_STREET", default="Sekretariatet"),
    "postcode": "4400",
    "town": "Kalundborg",
    "email": env.str("CONTACT_EMAIL", default="kontakt@symbiosis.example.org"),
    "phone": env.str("CONTACT_PHONE", default="+45 55 55 01 00"),
}
# Where security researchers report a vulnerability (/.well-known/security.txt);
# empty: the secretariat's address above.
SECURITY_CONTACT = env.str("SECURITY_CONTACT", default="")

# Logs on standard output: JSON lines with the request's id (symbiosis/logs.py), or
# plain text (LOG_FORMAT=plain, the default with DEBUG) for reading in a terminal.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {"()": "symbiosis.logs.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "()": "symbiosis.logs.StdoutHandler",
            "formatter": env.str("LOG_FORMAT", default="plain" if DEBUG else "json"),
        }
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}
