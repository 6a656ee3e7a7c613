"""The one settings module, read from environment variables.

Every value a deployment may change comes from the environment through a typed reader that
fails loudly on a bad value. Nothing secret lives in the repository: the secret key is generated
into ``COMUNA_HOME`` on first run.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

import dj_database_url
import platformdirs
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    if raw.lower() in {"1", "true", "yes", "on"}:
        return True
    if raw.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}") from None


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def _home() -> Path:
    raw = os.environ.get("COMUNA_HOME")
    home = Path(raw) if raw else Path(platformdirs.user_data_dir("comuna", appauthor=False))
    home = home.expanduser().resolve()
    # Its owner's alone (see ``comuna.core.home``): whatever the umask of the process.
    home.mkdir(mode=0o700, parents=True, exist_ok=True)
    return home


def _secret_key(home: Path) -> str:
    if key := os.environ.get("COMUNA_SECRET_KEY"):
        return key
    path = home / "secret_key"
    if not path.exists():
        # Written with O_EXCL so that two workers starting at once cannot each write a key.
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(fd, "w") as handle:
                handle.write(secrets.token_urlsafe(50))
    return path.read_text().strip()


COMUNA_HOME = _home()
SECRET_KEY = _secret_key(COMUNA_HOME)
DEBUG = env_bool("COMUNA_DEBUG", False)
# The laptop at the commune is reached by phones on the local wifi at whatever address it
# was given that day, so every host is accepted unless the deployment narrows it.
ALLOWED_HOSTS = env_list("COMUNA_ALLOWED_HOSTS", ["*"])
CSRF_TRUSTED_ORIGINS = env_list("COMUNA_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "ninja",
    "axes",
    "comuna.core",
    "comuna.users",
    "comuna.census",
    "comuna.ledger",
    "comuna.governance",
    "comuna.distribution",
    "comuna.enterprises",
    "comuna.waste",
    "comuna.recycling",
    "comuna.production",
    "comuna.brigades",
    "comuna.incidents",
    "comuna.letters",
    "comuna.health",
    "comuna.peace",
    "comuna.comanaged",
    "comuna.circuits",
    "comuna.clearing",
    "comuna.memberships",
    "comuna.federation",
    "comuna.consultations",
    "comuna.gatherings",
    "comuna.sync",
    "comuna.portal",
    "comuna.api",
    "comuna.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "comuna.core.headers.SecurityHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "comuna.core.middleware.BadInputMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
    "comuna.memberships.middleware.CommuneMiddleware",
    "comuna.core.errors.RefusalMiddleware",
    # After the commune is known: a form's one-time token is the commune's.
    "comuna.core.once.OnceMiddleware",
]

ROOT_URLCONF = "comuna.urls"
WSGI_APPLICATION = "comuna.wsgi.application"
AUTH_USER_MODEL = "users.User"
LOGIN_URL = "users:login"
LOGIN_REDIRECT_URL = "portal:home"
LOGOUT_REDIRECT_URL = "portal:home"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "comuna.memberships.context_processors.tenancy",
            ],
        },
    }
]


def _databases() -> dict[str, Any]:
    url = os.environ.get("DATABASE_URL")
    if url:
        config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
        config.setdefault("TEST", {})
        databases = {"default": config}
        replica_url = os.environ.get("DATABASE_REPLICA_URL")
        if replica_url:
            # A streaming replica of the same database: the federation's read pages are
            # served from it (``comuna.core.replica``). In tests it is the same database.
            replica = dj_database_url.parse(replica_url, conn_max_age=60, conn_health_checks=True)
            replica["TEST"] = {"MIRROR": "default"}
            databases["replica"] = replica
        return databases
    return {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": COMUNA_HOME / "comuna.sqlite3",
            "OPTIONS": {
                # WAL lets readers work while one writer writes; synchronous=FULL means no
                # write is acknowledged before it is on disk, so a power cut loses nothing
                # that a user was told was saved.
                "init_command": (
                    "PRAGMA journal_mode=WAL;"
                    "PRAGMA synchronous=FULL;"
                    "PRAGMA foreign_keys=ON;"
                    "PRAGMA busy_timeout=20000;"
                ),
                # Writers take the lock when the transaction begins, so two of them never
                # deadlock upgrading a read lock to a write lock.
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
        }
    }


DATABASES = _databases()
DATABASE_ROUTERS = ["comuna.core.replica.ReplicaRouter"]
# Reads go back to the primary while the replica is further behind than this (seconds) or
# does not answer; checked at most every COMUNA_REPLICA_CHECK_SECONDS per process.
REPLICA_MAX_LAG_SECONDS = env_int("COMUNA_REPLICA_MAX_LAG", 30)
REPLICA_CHECK_SECONDS = env_int("COMUNA_REPLICA_CHECK_SECONDS", 5)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

# Login attempts: five failures for one username from one address lock it for 15 minutes.
AXES_FAILURE_LIMIT = env_int("COMUNA_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 0.25
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "users/locked_out.html"
AXES_VERBOSE = False

HTTPS = env_bool("COMUNA_HTTPS", False)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = HTTPS
SESSION_COOKIE_AGE = 60 * 60 * 12
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# A form refused for its CSRF token gets the site's own refusal page, in the user's language.
CSRF_FAILURE_VIEW = "comuna.core.errors.csrf_failure"

LANGUAGE_CODE = "es"
LANGUAGES = [("es", _("Spanish")), ("en", _("English"))]
LOCALE_PATHS = [Path(__file__).resolve().parent / "locale"]
USE_I18N = True
TIME_ZONE = os.environ.get("COMUNA_TIME_ZONE", "America/Caracas")
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = COMUNA_HOME / "static"
STATIC_ROOT.mkdir(exist_ok=True)
# Static files are served from the installed package itself: the laptop has no separate web
# server and no build step, so there is nothing to collect before serving.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

# Shared by every worker of ``comuna serve``: what is counted once per change (the public
# figures, ``core.web.fragment_cached``) is counted once, whichever worker answers. Files in
# the data folder, as there is no cache server on the laptop.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": COMUNA_HOME / "cache",
    }
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("COMUNA_LOG_LEVEL", "WARNING")},
}
