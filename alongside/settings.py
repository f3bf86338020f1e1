"""Settings, read from the environment. Defaults make `make run` work with nothing set.

See the configuration table in README.md for every variable.
"""

import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from alongside.lib.env import env_bool, env_int, env_list, env_str

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(env_str("DATA_DIR", str(PACKAGE_DIR.parent / "var"))).resolve()

DEBUG = env_bool("DEBUG", True)


def _secret_key() -> str:
    key = env_str("SECRET_KEY", "")
    if key:
        return key
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set when DEBUG is off. Generate one with: "
            "python3 -c 'import secrets; print(secrets.token_urlsafe(50))'"
        )
    # Development: generate one key and keep it, so sessions survive restarts.
    path = DATA_DIR / "secret_key"
    if not path.exists():
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
# Django's test client calls itself "testserver"; a production site never answers to it.
ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] + (["testserver"] if DEBUG else [])
)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    # First, so that our templates (registration/*) win over the admin's of the same name.
    "alongside",
    # The admin site signs in through the site's throttle (alongside/people/admin_site.py).
    "alongside.people.admin_app.AdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "alongside.people",
    "alongside.programs",
    "alongside.mentorships",
    "alongside.goals",
    "alongside.meetings",
    "alongside.growth",
    "alongside.matching",
    "alongside.threads",
    "alongside.notifications",
    "alongside.privacy",
    "alongside.insights",
    "alongside.home",
]

MIDDLEWARE = [
    "alongside.lib.headers.SecurityHeadersMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "alongside.lib.middleware.RefuseNulMiddleware",
    # The address and browser of the request, for the audit log (no query).
    "alongside.people.audit.AuditContextMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "alongside.lib.middleware.ApiErrorMiddleware",
    "alongside.lib.middleware.ErrorTitleMiddleware",
    # With REQUIRE_2FA_FOR_ADMINS: staff and program admins set up two-factor first.
    "alongside.people.middleware.TwoFactorRequiredMiddleware",
    "alongside.people.middleware.PersonTimezoneMiddleware",
    "alongside.people.middleware.LastActiveMiddleware",
    # Records the signed-in browser for "My sessions" (a write every 5 minutes at most).
    "alongside.people.sessions.BrowserSessionMiddleware",
]

ROOT_URLCONF = "alongside.urls"
WSGI_APPLICATION = "alongside.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "alongside.notifications.context.site",
            ],
        },
    },
]

_default_db = f"sqlite:///{DATA_DIR / 'alongside.sqlite3'}"
_database_url = env_str("DATABASE_URL", "") or _default_db
DATABASES = {
    "default": dj_database_url.parse(
        _database_url,
        # Keep connections a minute: a new PostgreSQL connection per request halved
        # throughput in the benchmark, and SQLite would run its pragmas on every request.
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60, minimum=0),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets readers work while one writer writes; IMMEDIATE takes the write
        # lock at BEGIN so that two writers queue instead of failing half-way.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Django's, with a health check that sends no `SELECT 1` while the kept connection is
    # quiet (alongside/lib/pgbackend/base.py): one round trip fewer per request.
    DATABASES["default"]["ENGINE"] = "alongside.lib.pgbackend"
    # Server-side binding lets psycopg prepare a statement the second time it is sent
    # (prepare_threshold), so PostgreSQL stops parsing and planning the same queries on
    # every request: planning took longer than running for most multi-table queries, and
    # the database's CPU per page fell by 55-70%. Behind PgBouncer, prepared statements
    # need PgBouncer 1.21 or later (max_prepared_statements set); DB_PREPARED_STATEMENTS=0
    # turns them off for an older pooler.
    if env_bool("DB_PREPARED_STATEMENTS", True):
        DATABASES["default"]["OPTIONS"] = {
            "server_side_binding": True,
            "prepare_threshold": env_int("DB_PREPARE_THRESHOLD", 2, minimum=0),
        }
# SQLite takes no INCLUDE columns on an index (people's mentor-ranking index): it builds
# the index without them, which is what the ranking expects there (people/models.py).
SILENCED_SYSTEM_CHECKS = ["models.W040"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "people.Person"
AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.ModelBackend"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Argon2id first (new and changed passwords); the others only read older hashes, which
# are re-hashed with Argon2 at the person's next sign-in (alongside/people/hashers.py).
PASSWORD_HASHERS = [
    "alongside.people.hashers.Argon2Hasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
LOGIN_URL = "signin"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24

OPEN_SIGNUP = env_bool("OPEN_SIGNUP", True)
# The base of every link in an email and of the calendar feed; never the request's Host.
# By default the address `alongside serve` listens on (it passes its --port as PORT).
PORT = env_int("PORT", 8000, minimum=1)
# How long a program's insights dashboard is kept in the cache (seconds; 0 computes it on
# every request). A big program's aggregates read every meeting of its pairs.
INSIGHTS_CACHE_SECONDS = env_int("INSIGHTS_CACHE_SECONDS", 120, minimum=0)
SITE_URL = env_str("SITE_URL", f"http://127.0.0.1:{PORT}").rstrip("/")

# Sign-in throttling: failures are counted per (email, address) pair, and more loosely
# per email (an attacker on many addresses) and per address (one address, many emails),
# so that a stranger's wrong tries neither lock a person out from everywhere nor lock
# out everyone behind one proxy. Once a count reaches its limit, tries on that key are
# refused until its window ends. The right password is refused too, then.
SIGNIN_MAX_FAILURES = env_int("SIGNIN_MAX_FAILURES", 5, minimum=1)
SIGNIN_MAX_FAILURES_PER_EMAIL = env_int("SIGNIN_MAX_FAILURES_PER_EMAIL", 20, minimum=1)
SIGNIN_MAX_FAILURES_PER_ADDRESS = env_int("SIGNIN_MAX_FAILURES_PER_ADDRESS", 100, minimum=1)
SIGNIN_WINDOW_SECONDS = env_int("SIGNIN_WINDOW_SECONDS", 15 * 60, minimum=1)
# Per client address and hour: accounts created, password-reset emails asked for (also
# per email address, so that nobody's inbox can be flooded) and API tokens created.
# Generous per address: a program's kick-off may have a whole office behind one address.
SIGNUPS_PER_HOUR = env_int("SIGNUPS_PER_HOUR", 50, minimum=1)
PASSWORD_RESETS_PER_HOUR = env_int("PASSWORD_RESETS_PER_HOUR", 20, minimum=1)
PASSWORD_RESETS_PER_EMAIL_PER_HOUR = env_int("PASSWORD_RESETS_PER_EMAIL_PER_HOUR", 3, minimum=1)
TOKENS_PER_HOUR = env_int("TOKENS_PER_HOUR", 30, minimum=1)
# How the client address is found: with 0, the address that connected (REMOTE_ADDR).
# Behind N reverse proxies that each append to X-Forwarded-For, the address the
# outermost of them saw: the Nth entry from the right. Entries further left are set by
# the client and never trusted.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0, minimum=0)

# API tokens end after this many days; a person has at most API_TOKENS_MAX live ones.
API_TOKEN_DAYS = env_int("API_TOKEN_DAYS", 90, minimum=1)
API_TOKENS_MAX = env_int("API_TOKENS_MAX", 20, minimum=1)

# Two-factor sign-in is optional for everyone; with this on, staff and program admins
# must set it up before they can use the site or get an API token.
REQUIRE_2FA_FOR_ADMINS = env_bool("REQUIRE_2FA_FOR_ADMINS", False)

# The audit log (sign-ins, tokens, passwords, two-factor, admin actions) keeps its rows
# this many days; the sweep removes older ones.
AUDIT_RETENTION_DAYS = env_int("AUDIT_RETENTION_DAYS", 365, minimum=1)

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG

# Requests larger than this are refused before they are parsed.
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("MAX_REQUEST_BYTES", 2 * 1024 * 1024, minimum=1024)
# A participants CSV (API, upload page, CLI) may be larger than other requests: 13,000
# rows are about 5 MB. Past these limits the import answers 413 and asks for a split.
IMPORT_MAX_BYTES = env_int("IMPORT_MAX_BYTES", 20 * 1024 * 1024, minimum=1024)
IMPORT_MAX_ROWS = env_int("IMPORT_MAX_ROWS", 50_000, minimum=1)
# A matching run over at most this many mentees runs in the request; a larger one goes to
# the worker, and its page shows its progress.
MATCHING_INLINE_MENTEES = env_int("MATCHING_INLINE_MENTEES", 2000, minimum=0)

# Files the site writes for people: data exports (under EXPORTS_DIR). Never served as
# static files: only the export's owner downloads it, through the download view.
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(DATA_DIR / "media"))).resolve()
EXPORTS_DIR = MEDIA_ROOT / "exports"
# An export is kept this many days after it is ready; the sweep then deletes it.
EXPORT_DAYS = env_int("EXPORT_DAYS", 7, minimum=1)
# GET /api/v1/me/export answers the zip at once up to this many rows (every kind summed);
# beyond, ask for it with POST /api/v1/me/exports and the worker builds it. The page
# always goes through the worker.
EXPORT_INLINE_MAX_ROWS = env_int("EXPORT_INLINE_MAX_ROWS", 5000, minimum=0)
# A person keeps at most this many exports; asking for another deletes the oldest.
EXPORTS_PER_PERSON = env_int("EXPORTS_PER_PERSON", 3, minimum=1)

# Background work: Django's tasks API with a database-backed queue (`alongside worker`).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# How often the worker sweeps for due reminders, in seconds.
SWEEP_SECONDS = env_int("SWEEP_SECONDS", 60, minimum=1)

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH", str(DATA_DIR / "mail"))
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Alongside <alongside@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Hardened defaults whenever DEBUG is off (`manage.py check --deploy` passes).
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_HTTPS_PROXY", False) else None
)
SESSION_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "alongside.views.csrf_failure"
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Request lines and paths carry tokens (feed, unsubscribe, reset): masked on the way out.
    "filters": {"mask_secrets": {"()": "alongside.lib.logmask.MaskSecretsFilter"}},
    "formatters": {
        "django.server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        }
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["mask_secrets"]},
        "django.server": {
            "class": "logging.StreamHandler",
            "formatter": "django.server",
            "filters": ["mask_secrets"],
        },
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"level": "ERROR", "filters": ["mask_secrets"]},
        # runserver's request lines (Django's own handler, with the filter).
        "django.server": {"handlers": ["django.server"], "level": "INFO", "propagate": False},
    },
}
